"""The contact lifecycle: hand-worked stages and transitions, and a state machine that drives
random sequences of the library's actions on a real store and checks after every step that
every command tells the same story about every person (DESIGN §4a)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from infoview_graph.algorithms._agenda import agenda, derived_items
from infoview_graph.algorithms._drafts import draft_request
from infoview_graph.algorithms._introducers import introducers
from infoview_graph.algorithms._prep import prep_brief
from infoview_graph.algorithms._suggest import suggest_next_contacts
from infoview_graph.errors import DuplicateError, InvalidInputError, NotFoundError
from infoview_graph.lifecycle import ANSWERED, lifecycle, standing
from infoview_graph.models import (
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Referral,
    Target,
    Tie,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.store import Store, actions, open_store
from infoview_graph.store.views import person_details

MON = dt.date(2026, 11, 2)
ANN = Person(id="ann", name="Ann Lee", organization="acme")


def _attempt(oid: str, on: dt.date, **extra: object) -> Outreach:
    return Outreach(id=oid, person="ann", on=on, **extra)  # type: ignore[arg-type]


# --- one person: every stage and transition --------------------------------------------------


def test_known_then_referred_then_asked() -> None:
    assert standing(ANN, today=MON).stage == "known"
    named = Referral(referrer="bob", referee="ann", on=MON)
    assert standing(ANN, referrals=[named], today=MON).stage == "referred"
    asked = standing(ANN, referrals=[named], outreach=[_attempt("o1", MON)], today=MON)
    assert (asked.stage, asked.since, asked.asked_on) == ("asked", MON, MON)


def test_silence_after_seven_business_days_is_a_follow_up_due() -> None:
    """Mon 2 Nov + 7 business days = Wed 11 Nov: asked on Tue 10, follow-up due on Wed 11."""
    attempts = [_attempt("o1", MON)]
    assert standing(ANN, outreach=attempts, today=dt.date(2026, 11, 10)).stage == "asked"
    due = standing(ANN, outreach=attempts, today=dt.date(2026, 11, 11))
    assert (due.stage, due.since) == ("follow-up-due", dt.date(2026, 11, 11))


def test_a_second_outreach_while_waiting_is_the_follow_up_not_a_new_request() -> None:
    """Follow-up on Thu 12 Nov; no answer 7 business days later (Mon 23 Nov): no response."""
    attempts = [_attempt("o1", MON), _attempt("o2", dt.date(2026, 11, 12))]
    waiting = standing(ANN, outreach=attempts, today=dt.date(2026, 11, 20))
    assert (waiting.stage, waiting.asked_on, waiting.followed_up_on) == (
        "asked",
        MON,
        dt.date(2026, 11, 12),
    )
    assert waiting.attempts == ("o1", "o2")
    gone = standing(ANN, outreach=attempts, today=dt.date(2026, 11, 23))
    assert (gone.stage, gone.since) == ("no-response", dt.date(2026, 11, 23))


def test_a_reply_to_the_first_message_answers_the_follow_up_too() -> None:
    attempts = [
        _attempt("o1", MON, replied_on=dt.date(2026, 11, 13)),
        _attempt("o2", dt.date(2026, 11, 12)),
    ]
    yes = standing(ANN, outreach=attempts, today=dt.date(2026, 11, 30))
    assert (yes.stage, yes.replied_on) == ("said-yes", dt.date(2026, 11, 13))


def test_after_a_yes_more_messages_are_the_same_conversation() -> None:
    attempts = [
        _attempt("o1", MON, replied_on=dt.date(2026, 11, 3)),
        _attempt("o2", dt.date(2026, 11, 4)),  # "would Thursday suit you?"
    ]
    assert standing(ANN, outreach=attempts, today=dt.date(2026, 11, 30)).stage == "said-yes"


def test_scheduled_then_met_unlogged_then_met_then_thanked() -> None:
    day = dt.date(2026, 11, 10)
    booked = [_attempt("o1", MON, replied_on=MON, meeting_on=day, meeting_mode="video")]
    before = standing(ANN, outreach=booked, today=day)
    assert (before.stage, before.meeting_on, before.next_on) == ("scheduled", day, day)
    after = standing(ANN, outreach=booked, today=day + dt.timedelta(days=1))
    assert (after.stage, after.logged, after.met_on) == ("met", False, day)
    talk = Interview(id="i1", person="ann", on=day)
    logged = standing(ANN, outreach=booked, interviews=[talk], today=day + dt.timedelta(days=1))
    assert (logged.stage, logged.logged) == ("met", True)
    thanked = talk.model_copy(update={"thanked_on": day})
    done = standing(ANN, outreach=booked, interviews=[thanked], today=day)
    assert (done.stage, done.since) == ("thanked", day)


def test_declined_and_the_flag_that_overrides_everything() -> None:
    no = [_attempt("o1", MON, replied_on=dt.date(2026, 11, 4), declined=True)]
    assert standing(ANN, outreach=no, today=dt.date(2026, 11, 30)).stage == "declined"
    flagged = ANN.model_copy(update={"do_not_contact": True})
    yes = [_attempt("o1", MON, replied_on=MON)]
    assert standing(flagged, outreach=yes, today=MON).stage == "do-not-contact"


def test_a_new_request_after_no_response_starts_a_new_cycle() -> None:
    attempts = [
        _attempt("o1", MON),
        _attempt("o2", dt.date(2026, 11, 5)),
        _attempt("o3", dt.date(2027, 1, 4)),
    ]
    fresh = standing(ANN, outreach=attempts, today=dt.date(2027, 1, 5))
    assert (fresh.stage, fresh.attempts, fresh.followed_up_on) == ("asked", ("o3",), None)


def test_a_referral_recorded_as_declined_without_outreach_is_declined() -> None:
    named = Referral(referrer="bob", referee="ann", on=MON, status="declined")
    assert standing(ANN, referrals=[named], today=MON).stage == "declined"


# --- a network: obligations that close what they answer -------------------------------------


def _network(
    *,
    persons: tuple[Person, ...] = (),
    outreach: tuple[Outreach, ...] = (),
    interviews: tuple[Interview, ...] = (),
    ties: tuple[Tie, ...] = (),
    referrals: tuple[Referral, ...] = (),
) -> ReferralNetwork:
    people = (
        Person(id="me", name="Me", is_self=True),
        ANN,
        Person(id="bob", name="Bob Stone", organization="acme"),
        Person(id="cy", name="Cy Young", organization="acme"),
        *persons,
    )
    return ReferralNetwork(
        NetworkData(
            persons=people,
            organizations=(Organization(id="acme", name="Acme"),),
            ties=ties,
            referrals=referrals,
            outreach=outreach,
            interviews=interviews,
            targets=(Target(kind="org", id="acme", priority=1),),
        )
    )


def _kinds(net: ReferralNetwork, day: dt.date) -> list[tuple[str, str | None]]:
    return [(i.kind, i.person_id) for i in agenda(net, today=day)]


def test_second_contact_is_one_item_per_employer_and_goes_when_anyone_replies() -> None:
    """Ann and Bob at Acme both silent: one "contact a second person" item, naming Cy only
    (Ann and Bob were contacted). Once Bob replies, the item goes."""
    silent = (_attempt("o1", MON), Outreach(id="o2", person="bob", on=MON))
    net = _network(outreach=silent)
    day = dt.date(2026, 11, 6)
    seconds = [i for i in agenda(net, today=day) if i.kind == "3b7-second-contact"]
    assert seconds == []  # two people asked at Acme already: the "3" is done
    net = _network(outreach=silent[:1])
    (second,) = [i for i in agenda(net, today=day) if i.kind == "3b7-second-contact"]
    assert "Cy Young" in second.action
    assert "Bob Stone" in second.action
    replied = (
        silent[0],
        Outreach(id="o2", person="bob", on=MON, replied_on=dt.date(2026, 11, 3)),
    )
    assert "3b7-second-contact" not in [k for k, _ in _kinds(_network(outreach=replied), day)]


def test_someone_marked_do_not_contact_is_not_a_second_person_already_contacted() -> None:
    """Dee at Acme is marked do-not-contact and was never contacted: Ann's silence still owes
    a second person there (Bob or Cy, never Dee). Had Dee been asked, she would be the
    second person contacted, and nothing would be owed."""
    dee = Person(id="dee", name="Dee Marsh", organization="acme", do_not_contact=True)
    day = dt.date(2026, 11, 6)
    net = _network(persons=(dee,), outreach=(_attempt("o1", MON),))
    (second,) = [i for i in agenda(net, today=day) if i.kind == "3b7-second-contact"]
    assert "Bob Stone" in second.action
    assert "Cy Young" in second.action
    assert "Dee Marsh" not in second.action
    assert [o.organization for o in lifecycle(net, today=day).second_contacts_owed] == ["acme"]
    asked = (_attempt("o1", MON), Outreach(id="o2", person="dee", on=MON))
    net = _network(persons=(dee,), outreach=asked)
    assert "3b7-second-contact" not in [k for k, _ in _kinds(net, day)]


def test_a_yes_owes_scheduling_first_and_nothing_about_following_up() -> None:
    """The issue's Lena: she replied; the agenda says schedule, never follow up or 3B7."""
    yes = (_attempt("o1", MON, replied_on=dt.date(2026, 11, 3)),)
    day = dt.date(2026, 11, 20)
    items = agenda(_network(outreach=yes), today=day)
    assert (items[0].kind, items[0].person_id) == ("schedule", "ann")
    assert not [i for i in items if i.kind.startswith("3b7")]


def test_scheduling_owes_preparing_before_and_logging_after() -> None:
    meet = dt.date(2026, 11, 12)
    booked = (_attempt("o1", MON, replied_on=MON, meeting_on=meet),)
    net = _network(outreach=booked)
    assert _kinds(net, dt.date(2026, 11, 10)) == []
    assert _kinds(net, dt.date(2026, 11, 11)) == [("prepare", "ann")]
    assert ("log-conversation", "ann") in _kinds(net, dt.date(2026, 11, 13))
    logged = _network(outreach=booked, interviews=(Interview(id="i1", person="ann", on=meet),))
    assert _kinds(logged, dt.date(2026, 11, 13)) == [("thank-you", "ann")]


def test_agenda_is_schedule_first_then_overdue_by_due_date() -> None:
    net = _network(
        outreach=(
            _attempt("o1", MON),
            Outreach(id="o2", person="bob", on=MON, replied_on=dt.date(2026, 11, 20)),
        ),
        interviews=(Interview(id="i1", person="cy", on=dt.date(2026, 11, 19)),),
    )
    items = agenda(net, today=dt.date(2026, 11, 20))
    assert items[0].kind == "schedule"
    rest = [(not i.overdue, i.due) for i in items[1:]]
    assert rest == sorted(rest)


# --- the state machine ----------------------------------------------------------------------

NAMES = ("Ann Lee", "Bob Stone", "Cy Young", "Dee Park", "Eve Moss", "Fay Hill")
ORGS = ("Acme", "Globex")
START = dt.date(2026, 11, 2)
_REFUSED = (InvalidInputError, NotFoundError, DuplicateError)


class LifecycleMachine(RuleBasedStateMachine):
    """A job search on a real store: random actions, one truth checked after each."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = tempfile.TemporaryDirectory()
        path = Path(self.directory.name) / "referrals.db"
        actions.create_store(path, "Steven Olson")
        self.store: Store = open_store(path)
        self.day = START
        self.people: list[str] = []

    def teardown(self) -> None:
        self.store.close()
        self.directory.cleanup()

    @initialize()
    def targets(self) -> None:
        for org in ORGS:
            actions.add_organization(self.store, org)
            actions.add_target(self.store, "org", org, priority=1)

    def _someone(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from(sorted(self.people)), label="person")

    # --- actions ---------------------------------------------------------------------------

    @rule(
        name=st.sampled_from(NAMES),
        org=st.sampled_from(ORGS),
        how=st.sampled_from(("friend", "neighbour", "colleague", "cold", "referral")),
        strength=st.integers(0, 5),
    )
    def add_person(self, name: str, org: str, how: str, strength: int) -> None:
        try:
            pid = actions.add_contact(self.store, name, org=org, how=how, strength=strength)
        except _REFUSED as error:  # a second person of one name may be refused
            note(f"add {name}: {error}")
            return
        self.people.append(pid.record.id)

    @precondition(lambda self: len(self.people) >= 2)
    @rule(data=st.data(), strength=st.integers(0, 5))
    def know(self, data: st.DataObject, strength: int) -> None:
        a, b = self._someone(data), self._someone(data)
        if a != b:
            actions.know(self.store, a, b, strength=strength)

    @precondition(lambda self: len(self.people) >= 2)
    @rule(data=st.data(), may_use_name=st.booleans())
    def refer(self, data: st.DataObject, may_use_name: bool) -> None:
        a, b = self._someone(data), self._someone(data)
        if a == b:
            return
        try:
            actions.refer(self.store, a, b, on=self.day, may_use_name=may_use_name, today=self.day)
        except _REFUSED as error:  # a repeated referral with nothing new is refused
            note(f"refer: {error}")

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def outreach(self, data: st.DataObject) -> None:
        try:
            actions.log_outreach(self.store, self._someone(data), on=self.day, today=self.day)
        except _REFUSED as error:  # do not contact
            note(f"outreach: {error}")

    @precondition(lambda self: self.people)
    @rule(data=st.data(), declined=st.booleans())
    def reply(self, data: st.DataObject, declined: bool) -> None:
        try:
            actions.log_reply(
                self.store, self._someone(data), on=self.day, declined=declined, today=self.day
            )
        except _REFUSED as error:  # nothing awaits a reply
            note(f"reply: {error}")

    @precondition(lambda self: self.people)
    @rule(data=st.data(), days=st.integers(0, 10))
    def schedule(self, data: st.DataObject, days: int) -> None:
        on = self.day + dt.timedelta(days=days)
        try:
            actions.schedule_meeting(self.store, self._someone(data), on=on, today=self.day)
        except _REFUSED as error:
            note(f"schedule: {error}")

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def interview(self, data: st.DataObject) -> None:
        actions.log_interview(self.store, self._someone(data), on=self.day, today=self.day)

    @precondition(lambda self: self.people)
    @rule(data=st.data(), kind=st.sampled_from(("thank-you", "tell-referrer")))
    def settle(self, data: st.DataObject, kind: str) -> None:
        net = self.store.load_network()
        owed = [i for i in derived_items(net, today=self.day) if i.kind == kind]
        if owed:
            item = data.draw(st.sampled_from(owed), label="item")
            settled = FollowUp(id=item.id, kind=item.kind, person=item.person_id, due=item.due)
            actions.settle_followup(self.store, settled, done_on=self.day, today=self.day)

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def do_not_contact(self, data: st.DataObject) -> None:
        actions.edit_contact(self.store, self._someone(data), do_not_contact=True)

    @rule(days=st.integers(1, 12))
    def days_pass(self, days: int) -> None:
        self.day += dt.timedelta(days=days)

    # --- one truth --------------------------------------------------------------------------

    @invariant()
    def every_command_tells_the_same_story(self) -> None:
        net = self.store.load_network()
        life = lifecycle(net, today=self.day)
        every = derived_items(net, today=self.day)
        stage = {pid: life.stage(pid) for pid in self.people}
        note(f"{self.day}: {stage}")

        quiet = ANSWERED | {"scheduled", "met", "thanked", "declined", "do-not-contact"}
        for item in every:
            if item.kind in ("3b7-follow-up", "3b7-second-contact"):
                assert stage[item.person_id or ""] not in quiet, item
        yes = [pid for pid in self.people if stage[pid] == "said-yes"]
        due = agenda(net, today=self.day)
        scheduling = {i.person_id for i in due if i.kind == "schedule"}
        assert set(yes) <= scheduling
        if yes:
            assert due[0].kind == "schedule"

        found = suggest_next_contacts(net, k=50, today=self.day)
        ids = [s.person_id for s in found]
        assert set(yes) <= set(ids)
        assert [s.tier for s in found] == sorted(s.tier for s in found)
        assert all(s.tier == 0 for s in found[: len(yes)])
        mine = net.strengths(net.me.id)
        for s in found:
            assert s.stage == stage[s.person_id]
            assert stage[s.person_id] not in ("declined", "do-not-contact")
            if mine.get(s.person_id, 0) >= 1:
                assert "introduce" not in s.action, s.action

        blocked = {pid for pid, where in stage.items() if where in ("declined", "do-not-contact")}
        for org in ORGS:
            answer = introducers(net, org, today=self.day)
            routes = [p.path for p in answer.paths]
            routes += [w.best_path.path for w in answer.introducers if w.best_path]
            assert not {w.person_id for w in answer.introducers} & blocked
            for route in routes:
                assert not set(route) & blocked, (org, route)

        for pid in self.people:
            assert prep_brief(net, pid, today=self.day).stage == stage[pid]
            shown = person_details(self.store, pid, today=self.day).standing
            assert shown is not None
            assert shown.stage == stage[pid]
            if stage[pid] == "do-not-contact":
                with pytest.raises(InvalidInputError):
                    draft_request(net, pid)


TestLifecycle = LifecycleMachine.TestCase
TestLifecycle.settings = settings(
    max_examples=25, stateful_step_count=30, deadline=None, parent=settings.default
)
