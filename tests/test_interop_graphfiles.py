"""GraphML and GEXF read back equal; attributes sanitised; --anonymize keeps the structure."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import networkx as nx
from hypothesis import given, settings
from interop_support import fixture
from strategies import networks

from infoview_graph.demo import demo_data
from infoview_graph.graph import to_networkx
from infoview_graph.interop.dump import read_dump
from infoview_graph.interop.graphfiles import export_graph, sanitize, to_gexf, to_graphml
from infoview_graph.interop.pseudonyms import anonymize
from infoview_graph.models import NetworkData
from infoview_graph.network import ReferralNetwork


def _edges(graph: Any, *, keys: bool = True) -> list[tuple[Any, ...]]:
    edges = (
        graph.edges(keys=True, data=True)
        if graph.is_multigraph()
        else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    )
    return sorted((u, v, k if keys else None, tuple(sorted(d.items()))) for u, v, k, d in edges)


def _nodes(graph: Any) -> dict[str, dict[str, Any]]:
    return {n: dict(d) for n, d in graph.nodes(data=True)}


@settings(max_examples=30)
@given(networks(max_persons=8))
def test_graphml_reads_back_equal(data: NetworkData) -> None:
    network = ReferralNetwork(data)
    written = export_graph(network)
    back = nx.read_graphml(io.BytesIO(to_graphml(network)), force_multigraph=True)
    assert _nodes(back) == _nodes(written)
    assert _edges(back) == _edges(written)


@settings(max_examples=30)
@given(networks(max_persons=8))
def test_gexf_reads_back_equal(data: NetworkData) -> None:
    network = ReferralNetwork(data)
    written = export_graph(network)
    back = nx.read_gexf(io.BytesIO(to_gexf(network)))
    assert _nodes(back) == _nodes(written)
    ids = [d.pop("id") for _, _, d in back.edges(data=True)]
    assert len(set(ids)) == len(ids)
    # Without parallel edges networkx reads GEXF back as a DiGraph, without the keys (each
    # edge's kind is still an attribute).
    assert _edges(back) == _edges(written, keys=back.is_multigraph())


def test_attributes_are_sanitised_one_type_per_key() -> None:
    rows = sanitize(
        [
            {"on": dt.date(2026, 1, 5), "gone": None, "tags": ("a", "b"), "n": 1},
            {"n": 2.5, "flag": True, "extra": {"b": 1, "a": [1, 2]}},
            {"flag": "maybe", "set": frozenset({"y", "x"})},
        ]
    )
    assert rows == [
        {"on": "2026-01-05", "tags": "a; b", "n": 1.0},
        {"n": 2.5, "flag": "true", "extra": '{"a": "1; 2", "b": 1}'},
        {"flag": "maybe", "set": "x; y"},
    ]
    types: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            types.setdefault(key, set()).add(type(value))
    assert all(len(t) == 1 for t in types.values())


def test_graph_files_hold_no_none_lists_or_dates_and_no_doctype() -> None:
    network = ReferralNetwork(read_dump(fixture("hostile_dump.json")))
    graph = export_graph(network)
    for _, attrs in graph.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values())
    for _, _, attrs in graph.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values())
    for text in (to_graphml(network), to_gexf(network)):
        assert b"<!DOCTYPE" not in text
        assert b"None" not in text
    back = nx.read_graphml(io.BytesIO(to_graphml(network)), force_multigraph=True)
    assert back.nodes["markup"]["label"] == "[bold]Zoë[/bold] <b>李雷</b> & $\\undefined$"


# --- anonymize -------------------------------------------------------------------------------


def test_anonymize_replaces_names_and_contact_details_keeps_structure() -> None:
    data = demo_data()
    shared = anonymize(data, b"k" * 32)
    ReferralNetwork(shared)  # still a valid network
    text = shared.model_dump_json()
    for person in data.persons:
        assert person.name not in text
        for detail in (*person.emails, *person.phones, person.url, person.title, person.notes):
            if detail:
                assert detail not in text
    for org in data.organizations:
        assert org.name not in text
    before, after = to_networkx(ReferralNetwork(data)), to_networkx(ReferralNetwork(shared))
    assert (before.number_of_nodes(), before.number_of_edges()) == (
        after.number_of_nodes(),
        after.number_of_edges(),
    )
    assert sorted(d for _, d in before.degree()) == sorted(d for _, d in after.degree())
    assert sorted(t.strength for t in data.ties) == sorted(t.strength for t in shared.ties)


def test_pseudonyms_are_stable_with_the_key_and_differ_without_it() -> None:
    data = demo_data()
    assert anonymize(data, b"key-one") == anonymize(data, b"key-one")
    one = {p.name for p in anonymize(data, b"key-one").persons}
    two = {p.name for p in anonymize(data, b"key-two").persons}
    assert one & two == {"Me"}


@settings(max_examples=20)
@given(networks(max_persons=8))
def test_any_network_anonymizes_to_a_valid_network_of_the_same_shape(data: NetworkData) -> None:
    shared = anonymize(data, b"secret")
    network = ReferralNetwork(shared)
    assert len(network) == len(data.persons)
    assert network.number_of_ties() == len(data.ties)
    assert len(shared.referrals) == len(data.referrals)
