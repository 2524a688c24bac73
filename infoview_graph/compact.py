"""A compact view of the ties: CSR arrays over persons sorted by id.

The one representation of a network's ties (see :mod:`infoview_graph.ties`, which owns
it), and what the heavy kernels (the warmth search of ``suggest``) run on instead of Python
dictionaries. :func:`compact_from_rows` builds it from ``(a, b, strength)`` rows with a few
vectorised numpy calls, so a large store never pays for a Python dictionary per person.

Examples
--------
>>> view = compact_from_rows(["a", "b", "c"], [("a", "b", 3), ("b", "c", 1)])
>>> view.indptr.tolist(), view.indices.tolist()
([0, 1, 3, 4], [1, 0, 2, 1])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Compact", "compact_from_positions", "compact_from_rows"]


@dataclass(frozen=True)
class Compact:
    """Symmetric CSR adjacency: row ``i`` lists the neighbours of ``ids[i]`` in id order."""

    ids: list[str]
    index: dict[str, int]
    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int32]
    strength: npt.NDArray[np.int8]


def compact_from_rows(ids: Sequence[str], rows: Sequence[tuple[str, str, int]]) -> Compact:
    """Build the view from every person's id and the ties as ``(a, b, strength)`` rows.

    O(m log m) numpy work for m rows (one sort), no Python loop per tie.
    """
    import numpy as np

    ordered = sorted(ids)
    id_array = np.asarray(ordered) if ordered else np.asarray([], dtype=str)
    if rows:
        # Column by column: unpacking with zip(*rows) costs more than the whole sort.
        a = np.searchsorted(id_array, np.asarray(list(map(itemgetter(0), rows))))
        b = np.searchsorted(id_array, np.asarray(list(map(itemgetter(1), rows))))
        s = np.asarray(list(map(itemgetter(2), rows)), dtype=np.int8)
    else:
        a = b = np.zeros(0, dtype=np.int64)
        s = np.zeros(0, dtype=np.int8)
    return compact_from_positions(ordered, a, b, s)


def compact_from_positions(
    ids: list[str],
    a: npt.NDArray[np.integer[Any]],
    b: npt.NDArray[np.integer[Any]],
    strength: npt.NDArray[np.integer[Any]],
    *,
    index: dict[str, int] | None = None,
) -> Compact:
    """Build the view from sorted ``ids`` and each tie once as positions in ``ids``.

    O(m log m) numpy work for m ties: a sort of m integers, then a merge. ``index``
    (``{id: position in ids}``, only read) saves building it. Strengths must be 0–7, and a
    pair given twice gives two entries.

    Raises
    ------
    ValueError
        If a strength is outside 0–7, or there are more than 2**30 persons.

    Examples
    --------
    >>> import numpy as np
    >>> view = compact_from_positions(["a", "b"], np.array([0]), np.array([1]), np.array([4]))
    >>> view.indptr.tolist(), view.indices.tolist(), view.strength.tolist()
    ([0, 1, 2], [1, 0], [4, 4])
    """
    import numpy as np

    n = len(ids)
    bits = max(n - 1, 1).bit_length()
    if 2 * bits + 3 > 63:
        raise ValueError(f"{n} persons are more than the tie arrays hold (2**30)")
    if len(strength) and not 0 <= int(strength.min()) <= int(strength.max()) <= 7:
        raise ValueError("a tie's strength must be between 0 and 7")
    # Each entry as one integer — row, column, strength from the high bits down — so that
    # sorting the integers orders the entries by row, then column. Each half (the "lower"
    # entries, column below row, and the "upper" ones) is sorted alone; the two sorted runs
    # then merge in one pass (a stable sort of two runs is a merge).
    low, high = np.minimum(a, b), np.maximum(a, b)
    keys = np.concatenate(
        [_entry_keys(high, low, strength, bits), _entry_keys(low, high, strength, bits)]
    )
    del low, high
    keys.sort(kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n) + np.bincount(b, minlength=n), out=indptr[1:])
    indices = (keys >> 3).astype(np.int32)
    indices &= (1 << bits) - 1
    strengths = (keys & 7).astype(np.int8)
    return Compact(
        ids=ids,
        index={pid: i for i, pid in enumerate(ids)} if index is None else index,
        indptr=indptr,
        indices=indices,
        strength=strengths,
    )


def _entry_keys(
    rows: npt.NDArray[np.integer[Any]],
    columns: npt.NDArray[np.integer[Any]],
    strength: npt.NDArray[np.integer[Any]],
    bits: int,
) -> npt.NDArray[np.int64]:
    """Return ``(row << bits | column) << 3 | strength`` per entry, sorted."""
    import numpy as np

    keys = rows.astype(np.int64)
    keys <<= bits
    keys |= columns
    keys <<= 3
    keys |= strength
    if (keys[1:] < keys[:-1]).any():  # a store's ties come in order: nothing to sort
        keys.sort()
    return keys
