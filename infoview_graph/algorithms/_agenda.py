"""What is due: scheduling a yes, thank-you notes, news for referrers, 3B7, advice, boosters.

:func:`agenda` lists the obligations of the contact lifecycle
(:func:`infoview_graph.lifecycle.lifecycle`, DESIGN §4a) — derived from the events each
time it runs, so it never drifts from what happened and always agrees with ``suggest``,
``prep`` and ``person show``. Only what the user did to an item is stored, as a
:class:`~infoview_graph.models.FollowUp` with the item's id: ``done_on`` removes it,
``snoozed_until`` hides it until then; follow-ups the user added by hand are stored the
same way and listed when due.

The obligations, with their due dates (business days are Monday to Friday):

- **schedule** — someone said yes: put the meeting on the calendar at once
  (``referrals schedule``); always first, because a yes must not wait;
- **prepare** — the day before a scheduled meeting; **log-conversation** — after it;
- **thank-you** — a note within 24 hours of an interview (due the next day, overdue after
  two), until ``thanked_on`` is recorded;
- **tell-referrer** — after an interview with someone referred, tell the referrer how it
  went (due two business days after the interview);
- **advice** — act on each advice item (due a week after the interview);
- **3B7** — no reply 3 business days after an outreach: contact a second person at that
  employer (one item per employer, naming people not contacted yet, gone once anyone
  there replies); no reply after 7: follow up with the first (Dalton);
- **stale-referral** — a referral not contacted within 14 days;
- **keep-in-touch** — a booster last heard from 60 days ago.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.demo import demo_network
>>> items = agenda(demo_network(), today=dt.date(2026, 11, 20))
>>> items[0].kind, items[0].person_id
('schedule', 'maya-lindstrom')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from infoview_graph.algorithms._display import Agenda
from infoview_graph.lifecycle import LifecycleSettings, first_line, judging_day, lifecycle
from infoview_graph.timing import shift_days

if TYPE_CHECKING:
    from collections.abc import Mapping

    from infoview_graph.lifecycle import Obligation
    from infoview_graph.models import FollowUp
    from infoview_graph.network import ReferralNetwork

__all__ = ["AgendaItem", "AgendaSettings", "agenda", "derived_items"]

AgendaSettings = LifecycleSettings
"""The day counts of the agenda: :class:`~infoview_graph.lifecycle.LifecycleSettings`."""


class AgendaItem(BaseModel):
    """One thing to do: what, for whom, why, since when, by when.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> import datetime as dt
    >>> item = agenda(net, today=dt.date(2026, 11, 20))[0]
    >>> item.id, item.due, item.overdue
    ('schedule-outreach-maya-lindstrom-1', datetime.date(2026, 11, 11), True)
    >>> item.action
    'Schedule 15 minutes with Maya Lindström'
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: str
    """Stable id: derived from the event, so a stored ``done``/``snooze`` finds it again."""
    kind: str
    person_id: str | None
    name: str | None
    action: str
    """What to do, in one sentence."""
    why: str
    since: dt.date
    """The event it comes from."""
    due: dt.date
    overdue: bool
    """Past the point where it is late, not just due (for thank-you notes: after 48 h)."""


def derived_items(
    network: ReferralNetwork, *, today: dt.date, settings: AgendaSettings | None = None
) -> list[AgendaItem]:
    """Every obligation the events imply, due or not, before user actions are applied.

    O(e log e) for the e events (see :func:`~infoview_graph.lifecycle.lifecycle`).

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> import datetime as dt
    >>> today = dt.date(2026, 11, 20)
    >>> every = derived_items(net, today=today)
    >>> len(every) > len(agenda(net, today=today))  # also what is not due yet
    True
    >>> sorted({item.kind for item in every})[:3]
    ['3b7-follow-up', '3b7-second-contact', 'advice']
    """
    life = lifecycle(network, today=today, settings=settings)
    names = network.person_column("name")  # read by the lifecycle already: no records
    return [_item(names, o, today) for o in life.obligations]


def _item(names: Mapping[str, str], obligation: Obligation, today: dt.date) -> AgendaItem:
    person = obligation.person_id
    return AgendaItem(
        id=obligation.id,
        kind=obligation.kind,
        person_id=person,
        name=names[person] if person else None,
        action=obligation.action,
        why=obligation.why,
        since=obligation.since,
        due=obligation.due,
        overdue=today > obligation.late,
    )


def agenda(
    network: ReferralNetwork,
    *,
    today: dt.date | None = None,
    horizon_days: int = 0,
    settings: AgendaSettings | None = None,
) -> Agenda:
    """Everything due by ``today`` (plus ``horizon_days``), in the order to do it.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        Default: the network's ``as_of`` date if it has one, else today.
    horizon_days : int, default 0
        Also list what falls due within this many days.
    settings : AgendaSettings, optional
        Day counts.

    Returns
    -------
    Agenda
        A list of :class:`AgendaItem` that prints as a table: meetings to schedule first
        (someone who said yes must not wait), then overdue items, then the others; each
        group by due date, then id.

    Notes
    -----
    O(e log e + f) for the e events and f stored follow-ups, plus the sort.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> import datetime as dt
    >>> items = agenda(net, today=dt.date(2026, 11, 20))
    >>> for item in items[:3]:
    ...     print(item.due, item.kind, item.person_id, item.overdue)
    2026-11-11 schedule maya-lindstrom True
    2026-10-08 stale-referral hannah-lindqvist True
    2026-11-02 3b7-second-contact lucia-ferreira True
    >>> print(items[-1].due, items[-1].kind, items[-1].person_id, items[-1].overdue)
    2026-11-20 thank-you marcus-bell False
    """
    day = judging_day(network, today)
    until = shift_days(day, horizon_days)  # within the calendar, whatever `day` is
    stored = {f.id: f for f in network.followups()}
    items = [
        item
        for item in derived_items(network, today=day, settings=settings)
        if _open(stored.get(item.id), day)
    ]
    derived_ids = {item.id for item in items} | {
        f.id for f in stored.values() if f.kind != "custom"
    }
    for followup in stored.values():
        if followup.id in derived_ids or not _open(followup, day):
            continue
        name = network.person(followup.person).name if followup.person else None
        items.append(
            AgendaItem(
                id=followup.id,
                kind=followup.kind,
                person_id=followup.person,
                name=name,
                action=first_line(followup.note or "Follow up"),
                why="added by you",
                since=followup.due,
                due=followup.due,
                overdue=day > followup.due,
            )
        )
    due = [item for item in items if item.due <= until]
    return Agenda(sorted(due, key=lambda i: (i.kind != "schedule", not i.overdue, i.due, i.id)))


def _open(followup: FollowUp | None, day: dt.date) -> bool:
    if followup is None:
        return True
    return followup.done_on is None and (
        followup.snoozed_until is None or followup.snoozed_until <= day
    )
