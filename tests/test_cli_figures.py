"""``referrals plot tree|network|coverage|funnel`` and ``referrals report``.

The commands run in a test-local Typer app wired like ``infoview_graph.cli.app``. Output
files are checked on disk: format, mode 0600, never overwritten without --force, no
temporary file left behind.
"""

import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import partial
from pathlib import Path
from typing import Annotated

import pytest
import typer
from cli_support import ok, run
from typer.testing import CliRunner

from infoview_graph.cli import figures
from infoview_graph.cli._context import state

app = typer.Typer(pretty_exceptions_show_locals=False, add_completion=False)


@app.callback()
def _root(db: Annotated[Path | None, typer.Option("--db")] = None) -> None:
    state.db = db


app.add_typer(figures.plot_app, name="plot")
app.command("report")(figures.report)

# The commands run on this module's own app, which mounts only the groups under test.
ok = partial(ok, app=app)
run = partial(run, app=app)


def unboxed(err: str) -> str:
    """The text of a usage error, without the frame and line breaks of its box."""
    return re.sub(r"[\s│╭╮╰╯─]+", " ", err)


MAGIC = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}


@pytest.fixture
def nowhere(tmp_path: Path) -> Path:
    """A store path that must stay absent: --demo never touches the user's store."""
    return tmp_path / "absent.db"


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("command", "suffix"),
    [("tree", ".png"), ("network", ".svg"), ("coverage", ".pdf"), ("funnel", ".png")],
)
def test_each_plot_writes_a_private_file_in_the_format_of_its_name(
    runner: CliRunner, nowhere: Path, tmp_path: Path, command: str, suffix: str
) -> None:
    target = tmp_path / f"{command}{suffix}"
    out = ok(runner, nowhere, "plot", command, "--demo", "--out", str(target))
    assert out == f"wrote {target}\n"
    assert target.read_bytes().startswith(MAGIC[suffix])
    assert private(target)
    assert not nowhere.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary file


def test_plot_never_overwrites_by_accident(
    runner: CliRunner, nowhere: Path, tmp_path: Path
) -> None:
    target = tmp_path / "tree.svg"
    target.write_text("my drawing", encoding="utf-8")
    code, _, err = run(runner, nowhere, "plot", "tree", "--demo", "--out", str(target))
    assert code == 1
    assert "exists already; add --force" in err
    assert target.read_text(encoding="utf-8") == "my drawing"
    ok(runner, nowhere, "plot", "tree", "--demo", "--out", str(target), "--force")
    first = target.read_bytes()
    ET.fromstring(first)  # noqa: S314 (our own SVG, well-formed)
    assert private(target)
    ok(runner, nowhere, "plot", "tree", "--demo", "--out", str(target), "--force")
    assert target.read_bytes() == first  # byte-stable
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tree.svg"]


def test_plot_refuses_bad_names_before_doing_any_work(
    runner: CliRunner, nowhere: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        runner, nowhere, "plot", "funnel", "--demo", "--out", str(tmp_path / "f.jpg")
    )
    assert code == 2  # a usage error
    assert "'f.jpg' has '.jpg'; use one of .png, .svg, .pdf" in unboxed(err)
    code, _, err = run(runner, nowhere, "plot", "funnel", "--demo", "--out", str(tmp_path / "f"))
    assert code == 2
    assert "has no extension" in unboxed(err)
    missing = tmp_path / "no" / "such" / "f.png"
    code, _, err = run(runner, nowhere, "plot", "coverage", "--demo", "--out", str(missing))
    assert code == 1
    assert "create it first" in err
    code, _, err = run(
        runner, nowhere, "plot", "tree", "--demo", "--out", str(tmp_path / "t.png"), "--today", "x"
    )
    assert code == 2  # a usage error, like every bad option value
    assert "'x' is not a date" in err
    assert list(tmp_path.iterdir()) == []


def test_tree_from_a_person_by_name_and_depth(
    runner: CliRunner, nowhere: Path, tmp_path: Path
) -> None:
    target = tmp_path / "denise.svg"
    args = ("plot", "tree", "--demo", "--from", "Denise Okafor", "--max-depth", "1")
    ok(runner, nowhere, *args, "--out", str(target))
    svg = target.read_text(encoding="utf-8")
    assert "Referrals from Denise Okafor" in svg  # matplotlib names each text in a comment
    assert "Samuel Adeyemi" not in svg  # three levels down: cut
    code, _, err = run(runner, nowhere, "plot", "tree", "--demo", "--from", "Nobody", "--out",
                       str(tmp_path / "x.png"))  # fmt: skip
    assert code == 1
    assert "no person named 'Nobody'" in err
    code, _, _ = run(runner, nowhere, "plot", "tree", "--demo", "--max-depth", "0", "--out",
                     str(tmp_path / "x.png"))  # fmt: skip
    assert code == 2


def test_plot_reads_the_users_store(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "tree.svg"
    ok(runner, db_path, "plot", "tree", "--out", str(target))
    assert "No referrals yet" in target.read_text(encoding="utf-8")


def test_report_html_and_markdown(runner: CliRunner, nowhere: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    out = ok(runner, nowhere, "report", "--demo", "--out", str(page), "--today", "2026-11-20")
    view = tmp_path / "report-network.html"
    assert out == f"wrote the report to {page} and the network view to {view}\n"
    assert 'href="report-network.html"' in page.read_text(encoding="utf-8")
    assert private(view)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert private(page)

    folder = tmp_path / "md"
    folder.mkdir()
    notes = folder / "notes.md"
    (folder / "notes-tree.svg").write_text("mine", encoding="utf-8")
    code, _, err = run(runner, nowhere, "report", "--demo", "--out", str(notes))
    assert code == 1
    assert "notes-tree.svg exists already; add --force" in err
    assert sorted(p.name for p in folder.iterdir()) == ["notes-tree.svg"]  # nothing written
    out = ok(runner, nowhere, "report", "--demo", "--out", str(notes), "--force")
    assert out == f"wrote the report to {notes} and 3 figures beside it\n"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["notes-coverage.svg", "notes-funnel.svg", "notes-tree.svg", "notes.md"]
    assert all(private(folder / name) for name in names)
    assert "](notes-tree.svg)" in notes.read_text(encoding="utf-8")

    code, _, err = run(runner, nowhere, "report", "--demo", "--out", str(tmp_path / "r.pdf"))
    assert code == 2
    assert "use one of .html, .md" in unboxed(err)


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for path in (("plot", "tree"), ("plot", "network"), ("plot", "coverage"),
                 ("plot", "funnel"), ("report",)):  # fmt: skip
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, path
    assert runner.invoke(app, ["plot"]).exit_code in (0, 2)


def test_importing_the_commands_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "import infoview_graph.cli.figures\n"
        "heavy = {'matplotlib', 'numpy', 'networkx'} & {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
