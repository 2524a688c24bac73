"""Whom to ask: "Do you know anyone who works for General Mills?".

:func:`introducers` answers for one organization or career field: the people I should ask,
ranked by the warmth of their best path into the target, the ``k`` best paths into it with
the weakest link of each, and the *single points of failure* — people every path passes
through. When nothing leads there, it says so and names whom to ask anyway: contacts in
related fields or at organizations in the target's fields, and my best-connected contacts.

Paths are the warmth paths of :mod:`._warmth` (the same hop chances as
:func:`~infoview_graph.algorithms.suggest.suggest_next_contacts`), searched on the
subgraph of people within ``max_hops`` hops of me.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> answer = introducers(net, "General Mills")
>>> answer.message
'Ask Brad Johnson first (99% chance of an answer).'
>>> [i.name for i in answer.introducers][:3]
['Brad Johnson', 'Marcus Bell', 'Jessica Tran']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from infoview_graph.algorithms._warmth import describe_chain, hop_graph, hop_model, warmth_paths
from infoview_graph.errors import AmbiguousNameError, NotFoundError
from infoview_graph.timing import Thresholds

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = ["IntroPath", "Introducer", "Introductions", "introducers", "resolve_target"]


class IntroPath(BaseModel):
    """One path from me into the target.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> best = introducers(net, "General Mills").paths[0]
    >>> best.path
    ('steven-olson', 'marcus-bell', 'elena-petrova')
    >>> best.weakest_link
    ('marcus-bell', 'elena-petrova', 0.85)
    """

    model_config = ConfigDict(frozen=True)

    path: tuple[str, ...]
    """Person ids from me to a person in the target."""
    warmth: float
    """The chance of an answer along it (product of the hops' chances)."""
    weakest_link: tuple[str, str, float]
    """The hop with the lowest chance: from, to, chance."""


class Introducer(BaseModel):
    """Someone to ask, with why.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> first = introducers(net, "General Mills").introducers[0]
    >>> first.name, round(first.warmth, 2)
    ('Brad Johnson', 1.0)
    """

    model_config = ConfigDict(frozen=True)

    person_id: str
    name: str
    warmth: float
    """The chance of an answer along their best path into the target (0 for fallbacks)."""
    reaches: tuple[str, ...]
    """The people in the target their paths lead to."""
    reason: str


class Introductions(BaseModel):
    """The answer to "whom do I ask about this organization or field?".

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> answer = introducers(net, "General Mills")
    >>> answer.target_kind, answer.target_name
    ('org', 'General Mills')
    >>> answer.single_points_of_failure
    ()
    """

    model_config = ConfigDict(frozen=True)

    target_kind: Literal["field", "org"]
    target_id: str
    target_name: str
    members: tuple[str, ...]
    """Everyone in the target (besides me)."""
    introducers: tuple[Introducer, ...]
    """Whom to ask, best first."""
    paths: tuple[IntroPath, ...]
    """The k best paths into the target."""
    single_points_of_failure: tuple[str, ...]
    """People every path into the target passes through (besides me)."""
    fallback: tuple[Introducer, ...]
    """Whom to ask anyway when no path exists."""
    message: str
    """The answer in one sentence."""


def resolve_target(network: ReferralNetwork, target: str) -> tuple[Literal["field", "org"], str]:
    """Find the organization or field named by an id or name (organizations first).

    Raises
    ------
    NotFoundError
        If nothing has that id or name.
    AmbiguousNameError
        If it names both a field and an organization.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> resolve_target(demo_network(), "general mills")
    ('org', 'general-mills')
    """
    found: list[tuple[Literal["field", "org"], str]] = []
    with contextlib.suppress(NotFoundError):
        found.append(("org", network.find_organization(target).id))
    with contextlib.suppress(NotFoundError):
        found.append(("field", network.find_field(target).id))
    if len(found) > 1:
        raise AmbiguousNameError(
            f"'{target}' is both an organization and a field; use an id",
            tuple(t for _, t in found),
        )
    if not found:
        raise NotFoundError(
            f"no organization or field has the id or name '{target}'; "
            "see 'referrals org list' and 'referrals field list'"
        )
    return found[0]


def introducers(
    network: ReferralNetwork,
    target: str,
    *,
    k: int = 3,
    today: dt.date | None = None,
    max_hops: int = 3,
    backend: str | None = None,
) -> Introductions:
    """Whom to ask about an organization or a field, with the best paths into it.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    target : str
        An organization or career field: id or name.
    k : int, default 3
        How many paths to return.
    today : datetime.date, optional
        The day for responsiveness (default: the network's ``as_of``, else today).
    max_hops : int, default 3
        Longest chain from me to someone in the target.
    backend : str, optional
        The NetworkX backend for the graph algorithms (``shortest_simple_paths``,
        ``immediate_dominators``), passed through to NetworkX's dispatch — e.g.
        ``"parallel"`` with nx-parallel installed, ``"cugraph"`` with nx-cugraph on a GPU.
        Default: NetworkX's own choice (``NETWORKX_BACKEND_PRIORITY``, else networkx).

    Returns
    -------
    Introductions
        Introducers best first (ties by id), the k best paths, single points of failure,
        and a fallback when there is no path.

    Notes
    -----
    One warmth search from me (as in ``suggest``), then Yen's k shortest simple paths
    (``networkx.shortest_simple_paths``) and the dominator tree
    (``networkx.immediate_dominators``) on the subgraph within reach: O(k·m' log n') for
    the n' persons and m' hops within ``max_hops`` of me.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> answer = introducers(demo_network(), "General Mills")
    >>> answer.introducers[0].name
    'Brad Johnson'
    """
    import networkx as nx

    kind, target_id = resolve_target(network, target)
    me = network.me.id
    day = today or network.as_of or dt.date.today()
    if kind == "org":
        name = network.organization(target_id).name
        members = tuple(p.id for p in network.members(target_id) if p.id != me)
    else:
        name = network.field(target_id).name
        members = tuple(p.id for p in network.in_field(target_id) if p.id != me)
    model = hop_model(network, today=day, thresholds=Thresholds(), ask_window_days=30, max_asks=3)
    warmth = warmth_paths(network, model, max_hops=max_hops)
    reached = [m for m in members if warmth.reach(m) is not None and m not in model.blocked]

    if not reached:
        fallback = _fallback(network, kind, target_id)
        message = (
            f"Nobody you know leads to {name} yet"
            + (f" ({len(members)} people there are out of reach)" if members else "")
            + ". Ask these people anyway:"
            if fallback
            else f"Nobody you know leads to {name} yet, and no contact is close to it."
        )
        return Introductions(
            target_kind=kind,
            target_id=target_id,
            target_name=name,
            members=members,
            introducers=(),
            paths=(),
            single_points_of_failure=(),
            fallback=fallback,
            message=message,
        )

    # The subgraph within reach, plus a sink behind every target member.
    within = [warmth.view.ids[int(i)] for i in (warmth.cost < math.inf).nonzero()[0]]
    graph = hop_graph(network, model).subgraph(within).copy()
    graph.remove_nodes_from(model.blocked)
    sink = ("target", target_id)
    for member in reached:
        graph.add_edge(member, sink, cost=0.0)

    paths = []
    dispatch = {"backend": backend} if backend is not None else {}
    for raw in nx.shortest_simple_paths(graph, me, sink, weight="cost", **dispatch):
        chain = raw[:-1]
        cost = sum(graph[u][v]["cost"] for u, v in itertools.pairwise(chain))
        described = describe_chain(network, model, chain, cost)
        hops = list(zip(chain, chain[1:], described.hops, strict=False))
        if described.referral is not None:  # show the referral hop as referrer → referee
            hops[0] = (described.referral.referrer, chain[1], hops[0][2])
        weakest = min(hops, key=lambda h: (h[2], h[0], h[1]))
        paths.append(
            IntroPath(path=described.path, warmth=round(described.warmth, 6), weakest_link=weakest)
        )
        if len(paths) == k:
            break

    dominators = nx.immediate_dominators(graph, me, **dispatch)
    spof = []
    node = dominators[sink]
    while node != me:
        spof.append(node)
        node = dominators[node]

    # Whom to ask is the first person on the displayed path: a referrer whose referral
    # opens the way, my own contact, or the member themself when I know them directly.
    # An introducer's chance is that at least one of the paths through them works out.
    misses: dict[str, float] = {}
    leads: dict[str, set[str]] = {}
    for member in reached:
        reach = warmth.reach(member)
        assert reach is not None
        first = reach.path[1]
        misses[first] = misses.get(first, 1.0) * (1.0 - reach.warmth)
        leads.setdefault(first, set()).add(member)
    best = {pid: (1.0 - miss, leads[pid]) for pid, miss in misses.items()}
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    found = tuple(
        Introducer(
            person_id=pid,
            name=network.person(pid).name,
            warmth=round(chance, 6),
            reaches=tuple(sorted(reached_members)),
            reason=_reason(network, pid, reached_members, name),
        )
        for pid, (chance, reached_members) in ranked
    )
    lead = found[0]
    message = f"Ask {lead.name} first ({min(lead.warmth, 0.99):.0%} chance of an answer)."
    if spof:
        names = ", ".join(network.person(p).name for p in reversed(spof))
        message += f" Every path to {name} goes through {names}: find a second way in."
    return Introductions(
        target_kind=kind,
        target_id=target_id,
        target_name=name,
        members=members,
        introducers=found,
        paths=tuple(paths),
        single_points_of_failure=tuple(reversed(spof)),
        fallback=(),
        message=message,
    )


def _reason(network: ReferralNetwork, pid: str, leads: set[str], target: str) -> str:
    others = sorted(leads - {pid})
    names = ", ".join(network.person(p).name for p in others[:3])
    extra = f" and {len(others) - 3} more" if len(others) > 3 else ""
    if pid in leads:
        return f"is in {target} themselves" + (f" and leads to {names}{extra}" if others else "")
    return f"leads to {names}{extra} in {target}"


def _fallback(network: ReferralNetwork, kind: str, target_id: str) -> tuple[Introducer, ...]:
    """Contacts near the target (related fields, organizations in its fields), then hubs."""
    me = network.me.id
    if kind == "field":
        near_fields = set(network.related_fields(target_id))
        near_orgs = {o.id for o in network.organizations() if target_id in o.fields}
    else:
        org_fields = set(network.organization(target_id).fields)
        near_fields = org_fields | {r for f in org_fields for r in network.related_fields(f)}
        near_orgs = {
            o.id
            for o in network.organizations()
            if o.id != target_id and org_fields & set(o.fields)
        }
    found = []
    for pid in sorted(network.strengths(me)):
        person = network.person(pid)
        if person.do_not_contact:
            continue
        fields = sorted(set(person.fields) & near_fields)
        if fields:
            names = ", ".join(network.field(f).name for f in fields)
            reason = f"works in {names}, close to the target"
        elif person.organization in near_orgs:
            reason = f"works at {network.organization(person.organization).name}, in the same field"
        else:
            continue
        found.append(
            Introducer(person_id=pid, name=person.name, warmth=0.0, reaches=(), reason=reason)
        )
    hubs = sorted(
        (p for p in network.strengths(me) if not network.person(p).do_not_contact),
        key=lambda p: (-len(network.strengths(p)), p),
    )
    for pid in hubs[:3]:
        if all(f.person_id != pid for f in found):
            degree = len(network.strengths(pid))
            found.append(
                Introducer(
                    person_id=pid,
                    name=network.person(pid).name,
                    warmth=0.0,
                    reaches=(),
                    reason=f"knows {degree} people: a super-connector worth asking",
                )
            )
    return tuple(found)
