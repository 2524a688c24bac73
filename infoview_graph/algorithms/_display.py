"""Results that show themselves: small text tables for ``repr``, escaped HTML for notebooks.

:class:`Suggestions` and :class:`Agenda` are what :func:`suggest_next_contacts` and
:func:`agenda` return: plain lists of their items — ``json``, :func:`~infoview_graph.to_frame`,
indexing, ``==`` with a list all work as before — that print as a table in a console and
as an HTML table in a Jupyter notebook. :func:`coverage_text` and :func:`coverage_html` do
the same for a :class:`Coverage` report. Every name in the HTML is escaped, so a contact
called ``<script>`` shows as text.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.algorithms import agenda
>>> from infoview_graph.demo import demo_network
>>> agenda(demo_network(), today=dt.date(2026, 11, 20))[:2]
<Agenda: 2 items, 2 overdue>
!  due         kind            who               action
!  2026-11-11  schedule        Maya Lindström    Schedule 15 minutes with Maya Lindström
!  2026-10-08  stale-referral  Hannah Lindqvist  Contact Hannah Lindqvist before Rachel …
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, SupportsIndex, TypeVar, overload

if TYPE_CHECKING:
    # The item types are named as strings in the list classes' bases: no import at run time.
    from infoview_graph.algorithms._agenda import AgendaItem  # noqa: F401
    from infoview_graph.algorithms._coverage import Coverage
    from infoview_graph.algorithms._suggest import Suggestion  # noqa: F401

__all__ = ["Agenda", "Suggestions", "coverage_html", "coverage_text"]

_T = TypeVar("_T")
_WIDEST = 48
"""Longer cells of a text table are cut here, with an ellipsis; HTML shows them whole."""


def _cut(text: str, width: int = _WIDEST) -> str:
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" —,;:") + " …"


def text_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    r"""Lay out rows of strings in columns two spaces apart (cells cut at 48 characters).

    Parameters
    ----------
    headers : sequence of str
        One per column.
    rows : iterable of sequences of str
        The cells; a header or cell starting with a space is right-aligned.

    Returns
    -------
    list of str
        The header line, then one line per row, without trailing spaces.

    Examples
    --------
    >>> print("\n".join(text_table(["name", " n"], [["Ann", " 3"], ["Bob Stone", " 12"]])))
    name        n
    Ann         3
    Bob Stone  12
    """
    table = [[_cut(cell.strip()) for cell in headers]]
    table += [[_cut(cell.strip()) for cell in row] for row in rows]
    right = [header.startswith(" ") for header in headers]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    return [
        "  ".join(
            cell.rjust(width) if align else cell.ljust(width)
            for cell, width, align in zip(row, widths, right, strict=True)
        ).rstrip()
        for row in table
    ]


def html_table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Return an HTML table; the caption, headers and every cell are escaped.

    Parameters
    ----------
    caption : str
        Shown above the table.
    headers : sequence of str
        One per column.
    rows : iterable of sequences
        The cells, shown with ``str`` and without outer white space (the alignment marks
        of :func:`text_table`).

    Returns
    -------
    str
        ``<table>…</table>``.

    Examples
    --------
    >>> html_table("People", ["name"], [["<b>Ann</b>"]])
    '<table><caption>People</caption><thead><tr><th>name</th></tr></thead><tbody><tr><td>&lt;b&gt;Ann&lt;/b&gt;</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{html.escape(h.strip())}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell).strip())}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


class _Shown(list[_T]):
    """A list of results that keeps its type when sliced and shows as a table."""

    @overload
    def __getitem__(self, index: SupportsIndex) -> _T: ...

    @overload
    def __getitem__(self, index: slice) -> _Shown[_T]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> _T | _Shown[_T]:
        if isinstance(index, slice):
            return type(self)(super().__getitem__(index))
        return super().__getitem__(index)

    def copy(self) -> _Shown[_T]:
        """Return a shallow copy of the same type.

        Examples
        --------
        >>> from infoview_graph.algorithms import suggest_next_contacts
        >>> from infoview_graph.demo import demo_network
        >>> type(suggest_next_contacts(demo_network(), k=1).copy()).__name__
        'Suggestions'
        """
        return type(self)(self)


class Suggestions(_Shown["Suggestion"]):
    """A list of suggestions, best first, that prints as a table.

    :func:`~infoview_graph.algorithms.suggest_next_contacts` returns one; it is a ``list``
    of :class:`~infoview_graph.algorithms.Suggestion` in every other respect.
    The text shows the rank, score, name, stage and action (long actions cut); the HTML
    table adds the path and one column per factor (the built-in five and your own).

    Examples
    --------
    >>> from infoview_graph.algorithms import suggest_next_contacts
    >>> from infoview_graph.demo import demo_network
    >>> top = suggest_next_contacts(demo_network(), k=3)
    >>> isinstance(top, list), len(top)
    (True, 3)
    >>> top
    <Suggestions: 3, in the coach's order>
    #  score  name            stage     action
    1   0.49  Maya Lindström  said-yes  Schedule 15 minutes with Maya Lindström — they …
    2   0.85  Margaret Smith  referred  Email Margaret Smith and mention Brad Johnson …
    3   0.82  Elena Petrova   referred  Email Elena Petrova and mention Marcus Bell …
    """

    def __repr__(self) -> str:
        if not self:
            return "<Suggestions: none>"
        lines = text_table(
            ["#", " score", "name", "stage", "action"],
            (
                [str(rank), f" {s.score:.2f}", s.name, s.stage, s.action]
                for rank, s in enumerate(self, start=1)
            ),
        )
        return "\n".join([f"<Suggestions: {len(self)}, in the coach's order>", *lines])

    def _repr_html_(self) -> str:
        """Show the suggestions as an HTML table in a notebook; every name is escaped.

        Examples
        --------
        >>> from infoview_graph.algorithms import suggest_next_contacts
        >>> from infoview_graph.demo import demo_network
        >>> table = suggest_next_contacts(demo_network(), k=2)._repr_html_()
        >>> "<th>warmth</th>" in table, "<td>Margaret Smith</td>" in table
        (True, True)
        """
        factors = list(dict.fromkeys(name for s in self for name in s.factors))
        rows = (
            [
                rank,
                s.name,
                f"{s.score:.2f}",
                s.stage,
                s.action,
                " → ".join(s.path_names or s.path),
                *(f"{s.factors[f]:.2f}" if f in s.factors else "" for f in factors),
            ]
            for rank, s in enumerate(self, start=1)
        )
        headers = ["#", "name", "score", "stage", "action", "path", *factors]
        return html_table(f"Suggestions ({len(self)})", headers, rows)


class Agenda(_Shown["AgendaItem"]):
    """A list of agenda items, in the order to do them, that prints as a table.

    :func:`~infoview_graph.algorithms.agenda` returns one; it is a ``list`` of
    :class:`~infoview_graph.algorithms.AgendaItem` in every other respect. In the text,
    ``!`` marks what is overdue.

    Examples
    --------
    >>> import datetime as dt
    >>> from infoview_graph.algorithms import agenda
    >>> from infoview_graph.demo import demo_network
    >>> items = agenda(demo_network(), today=dt.date(2026, 11, 20))
    >>> isinstance(items, list), type(items[:3]).__name__
    (True, 'Agenda')
    >>> "<td>Maya Lindström</td>" in items._repr_html_()
    True
    """

    def __repr__(self) -> str:
        if not self:
            return "<Agenda: nothing due>"
        late = sum(item.overdue for item in self)
        lines = text_table(
            ["!", "due", "kind", "who", "action"],
            (
                [
                    "!" if item.overdue else "",
                    item.due.isoformat(),
                    item.kind,
                    item.name or "",
                    item.action,
                ]
                for item in self
            ),
        )
        noun = "item" if len(self) == 1 else "items"
        return "\n".join([f"<Agenda: {len(self)} {noun}, {late} overdue>", *lines])

    def _repr_html_(self) -> str:
        """Show the agenda as an HTML table in a notebook; every name is escaped.

        Examples
        --------
        >>> from infoview_graph.algorithms import agenda
        >>> from infoview_graph.demo import demo_network
        >>> "<th>overdue</th>" in agenda(demo_network())._repr_html_()
        True
        """
        rows = (
            [
                item.due.isoformat(),
                "yes" if item.overdue else "",
                item.kind,
                item.name or "",
                item.action,
                item.why,
            ]
            for item in self
        )
        headers = ["due", "overdue", "kind", "who", "action", "why"]
        return html_table(f"Agenda ({len(self)})", headers, rows)


def _coverage_rows(report: Coverage) -> list[list[str]]:
    return [
        [
            f"{t.kind} {t.name}",
            f" {t.priority}",
            f" {t.known}",
            f" {t.reached_out}",
            f" {t.replied}",
            f" {t.interviewed}",
            f" {t.pending_referrals}",
            f" {t.independent_paths}",
            f" {t.questions_answered:.0%}",
            t.last_activity.isoformat() if t.last_activity else "—",
        ]
        for t in report.targets
    ]


_COVERAGE_HEADERS = [
    "target",
    " priority",
    " known",
    " reached out",
    " replied",
    " interviewed",
    " pending",
    " paths",
    " answered",
    "last activity",
]


def _gaps(report: Coverage) -> list[tuple[str, str]]:
    names = {t.target_id: t.name for t in report.targets}
    related = [r.name for r in report.related_fields]
    if len(related) > 4:
        related = [*related[:3], f"and {len(related) - 3} more"]
    return [
        ("no interview yet", ", ".join(names.get(i, i) for i in report.no_interview) or "none"),
        ("no path in", ", ".join(names.get(i, i) for i in report.no_path) or "none"),
        ("related fields worth a look", ", ".join(related) or "none"),
    ]


def coverage_text(report: Coverage) -> str:
    """Show a coverage report as text: one line per target, then the gaps.

    Parameters
    ----------
    report : Coverage
        What :func:`~infoview_graph.algorithms.coverage` returned.

    Returns
    -------
    str
        What ``repr(report)`` shows.

    Examples
    --------
    >>> from infoview_graph.algorithms import coverage
    >>> from infoview_graph.demo import demo_network
    >>> print(coverage_text(coverage(demo_network())).splitlines()[0])
    <Coverage: 6 targets, 1 without an interview, 0 without a path in>
    """
    count = len(report.targets)
    head = (
        f"<Coverage: {count} target{'' if count == 1 else 's'}, {len(report.no_interview)} "
        f"without an interview, {len(report.no_path)} without a path in>"
    )
    lines = text_table(_COVERAGE_HEADERS, _coverage_rows(report))
    return "\n".join([head, *lines, *(f"{label}: {value}" for label, value in _gaps(report))])


def coverage_html(report: Coverage) -> str:
    """Show a coverage report as HTML: a table of the targets and a list of the gaps, escaped.

    Parameters
    ----------
    report : Coverage
        What :func:`~infoview_graph.algorithms.coverage` returned.

    Returns
    -------
    str
        What a notebook shows for the report.

    Examples
    --------
    >>> from infoview_graph.algorithms import coverage
    >>> from infoview_graph.demo import demo_network
    >>> "<td>org General Mills</td>" in coverage_html(coverage(demo_network()))
    True
    """
    table = html_table("Coverage of my targets", _COVERAGE_HEADERS, _coverage_rows(report))
    gaps = "".join(
        f"<li>{html.escape(label)}: {html.escape(value)}</li>" for label, value in _gaps(report)
    )
    return f"<div>{table}<ul>{gaps}</ul></div>"
