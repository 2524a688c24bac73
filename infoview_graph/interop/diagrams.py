r"""The referral tree as a diagram: Mermaid (renders in GitHub Markdown) and Graphviz DOT.

Node ids are opaque (``n0``, ``n1`` …) and names appear only as quoted labels, so a person
called ``end`` (Mermaid's keyword), ``a:b`` (DOT would cut the id at the colon), ``"x"`` or
``<b>`` cannot break either format. Tree edges are solid arrows, "also referred by" edges
dashed; with ``me`` the tree hangs under me, linked by plain lines to the people whose
referrals started each chain.

Examples
--------
>>> from types import SimpleNamespace
>>> chains = SimpleNamespace(roots=("brad",), children={"brad": ("smith",)},
...                          also_referred_by=())
>>> names = {"me": "Steven Olson", "brad": "Brad Johnson", "smith": 'Mrs. "end" Smith'}
>>> print(to_mermaid(chains, names, me="me").decode())
flowchart TD
    n0["Steven Olson"]
    n1["Brad Johnson"]
    n2["Mrs. #34;end#34; Smith"]
    n0 --- n1
    n1 --> n2
<BLANKLINE>
>>> print(to_dot(chains, names).decode())
digraph referrals {
    graph [rankdir=TB];
    node [shape=box, style=rounded];
    "n0" [label="Brad Johnson"];
    "n1" [label="Mrs. \"end\" Smith"];
    "n0" -> "n1";
}
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

__all__ = ["ChainsLike", "to_dot", "to_mermaid"]

_MERMAID_ENTITIES = {c: f"#{ord(c)};" for c in '#"&<>`'}


class ChainsLike(Protocol):
    """What the diagrams need of :class:`~infoview_graph.algorithms._chains.Chains`.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> tree: ChainsLike = SimpleNamespace(roots=("a",), children={"a": ("b",)},
    ...                                    also_referred_by=())
    >>> list(tree.children["a"])
    ['b']
    """

    @property
    def roots(self) -> Sequence[str]:
        """The people whose referrals start a chain."""

    @property
    def children(self) -> Mapping[str, Sequence[str]]:
        """Tree edges: person → the people they named first."""

    @property
    def also_referred_by(self) -> Sequence[tuple[str, str]]:
        """Non-tree referrals (referrer, referee)."""


def _layout(
    chains: ChainsLike, me: str | None
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    # People numbered in tree order (me first); edges as (from, to, kind), roots first.
    ids: dict[str, str] = {}

    def number(person: str) -> None:
        if person not in ids:
            ids[person] = f"n{len(ids)}"

    if me is not None:
        number(me)
    tree: list[tuple[str, str, str]] = []

    def walk(person: str) -> None:
        number(person)
        for child in chains.children.get(person, ()):
            number(child)
            tree.append((person, child, "tree"))
            walk(child)

    for root in chains.roots:
        walk(root)
    also = []
    for referrer, referee in sorted(chains.also_referred_by):
        number(referrer)
        number(referee)
        also.append((referrer, referee, "also"))
    roots = [(me, root, "root") for root in chains.roots] if me is not None else []
    return ids, roots + tree + also


def _mermaid_label(text: str) -> str:
    return "".join(_MERMAID_ENTITIES.get(c, c) for c in text)


def to_mermaid(
    chains: ChainsLike, names: Mapping[str, str], *, me: str | None = None, markdown: bool = False
) -> bytes:
    """Return the referral tree as a Mermaid flowchart.

    Parameters
    ----------
    chains : Chains
        The result of :func:`~infoview_graph.algorithms._chains.referral_chains`.
    names : mapping of str to str
        Person id → the label to show.
    me : str, optional
        My id, to hang the tree under me.
    markdown : bool, default False
        Wrap the chart in a fenced ```` ```mermaid ```` block for a Markdown file.

    Returns
    -------
    bytes
        UTF-8 text. Labels escape ``# " & < > ` `` as Mermaid entity codes (``#34;``).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> tree = SimpleNamespace(roots=("a",), children={"a": ("b",)}, also_referred_by=())
    >>> print(to_mermaid(tree, {"a": "Ann", "b": "end"}).decode())
    flowchart TD
        n0["Ann"]
        n1["end"]
        n0 --> n1
    <BLANKLINE>
    """
    ids, edges = _layout(chains, me)
    arrows = {"root": "---", "tree": "-->", "also": "-.->"}
    lines = ["flowchart TD"]
    lines += [f'    {node}["{_mermaid_label(names.get(p, p))}"]' for p, node in ids.items()]
    lines += [f"    {ids[a]} {arrows[kind]} {ids[b]}" for a, b, kind in edges]
    text = "\n".join(lines) + "\n"
    if markdown:
        text = f"```mermaid\n{text}```\n"
    return text.encode("utf-8")


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(chains: ChainsLike, names: Mapping[str, str], *, me: str | None = None) -> bytes:
    r"""Return the referral tree as a Graphviz DOT digraph (``dot -Tsvg``).

    Parameters
    ----------
    chains : Chains
        The result of :func:`~infoview_graph.algorithms._chains.referral_chains`.
    names : mapping of str to str
        Person id → the label to show.
    me : str, optional
        My id, to hang the tree under me.

    Returns
    -------
    bytes
        UTF-8 text; every id and label is a quoted string with ``\`` and ``"`` escaped.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> tree = SimpleNamespace(roots=("a",), children={"a": ("b",)}, also_referred_by=())
    >>> print(to_dot(tree, {"a": "Ann", "b": "a:b"}).decode())
    digraph referrals {
        graph [rankdir=TB];
        node [shape=box, style=rounded];
        "n0" [label="Ann"];
        "n1" [label="a:b"];
        "n0" -> "n1";
    }
    <BLANKLINE>
    """
    ids, edges = _layout(chains, me)
    styles = {"root": " [arrowhead=none, style=dotted]", "tree": "", "also": " [style=dashed]"}
    lines = [
        "digraph referrals {",
        "    graph [rankdir=TB];",
        "    node [shape=box, style=rounded];",
    ]
    lines += [
        f"    {_dot_string(node)} [label={_dot_string(names.get(p, p))}];"
        for p, node in ids.items()
    ]
    lines += [
        f"    {_dot_string(ids[a])} -> {_dot_string(ids[b])}{styles[kind]};" for a, b, kind in edges
    ]
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
