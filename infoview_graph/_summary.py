"""How a network introduces itself: one line for ``repr``, a small table for a notebook.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> dict(summary(demo_network()))["me"]
'Steven Olson'
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from infoview_graph.errors import NotFoundError

if TYPE_CHECKING:
    from infoview_graph.models import CareerField, Organization, Person, Target

__all__ = ["Summarised", "html_table", "one_line", "summary"]


class Summarised(Protocol):
    """What a summary reads of a network (:class:`~infoview_graph.network.ReferralNetwork`)."""

    as_of: dt.date | None

    @property
    def me(self) -> Person: ...
    def __len__(self) -> int: ...
    def number_of_ties(self) -> int: ...
    def field(self, field_id: str) -> CareerField: ...
    def organization(self, org_id: str) -> Organization: ...
    def targets(self) -> Iterable[Target]: ...
    def referrals(self) -> Iterator[object]: ...
    def outreach(self) -> Iterator[object]: ...
    def interviews(self) -> Iterator[object]: ...


_COUNTED = (
    ("people", "person"),
    ("ties", "tie"),
    ("referrals", "referral"),
    ("outreach", "outreach"),
    ("interviews", "interview"),
)


def summary(network: Summarised) -> list[tuple[str, str]]:
    """Return the facts a network shows of itself: me, the counts, my targets, its day."""
    try:
        me = network.me.name
    except NotFoundError:
        me = "(nobody yet)"
    names = [
        (network.field(t.id) if t.kind == "field" else network.organization(t.id)).name
        for t in network.targets()
    ]
    counts = {
        "people": len(network),
        "ties": network.number_of_ties(),
        "referrals": sum(1 for _ in network.referrals()),
        "outreach": sum(1 for _ in network.outreach()),
        "interviews": sum(1 for _ in network.interviews()),
    }
    return [
        ("me", me),
        *((name, f"{count:,}") for name, count in counts.items()),
        ("targets", ", ".join(names) or "(none)"),
        ("as of", str(network.as_of) if network.as_of else "today"),
    ]


def one_line(network: Summarised) -> str:
    """Say whose network it is and how big, in one line (the network's ``repr``)."""
    facts = dict(summary(network))
    counts = ", ".join(
        f"{facts[plural]} {plural if facts[plural] != '1' else one}" for plural, one in _COUNTED
    )
    return (
        f"<ReferralNetwork of {facts['me']}: {counts}; targets {facts['targets']}; "
        f"as of {facts['as of']}>"
    )


def html_table(network: Summarised) -> str:
    """Return the summary as a small HTML table; every name is escaped."""
    rows = "".join(
        f"<tr><th>{html.escape(key)}</th><td>{html.escape(value)}</td></tr>"
        for key, value in summary(network)
    )
    return f"<table><caption>ReferralNetwork</caption>{rows}</table>"
