"""The SQLite store: one file, one transaction per command, records in and out.

:func:`open_store` opens (or, with ``create=True``, creates) a store and sets the connection's
pragmas; :class:`Store` reads and writes single records in O(1) rows and loads the whole
network in bulk (one query and one pydantic validation per table).

:class:`Store` is built in layers, each a module of the package: the table specs
(``_tables``), the connection with its transaction rules (``_connection``), the lookups
(``_find``) and the changes (``_write``); this module adds opening (the checks are in
``_open``), backups, migrations and the bulk reads.

Durability and privacy rules, each enforced here:

- WAL journal, ``synchronous=FULL``, ``foreign_keys=ON``, ``secure_delete=ON`` and a busy
  timeout on every connection;
- writes run inside :meth:`Store.write` (``BEGIN IMMEDIATE`` … ``COMMIT``); a second writer
  waits up to the timeout, then gets :class:`~infoview_graph.errors.StoreBusyError`;
- the database file is created 0600 before SQLite opens it (SQLite gives its WAL and
  shared-memory files the same mode), in a 0700 directory when the directory is new;
- a store of an older schema is backed up through the SQLite backup API, then migrated; a
  newer one is refused before anything is written to it.

Examples
--------
>>> import tempfile, pathlib
>>> from infoview_graph.models import Person
>>> path = pathlib.Path(tempfile.mkdtemp()) / "referrals.db"
>>> with open_store(path, create=True) as store:
...     with store.write():
...         store.add_person(Person(id="steven-olson", name="Steven Olson", is_self=True))
>>> with open_store(path) as store:
...     store.me().name
'Steven Olson'
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview_graph._bulk import paused_gc
from infoview_graph._files import atomic_path
from infoview_graph.errors import DuplicateError, NotFoundError, StoreError, StoreIOError
from infoview_graph.models import NetworkData, Person
from infoview_graph.people import COLUMNS as PERSON_COLUMNS
from infoview_graph.people import PersonTable
from infoview_graph.store._columns import encode as encode_columns
from infoview_graph.store._columns import mapped, read_columns
from infoview_graph.store._connection import _is_io
from infoview_graph.store._open import (
    DEFAULT_BUSY_TIMEOUT,
    busy_timeout_from_environment,
    connect,
    default_db_path,
)
from infoview_graph.store._tables import (
    _FIELDS,
    _FOLLOWUPS,
    _INTERVIEWS,
    _ORGS,
    _OUTREACH,
    _PERSONS,
    _QUESTIONS,
    _REFERRALS,
    _TABLES,
    _TIES,
    _Table,
    describe_invalid,
)
from infoview_graph.store._ties import read_tie_positions
from infoview_graph.store._write import Changes
from infoview_graph.store.schema import SCHEMA_VERSION, create_schema, migrate
from infoview_graph.ties import TieTable

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = ["DEFAULT_BUSY_TIMEOUT", "Store", "default_db_path", "describe_invalid", "open_store"]


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    create: bool = False,
    busy_timeout: float | None = None,
) -> Store:
    """Open the store at ``path`` (default: :func:`default_db_path`).

    Parameters
    ----------
    path : path-like, optional
        The database file; ``":memory:"`` for a private in-memory store.
    create : bool, default False
        Create a new, empty store; the file must not exist yet.
    busy_timeout : float, optional
        Seconds to wait for another writer (default ``$REFERRALS_BUSY_TIMEOUT`` or 5).

    Returns
    -------
    Store
        The open store; close it (or use it as a context manager) when done.

    Raises
    ------
    StoreMissingError
        If there is no store at ``path`` and ``create`` is false.
    DuplicateError
        If ``create`` is true and the file exists.
    SchemaVersionError
        If the store was written by a newer version; the file is left untouched.
    StoreError
        If the file is not a referrals store.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "referrals.db"
    >>> with open_store(path, create=True) as store:
    ...     store.pragma("journal_mode"), store.pragma("foreign_keys")
    ('wal', 1)
    >>> oct(path.stat().st_mode & 0o777)
    '0o600'
    """
    if busy_timeout is None:
        busy_timeout = busy_timeout_from_environment()
    opened = connect(path, create=create)
    store = Store(opened.con, opened.path, busy_timeout)
    try:
        store._initialise(opened.version, fresh=opened.fresh)  # noqa: SLF001 -- its factory
    except BaseException:
        store.close()  # no connection outlives a failed open
        raise
    return store


class Store(Changes):
    """An open SQLite store. Create it with :func:`open_store`.

    Reads may run anywhere; every change must run inside :meth:`write`, which makes it one
    transaction. Methods that take records expect validated models; they check that the ids
    they name exist, so errors are the library's, not SQLite's.

    Attributes
    ----------
    path : pathlib.Path or None
        The database file (None for an in-memory store).
    migration_backup : pathlib.Path or None
        The copy of an older store that opening it wrote before upgrading it, else None.

    Examples
    --------
    >>> from infoview_graph.models import Person
    >>> store = open_store(":memory:")
    >>> with store.write():
    ...     store.add_person(Person(id="steven-olson", name="Steven Olson", is_self=True))
    >>> store.count("persons"), store.find_person("steven olson").id
    (1, 'steven-olson')
    >>> store.load_network().me.name
    'Steven Olson'
    >>> store.close()
    >>> store.close()
    """

    def __init__(self, con: sqlite3.Connection, path: Path | None, busy_timeout: float) -> None:
        super().__init__(con, path, busy_timeout)
        self.migration_backup: Path | None = None

    # --- life cycle ----------------------------------------------------------------------

    def _initialise(self, version: int, *, fresh: bool) -> None:
        con = self._con
        con.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        if self.path is not None:
            mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                raise StoreError(f"{self.path}: the store cannot use a write-ahead log here")
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA secure_delete = ON")
        if fresh:
            with self.write():
                create_schema(con)
        elif version < SCHEMA_VERSION:
            backup = self._copy(self._backup_path(version), force=False, protect=None)
            self.migration_backup = backup  # the command line says where it is
            with self.write():
                migrate(con, version)
                if con.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise StoreError(
                        f"{self.path}: migration found broken references; the store is "
                        f"unchanged and a backup was kept at {backup}"
                    )
                # A record the models refuse would make every later command fail: refuse the
                # upgrade instead (rolled back), naming tables and ids, never values.
                invalid = self.invalid_records()
                if invalid:
                    raise StoreError(
                        f"{self.path}: cannot upgrade the store: {describe_invalid(invalid)}; "
                        f"the store is unchanged (a backup is at {backup}) — correct those "
                        "records with the sqlite3 tool, or restore an older export"
                    )

    def _backup_path(self, version: int) -> Path:
        # A backup left by an earlier, interrupted migration is kept: take the next name.
        assert self.path is not None
        candidate, n = self.path.with_name(f"{self.path.name}.v{version}.bak"), 1
        while candidate.exists():
            n += 1
            candidate = self.path.with_name(f"{self.path.name}.v{version}-{n}.bak")
        return candidate

    def automatic_backups(self) -> list[Path]:
        """Return the backups migrations wrote beside the store (``<store>.v<N>.bak``).

        Examples
        --------
        >>> with open_store(":memory:") as store:
        ...     store.automatic_backups()
        []
        """
        if self.path is None:
            return []
        pattern = re.compile(re.escape(self.path.name) + r"\.v-?\d+(?:-\d+)?\.bak")
        return sorted(
            p
            for p in self.path.parent.glob(f"{glob.escape(self.path.name)}.v*.bak")
            if pattern.fullmatch(p.name)
        )

    def discard_automatic_backups(self) -> list[Path]:
        """Overwrite with zeros, then delete, the backups migrations wrote; return them.

        ``person forget`` calls this: a backup taken before an upgrade still holds everyone
        who was in the store then. Overwriting first keeps the bytes from lingering in free
        space on most file systems (not on copy-on-write ones or SSDs that remap blocks).

        Raises
        ------
        StoreIOError
            If a backup cannot be overwritten or deleted (it is named; the store's own
            change stands).

        Examples
        --------
        >>> with open_store(":memory:") as store:
        ...     store.discard_automatic_backups()
        []
        """
        removed = []
        for backup in self.automatic_backups():
            try:
                size = backup.stat().st_size
                with open(backup, "r+b") as handle:
                    handle.write(bytes(size))
                    handle.flush()
                    os.fsync(handle.fileno())
                backup.unlink()
            except OSError as error:
                raise StoreIOError(
                    f"the store is changed, but the automatic backup {backup} could not be "
                    f"deleted ({error.strerror or error}); delete it yourself — it still "
                    "holds the data"
                ) from None
            removed.append(backup)
        return removed

    def backup(self, target: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Copy the store to a new 0600 file through the SQLite backup API.

        The copy is one consistent snapshot, even while another process writes; it is
        made in a temporary file and moved into place whole, so ``target`` never holds
        half a backup.

        Raises
        ------
        InvalidInputError
            If ``target`` is the store itself, its ``-wal`` or ``-shm`` file or one of its
            migration backups, ``force`` or not (:func:`~infoview_graph._files.check_target`).
        DuplicateError
            If ``target`` exists and ``force`` is false.
        StoreIOError
            If the disk is full or fails; nothing is left behind.
        """
        return self._copy(Path(target), force=force, protect=self.path)

    def _copy(self, target: Path, *, force: bool, protect: Path | None) -> Path:
        # A migration's own backup is written with protect=None: _backup_path names it
        # beside the store with a name check_target would (rightly) refuse to anyone else.
        with atomic_path(target, force=force, protect=protect) as temp:
            destination = sqlite3.connect(temp)
            try:
                self._con.backup(destination)
                destination.execute("PRAGMA journal_mode = DELETE")
            except sqlite3.Error as error:
                if _is_io(error):
                    raise StoreIOError("disk full or I/O error — no backup written") from None
                raise
            finally:
                destination.close()
        return target

    # --- the whole network ---------------------------------------------------------------

    def load(self) -> NetworkData:
        """Read every record in bulk: one query and one validation per table.

        Returns
        -------
        NetworkData
            Every record, in canonical order.

        Notes
        -----
        O(n) rows; each table arrives as one JSON array built by SQLite and is validated by
        one ``TypeAdapter`` call, so pydantic-core does the parsing in bulk.
        """
        return self._load(with_ties=True)

    def invalid_records(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Return every stored record the models refuse: table, id and the failing fields.

        An older version, a migration or an edit by hand can leave a row that no longer
        validates (a name with a trailing space, an email like ``ann at example dot org``);
        ``referrals doctor`` and migrations report them with this. Only table names, ids
        and field names are returned — never a stored value.

        Returns
        -------
        list of (str, str, tuple of str)
            ``(table, id, fields)`` per invalid record, in table then id order; the id of a
            tie or a referral is its two ends joined by ``" → "``.

        Notes
        -----
        O(n) rows, each validated on its own (slower than :meth:`load`, which validates
        each table in one call).

        Examples
        --------
        >>> store = open_store(":memory:")
        >>> with store.write():
        ...     store.add_person(Person(id="me", name="Me", is_self=True))
        >>> _ = store._con.execute("UPDATE persons SET emails = json_array('me at home')")
        >>> store.invalid_records()
        [('persons', 'me', ('emails',))]
        >>> store.close()
        >>> store.close()
        """
        from pydantic import ValidationError

        found = []
        for table in _TABLES:
            for (text,) in self._con.execute(table.select()):
                try:
                    table.model.model_validate_json(text)
                except ValidationError as error:
                    values = json.loads(text)
                    key = " → ".join(str(values.get(part)) for part in table.key)
                    fields = {str(e["loc"][0]) if e["loc"] else "record" for e in error.errors()}
                    found.append((table.name, key, tuple(sorted(fields))))
        return sorted(found)

    def load_as_stored(self) -> NetworkData:
        """Read every record, also those the models refuse, exactly as stored.

        :meth:`load` raises on a record that does not validate; this returns it
        unvalidated (see :meth:`invalid_records`), so that ``export json`` always gets the
        data out. Nothing but a dump should be made of the result.

        Examples
        --------
        >>> store = open_store(":memory:")
        >>> with store.write():
        ...     store.add_person(Person(id="me", name="Me", is_self=True))
        >>> _ = store._con.execute("UPDATE persons SET name = 'Me '")
        >>> [p.name for p in store.load_as_stored().persons]
        ['Me ']
        >>> store.close()
        >>> store.close()
        """
        from pydantic import ValidationError

        parts: dict[str, tuple[Any, ...]] = {}
        with self.read():
            for table in _TABLES:
                records = []
                for (text,) in self._con.execute(table.select()):
                    try:
                        records.append(table.model.model_validate_json(text))
                    except ValidationError:
                        records.append(table.model.model_construct(**json.loads(text)))
                parts[table.name] = tuple(records)
            parts["targets"] = tuple(self.targets())
            as_of = self._meta_date("as_of")
        return NetworkData.model_construct(None, **parts, as_of=as_of).sorted()

    def _load(self, *, with_ties: bool, with_persons: bool = True) -> NetworkData:
        skipped = [t.name for t, keep in ((_TIES, with_ties), (_PERSONS, with_persons)) if not keep]
        tables = tuple(t for t in _TABLES if t.name not in skipped)
        with self.read(), paused_gc():
            parts: dict[str, Any] = {"persons": ()} | {t.name: self._all(t) for t in tables}
            parts["targets"] = self.targets()
            as_of = self._meta_date("as_of")
        return NetworkData(
            persons=tuple(parts["persons"]),
            organizations=tuple(parts["organizations"]),
            fields=tuple(parts["fields"]),
            ties=tuple(parts.get("ties", ())),
            referrals=tuple(parts["referrals"]),
            outreach=tuple(parts["outreach"]),
            interviews=tuple(parts["interviews"]),
            followups=tuple(parts["followups"]),
            targets=tuple(parts["targets"]),
            questions=tuple(parts["questions"]),
            as_of=as_of,
        ).sorted()

    def as_of(self) -> dt.date | None:
        """Return the day a snapshot store (the demo) describes, or None for a live store."""
        value = self._meta_date("as_of")
        return None if value is None else dt.date.fromisoformat(value)

    def _meta_date(self, key: str) -> Any:
        row = self._con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def load_network(self, *, lazy: bool = False) -> ReferralNetwork:
        """Read the whole store into a :class:`~infoview_graph.network.ReferralNetwork`.

        Parameters
        ----------
        lazy : bool, default False
            Read only the columns the algorithms rank on (each person's id, name,
            organization, flags and fields) and read a person's row from this store the
            first time their record is asked for: the store must stay open while the
            network is used. A command that shows five people of a million reads five rows.

        Raises
        ------
        StoreError
            With ``lazy``, when a record is asked for after the store was closed, or after
            another program changed those columns.

        Notes
        -----
        The bulk of a large store is read without a record each. Persons arrive as columns
        (:class:`~infoview_graph.people.PersonTable`) and a person's record is built — and
        validated — the first time it is asked for, so a command that shows five people
        validates five. The columns come from the store's cache when it is current, else
        from the rows (and the cache is written for the next command); without ``lazy``,
        every person's row is read too. The plain ties (no context, no date), whose every
        rule — both persons exist, ``a < b``, strength 0–5 — the schema enforces, go into
        the tie table as arrays, from the store's cache in the same way. Every other record
        is validated in bulk as in :meth:`load`. O(n + m) for n persons, m ties.
        ``referrals doctor`` validates every row.

        Examples
        --------
        >>> from infoview_graph.demo import demo_data
        >>> store = open_store(":memory:")
        >>> store.write_data(demo_data())
        >>> network = store.load_network(lazy=True)
        >>> network.person_column("organization")["brad-johnson"], network.me.name
        ('general-mills', 'Steven Olson')
        >>> store.close()
        """
        from infoview_graph.network import ReferralNetwork

        with self.read():
            data = self._load(with_ties=False, with_persons=False)
            columns, coded, person_version, columns_cached = read_columns(self._con)
            ids: list[str] = columns["id"]
            read = self._rows_reader(person_version) if lazy else self._rows_read_now()
            people = PersonTable.from_columns(columns, self._person_from_row, read, coded)
            version = self._graph_version()
            table = self._cached_ties(version, ids, people.positions())
            ties_cached = table is not None
            with paused_gc():
                detailed = self._all(_TIES, "WHERE context IS NOT NULL OR since IS NOT NULL")
                if table is None:
                    table = self._read_ties(ids, people.positions())
        for tie in detailed:
            table.annotate(tie.a, tie.b, context=tie.context, since=tie.since)
        network = ReferralNetwork(data, ties=table, people=people)
        kept = None if columns_cached else encode_columns(columns)
        if kept is not None:
            self._keep_cache(
                "person_version",
                person_version,
                "INSERT OR REPLACE INTO person_cache (id, version, columns) VALUES (1, ?, ?)",
                (person_version, kept),
            )
        if version is not None and not ties_cached:
            self._save_ties(version, table)
        return network

    def _rows_read_now(self) -> Callable[[Sequence[str]], list[tuple[Any, ...]]]:
        """Read every person's row now; return what hands them out when records are built."""
        with paused_gc():
            rows = {
                row[0]: row for row in self._con.execute(f"SELECT {_PERSON_COLUMNS} FROM persons")
            }
        return lambda ids: [rows[pid] for pid in ids]

    def _rows_reader(self, version: int) -> Callable[[Sequence[str]], list[tuple[Any, ...]]]:
        """Return what reads persons' rows later, if their columns are still those read."""
        # One statement reads the rows and the counter together (one snapshot); a single
        # id, the common case, is a primary-key lookup.
        one = f"SELECT (SELECT n FROM person_version), {_PERSON_COLUMNS} FROM persons WHERE id = ?"
        many = f"{one[: -len('= ?')]}IN (SELECT value FROM json_each(?))"

        def read(ids: Sequence[str]) -> list[tuple[Any, ...]]:
            try:
                if len(ids) == 1:
                    rows = self._con.execute(one, (ids[0],)).fetchall()
                else:
                    rows = self._con.execute(many, (json.dumps(list(ids)),)).fetchall()
            except sqlite3.ProgrammingError:
                raise StoreError(
                    f"{self.path or 'the store'} was closed before every person was read; "
                    "keep it open while the network is used, or read it with load_network()"
                ) from None
            if len(rows) != len(ids) or any(row[0] != version for row in rows):
                raise StoreError(
                    f"{self.path or 'the store'} changed while this command read it; "
                    "run the command again"
                )
            return [row[1:] for row in rows]

        return read

    def _person_from_row(self, row: tuple[Any, ...], fields: tuple[str, ...]) -> Person:
        from pydantic import ValidationError

        values = dict(zip(PERSON_COLUMNS, row, strict=False))
        values["fields"] = fields
        values["is_self"] = row[3] == 1
        values["do_not_contact"] = row[4] == 1
        for attr, text in zip(_PERSON_EXTRA, row[len(PERSON_COLUMNS) :], strict=True):
            values[attr] = json.loads(text) if attr in _PERSONS.json and text else text
        try:
            return Person.model_validate(values)
        except ValidationError:
            raise self._invalid_store() from None

    def _invalid_store(self) -> StoreError:
        """Return the error for a stored record the models refuse (the store may be closed)."""
        try:
            found = self.invalid_records()
        except sqlite3.ProgrammingError:  # closed: read the file again
            if self.path is None:
                return StoreError("the store holds a record that fails validation")
            with open_store(self.path) as again:
                found = again.invalid_records()
        return StoreError(
            f"{self.path or 'the store'}: {describe_invalid(found)}; "
            "'referrals doctor' lists them and 'referrals export json' still works"
        )

    # --- the graph cache -----------------------------------------------------------------

    def _graph_version(self) -> int | None:
        row = self._con.execute("SELECT n FROM graph_version WHERE id = 1").fetchone()
        return None if row is None else int(row[0])

    def _cached_ties(
        self, version: int | None, ids: list[str], index: dict[str, int]
    ) -> TieTable | None:
        """Return the tie table kept in the store if it was made at this version, else None.

        ``ids`` are the persons, sorted by id (as :meth:`load` returns them); ``index``
        their ``{id: position}``.
        """
        # The stamp first: a stale cache's arrays (100 MB at ten million ties) stay unread.
        stamp = self._con.execute("SELECT version, persons FROM graph_cache WHERE id = 1")
        if version is None or stamp.fetchone() != (version, len(ids)):
            return None
        # Each array straight into its bytes (a hundred MB at ten million ties): a fetched
        # row is copied twice, once by SQLite to join the value's pages, once into Python.
        try:
            with mapped(self._con):
                indptr, indices, strength = (
                    self._blob("graph_cache", column)
                    for column in ("indptr", "indices", "strength")
                )
        except sqlite3.OperationalError:  # not a blob: a cache this version did not write
            return None
        return TieTable.from_buffers(ids, indptr, indices, strength, index=index)

    def _blob(self, table: str, column: str) -> bytes:
        """Return the blob in ``column`` of the one row (id 1) of a cache table."""
        with self._con.blobopen(table, column, 1, readonly=True) as blob:
            return blob.read()

    def _read_ties(self, ids: list[str], index: dict[str, int]) -> TieTable:
        """Return the tie table built from the ``ties`` rows, as arrays when the ids allow.

        See :func:`~infoview_graph.store._ties.read_tie_positions`; else row by row.
        """
        found = read_tie_positions(self._con, ids)
        if found is None:
            rows = self._con.execute("SELECT a, b, strength FROM ties").fetchall()
            return TieTable.from_rows(ids, rows)
        return TieTable.from_positions(ids, *found, index=index)

    def _save_ties(self, version: int, table: TieTable) -> None:
        """Keep the tie table's arrays for the next command (see :meth:`_keep_cache`)."""
        indptr, indices, strength = table.to_buffers()
        self._keep_cache(
            "graph_version",
            version,
            "INSERT INTO graph_cache (id, version, persons, indptr, indices, strength)"
            " VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
            " version = excluded.version, persons = excluded.persons,"
            " indptr = excluded.indptr, indices = excluded.indices,"
            " strength = excluded.strength",
            (version, len(table.ids), indptr, indices, strength),
        )

    def _keep_cache(
        self, counter: str, version: int, statement: str, params: Sequence[object]
    ) -> None:
        """Write a cache made at ``version`` of ``counter``; skipped if the store is busy.

        Runs in its own short transaction without waiting for other writers, and only if
        nothing changed since the cache's source was read (the counter is checked again).
        """
        self._con.execute("PRAGMA busy_timeout = 0")
        try:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                now = self._con.execute(f"SELECT n FROM {counter} WHERE id = 1").fetchone()
                if now is not None and now[0] == version:
                    self._con.execute(statement, params)
                self._con.execute("COMMIT")
            except sqlite3.Error:
                self._rollback()
        except sqlite3.Error:
            pass  # busy or read-only: the next command reads the source again
        finally:
            self._con.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")

    def write_data(self, data: NetworkData) -> None:
        """Write every record of ``data`` into this store, in one transaction.

        The store must hold no persons yet (a fresh store); references are checked by the
        schema's foreign keys as rows go in.

        Raises
        ------
        DuplicateError
            If the store already holds persons.
        """
        with self.write():
            if self.count("persons"):
                raise DuplicateError("the store is not empty; write into a new store")
            con = self._con
            con.execute("PRAGMA defer_foreign_keys = ON")
            tables: tuple[tuple[_Table[Any], Sequence[Any]], ...] = (
                (_FIELDS, data.fields),
                (_ORGS, data.organizations),
                (_PERSONS, data.persons),
                (_TIES, data.ties),
                (_REFERRALS, data.referrals),
                (_OUTREACH, data.outreach),
                (_INTERVIEWS, data.interviews),
                (_FOLLOWUPS, data.followups),
                (_QUESTIONS, data.questions),
            )
            for table, records in tables:
                self._insert_many(table, records)
            self._index_emails(data.persons)
            for target in data.targets:
                self.set_target(target)
            if data.as_of is not None:
                con.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('as_of', ?)",
                    (data.as_of.isoformat(),),
                )
            if con.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise NotFoundError("the data names a record that does not exist")


_PERSON_EXTRA = ("emails", "phones", "url", "title", "past_positions", "how", "tags", "notes")
_PERSON_COLUMNS = ", ".join((*(c for c in PERSON_COLUMNS if c != "fields"), *_PERSON_EXTRA))
