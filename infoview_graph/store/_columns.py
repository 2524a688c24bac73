"""The person columns every read command ranks on, read in bulk and kept between commands.

A read command needs every person's id, name, organization, flags and fields (to rank, to
match a name, to group by organization) but the whole record only of the few it shows.
:func:`read_columns` returns those columns as aligned lists — from ``person_cache`` when
it was made at the current ``person_version`` (one JSON text, one read), else from the
``persons`` and ``person_fields`` rows — and :func:`encode` makes the text the store keeps
for the next command.

Examples
--------
>>> columns = {"id": ["ann", "me"], "name": ["Ann Lee", "Me"], "organization": [None, None],
...            "is_self": [False, True], "do_not_contact": [False, False],
...            "fields": [("law",), ()]}
>>> decode(encode(columns)) == columns
True
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

__all__ = ["Columns", "decode", "encode", "read_columns"]

Columns = dict[str, list[Any]]
"""``id``, ``name``, ``organization``, ``is_self``, ``do_not_contact`` and ``fields`` (each
person's field ids, a sorted tuple): aligned lists, sorted by id."""

_FLAGS = ("is_self", "do_not_contact")
_FORMAT = 1
"""The version of :func:`encode`'s text; a cache in another one is read again from rows."""


def read_columns(con: sqlite3.Connection) -> tuple[Columns, int, bool]:
    """Return the person columns, the ``person_version`` they are at and whether cached.

    Call inside a read transaction. O(n) rows when the cache is stale, one JSON text when
    it is current.
    """
    (version,) = con.execute("SELECT n FROM person_version WHERE id = 1").fetchone()
    row = con.execute("SELECT version, columns FROM person_cache WHERE id = 1").fetchone()
    cached = decode(row[1]) if row is not None and row[0] == version else None
    if cached is not None:
        return cached, version, True
    stored = con.execute(
        "SELECT id, name, organization, is_self, do_not_contact FROM persons ORDER BY id"
    ).fetchall()
    ids, names, orgs, selves, unreachable = map(list, zip(*stored, strict=True)) if stored else (
        [], [], [], [], [])  # fmt: skip
    columns: Columns = {
        "id": ids,
        "name": names,
        "organization": orgs,
        "is_self": [flag == 1 for flag in selves],
        "do_not_contact": [flag == 1 for flag in unreachable],
    }
    fields: dict[str, list[str]] = {}
    for person, field in con.execute("SELECT person, field FROM person_fields ORDER BY 1, 2"):
        fields.setdefault(person, []).append(field)
    sets: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per distinct set
    columns["fields"] = [sets.setdefault(f := tuple(fields.get(pid, ())), f) for pid in ids]
    return columns, version, False


def encode(columns: Columns) -> str:
    """Return the text ``person_cache`` keeps of the columns.

    Flags are strings of 0 and 1; fields are each distinct set of field ids once and, per
    person, the number of their set (a person list of a million reads in milliseconds,
    where a list of a million lists takes a second).
    """
    kept: dict[str, Any] = {"format": _FORMAT}
    kept |= {name: columns[name] for name in ("id", "name", "organization")}
    for flag in _FLAGS:
        kept[flag] = "".join("1" if value else "0" for value in columns[flag])
    sets: dict[tuple[str, ...], int] = {(): 0}
    kept["field_set"] = [sets.setdefault(found, len(sets)) for found in columns["fields"]]
    kept["field_sets"] = list(sets)
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> Columns | None:
    """Return the columns :func:`encode` wrote, or None for a text it did not write.

    Examples
    --------
    >>> decode('{"format": 0}') is None, decode("[1, 2") is None
    (True, True)
    """
    try:
        kept = json.loads(text)
        if kept["format"] != _FORMAT:
            return None
        columns: Columns = {name: kept[name] for name in ("id", "name", "organization")}
        for flag in _FLAGS:
            columns[flag] = [char == "1" for char in kept[flag]]
        sets = [tuple(found) for found in kept["field_sets"]]
        columns["fields"] = [sets[i] for i in kept["field_set"]]
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    n = len(columns["id"])
    return columns if all(len(values) == n for values in columns.values()) else None
