"""What an importer returns: validated records with provisional ids, and the problems found.

Importers never touch the store. They return a :class:`Parsed`: persons whose ids are
provisional (slugs of their names, unique within the file — the store gives final ids when
it merges them in), the organizations and career fields they name (matched by name later),
referrals between persons of the file, referrals that name their referrer only by name (to
be matched against the store), my tie to each person, and one :class:`Problem` per row that
could not be imported.

Examples
--------
>>> from infoview_graph.models import Person
>>> parsed = Parsed(file="Connections.csv", persons=(Person(id="ada", name="Ada"),),
...                 lines={"ada": 5})
>>> parsed.lines["ada"]
5
>>> str(Problem(file="Connections.csv", line=7, reason="column 'URL' is not a web address"))
"Connections.csv, line 7: column 'URL' is not a web address"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from infoview_graph.models import (
    CareerField,
    Organization,
    Person,
    PersonId,
    Referral,
    Strength,
)

__all__ = ["NamedReferral", "Parsed", "ParsedTie", "Problem"]


class _Result(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", hide_input_in_errors=True, use_attribute_docstrings=True
    )


class Problem(_Result):
    """Why one row (or the file) could not be imported: file, line and reason.

    The reason names the column at fault, never the value in it.

    Examples
    --------
    >>> str(Problem(file="a.vcf", reason="no vCard in the file"))
    'a.vcf: no vCard in the file'
    """

    file: str
    """The file, as the user named it."""
    line: int | None = None
    """The 1-based line the row starts on (None: the file as a whole)."""
    reason: str
    """What is wrong and how to fix it."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.reason}"


class ParsedTie(_Result):
    """My tie to one imported person.

    Examples
    --------
    >>> ParsedTie(person="ada", strength=0).since is None
    True
    """

    person: PersonId
    """The person's provisional id."""
    strength: Strength
    """0 = never met … 5 = close friend."""
    since: dt.date | None = None
    """Since when (LinkedIn's "Connected On")."""


class NamedReferral(_Result):
    """A referral whose referrer the file names only by name, to be matched in the store.

    Examples
    --------
    >>> named = NamedReferral(referrer_name="Ada Lovelace", referee="bob", on=dt.date(2026, 1, 5))
    >>> named.line is None
    True
    """

    referrer_name: str
    """The referrer's name as written ("Referred by: Ada Lovelace")."""
    referee: PersonId
    """The referee's provisional id."""
    on: dt.date
    """The day of the import (files do not date these)."""
    line: int | None = None
    """Where the referral was written."""


def _read_only(lines: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(lines))


class Parsed(_Result):
    """Everything an importer read from one file.

    Examples
    --------
    >>> Parsed(file="a.csv").persons, Parsed(file="a.csv").problems
    ((), ())
    """

    file: str
    """The file, as the user named it."""
    persons: tuple[Person, ...] = ()
    """The persons, with provisional ids."""
    organizations: tuple[Organization, ...] = ()
    """Organizations named by the persons (provisional ids; matched by name on import)."""
    fields: tuple[CareerField, ...] = ()
    """Career fields named by the persons (provisional ids; matched by name on import)."""
    referrals: tuple[Referral, ...] = ()
    """Referrals between persons of the file, by provisional ids."""
    named_referrals: tuple[NamedReferral, ...] = ()
    """Referrals whose referrer is not in the file, only named."""
    ties: tuple[ParsedTie, ...] = ()
    """My tie to each person."""
    lines: Annotated[Mapping[PersonId, int], AfterValidator(_read_only)] = Field(
        default_factory=dict
    )
    """The line each person comes from, by provisional id."""
    problems: tuple[Problem, ...] = ()
    """Rows that were skipped (only with ``skip_invalid``; otherwise the reader raised)."""
    notes: tuple[str, ...] = ()
    """Remarks on the file as a whole (an encoding guessed, rows without any data)."""
    rows: int = 0
    """How many data rows (or cards) the file has."""
