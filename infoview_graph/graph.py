"""The network as a NetworkX graph: the whole of it, or the part around some people.

:func:`to_networkx` builds a ``networkx.MultiDiGraph`` from a
:class:`~infoview_graph.network.ReferralNetwork` when one is asked for — for the GraphML and
GEXF exports, or to run any NetworkX algorithm on your own network. The network itself keeps
no graph: its ties live in one tie table (:mod:`infoview_graph.ties`), so a command that
never asks for a graph never pays for one.

Graph layout
------------
Nodes are persons (keyed by their id), organizations (``"org:<id>"``) and career fields
(``"field:<id>"``); the node attribute ``kind`` is ``"person"``, ``"organization"`` or
``"field"``, and ``name`` is the record's name. Edges carry a ``kind`` too, used as the
multigraph key:

=================  ======================================  ====================================
kind               direction                               attributes
=================  ======================================  ====================================
``knows``          both ways between two persons           ``strength``, ``context``, ``since``
``referred``       referrer → referee                      ``on``, ``status``, ``may_use_name``
``works_at``       person → organization
``in_field``       person or organization → field
``related_field``  both ways between two fields
``reached_out``    me → person (key ``reached_out:ID``)    ``on``, ``channel``, ``replied_on``,
                                                           ``meeting_on``, ``meeting_mode``
``interviewed``    me → person (key ``interviewed:ID``)    ``on``, ``friendliness``, ``fit``
=================  ======================================  ====================================

Examples
--------
>>> import networkx as nx
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> graph = to_networkx(net)
>>> graph.nodes["org:general-mills"]["kind"]
'organization'
>>> ego = to_networkx(net, persons=[net.me.id])
>>> ego.has_edge("steven-olson", "brad-johnson", "knows")
True
>>> knows = nx.Graph((u, v) for u, v, k in ego.edges(keys=True) if k == "knows")
>>> round(nx.density(knows), 2)
0.16
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from infoview_graph._bulk import paused_gc
from infoview_graph.errors import NotFoundError
from infoview_graph.network import ReferralNetwork, field_node, org_node

if TYPE_CHECKING:
    import networkx as nx

    from infoview_graph.models import CareerField, Organization, Person

__all__ = ["to_networkx"]

_Edge = tuple[str, str, str, dict[str, object]]


def to_networkx(
    network: ReferralNetwork, persons: Collection[str] | None = None, *, radius: int = 1
) -> nx.MultiDiGraph[str]:
    """Return the network as a ``networkx.MultiDiGraph`` (see the module's graph layout).

    Parameters
    ----------
    network : ReferralNetwork
        The network; it is not changed, and the graph is a new one each call (change it
        freely).
    persons : collection of str, optional
        Build only the part around these persons: them, everyone within ``radius`` ties of
        them, the organizations and fields of all those, and every edge between two of these
        nodes. ``None`` (the default) builds the whole network.
    radius : int, default 1
        How many ties out from ``persons`` to go; 0 keeps exactly ``persons``.

    Returns
    -------
    networkx.MultiDiGraph
        Persons, organizations and fields as nodes; ties, referrals, employment, fields and
        my outreach and interviews as edges.

    Raises
    ------
    NotFoundError
        If one of ``persons`` does not exist.

    Notes
    -----
    O(n + m) for the whole network, about 1 kB of memory per edge; around given persons,
    O(nodes + edges of the part) after an O(sum of degrees) numpy pass over the tie table.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> net = demo_network()
    >>> whole = to_networkx(net)
    >>> whole.number_of_nodes() > to_networkx(net, persons=["brad-johnson"]).number_of_nodes()
    True
    >>> part = to_networkx(net, persons=["brad-johnson", "mrs-smith"], radius=0)
    >>> sorted(k for u, v, k in part.edges(keys=True) if part.nodes[v]["kind"] == "person")
    ['knows', 'knows', 'referred']
    """
    import networkx as nx

    if persons is None:
        people = list(network.person_ids())
        chosen = None
    else:
        people = network.around(persons, radius=radius)
        chosen = set(people)
    records = [network.person(pid) for pid in people]
    orgs = _organizations(network, records, whole=chosen is None)
    fields = _fields(network, records, orgs, whole=chosen is None)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from((p.id, {"kind": "person", "name": p.name}) for p in records)
    graph.add_nodes_from((org_node(o.id), {"kind": "organization", "name": o.name}) for o in orgs)
    graph.add_nodes_from((field_node(f.id), {"kind": "field", "name": f.name}) for f in fields)
    with paused_gc():
        graph.add_edges_from(_ties(network, chosen))
        graph.add_edges_from(_events(network, chosen))
        graph.add_edges_from(_memberships(records, orgs, fields))
    return graph


def _organizations(
    network: ReferralNetwork, people: list[Person], *, whole: bool
) -> list[Organization]:
    if whole:
        return list(network.organizations())
    wanted = {p.organization for p in people if p.organization is not None}
    return [network.organization(o) for o in sorted(wanted)]


def _fields(
    network: ReferralNetwork, people: list[Person], orgs: list[Organization], *, whole: bool
) -> list[CareerField]:
    if whole:
        return list(network.fields())
    wanted = {f for p in people for f in p.fields} | {f for o in orgs for f in o.fields}
    return [network.field(f) for f in sorted(wanted)]


def _ties(network: ReferralNetwork, chosen: set[str] | None) -> Iterator[_Edge]:
    for tie in network.ties(chosen):
        attrs: dict[str, object] = {"kind": "knows", "strength": tie.strength}
        attrs |= {"context": tie.context, "since": tie.since}
        yield tie.a, tie.b, "knows", attrs
        yield tie.b, tie.a, "knows", attrs


def _events(network: ReferralNetwork, chosen: set[str] | None) -> Iterator[_Edge]:
    def inside(*ids: str) -> bool:
        return chosen is None or all(pid in chosen for pid in ids)

    for r in network.referrals():
        if inside(r.referrer, r.referee):
            attrs = {"kind": "referred", "on": r.on, "status": r.status}
            attrs["may_use_name"] = r.may_use_name
            yield r.referrer, r.referee, "referred", attrs
    try:
        me = network.me.id
    except NotFoundError:
        return
    if not inside(me):
        return
    for attempt in network.outreach():
        if inside(attempt.person):
            attrs = {"kind": "reached_out", "on": attempt.on, "channel": attempt.channel}
            attrs |= {"replied_on": attempt.replied_on, "meeting_on": attempt.meeting_on}
            attrs["meeting_mode"] = attempt.meeting_mode
            yield me, attempt.person, f"reached_out:{attempt.id}", attrs
    for i in network.interviews():
        if inside(i.person):
            attrs = {"kind": "interviewed", "on": i.on, "friendliness": i.friendliness}
            attrs["fit"] = i.fit
            yield me, i.person, f"interviewed:{i.id}", attrs


def _memberships(
    people: Iterable[Person], orgs: list[Organization], fields: list[CareerField]
) -> Iterator[_Edge]:
    orgs_in = {o.id for o in orgs}
    fields_in = {f.id for f in fields}
    for p in people:
        if p.organization is not None and p.organization in orgs_in:
            yield p.id, org_node(p.organization), "works_at", {"kind": "works_at"}
        for f in p.fields:
            yield p.id, field_node(f), "in_field", {"kind": "in_field"}
    for o in orgs:
        for f in o.fields:
            yield org_node(o.id), field_node(f), "in_field", {"kind": "in_field"}
    for fld in fields:
        for other in fld.related:
            if other in fields_in:
                attrs: dict[str, object] = {"kind": "related_field"}
                yield field_node(fld.id), field_node(other), "related_field", attrs
                yield field_node(other), field_node(fld.id), "related_field", attrs
