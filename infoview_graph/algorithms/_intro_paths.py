"""The paths of :func:`~infoview_graph.algorithms._introducers.introducers`, as graphs.

The hops a path may take (:func:`allowed_hops`), the cheapest chain to each person within
reach (:func:`best_chains`), the k cheapest chains into a target (:func:`k_best_chains`,
Yen's algorithm on the persons by hop count) and the people every path passes through
(:func:`cut_points`). A hop's ``cost`` is minus the log of its chance (:mod:`._warmth`), so
the cheapest chain is the likeliest to get an answer.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from infoview_graph.algorithms._warmth import TIE_REPLY, direct_hops, warmth_paths

if TYPE_CHECKING:
    from collections.abc import Collection

    import networkx as nx
    import numpy as np
    import numpy.typing as npt

    from infoview_graph.algorithms._warmth import HopModel
    from infoview_graph.network import ReferralNetwork

__all__ = ["allowed_hops", "best_chains", "cut_points", "k_best_chains"]

_Layered = tuple[str, int]
"""A person at a hop count, the nodes of the layered graph Yen's algorithm runs on."""
_SINK: _Layered = ("", -1)  # ids are never empty: no person collides with it


def allowed_hops(
    network: ReferralNetwork,
    model: HopModel,
    blocked: Collection[str],
    insiders: Collection[str],
    *,
    max_hops: int,
) -> nx.DiGraph[str]:
    """Return the hops a path may take, among the persons within ``max_hops`` of me.

    The warmth search (numpy) finds those persons; of the hops between them (those of
    :func:`~._warmth.hop_graph`), the graph keeps none into or out of the blocked, none into
    someone I know but my own, none out of an insider and none back to me. The ties are
    filtered on the tie table's arrays first, so the graph holds only the hops kept:
    O(m) numpy work, then O(kept hops) to build it.
    """
    import networkx as nx
    import numpy as np

    me = model.me
    warmth = warmth_paths(network, model, max_hops=max_hops)
    view = warmth.view
    n = len(view.ids)

    def mask(ids: Collection[str]) -> npt.NDArray[np.bool_]:
        found = np.zeros(n, dtype=bool)
        found[[view.index[p] for p in ids if p in view.index]] = True
        return found

    source = view.index[me]
    open_ = np.isfinite(warmth.cost) & ~mask(blocked)
    known = mask([p for p, s in network.strengths(me).items() if s >= 1])
    silent = mask(insiders)
    # Row u of the CSR lists the hops u → v (the table is symmetric).
    u = np.repeat(np.arange(n), np.diff(view.indptr))
    v = view.indices.astype(np.int64)
    keep = open_[u] & open_[v] & ~silent[u] & (v != source) & (~known[v] | (u == source))
    graph: nx.DiGraph[str] = nx.DiGraph(my_ties=dict(network.strengths(me)))
    ids = view.ids
    graph.add_nodes_from(ids[i] for i in np.flatnonzero(open_).tolist())
    tie_cost = [-math.log(p) for p in TIE_REPLY]
    graph.add_edges_from(
        (ids[a], ids[b], {"cost": tie_cost[s] + model.introducer_cost(ids[a])})
        for a, b, s in zip(
            u[keep].tolist(), v[keep].tolist(), view.strength[keep].tolist(), strict=True
        )
    )
    if open_[source] and not silent[source]:
        for person, chance in direct_hops(model).items():
            if person == me or not open_[view.index[person]]:
                continue
            cost = -math.log(chance)
            if not graph.has_edge(me, person) or graph[me][person]["cost"] > cost:
                graph.add_edge(me, person, cost=cost)
    return graph


def best_chains(
    graph: nx.DiGraph[str], me: str, *, max_hops: int
) -> dict[str, tuple[float, tuple[str, ...]]]:
    """Return the cheapest chain of at most ``max_hops`` hops from me to each person.

    Each round relaxes the hops out of the persons the previous round improved, from the
    costs that round left (a cheaper chain found in this round has one hop too many to
    extend now): a hop-limited Bellman–Ford. Equal costs go to the smaller chain, so the
    result is deterministic.
    """
    best: dict[str, tuple[float, tuple[str, ...]]] = {me: (0.0, (me,))}
    frontier = [me]
    for _ in range(max_hops):
        offers: dict[str, tuple[float, tuple[str, ...]]] = {}
        for u in frontier:
            cost, chain = best[u]
            for v, attrs in graph.adj[u].items():
                offer = (cost + attrs["cost"], (*chain, v))
                if v not in chain and offer < offers.get(v, (math.inf, ())):
                    offers[v] = offer
        improved = {v: o for v, o in offers.items() if o < best.get(v, (math.inf, ()))}
        best.update(improved)
        frontier = sorted(improved)
    del best[me]
    return best


def k_best_chains(
    graph: nx.DiGraph[str],
    me: str,
    insiders: Collection[str],
    *,
    k: int,
    max_hops: int,
    backend: str | None,
) -> list[tuple[str, ...]]:
    """Return the k cheapest chains from me to an insider, of at most ``max_hops`` hops.

    Yen's algorithm runs on the persons by hop count — a node ``(v, h)`` for ``v`` reached
    in ``h`` hops — with a sink behind every insider, so no chain it finds is too long and
    each chain is found once.
    """
    import networkx as nx

    layered: nx.DiGraph[_Layered] = nx.DiGraph()
    frontier = {me}
    for hop in range(max_hops):
        following: set[str] = set()
        for u in sorted(frontier):
            for v, attrs in graph.adj[u].items():
                layered.add_edge((u, hop), (v, hop + 1), cost=attrs["cost"])
                if v in insiders:
                    layered.add_edge((v, hop + 1), _SINK, cost=0.0)
                following.add(v)
        frontier = following
    dispatch = {"backend": backend} if backend is not None else {}
    chains: list[tuple[str, ...]] = []
    for raw in nx.shortest_simple_paths(layered, (me, 0), _SINK, weight="cost", **dispatch):
        chain = tuple(v for v, _ in raw[:-1])
        if len(set(chain)) == len(chain):  # a walk that loops (4 hops or more) is no path
            chains.append(chain)
        if len(chains) == k:
            break
    return chains


def cut_points(
    graph: nx.DiGraph[str],
    me: str,
    insiders: Collection[str],
    chain: tuple[str, ...],
    max_hops: int,
) -> tuple[str, ...]:
    """Return the people in the middle of ``chain`` without whom no insider is in reach."""
    return tuple(c for c in chain[1:-1] if not _reaches(graph, me, insiders, max_hops, c))


def _reaches(
    graph: nx.DiGraph[str], me: str, insiders: Collection[str], max_hops: int, without: str
) -> bool:
    """Whether some insider is within ``max_hops`` hops of me, avoiding one person (BFS)."""
    seen = {me, without}
    frontier = [me]
    for _ in range(max_hops):
        following = []
        for u in frontier:
            for v in graph.adj[u]:
                if v in insiders:
                    return True
                if v not in seen:
                    seen.add(v)
                    following.append(v)
        frontier = following
    return False
