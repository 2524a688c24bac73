r"""LinkedIn's ``Connections.csv``, alone or inside the data-export ZIP.

Where users get it: Settings → Data privacy → "Get a copy of your data" → Connections. The
file starts with a preamble (``Notes:``, a quoted notice, a blank line) before its header,
so the header is found by its content; columns are read by name, since they move between
export versions (older ones have no ``URL``); ``Connected On`` ("15 Mar 2023") is parsed
with an explicit table of month names, never the process locale. English and German
headers are known.

Each connection becomes a person (``how = "other"``): ``Company`` → organization,
``Position`` → title, ``URL`` → profile URL (the key that recognises them on re-import),
``Email Address`` → email, and my tie to them gets ``strength`` (default 0: LinkedIn does
not say how well I know anyone) with ``Connected On`` as its date.

The ZIP is read in memory: members with ``..`` or an absolute path are ignored, and
``Connections.csv`` is read only if its declared size, and its real size, are under
:data:`MAX_MEMBER_BYTES` — a zip bomb is refused before it is inflated.

Examples
--------
>>> csv = (b'Notes:\r\n"When exporting your connection data, ..."\r\n\r\n'
...        b'First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n'
...        b'Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,'
...        b'"Analytical Engines, Ltd.","VP, Research",15 Mar 2023\r\n')
>>> parsed = read_linkedin(csv, name="Connections.csv")
>>> person = parsed.persons[0]
>>> person.name, person.title, parsed.organizations[0].name, parsed.ties[0].since
('Ada Lovelace', 'VP, Research', 'Analytical Engines, Ltd.', datetime.date(2023, 3, 15))
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import lzma
import os
import struct
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import IO, BinaryIO

from infoview_graph._bulk import paused_gc
from infoview_graph.errors import ImportFileError
from infoview_graph.interop._collect import (
    Collector,
    Progress,
    Row,
    RowProblem,
    join_name,
    parse_day,
    profile_url,
)
from infoview_graph.interop._input import open_input
from infoview_graph.interop._text import open_text
from infoview_graph.interop.parsed import Parsed

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "connections_from_zip",
    "export_member",
    "read_linkedin",
]

MAX_MEMBER_BYTES = 50 * 1024 * 1024
"""The largest ``Connections.csv`` read from a ZIP (50 MiB; 30,000 connections take ~3 MB)."""
MAX_MEMBERS = 10_000
"""The most members a ZIP may list (LinkedIn's export has a few dozen): :mod:`zipfile`
builds an object per member before anything can be checked, so a ZIP listing a million
empty members would take hundreds of MB — it is refused from its end record instead."""

# Header names by export language, compared without case.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "first": ("first name", "vorname"),
    "last": ("last name", "nachname"),
    "url": ("url", "profile url"),
    "email": ("email address", "e-mail address", "e-mail-adresse"),
    "company": ("company", "unternehmen"),
    "position": ("position",),
    "connected": ("connected on", "verbunden am"),
}
_HEADER_WITHIN = 20
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# What zipfile and its decompressors raise on a damaged archive.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    OSError,
    KeyError,
    IndexError,
    struct.error,
)


def read_linkedin(
    source: bytes | str | os.PathLike[str],
    *,
    name: str | None = None,
    strength: int = 0,
    skip_invalid: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Parsed:
    r"""Read LinkedIn connections from ``Connections.csv`` or the data-export ZIP.

    Parameters
    ----------
    source : bytes or path-like
        The CSV or ZIP file, or its content.
    name : str, optional
        The file's name in messages (default: the path).
    strength : int, default 0
        My tie strength to every connection (0 = never met).
    skip_invalid : bool, default False
        Return the valid rows and list the others in :attr:`Parsed.problems`, instead of
        raising.
    today : datetime.date, optional
        Unused by this format (it has no referrals); accepted for a uniform signature.
    progress : callable, optional
        Told ``(rows done, rows in all)`` as rows are read.

    Returns
    -------
    Parsed
        The connections, their organizations and my ties to them.

    Raises
    ------
    ImportFileError
        If the file has no recognisable header, is not text or a readable ZIP, or a row is
        invalid and ``skip_invalid`` is false. The message names file, line and column.

    Notes
    -----
    O(rows); a 30,000-row file takes well under a second to read.

    Examples
    --------
    >>> text = ("Vorname,Nachname,Unternehmen,Verbunden am\r\n"
    ...         "Jürgen,Müller,Siemens AG,15 Mär 2023\r\n")
    >>> parsed = read_linkedin(text.encode(), strength=1)
    >>> parsed.persons[0].name, parsed.ties[0].strength, parsed.ties[0].since
    ('Jürgen Müller', 1, datetime.date(2023, 3, 15))
    """
    given = open_input(source, name=name)
    if given.head(4).startswith(_ZIP_MAGIC):
        with given.open() as handle:
            content, label = connections_from_zip(handle, given.label)
        given = open_input(content, name=label)
    text = open_text(given)
    file = text.label
    records = text.records()
    head = list(itertools.islice(records, _HEADER_WITHIN))
    header_at, columns = _find_header(head, file)
    collector = Collector(
        file,
        skip_invalid=skip_invalid,
        today=today or dt.date.today(),
        strength=strength,
        progress=progress,
    )
    collector.notes.extend(text.notes)
    collector.estimate = text.estimate
    empty = 0
    with paused_gc():
        for line, cells in itertools.chain(head[header_at + 1 :], records):
            collector.tick()
            try:
                row = _row(line, cells, columns)
            except RowProblem as problem:
                collector.problem(line, str(problem))
                continue
            if row is None:
                empty += 1
            else:
                collector.add(row)
    if empty:
        collector.notes.append(
            f"{file}: {empty} rows have no name, profile URL or email (members who hide "
            "their data); they were left out"
        )
    return collector.finish()


def _find_header(records: list[tuple[int, list[str]]], file: str) -> tuple[int, dict[str, int]]:
    wanted = {alias: key for key, aliases in _COLUMNS.items() for alias in aliases}
    for index, (_, cells) in enumerate(records[:_HEADER_WITHIN]):
        found: dict[str, int] = {}
        for position, cell in enumerate(cells):
            key = wanted.get(" ".join(cell.replace("\ufeff", "").split()).casefold())
            if key is not None:
                found.setdefault(key, position)
        if "first" in found and "last" in found:
            return index, found
    raise ImportFileError(
        f"{file}: no header with 'First Name' and 'Last Name' in the first {_HEADER_WITHIN} "
        "lines; is this LinkedIn's Connections.csv (or the export ZIP)?"
    )


def _row(line: int, cells: list[str], columns: dict[str, int]) -> Row | None:
    def cell(key: str) -> str:
        position = columns.get(key)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    header = {key: _HEADER_NAMES[key] for key in columns}
    name = join_name(cell("first"), cell("last"))
    url, email = cell("url"), cell("email")
    if not name:
        if not url and not email:
            return None
        raise RowProblem(
            f"columns '{header['first']}' and '{header['last']}' are empty; "
            "a connection needs a name"
        )
    since = None
    if connected := cell("connected"):
        try:
            since = parse_day(connected)
        except ValueError:
            raise RowProblem(
                f"column '{_HEADER_NAMES['connected']}' is not a date like '15 Mar 2023'"
            ) from None
    return Row(
        line=line,
        person={
            "name": name,
            "how": "other",
            "url": profile_url(url) if url else None,
            "emails": (email,) if email else (),
            "title": " ".join(cell("position").split()) or None,
        },
        columns={
            "name": f"{header['first']}' and '{header['last']}",
            "url": _HEADER_NAMES["url"],
            "emails": _HEADER_NAMES["email"],
            "title": _HEADER_NAMES["position"],
            "organization": _HEADER_NAMES["company"],
        },
        organization=cell("company") or None,
        since=since,
    )


_HEADER_NAMES = {
    "first": "First Name",
    "last": "Last Name",
    "url": "URL",
    "email": "Email Address",
    "company": "Company",
    "position": "Position",
    "connected": "Connected On",
}


def _safe_member(filename: str) -> bool:
    path = filename.replace("\\", "/")
    parts = PurePosixPath(path).parts
    return not (path.startswith("/") or ".." in parts or (parts and ":" in parts[0]))


def connections_from_zip(data: bytes | BinaryIO, file: str) -> tuple[bytes, str]:
    """Return ``Connections.csv`` from LinkedIn's export ZIP, read in memory, and its name.

    The member may sit in a sub-folder. Members with ``..``, an absolute path or a drive
    are ignored; the member's declared size and the bytes actually inflated are both
    capped at :data:`MAX_MEMBER_BYTES`, and a ZIP listing more than :data:`MAX_MEMBERS`
    members is refused before they are read. Nothing is written to disk.

    Parameters
    ----------
    data : bytes or binary file
        The ZIP, or a seekable stream over it (read in place, not copied).
    file : str
        Its name, for messages.

    Raises
    ------
    ImportFileError
        If the ZIP is damaged or encrypted, lists too many members, holds no
        ``Connections.csv``, or the member is too large.

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("../evil/Connections.csv", "x")
    ...     z.writestr("Basic_LinkedInDataExport/Connections.csv", "First Name,Last Name")
    >>> connections_from_zip(buffer.getvalue(), "export.zip")
    (b'First Name,Last Name', 'export.zip (Basic_LinkedInDataExport/Connections.csv)')
    """
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        archive, member = export_member(stream, file, "Connections.csv", "Connections")
        with archive:
            label = f"{file} ({member.filename})"
            if member.file_size > MAX_MEMBER_BYTES:
                raise ImportFileError(_too_large(label))
            with archive.open(member) as handle:
                content = handle.read(MAX_MEMBER_BYTES + 1)
    except ImportFileError:
        raise
    except _ZIP_ERRORS as error:
        raise ImportFileError(
            f"{file}: not a readable ZIP file ({type(error).__name__}); download the export "
            "again, or unpack Connections.csv and import that"
        ) from None
    if len(content) > MAX_MEMBER_BYTES:
        raise ImportFileError(_too_large(label))
    return content, label


def export_member(
    stream: IO[bytes], file: str, name: str, section: str
) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    """Open LinkedIn's export ZIP and find its member ``name``, in any sub-folder.

    A ZIP listing more than :data:`MAX_MEMBERS` members is refused from its end record,
    before :mod:`zipfile` reads them; members with ``..``, an absolute path or a drive are
    ignored; of several, the shallowest wins. The caller closes the archive.

    Raises
    ------
    ImportFileError
        If the ZIP lists too many members or holds no ``name``.
    zipfile.BadZipFile
        If the ZIP is damaged (the caller words it).

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("export/messages.csv", "x")
    >>> archive, member = export_member(buffer, "export.zip", "messages.csv", "Messages")
    >>> member.filename, archive.close()
    ('export/messages.csv', None)
    """
    count = _member_count(stream)
    if count > MAX_MEMBERS:
        raise ImportFileError(
            f"{file}: the ZIP lists {count:,} members; LinkedIn's export holds a few dozen "
            f"(at most {MAX_MEMBERS:,} are read) — unpack {name} and import that"
        )
    archive = zipfile.ZipFile(stream)
    wanted = name.casefold()
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and _safe_member(info.filename)
        and PurePosixPath(info.filename.replace("\\", "/")).name.casefold() == wanted
    ]
    if not members:
        archive.close()
        raise ImportFileError(
            f"{file}: the ZIP holds no {name}; download LinkedIn's export with '{section}' selected"
        )
    return archive, min(members, key=lambda i: (i.filename.count("/"), i.filename))


_END = struct.Struct("<4s4H2LH")  # end of central directory record
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END = struct.Struct("<4sQ2H2L4Q")


def _member_count(stream: IO[bytes]) -> int:
    """Return the number of members a ZIP's end record declares (0 if there is none)."""
    size = stream.seek(0, io.SEEK_END)
    window = min(size, _END.size + 0xFFFF)  # the record, then a comment of up to 64 KiB
    stream.seek(size - window)
    tail = stream.read(window)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _END.size > len(tail):
        return 0  # not a ZIP: zipfile says so
    count = _END.unpack_from(tail, at)[4]
    locator_at = at - _ZIP64_LOCATOR.size
    if count == 0xFFFF and locator_at >= 0 and tail[locator_at : locator_at + 4] == b"PK\x06\x07":
        offset = _ZIP64_LOCATOR.unpack_from(tail, locator_at)[2]
        stream.seek(offset)
        record = stream.read(_ZIP64_END.size)
        if len(record) == _ZIP64_END.size and record[:4] == b"PK\x06\x06":
            count = _ZIP64_END.unpack(record)[7]
    stream.seek(0)
    return int(count)


def _too_large(label: str) -> str:
    return (
        f"{label} is larger than {MAX_MEMBER_BYTES // (1024 * 1024)} MiB once unpacked; "
        "that is no LinkedIn export"
    )
