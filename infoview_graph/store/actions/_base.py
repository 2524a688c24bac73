"""Records, notes and dates every action shares; creating a store and its 'me'."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from infoview_graph.errors import (
    InvalidInputError,
)
from infoview_graph.models import (
    NetworkData,
    Person,
    Record,
    invalid_input,
    slugify,
)
from infoview_graph.store.sqlite import Store, open_store

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
    >>> from infoview_graph.store.actions import add_contact
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
class Notes:
    items: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.items.append(text)


def build(model: type[_M], what: str, **values: Any) -> _M:
    try:
        return model(**values)
    except ValidationError as error:
        raise invalid_input(error, what) from None


def day_or_today(on: dt.date | None) -> dt.date:
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
    now = day_or_today(today)
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


def past_date(day: dt.date | None, flag: str, today: dt.date | None) -> dt.date | None:
    """Check the date of something that happened; None stays None."""
    return None if day is None else check_date(day, flag, today=today)


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
    return build(
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
