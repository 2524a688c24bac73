"""The store's connection and its rules: one write transaction, consistent reads, SQL.

:class:`StoreConnection` is the base of :class:`~infoview_graph.store.sqlite.Store`: it owns
the SQLite connection, runs every change inside :meth:`~StoreConnection.write` (``BEGIN
IMMEDIATE`` … ``COMMIT``, errors of the disk and of a busy store turned into the library's),
and reads records through the table specs of :mod:`~infoview_graph.store._tables`. The
lookups (:mod:`~infoview_graph.store._find`) and the changes
(:mod:`~infoview_graph.store._write`) build on it, in that order.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

from infoview_graph.errors import StoreBusyError, StoreError, StoreIOError
from infoview_graph.models import Record
from infoview_graph.store._tables import _Table, describe_invalid

__all__ = ["StoreConnection"]

_R = TypeVar("_R", bound=Record)


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _is_io(error: sqlite3.Error) -> bool:
    text = str(error)
    return "disk" in text or "I/O" in text or "full" in text


class StoreConnection(ABC):
    """An open SQLite connection with the store's transaction rules.

    Attributes
    ----------
    path : pathlib.Path or None
        The database file (None for an in-memory store).
    busy_timeout : float
        Seconds a writer waits for another one.
    """

    def __init__(self, con: sqlite3.Connection, path: Path | None, busy_timeout: float) -> None:
        self._con = con
        self.path = path
        self.busy_timeout = busy_timeout
        self._in_write = False
        self._checkpoint_after_commit = False

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pragma(self, name: str) -> Any:
        """Return the value of a pragma on this connection (for checks and tests).

        Examples
        --------
        >>> from infoview_graph.store import open_store
        >>> with open_store(":memory:") as store:
        ...     store.pragma("foreign_keys")
        1
        """
        row = self._con.execute(f"PRAGMA {name}").fetchone()
        return None if row is None else row[0]

    # --- the public SQL surface: for the store package's own modules ---------------------

    def execute(
        self, sql: str, params: Sequence[object] | Mapping[str, object] = ()
    ) -> sqlite3.Cursor:
        """Run one SQL statement on the store's connection and return its cursor.

        The modules of :mod:`infoview_graph.store` (imports, maintenance) use it for the
        queries the record methods do not cover; a change belongs inside
        :meth:`write`, like every other.

        Examples
        --------
        >>> from infoview_graph.store import open_store
        >>> with open_store(":memory:") as store:
        ...     store.execute("SELECT count(*) FROM persons").fetchone()
        (0,)
        """
        return self._con.execute(sql, params)

    def executemany(
        self, sql: str, rows: Iterable[Sequence[object] | Mapping[str, object]]
    ) -> sqlite3.Cursor:
        """Run one SQL statement once per row of parameters (inside :meth:`write`).

        Examples
        --------
        >>> from infoview_graph.store import open_store
        >>> with open_store(":memory:") as store, store.write():
        ...     store.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [("k", "v")])
        ...     store.execute("SELECT value FROM meta WHERE key = 'k'").fetchone()
        <sqlite3.Cursor object at ...>
        ('v',)
        """
        return self._con.executemany(sql, rows)

    @contextmanager
    def write(self) -> Iterator[None]:
        """Run the block as one write transaction (``BEGIN IMMEDIATE`` … ``COMMIT``).

        Raises
        ------
        StoreBusyError
            If another writer holds the store for longer than the busy timeout.
        StoreIOError
            If the disk is full or fails; nothing is saved.
        """
        if self._in_write:
            yield
            return
        try:
            self._con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if _is_busy(error):
                raise StoreBusyError(
                    "another referrals command is writing to the store; nothing was saved — "
                    f"try again in a moment (waited {self.busy_timeout:g} s)"
                ) from None
            raise
        self._in_write = True
        try:
            yield
            self._con.execute("COMMIT")
            if self._checkpoint_after_commit:
                self.checkpoint()
        except BaseException as error:
            self._rollback()
            if isinstance(error, sqlite3.Error) and _is_io(error):
                if "full" in str(error):
                    raise StoreIOError(
                        "disk full — nothing saved; free some space and try again"
                    ) from None
                raise StoreIOError(
                    "disk I/O error — nothing saved; check the disk and try again"
                ) from None
            if isinstance(error, sqlite3.IntegrityError):
                raise StoreError(f"the store refused the change ({error}); nothing saved") from None
            if isinstance(error, sqlite3.OperationalError) and "readonly" in str(error):
                raise StoreError(
                    f"{self.path or 'the store'} is read-only; nothing saved — make it "
                    "writable (chmod 600 FILE) or use a command that only reads"
                ) from None
            raise
        finally:
            self._in_write = False
            self._checkpoint_after_commit = False

    @contextmanager
    def read(self) -> Iterator[None]:
        """Run the block's reads on one consistent snapshot of the store."""
        if self._con.in_transaction:
            yield
            return
        self._con.execute("BEGIN")
        try:
            yield
        finally:
            self._con.execute("COMMIT")

    def _rollback(self) -> None:
        # A failed rollback must not mask the error that caused it; SQLite rolls back a
        # transaction it could not finish on its own.
        try:
            if self._con.in_transaction:
                self._con.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and truncate it."""
        self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @abstractmethod
    def invalid_records(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Return every stored record the models refuse: table, id and the failing fields."""

    # --- reading records -----------------------------------------------------------------

    def _one(self, table: _Table[_R], where: str, params: Sequence[object]) -> _R | None:
        row = self._con.execute(table.select(where), params).fetchone()
        return None if row is None else table.model.model_validate_json(row[0])

    def _all(self, table: _Table[_R], where: str = "", params: Sequence[object] = ()) -> list[_R]:
        from pydantic import ValidationError

        sql = f"SELECT json_group_array(json(j)) FROM ({table.select(where)})"
        text = self._con.execute(sql, params).fetchone()[0]
        try:
            return table.adapter().validate_json(text)
        except ValidationError:
            # One clear line instead of a traceback quoting the stored value.
            raise StoreError(
                f"{self.path or 'the store'}: {describe_invalid(self.invalid_records())}; "
                "'referrals doctor' lists them and 'referrals export json' still works"
            ) from None
