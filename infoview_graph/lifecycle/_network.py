"""The lifecycle of the whole network, derived once per day and settings, and what is owed."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from infoview_graph.lifecycle._stages import (
    ANSWERED,
    Lifecycle,
    LifecycleSettings,
    Obligation,
    Standing,
)
from infoview_graph.lifecycle._standing import standing_of
from infoview_graph.models import CHANNEL_NOUN, FollowUpKind
from infoview_graph.timing import add_business_days, classify, shift_days

if TYPE_CHECKING:
    from collections.abc import Mapping

    from infoview_graph.models import Interview
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
    # Columns, not records: the flag and the names are all the lifecycle reads of a person.
    barred = network.person_column("do_not_contact")
    concerned = {o.person for o in network.outreach()} | {i.person for i in network.interviews()}
    concerned |= {r.referee for r in network.referrals()}
    concerned.update(itertools.compress(barred, barred.values()))
    concerned.discard(me)
    standings = {
        pid: standing_of(
            pid,
            do_not_contact=barred[pid],
            outreach=network.outreach_to(pid),
            interviews=network.interviews_with(pid),
            referrals=network.referrals_to(pid),
            my_tie=mine.get(pid),
            today=day,
            thresholds=limits.thresholds,
        )
        for pid in sorted(concerned)
    }
    direct = frozenset(pid for pid, s in mine.items() if s >= 1)
    life = Lifecycle(day, standings, (), direct)
    owed = _Owed(network, life, limits)
    for pid in sorted(standings):
        owed.person(pid)
    owed.second_contacts()
    obligations = tuple(sorted(owed.items, key=lambda o: (o.due, o.id)))
    return Lifecycle(day, standings, obligations, direct)


class _Owed:
    """Collects the obligations of each standing (the table in the module docstring)."""

    def __init__(self, network: ReferralNetwork, life: Lifecycle, limits: LifecycleSettings):
        self.network, self.life, self.limits = network, life, limits
        self.items: list[Obligation] = []
        self.names = network.person_column("name")
        self.barred = network.person_column("do_not_contact")
        self.pool: _Pool | None = None

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
        name: str = self.names[pid]
        return name

    def person(self, pid: str) -> None:
        s = self.life.standings[pid]
        if s.stage == "do-not-contact":
            return
        name = self.name(pid)
        for interview in self.network.interviews_with(pid):
            self.after_interview(interview, name)
        noun = CHANNEL_NOUN[s.channel] if s.channel else "message"
        first = s.attempts[0] if s.attempts else ""
        if s.stage == "said-yes" and s.replied_on is not None:
            self.add(
                f"schedule-{first}", "schedule", pid, f"Schedule 15 minutes with {name}",
                f"{name} said yes on {s.replied_on} to your {noun} of {s.asked_on}",
                s.replied_on, s.replied_on,
                add_business_days(s.replied_on, self.limits.schedule_business_days),
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
            due = add_business_days(s.asked_on, self.limits.thresholds.curmudgeon_after)
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
        me = self.network.me.id
        for referral in self.network.referrals_to(pid):
            if referral.referrer == me or referral.on > on:
                continue
            if self.barred[referral.referrer]:
                continue
            referrer = self.name(referral.referrer)
            self.add(
                f"tell-referrer-{interview.id}-{referral.referrer}", "tell-referrer",
                referral.referrer, f"Tell {referrer} how the conversation with {name} went",
                f"{referrer} referred you to {name}; interview on {on} "
                f"(referrals draft news {referral.referrer})", on,
                add_business_days(on, self.limits.tell_referrer_business_days),
            )  # fmt: skip
        for n, advice in enumerate(interview.advice, 1):
            self.add(
                f"advice-{interview.id}-{n}", "advice", pid,
                f"Act on {name}'s advice: {first_line(advice)}",
                f"advice from the interview on {on}",
                on, shift_days(on, self.limits.advice_days),
            )  # fmt: skip

    def stale_referrals(self, pid: str, name: str) -> None:
        me = self.network.me.id
        for referral in self.network.referrals_to(pid):
            if referral.referrer == me:
                continue
            referrer = self.name(referral.referrer)
            self.add(
                f"stale-referral-{referral.referrer}-{pid}", "stale-referral", pid,
                f"Contact {name} before {referrer}'s referral goes stale",
                f"{referrer} referred them on {referral.on}",
                referral.on, shift_days(referral.on, self.limits.stale_after_days),
            )  # fmt: skip

    def keep_in_touch(self, pid: str, name: str) -> None:
        attempts = self.network.outreach_to(pid)
        talks = self.network.interviews_with(pid)
        day, limits = self.life.today, self.limits.thresholds
        if classify(attempts, talks, today=day, thresholds=limits) != "booster":
            return
        heard = [o.replied_on for o in attempts if o.replied_on] + [i.on for i in talks]
        last = max(heard)
        self.add(
            f"keep-in-touch-{pid}-{last.isoformat()}", "keep-in-touch", pid,
            f"Get back in touch with {name}", f"a booster; last heard from on {last}",
            last, shift_days(last, self.limits.keep_in_touch_days),
        )  # fmt: skip

    def second_contacts(self) -> None:
        """Owe the "3" of 3B7: one item per employer while everyone contacted there is silent."""
        silent: dict[str, list[Standing]] = {}
        answered: set[str] = set()
        contacted: dict[str, int] = {}
        works_at = self.network.person_column("organization")
        for pid, s in self.life.standings.items():
            org = works_at[pid]
            if org is None or s.stage in ("known", "referred"):
                continue
            contacted[org] = contacted.get(org, 0) + 1
            if s.stage in ANSWERED:
                answered.add(org)
            elif s.stage in ("asked", "follow-up-due", "no-response") and s.asked_on:
                silent.setdefault(org, []).append(s)
        for org, waiting in sorted(silent.items()):
            if org in answered or contacted[org] > 1:
                continue
            s = min(waiting, key=lambda w: (w.asked_on or self.life.today, w.person_id))
            if s.asked_on is None:
                continue
            name, where = self.name(s.person_id), self.network.organization(org).name
            noun = CHANNEL_NOUN[s.channel] if s.channel else "message"
            self.add(
                f"3b7-second-{org}-{s.attempts[0]}", "3b7-second-contact", s.person_id,
                self.second_contact_action(org, where),
                f"no reply from {name} {self.limits.thresholds.booster_within} business days "
                f"after your {noun} of {s.asked_on}",
                s.asked_on, add_business_days(s.asked_on, self.limits.thresholds.booster_within),
            )  # fmt: skip

    def second_contact_action(self, org: str, where: str) -> str:
        if self.pool is None:
            self.pool = _Pool(self.network, self.life, self.barred)
        best = self.pool.best(org)
        if not best:
            return f"Find a second person at {where} to contact (3B7): ask who knows someone there"
        names = ", ".join(self.name(pid) for pid in best)
        return f"Contact a second person at {where} (3B7), e.g. {names}"


class _Pool:
    """Who may be the second person at an employer, as arrays over the persons by id.

    Anyone there but me who is *known* or *referred* and not marked do-not-contact; the
    referred first, then by my tie to them (strongest first, none last), then by id.
    """

    def __init__(self, network: ReferralNetwork, life: Lifecycle, barred: Mapping[str, bool]):
        import numpy as np

        view = network.compact()
        index = view.index
        self.groups = network.person_groups("organization")  # the same ids, the same order
        self.open = np.ones(len(view.ids), dtype=bool)
        self.referred = np.zeros(len(view.ids), dtype=bool)
        for pid, s in life.standings.items():
            if s.stage == "referred":
                self.referred[index[pid]] = True
            elif s.stage != "known":
                self.open[index[pid]] = False
        for pid in itertools.compress(barred, barred.values()):
            self.open[index[pid]] = False
        me = index[network.me.id]
        self.open[me] = False
        self.mine = np.full(len(view.ids), -1, dtype=np.int64)
        start, end = int(view.indptr[me]), int(view.indptr[me + 1])
        self.mine[view.indices[start:end]] = view.strength[start:end]

    def best(self, org: str) -> list[str]:
        """Return the ids of the three best people to contact at this employer."""
        import numpy as np

        members = self.groups.members(org)
        members = members[self.open[members]]
        order = np.lexsort((members, -self.mine[members], ~self.referred[members]))
        return [self.groups.ids[i] for i in members[order[:3]].tolist()]


def first_line(text: str) -> str:
    r"""Return the first line of a text, cut to 120 characters.

    Examples
    --------
    >>> first_line("Take the CPA exam\nsoon")
    'Take the CPA exam'
    """
    line = text.strip().splitlines()[0] if text.strip() else text
    return line if len(line) <= 120 else line[:117] + "…"
