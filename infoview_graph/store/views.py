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
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from infoview_graph.errors import NotFoundError
from infoview_graph.lifecycle import Standing, standing
from infoview_graph.models import Interview, Organization, Outreach, Person, Referral
from infoview_graph.store.sqlite import Store
from infoview_graph.timing import Responsiveness, classify

__all__ = [
    "OrganizationDetails",
    "PersonDetails",
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

    def to_json(self) -> dict[str, Any]:
        """Return every stored attribute as one JSON-ready object."""
        data = self.person.model_dump(mode="json")
        data["my_tie_strength"] = self.my_tie
        data["responsiveness"] = self.responsiveness
        data["stage"] = self.standing.stage if self.standing else None
        data["standing"] = self.standing.model_dump(mode="json") if self.standing else None
        for key in ("referred_by", "referred", "outreach", "interviews"):
            data[key] = [r.model_dump(mode="json") for r in getattr(self, key)]
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
    return PersonDetails(
        person=person,
        my_tie=tie.strength if tie is not None else None,
        referred_by=referred_by,
        referred=tuple(store.referrals_from(person.id)),
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
    org = store.find_organization(query)
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
        found_field = store.find_field(field)
        if found_field is None:
            raise NotFoundError(f"no career field has the id or name '{field}'")
        field_id = found_field.id
    if org is not None:
        found_org = store.find_organization(org)
        if found_org is None:
            raise NotFoundError(f"no organization has the id or name '{org}'")
        org_id = found_org.id
    return store.persons(field=field_id, org=org_id)
