"""Where each person stands in my search, and what I owe whom: one answer for every command.

A person's *stage* is derived — never stored — from the recorded events (outreach, replies,
meetings, interviews, thank-you notes, referrals, the do-not-contact flag), by
:func:`standing` for one person and :func:`lifecycle` for a whole network. ``suggest``,
``agenda``, ``intro``, ``prep``, ``draft``, ``person show``, ``coverage``, ``chains``, the
report and the calendar export all read it; nothing else decides a person's stage.

::

    known ─(refer)─> referred ─(outreach)─> asked ─(reply)─> said yes ─(schedule)─> scheduled
      │                 │                   │ └─(reply --declined)─> declined          │
      └───(outreach)────┘                   ├─ 7 business days silent: follow-up due  (interview)
                                            └─ silent 7 days after the follow-up:      v
                                               no response             met ─(thank)─> thanked
    do not contact: a flag that overrides every stage

The rules, in the order they apply:

- **do not contact** overrides everything, and nothing is owed to such a person;
- outreach is grouped into *cycles*: a second outreach while the first still waits is its
  **follow-up**, not a new cycle; a cycle closes when they decline, when we meet (an
  interview, or a scheduled meeting whose day has passed), or when the follow-up has gone
  unanswered for 7 business days; after a reply, further messages belong to the same
  conversation. A reply anywhere in the cycle answers all of it;
- an interview on or after the start of the latest cycle makes the person **met**, and
  **thanked** once its ``thanked_on`` is recorded;
- in the latest cycle: a decline is **declined**; a meeting on the calendar is
  **scheduled** until its day and **met** after it (the conversation still to be logged); a
  reply is **said yes**; silence is **asked** until 7 business days after the first
  message, then **follow-up due**; after a follow-up, silence for 7 more business days is
  **no response**;
- with no outreach: **referred** if someone gave me their name (**declined** or **no
  response** if that referral is recorded so), else **known**.

What each stage owes (:class:`Obligation`, with the day it falls due and the day it is
late): *said yes* → schedule (at once: someone who said yes must not wait); *scheduled* →
prepare (the day before); *met* → log the conversation (if only scheduled), thank within
24 hours, tell the referrer, act on each advice item; *referred* → contact before the
referral goes stale (14 days); *asked* → follow up after 7 business days, and a second
person at the same employer after 3 — once per employer, while everyone there is silent,
naming only people not contacted yet; boosters I met → keep in touch after 60 days.

Business days are Monday to Friday (:mod:`infoview_graph.timing`). This module imports
neither numpy nor networkx: ``person show`` uses :func:`standing` on one person's records.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> life = lifecycle(net, today=dt.date(2026, 11, 20))
>>> life.stage("maya-lindstrom"), life.stage("jessica-tran"), life.stage("kenji-watanabe")
('said-yes', 'follow-up-due', 'declined')
>>> life.standing("maya-lindstrom").describe()
'said yes on 2026-11-11 — to schedule'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from infoview_graph.models import CHANNEL_NOUN, Channel, FollowUpKind
from infoview_graph.timing import Thresholds, add_business_days, classify, shift_days

if TYPE_CHECKING:
    from infoview_graph.models import Interview, Outreach, Person, PersonId, Referral
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "ACTIVE",
    "ANSWERED",
    "CLOSED",
    "PENDING",
    "STAGES",
    "STAGE_LABEL",
    "Lifecycle",
    "LifecycleSettings",
    "Obligation",
    "Stage",
    "Standing",
    "judging_day",
    "lifecycle",
    "standing",
]

Stage = Literal[
    "known",
    "referred",
    "asked",
    "follow-up-due",
    "said-yes",
    "scheduled",
    "met",
    "thanked",
    "declined",
    "no-response",
    "do-not-contact",
]
"""Where a person stands (see the module docstring for the rules)."""
STAGES: tuple[str, ...] = get_args(Stage)
"""Every stage, in the order of the lifecycle."""
STAGE_LABEL: dict[str, str] = {
    "known": "known",
    "referred": "referred",
    "asked": "asked, awaiting a reply",
    "follow-up-due": "follow-up due",
    "said-yes": "said yes — to schedule",
    "scheduled": "scheduled",
    "met": "met",
    "thanked": "met and thanked",
    "declined": "declined",
    "no-response": "no response",
    "do-not-contact": "do not contact",
}
"""Each stage in words, as the commands print it."""
ACTIVE: frozenset[str] = frozenset({"asked", "said-yes", "scheduled"})
"""Stages in which the next move is theirs or already agreed: not a new contact to suggest."""
CLOSED: frozenset[str] = frozenset({"met", "thanked", "declined", "no-response", "do-not-contact"})
"""Stages that end the request for a conversation: never suggested, drafted to or routed
through as a new contact (met and thanked people are still good introducers)."""
ANSWERED: frozenset[str] = frozenset({"said-yes", "scheduled", "met", "thanked", "declined"})
"""Stages in which the person has answered me (yes, no, or by meeting me)."""
PENDING: frozenset[str] = frozenset({"referred", "asked", "follow-up-due", "said-yes", "scheduled"})
"""Stages of a referral still in play: named, asked, or agreed but not met yet."""
_REFUSED: dict[str, Stage] = {"declined": "declined", "no-response": "no-response"}


class LifecycleSettings(BaseModel):
    """The day counts of the lifecycle's obligations (3B7 comes from ``thresholds``).

    Examples
    --------
    >>> LifecycleSettings().thank_you_days, LifecycleSettings().stale_after_days
    (1, 14)
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=True, hide_input_in_errors=True
    )

    thresholds: Thresholds = Thresholds()
    """The 3 and 7 business days of 3B7."""
    schedule_business_days: Annotated[int, Field(ge=0, le=30)] = 1
    """Business days after a yes by which the meeting should be on the calendar."""
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


class Standing(BaseModel):
    """Where one person stands, and the dates that put them there.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.models import Outreach, Person
    >>> ann = Person(id="ann", name="Ann Lee")
    >>> asked = Outreach(id="o-1", person="ann", on=dt.date(2026, 11, 2))
    >>> s = standing(ann, outreach=[asked], today=dt.date(2026, 11, 12))
    >>> s.stage, s.next_on
    ('follow-up-due', datetime.date(2026, 11, 11))
    >>> s.describe()
    'no reply to your email of 2026-11-02 — follow up (due 2026-11-11)'
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    person_id: str
    """Whose standing."""
    stage: Stage
    """The stage (see :data:`STAGES`)."""
    since: dt.date | None = None
    """The day the person entered the stage (None for known people and the flag)."""
    asked_on: dt.date | None = None
    """The first message of the current request (the cycle), if any."""
    channel: Channel | None = None
    """How that first message went out."""
    attempts: tuple[str, ...] = ()
    """The outreach ids of the current request, oldest first (the first and its follow-ups)."""
    followed_up_on: dt.date | None = None
    """The latest follow-up of the current request, if there was one."""
    replied_on: dt.date | None = None
    """When they answered the current request."""
    meeting_on: dt.date | None = None
    """The meeting on the calendar (``referrals schedule``)."""
    met_on: dt.date | None = None
    """The latest interview, or the day of a scheduled meeting now past."""
    logged: bool = True
    """False when a scheduled meeting has passed but no interview is logged yet."""
    thanked_on: dt.date | None = None
    """When I thanked them for the latest interview."""
    referred_on: dt.date | None = None
    """The newest referral naming them, if any."""
    next_on: dt.date | None = None
    """When the next step falls due: the follow-up (asked), the meeting (scheduled)."""
    direct: bool = False
    """I know them myself (a tie of strength 1 or more): contact, never "introduce"."""

    @property
    def label(self) -> str:
        """The stage in words (:data:`STAGE_LABEL`)."""
        return STAGE_LABEL[self.stage]

    def describe(self) -> str:
        """Say in one phrase where they stand and since when.

        Examples
        --------
        >>> Standing(person_id="x", stage="known").describe()
        'known'
        """
        noun = CHANNEL_NOUN[self.channel] if self.channel else "message"
        match self.stage:
            case "referred":
                return f"referred on {self.referred_on}, not contacted yet"
            case "asked" if self.followed_up_on is not None:
                return (
                    f"asked on {self.asked_on}, followed up on {self.followed_up_on}; "
                    f"awaiting a reply until {self.next_on}"
                )
            case "asked":
                return f"asked by {noun} on {self.asked_on}; follow up from {self.next_on}"
            case "follow-up-due":
                return f"no reply to your {noun} of {self.asked_on} — follow up (due {self.since})"
            case "no-response":
                return (
                    f"no response to your {noun} of {self.asked_on} "
                    f"nor to the follow-up of {self.followed_up_on}"
                )
            case "said-yes":
                return f"said yes on {self.replied_on} — to schedule"
            case "scheduled":
                return f"meeting scheduled for {self.meeting_on}"
            case "met" if not self.logged:
                return f"met on {self.met_on} — log the conversation"
            case "met":
                return f"met on {self.met_on}; thank-you not recorded"
            case "thanked":
                return f"met on {self.met_on}, thanked on {self.thanked_on}"
            case "declined":
                return f"declined on {self.since}"
        return self.label


class Obligation(BaseModel):
    """One thing I owe someone, derived from the events: what, for whom, when.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.demo import demo_network
    >>> life = lifecycle(demo_network(), today=dt.date(2026, 11, 20))
    >>> first = life.obligations_of("maya-lindstrom")[0]
    >>> first.kind, first.due, first.late
    ('schedule', datetime.date(2026, 11, 11), datetime.date(2026, 11, 12))
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: str
    """Stable id, derived from the event, so a stored done/snooze finds it again."""
    kind: FollowUpKind
    """What sort of obligation."""
    person_id: str | None
    """Whom it concerns."""
    action: str
    """What to do, in one sentence."""
    why: str
    """The event it comes from, in words."""
    since: dt.date
    """The day of that event."""
    due: dt.date
    """When it falls due."""
    late: dt.date
    """After this day it is overdue (for a thank-you note: 48 hours after the interview)."""


@dataclass(frozen=True)
class Lifecycle:
    """Every person's standing and every obligation, on one day (see :func:`lifecycle`).

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.demo import demo_network
    >>> life = lifecycle(demo_network(), today=dt.date(2026, 11, 20))
    >>> life.today, len(life.in_stage("thanked")), life.obligations[0].kind
    (datetime.date(2026, 11, 20), 5, 'advice')
    """

    today: dt.date
    """The day it describes."""
    standings: Mapping[str, Standing]
    """The standing of everyone but me with an event, a referral or the flag; everyone else
    is *known*."""
    obligations: tuple[Obligation, ...]
    """Every obligation, due or not, by due date and id."""
    direct: frozenset[str]
    """The people I know myself (a tie of strength 1 or more)."""

    def standing(self, person_id: PersonId) -> Standing:
        """Return one person's standing (*known* if nothing happened with them).

        Examples
        --------
        >>> import datetime as dt
        >>> from infoview_graph.demo import demo_network
        >>> lifecycle(demo_network(), today=dt.date(2026, 11, 20)).standing("brad-johnson").stage
        'known'
        """
        found = self.standings.get(person_id)
        if found is not None:
            return found
        return Standing(person_id=person_id, stage="known", direct=person_id in self.direct)

    def stage(self, person_id: PersonId) -> Stage:
        """Return one person's stage (O(1), without building a standing)."""
        found = self.standings.get(person_id)
        return found.stage if found is not None else "known"

    def in_stage(self, *stages: str) -> list[str]:
        """Return the ids of the people in any of these stages, sorted.

        Examples
        --------
        >>> import datetime as dt
        >>> from infoview_graph.demo import demo_network
        >>> lifecycle(demo_network(), today=dt.date(2026, 11, 20)).in_stage("declined")
        ['kenji-watanabe']
        """
        return sorted(pid for pid, s in self.standings.items() if s.stage in stages)

    def obligations_of(self, person_id: PersonId) -> list[Obligation]:
        """Return the obligations concerning one person, by due date."""
        return [o for o in self.obligations if o.person_id == person_id]


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
    limits = thresholds or Thresholds()
    talks = sorted(interviews, key=lambda i: (i.on, i.id))
    named = sorted(r.on for r in referrals)
    base = {
        "person_id": person.id,
        "direct": (my_tie or 0) >= 1,
        "referred_on": named[-1] if named else None,
    }
    cycles = _cycles(outreach, talks, limits)
    cycle = cycles[-1] if cycles else []
    found = _stage(cycle, talks, named, today, limits)
    if found["stage"] == "referred":
        # A referral recorded as declined or unanswered (an import, an older store) with no
        # outreach behind it still says where the person stands.
        closed = sorted((r.on, r.status) for r in referrals if r.status in _REFUSED)
        if closed:
            found = {"stage": _REFUSED[closed[-1][1]], "since": closed[-1][0]}
    if person.do_not_contact:
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
    return len(cycle) < 2 or day < add_business_days(cycle[-1].on, t.curmudgeon_after)


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
    follow_up = add_business_days(first.on, limits.curmudgeon_after)
    if len(cycle) > 1:
        gone = add_business_days(cycle[-1].on, limits.curmudgeon_after)
        if today >= gone:
            return {**facts, "stage": "no-response", "since": gone}
        return {**facts, "stage": "asked", "since": first.on, "next_on": gone}
    if today >= follow_up:
        return {**facts, "stage": "follow-up-due", "since": follow_up, "next_on": follow_up}
    return {**facts, "stage": "asked", "since": first.on, "next_on": follow_up}


# --- the whole network -----------------------------------------------------------------------


def judging_day(network: ReferralNetwork, today: dt.date | None = None) -> dt.date:
    """Return the day to judge the network on: ``today`` if given, else its ``as_of`` date.

    Without either, the calendar's today. Every command and algorithm that takes
    ``today`` resolves it here, so that they all agree.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> judging_day(net) == net.as_of, judging_day(net, dt.date(2027, 1, 4))
    (True, datetime.date(2027, 1, 4))
    """
    return today or network.as_of or dt.date.today()


def lifecycle(
    network: ReferralNetwork,
    *,
    today: dt.date | None = None,
    settings: LifecycleSettings | None = None,
) -> Lifecycle:
    """Derive every person's standing and every obligation from the network's events.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        Default: the network's ``as_of`` date if it has one, else today.
    settings : LifecycleSettings, optional
        The day counts.

    Returns
    -------
    Lifecycle
        Computed once per network state, day and settings (kept until the network changes).

    Notes
    -----
    O(e log e + m) for the e events (outreach, interviews, referrals) and my m ties; people
    with no event are *known* without being visited.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.demo import demo_network
    >>> life = lifecycle(demo_network(), today=dt.date(2026, 11, 20))
    >>> life.in_stage("said-yes"), life.stage("marcus-bell")
    (['maya-lindstrom'], 'met')
    """
    day = judging_day(network, today)
    limits = settings or LifecycleSettings()
    key = f"lifecycle:{day.isoformat()}:{limits.model_dump_json()}"
    return network.derived(key, lambda net: _derive(net, day, limits))


def _derive(network: ReferralNetwork, day: dt.date, limits: LifecycleSettings) -> Lifecycle:
    me = network.me.id
    mine = network.strengths(me)
    concerned = {o.person for o in network.outreach()} | {i.person for i in network.interviews()}
    concerned |= {r.referee for r in network.referrals()}
    concerned |= {pid for pid, flag in network.person_column("do_not_contact").items() if flag}
    concerned.discard(me)
    standings = {
        pid: standing(
            network.person(pid),
            outreach=network.outreach_to(pid),
            interviews=network.interviews_with(pid),
            referrals=network.referrals_to(pid),
            my_tie=mine.get(pid),
            today=day,
            thresholds=limits.thresholds,
        )
        for pid in sorted(concerned)
    }
    direct = frozenset(pid for pid, s in mine.items() if s >= 1)
    life = Lifecycle(day, standings, (), direct)
    owed = _Owed(network, life, limits)
    for pid in sorted(standings):
        owed.person(pid)
    owed.second_contacts()
    obligations = tuple(sorted(owed.items, key=lambda o: (o.due, o.id)))
    return Lifecycle(day, standings, obligations, direct)


class _Owed:
    """Collects the obligations of each standing (the table in the module docstring)."""

    def __init__(self, network: ReferralNetwork, life: Lifecycle, limits: LifecycleSettings):
        self.network, self.life, self.limits = network, life, limits
        self.items: list[Obligation] = []

    def add(
        self, item_id: str, kind: FollowUpKind, person: str | None, action: str, why: str,
        since: dt.date, due: dt.date, late: dt.date | None = None,
    ) -> None:  # fmt: skip
        self.items.append(
            Obligation(
                id=item_id, kind=kind, person_id=person, action=action, why=why,
                since=since, due=due, late=late or due,
            )
        )  # fmt: skip

    def name(self, pid: str) -> str:
        return self.network.person(pid).name

    def person(self, pid: str) -> None:
        s = self.life.standings[pid]
        if s.stage == "do-not-contact":
            return
        name = self.name(pid)
        for interview in self.network.interviews_with(pid):
            self.after_interview(interview, name)
        noun = CHANNEL_NOUN[s.channel] if s.channel else "message"
        first = s.attempts[0] if s.attempts else ""
        if s.stage == "said-yes" and s.replied_on is not None:
            self.add(
                f"schedule-{first}", "schedule", pid, f"Schedule 15 minutes with {name}",
                f"{name} said yes on {s.replied_on} to your {noun} of {s.asked_on}",
                s.replied_on, s.replied_on,
                add_business_days(s.replied_on, self.limits.schedule_business_days),
            )  # fmt: skip
        elif s.stage == "scheduled" and s.meeting_on is not None:
            self.add(
                f"prepare-{first}-{s.meeting_on}", "prepare", pid,
                f"Prepare for your meeting with {name} on {s.meeting_on} (referrals prep)",
                f"meeting scheduled for {s.meeting_on}",
                s.replied_on or s.meeting_on, shift_days(s.meeting_on, -1), s.meeting_on,
            )  # fmt: skip
        elif s.stage == "met" and not s.logged and s.meeting_on is not None:
            self.add(
                f"log-conversation-{first}-{s.meeting_on}", "log-conversation", pid,
                f"Log your conversation with {name} and send a thank-you note",
                f"meeting on {s.meeting_on}; record what you learned (referrals interview log)",
                s.meeting_on, s.meeting_on, shift_days(s.meeting_on, 1),
            )  # fmt: skip
        elif s.stage in ("asked", "follow-up-due") and s.followed_up_on is None and s.asked_on:
            due = add_business_days(s.asked_on, self.limits.thresholds.curmudgeon_after)
            self.add(
                f"3b7-follow-up-{first}", "3b7-follow-up", pid, f"Follow up with {name}",
                f"no reply {self.limits.thresholds.curmudgeon_after} business days after your "
                f"{noun} of {s.asked_on} (referrals draft followup)",
                s.asked_on, due,
            )  # fmt: skip
        elif s.stage == "referred":
            self.stale_referrals(pid, name)
        if s.stage in ("met", "thanked") and s.logged:
            self.keep_in_touch(pid, name)

    def after_interview(self, interview: Interview, name: str) -> None:
        pid, on = interview.person, interview.on
        if interview.thanked_on is None:
            # shift_days, never date + timedelta: a stored 9999-12-31 or 0001-01-01 must
            # not crash every later command (issue 15); dates stop at the calendar's ends.
            due = shift_days(on, self.limits.thank_you_days)
            self.add(
                f"thank-you-{interview.id}", "thank-you", pid,
                f"Send {name} a thank-you note",
                f"interview on {on}; thank within 24 hours", on, due, shift_days(due, 1),
            )  # fmt: skip
        me = self.network.me.id
        for referral in self.network.referrals_to(pid):
            if referral.referrer == me or referral.on > on:
                continue
            if self.network.person(referral.referrer).do_not_contact:
                continue
            referrer = self.name(referral.referrer)
            self.add(
                f"tell-referrer-{interview.id}-{referral.referrer}", "tell-referrer",
                referral.referrer, f"Tell {referrer} how the conversation with {name} went",
                f"{referrer} referred you to {name}; interview on {on} "
                f"(referrals draft news {referral.referrer})", on,
                add_business_days(on, self.limits.tell_referrer_business_days),
            )  # fmt: skip
        for n, advice in enumerate(interview.advice, 1):
            self.add(
                f"advice-{interview.id}-{n}", "advice", pid,
                f"Act on {name}'s advice: {first_line(advice)}",
                f"advice from the interview on {on}",
                on, shift_days(on, self.limits.advice_days),
            )  # fmt: skip

    def stale_referrals(self, pid: str, name: str) -> None:
        me = self.network.me.id
        for referral in self.network.referrals_to(pid):
            if referral.referrer == me:
                continue
            referrer = self.name(referral.referrer)
            self.add(
                f"stale-referral-{referral.referrer}-{pid}", "stale-referral", pid,
                f"Contact {name} before {referrer}'s referral goes stale",
                f"{referrer} referred them on {referral.on}",
                referral.on, shift_days(referral.on, self.limits.stale_after_days),
            )  # fmt: skip

    def keep_in_touch(self, pid: str, name: str) -> None:
        attempts = self.network.outreach_to(pid)
        talks = self.network.interviews_with(pid)
        day, limits = self.life.today, self.limits.thresholds
        if classify(attempts, talks, today=day, thresholds=limits) != "booster":
            return
        heard = [o.replied_on for o in attempts if o.replied_on] + [i.on for i in talks]
        last = max(heard)
        self.add(
            f"keep-in-touch-{pid}-{last.isoformat()}", "keep-in-touch", pid,
            f"Get back in touch with {name}", f"a booster; last heard from on {last}",
            last, shift_days(last, self.limits.keep_in_touch_days),
        )  # fmt: skip

    def second_contacts(self) -> None:
        """Owe the "3" of 3B7: one item per employer while everyone contacted there is silent."""
        silent: dict[str, list[Standing]] = {}
        answered: set[str] = set()
        contacted: dict[str, int] = {}
        works_at = self.network.person_column("organization")
        for pid, s in self.life.standings.items():
            org = works_at[pid]
            if org is None or s.stage in ("known", "referred"):
                continue
            contacted[org] = contacted.get(org, 0) + 1
            if s.stage in ANSWERED:
                answered.add(org)
            elif s.stage in ("asked", "follow-up-due", "no-response") and s.asked_on:
                silent.setdefault(org, []).append(s)
        for org, waiting in sorted(silent.items()):
            if org in answered or contacted[org] > 1:
                continue
            s = min(waiting, key=lambda w: (w.asked_on or self.life.today, w.person_id))
            if s.asked_on is None:
                continue
            name, where = self.name(s.person_id), self.network.organization(org).name
            noun = CHANNEL_NOUN[s.channel] if s.channel else "message"
            self.add(
                f"3b7-second-{org}-{s.attempts[0]}", "3b7-second-contact", s.person_id,
                self.second_contact_action(org, where),
                f"no reply from {name} {self.limits.thresholds.booster_within} business days "
                f"after your {noun} of {s.asked_on}",
                s.asked_on, add_business_days(s.asked_on, self.limits.thresholds.booster_within),
            )  # fmt: skip

    def second_contact_action(self, org: str, where: str) -> str:
        me = self.network.me.id
        mine = self.network.strengths(me)
        barred = self.network.person_column("do_not_contact")
        pool = [
            pid
            for pid in self.network.member_ids(org)
            if pid != me and not barred[pid] and self.life.stage(pid) in ("known", "referred")
        ]
        pool.sort(key=lambda p: (self.life.stage(p) != "referred", -mine.get(p, -1), p))
        if not pool:
            return f"Find a second person at {where} to contact (3B7): ask who knows someone there"
        names = ", ".join(self.network.person(pid).name for pid in pool[:3])
        return f"Contact a second person at {where} (3B7), e.g. {names}"


def first_line(text: str) -> str:
    r"""Return the first line of a text, cut to 120 characters.

    Examples
    --------
    >>> first_line("Take the CPA exam\nsoon")
    'Take the CPA exam'
    """
    line = text.strip().splitlines()[0] if text.strip() else text
    return line if len(line) <= 120 else line[:117] + "…"
