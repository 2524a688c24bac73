"""The stages, the settings, and the results: a person's standing, an obligation, a lifecycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field

from infoview_graph.models import CHANNEL_NOUN, Channel, FollowUpKind
from infoview_graph.timing import Thresholds

if TYPE_CHECKING:
    from infoview_graph.models import PersonId


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
REFUSED: dict[str, Stage] = {"declined": "declined", "no-response": "no-response"}


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
    >>> from infoview_graph.lifecycle import standing
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
    >>> from infoview_graph.lifecycle import lifecycle
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


class SecondContact(NamedTuple):
    """An employer where a 3B7 second contact is owed (:attr:`Lifecycle.second_contacts_owed`).

    Examples
    --------
    >>> import datetime as dt
    >>> SecondContact("acme", "ann", dt.date(2026, 11, 5)).organization
    'acme'
    """

    organization: str
    """The employer."""
    person_id: str
    """The one person contacted there, silent so far."""
    due: dt.date
    """When the second contact falls due (3 business days after the first message)."""


def _nothing_owed(life: Lifecycle) -> Iterable[Obligation]:
    return ()


@dataclass(frozen=True)
class Lifecycle:
    """Every person's standing and every obligation, on one day (see :func:`lifecycle`).

    The standings and :attr:`second_contacts_owed` are derived at once; the obligations
    the first time they are read (the 3B7 second contacts on their own,
    :attr:`second_contacts`), from the same network, unchanged: read them before changing
    it, or derive the lifecycle again (a :class:`RuntimeError` says so).

    Examples
    --------
    >>> from infoview_graph.lifecycle import lifecycle
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
    direct: frozenset[str]
    """The people I know myself (a tie of strength 1 or more)."""
    second_contacts_owed: tuple[SecondContact, ...] = ()
    """The employers where a 3B7 second contact is owed, by due date (the order of
    :attr:`second_contacts`): the one person contacted there is silent."""
    _owe_second_contacts: Callable[[Lifecycle], Iterable[Obligation]] = field(
        default=_nothing_owed, repr=False, compare=False
    )
    """Derives the 3B7 second contacts owed (any order)."""
    _owe_the_rest: Callable[[Lifecycle], Iterable[Obligation]] = field(
        default=_nothing_owed, repr=False, compare=False
    )
    """Derives every other obligation (any order)."""

    @cached_property
    def second_contacts(self) -> tuple[Obligation, ...]:
        """The obligations of kind ``3b7-second-contact``, by due date and id.

        Derived without the other obligations.

        Examples
        --------
        >>> from infoview_graph.lifecycle import lifecycle
        >>> import datetime as dt
        >>> from infoview_graph.demo import demo_network
        >>> life = lifecycle(demo_network(), today=dt.date(2026, 11, 20))
        >>> life.second_contacts == tuple(
        ...     o for o in life.obligations if o.kind == "3b7-second-contact")
        True
        """
        return _by_due(self._owe_second_contacts(self))

    @cached_property
    def obligations(self) -> tuple[Obligation, ...]:
        """Every obligation, due or not, by due date and id."""
        return _by_due([*self.second_contacts, *self._owe_the_rest(self)])

    def standing(self, person_id: PersonId) -> Standing:
        """Return one person's standing (*known* if nothing happened with them).

        Examples
        --------
        >>> from infoview_graph.lifecycle import lifecycle
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
        >>> from infoview_graph.lifecycle import lifecycle
        >>> import datetime as dt
        >>> from infoview_graph.demo import demo_network
        >>> lifecycle(demo_network(), today=dt.date(2026, 11, 20)).in_stage("declined")
        ['kenji-watanabe']
        """
        return sorted(pid for pid, s in self.standings.items() if s.stage in stages)

    def obligations_of(self, person_id: PersonId) -> list[Obligation]:
        """Return the obligations concerning one person, by due date."""
        return [o for o in self.obligations if o.person_id == person_id]


def _by_due(obligations: Iterable[Obligation]) -> tuple[Obligation, ...]:
    return tuple(sorted(obligations, key=lambda o: (o.due, o.id)))
