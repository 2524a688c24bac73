"""docs/tutorial.md, run top to bottom as written, in a temporary directory.

Every ```console block is a list of ``$ referrals …`` commands (a line ending in ``\\`` goes on
on the next line), each followed by lines it must print (``…`` matches anything); every
```python block runs, after the shell steps before it, in one namespace shared by all the
blocks. ``export REFERRALS_DB=…`` points the store into the temporary directory instead of
the reader's home. The story must end with the report and a figure on disk.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TUTORIAL = Path(__file__).parent.parent / "docs" / "tutorial.md"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


@dataclass
class Command:
    """One ``$`` line of a console block and the output lines shown under it."""

    argv: list[str]
    expected: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Step:
    """A console block's commands, or a Python block's source, with its line number."""

    kind: str
    line: int
    commands: list[Command] = field(default_factory=list)
    source: str = ""


def _commands(body: str, first_line: int) -> Iterator[Command]:
    current: Command | None = None
    pending = ""
    for offset, raw in enumerate(body.splitlines()):
        if pending or raw.startswith("$ "):
            text = pending + (raw.removeprefix("$ ") if not pending else raw.strip())
            if text.endswith("\\"):
                pending = text[:-1].rstrip() + " "
                continue
            pending = ""
            if current is not None:
                yield current
            current = Command(shlex.split(text), line=first_line + offset)
        elif raw.strip() and current is not None:
            current.expected.append(raw.strip())
    if current is not None:
        yield current


def tutorial_steps(text: str) -> list[Step]:
    """Split the tutorial into its console and Python steps, in page order."""
    steps = []
    for match in _FENCE.finditer(text):
        lang, body = match.group(1), match.group(2)
        line = text.count("\n", 0, match.start()) + 2
        if lang == "console":
            steps.append(Step("console", line, commands=list(_commands(body, line))))
        elif lang == "python":
            steps.append(Step("python", line, source=body))
    return steps


def _shown(expected: str, output: str) -> bool:
    pattern = r"\s+".join(
        ".*" if word == "…" else re.escape(word).replace("…", ".*") for word in expected.split()
    )
    return re.search(pattern, " ".join(output.split())) is not None


def _referrals() -> list[str]:
    script = Path(sys.executable).parent / "referrals"
    return [str(script)] if script.exists() else [sys.executable, "-m", "infoview_graph"]


def test_the_tutorial_has_both_tracks() -> None:
    steps = tutorial_steps(TUTORIAL.read_text(encoding="utf-8"))
    assert sum(s.kind == "console" for s in steps) >= 10
    assert sum(s.kind == "python" for s in steps) >= 10
    used = {c.argv[1] for s in steps for c in s.commands if c.argv[0] == "referrals"}
    for command in ("init", "suggest", "intro", "agenda", "coverage", "chains", "prep"):
        assert command in used
    assert {"draft", "plot", "report", "person", "refer", "interview"} <= used


def test_the_parser_reads_continuations_and_expectations() -> None:
    text = "```console\n$ referrals a \\\n    --b 'c d'\nout 1\n$ referrals e\n```\n"
    (step,) = tutorial_steps(text)
    assert [c.argv for c in step.commands] == [["referrals", "a", "--b", "c d"], ["referrals", "e"]]
    assert step.commands[0].expected == ["out 1"]
    assert _shown("created … for Steven", "created /tmp/x/referrals.db for  Steven Olson")
    assert not _shown("created … for Ann", "created /tmp/x.db for Steven")


@pytest.mark.slow
def test_the_tutorial_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "job-search" / "referrals.db"
    env = {**os.environ, "MPLBACKEND": "Agg", "COLUMNS": "100", "REFERRALS_DB": str(db)}
    env.pop("REFERRALS_BUSY_TIMEOUT", None)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFERRALS_DB", str(db))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace: dict[str, object] = {"__name__": "tutorial"}
    for step in tutorial_steps(TUTORIAL.read_text(encoding="utf-8")):
        if step.kind == "python":
            code = compile("\n" * (step.line - 1) + step.source, str(TUTORIAL), "exec")
            exec(code, namespace)  # noqa: S102 - the tutorial's own code, as a reader runs it
            continue
        for command in step.commands:
            where = f"tutorial.md line {command.line}: {shlex.join(command.argv)}"
            if command.argv[0] == "export":
                name = command.argv[1].partition("=")[0]
                assert name == "REFERRALS_DB", where
                continue
            assert command.argv[0] == "referrals", where
            result = subprocess.run(
                [*_referrals(), *command.argv[1:]],
                capture_output=True,
                text=True,
                check=False,
                cwd=tmp_path,
                env=env,
                timeout=120,
            )
            assert result.returncode == 0, f"{where}\n{result.stderr}"
            for line in command.expected:
                assert _shown(line, result.stdout + result.stderr), (
                    f"{where}: does not print {line!r}\n{result.stdout}{result.stderr}"
                )
    assert (tmp_path / "report.html").stat().st_size > 10_000
    assert (tmp_path / "tree.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "coverage.svg").exists()
    assert (tmp_path / "report.md").exists()
    assert "Mrs. Smith" in (tmp_path / "smith-brief.md").read_text(encoding="utf-8")
