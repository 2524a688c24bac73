"""``referrals import …``, ``referrals export …`` and ``referrals person merge``.

The commands run in a test-local Typer app wired like ``infoview_graph.cli`` (a callback
that sets the store path); effects are checked by reopening the store.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Annotated

import pytest
import typer
from cli_support import ok_with_stderr, run
from icalendar import Calendar
from interop_support import fixture, fixture_bytes
from typer.testing import CliRunner

from infoview_graph.cli import transfer
from infoview_graph.cli._context import state
from infoview_graph.demo import demo_data
from infoview_graph.store import open_store

app = typer.Typer(pretty_exceptions_show_locals=False)


@app.callback()
def _root(db: Annotated[Path | None, typer.Option("--db")] = None) -> None:
    state.db = db


person_app = typer.Typer()
person_app.command("merge")(transfer.merge)
app.add_typer(transfer.import_app, name="import")
app.add_typer(transfer.export_app, name="export")
app.add_typer(person_app, name="person")

# The commands run on this module's own app, which mounts only the groups under test.
ok_with_stderr = partial(ok_with_stderr, app=app)
run = partial(run, app=app)


# --- help and start-up -----------------------------------------------------------------------


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    command = typer.main.get_command(app)
    paths = [
        (group, name)
        for group, sub in command.commands.items()  # type: ignore[attr-defined]
        for name in sub.commands
    ]
    assert len(paths) == 17  # import: 8 formats; export: 8; person merge
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, path


def test_the_module_imports_no_heavy_library() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import infoview_graph.cli.transfer"],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.split("\n")
        if line.startswith("import time:") and "|" in line
    }
    assert "typer" in modules
    assert not modules & {"networkx", "numpy", "matplotlib", "vobject", "icalendar"}


# --- imports ---------------------------------------------------------------------------------


def test_import_linkedin_twice_changes_nothing(runner: CliRunner, db_path: Path) -> None:
    out, _ = ok_with_stderr(
        runner, db_path, "import", "linkedin", str(fixture("linkedin_current.csv"))
    )
    assert "imported 4 new people, update 0, leave 0 unchanged; 3 new organizations" in out
    with open_store(db_path) as store:
        first = store.load()
    assert len(first.persons) == 5
    out, _ = ok_with_stderr(
        runner, db_path, "import", "linkedin", str(fixture("linkedin_current.csv"))
    )
    assert "imported 0 new people, update 0, leave 4 unchanged" in out
    with open_store(db_path) as store:
        assert store.load() == first


def test_import_zip_with_strength(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Basic/Connections.csv", fixture_bytes("linkedin_current.csv"))
    ok_with_stderr(runner, db_path, "import", "linkedin", str(archive), "--strength", "2")
    with open_store(db_path) as store:
        assert {t.strength for t in store.ties_of("steven-olson").values()} == {2}


def test_dry_run_shows_changes_and_saves_nothing(runner: CliRunner, db_path: Path) -> None:
    out, _ = ok_with_stderr(
        runner, db_path, "import", "linkedin", str(fixture("linkedin_current.csv")), "--dry-run"
    )
    assert "create ada-lovelace (line 5)" in out
    assert "(dry run: nothing saved)" in out
    with open_store(db_path) as store:
        assert store.count("persons") == 1


def test_bad_rows_exit_65_and_import_nothing_unless_skipped(
    runner: CliRunner, db_path: Path
) -> None:
    code, _, err = run(runner, db_path, "import", "linkedin", str(fixture("linkedin_bad_rows.csv")))
    assert code == 65
    assert "line 3: column 'URL' is not a web address" in err
    assert "--skip-invalid" in err
    assert "bob-broken" not in err
    with open_store(db_path) as store:
        assert store.count("persons") == 1
    out, err = ok_with_stderr(
        runner,
        db_path,
        "import",
        "linkedin",
        str(fixture("linkedin_bad_rows.csv")),
        "--skip-invalid",
    )
    assert "imported 2 new people" in out
    assert "skipped 4 invalid rows" in out
    assert err.count("note: skipped ") == 4
    with open_store(db_path) as store:
        assert store.count("persons") == 3


def test_import_vcard_categories_as_fields(runner: CliRunner, db_path: Path) -> None:
    ok_with_stderr(
        runner, db_path, "import", "vcard", str(fixture("apple_contacts.vcf")),
        "--categories-as", "fields",
    )  # fmt: skip
    with open_store(db_path) as store:
        assert {f.name for f in store.fields()} == {"Mentors", "General Mills", "Friends"}
        assert store.referral("brad-johnson", "margaret-smith") is not None


def test_import_google_with_referrals(runner: CliRunner, db_path: Path) -> None:
    _, err = ok_with_stderr(runner, db_path, "import", "google", str(fixture("google_current.csv")))
    assert "created the referrer 'denise-okafor'" in err
    with open_store(db_path) as store:
        assert store.referral("brad-johnson", "mrs-margaret-smith") is not None


def test_import_outlook_csv_with_map_and_encoding(runner: CliRunner, db_path: Path) -> None:
    maps = ["--map", "First Name=first_name", "--map", "Last Name=last_name",
            "--map", "E-mail Address=email", "--map", "Company=organization"]  # fmt: skip
    ok_with_stderr(runner, db_path, "import", "csv", str(fixture("outlook_cp1252.csv")), *maps,
       "--encoding", "cp1252")  # fmt: skip
    with open_store(db_path) as store:
        assert store.find_person("Zoë Müller").emails == ("zoe.mueller@example.de",)
    code, _, err = run(runner, db_path, "import", "csv", str(fixture("outlook_cp1252.csv")),
                       "--map", "Email")  # fmt: skip
    assert code == 1
    assert "is not COLUMN=FIELD" in err


def test_a_missing_file_is_reported(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    code, _, err = run(runner, db_path, "import", "vcard", str(tmp_path / "nope.vcf"))
    assert code == 1
    assert "no file at" in err


def test_json_dump_restores_into_a_new_store_byte_for_byte(
    runner: CliRunner, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    dump, again = tmp_path / "dump.json", tmp_path / "again.json"
    ok_with_stderr(runner, first, "import", "json", str(fixture("hostile_dump.json")))
    assert first.stat().st_mode & 0o777 == 0o600
    ok_with_stderr(runner, first, "export", "json", "--out", str(dump))
    assert dump.read_bytes() == fixture_bytes("hostile_dump.json")
    ok_with_stderr(runner, second, "import", "json", str(dump))
    ok_with_stderr(runner, second, "export", "json", "--out", str(again))
    assert again.read_bytes() == dump.read_bytes()
    out, _ = ok_with_stderr(runner, second, "import", "json", str(dump))
    assert "imported 0 new people, update 0, leave 6 unchanged" in out


def test_a_meeting_survives_export_and_import_and_reaches_graphml(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    """A meeting set with ``schedule`` is in the JSON dump, comes back from it unchanged,
    and is an attribute of the ``reached_out`` edge in GraphML."""
    import datetime as dt

    from infoview_graph.store import actions

    with open_store(db_path) as store:
        actions.add_contact(store, "Ann Lee")
        actions.log_outreach(store, "Ann Lee", on=dt.date(2026, 11, 3))
        actions.schedule_meeting(
            store, "Ann Lee", on=dt.date(2026, 11, 12), mode="video", today=dt.date(2026, 11, 4)
        )
        original = store.load()
    dump, again, graph = tmp_path / "dump.json", tmp_path / "again.json", tmp_path / "g.graphml"
    ok_with_stderr(runner, db_path, "export", "json", "--out", str(dump))
    (attempt,) = json.loads(dump.read_bytes())["data"]["outreach"]
    assert (attempt["meeting_on"], attempt["meeting_mode"]) == ("2026-11-12", "video")
    restored = tmp_path / "restored.db"
    ok_with_stderr(runner, restored, "import", "json", str(dump))
    with open_store(restored) as store:
        assert store.load() == original
    ok_with_stderr(runner, restored, "export", "json", "--out", str(again))
    assert again.read_bytes() == dump.read_bytes()
    ok_with_stderr(runner, db_path, "export", "graphml", "--out", str(graph))
    import networkx as nx

    edge = nx.read_graphml(graph).edges["steven-olson", "ann-lee", "reached_out:outreach-ann-lee"]
    assert (edge["meeting_on"], edge["meeting_mode"]) == ("2026-11-12", "video")


def test_json_dump_into_an_initialised_store_and_refused_into_a_used_one(
    runner: CliRunner, db_path: Path
) -> None:
    ok_with_stderr(runner, db_path, "import", "json", str(fixture("hostile_dump.json")))
    with open_store(db_path) as store:
        assert store.me().name == "Steven Olson"
        assert store.count("persons") == 6
    ok_with_stderr(runner, db_path, "import", "linkedin", str(fixture("linkedin_current.csv")))
    code, _, err = run(runner, db_path, "import", "json", str(fixture("hostile_dump.json")))
    assert code == 1
    assert "new or empty store" in err


# --- exports ---------------------------------------------------------------------------------


def test_exports_are_private_refuse_overwrite_and_the_store(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "people.csv"
    ok_with_stderr(runner, db_path, "export", "csv", "--out", str(out), "--demo")
    assert out.stat().st_mode & 0o777 == 0o600
    code, _, err = run(runner, db_path, "export", "csv", "--out", str(out), "--demo")
    assert code == 1
    assert "add --force" in err
    ok_with_stderr(runner, db_path, "export", "csv", "--out", str(out), "--demo", "--force")
    for target in (db_path, Path(str(db_path) + "-wal")):
        code, _, err = run(runner, db_path, "export", "json", "--out", str(target), "--force")
        assert code == 1
        assert "is the store itself" in err
    with open_store(db_path) as store:
        assert store.me().name == "Steven Olson"


def test_csv_export_neutralises_formulas_unless_raw(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "hostile.db"
    ok_with_stderr(runner, db, "import", "json", str(fixture("hostile_dump.json")))
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    ok_with_stderr(runner, db, "export", "csv", "--out", str(safe))
    ok_with_stderr(runner, db, "export", "csv", "--out", str(raw), "--raw")
    assert safe.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"'@SUM(A1)" in safe.read_bytes()
    assert b"'=HYPERLINK" in safe.read_bytes()
    assert b",@SUM(A1)" in raw.read_bytes()
    referrals = tmp_path / "referrals.csv"
    ok_with_stderr(runner, db, "export", "csv", "--what", "referrals", "--out", str(referrals))
    assert referrals.read_bytes().count(b"\r\n") == 5


def test_graph_exports_and_anonymize(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    names = [p.name.encode() for p in demo_data().persons]
    for kind in ("graphml", "gexf", "mermaid", "dot"):
        plain, shared = tmp_path / f"plain.{kind}", tmp_path / f"shared.{kind}"
        ok_with_stderr(runner, db_path, "export", kind, "--out", str(plain), "--demo")
        ok_with_stderr(
            runner, db_path, "export", kind, "--out", str(shared), "--demo", "--anonymize"
        )
        assert b"Brad Johnson" in plain.read_bytes()
        text = shared.read_bytes()
        assert not [n for n in names if n in text], kind
        assert b"example.com" not in text
        assert b"@" not in text


def test_mermaid_in_markdown_is_fenced(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "tree.md"
    ok_with_stderr(runner, db_path, "export", "mermaid", "--out", str(out), "--demo")
    assert out.read_text(encoding="utf-8").startswith("```mermaid\nflowchart TD\n")


def test_ics_export(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    events, todos = tmp_path / "agenda.ics", tmp_path / "todo.ics"
    ok_with_stderr(
        runner, db_path, "export", "ics", "--out", str(events), "--demo", "--today", "2026-11-20"
    )
    ok_with_stderr(
        runner, db_path, "export", "ics", "--out", str(todos), "--demo", "--today", "2026-11-20",
        "--as-todo", "--days", "0",
    )  # fmt: skip
    calendar = Calendar.from_ical(events.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) > len(list(Calendar.from_ical(
        todos.read_bytes()).walk("VTODO"))) > 0  # fmt: skip
    assert all(len(line) <= 75 for line in events.read_bytes().split(b"\r\n"))


def test_ics_notes_only_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "hostile.db"
    ok_with_stderr(runner, db, "import", "json", str(fixture("hostile_dump.json")))
    plain, noted = tmp_path / "plain.ics", tmp_path / "noted.ics"
    ok_with_stderr(runner, db, "export", "ics", "--out", str(plain), "--today", "2026-11-16")
    ok_with_stderr(runner, db, "export", "ics", "--out", str(noted), "--today", "2026-11-16",
       "--include-notes")  # fmt: skip
    assert b"salary" not in plain.read_bytes().replace(b"\r\n ", b"")
    assert b"salary" in noted.read_bytes().replace(b"\r\n ", b"")


def test_vcard_export_reimports(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "contacts.vcf"
    ok_with_stderr(
        runner, db_path, "export", "vcard", "--out", str(out), "--demo", "--vcard-version", "4.0"
    )
    assert out.read_bytes().count(b"BEGIN:VCARD") == len(demo_data().persons) - 1
    ok_with_stderr(runner, db_path, "import", "vcard", str(out))
    with open_store(db_path) as store:
        assert store.count("persons") == len(demo_data().persons)


# --- person merge ----------------------------------------------------------------------------


def test_person_merge_needs_yes_and_moves_everything(runner: CliRunner, db_path: Path) -> None:
    ok_with_stderr(runner, db_path, "import", "linkedin", str(fixture("linkedin_current.csv")))
    ok_with_stderr(runner, db_path, "import", "vcard", str(fixture("apple_contacts.vcf")))
    # The vCard's Brad has the same email as LinkedIn's: one person. Margaret is new.
    with open_store(db_path) as store:
        smiths = [p.id for p in store.persons() if p.name == "Margaret Smith"]
    assert smiths == ["margaret-smith"]
    code, _, err = run(runner, db_path, "person", "merge", "ada-lovelace", "zoe-martin")
    assert code == 2
    assert "--yes" in err
    out, err = ok_with_stderr(
        runner, db_path, "person", "merge", "ada-lovelace", "zoe-martin", "--yes"
    )
    assert "merged zoe-martin into Ada Lovelace (ada-lovelace)" in out
    assert "moved 1 ties" in err
    with open_store(db_path) as store:
        assert "zoe-martin" not in {p.id for p in store.persons()}


def test_large_files_import_with_a_progress_bar(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    rows = "".join(f"P{n},Q{n},https://www.linkedin.com/in/p{n},,Org {n % 50},Dev,1 Jan 2020\r\n"
                   for n in range(5001))  # fmt: skip
    big = tmp_path / "Connections.csv"
    big.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                   + rows, encoding="utf-8")  # fmt: skip
    out, _ = ok_with_stderr(runner, db_path, "import", "linkedin", str(big))
    assert "imported 5001 new people" in out
    with open_store(db_path) as store:
        assert store.count("persons") == 5002


@pytest.mark.parametrize(
    "kind", ["json", "csv", "graphml", "gexf", "ics", "vcard", "mermaid", "dot"]
)
def test_every_export_writes_the_demo(
    runner: CliRunner, db_path: Path, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"demo.{kind}"
    stdout, _ = ok_with_stderr(runner, db_path, "export", kind, "--out", str(out), "--demo")
    assert f"wrote {out}" in stdout
    assert out.stat().st_size > 100
    if kind == "json":
        assert json.loads(out.read_bytes())["format"] == "infoview-graph"
