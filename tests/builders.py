"""Small hand-drawn networks for unit tests: me, a few people, three fields, an employer.

Every test module that draws its network by hand builds it here, so that "me", the fields
and the organizations are the same everywhere and a test states only what it is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from infoview_graph.models import CareerField, NetworkData, Organization, Person, Tie
from infoview_graph.network import ReferralNetwork

FIELDS = (
    CareerField(id="accounting", name="Accounting", related=("auditing",)),
    CareerField(id="auditing", name="Auditing"),
    CareerField(id="writing", name="Writing"),
)
"""Accounting (related: auditing), auditing and writing."""
ACME = Organization(id="acme", name="Acme")
"""The default employer."""


def small_network(
    people: Mapping[str, Mapping[str, object]],
    ties: Iterable[tuple[str, str, int]] = (),
    *,
    organizations: tuple[Organization, ...] = (ACME,),
    **records: object,
) -> ReferralNetwork:
    """Me ('me', named Me) and the people given, each named by their id, title-cased.

    ``people`` maps an id to the person's other attributes (``{"fields": ("accounting",)}``);
    ``ties`` are ``(a, b, strength)``; ``records`` are the other collections of
    :class:`NetworkData` (referrals, outreach, interviews, targets, …).
    """
    persons = [Person(id="me", name="Me", is_self=True)]
    persons += [Person(id=pid, name=pid.title(), **attrs) for pid, attrs in people.items()]  # type: ignore[arg-type]
    return ReferralNetwork(
        NetworkData(
            persons=tuple(persons),
            fields=FIELDS,
            organizations=organizations,
            ties=tuple(Tie(a=a, b=b, strength=s) for a, b, s in ties),
            **records,  # type: ignore[arg-type]
        )
    )
