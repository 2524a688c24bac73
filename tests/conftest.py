"""Shared fixtures: real SQLite stores in temporary directories, the CLI runner, UTC days."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from infoview_graph.store import Store, open_store
from infoview_graph.store.actions import create_store

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=60, deadline=None)
# Before every stop: a fresh random seed and ten times the examples (docs/contributing.md).
settings.register_profile(
    "explore",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
PROFILE = "ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Give the explore profile a random seed of its own, unless one is given."""
    if PROFILE == "explore" and config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(secrets.randbelow(2**32))


def pytest_report_header(config: pytest.Config) -> str:
    """Say which Hypothesis profile runs, and the seed that replays an explore run."""
    seed = config.getoption("hypothesis_seed", None)
    replay = f"; replay with --hypothesis-seed={seed}" if seed is not None else ""
    return f"hypothesis profile: {PROFILE}{replay}"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never touch the user's real store, whatever a test forgets to pass."""
    monkeypatch.setenv("REFERRALS_DB", str(tmp_path / "default-store" / "referrals.db"))
    monkeypatch.setenv("REFERRALS_BUSY_TIMEOUT", "2")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tool never touches the network: any attempt in a test fails loudly."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("network access attempted in a test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A new store holding only me (Steven Olson, id ``steven-olson``)."""
    path = tmp_path / "referrals.db"
    create_store(path, "Steven Olson")
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """The store at :func:`db_path`, open."""
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner that keeps stdout and stderr apart."""
    return CliRunner()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Days are the user's local days: the story is told in UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
