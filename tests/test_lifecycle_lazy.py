"""A lifecycle derives its obligations when they are first read, from the network it was
derived from: a change to the network after the derivation changes nothing it answers."""

from __future__ import annotations

import datetime as dt

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


def test_a_change_after_the_derivation_does_not_change_the_obligations_read_later() -> None:
    expected = lifecycle(demo_network(), today=DAY).obligations
    net = demo_network()
    life = lifecycle(net, today=DAY)
    assert life.stage("mrs-smith") == "referred"
    net.add_outreach(Outreach(id="o-smith", person="mrs-smith", on=dt.date(2026, 11, 18)))
    net.replace_person(net.person("mrs-smith").model_copy(update={"name": "Jane Smith"}))
    # Read only now: still the obligations of the network before the outreach and the name.
    assert life.obligations == expected
    now = lifecycle(net, today=DAY)
    assert now.stage("mrs-smith") == "asked"
    assert now.obligations != expected
    kinds = {o.kind for o in now.obligations if o.person_id == "mrs-smith"}
    assert "stale-referral" not in kinds
    assert "stale-referral" in {o.kind for o in expected if o.person_id == "mrs-smith"}
    assert any("Jane Smith" in o.action for o in now.obligations)
