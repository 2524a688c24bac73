"""Start-up stays light: each command imports what it uses, and no more.

- help and one-record commands never import the heavy libraries (checked with ``python -X
  importtime`` in a fresh interpreter, so that nothing the test process already imported can
  hide an import);
- ``--version`` and ``--help`` build the command line without pydantic, the records, the store
  or any algorithm, and each read command imports only the algorithms it runs (checked on
  ``sys.modules`` at the end of a fresh ``referrals`` process, which sees every import, lazy
  ones included). Module sets are deterministic where timings are not: the time these
  imports take is measured by ``benchmarks/bench_compare.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infoview_graph.cli import app, app_for

HEAVY = ("networkx", "numpy", "scipy", "matplotlib", "pandas")


def imported_modules(*args: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "infoview_graph", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    modules = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return modules, result


@pytest.fixture
def store_file(db_path: Path) -> Path:
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("person", "add", "Ann Lee", "--org", "Acme", "--field", "Accounting"),
        ("refer", "Ann Lee", "Bob Stone", "--may-use-name"),
        ("outreach", "Bob Stone", "--via", "Ann Lee"),
        ("know", "Ann Lee", "Bob Stone", "--strength", "2"),
        ("person", "show", "Ann Lee"),
    ],
)
def test_one_record_commands_import_no_heavy_library(
    store_file: Path, args: tuple[str, ...]
) -> None:
    if args[0] in ("refer", "outreach", "know", "person") and args[1] != "add":
        imported_modules("--db", str(store_file), "person", "add", "Ann Lee")
        imported_modules("--db", str(store_file), "person", "add", "Bob Stone")
    modules, result = imported_modules("--db", str(store_file), *args)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "typer" in modules  # the probe sees imports at all
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_suggest_does_import_them(store_file: Path) -> None:
    """The probe can fail: suggest needs numpy and says so."""
    modules, result = imported_modules("suggest", "--demo")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "numpy" in modules


# Runs the command line in a fresh interpreter and writes, whatever the exit, every module it
# imported to the file named by the second argument.
_PROBE = """
import json, sys
args, out = json.loads(sys.argv[1]), sys.argv[2]
sys.argv = ["referrals", *args]
try:
    from infoview_graph.cli import main

    main()
finally:
    with open(out, "w", encoding="utf-8") as file:
        json.dump(sorted(sys.modules), file)
"""


def loaded_modules(tmp_path: Path, *args: str) -> set[str]:
    """Every module a ``referrals ARGS`` process has imported when it exits (successfully)."""
    out = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = set(json.loads(out.read_text(encoding="utf-8")))
    assert "infoview_graph.cli" in modules  # the probe sees the command line's imports
    return modules


def _matching(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(f"{p}.") for p in prefixes))


# What building the command line itself must not need: the records and everything above them.
NOT_FOR_THE_FLOOR = (
    "pydantic",
    "pydantic_core",
    "numpy",
    "networkx",
    "matplotlib",
    "infoview_graph.models._records",
    "infoview_graph.store",
    "infoview_graph.network",
    "infoview_graph.lifecycle",
    "infoview_graph.algorithms",
    "infoview_graph.timing",
    "infoview_graph.questions",
    "infoview_graph.interop",
    "infoview_graph.plotting",
)


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("person", "--help")])
def test_the_floor_imports_no_records_store_or_algorithms(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    modules = loaded_modules(tmp_path, *args)
    assert not _matching(modules, NOT_FOR_THE_FLOOR)


def test_version_imports_no_rich_either(tmp_path: Path) -> None:
    """rich draws help and tables; printing the version needs neither."""
    assert not _matching(loaded_modules(tmp_path, "--version"), ("rich",))


# The algorithms a read command does not run, and the output it does not make.
NOT_FOR_A_RANKING = (
    "infoview_graph.algorithms._drafts",
    "infoview_graph.algorithms._prep",
    "infoview_graph.algorithms._learned",
    "infoview_graph.algorithms._introducers",
    "infoview_graph.interop",
    "infoview_graph.plotting",
    "infoview_graph.reports",
    "infoview_graph.webview",
    "infoview_graph.store.views",
    "infoview_graph.store.actions",
    "networkx",
    "matplotlib",
    "icalendar",
    "vobject",
)


@pytest.mark.parametrize(
    ("command", "runs", "skips"),
    [
        ("suggest", "_suggest", ("_coverage", "_chains", "_agenda")),
        ("agenda", "_agenda", ("_suggest", "_coverage", "_chains")),
        ("coverage", "_coverage", ("_suggest", "_chains", "_agenda")),
        ("chains", "_chains", ("_suggest", "_coverage", "_agenda")),
    ],
)
def test_a_read_command_imports_only_the_algorithm_it_runs(
    tmp_path: Path, command: str, runs: str, skips: tuple[str, ...]
) -> None:
    modules = loaded_modules(tmp_path, command, "--demo")
    assert f"infoview_graph.algorithms.{runs}" in modules
    others = tuple(f"infoview_graph.algorithms.{name}" for name in skips)
    assert not _matching(modules, NOT_FOR_A_RANKING + others)


def test_person_show_reads_one_record_without_the_algorithms(db_path: Path, tmp_path: Path) -> None:
    modules = loaded_modules(tmp_path, "--db", str(db_path), "person", "show", "me")
    assert "infoview_graph.store.views" in modules
    assert not _matching(modules, ("infoview_graph.algorithms", "numpy", "networkx"))


def test_the_lazy_packages_give_every_name_they_list() -> None:
    """A name in ``__all__`` that the lazy loader cannot find would fail only on use."""
    code = (
        "import importlib, sys\n"
        "for name in ('infoview_graph', 'infoview_graph.models', 'infoview_graph.algorithms'):\n"
        "    package = importlib.import_module(name)\n"
        "    for public in package.__all__:\n"
        "        getattr(package, public)\n"
        "    assert set(package.__all__) <= set(dir(package)), name\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        [],
        ["suggest", "--demo", "-k", "2"],
        ["--demo", "agenda"],
        ["suggest", "--help"],
        ["person"],
        ["person", "show", "Marcus Bell", "--demo"],
        ["person", "bogus"],
        ["sugest", "--demo"],
        ["--bogus", "suggest"],
        ["suggest", "--db"],
        ["--db"],
        ["--", "suggest"],
        ["--version", "suggest"],
        ["suggest", "--version"],
    ],
)
def test_the_app_with_one_command_answers_as_the_whole_app(
    runner: CliRunner, args: list[str]
) -> None:
    """``main`` builds only the command it runs: same output, same exit, whatever the words."""
    whole = runner.invoke(app, args)
    only = runner.invoke(app_for(args), args)
    assert (only.exit_code, only.stdout, only.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )


def test_the_app_for_a_command_holds_that_command_only() -> None:
    assert [c.name for c in app_for(["--db", "x.db", "agenda"]).registered_commands] == ["agenda"]
    assert not app_for(["--db", "x.db", "agenda"]).registered_groups
    assert not app_for(["--version"]).registered_commands
    assert app_for(["nonsense"]) is app


_AT_EXIT = """
import gc, json, sys
default = gc.get_threshold()
sys.argv = ["referrals", *json.loads(sys.argv[1])]
from infoview_graph.cli import main

try:
    main()
finally:
    print(json.dumps({
        "frozen": gc.get_freeze_count(),
        "objects": len(gc.get_objects()),
        "threshold": gc.get_threshold(),
        "default": default,
    }))
"""


@pytest.mark.parametrize("args", [["suggest", "--demo"], ["suggest", "--demo", "--top", "0"]])
def test_a_command_leaves_what_is_alive_to_the_exit(args: list[str]) -> None:
    """When a command ends, everything alive — its network among it, in a cycle with its
    lifecycle — is frozen out of the collector, whose last pass would only free memory the
    exit frees (0.2 s at a million people); whether the command succeeded or not."""
    result = subprocess.run(
        [sys.executable, "-c", _AT_EXIT, json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
    )
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["frozen"] > 10_000
    assert counts["objects"] < 100  # next to nothing left for a collection to walk


def test_a_command_collects_less_often_than_a_library_caller() -> None:
    """The command raises the collector's first threshold (one pass per 200,000 new objects,
    not the interpreter's 700, or 2,000 from 3.13): its objects live until the exit, and
    walking them again is time lost."""
    result = subprocess.run(
        [sys.executable, "-c", _AT_EXIT, json.dumps(["--version"])],
        capture_output=True,
        text=True,
        check=False,
    )
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["threshold"][0] > 10 * counts["default"][0]
