"""Finding records in the store: by id, by name, by what they are about.

:class:`Lookups` adds the store's reads of single records and small sets to
:class:`~infoview_graph.store._connection.StoreConnection`; each reads O(1) rows through an
index, except where its docstring says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from pydantic import TypeAdapter

from infoview_graph.errors import InvalidInputError, NotFoundError
from infoview_graph.models import (
    CareerField,
    Interview,
    Organization,
    Outreach,
    Person,
    Record,
    Referral,
    Target,
    Tie,
    slugify,
)
from infoview_graph.names import lookup_person_id, match_field, match_organization, name_key
from infoview_graph.store._columns import cached_columns
from infoview_graph.store._connection import StoreConnection
from infoview_graph.store._tables import (
    _FIELDS,
    _INTERVIEWS,
    _ORGS,
    _OUTREACH,
    _PERSONS,
    _REFERRALS,
    _TABLE_OF,
    _TABLES,
    _TARGETS_SELECT,
    _TIES,
    _Table,
)

__all__ = ["Lookups", "or_none"]

_R = TypeVar("_R", bound=Record)


def or_none(find: Callable[[str], _R], query: str) -> _R | None:
    """Return what ``find(query)`` finds, or None where it raises :class:`NotFoundError`.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> with open_store(":memory:") as store:
    ...     print(or_none(store.find_field, "Accounting"))
    None
    """
    try:
        return find(query)
    except NotFoundError:
        return None


class Lookups(StoreConnection):
    """The store's lookups of records (the base of :class:`~infoview_graph.store.Store`)."""

    def records(self, kind: type[_R]) -> list[_R]:
        """Return every stored record of one type (Question, FollowUp, …), in key order.

        Examples
        --------
        >>> from infoview_graph.models import Question
        >>> from infoview_graph.store import open_store
        >>> with open_store(":memory:") as store:
        ...     store.records(Question)
        []
        """
        table: _Table[_R] = _TABLE_OF[kind]
        return self._all(table)

    def me(self) -> Person:
        """Return the user (the self person).

        Raises
        ------
        NotFoundError
            If the store has none (it was never initialised).
        """
        found = self._one(_PERSONS, "WHERE is_self = 1", ())
        if found is None:
            raise NotFoundError("the store has no 'me'; run 'referrals init --name NAME'")
        return found

    def person(self, person_id: str) -> Person:
        """Return the person with this id (:class:`NotFoundError` if none)."""
        found = self._one(_PERSONS, "WHERE id = ?", (person_id,))
        if found is None:
            raise NotFoundError(f"no person has the id '{person_id}'")
        return found

    def find_person(self, query: str) -> Person:
        """Return the person named by an id, ``"me"``, a name, or a unique part of one.

        The rules are :func:`~infoview_graph.names.lookup_person_id`'s, the same as
        :meth:`ReferralNetwork.find_person <infoview_graph.network.ReferralNetwork.find_person>`:
        an id or a whole name is found through the store's indexes; a first name, last name or
        id prefix, and a miss, read every person's id and name once.

        Raises
        ------
        NotFoundError
            If nothing matches; the message names the closest person, when one is close.
        AmbiguousNameError
            If the name fits several persons; the message lists their ids.
        """
        person_id = lookup_person_id(
            query,
            me=lambda: self.me().id,
            has_id=lambda pid: self._exists("persons", pid),
            named=self._persons_named,
            people=self._people_by_id,
        )
        return self.person(person_id)

    def _exists(self, table: str, key: str) -> bool:
        sql = f"SELECT 1 FROM {table} WHERE id = ?"
        return self._con.execute(sql, (key,)).fetchone() is not None

    def _persons_named(self, key: str) -> list[str]:
        sql = "SELECT id FROM persons WHERE name_key = ? ORDER BY id LIMIT 2"
        return [pid for (pid,) in self._con.execute(sql, (key,))]

    def _people_by_id(self) -> tuple[list[str], list[str]]:
        """Return every person's id and name, as two aligned lists (by id).

        From the person cache when it is current (see :mod:`~infoview_graph.store._columns`),
        else — a change since the last command that loaded the network made it stale — as
        two texts SQLite joins in one pass (about half the time of a row per person: no tuple
        each). SQLite joins them in the order of the rows given, by id; the lookup checks
        that, and sorts them if not.
        """
        with self.read():
            kept = cached_columns(self._con)[1]
            if kept is not None:
                columns = kept[0]
                return columns["id"], columns["name"]
            count, ids, names = self._con.execute(
                "SELECT count(*), group_concat(id, char(0)), group_concat(name, char(0)) "
                "FROM (SELECT id, name FROM persons ORDER BY id)"
            ).fetchone()
            if not count:
                return [], []
            if ids.count("\0") == names.count("\0") == count - 1:
                return ids.split("\0"), names.split("\0")
            # A name holds a NUL (no valid one does): a row each.
            rows = self._con.execute("SELECT id, name FROM persons ORDER BY id").fetchall()
        return [pid for pid, _ in rows], [name for _, name in rows]

    def person_names(self) -> Iterator[tuple[str, str]]:
        """Iterate over every person as ``(id, name)``, by id.

        Examples
        --------
        >>> from infoview_graph.store import actions, open_store
        >>> with open_store(":memory:") as store:
        ...     _ = actions.init_store(store, "Steven Olson")
        ...     list(store.person_names())
        [('steven-olson', 'Steven Olson')]
        """
        yield from self._con.execute("SELECT id, name FROM persons ORDER BY id")

    def persons(self, *, field: str | None = None, org: str | None = None) -> list[Person]:
        """Return the persons, by id, optionally only those in a field or organization."""
        clauses, params = [], []
        if field is not None:
            clauses.append("t.id IN (SELECT person FROM person_fields WHERE field = ?)")
            params.append(field)
        if org is not None:
            clauses.append("t.organization = ?")
            params.append(org)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return sorted(self._all(_PERSONS, where, params), key=lambda p: p.id)

    def find_by_contact(
        self, *, url: str | None = None, emails: Sequence[str] = ()
    ) -> list[tuple[str, str]]:
        """Return ``(person id, "profile URL" or "email")`` for persons with this URL or email.

        The keys by which imports and ``person add`` recognise someone already known.
        """
        found: list[tuple[str, str]] = []
        if url is not None:
            rows = self._con.execute("SELECT id FROM persons WHERE url = ?", (url,))
            found += [(pid, "profile URL") for (pid,) in rows]
        if emails:
            marks = ", ".join("?" for _ in emails)
            rows = self._con.execute(
                f"SELECT DISTINCT person FROM person_emails WHERE email IN ({marks})",
                tuple(e.lower() for e in emails),
            )
            found += [(pid, "email") for (pid,) in rows]
        return sorted(found)

    def count(self, table: str) -> int:
        """Return the number of rows in one of the store's tables."""
        if table not in {t.name for t in _TABLES} | {"targets"}:
            raise InvalidInputError(f"unknown table '{table}'")
        return int(self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def organization(self, org_id: str) -> Organization:
        """Return the organization with this id (:class:`NotFoundError` if none)."""
        found = self._one(_ORGS, "WHERE id = ?", (org_id,))
        if found is None:
            raise NotFoundError(f"no organization has the id '{org_id}'")
        return found

    def find_organization(self, query: str) -> Organization:
        """Return the organization with this id, name or alias (any case).

        The same contract as :meth:`ReferralNetwork.find_organization
        <infoview_graph.network.ReferralNetwork.find_organization>`; :func:`or_none` turns
        "not found" into None.

        Raises
        ------
        NotFoundError
            If nothing matches.
        AmbiguousNameError
            If the name fits several organizations.
        """
        found = self._one(_ORGS, "WHERE id = ?", (query,))
        if found is not None:
            return found
        # The index finds a name; an alias is sought among the organizations that have any.
        where = "WHERE name_key = ? OR aliases <> '[]'"
        return match_organization(query, self._all(_ORGS, where, (name_key(query),)))

    def organizations(self) -> list[Organization]:
        """Return every organization, by id."""
        return sorted(self._all(_ORGS), key=lambda o: o.id)

    def field(self, field_id: str) -> CareerField:
        """Return the career field with this id (:class:`NotFoundError` if none)."""
        found = self._one(_FIELDS, "WHERE id = ?", (field_id,))
        if found is None:
            raise NotFoundError(f"no career field has the id '{field_id}'")
        return found

    def find_field(self, query: str) -> CareerField:
        """Return the career field with this id or name (any case).

        Raises
        ------
        NotFoundError
            If nothing matches (:func:`or_none` turns that into None).
        """
        found = self._one(_FIELDS, "WHERE id = ?", (query,))
        if found is not None:
            return found
        return match_field(query, self._all(_FIELDS, "WHERE name_key = ?", (name_key(query),)))

    def fields(self) -> list[CareerField]:
        """Return every career field, by id."""
        return sorted(self._all(_FIELDS), key=lambda f: f.id)

    def tie(self, a: str, b: str) -> Tie | None:
        """Return the tie between two persons, or None."""
        low, high = sorted((a, b))
        return self._one(_TIES, "WHERE a = ? AND b = ?", (low, high))

    def ties_of(self, person_id: str) -> dict[str, Tie]:
        """Return the person's ties, keyed by the other person's id (as the network does)."""
        found = self._all(_TIES, "WHERE a = ? OR b = ?", (person_id, person_id))
        return {
            t.b if t.a == person_id else t.a: t for t in sorted(found, key=lambda t: (t.a, t.b))
        }

    def referral(self, referrer: str, referee: str) -> Referral | None:
        """Return the referral from ``referrer`` to ``referee``, or None."""
        return self._one(_REFERRALS, "WHERE referrer = ? AND referee = ?", (referrer, referee))

    def referrals_to(self, person_id: str) -> list[Referral]:
        """Return the referrals naming a person, by referrer."""
        found = self._all(_REFERRALS, "WHERE referee = ?", (person_id,))
        return sorted(found, key=lambda r: r.referrer)

    def referrals_from(self, person_id: str) -> list[Referral]:
        """Return the referrals a person gave, by referee."""
        found = self._all(_REFERRALS, "WHERE referrer = ?", (person_id,))
        return sorted(found, key=lambda r: r.referee)

    def outreach_to(self, person_id: str) -> list[Outreach]:
        """Return the contact attempts to a person, oldest first."""
        found = self._all(_OUTREACH, "WHERE person = ?", (person_id,))
        return sorted(found, key=lambda o: (o.on, o.id))

    def interviews_with(self, person_id: str) -> list[Interview]:
        """Return the interviews with a person, oldest first."""
        found = self._all(_INTERVIEWS, "WHERE person = ?", (person_id,))
        return sorted(found, key=lambda i: (i.on, i.id))

    def targets(self) -> list[Target]:
        """Return my targets, highest priority first."""
        text = self._con.execute(
            f"SELECT json_group_array(json(j)) FROM ({_TARGETS_SELECT} AS j FROM targets)"
        )
        found = TypeAdapter(list[Target]).validate_json(text.fetchone()[0])
        return sorted(found, key=lambda t: (t.priority, t.kind, t.id))

    def new_id(self, table: str, base: str) -> str:
        """Return ``base`` made unique in a table's ``id`` column (``base-2``, ``base-3``, …).

        Examples
        --------
        >>> from infoview_graph.store import open_store
        >>> with open_store(":memory:") as store:
        ...     store.new_id("persons", "ann-lee")
        'ann-lee'
        """
        if table not in {"persons", "organizations", "fields", "outreach", "interviews"} | {
            "followups",
            "questions",
        }:
            raise InvalidInputError(f"unknown table '{table}'")
        taken = {
            row[0]
            for row in self._con.execute(
                f"SELECT id FROM {table} WHERE id = ? OR id LIKE ?", (base, f"{base}-%")
            )
        }
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def new_person_id(self, name: str) -> str:
        """Return a fresh person id made from a name (see :func:`~models.slugify`).

        ``me`` is never given to a contact: it always names the user.
        """
        base = slugify(name)
        return self.new_id("persons", "me-2" if base == "me" else base)
