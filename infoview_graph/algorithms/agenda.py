"""What is due: thank-you notes, news for referrers, advice, 3B7, stale referrals, boosters.

:func:`agenda` derives every obligation from the events each time it runs — nothing derived
is stored, so it never drifts from what happened. Only what the user did to an item is
stored, as a :class:`~infoview_graph.models.FollowUp` with the item's id: ``done_on`` removes
it, ``snoozed_until`` hides it until then; follow-ups the user added by hand are stored the
same way and listed when due.

The obligations, with their due dates (business days are Monday to Friday):

- **thank-you** — a note within 24 hours of an interview (due the next day, overdue after
  two), unless ``thanked_on`` is recorded;
- **tell-referrer** — after an interview with someone referred, tell the referrer how it
  went (due two business days after the interview);
- **advice** — act on each advice item (due a week after the interview);
- **3B7** — no reply 3 business days after an outreach: contact a second person at that
  employer (naming candidates); no reply after 7: follow up with the first (Dalton);
- **stale-referral** — a referral not contacted within 14 days;
- **keep-in-touch** — a booster last heard from 60 days ago.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.demo import demo_network
>>> items = agenda(demo_network(), today=dt.date(2026, 11, 20))
>>> items[0].kind, items[0].person_id
('thank-you', 'marcus-bell')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field

from infoview_graph.models import CHANNEL_NOUN
from infoview_graph.timing import (
    Thresholds,
    add_business_days,
    business_days,
    classify,
)

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = ["AgendaItem", "AgendaSettings", "agenda", "derived_items"]

_URGENCY = {
    "thank-you": 0,
    "3b7-follow-up": 1,
    "3b7-second-contact": 2,
    "tell-referrer": 3,
    "stale-referral": 4,
    "custom": 5,
    "advice": 6,
    "keep-in-touch": 7,
}


class AgendaSettings(BaseModel):
    """The day counts of the agenda (3B7 and responsiveness come from ``thresholds``).

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> import datetime as dt
    >>> AgendaSettings().thank_you_days, AgendaSettings().stale_after_days
    (1, 14)
    >>> today = dt.date(2026, 11, 20)
    >>> patient = AgendaSettings(stale_after_days=30)
    >>> len(agenda(net, today=today, settings=patient)) <= len(agenda(net, today=today))
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    thresholds: Thresholds = Thresholds()
    """The 3 and 7 business days of 3B7."""
    thank_you_days: Annotated[int, Field(ge=0, le=30)] = 1
    """Days after an interview a thank-you note is due (overdue one day later)."""
    tell_referrer_business_days: Annotated[int, Field(ge=0, le=30)] = 2
    """Business days after an interview to tell the referrer how it went."""
    advice_days: Annotated[int, Field(ge=0, le=90)] = 7
    """Days after an interview to have acted on its advice."""
    stale_after_days: Annotated[int, Field(ge=1, le=365)] = 14
    """Days after which an uncontacted referral is stale."""
    keep_in_touch_days: Annotated[int, Field(ge=1, le=730)] = 60
    """Days of silence after which to get back in touch with a booster."""


class AgendaItem(BaseModel):
    """One thing to do: what, for whom, why, since when, by when.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> import datetime as dt
    >>> item = agenda(net, today=dt.date(2026, 11, 20))[0]
    >>> item.id, item.due, item.overdue
    ('thank-you-interview-marcus-bell-1', datetime.date(2026, 11, 20), False)
    >>> item.action
    'Send Marcus Bell a thank-you note'
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

    O(i·a + o + r + n) for i interviews with a advice items, o outreach, r referrals and n
    persons.

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
    limits = settings or AgendaSettings()
    items: list[AgendaItem] = []

    def add(
        item_id: str, kind: str, person: str | None, action: str, why: str,
        since: dt.date, due: dt.date, late: dt.date | None = None,
    ) -> None:  # fmt: skip
        name = network.person(person).name if person else None
        overdue = today > (late or due)
        items.append(
            AgendaItem(
                id=item_id, kind=kind, person_id=person, name=name, action=action, why=why,
                since=since, due=due, overdue=overdue,
            )
        )  # fmt: skip

    for interview in sorted(network.interviews(), key=lambda i: (i.on, i.id)):
        person = network.person(interview.person)
        if interview.thanked_on is None:
            due = interview.on + dt.timedelta(days=limits.thank_you_days)
            add(
                f"thank-you-{interview.id}", "thank-you", person.id,
                f"Send {person.name} a thank-you note",
                f"interview on {interview.on}; thank within 24 hours",
                interview.on, due, due + dt.timedelta(days=1),
            )  # fmt: skip
        for referral in network.referrals_to(person.id):
            if referral.referrer == network.me.id:
                continue
            referrer = network.person(referral.referrer)
            add(
                f"tell-referrer-{interview.id}-{referrer.id}", "tell-referrer", referrer.id,
                f"Tell {referrer.name} how the conversation with {person.name} went",
                f"{referrer.name} referred you to {person.name}; interview on {interview.on}",
                interview.on,
                add_business_days(interview.on, limits.tell_referrer_business_days),
            )  # fmt: skip
        for n, advice in enumerate(interview.advice, 1):
            add(
                f"advice-{interview.id}-{n}", "advice", person.id,
                f"Act on {person.name}'s advice: {_first_line(advice)}",
                f"advice from the interview on {interview.on}",
                interview.on, interview.on + dt.timedelta(days=limits.advice_days),
            )  # fmt: skip

    interviewed = {i.person for i in network.interviews()}
    contacted = {o.person for o in network.outreach()}
    for attempt in sorted(network.outreach(), key=lambda o: (o.on, o.id)):
        if attempt.replied_on is not None or attempt.declined or attempt.person in interviewed:
            continue
        person = network.person(attempt.person)
        second = add_business_days(attempt.on, limits.thresholds.booster_within)
        add(
            f"3b7-second-{attempt.id}", "3b7-second-contact", person.id,
            _second_contact(network, person.id, contacted),
            f"no reply from {person.name} {limits.thresholds.booster_within} business days "
            f"after your {CHANNEL_NOUN[attempt.channel]} of {attempt.on}",
            attempt.on, second,
        )  # fmt: skip
        follow = add_business_days(attempt.on, limits.thresholds.curmudgeon_after)
        add(
            f"3b7-follow-up-{attempt.id}", "3b7-follow-up", person.id,
            f"Follow up with {person.name}",
            f"no reply {business_days(attempt.on, today)} business days after your "
            f"{CHANNEL_NOUN[attempt.channel]} of {attempt.on}",
            attempt.on, follow,
        )  # fmt: skip

    for referral in sorted(network.referrals(), key=lambda r: (r.on, r.referrer, r.referee)):
        if referral.status != "suggested" or referral.referee in contacted | interviewed:
            continue
        referee = network.person(referral.referee)
        referrer = network.person(referral.referrer)
        add(
            f"stale-referral-{referrer.id}-{referee.id}", "stale-referral", referee.id,
            f"Contact {referee.name} before {referrer.name}'s referral goes stale",
            f"{referrer.name} referred them on {referral.on}",
            referral.on, referral.on + dt.timedelta(days=limits.stale_after_days),
        )  # fmt: skip

    for pid in sorted(contacted | interviewed):
        attempts, talks = network.outreach_to(pid), network.interviews_with(pid)
        if classify(attempts, talks, today=today, thresholds=limits.thresholds) != "booster":
            continue
        heard = [o.replied_on for o in attempts if o.replied_on] + [i.on for i in talks]
        if not heard:
            continue
        last = max(heard)
        person = network.person(pid)
        add(
            f"keep-in-touch-{pid}-{last.isoformat()}", "keep-in-touch", pid,
            f"Get back in touch with {person.name}",
            f"a booster; last heard from on {last}",
            last, last + dt.timedelta(days=limits.keep_in_touch_days),
        )  # fmt: skip
    return items


def agenda(
    network: ReferralNetwork,
    *,
    today: dt.date | None = None,
    horizon_days: int = 0,
    settings: AgendaSettings | None = None,
) -> list[AgendaItem]:
    """Everything due by ``today`` (plus ``horizon_days``), most urgent first.

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
    list of AgendaItem
        By urgency of the kind (thank-you notes, then 3B7 follow-ups and second contacts,
        news for referrers, stale referrals, your own follow-ups, advice, keeping in
        touch), then by due date and id.

    Notes
    -----
    O(i·a + o + r + n + f) (see :func:`derived_items`; f stored follow-ups), plus the sort.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> import datetime as dt
    >>> for item in agenda(net, today=dt.date(2026, 11, 20))[:3]:
    ...     print(item.due, item.kind, item.person_id)
    2026-11-20 thank-you marcus-bell
    2026-11-06 3b7-follow-up lucia-ferreira
    2026-11-18 3b7-follow-up jessica-tran
    """
    day = today or network.as_of or dt.date.today()
    until = day + dt.timedelta(days=horizon_days)
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
                action=_first_line(followup.note or "Follow up"),
                why="added by you",
                since=followup.due,
                due=followup.due,
                overdue=day > followup.due,
            )
        )
    due = [item for item in items if item.due <= until]
    return sorted(due, key=lambda i: (_URGENCY.get(i.kind, 9), i.due, i.id))


def _open(followup: object, day: dt.date) -> bool:
    if followup is None:
        return True
    done_on = getattr(followup, "done_on", None)
    snoozed = getattr(followup, "snoozed_until", None)
    return done_on is None and (snoozed is None or snoozed <= day)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else text
    return line if len(line) <= 120 else line[:117] + "…"


def _second_contact(network: ReferralNetwork, person_id: str, contacted: set[str]) -> str:
    person = network.person(person_id)
    me = network.me.id
    if person.organization is not None:
        where = network.organization(person.organization).name
        pool = [p for p in network.members(person.organization) if p.id not in (me, person_id)]
    elif person.fields:
        where = network.field(person.fields[0]).name
        pool = [p for p in network.in_field(person.fields[0]) if p.id not in (me, person_id)]
    else:
        return f"Contact a second person in {person.name}'s line of work (3B7)"
    candidates = [p for p in pool if p.id not in contacted and not p.do_not_contact]
    names = ", ".join(p.name for p in candidates[:3])
    if not names:
        return f"Find a second person at {where} to contact (3B7): ask who knows someone there"
    return f"Contact a second person at {where} (3B7), e.g. {names}"
