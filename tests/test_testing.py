"""infoview_graph.testing keeps its promises: each guarantee its docstrings state, checked here.

Records and networks validate again from their dump (so nothing was built around a
validator), networks of each shape have the ties the shape promises, and stories tell the
contact lifecycle exactly as :func:`infoview_graph.lifecycle.lifecycle` reads it.
"""

from __future__ import annotations

import datetime as dt
import linecache
import re
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_graph.algorithms import suggest_next_contacts
from infoview_graph.errors import InvalidInputError
from infoview_graph.lifecycle import lifecycle
from infoview_graph.models import NetworkData, Person
from infoview_graph.network import ReferralNetwork
from infoview_graph.testing import Story, networks, persons, stories

SHAPES = ("any", "personal", "office")


def _distances(net: ReferralNetwork) -> dict[str, int]:
    """Ties from me, breadth first."""
    seen = {net.me.id: 0}
    queue = deque([net.me.id])
    while queue:
        pid = queue.popleft()
        for other in net.strengths(pid):
            if other not in seen:
                seen[other] = seen[pid] + 1
                queue.append(other)
    return seen


@given(persons(org_ids=["acme", "globex"], field_ids=["tax"]))
def test_a_person_is_valid_and_names_only_the_ids_given(person: Person) -> None:
    assert Person.model_validate(person.model_dump()) == person
    assert person.organization in (None, "acme", "globex")
    assert {p.organization for p in person.past_positions} <= {"acme", "globex"}
    assert set(person.fields) <= {"tax"}


@pytest.mark.parametrize("shape", SHAPES)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_a_network_of_every_shape_validates_and_has_its_size(
    shape: str, data: st.DataObject
) -> None:
    low = data.draw(st.integers(1, 5), label="min_persons")
    high = data.draw(st.integers(low, 9), label="max_persons")
    drawn = data.draw(networks(min_persons=low, max_persons=high, shape=shape))  # type: ignore[arg-type]
    assert NetworkData.model_validate(drawn.model_dump()) == drawn
    assert low <= len(drawn.persons) <= high
    assert sum(p.is_self for p in drawn.persons) == 1
    ReferralNetwork(drawn)


@settings(max_examples=20, deadline=None)
@given(networks(max_persons=10, shape="personal"))
def test_a_personal_network_is_within_two_ties_of_me(data: NetworkData) -> None:
    distances = _distances(ReferralNetwork(data))
    assert set(distances) == {p.id for p in data.persons}
    assert max(distances.values()) <= 2


@settings(max_examples=20, deadline=None)
@given(networks(max_persons=10, shape="office"))
def test_an_office_network_has_students_then_alumni(data: NetworkData) -> None:
    net = ReferralNetwork(data)
    distances = _distances(net)
    assert set(distances) == {p.id for p in data.persons}
    students = {p.id for p in data.persons if not p.is_self and "student" in p.tags}
    assert set(net.strengths(net.me.id)) == students
    for person in data.persons:
        if person.is_self:
            continue
        if person.id in students:
            assert person.how == "classmate"
            assert distances[person.id] == 1
        else:
            assert person.how == "alumni"
            assert distances[person.id] >= 2
    if len(data.persons) > 1:
        assert students


def _before(story: Story, pid: str, kind: str, index: int) -> bool:
    return any(e.person == pid and e.kind == kind for e in story.events[:index])


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SHAPES).flatmap(lambda shape: stories(shape=shape)))  # type: ignore[arg-type]
def test_a_story_is_told_as_the_lifecycle_reads_it(story: Story) -> None:
    assert NetworkData.model_validate(story.data.model_dump()) == story.data
    life = lifecycle(ReferralNetwork(story.data), today=story.today)
    assert {pid: life.stage(pid) for pid in story.stages} == story.stages

    me = next(p.id for p in story.data.persons if p.is_self)
    blocked = {p.id for p in story.data.persons if p.do_not_contact}
    days = [e.on for e in story.events]
    assert days == sorted(days)
    assert all(day <= story.today for day in days)
    for index, event in enumerate(story.events):
        assert event.person != me
        assert event.person not in blocked
        needs = {
            "follow-up": "outreach",
            "reply": "outreach",
            "decline": "outreach",
            "schedule": "reply",
            "interview": "schedule",
            "thank": "interview",
        }.get(event.kind)
        if needs:
            assert _before(story, event.person, needs, index), event
        if event.kind == "refer":
            assert event.referrer not in (None, me, event.person)
        if event.kind == "schedule":
            assert event.meeting_on is not None
            assert event.meeting_on >= event.on
        if event.kind == "interview":
            meeting = next(
                e.meeting_on
                for e in story.events[:index]
                if e.person == event.person and e.kind == "schedule"
            )
            assert meeting is not None
            assert event.on >= meeting


# --- a user's own factor, property-tested with the public strategies -------------------------


def test_the_documented_factor_test_runs() -> None:
    """The example of docs/api/testing.md, as a user would paste it into a test module."""
    page = (Path(__file__).parent.parent / "docs" / "api" / "testing.md").read_text("utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", page, re.M | re.S)
    assert len(blocks) == 1
    namespace: dict[str, object] = {}
    # The block gets a source file of its own, so that Hypothesis (which reads a test's
    # source to seed it) finds Python there, not the Markdown page around it.
    source = "<docs/api/testing.md, the python block>"
    linecache.cache[source] = (len(blocks[0]), None, blocks[0].splitlines(True), source)
    exec(compile(blocks[0], source, "exec"), namespace)  # noqa: S102
    test = namespace["test_near_me_is_weighted_and_explained"]
    settings(max_examples=15, deadline=None)(test)()  # type: ignore[operator]


@settings(max_examples=10, deadline=None)
@given(networks(min_persons=2, shape="personal"))
def test_a_factor_out_of_range_is_refused_by_name(data: NetworkData) -> None:
    net = ReferralNetwork(data)
    if not suggest_next_contacts(net, k=1):
        return  # nobody to score: the factor is never called
    with pytest.raises(InvalidInputError, match="too far"):
        suggest_next_contacts(net, k=1, factors={"too far": (0.2, lambda p, n: 1.5)})


# --- without Hypothesis ----------------------------------------------------------------------


def test_without_hypothesis_the_error_says_how_to_install_it() -> None:
    code = (
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import infoview_graph.testing\n"
        "except ModuleNotFoundError as error:\n"
        "    print(error)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == (
        "infoview_graph.testing needs Hypothesis, an optional extra: "
        "pip install 'infoview-graph[testing]'"
    )


def test_the_story_dates_start_where_asked() -> None:
    start = dt.date(2027, 3, 1)

    @settings(max_examples=10, deadline=None)
    @given(stories(start=start))
    def check(story: Story) -> None:
        assert all(e.on >= start for e in story.events)

    check()
