"""The tie arrays built without a Python object per tie: the CSR build and the store's read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_graph.compact import compact_from_positions
from infoview_graph.store import Store, actions, open_store
from infoview_graph.store._ties import read_tie_positions
from infoview_graph.ties import TieTable


def _reference(n: int, a: list[int], b: list[int], s: list[int]) -> tuple[list[int], ...]:
    """The CSR arrays by the plain definition: both directions, sorted by (row, column)."""
    entries = sorted([(x, y, w) for x, y, w in zip(a, b, s, strict=True)]
                     + [(y, x, w) for x, y, w in zip(a, b, s, strict=True)])  # fmt: skip
    indptr = [0] * (n + 1)
    for row, _, _ in entries:
        indptr[row + 1] += 1
    for i in range(n):
        indptr[i + 1] += indptr[i]
    return indptr, [e[1] for e in entries], [e[2] for e in entries]


@st.composite
def _ties(draw: st.DrawFn) -> tuple[int, list[int], list[int], list[int]]:
    n = draw(st.integers(1, 40))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          unique_by=lambda p: (min(p), max(p)), max_size=120))  # fmt: skip
    strengths = draw(st.lists(st.integers(0, 5), min_size=len(pairs), max_size=len(pairs)))
    return n, [p[0] for p in pairs], [p[1] for p in pairs], strengths


@given(_ties())
@settings(max_examples=150, deadline=None)
def test_the_csr_build_gives_every_tie_both_ways_in_order(
    ties: tuple[int, list[int], list[int], list[int]],
) -> None:
    n, a, b, s = ties
    ids = [f"p{i:03d}" for i in range(n)]
    view = compact_from_positions(ids, np.array(a, dtype=np.int64), np.array(b, dtype=np.int64),
                                  np.array(s, dtype=np.int16))  # fmt: skip
    got = (view.indptr.tolist(), view.indices.tolist(), view.strength.tolist())
    assert got == _reference(n, a, b, s)
    assert view.indices.dtype == np.int32
    assert view.strength.dtype == np.int8


def test_the_csr_build_refuses_a_strength_it_cannot_hold() -> None:
    with pytest.raises(ValueError, match="between 0 and 7"):
        compact_from_positions(["a", "b"], np.array([0]), np.array([1]), np.array([8]))


def _ties_db(ids: list[str], rows: list[tuple[str, str, int]]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE ties (a TEXT, b TEXT, strength INTEGER, PRIMARY KEY (a, b))"
                " WITHOUT ROWID")  # fmt: skip
    con.executemany("INSERT INTO ties VALUES (?, ?, ?)", rows)
    return con


def _rows_of(ids: list[str], found: tuple[np.ndarray, ...]) -> list[tuple[str, str, int]]:
    a, b, s = (part.tolist() for part in found)
    return sorted((ids[x], ids[y], w) for x, y, w in zip(a, b, s, strict=True))


ID_SETS = {
    "short ids (their bytes are the keys)": [f"p{i}" for i in range(300)],
    "long ids (hashed keys)": [f"person-with-a-long-name-{i}" for i in range(300)],
    "ids sharing their first eight bytes": [f"abcdefgh{i:x}" for i in range(300)],
    "non-ASCII ids": [f"zoë-{i}" for i in range(150)] + [f"ann-{i}" for i in range(150)],
}


@pytest.mark.parametrize("kind", list(ID_SETS))
def test_the_store_read_finds_every_tie(kind: str) -> None:
    ids = sorted(ID_SETS[kind])
    rng = np.random.default_rng(7)
    pairs = {tuple(sorted(rng.choice(len(ids), 2, replace=False).tolist())) for _ in range(2000)}
    rows = sorted((ids[i], ids[j], int(rng.integers(0, 6))) for i, j in pairs)
    con = _ties_db(ids, rows)
    try:
        found = read_tie_positions(con, ids)
    finally:
        con.close()
    assert found is not None
    assert _rows_of(ids, found) == rows


def test_ids_with_a_space_are_left_to_the_rows() -> None:
    ids = ["ann lee", "bo"]
    con = _ties_db(ids, [("ann lee", "bo", 2)])
    try:
        assert read_tie_positions(con, ids) is None
    finally:
        con.close()


def test_a_tie_to_an_unknown_id_is_left_to_the_rows() -> None:
    ids = ["ann", "bo", "cy"]
    con = _ties_db(ids, [("ann", "bo", 2), ("bo", "zed", 1)])  # as with foreign keys off
    try:
        assert read_tie_positions(con, ids) is None
    finally:
        con.close()


def test_a_store_rebuilds_the_same_tie_table_after_a_change(tmp_path: Path) -> None:
    path = tmp_path / "referrals.db"
    actions.create_store(path, "Steven Olson")
    with open_store(path) as store:
        for name in ("Ann Lee", "Brad Johnson", "Cy Twombly", "Dee"):
            actions.add_contact(store, name, how="friend")
        store.load_network()  # writes the cache
        actions.know(store, "Ann Lee", "Dee", strength=4)
        actions.know(store, "Brad Johnson", "Cy Twombly", strength=0)
        rebuilt = store.load_network().compact()
        rows = store._con.execute("SELECT a, b, strength FROM ties").fetchall()
        expected = TieTable.from_rows(rebuilt.ids, rows).csr()
        for name in ("indptr", "indices", "strength"):
            assert getattr(rebuilt, name).tolist() == getattr(expected, name).tolist()
        assert store.load_network().strengths("ann-lee")["dee"] == 4


def test_only_the_cached_values_are_read_mapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached columns and tie arrays are read with the file mapped; a rebuild's scan of
    the ties is not (every page it touched would count in the command's memory)."""
    path = tmp_path / "referrals.db"
    actions.create_store(path, "Steven Olson")
    # The tie arrays are read as blobs, which SQLite's trace does not show: note the
    # mapping in force at each such read.
    blobs: list[tuple[str, int]] = []
    read_blob = Store._blob

    def noting(store: Store, table: str, column: str) -> bytes:
        blobs.append((column, store._con.execute("PRAGMA mmap_size").fetchone()[0]))
        return read_blob(store, table, column)

    monkeypatch.setattr(Store, "_blob", noting)
    with open_store(path) as store:
        actions.add_contact(store, "Ann Lee", how="friend")
        actions.add_contact(store, "Dee", how="friend")
        store.load_network()  # writes both caches
        actions.know(store, "Ann Lee", "Dee", strength=4)
        statements: list[str] = []
        store._con.set_trace_callback(statements.append)
        store.load_network()  # the person cache is current, the ties are read again
        assert blobs == []  # the stale tie arrays stay unread
        store.load_network()  # both caches are current
        store._con.set_trace_callback(None)
        mapping = [i for i, sql in enumerate(statements) if sql.startswith("PRAGMA mmap_size")]
        scans = [i for i, sql in enumerate(statements) if "group_concat" in sql]
        cached = [i for i, sql in enumerate(statements) if sql.startswith("SELECT columns")]
        assert scans
        assert cached
        for at in scans:  # the last mapping statement before each scan unmapped the file
            assert statements[max(i for i in mapping if i < at)] == "PRAGMA mmap_size = 0"
        for at in cached:
            assert statements[max(i for i in mapping if i < at)] != "PRAGMA mmap_size = 0"
        assert [column for column, _ in blobs] == ["indptr", "indices", "strength"]
        assert all(size > 0 for _, size in blobs)
        assert store._con.execute("PRAGMA mmap_size").fetchone() == (0,)


def test_tie_arrays_that_are_not_blobs_are_read_from_the_ties(tmp_path: Path) -> None:
    """A tie cache whose arrays are not blobs (a store edited by hand) is not this
    version's: the ties are read from their rows, and the cache written again."""
    path = tmp_path / "referrals.db"
    actions.create_store(path, "Steven Olson")
    with open_store(path) as store:
        actions.add_contact(store, "Ann Lee", how="friend")
        actions.add_contact(store, "Dee", how="friend")
        actions.know(store, "Ann Lee", "Dee", strength=4)
        expected = store.load_network().compact()  # writes the cache
        with store.write():
            store._con.execute("UPDATE graph_cache SET indices = 7")
        again = store.load_network().compact()
        assert store._con.execute("SELECT typeof(indices) FROM graph_cache").fetchone() == ("blob",)
    assert again.ids == expected.ids
    for name in ("indptr", "indices", "strength"):
        assert getattr(again, name).tolist() == getattr(expected, name).tolist()
