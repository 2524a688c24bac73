"""The algorithms: plain functions over a :class:`~infoview_graph.network.ReferralNetwork`.

They never change the network, state their cost, and order every ranking totally.
"""

from infoview_graph.algorithms.responsiveness import (
    Responsiveness,
    Thresholds,
    add_business_days,
    business_days,
    responsiveness,
)
from infoview_graph.algorithms.suggest import Suggestion, SuggestWeights, suggest_next_contacts

__all__ = [
    "Responsiveness",
    "SuggestWeights",
    "Suggestion",
    "Thresholds",
    "add_business_days",
    "business_days",
    "responsiveness",
    "suggest_next_contacts",
]
