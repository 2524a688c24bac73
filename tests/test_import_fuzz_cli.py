"""Fuzzing the ``referrals import`` commands on mutated real files: no row vanishes.

Hypothesis mutates the fixture files of every format (CSV, LinkedIn, Google, vCard, our
JSON dump) and runs the real command on a real store. Either the command refuses the
whole file (exit 65, one line naming it, the store byte-for-byte as before), or every row
is accounted for: the rows are counted here independently with the standard library, the
summary must report that many rows read, its imported + merged + refused + skipped must
add up to them, every refused or skipped row must be reported, and the store must hold
exactly the people the imported rows (and the referrers they name) made.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from interop_support import fixture_bytes, mutated
from typer.testing import CliRunner

from infoview_graph.cli import app
from infoview_graph.store import open_store
from infoview_graph.store.actions import create_store

# A quarter of the profile's examples per format: a few seconds in the ci profile.
EXAMPLES = max(settings.default.max_examples // 4, 5)
FUZZ = settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
SUMMARY = re.compile(
    r"(\d+) rows read: (\d+) imported(?:, (\d+) merged into an earlier row's person)?"
    r"(?:, (\d+) refused \([^)]*\))?(?:; skipped (\d+) invalid rows)?"
)
LEFT_OUT = re.compile(r"(\d+) rows have no name, profile URL or email")
NEW_PEOPLE = re.compile(r"imported (\d+) new people")


class Template(bytes):
    """The bytes of a closed store holding only me, copied for each example."""

    def __repr__(self) -> str:
        return "<a store holding only me>"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    path = tmp_path_factory.mktemp("template") / "s.db"
    create_store(path, "Steven Olson")
    return Template(path.read_bytes())


def _text(data: bytes, fallback: str | None) -> str | None:
    """The file's text as the importers decode it (BOM, UTF-8, then the fallback)."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(fallback) if fallback else None


def _records(text: str) -> list[list[str]]:
    """The CSV records that hold anything (the importers skip blank ones)."""
    return [cells for cells in csv.reader(io.StringIO(text, newline="")) if "".join(cells).strip()]


def _csv_rows(data: bytes, kind: str) -> int:
    text = _text(data, "cp1252" if kind == "csv" else None)
    assert text is not None
    records = _records(text)
    if kind != "linkedin":
        return len(records) - 1  # the first is the header
    names = ({"first name", "vorname"}, {"last name", "nachname"})
    for index, cells in enumerate(records[:20]):
        folded = {" ".join(c.replace("\ufeff", "").split()).casefold() for c in cells}
        if all(folded & aliases for aliases in names):
            return len(records) - index - 1
    raise AssertionError("the importer found a header this test did not")


def _cards(data: bytes) -> int:
    text = _text(data, "cp1252")
    assert text is not None
    depth = cards = 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            cards += depth == 0
            depth += 1
        elif word == "END:VCARD" and depth:
            depth -= 1
    return cards


def _run(template: bytes, kind: str, data: bytes, suffix: str) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        db, source = Path(folder) / "s.db", Path(folder) / f"fuzz{suffix}"
        db.write_bytes(template)
        source.write_bytes(data)
        result = runner.invoke(
            app, ["--db", str(db), "import", kind, str(source), "--skip-invalid"]
        )
        event(f"exit {result.exit_code}")
        if result.exit_code != 0:
            # Refused whole: one line naming the file, nothing saved.
            assert result.exit_code == 65, result.stderr
            assert str(source) in result.stderr.splitlines()[-1]
            assert db.read_bytes() == template
            return
        out, err = result.stdout, result.stderr
        expected = _cards(data) if kind == "vcard" else _csv_rows(data, kind)
        match = SUMMARY.search(out)
        assert match is not None, out
        read, imported, merged, refused, skipped = (int(n or 0) for n in match.groups())
        assert read == expected, (out, expected)
        assert imported + merged + refused + skipped == read
        # Every row not imported is reported: its line in a note, or in the count of rows
        # without any name (LinkedIn's hidden members).
        reported = {int(n) for n in re.findall(r", line (\d+): ", err)}
        left_out = int(m[1]) if (m := LEFT_OUT.search(err + out)) else 0
        assert refused + skipped <= len(reported) + left_out, (out, err)
        created = int(NEW_PEOPLE.search(out)[1])  # type: ignore[index]
        with open_store(db) as store:
            people = store.count("persons")
        named_only = err.count("(named only)") + out.count("(named only)")
        assert people - 1 == created
        assert created - named_only <= imported


CSV_FILES = ["people_export.csv"]
LINKEDIN_FILES = ["linkedin_current.csv", "linkedin_german.csv", "linkedin_reexport.csv",
                  "linkedin_bad_rows.csv", "linkedin_old_no_url.csv"]  # fmt: skip
GOOGLE_FILES = ["google_current.csv", "google_legacy.csv"]
VCARD_FILES = ["apple_contacts.vcf", "contacts_40.vcf", "outlook_21.vcf", "separators.vcf"]


def _files(names: list[str]) -> st.SearchStrategy[bytes]:
    return st.sampled_from(names).flatmap(lambda name: mutated(fixture_bytes(name)))


@FUZZ
@given(data=_files(CSV_FILES))
def test_import_csv_loses_no_row(template: bytes, data: bytes) -> None:
    _run(template, "csv", data, ".csv")


@FUZZ
@given(data=_files(LINKEDIN_FILES))
def test_import_linkedin_loses_no_row(template: bytes, data: bytes) -> None:
    _run(template, "linkedin", data, ".csv")


@FUZZ
@given(data=_files(GOOGLE_FILES))
def test_import_google_loses_no_row(template: bytes, data: bytes) -> None:
    _run(template, "google", data, ".csv")


@FUZZ
@given(data=_files(VCARD_FILES))
def test_import_vcard_loses_no_card(template: bytes, data: bytes) -> None:
    _run(template, "vcard", data, ".vcf")


@FUZZ
@given(data=mutated(fixture_bytes("hostile_dump.json")))
def test_import_json_restores_every_record_or_nothing(data: bytes) -> None:
    """Into a new store: every person of the dump, or no store at all."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        db, source = Path(folder) / "s.db", Path(folder) / "dump.json"
        source.write_bytes(data)
        result = runner.invoke(app, ["--db", str(db), "import", "json", str(source)])
        if result.exit_code != 0:
            assert result.exit_code in (1, 65), result.stderr
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
            assert not db.exists()
            return
        persons = json.loads(data.removeprefix(codecs.BOM_UTF8))["data"]["persons"]
        with open_store(db) as store:
            assert store.count("persons") == len(persons)
