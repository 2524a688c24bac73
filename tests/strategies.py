"""Hypothesis strategies that build valid records by construction.

``st.builds(Person)`` ignores ``AfterValidator`` rules and ``Field(pattern=...)``, so it would
spend its time on values the models reject. The strategies here draw only values a model
accepts: slugs, one-line text without control characters, free text whose only control
characters are newlines and tabs, emails, https URLs, phone numbers and real dates; and
:func:`networks` draws a whole :class:`~infoview_graph.models.NetworkData` whose every
reference names a record that exists.

Sizes stay small (at most 12 persons) so that property tests run quickly on two cores.
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Sequence

from hypothesis import strategies as st

from infoview_graph.models import (
    CHANNELS,
    FITS,
    FOLLOWUP_KINDS,
    HOWS,
    MODES,
    ORG_KINDS,
    REFERRAL_STATUSES,
    TIARA,
    CareerField,
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Position,
    Question,
    Referral,
    Target,
    Tie,
)

__all__ = [
    "CONTROL_CHARACTERS",
    "dates",
    "emails",
    "free_texts",
    "lines",
    "networks",
    "persons",
    "phones",
    "slugs",
    "urls",
]

_SLUG_ALPHABET = string.ascii_lowercase + string.digits
_EARLIEST = dt.date(2000, 1, 1)
_LATEST = dt.date(2035, 12, 31)

# Every character the models call a control character: C0, DEL, C1 and lone surrogates.
CONTROL_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x00, max_codepoint=0x1F),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.integers(min_value=0xD800, max_value=0xDFFF).map(chr),
)
"""Any C0 or C1 control character, DEL, or a lone surrogate."""

# Text characters: no control characters (Cc) and no surrogates (Cs).
_TEXT_CHARACTERS = st.characters(exclude_categories=("Cc", "Cs"))
# A character that may start or end a line: anything but white space.
_EDGE_CHARACTERS = _TEXT_CHARACTERS.filter(lambda c: not c.isspace())


@st.composite
def slugs(draw: st.DrawFn, *, max_parts: int = 3) -> str:
    """Draw a slug id: lower-case ASCII letters and digits joined by single hyphens."""
    parts = draw(
        st.lists(st.text(_SLUG_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=max_parts)
    )
    return "-".join(parts)


@st.composite
def lines(draw: st.DrawFn, *, max_size: int = 30) -> str:
    """Draw one line of text: no control character, not blank, no outer white space."""
    first = draw(_EDGE_CHARACTERS)
    if max_size == 1 or draw(st.booleans()):
        return first
    middle = draw(st.text(_TEXT_CHARACTERS, max_size=max_size - 2))
    return first + middle + draw(_EDGE_CHARACTERS)


@st.composite
def free_texts(draw: st.DrawFn, *, max_size: int = 60) -> str:
    """Draw free text: any text characters, newlines and tabs; possibly empty."""
    alphabet = st.one_of(_TEXT_CHARACTERS, st.sampled_from("\n\t"))
    return draw(st.text(alphabet, max_size=max_size))


@st.composite
def emails(draw: st.DrawFn) -> str:
    """Draw an email address such as ``ann.lee+jobs@mail.example.org``."""
    local = draw(st.text(_SLUG_ALPHABET + "._+-", min_size=1, max_size=12))
    labels = draw(st.lists(st.text(_SLUG_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=3))
    tld = draw(st.text(string.ascii_lowercase, min_size=2, max_size=6))
    return f"{local}@{'.'.join([*labels, tld])}"


@st.composite
def urls(draw: st.DrawFn) -> str:
    """Draw an https URL such as ``https://www.example.org/in/ann-lee``."""
    labels = draw(st.lists(st.text(_SLUG_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=3))
    tld = draw(st.text(string.ascii_lowercase, min_size=2, max_size=6))
    path = draw(st.lists(slugs(max_parts=2), max_size=3))
    return f"https://{'.'.join([*labels, tld])}/{'/'.join(path)}"


@st.composite
def phones(draw: st.DrawFn) -> str:
    """Draw a phone number such as ``+1 612-555-0199 ext. 12``."""
    plus = draw(st.sampled_from(["", "+"]))
    groups = draw(st.lists(st.text(string.digits, min_size=1, max_size=4), min_size=1, max_size=4))
    separators = draw(st.lists(st.sampled_from([" ", "-", ".", "/"]), min_size=len(groups)))
    number = groups[0] + "".join(s + g for s, g in zip(separators, groups[1:], strict=False))
    extension = draw(
        st.one_of(
            st.just(""),
            st.builds(
                "{}{}".format,
                st.sampled_from([" x", " ext ", " ext. ", "x"]),
                st.text(string.digits, min_size=1, max_size=4),
            ),
        )
    )
    return plus + number + extension


def dates() -> st.SearchStrategy[dt.date]:
    """Return a strategy for real dates between 2000 and 2035."""
    return st.dates(min_value=_EARLIEST, max_value=_LATEST)


def _maybe(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy)


def _subset(draw: st.DrawFn, items: Sequence[str], max_size: int = 3) -> tuple[str, ...]:
    if not items:
        return ()
    return tuple(draw(st.lists(st.sampled_from(sorted(items)), unique=True, max_size=max_size)))


@st.composite
def persons(
    draw: st.DrawFn,
    *,
    person_id: str | None = None,
    is_self: bool = False,
    org_ids: Sequence[str] = (),
    field_ids: Sequence[str] = (),
) -> Person:
    """Draw a person whose organization, past positions and fields are among the ids given."""
    orgs = sorted(org_ids)
    positions = ()
    if orgs:
        positions = tuple(
            draw(
                st.lists(
                    st.builds(
                        Position,
                        organization=st.sampled_from(orgs),
                        title=_maybe(lines()),
                        start=_maybe(dates()),
                        end=_maybe(dates()),
                    ),
                    max_size=2,
                )
            )
        )
    return Person(
        id=person_id if person_id is not None else draw(slugs()),
        name=draw(lines()),
        is_self=is_self,
        emails=tuple(draw(st.lists(emails(), max_size=2))),
        phones=tuple(draw(st.lists(phones(), max_size=2))),
        url=draw(_maybe(urls())),
        organization=draw(_maybe(st.sampled_from(orgs))) if orgs else None,
        title=draw(_maybe(lines())),
        past_positions=positions,
        fields=_subset(draw, field_ids),
        how="self" if is_self else draw(_maybe(st.sampled_from(HOWS[1:]))),
        tags=tuple(draw(st.lists(lines(max_size=12), max_size=3))),
        notes=draw(_maybe(free_texts())),
        do_not_contact=False if is_self else draw(st.booleans()),
    )


def _unique_slugs(max_size: int, *, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(slugs(), min_size=min_size, max_size=max_size, unique=True)


@st.composite
def _fields(draw: st.DrawFn, field_ids: list[str]) -> list[CareerField]:
    fields = []
    for field_id in field_ids:
        others = [f for f in field_ids if f != field_id]
        fields.append(
            CareerField(id=field_id, name=draw(lines()), related=_subset(draw, others, 2))
        )
    return fields


@st.composite
def _organizations(draw: st.DrawFn, org_ids: list[str], field_ids: list[str]) -> list[Organization]:
    return [
        Organization(
            id=org_id,
            name=draw(lines()),
            aliases=tuple(draw(st.lists(lines(max_size=12), max_size=2))),
            kind=draw(st.sampled_from(ORG_KINDS)),
            fields=_subset(draw, field_ids),
            motivation=draw(_maybe(st.integers(0, 3))),
            postings=draw(_maybe(st.booleans())),
            advocacy=draw(_maybe(st.booleans())),
        )
        for org_id in org_ids
    ]


@st.composite
def _ties(draw: st.DrawFn, person_ids: list[str]) -> list[Tie]:
    pairs = list(itertools.combinations(person_ids, 2))
    if not pairs:
        return []
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=15))
    ties = []
    for a, b in chosen:
        # Either order is accepted; the model stores the pair in id order.
        first, second = (b, a) if draw(st.booleans()) else (a, b)
        ties.append(
            Tie(
                a=first,
                b=second,
                strength=draw(st.integers(0, 5)),
                context=draw(_maybe(lines())),
                since=draw(_maybe(dates())),
            )
        )
    return ties


@st.composite
def _referrals(
    draw: st.DrawFn, person_ids: list[str], org_ids: list[str], field_ids: list[str]
) -> list[Referral]:
    pairs = list(itertools.permutations(person_ids, 2))
    if not pairs:
        return []
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=10))
    return [
        Referral(
            referrer=referrer,
            referee=referee,
            on=draw(dates()),
            for_field=draw(_maybe(st.sampled_from(field_ids))) if field_ids else None,
            for_org=draw(_maybe(st.sampled_from(org_ids))) if org_ids else None,
            may_use_name=draw(st.booleans()),
            status=draw(st.sampled_from(REFERRAL_STATUSES)),
            note=draw(_maybe(free_texts())),
        )
        for referrer, referee in chosen
    ]


@st.composite
def _outreach(draw: st.DrawFn, person_ids: list[str]) -> list[Outreach]:
    attempts = []
    for outreach_id in draw(_unique_slugs(5)):
        person = draw(st.sampled_from(person_ids))
        others = [p for p in person_ids if p != person]
        on = draw(dates())
        replied = draw(_maybe(st.integers(0, 30)))
        declined = draw(st.booleans())
        # A meeting needs a yes: a reply that is not a decline; it is never before the attempt.
        meeting = draw(_maybe(st.integers(0, 40))) if replied is not None and not declined else None
        attempts.append(
            Outreach(
                id=outreach_id,
                person=person,
                on=on,
                channel=draw(st.sampled_from(CHANNELS)),
                via=draw(_maybe(st.sampled_from(others))) if others else None,
                replied_on=None if replied is None else on + dt.timedelta(days=replied),
                declined=declined,
                meeting_on=None if meeting is None else on + dt.timedelta(days=meeting),
                meeting_mode=draw(_maybe(st.sampled_from(MODES))) if meeting is not None else None,
            )
        )
    return attempts


@st.composite
def _interviews(draw: st.DrawFn, person_ids: list[str]) -> list[Interview]:
    return [
        Interview(
            id=interview_id,
            person=draw(st.sampled_from(person_ids)),
            on=draw(dates()),
            minutes=draw(_maybe(st.integers(1, 600))),
            mode=draw(_maybe(st.sampled_from(MODES))),
            answers=draw(st.dictionaries(slugs(), free_texts(), max_size=3)),
            advice=tuple(draw(st.lists(free_texts(), max_size=2))),
            leads=tuple(draw(st.lists(free_texts(), max_size=2))),
            referrals=_subset(draw, person_ids, 2),
            friendliness=draw(_maybe(st.integers(1, 5))),
            fit=draw(_maybe(st.sampled_from(FITS))),
            resume_critiqued=draw(st.booleans()),
            thanked_on=draw(_maybe(dates())),
            notes=draw(_maybe(free_texts())),
        )
        for interview_id in draw(_unique_slugs(3))
    ]


@st.composite
def _followups(draw: st.DrawFn, person_ids: list[str]) -> list[FollowUp]:
    return [
        FollowUp(
            id=followup_id,
            kind=draw(st.sampled_from(FOLLOWUP_KINDS)),
            person=draw(_maybe(st.sampled_from(person_ids))),
            due=draw(dates()),
            note=draw(_maybe(free_texts())),
            done_on=draw(_maybe(dates())),
            snoozed_until=draw(_maybe(dates())),
        )
        for followup_id in draw(_unique_slugs(3))
    ]


def _unique_emails(people: list[Person]) -> list[Person]:
    """An email belongs to one person (the store refuses a second, whatever the case)."""
    taken: set[str] = set()
    unique = []
    for person in people:
        kept = tuple(e for e in person.emails if e.lower() not in taken)
        taken |= {e.lower() for e in kept}
        unique.append(person.model_copy(update={"emails": kept}))
    return unique


@st.composite
def networks(draw: st.DrawFn, *, max_persons: int = 12) -> NetworkData:
    """Draw a valid network: one self person, and every id a record names exists.

    Ids are unique per table, ties join distinct persons and each pair at most once,
    referrals join distinct persons and each (referrer, referee) at most once. Records are
    drawn in no particular order, so ``data.sorted()`` is usually not ``data``.
    """
    field_ids = draw(_unique_slugs(4))
    org_ids = draw(_unique_slugs(3))
    person_ids = draw(_unique_slugs(max_persons, min_size=1))
    me = draw(st.sampled_from(person_ids))
    people = _unique_emails(
        [
            draw(persons(person_id=pid, is_self=pid == me, org_ids=org_ids, field_ids=field_ids))
            for pid in person_ids
        ]
    )
    candidates = [("field", f) for f in field_ids] + [("org", o) for o in org_ids]
    chosen_targets = (
        draw(st.lists(st.sampled_from(candidates), unique=True, max_size=4)) if candidates else []
    )
    return NetworkData(
        persons=tuple(people),
        organizations=tuple(draw(_organizations(org_ids, field_ids))),
        fields=tuple(draw(_fields(field_ids))),
        ties=tuple(draw(_ties(person_ids))),
        referrals=tuple(draw(_referrals(person_ids, org_ids, field_ids))),
        outreach=tuple(draw(_outreach(person_ids))),
        interviews=tuple(draw(_interviews(person_ids))),
        followups=tuple(draw(_followups(person_ids))),
        targets=tuple(
            Target(kind=kind, id=target_id, priority=draw(st.integers(1, 3)))
            for kind, target_id in chosen_targets
        ),
        questions=tuple(
            Question(
                id=question_id,
                text=draw(lines()),
                category=draw(lines(max_size=12)),
                tiara=tuple(draw(st.lists(st.sampled_from(TIARA), unique=True, max_size=3))),
            )
            for question_id in draw(_unique_slugs(3))
        ),
        as_of=draw(_maybe(dates())),
    )
