"""``referrals plot tree|network|coverage|funnel`` and ``referrals report``: pictures and pages.

matplotlib and the report builder load inside the commands, so that every other command
starts without them. Output files are personal data: each is written to a 0600 temporary
file beside the target and moved into place in one step, and an existing file is replaced
only with --force.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from infoview_graph._files import check_writable, write_atomic
from infoview_graph.cli._context import load_network, store_path
from infoview_graph.cli._options import AsOfOpt, DemoOpt
from infoview_graph.cli._output import done, handle_errors

if TYPE_CHECKING:
    from matplotlib.figure import Figure


Draw = Callable[..., "Figure"]

plot_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Draw figures: the referral tree, the people around me, coverage, the funnel.\n\n"
        "Example:  referrals plot tree --demo --out tree.png"
    ),
)

_FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
_REPORT_SUFFIXES = (".html", ".md")

FigureOutOpt = Annotated[
    Path,
    typer.Option(
        "--out", help="The file to write; .png, .svg or .pdf chooses the format.", dir_okay=False
    ),
]
ReportOutOpt = Annotated[
    Path,
    typer.Option(
        "--out",
        help="The report to write: .html (one self-contained file) or .md (SVG figures beside).",
        dir_okay=False,
    ),
]
NetworkOutOpt = Annotated[
    Path,
    typer.Option(
        "--out",
        help=(
            "The file to write; .png, .svg or .pdf chooses the format, .html writes the "
            "interactive view (one self-contained file)."
        ),
        dir_okay=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")]


def _suffix(path: Path, allowed: tuple[str, ...]) -> str:
    """Return the format the file's extension names; checked before any work is done.

    A name with another extension is a usage error (exit 2), like any bad option value.
    """
    suffix = path.suffix.lower()
    if suffix not in allowed:
        shown = f"'{path.suffix}'" if path.suffix else "no extension"
        raise typer.BadParameter(
            f"'{path.name}' has {shown}; use one of {', '.join(allowed)}",
            param_hint="'--out'",
        )
    return suffix.lstrip(".")


def _check_targets(paths: list[Path], *, force: bool) -> None:
    for path in paths:  # before any work: a bad name costs nothing
        check_writable(path, force=force, protect=store_path())


def _plot(
    out: Path,
    force: bool,
    today: dt.date | None,
    demo: bool,
    draw: Callable[[], Draw],
    **options: object,
) -> None:
    """Check the target, load the network, draw with what ``draw()`` gives, write the file.

    ``draw`` returns the figure function, so that matplotlib loads only once the target is
    known to be good.
    """
    fmt = _suffix(out, _FIGURE_SUFFIXES)
    _check_targets([out], force=force)
    network = load_network(demo=demo)
    if options.get("root"):
        options["root"] = network.find_person(str(options["root"])).id
    from infoview_graph.plotting import figure_bytes

    figure = draw()(network, today=today, **options)
    write_atomic(out, figure_bytes(figure, fmt), force=force, protect=store_path())
    done(f"wrote {out}")


def _tree() -> Draw:
    from infoview_graph.plotting import plot_tree

    return plot_tree


def _network() -> Draw:
    from infoview_graph.plotting import plot_network

    return plot_network


def _coverage() -> Draw:
    from infoview_graph.plotting import plot_coverage

    return plot_coverage


def _funnel() -> Draw:
    from infoview_graph.plotting import plot_funnel

    return plot_funnel


@plot_app.command("tree")
@handle_errors
def tree(
    out: FigureOutOpt,
    from_: Annotated[
        Optional[str],
        typer.Option("--from", help="Draw only the tree under this person (id or name)."),
    ] = None,
    max_depth: Annotated[
        Optional[int],
        typer.Option("--max-depth", min=1, help="Draw this many levels below the top."),
    ] = None,
    today: AsOfOpt = None,
    demo: DemoOpt = False,
    force: ForceOpt = False,
) -> None:
    """Draw my referral tree: who led to whom, when, and how each contact turned out.

    Colour: career field. Shape: interviewed, replied, contacted, declined, not yet.
    Dashed arrows: someone named again by another person ("also referred by").

    Example:  referrals plot tree --demo --out tree.png
    """
    _plot(out, force, today, demo, _tree, root=from_, max_depth=max_depth)


def _view(out: Path, force: bool, today: dt.date | None, demo: bool) -> None:
    """Check the target, load the network, write the interactive view as one HTML file."""
    _check_targets([out], force=force)
    network = load_network(demo=demo)
    from infoview_graph.webview import network_page

    page = network_page(network, today=today).encode()
    write_atomic(out, page, force=force, protect=store_path())
    done(f"wrote {out}")


@plot_app.command("network")
@handle_errors
def network(
    out: NetworkOutOpt, today: AsOfOpt = None, demo: DemoOpt = False, force: ForceOpt = False
) -> None:
    """Draw the people around me who matter most now: at most 40, each named, the rest counted.

    Me in the centre, my contacts on the first ring, who they lead to on the next. Colour:
    career field; shape: status; size: suggestion score; heavy outline: a target employer.
    The best next contacts are numbered; everyone else within two steps is counted by field.
    With --out NAME.html: the whole network to explore in a browser, offline — search,
    filters, and each person's card with the best path from me.

    Example:  referrals plot network --demo --out network.svg
    """
    if _suffix(out, (*_FIGURE_SUFFIXES, ".html")) == "html":
        _view(out, force, today, demo)
    else:
        _plot(out, force, today, demo, _network)


@plot_app.command("coverage")
@handle_errors
def coverage(
    out: FigureOutOpt, today: AsOfOpt = None, demo: DemoOpt = False, force: ForceOpt = False
) -> None:
    """Draw, per target field and employer, how many people I know, reached and interviewed.

    Example:  referrals plot coverage --demo --out coverage.pdf
    """
    _plot(out, force, today, demo, _coverage)


@plot_app.command("funnel")
@handle_errors
def funnel(
    out: FigureOutOpt, today: AsOfOpt = None, demo: DemoOpt = False, force: ForceOpt = False
) -> None:
    """Draw the funnel (identified → contacted → replied → interviewed) and activity over time.

    Example:  referrals plot funnel --demo --out funnel.png
    """
    _plot(out, force, today, demo, _funnel)


@handle_errors
def report(
    out: ReportOutOpt, today: AsOfOpt = None, demo: DemoOpt = False, force: ForceOpt = False
) -> None:
    """Write a report: summary, next contacts, coverage, referral tree, agenda, what I learned.

    .html gives one self-contained, printable file (figures inside, no scripts, nothing
    loaded from the web) and, beside it as <name>-network.html, the interactive network
    view it links to; .md gives Markdown with its figures written beside it as
    <name>-funnel.svg, <name>-coverage.svg and <name>-tree.svg.

    Example:  referrals report --demo --out report.html
    """
    fmt = _suffix(out, _REPORT_SUFFIXES)
    _check_targets([out], force=force)
    loaded = load_network(demo=demo)
    from infoview_graph.reports import render_report

    files = render_report(loaded, fmt, stem=out.stem, today=today)
    _check_targets([out.with_name(name) for name in files], force=force)  # the figures too
    for name, data in files.items():
        write_atomic(out.with_name(name), data, force=force, protect=store_path())
    if fmt == "html":
        extra = f" and the network view to {out.with_name(f'{out.stem}-network.html')}"
    else:
        extra = f" and {len(files) - 1} figures beside it" if len(files) > 1 else ""
    done(f"wrote the report to {out}{extra}")
