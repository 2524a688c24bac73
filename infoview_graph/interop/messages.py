r"""LinkedIn's ``messages.csv``, alone or inside the data-export ZIP, as neutral messages.

Where users get it: Settings → Data privacy → "Get a copy of your data" → Messages. One row
per message; the columns are found by header name, since the set differs between exports:
``CONVERSATION ID``, ``FROM``, ``SENDER PROFILE URL``, ``TO``, ``RECIPIENT PROFILE URLS``,
``DATE`` (UTC, ``2024-03-05 14:23:11 UTC``) are read; ``SUBJECT`` and ``CONTENT`` (with
quoted line breaks) are skipped unread, and so is a draft (``IS MESSAGE DRAFT`` = Yes).

The file is read row by row (the ZIP member too, without unpacking it), so its size does not
matter. What comes out is a :class:`Message` per row: who wrote to whom, when, and a
one-way hash of where it sits — never its subject or text. Recording the lifecycle events
they carry is :func:`infoview_graph.store.events_import.import_messages`'s job.

Examples
--------
>>> csv = (b'CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\r\n'
...        b'c1,Steven Olson,https://www.linkedin.com/in/steven,Ann Lee,'
...        b'https://www.linkedin.com/in/ann-lee,2026-11-03 09:15:00 UTC,"Hello,\r\nAnn"\r\n')
>>> message = next(read_messages(csv, name="messages.csv"))
>>> message.where, message.sender.name, message.sent.isoformat()
('messages.csv, line 2', 'Steven Olson', '2026-11-03T09:15:00+00:00')
>>> message.recipients[0].url
'https://www.linkedin.com/in/ann-lee'
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from infoview_graph.errors import ImportFileError, NotFoundError
from infoview_graph.interop._collect import profile_url
from infoview_graph.interop.linkedin import export_member

__all__ = ["Message", "Party", "event_key", "read_messages"]

_NEEDED = ("FROM", "DATE")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\s*(UTC|Z|GMT))?")
_URL_SPLIT = re.compile(r"[\s,;]+")


def event_key(*parts: str) -> str:
    """Return a one-way hash (32 hex digits) of a message's or event's identity.

    What the store keeps to recognise an event it recorded already: the id itself (which
    may hold a stranger's address) cannot be read back from it.

    Examples
    --------
    >>> len(event_key("x")), event_key("a", "b") == event_key("a", "b")
    (32, True)
    """
    digest = hashlib.blake2b(digest_size=16, person=b"ivg-events")
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\x00")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Party:
    """One end of a message: an email address, a profile URL or a display name.

    Examples
    --------
    >>> Party(email="ann@example.org")
    Party(email='ann@example.org', url=None, name=None)
    """

    email: str | None = None
    url: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """What the lifecycle needs of one message: who, to whom, when, in which conversation.

    Attributes
    ----------
    where : str
        Where it sits, for messages: ``"messages.csv, line 12"``.
    key : str
        A one-way hash of the message's identity (:func:`event_key`).
    sent : datetime.datetime or None
        When it was sent, time-zone aware; None if the date could not be read.
    sender : Party
        Who wrote it.
    recipients : tuple of Party
        Everyone it was addressed to.
    thread : str
        A one-way hash of its conversation (LinkedIn's conversation id, the mail thread).
    channel : {"linkedin", "email"}
        Where it was written.
    mine : bool
        Whether the file itself marks it as sent by me (LinkedIn's ``SENT`` folder).

    Examples
    --------
    >>> Message("m, line 2", event_key("1"), None, Party(name="Ann"), (), event_key("c"),
    ...         "linkedin").mine
    False
    """

    where: str
    key: str
    sent: dt.datetime | None
    sender: Party
    recipients: tuple[Party, ...]
    thread: str
    channel: Literal["linkedin", "email"]
    mine: bool = False


def read_messages(
    source: bytes | str | os.PathLike[str], *, name: str | None = None
) -> Iterator[Message]:
    r"""Yield the messages of LinkedIn's ``messages.csv``, or of the export ZIP holding it.

    Parameters
    ----------
    source : bytes or path-like
        The file's content, or its path: ``messages.csv`` or the ZIP of the data export.
    name : str, optional
        The name used in messages (default: the path, or ``"<bytes>"``).

    Yields
    ------
    Message
        One per row that is not a draft, in file order. A row whose ``DATE`` cannot be read
        has ``sent=None``: refusing it is the caller's choice (it may be with a stranger).

    Raises
    ------
    NotFoundError
        If there is no file at the path.
    ImportFileError
        If the file is no CSV with ``FROM`` and ``DATE`` columns, is not UTF-8, is a ZIP
        without ``messages.csv``, or has an unclosed quote; the message names the file and
        the line.

    Notes
    -----
    Streams: memory does not grow with the file. Cost O(rows).

    Examples
    --------
    >>> list(read_messages(b"FROM,DATE\r\n", name="empty.csv"))
    []
    >>> list(read_messages(b"NAME,EMAIL\r\n", name="contacts.csv"))
    Traceback (most recent call last):
    ...
    infoview_graph.errors.ImportFileError: contacts.csv, line 1: no FROM column; this is not
    LinkedIn's messages.csv (export Messages from LinkedIn's "Get a copy of your data")
    """
    label = name or ("<bytes>" if isinstance(source, bytes) else str(source))
    with _open(source, label) as (raw, label):
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        yield from _rows(text, label)


class _Opened:
    """The CSV's byte stream, from a file, bytes, or a ZIP member; closed on exit."""

    def __init__(self, source: bytes | str | os.PathLike[str], label: str) -> None:
        self._source, self._label = source, label
        self._closing: list[IO[bytes] | zipfile.ZipFile] = []

    def __enter__(self) -> tuple[IO[bytes], str]:
        if isinstance(self._source, bytes):
            handle: IO[bytes] = io.BytesIO(self._source)
        else:
            try:
                handle = Path(self._source).open("rb")  # closed in __exit__
            except FileNotFoundError:
                raise NotFoundError(f"no file at {self._label}; check the path") from None
            except IsADirectoryError:
                raise ImportFileError(f"{self._label} is a folder; name the file") from None
        self._closing.append(handle)
        try:
            if not zipfile.is_zipfile(handle):
                handle.seek(0)
                return handle, self._label
            return self._member(handle)
        except BaseException:
            self.__exit__()
            raise

    def _member(self, handle: IO[bytes]) -> tuple[IO[bytes], str]:
        try:
            archive, member = export_member(handle, self._label, "messages.csv", "Messages")
            self._closing.append(archive)
            stream = archive.open(member)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as error:
            raise ImportFileError(
                f"{self._label}: not a readable ZIP file ({type(error).__name__}); download "
                "the export again, or unpack messages.csv and import that"
            ) from None
        self._closing.append(stream)
        return stream, f"{self._label} ({member.filename})"

    def __exit__(self, *exc: object) -> None:
        for item in reversed(self._closing):
            item.close()


def _open(source: bytes | str | os.PathLike[str], label: str) -> _Opened:
    return _Opened(source, label)


def _rows(text: io.TextIOWrapper, label: str) -> Iterator[Message]:
    reader = csv.reader(text, strict=True)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            return
        columns = {cell.strip().upper(): i for i, cell in enumerate(header)}
        for needed in _NEEDED:
            if needed not in columns:
                raise ImportFileError(
                    f"{label}, line 1: no {needed} column; this is not LinkedIn's messages.csv "
                    '(export Messages from LinkedIn\'s "Get a copy of your data")'
                )
        seen: dict[str, int] = {}
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            message = _message(cells, columns, f"{label}, line {start}", seen)
            if message is not None:
                yield message
    except csv.Error as error:
        raise ImportFileError(
            f"{label}, line {line}: not readable as CSV ({error}); check for an unclosed quote"
        ) from None
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{label}, near line {line}: not UTF-8 text; import the file as LinkedIn wrote it"
        ) from None


def _cell(cells: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _message(
    cells: list[str], columns: dict[str, int], where: str, seen: dict[str, int]
) -> Message | None:
    if _cell(cells, columns, "IS MESSAGE DRAFT").casefold() in {"yes", "true"}:
        return None
    conversation = _cell(cells, columns, "CONVERSATION ID")
    sender_url = _cell(cells, columns, "SENDER PROFILE URL")
    sender = Party(url=profile_url(sender_url) or None, name=_cell(cells, columns, "FROM") or None)
    date = _cell(cells, columns, "DATE")
    urls = [
        profile_url(u) for u in _URL_SPLIT.split(_cell(cells, columns, "RECIPIENT PROFILE URLS"))
    ]
    names = [n.strip() for n in _cell(cells, columns, "TO").split(",")]
    recipients = tuple(Party(url=u) for u in urls if u) + tuple(Party(name=n) for n in names if n)
    # No message id in this file: its place in the conversation stands for one.
    identity = (conversation, date, sender.url or sender.name or "")
    base = event_key("linkedin", *identity)
    seen[base] = seen.get(base, 0) + 1
    return Message(
        where=where,
        key=event_key("linkedin", *identity, str(seen[base])),
        sent=_utc(date),
        sender=sender,
        recipients=recipients,
        thread=event_key("linkedin-conversation", conversation or where),
        channel="linkedin",
        mine=_cell(cells, columns, "FOLDER").upper() == "SENT",
    )


def _utc(text: str) -> dt.datetime | None:
    """Read LinkedIn's ``2024-03-05 14:23:11 UTC`` (a time without a zone is UTC too).

    >>> _utc("2024-03-05 14:23:11 UTC"), _utc("5 March")
    (datetime.datetime(2024, 3, 5, 14, 23, 11, tzinfo=datetime.timezone.utc), None)
    """
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        day = dt.date.fromisoformat(match.group(1))
        clock = dt.time.fromisoformat(match.group(2))
    except ValueError:
        return None
    return dt.datetime.combine(day, clock, tzinfo=dt.UTC)
