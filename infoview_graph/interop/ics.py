r"""The agenda as iCalendar (RFC 5545): all-day events with an alarm, or to-dos.

Google Calendar does not import VTODOs from a file, so each agenda item becomes by default a
VEVENT on its due day with a VALARM at 9:00; ``as_todo`` writes VTODOs instead. UIDs are
the items' own stable ids (``thank-you-interview-…@infoview-graph``) and ``SEQUENCE`` grows
with the days since the item arose, so importing a newer export updates events instead of
duplicating them. Descriptions end up in cloud calendars: they say what is due and why,
and interview notes only when ``notes`` are given. ``icalendar`` writes CRLF line ends,
folds lines at 75 octets and escapes text.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.algorithms._agenda import agenda
>>> from infoview_graph.demo import demo_network
>>> items = agenda(demo_network(), today=dt.date(2026, 11, 20))
>>> text = to_ics(items, today=dt.date(2026, 11, 20))
>>> text.count(b"BEGIN:VEVENT") == len(items), b"\r\nBEGIN:VALARM\r\n" in text
(True, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Protocol

__all__ = ["AgendaEntry", "to_ics"]

_DOMAIN = "infoview-graph"
_ALARM_AT = dt.timedelta(hours=9)


class AgendaEntry(Protocol):
    """What :func:`to_ics` needs of an agenda item (``algorithms.agenda.AgendaItem``).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> item: AgendaEntry = SimpleNamespace(
    ...     id="custom-call-brad", kind="custom", person_id=None, action="Call Brad",
    ...     why="added by you", since=dt.date(2026, 1, 5), due=dt.date(2026, 1, 6), overdue=False)
    >>> item.due - item.since
    datetime.timedelta(days=1)
    """

    @property
    def id(self) -> str:
        """Stable id."""

    @property
    def kind(self) -> str:
        """What sort of obligation."""

    @property
    def person_id(self) -> str | None:
        """Whom it concerns."""

    @property
    def action(self) -> str:
        """What to do."""

    @property
    def why(self) -> str:
        """Why."""

    @property
    def since(self) -> dt.date:
        """The event it comes from."""

    @property
    def due(self) -> dt.date:
        """When it is due."""

    @property
    def overdue(self) -> bool:
        """Whether it is late."""


def to_ics(
    items: Sequence[AgendaEntry],
    *,
    today: dt.date,
    as_todo: bool = False,
    notes: Mapping[str, str] | None = None,
    name: str = "Referrals agenda",
) -> bytes:
    r"""Return the agenda items as an iCalendar file.

    Parameters
    ----------
    items : sequence of AgendaItem
        The agenda (see :func:`infoview_graph.algorithms._agenda.agenda`).
    today : datetime.date
        The day of the export: ``DTSTAMP`` (at 00:00 UTC) and the ``SEQUENCE`` count.
    as_todo : bool, default False
        Write VTODOs (due on the day) instead of VEVENTs.
    notes : mapping of str to str, optional
        Interview notes by person id, added to the descriptions — only when the user asks.
    name : str
        The calendar's name (``X-WR-CALNAME``).

    Returns
    -------
    bytes
        The calendar: CRLF line ends, lines of at most 75 octets.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> item = SimpleNamespace(
    ...     id="custom-call-brad", kind="custom", person_id=None, action="Call Brad",
    ...     why="added by you", since=dt.date(2026, 1, 5), due=dt.date(2026, 1, 6), overdue=False)
    >>> calendar = to_ics([item], today=dt.date(2026, 1, 5))
    >>> b"UID:custom-call-brad@infoview-graph" in calendar, b"TRIGGER:PT9H" in calendar
    (True, True)
    """
    from icalendar import Alarm, Calendar, Event, Todo

    calendar = Calendar()
    calendar.add("prodid", f"-//{_DOMAIN}//referrals agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC)
    for item in items:
        component = Todo() if as_todo else Event()
        component.add("uid", f"{item.id}@{_DOMAIN}")
        component.add("dtstamp", stamp)
        component.add("sequence", max((today - item.since).days, 0))
        component.add("summary", item.action)
        description = item.why
        if notes and item.person_id and notes.get(item.person_id):
            description += "\n\nNotes from the interview:\n" + notes[item.person_id]
        component.add("description", description)
        component.add("categories", [item.kind])
        if as_todo:
            component.add("due", item.due)
            component.add("status", "NEEDS-ACTION")
            component.add("priority", 1 if item.overdue else 5)
        else:
            component.add("dtstart", item.due)
            if item.due < dt.date.max:  # else no DTEND: an all-day DTSTART lasts one day
                component.add("dtend", item.due + dt.timedelta(days=1))
            component.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.action)
        alarm.add("trigger", _ALARM_AT)
        component.add_component(alarm)
        calendar.add_component(component)
    data: bytes = calendar.to_ical()
    return data
