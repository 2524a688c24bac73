"""The referral network: every record of one job search, indexed for the algorithms.

:class:`ReferralNetwork` holds the records (:mod:`infoview_graph.models`, the source of
truth) and keeps dictionary indexes for the typed accessors. Its ties have one owner, a
:class:`~infoview_graph.ties.TieTable` (CSR arrays over the persons sorted by id), which
answers every question about ties: one person's (:meth:`ReferralNetwork.strengths`), one
pair's (:meth:`ReferralNetwork.tie`), all of them (:meth:`ReferralNetwork.ties`), and the
arrays the numpy kernels search (:meth:`ReferralNetwork.compact`). The network holds no
NetworkX graph: :func:`infoview_graph.graph.to_networkx` builds one, of the whole network or
of the part around some people, when one is wanted.

Examples
--------
>>> from infoview_graph.models import NetworkData, Person, Tie
>>> net = ReferralNetwork(NetworkData(
...     persons=(Person(id="steven", name="Steven Olson", is_self=True),
...              Person(id="brad", name="Brad Johnson")),
...     ties=(Tie(a="steven", b="brad", strength=3),)))
>>> net.me.name
'Steven Olson'
>>> net.find_person("brad johnson").id
'brad'
>>> dict(net.strengths("steven"))
{'brad': 3}
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from infoview_graph._bulk import paused_gc
from infoview_graph._summary import html_table, one_line
from infoview_graph.errors import DuplicateError, InvalidInputError, NotFoundError
from infoview_graph.groups import Groups
from infoview_graph.models import (
    CareerField,
    FieldId,
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    OrgId,
    Outreach,
    Person,
    PersonId,
    Question,
    Referral,
    Target,
    Tie,
)
from infoview_graph.names import lookup_person_id, name_key
from infoview_graph.people import Column, PersonTable
from infoview_graph.records import NetworkRecords
from infoview_graph.ties import TieTable

if TYPE_CHECKING:
    from infoview_graph.compact import Compact

__all__ = ["ReferralNetwork", "field_node", "name_key", "org_node"]

_R = TypeVar("_R")
_T = TypeVar("_T")


def org_node(org_id: OrgId) -> str:
    """Return the graph node of an organization.

    Examples
    --------
    >>> org_node("general-mills")
    'org:general-mills'
    """
    return f"org:{org_id}"


def field_node(field_id: FieldId) -> str:
    """Return the graph node of a career field.

    Examples
    --------
    >>> field_node("accounting")
    'field:accounting'
    """
    return f"field:{field_id}"


class ReferralNetwork(NetworkRecords):
    """Contacts, organizations, fields and the events between them, as one network.

    Parameters
    ----------
    data : NetworkData, optional
        The records to start from. Every id a record names must exist, and there must be at
        most one person with ``is_self``.
    ties : TieTable, optional
        The ties, already as a table over exactly the network's persons (a store reads them
        so, without a record per tie); ``data.ties`` are then added to it.
    people : PersonTable, optional
        Persons whose records are built when asked for (a store reads them so); their
        organizations and fields must exist in ``data``, which then holds no persons.

    Raises
    ------
    NotFoundError
        If a record names an id that does not exist.
    DuplicateError
        If two records share an id, more than one person is ``is_self``, or ``ties`` covers
        other persons than ``data``'s.

    Notes
    -----
    Building costs O(n + m) for n records and m ties, the ties kept in about 10 bytes each.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> net.me.name, net.find_person("brad johnson").organization
    ('Steven Olson', 'general-mills')
    >>> [r.referee for r in net.referrals_from("brad-johnson")]
    ['mrs-smith']
    >>> net.tie("steven-olson", "brad-johnson").strength
    4
    """

    def __init__(
        self,
        data: NetworkData | None = None,
        *,
        ties: TieTable | None = None,
        people: PersonTable | None = None,
    ) -> None:
        super().__init__()
        if people is not None:
            self._persons = people
        self._by_name: dict[str, list[PersonId]] | None = None
        self._self_id: PersonId | None = None
        if people is not None:
            selves = people.flagged("is_self")
            if len(selves) > 1:
                raise DuplicateError("two persons are 'me'; there is exactly one 'me'")
            self._self_id = selves[0] if selves else None
        # The one owner of the ties: a Tie object per tie would cost ~10x the memory on a
        # network of millions of ties, a dictionary per person ~20x.
        self._ties = TieTable() if ties is None else ties
        self._given_ties = ties is not None
        if people is not None and ties is None:
            for pid in people:
                self._ties.add_person(pid)
        self.as_of = data.as_of if data is not None else None
        if data is not None:
            with paused_gc():
                self._load(data)
        if ties is not None:
            self._given_ties = False
            ids = self._persons.ids()  # a store's persons come sorted by id
            if ties.ids != ids and ties.ids != sorted(ids):
                raise DuplicateError("the tie table's persons are not the network's; rebuild it")

    # --- building ------------------------------------------------------------------------

    def _load(self, data: NetworkData) -> None:
        # Nodes first, then check every reference once: records may name each other in any
        # order (a field related to one listed after it).
        for field in data.fields:
            self._put(self._fields, field.id, field, "career field")
        for org in data.organizations:
            self._put(self._orgs, org.id, org, "organization")
        for person in data.persons:
            self._index_person(person)
        for org in data.organizations:
            self._check_org(org)
        for field in data.fields:
            for related in field.related:
                self.field(related)
        for person in data.persons:
            self._check_person(person)
        _refuse_duplicates("tie", [(t.a, t.b) for t in data.ties])
        _refuse_duplicates("referral", [(r.referrer, r.referee) for r in data.referrals])
        for what, records in (
            ("outreach", data.outreach),
            ("interview", data.interviews),
            ("follow-up", data.followups),
            ("question", data.questions),
        ):
            _refuse_duplicates(what, [r.id for r in records])
        _refuse_duplicates("target", [(t.kind, t.id) for t in data.targets])
        for tie in data.ties:
            self.add_tie(tie)
        if self._persons.has_all(_event_persons(data)):
            # Every person the events name exists, each distinct id looked up once (a
            # million people's events name tens of thousands of ids, many several times):
            # the records go in with their other references checked.
            for referral in data.referrals:
                self._check_referral_goal(referral)
                self._put_referral(referral)
            self._outreach.update((o.id, o) for o in data.outreach)
            self._interviews.update((i.id, i) for i in data.interviews)
            self._followups.update((f.id, f) for f in data.followups)
        else:  # one record at a time, so that the error names the first that fails
            for referral in data.referrals:
                self.add_referral(referral)
            for outreach in data.outreach:
                self.add_outreach(outreach)
            for interview in data.interviews:
                self.add_interview(interview)
            for followup in data.followups:
                self.add_followup(followup)
        for target in data.targets:
            self.add_target(target)
        for question in data.questions:
            self.add_question(question)

    @staticmethod
    def _put(table: dict[str, _R], key: str, record: _R, what: str) -> None:
        if key in table:
            raise DuplicateError(f"a {what} with id '{key}' exists already; choose another id")
        table[key] = record

    def _index_person(self, person: Person) -> None:
        if person.id in self._persons:
            raise DuplicateError(
                f"a person with id '{person.id}' exists already; choose another id"
            )
        if person.is_self:
            if self._self_id is not None and self._self_id != person.id:
                raise DuplicateError(
                    "the network already has a self person; there is exactly one 'me'"
                )
            self._self_id = person.id
        self._persons.put(person)
        if self._by_name is not None:
            self._by_name.setdefault(name_key(person.name), []).append(person.id)
        if not self._given_ties:
            self._ties.add_person(person.id)

    def _check_person(self, person: Person) -> None:
        if person.organization is not None:
            self.organization(person.organization)
        for position in person.past_positions:
            self.organization(position.organization)
        for field in person.fields:
            self.field(field)

    def _check_org(self, org: Organization) -> None:
        for field in org.fields:
            self.field(field)

    def _changed(self) -> None:
        self._derived.clear()

    def add_person(self, person: Person) -> None:
        """Add a person whose organization and fields exist.

        Raises
        ------
        DuplicateError
            If the id is taken, or the person is a second ``is_self``.
        NotFoundError
            If the organization or a field does not exist.
        """
        self._check_person(person)
        self._index_person(person)
        self._changed()

    def replace_person(self, person: Person) -> None:
        """Replace the stored person with the same id (edit in place).

        Raises
        ------
        NotFoundError
            If no person has that id, or the new organization or a field does not exist.
        """
        old = self.person(person.id)
        self._check_person(person)
        if person.is_self != old.is_self:
            raise InvalidInputError("'is_self' cannot change; there is exactly one 'me'")
        self._persons.put(person)
        if self._by_name is not None:
            self._by_name[name_key(old.name)].remove(old.id)
            self._by_name.setdefault(name_key(person.name), []).append(person.id)
        self._changed()

    def remove_person(self, person_id: PersonId) -> None:
        """Remove a person and every record that involves them ("forget").

        Outreach that used them as ``via`` keeps the attempt but loses the name.

        Raises
        ------
        NotFoundError
            If no person has that id.
        """
        person = self.person(person_id)
        if person.is_self:
            raise InvalidInputError("'me' cannot be forgotten; start a new store instead")
        self._persons.remove(person_id)
        if self._by_name is not None:
            self._by_name[name_key(person.name)].remove(person_id)
        self._ties.remove_person(person_id)
        for referee in self._referrals_from.pop(person_id, {}):
            del self._referrals_to[referee][person_id]
        for referrer in self._referrals_to.pop(person_id, {}):
            del self._referrals_from[referrer][person_id]
        for key, outreach in list(self._outreach.items()):
            if outreach.person == person_id:
                del self._outreach[key]
            elif outreach.via == person_id:
                self._outreach[key] = outreach.model_copy(update={"via": None})
        for key, interview in list(self._interviews.items()):
            if interview.person == person_id:
                del self._interviews[key]
            elif person_id in interview.referrals:
                kept = tuple(p for p in interview.referrals if p != person_id)
                self._interviews[key] = interview.model_copy(update={"referrals": kept})
        for key, followup in list(self._followups.items()):
            if followup.person == person_id:
                del self._followups[key]
        self._changed()

    def add_organization(self, org: Organization) -> None:
        """Add an organization whose fields exist."""
        self._check_org(org)
        self._put(self._orgs, org.id, org, "organization")
        self._changed()

    def add_field(self, field: CareerField) -> None:
        """Add a career field whose related fields exist."""
        for related in field.related:
            self.field(related)
        self._put(self._fields, field.id, field, "career field")
        self._changed()

    def add_tie(self, tie: Tie) -> None:
        """Add a tie between two existing persons, replacing any tie between them."""
        self._require(tie.a)
        self._require(tie.b)
        self._ties.set(tie.a, tie.b, tie.strength, context=tie.context, since=tie.since)
        self._changed()

    def compact(self) -> Compact:
        """Return the ties as CSR arrays over persons sorted by id, for the numpy kernels.

        The tie table's own view, read-only; a change to the network makes a new one.
        """
        return self._ties.csr()

    def add_referral(self, referral: Referral) -> None:
        """Add (or replace) the referral from ``referrer`` to ``referee``."""
        self._require(referral.referrer)
        self._require(referral.referee)
        self._check_referral_goal(referral)
        self._put_referral(referral)
        self._changed()

    def _check_referral_goal(self, referral: Referral) -> None:
        if referral.for_field is not None:
            self.field(referral.for_field)
        if referral.for_org is not None:
            self.organization(referral.for_org)

    def _put_referral(self, referral: Referral) -> None:
        self._referrals_from.setdefault(referral.referrer, {})[referral.referee] = referral
        self._referrals_to.setdefault(referral.referee, {})[referral.referrer] = referral

    def add_outreach(self, outreach: Outreach) -> None:
        """Add (or replace, by id) a contact attempt."""
        self._require(outreach.person)
        if outreach.via is not None:
            self._require(outreach.via)
        self._outreach[outreach.id] = outreach
        self._changed()

    def add_interview(self, interview: Interview) -> None:
        """Add (or replace, by id) an interview."""
        self._require(interview.person)
        for referee in interview.referrals:
            self._require(referee)
        self._interviews[interview.id] = interview
        self._changed()

    def add_followup(self, followup: FollowUp) -> None:
        """Add (or replace, by id) a stored follow-up."""
        if followup.person is not None:
            self._require(followup.person)
        self._followups[followup.id] = followup
        self._changed()

    def add_target(self, target: Target) -> None:
        """Add (or re-prioritise) a target field or organization."""
        if target.kind == "field":
            self.field(target.id)
        else:
            self.organization(target.id)
        self._targets[(target.kind, target.id)] = target
        self._changed()

    def add_question(self, question: Question) -> None:
        """Add (or replace, by id) a question of the user's own."""
        self._questions[question.id] = question
        self._changed()

    # --- accessors -----------------------------------------------------------------------

    @property
    def me(self) -> Person:
        """The user (the one person with ``is_self``).

        Raises
        ------
        NotFoundError
            If the network has no self person yet.
        """
        if self._self_id is None:
            raise NotFoundError("the network has no 'me' yet; run 'referrals init --name NAME'")
        return self._persons[self._self_id]

    def person(self, person_id: PersonId) -> Person:
        """Return the person with this id.

        Raises
        ------
        NotFoundError
            If there is none.
        """
        try:
            return self._persons[person_id]
        except KeyError:
            raise NotFoundError(f"no person has the id '{person_id}'") from None

    def find_person(self, query: str) -> Person:
        """Return the person named by an id, ``"me"``, a name, or a unique part of one.

        Names match case-insensitively and ignoring punctuation and repeated spaces; a unique
        first name, last name or id prefix names its person too. The rules are
        :func:`~infoview_graph.names.lookup_person_id`'s, the same as the store's.

        Raises
        ------
        NotFoundError
            If nothing matches; the message names the closest person, when one is close.
        AmbiguousNameError
            If the name fits several persons; the message lists their ids.

        Examples
        --------
        >>> from infoview_graph.models import NetworkData, Person
        >>> net = ReferralNetwork(NetworkData(persons=(
        ...     Person(id="ann-1", name="Ann Lee"), Person(id="ann-2", name="Ann Lee"))))
        >>> net.find_person("ann lee")
        Traceback (most recent call last):
        ...
        infoview_graph.errors.AmbiguousNameError: 'ann lee' fits 2 persons: ann-1, ann-2; use an id
        >>> net.find_person("Ann Le")
        Traceback (most recent call last):
        ...
        infoview_graph.errors.NotFoundError: no person named 'Ann Le' — did you mean Ann Lee?
        """
        person_id = lookup_person_id(
            query,
            me=lambda: self.me.id,
            has_id=self._persons.__contains__,
            named=self._persons_named,
            people=self._ids_and_names,
        )
        return self._persons[person_id]

    def _ids_and_names(self) -> tuple[list[PersonId], list[str]]:
        names = self._persons.column("name")
        return list(names), list(names.values())

    def _persons_named(self, key: str) -> list[PersonId]:
        if self._by_name is None:
            self._by_name = {}
            for pid, name in self._persons.column("name").items():
                self._by_name.setdefault(name_key(name), []).append(pid)
        return self._by_name.get(key, [])

    def persons(self) -> Iterator[Person]:
        """Iterate over every person, ``me`` included.

        Persons read from a store become records here, all of them: prefer
        :meth:`person_column` to rank or filter, and :meth:`person` for the few to show.
        """
        return self._persons.records()

    def persons_of(self, person_ids: Sequence[PersonId]) -> tuple[Person, ...]:
        """Return the persons with these ids, in that order, their records built together.

        On a network read lazily (``Store.load_network(lazy=True)``) the rows not read yet
        are read in one query: prefer this to :meth:`person` in a loop.

        Raises
        ------
        NotFoundError
            If an id names no person.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> [p.name for p in demo_network().persons_of(["brad-johnson", "steven-olson"])]
        ['Brad Johnson', 'Steven Olson']
        """
        try:
            return self._persons.records_of(person_ids)
        except KeyError as error:
            raise NotFoundError(f"no person has the id '{error.args[0]}'") from None

    def person_column(self, name: Column) -> Mapping[PersonId, Any]:
        """Return one attribute of every person, ``{id: value}``, without building records.

        ``name`` is ``"name"``, ``"organization"``, ``"fields"`` (a tuple of field ids),
        ``"is_self"`` or ``"do_not_contact"``. A read-only mapping over the network's
        persons (:class:`~infoview_graph.people.ColumnView`): O(1) to make and per person
        read, O(n) to iterate; ``dict(...)`` of it for a copy that stays as it is.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> demo_network().person_column("organization")["brad-johnson"]
        'general-mills'
        """
        return self._persons.column(name)

    def person_ids(self) -> Iterator[PersonId]:
        """Iterate over every person's id, ``me`` included, in the order of :meth:`persons`."""
        return iter(self._persons)

    def tie(self, a: PersonId, b: PersonId) -> Tie | None:
        """Return the tie between two persons, or None if they do not know each other."""
        self._require(a)
        self._require(b)
        strength = self._ties.strength(a, b)
        return None if strength is None else self._tie(a, b, strength)

    def _tie(self, a: PersonId, b: PersonId, strength: int) -> Tie:
        pair = (a, b) if a < b else (b, a)
        context, since = self._ties.details(a, b)
        # Built from values that were validated on the way in: no second validation.
        return Tie.model_construct(
            a=pair[0], b=pair[1], strength=strength, context=context, since=since
        )

    def ties_of(self, person_id: PersonId) -> dict[PersonId, Tie]:
        """Return the person's ties, keyed by the other person's id (a new dict)."""
        return {
            other: self._tie(person_id, other, strength)
            for other, strength in self.strengths(person_id).items()
        }

    def strengths(self, person_id: PersonId) -> Mapping[PersonId, int]:
        """Return a read-only view of the person's ties: other person's id → strength.

        The cheap accessor for algorithms: no record is built.
        """
        self._require(person_id)
        return MappingProxyType(self._ties.neighbours(person_id))

    def ties(self, persons: Collection[PersonId] | None = None) -> Iterator[Tie]:
        """Iterate over every tie once, or over the ties between two of ``persons``.

        O(m) for every tie; O(sum of their degrees) for the ties among some persons.
        """
        rows = self._ties.rows() if persons is None else self._ties.rows_among(persons)
        for a, b, strength in rows:
            yield self._tie(a, b, strength)

    def around(self, persons: Collection[PersonId], *, radius: int = 1) -> list[PersonId]:
        """Return the persons within ``radius`` ties of any of ``persons``, sorted by id.

        O(sum of the degrees reached) numpy work.

        Raises
        ------
        NotFoundError
            If a person does not exist.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> net = demo_network()
        >>> "brad-johnson" in net.around(["steven-olson"])
        True
        """
        for pid in persons:
            self._require(pid)
        return self._ties.around(persons, radius=radius)

    def number_of_ties(self) -> int:
        """Return the number of ties."""
        return len(self._ties)

    def members(self, org_id: OrgId) -> tuple[Person, ...]:
        """Return the persons whose current organization is this one, by id.

        The first call indexes every person by organization (O(n)); later calls until the
        next change cost O(members).
        """
        self.organization(org_id)
        found = self.person_groups("organization").get(org_id, ())
        return self._persons.records_of(found)

    def member_ids(self, org_id: OrgId) -> tuple[PersonId, ...]:
        """Return the ids of :meth:`members`, sorted, without building their records."""
        self.organization(org_id)
        return self.person_groups("organization").get(org_id, ())

    def in_field(self, field_id: FieldId) -> tuple[Person, ...]:
        """Return the persons working in a career field, by id (indexed like :meth:`members`)."""
        self.field(field_id)
        found = self.person_groups("fields").get(field_id, ())
        return self._persons.records_of(found)

    def in_field_ids(self, field_id: FieldId) -> tuple[PersonId, ...]:
        """Return the ids of :meth:`in_field`, sorted, without building their records."""
        self.field(field_id)
        return self.person_groups("fields").get(field_id, ())

    def person_groups(self, column: Literal["organization", "fields"]) -> Groups:
        """Return every person grouped by organization or by field, as arrays.

        Codes per person over the persons sorted by id (the order of :meth:`compact`) and
        the members of each organization or field; kept until the next change. O(n log n)
        vectorised work the first time, from :meth:`person_column`.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> groups = demo_network().person_groups("organization")
        >>> groups.get("general-mills")[:2]
        ('aisha-rahman', 'brad-johnson')
        """
        return self.derived(f"members-by-{column}", lambda _: self._grouped(column))

    def _grouped(self, column: Literal["organization", "fields"]) -> Groups:
        keys = (
            item.id
            for item in (self.organizations() if column == "organization" else self.fields())
        )
        coded = self._persons.coded()  # the store's codes, while no person changed
        if coded is not None:
            return Groups.of_codes(self._persons.ids(), keys, coded, fields=column == "fields")
        return Groups.of_column(self.person_column(column), keys, many=column == "fields")

    def __len__(self) -> int:
        """Return the number of persons."""
        return len(self._persons)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._persons

    def __repr__(self) -> str:
        """Say whose network it is and how big, in one line.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> demo_network()  # doctest: +ELLIPSIS
        <ReferralNetwork of Steven Olson: 40 people, 71 ties, 13 referrals, 11 outreach, ...>
        """
        return one_line(self)

    def _repr_html_(self) -> str:
        """Show the network as a small table in a notebook; every name is escaped.

        Examples
        --------
        >>> from infoview_graph.demo import demo_network
        >>> "<td>Steven Olson</td>" in demo_network()._repr_html_()
        True
        """
        return html_table(self)

    # --- export --------------------------------------------------------------------------

    def to_data(self) -> NetworkData:
        """Return every record as one :class:`NetworkData`, in canonical order.

        Examples
        --------
        >>> from infoview_graph.models import NetworkData, Person
        >>> data = NetworkData(persons=(Person(id="me", name="Me", is_self=True),))
        >>> ReferralNetwork(data).to_data() == data.sorted()
        True
        """
        return NetworkData(
            persons=tuple(self._persons.records()),
            organizations=tuple(self._orgs.values()),
            fields=tuple(self._fields.values()),
            ties=tuple(self.ties()),
            referrals=tuple(self.referrals()),
            outreach=tuple(self._outreach.values()),
            interviews=tuple(self._interviews.values()),
            followups=tuple(self._followups.values()),
            targets=tuple(self._targets.values()),
            questions=tuple(self._questions.values()),
            as_of=self.as_of,
        ).sorted()


def _event_persons(data: NetworkData) -> Iterator[PersonId]:
    """Yield every person id the referrals, outreach, interviews and follow-ups name."""
    for referral in data.referrals:
        yield referral.referrer
        yield referral.referee
    for outreach in data.outreach:
        yield outreach.person
        if outreach.via is not None:
            yield outreach.via
    for interview in data.interviews:
        yield interview.person
        yield from interview.referrals
    for followup in data.followups:
        if followup.person is not None:
            yield followup.person


def _refuse_duplicates(what: str, keys: list[object]) -> None:
    seen: set[object] = set()
    for key in keys:
        if key in seen:
            shown = "/".join(key) if isinstance(key, tuple) else str(key)
            raise DuplicateError(f"two {what} records have the key '{shown}'; keep one")
        seen.add(key)
