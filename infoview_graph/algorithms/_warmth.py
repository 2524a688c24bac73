"""Warmth: how likely a request reaches a person and gets a reply, and along which path.

The network is read as a directed graph of *hops*. A tie of strength ``s`` between ``u``
and ``v`` is a hop both ways that succeeds with probability ``TIE_REPLY[s]``; when ``u`` is
an introducer (not me), the hop is also discounted by ``u``'s responsiveness and, when ``u``
was asked too often lately, by ``SPARE``. A referral given to me (``R`` suggested I speak
with ``X``) is a hop from me straight to ``X`` that succeeds with ``NAMED`` when I may use
``R``'s name and ``UNNAMED`` otherwise; the path shows ``R`` between me and ``X``.

The warmth of a path is the product of its hop probabilities — dominated by its weakest
link — and the best path maximises it, that is minimises the sum of ``-log p``. Paths have
at most ``max_hops`` hops: a longer introduction chain is a cold call in disguise.

:func:`warmth_paths` runs the search with numpy on a compact CSR view of the ties (a
hop-limited Bellman–Ford: one vectorised relaxation per hop from the nodes the last hop
improved), :func:`warmth_paths_reference` with plain Python over a ``networkx.DiGraph``; the
tests check that both give the same costs and paths. Ties between equal costs go to the
smaller predecessor id, so results are deterministic.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from infoview_graph.algorithms._responsiveness import responsiveness
from infoview_graph.lifecycle import LifecycleSettings, lifecycle
from infoview_graph.timing import Responsiveness, Thresholds, shift_days

if TYPE_CHECKING:
    import networkx as nx
    import numpy.typing as npt

    from infoview_graph.compact import Compact
    from infoview_graph.models import PersonId, Referral
    from infoview_graph.network import ReferralNetwork

TIE_REPLY = (0.10, 0.30, 0.50, 0.65, 0.80, 0.90)
"""Chance that a request along a tie of strength 0…5 gets an answer."""
TIE_COST = -np.log(np.asarray(TIE_REPLY))
"""The cost (``-log`` chance) of a hop along a tie of strength 0…5."""
NAMED = 0.85
"""Chance of a reply to an outreach that names a referrer with permission."""
UNNAMED = 0.60
"""Chance of a reply to an outreach after a referral I may not cite by name."""
INTRODUCER = {"booster": 1.0, "unknown": 0.85, "obligate": 0.70, "curmudgeon": 0.40}
"""How an introducer's responsiveness scales the hops they would have to make."""
REPLIED = 0.85
"""Chance of an answer from someone who already replied to me."""
WRITTEN = 0.30
"""Chance of an answer from someone I wrote to who has not replied yet."""
AFTER_INTERVIEW = (0.70, 0.30, 0.50, 0.70, 0.85, 0.90)
"""Chance of an answer from someone I interviewed, by friendliness 1…5 (index 0: unrated)."""
SPARE = 0.25
"""Factor on hops through an introducer asked ``max_asks`` times in the ask window."""
ASK_WINDOW_DAYS = 30
"""Days over which the asks an introducer got are counted."""
MAX_ASKS = 3
"""Asks within the window after which an introducer is spared (Dalton: three in a month)."""
_EPS = 1e-12


@dataclass(frozen=True)
class Reach:
    """The best path from me to one person."""

    cost: float
    chain: tuple[PersonId, ...]
    """The persons the request passes: me, the introducers, them."""
    path: tuple[PersonId, ...]
    """The chain for display: a first hop by referral shows the referrer in between."""
    referral: Referral | None
    """The referral the path starts with, if it does."""
    hops: tuple[float, ...]
    """The success probability of each hop."""

    @property
    def warmth(self) -> float:
        """The product of the hop probabilities."""
        return math.exp(-self.cost)


@dataclass(frozen=True)
class HopModel:
    """Everything the search needs besides the ties: who is me, node costs, referral hops."""

    me: PersonId
    node_cost: Mapping[PersonId, float]
    """Extra cost of hops leaving an introducer (responsiveness, ask-load), where it differs
    from ``default_node_cost``."""
    default_node_cost: float
    """The extra cost for an introducer of unknown responsiveness, never over-asked."""
    blocked: frozenset[PersonId]
    """Persons a path may not pass through or end at (do not contact, declined)."""
    referral_hops: Mapping[PersonId, Referral]
    """The best referral to each referee."""
    contact_hops: Mapping[PersonId, float]
    """Persons I have met or written to: a direct hop (see ``AFTER_INTERVIEW``, ``REPLIED``,
    ``WRITTEN``)."""
    classes: Mapping[PersonId, Responsiveness]
    asks: Mapping[PersonId, int]

    def introducer_cost(self, person_id: PersonId) -> float:
        """Return the extra cost of a hop leaving this person (0 for me)."""
        if person_id == self.me:
            return 0.0
        return self.node_cost.get(person_id, self.default_node_cost)


def hop_model(
    network: ReferralNetwork,
    *,
    today: dt.date,
    thresholds: Thresholds | None = None,
    ask_window_days: int = ASK_WINDOW_DAYS,
    max_asks: int = MAX_ASKS,
) -> HopModel:
    """Collect the per-person inputs of the search from the network's events.

    O(p + a + r) for the p persons with events, a contact attempts and r referrals.
    """
    thresholds = thresholds or Thresholds()
    me = network.me.id
    concerned = {o.person for o in network.outreach()} | {i.person for i in network.interviews()}
    classes = {
        pid: responsiveness(network, pid, today=today, thresholds=thresholds)
        for pid in sorted(concerned)
    }
    since = shift_days(today, -ask_window_days)  # --today 0001-01-01 must not crash
    asks: dict[PersonId, int] = {}
    for attempt in network.outreach():
        if attempt.via is not None and since <= attempt.on <= today:
            asks[attempt.via] = asks.get(attempt.via, 0) + 1
    node_cost: dict[PersonId, float] = {}
    for pid in sorted(set(classes) | set(asks)):
        factor = INTRODUCER[classes.get(pid, "unknown")]
        if asks.get(pid, 0) >= max_asks:
            factor *= SPARE
        node_cost[pid] = -math.log(factor)
    life = lifecycle(network, today=today, settings=LifecycleSettings(thresholds=thresholds))
    blocked = frozenset(life.in_stage("declined", "do-not-contact"))
    best: dict[PersonId, Referral] = {}
    for referral in network.referrals():
        if me in (referral.referee, referral.referrer) or referral.referrer in blocked:
            continue
        held = best.get(referral.referee)
        if held is None or _referral_rank(referral) < _referral_rank(held):
            best[referral.referee] = referral
    contacted: dict[PersonId, float] = {}
    for interview in network.interviews():
        if interview.person not in blocked:
            chance = AFTER_INTERVIEW[interview.friendliness or 0]
            contacted[interview.person] = max(chance, contacted.get(interview.person, 0.0))
    for attempt in network.outreach():
        if attempt.declined or attempt.person in blocked:
            continue
        chance = REPLIED if attempt.replied_on is not None else WRITTEN
        contacted[attempt.person] = max(chance, contacted.get(attempt.person, 0.0))
    default = -math.log(INTRODUCER["unknown"])
    return HopModel(me, node_cost, default, blocked, best, contacted, classes, asks)


def _referral_rank(referral: Referral) -> tuple[int, int, str]:
    # Permission to use the name first, then the newest, then the referrer's id.
    return (0 if referral.may_use_name else 1, -referral.on.toordinal(), referral.referrer)


def referral_probability(referral: Referral) -> float:
    """Return the chance of a reply after this referral (named or not)."""
    return NAMED if referral.may_use_name else UNNAMED


def direct_hops(model: HopModel) -> dict[PersonId, float]:
    """Return the hops from me that are not ties: referrals and people I wrote to."""
    hops = dict(model.contact_hops)
    for referee, referral in model.referral_hops.items():
        hops[referee] = max(hops.get(referee, 0.0), referral_probability(referral))
    return hops


# --- the search ------------------------------------------------------------------------------


def warmth_paths(network: ReferralNetwork, model: HopModel, *, max_hops: int) -> Warmth:
    """Best paths from me to everyone within ``max_hops`` hops, on the compact view.

    Each hop takes, for every person, the cheapest way in from a neighbour's cost after
    the previous hop, ``min_u D[u] + cost(u → v)``. Only the people whose cost changed in
    the previous hop can offer anything new (every other offer was weighed a hop before),
    so a hop "pushes" from them alone (``numpy.minimum.at`` over their CSR rows) — a career
    office's search touches the ties near me, not all of them — and "pulls" over every
    row (``numpy.minimum.reduceat``) once they hold most of the ties. Costs O(max_hops · m)
    numpy work at worst for m tie entries; paths are rebuilt on request from the per-hop
    cost arrays, O(max_hops · degree) each.
    """
    view = network.compact()
    n = len(view.ids)
    source = view.index[model.me]
    node_cost = np.full(n, model.default_node_cost)
    for pid, cost in model.node_cost.items():
        node_cost[view.index[pid]] = cost
    node_cost[source] = 0.0
    blocked = np.zeros(n, dtype=bool)
    for pid in model.blocked:
        blocked[view.index[pid]] = True
    direct = direct_hops(model)
    direct_v = np.asarray([view.index[p] for p in sorted(direct)], dtype=np.int64)
    direct_c = np.asarray([-math.log(direct[p]) for p in sorted(direct)])
    hops = _Hops(view, node_cost)

    dist = np.full(n, np.inf)
    dist[source] = 0.0
    layers = [dist]
    changed = np.asarray([source], dtype=np.int64)
    for hop in range(1, max_hops + 1):
        previous = layers[-1]
        best = hops.offers(np.where(blocked, np.inf, previous), changed[~blocked[changed]])
        if hop == 1 and len(direct_v):
            np.minimum.at(best, direct_v, direct_c)
        # Take an offer only if it is better by more than rounding noise, as the reference.
        current = np.where(best < previous - _EPS, best, previous)
        changed = np.flatnonzero(current != previous)
        if not len(changed):
            break
        layers.append(current)
    known, own = own_hops(view, source, direct)
    final = layers[-1].copy()
    final[known] = own
    ids = view.ids
    return Warmth(
        network,
        model,
        view,
        final,
        layers,
        source,
        node_cost,
        blocked,
        direct,
        frozenset([ids[i] for i in known.tolist()]),
    )


_PULL_SHARE = 0.5
"""A hop pulls over every row once its senders hold this share of the tie entries."""


class _Hops:
    """The cost of every hop ``u → v`` over the ties: ``TIE_COST[strength] + node_cost[u]``."""

    def __init__(self, view: Compact, node_cost: npt.NDArray[np.float64]) -> None:
        self.view, self.node_cost = view, node_cost
        self.rows = np.flatnonzero(np.diff(view.indptr) > 0)
        self._pull: npt.NDArray[np.float64] | None = None

    def offers(
        self, start: npt.NDArray[np.float64], senders: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Return each person's cheapest offer ``min_u start[u] + cost(u → v)``.

        Over the ties of ``senders`` only: every other ``u`` must offer nothing better
        than before. The same sums either way, so the same minima to the last bit.
        """
        view = self.view
        best = np.full(len(view.ids), np.inf)
        counts = view.indptr[senders + 1] - view.indptr[senders]
        if int(counts.sum()) >= _PULL_SHARE * len(view.indices):
            if self._pull is None:
                # pull[e] for the entry e = (v, u) of row v: the hop u → v.
                self._pull = TIE_COST[view.strength] + self.node_cost[view.indices]
            if len(self.rows):
                offers = start[view.indices] + self._pull
                best[self.rows] = np.minimum.reduceat(offers, view.indptr[self.rows])
            return best
        entries = _entries(view.indptr, senders, counts)
        # start[u] + (TIE_COST[strength] + node_cost[u]) per entry, summed in that order
        # (the pull's sums, to the last bit), in place: a career office's third hop pushes
        # six million entries, and every temporary array of them costs its own pass.
        offers = TIE_COST[view.strength[entries]]
        offers += np.repeat(self.node_cost[senders], counts)
        offers += np.repeat(start[senders], counts)
        np.minimum.at(best, view.indices[entries], offers)
        return best


def _entries(
    indptr: npt.NDArray[np.int64], rows: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Return the entry positions of the given CSR rows, concatenated."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    found: npt.NDArray[np.int64] = np.repeat(indptr[rows] - (np.cumsum(counts) - counts), counts)
    found += np.arange(total, dtype=np.int64)
    return found


def own_hops(
    view: Compact, source: int, direct: Mapping[PersonId, float]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Return each person I know (tie strength 1 or more) and the cost of my own hop there.

    A person I know is contacted directly, never introduced (the contact lifecycle): whatever an
    introducer's path would promise, their path is my own hop — my tie, or a referral or
    an earlier message to them when that is warmer. Read from my row of the CSR view,
    ``source``: positions in ``view.ids`` and their costs, O(my ties) numpy work.

    Examples
    --------
    >>> from infoview_graph.compact import compact_from_rows
    >>> view = compact_from_rows(["a", "b", "me"], [("me", "a", 0), ("me", "b", 2)])
    >>> known, cost = own_hops(view, view.index["me"], {"b": 0.85})
    >>> [view.ids[i] for i in known], cost.round(3).tolist()
    (['b'], [0.163])
    """
    start, end = int(view.indptr[source]), int(view.indptr[source + 1])
    strength = view.strength[start:end].astype(np.int64)
    mine = strength >= 1
    known = view.indices[start:end][mine].astype(np.int64)
    strength = strength[mine]
    # Python floats: the same costs as -math.log of each hop's chance, one at a time.
    own = np.asarray([-math.log(chance) for chance in TIE_REPLY])[strength]
    if direct and len(known):  # the people I wrote to or was referred to, if I know them
        index = view.index
        where = np.fromiter((index[pid] for pid in direct), dtype=np.int64, count=len(direct))
        at = np.minimum(np.searchsorted(known, where), len(known) - 1)  # a CSR row is sorted
        mine = known[at] == where
        chances = list(direct.values())
        for i, j in zip(np.flatnonzero(mine).tolist(), at[mine].tolist(), strict=True):
            own[j] = -math.log(max(TIE_REPLY[int(strength[j])], chances[i]))
    return known, own


@dataclass(frozen=True)
class Warmth:
    """The result of :func:`warmth_paths`: every cost at once, paths on request."""

    network: ReferralNetwork
    model: HopModel
    view: Compact
    cost: npt.NDArray[np.float64]
    """Cost (``-log`` warmth) per person in ``view.ids`` order; ``inf`` if out of reach."""
    layers: list[npt.NDArray[np.float64]]
    """The costs after 0, 1, … hops."""
    source: int
    node_cost: npt.NDArray[np.float64]
    """The extra cost of a hop leaving each person (see :meth:`HopModel.introducer_cost`)."""
    blocked: npt.NDArray[np.bool_]
    direct: dict[PersonId, float]
    known: frozenset[PersonId]
    """The people I know myself: their path is my own hop (see :func:`own_hops`)."""

    def _predecessor(self, v: int, hop: int) -> int:
        """Return the cheapest way into v at ``hop`` (ties to the smallest index)."""
        start, end = self.view.indptr[v], self.view.indptr[v + 1]
        neighbours = self.view.indices[start:end]
        previous = self.layers[hop - 1]
        hop_cost = TIE_COST[self.view.strength[start:end]] + self.node_cost[neighbours]
        offers = previous[neighbours] + hop_cost
        offers[self.blocked[neighbours]] = math.inf
        target = self.layers[hop][v]
        options = [int(u) for u, offer in zip(neighbours, offers, strict=True) if offer == target]
        if hop == 1 and self.view.ids[v] in self.direct:
            options.append(self.source)
        return min(options)

    def _first_layer(self, v: int, up_to: int) -> int:
        value = self.layers[up_to][v]
        hop = up_to
        while hop > 0 and self.layers[hop - 1][v] == value:
            hop -= 1
        return hop

    def reach(self, person_id: PersonId) -> Reach | None:
        """Return the best path to one person, or None if out of reach.

        O(max_hops · degree).
        """
        v = self.view.index[person_id]
        if not math.isfinite(self.cost[v]) or v == self.source:
            return None
        if person_id in self.known:
            return describe_chain(
                self.network, self.model, [self.model.me, person_id], float(self.cost[v])
            )
        chain = [v]
        hop = self._first_layer(v, len(self.layers) - 1)
        at = v
        while at != self.source:
            at = self._predecessor(at, hop)
            chain.append(at)
            hop = self._first_layer(at, hop - 1)
        ids = [self.view.ids[i] for i in reversed(chain)]
        return describe_chain(self.network, self.model, ids, float(self.cost[v]))

    def reached(self) -> dict[PersonId, Reach]:
        """Return the best path to everyone in reach.

        O(k) Python per person reached: for tests and small networks.
        """
        found = {}
        for v in (int(i) for i in np.flatnonzero(np.isfinite(self.cost))):
            reach = self.reach(self.view.ids[v])
            if reach is not None:
                found[self.view.ids[v]] = reach
        return found


def describe_chain(
    network: ReferralNetwork, model: HopModel, chain: list[PersonId], cost: float
) -> Reach:
    """Describe a chain of persons from me: display path, referral used, hop chances."""
    me = model.me
    hops: list[float] = []
    referral = None
    for u, v in itertools.pairwise(chain):
        strength = network.strengths(u).get(v)
        tie = TIE_REPLY[strength] if strength is not None else 0.0
        if u != me:
            tie *= math.exp(-model.introducer_cost(u))
        written = model.contact_hops.get(v, 0.0) if u == me else 0.0
        offered = model.referral_hops.get(v) if u == me else None
        named = referral_probability(offered) if offered is not None else 0.0
        if offered is not None and named > max(tie, written):
            referral = offered
        hops.append(max(tie, written, named))
    path = tuple(chain)
    if referral is not None:
        path = (me, referral.referrer, *chain[1:])
    return Reach(cost=cost, chain=tuple(chain), path=path, referral=referral, hops=tuple(hops))


def warmth_paths_reference(
    graph: nx.DiGraph[str], model: HopModel, *, max_hops: int
) -> dict[PersonId, tuple[float, tuple[PersonId, ...]]]:
    """Run the same search in plain Python over a ``networkx.DiGraph`` (for the tests).

    ``graph`` holds one edge per hop with its ``cost`` (see :func:`hop_graph`). Returns each
    reached person's cost and chain of persons (referrers not inserted).
    """
    best: dict[str, tuple[float, tuple[str, ...]]] = {model.me: (0.0, (model.me,))}
    frontier = [model.me]
    for _ in range(max_hops):
        candidates: dict[str, tuple[float, str]] = {}
        for u in frontier:
            if u in model.blocked:
                continue
            for v, attrs in graph.adj[u].items():
                offer = (best[u][0] + attrs["cost"], u)
                if v not in candidates or offer < candidates[v]:
                    candidates[v] = offer
        improved = {
            v: (cost, (*best[u][1], v))
            for v, (cost, u) in candidates.items()
            if cost < best.get(v, (math.inf,))[0] - _EPS
        }
        best.update(improved)
        frontier = sorted(improved)
    del best[model.me]
    own_costs = {p: attrs["cost"] for p, attrs in graph.adj[model.me].items()}
    for pid, strength in graph.graph.get("my_ties", {}).items():
        if strength >= 1:
            best[pid] = (own_costs[pid], (model.me, pid))
    return best


def hop_graph(
    network: ReferralNetwork, model: HopModel, persons: Collection[PersonId] | None = None
) -> nx.DiGraph[str]:
    """Return the hops as a ``networkx.DiGraph`` with a ``cost`` per edge.

    Every person and hop, or only ``persons`` and the hops between two of them; read from
    the network's tie table, O(sum of their degrees) to find the ties.
    """
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph(my_ties=dict(network.strengths(model.me)))
    chosen = None if persons is None else set(persons)
    graph.add_nodes_from(sorted(chosen) if chosen is not None else network.person_ids())
    tie_cost = [-math.log(p) for p in TIE_REPLY]
    cost_of = model.introducer_cost
    graph.add_edges_from(
        edge
        for tie in network.ties(chosen)
        for edge in (
            (tie.a, tie.b, {"cost": tie_cost[tie.strength] + cost_of(tie.a)}),
            (tie.b, tie.a, {"cost": tie_cost[tie.strength] + cost_of(tie.b)}),
        )
    )
    for person, chance in direct_hops(model).items():
        if chosen is not None and (person not in chosen or model.me not in chosen):
            continue
        cost = -math.log(chance)
        if not graph.has_edge(model.me, person) or graph[model.me][person]["cost"] > cost:
            graph.add_edge(model.me, person, cost=cost)
    return graph
