"""The referral tree: who led to whom, and when — a scene, then its drawing."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from infoview_graph.algorithms._chains import referral_chains
from infoview_graph.errors import InvalidInputError
from infoview_graph.plotting._render import style
from infoview_graph.plotting._style import (
    INK,
    LABEL_ALL_UP_TO,
    MUTED_INK,
    STATUS_MARKERS,
    Label,
    caption,
    date_label,
    day_of,
    empty,
    field_colours,
    finish,
    legend,
    line,
    marker,
    outcomes,
    short,
    text_width_in,
)
from infoview_graph.plotting.layout import tidy_tree_layout

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from infoview_graph.algorithms._chains import Outcome
    from infoview_graph.network import ReferralNetwork

__all__ = ["TreeArrow", "TreeNode", "TreeScene", "draw_tree", "plot_tree", "tree_scene"]

_MAX_WIDTH_IN = 30.0
_MAX_HEIGHT_IN = 20.0
_ALSO = "#882255"
_NOTHING_FROM_ME = "No referrals yet: record one with 'referrals refer REFERRER REFEREE'."
_NOTHING_FROM_THEM = "No referrals from this person yet."
Segment = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class TreeNode:
    """One person of the tree: where, which shape (a status, or "me") and which colour.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> tree_scene(demo_network()).nodes[0].shape
    'me'
    """

    person_id: str
    x: float
    y: float
    shape: str
    colour: str


@dataclass(frozen=True)
class TreeArrow:
    """An "also referred by" arrow from a referrer to someone already in the tree.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> arrow = tree_scene(demo_network()).arrows[0]
    >>> arrow.start[1] < arrow.end[1]  # from Priya Raman, deeper, up to Marcus Bell
    True
    """

    start: tuple[float, float]
    end: tuple[float, float]
    bend: float


@dataclass(frozen=True)
class TreeScene:
    """What the referral tree draws, and where: data, not pixels.

    Coordinates are tree units: x from :func:`~infoview_graph.plotting.layout.tidy_tree_layout`,
    y the negated depth (the root at 0, its children at -1, …).

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> scene = tree_scene(demo_network(), max_depth=1)
    >>> [label.text.splitlines() for label in scene.names][:2]
    [['Steven Olson'], ['Brad Johnson', '+1 below']]
    """

    title: str
    caption: str
    size: tuple[float, float]
    """Width and height of the figure, inches."""
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    nodes: tuple[TreeNode, ...]
    marker_pt: float
    referral_lines: tuple[Segment, ...]
    contact_lines: tuple[Segment, ...]
    """The lines from me to my contacts, who were not referred to me."""
    arrows: tuple[TreeArrow, ...]
    names: tuple[Label, ...]
    dates: tuple[Label, ...]
    field_legend: tuple[tuple[str, str], ...]
    from_me: bool
    label_all: bool
    message: str | None
    """Why nothing is drawn, when only the root is."""


def tree_scene(
    network: ReferralNetwork,
    *,
    root: str | None = None,
    max_depth: int | None = None,
    today: dt.date | None = None,
) -> TreeScene:
    """Work out what :func:`plot_tree` draws: people, lines, arrows, names and dates.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    root : str, optional
        A person's id: only the tree under them.
    max_depth : int, optional
        This many levels below the root (at least 1).
    today : datetime.date, optional
        The date in the caption (default: the network's ``as_of``, else today).

    Returns
    -------
    TreeScene
        Everything the drawing needs, in tree units.

    Raises
    ------
    NotFoundError
        If ``root`` is not a person.
    InvalidInputError
        If ``max_depth`` is below 1.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> scene = tree_scene(demo_network())
    >>> len(scene.nodes), len(scene.arrows), scene.dates[0].text
    (17, 1, 'Nov 17')
    """
    if max_depth is not None and max_depth < 1:
        raise InvalidInputError(f"max_depth must be at least 1, not {max_depth}")
    me = network.me
    if root is not None:
        network.person(root)
    start = me.id if root is None or root == me.id else root
    from_me = start == me.id
    chains = referral_chains(network, root=None if from_me else start)
    full: dict[str, tuple[str, ...]] = dict(chains.children)
    if from_me:
        full[me.id] = chains.roots
    kept, queue = _keep_levels(full, start, max_depth)
    hidden = _hidden_counts(full, kept, queue)
    layout = tidy_tree_layout(kept, start)
    colours = field_colours(network, [network.person(pid) for pid in queue])
    status = outcomes(network, [pid for pid in queue if pid != me.id])

    n = len(queue)
    span = max(x for x, _ in layout.values()) + 1
    levels = max(d for _, d in layout.values()) + 1
    label_all = n <= LABEL_ALL_UP_TO
    names = {pid: short(network.person(pid).name) for pid in queue}
    unit_in, level_in = _units(names, label_all, span, levels)
    marker_pt = max(2.0, min(13.0, 0.6 * unit_in * 72, 0.45 * level_in * 72))
    labelled = (
        set(queue)
        if label_all
        else _labels_that_fit(queue, layout, names, full, status, (unit_in, level_in), start)
    )

    def xy(pid: str) -> tuple[float, float]:
        x, d = layout[pid]
        return x, -float(d)

    referral_lines, contact_lines = _elbows(kept, layout, me.id)
    dates, arrows = _dates_and_arrows(
        network, kept, layout, labelled, chains.also_referred_by, (unit_in, level_in)
    )
    name_size = 9.0 if label_all else 7.5
    shown_names = [
        Label(
            names[pid] + (f"\n+{hidden[pid]} below" if hidden.get(pid) else ""),
            *xy(pid),
            size=name_size,
            bold=pid == start,
        )
        for pid in queue
        if pid in labelled
    ]
    nodes = [
        TreeNode(pid, *xy(pid), "me" if pid == me.id else status[pid], colours.colour_of[pid])
        for pid in queue
    ]
    width = max(4.5, span * unit_in) + 2.8
    height = max(2.8, levels * level_in + 1.2)
    caption = _tree_caption(
        network, today, n, from_me, kept, me.id, len(arrows), hidden, max_depth,
        None if label_all else len(labelled),
    )  # fmt: skip
    return TreeScene(
        title=f"Referral tree of {me.name}"
        if from_me
        else f"Referrals from {network.person(start).name}",
        caption=caption,
        size=(width, height),
        xlim=(-0.6, span - 0.4),
        ylim=(-(levels - 1) - 0.55, 0.35),
        nodes=tuple(nodes),
        marker_pt=marker_pt,
        referral_lines=tuple(referral_lines),
        contact_lines=tuple(contact_lines),
        arrows=tuple(arrows),
        names=tuple(shown_names),
        dates=tuple(dates),
        field_legend=tuple(colours.legend),
        from_me=from_me,
        label_all=label_all,
        message=None if n > 1 else _NOTHING_FROM_ME if from_me else _NOTHING_FROM_THEM,
    )


def _units(
    names: Mapping[str, str], label_all: bool, span: float, levels: int
) -> tuple[float, float]:
    """Inches per unit of x and per level: room for the names, within 30 × 20 inches."""
    if label_all:
        unit_in = min(1.4, max(0.8, max(text_width_in(t, 8.5) for t in names.values()) + 0.15))
    else:
        unit_in = 0.4
    return min(unit_in, _MAX_WIDTH_IN / span), min(1.1, _MAX_HEIGHT_IN / levels)


def _dates_and_arrows(
    network: ReferralNetwork,
    kept: Mapping[str, Sequence[str]],
    layout: Mapping[str, tuple[float, int]],
    labelled: set[str],
    also: Sequence[tuple[str, str]],
    units: tuple[float, float],
) -> tuple[list[Label], list[TreeArrow]]:
    """Date each referral line of a named person; draw each "also referred by" arrow.

    Referral lines from me are not dated: my contacts were not referred to me.
    """
    me = network.me.id
    referral_of = {(r.referrer, r.referee): r for r in network.referrals()}
    same_year = len({r.on.year for r in network.referrals()}) <= 1

    def xy(pid: str) -> tuple[float, float]:
        return layout[pid][0], -float(layout[pid][1])

    dates = [
        Label(date_label(referral_of[(parent, child)].on, same_year), x, y + 0.2, 7.5, MUTED_INK)
        for parent, below in kept.items()
        if parent != me
        for child in below
        if child in labelled
        for x, y in [xy(child)]
    ]
    arrows = []
    for referrer, referee in also:
        if referrer not in layout or referee not in layout:
            continue
        arrow = _arrow(xy(referrer), xy(referee), *units)
        arrows.append(arrow)
        if referee in labelled or referrer in labelled:
            on = date_label(referral_of[(referrer, referee)].on, same_year)
            dates.append(Label(on, *_along(arrow, *units), 7.5, _ALSO))
    return dates, arrows


def _keep_levels(
    full: Mapping[str, Sequence[str]], start: str, max_depth: int | None
) -> tuple[dict[str, list[str]], list[str]]:
    """Keep the levels down to ``max_depth``; return the kept children and the people shown."""
    kept: dict[str, list[str]] = {}
    depth_of = {start: 0}
    queue = [start]
    for person in queue:
        below = list(full.get(person, ()))
        if max_depth is not None and depth_of[person] >= max_depth:
            continue
        kept[person] = below
        for child in below:
            depth_of[child] = depth_of[person] + 1
            queue.append(child)
    return kept, queue


def _elbows(
    kept: Mapping[str, Sequence[str]], layout: Mapping[str, tuple[float, int]], me: str
) -> tuple[list[Segment], list[Segment]]:
    """Elbow lines: down from the parent, along a bar, down to each child."""
    lines: list[Segment] = []
    known: list[Segment] = []
    for parent, below in kept.items():
        if not below:
            continue
        px, depth = layout[parent]
        py = -float(depth)
        bar = py - 0.62
        xs = [layout[c][0] for c in below]
        into = known if parent == me else lines
        into.append(((px, py), (px, bar)))
        into.append(((min(xs), bar), (max(xs), bar)))
        for child in below:
            into.append(((layout[child][0], bar), (layout[child][0], -float(layout[child][1]))))
    return lines, known


def _arrow(
    start: tuple[float, float], end: tuple[float, float], unit_in: float, level_in: float
) -> TreeArrow:
    # Bulge upwards, so that the arrow leaves and meets markers from above, where no name is
    # written; far apart, bulge less, or the arc would sweep over the tree.
    dx, dy = (end[0] - start[0]) * unit_in, (end[1] - start[1]) * level_in
    bend = min(0.3, 0.9 / max(math.hypot(dx, dy), 1e-9)) * (1 if dx <= 0 else -1)
    return TreeArrow(start, end, bend)


def _along(arrow: TreeArrow, unit_in: float, level_in: float) -> tuple[float, float]:
    """Find a point on the arc (a quadratic Bézier) near its end, for the arrow's date.

    Near the referee, in the open space beside their marker rather than among the lines at
    mid-height.
    """
    (ax_, ay), (bx, by) = arrow.start, arrow.end
    dx, dy = (bx - ax_) * unit_in, (by - ay) * level_in
    cx = (ax_ + bx) / 2 + arrow.bend * dy / unit_in
    cy = (ay + by) / 2 - arrow.bend * dx / level_in
    t = 0.75
    return (
        (1 - t) ** 2 * ax_ + 2 * t * (1 - t) * cx + t**2 * bx,
        (1 - t) ** 2 * ay + 2 * t * (1 - t) * cy + t**2 * by,
    )


def _tree_caption(
    network: ReferralNetwork,
    today: dt.date | None,
    n: int,
    from_me: bool,
    kept: Mapping[str, Sequence[str]],
    me: str,
    also: int,
    hidden: Mapping[str, int],
    max_depth: int | None,
    labelled: int | None,
) -> str:
    referrals_drawn = sum(len(v) for k, v in kept.items() if k != me)
    people = n - from_me
    text = f"{people} {'person' if people == 1 else 'people'}, "
    text += f"{referrals_drawn} referral{'' if referrals_drawn == 1 else 's'}"
    if also:
        text += f" (and {also} more naming someone already named)"
    text += f"; as of {day_of(network, today)}."
    cut = sum(hidden.values())
    if cut:
        text += f" {cut} more people lie below level {max_depth} (see '+N below')."
    if labelled is not None:
        text += (
            f" Names shown for {labelled} of {n} people: those nearest the top, "
            "interviewed, or with the most referrals below them, as many as fit; "
            "use --from or --max-depth to see the rest."
        )
    return text


def _hidden_counts(
    full: Mapping[str, Sequence[str]], kept: Mapping[str, Sequence[str]], shown: Sequence[str]
) -> dict[str, int]:
    """For each shown person whose children were cut, how many people are below them."""
    counts: dict[str, int] = {}
    for person in shown:
        if person in kept or not full.get(person):
            continue
        total, stack = 0, list(full[person])
        while stack:
            total += 1
            stack.extend(full.get(stack.pop(), ()))
        counts[person] = total
    return counts


def _labels_that_fit(
    order: Sequence[str],
    layout: Mapping[str, tuple[float, int]],
    names: Mapping[str, str],
    children: Mapping[str, Sequence[str]],
    status: Mapping[str, Outcome],
    units: tuple[float, float],
    start: str,
) -> set[str]:
    """Pick names to write on a big tree: the most important first, none overlapping.

    Importance: the root, then depth (the top of the tree gives the context), then people
    I interviewed, then the size of the tree below a person (the generous referrers), then
    id. A name is kept when no kept name of the same depth is within its width. When the
    levels are closer than a name (and its date) is tall, only every few levels carry names.
    """
    unit_in, level_in = units
    every = max(1, math.ceil(0.42 / level_in))
    size: dict[str, int] = {}
    for person in reversed(order):
        size[person] = 1 + sum(size.get(c, 0) for c in children.get(person, ()))

    def importance(pid: str) -> tuple[int, int, int, int, str]:
        _, depth = layout[pid]
        return (pid != start, min(depth, 2), status.get(pid) != "interviewed", -size[pid], pid)

    taken: dict[int, list[float]] = {}
    chosen: set[str] = set()
    for pid in sorted(order, key=importance):
        x, depth = layout[pid]
        if depth % every:
            continue
        half = (text_width_in(names[pid], 7.5) / 2 + 0.05) / unit_in
        row = taken.setdefault(depth, [])
        at = bisect.bisect_left(row, x)
        if at > 0 and x - row[at - 1] < 2 * half:
            continue
        if at < len(row) and row[at] - x < 2 * half:
            continue
        row.insert(at, x)
        chosen.add(pid)
    return chosen


def plot_tree(
    network: ReferralNetwork,
    *,
    root: str | None = None,
    max_depth: int | None = None,
    today: dt.date | None = None,
    legend_below: bool = False,
) -> Figure:
    """Draw the referral tree from me (or from ``root``): who led to whom, and when.

    A tidy top-down tree (:func:`~infoview_graph.plotting.layout.tidy_tree_layout`): me at
    the top, under me the contacts whose referrals started a chain, under each person the
    people they named first. Each person is coloured by career field and shaped by status
    (interviewed, replied, contacted, declined, not yet — :data:`STATUS_MARKERS`); each
    referral line carries the date it was given; a person named again by someone else gets a
    dashed arrow from that referrer ("also referred by"). A person whose referrals lie below
    ``max_depth`` shows how many are hidden. What is drawn is :func:`tree_scene`.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    root : str, optional
        A person's id: draw only the tree under them.
    max_depth : int, optional
        Draw this many levels below the root (at least 1).
    today : datetime.date, optional
        The date in the caption (default: the network's ``as_of``, else today).
    legend_below : bool, default False
        Put the legend under the tree, one section per column, rather than beside it: a
        figure narrower by about 2.8 inches, for a page column.

    Returns
    -------
    matplotlib.figure.Figure
        One axes (the tree) and one legend outside it.

    Raises
    ------
    NotFoundError
        If ``root`` is not a person.
    InvalidInputError
        If ``max_depth`` is below 1.

    Notes
    -----
    The cost of :func:`~infoview_graph.algorithms.referral_chains` (which dominates on trees
    of thousands), then O(n log n) for the n people drawn: the layout, one collection per
    marker shape, and the choice of names. Past :data:`LABEL_ALL_UP_TO` people, names and
    dates are written only for the most important people that fit, so drawing stays cheap;
    the figure grows with the tree up to 30 × 20 inches.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> fig = plot_tree(demo_network(), max_depth=2)
    >>> sum(len(c.get_offsets()) for c in fig.axes[0].collections if c.get_label() != "lines")
    10
    """
    scene = tree_scene(network, root=root, max_depth=max_depth, today=today)
    return draw_tree(scene, legend_below=legend_below)


def draw_tree(scene: TreeScene, *, legend_below: bool = False) -> Figure:
    """Draw a :class:`TreeScene` as a matplotlib figure, its legend beside or below."""
    width, height = scene.size
    if legend_below:
        # The tree keeps its width; the legend's rows go under it: a title and the longest
        # section (the fields, or the six shapes).
        rows = 1 + max(len(scene.field_legend), 6)
        width, height = max(5.0, width - 2.3), height + 0.3 + 0.21 * rows
    with style():
        fig = Figure(figsize=(width, height), layout="constrained", dpi=100)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(scene.title, loc="left")
        width = 1.1 if scene.label_all else 0.6
        for segments, colour in ((scene.referral_lines, INK), (scene.contact_lines, "#AAAAAA")):
            ax.add_collection(
                LineCollection(segments, colors=colour, linewidths=width, zorder=1, label="lines")
            )
        for label in scene.dates:
            ax.text(
                label.x, label.y, label.text, ha="center", va="center", fontsize=label.size,
                color=label.colour, parse_math=False, zorder=3,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "linewidth": 0},
            )  # fmt: skip
        _draw_markers(ax, scene)
        for arrow in scene.arrows:
            ax.add_patch(
                FancyArrowPatch(
                    arrow.start,
                    arrow.end,
                    connectionstyle=f"arc3,rad={arrow.bend}",
                    arrowstyle="-|>",
                    mutation_scale=9,
                    linestyle=(0, (4, 3)),
                    linewidth=1.0 if scene.label_all else 0.7,
                    color=_ALSO,
                    shrinkA=scene.marker_pt * 0.7,
                    shrinkB=scene.marker_pt * 0.7,
                    zorder=2,
                )
            )
        for label in scene.names:
            ax.annotate(
                label.text, (label.x, label.y), xytext=(0, -scene.marker_pt * 0.6 - 2),
                textcoords="offset points", ha="center", va="top", fontsize=label.size,
                fontweight="bold" if label.bold else "normal", color=INK, parse_math=False,
                annotation_clip=False, zorder=5,
                bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "linewidth": 0},
            )  # fmt: skip
        ax.set_xlim(*scene.xlim)
        ax.set_ylim(*scene.ylim)
        if scene.message:
            empty(ax, scene.message)
        _tree_legend(fig, scene, ax if legend_below else None)
        caption(fig, scene.caption)
        return finish(fig)


def _draw_markers(ax: Axes, scene: TreeScene) -> None:
    size = scene.marker_pt
    for shown, shape in STATUS_MARKERS.items():
        members = [node for node in scene.nodes if node.shape == shown]
        if members:
            ax.scatter(
                [node.x for node in members], [node.y for node in members],
                s=size**2 * (1.25 if shape == "X" else 1.0), marker=shape,
                c=[node.colour for node in members], edgecolors=INK, linewidths=0.7,
                zorder=4, label=shown,
            )  # fmt: skip
    for node in scene.nodes:
        if node.shape == "me":
            ax.scatter(node.x, node.y, s=(size * 1.5) ** 2, marker="*", c=INK, zorder=4, label="me")


def _tree_legend(fig: Figure, scene: TreeScene, below: Axes | None) -> None:
    shapes = [marker(s, shape=m, face="#BBBBBB") for s, m in STATUS_MARKERS.items()]
    edges = [line("referral, with its date", color=INK, linewidth=1.2)]
    if scene.from_me:
        shapes.insert(0, marker("me", shape="*", face=INK))
        edges.append(line("my contact (no referral)", color="#AAAAAA", linewidth=1.2))
    if scene.arrows:
        edges.append(line("also referred by", color=_ALSO, linestyle=(0, (4, 3)), linewidth=1.0))
    legend(
        fig,
        [
            ("Career field", [marker(label, face=c) for label, c in scene.field_legend]),
            ("Status", shapes),
            ("Lines", edges),
        ],
        below=below,
    )
