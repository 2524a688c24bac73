r"""Bytes to text, and text to CSV records with the line each one starts on.

Encodings are detected by their byte-order mark (UTF-8, UTF-16), then tried as UTF-8; a
caller may allow a fallback (Windows-1252 for Outlook's CSV). CSV goes through the
:mod:`csv` module, never through splitting lines, so quoted commas and newlines in cells
survive; and lines are told apart only at ``\n``, ``\r\n`` and ``\r`` —
``str.splitlines()`` would also split at ``\x85`` and ``\u2028``, which occur in names.

Examples
--------
>>> decode(b"\xef\xbb\xbfName", "x.csv")
('Name', ())
>>> [(line, cells) for line, cells in csv_records('a,b\r\n"x\ny",z\r\n', "x.csv")]
[(1, ['a', 'b']), (2, ['x\ny', 'z'])]
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from infoview_graph.errors import ImportFileError
from infoview_graph.interop._input import InputFile

__all__ = [
    "TextSource",
    "changed_while_read",
    "csv_records",
    "decode",
    "is_blank",
    "iter_csv_records",
    "line_of",
    "normalise_newlines",
    "open_text",
]

_NEWLINES = re.compile(r"\r\n?")


def line_of(data: bytes, offset: int) -> int:
    r"""Return the 1-based line of a byte offset.

    >>> line_of(b"a\nb\nc", 4)
    3
    """
    return data.count(b"\n", 0, offset) + 1


def decode(
    data: bytes, file: str, *, encoding: str | None = None, fallback: str | None = None
) -> tuple[str, tuple[str, ...]]:
    """Return the text of a file, and notes on how it was read.

    Parameters
    ----------
    data : bytes
        The file.
    file : str
        Its name, for messages.
    encoding : str, optional
        The encoding to use; by default a byte-order mark decides (UTF-8 or UTF-16), else
        UTF-8.
    fallback : str, optional
        The encoding to try when the file is not UTF-8 (e.g. ``"cp1252"``); a note says so.

    Returns
    -------
    tuple of (str, tuple of str)
        The text without its byte-order mark, and notes.

    Raises
    ------
    ImportFileError
        If the encoding is unknown or the bytes are not text in it.

    Examples
    --------
    >>> decode("Zoë".encode("cp1252"), "a.csv", fallback="cp1252")[0]
    'Zoë'
    """
    if encoding is not None:
        _check_encoding(encoding)
        return _decode(data, file, encoding).removeprefix("\ufeff"), ()
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data, file, "utf-8-sig"), ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, file, "utf-16"), ()
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as error:
        if fallback is None:
            raise ImportFileError(
                f"{file}, line {line_of(data, error.start)}: the file is not UTF-8 text; "
                "save it as UTF-8 and try again"
            ) from None
    text = _decode(data, file, fallback)
    return text, (f"{file} is not UTF-8; read it as {fallback} (pass --encoding if it is not)",)


_NOT_FOR_FILES = frozenset({"punycode", "idna"})


def _check_encoding(encoding: str) -> None:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ImportFileError(
            f"--encoding: '{encoding}' is not an encoding Python knows; try utf-8, utf-16 or cp1252"
        ) from None
    # rot13, base64, hex … are codecs but not text encodings (bytes.decode raises), and
    # punycode / idna encode domain names, not files.
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_FILES:
        raise ImportFileError(
            f"--encoding: '{encoding}' is not a character encoding for text files; "
            "try utf-8, utf-16 or cp1252"
        )


def _decode(data: bytes, file: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{file}, line {line_of(data, error.start)}: the file is not {encoding} text; "
            "pass the right --encoding"
        ) from None
    except (UnicodeError, ValueError):  # other codecs' errors may quote the file's bytes
        raise ImportFileError(
            f"{file}: the file is not {encoding} text; pass the right --encoding"
        ) from None


def normalise_newlines(text: str) -> str:
    r"""Turn ``\r\n`` and lone ``\r`` into ``\n`` (and nothing else, unlike ``splitlines``).

    >>> normalise_newlines("a\r\nb\rc\x85d")
    'a\nb\nc\x85d'
    """
    return _NEWLINES.sub("\n", text)


def csv_records(text: str, file: str) -> list[tuple[int, list[str]]]:
    r"""Parse CSV text into records, each with the line it starts on.

    Parameters
    ----------
    text : str
        The whole file.
    file : str
        Its name, for messages.

    Returns
    -------
    list of (int, list of str)
        The 1-based starting line and the cells of every record (empty lines are none).

    Raises
    ------
    ImportFileError
        If the text is not CSV (the :mod:`csv` module's error, with the line), or a quote
        is still open at the end of the file — it would swallow every line after the one
        where it opened, so the error names that line.

    Examples
    --------
    >>> csv_records('Name,Note\r\nAda,"two\r\nlines"\r\nBob,x\r\n', "a.csv")
    [(1, ['Name', 'Note']), (2, ['Ada', 'two\r\nlines']), (4, ['Bob', 'x'])]
    >>> csv_records('Name,Org\nAda,"Acme\nBob,Beta\n', "a.csv")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.ImportFileError: a.csv, line 2: a quote opens here and is never ...
    """
    # newline="" lets the csv module see quoted newlines; StringIO splits only at \n and \r.
    return list(iter_csv_records(lambda: io.StringIO(text, newline=""), file))


def iter_csv_records(
    open_stream: Callable[[], TextIO], file: str, *, skip_blank: bool = False
) -> Iterator[tuple[int, list[str]]]:
    r"""Yield CSV records one at a time, each with the line it starts on.

    Memory stays that of one record, however long the file; empty lines are skipped here,
    so that they cost nothing.

    Parameters
    ----------
    open_stream : callable
        Returns a new text stream over the whole file, opened with ``newline=""`` (called
        again, only when the last record has content, to check that its quotes close).
    file : str
        The file's name, for messages.
    skip_blank : bool, default False
        Skip records without content too (``,,,,,,`` rows, cells of spaces).

    Yields
    ------
    tuple of (int, list of str)
        The 1-based starting line and the cells of every record that is not an empty line
        (``,,,`` rows are records).

    Raises
    ------
    ImportFileError
        As :func:`csv_records`.

    Examples
    --------
    >>> records = iter_csv_records(lambda: io.StringIO("a,b\n\n\nc,d\n", newline=""), "x.csv")
    >>> list(records)
    [(1, ['a', 'b']), (4, ['c', 'd'])]
    """
    last, last_end, before, blank = 0, 0, 0, True
    with open_stream() as stream:
        reader = csv.reader(stream)
        try:
            # filter() drops the empty lines in C: a file of blank lines costs no Python.
            # A record starts as many lines before its end as its cells hold line breaks
            # (the stream splits lines where the csv module does, and keeps their ends).
            for cells in filter(None, reader):
                joined = "".join(cells)  # one C call answers both questions for most rows
                blank = not joined.strip()
                before, last_end = last_end, reader.line_num
                breaks = 0
                if "\n" in joined or "\r" in joined:
                    breaks = sum(map(_line_breaks, cells))
                last = max(last_end - breaks, before + 1)
                if not (blank and skip_blank):
                    yield last, cells
        except csv.Error as error:
            raise ImportFileError(
                f"{file}, line {reader.line_num}: not readable as CSV ({error}); "
                "check the quotes on that line"
            ) from None
        except UnicodeDecodeError:
            raise changed_while_read(file) from None
        # A quote left open swallows every line after it, so the last record reaches the
        # end; a blank one swallowed nothing. Otherwise there is no need for a second pass.
        if last and not blank and last_end == reader.line_num:
            _check_closed(open_stream, last, file)


def _line_breaks(cell: str) -> int:
    return cell.count("\n") + cell.count("\r") - cell.count("\r\n")


def _check_closed(open_stream: Callable[[], TextIO], start: int, file: str) -> None:
    # The csv module (not strict) ends a quoted field at the end of the file silently, so
    # `Ada,"Acme` swallowed every later row into Ada's cell. Re-read the last record alone,
    # strictly: only there can a quote still be open at the end. The stream splits lines
    # where the csv module counts them (\n, \r\n, \r); islice walks to it in C.
    # An open quote's cell also holds the file's final line end, which ends no line: the
    # record may start one line after ``start``, whose line is then an empty one.
    with open_stream() as stream:
        lines = itertools.islice(stream, start - 1, None)
        first = next(lines, "")
        if first in ("\n", "\r\n", "\r"):
            start, first = start + 1, next(lines, "")
        try:
            for _cells in csv.reader(itertools.chain((first,), lines), strict=True):
                pass
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise ImportFileError(
                    f"{file}, line {start}: a quote opens here and is never closed; it "
                    "would swallow every line after it — close the quote (or remove it)"
                ) from None


def is_blank(cells: list[str]) -> bool:
    """Whether a CSV record has no content (LinkedIn pads files with ``,,,,,,`` rows).

    >>> is_blank([" ", ""]), is_blank(["x"])
    (True, False)
    """
    return not "".join(cells).strip()


# --- streams ---------------------------------------------------------------------------------


def changed_while_read(file: str) -> ImportFileError:
    """Return the error for a file whose bytes stopped decoding after :func:`open_text`.

    The encoding is checked in a first pass; only a file changed since then fails later.

    >>> print(changed_while_read("a.csv"))
    a.csv changed while it was being read; nothing was imported — try again
    """
    return ImportFileError(
        f"{file} changed while it was being read; nothing was imported — try again"
    )


_CHUNK = 1 << 20


class _Counting(io.RawIOBase):
    """A binary stream that tells its :class:`TextSource` how many bytes were read."""

    def __init__(self, raw: BinaryIO, source: TextSource) -> None:
        super().__init__()
        self._raw, self._source = raw, source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._source.consumed += len(data)
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass
class TextSource:
    r"""A file to import, as text in a known encoding, read as a stream (never held whole).

    Made by :func:`open_text`, which has checked that every byte decodes.

    Examples
    --------
    >>> from infoview_graph.interop._input import open_input
    >>> text = open_text(open_input("Zoë\r\n".encode("cp1252"), name="a.csv"), fallback="cp1252")
    >>> text.encoding, text.open().read(), text.notes
    ('cp1252', 'Zoë\r\n', ('a.csv is not UTF-8; read it as cp1252 (pass --encoding if it is not)',))
    """

    input: InputFile
    """The file."""
    encoding: str
    """The encoding its bytes decode in (``utf-8-sig`` drops a byte-order mark)."""
    notes: tuple[str, ...] = ()
    """How it was read (an encoding guessed)."""
    consumed: int = field(default=0, compare=False)
    """Bytes read so far by the streams opened (for progress)."""

    @property
    def label(self) -> str:
        """The file's name in messages."""
        return self.input.label

    def open(self, *, newline: str | None = "") -> TextIO:
        r"""Return a new text stream from the start of the file.

        ``newline=""`` (for CSV) keeps line ends as they are; ``None`` turns ``\r\n`` and
        ``\r`` into ``\n``. Either way lines end only there, never at ``\x85``.
        """
        raw = io.BufferedReader(_Counting(self.input.open(), self), _CHUNK)
        return io.TextIOWrapper(raw, encoding=self.encoding, newline=newline)

    def estimate(self, rows: int) -> int:
        """Estimate the rows in all from those read so far and the bytes they took."""
        if self.consumed <= 0:
            return rows
        return max(rows, rows * self.input.size // self.consumed)

    def records(self, *, skip_blank: bool = True) -> Iterator[tuple[int, list[str]]]:
        """Return the file's CSV records, streamed (see :func:`iter_csv_records`)."""
        return iter_csv_records(self.open, self.label, skip_blank=skip_blank)


def _first_bad_line(source: InputFile, encoding: str) -> int | None:
    """Return the line of the first byte that does not decode, or None if all do."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with source.open() as handle:
        try:
            while chunk := handle.read(_CHUNK):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    # The decoder's buffer holds at most a partial character, no newline.
                    return line + bytes(error.object[: error.start]).count(b"\n")
                line += chunk.count(b"\n")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return line
        except (UnicodeError, ValueError):  # other codecs' errors may quote the bytes
            return 0
    return None


def open_text(
    source: InputFile, *, encoding: str | None = None, fallback: str | None = None
) -> TextSource:
    r"""Decide a file's encoding as :func:`decode` does, reading it once in chunks.

    Parameters
    ----------
    source : InputFile
        The file.
    encoding : str, optional
        The encoding to use; by default a byte-order mark decides (UTF-8 or UTF-16), else
        UTF-8.
    fallback : str, optional
        The encoding to try when the file is not UTF-8; a note says so.

    Raises
    ------
    ImportFileError
        If the encoding is unknown or not for text, or a byte does not decode (the message
        names its line).

    Examples
    --------
    >>> from infoview_graph.interop._input import open_input
    >>> open_text(open_input(b"Name\nZo\xeb", name="a.csv"))
    Traceback (most recent call last):
    ...
    infoview_graph.errors.ImportFileError: a.csv, line 2: the file is not UTF-8 text; save ...
    """
    file = source.label
    if encoding is not None:
        _check_encoding(encoding)
        chosen = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    else:
        head = source.head(4)
        if head.startswith(codecs.BOM_UTF8):
            chosen = "utf-8-sig"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            chosen = "utf-16"
        else:
            chosen = "utf-8"
    bad = _first_bad_line(source, chosen)
    if bad is None:
        return TextSource(source, chosen)
    if chosen == "utf-8" and encoding is None:
        if fallback is None:
            raise ImportFileError(
                f"{file}, line {bad}: the file is not UTF-8 text; save it as UTF-8 and try again"
            )
        if _first_bad_line(source, fallback) is None:
            note = f"{file} is not UTF-8; read it as {fallback} (pass --encoding if it is not)"
            return TextSource(source, fallback, (note,))
        chosen = fallback
        bad = _first_bad_line(source, fallback)
    shown = encoding or chosen.removesuffix("-sig")
    where = f"{file}, line {bad}" if bad else file
    raise ImportFileError(f"{where}: the file is not {shown} text; pass the right --encoding")
