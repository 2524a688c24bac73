r"""Whom to contact next, and through whom: the main job of ``infoview_graph``.

:func:`suggest_next_contacts` ranks the people I have not interviewed yet by five factors,
each a number in [0, 1], weighted and summed:

.. math::

    \text{score}(v) = w_W\,W(v) + w_R\,R(v) + w_C\,C(v) + w_O\,O(v) + w_T\,T(v)

- **warmth** :math:`W`: how likely a request reaches :math:`v` and gets an answer, along
  the best path from me (product of the hops' chances, so the weakest link dominates; a
  named referral is a strong hop; introducers are discounted by their responsiveness and
  spared when asked too often — see :mod:`._warmth`). For someone I know directly, the
  chance is multiplied by a *novelty* factor that falls for the strongest ties, so a close
  friend scores barely above a moderately weak tie: weak and moderately weak ties carry the
  new information (Granovetter 1973 [1]_) and the most job mobility (Rajkumar et al.
  2022 [2]_);
- **relevance** :math:`R`: :math:`v`'s fields and organization against my targets, by
  priority; a field related to a target field counts half;
- **coverage gain** :math:`C`: diminishing returns — a target with :math:`k` interviews so
  far is worth :math:`1/(1+k)` of its priority weight;
- **onward reach** :math:`O`: the uncovered targets :math:`v` knows people in (a brokerage
  measure in the spirit of Burt's structural holes [3]_): :math:`1 - e^{-\sum w_t}`;
- **timing** :math:`T`: fresh referrals first (linear decay to nothing at twice the
  staleness age), a reply waiting to be scheduled, a follow-up due after the 3B7 wait, and
  the "3" of 3B7 [4]_ — a second person at an employer whose first contact has not
  replied.

Before the score comes the coach's order (:data:`TIERS`), read from the contact lifecycle
(:mod:`infoview_graph.lifecycle`), the same one every command reads: someone who said yes
and waits to be scheduled first; then follow-ups due and fresh referrals; then new
contacts. Never suggested: me, anyone met, scheduled, asked and still inside the waiting
window, silent after a follow-up, who declined, or marked do not contact. Someone I know
myself (a tie of strength 1 or more) is contacted directly, never "introduced".

References
----------
.. [1] M. Granovetter, "The Strength of Weak Ties", *American Journal of Sociology* 78(6),
   1973.
.. [2] K. Rajkumar, G. Saint-Jacques, I. Bojinov, E. Brynjolfsson, S. Aral, "A causal test
   of the strength of weak ties", *Science* 377, 2022.
.. [3] R. S. Burt, *Structural Holes*, Harvard University Press, 1992.
.. [4] S. Dalton, *The 2-Hour Job Search*, 2nd ed., 2020 (boosters, obligates,
   curmudgeons; the 3B7 routine; LAMP).

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> for s in suggest_next_contacts(net, k=3):
...     print(f"{s.tier} {s.score:.2f} {s.name} via {s.via}")
0 0.49 Maya Lindström via None
1 0.85 Margaret Smith via brad-johnson
1 0.82 Elena Petrova via marcus-bell
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

from infoview_graph.algorithms._display import Suggestions
from infoview_graph.algorithms._warmth import (
    TIE_REPLY,
    Reach,
    Warmth,
    hop_model,
    warmth_paths,
)
from infoview_graph.errors import InvalidInputError, NotFoundError
from infoview_graph.lifecycle import (
    CLOSED,
    Lifecycle,
    LifecycleSettings,
    Stage,
    Standing,
    lifecycle,
)
from infoview_graph.models import CHANNEL_NOUN
from infoview_graph.timing import Thresholds, business_days

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from infoview_graph.models import Person
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "NOVELTY",
    "PRIORITY_WEIGHT",
    "TIERS",
    "Factor",
    "SuggestWeights",
    "Suggestion",
    "suggest_next_contacts",
]

Factor: TypeAlias = "Callable[[Person, ReferralNetwork], float]"
"""A factor of your own for :func:`suggest_next_contacts`: ``fn(person, network)`` → a
number in [0, 1] (1 = as good as it gets)."""

NOVELTY = (1.0, 1.0, 1.0, 0.9, 0.8, 0.72)
"""Novelty of a direct tie of strength 0…5. Chosen so that warmth × novelty still grows
with strength (0.10, 0.30, 0.50, 0.59, 0.64, 0.65) — raising a tie never lowers a score —
but flattens at the top: a close friend is hardly preferred over a colleague."""
TIERS = (
    "Schedule first: they said yes",
    "Then follow-ups due and fresh referrals",
    "Then new contacts",
)
"""The coach's order of suggestions, by :attr:`Suggestion.tier`: someone who said yes must
not wait, a follow-up due or a fresh referral comes before anyone new (DESIGN §4a)."""
PRIORITY_WEIGHT = {1: 1.0, 2: 0.7, 3: 0.4}
"""Weight of a target by its priority (1 highest)."""
RELATED_SHARE = 0.5
"""Share of a target field's weight that a related field earns."""

_Weight = Annotated[float, Field(ge=0.0, le=10.0)]


class SuggestWeights(BaseModel):
    """The weights and knobs of :func:`suggest_next_contacts`.

    Defaults: relevance and warmth lead (0.30 each) because an interview is only worth
    having in a target field and only happens if the person answers; coverage gain (0.20)
    spreads interviews across targets, the point of exploring; onward reach (0.10) and
    timing (0.10) break the many near-ties among similar contacts in favour of brokers and
    of what is urgent. The knobs are the source document's and Dalton's numbers: referrals
    go stale in about two weeks, the 3B7 routine waits 3 and 7 business days, and an
    introducer asked three times in a month deserves a rest.

    Examples
    --------
    >>> SuggestWeights(warmth=0.5).relevance
    0.3
    >>> SuggestWeights(max_hops=0)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for SuggestWeights
    max_hops
      Input should be greater than or equal to 1 [type=greater_than_equal]
    ...
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=True, hide_input_in_errors=True
    )

    warmth: _Weight = 0.30
    """Weight of the chance of an answer along the best path."""
    relevance: _Weight = 0.30
    """Weight of the match with my target fields and organizations."""
    coverage: _Weight = 0.20
    """Weight of the coverage gain (targets with few interviews first)."""
    reach: _Weight = 0.10
    """Weight of onward reach into uncovered targets."""
    timing: _Weight = 0.10
    """Weight of timing: fresh referrals, replies, follow-ups due, 3B7."""
    max_hops: Annotated[int, Field(ge=1, le=6)] = 3
    """Longest introduction chain considered (me → A → B → them is 3)."""
    stale_after_days: Annotated[int, Field(ge=1, le=365)] = 14
    """Age in days at which a referral is stale."""
    ask_window_days: Annotated[int, Field(ge=1, le=365)] = 30
    """Window for counting how often an introducer was asked."""
    max_asks: Annotated[int, Field(ge=1, le=100)] = 3
    """Asks within the window after which an introducer is spared."""
    thresholds: Thresholds = Thresholds()
    """The 3B7 and responsiveness day counts."""


class Suggestion(BaseModel):
    """One suggested next step: whom to contact, how, and why.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> s = suggest_next_contacts(net, k=2)[1]
    >>> s.person_id, s.path, s.stage
    ('mrs-smith', ('steven-olson', 'brad-johnson', 'mrs-smith'), 'referred')
    >>> sorted(s.factors)
    ['coverage', 'reach', 'relevance', 'timing', 'warmth']
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    person_id: str
    """Whom to contact."""
    name: str
    """Their name."""
    score: float
    """The weighted sum of the factors."""
    action: str
    """What to do, in one sentence."""
    path: tuple[str, ...]
    """Person ids from me to them (a referral shows the referrer in between)."""
    path_names: tuple[str, ...] = ()
    """The names of the persons in ``path``, in the same order."""
    via: str | None
    """The introducer or referrer, if any."""
    stage: Stage = "known"
    """Where they stand in the contact lifecycle (:mod:`infoview_graph.lifecycle`)."""
    tier: int = 2
    """The coach's order, before the score: 0 — they said yes, schedule it; 1 — a follow-up
    due or a fresh referral; 2 — a new contact (see :data:`TIERS`)."""
    reasons: tuple[str, ...]
    """One sentence per factor that mattered, with its contribution."""
    factors: dict[str, float]
    """Each factor's contribution to the score (weight × value)."""


@dataclass(frozen=True)
class _Targets:
    field_weight: dict[str, float]
    org_weight: dict[str, float]
    related_weight: dict[str, tuple[float, str]]
    field_interviews: dict[str, int]
    org_interviews: dict[str, int]


def suggest_next_contacts(
    network: ReferralNetwork,
    *,
    k: int = 5,
    fields: Sequence[str] | None = None,
    organizations: Sequence[str] | None = None,
    today: dt.date | None = None,
    weights: SuggestWeights | None = None,
    factors: Mapping[str, tuple[float, Factor]] | None = None,
) -> Suggestions:
    """Rank whom to contact next, with the action, the path from me and the reasons.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    k : int, default 5
        How many suggestions at most.
    fields, organizations : sequence of str, optional
        Only people in these fields or at these organizations (ids or names); they then
        stand in for my targets, at priority 1.
    today : datetime.date, optional
        The day to judge ages and waiting times against (default: the network's ``as_of``
        date if it has one, else today).
    weights : SuggestWeights, optional
        Weights and knobs (see :class:`SuggestWeights` for the defaults and why).
    factors : mapping of str to (float, callable), optional
        Factors of your own, by name: ``{"near me": (0.2, fn)}`` adds ``0.2 · fn(person,
        network)`` to each score, where ``fn`` returns a number in [0, 1]. Each shows in
        :attr:`Suggestion.factors` and :attr:`Suggestion.reasons` like the built-in five.

    Returns
    -------
    Suggestions
        A list of :class:`Suggestion` that prints as a table: in the coach's order
        (:attr:`Suggestion.tier`), best score first within it; ties broken by person id, so
        the order is total and repeatable.

    Raises
    ------
    NotFoundError
        If the network has no 'me', or a field or organization in the filters is unknown.
    InvalidInputError
        If a factor of your own has a built-in name, a weight outside [0, 10], or returns
        a value outside [0, 1] (the error names the factor).

    Notes
    -----
    One hop-limited search from me over the compact view of the ties (O(m) numpy work
    for the m ties within reach), vectorised scoring of every person in reach (O(n)), and
    Python only for onward reach of the few candidates that could still enter the top k
    (a bound prunes the rest) and for the k results.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> top = suggest_next_contacts(demo_network(), k=3)
    >>> top[0].action
    'Schedule 15 minutes with Maya Lindström — they said yes on 2026-11-11'
    >>> top[1].name, top[1].via
    ('Margaret Smith', 'brad-johnson')
    >>> top[1].action
    'Email Margaret Smith and mention Brad Johnson — Brad Johnson said you may use the name'

    A factor of your own, weighted 0.2 — prefer people who work in accounting:

    >>> mine = {"in accounting": (0.2, lambda p, net: float("accounting" in p.fields))}
    >>> smith = suggest_next_contacts(demo_network(), k=3, factors=mine)[1]
    >>> smith.factors["in accounting"], smith.reasons[-1]
    (0.2, 'in accounting +0.20: your own factor (1.00)')
    """
    import numpy as np

    settings = weights or SuggestWeights()
    day = today or network.as_of or dt.date.today()
    me = network.me
    fields = [network.find_field(f).id for f in fields or ()]
    organizations = [network.find_organization(o).id for o in organizations or ()]
    targets = _targets(network, fields, organizations)
    model = hop_model(
        network,
        today=day,
        thresholds=settings.thresholds,
        ask_window_days=settings.ask_window_days,
        max_asks=settings.max_asks,
    )
    warmth = warmth_paths(network, model, max_hops=settings.max_hops)
    view = network.compact()
    people = _person_arrays(network)

    reached = np.isfinite(warmth.cost)
    reached[view.index[me.id]] = False
    life = lifecycle(network, today=day, settings=_life_settings(settings))
    excluded, timing, notes, tiers = _timing(network, life, day, settings)
    for pid in excluded:
        reached[view.index[pid]] = False
    if fields or organizations:
        reached &= _in_filters(people, fields or (), organizations or ())
    candidates = np.flatnonzero(reached)
    if not len(candidates):
        return Suggestions()

    warm = _warm(warmth, view, me.id, candidates)
    relevance = _relevance(people, targets, candidates)
    coverage = _coverage(people, targets, candidates)
    timing_by_index = np.zeros(len(view.ids))
    for pid, value in timing.items():
        timing_by_index[view.index[pid]] = value
    timed = timing_by_index[candidates]
    partial = (
        settings.warmth * warm
        + settings.relevance * relevance
        + settings.coverage * coverage
        + settings.timing * timed
    )

    # The coach's order first (a yes to schedule, then follow-ups due and fresh referrals,
    # then everyone else), the score within a tier. Onward reach costs Python per
    # candidate: take candidates by tier and best possible score, and stop once even a full
    # reach could not lift the next one into the top k.
    tier = np.full(len(view.ids), 2)
    for pid, value in tiers.items():
        tier[view.index[pid]] = value
    tier = tier[candidates]
    own = _own_factors(factors)
    best_own = sum(weight for _, weight, _ in own)
    order = np.lexsort((candidates, -partial, tier))
    scored: list[tuple[int, float, str, int, dict[str, float]]] = []
    for position in order:
        bound = (int(tier[position]), -(partial[position] + settings.reach + best_own))
        if len(scored) >= k and bound > _kth(scored, k):
            break
        pid = view.ids[int(candidates[position])]
        values = {"reach": _onward_reach(network, targets, pid)[0]}
        values |= {name: _own_value(name, fn, network, pid) for name, _, fn in own}
        total = partial[position] + settings.reach * values["reach"]
        total += sum(weight * values[name] for name, weight, _ in own)
        scored.append((int(tier[position]), total, pid, position, values))
    scored.sort(key=lambda s: (s[0], -s[1], s[2]))
    weight_of = {name: getattr(settings, name) for name in _BUILT_IN}
    weight_of |= {name: weight for name, weight, _ in own}

    return Suggestions(
        _suggestion(
            network,
            warmth,
            targets,
            settings,
            day,
            person_id=pid,
            values={
                "warmth": float(warm[position]),
                "relevance": float(relevance[position]),
                "coverage": float(coverage[position]),
                "timing": float(timed[position]),
                **values,
            },
            weight_of=weight_of,
            timing_notes=notes.get(pid, ()),
            standing=life.standing(pid),
            tier=tier_of,
        )
        for tier_of, _, pid, position, values in scored[:k]
    )


_BUILT_IN = ("warmth", "relevance", "coverage", "reach", "timing")


def _own_factors(
    factors: Mapping[str, tuple[float, Factor]] | None,
) -> list[tuple[str, float, Factor]]:
    """Check the user's factors: a new name, a weight in [0, 10], a callable."""
    own = []
    for name, (weight, fn) in sorted((factors or {}).items()):
        if name in _BUILT_IN or not name.strip():
            raise InvalidInputError(
                f"factor '{name}': the name is taken by a built-in factor or empty; choose "
                "another (the built-in ones are weighted with SuggestWeights)"
            )
        if not 0.0 <= weight <= 10.0 or not callable(fn):
            raise InvalidInputError(
                f"factor '{name}': give (weight, function) with a weight from 0 to 10 and a "
                "function(person, network) -> float"
            )
        own.append((name, float(weight), fn))
    return own


def _own_value(name: str, fn: Factor, network: ReferralNetwork, person_id: str) -> float:
    value = fn(network.person(person_id), network)
    if not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        raise InvalidInputError(
            f"factor '{name}' returned {value!r} for a candidate; it must return a number "
            "from 0 to 1"
        )
    return float(value)


def _kth(scored: list[tuple[int, float, str, int, dict[str, float]]], k: int) -> tuple[int, float]:
    """Return the (tier, -score) of the k-th best so far, less rounding noise."""
    tier, score = sorted((s[0], -s[1]) for s in scored)[k - 1]
    return tier, score + 1e-12


def _life_settings(settings: SuggestWeights) -> LifecycleSettings:
    return LifecycleSettings(
        thresholds=settings.thresholds, stale_after_days=settings.stale_after_days
    )


# --- targets and per-person arrays -----------------------------------------------------------


def _targets(
    network: ReferralNetwork,
    fields: Sequence[str] | None,
    organizations: Sequence[str] | None,
) -> _Targets:
    field_weight: dict[str, float] = {}
    org_weight: dict[str, float] = {}
    if fields or organizations:
        field_weight = dict.fromkeys(fields or (), 1.0)
        org_weight = dict.fromkeys(organizations or (), 1.0)
    else:
        for target in network.targets():
            weight = PRIORITY_WEIGHT[target.priority]
            table = field_weight if target.kind == "field" else org_weight
            table[target.id] = max(weight, table.get(target.id, 0.0))
    related: dict[str, tuple[float, str]] = {}
    for field_id, weight in field_weight.items():
        for other in network.related_fields(field_id):
            share = weight * RELATED_SHARE
            if other not in field_weight and share > related.get(other, (0.0, ""))[0]:
                related[other] = (share, field_id)
    field_interviews = dict.fromkeys(field_weight, 0)
    org_interviews = dict.fromkeys(org_weight, 0)
    for interview in network.interviews():
        person = network.person(interview.person)
        for field_id in person.fields:
            if field_id in field_interviews:
                field_interviews[field_id] += 1
        if person.organization in org_interviews:
            org_interviews[person.organization] += 1
    return _Targets(field_weight, org_weight, related, field_interviews, org_interviews)


@dataclass(frozen=True)
class _People:
    """Per-person attributes aligned with the compact view's order."""

    field_ids: list[str]
    org_ids: list[str]
    field_indptr: npt.NDArray[np.int64]
    field_indices: npt.NDArray[np.int32]
    org: npt.NDArray[np.int32]


def _person_arrays(network: ReferralNetwork) -> _People:
    return network.derived("person-arrays", _build_person_arrays)


def _build_person_arrays(network: ReferralNetwork) -> _People:
    import numpy as np

    view = network.compact()
    field_ids = sorted(f.id for f in network.fields())
    org_ids = sorted(o.id for o in network.organizations())
    field_index = {f: i for i, f in enumerate(field_ids)}
    org_index = {o: i for i, o in enumerate(org_ids)}
    persons = [network.person(pid) for pid in view.ids]
    counts = np.fromiter((len(p.fields) for p in persons), dtype=np.int64, count=len(persons))
    indices = [field_index[f] for p in persons for f in p.fields]
    org = [org_index[p.organization] if p.organization else -1 for p in persons]
    return _People(
        field_ids=field_ids,
        org_ids=org_ids,
        field_indptr=np.concatenate([[0], np.cumsum(counts)]),
        field_indices=np.asarray(indices, dtype=np.int32),
        org=np.asarray(org, dtype=np.int32),
    )


def _per_field_max(people: _People, values: Any, candidates: Any) -> Any:
    """For each candidate, the max of ``values`` over their fields (0 with no field)."""
    import numpy as np

    starts = people.field_indptr[candidates]
    counts = people.field_indptr[candidates + 1] - starts
    result = np.zeros(len(candidates))
    has = counts > 0
    if not has.any():
        return result
    positions = np.repeat(starts[has], counts[has]) + (
        np.arange(counts[has].sum()) - np.repeat(np.cumsum(counts[has]) - counts[has], counts[has])
    )
    gathered = values[people.field_indices[positions]]
    offsets = np.concatenate([[0], np.cumsum(counts[has])[:-1]])
    result[has] = np.maximum.reduceat(gathered, offsets)
    return result


def _per_org(people: _People, values: Any, candidates: Any) -> Any:
    import numpy as np

    org = people.org[candidates]
    return np.where(org >= 0, values[np.maximum(org, 0)], 0.0)


def _relevance(people: _People, targets: _Targets, candidates: Any) -> Any:
    import numpy as np

    per_field = np.zeros(len(people.field_ids) or 1)
    for i, field_id in enumerate(people.field_ids):
        direct = targets.field_weight.get(field_id, 0.0)
        per_field[i] = max(direct, targets.related_weight.get(field_id, (0.0, ""))[0])
    per_org = np.asarray([targets.org_weight.get(o, 0.0) for o in people.org_ids] or [0.0])
    f = _per_field_max(people, per_field, candidates)
    o = _per_org(people, per_org, candidates)
    # Matching a target field and a target organization is best; either alone ranks below.
    return (np.maximum(f, o) + 0.25 * np.minimum(f, o)) / 1.25


def _coverage(people: _People, targets: _Targets, candidates: Any) -> Any:
    import numpy as np

    per_field = np.asarray(
        [
            targets.field_weight.get(f, 0.0) / (1 + targets.field_interviews.get(f, 0))
            for f in people.field_ids
        ]
        or [0.0]
    )
    per_org = np.asarray(
        [
            targets.org_weight.get(o, 0.0) / (1 + targets.org_interviews.get(o, 0))
            for o in people.org_ids
        ]
        or [0.0]
    )
    return np.maximum(
        _per_field_max(people, per_field, candidates), _per_org(people, per_org, candidates)
    )


def _in_filters(people: _People, fields: Sequence[str], orgs: Sequence[str]) -> Any:
    import numpy as np

    everyone = np.arange(len(people.org))
    field_hit = np.asarray([1.0 if f in fields else 0.0 for f in people.field_ids] or [0.0])
    org_hit = np.asarray([1.0 if o in orgs else 0.0 for o in people.org_ids] or [0.0])
    hits = _per_field_max(people, field_hit, everyone) + _per_org(people, org_hit, everyone)
    return hits > 0


def _warm(warmth: Warmth, view: Any, me: str, candidates: Any) -> Any:
    """Return the warmth factor: the best path's chance, with novelty on my own ties.

    For someone I know, the chance is the better of my tie discounted by its novelty,
    ``TIE_REPLY[s] · NOVELTY[s]``, and my other direct hops to them (a referral, a reply),
    which novelty does not touch. Both terms grow (or stay) with the strength ``s``, so a
    stronger tie never lowers the warmth — not even for someone who already replied.
    """
    import numpy as np

    warm = np.exp(-warmth.cost[candidates])
    position = np.full(len(view.ids), -1)
    position[candidates] = np.arange(len(candidates))
    for other, strength in warmth.network.strengths(me).items():
        i = int(position[view.index[other]])
        if i < 0:
            continue
        own = TIE_REPLY[strength] * NOVELTY[strength]
        if other in warmth.known:
            warm[i] = max(own, warmth.direct.get(other, 0.0))
        elif math.isclose(warmth.cost[view.index[other]], -math.log(TIE_REPLY[strength])):
            warm[i] = own
    return warm


def _onward_reach(
    network: ReferralNetwork, targets: _Targets, person_id: str
) -> tuple[float, list[str]]:
    """Uncovered targets the person knows people in, and the factor ``1 - exp(-Σ w)``."""
    uncovered_fields = {f for f, n in targets.field_interviews.items() if n == 0}
    uncovered_orgs = {o for o, n in targets.org_interviews.items() if n == 0}
    if not uncovered_fields and not uncovered_orgs:
        return 0.0, []
    me = network.me.id
    person = network.person(person_id)
    own = set(person.fields) | {person.organization}
    found: set[tuple[str, str]] = set()
    for other in network.strengths(person_id):
        if other == me:
            continue
        contact = network.person(other)
        found.update(("field", f) for f in contact.fields if f in uncovered_fields)
        if contact.organization in uncovered_orgs:
            found.add(("org", contact.organization))
    found = {(kind, t) for kind, t in found if t not in own}
    total = sum(
        (targets.field_weight if kind == "field" else targets.org_weight)[t] for kind, t in found
    )
    names = [
        network.field(t).name if kind == "field" else network.organization(t).name
        for kind, t in sorted(found)
    ]
    return 1.0 - math.exp(-total), names


# --- timing ----------------------------------------------------------------------------------


def _timing(
    network: ReferralNetwork, life: Lifecycle, day: dt.date, settings: SuggestWeights
) -> tuple[set[str], dict[str, float], dict[str, list[str]], dict[str, int]]:
    """Who is excluded, each person's timing value and its sentences, and the coach's tier.

    Everything here reads the lifecycle: a yes to schedule (tier 0), a follow-up due or a
    fresh referral (tier 1), everyone else (tier 2); people asked and waiting, scheduled,
    met, declined, silent after a follow-up or not to be contacted are not suggested.
    """
    excluded = set(life.in_stage("asked", "scheduled", *CLOSED))
    timing: dict[str, float] = {}
    notes: dict[str, list[str]] = {}
    tier: dict[str, int] = {}

    def add(pid: str, value: float, note: str) -> None:
        timing[pid] = min(1.0, timing.get(pid, 0.0) + value)
        notes.setdefault(pid, []).append(note)

    for pid in life.in_stage("said-yes"):
        s = life.standing(pid)
        add(pid, 1.0, f"they said yes on {s.replied_on}: schedule the conversation")
        tier[pid] = 0
    for pid in life.in_stage("follow-up-due"):
        s = life.standing(pid)
        waited = business_days(s.asked_on or day, day)
        add(pid, 0.8, f"no reply for {waited} business days: time to follow up (3B7)")
        tier[pid] = 1
    for pid in life.in_stage("referred"):
        for referral in network.referrals_to(pid):
            age = (day - referral.on).days
            fresh = max(0.0, 1.0 - age / (2 * settings.stale_after_days))
            if fresh > 0:
                state = "fresh" if age < settings.stale_after_days else "getting stale"
                add(pid, fresh, f"a {state} referral, {_days(age)} old")
                if age < settings.stale_after_days:
                    tier[pid] = 1
    for item in life.obligations:
        if item.kind != "3b7-second-contact" or item.person_id is None or item.due > day:
            continue
        waiting = life.standing(item.person_id)
        org = network.person(item.person_id).organization
        if org is None:
            continue
        waited = business_days(waiting.asked_on or day, day)
        for member in network.members(org):
            if life.stage(member.id) in ("known", "referred") and member.id != network.me.id:
                add(
                    member.id,
                    0.5,
                    f"{network.person(item.person_id).name} at "
                    f"{network.organization(org).name} has not replied in {waited} business "
                    f"days: try a second person there (3B7)",
                )
    return excluded, timing, notes, tier


# --- the result ------------------------------------------------------------------------------


def _suggestion(
    network: ReferralNetwork,
    warmth: Warmth,
    targets: _Targets,
    settings: SuggestWeights,
    day: dt.date,
    *,
    person_id: str,
    values: dict[str, float],
    weight_of: Mapping[str, float],
    timing_notes: Iterable[str],
    standing: Standing,
    tier: int,
) -> Suggestion:
    person = network.person(person_id)
    reach = warmth.reach(person_id)
    if reach is None:  # cannot happen for a candidate; kept for the type checker
        raise NotFoundError(f"no path to '{person_id}'")
    factors = {name: weight_of[name] * value for name, value in values.items()}
    reasons = []
    if factors["warmth"] >= 0.005:
        reasons.append(f"warmth +{factors['warmth']:.2f}: {_why_warm(network, warmth, reach)}")
    if factors["relevance"] >= 0.005:
        reasons.append(
            f"relevance +{factors['relevance']:.2f}: {_why_relevant(network, targets, person)}"
        )
    if factors["coverage"] >= 0.005:
        reasons.append(
            f"coverage +{factors['coverage']:.2f}: {_why_coverage(network, targets, person)}"
        )
    if factors["reach"] >= 0.005:
        names = _onward_reach(network, targets, person_id)[1]
        reasons.append(
            f"onward reach +{factors['reach']:.2f}: knows people in targets you have not "
            f"covered yet ({', '.join(names)})"
        )
    if factors["timing"] >= 0.005:
        reasons.append(f"timing +{factors['timing']:.2f}: " + "; ".join(timing_notes))
    for name in sorted(set(values) - set(_BUILT_IN)):
        if factors[name] >= 0.005:
            reasons.append(f"{name} +{factors[name]:.2f}: your own factor ({values[name]:.2f})")
    if reach.referral is not None and len(reach.chain) == 2:
        via: str | None = reach.referral.referrer
    else:
        via = reach.chain[1] if len(reach.chain) > 2 else None
    return Suggestion(
        person_id=person_id,
        name=person.name,
        score=round(sum(factors.values()), 6),
        action=_action(network, reach, person, standing, day),
        stage=standing.stage,
        tier=tier,
        path=reach.path,
        path_names=tuple(_name(network, p) for p in reach.path),
        via=via,
        reasons=tuple(reasons),
        factors={k: round(v, 6) for k, v in factors.items()},
    )


def _name(network: ReferralNetwork, pid: str) -> str:
    return network.person(pid).name


def _days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"


def _why_warm(network: ReferralNetwork, warmth: Warmth, reach: Reach) -> str:
    model = warmth.model
    if reach.referral is not None and len(reach.chain) == 2:
        r = reach.referral
        permission = (
            " and said you may use the name" if r.may_use_name else "; ask before using the name"
        )
        return f"{_name(network, r.referrer)} referred them on {r.on}{permission}"
    if len(reach.chain) == 2:
        strength = network.strengths(model.me).get(reach.chain[1])
        if strength is None:
            return "you have written to them already"
        if strength == 0:
            return "a direct contact you have not met (tie strength 0)"
        kind = (
            "a moderately weak tie, likely to bring new information"
            if strength <= 3
            else "a strong tie"
        )
        return f"you know them directly (tie strength {strength}: {kind})"
    introducers = reach.chain[1:-1]
    described = []
    for pid in introducers:
        label = model.classes.get(pid, "unknown")
        asked = model.asks.get(pid, 0)
        text = _name(network, pid) + ("" if label == "unknown" else f" ({label})")
        if reach.referral is not None and pid == reach.referral.referee:
            text += f", referred by {_name(network, reach.referral.referrer)}"
        if asked:
            text += f", asked {asked}× lately"
        described.append(text)
    weakest = min(reach.hops) if reach.hops else 0.0
    return (
        f"{math.exp(-reach.cost):.0%} chance along you → {' → '.join(described)} → them; "
        f"weakest link {weakest:.0%}"
    )


def _why_relevant(network: ReferralNetwork, targets: _Targets, person: Person) -> str:
    parts = []
    for field_id in person.fields:
        if field_id in targets.field_weight:
            parts.append(f"works in {network.field(field_id).name} (a target)")
        elif field_id in targets.related_weight:
            source = targets.related_weight[field_id][1]
            parts.append(
                f"works in {network.field(field_id).name}, related to {network.field(source).name}"
            )
    if person.organization in targets.org_weight:
        parts.append(f"works at {network.organization(person.organization).name} (a target)")
    return "; ".join(parts)


def _why_coverage(network: ReferralNetwork, targets: _Targets, person: Person) -> str:
    parts = []
    for field_id in person.fields:
        if field_id in targets.field_interviews:
            n = targets.field_interviews[field_id]
            parts.append(f"{n} interview{'s' * (n != 1)} so far in {network.field(field_id).name}")
    org = person.organization
    if org in targets.org_interviews:
        n = targets.org_interviews[org]
        parts.append(f"{n} interview{'s' * (n != 1)} so far at {network.organization(org).name}")
    return "; ".join(parts)


def _action(
    network: ReferralNetwork, reach: Reach, person: Person, standing: Standing, day: dt.date
) -> str:
    name = person.name
    if standing.stage == "said-yes":
        return f"Schedule 15 minutes with {name} — they said yes on {standing.replied_on}"
    if standing.stage == "follow-up-due" and standing.asked_on is not None:
        waited = business_days(standing.asked_on, day)
        channel = CHANNEL_NOUN[standing.channel or "other"]
        return (
            f"Follow up with {name} ({waited} business days without a reply "
            f"to your {channel} of {standing.asked_on})"
        )
    how = "Email" if person.emails or person.url is None else "Message"
    if reach.referral is not None and len(reach.chain) == 2:
        referrer = _name(network, reach.referral.referrer)
        if reach.referral.may_use_name:
            return f"{how} {name} and mention {referrer} — {referrer} said you may use the name"
        return f"Contact {name}, whom {referrer} suggested — ask {referrer} before using the name"
    if len(reach.chain) == 2:
        return f"Ask {name} for 15 minutes of advice"
    first = _name(network, reach.chain[1])
    if reach.referral is not None:
        first += f" (referred by {_name(network, reach.referral.referrer)})"
    if len(reach.chain) == 3:
        return f"Ask {first} whether they would introduce you to {name}"
    rest = ", who knows ".join(_name(network, p) for p in reach.chain[2:])
    return f"Ask {first} to introduce you to {rest}"
