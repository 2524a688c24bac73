"""Whom to ask: "Do you know anyone who works for General Mills?".

:func:`introducers` answers for one organization or career field — the *target*; the people
in it are its *insiders*. It names the people I should ask, ranked by the chance of an answer
along their best path into the target; the ``k`` best paths in, each with its hops and its
weakest link; and the *single points of failure* — people every path passes through. When
nothing leads there, it says so and names whom to ask anyway, the source's way ("Do you
know anyone at Netflix?"): my contacts in related fields or at organizations in the target's
fields, then my best-connected contacts.

Paths follow the rules of the contact lifecycle (:mod:`infoview_graph.lifecycle`, where each
person's stage comes from):

- nobody who declined or is marked do not contact is on a path, in the middle or at its end;
- someone I know myself (a tie of strength 1 or more) is contacted directly, never
  introduced: their only path is my own hop;
- a path stops at the first insider it meets: reaching one insider through another means
  asking the second, who is listed already;
- a referral (``R`` suggested I speak with ``X``) is a hop from me straight to ``X``, naming
  ``R`` where I may: ``R`` has answered already, so the path does not pass through them and
  shows them as its :attr:`~IntroPath.referrer`.

Hop chances are those of :mod:`._warmth` (the same as
:func:`~infoview_graph.algorithms._suggest.suggest_next_contacts`); a path's chance is the
product of its hops' chances (:data:`CHANCE_MEANING`), paths have at most ``max_hops`` hops.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> answer = introducers(net, "General Mills")
>>> answer.message
'Ask Elena Petrova first, naming Marcus Bell (85% chance of an answer).'
>>> [(i.name, i.warmth) for i in answer.introducers[:3]]
[('Elena Petrova', 0.85), ('Margaret Smith', 0.85), ('Brad Johnson', 0.8)]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import itertools
import math
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from infoview_graph.algorithms._intro_paths import (
    allowed_hops,
    best_chains,
    cut_points,
    k_best_chains,
)
from infoview_graph.algorithms._warmth import describe_chain, hop_model
from infoview_graph.errors import AmbiguousNameError, BlankQueryError, NotFoundError
from infoview_graph.lifecycle import Lifecycle, Stage, judging_day, lifecycle
from infoview_graph.models import slugify

if TYPE_CHECKING:
    from collections.abc import Collection

    from infoview_graph.algorithms._warmth import HopModel
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "CHANCE_MEANING",
    "IntroPath",
    "Introducer",
    "Introductions",
    "introducers",
    "resolve_target",
]

CHANCE_MEANING = (
    "Percentages are the estimated chance that a request along a path gets an answer: "
    "the product of its hops' chances, so the weakest link dominates "
    "(a person's chance is that of their best path)."
)
"""What the percentages of :func:`introducers` mean, in one sentence (the CLI prints it)."""


class IntroPath(BaseModel):
    """One path from me into the target, hop by hop.

    Its chance is the product of its hops' chances, so it is never above its weakest link.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> best = introducers(demo_network(), "General Mills").paths[0]
    >>> best.path, best.referrer, best.warmth
    (('steven-olson', 'elena-petrova'), 'marcus-bell', 0.85)
    >>> best.weakest_link
    ('steven-olson', 'elena-petrova', 0.85)
    >>> best.path_names, best.referrer_name
    (('Steven Olson', 'Elena Petrova'), 'Marcus Bell')
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    path: tuple[str, ...]
    """The persons the request passes, from me to someone in the target."""
    path_names: tuple[str, ...] = ()
    """The names of the persons in ``path``, in the same order."""
    hops: tuple[tuple[str, str, float], ...]
    """Each hop: from, to, its chance of an answer."""
    warmth: float
    """The chance of an answer along the path: the product of its hops' chances."""
    weakest_link: tuple[str, str, float]
    """The hop with the lowest chance: from, to, chance."""
    referrer: str | None = None
    """Whose referral the first hop follows (they suggested I speak with ``path[1]``)."""
    referrer_name: str | None = None
    """The referrer's name."""
    may_use_name: bool = False
    """Whether the request may name that referrer."""


class Introducer(BaseModel):
    """Someone to ask, with why.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> brad = introducers(demo_network(), "General Mills").introducers[2]
    >>> brad.name, brad.warmth, brad.stage
    ('Brad Johnson', 0.8, 'known')
    >>> brad.reason
    'works at General Mills, knows 5 other people there'
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    person_id: str
    """Whom to ask: the first person a request reaches."""
    name: str
    """Their name."""
    warmth: float
    """The chance of an answer along their best path into the target (0 for fallbacks)."""
    reaches: tuple[str, ...]
    """The people in the target whose best path starts with them."""
    reason: str
    """Why them, in words."""
    stage: Stage = "known"
    """Where they stand in my search (:func:`~infoview_graph.lifecycle.lifecycle`)."""
    best_path: IntroPath | None = None
    """Their best path into the target (None for fallbacks)."""


class Introductions(BaseModel):
    """The answer to "whom do I ask about this organization or field?".

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> answer = introducers(demo_network(), "General Mills")
    >>> answer.target_kind, answer.target_name, answer.single_points_of_failure
    ('org', 'General Mills', ())
    >>> answer.chance_meaning == CHANCE_MEANING
    True
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    target_kind: Literal["field", "org"]
    """An organization or a career field."""
    target_id: str
    """Its id."""
    target_name: str
    """Its name."""
    members: tuple[str, ...]
    """Everyone in the target (besides me)."""
    excluded: tuple[str, ...] = ()
    """Members left out of every path: they declined, or are marked do not contact."""
    introducers: tuple[Introducer, ...]
    """Whom to ask, best first."""
    paths: tuple[IntroPath, ...]
    """The k best paths into the target, best first, no two alike."""
    single_points_of_failure: tuple[str, ...]
    """People every path into the target passes through, from me on (only when there are two
    paths or more: a single path trivially passes through everyone on it)."""
    fallback: tuple[Introducer, ...]
    """Whom to ask anyway when no path exists."""
    message: str
    """The answer in a sentence or two."""
    chance_meaning: str = CHANCE_MEANING
    """What the percentages mean (:data:`CHANCE_MEANING`)."""


def resolve_target(network: ReferralNetwork, target: str) -> tuple[Literal["field", "org"], str]:
    """Find the organization or field named by an id or name (organizations first).

    Raises
    ------
    BlankQueryError
        If the target is empty or only spaces: it names nothing, and has no near miss.
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
    if not target.strip():
        raise BlankQueryError("give an organization or a career field; an empty name names none")
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
            "see 'referrals org list' and 'referrals field list', or add it "
            "('referrals org add') to learn whom to ask about it"
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
    r"""Whom to ask about an organization or a field, with the best paths into it.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    target : str
        An organization or career field: id or name.
    k : int, default 3
        How many paths to return.
    today : datetime.date, optional
        The day for the lifecycle stages and responsiveness (default: the network's
        ``as_of``, else today).
    max_hops : int, default 3
        Longest chain from me to someone in the target.
    backend : str, optional
        The NetworkX backend for Yen's algorithm (``shortest_simple_paths``), passed through
        to NetworkX's dispatch — e.g. ``"parallel"`` with nx-parallel installed,
        ``"cugraph"`` with nx-cugraph on a GPU. Default: NetworkX's own choice
        (``NETWORKX_BACKEND_PRIORITY``, else networkx).

    Returns
    -------
    Introductions
        Introducers best first (ties by id), the k best paths, single points of failure,
        and whom to ask anyway when there is no path.

    A target the network does not know (say ``"Netflix"``) is answered the source's way:
    no path, and whom to ask anyway — "Do you know anyone at Netflix?" to your
    best-connected contacts — with a "did you mean …?" when a known name is close.

    Raises
    ------
    BlankQueryError
        If the target is empty or only spaces (not answered "Do you know anyone at   ?").
    AmbiguousNameError
        If the target names both an organization and a field.

    Notes
    -----
    Paths obey the rules in the module docstring. An introducer is the first person the best
    path to some insider reaches; their chance :math:`w` is that of their best path,

    .. math:: w(p) = \prod_{(u, v) \in p} P(u \to v) \le \min_{(u, v) \in p} P(u \to v),

    never combined over several paths: every path through them shares their own hop.

    Cost, for the n' persons and m' hops within ``max_hops`` (h) of me: one warmth search
    from me (numpy, as in ``suggest``) to find them; a hop-limited Bellman–Ford on them,
    O(h · m'); Yen's k shortest simple paths (``networkx.shortest_simple_paths``) on the
    graph of persons by hop count, so every path found has at most h hops: at most k · h
    Dijkstra searches, O(k · h² · m' log n'); and a breadth-first search without each of
    the at most h − 1 people in the middle of the best path, O(h² · m'), for the single
    points of failure.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> answer = introducers(demo_network(), "General Mills", k=2)
    >>> [(p.path[-1], p.referrer, p.warmth) for p in answer.paths]
    [('elena-petrova', 'marcus-bell', 0.85), ('mrs-smith', 'brad-johnson', 0.85)]
    """
    me = network.me.id
    day = judging_day(network, today)
    try:
        kind, target_id = resolve_target(network, target)
    except NotFoundError:
        return _unknown_target(network, target, lifecycle(network, today=day))
    if kind == "org":
        name = network.organization(target_id).name
        members = tuple(p.id for p in network.members(target_id) if p.id != me)
    else:
        name = network.field(target_id).name
        members = tuple(p.id for p in network.in_field(target_id) if p.id != me)
    model = hop_model(network, today=day)
    life = lifecycle(network, today=day)
    blocked = model.blocked  # the lifecycle's declined and do-not-contact people
    insiders = frozenset(members) - blocked
    graph = allowed_hops(network, model, blocked, insiders, max_hops=max_hops)
    best = best_chains(graph, me, max_hops=max_hops)
    reached = sorted(m for m in insiders if m in best)
    excluded = tuple(m for m in members if m in blocked)
    where = f"at {name}" if kind == "org" else f"in {name}"

    found: list[Introducer] = []
    paths: list[IntroPath] = []
    spof: tuple[str, ...] = ()
    fallback: tuple[Introducer, ...] = ()
    if reached:
        chains = k_best_chains(graph, me, insiders, k=max(k, 2), max_hops=max_hops, backend=backend)
        paths = sorted(
            (_intro_path(network, model, chain) for chain in chains),
            key=lambda p: (-p.warmth, p.path),
        )
        spof = cut_points(graph, me, insiders, chains[0], max_hops) if len(chains) > 1 else ()
        best_paths = {m: _intro_path(network, model, best[m][1]) for m in reached}
        found = _whom_to_ask(network, life, best_paths, insiders, where)
        message = _advice(network, found[0], spof, name)
    else:
        fallback = _fallback(network, kind, target_id, blocked, life)
        message = _nobody(name, where, members, excluded, bool(fallback))
    return Introductions(
        target_kind=kind,
        target_id=target_id,
        target_name=name,
        members=members,
        excluded=excluded,
        introducers=tuple(found),
        paths=tuple(paths[:k]),
        single_points_of_failure=spof,
        fallback=fallback,
        message=message,
    )


def _whom_to_ask(
    network: ReferralNetwork,
    life: Lifecycle,
    best_paths: dict[str, IntroPath],
    insiders: Collection[str],
    where: str,
) -> list[Introducer]:
    """Group the insiders by the first person on their best path; rank those, best first."""
    leads: dict[str, list[str]] = {}
    for member in sorted(best_paths):
        leads.setdefault(best_paths[member].path[1], []).append(member)
    found = []
    for pid, led in leads.items():
        top = min((best_paths[m] for m in led), key=lambda p: (-p.warmth, p.path))
        found.append(
            Introducer(
                person_id=pid,
                name=network.person(pid).name,
                warmth=top.warmth,
                reaches=tuple(led),
                reason=_reason(network, life, pid, led, top, insiders, where),
                stage=life.stage(pid),
                best_path=top,
            )
        )
    return sorted(found, key=lambda i: (-i.warmth, i.person_id))


def _intro_path(network: ReferralNetwork, model: HopModel, chain: tuple[str, ...]) -> IntroPath:
    """Describe a chain: its hops' chances, their product, the weakest, the referral used."""
    described = describe_chain(network, model, list(chain), 0.0)
    hops = tuple(
        (u, v, round(p, 6))
        for (u, v), p in zip(itertools.pairwise(chain), described.hops, strict=True)
    )
    referral = described.referral
    return IntroPath(
        path=chain,
        path_names=tuple(network.person(p).name for p in chain),
        hops=hops,
        warmth=round(math.prod(described.hops), 6),
        weakest_link=min(hops, key=lambda h: (h[2], h[0], h[1])),
        referrer=referral.referrer if referral is not None else None,
        referrer_name=network.person(referral.referrer).name if referral is not None else None,
        may_use_name=referral is not None and referral.may_use_name,
    )


# --- the words -------------------------------------------------------------------------------


def _reason(
    network: ReferralNetwork,
    life: Lifecycle,
    pid: str,
    led: list[str],
    path: IntroPath,
    insiders: Collection[str],
    where: str,
) -> str:
    parts = []
    standing = life.standing(pid)
    if path.referrer is not None:
        referrer = network.person(path.referrer).name
        named = "you may use the name" if path.may_use_name else "without using the name"
        parts.append(f"{referrer} referred you ({named})")
    if pid in led:
        others = sum(1 for p in network.strengths(pid) if p in insiders and p != pid)
        people = "person" if others == 1 else "people"
        parts.append(
            f"works {where}" + (f", knows {others} other {people} there" if others else "")
        )
    else:
        parts.append(f"leads to {_names(network, led)} {where}")
    if standing.stage not in ("known", "referred") or (
        standing.stage == "referred" and path.referrer is None
    ):
        parts.append(standing.describe())
    return "; ".join(parts)


def _names(network: ReferralNetwork, ids: list[str]) -> str:
    names = [network.person(p).name for p in ids[:3]]
    if len(ids) > 3:
        return f"{', '.join(names)} and {len(ids) - 3} more"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _advice(network: ReferralNetwork, lead: Introducer, spof: tuple[str, ...], target: str) -> str:
    path = lead.best_path
    naming = ""
    if path is not None and path.referrer is not None and path.may_use_name:
        naming = f", naming {network.person(path.referrer).name}"
    message = f"Ask {lead.name} first{naming} ({min(lead.warmth, 0.99):.0%} chance of an answer)."
    if spof:
        names = ", ".join(network.person(p).name for p in spof)
        message += f" Every path to {target} goes through {names}: find a second way in."
    return message


def _unknown_target(network: ReferralNetwork, target: str, life: Lifecycle) -> Introductions:
    """Answer for a target not in the network: ask the best-connected contacts anyway."""
    names = [o.name for o in network.organizations()] + [f.name for f in network.fields()]
    close = difflib.get_close_matches(target, names, n=1, cutoff=0.8)
    blocked = frozenset(life.in_stage("declined", "do-not-contact"))
    fallback = _fallback(network, "unknown", "", blocked, life)
    question = f'"Do you know anyone at {target}?"'
    message = f"{target} is not in your network yet, so nobody you know is connected to it"
    if close:
        message += f" (did you mean {close[0]}?)"
    if fallback:
        message += f". Ask these contacts anyway: {question}"
    else:
        message += f". Add the people you know (referrals person add), then ask them: {question}"
    return Introductions(
        target_kind="org",
        target_id=slugify(target),
        target_name=target,
        members=(),
        introducers=(),
        paths=(),
        single_points_of_failure=(),
        fallback=fallback,
        message=message,
    )


def _nobody(
    name: str, where: str, members: tuple[str, ...], excluded: tuple[str, ...], anyone: bool
) -> str:
    message = f"Nobody you know is connected to {name} yet"
    out = len(members) - len(excluded)
    if excluded and out:
        message += (
            f" ({len(members)} people there: {len(excluded)} declined or marked do not "
            f"contact, {out} out of reach)"
        )
    elif excluded:
        message += (
            " (the one person there declined or is marked do not contact)"
            if len(excluded) == 1
            else f" (the {len(excluded)} people there declined or are marked do not contact)"
        )
    elif out:
        message += (
            " (the one person there is out of reach)"
            if out == 1
            else f" (the {out} people there are out of reach)"
        )
    question = f'"Do you know anyone {where}?"'
    if anyone:
        return f"{message}. Ask these contacts anyway: {question}"
    return f"{message}. Add the people you know (referrals person add), then ask them: {question}"


def _fallback(
    network: ReferralNetwork,
    kind: str,
    target_id: str,
    blocked: Collection[str],
    life: Lifecycle,
) -> tuple[Introducer, ...]:
    """Return whom to ask anyway: people I know near the target, then my best-connected.

    Near the target: in a related field, or at an organization in one of its fields. Never
    anyone who declined or is marked do not contact, nor anyone I do not know myself.
    """
    me = network.me.id
    mine = {p: s for p, s in network.strengths(me).items() if s >= 1 and p not in blocked}
    near_fields: set[str] = set()
    near_orgs: set[str] = set()
    if kind == "field":
        near_fields = set(network.related_fields(target_id))
        near_orgs = {o.id for o in network.organizations() if target_id in o.fields}
    elif kind == "org":
        org_fields = set(network.organization(target_id).fields)
        near_fields = org_fields | {r for f in org_fields for r in network.related_fields(f)}
        near_orgs = {
            o.id
            for o in network.organizations()
            if o.id != target_id and org_fields & set(o.fields)
        }
    reasons: dict[str, str] = {}
    for pid in sorted(mine, key=lambda p: (-mine[p], p)):
        person = network.person(pid)
        fields = sorted(set(person.fields) & near_fields)
        if fields:
            names = ", ".join(network.field(f).name for f in fields)
            reasons[pid] = f"works in {names}, close to the target"
        elif person.organization in near_orgs:
            where = network.organization(person.organization).name
            reasons[pid] = f"works at {where}, in the same field"
    degree = {p: sum(1 for q in network.strengths(p) if q != me) for p in mine}
    hubs = sorted(mine, key=lambda p: (-degree[p], -mine[p], p))
    for pid in [p for p in hubs if p not in reasons][:3]:
        if degree[pid]:
            people = "person" if degree[pid] == 1 else "people"
            reasons[pid] = (
                f"knows {degree[pid]} {people} besides you: one of your best-connected contacts"
            )
        else:
            reasons[pid] = f"someone you know (tie strength {mine[pid]})"
    return tuple(_ask_anyway(network, life, pid, reason) for pid, reason in reasons.items())


def _ask_anyway(network: ReferralNetwork, life: Lifecycle, pid: str, reason: str) -> Introducer:
    return Introducer(
        person_id=pid,
        name=network.person(pid).name,
        warmth=0.0,
        reaches=(),
        reason=reason,
        stage=life.stage(pid),
    )
