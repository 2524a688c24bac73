"""Message drafts: the request (with and without leave to use the name) and the thank-you."""

from __future__ import annotations

import datetime as dt

import pytest

from infoview_graph.algorithms._drafts import (
    REQUEST_PLACEHOLDERS,
    draft_request,
    draft_thanks,
    word_count,
)
from infoview_graph.demo import demo_network
from infoview_graph.errors import InvalidInputError, NotFoundError
from infoview_graph.models import (
    CareerField,
    Interview,
    NetworkData,
    Organization,
    Person,
    Referral,
    Target,
    Tie,
)
from infoview_graph.network import ReferralNetwork

D = dt.date


def network(*, field_name: str = "Accounting", org_name: str = "General Mills") -> ReferralNetwork:
    """Brad (my friend) referred me to Mrs. Smith and said I may use his name; Omar referred
    me to Lucy Gray but did not. Mrs. Smith's interview gave two advice items and two names,
    and she looked over my résumé. Accounting is my target field; none of these people is
    someone I know well (Omar is an acquaintance, strength 1, how unknown)."""
    return ReferralNetwork(
        NetworkData(
            fields=(CareerField(id="acc", name=field_name),),
            organizations=(Organization(id="gm", name=org_name),),
            persons=(
                Person(id="me", name="Steven Olson", is_self=True),
                Person(id="brad", name="Brad Johnson"),
                Person(id="omar", name="Omar Haddad"),
                Person(id="smith", name="Mrs. Smith", fields=("acc",), organization="gm"),
                Person(id="lucy", name="Lucy Gray", fields=("acc",), organization="gm"),
                Person(id="tom", name="Tom Reyes"),
                Person(id="una", name="Una Berg"),
            ),
            ties=(Tie(a="me", b="brad", strength=4), Tie(a="me", b="omar", strength=1)),
            targets=(Target(kind="field", id="acc", priority=1),),
            referrals=(
                Referral(
                    referrer="brad",
                    referee="smith",
                    on=D(2026, 11, 17),
                    for_field="acc",
                    for_org="gm",
                    may_use_name=True,
                ),
                Referral(referrer="omar", referee="lucy", on=D(2026, 11, 2)),
            ),
            interviews=(
                Interview(
                    id="i-smith",
                    person="smith",
                    on=D(2026, 11, 20),
                    advice=("Take the FAR section first.", "Join the\nstudent chapter."),
                    referrals=("tom", "una"),
                    resume_critiqued=True,
                ),
            ),
        )
    )


def test_the_request_names_the_referrer_who_allowed_it() -> None:
    """The source's script, to the letter where it can be: 71 words (3 + 7 + 14 + 12 + 13 +
    9 + 9 for the salutation and the six sentences, 2 + 2 for the closing)."""
    text = draft_request(network(), "Mrs. Smith")
    assert text == (
        "Dear Mrs. Smith,\n"
        "\n"
        "Brad Johnson suggested I speak with you. My name is Steven Olson and I am interested "
        "in accounting at General Mills. I could use some advice from someone who is in this "
        "field. Do you have any time this week when I could meet with you? I only need about "
        "15 minutes of your time. It would really help me in my decision-making process.\n"
        "\n"
        "Thank you,\n"
        "Steven Olson\n"
    )
    assert word_count(text) == 71
    assert "job" not in text.casefold()


def test_the_request_keeps_quiet_about_a_referrer_who_did_not_allow_it() -> None:
    """Omar did not say I may use his name: no introduction sentence, so 71 - 7 = 64 words
    (the salutation 'Dear Lucy Gray,' has as many words as 'Dear Mrs. Smith,')."""
    text = draft_request(network(), "lucy")
    assert text == (
        "Dear Lucy Gray,\n"
        "\n"
        "My name is Steven Olson and I am interested in accounting at General Mills. I could "
        "use some advice from someone who is in this field. Do you have any time this week "
        "when I could meet with you? I only need about 15 minutes of your time. It would "
        "really help me in my decision-making process.\n"
        "\n"
        "Thank you,\n"
        "Steven Olson\n"
    )
    assert word_count(text) == 64
    assert "Omar" not in text
    assert "job" not in text.casefold()


def test_every_demo_request_is_short_and_never_asks_for_a_job() -> None:
    """Everyone but me and Gary Fenwick, who is marked do not contact (refused)."""
    net = demo_network()
    for person in net.persons():
        if person.is_self:
            continue
        if person.do_not_contact:
            with pytest.raises(InvalidInputError, match="do not contact"):
                draft_request(net, person.id)
            continue
        text = draft_request(net, person.id)
        assert word_count(text) < 100, person.id
        assert "job" not in text.casefold(), person.id


def test_long_names_drop_the_organization_or_stop_the_default_request() -> None:
    """A 40-word organization name would make 71 - 2 + 40 = 109 words, so the organization
    is dropped: 'the accounting field' is 3 words where 'accounting at General Mills' was 4,
    so 71 - 1 = 70 words. A 60-word field name cannot be dropped: the request is refused."""
    long_org = " ".join(["Mills"] * 40)
    text = draft_request(network(org_name=long_org), "smith")
    assert "interested in the accounting field." in text
    assert word_count(text) == 70
    with pytest.raises(InvalidInputError, match="words"):
        draft_request(network(field_name=" ".join(["Audit"] * 60)), "smith")


def test_the_thank_you_cites_the_advice_and_the_names() -> None:
    text = draft_thanks(network(), "Mrs. Smith")
    assert text == (
        "Dear Mrs. Smith,\n"
        "\n"
        "Thank you for taking the time to speak with me on November 20. You were generous "
        "with your time, and your advice on accounting was a great help. Thank you as well "
        "for looking over my résumé.\n"
        "\n"
        "I am following up on your advice:\n"
        "- Take the FAR section first.\n"
        "- Join the student chapter.\n"
        "\n"
        "Thank you also for suggesting I speak with Tom Reyes and Una Berg. I will get in "
        "touch soon.\n"
        "\n"
        "I will let you know how things turn out.\n"
        "\n"
        "With thanks,\n"
        "Steven Olson\n"
    )


def test_the_demo_thank_you_to_marcus_bell() -> None:
    text = draft_thanks(demo_network(), "Marcus Bell")
    for advice in (
        "- Learn the basics of non-profit fund accounting (restricted and unrestricted funds).",
        "- Take the FAR section of the CPA exam first.",
        "- Cut the objective statement from the résumé.",
    ):
        assert advice in text
    assert "suggesting I speak with Elena Petrova." in text
    assert "looking over my résumé" in text


def test_a_thank_you_needs_an_interview() -> None:
    with pytest.raises(NotFoundError, match="referrals interview log lucy"):
        draft_thanks(network(), "Lucy Gray")
    with pytest.raises(InvalidInputError, match="that is you"):
        draft_thanks(network(), "me")


def test_a_user_template_replaces_the_default_and_its_length_is_the_users() -> None:
    template = "Hi $name! ${referrer} sent me. I pay $$5 for coffee.\n" + "More words. " * 60
    text = draft_request(network(), "smith", template=template)
    assert text.startswith("Hi Mrs. Smith! Brad Johnson sent me. I pay $5 for coffee.")
    assert word_count(text) > 100
    thanks = draft_thanks(network(), "smith", template="Thanks, $name.\n\n\n\n$names\n")
    assert thanks == "Thanks, Mrs. Smith.\n\nTom Reyes and Una Berg\n"


def test_a_template_with_an_unknown_placeholder_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        draft_request(network(), "smith", template="Dear $salutation, about the $salary")
    message = str(caught.value)
    assert "unknown placeholder $salary" in message
    assert all(f"${p}" in message for p in REQUEST_PLACEHOLDERS)
    with pytest.raises(InvalidInputError, match=r"write \$\$ for a dollar sign"):
        draft_thanks(network(), "smith", template="It costs $5")
    with pytest.raises(InvalidInputError, match=r"unknown placeholder \$interest"):
        draft_thanks(network(), "smith", template="$interest")
