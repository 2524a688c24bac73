"""Mermaid and DOT: opaque node ids, names only as escaped labels.

The golden files ``hostile_tree.mmd`` and ``hostile_tree.dot`` were written by hand for the
tree of ``hostile_dump.json``: people called ``end`` (Mermaid's keyword), ``Dr. Who: The
"Doctor"`` (a colon, which cuts an unquoted DOT id, and quotes), ``[bold]Zoë[/bold]
<b>李雷</b> & $\\undefined$`` and ``@SUM(A1) \\N backslash`` (``\\N`` is the node name to
Graphviz).
"""

from __future__ import annotations

import html
import itertools
import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
from interop_support import fixture, fixture_bytes
from strategies import lines

from infoview_graph.algorithms._chains import referral_chains
from infoview_graph.interop.diagrams import to_dot, to_mermaid
from infoview_graph.interop.dump import read_dump
from infoview_graph.network import ReferralNetwork

_MERMAID_NODE = re.compile(r'    (n\d+)\["([^"]*)"\]')
_MERMAID_EDGE = re.compile(r"    (n\d+) (---|-->|-\.->) (n\d+)")
_DOT_NODE = re.compile(r'    "(n\d+)" \[label="((?:[^"\\]|\\.)*)"\];')
_DOT_EDGE = re.compile(r'    "(n\d+)" -> "(n\d+)"(?: \[[a-z=, ]+\])?;')


def _hostile() -> tuple[object, dict[str, str], str]:
    network = ReferralNetwork(read_dump(fixture("hostile_dump.json")))
    names = {p.id: p.name for p in network.persons()}
    return referral_chains(network), names, network.me.id


def test_mermaid_matches_the_hand_written_file() -> None:
    chains, names, me = _hostile()
    assert to_mermaid(chains, names, me=me) == fixture_bytes("hostile_tree.mmd")  # type: ignore[arg-type]


def test_dot_matches_the_hand_written_file() -> None:
    chains, names, me = _hostile()
    assert to_dot(chains, names, me=me) == fixture_bytes("hostile_tree.dot")  # type: ignore[arg-type]


def test_markdown_wraps_the_chart_in_a_mermaid_fence() -> None:
    chains, names, me = _hostile()
    text = to_mermaid(chains, names, me=me, markdown=True).decode()  # type: ignore[arg-type]
    assert text.startswith("```mermaid\nflowchart TD\n")
    assert text.endswith("\n```\n")


def _mermaid_labels(text: str) -> dict[str, str]:
    lines_ = text.split("\n")[1:-1]
    nodes = {m[1]: m[2] for line in lines_ if (m := _MERMAID_NODE.fullmatch(line))}
    edges = [line for line in lines_ if _MERMAID_EDGE.fullmatch(line)]
    assert len(nodes) + len(edges) == len(lines_)  # every line is a node or an edge
    # Mermaid's entity codes are numeric character references.
    return {node: html.unescape(label.replace("#", "&#")) for node, label in nodes.items()}


def _dot_labels(text: str) -> dict[str, str]:
    lines_ = text.split("\n")
    body = lines_[3:-2]
    nodes = {m[1]: m[2] for line in body if (m := _DOT_NODE.fullmatch(line))}
    edges = [line for line in body if _DOT_EDGE.fullmatch(line)]
    assert len(nodes) + len(edges) == len(body)
    assert lines_[-2:] == ["}", ""]
    return {node: re.sub(r"\\(.)", r"\1", label) for node, label in nodes.items()}


@settings(max_examples=60)
@given(st.lists(st.one_of(lines(), st.sampled_from(["end", "a:b", '"', "\\N", "#", "`x`"])),
                min_size=3, max_size=6))  # fmt: skip
def test_any_names_keep_both_formats_intact(names: list[str]) -> None:
    """A chain p0 → p1 → … plus one also-referred-by edge; labels read back as the names."""
    ids = [f"p{n}" for n in range(len(names))]
    chains = SimpleNamespace(
        roots=(ids[0],),
        children={a: (b,) for a, b in itertools.pairwise(ids)},
        also_referred_by=((ids[0], ids[-1]),),
    )
    labels = dict(zip(ids, names, strict=True))
    mermaid = _mermaid_labels(to_mermaid(chains, labels).decode())
    dot = _dot_labels(to_dot(chains, labels).decode())
    assert list(mermaid.values()) == names
    assert list(dot.values()) == names
    assert set(mermaid) == set(dot) == {f"n{n}" for n in range(len(names))}
