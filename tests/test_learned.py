"""``learned``: the answers per question in a field or at an organization, worked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from infoview_graph.algorithms._learned import Learned, learned
from infoview_graph.demo import demo_network
from infoview_graph.errors import NotFoundError
from infoview_graph.models import (
    CareerField,
    Interview,
    NetworkData,
    Organization,
    Person,
    Question,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.questions import builtin_questions

D = dt.date


@pytest.fixture
def network() -> ReferralNetwork:
    """Ann (accounting, GM), Bob (accounting and tax, North Star), Cat (tax, GM), Dan
    (accounting, GM, never interviewed). Bob was interviewed first (March 2), then Cat
    (March 5), then Ann (March 10). Bob answered my own question ``worth-it`` and one under
    an id the bank no longer has (``retired``)."""
    return ReferralNetwork(
        NetworkData(
            fields=(CareerField(id="acc", name="Accounting"), CareerField(id="tax", name="Tax")),
            organizations=(
                Organization(id="gm", name="General Mills"),
                Organization(id="ns", name="North Star"),
            ),
            persons=(
                Person(id="me", name="Steven Olson", is_self=True),
                Person(id="ann", name="Ann Lee", fields=("acc",), organization="gm"),
                Person(id="bob", name="Bob Stone", fields=("acc", "tax"), organization="ns"),
                Person(id="cat", name="Cat Wu", fields=("tax",), organization="gm"),
                Person(id="dan", name="Dan Roe", fields=("acc",), organization="gm"),
            ),
            interviews=(
                Interview(
                    id="i-ann",
                    person="ann",
                    on=D(2026, 3, 10),
                    answers={"day-in-the-life": "Audits", "culture": "Formal"},
                    advice=("Take the CPA exam",),
                    leads=("Intern role in May",),
                ),
                Interview(
                    id="i-bob",
                    person="bob",
                    on=D(2026, 3, 2),
                    answers={
                        "day-in-the-life": "Closing the books",
                        "worth-it": "Yes",
                        "retired": "Old answer",
                    },
                ),
                Interview(
                    id="i-cat", person="cat", on=D(2026, 3, 5), answers={"prospects": "Good"}
                ),
            ),
            questions=(Question(id="worth-it", text="Is it worth it?"),),
        )
    )


def answered(found: Learned) -> dict[str, list[str]]:
    return {item.question_id: [a.person_id for a in item.answers] for item in found.answered}


def test_a_field_side_by_side_in_bank_order(network: ReferralNetwork) -> None:
    """Accounting: Bob and Ann were interviewed (Dan was not; Cat is in tax only).
    day-in-the-life has two answers, Bob's first (March 2 before March 10); then culture
    (Ann); then my own question (after the built-ins); then the retired id, last and marked
    as no longer in the bank. prospects was answered only by Cat, so it is still open here."""
    before = network.to_data()
    found = learned(network, "Accounting")
    assert (found.field, found.field_name, found.organization) == ("acc", "Accounting", None)
    assert found.interviews == ("i-bob", "i-ann")
    assert answered(found) == {
        "day-in-the-life": ["bob", "ann"],
        "culture": ["ann"],
        "worth-it": ["bob"],
        "retired": ["bob"],
    }
    assert [item.in_bank for item in found.answered] == [True, True, True, False]
    first = found.answers_to("day-in-the-life")[0]
    assert (first.name, first.organization_name, first.on, first.text) == (
        "Bob Stone",
        "North Star",
        D(2026, 3, 2),
        "Closing the books",
    )
    open_ids = [q.id for q in found.unanswered]
    assert "prospects" in open_ids
    assert open_ids == [
        q.id for q in builtin_questions() if q.id not in {"day-in-the-life", "culture"}
    ]
    assert [(s.name, s.text) for s in found.advice] == [("Ann Lee", "Take the CPA exam")]
    assert [s.text for s in found.leads] == ["Intern role in May"]
    assert network.to_data() == before


def test_an_organization_and_a_field_at_an_organization(network: ReferralNetwork) -> None:
    """At GM: Ann and Cat (Cat first, March 5). Accounting at GM: Ann only."""
    at_gm = learned(network, organization="General Mills")
    assert (at_gm.field, at_gm.organization, at_gm.organization_name) == (
        None,
        "gm",
        "General Mills",
    )
    assert at_gm.interviews == ("i-cat", "i-ann")
    assert answered(at_gm) == {
        "day-in-the-life": ["ann"],
        "culture": ["ann"],
        "prospects": ["cat"],
    }
    both = learned(network, "acc", organization="gm")
    assert both.interviews == ("i-ann",)
    assert answered(both) == {"day-in-the-life": ["ann"], "culture": ["ann"]}


def test_no_filter_means_every_interview(network: ReferralNetwork) -> None:
    assert learned(network).interviews == ("i-bob", "i-cat", "i-ann")


def test_a_field_with_no_interviews_leaves_every_question_open() -> None:
    net = ReferralNetwork(
        NetworkData(
            fields=(CareerField(id="acc", name="Accounting"),),
            persons=(Person(id="me", name="Me", is_self=True),),
        )
    )
    found = learned(net, "acc")
    assert found.interviews == ()
    assert found.answered == ()
    assert found.unanswered == builtin_questions()


def test_unknown_field_or_organization(network: ReferralNetwork) -> None:
    with pytest.raises(NotFoundError, match="Astrology"):
        learned(network, "Astrology")
    with pytest.raises(NotFoundError, match="Nowhere Inc"):
        learned(network, organization="Nowhere Inc")


def test_the_demo_accounting_field() -> None:
    """In the demo, the people in accounting who were interviewed are Rachel Goldberg
    (Sept 24), Omar Haddad (Oct 6) and Marcus Bell (Nov 19). Together they answered 13 of
    the 17 source questions; advancement, job-description, culture and competitors are open,
    as are the six questions the bank adds."""
    found = learned(demo_network(), "accounting")
    assert found.interviews == (
        "interview-rachel-goldberg-1",
        "interview-omar-haddad-1",
        "interview-marcus-bell-1",
    )
    assert [a.name for a in found.answers_to("stay-current")] == ["Omar Haddad", "Marcus Bell"]
    assert [q.id for q in found.unanswered] == [
        "advancement",
        "job-description",
        "culture",
        "competitors",
        "responsibilities",
        "trends",
        "surprises",
        "projects",
        "prepare-now",
        "resources",
    ]
    assert len(found.answered) == 13
    assert len(found.advice) == 2 + 1 + 3
