"""Coverage: which target fields and employers I have explored, and where the gaps are.

For every target — a career field or an organization — :func:`coverage` counts the people
I know there and how far I got with them (reached out, replied, interviewed), the referrals
into it still pending, the *independent paths* from me into it (node-disjoint, so that no
one person is the only way in), the share of the question bank answered there, and the last
activity. Then: the gaps (targets without an interview, targets without a path), the fields
related to my target fields that are worth a look ("are there related fields I might want
to look into?"), and the untargeted fields I have touched anyway.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> report = coverage(demo_network())
>>> [(t.target_id, t.interviewed) for t in report.targets][:2]
[('accounting', 3), ('general-mills', 0)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from infoview_graph.algorithms._display import coverage_html, coverage_text
from infoview_graph.algorithms._warmth import HopModel, direct_hops, hop_model
from infoview_graph.lifecycle import ANSWERED, PENDING, judging_day, lifecycle
from infoview_graph.timing import Thresholds

if TYPE_CHECKING:
    import numpy.typing as npt

    from infoview_graph.compact import Compact
    from infoview_graph.models import Referral
    from infoview_graph.network import ReferralNetwork

__all__ = ["Coverage", "RelatedField", "TargetCoverage", "TouchedField", "coverage"]

_PATH_CUTOFF = 5


class TargetCoverage(BaseModel):
    """Where I stand with one target.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> first = coverage(net).targets[0]
    >>> first.name, first.known, first.interviewed, first.independent_paths
    ('Accounting', 12, 3, 5)
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    kind: Literal["field", "org"]
    target_id: str
    name: str
    priority: int
    known: int
    """People I have on record there (besides me)."""
    reached_out: int
    replied: int
    interviewed: int
    pending_referrals: int
    """Referrals to people there (or for it) not yet interviewed, declined or dead."""
    independent_paths: int
    """Node-disjoint paths from me into it of at most ``max_hops`` hops (found greedily,
    shortest first, up to 5): how many people could each, alone, get me in."""
    questions_answered: float
    """Share of the question bank answered in interviews there."""
    last_activity: dt.date | None


class RelatedField(BaseModel):
    """A field related to a target field, not a target itself.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> [(f.name, f.related_to) for f in coverage(net).related_fields][:2]
    [('Auditing', ('accounting',)), ('Communications', ('freelance-writing',))]
    """

    model_config = ConfigDict(frozen=True)

    field_id: str
    name: str
    related_to: tuple[str, ...]
    related_to_names: tuple[str, ...] = ()
    """The names of the target fields in ``related_to``, in the same order."""
    known: int
    interviewed: int


class TouchedField(BaseModel):
    """A field outside my targets that I have reached into anyway.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> [f.name for f in coverage(net).untargeted_fields][:3]
    ['Grant writing', 'Auditing', 'Fundraising']
    """

    model_config = ConfigDict(frozen=True)

    field_id: str
    name: str
    reached_out: int
    interviewed: int


class Coverage(BaseModel):
    """The answer to "which targets have I covered, and where are the gaps?".

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> report = coverage(net)
    >>> report.no_interview
    ('general-mills',)
    >>> report.no_path
    ()
    """

    model_config = ConfigDict(frozen=True)

    targets: tuple[TargetCoverage, ...]
    """By priority, then kind and id."""
    no_interview: tuple[str, ...]
    """Targets without an interview yet."""
    no_path: tuple[str, ...]
    """Targets nobody I know leads to."""
    related_fields: tuple[RelatedField, ...]
    """Worth a look: most people known first."""
    untargeted_fields: tuple[TouchedField, ...]

    def __repr__(self) -> str:
        """One line per target, then the gaps (see :func:`coverage_text`)."""
        return coverage_text(self)

    def __str__(self) -> str:
        """Show the same table as ``repr``, for ``print(report)``."""
        return coverage_text(self)

    def _repr_html_(self) -> str:
        """Show the targets as an HTML table and the gaps, for a notebook; names are escaped.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> "<caption>Coverage of my targets</caption>" in coverage(demo_network())._repr_html_()
        True
        """
        return coverage_html(self)


def coverage(
    network: ReferralNetwork,
    *,
    today: dt.date | None = None,
    questions: Sequence[str] | None = None,
    max_hops: int = 3,
) -> Coverage:
    """Report, per target field and organization, how far I have got and what is missing.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        Default: the network's ``as_of`` date if it has one, else today.
    questions : sequence of str, optional
        The ids of the question bank (default: the built-in bank and my own questions).
    max_hops : int, default 3
        How far the independent paths may reach.

    Returns
    -------
    Coverage
        One row per target, the gaps, related fields worth a look, untargeted fields.

    Notes
    -----
    O(n + i + o + r) for the counts; per target, at most 5 hop-limited breadth-first
    searches on the compact view (O(max_hops · m) numpy each) for the independent paths.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> import datetime as dt
    >>> report = coverage(net, today=dt.date(2026, 11, 20))
    >>> for t in report.targets[:3]:
    ...     print(t.name, t.known, t.interviewed)
    Accounting 12 3
    General Mills 7 0
    Non-profit management 7 3
    """
    day = judging_day(network, today)
    bank = list(questions) if questions is not None else _bank_ids(network)
    me = network.me.id
    interviews = sorted(network.interviews(), key=lambda i: (i.on, i.id))
    contacted = {o.person: o for o in network.outreach()}
    life = lifecycle(network, today=day)
    replied = set(life.in_stage(*ANSWERED))
    interviewed = {i.person for i in interviews}
    model = hop_model(network, today=day, thresholds=Thresholds(), ask_window_days=30, max_asks=3)
    paths = _Paths(network, model, max_hops)

    rows = []
    for target in network.targets():
        if target.kind == "field":
            name = network.field(target.id).name
            people = [p for p in network.in_field_ids(target.id) if p != me]
        else:
            name = network.organization(target.id).name
            people = [p for p in network.member_ids(target.id) if p != me]
        groups = network.person_groups("fields" if target.kind == "field" else "organization")
        ids = set(people)
        pending = [
            r
            for r in network.referrals()
            if (r.referee in ids or target.id in (r.for_field, r.for_org))
            and life.stage(r.referee) in PENDING
        ]
        answered = {q for i in interviews if i.person in ids for q in i.answers if q in set(bank)}
        rows.append(
            TargetCoverage(
                kind=target.kind,
                target_id=target.id,
                name=name,
                priority=target.priority,
                known=len(ids),
                reached_out=len(ids & set(contacted)),
                replied=len(ids & (replied | interviewed)),
                interviewed=len(ids & interviewed),
                pending_referrals=len(pending),
                independent_paths=paths.count(groups.members(target.id)),
                questions_answered=round(len(answered) / len(bank), 4) if bank else 0.0,
                last_activity=_last_activity(network, ids, pending),
            )
        )
    return Coverage(
        targets=tuple(rows),
        no_interview=tuple(r.target_id for r in rows if r.interviewed == 0),
        no_path=tuple(r.target_id for r in rows if r.independent_paths == 0),
        related_fields=_related(network, interviewed),
        untargeted_fields=_touched(network, set(contacted), interviewed),
    )


def _bank_ids(network: ReferralNetwork) -> list[str]:
    from infoview_graph.questions import question_bank

    return [q.id for q in question_bank(network.questions())]


class _Paths:
    """Independent paths from me into a target: the search's inputs, prepared once."""

    def __init__(self, network: ReferralNetwork, model: HopModel, max_hops: int) -> None:
        self.view = view = network.compact()
        self.me = view.index[network.me.id]
        self.max_hops = max_hops
        self.blocked = np.zeros(len(view.ids), dtype=bool)
        for pid in model.blocked:
            self.blocked[view.index[pid]] = True
        self.direct = np.asarray(sorted(view.index[p] for p in direct_hops(model)), dtype=np.int64)

    def count(self, members: npt.NDArray[np.int64]) -> int:
        """Count node-disjoint paths of at most ``max_hops`` hops from me into the target.

        ``members`` are the target's people as positions in the compact view (me among
        them or not). Greedy, shortest first: find a shortest path to anyone in the target
        (breadth-first on the compact view, ties to the smaller index), set its people
        aside, repeat — up to ``_PATH_CUTOFF`` paths. Every path found is disjoint from the
        others, so the count is a lower bound on the maximum (which a max-flow on the
        length-bounded graph would give at a cost far beyond a command's budget on a large
        network).
        """
        removed = self.blocked.copy()
        target = np.zeros(len(self.view.ids), dtype=bool)
        target[members] = True
        target[self.me] = False
        found = 0
        while found < _PATH_CUTOFF:
            path = _shortest_path(
                self.view, self.me, self.direct, target & ~removed, removed, self.max_hops
            )
            if path is None:
                break
            found += 1
            removed[path[1:]] = True
        return found


def _shortest_path(
    view: Compact,
    source: int,
    direct: npt.NDArray[np.int64],
    target: npt.NDArray[np.bool_],
    removed: npt.NDArray[np.bool_],
    max_hops: int,
) -> list[int] | None:
    parent = np.full(len(view.ids), -1, dtype=np.int64)
    seen = removed.copy()
    seen[source] = True
    frontier = np.asarray([source], dtype=np.int64)
    for hop in range(1, max_hops + 1):
        starts, ends = view.indptr[frontier], view.indptr[frontier + 1]
        counts = ends - starts
        positions = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        reached = view.indices[positions + np.repeat(starts, counts)].astype(np.int64)
        via = np.repeat(frontier, counts)
        if hop == 1 and len(direct):
            reached = np.concatenate([reached, direct])
            via = np.concatenate([via, np.full(len(direct), source)])
        fresh = ~seen[reached]
        reached, via = reached[fresh], via[fresh]
        if not len(reached):
            return None
        order = np.lexsort((via, reached))
        reached, via = reached[order], via[order]
        first = np.ones(len(reached), dtype=bool)
        first[1:] = reached[1:] != reached[:-1]
        reached, via = reached[first], via[first]
        parent[reached] = via
        seen[reached] = True
        hits = reached[target[reached]]
        if len(hits):
            path = [int(hits.min())]
            while path[-1] != source:
                path.append(int(parent[path[-1]]))
            return path[::-1]
        frontier = reached
    return None


def _last_activity(
    network: ReferralNetwork, ids: set[str], pending: Sequence[Referral]
) -> dt.date | None:
    dates: list[dt.date] = []
    for attempt in network.outreach():
        if attempt.person in ids:
            dates.append(attempt.replied_on or attempt.on)
    dates += [i.on for i in network.interviews() if i.person in ids]
    dates += [r.on for r in network.referrals() if r.referee in ids]
    dates += [r.on for r in pending]
    return max(dates, default=None)


def _related(network: ReferralNetwork, interviewed: set[str]) -> tuple[RelatedField, ...]:
    targeted = {t.id for t in network.targets() if t.kind == "field"}
    me = network.me.id
    found: dict[str, set[str]] = {}
    for field_id in sorted(targeted):
        for other in network.related_fields(field_id):
            if other not in targeted:
                found.setdefault(other, set()).add(field_id)
    rows = []
    for field_id, sources in found.items():
        people = set(network.in_field_ids(field_id)) - {me}
        rows.append(
            RelatedField(
                field_id=field_id,
                name=network.field(field_id).name,
                related_to=tuple(sorted(sources)),
                related_to_names=tuple(network.field(f).name for f in sorted(sources)),
                known=len(people),
                interviewed=len(people & interviewed),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.known, -r.interviewed, r.field_id)))


def _touched(
    network: ReferralNetwork, contacted: set[str], interviewed: set[str]
) -> tuple[TouchedField, ...]:
    targeted = {t.id for t in network.targets() if t.kind == "field"}
    counts: dict[str, list[int]] = {}
    fields_of = network.person_column("fields")  # read to group by field already
    for pid in contacted | interviewed:
        for field_id in fields_of[pid]:
            if field_id not in targeted:
                row = counts.setdefault(field_id, [0, 0])
                row[0] += pid in contacted
                row[1] += pid in interviewed
    rows = [
        TouchedField(field_id=f, name=network.field(f).name, reached_out=c[0], interviewed=c[1])
        for f, c in counts.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.interviewed, -r.reached_out, r.field_id)))
