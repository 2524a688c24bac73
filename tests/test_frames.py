"""to_frame: any list of the library's results as a DataFrame with flat, typed columns."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

import infoview_graph as ivg
from infoview_graph.algorithms import (
    agenda,
    coverage,
    introducers,
    referral_chains,
    suggest_next_contacts,
)
from infoview_graph.demo import demo_network
from infoview_graph.frames import to_frame
from infoview_graph.lifecycle import lifecycle

DAY = dt.date(2026, 11, 20)


def test_suggestions_get_one_column_per_factor_and_keep_their_types() -> None:
    found = suggest_next_contacts(demo_network(), k=4, today=DAY)
    frame = ivg.to_frame(found)
    assert list(frame["person_id"]) == [s.person_id for s in found]
    for factor in ("warmth", "relevance", "coverage", "reach", "timing"):
        assert frame[f"factors.{factor}"].dtype == "float64"
    assert frame["tier"].dtype == "int64"
    assert frame.loc[0, "path"] == list(found[0].path)  # tuples become lists
    assert frame["score"].tolist() == [s.score for s in found]


def test_every_result_type_becomes_a_frame_with_dates_as_dates() -> None:
    net = demo_network()
    items = to_frame(agenda(net, today=DAY))
    assert isinstance(items.loc[0, "due"], dt.date)
    assert items["overdue"].dtype == "bool"
    rows = to_frame(coverage(net, today=DAY).targets)
    assert rows["interviewed"].dtype == "int64"
    assert set(rows["target_id"]) >= {"accounting", "general-mills"}
    chains = to_frame(referral_chains(net).longest)
    assert isinstance(chains.loc[0, "people"], list)
    asked = to_frame(introducers(net, "General Mills", today=DAY).introducers)
    assert asked["warmth"].dtype == "float64"
    stages = to_frame(lifecycle(net, today=DAY).standings.values())
    assert "said-yes" in set(stages["stage"])
    people = to_frame(net.persons())
    assert len(people) == len(net)


def test_an_empty_list_and_a_foreign_item() -> None:
    assert to_frame([]).empty
    with pytest.raises(TypeError, match="not dict"):
        to_frame([{"name": "Ann"}])  # type: ignore[list-item]


def test_without_pandas_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match=r"infoview-graph\[pandas\]"):
        to_frame(suggest_next_contacts(demo_network(), k=1, today=DAY))
