"""Palette, marker shapes, names cut to fit, and the legend and caption every figure shares.

*Colour.* Career fields are coloured with Paul Tol's *muted* qualitative scheme, designed to
stay distinguishable under the common colour-vision deficiencies and in greyscale print,
and nothing is told by colour alone: a person's status is also shown by the marker's shape,
target employers by a heavy outline. A person is coloured by their first field in this
order: my target fields by priority, then fields by how many people work in them, then by
id. With more fields in one figure than the scheme has colours (nine), the rest share a
grey ("other fields"); people without a field are white.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

    from infoview_graph.algorithms._chains import Outcome
    from infoview_graph.models import Person
    from infoview_graph.network import ReferralNetwork

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

INK = "#222222"
MUTED_INK = "#666666"
SMALLEST_TEXT = 7.5
"""The smallest font size (points) of any figure text: 10 px when shown at natural size."""


@dataclass(frozen=True)
class Label:
    """A text of a scene: what it says, where (in the axes' data units), how big and bold.

    Examples
    --------
    >>> Label("Nov 5", 1.0, -2.0, size=7.5).text
    'Nov 5'
    """

    text: str
    x: float
    y: float
    size: float = 9.0
    colour: str = INK
    bold: bool = False


@dataclass(frozen=True)
class FieldColours:
    """The colour of each person in one figure, and the legend entries that explain them."""

    colour_of: dict[str, str]
    legend: list[tuple[str, str]]
    field_of: dict[str, str | None]


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


def field_label(network: ReferralNetwork, field: str) -> str:
    """Name a field, marked when it is one of my targets."""
    targets = {t.id for t in network.targets() if t.kind == "field"}
    return f"{network.field(field).name}{' (target)' if field in targets else ''}"


def field_colours(network: ReferralNetwork, people: Sequence[Person]) -> FieldColours:
    """Colour each person by their first field; the legend lists the fields present."""
    order, colour = network.derived("plotting:palette", _palette)
    primary = {p.id: min(p.fields, key=order.__getitem__) if p.fields else None for p in people}
    present = sorted({f for f in primary.values() if f is not None}, key=order.__getitem__)
    legend = [(field_label(network, f), colour[f]) for f in present if f in colour]
    others = sum(1 for f in present if f not in colour)
    if others:
        legend.append((f"{others} other field{'s' if others > 1 else ''}", OTHER_FIELDS))
    if any(f is None for pid, f in primary.items() if not network.person(pid).is_self):
        legend.append(("no field on record", NO_FIELD))
    return FieldColours(
        colour_of={
            pid: NO_FIELD if f is None else colour.get(f, OTHER_FIELDS)
            for pid, f in primary.items()
        },
        legend=legend,
        field_of=primary,
    )


def outcomes(network: ReferralNetwork, people: Sequence[str]) -> dict[str, Outcome]:
    """Return :func:`~infoview_graph.algorithms._chains.outcome` of many people at once.

    One lifecycle for all of them (O(e log e) for the e events), then a lookup each.
    """
    from infoview_graph.algorithms._chains import OUTCOME_OF_STAGE
    from infoview_graph.lifecycle import lifecycle

    life = lifecycle(network)
    return {pid: OUTCOME_OF_STAGE[life.stage(pid)] for pid in people}


def day_of(network: ReferralNetwork, today: dt.date | None) -> dt.date:
    """Return the day a figure is as of: ``today``, else the network's ``as_of``, else today."""
    return today or network.as_of or dt.date.today()


def short(name: str, width: int = 14) -> str:
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


def one_line(name: str, width: int = 24) -> str:
    """Fit a name on one line of at most ``width`` characters, cut with an ellipsis."""
    name = " ".join(name.split())
    return name if len(name) <= width else name[: width - 1] + "…"


def date_label(on: dt.date, same_year: bool = True) -> str:
    """Write a date as people do on a chart: "Nov 8", with the year when years differ."""
    return f"{on:%b} {on.day}" if same_year else f"{on:%b} {on.day}, {on.year}"


def text_width_in(text: str, size: float) -> float:
    """Estimate, generously, the printed width of a text in inches."""
    return max(len(line) for line in text.split("\n")) * size * 0.66 / 72


def legend(
    figure: Figure,
    sections: Sequence[tuple[str, Sequence[Artist]]],
    *,
    anchor: tuple[float, float] | None = None,
    below: Axes | None = None,
) -> Legend:
    """One legend outside the plot area, in titled sections; every text literal.

    Placed by constrained layout at the upper right; or with its upper left corner at
    ``anchor`` (figure fractions) in a figure laid out by hand; or under the axes
    ``below``, one section per column, for a page too narrow for a legend beside.
    """
    shown = [(title, entries) for title, entries in sections if entries]
    rows = max((len(entries) for _, entries in shown), default=0)
    handles: list[Artist] = []
    labels: list[str] = []
    headers: list[int] = []
    for title, entries in shown:
        headers.append(len(labels))
        handles.append(Patch(visible=False))
        labels.append(title)
        for entry in entries:
            handles.append(entry)
            labels.append(str(entry.get_label()))
        if below is not None:  # columns fill top to bottom: pad each section to one column
            for _ in range(rows - len(entries)):
                handles.append(Patch(visible=False))
                labels.append("")
    style: dict[str, Any] = {
        "frameon": False, "handletextpad": 0.6, "borderaxespad": 0.2, "fontsize": 9,
    }  # fmt: skip
    if below is not None:
        drawn = below.legend(
            handles, labels, loc="upper left", bbox_to_anchor=(0, 0),
            ncols=max(1, len(shown)), **style,
        )  # fmt: skip
    else:
        drawn = figure.legend(
            handles,
            labels,
            loc="outside right upper" if anchor is None else "upper left",
            bbox_to_anchor=anchor,
            **style,
        )
    for n, text in enumerate(drawn.get_texts()):
        text.set_parse_math(False)
        if n in headers:
            text.set_fontweight("bold")
            text.set_x(-18)  # section titles start where the markers do
    return drawn


def marker(
    label: str,
    *,
    shape: str = "o",
    face: str = "white",
    edge: str = INK,
    edge_width: float = 0.8,
) -> Line2D:
    """Make a legend entry: one marker."""
    return Line2D(
        [],
        [],
        linestyle="",
        marker=shape,
        markersize=8,
        markerfacecolor=face,
        markeredgecolor=edge,
        markeredgewidth=edge_width,
        label=label,
    )


def line(label: str, **style: Any) -> Line2D:
    """Make a legend entry: a line."""
    return Line2D([], [], label=label, **style)


def caption(figure: Figure, text: str) -> None:
    """Write a note under the figure, wrapped to its width (constrained layout makes room)."""
    width = figure.get_figwidth()
    text = textwrap.fill(text, width=max(40, int((width - 0.4) * 72 / (8.5 * 0.6))))
    figure.supxlabel(text, x=0.01, ha="left", fontsize=8.5, color=MUTED_INK)


def finish(figure: Figure) -> Figure:
    """Lay the figure out once and keep that layout, so every rendering is the same.

    Constrained layout runs again on each draw, starting from where the last one left off:
    with texts placed beside the axes, two renderings of one figure would differ in the
    last digits. Running it once, here, and then switching it off fixes the positions.
    """
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    return figure


def empty(ax: Axes, message: str) -> None:
    """Say, in the middle of the axes, why nothing is drawn."""
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=10,
        color=MUTED_INK,
        parse_math=False,
    )
