"""The people around me: an ego picture of the few dozen who matter most now.

A static picture cannot show hundreds of people readably, so this one chooses: me in the
centre, at most ``max_people`` people around me on rings by distance — the best next
contacts, the people I am in touch with, and whoever leads to them — each one labelled,
no label covering another or a marker; everyone else within reach is counted per career
field in the legend. The interactive view is the place to explore all of them.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from infoview_graph.errors import InvalidInputError
from infoview_graph.plotting._render import style, text_size
from infoview_graph.plotting._style import (
    FIELD_PALETTE,
    INK,
    MUTED_INK,
    NO_FIELD,
    OTHER_FIELDS,
    STATUS_MARKERS,
    day_of,
    empty,
    field_colours,
    field_label,
    legend,
    marker,
    one_line,
    outcomes,
)
from infoview_graph.plotting.layout import Box, place_labels, radial_layout

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from infoview_graph.network import ReferralNetwork

__all__ = ["EgoPerson", "EgoScene", "network_scene", "plot_network"]

_LABEL_PT = 9.0
_PAD_IN = 0.04  # white space around a label's text, inside its box
_RING_IN = 2.45  # radius of the outermost ring
_MARGIN_IN = (1.75, 0.75)  # room for labels beyond the outer ring: sideways, up and down
_LEGEND_IN = 3.0
_CAPTION_IN = 0.6
_TITLE_IN = 0.45
_IN_TOUCH = ("interviewed", "replied", "contacted")


@dataclass(frozen=True)
class EgoPerson:
    """One person drawn: where (inches from me), how, and their label's box.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> first = network_scene(demo_network()).people[0]
    >>> first.label, first.ring, first.shape
    ('1. Maya Lindström', 1, 'replied')
    """

    person_id: str
    x: float
    y: float
    ring: int
    colour: str
    shape: str
    """A status of :data:`~infoview_graph.plotting.STATUS_MARKERS`."""
    area: float
    """The marker's area in points², by suggestion score."""
    at_target: bool
    label: str
    box: Box
    """The label's box in inches from me: its text starts ``0.04`` in from the left edge."""
    via: str | None
    """Who leads to them: None for my direct contacts."""


@dataclass(frozen=True)
class EgoScene:
    """What :func:`plot_network` draws, in inches from me at the centre.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> scene = network_scene(demo_network())
    >>> len(scene.people), scene.people[0].label
    (37, '1. Maya Lindström')
    """

    title: str
    me_label: str
    me_box: Box
    people: tuple[EgoPerson, ...]
    rings: tuple[float, ...]
    """The rings' radii, inches."""
    bounds: Box
    """The plot area, inches from me; every label lies inside it."""
    field_legend: tuple[tuple[str, str], ...]
    not_drawn: tuple[tuple[str, str, int], ...]
    """The people within reach not drawn, per field: label, colour, count."""
    target_names: tuple[str, ...]
    caption: str
    within_reach: int
    """Everyone within ``depth`` steps of me (me not counted)."""


def _reach(network: ReferralNetwork, depth: int) -> tuple[dict[str, int], dict[str, str]]:
    """Count the steps from me to everyone within ``depth``; find who leads to each."""
    me = network.me.id

    def neighbours(person: str) -> set[str]:
        found = set(network.strengths(person))
        found.update(r.referee for r in network.referrals_from(person))
        found.update(r.referrer for r in network.referrals_to(person))
        return found

    step = {me: 0}
    via: dict[str, str] = {}
    frontier = [me]
    for distance in range(1, depth + 1):
        following = []
        for person in frontier:
            for other in sorted(neighbours(person)):
                if other not in step:
                    step[other] = distance
                    following.append(other)
        if distance > 1:
            for other in following:
                parents = [p for p in neighbours(other) if step.get(p) == distance - 1]
                via[other] = max(parents, key=lambda p: (network.strengths(p).get(other, 0), p))
        frontier = following
    return step, via


def _choose(ranked: Sequence[str], via: Mapping[str, str], most: int, me: str) -> list[str]:
    """Take people in rank order, each with whoever leads to them, up to ``most``."""
    chosen: list[str] = []
    taken = {me}
    for pid in ranked:
        chain = [pid]
        while chain[-1] in via and via[chain[-1]] not in taken:
            chain.append(via[chain[-1]])
        if pid in taken or len(chosen) + len(chain) > most:
            continue
        for person in reversed(chain):
            taken.add(person)
            chosen.append(person)
    return chosen


def network_scene(
    network: ReferralNetwork,
    *,
    depth: int = 2,
    top: int = 10,
    max_people: int = 40,
    today: dt.date | None = None,
) -> EgoScene:
    """Choose who :func:`plot_network` draws, place them and their labels.

    People are ranked: the ``top`` best next contacts, numbered in the order of
    :func:`~infoview_graph.algorithms.suggest_next_contacts`; then the people
    I am in touch with (interviewed, replied, contacted — in that order); then everyone else
    by score, then by the strength of their tie to me, then id. They are taken in that
    order, each with whoever leads to them, up to ``max_people``; a person whose label finds
    no free place is left out too, and the rest are laid out again.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    depth : int, default 2
        How many steps from me (ties and referrals both count as a step).
    top : int, default 10
        How many of the best-scored people to number.
    max_people : int, default 40
        The most people drawn besides me.
    today : datetime.date, optional
        The day the scores are judged on (default: the network's ``as_of``, else today).

    Returns
    -------
    EgoScene
        The people drawn with their label boxes, and the counts of the others.

    Raises
    ------
    InvalidInputError
        If ``depth`` is below 1, ``top`` below 0 or ``max_people`` below 1.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> scene = network_scene(demo_network(), depth=1, max_people=5)
    >>> len(scene.people), sum(count for *_, count in scene.not_drawn)
    (5, 15)
    """
    from infoview_graph.algorithms._suggest import suggest_next_contacts

    if depth < 1:
        raise InvalidInputError(f"depth must be at least 1, not {depth}")
    if top < 0:
        raise InvalidInputError(f"top must be 0 or more, not {top}")
    if max_people < 1:
        raise InvalidInputError(f"max_people must be at least 1, not {max_people}")
    day = day_of(network, today)
    me = network.me.id
    step, via = _reach(network, depth)
    others = [pid for pid in step if pid != me]
    suggested = [
        s
        for s in suggest_next_contacts(network, k=max(1, len(network)), today=day)
        if s.person_id in step
    ]
    scores = {s.person_id: s.score for s in suggested}
    status = outcomes(network, others)
    # Numbered in the order `referrals suggest` gives: a yes to schedule first, then what
    # is due, then new contacts — each tier by score.
    best = [s.person_id for s in suggested[:top]]
    number = {pid: n for n, pid in enumerate(best, 1)}
    strength = network.strengths(me)

    def rank(pid: str) -> tuple[int, int, float, int, str]:
        in_touch = _IN_TOUCH.index(status[pid]) if status[pid] in _IN_TOUCH else 3
        group = 0 if pid in number else 1 if in_touch < 3 else 2
        return (group, number.get(pid, in_touch), -scores.get(pid, -1.0), -strength.get(pid, 0),
                pid)  # fmt: skip

    chosen = _choose(sorted(others, key=rank), via, max_people, me)
    colours = field_colours(network, [network.person(pid) for pid in step])
    while True:
        people, me_box, rings, bounds, dropped = _place(
            network, chosen, step, via, depth, colours.colour_of, status, scores, number
        )
        if not dropped:
            break
        # Whoever is led to by someone left out goes too: nobody floats without their path.
        while True:
            more = {pid for pid in chosen if via.get(pid) in dropped} - dropped
            if not more:
                break
            dropped |= more
        chosen = [pid for pid in chosen if pid not in dropped]
    drawn = {p.person_id for p in people}
    targets = {t.id for t in network.targets() if t.kind == "org"}
    return EgoScene(
        title=f"The people around {network.me.name}",
        me_label=one_line(network.me.name, 28),
        me_box=me_box,
        people=tuple(sorted(people, key=lambda p: rank(p.person_id))),
        rings=rings,
        bounds=bounds,
        field_legend=tuple(
            (label, colour)
            for label, colour in colours.legend
            if any(p.colour == colour for p in people)
        ),
        not_drawn=_not_drawn(network, [p for p in others if p not in drawn], colours.field_of),
        target_names=tuple(sorted(network.organization(t).name for t in targets)),
        caption=_ego_caption(step, depth, len(people), len(number), day),
        within_reach=len(others),
    )


def _place(
    network: ReferralNetwork,
    chosen: Sequence[str],
    step: Mapping[str, int],
    via: Mapping[str, str],
    depth: int,
    colour_of: Mapping[str, str],
    status: Mapping[str, str],
    scores: Mapping[str, float],
    number: Mapping[str, int],
) -> tuple[list[EgoPerson], Box, tuple[float, ...], Box, set[str]]:
    """Lay the chosen people out on rings and place their labels; say whose did not fit."""
    me = network.me.id
    palette_rank = {c: i for i, c in enumerate((*FIELD_PALETTE, OTHER_FIELDS, NO_FIELD))}
    children: dict[str, list[str]] = {}
    for pid in sorted(chosen, key=lambda p: (palette_rank[colour_of[p]], p)):
        children.setdefault(via.get(pid, me), []).append(pid)
    polar = radial_layout(children, me)
    # As many rings as hold someone; the inner ones a little wider than even spacing, for
    # the names written between them.
    present = max((step[pid] for pid in chosen), default=1)
    rings = tuple(_RING_IN * (ring / present) ** 0.8 for ring in range(1, present + 1))
    position = {
        pid: (rings[ring - 1] * math.sin(angle), rings[ring - 1] * math.cos(angle))
        for pid, (angle, ring) in polar.items()
        if ring > 0
    }
    targets = {t.id for t in network.targets() if t.kind == "org"}
    area = {pid: _area(scores.get(pid)) for pid in chosen}
    obstacles = [_marker_box(position[pid], area[pid]) for pid in chosen]
    me_text = one_line(network.me.name, 28)
    me_w, me_h = text_size(me_text, _LABEL_PT + 0.5, bold=True)
    me_box = (-me_w / 2 - _PAD_IN, -0.16 - me_h - 2 * _PAD_IN, me_w / 2 + _PAD_IN, -0.16)
    obstacles += [me_box, (-0.14, -0.14, 0.14, 0.14)]
    bounds = (
        -rings[-1] - _MARGIN_IN[0], -rings[-1] - _MARGIN_IN[1],
        rings[-1] + _MARGIN_IN[0], rings[-1] + _MARGIN_IN[1],
    )  # fmt: skip
    # Labels are placed best first; whoever leads to a person is as important as they are,
    # or a failed label would take the person with it.
    importance = {pid: (number.get(pid, len(number) + 1), step[pid]) for pid in chosen}
    for pid in sorted(chosen, key=lambda p: -step[p]):
        if pid in via:
            importance[via[pid]] = min(importance[via[pid]], importance[pid])
    order = sorted(chosen, key=lambda p: (importance[p], step[p], p))
    labels = {pid: _numbered(number.get(pid), network.person(pid).name) for pid in order}
    sizes = []
    for pid in order:
        width, height = text_size(labels[pid], _LABEL_PT)
        sizes.append((width + 2 * _PAD_IN, height + 2 * _PAD_IN))
    boxes = place_labels(
        [position[pid] for pid in order], sizes, obstacles=obstacles, bounds=bounds,
        gap=0.09, steps=16,
    )  # fmt: skip
    people = [
        EgoPerson(
            person_id=pid,
            x=position[pid][0],
            y=position[pid][1],
            ring=step[pid],
            colour=colour_of[pid],
            shape=status[pid],
            area=area[pid],
            at_target=network.person(pid).organization in targets,
            label=labels[pid],
            box=box,
            via=via.get(pid),
        )
        for pid, box in zip(order, boxes, strict=True)
        if box is not None
    ]
    dropped = {pid for pid, box in zip(order, boxes, strict=True) if box is None}
    return people, me_box, rings, bounds, dropped


def _numbered(number: int | None, name: str) -> str:
    """Write "3. Name", the number on the left even before a right-to-left name.

    A right-to-left name gets a left-to-right mark first; without it the label would follow
    the name's direction and read ".3 محمد".
    """
    if number is None:
        return one_line(name)
    rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in name)
    return ("\u200e" if rtl else "") + f"{number}. {one_line(name)}"


def _area(score: float | None) -> float:
    return 22.0 if score is None else 40.0 + 360.0 * max(0.0, score)


def _marker_box(at: tuple[float, float], area: float) -> Box:
    half = math.sqrt(area) / 2 / 72 + 0.02
    return (at[0] - half, at[1] - half, at[0] + half, at[1] + half)


def _not_drawn(
    network: ReferralNetwork, rest: Sequence[str], field_of: Mapping[str, str | None]
) -> tuple[tuple[str, str, int], ...]:
    """Count the people not drawn per first field: the eight biggest, then the others."""
    from infoview_graph.plotting._style import _palette

    _, colour = network.derived("plotting:palette", _palette)
    counts: dict[str | None, int] = {}
    for pid in rest:
        counts[field_of[pid]] = counts.get(field_of[pid], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or "~"))
    rows = [
        (field_label(network, f) if f else "no field on record",
         colour.get(f, OTHER_FIELDS) if f else NO_FIELD, count)
        for f, count in ranked[:8]
    ]  # fmt: skip
    left = sum(count for _, count in ranked[8:])
    if left:
        rows.append((f"{len(ranked) - 8} other fields", OTHER_FIELDS, left))
    return tuple(rows)


def _ego_caption(
    step: Mapping[str, int], depth: int, drawn: int, numbered: int, day: dt.date
) -> str:
    counts = [sum(1 for s in step.values() if s == d) for d in range(1, depth + 1)]
    rings = ", ".join(
        f"{count} at {d} steps" if d > 1 else f"{count} direct contact{'s' * (count != 1)}"
        for d, count in enumerate(counts, 1)
    )
    total = len(step) - 1
    text = f"{total} people within {depth} steps of me ({rings}), on rings by distance. "
    if drawn < total:
        text += (
            f"Drawn: the {drawn} who matter most now — the best next contacts, the people I "
            f"am in touch with, and who leads to them; the other {total - drawn} are counted "
            "by field in the legend. "
        )
    return (
        text + f"Numbered: the {numbered} best next contacts in the order referrals suggest gives, "
        f"as of {day}."
    )


def plot_network(
    network: ReferralNetwork,
    *,
    depth: int = 2,
    top: int = 10,
    max_people: int = 40,
    today: dt.date | None = None,
) -> Figure:
    """Draw the people around me who matter most now, each named, the rest counted by field.

    Me in the centre; my direct contacts on the first ring, the people they lead to on the
    next, each in the sector of the contact who leads to them (strongest tie, then id).
    Thin lines run from me to my contacts and from each contact to the people they lead to.
    Each person is coloured by career field, shaped by status (interviewed, replied,
    contacted, declined, not yet), sized by suggestion score; people at one of my target
    employers have a heavy outline. At most ``max_people`` are drawn, chosen and placed by
    :func:`network_scene`; every one is named, no name covering another.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    depth : int, default 2
        How many steps from me (ties and referrals both count as a step).
    top : int, default 10
        How many of the best-scored people to number.
    max_people : int, default 40
        The most people drawn besides me.
    today : datetime.date, optional
        The day the scores are judged on (default: the network's ``as_of``, else today).

    Returns
    -------
    matplotlib.figure.Figure
        One axes, in inches from me, and one legend beside it.

    Raises
    ------
    InvalidInputError
        If ``depth`` is below 1, ``top`` below 0 or ``max_people`` below 1.

    Notes
    -----
    One breadth-first search from me (O(n + m) for the n people and m ties within
    ``depth``), one call of ``suggest_next_contacts``, and O(k² · 50) to place the k ≤
    ``max_people`` labels.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> fig = plot_network(demo_network())
    >>> people = [c for c in fig.axes[0].collections if c.get_label() not in ("lines", "me")]
    >>> sum(len(c.get_offsets()) for c in people)  # all but me, within two steps
    37
    """
    scene = network_scene(network, depth=depth, top=top, max_people=max_people, today=today)
    return draw_network(scene)


def draw_network(scene: EgoScene) -> Figure:
    """Draw an :class:`EgoScene`: axes whose data units are inches, so boxes are exact."""
    x0, y0, x1, y1 = scene.bounds
    plot_w, plot_h = x1 - x0, y1 - y0
    width = plot_w + _LEGEND_IN + 0.2
    # The legend is as tall as its rows: sections, fields, shapes, sizes, outline, the rest.
    statuses = len({p.shape for p in scene.people})
    outline = 3 if scene.target_names else 0
    rows = 5 + len(scene.field_legend) + 1 + statuses + 4 + outline + len(scene.not_drawn)
    height = max(plot_h + _TITLE_IN, 0.3 + 0.205 * rows) + _CAPTION_IN
    with style():
        fig = Figure(figsize=(width, height), dpi=100)
        bottom = (height - _TITLE_IN - plot_h) / height
        ax = fig.add_axes((0.1 / width, bottom, plot_w / width, plot_h / height))
        ax.set_axis_off()
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_title(scene.title, loc="left", pad=8)
        for radius in scene.rings:
            ax.add_patch(Circle((0, 0), radius, fill=False, edgecolor="#CCCCCC", linewidth=0.8))
        at = {p.person_id: (p.x, p.y) for p in scene.people}
        lines = [[(0.0, 0.0) if p.via is None else at[p.via], (p.x, p.y)] for p in scene.people]
        ax.add_collection(
            LineCollection(lines, colors="#AAAAAA", linewidths=0.7, zorder=1, label="lines")
        )
        ax.scatter(0, 0, s=300, marker="*", c=INK, zorder=3, label="me")
        for shown, shape in STATUS_MARKERS.items():
            group = [p for p in scene.people if p.shape == shown]
            if group:
                ax.scatter(
                    [p.x for p in group], [p.y for p in group], s=[p.area for p in group],
                    marker=shape, c=[p.colour for p in group], zorder=4, label=shown,
                    edgecolors=[INK if p.at_target else "#555555" for p in group],
                    linewidths=[2.2 if p.at_target else 0.6 for p in group],
                )  # fmt: skip
        _draw_labels(ax, scene)
        if not scene.people and not scene.within_reach:
            empty(ax, "Nobody around me yet: add contacts with 'referrals person add'.")
        _ego_legend(fig, scene, (plot_w + 0.2) / width)
        text = textwrap.fill(scene.caption, width=int((width - 0.3) * 72 / (8.5 * 0.55)))
        fig.text(0.1 / width, 0.05 / height, text, ha="left", va="bottom", fontsize=8.5,
                 color=MUTED_INK, parse_math=False)  # fmt: skip
        return fig


def _draw_labels(ax: Axes, scene: EgoScene) -> None:
    box = {"boxstyle": "square,pad=0", "facecolor": "white", "edgecolor": "none", "alpha": 0.9}
    x0, y0, x1, y1 = scene.me_box
    ax.text(x0 + _PAD_IN, (y0 + y1) / 2, scene.me_label, ha="left", va="center",
            fontsize=_LABEL_PT + 0.5, fontweight="bold", parse_math=False, zorder=5,
            bbox=box)  # fmt: skip
    for person in scene.people:
        x0, y0, x1, y1 = person.box
        ax.text(x0 + _PAD_IN, (y0 + y1) / 2, person.label, ha="left", va="center",
                fontsize=_LABEL_PT, color=INK, parse_math=False, zorder=5, bbox=box)  # fmt: skip
        near_x = min(max(person.x, x0), x1)
        near_y = min(max(person.y, y0), y1)
        if math.hypot(near_x - person.x, near_y - person.y) > 0.2:
            ax.plot([person.x, near_x], [person.y, near_y], color=MUTED_INK, linewidth=0.5,
                    zorder=2)  # fmt: skip


def _ego_legend(fig: Figure, scene: EgoScene, left: float) -> None:
    shapes = [marker("me", shape="*", face=INK)]
    shapes += [
        marker(s, shape=m, face="#BBBBBB")
        for s, m in STATUS_MARKERS.items()
        if any(p.shape == s for p in scene.people)
    ]
    outline = "at a target employer"
    if scene.target_names:
        names = scene.target_names
        listed = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
        outline = textwrap.fill(f"{outline}: {listed}", 34)
    sizes = [marker(f"score {v:.2f}", face="#BBBBBB") for v in (0.25, 0.5, 0.75)]
    for handle, v in zip(sizes, (0.25, 0.5, 0.75), strict=True):
        handle.set_markersize(math.sqrt(_area(v)))
    sizes.append(marker("not suggested", face="#BBBBBB"))
    sizes[-1].set_markersize(math.sqrt(_area(None)))
    rest = sum(count for *_, count in scene.not_drawn)
    legend(
        fig,
        [
            ("Career field", [marker(label, face=c) for label, c in scene.field_legend]),
            ("Status", shapes),
            ("Suggestion score", sizes),
            (
                "Outline",
                [marker(outline, edge_width=2.2), marker("elsewhere", edge="#555555")]
                if scene.target_names
                else [],
            ),
            (
                f"Not drawn: {rest} more",
                [
                    marker(f"{label}: {count}", shape="s", face=c)
                    for label, c, count in scene.not_drawn
                ],
            ),
        ],
        anchor=(left, 1 - 0.1 / fig.get_figheight()),
    )
