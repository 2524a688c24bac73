"""Words a newcomer understands: counts in the right number, the
glossary in the docs and in ``--help``, global options after the subcommand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infoview_graph import __version__
from infoview_graph.cli import app
from infoview_graph.cli._globals import hoist_global_options
from infoview_graph.cli._output import plural
from infoview_graph.store import open_store

DOCS = Path(__file__).resolve().parent.parent / "docs"
GLOSSARY = ("3B7", "TIARA", "LAMP", "booster", "obligate", "curmudgeon", "warmth", "coverage")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 new names"), (1, "1 new name"), (2, "2 new names")]
)
def test_plural(count: int, expected: str) -> None:
    assert plural(count, "new name") == expected


def test_interview_log_with_one_name_says_1_new_name(runner: CliRunner, db_path: Path) -> None:
    db = str(db_path)
    assert run(runner, "--db", db, "person", "add", "Ann Lee")[0] == 0
    code, out, err = run(
        runner, "--db", db, "interview", "log", "Ann Lee", "--on", "2026-11-10",
        "--referred", "Tom Reyes",
    )  # fmt: skip
    assert code == 0, err
    assert out.endswith("; 1 new name\n")


def test_one_of_everything_reads_in_the_singular(runner: CliRunner, db_path: Path) -> None:
    """One referral in the longest chain, one interview in a field, one organization."""
    db = str(db_path)
    for args in (
        ("person", "add", "Ann Lee", "--field", "Accounting", "--org", "Acme"),
        ("refer", "Ann Lee", "Tom Reyes", "--on", "2026-11-02"),
        ("interview", "log", "Tom Reyes", "--on", "2026-11-10", "--answer", "how-got-in=Luck"),
        ("person", "edit", "Tom Reyes", "--field", "Accounting"),
    ):
        code, _, err = run(runner, "--db", db, *args)
        assert code == 0, (args, err)
    _, chains, _ = run(runner, "--db", db, "chains")
    assert "Longest chain (1 referral):" in chains
    _, learned, _ = run(runner, "--db", db, "learned", "Accounting")
    assert "(1 interview)" in learned
    _, orgs, _ = run(runner, "--db", db, "org", "list")
    assert orgs.lstrip().startswith("1 organization\n")


# --- the glossary ----------------------------------------------------------------------------


@pytest.mark.parametrize("word", GLOSSARY)
def test_the_concepts_page_explains_every_word(word: str) -> None:
    text = (DOCS / "concepts.md").read_text(encoding="utf-8")
    glossary = text.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"^\| \*\*{re.escape(word)}\*\* \| \w", glossary, re.M), word


@pytest.mark.parametrize(
    ("command", "explanation"),
    [
        (("agenda",), "3B7: no answer after 3 business days"),
        (("draft", "followup"), "3B7: no answer after 3 business days"),
        (("questions",), "TIARA: the order of interview questions"),
        (("org", "add"), "LAMP (from The 2-Hour Job Search)"),
        (("person", "show"), "booster (answers within 3 business days)"),
        (("suggest",), "warmth (the chance a request gets an answer"),
        (("coverage",), "Coverage: how well your target fields"),
    ],
)
def test_help_explains_the_word_where_it_appears(
    runner: CliRunner, command: tuple[str, ...], explanation: str
) -> None:
    code, out, _ = run(runner, *command, "--help")
    assert code == 0
    assert explanation in " ".join(re.sub(r"[│╭╮╰╯─]", " ", out).split())


# --- global options anywhere (item 4) --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["suggest", "--db", "x.db"], ["--db", "x.db", "suggest"]),
        (["suggest", "--db=x.db", "-k", "2"], ["--db=x.db", "suggest", "-k", "2"]),
        (["person", "list", "--version"], ["--version", "person", "list"]),
        (["--db", "a", "person", "--db", "b"], ["--db", "a", "--db", "b", "person"]),
        (["person", "add", "--", "--db", "x"], ["person", "add", "--", "--db", "x"]),
        (["person", "list", "--db"], ["person", "list", "--db"]),
        ([], []),
    ],
)
def test_hoist_global_options(args: list[str], expected: list[str]) -> None:
    assert hoist_global_options(args) == expected


def test_db_after_the_subcommand(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    code, out, err = run(runner, "person", "add", "Ann Lee", "--db", str(db_path))
    assert (code, out) == (0, "added Ann Lee (ann-lee)\n"), err
    with open_store(db_path) as store:
        assert store.person("ann-lee").name == "Ann Lee"
    code, out, err = run(runner, "suggest", "--json", f"--db={db_path}")
    assert code == 0, err
    assert '"person_id": "ann-lee"' in out
    default = tmp_path / "default-store" / "referrals.db"
    assert not default.exists()  # the store named after the subcommand was used


def test_version_after_the_subcommand(runner: CliRunner) -> None:
    code, out, _ = run(runner, "suggest", "--version")
    assert code == 0
    assert __version__ in out


def test_demo_keeps_its_own_db_option(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    code, out, err = run(runner, "demo", "--db", str(target))
    assert code == 0, err
    assert str(target) in out
    assert target.exists()
