"""What the network view shows, as plain JSON-ready data: people, positions, ties, cards.

Every number and sentence is computed here, in Python, by the same functions the commands
use (the lifecycle, the suggestions, the warmth search); the page only draws and filters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import numpy as np

from infoview_graph.algorithms._suggest import SuggestWeights, suggest_next_contacts
from infoview_graph.algorithms._warmth import hop_model, warmth_paths
from infoview_graph.errors import InvalidInputError
from infoview_graph.lifecycle import ACTIVE, STAGE_LABEL, STAGES, lifecycle
from infoview_graph.webview._layout import ego_layout

if TYPE_CHECKING:
    from infoview_graph.algorithms._suggest import Suggestion
    from infoview_graph.algorithms._warmth import Warmth
    from infoview_graph.lifecycle import Lifecycle
    from infoview_graph.models import Person
    from infoview_graph.network import ReferralNetwork

__all__ = ["SHAPES", "page_data"]

SHAPES: dict[str, str] = {
    "known": "circle",
    "referred": "diamond",
    "asked": "triangle",
    "follow-up-due": "triangle",
    "said-yes": "square",
    "scheduled": "square",
    "met": "ring",
    "thanked": "ring",
    "declined": "cross",
    "no-response": "cross",
    "do-not-contact": "cross",
}
"""The marker of each lifecycle stage: one shape per step of the conversation."""
_SHAPE_ORDER = ("circle", "diamond", "triangle", "square", "ring", "cross")

# Colour-blind-safe first (Okabe–Ito), then Tableau's; the last colour is "other fields".
_PALETTE = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0c000", "#8c564b",
    "#7f3c8d", "#11a579", "#3969ac", "#e73f74", "#80ba5a", "#e68310", "#008695", "#cf1c90",
    "#4b4b8f", "#a5aa99",
)  # fmt: skip
_NO_FIELD = "#9a9a9a"
_MY_COLOUR = "#222222"


def page_data(
    network: ReferralNetwork,
    *,
    today: dt.date | None = None,
    k: int = 10,
    scored: int = 100,
    max_edges: int = 20_000,
    detail: int = 2_000,
) -> dict[str, Any]:
    """Return everything the network view shows, ready for :func:`json.dumps`.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        The day for stages, scores and what is owed (default: the network's ``as_of``, else
        today).
    k : int, default 10
        How many suggested next contacts to mark (numbered, outlined).
    scored : int, default 100
        How many of the best suggestions size their person by score; everyone else is drawn
        at the smallest size.
    max_edges : int, default 20000
        Most ties drawn: the strongest first, ties with me only when I have 200 or fewer.
    detail : int, default 2000
        Most people (the warmest) whose best path from me is worked out beyond my own
        contacts, whose path is always known.

    Returns
    -------
    dict
        ``me`` (my index), ``title``, ``day``, ``fields``, ``orgs``, ``stages``, ``shapes``,
        ``people`` (one dict per person with short keys: ``n`` name, ``x``/``y``, ``s`` size,
        ``f`` colour group, ``st`` stage index, and, where known, ``o`` employer, ``fs``
        fields, ``t`` title, ``h`` how I know them, ``m`` my tie's strength, ``p`` the best
        path as indices, ``w`` its warmth, ``r`` suggestion rank, ``a`` action, ``why``
        reasons, ``sc`` score, ``owe`` obligations, ``by`` referrers) and ``edges``
        (``[a, b, strength]``; strength 0 for a referral).

    Raises
    ------
    NotFoundError
        If the network has no 'me'.
    InvalidInputError
        If a count is negative.

    Notes
    -----
    One warmth search and one suggestion run (O(m) numpy work for the m ties within reach,
    Python for the ``scored`` best), the lifecycle (O(events)), a layout in O(n log n),
    and Python per person for the ``detail`` best paths and the records: about 2 s for
    30,000 people.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> data = page_data(demo_network())
    >>> me = data["people"][data["me"]]
    >>> me["n"], me["x"], me["y"]
    ('Steven Olson', 0.0, 0.0)
    >>> first = next(p for p in data["people"] if p.get("r") == 1)
    >>> first["n"], [data["people"][i]["n"] for i in first["p"]]
    ('Maya Lindström', ['Steven Olson', 'Maya Lindström'])
    """
    for name, value in (("k", k), ("scored", scored), ("max_edges", max_edges), ("detail", detail)):
        if value < 0:
            raise InvalidInputError(f"{name} must be 0 or more, not {value}")
    day = today or network.as_of or dt.date.today()
    me = network.me
    life = lifecycle(network, today=day)
    suggestions = suggest_next_contacts(network, k=max(k, scored), today=day)
    settings = SuggestWeights()
    model = hop_model(
        network,
        today=day,
        thresholds=settings.thresholds,
        ask_window_days=settings.ask_window_days,
        max_asks=settings.max_asks,
    )
    warmth = warmth_paths(network, model, max_hops=settings.max_hops)
    view = warmth.view
    persons = [network.person(pid) for pid in view.ids]
    fields, colour_group = _field_groups(network, persons)
    cost = warmth.cost.copy()
    cost[view.index[me.id]] = 0.0
    position = ego_layout(cost, colour_group, view.index[me.id]).round(4)
    orgs = sorted({p.organization for p in persons if p.organization})
    org_index = {org: i for i, org in enumerate(orgs)}
    field_index = {f.id: i for i, f in enumerate(network.fields())}
    crowd = len(persons) > 5_000  # dots in a crowd, shapes among a few
    smallest = 2.0 if crowd else 4.5
    people = [
        _person(person, position[i], int(colour_group[i]), org_index, field_index, life)
        | {"s": smallest}
        for i, person in enumerate(persons)
    ]
    people[view.index[me.id]] |= {"s": 14, "me": 1}
    _add_paths(people, warmth, suggestions, network, detail)
    _add_suggestions(people, suggestions, view.index, k, 3.0 if crowd else 5.0)
    # The people I am talking to or have met are never suggested, yet they are my search:
    # a middle size, so that they read as more than the crowd.
    engaged = {STAGES.index(stage) for stage in (*ACTIVE, "met", "thanked")}
    for record in people:
        if "sc" not in record and record["st"] in engaged:
            record["s"] = 4.0 if crowd else 7.0
    _add_cards(people, network, life, view.index, day)
    return {
        "me": view.index[me.id],
        "title": f"The people around {me.name}",
        "day": day.isoformat(),
        "fields": fields,
        "fieldNames": [f.name for f in network.fields()],
        "orgs": [network.organization(org).name for org in orgs],
        "stages": [[s, STAGE_LABEL[s], _SHAPE_ORDER.index(SHAPES[s])] for s in STAGES],
        "shapes": list(_SHAPE_ORDER),
        "scored": len(suggestions),
        "people": people,
        "edges": _edges(network, view.index, me.id, max_edges, _notable(people) if crowd else None),
    }


def _field_groups(
    network: ReferralNetwork, persons: list[Person]
) -> tuple[list[list[str]], np.ndarray[Any, np.dtype[np.int64]]]:
    """Give each person a colour group: their first target field, else their first field.

    The most common fields get their own colour (the palette's length less one), the rest
    share "other fields", people without a field get "no field", and me my own group.
    """
    targets = {t.id for t in network.targets() if t.kind == "field"}
    primary = []
    for person in persons:
        chosen = [f for f in person.fields if f in targets] or list(person.fields)
        primary.append(chosen[0] if chosen else None)
    counts: dict[str, int] = defaultdict(int)
    for field_id in primary:
        if field_id is not None:
            counts[field_id] += 1
    ranked = sorted(counts, key=lambda f: (-counts[f], f))
    own = ranked[: len(_PALETTE) - 1] if len(ranked) > len(_PALETTE) else ranked
    groups = [[network.field(f).name, _PALETTE[i]] for i, f in enumerate(own)]
    index = {f: i for i, f in enumerate(own)}
    other = len(groups)
    if len(ranked) > len(own):
        groups.append(["other fields", _PALETTE[-1]])
    none = len(groups)
    groups.append(["no field", _NO_FIELD])
    groups.append(["me", _MY_COLOUR])
    group = np.asarray(
        [
            len(groups) - 1
            if person.is_self
            else (none if field_id is None else index.get(field_id, other))
            for person, field_id in zip(persons, primary, strict=True)
        ],
        dtype=np.int64,
    )
    return groups, group


def _person(
    person: Person,
    xy: np.ndarray[Any, np.dtype[np.float64]],
    group: int,
    org_index: dict[str, int],
    field_index: dict[str, int],
    life: Lifecycle,
) -> dict[str, Any]:
    """One person's record, with only the keys that have a value (the file stays small)."""
    record: dict[str, Any] = {
        "n": person.name,
        "x": float(xy[0]),
        "y": float(xy[1]),
        "f": group,
        "st": STAGES.index(life.stage(person.id)),
    }
    if person.organization:
        record["o"] = org_index[person.organization]
    if person.fields:
        record["fs"] = [field_index[f] for f in person.fields]
    if person.title:
        record["t"] = person.title
    if person.how and not person.is_self:
        record["h"] = person.how
    return record


def _add_paths(
    people: list[dict[str, Any]],
    warmth: Warmth,
    suggestions: list[Suggestion],
    network: ReferralNetwork,
    detail: int,
) -> None:
    """Give each person within reach the best path from me and its warmth.

    My own contacts are one hop (the contact lifecycle: I write to people I know myself);
    the suggested people keep the path their suggestion shows; of the others, the
    ``detail`` warmest get theirs from the warmth search, the rest are marked ``far``.
    """
    view = warmth.view
    me = warmth.source
    for pid, strength in network.strengths(view.ids[me]).items():
        if strength >= 1 and pid in view.index:
            people[view.index[pid]]["m"] = strength
    given = {s.person_id: s.path for s in suggestions}
    reached = np.flatnonzero(np.isfinite(warmth.cost))
    order = reached[np.lexsort((reached, warmth.cost[reached]))]
    worked = 0
    for i in order.tolist():
        if i == me:
            continue
        pid = view.ids[i]
        record = people[i]
        record["w"] = round(math.exp(-float(warmth.cost[i])), 3)
        if pid in given:
            record["p"] = [view.index[p] for p in given[pid]]
        elif pid in warmth.known:
            record["p"] = [me, i]
        elif worked < detail:
            worked += 1
            reach = warmth.reach(pid)
            if reach is not None:
                record["p"] = [view.index[p] for p in reach.path]
        else:
            record["far"] = 1


def _add_suggestions(
    people: list[dict[str, Any]],
    suggestions: list[Suggestion],
    index: dict[str, int],
    k: int,
    least: float,
) -> None:
    """Size the scored people by score, from ``least`` up to 12; number the first ``k``."""
    top = max((s.score for s in suggestions), default=0.0) or 1.0
    for rank, suggestion in enumerate(suggestions, start=1):
        record = people[index[suggestion.person_id]]
        record["s"] = round(least + (12 - least) * max(suggestion.score, 0.0) / top, 2)
        record["sc"] = round(suggestion.score, 3)
        record["why"] = list(suggestion.reasons)
        record["a"] = suggestion.action
        if rank <= k:  # big enough to see the outline and the shape inside it
            record["r"] = rank
            record["s"] = max(record["s"], 7.0)


def _add_cards(
    people: list[dict[str, Any]],
    network: ReferralNetwork,
    life: Lifecycle,
    index: dict[str, int],
    day: dt.date,
) -> None:
    """Add what I owe each person and who referred them."""
    owed: dict[str, list[list[str | int]]] = defaultdict(list)
    for obligation in life.obligations:
        if obligation.person_id is not None and obligation.person_id in index:
            late = int(obligation.due < day)
            owed[obligation.person_id].append([obligation.action, obligation.due.isoformat(), late])
    for pid, items in owed.items():
        people[index[pid]]["owe"] = items
    for referral in network.referrals():
        if referral.referee in index and referral.referrer in index:
            record = people[index[referral.referee]]
            record.setdefault("by", []).append([index[referral.referrer], referral.on.isoformat()])


def _notable(people: list[dict[str, Any]]) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Mark the people worth a line in a crowd: scored, talked to, or on a suggested path."""
    notable = np.zeros(len(people), dtype=bool)
    for i, record in enumerate(people):
        if "sc" in record or record["s"] > 3.0:
            notable[i] = True
            if "r" in record:
                notable[record["p"]] = True
    return notable


def _edges(
    network: ReferralNetwork,
    index: dict[str, int],
    me: str,
    max_edges: int,
    notable: np.ndarray[Any, np.dtype[np.bool_]] | None,
) -> list[list[int]]:
    """Ties and referrals to draw: referrals first, then ties by strength, at most ``max_edges``.

    My own ties are left out when I have more than 200: my contacts are then the inner disc
    itself, and 30,000 spokes would hide every other line. In a crowd (``notable`` given)
    only the ties of notable people are drawn: the thousands of others would grey the
    whole disc.
    """
    view = network.compact()
    at = view.index[me]
    mine = int(view.indptr[at + 1] - view.indptr[at])
    skip = at if mine > 200 else -1
    row = np.repeat(np.arange(len(view.ids)), np.diff(view.indptr))
    col = view.indices.astype(np.int64)
    keep = (row < col) & (row != skip) & (col != skip)
    if notable is not None:
        keep &= notable[row] | notable[col]
    a, b, s = row[keep], col[keep], view.strength[keep].astype(np.int64)
    referrals = [
        [index[r.referrer], index[r.referee], 0]
        for r in sorted(network.referrals(), key=lambda r: (r.referrer, r.referee))
    ]
    room = max(max_edges - len(referrals), 0)
    order = np.lexsort((b, a, -s))[:room]
    ties: list[list[int]] = np.stack([a[order], b[order], s[order]], axis=1).tolist()
    return (referrals + ties)[:max_edges]
