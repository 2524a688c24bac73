"""Business days and responsiveness: booster, obligate or curmudgeon (Dalton).

One definition, used everywhere a person's responsiveness matters (``person show``, the
introducer factor of :func:`~infoview_graph.algorithms._suggest.suggest_next_contacts`, the
agenda; :func:`infoview_graph.algorithms._responsiveness.responsiveness` applies it to a
network). It lives below the network, beside the models, so that showing one person needs
neither the network nor numpy:

- an interview's friendliness rating, when there is one, decides: 4–5 booster, 3 obligate,
  1–2 curmudgeon;
- otherwise the latest contact attempt that has an outcome decides: a reply within
  ``booster_within`` business days (3) makes a *booster*, a later reply an *obligate*, a
  decline or no reply after ``curmudgeon_after`` business days (7) a *curmudgeon*;
- no evidence yet (never contacted, or still inside the waiting window) is ``"unknown"``.

Business days are Monday to Friday, counted as ``numpy.busday_count`` counts them (the
tests check the two agree) but in plain Python, so that showing one person does not load
numpy; holidays are not modelled.

Examples
--------
>>> import datetime as dt
>>> business_days(dt.date(2025, 3, 14), dt.date(2025, 3, 19))  # Fri → Wed
3
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from collections.abc import Sequence

    from infoview_graph.models import Interview, Outreach

__all__ = [
    "Responsiveness",
    "Thresholds",
    "add_business_days",
    "business_days",
    "classify",
    "shift_days",
]

Responsiveness = Literal["booster", "obligate", "curmudgeon", "unknown"]
"""How a person answers (Dalton): ``booster`` (replies within 3 business days),
``obligate`` (later), ``curmudgeon`` (declines or stays silent), ``unknown`` (no evidence yet)."""


class Thresholds(BaseModel):
    """Day counts of the 3B7 routine and the responsiveness classes (business days).

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.models import Outreach
    >>> late = Outreach(id="o-1", person="ann", on=dt.date(2026, 11, 2),
    ...                 replied_on=dt.date(2026, 11, 6))
    >>> classify([late], [], today=dt.date(2026, 11, 20))
    'obligate'
    >>> classify([late], [], today=dt.date(2026, 11, 20), thresholds=Thresholds(booster_within=5))
    'booster'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    booster_within: Annotated[int, Field(ge=0, le=30)] = 3
    """A reply within this many business days makes a booster; also when to try a second
    contact at the same employer (the "3" of 3B7)."""
    curmudgeon_after: Annotated[int, Field(ge=1, le=60)] = 7
    """No reply after this many business days makes a curmudgeon; also when to follow up
    with the first contact (the "7" of 3B7)."""


def business_days(start: dt.date, end: dt.date) -> int:
    """Count the business days from ``start`` up to (not including) ``end``.

    Equivalently: how many business days have passed on ``end`` since ``start``.

    Examples
    --------
    >>> business_days(dt.date(2026, 11, 20), dt.date(2026, 11, 23))  # Fri → Mon
    1
    >>> business_days(dt.date(2026, 11, 23), dt.date(2026, 11, 20))
    0
    """
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for i in range(rest) if (first + i) % 7 < 5)


def shift_days(day: dt.date, days: int) -> dt.date:
    """Return ``day`` plus ``days`` calendar days, kept within the calendar.

    A date derived from a stored one (a due date, a reminder, a window) must never crash a
    command: a store may hold 9999-12-31 or 0001-01-01 (typed before the input range was
    checked, or imported), and ``date + timedelta`` past either end raises
    ``OverflowError``. The result stops at :attr:`datetime.date.max` or
    :attr:`datetime.date.min` instead.

    Examples
    --------
    >>> shift_days(dt.date(2026, 11, 20), 3)
    datetime.date(2026, 11, 23)
    >>> shift_days(dt.date(9999, 12, 30), 7), shift_days(dt.date(1, 1, 2), -30)
    (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    ordinal = day.toordinal() + days
    return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal()))


def add_business_days(day: dt.date, days: int) -> dt.date:
    """Return the date ``days`` business days after ``day`` (a weekend rolls forward).

    Like :func:`shift_days`, the result stops at the last day of the calendar.

    Examples
    --------
    >>> add_business_days(dt.date(2025, 3, 14), 3)  # Fri + 3 → Wed
    datetime.date(2025, 3, 19)
    >>> add_business_days(dt.date(2025, 3, 15), 1)  # Sat rolls to Mon, + 1 → Tue
    datetime.date(2025, 3, 18)
    >>> add_business_days(dt.date(9999, 12, 31), 7)
    datetime.date(9999, 12, 31)
    """
    while day.weekday() >= 5 and day < dt.date.max:
        day += dt.timedelta(days=1)
    while days > 0 and day < dt.date.max:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def classify(
    outreach: Sequence[Outreach],
    interviews: Sequence[Interview],
    *,
    today: dt.date,
    thresholds: Thresholds | None = None,
) -> Responsiveness:
    """Classify a person from their contact attempts and interviews, oldest first.

    The rule of the module docstring; :func:`responsiveness` applies it to a network.

    Examples
    --------
    >>> from infoview_graph.models import Outreach
    >>> fast = Outreach(id="o", person="ann", on=dt.date(2026, 11, 2),
    ...                 replied_on=dt.date(2026, 11, 4))
    >>> classify([fast], [], today=dt.date(2026, 11, 20))
    'booster'
    """
    limits = thresholds or Thresholds()
    rated = [i for i in interviews if i.friendliness is not None]
    if rated:
        friendliness = rated[-1].friendliness or 0
        if friendliness >= 4:
            return "booster"
        return "obligate" if friendliness == 3 else "curmudgeon"
    for attempt in reversed(outreach):
        if attempt.declined:
            return "curmudgeon"
        if attempt.replied_on is not None:
            waited = business_days(attempt.on, attempt.replied_on)
            return "booster" if waited <= limits.booster_within else "obligate"
        if business_days(attempt.on, today) >= limits.curmudgeon_after:
            return "curmudgeon"
    return "unknown"
