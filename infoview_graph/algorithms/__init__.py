"""The algorithms: plain functions over a :class:`~infoview_graph.network.ReferralNetwork`.

They never change the network, state their cost, and order every ranking totally.
Importing this package imports numpy (the warmth search runs on numpy arrays); the
business-day rules that one-record commands need live in :mod:`infoview_graph.timing`.

Examples
--------
>>> from infoview_graph.algorithms import business_days
>>> import datetime as dt
>>> business_days(dt.date(2026, 11, 20), dt.date(2026, 11, 25))
3
"""

from infoview_graph.algorithms._agenda import AgendaItem, agenda
from infoview_graph.algorithms._chains import Chains, referral_chains
from infoview_graph.algorithms._coverage import Coverage, coverage
from infoview_graph.algorithms._display import Agenda, Suggestions
from infoview_graph.algorithms._drafts import (
    draft_cautions,
    draft_followup,
    draft_news,
    draft_request,
    draft_thanks,
    word_count,
)
from infoview_graph.algorithms._introducers import Introductions, introducers
from infoview_graph.algorithms._learned import Learned, learned
from infoview_graph.algorithms._prep import Brief, prep_brief, render_brief_markdown
from infoview_graph.algorithms._responsiveness import responsiveness
from infoview_graph.algorithms._suggest import (
    Reason,
    Suggestion,
    SuggestWeights,
    suggest_next_contacts,
)
from infoview_graph.timing import (
    Responsiveness,
    Thresholds,
    add_business_days,
    business_days,
    classify,
)

__all__ = [
    "Agenda",
    "AgendaItem",
    "Brief",
    "Chains",
    "Coverage",
    "Introductions",
    "Learned",
    "Reason",
    "Responsiveness",
    "SuggestWeights",
    "Suggestion",
    "Suggestions",
    "Thresholds",
    "add_business_days",
    "agenda",
    "business_days",
    "classify",
    "coverage",
    "draft_cautions",
    "draft_followup",
    "draft_news",
    "draft_request",
    "draft_thanks",
    "introducers",
    "learned",
    "prep_brief",
    "referral_chains",
    "render_brief_markdown",
    "responsiveness",
    "suggest_next_contacts",
    "word_count",
]
