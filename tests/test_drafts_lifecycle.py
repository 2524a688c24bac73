"""Drafts and where people stand: my goal, the tone, the follow-up, the refusals.

Hand-drawn networks, worked out by hand. The targets are accounting (related to tax
preparation) and General Mills. Days: 2026-11-02 and 2026-11-09 are Mondays, 2026-11-20 a
Friday; 7 business days after 2026-11-02 is 2026-11-11, after 2026-11-09 is 2026-11-18 and
after 2026-11-12 is 2026-11-23.

The same scenarios then run through the ``referrals`` command, on a store built by hand with
``init``, ``person add``, ``refer``, ``outreach`` and ``reply``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cli_support import ok_with_stderr, run
from typer.testing import CliRunner

from infoview_graph.algorithms._drafts import (
    FOLLOWUP_PLACEHOLDERS,
    MAX_REQUEST_WORDS,
    draft_cautions,
    draft_followup,
    draft_request,
    draft_thanks,
    word_count,
)
from infoview_graph.demo import demo_network
from infoview_graph.errors import InvalidInputError
from infoview_graph.models import (
    CareerField,
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
from infoview_graph.store import open_store

D = dt.date
FRIDAY = D(2026, 11, 20)


def network(
    *,
    outreach: tuple[Outreach, ...] = (),
    interviews: tuple[Interview, ...] = (),
    org_name: str = "General Mills",
    field_name: str = "Accounting",
) -> ReferralNetwork:
    """Me and ten people:

    - Brad (friend, strength 4, finance at General Mills) referred me to Mrs. Smith for
      accounting at General Mills, and said I may use his name;
    - Ann (alumni, strength 1), Cho (no "how", strength 2), Dr. Kim Lee (friend), J. R. Moss
      (colleague), Mr. Ortiz (neighbour);
    - Jessica (communications at General Mills), Pat (communications at Acme Media), Dan
      (tax preparation at Acme Media), Gary (do not contact).
    """
    people = [
        ("brad", "Brad Johnson", "friend", "gm", ("fin",)),
        ("smith", "Mrs. Smith", "referral", "gm", ("acc",)),
        ("ann", "Ann Lee", "alumni", None, ("acc",)),
        ("cho", "Cho Park", None, None, ("acc",)),
        ("kim", "Dr. Kim Lee", "friend", None, ("acc",)),
        ("jr", "J. R. Moss", "colleague", None, ("acc",)),
        ("ortiz", "Mr. Ortiz", "neighbour", None, ("acc",)),
        ("jess", "Jessica Tran", "cold", "gm", ("com",)),
        ("pat", "Pat Quinn", None, "acme", ("com",)),
        ("dan", "Dan Kim", None, "acme", ("tax",)),
    ]
    return ReferralNetwork(
        NetworkData(
            fields=(
                CareerField(id="acc", name=field_name, related=("tax",)),
                CareerField(id="tax", name="Tax preparation"),
                CareerField(id="com", name="Communications"),
                CareerField(id="fin", name="Finance"),
            ),
            organizations=(
                Organization(id="gm", name=org_name),
                Organization(id="acme", name="Acme Media"),
            ),
            persons=(
                Person(id="me", name="Steven Olson", is_self=True),
                *(
                    Person(id=pid, name=name, how=how, organization=org, fields=fields)
                    for pid, name, how, org, fields in people
                ),
                Person(id="gary", name="Gary Fenwick", fields=("acc",), do_not_contact=True),
            ),
            ties=(
                Tie(a="me", b="brad", strength=4),
                Tie(a="me", b="ann", strength=1),
                Tie(a="me", b="cho", strength=2),
                Tie(a="me", b="kim", strength=4),
                Tie(a="me", b="jr", strength=3),
                Tie(a="me", b="ortiz", strength=1),
            ),
            referrals=(
                Referral(
                    referrer="brad",
                    referee="smith",
                    on=D(2026, 10, 30),
                    for_field="acc",
                    for_org="gm",
                    may_use_name=True,
                ),
            ),
            targets=(
                Target(kind="field", id="acc", priority=1),
                Target(kind="org", id="gm", priority=1),
            ),
            outreach=outreach,
            interviews=interviews,
            as_of=FRIDAY,
        )
    )


def asked(pid: str, on: dt.date, channel: str = "email", **facts: object) -> Outreach:
    return Outreach.model_validate(
        {"id": f"o-{pid}-{on}", "person": pid, "on": on, "channel": channel, **facts}
    )


# --- the tone of the relationship ------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "greeting", "signature"),
    [
        ("brad", "Hi Brad,", "Steven"),  # a friend
        ("jr", "Hi J. R. Moss,", "Steven"),  # a colleague: an initial is not a first name
        ("cho", "Hi Cho,", "Steven"),  # no "how", but a tie of strength 2
        ("kim", "Hi Dr. Kim Lee,", "Steven"),  # a friend with a title: the title stays
        ("ortiz", "Hi Mr. Ortiz,", "Steven"),  # a neighbour (strength 1 does not matter)
        ("ann", "Dear Ann Lee,", "Steven Olson"),  # alumni, strength 1: not someone I know
        ("smith", "Dear Mrs. Smith,", "Steven Olson"),  # a referral: the name as stored
    ],
)
def test_people_i_know_are_greeted_by_first_name(
    person: str, greeting: str, signature: str
) -> None:
    text = draft_request(network(), person)
    assert text.startswith(f"{greeting}\n\n")
    assert text.endswith(f"Thank you,\n{signature}\n")
    assert ("My name is Steven Olson" in text) is (signature == "Steven Olson")


def test_the_thank_you_note_follows_the_same_tone() -> None:
    """A friend is thanked as "Dear Brad," and signed "Steven"; Mrs. Smith as stored."""
    talks = (
        Interview(id="i-brad", person="brad", on=D(2026, 11, 18)),
        Interview(id="i-smith", person="smith", on=D(2026, 11, 19)),
    )
    net = network(interviews=talks)
    brad = draft_thanks(net, "brad")
    assert brad.startswith("Dear Brad,\n\n")
    assert brad.endswith("With thanks,\nSteven\n")
    smith = draft_thanks(net, "smith")
    assert smith.startswith("Dear Mrs. Smith,\n\n")
    assert smith.endswith("With thanks,\nSteven Olson\n")
    assert "your advice on accounting was a great help" in smith


def test_an_older_template_with_salutation_follows_the_tone() -> None:
    template = "Dear $salutation,\n\n$interest\n\n$my_name\n"
    assert draft_request(network(), "brad", template=template).startswith("Dear Brad,\n")
    assert draft_request(network(), "ann", template=template).startswith("Dear Ann Lee,\n")


# --- my goal, never their non-target field ---------------------------------------------------


@pytest.mark.parametrize(
    ("person", "interest", "insider", "absent"),
    [
        # The referral was for accounting at General Mills.
        ("smith", "accounting at General Mills", "someone who is in this field", "finance"),
        # A target field of theirs, no organization.
        ("ann", "the accounting field", "someone who is in this field", "job"),
        # Communications is not a target; General Mills is: the employer is my goal.
        ("jess", "careers at General Mills", "someone who works there", "ommunications"),
        # Neither field nor employer is a target: neutral.
        ("pat", "the work you do at Acme Media", "someone with your experience", "ommunications"),
        # Tax preparation is related to accounting: say accounting, from a related field.
        ("dan", "the accounting field", "someone in a related field", "ax preparation"),
        # Brad works in finance (not a target) at General Mills (a target).
        ("brad", "careers at General Mills", "someone who works there", "inance"),
    ],
)
def test_the_request_speaks_of_my_goal_not_their_field(
    person: str, interest: str, insider: str, absent: str
) -> None:
    text = " ".join(draft_request(network(), person).split())
    assert f"I am interested in {interest}." in text
    assert f"I could use some advice from {insider}." in text
    assert absent not in text
    assert "job" not in text.casefold()


# --- the follow-up ---------------------------------------------------------------------------


def test_the_follow_up_cites_the_first_message_and_the_referrer() -> None:
    """Mrs. Smith: email on Monday 2026-11-02, via Brad (who allowed his name); by Friday
    2026-11-20 the follow-up is due (since 2026-11-11). 3 words of greeting, then 23 + 7 +
    8 + 12 + 12 + 9 words of sentences and 4 of closing: 78 words."""
    net = network(outreach=(asked("smith", D(2026, 11, 2), via="brad"),))
    text = draft_followup(net, "Mrs. Smith")
    assert text == (
        "Dear Mrs. Smith,\n"
        "\n"
        "My name is Steven Olson and I am following up on my email of November 2 asking for "
        "15 minutes of your time. Brad Johnson suggested I speak with you. I am interested in "
        "accounting at General Mills. I could use some advice from someone who is in this "
        "field. Would you have a little time in the next week or two? It would really help me "
        "in my decision-making process.\n"
        "\n"
        "Thank you,\n"
        "Steven Olson\n"
    )
    assert word_count(text) == 78 <= MAX_REQUEST_WORDS
    assert "job" not in text.casefold()


def test_the_follow_up_to_a_friend_by_linkedin_is_in_the_friends_tone() -> None:
    """Brad, by LinkedIn on 2026-11-09: no referrer, no "my name is", first names."""
    net = network(outreach=(asked("brad", D(2026, 11, 9), "linkedin"),))
    text = draft_followup(net, "brad")
    assert text.startswith(
        "Hi Brad,\n\nI am following up on my LinkedIn message of November 9 asking for 15 "
        "minutes of your time. I am interested in careers at General Mills."
    )
    assert text.endswith("Thank you,\nSteven\n")
    assert word_count(text) < 100


def test_the_follow_up_names_no_referrer_without_leave_and_no_foreign_field() -> None:
    """Jessica: a LinkedIn message on 2026-11-09, no referral; her field is not mine."""
    net = network(outreach=(asked("jess", D(2026, 11, 9), "linkedin"),))
    text = draft_followup(net, "Jessica Tran")
    assert "my LinkedIn message of November 9" in text
    assert "careers at General Mills" in text
    assert "suggested" not in text
    assert "ommunications" not in text


def test_a_second_follow_up_mentions_both_messages_and_another_year() -> None:
    """Dan: 2026-11-02, followed up on 2026-11-12; on 2026-11-20 he has until 2026-11-23.
    Pat: written to on 2025-12-29 (the year is said, it is not this one's)."""
    net = network(outreach=(asked("dan", D(2026, 11, 2)), asked("dan", D(2026, 11, 12), "phone")))
    text = draft_followup(net, "dan")
    assert "my email of November 2 and my follow-up of November 12 asking" in text
    (caution,) = draft_cautions(net, "dan", "followup")
    assert caution.level == "note"
    assert (
        caution.text
        == "you followed up on 2026-11-12 already; Dan Kim has until 2026-11-23 to answer"
    )
    old = network(outreach=(asked("pat", D(2025, 12, 29)),))
    assert "my email of December 29, 2025 asking" in draft_followup(
        old, "pat", today=D(2026, 1, 12)
    )


def test_an_early_follow_up_is_drafted_with_a_note() -> None:
    """Asked on Monday 2026-11-16: on Friday the follow-up is due only on 2026-11-25."""
    net = network(outreach=(asked("ann", D(2026, 11, 16)),))
    assert "my email of November 16" in draft_followup(net, "ann")
    assert [c.text for c in draft_cautions(net, "ann", "followup")] == [
        "it is early: the follow-up to your email of 2026-11-16 is due on 2026-11-25"
    ]


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ((), "Ann Lee has not been asked yet — nothing to follow up; draft the request: "
         "referrals draft request ann"),
        ((asked("ann", D(2026, 11, 9), replied_on=D(2026, 11, 11)),),
         "Ann Lee said yes on 2026-11-11 — nothing to follow up; schedule the meeting: "
         "referrals schedule ann --on YYYY-MM-DD"),
        ((asked("ann", D(2026, 11, 9), replied_on=D(2026, 11, 11), meeting_on=D(2026, 11, 24)),),
         "Ann Lee agreed to meet on 2026-11-24 — nothing to follow up; prepare for it: "
         "referrals prep ann"),
        ((asked("ann", D(2026, 11, 2), replied_on=D(2026, 11, 3), declined=True),),
         "Ann Lee declined on 2026-11-03 — nothing to follow up"),
        ((Interview(id="i-ann", person="ann", on=D(2026, 11, 18)),),
         "you met Ann Lee on 2026-11-18 — nothing to follow up; thank them: "
         "referrals draft thanks ann"),
    ],
)  # fmt: skip
def test_no_follow_up_without_an_unanswered_request(
    events: tuple[Outreach | Interview, ...], message: str
) -> None:
    net = network(
        outreach=tuple(e for e in events if isinstance(e, Outreach)),
        interviews=tuple(e for e in events if isinstance(e, Interview)),
    )
    with pytest.raises(InvalidInputError) as caught:
        draft_followup(net, "ann")
    assert str(caught.value) == message
    with pytest.raises(InvalidInputError):
        draft_cautions(net, "ann", "followup")


def test_the_demo_follow_ups() -> None:
    """Jessica Tran (LinkedIn, 2026-11-09) is due; Maya Lindström said yes on 2026-11-11."""
    net = demo_network()
    text = draft_followup(net, "Jessica Tran")
    assert "my LinkedIn message of November 9" in text
    assert word_count(text) < 100
    with pytest.raises(InvalidInputError, match=r"^Maya Lindström said yes on 2026-11-11 — "):
        draft_followup(net, "Maya Lindström")


def test_long_names_drop_the_organization_or_stop_the_default_follow_up() -> None:
    """Mrs. Smith's follow-up is 78 words; a 40-word organization name would make it
    78 - 2 + 40 = 116, so the organization goes ('the accounting field' is one word shorter
    than 'accounting at General Mills': 77). A 60-word field name cannot go: refused. A user
    template is not counted."""
    early = (asked("smith", D(2026, 11, 2), via="brad"),)
    text = draft_followup(network(outreach=early, org_name=" ".join(["Mills"] * 40)), "smith")
    assert "I am interested in the accounting field." in text
    assert word_count(text) == 77
    long_field = network(outreach=early, field_name=" ".join(["Audit"] * 60))
    with pytest.raises(InvalidInputError, match="the follow-up would run to"):
        draft_followup(long_field, "smith")
    template = "".join(f"${p} " for p in FOLLOWUP_PLACEHOLDERS)
    assert word_count(draft_followup(long_field, "smith", template=template)) > 100


# --- refusals and cautions -------------------------------------------------------------------


def test_nobody_marked_do_not_contact_gets_a_draft() -> None:
    net = network(interviews=(Interview(id="i-gary", person="gary", on=D(2026, 11, 18)),))
    for draft in (draft_request, draft_followup, draft_thanks):
        with pytest.raises(InvalidInputError, match=r"^Gary Fenwick is marked do not contact; "):
            draft(net, "gary")
    for kind in ("request", "followup", "thanks"):
        with pytest.raises(InvalidInputError, match="--may-contact"):
            draft_cautions(net, "Gary Fenwick", kind)


def test_someone_who_declined_gets_a_draft_and_a_warning() -> None:
    net = network(
        outreach=(asked("ann", D(2026, 11, 2), replied_on=D(2026, 11, 3), declined=True),)
    )
    assert draft_request(net, "ann").startswith("Dear Ann Lee,")
    (caution,) = draft_cautions(net, "ann", "request")
    assert (caution.level, caution.text) == (
        "warning",
        "Ann Lee declined on 2026-11-03; ask again only if something has changed",
    )


def test_a_request_to_someone_asked_or_met_points_to_the_better_draft() -> None:
    net = network(
        outreach=(asked("jess", D(2026, 11, 9), "linkedin"),),
        interviews=(Interview(id="i-brad", person="brad", on=D(2026, 11, 18)),),
    )
    (asked_note,) = draft_cautions(net, "jess", "request")
    assert asked_note.level == "note"
    assert asked_note.text.endswith("to follow up instead: referrals draft followup jess")
    assert "by LinkedIn message on 2026-11-09" in asked_note.text
    (met_note,) = draft_cautions(net, "brad", "request")
    assert (
        met_note.text
        == "you met Brad Johnson on 2026-11-18; to thank them: referrals draft thanks brad"
    )
    assert draft_cautions(net, "ann", "request") == ()


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def story(runner: CliRunner, tmp_path: Path) -> Path:
    """The library's scenario, typed in: targets accounting and General Mills; Brad a
    friend; Mrs. Smith referred by Brad (may use his name) and emailed on 2026-11-02;
    Jessica (communications at General Mills) messaged on LinkedIn on 2026-11-09; Pat
    (communications at Acme Media) never asked; Kenji asked on 2026-11-02, declined the
    next day; Gary marked do not contact."""
    db = tmp_path / "story.db"
    for command in (
        ["init", "--name", "Steven Olson"],
        ["target", "add", "field", "Accounting", "--priority", "1"],
        ["target", "add", "org", "General Mills", "--priority", "1"],
        ["person", "add", "Brad Johnson", "--org", "General Mills", "--field", "Finance",
         "--how", "friend"],
        ["refer", "Brad Johnson", "Mrs. Smith", "--for", "Accounting", "--may-use-name",
         "--on", "2026-10-30"],
        ["person", "edit", "Mrs. Smith", "--org", "General Mills", "--field", "Accounting"],
        ["person", "add", "Jessica Tran", "--org", "General Mills", "--field", "Communications",
         "--how", "cold"],
        ["person", "add", "Pat Quinn", "--org", "Acme Media", "--field", "Communications"],
        ["person", "add", "Kenji Watanabe", "--field", "Accounting"],
        ["person", "add", "Gary Fenwick", "--field", "Accounting", "--do-not-contact"],
        ["outreach", "Mrs. Smith", "--via", "Brad Johnson", "--on", "2026-11-02"],
        ["outreach", "Jessica Tran", "--on", "2026-11-09", "--channel", "linkedin"],
        ["outreach", "Kenji Watanabe", "--on", "2026-11-02"],
        ["reply", "Kenji Watanabe", "--on", "2026-11-03", "--declined"],
    ):  # fmt: skip
        ok_with_stderr(runner, db, *command)
    return db


def test_cli_drafts_speak_of_my_goal_in_my_tone(runner: CliRunner, story: Path) -> None:
    out, err = ok_with_stderr(
        runner, story, "draft", "request", "Brad Johnson", "--today", "2026-11-20"
    )
    assert out.startswith("Hi Brad,\n\nI am interested in careers at General Mills.")
    assert out.endswith("Thank you,\nSteven\n")
    assert err == f"note: {word_count(out)} words\n"
    out, _ = ok_with_stderr(runner, story, "draft", "request", "Pat Quinn")
    assert "I am interested in the work you do at Acme Media." in out
    assert "ommunications" not in out
    out, _ = ok_with_stderr(
        runner, story, "draft", "request", "Jessica Tran", "--today", "2026-11-20"
    )
    assert "careers at General Mills" in out
    assert "ommunications" not in out


def test_cli_request_to_someone_asked_points_to_the_follow_up(
    runner: CliRunner, story: Path
) -> None:
    out, err = ok_with_stderr(
        runner, story, "draft", "request", "Mrs. Smith", "--today", "2026-11-20"
    )
    assert out.startswith("Dear Mrs. Smith,\n\nBrad Johnson suggested I speak with you.")
    assert (
        "note: you asked Mrs. Smith by email on 2026-11-02 and have no reply yet; to follow up "
        "instead: referrals draft followup mrs-smith\n"
    ) in err


def test_cli_follow_up(runner: CliRunner, story: Path) -> None:
    out, err = ok_with_stderr(
        runner, story, "draft", "followup", "Mrs. Smith", "--today", "2026-11-20"
    )
    assert "following up on my email of November 2 asking for 15 minutes" in out
    assert "Brad Johnson suggested I speak with you." in out
    assert word_count(out) < 100
    assert "job" not in out.casefold()
    assert err == f"note: {word_count(out)} words\n"
    out, _ = ok_with_stderr(
        runner, story, "draft", "followup", "Jessica Tran", "--today", "2026-11-20"
    )
    assert "my LinkedIn message of November 9" in out
    assert "ommunications" not in out
    with open_store(story) as store:
        before = store.count("outreach")
    ok_with_stderr(runner, story, "reply", "Jessica Tran", "--on", "2026-11-19")
    code, out, err = run(
        runner, story, "draft", "followup", "Jessica Tran", "--today", "2026-11-20"
    )
    assert code == 1
    assert out == ""
    assert err == (
        "error: Jessica Tran said yes on 2026-11-19 — nothing to follow up; schedule the "
        "meeting: referrals schedule jessica-tran --on YYYY-MM-DD\n"
    )
    with open_store(story) as store:
        assert store.count("outreach") == before  # drafting records nothing


@pytest.mark.parametrize("kind", ["request", "followup", "thanks"])
def test_cli_refuses_do_not_contact(runner: CliRunner, story: Path, kind: str) -> None:
    code, out, err = run(runner, story, "draft", kind, "Gary Fenwick")
    assert code != 0
    assert out == ""
    assert err.startswith("error: Gary Fenwick is marked do not contact; ")


def test_cli_warns_about_a_decline(runner: CliRunner, story: Path) -> None:
    out, err = ok_with_stderr(
        runner, story, "draft", "request", "Kenji Watanabe", "--today", "2026-11-20"
    )
    assert out.startswith("Dear Kenji Watanabe,\n")
    assert err.startswith(
        "warning: Kenji Watanabe declined on 2026-11-03; ask again only if something has changed\n"
    )
    code, out, err = run(runner, story, "draft", "followup", "Kenji Watanabe")
    assert (code, out) == (1, "")
    assert "Kenji Watanabe declined on 2026-11-03 — nothing to follow up" in err


def test_cli_request_to_someone_met_points_to_the_thank_you(runner: CliRunner, story: Path) -> None:
    ok_with_stderr(runner, story, "interview", "log", "Brad Johnson", "--on", "2026-11-18")
    _, err = ok_with_stderr(
        runner, story, "draft", "request", "Brad Johnson", "--today", "2026-11-20"
    )
    assert (
        "note: you met Brad Johnson on 2026-11-18; to thank them: referrals draft thanks "
        "brad-johnson\n"
    ) in err
    out, _ = ok_with_stderr(runner, story, "draft", "thanks", "Brad Johnson")
    assert out.startswith(
        "Dear Brad,\n\nThank you for taking the time to speak with me on November 18."
    )
    assert out.endswith("With thanks,\nSteven\n")


def test_cli_drafts_on_the_demo(runner: CliRunner, tmp_path: Path) -> None:
    nowhere = tmp_path / "absent.db"
    out, err = ok_with_stderr(runner, nowhere, "draft", "followup", "Jessica Tran", "--demo")
    assert out.startswith("Dear Jessica Tran,\n\nMy name is Steven Olson and I am following up")
    assert "my LinkedIn message of November 9" in out
    out, _ = ok_with_stderr(runner, nowhere, "draft", "thanks", "Marcus Bell", "--demo")
    assert out.startswith("Dear Marcus,\n")
    code, out, err = run(runner, nowhere, "draft", "followup", "Maya Lindström", "--demo")
    assert (code, out) == (1, "")
    assert "schedule the meeting: referrals schedule maya-lindstrom" in err
    assert not nowhere.exists()
