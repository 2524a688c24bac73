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
) -> Compact:
    """Build the view from sorted ``ids`` and each tie once as positions in ``ids``.

    Examples
    --------
    >>> import numpy as np
    >>> view = compact_from_positions(["a", "b"], np.array([0]), np.array([1]), np.array([4]))
    >>> view.indptr.tolist(), view.indices.tolist(), view.strength.tolist()
    ([0, 1, 2], [1, 0], [4, 4])
    """
    import numpy as np

    row = np.concatenate([a, b])
    col = np.concatenate([b, a])
    order = np.lexsort((col, row))
    counts = np.bincount(row, minlength=len(ids))
    return Compact(
        ids=ids,
        index={pid: i for i, pid in enumerate(ids)},
        indptr=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        indices=col[order].astype(np.int32),
        strength=np.concatenate([strength, strength])[order].astype(np.int8),
    )
