"""Stories: a job search told as dated lifecycle events, and where each person ends up.

:func:`stories` draws a network without events (persons, ties, organizations, fields,
targets) and then a :class:`Story` of it: a sequence of :class:`StoryEvent` — a referral,
an outreach, a follow-up, a reply or a decline, a meeting scheduled, the interview, the
thank-you note — each one that the contact lifecycle (DESIGN §4a) allows for that person
on that day, with dates that never go back. The story carries the records those events
make (``story.data``) and the stage each person is in on ``story.today``, worked out from
the events alone, so a test can hold any analysis against it.

Examples
--------
>>> from hypothesis import HealthCheck, given, settings
>>> from infoview_graph.lifecycle import lifecycle
>>> from infoview_graph.network import ReferralNetwork
>>> @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
... @given(stories())
... def test_the_lifecycle_tells_the_story(story):
...     life = lifecycle(ReferralNetwork(story.data), today=story.today)
...     assert {pid: life.stage(pid) for pid in story.stages} == story.stages
>>> test_the_lifecycle_tells_the_story()
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

from infoview_graph.lifecycle import Stage
from infoview_graph.models import Interview, NetworkData, Outreach, Referral
from infoview_graph.testing._records import Shape, networks
from infoview_graph.timing import Thresholds, add_business_days

__all__ = ["EventKind", "Story", "StoryEvent", "stories"]

EventKind = Literal[
    "refer", "outreach", "follow-up", "reply", "decline", "schedule", "interview", "thank"
]
"""What happens in a :class:`StoryEvent`."""

_SILENT = Thresholds().curmudgeon_after
"""Business days without a reply before a follow-up is due (7, Dalton's 3B7)."""


class StoryEvent(BaseModel):
    """One dated event of a story.

    Examples
    --------
    >>> import datetime as dt
    >>> StoryEvent(on=dt.date(2026, 11, 2), kind="refer", person="ann", referrer="bob")
    StoryEvent(on=datetime.date(2026, 11, 2), kind='refer', person='ann', referrer='bob', ...)
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    on: dt.date
    """The day it happens."""
    kind: EventKind
    person: str
    """Whom it concerns (for ``refer``: the person referred)."""
    referrer: str | None = None
    """For ``refer``: who gave the name."""
    meeting_on: dt.date | None = None
    """For ``schedule``: the day of the meeting (on or after ``on``)."""


class Story(BaseModel):
    """A network, the events told about it, and where each person stands at the end.

    Examples
    --------
    >>> from hypothesis import HealthCheck, given, settings
    >>> @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    ... @given(stories())
    ... def test_a_thank_you_follows_an_interview(story):
    ...     kinds = [(e.person, e.kind) for e in story.events]
    ...     for person, kind in kinds:
    ...         if kind == "thank":
    ...             assert (person, "interview") in kinds
    >>> test_a_thank_you_follows_an_interview()
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    data: NetworkData
    """The network with the records the events made (and no others: no referral, outreach,
    interview or follow-up of its own)."""
    events: tuple[StoryEvent, ...]
    """In the order they happened; dates never go back."""
    today: dt.date
    """The day the story is read: on or after the last event."""
    stages: dict[str, Stage]
    """Every person but me: their stage on ``today`` by DESIGN §4a, from the events alone."""


@dataclass
class _Person:
    """What the events have done to one person so far."""

    referred_on: dt.date | None = None
    asked_on: dt.date | None = None
    followed_up_on: dt.date | None = None
    replied_on: dt.date | None = None
    declined: bool = False
    meeting_on: dt.date | None = None
    met_on: dt.date | None = None
    thanked_on: dt.date | None = None
    outreach: list[str] = field(default_factory=list)

    def stage(self, today: dt.date) -> Stage:
        """Return the stage on ``today``, by the rules of DESIGN §4a."""
        if self.thanked_on is not None:
            return "thanked"
        if self.met_on is not None:
            return "met"
        if self.asked_on is None:
            return "referred" if self.referred_on is not None else "known"
        if self.declined:
            return "declined"
        if self.replied_on is not None:
            if self.meeting_on is None:
                return "said-yes"
            return "scheduled" if self.meeting_on >= today else "met"
        if self.followed_up_on is not None:
            gone = add_business_days(self.followed_up_on, _SILENT)
            return "no-response" if today >= gone else "asked"
        return "follow-up-due" if today >= add_business_days(self.asked_on, _SILENT) else "asked"


_NEXT: dict[str, tuple[EventKind, ...]] = {
    "known": ("refer", "outreach"),
    "referred": ("outreach",),
    "asked": ("follow-up", "reply", "decline"),
    "follow-up-due": ("follow-up", "reply", "decline"),
    "said-yes": ("schedule",),
    "scheduled": ("interview",),
    "met": ("interview", "thank"),
}
"""What may happen next to a person in each stage (a follow-up only once)."""


@st.composite
def stories(
    draw: st.DrawFn,
    *,
    min_persons: int = 2,
    max_persons: int = 8,
    max_events: int = 20,
    shape: Shape = "personal",
    start: dt.date = dt.date(2026, 11, 2),
) -> Story:
    """Draw a story: dated lifecycle events on a network drawn by :func:`networks`.

    Parameters
    ----------
    min_persons, max_persons : int, default 2 and 8
        How many persons, me included.
    max_events : int, default 20
        At most this many events.
    shape : {"any", "personal", "office"}, default "personal"
        The shape of the network's ties (:data:`Shape`).
    start : datetime.date, default 2026-11-02
        The day of the first event; each next one is 0 to 6 days later.

    Returns
    -------
    SearchStrategy of Story
        Guaranteed, and checked by the project's own tests: every event is one the
        lifecycle allows for that person at that moment (a reply only to an open request,
        a meeting only after a yes, the interview on or after the meeting's day, thanks
        only after an interview, one follow-up at most); nothing happens to me or to a
        person marked do not contact; dates never go back; ``story.data`` validates, and
        :func:`infoview_graph.lifecycle.lifecycle` on ``story.today`` gives every person
        the stage ``story.stages`` says.

    Examples
    --------
    >>> from hypothesis import HealthCheck, given, settings
    >>> @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    ... @given(stories(max_persons=4, shape="office"))
    ... def test_dates_never_go_back(story):
    ...     days = [e.on for e in story.events]
    ...     assert days == sorted(days) and all(day <= story.today for day in days)
    >>> test_dates_never_go_back()
    """
    base = draw(networks(min_persons=min_persons, max_persons=max_persons, shape=shape))
    people = {p.id: _Person() for p in base.persons if not p.is_self}
    reachable = sorted(p.id for p in base.persons if not p.is_self and not p.do_not_contact)
    day = start
    events: list[StoryEvent] = []
    for _ in range(draw(st.integers(0, max_events)) if reachable else 0):
        day += dt.timedelta(days=draw(st.integers(0, 6)))
        pid = draw(st.sampled_from(reachable))
        person = people[pid]
        allowed = [
            kind for kind in _NEXT.get(person.stage(day), ()) if _may(kind, person, len(people))
        ]
        if not allowed:
            continue
        kind = draw(st.sampled_from(allowed))
        event = _happen(draw, kind, pid, person, day, sorted(people))
        day = event.on
        events.append(event)
    today = day + dt.timedelta(days=draw(st.integers(0, 15)))
    stages: dict[str, Stage] = {
        pid: "do-not-contact" if pid not in reachable else person.stage(today)
        for pid, person in people.items()
    }
    return Story(
        data=_records(base, events),
        events=tuple(events),
        today=today,
        stages=stages,
    )


def _may(kind: EventKind, person: _Person, contacts: int) -> bool:
    """Tell whether the event may happen: one follow-up; one interview; thanks after it."""
    match kind:
        case "follow-up":
            return person.followed_up_on is None
        case "interview":
            return person.met_on is None
        case "thank":
            return person.met_on is not None
        case "refer":
            return contacts >= 2  # someone other than the person gives the name
    return True


def _happen(
    draw: st.DrawFn, kind: EventKind, pid: str, person: _Person, day: dt.date, others: list[str]
) -> StoryEvent:
    """Make one event happen to a person: record its effect and return it."""
    referrer = None
    meeting_on = None
    match kind:
        case "refer":
            # Referrals come from my contacts, never from me.
            referrer = draw(st.sampled_from([o for o in others if o != pid]))
            person.referred_on = day
        case "outreach":
            person.asked_on = day
        case "follow-up":
            person.followed_up_on = day
        case "reply":
            person.replied_on = day
        case "decline":
            person.replied_on, person.declined = day, True
        case "schedule":
            meeting_on = day + dt.timedelta(days=draw(st.integers(0, 10)))
            person.meeting_on = meeting_on
        case "interview":
            # The clock moves on to the meeting's day if it has not come yet.
            day = max(day, person.meeting_on or day)
            person.met_on = day
        case "thank":
            person.thanked_on = day
    return StoryEvent(on=day, kind=kind, person=pid, referrer=referrer, meeting_on=meeting_on)


def _records(base: NetworkData, events: list[StoryEvent]) -> NetworkData:
    """Return the network with the records the events make: one request per person at most."""
    referrals: list[Referral] = []
    requests: dict[str, list[Outreach]] = {}
    talks: dict[str, Interview] = {}
    for n, event in enumerate(events):
        pid = event.person
        match event.kind:
            case "refer":
                assert event.referrer is not None
                referrals.append(Referral(referrer=event.referrer, referee=pid, on=event.on))
            case "outreach" | "follow-up":
                requests.setdefault(pid, []).append(
                    Outreach(id=f"story-{n}", person=pid, on=event.on)
                )
            case "reply" | "decline":
                last = requests[pid][-1]
                requests[pid][-1] = last.model_copy(
                    update={"replied_on": event.on, "declined": event.kind == "decline"}
                )
            case "schedule":
                last = requests[pid][-1]
                requests[pid][-1] = last.model_copy(update={"meeting_on": event.meeting_on})
            case "interview":
                talks[pid] = Interview(id=f"story-{n}", person=pid, on=event.on)
            case "thank":
                talks[pid] = talks[pid].model_copy(update={"thanked_on": event.on})
    # Each record was validated as it was made; the tests check that the whole validates.
    return base.model_copy(
        update={
            "referrals": tuple(referrals),
            "outreach": tuple(o for tried in requests.values() for o in tried),
            "interviews": tuple(talks.values()),
            "followups": (),
        }
    )
