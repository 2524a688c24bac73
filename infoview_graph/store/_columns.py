"""The person columns every read command ranks on, read in bulk and kept between commands.

A read command needs every person's id, name, organization, flags and fields (to rank, to
match a name, to group by organization) but the whole record only of the few it shows.
:func:`read_columns` returns those columns as aligned lists — from ``person_cache`` when
it was made at the current ``person_version`` (one value, one read), else from the
``persons`` and ``person_fields`` rows — and :func:`encode` makes the value the store keeps
for the next command.

The kept value is binary: a JSON header (the distinct organizations and field sets), then
the ids and the names as UTF-8 joined by NUL, each person's organization and field set as
a number, and the flags as bytes. Reading it is two splits and a few array copies — no
parse of a million JSON strings — and the organizations and fields come back as codes too
(:class:`~infoview_graph.people.Coded`), which group the persons without a dictionary
lookup each.

Examples
--------
>>> columns = {"id": ["ann", "me"], "name": ["Ann Lee", "Me"], "organization": [None, None],
...            "is_self": [False, True], "do_not_contact": [False, False],
...            "fields": [("law",), ()]}
>>> kept = decode(encode(columns))
>>> kept is not None and kept[0] == columns
True
>>> kept[1].field_sets, kept[1].field_set.tolist()
([(), ('law',)], [1, 0])
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from infoview_graph.people import Coded

__all__ = ["Columns", "cached_columns", "decode", "encode", "mapped", "read_columns"]

Columns = dict[str, list[Any]]
"""``id``, ``name``, ``organization``, ``is_self``, ``do_not_contact`` and ``fields`` (each
person's field ids, a sorted tuple): aligned lists, sorted by id."""

_FLAGS = ("is_self", "do_not_contact")
_FORMAT = 2
"""The version of :func:`encode`'s value; a cache in another one is read again from rows."""
_SEP = "\x00"
"""Joins the ids and the names; no valid one holds it (a name that does is not cached)."""


_MAPPED = 1 << 30
"""How much of the store file a cached value's read may map (1 GiB)."""


@contextmanager
def mapped(con: sqlite3.Connection) -> Iterator[None]:
    """Let the block's reads map the store file instead of copying it through SQLite's cache.

    For the few large cached values a read command reads (the person columns, the tie
    arrays: tens of MB at a million people), which then read in about half the time. Only
    for them: a mapped scan of a whole table counts every page it touches in the process's
    memory (hundreds of MB at ten million ties).

    Examples
    --------
    >>> con = sqlite3.connect(":memory:")
    >>> with mapped(con):
    ...     con.execute("SELECT 1").fetchone()
    (1,)
    >>> con.close()
    """
    con.execute(f"PRAGMA mmap_size = {_MAPPED}")
    try:
        yield
    finally:
        con.execute("PRAGMA mmap_size = 0")


def cached_columns(con: sqlite3.Connection) -> tuple[int, tuple[Columns, Coded] | None]:
    """Return the ``person_version`` and the cached columns with their codes, if current.

    None in place of the columns when ``person_cache`` was made at another version (or
    holds a value this version cannot read). Call inside a read transaction.
    """
    (version,) = con.execute("SELECT n FROM person_version WHERE id = 1").fetchone()
    row = con.execute("SELECT version FROM person_cache WHERE id = 1").fetchone()
    if row is None or row[0] != version:
        return version, None
    with mapped(con):
        (value,) = con.execute("SELECT columns FROM person_cache WHERE id = 1").fetchone()
    return version, decode(value)


def read_columns(con: sqlite3.Connection) -> tuple[Columns, Coded | None, int, bool]:
    """Return the person columns, their codes, the ``person_version`` and whether cached.

    The codes come only with a cached value (None when the columns were read from rows).
    Call inside a read transaction. O(n) rows when the cache is stale, one value when it
    is current.
    """
    version, kept = cached_columns(con)
    if kept is not None:
        return kept[0], kept[1], version, True
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
    return columns, None, version, False


def encode(columns: Columns) -> bytes | None:
    """Return the value ``person_cache`` keeps of the columns, or None if one cannot be kept.

    None when an id or a name holds a NUL (which no valid one does): such a store is read
    from its rows every time.
    """
    import numpy as np

    texts = [_SEP.join(columns[name]) for name in ("id", "name")]
    n = len(columns["id"])
    if any(text.count(_SEP) != max(n - 1, 0) for text in texts):
        return None
    joined = [text.encode() for text in texts]
    organizations: dict[str, int] = {}
    organization = [
        -1 if org is None else organizations.setdefault(org, len(organizations))
        for org in columns["organization"]
    ]
    field_sets: dict[tuple[str, ...], int] = {(): 0}
    field_set = [field_sets.setdefault(found, len(field_sets)) for found in columns["fields"]]
    header = {
        "format": _FORMAT,
        "persons": n,
        "sizes": [len(part) for part in joined],
        "organizations": list(organizations),
        "field_sets": list(field_sets),
    }
    return b"".join(
        [
            json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode(),
            b"\n",
            *joined,
            np.asarray(organization, dtype="<i4").tobytes(),
            np.asarray(field_set, dtype="<i4").tobytes(),
            *(np.asarray(columns[flag], dtype=np.uint8).tobytes() for flag in _FLAGS),
        ]
    )


def decode(value: object) -> tuple[Columns, Coded] | None:
    """Return the columns and codes :func:`encode` kept, or None for a value it did not write.

    Examples
    --------
    >>> decode('{"format": 1}') is None, decode(b'{"format": 2}') is None, decode(b"[1") is None
    (True, True, True)
    """
    import numpy as np

    if not isinstance(value, bytes):
        return None
    try:
        end = value.index(b"\n")
        header = json.loads(value[:end])
        if header["format"] != _FORMAT:
            return None
        n, sizes = int(header["persons"]), [int(size) for size in header["sizes"]]
        start = end + 1
        texts = []
        for size in sizes:
            texts.append(value[start : start + size].decode())
            start += size
        numbers = np.frombuffer(value, dtype="<i4", count=2 * n, offset=start)
        flags = np.frombuffer(value, dtype=np.uint8, count=2 * n, offset=start + 8 * n)
        coded = Coded(
            organizations=[str(org) for org in header["organizations"]],
            organization=numbers[:n],
            field_sets=[tuple(str(f) for f in found) for found in header["field_sets"]],
            field_set=numbers[n:],
        )
        if start + 10 * n != len(value) or not coded.in_range():
            return None
        columns: Columns = {
            "id": texts[0].split(_SEP) if n else [],
            "name": texts[1].split(_SEP) if n else [],
            "organization": coded.organization_column(),
            "is_self": flags[:n].astype(bool).tolist(),
            "do_not_contact": flags[n:].astype(bool).tolist(),
            "fields": coded.fields_column(),
        }
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return (columns, coded) if all(len(values) == n for values in columns.values()) else None
