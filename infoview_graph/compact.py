"""A compact view of the ties: CSR arrays over persons sorted by id.

The heavy kernels (the warmth search of ``suggest``) run on these numpy arrays instead of
Python dictionaries. :func:`compact_from_rows` builds them straight from the store's
``(a, b, strength)`` rows with a few vectorised numpy calls, so a large store never pays for
a Python dictionary per person just to be searched.

Examples
--------
>>> view = compact_from_rows(["a", "b", "c"], [("a", "b", 3), ("b", "c", 1)])
>>> view.neighbours("b")
{'a': 3, 'c': 1}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Compact", "compact_from_adjacency", "compact_from_rows"]


@dataclass(frozen=True)
class Compact:
    """Symmetric CSR adjacency: row ``i`` lists the neighbours of ``ids[i]`` in id order."""

    ids: list[str]
    index: dict[str, int]
    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int32]
    strength: npt.NDArray[np.int8]

    def neighbours(self, person_id: str) -> dict[str, int]:
        """Return one person's ties as ``{other id: strength}``. O(degree)."""
        i = self.index[person_id]
        start, end = int(self.indptr[i]), int(self.indptr[i + 1])
        ids = self.ids
        return {
            ids[j]: int(s)
            for j, s in zip(
                self.indices[start:end].tolist(), self.strength[start:end].tolist(), strict=True
            )
        }


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
    row = np.concatenate([a, b])
    col = np.concatenate([b, a])
    order = np.lexsort((col, row))
    counts = np.bincount(row, minlength=len(ordered))
    return Compact(
        ids=ordered,
        index={pid: i for i, pid in enumerate(ordered)},
        indptr=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        indices=col[order].astype(np.int32),
        strength=np.concatenate([s, s])[order],
    )


def compact_from_adjacency(
    adjacency: Mapping[str, Mapping[str, int]], ids: Iterable[str]
) -> Compact:
    """Build the view from ``{person: {other: strength}}`` (each tie listed both ways)."""
    rows = [(a, b, s) for a, others in adjacency.items() for b, s in others.items() if a < b]
    return compact_from_rows(list(ids), rows)
