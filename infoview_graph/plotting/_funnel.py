"""The funnel (identified → … → referred on) and my activity week by week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, MaxNLocator

from infoview_graph.algorithms._chains import referral_chains
from infoview_graph.plotting._render import style
from infoview_graph.plotting._style import (
    INK,
    MUTED_INK,
    caption,
    date_label,
    day_of,
    empty,
    finish,
    legend,
)

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

    from infoview_graph.network import ReferralNetwork

__all__ = ["STAGE_COLOURS", "FunnelScene", "Series", "funnel_scene", "plot_funnel"]

STAGE_COLOURS = {
    "identified": "#9DC3E6",
    "contacted": "#6BAED6",
    "replied": "#4292C6",
    "interviewed": "#2166AC",
    "referred on": "#053061",
}
"""One blue per funnel stage, deepening as people get further: the bars and the lines that
count the events moving people into a stage share its colour."""

# Each activity line counts the events that move people into one stage of the funnel.
_SERIES = (
    ("referrals received", "identified", "-", "o"),
    ("outreach sent", "contacted", "--", "s"),
    ("replies", "replied", "-.", "^"),
    ("interviews", "interviewed", (0, (1, 1.2)), "D"),
)


@dataclass(frozen=True)
class Series:
    """One activity line: its name, the dates of its events up to the day, and its look.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> interviews = funnel_scene(demo_network()).series[-1]
    >>> interviews.name, interviews.colour == STAGE_COLOURS["interviewed"]
    ('interviews', True)
    """

    name: str
    dates: tuple[dt.date, ...]
    colour: str
    linestyle: str | tuple[int, tuple[float, float]]
    marker: str


@dataclass(frozen=True)
class FunnelScene:
    """What the funnel figure draws: the stages, the activity lines and the date ticks.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.demo import demo_network
    >>> scene = funnel_scene(demo_network(), today=dt.date(2026, 11, 20))
    >>> scene.stages[0], scene.ticks[-1][1]
    (('identified', 15, None, '#9DC3E6'), 'Nov 9')
    """

    stages: tuple[tuple[str, int, float | None, str], ...]
    """Per stage: name, count, share of the stage before, colour."""
    series: tuple[Series, ...]
    start: dt.date
    day: dt.date
    ticks: tuple[tuple[dt.date, str], ...]
    """The date axis' ticks and their labels ("Nov 8")."""
    caption: str


def date_ticks(start: dt.date, end: dt.date, *, most: int = 7) -> list[tuple[dt.date, str]]:
    """Dates to mark on a time axis from ``start`` to ``end``, labelled as people write them.

    Days a week or two apart are labelled "Nov 8" (Mondays, or every day for a short span);
    longer spans get the first of every one, two, three or six months, labelled "Nov" —
    with the year on the first tick and wherever the year changes.

    Examples
    --------
    >>> import datetime as dt
    >>> [label for _, label in date_ticks(dt.date(2026, 9, 14), dt.date(2026, 11, 20))]
    ['Sep 14', 'Sep 28', 'Oct 12', 'Oct 26', 'Nov 9']
    >>> [label for _, label in date_ticks(dt.date(2026, 3, 1), dt.date(2027, 2, 1))]
    ['Mar 2026', 'May', 'Jul', 'Sep', 'Nov', 'Jan 2027']
    """
    span = (end - start).days
    for step in (1, 2, 7, 14, 21):
        if span // step < most:
            monday = min(start.toordinal() + -start.weekday() % 7, end.toordinal())
            first = start if step < 7 else dt.date.fromordinal(monday)
            days = [
                first + dt.timedelta(days=n)
                for n in range(0, end.toordinal() - first.toordinal() + 1, step)
            ]
            return [(d, date_label(d)) for d in days]
    for months in (1, 2, 3, 6, 12, 24, 60, 120, 600, 1200, 6000, 12000):
        count = (end.year - start.year) * 12 + end.month - start.month
        if count // months < most:
            break
    ticks: list[tuple[dt.date, str]] = []
    year, month = start.year, start.month
    if start.day > 1:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    while year <= dt.MAXYEAR and dt.date(year, month, 1) <= end:
        on = dt.date(year, month, 1)
        new_year = not ticks or ticks[-1][0].year != year
        ticks.append((on, f"{on:%b} {year}" if new_year else f"{on:%b}"))
        month += months
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return ticks


def funnel_scene(network: ReferralNetwork, *, today: dt.date | None = None) -> FunnelScene:
    """Work out what :func:`plot_funnel` draws.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        The end of the time axis (default: the network's ``as_of``, else today).

    Returns
    -------
    FunnelScene
        The stages with their colours, the dated events, the ticks.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> [(s.name, len(s.dates)) for s in funnel_scene(demo_network()).series][:2]
    [('referrals received', 13), ('outreach sent', 11)]
    """
    day = day_of(network, today)
    funnel = referral_chains(network).funnel
    dates = {
        "referrals received": [r.on for r in network.referrals()],
        "outreach sent": [o.on for o in network.outreach()],
        "replies": [o.replied_on for o in network.outreach() if o.replied_on is not None],
        "interviews": [i.on for i in network.interviews()],
    }
    series = tuple(
        Series(name, tuple(sorted(d for d in dates[name] if d <= day)),
               STAGE_COLOURS[stage], style_, shape)
        for name, stage, style_, shape in _SERIES
    )  # fmt: skip
    start = min((d for s in series for d in s.dates), default=day)
    start = dt.date.fromordinal(max(1, min(start.toordinal(), day.toordinal() - 7)))
    identified = funnel[0].count if funnel else 0
    return FunnelScene(
        stages=tuple((f.stage, f.count, f.rate, STAGE_COLOURS[f.stage]) for f in funnel),
        series=series,
        start=start,
        day=day,
        ticks=tuple(date_ticks(start, day)),
        caption=f"{identified} people identified so far; each funnel stage is a subset of the "
        "one before, its blue deeper; each line counts the events that move people into the "
        f"stage of its colour. As of {day}.",
    )


def plot_funnel(network: ReferralNetwork, *, today: dt.date | None = None) -> Figure:
    """Draw the funnel (identified → … → referred on) and my activity week by week.

    Left: the funnel of :func:`~infoview_graph.algorithms.referral_chains`, one centred bar
    per stage with its count and the share of the stage before, in a blue that deepens
    stage by stage. Right: running totals over time of referrals received, outreach sent,
    replies and interviews, each in the colour of the stage its events lead to — and with
    its own line style and marker — up to ``today``. What is drawn is :func:`funnel_scene`.

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
    return draw_funnel(funnel_scene(network, today=today))


def draw_funnel(scene: FunnelScene) -> Figure:
    """Draw a :class:`FunnelScene` as a matplotlib figure."""
    with style():
        fig = Figure(figsize=(7.0, 6.4), layout="constrained", dpi=100)
        left, right = fig.subplots(2, 1, height_ratios=(1, 1.2))
        _draw_stages(left, scene.stages)
        right.set_title("Activity over time", loc="left")
        handles: list[Artist] = []
        for series in scene.series:
            xs = [scene.start, *series.dates, scene.day]
            ys = [0, *range(1, len(series.dates) + 1), len(series.dates)]
            (drawn,) = right.step(
                xs, ys, where="post", color=series.colour, linestyle=series.linestyle,
                linewidth=1.8, marker=series.marker,
                markevery=list(range(1, len(series.dates) + 1)), markersize=5,
                markeredgecolor=INK, markeredgewidth=0.5,
                label=f"{series.name} ({len(series.dates)})",
            )  # fmt: skip
            handles.append(drawn)
        right.axvline(scene.day, color=MUTED_INK, linewidth=0.8, linestyle=(0, (2, 2)))
        right.text(
            scene.day, 1.0, f"today, {date_label(scene.day)} ",
            transform=right.get_xaxis_transform(), fontsize=8.5, color=MUTED_INK, va="bottom",
            ha="right", parse_math=False,
        )  # fmt: skip
        from matplotlib.dates import date2num

        # A day's margin either side, inside the years matplotlib can draw (1 to 9999).
        first, last = dt.date(1, 1, 2), dt.date(9999, 12, 30)
        right.set_xlim(
            float(date2num(max(scene.start, first))) - 1,  # type: ignore[no-untyped-call]
            float(date2num(min(scene.day, last))) + 1,  # type: ignore[no-untyped-call]
        )
        right.xaxis.set_major_locator(
            FixedLocator([float(date2num(d)) for d, _ in scene.ticks])  # type: ignore[no-untyped-call]
        )
        right.set_xticklabels([label for _, label in scene.ticks], fontsize=8.5)
        right.yaxis.set_major_locator(MaxNLocator(integer=True))
        right.set_ylabel("running total")
        right.set_ylim(bottom=0)
        for side in ("top", "right"):
            right.spines[side].set_visible(False)
        if not any(s.dates for s in scene.series):
            empty(right, "Nothing recorded yet.")
        legend(fig, [("Events", handles)])
        caption(fig, scene.caption)
        return finish(fig)


def _draw_stages(ax: Axes, stages: Sequence[tuple[str, int, float | None, str]]) -> None:
    ax.set_title("Funnel", loc="left")
    top = max((count for _, count, _, _ in stages), default=0) or 1
    ys = list(range(len(stages)))[::-1]
    ax.barh(
        ys, [count for _, count, _, _ in stages], left=[-count / 2 for _, count, _, _ in stages],
        color=[colour for *_, colour in stages], edgecolor=INK, linewidth=0.6, height=0.7,
    )  # fmt: skip
    for y, (name, count, rate, _) in zip(ys, stages, strict=True):
        share = "" if rate is None else f"  ({rate:.0%} of previous)"
        ax.text(
            top / 2 + top * 0.04, y, f"{name}: {count}{share}", va="center", fontsize=9,
            parse_math=False,
        )  # fmt: skip
    ax.set_xlim(-top / 2 - top * 0.05, top * 1.45)
    ax.set_ylim(-0.6, len(stages) - 0.4)
    ax.set_axis_off()
