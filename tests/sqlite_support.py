"""Reading a database file in a test without leaving a connection open."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any


def first_row(path: Path | str, sql: str) -> Any:
    """Return the first row ``sql`` gives on the database at ``path``, closing after."""
    with closing(sqlite3.connect(path)) as con:
        return con.execute(sql).fetchone()
