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

from infoview_graph.errors import ImportFileError

__all__ = ["csv_records", "decode", "is_blank", "line_of", "normalise_newlines"]

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
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            raise ImportFileError(
                f"--encoding: '{encoding}' is not an encoding Python knows; "
                "try utf-8, utf-16 or cp1252"
            ) from None
        # rot13, base64, hex … are codecs but not text encodings (bytes.decode raises), and
        # punycode / idna encode domain names, not files.
        if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_FILES:
            raise ImportFileError(
                f"--encoding: '{encoding}' is not a character encoding for text files; "
                "try utf-8, utf-16 or cp1252"
            )
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
        The 1-based starting line and the cells of every record, blank ones included.

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
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(
            f"{file}, line {reader.line_num}: not readable as CSV ({error}); "
            "check the quotes on that line"
        ) from None
    if records:
        _check_closed(text, records[-1][0], file)
    return records


_LINE_END = re.compile(r"\r\n|\r|\n")


def _check_closed(text: str, start: int, file: str) -> None:
    # The csv module (not strict) ends a quoted field at the end of the file silently, so
    # `Ada,"Acme` swallowed every later row into Ada's cell. Re-read the last record alone,
    # strictly: only there can a quote still be open at the end.
    offset = 0
    if start > 1:  # the end of line start - 1; islice keeps the walk in C for big files
        found = next(itertools.islice(_LINE_END.finditer(text), start - 2, None), None)
        if found is None:
            return
        offset = found.end()
    try:
        for _cells in csv.reader(io.StringIO(text[offset:], newline=""), strict=True):
            pass
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise ImportFileError(
                f"{file}, line {start}: a quote opens here and is never closed; it would "
                "swallow every line after it — close the quote (or remove it)"
            ) from None


def is_blank(cells: list[str]) -> bool:
    """Whether a CSV record has no content (LinkedIn pads files with ``,,,,,,`` rows).

    >>> is_blank([" ", ""]), is_blank(["x"])
    (True, False)
    """
    return not any(cell.strip() for cell in cells)
