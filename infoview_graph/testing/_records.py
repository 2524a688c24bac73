"""Strategies for valid records and whole networks, built valid by construction.

``st.builds(Person)`` ignores ``AfterValidator`` rules and ``Field(pattern=...)``, so it would
spend its time on values the models reject. The strategies here draw only values a model
accepts: slugs, one-line text without control characters, free text whose only control
characters are newlines and tabs, emails, https URLs, phone numbers and real dates; and
:func:`networks` draws a whole :class:`~infoview_graph.models.NetworkData` whose every
reference names a record that exists, in one of three shapes.

Sizes stay small by default (at most 12 persons) so that property tests run quickly.

Examples
--------
>>> from hypothesis import find
>>> find(emails(), lambda email: True)
'0@0.aa'
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Sequence
from typing import Literal, TypeVar

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
    "Shape",
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

_T = TypeVar("_T")

Shape = Literal["any", "personal", "office"]
"""The shape of a network's ties, for :func:`networks`.

``any``: between any two persons, or none; ``personal``: a job seeker's own contacts,
everyone within two ties of me; ``office``: a career office (me) tied to its students, the
students to alumni."""

_SLUG_ALPHABET = string.ascii_lowercase + string.digits
_EARLIEST = dt.date(2000, 1, 1)
_LATEST = dt.date(2035, 12, 31)


# Text characters: no control characters (Cc) and no surrogates (Cs).
_TEXT_CHARACTERS = st.characters(exclude_categories=("Cc", "Cs"))
# A character that may start or end a line: anything but white space.
_EDGE_CHARACTERS = _TEXT_CHARACTERS.filter(lambda c: not c.isspace())


@st.composite
def slugs(draw: st.DrawFn, *, max_parts: int = 3) -> str:
    """Draw a slug id: lower-case ASCII letters and digits joined by single hyphens.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(slugs(), lambda slug: "-" in slug)
    '0-0'
    """
    parts = draw(
        st.lists(st.text(_SLUG_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=max_parts)
    )
    return "-".join(parts)


@st.composite
def lines(draw: st.DrawFn, *, max_size: int = 30) -> str:
    """Draw one line of text: no control character, not blank, no outer white space.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(lines(), lambda line: " " in line)
    '0 0'
    """
    first = draw(_EDGE_CHARACTERS)
    if max_size == 1 or draw(st.booleans()):
        return first
    middle = draw(st.text(_TEXT_CHARACTERS, max_size=max_size - 2))
    return first + middle + draw(_EDGE_CHARACTERS)


@st.composite
def free_texts(draw: st.DrawFn, *, max_size: int = 60) -> str:
    r"""Draw free text: any text characters, newlines and tabs; possibly empty.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(free_texts(), lambda text: "\n" in text)
    '\n'
    """
    alphabet = st.one_of(_TEXT_CHARACTERS, st.sampled_from("\n\t"))
    return draw(st.text(alphabet, max_size=max_size))


@st.composite
def emails(draw: st.DrawFn) -> str:
    """Draw an email address such as ``ann.lee+jobs@mail.example.org``.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(emails(), lambda email: "+" in email)
    '+@0.aa'
    """
    local = draw(st.text(_SLUG_ALPHABET + "._+-", min_size=1, max_size=12))
    labels = draw(st.lists(st.text(_SLUG_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=3))
    tld = draw(st.text(string.ascii_lowercase, min_size=2, max_size=6))
    return f"{local}@{'.'.join([*labels, tld])}"


@st.composite
def urls(draw: st.DrawFn) -> str:
    """Draw an https URL such as ``https://www.example.org/in/ann-lee``.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(urls(), lambda url: True)
    'https://0.aa/'
    """
    labels = draw(st.lists(st.text(_SLUG_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=3))
    tld = draw(st.text(string.ascii_lowercase, min_size=2, max_size=6))
    path = draw(st.lists(slugs(max_parts=2), max_size=3))
    return f"https://{'.'.join([*labels, tld])}/{'/'.join(path)}"


@st.composite
def phones(draw: st.DrawFn) -> str:
    """Draw a phone number such as ``+1 612-555-0199 x12``, perhaps with an extension.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(phones(), lambda phone: phone.startswith("+"))
    '+0'
    """
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
    """Return a strategy for real dates between 2000 and 2035.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(dates(), lambda day: day.year > 2030)
    datetime.date(2031, 1, 1)
    """
    return st.dates(min_value=_EARLIEST, max_value=_LATEST)


def _maybe(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
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
    """Draw a person whose organization, past positions and fields are among the ids given.

    Parameters
    ----------
    person_id : str, optional
        The id (default: a drawn slug).
    is_self : bool, default False
        Draw me: ``how="self"``, never do-not-contact.
    org_ids, field_ids : sequence of str
        The organizations and fields the person may name.

    Examples
    --------
    >>> from hypothesis import HealthCheck, given, settings
    >>> @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    ... @given(persons(org_ids=["acme"], is_self=True))
    ... def test_me_at_acme_or_nowhere(person):
    ...     assert person.how == "self" and person.organization in (None, "acme")
    >>> test_me_at_acme_or_nowhere()
    """
    orgs = sorted(org_ids)
    positions: tuple[Position, ...] = ()
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
    return [_tie(draw, a, b) for a, b in chosen]


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
    """Keep each email with its first person (the store refuses a second, whatever the case)."""
    taken: set[str] = set()
    unique = []
    for person in people:
        kept = tuple(e for e in person.emails if e.lower() not in taken)
        taken |= {e.lower() for e in kept}
        unique.append(person.model_copy(update={"emails": kept}))
    return unique


def _tie(draw: st.DrawFn, a: str, b: str) -> Tie:
    # Either order is accepted; the model stores the pair in id order.
    first, second = (b, a) if draw(st.booleans()) else (a, b)
    return Tie(
        a=first,
        b=second,
        strength=draw(st.integers(0, 5)),
        context=draw(_maybe(lines())),
        since=draw(_maybe(dates())),
    )


def _personal_ties(draw: st.DrawFn, me: str, others: list[str]) -> list[Tie]:
    """My contacts, and theirs: each person is tied to me or to someone tied to me."""
    direct = [me]
    pairs: list[tuple[str, str]] = []
    for pid in others:
        friend = draw(st.sampled_from(direct))
        pairs.append((friend, pid))
        if friend == me:
            direct.append(pid)
    extra = [p for p in itertools.combinations([me, *others], 2) if p not in pairs]
    if extra:
        seen = {frozenset(p) for p in pairs}
        more = draw(st.lists(st.sampled_from(extra), unique=True, max_size=5))
        pairs += [p for p in more if frozenset(p) not in seen]
    return [_tie(draw, a, b) for a, b in pairs]


def _office(draw: st.DrawFn, me: str, others: list[str]) -> tuple[set[str], list[Tie]]:
    """Draw a career office: me tied to each student, each alumnus to a student or an alumnus."""
    students = others[: draw(st.integers(min(1, len(others)), len(others)))]
    pairs = [(me, pid) for pid in students]
    known = list(students)
    for pid in others[len(students) :]:
        pairs.append((draw(st.sampled_from(known)), pid))
        known.append(pid)
    return set(students), [_tie(draw, a, b) for a, b in pairs]


@st.composite
def networks(
    draw: st.DrawFn, *, min_persons: int = 1, max_persons: int = 12, shape: Shape = "any"
) -> NetworkData:
    """Draw a valid network: one self person, and every id a record names exists.

    Parameters
    ----------
    min_persons, max_persons : int, default 1 and 12
        How many persons, me included.
    shape : {"any", "personal", "office"}, default "any"
        How the ties are drawn (:data:`Shape`). Referrals, outreach, interviews and
        follow-ups are drawn at random in every shape: dates in any order, stages of every
        kind, so that an analysis meets what real stores hold.

    Returns
    -------
    SearchStrategy of NetworkData
        Guaranteed, and checked by the project's own tests: the data validates (one self
        person, ids unique per table, every reference names a record, ties join distinct
        persons and each pair at most once, referrals each (referrer, referee) at most
        once, an email belongs to one person), and ``ReferralNetwork(data)`` accepts it.
        ``personal``: every person is within two ties of me. ``office``: me is tied only
        to students (tagged ``student``, ``how="classmate"``); every other person is an
        alumnus (``how="alumni"``) tied to a student or an earlier alumnus, so everyone is
        reachable from me and no alumnus is tied to me. Records are drawn in no particular
        order, so ``data.sorted()`` is usually not ``data``.

    Examples
    --------
    >>> from hypothesis import HealthCheck, given, settings
    >>> from infoview_graph.network import ReferralNetwork
    >>> @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    ... @given(networks(min_persons=3, max_persons=6, shape="office"))
    ... def test_the_office_is_tied_to_its_students_only(data):
    ...     net = ReferralNetwork(data)
    ...     students = {p.id for p in data.persons if "student" in p.tags}
    ...     assert set(net.strengths(net.me.id)) == students
    >>> test_the_office_is_tied_to_its_students_only()
    """
    field_ids = draw(_unique_slugs(4))
    org_ids = draw(_unique_slugs(3))
    person_ids = draw(_unique_slugs(max_persons, min_size=min_persons))
    me = draw(st.sampled_from(person_ids))
    others = [pid for pid in person_ids if pid != me]
    people = _unique_emails(
        [
            draw(persons(person_id=pid, is_self=pid == me, org_ids=org_ids, field_ids=field_ids))
            for pid in person_ids
        ]
    )
    if shape == "personal":
        ties = _personal_ties(draw, me, others)
    elif shape == "office":
        students, ties = _office(draw, me, others)
        people = [
            p
            if p.is_self
            else p.model_copy(
                update={"how": "classmate", "tags": tuple(sorted({*p.tags, "student"}))}
                if p.id in students
                else {"how": "alumni", "tags": tuple(t for t in p.tags if t != "student")}
            )
            for p in people
        ]
    else:
        ties = draw(_ties(person_ids))
    candidates = [("field", f) for f in field_ids] + [("org", o) for o in org_ids]
    chosen_targets = (
        draw(st.lists(st.sampled_from(candidates), unique=True, max_size=4)) if candidates else []
    )
    return NetworkData(
        persons=tuple(people),
        organizations=tuple(draw(_organizations(org_ids, field_ids))),
        fields=tuple(draw(_fields(field_ids))),
        ties=tuple(ties),
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
