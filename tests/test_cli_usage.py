"""Every usage error exits 2: a bad value for any option of any command.

The test walks the command tree as Typer builds it, so that a new command or option is
covered the day it is added: each option that converts its value (a date, a number in a
range, a choice) is given a value it must refuse, before any argument, and the command must
exit 2 naming the option, with the store byte-for-byte unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from infoview_graph.cli import app


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield path, command
        return
    for name, sub in sorted(subcommands.items()):
        yield from _commands(sub, (*path, name))


def _bad_value(param: Any) -> str | None:
    """A value the option must refuse, or None for options that take any text."""
    kind = param.type
    if param.metavar == "YYYY-MM-DD":
        return "2026-02-30"
    if getattr(kind, "choices", None):
        return "no-such-choice"
    if getattr(kind, "max", None) is not None:
        return str(kind.max + 1)
    if getattr(kind, "min", None) is not None:
        return str(kind.min - 1)
    if getattr(kind, "name", "") == "integer":
        return "many"
    return None


def _cases() -> list[tuple[tuple[str, ...], str, str]]:
    cases = []
    for path, command in _commands(typer.main.get_command(app)):
        for param in command.params:
            if getattr(param, "is_flag", False) or not getattr(param, "opts", None):
                continue
            if param.param_type_name != "option":
                continue
            bad = _bad_value(param)
            if bad is not None:
                cases.append((path, max(param.opts, key=len), bad))
    return cases


CASES = _cases()


def test_the_walk_finds_the_options_that_convert_values() -> None:
    flags = {flag for _, flag, _ in CASES}
    assert {"--today", "--on", "--due", "--until", "--top", "--strength", "--how"} <= flags
    assert len(CASES) > 40


@pytest.mark.parametrize(
    ("path", "flag", "bad"), CASES, ids=lambda x: " ".join(x) if isinstance(x, tuple) else str(x)
)
def test_every_usage_error_exits_2(
    runner: CliRunner, db_path: Path, path: tuple[str, ...], flag: str, bad: str
) -> None:
    before = db_path.read_bytes()
    result = runner.invoke(app, ["--db", str(db_path), *path, flag, bad])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    message = re.sub(r"[\s│╭╮╰╯─]+", " ", result.stderr)
    assert flag in message
    assert db_path.read_bytes() == before
