"""Seeded synthetic referral networks of any size, shaped like real ones.

Persons get a field and an organization; ties follow a heavy-tailed degree distribution
(preferential attachment: a few super-connectors, many people with a handful of ties), with
about ``ties_per_person`` ties each; a few percent of persons are referred, contacted or
interviewed. ``personal=True`` gives the job seeker's shape instead: me tied directly to
every other person (a LinkedIn export of 30,000 connections).

Run ``python -m benchmarks.synthetic 30000 /tmp/30k.db`` to write a store.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from infoview_graph.models import (
    CareerField,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Referral,
    Target,
    Tie,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.ties import TieTable

FIELDS = (
    "accounting", "auditing", "finance", "tax-preparation", "non-profit-management",
    "fundraising", "grant-writing", "freelance-writing", "technical-writing", "communications",
    "marketing", "data-analysis", "software", "nursing", "teaching", "law",
)  # fmt: skip


def synthetic_network(
    n: int, *, ties_per_person: int = 10, seed: int = 0, personal: bool = False
) -> NetworkData:
    """Return a valid network of ``n`` persons (me included), ties as records."""
    data, rows = synthetic_parts(n, ties_per_person=ties_per_person, seed=seed, personal=personal)
    return data.model_copy(update={"ties": tuple(Tie(a=a, b=b, strength=s) for a, b, s in rows)})


def synthetic_referral_network(n: int, **options: object) -> ReferralNetwork:
    """Return the synthetic network as a ReferralNetwork, ties added in bulk as rows."""
    data, rows = synthetic_parts(n, **options)  # type: ignore[arg-type]
    return ReferralNetwork(data, ties=TieTable.from_rows([p.id for p in data.persons], rows))


def synthetic_parts(
    n: int, *, ties_per_person: int = 10, seed: int = 0, personal: bool = False
) -> tuple[NetworkData, list[tuple[str, str, int]]]:
    """Return the records without ties, and the ties as ``(a, b, strength)`` rows."""
    rng = random.Random(seed)
    fields = tuple(
        CareerField(
            id=f, name=f.replace("-", " ").title(), related=(FIELDS[(i + 1) % len(FIELDS)],)
        )
        for i, f in enumerate(FIELDS)
    )
    n_orgs = max(10, n // 50)
    orgs = tuple(
        Organization(id=f"org-{i}", name=f"Organization {i}", fields=(rng.choice(FIELDS),))
        for i in range(n_orgs)
    )
    ids = [f"p{i}" for i in range(n)]
    persons = [Person(id=ids[0], name="Me Myself", is_self=True, how="self")]
    persons += [
        Person(
            id=pid,
            name=f"Person {i}",
            organization=f"org-{rng.randrange(n_orgs)}",
            fields=(rng.choice(FIELDS),),
            how=rng.choice(("friend", "colleague", "alumni", "other")),
        )
        for i, pid in enumerate(ids[1:], start=1)
    ]
    pairs: dict[tuple[str, str], int] = {}
    if personal:
        for pid in ids[1:]:
            pairs[(ids[0], pid)] = rng.randint(0, 5)
    # Preferential attachment: each new person ties to targets drawn from the endpoint list,
    # so well-connected people become better connected (a heavy tail of degrees).
    endpoints = ids[: min(n, ties_per_person + 1)]
    half = max(1, ties_per_person)
    for pid in ids[1:]:
        for _ in range(half if not personal else max(1, half - 1)):
            other = rng.choice(endpoints)
            if other != pid:
                pairs[tuple(sorted((pid, other)))] = rng.randint(0, 5)  # type: ignore[index]
        endpoints.extend((pid,) * half)
        if len(endpoints) > 50 * n:
            del endpoints[: len(endpoints) // 2]
    # Me: a personal network of a few hundred contacts unless personal=True.
    if not personal:
        for pid in rng.sample(ids[1:], min(n - 1, 300)):
            pairs[tuple(sorted((ids[0], pid)))] = rng.randint(1, 5)  # type: ignore[index]
    ties = [(a, b, s) for (a, b), s in pairs.items()]
    del pairs
    start = dt.date(2026, 9, 1)
    referrals = {}
    for _ in range(max(5, n // 100)):
        referrer, referee = rng.sample(ids[1:], 2)
        referrals[(referrer, referee)] = Referral(
            referrer=referrer,
            referee=referee,
            on=start + dt.timedelta(days=rng.randrange(80)),
            may_use_name=rng.random() < 0.5,
        )
    contacted = rng.sample(ids[1:], min(n - 1, max(5, n // 200)))
    outreach = tuple(
        Outreach(
            id=f"outreach-{pid}",
            person=pid,
            on=(on := start + dt.timedelta(days=rng.randrange(60))),
            replied_on=on + dt.timedelta(days=rng.randrange(12)) if rng.random() < 0.7 else None,
        )
        for pid in contacted
    )
    interviews = tuple(
        Interview(
            id=f"interview-{o.person}",
            person=o.person,
            on=o.replied_on + dt.timedelta(days=3),
            answers={"day-in-the-life": "Meetings, then spreadsheets."},
            friendliness=rng.randint(1, 5),
        )
        for o in outreach[: len(outreach) // 2]
        if o.replied_on is not None
    )
    targets = (
        Target(kind="field", id="accounting", priority=1),
        Target(kind="field", id="grant-writing", priority=2),
        Target(kind="org", id="org-1", priority=1),
    )
    data = NetworkData(
        persons=tuple(persons),
        organizations=orgs,
        fields=fields,
        referrals=tuple(referrals.values()),
        outreach=outreach,
        interviews=interviews,
        targets=targets,
    )
    return data, ties


def write_store(path: Path, n: int, **options: object) -> tuple[NetworkData, int]:
    """Write a synthetic network into a new store at ``path``; return it and its tie count.

    Ties go in with one ``executemany`` (the schema checks every row as it would for
    ``referrals know``); building millions of Tie records first would only slow the set-up.
    """
    from infoview_graph.store import open_store
    from infoview_graph.store.actions import create_store

    data, rows = synthetic_parts(n, **options)  # type: ignore[arg-type]
    create_store(path, data=data)
    with open_store(path) as store, store.write():
        store.executemany("INSERT INTO ties (a, b, strength) VALUES (?, ?, ?)", rows)
    return data, len(rows)


if __name__ == "__main__":
    size, target = int(sys.argv[1]), Path(sys.argv[2])
    written, tie_count = write_store(target, size, personal="--personal" in sys.argv)
    print(f"wrote {len(written.persons)} persons, {tie_count} ties to {target}")
