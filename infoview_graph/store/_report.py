"""What an import hands over and what it reports: :class:`ParsedImport`, :class:`ImportReport`.

The store does not import the interop package (its sibling): an importer's result is any
object shaped like :class:`ParsedImport`.

Examples
--------
>>> print(ImportReport(file="a.csv", created=2).summary())
a.csv: imported 2 new people, update 0, leave 0 unchanged
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from infoview_graph.models import (
    CareerField,
    Organization,
    Person,
    Referral,
)

__all__ = ["DryRun", "ImportReport", "LikelyDuplicate", "ParsedImport"]


# --- what an importer hands over (structural: the store does not import interop) ------------


class _ProblemLike(Protocol):
    @property
    def line(self) -> int | None: ...


class _TieLike(Protocol):
    @property
    def person(self) -> str: ...
    @property
    def strength(self) -> int: ...
    @property
    def since(self) -> dt.date | None: ...


class _NamedReferralLike(Protocol):
    @property
    def referrer_name(self) -> str: ...
    @property
    def referee(self) -> str: ...
    @property
    def on(self) -> dt.date: ...
    @property
    def line(self) -> int | None: ...


class ParsedImport(Protocol):
    """What :func:`apply_import` needs: :class:`infoview_graph.interop.parsed.Parsed`.

    Examples
    --------
    >>> from infoview_graph.interop.parsed import Parsed
    >>> parsed: ParsedImport = Parsed(file="a.csv")
    >>> parsed.file, len(parsed.persons)
    ('a.csv', 0)
    """

    @property
    def file(self) -> str:
        """The file's name, for messages."""

    @property
    def persons(self) -> Sequence[Person]:
        """Persons with provisional ids."""

    @property
    def organizations(self) -> Sequence[Organization]:
        """Organizations by provisional id."""

    @property
    def fields(self) -> Sequence[CareerField]:
        """Career fields by provisional id."""

    @property
    def referrals(self) -> Sequence[Referral]:
        """Referrals between persons of the file."""

    @property
    def named_referrals(self) -> Sequence[_NamedReferralLike]:
        """Referrals whose referrer is only named."""

    @property
    def ties(self) -> Sequence[_TieLike]:
        """My tie to each person."""

    @property
    def lines(self) -> Mapping[str, int]:
        """The line of each person, by provisional id."""

    @property
    def problems(self) -> Sequence[_ProblemLike]:
        """Rows the importer skipped (``str()`` gives file, line and reason)."""


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LikelyDuplicate:
    """An imported person who may be someone already known: merge them if so.

    Attributes
    ----------
    person_id : str
        The person the row became (or updated).
    others : tuple of str
        The persons they may duplicate.
    line : int or None
        The row.
    reason : str
        Why they look alike ("same name", "shares an email with …").

    Examples
    --------
    >>> print(LikelyDuplicate("ann-lee-2", ("ann-lee",), 7, "has the same name as"))
    line 7: 'ann-lee-2' has the same name as ann-lee; if they are one person:
    referrals person merge ann-lee ann-lee-2 --yes
    """

    person_id: str
    others: tuple[str, ...]
    line: int | None
    reason: str

    def __str__(self) -> str:
        others = ", ".join(self.others)
        where = f"line {self.line}: " if self.line is not None else ""
        return (
            f"{where}'{self.person_id}' {self.reason} {others}; if they are one person: "
            f"referrals person merge {self.others[0]} {self.person_id} --yes"
        )


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do).

    Attributes
    ----------
    file : str
        The file imported.
    dry_run : bool
        True if nothing was saved.
    created, updated, unchanged : int
        Persons new, changed (an attribute filled, a tie made stronger) and already known
        as they are.
    organizations_created, fields_created, referrals_created : int
        Other records created.
    likely_duplicates : tuple of LikelyDuplicate
        Persons to check, and the command that merges them.
    problems : tuple of str
        Rows not imported (``skip_invalid``), as "FILE, line N: reason".
    changes : tuple of str
        One line per person created or updated (ids and attribute names, no values).
    notes : tuple of str
        Everything else worth saying.
    rows : int
        Rows (or cards) read from the file (None if not counted); every one is imported (it
        made, updated or matched a person), merged into an earlier row's person, refused
        (an email, URL or UID another row or person has, under another name) or skipped
        (invalid, or without any name): ``rows = rows_imported + rows_merged +
        rows_refused + rows_skipped``.
    rows_imported, rows_merged, rows_refused : int
        How many rows ended each way.

    Examples
    --------
    >>> ImportReport(file="a.csv", created=1, organizations_created=1).summary()
    'a.csv: imported 1 new people, update 0, leave 0 unchanged; 1 new organizations'
    """

    file: str
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organizations_created: int = 0
    fields_created: int = 0
    referrals_created: int = 0
    likely_duplicates: tuple[LikelyDuplicate, ...] = ()
    problems: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    rows: int | None = None
    rows_imported: int = 0
    rows_merged: int = 0
    rows_refused: int = 0

    @property
    def rows_skipped(self) -> int:
        """Rows read that were neither imported, merged nor refused (invalid, or empty).

        Examples
        --------
        >>> ImportReport(file="a.csv", rows=5, rows_imported=3, rows_refused=1).rows_skipped
        1
        """
        return max((self.rows or 0) - self.rows_imported - self.rows_merged - self.rows_refused, 0)

    def summary(self) -> str:
        """One line: what was (or would be) imported.

        Examples
        --------
        >>> ImportReport(file="a.vcf", created=2, unchanged=1, dry_run=True).summary()
        'a.vcf: would import 2 new people, update 0, leave 1 unchanged (dry run: nothing saved)'
        """
        verb = "would import" if self.dry_run else "imported"
        text = (
            f"{self.file}: {verb} {self.created} new people, update {self.updated}, "
            f"leave {self.unchanged} unchanged"
        )
        extra = [
            f"{n} new {what}"
            for n, what in (
                (self.organizations_created, "organizations"),
                (self.fields_created, "career fields"),
                (self.referrals_created, "referrals"),
            )
            if n
        ]
        if extra:
            text += "; " + ", ".join(extra)
        if self.rows is not None:
            text += f" — {self.rows} rows read: {self.rows_imported} imported"
            if self.rows_merged:
                text += f", {self.rows_merged} merged into an earlier row's person"
            if self.rows_refused:
                text += (
                    f", {self.rows_refused} refused (another name with the same email, URL or UID)"
                )
            if self.rows_skipped:
                text += f"; skipped {self.rows_skipped} invalid rows"
        elif self.problems:
            text += f"; skipped {len(self.problems)} invalid rows"
        return text + (" (dry run: nothing saved)" if self.dry_run else "")


class DryRun(Exception):
    """Raised inside a transaction to roll it back after a dry run made its report.

    Examples
    --------
    >>> DryRun(ImportReport(file="a.csv")).report.file
    'a.csv'
    """

    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report
