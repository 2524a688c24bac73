r"""Mail as neutral messages: an mbox file (Gmail Takeout, Thunderbird) or ``.eml`` files.

An mbox comes from Gmail Takeout, Thunderbird or Apple Mail; a folder of ``.eml`` files from
any client that saves messages one per file.

Only headers are read: ``From``, ``To``, ``Date``, ``Message-ID``, ``In-Reply-To``,
``References`` and Gmail's ``X-GM-THRID`` (not ``Cc``: copying someone asks nothing of
them). A body is skipped line by line, never parsed nor
kept, so neither its size nor its parts matter, and a many-GB Takeout file is read in
bounded memory: the mbox is split at its ``From `` lines as it streams, instead of indexing
the whole file first as :class:`mailbox.mbox` does. Of the headers (unfolded as RFC 5322
says) only those seven are kept; addresses are cut from them by hand in the common forms
and by :func:`email.utils.getaddresses` in the others (an RFC 2047 encoded display name
does not hide the address, and is never decoded: names are not kept); ``Date`` with any
offset is read by :func:`email.utils.parsedate_to_datetime`.

The conversation of a message is Gmail's thread id if there is one, else the first message
of its ``References``, else the message it answers (``In-Reply-To``), else itself; every id
is kept only as a one-way hash (:func:`~infoview_graph.interop.messages.event_key`).

Examples
--------
>>> mbox = (b"From x@y Thu Mar  5 14:23:11 2026\n"
...         b"From: =?utf-8?q?Ren=C3=A9e?= <renee@example.org>\n"
...         b"To: me@example.org\nDate: Thu, 05 Mar 2026 09:23:11 -0500\n"
...         b"Message-ID: <1@example.org>\n\nHello\nFrom the body, not a separator\n")
>>> message = next(read_mail(mbox, name="inbox.mbox"))
>>> message.where, message.sender.email, message.sent.isoformat()
('inbox.mbox, message 1 (line 1)', 'renee@example.org', '2026-03-05T09:23:11-05:00')
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import IO

from infoview_graph.errors import ImportFileError, NotFoundError
from infoview_graph.interop.messages import Message, Party, event_key

__all__ = ["MAX_HEADER_BYTES", "read_mail"]

MAX_HEADER_BYTES = 1024 * 1024
"""The most header bytes read of one message (1 MiB); the rest of an outsized header is
skipped like a body."""

_WANTED = frozenset({"from", "to", "date", "message-id", "in-reply-to", "references", "x-gm-thrid"})
_FOLDED = re.compile(r"\r?\n[ \t]+")
_Progress = Callable[[int, int], None]


def read_mail(
    source: bytes | str | os.PathLike[str],
    *,
    name: str | None = None,
    progress: _Progress | None = None,
) -> Iterator[Message]:
    r"""Yield the messages of an mbox file, or of a folder of ``.eml`` files.

    Parameters
    ----------
    source : bytes or path-like
        The mbox's content, or a path to an mbox file or to a folder (searched recursively
        for ``*.eml``, in name order).
    name : str, optional
        The name used in messages (default: the path, or ``"<bytes>"``).
    progress : callable, optional
        Told ``(bytes read, bytes in all)`` every few hundred messages.

    Yields
    ------
    Message
        One per message, in file order; ``sent`` is None when ``Date`` is missing or
        unreadable (refusing such a message is the caller's choice: it may be a stranger's).

    Raises
    ------
    NotFoundError
        If there is nothing at the path.
    ImportFileError
        If the file does not start as an mbox (``From `` line) or the folder holds no
        ``.eml`` file.

    Notes
    -----
    Memory is bounded by one message's headers (:data:`MAX_HEADER_BYTES`); time is
    O(bytes).

    Examples
    --------
    >>> list(read_mail(b"From: ann@example.org\n\nHi\n", name="note.txt"))
    Traceback (most recent call last):
    ...
    infoview_graph.errors.ImportFileError: note.txt, line 1: not an mbox file (it must start with
    a "From " line); give an mbox export or a folder of .eml files
    """
    if isinstance(source, bytes):
        import io

        yield from _mbox(io.BytesIO(source), name or "<bytes>", len(source), progress)
        return
    path = Path(source)
    label = name or str(path)
    if path.is_dir():
        yield from _folder(path, label, progress)
        return
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise NotFoundError(f"no file or folder at {label}; check the path") from None
    with handle:
        yield from _mbox(handle, label, path.stat().st_size, progress)


def _mbox(
    handle: IO[bytes], label: str, size: int, progress: _Progress | None
) -> Iterator[Message]:
    number, start, line = 0, 0, 0
    header: list[bytes] | None = None  # None: in a body
    held = 0
    blank_before = True
    done = 0
    for raw in handle:
        line += 1
        done += len(raw)
        if raw.startswith(b"From ") and blank_before:
            if header is not None and number:  # a message that ended inside its header
                yield _message(header, f"{label}, message {number} (line {start})")
            number, start, header, held = number + 1, line, [], 0
            if progress is not None and number % 500 == 0:
                progress(done, size)
            blank_before = False
            continue
        if number == 0:
            if raw.strip():
                raise ImportFileError(
                    f'{label}, line {line}: not an mbox file (it must start with a "From " '
                    "line); give an mbox export or a folder of .eml files"
                )
            continue
        blank_before = raw in (b"\n", b"\r\n")
        if header is not None:
            if blank_before:
                header.append(raw)
                yield _message(header, f"{label}, message {number} (line {start})")
                header = None
            elif held < MAX_HEADER_BYTES:
                header.append(raw)
                held += len(raw)
    if number and header is not None:
        yield _message(header, f"{label}, message {number} (line {start})")
    if progress is not None:
        progress(size, size)


def _folder(path: Path, label: str, progress: _Progress | None) -> Iterator[Message]:
    files = sorted(p for p in path.rglob("*.eml") if p.is_file())
    if not files:
        raise ImportFileError(f"{label}: no .eml file in this folder; export mail as .eml first")
    for count, file in enumerate(files, 1):
        header: list[bytes] = []
        held = 0
        with file.open("rb") as handle:
            for raw in handle:
                header.append(raw)
                held += len(raw)
                if raw in (b"\n", b"\r\n") or held >= MAX_HEADER_BYTES:
                    break
        yield _message(header, f"{label}/{file.relative_to(path).as_posix()}")
        if progress is not None and count % 500 == 0:
            progress(count, len(files))
    if progress is not None:
        progress(len(files), len(files))


def _ids(value: str | None) -> list[str]:
    r"""Return the message ids in a header (``<a@b> <c@d>``), in order.

    >>> _ids(" <1@x>\n\t<2@y> junk"), _ids(None)
    (['<1@x>', '<2@y>'], [])
    """
    if not value:
        return []
    return [f"<{part.split('>', 1)[0].strip()}>" for part in value.split("<")[1:] if ">" in part]


def _address(value: str) -> str | None:
    address = value.strip().lower()
    return address if "@" in address else None


def _addresses(values: list[str]) -> list[str | None]:
    r"""Return the addresses in address headers, lower-cased (None where there is none).

    The common forms (``a@b``, ``Name <a@b>``, an encoded name) are cut by hand, five times
    faster than :func:`email.utils.getaddresses`, which reads the rest (quoted names with
    commas, comments).

    Examples
    --------
    >>> _addresses(["=?utf-8?q?Ren=C3=A9e?= <Renee@X.fr>, b@y.org", '"Lee, Ann" <ann@z.org>'])
    ['renee@x.fr', 'b@y.org', 'ann@z.org']
    >>> _addresses(["undisclosed-recipients:;"])
    [None]
    """
    found: list[str | None] = []
    for value in values:
        if '"' in value or "(" in value:
            found += [_address(a) for _, a in getaddresses([value])]
            continue
        for part in value.split(","):
            start, end = part.find("<"), part.rfind(">")
            found.append(_address(part[start + 1 : end] if 0 <= start < end else part))
    return found


def _headers(lines: list[bytes]) -> dict[str, list[str]]:
    r"""Return the headers the lifecycle needs, unfolded, by lower-case name.

    Examples
    --------
    >>> _headers([b"To: a@b,\r\n", b"\tc@d\r\n", b"Subject: not kept\r\n", b"\r\n"])
    {'to': ['a@b, c@d']}
    """
    text = b"".join(lines).decode("utf-8", "surrogateescape")
    found: dict[str, list[str]] = {}
    for line in _FOLDED.sub(" ", text).splitlines():
        name, colon, value = line.partition(":")
        key = name.strip().lower()
        if colon and key in _WANTED:
            found.setdefault(key, []).append(value.strip())
    return found


def _first(headers: dict[str, list[str]], name: str) -> str:
    return headers.get(name, [""])[0]


def _message(lines: list[bytes], where: str) -> Message:
    headers = _headers(lines)
    senders = _addresses(headers.get("from", []))
    # Cc is left out: copying the referrer on a note to the referee asks nothing of them.
    recipients = _addresses(headers.get("to", []))
    sent: dt.datetime | None
    try:
        sent = parsedate_to_datetime(_first(headers, "date"))
    except (TypeError, ValueError, IndexError):
        sent = None
    if sent is not None and sent.tzinfo is None:
        sent = sent.replace(tzinfo=dt.UTC)  # RFC 5322's "-0000": the zone is unknown
    own = (_ids(_first(headers, "message-id")) or [""])[0]
    gmail = _first(headers, "x-gm-thrid")
    references = _ids(_first(headers, "references"))
    answers = _ids(_first(headers, "in-reply-to"))
    if gmail:
        thread = event_key("gmail-thread", gmail)
    else:
        thread = event_key("mail", (references or answers or [own or where])[0])
    identity = own or f"{_first(headers, 'date')}|{senders}|{recipients}"
    return Message(
        where=where,
        key=event_key("mail", identity),
        sent=sent,
        sender=Party(email=next((s for s in senders if s), None)),
        recipients=tuple(Party(email=r) for r in recipients if r),
        thread=thread,
        channel="email",
    )
