"""Changing the store's records: inserts, replacements, removals, targets.

:class:`Changes` adds the store's writes to :class:`~infoview_graph.store._find.Lookups`.
Each checks that the ids a record names exist, so an error is the library's (naming the
missing id), not SQLite's; each must run inside :meth:`~StoreConnection.write`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TypeVar

from infoview_graph.errors import DuplicateError, InvalidInputError, NotFoundError, StoreError
from infoview_graph.models import (
    CareerField,
    FollowUp,
    Interview,
    Organization,
    Outreach,
    Person,
    Question,
    Record,
    Referral,
    Target,
    Tie,
)
from infoview_graph.store._find import Lookups
from infoview_graph.store._tables import (
    _FIELDS,
    _FOLLOWUPS,
    _INTERVIEWS,
    _ORGS,
    _OUTREACH,
    _PERSONS,
    _QUESTIONS,
    _REFERRALS,
    _TABLE_OF,
    _TIES,
    _Table,
)

__all__ = ["Changes"]

_R = TypeVar("_R", bound=Record)


class Changes(Lookups):
    """The store's changes of records (the base of :class:`~infoview_graph.store.Store`)."""

    def insert_all(self, records: Sequence[Record]) -> None:
        """Insert new records of one kind in bulk, links included (inside :meth:`write`).

        Parameters
        ----------
        records : sequence of CareerField, Organization, Referral, Question, …
            New records, all of one type; an existing key is an error of SQLite.

        Examples
        --------
        >>> from infoview_graph.models import CareerField
        >>> from infoview_graph.store import open_store
        >>> with open_store(":memory:") as store, store.write():
        ...     store.insert_all([CareerField(id="tax", name="Tax")])
        ...     [f.name for f in store.fields()]
        ['Tax']
        """
        if records:
            self._insert_many(_TABLE_OF[type(records[0])], records)

    def index_emails(self, people: Sequence[Person]) -> None:
        """Record the people's emails in the lookup table (inside :meth:`write`).

        Raises
        ------
        DuplicateError
            If an email already belongs to someone else.
        """
        self._index_emails(people)

    def _index_emails(self, people: Sequence[Person]) -> None:
        # Emails compare without case; an email belongs to one person only.
        self._con.executemany(
            "DELETE FROM person_emails WHERE person = ?", [(p.id,) for p in people]
        )
        try:
            self._con.executemany(
                "INSERT INTO person_emails (email, person) VALUES (?, ?)",
                [
                    (email, p.id)
                    for p in people
                    for email in dict.fromkeys(e.lower() for e in p.emails)
                ],
            )
        except sqlite3.IntegrityError:
            raise DuplicateError(
                "an email belongs to another person already; "
                "see 'referrals person list --json' to find them"
            ) from None

    def _insert(self, table: _Table[_R], record: _R, *, replace: bool = False) -> None:
        if not self._in_write:
            raise StoreError("changes must run inside 'with store.write():'")
        row = table.row(record)
        names = ", ".join(row)
        marks = ", ".join(f":{c}" for c in row)
        if replace:
            keys = ", ".join(table.columns[k] for k in table.key)
            updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in keys)
            conflict = f" ON CONFLICT({keys}) DO UPDATE SET {updates}" if updates else ""
            sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks}){conflict}"
        else:
            sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
        try:
            self._con.execute(sql, row)
        except sqlite3.IntegrityError as error:
            if "UNIQUE" in str(error) or "PRIMARY KEY" in str(error):
                key = "/".join(str(getattr(record, k)) for k in table.key)
                raise DuplicateError(
                    f"a record in {table.name} with the key '{key}' exists already"
                ) from None
            raise
        owner = getattr(record, table.key[0])
        for attr, link_table, own, other in table.links:
            self._con.execute(f"DELETE FROM {link_table} WHERE {own} = ?", (owner,))
            self._con.executemany(
                f"INSERT INTO {link_table} ({own}, {other}) VALUES (?, ?)",
                [(owner, value) for value in getattr(record, attr)],
            )

    def _require_person(self, person_id: str | None) -> None:
        if person_id is not None and not self._exists("persons", person_id):
            raise NotFoundError(f"no person has the id '{person_id}'")

    def _require(self, table: str, what: str, ids: Sequence[str | None]) -> None:
        for key in ids:
            if key is not None and not self._exists(table, key):
                raise NotFoundError(f"no {what} has the id '{key}'")

    def add_person(self, person: Person, *, replace: bool = False) -> None:
        """Insert a person (or, with ``replace``, overwrite the one with the same id).

        Raises
        ------
        DuplicateError
            If the id is taken (without ``replace``), or a second self person is added.
        InvalidInputError
            If a replacement would change who is 'me' (``is_self``).
        NotFoundError
            If the organization or a field does not exist.
        """
        self._require("organizations", "organization", [person.organization])
        self._require(
            "organizations", "organization", [p.organization for p in person.past_positions]
        )
        self._require("fields", "career field", list(person.fields))
        if person.is_self:
            current = self._con.execute("SELECT id FROM persons WHERE is_self = 1").fetchone()
            if current is not None and current[0] != person.id:
                raise DuplicateError("the store already has a 'me'; there is exactly one")
        if (
            replace
            and not person.is_self
            and self._exists("persons", person.id)
            and self.person(person.id).is_self
        ):
            raise InvalidInputError("'is_self' cannot change; there is exactly one 'me'")
        self._insert(_PERSONS, person, replace=replace)
        self._index_emails([person])

    def remove_person(self, person_id: str) -> None:
        """Delete a person and every record that involves them.

        Ties, referrals, outreach, interviews and follow-ups about them go too (foreign keys
        cascade); outreach that named them as ``via`` keeps the attempt without the name.
        ``secure_delete`` overwrites the freed pages, and the write-ahead log is checkpointed
        and truncated once the transaction commits, so no copy of the data remains in the
        store's files.

        Raises
        ------
        NotFoundError
            If no person has that id.
        InvalidInputError
            If the person is 'me'.
        """
        person = self.person(person_id)
        if person.is_self:
            raise InvalidInputError("'me' cannot be forgotten; start a new store instead")
        self._con.execute("DELETE FROM persons WHERE id = ?", (person_id,))
        self._checkpoint_after_commit = True

    def add_organization(self, org: Organization, *, replace: bool = False) -> None:
        """Insert an organization whose fields exist (or overwrite it, with ``replace``)."""
        self._require("fields", "career field", list(org.fields))
        self._insert(_ORGS, org, replace=replace)

    def add_field(self, field: CareerField, *, replace: bool = False) -> None:
        """Insert a career field whose related fields exist."""
        self._require("fields", "career field", list(field.related))
        self._insert(_FIELDS, field, replace=replace)

    def add_tie(self, tie: Tie) -> None:
        """Insert the tie between two persons, or update it if they already know each other."""
        self._require("persons", "person", [tie.a, tie.b])
        self._insert(_TIES, tie, replace=True)

    def add_referral(self, referral: Referral, *, replace: bool = False) -> None:
        """Insert a referral between two existing persons (or overwrite, with ``replace``)."""
        self._require("persons", "person", [referral.referrer, referral.referee])
        self._require("fields", "career field", [referral.for_field])
        self._require("organizations", "organization", [referral.for_org])
        self._insert(_REFERRALS, referral, replace=replace)

    def add_outreach(self, outreach: Outreach, *, replace: bool = False) -> None:
        """Insert a contact attempt (or overwrite the one with its id)."""
        self._require("persons", "person", [outreach.person, outreach.via])
        self._insert(_OUTREACH, outreach, replace=replace)

    def add_interview(self, interview: Interview, *, replace: bool = False) -> None:
        """Insert an interview (or overwrite the one with its id)."""
        self._require("persons", "person", [interview.person, *interview.referrals])
        self._insert(_INTERVIEWS, interview, replace=replace)

    def add_followup(self, followup: FollowUp, *, replace: bool = False) -> None:
        """Insert a stored follow-up (or overwrite the one with its id)."""
        self._require("persons", "person", [followup.person])
        self._insert(_FOLLOWUPS, followup, replace=replace)

    def add_question(self, question: Question, *, replace: bool = False) -> None:
        """Insert a question of the user's own (or overwrite the one with its id)."""
        self._insert(_QUESTIONS, question, replace=replace)

    def set_target(self, target: Target) -> None:
        """Add a target field or organization, or change its priority."""
        if not self._in_write:
            raise StoreError("changes must run inside 'with store.write():'")
        column = "field" if target.kind == "field" else "org"
        table, what = (
            ("fields", "career field") if column == "field" else ("organizations", "organization")
        )
        self._require(table, what, [target.id])
        self._con.execute(
            f"INSERT INTO targets ({column}, priority) VALUES (?, ?) "
            f"ON CONFLICT({column}) WHERE {column} IS NOT NULL "
            "DO UPDATE SET priority = excluded.priority",
            (target.id, target.priority),
        )

    def remove_target(self, kind: str, target_id: str) -> None:
        """Remove a target (:class:`NotFoundError` if it is not one)."""
        column = "field" if kind == "field" else "org"
        deleted = self._con.execute(f"DELETE FROM targets WHERE {column} = ?", (target_id,))
        if deleted.rowcount == 0:
            raise NotFoundError(f"'{target_id}' is not one of your target {column}s")

    def _insert_many(self, table: _Table[_R], records: Sequence[_R]) -> None:
        if not records:
            return
        rows = [table.row(r) for r in records]
        names = ", ".join(rows[0])
        marks = ", ".join(f":{c}" for c in rows[0])
        self._con.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows)
        for attr, link_table, own, other in table.links:
            self._con.executemany(
                f"INSERT INTO {link_table} ({own}, {other}) VALUES (?, ?)",
                [(getattr(r, table.key[0]), v) for r in records for v in getattr(r, attr)],
            )
