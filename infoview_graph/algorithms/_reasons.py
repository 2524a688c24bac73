"""Why and how: the reasons and the action of a suggestion, as data the CLI formats.

A :class:`Reason` is one factor's contribution with its explanation; the CLI ranks reasons
by :attr:`Reason.contribution` and prints :attr:`Reason.text`, never parsing a sentence.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from infoview_graph.algorithms._scoring import Targets, onward_reach
from infoview_graph.models import CHANNEL_NOUN
from infoview_graph.timing import business_days

if TYPE_CHECKING:
    from infoview_graph.algorithms._warmth import Reach, Warmth
    from infoview_graph.lifecycle import Standing
    from infoview_graph.models import Person
    from infoview_graph.network import ReferralNetwork

BUILT_IN = ("warmth", "relevance", "coverage", "reach", "timing")
"""The built-in factors, in the order their reasons are given."""
SHOWN = 0.005
"""The smallest contribution worth a reason (it prints as +0.01)."""


class Reason(BaseModel):
    """One factor that mattered to a suggestion: its contribution and why.

    Examples
    --------
    >>> reason = Reason(factor="warmth", contribution=0.25, text="you know them directly")
    >>> str(reason)
    'warmth +0.25: you know them directly'
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    factor: str
    """The factor's name: a built-in one (``"warmth"``, ``"relevance"``, ``"coverage"``,
    ``"reach"``, ``"timing"``) or one of your own."""
    contribution: float
    """What it added to the score (weight × value)."""
    text: str
    """Why, in words."""

    def __str__(self) -> str:
        label = "onward reach" if self.factor == "reach" else self.factor
        return f"{label} +{self.contribution:.2f}: {self.text}"


def reasons(
    network: ReferralNetwork,
    warmth: Warmth,
    targets: Targets,
    reach: Reach,
    person: Person,
    *,
    factors: Mapping[str, float],
    values: Mapping[str, float],
    timing_notes: Iterable[str],
) -> tuple[Reason, ...]:
    """Return a reason for each factor that added at least :data:`SHOWN` to the score."""
    texts = {
        "warmth": lambda: _why_warm(network, warmth, reach),
        "relevance": lambda: _why_relevant(network, targets, person),
        "coverage": lambda: _why_coverage(network, targets, person),
        "reach": lambda: (
            "knows people in targets you have not covered yet "
            f"({', '.join(onward_reach(network, targets, person.id)[1])})"
        ),
        "timing": lambda: "; ".join(timing_notes),
    }
    own = sorted(set(values) - set(BUILT_IN))
    return tuple(
        Reason(
            factor=name,
            contribution=round(factors[name], 6),
            text=texts[name]() if name in texts else f"your own factor ({values[name]:.2f})",
        )
        for name in (*BUILT_IN, *own)
        if factors[name] >= SHOWN
    )


def via(reach: Reach) -> str | None:
    """Return the introducer or referrer on the way to them, if any."""
    if reach.referral is not None and len(reach.chain) == 2:
        return reach.referral.referrer
    return reach.chain[1] if len(reach.chain) > 2 else None


def name_of(network: ReferralNetwork, pid: str) -> str:
    """Return a person's name."""
    return network.person(pid).name


def _why_warm(network: ReferralNetwork, warmth: Warmth, reach: Reach) -> str:
    model = warmth.model
    if reach.referral is not None and len(reach.chain) == 2:
        r = reach.referral
        permission = (
            " and said you may use the name" if r.may_use_name else "; ask before using the name"
        )
        return f"{name_of(network, r.referrer)} referred them on {r.on}{permission}"
    if len(reach.chain) == 2:
        strength = network.strengths(model.me).get(reach.chain[1])
        if strength is None:
            return "you have written to them already"
        if strength == 0:
            return "a direct contact you have not met (tie strength 0)"
        kind = (
            "a moderately weak tie, likely to bring new information"
            if strength <= 3
            else "a strong tie"
        )
        return f"you know them directly (tie strength {strength}: {kind})"
    introducers = reach.chain[1:-1]
    described = []
    for pid in introducers:
        label = model.classes.get(pid, "unknown")
        asked = model.asks.get(pid, 0)
        text = name_of(network, pid) + ("" if label == "unknown" else f" ({label})")
        if reach.referral is not None and pid == reach.referral.referee:
            text += f", referred by {name_of(network, reach.referral.referrer)}"
        if asked:
            text += f", asked {asked}× lately"
        described.append(text)
    weakest = min(reach.hops) if reach.hops else 0.0
    return (
        f"{math.exp(-reach.cost):.0%} chance along you → {' → '.join(described)} → them; "
        f"weakest link {weakest:.0%}"
    )


def _why_relevant(network: ReferralNetwork, targets: Targets, person: Person) -> str:
    parts = []
    for field_id in person.fields:
        if field_id in targets.field_weight:
            parts.append(f"works in {network.field(field_id).name} (a target)")
        elif field_id in targets.related_weight:
            source = targets.related_weight[field_id][1]
            parts.append(
                f"works in {network.field(field_id).name}, related to {network.field(source).name}"
            )
    if person.organization in targets.org_weight:
        parts.append(f"works at {network.organization(person.organization).name} (a target)")
    return "; ".join(parts)


def _why_coverage(network: ReferralNetwork, targets: Targets, person: Person) -> str:
    parts = []
    for field_id in person.fields:
        if field_id in targets.field_interviews:
            n = targets.field_interviews[field_id]
            parts.append(f"{n} interview{'s' * (n != 1)} so far in {network.field(field_id).name}")
    org = person.organization
    if org in targets.org_interviews:
        n = targets.org_interviews[org]
        parts.append(f"{n} interview{'s' * (n != 1)} so far at {network.organization(org).name}")
    return "; ".join(parts)


def action(
    network: ReferralNetwork, reach: Reach, person: Person, standing: Standing, day: dt.date
) -> str:
    """Return what to do next about them, in one sentence."""
    name = person.name
    if standing.stage == "said-yes":
        return f"Schedule 15 minutes with {name} — they said yes on {standing.replied_on}"
    if standing.stage == "follow-up-due" and standing.asked_on is not None:
        waited = business_days(standing.asked_on, day)
        channel = CHANNEL_NOUN[standing.channel or "other"]
        return (
            f"Follow up with {name} ({waited} business days without a reply "
            f"to your {channel} of {standing.asked_on})"
        )
    how = "Email" if person.emails or person.url is None else "Message"
    if reach.referral is not None and len(reach.chain) == 2:
        referrer = name_of(network, reach.referral.referrer)
        if reach.referral.may_use_name:
            return f"{how} {name} and mention {referrer} — {referrer} said you may use the name"
        return f"Contact {name}, whom {referrer} suggested — ask {referrer} before using the name"
    if len(reach.chain) == 2:
        return f"Ask {name} for 15 minutes of advice"
    first = name_of(network, reach.chain[1])
    if reach.referral is not None:
        first += f" (referred by {name_of(network, reach.referral.referrer)})"
    if len(reach.chain) == 3:
        return f"Ask {first} whether they would introduce you to {name}"
    rest = ", who knows ".join(name_of(network, p) for p in reach.chain[2:])
    return f"Ask {first} to introduce you to {rest}"
