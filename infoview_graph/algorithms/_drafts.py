"""Message drafts: the request for 15 minutes, the follow-up, and the thank-you note.

:func:`draft_request` follows the source document's script — "Mrs. Smith, Brad Johnson
suggested I speak with you. My name is … and I am interested in … Do you have any time this
week …? I only need about 15 minutes …" — naming the referrer only when I may use the name
(see :func:`~infoview_graph.algorithms._prep.connection`). It asks for advice and time, never
for a job. :func:`draft_followup` is the short reminder to a request nobody answered, citing
the date and channel of its first message. :func:`draft_thanks` thanks the person for the
latest interview, citing the advice they gave and the names they passed on.
:func:`draft_cautions` says what to know before sending any of them.

My goal, not their field
    A draft speaks of the target that makes the person relevant (see
    :func:`~infoview_graph.algorithms._prep.focus`): "accounting at General Mills" when they
    are in a target field (or the referral was for one), "careers at General Mills" when
    only their employer is a target of mine, "the accounting field" when they work in a
    field related to a target field (then the advice is asked "from someone in a related
    field"), and "the work you do at <organization>" otherwise. A field of theirs that is
    not one of my targets is never named as my interest.

Tone
    People I know — met as a friend, family, colleague, classmate or neighbour, or with my
    tie to them of strength 2 or more — are greeted by their first name ("Hi Brad," in a
    request or follow-up, "Dear Brad," in a thank-you note), are not told my name, and the
    draft is signed with my first name. Everyone else is greeted by the name as stored
    ("Dear Margaret Smith,"). The first name is the first word of the stored name, unless
    that word is a title (Mr., Mrs., Ms., Miss, Mx., Dr., Prof., …) or an initial: then the
    whole stored name is kept ("Hi Mrs. Smith,"). The tool never guesses a title.

Who may be drafted to
    Nobody marked do not contact: every draft function raises
    :class:`~infoview_graph.errors.InvalidInputError` for them. A follow-up needs a request
    that waits for an answer (stage *asked*, *follow-up due* or *no response* in
    :mod:`infoview_graph.lifecycle`). For someone who declined, the draft is made, and
    :func:`draft_cautions` returns a warning to show with it.

Templates
    The default templates are ``string.Template`` files in ``data/templates/``
    (``request.txt``, ``followup.txt``, ``thanks.txt``). A user template is the text of such
    a file, passed as ``template=``; its ``$placeholders`` are checked against
    :data:`REQUEST_PLACEHOLDERS`, :data:`FOLLOWUP_PLACEHOLDERS` or
    :data:`THANKS_PLACEHOLDERS` (write ``$$`` for a dollar sign). Blank lines left by empty
    paragraphs are collapsed. ``$salutation`` is the name to greet them by, so an older
    template's ``Dear $salutation,`` follows the tone rule too.

Length
    With the default templates the request and the follow-up stay under 100 words: if long
    names would push one over, the organization is dropped from the interest; if it is
    still too long, an :class:`~infoview_graph.errors.InvalidInputError` says so rather than
    send a long message. A user template is the user's responsibility: its length is not
    checked.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> request = draft_request(net, "Margaret Smith")
>>> print(request.splitlines()[2])
Brad Johnson suggested I speak with you. My name is Steven Olson and I am interested in accounting
at General Mills. I could use some advice from someone who is in this field. Do you have any time
this week when I could meet with you? I only need about 15 minutes of your time. It would really
help me in my decision-making process.
>>> word_count(request) < MAX_REQUEST_WORDS
True
>>> print(draft_followup(net, "Jessica Tran").splitlines()[2])
My name is Steven Olson and I am following up on my LinkedIn message of November 9 asking for 15
minutes of your time. I am interested in careers at General Mills. I could use some advice from
someone who works there. Would you have a little time in the next week or two? It would really help
me in my decision-making process.
"""

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
from infoview_graph.errors import InvalidInputError, NotFoundError
from infoview_graph.lifecycle import judging_day, lifecycle
from infoview_graph.models import CHANNEL_NOUN

if TYPE_CHECKING:
    from infoview_graph.lifecycle import Standing
    from infoview_graph.models import Person, Referral
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "FOLLOWUP_PLACEHOLDERS",
    "MAX_REQUEST_WORDS",
    "NEWS_PLACEHOLDERS",
    "REQUEST_PLACEHOLDERS",
    "THANKS_PLACEHOLDERS",
    "Caution",
    "DraftKind",
    "draft_cautions",
    "draft_followup",
    "draft_news",
    "draft_request",
    "draft_thanks",
    "word_count",
]

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
_WAITING = ("asked", "follow-up-due", "no-response")
_WHAT = {
    "request": "request",
    "followup": "follow-up",
    "thanks": "thank-you note",
    "news": "news for the referrer",
}
_FIRST_MESSAGE = {
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
def _default(name: str) -> str:
    path = files("infoview_graph").joinpath(f"data/templates/{name}.txt")
    return path.read_text(encoding="utf-8")


def _checked(text: str, known: Collection[str]) -> string.Template:
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


def _fill(template: string.Template, values: Mapping[str, str]) -> str:
    text = template.substitute(values)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _phrase(name: str) -> str:
    first, _, rest = name.partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first


def _join(names: Sequence[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _date(day: dt.date, today: dt.date | None = None) -> str:
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


def _voice(network: ReferralNetwork, person: Person, hello: str) -> dict[str, str]:
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


def _recipient(network: ReferralNetwork, person: str, kind: DraftKind) -> Person:
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


def _subject(network: ReferralNetwork, person: Person, referral: Referral | None) -> _Subject:
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


def _ask_values(
    network: ReferralNetwork, target: Person, hello: str
) -> tuple[dict[str, str], _Subject]:
    """Gather the values a request and a follow-up share."""
    way_in = connection(network, target.id)
    referral = way_in.referrals[-1] if way_in.referrals else None
    subject = _subject(network, target, referral)
    interest, insider = subject.interest()
    mention = way_in.mention
    values = {
        **_voice(network, target, hello),
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


def _short(
    name: str,
    values: dict[str, str],
    subject: _Subject,
    template: str | None,
    known: Collection[str],
) -> str:
    """Fill a template; the default one is kept under 100 words, or refused."""
    if template is not None:
        return _fill(_checked(template, known), values)
    default = _checked(_default(name), known)
    text = _fill(default, values)
    if word_count(text) > MAX_REQUEST_WORDS:
        interest, insider = subject.interest(with_org=False)
        text = _fill(default, {**values, "interest": interest, "insider": insider})
    if word_count(text) > MAX_REQUEST_WORDS:
        what = _WHAT["followup" if name == "followup" else "request"]
        raise InvalidInputError(
            f"the {what} would run to {word_count(text)} words, and the source's script "
            "keeps it under 100: shorten the names involved, or write your own with "
            "--template"
        )
    return text


# --- the drafts ------------------------------------------------------------------------------


def draft_request(network: ReferralNetwork, person: str, *, template: str | None = None) -> str:
    """Draft the request for an informational interview, after the source document's script.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    person : str
        Whom to ask: an id or an unambiguous name.
    template : str, optional
        The text of a ``string.Template`` to use instead of the default (see
        :data:`REQUEST_PLACEHOLDERS`).

    Returns
    -------
    str
        The draft, ending with a newline. It speaks of my goal (see the module docstring),
        in the tone of the relationship; the referrer is named only when I may use the
        name; with the default template it stays under 100 words and never asks for a job.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``person`` names nobody, or several persons.
    InvalidInputError
        If ``person`` is me or is marked do not contact, the template has an unknown
        placeholder, or the default request would run to 100 words or more.

    See Also
    --------
    draft_cautions : what to know before sending it (they declined, were asked already…).

    Notes
    -----
    O(c · r) for the referral chain (see :func:`~infoview_graph.algorithms._prep.connection`).

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> print(draft_request(demo_network(), "Margaret Smith"))
    Dear Margaret Smith,
    <BLANKLINE>
    Brad Johnson suggested I speak with you. My name is Steven Olson and I am interested in
    accounting at General Mills. I could use some advice from someone who is in this field. Do
    you have any time this week when I could meet with you? I only need about 15 minutes of your
    time. It would really help me in my decision-making process.
    <BLANKLINE>
    Thank you,
    Steven Olson
    <BLANKLINE>

    Ben Carlson is a classmate of mine:

    >>> print(draft_request(demo_network(), "Ben Carlson"))
    Hi Ben,
    <BLANKLINE>
    I am interested in accounting at Northland Medical Devices. I could use some advice from
    someone who is in this field. Do you have any time this week when I could meet with you? I
    only need about 15 minutes of your time. It would really help me in my decision-making
    process.
    <BLANKLINE>
    Thank you,
    Steven
    <BLANKLINE>
    """
    target = _recipient(network, person, "request")
    values, subject = _ask_values(network, target, "Hi")
    return _short("request", values, subject, template, REQUEST_PLACEHOLDERS)


def draft_followup(
    network: ReferralNetwork,
    person: str,
    *,
    today: dt.date | None = None,
    template: str | None = None,
) -> str:
    """Draft the short follow-up to a request for an interview that nobody answered.

    It recalls the date and channel of the request's first message, says again what I am
    interested in (my goal, as in :func:`draft_request`), names the referrer when I may use
    the name, and asks for a little time — never for a job.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    person : str
        Whom to write to: an id or an unambiguous name.
    today : datetime.date, optional
        The day the follow-up is written (default: the network's ``as_of``, else today).
    template : str, optional
        The text of a ``string.Template`` to use instead of the default (see
        :data:`FOLLOWUP_PLACEHOLDERS`).

    Returns
    -------
    str
        The draft, ending with a newline; under 100 words with the default template.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``person`` names nobody, or several persons.
    InvalidInputError
        If ``person`` is me or is marked do not contact; if no request to them awaits an
        answer (their stage, see :mod:`infoview_graph.lifecycle`, is not *asked*,
        *follow-up due* or *no response*) — the message says where they stand and what to
        do instead; if the template has an unknown placeholder, or the default follow-up
        would run to 100 words or more.

    Notes
    -----
    O(e log e + m) for the lifecycle of the network's e events and my m ties (computed once
    per network state and day), plus the referral chain.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> print(draft_followup(demo_network(), "Lúcia Ferreira"))
    Dear Lúcia Ferreira,
    <BLANKLINE>
    My name is Steven Olson and I am following up on my email of October 28 asking for 15
    minutes of your time. I am interested in auditing at Lakeview County Auditor's Office. I
    could use some advice from someone who is in this field. Would you have a little time in
    the next week or two? It would really help me in my decision-making process.
    <BLANKLINE>
    Thank you,
    Steven Olson
    <BLANKLINE>
    >>> draft_followup(demo_network(), "Maya Lindström")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: Maya Lindström said yes on 2026-11-11 — nothing to
    follow up; schedule the meeting: referrals schedule maya-lindstrom --on YYYY-MM-DD
    """
    target = _recipient(network, person, "followup")
    day = judging_day(network, today)
    where = lifecycle(network, today=day).standing(target.id)
    if where.stage not in _WAITING or where.asked_on is None:
        raise InvalidInputError(_nothing_to_follow_up(target, where))
    values, subject = _ask_values(network, target, "Hi")
    first = _FIRST_MESSAGE.get(where.channel or "other", "my message of {}")
    first = first.format(_date(where.asked_on, day))
    if where.followed_up_on is not None:
        first += f" and my follow-up of {_date(where.followed_up_on, day)}"
    values |= {
        "date": _date(where.asked_on, day),
        "channel": CHANNEL_NOUN[where.channel or "other"],
        "first_message": first,
    }
    return _short("followup", values, subject, template, FOLLOWUP_PLACEHOLDERS)


def _nothing_to_follow_up(person: Person, where: Standing) -> str:
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


def draft_thanks(network: ReferralNetwork, person: str, *, template: str | None = None) -> str:
    """Draft the thank-you note for the latest interview with a person.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    person : str
        Whom to thank: an id or an unambiguous name.
    template : str, optional
        The text of a ``string.Template`` to use instead of the default (see
        :data:`THANKS_PLACEHOLDERS`).

    Returns
    -------
    str
        The note, ending with a newline, in the tone of the relationship: it thanks them
        for their time (and the résumé critique), cites each advice item and the names they
        gave.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``person`` names nobody or several persons, or no interview with them is recorded.
    InvalidInputError
        If ``person`` is me or is marked do not contact, or the template has an unknown
        placeholder.

    Notes
    -----
    O(v) for the v interviews in the network, plus the referral chain.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> print(draft_thanks(demo_network(), "Omar Haddad"))
    Dear Omar Haddad,
    <BLANKLINE>
    Thank you for taking the time to speak with me on October 6. You were generous with your
    time, and your advice on tax preparation was a great help.
    <BLANKLINE>
    I am following up on your advice:
    - Work one tax season as a seasonal preparer before committing to tax.
    <BLANKLINE>
    Thank you also for suggesting I speak with Lúcia Ferreira. I will get in touch soon.
    <BLANKLINE>
    I will let you know how things turn out.
    <BLANKLINE>
    With thanks,
    Steven Olson
    <BLANKLINE>
    """
    target = _recipient(network, person, "thanks")
    interviews = network.interviews_with(target.id)
    if not interviews:
        raise NotFoundError(
            f"no interview with '{target.id}' is recorded; log it first with "
            f"'referrals interview log {target.id}'"
        )
    interview = interviews[-1]
    way_in = connection(network, target.id)
    subject = _subject(network, target, way_in.referrals[-1] if way_in.referrals else None)
    detail = f"You were generous with your time, and your advice{subject.topic()} was a great help."
    if interview.resume_critiqued:
        detail += " Thank you as well for looking over my résumé."
    advice = [" ".join(item.split()) for item in interview.advice]
    advice_list = "\n".join(f"- {item}" for item in advice)
    names = _join([network.person(p).name for p in interview.referrals])
    values = {
        **_voice(network, target, "Dear"),
        "name": target.name,
        "my_name": network.me.name,
        "date": _date(interview.on),
        "field": subject.field or "",
        "organization": subject.organization or "",
        "thanks_detail": detail,
        "advice_paragraph": f"I am following up on your advice:\n{advice_list}" if advice else "",
        "advice_list": advice_list,
        "names_paragraph": (
            f"Thank you also for suggesting I speak with {names}. I will get in touch soon."
            if names
            else ""
        ),
        "names": names,
    }
    chosen = template if template is not None else _default("thanks")
    return _fill(_checked(chosen, THANKS_PLACEHOLDERS), values)


def draft_news(network: ReferralNetwork, referrer: str, *, template: str | None = None) -> str:
    """Draft the news for a referrer: how the conversations they made possible went.

    The last outgoing step of a referral (DESIGN §4a: "tell the referrer how it went"): it
    thanks them for the names, says when I met the people they referred me to, cites one
    piece of advice, and mentions the names those people passed on. It covers the
    interviews I have not told them about yet (``interview log --told-referrer-on``,
    ``followup done tell-referrer-…``), or else the latest one.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    referrer : str
        Whom to tell: the person who referred me (an id or an unambiguous name).
    template : str, optional
        The text of a ``string.Template`` to use instead of the default (see
        :data:`NEWS_PLACEHOLDERS`).

    Returns
    -------
    str
        The note, ending with a newline, in the tone of the relationship.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``referrer`` names nobody or several persons, or nobody they referred me to has
        been met yet.
    InvalidInputError
        If ``referrer`` is me or is marked do not contact, or the template has an unknown
        placeholder.

    Notes
    -----
    O(r · v) for the r referrals they gave and v interviews with each.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> print(draft_news(demo_network(), "Priya Raman"))
    Dear Priya Raman,
    <BLANKLINE>
    Thank you again for suggesting I speak with Marcus Bell. We spoke on November 19, and it
    was a great help. One piece of advice I am acting on: learn the basics of non-profit fund
    accounting (restricted and unrestricted funds).
    <BLANKLINE>
    Marcus Bell also suggested I speak with Elena Petrova.
    <BLANKLINE>
    I will let you know how things turn out.
    <BLANKLINE>
    With thanks,
    Steven Olson
    <BLANKLINE>
    """
    target = _recipient(network, referrer, "news")
    told = {f.id for f in network.followups() if f.done_on is not None}
    met = [
        interview
        for referral in network.referrals_from(target.id)
        for interview in network.interviews_with(referral.referee)
        if interview.on >= referral.on
    ]
    if not met:
        raise NotFoundError(
            f"nobody {target.name} referred you to has been met yet: there is no news to "
            "give; tell them once you have spoken with someone they named"
        )
    met.sort(key=lambda i: (i.on, i.id))
    untold = [i for i in met if f"tell-referrer-{i.id}-{target.id}" not in told]
    chosen = untold or met[-1:]
    people = [network.person(i.person).name for i in chosen]
    if len(chosen) == 1:
        met_sentence = f"We spoke on {_date(chosen[0].on)}, and it was a great help."
    else:
        spoken = _join([f"{n} on {_date(i.on)}" for n, i in zip(people, chosen, strict=True)])
        met_sentence = f"I spoke with {spoken}, and each conversation was a great help."
    advice = [" ".join(a.split()) for i in reversed(chosen) for a in i.advice]
    onward = [
        (network.person(i.person).name, _join([network.person(p).name for p in i.referrals]))
        for i in chosen
        if i.referrals
    ]
    values = {
        **_voice(network, target, "Hi"),
        "name": target.name,
        "my_name": network.me.name,
        "names": _join(list(dict.fromkeys(people))),
        "met_sentence": met_sentence,
        "advice_sentence": (
            f"One piece of advice I am acting on: {_as_clause(advice[0])}" if advice else ""
        ),
        "names_paragraph": " ".join(
            f"{who} also suggested I speak with {names}." for who, names in onward
        ),
    }
    chosen_template = template if template is not None else _default("news")
    return _fill(_checked(chosen_template, NEWS_PLACEHOLDERS), values)


def draft_cautions(
    network: ReferralNetwork,
    person: str,
    kind: DraftKind,
    *,
    today: dt.date | None = None,
) -> tuple[Caution, ...]:
    """Say what to know before sending a draft to someone, from where they stand.

    The decision is the library's; the ``referrals draft`` commands print the result on
    stderr (warnings, then notes) after the draft.

    - Anyone marked do not contact: refused (no draft of any kind).
    - They declined: a warning, whatever the draft.
    - A request to someone asked already: a note pointing to ``draft followup``; to
      someone met: to ``draft thanks``; to someone who said yes or has a meeting on the
      calendar: to scheduling and preparing.
    - A follow-up: refused (as by :func:`draft_followup`) unless a request awaits an
      answer; a note when it is early (the follow-up is not due yet), when they were
      followed up already, or when the follow-up went unanswered too.
    - A thank-you note to someone thanked already: a note.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    person : str
        The recipient: an id or an unambiguous name.
    kind : {"request", "followup", "thanks"}
        Which draft.
    today : datetime.date, optional
        The day to judge waiting times against (default: the network's ``as_of``, else
        today).

    Returns
    -------
    tuple of Caution
        Warnings first, then notes; empty when there is nothing to say.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``person`` names nobody, or several persons.
    InvalidInputError
        If ``person`` is me or is marked do not contact, or (for a follow-up) no request to
        them awaits an answer.

    Notes
    -----
    O(e log e + m): the lifecycle of the network (computed once per network state and day).

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> [c.text for c in draft_cautions(net, "Kenji Watanabe", "request")]
    ['Kenji Watanabe declined on 2026-11-03; ask again only if something has changed']
    >>> print(draft_cautions(net, "Jessica Tran", "request")[0].text)
    you asked Jessica Tran by LinkedIn message on 2026-11-09 and have no reply yet; to follow
    up instead: referrals draft followup jessica-tran
    >>> draft_cautions(net, "Gary Fenwick", "thanks")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: Gary Fenwick is marked do not contact; no
    thank-you note is drafted (if that has changed: referrals person edit gary-fenwick
    --may-contact)
    """
    target = _recipient(network, person, kind)
    day = judging_day(network, today)
    where = lifecycle(network, today=day).standing(target.id)
    if kind == "followup" and (where.stage not in _WAITING or where.asked_on is None):
        raise InvalidInputError(_nothing_to_follow_up(target, where))
    found: list[Caution] = []
    if where.stage == "declined":
        found.append(
            Caution(
                level="warning",
                text=f"{target.name} declined on {where.since}; ask again only if something "
                "has changed",
            )
        )
    notes = {
        "request": _request_note,
        "followup": _followup_note,
        "thanks": _thanks_note,
        "news": _news_note,
    }
    note = notes[kind]
    text = note(target, where)
    if text:
        found.append(Caution(level="note", text=text))
    return tuple(found)


def _as_clause(text: str) -> str:
    """Continue a sentence with a stored sentence: lower its first letter, end it once.

    >>> _as_clause("Take the CPA exam"), _as_clause("CPA first.")
    ('take the CPA exam.', 'CPA first.')
    """
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _news_note(person: Person, where: Standing) -> str | None:
    # News goes to a referrer, whatever stage they are in with me.
    del person, where
    return None


def _request_note(person: Person, where: Standing) -> str | None:
    name, pid = person.name, person.id
    noun = CHANNEL_NOUN[where.channel] if where.channel else "message"
    match where.stage:
        case "asked" | "follow-up-due":
            return (
                f"you asked {name} by {noun} on {where.asked_on} and have no reply yet; to "
                f"follow up instead: referrals draft followup {pid}"
            )
        case "no-response":
            return (
                f"{name} answered neither your {noun} of {where.asked_on} nor the follow-up "
                f"of {where.followed_up_on}; this request starts over"
            )
        case "said-yes":
            return (
                f"{name} said yes on {where.replied_on}; schedule the meeting instead: "
                f"referrals schedule {pid} --on YYYY-MM-DD"
            )
        case "scheduled":
            return f"a meeting with {name} is on the calendar for {where.meeting_on}"
        case "met" if not where.logged:
            return (
                f"you met {name} on {where.met_on}; log the conversation (referrals interview "
                f"log {pid}), then thank them: referrals draft thanks {pid}"
            )
        case "met":
            return f"you met {name} on {where.met_on}; to thank them: referrals draft thanks {pid}"
        case "thanked":
            return (
                f"you met {name} on {where.met_on} and thanked them on {where.thanked_on}; "
                "this asks for another conversation"
            )
    return None


def _followup_note(person: Person, where: Standing) -> str | None:
    name = person.name
    noun = CHANNEL_NOUN[where.channel] if where.channel else "message"
    if where.stage == "asked" and where.followed_up_on is None:
        return (
            f"it is early: the follow-up to your {noun} of {where.asked_on} is due on "
            f"{where.next_on}"
        )
    if where.stage == "asked":
        return (
            f"you followed up on {where.followed_up_on} already; {name} has until "
            f"{where.next_on} to answer"
        )
    if where.stage == "no-response":
        return (
            f"{name} answered neither your {noun} of {where.asked_on} nor the follow-up of "
            f"{where.followed_up_on}: make this the last try, and ask someone else too"
        )
    return None


def _thanks_note(person: Person, where: Standing) -> str | None:
    if where.stage == "thanked":
        return f"you thanked {person.name} on {where.thanked_on} already"
    return None
