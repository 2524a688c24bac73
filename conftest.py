"""Checks for every test and doctest of the project: no ``sqlite3`` connection is leaked."""

from __future__ import annotations

import sqlite3
import traceback
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _connections_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that leaves an ``sqlite3`` connection open, on every Python version.

    Python 3.13 warns when an unclosed connection is garbage-collected; older versions say
    nothing, and on a platform that locks open files such a store could not be moved or
    deleted until the process ends. Every connection opened during a test — by the library
    or by the test itself — must be closed by its end; the failure names where each leaked
    one was opened. Docstring examples count too: they close what they open, as users
    should.
    """
    opened: list[tuple[sqlite3.Connection, str]] = []
    connect = sqlite3.connect

    def tracked(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)
        opened.append((connection, "".join(traceback.format_stack(limit=8)[:-1])))
        return connection

    monkeypatch.setattr(sqlite3, "connect", tracked)
    yield
    leaked = [where for connection, where in opened if _is_open(connection)]
    for connection, _ in opened:
        connection.close()
    assert not leaked, f"{len(leaked)} sqlite3 connection(s) left open; opened at:\n" + (
        "\n".join(leaked)
    )


def _is_open(connection: sqlite3.Connection) -> bool:
    try:
        connection.total_changes  # noqa: B018 - raises once the connection is closed
    except sqlite3.ProgrammingError:
        return False
    return True
