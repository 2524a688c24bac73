"""``referrals prep|draft|learned|questions`` and the interactive ``interview log``.

The commands run in a test-local Typer app wired like ``infoview_graph.cli.app``; effects
are checked by reopening the store through the library.
"""

import json
import stat
from functools import partial
from pathlib import Path
from typing import Annotated

import pytest
import typer
from cli_support import ok, run
from typer.testing import CliRunner

from infoview_graph.cli import events, interviewing
from infoview_graph.cli._context import state
from infoview_graph.store import open_store
from infoview_graph.store.actions import add_contact, refer
from infoview_graph.store.questions import user_questions

app = typer.Typer(pretty_exceptions_show_locals=False, add_completion=False)


@app.callback()
def _root(db: Annotated[Path | None, typer.Option("--db")] = None) -> None:
    state.db = db


app.command("prep")(interviewing.prep)
app.add_typer(interviewing.draft_app, name="draft")
app.command("learned")(interviewing.learned)
app.add_typer(interviewing.questions_app, name="questions")
app.add_typer(events.interview_app, name="interview")

# The commands run on this module's own app, which mounts only the groups under test.
ok = partial(ok, app=app)
run = partial(run, app=app)


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


@pytest.fixture
def nowhere(tmp_path: Path) -> Path:
    """A store path that must stay absent: --demo never touches the user's store."""
    return tmp_path / "absent.db"


# --- the demo --------------------------------------------------------------------------------


def test_prep_demo_prints_the_brief(runner: CliRunner, nowhere: Path) -> None:
    out = ok(runner, nowhere, "prep", "Margaret Smith", "--demo")
    assert out.startswith("# Informational interview: Margaret Smith\n")
    assert 'Open with "Brad Johnson suggested I speak with you."' in out
    assert "10. Can you refer me to someone else in this field?" in out
    brief = json.loads(ok(runner, nowhere, "prep", "mrs-smith", "--demo", "--json", "-n", "8"))
    assert [q["id"] for q in brief["questions"]][-1] == "referral"
    assert len(brief["questions"]) == 8
    assert brief["connection"]["chain"] == ["steven-olson", "brad-johnson", "mrs-smith"]
    assert not nowhere.exists()


def test_prep_out_writes_a_private_file_and_never_overwrites_by_accident(
    runner: CliRunner, nowhere: Path, tmp_path: Path
) -> None:
    target = tmp_path / "briefs" / "smith.md"
    code, _, err = run(runner, nowhere, "prep", "Margaret Smith", "--demo", "--out", str(tmp_path))
    assert code == 1
    assert "is a directory" in err
    code, _, err = run(runner, nowhere, "prep", "Margaret Smith", "--demo", "--out", str(target))
    assert code == 1
    assert "does not exist; create it first" in err
    target.parent.mkdir()
    out = ok(runner, nowhere, "prep", "Margaret Smith", "--demo", "--out", str(target))
    assert f"wrote the brief for Margaret Smith to {target}" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = target.read_text(encoding="utf-8")
    assert page.startswith("# Informational interview: Margaret Smith")

    target.write_text("my edits", encoding="utf-8")
    code, _, err = run(runner, nowhere, "prep", "mrs-smith", "--demo", "--out", str(target))
    assert code == 1
    assert "exists already" in err
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "my edits"
    ok(runner, nowhere, "prep", "mrs-smith", "--demo", "--out", str(target), "--force")
    assert target.read_text(encoding="utf-8") == page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["smith.md"]  # no temp file left


def test_drafts_on_the_demo(runner: CliRunner, nowhere: Path) -> None:
    code, out, err = run(runner, nowhere, "draft", "request", "Margaret Smith", "--demo")
    assert code == 0, err
    assert out.startswith("Dear Margaret Smith,\n\nBrad Johnson suggested I speak with you.")
    assert "note: 71 words" in err
    code, out, err = run(runner, nowhere, "draft", "request", "Lúcia Ferreira", "--demo")
    assert code == 0, err
    assert "Omar" not in out
    code, out, err = run(runner, nowhere, "draft", "thanks", "Marcus Bell", "--demo")
    assert code == 0, err
    assert "- Take the FAR section of the CPA exam first." in out
    assert "Elena Petrova" in out
    code, _, err = run(runner, nowhere, "draft", "thanks", "Margaret Smith", "--demo")
    assert code == 1
    assert "no interview with 'mrs-smith'" in err


def test_draft_templates_from_files(runner: CliRunner, nowhere: Path, tmp_path: Path) -> None:
    template = tmp_path / "short.txt"
    template.write_text("Hello $name, from $my_name ($$0 asked).\n", encoding="utf-8")
    out = ok(
        runner, nowhere, "draft", "request", "mrs-smith", "--demo", "--template", str(template)
    )
    assert out == "Hello Margaret Smith, from Steven Olson ($0 asked).\n"
    template.write_text("Hello $nickname\n", encoding="utf-8")
    code, _, err = run(
        runner, nowhere, "draft", "thanks", "Marcus Bell", "--demo", "--template", str(template)
    )
    assert code == 1
    assert "unknown placeholder $nickname; the known ones are $greeting, $salutation" in err
    code, _, err = run(
        runner, nowhere, "draft", "request", "mrs-smith", "--demo", "--template", "missing.txt"
    )
    assert code == 1
    assert "--template: there is no file 'missing.txt'" in err


def test_learned_on_the_demo(runner: CliRunner, nowhere: Path, wide: None) -> None:
    table = ok(runner, nowhere, "learned", "accounting", "--demo")
    assert "What you learned in Accounting (3 interviews)" in table
    assert "Rachel Goldberg (Lindqvist & Park CPAs)" in table
    assert "Nobody has answered yet" in table
    found = json.loads(ok(runner, nowhere, "learned", "Accounting", "--demo", "--json"))
    assert found["field"] == "accounting"
    assert [q["id"] for q in found["unanswered"]][:2] == ["advancement", "job-description"]
    at = json.loads(
        ok(runner, nowhere, "learned", "--org", "North Star Food Bank", "--demo", "--json")
    )
    assert at["interviews"] == ["interview-marcus-bell-1"]
    code, _, err = run(runner, nowhere, "learned", "--demo")
    assert code == 2
    assert "--org" in err
    code, _, err = run(runner, nowhere, "learned", "Astrology", "--demo")
    assert code == 1
    assert "Astrology" in err


def test_questions_on_the_demo(runner: CliRunner, nowhere: Path, wide: None) -> None:
    table = ok(runner, nowhere, "questions", "--demo")
    assert "What is a day on this job really like?" in table
    assert table == ok(runner, nowhere, "questions", "list", "--demo")
    listed = json.loads(ok(runner, nowhere, "questions", "--demo", "--json"))
    assert len(listed) == 23
    assert listed[-1]["id"] == "referral"
    assert {q["source"] for q in listed} == {"built-in"}
    counted = json.loads(
        ok(runner, nowhere, "questions", "list", "--field", "accounting", "--demo", "--json")
    )
    by_id = {q["id"]: q["answers"] for q in counted}
    assert (by_id["day-in-the-life"], by_id["stay-current"], by_id["culture"]) == (2, 2, 0)
    assert not nowhere.exists()


# --- a fresh store ---------------------------------------------------------------------------


def test_own_questions_are_stored_and_accepted_as_answers(runner: CliRunner, db_path: Path) -> None:
    ok(runner, db_path, "questions", "add", "Which certifications matter?", "--tiara", "advice")
    code, _, err = run(
        runner, db_path, "questions", "add", "What is it like here?", "--id", "culture"
    )
    assert code == 0
    assert "replaces the built-in question 'culture'" in err
    code, _, _ = run(runner, db_path, "questions", "add", "Bad tag?", "--tiara", "gossip")
    assert code == 2
    with open_store(db_path) as store:
        assert [(q.id, q.tiara) for q in user_questions(store)] == [
            ("culture", ()),
            ("which-certifications-matter", ("advice",)),
        ]
        add_contact(store, "Ann Lee", org="Acme", fields=["Accounting"], how="friend")
    listed = json.loads(ok(runner, db_path, "questions", "--json"))
    assert [q["source"] for q in listed if q["id"] == "culture"] == ["yours, replaces built-in"]
    assert listed[-1]["id"] == "which-certifications-matter"

    code, _, err = run(
        runner, db_path, "interview", "log", "Ann Lee", "--answer", "day-in-lif=Audits"
    )
    assert code == 1
    assert "no question has the id 'day-in-lif' (did you mean 'day-in-the-life'?)" in err
    with open_store(db_path) as store:
        assert store.count("interviews") == 0
    ok(
        runner,
        db_path,
        "interview",
        "log",
        "Ann Lee",
        "--on",
        "2026-11-20",
        "--answer",
        "which-certifications-matter=The CPA",
    )
    with open_store(db_path) as store:
        (interview,) = store.interviews_with("ann-lee")
    assert dict(interview.answers) == {"which-certifications-matter": "The CPA"}


def test_prep_draft_and_learned_on_a_fresh_store(
    runner: CliRunner, db_path: Path, wide: None
) -> None:
    with open_store(db_path) as store:
        add_contact(store, "Brad Johnson", how="friend", org="General Mills", fields=["Accounting"])
        refer(store, "Brad Johnson", "Mrs. Smith", may_use_name=True)
    out = ok(runner, db_path, "prep", "Mrs. Smith", "--today", "2026-11-20")
    assert "Steven Olson (you) → Brad Johnson → Mrs. Smith" in out
    assert "Nothing yet" in out
    request = ok(runner, db_path, "draft", "request", "Mrs. Smith")
    assert "Brad Johnson suggested I speak with you. My name is Steven Olson" in request
    assert "interested in the work you do." in request

    ok(runner, db_path, "interview", "log", "Brad Johnson", "--answer", "culture=Formal")
    found = json.loads(ok(runner, db_path, "learned", "Accounting", "--json"))
    assert [(q["question_id"], [a["name"] for a in q["answers"]]) for q in found["answered"]] == [
        ("culture", ["Brad Johnson"])
    ]
    table = ok(runner, db_path, "learned", "--org", "General Mills")
    assert "Formal" in table
    assert ok(runner, db_path, "draft", "thanks", "Brad Johnson").startswith("Dear Brad,\n")
    code, _, err = run(runner, db_path, "prep", "Mrs. Smith", "--today", "20 Nov")
    assert code == 2  # a usage error
    assert "--today" in err


# --- the interactive interview log -----------------------------------------------------------


@pytest.fixture
def ann(db_path: Path) -> Path:
    with open_store(db_path) as store:
        add_contact(store, "Ann Lee", how="colleague")
    return db_path


def test_interview_log_walks_through_the_questions_on_a_terminal(
    runner: CliRunner, ann: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answer the first question, skip the second, stop with '.'; two advice items, one
    lead, one new name; a friendliness of 9 is refused and asked again; fit maybe."""
    monkeypatch.setattr(events, "_interactive", lambda: True)
    replies = [
        "Month-end close",
        "",
        ".",
        "Take the CPA exam",
        "Join the chapter",
        "",
        "Audit intern in May",
        "",
        "Tom Reyes",
        "",
        "9",
        "4",
        "maybe",
    ]
    out = ok(
        runner,
        ann,
        "interview",
        "log",
        "Ann Lee",
        "--on",
        "2026-11-20",
        input="\n".join(replies) + "\n",
    )
    assert "1/23 What is a day on this job really like?" in out
    assert "3/23" in out
    assert "4/23" not in out
    assert "Type a number from 1 to 5" in out
    with open_store(ann) as store:
        (interview,) = store.interviews_with("ann-lee")
        assert store.referral("ann-lee", "tom-reyes") is not None
    assert dict(interview.answers) == {"day-in-the-life": "Month-end close"}
    assert interview.advice == ("Take the CPA exam", "Join the chapter")
    assert interview.leads == ("Audit intern in May",)
    assert interview.referrals == ("tom-reyes",)
    assert (interview.friendliness, interview.fit) == (4, "maybe")


def test_interview_log_never_prompts_off_a_terminal_or_with_no_input(
    runner: CliRunner, ann: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CliRunner's standard input is not a terminal: no prompt, and no input is needed."""
    out = ok(runner, ann, "interview", "log", "Ann Lee", "--on", "2026-11-20")
    assert "What is a day" not in out
    monkeypatch.setattr(events, "_interactive", lambda: True)
    out = ok(runner, ann, "interview", "log", "Ann Lee", "--on", "2026-11-21", "--no-input")
    assert "What is a day" not in out
    out = ok(runner, ann, "interview", "log", "Ann Lee", "--on", "2026-11-22", "--advice", "Read")
    assert "What is a day" not in out
    with open_store(ann) as store:
        logged = store.interviews_with("ann-lee")
    assert [(str(i.on), dict(i.answers), i.advice) for i in logged] == [
        ("2026-11-20", {}, ()),
        ("2026-11-21", {}, ()),
        ("2026-11-22", {}, ("Read",)),
    ]


def test_interview_log_checks_the_person_before_walking(
    runner: CliRunner, ann: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(events, "_interactive", lambda: True)
    code, out, err = run(runner, ann, "interview", "log", "Nobody Known")
    assert code == 1
    assert "no person named 'Nobody Known'" in err
    assert "What is a day" not in out


def test_interview_log_records_leave_to_use_the_name_and_news_for_the_referrer(
    runner: CliRunner, ann: Path
) -> None:
    """Brad referred me to Ann; in the interview of the 20th Ann names Tom Reyes and Mrs.
    Smith (whom she had named before, without leave) and lets me use her name with both; I
    told Brad how it went on the 23rd."""
    with open_store(ann) as store:
        add_contact(store, "Brad Johnson", how="friend")
        refer(store, "Brad Johnson", "Ann Lee")
        refer(store, "Ann Lee", "Mrs. Smith")
    code, _, err = run(
        runner, ann, "interview", "log", "Ann Lee", "--on", "2026-11-20",
        "--referred", "Tom Reyes", "--referred", "Mrs. Smith", "--may-use-name",
        "--told-referrer-on", "2026-11-23",
    )  # fmt: skip
    assert code == 0, err
    assert "note: referral ann-lee → mrs-smith: may use the name: no → yes" in err
    with open_store(ann) as store:
        assert store.referral("ann-lee", "tom-reyes").may_use_name
        assert store.referral("ann-lee", "mrs-smith").may_use_name
        (told,) = store.load().followups
    assert (told.id, told.kind, told.person, str(told.done_on)) == (
        "tell-referrer-interview-ann-lee-brad-johnson",
        "tell-referrer",
        "brad-johnson",
        "2026-11-23",
    )
    code, _, err = run(runner, ann, "interview", "log", "Ann Lee", "--may-use-name")
    assert code == 1
    assert "--may-use-name: name the people they referred you to with --referred" in err


# --- help -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        ("prep",),
        ("draft", "request"),
        ("draft", "followup"),
        ("draft", "thanks"),
        ("learned",),
        ("questions",),
        ("questions", "list"),
        ("questions", "add"),
        ("interview", "log"),
    ],
)
def test_every_command_has_help_with_an_example(runner: CliRunner, path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
