"""Results in a console and a notebook: the suggestion list, the agenda and the coverage report.

They stay what every caller had before (lists, a pydantic model: JSON, ``to_frame``,
comparison with a list) and show as a text table in ``repr`` and an HTML table in
``_repr_html_``. The HTML is read back with the standard library's parser: every cell holds
exactly the text of the record, so a name such as ``<script>`` arrives as text, not markup.
"""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest
from pydantic import TypeAdapter

from infoview_graph.algorithms import (
    Agenda,
    AgendaItem,
    Suggestion,
    Suggestions,
    agenda,
    coverage,
    suggest_next_contacts,
)
from infoview_graph.demo import demo_network
from infoview_graph.frames import to_frame
from infoview_graph.models import (
    CareerField,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Target,
    Tie,
)
from infoview_graph.network import ReferralNetwork

TODAY = dt.date(2026, 11, 20)
HOSTILE = "<script>alert('x')</script> & \"Co\""


class Cells(HTMLParser):
    """Collect a table's caption, header cells and rows of data cells as text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.caption = ""
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr" and self.headers:
            self.rows.append([])
        if tag in ("th", "td", "caption", "li"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self._text is None or tag not in ("th", "td", "caption", "li"):
            return
        text, self._text = "".join(self._text), None
        if tag == "caption":
            self.caption = text
        elif tag == "th":
            self.headers.append(text)
        elif tag == "li":
            self.items.append(text)
        else:
            self.rows[-1].append(text)

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def read_html(markup: str) -> Cells:
    parser = Cells()
    parser.feed(markup)
    parser.close()
    return parser


def hostile_network() -> ReferralNetwork:
    """Me, a friend whose name is markup at an organization and in a field named so too; she
    replied yes (tier 0, an agenda item to schedule). Bo, met yesterday, is owed thanks."""
    return ReferralNetwork(
        NetworkData(
            persons=(
                Person(id="me", name="Me", is_self=True),
                Person(id="ann", name=HOSTILE, organization="acme", fields=("tax",)),
                Person(id="bo", name="Bo <b>", fields=("tax",)),
            ),
            organizations=(Organization(id="acme", name=f"Acme {HOSTILE}"),),
            fields=(CareerField(id="tax", name=f"Tax {HOSTILE}"),),
            ties=(Tie(a="me", b="ann", strength=4), Tie(a="me", b="bo", strength=2)),
            outreach=(
                Outreach(
                    id="o1",
                    person="ann",
                    on=dt.date(2026, 11, 16),
                    replied_on=dt.date(2026, 11, 17),
                ),
            ),
            interviews=(Interview(id="i1", person="bo", on=dt.date(2026, 11, 19)),),
            targets=(
                Target(kind="field", id="tax", priority=1),
                Target(kind="org", id="acme", priority=2),
            ),
        )
    )


# --- still lists, still models ---------------------------------------------------------------


def test_the_results_are_still_lists_for_every_caller() -> None:
    top = suggest_next_contacts(demo_network(), k=4)
    due = agenda(demo_network(), today=TODAY)
    assert isinstance(top, Suggestions)
    assert isinstance(due, Agenda)
    assert isinstance(top, list)
    assert isinstance(due, list)
    assert top == list(top)
    assert (
        json.loads(json.dumps([s.model_dump(mode="json") for s in top]))[0]["name"] == top[0].name
    )
    assert TypeAdapter(list[Suggestion]).validate_python(top) == list(top)
    assert TypeAdapter(list[AgendaItem]).dump_python(due) == [i.model_dump() for i in due]
    assert list(to_frame(top)["person_id"]) == [s.person_id for s in top]
    assert len(to_frame(due)) == len(due)


def test_a_slice_or_copy_keeps_the_table_and_an_index_gives_the_item() -> None:
    top = suggest_next_contacts(demo_network(), k=4)
    assert type(top[:2]) is Suggestions
    assert top[:2] == [top[0], top[1]]
    assert type(top.copy()) is Suggestions
    assert isinstance(top[0], Suggestion)
    assert isinstance(top[-1], Suggestion)
    due = agenda(demo_network(), today=TODAY)
    assert type(due[1:3]) is Agenda


# --- text ------------------------------------------------------------------------------------


def test_the_suggestions_print_one_line_each_in_rank_order() -> None:
    top = suggest_next_contacts(demo_network(), k=4)
    lines = repr(top).splitlines()
    assert lines[0] == "<Suggestions: 4, in the coach's order>"
    assert lines[1].split() == ["#", "score", "name", "stage", "action"]
    for rank, (line, s) in enumerate(zip(lines[2:], top, strict=True), start=1):
        assert line.startswith(f"{rank}  ")
        assert f"{s.score:.2f}" in line
        assert s.name in line
        assert s.stage in line
        assert len(line) < 120, line
    assert str(top) == repr(top)
    assert repr(Suggestions()) == "<Suggestions: none>"


def test_the_agenda_prints_its_count_and_marks_what_is_overdue() -> None:
    due = agenda(demo_network(), today=TODAY)
    lines = repr(due).splitlines()
    late = sum(i.overdue for i in due)
    assert lines[0] == f"<Agenda: {len(due)} items, {late} overdue>"
    assert len(lines) == len(due) + 2
    for line, item in zip(lines[2:], due, strict=True):
        assert line.startswith("!" if item.overdue else " ")
        assert item.due.isoformat() in line
        assert item.kind in line
    assert repr(agenda(demo_network(), today=dt.date(2020, 1, 1))) == "<Agenda: nothing due>"


def test_the_coverage_report_prints_each_target_and_the_gaps() -> None:
    report = coverage(demo_network())
    lines = repr(report).splitlines()
    assert lines[0] == (
        f"<Coverage: {len(report.targets)} targets, {len(report.no_interview)} without an "
        f"interview, {len(report.no_path)} without a path in>"
    )
    body = lines[2 : 2 + len(report.targets)]
    for line, target in zip(body, report.targets, strict=True):
        assert line.startswith(f"{target.kind} {target.name}")
        assert f"{target.questions_answered:.0%}" in line
    assert lines[-3] == "no interview yet: General Mills"
    assert lines[-2] == "no path in: none"


# --- HTML ------------------------------------------------------------------------------------


def test_the_suggestions_html_holds_every_value_as_text() -> None:
    near = {"<near> me": (0.2, lambda person, net: 1.0 if person.id == "ann" else 0.0)}
    top = suggest_next_contacts(hostile_network(), k=5, today=TODAY, factors=near)
    assert [s.name for s in top] == [HOSTILE]  # Bo, met already, is not suggested
    page = read_html(top._repr_html_())
    assert page.tags.count("script") == 0
    assert page.caption == f"Suggestions ({len(top)})"
    factors = list(top[0].factors)
    assert page.headers == ["#", "name", "score", "stage", "action", "path", *factors]
    assert "<near> me" in page.headers
    assert len(page.rows) == len(top)
    for rank, (row, s) in enumerate(zip(page.rows, top, strict=True), start=1):
        assert row[:5] == [str(rank), s.name, f"{s.score:.2f}", s.stage, s.action]
        assert row[5] == " → ".join(s.path_names)
        assert row[6:] == [f"{s.factors[f]:.2f}" for f in factors]


def test_the_agenda_html_holds_every_value_as_text() -> None:
    due = agenda(hostile_network(), today=TODAY)
    assert any(item.name == HOSTILE for item in due)
    page = read_html(due._repr_html_())
    assert page.tags.count("script") == 0
    assert page.headers == ["due", "overdue", "kind", "who", "action", "why"]
    expected = [
        [i.due.isoformat(), "yes" if i.overdue else "", i.kind, i.name or "", i.action, i.why]
        for i in due
    ]
    assert page.rows == expected


def test_the_coverage_html_holds_every_value_as_text() -> None:
    report = coverage(hostile_network(), today=TODAY)
    page = read_html(report._repr_html_())
    assert page.tags.count("script") == 0
    assert page.caption == "Coverage of my targets"
    assert [row[0] for row in page.rows] == [f"{t.kind} {t.name}" for t in report.targets]
    assert f"field Tax {HOSTILE}" in [row[0] for row in page.rows]
    assert [row[5] for row in page.rows] == [str(t.interviewed) for t in report.targets]
    assert str(report) == repr(report)
    assert repr(report).startswith("<Coverage: 2 targets, ")
    assert page.items[0].startswith("no interview yet: ")
    assert f"Acme {HOSTILE}" in page.items[0]


@pytest.mark.parametrize("k", [1, 3])
def test_the_text_never_breaks_a_row_over_lines(k: int) -> None:
    """A name or an action of any length stays on its row: long cells are cut, not wrapped."""
    top = suggest_next_contacts(hostile_network(), k=k, today=TODAY)
    assert len(repr(top).splitlines()) == len(top) + 2
