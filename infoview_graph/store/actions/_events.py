"""Actions that record what happened: referrals, outreach, replies, meetings, interviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import Any

from infoview_graph.errors import (
    DuplicateError,
    InvalidInputError,
    NotFoundError,
)
from infoview_graph.models import (
    FollowUp,
    Interview,
    Outreach,
    Person,
    Referral,
)
from infoview_graph.questions import check_question_ids
from infoview_graph.store._find import or_none
from infoview_graph.store.actions._base import (
    Change,
    Notes,
    build,
    check_date,
    day_or_today,
    past_date,
)
from infoview_graph.store.actions._catalog import ensure_field, ensure_org
from infoview_graph.store.actions._persons import refuse_near_miss
from infoview_graph.store.sqlite import Store

# --- events --------------------------------------------------------------------------------


def _resolve_or_create(store: Store, name: str, notes: Notes, *, new: bool = False) -> Person:
    """Find the person a name names, or create them: a near miss is refused unless ``new``."""
    if not new:
        try:
            return store.find_person(name)
        except NotFoundError:
            refuse_near_miss(store, name)
    person = build(Person, "person", id=store.new_person_id(name), name=name, how="referral")
    store.add_person(person)
    notes.add(f"created person '{person.name}' ({person.id})")
    return person


def _resolve_purpose(store: Store, name: str, notes: Notes) -> tuple[str | None, str | None]:
    kind, _, rest = name.partition(":")
    if rest and kind == "field":
        return ensure_field(store, rest, notes), None
    if rest and kind == "org":
        return None, ensure_org(store, rest, notes)
    found_field = or_none(store.find_field, name)
    found_org = or_none(store.find_organization, name)
    if found_field is not None and found_org is not None:
        raise InvalidInputError(
            f"--for: '{name}' is both a field and an organization; write field:{name} or org:{name}"
        )
    if found_field is not None:
        return found_field.id, None
    if found_org is not None:
        return None, found_org.id
    raise NotFoundError(
        f"--for: no field or organization is named '{name}'; "
        f"write field:{name} or org:{name} to create it"
    )


def refer(
    store: Store,
    referrer: str,
    referee: str,
    *,
    on: dt.date | None = None,
    purpose: str | None = None,
    may_use_name: bool | None = None,
    note: str | None = None,
    new: bool = False,
    today: dt.date | None = None,
) -> Change[Referral]:
    """Record that ``referrer`` suggested I speak with ``referee``, or correct that record.

    A referee not yet known is created (``how="referral"``, no tie to me); a referee's name
    that is a near miss of a known person's is refused, unless ``new`` says the referee is
    a different person (then created even when the name is taken). ``purpose`` names
    the field or organization the referral is for (``field:NAME`` / ``org:NAME`` create it).
    ``may_use_name`` None means "not said": a new referral does not give the permission, and
    a correction keeps what was given before; only False revokes it.

    Stating a recorded referral again with new facts (``on``, ``purpose``, ``may_use_name``,
    ``note``) corrects it: the status stays, and the notes say what changed. ``on`` must not
    be after ``today`` (default: today; see :func:`check_date`).

    Raises
    ------
    DuplicateError
        If this referral is recorded already and nothing given differs from it.
    InvalidInputError
        If referrer and referee are the same person, or either is me.
    NearMissError
        If the referee's name is a near miss of a known person's and ``new`` is false.

    Examples
    --------
    >>> from infoview_graph.store.actions import add_contact, init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Brad Johnson", org="General Mills")
    >>> change = refer(store, "Brad Johnson", "Mrs. Smith", on=dt.date(2026, 11, 2))
    >>> change.record.for_org, change.record.status, change.notes
    (None, 'suggested', ("created person 'Mrs. Smith' (mrs-smith)",))
    >>> refer(store, "Brad Johnson", "Mrs. Smith", on=dt.date(2026, 11, 5),
    ...       purpose="General Mills", may_use_name=True).notes
    ('may use the name: no → yes', 'for: General Mills', 'on: 2026-11-02 → 2026-11-05')
    >>> refer(store, "Brad Johnson", "Mrs. Smith")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.DuplicateError: 'brad-johnson' has already referred you to 'mrs-smith';
    nothing changed
    >>> store.close()
    """
    past_date(on, "--on", today)
    notes = Notes()
    with store.write():
        giver = store.find_person(referrer)
        if giver.is_self:
            raise InvalidInputError(
                "refer: the referrer is you; add people you found yourself with "
                "'referrals person add'"
            )
        named = _resolve_or_create(store, referee, notes, new=new)
        if named.is_self:
            raise InvalidInputError(
                "refer: the referee is you; name the person you were referred to"
            )
        if named.id == giver.id:
            raise InvalidInputError(
                "refer: a person cannot refer you to themselves; name two different people"
            )
        old = store.referral(giver.id, named.id)
        for_field, for_org = _resolve_purpose(store, purpose, notes) if purpose else (None, None)
        # Only what was said: a fact left out keeps the recorded value (or the default).
        said = {"on": on, "may_use_name": may_use_name, "note": note}
        given: dict[str, Any] = {key: value for key, value in said.items() if value is not None}
        if purpose:
            given |= {"for_field": for_field, "for_org": for_org}
        if old is None:
            values = {"referrer": giver.id, "referee": named.id, "on": day_or_today(on), **given}
            referral = build(Referral, "referral", **values)
            store.add_referral(referral)
            changed: list[str] = []
        else:
            referral = build(Referral, "referral", **{**old.model_dump(), **given})
            changed = _referral_changes(store, old, referral)
            if not changed:
                raise DuplicateError(
                    f"'{giver.id}' has already referred you to '{named.id}'; nothing changed"
                )
            store.add_referral(referral, replace=True)
    return Change(referral, (*notes.items, *changed))


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _purpose_name(store: Store, referral: Referral) -> str | None:
    if referral.for_field is not None:
        return store.field(referral.for_field).name
    if referral.for_org is not None:
        return store.organization(referral.for_org).name
    return None


def _referral_changes(store: Store, old: Referral, new: Referral) -> list[str]:
    """Say, one sentence per fact, how a corrected referral differs from the recorded one."""
    changes = []
    if new.may_use_name != old.may_use_name:
        changes.append(
            f"may use the name: {_yes_no(old.may_use_name)} → {_yes_no(new.may_use_name)}"
        )
    if (new.for_field, new.for_org) != (old.for_field, old.for_org):
        before, after = _purpose_name(store, old), _purpose_name(store, new)
        changes.append(f"for: {before} → {after}" if before else f"for: {after}")
    if new.on != old.on:
        changes.append(f"on: {old.on} → {new.on}")
    if new.note != old.note:
        changes.append("note: replaced" if old.note else "note: added")
    return changes


def _advance_referrals(
    store: Store, person_id: str, to: str, when: Callable[[Referral], bool]
) -> None:
    for referral in store.referrals_to(person_id):
        if when(referral):
            store.add_referral(referral.model_copy(update={"status": to}), replace=True)


def _contactable(person: Person, command: str, whom: str) -> None:
    """Refuse me and anyone marked do not contact, before anything is written."""
    if person.is_self:
        raise InvalidInputError(f"{command}: that is you; name {whom}")
    if person.do_not_contact:
        raise InvalidInputError(
            f"{command}: {person.id} is marked do not contact; nothing recorded — to lift it: "
            f"referrals person edit {person.id} --may-contact"
        )


def log_outreach(
    store: Store,
    person: str,
    *,
    on: dt.date | None = None,
    via: str | None = None,
    channel: str = "email",
    today: dt.date | None = None,
) -> Change[Outreach]:
    """Record a contact attempt; referrals to the person not yet acted on become "contacted".

    ``on`` (default: today) must not be after ``today`` (see :func:`check_date`).

    A person marked do not contact is refused. Writing again to someone who declined is
    recorded, with a warning that says when they declined.

    Raises
    ------
    InvalidInputError
        If the person is me or is marked do not contact; nothing is written.

    Examples
    --------
    >>> from infoview_graph.store.actions import add_contact, init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Brad Johnson")
    >>> _ = refer(store, "Brad Johnson", "Mrs. Smith", on=dt.date(2026, 11, 2))
    >>> log_outreach(store, "Mrs. Smith", on=dt.date(2026, 11, 3), via="Brad Johnson").record.id
    'outreach-mrs-smith'
    >>> store.referral("brad-johnson", "mrs-smith").status
    'contacted'
    >>> _ = log_reply(store, "Mrs. Smith", on=dt.date(2026, 11, 4), declined=True)
    >>> log_outreach(store, "Mrs. Smith", on=dt.date(2026, 11, 25)).warnings
    ('mrs-smith declined on 2026-11-04',)
    >>> store.close()
    """
    past_date(on, "--on", today)
    with store.write():
        target = store.find_person(person)
        _contactable(target, "outreach", "the person you contacted")
        through = store.find_person(via) if via is not None else None
        earlier = store.outreach_to(target.id)
        outreach = build(
            Outreach,
            "outreach",
            id=store.new_id("outreach", f"outreach-{target.id}"[:70].rstrip("-")),
            person=target.id,
            on=day_or_today(on),
            channel=channel,
            via=through.id if through else None,
        )
        store.add_outreach(outreach)
        _advance_referrals(store, target.id, "contacted", lambda r: r.status == "suggested")
    answers = sorted((o.replied_on, o.declined) for o in earlier if o.replied_on is not None)
    if answers and answers[-1][1]:  # their last word was no
        return Change(outreach, warnings=(f"{target.id} declined on {answers[-1][0]}",))
    return Change(outreach)


def log_reply(
    store: Store,
    person: str,
    *,
    on: dt.date | None = None,
    declined: bool = False,
    today: dt.date | None = None,
) -> Change[Outreach]:
    """Record a person's reply: it answers every contact attempt to them that awaits one.

    A second message sent while the first waited is its follow-up, so one reply answers
    both: every attempt made on or before the reply date without a reply gets ``replied_on``
    (and ``declined``). The change's record is the latest of them; a note lists the others.
    With ``declined``, the person said no: their open referrals become "declined". ``on``
    (default: today) must not be after ``today`` (see :func:`check_date`).

    Raises
    ------
    NotFoundError
        If no contact attempt to the person awaits a reply.
    InvalidInputError
        If the reply date is before every attempt that awaits a reply.

    Examples
    --------
    >>> from infoview_graph.store.actions import add_contact, init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Ann Lee")
    >>> _ = log_outreach(store, "Ann Lee", on=dt.date(2026, 11, 3))
    >>> _ = log_outreach(store, "Ann Lee", on=dt.date(2026, 11, 12))
    >>> change = log_reply(store, "Ann Lee", on=dt.date(2026, 11, 13))
    >>> change.record.id, change.notes
    ('outreach-ann-lee-2', ('the reply also answers outreach-ann-lee of 2026-11-03',))
    >>> [o.replied_on.day for o in store.outreach_to("ann-lee")]
    [13, 13]
    >>> log_reply(store, "Ann Lee")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.NotFoundError: no outreach to 'ann-lee' awaits a reply; record it first
    with 'referrals outreach ann-lee'
    >>> store.close()
    """
    when = day_or_today(on)
    past_date(on, "--on", today)
    with store.write():
        target = store.find_person(person)
        waiting = [o for o in store.outreach_to(target.id) if o.replied_on is None]
        if not waiting:
            raise NotFoundError(
                f"no outreach to '{target.id}' awaits a reply; "
                f"record it first with 'referrals outreach {target.id}'"
            )
        answered = [o for o in waiting if o.on <= when]
        if not answered:
            raise InvalidInputError(
                f"--on: the reply date {when} is before the outreach of {waiting[0].on}; "
                "check both dates"
            )
        answer = {"replied_on": when, "declined": declined}
        replies = [build(Outreach, "reply", **{**o.model_dump(), **answer}) for o in answered]
        for replied in replies:
            store.add_outreach(replied, replace=True)
        if declined:
            _advance_referrals(
                store,
                target.id,
                "declined",
                lambda r: r.status in ("suggested", "contacted", "scheduled"),
            )
    also = tuple(f"the reply also answers {o.id} of {o.on}" for o in answered[:-1])
    return Change(replies[-1], also)


def schedule_meeting(
    store: Store,
    person: str,
    *,
    on: dt.date,
    mode: str | None = None,
    today: dt.date | None = None,
) -> Change[Outreach]:
    """Put a meeting with a person on the calendar (or move it), on their latest outreach.

    The meeting is recorded on the latest contact attempt to the person that they did not
    decline. Scheduling implies they said yes: an attempt without a reply gets one, dated
    ``min(today, on)`` but never before the attempt. With no such attempt (none at all, or
    only declined ones), one is created — channel "other", made and answered on
    ``min(today, on)`` — and the notes say so. A meeting already set is moved, and the notes
    say from when; without ``mode`` a rescheduled meeting keeps its mode. Referrals to the
    person that are "suggested" or "contacted" become "scheduled".

    Parameters
    ----------
    store : Store
        The open store.
    person : str
        Whom I am meeting: an id or an unambiguous name.
    on : datetime.date
        The day of the meeting.
    mode : {"in-person", "phone", "video"}, optional
        How we are to meet.
    today : datetime.date, optional
        The day it is recorded (default: today); bounds the implied reply date.

    Returns
    -------
    Change of Outreach
        The contact attempt that now carries the meeting.

    Raises
    ------
    InvalidInputError
        If the person is me or is marked do not contact, or if the meeting would be before
        the attempt it answers; nothing is written.
    DuplicateError
        If that meeting is recorded already (same day, same mode).

    Examples
    --------
    >>> from infoview_graph.store.actions import add_contact, init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Ann Lee")
    >>> _ = log_outreach(store, "Ann Lee", on=dt.date(2026, 11, 3))
    >>> change = schedule_meeting(store, "Ann Lee", on=dt.date(2026, 11, 12), mode="phone",
    ...                           today=dt.date(2026, 11, 5))
    >>> change.record.replied_on, change.record.meeting_on, change.record.meeting_mode
    (datetime.date(2026, 11, 5), datetime.date(2026, 11, 12), 'phone')
    >>> schedule_meeting(store, "Ann Lee", on=dt.date(2026, 11, 13),
    ...                  today=dt.date(2026, 11, 6)).notes
    ('moved from 2026-11-12',)
    >>> store.close()
    """
    day = day_or_today(today)
    check_date(on, "--on", future=True)
    notes = Notes()
    with store.write():
        target = store.find_person(person)
        _contactable(target, "schedule", "the person you are meeting")
        open_ = [o for o in store.outreach_to(target.id) if not o.declined]
        if open_:
            attempt = open_[-1]
        else:
            first = min(day, on)
            attempt = build(
                Outreach,
                "outreach",
                id=store.new_id("outreach", f"outreach-{target.id}"[:70].rstrip("-")),
                person=target.id,
                on=first,
                channel="other",
                replied_on=first,
            )
            notes.add(
                f"no open outreach to {target.id} was recorded: added {attempt.id} "
                f"(channel other) on {first}, answered the same day"
            )
        update: dict[str, Any] = {"meeting_on": on, "meeting_mode": mode or attempt.meeting_mode}
        if attempt.replied_on is None:
            update["replied_on"] = max(attempt.on, min(day, on))
            notes.add(f"recorded their yes on {update['replied_on']} ({attempt.id})")
        if attempt.meeting_on is not None and attempt.meeting_on != on:
            notes.add(f"moved from {attempt.meeting_on}")
        if attempt.meeting_on == on and update["meeting_mode"] == attempt.meeting_mode:
            raise DuplicateError(
                f"schedule: the meeting with {target.id} on {on} is recorded already; "
                "nothing changed"
            )
        if attempt.meeting_mode and update["meeting_mode"] != attempt.meeting_mode:
            notes.add(f"mode: {attempt.meeting_mode} → {update['meeting_mode']}")
        meeting = build(Outreach, "meeting", **{**attempt.model_dump(), **update})
        store.add_outreach(meeting, replace=True)
        _advance_referrals(
            store, target.id, "scheduled", lambda r: r.status in ("suggested", "contacted")
        )
    return Change(meeting, tuple(notes.items))


def log_interview(
    store: Store,
    person: str,
    *,
    on: dt.date | None = None,
    minutes: int | None = None,
    mode: str | None = None,
    answers: dict[str, str] | None = None,
    advice: Sequence[str] = (),
    leads: Sequence[str] = (),
    referred: Sequence[str] = (),
    friendliness: int | None = None,
    fit: str | None = None,
    thanked_on: dt.date | None = None,
    told_referrer_on: dt.date | None = None,
    may_use_name: bool | None = None,
    notes: str | None = None,
    known_questions: Collection[str] | None = None,
    new: bool = False,
    today: dt.date | None = None,
) -> Change[Interview]:
    """Record an informational interview and the names it gave.

    Each name in ``referred`` becomes a person (if new) and a referral from the interviewee;
    as with :func:`refer`, a name that is a near miss of a known person's is refused unless
    ``new`` says the names in ``referred`` are new people;
    referrals to the interviewee become "interviewed". ``may_use_name`` records whether I
    may use the interviewee's name with the people they named: new referrals get it, and
    those the interviewee had given before are corrected (None: not said, nothing changes).
    ``told_referrer_on`` records that I told the referrers how it went: each referrer of
    the interviewee (other than me) gets the agenda's ``tell-referrer-<interview id>-<referrer
    id>`` item stored as done on that day. With ``known_questions`` (the ids of the question
    bank), every answer's question id must be one of them. ``on``, ``thanked_on`` and
    ``told_referrer_on`` must not be after ``today`` (see :func:`check_date`).

    Raises
    ------
    NotFoundError
        If an answer's question id is not in ``known_questions``.
    InvalidInputError
        If ``may_use_name`` is given without ``referred``, or ``told_referrer_on`` is before
        the interview.

    Examples
    --------
    >>> from infoview_graph.store.actions import add_contact, init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Ann Lee")
    >>> change = log_interview(store, "Ann Lee", on=dt.date(2026, 11, 10), minutes=20,
    ...     answers={"how-got-in": "An internship"}, referred=["Tom Reyes"], friendliness=4)
    >>> change.record.id, change.record.referrals, change.notes
    ('interview-ann-lee', ('tom-reyes',), ("created person 'Tom Reyes' (tom-reyes)",))
    >>> store.referral("ann-lee", "tom-reyes").on
    datetime.date(2026, 11, 10)

    Told the referrer, and allowed to use the name:

    >>> _ = refer(store, "Ann Lee", "Mrs. Smith", on=dt.date(2026, 11, 10))
    >>> change = log_interview(store, "Mrs. Smith", on=dt.date(2026, 11, 17),
    ...     referred=["Tom Reyes"], may_use_name=True, told_referrer_on=dt.date(2026, 11, 18))
    >>> store.referral("mrs-smith", "tom-reyes").may_use_name
    True
    >>> [(f.id, f.done_on.day) for f in store.load().followups]
    [('tell-referrer-interview-mrs-smith-ann-lee', 18)]
    >>> store.close()
    """
    if known_questions is not None:
        check_question_ids((answers or {}).keys(), known_questions)
    if may_use_name is not None and not referred:
        raise InvalidInputError(
            "--may-use-name: name the people they referred you to with --referred"
        )
    when = day_or_today(on)
    past_date(on, "--on", today)
    past_date(thanked_on, "--thanked-on", today)
    past_date(told_referrer_on, "--told-referrer-on", today)
    if told_referrer_on is not None and told_referrer_on < when:
        raise InvalidInputError(
            f"--told-referrer-on: {told_referrer_on} is before the interview on {when}; "
            "check both dates"
        )
    created = Notes()
    with store.write():
        target = store.find_person(person)
        if target.is_self:
            raise InvalidInputError("interview log: that is you; name the person you interviewed")
        referee_ids: list[str] = []
        for name in referred:
            named = _resolve_or_create(store, name, created, new=new)
            if named.id == target.id or named.is_self:
                raise InvalidInputError(
                    f"--referred: '{name}' is the interviewee or you; name someone else"
                )
            referee_ids.append(named.id)
        interview = build(
            Interview,
            "interview",
            id=store.new_id("interviews", f"interview-{target.id}"[:70].rstrip("-")),
            person=target.id,
            on=when,
            minutes=minutes,
            mode=mode,
            answers=answers or {},
            advice=tuple(advice),
            leads=tuple(leads),
            referrals=referee_ids,
            friendliness=friendliness,
            fit=fit,
            thanked_on=thanked_on,
            notes=notes,
        )
        for referee in sorted(set(referee_ids)):
            _name_given(store, target.id, referee, when, may_use_name, created)
        store.add_interview(interview)
        _advance_referrals(store, target.id, "interviewed", lambda r: r.status != "interviewed")
        if told_referrer_on is not None:
            _told_referrers(store, interview, told_referrer_on, created)
    return Change(interview, tuple(created.items))


def _name_given(
    store: Store,
    referrer: str,
    referee: str,
    on: dt.date,
    may_use_name: bool | None,
    notes: Notes,
) -> None:
    """Record a name given in an interview, or the permission on a name given before."""
    old = store.referral(referrer, referee)
    if old is None:
        values = {"referrer": referrer, "referee": referee, "on": on}
        store.add_referral(build(Referral, "referral", **values, may_use_name=bool(may_use_name)))
    elif may_use_name is not None and old.may_use_name != may_use_name:
        store.add_referral(old.model_copy(update={"may_use_name": may_use_name}), replace=True)
        notes.add(
            f"referral {referrer} → {referee}: may use the name: "
            f"{_yes_no(old.may_use_name)} → {_yes_no(may_use_name)}"
        )


def _told_referrers(store: Store, interview: Interview, on: dt.date, notes: Notes) -> None:
    """Store the agenda's tell-referrer items of an interview as done on ``on``."""
    me = store.me().id
    referrers = [r.referrer for r in store.referrals_to(interview.person) if r.referrer != me]
    if not referrers:
        notes.add(
            f"--told-referrer-on: nobody referred you to {interview.person}; nothing to record"
        )
    for referrer in referrers:
        told = build(
            FollowUp,
            "follow-up",
            id=f"tell-referrer-{interview.id}-{referrer}",
            kind="tell-referrer",
            person=referrer,
            due=on,
            done_on=on,
        )
        store.add_followup(told, replace=True)
