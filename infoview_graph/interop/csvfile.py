r"""Any CSV of contacts, with a column mapping; and CSV exports a spreadsheet opens safely.

Reading: ``mapping`` says which column holds which attribute (``{"E-mail Address":
"email"}``; the attributes are :data:`CSV_FIELDS`). Without a mapping, columns named like an
attribute (``name``, ``email``, ``organization`` …, any case) are used — so a file written by
:func:`to_csv` reads back as it is. Outlook's export works with a mapping and, when it is in
the Windows code page, ``encoding="cp1252"``: a file is read as UTF-8 (with or without a BOM)
or UTF-16 (with a BOM), and falls back to Windows-1252 with a note. Multi-valued attributes
(``email``, ``phone``, ``fields``, ``tags``, ``referred_by``) take several values separated
by ``;`` and may be mapped from several columns.

Writing: :func:`to_csv` writes people, referrals or interviews as UTF-8 with a byte-order
mark (so Excel detects the encoding). A cell that starts with ``=``, ``+``, ``-``, ``@``, a
tab, a carriage return or NUL is a formula to a spreadsheet (OWASP "CSV injection",
CWE-1236): it is prefixed with ``'`` unless ``raw`` is asked for. The reader removes that
prefix again.

Examples
--------
>>> text = (b'"First Name","Last Name","Company","E-mail Address"\r\n'
...         b'Ada,Lovelace,Acme,ada@example.org\r\n')
>>> parsed = read_csv(text, mapping={"First Name": "first_name", "Last Name": "last_name",
...                                  "Company": "organization", "E-mail Address": "email"})
>>> parsed.persons[0].name, parsed.persons[0].emails, parsed.organizations[0].name
('Ada Lovelace', ('ada@example.org',), 'Acme')
>>> neutralize("=HYPERLINK(\"http://evil\")"), neutralize("Ada")
('\'=HYPERLINK("http://evil")', 'Ada')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal, get_args

from infoview_graph._bulk import paused_gc
from infoview_graph.errors import ImportFileError, InvalidInputError
from infoview_graph.interop._collect import (
    Collector,
    Progress,
    Row,
    RowProblem,
    join_name,
    profile_url,
)
from infoview_graph.interop._input import open_input
from infoview_graph.interop._text import open_text
from infoview_graph.interop.parsed import Parsed
from infoview_graph.models import HOWS, NetworkData, default_strength

__all__ = ["CSV_FIELDS", "CsvWhat", "neutralize", "parse_mapping", "read_csv", "to_csv"]

CsvField = Literal[
    "name",
    "first_name",
    "middle_name",
    "last_name",
    "email",
    "phone",
    "url",
    "organization",
    "title",
    "fields",
    "tags",
    "notes",
    "how",
    "strength",
    "referred_by",
    "do_not_contact",
]
CSV_FIELDS: tuple[str, ...] = get_args(CsvField)
"""The attributes a CSV column can be mapped to."""
CsvWhat = Literal["people", "referrals", "interviews"]

_MULTI = {"email", "phone", "fields", "tags", "referred_by"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\0")
_NOT_WORD = re.compile(r"[\s-]+")
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """Parse ``COLUMN=FIELD`` items (``--map``) into ``{column: field}``.

    The column may itself contain ``=``: the last one separates.

    Raises
    ------
    InvalidInputError
        If an item has no ``=`` or names an unknown field.

    Examples
    --------
    >>> parse_mapping(["E-mail Address=email", "Job Title=title"])
    {'E-mail Address': 'email', 'Job Title': 'title'}
    """
    mapping: dict[str, str] = {}
    for item in items:
        column, separator, field = item.rpartition("=")
        field = field.strip().casefold().replace("-", "_")
        if not separator or not column.strip():
            raise InvalidInputError(
                f"--map: '{item}' is not COLUMN=FIELD; write e.g. --map 'E-mail Address=email'"
            )
        if field not in CSV_FIELDS:
            raise InvalidInputError(
                f"--map: '{field}' is not a field; use one of {', '.join(CSV_FIELDS)}"
            )
        mapping[column.strip()] = field
    return mapping


def _unescape(cell: str) -> str:
    # Undo neutralize(): "'=x" was written for "=x".
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _FORMULA:
        return cell[1:]
    return cell


def read_csv(
    source: bytes | str | os.PathLike[str],
    *,
    name: str | None = None,
    mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
    skip_invalid: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Parsed:
    r"""Read contacts from any CSV file whose first row names the columns.

    Parameters
    ----------
    source : bytes or path-like
        The CSV file, or its content.
    name : str, optional
        The file's name in messages (default: the path).
    mapping : mapping of str to str, optional
        Column → field (one of :data:`CSV_FIELDS`); see :func:`parse_mapping`. Without it,
        columns named like a field are used.
    encoding : str, optional
        The file's encoding (default: detected; Windows-1252 if it is not UTF-8).
    skip_invalid : bool, default False
        Return the valid rows and list the others as problems, instead of raising.
    today : datetime.date, optional
        The date given to ``referred_by`` referrals (default: today).
    progress : callable, optional
        Told ``(rows done, rows in all)``.

    Returns
    -------
    Parsed
        The contacts; my tie to each is the ``strength`` column, else the default for
        ``how`` (1 when neither is given).

    Raises
    ------
    ImportFileError
        If no column gives the name, a mapped column is missing, the file is not text in
        the encoding, or a row is invalid and ``skip_invalid`` is false.

    Examples
    --------
    >>> parsed = read_csv(b"name,email,how,strength\r\nAda Lovelace,ada@example.org,friend,4\r\n")
    >>> parsed.persons[0].how, parsed.ties[0].strength
    ('friend', 4)
    """
    text = open_text(open_input(source, name=name), encoding=encoding, fallback="cp1252")
    file = text.label
    records = text.records()
    first = next(records, None)
    if first is None:
        raise ImportFileError(f"{file}: the file is empty; it needs a header row")
    header_line, header = first
    header = [" ".join(c.replace("\ufeff", "").split()) for c in header]
    columns = _columns(header, mapping, file, header_line)
    if not any(f in columns for f in ("name", "first_name", "last_name")):
        raise ImportFileError(
            f"{file}, line {header_line}: no column gives the name; map one with "
            "--map 'Full Name=name' (or first_name / last_name)"
        )
    collector = Collector(
        file, skip_invalid=skip_invalid, today=today or dt.date.today(), strength=1,
        progress=progress,
    )  # fmt: skip
    collector.notes.extend(text.notes)
    unused = len(header) - len({i for indexes in columns.values() for i in indexes})
    if unused:
        collector.notes.append(f"{file}: {unused} columns are not mapped to a field; ignored")
    collector.estimate = text.estimate
    names = {field: header[indexes[0]] for field, indexes in columns.items()}
    with paused_gc():
        for line, cells in records:
            collector.tick()
            try:
                collector.add(_row(line, cells, columns, names))
            except RowProblem as problem:
                collector.problem(line, str(problem))
    return collector.finish()


def _columns(
    header: list[str], mapping: Mapping[str, str] | None, file: str, line: int
) -> dict[str, list[int]]:
    columns: dict[str, list[int]] = {}
    if mapping is None:
        for index, column in enumerate(header):
            field = _NOT_WORD.sub("_", column.strip().casefold())
            if field in CSV_FIELDS:
                columns.setdefault(field, []).append(index)
        return columns
    folded = {c.casefold(): i for i, c in reversed(list(enumerate(header)))}
    for column, field in mapping.items():
        found = header.index(column) if column in header else folded.get(column.casefold())
        if found is None:
            raise ImportFileError(
                f"{file}, line {line}: --map names a column '{column}' the header does not "
                f"have; its columns are: {', '.join(header)}"
            )
        if field not in CSV_FIELDS:
            raise InvalidInputError(
                f"--map: '{field}' is not a field; use one of {', '.join(CSV_FIELDS)}"
            )
        columns.setdefault(field, []).append(found)
    return columns


def _row(line: int, cells: list[str], columns: dict[str, list[int]], names: dict[str, str]) -> Row:
    def texts(field: str) -> list[str]:
        found = []
        for index in columns.get(field, []):
            cell = _unescape(cells[index].strip()) if index < len(cells) else ""
            if field in _MULTI:
                found += [v.strip() for v in cell.split(";") if v.strip()]
            elif cell:
                found.append(cell)
        return found

    def one(field: str) -> str | None:
        values = texts(field)
        return " ".join(values[0].split()) if values else None

    name = join_name(*texts("name")) or join_name(
        one("first_name"), one("middle_name"), one("last_name")
    )
    how = one("how")
    if how is not None:
        how = how.casefold()
        if how not in HOWS or how == "self":
            raise RowProblem(f"column '{names['how']}' is not one of {', '.join(HOWS[1:])}")
    strength = None
    if (value := one("strength")) is not None:
        if not value.isdigit() or not 0 <= int(value) <= 5:
            raise RowProblem(f"column '{names['strength']}' is not a tie strength from 0 to 5")
        strength = int(value)
    elif how is not None:
        strength = default_strength(how)
    do_not_contact = False
    if (flag := one("do_not_contact")) is not None:
        if flag.casefold() not in _YES | _NO:
            raise RowProblem(f"column '{names['do_not_contact']}' is not yes or no")
        do_not_contact = flag.casefold() in _YES
    notes = "\n\n".join(texts("notes"))
    url = one("url")
    name_columns = [names[f] for f in ("name", "first_name", "last_name") if f in names]
    return Row(
        line=line,
        person={
            "name": name,
            "emails": tuple(dict.fromkeys(texts("email"))),
            "phones": tuple(dict.fromkeys(texts("phone"))),
            "url": profile_url(url) if url else None,
            "title": one("title"),
            "notes": notes or None,
            "tags": tuple(texts("tags")),
            "how": how,
            "do_not_contact": do_not_contact,
        },
        columns={
            "name": "' and '".join(name_columns),
            **{a: names[f] for a, f in (("emails", "email"), ("phones", "phone")) if f in names},
            **{a: names[a] for a in ("url", "title", "notes", "tags") if a in names},
            **{a: names[a] for a in ("organization", "fields") if a in names},
        },
        organization=one("organization"),
        fields=texts("fields"),
        strength=strength,
        referred_by=texts("referred_by"),
    )


# --- writing -------------------------------------------------------------------------------


def neutralize(cell: str) -> str:
    r"""Prefix a cell a spreadsheet would run as a formula with ``'`` (OWASP CSV injection).

    Examples
    --------
    >>> [neutralize(c) for c in ["=1+2", "+1 612", "-x", "@SUM(A1)", chr(9) + "x", "ok"]]
    ["'=1+2", "'+1 612", "'-x", "'@SUM(A1)", "'\tx", 'ok']
    """
    return "'" + cell if cell.startswith(_FORMULA) else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _people(data: NetworkData) -> tuple[list[str], list[list[Any]]]:
    me = next((p.id for p in data.persons if p.is_self), None)
    orgs = {o.id: o.name for o in data.organizations}
    fields = {f.id: f.name for f in data.fields}
    mine = {(t.b if t.a == me else t.a): t.strength for t in data.ties if me in (t.a, t.b)}
    header = ["id", "name", "email", "phone", "url", "organization", "title", "fields", "how"]
    header += ["strength", "tags", "notes", "do_not_contact"]
    rows = [
        [
            p.id, p.name, p.emails, p.phones, p.url,
            orgs.get(p.organization) if p.organization else None, p.title,
            [fields[f] for f in p.fields], p.how, mine.get(p.id), p.tags, p.notes,
            p.do_not_contact,
        ]
        for p in data.persons
        if not p.is_self
    ]  # fmt: skip
    return header, rows


def _referrals(data: NetworkData) -> tuple[list[str], list[list[Any]]]:
    names = {p.id: p.name for p in data.persons}
    header = ["referrer", "referrer_name", "referee", "referee_name", "on", "for_field"]
    header += ["for_org", "may_use_name", "status", "note"]
    rows = [
        [
            r.referrer, names[r.referrer], r.referee, names[r.referee], r.on, r.for_field,
            r.for_org, r.may_use_name, r.status, r.note,
        ]
        for r in data.referrals
    ]  # fmt: skip
    return header, rows


def _interviews(data: NetworkData) -> tuple[list[str], list[list[Any]]]:
    names = {p.id: p.name for p in data.persons}
    header = ["id", "person", "name", "on", "minutes", "mode", "friendliness", "fit"]
    header += ["resume_critiqued", "thanked_on", "referrals", "advice", "leads", "answers"]
    header += ["notes"]
    rows = [
        [
            i.id, i.person, names[i.person], i.on, i.minutes, i.mode, i.friendliness, i.fit,
            i.resume_critiqued, i.thanked_on, i.referrals, "\n".join(i.advice),
            "\n".join(i.leads), "\n".join(f"{q}: {a}" for q, a in i.answers.items()), i.notes,
        ]
        for i in data.interviews
    ]  # fmt: skip
    return header, rows


def to_csv(data: NetworkData, *, what: CsvWhat = "people", raw: bool = False) -> bytes:
    r"""Write people (not me), referrals or interviews as CSV for a spreadsheet.

    Parameters
    ----------
    data : NetworkData
        The records.
    what : {"people", "referrals", "interviews"}
        Which records, one per row. People carry organization and field *names* and my tie
        strength, so the file reads back with :func:`read_csv`; lists are joined with
        ``"; "``.
    raw : bool, default False
        Write cells as they are, without neutralising formulas.

    Returns
    -------
    bytes
        UTF-8 with a byte-order mark, CRLF line ends.

    Examples
    --------
    >>> from infoview_graph.models import Person
    >>> data = NetworkData(persons=(Person(id="eve", name="=cmd|' /C calc'!A0"),))
    >>> to_csv(data).decode("utf-8-sig").split("\r\n")[1]
    "eve,'=cmd|' /C calc'!A0,,,,,,,,,,,"
    """
    build = {"people": _people, "referrals": _referrals, "interviews": _interviews}[what]
    header, rows = build(data.sorted())
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = [_cell(v) for v in row]
        writer.writerow(cells if raw else [neutralize(c) for c in cells])
    return buffer.getvalue().encode("utf-8-sig")
