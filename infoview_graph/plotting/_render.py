"""Rendering set-up: literal text, fonts for every script, byte-stable PNG, SVG and PDF."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import matplotlib

from infoview_graph._files import write_atomic
from infoview_graph.errors import InvalidInputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

FigureFormat = Literal["png", "svg", "pdf"]
"""A figure's file format: ``"png"``, ``"svg"`` or ``"pdf"``."""
FIGURE_FORMATS: tuple[FigureFormat, ...] = ("png", "svg", "pdf")
"""The file formats :func:`figure_bytes` writes."""

_SALT = "infoview-graph"
# Fonts tried, in order, for glyphs DejaVu Sans lacks, when installed: Noto for CJK and the
# other scripts, Symbola for emoji (matplotlib draws outline fonts only, so the colour
# bitmaps of Noto Color Emoji cannot serve in PNG or PDF; browsers use it for SVG text).
_FALLBACK_FONTS = (
    "Noto Sans",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Noto Sans CJK KR",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Devanagari",
    "Droid Sans Fallback",
    "WenQuanYi Zen Hei",
    "Arial Unicode MS",
    "Symbola",
)


@cache
def font_family() -> tuple[str, ...]:
    """Return the font fallback list: DejaVu Sans, then each installed fallback font."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *(name for name in _FALLBACK_FONTS if name in installed))


@contextmanager
def style() -> Iterator[None]:
    """Build or render with literal text, fixed SVG ids, text kept as text, any script."""
    settings: dict[RcKeyType, Any] = {
        "text.parse_math": False,
        "text.usetex": False,
        "svg.hashsalt": _SALT,
        # Text stays text in SVG: selectable, searchable, read by screen readers.
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "font.family": list(font_family()),
        "font.size": 9,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
    }
    # A fallback font without a bold face (Symbola) is used at its regular weight: say nothing.
    fonts = logging.getLogger("matplotlib.font_manager")
    level = fonts.level
    fonts.setLevel(max(level, logging.ERROR))
    try:
        with matplotlib.rc_context(settings), warnings.catch_warnings():
            # A name in a script no installed font covers is drawn as boxes, not an error.
            warnings.filterwarnings(
                "ignore", message=r"Glyph \d+ .*missing from", category=UserWarning
            )
            yield
    finally:
        fonts.setLevel(level)


def figure_bytes(figure: Figure, fmt: str, *, dpi: float | None = None) -> bytes:
    """Render a figure as PNG, SVG or PDF, byte-stable for the same figure.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure, e.g. from :func:`~infoview_graph.plotting.plot_tree`.
    fmt : {"png", "svg", "pdf"}
        The file format.
    dpi : float, optional
        Resolution of a PNG (default: the figure's, 100 for the figures of this package).

    Returns
    -------
    bytes
        The file's content. SVG has no date, fixed element ids (``svg.hashsalt``) and its
        text as ``<text>`` elements; PDF has no creation date; text is literal (no mathtext).

    Raises
    ------
    InvalidInputError
        If the format is not one of :data:`FIGURE_FORMATS`.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> from infoview_graph.plotting import plot_coverage
    >>> fig = plot_coverage(demo_network())
    >>> figure_bytes(fig, "svg") == figure_bytes(fig, "svg")
    True
    >>> b"<text" in figure_bytes(fig, "svg")
    True
    >>> figure_bytes(fig, "png")[1:4]
    b'PNG'
    """
    fmt = fmt.lower().lstrip(".")
    metadata: dict[str, Any]
    if fmt == "svg":
        metadata = {"Date": None}
    elif fmt == "pdf":
        metadata = {"CreationDate": None}
    elif fmt == "png":
        metadata = {}
    else:
        raise InvalidInputError(
            f"'{fmt}' is not a figure format; use one of: {', '.join(FIGURE_FORMATS)}"
        )
    buffer = io.BytesIO()
    with style():
        figure.savefig(buffer, format=fmt, metadata=metadata, dpi=dpi or "figure")
    return buffer.getvalue()


def save_figure(figure: Figure, path: str | Path, *, dpi: float | None = None) -> Path:
    """Write a figure to a file whose extension names the format (.png, .svg or .pdf).

    An existing file is replaced, as ``Figure.savefig`` would; the ``referrals plot``
    commands add the protection against overwriting by accident.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure.
    path : str or pathlib.Path
        Where to write it.
    dpi : float, optional
        Resolution of a PNG.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InvalidInputError
        If the extension is not .png, .svg or .pdf.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from infoview_graph.demo import demo_network
    >>> from infoview_graph.plotting import plot_funnel
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "funnel.svg"
    >>> save_figure(plot_funnel(demo_network()), target).stat().st_size > 1000
    True
    """
    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in FIGURE_FORMATS:
        raise InvalidInputError(
            f"'{target.name}' has no figure extension; use one of: "
            + ", ".join(f".{f}" for f in FIGURE_FORMATS)
        )
    # Through the one writer: atomic and private, like every file the tool writes.
    return write_atomic(target, figure_bytes(figure, suffix, dpi=dpi), force=True)


@cache
def _renderer() -> Any:
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 72)  # type: ignore[no-untyped-call]


def text_size(text: str, size: float, *, bold: bool = False) -> tuple[float, float]:
    """Measure a text's width and height in inches, as matplotlib will draw it.

    Measured with the fonts :func:`style` sets (fallbacks included), one line at a time,
    lines spaced as matplotlib spaces them (1.2 × the font size).
    """
    from matplotlib.font_manager import FontProperties

    with style():
        prop = FontProperties(size=size, weight="bold" if bold else "normal")
        lines = text.split("\n")
        widths = [_renderer().get_text_width_height_descent(line, prop, ismath=False)[0]
                  for line in lines]  # fmt: skip
    # The renderer works at 72 dpi: its pixels are points.
    return max(widths) / 72, (size * 1.2 * (len(lines) - 1) + size * 1.18) / 72
