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
>>> table.column("fields")
{'brad': (), 'ann': ('finance',)}
>>> table.built()
1
>>> table["ann"].name, table.built()
('Ann Lee', 2)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

from infoview_graph.models import Person

__all__ = ["COLUMNS", "Column", "PersonTable"]

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


class PersonTable:
    """Every person of one network, by id, in the order they were added.

    Notes
    -----
    A stored person costs its column values until its record is asked for; building one
    record costs what its builder does (a pydantic validation for a store's rows), once,
    plus a read of its row when the table fetches rows on demand. Columns are kept until
    the next change.

    Examples
    --------
    >>> from infoview_graph.models import Person
    >>> table = PersonTable()
    >>> table.put(Person(id="me", name="Me", is_self=True))
    >>> "me" in table, len(table), list(table)
    (True, 1, ['me'])
    """

    def __init__(self) -> None:
        # Every id in the table's order; its record once built (None until then).
        self._values: dict[str, Person | None] = {}
        # The stored persons' columns, aligned with _stored_ids: the source of their
        # column values even once built. Persons put as records (new or edited) are _own.
        self._stored_ids: list[str] = []
        self._stored: dict[str, list[Any]] = {name: [] for name in _STORED}
        self._position: dict[str, int] | None = None
        self._dropped: set[str] = set()
        self._own: dict[str, None] = {}
        self._rows: dict[str, Row] = {}
        self._fetch: Fetch | None = None
        self._build: Builder = _no_builder
        self._built = 0
        self._columns: dict[str, dict[str, Any]] = {}

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
        columns = dict(zip(COLUMNS, map(list, stored), strict=True)) if stored else {}
        columns["fields"] = [fields.get(pid, ()) for pid in table._rows]
        if stored:
            table._set_stored(columns)
        table._build = build
        return table

    @classmethod
    def from_columns(
        cls,
        columns: Mapping[str, list[Any]],
        build: Builder,
        fetch: Fetch,
    ) -> PersonTable:
        """Return the stored persons from their columns; rows are fetched when asked for.

        ``columns`` maps each of the :data:`COLUMNS` and ``fields`` to one list of values,
        aligned (flags as booleans, fields as sorted tuples); a person's record is
        ``build(row, fields)`` of the row
        ``fetch([id])`` returns, the first time it is asked for. :meth:`records` fetches
        every missing row at once. O(n) to make; no row is read.

        Examples
        --------
        >>> rows = {"ann": ("ann", "Ann Lee", None, 0, 0)}
        >>> table = PersonTable.from_columns(
        ...     {"id": ["ann"], "name": ["Ann Lee"], "organization": [None],
        ...      "is_self": [False], "do_not_contact": [False], "fields": [()]},
        ...     lambda row, fields: Person(id=row[0], name=row[1]),
        ...     lambda ids: [rows[i] for i in ids])
        >>> table.column("name"), table.built()
        ({'ann': 'Ann Lee'}, 0)
        >>> table["ann"].name, table.built()
        ('Ann Lee', 1)
        """
        table = cls()
        table._set_stored(columns)
        table._build = build
        table._fetch = fetch
        return table

    def _set_stored(self, columns: Mapping[str, Sequence[Any]]) -> None:
        self._stored_ids = list(columns["id"])
        self._stored = {name: list(columns[name]) for name in _STORED}
        self._position = None
        for flag in _FLAGS:
            self._stored[flag] = [bool(v) for v in self._stored[flag]]
        self._values = dict.fromkeys(self._stored_ids)

    def put(self, person: Person) -> None:
        """Add or replace a person's record."""
        if self._values.get(person.id) is None:
            self._built += 1
        self._values[person.id] = person
        self._rows.pop(person.id, None)
        self._own[person.id] = None
        self._columns.clear()

    def put_row(self, row: Row, fields: tuple[str, ...], build: Builder) -> None:
        """Add one stored person whose record ``build(row, fields)`` makes on first access.

        Every row of one table has the same builder (the last one given).
        """
        pid = row[0]
        if self._values.get(pid) is not None:
            self._built -= 1
        self._values[pid] = None
        self._rows[pid] = row
        self._own.pop(pid, None)
        self._dropped.discard(pid)
        self._stored_ids.append(pid)
        for i, name in enumerate(COLUMNS[1:], start=1):
            self._stored[name].append(bool(row[i]) if name in _FLAGS else row[i])
        self._stored["fields"].append(fields)
        self._position = None
        self._build = build
        self._columns.clear()

    def remove(self, person_id: str) -> None:
        """Remove a person (:class:`KeyError` if there is none)."""
        if self._values.pop(person_id) is not None:
            self._built -= 1
        self._rows.pop(person_id, None)
        self._own.pop(person_id, None)
        self._dropped.add(person_id)
        self._columns.clear()

    def __getitem__(self, person_id: str) -> Person:
        """Return a person's record, built now (its row fetched if need be) if it was not."""
        person = self._values[person_id]
        if person is not None:
            return person
        row = self._rows.pop(person_id, None)
        if row is None:
            (row,) = self._fetched([person_id])
        return self._make(row)

    def _make(self, row: Row) -> Person:
        if self._position is None:  # the last of an id put twice wins, as in columns
            self._position = {pid: i for i, pid in enumerate(self._stored_ids)}
        person = self._build(row, self._stored["fields"][self._position[row[0]]])
        self._values[row[0]] = person
        self._built += 1
        return person

    def _fetched(self, ids: Sequence[str]) -> Iterable[Row]:
        if self._fetch is None:
            raise TypeError("a stored person has neither a row nor a way to read one")
        return self._fetch(ids)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._values

    def __len__(self) -> int:
        """Return the number of persons."""
        return len(self._values)

    def __iter__(self) -> Iterator[str]:
        """Iterate over the ids, in the order the persons were added."""
        return iter(self._values)

    def records(self) -> Iterator[Person]:
        """Iterate over every record, building those not built yet (O(n) the first time).

        Rows still to be read are fetched together, before the first record is returned.
        """
        yield from self.records_of(list(self._values))

    def records_of(self, ids: Sequence[str]) -> tuple[Person, ...]:
        """Return the records of these persons, fetching every missing row in one read.

        :class:`KeyError` for an id that is not in the table.
        """
        missing = [pid for pid in ids if self._values[pid] is None and pid not in self._rows]
        if missing:
            self._rows.update((row[0], row) for row in self._fetched(missing))
        return tuple(self[pid] for pid in ids)

    def column(self, name: Column) -> dict[str, Any]:
        """Return one column for every person, ``{id: value}``, without building records.

        O(n) dictionary work the first time after a change; ``fields`` are tuples of field
        ids. Read the result, do not change it.
        """
        found = self._columns.get(name)
        if found is None:
            found = self._read(name)
            self._columns[name] = found
        return found

    def _read(self, name: Column) -> dict[str, Any]:
        ids = self._stored_ids
        if name == "id":
            found: dict[str, Any] = dict(zip(ids, ids, strict=True))
        else:
            found = dict(zip(ids, self._stored[name], strict=True))
        for pid in self._dropped:
            if pid not in self._values:
                found.pop(pid, None)
        for pid in self._own:
            found[pid] = getattr(self._values[pid], name)
        if self._own and ids:  # both kinds: keep the table's order
            found = {pid: found[pid] for pid in self._values}
        return found

    def flagged(self, name: Literal["is_self", "do_not_contact"]) -> list[str]:
        """Return the ids whose flag is set, without building records or a column. O(n)."""
        found = [
            pid
            for pid, flag in zip(self._stored_ids, self._stored[name], strict=True)
            if flag and pid not in self._own and pid not in self._dropped
        ]
        found += [pid for pid in self._own if getattr(self._values[pid], name)]
        return found

    def built(self) -> int:
        """Return how many records exist so far (the rest are stored columns)."""
        return self._built


def _no_builder(row: Row, fields: tuple[str, ...]) -> Person:
    raise TypeError("a row was put without its builder")
