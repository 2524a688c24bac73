"""Start-up stays light: help and one-record commands never import the heavy libraries.

Checked with ``python -X importtime`` in a fresh interpreter, so that nothing the test
process already imported can hide an import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
