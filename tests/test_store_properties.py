"""Properties of the SQLite store: any network round-trips, and a stateful run beside a model.

The stateful test drives the real store (a real file, reopened now and then) with the same
actions the ``referrals`` command uses, and keeps a plain-dict model of what the store should
hold. Each rule first asks the model what should happen — the new record's id, or the error
the action must raise — then runs the action and checks it did exactly that.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from strategies import networks, slugs

from infoview_graph.errors import (
    AmbiguousNameError,
    DuplicateError,
    InfoviewError,
    InvalidInputError,
    NotFoundError,
)
from infoview_graph.models import HOWS, NetworkData, default_strength, slugify
from infoview_graph.network import ReferralNetwork, name_key
from infoview_graph.store import Store, actions, open_store
from infoview_graph.store.actions import create_store

DAY = dt.date(2026, 11, 17)
ME = "steven-olson"


def _foreign_key_problems(path: Path) -> list[tuple[object, ...]]:
    """Run ``PRAGMA foreign_key_check`` on a second, read-only connection to the file."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        con.close()


# --- (a) any network survives a round trip --------------------------------------------------


@given(networks())
def test_any_network_written_to_a_new_store_loads_back_sorted(data: NetworkData) -> None:
    # A TemporaryDirectory per example: pytest's tmp_path is one directory for all examples.
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "referrals.db"
        create_store(path, data=data)
        with open_store(path) as store:
            assert store.load() == data.sorted()
            assert store.load_network().to_data() == ReferralNetwork(data).to_data()
        assert _foreign_key_problems(path) == []


# --- (b) the store beside a dict model ------------------------------------------------------

# Names that collide on purpose: "Ann Lee", "ann lee" and "Ann  Lee." share one name key;
# "Steven Olson" is also my name; "李雷" and "X" both slugify to "x"; "me" is both a name and
# the word for the self person.
NAMES = (
    "Ann Lee",
    "ann lee",
    "Ann  Lee.",
    "Brad Johnson",
    "Mrs. Smith",
    "Zoë O'Brien",
    "李雷",
    "X",
    "Steven Olson",
    "Tom Reyes",
    "me",
)
CONTACT_HOWS = tuple(h for h in HOWS if h != "self")


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


Answer = tuple[dt.date | None, bool, dt.date | None, str | None]
NO_ANSWER: Answer = (None, False, None, None)


def _new_id(taken: dict[str, object], base: str) -> str:
    """The store's id rule: ``base``, else ``base-2``, ``base-3``, … (first one free)."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class StoreMachine(RuleBasedStateMachine):
    """The real store on a temporary file, beside dicts of what it should hold."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = tempfile.TemporaryDirectory()
        self.path = Path(self.directory.name) / "referrals.db"
        create_store(self.path, "Steven Olson")
        self.store: Store = open_store(self.path)
        self.persons: dict[str, str] = {ME: "Steven Olson"}
        self.ties: dict[tuple[str, str], int] = {}
        self.referrals: dict[tuple[str, str], str] = {}
        self.may_use_name: dict[tuple[str, str], bool] = {}
        self.outreach: dict[str, tuple[str, str | None]] = {}
        # Per outreach id: (replied_on, declined, meeting_on, meeting_mode).
        self.answers: dict[str, Answer] = {}

    def teardown(self) -> None:
        self.store.close()
        self.directory.cleanup()

    # --- the model's answers -------------------------------------------------------------

    def _resolve(self, query: str) -> str:
        """The person a query names, or the error ``find_person`` must raise."""
        if query == "me":
            return ME
        if query in self.persons:
            return query
        key = name_key(query)
        matches = sorted(pid for pid, name in self.persons.items() if name_key(name) == key)
        if len(matches) > 1:
            raise AmbiguousNameError(f"model: {query!r} fits {matches}")
        if not matches:
            raise NotFoundError(f"model: nobody is {query!r}")
        return matches[0]

    def _query(self, data: st.DataObject, label: str, *, new: bool = False) -> str:
        """Draw a query: most often someone else's id; sometimes any id, a name as stored,
        "me" or an unknown id; with ``new``, also any name of :data:`NAMES`."""
        others = sorted(pid for pid in self.persons if pid != ME)
        kinds = ["other id"] * 6 + ["any id", "name", "me", "unknown"] + ["new name"] * 3 * new
        kind = data.draw(st.sampled_from(kinds), label=f"{label} kind")
        if kind == "other id" and others:
            query = data.draw(st.sampled_from(others), label=label)
        elif kind == "name":
            query = data.draw(st.sampled_from(sorted(set(self.persons.values()))), label=label)
        elif kind == "me":
            query = "me"
        elif kind == "unknown":
            query = "nobody"
        elif kind == "new name":
            query = data.draw(st.sampled_from(NAMES), label=label)
        else:
            query = data.draw(st.sampled_from(sorted(self.persons)), label=label)
        note(f"{label} = {query!r}")
        return query

    @staticmethod
    def _expect(error: InfoviewError, action: object) -> None:
        note(f"expecting {type(error).__name__}: {error}")
        with pytest.raises(type(error)):
            action()  # type: ignore[operator]

    # --- rules ---------------------------------------------------------------------------

    @rule(
        name=st.sampled_from(NAMES),
        how=st.one_of(st.none(), st.sampled_from(CONTACT_HOWS)),
        strength=st.one_of(st.none(), st.integers(0, 5)),
    )
    def add_contact(self, name: str, how: str | None, strength: int | None) -> None:
        base = slugify(name)
        pid = _new_id(self.persons, "me-2" if base == "me" else base)  # 'me' is reserved
        # new=True: the rule numbers the ids of repeated names (the near-miss refusal has its
        # own tests in test_names.py).
        change = actions.add_contact(self.store, name, how=how, strength=strength, new=True)
        assert change.record.id == pid
        self.persons[pid] = name
        # "referral" contacts I have not met get no tie unless a strength is given.
        if strength is not None or how != "referral":
            level = strength if strength is not None else default_strength(how)
            self.ties[_pair(ME, pid)] = level

    @rule(data=st.data(), name=st.sampled_from(NAMES))
    def add_contact_with_an_id(self, data: st.DataObject, name: str) -> None:
        taken = st.sampled_from(sorted(self.persons))
        pid = data.draw(st.one_of(taken, slugs(), slugs()), label="id")
        if pid in self.persons:
            self._expect(
                DuplicateError("model: id taken"),
                lambda: actions.add_contact(self.store, name, person_id=pid),
            )
            return
        assert actions.add_contact(self.store, name, person_id=pid).record.id == pid
        self.persons[pid] = name
        self.ties[_pair(ME, pid)] = default_strength(None)

    @rule(
        data=st.data(),
        name=st.one_of(st.none(), st.sampled_from(NAMES)),
        strength=st.one_of(st.none(), st.integers(0, 5)),
    )
    def edit_contact(self, data: st.DataObject, name: str | None, strength: int | None) -> None:
        query = self._query(data, "query")
        try:
            pid = self._resolve(query)
            if strength is not None and pid == ME:
                raise InvalidInputError("model: no tie with myself")
        except InfoviewError as error:
            self._expect(
                error, lambda: actions.edit_contact(self.store, query, name=name, strength=strength)
            )
            return
        change = actions.edit_contact(self.store, query, name=name, strength=strength)
        assert change.record.id == pid
        if name is not None:
            self.persons[pid] = name
        if strength is not None:
            self.ties[_pair(ME, pid)] = strength

    @precondition(lambda self: len(self.persons) > 1)
    @rule(data=st.data())
    def forget_contact(self, data: st.DataObject) -> None:
        query = self._query(data, "query")
        try:
            pid = self._resolve(query)
            if pid == ME:
                raise InvalidInputError("model: 'me' cannot be forgotten")
        except InfoviewError as error:
            self._expect(error, lambda: actions.forget_contact(self.store, query))
            return
        assert actions.forget_contact(self.store, query).record == pid
        del self.persons[pid]
        self.ties = {k: v for k, v in self.ties.items() if pid not in k}
        self.referrals = {k: v for k, v in self.referrals.items() if pid not in k}
        self.may_use_name = {k: v for k, v in self.may_use_name.items() if pid not in k}
        self.outreach = {
            key: (person, None if via == pid else via)
            for key, (person, via) in self.outreach.items()
            if person != pid
        }
        self.answers = {k: v for k, v in self.answers.items() if k in self.outreach}

    @precondition(lambda self: len(self.persons) > 1)
    @rule(data=st.data(), strength=st.one_of(st.none(), st.integers(0, 5)))
    def know(self, data: st.DataObject, strength: int | None) -> None:
        a, b = self._query(data, "a"), self._query(data, "b")
        try:
            first, second = self._resolve(a), self._resolve(b)
            if first == second:
                raise InvalidInputError("model: the same person twice")
        except InfoviewError as error:
            self._expect(error, lambda: actions.know(self.store, a, b, strength=strength))
            return
        tie = actions.know(self.store, a, b, strength=strength).record
        pair = _pair(first, second)
        assert (tie.a, tie.b) == pair
        self.ties[pair] = strength if strength is not None else self.ties.get(pair, 1)

    @precondition(lambda self: len(self.persons) > 1)
    @rule(data=st.data(), may_use_name=st.booleans())
    def refer(self, data: st.DataObject, may_use_name: bool) -> None:
        referrer, referee = self._query(data, "referrer"), self._query(data, "referee", new=True)
        created = False
        try:
            giver = self._resolve(referrer)
            if giver == ME:
                raise InvalidInputError("model: I am not my own referrer")
            try:
                named = self._resolve(referee)
            except NotFoundError:
                base = slugify(referee)
                named, created = _new_id(self.persons, "me-2" if base == "me" else base), True
            if named == ME:
                raise InvalidInputError("model: I am not a referee")
            if named == giver:
                raise InvalidInputError("model: no self-referral")
            if (giver, named) in self.referrals:
                raise DuplicateError("model: referral exists")
        except InfoviewError as error:
            self._expect(
                error,
                lambda: actions.refer(self.store, referrer, referee, on=DAY),
            )
            return
        change = actions.refer(self.store, referrer, referee, on=DAY, may_use_name=may_use_name)
        assert (change.record.referrer, change.record.referee) == (giver, named)
        assert bool(change.notes) == created
        if created:
            self.persons[named] = referee
        self.referrals[giver, named] = "suggested"
        self.may_use_name[giver, named] = may_use_name

    @precondition(lambda self: self.referrals)
    @rule(data=st.data())
    def refer_again(self, data: st.DataObject) -> None:
        referrer, referee = data.draw(st.sampled_from(sorted(self.referrals)), label="referral")
        self._expect(
            DuplicateError("model: referral exists"),
            lambda: actions.refer(self.store, referrer, referee, on=DAY),
        )

    @precondition(lambda self: self.referrals)
    @rule(data=st.data(), may_use_name=st.one_of(st.none(), st.booleans()))
    def correct_referral(self, data: st.DataObject, may_use_name: bool | None) -> None:
        """Stating a referral again corrects it; with nothing new it changes nothing."""
        key = data.draw(st.sampled_from(sorted(self.referrals)), label="referral")
        if may_use_name is None or may_use_name == self.may_use_name[key]:
            self._expect(
                DuplicateError("model: nothing new"),
                lambda: actions.refer(self.store, *key, may_use_name=may_use_name),
            )
            return
        change = actions.refer(self.store, *key, may_use_name=may_use_name)
        assert change.record.status == self.referrals[key]  # a correction keeps the status
        assert any(n.startswith("may use the name: ") for n in change.notes)
        self.may_use_name[key] = may_use_name

    def _advance(self, person: str, to: str, statuses: tuple[str, ...]) -> None:
        for key, status in self.referrals.items():
            if key[1] == person and status in statuses:
                self.referrals[key] = to

    def _attempts(self, person: str) -> list[str]:
        """The outreach ids to a person in the store's order (all are made on DAY)."""
        return sorted(key for key, (to, _) in self.outreach.items() if to == person)

    @precondition(lambda self: self.outreach)
    @rule(data=st.data(), declined=st.booleans())
    def log_reply(self, data: st.DataObject, declined: bool) -> None:
        """A reply answers every attempt that awaits one."""
        contacted = sorted({to for to, _ in self.outreach.values()})
        if data.draw(st.booleans(), label="someone contacted"):
            person = data.draw(st.sampled_from(contacted), label="person")
        else:
            person = self._query(data, "person")
        try:
            target = self._resolve(person)
            waiting = [k for k in self._attempts(target) if self.answers[k][0] is None]
            if not waiting:
                raise NotFoundError("model: nothing awaits a reply")
        except InfoviewError as error:
            self._expect(error, lambda: actions.log_reply(self.store, person, on=DAY))
            return
        change = actions.log_reply(self.store, person, on=DAY, declined=declined)
        assert change.record.id == waiting[-1]
        assert len(change.notes) == len(waiting) - 1
        for key in waiting:
            self.answers[key] = (DAY, declined, None, None)
        if declined:
            self._advance(target, "declined", ("suggested", "contacted", "scheduled"))

    @precondition(lambda self: len(self.persons) > 1)
    @rule(
        data=st.data(),
        days=st.integers(0, 3),
        mode=st.one_of(st.none(), st.sampled_from(["in-person", "phone", "video"])),
    )
    def schedule_meeting(self, data: st.DataObject, days: int, mode: str | None) -> None:
        """The meeting goes on the latest attempt not declined, or on a new one."""
        person = self._query(data, "person")
        meeting = DAY + dt.timedelta(days=days)

        def schedule() -> object:
            return actions.schedule_meeting(self.store, person, on=meeting, mode=mode, today=DAY)

        try:
            target = self._resolve(person)
            if target == ME:
                raise InvalidInputError("model: no meeting with myself")
            open_ = [k for k in self._attempts(target) if not self.answers[k][1]]
            if open_:
                key, new = open_[-1], False
                replied, _, before, old_mode = self.answers[key]
                if before == meeting and (mode or old_mode) == old_mode:
                    raise DuplicateError("model: the same meeting")
            else:
                key, new = _new_id(self.outreach, f"outreach-{target}"), True
                replied, old_mode = DAY, None
        except InfoviewError as error:
            self._expect(error, schedule)
            return
        change = actions.schedule_meeting(self.store, person, on=meeting, mode=mode, today=DAY)
        assert change.record.id == key
        if new:
            self.outreach[key] = (target, None)
        self.answers[key] = (replied or DAY, False, meeting, mode or old_mode)
        self._advance(target, "scheduled", ("suggested", "contacted"))

    @precondition(lambda self: len(self.persons) > 1)
    @rule(data=st.data(), use_via=st.booleans())
    def log_outreach(self, data: st.DataObject, use_via: bool) -> None:
        person = self._query(data, "person")
        via = self._query(data, "via") if use_via else None
        try:
            target = self._resolve(person)
            if target == ME:
                raise InvalidInputError("model: no outreach to myself")
            through = self._resolve(via) if via is not None else None
            if through == target:
                raise InvalidInputError("model: 'via' is the person contacted")
        except InfoviewError as error:
            self._expect(error, lambda: actions.log_outreach(self.store, person, on=DAY, via=via))
            return
        outreach_id = _new_id(self.outreach, f"outreach-{target}")
        change = actions.log_outreach(self.store, person, on=DAY, via=via)
        assert change.record.id == outreach_id
        self.outreach[outreach_id] = (target, through)
        self.answers[outreach_id] = NO_ANSWER
        for key, status in self.referrals.items():
            if key[1] == target and status == "suggested":
                self.referrals[key] = "contacted"

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = open_store(self.path)

    # --- what must always hold -----------------------------------------------------------

    @invariant()
    def store_matches_the_model(self) -> None:
        data = self.store.load()
        assert {p.id: p.name for p in data.persons} == self.persons
        assert [p.id for p in data.persons if p.is_self] == [ME]
        assert {(t.a, t.b): t.strength for t in data.ties} == self.ties
        assert {(r.referrer, r.referee): r.status for r in data.referrals} == self.referrals
        assert {o.id: (o.person, o.via) for o in data.outreach} == self.outreach
        assert {
            o.id: (o.replied_on, o.declined, o.meeting_on, o.meeting_mode) for o in data.outreach
        } == self.answers
        assert {(r.referrer, r.referee): r.may_use_name for r in data.referrals} == (
            self.may_use_name
        )
        assert ReferralNetwork(data).to_data() == data

    @invariant()
    def references_hold_and_pragmas_are_set(self) -> None:
        assert _foreign_key_problems(self.path) == []
        assert self.store.pragma("foreign_keys") == 1
        assert self.store.pragma("journal_mode") == "wal"


StoreMachine.TestCase.settings = settings(max_examples=50, stateful_step_count=30)
TestStoreAgainstModel = StoreMachine.TestCase


# --- bugs found on the way ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "log"),
    [("A" * 60, actions.log_outreach), ("B" * 59, actions.log_interview)],
    ids=["outreach", "interview"],
)
def test_events_can_be_logged_for_any_contact(store: Store, name: str, log: object) -> None:
    """The second contact named "A"*60 gets the id "a"*60 + "-2"; "outreach-" + that id cut
    at 70 characters is "outreach-" + "a"*60 + "-". Likewise "interview-" + "b"*59 + "-"."""
    actions.add_contact(store, name)
    second = actions.add_contact(store, name, new=True).record.id
    assert second == slugify(name) + "-2"
    change = log(store, second, on=DAY)  # type: ignore[operator]
    assert change.record.person == second


def test_editing_my_tie_strength_keeps_its_context(store: Store) -> None:
    actions.add_contact(store, "Brad Johnson", how="friend")
    actions.know(store, "me", "Brad Johnson", context="college")
    actions.know(store, "me", "Brad Johnson", strength=5)
    assert store.tie(ME, "brad-johnson").context == "college"  # know() keeps it
    actions.edit_contact(store, "Brad Johnson", strength=2)
    tie = store.tie(ME, "brad-johnson")
    assert (tie.strength, tie.context) == (2, "college")
