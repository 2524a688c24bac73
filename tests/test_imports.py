"""Merging imports into the store, restoring dumps and merging persons.

Every scenario runs on a real SQLite store (in memory, or a file where reopening matters)
and checks the effect through ``store.load()``: created, updated, untouched.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from interop_support import fixture, memory_store
from strategies import networks, persons

from infoview_graph.errors import ImportFileError, InvalidInputError, NotFoundError
from infoview_graph.interop.csvfile import read_csv
from infoview_graph.interop.google import read_google_csv
from infoview_graph.interop.linkedin import read_linkedin
from infoview_graph.interop.parsed import Parsed
from infoview_graph.interop.vcard import read_vcards, to_vcard
from infoview_graph.models import (
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Referral,
    Tie,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.store import Store, actions, open_store
from infoview_graph.store._merge import person_row as _person_row
from infoview_graph.store.imports import apply_import, merge_persons
from infoview_graph.store.sqlite import _PERSONS

DAY = dt.date(2026, 11, 20)
OUTLOOK = {"First Name": "first_name", "Last Name": "last_name", "Company": "organization",
           "Job Title": "title", "E-mail Address": "email", "Notes": "notes"}  # fmt: skip

READERS: dict[str, Callable[[Path], Parsed]] = {
    "linkedin_current.csv": lambda p: read_linkedin(p, today=DAY),
    "linkedin_old_no_url.csv": lambda p: read_linkedin(p, today=DAY),
    "linkedin_german.csv": lambda p: read_linkedin(p, today=DAY),
    "linkedin_reexport.csv": lambda p: read_linkedin(p, today=DAY),
    "google_current.csv": lambda p: read_google_csv(p, today=DAY),
    "google_legacy.csv": lambda p: read_google_csv(p, today=DAY),
    "apple_contacts.vcf": lambda p: read_vcards(p, today=DAY),
    "outlook_21.vcf": lambda p: read_vcards(p, today=DAY),
    "contacts_40.vcf": lambda p: read_vcards(p, categories_as="fields", today=DAY),
    "separators.vcf": lambda p: read_vcards(p, today=DAY),
    "outlook_cp1252.csv": lambda p: read_csv(p, mapping=OUTLOOK, today=DAY),
    "people_export.csv": lambda p: read_csv(p, today=DAY),
}


def _contacts(store: Store) -> dict[str, Person]:
    return {p.id: p for p in store.persons() if not p.is_self}


@pytest.mark.parametrize("name", sorted(READERS))
def test_importing_the_same_file_twice_changes_nothing_the_second_time(name: str) -> None:
    with memory_store() as store:
        first = apply_import(store, READERS[name](fixture(name)))
        assert first.created > 0
        after_first = store.load()
        ReferralNetwork(after_first)  # a valid network
        parsed = READERS[name](fixture(name))
        second = apply_import(store, parsed)
        assert store.load() == after_first
        assert (second.created, second.updated, second.unchanged) == (0, 0, len(parsed.persons))
        assert second.likely_duplicates == ()


def test_linkedin_connections_become_persons_organizations_and_ties() -> None:
    with memory_store() as store:
        report = apply_import(store, read_linkedin(fixture("linkedin_current.csv")))
        assert (report.created, report.organizations_created) == (4, 3)
        people = {p.name: p for p in _contacts(store).values()}
        assert store.organization(people["Brad Johnson"].organization or "").name == "General Mills"
        assert people["Margaret Smith"].organization == people["Brad Johnson"].organization
        tie = store.tie("steven-olson", people["Ada Lovelace"].id)
        assert tie is not None
        assert (tie.strength, tie.since) == (0, dt.date(2023, 3, 15))
        assert {p.how for p in people.values()} == {"other"}
        # The store's own email index knows the imported addresses.
        assert store.find_by_contact(emails=["Brad.Johnson@example.com"]) == [
            (people["Brad Johnson"].id, "email")
        ]


def test_a_reexport_with_other_url_spellings_updates_and_never_duplicates() -> None:
    with memory_store() as store:
        apply_import(store, read_linkedin(fixture("linkedin_current.csv")))
        report = apply_import(store, read_linkedin(fixture("linkedin_reexport.csv")))
        assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
        assert report.changes == ("update ada-lovelace (line 5): add emails",)
        people = {p.name: p for p in _contacts(store).values()}
        assert len(people) == 4
        assert people["Ada Lovelace"].emails == ("ada@example.org",)
        # Known people are filled in, never overwritten: Brad's new employer is not taken over,
        # and no organization is created for it.
        assert store.organization(people["Brad Johnson"].organization or "").name == "General Mills"
        with pytest.raises(NotFoundError):
            store.find_organization("Cargill")


def test_never_merged_on_name_alone_but_reported_as_likely_duplicate() -> None:
    with memory_store() as store:
        actions.add_contact(store, "Brad Johnson", emails=["brad@elsewhere.example"], how="friend")
        report = apply_import(store, read_linkedin(fixture("linkedin_current.csv")))
        assert report.created == 4
        (duplicate,) = report.likely_duplicates
        assert (duplicate.person_id, duplicate.others, duplicate.line) == (
            "brad-johnson-2",
            ("brad-johnson",),
            6,
        )
        assert "referrals person merge brad-johnson brad-johnson-2 --yes" in str(duplicate)
        assert {p.id for p in _contacts(store).values() if p.name == "Brad Johnson"} == {
            "brad-johnson",
            "brad-johnson-2",
        }


def test_a_person_known_by_email_is_updated_by_email() -> None:
    with memory_store() as store:
        actions.add_contact(store, "B. Johnson", emails=["brad.johnson@example.com"], how="friend")
        report = apply_import(store, read_linkedin(fixture("linkedin_current.csv")))
        assert (report.created, report.updated) == (3, 1)
        brad = store.person("b-johnson")
        assert brad.name == "B. Johnson"  # kept
        assert brad.url == "https://www.linkedin.com/in/brad-johnson-example"  # filled
        assert brad.how == "friend"
        tie = store.tie("steven-olson", "b-johnson")
        assert tie is not None
        assert tie.strength == 4


def test_keys_that_point_at_two_persons_are_reported_and_not_shared() -> None:
    with memory_store() as store:
        actions.add_contact(store, "Ada L.", url="https://www.linkedin.com/in/ada-lovelace")
        actions.add_contact(store, "Ada Lovelace", emails=["ada@example.org"])
        report = apply_import(store, read_linkedin(fixture("linkedin_reexport.csv")))
        assert [(d.person_id, d.others) for d in report.likely_duplicates] == [
            ("ada-l", ("ada-lovelace",))
        ]
        assert store.person("ada-l").emails == ()  # the email stays with its owner
        assert store.person("ada-lovelace").emails == ("ada@example.org",)


def test_a_stronger_parsed_tie_raises_mine() -> None:
    with memory_store() as store:
        apply_import(store, read_linkedin(fixture("linkedin_current.csv")))
        report = apply_import(store, read_linkedin(fixture("linkedin_current.csv"), strength=3))
        assert report.updated == 4
        assert all(t.strength == 3 for t in store.ties_of("steven-olson").values())


def test_all_or_nothing_then_skip_invalid() -> None:
    with memory_store() as store:
        before = store.load()
        parsed = read_linkedin(fixture("linkedin_bad_rows.csv"), skip_invalid=True)
        with pytest.raises(ImportFileError, match="4 rows cannot be imported, so nothing was"):
            apply_import(store, parsed)
        assert store.load() == before
        report = apply_import(store, parsed, skip_invalid=True)
        assert report.created == 2
        assert len(report.problems) == 4
        assert "linkedin_bad_rows.csv, line 3: column 'URL'" in report.problems[0]


def test_problems_found_in_the_store_roll_everything_back() -> None:
    """An organization name that fits two organizations cannot be matched: the row is bad."""
    with memory_store() as store:
        with store.write():
            store.add_organization(Organization(id="general-mills", name="General Mills"))
            store.add_organization(
                Organization(id="gm-foods", name="GM Foods", aliases=("General Mills",))
            )
        before = store.load()
        with pytest.raises(ImportFileError) as caught:
            apply_import(store, read_linkedin(fixture("linkedin_current.csv")))
        assert "line 6: its organization's name fits 2 organizations" in str(caught.value)
        assert store.load() == before
        report = apply_import(
            store, read_linkedin(fixture("linkedin_current.csv")), skip_invalid=True
        )
        assert report.created == 2  # Ada and Zoë; Brad and Margaret work at the ambiguous name
        assert len(report.problems) == 2


def test_dry_run_reports_and_saves_nothing() -> None:
    with memory_store() as store:
        before = store.load()
        report = apply_import(store, read_linkedin(fixture("linkedin_current.csv")), dry_run=True)
        assert report.dry_run
        assert report.created == 4
        assert report.changes[0] == "create ada-lovelace (line 5)"
        assert "dry run: nothing saved" in report.summary()
        assert store.load() == before


def test_referrers_named_only_are_found_created_or_refused() -> None:
    with memory_store() as store:
        report = apply_import(store, read_google_csv(fixture("google_current.csv"), today=DAY))
        # "Denise Okafor" is in neither file nor store: she is created, with a note.
        assert store.referral("denise-okafor", "carol-lindgren") is not None
        assert any("created the referrer 'denise-okafor'" in n for n in report.notes)
        assert report.referrals_created == 2
        actions.add_contact(store, "Omar Haddad")
        actions.add_contact(store, "Omar Haddad", new=True)
        text = (
            b"First Name,Last Name,Labels,Relation 1 - Label,Relation 1 - Value\r\n"
            b"New,Person,,referredBy,Omar Haddad\r\n"
        )
        with pytest.raises(ImportFileError, match="line 2: the referrer's name fits 2 persons"):
            apply_import(store, read_google_csv(text, name="c.csv"))


def test_a_store_without_me_is_refused() -> None:
    with open_store(":memory:") as store, pytest.raises(NotFoundError, match="no 'me'"):
        apply_import(store, read_linkedin(fixture("linkedin_current.csv")))


def test_progress_is_reported_while_merging() -> None:
    rows = "".join(f"P{n},Q{n},https://www.linkedin.com/in/p{n},,Acme,Dev,1 Jan 2020\r\n"
                   for n in range(1200))  # fmt: skip
    parsed = read_linkedin(
        f"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n{rows}".encode()
    )
    seen: list[tuple[int, int]] = []
    with memory_store() as store:
        apply_import(store, parsed, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(500, 1200), (1000, 1200)]


@settings(max_examples=25)
@given(networks(max_persons=8), st.sampled_from(["3.0", "4.0"]))
def test_any_address_book_imports_idempotently(data: NetworkData, version: str) -> None:
    """Contacts written as vCards and read back merge once; the second import is a no-op."""
    assume(any(not p.is_self for p in data.persons))
    with memory_store() as store:
        text = to_vcard(data, version=version)  # type: ignore[arg-type]
        parsed = read_vcards(text, today=DAY, skip_invalid=True)
        apply_import(store, parsed, skip_invalid=True)
        after = store.load()
        assert len(after.persons) <= len(data.persons) + 1
        again = apply_import(store, parsed, skip_invalid=True)
        assert store.load() == after
        assert (again.created, again.updated) == (0, 0)


# --- merge_persons ---------------------------------------------------------------------------


def _two_records_of_one_person(path: Path) -> None:
    """``ann`` and ``ann-2`` are one person; each has edges, some to the same people."""
    day = dt.date(2026, 11, 2)
    data = NetworkData(
        persons=(
            Person(id="me", name="Steven Olson", is_self=True),
            Person(id="ann", name="Ann Lee", emails=("ann@example.org",), title="CFO"),
            Person(
                id="ann-2",
                name="Ann Lee",
                emails=("ann.lee@example.net",),
                title="Chief",
                url="https://example.org/ann",
                tags=("alumni",),
                notes="From LinkedIn.",
            ),
            Person(id="bob", name="Bob Stone"),
            Person(id="cy", name="Cy Young"),
        ),
        ties=(
            Tie(a="me", b="ann", strength=2),
            Tie(a="me", b="ann-2", strength=4, since=day),
            Tie(a="ann", b="ann-2", strength=5),
            Tie(a="ann-2", b="bob", strength=3, context="team"),
            Tie(a="ann", b="cy", strength=1),
            Tie(a="ann-2", b="cy", strength=3),
        ),
        referrals=(
            Referral(referrer="bob", referee="ann-2", on=day),
            Referral(referrer="ann-2", referee="cy", on=day, note="from ann-2"),
            Referral(referrer="ann", referee="cy", on=day, note="from ann"),
            Referral(referrer="ann-2", referee="ann", on=day),
        ),
        outreach=(
            Outreach(id="o-1", person="ann-2", on=day, via="ann"),
            Outreach(id="o-2", person="bob", on=day, via="ann-2"),
        ),
        interviews=(
            Interview(id="i-1", person="ann-2", on=day, referrals=("ann", "cy")),
            Interview(id="i-2", person="bob", on=day, referrals=("ann", "ann-2")),
        ),
        followups=(FollowUp(id="f-1", person="ann-2", due=day, note="thank"),),
    )
    actions.create_store(path, data=data)


def test_merge_moves_every_edge_and_keeps_one_where_both_had_it(tmp_path: Path) -> None:
    path = tmp_path / "referrals.db"
    _two_records_of_one_person(path)
    with open_store(path) as store:
        change = merge_persons(store, "ann", "ann-2")
    assert change.notes[0].startswith("moved ")
    with open_store(path) as store:
        data = store.load()
    ReferralNetwork(data)
    ann = next(p for p in data.persons if p.id == "ann")
    assert "ann-2" not in {p.id for p in data.persons}
    assert ann.emails == ("ann@example.org", "ann.lee@example.net")
    assert (ann.title, ann.url, ann.tags, ann.notes) == (
        "CFO", "https://example.org/ann", ("alumni",), "From LinkedIn.",
    )  # fmt: skip
    ties = {(t.a, t.b): t for t in data.ties}
    assert set(ties) == {("ann", "me"), ("ann", "bob"), ("ann", "cy")}
    assert ties[("ann", "me")].strength == 4
    assert ties[("ann", "me")].since is not None
    assert (ties[("ann", "bob")].strength, ties[("ann", "bob")].context) == (3, "team")
    assert ties[("ann", "cy")].strength == 3  # the stronger of 1 and 3
    referrals = {(r.referrer, r.referee): r for r in data.referrals}
    assert set(referrals) == {("bob", "ann"), ("ann", "cy")}
    assert referrals[("ann", "cy")].note == "from ann"  # keep's own wins
    outreach = {o.id: o for o in data.outreach}
    assert (outreach["o-1"].person, outreach["o-1"].via) == ("ann", None)
    assert outreach["o-2"].via == "ann"
    interviews = {i.id: i for i in data.interviews}
    assert (interviews["i-1"].person, interviews["i-1"].referrals) == ("ann", ("cy",))
    assert interviews["i-2"].referrals == ("ann",)
    assert [f.person for f in data.followups] == ["ann"]
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_merge_refuses_one_person_twice_and_me(tmp_path: Path) -> None:
    path = tmp_path / "referrals.db"
    _two_records_of_one_person(path)
    with open_store(path) as store:
        before = store.load()
        with pytest.raises(InvalidInputError, match="the same person"):
            merge_persons(store, "ann", "ann")
        with pytest.raises(InvalidInputError, match="'me' cannot be merged"):
            merge_persons(store, "me", "ann")
        with pytest.raises(NotFoundError):
            merge_persons(store, "ann", "nobody")
        assert store.load() == before


@settings(max_examples=30)
@given(networks(max_persons=8), st.data())
def test_merging_any_two_contacts_leaves_a_valid_network_without_the_other(
    data: NetworkData, draw: st.DataObject
) -> None:
    contacts = sorted(p.id for p in data.persons if not p.is_self)
    assume(len(contacts) >= 2)
    keep, other = draw.draw(st.permutations(contacts))[:2]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "referrals.db"
        actions.create_store(path, data=data)
        with open_store(path) as store:
            merge_persons(store, keep, other)
            after = store.load()
    network = ReferralNetwork(after)
    assert other not in network
    assert len(after.interviews) == len(data.interviews)
    assert len(after.outreach) == len(data.outreach)
    assert len(after.followups) == len(data.followups)
    mine = {r for r in data.referrals if other not in (r.referrer, r.referee)}
    assert mine <= set(after.referrals)


@given(st.data())
def test_bulk_person_rows_match_the_stores_own_mapping(draw: st.DataObject) -> None:
    """apply_import writes new persons with its own fast row builder: it must not drift."""
    person = draw.draw(persons(org_ids=["acme", "cargill"], field_ids=["accounting"]))
    assert _person_row(person) == _PERSONS.row(person)
