"""suggest_next_contacts and introducers: hand-worked scenarios, properties, and the kernel.

Expected values are worked out by hand from the constants of the algorithms (hop chances
TIE_REPLY = 0.10, 0.30, 0.50, 0.65, 0.80, 0.90 for strength 0…5, NAMED = 0.85, novelty of a
direct tie 1.0, 1.0, 1.0, 0.9, 0.8, 0.72, weights 0.30 / 0.30 / 0.20 / 0.10 / 0.10).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
from builders import small_network
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_graph.algorithms import SuggestWeights, suggest_next_contacts
from infoview_graph.algorithms._introducers import introducers
from infoview_graph.algorithms._warmth import (
    hop_graph,
    hop_model,
    warmth_paths,
    warmth_paths_reference,
)
from infoview_graph.demo import demo_network
from infoview_graph.errors import InvalidInputError
from infoview_graph.lifecycle import lifecycle
from infoview_graph.models import (
    Interview,
    NetworkData,
    Outreach,
    Referral,
    Target,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.timing import Thresholds
from tests.strategies import networks

TODAY = dt.date(2026, 11, 18)  # a Wednesday


def build(
    people: dict[str, dict[str, object]],
    ties: list[tuple[str, str, int]],
    *,
    referrals: tuple[Referral, ...] = (),
    outreach: tuple[Outreach, ...] = (),
    interviews: tuple[Interview, ...] = (),
    targets: tuple[Target, ...] = (Target(kind="field", id="accounting", priority=1),),
) -> ReferralNetwork:
    """A network with me ('me'), fields accounting/auditing/writing and org 'acme'."""
    return small_network(
        people,
        ties,
        referrals=referrals,
        outreach=outreach,
        interviews=interviews,
        targets=targets,
    )


def ranking(network: ReferralNetwork, **options: object) -> list[str]:
    return [s.person_id for s in suggest_next_contacts(network, k=50, today=TODAY, **options)]  # type: ignore[arg-type]


ACCOUNTING = {"fields": ("accounting",)}


def test_fresh_named_referral_beats_a_cold_contact_in_the_same_field() -> None:
    """Brad (a booster friend) referred Smith two days ago and lets me use his name.

    Smith: warmth 0.85 → 0.255; relevance field only (1 + 0)/1.25 = 0.8 → 0.24; coverage
    1 → 0.20; timing 1 − 2/28 → 0.093: 0.788. Carl, cold (tie 0): warmth 0.10 → 0.03,
    relevance 0.24, coverage 0.20, timing 0: 0.47. Brad works in writing: relevance 0; he
    was met already (an interview), so he is an introducer, not a suggestion.
    """
    net = build(
        {"brad": {"fields": ("writing",)}, "smith": ACCOUNTING, "carl": ACCOUNTING},
        [("me", "brad", 4), ("me", "carl", 0)],
        referrals=(
            Referral(
                referrer="brad",
                referee="smith",
                on=TODAY - dt.timedelta(days=2),
                may_use_name=True,
                for_field="accounting",
            ),
        ),
        interviews=(Interview(id="i-brad", person="brad", on=dt.date(2026, 11, 3)),),
    )
    top = suggest_next_contacts(net, k=3, today=TODAY)
    assert [s.person_id for s in top][:2] == ["smith", "carl"]
    assert top[0].score == pytest.approx(0.255 + 0.24 + 0.20 + 0.1 * (1 - 2 / 28), abs=1e-6)
    assert top[1].score == pytest.approx(0.03 + 0.24 + 0.20, abs=1e-6)
    assert top[0].via == "brad"
    assert top[0].path == ("me", "brad", "smith")
    assert top[0].action == "Email Smith and mention Brad — Brad said you may use the name"
    assert any("Brad referred them" in r for r in top[0].reasons)


def test_waiting_for_a_reply_hides_then_asks_for_a_follow_up() -> None:
    """Ann got my email on Monday 16 Nov. On Wednesday 18 Nov, 2 business days have passed:
    she is inside the 3B7 window and not suggested. On Wednesday 25 Nov, 7 business days
    have passed (16, 17, 18, 19, 20, 23, 24): the action is a follow-up."""
    net = build(
        {"ann": ACCOUNTING},
        [("me", "ann", 2)],
        outreach=(Outreach(id="o-ann", person="ann", on=dt.date(2026, 11, 16)),),
    )
    assert ranking(net) == []
    later = suggest_next_contacts(net, k=3, today=dt.date(2026, 11, 25))
    assert [s.person_id for s in later] == ["ann"]
    assert later[0].action.startswith("Follow up with Ann (7 business days without a reply")


def test_a_field_without_interviews_lifts_its_people() -> None:
    """a1 (accounting, no interview yet) and w1 (writing, five interviews) are otherwise
    alike (tie 2, both fields targets at priority 1): coverage 1/(1+0) = 1 against
    1/(1+5) = 1/6, so a1 leads by 0.2 × (1 − 1/6) ≈ 0.167."""
    writers = {f"w{i}": {"fields": ("writing",)} for i in range(1, 7)}
    net = build(
        {"a1": ACCOUNTING, **writers},
        [("me", "a1", 2), ("me", "w1", 2)],
        interviews=tuple(
            Interview(id=f"i-{i}", person=f"w{i}", on=dt.date(2026, 10, i)) for i in range(2, 7)
        ),
        targets=(
            Target(kind="field", id="accounting", priority=1),
            Target(kind="field", id="writing", priority=1),
        ),
    )
    top = suggest_next_contacts(net, k=2, today=TODAY)
    assert [s.person_id for s in top] == ["a1", "w1"]
    assert top[0].factors["coverage"] == pytest.approx(0.2)
    assert top[1].factors["coverage"] == pytest.approx(0.2 / 6, abs=1e-6)
    assert top[0].score - top[1].score == pytest.approx(0.2 * 5 / 6, abs=1e-5)


def test_an_introducer_asked_three_times_this_month_is_spared() -> None:
    """Brad and Cara are alike (tie 4 to me, tie 3 to x and y). Brad was named in three
    outreach attempts this month, so hops through him are cut to a quarter: x's warmth is
    0.8 × 0.65 × 0.85 × 0.25 ≈ 0.11 against y's 0.8 × 0.65 × 0.85 ≈ 0.44."""
    asked = {f"p{i}": {} for i in range(3)}
    net = build(
        {"brad": {}, "cara": {}, "x": ACCOUNTING, "y": ACCOUNTING, **asked},
        [("me", "brad", 4), ("me", "cara", 4), ("brad", "x", 3), ("cara", "y", 3)],
        outreach=tuple(
            Outreach(
                id=f"o-{i}",
                person=f"p{i}",
                on=TODAY - dt.timedelta(days=20 + i),
                via="brad",
                replied_on=TODAY - dt.timedelta(days=19),
            )
            for i in range(3)
        ),
    )
    top = {s.person_id: s for s in suggest_next_contacts(net, k=20, today=TODAY)}
    assert ranking(net).index("y") < ranking(net).index("x")
    assert top["x"].factors["warmth"] == pytest.approx(0.3 * 0.8 * 0.65 * 0.85 * 0.25, abs=1e-6)
    assert top["y"].factors["warmth"] == pytest.approx(0.3 * 0.8 * 0.65 * 0.85, abs=1e-6)
    assert "asked 3× lately" in " ".join(top["x"].reasons)


def test_a_curmudgeon_introducer_ranks_below_a_booster() -> None:
    """Bob replied to me within a day (booster, factor 1.0); Cy has not replied in 10
    business days (curmudgeon, 0.4). Bob's reply also makes the hop to him 0.85 (REPLIED,
    above the tie's 0.65). x behind Bob: 0.85 × 0.65 × 1.0 = 0.5525; y behind Cy:
    0.65 × 0.65 × 0.4 = 0.169."""
    net = build(
        {"bob": {}, "cy": {}, "x": ACCOUNTING, "y": ACCOUNTING},
        [("me", "bob", 3), ("me", "cy", 3), ("bob", "x", 3), ("cy", "y", 3)],
        outreach=(
            Outreach(
                id="o-bob", person="bob", on=dt.date(2026, 11, 2), replied_on=dt.date(2026, 11, 3)
            ),
            Outreach(id="o-cy", person="cy", on=dt.date(2026, 11, 4)),
        ),
    )
    top = {s.person_id: s for s in suggest_next_contacts(net, k=20, today=TODAY)}
    assert top["x"].factors["warmth"] == pytest.approx(0.3 * 0.5525, abs=1e-6)
    assert top["y"].factors["warmth"] == pytest.approx(0.3 * 0.169, abs=1e-6)
    assert top["x"].score > top["y"].score
    assert "(booster)" in top["x"].reasons[0]
    assert "(curmudgeon)" in top["y"].reasons[0]


def test_never_suggested_me_interviewed_declined_or_do_not_contact() -> None:
    net = build(
        {
            "done": ACCOUNTING,
            "no": ACCOUNTING,
            "dnc": {**ACCOUNTING, "do_not_contact": True},
            "ok": ACCOUNTING,
        },
        [("me", p, 3) for p in ("done", "no", "dnc", "ok")],
        interviews=(Interview(id="i-done", person="done", on=dt.date(2026, 11, 1)),),
        outreach=(
            Outreach(
                id="o-no",
                person="no",
                on=dt.date(2026, 11, 2),
                replied_on=dt.date(2026, 11, 3),
                declined=True,
            ),
        ),
    )
    assert ranking(net) == ["ok"]


def test_do_not_contact_people_are_not_introducers_either() -> None:
    net = build(
        {"dnc": {"do_not_contact": True}, "x": ACCOUNTING}, [("me", "dnc", 5), ("dnc", "x", 5)]
    )
    assert ranking(net) == []


def test_filters_restrict_and_stand_in_for_targets() -> None:
    net = build({"a": ACCOUNTING, "w": {"fields": ("writing",)}}, [("me", "a", 2), ("me", "w", 2)])
    assert ranking(net, fields=["Writing"]) == ["w"]
    assert ranking(net, organizations=["acme"]) == []


def test_weights_change_the_ranking_and_are_validated() -> None:
    net = build(
        {"near": {"fields": ("writing",)}, "far": ACCOUNTING},
        [("me", "near", 4), ("me", "far", 0)],
    )
    assert ranking(net)[0] == "far"  # relevance leads by default
    warm_only = SuggestWeights(warmth=1, relevance=0, coverage=0, reach=0, timing=0)
    assert ranking(net, weights=warm_only)[0] == "near"
    with pytest.raises(ValueError, match="greater than or equal"):
        SuggestWeights(warmth=-1)


def test_intro_finds_the_single_point_of_failure() -> None:
    """Both people at Acme are reached only through Brad: Ann → Brad → s1, me → Brad → s2.
    Adding Dee, who knows s2, removes the single point of failure."""
    people = {"brad": {}, "ann": {}, "s1": {"organization": "acme"}, "s2": {"organization": "acme"}}
    ties = [
        ("me", "brad", 4),
        ("me", "ann", 3),
        ("ann", "brad", 2),
        ("brad", "s1", 3),
        ("brad", "s2", 2),
    ]
    answer = introducers(build(people, ties), "Acme", today=TODAY)
    assert answer.single_points_of_failure == ("brad",)
    assert answer.introducers[0].person_id == "brad"
    assert answer.paths[0].path == ("me", "brad", "s1")
    assert answer.paths[0].weakest_link == ("brad", "s1", pytest.approx(0.65 * 0.85))
    assert "goes through Brad" in answer.message

    safer = build({**people, "dee": {}}, [*ties, ("me", "dee", 2), ("dee", "s2", 2)])
    assert introducers(safer, "acme", today=TODAY).single_points_of_failure == ()


def test_intro_without_a_path_names_whom_to_ask_anyway() -> None:
    net = build(
        {
            "aud": {"fields": ("auditing",)},
            "hub": {},
            "h1": {},
            "h2": {},
            "s1": {"organization": "acme", "fields": ("accounting",)},
        },
        [("me", "aud", 2), ("me", "hub", 2), ("hub", "h1", 1), ("hub", "h2", 1)],
    )
    answer = introducers(net, "Accounting", today=TODAY)
    assert answer.introducers == ()
    assert "Nobody you know is connected to Accounting yet" in answer.message
    reasons = {f.person_id: f.reason for f in answer.fallback}
    assert reasons["aud"].startswith("works in Auditing")
    assert "best-connected" in reasons["hub"]


# --- the demo -------------------------------------------------------------------------------


def test_demo_puts_the_yes_first_then_brads_referral() -> None:
    """Maya Lindström said yes on 11-11 and waits to be scheduled: she comes first. Then
    Brad's fresh, named referral to Margaret Smith leads the rest."""
    net = demo_network()
    top = suggest_next_contacts(net, k=5)
    assert (top[0].person_id, top[0].tier, top[0].stage) == ("maya-lindstrom", 0, "said-yes")
    assert top[1].person_id == "mrs-smith"
    assert top[1].via == "brad-johnson"
    assert any("Brad Johnson referred them" in r for r in top[1].reasons)


def test_demo_intro_general_mills_names_the_referrals_then_brad() -> None:
    """Marcus's and Brad's named referrals (0.85 each, by id) come before Brad himself, whom
    I know (strength 4: 0.80); the chance of asking Brad is his own hop, not more."""
    answer = introducers(demo_network(), "General Mills")
    assert [i.person_id for i in answer.introducers[:3]] == [
        "elena-petrova",
        "mrs-smith",
        "brad-johnson",
    ]
    assert answer.introducers[2].warmth == pytest.approx(0.80)


# --- properties -----------------------------------------------------------------------------


def _today(data: NetworkData) -> dt.date:
    return data.as_of or dt.date(2026, 6, 1)


@given(networks(), st.integers(1, 6))
def test_suggestions_respect_the_rules(data: NetworkData, k: int) -> None:
    net = ReferralNetwork(data)
    found = suggest_next_contacts(net, k=k, today=_today(data))
    ids = [s.person_id for s in found]
    interviewed = {i.person for i in data.interviews}
    declined = {o.person for o in data.outreach if o.declined}
    declined |= {r.referee for r in data.referrals if r.status == "declined"}
    dnc = {p.id for p in data.persons if p.do_not_contact}
    assert len(ids) <= k
    assert len(set(ids)) == len(ids)
    assert not set(ids) & ({net.me.id} | dnc)
    # Someone met before is suggested again only for a new request they said yes to, or
    # that awaits its follow-up: the lifecycle's open stages.
    life = lifecycle(net, today=_today(data))
    assert {life.stage(pid) for pid in ids} <= {"known", "referred", "follow-up-due", "said-yes"}
    assert all(life.stage(pid) in ("follow-up-due", "said-yes") for pid in interviewed & set(ids))
    for pid in set(ids) & declined:  # only a new request, after the no, brings them back
        refusals = [o.replied_on or o.on for o in data.outreach if o.person == pid and o.declined]
        later = [o.on for o in data.outreach if o.person == pid and not o.declined]
        assert later
        assert max(later) > max(refusals, default=dt.date.min)
    keys = [(s.tier, -s.score, s.person_id) for s in found]
    assert keys == sorted(keys)
    assert found == suggest_next_contacts(ReferralNetwork(data), k=k, today=_today(data))
    for s in found:
        assert s.path[0] == net.me.id
        assert s.path[-1] == s.person_id
        assert s.score == pytest.approx(sum(s.factors.values()), abs=1e-5)


@given(networks(), st.data())
def test_a_stronger_tie_on_the_best_path_never_lowers_the_score(
    data: NetworkData, draw: st.DataObject
) -> None:
    net = ReferralNetwork(data)
    day = _today(data)
    found = suggest_next_contacts(net, k=50, today=day)
    if not found:
        return
    chosen = draw.draw(st.sampled_from(found))
    chain = list(chosen.path)
    ties = {(t.a, t.b): t for t in data.ties}
    on_path = [
        tuple(sorted(pair))
        for pair in itertools.pairwise(chain)
        if tuple(sorted(pair)) in ties and ties[tuple(sorted(pair))].strength < 5
    ]
    if not on_path:
        return
    a, b = draw.draw(st.sampled_from(on_path))
    stronger = ties[(a, b)].model_copy(update={"strength": ties[(a, b)].strength + 1})
    changed = data.model_copy(
        update={"ties": tuple(stronger if (t.a, t.b) == (a, b) else t for t in data.ties)}
    )
    after = {
        s.person_id: s for s in suggest_next_contacts(ReferralNetwork(changed), k=50, today=day)
    }
    assert chosen.person_id in after
    assert after[chosen.person_id].score >= chosen.score - 1e-9


@given(networks(), st.data())
def test_an_interview_in_a_field_never_raises_coverage_gain_there(
    data: NetworkData, draw: st.DataObject
) -> None:
    day = _today(data)
    before = {s.person_id: s for s in suggest_next_contacts(ReferralNetwork(data), k=50, today=day)}
    people = [p for p in data.persons if p.fields and not p.is_self]
    if not people:
        return
    subject = draw.draw(st.sampled_from(people))
    extra = Interview(id="zz-extra-interview", person=subject.id, on=day)
    changed = data.model_copy(update={"interviews": (*data.interviews, extra)})
    after = {
        s.person_id: s for s in suggest_next_contacts(ReferralNetwork(changed), k=50, today=day)
    }
    for pid, s in after.items():
        person = next(p for p in data.persons if p.id == pid)
        if set(person.fields) & set(subject.fields) and pid in before:
            assert s.factors["coverage"] <= before[pid].factors["coverage"] + 1e-12


@given(networks(max_persons=14), st.integers(1, 4))
@settings(max_examples=60)
def test_the_numpy_kernel_agrees_with_the_networkx_reference(
    data: NetworkData, max_hops: int
) -> None:
    net = ReferralNetwork(data)
    model = hop_model(
        net, today=_today(data), thresholds=Thresholds(), ask_window_days=30, max_asks=3
    )
    fast = warmth_paths(net, model, max_hops=max_hops).reached()
    slow = warmth_paths_reference(hop_graph(net, model), model, max_hops=max_hops)
    assert set(fast) == set(slow)
    for pid, (cost, chain) in slow.items():
        assert math.isclose(fast[pid].cost, cost, abs_tol=1e-9)
        assert fast[pid].chain == chain


def test_intro_passes_the_networkx_backend_through() -> None:
    """The backend argument reaches NetworkX's dispatch: the reference backend gives the
    same answer; an uninstalled one is NetworkX's own error, naming it."""
    people = {"brad": {}, "s1": {"organization": "acme"}}
    net = build(people, [("me", "brad", 4), ("brad", "s1", 3)])
    assert introducers(net, "acme", today=TODAY, backend="networkx") == introducers(
        net, "acme", today=TODAY
    )
    with pytest.raises(ImportError, match="no-such-backend"):
        introducers(net, "acme", today=TODAY, backend="no-such-backend")


@pytest.mark.parametrize("weaker", range(5))
def test_a_closer_friend_who_said_yes_never_ranks_below_a_weaker_tie_who_did(weaker: int) -> None:
    """The counterexample a random seed found: someone who replied scores warmth 0.85 ×
    0.30 = 0.255 on ties of strength 0–4, and on strength 5 used to drop to 0.90 × 0.72
    (novelty) × 0.30 = 0.194, below an acquaintance. Novelty discounts only the tie itself,
    never the reply: warmth is max(0.90 × 0.72, 0.85) × 0.30 = 0.255 at every strength."""
    replied = dt.date(2026, 11, 3)
    net = build(
        {"close": ACCOUNTING, "loose": ACCOUNTING},
        [("me", "close", 5), ("me", "loose", weaker)],
        outreach=tuple(
            Outreach(id=f"o-{p}", person=p, on=dt.date(2026, 11, 2), replied_on=replied)
            for p in ("close", "loose")
        ),
    )
    scores = {s.person_id: s for s in suggest_next_contacts(net, k=2, today=TODAY)}
    assert scores["close"].factors["warmth"] == pytest.approx(0.255)
    assert scores["close"].score >= scores["loose"].score


def _in_field(field: str) -> tuple[float, object]:
    return (0.5, lambda person, network: 1.0 if field in person.fields else 0.0)


def test_a_factor_of_my_own_is_weighted_explained_and_can_reorder() -> None:
    """Carl (cold, accounting) and Dee (cold, writing) tie on everything but the field;
    relevance favours Carl. A factor of mine worth 0.5 for writers lifts Dee above him by
    0.5 − Carl's relevance lead (0.24) and shows as a reason and a factor."""
    net = build(
        {"carl": ACCOUNTING, "dee": {"fields": ("writing",)}},
        [("me", "carl", 0), ("me", "dee", 0)],
    )
    plain = [s.person_id for s in suggest_next_contacts(net, k=2, today=TODAY)]
    assert plain == ["carl", "dee"]
    mine = {"writes": _in_field("writing")}
    found = suggest_next_contacts(net, k=2, today=TODAY, factors=mine)  # type: ignore[arg-type]
    assert [s.person_id for s in found] == ["dee", "carl"]
    dee, carl = found
    assert dee.factors["writes"] == pytest.approx(0.5)
    assert carl.factors["writes"] == 0.0
    assert dee.score == pytest.approx(sum(dee.factors.values()), abs=1e-5)
    assert "writes +0.50: your own factor (1.00)" in dee.reasons


@pytest.mark.parametrize(
    ("factors", "message"),
    [
        ({"warmth": (0.1, lambda p, n: 0.5)}, "name is taken"),
        ({"mine": (11.0, lambda p, n: 0.5)}, "weight from 0 to 10"),
        ({"mine": (0.1, "not callable")}, "weight from 0 to 10"),
        ({"mine": (0.1, lambda p, n: 1.5)}, "factor 'mine' returned 1.5"),
        ({"mine": (0.1, lambda p, n: "high")}, "factor 'mine' returned 'high'"),
    ],
)
def test_a_bad_factor_of_my_own_is_refused_by_name(factors: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        suggest_next_contacts(demo_network(), k=3, factors=factors)  # type: ignore[arg-type]


@given(networks(), st.integers(1, 6), st.floats(0.0, 2.0))
def test_the_top_k_with_my_factor_is_the_head_of_the_whole_ranking(
    data: NetworkData, k: int, weight: float
) -> None:
    """The bound that stops scoring early must count my factor: any k is a prefix of all."""
    net = ReferralNetwork(data)
    mine = {"short name": (weight, lambda person, network: 1.0 / len(person.name))}
    whole = suggest_next_contacts(net, k=100, today=_today(data), factors=mine)
    top = suggest_next_contacts(net, k=k, today=_today(data), factors=mine)
    assert [s.person_id for s in top] == [s.person_id for s in whole[:k]]


def test_k_zero_gives_no_suggestion_and_a_negative_k_is_an_error() -> None:
    network = demo_network()
    assert list(suggest_next_contacts(network, k=0)) == []
    with pytest.raises(InvalidInputError, match="k must be 0 or more"):
        suggest_next_contacts(network, k=-1)


def test_the_top_k_is_the_head_of_a_longer_ranking() -> None:
    """Stopping early once the k-th best is out of reach never changes the first k."""
    network = demo_network()
    everyone = [s.person_id for s in suggest_next_contacts(network, k=len(network))]
    for k in (1, 3, 5, 10):
        assert [s.person_id for s in suggest_next_contacts(network, k=k)] == everyone[:k]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from([0.0, 0.1, 0.2, 0.3, 1 / 3, 0.7, 2.5])),
        max_size=60,
    ),
    st.integers(1, 20),
)
def test_candidates_are_walked_in_the_full_sort_order(
    keys: list[tuple[int, float]], prefix: int
) -> None:
    # The walk takes a partial sort first; it must yield exactly what one full sort by
    # (tier, highest partial score, position) yields, ties in the score included.
    import numpy as np

    from infoview_graph.algorithms._suggest import _in_order

    tier = np.asarray([t for t, _ in keys], dtype=np.int64)
    partial = np.asarray([p for _, p in keys], dtype=np.float64)
    expected = np.lexsort((np.arange(len(keys)), -partial, tier)).tolist()
    assert list(_in_order(tier, partial, prefix=prefix)) == expected
