"""Stable pseudonyms for sharing a network: structure kept, people not named.

:func:`anonymize` replaces every person's and organization's id and name by a pseudonym
derived from the id with a keyed hash (HMAC-SHA-256), so the same person gets the same
pseudonym in every export made with the same key — and without the key nobody can check a
guessed name against it (ids are slugs of names, so an unkeyed hash would be easy to
confirm). Contact details, titles, tags, notes, tie contexts and everything said in
interviews are dropped; dates, strengths, statuses, career fields and every edge stay.

Examples
--------
>>> from infoview_graph.models import NetworkData, Person, Tie
>>> data = NetworkData(
...     persons=(Person(id="steven", name="Steven Olson", is_self=True),
...              Person(id="brad", name="Brad Johnson", emails=("brad@example.org",))),
...     ties=(Tie(a="steven", b="brad", strength=4),))
>>> shared = anonymize(data, key=b"secret")
>>> [p.name for p in shared.persons]
['Me', 'Person ...']
>>> shared.persons[1].emails, shared.ties[0].strength
((), 4)
>>> anonymize(data, key=b"secret") == shared
True
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from infoview_graph import models
from infoview_graph.models import NetworkData

__all__ = ["anonymize"]


class _Pseudonyms:
    def __init__(self, key: bytes, kind: str, prefix: str, ids: list[str]) -> None:
        self.ids: dict[str, str] = {}
        taken: set[str] = set()
        for original in sorted(set(ids)):
            digest = hmac.new(key, f"{kind}:{original}".encode(), hashlib.sha256).hexdigest()
            size = 12
            while f"{prefix}-{digest[:size]}" in taken:
                size += 2  # a collision in 48 bits: take more of the digest
            taken.add(pseudonym := f"{prefix}-{digest[:size]}")
            self.ids[original] = pseudonym

    def __call__(self, original: str) -> str:
        return self.ids[original]

    def maybe(self, original: str | None) -> str | None:
        return None if original is None else self.ids[original]


def anonymize(data: NetworkData, key: bytes) -> NetworkData:
    """Return the network with pseudonyms for people and organizations.

    Parameters
    ----------
    data : NetworkData
        The records.
    key : bytes
        The secret that makes pseudonyms stable yet unguessable; keep it with the store.

    Returns
    -------
    NetworkData
        The same structure: persons ``p-…`` named "Person …" (me: ``me``, "Me"),
        organizations ``o-…`` named "Organization …"; event ids pseudonymised too (they
        embed names). No emails, phones, URLs, titles, tags, notes, tie contexts, referral
        notes, interview answers, advice, leads or follow-up notes.

    Examples
    --------
    >>> from infoview_graph.demo import demo_data
    >>> shared = anonymize(demo_data(), key=b"secret")
    >>> sorted({p.name[:6] for p in shared.persons})
    ['Me', 'Person']
    """
    names = _names_for(data, key)
    return NetworkData(
        persons=tuple(_person(p, names) for p in data.persons),
        organizations=tuple(_organization(o, names) for o in data.organizations),
        fields=data.fields,
        ties=tuple(_tie(t, names) for t in data.ties),
        referrals=tuple(_referral(r, names) for r in data.referrals),
        outreach=tuple(_outreach(o, names) for o in data.outreach),
        interviews=tuple(_interview(i, names) for i in data.interviews),
        followups=tuple(_followup(f, names) for f in data.followups),
        targets=tuple(_target(t, names) for t in data.targets),
        questions=data.questions,
        as_of=data.as_of,
    ).sorted()


@dataclass(frozen=True)
class _Names:
    """The pseudonyms of one export: persons, organizations, and events (outreach, …)."""

    person: _Pseudonyms
    org: _Pseudonyms
    event: _Pseudonyms


def _names_for(data: NetworkData, key: bytes) -> _Names:
    me = next((p.id for p in data.persons if p.is_self), None)
    person = _Pseudonyms(key, "person", "p", [p.id for p in data.persons if p.id != me])
    if me is not None:
        person.ids[me] = "me"
    org = _Pseudonyms(key, "org", "o", [o.id for o in data.organizations])
    event = _Pseudonyms(
        key,
        "event",
        "e",
        [o.id for o in data.outreach]
        + [i.id for i in data.interviews]
        + [f.id for f in data.followups],
    )
    return _Names(person, org, event)


def _person(p: models.Person, names: _Names) -> models.Person:
    person, org = names.person, names.org
    return p.model_copy(
        update={
            "id": person(p.id),
            "name": "Me" if p.is_self else f"Person {person(p.id).removeprefix('p-')}",
            "emails": (),
            "phones": (),
            "url": None,
            "organization": org.maybe(p.organization),
            "title": None,
            "past_positions": tuple(
                q.model_copy(update={"organization": org(q.organization), "title": None})
                for q in p.past_positions
            ),
            "tags": (),
            "notes": None,
        }
    )


def _organization(o: models.Organization, names: _Names) -> models.Organization:
    pseudonym = names.org(o.id)
    return o.model_copy(
        update={
            "id": pseudonym,
            "name": f"Organization {pseudonym.removeprefix('o-')}",
            "aliases": (),
        }
    )


def _tie(t: models.Tie, names: _Names) -> models.Tie:
    a, b = sorted((names.person(t.a), names.person(t.b)))
    return t.model_copy(update={"a": a, "b": b, "context": None})


def _referral(r: models.Referral, names: _Names) -> models.Referral:
    return r.model_copy(
        update={
            "referrer": names.person(r.referrer),
            "referee": names.person(r.referee),
            "for_org": names.org.maybe(r.for_org),
            "note": None,
        }
    )


def _outreach(o: models.Outreach, names: _Names) -> models.Outreach:
    person = names.person
    return o.model_copy(
        update={"id": names.event(o.id), "person": person(o.person), "via": person.maybe(o.via)}
    )


def _interview(i: models.Interview, names: _Names) -> models.Interview:
    person = names.person
    return i.model_copy(
        update={
            "id": names.event(i.id),
            "person": person(i.person),
            "answers": {},
            "advice": (),
            "leads": (),
            "referrals": tuple(sorted(person(r) for r in i.referrals)),
            "notes": None,
        }
    )


def _followup(f: models.FollowUp, names: _Names) -> models.FollowUp:
    update = {"id": names.event(f.id), "person": names.person.maybe(f.person), "note": None}
    return f.model_copy(update=update)


def _target(t: models.Target, names: _Names) -> models.Target:
    return t if t.kind == "field" else t.model_copy(update={"id": names.org(t.id)})
