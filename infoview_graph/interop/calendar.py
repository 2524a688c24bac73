r"""An iCalendar file (``.ics``: Google, Apple, Outlook, Thunderbird) as neutral meetings.

Each ``VEVENT`` becomes a :class:`Meeting`: its day, whether it is cancelled
(``STATUS:CANCELLED``), and the lower-cased addresses of its attendees and organizer
(``ATTENDEE;CN=…:mailto:…``, ``ORGANIZER``) — never its summary, description or location.
A recurring event (``RRULE``) is one meeting, on its first occurrence that is not excluded
(``EXDATE``); an overridden instance (``RECURRENCE-ID``) belongs to its series and is not a
meeting of its own. A time with a zone (``TZID`` or UTC) gives the day where the user is;
a floating time or a whole day is taken as written.

Examples
--------
>>> ics = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:call-1\r\n"
...        b"DTSTART:20261124T150000Z\r\nSUMMARY:Coffee\r\n"
...        b"ATTENDEE;CN=Ann Lee:mailto:Ann@Example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
>>> [(m.where, m.on, m.people) for m in read_calendar(ics, name="cal.ics")]
[('cal.ics, event 1 (line 3)', datetime.date(2026, 11, 24), ('ann@example.org',))]
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from infoview_graph.errors import ImportFileError
from infoview_graph.interop._input import read_input
from infoview_graph.interop.messages import event_key

__all__ = ["Meeting", "read_calendar"]

_MAX_OCCURRENCES = 10_000


@dataclass(frozen=True, slots=True)
class Meeting:
    """What the lifecycle needs of one calendar event: when, with whom, and whether it is off.

    Attributes
    ----------
    where : str
        Where it sits, for messages: ``"cal.ics, event 3 (line 40)"``.
    key : str
        A one-way hash of its ``UID`` (:func:`~infoview_graph.interop.messages.event_key`).
    on : datetime.date or None
        Its day (a series: its first occurrence); None if ``DTSTART`` is missing.
    cancelled : bool
        ``STATUS:CANCELLED``.
    people : tuple of str
        The lower-cased addresses of the attendees and the organizer.

    Examples
    --------
    >>> Meeting("cal.ics, event 1 (line 3)", event_key("x"), None, False, ()).cancelled
    False
    """

    where: str
    key: str
    on: dt.date | None
    cancelled: bool
    people: tuple[str, ...]


def read_calendar(
    source: bytes | str | os.PathLike[str], *, name: str | None = None
) -> Iterator[Meeting]:
    r"""Yield the meetings of an iCalendar file, in file order.

    Parameters
    ----------
    source : bytes or path-like
        The file's content, or its path.
    name : str, optional
        The name used in messages (default: the path, or ``"<bytes>"``).

    Yields
    ------
    Meeting
        One per ``VEVENT`` that is not an overridden instance of a series.

    Raises
    ------
    NotFoundError
        If there is no file at the path.
    ImportFileError
        If the file is not iCalendar; the message names the file.

    Notes
    -----
    Cost O(events); a calendar file is read whole (capped like every import file).

    Examples
    --------
    >>> list(read_calendar(b"BEGIN:VCARD\r\nEND:VCARD\r\n", name="ann.vcf"))
    Traceback (most recent call last):
    ...
    infoview_graph.errors.ImportFileError: ann.vcf: not an iCalendar file (...); export the
    calendar as .ics
    """
    import icalendar

    data, label = read_input(source, name=name)
    try:
        calendar = icalendar.Calendar.from_ical(data)
        if calendar.name != "VCALENDAR":
            raise ValueError("no VCALENDAR")
    except (ValueError, KeyError, IndexError, TypeError) as error:
        reason = type(error).__name__
        raise ImportFileError(
            f"{label}: not an iCalendar file ({reason}); export the calendar as .ics"
        ) from None
    lines = _event_lines(data)
    for number, event in enumerate(calendar.walk("VEVENT"), 1):
        line = lines[number - 1] if number <= len(lines) else 0
        where = f"{label}, event {number} (line {line})"
        if event.get("RECURRENCE-ID") is not None:
            continue
        yield Meeting(
            where=where,
            key=event_key("calendar", str(event.get("UID", where))),
            on=_first_day(event),
            cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
            people=_people(event),
        )


def _event_lines(data: bytes) -> list[int]:
    return [
        number
        for number, line in enumerate(data.splitlines(), 1)
        if line.strip().upper() == b"BEGIN:VEVENT"
    ]


def _people(event: Any) -> tuple[str, ...]:
    found: list[str] = []
    for field in ("ORGANIZER", "ATTENDEE"):
        value = event.get(field)
        for address in value if isinstance(value, list) else [value]:
            if address is None:
                continue
            text = str(address).strip()
            if text.lower().startswith("mailto:"):
                text = text[len("mailto:") :]
            if "@" in text:
                found.append(text.lower())
    return tuple(dict.fromkeys(found))


def _day(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone().date() if value.tzinfo is not None else value.date()
    return value


def _first_day(event: Any) -> dt.date | None:
    start = event.get("DTSTART")
    if start is None:
        return None
    first: dt.date = start.dt
    rule = event.get("RRULE")
    if rule is None:
        return _day(first)
    excluded = _excluded(event)
    try:
        from dateutil.rrule import rrulestr

        anchor = first if isinstance(first, dt.datetime) else dt.datetime.combine(first, dt.time())
        for count, occurrence in enumerate(rrulestr(rule.to_ical().decode(), dtstart=anchor)):
            if count >= _MAX_OCCURRENCES:
                break
            if _day(occurrence) not in excluded:
                return _day(occurrence)
    except (ValueError, TypeError):
        # A rule dateutil refuses (UNTIL in another zone than DTSTART, …) is common in real
        # exports, often in strangers' events: DTSTART is the first occurrence anyway.
        return _day(first)
    return None


def _excluded(event: Any) -> set[dt.date]:
    value = event.get("EXDATE")
    lists = value if isinstance(value, list) else [value] if value is not None else []
    return {_day(item.dt) for entry in lists for item in entry.dts}
