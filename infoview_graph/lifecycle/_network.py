"""The lifecycle of the whole network, derived once per day and settings, and what is owed."""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from infoview_graph.lifecycle._stages import (
    ANSWERED,
    Lifecycle,
    LifecycleSettings,
    Obligation,
    SecondContact,
    Standing,
)
from infoview_graph.lifecycle._standing import business_days_after, standing_of
from infoview_graph.models import CHANNEL_NOUN, FollowUpKind
from infoview_graph.timing import classify, shift_days

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from infoview_graph.models import Interview, Outreach, Referral
    from infoview_graph.network import ReferralNetwork


# --- the whole network -----------------------------------------------------------------------


def judging_day(network: ReferralNetwork, today: dt.date | None = None) -> dt.date:
    """Return the day to judge the network on: ``today`` if given, else its ``as_of`` date.

    Without either, the calendar's today. Every command and algorithm that takes
    ``today`` resolves it here, so that they all agree.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> judging_day(net) == net.as_of, judging_day(net, dt.date(2027, 1, 4))
    (True, datetime.date(2027, 1, 4))
    """
    return today or network.as_of or dt.date.today()


def lifecycle(
    network: ReferralNetwork,
    *,
    today: dt.date | None = None,
    settings: LifecycleSettings | None = None,
) -> Lifecycle:
    """Derive every person's standing and every obligation from the network's events.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        Default: the network's ``as_of`` date if it has one, else today.
    settings : LifecycleSettings, optional
        The day counts.

    Returns
    -------
    Lifecycle
        Computed once per network state, day and settings (kept until the network changes).

    Notes
    -----
    O(e log e + m) for the e events (outreach, interviews, referrals) and my m ties; people
    with no event are *known* without being visited.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.demo import demo_network
    >>> life = lifecycle(demo_network(), today=dt.date(2026, 11, 20))
    >>> life.in_stage("said-yes"), life.stage("marcus-bell")
    (['maya-lindstrom'], 'met')
    """
    day = judging_day(network, today)
    limits = settings or LifecycleSettings()
    key = f"lifecycle:{day.isoformat()}:{limits.model_dump_json()}"
    return network.derived(key, lambda net: _derive(net, day, limits))


def _derive(network: ReferralNetwork, day: dt.date, limits: LifecycleSettings) -> Lifecycle:
    me = network.me.id
    mine = network.strengths(me)
    events = _Events.of(network)
    thresholds = limits.thresholds
    standings = {
        pid: standing_of(
            pid,
            do_not_contact=pid in events.barred,
            outreach=events.outreach.get(pid, ()),
            interviews=events.interviews.get(pid, ()),
            referrals=events.referrals.get(pid, ()),
            my_tie=mine.get(pid),
            today=day,
            thresholds=thresholds,
        )
        for pid in events.concerned(me)
    }
    direct = frozenset(pid for pid, s in mine.items() if s >= 1)
    owed = _Owed(network, events, limits)
    seconds = owed.silent_employers(standings)
    return Lifecycle(day, standings, direct, seconds, owed.second_contacts, owed.the_rest)


@dataclass(frozen=True)
class _Events:
    """Every person's events, grouped by person id once (the network's own indices).

    Only the people with an event are keys, so the lifecycle never visits the others.
    """

    outreach: Mapping[str, tuple[Outreach, ...]]
    interviews: Mapping[str, tuple[Interview, ...]]
    referrals: Mapping[str, tuple[Referral, ...]]
    barred: frozenset[str]
    """The people marked do-not-contact."""

    @classmethod
    def of(cls, network: ReferralNetwork) -> _Events:
        # The flag as a column, not records: one pass over a list, no person is built.
        flags = network.person_column("do_not_contact")
        return cls(
            network.outreach_by_person(),
            network.interviews_by_person(),
            network.referrals_by_referee(),
            frozenset(itertools.compress(flags, flags.values())),
        )

    def concerned(self, me: str) -> list[str]:
        """Return the ids of everyone but me with an event, a referral or the flag, sorted."""
        found = self.outreach.keys() | self.interviews.keys() | self.referrals.keys()
        found |= self.barred
        found.discard(me)
        return sorted(found)


class _Owed:
    """Derives the obligations of each standing (the table in the module docstring).

    Names and employers are read from the network when a lifecycle's obligations are first
    read: a network changed since the derivation is refused, never read as it is now.
    """

    def __init__(self, network: ReferralNetwork, events: _Events, limits: LifecycleSettings):
        self.network, self.events, self.limits = network, events, limits
        self.state = _state(network)
        self.me = network.me.id
        self.items: list[Obligation] = []
        self.names = network.person_column("name")
        self.named: dict[str, str] = {}
        self.today = dt.date.min  # the lifecycle's day, once asked

    def unchanged(self) -> None:
        """Refuse to read a network changed since the lifecycle was derived from it."""
        if _state(self.network) is not self.state:
            raise RuntimeError(
                "the network changed after this lifecycle was derived and before its "
                "obligations were read; derive it again: lifecycle(network, ...)"
            )

    def the_rest(self, life: Lifecycle) -> list[Obligation]:
        """Return every obligation but the 3B7 second contacts, by person id."""
        self.unchanged()
        self.items, self.today = [], life.today
        for s in life.standings.values():  # by id
            self.person(s)
        return self.items

    def add(
        self, item_id: str, kind: FollowUpKind, person: str | None, action: str, why: str,
        since: dt.date, due: dt.date, late: dt.date | None = None,
    ) -> None:  # fmt: skip
        self.items.append(
            Obligation(
                id=item_id, kind=kind, person_id=person, action=action, why=why,
                since=since, due=due, late=late or due,
            )
        )  # fmt: skip

    def name(self, pid: str) -> str:
        """Return a person's name, read from the column once per person."""
        name = self.named.get(pid)
        if name is None:
            name = self.named[pid] = self.names[pid]
        return name

    def person(self, s: Standing) -> None:
        if s.stage == "do-not-contact":
            return
        pid = s.person_id
        name = self.name(pid)
        for interview in self.events.interviews.get(pid, ()):
            self.after_interview(interview, name)
        noun = CHANNEL_NOUN[s.channel] if s.channel else "message"
        first = s.attempts[0] if s.attempts else ""
        if s.stage == "said-yes" and s.replied_on is not None:
            self.add(
                f"schedule-{first}", "schedule", pid, f"Schedule 15 minutes with {name}",
                f"{name} said yes on {s.replied_on} to your {noun} of {s.asked_on}",
                s.replied_on, s.replied_on,
                business_days_after(s.replied_on, self.limits.schedule_business_days),
            )  # fmt: skip
        elif s.stage == "scheduled" and s.meeting_on is not None:
            self.add(
                f"prepare-{first}-{s.meeting_on}", "prepare", pid,
                f"Prepare for your meeting with {name} on {s.meeting_on} (referrals prep)",
                f"meeting scheduled for {s.meeting_on}",
                s.replied_on or s.meeting_on, shift_days(s.meeting_on, -1), s.meeting_on,
            )  # fmt: skip
        elif s.stage == "met" and not s.logged and s.meeting_on is not None:
            self.add(
                f"log-conversation-{first}-{s.meeting_on}", "log-conversation", pid,
                f"Log your conversation with {name} and send a thank-you note",
                f"meeting on {s.meeting_on}; record what you learned (referrals interview log)",
                s.meeting_on, s.meeting_on, shift_days(s.meeting_on, 1),
            )  # fmt: skip
        elif s.stage in ("asked", "follow-up-due") and s.followed_up_on is None and s.asked_on:
            due = business_days_after(s.asked_on, self.limits.thresholds.curmudgeon_after)
            self.add(
                f"3b7-follow-up-{first}", "3b7-follow-up", pid, f"Follow up with {name}",
                f"no reply {self.limits.thresholds.curmudgeon_after} business days after your "
                f"{noun} of {s.asked_on} (referrals draft followup)",
                s.asked_on, due,
            )  # fmt: skip
        elif s.stage == "referred":
            self.stale_referrals(pid, name)
        if s.stage in ("met", "thanked") and s.logged:
            self.keep_in_touch(pid, name)

    def after_interview(self, interview: Interview, name: str) -> None:
        pid, on = interview.person, interview.on
        if interview.thanked_on is None:
            # shift_days, never date + timedelta: a stored 9999-12-31 or 0001-01-01 must
            # not crash every later command; dates stop at the calendar's ends.
            due = shift_days(on, self.limits.thank_you_days)
            self.add(
                f"thank-you-{interview.id}", "thank-you", pid,
                f"Send {name} a thank-you note",
                f"interview on {on}; thank within 24 hours", on, due, shift_days(due, 1),
            )  # fmt: skip
        for referral in self.events.referrals.get(pid, ()):
            if referral.referrer == self.me or referral.on > on:
                continue
            if referral.referrer in self.events.barred:
                continue
            referrer = self.name(referral.referrer)
            self.add(
                f"tell-referrer-{interview.id}-{referral.referrer}", "tell-referrer",
                referral.referrer, f"Tell {referrer} how the conversation with {name} went",
                f"{referrer} referred you to {name}; interview on {on} "
                f"(referrals draft news {referral.referrer})", on,
                business_days_after(on, self.limits.tell_referrer_business_days),
            )  # fmt: skip
        for n, advice in enumerate(interview.advice, 1):
            self.add(
                f"advice-{interview.id}-{n}", "advice", pid,
                f"Act on {name}'s advice: {first_line(advice)}",
                f"advice from the interview on {on}",
                on, shift_days(on, self.limits.advice_days),
            )  # fmt: skip

    def stale_referrals(self, pid: str, name: str) -> None:
        for referral in self.events.referrals.get(pid, ()):
            if referral.referrer == self.me:
                continue
            referrer = self.name(referral.referrer)
            self.add(
                f"stale-referral-{referral.referrer}-{pid}", "stale-referral", pid,
                f"Contact {name} before {referrer}'s referral goes stale",
                f"{referrer} referred them on {referral.on}",
                referral.on, shift_days(referral.on, self.limits.stale_after_days),
            )  # fmt: skip

    def keep_in_touch(self, pid: str, name: str) -> None:
        attempts = self.events.outreach.get(pid, ())
        talks = self.events.interviews.get(pid, ())
        limits = self.limits.thresholds
        if classify(attempts, talks, today=self.today, thresholds=limits) != "booster":
            return
        heard = [o.replied_on for o in attempts if o.replied_on] + [i.on for i in talks]
        last = max(heard)
        self.add(
            f"keep-in-touch-{pid}-{last.isoformat()}", "keep-in-touch", pid,
            f"Get back in touch with {name}", f"a booster; last heard from on {last}",
            last, shift_days(last, self.limits.keep_in_touch_days),
        )  # fmt: skip

    def silent_employers(self, standings: Mapping[str, Standing]) -> tuple[SecondContact, ...]:
        """Find the "3" of 3B7: the employers where the one person contacted is silent."""
        silent: dict[str, Standing] = {}
        answered: set[str] = set()
        contacted: dict[str, int] = {}
        works_at = self.network.person_column("organization")
        for pid, s in standings.items():
            if s.stage in ("known", "referred"):
                continue
            if s.stage == "do-not-contact" and s.asked_on is None and s.met_on is None:
                continue  # flagged but never reached: not a second person contacted there
            org = works_at[pid]
            if org is None:
                continue
            contacted[org] = contacted.get(org, 0) + 1
            if s.stage in ANSWERED:
                answered.add(org)
            elif s.stage in ("asked", "follow-up-due", "no-response") and s.asked_on:
                silent[org] = s
        after = self.limits.thresholds.booster_within
        owed = [
            SecondContact(org, s.person_id, business_days_after(s.asked_on, after))
            for org, s in silent.items()
            if s.asked_on and org not in answered and contacted[org] == 1
        ]
        return tuple(sorted(owed, key=lambda o: (o.due, _second_id(o, standings))))

    def second_contacts(self, life: Lifecycle) -> list[Obligation]:
        """Owe the "3" of 3B7: one item per employer while everyone contacted there is silent."""
        self.unchanged()
        self.items = []
        orgs = [owed.organization for owed in life.second_contacts_owed]
        best = _second_persons(self.network, life, orgs)
        for org, pid, due in life.second_contacts_owed:
            s = life.standings[pid]
            name, where = self.name(pid), self.network.organization(org).name
            noun = CHANNEL_NOUN[s.channel] if s.channel else "message"
            self.add(
                _second_id(SecondContact(org, pid, due), life.standings), "3b7-second-contact",
                pid, self.second_contact_action(where, best[org]),
                f"no reply from {name} {self.limits.thresholds.booster_within} business days "
                f"after your {noun} of {s.asked_on}",
                s.asked_on or due, due,
            )  # fmt: skip
        return self.items

    def second_contact_action(self, where: str, best: list[str]) -> str:
        if not best:
            return f"Find a second person at {where} to contact (3B7): ask who knows someone there"
        names = ", ".join(self.name(pid) for pid in best)
        return f"Contact a second person at {where} (3B7), e.g. {names}"


def _state(network: ReferralNetwork) -> object:
    """Return a token of the network's state: the same object until the network changes."""
    return network.derived("state", lambda _: object())


def _second_id(owed: SecondContact, standings: Mapping[str, Standing]) -> str:
    """Return the id of the obligation to contact a second person at one employer."""
    return f"3b7-second-{owed.organization}-{standings[owed.person_id].attempts[0]}"


def _second_persons(
    network: ReferralNetwork, life: Lifecycle, orgs: Collection[str]
) -> dict[str, list[str]]:
    """Return the ids of the three best second persons at each of these employers.

    Anyone there but me who is *known* or *referred* (so not marked do-not-contact); the
    referred first, then by my tie to them (strongest first, none last), then by id.

    One pass over the organization column picks the members of these employers (at C
    speed: no person is looked up). Most have neither an event nor a tie to me: of those,
    only the three first ids of each employer can be among its best.
    """
    column = network.person_column("organization")
    wanted = set(orgs)
    members = itertools.compress(column.items(), map(wanted.__contains__, column.values()))
    me = network.me.id
    mine, standings = network.strengths(me), life.standings
    special = standings.keys() | mine.keys() | {me}
    plain: dict[str, list[str]] = {org: [] for org in wanted}
    ranked: dict[str, list[tuple[bool, int, str]]] = {org: [] for org in wanted}
    for pid, org in members:
        if pid not in special:
            plain[org].append(pid)
            continue
        s = standings.get(pid)
        stage = s.stage if s is not None else "known"
        if pid != me and stage in ("known", "referred"):
            ranked[org].append((stage != "referred", -mine.get(pid, -1), pid))
    best = {}
    for org, keys in ranked.items():
        keys += [(True, 1, pid) for pid in heapq.nsmallest(3, plain[org])]
        best[org] = [pid for *_, pid in heapq.nsmallest(3, keys)]
    return best


def first_line(text: str) -> str:
    r"""Return the first line of a text, cut to 120 characters.

    Examples
    --------
    >>> first_line("Take the CPA exam\nsoon")
    'Take the CPA exam'
    """
    line = text.strip().splitlines()[0] if text.strip() else text
    return line if len(line) <= 120 else line[:117] + "…"
