"""The referral forest: who led to whom, how each hop turned out, and who was generous.

Referrals form a directed graph, referrer → referee. :func:`referral_chains` turns it into a
forest: each person hangs under the referral that named them *first* (ties by referrer id);
later referrals of the same person are kept as "also referred by" edges. The roots are the
people whose referrals started a chain — my own contacts — or, with ``root``, one person.
A chain is a path from a root down to a leaf.

It also counts each referrer's *yield* (names given; how many of them I interviewed) and
the *funnel*: identified → contacted → replied → interviewed → referred on, each stage a
subset of the one before, with the conversion rate from stage to stage.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> chains = referral_chains(demo_network())
>>> " → ".join(chains.longest[0].people)
'carol-lindgren → denise-okafor → zoe-martin → priya-raman → samuel-adeyemi'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from infoview_graph.lifecycle import lifecycle

if TYPE_CHECKING:
    from collections.abc import Mapping

    from infoview_graph.lifecycle import Lifecycle
    from infoview_graph.models import PersonId, Referral
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "OUTCOME_OF_STAGE",
    "Chain",
    "Chains",
    "FunnelStage",
    "Hop",
    "Outcome",
    "Yield",
    "outcome",
    "referral_chains",
]

Outcome = Literal["interviewed", "replied", "contacted", "declined", "not yet"]
"""What came of a person, the strongest first: interviewed, replied, contacted, declined, not
yet."""
FunnelName = Literal["identified", "contacted", "replied", "interviewed", "referred on"]


class Hop(BaseModel):
    """One referral in a chain, with what came of it.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> hop = referral_chains(net).longest[0].hops[0]
    >>> hop.referrer, hop.referee, hop.outcome
    ('carol-lindgren', 'denise-okafor', 'interviewed')
    """

    model_config = ConfigDict(frozen=True)

    referrer: str
    referee: str
    on: dt.date
    status: str
    """The referral's recorded status."""
    outcome: Outcome
    """What happened with the referee, from the events: interviewed, replied, contacted,
    declined or not yet."""


class Chain(BaseModel):
    """A path of referrals from a root down to a leaf.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> chain = referral_chains(net).longest[0]
    >>> len(chain.people), len(chain.hops)
    (5, 4)
    """

    model_config = ConfigDict(frozen=True)

    people: tuple[str, ...]
    """The persons from the root down, by id."""
    people_names: tuple[str, ...] = ()
    """Their names, in the same order."""
    hops: tuple[Hop, ...]


class Yield(BaseModel):
    """How generous a referrer was.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> top = referral_chains(net).yields[0]
    >>> top.name, top.names_given, top.interviewed
    ('Denise Okafor', 2, 2)
    """

    model_config = ConfigDict(frozen=True)

    person_id: str
    name: str
    names_given: int
    interviewed: int
    """How many of the people they named I have interviewed."""


class FunnelStage(BaseModel):
    """One stage of the funnel.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> [(s.stage, s.count) for s in referral_chains(net).funnel]
    [('identified', 15), ('contacted', 11), ('replied', 8), ('interviewed', 6), ('referred on', 6)]
    """

    model_config = ConfigDict(frozen=True)

    stage: FunnelName
    count: int
    rate: float | None
    """Share of the previous stage that reached this one (None for the first)."""


class Chains(BaseModel):
    """The referral forest and what it says about the search.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> chains = referral_chains(net)
    >>> chains.roots[:3]
    ('brad-johnson', 'carol-lindgren', 'maya-lindstrom')
    >>> chains.children["brad-johnson"]
    ('mrs-smith',)
    """

    model_config = ConfigDict(frozen=True)

    roots: tuple[str, ...]
    children: dict[str, tuple[str, ...]]
    """Tree edges: person → the people they named first, by id."""
    also_referred_by: tuple[tuple[str, str], ...]
    """Non-tree referrals (referrer, referee): a person named again by someone else."""
    chains: tuple[Chain, ...]
    longest: tuple[Chain, ...]
    """The chains of the greatest length."""
    yields: tuple[Yield, ...]
    """Referrers, most names given first."""
    funnel: tuple[FunnelStage, ...]


OUTCOME_OF_STAGE: dict[str, Outcome] = {
    "known": "not yet",
    "referred": "not yet",
    "do-not-contact": "not yet",
    "asked": "contacted",
    "follow-up-due": "contacted",
    "no-response": "contacted",
    "said-yes": "replied",
    "scheduled": "replied",
    "declined": "declined",
    "met": "interviewed",
    "thanked": "interviewed",
}
"""The coarse outcome a chain and its figure show for each lifecycle stage."""


def outcome(
    network: ReferralNetwork, person_id: PersonId, *, today: dt.date | None = None
) -> Outcome:
    """Return what came of a person so far: their lifecycle stage, coarsely.

    The stage is :func:`infoview_graph.lifecycle.lifecycle`'s, the one every command
    shows; :data:`OUTCOME_OF_STAGE` folds it into the five outcomes a tree can draw.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> outcome(demo_network(), "mrs-smith"), outcome(demo_network(), "maya-lindstrom")
    ('not yet', 'replied')
    """
    return OUTCOME_OF_STAGE[lifecycle(network, today=today).stage(person_id)]


def referral_chains(network: ReferralNetwork, *, root: PersonId | None = None) -> Chains:
    """Build the referral forest from my contacts (or from ``root``) and its statistics.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    root : str, optional
        Only the tree under this person.

    Returns
    -------
    Chains
        The forest (roots, tree edges, also-referred-by edges), every chain root → leaf,
        the longest chains, each referrer's yield and the funnel.

    Raises
    ------
    NotFoundError
        If ``root`` is not a person.

    Notes
    -----
    O(n + r log r) for n persons and r referrals, plus the length of the chains written
    out (as many as the leaves). No recursion: a chain of any depth is walked.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> chains = referral_chains(net, root="denise-okafor")
    >>> " → ".join(chains.longest[0].people)
    'denise-okafor → zoe-martin → priya-raman → samuel-adeyemi'
    """
    me = network.me.id
    referrals = sorted(network.referrals(), key=lambda r: (r.on, r.referrer, r.referee))
    parent: dict[str, Referral] = {}
    above: dict[str, str] = {}  # towards each person's root, shortened as it is read
    also: list[tuple[str, str]] = []
    for referral in referrals:
        if me in (referral.referee, referral.referrer):
            continue
        # The referee has no parent yet, so it is above the referrer only as its root.
        if referral.referee in parent or _root(above, referral.referrer) == referral.referee:
            also.append((referral.referrer, referral.referee))
        else:
            parent[referral.referee] = referral
            above[referral.referee] = referral.referrer
    children: dict[str, list[str]] = {}
    for referee, referral in parent.items():
        children.setdefault(referral.referrer, []).append(referee)
    if root is not None:
        network.person(root)
        roots = [root]
    else:
        roots = sorted({r.referrer for r in parent.values()} - set(parent))
    chains: list[Chain] = []
    names = network.person_column("name")  # every name a chain shows, without records
    life = lifecycle(network)
    for start in roots:
        _walk(life, names, start, children, parent, chains)
    longest_length = max((len(c.people) for c in chains), default=0)
    return Chains(
        roots=tuple(roots),
        children={k: tuple(sorted(v)) for k, v in sorted(children.items())},
        also_referred_by=tuple(sorted(also)),
        chains=tuple(chains),
        longest=tuple(c for c in chains if len(c.people) == longest_length and longest_length > 1),
        yields=_yields(network, names),
        funnel=_funnel(network),
    )


def _root(above: dict[str, str], person: str) -> str:
    """Return the root of the person's tree, pointing everyone passed straight at it."""
    passed = []
    while person in above:
        passed.append(person)
        person = above[person]
    for p in passed:
        above[p] = person
    return person


def _walk(
    life: Lifecycle,
    names: Mapping[str, str],
    start: str,
    children: dict[str, list[str]],
    parent: dict[str, Referral],
    found: list[Chain],
) -> None:
    """Append every chain from ``start`` down to a leaf, depth first, children by id.

    Iterative, so that no depth of referrals exhausts the call stack; each person's hop is
    built once, and the path is one list cut back on the way up, so the work is linear
    in the size of the tree plus the chains written out.
    """
    hops: dict[str, Hop] = {}
    path: list[str] = []
    stack = [(start, 0)]
    while stack:
        person, depth = stack.pop()
        del path[depth:]
        path.append(person)
        if depth:
            hops[person] = _hop(life, parent[person])
        below = sorted(children.get(person, ()), reverse=True)
        stack.extend((child, depth + 1) for child in below)
        if not below and depth:
            found.append(
                Chain(
                    people=tuple(path),
                    people_names=tuple(names[p] for p in path),
                    hops=tuple(hops[p] for p in path[1:]),
                )
            )


def _hop(life: Lifecycle, referral: Referral) -> Hop:
    return Hop(
        referrer=referral.referrer,
        referee=referral.referee,
        on=referral.on,
        status=referral.status,
        outcome=OUTCOME_OF_STAGE[life.stage(referral.referee)],
    )


def _yields(network: ReferralNetwork, names: Mapping[str, str]) -> tuple[Yield, ...]:
    given: dict[str, list[str]] = {}
    for referral in network.referrals():
        given.setdefault(referral.referrer, []).append(referral.referee)
    interviewed = {i.person for i in network.interviews()}
    rows = [
        Yield(
            person_id=pid,
            name=names[pid],
            names_given=len(named),
            interviewed=sum(1 for p in named if p in interviewed),
        )
        for pid, named in given.items()
    ]
    return tuple(sorted(rows, key=lambda y: (-y.names_given, -y.interviewed, y.person_id)))


def _funnel(network: ReferralNetwork) -> tuple[FunnelStage, ...]:
    me = network.me.id
    referred = {r.referee for r in network.referrals()}
    contacted = {o.person for o in network.outreach()}
    replied = {o.person for o in network.outreach() if o.replied_on is not None}
    interviewed = {i.person for i in network.interviews()}
    gave = {r.referrer for r in network.referrals()}
    # Each stage is a subset of the one before: an interview implies contact and a reply.
    stages: dict[FunnelName, set[str]] = {
        "identified": (referred | contacted | interviewed) - {me},
    }
    stages["contacted"] = stages["identified"] & (contacted | interviewed)
    stages["replied"] = stages["contacted"] & (replied | interviewed)
    stages["interviewed"] = stages["replied"] & interviewed
    stages["referred on"] = stages["interviewed"] & gave
    result = []
    previous: int | None = None
    for stage, people in stages.items():
        count = len(people)
        rate = None if previous is None else (count / previous if previous else 0.0)
        result.append(FunnelStage(stage=stage, count=count, rate=rate))
        previous = count
    return tuple(result)
