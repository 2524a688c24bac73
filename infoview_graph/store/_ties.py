"""The ``ties`` table read as arrays of positions, without a Python object per tie.

A tie table is built from each tie's two ends as positions in the persons sorted by id.
Fetching ten million ``(a, b, strength)`` rows as Python tuples costs tens of seconds and
gigabytes; :func:`read_tie_positions` instead has SQLite join the ids of a range of persons
into a few long texts (one query per range, scanning the primary key in order) and turns
each text into integers with vectorised numpy: an id becomes a 64-bit key (its bytes, eight
at a time), looked up among the persons' keys in a hash table held in numpy arrays.

An id's key is its bytes when every id is at most eight bytes long, else a hash of them;
the persons' keys must all differ (else the caller reads the rows instead). A tie's ends
are persons (the schema's foreign keys), so a key found is that person's.

Examples
--------
>>> import sqlite3
>>> con = sqlite3.connect(":memory:")
>>> _ = con.execute("CREATE TABLE ties (a TEXT, b TEXT, strength INTEGER, PRIMARY KEY (a, b))")
>>> _ = con.executemany("INSERT INTO ties VALUES (?, ?, ?)", [("ann", "me", 3), ("bo", "me", 1)])
>>> a, b, strength = read_tie_positions(con, ["ann", "bo", "me"])
>>> a.tolist(), b.tolist(), strength.tolist()
([0, 1], [2, 2], [3, 1])
>>> con.close()
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Positions: TypeAlias = tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.int8]]

__all__ = ["read_tie_positions"]

_PERSONS_PER_QUERY = 100_000
"""Ties are read for this many persons (as ``a``) at a time: the texts stay small."""

_QUERY = (
    "SELECT group_concat(a, ' '), group_concat(b, ' '), group_concat(strength, '')"
    " FROM ties WHERE a BETWEEN ? AND ?"
)
"""One row per range of persons (as ``a``): the ties' ends and strengths (one digit each),
in primary-key order. The three aggregates take the rows in the same order: they line up."""


def read_tie_positions(con: sqlite3.Connection, ids: Sequence[str]) -> Positions | None:
    """Return every tie as ``(a, b, strength)`` arrays, ``a`` and ``b`` positions in ``ids``.

    ``ids`` are all the persons, sorted by id. Call inside a read transaction. O(m) numpy
    work and O(n / 100,000) queries for m ties and n persons; None when the ids cannot be
    told apart by their keys or hold a space (then read the rows).
    """
    import numpy as np

    n = len(ids)
    keys = _Keys.of(ids) if n else None
    if keys is None:
        return None
    parts: list[Positions] = []
    for start in range(0, n, _PERSONS_PER_QUERY):
        last = ids[min(start + _PERSONS_PER_QUERY, n) - 1]
        texts = con.execute(_QUERY, (ids[start], last)).fetchone()
        if texts[0] is None:  # no ties in this range
            continue
        part = _positions(keys, *texts)
        if part is None:
            return None
        parts.append(part)
    if not parts:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0, np.int8)
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )


def _positions(keys: _Keys, heads: str, others: str, strengths: str) -> Positions | None:
    """Return one range's ties as arrays (see :data:`_QUERY`), or None for an unknown id."""
    import numpy as np

    a, b = keys.find(heads, runs=True), keys.find(others)
    s = np.frombuffer(strengths.encode("ascii"), dtype=np.uint8) - ord("0")
    if a is None or b is None or not len(a) == len(b) == len(s):
        return None
    return a, b, s.astype(np.int8)


class _Keys:
    """The persons' 64-bit keys in a hash table, to find many ids in a few numpy passes.

    Open addressing with linear probing, at most a quarter full: a lookup is one or two
    gathers, where a binary search over sorted keys is twenty.
    """

    def __init__(
        self, keys: npt.NDArray[np.uint64], lengths: npt.NDArray[np.int64], width: int
    ) -> None:
        import numpy as np

        self.width = width  # the longest id, in bytes
        self.lengths = lengths
        self.bits = (2 * len(keys)).bit_length() + 1
        self.keys = np.zeros(1 << self.bits, dtype=np.uint64)
        self.positions = np.full(1 << self.bits, -1, dtype=np.int32)  # -1: empty
        pending = np.arange(len(keys))
        slots = self._home(keys)
        while len(pending):  # each round, the first one to try a free slot takes it
            free = np.flatnonzero(self.positions[slots] < 0)
            taken, first = np.unique(slots[free], return_index=True)
            placed = free[first]
            self.keys[taken] = keys[pending[placed]]
            self.positions[taken] = pending[placed]
            left = np.ones(len(pending), dtype=bool)
            left[placed] = False
            pending, slots = pending[left], self._next(slots[left])

    @classmethod
    def of(cls, ids: Sequence[str]) -> _Keys | None:
        """Return the keys of these ids, or None if two share a key or one holds a space."""
        import numpy as np

        found = _text_keys(" ".join(ids), None)
        if found is None or len(found[0]) != len(ids):
            return None
        ordered = np.sort(found[0])
        if (ordered[1:] == ordered[:-1]).any():  # two ids, one key
            return None
        return cls(*found)

    def find(self, text: str, *, runs: bool = False) -> npt.NDArray[np.int32] | None:
        """Return the positions of the space-separated ids, or None if one is unknown.

        With ``runs``, equal ids next to each other are looked up once.
        """
        import numpy as np

        found = _text_keys(text, self.width)
        if found is None:
            return None
        keys, lengths, _ = found
        if runs:
            starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
            distinct = self._find(keys[starts], lengths[starts])
            if distinct is None:
                return None
            return np.repeat(distinct, np.diff(np.append(starts, len(keys))))
        return self._find(keys, lengths)

    def _find(
        self, keys: npt.NDArray[np.uint64], lengths: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int32] | None:
        import numpy as np

        slots = self._home(keys)
        found = self.positions[slots]  # right for every key found in its first slot
        pending = np.flatnonzero(self.keys[slots] != keys)
        slots = slots[pending]
        while len(pending):
            positions = self.positions[slots]
            if (positions < 0).any():  # an empty slot before the key: no such id
                return None
            hit = self.keys[slots] == keys[pending]
            found[pending[hit]] = positions[hit]
            pending, slots = pending[~hit], self._next(slots[~hit])
        if (self.lengths[found] != lengths).any():
            return None
        return found

    def _home(self, keys: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
        """Return each key's first slot (Fibonacci hashing: the top bits of a product)."""
        import numpy as np

        mixed = keys * np.uint64(_GOLDEN)
        mixed >>= np.uint64(64 - self.bits)
        return mixed.astype(np.int64)

    def _next(self, slots: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        slots += 1
        slots &= (1 << self.bits) - 1
        return slots


def _text_keys(
    text: str, width: int | None
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64], int] | None:
    """Return the keys and byte lengths of the space-separated ids, and the width used.

    ``width`` is the longest id's length in bytes (None: this text's longest); an id longer
    than it gives None.
    """
    import numpy as np

    raw = np.frombuffer(text.encode(), dtype=np.uint8)
    spaces = np.flatnonzero(raw == ord(" "))
    starts = np.zeros(len(spaces) + 1, dtype=np.int64)
    starts[1:] = spaces + 1
    lengths = np.empty_like(starts)
    lengths[:-1] = spaces - starts[:-1]
    lengths[-1] = len(raw) - starts[-1]
    longest = int(lengths.max())
    if width is None:
        width = longest
    elif longest > width:
        return None
    padded = np.zeros(len(raw) + 8, dtype=np.uint8)
    padded[: len(raw)] = raw
    # The eight bytes from every offset, as a big-endian number (an unaligned view).
    words = np.ndarray(shape=(len(raw) + 1,), dtype=">u8", buffer=padded, strides=(1,))
    keys = np.zeros(len(starts), dtype=np.uint64)
    for offset in range(0, max(width, 1), 8):
        word = words[np.minimum(starts + offset, len(raw))].astype(np.uint64)
        word &= _masks()[np.clip(lengths - offset, 0, 8)]  # drop the bytes after the id
        if offset:
            keys *= _PRIME
            keys ^= word
        else:
            keys = word
    return keys, lengths, width


@cache
def _masks() -> npt.NDArray[np.uint64]:
    """``_masks()[k]`` keeps the first k bytes of a big-endian 64-bit word."""
    import numpy as np

    full = (1 << 64) - 1
    return np.array([0] + [full ^ ((1 << (64 - 8 * k)) - 1) for k in range(1, 9)], np.uint64)


_PRIME = 0x100000001B3
"""The FNV-1 64-bit prime: mixes the words of an id longer than eight bytes."""

_GOLDEN = 0x9E3779B97F4A7C15
"""2**64 divided by the golden ratio, odd: spreads keys over the hash table's slots."""
