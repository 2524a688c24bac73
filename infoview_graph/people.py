"""The person table: every person of a network, their records built when asked for.

A :class:`PersonTable` holds a network's persons as :class:`~infoview_graph.models.Person`
records or, for persons read from a store, as stored columns whose record is built on first
access — from the stored row, read with the table (:meth:`PersonTable.from_rows`) or fetched
from the store when asked for (:meth:`PersonTable.from_columns`). The columns the algorithms
rank on — name, organization, fields, ``is_self``, ``do_not_contact`` — are read without
building a record (:meth:`PersonTable.column`), so a command that shows five people builds
five records, not one per person in the store.

Examples
--------
>>> from infoview_graph.models import Person
>>> table = PersonTable()
>>> table.put(Person(id="brad", name="Brad Johnson", organization="general-mills"))
>>> table.put_row(("ann", "Ann Lee", None, 0, 0), ("finance",), lambda row, fields: Person(
...     id=row[0], name=row[1], organization=row[2], fields=fields))
>>> dict(table.column("fields"))
{'ann': ('finance',), 'brad': ()}
>>> table.built()
1
>>> table["ann"].name, table.built()
('Ann Lee', 2)
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Sequence,
    ValuesView,
)
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from infoview_graph.models import Person

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["COLUMNS", "Coded", "Column", "ColumnView", "PersonTable", "Positions"]

Column = Literal["id", "name", "organization", "fields", "is_self", "do_not_contact"]
"""A column of the person table that can be read without building records."""

COLUMNS: tuple[Column, ...] = ("id", "name", "organization", "is_self", "do_not_contact")
"""The order of the leading values of a :data:`Row` (``fields`` come apart)."""

Row = tuple[Any, ...]
"""A stored person: the :data:`COLUMNS` first (flags as 0 or 1 will do), then whatever its
builder needs."""

Builder = Callable[[Row, tuple[str, ...]], Person]
"""Makes the record of a stored row and its field ids."""

Fetch = Callable[[Sequence[str]], Iterable[Row]]
"""Reads the stored rows of the given ids (any order; every id must have its row)."""

_FLAGS = frozenset({"is_self", "do_not_contact"})
_STORED = (*COLUMNS[1:], "fields")


class Coded(NamedTuple):
    """The stored persons' organizations and fields as codes, as a store keeps them.

    Grouping persons by organization or field from codes maps each distinct value once,
    not each person's (see :meth:`infoview_graph.groups.Groups.of_codes`).

    Examples
    --------
    >>> import numpy as np
    >>> coded = Coded(["acme"], np.array([0, -1]), [(), ("law",)], np.array([1, 0]))
    >>> coded.organization_column(), coded.fields_column(), coded.in_range()
    (['acme', None], [('law',), ()], True)
    """

    organizations: list[str]
    """The distinct organization ids."""
    organization: npt.NDArray[np.int32]
    """Per person, the position of their organization in :attr:`organizations`; -1: none."""
    field_sets: list[tuple[str, ...]]
    """The distinct sets of field ids (each sorted)."""
    field_set: npt.NDArray[np.int32]
    """Per person, the position of their fields in :attr:`field_sets`."""

    def in_range(self) -> bool:
        """Whether every code names a value (-1 too, for the organization)."""
        organization, field_set = self.organization, self.field_set
        return bool(
            organization.min(initial=0) >= -1
            and organization.max(initial=-1) < len(self.organizations)
            and field_set.min(initial=0) >= 0
            and field_set.max(initial=-1) < len(self.field_sets)
        )

    def organization_column(self) -> list[str | None]:
        """Return each person's organization id, or None."""
        return _lookup([*self.organizations, None], self.organization)

    def fields_column(self) -> list[tuple[str, ...]]:
        """Return each person's field ids (the same tuple for the same set)."""
        return _lookup(self.field_sets, self.field_set)


class Positions(dict[str, int]):
    """``{id: position}`` of ids sorted by id, filled in as ids are looked up.

    A dictionary of a million ids takes a third of a second to build, while a command
    looks up a few thousand of them. An id not looked up yet is found by binary search of
    the sorted ids (about a microsecond) and kept, so looking it up again costs what a
    dictionary's lookup does. After ``len(ids) // 8`` searches every id is put in at once:
    a command that looks up most ids pays for those searches on top of the dictionary,
    at most an eighth of its cost. A mapping like a dictionary of every id (``len``,
    iteration and the views are of all of them); read it, do not change it.

    Examples
    --------
    >>> positions = Positions(["ann", "bea", "cal"])
    >>> positions["cal"], "bob" in positions, positions.get("bob", -1), len(positions)
    (2, False, -1, 3)
    >>> dict(positions)
    {'ann': 0, 'bea': 1, 'cal': 2}
    """

    __slots__ = ("_ids", "_searches")
    __hash__ = None  # a dictionary: unhashable

    def __init__(self, ids: list[str]) -> None:
        super().__init__()
        self._ids = ids
        self._searches = len(ids) // 8

    def _search(self, key: object) -> int:
        """Return the position of an id not put in yet (put it in), or -1."""
        if self._searches < 0 or not isinstance(key, str):
            return -1  # every id is in
        if self._searches == 0:
            self._fill()
            return dict.get(self, key, -1)
        self._searches -= 1
        ids = self._ids
        i = bisect.bisect_left(ids, key)
        if i < len(ids) and ids[i] == key:
            dict.__setitem__(self, key, i)
            return i
        return -1

    def has_all(self, keys: Iterable[str]) -> bool:
        """Whether every key is an id; each key not looked up yet is searched (and put in).

        The keys are searched in sorted order: consecutive searches share most of their
        path through the ids, which stays in the processor's cache (twice as fast as
        searching a million ids in any order).

        Examples
        --------
        >>> positions = Positions(["ann", "bea", "cal"])
        >>> positions.has_all(["cal", "ann"]), positions.has_all(["bea", "bob"])
        (True, False)
        """
        ids = self._ids
        pending = sorted(k for k in set(keys) if not dict.__contains__(self, k))
        for n, key in enumerate(pending):
            if self._searches <= 0:  # as many searches as a dictionary of every id costs
                self._fill()
                return all(dict.__contains__(self, k) for k in pending[n:])
            self._searches -= 1
            i = bisect.bisect_left(ids, key)
            if i == len(ids) or ids[i] != key:
                return False
            dict.__setitem__(self, key, i)
        return True

    def _fill(self) -> None:
        if self._searches >= 0:  # in id order, not the order of the searches
            self._searches = -1
            self.clear()
            self.update(zip(self._ids, range(len(self._ids)), strict=True))

    def __missing__(self, key: str) -> int:
        i = self._search(key)
        if i < 0:
            raise KeyError(key)
        return i

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or self._search(key) >= 0

    def get(self, key: str, default: Any = None) -> Any:
        """Return the id's position, or ``default``."""
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        i = self._search(key)
        return default if i < 0 else i

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        """Return every id (all of them put in first)."""
        self._fill()
        return dict.keys(self)

    def values(self) -> ValuesView[int]:  # type: ignore[override]
        """Return every position (all ids put in first)."""
        self._fill()
        return dict.values(self)

    def items(self) -> ItemsView[str, int]:  # type: ignore[override]
        """Return every ``(id, position)`` (all ids put in first)."""
        self._fill()
        return dict.items(self)

    def __eq__(self, other: object) -> bool:
        self._fill()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        self._fill()
        return dict.__ne__(self, other)

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)

    def copy(self) -> dict[str, int]:
        """Return a plain dictionary of every id."""
        return dict(zip(self._ids, range(len(self._ids)), strict=True))


def _lookup(values: Sequence[Any], codes: npt.NDArray[np.int32]) -> list[Any]:
    """Return ``[values[c] for c in codes]``, in one numpy take (c = -1: the last value)."""
    import numpy as np

    table = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):  # element by element: tuples must stay whole
        table[i] = value
    return table[codes].tolist()  # type: ignore[no-any-return]


class PersonTable:
    """Every person of one network, by id: stored persons first, then those put.

    The stored persons come in their order (a store's by id), the others in the order they
    were added.

    Notes
    -----
    A stored person costs its column values until its record is asked for; building one
    record costs what its builder does (a pydantic validation for a store's rows), once,
    plus a read of its row when the table fetches rows on demand. A column is a view over
    the table (:class:`ColumnView`), never a copy of every person's value. The stored
    persons are found through one ``{id: position}`` index, which a tie table over the same
    sorted ids may share (:meth:`positions`).

    Examples
    --------
    >>> from infoview_graph.models import Person
    >>> table = PersonTable()
    >>> table.put(Person(id="me", name="Me", is_self=True))
    >>> "me" in table, len(table), list(table)
    (True, 1, ['me'])
    """

    def __init__(self) -> None:
        # The stored persons: their columns, aligned with _stored_ids and found through
        # _position, stay the source of their column values even once built. Persons put
        # as records (new, or replacing a stored one) are _own, in the order put; a stored
        # person removed is _dropped (and, put again, _own: it moves to the end).
        self._stored_ids: list[str] = []
        self._stored: dict[str, list[Any]] = {name: [] for name in _STORED}
        self._position: dict[str, int] = {}
        self._shared = False
        self._dropped: set[str] = set()
        self._own: dict[str, None] = {}
        self._records: dict[str, Person] = {}
        self._rows: dict[str, Row] = {}
        self._fetch: Fetch | None = None
        self._build: Builder = _no_builder
        self._count = 0
        self._coded: Coded | None = None

    @classmethod
    def from_rows(
        cls, rows: Iterable[Row], fields: Mapping[str, tuple[str, ...]], build: Builder
    ) -> PersonTable:
        """Return the stored persons, whose records ``build(row, fields)`` makes when asked.

        Each row starts with the :data:`COLUMNS`; ``fields`` maps an id to its field ids
        (sorted; absent: none). The store guarantees what the record's model would check
        of them. O(n).
        """
        table = cls()
        table._rows = {row[0]: row for row in rows}
        stored = list(zip(*(row[: len(COLUMNS)] for row in table._rows.values()), strict=True))
        if stored:
            columns = dict(zip(COLUMNS, map(list, stored), strict=True))
            for flag in _FLAGS:
                columns[flag] = [bool(v) for v in columns[flag]]
            columns["fields"] = [fields.get(pid, ()) for pid in table._rows]
            table._set_stored(columns, {pid: i for i, pid in enumerate(table._rows)})
        table._build = build
        return table

    @classmethod
    def from_columns(
        cls,
        columns: Mapping[str, list[Any]],
        build: Builder,
        fetch: Fetch,
        coded: Coded | None = None,
    ) -> PersonTable:
        """Return the stored persons from their columns; rows are fetched when asked for.

        ``columns`` maps each of the :data:`COLUMNS` and ``fields`` to one list of values,
        aligned and sorted by id (flags as booleans, fields as sorted tuples), which the
        table keeps (do not change them after); a person's record is
        ``build(row, fields)`` of the row ``fetch([id])`` returns, the first time it is
        asked for. :meth:`records_of` fetches every missing row at once. ``coded`` gives
        the same organizations and fields as codes, if the caller has them (:meth:`coded`).
        O(n) to make; no row is read.

        Examples
        --------
        >>> rows = {"ann": ("ann", "Ann Lee", None, 0, 0)}
        >>> table = PersonTable.from_columns(
        ...     {"id": ["ann"], "name": ["Ann Lee"], "organization": [None],
        ...      "is_self": [False], "do_not_contact": [False], "fields": [()]},
        ...     lambda row, fields: Person(id=row[0], name=row[1]),
        ...     lambda ids: [rows[i] for i in ids])
        >>> dict(table.column("name")), table.built()
        ({'ann': 'Ann Lee'}, 0)
        >>> table["ann"].name, table.built()
        ('Ann Lee', 1)
        """
        table = cls()
        table._set_stored(columns, Positions(columns["id"]))
        table._build = build
        table._fetch = fetch
        table._coded = coded
        return table

    def _set_stored(self, columns: Mapping[str, list[Any]], positions: dict[str, int]) -> None:
        self._stored_ids = columns["id"]
        self._stored = {name: columns[name] for name in _STORED}
        self._position = positions
        self._shared = False
        self._count = len(self._position)

    def positions(self) -> dict[str, int]:
        """Return ``{id: position}`` of the stored persons, to share with a tie table.

        The positions are in the order the stored persons were given (a store's: by id).
        Read the result, do not change it.
        """
        self._shared = True
        return self._position

    def coded(self) -> Coded | None:
        """Return the stored persons' organizations and fields as codes, if they are kept.

        Only while the table is as it came (nothing put, put as a row or removed since);
        None otherwise, or when the table was not given them.
        """
        return self._coded

    def _alive(self, person_id: str) -> bool:
        """Whether a stored person is still the table's as stored (not removed)."""
        return person_id in self._position and person_id not in self._dropped

    def put(self, person: Person) -> None:
        """Add or replace a person's record."""
        self._coded = None
        self._count += person.id not in self
        self._records[person.id] = person
        self._rows.pop(person.id, None)
        self._own[person.id] = None

    def put_row(self, row: Row, fields: tuple[str, ...], build: Builder) -> None:
        """Add one stored person whose record ``build(row, fields)`` makes on first access.

        Every row of one table has the same builder (the last one given).
        """
        pid = row[0]
        self._coded = None
        self._count += pid not in self
        if self._shared or isinstance(self._position, Positions):
            # A tie table may read this index (and Positions the ids): change copies. An
            # id put after the stored ones leaves them unsorted: a dictionary finds it.
            self._position, self._shared = self._position.copy(), False
            self._stored_ids = list(self._stored_ids)
        self._records.pop(pid, None)
        self._own.pop(pid, None)
        self._dropped.discard(pid)
        self._rows[pid] = row
        values = [bool(row[i]) if name in _FLAGS else row[i] for i, name in enumerate(COLUMNS)]
        at = self._position.setdefault(pid, len(self._stored_ids))
        if at == len(self._stored_ids):
            self._stored_ids.append(pid)
            for column in self._stored.values():
                column.append(None)
        for name, value in zip(_STORED, [*values[1:], fields], strict=True):
            self._stored[name][at] = value
        self._build = build

    def remove(self, person_id: str) -> None:
        """Remove a person (:class:`KeyError` if there is none)."""
        if person_id not in self:
            raise KeyError(person_id)
        self._coded = None
        self._count -= 1
        self._records.pop(person_id, None)
        self._rows.pop(person_id, None)
        self._own.pop(person_id, None)
        if person_id in self._position:
            self._dropped.add(person_id)

    def __getitem__(self, person_id: str) -> Person:
        """Return a person's record, built now (its row fetched if need be) if it was not."""
        person = self._records.get(person_id)
        if person is not None:
            return person
        if not self._alive(person_id):
            raise KeyError(person_id)
        row = self._rows.pop(person_id, None)
        if row is None:
            (row,) = self._fetched([person_id])
        return self._make(row)

    def _make(self, row: Row) -> Person:
        fields = self._stored["fields"][self._position[row[0]]]
        person = self._build(row, fields)
        self._records[row[0]] = person
        return person

    def _fetched(self, ids: Sequence[str]) -> Iterable[Row]:
        if self._fetch is None:
            raise TypeError("a stored person has neither a row nor a way to read one")
        return self._fetch(ids)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._own or (isinstance(person_id, str) and self._alive(person_id))

    def has_all(self, person_ids: Iterable[str]) -> bool:
        """Whether every id is a person's, each distinct id looked up once.

        As ``all(pid in table for pid in person_ids)``; a store's persons are searched in
        id order (see :meth:`Positions.has_all`).

        Examples
        --------
        >>> table = PersonTable()
        >>> table.put(Person(id="ann", name="Ann Lee"))
        >>> table.has_all(["ann", "ann"]), table.has_all(["ann", "bob"])
        (True, False)
        """
        wanted = set(person_ids).difference(self._own)
        if not wanted.isdisjoint(self._dropped):
            return False
        if isinstance(self._position, Positions):
            return self._position.has_all(wanted)
        return all(map(self._position.__contains__, wanted))

    def __len__(self) -> int:
        """Return the number of persons."""
        return self._count

    def __iter__(self) -> Iterator[str]:
        """Iterate over the ids: the stored persons in their order, then the others."""
        return iter(self.ids())

    def ids(self) -> list[str]:
        """Return every id, in the order of iteration.

        O(1) when nothing was put or removed since the stored persons came: the stored list
        itself, to read, not to change; else O(n).
        """
        if not self._own and not self._dropped:
            return self._stored_ids
        dropped = self._dropped
        stored = [pid for pid in self._stored_ids if pid not in dropped]
        return stored + [pid for pid in self._own if not self._alive(pid)]

    def records(self) -> Iterator[Person]:
        """Iterate over every record, building those not built yet (O(n) the first time).

        Rows still to be read are fetched together, before the first record is returned.
        """
        yield from self.records_of(self.ids())

    def records_of(self, ids: Sequence[str]) -> tuple[Person, ...]:
        """Return the records of these persons, fetching every missing row in one read.

        :class:`KeyError` for an id that is not in the table.
        """
        missing = [pid for pid in ids if pid not in self._records and pid not in self._rows]
        for pid in missing:
            if not self._alive(pid):
                raise KeyError(pid)
        if missing:
            self._rows.update((row[0], row) for row in self._fetched(missing))
        return tuple(self[pid] for pid in ids)

    def column(self, name: Column) -> ColumnView:
        """Return one column for every person, ``{id: value}``, without building records.

        A read-only mapping over the table itself: O(1) to make, O(1) per person read, and
        its values in the table's order as fast as a list's (no dictionary of every person
        is built). ``fields`` are tuples of field ids. It shows the table as it is when
        read.
        """
        return ColumnView(self, name)

    def value(self, person_id: str, name: Column) -> Any:
        """Return one person's value in a column (:class:`KeyError` if there is none)."""
        if person_id in self._own:
            return getattr(self._records[person_id], name)
        if not self._alive(person_id):
            raise KeyError(person_id)
        return person_id if name == "id" else self._stored[name][self._position[person_id]]

    def column_values(self, name: Column) -> Iterator[Any]:
        """Iterate over a column's values in the order of :meth:`__iter__`."""
        if self._own or self._dropped:
            return (self.value(pid, name) for pid in self)
        return iter(self._stored_ids if name == "id" else self._stored[name])

    def flagged(self, name: Literal["is_self", "do_not_contact"]) -> list[str]:
        """Return the ids whose flag is set, without building records or a column. O(n)."""
        found = list(itertools.compress(self._stored_ids, self._stored[name]))
        if self._own or self._dropped:
            found = [pid for pid in found if pid not in self._own and pid not in self._dropped]
        found += [pid for pid in self._own if getattr(self._records[pid], name)]
        return found

    def built(self) -> int:
        """Return how many records exist so far (the rest are stored columns)."""
        return len(self._records)


class ColumnView(Mapping[str, Any]):
    """One column of a :class:`PersonTable`, ``{id: value}``, read through the table.

    Examples
    --------
    >>> table = PersonTable()
    >>> table.put(Person(id="ann", name="Ann Lee", organization="acme"))
    >>> names = table.column("name")
    >>> names["ann"], list(names.values()), dict(names.items())
    ('Ann Lee', ['Ann Lee'], {'ann': 'Ann Lee'})
    """

    __slots__ = ("_name", "_table")

    def __init__(self, table: PersonTable, name: Column) -> None:
        self._table = table
        self._name: Column = name

    def __getitem__(self, person_id: str) -> Any:
        return self._table.value(person_id, self._name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._table

    def iter_values(self) -> Iterator[Any]:
        """Iterate over the values in the table's order (as fast as a list when unchanged)."""
        return self._table.column_values(self._name)

    def values(self) -> ValuesView[Any]:
        """Return the values, in the table's order (as fast as a list's when unchanged)."""
        return _Values(self)

    def items(self) -> ItemsView[str, Any]:
        """Return the ``(id, value)`` pairs, in the table's order."""
        return _Items(self)

    def __repr__(self) -> str:
        return f"ColumnView({self._name!r}, {len(self)} persons)"


class _Values(ValuesView[Any]):
    _mapping: ColumnView

    def __iter__(self) -> Iterator[Any]:
        return self._mapping.iter_values()


class _Items(ItemsView[str, Any]):
    _mapping: ColumnView

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return zip(self._mapping, self._mapping.iter_values(), strict=True)


def _no_builder(row: Row, fields: tuple[str, ...]) -> Person:
    raise TypeError("a row was put without its builder")
