"""Persons grouped by a column: who works where, who is in which field, as arrays.

A :class:`Groups` holds one person column — an organization per person, or the fields of
each person — as integer codes over the persons sorted by id (the order of the tie table's
CSR view), and its inverse: the members of each key. Both are built with a few vectorised
numpy calls from the column's dictionary, O(n log n) once per network state, without a
Python list per key; the members of one key become a tuple of ids only when asked for.

Examples
--------
>>> groups = Groups.of_column({"b": "acme", "a": "acme", "c": None}, ["acme", "zeta"])
>>> groups.get("acme"), groups.get("zeta"), groups.get("nowhere", None)
(('a', 'b'), (), None)
>>> groups.ids, groups.indptr.tolist(), groups.codes.tolist()
(['a', 'b', 'c'], [0, 1, 2, 2], [0, 0])
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Groups"]

_D = TypeVar("_D")


class Groups:
    """One person column as codes per person and members per key.

    Parameters
    ----------
    ids : list of str
        The persons, sorted by id.
    keys : list of str
        Every key a person may have (organization or field ids), sorted.
    indptr, codes : numpy.ndarray
        CSR over ``ids``: person ``i`` has the keys ``keys[c]`` for ``c`` in
        ``codes[indptr[i]:indptr[i + 1]]``, in the column's order.

    Notes
    -----
    About 12 bytes per person and key held, plus the ids. :meth:`get` costs O(members)
    the first time for a key, O(1) after.
    """

    def __init__(
        self,
        ids: list[str],
        keys: list[str],
        indptr: npt.NDArray[np.int64],
        codes: npt.NDArray[np.int64],
    ) -> None:
        import numpy as np

        self.ids = ids
        self.keys = keys
        self.key_index = {key: i for i, key in enumerate(keys)}
        self.indptr = indptr
        self.codes = codes
        owner = np.repeat(np.arange(len(ids), dtype=np.int64), np.diff(indptr))
        # Stable: entries are in id order, so each key's members stay in id order. Codes
        # of up to 16 bits sort by radix, ten times faster than a merge sort of int64.
        small = codes.astype(np.int16) if len(keys) <= np.iinfo(np.int16).max else codes
        self._members = owner[np.argsort(small, kind="stable")]
        counts = np.bincount(codes, minlength=len(keys))
        self._member_ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._found: dict[str, tuple[str, ...]] = {}

    @classmethod
    def of_column(
        cls, column: Mapping[str, Any], keys: Iterable[str], *, many: bool = False
    ) -> Groups:
        """Group the persons of a column ``{person id: key or None}``.

        With ``many``, each value is a tuple of keys (a person's fields). Every key a value
        names must be among ``keys``. O(n log n) for the sort of the ids (O(n) when the
        column is in id order already, as a store's is), the rest vectorised.

        Examples
        --------
        >>> fields = Groups.of_column({"a": ("tax", "law"), "b": ()}, ["law", "tax"], many=True)
        >>> fields.get("law"), fields.codes.tolist()
        (('a',), [1, 0])
        """
        import numpy as np

        ids = list(column)
        values = list(column.values())
        ordered = sorted(ids)
        if ordered != ids:
            values = [column[pid] for pid in ordered]
        sorted_keys = sorted(keys)
        index: dict[str | None, int] = {key: i for i, key in enumerate(sorted_keys)}
        if many:
            lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
            flat = list(itertools.chain.from_iterable(values))
            codes = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
        else:
            index[None] = -1
            code = np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
            lengths = (code >= 0).astype(np.int64)
            codes = code[code >= 0]
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return cls(ordered, sorted_keys, indptr, codes)

    def get(self, key: str, default: _D | tuple[()] = ()) -> tuple[str, ...] | _D:
        """Return the ids of the persons with this key, sorted; ``default`` for an unknown key.

        A known key without persons gives ``()``.
        """
        found = self._found.get(key)
        if found is not None:
            return found
        i = self.key_index.get(key)
        if i is None:
            return default
        start, end = int(self._member_ptr[i]), int(self._member_ptr[i + 1])
        ids = self.ids
        found = tuple([ids[j] for j in self._members[start:end].tolist()])
        self._found[key] = found
        return found

    def members(self, key: str) -> npt.NDArray[np.int64]:
        """Return the positions in :attr:`ids` of the persons with this key, ascending.

        Examples
        --------
        >>> Groups.of_column({"a": "x", "b": None, "c": "x"}, ["x"]).members("x").tolist()
        [0, 2]
        """
        i = self.key_index[key]
        return self._members[int(self._member_ptr[i]) : int(self._member_ptr[i + 1])]

    def first(self) -> npt.NDArray[np.int64]:
        """Return each person's first key as its code, ``-1`` for none (one per id).

        Examples
        --------
        >>> Groups.of_column({"a": "x", "b": None}, ["x"]).first().tolist()
        [0, -1]
        """
        import numpy as np

        first = np.full(len(self.ids), -1, dtype=np.int64)
        has = np.diff(self.indptr) > 0
        first[has] = self.codes[self.indptr[:-1][has]]
        return first
