"""``prep``: the question choice, the referral chain and the page, worked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from infoview_graph.algorithms._prep import connection, prep_brief, render_brief_markdown
from infoview_graph.demo import demo_network
from infoview_graph.errors import InvalidInputError
from infoview_graph.models import (
    CareerField,
    Interview,
    NetworkData,
    Organization,
    Person,
    Referral,
    Tie,
)
from infoview_graph.network import ReferralNetwork

D = dt.date

# The built-in bank's first ten questions other than 'referral', in bank order.
FIRST_TEN = [
    "day-in-the-life",
    "how-got-in",
    "likes-dislikes",
    "finding-jobs",
    "training-required",
    "advancement",
    "job-description",
    "employers-look-for",
    "resume",
    "look-for-in-employees",
]


def field_network(*interviews: Interview) -> ReferralNetwork:
    """Three accountants: Ann and Bea at General Mills, Cal at North Star."""
    return ReferralNetwork(
        NetworkData(
            fields=(CareerField(id="acc", name="Accounting"),),
            organizations=(
                Organization(id="gm", name="General Mills"),
                Organization(id="ns", name="North Star"),
            ),
            persons=(
                Person(id="me", name="Steven Olson", is_self=True),
                Person(id="ann", name="Ann Lee", fields=("acc",), organization="gm"),
                Person(id="bea", name="Bea Park", fields=("acc",), organization="gm"),
                Person(id="cal", name="Cal Ruiz", fields=("acc",), organization="ns"),
            ),
            interviews=interviews,
        )
    )


def ids(network: ReferralNetwork, person: str, n: int = 10) -> list[str]:
    return [q.id for q in prep_brief(network, person, n_questions=n).questions]


def test_with_nothing_answered_the_first_nine_questions_and_the_referral_one() -> None:
    assert ids(field_network(), "ann") == [*FIRST_TEN[:9], "referral"]


def test_an_answered_question_drops_out_for_the_next_person_in_the_field() -> None:
    """Ann answered day-in-the-life (and the referral question). For Bea, in the same field,
    day-in-the-life has one answer and every other candidate none, so it drops out and the
    tenth question, look-for-in-employees, comes in. The referral question is still asked,
    and still last, although Ann answered it."""
    net = field_network(
        Interview(
            id="i-ann",
            person="ann",
            on=D(2026, 3, 2),
            answers={"day-in-the-life": "Audits", "referral": "Talk to Cal"},
        )
    )
    brief = prep_brief(net, "bea")
    assert [q.id for q in brief.questions] == [*FIRST_TEN[1:], "referral"]
    assert [q.answered for q in brief.questions] == [0] * 9 + [1]
    assert [item.question_id for item in brief.learned] == ["day-in-the-life", "referral"]


def test_employer_questions_count_only_at_the_same_employer() -> None:
    """Cal (North Star) answered job-description and resume. For Ann (General Mills):
    resume is about the field, so it counts and drops out; job-description is about the
    employer, and nobody at General Mills answered it, so it stays. The tenth question,
    look-for-in-employees, fills the place resume left. Once Bea, Ann's colleague at
    General Mills, has answered job-description too, it drops out for Ann as well, and the
    eleventh candidate in bank order, stay-current, comes in at the end."""
    cal = Interview(
        id="i-cal",
        person="cal",
        on=D(2026, 3, 2),
        answers={"job-description": "Sent it", "resume": "One page"},
    )
    expected = [q for q in FIRST_TEN if q != "resume"]
    assert ids(field_network(cal), "ann") == [*expected, "referral"]
    bea = Interview(id="i-bea", person="bea", on=D(2026, 3, 4), answers={"job-description": "No"})
    assert ids(field_network(cal, bea), "ann") == [
        *(q for q in expected if q != "job-description"),
        "stay-current",
        "referral",
    ]


def test_the_number_of_questions() -> None:
    net = field_network()
    assert ids(net, "ann", n=1) == ["referral"]
    assert ids(net, "ann", n=3) == ["day-in-the-life", "how-got-in", "referral"]
    assert len(ids(net, "ann", n=500)) == 23
    with pytest.raises(InvalidInputError, match="n_questions"):
        prep_brief(net, "ann", n_questions=0)
    with pytest.raises(InvalidInputError, match="that is you"):
        prep_brief(net, "me")


# --- the referral chain --------------------------------------------------------------------


def chain_network(referrals: tuple[Referral, ...], ties: tuple[Tie, ...] = ()) -> ReferralNetwork:
    people = ("me", "amy", "ben", "cid", "pat", "xia", "yan", "zed")
    return ReferralNetwork(
        NetworkData(
            persons=tuple(Person(id=p, name=p.title(), is_self=p == "me") for p in people),
            ties=(Tie(a="me", b="amy", strength=3), *ties),
            referrals=referrals,
        )
    )


def referral(a: str, b: str, on: dt.date, *, may: bool = True) -> Referral:
    return Referral(referrer=a, referee=b, on=on, may_use_name=may)


def test_the_chain_walks_back_to_someone_i_know() -> None:
    """Pat was referred by Cid (may use the name, Feb 1) and by Xia (may not, Jan 15, older):
    permission beats age, so Cid. Cid ← Ben ← Amy, whom I know (strength 3): stop there."""
    net = chain_network(
        (
            referral("amy", "ben", D(2026, 1, 1)),
            referral("ben", "cid", D(2026, 1, 5)),
            referral("cid", "pat", D(2026, 2, 1)),
            referral("xia", "pat", D(2026, 1, 15), may=False),
        )
    )
    way = connection(net, "pat")
    assert way.chain == ("me", "amy", "ben", "cid", "pat")
    assert way.reaches_me
    assert [(r.referrer, r.referee) for r in way.referrals] == [
        ("amy", "ben"),
        ("ben", "cid"),
        ("cid", "pat"),
    ]
    assert (way.referrer, way.mention, way.also_referred_by) == ("cid", "Cid", ("Xia",))


def test_among_permitted_referrals_the_oldest_wins_and_an_unknown_start_is_said() -> None:
    """Yan (Jan 20) and Cid (Feb 1) both allow their name: Yan is older. Yan was referred
    by nobody and I do not know Yan, so the chain does not reach me."""
    net = chain_network(
        (referral("cid", "pat", D(2026, 2, 1)), referral("yan", "pat", D(2026, 1, 20)))
    )
    way = connection(net, "pat")
    assert (way.chain, way.reaches_me, way.mention) == (("yan", "pat"), False, "Yan")
    page = render_brief_markdown(prep_brief(net, "pat"))
    assert "you do not know Yan directly" in page


def test_a_cycle_ends_the_walk() -> None:
    """Ben and Cid referred each other, and Cid referred Pat; neither is known to me."""
    net = chain_network(
        (
            referral("ben", "cid", D(2026, 1, 1)),
            referral("cid", "ben", D(2026, 1, 2)),
            referral("cid", "pat", D(2026, 1, 3)),
        )
    )
    way = connection(net, "pat")
    assert (way.chain, way.reaches_me) == (("ben", "cid", "pat"), False)


def test_a_never_met_tie_is_not_a_way_in_and_a_refused_name_is_not_mentioned() -> None:
    """Zed is a strength-0 tie ("never met"), so the walk goes on past Zed to Amy (known).
    Zed did not allow the name: Zed is the referrer, but there is nobody to mention."""
    net = chain_network(
        (referral("amy", "zed", D(2026, 1, 1)), referral("zed", "pat", D(2026, 1, 2), may=False)),
        ties=(Tie(a="me", b="zed", strength=0),),
    )
    way = connection(net, "pat")
    assert way.chain == ("me", "amy", "zed", "pat")
    assert (way.referrer, way.may_use_name, way.mention) == ("zed", False, None)
    page = render_brief_markdown(prep_brief(net, "pat"))
    assert "Do not mention Zed" in page
    assert 'Open with "Zed' not in page


def test_someone_i_know_directly_and_a_cold_contact() -> None:
    net = chain_network((), ties=(Tie(a="me", b="pat", strength=2),))
    way = connection(net, "pat")
    assert (way.chain, way.reaches_me, way.my_tie, way.referrer) == (
        ("me", "pat"),
        True,
        2,
        None,
    )
    assert "You know them directly (tie strength 2)" in render_brief_markdown(
        prep_brief(net, "pat")
    )
    cold = connection(net, "xia")
    assert (cold.chain, cold.reaches_me, cold.my_tie) == (("xia",), False, None)
    assert "a cold contact" in render_brief_markdown(prep_brief(net, "xia"))


# --- the demo and the page -------------------------------------------------------------------


def test_margaret_smith_in_the_demo() -> None:
    """Brad Johnson (my friend, strength 4) referred Mrs. Smith for accounting at General
    Mills and allowed his name. In accounting, Rachel, Omar and Marcus answered 13 of the
    source's questions, leaving advancement; the employer questions count only at General
    Mills, where nobody was interviewed (Marcus answered look-for-in-employees, but at
    North Star), so job-description, look-for-in-employees, culture and competitors are
    open; then the bank's own additions in order."""
    net = demo_network()
    before = net.to_data()
    brief = prep_brief(net, "Margaret Smith")
    assert brief.connection.names == ("Steven Olson", "Brad Johnson", "Margaret Smith")
    assert brief.connection.mention == "Brad Johnson"
    assert (brief.focus_field, brief.focus_organization_name) == ("accounting", "General Mills")
    assert brief.today == D(2026, 11, 20)
    assert [q.id for q in brief.questions] == [
        "advancement",
        "job-description",
        "look-for-in-employees",
        "culture",
        "competitors",
        "responsibilities",
        "trends",
        "surprises",
        "projects",
        "referral",
    ]
    assert len(brief.learned) == 13
    assert brief.reminders[-1] == "Tell Brad Johnson how it went."
    assert net.to_data() == before


def test_the_page_has_every_section_and_the_reminders() -> None:
    page = render_brief_markdown(prep_brief(demo_network(), "Margaret Smith"))
    for heading in (
        "# Informational interview: Margaret Smith",
        "## Who",
        "## How you are connected",
        "## Your objectives for accounting",
        "## Questions to ask (10)",
        "## What you already learned about accounting",
        "## Reminders",
    ):
        assert heading in page.splitlines(), heading
    assert "10. Can you refer me to someone else in this field?" in page
    for reminder in (
        "15 minutes",
        "Dress professionally",
        "paper for writing notes",
        "spare résumé",
        "Can you refer me to someone else?",
        "thank-you note within 24 hours",
    ):
        assert reminder in page, reminder
    assert "Find out whether jobs are available in accounting at General Mills." in page
    assert "… and 5 more answered questions: see 'referrals learned accounting'." in page


def test_stored_text_never_becomes_markup() -> None:
    net = ReferralNetwork(
        NetworkData(
            persons=(
                Person(id="me", name="Me", is_self=True),
                Person(id="eve", name="[Eve](http://x) *bold* <b>", notes="line one\n# line two"),
            ),
            ties=(Tie(a="me", b="eve", strength=1),),
        )
    )
    page = render_brief_markdown(prep_brief(net, "eve"))
    assert r"\[Eve\](http://x) \*bold\* \<b\>" in page
    assert r"line one \# line two" in page
    assert "[Eve](" not in page
