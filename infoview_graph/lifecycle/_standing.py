"""Where one person stands, read from their outreach, interviews and referrals."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from infoview_graph.lifecycle._stages import REFUSED, Standing
from infoview_graph.timing import Thresholds, add_business_days

if TYPE_CHECKING:
    from infoview_graph.models import Interview, Outreach, Person, Referral


business_days_after = functools.lru_cache(maxsize=4096)(add_business_days)
""":func:`~infoview_graph.timing.add_business_days`, remembered: many people share a day."""


# --- one person ------------------------------------------------------------------------------


def standing(
    person: Person,
    *,
    outreach: Sequence[Outreach] = (),
    interviews: Sequence[Interview] = (),
    referrals: Sequence[Referral] = (),
    my_tie: int | None = None,
    today: dt.date,
    thresholds: Thresholds | None = None,
) -> Standing:
    """Derive where one person stands from their records.

    Parameters
    ----------
    person : Person
        The person.
    outreach, interviews : sequence
        My contact attempts to them and my interviews with them (any order).
    referrals : sequence of Referral
        The referrals naming them.
    my_tie : int, optional
        The strength of my tie to them, if I know them.
    today : datetime.date
        The day to judge waiting times against.
    thresholds : Thresholds, optional
        The 3 and 7 business days of 3B7.

    Returns
    -------
    Standing

    Notes
    -----
    O(a log a + i) for a attempts and i interviews.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.models import Outreach, Person
    >>> ann = Person(id="ann", name="Ann Lee")
    >>> first = Outreach(id="o-1", person="ann", on=dt.date(2026, 11, 2))
    >>> second = Outreach(id="o-2", person="ann", on=dt.date(2026, 11, 12))
    >>> standing(ann, outreach=[first, second], today=dt.date(2026, 11, 16)).stage
    'asked'
    >>> standing(ann, outreach=[first, second], today=dt.date(2026, 11, 24)).stage
    'no-response'
    """
    return standing_of(
        person.id,
        do_not_contact=person.do_not_contact,
        outreach=outreach,
        interviews=interviews,
        referrals=referrals,
        my_tie=my_tie,
        today=today,
        thresholds=thresholds,
    )


def standing_of(
    person_id: str,
    *,
    do_not_contact: bool,
    outreach: Sequence[Outreach] = (),
    interviews: Sequence[Interview] = (),
    referrals: Sequence[Referral] = (),
    my_tie: int | None = None,
    today: dt.date,
    thresholds: Thresholds | None = None,
) -> Standing:
    """Derive where one person stands from their id, their flag and their records.

    :func:`standing` without the person's record: the network's lifecycle reads the flag
    from a column, so that no record is built for it.

    Examples
    --------
    >>> import datetime as dt
    >>> standing_of("ann", do_not_contact=True, today=dt.date(2026, 11, 16)).stage
    'do-not-contact'
    """
    named = [r.on for r in referrals]
    named.sort()
    base = {
        "person_id": person_id,
        "direct": (my_tie or 0) >= 1,
        "referred_on": named[-1] if named else None,
    }
    found: dict[str, object]
    if not outreach and not interviews:  # most people with an event: only named so far
        found = {"stage": "referred", "since": named[0]} if named else {"stage": "known"}
    else:
        limits = thresholds or Thresholds()
        talks = sorted(interviews, key=lambda i: (i.on, i.id))
        cycles = _cycles(outreach, talks, limits)
        found = _stage(cycles[-1] if cycles else [], talks, named, today, limits)
    if found["stage"] == "referred":
        # A referral recorded as declined or unanswered (an import, an older store) with no
        # outreach behind it still says where the person stands.
        closed = [(r.on, r.status) for r in referrals if r.status in REFUSED]
        if closed:
            on, status = max(closed)
            found = {"stage": REFUSED[status], "since": on}
    if do_not_contact:
        found = {**found, "stage": "do-not-contact", "since": None}
    return Standing(**base, **found)


def _cycles(
    outreach: Iterable[Outreach], talks: Sequence[Interview], limits: Thresholds
) -> list[list[Outreach]]:
    """Group attempts into requests: a message while one is open belongs to it."""
    cycles: list[list[Outreach]] = []
    for attempt in sorted(outreach, key=lambda o: (o.on, o.id)):
        if cycles and _open(cycles[-1], attempt.on, talks, limits):
            cycles[-1].append(attempt)
        else:
            cycles.append([attempt])
    return cycles


def _open(cycle: list[Outreach], day: dt.date, talks: Sequence[Interview], t: Thresholds) -> bool:
    start = cycle[0].on
    if any(start <= i.on <= day for i in talks):
        return False
    refusals = [o.replied_on or o.on for o in cycle if o.declined]
    if refusals:  # a message sent on or before the day they said no belongs to that no
        return day <= max(refusals)
    if any(o.replied_on is not None for o in cycle):
        meetings = [o.meeting_on for o in cycle if o.meeting_on is not None]
        return not meetings or max(meetings) >= day
    return len(cycle) < 2 or day < business_days_after(cycle[-1].on, t.curmudgeon_after)


def _stage(
    cycle: list[Outreach],
    talks: Sequence[Interview],
    named: Sequence[dt.date],
    today: dt.date,
    limits: Thresholds,
) -> dict[str, object]:
    """Find the stage-specific fields of a standing: the latest request, the interviews."""
    latest = talks[-1] if talks else None
    if latest is not None and (not cycle or latest.on >= cycle[0].on):
        facts: dict[str, object] = {"met_on": latest.on, "thanked_on": latest.thanked_on}
        if latest.thanked_on is not None:
            return {**facts, "stage": "thanked", "since": latest.thanked_on}
        return {**facts, "stage": "met", "since": latest.on}
    if not cycle:
        return {"stage": "referred", "since": named[0]} if named else {"stage": "known"}
    first = cycle[0]
    facts = {
        "asked_on": first.on,
        "channel": first.channel,
        "attempts": tuple(o.id for o in cycle),
        "followed_up_on": cycle[-1].on if len(cycle) > 1 else None,
    }
    declined = [o.replied_on for o in cycle if o.declined]
    if declined:
        return {**facts, "stage": "declined", "since": declined[-1], "replied_on": declined[-1]}
    replies = sorted(o.replied_on for o in cycle if o.replied_on is not None)
    if replies:
        facts["replied_on"] = replies[0]
        meetings = [(o.meeting_on, o.id) for o in cycle if o.meeting_on is not None]
        if not meetings:
            return {**facts, "stage": "said-yes", "since": replies[0]}
        meeting = max(meetings)[0]
        if meeting >= today:
            return {**facts, "stage": "scheduled", "since": replies[0], "meeting_on": meeting,
                    "next_on": meeting}  # fmt: skip
        return {**facts, "stage": "met", "since": meeting, "meeting_on": meeting,
                "met_on": meeting, "logged": False}  # fmt: skip
    follow_up = business_days_after(first.on, limits.curmudgeon_after)
    if len(cycle) > 1:
        gone = business_days_after(cycle[-1].on, limits.curmudgeon_after)
        if today >= gone:
            return {**facts, "stage": "no-response", "since": gone}
        return {**facts, "stage": "asked", "since": first.on, "next_on": gone}
    if today >= follow_up:
        return {**facts, "stage": "follow-up-due", "since": follow_up, "next_on": follow_up}
    return {**facts, "stage": "asked", "since": first.on, "next_on": follow_up}
