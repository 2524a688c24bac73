"""The words of the model: the ``Literal`` choices, their values in order, slugs, strengths.

Plain Python, no pydantic: the command line builds its options from these choices at
start-up, before any record is read.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, get_args

KnownHow = Literal[
    "friend", "family", "classmate", "colleague", "alumni", "neighbour", "referral", "cold", "other"
]
"""How I know someone else: friend, family, classmate, colleague, alumni, neighbour, referral,
cold or other."""
How = Literal["self", KnownHow]
"""How I know a person: ``self`` (me), or one of :data:`KnownHow`."""
OrgKind = Literal["company", "non-profit", "public", "freelance", "other"]
"""The kind of an :class:`Organization`: company, non-profit, public (sector), freelance, other."""
ReferralStatus = Literal[
    "suggested", "contacted", "scheduled", "interviewed", "declined", "no-response"
]
"""Where a :class:`Referral` stands: suggested → contacted → scheduled → interviewed, or
declined / no-response."""
Channel = Literal["email", "phone", "linkedin", "in-person", "other"]
"""How an :class:`Outreach` was made: email, phone, LinkedIn, in person, other."""
Mode = Literal["in-person", "phone", "video"]
"""How an :class:`Interview` was held: in person, by phone or by video."""
Fit = Literal["yes", "maybe", "no"]
"""Whether I would want to work there, after an :class:`Interview`: yes, maybe or no."""
FollowUpKind = Literal[
    "thank-you",
    "tell-referrer",
    "advice",
    "3b7-second-contact",
    "3b7-follow-up",
    "stale-referral",
    "keep-in-touch",
    "schedule",
    "prepare",
    "log-conversation",
    "custom",
]
"""What a :class:`FollowUp` is for; all but ``custom`` are derived from the contact
lifecycle (:mod:`infoview_graph.lifecycle`)."""
Tiara = Literal["trends", "insights", "advice", "resources", "assignments"]

HOWS: tuple[str, ...] = get_args(How)
"""Every value of :data:`How`, in order."""
ORG_KINDS: tuple[str, ...] = get_args(OrgKind)
"""Every value of :data:`OrgKind`, in order."""
REFERRAL_STATUSES: tuple[str, ...] = get_args(ReferralStatus)
"""Every value of :data:`ReferralStatus`, in order."""
CHANNELS: tuple[str, ...] = get_args(Channel)
"""Every value of :data:`Channel`, in order."""
MODES: tuple[str, ...] = get_args(Mode)
"""Every value of :data:`Mode`, in order."""
FITS: tuple[str, ...] = get_args(Fit)
"""Every value of :data:`Fit`, in order."""
FOLLOWUP_KINDS: tuple[str, ...] = get_args(FollowUpKind)
"""Every value of :data:`FollowUpKind`, in order."""
TIARA: tuple[str, ...] = get_args(Tiara)
"""The TIARA tags of a :class:`Question`: trends, insights, advice, resources, assignments."""

CHANNEL_NOUN: dict[str, str] = {
    "email": "email",
    "phone": "call",
    "linkedin": "LinkedIn message",
    "in-person": "conversation",
    "other": "message",
}
"""How each outreach channel reads in a sentence ("your LinkedIn message of …")."""

_DEFAULT_STRENGTH: dict[str, int] = {
    "family": 4,
    "friend": 4,
    "colleague": 3,
    "classmate": 2,
    "neighbour": 2,
    "alumni": 1,
    "other": 1,
    "cold": 0,
    "referral": 0,
}


def default_strength(how: str | None) -> int:
    """Return the tie strength assumed for a contact when the user gives none.

    Close relations start warm, shared institutions lukewarm, and people I was referred to or
    would contact cold start at 0 ("never met").

    Parameters
    ----------
    how : str or None
        How I know the person (one of :data:`HOWS`), or None for "other".

    Returns
    -------
    int
        A strength from 0 to 5.

    Examples
    --------
    >>> default_strength("friend"), default_strength("alumni"), default_strength("cold")
    (4, 1, 0)
    """
    return _DEFAULT_STRENGTH.get(how or "other", 1)


def slugify(text: str) -> str:
    """Make a readable slug id from a name in any script: ASCII letters and digits and hyphens.

    Names in other scripts are transliterated by python-slugify (``"李小龍"`` →
    ``"li-xiao-long"``, ``"Владимир"`` → ``"vladimir"``); what has no transliteration, such
    as an emoji, is spelled by its Unicode name. The slug is never empty. Ids already stored
    never change: this only makes new ones.

    Parameters
    ----------
    text : str
        A name.

    Returns
    -------
    str
        A slug of at most 60 characters.

    Examples
    --------
    >>> slugify("Mrs. Smith")
    'mrs-smith'
    >>> slugify("  Zoë  O'Brien-Łukasz ")
    'zoe-o-brien-lukasz'
    >>> slugify("李小龍"), slugify("🙂")
    ('li-xiao-long', 'slightly-smiling-face')
    """
    slug = _hyphenate(text if text.isascii() else _transliterate(text))
    if not slug:
        # Nothing to transliterate (an emoji, only punctuation): spell the characters.
        slug = _hyphenate(" ".join(unicodedata.name(c, f"u{ord(c):x}") for c in text if c.strip()))
    return slug or "person"


def _hyphenate(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def _transliterate(text: str) -> str:
    # Imported here: the transliteration table takes ~10 ms to load, and most names are ASCII.
    from slugify import slugify as transliterate

    return transliterate(text, separator=" ", lowercase=True)
