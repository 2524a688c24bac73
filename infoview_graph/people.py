"""The person table: every person of a network, their records built when asked for.

A :class:`PersonTable` holds a network's persons as :class:`~infoview_graph.models.Person`
records or, for persons read from a store, as the stored row that becomes a record on first
access. The columns the algorithms rank on — name, organization, fields, ``is_self``,
``do_not_contact`` — are read from the rows without building a record
(:meth:`PersonTable.column`), so a command that shows five people builds five records, not
one per person in the store.

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

from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
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

_POSITION = {name: i for i, name in enumerate(COLUMNS)}
_FLAGS = frozenset({"is_self", "do_not_contact"})


class PersonTable:
    """Every person of one network, by id, in the order they were added.

    Notes
    -----
    A row costs its tuple until its record is asked for; building one record costs what its
    builder does (a pydantic validation for a store's rows), once. Columns are kept until
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
        self._values: dict[str, Person | Row] = {}
        # The stored rows stay the source of their persons' columns once built, so columns
        # are read at C speed; persons put as records (new or edited) are read from those.
        self._rows: dict[str, Row] = {}
        self._own: dict[str, None] = {}
        self._fields: dict[str, tuple[str, ...]] = {}
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
        table._values = dict(table._rows)
        table._fields = dict(fields)
        table._build = build
        return table

    def put(self, person: Person) -> None:
        """Add or replace a person's record."""
        if not isinstance(self._values.get(person.id), Person):
            self._built += 1
        self._values[person.id] = person
        self._rows.pop(person.id, None)
        self._own[person.id] = None
        self._columns.clear()

    def put_row(self, row: Row, fields: tuple[str, ...], build: Builder) -> None:
        """Add one stored person whose record ``build(row, fields)`` makes on first access.

        Every row of one table has the same builder (the last one given).
        """
        self._values[row[0]] = row
        self._rows[row[0]] = row
        self._own.pop(row[0], None)
        self._fields[row[0]] = fields
        self._build = build
        self._columns.clear()

    def remove(self, person_id: str) -> None:
        """Remove a person (:class:`KeyError` if there is none)."""
        value = self._values.pop(person_id)
        if isinstance(value, Person):
            self._built -= 1
        self._fields.pop(person_id, None)
        self._rows.pop(person_id, None)
        self._own.pop(person_id, None)
        self._columns.clear()

    def __getitem__(self, person_id: str) -> Person:
        """Return a person's record, built now if it was only a row."""
        value = self._values[person_id]
        if isinstance(value, Person):
            return value
        person = self._build(value, self._fields.get(person_id, ()))
        self._values[person_id] = person
        self._built += 1
        return person

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._values

    def __len__(self) -> int:
        """Return the number of persons."""
        return len(self._values)

    def __iter__(self) -> Iterator[str]:
        """Iterate over the ids, in the order the persons were added."""
        return iter(self._values)

    def records(self) -> Iterator[Person]:
        """Iterate over every record, building those not built yet (O(n) the first time)."""
        for person_id in list(self._values):
            yield self[person_id]

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
        rows = self._rows
        if name == "fields":
            found: dict[str, Any] = dict.fromkeys(rows, ())
            found.update((pid, self._fields[pid]) for pid in rows.keys() & self._fields.keys())
        else:
            values = map(itemgetter(_POSITION[name]), rows.values())
            found = dict(zip(rows, map(bool, values) if name in _FLAGS else values, strict=True))
        for pid in self._own:
            found[pid] = getattr(self._values[pid], name)
        if self._own and rows:  # both kinds: keep the table's order
            found = {pid: found[pid] for pid in self._values}
        return found

    def built(self) -> int:
        """Return how many records exist so far (the rest are rows)."""
        return self._built


def _no_builder(row: Row, fields: tuple[str, ...]) -> Person:
    raise TypeError("a row was put without its builder")
