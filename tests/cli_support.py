"""Running ``referrals`` in the tests: one command against a store, its exit code and output.

Test modules import ``run`` and ``ok`` from here (``from cli_support import ok, run``); a
module that mounts only some command groups on an app of its own passes that ``app``
(``functools.partial(run, app=app)``).
"""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from infoview_graph.cli import app as referrals


def run(
    runner: CliRunner,
    db: Path,
    *args: str,
    input: str | None = None,
    app: typer.Typer = referrals,
) -> tuple[int, str, str]:
    """Run one command against the store at ``db``; return its exit code, stdout, stderr."""
    result = runner.invoke(app, ["--db", str(db), *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def ok_with_stderr(
    runner: CliRunner,
    db: Path,
    *args: str,
    input: str | None = None,
    app: typer.Typer = referrals,
) -> tuple[str, str]:
    """Run one command that must succeed; return its stdout and stderr."""
    code, out, err = run(runner, db, *args, input=input, app=app)
    assert code == 0, (args, out, err)
    return out, err


def ok(
    runner: CliRunner,
    db: Path,
    *args: str,
    input: str | None = None,
    app: typer.Typer = referrals,
) -> str:
    """Run one command that must succeed; return its stdout."""
    return ok_with_stderr(runner, db, *args, input=input, app=app)[0]
