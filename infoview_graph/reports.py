"""Reports: where a job search stands, on one page — a Markdown file or one HTML file.

A report holds the summary numbers and the funnel, the best next contacts with the reasons,
the coverage of my targets (a table and a chart), the referral tree, the agenda, and what I
have learned in each field, question by question. :func:`render_report` returns the files
of a report by name; :func:`write_report` writes them.

- **HTML** is a single self-contained file: the figures are embedded as SVG ``data:``
  images (an SVG inside ``<img>`` can run no script and load nothing), every text is
  escaped with :func:`html.escape`, nothing is fetched from anywhere, and a
  Content-Security-Policy ``<meta>`` allows only the page's own style sheet (by hash) and
  ``data:`` images. (Inline ``<svg>`` would need ``style-src 'unsafe-inline'``:
  matplotlib's SVG styles every element with a ``style`` attribute.) The style sheet
  prints on A4 and Letter alike: the text column is 180 mm, which fits both. Figures are
  drawn to fit that column (680 px) with no text under 10 px, and are shown at their natural
  size: one too wide (a big referral tree) scrolls sideways on screen rather than shrink its
  text, and is fitted to the page in print.
- **Markdown** references its figures as SVG files written beside it
  (``<stem>-tree.svg``, ``<stem>-coverage.svg``, ``<stem>-funnel.svg``); text is escaped so
  that a name such as ``[bold]`` or ``<script>`` reads literally in any renderer.

Examples
--------
>>> from infoview_graph.demo import demo_network
>>> files = render_report(demo_network(), "md", stem="search")
>>> sorted(files)
['search-coverage.svg', 'search-funnel.svg', 'search-tree.svg', 'search.md']
>>> files["search.md"].decode().splitlines()[0]
'# Job search report: Steven Olson'
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from infoview_graph._files import write_atomic
from infoview_graph.errors import InvalidInputError
from infoview_graph.lifecycle import judging_day
from infoview_graph.plotting import figure_bytes, plot_coverage, plot_funnel, plot_tree
from infoview_graph.webview import network_page

if TYPE_CHECKING:
    from infoview_graph.algorithms._agenda import AgendaItem
    from infoview_graph.algorithms._chains import Chains
    from infoview_graph.algorithms._coverage import Coverage
    from infoview_graph.algorithms._learned import Learned, Said
    from infoview_graph.algorithms._suggest import Suggestion
    from infoview_graph.network import ReferralNetwork

__all__ = [
    "REPORT_FORMATS",
    "ReportFormat",
    "html_report",
    "markdown_report",
    "render_report",
    "write_report",
]

ReportFormat = Literal["html", "md"]
"""A report's format: ``"html"`` (one self-contained file) or ``"md"`` (Markdown, SVG figures
beside it)."""
REPORT_FORMATS: tuple[ReportFormat, ...] = ("html", "md")
"""The report formats: a self-contained HTML page, or Markdown with SVG figures beside it."""

_FIGURES = ("funnel", "coverage", "tree")

_CSS = """
@page { margin: 15mm; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans",
  sans-serif; color: #222; max-width: 180mm; margin: 0 auto; padding: 10mm 6mm; }
h1 { font-size: 18pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; border-bottom: 1px solid #bbb; margin: 8mm 0 3mm;
  break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 2mm 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.8mm 1mm; text-align: left;
  vertical-align: top; }
td:first-child { min-width: 28mm; }
th { border-bottom: 1.5px solid #888; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
figure { margin: 3mm 0; break-inside: avoid; overflow-x: auto; }
figure img { max-width: none; height: auto; }
.muted { color: #666; font-size: 9pt; }
.overdue { color: #a00; font-weight: bold; }
.said { white-space: pre-wrap; }
ol.suggestions > li { margin-bottom: 2mm; break-inside: avoid; }
ul { padding-left: 6mm; }
@media print {
  body { max-width: none; padding: 0; }
  figure img { max-width: 100%; }
  tr, li { break-inside: avoid; }
}
""".strip()
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()
_CSP = (
    "default-src 'none'; img-src data:; "
    f"style-src 'sha256-{_CSS_HASH}'; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class _Contents:
    """Everything a report shows, computed once for either format."""

    me: str
    day: dt.date
    numbers: list[tuple[str, str]]
    chains: Chains
    suggestions: list[Suggestion]
    paths: dict[str, str]
    coverage: Coverage
    agenda: list[AgendaItem]
    learned: list[Learned]
    figures: dict[str, bytes]
    alt: dict[str, str]


def _gather(network: ReferralNetwork, today: dt.date | None, k: int) -> _Contents:
    from infoview_graph.algorithms._agenda import agenda
    from infoview_graph.algorithms._chains import referral_chains
    from infoview_graph.algorithms._coverage import coverage
    from infoview_graph.algorithms._learned import learned
    from infoview_graph.algorithms._suggest import suggest_next_contacts
    from infoview_graph.lifecycle import ANSWERED, lifecycle

    day = judging_day(network, today)
    me = network.me
    chains = referral_chains(network)
    suggestions = suggest_next_contacts(network, k=k, today=day)
    covered = coverage(network, today=day)
    due = agenda(network, today=day)
    interviews = list(network.interviews())
    outreach = list(network.outreach())
    life = lifecycle(network, today=day)
    targets = covered.targets
    numbers = [
        ("people in my network", f"{len(network) - 1}"),
        ("people I know directly", f"{len(network.strengths(me.id))}"),
        ("referrals received", f"{sum(1 for _ in network.referrals())}"),
        ("outreach sent", f"{len(outreach)}"),
        ("people who answered", f"{len(life.in_stage(*ANSWERED))}"),
        ("said yes, to schedule", f"{len(life.in_stage('said-yes'))}"),
        ("meetings scheduled", f"{len(life.in_stage('scheduled'))}"),
        ("awaiting a reply", f"{len(life.in_stage('asked'))}"),
        ("follow-ups due", f"{len(life.in_stage('follow-up-due'))}"),
        ("informational interviews", f"{len(interviews)}"),
        (
            "targets with an interview",
            f"{sum(1 for t in targets if t.interviewed)} of {len(targets)}",
        ),
        ("on the agenda", f"{len(due)} ({sum(1 for i in due if i.overdue)} overdue)"),
    ]
    # Fields: my target fields by priority, then any other field I interviewed in.
    order = [t.id for t in network.targets() if t.kind == "field"]
    order += sorted(f.id for f in network.fields() if f.id not in order)
    found = [learned(network, field) for field in order]
    figures = {
        "funnel": plot_funnel(network, today=day),
        "coverage": plot_coverage(network, today=day),
        "tree": plot_tree(network, today=day, legend_below=True),
    }
    identified = chains.funnel[0].count if chains.funnel else 0
    return _Contents(
        me=me.name,
        day=day,
        numbers=numbers,
        chains=chains,
        suggestions=suggestions,
        paths={
            s.person_id: " → ".join(network.person(p).name for p in s.path) for s in suggestions
        },
        coverage=covered,
        agenda=due,
        learned=[item for item in found if item.interviews],
        figures={name: figure_bytes(fig, "svg") for name, fig in figures.items()},
        alt={
            "funnel": f"The funnel: {identified} people identified; activity over time.",
            "coverage": f"Coverage of {len(targets)} targets: known, reached out, interviewed.",
            "tree": f"The referral tree of {me.name}.",
        },
    )


_COVERAGE_COLUMNS = (
    "target",
    "priority",
    "known",
    "reached out",
    "replied",
    "interviewed",
    "pending referrals",
    "paths in",
    "questions answered",
    "last activity",
)


def _coverage_rows(covered: Coverage) -> list[list[str]]:
    return [
        [
            f"{t.name} ({'field' if t.kind == 'field' else 'employer'})",
            str(t.priority),
            str(t.known),
            str(t.reached_out),
            str(t.replied),
            str(t.interviewed),
            str(t.pending_referrals),
            str(t.independent_paths),
            f"{t.questions_answered:.0%}",
            str(t.last_activity or "—"),
        ]
        for t in covered.targets
    ]


def _gaps(covered: Coverage) -> list[str]:
    names = {t.target_id: t.name for t in covered.targets}
    lines = []
    if covered.no_interview:
        lines.append("No interview yet: " + ", ".join(names[t] for t in covered.no_interview))
    if covered.no_path:
        lines.append("No path in yet: " + ", ".join(names[t] for t in covered.no_path))
    if covered.related_fields:
        lines.append(
            "Related fields worth a look: "
            + ", ".join(f"{r.name} ({r.known} known)" for r in covered.related_fields)
        )
    return lines


def _longest(contents: _Contents, network: ReferralNetwork) -> str | None:
    if not contents.chains.longest:
        return None
    chain = contents.chains.longest[0]
    names = " → ".join(network.person(p).name for p in chain.people)
    hops = len(chain.hops)
    return f"Longest chain ({hops} referral{'s' if hops != 1 else ''}): {names}"


# --- HTML -------------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_table(
    columns: Sequence[str] | None, rows: Sequence[Sequence[str]], numeric: set[int]
) -> str:
    def cell(tag: str, n: int, value: str) -> str:
        attribute = ' class="n"' if n in numeric else ""
        return f"<{tag}{attribute}>{_e(value)}</{tag}>"

    parts = ["<table>"]
    if columns is not None:
        head = "".join(cell("th", n, c) for n, c in enumerate(columns))
        parts.append(f"<thead><tr>{head}</tr></thead>")
    parts.append("<tbody>")
    parts += [
        "<tr>" + "".join(cell("td", n, v) for n, v in enumerate(row)) + "</tr>" for row in rows
    ]
    parts += ["</tbody>", "</table>"]
    return "\n".join(parts)


def _html_figure(contents: _Contents, name: str) -> str:
    data = base64.b64encode(contents.figures[name]).decode("ascii")
    alt = _e(contents.alt[name])
    return f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{alt}"></figure>'


def _origin(said: Said) -> str:
    where = f", {said.organization_name}" if said.organization_name else ""
    return f"{said.name}{where}, {said.on}"


def _html_said(items: Sequence[Said]) -> str:
    rows = [
        f'<li><span class="said">{_e(said.text)}</span> '
        f'<span class="muted">— {_e(_origin(said))}</span></li>'
        for said in items
    ]
    return "<ul>\n" + "\n".join(rows) + "\n</ul>"


def html_report(
    network: ReferralNetwork,
    *,
    today: dt.date | None = None,
    k: int = 5,
    network_view: str | None = None,
) -> str:
    """Return the report as one self-contained HTML page.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    today : datetime.date, optional
        The day the report describes (default: the network's ``as_of``, else today).
    k : int, default 5
        How many suggestions to list.
    network_view : str, optional
        The file name of the interactive network view written beside the report
        (:func:`~infoview_graph.webview.network_page`), to link to.

    Returns
    -------
    str
        An HTML5 document: figures embedded as SVG ``data:`` images, all text escaped, no
        script and no external resource, a restrictive Content-Security-Policy.

    Raises
    ------
    NotFoundError
        If the network has no 'me'.

    Notes
    -----
    The cost of the algorithms it shows (suggestions, coverage, chains, agenda, learned per
    field) and of rendering three figures, which dominates on a personal network.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> page = html_report(demo_network())
    >>> page.startswith("<!DOCTYPE html>"), "<script" in page
    (True, False)
    """
    contents = _gather(network, today, k)
    parts = [
        *_html_head(contents),
        *_html_suggestions(contents, network_view),
        *_html_coverage(contents),
        "<h2>Referral tree</h2>",
        _html_figure(contents, "tree"),
    ]
    longest = _longest(contents, network)
    if longest:
        parts.append(f"<p>{_e(longest)}</p>")
    parts += [*_html_agenda(contents), *_html_learned(contents), "</body>", "</html>", ""]
    return "\n".join(parts)


def _html_head(contents: _Contents) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Job search report: {_e(contents.me)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Job search report: {_e(contents.me)}</h1>",
        f'<p class="muted">As of {_e(contents.day)}.</p>',
        "<h2>Summary</h2>",
        _html_table(None, contents.numbers, {1}),
        _html_figure(contents, "funnel"),
    ]


def _html_suggestions(contents: _Contents, network_view: str | None) -> list[str]:
    parts = ["<h2>Whom to contact next</h2>"]
    if contents.suggestions:
        items = []
        for s in contents.suggestions:
            reasons = "".join(f"<li>{_e(r)}</li>" for r in s.reasons)
            items.append(
                f"<li><strong>{_e(s.name)}</strong> "
                f'<span class="muted">(score {s.score:.2f})</span><br>{_e(s.action)}<br>'
                f'<span class="muted">Path: {_e(contents.paths[s.person_id])}</span>'
                f"<ul>{reasons}</ul></li>"
            )
        parts.append('<ol class="suggestions">\n' + "\n".join(items) + "\n</ol>")
    else:
        parts.append("<p>Nobody to suggest yet: add contacts and targets.</p>")
    if network_view:
        parts.append(
            f"<p>Explore everyone around me — search, filters, each person's card and best "
            f'path — in <a href="{_e(quote(network_view))}">{_e(network_view)}</a>, written '
            "beside this report (it opens in a browser and loads nothing from the web).</p>"
        )
    return parts


def _html_coverage(contents: _Contents) -> list[str]:
    parts = ["<h2>Coverage of my targets</h2>"]
    if contents.coverage.targets:
        numeric = set(range(1, 10))
        parts.append(_html_table(_COVERAGE_COLUMNS, _coverage_rows(contents.coverage), numeric))
    else:
        parts.append("<p>No targets yet.</p>")
    parts.extend(f"<p>{_e(line)}</p>" for line in _gaps(contents.coverage))
    parts.append(_html_figure(contents, "coverage"))
    return parts


def _html_agenda(contents: _Contents) -> list[str]:
    if not contents.agenda:
        return ["<h2>Agenda</h2>", "<p>Nothing due.</p>"]
    rows = []
    for item in contents.agenda:
        due = _e(item.due) + (' <span class="overdue">overdue</span>' if item.overdue else "")
        rows.append(f"<tr><td>{due}</td><td>{_e(item.action)}</td><td>{_e(item.why)}</td></tr>")
    return [
        "<h2>Agenda</h2>",
        "<table>\n<thead><tr><th>due</th><th>what</th><th>why</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>",
    ]


def _html_learned(contents: _Contents) -> list[str]:
    parts = ["<h2>What I have learned, by field</h2>"]
    if not contents.learned:
        parts.append("<p>No interviews yet.</p>")
    for found in contents.learned:
        count = len(found.interviews)
        parts.append(
            f"<h3>{_e(found.field_name)} "
            f'<span class="muted">({count} interview{"s" if count != 1 else ""})</span></h3>'
        )
        for question in found.answered:
            parts.append(f"<p><strong>{_e(question.question)}</strong></p>")
            parts.append(_html_said(question.answers))
        if found.advice:
            parts.append("<p><strong>Advice</strong></p>")
            parts.append(_html_said(found.advice))
        if found.leads:
            parts.append("<p><strong>Job leads</strong></p>")
            parts.append(_html_said(found.leads))
        if found.unanswered:
            examples = "; ".join(q.text for q in found.unanswered[:3])
            parts.append(
                f'<p class="muted">Not answered yet: {len(found.unanswered)} questions, '
                f"for example: {_e(examples)}</p>"
            )
    return parts


# --- Markdown ---------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]|~!])")


def _md(text: object) -> str:
    r"""Escape text for Markdown: literal in CommonMark and GitHub's flavour, on one line.

    >>> _md("[bold] <b> & a_b &amp; https://x")
    '\\[bold\\] &lt;b> & a\\_b &amp;amp; https\\://x'
    """
    value = " ".join(str(text).split())
    # Raw HTML, and an ampersand that would start a character reference.
    value = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", value).replace("<", "&lt;")
    # Only what can start markup: emphasis, code, links and images, tables, autolinks.
    value = _MD_INLINE.sub(r"\\\1", value)
    # GitHub turns bare web addresses into links.
    value = value.replace("://", "\\://").replace("www.", "www\\.")
    # At the start of a line: a list item, a heading, a numbered list.
    value = re.sub(r"^([-+#=>])", r"\\\1", value)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", value)


def _md_table(columns: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    head = "| " + " | ".join(_md(c) for c in columns) + " |"
    rule = "|" + "|".join("---:" if n in numeric else "---" for n in range(len(columns))) + "|"
    body = ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def _md_said(items: Sequence[Said]) -> list[str]:
    return [f"- {_md(said.text)} — *{_md(_origin(said))}*" for said in items]


def markdown_report(
    network: ReferralNetwork, *, stem: str = "report", today: dt.date | None = None, k: int = 5
) -> tuple[str, dict[str, bytes]]:
    """Return the report as Markdown, and the SVG figures it references by file name.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    stem : str, default "report"
        The figures' file names start with it: ``<stem>-tree.svg`` and so on.
    today : datetime.date, optional
        The day the report describes (default: the network's ``as_of``, else today).
    k : int, default 5
        How many suggestions to list.

    Returns
    -------
    text : str
        The Markdown document; every text from the data is escaped.
    figures : dict of str to bytes
        File name → SVG, for the files to write beside the document.

    Raises
    ------
    NotFoundError
        If the network has no 'me'.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> text, figures = markdown_report(demo_network(), stem="steven")
    >>> "![The referral tree of Steven Olson.](steven-tree.svg)" in text
    True
    """
    contents = _gather(network, today, k)
    names = {name: f"{stem}-{name}.svg" for name in _FIGURES}

    def figure(name: str) -> str:
        return f"![{_md(contents.alt[name])}]({quote(names[name])})"

    out = [
        f"# Job search report: {_md(contents.me)}",
        "",
        f"As of {contents.day}.",
        "",
        "## Summary",
        "",
        _md_table(["what", "how many"], contents.numbers, {1}),
        "",
        figure("funnel"),
        "",
        "## Whom to contact next",
        "",
    ]
    if contents.suggestions:
        for rank, s in enumerate(contents.suggestions, 1):
            out.append(f"{rank}. **{_md(s.name)}** (score {s.score:.2f}): {_md(s.action)}")
            out.append(f"   - Path: {_md(contents.paths[s.person_id])}")
            out.extend(f"   - {_md(reason)}" for reason in s.reasons)
    else:
        out.append("Nobody to suggest yet: add contacts and targets.")
    out += ["", "## Coverage of my targets", ""]
    if contents.coverage.targets:
        rows = _coverage_rows(contents.coverage)
        out.append(_md_table(_COVERAGE_COLUMNS, rows, set(range(1, 10))))
    else:
        out.append("No targets yet.")
    for line in _gaps(contents.coverage):
        out += ["", _md(line)]
    out += ["", figure("coverage"), "", "## Referral tree", "", figure("tree")]
    longest = _longest(contents, network)
    if longest:
        out += ["", _md(longest)]
    out += ["", "## Agenda", ""]
    if contents.agenda:
        out.append(
            _md_table(
                ["due", "what", "why"],
                [
                    [f"{i.due}{' (overdue)' if i.overdue else ''}", i.action, i.why]
                    for i in contents.agenda
                ],
                set(),
            )
        )
    else:
        out.append("Nothing due.")
    out += ["", "## What I have learned, by field"]
    if not contents.learned:
        out += ["", "No interviews yet."]
    for found in contents.learned:
        count = len(found.interviews)
        out += ["", f"### {_md(found.field_name)} ({count} interview{'s' if count != 1 else ''})"]
        for question in found.answered:
            out += ["", f"**{_md(question.question)}**", "", *_md_said(question.answers)]
        if found.advice:
            out += ["", "**Advice**", "", *_md_said(found.advice)]
        if found.leads:
            out += ["", "**Job leads**", "", *_md_said(found.leads)]
        if found.unanswered:
            examples = "; ".join(q.text for q in found.unanswered[:3])
            out += [
                "",
                f"Not answered yet: {len(found.unanswered)} questions, for example: "
                f"{_md(examples)}",
            ]
    out.append("")
    return "\n".join(out), {names[n]: contents.figures[n] for n in _FIGURES}


# --- files ------------------------------------------------------------------------------------


def render_report(
    network: ReferralNetwork,
    fmt: str,
    *,
    stem: str = "report",
    today: dt.date | None = None,
    k: int = 5,
) -> dict[str, bytes]:
    """Return the files of a report, by file name, the report itself first.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    fmt : {"html", "md"}
        HTML: ``<stem>.html`` and the interactive network view it links to,
        ``<stem>-network.html``. Markdown: ``<stem>.md`` and its three SVG figures.
    stem : str, default "report"
        The file names' stem.
    today : datetime.date, optional
        The day the report describes.
    k : int, default 5
        How many suggestions to list.

    Returns
    -------
    dict of str to bytes
        File name → content (UTF-8 text for the report).

    Raises
    ------
    InvalidInputError
        If ``fmt`` is not one of :data:`REPORT_FORMATS`.

    Examples
    --------
    >>> from infoview_graph.demo import demo_network
    >>> list(render_report(demo_network(), "html", stem="steven"))
    ['steven.html', 'steven-network.html']
    """
    fmt = fmt.lower().lstrip(".")
    if fmt == "html":
        view = f"{stem}-network.html"
        page = html_report(network, today=today, k=k, network_view=view)
        return {
            f"{stem}.html": page.encode("utf-8"),
            view: network_page(network, today=today).encode("utf-8"),
        }
    if fmt == "md":
        text, figures = markdown_report(network, stem=stem, today=today, k=k)
        return {f"{stem}.md": text.encode("utf-8"), **figures}
    raise InvalidInputError(
        f"'{fmt}' is not a report format; use one of: {', '.join(REPORT_FORMATS)}"
    )


def write_report(
    network: ReferralNetwork, path: str | Path, *, today: dt.date | None = None, k: int = 5
) -> list[Path]:
    """Write a report to ``path`` (.html or .md; a Markdown report's figures beside it).

    Existing files are replaced; the ``referrals report`` command adds the protection
    against overwriting by accident.

    Parameters
    ----------
    network : ReferralNetwork
        The network; not changed.
    path : str or pathlib.Path
        The report's file; its extension chooses the format.
    today : datetime.date, optional
        The day the report describes.
    k : int, default 5
        How many suggestions to list.

    Returns
    -------
    list of pathlib.Path
        The files written, the report first.

    Raises
    ------
    InvalidInputError
        If the extension is neither .html nor .md.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from infoview_graph.demo import demo_network
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_report(demo_network(), folder / "report.html")]
    ['report.html', 'report-network.html']
    """
    target = Path(path)
    files = render_report(network, target.suffix, stem=target.stem, today=today, k=k)
    written = []
    for name, data in files.items():
        destination = target.with_name(name)
        write_atomic(destination, data, force=True)  # atomic and private, 0600
        written.append(destination)
    return written
