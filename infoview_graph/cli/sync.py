"""``referrals import messages|mail|calendar``: the lifecycle's events from my own files.

Each reads a file on this machine (nothing goes anywhere), records the outreach, replies and
meetings it shows exactly as ``referrals outreach``, ``reply`` and ``schedule`` would, in one
transaction, and prints what it recorded. Bodies, subjects and strangers' addresses are
never stored; a second import of the same file records nothing.
"""

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from infoview_graph.cli._context import open_for_write
from infoview_graph.cli._options import AsOfOpt, date_option
from infoview_graph.cli._output import done, handle_errors, printable

if TYPE_CHECKING:
    from infoview_graph.store.events_import import EventReport

MeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--me",
        help="Also me: an address (or, for LinkedIn, my name or profile URL); repeatable. "
        "Default: the emails, URL and name recorded on me (referrals person edit me --email).",
    ),
]
SinceOpt = Annotated[
    dt.date | None,
    date_option("--since", "Ignore what happened before this date, YYYY-MM-DD.", past=True),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be recorded, per person; save nothing.")
]


def _import(
    record: "Callable[..., EventReport]",
    read: Callable[[Callable[[int, int], None]], Any],
    file: Path,
    me: list[str] | None,
    since: dt.date | None,
    today: dt.date | None,
    *,
    dry_run: bool,
    label: str = "",
) -> None:
    """Record what ``read(progress)`` finds in one transaction, then print what it recorded.

    ``label`` names the progress bar a long read shows on a terminal.
    """
    with _Bar(label) as bar, open_for_write() as store:
        report = record(
            store,
            read(bar.update),
            file=str(file),
            me=me or (),
            since=since,
            today=today,
            dry_run=dry_run,
        )
    if report.dry_run:
        for line in report.by_person():
            typer.echo(printable(line))
    done(report.summary(), report.notes)


class _Bar:
    """A progress bar on stderr while a large file is read, only on a terminal."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> "_Bar":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def update(self, done_: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=total)
        self._bar.update(self._task, completed=done_, total=total)


@handle_errors
def import_messages(
    file: Annotated[
        Path,
        typer.Argument(
            help="LinkedIn's messages.csv, or the data-export ZIP holding it.",
            show_default=False,
            dir_okay=False,
        ),
    ],
    me: MeOpt = None,
    since: SinceOpt = None,
    dry_run: DryRunOpt = False,
    today: AsOfOpt = None,
) -> None:
    """Record outreach and replies from LinkedIn messages (messages.csv or the export ZIP).

    My first message in a conversation with a contact is an outreach (channel linkedin);
    their next message is the reply; my message on a later day while they are silent is the
    follow-up. Contacts are matched by profile URL, then by a name only one person has.
    Only dates and directions are kept: never a message's text or subject.

    Example:  referrals import messages Basic_LinkedInDataExport.zip --since 2026-09-01 --dry-run
    """
    from infoview_graph.interop.messages import read_messages
    from infoview_graph.store.events_import import import_messages as record

    _import(record, lambda _: read_messages(file), file, me, since, today, dry_run=dry_run)


@handle_errors
def import_mail(
    path: Annotated[
        Path,
        typer.Argument(
            help="An mbox file (Gmail Takeout, Thunderbird, Apple Mail) or a folder of .eml files.",
            show_default=False,
        ),
    ],
    me: MeOpt = None,
    since: SinceOpt = None,
    dry_run: DryRunOpt = False,
    today: AsOfOpt = None,
) -> None:
    """Record outreach and replies from mail: an mbox file or a folder of .eml files.

    Me = the emails recorded on me (referrals person edit me --email) and --me. My first
    mail in a thread with a contact is an outreach (channel email), their next mail the
    reply, my mail on a later day while they are silent the follow-up. Mail among people who
    are not contacts is ignored. Only headers are read, and only dates and directions kept.

    Example:  referrals import mail "All mail Including Spam and Trash.mbox" --me me@work.example
    """
    from infoview_graph.interop.mail import read_mail
    from infoview_graph.store.events_import import import_messages as record

    def read(progress: Callable[[int, int], None]) -> Any:
        return read_mail(path, progress=progress)

    _import(record, read, path, me, since, today, dry_run=dry_run, label="reading mail")


@handle_errors
def import_calendar(
    file: Annotated[
        Path,
        typer.Argument(
            help="An iCalendar file (.ics) exported from Google, Apple or Outlook.",
            show_default=False,
            dir_okay=False,
        ),
    ],
    me: MeOpt = None,
    since: SinceOpt = None,
    dry_run: DryRunOpt = False,
    today: AsOfOpt = None,
) -> None:
    """Record meetings with contacts from a calendar file, as 'referrals schedule' does.

    An event whose attendees (or organizer) include a contact, by email, is a meeting with
    them: scheduled before its day, met after it (the agenda then asks to log the
    conversation). A repeating event counts once, on its first day; a cancelled event takes
    back the meeting it had recorded. Titles, notes and places are never stored.

    Example:  referrals import calendar ~/Downloads/calendar.ics --since 2026-09-01
    """
    from infoview_graph.interop.calendar import read_calendar
    from infoview_graph.store.events_import import import_meetings

    _import(import_meetings, lambda _: read_calendar(file), file, me, since, today, dry_run=dry_run)


def register(app: typer.Typer) -> None:
    """Add the three imports to the ``import`` command group."""
    commands: list[tuple[str, Callable[..., None]]] = [
        ("messages", import_messages),
        ("mail", import_mail),
        ("calendar", import_calendar),
    ]
    for name, command in commands:
        app.command(name)(command)
