r"""Google Contacts CSV ("Google CSV" export), current and legacy layouts.

The two layouts are told apart by the header:

- current: ``First Name, Middle Name, Last Name, …, Organization Name, Organization Title,
  …, Labels, E-mail 1 - Label, E-mail 1 - Value, …, Relation 1 - Label, Relation 1 - Value``;
- legacy: ``Name, Given Name, Additional Name, Family Name, …, Group Membership,
  E-mail 1 - Type, E-mail 1 - Value, …, Organization 1 - Name, Organization 1 - Title``.

Columns are read by name (their order and the ``N`` in ``E-mail N`` vary). Several values
share a cell, separated by ``" ::: "``; a leading ``"* "`` on a label marks the primary
value (listed first). Labels become tags, except Google's system labels (``* myContacts``,
``* starred``, legacy ``* My Contacts``), which are dropped. A relation of type
``referredBy`` ("Referred by: Ada Lovelace") becomes a referral from the person of that name
— found in the file, or else in the store when imported.

Examples
--------
>>> text = (b"First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,"
...         b"Relation 1 - Label,Relation 1 - Value\r\n"
...         b"Mrs.,Smith,* myContacts ::: Mentors,* Work,smith@example.org ::: s@example.net,"
...         b"referredBy,Brad Johnson\r\n")
>>> parsed = read_google_csv(text, today=dt.date(2026, 11, 17))
>>> p = parsed.persons[0]
>>> p.name, p.emails, p.tags
('Mrs. Smith', ('smith@example.org', 's@example.net'), ('Mentors',))
>>> parsed.named_referrals[0].referrer_name
'Brad Johnson'
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable

from infoview_graph._bulk import paused_gc
from infoview_graph.errors import ImportFileError
from infoview_graph.interop._collect import Collector, Progress, Row, join_name, profile_url
from infoview_graph.interop._input import open_input
from infoview_graph.interop._text import open_text
from infoview_graph.interop.parsed import Parsed

__all__ = ["read_google_csv"]

_SEPARATOR = " ::: "
_NUMBERED = re.compile(
    r"(e-mail|phone|relation|website|organization) (\d+) - (label|type|value|name|title)"
)
_LETTERS = re.compile(r"[^a-z]")


def read_google_csv(
    source: bytes | str | os.PathLike[str],
    *,
    name: str | None = None,
    skip_invalid: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Parsed:
    r"""Read a Google Contacts CSV export (either layout).

    Parameters
    ----------
    source : bytes or path-like
        The CSV file, or its content.
    name : str, optional
        The file's name in messages (default: the path).
    skip_invalid : bool, default False
        Return the valid rows and list the others as problems, instead of raising.
    today : datetime.date, optional
        The date given to "referred by" referrals (default: today).
    progress : callable, optional
        Told ``(rows done, rows in all)``.

    Returns
    -------
    Parsed
        The contacts; my tie to each gets the default strength for an acquaintance (1).

    Raises
    ------
    ImportFileError
        If the header is neither layout, the file is not UTF-8/UTF-16 text, or a row is
        invalid and ``skip_invalid`` is false.

    Examples
    --------
    >>> parsed = read_google_csv(
    ...     b"Name,Given Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\r\n"
    ...     b"Omar Haddad,Omar,* My Contacts ::: Alumni,* Work,omar@example.org\r\n")
    >>> parsed.persons[0].tags, parsed.persons[0].emails
    (('Alumni',), ('omar@example.org',))
    """
    text = open_text(open_input(source, name=name))
    file = text.label
    records = text.records()
    first = next(records, None)
    if first is None:
        raise ImportFileError(f"{file}: the file is empty; export your contacts as Google CSV")
    header = [" ".join(c.replace("\ufeff", "").split()).casefold() for c in first[1]]
    layout = _layout(header, file)
    collector = Collector(
        file,
        skip_invalid=skip_invalid,
        today=today or dt.date.today(),
        strength=1,
        progress=progress,
    )
    collector.notes.extend(text.notes)
    collector.estimate = text.estimate
    with paused_gc():
        for line, cells in records:
            collector.tick()
            collector.add(layout(line, _Cells(header, cells)))
    return collector.finish()


class _Cells:
    """One row's cells by lower-case column name, and the numbered groups."""

    def __init__(self, header: list[str], cells: list[str]) -> None:
        self.by_name: dict[str, str] = {}
        self.groups: dict[tuple[str, str], dict[str, str]] = {}
        for column, cell in zip(header, cells, strict=False):
            self.by_name.setdefault(column, cell.strip())
            if match := _NUMBERED.fullmatch(column):
                kind, number, part = match.groups()
                self.groups.setdefault((kind, number), {})[part] = cell.strip()

    def get(self, *columns: str) -> str:
        return next((self.by_name[c] for c in columns if self.by_name.get(c)), "")

    def numbered(self, kind: str) -> list[dict[str, str]]:
        found = [(int(n), parts) for (k, n), parts in self.groups.items() if k == kind]
        return [parts for _, parts in sorted(found, key=lambda item: item[0])]


def _layout(header: list[str], file: str) -> Callable[[int, _Cells], Row]:
    columns = set(header)
    if "given name" in columns or "group membership" in columns:
        return _legacy_row
    if "first name" in columns and (
        "labels" in columns or "organization name" in columns or "e-mail 1 - value" in columns
    ):
        return _current_row
    raise ImportFileError(
        f"{file}, line 1: the header is not Google Contacts CSV (neither 'First Name' with "
        "'Labels' nor 'Given Name' with 'Group Membership'); export as 'Google CSV'"
    )


def _values(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(_SEPARATOR) if v.strip()]


def _by_primary(groups: list[dict[str, str]], label: str) -> list[str]:
    """Values of numbered groups (E-mail 1, 2, …), those labelled ``* …`` first."""
    ranked = [
        (not parts.get(label, "").startswith("* "), n, value)
        for n, parts in enumerate(groups)
        for value in _values(parts.get("value", ""))
    ]
    return list(dict.fromkeys(value for *_, value in sorted(ranked, key=lambda r: (r[0], r[1]))))


def _tags(cell: str) -> tuple[str, ...]:
    # System labels ("* myContacts", "* starred", legacy "* My Contacts") start with "* ".
    return tuple(label for label in _values(cell) if not label.startswith("*"))


def _referrers(groups: list[dict[str, str]], label: str) -> list[str]:
    names = []
    for parts in groups:
        kind = _LETTERS.sub("", parts.get(label, "").removeprefix("* ").casefold())
        if kind == "referredby":
            names += _values(parts.get("value", ""))
    return names


def _url(groups: list[dict[str, str]]) -> str | None:
    urls = [profile_url(u) for parts in groups for u in _values(parts.get("value", ""))]
    web = [u for u in urls if u.startswith(("http://", "https://"))]
    web.sort(key=lambda u: not u.startswith("https://www.linkedin.com/"))
    return web[0] if web else None


def _current_row(line: int, cells: _Cells) -> Row:
    name = join_name(
        cells.get("name prefix"),
        cells.get("first name"),
        cells.get("middle name"),
        cells.get("last name"),
        cells.get("name suffix"),
    ) or join_name(cells.get("nickname", "file as"))
    organization = cells.get("organization name") or next(
        (p.get("name", "") for p in cells.numbered("organization") if p.get("name")), ""
    )
    title = cells.get("organization title") or next(
        (p.get("title", "") for p in cells.numbered("organization") if p.get("title")), ""
    )
    return _row(line, cells, name, organization, title, "label", "Labels")


def _legacy_row(line: int, cells: _Cells) -> Row:
    name = join_name(cells.get("name")) or join_name(
        cells.get("given name"), cells.get("additional name"), cells.get("family name")
    )
    organizations = cells.numbered("organization")
    organization = next((p.get("name", "") for p in organizations if p.get("name")), "")
    title = next((p.get("title", "") for p in organizations if p.get("title")), "")
    return _row(line, cells, name, organization, title, "type", "Group Membership")


def _row(
    line: int, cells: _Cells, name: str, organization: str, title: str, label: str, labels: str
) -> Row:
    return Row(
        line=line,
        person={
            "name": name,
            "emails": tuple(_by_primary(cells.numbered("e-mail"), label)),
            "phones": tuple(_by_primary(cells.numbered("phone"), label)),
            "url": _url(cells.numbered("website")),
            "title": " ".join(title.split()) or None,
            "notes": cells.get("notes") or None,
            "tags": _tags(cells.get(labels.casefold())),
        },
        columns={
            "name": "First Name' and 'Last Name" if label == "label" else "Name",
            "emails": "E-mail N - Value",
            "phones": "Phone N - Value",
            "url": "Website N - Value",
            "title": "Organization Title" if label == "label" else "Organization 1 - Title",
            "notes": "Notes",
            "tags": labels,
            "organization": ("Organization Name" if label == "label" else "Organization 1 - Name"),
        },
        organization=organization or None,
        referred_by=_referrers(cells.numbered("relation"), label),
    )
