"""LinkedIn's Connections.csv and export ZIP: every trap in FORMATS.md, on hand-written files.

The fixtures are in LinkedIn's real layouts: today's English export (BOM, CRLF, the
"Notes:" preamble, quoted commas, ``,,,,,,`` padding, a member who hides their data), an
older export without the URL column, the German export, a file whose header was deleted,
and one with bad rows among good ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_support import fixture, fixture_bytes, imports_or_refuses, mutated

from infoview_graph.errors import ImportFileError
from infoview_graph.interop import _collect, linkedin
from infoview_graph.interop._collect import parse_day, profile_url
from infoview_graph.interop.linkedin import MAX_MEMBER_BYTES, read_linkedin


def test_todays_export_preamble_bom_crlf_quoted_commas_and_padding() -> None:
    """The header sits on line 4, after the preamble; padding rows are skipped silently."""
    parsed = read_linkedin(fixture("linkedin_current.csv"))
    people = {p.name: p for p in parsed.persons}
    assert sorted(people) == ["Ada Lovelace", "Brad Johnson", "Margaret Smith", "Zoë Martín"]
    ada = people["Ada Lovelace"]
    assert ada.title == "VP, Research"
    assert ada.url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.emails == ()  # usually empty: only where the member allows it
    assert ada.how == "other"
    assert people["Brad Johnson"].emails == ("brad.johnson@example.com",)
    orgs = {o.id: o.name for o in parsed.organizations}
    assert orgs[ada.organization] == "Analytical Engines, Ltd."
    assert people["Margaret Smith"].organization == people["Brad Johnson"].organization
    assert parsed.lines[ada.id] == 5
    # The member who hides everything but the date is left out, and said so.
    assert any("1 rows have no name" in n for n in parsed.notes)
    assert parsed.problems == ()


def test_connected_on_becomes_the_ties_date_and_strength_defaults_to_unknown() -> None:
    parsed = read_linkedin(fixture("linkedin_current.csv"))
    ties = {t.person: t for t in parsed.ties}
    assert ties["ada-lovelace"].since == dt.date(2023, 3, 15)
    assert {t.strength for t in parsed.ties} == {0}
    stronger = read_linkedin(fixture("linkedin_current.csv"), strength=2)
    assert {t.strength for t in stronger.ties} == {2}


def test_a_file_without_header_fails_loudly_instead_of_importing_nothing() -> None:
    with pytest.raises(ImportFileError, match="no header with 'First Name' and 'Last Name'"):
        read_linkedin(fixture("linkedin_no_header.csv"))


def test_older_export_without_url_is_read_by_column_name() -> None:
    """Without URL every later column moves one place left; names still find them."""
    parsed = read_linkedin(fixture("linkedin_old_no_url.csv"))
    priya = next(p for p in parsed.persons if p.name == "Priya Raman")
    assert priya.url is None
    assert priya.emails == ("priya.raman@example.org",)
    assert priya.title == "Development Officer"
    assert {o.name for o in parsed.organizations} == {
        "Lutheran Social Services",
        "Prairie Health Foundation",
    }
    assert {t.since for t in parsed.ties} == {dt.date(2017, 5, 4), dt.date(2018, 11, 21)}


@settings(max_examples=20)
@given(st.permutations(range(7)))
def test_columns_are_read_by_name_in_any_order(order: list[int]) -> None:
    lines = fixture_bytes("linkedin_current.csv").decode("utf-8-sig").split("\r\n")
    header_at = lines.index("First Name,Last Name,URL,Email Address,Company,Position,Connected On")
    rows = list(csv.reader(io.StringIO("\r\n".join(lines[header_at:]), newline="")))
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([[r[i] for i in order] if len(r) == 7 else r for r in rows])
    shuffled = read_linkedin(buffer.getvalue().encode())
    assert shuffled.persons == read_linkedin(fixture("linkedin_current.csv")).persons


def test_german_export_header_and_month_names() -> None:
    parsed = read_linkedin(fixture("linkedin_german.csv"))
    people = {p.name: p for p in parsed.persons}
    assert set(people) == {"Jürgen Müller", "Anna Schmidt"}
    assert people["Anna Schmidt"].emails == ("anna.schmidt@example.de",)
    assert "Müller & Söhne, KG" in {o.name for o in parsed.organizations}
    assert sorted(t.since for t in parsed.ties) == [dt.date(2021, 10, 2), dt.date(2023, 3, 15)]


@pytest.mark.parametrize(
    ("text", "month"),
    [
        *[(f"15 {m} 2023", n) for n, m in enumerate(
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
            1)],
        *[(f"1 {m} 2024", n) for n, m in enumerate(
            ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"], 1)],
    ],
)  # fmt: skip
def test_every_english_month_name_parses(text: str, month: int) -> None:
    assert parse_day(text).month == month


def test_months_come_from_an_explicit_table_never_the_locale() -> None:
    """``%b`` in strptime follows the process locale: the readers must not use it."""
    for module in (linkedin, _collect):
        assert ".strptime(" not in inspect.getsource(module)
    with pytest.raises(ValueError, match="unknown month"):
        parse_day("15 Smarch 2023")
    with pytest.raises(ValueError, match="day is out of range"):
        parse_day("31 Feb 2023")


def test_bad_rows_all_or_nothing_naming_file_line_and_column_never_the_value() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_linkedin(fixture("linkedin_bad_rows.csv"), name="Connections.csv")
    problems = caught.value.problems
    assert [p.split(":")[0] for p in problems] == [
        "Connections.csv, line 3",
        "Connections.csv, line 4",
        "Connections.csv, line 5",
        "Connections.csv, line 6",
    ]
    assert "column 'URL'" in problems[0]
    assert "column 'Connected On'" in problems[1]
    assert "column 'Email Address'" in problems[2]
    assert "a connection needs a name" in problems[3]
    message = str(caught.value) + " ".join(problems)
    for value in ("bob-broken", "Smarch", "dan-at-example.org", "nameless"):
        assert value not in message
    assert "--skip-invalid" in str(caught.value)


def test_skip_invalid_returns_the_good_rows_and_lists_the_bad() -> None:
    parsed = read_linkedin(fixture("linkedin_bad_rows.csv"), skip_invalid=True)
    assert [p.name for p in parsed.persons] == ["Ada Lovelace", "Eve Fine"]
    assert [p.line for p in parsed.problems] == [3, 4, 5, 6]


def test_profile_urls_are_normalised_for_deduplication() -> None:
    assert {
        profile_url(u)
        for u in (
            "https://www.linkedin.com/in/ada-lovelace",
            "http://linkedin.com/in/ada-lovelace/",
            "https://WWW.LinkedIn.com/in/ada-lovelace?trk=public_profile",
            " https://de.linkedin.com/in/ada-lovelace/ ",
        )
    } == {"https://www.linkedin.com/in/ada-lovelace"}


# --- the export ZIP --------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_is_read_in_memory_from_its_sub_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the ZIP must never be extracted to disk")

    monkeypatch.setattr(zipfile.ZipFile, "extractall", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "extract", refuse)
    monkeypatch.chdir(tmp_path)
    archive = tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip"
    archive.write_bytes(
        _zip(
            {
                "Basic_LinkedInDataExport_11-20-2026/Profile.csv": b"First Name,Last Name\r\n",
                "Basic_LinkedInDataExport_11-20-2026/Connections.csv": fixture_bytes(
                    "linkedin_current.csv"
                ),
            }
        )
    )
    parsed = read_linkedin(archive)
    assert len(parsed.persons) == 4
    assert parsed.file.endswith("(Basic_LinkedInDataExport_11-20-2026/Connections.csv)")
    assert sorted(p.name for p in tmp_path.iterdir()) == [archive.name]


def test_zip_members_with_dotdot_or_absolute_paths_are_ignored() -> None:
    data = _zip(
        {
            "../Connections.csv": fixture_bytes("linkedin_current.csv"),
            "/etc/Connections.csv": fixture_bytes("linkedin_current.csv"),
            "export/../../Connections.csv": fixture_bytes("linkedin_current.csv"),
        }
    )
    with pytest.raises(ImportFileError, match=r"holds no Connections\.csv"):
        read_linkedin(data, name="export.zip")


def test_zip_bomb_is_refused_by_its_declared_size_before_inflating() -> None:
    bomb = _zip({"Connections.csv": b"\0" * (MAX_MEMBER_BYTES + 1)})
    assert len(bomb) < 200_000  # a few hundred kB that would inflate past 50 MiB
    with pytest.raises(ImportFileError, match="larger than 50 MiB"):
        read_linkedin(bomb, name="export.zip")


def test_a_damaged_zip_is_an_import_error() -> None:
    data = _zip({"Connections.csv": fixture_bytes("linkedin_current.csv")})
    with pytest.raises(ImportFileError, match="not a readable ZIP"):
        read_linkedin(data[: len(data) // 2], name="export.zip")


def test_a_zip_listing_too_many_members_is_refused_before_they_are_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """zipfile makes an object per member before anything can be checked (a million
    empty members took 620 MB), so the count in the ZIP's end record decides first."""
    members = {f"m/{n}.txt": b"" for n in range(30)}
    members["Connections.csv"] = fixture_bytes("linkedin_current.csv")
    path = tmp_path / "export.zip"
    path.write_bytes(_zip(members))
    assert len(read_linkedin(path).persons) == 4
    monkeypatch.setattr(linkedin, "MAX_MEMBERS", 30)
    opened: list[object] = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: opened.append(a))
    with pytest.raises(ImportFileError, match=r"export.zip: the ZIP lists 31 members; "):
        read_linkedin(path)
    assert opened == []


def test_blank_lines_cost_nothing_and_are_no_rows() -> None:
    """A header, then a million empty lines and ',,,,,,' rows: read as a stream, never
    held; the one connection after them keeps its line number."""
    header = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    data = header + b"\n" * 1_000_000 + b",,,,,,\r\n" * 1000 + b"Ada,Lovelace,,,,,\r\n"
    parsed = read_linkedin(data, name="Connections.csv")
    assert [p.name for p in parsed.persons] == ["Ada Lovelace"]
    assert parsed.rows == 1
    assert parsed.lines[parsed.persons[0].id] == 1_001_002


def test_progress_is_reported_on_large_files() -> None:
    rows = "".join(f"P{n},Q{n},https://www.linkedin.com/in/p{n},,Acme,Dev,1 Jan 2020\r\n"
                   for n in range(6000))  # fmt: skip
    seen: list[tuple[int, int]] = []
    parsed = read_linkedin(
        (
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n" + rows
        ).encode(),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert len(parsed.persons) == 6000
    assert seen[-1] == (6000, 6000)


# --- fuzzing: any bytes, and mutations of the real files ----------------------------------


@given(st.binary(max_size=400))
def test_any_bytes_import_or_raise_the_import_error(data: bytes) -> None:
    imports_or_refuses(lambda d: read_linkedin(d, name="fuzz.csv"), data)


@settings(max_examples=40)
@given(
    st.sampled_from(
        ["linkedin_current.csv", "linkedin_old_no_url.csv", "linkedin_german.csv"]
    ).flatmap(lambda name: mutated(fixture_bytes(name)))
)
def test_mutated_exports_import_or_raise_the_import_error(data: bytes) -> None:
    imports_or_refuses(lambda d: read_linkedin(d, name="fuzz.csv"), data)


@settings(max_examples=25)
@given(mutated(_zip({"export/Connections.csv": fixture_bytes("linkedin_current.csv")})))
def test_mutated_zips_import_or_raise_the_import_error(data: bytes) -> None:
    imports_or_refuses(lambda d: read_linkedin(d, name="fuzz.zip"), data)
