"""Any CSV with a column mapping (Outlook's export through it), and the CSV exports.

Fixtures: Outlook's export with its localised header in Windows-1252 and the same in
UTF-16 with a BOM; our own people export (UTF-8 with a BOM, formulas escaped) read back
without a mapping.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_support import fixture, fixture_bytes, imports_or_refuses, mutated
from strategies import lines, networks

from infoview_graph.demo import demo_data
from infoview_graph.errors import ImportFileError, InvalidInputError
from infoview_graph.interop.csvfile import neutralize, parse_mapping, read_csv, to_csv
from infoview_graph.models import NetworkData, Person

OUTLOOK = {
    "First Name": "first_name",
    "Middle Name": "middle_name",
    "Last Name": "last_name",
    "Company": "organization",
    "Job Title": "title",
    "E-mail Address": "email",
    "Mobile Phone": "phone",
    "Business Phone": "phone",
    "Notes": "notes",
    "Web Page": "url",
}


def test_outlook_in_windows_1252_falls_back_with_a_note() -> None:
    parsed = read_csv(fixture("outlook_cp1252.csv"), mapping=OUTLOOK)
    people = {p.name: p for p in parsed.persons}
    assert set(people) == {"Zoë Müller", "Renée Côté"}
    zoe = people["Zoë Müller"]
    assert zoe.notes == "Budget: 5 000 € per year"
    assert zoe.title == "Buyer"
    assert zoe.url == "https://www.linkedin.com/in/zoe-mueller"
    assert {o.name for o in parsed.organizations} == {"Café Crème GmbH", "Société Générale"}
    assert any("is not UTF-8; read it as cp1252" in note for note in parsed.notes)
    # The "Title" column (Ms.) was not mapped: Outlook's Title is a salutation.
    assert zoe.title != "Ms."


def test_outlook_with_an_explicit_encoding_has_no_note() -> None:
    parsed = read_csv(fixture("outlook_cp1252.csv"), mapping=OUTLOOK, encoding="cp1252")
    assert {p.name for p in parsed.persons} == {"Zoë Müller", "Renée Côté"}
    assert not any("UTF-8" in note for note in parsed.notes)


def test_utf16_with_a_bom_is_detected() -> None:
    parsed = read_csv(fixture("outlook_utf16.csv"), mapping=OUTLOOK)
    assert {p.name for p in parsed.persons} == {"Zoë Müller", "Renée Côté"}
    assert any("5 columns are not mapped to a field" in n for n in parsed.notes)


def test_a_wrong_encoding_is_an_import_error_with_a_line() -> None:
    with pytest.raises(ImportFileError, match=r"line 2: the file is not utf-8 text"):
        read_csv(fixture("outlook_cp1252.csv"), mapping=OUTLOOK, encoding="utf-8")
    with pytest.raises(ImportFileError, match="not an encoding Python knows"):
        read_csv(fixture("outlook_cp1252.csv"), mapping=OUTLOOK, encoding="klingon")


def test_our_own_export_reads_back_without_a_mapping() -> None:
    parsed = read_csv(fixture("people_export.csv"))
    people = {p.name: p for p in parsed.persons}
    brad = people["Brad Johnson"]
    assert brad.phones == ("+1 612-555-0142",)  # the "'" added against formulas is removed
    assert brad.how == "friend"
    assert brad.notes == "Asked him about General Mills.\nSaid yes."
    assert {f.name for f in parsed.fields} == {"Accounting", "Finance"}
    eve = people["Eve Example"]
    assert eve.emails == ("eve@example.org", "eve.e@example.net")
    assert eve.title == "=not a formula"
    assert eve.do_not_contact
    ties = {t.person: t.strength for t in parsed.ties}
    assert ties == {"brad-johnson": 4, "eve-example": 0}


def test_mapping_errors_name_the_column_and_the_fix() -> None:
    assert parse_mapping(["a=b=email"]) == {"a=b": "email"}
    with pytest.raises(InvalidInputError, match="is not COLUMN=FIELD"):
        parse_mapping(["Email"])
    with pytest.raises(InvalidInputError, match="'mail' is not a field"):
        parse_mapping(["Email=mail"])
    with pytest.raises(ImportFileError, match="a column 'Surname' the header does not have"):
        read_csv(fixture("outlook_cp1252.csv"), mapping={"Surname": "last_name"})
    with pytest.raises(ImportFileError, match="no column gives the name"):
        read_csv(fixture("outlook_cp1252.csv"), mapping={"Company": "organization"})


def test_bad_cells_are_problems_naming_their_column() -> None:
    text = (
        b"Full Name,How,Strength,DNC\r\n"
        b"Ada Lovelace,friend,4,no\r\nBob,enemy,1,\r\nCarl,other,9,\r\nDee,other,2,perhaps\r\n"
    )
    mapping = {"Full Name": "name", "How": "how", "Strength": "strength", "DNC": "do_not_contact"}
    with pytest.raises(ImportFileError) as caught:
        read_csv(text, name="x.csv", mapping=mapping)
    assert [p.split(": ", 1)[1][:18] for p in caught.value.problems] == [
        "column 'How' is no",
        "column 'Strength' ",
        "column 'DNC' is no",
    ]
    assert "enemy" not in str(caught.value)
    assert "perhaps" not in str(caught.value)


# --- the CSV export --------------------------------------------------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def _cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@given(networks(max_persons=6))
def test_no_exported_cell_starts_like_a_formula(data: NetworkData) -> None:
    for what in ("people", "referrals", "interviews"):
        for row in _cells(to_csv(data, what=what)):  # type: ignore[arg-type]
            assert not any(cell.startswith(_FORMULA_STARTS) for cell in row)


@settings(max_examples=30)
@given(st.sampled_from("=+-@"), lines(max_size=12))
def test_formula_cells_are_neutralised_and_raw_keeps_them(start: str, rest: str) -> None:
    person = Person(id="p", name=start + rest, notes="\t" + rest)
    data = NetworkData(persons=(person,))
    safe = _cells(to_csv(data))[1]
    assert (safe[1], safe[11]) == ("'" + person.name, "'" + person.notes)
    raw = _cells(to_csv(data, raw=True))[1]
    assert (raw[1], raw[11]) == (person.name, person.notes)
    assert neutralize(person.name) == safe[1]


def test_people_round_trip_through_the_export() -> None:
    data = demo_data()
    parsed = read_csv(to_csv(data))
    contacts = {p.name: p for p in data.persons if not p.is_self}
    assert {p.name for p in parsed.persons} == set(contacts)
    for person in parsed.persons:
        original = contacts[person.name]
        assert (person.emails, person.phones, person.url) == (
            original.emails,
            original.phones,
            original.url,
        )
        assert (person.title, person.how, person.tags, person.notes) == (
            original.title,
            original.how,
            original.tags,
            original.notes,
        )


def test_referrals_and_interviews_exports() -> None:
    data = demo_data()
    referrals = _cells(to_csv(data, what="referrals"))
    assert referrals[0][:5] == ["referrer", "referrer_name", "referee", "referee_name", "on"]
    assert len(referrals) == len(data.referrals) + 1
    interviews = _cells(to_csv(data, what="interviews"))
    assert interviews[0][:3] == ["id", "person", "name"]
    assert len(interviews) == len(data.interviews) + 1


# --- fuzzing ---------------------------------------------------------------------------------


@given(st.binary(max_size=400))
def test_any_bytes_import_or_raise_the_import_error(data: bytes) -> None:
    imports_or_refuses(lambda d: read_csv(d, name="fuzz.csv"), b"name,email\r\n" + data)


@settings(max_examples=50)
@given(
    st.sampled_from(["people_export.csv", "outlook_cp1252.csv", "outlook_utf16.csv"]).flatmap(
        lambda name: mutated(fixture_bytes(name))
    )
)
def test_mutated_files_import_or_raise_the_import_error(data: bytes) -> None:
    def read(d: bytes) -> object:
        if b"First Name" in d or b"F\x00i\x00r\x00s\x00t" in d:
            try:
                return read_csv(d, name="fuzz.csv", mapping=OUTLOOK)
            except ImportFileError as error:
                if "--map names a column" not in str(error):
                    raise
        return read_csv(d, name="fuzz.csv")

    imports_or_refuses(read, data)  # type: ignore[arg-type]
