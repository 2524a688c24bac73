"""The drafts: the request, the follow-up, the thank-you note, the news for a referrer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from infoview_graph.algorithms._drafts._words import (
    FIRST_MESSAGE,
    FOLLOWUP_PLACEHOLDERS,
    NEWS_PLACEHOLDERS,
    REQUEST_PLACEHOLDERS,
    THANKS_PLACEHOLDERS,
    WAITING,
    as_clause,
    ask_values,
    checked_template,
    default_template,
    fill,
    join_names,
    nothing_to_follow_up,
    recipient_of,
    shortened,
    spoken_date,
    subject_of,
    voice,
)
from infoview_graph.algorithms._prep import connection
from infoview_graph.errors import InvalidInputError, NotFoundError
from infoview_graph.lifecycle import judging_day, lifecycle
from infoview_graph.models import CHANNEL_NOUN

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork


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
    target = recipient_of(network, person, "request")
    values, subject = ask_values(network, target, "Hi")
    return shortened("request", values, subject, template, REQUEST_PLACEHOLDERS)


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
    target = recipient_of(network, person, "followup")
    day = judging_day(network, today)
    where = lifecycle(network, today=day).standing(target.id)
    if where.stage not in WAITING or where.asked_on is None:
        raise InvalidInputError(nothing_to_follow_up(target, where))
    values, subject = ask_values(network, target, "Hi")
    first = FIRST_MESSAGE.get(where.channel or "other", "my message of {}")
    first = first.format(spoken_date(where.asked_on, day))
    if where.followed_up_on is not None:
        first += f" and my follow-up of {spoken_date(where.followed_up_on, day)}"
    values |= {
        "date": spoken_date(where.asked_on, day),
        "channel": CHANNEL_NOUN[where.channel or "other"],
        "first_message": first,
    }
    return shortened("followup", values, subject, template, FOLLOWUP_PLACEHOLDERS)


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
    target = recipient_of(network, person, "thanks")
    interviews = network.interviews_with(target.id)
    if not interviews:
        raise NotFoundError(
            f"no interview with '{target.id}' is recorded; log it first with "
            f"'referrals interview log {target.id}'"
        )
    interview = interviews[-1]
    way_in = connection(network, target.id)
    subject = subject_of(network, target, way_in.referrals[-1] if way_in.referrals else None)
    detail = f"You were generous with your time, and your advice{subject.topic()} was a great help."
    if interview.resume_critiqued:
        detail += " Thank you as well for looking over my résumé."
    advice = [" ".join(item.split()) for item in interview.advice]
    advice_list = "\n".join(f"- {item}" for item in advice)
    names = join_names([network.person(p).name for p in interview.referrals])
    values = {
        **voice(network, target, "Dear"),
        "name": target.name,
        "my_name": network.me.name,
        "date": spoken_date(interview.on),
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
    chosen = template if template is not None else default_template("thanks")
    return fill(checked_template(chosen, THANKS_PLACEHOLDERS), values)


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
    target = recipient_of(network, referrer, "news")
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
        met_sentence = f"We spoke on {spoken_date(chosen[0].on)}, and it was a great help."
    else:
        spoken = join_names(
            [f"{n} on {spoken_date(i.on)}" for n, i in zip(people, chosen, strict=True)]
        )
        met_sentence = f"I spoke with {spoken}, and each conversation was a great help."
    advice = [" ".join(a.split()) for i in reversed(chosen) for a in i.advice]
    onward = [
        (network.person(i.person).name, join_names([network.person(p).name for p in i.referrals]))
        for i in chosen
        if i.referrals
    ]
    values = {
        **voice(network, target, "Hi"),
        "name": target.name,
        "my_name": network.me.name,
        "names": join_names(list(dict.fromkeys(people))),
        "met_sentence": met_sentence,
        "advice_sentence": (
            f"One piece of advice I am acting on: {as_clause(advice[0])}" if advice else ""
        ),
        "names_paragraph": " ".join(
            f"{who} also suggested I speak with {names}." for who, names in onward
        ),
    }
    chosen_template = template if template is not None else default_template("news")
    return fill(checked_template(chosen_template, NEWS_PLACEHOLDERS), values)
