"""Opening a store: where it lives, and the checks made before anything is written.

:func:`connect` refuses a missing file, another program's SQLite file and a store of a
newer schema before a byte of it can change, and creates a new store 0600 in a private
folder; :func:`~infoview_graph.store.sqlite.open_store` hands the connection to
:class:`~infoview_graph.store.sqlite.Store`, which sets its pragmas and migrates it.
"""

from __future__ import annotations

import math
import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

from infoview_graph._files import make_private_dirs
from infoview_graph.errors import (
    DuplicateError,
    InvalidInputError,
    SchemaVersionError,
    StoreError,
    StoreMissingError,
)
from infoview_graph.store.schema import APPLICATION_ID, SCHEMA_VERSION, has_layout

__all__ = [
    "DEFAULT_BUSY_TIMEOUT",
    "Opened",
    "busy_timeout_from_environment",
    "connect",
    "default_db_path",
]

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds a writer waits for another one before giving up (``REFERRALS_BUSY_TIMEOUT``)."""


def default_db_path() -> Path:
    """Return where the store lives: ``$REFERRALS_DB``, else the user data directory.

    Returns
    -------
    pathlib.Path
        ``platformdirs.user_data_path("infoview-graph") / "referrals.db"`` unless the
        ``REFERRALS_DB`` environment variable names another file.

    Examples
    --------
    >>> import os
    >>> os.environ["REFERRALS_DB"] = "/tmp/elsewhere.db"
    >>> str(default_db_path())
    '/tmp/elsewhere.db'
    >>> del os.environ["REFERRALS_DB"]
    >>> default_db_path().name
    'referrals.db'
    """
    if os.environ.get("REFERRALS_DB"):
        return Path(os.environ["REFERRALS_DB"])
    from platformdirs import user_data_path

    return user_data_path("infoview-graph", appauthor=False) / "referrals.db"


def _create_private_file(path: Path) -> None:
    make_private_dirs(path.parent)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        if not _is_empty_database(path):
            raise DuplicateError(
                f"a file exists at {path} already; choose another --db path or remove it"
            ) from None
        path.chmod(0o600)  # an empty file ("… is empty — run init") becomes the store
        return
    os.close(descriptor)


def _is_empty_database(path: Path) -> bool:
    # An empty file, or an SQLite file with nothing in it, holds nothing to lose.
    if not path.is_file():
        return False
    if path.stat().st_size == 0:
        return True
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        marks = [con.execute(f"PRAGMA {name}").fetchone()[0] for name in _MARKS]
        objects = con.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.Error:
        return False
    finally:
        con.close()
    return marks == [0, 0] and objects == 0


_MARKS = ("application_id", "user_version")


class Opened(NamedTuple):
    """A connection that passed the checks, and what the store must still do to it."""

    con: sqlite3.Connection
    path: Path | None
    version: int
    fresh: bool


def connect(path: str | os.PathLike[str] | None, *, create: bool) -> Opened:
    """Connect to the store at ``path`` after the checks that change nothing.

    A missing file (unless ``create``), an empty one (unless ``create``), another program's
    SQLite file and a store of a newer schema are refused here, before the WAL switch, a
    backup or a migration could change a byte; with ``create`` the file is made 0600 first.
    :func:`~infoview_graph.store.sqlite.open_store` hands the connection to the store.

    Examples
    --------
    >>> opened = connect(":memory:", create=False)
    >>> opened.path, opened.version, opened.fresh
    (None, 0, True)
    >>> opened.con.close()
    """
    if str(path) == ":memory:":
        return Opened(sqlite3.connect(":memory:", isolation_level=None), None, 0, True)
    target = Path(path) if path is not None else default_db_path()
    if create:
        _create_private_file(target)
    elif not target.is_file():
        raise StoreMissingError(
            f"no store at {target}; create one with 'referrals init --name NAME' "
            "(or point --db / REFERRALS_DB at an existing store)"
        )
    try:
        con = sqlite3.connect(
            f"{target.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None
        )
    except sqlite3.DatabaseError as error:
        raise _not_opened(target, error) from None
    try:
        version, fresh = _identify(con, target)
        if fresh and not create:
            raise StoreError(f"{target} is empty, not a referrals store; run 'referrals init'")
    except BaseException:
        con.close()
        raise
    return Opened(con, target, version, fresh)


def busy_timeout_from_environment() -> float:
    """Return ``$REFERRALS_BUSY_TIMEOUT`` in seconds, or the default when it is unset.

    Raises
    ------
    InvalidInputError
        If it is not a number of seconds from 0 to a day.

    Examples
    --------
    >>> busy_timeout_from_environment()
    5.0
    """
    # float() alone took "nan" and "inf" (then int(... * 1000) raised) and raised on "abc".
    raw = os.environ.get("REFERRALS_BUSY_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_BUSY_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (0 <= seconds <= _MAX_BUSY_TIMEOUT):  # also false for nan
        raise InvalidInputError(
            f"REFERRALS_BUSY_TIMEOUT: '{raw}' is not a number of seconds from 0 to "
            f"{_MAX_BUSY_TIMEOUT:g}; set it like REFERRALS_BUSY_TIMEOUT=5, or unset it"
        )
    return seconds


_MAX_BUSY_TIMEOUT = 86_400.0


def _not_opened(target: Path, error: sqlite3.DatabaseError) -> StoreError:
    """Say why SQLite could not read a file: it is no database, or it may not."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM")):
        return StoreError(
            f"cannot open {target}: permission denied — the store must be readable and "
            f"writable by you, and its folder writable (chmod u+rw {target.name}; chmod u+w "
            f"{target.parent}); nothing was changed"
        )
    if name.startswith("SQLITE_READONLY"):
        # WAL mode: even a reader creates <store>-wal and <store>-shm beside the store.
        return StoreError(
            f"cannot open {target}: its folder is read-only (or the store's -wal/-shm files "
            f"cannot be made there), and the store needs them even to be read — make the "
            f"folder writable (chmod u+w {target.parent}) or copy the store to one; nothing "
            "was changed"
        )
    return StoreError(f"{target} is not a referrals store (not an SQLite database)")


def _identify(con: sqlite3.Connection, target: Path) -> tuple[int, bool]:
    """Return the store's schema version and whether the file is empty; only reads.

    Our stores carry :data:`~infoview_graph.store.schema.APPLICATION_ID`; those written
    before it are recognised by their exact tables (:func:`~.schema.has_layout`). Any
    other SQLite file is refused here, before the WAL switch, a backup or a migration
    could change a byte of it.
    """
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        rows = con.execute(
            "SELECT m.name, c.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS c "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        ).fetchall()
        objects = con.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise _not_opened(target, error) from None
    if objects == 0 and app_id == 0 and version == 0:
        return 0, True
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    tables = {name: frozenset(names) for name, names in columns.items()}
    ours = app_id == APPLICATION_ID or (
        app_id == 0 and 0 <= version <= SCHEMA_VERSION and has_layout(tables, version)
    )
    if ours and version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{target} was written by a newer infoview-graph (schema {version}, this version "
            f"reads up to {SCHEMA_VERSION}); upgrade infoview-graph — the store is untouched"
        )
    if not ours or version < 0:
        raise StoreError(
            f"{target} is an SQLite file of another program, not a referrals store; it was "
            "left untouched — point --db (or REFERRALS_DB) at your store"
        )
    return version, False
