"""The algorithms: plain functions over a :class:`~infoview_graph.network.ReferralNetwork`.

They never change the network, state their cost, and order every ranking totally. The
names below load on first use, so that importing one light module (responsiveness, for
``person show``) does not import numpy.

Examples
--------
>>> from infoview_graph.algorithms import business_days
>>> import datetime as dt
>>> business_days(dt.date(2026, 11, 20), dt.date(2026, 11, 25))
3
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from infoview_graph.algorithms.agenda import AgendaItem, agenda
    from infoview_graph.algorithms.chains import Chains, referral_chains
    from infoview_graph.algorithms.coverage import Coverage, coverage
    from infoview_graph.algorithms.drafts import draft_request, draft_thanks
    from infoview_graph.algorithms.introducers import Introductions, introducers
    from infoview_graph.algorithms.learned import Learned, learned
    from infoview_graph.algorithms.prep import Brief, prep_brief, render_brief_markdown
    from infoview_graph.algorithms.responsiveness import (
        Responsiveness,
        Thresholds,
        add_business_days,
        business_days,
        classify,
        responsiveness,
    )
    from infoview_graph.algorithms.suggest import (
        Suggestion,
        SuggestWeights,
        suggest_next_contacts,
    )

_HOME = {
    "Brief": "prep",
    "prep_brief": "prep",
    "render_brief_markdown": "prep",
    "Learned": "learned",
    "learned": "learned",
    "draft_request": "drafts",
    "draft_thanks": "drafts",
    "AgendaItem": "agenda",
    "agenda": "agenda",
    "Chains": "chains",
    "referral_chains": "chains",
    "Coverage": "coverage",
    "coverage": "coverage",
    "Introductions": "introducers",
    "introducers": "introducers",
    "Responsiveness": "responsiveness",
    "Thresholds": "responsiveness",
    "add_business_days": "responsiveness",
    "business_days": "responsiveness",
    "classify": "responsiveness",
    "responsiveness": "responsiveness",
    "Suggestion": "suggest",
    "SuggestWeights": "suggest",
    "suggest_next_contacts": "suggest",
}

__all__ = [
    "AgendaItem",
    "Brief",
    "Chains",
    "Coverage",
    "Introductions",
    "Learned",
    "Responsiveness",
    "SuggestWeights",
    "Suggestion",
    "Thresholds",
    "add_business_days",
    "agenda",
    "business_days",
    "classify",
    "coverage",
    "draft_request",
    "draft_thanks",
    "introducers",
    "learned",
    "prep_brief",
    "referral_chains",
    "render_brief_markdown",
    "responsiveness",
    "suggest_next_contacts",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    if name in _HOME:
        module = importlib.import_module(f"infoview_graph.algorithms.{_HOME[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'infoview_graph.algorithms' has no attribute '{name}'")
