"""The warmth search pushes from the people a hop changed: the same costs, to the last bit."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_referral_network
from infoview_graph.algorithms import _warmth
from infoview_graph.algorithms._warmth import hop_model, own_hops, warmth_paths
from infoview_graph.compact import compact_from_rows
from infoview_graph.models import NetworkData
from infoview_graph.network import ReferralNetwork
from tests.strategies import networks


def _both(net: ReferralNetwork, max_hops: int, monkeypatch: pytest.MonkeyPatch):
    model = hop_model(net, today=dt.date(2026, 12, 1))
    found = []
    for share in (0.0, math.inf):  # every hop pulls over all rows; every hop pushes
        monkeypatch.setattr(_warmth, "_PULL_SHARE", share)
        found.append(warmth_paths(net, model, max_hops=max_hops))
    return found


def _assert_same(pull: _warmth.Warmth, push: _warmth.Warmth) -> None:
    assert len(pull.layers) == len(push.layers)
    for a, b in zip(pull.layers, push.layers, strict=True):
        assert np.array_equal(a, b)
    assert np.array_equal(pull.cost, push.cost)
    assert pull.known == push.known
    for pid in push.view.ids:
        assert pull.reach(pid) == push.reach(pid)


@given(networks(max_persons=20), st.integers(1, 4))
@settings(max_examples=40, deadline=None)
def test_pushing_from_the_changed_people_equals_pulling_over_every_tie(
    data: NetworkData, max_hops: int
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _assert_same(*_both(ReferralNetwork(data), max_hops, monkeypatch))


def test_a_career_office_network_gives_the_same_search_both_ways(monkeypatch):
    net = synthetic_referral_network(3000, seed=3)
    pull, push = _both(net, 3, monkeypatch)
    assert np.isfinite(push.cost).sum() > 100  # the search reached well past my own ties
    _assert_same(pull, push)


def test_my_own_hops_are_read_from_my_row():
    view = compact_from_rows(
        ["a", "b", "c", "me"], [("me", "a", 0), ("me", "b", 2), ("me", "c", 5)]
    )
    known, cost = own_hops(view, view.index["me"], {"b": 0.85, "c": 0.5, "a": 0.9})
    assert [view.ids[i] for i in known] == ["b", "c"]  # strength 0 is not knowing someone
    assert cost.tolist() == [-math.log(0.85), -math.log(_warmth.TIE_REPLY[5])]
