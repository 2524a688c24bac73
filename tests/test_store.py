"""The SQLite store: pragmas, file modes, transactions, busy writers, migrations, loading."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_support import first_row

from infoview_graph.errors import (
    DuplicateError,
    InvalidInputError,
    NotFoundError,
    SchemaVersionError,
    StoreBusyError,
    StoreError,
    StoreMissingError,
)
from infoview_graph.models import Person, Referral
from infoview_graph.store import SCHEMA_VERSION, Store, actions, default_db_path, open_store

FIXTURES = Path(__file__).parent / "fixtures"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_pragmas_are_set_on_every_connection(db_path: Path) -> None:
    with open_store(db_path, busy_timeout=3) as store:
        assert store.pragma("journal_mode") == "wal"
        assert store.pragma("synchronous") == 2  # FULL
        assert store.pragma("foreign_keys") == 1
        assert store.pragma("secure_delete") == 1
        assert store.pragma("busy_timeout") == 3000
        assert store.pragma("user_version") == SCHEMA_VERSION


def test_store_file_is_private_even_under_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "new-dir" / "referrals.db"
        actions.create_store(path, "Steven Olson")
        with open_store(path) as store:
            actions.add_contact(store, "Ann Lee")
            # While a connection is open the WAL and shared-memory files exist: SQLite gives
            # them the database file's mode.
            for suffix in ("-wal", "-shm"):
                assert mode(path.with_name(path.name + suffix)) == 0o600
        assert mode(path) == 0o600
        assert mode(path.parent) == 0o700
    finally:
        os.umask(old)


def test_default_path_honours_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REFERRALS_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("REFERRALS_DB")
    assert default_db_path().name == "referrals.db"
    assert "infoview-graph" in str(default_db_path())


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreMissingError, match="referrals init"):
        open_store(tmp_path / "nothing.db")
    assert not (tmp_path / "nothing.db").exists()


def test_create_refuses_an_existing_file(db_path: Path) -> None:
    before = db_path.read_bytes()
    with pytest.raises(DuplicateError):
        actions.create_store(db_path, "Someone Else")
    assert db_path.read_bytes() == before


def test_create_with_invalid_name_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with pytest.raises(Exception, match="control character"):
        actions.create_store(path, "Bad\x1bName")
    assert not path.exists()


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some text, not SQLite\n" * 100)
    with pytest.raises(StoreError, match="not a referrals store"):
        open_store(path)


def test_a_failed_write_rolls_back_everything(store: Store) -> None:
    def add_person_then_a_broken_referral() -> None:
        with store.write():
            store.add_person(Person(id="ann", name="Ann"))
            store.add_referral(Referral(referrer="ann", referee="nobody", on=dt.date(2026, 1, 5)))

    with pytest.raises(NotFoundError):
        add_person_then_a_broken_referral()
    assert store.count("persons") == 1


def test_changes_outside_a_transaction_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="inside"):
        store.add_person(Person(id="ann", name="Ann"))


def test_schema_enforces_integrity_even_without_the_library(db_path: Path) -> None:
    """The CHECKs and foreign keys hold for raw SQL too: nothing slips in by another route."""
    with open_store(db_path) as store:
        con = store._con
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(
                "INSERT INTO referrals(referrer, referee, on_date) VALUES (?, ?, ?)",
                ("steven-olson", "steven-olson", "2026-01-01"),
            )
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO ties(a, b, strength) VALUES ('a', 'b', 1)")
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(
                "INSERT INTO persons(id, name, name_key, is_self) VALUES ('x', 'X', 'x', 1)"
            )


def test_single_record_change_writes_a_constant_number_of_rows(db_path: Path) -> None:
    """Adding one contact costs the same rows whether the store holds 10 or 300 people."""

    def changes_for_one_add(n_existing: int, path: Path) -> int:
        actions.create_store(path, "Me")
        with open_store(path) as store:
            for i in range(n_existing):
                actions.add_contact(store, f"Person {i}", fields=("accounting",))
            before = store._con.total_changes
            actions.add_contact(store, "New Person", org="Acme", fields=("accounting",))
            return store._con.total_changes - before

    small = changes_for_one_add(10, db_path.with_name("small.db"))
    large = changes_for_one_add(300, db_path.with_name("large.db"))
    assert small == large
    # organization, person, person_fields, tie, the graph-version counter that the
    # person's and the tie's triggers bump, and the person-version counter that the
    # person's and its field's triggers bump (SQLite counts trigger changes too)
    assert small == 8


def test_busy_store_gives_store_busy_error(db_path: Path) -> None:
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store(db_path, busy_timeout=0.2) as store:
            with pytest.raises(StoreBusyError, match="another referrals command") as caught:
                actions.add_contact(store, "Ann Lee")
            assert caught.value.exit_code == 75
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with open_store(db_path) as store:
        assert [p.id for p in store.persons()] == ["steven-olson"]


def test_forget_leaves_no_bytes_behind(store: Store, db_path: Path) -> None:
    canary = "Zqxjkv Canary"
    actions.add_contact(store, canary, notes="canary-note-8f3a", emails=("canary8f3a@example.org",))
    actions.refer(store, canary, "Other Person", on=dt.date(2026, 11, 2), note="canary-ref-8f3a")
    actions.forget_contact(store, canary)
    store.close()
    for suffix in ("", "-wal"):
        path = db_path.with_name(db_path.name + suffix)
        if path.exists():
            data = path.read_bytes()
            for needle in (b"Zqxjkv", b"canary-note-8f3a", b"canary8f3a", b"canary-ref-8f3a"):
                assert needle not in data, (suffix, needle)


def test_load_is_complete_and_canonical(store: Store) -> None:
    actions.add_contact(store, "Brad Johnson", org="General Mills", fields=("Accounting",))
    actions.refer(store, "Brad Johnson", "Mrs. Smith", on=dt.date(2026, 11, 17), may_use_name=True)
    actions.add_target(store, "org", "General Mills", priority=1)
    data = store.load()
    assert data == data.sorted()
    assert [p.id for p in data.persons] == ["brad-johnson", "mrs-smith", "steven-olson"]
    assert data.referrals[0].may_use_name is True
    assert data.targets[0].id == "general-mills"
    network = store.load_network()
    assert network.find_person("mrs smith").id == "mrs-smith"
    assert network.tie("steven-olson", "brad-johnson") is not None


def test_write_data_round_trips_the_demo(tmp_path: Path) -> None:
    from infoview_graph.demo import demo_data

    path = tmp_path / "demo.db"
    actions.create_store(path, data=demo_data())
    with open_store(path) as store:
        assert store.load() == demo_data().sorted()


def test_write_data_refuses_a_non_empty_store(store: Store) -> None:
    from infoview_graph.models import NetworkData

    with pytest.raises(DuplicateError, match="not empty"):
        store.write_data(NetworkData())


# --- schema versions ----------------------------------------------------------------------


def make_v0(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "store-v0.sql").read_text())
    con.close()
    path.chmod(0o600)


def test_v0_store_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v0(path)
    with open_store(path) as store:
        assert store.pragma("user_version") == SCHEMA_VERSION
        data = store.load()
    backup = tmp_path / "old.db.v0.bak"
    assert backup.exists()
    assert mode(backup) == 0o600
    old = sqlite3.connect(backup)
    assert old.execute("SELECT count(*) FROM contacts").fetchone()[0] == 4
    old.close()
    people = {p.id: p for p in data.persons}
    assert set(people) == {"steven-olson", "brad-johnson", "mrs-smith", "ann-lee"}
    assert people["steven-olson"].is_self
    assert people["brad-johnson"].emails == ("brad@example.org",)
    assert people["brad-johnson"].organization == "general-mills"
    assert people["ann-lee"].organization is None  # an empty company is no organization
    assert [o.name for o in data.organizations] == ["General Mills"]
    ties = {(t.a, t.b): t.strength for t in data.ties}
    assert ties == {("brad-johnson", "steven-olson"): 4, ("ann-lee", "steven-olson"): 1}
    assert [(r.referrer, r.referee, r.on) for r in data.referrals] == [
        ("brad-johnson", "mrs-smith", dt.date(2026, 10, 1))
    ]


def test_newer_store_is_refused_and_left_byte_identical(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaVersionError, match="newer"):
        open_store(db_path)
    assert db_path.read_bytes() == before


# --- two processes --------------------------------------------------------------------------


def test_two_processes_writing_at_once_lose_nothing(db_path: Path) -> None:
    worker = textwrap.dedent(
        """
        import sys
        from infoview_graph.store import open_store
        from infoview_graph.store.actions import add_contact
        path, tag = sys.argv[1], sys.argv[2]
        for i in range(30):
            with open_store(path, busy_timeout=10) as store:
                add_contact(store, f"{tag} Person {i}")
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", worker, str(db_path), tag]) for tag in "AB"]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with open_store(db_path) as store:
        assert store.count("persons") == 61
        assert store.count("ties") == 60


def test_v1_store_gains_the_email_index(tmp_path: Path) -> None:
    """A store written by the first release (schema 1) is backed up, then given the email
    index of schema 2: the emails it held are found again, whatever their case."""
    path = tmp_path / "v1.db"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "store-v1.sql").read_text())
    con.close()
    path.chmod(0o600)
    with open_store(path) as store:
        assert store.pragma("user_version") == SCHEMA_VERSION
        assert store.find_by_contact(emails=["brad@example.org"]) == [("brad-johnson", "email")]
        assert store.find_by_contact(emails=["ANN@example.org"]) == [("ann-lee", "email")]
        data = store.load()
    backup = tmp_path / "v1.db.v1.bak"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert first_row(backup, "PRAGMA user_version") == (1,)
    assert {p.id for p in data.persons} == {"steven-olson", "brad-johnson", "ann-lee", "mrs-smith"}
    brad = next(p for p in data.persons if p.id == "brad-johnson")
    assert brad.emails == ("Brad@Example.org", "brad.j@example.org")
    assert [o.via for o in data.outreach] == ["brad-johnson"]


def test_an_email_belongs_to_one_person_whatever_its_case(store: Store) -> None:
    actions.add_contact(store, "Ann Lee", emails=("Ann@Example.org", "ann@example.org"))
    with pytest.raises(DuplicateError, match="ann-lee"):
        actions.add_contact(store, "Other", emails=("ANN@EXAMPLE.ORG",))


def test_v2_store_gains_the_graph_cache(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "store-v2.sql").read_text())
    con.close()
    path.chmod(0o600)
    with open_store(path) as store:
        assert store.pragma("user_version") == SCHEMA_VERSION
        network = store.load_network()
    assert network.tie("ann-lee", "brad-johnson").context == "same team"
    assert network.strengths("steven-olson") == {"ann-lee": 3, "brad-johnson": 4}
    assert (tmp_path / "v2.db.v2.bak").exists()


def test_v3_store_gains_the_meeting_columns(tmp_path: Path) -> None:
    """A store as schema 3 wrote it keeps its outreach (no meeting yet), takes a meeting
    afterwards, and ends with the same ``outreach`` table as a store made new."""
    path = tmp_path / "v3.db"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "store-v3.sql").read_text())
    con.close()
    path.chmod(0o600)
    with open_store(path) as store:
        assert store.pragma("user_version") == SCHEMA_VERSION
        before = {o.id: o for o in store.load().outreach}
        migrated = store._con.execute("PRAGMA table_info(outreach)").fetchall()
        actions.schedule_meeting(
            store, "Mrs. Smith", on=dt.date(2026, 11, 24), mode="phone", today=dt.date(2026, 11, 20)
        )
    backup = tmp_path / "v3.db.v3.bak"
    assert mode(backup) == 0o600
    assert first_row(backup, "PRAGMA user_version") == (3,)
    assert sorted(before) == ["outreach-ann-lee", "outreach-mrs-smith"]
    smith = before["outreach-mrs-smith"]
    assert (smith.via, smith.replied_on, smith.meeting_on) == (
        "brad-johnson",
        dt.date(2026, 11, 19),
        None,
    )
    with open_store(path) as store:
        (attempt,) = store.outreach_to("mrs-smith")
        assert (attempt.meeting_on, attempt.meeting_mode) == (dt.date(2026, 11, 24), "phone")
        assert store.referral("brad-johnson", "mrs-smith").status == "scheduled"
    with open_store(":memory:") as fresh:
        assert migrated == fresh._con.execute("PRAGMA table_info(outreach)").fetchall()


def test_the_schema_refuses_an_unknown_meeting_mode(store: Store) -> None:
    actions.add_contact(store, "Ann Lee")
    actions.log_outreach(store, "Ann Lee", on=dt.date(2026, 11, 3))
    with pytest.raises(sqlite3.IntegrityError):
        store._con.execute("UPDATE outreach SET meeting_on = '2026-11-09', meeting_mode = 'fax'")


def _statements(store: Store) -> list[str]:
    seen: list[str] = []
    store._con.set_trace_callback(seen.append)
    return seen


def _reads_every_tie(statements: list[str]) -> bool:
    """Whether one of the statements reads the ties table itself (not the cache)."""
    return any(
        "FROM ties WHERE a BETWEEN" in s or "SELECT a, b, strength FROM ties" in s
        for s in statements
    )


def test_the_second_load_reads_the_ties_from_the_cache(store: Store) -> None:
    actions.add_contact(store, "Ann Lee", how="friend")
    actions.add_contact(store, "Brad Johnson", how="colleague")
    actions.know(store, "Ann Lee", "Brad Johnson", strength=2, context="same team")
    first = store.load_network()
    seen = _statements(store)
    second = store.load_network()
    assert not _reads_every_tie(seen)
    assert second.to_data() == first.to_data()
    assert second.tie("ann-lee", "brad-johnson").context == "same team"
    actions.know(store, "me", "Brad Johnson", strength=5)  # a change: the cache is stale
    seen.clear()
    third = store.load_network()
    assert _reads_every_tie(seen)
    assert third.strengths("steven-olson")["brad-johnson"] == 5


def _fresh_compact(store: Store) -> tuple[list[str], list[int], list[int], list[int]]:
    from infoview_graph.compact import compact_from_rows

    ids = [row[0] for row in store._con.execute("SELECT id FROM persons")]
    rows = store._con.execute("SELECT a, b, strength FROM ties").fetchall()
    view = compact_from_rows(ids, rows)
    return view.ids, view.indptr.tolist(), view.indices.tolist(), view.strength.tolist()


@given(st.lists(st.tuples(st.sampled_from(["add", "know", "forget", "edit"]),
                          st.integers(0, 5), st.integers(0, 5)), max_size=12))  # fmt: skip
@settings(max_examples=40, deadline=None)
def test_the_cached_view_always_matches_the_ties(steps: list[tuple[str, int, int]]) -> None:
    """Whatever sequence of changes, the network loaded (from the cache when it is current)
    holds exactly the ties a fresh build from the rows gives."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cache.db"
        actions.create_store(path, "Steven Olson")
        with open_store(path) as store:
            names = [f"Person {i}" for i in range(6)]
            for kind, i, j in steps:
                known = {p.name for p in store.persons()}
                if kind == "add" and names[i] not in known:
                    actions.add_contact(store, names[i], how="friend")
                elif kind == "know" and {names[i], names[j]} <= known and i != j:
                    actions.know(store, names[i], names[j], strength=j)
                elif kind == "forget" and names[i] in known:
                    actions.forget_contact(store, names[i])
                elif kind == "edit" and names[i] in known:
                    actions.edit_contact(store, names[i], strength=j)
                for _ in range(2):  # the second load comes from the cache
                    view = store.load_network().compact()
                    expected = _fresh_compact(store)
                    got = (view.ids, view.indptr.tolist(), view.indices.tolist(),
                           view.strength.tolist())  # fmt: skip
                    assert got == expected


# --- events that close what they answer ------------------------------------------------------

NOV = 11


def day(n: int) -> dt.date:
    """A day of November 2026 (the 2nd is a Monday)."""
    return dt.date(2026, NOV, n)


@pytest.fixture
def smith(store: Store) -> Store:
    """Brad referred me to Mrs. Smith on 2 Nov (may use his name); Ann referred me to her
    on 3 Nov; I wrote to her on 4 Nov."""
    actions.add_contact(store, "Brad Johnson", how="friend")
    actions.add_contact(store, "Ann Lee", how="colleague")
    actions.refer(store, "Brad Johnson", "Mrs. Smith", on=day(2), may_use_name=True)
    actions.refer(store, "Ann Lee", "Mrs. Smith", on=day(3))
    actions.log_outreach(store, "Mrs. Smith", on=day(4), via="Brad Johnson")
    return store


def _answers(store: Store, person: str) -> list[tuple[str, object, bool, object, object]]:
    return [
        (o.id, o.replied_on, o.declined, o.meeting_on, o.meeting_mode)
        for o in store.outreach_to(person)
    ]


def test_a_reply_answers_every_outreach_that_awaits_one(smith: Store) -> None:
    """Written on 4 Nov, followed up on 13 Nov (7 business days later), answered on 16 Nov:
    the one reply answers both messages, so neither stays open for a follow-up."""
    actions.log_outreach(smith, "Mrs. Smith", on=day(13))
    change = actions.log_reply(smith, "Mrs. Smith", on=day(16))
    assert change.record.id == "outreach-mrs-smith-2"
    assert change.notes == ("the reply also answers outreach-mrs-smith of 2026-11-04",)
    assert _answers(smith, "mrs-smith") == [
        ("outreach-mrs-smith", day(16), False, None, None),
        ("outreach-mrs-smith-2", day(16), False, None, None),
    ]
    with pytest.raises(NotFoundError, match="awaits a reply"):
        actions.log_reply(smith, "Mrs. Smith", on=day(17))


def test_a_decline_answers_every_open_outreach_and_closes_the_referrals(smith: Store) -> None:
    actions.log_outreach(smith, "Mrs. Smith", on=day(13))
    actions.log_reply(smith, "Mrs. Smith", on=day(16), declined=True)
    assert [a[1:3] for a in _answers(smith, "mrs-smith")] == [(day(16), True)] * 2
    assert {r.referrer: r.status for r in smith.referrals_to("mrs-smith")} == {
        "ann-lee": "declined",
        "brad-johnson": "declined",
    }


def test_a_reply_answers_only_what_was_sent_before_it(smith: Store) -> None:
    """A reply on 10 Nov cannot answer a message of 13 Nov; a reply dated before every
    open message is refused and changes nothing."""
    actions.log_outreach(smith, "Mrs. Smith", on=day(13))
    with pytest.raises(InvalidInputError, match="before the outreach of 2026-11-04"):
        actions.log_reply(smith, "Mrs. Smith", on=day(3))
    assert [a[1] for a in _answers(smith, "mrs-smith")] == [None, None]
    assert actions.log_reply(smith, "Mrs. Smith", on=day(10)).notes == ()
    assert [a[1] for a in _answers(smith, "mrs-smith")] == [day(10), None]


def test_scheduling_implies_the_yes_and_advances_the_referrals(smith: Store) -> None:
    """Written on 4 Nov, no reply recorded; on 6 Nov I schedule a call on the 12th: she said
    yes on the 6th (today, which is before the meeting)."""
    change = actions.schedule_meeting(smith, "Mrs. Smith", on=day(12), mode="phone", today=day(6))
    assert change.record.id == "outreach-mrs-smith"
    assert change.notes == ("recorded their yes on 2026-11-06 (outreach-mrs-smith)",)
    assert _answers(smith, "mrs-smith") == [("outreach-mrs-smith", day(6), False, day(12), "phone")]
    assert {r.status for r in smith.referrals_to("mrs-smith")} == {"scheduled"}


def test_the_implied_yes_is_never_after_the_meeting_nor_before_the_outreach(
    smith: Store,
) -> None:
    """Recorded on the 20th, the meeting was on the 10th: the yes came by the 10th. A
    meeting recorded on the 1st for the 9th, on an outreach of the 4th: the yes is the 4th."""
    actions.schedule_meeting(smith, "Mrs. Smith", on=day(10), today=day(20))
    assert smith.outreach_to("mrs-smith")[0].replied_on == day(10)
    actions.add_contact(smith, "Tom Reyes")
    actions.log_outreach(smith, "Tom Reyes", on=day(4))
    actions.schedule_meeting(smith, "Tom Reyes", on=day(9), today=day(1))
    assert smith.outreach_to("tom-reyes")[0].replied_on == day(4)


def test_a_meeting_without_an_outreach_creates_one(store: Store) -> None:
    """Ann said yes in the corridor: no outreach was recorded. Scheduling on the 5th for the
    9th adds one made and answered on the 5th, channel "other"."""
    actions.add_contact(store, "Ann Lee", how="colleague")
    change = actions.schedule_meeting(store, "Ann Lee", on=day(9), mode="in-person", today=day(5))
    assert change.notes == (
        "no open outreach to ann-lee was recorded: added outreach-ann-lee (channel other) "
        "on 2026-11-05, answered the same day",
    )
    (attempt,) = store.outreach_to("ann-lee")
    assert (attempt.on, attempt.channel, attempt.replied_on, attempt.meeting_on) == (
        day(5),
        "other",
        day(5),
        day(9),
    )


def test_a_meeting_after_a_decline_goes_on_a_new_outreach(smith: Store) -> None:
    """She declined on the 5th, then changed her mind: the declined attempt stays declined."""
    actions.log_reply(smith, "Mrs. Smith", on=day(5), declined=True)
    change = actions.schedule_meeting(smith, "Mrs. Smith", on=day(20), today=day(18))
    assert change.record.id == "outreach-mrs-smith-2"
    assert _answers(smith, "mrs-smith") == [
        ("outreach-mrs-smith", day(5), True, None, None),
        ("outreach-mrs-smith-2", day(18), False, day(20), None),
    ]
    # Referrals that were closed by the decline are not reopened by the meeting.
    assert {r.status for r in smith.referrals_to("mrs-smith")} == {"declined"}


def test_rescheduling_moves_the_meeting_and_keeps_its_mode(smith: Store) -> None:
    actions.schedule_meeting(smith, "Mrs. Smith", on=day(12), mode="video", today=day(6))
    moved = actions.schedule_meeting(smith, "Mrs. Smith", on=day(16), today=day(9))
    assert moved.notes == ("moved from 2026-11-12",)
    assert (moved.record.replied_on, moved.record.meeting_mode) == (day(6), "video")
    changed = actions.schedule_meeting(smith, "Mrs. Smith", on=day(16), mode="phone")
    assert changed.notes == ("mode: video → phone",)
    with pytest.raises(DuplicateError, match="nothing changed"):
        actions.schedule_meeting(smith, "Mrs. Smith", on=day(16))
    assert _answers(smith, "mrs-smith") == [("outreach-mrs-smith", day(6), False, day(16), "phone")]


def test_schedule_refuses_me_do_not_contact_and_a_meeting_before_the_outreach(
    smith: Store,
) -> None:
    actions.add_contact(smith, "Zed Quiet", do_not_contact=True)
    with pytest.raises(InvalidInputError, match="that is you"):
        actions.schedule_meeting(smith, "me", on=day(9))
    with pytest.raises(InvalidInputError, match="--may-contact"):
        actions.schedule_meeting(smith, "Zed Quiet", on=day(9))
    with pytest.raises(InvalidInputError, match="meeting date is before the outreach date"):
        actions.schedule_meeting(smith, "Mrs. Smith", on=day(3), today=day(3))
    assert smith.outreach_to("zed-quiet") == []
    assert _answers(smith, "mrs-smith") == [("outreach-mrs-smith", None, False, None, None)]
    assert {r.status for r in smith.referrals_to("mrs-smith")} == {"contacted"}


def test_outreach_refuses_do_not_contact_and_warns_after_a_decline(smith: Store) -> None:
    actions.add_contact(smith, "Zed Quiet", do_not_contact=True)
    with pytest.raises(
        InvalidInputError, match=r"do not contact.*person edit zed-quiet --may-contact"
    ):
        actions.log_outreach(smith, "Zed Quiet", on=day(9))
    assert smith.outreach_to("zed-quiet") == []
    assert actions.log_outreach(smith, "Brad Johnson", on=day(9)).warnings == ()
    actions.log_reply(smith, "Mrs. Smith", on=day(5), declined=True)
    again = actions.log_outreach(smith, "Mrs. Smith", on=day(30))
    assert again.warnings == ("mrs-smith declined on 2026-11-05",)
    assert len(smith.outreach_to("mrs-smith")) == 2  # recorded all the same
    # Once she said yes after all, writing to her again is no cause for a warning.
    actions.log_reply(smith, "Mrs. Smith", on=dt.date(2026, 12, 1))
    assert actions.log_outreach(smith, "Mrs. Smith", on=dt.date(2026, 12, 2)).warnings == ()


def test_a_referral_stated_again_with_new_facts_is_corrected(smith: Store) -> None:
    """Ann's referral of 3 Nov (contacted): she adds that I may use her name, that it is for
    General Mills, and that she gave the name on the 5th; the status stays "contacted"."""
    actions.add_organization(smith, "General Mills")
    change = actions.refer(
        smith, "Ann Lee", "Mrs. Smith", may_use_name=True, purpose="General Mills", on=day(5)
    )
    assert change.notes == (
        "may use the name: no → yes",
        "for: General Mills",
        "on: 2026-11-03 → 2026-11-05",
    )
    ann = smith.referral("ann-lee", "mrs-smith")
    assert (ann.may_use_name, ann.for_org, ann.on, ann.status) == (
        True,
        "general-mills",
        day(5),
        "contacted",
    )
    # Not saying it again does not revoke it; only False does.
    assert actions.refer(smith, "Ann Lee", "Mrs. Smith", note="Runs audits").notes == (
        "note: added",
    )
    assert smith.referral("ann-lee", "mrs-smith").may_use_name
    with pytest.raises(DuplicateError, match="nothing changed"):
        actions.refer(smith, "Ann Lee", "Mrs. Smith", may_use_name=True, on=day(5))
    assert actions.refer(smith, "Ann Lee", "Mrs. Smith", may_use_name=False).notes == (
        "may use the name: yes → no",
    )
    assert actions.refer(smith, "Ann Lee", "Mrs. Smith", purpose="field:Auditing").notes == (
        "created career field 'Auditing' (auditing)",
        "for: General Mills → Auditing",
    )
    ann = smith.referral("ann-lee", "mrs-smith")
    assert (ann.for_field, ann.for_org, ann.note) == ("auditing", None, "Runs audits")


def test_a_thank_you_marked_done_is_recorded_on_the_interview(smith: Store) -> None:
    from infoview_graph.models import FollowUp

    actions.log_interview(smith, "Mrs. Smith", on=day(20))
    item = FollowUp(
        id="thank-you-interview-mrs-smith", kind="thank-you", person="mrs-smith", due=day(21)
    )
    change = actions.settle_followup(smith, item, done_on=day(21))
    assert change.notes == ("interview-mrs-smith: thanked on 2026-11-21",)
    assert smith.interviews_with("mrs-smith")[0].thanked_on == day(21)
    assert {f.id: f.done_on for f in smith.load().followups} == {
        "thank-you-interview-mrs-smith": day(21)
    }
    # A snooze is not a thank-you.
    actions.log_interview(smith, "Brad Johnson", on=day(20))
    snoozed = item.model_copy(
        update={"id": "thank-you-interview-brad-johnson", "person": "brad-johnson"}
    )
    actions.settle_followup(smith, snoozed, snoozed_until=day(23))
    assert smith.interviews_with("brad-johnson")[0].thanked_on is None


def test_telling_the_referrers_is_stored_as_their_agenda_items_done(smith: Store) -> None:
    """Brad and Ann both referred me to Mrs. Smith: after the interview on the 20th I told
    both on the 23rd. Her new name, Tom Reyes, comes with leave to use her name."""
    change = actions.log_interview(
        smith,
        "Mrs. Smith",
        on=day(20),
        referred=["Tom Reyes"],
        may_use_name=True,
        told_referrer_on=day(23),
    )
    assert change.record.id == "interview-mrs-smith"
    told = {f.id: (f.kind, f.person, f.due, f.done_on) for f in smith.load().followups}
    assert told == {
        "tell-referrer-interview-mrs-smith-ann-lee": ("tell-referrer", "ann-lee", day(23), day(23)),
        "tell-referrer-interview-mrs-smith-brad-johnson": (
            "tell-referrer",
            "brad-johnson",
            day(23),
            day(23),
        ),
    }
    assert smith.referral("mrs-smith", "tom-reyes").may_use_name
    # A second interview names Tom again, now without leave: only an explicit no revokes.
    again = actions.log_interview(smith, "Mrs. Smith", on=day(27), referred=["Tom Reyes"])
    assert again.notes == ()
    assert smith.referral("mrs-smith", "tom-reyes").may_use_name
    revoked = actions.log_interview(
        smith, "Mrs. Smith", on=day(28), referred=["Tom Reyes"], may_use_name=False
    )
    assert revoked.notes == ("referral mrs-smith → tom-reyes: may use the name: yes → no",)


def test_interview_log_checks_the_new_options_before_writing(smith: Store) -> None:
    with pytest.raises(InvalidInputError, match="--may-use-name: name the people"):
        actions.log_interview(smith, "Mrs. Smith", on=day(20), may_use_name=True)
    with pytest.raises(InvalidInputError, match="--told-referrer-on: 2026-11-19 is before"):
        actions.log_interview(smith, "Mrs. Smith", on=day(20), told_referrer_on=day(19))
    assert smith.interviews_with("mrs-smith") == []
    nobody = actions.log_interview(smith, "Brad Johnson", on=day(20), told_referrer_on=day(21))
    assert nobody.notes == (
        "--told-referrer-on: nobody referred you to brad-johnson; nothing to record",
    )


def test_v5_store_gains_the_person_cache(tmp_path: Path) -> None:
    """A store as schema 5 wrote it is backed up, gains the person cache with the same
    tables and triggers as a store made new, and reads its people from it alike."""
    path = tmp_path / "v5.db"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "store-v5.sql").read_text())
    con.close()
    path.chmod(0o600)
    with open_store(path) as store:
        assert store.pragma("user_version") == SCHEMA_VERSION == 6
        lazy = store.load_network(lazy=True)
        assert lazy.to_data() == store.load_network().to_data() == store.load()
        cached = store._con.execute("SELECT version FROM person_cache").fetchone()
        assert cached == store._con.execute("SELECT n FROM person_version").fetchone()
    assert lazy.person_column("fields")["ann-lee"] == ("finance", "marketing")
    assert first_row(tmp_path / "v5.db.v5.bak", "PRAGMA user_version") == (5,)
    schema = (
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE sql LIKE '%person_%' OR name = 'ties_detailed' ORDER BY name"
    )
    with open_store(":memory:") as fresh:
        expected = fresh._con.execute(schema).fetchall()
    con = sqlite3.connect(path)
    try:
        assert con.execute(schema).fetchall() == expected
    finally:
        con.close()


def test_the_few_detailed_ties_are_read_without_a_scan_of_every_tie(store: Store) -> None:
    """A read command reads the ties with a context or a date apart from the plain ones;
    with millions of ties that must be an index lookup, not a scan of the table."""
    plan = store.execute(
        "EXPLAIN QUERY PLAN SELECT a, b FROM ties WHERE context IS NOT NULL OR since IS NOT NULL"
    ).fetchall()
    assert "USING INDEX ties_detailed" in " ".join(row[-1] for row in plan)
