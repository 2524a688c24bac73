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
...            "is_self": [False, True], "do_not_contact": [False, False]}
>>> decode(encode(columns, {"ann": ("law",)})) == (columns, {"ann": ("law",)})
True
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

__all__ = ["Columns", "Fields", "decode", "encode", "read_columns"]

Columns = dict[str, list[Any]]
"""``id``, ``name``, ``organization``, ``is_self`` and ``do_not_contact``: aligned lists,
sorted by id."""

Fields = dict[str, tuple[str, ...]]
"""Each person's field ids (sorted), for the persons that have any."""

_FLAGS = ("is_self", "do_not_contact")


def read_columns(con: sqlite3.Connection) -> tuple[Columns, Fields, int, bool]:
    """Return the person columns, their fields, the ``person_version`` and whether cached.

    Call inside a read transaction. O(n) rows when the cache is stale, one JSON text when
    it is current.
    """
    (version,) = con.execute("SELECT n FROM person_version WHERE id = 1").fetchone()
    row = con.execute("SELECT version, columns FROM person_cache WHERE id = 1").fetchone()
    if row is not None and row[0] == version:
        return (*decode(row[1]), version, True)
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
    return columns, {pid: tuple(found) for pid, found in fields.items()}, version, False


def encode(columns: Columns, fields: Fields) -> str:
    """Return the text ``person_cache`` keeps of the columns (flags as strings of 0 and 1)."""
    kept: dict[str, Any] = {name: columns[name] for name in ("id", "name", "organization")}
    for flag in _FLAGS:
        kept[flag] = "".join("1" if value else "0" for value in columns[flag])
    kept["fields"] = [fields.get(pid, ()) for pid in columns["id"]]
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> tuple[Columns, Fields]:
    """Return the columns and fields :func:`encode` wrote."""
    kept = json.loads(text)
    columns: Columns = {name: kept[name] for name in ("id", "name", "organization")}
    for flag in _FLAGS:
        columns[flag] = [char == "1" for char in kept[flag]]
    fields: Fields = {
        pid: tuple(found) for pid, found in zip(columns["id"], kept["fields"], strict=True) if found
    }
    return columns, fields
