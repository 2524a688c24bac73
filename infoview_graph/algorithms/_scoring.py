"""The numbers behind :func:`~infoview_graph.algorithms.suggest_next_contacts`.

My targets as weights, each person's fields and organization as arrays aligned with the
compact view, and the vectorised kernels that turn them into the relevance and coverage
factors of every candidate at once; onward reach, per candidate, for the few that could
still enter the top k.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

    from infoview_graph.network import ReferralNetwork

PRIORITY_WEIGHT = {1: 1.0, 2: 0.7, 3: 0.4}
"""Weight of a target by its priority (1 highest)."""
RELATED_SHARE = 0.5
"""Share of a target field's weight that a related field earns."""


@dataclass(frozen=True)
class Targets:
    """My targets as weights (by priority), related fields at a share, interviews so far."""

    field_weight: dict[str, float]
    org_weight: dict[str, float]
    related_weight: dict[str, tuple[float, str]]
    field_interviews: dict[str, int]
    org_interviews: dict[str, int]


def targets(
    network: ReferralNetwork,
    fields: Sequence[str] | None,
    organizations: Sequence[str] | None,
) -> Targets:
    """Weigh my targets, or the filters given instead (at priority 1)."""
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
    fields_of, org_of = network.person_column("fields"), network.person_column("organization")
    for interview in network.interviews():
        for field_id in fields_of[interview.person]:
            if field_id in field_interviews:
                field_interviews[field_id] += 1
        if org_of[interview.person] in org_interviews:
            org_interviews[org_of[interview.person]] += 1
    return Targets(field_weight, org_weight, related, field_interviews, org_interviews)


@dataclass(frozen=True)
class People:
    """Per-person attributes aligned with the compact view's order."""

    field_ids: list[str]
    org_ids: list[str]
    field_indptr: npt.NDArray[np.int64]
    field_indices: npt.NDArray[np.int32]
    org: npt.NDArray[np.int32]


def person_arrays(network: ReferralNetwork) -> People:
    """Each person's fields and organization as arrays, cached on the network."""
    return network.derived("person-arrays", _build_person_arrays)


def _build_person_arrays(network: ReferralNetwork) -> People:
    # The network's groups hold the codes already, over the persons sorted by id: the
    # compact view's order. No person's record is built to rank them.
    fields = network.person_groups("fields")
    orgs = network.person_groups("organization")
    return People(
        field_ids=fields.keys,
        org_ids=orgs.keys,
        field_indptr=fields.indptr,
        field_indices=fields.codes.astype(np.int32),
        org=orgs.first().astype(np.int32),
    )


def _per_field_max(
    people: People, values: npt.NDArray[np.float64], candidates: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """For each candidate, the max of ``values`` over their fields (0 with no field)."""
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


def _per_org(
    people: People, values: npt.NDArray[np.float64], candidates: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:

    org = people.org[candidates]
    return np.where(org >= 0, values[np.maximum(org, 0)], 0.0)


def relevance(
    people: People, targets: Targets, candidates: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Each candidate's match with my target fields and organizations, in [0, 1]."""
    per_field = np.zeros(len(people.field_ids) or 1)
    for i, field_id in enumerate(people.field_ids):
        direct = targets.field_weight.get(field_id, 0.0)
        per_field[i] = max(direct, targets.related_weight.get(field_id, (0.0, ""))[0])
    per_org = np.asarray([targets.org_weight.get(o, 0.0) for o in people.org_ids] or [0.0])
    f = _per_field_max(people, per_field, candidates)
    o = _per_org(people, per_org, candidates)
    # Matching a target field and a target organization is best; either alone ranks below.
    return (np.maximum(f, o) + 0.25 * np.minimum(f, o)) / 1.25


def coverage_gain(
    people: People, targets: Targets, candidates: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Each candidate's coverage gain: the best target weight ÷ (1 + its interviews)."""
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


def in_filters(people: People, fields: Sequence[str], orgs: Sequence[str]) -> npt.NDArray[np.bool_]:
    """Whether each person is in one of the fields or at one of the organizations."""
    everyone = np.arange(len(people.org))
    field_hit = np.asarray([1.0 if f in fields else 0.0 for f in people.field_ids] or [0.0])
    org_hit = np.asarray([1.0 if o in orgs else 0.0 for o in people.org_ids] or [0.0])
    hits = _per_field_max(people, field_hit, everyone) + _per_org(people, org_hit, everyone)
    return hits > 0


def onward_reach(
    network: ReferralNetwork, targets: Targets, person_id: str
) -> tuple[float, list[str]]:
    """Uncovered targets the person knows people in, and the factor ``1 - exp(-Σ w)``."""
    uncovered_fields = {f for f, n in targets.field_interviews.items() if n == 0}
    uncovered_orgs = {o for o, n in targets.org_interviews.items() if n == 0}
    if not uncovered_fields and not uncovered_orgs:
        return 0.0, []
    me = network.me.id
    # Columns, not records: a candidate's contacts are many, and none of them is shown.
    fields_of, org_of = network.person_column("fields"), network.person_column("organization")
    own = set(fields_of[person_id]) | {org_of[person_id]}
    found: set[tuple[str, str]] = set()
    for other in network.strengths(person_id):
        if other == me:
            continue
        found.update(("field", f) for f in fields_of[other] if f in uncovered_fields)
        if org_of[other] in uncovered_orgs:
            found.add(("org", org_of[other]))
    found = {(kind, t) for kind, t in found if t not in own}
    total = sum(
        (targets.field_weight if kind == "field" else targets.org_weight)[t] for kind, t in found
    )
    names = [
        network.field(t).name if kind == "field" else network.organization(t).name
        for kind, t in sorted(found)
    ]
    return 1.0 - math.exp(-total), names
