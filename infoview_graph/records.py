"""The records of a network besides its persons and ties, and the views derived from them.

:class:`NetworkRecords` is the base of :class:`~infoview_graph.network.ReferralNetwork`: it
holds the organizations, career fields, referrals, outreach, interviews, follow-ups, targets
and questions with their typed accessors, the person table
(:mod:`infoview_graph.people`) that every accessor checks ids against, and the cache of
derived views (:meth:`NetworkRecords.derived`). Building and changing a network, and its
persons and ties, are :class:`~infoview_graph.network.ReferralNetwork`'s.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> net.find_organization("General Mills").id
'general-mills'
>>> [r.referee for r in net.referrals_from("brad-johnson")]
['mrs-smith']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Self, TypeVar

from infoview_graph.errors import NotFoundError
from infoview_graph.models import (
    CareerField,
    FieldId,
    FollowUp,
    Interview,
    Organization,
    OrgId,
    Outreach,
    PersonId,
    Question,
    Referral,
    Target,
)
from infoview_graph.names import match_field, match_organization
from infoview_graph.people import PersonTable

__all__ = ["NetworkRecords"]

_T = TypeVar("_T")


class NetworkRecords:
    """Organizations, fields, events and goals of a network, with their accessors.

    Unknown ids raise :class:`~infoview_graph.errors.NotFoundError`, never a bare
    ``KeyError``.

    Examples
    --------
    >>> records = NetworkRecords()
    >>> records.targets(), list(records.organizations())
    ((), [])
    """

    def __init__(self) -> None:
        # Records of persons read from a store are built when asked for (see people.py).
        self._persons = PersonTable()
        self._orgs: dict[OrgId, Organization] = {}
        self._fields: dict[FieldId, CareerField] = {}
        self._referrals_from: dict[PersonId, dict[PersonId, Referral]] = {}
        self._referrals_to: dict[PersonId, dict[PersonId, Referral]] = {}
        self._outreach: dict[str, Outreach] = {}
        self._interviews: dict[str, Interview] = {}
        self._followups: dict[str, FollowUp] = {}
        self._targets: dict[tuple[str, str], Target] = {}
        self._questions: dict[str, Question] = {}
        self._derived: dict[str, object] = {}

    def derived(self, key: str, build: Callable[[Self], _T]) -> _T:
        """Return ``build(self)``, computed once and kept until the network next changes.

        For views that algorithms derive from the network (a compact adjacency, an index):
        they are rebuilt after any change, so they never go stale.

        Examples
        --------
        >>> from infoview_graph.network import ReferralNetwork
        >>> net = ReferralNetwork()
        >>> net.derived("size", len) is net.derived("size", lambda n: -1)
        True
        """
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]  # type: ignore[return-value]

    def _require(self, person_id: PersonId) -> None:
        if person_id not in self._persons:
            raise NotFoundError(f"no person has the id '{person_id}'")

    def organization(self, org_id: OrgId) -> Organization:
        """Return the organization with this id (:class:`NotFoundError` if none)."""
        try:
            return self._orgs[org_id]
        except KeyError:
            raise NotFoundError(f"no organization has the id '{org_id}'") from None

    def find_organization(self, query: str) -> Organization:
        """Return the organization with this id, name or alias (any case).

        Raises
        ------
        NotFoundError
            If nothing matches.
        AmbiguousNameError
            If the name fits several organizations.
        """
        if query in self._orgs:
            return self._orgs[query]
        return match_organization(query, self._orgs.values())

    def organizations(self) -> Iterator[Organization]:
        """Iterate over every organization."""
        return iter(self._orgs.values())

    def field(self, field_id: FieldId) -> CareerField:
        """Return the career field with this id (:class:`NotFoundError` if none)."""
        try:
            return self._fields[field_id]
        except KeyError:
            raise NotFoundError(f"no career field has the id '{field_id}'") from None

    def find_field(self, query: str) -> CareerField:
        """Return the career field with this id or name (any case).

        Raises
        ------
        NotFoundError
            If nothing matches.
        """
        if query in self._fields:
            return self._fields[query]
        return match_field(query, self._fields.values())

    def fields(self) -> Iterator[CareerField]:
        """Iterate over every career field."""
        return iter(self._fields.values())

    def related_fields(self, field_id: FieldId) -> tuple[FieldId, ...]:
        """Return the fields related to one, in either direction, sorted.

        Examples
        --------
        >>> from infoview_graph.models import CareerField, NetworkData
        >>> from infoview_graph.network import ReferralNetwork
        >>> net = ReferralNetwork(NetworkData(fields=(
        ...     CareerField(id="a", name="A", related=("b",)), CareerField(id="b", name="B"))))
        >>> net.related_fields("b")
        ('a',)
        """
        field = self.field(field_id)
        backwards = (f.id for f in self._fields.values() if field_id in f.related)
        return tuple(sorted({*field.related, *backwards}))

    def referrals_from(self, person_id: PersonId) -> tuple[Referral, ...]:
        """Return the referrals this person gave, by referee id."""
        self._require(person_id)
        given = self._referrals_from.get(person_id, {})
        return tuple(given[k] for k in sorted(given))

    def referrals_to(self, person_id: PersonId) -> tuple[Referral, ...]:
        """Return the referrals naming this person, by referrer id."""
        self._require(person_id)
        return _by_referrer(self._referrals_to.get(person_id, {}))

    def referrals_by_referee(self) -> Mapping[PersonId, tuple[Referral, ...]]:
        """Return the referrals naming each person, by referee id (read it, do not change it).

        Each as :meth:`referrals_to` returns it; only persons someone referred are keys.
        Made from the network's index of referrals by referee once (O(r log r) for r
        referrals) and kept until the next change: the lifecycle reads every person's
        referrals at once.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> net = demo_network()
        >>> net.referrals_by_referee()["mrs-smith"] == net.referrals_to("mrs-smith")
        True
        """
        return self.derived(
            "referrals-by-referee",
            lambda _: {pid: _by_referrer(got) for pid, got in self._referrals_to.items() if got},
        )

    def referrals(self) -> Iterator[Referral]:
        """Iterate over every referral."""
        for given in self._referrals_from.values():
            yield from given.values()

    def outreach(self) -> Iterator[Outreach]:
        """Iterate over every contact attempt."""
        return iter(self._outreach.values())

    def outreach_to(self, person_id: PersonId) -> tuple[Outreach, ...]:
        """Return the contact attempts to a person, oldest first (indexed: O(attempts))."""
        self._require(person_id)
        return self.outreach_by_person().get(person_id, ())

    def outreach_by_person(self) -> Mapping[PersonId, tuple[Outreach, ...]]:
        """Return every person's contact attempts, by person id (read it, do not change it).

        Each as :meth:`outreach_to` returns it (oldest first); only persons I contacted are
        keys. The index :meth:`outreach_to` reads, kept until the next change.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> net = demo_network()
        >>> net.outreach_by_person()["marcus-bell"] == net.outreach_to("marcus-bell") != ()
        True
        """
        return self.derived("outreach-by-person", _outreach_by_person)

    def interviews(self) -> Iterator[Interview]:
        """Iterate over every interview."""
        return iter(self._interviews.values())

    def interviews_with(self, person_id: PersonId) -> tuple[Interview, ...]:
        """Return the interviews with a person, oldest first (indexed: O(interviews))."""
        self._require(person_id)
        return self.interviews_by_person().get(person_id, ())

    def interviews_by_person(self) -> Mapping[PersonId, tuple[Interview, ...]]:
        """Return every person's interviews, by person id (read it, do not change it).

        Each as :meth:`interviews_with` returns it (oldest first); only persons I met are
        keys. The index :meth:`interviews_with` reads, kept until the next change.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> net = demo_network()
        >>> net.interviews_by_person()["marcus-bell"] == net.interviews_with("marcus-bell") != ()
        True
        """
        return self.derived("interviews-by-person", _interviews_by_person)

    def followups(self) -> Iterator[FollowUp]:
        """Iterate over the stored follow-ups."""
        return iter(self._followups.values())

    def targets(self) -> tuple[Target, ...]:
        """Return my targets, highest priority first."""
        return tuple(sorted(self._targets.values(), key=lambda t: (t.priority, t.kind, t.id)))

    def questions(self) -> tuple[Question, ...]:
        """Return the user's own questions, by id."""
        return tuple(self._questions[k] for k in sorted(self._questions))


def _outreach_by_person(network: NetworkRecords) -> dict[PersonId, tuple[Outreach, ...]]:
    groups: dict[PersonId, list[Outreach]] = {}
    for attempt in sorted(network.outreach(), key=lambda o: (o.on, o.id)):
        groups.setdefault(attempt.person, []).append(attempt)
    return {pid: tuple(found) for pid, found in groups.items()}


def _interviews_by_person(network: NetworkRecords) -> dict[PersonId, tuple[Interview, ...]]:
    groups: dict[PersonId, list[Interview]] = {}
    for interview in sorted(network.interviews(), key=lambda i: (i.on, i.id)):
        groups.setdefault(interview.person, []).append(interview)
    return {pid: tuple(found) for pid, found in groups.items()}


def _by_referrer(received: dict[PersonId, Referral]) -> tuple[Referral, ...]:
    return tuple(received[k] for k in sorted(received))
