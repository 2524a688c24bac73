"""The mechanics of drafts: placeholders, templates, tone, and what a message is about."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from infoview_graph.algorithms._prep import MINUTES_ASKED, connection, focus
from infoview_graph.errors import InvalidInputError

if TYPE_CHECKING:
    from infoview_graph.lifecycle import Standing
    from infoview_graph.models import Person, Referral
    from infoview_graph.network import ReferralNetwork


MAX_REQUEST_WORDS = 99
"""The default request's and follow-up's guaranteed maximum: under 100 words."""

_VOICE_PLACEHOLDERS: Mapping[str, str] = {
    "greeting": "the opening without its comma: 'Hi Brad' for people I know, else "
    "'Dear Margaret Smith'",
    "salutation": "the name to greet them by: the first name for people I know, else the name "
    "as stored",
    "name": "the person's name as stored",
    "my_name": "my name",
    "signature": "how I sign: my first name for people I know, else my name",
}

_ASK_PLACEHOLDERS: Mapping[str, str] = {
    **_VOICE_PLACEHOLDERS,
    "my_introduction": "'My name is <my name> and ' for people I do not know, else empty",
    "referrer": "the referrer's name when I may use it, else empty",
    "introduction": "'<referrer> suggested I speak with you. ' when I may use the name, else empty",
    "interest": "my goal, e.g. 'accounting at General Mills', 'careers at General Mills', "
    "'the accounting field', 'the work you do at Acme'",
    "insider": "whose advice I ask, e.g. 'someone who is in this field', 'someone who works "
    "there', 'someone in a related field'",
    "field": "my target field's name (may be empty)",
    "organization": "the organization's name (may be empty)",
    "minutes": "the minutes asked for (15)",
}

REQUEST_PLACEHOLDERS: Mapping[str, str] = dict(_ASK_PLACEHOLDERS)
"""The placeholders a request template may use, with what each becomes."""

FOLLOWUP_PLACEHOLDERS: Mapping[str, str] = {
    **_ASK_PLACEHOLDERS,
    "date": "the day of the request's first message, e.g. 'November 9' (with the year when "
    "it was another year)",
    "channel": "how that message went, e.g. 'email', 'LinkedIn message', 'call'",
    "first_message": "e.g. 'my email of November 9' (and 'and my follow-up of …' if there was one)",
}
"""The placeholders a follow-up template may use, with what each becomes."""

THANKS_PLACEHOLDERS: Mapping[str, str] = {
    **_VOICE_PLACEHOLDERS,
    "date": "the interview's date, e.g. 'November 19'",
    "field": "my target field's name (may be empty)",
    "organization": "the organization's name (may be empty)",
    "thanks_detail": "a sentence of thanks (and for the résumé critique, if any)",
    "advice_paragraph": "'I am following up on your advice:' and the items, else empty",
    "advice_list": "the advice items, one '- item' line each",
    "names_paragraph": "a sentence thanking them for the names they gave, else empty",
    "names": "the names they gave, e.g. 'Ann Lee and Tom Reyes'",
}
"""The placeholders a thank-you template may use, with what each becomes."""

NEWS_PLACEHOLDERS: Mapping[str, str] = {
    **_VOICE_PLACEHOLDERS,
    "names": "the people they referred me to whom I met, e.g. 'Margaret Smith'",
    "met_sentence": "when I met them, e.g. 'We spoke on November 19, and it helped a lot.'",
    "advice_sentence": "their first advice item, e.g. 'Her advice: take the CPA exam.', else empty",
    "names_paragraph": "a sentence on the names they passed on, else empty",
}
"""The placeholders a news-for-the-referrer template may use, with what each becomes."""

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# How I know someone, when it means I know them well enough for their first name.
_FAMILIAR_HOWS = frozenset({"friend", "family", "colleague", "classmate", "neighbour"})
_FAMILIAR_STRENGTH = 2
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr"})
WAITING = ("asked", "follow-up-due", "no-response")
_WHAT = {
    "request": "request",
    "followup": "follow-up",
    "thanks": "thank-you note",
    "news": "news for the referrer",
}
FIRST_MESSAGE = {
    "email": "my email of {}",
    "linkedin": "my LinkedIn message of {}",
    "phone": "my call on {}",
    "in-person": "our conversation on {}",
    "other": "my message of {}",
}

DraftKind = Literal["request", "followup", "thanks", "news"]
"""Which draft: the request, the follow-up, the thank-you note or the news for a referrer."""


class Caution(BaseModel):
    """Something to know before sending a draft (see :func:`draft_cautions`).

    Examples
    --------
    >>> Caution(level="warning", text="Kenji Watanabe declined on 2026-11-03").level
    'warning'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    level: Literal["warning", "note"]
    """A *warning* asks to think twice before sending; a *note* points to a better step."""
    text: str
    """The message, one line."""


def word_count(text: str) -> int:
    r"""Count the words of a draft (white-space separated).

    Examples
    --------
    >>> word_count("Dear Mrs. Smith,\n\nThank you.")
    5
    """
    return len(text.split())


# --- mechanics -------------------------------------------------------------------------------


@cache
def default_template(name: str) -> str:
    path = files("infoview_graph").joinpath(f"data/templates/{name}.txt")
    return path.read_text(encoding="utf-8")


def checked_template(text: str, known: Collection[str]) -> string.Template:
    template = string.Template(text)
    if not template.is_valid():
        raise InvalidInputError(
            "template: a '$' is not followed by a placeholder name; write $$ for a dollar "
            "sign, or ${name} next to other letters"
        )
    unknown = [p for p in template.get_identifiers() if p not in known]
    if unknown:
        listed = ", ".join(f"${p}" for p in known)
        raise InvalidInputError(
            f"template: unknown placeholder ${unknown[0]}; the known ones are {listed}"
        )
    return template


def fill(template: string.Template, values: Mapping[str, str]) -> str:
    text = template.substitute(values)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _phrase(name: str) -> str:
    first, _, rest = name.partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first


def join_names(names: Sequence[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def spoken_date(day: dt.date, today: dt.date | None = None) -> str:
    # Month names spelled here, not by strftime, so that the locale cannot change them.
    text = f"{_MONTHS[day.month - 1]} {day.day}"
    return text if today is None or today.year == day.year else f"{text}, {day.year}"


# --- who writes to whom, in which tone ------------------------------------------------------


def _first_name(name: str) -> str:
    """Return the first word of a name; the whole name if that word is a title or an initial."""
    words = name.split()
    if not words:
        return name
    bare = words[0].rstrip(".")
    if bare.casefold() in _TITLES or len(bare) <= 1:
        return name
    return words[0]


def voice(network: ReferralNetwork, person: Person, hello: str) -> dict[str, str]:
    """Choose the greeting, introduction and signature: the tone of the relationship."""
    me = network.me.name
    familiar = person.how in _FAMILIAR_HOWS or (
        network.strengths(network.me.id).get(person.id, 0) >= _FAMILIAR_STRENGTH
    )
    if familiar:
        name = _first_name(person.name)
        return {
            "greeting": f"{hello} {name}",
            "salutation": name,
            "my_introduction": "",
            "signature": _first_name(me),
        }
    return {
        "greeting": f"Dear {person.name}",
        "salutation": person.name,
        "my_introduction": f"My name is {me} and ",
        "signature": me,
    }


def recipient_of(network: ReferralNetwork, person: str, kind: DraftKind) -> Person:
    """Find whom a draft goes to: never me, never someone marked do not contact."""
    target = network.find_person(person)
    if target.is_self:
        raise InvalidInputError("person: that is you; name the person to write to")
    if target.do_not_contact:
        raise InvalidInputError(
            f"{target.name} is marked do not contact; no {_WHAT[kind]} is drafted (if that "
            f"has changed: referrals person edit {target.id} --may-contact)"
        )
    return target


# --- what the message is about --------------------------------------------------------------


@dataclass(frozen=True)
class _Subject:
    """My goal with a person: a field (theirs, or related to theirs), an employer, or neither."""

    kind: Literal["field", "related", "employer", "work"]
    field: str | None
    organization: str | None

    def interest(self, *, with_org: bool = True) -> tuple[str, str]:
        """Say what I am interested in, and whose advice I ask."""
        org = self.organization if with_org else None
        if self.kind == "field" and self.field:
            topic = _phrase(self.field)
            return (f"{topic} at {org}" if org else f"the {topic} field"), (
                "someone who is in this field"
            )
        if self.kind == "related" and self.field:
            return f"the {_phrase(self.field)} field", "someone in a related field"
        if self.kind == "employer" and org:
            return f"careers at {org}", "someone who works there"
        return (f"the work you do at {org}" if org else "the work you do"), (
            "someone with your experience"
        )

    def topic(self) -> str:
        """Say what their advice was on, for the thank-you note (may be empty)."""
        if self.field:
            return f" on {_phrase(self.field)}"
        if self.kind == "employer" and self.organization:
            return f" about {self.organization}"
        return ""


def subject_of(network: ReferralNetwork, person: Person, referral: Referral | None) -> _Subject:
    field_id, org_id = focus(network, person, referral)
    field = network.field(field_id).name if field_id else None
    org = network.organization(org_id).name if org_id else None
    if field_id is not None:
        theirs = person.fields
        if not theirs and person.organization:
            theirs = network.organization(person.organization).fields
        inside = field_id in theirs or (referral is not None and referral.for_field == field_id)
        return _Subject("field" if inside else "related", field, org)
    targets = {t.id for t in network.targets() if t.kind == "org"}
    if org_id is not None and (
        org_id in targets or (referral is not None and referral.for_org == org_id)
    ):
        return _Subject("employer", None, org)
    return _Subject("work", None, org)


def ask_values(
    network: ReferralNetwork, target: Person, hello: str
) -> tuple[dict[str, str], _Subject]:
    """Gather the values a request and a follow-up share."""
    way_in = connection(network, target.id)
    referral = way_in.referrals[-1] if way_in.referrals else None
    subject = subject_of(network, target, referral)
    interest, insider = subject.interest()
    mention = way_in.mention
    values = {
        **voice(network, target, hello),
        "name": target.name,
        "my_name": network.me.name,
        "referrer": mention or "",
        "introduction": f"{mention} suggested I speak with you. " if mention else "",
        "interest": interest,
        "insider": insider,
        "field": subject.field or "",
        "organization": subject.organization or "",
        "minutes": str(MINUTES_ASKED),
    }
    return values, subject


def shortened(
    name: str,
    values: dict[str, str],
    subject: _Subject,
    template: str | None,
    known: Collection[str],
) -> str:
    """Fill a template; the default one is kept under 100 words, or refused."""
    if template is not None:
        return fill(checked_template(template, known), values)
    default = checked_template(default_template(name), known)
    text = fill(default, values)
    if word_count(text) > MAX_REQUEST_WORDS:
        interest, insider = subject.interest(with_org=False)
        text = fill(default, {**values, "interest": interest, "insider": insider})
    if word_count(text) > MAX_REQUEST_WORDS:
        what = _WHAT["followup" if name == "followup" else "request"]
        raise InvalidInputError(
            f"the {what} would run to {word_count(text)} words, and the source's script "
            "keeps it under 100: shorten the names involved, or write your own with "
            "--template"
        )
    return text


def nothing_to_follow_up(person: Person, where: Standing) -> str:
    name, pid = person.name, person.id
    match where.stage:
        case "said-yes":
            return (
                f"{name} said yes on {where.replied_on} — nothing to follow up; schedule the "
                f"meeting: referrals schedule {pid} --on YYYY-MM-DD"
            )
        case "scheduled":
            return (
                f"{name} agreed to meet on {where.meeting_on} — nothing to follow up; prepare "
                f"for it: referrals prep {pid}"
            )
        case "met" if not where.logged:
            return (
                f"you met {name} on {where.met_on} — nothing to follow up; log the "
                f"conversation: referrals interview log {pid}"
            )
        case "met":
            return (
                f"you met {name} on {where.met_on} — nothing to follow up; thank them: "
                f"referrals draft thanks {pid}"
            )
        case "thanked":
            return (
                f"you met {name} on {where.met_on} and thanked them on {where.thanked_on} — "
                "nothing to follow up"
            )
        case "declined":
            return f"{name} declined on {where.since} — nothing to follow up"
        case "referred":
            return (
                f"{name} was referred to you on {where.referred_on} but has not been asked "
                f"yet — nothing to follow up; draft the request: referrals draft request {pid}"
            )
    return (
        f"{name} has not been asked yet — nothing to follow up; draft the request: "
        f"referrals draft request {pid}"
    )


def as_clause(text: str) -> str:
    """Continue a sentence with a stored sentence: lower its first letter, end it once.

    >>> as_clause("Take the CPA exam"), as_clause("CPA first.")
    ('take the CPA exam.', 'CPA first.')
    """
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
