"""The ``referrals`` command: every data-entry form, its errors, and its effects on the store.

Effects are checked by reopening the store through the library, not by reading the output.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer
from cli_support import ok, run
from typer.testing import CliRunner

from infoview_graph import __version__
from infoview_graph.cli import app
from infoview_graph.store import open_store


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_init_creates_a_private_store(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    out = ok(runner, db, "init", "--name", "Steven Olson")
    assert str(db) in out
    assert db.stat().st_mode & 0o777 == 0o600
    with open_store(db) as store:
        assert store.me().name == "Steven Olson"
    code, _, err = run(runner, db, "init", "--name", "Steven Olson")
    assert code == 1
    assert "exists at" in err


def test_the_whole_data_entry_story(runner: CliRunner, db_path: Path) -> None:
    db = db_path
    ok(runner, db, "field", "add", "Accounting", "--related", "Auditing", "--related", "Finance")
    ok(
        runner,
        db,
        "org",
        "add",
        "General Mills",
        "--field",
        "accounting",
        "--kind",
        "company",
        "--motivation",
        "3",
        "--postings",
        "--advocacy",
    )
    ok(
        runner,
        db,
        "person",
        "add",
        "Brad Johnson",
        "--org",
        "General Mills",
        "--title",
        "Financial Analyst",
        "--field",
        "Finance",
        "--email",
        "brad@example.org",
        "--phone",
        "+1 612-555-0142",
        "--url",
        "https://www.linkedin.com/in/brad",
        "--how",
        "friend",
        "--strength",
        "4",
        "--tag",
        "roommate",
        "--note",
        "Knows everyone",
    )
    ok(runner, db, "target", "add", "org", "General Mills", "--priority", "1")
    ok(runner, db, "target", "add", "field", "Accounting", "--priority", "1")
    ok(runner, db, "target", "add", "field", "Freelance writing", "--priority", "3")
    ok(runner, db, "target", "remove", "field", "Freelance writing")
    ok(
        runner,
        db,
        "refer",
        "Brad Johnson",
        "Mrs. Smith",
        "--on",
        "2026-11-17",
        "--for",
        "General Mills",
        "--may-use-name",
        "--note",
        "Runs the audit team",
    )
    ok(runner, db, "know", "brad-johnson", "mrs smith", "--strength", "3", "--context", "team")
    ok(
        runner,
        db,
        "outreach",
        "Mrs. Smith",
        "--on",
        "2026-11-18",
        "--via",
        "Brad Johnson",
        "--channel",
        "phone",
    )
    ok(runner, db, "reply", "Mrs. Smith", "--on", "2026-11-19")
    ok(
        runner,
        db,
        "interview",
        "log",
        "Mrs. Smith",
        "--on",
        "2026-11-20",
        "--minutes",
        "20",
        "--mode",
        "in-person",
        "--answer",
        "day-in-the-life=Month-end close, then audits",
        "--advice",
        "Take the CPA exam",
        "--lead",
        "Audit associate opening",
        "--referred",
        "Tom Reyes",
        "--friendliness",
        "5",
        "--fit",
        "yes",
        "--thanked-on",
        "2026-11-21",
    )
    ok(
        runner,
        db,
        "person",
        "edit",
        "Brad Johnson",
        "--title",
        "Finance Manager",
        "--strength",
        "5",
        "--email",
        "brad.j@example.org",
    )

    with open_store(db) as store:
        data = store.load()
        brad = store.person("brad-johnson")
        assert brad.title == "Finance Manager"
        assert brad.emails == ("brad.j@example.org",)
        assert brad.phones == ("+1 612-555-0142",)
        assert brad.fields == ("finance",)
        assert store.tie("steven-olson", "brad-johnson").strength == 5
        assert store.tie("brad-johnson", "mrs-smith").context == "team"
        smith = store.referral("brad-johnson", "mrs-smith")
        assert smith.for_org == "general-mills"
        assert smith.may_use_name
        assert smith.status == "interviewed"
        (attempt,) = store.outreach_to("mrs-smith")
        assert (attempt.via, attempt.channel, str(attempt.replied_on)) == (
            "brad-johnson",
            "phone",
            "2026-11-19",
        )
        (interview,) = store.interviews_with("mrs-smith")
        assert interview.answers == {"day-in-the-life": "Month-end close, then audits"}
        assert interview.referrals == ("tom-reyes",)
        assert store.referral("mrs-smith", "tom-reyes").status == "suggested"
        assert [(t.kind, t.id) for t in data.targets] == [
            ("field", "accounting"),
            ("org", "general-mills"),
        ]
        assert {f.id for f in data.fields} == {
            "accounting",
            "auditing",
            "finance",
            "freelance-writing",
        }

    people = json.loads(ok(runner, db, "person", "list", "--json"))
    assert [p["id"] for p in people] == ["brad-johnson", "mrs-smith", "steven-olson", "tom-reyes"]
    assert all({"id", "name"} <= set(p) for p in people)
    assert [
        p["id"]
        for p in json.loads(ok(runner, db, "person", "list", "--org", "General Mills", "--json"))
    ] == ["brad-johnson"]
    assert [
        p["id"]
        for p in json.loads(ok(runner, db, "person", "list", "--field", "finance", "--json"))
    ] == ["brad-johnson"]
    shown = json.loads(ok(runner, db, "person", "show", "mrs-smith", "--json"))
    assert shown["referred_by"][0]["referrer"] == "brad-johnson"
    assert shown["interviews"][0]["advice"] == ["Take the CPA exam"]
    assert "Mrs. Smith" in ok(runner, db, "person", "show", "Mrs. Smith")
    orgs = json.loads(ok(runner, db, "org", "list", "--json"))
    assert [o["id"] for o in orgs] == ["general-mills"]
    org = json.loads(ok(runner, db, "org", "show", "general-mills", "--json"))
    assert org["target_priority"] == 1
    assert "Brad Johnson" in ok(runner, db, "org", "show", "General Mills")
    assert [f["id"] for f in json.loads(ok(runner, db, "field", "list", "--json"))] == [
        "accounting",
        "auditing",
        "finance",
        "freelance-writing",
    ]
    assert len(json.loads(ok(runner, db, "target", "list", "--json"))) == 2
    for table in (("person", "list"), ("org", "list"), ("field", "list"), ("target", "list")):
        assert ok(runner, db, *table)


def test_new_organizations_and_fields_are_announced_on_stderr(
    runner: CliRunner, db_path: Path
) -> None:
    code, out, err = run(
        runner, db_path, "person", "add", "Ann Lee", "--org", "Acme", "--field", "Grant writing"
    )
    assert code == 0
    assert "created organization 'Acme' (acme)" in err
    assert "created career field 'Grant writing' (grant-writing)" in err
    assert "created" not in out


def test_forget_removes_every_trace(runner: CliRunner, db_path: Path) -> None:
    ok(runner, db_path, "person", "add", "Ann Lee")
    ok(runner, db_path, "refer", "Ann Lee", "Tom Reyes")
    code, _, err = run(runner, db_path, "person", "forget", "Ann Lee")
    assert code == 2
    assert "--yes" in err
    ok(runner, db_path, "person", "forget", "Ann Lee", "--yes")
    with open_store(db_path) as store:
        assert [p.id for p in store.persons()] == ["steven-olson", "tom-reyes"]
        assert store.count("ties") == 0
        assert store.count("referrals") == 0


# --- errors: one line, exit 1, the store byte-for-byte unchanged ---------------------------


@pytest.fixture
def busy_db(runner: CliRunner, db_path: Path) -> Path:
    ok(runner, db_path, "person", "add", "Ann Lee", "--id", "ann-1")
    ok(runner, db_path, "person", "add", "Ann Lee", "--id", "ann-2")
    ok(runner, db_path, "person", "add", "Brad Johnson")
    return db_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("refer", "Brad Johnson", "brad-johnson"), "cannot refer you to themselves"),
        (("refer", "Nobody Known", "Brad Johnson"), "no person named 'Nobody Known'"),
        (("outreach", "Ann Lee"), "'Ann Lee' fits 2 persons: ann-1, ann-2"),
        (("person", "add", "Eve\x1b[31m"), "control character"),
        (("person", "add", "Eve", "--note", "bell\x07"), "control character"),
        (("person", "add", "Eve", "--email", "not-an-email"), "emails.0 is not an email"),
        (("person", "add", "Eve", "--url", "javascript:alert(1)"), "url is not a web address"),
        (("person", "add", "Eve", "--id", "Bad Id!"), "id must be a slug"),
        (("person", "add", "Eve", "--id", "ann-1"), "exists already"),
        (("reply", "Brad Johnson"), "awaits a reply"),
        (("refer", "me", "Brad Johnson"), "the referrer is you"),
        (("know", "Brad Johnson", "brad-johnson"), "same person"),
        (("interview", "log", "Brad Johnson", "--answer", "no equals sign"), "QUESTION=TEXT"),
        (("refer", "Brad Johnson", "Tom Reyes", "--for", "Nowhere"), "field:Nowhere"),
        (("person", "show", "ghost"), "no person named 'ghost'"),
        (("schedule", "me", "--on", "2026-11-24"), "schedule: that is you"),
        (("schedule", "Ann Lee", "--on", "2026-11-24"), "'Ann Lee' fits 2 persons"),
    ],
)
def test_errors_are_one_line_and_change_nothing(
    runner: CliRunner, busy_db: Path, args: tuple[str, ...], message: str
) -> None:
    before = busy_db.read_bytes()
    code, out, err = run(runner, busy_db, *args)
    assert code == 1, (out, err)
    assert message in err
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert "Traceback" not in err
    assert "\x1b" not in err  # escape sequences typed by the user are spelled out
    assert busy_db.read_bytes() == before


def test_error_never_echoes_a_stored_persons_data(runner: CliRunner, db_path: Path) -> None:
    ok(
        runner,
        db_path,
        "person",
        "add",
        "Ann Lee",
        "--id",
        "contact-1",
        "--email",
        "ann@example.org",
        "--note",
        "private-note-canary",
    )
    code, _, err = run(runner, db_path, "person", "add", "Other", "--email", "ann@example.org")
    assert code == 1
    assert "contact-1" in err  # the id lets the user find the record …
    assert "Ann Lee" not in err  # … without printing data they did not type
    assert "private-note-canary" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("outreach", "Brad Johnson", "--on", "2026-02-30"), "'--on': '2026-02-30' is not a date"),
        (("outreach", "Brad Johnson", "--on", "yesterday"), "write it as YYYY-MM-DD"),
        (("schedule", "Brad Johnson", "--on", "2026-11-31"), "'--on': '2026-11-31' is not a date"),
    ],
)
def test_a_bad_date_is_a_usage_error_and_changes_nothing(
    runner: CliRunner, busy_db: Path, args: tuple[str, ...], message: str
) -> None:
    before = busy_db.read_bytes()
    code, out, err = run(runner, busy_db, *args)
    assert code == 2, (out, err)
    assert message in _unboxed(err)
    assert "Traceback" not in err
    assert busy_db.read_bytes() == before


def _unboxed(err: str) -> str:
    """Typer's usage error as one line: the box drawing and line breaks removed."""
    return re.sub(r"[\s│╭╮╰╯─]+", " ", err)


def test_usage_errors_exit_2(runner: CliRunner, db_path: Path) -> None:
    code, _, _ = run(runner, db_path, "know", "a", "b", "--strength", "9")
    assert code == 2
    code, _, _ = run(runner, db_path, "person", "add", "Eve", "--how", "enemy")
    assert code == 2


def test_missing_store_tells_how_to_create_one(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(runner, tmp_path / "none.db", "person", "list")
    assert code == 1
    assert "referrals init" in err
    assert not (tmp_path / "none.db").exists()


def test_busy_store_exits_75_and_saves_nothing(
    runner: CliRunner, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFERRALS_BUSY_TIMEOUT", "0.2")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = run(runner, db_path, "person", "add", "Ann Lee")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 75
    assert "another referrals command is writing" in err
    with open_store(db_path) as store:
        assert store.count("persons") == 1


def test_hostile_names_print_literally(
    runner: CliRunner, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    ok(runner, db_path, "person", "add", "[bold]Mallory[/bold] $\\undefined$ <script>")
    out = ok(runner, db_path, "person", "list")
    assert "[bold]Mallory[/bold]" in out
    assert "<script>" in out
    shown = ok(runner, db_path, "person", "show", "[bold]Mallory[/bold] $\\undefined$ <script>")
    assert "[bold]Mallory[/bold]" in shown


# --- the demo -------------------------------------------------------------------------------


def test_demo_flag_never_touches_the_users_store(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "mine.db"
    people = json.loads(ok(runner, db, "person", "list", "--demo", "--json"))
    assert len(people) >= 35
    assert "Steven Olson" in {p["name"] for p in people}
    assert not db.exists()
    for args in (
        ("org", "list"),
        ("field", "list"),
        ("target", "list"),
        ("person", "show", "Brad Johnson"),
        ("org", "show", "General Mills"),
    ):
        ok(runner, db, *args, "--demo")
    assert not db.exists()


def test_demo_command_writes_a_new_store(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    with open_store(tmp_path / "demo.db") as store:
        assert store.me().name == "Steven Olson"
        assert store.count("interviews") >= 5


# --- help -----------------------------------------------------------------------------------


def _commands(group: typer.Typer, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    command = typer.main.get_command(group)
    found = []

    def walk(cmd: object, path: tuple[str, ...]) -> None:
        subcommands = getattr(cmd, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, (*path, name))
        else:
            found.append(path)

    walk(command, prefix)
    return found


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    commands = _commands(app)
    assert len(commands) >= 20
    for path in commands:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, path


# --- concurrency ----------------------------------------------------------------------------


def test_four_processes_adding_25_people_each(db_path: Path) -> None:
    """100 `referrals person add` commands from 4 processes at once: nothing is lost.

    A command may give up with exit 75 when the store stays busy past the timeout; then that
    person must be absent. With a 10 s timeout none does on this machine, but the test accepts
    it, as the command's contract does.
    """
    worker = textwrap.dedent(
        """
        import sys
        from typer.testing import CliRunner
        from infoview_graph.cli import app
        db, tag = sys.argv[1], sys.argv[2]
        runner = CliRunner()
        for i in range(25):
            result = runner.invoke(app, ["--db", db, "person", "add", f"Worker {tag} number {i}"])
            print(result.exit_code, f"worker-{tag}-number-{i}", flush=True)
        """
    )
    env = {"REFERRALS_BUSY_TIMEOUT": "10", "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", worker, str(db_path), tag],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tag in "abcd"
    ]
    outcomes = [line.split() for p in procs for line in p.communicate(timeout=300)[0].splitlines()]
    assert all(p.returncode == 0 for p in procs)
    assert len(outcomes) == 100
    assert {code for code, _ in outcomes} <= {"0", "75"}
    added = {pid for code, pid in outcomes if code == "0"}
    with open_store(db_path) as store:
        stored = {p.id for p in store.persons()} - {"steven-olson"}
    assert stored == added
    assert len(stored) == 100


# --- suggest and intro ----------------------------------------------------------------------


def test_suggest_demo_json_has_the_documented_fields(runner: CliRunner, tmp_path: Path) -> None:
    found = json.loads(ok(runner, tmp_path / "none.db", "suggest", "--demo", "--json", "-k", "3"))
    assert len(found) == 3
    for item in found:
        assert {"person_id", "name", "score", "action", "path", "reasons"} <= set(item)
    assert (found[0]["person_id"], found[0]["stage"]) == ("maya-lindstrom", "said-yes")
    assert found[1]["person_id"] == "mrs-smith"
    assert found[1]["path"] == ["steven-olson", "brad-johnson", "mrs-smith"]
    keys = [(f["tier"], -f["score"]) for f in found]
    assert keys == sorted(keys)


def test_suggest_table_and_explain(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    table = ok(runner, tmp_path / "none.db", "suggest", "--demo")
    assert "Margaret Smith" in table
    assert "mention Brad Johnson" in table
    explained = ok(runner, tmp_path / "none.db", "suggest", "--demo", "--explain", "-k", "1")
    for factor in ("warmth +", "relevance +", "coverage +", "timing +"):
        assert factor in explained
    by_field = json.loads(
        ok(runner, tmp_path / "none.db", "suggest", "--demo", "--json", "--field", "Grant writing")
    )
    assert by_field
    code, _, err = run(runner, tmp_path / "none.db", "suggest", "--demo", "--field", "Astrology")
    assert code == 1
    assert "Astrology" in err


def test_suggest_on_a_users_store(runner: CliRunner, db_path: Path) -> None:
    assert "Nothing to suggest" in ok(runner, db_path, "suggest")
    ok(runner, db_path, "target", "add", "field", "Accounting", "--priority", "1")
    ok(runner, db_path, "person", "add", "Brad Johnson", "--how", "friend", "--strength", "4")
    ok(
        runner,
        db_path,
        "refer",
        "Brad Johnson",
        "Mrs. Smith",
        "--may-use-name",
        "--for",
        "field:Accounting",
    )
    ok(runner, db_path, "person", "edit", "Mrs. Smith", "--field", "Accounting")
    found = json.loads(ok(runner, db_path, "suggest", "--json"))
    assert found[0]["person_id"] == "mrs-smith"
    assert found[0]["via"] == "brad-johnson"


def test_intro_demo(runner: CliRunner, tmp_path: Path) -> None:
    answer = json.loads(
        ok(runner, tmp_path / "none.db", "intro", "General Mills", "--demo", "--json")
    )
    assert answer["introducers"][0]["name"] == "Elena Petrova"  # Marcus Bell's referral
    assert answer["target_id"] == "general-mills"
    text = ok(runner, tmp_path / "none.db", "intro", "General Mills", "--demo")
    assert "Ask Elena Petrova first, naming Marcus Bell" in text
    # A target nobody is connected to is answered the source's way, not with an error.
    text = ok(runner, tmp_path / "none.db", "intro", "Netflix", "--demo")
    assert 'Ask these contacts anyway: "Do you know anyone at Netflix?"' in text
    assert "Brad Johnson" in text
    typo = ok(runner, tmp_path / "none.db", "intro", "General Mils", "--demo")
    assert "did you mean General Mills?" in typo
    # A blank target names nothing: a usage error, not "Do you know anyone at   ?".
    code, out, err = run(runner, tmp_path / "none.db", "intro", "  ", "--demo")
    assert code == 2
    assert out == ""
    assert "give an organization or a career field" in err


# --- coverage, chains, agenda, follow-ups ---------------------------------------------------


def test_coverage_chains_agenda_on_the_demo(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    db = tmp_path / "none.db"
    report = json.loads(ok(runner, db, "coverage", "--demo", "--json"))
    rows = {t["target_id"]: t for t in report["targets"]}
    assert rows["general-mills"]["interviewed"] == 0
    assert "general-mills" in report["no_interview"]
    text = ok(runner, db, "coverage", "--demo")
    assert "No interview yet: General Mills" in text
    assert "Related fields worth a look" in text

    chains = json.loads(ok(runner, db, "chains", "--demo", "--json"))
    assert chains["longest"][0]["people"][0] == "carol-lindgren"
    tree = ok(runner, db, "chains", "--demo")
    assert "Margaret Smith — 2026-11-17, not contacted yet" in tree
    assert "Maya Lindström — said yes — to schedule" in tree
    assert "also referred by Priya Raman" in tree
    assert "Carol Lindgren" in ok(runner, db, "chains", "--demo", "--from", "Carol Lindgren")

    items = json.loads(ok(runner, db, "agenda", "--demo", "--today", "2026-11-20", "--json"))
    assert items[0]["id"] == "schedule-outreach-maya-lindstrom-1"
    assert items[-1]["id"] == "thank-you-interview-marcus-bell-1"  # due today, not overdue
    assert "Send Marcus Bell a thank-you note" in ok(
        runner, db, "agenda", "--demo", "--today", "2026-11-20"
    )
    assert "Nothing due" in ok(runner, db, "agenda", "--demo", "--today", "2026-09-01")


def test_chains_names_the_ten_most_generous_referrers(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twelve referrers: the table names ten, most names first; a line counts the other two."""
    import datetime as dt

    from infoview_graph.models import NetworkData, Person, Referral, Tie

    monkeypatch.setenv("COLUMNS", "200")
    on = dt.date(2026, 11, 2)
    referrers = [Person(id=f"r{i:02d}", name=f"Referrer {i:02d}") for i in range(12)]
    named = [Person(id=f"n{i:02d}", name=f"Named {i:02d}") for i in range(13)]
    data = NetworkData(
        persons=(Person(id="me", name="Me", is_self=True), *referrers, *named),
        ties=tuple(Tie(a="me", b=r.id, strength=3) for r in referrers),
        referrals=(
            *(Referral(referrer=f"r{i:02d}", referee=f"n{i:02d}", on=on) for i in range(12)),
            Referral(referrer="r11", referee="n12", on=on),  # the most generous sorts first
        ),
    )
    db = tmp_path / "twelve.db"
    with open_store(db, create=True) as store:
        store.write_data(data)
    text = ok(runner, db, "chains")
    table = text[text.index("Who has been generous") : text.index("Funnel")]
    listed = re.findall(r"Referrer \d\d", table)
    assert listed == ["Referrer 11", *(f"Referrer {i:02d}" for i in range(9))]
    assert "… and 2 more referrers who gave 2 names (--json lists them all)" in table
    report = json.loads(ok(runner, db, "chains", "--json"))
    assert len(report["yields"]) == 12


def test_followups_add_done_snooze(runner: CliRunner, db_path: Path) -> None:
    ok(runner, db_path, "person", "add", "Brad Johnson")
    ok(
        runner,
        db_path,
        "followup",
        "add",
        "Send Brad the article",
        "--person",
        "Brad Johnson",
        "--due",
        "2026-11-24",
    )
    ok(runner, db_path, "outreach", "Brad Johnson", "--on", "2026-11-02")
    items = json.loads(ok(runner, db_path, "agenda", "--today", "2026-11-25", "--json"))
    ids = [i["id"] for i in items]
    assert "custom-send-brad-the-article" in ids
    assert "3b7-follow-up-outreach-brad-johnson" in ids
    ok(runner, db_path, "followup", "done", "custom-send-brad-the-article", "--on", "2026-11-25")
    ok(
        runner,
        db_path,
        "followup",
        "snooze",
        "3b7-follow-up-outreach-brad-johnson",
        "--until",
        "2026-12-01",
    )
    with open_store(db_path) as store:
        stored = {f.id: f for f in store.load().followups}
    assert stored["custom-send-brad-the-article"].done_on.isoformat() == "2026-11-25"
    assert stored["3b7-follow-up-outreach-brad-johnson"].snoozed_until.isoformat() == "2026-12-01"
    after = [
        i["id"]
        for i in json.loads(ok(runner, db_path, "agenda", "--today", "2026-11-25", "--json"))
    ]
    assert after == [
        i
        for i in ids
        if i not in ("custom-send-brad-the-article", "3b7-follow-up-outreach-brad-johnson")
    ]
    code, _, err = run(runner, db_path, "followup", "done", "no-such-item")
    assert code == 1
    assert "referrals agenda" in err


def test_person_show_tells_responsiveness(runner: CliRunner, tmp_path: Path) -> None:
    """Denise replied the day after Steven wrote (a booster); Kenji declined (a
    curmudgeon); Mrs. Smith has not been contacted yet (unknown)."""
    db = tmp_path / "none.db"
    shown = {
        pid: json.loads(ok(runner, db, "person", "show", pid, "--demo", "--json"))
        for pid in ("denise-okafor", "kenji-watanabe", "mrs-smith")
    }
    assert shown["denise-okafor"]["responsiveness"] == "booster"
    assert shown["kenji-watanabe"]["responsiveness"] == "curmudgeon"
    assert shown["mrs-smith"]["responsiveness"] == "unknown"
    assert "responsiveness   booster" in ok(runner, db, "person", "show", "denise-okafor", "--demo")


# --- events that close what they answer ------------------------------------------------------


@pytest.fixture
def smith_db(runner: CliRunner, db_path: Path) -> Path:
    """Brad referred me to Mrs. Smith on 2 Nov; I wrote to her on 4 Nov."""
    ok(runner, db_path, "person", "add", "Brad Johnson", "--how", "friend")
    ok(runner, db_path, "refer", "Brad Johnson", "Mrs. Smith", "--on", "2026-11-02")
    ok(runner, db_path, "outreach", "Mrs. Smith", "--on", "2026-11-04", "--via", "brad-johnson")
    return db_path


def test_schedule_records_the_yes_and_the_meeting_then_moves_it(
    runner: CliRunner, smith_db: Path
) -> None:
    """No reply was recorded: scheduling on the 6th a call on the 12th means she said yes on
    the 6th. Moved to the 16th, the meeting keeps its mode and the note says from when."""
    code, out, err = run(
        runner, smith_db, "schedule", "Mrs. Smith", "--on", "2026-11-12", "--mode", "phone",
        "--today", "2026-11-06",
    )  # fmt: skip
    assert code == 0, err
    assert out == "meeting with Mrs. Smith (mrs-smith) on 2026-11-12 (phone) (outreach-mrs-smith)\n"
    assert err == "note: recorded their yes on 2026-11-06 (outreach-mrs-smith)\n"
    code, out, err = run(runner, smith_db, "schedule", "mrs-smith", "--on", "2026-11-16")
    assert code == 0, err
    assert out.startswith("meeting with Mrs. Smith (mrs-smith) on 2026-11-16 (phone)")
    assert err == "note: moved from 2026-11-12\n"
    with open_store(smith_db) as store:
        (attempt,) = store.outreach_to("mrs-smith")
        assert (str(attempt.replied_on), str(attempt.meeting_on), attempt.meeting_mode) == (
            "2026-11-06",
            "2026-11-16",
            "phone",
        )
        assert store.referral("brad-johnson", "mrs-smith").status == "scheduled"
    code, _, err = run(runner, smith_db, "schedule", "mrs-smith", "--on", "2026-11-16")
    assert code == 1
    assert "nothing changed" in err


def test_schedule_without_an_outreach_says_it_added_one(runner: CliRunner, db_path: Path) -> None:
    ok(runner, db_path, "person", "add", "Ann Lee")
    code, out, err = run(
        runner, db_path, "schedule", "Ann Lee", "--on", "2026-11-09", "--today", "2026-11-05"
    )
    assert code == 0, err
    assert out == "meeting with Ann Lee (ann-lee) on 2026-11-09 (outreach-ann-lee)\n"
    assert "added outreach-ann-lee (channel other) on 2026-11-05" in err
    with open_store(db_path) as store:
        (attempt,) = store.outreach_to("ann-lee")
        assert (attempt.channel, str(attempt.on), str(attempt.replied_on)) == (
            "other",
            "2026-11-05",
            "2026-11-05",
        )


def test_do_not_contact_is_refused_by_outreach_and_schedule(
    runner: CliRunner, db_path: Path
) -> None:
    ok(runner, db_path, "person", "add", "Zed Quiet", "--do-not-contact")
    for args in (("outreach", "Zed Quiet"), ("schedule", "Zed Quiet", "--on", "2026-11-09")):
        code, out, err = run(runner, db_path, *args)
        assert code == 1, out
        assert "zed-quiet is marked do not contact" in err
        assert "referrals person edit zed-quiet --may-contact" in err
    with open_store(db_path) as store:
        assert store.outreach_to("zed-quiet") == []
    ok(runner, db_path, "person", "edit", "zed-quiet", "--may-contact")  # the advice works
    ok(runner, db_path, "outreach", "Zed Quiet")


def test_outreach_to_someone_who_declined_warns_and_records(
    runner: CliRunner, smith_db: Path
) -> None:
    ok(runner, smith_db, "reply", "Mrs. Smith", "--on", "2026-11-05", "--declined")
    code, out, err = run(runner, smith_db, "outreach", "Mrs. Smith", "--on", "2026-11-25")
    assert code == 0, err
    assert err == "warning: mrs-smith declined on 2026-11-05\n"
    assert out == "contacted Mrs. Smith (mrs-smith) on 2026-11-25 (outreach-mrs-smith-2)\n"
    with open_store(smith_db) as store:
        assert len(store.outreach_to("mrs-smith")) == 2


def test_reply_answers_the_follow_up_too(runner: CliRunner, smith_db: Path) -> None:
    ok(runner, smith_db, "outreach", "Mrs. Smith", "--on", "2026-11-13")
    code, out, err = run(runner, smith_db, "reply", "Mrs. Smith", "--on", "2026-11-16")
    assert code == 0, err
    assert out == "Mrs. Smith (mrs-smith) replied on 2026-11-16\n"
    assert err == "note: the reply also answers outreach-mrs-smith of 2026-11-04\n"
    with open_store(smith_db) as store:
        assert [str(o.replied_on) for o in store.outreach_to("mrs-smith")] == ["2026-11-16"] * 2


def test_refer_again_corrects_the_referral(runner: CliRunner, smith_db: Path) -> None:
    """Re-stating a referral with new facts corrects it and says what changed; without
    --may-use-name a permission stays, only --no-may-use-name revokes it."""
    code, _, err = run(
        runner, smith_db, "refer", "Brad Johnson", "Mrs. Smith", "--may-use-name",
        "--for", "org:General Mills", "--on", "2026-11-03",
    )  # fmt: skip
    assert code == 0, err
    assert err.splitlines() == [
        "note: created organization 'General Mills' (general-mills)",
        "note: may use the name: no → yes",
        "note: for: General Mills",
        "note: on: 2026-11-02 → 2026-11-03",
    ]
    code, _, err = run(runner, smith_db, "refer", "Brad Johnson", "Mrs. Smith")
    assert code == 1
    assert "nothing changed" in err
    with open_store(smith_db) as store:
        brad = store.referral("brad-johnson", "mrs-smith")
        assert (brad.may_use_name, brad.for_org, brad.status) == (
            True,
            "general-mills",
            "contacted",
        )
    code, _, err = run(runner, smith_db, "refer", "Brad Johnson", "Mrs. Smith", "--no-may-use-name")
    assert code == 0, err
    assert err == "note: may use the name: yes → no\n"
    with open_store(smith_db) as store:
        assert not store.referral("brad-johnson", "mrs-smith").may_use_name


def test_thanks_and_news_for_the_referrer_leave_the_agenda(
    runner: CliRunner, smith_db: Path
) -> None:
    """Interview with Mrs. Smith on the 20th (a Friday): the agenda of the 27th owes her a
    thank-you and Brad the news. Telling Brad is logged with the interview; the thank-you
    is marked done from the agenda, and lands on the interview."""
    ok(
        runner, smith_db, "interview", "log", "Mrs. Smith", "--on", "2026-11-20",
        "--told-referrer-on", "2026-11-23", "--no-input",
    )  # fmt: skip
    items = json.loads(ok(runner, smith_db, "agenda", "--today", "2026-11-27", "--json"))
    ids = [i["id"] for i in items]
    assert "thank-you-interview-mrs-smith" in ids
    assert "tell-referrer-interview-mrs-smith-brad-johnson" not in ids
    code, out, err = run(
        runner, smith_db, "followup", "done", "thank-you-interview-mrs-smith", "--on", "2026-11-21"
    )
    assert code == 0, err
    assert out == "done: thank-you-interview-mrs-smith\n"
    assert err == "note: interview-mrs-smith: thanked on 2026-11-21\n"
    with open_store(smith_db) as store:
        (interview,) = store.interviews_with("mrs-smith")
        assert str(interview.thanked_on) == "2026-11-21"
        told = {f.id: f for f in store.load().followups}[
            "tell-referrer-interview-mrs-smith-brad-johnson"
        ]
        assert (told.kind, told.person, str(told.done_on)) == (
            "tell-referrer",
            "brad-johnson",
            "2026-11-23",
        )
    items = json.loads(ok(runner, smith_db, "agenda", "--today", "2026-11-27", "--json"))
    assert not {i["id"] for i in items} & {
        "thank-you-interview-mrs-smith",
        "tell-referrer-interview-mrs-smith-brad-johnson",
    }
