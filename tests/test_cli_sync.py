"""``referrals import messages|mail|calendar`` through the command, against typing it all.

The story is the one of ``test_events_import.py`` (fixtures in ``fixtures/events/``): the
same contacts in two stores; one imports the three files, the other is told the same events
with ``outreach``, ``reply`` and ``schedule``. Every command that reads the lifecycle must
then answer the same in both, on every day of the simulated weeks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import ok, run
from typer.testing import CliRunner

from infoview_graph.cli import app
from infoview_graph.store import open_store

EVENTS = Path(__file__).parent / "fixtures" / "events"
TODAY = "2026-11-20"
CONTACTS = ("ann-lee", "brad-johnson", "kenji-watanabe", "jane-smith", "renee-dubois")


# Days are the user's local days: every test here runs in UTC (the conftest's fixture).
pytestmark = pytest.mark.usefixtures("utc")


def contacts(runner: CliRunner, db: Path) -> Path:
    ok(runner, db, "init", "--name", "Steven Olson")
    ok(runner, db, "target", "add", "org", "General Mills", "--priority", "1")
    ok(
        runner, db, "person", "edit", "me", "--email", "steven@example.org",
        "--url", "https://www.linkedin.com/in/steven-olson",
    )  # fmt: skip
    for name, *details in (
        ("Ann Lee", "--email", "ann@example.org", "--url", "https://www.linkedin.com/in/ann-lee"),
        (
            "Brad Johnson", "--email", "brad@example.org",
            "--url", "https://www.linkedin.com/in/brad-johnson", "--how", "friend",
        ),
        ("Kenji Watanabe", "--url", "https://www.linkedin.com/in/kenji-watanabe"),
        ("Jane Smith", "--email", "jane.smith@generalmills.example", "--org", "General Mills"),
        ("Renée Dubois", "--email", "renee@example.fr"),
    ):  # fmt: skip
        ok(runner, db, "person", "add", name, *details)
    ok(runner, db, "know", "Brad Johnson", "Kenji Watanabe", "--strength", "4")
    ok(runner, db, "refer", "Brad Johnson", "Kenji Watanabe", "--on", "2026-11-05")
    return db


def imported(runner: CliRunner, db: Path) -> Path:
    contacts(runner, db)
    ok(runner, db, "import", "messages", str(EVENTS / "messages.csv"), "--today", TODAY)
    ok(runner, db, "import", "mail", str(EVENTS / "mail.mbox"), "--today", TODAY)
    ok(runner, db, "import", "calendar", str(EVENTS / "calendar.ics"), "--today", TODAY)
    return db


def typed(runner: CliRunner, db: Path) -> Path:
    contacts(runner, db)
    for command in (
        ("outreach", "Ann Lee", "--on", "2026-11-02", "--channel", "linkedin"),
        ("reply", "Ann Lee", "--on", "2026-11-04"),
        ("outreach", "Kenji Watanabe", "--on", "2026-11-06", "--channel", "linkedin"),
        ("outreach", "Kenji Watanabe", "--on", "2026-11-16", "--channel", "linkedin"),
        ("outreach", "Jane Smith", "--on", "2026-11-03"),
        ("reply", "Jane Smith", "--on", "2026-11-06"),
        ("outreach", "Renée Dubois", "--on", "2026-11-09"),
        ("reply", "Renée Dubois", "--on", "2026-11-12"),
        ("schedule", "Ann Lee", "--on", "2026-11-17", "--today", TODAY),
        ("schedule", "Jane Smith", "--on", "2026-11-24", "--today", TODAY),
    ):
        ok(runner, db, *command)
    return db


@pytest.mark.parametrize("day", ["2026-11-20", "2026-11-25", "2026-12-10"])
def test_imported_and_typed_stories_read_the_same_everywhere(
    runner: CliRunner, tmp_path: Path, day: str
) -> None:
    one = imported(runner, tmp_path / "imported.db")
    other = typed(runner, tmp_path / "typed.db")
    with open_store(one) as a, open_store(other) as b:
        assert a.load().outreach == b.load().outreach
        assert a.load().referrals == b.load().referrals
    for command in (
        ("suggest", "--today", day, "--json", "-k", "20"),
        ("agenda", "--today", day, "--json", "--days", "30"),
        *(("person", "show", pid, "--today", day, "--json") for pid in CONTACTS),
    ):
        mine, theirs = (
            json.loads(ok(runner, one, *command)),
            json.loads(ok(runner, other, *command)),
        )
        assert mine == theirs, command
    agenda = ok(runner, one, "agenda", "--today", "2026-11-25")
    assert "Log your conversation with Jane Smith" in agenda
    assert "Log your conversation with Ann Lee" in agenda
    assert "Schedule 15 minutes with Renée Dubois" in agenda


def test_the_store_holds_no_byte_of_subjects_bodies_or_strangers(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Canary strings sit in the mail's subjects and bodies, the calendar's summaries and
    descriptions, the LinkedIn messages' texts; strangers' addresses and message ids in the
    headers. After importing all three (twice, and a cancelled event on top), none of them
    is anywhere in the store's files."""
    db = imported(runner, tmp_path / "private.db")
    ok(runner, db, "import", "mail", str(EVENTS / "mail.mbox"), "--today", TODAY)
    canaries = [
        b"CANARY-SUBJ-7f3a", b"CANARY-BODY-91c2", b"news@shop.example",
        b"friend@elsewhere.example", b"desk@dentist.example", b"m1.steven@example.org",
        b"r1.jane", b"promo-1", b"call-jane-20261124", b"coffee-ann", b"Coffee with Ann",
        b"Ask about the finance team", b"Fifteen minutes?", b"Brad said you know",
        b"Try Premium free", b"LinkedIn Premium", b"2-YWFhYQ==", b"Intro: Steven",
        b"Jane Sm\xc3\xadth",
    ]  # fmt: skip
    files = sorted(tmp_path.glob("private.db*"))
    assert files
    held = b"".join(path.read_bytes() for path in files)
    assert b"jane.smith@generalmills.example" in held  # the check can find what is there
    assert [c for c in canaries if c in held] == []


def test_dry_run_shows_per_person_and_saves_nothing(runner: CliRunner, tmp_path: Path) -> None:
    db = contacts(runner, tmp_path / "dry.db")
    code, out, err = run(
        runner, db, "import", "mail", str(EVENTS / "mail.mbox"), "--today", TODAY, "--dry-run"
    )
    assert code == 0, err
    assert out.splitlines() == [
        "jane-smith: outreach 2026-11-03 (email), reply 2026-11-06 (email)",
        "renee-dubois: outreach 2026-11-09 (email), reply 2026-11-12 (email)",
        f"{EVENTS / 'mail.mbox'}: would record 2 outreach, 2 replies, 0 meetings for 2 "
        "contacts; 1 message with others ignored (dry run: nothing saved)",
    ]
    with open_store(db) as store:
        assert store.load().outreach == ()


def test_second_import_says_it_recorded_before(runner: CliRunner, tmp_path: Path) -> None:
    db = imported(runner, tmp_path / "twice.db")
    out = ok(runner, db, "import", "calendar", str(EVENTS / "calendar.ics"), "--today", TODAY)
    assert out.endswith(
        "0 outreach, 0 replies, 0 meetings for 0 contacts; 1 event with others ignored; "
        "2 recorded before\n"
    )


@pytest.mark.parametrize(
    ("command", "content", "expected"),
    [
        ("messages", b"NAME\r\nAnn\r\n", "bad.txt, line 1: no FROM column"),
        ("mail", b"Subject: x\n\nhi\n", "bad.txt, line 1: not an mbox file"),
        ("calendar", b"BEGIN:VCARD\r\nEND:VCARD\r\n", "bad.txt: not an iCalendar file"),
    ],
)
def test_bad_files_are_refused_with_file_and_line(
    runner: CliRunner, tmp_path: Path, command: str, content: bytes, expected: str
) -> None:
    db = contacts(runner, tmp_path / "bad.db")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, out, err = run(runner, db, "import", command, str(bad))
    assert code == 65, (out, err)
    assert expected in err
    assert "Traceback" not in err


def test_me_is_taken_from_the_option(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "me.db"
    ok(runner, db, "init", "--name", "Someone")
    ok(runner, db, "person", "add", "Jane Smith", "--email", "jane.smith@generalmills.example")
    code, _, err = run(runner, db, "import", "mail", str(EVENTS / "mail.mbox"), "--today", TODAY)
    assert code == 65
    assert "no message is from you" in err
    out = ok(
        runner, db, "import", "mail", str(EVENTS / "mail.mbox"), "--me", "steven@example.org",
        "--today", TODAY,
    )  # fmt: skip
    assert "1 outreach, 1 reply" in out


@pytest.mark.parametrize("command", ["messages", "mail", "calendar"])
def test_help_teaches_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, ["import", command, "--help"])
    assert result.exit_code == 0
    assert f"referrals import {command} " in result.stdout
    for option in ("--me", "--since", "--dry-run", "--today"):
        assert option in result.stdout
