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
    EgoScene,
    coverage_scene,
    figure_bytes,
    network_scene,
    plot_coverage,
    plot_funnel,
    plot_network,
    plot_tree,
    save_figure,
    tidy_tree_layout,
    tree_scene,
)
from infoview_graph.plotting._ego import draw_network

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


def linkedin(n: int, *, seed: int = 7) -> ReferralNetwork:
    """Me tied to most of n - 1 people (a LinkedIn export), the others known through them.

    Twelve fields, twenty employers, one target of each kind; a tenth written to, some of
    them replied and interviewed; long and CJK names among them.
    """
    import random

    rng = random.Random(seed)
    day = dt.date(2026, 10, 1)
    given = ("Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Hana", "Kofi", "李", "Maximilian")
    family = ("Rossi", "Silva", "Okafor", "Nguyen", "山田", "Papadopoulou-Wintergarden")
    fields = tuple(CareerField(id=f"f-{i}", name=f"Field {i}") for i in range(12))
    orgs = tuple(Organization(id=f"o-{i}", name=f"Employer {i}") for i in range(20))
    persons = [Person(id="me", name="Me Myself", is_self=True)]
    persons += [
        Person(id=f"p{i}", name=f"{rng.choice(given)} {rng.choice(family)}{i}",
               fields=(f"f-{rng.randrange(12)}",), organization=f"o-{rng.randrange(20)}")
        for i in range(1, n)
    ]  # fmt: skip
    direct = [f"p{i}" for i in range(1, n) if i % 8]
    ties = [Tie(a="me", b=pid, strength=rng.randint(1, 5)) for pid in direct]
    ties += [
        Tie(a=rng.choice(direct), b=f"p{i}", strength=rng.randint(1, 5))
        for i in range(1, n)
        if not i % 8
    ]
    written = rng.sample(direct, n // 10)
    outreach = [
        Outreach(id=f"out-{pid}", person=pid, on=day, replied_on=day if k % 2 else None)
        for k, pid in enumerate(written)
    ]
    interviews = [Interview(id=f"int-{pid}", person=pid, on=day) for pid in written[1:8:2]]
    return ReferralNetwork(
        NetworkData(
            persons=tuple(persons), fields=fields, organizations=orgs, ties=tuple(ties),
            outreach=tuple(outreach), interviews=tuple(interviews),
            targets=(Target(kind="field", id="f-3", priority=1), Target(kind="org", id="o-2")),
            as_of=dt.date(2026, 11, 20),
        )
    )  # fmt: skip


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

    Priya Raman named Marcus Bell after Denise Okafor had: one dashed arrow, dated Nov 5.
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
    assert {"Margaret Smith", "Zoë Martín", "Rachel\nGoldberg", "Nov 17", "Nov 5"} <= set(shown)
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
    from infoview_graph.plotting._style import outcomes as _outcomes

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
    """37 people within two steps of me (2 of the 39 are further): few enough to draw all.

    The top 10 by suggestion score are numbered; every drawn person is named.
    """
    scene = network_scene(demo_network())
    assert scene.within_reach == 37
    assert len(scene.people) == 37
    assert not scene.not_drawn
    numbered = sorted(p.label for p in scene.people if p.label[:1].isdigit())
    assert len(numbered) == 10
    assert {"1. Maya Lindström", "2. Margaret Smith"} <= set(numbered)  # as suggest ranks
    fig = draw_network(scene)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "The people around Steven Olson"
    assert markers(fig) == 38
    assert {p.label for p in scene.people} <= set(texts(fig))
    labels = legend_labels(fig)
    assert {"Career field", "Status", "Suggestion score", "Outline", "not suggested"} <= set(labels)
    assert any(label.startswith("at a target employer: General") for label in labels)
    areas = [p.area for p in scene.people]
    assert max(areas) > 10 * min(areas)  # sized by score


def test_network_options_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="depth"):
        plot_network(demo_network(), depth=0)
    with pytest.raises(InvalidInputError, match="max_people"):
        plot_network(demo_network(), max_people=0)
    fig = plot_network(demo_network(), depth=1, top=3)
    assert markers(fig) == 21  # me and my 20 direct contacts
    assert sum(t.get_text()[:1].isdigit() for t in fig.axes[0].texts) == 3


def label_overlaps(scene: EgoScene) -> list[tuple[str, str]]:
    boxes = [(scene.me_label, scene.me_box)] + [(p.label, p.box) for p in scene.people]
    return [
        (a, b)
        for n, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[n + 1 :]
        if box_a[0] < box_b[2] and box_b[0] < box_a[2] and box_a[1] < box_b[3]
        and box_b[1] < box_a[3]
    ]  # fmt: skip


def drawn_extents_fit_the_scene(scene: EgoScene, fig: Figure) -> None:
    """Each label as matplotlib draws it lies within the box the scene gave it (± 0.03 in)."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    to_inches = ax.transData.inverted()
    boxes: dict[str, list[tuple[float, float, float, float]]] = {}
    for p in scene.people:  # two people may share a (shortened) label
        boxes.setdefault(p.label, []).append(p.box)
    checked = 0
    for text in ax.texts:
        if text.get_text() not in boxes:
            continue
        extent = text.get_window_extent(renderer)
        (x0, y0), (x1, y1) = to_inches.transform([(extent.x0, extent.y0), (extent.x1, extent.y1)])
        assert any(
            bx0 - 0.03 <= x0 and x1 <= bx1 + 0.03 and by0 - 0.03 <= y0 and y1 <= by1 + 0.03
            for bx0, by0, bx1, by1 in boxes[text.get_text()]
        ), text.get_text()
        checked += 1
    assert checked == len(scene.people)


def test_network_labels_never_overlap_on_the_demo() -> None:
    scene = network_scene(demo_network())
    assert not label_overlaps(scene)
    drawn_extents_fit_the_scene(scene, draw_network(scene))


def test_a_500_person_network_draws_40_named_people_and_counts_the_rest() -> None:
    """Me and 499 people, most of them LinkedIn contacts: at most 40 drawn, all named.

    The rest are counted by field; nobody is drawn without the contact who leads to them.
    """
    net = linkedin(500)
    scene = network_scene(net)
    assert scene.within_reach == 499
    assert 35 <= len(scene.people) <= 40
    assert 1 in {p.ring for p in scene.people} <= {1, 2}
    assert not label_overlaps(scene)
    assert sum(count for *_, count in scene.not_drawn) == 499 - len(scene.people)
    drawn_extents_fit_the_scene(scene, draw_network(scene))
    # The best next contacts are among those drawn, numbered in order.
    assert [p.label.split(".")[0] for p in scene.people[:10]] == [str(n) for n in range(1, 11)]


def test_cjk_and_emoji_names_are_drawn_with_fallback_fonts() -> None:
    """With the Noto CJK and Symbola fonts installed, no glyph falls back to a box."""
    import warnings

    from infoview_graph.plotting._render import font_family

    if not {"Noto Sans CJK JP", "Symbola"} <= set(font_family()):
        pytest.skip("the optional fonts are not installed (fonts-noto-cjk, fonts-symbola)")
    net = ReferralNetwork(
        NetworkData(
            persons=(
                Person(id="me", name="Me", is_self=True),
                Person(id="a", name="李雷 🎉"),
                Person(id="b", name="山田 太郎 😀"),
            ),
            ties=(Tie(a="me", b="a", strength=2), Tie(a="me", b="b", strength=2)),
        )
    )
    fig = plot_network(net)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()  # rendering outside figure_bytes keeps the missing-glyph warnings
    assert not [w for w in caught if "missing from" in str(w.message)]
    svg = figure_bytes(fig, "svg").decode()
    assert "李雷 🎉" in svg  # text stays text
    assert "<text" in svg


def test_coverage_and_funnel_of_the_demo() -> None:
    fig = plot_coverage(demo_network())
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Coverage of my targets"
    scene = coverage_scene(demo_network())
    assert scene.xmax == 12  # the axis ends at the longest bar, not beyond
    assert ax.get_xlim()[1] < 13
    assert [len(bars) for bars in ax.containers] == [6, 6, 6]
    assert "Accounting\nfield, priority 1" in texts(fig)
    assert "12 known · 3 reached out · 3 interviewed" in texts(fig)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
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


# --- scenes and long chains -------------------------------------------------------------------


def chain(n: int) -> ReferralNetwork:
    """Me, one contact, and a chain of n referrals below them, a week apart at most."""
    ids = [f"p{i}" for i in range(n + 1)]
    persons = [Person(id="me", name="Me", is_self=True)]
    persons += [Person(id=pid, name=f"Person {i}") for i, pid in enumerate(ids)]
    day = dt.date(2026, 1, 1)
    return ReferralNetwork(
        NetworkData(
            persons=tuple(persons),
            ties=(Tie(a="me", b="p0", strength=3),),
            referrals=tuple(
                Referral(referrer=a, referee=b, on=day + dt.timedelta(days=i % 7))
                for i, (a, b) in enumerate(itertools.pairwise(ids))
            ),
        )
    )


def test_a_5000_deep_referral_chain_draws() -> None:
    """Layout, the levels kept, the hidden counts and the names are all iterative."""
    scene = tree_scene(chain(5_000))
    assert len(scene.nodes) == 5_002
    assert min(node.y for node in scene.nodes) == -5_001
    cut = tree_scene(chain(5_000), max_depth=3)
    assert cut.names[-1].text.endswith("+4998 below")


def test_tree_scene_of_a_short_chain_worked_by_hand() -> None:
    """Me → p0 (my contact) → p1 → p2: one column, the dates on the referral lines.

    Four people in one column at x = 0, one level apart; two referral lines' dates
    (Jan 1 for p0 → p1, Jan 2 for p1 → p2); the line from me to p0 is a contact line.
    """
    scene = tree_scene(chain(2))
    assert [(n.person_id, n.x, n.y) for n in scene.nodes] == [
        ("me", 0.0, 0.0), ("p0", 0.0, -1.0), ("p1", 0.0, -2.0), ("p2", 0.0, -3.0),
    ]  # fmt: skip
    assert [d.text for d in scene.dates] == ["Jan 1", "Jan 2"]
    assert scene.nodes[0].shape == "me"
    assert len(scene.contact_lines) == 3  # down from me, the bar, down to p0
    assert "3 people, 2 referrals" in scene.caption
    assert "2 people, 1 referral;" in tree_scene(chain(1)).caption  # one, not "1 referrals"


def test_funnel_dates_read_like_a_calendar() -> None:
    from infoview_graph.plotting import date_ticks

    week = [label for _, label in date_ticks(dt.date(2026, 11, 2), dt.date(2026, 11, 6))]
    assert week == ["Nov 2", "Nov 3", "Nov 4", "Nov 5", "Nov 6"]
    across = [label for _, label in date_ticks(dt.date(2026, 10, 1), dt.date(2027, 3, 1))]
    assert across == ["Oct 2026", "Nov", "Dec", "Jan 2027", "Feb", "Mar"]
    assert date_ticks(dt.date(1, 1, 1), dt.date(9999, 12, 31))  # no overflow at the ends
    fig = plot_funnel(demo_network(), today=dt.date(2026, 11, 20))
    shown = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    assert shown == ["Sep 14", "Sep 28", "Oct 12", "Oct 26", "Nov 9"]
    assert "today, Nov 20 " in texts(fig)


def test_funnel_colours_mean_the_stages() -> None:
    from infoview_graph.plotting import STAGE_COLOURS, funnel_scene

    scene = funnel_scene(demo_network())
    assert [colour for *_, colour in scene.stages] == list(STAGE_COLOURS.values())
    by_name = {s.name: s.colour for s in scene.series}
    assert by_name["interviews"] == STAGE_COLOURS["interviewed"]
    assert by_name["outreach sent"] == STAGE_COLOURS["contacted"]


def test_a_numbered_right_to_left_name_keeps_its_number_on_the_left() -> None:
    """ "1. محمد علي" would show as "محمد علي .1" without a left-to-right mark before it."""
    net = ReferralNetwork(
        NetworkData(
            persons=(Person(id="me", name="Me", is_self=True), Person(id="a", name="محمد علي")),
            ties=(Tie(a="me", b="a", strength=3),),
        )
    )
    (person,) = network_scene(net).people
    assert person.label == "\u200e1. محمد علي"
    assert network_scene(demo_network()).people[0].label == "1. Maya Lindström"  # no mark
