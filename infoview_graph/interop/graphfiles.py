"""GraphML and GEXF, for Gephi, yEd and Cytoscape: the network's graph with clean attributes.

networkx's writers refuse or mangle what a Python graph happily holds: GraphML rejects
``None``, lists, dicts and dates, and writes a key twice when it holds both ints and floats;
GEXF raises on lists and writes dicts as their Python ``repr``. :func:`export_graph`
therefore makes a sanitised copy of :func:`~infoview_graph.graph.to_networkx`'s graph
(re-exported here): ``None`` dropped, dates
as ISO strings, lists joined with ``"; "``, and one type per attribute key across all nodes
(and across all edges). Node ``name`` becomes ``label`` (which GEXF shows as the node's
label). Text cannot hold control characters — the models refuse them — so the files read
back.

Examples
--------
>>> import io, networkx as nx
>>> from infoview_graph.demo import demo_network
>>> graph = export_graph(demo_network())
>>> back = nx.read_graphml(io.BytesIO(to_graphml(demo_network())), force_multigraph=True)
>>> dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
True
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from infoview_graph.graph import to_networkx

if TYPE_CHECKING:
    import networkx as nx

    from infoview_graph.network import ReferralNetwork

__all__ = ["export_graph", "sanitize", "to_gexf", "to_graphml", "to_networkx"]

_Attrs = dict[str, Any]


def _value(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return "; ".join(str(_value(v)) for v in items)
    if isinstance(value, Mapping):
        return json.dumps({str(k): _value(v) for k, v in value.items()}, sort_keys=True)
    return str(value)


def sanitize(records: Iterable[_Attrs]) -> list[_Attrs]:
    """Return attribute dicts a GraphML/GEXF writer accepts, one type per key.

    ``None`` is dropped; dates become ISO strings; lists and sets become ``"; "``-joined
    text; dicts become JSON. A key whose values mix ints and floats becomes float; any
    other mix becomes text (booleans as ``"true"``/``"false"``).

    Examples
    --------
    >>> import datetime as dt
    >>> sanitize([{"on": dt.date(2026, 1, 5), "x": None, "tags": ("a", "b"), "n": 1},
    ...           {"n": 2.5, "ok": True}, {"ok": "maybe"}])
    [{'on': '2026-01-05', 'tags': 'a; b', 'n': 1.0}, {'n': 2.5, 'ok': 'true'}, {'ok': 'maybe'}]
    """
    rows = [{k: _value(v) for k, v in attrs.items() if v is not None} for attrs in records]
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            kinds.setdefault(key, set()).add(type(value))
    for key, types in kinds.items():
        if len(types) < 2:
            continue
        to_float = types <= {int, float}
        for row in rows:
            if key not in row:
                continue
            value = row[key]
            if to_float:
                row[key] = float(value)
            elif isinstance(value, bool):
                row[key] = "true" if value else "false"
            else:
                row[key] = str(value)
    return rows


def export_graph(network: ReferralNetwork) -> nx.MultiDiGraph[str]:
    """Return a sanitised copy of the network's graph, nodes and edges in sorted order.

    Nodes keep their ``kind``; ``name`` becomes ``label``; persons also carry ``how``,
    ``title``, ``is_self`` and ``do_not_contact``, organizations ``org_kind``. Edges keep
    every attribute of :func:`~infoview_graph.graph.to_networkx`'s graph (see
    :mod:`infoview_graph.graph`), sanitised by :func:`sanitize`.

    Notes
    -----
    O(n + m); the graph and its copy cost about 1 kB of memory per edge each.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> graph = export_graph(demo_network())
    >>> graph.nodes["brad-johnson"]["label"], graph.nodes["brad-johnson"]["how"]
    ('Brad Johnson', 'friend')
    """
    import networkx as nx

    graph = to_networkx(network)
    nodes = sorted(graph.nodes(data=True), key=lambda item: item[0])
    node_attrs = []
    for node, attrs in nodes:
        row: _Attrs = {"kind": attrs["kind"], "label": attrs["name"]}
        if attrs["kind"] == "person":
            person = network.person(node)
            row |= {"how": person.how, "title": person.title, "is_self": person.is_self}
            row["do_not_contact"] = person.do_not_contact
        elif attrs["kind"] == "organization":
            row["org_kind"] = network.organization(node.removeprefix("org:")).kind
        node_attrs.append(row)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    out.add_nodes_from(zip([n for n, _ in nodes], sanitize(node_attrs), strict=True))
    out.add_edges_from(
        (u, v, key, attrs)
        for (u, v, key, _), attrs in zip(edges, sanitize(e[3] for e in edges), strict=True)
    )
    return out


def to_graphml(network: ReferralNetwork) -> bytes:
    """Return the network as GraphML (UTF-8), for yEd, Gephi or Cytoscape.

    Edge ids are the multigraph keys (``knows``, ``referred``, ``reached_out:ID`` …), so
    ``networkx.read_graphml(..., force_multigraph=True)`` gives back an equal graph.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> to_graphml(demo_network()).startswith(b"<graphml")
    True
    """
    import networkx as nx

    lines = nx.generate_graphml(export_graph(network), encoding="utf-8")
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_gexf(network: ReferralNetwork) -> bytes:
    """Return the network as GEXF 1.2 (UTF-8), Gephi's own format.

    Each edge gets an ``id`` attribute (``e0``, ``e1`` … in sorted order), which GEXF needs
    and ``networkx.read_gexf`` returns as an attribute, so the graph reads back equal.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> to_gexf(demo_network()).startswith(b"<gexf")
    True
    """
    import networkx as nx

    graph = export_graph(network)
    for n, (_, _, attrs) in enumerate(graph.edges(data=True)):
        attrs["id"] = f"e{n}"
    lines = nx.generate_gexf(graph, encoding="utf-8")
    return ("\n".join(lines) + "\n").encode("utf-8")
