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

    from infoview_graph.people import Coded

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

    @classmethod
    def of_codes(cls, ids: list[str], keys: Iterable[str], coded: Coded, *, fields: bool) -> Groups:
        """Group the persons ``ids`` (sorted by id) of coded columns, as a store keeps them.

        By organization, or with ``fields`` by field. Each distinct organization or field
        set is mapped to the ``keys`` once; every key a code names must be among them.
        O(n) vectorised, plus O(k) for k distinct values; the same groups as
        :meth:`of_column` of the columns the codes stand for.

        Examples
        --------
        >>> import numpy as np
        >>> from infoview_graph.people import Coded
        >>> coded = Coded(["z", "x"], np.array([1, -1, 0]), [(), ("x", "z")], np.array([1, 0, 0]))
        >>> Groups.of_codes(["a", "b", "c"], ["x", "z"], coded, fields=False).get("x")
        ('a',)
        >>> Groups.of_codes(["a", "b", "c"], ["x", "z"], coded, fields=True).codes.tolist()
        [0, 1]
        """
        import numpy as np

        sorted_keys = sorted(keys)
        index = {key: i for i, key in enumerate(sorted_keys)}
        if fields:
            sets = [
                np.array([index[key] for key in found], dtype=np.int64)
                for found in coded.field_sets
            ]
            sizes = np.array([len(found) for found in sets], dtype=np.int64)
            starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
            flat = np.concatenate([np.zeros(0, dtype=np.int64), *sets])
            lengths = sizes[coded.field_set]
            indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
            # Entry j of person i is the (j - indptr[i])-th key of their set.
            offset = np.arange(int(indptr[-1]), dtype=np.int64) - np.repeat(indptr[:-1], lengths)
            codes = flat[np.repeat(starts[coded.field_set], lengths) + offset]
        else:
            remap = np.array([*(index[key] for key in coded.organizations), -1], dtype=np.int64)
            code = remap[coded.organization]  # -1 (none) takes remap's last entry, -1
            lengths = (code >= 0).astype(np.int64)
            codes = code[code >= 0]
            indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return cls(ids, sorted_keys, indptr, codes)

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
