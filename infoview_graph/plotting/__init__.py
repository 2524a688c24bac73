r"""Figures of a job search: the referral tree, the people around me, coverage, the funnel.

Each public ``plot_*`` function takes a :class:`~infoview_graph.network.ReferralNetwork` and
returns a :class:`matplotlib.figure.Figure`, built with matplotlib's object-oriented API —
never ``pyplot``, so nothing is kept in global state and no GUI backend is ever touched.
:func:`figure_bytes` renders a figure as PNG, SVG or PDF; :func:`save_figure` writes one to
a file named by its extension. The command line imports this package only in the commands
that draw.

How the package is built
------------------------
As networkx keeps ``drawing/layout.py`` apart from ``nx_pylab.py``, positions come apart
from pixels. :mod:`infoview_graph.plotting.layout` computes positions with no matplotlib
(the tidy tree, rings around me, labels that do not overlap). Each figure is then two steps:
a *scene* — a small frozen dataclass saying what is drawn, where, with which label
(:func:`tree_scene`, :func:`network_scene`, :func:`coverage_scene`, :func:`funnel_scene`) —
and a thin *draw* step that turns the scene into artists. Tests read the scene.

============================  ==========================================================
module                        owns
============================  ==========================================================
``layout``                    positions: tidy tree, rings, label placement (pure)
``_render``                   rendering set-up: literal text, fonts, SVG/PDF/PNG bytes
``_style``                    palette, marker shapes, legend, caption
``_tree``                     the referral tree: scene and drawing
``_ego``                      the people around me: scene and drawing
``_coverage``, ``_funnel``    coverage of my targets; the funnel and activity
============================  ==========================================================

Design choices
--------------
*Literal labels.* Names are data: a name such as ``$\undefined$`` would be mathtext to
matplotlib and crash rendering. Every figure is built, and rendered by
:func:`figure_bytes`, with ``text.parse_math`` off, and every text that carries data is also
created with ``parse_math=False``, so ``$``, ``\``, ``_``, ``<`` and ``&`` print as typed.
Right-to-left names are shaped and ordered by matplotlib's text layout (libraqm).

*Every script.* Text is set in DejaVu Sans with a fallback list of the fonts installed for
other scripts: Noto Sans CJK for Chinese, Japanese and Korean, Symbola for emoji (on Debian:
``apt-get install fonts-noto-cjk fonts-symbola``; optional — a glyph no installed font has
is drawn as a box rather than raising). SVG keeps its text as text (``svg.fonttype``
``"none"``): selectable, searchable and read aloud by screen readers, drawn by the viewer's
own fonts (a browser shows emoji in colour from Noto Color Emoji when installed).

*Determinism.* Layouts are computed, not simulated. :func:`figure_bytes` renders SVG with a
fixed ``svg.hashsalt`` and no date, and PDF without a creation date, so the same network
gives the same bytes on the same machine (fonts and freetype versions may differ between
machines).

*Colour.* Career fields take Paul Tol's *muted* qualitative scheme (:data:`FIELD_PALETTE`),
distinguishable under the common colour-vision deficiencies; nothing is told by colour
alone (status is the marker's shape, target employers a heavy outline). The funnel's
stages take one blue each, deeper as people get further (:data:`STAGE_COLOURS`).

*Scale.* The tree names everyone up to :data:`LABEL_ALL_UP_TO` people and, above, the most
important names that fit; the picture of the people around me draws at most 40 people, all
named, and counts the rest per field.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> fig = plot_tree(demo_network())
>>> fig.axes[0].get_title(loc="left")
'Referral tree of Steven Olson'
>>> figure_bytes(fig, "svg")[:5]
b'<?xml'
"""

from infoview_graph.plotting._coverage import (
    CoverageRow,
    CoverageScene,
    coverage_scene,
    plot_coverage,
)
from infoview_graph.plotting._ego import EgoPerson, EgoScene, network_scene, plot_network
from infoview_graph.plotting._funnel import (
    STAGE_COLOURS,
    FunnelScene,
    Series,
    date_ticks,
    funnel_scene,
    plot_funnel,
)
from infoview_graph.plotting._render import (
    FIGURE_FORMATS,
    FigureFormat,
    figure_bytes,
    save_figure,
)
from infoview_graph.plotting._style import FIELD_PALETTE, LABEL_ALL_UP_TO, STATUS_MARKERS, Label
from infoview_graph.plotting._tree import TreeArrow, TreeNode, TreeScene, plot_tree, tree_scene
from infoview_graph.plotting.layout import tidy_tree_layout

__all__ = [
    "FIELD_PALETTE",
    "FIGURE_FORMATS",
    "LABEL_ALL_UP_TO",
    "STAGE_COLOURS",
    "STATUS_MARKERS",
    "CoverageRow",
    "CoverageScene",
    "EgoPerson",
    "EgoScene",
    "FigureFormat",
    "FunnelScene",
    "Label",
    "Series",
    "TreeArrow",
    "TreeNode",
    "TreeScene",
    "coverage_scene",
    "date_ticks",
    "figure_bytes",
    "funnel_scene",
    "network_scene",
    "plot_coverage",
    "plot_funnel",
    "plot_network",
    "plot_tree",
    "save_figure",
    "tidy_tree_layout",
    "tree_scene",
]
