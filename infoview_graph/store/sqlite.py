"""The SQLite store: one file, one transaction per command, records in and out.

:func:`open_store` opens (or, with ``create=True``, creates) a store and sets the connection's
pragmas; :class:`Store` reads and writes single records in O(1) rows and loads the whole
network in bulk (one query and one pydantic validation per table).

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
import math
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from pydantic import TypeAdapter

from infoview_graph._bulk import paused_gc
from infoview_graph._files import atomic_path, make_private_dirs
from infoview_graph.errors import (
    AmbiguousNameError,
    DuplicateError,
    InvalidInputError,
    NotFoundError,
    SchemaVersionError,
    StoreBusyError,
    StoreError,
    StoreIOError,
    StoreMissingError,
)
from infoview_graph.models import (
    CareerField,
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Question,
    Record,
    Referral,
    Target,
    Tie,
    slugify,
)
from infoview_graph.names import find_person_id, name_key
from infoview_graph.people import COLUMNS as PERSON_COLUMNS
from infoview_graph.people import PersonTable
from infoview_graph.store._columns import encode as encode_columns
from infoview_graph.store._columns import read_columns
from infoview_graph.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    create_schema,
    has_layout,
    migrate,
)
from infoview_graph.ties import TieTable

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = ["DEFAULT_BUSY_TIMEOUT", "Store", "default_db_path", "open_store"]

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds a writer waits for another one before giving up (``REFERRALS_BUSY_TIMEOUT``)."""

_R = TypeVar("_R", bound=Record)
_ADAPTERS: dict[str, Any] = {}


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


# --- how records map to rows -----------------------------------------------------------------


@dataclass(frozen=True)
class _Table(Generic[_R]):
    """How one record type maps to a table.

    ``columns`` maps a model attribute to its column; attributes in ``json`` are stored as
    JSON text, those in ``links`` live in a junction table ``(table, owner column, value
    column)``.
    """

    name: str
    model: type[_R]
    key: tuple[str, ...]
    columns: dict[str, str]
    json: frozenset[str] = frozenset()
    links: tuple[tuple[str, str, str, str], ...] = ()
    name_key: bool = False

    def select(self, where: str = "") -> str:
        parts = []
        for attr, column in self.columns.items():
            value = f"json(t.{column})" if attr in self.json else f"t.{column}"
            parts.append(f"'{attr}', {value}")
        owner = self.columns[self.key[0]]
        for attr, table, own, other in self.links:
            parts.append(
                f"'{attr}', (SELECT json_group_array(l.{other}) FROM {table} l "
                f"WHERE l.{own} = t.{owner})"
            )
        return f"SELECT json_object({', '.join(parts)}) AS j FROM {self.name} t {where}"

    def adapter(self) -> TypeAdapter[list[_R]]:
        if self.name not in _ADAPTERS:
            _ADAPTERS[self.name] = TypeAdapter(list[self.model])  # type: ignore[name-defined]
        adapter: TypeAdapter[list[_R]] = _ADAPTERS[self.name]
        return adapter

    def row(self, record: _R) -> dict[str, Any]:
        values = record.model_dump(mode="json")
        row = {}
        for attr, column in self.columns.items():
            value = values[attr]
            if attr in self.json:
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            row[column] = value
        if self.name_key:
            row["name_key"] = name_key(values["name"])
        return row


_PERSONS = _Table(
    "persons",
    Person,
    ("id",),
    {
        **{a: a for a in ("id", "name", "is_self", "emails", "phones", "url", "organization")},
        **{a: a for a in ("title", "past_positions", "how", "tags", "notes", "do_not_contact")},
    },
    json=frozenset({"emails", "phones", "past_positions", "tags"}),
    links=(("fields", "person_fields", "person", "field"),),
    name_key=True,
)
_ORGS = _Table(
    "organizations",
    Organization,
    ("id",),
    {a: a for a in ("id", "name", "aliases", "kind", "motivation", "postings", "advocacy")},
    json=frozenset({"aliases"}),
    links=(("fields", "org_fields", "org", "field"),),
    name_key=True,
)
_FIELDS = _Table(
    "fields",
    CareerField,
    ("id",),
    {"id": "id", "name": "name"},
    links=(("related", "field_related", "field", "related"),),
    name_key=True,
)
_TIES = _Table(
    "ties",
    Tie,
    ("a", "b"),
    {a: a for a in ("a", "b", "strength", "context", "since")},
)
_REFERRALS = _Table(
    "referrals",
    Referral,
    ("referrer", "referee"),
    {
        **{a: a for a in ("referrer", "referee", "for_field", "for_org", "may_use_name")},
        **{"on": "on_date", "status": "status", "note": "note"},
    },
)
_OUTREACH = _Table(
    "outreach",
    Outreach,
    ("id",),
    {"on": "on_date", **{a: a for a in ("id", "person", "channel", "via", "replied_on")}}
    | {a: a for a in ("declined", "meeting_on", "meeting_mode")},
)
_INTERVIEWS = _Table(
    "interviews",
    Interview,
    ("id",),
    {
        "on": "on_date",
        **{a: a for a in ("id", "person", "minutes", "mode", "answers", "advice", "leads")},
        **{a: a for a in ("friendliness", "fit", "resume_critiqued", "thanked_on", "notes")},
    },
    json=frozenset({"answers", "advice", "leads"}),
    links=(("referrals", "interview_referrals", "interview", "person"),),
)
_FOLLOWUPS = _Table(
    "followups",
    FollowUp,
    ("id",),
    {a: a for a in ("id", "kind", "person", "due", "note", "done_on", "snoozed_until")},
)
_QUESTIONS = _Table(
    "questions",
    Question,
    ("id",),
    {a: a for a in ("id", "text", "category", "tiara")},
    json=frozenset({"tiara"}),
)
_TARGETS_SELECT = (
    "SELECT json_object('kind', CASE WHEN field IS NULL THEN 'org' ELSE 'field' END, "
    "'id', coalesce(field, org), 'priority', priority)"
)


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _is_io(error: sqlite3.Error) -> bool:
    text = str(error)
    return "disk" in text or "I/O" in text or "full" in text


# --- the store -------------------------------------------------------------------------------


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
        busy_timeout = _busy_timeout_from_environment()
    if str(path) == ":memory:":
        store = Store(sqlite3.connect(":memory:", isolation_level=None), None, busy_timeout)
        try:
            store._initialise(0, fresh=True)  # noqa: SLF001 -- the store's own factory
        except BaseException:
            store.close()  # no connection outlives a failed open
            raise
        return store
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
    store = Store(con, target, busy_timeout)
    try:
        store._initialise(version, fresh=fresh)  # noqa: SLF001 -- the store's own factory
    except BaseException:
        store.close()
        raise
    return store


def or_none(find: Callable[[str], _R], query: str) -> _R | None:
    """Return what ``find(query)`` finds, or None where it raises :class:`NotFoundError`.

    Examples
    --------
    >>> with open_store(":memory:") as store:
    ...     print(or_none(store.find_field, "Accounting"))
    None
    """
    try:
        return find(query)
    except NotFoundError:
        return None


def describe_invalid(found: Sequence[tuple[str, str, tuple[str, ...]]], limit: int = 5) -> str:
    """Say which records fail validation (:meth:`Store.invalid_records`), never their values.

    Examples
    --------
    >>> describe_invalid([("persons", "ann-lee", ("emails", "name"))])
    '1 record fails validation: persons ann-lee (emails, name)'
    >>> describe_invalid([("persons", str(n), ("name",)) for n in range(7)], limit=2)
    '7 records fail validation: persons 0 (name), persons 1 (name) and 5 more'
    """
    shown = ", ".join(
        f"{table} {key} ({', '.join(fields)})" for table, key, fields in found[:limit]
    )
    more = f" and {len(found) - limit} more" if len(found) > limit else ""
    noun = "record fails" if len(found) == 1 else "records fail"
    return f"{len(found)} {noun} validation: {shown}{more}"


def _busy_timeout_from_environment() -> float:
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


class Store:
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
        self._con = con
        self.path = path
        self.busy_timeout = busy_timeout
        self._in_write = False
        self._checkpoint_after_commit = False
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
        >>> with open_store(":memory:") as store, store.write():
        ...     store.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [("k", "v")])
        ...     store.execute("SELECT value FROM meta WHERE key = 'k'").fetchone()
        <sqlite3.Cursor object at ...>
        ('v',)
        """
        return self._con.executemany(sql, rows)

    def insert_all(self, records: Sequence[Record]) -> None:
        """Insert new records of one kind in bulk, links included (inside :meth:`write`).

        Parameters
        ----------
        records : sequence of CareerField, Organization, Referral, Question, …
            New records, all of one type; an existing key is an error of SQLite.

        Examples
        --------
        >>> from infoview_graph.models import CareerField
        >>> with open_store(":memory:") as store, store.write():
        ...     store.insert_all([CareerField(id="tax", name="Tax")])
        ...     [f.name for f in store.fields()]
        ['Tax']
        """
        if records:
            self._insert_many(_TABLE_OF[type(records[0])], records)

    def records(self, kind: type[_R]) -> list[_R]:
        """Return every stored record of one type (Question, FollowUp, …), in key order.

        Examples
        --------
        >>> from infoview_graph.models import Question
        >>> with open_store(":memory:") as store:
        ...     store.records(Question)
        []
        """
        table: _Table[_R] = _TABLE_OF[kind]
        return self._all(table)

    def index_emails(self, people: Sequence[Person]) -> None:
        """Record the people's emails in the lookup table (inside :meth:`write`).

        Raises
        ------
        DuplicateError
            If an email already belongs to someone else.
        """
        self._index_emails(people)

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

    # --- reading -------------------------------------------------------------------------

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

    def me(self) -> Person:
        """Return the user (the self person).

        Raises
        ------
        NotFoundError
            If the store has none (it was never initialised).
        """
        found = self._one(_PERSONS, "WHERE is_self = 1", ())
        if found is None:
            raise NotFoundError("the store has no 'me'; run 'referrals init --name NAME'")
        return found

    def person(self, person_id: str) -> Person:
        """Return the person with this id (:class:`NotFoundError` if none)."""
        found = self._one(_PERSONS, "WHERE id = ?", (person_id,))
        if found is None:
            raise NotFoundError(f"no person has the id '{person_id}'")
        return found

    def find_person(self, query: str) -> Person:
        """Return the person named by an id, ``"me"``, a name, or a unique part of one.

        The rules are :func:`~infoview_graph.names.find_person_id`'s, the same as
        :meth:`ReferralNetwork.find_person <infoview_graph.network.ReferralNetwork.find_person>`:
        an id or a whole name is found through the indexes; a first name, last name or id
        prefix, and a miss, read every person's id and name once.

        Raises
        ------
        NotFoundError
            If nothing matches; the message names the closest person, when one is close.
        AmbiguousNameError
            If the name fits several persons; the message lists their ids.
        """
        if query.casefold() == "me":
            return self.me()
        found = self._one(_PERSONS, "WHERE id = ?", (query,))
        if found is not None:
            return found
        ids = [
            pid
            for (pid,) in self._con.execute(
                "SELECT id FROM persons WHERE name_key = ? ORDER BY id LIMIT 2", (name_key(query),)
            )
        ]
        if len(ids) == 1:
            return self.person(ids[0])
        return self.person(find_person_id(query, self.person_names()))

    def person_names(self) -> Iterator[tuple[str, str]]:
        """Iterate over every person as ``(id, name)``, by id.

        Examples
        --------
        >>> from infoview_graph.store import actions
        >>> with open_store(":memory:") as store:
        ...     _ = actions.init_store(store, "Steven Olson")
        ...     list(store.person_names())
        [('steven-olson', 'Steven Olson')]
        """
        yield from self._con.execute("SELECT id, name FROM persons ORDER BY id")

    def persons(self, *, field: str | None = None, org: str | None = None) -> list[Person]:
        """Return the persons, by id, optionally only those in a field or organization."""
        clauses, params = [], []
        if field is not None:
            clauses.append("t.id IN (SELECT person FROM person_fields WHERE field = ?)")
            params.append(field)
        if org is not None:
            clauses.append("t.organization = ?")
            params.append(org)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return sorted(self._all(_PERSONS, where, params), key=lambda p: p.id)

    def find_by_contact(
        self, *, url: str | None = None, emails: Sequence[str] = ()
    ) -> list[tuple[str, str]]:
        """Return ``(person id, "profile URL" or "email")`` for persons with this URL or email.

        The keys by which imports and ``person add`` recognise someone already known.
        """
        found: list[tuple[str, str]] = []
        if url is not None:
            rows = self._con.execute("SELECT id FROM persons WHERE url = ?", (url,))
            found += [(pid, "profile URL") for (pid,) in rows]
        if emails:
            marks = ", ".join("?" for _ in emails)
            rows = self._con.execute(
                f"SELECT DISTINCT person FROM person_emails WHERE email IN ({marks})",
                tuple(e.lower() for e in emails),
            )
            found += [(pid, "email") for (pid,) in rows]
        return sorted(found)

    def _index_emails(self, people: Sequence[Person]) -> None:
        # Emails compare without case; an email belongs to one person only.
        self._con.executemany(
            "DELETE FROM person_emails WHERE person = ?", [(p.id,) for p in people]
        )
        try:
            self._con.executemany(
                "INSERT INTO person_emails (email, person) VALUES (?, ?)",
                [
                    (email, p.id)
                    for p in people
                    for email in dict.fromkeys(e.lower() for e in p.emails)
                ],
            )
        except sqlite3.IntegrityError:
            raise DuplicateError(
                "an email belongs to another person already; "
                "see 'referrals person list --json' to find them"
            ) from None

    def count(self, table: str) -> int:
        """Return the number of rows in one of the store's tables."""
        if table not in {t.name for t in _TABLES} | {"targets"}:
            raise InvalidInputError(f"unknown table '{table}'")
        return int(self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def organization(self, org_id: str) -> Organization:
        """Return the organization with this id (:class:`NotFoundError` if none)."""
        found = self._one(_ORGS, "WHERE id = ?", (org_id,))
        if found is None:
            raise NotFoundError(f"no organization has the id '{org_id}'")
        return found

    def find_organization(self, query: str) -> Organization:
        """Return the organization with this id, name or alias (any case).

        The same contract as :meth:`ReferralNetwork.find_organization
        <infoview_graph.network.ReferralNetwork.find_organization>`; :func:`or_none` turns
        "not found" into None.

        Raises
        ------
        NotFoundError
            If nothing matches.
        AmbiguousNameError
            If the name fits several organizations.
        """
        found = self._one(_ORGS, "WHERE id = ?", (query,))
        if found is not None:
            return found
        key = name_key(query)
        matches = [
            org
            for org in self._all(_ORGS, "WHERE name_key = ? OR aliases <> '[]'", (key,))
            if name_key(org.name) == key or key in {name_key(a) for a in org.aliases}
        ]
        if len(matches) > 1:
            ids = tuple(sorted(o.id for o in matches))
            raise AmbiguousNameError(
                f"'{query}' fits {len(ids)} organizations: {', '.join(ids)}; use an id", ids
            )
        if not matches:
            raise NotFoundError(f"no organization has the id or name '{query}'")
        return matches[0]

    def organizations(self) -> list[Organization]:
        """Return every organization, by id."""
        return sorted(self._all(_ORGS), key=lambda o: o.id)

    def field(self, field_id: str) -> CareerField:
        """Return the career field with this id (:class:`NotFoundError` if none)."""
        found = self._one(_FIELDS, "WHERE id = ?", (field_id,))
        if found is None:
            raise NotFoundError(f"no career field has the id '{field_id}'")
        return found

    def find_field(self, query: str) -> CareerField:
        """Return the career field with this id or name (any case).

        Raises
        ------
        NotFoundError
            If nothing matches (:func:`or_none` turns that into None).
        """
        found = self._one(_FIELDS, "WHERE id = ?", (query,))
        if found is None:
            found = self._one(_FIELDS, "WHERE name_key = ? ORDER BY id", (name_key(query),))
        if found is None:
            raise NotFoundError(f"no career field has the id or name '{query}'")
        return found

    def fields(self) -> list[CareerField]:
        """Return every career field, by id."""
        return sorted(self._all(_FIELDS), key=lambda f: f.id)

    def tie(self, a: str, b: str) -> Tie | None:
        """Return the tie between two persons, or None."""
        low, high = sorted((a, b))
        return self._one(_TIES, "WHERE a = ? AND b = ?", (low, high))

    def ties_of(self, person_id: str) -> dict[str, Tie]:
        """Return the person's ties, keyed by the other person's id (as the network does)."""
        found = self._all(_TIES, "WHERE a = ? OR b = ?", (person_id, person_id))
        return {
            t.b if t.a == person_id else t.a: t for t in sorted(found, key=lambda t: (t.a, t.b))
        }

    def referral(self, referrer: str, referee: str) -> Referral | None:
        """Return the referral from ``referrer`` to ``referee``, or None."""
        return self._one(_REFERRALS, "WHERE referrer = ? AND referee = ?", (referrer, referee))

    def referrals_to(self, person_id: str) -> list[Referral]:
        """Return the referrals naming a person, by referrer."""
        found = self._all(_REFERRALS, "WHERE referee = ?", (person_id,))
        return sorted(found, key=lambda r: r.referrer)

    def referrals_from(self, person_id: str) -> list[Referral]:
        """Return the referrals a person gave, by referee."""
        found = self._all(_REFERRALS, "WHERE referrer = ?", (person_id,))
        return sorted(found, key=lambda r: r.referee)

    def outreach_to(self, person_id: str) -> list[Outreach]:
        """Return the contact attempts to a person, oldest first."""
        found = self._all(_OUTREACH, "WHERE person = ?", (person_id,))
        return sorted(found, key=lambda o: (o.on, o.id))

    def interviews_with(self, person_id: str) -> list[Interview]:
        """Return the interviews with a person, oldest first."""
        found = self._all(_INTERVIEWS, "WHERE person = ?", (person_id,))
        return sorted(found, key=lambda i: (i.on, i.id))

    def targets(self) -> list[Target]:
        """Return my targets, highest priority first."""
        text = self._con.execute(
            f"SELECT json_group_array(json(j)) FROM ({_TARGETS_SELECT} AS j FROM targets)"
        )
        found = TypeAdapter(list[Target]).validate_json(text.fetchone()[0])
        return sorted(found, key=lambda t: (t.priority, t.kind, t.id))

    def new_id(self, table: str, base: str) -> str:
        """Return ``base`` made unique in a table's ``id`` column (``base-2``, ``base-3``, …).

        Examples
        --------
        >>> with open_store(":memory:") as store:
        ...     store.new_id("persons", "ann-lee")
        'ann-lee'
        """
        if table not in {"persons", "organizations", "fields", "outreach", "interviews"} | {
            "followups",
            "questions",
        }:
            raise InvalidInputError(f"unknown table '{table}'")
        taken = {
            row[0]
            for row in self._con.execute(
                f"SELECT id FROM {table} WHERE id = ? OR id LIKE ?", (base, f"{base}-%")
            )
        }
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def new_person_id(self, name: str) -> str:
        """Return a fresh person id made from a name (see :func:`~models.slugify`).

        ``me`` is never given to a contact: it always names the user.
        """
        base = slugify(name)
        return self.new_id("persons", "me-2" if base == "me" else base)

    # --- writing single records ----------------------------------------------------------

    def _insert(self, table: _Table[_R], record: _R, *, replace: bool = False) -> None:
        if not self._in_write:
            raise StoreError("changes must run inside 'with store.write():'")
        row = table.row(record)
        names = ", ".join(row)
        marks = ", ".join(f":{c}" for c in row)
        if replace:
            keys = ", ".join(table.columns[k] for k in table.key)
            updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in keys)
            conflict = f" ON CONFLICT({keys}) DO UPDATE SET {updates}" if updates else ""
            sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks}){conflict}"
        else:
            sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
        try:
            self._con.execute(sql, row)
        except sqlite3.IntegrityError as error:
            if "UNIQUE" in str(error) or "PRIMARY KEY" in str(error):
                key = "/".join(str(getattr(record, k)) for k in table.key)
                raise DuplicateError(
                    f"a record in {table.name} with the key '{key}' exists already"
                ) from None
            raise
        owner = getattr(record, table.key[0])
        for attr, link_table, own, other in table.links:
            self._con.execute(f"DELETE FROM {link_table} WHERE {own} = ?", (owner,))
            self._con.executemany(
                f"INSERT INTO {link_table} ({own}, {other}) VALUES (?, ?)",
                [(owner, value) for value in getattr(record, attr)],
            )

    def _require_person(self, person_id: str | None) -> None:
        if person_id is not None and not self._exists("persons", person_id):
            raise NotFoundError(f"no person has the id '{person_id}'")

    def _exists(self, table: str, key: str) -> bool:
        sql = f"SELECT 1 FROM {table} WHERE id = ?"
        return self._con.execute(sql, (key,)).fetchone() is not None

    def _require(self, table: str, what: str, ids: Sequence[str | None]) -> None:
        for key in ids:
            if key is not None and not self._exists(table, key):
                raise NotFoundError(f"no {what} has the id '{key}'")

    def add_person(self, person: Person, *, replace: bool = False) -> None:
        """Insert a person (or, with ``replace``, overwrite the one with the same id).

        Raises
        ------
        DuplicateError
            If the id is taken (without ``replace``), or a second self person is added.
        InvalidInputError
            If a replacement would change who is 'me' (``is_self``).
        NotFoundError
            If the organization or a field does not exist.
        """
        self._require("organizations", "organization", [person.organization])
        self._require(
            "organizations", "organization", [p.organization for p in person.past_positions]
        )
        self._require("fields", "career field", list(person.fields))
        if person.is_self:
            current = self._con.execute("SELECT id FROM persons WHERE is_self = 1").fetchone()
            if current is not None and current[0] != person.id:
                raise DuplicateError("the store already has a 'me'; there is exactly one")
        if (
            replace
            and not person.is_self
            and self._exists("persons", person.id)
            and self.person(person.id).is_self
        ):
            raise InvalidInputError("'is_self' cannot change; there is exactly one 'me'")
        self._insert(_PERSONS, person, replace=replace)
        self._index_emails([person])

    def remove_person(self, person_id: str) -> None:
        """Delete a person and every record that involves them.

        Ties, referrals, outreach, interviews and follow-ups about them go too (foreign keys
        cascade); outreach that named them as ``via`` keeps the attempt without the name.
        ``secure_delete`` overwrites the freed pages, and the write-ahead log is checkpointed
        and truncated once the transaction commits, so no copy of the data remains in the
        store's files.

        Raises
        ------
        NotFoundError
            If no person has that id.
        InvalidInputError
            If the person is 'me'.
        """
        person = self.person(person_id)
        if person.is_self:
            raise InvalidInputError("'me' cannot be forgotten; start a new store instead")
        self._con.execute("DELETE FROM persons WHERE id = ?", (person_id,))
        self._checkpoint_after_commit = True

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and truncate it."""
        self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def add_organization(self, org: Organization, *, replace: bool = False) -> None:
        """Insert an organization whose fields exist (or overwrite it, with ``replace``)."""
        self._require("fields", "career field", list(org.fields))
        self._insert(_ORGS, org, replace=replace)

    def add_field(self, field: CareerField, *, replace: bool = False) -> None:
        """Insert a career field whose related fields exist."""
        self._require("fields", "career field", list(field.related))
        self._insert(_FIELDS, field, replace=replace)

    def add_tie(self, tie: Tie) -> None:
        """Insert the tie between two persons, or update it if they already know each other."""
        self._require("persons", "person", [tie.a, tie.b])
        self._insert(_TIES, tie, replace=True)

    def add_referral(self, referral: Referral, *, replace: bool = False) -> None:
        """Insert a referral between two existing persons (or overwrite, with ``replace``)."""
        self._require("persons", "person", [referral.referrer, referral.referee])
        self._require("fields", "career field", [referral.for_field])
        self._require("organizations", "organization", [referral.for_org])
        self._insert(_REFERRALS, referral, replace=replace)

    def add_outreach(self, outreach: Outreach, *, replace: bool = False) -> None:
        """Insert a contact attempt (or overwrite the one with its id)."""
        self._require("persons", "person", [outreach.person, outreach.via])
        self._insert(_OUTREACH, outreach, replace=replace)

    def add_interview(self, interview: Interview, *, replace: bool = False) -> None:
        """Insert an interview (or overwrite the one with its id)."""
        self._require("persons", "person", [interview.person, *interview.referrals])
        self._insert(_INTERVIEWS, interview, replace=replace)

    def add_followup(self, followup: FollowUp, *, replace: bool = False) -> None:
        """Insert a stored follow-up (or overwrite the one with its id)."""
        self._require("persons", "person", [followup.person])
        self._insert(_FOLLOWUPS, followup, replace=replace)

    def add_question(self, question: Question, *, replace: bool = False) -> None:
        """Insert a question of the user's own (or overwrite the one with its id)."""
        self._insert(_QUESTIONS, question, replace=replace)

    def set_target(self, target: Target) -> None:
        """Add a target field or organization, or change its priority."""
        if not self._in_write:
            raise StoreError("changes must run inside 'with store.write():'")
        column = "field" if target.kind == "field" else "org"
        table, what = (
            ("fields", "career field") if column == "field" else ("organizations", "organization")
        )
        self._require(table, what, [target.id])
        self._con.execute(
            f"INSERT INTO targets ({column}, priority) VALUES (?, ?) "
            f"ON CONFLICT({column}) WHERE {column} IS NOT NULL "
            "DO UPDATE SET priority = excluded.priority",
            (target.id, target.priority),
        )

    def remove_target(self, kind: str, target_id: str) -> None:
        """Remove a target (:class:`NotFoundError` if it is not one)."""
        column = "field" if kind == "field" else "org"
        deleted = self._con.execute(f"DELETE FROM targets WHERE {column} = ?", (target_id,))
        if deleted.rowcount == 0:
            raise NotFoundError(f"'{target_id}' is not one of your target {column}s")

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
        ('general-mills', 'Alex Rivera')
        >>> store.close()
        """
        from infoview_graph.network import ReferralNetwork

        with self.read():
            data = self._load(with_ties=False, with_persons=False)
            columns, person_version, columns_cached = read_columns(self._con)
            ids: list[str] = columns["id"]
            if lazy:
                people = PersonTable.from_columns(
                    columns, self._person_from_row, self._rows_reader(person_version)
                )
            else:
                people = self._person_rows(columns)
            version = self._graph_version()
            table = self._cached_ties(version, ids, people.positions())
            ties_cached = table is not None
            with paused_gc():
                detailed = self._all(_TIES, "WHERE context IS NOT NULL OR since IS NOT NULL")
                if table is None:
                    rows = self._con.execute("SELECT a, b, strength FROM ties").fetchall()
                    table = TieTable.from_rows(ids, rows)
        for tie in detailed:
            table.annotate(tie.a, tie.b, context=tie.context, since=tie.since)
        network = ReferralNetwork(data, ties=table, people=people)
        if not columns_cached:
            self._keep_cache(
                "person_version",
                person_version,
                "INSERT OR REPLACE INTO person_cache (id, version, columns) VALUES (1, ?, ?)",
                (person_version, encode_columns(columns)),
            )
        if version is not None and not ties_cached:
            self._save_ties(version, table)
        return network

    def _person_rows(self, columns: dict[str, list[Any]]) -> PersonTable:
        """Read every person as a row, sorted by id; records are built on first access."""
        with paused_gc():
            rows = self._con.execute(f"SELECT {_PERSON_COLUMNS} FROM persons ORDER BY id")
            fields = dict(zip(columns["id"], columns["fields"], strict=True))
            return PersonTable.from_rows(rows.fetchall(), fields, self._person_from_row)

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
        row = self._con.execute(
            "SELECT version, persons, indptr, indices, strength FROM graph_cache WHERE id = 1"
        ).fetchone()
        if row is None or version is None or row[0] != version or row[1] != len(ids):
            return None
        return TieTable.from_buffers(ids, row[2], row[3], row[4], index=index)

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

    def _insert_many(self, table: _Table[_R], records: Sequence[_R]) -> None:
        if not records:
            return
        rows = [table.row(r) for r in records]
        names = ", ".join(rows[0])
        marks = ", ".join(f":{c}" for c in rows[0])
        self._con.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows)
        for attr, link_table, own, other in table.links:
            self._con.executemany(
                f"INSERT INTO {link_table} ({own}, {other}) VALUES (?, ?)",
                [(getattr(r, table.key[0]), v) for r in records for v in getattr(r, attr)],
            )


_PERSON_EXTRA = ("emails", "phones", "url", "title", "past_positions", "how", "tags", "notes")
_PERSON_COLUMNS = ", ".join((*(c for c in PERSON_COLUMNS if c != "fields"), *_PERSON_EXTRA))

_TABLES: tuple[_Table[Any], ...] = (
    _PERSONS,
    _ORGS,
    _FIELDS,
    _TIES,
    _REFERRALS,
    _OUTREACH,
    _INTERVIEWS,
    _FOLLOWUPS,
    _QUESTIONS,
)
_TABLE_OF: dict[type[Any], _Table[Any]] = {table.model: table for table in _TABLES}
