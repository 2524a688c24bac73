"""The algorithms: plain functions over a :class:`~infoview_graph.network.ReferralNetwork`.

They never change the network, state their cost, and order every ranking totally.
Each name loads its module on first use (PEP 562), so that a command pays only for the
algorithms it runs: ``from infoview_graph.algorithms import agenda`` does not import the
message drafts or the interview brief. The warmth search runs on numpy arrays; the
business-day rules that one-record commands need live in :mod:`infoview_graph.timing`.

Examples
--------
>>> from infoview_graph.algorithms import business_days
>>> import datetime as dt
>>> business_days(dt.date(2026, 11, 20), dt.date(2026, 11, 25))
3
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


# Where each public name lives; a name's module is imported when the name is first used.
_MODULE = {
    "Agenda": "_display",
    "AgendaItem": "_agenda",
    "Brief": "_prep",
    "Chains": "_chains",
    "Coverage": "_coverage",
    "Introductions": "_introducers",
    "Learned": "_learned",
    "Reason": "_suggest",
    "Responsiveness": "infoview_graph.timing",
    "SuggestWeights": "_suggest",
    "Suggestion": "_suggest",
    "Suggestions": "_display",
    "Thresholds": "infoview_graph.timing",
    "add_business_days": "infoview_graph.timing",
    "agenda": "_agenda",
    "business_days": "infoview_graph.timing",
    "classify": "infoview_graph.timing",
    "coverage": "_coverage",
    "draft_cautions": "_drafts",
    "draft_followup": "_drafts",
    "draft_news": "_drafts",
    "draft_request": "_drafts",
    "draft_thanks": "_drafts",
    "introducers": "_introducers",
    "learned": "_learned",
    "prep_brief": "_prep",
    "referral_chains": "_chains",
    "render_brief_markdown": "_prep",
    "responsiveness": "_responsiveness",
    "suggest_next_contacts": "_suggest",
    "word_count": "_drafts",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use and keep the name here (PEP 562)."""
    module = _MODULE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    path = module if module.startswith("infoview_graph.") else f"{__name__}.{module}"
    # __import__ rather than importlib.import_module: -X importtime reports the module then.
    value = getattr(__import__(path, fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
