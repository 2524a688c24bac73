r"""Record the lifecycle events in mail, LinkedIn messages and calendars, as if typed by hand.

The readers in :mod:`infoview_graph.interop` turn files into neutral messages and meetings;
this module decides what each one means for the contact lifecycle (DESIGN §4a) and records
it with the very functions the hand-typed commands call — :func:`~.actions.log_outreach`
(``referrals outreach``), :func:`~.actions.log_reply` (``referrals reply``) and
:func:`~.actions.schedule_meeting` (``referrals schedule``) — so an imported story and a
typed one leave the same records.

The rules, per contact, in time order:

- **my message** in a conversation they began (or already wrote in) goes on that
  conversation: nothing to record. Otherwise, while an outreach of mine awaits their reply,
  a message on a later day is its **follow-up** (an outreach: the lifecycle counts the
  second attempt as the follow-up); with no outreach recorded, or after they declined, it
  is an **outreach**; after a reply, a meeting or an interview, it goes on the conversation;
- **their message** while an outreach of mine awaits a reply is the **reply** (never a
  decline: texts are not read — record a no with ``referrals reply --declined``);
- **a calendar event** whose attendees or organizer include a contact puts a **meeting** on
  the calendar with them (``schedule``): scheduled before its day, met after it, with the
  conversation still to log; a cancelled event takes back a meeting it had put there.

Contacts are recognised by email (the store's email index), then LinkedIn profile URL,
then — for LinkedIn, which gives no address — an exact name that only one person has.
Messages that involve no contact are counted and forgotten. What is stored is only what
the lifecycle needs: the records above (dates, channel), and per recorded event a one-way
hash of its message or event id (``imported_events``), so that a second import of the same
file records nothing. Subjects, bodies and strangers' addresses never reach the store.

The whole import is one transaction: any bad message (a date that cannot be read, with a
contact) refuses the file, naming the message, and nothing is saved.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.interop.mail import read_mail
>>> from infoview_graph.store import open_store
>>> from infoview_graph.store.actions import add_contact, edit_contact, init_store
>>> store = open_store(":memory:")
>>> _ = init_store(store, "Steven Olson")
>>> _ = edit_contact(store, "me", emails=["steven@example.org"])
>>> _ = add_contact(store, "Ann Lee", emails=["ann@example.org"])
>>> mbox = (b"From a Tue Nov  3 09:00:00 2026\nFrom: steven@example.org\n"
...         b"To: ann@example.org\nDate: Tue, 03 Nov 2026 09:00:00 +0000\n"
...         b"Message-ID: <1@example.org>\n\nHello\n\n"
...         b"From b Thu Nov  5 10:00:00 2026\nFrom: ann@example.org\n"
...         b"To: steven@example.org\nDate: Thu, 05 Nov 2026 10:00:00 +0000\n"
...         b"In-Reply-To: <1@example.org>\n\nSure\n")
>>> report = import_messages(store, read_mail(mbox, name="inbox.mbox"),
...                          file="inbox.mbox", today=dt.date(2026, 11, 20))
>>> report.summary()
'inbox.mbox: 1 outreach, 1 reply, 0 meetings for 1 contact; 0 messages with others ignored'
>>> import_messages(store, read_mail(mbox), file="again", today=dt.date(2026, 11, 20)).summary()
'again: 0 outreach, 0 replies, 0 meetings for 0 contacts; 0 messages with others ignored;
2 recorded before'
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from infoview_graph.errors import DuplicateError, ImportFileError, InvalidInputError
from infoview_graph.models import Outreach
from infoview_graph.store.actions import log_outreach, log_reply, schedule_meeting
from infoview_graph.store.sqlite import Store

__all__ = ["EventReport", "Recorded", "import_meetings", "import_messages", "pair_key"]

Kind = Literal["outreach", "reply", "meeting"]


class PartyLike(Protocol):
    """One end of a message (:class:`~infoview_graph.interop.messages.Party`)."""

    @property
    def email(self) -> str | None:
        """An email address, lower-cased, or None."""

    @property
    def url(self) -> str | None:
        """A profile URL, or None."""

    @property
    def name(self) -> str | None:
        """A display name, or None."""


class _Read(Protocol):
    """What every event a reader gives has: its place in the file and a hash of its id."""

    @property
    def where(self) -> str:
        """Where it sits in its file, for messages."""

    @property
    def key(self) -> str:
        """A one-way hash of its id."""


class MessageLike(_Read, Protocol):
    """A message as the readers give it (:class:`~infoview_graph.interop.messages.Message`)."""

    @property
    def sent(self) -> dt.datetime | None:
        """When it was sent (aware), or None."""

    @property
    def sender(self) -> PartyLike:
        """Who wrote it."""

    @property
    def recipients(self) -> Sequence[PartyLike]:
        """To whom."""

    @property
    def thread(self) -> str:
        """A one-way hash of its conversation."""

    @property
    def channel(self) -> Literal["linkedin", "email"]:
        """Where it was written."""

    @property
    def mine(self) -> bool:
        """Whether the file marks it as mine."""


class MeetingLike(_Read, Protocol):
    """A calendar event as read (:class:`~infoview_graph.interop.calendar.Meeting`)."""

    @property
    def on(self) -> dt.date | None:
        """Its day, or None."""

    @property
    def cancelled(self) -> bool:
        """Whether it is cancelled."""

    @property
    def people(self) -> Sequence[str]:
        """Attendees' and organizer's addresses."""


@dataclass(frozen=True)
class Recorded:
    """One lifecycle event an import recorded (or would record).

    Examples
    --------
    >>> Recorded("ann-lee", "reply", dt.date(2026, 11, 5), "email").describe()
    'reply 2026-11-05 (email)'
    """

    person_id: str
    kind: Kind
    on: dt.date
    channel: str

    def describe(self) -> str:
        """Say the event in a few words: ``"outreach 2026-11-03 (linkedin)"``."""
        return f"{self.kind} {self.on} ({self.channel})"


@dataclass
class EventReport:
    """What an import of messages or a calendar recorded (or, with ``dry_run``, would).

    Attributes
    ----------
    file : str
        The file imported.
    unit : str
        What the file holds: ``"message"`` or ``"event"``.
    dry_run : bool
        True if nothing was saved.
    recorded : list of Recorded
        The events recorded, in time order.
    read : int
        Messages or events read.
    with_others : int
        Those that involve no contact (ignored, not kept).
    before : int
        Events recorded by an earlier import of the same messages (nothing to do).
    cancelled : int
        Meetings taken back because their event is cancelled.
    notes : list of str
        Everything else worth saying (skipped messages and why, as counts or ids).

    Examples
    --------
    >>> EventReport(file="cal.ics", unit="event", with_others=3).summary()
    'cal.ics: 0 outreach, 0 replies, 0 meetings for 0 contacts; 3 events with others ignored'
    """

    file: str
    unit: str = "message"
    dry_run: bool = False
    recorded: list[Recorded] = field(default_factory=list)
    read: int = 0
    with_others: int = 0
    before: int = 0
    cancelled: int = 0
    notes: list[str] = field(default_factory=list)

    def count(self, kind: Kind) -> int:
        """How many events of one kind were recorded."""
        return sum(1 for r in self.recorded if r.kind == kind)

    def summary(self) -> str:
        """One line: ``"12 outreach, 7 replies, 3 meetings for 15 contacts; …"``."""
        people = len({r.person_id for r in self.recorded})
        replies = self.count("reply")
        meetings = self.count("meeting")
        text = (
            f"{self.file}: {'would record ' if self.dry_run else ''}"
            f"{self.count('outreach'):,} outreach, {replies:,} repl{'y' if replies == 1 else 'ies'}"
            f", {meetings:,} meeting{'' if meetings == 1 else 's'} for {people:,} "
            f"contact{'' if people == 1 else 's'}; {self.with_others:,} {self.unit}"
            f"{'' if self.with_others == 1 else 's'} with others ignored"
        )
        if self.cancelled:
            text += f"; {self.cancelled:,} cancelled meeting{'' if self.cancelled == 1 else 's'}"
            text += " taken back"
        if self.before:
            text += f"; {self.before:,} recorded before"
        return text + (" (dry run: nothing saved)" if self.dry_run else "")

    def by_person(self) -> list[str]:
        """One line per contact: ``"ann-lee: outreach 2026-11-03 (email), reply …"``."""
        lines: dict[str, list[str]] = {}
        for event in self.recorded:
            lines.setdefault(event.person_id, []).append(event.describe())
        return [f"{pid}: {', '.join(events)}" for pid, events in sorted(lines.items())]


class _DryRun(Exception):
    pass


def pair_key(key: str, person_id: str) -> str:
    """Return the hash kept for one event with one person (a message to three contacts is three).

    Examples
    --------
    >>> len(pair_key("0" * 32, "ann-lee")), pair_key("a", "ann") != pair_key("a", "bob")
    (32, True)
    """
    digest = hashlib.blake2b(f"{key}\x00{person_id}".encode(), digest_size=16)
    return digest.hexdigest()


@dataclass
class _Contacts:
    """Who is who: the store's email index, profile URLs and names, read once."""

    me: str
    emails: dict[str, str]
    urls: dict[str, str]
    names: dict[str, str | None]
    blocked: frozenset[str]
    my_emails: frozenset[str]
    my_urls: frozenset[str]
    my_names: frozenset[str]

    @classmethod
    def load(cls, store: Store, me: Sequence[str]) -> _Contacts:
        emails: dict[str, str] = dict(store.execute("SELECT email, person FROM person_emails"))
        urls: dict[str, str] = {}
        names: dict[str, str | None] = {}
        blocked, self_id, self_url, self_name = set(), "", None, ""
        for pid, name, url, is_self, dnc in store.execute(
            "SELECT id, name, url, is_self, do_not_contact FROM persons"
        ):
            if is_self:
                self_id, self_url, self_name = pid, url, name
                continue
            if url:
                urls[url] = pid
            key = name.strip().casefold()
            names[key] = None if key in names else pid  # a name two people share names no one
            if dnc:
                blocked.add(pid)
        given = [m.strip() for m in me if m.strip()]
        my_emails = {e for e, p in emails.items() if p == self_id} | {
            g.lower() for g in given if "@" in g
        }
        my_urls = {u for u in [self_url, *[g for g in given if "://" in g]] if u}
        my_names = {n.casefold() for n in [self_name, *given] if n and "@" not in n}
        return cls(
            self_id,
            emails,
            urls,
            names,
            frozenset(blocked),
            frozenset(my_emails),
            frozenset(my_urls),
            frozenset(my_names),
        )

    def is_me(self, party: PartyLike) -> bool:
        return bool(
            (party.email and party.email.lower() in self.my_emails)
            or (party.url and party.url in self.my_urls)
            or (not party.email and party.name and party.name.casefold() in self.my_names)
        )

    def who(self, party: PartyLike) -> str | None:
        if party.email:
            return self.emails.get(party.email.lower())
        if party.url and party.url in self.urls:
            return self.urls[party.url]
        if party.name:
            return self.names.get(party.name.strip().casefold())
        return None


@dataclass(frozen=True, order=True)
class _Event:
    at: dt.datetime
    seq: int
    person: str
    mine: bool
    thread: str
    key: str
    channel: str


class _Recorder:
    """Applies events in order through the store's actions; keeps the hashes of what it did."""

    def __init__(
        self, store: Store, report: EventReport, today: dt.date, blocked: frozenset[str]
    ) -> None:
        self.store, self.report, self.today, self.blocked = store, report, today, blocked
        self.known = {
            key: (outreach, dt.date.fromisoformat(on))
            for key, outreach, on in store.execute(
                "SELECT key, outreach, on_date FROM imported_events"
            )
        }

    def remember(self, key: str, kind: Kind, outreach: str, on: dt.date) -> None:
        self.store.execute(
            "INSERT INTO imported_events (key, kind, outreach, on_date) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, "
            "outreach = excluded.outreach, on_date = excluded.on_date",
            (key, kind, outreach, on.isoformat()),
        )
        self.known[key] = (outreach, on)

    def record(self, pid: str, kind: Kind, on: dt.date, channel: str) -> None:
        self.report.recorded.append(Recorded(pid, kind, on, channel))


def _local_day(moment: dt.datetime) -> dt.date:
    """Return the day a moment falls on where the user is (the machine's time zone)."""
    return moment.astimezone().date()


def import_messages(
    store: Store,
    messages: Iterable[MessageLike],
    *,
    file: str,
    me: Sequence[str] = (),
    since: dt.date | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
    unit: str = "message",
) -> EventReport:
    r"""Record the outreach and replies in a stream of messages (mail or LinkedIn).

    Parameters
    ----------
    store : Store
        The open store; it must have a "me" (``referrals init``).
    messages : iterable of Message
        From :func:`~infoview_graph.interop.mail.read_mail` or
        :func:`~infoview_graph.interop.messages.read_messages`; consumed once, keeping only
        the few fields of messages that involve a contact.
    file : str
        The file's name, for the report.
    me : sequence of str
        My addresses, profile URLs or names, besides those recorded on "me".
    since : datetime.date, optional
        Ignore messages before this day.
    today : datetime.date, optional
        The day it is now (default: today); later messages are skipped.
    dry_run : bool
        Report what would be recorded; save nothing.
    unit : str
        What the file holds, for the summary (``"message"``).

    Returns
    -------
    EventReport
        What was (or would be) recorded.

    Raises
    ------
    ImportFileError
        If a message with a contact has no readable date, or no message is mine although
        some involve contacts (who I am is unknown: give ``me``); nothing is saved.

    Notes
    -----
    O(messages) time; memory O(messages with contacts) (a few small fields each).

    Examples
    --------
    >>> from infoview_graph.interop.messages import read_messages
    >>> from infoview_graph.store import open_store
    >>> from infoview_graph.store.actions import add_contact, init_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Ann Lee")
    >>> csv = (b"CONVERSATION ID,FROM,TO,DATE\r\n"
    ...        b"c1,Steven Olson,Ann Lee,2026-11-03 09:00:00 UTC\r\n"
    ...        b"c1,Steven Olson,Ann Lee,2026-11-12 09:00:00 UTC\r\n")
    >>> import_messages(store, read_messages(csv), file="messages.csv",
    ...                 today=dt.date(2026, 11, 20), dry_run=True).by_person()
    ['ann-lee: outreach 2026-11-03 (linkedin), outreach 2026-11-12 (linkedin)']
    >>> store.outreach_to("ann-lee")
    []
    >>> store.close()
    """
    day = today or dt.date.today()
    report = EventReport(file=file, unit=unit, dry_run=dry_run)
    contacts = _Contacts.load(store, me)
    events: list[_Event] = []
    mine_seen = 0
    for message in messages:
        report.read += 1
        event_list, is_mine = _events(message, contacts, len(events))
        mine_seen += is_mine
        if not event_list:
            report.with_others += 1
            continue
        if message.sent is None:
            raise ImportFileError(
                f"{message.where}: its date cannot be read; fix the date, or remove the "
                "message from the file"
            )
        events.extend(event_list)
    if events and not mine_seen:
        raise ImportFileError(
            f"{file}: no message is from you, so nothing can be told apart; give your address "
            "or name with --me, or record it: referrals person edit me --email ADDRESS"
        )
    events.sort()
    try:
        with store.write():
            recorder = _Recorder(store, report, day, contacts.blocked)
            _apply_messages(recorder, events, since, day)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _events(message: MessageLike, contacts: _Contacts, seq: int) -> tuple[list[_Event], bool]:
    """Return the per-contact events of one message, and whether it is mine."""
    when = message.sent or dt.datetime.min.replace(tzinfo=dt.UTC)
    if message.mine or contacts.is_me(message.sender):
        people = {contacts.who(p) for p in message.recipients if not contacts.is_me(p)}
        people.discard(None)
        people.discard(contacts.me)
        return [
            _Event(
                when,
                seq + i,
                pid,
                True,
                message.thread,
                pair_key(message.key, pid),
                message.channel,
            )
            for i, pid in enumerate(sorted(p for p in people if p))
        ], True
    sender = contacts.who(message.sender)
    if sender is None or sender == contacts.me:
        return [], False
    return [
        _Event(
            when, seq, sender, False, message.thread, pair_key(message.key, sender), message.channel
        )
    ], False


def _apply_messages(
    recorder: _Recorder, events: list[_Event], since: dt.date | None, today: dt.date
) -> None:
    report, store = recorder.report, recorder.store
    they_wrote: set[tuple[str, str]] = set()
    later = early = blocked = 0
    for event in events:
        on = _local_day(event.at)
        if not event.mine:
            they_wrote.add((event.person, event.thread))
        if since is not None and on < since:
            early += 1
            continue
        if on > today:
            later += 1
            continue
        if event.key in recorder.known:
            report.before += 1
            continue
        outreach = [o for o in store.outreach_to(event.person) if o.on <= on]
        waiting = [o for o in outreach if o.replied_on is None]
        if not event.mine:
            if waiting:
                change = log_reply(store, event.person, on=on, today=today)
                recorder.remember(event.key, "reply", change.record.id, on)
                recorder.record(event.person, "reply", on, event.channel)
            continue
        if (event.person, event.thread) in they_wrote or not _asks(store, event, outreach, on):
            continue
        if event.person in recorder.blocked:
            blocked += 1
            continue
        made = log_outreach(store, event.person, on=on, channel=event.channel, today=today)
        recorder.remember(event.key, "outreach", made.record.id, on)
        recorder.record(event.person, "outreach", on, event.channel)
    if early:
        report.notes.append(f"{early:,} messages with contacts before --since {since} ignored")
    if later:
        report.notes.append(f"{later:,} messages dated after {today} skipped")
    if blocked:
        report.notes.append(f"{blocked:,} messages to people marked do not contact not recorded")


def _asks(store: Store, event: _Event, outreach: list[Outreach], on: dt.date) -> bool:
    """Whether my message asks (an outreach or its follow-up) rather than goes on talking."""
    waiting = [o for o in outreach if o.replied_on is None]
    if waiting:
        return on > max(o.on for o in outreach)  # same day: one attempt in several messages
    if outreach:
        last = max(outreach, key=lambda o: (o.replied_on or o.on, o.on))
        return last.declined
    return not any(i.on <= on for i in store.interviews_with(event.person))


def import_meetings(
    store: Store,
    meetings: Iterable[MeetingLike],
    *,
    file: str,
    me: Sequence[str] = (),
    since: dt.date | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
) -> EventReport:
    """Put the meetings of a calendar with contacts on the lifecycle (``referrals schedule``).

    An event whose attendees or organizer include a contact is a meeting with each of them,
    recorded exactly as ``referrals schedule PERSON --on DAY`` records it; importing it
    again records nothing, and a moved event moves the meeting. A cancelled event takes
    back the meeting it had recorded (the attempt stays, answered: someone said yes and the
    meeting is to be set again); a cancelled event never recorded is ignored.

    Parameters
    ----------
    store : Store
        The open store.
    meetings : iterable of Meeting
        From :func:`~infoview_graph.interop.calendar.read_calendar`.
    file : str
        The file's name, for the report.
    me : sequence of str
        My addresses besides those recorded on "me" (left out of the attendees).
    since : datetime.date, optional
        Ignore events before this day.
    today : datetime.date, optional
        The day it is now (default: today); it dates the yes a meeting implies.
    dry_run : bool
        Report what would be recorded; save nothing.

    Returns
    -------
    EventReport
        What was (or would be) recorded.

    Raises
    ------
    ImportFileError
        If an event with a contact has no start (``DTSTART``); nothing is saved.

    Examples
    --------
    >>> from infoview_graph.interop.calendar import Meeting
    >>> from infoview_graph.interop.messages import event_key
    >>> from infoview_graph.store import open_store
    >>> from infoview_graph.store.actions import add_contact, init_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Ann Lee", emails=["ann@example.org"])
    >>> call = Meeting("cal.ics, event 1 (line 3)", event_key("call"), dt.date(2026, 11, 24),
    ...                False, ("ann@example.org", "stranger@example.org"))
    >>> import_meetings(store, [call], file="cal.ics", today=dt.date(2026, 11, 20)).by_person()
    ['ann-lee: meeting 2026-11-24 (calendar)']
    >>> store.outreach_to("ann-lee")[0].meeting_on
    datetime.date(2026, 11, 24)
    >>> store.close()
    """
    day = today or dt.date.today()
    report = EventReport(file=file, unit="event", dry_run=dry_run)
    contacts = _Contacts.load(store, me)
    found: list[tuple[dt.date, int, str, str, bool]] = []
    for number, meeting in enumerate(meetings):
        report.read += 1
        people = {contacts.emails.get(a) for a in meeting.people if a not in contacts.my_emails}
        people.discard(None)
        people.discard(contacts.me)
        if not people:
            report.with_others += 1
            continue
        if meeting.on is None:
            raise ImportFileError(
                f"{meeting.where}: the event has no start (DTSTART); fix or remove it"
            )
        if since is not None and meeting.on < since:
            continue
        for pid in sorted(p for p in people if p):
            found.append((meeting.on, number, pid, pair_key(meeting.key, pid), meeting.cancelled))
    found.sort()
    try:
        with store.write():
            recorder = _Recorder(store, report, day, contacts.blocked)
            for on, _, pid, key, cancelled in found:
                if cancelled:
                    _cancel(recorder, key)
                else:
                    _meet(recorder, pid, key, on)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _meet(recorder: _Recorder, pid: str, key: str, on: dt.date) -> None:
    store, report = recorder.store, recorder.report
    if recorder.known.get(key, (None, None))[1] == on:
        report.before += 1
        return
    if pid in recorder.blocked:
        report.notes.append(f"{pid} is marked do not contact: the meeting on {on} not recorded")
        return
    try:
        change = schedule_meeting(store, pid, on=on, today=recorder.today)
        outreach = change.record.id
    except DuplicateError:  # scheduled by hand already: only remember the event
        outreach = next(o.id for o in store.outreach_to(pid) if o.meeting_on == on)
        recorder.remember(key, "meeting", outreach, on)
        report.before += 1
        return
    except InvalidInputError as error:  # e.g. before my latest outreach to them
        report.notes.append(f"the meeting with {pid} on {on} is not recorded: {error}")
        return
    recorder.remember(key, "meeting", outreach, on)
    recorder.record(pid, "meeting", on, "calendar")


def _cancel(recorder: _Recorder, key: str) -> None:
    store = recorder.store
    held = recorder.known.pop(key, None)
    if held is None:
        return
    outreach_id, on = held
    store.execute("DELETE FROM imported_events WHERE key = ?", (key,))
    found = [o for o in _outreach_by_id(store, outreach_id) if o.meeting_on == on]
    for attempt in found:
        freed = attempt.model_copy(update={"meeting_on": None, "meeting_mode": None})
        store.add_outreach(freed, replace=True)
        recorder.report.cancelled += 1
        recorder.report.notes.append(
            f"the meeting with {attempt.person} on {on} is cancelled: taken off the calendar"
        )


def _outreach_by_id(store: Store, outreach_id: str) -> list[Outreach]:
    row = store.execute("SELECT person FROM outreach WHERE id = ?", (outreach_id,)).fetchone()
    if row is None:
        return []
    return [o for o in store.outreach_to(row[0]) if o.id == outreach_id]
