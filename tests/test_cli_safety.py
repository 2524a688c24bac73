"""Never lose or leak data: the store, foreign files and stored dates.

Each test runs the real ``referrals`` app on real SQLite files in ``tmp_path`` and checks
the exit code, the message, and — where a command refused — that every file it must not
touch is byte-for-byte what it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from cli_support import run
from typer.testing import CliRunner

from infoview_graph.cli import app
from infoview_graph.models import FollowUp, Interview, Outreach, Person, Referral, Tie
from infoview_graph.store import open_store
from infoview_graph.store.actions import create_store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` and its bytes (SQLite's own -wal and -shm come and go)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


def connect(path: Path) -> sqlite3.Connection:
    """A plain connection the test closes itself (``contextlib.closing``)."""
    return sqlite3.connect(path)


# --- item 1: no output replaces the store, its -wal/-shm or its backups --------------------


@pytest.fixture
def brad_store(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "p.db"
    create_store(path, "Steven Olson")
    code, _, err = run(runner, path, "person", "add", "Brad Johnson")
    assert code == 0, err
    (tmp_path / "p.db.v2.bak").write_bytes(b"a backup a migration wrote")
    return path


@pytest.mark.parametrize("target", ["p.db", "p.db-wal", "p.db-shm", "p.db.v2.bak"])
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_prep_out_never_replaces_the_store_or_its_files(
    runner: CliRunner, brad_store: Path, target: str, force: list[str]
) -> None:
    folder = brad_store.parent
    before = snapshot(folder)
    code, out, err = run(
        runner, brad_store, "prep", "Brad Johnson", "--out", str(folder / target), *force
    )
    assert code == 1, (out, err)
    assert "is the store itself or one of its files" in err
    assert "wrote" not in out + err
    assert snapshot(folder) == before
    with open_store(brad_store) as store:
        assert store.find_person("Brad Johnson").name == "Brad Johnson"


@pytest.mark.parametrize(
    "args",
    [
        ["plot", "funnel", "--demo", "--out", "{store}", "--force"],
        ["plot", "tree", "--demo", "--out", "{store}", "--force"],
        ["report", "--demo", "--out", "{store}", "--force"],
        ["export", "json", "--out", "{store}-shm", "--force"],
        ["export", "csv", "--out", "{store}.v0.bak", "--force"],
        ["export", "graphml", "--out", "{store}", "--force"],
        ["export", "ics", "--out", "{store}-wal", "--force"],
        ["export", "dot", "--out", "{store}-shm", "--force"],
        ["backup", "{store}-wal", "--force"],
        ["backup", "{store}.v3-2.bak", "--force"],
    ],
)
def test_every_output_refuses_the_store_force_or_not(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    # A store named like a figure or a report, so that the extension check passes and only
    # the store check stands between the command and the user's data.
    suffix = ".html" if args[0] == "report" else ".svg"
    store_file = tmp_path / f"store{suffix}"
    create_store(store_file, "Steven Olson")
    for companion in (".v0.bak", ".v3-2.bak"):
        Path(f"{store_file}{companion}").write_bytes(b"keep me")
    before = snapshot(tmp_path)
    argv = [a.replace("{store}", str(store_file)) for a in args]
    code, out, err = run(runner, store_file, *argv)
    assert code == 1, (out, err)
    assert "is the store itself or one of its files" in err
    assert snapshot(tmp_path) == before


# --- item 2: another program's SQLite file is refused untouched ----------------------------

FOREIGN = {
    "other tables": "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);"
    "INSERT INTO photos (path) VALUES ('a.jpg');",
    "v0 tables and one more": "CREATE TABLE contacts (id TEXT PRIMARY KEY, name TEXT, "
    "is_self INTEGER, email TEXT, company TEXT, title TEXT, notes TEXT);"
    "CREATE TABLE links (source TEXT, target TEXT, kind TEXT, strength INTEGER, on_date TEXT);"
    "CREATE TABLE photos (id INTEGER PRIMARY KEY);",
    "v0 names, other columns": "CREATE TABLE contacts (id TEXT, name TEXT, phone TEXT);"
    "CREATE TABLE links (source TEXT, target TEXT);",
    "another application id": "PRAGMA application_id = 1234;"
    "CREATE TABLE contacts (id TEXT PRIMARY KEY, name TEXT, "
    "is_self INTEGER, email TEXT, company TEXT, title TEXT, notes TEXT);"
    "CREATE TABLE links (source TEXT, target TEXT, kind TEXT, strength INTEGER, on_date TEXT);",
    "user_version 3, other tables": "PRAGMA user_version = 3; CREATE TABLE persons (id TEXT);",
    "negative user_version": "PRAGMA user_version = -5; CREATE TABLE photos (id INTEGER);",
}


@pytest.mark.parametrize("kind", sorted(FOREIGN))
@pytest.mark.parametrize(
    "command", [["person", "list"], ["doctor"], ["suggest"], ["backup", "copy.db"]]
)
def test_another_programs_sqlite_file_is_refused_byte_for_byte_untouched(
    runner: CliRunner, tmp_path: Path, kind: str, command: list[str]
) -> None:
    other = tmp_path / "other.db"
    con = connect(other)
    try:
        con.executescript(FOREIGN[kind])
    finally:
        con.close()
    before = snapshot(tmp_path)
    code, out, err = run(runner, other, *command)
    assert code == 1, (out, err)
    assert f"{other} is an SQLite file of another program" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no .bak
    assert snapshot(tmp_path) == before


def test_our_stores_carry_the_application_id_and_old_ones_are_recognised(
    tmp_path: Path,
) -> None:
    from infoview_graph.store.schema import APPLICATION_ID

    fixtures = Path(__file__).parent / "fixtures"
    new = tmp_path / "new.db"
    create_store(new, "Steven Olson")
    for version in (0, 1, 2, 3):
        old = tmp_path / f"v{version}.db"
        con = connect(old)
        try:
            con.executescript((fixtures / f"store-v{version}.sql").read_text())
        finally:
            con.close()
        with open_store(old) as store:
            assert store.pragma("application_id") == APPLICATION_ID
            assert store.me().name == "Steven Olson"
    with open_store(new) as store:
        assert store.pragma("application_id") == APPLICATION_ID


# --- item 4: no stored date crashes a command -----------------------------------------------


def _store_with_dates_on(path: Path, day: dt.date) -> None:
    """A store whose every kind of dated record falls on ``day`` (as an old store may)."""
    create_store(path, "Steven Olson")
    with open_store(path) as store, store.write():
        for pid, name in (("ann", "Ann Lee"), ("bob", "Bob Zed"), ("cat", "Cat Moe")):
            store.add_person(Person(id=pid, name=name))
        store.add_tie(Tie(a="ann", b="steven-olson", strength=3))
        store.add_tie(Tie(a="bob", b="steven-olson", strength=3))
        store.add_referral(Referral(referrer="ann", referee="bob", on=day))
        store.add_outreach(Outreach(id="o-bob", person="bob", on=day))
        store.add_outreach(
            Outreach(id="o-ann", person="ann", on=day, replied_on=day, meeting_on=day)
        )
        store.add_interview(Interview(id="i-cat", person="cat", on=day, advice=("Read it",)))
        store.add_followup(FollowUp(id="f-bob", person="bob", due=day, note="call"))


@pytest.mark.parametrize("stored", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_no_stored_date_crashes_any_command(
    runner: CliRunner, tmp_path: Path, stored: dt.date
) -> None:
    db = tmp_path / "s.db"
    _store_with_dates_on(db, stored)
    commands = [
        ["agenda"],
        ["followup", "list"],
        ["export", "ics", "--out", str(tmp_path / "a.ics")],
        ["report", "--out", str(tmp_path / "r.html")],
        ["plot", "funnel", "--out", str(tmp_path / "f.svg")],
        ["plot", "tree", "--out", str(tmp_path / "t.svg")],
        ["suggest"],
        ["person", "show", "Bob Zed"],
        ["prep", "Bob Zed"],
        ["intro", "Bob Zed"],
        ["coverage"],
        ["chains"],
        ["draft", "followup", "Bob Zed"],
        ["export", "json", "--out", str(tmp_path / "x.json")],
        ["doctor"],
    ]
    for command in commands:
        result = runner.invoke(app, ["--db", str(db), *command])
        assert result.exit_code == 0, (command, result.stderr, result.exception)


@pytest.mark.parametrize("stored", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
@pytest.mark.parametrize("today", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_no_day_at_either_end_of_the_calendar_crashes_the_library(
    tmp_path: Path, stored: dt.date, today: dt.date
) -> None:
    """The command line refuses --today outside 1900–2100, the library takes any date."""
    from infoview_graph.algorithms._agenda import agenda
    from infoview_graph.algorithms._suggest import suggest_next_contacts
    from infoview_graph.lifecycle import lifecycle

    db = tmp_path / "s.db"
    _store_with_dates_on(db, stored)
    with open_store(db) as store:
        network = store.load_network()
    assert lifecycle(network, today=today) is not None
    assert isinstance(agenda(network, today=today), list)
    assert isinstance(suggest_next_contacts(network, today=today), list)


# --- item 3: a record that fails validation neither locks the user out nor prints data -------

V0 = Path(__file__).parent / "fixtures" / "store-v0.sql"


def _v0_store(path: Path, *rows: tuple[object, ...]) -> None:
    con = connect(path)
    try:
        con.executescript(V0.read_text())
        con.executemany("INSERT INTO contacts VALUES (?, ?, 0, ?, ?, ?, ?)", rows)
        con.commit()
    finally:
        con.close()


def test_migration_cleans_what_the_prototype_let_through(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "v0.db"
    _v0_store(db, ("ann-lee-2", "Ann  Lee ", "ann at example dot org", " Acme ", " CFO", None))
    code, out, err = run(runner, db, "person", "list")
    assert code == 0, err
    with open_store(db) as store:
        ann = store.person("ann-lee-2")
        assert store.invalid_records() == []
    assert (ann.name, ann.title, ann.emails) == ("Ann Lee", "CFO", ())
    assert ann.notes == "Email as the old store had it: ann at example dot org"
    code, out, _ = run(runner, db, "doctor")
    assert "every record is valid" in out


def test_migration_refuses_a_record_it_cannot_clean_with_a_count(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "v0.db"
    _v0_store(db, ("secret-bell", "Secret\x07Bell", None, None, None, None))
    code, _, err = run(runner, db, "person", "list")
    assert code == 1
    assert "cannot upgrade the store: 1 record fails validation: persons secret-bell (name)" in err
    assert "Secret" not in err.replace("secret-bell", "")
    assert "Traceback" not in err
    con = connect(db)
    try:  # the store is still the version-0 store, whole
        assert con.execute("PRAGMA user_version").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM contacts").fetchone() == (5,)
    finally:
        con.close()


def test_an_invalid_record_is_named_never_printed_and_export_json_still_works(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    create_store(db, "Steven Olson")
    assert run(runner, db, "person", "add", "Ann Lee")[0] == 0
    con = connect(db)
    try:  # as a hand edit or an older version could leave it
        con.execute("UPDATE persons SET emails = json_array('ann at example dot org')")
        con.commit()
    finally:
        con.close()
    for command in (["person", "list"], ["suggest"]):
        code, _, err = run(runner, db, *command)
        assert code == 1, command
        assert "2 records fail validation" in err
        assert "example dot org" not in err
        assert "Traceback" not in err
    code, out, err = run(runner, db, "doctor")
    assert code == 1
    assert "FAIL records" in out
    assert "persons ann-lee (emails)" in out
    assert "persons steven-olson (emails)" in out
    assert "example dot org" not in out + err
    dump = tmp_path / "dump.json"
    code, out, err = run(runner, db, "export", "json", "--out", str(dump))
    assert code == 0, err
    assert "example dot org" in dump.read_text(encoding="utf-8")
    assert "written as stored" in err
    assert "example dot org" not in err


# --- item 9: import json never deletes "me" ------------------------------------------------


def _dump_of(tmp_path: Path, runner: CliRunner, me: str | None, name: str) -> Path:
    """A dump of a store whose "me" is ``me`` (None: the dump's self person is removed)."""
    import json

    source = tmp_path / f"{name}.db"
    create_store(source, me or "Someone")
    assert run(runner, source, "person", "add", "Ann Lee")[0] == 0
    dump = tmp_path / f"{name}.json"
    assert run(runner, source, "export", "json", "--out", str(dump))[0] == 0
    if me is None:
        document = json.loads(dump.read_text(encoding="utf-8"))
        persons = document["data"]["persons"]
        document["data"]["persons"] = [p for p in persons if not p["is_self"]]
        document["data"]["ties"] = []
        dump.write_text(json.dumps(document), encoding="utf-8")
    return dump


@pytest.mark.parametrize(("me", "message"), [(None, 'has no "me"'), ("Other Person", "is not")])
def test_import_json_refuses_a_dump_whose_me_differs_before_writing(
    runner: CliRunner, tmp_path: Path, me: str | None, message: str
) -> None:
    dump = _dump_of(tmp_path, runner, me, "dump")
    store_dir = tmp_path / "mine"
    store_dir.mkdir()
    db = store_dir / "s.db"
    create_store(db, "Steven Olson")
    before = snapshot(store_dir)
    code, out, err = run(runner, db, "import", "json", str(dump))
    assert code == 1, (out, err)
    assert message in err
    assert snapshot(store_dir) == before
    with open_store(db) as store:
        assert store.me().name == "Steven Olson"
    if me is None:  # and a new store is never made without "me"
        fresh = store_dir / "new.db"
        code, _, err = run(runner, fresh, "import", "json", str(dump))
        assert code == 1
        assert 'has no "me"' in err
        assert not fresh.exists()


# --- item 8: migration backups are announced, and forget removes them -----------------------


def test_a_migration_backup_is_announced_and_forget_deletes_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "v2.db"
    con = connect(db)
    try:
        con.executescript((Path(__file__).parent / "fixtures" / "store-v2.sql").read_text())
    finally:
        con.close()
    db.chmod(0o600)
    backup = tmp_path / "v2.db.v2.bak"
    code, _, err = run(runner, db, "person", "list")
    assert code == 0, err
    assert f"a copy of the old one was saved to {backup}" in err
    assert b"Ann Lee" in backup.read_bytes()
    code, _, err = run(runner, db, "person", "list")
    assert "saved to" not in err  # only when it happens
    code, _, err = run(runner, db, "person", "forget", "Ann Lee", "--yes")
    assert code == 0, err
    assert f"deleted the automatic backup {backup}, which held their data too" in err
    assert not backup.exists()
    for path in tmp_path.iterdir():
        assert b"Ann Lee" not in path.read_bytes(), path


# --- item 6: a quote left open never swallows the rest of the file -------------------------


@pytest.mark.parametrize("skip", [[], ["--skip-invalid"]])
def test_an_unterminated_quote_is_an_error_naming_its_line(
    runner: CliRunner, tmp_path: Path, skip: list[str]
) -> None:
    db = tmp_path / "s.db"
    create_store(db, "Steven Olson")
    rows = [f"Person {n:03d},Org {n}" for n in range(1, 501)]
    rows[9] = 'Person 010,"Acme'  # a stray quote on row 10 of 500
    source = tmp_path / "people.csv"
    source.write_text("name,organization\n" + "\n".join(rows) + "\n", encoding="utf-8")
    before = snapshot(tmp_path)
    code, out, err = run(
        runner, db, "import", "csv", str(source), "--map", "name=name",
        "--map", "organization=organization", *skip,
    )  # fmt: skip
    assert code == 65, (out, err)
    assert "people.csv, line 11: a quote opens here and is never closed" in err
    assert snapshot(tmp_path) == before


# --- item 11: ordinary errors are one line, never a traceback ------------------------------


@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "punycode"])
def test_an_encoding_that_is_not_for_text_is_one_line(
    runner: CliRunner, db_path: Path, tmp_path: Path, encoding: str
) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes("name\nZoë Secret\n".encode())
    code, _, err = run(
        runner, db_path, "import", "csv", str(source), "--map", "name=name", "--encoding", encoding
    )
    assert code == 65
    assert err == (
        f"error: --encoding: '{encoding}' is not a character encoding for text files; "
        "try utf-8, utf-16 or cp1252\n"
    )


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "1e308", "-1"])
def test_a_bad_busy_timeout_is_one_line(
    runner: CliRunner, db_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("REFERRALS_BUSY_TIMEOUT", value)
    code, _, err = run(runner, db_path, "person", "list")
    assert code == 1
    assert err.startswith(f"error: REFERRALS_BUSY_TIMEOUT: '{value}' is not a number of seconds")
    monkeypatch.setenv("REFERRALS_BUSY_TIMEOUT", "")  # empty: the default
    assert run(runner, db_path, "person", "list")[0] == 0


def test_an_unwritable_directory_is_one_line(
    runner: CliRunner, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a read-only directory answers (simulated: the tests may run as root)."""
    import infoview_graph._files as files

    def refuse(target: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "private_temp", refuse)
    out = tmp_path / "people.csv"
    for command in (["export", "csv", "--out", str(out)], ["backup", str(tmp_path / "b.db")]):
        code, _, err = run(runner, db_path, *command)
        assert code == 74, (command, err)
        assert "Permission denied; nothing saved" in err
        assert "Traceback" not in err


# --- item 12: smaller promises -------------------------------------------------------------


def test_every_new_parent_directory_of_the_store_is_private(
    runner: CliRunner, tmp_path: Path
) -> None:
    import os

    db = tmp_path / "a" / "b" / "c" / "s.db"
    old = os.umask(0o022)
    try:
        code, _, err = run(runner, db, "init", "--name", "Steven Olson")
    finally:
        os.umask(old)
    assert code == 0, err
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_init_uses_the_empty_file_it_asked_for(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    code, _, err = run(runner, db, "person", "list")
    assert code == 1
    assert "is empty, not a referrals store; run 'referrals init'" in err
    code, _, err = run(runner, db, "init", "--name", "Steven Olson")
    assert code == 0, err
    with open_store(db) as store:
        assert store.me().name == "Steven Olson"
    other = tmp_path / "other.db"
    other.write_bytes(b"not empty")
    code, _, err = run(runner, other, "init", "--name", "Steven Olson")
    assert code == 1
    assert "a file exists at" in err
    assert other.read_bytes() == b"not empty"


def test_export_json_to_dash_writes_to_stdout(runner: CliRunner, db_path: Path) -> None:
    import json

    code, out, err = run(runner, db_path, "export", "json", "--out", "-")
    assert code == 0, err
    assert json.loads(out)["data"]["persons"][0]["name"] == "Steven Olson"
    assert not (Path.cwd() / "-").exists()


# --- item 5: an import never drops a person silently ---------------------------------------


def test_rows_sharing_an_email_under_another_name_are_reported_not_dropped(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "people.csv"
    source.write_text(
        "name,email\nAda One,shared@x.org\nBob Two,shared@x.org\nCarl Three,SHARED@X.ORG\n"
        "Ada One,shared@x.org\n",
        encoding="utf-8",
    )
    folder = db_path.parent
    before = snapshot(folder)
    code, _, err = run(runner, db_path, "import", "csv", str(source))
    assert code == 65, err
    assert snapshot(folder) == before
    for line, name in ((3, "Bob Two"), (4, "Carl Three")):
        assert (
            f"people.csv, line {line}: shares an email with the row on line 2 "
            "(ada-one) but has another name" in err
        ), name
    code, out, err = run(runner, db_path, "import", "csv", str(source), "--skip-invalid")
    assert code == 0, err
    assert "imported 1 new people" in out
    assert err.count("neither merged nor imported") == 2
    with open_store(db_path) as store:
        assert sorted(p.name for p in store.persons()) == ["Ada One", "Steven Olson"]
    # the user's say: merge them into Ada
    code, _, err = run(runner, db_path, "import", "csv", str(source), "--merge-same-email")
    assert code == 0, err
    with open_store(db_path) as store:
        assert sorted(p.name for p in store.persons()) == ["Ada One", "Steven Olson"]


def test_a_vcard_with_a_known_email_under_another_name_is_not_merged(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    code, _, err = run(runner, db_path, "person", "add", "Brad Johnson", "--email", "brad@x.org")
    assert code == 0, err
    card = tmp_path / "mallory.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mallory\r\nEMAIL:brad@x.org\r\n"
        b"NOTE:planted\r\nEND:VCARD\r\n"
    )
    code, _, err = run(runner, db_path, "import", "vcard", str(card))
    assert code == 65
    assert "shares an email with brad-johnson, already in the store" in err
    with open_store(db_path) as store:
        assert store.find_person("Brad Johnson").notes is None


def test_rows_sharing_a_url_or_uid_under_another_name_are_reported_not_merged(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    """A profile URL or vCard UID follows a person through renames, but two rows of one
    file under unrelated names — or a card "Mallory" with Ann's UID — are two people."""
    source = tmp_path / "people.csv"
    source.write_text(
        "name,url\nAda One,https://example.org/ada\nBob Two,https://example.org/ada\n"
        "Ada One,https://example.org/ada/\n",
        encoding="utf-8",
    )
    folder = db_path.parent
    before = snapshot(folder)
    code, _, err = run(runner, db_path, "import", "csv", str(source))
    assert code == 65, err
    assert snapshot(folder) == before
    assert (
        "people.csv, line 3: shares a profile URL with the row on line 2 (ada-one) but has "
        "another name; neither merged nor imported — correct the file, or pass "
        "--merge-same-profile to merge them" in err
    )
    code, out, err = run(runner, db_path, "import", "csv", str(source), "--skip-invalid")
    assert code == 0, err
    assert "3 rows read: 1 imported, 1 merged into an earlier row's person, 1 refused" in out
    with open_store(db_path) as store:
        assert sorted(p.name for p in store.persons()) == ["Ada One", "Steven Olson"]
    code, _, err = run(runner, db_path, "import", "csv", str(source), "--merge-same-profile")
    assert code == 0, err
    with open_store(db_path) as store:
        assert sorted(p.name for p in store.persons()) == ["Ada One", "Steven Olson"]

    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nUID:ann-1\r\n%sEND:VCARD\r\n"
    ann = tmp_path / "ann.vcf"
    ann.write_bytes(card % (b"Ann Lee", b""))
    assert run(runner, db_path, "import", "vcard", str(ann))[0] == 0
    mallory = tmp_path / "mallory.vcf"
    mallory.write_bytes(card % (b"Mallory", b"NOTE:planted\r\n"))
    before = snapshot(folder)
    code, _, err = run(runner, db_path, "import", "vcard", str(mallory))
    assert code == 65
    assert (
        "mallory.vcf, line 1: shares a vCard UID with ann-lee, already in the store, but has "
        "another name" in err
    )
    assert snapshot(folder) == before
    twice = tmp_path / "twice.vcf"  # within one file, even the same given name is no rename
    twice.write_bytes(
        (card % (b"Cy Lee", b"") + card % (b"Cy Mora", b"")).replace(b"ann-1", b"cy-1")
    )
    code, _, err = run(runner, db_path, "import", "vcard", str(twice))
    assert code == 65
    assert "twice.vcf, line 6: shares a vCard UID with the row on line 1 (cy-lee)" in err
    cousin = tmp_path / "cousin.vcf"  # the same surname is no rename either
    cousin.write_bytes(card % (b"Cy Lee", b""))
    assert run(runner, db_path, "import", "vcard", str(cousin))[0] == 65
    renamed = tmp_path / "renamed.vcf"  # a rename keeps working
    renamed.write_bytes(card % (b"Ann Lee-Stone", b"TITLE:CFO\r\n"))
    code, _, err = run(runner, db_path, "import", "vcard", str(renamed))
    assert code == 0, err
    with open_store(db_path) as store:
        assert store.find_person("ann-lee").title == "CFO"


def test_the_summary_counts_every_row(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    """Rows read = imported + merged + refused + skipped, each row once."""
    source = tmp_path / "people.csv"
    source.write_text(
        "name,email\n"
        "Ada One,ada@x.org\n"  # imported
        "Bob Two,not-an-email\n"  # skipped: invalid
        "Ada One,ada@x.org\n"  # merged into line 2's person
        "Cy Three,ada@x.org\n"  # refused: Ada's email under another name
        ",nobody@x.org\n"  # skipped: no name
        ",,\n"  # blank: not a row
        "Dee Four,dee@x.org\n",  # imported
        encoding="utf-8",
    )
    code, out, err = run(runner, db_path, "import", "csv", str(source), "--skip-invalid")
    assert code == 0, err
    assert (
        "6 rows read: 2 imported, 1 merged into an earlier row's person, 1 refused (another "
        "name with the same email, URL or UID); skipped 2 invalid rows" in out
    )


def test_referred_by_me_means_me(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("name,referred_by\nAda One,me\nBob Two,Me\n", encoding="utf-8")
    code, _, err = run(runner, db_path, "import", "csv", str(source))
    assert code == 0, err
    with open_store(db_path) as store:
        assert sorted(p.name for p in store.persons()) == ["Ada One", "Bob Two", "Steven Olson"]


def test_a_read_only_store_is_one_line(
    runner: CliRunner, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a mode-0444 store answers (simulated with SQLite's read-only mode: tests may run
    as root, who may write any file)."""
    opened = sqlite3.connect

    def read_only(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        return opened(database.replace("mode=rw", "mode=ro"), *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only)
    before = db_path.read_bytes()
    code, _, err = run(runner, db_path, "person", "add", "Ann Lee")
    assert code == 1
    assert (
        err == f"error: {db_path} is read-only; nothing saved — make it writable "
        "(chmod 600 FILE) or use a command that only reads\n"
    )
    assert db_path.read_bytes() == before
    assert run(runner, db_path, "person", "list")[0] == 0  # reading still works


def test_a_store_in_a_read_only_folder_is_one_line(
    runner: CliRunner, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As SQLite answers for a store whose folder is read-only (its WAL mode makes even a
    reader create <store>-shm there). Simulated: the tests may run as root, who may write
    anywhere; the error is the one SQLite gives a user who may not."""
    opened = sqlite3.connect

    class ReadOnlyFolder:
        def __init__(self, con: sqlite3.Connection) -> None:
            self.con = con

        def execute(self, *args: object) -> sqlite3.Cursor:
            error = sqlite3.OperationalError("attempt to write a readonly database")
            error.sqlite_errorname = "SQLITE_READONLY_DIRECTORY"  # type: ignore[attr-defined]
            raise error

        def close(self) -> None:
            self.con.close()

    def connect(database: str, *args: object, **kwargs: object) -> object:
        con = opened(database, *args, **kwargs)  # type: ignore[arg-type]
        return ReadOnlyFolder(con) if "mode=rw" in database else con

    monkeypatch.setattr(sqlite3, "connect", connect)
    before = snapshot(db_path.parent)
    for command in (["person", "list"], ["person", "add", "Ann Lee"]):
        code, _, err = run(runner, db_path, *command)
        assert code == 1, (command, err)
        assert err == (
            f"error: cannot open {db_path}: its folder is read-only (or the store's -wal/-shm "
            "files cannot be made there), and the store needs them even to be read — make "
            f"the folder writable (chmod u+w {db_path.parent}) or copy the store to one; "
            "nothing was changed\n"
        )
        assert "not an SQLite database" not in err
    assert snapshot(db_path.parent) == before
