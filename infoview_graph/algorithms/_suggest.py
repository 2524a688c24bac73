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
import heapq
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, TypeAlias

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, computed_field

from infoview_graph.algorithms._display import Suggestions
from infoview_graph.algorithms._reasons import BUILT_IN, Reason, action, name_of, reasons, via
from infoview_graph.algorithms._scoring import (
    PRIORITY_WEIGHT,
    RELATED_SHARE,
    Targets,
    coverage_gain,
    in_filters,
    onward_reach,
    person_arrays,
    relevance,
    targets,
)
from infoview_graph.algorithms._warmth import (
    ASK_WINDOW_DAYS,
    MAX_ASKS,
    TIE_REPLY,
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
    judging_day,
    lifecycle,
)
from infoview_graph.timing import Thresholds, business_days

if TYPE_CHECKING:
    import numpy.typing as npt

    from infoview_graph.compact import Compact
    from infoview_graph.models import Person
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "NOVELTY",
    "PRIORITY_WEIGHT",
    "RELATED_SHARE",
    "TIERS",
    "Factor",
    "Reason",
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
    ask_window_days: Annotated[int, Field(ge=1, le=365)] = ASK_WINDOW_DAYS
    """Window for counting how often an introducer was asked."""
    max_asks: Annotated[int, Field(ge=1, le=100)] = MAX_ASKS
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
    why: tuple[Reason, ...] = ()
    """Each factor that mattered: its name, its contribution and the explanation."""
    factors: dict[str, float]
    """Each factor's contribution to the score (weight × value)."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reasons(self) -> tuple[str, ...]:
        """One sentence per factor that mattered, with its contribution (from :attr:`why`)."""
        return tuple(str(reason) for reason in self.why)


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
        How many suggestions at most (0 gives none).
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
        If ``k`` is negative, or a factor of your own has a built-in name, a weight outside
        [0, 10], or returns a value outside [0, 1] (the error names the factor).

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
    >>> smith.factors["in accounting"], smith.why[-1]
    (0.2, Reason(factor='in accounting', contribution=0.2, text='your own factor (1.00)'))
    """
    if k < 0:
        raise InvalidInputError(f"k must be 0 or more, not {k}")
    settings = weights or SuggestWeights()
    day = judging_day(network, today)
    me = network.me
    fields = [network.find_field(f).id for f in fields or ()]
    organizations = [network.find_organization(o).id for o in organizations or ()]
    goals = targets(network, fields, organizations)
    model = hop_model(
        network,
        today=day,
        thresholds=settings.thresholds,
        ask_window_days=settings.ask_window_days,
        max_asks=settings.max_asks,
    )
    warmth = warmth_paths(network, model, max_hops=settings.max_hops)
    view = network.compact()
    people = person_arrays(network)

    reached = np.isfinite(warmth.cost)
    reached[view.index[me.id]] = False
    life = lifecycle(network, today=day, settings=_life_settings(settings))
    timing = _timing(network, life, day, settings)
    for pid in timing.excluded:
        reached[view.index[pid]] = False
    if fields or organizations:
        reached &= in_filters(people, fields or (), organizations or ())
    candidates = np.flatnonzero(reached)
    if not len(candidates) or k == 0:
        return Suggestions()

    warm = _warm(warmth, view, me.id, candidates)
    relevant = relevance(people, goals, candidates)
    gain = coverage_gain(people, goals, candidates)
    timed = timing.values(network, life)[candidates]
    partial = (
        settings.warmth * warm
        + settings.relevance * relevant
        + settings.coverage * gain
        + settings.timing * timed
    )

    # The coach's order first (a yes to schedule, then follow-ups due and fresh referrals,
    # then everyone else), the score within a tier. Onward reach costs Python per
    # candidate: take candidates by tier and best possible score, and stop once even a full
    # reach could not lift the next one into the top k.
    tier = np.full(len(view.ids), 2)
    for pid, value in timing.tier.items():
        tier[view.index[pid]] = value
    tier = tier[candidates]
    own = _own_factors(factors)
    scored = _best(
        network, goals, view.ids, candidates, tier, partial, own=own, reach=settings.reach, k=k
    )
    weight_of = {name: getattr(settings, name) for name in BUILT_IN}
    weight_of |= {name: weight for name, weight, _ in own}

    return Suggestions(
        _suggestion(
            network,
            warmth,
            goals,
            day,
            person_id=pid,
            values={
                "warmth": float(warm[position]),
                "relevance": float(relevant[position]),
                "coverage": float(gain[position]),
                "timing": float(timed[position]),
                **values,
            },
            weight_of=weight_of,
            timing_notes=timing.notes_of(network, life, pid),
            standing=life.standing(pid),
            tier=tier_of,
        )
        for tier_of, _, pid, position, values in scored[:k]
    )


Scored = tuple[int, float, str, int, dict[str, float]]
"""A candidate scored in full: tier, score, id, position among the candidates, values."""


def _best(
    network: ReferralNetwork,
    goals: Targets,
    ids: Sequence[str],
    candidates: npt.NDArray[np.int64],
    tier: npt.NDArray[np.int64],
    partial: npt.NDArray[np.float64],
    *,
    own: list[tuple[str, float, Factor]],
    reach: float,
    k: int,
) -> list[Scored]:
    """Return the candidates scored in full, best first: at least the k best.

    Candidate ``i`` is the person ``ids[candidates[i]]``, in tier ``tier[i]`` with the
    score ``partial[i]`` before reach and own factors. Onward reach and the user's own
    factors cost Python per candidate: candidates are taken by tier and best possible
    score, and the walk stops once even a full reach and full own factors could not lift
    the next one into the top k.
    """
    best_own = sum(weight for _, weight, _ in own)
    scored: list[Scored] = []
    worst_of_best: list[tuple[int, float]] = []  # a heap of the k best (-tier, score)
    for position in _in_order(tier, partial, prefix=max(256, 16 * k)):
        bound = (int(tier[position]), -(partial[position] + reach + best_own))
        if len(worst_of_best) >= k and bound > _kth(worst_of_best):
            break
        pid = ids[int(candidates[position])]
        values = {"reach": onward_reach(network, goals, pid)[0]}
        values |= {name: _own_value(name, fn, network, pid) for name, _, fn in own}
        total = partial[position] + reach * values["reach"]
        total += sum(weight * values[name] for name, weight, _ in own)
        scored.append((int(tier[position]), total, pid, int(position), values))
        heapq.heappush(worst_of_best, (-int(tier[position]), total))
        if len(worst_of_best) > k:
            heapq.heappop(worst_of_best)
    scored.sort(key=lambda s: (s[0], -s[1], s[2]))
    return scored


def _in_order(
    tier: npt.NDArray[np.int64], partial: npt.NDArray[np.float64], *, prefix: int
) -> Iterator[int]:
    """Yield the positions by tier, then highest ``partial`` first, then position.

    The order of ``np.lexsort((positions, -partial, tier))``, without sorting every
    candidate (a career office has a million) when the walk stops early: the positions
    come in blocks, each everyone up to a pivot — about ``prefix`` of them, then eight
    times as many each time — sorted exactly, the rest only if the walk gets that far.

    Examples
    --------
    >>> tier, partial = np.array([2, 1, 1, 2]), np.array([0.9, 0.2, 0.5, 0.9])
    >>> list(_in_order(tier, partial, prefix=1)), list(_in_order(tier, partial, prefix=9))
    ([2, 1, 0, 3], [2, 1, 0, 3])
    """
    # Tiers are whole numbers and 0 <= partial < span: this key orders about as the pair
    # does (but for rounding), which is enough to choose a pivot.
    span = float(partial.max(initial=0.0)) + 1.0
    key = tier * span - partial
    left = np.arange(len(partial))
    size = prefix
    while len(left) > size:
        pivot = left[np.argpartition(key[left], size - 1)[size - 1]]
        at, score = tier[pivot], partial[pivot]
        # Everyone at or before the pivot, compared exactly: a prefix of the order.
        first = (tier[left] < at) | ((tier[left] == at) & (partial[left] >= score))
        block = left[first]
        yield from block[np.lexsort((block, -partial[block], tier[block]))].tolist()
        left = left[~first]
        size *= 8
    yield from left[np.lexsort((left, -partial[left], tier[left]))].tolist()


def _own_factors(
    factors: Mapping[str, tuple[float, Factor]] | None,
) -> list[tuple[str, float, Factor]]:
    """Check the user's factors: a new name, a weight in [0, 10], a callable."""
    own = []
    for name, (weight, fn) in sorted((factors or {}).items()):
        if name in BUILT_IN or not name.strip():
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


def _kth(worst_of_best: list[tuple[int, float]]) -> tuple[int, float]:
    """Return the (tier, -score) of the k-th best so far, less rounding noise.

    ``worst_of_best`` is a heap of the k best as (-tier, score): its root is the k-th.

    >>> _kth([(-1, 0.25), (0, 0.9)])
    (1, -0.249999999999)
    """
    negative_tier, score = worst_of_best[0]
    return -negative_tier, -score + 1e-12


def _life_settings(settings: SuggestWeights) -> LifecycleSettings:
    return LifecycleSettings(
        thresholds=settings.thresholds, stale_after_days=settings.stale_after_days
    )


# --- timing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Timing:
    """Who is excluded, the timing values and sentences, and the coach's tier (see _timing)."""

    excluded: set[str]
    value: dict[str, float]
    notes: dict[str, list[str]]
    tier: dict[str, int]
    second: list[tuple[str, str]]
    """Each employer whose first contact is silent past the 3B7 wait, and the sentence
    for everyone else there: applied to whole employers at once (see :meth:`values`)."""

    def values(self, network: ReferralNetwork, life: Lifecycle) -> npt.NDArray[np.float64]:
        """Return every person's timing value, in the compact view's order."""
        view = network.compact()
        found = np.zeros(len(view.ids))
        for pid, value in self.value.items():
            found[view.index[pid]] = value
        if self.second:
            open_ = np.ones(len(view.ids), dtype=bool)
            open_[view.index[network.me.id]] = False
            for pid, standing in life.standings.items():
                open_[view.index[pid]] = standing.stage in ("known", "referred")
            groups = network.person_groups("organization")  # over the same sorted ids
            for org, _ in self.second:
                members = groups.members(org)
                members = members[open_[members]]
                found[members] = np.minimum(1.0, found[members] + 0.5)
        return found

    def notes_of(self, network: ReferralNetwork, life: Lifecycle, pid: str) -> list[str]:
        """Return the timing sentences of one person, in the order their values were added."""
        found = list(self.notes.get(pid, ()))
        if pid != network.me.id and life.stage(pid) in ("known", "referred"):
            org = network.person_column("organization")[pid]
            found += [note for where, note in self.second if where == org]
        return found


def _timing(
    network: ReferralNetwork, life: Lifecycle, day: dt.date, settings: SuggestWeights
) -> _Timing:
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
    received = network.referrals_by_referee()  # as referrals_to, without a lookup each
    for pid in life.in_stage("referred"):
        for referral in received.get(pid, ()):
            age = (day - referral.on).days
            fresh = max(0.0, 1.0 - age / (2 * settings.stale_after_days))
            if fresh > 0:
                state = "fresh" if age < settings.stale_after_days else "getting stale"
                add(pid, fresh, f"a {state} referral, {_days(age)} old")
                if age < settings.stale_after_days:
                    tier[pid] = 1
    second = []
    names = network.person_column("name")
    for org, pid, due in life.second_contacts_owed:
        if due > day:
            continue
        waiting = life.standing(pid)
        waited = business_days(waiting.asked_on or day, day)
        second.append(
            (
                org,
                f"{names[pid]} at {network.organization(org).name} has not "
                f"replied in {waited} business days: try a second person there (3B7)",
            )
        )
    return _Timing(excluded, timing, notes, tier, second)


# --- the result ------------------------------------------------------------------------------


def _warm(
    warmth: Warmth, view: Compact, me: str, candidates: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Return the warmth factor: the best path's chance, with novelty on my own ties.

    For someone I know, the chance is the better of my tie discounted by its novelty,
    ``TIE_REPLY[s] · NOVELTY[s]``, and my other direct hops to them (a referral, a reply),
    which novelty does not touch. Both terms grow (or stay) with the strength ``s``, so a
    stronger tie never lowers the warmth — not even for someone who already replied.
    """
    warm = np.exp(-warmth.cost[candidates])
    position = np.full(len(view.ids), -1)
    position[candidates] = np.arange(len(candidates))
    # My ties as arrays (a LinkedIn export ties me to everyone): the CSR row of me.
    row = view.index[me]
    start, end = int(view.indptr[row]), int(view.indptr[row + 1])
    others = view.indices[start:end].astype(np.int64)
    strength = view.strength[start:end].astype(np.int64)
    at = position[others]
    keep = at >= 0
    others, strength, at = others[keep], strength[keep], at[keep]
    # Tables of Python floats: the same numbers the scalar formulas give.
    own = np.asarray([reply * novelty for reply, novelty in zip(TIE_REPLY, NOVELTY, strict=True)])
    tie_cost = np.asarray([-math.log(reply) for reply in TIE_REPLY])
    own, tie_cost = own[strength], tie_cost[strength]
    direct = np.zeros(len(view.ids))
    for pid, chance in warmth.direct.items():
        direct[view.index[pid]] = chance
    known = strength >= 1  # warmth.known: my ties of strength 1 or more (own_hops)
    warm[at[known]] = np.maximum(own[known], direct[others[known]])
    cost = warmth.cost[others]
    # math.isclose's test, element by element (every cost here is finite).
    close = np.abs(cost - tie_cost) <= 1e-9 * np.maximum(np.abs(cost), np.abs(tie_cost))
    close &= ~known
    warm[at[close]] = own[close]
    return warm


def _suggestion(
    network: ReferralNetwork,
    warmth: Warmth,
    goals: Targets,
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
    why = reasons(
        network,
        warmth,
        goals,
        reach,
        person,
        factors=factors,
        values=values,
        timing_notes=timing_notes,
    )
    return Suggestion(
        person_id=person_id,
        name=person.name,
        score=round(sum(factors.values()), 6),
        action=action(network, reach, person, standing, day),
        stage=standing.stage,
        tier=tier,
        path=reach.path,
        path_names=tuple(name_of(network, p) for p in reach.path),
        via=via(reach),
        why=why,
        factors={k: round(v, 6) for k, v in factors.items()},
    )


def _days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"
