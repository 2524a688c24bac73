"""Google Contacts CSV, both layouts: the traps in FORMATS.md on hand-written exports.

``google_current.csv`` has Google's current header (``First Name`` … ``Labels``,
``E-mail 1 - Label``), values sharing cells with ``" ::: "``, system labels, a primary
value marked ``"* "``, ``referredBy`` relations (to someone in the file and to someone who
is not) and a multi-line note; ``google_legacy.csv`` has the old header (``Name``,
``Group Membership``, ``E-mail 1 - Type``, ``Organization 1 - Name``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_support import fixture, fixture_bytes, imports_or_refuses, memory_store, mutated

from infoview_graph.errors import ImportFileError
from infoview_graph.interop.google import read_google_csv
from infoview_graph.store import actions
from infoview_graph.store.imports import apply_import

DAY = dt.date(2026, 11, 20)


def test_current_layout_multi_values_labels_and_primary_first() -> None:
    parsed = read_google_csv(fixture("google_current.csv"), today=DAY)
    people = {p.name: p for p in parsed.persons}
    assert set(people) == {"Brad Johnson", "Mrs. Margaret Smith", "Carol Lindgren", "Priya Raman"}
    brad = people["Brad Johnson"]
    assert brad.emails == ("brad.johnson@example.com", "brad@example.net", "bj@example.org")
    assert brad.tags == ("Friends",)  # "* myContacts" is a system label: dropped
    assert brad.notes == "Roommate at college.\nKnows everyone in finance."
    assert brad.url == "https://www.linkedin.com/in/brad-johnson-example"
    assert brad.title == "Senior Financial Analyst"
    # "* Home" marks Margaret's primary address although it is E-mail 2.
    assert people["Mrs. Margaret Smith"].emails == (
        "margaret.smith@example.net",
        "msmith@example.com",
    )
    priya = people["Priya Raman"]
    assert priya.tags == ("Mentors",)  # "* starred" and "* myContacts" dropped
    assert priya.phones == ("+1 651-555-0199", "+1 651-555-0100")
    assert priya.url == "https://priya.example.org"


def test_referred_by_becomes_a_referral_matched_by_name() -> None:
    parsed = read_google_csv(fixture("google_current.csv"), today=DAY)
    # Brad is in the file: a referral between provisional ids.
    assert [(r.referrer, r.referee, r.on) for r in parsed.referrals] == [
        ("brad-johnson", "mrs-margaret-smith", DAY)
    ]
    # Denise is not ("Referred by" written as a custom label): matched in the store later.
    assert [(n.referrer_name, n.referee) for n in parsed.named_referrals] == [
        ("Denise Okafor", "carol-lindgren")
    ]
    # Priya's "Spouse" relation is no referral.
    assert all(r.referee != "priya-raman" for r in parsed.referrals)


def test_referrer_named_only_is_found_in_the_store() -> None:
    with memory_store() as store:
        denise = actions.add_contact(store, "Denise Okafor", how="colleague").record
        apply_import(store, read_google_csv(fixture("google_current.csv"), today=DAY))
        referral = store.referral(denise.id, "carol-lindgren")
        assert referral is not None
        assert referral.on == DAY


def test_legacy_layout() -> None:
    parsed = read_google_csv(fixture("google_legacy.csv"), today=DAY)
    people = {p.name: p for p in parsed.persons}
    omar = people["Omar Haddad"]
    assert omar.emails == ("omar.haddad@example.org", "omar@example.net")  # "* Work" first
    assert omar.tags == ("Colleagues",)  # "* My Contacts" dropped
    assert omar.title == "Program Director"
    assert omar.notes == "Met at the alumni mixer"
    assert {o.name for o in parsed.organizations} == {"Lutheran Social Services", "Cargill"}
    assert [(r.referrer, r.referee) for r in parsed.referrals] == [("omar-haddad", "elena-petrova")]


def test_a_header_of_neither_layout_is_refused() -> None:
    with pytest.raises(ImportFileError, match="line 1: the header is not Google Contacts CSV"):
        read_google_csv(fixture("linkedin_old_no_url.csv"), name="contacts.csv")


def test_an_ambiguous_referrer_in_the_file_is_a_problem() -> None:
    text = (
        b"First Name,Last Name,Labels,Relation 1 - Label,Relation 1 - Value\r\n"
        b"Ann,Lee,,,\r\nAnn,Lee,,,\r\nBob,Stone,,referredBy,Ann Lee\r\n"
    )
    with pytest.raises(ImportFileError, match="line 4: the referrer's name fits 2 people"):
        read_google_csv(text, name="contacts.csv")


@settings(max_examples=20)
@given(st.permutations(range(27)))
def test_column_order_does_not_matter(order: list[int]) -> None:
    """Google's column order is not fixed: the same rows with shuffled columns read the same."""
    text = fixture_bytes("google_current.csv").decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([[row[i] for i in order] for row in rows])
    shuffled = read_google_csv(buffer.getvalue().encode(), today=DAY)
    assert shuffled.persons == read_google_csv(fixture("google_current.csv"), today=DAY).persons


@given(st.binary(max_size=400))
def test_any_bytes_import_or_raise_the_import_error(data: bytes) -> None:
    imports_or_refuses(lambda d: read_google_csv(d, name="fuzz.csv"), data)


@settings(max_examples=50)
@given(
    st.sampled_from(["google_current.csv", "google_legacy.csv"]).flatmap(
        lambda name: mutated(fixture_bytes(name))
    )
)
def test_mutated_exports_import_or_raise_the_import_error(data: bytes) -> None:
    imports_or_refuses(lambda d: read_google_csv(d, name="fuzz.csv"), data)
