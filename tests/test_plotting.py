"""Figures: the tidy tree layout's invariants, what each figure draws, literal labels, bytes.

Structure is checked on the artists (markers drawn, legend entries, titles, texts), never on
pixels; hostile names must render to PNG, SVG and PDF; SVG must parse as XML and be
byte-identical across two builds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Annotation, Text

from infoview_graph.demo import demo_network
from infoview_graph.errors import InvalidInputError, NotFoundError
from infoview_graph.models import (
    CareerField,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Referral,
    Target,
    Tie,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.plotting import (
    FIELD_PALETTE,
    FIGURE_FORMATS,
    LABEL_ALL_UP_TO,
    figure_bytes,
    plot_coverage,
    plot_funnel,
    plot_network,
    plot_tree,
    save_figure,
    tidy_tree_layout,
)

HOSTILE = (
    "$\\undefined$",
    "<script>alert(1)</script>",
    "[bold]Ann[/bold]",
    "a_b & c\\d",
    "Cost $5 & $6",
    "שרה לוי",
    "محمد علي",
    "李雷",
)


# --- helpers ----------------------------------------------------------------------------------


def markers(fig: Figure) -> int:
    """How many people a figure draws: the points of its marker collections."""
    ax = fig.axes[0]
    return sum(len(c.get_offsets()) for c in ax.collections if c.get_label() != "lines")


def legend_labels(fig: Figure) -> list[str]:
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


def hostile_network() -> ReferralNetwork:
    """Me and a referral chain of people whose names are all trouble for a renderer."""
    persons = [Person(id="me", name="Me $\\alpha$ <b>", is_self=True)]
    persons += [
        Person(id=f"p{i}", name=name, fields=("f-1",), organization="o-1")
        for i, name in enumerate(HOSTILE)
    ]
    day = dt.date(2026, 1, 5)
    return ReferralNetwork(
        NetworkData(
            persons=tuple(persons),
            fields=(CareerField(id="f-1", name="$\\bad$ <field> [x]"),),
            organizations=(Organization(id="o-1", name="<Org> & $\\x$"),),
            ties=(Tie(a="me", b="p0", strength=3), Tie(a="me", b="p1", strength=1)),
            referrals=tuple(
                Referral(referrer=f"p{i}", referee=f"p{i + 1}", on=day + dt.timedelta(days=i))
                for i in range(len(HOSTILE) - 1)
            ),
            outreach=(Outreach(id="o-1", person="p1", on=day, replied_on=day),),
            interviews=(Interview(id="i-1", person="p1", on=day + dt.timedelta(days=2)),),
            targets=(Target(kind="org", id="o-1", priority=1), Target(kind="field", id="f-1")),
            as_of=dt.date(2026, 2, 1),
        )
    )


def only_me() -> ReferralNetwork:
    return ReferralNetwork(NetworkData(persons=(Person(id="me", name="Me", is_self=True),)))


def forest(n: int) -> ReferralNetwork:
    """Me, three contacts, and n - 4 people each named by the person two places before."""
    ids = [f"p{i}" for i in range(n)]
    fields = tuple(CareerField(id=f"f-{i}", name=f"Field {i}") for i in range(12))
    persons = [Person(id=ids[0], name="Me", is_self=True)]
    persons += [
        Person(id=pid, name=f"Person Number {i}", fields=(f"f-{i % 12}",))
        for i, pid in enumerate(ids[1:], 1)
    ]
    day = dt.date(2026, 1, 1)
    return ReferralNetwork(
        NetworkData(
            persons=tuple(persons),
            fields=fields,
            ties=tuple(Tie(a=ids[0], b=ids[i], strength=2) for i in (1, 2, 3)),
            referrals=tuple(
                Referral(referrer=ids[max(1, (i - 1) // 2)], referee=ids[i], on=day)
                for i in range(4, n)
            ),
        )
    )


def overlaps(fig: Figure, kind: type[Text]) -> list[tuple[str, str]]:
    """Pairs of texts of one kind whose drawn boxes overlap."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = [
        (t.get_text(), t.get_window_extent(renderer))
        for t in fig.axes[0].texts
        if type(t) is kind and t.get_text()
    ]
    return [
        (a, b)
        for n, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[n + 1 :]
        if box_a.overlaps(box_b)
    ]


# --- the tidy tree layout ---------------------------------------------------------------------


@st.composite
def trees(draw: st.DrawFn) -> dict[int, list[int]]:
    """A random rooted tree on 1…60 nodes: each node's parent is an earlier node."""
    size = draw(st.integers(1, 60))
    children: dict[int, list[int]] = {}
    for node in range(1, size):
        children.setdefault(draw(st.integers(0, node - 1)), []).append(node)
    return children


@given(trees())
def test_layout_centres_parents_and_keeps_a_unit_apart(children: dict[int, list[int]]) -> None:
    layout = tidy_tree_layout(children, 0)
    assert min(x for x, _ in layout.values()) == 0.0
    for parent, kids in children.items():
        x, depth = layout[parent]
        assert layout[kids[0]][1] == depth + 1
        assert x == pytest.approx((layout[kids[0]][0] + layout[kids[-1]][0]) / 2)
        xs = [layout[k][0] for k in kids]
        assert xs == sorted(xs)  # siblings keep their order
    rows: dict[int, list[float]] = {}
    for x, depth in layout.values():
        rows.setdefault(depth, []).append(x)
    for row in rows.values():
        row.sort()
        assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(row))


@given(trees())
def test_layout_draws_no_crossing_lines(children: dict[int, list[int]]) -> None:
    """Left to right on every row is the order of a depth-first walk: no two edges cross."""
    order: list[int] = []
    stack = [0]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(children.get(node, [])))
    layout = tidy_tree_layout(children, 0)
    rank = {node: n for n, node in enumerate(order)}
    rows: dict[int, list[int]] = {}
    for node, (_, depth) in layout.items():
        rows.setdefault(depth, []).append(node)
    for row in rows.values():
        assert sorted(row, key=lambda v: layout[v][0]) == sorted(row, key=rank.__getitem__)


@given(trees())
def test_a_mirrored_tree_gets_the_mirrored_layout(children: dict[int, list[int]]) -> None:
    layout = tidy_tree_layout(children, 0)
    mirrored = tidy_tree_layout({k: v[::-1] for k, v in children.items()}, 0)
    width = max(x for x, _ in layout.values())
    for node, (x, depth) in layout.items():
        assert mirrored[node] == (pytest.approx(width - x), depth)


def test_layout_of_small_trees_worked_by_hand() -> None:
    """A complete binary tree: leaves one apart, each parent midway between its children.

    A root with a big and a small subtree: the small one sits one unit right of the big
    one's rightmost node on the shared row, not one unit right of its root.
    """
    binary = {0: [1, 2], 1: [3, 4], 2: [5, 6]}
    assert {n: x for n, (x, _) in tidy_tree_layout(binary, 0).items()} == {
        3: 0.0, 4: 1.0, 5: 2.0, 6: 3.0, 1: 0.5, 2: 2.5, 0: 1.5,
    }  # fmt: skip
    lopsided = {"r": ["a", "b"], "a": ["c", "d", "e"], "b": ["f", "g"]}
    layout = tidy_tree_layout(lopsided, "r")
    assert layout["f"][0] - layout["e"][0] == 1.0
    assert layout["b"] == (3.5, 1)


def test_layout_handles_a_long_chain_and_refuses_a_graph_that_is_no_tree() -> None:
    chain = {n: [n + 1] for n in range(5_000)}
    layout = tidy_tree_layout(chain, 0)
    assert layout[5_000] == (0.0, 5_000)
    with pytest.raises(ValueError, match="not form a tree"):
        tidy_tree_layout({"a": ["b", "c"], "b": ["c"]}, "a")


# --- the referral tree ------------------------------------------------------------------------


def test_tree_of_the_demo() -> None:
    """Me, my 4 contacts who started chains, and the 12 people they led to: 17 markers.

    Priya Raman named Marcus Bell after Denise Okafor had: one dashed arrow, dated 5 Nov.
    """
    fig = plot_tree(demo_network())
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Referral tree of Steven Olson"
    assert markers(fig) == 17
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == 1
    assert arrows[0].get_linestyle() != "-"
    labels = legend_labels(fig)
    assert labels[:7] == [
        "Career field",
        "Accounting (target)",
        "Non-profit management (target)",
        "Freelance writing (target)",
        "Auditing",
        "Corporate finance",
        "Technical writing",
    ]
    for entry in ("Status", "me", "interviewed", "replied", "contacted", "declined", "not yet"):
        assert entry in labels
    assert labels[-3:] == [
        "referral, with its date",
        "my contact (no referral)",
        "also referred by",
    ]
    shown = texts(fig)
    assert {"Margaret Smith", "Zoë Martín", "Rachel\nGoldberg", "17 Nov", "5 Nov"} <= set(shown)
    assert not overlaps(fig, Annotation)
    assert "16 people, 12 referrals" in fig.get_supxlabel()


def test_tree_from_a_person_and_cut_at_a_depth() -> None:
    net = demo_network()
    fig = plot_tree(net, root="denise-okafor")
    assert fig.axes[0].get_title(loc="left") == "Referrals from Denise Okafor"
    # Denise, Marcus, Zoë; Elena under Marcus; Kenji and Priya under Zoë; Samuel under Priya.
    assert markers(fig) == 7
    cut = plot_tree(net, root="denise-okafor", max_depth=1)
    assert markers(cut) == 3
    assert {"Marcus Bell\n+1 below", "Zoë Martín\n+3 below"} <= set(texts(cut))
    assert "4 more people lie below level 1" in cut.get_supxlabel()
    assert not [p for p in cut.axes[0].patches if isinstance(p, FancyArrowPatch)]


def test_bulk_outcomes_agree_with_the_one_person_reference() -> None:
    from infoview_graph.algorithms._chains import outcome
    from infoview_graph.plotting import _outcomes

    for net in (demo_network(), hostile_network()):
        everyone = [p.id for p in net.persons()]
        assert _outcomes(net, everyone) == {pid: outcome(net, pid) for pid in everyone}
    day = dt.date(2026, 1, 9)
    declined = ReferralNetwork(
        NetworkData(
            persons=(Person(id="me", name="Me", is_self=True), Person(id="a", name="A")),
            outreach=(
                Outreach(id="o-1", person="a", on=day),
                Outreach(id="o-2", person="a", on=day, replied_on=day, declined=True),
            ),
        )
    )
    assert _outcomes(declined, ["a"]) == {"a": outcome(declined, "a")} == {"a": "declined"}


def test_tree_refuses_an_unknown_root_and_a_depth_below_one() -> None:
    with pytest.raises(NotFoundError):
        plot_tree(demo_network(), root="nobody")
    with pytest.raises(InvalidInputError, match="max_depth"):
        plot_tree(demo_network(), max_depth=0)


def test_big_tree_names_only_what_fits_and_says_so() -> None:
    net = forest(400)
    fig = plot_tree(net)
    assert markers(fig) == 400
    named = [t for t in fig.axes[0].texts if isinstance(t, Annotation)]
    assert LABEL_ALL_UP_TO < 400
    assert 10 < len(named) < 400
    assert f"Names shown for {len(named)} of 400 people" in fig.get_supxlabel()
    assert not overlaps(fig, Annotation)
    width, height = fig.get_size_inches()
    assert width <= 34
    assert height <= 21
    # Twelve fields, nine colours: three share the grey.
    assert "3 other fields" in legend_labels(fig)


# --- the other figures ------------------------------------------------------------------------


def test_network_of_the_demo() -> None:
    """37 people within two steps of me (2 of the 39 are further); the top 10 numbered."""
    fig = plot_network(demo_network())
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "The people around Steven Olson"
    assert markers(fig) == 38
    numbered = sorted(t.get_text() for t in ax.texts if t.get_text()[:1].isdigit())
    assert len(numbered) == 10
    assert "1. Margaret Smith" in numbered
    labels = legend_labels(fig)
    assert {"Career field", "Suggestion score", "Outline", "not suggested"} <= set(labels)
    assert any(label.startswith("at a target employer: General") for label in labels)
    sizes = ax.collections[-1].get_sizes()
    assert max(sizes) > 10 * min(sizes)  # sized by score


def test_network_options_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="depth"):
        plot_network(demo_network(), depth=0)
    fig = plot_network(demo_network(), depth=1, top=3)
    assert markers(fig) == 21  # me and my 20 direct contacts
    assert sum(t.get_text()[:1].isdigit() for t in fig.axes[0].texts) == 3


def test_coverage_and_funnel_of_the_demo() -> None:
    fig = plot_coverage(demo_network())
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Coverage of my targets"
    assert [len(bars) for bars in ax.containers] == [6, 6, 6]
    assert "Accounting\nfield, priority 1" in texts(fig)
    assert "12 known · 3 reached out · 3 interviewed" in texts(fig)
    assert legend_labels(fig) == [
        "People there",
        "interviewed",
        "reached out, not interviewed yet",
        "known, not reached out",
    ]
    funnel = plot_funnel(demo_network(), today=dt.date(2026, 11, 20))
    assert [a.get_title(loc="left") for a in funnel.axes] == ["Funnel", "Activity over time"]
    assert "identified: 15" in texts(funnel)
    assert legend_labels(funnel)[1:] == [
        "referrals received (13)",
        "outreach sent (11)",
        "replies (8)",
        "interviews (6)",
    ]


def test_every_figure_draws_a_network_of_only_me() -> None:
    net = only_me()
    for draw, message in (
        (plot_tree, "No referrals yet"),
        (plot_network, "Nobody around me yet"),
        (plot_coverage, "No targets yet"),
        (plot_funnel, "Nothing recorded yet."),
    ):
        fig = draw(net)
        assert any(t.startswith(message) for t in texts(fig)), draw.__name__
        assert figure_bytes(fig, "png")[1:4] == b"PNG"


# --- literal labels, formats, determinism -----------------------------------------------------


@pytest.mark.parametrize("draw", [plot_tree, plot_network, plot_coverage, plot_funnel])
def test_hostile_names_render_literally_in_every_format(draw: object) -> None:
    fig = draw(hostile_network())  # type: ignore[operator]
    for text in fig.findobj(Text):
        if "$" in text.get_text():
            assert not text.get_parse_math(), text.get_text()
    for fmt in FIGURE_FORMATS:
        data = figure_bytes(fig, fmt)
        assert data
    ET.fromstring(figure_bytes(fig, "svg"))  # noqa: S314 (our own SVG, well-formed)


def test_hostile_names_are_written_as_typed() -> None:
    shown = texts(plot_tree(hostile_network()))
    for name in ("$\\undefined$", "[bold]Ann[/bold]", "a_b & c\\d", "Cost $5 & $6", "שרה לוי"):
        assert name in shown
    assert "<script>alert(1)</s…" in shown  # one long word: cut, not mangled
    assert "Referral tree of Me $\\alpha$ <b>" in texts(plot_tree(hostile_network()))
    assert "$\\bad$ <field> [x] (target)" in legend_labels(plot_tree(hostile_network()))


def test_two_builds_give_identical_bytes() -> None:
    for draw in (plot_tree, plot_network):
        first = figure_bytes(draw(demo_network()), "svg")
        second = figure_bytes(draw(demo_network()), "svg")
        assert first == second, draw.__name__
        assert b"<dc:date>" not in first
    fig = plot_funnel(demo_network())
    assert figure_bytes(fig, "pdf") == figure_bytes(fig, "pdf")
    assert b"CreationDate" not in figure_bytes(fig, "pdf")


def test_formats_and_file_names(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    fig = plot_coverage(demo_network())
    assert figure_bytes(fig, "pdf").startswith(b"%PDF")
    assert figure_bytes(fig, ".SVG").startswith(b"<?xml")
    with pytest.raises(InvalidInputError, match="png, svg, pdf"):
        figure_bytes(fig, "jpg")
    assert save_figure(fig, folder / "c.png").read_bytes()[1:4] == b"PNG"
    with pytest.raises(InvalidInputError, match=r"\.png, \.svg, \.pdf"):
        save_figure(fig, folder / "c.gif")
    assert not (folder / "c.gif").exists()


def test_palette_is_tol_muted_and_fields_keep_their_order() -> None:
    assert FIELD_PALETTE[:3] == ("#CC6677", "#332288", "#DDCC77")
    fig = plot_tree(demo_network())
    legend = fig.legends[0]
    accounting = next(h for h, t in zip(legend.legend_handles, legend.get_texts(), strict=True)
                      if t.get_text() == "Accounting (target)")  # fmt: skip
    assert accounting.get_markerfacecolor() == FIELD_PALETTE[0]  # type: ignore[union-attr]


def test_drawing_never_imports_pyplot() -> None:
    code = (
        "import sys\n"
        "from infoview_graph.demo import demo_network\n"
        "from infoview_graph.plotting import figure_bytes, plot_tree\n"
        "figure_bytes(plot_tree(demo_network()), 'png')\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
