"""The shared half of every contact importer: rows in, a :class:`~.parsed.Parsed` out.

A reader turns each row of its format into a :class:`Row` — plain values keyed by the
:class:`~infoview_graph.models.Person` attribute, plus the column each came from — and
hands it to a :class:`Collector`, which validates it, gives it a provisional id, gathers the
organizations and fields it names, and records a :class:`~.parsed.Problem` naming the column
(never the value) when the row breaks a rule. :meth:`Collector.finish` resolves referrals
named within the file and raises :class:`~infoview_graph.errors.ImportFileError` if any row
was bad and skipping was not asked for.

Examples
--------
>>> import datetime as dt
>>> c = Collector("people.csv", skip_invalid=True, today=dt.date(2026, 11, 20), strength=1)
>>> c.add(Row(line=2, person={"name": "Ada Lovelace", "emails": ("ada@example.org",)},
...           columns={"name": "Name", "emails": "Email"}, organization="Analytical Engines"))
'ada-lovelace'
>>> c.add(Row(line=3, person={"name": "Bob", "emails": ("bob",)},
...           columns={"name": "Name", "emails": "Email"}))
>>> parsed = c.finish()
>>> [p.organization for p in parsed.persons]
['analytical-engines']
>>> print(parsed.problems[0])
people.csv, line 3: column 'Email' is not an email address;
write it as name@example.org
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from infoview_graph.errors import ImportFileError
from infoview_graph.interop.parsed import NamedReferral, Parsed, ParsedTie, Problem
from infoview_graph.models import CareerField, Organization, Person, Referral, slugify
from infoview_graph.network import name_key

__all__ = [
    "UID_TAG",
    "Collector",
    "Progress",
    "Row",
    "RowProblem",
    "import_error",
    "join_name",
    "parse_day",
    "profile_url",
    "reasons",
    "split_name",
]

UID_TAG = "vcard-uid:"
"""Tags starting with this keep a vCard's ``UID``, so that re-imports find the person."""

Progress = Callable[[int, int], None]
"""A callback told ``(rows done, rows in all)`` while a long file is read."""

_PROGRESS_EVERY = 500
# http(s)://[any subdomain.]linkedin.com/path — the host must end right there.
_LINKEDIN = re.compile(
    r"https?://(?:[a-z0-9-]+\.)*linkedin\.com(?::\d+)?(/[^?#\s]*)?(?:[?#]\S*)?", re.IGNORECASE
)
# Line and paragraph separators (and NEL) inside free text are line breaks the models would
# refuse as control characters; in notes they become the newlines they stand for.
_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"})


@dataclass
class Row:
    """One contact as read from a file, before validation.

    ``person`` holds :class:`~infoview_graph.models.Person` attributes other than ``id``,
    ``organization`` and ``fields``; ``columns`` names the column each attribute (and
    ``organization``, ``fields``, ``since``) came from, for messages.

    Examples
    --------
    >>> Row(line=2, person={"name": "Ada"}, columns={"name": "Name"}).strength is None
    True
    """

    line: int
    person: dict[str, Any]
    columns: Mapping[str, str]
    organization: str | None = None
    fields: Sequence[str] = ()
    strength: int | None = None
    since: dt.date | None = None
    referred_by: Sequence[str] = ()
    referred_by_uid: Sequence[str] = ()
    uid: str | None = None


class RowProblem(Exception):
    """Raised by a reader's row parser: the row is bad for this reason (names the column).

    Examples
    --------
    >>> str(RowProblem("column 'Connected On' is not a date"))
    "column 'Connected On' is not a date"
    """


def profile_url(value: str) -> str:
    """Return a profile URL in the form used as a de-duplication key.

    LinkedIn writes the same profile as ``http://linkedin.com/in/ada/`` or
    ``https://www.linkedin.com/in/ada``: its URLs are reduced to ``https://www.linkedin.com``
    plus the path without a trailing slash, query or fragment. Other URLs only lose outer
    white space.

    Examples
    --------
    >>> profile_url(" http://LinkedIn.com/in/ada-lovelace/?trk=x ")
    'https://www.linkedin.com/in/ada-lovelace'
    >>> profile_url("https://example.org/ada/")
    'https://example.org/ada/'
    """
    text = value.strip()
    # A regular expression, not urlsplit: this runs once per row of 30,000-row files.
    match = _LINKEDIN.fullmatch(text)
    if match is None:
        return text
    return "https://www.linkedin.com" + (match.group(1) or "").rstrip("/")


def split_name(name: str) -> tuple[str, str]:
    """Split a display name into (given names, family name) at its last space.

    >>> split_name("Ada King Lovelace"), split_name("Cher")
    (('Ada King', 'Lovelace'), ('', 'Cher'))
    """
    given, _, family = name.strip().rpartition(" ")
    return given, family


def join_name(*parts: str | None) -> str:
    """Join name parts with single spaces, skipping empty ones.

    >>> join_name(" Ada ", None, "", "Lovelace")
    'Ada Lovelace'
    """
    return " ".join(" ".join(p.split()) for p in parts if p and p.strip())


def _message(item: Mapping[str, Any]) -> str:
    # The same wording as models.invalid_input, with the column in place of the attribute.
    message = str(item["msg"]).removeprefix("Value error, ")
    if item["type"] == "string_unicode":
        return "contains a character that is not text (a lone surrogate); remove it"
    if item["type"] == "missing":
        return "is required"
    if item["type"] == "string_too_long":
        return "is too long; shorten it"
    if not message.startswith(("is ", "must ", "contains ", "has ")):
        return f"— {message[0].lower()}{message[1:]}"
    return message


def reasons(error: ValidationError, columns: Mapping[str, str]) -> str:
    """Say what is wrong with a row, naming columns (never values).

    Examples
    --------
    >>> try:
    ...     Person(id="x", name=" ", url="ftp://x")
    ... except ValidationError as e:
    ...     print(reasons(e, {"name": "First Name + Last Name", "url": "URL"}))
    column 'First Name + Last Name' must not be empty;
    column 'URL' is not a web address; write it as https://example.org/…
    """
    parts = []
    for item in error.errors(include_input=False, include_url=False):
        loc = item["loc"]
        attribute = str(loc[0]) if loc else ""
        where = f"column '{columns[attribute]}'" if attribute in columns else attribute
        parts.append(f"{where} {_message(item)}".strip())
    return "; ".join(dict.fromkeys(parts))


class Collector:
    """Validate rows into persons with provisional ids; gather organizations and fields.

    Parameters
    ----------
    file : str
        The file's name, for problems.
    skip_invalid : bool
        Whether :meth:`finish` returns despite bad rows (listing them) or raises.
    today : datetime.date
        The date given to referrals the file does not date.
    strength : int
        My tie strength to a person whose row does not give one.
    progress : callable, optional
        Told ``(rows done, rows in all)`` every 500 rows, and once at the end; a reader
        that streams its file sets :attr:`estimate` to guess the rows in all.

    Examples
    --------
    >>> c = Collector("a.csv", skip_invalid=False, today=dt.date(2026, 1, 5), strength=0)
    >>> c.add(Row(line=2, person={"name": "Ada"}, columns={}))
    'ada'
    >>> len(c.finish().persons)
    1
    """

    def __init__(
        self,
        file: str,
        *,
        skip_invalid: bool,
        today: dt.date,
        strength: int,
        progress: Progress | None = None,
    ) -> None:
        self.file = file
        self.skip_invalid = skip_invalid
        self.today = today
        self.strength = strength
        self.progress = progress
        self.total = 0
        self.estimate: Callable[[int], int] | None = None
        self.rows = 0
        self.notes: list[str] = []
        self._problems: list[Problem] = []
        self._persons: list[Person] = []
        self._lines: dict[str, int] = {}
        self._ids: set[str] = set()
        self._org_ids: set[str] = set()
        self._field_ids: set[str] = set()
        self._next: dict[tuple[int, str], int] = {}
        self._orgs: dict[str, Organization] = {}
        self._fields: dict[str, CareerField] = {}
        self._ties: list[ParsedTie] = []
        self._named: list[tuple[str, str, int]] = []
        self._by_uid: list[tuple[str, str, int]] = []
        self._uids: dict[str, str] = {}

    def problem(self, line: int | None, reason: str) -> None:
        """Record that the row at ``line`` cannot be imported, and why."""
        self._problems.append(Problem(file=self.file, line=line, reason=reason))

    def tick(self) -> None:
        """Count one row read (for the progress callback)."""
        self.rows += 1
        if self.progress is not None and (self.rows % _PROGRESS_EVERY == 0):
            total = self.estimate(self.rows) if self.estimate is not None else self.total
            self.progress(self.rows, max(total, self.rows))

    def _unique(self, base: str, taken: set[str]) -> str:
        # One counter per base: thousands of names that all slugify to "x" stay O(n).
        key = (id(taken), base)
        n = self._next.get(key, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        self._next[key] = n
        return candidate

    def _organization(self, row: Row) -> Organization | None:
        if not row.organization or not row.organization.strip():
            return None
        name = " ".join(row.organization.split())
        key = name_key(name) or name
        if key in self._orgs:
            return self._orgs[key]
        org_id = self._unique(slugify(name), self._org_ids)
        try:
            return Organization(id=org_id, name=name)
        except ValidationError as error:
            raise RowProblem(
                reasons(error, {"name": row.columns.get("organization", "organization")})
            ) from None

    def _field(self, row: Row, text: str) -> CareerField:
        name = " ".join(text.split())
        key = name_key(name) or name
        if key in self._fields:
            return self._fields[key]
        field_id = self._unique(slugify(name), self._field_ids)
        try:
            return CareerField(id=field_id, name=name)
        except ValidationError as error:
            raise RowProblem(
                reasons(error, {"name": row.columns.get("fields", "fields")})
            ) from None

    def add(self, row: Row) -> str | None:
        """Validate one row; return the person's provisional id, or None if it is bad."""
        notes = row.person.get("notes")
        if isinstance(notes, str):
            row.person["notes"] = notes.translate(_SEPARATORS)
        try:
            org = self._organization(row)
            fields = [self._field(row, f) for f in row.fields if f.strip()]
            name = row.person.get("name")
            base = slugify(name) if isinstance(name, str) else "x"
            person_id = self._unique("me-2" if base == "me" else base, self._ids)
            person = Person(
                id=person_id,
                organization=org.id if org is not None else None,
                fields=tuple(f.id for f in fields),
                **row.person,
            )
        except RowProblem as problem:
            self.problem(row.line, str(problem))
            return None
        except ValidationError as error:
            self.problem(row.line, reasons(error, row.columns))
            return None
        if org is not None:
            self._orgs.setdefault(name_key(org.name) or org.name, org)
            self._org_ids.add(org.id)
        for career_field in fields:
            self._fields.setdefault(name_key(career_field.name) or career_field.name, career_field)
            self._field_ids.add(career_field.id)
        self._ids.add(person.id)
        self._persons.append(person)
        self._lines[person.id] = row.line
        strength = self.strength if row.strength is None else row.strength
        self._ties.append(ParsedTie(person=person.id, strength=strength, since=row.since))
        self._named.extend((person.id, n, row.line) for n in row.referred_by if n.strip())
        self._by_uid.extend((person.id, u, row.line) for u in row.referred_by_uid if u.strip())
        if row.uid:
            self._uids.setdefault(row.uid, person.id)
            self._uids.setdefault(row.uid.removeprefix("urn:uuid:"), person.id)
        return person.id

    def finish(self) -> Parsed:
        """Resolve referrals named within the file and return the result.

        Raises
        ------
        ImportFileError
            If a row was bad and ``skip_invalid`` is false; nothing is returned then.
        """
        referrals: dict[tuple[str, str], Referral] = {}
        named: list[NamedReferral] = []
        by_name: dict[str, list[str]] = {}
        for person in self._persons:
            by_name.setdefault(name_key(person.name), []).append(person.id)
        pending: list[tuple[str, list[str], str | None, int]] = [
            (referee, by_name.get(name_key(n), []), n, line) for referee, n, line in self._named
        ]
        for referee, uid, line in self._by_uid:
            match = self._uids.get(uid) or self._uids.get(uid.removeprefix("urn:uuid:"))
            pending.append((referee, [match] if match else [], None, line))
        for referee, found, text, line in pending:
            if len(found) > 1:
                self.problem(
                    line,
                    f"the referrer's name fits {len(found)} people in this file; "
                    "record the referral by hand with 'referrals refer'",
                )
            elif found and found[0] == referee:
                self.problem(line, "the contact is named as their own referrer; remove it")
            elif found:
                on = self.today
                referrals.setdefault(
                    (found[0], referee), Referral(referrer=found[0], referee=referee, on=on)
                )
            elif text is not None:
                named.append(
                    NamedReferral(
                        referrer_name=" ".join(text.split()), referee=referee, on=self.today,
                        line=line,
                    )
                )  # fmt: skip
            else:
                self.notes.append(
                    f"line {line}: a related contact's UID is not in this file; "
                    "that referral was left out"
                )
        if self._problems and not self.skip_invalid:
            raise import_error(self.file, self._problems)
        if self.progress is not None and self.rows:
            self.progress(self.rows, self.rows)
        return Parsed(
            file=self.file,
            persons=tuple(self._persons),
            organizations=tuple(self._orgs.values()),
            fields=tuple(self._fields.values()),
            referrals=tuple(referrals.values()),
            named_referrals=tuple(named),
            ties=tuple(self._ties),
            lines=self._lines,
            problems=tuple(self._problems),
            notes=tuple(self.notes),
            rows=self.rows,
        )


def import_error(file: str, problems: Sequence[Problem | str]) -> ImportFileError:
    """Return the error for bad rows: the first few problems, and the advice to skip them.

    Examples
    --------
    >>> print(import_error("a.csv", [Problem(file="a.csv", line=2, reason="no name")]))
    a.csv, line 2: no name — nothing was imported; fix the row,
    or add --skip-invalid to import the others
    """
    lines = tuple(str(p) for p in problems)
    if len(lines) == 1:
        return ImportFileError(
            f"{lines[0]} — nothing was imported; fix the row, or add --skip-invalid to import "
            "the others",
            lines,
        )
    shown = " | ".join(lines[:3]) + (f" | … and {len(lines) - 3} more" if len(lines) > 3 else "")
    return ImportFileError(
        f"{file}: {len(lines)} rows cannot be imported, so nothing was; fix them, or add "
        f"--skip-invalid to import the others: {shown}",
        lines,
    )


_MONTHS = {
    # English: LinkedIn's "Connected On" is "15 Mar 2023"; strptime's %b would follow the
    # process locale, so the names are spelled out here.
    **dict.fromkeys(("jan", "january", "jän", "januar"), 1),
    **dict.fromkeys(("feb", "february", "februar"), 2),
    **dict.fromkeys(("mar", "march", "mär", "märz", "maerz"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("jun", "june", "juni"), 6),
    **dict.fromkeys(("jul", "july", "juli"), 7),
    **dict.fromkeys(("aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("oct", "october", "okt", "oktober"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dec", "december", "dez", "dezember"), 12),
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ .-]+([^\W\d_]+)\.?[ .-]+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_day(text: str) -> dt.date:
    """Parse "15 Mar 2023" (English or German month names), "2023-03-15" or "15.03.2023".

    Raises
    ------
    ValueError
        If the text is none of these, or not a real date.

    Examples
    --------
    >>> parse_day("15 Mar 2023"), parse_day("1 März 2024"), parse_day("2023-03-15")
    (datetime.date(2023, 3, 15), datetime.date(2024, 3, 1), datetime.date(2023, 3, 15))
    """
    text = text.strip()
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
        number = _MONTHS.get(month.casefold())
        if number is None:
            raise ValueError("unknown month name")
        return dt.date(int(year), number, int(day))
    if match := _ISO.fullmatch(text):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DOTTED.fullmatch(text):
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    raise ValueError("not a date")
