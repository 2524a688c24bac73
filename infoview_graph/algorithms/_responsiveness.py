"""Responsiveness of a person in a network: booster, obligate or curmudgeon.

The rule and the business-day arithmetic live in :mod:`infoview_graph.timing` (one
definition, shared with ``person show``); this module applies them to a
:class:`~infoview_graph.network.ReferralNetwork` and re-exports them.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> responsiveness(net, "kenji-watanabe", today=net.as_of)
'curmudgeon'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from infoview_graph.timing import Responsiveness, Thresholds, classify

if TYPE_CHECKING:
    from infoview_graph.models import PersonId
    from infoview_graph.network import ReferralNetwork

__all__ = ["responsiveness"]


def responsiveness(
    network: ReferralNetwork,
    person_id: PersonId,
    *,
    today: dt.date,
    thresholds: Thresholds | None = None,
) -> Responsiveness:
    """Classify how a person answers: ``"booster"``, ``"obligate"``, ``"curmudgeon"``.

    Parameters
    ----------
    network : ReferralNetwork
        The network.
    person_id : str
        The person.
    today : datetime.date
        The day to judge unanswered attempts against.
    thresholds : Thresholds, optional
        The day counts (default 3 and 7 business days).

    Returns
    -------
    str
        The class, or ``"unknown"`` without evidence.

    Notes
    -----
    O(a + i) for the person's a contact attempts and i interviews.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> responsiveness(net, "denise-okafor", today=net.as_of)
    'booster'
    """
    return classify(
        network.outreach_to(person_id),
        network.interviews_with(person_id),
        today=today,
        thresholds=thresholds,
    )
