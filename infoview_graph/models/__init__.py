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

Each name loads its module on first use (PEP 562): the ``Literal`` choices and their values
(:data:`Channel`, :data:`CHANNELS`, …), :func:`slugify` and :func:`default_strength` come
without pydantic, so the command line can build its options before any record class exists.

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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from infoview_graph.models._types import Email as Email
    from infoview_graph.models._types import FieldId, OrgId, PersonId
    from infoview_graph.models._types import Strength as Strength
    from infoview_graph.models._vocabulary import (
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
        Fit,
        FollowUpKind,
        How,
        KnownHow,
        Mode,
        OrgKind,
        ReferralStatus,
        default_strength,
        slugify,
    )

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


_RECORDS = (
    "CareerField FollowUp Interview NetworkData Organization Outreach Person Position Question "
    "Record Referral Target Tie"
)
_VOCABULARY = (
    "CHANNEL_NOUN CHANNELS FITS FOLLOWUP_KINDS HOWS MODES ORG_KINDS REFERRAL_STATUSES TIARA "
    "Channel Fit FollowUpKind How KnownHow Mode OrgKind ReferralStatus default_strength slugify"
)
# Where each name lives; a name's module is imported when the name is first used. Email and
# Strength are used across the package but are not part of the documented API.
_MODULE = {
    **dict.fromkeys(_RECORDS.split(), "_records"),
    **dict.fromkeys(_VOCABULARY.split(), "_vocabulary"),
    **dict.fromkeys(["Email", "FieldId", "OrgId", "PersonId", "Strength"], "_types"),
    "invalid_input": "_boundary",
}


def __getattr__(name: str) -> Any:
    """Import a name's module on first use and keep the name here (PEP 562)."""
    module = _MODULE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # __import__ rather than importlib.import_module: -X importtime reports the module then.
    value = getattr(__import__(f"{__name__}.{module}", fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
