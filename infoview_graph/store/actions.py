"""What a user does to the store, one transaction each: add a contact, record a referral.

Each function takes an open :class:`~infoview_graph.store.Store` and plain values (names as
typed, ids, dates), validates the records it makes, writes them in one transaction, and
returns a :class:`Change`: the record written plus notes on anything created on the way
(an organization or field named for the first time, a referee not yet known). These are the
functions the ``referrals`` command calls; they touch only the rows they change and never
load the whole network.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.store import open_store
>>> store = open_store(":memory:")
>>> init_store(store, "Steven Olson").record.id
'steven-olson'
>>> add_contact(store, "Brad Johnson", org="General Mills", how="friend").notes
("created organization 'General Mills' (general-mills)",)
>>> refer(store, "Brad Johnson", "Mrs. Smith", on=dt.date(2026, 11, 17), may_use_name=True).notes
("created person 'Mrs. Smith' (mrs-smith)",)
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import ValidationError

from infoview_graph.errors import (
    DuplicateError,
    InvalidInputError,
    NearMissError,
    NotFoundError,
)
from infoview_graph.models import (
    CareerField,
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Record,
    Referral,
    Target,
    Tie,
    default_strength,
    invalid_input,
    slugify,
)
from infoview_graph.names import name_key, near_miss
from infoview_graph.questions import check_question_ids
from infoview_graph.store.sqlite import Store, open_store, or_none

__all__ = [
    "Change",
    "add_contact",
    "add_field",
    "add_followup",
    "add_organization",
    "add_target",
    "check_date",
    "create_store",
    "edit_contact",
    "forget_contact",
    "init_store",
    "know",
    "log_interview",
    "log_outreach",
    "log_reply",
    "read_date",
    "refer",
    "relate_fields",
    "remove_target",
    "rename_field",
    "schedule_meeting",
    "settle_followup",
]

_T = TypeVar("_T")
_M = TypeVar("_M", bound=Record)


@dataclass(frozen=True)
class Change(Generic[_T]):
    """The outcome of one action: the record written and what was created on the way.

    Attributes
    ----------
    record
        The record the action wrote.
    notes : tuple of str
        One sentence per record created or changed on the way (shown on stderr by the CLI).
    warnings : tuple of str
        One sentence per thing the user should know before relying on the change, such as
        writing again to someone who declined (the CLI prints them as warnings).

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> change = add_contact(store, "Brad Johnson", org="General Mills")
    >>> change.record.id, change.notes
    ('brad-johnson', ("created organization 'General Mills' (general-mills)",))
    >>> store.close()
    """

    record: _T
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass
class _Notes:
    items: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.items.append(text)


def _build(model: type[_M], what: str, **values: Any) -> _M:
    try:
        return model(**values)
    except ValidationError as error:
        raise invalid_input(error, what) from None


def _today(on: dt.date | None) -> dt.date:
    return on if on is not None else dt.date.today()


EARLIEST = dt.date(1900, 1, 1)
"""The earliest date the store accepts from the user."""
LATEST = dt.date(2100, 12, 31)
"""The latest date the store accepts from the user."""


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_date(text: str, flag: str, *, past: bool = False) -> dt.date:
    """Read a date the user typed as YYYY-MM-DD, and refuse one they cannot mean.

    Parameters
    ----------
    text : str
        What was typed.
    flag : str
        The option or field it was given as, named in the message (``"--on"``).
    past : bool
        Whether it is the day something happened, which cannot be after today.

    Returns
    -------
    datetime.date
        The date, checked by :func:`check_date`.

    Raises
    ------
    InvalidInputError
        If the text is not a date written as YYYY-MM-DD, or :func:`check_date` refuses it.

    Examples
    --------
    >>> read_date("2026-11-20", "--on")
    datetime.date(2026, 11, 20)
    >>> read_date("3026-11-20", "--today")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: --today: 3026-11-20 is outside the years 1900–2100;
    check the year and write it as YYYY-MM-DD
    """
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            f"{flag}: '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20"
        ) from None
    return check_date(day, flag, future=not past)


def check_date(
    day: dt.date, flag: str, *, today: dt.date | None = None, future: bool = False
) -> dt.date:
    """Return a date the user gave, or refuse one they cannot mean.

    Every date must lie in 1900–2100, so that nothing stored can break a later command's
    arithmetic. A date of something that happened (an outreach, a reply, a referral, an
    interview) must not be after ``today``; ``future`` allows it, for dates whose point is
    the future (a meeting, a due date, a snooze).

    Parameters
    ----------
    day : datetime.date
        The date given.
    flag : str
        The option or field it was given as, named in the message (``"--on"``).
    today : datetime.date, optional
        The day it is now (default: today).
    future : bool
        Whether a date after ``today`` is allowed.

    Returns
    -------
    datetime.date
        ``day``.

    Raises
    ------
    InvalidInputError
        If the date is outside 1900–2100, or after ``today`` without ``future``; the message
        suggests the same day in the latest year that is not in the future.

    Examples
    --------
    >>> check_date(dt.date(2027, 5, 1), "--on", today=dt.date(2026, 11, 20))
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: --on: 2027-05-01 is in the future — did you mean
    2026-05-01?
    >>> check_date(dt.date(2027, 5, 1), "--on", today=dt.date(2026, 11, 20), future=True)
    datetime.date(2027, 5, 1)
    """
    if not EARLIEST <= day <= LATEST:
        raise InvalidInputError(
            f"{flag}: {day} is outside the years 1900–2100; check the year and write it as "
            "YYYY-MM-DD"
        )
    now = _today(today)
    if day > now and not future:
        guess = ""
        for year in (now.year, now.year - 1):
            try:
                candidate = day.replace(year=year)
            except ValueError:  # 29 February
                continue
            if candidate <= now:
                guess = f" — did you mean {candidate}?"
                break
        raise InvalidInputError(
            f"{flag}: {day} is in the future{guess or '; give the day it happened'}"
        )
    return day


def _past(day: dt.date | None, flag: str, today: dt.date | None) -> dt.date | None:
    """Check the date of something that happened; None stays None."""
    return None if day is None else check_date(day, flag, today=today)


# --- organizations, fields, targets ----------------------------------------------------------


def _ensure_field(store: Store, name: str, notes: _Notes) -> str:
    found = or_none(store.find_field, name)
    if found is not None:
        return found.id
    record = _build(
        CareerField, "career field", id=store.new_id("fields", slugify(name)), name=name
    )
    store.add_field(record)
    notes.add(f"created career field '{record.name}' ({record.id})")
    return record.id


def _ensure_org(store: Store, name: str, notes: _Notes) -> str:
    found = or_none(store.find_organization, name)
    if found is not None:
        return found.id
    org_id = store.new_id("organizations", slugify(name))
    record = _build(Organization, "organization", id=org_id, name=name)
    store.add_organization(record)
    notes.add(f"created organization '{record.name}' ({record.id})")
    return record.id


def add_field(
    store: Store, name: str, *, related: Sequence[str] = (), field_id: str | None = None
) -> Change[CareerField]:
    """Add a career field, creating related fields named for the first time.

    Raises
    ------
    DuplicateError
        If a field with that name or id exists.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> add_field(store, "Accounting", related=["Auditing"]).notes
    ("created career field 'Auditing' (auditing)",)
    >>> store.field("accounting").related
    ('auditing',)
    >>> store.close()
    """
    notes = _Notes()
    with store.write():
        if or_none(store.find_field, name) is not None or (
            field_id and or_none(store.find_field, field_id)
        ):
            raise DuplicateError(
                f"a career field '{name}' exists already; see 'referrals field list'"
            )
        new_id = field_id or store.new_id("fields", slugify(name))
        related_ids = [_ensure_field(store, r, notes) for r in related]
        record = _build(CareerField, "career field", id=new_id, name=name, related=related_ids)
        store.add_field(record)
    return Change(record, tuple(notes.items))


def _field(store: Store, query: str) -> CareerField:
    found = or_none(store.find_field, query)
    if found is None:
        raise NotFoundError(
            f"no career field named '{query}'; see 'referrals field list', or add it with "
            f"'referrals field add'"
        )
    return found


def relate_fields(
    store: Store, field_name: str, other: str, *, related: bool = True
) -> Change[CareerField]:
    """Record that ``other`` is a field related to ``field_name`` (``related=False``: is not).

    Related fields are those worth a look beside a target field (``coverage`` ranks them),
    as ``field add --related`` records them: one way, from the field to the other.

    Raises
    ------
    NotFoundError
        If either field is not known.
    InvalidInputError
        If both name the same field.
    DuplicateError
        If the relation is recorded already (or, with ``related=False``, is not recorded).

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = add_field(store, "Accounting")
    >>> _ = add_field(store, "Auditing")
    >>> relate_fields(store, "accounting", "Auditing").record.related
    ('auditing',)
    >>> relate_fields(store, "Accounting", "Auditing", related=False).record.related
    ()
    >>> store.close()
    """
    with store.write():
        first, second = _field(store, field_name), _field(store, other)
        if first.id == second.id:
            raise InvalidInputError("field relate: A and B are the same field; name two fields")
        now = set(first.related) | {second.id} if related else set(first.related) - {second.id}
        if now == set(first.related):
            state = "is related" if related else "is not related"
            raise DuplicateError(f"{second.name} {state} to {first.name} already; nothing changed")
        values = {**first.model_dump(), "related": tuple(sorted(now))}
        record = _build(CareerField, "career field", **values)
        store.add_field(record, replace=True)
    return Change(record)


def rename_field(store: Store, field_name: str, name: str) -> Change[CareerField]:
    """Give a career field a new name; its id, and every record naming it, stay as they are.

    Raises
    ------
    NotFoundError
        If the field is not known.
    DuplicateError
        If another field has that name.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = add_field(store, "urban-planning")
    >>> change = rename_field(store, "urban-planning", "Urban planning")
    >>> change.record.id, change.record.name
    ('urban-planning', 'Urban planning')
    >>> store.close()
    """
    with store.write():
        found = _field(store, field_name)
        taken = or_none(store.find_field, name)
        if taken is not None and taken.id != found.id:
            raise DuplicateError(
                f"the career field {taken.name} ({taken.id}) has that name already; pick another"
            )
        record = _build(CareerField, "career field", **{**found.model_dump(), "name": name})
        store.add_field(record, replace=True)
    return Change(record)


def add_organization(
    store: Store,
    name: str,
    *,
    org_id: str | None = None,
    fields: Sequence[str] = (),
    kind: str = "company",
    aliases: Sequence[str] = (),
    motivation: int | None = None,
    postings: bool | None = None,
    advocacy: bool | None = None,
) -> Change[Organization]:
    """Add an organization, creating fields named for the first time.

    Raises
    ------
    DuplicateError
        If an organization with that name or id exists.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> org = add_organization(store, "General Mills", fields=["Finance"], motivation=3).record
    >>> org.id, org.fields, org.motivation
    ('general-mills', ('finance',), 3)
    >>> store.close()
    """
    notes = _Notes()
    with store.write():
        if or_none(store.find_organization, name) is not None or (
            org_id and or_none(store.find_organization, org_id)
        ):
            raise DuplicateError(
                f"an organization '{name}' exists already; see 'referrals org list'"
            )
        record = _build(
            Organization,
            "organization",
            id=org_id or store.new_id("organizations", slugify(name)),
            name=name,
            kind=kind,
            aliases=tuple(aliases),
            fields=[_ensure_field(store, f, notes) for f in fields],
            motivation=motivation,
            postings=postings,
            advocacy=advocacy,
        )
        store.add_organization(record)
    return Change(record, tuple(notes.items))


def add_target(
    store: Store, kind: Literal["field", "org"], name: str, *, priority: int = 2
) -> Change[Target]:
    """Make a field or organization one of my targets (or change its priority).

    The field or organization is created if it is named for the first time.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> add_target(store, "org", "General Mills", priority=1).record
    Target(kind='org', id='general-mills', priority=1)
    >>> add_target(store, "org", "General Mills", priority=2).record.priority
    2
    >>> store.close()
    """
    notes = _Notes()
    with store.write():
        ensure = _ensure_field if kind == "field" else _ensure_org
        target = _build(
            Target, "target", kind=kind, id=ensure(store, name, notes), priority=priority
        )
        store.set_target(target)
    return Change(target, tuple(notes.items))


def remove_target(store: Store, kind: Literal["field", "org"], name: str) -> Change[str]:
    """Stop targeting a field or organization (its record stays).

    Raises
    ------
    NotFoundError
        If it is not a target.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_target(store, "field", "Accounting")
    >>> remove_target(store, "field", "Accounting").record
    'accounting'
    >>> store.targets(), store.field("accounting").name
    ([], 'Accounting')
    >>> store.close()
    """
    with store.write():
        found = (
            or_none(store.find_field, name)
            if kind == "field"
            else or_none(store.find_organization, name)
        )
        if found is None:
            raise NotFoundError(
                f"no {'career field' if kind == 'field' else 'organization'} named '{name}'"
            )
        store.remove_target(kind, found.id)
    return Change(found.id)


# --- persons -------------------------------------------------------------------------------


def init_store(store: Store, name: str, *, person_id: str | None = None) -> Change[Person]:
    """Record the user ("me") in a new store.

    Raises
    ------
    DuplicateError
        If the store already has a 'me'.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> init_store(store, "Steven Olson").record.is_self
    True
    >>> store.me().id
    'steven-olson'
    >>> store.close()
    """
    me = _me(name, person_id)
    with store.write():
        store.add_person(me)
    return Change(me)


def _me(name: str, person_id: str | None = None) -> Person:
    return _build(
        Person, "person", id=person_id or slugify(name), name=name, is_self=True, how="self"
    )


def create_store(
    path: str | os.PathLike[str], name: str | None = None, *, data: NetworkData | None = None
) -> Change[Path]:
    """Create a store at a new path with me (``name``) in it, or with all of ``data``.

    Everything is validated before the file is made, and a store that could not be filled
    is removed again: the path holds a complete store or nothing.

    Raises
    ------
    DuplicateError
        If a file exists at ``path``.
    InvalidInputError
        If ``name`` breaks a rule of the model.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "referrals.db"
    >>> create_store(path, "Steven Olson").record == path
    True
    >>> with open_store(path) as store:
    ...     store.me().name
    'Steven Olson'
    """
    me = _me(name) if name is not None else None
    target = Path(path)
    store = open_store(target, create=True)
    try:
        with store:
            if me is not None:
                init_store(store, me.name, person_id=me.id)
            if data is not None:
                store.write_data(data)
    except BaseException:
        for leftover in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise
    return Change(target)


def _check_unique_contact(store: Store, person: Person) -> None:
    for other, key in store.find_by_contact(url=person.url, emails=person.emails):
        if other != person.id:
            raise DuplicateError(
                f"person '{other}' has this {key} already; "
                f"change them with 'referrals person edit {other}'"
            )


def _same_name_note(store: Store, person: Person) -> list[str]:
    key = name_key(person.name)
    same = [pid for pid, name in store.person_names() if name_key(name) == key]
    if len(same) > 1:
        return [f"other persons are also named '{person.name}'; refer to them by id"]
    if same:
        return [f"'{same[0]}' is also named '{person.name}'; refer to each by id"]
    return []


def add_contact(
    store: Store,
    name: str,
    *,
    person_id: str | None = None,
    org: str | None = None,
    title: str | None = None,
    fields: Sequence[str] = (),
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    url: str | None = None,
    how: str | None = None,
    strength: int | None = None,
    tags: Sequence[str] = (),
    notes: str | None = None,
    do_not_contact: bool = False,
    new: bool = False,
) -> Change[Person]:
    """Add a person I know, and my tie to them.

    The tie's strength is ``strength`` or, when not given, :func:`~models.default_strength`
    of ``how``; a person added with ``how="referral"`` and no strength gets no tie (I have
    not met them). Organizations and fields named for the first time are created. Two
    persons never share a profile URL or an email. A name that is a near miss of a known
    person's (see :func:`~infoview_graph.names.near_miss`: a typo, another case, spacing or
    word order, or the very same name) is refused unless ``new`` (or an explicit
    ``person_id``) says it is a different person; a shared name is then allowed, with a note.

    Raises
    ------
    InvalidInputError
        If a value breaks a rule of the model.
    DuplicateError
        If the id, URL or an email belongs to someone already.
    NearMissError
        If the name is a near miss of a known person's and ``new`` is false.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> brad = add_contact(store, "Brad Johnson", org="General Mills", how="friend")
    >>> brad.record.organization, brad.notes
    ('general-mills', ("created organization 'General Mills' (general-mills)",))
    >>> store.tie("steven-olson", "brad-johnson").strength
    4
    >>> store.close()
    """
    created = _Notes()
    with store.write():
        me = store.me()
        if person_id is not None and _exists(store, person_id):
            raise DuplicateError(f"a person with the id '{person_id}' exists already")
        if not new and person_id is None:  # an id of my choosing says who this is
            _refuse_near_miss(store, name)
        person = _build(
            Person,
            "person",
            id=person_id or store.new_person_id(name),
            name=name,
            organization=_ensure_org(store, org, created) if org else None,
            title=title,
            fields=[_ensure_field(store, f, created) for f in fields],
            emails=tuple(emails),
            phones=tuple(phones),
            url=url,
            how=how,
            tags=tuple(tags),
            notes=notes,
            do_not_contact=do_not_contact,
        )
        _check_unique_contact(store, person)
        if new or person_id is not None:  # else a same name was refused above
            created.items.extend(_same_name_note(store, person))
        store.add_person(person)
        if strength is not None or how != "referral":
            level = strength if strength is not None else default_strength(how)
            store.add_tie(_build(Tie, "tie", a=me.id, b=person.id, strength=level))
    return Change(person, tuple(created.items))


def _refuse_near_miss(store: Store, name: str) -> None:
    """Refuse to create a person whose name is a near miss of a known person's."""
    key = name_key(name)
    people = list(store.person_names())
    found = near_miss(name, people)
    if found is None and " " not in key:
        # A single word is checked against first and last names too: "Lenna" for "Lena".
        parts = [(pid, part) for pid, full in people for part in _ends(full)]
        found = near_miss(name, parts)
        if found is not None:
            found = (found[0], store.person(found[0]).name)
    if found is None:
        return
    if name_key(found[1]) == key:
        raise NearMissError(
            f"{found[1]} ({found[0]}) is known already; change them with "
            f"'referrals person edit {found[0]}', or use --new to add a different person",
            found,
        )
    raise NearMissError(
        f"no person named '{name}' — did you mean {found[1]}? "
        "(use --new to add a different person)",
        found,
    )


def _ends(name: str) -> tuple[str, ...]:
    words = name.split()
    return tuple(dict.fromkeys((words[0], words[-1]))) if words else ()


def _exists(store: Store, person_id: str) -> bool:
    try:
        store.person(person_id)
    except NotFoundError:
        return False
    return True


_UNSET: Any = object()


def edit_contact(
    store: Store,
    query: str,
    *,
    name: str | None = None,
    org: str | None = _UNSET,
    title: str | None = _UNSET,
    fields: Sequence[str] | None = None,
    emails: Sequence[str] | None = None,
    phones: Sequence[str] | None = None,
    url: str | None = _UNSET,
    how: str | None = _UNSET,
    strength: int | None = None,
    tags: Sequence[str] | None = None,
    notes: str | None = _UNSET,
    do_not_contact: bool | None = None,
) -> Change[Person]:
    """Change a person's attributes; what is not given stays as it is.

    Lists given replace the stored list. ``strength`` sets my tie to them.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``query`` names nobody, or several persons.
    InvalidInputError
        If a new value breaks a rule of the model.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Brad Johnson", how="friend")
    >>> edit_contact(store, "brad johnson", title="Controller", strength=5).record.title
    'Controller'
    >>> store.tie("steven-olson", "brad-johnson").strength
    5
    >>> store.close()
    """
    created = _Notes()
    with store.write():
        person = store.find_person(query)
        update: dict[str, Any] = {}
        if name is not None:
            update["name"] = name
        if org is not _UNSET:
            update["organization"] = _ensure_org(store, org, created) if org else None
        if fields is not None:
            update["fields"] = [_ensure_field(store, f, created) for f in fields]
        for key, value in (
            ("title", title),
            ("url", url),
            ("how", how),
            ("notes", notes),
        ):
            if value is not _UNSET:
                update[key] = value
        for key, items in (("emails", emails), ("phones", phones), ("tags", tags)):
            if items is not None:
                update[key] = tuple(items)
        if do_not_contact is not None:
            update["do_not_contact"] = do_not_contact
        values = {**person.model_dump(), **update}
        edited = _build(Person, "person", **values)
        _check_unique_contact(store, edited)
        store.add_person(edited, replace=True)
        if strength is not None:
            me = store.me()
            if me.id == person.id:
                raise InvalidInputError("--strength: that is your tie to yourself; leave it out")
            old = store.tie(me.id, person.id)
            kept = {"context": old.context, "since": old.since} if old else {}
            store.add_tie(_build(Tie, "tie", a=me.id, b=person.id, strength=strength, **kept))
    return Change(edited, tuple(created.items))


def forget_contact(store: Store, query: str) -> Change[str]:
    """Remove a person and every record that involves them (see :meth:`Store.remove_person`).

    Returns the forgotten id. The backups migrations wrote beside the store (which hold the
    person too) are overwritten and deleted, each named in the notes
    (:meth:`Store.discard_automatic_backups`).

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Brad Johnson")
    >>> forget_contact(store, "Brad Johnson").record
    'brad-johnson'
    >>> store.count("persons")
    1
    >>> store.close()
    """
    with store.write():
        person = store.find_person(query)
        store.remove_person(person.id)
    # The backups an upgrade wrote still hold them: delete those too, and say so.
    removed = store.discard_automatic_backups()
    notes = tuple(f"deleted the automatic backup {p}, which held their data too" for p in removed)
    return Change(person.id, notes=notes)


def know(
    store: Store, a: str, b: str, *, strength: int | None = None, context: str | None = None
) -> Change[Tie]:
    """Record that two persons know each other (or update how well).

    Without ``strength`` an existing tie keeps its strength and a new one gets 1.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Brad Johnson")
    >>> _ = add_contact(store, "Ann Lee")
    >>> know(store, "Brad Johnson", "Ann Lee", strength=2, context="book club").record
    Tie(a='ann-lee', b='brad-johnson', strength=2, context='book club', since=None)
    >>> store.close()
    """
    with store.write():
        first, second = store.find_person(a), store.find_person(b)
        if first.id == second.id:
            raise InvalidInputError("know: A and B are the same person; name two people")
        old = store.tie(first.id, second.id)
        tie = _build(
            Tie,
            "tie",
            a=first.id,
            b=second.id,
            strength=strength if strength is not None else (old.strength if old else 1),
            context=context if context is not None else (old.context if old else None),
            since=old.since if old else None,
        )
        store.add_tie(tie)
    return Change(tie)


# --- events --------------------------------------------------------------------------------


def _resolve_or_create(store: Store, name: str, notes: _Notes, *, new: bool = False) -> Person:
    """Find the person a name names, or create them: a near miss is refused unless ``new``."""
    if not new:
        try:
            return store.find_person(name)
        except NotFoundError:
            _refuse_near_miss(store, name)
    person = _build(Person, "person", id=store.new_person_id(name), name=name, how="referral")
    store.add_person(person)
    notes.add(f"created person '{person.name}' ({person.id})")
    return person


def _resolve_purpose(store: Store, name: str, notes: _Notes) -> tuple[str | None, str | None]:
    kind, _, rest = name.partition(":")
    if rest and kind == "field":
        return _ensure_field(store, rest, notes), None
    if rest and kind == "org":
        return None, _ensure_org(store, rest, notes)
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
    _past(on, "--on", today)
    notes = _Notes()
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
            values = {"referrer": giver.id, "referee": named.id, "on": _today(on), **given}
            referral = _build(Referral, "referral", **values)
            store.add_referral(referral)
            changed: list[str] = []
        else:
            referral = _build(Referral, "referral", **{**old.model_dump(), **given})
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
    _past(on, "--on", today)
    with store.write():
        target = store.find_person(person)
        _contactable(target, "outreach", "the person you contacted")
        through = store.find_person(via) if via is not None else None
        earlier = store.outreach_to(target.id)
        outreach = _build(
            Outreach,
            "outreach",
            id=store.new_id("outreach", f"outreach-{target.id}"[:70].rstrip("-")),
            person=target.id,
            on=_today(on),
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
    when = _today(on)
    _past(on, "--on", today)
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
        replies = [_build(Outreach, "reply", **{**o.model_dump(), **answer}) for o in answered]
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
    day = _today(today)
    check_date(on, "--on", future=True)
    notes = _Notes()
    with store.write():
        target = store.find_person(person)
        _contactable(target, "schedule", "the person you are meeting")
        open_ = [o for o in store.outreach_to(target.id) if not o.declined]
        if open_:
            attempt = open_[-1]
        else:
            first = min(day, on)
            attempt = _build(
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
        meeting = _build(Outreach, "meeting", **{**attempt.model_dump(), **update})
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
    when = _today(on)
    _past(on, "--on", today)
    _past(thanked_on, "--thanked-on", today)
    _past(told_referrer_on, "--told-referrer-on", today)
    if told_referrer_on is not None and told_referrer_on < when:
        raise InvalidInputError(
            f"--told-referrer-on: {told_referrer_on} is before the interview on {when}; "
            "check both dates"
        )
    created = _Notes()
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
        interview = _build(
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
    notes: _Notes,
) -> None:
    """Record a name given in an interview, or the permission on a name given before."""
    old = store.referral(referrer, referee)
    if old is None:
        values = {"referrer": referrer, "referee": referee, "on": on}
        store.add_referral(_build(Referral, "referral", **values, may_use_name=bool(may_use_name)))
    elif may_use_name is not None and old.may_use_name != may_use_name:
        store.add_referral(old.model_copy(update={"may_use_name": may_use_name}), replace=True)
        notes.add(
            f"referral {referrer} → {referee}: may use the name: "
            f"{_yes_no(old.may_use_name)} → {_yes_no(may_use_name)}"
        )


def _told_referrers(store: Store, interview: Interview, on: dt.date, notes: _Notes) -> None:
    """Store the agenda's tell-referrer items of an interview as done on ``on``."""
    me = store.me().id
    referrers = [r.referrer for r in store.referrals_to(interview.person) if r.referrer != me]
    if not referrers:
        notes.add(
            f"--told-referrer-on: nobody referred you to {interview.person}; nothing to record"
        )
    for referrer in referrers:
        told = _build(
            FollowUp,
            "follow-up",
            id=f"tell-referrer-{interview.id}-{referrer}",
            kind="tell-referrer",
            person=referrer,
            due=on,
            done_on=on,
        )
        store.add_followup(told, replace=True)


# --- follow-ups --------------------------------------------------------------------------------


def add_followup(
    store: Store,
    text: str,
    *,
    due: dt.date | None = None,
    person: str | None = None,
) -> Change[FollowUp]:
    """Add a follow-up of my own ("Send Brad the article"), due on ``due`` (default today).

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> add_followup(store, "Send Brad the article", due=dt.date(2026, 11, 23)).record.id
    'custom-send-brad-the-article'
    >>> store.close()
    """
    if due is not None:
        check_date(due, "--due", future=True)
    with store.write():
        who = store.find_person(person).id if person is not None else None
        followup = _build(
            FollowUp,
            "follow-up",
            id=store.new_id("followups", f"custom-{slugify(text)}"[:60].rstrip("-")),
            kind="custom",
            person=who,
            due=_today(due),
            note=text,
        )
        store.add_followup(followup)
    return Change(followup)


def settle_followup(
    store: Store,
    item: FollowUp,
    *,
    done_on: dt.date | None = None,
    snoozed_until: dt.date | None = None,
    today: dt.date | None = None,
) -> Change[FollowUp]:
    """Mark a follow-up done, or snooze it: store what the user did to it.

    ``item`` is the stored follow-up, or one built from an agenda item (same id, kind,
    person and due date) — derived obligations are stored only once the user acts on them.
    A thank-you note marked done (``thank-you-<interview id>``) is also recorded on the
    interview as its ``thanked_on``, in the same transaction.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> item = add_followup(store, "Send Brad the article", due=dt.date(2026, 11, 23)).record
    >>> settle_followup(store, item, done_on=dt.date(2026, 11, 24)).record.done_on
    datetime.date(2026, 11, 24)

    A thank-you note from the agenda:

    >>> _ = add_contact(store, "Ann Lee")
    >>> _ = log_interview(store, "Ann Lee", on=dt.date(2026, 11, 10))
    >>> thanks = FollowUp(id="thank-you-interview-ann-lee", kind="thank-you", person="ann-lee",
    ...                   due=dt.date(2026, 11, 11))
    >>> settle_followup(store, thanks, done_on=dt.date(2026, 11, 11)).notes
    ('interview-ann-lee: thanked on 2026-11-11',)
    >>> store.interviews_with("ann-lee")[0].thanked_on
    datetime.date(2026, 11, 11)
    >>> store.close()
    """
    _past(done_on, "--on", today)
    if snoozed_until is not None:
        check_date(snoozed_until, "--until", future=True)
    if snoozed_until is not None and snoozed_until <= item.due and done_on is None:
        raise InvalidInputError(
            f"--until: {snoozed_until} is not after the due date {item.due}; pick a later day"
        )
    with store.write():
        values = {**item.model_dump(), "done_on": done_on, "snoozed_until": snoozed_until}
        settled = _build(FollowUp, "follow-up", **values)
        store.add_followup(settled, replace=True)
        thanked = _record_thanks(store, settled) if done_on is not None else None
    notes = (f"{thanked.id}: thanked on {thanked.thanked_on}",) if thanked is not None else ()
    return Change(settled, notes)


def _record_thanks(store: Store, item: FollowUp) -> Interview | None:
    """Set ``thanked_on`` on the interview a done thank-you item is about, if not set yet."""
    if item.kind != "thank-you" or item.person is None or item.done_on is None:
        return None
    interview_id = item.id.removeprefix("thank-you-")
    for interview in store.interviews_with(item.person):
        if interview.id == interview_id and interview.thanked_on is None:
            thanked = interview.model_copy(update={"thanked_on": item.done_on})
            store.add_interview(thanked, replace=True)
            return thanked
    return None
