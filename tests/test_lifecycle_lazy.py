"""A lifecycle derives its obligations when they are first read, from the network it was
derived from: never from the network as a later change left it."""

from __future__ import annotations

import datetime as dt

import pytest

from infoview_graph.demo import demo_network
from infoview_graph.lifecycle import lifecycle
from infoview_graph.models import Outreach

DAY = dt.date(2026, 11, 20)


def test_obligations_are_derived_when_read_and_the_second_contacts_on_their_own() -> None:
    net = demo_network()
    life = lifecycle(net, today=DAY)
    assert "obligations" not in vars(life)  # the standings alone: what suggest reads first
    owed = life.second_contacts_owed  # the employers, the person asked there, the due date
    assert "second_contacts" not in vars(life)
    seconds = life.second_contacts
    assert "obligations" not in vars(life)
    assert seconds == tuple(o for o in life.obligations if o.kind == "3b7-second-contact")
    assert seconds
    assert len(life.obligations) > len(seconds)
    assert [(o.person_id, o.due) for o in seconds] == [(s.person_id, s.due) for s in owed]
    for org, pid, _ in owed:
        assert net.person(pid).organization == org
        assert life.stage(pid) in ("asked", "follow-up-due", "no-response")


def test_obligations_read_before_a_change_stay_those_of_the_network_derived() -> None:
    expected = lifecycle(demo_network(), today=DAY).obligations
    net = demo_network()
    life = lifecycle(net, today=DAY)
    assert life.obligations == expected
    net.replace_person(net.person("mrs-smith").model_copy(update={"name": "Jane Smith"}))
    assert life.obligations == expected
    renamed = lifecycle(net, today=DAY).obligations
    assert any("Jane Smith" in o.action for o in renamed)
    assert not any("Jane Smith" in o.action for o in expected)


@pytest.mark.parametrize("read", ["obligations", "second_contacts"])
def test_obligations_first_read_after_a_change_are_refused_not_read_from_the_new_network(
    read: str,
) -> None:
    net = demo_network()
    life = lifecycle(net, today=DAY)
    assert life.stage("mrs-smith") == "referred"
    net.add_outreach(Outreach(id="o-smith", person="mrs-smith", on=dt.date(2026, 11, 18)))
    with pytest.raises(RuntimeError, match="derive it again"):
        getattr(life, read)
    assert life.stage("mrs-smith") == "referred"  # the standings stay those derived
    now = lifecycle(net, today=DAY)
    assert now.stage("mrs-smith") == "asked"
    assert "stale-referral" not in {o.kind for o in now.obligations_of("mrs-smith")}
