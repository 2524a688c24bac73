"""The domain model: contacts, organizations, fields and the events between them.

Every record is an immutable pydantic model that rejects unknown keys and validates its
values on the way in: ids are slugs, text holds no control characters (free-text notes and
answers may hold newlines and tabs, nothing else), emails, URLs and phone numbers are
checked, dates are real dates, strengths and ratings are in range. Validation errors never
echo the offending input (``hide_input_in_errors``), so personal data does not leak into
logs; :func:`invalid_input` turns them into the library's :class:`InvalidInputError`.

Records refer to each other by id only. Whether every id a record names exists is checked
where records meet: in :class:`~infoview_graph.network.ReferralNetwork` and in the store's
foreign keys.

Examples
--------
>>> import datetime as dt
>>> brad = Person(id="brad-johnson", name="Brad Johnson", fields=("accounting",))
>>> brad.name
'Brad Johnson'
>>> Referral(referrer="brad-johnson", referee="mrs-smith", on=dt.date(2026, 10, 1)).status
'suggested'
"""

from __future__ import annotations

from infoview_graph.models._boundary import invalid_input
from infoview_graph.models._records import (
    CareerField,
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Position,
    Question,
    Referral,
    Target,
    Tie,
)
from infoview_graph.models._records import Record as Record
from infoview_graph.models._types import (
    CHANNEL_NOUN,
    CHANNELS,
    FITS,
    FOLLOWUP_KINDS,
    HOWS,
    MODES,
    ORG_KINDS,
    REFERRAL_STATUSES,
    TIARA,
    Channel,
    FieldId,
    Fit,
    FollowUpKind,
    How,
    KnownHow,
    Mode,
    OrgId,
    OrgKind,
    PersonId,
    ReferralStatus,
    default_strength,
    slugify,
)

# Used across the package, not part of the documented API:
from infoview_graph.models._types import Email as Email
from infoview_graph.models._types import Strength as Strength

__all__ = [
    "CHANNELS",
    "CHANNEL_NOUN",
    "FITS",
    "FOLLOWUP_KINDS",
    "HOWS",
    "MODES",
    "ORG_KINDS",
    "REFERRAL_STATUSES",
    "TIARA",
    "CareerField",
    "Channel",
    "FieldId",
    "Fit",
    "FollowUp",
    "FollowUpKind",
    "How",
    "Interview",
    "KnownHow",
    "Mode",
    "NetworkData",
    "OrgId",
    "OrgKind",
    "Organization",
    "Outreach",
    "Person",
    "PersonId",
    "Position",
    "Question",
    "Referral",
    "ReferralStatus",
    "Target",
    "Tie",
    "default_strength",
    "invalid_input",
    "slugify",
]
