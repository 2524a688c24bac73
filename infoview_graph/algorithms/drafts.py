"""Message drafts: the request for 15 minutes, and the thank-you note.

:func:`draft_request` follows the source document's script — "Mrs. Smith, Brad Johnson
suggested I speak with you. My name is … and I am interested in … Do you have any time this
week …? I only need about 15 minutes …" — naming the referrer only when I may use the name
(see :func:`~infoview_graph.algorithms.prep.connection`). It asks for advice and time, never
for a job. :func:`draft_thanks` thanks the person for the latest interview, citing the advice
they gave and the names they passed on.

Templates
    The default templates are ``string.Template`` files in ``data/templates/``
    (``request.txt``, ``thanks.txt``). A user template is the text of such a file, passed as
    ``template=``; its ``$placeholders`` are checked against :data:`REQUEST_PLACEHOLDERS` or
    :data:`THANKS_PLACEHOLDERS` (write ``$$`` for a dollar sign). Blank lines left by empty
    paragraphs are collapsed.

Length
    With the default template the request stays under 100 words: if long names would push
    it over, the organization is dropped from the interest; if it is still too long, an
    :class:`~infoview_graph.errors.InvalidInputError` says so rather than send a long
    request. A user template is the user's responsibility: its length is not checked.

Salutation
    The person's name as stored ("Dear Margaret Smith,", or "Dear Mrs. Smith," when that is
    how they are recorded): the tool never guesses a title.

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
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Collection, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from infoview_graph.algorithms.prep import MINUTES_ASKED, connection, focus
from infoview_graph.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "MAX_REQUEST_WORDS",
    "REQUEST_PLACEHOLDERS",
    "THANKS_PLACEHOLDERS",
    "draft_request",
    "draft_thanks",
    "word_count",
]

MAX_REQUEST_WORDS = 99
"""The default request's guaranteed maximum: under 100 words."""

REQUEST_PLACEHOLDERS: Mapping[str, str] = {
    "salutation": "the person's name as stored",
    "name": "the person's name",
    "referrer": "the referrer's name when I may use it, else empty",
    "introduction": "'<referrer> suggested I speak with you. ' when I may use the name, else empty",
    "my_name": "my name",
    "interest": "what I am interested in, e.g. 'accounting at General Mills'",
    "field": "the field's name (may be empty)",
    "organization": "the organization's name (may be empty)",
    "minutes": "the minutes asked for (15)",
}
"""The placeholders a request template may use, with what each becomes."""

THANKS_PLACEHOLDERS: Mapping[str, str] = {
    "salutation": "the person's name as stored",
    "name": "the person's name",
    "my_name": "my name",
    "date": "the interview's date, e.g. 'November 19'",
    "field": "the field's name (may be empty)",
    "organization": "the organization's name (may be empty)",
    "thanks_detail": "a sentence of thanks (and for the résumé critique, if any)",
    "advice_paragraph": "'I am following up on your advice:' and the items, else empty",
    "advice_list": "the advice items, one '- item' line each",
    "names_paragraph": "a sentence thanking them for the names they gave, else empty",
    "names": "the names they gave, e.g. 'Ann Lee and Tom Reyes'",
}
"""The placeholders a thank-you template may use, with what each becomes."""

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


def word_count(text: str) -> int:
    r"""Count the words of a draft (white-space separated).

    Examples
    --------
    >>> word_count("Dear Mrs. Smith,\n\nThank you.")
    5
    """
    return len(text.split())


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


def _interest(field: str | None, org: str | None) -> str:
    if field and org:
        return f"{_phrase(field)} at {org}"
    if field:
        return f"the {_phrase(field)} field"
    if org:
        return f"the work you do at {org}"
    return "the work you do"


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
        The draft, ending with a newline. The referrer is named only when I may use the
        name; with the default template it stays under 100 words and never asks for a job.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``person`` names nobody, or several persons.
    InvalidInputError
        If ``person`` is me, the template has an unknown placeholder, or the default
        request would run to 100 words or more.

    Notes
    -----
    O(c · r) for the referral chain (see :func:`~infoview_graph.algorithms.prep.connection`).

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
    """
    way_in = connection(network, person)
    target = network.person(way_in.chain[-1])
    referral = way_in.referrals[-1] if way_in.referrals else None
    field_id, org_id = focus(network, target, referral)
    field = network.field(field_id).name if field_id else None
    org = network.organization(org_id).name if org_id else None
    mention = way_in.mention
    values = {
        "salutation": target.name,
        "name": target.name,
        "referrer": mention or "",
        "introduction": f"{mention} suggested I speak with you. " if mention else "",
        "my_name": network.me.name,
        "interest": _interest(field, org),
        "field": field or "",
        "organization": org or "",
        "minutes": str(MINUTES_ASKED),
    }
    if template is not None:
        return _fill(_checked(template, REQUEST_PLACEHOLDERS), values)
    default = _checked(_default("request"), REQUEST_PLACEHOLDERS)
    text = _fill(default, values)
    if word_count(text) > MAX_REQUEST_WORDS:
        text = _fill(default, {**values, "interest": _interest(field, None)})
    if word_count(text) > MAX_REQUEST_WORDS:
        raise InvalidInputError(
            f"the request would run to {word_count(text)} words, and the source's script "
            "keeps it under 100: shorten the names involved, or write your own with "
            "--template"
        )
    return text


def _date(day: dt.date) -> str:
    # Month names spelled here, not by strftime, so that the locale cannot change them.
    return f"{_MONTHS[day.month - 1]} {day.day}"


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
        The note, ending with a newline: it thanks them for their time (and the résumé
        critique), cites each advice item and the names they gave.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``person`` names nobody or several persons, or no interview with them is recorded.
    InvalidInputError
        If the template has an unknown placeholder.

    Notes
    -----
    O(v) for the v interviews in the network.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> print(draft_thanks(demo_network(), "Omar Haddad"))
    Dear Omar Haddad,
    <BLANKLINE>
    Thank you for taking the time to speak with me on October 6. You were generous with your
    time, and your advice on accounting was a great help.
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
    target = network.find_person(person)
    if target.is_self:
        raise InvalidInputError("person: that is you; name the person you interviewed")
    interviews = network.interviews_with(target.id)
    if not interviews:
        raise NotFoundError(
            f"no interview with '{target.id}' is recorded; log it first with "
            f"'referrals interview log {target.id}'"
        )
    interview = interviews[-1]
    field_id, org_id = focus(network, target)
    field = network.field(field_id).name if field_id else None
    org = network.organization(org_id).name if org_id else None
    detail = "You were generous with your time, and your advice"
    detail += f" on {_phrase(field)} was a great help." if field else " was a great help."
    if interview.resume_critiqued:
        detail += " Thank you as well for looking over my résumé."
    advice = [" ".join(item.split()) for item in interview.advice]
    advice_list = "\n".join(f"- {item}" for item in advice)
    names = _join([network.person(p).name for p in interview.referrals])
    values = {
        "salutation": target.name,
        "name": target.name,
        "my_name": network.me.name,
        "date": _date(interview.on),
        "field": field or "",
        "organization": org or "",
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
