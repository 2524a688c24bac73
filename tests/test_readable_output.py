"""Output a person can read: names instead of ids, piped tables that
never break a word, help reflowed as paragraphs, and a footnote for each borrowed word."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infoview_graph.cli import app
from infoview_graph.cli._glossary import FOOTNOTED, GLOSSARY
from infoview_graph.cli._help import reflow_help

DOCS = Path(__file__).resolve().parent.parent / "docs"
LONG_ORG = "Metropolitan Regional Transit Authority of the Greater Lakeview Area"
LONG_NAME = "Maximiliana Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def store(runner: CliRunner, db_path: Path) -> str:
    """My store with one contact at an organization with a long name, in a new field."""
    db = str(db_path)
    code, _, err = run(runner, "--db", db, "org", "add", LONG_ORG, "--field", "Urban planning")
    assert code == 0, err
    code, _, err = run(
        runner, "--db", db, "person", "add", LONG_NAME, "--org", LONG_ORG,
        "--field", "Urban planning", "--title", "Senior Transportation Planner",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(runner, "--db", db, "field", "add", "Transit", "--related", "Urban planning")
    assert code == 0, err
    return db


# --- names, not ids (item 3) -----------------------------------------------------------------

ORG_ID = "metropolitan-regional-transit-authority"  # how the slug starts


def test_person_list_shows_the_names_of_organization_and_fields(
    runner: CliRunner, store: str
) -> None:
    code, out, err = run(runner, "--db", store, "person", "list")
    assert code == 0, err
    assert LONG_ORG in out
    assert "Urban planning" in out
    assert ORG_ID not in out
    assert "urban-planning" not in out


def test_person_list_json_keeps_the_ids_and_adds_the_names(runner: CliRunner, store: str) -> None:
    code, out, err = run(runner, "--db", store, "person", "list", "--json")
    assert code == 0, err
    person = next(p for p in json.loads(out) if p["name"] == LONG_NAME)
    assert person["organization"].startswith(ORG_ID)
    assert person["organization_name"] == LONG_ORG
    assert person["fields"] == ["urban-planning"]
    assert person["field_names"] == ["Urban planning"]


def test_org_list_and_show_name_the_fields(runner: CliRunner, store: str) -> None:
    for args in (("org", "list"), ("org", "show", LONG_ORG)):
        code, out, err = run(runner, "--db", store, *args)
        assert code == 0, err
        assert "Urban planning" in out, args
        assert "urban-planning" not in out, args
    _, out, _ = run(runner, "--db", store, "org", "show", LONG_ORG, "--json")
    shown = json.loads(out)
    assert (shown["fields"], shown["field_names"]) == (["urban-planning"], ["Urban planning"])
    _, out, _ = run(runner, "--db", store, "org", "list", "--json")
    assert json.loads(out)[0]["field_names"] == ["Urban planning"]


def test_field_list_names_the_related_fields(runner: CliRunner, store: str) -> None:
    code, out, err = run(runner, "--db", store, "field", "list")
    assert code == 0, err
    transit = next(line for line in out.splitlines() if line.startswith("transit "))
    assert transit.split("│")[-1].strip() == "Urban planning"
    _, out, _ = run(runner, "--db", store, "field", "list", "--json")
    transit = next(f for f in json.loads(out) if f["id"] == "transit")
    assert (transit["related"], transit["related_names"]) == (
        ["urban-planning"],
        ["Urban planning"],
    )


def test_coverage_names_the_fields_a_related_field_is_related_to(runner: CliRunner) -> None:
    """In the demo, Auditing is related to the target field Accounting (id ``accounting``)."""
    code, out, err = run(runner, "coverage", "--demo")
    assert code == 0, err
    assert "freelance-writing" not in out
    assert "non-profit-management" not in out
    _, out, _ = run(runner, "coverage", "--demo", "--json")
    auditing = next(f for f in json.loads(out)["related_fields"] if f["field_id"] == "auditing")
    assert (auditing["related_to"], auditing["related_to_names"]) == (
        ["accounting"],
        ["Accounting"],
    )


def test_suggest_explain_shows_the_path_by_names(runner: CliRunner) -> None:
    code, out, err = run(runner, "suggest", "--demo", "--explain")
    assert code == 0, err
    assert "path: Steven Olson → Brad Johnson → Margaret Smith" in out
    assert "steven-olson →" not in out
    _, out, _ = run(runner, "suggest", "--demo", "--json")
    smith = next(s for s in json.loads(out) if s["person_id"] == "mrs-smith")
    assert smith["path"] == ["steven-olson", "brad-johnson", "mrs-smith"]
    assert smith["path_names"] == ["Steven Olson", "Brad Johnson", "Margaret Smith"]


def test_target_confirmations_name_the_target(runner: CliRunner, store: str) -> None:
    code, out, err = run(runner, "--db", store, "target", "add", "field", "urban-planning")
    assert code == 0, err
    assert out == "target field Urban planning (urban-planning) has priority 2\n"
    code, out, err = run(runner, "--db", store, "target", "remove", "field", "Urban planning")
    assert code == 0, err
    assert out == "Urban planning (urban-planning) is no longer a target\n"


def test_chains_and_intro_json_carry_names_beside_the_ids(runner: CliRunner) -> None:
    _, out, _ = run(runner, "chains", "--demo", "--json")
    chain = json.loads(out)["chains"][0]
    assert chain["people"] == ["brad-johnson", "mrs-smith"]
    assert chain["people_names"] == ["Brad Johnson", "Margaret Smith"]
    _, out, _ = run(runner, "intro", "General Mills", "--demo", "--json")
    best = json.loads(out)["paths"][0]
    assert best["path"] == ["steven-olson", "elena-petrova"]
    assert best["path_names"] == ["Steven Olson", "Elena Petrova"]


# --- piped output never breaks a word (item 3) -----------------------------------------------


@pytest.mark.parametrize(
    "args", [("person", "list"), ("org", "list"), ("person", "show", LONG_NAME)]
)
def test_piped_tables_keep_every_word_and_header_whole(
    runner: CliRunner, store: str, args: tuple[str, ...]
) -> None:
    """CliRunner's stdout is not a terminal: rows are not wrapped to 80 columns."""
    code, out, err = run(runner, "--db", store, *args)
    assert code == 0, err
    lines = out.splitlines()
    assert any(LONG_NAME in line for line in lines) or args[0] == "org"
    assert any(LONG_ORG in line for line in lines)
    assert all(line == line.rstrip() for line in lines)
    if args[1] == "list":
        header = next(line for line in lines if "name" in line)
        assert re.findall(r"[a-z]+", header)[:2] == ["id", "name"]
        assert "organization" in header or "kind" in header


def test_piped_person_list_has_one_line_per_person(runner: CliRunner, store: str) -> None:
    _, out, _ = run(runner, "--db", store, "person", "list")
    rows = [line for line in out.splitlines() if "│" in line]
    assert len(rows) == 2  # me and the contact, each on one line


# --- help reflowed as paragraphs (item 8) ----------------------------------------------------


def test_reflow_keeps_paragraphs_and_puts_the_example_on_its_own_line() -> None:
    text = """First line.

    A paragraph wrapped
    over three
    lines.

    Example:  referrals person add "Ann Lee"
    --how friend
    """
    assert reflow_help(text).split("\n\n") == [
        "First line.",
        "A paragraph wrapped over three lines.",
        'Example:\nreferrals person add "Ann Lee" --how friend',
    ]


def test_help_is_reflowed_to_the_terminal(runner: CliRunner) -> None:
    """On a wide terminal a paragraph is one line: no break where the docstring broke."""
    result = runner.invoke(app, ["interview", "log", "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "(Enter skips; --no-input never asks)." in result.output
    assert re.search(
        r"with no --answer, --advice, --lead, --referred or --friendliness", result.output
    )
    lines = [line.strip() for line in result.output.splitlines()]
    example = next(line for line in lines if line.startswith("referrals interview log"))
    assert lines[lines.index(example) - 1] == "Example:"
    assert example.endswith("--friendliness 5 --fit yes")


def test_group_callbacks_are_reflowed_too(runner: CliRunner) -> None:
    result = runner.invoke(app, ["questions", "--help"], env={"COLUMNS": "400"})
    assert "Trends, Insights, Advice, Resources, Assignments. With no subcommand" in result.output


def test_root_help_keeps_its_own_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "400"})
    assert "Start with: referrals suggest --demo" in result.output


# --- the glossary footnote (item 8) ----------------------------------------------------------


def _docs_glossary() -> dict[str, str]:
    text = (DOCS / "concepts.md").read_text(encoding="utf-8")
    table = text.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| \*\*(.+?)\*\* \| (.+) \|$", table, re.M))


def test_the_glossary_table_and_the_concepts_page_agree() -> None:
    assert _docs_glossary() == GLOSSARY


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (("agenda", "--demo"), "3B7"),
        (("followup", "list", "--demo"), "3B7"),
        (("suggest", "--demo", "--explain"), "3B7"),
        (("person", "show", "Jessica Tran", "--demo"), "curmudgeon"),
        (("person", "show", "Rachel Goldberg", "--demo"), "obligate"),
        (("questions", "--demo"), "TIARA"),
        (("org", "show", "General Mills", "--demo"), "LAMP"),
    ],
)
def test_a_borrowed_word_is_explained_once_at_the_end(
    runner: CliRunner, args: tuple[str, ...], word: str
) -> None:
    code, out, err = run(runner, *args)
    assert code == 0, err
    footnote = f"{word}: {GLOSSARY[word]}"
    lines = out.splitlines()
    assert lines.count(footnote) == 1
    assert lines[-1].split(": ", 1)[0] in FOOTNOTED  # the footnotes close the output
    assert lines.index(footnote) > max(
        n for n, line in enumerate(lines) if word in line and line != footnote
    )


def test_no_footnote_without_the_word_or_in_json(runner: CliRunner) -> None:
    _, out, _ = run(runner, "person", "show", "Steven Olson", "--demo")
    assert not any(line.split(": ", 1)[0] in FOOTNOTED for line in out.splitlines())
    _, out, _ = run(runner, "agenda", "--demo", "--json")
    assert isinstance(json.loads(out), list)


def test_a_bidi_override_in_a_name_is_spelled_out_not_obeyed(runner: CliRunner, store: str) -> None:
    """U+202E would turn the rest of the table line around; the table shows it as text."""
    code, _, err = run(runner, "--db", store, "person", "add", "Eve \u202egnp.exe")
    assert code == 0, err
    code, out, err = run(runner, "--db", store, "person", "list")
    assert code == 0, err
    assert "Eve \\u202egnp.exe" in out
    assert "\u202e" not in out
