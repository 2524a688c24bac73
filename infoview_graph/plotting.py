r"""Figures of a job search: the referral tree, the people around me, coverage, the funnel.

Each public ``plot_*`` function takes a :class:`~infoview_graph.network.ReferralNetwork` and
returns a :class:`matplotlib.figure.Figure`, built with matplotlib's object-oriented API —
never ``pyplot``, so nothing is kept in global state and no GUI backend is ever touched.
:func:`figure_bytes` renders a figure as PNG, SVG or PDF; :func:`save_figure` writes one to
a file named by its extension. The command line imports this module only in the commands
that draw.

Design choices
--------------
*Literal labels.* Names are data: a name such as ``$\undefined$`` would be mathtext to
matplotlib and crash rendering. Every figure is built, and rendered by
:func:`figure_bytes`, with ``text.parse_math`` off, and every text that carries data is also
created with ``parse_math=False``, so ``$``, ``\``, ``_``, ``<`` and ``&`` print as typed.
Right-to-left names are shaped and ordered by matplotlib's text layout (libraqm); a glyph
that no installed font has is drawn as a box rather than raising.

*Determinism.* Layouts are computed, not simulated: the tree by the tidy-tree algorithm
below, the network as rings around me in a fixed order. :func:`figure_bytes` renders SVG
with a fixed ``svg.hashsalt`` and no date, and PDF without a creation date, so the same
network gives the same bytes on the same machine (fonts and freetype versions may differ
between machines).

*Colour.* Career fields are coloured with Paul Tol's *muted* qualitative scheme, designed
to stay distinguishable under the common colour-vision deficiencies and in greyscale
print, and nothing is told by colour alone: a person's status is also shown by the marker's
shape, target employers by a heavy outline. A person is coloured by their first field in
this order: my target fields by priority, then fields by how many people work in them, then
by id. With more fields in one figure than the scheme has colours (nine), the rest share a
grey ("other fields"); people without a field are white.

*Tidy tree.* :func:`tidy_tree_layout` is the Reingold–Tilford layout in the linear-time
form of Walker as corrected by Buchheim, Jünger and Leipert [1]_, written here iteratively
(a chain of thousands of referrals must not hit Python's recursion limit). It is about a
hundred lines; the maintained alternatives were worse fits: python-igraph's
Reingold–Tilford is a compiled dependency of several megabytes for one function, grandalf
(last release 2023) draws layered Sugiyama layouts rather than tidy trees, and walkerlayout
is a one-release single-author package.

*Scale.* Figures are sized for a few people and for hundreds: above
:data:`LABEL_ALL_UP_TO` people only the most important names are written — as many as
fit without overlapping — and the caption says so.

References
----------
.. [1] C. Buchheim, M. Jünger, S. Leipert, "Improving Walker's algorithm to run in linear
   time", *Graph Drawing* (GD 2002), LNCS 2528, pp. 344–353.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> fig = plot_tree(demo_network())
>>> fig.axes[0].get_title(loc="left")
'Referral tree of Steven Olson'
>>> figure_bytes(fig, "svg")[:5]
b'<?xml'
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import math
import textwrap
import warnings
from collections.abc import Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import matplotlib
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Patch
from matplotlib.ticker import MaxNLocator

from infoview_graph._files import write_atomic
from infoview_graph.algorithms._chains import referral_chains
from infoview_graph.errors import InvalidInputError

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.legend import Legend
    from matplotlib.typing import RcKeyType

    from infoview_graph.algorithms._chains import Outcome
    from infoview_graph.models import Person
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "FIELD_PALETTE",
    "FIGURE_FORMATS",
    "LABEL_ALL_UP_TO",
    "STATUS_MARKERS",
    "FigureFormat",
    "figure_bytes",
    "plot_coverage",
    "plot_funnel",
    "plot_network",
    "plot_tree",
    "save_figure",
    "tidy_tree_layout",
]

FigureFormat = Literal["png", "svg", "pdf"]
"""A figure's file format: ``"png"``, ``"svg"`` or ``"pdf"``."""
FIGURE_FORMATS: tuple[FigureFormat, ...] = ("png", "svg", "pdf")
"""The file formats :func:`figure_bytes` writes."""

FIELD_PALETTE = (
    "#CC6677",  # rose
    "#332288",  # indigo
    "#DDCC77",  # sand
    "#117733",  # green
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
)
"""Paul Tol's *muted* qualitative colours, one per career field, in order of use."""
OTHER_FIELDS = "#DDDDDD"
"""Tol's pale grey: fields beyond the palette's nine."""
NO_FIELD = "#FFFFFF"
"""People with no career field on record."""

STATUS_MARKERS: dict[str, str] = {
    "interviewed": "o",
    "replied": "s",
    "contacted": "^",
    "declined": "X",
    "not yet": "D",
}
"""Marker shape of each outcome (see :func:`~infoview_graph.algorithms._chains.outcome`)."""

LABEL_ALL_UP_TO = 60
"""Up to this many people, a figure names everyone; above, only the most important."""

_INK = "#222222"
_MUTED_INK = "#666666"
_SALT = "infoview-graph"
_MAX_WIDTH_IN = 30.0
_MAX_HEIGHT_IN = 20.0
# Fonts tried, in order, for glyphs DejaVu Sans lacks (CJK, Indic…), when installed.
_FALLBACK_FONTS = (
    "Noto Sans",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Devanagari",
    "Droid Sans Fallback",
    "WenQuanYi Zen Hei",
    "Arial Unicode MS",
)

_N = TypeVar("_N", bound=Hashable)


# --- rendering --------------------------------------------------------------------------------


def _font_family() -> list[str]:
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *(name for name in _FALLBACK_FONTS if name in installed)]


@contextmanager
def _style() -> Iterator[None]:
    """Build or render with literal text, fixed SVG ids, and fonts for any script."""
    settings: dict[RcKeyType, Any] = {
        "text.parse_math": False,
        "text.usetex": False,
        "svg.hashsalt": _SALT,
        "svg.fonttype": "path",
        "font.family": _font_family(),
        "font.size": 9,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
    }
    with matplotlib.rc_context(settings), warnings.catch_warnings():
        # A name in a script no installed font covers is drawn as boxes, not an error.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        yield


def figure_bytes(figure: Figure, fmt: str, *, dpi: float | None = None) -> bytes:
    """Render a figure as PNG, SVG or PDF, byte-stable for the same figure.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure, e.g. from :func:`plot_tree`.
    fmt : {"png", "svg", "pdf"}
        The file format.
    dpi : float, optional
        Resolution of a PNG (default: the figure's, 100 for the figures of this module).

    Returns
    -------
    bytes
        The file's content. SVG has no date and fixed element ids (``svg.hashsalt``); PDF has
        no creation date; text is literal (no mathtext).

    Raises
    ------
    InvalidInputError
        If the format is not one of :data:`FIGURE_FORMATS`.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> fig = plot_coverage(demo_network())
    >>> figure_bytes(fig, "svg") == figure_bytes(fig, "svg")
    True
    >>> figure_bytes(fig, "png")[1:4]
    b'PNG'
    """
    fmt = fmt.lower().lstrip(".")
    metadata: dict[str, Any]
    if fmt == "svg":
        metadata = {"Date": None}
    elif fmt == "pdf":
        metadata = {"CreationDate": None}
    elif fmt == "png":
        metadata = {}
    else:
        raise InvalidInputError(
            f"'{fmt}' is not a figure format; use one of: {', '.join(FIGURE_FORMATS)}"
        )
    buffer = io.BytesIO()
    with _style():
        figure.savefig(buffer, format=fmt, metadata=metadata, dpi=dpi or "figure")
    return buffer.getvalue()


def save_figure(figure: Figure, path: str | Path, *, dpi: float | None = None) -> Path:
    """Write a figure to a file whose extension names the format (.png, .svg or .pdf).

    An existing file is replaced, as ``Figure.savefig`` would; the ``referrals plot``
    commands add the protection against overwriting by accident.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure.
    path : str or pathlib.Path
        Where to write it.
    dpi : float, optional
        Resolution of a PNG.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InvalidInputError
        If the extension is not .png, .svg or .pdf.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from infoview_graph.demo import demo_network
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "funnel.svg"
    >>> save_figure(plot_funnel(demo_network()), target).stat().st_size > 1000
    True
    """
    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in FIGURE_FORMATS:
        raise InvalidInputError(
            f"'{target.name}' has no figure extension; use one of: "
            + ", ".join(f".{f}" for f in FIGURE_FORMATS)
        )
    # Through the one writer: atomic and private, like every file the tool writes.
    return write_atomic(target, figure_bytes(figure, suffix, dpi=dpi), force=True)


# --- the tidy tree layout ---------------------------------------------------------------------


def tidy_tree_layout(
    children: Mapping[_N, Sequence[_N]], root: _N, *, separation: float = 1.0
) -> dict[_N, tuple[float, int]]:
    """Lay out a rooted, ordered tree tidily: parents centred over children, nothing overlaps.

    The Reingold–Tilford aesthetics, computed by Buchheim, Jünger and Leipert's linear-time
    version of Walker's algorithm: nodes of one depth share a row; a parent sits exactly
    midway between its first and last child; no two nodes of one depth are closer than
    ``separation``; subtrees are placed as close as that allows, in the children's order; a
    subtree is drawn the same wherever it occurs, and mirrored trees give mirrored drawings.

    Parameters
    ----------
    children : mapping
        Each node's children, in drawing order (left to right); nodes without an entry are
        leaves.
    root : hashable
        The root; only nodes reachable from it are placed.
    separation : float, default 1.0
        The least horizontal distance between two nodes of one depth.

    Returns
    -------
    dict
        Node → ``(x, depth)``, the leftmost node at ``x == 0``, the root at depth 0.

    Raises
    ------
    ValueError
        If a node is reached twice (the mapping is not a tree).

    Notes
    -----
    O(n) time and memory for n nodes; iterative, so any depth works.

    Examples
    --------
    >>> layout = tidy_tree_layout({"me": ["a", "b"], "a": ["c", "d", "e"]}, "me")
    >>> {node: x for node, (x, _) in sorted(layout.items())}
    {'a': 1.0, 'b': 2.0, 'c': 0.0, 'd': 1.0, 'e': 2.0, 'me': 1.5}
    """
    nodes: list[_N] = [root]
    index: dict[_N, int] = {root: 0}
    parent: list[int] = [-1]
    number: list[int] = [0]  # position among the siblings
    kids: list[list[int]] = []
    position = 0
    while position < len(nodes):
        mine: list[int] = []
        for child in children.get(nodes[position], ()):
            if child in index:
                raise ValueError(f"{child!r} is reached twice: the children do not form a tree")
            index[child] = len(nodes)
            mine.append(len(nodes))
            nodes.append(child)
            parent.append(position)
            number.append(len(mine) - 1)
        kids.append(mine)
        position += 1

    n = len(nodes)
    x = [0.0] * n  # preliminary x, relative to the parent's subtree
    mod = [0.0] * n  # shift applied to the whole subtree below a node
    change = [0.0] * n
    shift = [0.0] * n
    thread = [-1] * n  # contour threads: the next node of a contour beyond a leaf
    ancestor = list(range(n))
    default_ancestor = [0] * n
    gap = separation

    def left(v: int) -> int:
        return thread[v] if thread[v] >= 0 else (kids[v][0] if kids[v] else -1)

    def right(v: int) -> int:
        return thread[v] if thread[v] >= 0 else (kids[v][-1] if kids[v] else -1)

    def left_brother(v: int) -> int:
        return kids[parent[v]][number[v] - 1] if number[v] > 0 else -1

    def move_subtree(wl: int, wr: int, amount: float) -> None:
        subtrees = number[wr] - number[wl]
        change[wr] -= amount / subtrees
        shift[wr] += amount
        change[wl] += amount / subtrees
        x[wr] += amount
        mod[wr] += amount

    def apportion(v: int, default: int) -> int:
        """Push v's subtree right until it clears the subtrees left of it."""
        w = left_brother(v)
        if w < 0:
            return default
        inner_right = outer_right = v
        inner_left = w
        outer_left = kids[parent[v]][0]
        s_inner_right = s_outer_right = mod[v]
        s_inner_left = mod[inner_left]
        s_outer_left = mod[outer_left]
        while right(inner_left) >= 0 and left(inner_right) >= 0:
            inner_left = right(inner_left)
            inner_right = left(inner_right)
            outer_left = left(outer_left)
            outer_right = right(outer_right)
            ancestor[outer_right] = v
            push = (x[inner_left] + s_inner_left) - (x[inner_right] + s_inner_right) + gap
            if push > 0:
                candidate = ancestor[inner_left]
                move_subtree(candidate if parent[candidate] == parent[v] else default, v, push)
                s_inner_right += push
                s_outer_right += push
            s_inner_left += mod[inner_left]
            s_inner_right += mod[inner_right]
            s_outer_left += mod[outer_left]
            s_outer_right += mod[outer_right]
        if right(inner_left) >= 0 and right(outer_right) < 0:
            thread[outer_right] = right(inner_left)
            mod[outer_right] += s_inner_left - s_outer_right
            return default
        if left(inner_right) >= 0 and left(outer_left) < 0:
            thread[outer_left] = left(inner_right)
            mod[outer_left] += s_inner_right - s_outer_left
        return v

    # First walk, post-order: place each subtree, then fit it beside its left siblings.
    stack = [(0, 0)]
    while stack:
        v, next_child = stack[-1]
        if next_child < len(kids[v]):
            stack[-1] = (v, next_child + 1)
            stack.append((kids[v][next_child], 0))
            continue
        stack.pop()
        brother = left_brother(v)
        if kids[v]:
            total_shift = total_change = 0.0
            for w in reversed(kids[v]):  # execute the shifts gathered by apportion
                x[w] += total_shift
                mod[w] += total_shift
                total_change += change[w]
                total_shift += shift[w] + total_change
            midpoint = (x[kids[v][0]] + x[kids[v][-1]]) / 2
            if brother >= 0:
                x[v] = x[brother] + gap
                mod[v] = x[v] - midpoint
            else:
                x[v] = midpoint
        else:
            x[v] = x[brother] + gap if brother >= 0 else 0.0
        if parent[v] >= 0:
            if number[v] == 0:
                default_ancestor[parent[v]] = v
            default_ancestor[parent[v]] = apportion(v, default_ancestor[parent[v]])

    # Second walk, pre-order: add up the subtree shifts.
    final = [0.0] * n
    depth = [0] * n
    walk = [(0, 0.0)]
    while walk:
        v, above = walk.pop()
        final[v] = x[v] + above
        for w in kids[v]:
            depth[w] = depth[v] + 1
            walk.append((w, above + mod[v]))
    leftmost = min(final)
    return {node: (final[i] - leftmost, depth[i]) for i, node in enumerate(nodes)}


# --- shared pieces ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _FieldColours:
    """The colour of each person in one figure, and the legend entries that explain them."""

    colour_of: dict[str, str]
    legend: list[tuple[str, str]]


def _field_order(network: ReferralNetwork) -> dict[str, int]:
    target_priority = {t.id: t.priority for t in network.targets() if t.kind == "field"}
    counts: dict[str, int] = {}
    for person in network.persons():
        for field in person.fields:
            counts[field] = counts.get(field, 0) + 1
    ranked = sorted(
        (f.id for f in network.fields()),
        key=lambda f: (target_priority.get(f, 9), -counts.get(f, 0), f),
    )
    return {field: rank for rank, field in enumerate(ranked)}


def _palette(network: ReferralNetwork) -> tuple[dict[str, int], dict[str, str]]:
    """Rank the fields and colour the first nine that are someone's first field.

    Network-wide, so that a field has the same colour in every figure of one network.
    """
    order = _field_order(network)
    first = {min(p.fields, key=order.__getitem__) for p in network.persons() if p.fields}
    ranked = sorted(first, key=order.__getitem__)
    return order, dict(zip(ranked, FIELD_PALETTE, strict=False))


def _field_colours(network: ReferralNetwork, people: Sequence[Person]) -> _FieldColours:
    order, colour = network.derived("plotting:palette", _palette)
    targets = {t.id for t in network.targets() if t.kind == "field"}
    primary = {p.id: min(p.fields, key=order.__getitem__) if p.fields else None for p in people}
    present = sorted({f for f in primary.values() if f is not None}, key=order.__getitem__)
    legend = [
        (f"{network.field(f).name}{' (target)' if f in targets else ''}", colour[f])
        for f in present
        if f in colour
    ]
    others = sum(1 for f in present if f not in colour)
    if others:
        legend.append((f"{others} other field{'s' if others > 1 else ''}", OTHER_FIELDS))
    if any(f is None for pid, f in primary.items() if not network.person(pid).is_self):
        legend.append(("no field on record", NO_FIELD))
    return _FieldColours(
        colour_of={
            pid: NO_FIELD if f is None else colour.get(f, OTHER_FIELDS)
            for pid, f in primary.items()
        },
        legend=legend,
    )


def _day(network: ReferralNetwork, today: dt.date | None) -> dt.date:
    return today or network.as_of or dt.date.today()


def _short(name: str, width: int = 14) -> str:
    """Fit a name on at most two lines of about ``width`` characters, cut with an ellipsis."""
    name = " ".join(name.split())
    if len(name) > width and " " in name:
        middle = len(name) / 2
        cut = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - middle))
        lines = [name[:cut], name[cut + 1 :]]
    else:
        lines = [name]
    limit = width + 6
    return "\n".join(line if len(line) <= limit else line[: limit - 1] + "…" for line in lines)


def _text_width_in(text: str, size: float) -> float:
    """Estimate, generously, the printed width of a text in inches."""
    return max(len(line) for line in text.split("\n")) * size * 0.66 / 72


def _legend(figure: Figure, sections: Sequence[tuple[str, Sequence[Artist]]]) -> Legend:
    """One legend outside the plot area, in titled sections; every text literal."""
    handles: list[Artist] = []
    labels: list[str] = []
    headers: list[int] = []
    for title, entries in sections:
        if not entries:
            continue
        headers.append(len(labels))
        handles.append(Patch(visible=False))
        labels.append(title)
        for entry in entries:
            handles.append(entry)
            labels.append(str(entry.get_label()))
    legend = figure.legend(
        handles,
        labels,
        loc="outside right upper",
        frameon=False,
        handletextpad=0.6,
        borderaxespad=0.2,
        fontsize=8.5,
    )
    for n, text in enumerate(legend.get_texts()):
        text.set_parse_math(False)
        if n in headers:
            text.set_fontweight("bold")
            text.set_x(-18)  # section titles start where the markers do
    return legend


def _marker(
    label: str,
    *,
    marker: str = "o",
    face: str = "white",
    edge: str = _INK,
    edge_width: float = 0.8,
) -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="",
        marker=marker,
        markersize=8,
        markerfacecolor=face,
        markeredgecolor=edge,
        markeredgewidth=edge_width,
        label=label,
    )


def _line(label: str, **style: Any) -> Line2D:
    return Line2D([], [], label=label, **style)


def _caption(figure: Figure, text: str) -> None:
    """Write a note under the figure, wrapped to its width (constrained layout makes room)."""
    width = figure.get_figwidth()
    text = textwrap.fill(text, width=max(40, int((width - 0.4) * 72 / (8 * 0.62))))
    figure.supxlabel(text, x=0.01, ha="left", fontsize=8, color=_MUTED_INK)


def _finish(figure: Figure) -> Figure:
    """Lay the figure out once and keep that layout, so every rendering is the same.

    Constrained layout runs again on each draw, starting from where the last one left off:
    with texts placed beside the axes, two renderings of one figure would differ in the
    last digits. Running it once, here, and then switching it off fixes the positions.
    """
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    return figure


def _empty(ax: Axes, message: str) -> None:
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=10,
        color=_MUTED_INK,
        parse_math=False,
    )


def _date_label(on: dt.date, same_year: bool) -> str:
    return f"{on.day} {on:%b}" if same_year else on.isoformat()


# --- the referral tree ------------------------------------------------------------------------


def plot_tree(
    network: ReferralNetwork,
    *,
    root: str | None = None,
    max_depth: int | None = None,
    today: dt.date | None = None,
) -> Figure:
    """Draw the referral tree from me (or from ``root``): who led to whom, and when.

    A tidy top-down tree (:func:`tidy_tree_layout`): me at the top, under me the contacts
    whose referrals started a chain, under each person the people they named first. Each
    person is coloured by career field and shaped by status (interviewed, replied,
    contacted, declined, not yet — :data:`STATUS_MARKERS`); each referral line carries the
    date it was given; a person named again by someone else gets a dashed arrow from that
    referrer ("also referred by"). A person whose referrals lie below ``max_depth`` shows
    how many are hidden.

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
    The cost of :func:`~infoview_graph.algorithms._chains.referral_chains` (which dominates
    on trees of thousands), then O(n log n) for the n people drawn: the layout, one
    collection per marker shape, and the choice of names. Past :data:`LABEL_ALL_UP_TO`
    people, names and dates are written only for the most important people that fit, so
    drawing stays cheap; the figure grows with the tree up to 30 × 20 inches.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> fig = plot_tree(demo_network(), max_depth=2)
    >>> sum(len(c.get_offsets()) for c in fig.axes[0].collections if c.get_label() != "lines")
    10
    """
    if max_depth is not None and max_depth < 1:
        raise InvalidInputError(f"max_depth must be at least 1, not {max_depth}")
    me = network.me
    if root is not None:
        network.person(root)
    start = me.id if root is None or root == me.id else root
    chains = referral_chains(network, root=None if start == me.id else start)
    full: dict[str, tuple[str, ...]] = dict(chains.children)
    if start == me.id:
        full[me.id] = chains.roots
    # Keep the levels down to max_depth; count what is cut below each kept person.
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
    hidden = _hidden_counts(full, kept, queue)
    layout = tidy_tree_layout(kept, start)
    people = [network.person(pid) for pid in queue]
    colours = _field_colours(network, people)
    status = _outcomes(network, [pid for pid in queue if pid != me.id])
    referral_of = {(r.referrer, r.referee): r for r in network.referrals()}

    n = len(queue)
    span = max(x for x, _ in layout.values()) + 1
    levels = max(d for _, d in layout.values()) + 1
    label_all = n <= LABEL_ALL_UP_TO
    names = {p.id: _short(p.name) for p in people}
    if label_all:
        unit_in = min(1.4, max(0.75, max(_text_width_in(t, 8) for t in names.values()) + 0.15))
    else:
        unit_in = 0.35
    unit_in = min(unit_in, _MAX_WIDTH_IN / span)
    level_in = min(1.05, _MAX_HEIGHT_IN / levels)
    width = max(4.5, span * unit_in) + 2.6
    height = max(2.8, levels * level_in + 1.1)
    marker_pt = max(2.0, min(13.0, 0.6 * unit_in * 72, 0.45 * level_in * 72))

    labelled = (
        set(queue)
        if label_all
        else _labels_that_fit(queue, layout, names, full, status, unit_in, start)
    )
    with _style():
        fig = Figure(figsize=(width, height), layout="constrained", dpi=100)
        ax = fig.add_subplot()
        ax.set_axis_off()
        if start == me.id:
            ax.set_title(f"Referral tree of {me.name}", loc="left")
        else:
            ax.set_title(f"Referrals from {network.person(start).name}", loc="left")

        def xy(pid: str) -> tuple[float, float]:
            x, d = layout[pid]
            return x, -float(d)

        # Elbow lines: down from the parent, along a bar, down to each child.
        lines: list[list[tuple[float, float]]] = []
        known: list[list[tuple[float, float]]] = []
        for parent, below in kept.items():
            if not below:
                continue
            px, py = xy(parent)
            bar = py - 0.62
            xs = [layout[c][0] for c in below]
            into = known if parent == me.id else lines
            into.append([(px, py), (px, bar)])
            into.append([(min(xs), bar), (max(xs), bar)])
            for child in below:
                into.append([(layout[child][0], bar), xy(child)])
        line_width = 1.1 if label_all else 0.6
        ax.add_collection(
            LineCollection(lines, colors=_INK, linewidths=line_width, zorder=1, label="lines")
        )
        ax.add_collection(
            LineCollection(known, colors="#AAAAAA", linewidths=line_width, zorder=1, label="lines")
        )

        dates = [r.on for r in network.referrals()]
        same_year = len({d.year for d in dates}) <= 1
        for parent, below in kept.items():
            if parent == me.id:
                continue
            for child in below:
                if child not in labelled:
                    continue
                cx, cy = xy(child)
                ax.text(
                    cx,
                    cy + 0.2,
                    _date_label(referral_of[(parent, child)].on, same_year),
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    color=_MUTED_INK,
                    parse_math=False,
                    zorder=3,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "linewidth": 0},
                )

        for shown_status, marker in STATUS_MARKERS.items():
            members = [pid for pid in queue if status.get(pid) == shown_status]
            if not members:
                continue
            points = [xy(pid) for pid in members]
            ax.scatter(
                [p[0] for p in points],
                [p[1] for p in points],
                s=marker_pt**2 * (1.25 if marker == "X" else 1.0),
                marker=marker,
                c=[colours.colour_of[pid] for pid in members],
                edgecolors=_INK,
                linewidths=0.7,
                zorder=4,
                label=shown_status,
            )
        if start == me.id:
            ax.scatter(
                *xy(me.id), s=(marker_pt * 1.5) ** 2, marker="*", c=_INK, zorder=4, label="me"
            )

        also = [(a, b) for a, b in chains.also_referred_by if a in layout and b in layout]
        for referrer, referee in also:
            (ax_, ay), (bx, by) = xy(referrer), xy(referee)
            # Bulge upwards, so that the arrow leaves and meets markers from above, where no
            # name is written; far apart, bulge less, or the arc would sweep over the tree.
            dx, dy = (bx - ax_) * unit_in, (by - ay) * level_in
            bend = min(0.3, 0.9 / max(math.hypot(dx, dy), 1e-9)) * (1 if dx <= 0 else -1)
            if referee in labelled or referrer in labelled:
                # The date goes on the arc (a quadratic Bézier) near the referee, in the
                # open space beside their marker rather than among the lines at mid-height.
                cx = (ax_ + bx) / 2 + bend * dy / unit_in
                cy = (ay + by) / 2 - bend * dx / level_in
                t = 0.75
                ax.text(
                    (1 - t) ** 2 * ax_ + 2 * t * (1 - t) * cx + t**2 * bx,
                    (1 - t) ** 2 * ay + 2 * t * (1 - t) * cy + t**2 * by,
                    _date_label(referral_of[(referrer, referee)].on, same_year),
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    color="#882255",
                    parse_math=False,
                    zorder=3,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "linewidth": 0},
                )
            ax.add_patch(
                FancyArrowPatch(
                    xy(referrer),
                    xy(referee),
                    connectionstyle=f"arc3,rad={bend}",
                    arrowstyle="-|>",
                    mutation_scale=9,
                    linestyle=(0, (4, 3)),
                    linewidth=1.0 if label_all else 0.7,
                    color="#882255",
                    shrinkA=marker_pt * 0.7,
                    shrinkB=marker_pt * 0.7,
                    zorder=2,
                )
            )

        for pid in queue:
            if pid not in labelled:
                continue
            text = names[pid]
            if hidden.get(pid):
                text += f"\n+{hidden[pid]} below"
            ax.annotate(
                text,
                xy(pid),
                xytext=(0, -marker_pt * 0.6 - 2),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8 if label_all else 6.5,
                fontweight="bold" if pid == start else "normal",
                color=_INK,
                parse_math=False,
                annotation_clip=False,
                zorder=5,
                bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "linewidth": 0},
            )

        ax.set_xlim(-0.6, span - 0.4)
        ax.set_ylim(-(levels - 1) - 0.55, 0.35)
        if n == 1 and start == me.id:
            _empty(ax, "No referrals yet: record one with 'referrals refer REFERRER REFEREE'.")
        elif n == 1:
            _empty(ax, "No referrals from this person yet.")

        shapes = [_marker(s, marker=m, face="#BBBBBB") for s, m in STATUS_MARKERS.items()]
        if start == me.id:
            shapes.insert(0, _marker("me", marker="*", face=_INK))
        edges = [_line("referral, with its date", color=_INK, linewidth=1.2)]
        if start == me.id:
            edges.append(_line("my contact (no referral)", color="#AAAAAA", linewidth=1.2))
        if also:
            edges.append(
                _line("also referred by", color="#882255", linestyle=(0, (4, 3)), linewidth=1.0)
            )
        _legend(
            fig,
            [
                ("Career field", [_marker(label, face=c) for label, c in colours.legend]),
                ("Status", shapes),
                ("Lines", edges),
            ],
        )
        referrals_drawn = sum(len(v) for k, v in kept.items() if k != me.id)
        caption = f"{n - (start == me.id)} people, {referrals_drawn} referrals"
        if also:
            caption += f" (and {len(also)} more naming someone already named)"
        caption += f"; as of {_day(network, today)}."

        cut = sum(hidden.values())
        if cut:
            caption += f" {cut} more people lie below level {max_depth} (see '+N below')."
        if not label_all:
            caption += (
                f" Names shown for {len(labelled)} of {n} people: those nearest the top, "
                "interviewed, or with the most referrals below them, as many as fit; "
                "use --from or --max-depth to see the rest."
            )
        _caption(fig, caption)
        return _finish(fig)


def _outcomes(network: ReferralNetwork, people: Sequence[str]) -> dict[str, Outcome]:
    """Return :func:`~infoview_graph.algorithms._chains.outcome` of many people at once.

    One lifecycle for all of them (O(e log e) for the e events), then a lookup each.
    """
    from infoview_graph.algorithms._chains import OUTCOME_OF_STAGE
    from infoview_graph.lifecycle import lifecycle

    life = lifecycle(network)
    return {pid: OUTCOME_OF_STAGE[life.stage(pid)] for pid in people}


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
    unit_in: float,
    start: str,
) -> set[str]:
    """Pick names to write on a big tree: the most important first, none overlapping.

    Importance: the root, then depth (the top of the tree gives the context), then people
    I interviewed, then the size of the tree below a person (the generous referrers), then
    id. A name is kept when no kept name of the same depth is within its width.
    """
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
        half = (_text_width_in(names[pid], 6.5) / 2 + 0.05) / unit_in
        row = taken.setdefault(depth, [])
        at = bisect.bisect_left(row, x)
        if at > 0 and x - row[at - 1] < 2 * half:
            continue
        if at < len(row) and row[at] - x < 2 * half:
            continue
        row.insert(at, x)
        chosen.add(pid)
    return chosen


# --- the network around me --------------------------------------------------------------------


def plot_network(
    network: ReferralNetwork,
    *,
    depth: int = 2,
    top: int = 10,
    today: dt.date | None = None,
) -> Figure:
    """Draw the people around me, up to ``depth`` steps away, by field and suggestion score.

    People sit on rings around me: my direct contacts on the first, the people they lead to
    on the next, each placed in the sector of the contact who knows them best (strongest
    tie, then id), so that who leads to whom reads outwards. Ties and referrals among them
    are thin lines. Each person is coloured by career field and sized by their
    :func:`~infoview_graph.algorithms._suggest.suggest_next_contacts` score (people not
    suggested — interviewed, declined, do not contact — are the smallest); people at one of
    my target employers have a heavy outline. Only the ``top`` people by score are named.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    depth : int, default 2
        How many steps from me (ties and referrals both count as a step).
    top : int, default 10
        How many of the best-scored people to name.
    today : datetime.date, optional
        The day the scores are judged on (default: the network's ``as_of``, else today).

    Returns
    -------
    matplotlib.figure.Figure
        One axes and one legend outside it.

    Raises
    ------
    InvalidInputError
        If ``depth`` is below 1 or ``top`` below 0.

    Notes
    -----
    One breadth-first search from me over the ties and referrals (O(n + m) for the n people
    and m ties within ``depth``), one call of ``suggest_next_contacts``, and one collection
    of lines and of markers.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> fig = plot_network(demo_network())
    >>> len(fig.axes[0].collections[-1].get_offsets())  # all but me, within two steps
    37
    """
    from infoview_graph.algorithms._suggest import suggest_next_contacts

    if depth < 1:
        raise InvalidInputError(f"depth must be at least 1, not {depth}")
    if top < 0:
        raise InvalidInputError(f"top must be 0 or more, not {top}")
    day = _day(network, today)
    me = network.me.id
    neighbours = _Neighbours(network)
    step = {me: 0}
    introducer: dict[str, str] = {}
    frontier = [me]
    for distance in range(1, depth + 1):
        following = []
        for person in frontier:
            for other in sorted(neighbours[person]):
                if other not in step:
                    step[other] = distance
                    following.append(other)
        for other in following:
            if distance > 1:
                parents = [p for p in neighbours[other] if step.get(p) == distance - 1]
                introducer[other] = max(parents, key=lambda p: (_strength(network, p, other), p))
        frontier = following
    people = [network.person(pid) for pid in step]
    shown = set(step)
    scores = {
        s.person_id: s.score
        for s in suggest_next_contacts(network, k=max(1, len(network)), today=day)
        if s.person_id in shown
    }
    colours = _field_colours(network, people)
    target_orgs = {t.id for t in network.targets() if t.kind == "org"}
    position = _rings(step, introducer, colours, depth)

    n = len(people)
    scale = min(1.0, math.sqrt(80 / max(n, 1)))
    with _style():
        fig = Figure(figsize=(10.5, 6.9), layout="constrained", dpi=100)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_aspect("equal")
        ax.set_title(f"The people around {network.me.name}", loc="left")
        # Ties with me are the first ring itself: no spokes, so the ties among the others show.
        segments = [
            [position[a], position[b]]
            for a in sorted(shown - {me})
            for b in sorted(neighbours[a])
            if a < b and b in shown and b != me
        ]
        ax.add_collection(
            LineCollection(
                segments,
                colors="#999999",
                linewidths=0.5 * scale + 0.2,
                alpha=max(0.1, 0.5 * math.sqrt(LABEL_ALL_UP_TO / max(n, LABEL_ALL_UP_TO))),
                zorder=1,
                label="lines",
            )
        )
        others = [p.id for p in people if p.id != me]
        ranked = sorted(others, key=lambda pid: (-scores.get(pid, -1.0), pid))
        named = [pid for pid in ranked if pid in scores][:top]
        ax.scatter(
            *position[me], s=420 * scale, marker="*", c=_INK, zorder=3, label="me"
        )  # fmt: skip
        ax.scatter(
            [position[pid][0] for pid in others],
            [position[pid][1] for pid in others],
            s=[_score_size(scores.get(pid), scale) for pid in others],
            c=[colours.colour_of[pid] for pid in others],
            edgecolors=[
                _INK if network.person(pid).organization in target_orgs else "#555555"
                for pid in others
            ],
            linewidths=[
                2.2 if network.person(pid).organization in target_orgs else 0.6 for pid in others
            ],
            zorder=4,
            label="people",
        )
        ax.annotate(
            _short(network.me.name, 18),
            position[me],
            xytext=(0, -14),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8.5,
            fontweight="bold",
            parse_math=False,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
        )
        for ring in range(1, depth + 1):
            ax.add_patch(
                Circle((0, 0), ring, fill=False, edgecolor="#BBBBBB", linewidth=0.8, zorder=0)
            )
        # Room for the names written outside the outer ring.
        ax.set_xlim(-depth - 1.3, depth + 1.3)
        ax.set_ylim(-depth - 0.4, depth + 0.4)
        if n == 1:
            _empty(ax, "Nobody around me yet: add contacts with 'referrals person add'.")

        target_names = sorted(network.organization(t).name for t in target_orgs)
        outline = "at a target employer"
        if target_names:
            listed = ", ".join(target_names[:4]) + (", …" if len(target_names) > 4 else "")
            outline = textwrap.fill(f"{outline}: {listed}", 34)
        sizes = [
            _marker(f"score {v:.2f}", face="#BBBBBB")
            for v in (0.25, 0.5, 0.75)
        ]  # fmt: skip
        for handle, v in zip(sizes, (0.25, 0.5, 0.75), strict=True):
            handle.set_markersize(math.sqrt(_score_size(v, scale)))
        sizes.append(_marker("not suggested", face="#BBBBBB"))
        sizes[-1].set_markersize(math.sqrt(_score_size(None, scale)))
        _legend(
            fig,
            [
                ("Career field", [_marker(label, face=c) for label, c in colours.legend]),
                ("Suggestion score", sizes),
                (
                    "Outline",
                    [
                        _marker(outline, face="white", edge_width=2.2),
                        _marker("elsewhere", face="white", edge="#555555"),
                    ]
                    if target_orgs
                    else [],
                ),
            ],
        )
        counts = [sum(1 for s in step.values() if s == d) for d in range(1, depth + 1)]
        rings = ", ".join(
            f"{count} at {d} steps" if d > 1 else f"{count} direct contact{'s' * (count != 1)}"
            for d, count in enumerate(counts, 1)
        )
        _caption(
            fig,
            f"{n - 1} people within {depth} steps of me ({rings}), on rings by distance, "
            "each near the contact who knows them best. Numbered: the "
            f"{len(named)} best next contacts by suggestion score, as of {day}.",
        )
        # Names go on last, where they do not cover each other: that needs the final layout.
        _finish(fig)
        _place_names(
            ax,
            [
                (f"{r}. {_short(network.person(p).name, 18)}", position[p])
                for r, p in enumerate(named, 1)
            ],
        )
        return fig


def _place_names(ax: Axes, labels: Sequence[tuple[str, tuple[float, float]]]) -> None:
    """Write names beside their points, outwards from the centre, none covering another.

    Each name tries growing distances along the ray from the centre through its point and
    takes the first where its box (estimated from the text) meets no box already placed;
    a name set apart from its point gets a thin leader line.
    """
    size = 8.0
    to_points = 72 / ax.figure.dpi
    placed: list[tuple[float, float, float, float]] = []
    for text, (x, y) in labels:
        px, py = (v * to_points for v in ax.transData.transform((x, y)))
        angle = math.atan2(y, x) if (x, y) != (0.0, 0.0) else math.pi / 2
        right = math.cos(angle) >= -0.2
        width, height = _text_width_in(text, size) * 72 + 6, size * 1.45
        for distance in (10.0, 22.0, 36.0, 52.0, 70.0, 90.0):
            dx, dy = distance * math.cos(angle), distance * math.sin(angle)
            x0 = px + dx if right else px + dx - width
            box = (x0, py + dy - height / 2, x0 + width, py + dy + height / 2)
            if not any(
                box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed
            ):
                break
        placed.append(box)
        ax.annotate(
            text,
            (x, y),
            xytext=(dx, dy),
            textcoords="offset points",
            ha="left" if right else "right",
            va="center",
            fontsize=size,
            parse_math=False,
            zorder=5,
            annotation_clip=False,
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
            arrowprops=None
            if distance <= 10
            else {"arrowstyle": "-", "color": _MUTED_INK, "linewidth": 0.5, "shrinkB": 3},
        )


class _Neighbours(dict[str, set[str]]):
    """The people one step from a person (a tie or a referral either way), read on demand.

    Only the people the search reaches are looked up, so a big network costs what my
    neighbourhood costs, not what the whole network does.
    """

    def __init__(self, network: ReferralNetwork) -> None:
        super().__init__()
        self._network = network

    def __missing__(self, person: str) -> set[str]:
        net = self._network
        found = set(net.strengths(person))
        found.update(r.referee for r in net.referrals_from(person))
        found.update(r.referrer for r in net.referrals_to(person))
        self[person] = found
        return found


def _strength(network: ReferralNetwork, a: str, b: str) -> int:
    return network.strengths(a).get(b, 0)


def _score_size(score: float | None, scale: float) -> float:
    return (18 if score is None else 30 + 520 * max(0.0, score)) * scale


def _rings(
    step: Mapping[str, int],
    introducer: Mapping[str, str],
    colours: _FieldColours,
    depth: int,
) -> dict[str, tuple[float, float]]:
    """Place people on rings: each ring's people in their introducer's angular sector."""
    me = next(pid for pid, s in step.items() if s == 0)
    below: dict[str, list[str]] = {}
    for pid, via in introducer.items():
        below.setdefault(via, []).append(pid)
    palette_rank = {c: i for i, c in enumerate((*FIELD_PALETTE, OTHER_FIELDS, NO_FIELD))}

    def key(pid: str) -> tuple[int, str]:
        return (palette_rank[colours.colour_of[pid]], pid)

    weight: dict[str, float] = {}
    for pid in sorted(step, key=lambda p: -step[p]):
        weight[pid] = max(1.0, sum(weight[c] for c in below.get(pid, ())))
    position = {me: (0.0, 0.0)}
    sectors = {me: (0.0, 2 * math.pi)}
    parents = [me]
    first_ring = sorted((p for p, s in step.items() if s == 1), key=key)
    below[me] = first_ring
    for ring in range(1, depth + 1):
        following = []
        for parent in parents:
            start, end = sectors[parent]
            kids = sorted(below.get(parent, ()), key=key) if parent != me else first_ring
            total = sum(weight[k] for k in kids) or 1.0
            if parent != me:
                # Keep a few people near the one who knows them, not spread around the ring.
                span = min(end - start, total * math.pi / 6)
                start, end = (start + end - span) / 2, (start + end + span) / 2
            at = start
            for kid in kids:
                share = (end - start) * weight[kid] / total
                sectors[kid] = (at, at + share)
                at += share
                following.append(kid)
        # A crowded ring becomes a band of up to five sub-rings, so that markers keep apart.
        bands = min(5, math.ceil(len(following) * 0.06 / (2 * math.pi * ring)))
        for number, kid in enumerate(following):
            start, end = sectors[kid]
            angle = (start + end) / 2 + math.pi / 2
            radius = ring + ((number % bands) - (bands - 1) / 2) * 0.16 if bands > 1 else ring
            position[kid] = (radius * math.cos(angle), radius * math.sin(angle))
        parents = following
    return position


# --- coverage ---------------------------------------------------------------------------------


def plot_coverage(network: ReferralNetwork, *, today: dt.date | None = None) -> Figure:
    """Draw, per target, a stacked bar: interviewed, reached out, and only known.

    One bar per target field or organization, highest priority on top. The bar's length is
    the number of people I know there; its segments say how far I got with them:
    interviewed, reached out (not interviewed yet), known only. Segments differ by hatching
    as well as colour. The count of each segment is written beside the bar.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        The date in the caption and for coverage (default: the network's ``as_of``).

    Returns
    -------
    matplotlib.figure.Figure
        One axes with three bar containers, and a legend outside it.

    Notes
    -----
    The cost of :func:`~infoview_graph.algorithms._coverage.coverage`, plus O(t) to draw t
    targets. An interview implies I reached out, so "reached out" counts everyone I wrote
    to or replied to or interviewed.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> fig = plot_coverage(demo_network())
    >>> [len(bars) for bars in fig.axes[0].containers]
    [6, 6, 6]
    """
    from infoview_graph.algorithms._coverage import coverage

    day = _day(network, today)
    report = coverage(network, today=day)
    rows = report.targets
    segments = (
        ("interviewed", "#332288", ""),
        ("reached out, not interviewed yet", "#88CCEE", "//"),
        ("known, not reached out", "#DDDDDD", ""),
    )
    with _style():
        fig = Figure(figsize=(9.0, 1.6 + 0.42 * max(len(rows), 2)), layout="constrained", dpi=100)
        ax = fig.add_subplot()
        ax.set_title("Coverage of my targets", loc="left")
        positions = list(range(len(rows)))[::-1]
        interviewed = [r.interviewed for r in rows]
        reached = [max(r.reached_out, r.replied, r.interviewed) - r.interviewed for r in rows]
        known_only = [
            max(0, r.known - i - x) for r, i, x in zip(rows, interviewed, reached, strict=True)
        ]
        left = [0] * len(rows)
        for (label, colour, hatch), values in zip(
            segments, (interviewed, reached, known_only), strict=True
        ):
            ax.barh(
                positions, values, left=left, color=colour, hatch=hatch, edgecolor=_INK,
                linewidth=0.6, height=0.62, label=label,
            )  # fmt: skip
            left = [a + b for a, b in zip(left, values, strict=True)]
        widest = max(left, default=0)
        for y, row, i, x, end in zip(positions, rows, interviewed, reached, left, strict=True):
            kind = "field" if row.kind == "field" else "employer"
            ax.text(
                -0.01, y, f"{_short(row.name, 40)}\n{kind}, priority {row.priority}",
                transform=ax.get_yaxis_transform(), ha="right", va="center", fontsize=8.5,
                parse_math=False,
            )  # fmt: skip
            note = (
                f"{row.known} known · {i + x} reached out · {i} interviewed"
                if row.known
                else "nobody known there yet"
            )
            ax.text(
                end + widest * 0.015 + 0.1, y, note, va="center", fontsize=8, color=_MUTED_INK,
                parse_math=False,
            )  # fmt: skip
        ax.set_yticks([])
        ax.set_xlim(0, max(widest, 1) * 1.75 + 2)
        ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("people")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        if not rows:
            _empty(ax, "No targets yet: add one with 'referrals target add field|org NAME'.")
        _legend(
            fig,
            [
                (
                    "People there",
                    [
                        Patch(facecolor=c, edgecolor=_INK, hatch=h, label=label)
                        for label, c, h in segments
                    ],
                )
            ],
        )
        gaps = [r.name for r in rows if r.interviewed == 0]
        caption = f"As of {day}."
        if gaps:
            caption += f" No interview yet: {', '.join(gaps)}."
        _caption(fig, caption)
        return _finish(fig)


# --- the funnel -------------------------------------------------------------------------------


def _keep_dates_in_range(axes: Axes) -> None:
    # The automatic margins around a stored 0001-01-01 or 9999-12-31 fall outside the
    # years matplotlib can draw (1 to 9999), which raised ValueError: clip the limits.
    from matplotlib.dates import date2num

    low, high = axes.get_xlim()
    first = float(date2num(dt.date(1, 1, 2)))  # type: ignore[no-untyped-call]
    last = float(date2num(dt.date(9999, 12, 30)))  # type: ignore[no-untyped-call]
    if low < first or high > last:
        axes.set_xlim(max(low, first), min(high, last))


def plot_funnel(network: ReferralNetwork, *, today: dt.date | None = None) -> Figure:
    """Draw the funnel (identified → … → referred on) and my activity week by week.

    Left: the funnel of :func:`~infoview_graph.algorithms._chains.referral_chains`, one
    centred bar per stage with its count and the share of the stage before. Right: running
    totals over time of referrals received, outreach sent, replies and interviews — each
    with its own colour, line style and marker — up to ``today``.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        The end of the time axis (default: the network's ``as_of``, else today).

    Returns
    -------
    matplotlib.figure.Figure
        Two axes, the funnel and the activity, and a legend outside them.

    Notes
    -----
    O(n + r log r + o + i) for the funnel and the dated events.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> fig = plot_funnel(demo_network())
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Funnel', 'Activity over time']
    """
    day = _day(network, today)
    funnel = referral_chains(network).funnel
    series = {
        "referrals received": sorted(r.on for r in network.referrals()),
        "outreach sent": sorted(o.on for o in network.outreach()),
        "replies": sorted(o.replied_on for o in network.outreach() if o.replied_on is not None),
        "interviews": sorted(i.on for i in network.interviews()),
    }
    styles = {
        "referrals received": ("#CC6677", "-", "o"),
        "outreach sent": ("#44AA99", "--", "s"),
        "replies": ("#999933", "-.", "^"),
        "interviews": ("#332288", (0, (1, 1.2)), "D"),
    }
    with _style():
        fig = Figure(figsize=(11.0, 4.2), layout="constrained", dpi=100)
        left, right = fig.subplots(1, 2, width_ratios=(1, 1.35))
        left.set_title("Funnel", loc="left")
        top = max((f.count for f in funnel), default=0) or 1
        ys = list(range(len(funnel)))[::-1]
        left.barh(
            ys,
            [f.count for f in funnel],
            left=[-f.count / 2 for f in funnel],
            color=["#332288", "#44AA99", "#88CCEE", "#117733", "#999933"][: len(funnel)],
            edgecolor=_INK,
            linewidth=0.6,
            height=0.7,
        )
        for y, stage in zip(ys, funnel, strict=True):
            share = "" if stage.rate is None else f"  ({stage.rate:.0%} of previous)"
            left.text(
                top / 2 + top * 0.04, y, f"{stage.stage}: {stage.count}{share}",
                va="center", fontsize=8.5, parse_math=False,
            )  # fmt: skip
        left.set_xlim(-top / 2 - top * 0.05, top * 1.55)
        left.set_ylim(-0.6, len(funnel) - 0.4)
        left.set_axis_off()

        right.set_title("Activity over time", loc="left")
        start = min((d for dates in series.values() for d in dates), default=day)
        handles: list[Artist] = []
        for name, dates in series.items():
            colour, style, marker = styles[name]
            kept = [d for d in dates if d <= day]
            xs = [start, *kept, day]
            ys_ = [0, *range(1, len(kept) + 1), len(kept)]
            (line,) = right.step(
                xs, ys_, where="post", color=colour, linestyle=style, linewidth=1.8,
                marker=marker, markevery=list(range(1, len(kept) + 1)), markersize=4.5,
                markeredgecolor=_INK, markeredgewidth=0.5, label=f"{name} ({len(kept)})",
            )  # fmt: skip
            handles.append(line)
        right.axvline(day, color=_MUTED_INK, linewidth=0.8, linestyle=(0, (2, 2)))
        _keep_dates_in_range(right)
        right.text(
            day, 1.0, f" {day}", transform=right.get_xaxis_transform(), fontsize=7.5,
            color=_MUTED_INK, va="bottom", ha="right", parse_math=False,
        )  # fmt: skip
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        locator = AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
        right.xaxis.set_major_locator(locator)
        right.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        right.yaxis.set_major_locator(MaxNLocator(integer=True))
        right.set_ylabel("running total")
        right.set_ylim(bottom=0)
        for side in ("top", "right"):
            right.spines[side].set_visible(False)
        if not any(series.values()):
            _empty(right, "Nothing recorded yet.")
        _legend(fig, [("Events", handles)])
        identified = funnel[0].count if funnel else 0
        _caption(
            fig,
            f"{identified} people identified so far; each funnel stage is a subset of the "
            f"one before. As of {day}.",
        )
        return _finish(fig)
