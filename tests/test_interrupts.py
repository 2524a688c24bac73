"""Ctrl-C: "interrupted — nothing was saved", exit 130, no traceback.

A real ``referrals`` process gets a real SIGINT while it waits inside a write transaction
(or while reading, or while parsing its arguments): a stand-in for a slow step prints
"ready" and sleeps, so the signal arrives at a known moment.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infoview_graph.cli import app
from infoview_graph.store import open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")

SLOW = textwrap.dedent(
    """
    import sys, time
    from infoview_graph.store import sqlite
    from infoview_graph.cli import main

    def slow(name):
        real = getattr(sqlite.Store, name)
        def wait(self, *args, **kwargs):
            result = real(self, *args, **kwargs)
            print("ready", flush=True)
            time.sleep(30)
            return result
        setattr(sqlite.Store, name, wait)

    slow(sys.argv[1])
    sys.argv = ["referrals", *sys.argv[2:]]
    main()
    """
)


def interrupt(db: Path, slow_method: str, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW, slow_method, "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "ready\n"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_ctrl_c_inside_a_write_saves_nothing(db_path: Path) -> None:
    """The person row is written, then the command is interrupted before the commit."""
    before = db_path.read_bytes()
    result = interrupt(db_path, "add_person", "person", "add", "Ann Lee", "--org", "Acme")
    assert result.returncode == 130
    assert result.stderr == "interrupted — nothing was saved\n"
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    with open_store(db_path) as store:
        assert [p.id for p in store.persons()] == ["steven-olson"]
        assert store.organizations() == []
    assert db_path.read_bytes() == before


def test_ctrl_c_while_reading(db_path: Path) -> None:
    result = interrupt(db_path, "load_network", "suggest")
    assert (result.returncode, result.stderr) == (130, "interrupted — nothing was saved\n")


def test_ctrl_c_while_looking_a_person_up(db_path: Path) -> None:
    """While a command looks a person up, before it prints anything."""
    result = interrupt(db_path, "me", "person", "show", "me")
    assert (result.returncode, result.stderr) == (130, "interrupted — nothing was saved\n")


def test_a_keyboard_interrupt_inside_a_command_is_handled_too(
    runner: CliRunner, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Embedded (no signal handler installed), a KeyboardInterrupt gives the same result."""
    from infoview_graph.store import actions

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(actions, "add_contact", stop)
    result = runner.invoke(app, ["--db", str(db_path), "person", "add", "Ann Lee"])
    assert result.exit_code == 130
    assert result.stderr == "interrupted — nothing was saved\n"
