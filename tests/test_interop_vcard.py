"""vCard 2.1, 3.0 and 4.0 in and out: the traps in FORMATS.md on hand-written cards.

Fixtures: Apple Contacts 3.0 (grouped ``itemN.`` properties, ``X-ABRELATEDNAMES`` with
``X-ABLabel``, escaped NOTE, a folded line continued with a tab, an inline PHOTO), Outlook
2.1 (quoted-printable UTF-8 with soft line breaks, an unindented base64 PHOTO), 4.0
(``PREF=``, ``tel:`` URIs, ``RELATED`` by UID), separators inside a NOTE, and broken cards.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_support import fixture, fixture_bytes, imports_or_refuses, memory_store, mutated

from infoview_graph.demo import demo_data
from infoview_graph.errors import ImportFileError
from infoview_graph.interop.vcard import read_vcards, to_vcard
from infoview_graph.models import NetworkData, Person
from infoview_graph.store.imports import apply_import

DAY = dt.date(2026, 11, 20)


def test_apple_groups_relations_categories_uid_and_escapes() -> None:
    parsed = read_vcards(fixture("apple_contacts.vcf"), today=DAY)
    people = {p.name: p for p in parsed.persons}
    smith = people["Margaret Smith"]
    # TYPE=pref puts the work address first.
    assert smith.emails == ("msmith@example.com", "margaret.smith@example.net")
    assert smith.url == "https://www.linkedin.com/in/margaret-smith-cpa"
    assert (
        smith.notes == "Runs the audit team.\nMay use Brad's name; prefers mornings, not Fridays."
    )
    assert smith.tags == (
        "General Mills",
        "Mentors",
        "vcard-uid:8D2E3F1A-5B6C-4D7E-9F80-A1B2C3D4E5F6",
    )
    assert parsed.organizations[0].name == "General Mills"
    # item1 is labelled "referred by": a referral from Brad (who is in the file);
    # item2 is a _$!<Friend>!$_ relation: not a referral.
    assert [(r.referrer, r.referee, r.on) for r in parsed.referrals] == [
        ("brad-johnson", "margaret-smith", DAY)
    ]
    assert parsed.named_referrals == ()


def test_folded_lines_are_unfolded_and_photos_ignored() -> None:
    parsed = read_vcards(fixture("apple_contacts.vcf"))
    brad = next(p for p in parsed.persons if p.name == "Brad Johnson")
    # The NOTE was folded at 75 octets, continued with a tab.
    assert brad.notes == (
        'College roommate. Asked him: "Do you know anyone who works in accounting at '
        'General Mills?"'
    )
    assert not any("9j/4AAQ" in str(p.model_dump()) for p in parsed.persons)


def test_categories_as_fields() -> None:
    parsed = read_vcards(fixture("apple_contacts.vcf"), categories_as="fields")
    assert {f.name for f in parsed.fields} == {"Mentors", "General Mills", "Friends"}
    smith = next(p for p in parsed.persons if p.name == "Margaret Smith")
    assert smith.tags == ("vcard-uid:8D2E3F1A-5B6C-4D7E-9F80-A1B2C3D4E5F6",)
    assert len(smith.fields) == 2


def test_version_21_quoted_printable_is_decoded_in_its_charset() -> None:
    parsed = read_vcards(fixture("outlook_21.vcf"))
    people = {p.name: p for p in parsed.persons}
    assert set(people) == {"Jürgen Müller", "Renée Côté"}  # not "J=C3=BCrgen"
    jurgen = people["Jürgen Müller"]
    assert jurgen.notes == (
        "Spricht Deutsch und Englisch. Kennt die Gründer persönlich.\nZweite Zeile."
    )
    assert jurgen.emails == ("juergen.mueller@example.de",)
    assert parsed.organizations[0].name == "Müller & Söhne KG"
    assert "=C3" not in str([p.model_dump() for p in parsed.persons])


def test_version_40_pref_tel_uri_and_related_by_uid() -> None:
    parsed = read_vcards(fixture("contacts_40.vcf"), today=DAY)
    people = {p.name: p for p in parsed.persons}
    denise = people["Denise Okafor"]
    assert denise.emails == ("denise.okafor@example.net", "denise@example.com")  # PREF=1 first
    assert denise.phones == ("+1-612-555-0123",)
    assert [(r.referrer, r.referee) for r in parsed.referrals] == [
        ("denise-okafor", "samuel-adeyemi")
    ]


def test_separators_inside_values_do_not_split_cards() -> None:
    """``str.splitlines()`` would split at U+2028 and NEL and lose the second card."""
    parsed = read_vcards(fixture("separators.vcf"))
    assert [p.name for p in parsed.persons] == ["Ann Lee", "Bob Stone"]
    assert parsed.persons[0].notes == "first line\nsecond line\nthird line"


def test_broken_cards_are_problems_with_lines_and_can_be_skipped() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_vcards(fixture("broken.vcf"), name="broken.vcf")
    assert caught.value.problems == (
        "broken.vcf, line 6: column 'EMAIL' is not an email address; write it as name@example.org",
        "broken.vcf, line 11: the card has no END:VCARD line; the file is cut short",
    )
    assert "not-an-email" not in str(caught.value)
    parsed = read_vcards(fixture("broken.vcf"), skip_invalid=True)
    assert [p.name for p in parsed.persons] == ["Good Card"]


def test_a_file_without_cards_is_refused() -> None:
    with pytest.raises(ImportFileError, match="no vCard in the file"):
        read_vcards(b"Name,Email\r\nAda,ada@example.org\r\n", name="people.vcf")


def test_uid_recognises_a_card_on_reimport_even_after_a_rename() -> None:
    """Apple keeps the UID when a contact is renamed; the import updates, not duplicates."""
    with memory_store() as store:
        first = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nUID:ann-1\r\nEND:VCARD\r\n"
        renamed = (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee-Stone\r\nTITLE:CFO\r\nUID:ann-1\r\n"
            b"END:VCARD\r\n"
        )
        apply_import(store, read_vcards(first))
        report = apply_import(store, read_vcards(renamed))
        assert (report.created, report.updated) == (0, 1)
        (ann,) = [p for p in store.persons() if not p.is_self]
        assert (ann.name, ann.title) == ("Ann Lee", "CFO")


# --- writing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_export_reimports_with_the_same_contacts_and_referrals(version: str) -> None:
    data = demo_data()
    text = to_vcard(data, version=version)  # type: ignore[arg-type]
    assert all(len(line) <= 75 for line in text.split(b"\r\n"))
    assert text.endswith(b"END:VCARD\r\n")
    parsed = read_vcards(text, today=DAY)
    contacts = {p.name: p for p in data.persons if not p.is_self}
    assert {p.name for p in parsed.persons} == set(contacts)
    for person in parsed.persons:
        original = contacts[person.name]
        assert person.emails == original.emails
        assert person.phones == original.phones
        assert person.url == original.url
        assert person.title == original.title
        assert person.notes == original.notes
        assert set(person.tags) - set(original.tags) == {
            next(t for t in person.tags if t.startswith("vcard-uid:"))
        }
    names = {p.id: p.name for p in data.persons}
    back = {p.id: p.name for p in parsed.persons}
    expected = {
        (names[r.referrer], names[r.referee])
        for r in data.referrals
        if not next(p for p in data.persons if p.id == r.referrer).is_self
    }
    assert {(back[r.referrer], back[r.referee]) for r in parsed.referrals} == expected


def test_export_escapes_and_folds_hostile_text() -> None:
    person = Person(
        id="x",
        name="Zoë; O'Brien, \\ 李雷" * 3,
        title="VP, Research; Ops",
        notes="line one\nline two, with; everything\\",
    )
    data = NetworkData(persons=(person,))
    for version in ("3.0", "4.0"):
        text = to_vcard(data, version=version)  # type: ignore[arg-type]
        assert all(len(line) <= 75 for line in text.split(b"\r\n"))
        back = read_vcards(text).persons[0]
        assert (back.name, back.title, back.notes) == (person.name, person.title, person.notes)


# --- fuzzing ---------------------------------------------------------------------------------


@given(st.binary(max_size=400))
def test_any_bytes_import_or_raise_the_import_error(data: bytes) -> None:
    imports_or_refuses(lambda d: read_vcards(d, name="fuzz.vcf"), b"BEGIN:VCARD\r\n" + data)


@settings(max_examples=50)
@given(
    st.sampled_from(
        ["apple_contacts.vcf", "outlook_21.vcf", "contacts_40.vcf", "separators.vcf"]
    ).flatmap(lambda name: mutated(fixture_bytes(name)))
)
def test_mutated_cards_import_or_raise_the_import_error(data: bytes) -> None:
    imports_or_refuses(lambda d: read_vcards(d, name="fuzz.vcf"), data)


@pytest.mark.parametrize(
    ("version", "parameters", "encoding"),
    [
        ("3.0", "ENCODING=b", "utf-8"),
        ("3.0", "ENCODING=B;CHARSET=ISO-8859-1", "latin-1"),
        ("2.1", "ENCODING=BASE64;CHARSET=UTF-8", "utf-8"),
        ("2.1", "ENCODING=BASE64", "utf-8"),
    ],
)
def test_base64_text_values_decode_to_text(version: str, parameters: str, encoding: str) -> None:
    """vobject hands back bytes for base64 values; names, titles and notes must be text."""
    import base64

    def b64(text: str) -> str:
        return base64.b64encode(text.encode(encoding)).decode("ascii")

    card = (
        f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN;{parameters}:{b64('Jürgen Müller')}\r\n"
        f"N:Müller;Jürgen;;;\r\nTITLE;{parameters}:{b64('Prüfer')}\r\n"
        f"NOTE;{parameters}:{b64('Grüße')}\r\nEND:VCARD\r\n"
    ).encode()
    (row,) = read_vcards(card).persons
    assert (row.name, row.title, row.notes) == ("Jürgen Müller", "Prüfer", "Grüße")
