"""Coverage of my targets: per target, how many people I know, reached and interviewed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from infoview_graph.plotting._render import style
from infoview_graph.plotting._style import (
    INK,
    MUTED_INK,
    caption,
    day_of,
    empty,
    finish,
    short,
)

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = ["SEGMENTS", "CoverageRow", "CoverageScene", "coverage_scene", "plot_coverage"]

SEGMENTS = (
    ("interviewed", "#332288", ""),
    ("reached out, not interviewed yet", "#88CCEE", "//"),
    ("known, not reached out", "#DDDDDD", ""),
)
"""The segments of a coverage bar, left to right: label, colour and hatching."""


@dataclass(frozen=True)
class CoverageRow:
    """One target's bar: its label, the length of each segment, and the note beside it.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> coverage_scene(demo_network()).rows[1].label.splitlines()
    ['General Mills', 'employer, priority 1']
    """

    label: str
    segments: tuple[int, int, int]
    """Interviewed; reached out, not interviewed yet; known, not reached out."""
    note: str


@dataclass(frozen=True)
class CoverageScene:
    """What the coverage chart draws: one row per target, highest priority first.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> scene = coverage_scene(demo_network())
    >>> scene.rows[0].segments, scene.xmax
    ((3, 0, 9), 12)
    """

    title: str
    rows: tuple[CoverageRow, ...]
    xmax: int
    """Where the axis ends: the longest bar (at least 1), so the axis fits the data."""
    caption: str


def coverage_scene(network: ReferralNetwork, *, today: dt.date | None = None) -> CoverageScene:
    """Work out what :func:`plot_coverage` draws.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        The date in the caption and for coverage (default: the network's ``as_of``).

    Returns
    -------
    CoverageScene
        A row per target with its three segment lengths and its note.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> coverage_scene(demo_network()).rows[0].note
    '12 known · 3 reached out · 3 interviewed'
    """
    from infoview_graph.algorithms._coverage import coverage

    day = day_of(network, today)
    rows = []
    for r in coverage(network, today=day).targets:
        reached = max(r.reached_out, r.replied, r.interviewed) - r.interviewed
        known_only = max(0, r.known - r.interviewed - reached)
        kind = "field" if r.kind == "field" else "employer"
        rows.append(
            CoverageRow(
                label=f"{short(r.name, 40)}\n{kind}, priority {r.priority}",
                segments=(r.interviewed, reached, known_only),
                note=f"{r.known} known · {r.interviewed + reached} reached out · "
                f"{r.interviewed} interviewed"
                if r.known
                else "nobody known there yet",
            )
        )
    gaps = [r.name for r in coverage(network, today=day).targets if r.interviewed == 0]
    text = f"As of {day}."
    if gaps:
        text += f" No interview yet: {', '.join(gaps)}."
    return CoverageScene(
        title="Coverage of my targets",
        rows=tuple(rows),
        xmax=max((sum(row.segments) for row in rows), default=0) or 1,
        caption=text,
    )


def plot_coverage(network: ReferralNetwork, *, today: dt.date | None = None) -> Figure:
    """Draw, per target, a stacked bar: interviewed, reached out, and only known.

    One bar per target field or organization, highest priority on top. The bar's length is
    the number of people I know there; its segments say how far I got with them:
    interviewed, reached out (not interviewed yet), known only. Segments differ by hatching
    as well as colour. The axis ends at the longest bar; the counts are written in a column
    beside the chart. What is drawn is :func:`coverage_scene`.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        The date in the caption and for coverage (default: the network's ``as_of``).

    Returns
    -------
    matplotlib.figure.Figure
        One axes with three bar containers and, above them, their key.

    Notes
    -----
    The cost of :func:`~infoview_graph.algorithms.coverage`, plus O(t) to draw t targets.
    An interview implies I reached out, so "reached out" counts everyone I wrote to or
    replied to or interviewed.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> fig = plot_coverage(demo_network())
    >>> [len(bars) for bars in fig.axes[0].containers]
    [6, 6, 6]
    """
    return draw_coverage(coverage_scene(network, today=today))


def draw_coverage(scene: CoverageScene) -> Figure:
    """Draw a :class:`CoverageScene` as a matplotlib figure."""
    rows = scene.rows
    with style():
        fig = Figure(figsize=(7.0, 2.2 + 0.45 * max(len(rows), 2)), layout="constrained", dpi=100)
        ax = fig.add_subplot()
        # The key goes between the title and the bars, so the width goes to the bars.
        ax.set_title(scene.title, loc="left", pad=40)
        positions = list(range(len(rows)))[::-1]
        left = [0] * len(rows)
        for n, (label, colour, hatch) in enumerate(SEGMENTS):
            values = [row.segments[n] for row in rows]
            ax.barh(
                positions, values, left=left, color=colour, hatch=hatch, edgecolor=INK,
                linewidth=0.6, height=0.62, label=label,
            )  # fmt: skip
            left = [a + b for a, b in zip(left, values, strict=True)]
        for y, row in zip(positions, rows, strict=True):
            ax.text(
                -0.01, y, row.label, transform=ax.get_yaxis_transform(), ha="right",
                va="center", fontsize=9, parse_math=False,
            )  # fmt: skip
            ax.text(
                1.02, y, row.note, transform=ax.get_yaxis_transform(), va="center", fontsize=8.5,
                color=MUTED_INK, parse_math=False,
            )  # fmt: skip
        ax.set_yticks([])
        ax.set_xlim(0, scene.xmax * 1.02)
        ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins="auto", min_n_ticks=2))
        ax.set_xlabel("people")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        if not rows:
            empty(ax, "No targets yet: add one with 'referrals target add field|org NAME'.")
        key = ax.legend(
            handles=[
                Patch(facecolor=c, edgecolor=INK, hatch=h, label=label) for label, c, h in SEGMENTS
            ],
            loc="lower left", bbox_to_anchor=(0, 1), ncols=2, frameon=False, fontsize=9,
            borderaxespad=0.2, handlelength=1.6, columnspacing=1.2,
        )  # fmt: skip
        for text in key.get_texts():
            text.set_parse_math(False)
        caption(fig, scene.caption)
        return finish(fig)
