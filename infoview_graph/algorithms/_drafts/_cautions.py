"""What to know before sending a draft: one caution per thing the lifecycle says."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from infoview_graph.algorithms._drafts._words import (
    WAITING,
    Caution,
    DraftKind,
    nothing_to_follow_up,
    recipient_of,
)
from infoview_graph.errors import InvalidInputError
from infoview_graph.lifecycle import judging_day, lifecycle
from infoview_graph.models import CHANNEL_NOUN

if TYPE_CHECKING:
    from infoview_graph.lifecycle import Standing
    from infoview_graph.models import Person
    from infoview_graph.network import ReferralNetwork


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
    target = recipient_of(network, person, kind)
    day = judging_day(network, today)
    where = lifecycle(network, today=day).standing(target.id)
    if kind == "followup" and (where.stage not in WAITING or where.asked_on is None):
        raise InvalidInputError(nothing_to_follow_up(target, where))
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
