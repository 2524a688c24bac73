"""The :class:`ReferralNetwork`: building, accessors, removal, and its NetworkX graph."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from strategies import networks

from infoview_graph.errors import (
    AmbiguousNameError,
    DuplicateError,
    InvalidInputError,
    NotFoundError,
)
from infoview_graph.graph import to_networkx
from infoview_graph.models import (
    CareerField,
    FollowUp,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Position,
    Question,
    Referral,
    Target,
    Tie,
)
from infoview_graph.network import ReferralNetwork, field_node, name_key, org_node

DAY = dt.date(2026, 10, 1)


def _data() -> NetworkData:
    """Steven's search, drawn by hand.

    ::

        fields:  accounting ── related ──> finance
                 nonprofit-management ── related ──> accounting
        orgs:    general-mills (accounting), red-cross (non-profit; nonprofit-management)

        steven (me) ──4── brad ──2── smith          brad  works at general-mills, accounting
           │  └──3── ann-1                          smith works at general-mills,
           └──1── zoe                                     accounting + finance
                                                    zoe   works at red-cross,
        referrals: brad → smith, zoe → smith,             nonprofit-management
                   smith → ann-2                    ann-1, ann-2 are both "Ann Lee"

        outreach:   o-1 to smith via brad, o-2 to ann-2 via smith
        interviews: i-1 with brad, who named smith
        follow-ups: f-1 about smith, f-2 about nobody
        targets:    field accounting (1), org general-mills (2)
    """
    return NetworkData(
        fields=(
            CareerField(id="accounting", name="Accounting", related=("finance",)),
            CareerField(id="finance", name="Finance"),
            CareerField(
                id="nonprofit-management", name="Non-profit management", related=("accounting",)
            ),
        ),
        organizations=(
            Organization(id="general-mills", name="General Mills", fields=("accounting",)),
            Organization(
                id="red-cross",
                name="Red Cross",
                kind="non-profit",
                fields=("nonprofit-management",),
            ),
        ),
        persons=(
            Person(id="steven", name="Steven Olson", is_self=True, how="self"),
            Person(
                id="brad",
                name="Brad Johnson",
                organization="general-mills",
                fields=("accounting",),
                how="friend",
            ),
            Person(
                id="smith",
                name="Mrs. Smith",
                organization="general-mills",
                title="Controller",
                fields=("accounting", "finance"),
                past_positions=(Position(organization="red-cross"),),
            ),
            Person(id="ann-1", name="Ann Lee"),
            Person(id="ann-2", name="Ann Lee"),
            Person(
                id="zoe",
                name="Zoë O'Brien",
                organization="red-cross",
                fields=("nonprofit-management",),
            ),
        ),
        ties=(
            Tie(a="steven", b="brad", strength=4, context="college"),
            Tie(a="smith", b="brad", strength=2),
            Tie(a="steven", b="zoe", strength=1),
            Tie(a="steven", b="ann-1", strength=3),
        ),
        referrals=(
            Referral(referrer="brad", referee="smith", on=DAY, may_use_name=True),
            Referral(referrer="zoe", referee="smith", on=DAY, status="contacted"),
            Referral(referrer="smith", referee="ann-2", on=DAY + dt.timedelta(7)),
        ),
        outreach=(
            Outreach(id="o-1", person="smith", on=DAY, via="brad", channel="phone"),
            Outreach(id="o-2", person="ann-2", on=DAY, via="smith"),
        ),
        interviews=(
            Interview(id="i-1", person="brad", on=DAY, referrals=("smith",), friendliness=5),
        ),
        followups=(
            FollowUp(id="f-1", kind="tell-referrer", person="smith", due=DAY),
            FollowUp(id="f-2", due=DAY),
        ),
        targets=(
            Target(kind="org", id="general-mills", priority=2),
            Target(kind="field", id="accounting", priority=1),
        ),
        questions=(Question(id="day-in-the-life", text="What is a typical day like?"),),
        as_of=DAY,
    )


@pytest.fixture
def net() -> ReferralNetwork:
    return ReferralNetwork(_data())


def _ids(records: Any) -> list[str]:
    return [r.id for r in records]


# --- accessors ------------------------------------------------------------------------------


def test_me_and_person(net: ReferralNetwork) -> None:
    assert net.me.id == "steven"
    assert net.person("smith").title == "Controller"
    assert len(net) == 6
    assert "zoe" in net
    assert "nobody" not in net
    assert sorted(_ids(net.persons())) == ["ann-1", "ann-2", "brad", "smith", "steven", "zoe"]
    assert net.as_of == DAY


def test_me_of_a_network_without_self_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="no 'me' yet"):
        _ = ReferralNetwork().me
    with pytest.raises(NotFoundError):
        _ = ReferralNetwork(NetworkData(persons=(Person(id="ann", name="Ann"),))).me


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("me", "steven"),
        ("steven", "steven"),
        ("smith", "smith"),
        ("ann-2", "ann-2"),
        ("Mrs. Smith", "smith"),
        ("mrs smith", "smith"),
        ("  MRS.   SMITH ", "smith"),
        ("Mrs Smith!", "smith"),
        ("brad johnson", "brad"),
        ("ZOË O'BRIEN", "zoe"),
        ("zoë o brien", "zoe"),
        ("Zoë O’Brien", "zoe"),
    ],
)
def test_find_person(net: ReferralNetwork, query: str, expected: str) -> None:
    """Ids first, then names compared without case, punctuation and repeated spaces:
    "Zoë O'Brien" → "zoë o brien" (the apostrophe becomes a space)."""
    assert net.find_person(query).id == expected


def test_find_person_prefers_an_id_to_a_name() -> None:
    """Person "brad" is named "Smith" and person "smith" is named "Brad": ids win."""
    net = ReferralNetwork(
        NetworkData(persons=(Person(id="brad", name="Smith"), Person(id="smith", name="Brad")))
    )
    assert net.find_person("brad").id == "brad"
    assert net.find_person("Brad").id == "smith"


def test_find_person_with_an_ambiguous_name_lists_the_ids(net: ReferralNetwork) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        net.find_person("ann lee")
    assert caught.value.candidates == ("ann-1", "ann-2")
    assert "ann-1, ann-2" in str(caught.value)
    assert isinstance(caught.value, LookupError)


@pytest.mark.parametrize("query", ["nobody", "Bradd Johnsonn", "brad-johnson-x", "Zed"])
def test_find_person_unknown_is_not_found(net: ReferralNetwork, query: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        net.find_person(query)
    assert isinstance(caught.value, LookupError)
    assert not isinstance(caught.value, KeyError)


@pytest.mark.parametrize(
    ("method", "argument", "what"),
    [
        ("person", "nobody", "person"),
        ("organization", "acme", "organization"),
        ("field", "law", "career field"),
        ("ties_of", "nobody", "person"),
        ("referrals_from", "nobody", "person"),
        ("referrals_to", "nobody", "person"),
        ("outreach_to", "nobody", "person"),
        ("interviews_with", "nobody", "person"),
        ("members", "acme", "organization"),
        ("in_field", "law", "career field"),
        ("related_fields", "law", "career field"),
    ],
)
def test_unknown_ids_raise_not_found_never_a_bare_key_error(
    net: ReferralNetwork, method: str, argument: str, what: str
) -> None:
    with pytest.raises(NotFoundError, match=f"no {what} has the id '{argument}'") as caught:
        getattr(net, method)(argument)
    assert isinstance(caught.value, LookupError)
    assert not isinstance(caught.value, KeyError)
    assert caught.value.__cause__ is None


def test_tie_with_an_unknown_person_is_not_found(net: ReferralNetwork) -> None:
    with pytest.raises(NotFoundError):
        net.tie("steven", "nobody")


def test_ties(net: ReferralNetwork) -> None:
    """Steven knows brad (4), zoe (1) and ann-1 (3); smith knows only brad (2); ann-2 nobody.
    The tie given as (smith, brad) is stored as (brad, smith)."""
    mine = net.ties_of("steven")
    assert {k: t.strength for k, t in mine.items()} == {"brad": 4, "zoe": 1, "ann-1": 3}
    assert {k: t.strength for k, t in net.ties_of("smith").items()} == {"brad": 2}
    assert net.ties_of("ann-2") == {}
    assert (
        net.tie("brad", "smith") == net.tie("smith", "brad") == Tie(a="brad", b="smith", strength=2)
    )
    assert net.tie("smith", "zoe") is None
    assert net.tie("steven", "brad").context == "college"
    assert sorted((t.a, t.b) for t in net.ties()) == [
        ("ann-1", "steven"),
        ("brad", "smith"),
        ("brad", "steven"),
        ("steven", "zoe"),
    ]


def test_ties_of_returns_a_copy(net: ReferralNetwork) -> None:
    net.ties_of("steven").clear()
    assert len(net.ties_of("steven")) == 3


def test_referrals_from_and_to(net: ReferralNetwork) -> None:
    """smith was referred by brad and zoe (sorted by referrer) and referred ann-2."""
    assert [r.referrer for r in net.referrals_to("smith")] == ["brad", "zoe"]
    assert [r.referee for r in net.referrals_from("smith")] == ["ann-2"]
    assert [r.referee for r in net.referrals_from("brad")] == ["smith"]
    assert net.referrals_from("steven") == ()
    assert net.referrals_to("brad") == ()
    assert net.referrals_from("brad")[0].may_use_name is True
    assert len(list(net.referrals())) == 3


def test_related_fields_are_symmetric(net: ReferralNetwork) -> None:
    """accounting lists finance, nonprofit-management lists accounting: so accounting is
    related to both, and each of the other two to accounting only."""
    assert net.related_fields("accounting") == ("finance", "nonprofit-management")
    assert net.related_fields("finance") == ("accounting",)
    assert net.related_fields("nonprofit-management") == ("accounting",)
    for field in net.fields():
        for other in net.related_fields(field.id):
            assert field.id in net.related_fields(other)


def test_members_and_in_field(net: ReferralNetwork) -> None:
    """Current organizations only (smith's past position at red-cross does not count);
    persons' fields only (general-mills being in accounting adds nobody)."""
    assert _ids(net.members("general-mills")) == ["brad", "smith"]
    assert _ids(net.members("red-cross")) == ["zoe"]
    assert _ids(net.in_field("accounting")) == ["brad", "smith"]
    assert _ids(net.in_field("finance")) == ["smith"]
    assert _ids(net.in_field("nonprofit-management")) == ["zoe"]


def test_events_targets_and_questions(net: ReferralNetwork) -> None:
    assert _ids(net.outreach_to("smith")) == ["o-1"]
    assert _ids(net.interviews_with("brad")) == ["i-1"]
    assert net.interviews_with("smith") == ()
    assert sorted(_ids(net.followups())) == ["f-1", "f-2"]
    assert [(t.kind, t.id) for t in net.targets()] == [
        ("field", "accounting"),
        ("org", "general-mills"),
    ]
    assert _ids(net.questions()) == ["day-in-the-life"]
    assert sorted(_ids(net.organizations())) == ["general-mills", "red-cross"]


def test_name_key() -> None:
    assert name_key("  Mrs.  SMITH ") == "mrs smith"
    assert name_key("Zoë O’Brien (CPA)") == "zoë o brien cpa"
    assert name_key("Ann-Marie") == "ann-marie"


# --- changes --------------------------------------------------------------------------------


def test_remove_person_removes_every_trace(net: ReferralNetwork) -> None:
    """Forgetting smith removes the tie brad–smith, the three referrals that name smith,
    o-1 (to smith) and f-1 (about smith); o-2 keeps the attempt but loses 'via smith';
    i-1 with brad stays but no longer lists smith among its referrals."""
    net.remove_person("smith")
    assert "smith" not in net
    with pytest.raises(NotFoundError):
        net.person("smith")
    with pytest.raises(NotFoundError):
        net.find_person("Mrs. Smith")
    assert set(net.ties_of("brad")) == {"steven"}
    assert net.referrals_from("brad") == ()
    assert net.referrals_from("zoe") == ()
    assert net.referrals_to("ann-2") == ()
    assert list(net.referrals()) == []
    assert [(o.id, o.via) for o in net.outreach()] == [("o-2", None)]
    assert [(i.id, i.referrals) for i in net.interviews()] == [("i-1", ())]
    assert _ids(net.followups()) == ["f-2"]
    assert _ids(net.members("general-mills")) == ["brad"]
    assert "smith" not in to_networkx(net)
    data = net.to_data()
    assert "smith" not in {p.id for p in data.persons}
    assert all("smith" not in (t.a, t.b) for t in data.ties)


def test_remove_person_unknown_or_me(net: ReferralNetwork) -> None:
    with pytest.raises(NotFoundError):
        net.remove_person("nobody")
    with pytest.raises(InvalidInputError, match="'me' cannot be forgotten"):
        net.remove_person("steven")
    assert len(net) == 6


def test_a_name_is_free_again_after_its_only_holder_is_removed(net: ReferralNetwork) -> None:
    net.remove_person("ann-1")
    assert net.find_person("Ann Lee").id == "ann-2"


def test_replace_person_renames(net: ReferralNetwork) -> None:
    net.replace_person(Person(id="ann-2", name="Ann Lee-Park"))
    assert net.find_person("Ann Lee").id == "ann-1"
    assert net.find_person("ann lee-park").id == "ann-2"
    assert to_networkx(net).nodes["ann-2"]["name"] == "Ann Lee-Park"


def test_replace_person_cannot_change_is_self(net: ReferralNetwork) -> None:
    with pytest.raises(InvalidInputError, match="'is_self' cannot change"):
        net.replace_person(Person(id="brad", name="Brad", is_self=True))
    with pytest.raises(NotFoundError):
        net.replace_person(Person(id="nobody", name="Nobody"))


def test_add_tie_replaces_the_tie_between_the_same_two_persons(net: ReferralNetwork) -> None:
    net.add_tie(Tie(a="brad", b="steven", strength=5))
    assert net.tie("steven", "brad").strength == 5
    assert net.tie("steven", "brad").context is None
    assert len(list(net.ties())) == 4


# --- integrity on the way in ----------------------------------------------------------------


ME = Person(id="me", name="Me", is_self=True)
ANN = Person(id="ann", name="Ann")


@pytest.mark.parametrize(
    "data",
    [
        NetworkData(persons=(ME, ANN, Person(id="ann", name="Another Ann"))),
        NetworkData(
            persons=(ME,),
            organizations=(Organization(id="o", name="O"), Organization(id="o", name="P")),
        ),
        NetworkData(persons=(ME,), fields=(CareerField(id="f", name="F"),) * 2),
        NetworkData(persons=(ME, Person(id="me-too", name="Me too", is_self=True))),
        NetworkData(persons=(ME, ME)),
    ],
    ids=["person", "organization", "field", "second-self", "self-twice"],
)
def test_duplicate_ids_and_a_second_self_are_refused(data: NetworkData) -> None:
    with pytest.raises(DuplicateError):
        ReferralNetwork(data)


def test_adding_a_duplicate_or_a_second_self_is_refused_and_changes_nothing(
    net: ReferralNetwork,
) -> None:
    before = net.to_data()
    with pytest.raises(DuplicateError):
        net.add_person(Person(id="brad", name="Another Brad"))
    with pytest.raises(DuplicateError):
        net.add_person(Person(id="me-2", name="Steven Olson", is_self=True))
    with pytest.raises(DuplicateError):
        net.add_organization(Organization(id="red-cross", name="Red Cross"))
    with pytest.raises(DuplicateError):
        net.add_field(CareerField(id="finance", name="Finance"))
    assert net.to_data() == before
    assert net.find_person("Steven Olson").id == "steven"


@pytest.mark.parametrize(
    "extra",
    [
        {"outreach": (Outreach(id="o", person="ann", on=DAY),) * 2},
        {"interviews": (Interview(id="i", person="ann", on=DAY),) * 2},
        {"followups": (FollowUp(id="f", due=DAY),) * 2},
        {"questions": (Question(id="q", text="A?"), Question(id="q", text="B?"))},
    ],
    ids=["outreach", "interviews", "followups", "questions"],
)
def test_duplicate_event_ids_are_refused(extra: dict[str, Any]) -> None:
    with pytest.raises(DuplicateError):
        ReferralNetwork(NetworkData(persons=(ME, ANN), **extra))


REFERENCE_TO_NOTHING = {
    "person-organization": {"persons": (ME, Person(id="ann", name="Ann", organization="acme"))},
    "person-field": {"persons": (ME, Person(id="ann", name="Ann", fields=("law",)))},
    "person-past-position": {
        "persons": (ME, Person(id="a", name="A", past_positions=(Position(organization="x"),)))
    },
    "organization-field": {"organizations": (Organization(id="o", name="O", fields=("law",)),)},
    "field-related": {"fields": (CareerField(id="f", name="F", related=("law",)),)},
    "tie": {"ties": (Tie(a="me", b="nobody"),)},
    "referral-referrer": {"referrals": (Referral(referrer="nobody", referee="ann", on=DAY),)},
    "referral-referee": {"referrals": (Referral(referrer="ann", referee="nobody", on=DAY),)},
    "referral-field": {
        "referrals": (Referral(referrer="me", referee="ann", on=DAY, for_field="law"),)
    },
    "referral-org": {"referrals": (Referral(referrer="me", referee="ann", on=DAY, for_org="x"),)},
    "outreach-person": {"outreach": (Outreach(id="o", person="nobody", on=DAY),)},
    "outreach-via": {"outreach": (Outreach(id="o", person="ann", on=DAY, via="nobody"),)},
    "interview-person": {"interviews": (Interview(id="i", person="nobody", on=DAY),)},
    "interview-referral": {
        "interviews": (Interview(id="i", person="ann", on=DAY, referrals=("nobody",)),)
    },
    "followup-person": {"followups": (FollowUp(id="f", person="nobody", due=DAY),)},
    "target-field": {"targets": (Target(kind="field", id="law"),)},
    "target-org": {"targets": (Target(kind="org", id="acme"),)},
}


@pytest.mark.parametrize("values", REFERENCE_TO_NOTHING.values(), ids=REFERENCE_TO_NOTHING.keys())
def test_references_to_unknown_ids_are_not_found(values: dict[str, Any]) -> None:
    values = {"persons": (ME, ANN), **values}
    with pytest.raises(NotFoundError):
        ReferralNetwork(NetworkData(**values))


def test_records_may_name_records_listed_after_them() -> None:
    """Field a is related to b, listed after it; ann works at an org listed after her."""
    data = NetworkData(
        persons=(Person(id="ann", name="Ann", organization="o", fields=("b",)), ME),
        organizations=(Organization(id="o", name="O", fields=("b",)),),
        fields=(CareerField(id="a", name="A", related=("b",)), CareerField(id="b", name="B")),
    )
    assert ReferralNetwork(data).related_fields("b") == ("a",)


# --- the graph ------------------------------------------------------------------------------


def _edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return set(graph.edges(keys=True))


def test_graph_nodes_have_kinds(net: ReferralNetwork) -> None:
    """6 persons, 2 organizations ("org:" prefix) and 3 fields ("field:" prefix)."""
    graph = to_networkx(net)
    kinds = Counter(kind for _, kind in graph.nodes(data="kind"))
    assert kinds == {"person": 6, "organization": 2, "field": 3}
    assert graph.nodes["steven"] == {"kind": "person", "name": "Steven Olson"}
    assert graph.nodes[org_node("general-mills")] == {
        "kind": "organization",
        "name": "General Mills",
    }
    assert graph.nodes["field:finance"] == {"kind": "field", "name": "Finance"}


def test_graph_edges_per_the_layout_table(net: ReferralNetwork) -> None:
    """Counting by hand: knows 4 ties x 2 directions = 8; referred 3; works_at 3 (brad,
    smith, zoe; past positions do not count); in_field 4 from persons (brad 1, smith 2,
    zoe 1) + 2 from organizations = 6; related_field 2 relations x 2 directions = 4;
    reached_out 2; interviewed 1. Total 27."""
    graph = to_networkx(net)
    kinds = Counter(kind for _, _, kind in graph.edges(data="kind"))
    assert kinds == {
        "knows": 8,
        "referred": 3,
        "works_at": 3,
        "in_field": 6,
        "related_field": 4,
        "reached_out": 2,
        "interviewed": 1,
    }
    assert graph.number_of_edges() == 27
    for u, v, key, kind in graph.edges(keys=True, data="kind"):
        assert key == kind or key.startswith(f"{kind}:"), (u, v, key)


def test_graph_knows_goes_both_ways_with_the_tie_attributes(net: ReferralNetwork) -> None:
    graph = to_networkx(net)
    for u, v in [("steven", "brad"), ("brad", "steven")]:
        assert graph.edges[u, v, "knows"] == {
            "kind": "knows",
            "strength": 4,
            "context": "college",
            "since": None,
        }
    assert graph.has_edge("brad", "smith", "knows")
    assert graph.has_edge("smith", "brad", "knows")
    assert not graph.has_edge("smith", "zoe")


def test_graph_directed_edges(net: ReferralNetwork) -> None:
    graph = to_networkx(net)
    assert graph.edges["brad", "smith", "referred"] == {
        "kind": "referred",
        "on": DAY,
        "status": "suggested",
        "may_use_name": True,
    }
    assert not graph.has_edge("smith", "brad", "referred")
    assert graph.edges["zoe", "smith", "referred"]["status"] == "contacted"
    assert graph.has_edge("brad", "org:general-mills", "works_at")
    assert not graph.has_edge("smith", "org:red-cross")
    assert graph.has_edge("smith", field_node("finance"), "in_field")
    assert graph.has_edge("org:red-cross", "field:nonprofit-management", "in_field")
    assert not graph.has_edge("field:finance", "smith")
    for u, v in [("accounting", "finance"), ("nonprofit-management", "accounting")]:
        assert graph.has_edge(f"field:{u}", f"field:{v}", "related_field")
        assert graph.has_edge(f"field:{v}", f"field:{u}", "related_field")
    assert not graph.has_edge("field:finance", "field:nonprofit-management")


def test_graph_events_go_from_me_keyed_by_their_id(net: ReferralNetwork) -> None:
    graph = to_networkx(net)
    assert graph.edges["steven", "smith", "reached_out:o-1"] == {
        "kind": "reached_out",
        "on": DAY,
        "channel": "phone",
        "replied_on": None,
        "meeting_on": None,
        "meeting_mode": None,
    }
    assert graph.has_edge("steven", "ann-2", "reached_out:o-2")
    assert graph.edges["steven", "brad", "interviewed:i-1"] == {
        "kind": "interviewed",
        "on": DAY,
        "friendliness": 5,
        "fit": None,
    }
    assert sorted(k for _, _, k in graph.out_edges("steven", keys=True)) == [
        "interviewed:i-1",
        "knows",
        "knows",
        "knows",
        "reached_out:o-1",
        "reached_out:o-2",
    ]


def test_graph_without_me_has_no_event_edges() -> None:
    data = NetworkData(
        persons=(ANN, Person(id="bob", name="Bob")),
        outreach=(Outreach(id="o", person="ann", on=DAY),),
        interviews=(Interview(id="i", person="ann", on=DAY),),
    )
    graph = to_networkx(ReferralNetwork(data))
    assert graph.number_of_nodes() == 2
    assert graph.number_of_edges() == 0


def test_a_graph_is_a_copy_the_network_does_not_share(net: ReferralNetwork) -> None:
    graph = to_networkx(net)
    graph.add_node("mallory")
    graph.remove_node("brad")
    assert "mallory" not in to_networkx(net)
    assert "brad" in to_networkx(net)
    assert "brad" in net


def test_the_graph_follows_every_change(net: ReferralNetwork) -> None:
    first = to_networkx(net)
    net.add_tie(Tie(a="zoe", b="ann-2", strength=2))
    second = to_networkx(net)
    assert second.has_edge("zoe", "ann-2", "knows")
    assert not first.has_edge("zoe", "ann-2")
    net.add_person(Person(id="tom", name="Tom Reyes"))
    net.add_referral(Referral(referrer="smith", referee="tom", on=DAY))
    assert to_networkx(net).has_edge("smith", "tom", "referred")
    net.remove_person("tom")
    assert "tom" not in to_networkx(net)
    net.add_organization(Organization(id="acme", name="Acme"))
    assert "org:acme" in to_networkx(net)
    net.add_field(CareerField(id="law", name="Law", related=("finance",)))
    assert to_networkx(net).has_edge("field:finance", "field:law", "related_field")
    net.add_outreach(Outreach(id="o-3", person="zoe", on=DAY))
    assert to_networkx(net).has_edge("steven", "zoe", "reached_out:o-3")
    net.add_interview(Interview(id="i-2", person="zoe", on=DAY))
    assert to_networkx(net).has_edge("steven", "zoe", "interviewed:i-2")
    net.replace_person(Person(id="zoe", name="Zoë", organization="acme"))
    assert to_networkx(net).has_edge("zoe", "org:acme", "works_at")
    assert not to_networkx(net).has_edge("zoe", "org:red-cross")


# --- export ---------------------------------------------------------------------------------


def test_to_data_gives_the_records_back_in_canonical_order(net: ReferralNetwork) -> None:
    assert net.to_data() == _data().sorted()


@given(networks())
def test_to_data_of_any_valid_network_is_its_sorted_records(data: NetworkData) -> None:
    network = ReferralNetwork(data)
    assert network.to_data() == data.sorted()
    assert to_networkx(network).number_of_nodes() == (
        len(data.persons) + len(data.organizations) + len(data.fields)
    )
    knows = sum(1 for _, _, kind in to_networkx(network).edges(data="kind") if kind == "knows")
    assert knows == 2 * len(data.ties)


def test_a_network_says_whose_it_is_and_escapes_names_in_html() -> None:
    """The repr names me and the counts; the notebook table escapes every name."""
    net = ReferralNetwork(
        NetworkData(persons=(Person(id="me", name="<b>Ann & Co</b>", is_self=True),))
    )
    assert repr(net).startswith("<ReferralNetwork of <b>Ann & Co</b>: 1 person, 0 ties")
    table = net._repr_html_()
    assert "&lt;b&gt;Ann &amp; Co&lt;/b&gt;" in table
    assert "<b>" not in table
