"""The records a network holds, and the network data that holds them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from infoview_graph.models._types import (
    Email,
    FieldId,
    FreeText,
    Line,
    OrgId,
    PersonId,
    Phone,
    QuestionId,
    Slug,
    Strength,
    Url,
    check_free_text,
    check_slug,
)
from infoview_graph.models._vocabulary import (
    Channel,
    Fit,
    FollowUpKind,
    How,
    Mode,
    OrgKind,
    ReferralStatus,
    Tiara,
)

# --- the records -----------------------------------------------------------------------------


class Record(BaseModel):
    """Base of every record: immutable, strict about keys, silent about inputs in errors."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        use_attribute_docstrings=True,
        validate_default=False,
        # Build validators on first use: `referrals --help` never pays for them.
        defer_build=True,
    )


def _sorted_unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))


SortedIds: TypeAlias = Annotated[tuple[Slug, ...], AfterValidator(_sorted_unique)]
SortedLines: TypeAlias = Annotated[tuple[Line, ...], AfterValidator(_sorted_unique)]


def _unique_in_order(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _answers(values: Mapping[str, str]) -> Mapping[str, str]:
    # Keys and texts are checked here, not per item, so that an error's location is just
    # "answers": pydantic would otherwise put the offending key — user data — into it.
    for key, text in values.items():
        try:
            check_slug(key)
        except ValueError:
            raise ValueError(
                "has a question id that is not a slug (for example 'day-in-the-life')"
            ) from None
        check_free_text(text)
    # A frozen record must not change through a mutable attribute.
    return MappingProxyType({k: values[k].replace("\r\n", "\n") for k in sorted(values)})


class Position(Record):
    """A past position: an organization and a title, with optional dates.

    Examples
    --------
    >>> p = Position(organization="heartland-gazette", title="Editorial Assistant",
    ...              start=dt.date(2019, 6, 1))
    >>> Person(id="steven-olson", name="Steven Olson", past_positions=(p,)).past_positions[0].title
    'Editorial Assistant'
    """

    organization: OrgId
    """The organization's id."""
    title: Line | None = None
    """The job title held there."""
    start: dt.date | None = None
    """When the position began."""
    end: dt.date | None = None
    """When it ended."""


class Person(Record):
    """A contact — or, with ``is_self``, the user of the tool (exactly one per network).

    Examples
    --------
    >>> Person(id="ada", name="Ada Lovelace", emails=("ada@example.org",)).emails
    ('ada@example.org',)
    >>> Person(id="Ada!", name="Ada")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Person
    id
      Value error, must be a slug: ... [type=value_error]
    ...
    """

    id: PersonId
    """Stable slug id."""
    name: Line
    """Display name, e.g. ``"Brad Johnson"``."""
    is_self: bool = False
    """True for the user of the tool."""
    emails: Annotated[tuple[Email, ...], AfterValidator(_unique_in_order)] = ()
    """Email addresses, the preferred one first."""
    phones: Annotated[tuple[Phone, ...], AfterValidator(_unique_in_order)] = ()
    """Phone numbers, the preferred one first."""
    url: Url | None = None
    """Profile URL (e.g. LinkedIn); the stable key when importing."""
    organization: OrgId | None = None
    """Current organization's id."""
    title: Line | None = None
    """Current job title."""
    past_positions: tuple[Position, ...] = ()
    """Earlier positions, most recent first."""
    fields: SortedIds = ()
    """Career fields the person works in (ids)."""
    how: How | None = None
    """How I know them."""
    tags: SortedLines = ()
    """Free labels."""
    notes: FreeText | None = None
    """Free notes; may hold newlines."""
    do_not_contact: bool = False
    """Never suggest contacting this person."""


class Organization(Record):
    """An employer or other organization, with the optional "LAMP" target attributes.

    LAMP (from *The 2-Hour Job Search*): *motivation* 0–3, whether *postings* exist, and
    *advocacy* (alumni or a contact inside).

    Examples
    --------
    >>> Organization(id="general-mills", name="General Mills", motivation=3).kind
    'company'
    """

    id: OrgId
    """Stable slug id."""
    name: Line
    """Display name."""
    aliases: SortedLines = ()
    """Other names the organization goes by."""
    kind: OrgKind = "company"
    """Company, non-profit, public sector, freelance or other."""
    fields: SortedIds = ()
    """Career fields the organization is in (ids)."""
    motivation: Annotated[int, Field(ge=0, le=3)] | None = None
    """LAMP motivation: how much I want to work there, 0–3."""
    postings: bool | None = None
    """LAMP postings: whether it has relevant job postings."""
    advocacy: bool | None = None
    """LAMP advocacy: whether I have an alumnus or contact inside."""


class CareerField(Record):
    """A career field such as accounting; related fields are worth a look when few jobs exist.

    Examples
    --------
    >>> CareerField(id="accounting", name="Accounting", related=("finance",)).related
    ('finance',)
    """

    id: FieldId
    """Stable slug id."""
    name: Line
    """Display name."""
    related: SortedIds = ()
    """Related fields (ids); the relation is symmetric in the network."""

    @model_validator(mode="after")
    def _not_related_to_itself(self) -> CareerField:
        if self.id in self.related:
            raise ValueError("a field cannot be related to itself; drop it from 'related'")
        return self


class Tie(Record):
    """Two people know each other. The pair is stored in id order (``a`` < ``b``).

    Examples
    --------
    >>> Tie(a="zoe", b="adam", strength=2).a
    'adam'
    >>> Tie(a="adam", b="adam", strength=2)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Tie
      Value error, a person cannot have a tie with themselves; name two different people ...
    ...
    """

    a: PersonId
    """One person (the smaller id)."""
    b: PersonId
    """The other person (the larger id)."""
    strength: Strength = 1
    """0 = never met … 5 = close friend."""
    context: Line | None = None
    """Where they know each other from."""
    since: dt.date | None = None
    """Since when."""

    @model_validator(mode="before")
    @classmethod
    def _order_pair(cls, data: Any) -> Any:
        if isinstance(data, dict):
            a, b = data.get("a"), data.get("b")
            if isinstance(a, str) and isinstance(b, str) and a == b:
                raise ValueError(
                    "a person cannot have a tie with themselves; name two different people"
                )
            if isinstance(a, str) and isinstance(b, str) and b < a:
                data = {**data, "a": b, "b": a}
        return data


class Referral(Record):
    """A referral: the referrer suggested I speak with the referee.

    Examples
    --------
    >>> Referral(referrer="brad", referee="brad", on=dt.date(2026, 1, 5))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Referral
      Value error, a person cannot refer someone to themselves; referrer and referee differ ...
    ...
    """

    referrer: PersonId
    """Who gave the name."""
    referee: PersonId
    """Who was named."""
    on: dt.date
    """When the name was given."""
    for_field: FieldId | None = None
    """The field the referral is for."""
    for_org: OrgId | None = None
    """The organization the referral is for."""
    may_use_name: bool = False
    """Whether I may say "<referrer> suggested I speak with you"."""
    status: ReferralStatus = "suggested"
    """suggested → contacted → scheduled → interviewed, or declined / no-response."""
    note: FreeText | None = None
    """Anything said about the referee."""

    @model_validator(mode="after")
    def _not_to_oneself(self) -> Referral:
        if self.referrer == self.referee:
            raise ValueError(
                "a person cannot refer someone to themselves; referrer and referee differ"
            )
        return self


class Outreach(Record):
    """A contact attempt: to whom, when, how, through which referral, and the reply.

    Examples
    --------
    >>> Outreach(id="o-1", person="ann", on=dt.date(2026, 3, 2), replied_on=dt.date(2026, 3, 1))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Outreach
      Value error, the reply date is before the outreach date; check both dates ...
    ...
    """

    id: Slug
    """Stable slug id."""
    person: PersonId
    """Whom I contacted."""
    on: dt.date
    """When."""
    channel: Channel = "email"
    """How."""
    via: PersonId | None = None
    """The referrer whose name I used, if any."""
    replied_on: dt.date | None = None
    """When they replied (None: no reply yet)."""
    declined: bool = False
    """They replied and said no."""
    meeting_on: dt.date | None = None
    """When we are to meet (``referrals schedule``): the yes turned into a date."""
    meeting_mode: Mode | None = None
    """How we are to meet: in person, by phone or by video."""

    @model_validator(mode="after")
    def _consistent(self) -> Outreach:
        if self.replied_on is not None and self.replied_on < self.on:
            raise ValueError("the reply date is before the outreach date; check both dates")
        if self.meeting_on is not None and (self.replied_on is None or self.declined):
            raise ValueError("a meeting needs a reply that is not a decline; record the reply")
        if self.meeting_on is not None and self.meeting_on < self.on:
            raise ValueError("the meeting date is before the outreach date; check both dates")
        if self.meeting_mode is not None and self.meeting_on is None:
            raise ValueError("a meeting mode needs a meeting date; give --on")
        if self.via == self.person:
            raise ValueError("'via' names the person contacted; name the referrer instead")
        return self


class Interview(Record):
    """An informational interview and what came of it.

    Examples
    --------
    >>> Interview(id="i-1", person="ann", on=dt.date(2026, 3, 9), friendliness=6)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Interview
    friendliness
      Input should be less than or equal to 5 [type=less_than_equal]
    ...
    """

    id: Slug
    """Stable slug id."""
    person: PersonId
    """Whom I interviewed."""
    on: dt.date
    """When."""
    minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    """How long it lasted."""
    mode: Mode | None = None
    """In person, phone or video."""
    answers: Annotated[
        Mapping[str, str],
        AfterValidator(_answers),
        PlainSerializer(dict, return_type=dict[str, str]),
    ] = Field(default_factory=dict)
    """Their answers, keyed by question id (read-only)."""
    advice: tuple[FreeText, ...] = ()
    """Advice items to act on."""
    leads: tuple[FreeText, ...] = ()
    """Job leads mentioned."""
    referrals: SortedIds = ()
    """People they referred me to (each also a :class:`Referral`)."""
    friendliness: Annotated[int, Field(ge=1, le=5)] | None = None
    """How friendly they really were, 1–5."""
    fit: Fit | None = None
    """Would I want to work there?"""
    resume_critiqued: bool = False
    """Whether they looked at my résumé."""
    thanked_on: dt.date | None = None
    """When I sent the thank-you note."""
    notes: FreeText | None = None
    """Anything else."""


class FollowUp(Record):
    """An obligation with a due date that the user added, completed or snoozed.

    Follow-ups derived from events (thank-you notes, 3B7, …) are computed, not stored; only
    what the user did to them, and follow-ups the user added by hand, are records.

    Examples
    --------
    >>> f = FollowUp(id="custom-send-brad", due=dt.date(2026, 11, 23), note="Send Brad the article")
    >>> f.kind, f.done_on
    ('custom', None)
    """

    id: Slug
    """Stable slug id (for derived ones, derived from the event)."""
    kind: FollowUpKind = "custom"
    """What sort of obligation."""
    person: PersonId | None = None
    """Whom it concerns."""
    due: dt.date
    """When it is due."""
    note: FreeText | None = None
    """What to do."""
    done_on: dt.date | None = None
    """When it was done."""
    snoozed_until: dt.date | None = None
    """Hidden until this date."""


class Target(Record):
    """One of my goals: a career field or an organization, with a priority (1 = highest).

    Examples
    --------
    >>> Target(kind="org", id="general-mills", priority=1).priority
    1
    """

    kind: Literal["field", "org"]
    """Whether the target is a field or an organization."""
    id: Slug
    """The field's or organization's id."""
    priority: Annotated[int, Field(ge=1, le=3)] = 2
    """1 (highest) to 3."""


class Question(Record):
    """A question for informational interviews, with its category and TIARA tags.

    Examples
    --------
    >>> q = Question(id="team-size", text="How big is your team?", category="the job")
    >>> q.tiara
    ()
    """

    id: QuestionId
    """Stable slug id, e.g. ``"day-in-the-life"``."""
    text: Line
    """The question as asked."""
    category: Line = "general"
    """A grouping such as "the job" or "the field"."""
    tiara: tuple[Tiara, ...] = ()
    """TIARA tags: Trends, Insights, Advice, Resources, Assignments."""


class NetworkData(Record):
    """Every record of one network: the unit of loading, saving, dumping and the demo.

    Collections are sorted tuples (by id or key), so dumps are byte-stable.

    Examples
    --------
    >>> data = NetworkData(persons=(Person(id="me", name="Steven Olson", is_self=True),))
    >>> data.persons[0].is_self
    True
    """

    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    fields: tuple[CareerField, ...] = ()
    ties: tuple[Tie, ...] = ()
    referrals: tuple[Referral, ...] = ()
    outreach: tuple[Outreach, ...] = ()
    interviews: tuple[Interview, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    targets: tuple[Target, ...] = ()
    questions: tuple[Question, ...] = ()
    as_of: dt.date | None = None
    """For snapshots such as the demo: the day the data describes (the default "today")."""

    def sorted(self) -> NetworkData:
        """Return a copy with every collection in its canonical order.

        Examples
        --------
        >>> d = NetworkData(fields=(CareerField(id="b", name="B"), CareerField(id="a", name="A")))
        >>> [f.id for f in d.sorted().fields]
        ['a', 'b']
        """
        return self.model_copy(
            update={
                "persons": tuple(sorted(self.persons, key=lambda r: r.id)),
                "organizations": tuple(sorted(self.organizations, key=lambda r: r.id)),
                "fields": tuple(sorted(self.fields, key=lambda r: r.id)),
                "ties": tuple(sorted(self.ties, key=lambda r: (r.a, r.b))),
                "referrals": tuple(sorted(self.referrals, key=lambda r: (r.referrer, r.referee))),
                "outreach": tuple(sorted(self.outreach, key=lambda r: r.id)),
                "interviews": tuple(sorted(self.interviews, key=lambda r: r.id)),
                "followups": tuple(sorted(self.followups, key=lambda r: r.id)),
                "targets": tuple(sorted(self.targets, key=lambda r: (r.kind, r.id))),
                "questions": tuple(sorted(self.questions, key=lambda r: r.id)),
            }
        )
