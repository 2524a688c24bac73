"""Reports: what they contain, that HTML is self-contained and inert, that Markdown is literal.

The HTML page is read back with :mod:`html.parser`, as a browser's tokenizer would read it:
every tag and attribute it finds must be ours, and every text from the data must come back
as exactly the text that went in.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from infoview_graph.demo import demo_network
from infoview_graph.errors import InvalidInputError
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
from infoview_graph.reports import html_report, markdown_report, render_report, write_report

EVIL = {
    "script": "<script>alert(1)</script>",
    "rich": "[bold]Ann[/bold]",
    "math": "$\\undefined$",
    "url": "Eve https://evil.example/x.js",
    "quote": 'Mal" onerror="alert(1)',
    "md": "*Bo* _Lee_ `rm` ![x](https://evil.example/i.png)",
}


class Page(HTMLParser):
    """Collects the tags, attributes, texts and style sheets of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def svg_root(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 (our own SVG: checks it is well-formed)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def demo_html() -> str:
    return html_report(demo_network())


@pytest.fixture(scope="module")
def demo_markdown() -> tuple[str, dict[str, bytes]]:
    return markdown_report(demo_network(), stem="steven")


def evil_network() -> ReferralNetwork:
    """Every person, field, organization, answer and piece of advice is a hostile string."""
    names = list(EVIL.values())
    persons = [Person(id="me", name="Me <i>me</i>", is_self=True)]
    persons += [
        Person(id=f"p{i}", name=name, fields=("f",), organization="o")
        for i, name in enumerate(names)
    ]
    day = dt.date(2026, 3, 2)
    return ReferralNetwork(
        NetworkData(
            persons=tuple(persons),
            fields=(CareerField(id="f", name="<b>Field</b> & $x$"),),
            organizations=(Organization(id="o", name="<img src=//evil.example/o.png>"),),
            ties=tuple(Tie(a="me", b=f"p{i}", strength=2) for i in range(len(names))),
            referrals=(
                Referral(referrer="p0", referee="p2", on=day, may_use_name=True),
                Referral(referrer="p2", referee="p3", on=day),
            ),
            outreach=(Outreach(id="r-1", person="p2", on=day, replied_on=day),),
            interviews=(
                Interview(
                    id="i-1",
                    person="p2",
                    on=day + dt.timedelta(days=3),
                    answers={"day-in-the-life": "<script>x()</script>\nline two"},
                    advice=("[link=https://evil.example]click[/link]",),
                    leads=("<iframe src=https://evil.example>",),
                ),
            ),
            targets=(Target(kind="field", id="f", priority=1), Target(kind="org", id="o")),
            as_of=dt.date(2026, 3, 20),
        )
    )


# --- HTML -------------------------------------------------------------------------------------


def test_html_report_of_the_demo_has_every_section(demo_html: str) -> None:
    page = parse(demo_html)
    text = " ".join(page.text)
    for heading in (
        "Job search report: Steven Olson",
        "Summary",
        "Whom to contact next",
        "Coverage of my targets",
        "Referral tree",
        "Agenda",
        "What I have learned, by field",
    ):
        assert heading in text
    assert "Margaret Smith" in text  # the first suggestion
    assert "Email Margaret Smith and mention Brad Johnson" in text
    assert "Send Marcus Bell a thank-you note" in text  # the agenda
    assert "What is a day on this job really like?" in text  # learned, in accounting
    assert page.tags.count("img") == 3
    assert page.tags.count("table") == 3  # summary, coverage, agenda


def test_html_report_is_self_contained_and_inert(demo_html: str) -> None:
    page = parse(demo_html)
    assert "script" not in page.tags
    assert not {"iframe", "object", "embed", "link", "base", "form"} & set(page.tags)
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), (tag, name)
        if name in ("src", "href", "action", "srcset", "poster"):
            assert value.startswith("data:image/svg+xml;base64,"), (tag, name, value[:40])
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", demo_html)
    policy = next(v for t, n, v in page.attributes if t == "meta" and n == "content" and "src" in v)
    assert "default-src 'none'" in policy
    assert "img-src data:" in policy
    # The policy names the page's one style sheet by hash, so the browser applies it.
    (sheet,) = page.styles
    digest = base64.b64encode(hashlib.sha256(sheet.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert "@page" in sheet
    assert "@media print" in sheet


def test_html_figures_are_well_formed_svg(demo_html: str) -> None:
    page = parse(demo_html)
    sources = [v for t, n, v in page.attributes if t == "img" and n == "src"]
    for source in sources:
        svg = base64.b64decode(source.removeprefix("data:image/svg+xml;base64,"))
        assert svg_root(svg).tag.endswith("svg")
        assert b"<script" not in svg


def test_hostile_names_in_html_come_back_as_plain_text() -> None:
    page_text = html_report(evil_network(), k=10)
    page = parse(page_text)
    assert "script" not in page.tags
    assert not {"iframe", "b", "i"} & set(page.tags)
    assert [t for t in page.tags if t == "img"] == ["img"] * 3
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), (tag, name, value)
        if name in ("src", "href"):
            assert value.startswith("data:"), (tag, name, value)
    text = "".join(page.text)
    for name in EVIL.values():
        assert name in text
    assert "<script>x()</script>\nline two" in text
    assert "[link=https://evil.example]click[/link]" in text
    assert "<iframe src=https://evil.example>" in text


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_report_of_the_demo(demo_markdown: tuple[str, dict[str, bytes]]) -> None:
    text, figures = demo_markdown
    assert sorted(figures) == ["steven-coverage.svg", "steven-funnel.svg", "steven-tree.svg"]
    for data in figures.values():
        assert svg_root(data).tag.endswith("svg")
    for name in figures:
        assert f"]({name})" in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[:7] == [
        "# Job search report: Steven Olson",
        "## Summary",
        "## Whom to contact next",
        "## Coverage of my targets",
        "## Referral tree",
        "## Agenda",
        "## What I have learned, by field",
    ]
    assert "2. **Margaret Smith** (score 0.85)" in text
    assert "| Accounting (field) | 1 | 12 |" in text


def test_hostile_names_in_markdown_are_escaped() -> None:
    text, _ = markdown_report(evil_network(), k=10)
    for tag in ("<script", "<iframe", "<img"):
        assert tag not in text
    assert "&lt;script>alert(1)&lt;/script>" in text
    assert "\\[bold\\]Ann\\[/bold\\]" in text
    assert "\\*Bo\\* \\_Lee\\_ \\`rm\\` \\!\\[x\\](https\\://evil.example/i.png)" in text
    assert "https://" not in text  # no address a renderer would turn into a link
    # Multi-line answers stay inside their list item.
    assert "- &lt;script>x()&lt;/script> line two — *" in text


def test_markdown_text_is_literal_at_the_start_of_a_line() -> None:
    from infoview_graph.reports import _md

    assert _md("# not a heading") == "\\# not a heading"
    assert _md("1. not a list") == "1\\. not a list"
    assert _md("- nor this") == "\\- nor this"
    assert _md("> nor a quote") == "\\> nor a quote"
    assert _md("a | b") == "a \\| b"
    assert _md("&amp; stays") == "&amp;amp; stays"


# --- files ------------------------------------------------------------------------------------


def test_reports_are_deterministic_and_render_for_only_me() -> None:
    net = demo_network()
    assert render_report(net, "md") == render_report(net, "md")
    alone = ReferralNetwork(NetworkData(persons=(Person(id="me", name="Me", is_self=True),)))
    page = " ".join(parse(html_report(alone, today=dt.date(2026, 1, 1))).text)
    for empty in ("No targets yet.", "No interviews yet.", "Nothing due."):
        assert empty in page
    assert "Nobody to suggest yet" in markdown_report(alone)[0]


def test_write_report_writes_beside_the_file(tmp_path: Path) -> None:
    written = write_report(demo_network(), tmp_path / "my report.md")
    assert [p.name for p in written] == [
        "my report.md",
        "my report-funnel.svg",
        "my report-coverage.svg",
        "my report-tree.svg",
    ]
    assert "](my%20report-tree.svg)" in written[0].read_text(encoding="utf-8")
    with pytest.raises(InvalidInputError, match="html, md"):
        write_report(demo_network(), tmp_path / "report.pdf")
    assert not (tmp_path / "report.pdf").exists()


def test_html_figures_fit_the_column_with_text_of_10_px_or_more(demo_html: str) -> None:
    """The page column is 180 mm (680 px); a figure is shown at its natural size (1 pt of
    SVG is 4/3 px) and scrolls sideways rather than shrink. On the demo each figure fits
    the column, and its smallest text is at least 10 px.
    """
    page = parse(demo_html)
    sources = [v for t, n, v in page.attributes if t == "img" and n == "src"]
    assert len(sources) == 3
    for source in sources:
        svg = base64.b64decode(source.removeprefix("data:image/svg+xml;base64,")).decode()
        width_pt = float(re.search(r'width="([0-9.]+)pt"', svg).group(1))  # type: ignore[union-attr]
        sizes = [float(s) for s in re.findall(r"font-size: ([0-9.]+)px", svg)]
        assert sizes, "text is kept as <text>, with its size"
        assert width_pt * 4 / 3 <= 680
        assert min(sizes) * 4 / 3 >= 10 - 1e-9, min(sizes)
    assert "figure img { max-width: none;" in demo_html
