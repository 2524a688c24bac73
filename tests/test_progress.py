"""Responsiveness, coverage, referral chains and the agenda.

Scenarios on small hand-drawn networks, expectations worked out by hand in the docstrings;
properties on generated networks.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from builders import small_network
from hypothesis import given
from hypothesis import strategies as st

from infoview_graph.algorithms._agenda import agenda
from infoview_graph.algorithms._chains import referral_chains
from infoview_graph.algorithms._coverage import coverage
from infoview_graph.models import (
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Referral,
    Target,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.timing import (
    add_business_days,
    business_days,
    classify,
)
from tests.strategies import networks

FRI = dt.date(2026, 11, 20)
QUESTIONS = ["day-in-the-life", "how-got-in", "culture", "referral"]


def net(
    people: dict[str, dict[str, object]],
    ties: list[tuple[str, str, int]] = (),  # type: ignore[assignment]
    **records: object,
) -> ReferralNetwork:
    """Me, the people given, and Acme, an employer in accounting."""
    acme = Organization(id="acme", name="Acme", fields=("accounting",))
    return small_network(people, ties, organizations=(acme,), **records)


# --- business days and responsiveness ---------------------------------------------------------


def test_friday_plus_three_business_days_is_wednesday() -> None:
    assert add_business_days(dt.date(2025, 3, 14), 3) == dt.date(2025, 3, 19)
    assert business_days(dt.date(2025, 3, 14), dt.date(2025, 3, 19)) == 3
    assert business_days(dt.date(2025, 3, 14), dt.date(2025, 3, 18)) == 2  # Fri, Mon


@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)), st.integers(0, 400))
def test_business_days_agree_with_numpy(start: dt.date, span: int) -> None:
    end = start + dt.timedelta(days=span)
    assert business_days(start, end) == int(np.busday_count(start, end))
    offset = int(np.busday_offset(start, span % 30, roll="forward").astype(object).toordinal())
    assert add_business_days(start, span % 30).toordinal() == offset


@pytest.mark.parametrize(
    ("replied_after_days", "expected"),
    [(3, "booster"), (5, "booster"), (6, "obligate"), (None, "curmudgeon")],
)
def test_responsiveness_classes(replied_after_days: int | None, expected: str) -> None:
    """Outreach on Friday 6 Nov. A reply 3 calendar days later (Mon 9) is 1 business day
    after; 5 days (Wed 11) is 3 business days: still a booster; 6 days (Thu 12) is 4: an
    obligate. No reply by Friday 20 Nov is 10 business days: a curmudgeon."""
    sent = dt.date(2026, 11, 6)
    replied = None if replied_after_days is None else sent + dt.timedelta(days=replied_after_days)
    attempt = Outreach(id="o", person="ann", on=sent, replied_on=replied)
    assert classify([attempt], [], today=FRI) == expected


def test_friendliness_takes_precedence_and_silence_inside_the_window_is_unknown() -> None:
    silent = Outreach(id="o", person="ann", on=dt.date(2026, 11, 18))
    assert classify([silent], [], today=FRI) == "unknown"  # 2 business days
    rated = Interview(id="i", person="ann", on=dt.date(2026, 11, 2), friendliness=2)
    fast = Outreach(id="o2", person="ann", on=dt.date(2026, 10, 1), replied_on=dt.date(2026, 10, 1))
    assert classify([fast], [rated], today=FRI) == "curmudgeon"
    declined = Outreach(id="o3", person="ann", on=FRI, replied_on=FRI, declined=True)
    assert classify([declined], [], today=FRI) == "curmudgeon"


# --- coverage -----------------------------------------------------------------------------------


def test_coverage_counts_and_paths() -> None:
    """Targets: accounting (priority 1) and Acme (priority 2).

    Accounting people: a1 (interviewed, answered day-in-the-life and culture), a2 (reached
    out, replied), a3 (known, referred by b — pending), a4 at Acme. Acme people: a4 only.
    Paths from me into accounting: me–a1 (tie), me–a3 (b's referral is a direct hop), me–a2
    (I wrote to a2: a direct hop) and me–c–a4: four node-disjoint paths. Acme: the only way
    to a4 is through c (me–c–a4), so one path. Questions answered in accounting: 2 of the 4
    in the bank.
    """
    n = net(
        {
            "a1": {"fields": ("accounting",)},
            "a2": {"fields": ("accounting",)},
            "a3": {"fields": ("accounting",)},
            "a4": {"fields": ("accounting",), "organization": "acme"},
            "b": {"fields": ("writing",)},
            "c": {},
            "w": {"fields": ("auditing",)},
        },
        [("me", "a1", 3), ("me", "b", 4), ("me", "c", 2), ("c", "a2", 2), ("c", "a4", 2)],
        targets=(
            Target(kind="field", id="accounting", priority=1),
            Target(kind="org", id="acme", priority=2),
        ),
        interviews=(
            Interview(
                id="i1",
                person="a1",
                on=dt.date(2026, 11, 2),
                answers={"day-in-the-life": "Ledgers.", "culture": "Calm."},
            ),
        ),
        outreach=(
            Outreach(
                id="o2", person="a2", on=dt.date(2026, 11, 10), replied_on=dt.date(2026, 11, 12)
            ),
            Outreach(id="o3", person="w", on=dt.date(2026, 11, 10)),
        ),
        referrals=(Referral(referrer="b", referee="a3", on=dt.date(2026, 11, 16)),),
    )
    report = coverage(n, today=FRI, questions=QUESTIONS)
    rows = {t.target_id: t for t in report.targets}
    accounting, acme = rows["accounting"], rows["acme"]
    assert (
        accounting.known,
        accounting.reached_out,
        accounting.replied,
        accounting.interviewed,
    ) == (4, 1, 2, 1)
    assert accounting.pending_referrals == 1
    assert accounting.independent_paths == 4
    assert accounting.questions_answered == 0.5
    assert accounting.last_activity == dt.date(2026, 11, 16)
    assert (acme.known, acme.interviewed, acme.independent_paths) == (1, 0, 1)
    assert report.no_interview == ("acme",)
    assert report.no_path == ()
    assert [r.field_id for r in report.related_fields] == ["auditing"]
    assert [(f.field_id, f.reached_out) for f in report.untargeted_fields] == [("auditing", 1)]


def test_coverage_reports_a_target_without_a_path() -> None:
    n = net({"x": {"organization": "acme"}}, [], targets=(Target(kind="org", id="acme"),))
    report = coverage(n, today=FRI, questions=QUESTIONS)
    assert report.no_path == ("acme",)
    assert report.targets[0].independent_paths == 0


@given(networks(), st.data())
def test_an_interview_never_lowers_coverage_of_its_field(
    data: NetworkData, draw: st.DataObject
) -> None:
    people = [p for p in data.persons if p.fields and not p.is_self]
    if not people:
        return
    subject = draw.draw(st.sampled_from(people))
    field = subject.fields[0]
    targets = (
        *[t for t in data.targets if (t.kind, t.id) != ("field", field)],
        Target(kind="field", id=field),
    )
    before_data = data.model_copy(update={"targets": targets})
    day = dt.date(2030, 1, 1)
    extra = Interview(id="zz-new", person=subject.id, on=day, answers={"culture": "Open."})
    after_data = before_data.model_copy(update={"interviews": (*data.interviews, extra)})
    before = {
        t.target_id: t
        for t in coverage(ReferralNetwork(before_data), today=day, questions=QUESTIONS).targets
    }[field]
    after = {
        t.target_id: t
        for t in coverage(ReferralNetwork(after_data), today=day, questions=QUESTIONS).targets
    }[field]
    assert after.interviewed >= before.interviewed
    assert after.interviewed >= 1
    assert after.replied >= before.replied
    assert after.questions_answered >= before.questions_answered


# --- chains ------------------------------------------------------------------------------------


def test_chains_with_a_person_referred_by_two() -> None:
    """Carol → Denise → Zoë, and Denise → Marcus on 8 Oct; Zoë also names Marcus on 5 Nov.
    Marcus hangs under Denise (first named); Zoë's referral is an "also referred by" edge.
    Chains: carol→denise→marcus and carol→denise→zoe. I interviewed Denise and Marcus, so
    Denise's yield is 2 names, 1 interviewed... plus Zoë not interviewed: Denise named
    Zoë and Marcus, and I interviewed Marcus: 1. Funnel: identified {denise, zoe, marcus}
    (referred) = 3, contacted {denise, marcus} = 2, replied 2, interviewed 2, referred on
    {denise} = 1 (Marcus named nobody)."""
    d = dt.date
    n = net(
        {"carol": {}, "denise": {}, "zoe": {}, "marcus": {}},
        [("me", "carol", 5)],
        referrals=(
            Referral(referrer="carol", referee="denise", on=d(2026, 9, 25), status="interviewed"),
            Referral(referrer="denise", referee="zoe", on=d(2026, 10, 8)),
            Referral(referrer="denise", referee="marcus", on=d(2026, 10, 8), status="interviewed"),
            Referral(referrer="zoe", referee="marcus", on=d(2026, 11, 5), status="interviewed"),
        ),
        outreach=(
            Outreach(id="o1", person="denise", on=d(2026, 9, 28), replied_on=d(2026, 9, 29)),
            Outreach(id="o2", person="marcus", on=d(2026, 10, 12), replied_on=d(2026, 10, 20)),
        ),
        interviews=(
            Interview(id="i1", person="denise", on=d(2026, 10, 8)),
            Interview(id="i2", person="marcus", on=d(2026, 11, 19)),
        ),
    )
    chains = referral_chains(n)
    assert chains.roots == ("carol",)
    assert chains.children == {"carol": ("denise",), "denise": ("marcus", "zoe")}
    assert chains.also_referred_by == (("zoe", "marcus"),)
    assert [c.people for c in chains.chains] == [
        ("carol", "denise", "marcus"),
        ("carol", "denise", "zoe"),
    ]
    assert [h.outcome for h in chains.chains[0].hops] == ["interviewed", "interviewed"]
    assert chains.chains[1].hops[1].outcome == "not yet"
    yields = {y.person_id: (y.names_given, y.interviewed) for y in chains.yields}
    assert yields == {"carol": (1, 1), "denise": (2, 1), "zoe": (1, 1)}
    assert [(f.stage, f.count) for f in chains.funnel] == [
        ("identified", 3),
        ("contacted", 2),
        ("replied", 2),
        ("interviewed", 2),
        ("referred on", 1),
    ]
    assert chains.funnel[4].rate == 0.5
    assert referral_chains(n, root="denise").chains[0].people == ("denise", "marcus")


@given(networks())
def test_chains_are_simple_paths_from_their_root_and_the_funnel_narrows(
    data: NetworkData,
) -> None:
    n = ReferralNetwork(data)
    report = referral_chains(n)
    referred = {(r.referrer, r.referee) for r in data.referrals}
    for chain in report.chains:
        assert chain.people[0] in report.roots
        assert len(set(chain.people)) == len(chain.people)
        for hop, (a, b) in zip(
            chain.hops, zip(chain.people, chain.people[1:], strict=False), strict=True
        ):
            assert (hop.referrer, hop.referee) == (a, b)
            assert (a, b) in referred
    counts = [f.count for f in report.funnel]
    assert counts == sorted(counts, reverse=True)


# --- agenda -------------------------------------------------------------------------------------


def _agenda_network(**records: object) -> ReferralNetwork:
    return net(
        {"ann": {"organization": "acme"}, "bob": {"organization": "acme"}, "ref": {}},
        [("me", "ref", 4)],
        **records,
    )


def test_thank_you_is_due_after_24_hours_and_overdue_after_48() -> None:
    talk = Interview(id="i1", person="ann", on=dt.date(2026, 11, 18))
    n = _agenda_network(interviews=(talk,))
    assert [i.id for i in agenda(n, today=dt.date(2026, 11, 18))] == []
    (due,) = [i for i in agenda(n, today=dt.date(2026, 11, 19)) if i.kind == "thank-you"]
    assert (due.due, due.overdue) == (dt.date(2026, 11, 19), False)
    (late,) = [i for i in agenda(n, today=dt.date(2026, 11, 21)) if i.kind == "thank-you"]
    assert late.overdue
    thanked = talk.model_copy(update={"thanked_on": dt.date(2026, 11, 19)})
    assert not [
        i
        for i in agenda(_agenda_network(interviews=(thanked,)), today=FRI)
        if i.kind == "thank-you"
    ]


def test_3b7_on_business_days_from_a_friday() -> None:
    """Email to Ann on Friday 13 Nov. +3 business days = Wednesday 18 Nov: contact a second
    person at Acme (Bob). +7 = Tuesday 24 Nov: follow up with Ann."""
    n = _agenda_network(outreach=(Outreach(id="o-ann", person="ann", on=dt.date(2026, 11, 13)),))
    assert agenda(n, today=dt.date(2026, 11, 17)) == []
    (second,) = agenda(n, today=dt.date(2026, 11, 18))
    assert second.kind == "3b7-second-contact"
    assert second.due == dt.date(2026, 11, 18)
    assert "Bob" in second.action
    kinds = [i.kind for i in agenda(n, today=dt.date(2026, 11, 24))]
    assert kinds == ["3b7-second-contact", "3b7-follow-up"]  # overdue first, by due date


def test_tell_the_referrer_and_stale_referrals() -> None:
    """Ref referred Ann (10 Nov) and Bob (1 Nov). I interviewed Ann on Wed 18 Nov: tell Ref
    two business days later (Fri 20 Nov). Bob was never contacted: stale on 15 Nov."""
    n = _agenda_network(
        referrals=(
            Referral(referrer="ref", referee="ann", on=dt.date(2026, 11, 10), status="interviewed"),
            Referral(referrer="ref", referee="bob", on=dt.date(2026, 11, 1)),
        ),
        interviews=(
            Interview(
                id="i1", person="ann", on=dt.date(2026, 11, 18), thanked_on=dt.date(2026, 11, 18)
            ),
        ),
    )
    items = {i.kind: i for i in agenda(n, today=FRI)}
    assert items["tell-referrer"].due == FRI
    assert items["tell-referrer"].person_id == "ref"
    assert items["stale-referral"].due == dt.date(2026, 11, 15)
    assert items["stale-referral"].overdue


def test_done_and_snooze_are_stored_user_actions() -> None:
    talk = Interview(id="i1", person="ann", on=dt.date(2026, 11, 18), advice=("Read X", "Call Y"))
    base = _agenda_network(interviews=(talk,))
    items = agenda(base, today=dt.date(2026, 11, 30))
    ids = [i.id for i in items]
    assert {"thank-you-i1", "advice-i1-1", "advice-i1-2"} <= set(ids)
    done = FollowUp(
        id="advice-i1-1",
        kind="advice",
        person="ann",
        due=dt.date(2026, 11, 25),
        done_on=dt.date(2026, 11, 26),
    )
    snoozed = FollowUp(
        id="thank-you-i1",
        kind="thank-you",
        person="ann",
        due=dt.date(2026, 11, 19),
        snoozed_until=dt.date(2026, 12, 2),
    )
    custom = FollowUp(id="custom-call", person="bob", due=dt.date(2026, 11, 29), note="Call Bob")
    n = _agenda_network(interviews=(talk,), followups=(done, snoozed, custom))
    after = [i.id for i in agenda(n, today=dt.date(2026, 11, 30))]
    assert set(after) == set(ids) - {"advice-i1-1", "thank-you-i1"} | {"custom-call"}
    assert "thank-you-i1" in [i.id for i in agenda(n, today=dt.date(2026, 12, 2))]


def test_agenda_of_an_empty_network_is_empty() -> None:
    assert agenda(net({}), today=FRI) == []


@given(networks(), st.data())
def test_marking_an_item_done_removes_exactly_it(data: NetworkData, draw: st.DataObject) -> None:
    day = data.as_of or dt.date(2030, 1, 1)
    before = agenda(ReferralNetwork(data), today=day, horizon_days=30)
    if not before:
        return
    item = draw.draw(st.sampled_from(before))
    others = tuple(f for f in data.followups if f.id != item.id)
    settled = FollowUp(
        id=item.id,
        kind=item.kind,
        person=item.person_id,  # type: ignore[arg-type]
        due=item.due,
        done_on=day,
    )
    after = agenda(
        ReferralNetwork(data.model_copy(update={"followups": (*others, settled)})),
        today=day,
        horizon_days=30,
    )
    stored_before = {f.id for f in data.followups}
    expected = [i.id for i in before if i.id != item.id]
    if item.id in stored_before:  # a stored custom one was replaced: only it goes
        assert sorted(i.id for i in after) == sorted(expected)
    else:
        assert [i.id for i in after] == expected
