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

from infoview_graph.errors import (
    DuplicateError,
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
    # organization, person, person_fields, tie, and the graph-version counter that the
    # person's and the tie's triggers bump (SQLite counts trigger changes too)
    assert small == 6


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
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone() == (1,)
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


def _statements(store: Store) -> list[str]:
    seen: list[str] = []
    store._con.set_trace_callback(seen.append)
    return seen


def test_the_second_load_reads_the_ties_from_the_cache(store: Store) -> None:
    actions.add_contact(store, "Ann Lee", how="friend")
    actions.add_contact(store, "Brad Johnson", how="colleague")
    actions.know(store, "Ann Lee", "Brad Johnson", strength=2, context="same team")
    first = store.load_network()
    seen = _statements(store)
    second = store.load_network()
    assert not any("SELECT a, b, strength FROM ties" in s for s in seen)
    assert second.to_data() == first.to_data()
    assert second.tie("ann-lee", "brad-johnson").context == "same team"
    actions.know(store, "me", "Brad Johnson", strength=5)  # a change: the cache is stale
    seen.clear()
    third = store.load_network()
    assert any("SELECT a, b, strength FROM ties" in s for s in seen)
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
