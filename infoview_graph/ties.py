"""The tie table: every "knows" tie of a network, held once.

A :class:`TieTable` owns the ties of one :class:`~infoview_graph.network.ReferralNetwork`.
Its one representation is a symmetric CSR view over the persons sorted by id
(:class:`~infoview_graph.compact.Compact`: three numpy arrays), plus the rare context and
date of a tie. Everything else is read from it:

- per-person lookups (:meth:`TieTable.neighbours`, :meth:`TieTable.strength`), O(degree);
- the rows, each tie once (:meth:`TieTable.rows`, :meth:`TieTable.rows_among`);
- the CSR view itself for the numpy kernels (:meth:`TieTable.csr`);
- raw buffers for a store's cache (:meth:`TieTable.to_buffers`,
  :meth:`TieTable.from_buffers`).

Changes (a tie set or removed, a person added or removed) wait in a small overlay until
the next read, which folds them into new arrays with a few vectorised numpy calls —
O(m log m) once per batch of changes, never a Python dictionary per person.

Examples
--------
>>> table = TieTable.from_rows(["a", "b", "c"], [("a", "b", 3), ("b", "c", 1)])
>>> table.neighbours("b")
{'a': 3, 'c': 1}
>>> table.set("a", "c", 5, context="school")
>>> sorted(table.rows())
[('a', 'b', 3), ('a', 'c', 5), ('b', 'c', 1)]
>>> table.details("c", "a")
('school', None)
>>> len(table)
3
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from infoview_graph.compact import Compact, compact_from_positions, compact_from_rows

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["TieTable"]

Pair = tuple[str, str]

_CACHED_DEGREE = 64
"""Lookups of persons with at least this many ties are kept until the next change."""


class TieTable:
    """The ties between the persons of one network: strengths, context and dates.

    Parameters
    ----------
    ids : iterable of str, optional
        The persons the table starts with (no ties yet).

    Notes
    -----
    Memory is about 5 bytes per tie and direction plus the person ids; a read after a
    change costs O(m log m) numpy work for m ties (once per batch of changes).

    Examples
    --------
    >>> table = TieTable(["me", "brad"])
    >>> table.set("me", "brad", 4)
    >>> table.strength("brad", "me"), table.strength("me", "me")
    (4, None)
    """

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._view: Compact | None = None
        self._added: set[str] = set(ids)
        self._removed: set[str] = set()
        self._rows: list[tuple[str, str, int]] = []
        self._edits: dict[Pair, int | None] = {}
        self._details: dict[Pair, tuple[str | None, Any]] = {}
        self._lookups: dict[str, dict[str, int]] = {}

    # --- building ------------------------------------------------------------------------

    @classmethod
    def from_rows(cls, ids: Iterable[str], rows: Sequence[tuple[str, str, int]]) -> TieTable:
        """Return the table of these persons with ``(a, b, strength)`` rows, each tie once.

        O(m log m) numpy work for m rows, done on the first read. Every id a row names must
        be among ``ids``.

        Examples
        --------
        >>> TieTable.from_rows(["a", "b"], [("a", "b", 2)]).neighbours("a")
        {'b': 2}
        """
        table = cls(ids)
        table._rows = list(rows)
        return table

    @classmethod
    def from_positions(
        cls,
        ids: list[str],
        a: npt.NDArray[np.integer[Any]],
        b: npt.NDArray[np.integer[Any]],
        strength: npt.NDArray[np.integer[Any]],
        *,
        index: dict[str, int] | None = None,
    ) -> TieTable:
        """Return the table of persons ``ids`` (sorted by id) with each tie once, as positions.

        The tie between ``ids[a[k]]`` and ``ids[b[k]]`` has strength ``strength[k]`` (0–5);
        no pair twice. O(m log m) numpy work for m ties, now. ``index`` (``{id: position in
        ids}``, which the table only reads) saves building it.

        Examples
        --------
        >>> import numpy as np
        >>> table = TieTable.from_positions(["a", "b"], np.array([0]), np.array([1]), np.array([2]))
        >>> table.neighbours("b")
        {'a': 2}
        """
        table = cls()
        table._view = compact_from_positions(ids, a, b, strength, index=index)
        return table

    @classmethod
    def from_buffers(
        cls,
        ids: Sequence[str],
        indptr: bytes,
        indices: bytes,
        strength: bytes,
        *,
        index: dict[str, int] | None = None,
    ) -> TieTable:
        """Return the table kept by :meth:`to_buffers`, for persons ``ids`` sorted by id.

        No copy: the arrays are read-only views of the buffers. O(n) for the id index, or
        none when ``index`` (``{id: position in ids}``, which the table only reads) is given.

        Examples
        --------
        >>> table = TieTable.from_rows(["a", "b"], [("a", "b", 2)])
        >>> TieTable.from_buffers(["a", "b"], *table.to_buffers()).neighbours("b")
        {'a': 2}
        """
        import numpy as np

        table = cls()
        ordered = list(ids)
        table._view = Compact(
            ids=ordered,
            index={pid: i for i, pid in enumerate(ordered)} if index is None else index,
            indptr=np.frombuffer(indptr, dtype=np.int64),
            indices=np.frombuffer(indices, dtype=np.int32),
            strength=np.frombuffer(strength, dtype=np.int8),
        )
        return table

    def to_buffers(self) -> tuple[bytes, bytes, bytes]:
        """Return the CSR arrays as bytes (``int64`` pointers, ``int32`` ids, ``int8``)."""
        view = self.csr()
        return (
            view.indptr.astype("int64").tobytes(),
            view.indices.astype("int32").tobytes(),
            view.strength.astype("int8").tobytes(),
        )

    def add_person(self, person_id: str) -> None:
        """Add a person without ties (nothing happens if they are there already)."""
        self._removed.discard(person_id)
        self._added.add(person_id)
        self._lookups.clear()

    def remove_person(self, person_id: str) -> None:
        """Remove a person and every tie they have."""
        for other in self.neighbours(person_id):
            self._details.pop(_pair(person_id, other), None)
        self._added.discard(person_id)
        self._removed.add(person_id)
        # Now, so that the same id added again later starts without ties.
        self._fold()

    def set(
        self,
        a: str,
        b: str,
        strength: int,
        *,
        context: str | None = None,
        since: Any = None,
    ) -> None:
        """Set the tie between two persons, replacing any tie between them."""
        pair = _pair(a, b)
        self._edits[pair] = strength
        if context is not None or since is not None:
            self._details[pair] = (context, since)
        else:
            self._details.pop(pair, None)
        self._lookups.clear()

    def annotate(self, a: str, b: str, *, context: str | None, since: Any) -> None:
        """Record the context and date of a tie the table already holds."""
        if context is not None or since is not None:
            self._details[_pair(a, b)] = (context, since)

    # --- reading -------------------------------------------------------------------------

    def csr(self) -> Compact:
        """Return the CSR view: row ``i`` lists the ties of ``ids[i]``, in id order.

        Read-only for the numpy kernels; a change makes a new view.
        """
        view = self._view
        if view is None or self._added or self._removed or self._rows or self._edits:
            view = self._fold()
        return view

    @property
    def ids(self) -> list[str]:
        """The persons, sorted by id (do not change the list)."""
        return self.csr().ids

    def __len__(self) -> int:
        """Return the number of ties."""
        return len(self.csr().indices) // 2

    def __contains__(self, person_id: object) -> bool:
        return person_id in self.csr().index

    def neighbours(self, person_id: str) -> dict[str, int]:
        """Return one person's ties as ``{other id: strength}`` (a dict to read, not change).

        O(degree); the lookups of well-connected persons are kept until the next change.
        """
        found = self._lookups.get(person_id)
        if found is not None:
            return found
        view = self.csr()
        i = view.index.get(person_id)
        if i is None:
            return {}
        start, end = int(view.indptr[i]), int(view.indptr[i + 1])
        ids = view.ids
        found = dict(
            zip(
                [ids[j] for j in view.indices[start:end].tolist()],
                view.strength[start:end].tolist(),
                strict=True,
            )
        )
        if end - start >= _CACHED_DEGREE:
            self._lookups[person_id] = found
        return found

    def strength(self, a: str, b: str) -> int | None:
        """Return the strength of the tie between two persons, or None. O(log degree)."""
        import numpy as np

        view = self.csr()
        i, j = view.index.get(a), view.index.get(b)
        if i is None or j is None:
            return None
        start, end = int(view.indptr[i]), int(view.indptr[i + 1])
        at = start + int(np.searchsorted(view.indices[start:end], j))
        return int(view.strength[at]) if at < end and view.indices[at] == j else None

    def details(self, a: str, b: str) -> tuple[str | None, Any]:
        """Return the ``(context, since)`` of a tie; ``(None, None)`` when it has neither."""
        return self._details.get(_pair(a, b), (None, None))

    def rows(self) -> Iterator[tuple[str, str, int]]:
        """Iterate over every tie once, as ``(a, b, strength)`` with ``a < b``."""
        view = self.csr()
        return self._rows_of(view, self._entries(view, None))

    def rows_among(self, persons: Collection[str]) -> Iterator[tuple[str, str, int]]:
        """Iterate over the ties between two of ``persons``, once each, ``a < b``.

        O(sum of their degrees) numpy work; unknown ids are ignored.
        """
        view = self.csr()
        return self._rows_of(view, self._entries(view, self._mask(view, persons)))

    def around(self, persons: Collection[str], *, radius: int = 1) -> list[str]:
        """Return the persons within ``radius`` ties of any of ``persons``, sorted by id.

        Examples
        --------
        >>> table = TieTable.from_rows(["a", "b", "c"], [("a", "b", 1), ("b", "c", 1)])
        >>> table.around(["a"]), table.around(["a"], radius=2)
        (['a', 'b'], ['a', 'b', 'c'])
        """
        import numpy as np

        view = self.csr()
        inside = self._mask(view, persons)
        frontier = np.flatnonzero(inside)
        for _ in range(radius):
            if not len(frontier):
                break
            reached = view.indices[_ranges(view.indptr, frontier)]
            fresh = np.unique(reached[~inside[reached]]).astype(np.int64)
            inside[fresh] = True
            frontier = fresh
        return [view.ids[i] for i in np.flatnonzero(inside).tolist()]

    # --- inside --------------------------------------------------------------------------

    @staticmethod
    def _mask(view: Compact, persons: Collection[str]) -> npt.NDArray[np.bool_]:
        import numpy as np

        inside = np.zeros(len(view.ids), dtype=bool)
        inside[[view.index[p] for p in persons if p in view.index]] = True
        return inside

    @staticmethod
    def _entries(
        view: Compact, inside: npt.NDArray[np.bool_] | None
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Return the (row, entry) pairs of the ties ``a < b``, among ``inside`` if given."""
        import numpy as np

        chosen = (
            np.arange(len(view.ids), dtype=np.int64) if inside is None else np.flatnonzero(inside)
        )
        entries = _ranges(view.indptr, chosen)
        rows = np.repeat(chosen, np.diff(view.indptr)[chosen])
        keep = view.indices[entries] > rows
        if inside is not None:
            keep &= inside[view.indices[entries]]
        return rows[keep], entries[keep]

    @staticmethod
    def _rows_of(
        view: Compact, found: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]
    ) -> Iterator[tuple[str, str, int]]:
        rows, entries = found
        ids = view.ids
        others = view.indices[entries].tolist()
        strengths = view.strength[entries].tolist()
        for a, b, s in zip(rows.tolist(), others, strengths, strict=True):
            yield ids[a], ids[b], s

    def _fold(self) -> Compact:
        """Fold the waiting changes into new CSR arrays: O(m log m) numpy work."""
        import numpy as np

        old = self._view if self._view is not None else compact_from_rows([], [])
        ids = sorted((set(old.ids) - self._removed) | self._added)
        id_array = np.asarray(ids) if ids else np.asarray([], dtype=str)
        n = len(ids)
        # Old entries, then bulk rows, then edits: where a pair repeats, the last one wins.
        parts_a, parts_b, parts_s = [], [], []
        if len(old.indices):
            old_ids = np.asarray(old.ids)
            where = np.searchsorted(id_array, old_ids) if n else np.zeros(0, dtype=np.int64)
            alive = (where < n) & (id_array[np.minimum(where, max(n - 1, 0))] == old_ids)
            rows = np.repeat(np.arange(len(old.ids)), np.diff(old.indptr))
            keep = (old.indices > rows) & alive[rows] & alive[old.indices]
            parts_a.append(where[rows[keep]])
            parts_b.append(where[old.indices[keep]])
            parts_s.append(old.strength[keep].astype(np.int16))
        edits = [(a, b, -1 if s is None else s) for (a, b), s in self._edits.items()]
        for source in (self._rows, edits):
            if source:
                for part, column in ((parts_a, 0), (parts_b, 1)):
                    names = np.asarray(list(map(itemgetter(column), source)))
                    part.append(np.searchsorted(id_array, names))
                parts_s.append(np.asarray(list(map(itemgetter(2), source)), dtype=np.int16))
        if parts_a:
            a, b = np.concatenate(parts_a), np.concatenate(parts_b)
            s = np.concatenate(parts_s)
            low, high = np.minimum(a, b), np.maximum(a, b)
            key = low.astype(np.int64) * max(n, 1) + high
            _, last = np.unique(key[::-1], return_index=True)
            last = len(key) - 1 - last
            last = last[s[last] >= 0]
            a, b, s = low[last], high[last], s[last]
        else:
            a = b = np.zeros(0, dtype=np.int64)
            s = np.zeros(0, dtype=np.int16)
        self._view = compact_from_positions(ids, a, b, s)
        self._added, self._removed, self._rows, self._edits = set(), set(), [], {}
        self._lookups.clear()
        return self._view


def _ranges(indptr: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Return the entry positions of the given CSR rows, concatenated (vectorised)."""
    import numpy as np

    starts, ends = indptr[rows], indptr[rows + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    positions: npt.NDArray[np.int64] = np.arange(total, dtype=np.int64) + offsets
    return positions


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)
