"""Read-only views over the store for one record and its neighbourhood.

These read only the rows about one person or organization, never the whole network, so
``referrals person show`` stays fast on a store of any size.

Examples
--------
>>> from infoview_graph.store import open_store
>>> from infoview_graph.store.actions import add_contact, init_store
>>> store = open_store(":memory:")
>>> _ = init_store(store, "Steven Olson")
>>> _ = add_contact(store, "Brad Johnson", how="friend")
>>> person_details(store, "brad johnson").my_tie
4
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from infoview_graph.errors import NotFoundError
from infoview_graph.lifecycle import Standing, standing
from infoview_graph.models import Interview, Organization, Outreach, Person, Referral
from infoview_graph.store._find import or_none
from infoview_graph.store.sqlite import Store
from infoview_graph.timing import Responsiveness, classify

__all__ = [
    "CatalogNames",
    "OrganizationDetails",
    "PersonDetails",
    "catalog_names",
    "list_contacts",
    "organization_details",
    "person_details",
]


class PersonDetails(BaseModel):
    """A person with everything recorded about them."""

    model_config = ConfigDict(frozen=True)

    person: Person
    my_tie: int | None
    """The strength of my tie to them, or None if I have not met them."""
    referred_by: tuple[Referral, ...]
    referred: tuple[Referral, ...]
    outreach: tuple[Outreach, ...]
    interviews: tuple[Interview, ...]
    standing: Standing | None
    """Where they stand in the contact lifecycle (None for me)."""
    responsiveness: Responsiveness
    """Booster, obligate, curmudgeon or unknown (:func:`infoview_graph.timing.classify`)."""
    names: dict[str, str] = {}
    """The names of the organization, career fields and persons named above, by id."""

    def name(self, record_id: str) -> str:
        """Return the name of a record named in these details (its id if unknown).

        Examples
        --------
        >>> from infoview_graph.demo import demo_data
        >>> from infoview_graph.store import open_store
        >>> with open_store(":memory:") as store:
        ...     store.write_data(demo_data())
        ...     details = person_details(store, "Brad Johnson")
        >>> details.name(details.person.organization)
        'General Mills'
        """
        return self.names.get(record_id, record_id)

    def to_json(self) -> dict[str, Any]:
        """Return every stored attribute as one JSON-ready object.

        Beside each id of another record, its name: ``organization_name``, ``field_names``,
        and ``referrer_name`` / ``referee_name`` in the referrals.
        """
        data = self.person.model_dump(mode="json")
        org = self.person.organization
        data["organization_name"] = self.name(org) if org else None
        data["field_names"] = [self.name(f) for f in self.person.fields]
        data["my_tie_strength"] = self.my_tie
        data["responsiveness"] = self.responsiveness
        data["stage"] = self.standing.stage if self.standing else None
        data["standing"] = self.standing.model_dump(mode="json") if self.standing else None
        for key in ("referred_by", "referred", "outreach", "interviews"):
            data[key] = [r.model_dump(mode="json") for r in getattr(self, key)]
        for item in (*data["referred_by"], *data["referred"]):
            item["referrer_name"] = self.name(item["referrer"])
            item["referee_name"] = self.name(item["referee"])
        return data


def person_details(store: Store, query: str, *, today: dt.date | None = None) -> PersonDetails:
    """Return a person (by id, ``me`` or unambiguous name), their records and their stage.

    ``today`` (default: the store's ``as_of`` date, else today) is the day their standing
    and responsiveness are judged on; both come from the same rules as every other
    command's (:func:`infoview_graph.lifecycle.standing`, :func:`infoview_graph.timing.classify`).

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``query`` names nobody, or several persons.
    """
    person = store.find_person(query)
    me = store.me()
    day = today or store.as_of() or dt.date.today()
    tie = None if person.is_self else store.tie(me.id, person.id)
    referred_by = tuple(store.referrals_to(person.id))
    outreach = tuple(store.outreach_to(person.id))
    interviews = tuple(store.interviews_with(person.id))
    where = None
    if not person.is_self:
        where = standing(
            person,
            outreach=outreach,
            interviews=interviews,
            referrals=referred_by,
            my_tie=tie.strength if tie is not None else None,
            today=day,
        )
    referred = tuple(store.referrals_from(person.id))
    names = {person.id: person.name}
    if person.organization:
        names[person.organization] = store.organization(person.organization).name
    names |= {f: store.field(f).name for f in person.fields}
    for r in (*referred_by, *referred):
        for pid in (r.referrer, r.referee):
            names.setdefault(pid, store.person(pid).name)
    return PersonDetails(
        person=person,
        my_tie=tie.strength if tie is not None else None,
        referred_by=referred_by,
        referred=referred,
        names=names,
        outreach=outreach,
        interviews=interviews,
        standing=where,
        responsiveness=classify(outreach, interviews, today=day),
    )


class OrganizationDetails(BaseModel):
    """An organization with the people who work there."""

    model_config = ConfigDict(frozen=True)

    organization: Organization
    people: tuple[Person, ...]
    target_priority: int | None

    def to_json(self) -> dict[str, Any]:
        """Return every stored attribute as one JSON-ready object."""
        data = self.organization.model_dump(mode="json")
        data["people"] = [{"id": p.id, "name": p.name, "title": p.title} for p in self.people]
        data["target_priority"] = self.target_priority
        return data


def organization_details(store: Store, query: str) -> OrganizationDetails:
    """Return an organization (by id, name or alias) and who works there.

    Raises
    ------
    NotFoundError
        If no organization has that id or name.
    """
    org = or_none(store.find_organization, query)
    if org is None:
        raise NotFoundError(
            f"no organization has the id or name '{query}'; see 'referrals org list'"
        )
    priority = next(
        (t.priority for t in store.targets() if t.kind == "org" and t.id == org.id), None
    )
    return OrganizationDetails(
        organization=org, people=tuple(store.persons(org=org.id)), target_priority=priority
    )


class CatalogNames(BaseModel):
    """The names of the organizations and career fields, by id, to show beside their ids."""

    model_config = ConfigDict(frozen=True)

    organizations: dict[str, str]
    """Organization names by id."""
    fields: dict[str, str]
    """Career field names by id."""

    def organization(self, org_id: str | None) -> str | None:
        """Return an organization's name (its id if unknown; None for None)."""
        return None if org_id is None else self.organizations.get(org_id, org_id)

    def field_names(self, field_ids: tuple[str, ...] | list[str]) -> list[str]:
        """Return the names of career fields, in the order given (an id if unknown).

        Examples
        --------
        >>> names = CatalogNames(organizations={}, fields={"finance": "Corporate finance"})
        >>> names.field_names(("finance", "gone"))
        ['Corporate finance', 'gone']
        """
        return [self.fields.get(f, f) for f in field_ids]


def catalog_names(store: Store) -> CatalogNames:
    """Return the names of every organization and career field: two queries, any store size.

    Examples
    --------
    >>> from infoview_graph.demo import demo_data
    >>> from infoview_graph.store import open_store
    >>> with open_store(":memory:") as store:
    ...     store.write_data(demo_data())
    ...     names = catalog_names(store)
    >>> names.organization("general-mills"), names.field_names(["finance"])
    ('General Mills', ['Corporate finance'])
    """
    return CatalogNames(
        organizations={o.id: o.name for o in store.organizations()},
        fields={f.id: f.name for f in store.fields()},
    )


def list_contacts(
    store: Store, *, field: str | None = None, org: str | None = None
) -> list[Person]:
    """Return the persons, by id, optionally only those in a field or at an organization.

    ``field`` and ``org`` are ids or names.

    Raises
    ------
    NotFoundError
        If the field or organization does not exist.
    """
    field_id = org_id = None
    if field is not None:
        found_field = or_none(store.find_field, field)
        if found_field is None:
            raise NotFoundError(f"no career field has the id or name '{field}'")
        field_id = found_field.id
    if org is not None:
        found_org = or_none(store.find_organization, org)
        if found_org is None:
            raise NotFoundError(f"no organization has the id or name '{org}'")
        org_id = found_org.id
    return store.persons(field=field_id, org=org_id)
