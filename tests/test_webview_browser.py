"""The network view in a real browser: Debian's Chromium, headless, driven by Playwright.

Playwright is pointed at the system's ``chromium`` (``executable_path``): nothing is
downloaded at run time. Without Chromium these tests skip on a developer's machine and fail
in CI (``CI`` set), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from infoview_graph.algorithms import suggest_next_contacts
from infoview_graph.demo import demo_network
from infoview_graph.lifecycle import STAGE_LABEL, lifecycle
from infoview_graph.webview import network_page
from tests.test_webview import HOSTILE, hostile_network

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: .ci/run installs it (apt-get install -y chromium)")
    pytest.skip(
        "no chromium on this machine: apt-get install -y chromium to run the browser tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[dev]'")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--enable-unsafe-swiftshader"]
        )
        yield launched
        launched.close()


class Opened:
    """A page with everything it said and asked for recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-drawn]")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def search_and_pick(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.locator("#results button").first.click()
        self.page.wait_for_selector("#card:not([hidden])")

    def card_path(self) -> list[str]:
        return self.page.locator("#card-facts ol li").all_text_contents()


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's view, written by the command itself."""
    target = tmp_path_factory.mktemp("view") / "network.html"
    done = subprocess.run(
        [sys.executable, "-m", "infoview_graph", "plot", "network", "--demo", "--out", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return target


def test_demo_loads_offline_and_draws_everyone(browser: Any, demo_page: Path) -> None:
    opened = Opened(browser, demo_page)
    assert opened.page.evaluate("document.body.dataset.drawn") == str(len(demo_network()))
    assert opened.page.locator("canvas").count() > 0
    opened.page.wait_for_timeout(300)  # a frame or two after the first render
    assert opened.errors == []
    assert set(opened.requests) == {opened.url}  # the file itself, nothing else
    opened.page.close()


def test_search_then_click_shows_the_card_and_the_best_path(browser: Any, demo_page: Path) -> None:
    net = demo_network()
    suggestion = next(s for s in suggest_next_contacts(net, k=10) if s.person_id == "mrs-smith")
    opened = Opened(browser, demo_page)
    opened.search_and_pick("margaret")
    card = opened.page.locator("#card")
    assert card.locator("#card-name").text_content() == "Margaret Smith"
    assert opened.card_path() == list(suggestion.path_names)
    assert len(suggestion.path_names) == 3  # me → Brad Johnson (the referrer) → her
    assert suggestion.action in card.text_content()
    assert STAGE_LABEL[lifecycle(net).stage("mrs-smith")] in card.text_content()
    assert opened.page.evaluate("document.body.dataset.selected") is not None
    assert opened.errors == []
    opened.page.close()


def test_clicking_the_centre_picks_me_and_hover_names_me(browser: Any, demo_page: Path) -> None:
    """The view opens centred on me: the canvas pixel in the middle is my node."""
    opened = Opened(browser, demo_page)
    box = opened.page.locator("#graph").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    opened.page.mouse.move(x, y)
    opened.page.wait_for_selector("#tip:not([hidden])")
    assert opened.page.locator("#tip div").first.text_content() == "Steven Olson"
    opened.page.mouse.click(x, y)
    opened.page.wait_for_selector("#card:not([hidden])")
    assert opened.page.locator("#card-name").text_content() == "Steven Olson"
    assert "This is me" in opened.page.locator("#card").text_content()
    opened.page.close()


def test_filters_count_the_people_in_a_stage(browser: Any, demo_page: Path) -> None:
    net = demo_network()
    referred = len(lifecycle(net).in_stage("referred"))
    opened = Opened(browser, demo_page)
    opened.page.select_option("#stage", label=STAGE_LABEL["referred"])
    others = len(net) - 1
    assert opened.page.text_content("#count") == f"{referred} of {others} people match."
    opened.page.select_option("#stage", value="")
    assert opened.page.text_content("#count") == f"{len(net)} people."
    opened.page.close()


def test_hostile_names_are_shown_literally(browser: Any, tmp_path: Path) -> None:
    target = tmp_path / "hostile.html"
    target.write_text(network_page(hostile_network()), encoding="utf-8")
    opened = Opened(browser, target)
    assert opened.page.evaluate("document.body.dataset.drawn") == str(len(HOSTILE) + 1)
    queries = ("pwned = 1", "</style>", "evil right", "pwned = 2")
    for name, query in zip(HOSTILE, queries, strict=True):
        opened.search_and_pick(query)
        literal = name.replace("\u202e", "[U+202E]")  # the override shown, not obeyed
        assert opened.page.locator("#card-name").text_content() == literal
        assert opened.card_path() == ["Me <i>me</i>", literal]
    assert opened.page.evaluate("typeof window.pwned") == "undefined"
    assert opened.page.locator("script").count() == 4
    assert opened.page.locator("style").count() == 1
    assert opened.page.locator("b, i").count() == 0
    assert opened.errors == []
    assert set(opened.requests) == {opened.url}
    opened.page.close()


def test_the_report_links_the_view_written_beside_it(browser: Any, tmp_path: Path) -> None:
    from infoview_graph.reports import write_report

    write_report(demo_network(), tmp_path / "report.html")
    page = browser.new_page()
    page.goto((tmp_path / "report.html").as_uri())
    page.click("a[href='report-network.html']")
    page.wait_for_selector("body[data-drawn]")
    assert page.url == (tmp_path / "report-network.html").as_uri()
    assert page.evaluate("document.body.dataset.drawn") == str(len(demo_network()))
    page.close()
