"""The network view's data and page, without a browser (tests/test_webview_browser.py has one).

The demo's numbers are the library's own answers (the suggestions, the lifecycle), so the
view cannot drift from what ``referrals suggest`` and ``referrals agenda`` print.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import json
import re
import stat
from pathlib import Path

import numpy as np
import pytest

from infoview_graph.algorithms import suggest_next_contacts
from infoview_graph.demo import demo_network
from infoview_graph.errors import InvalidInputError
from infoview_graph.lifecycle import STAGES, lifecycle
from infoview_graph.models import NetworkData, Person, Tie
from infoview_graph.network import ReferralNetwork
from infoview_graph.webview import SHAPES, ego_layout, network_page, page_data

DAY = dt.date(2026, 11, 20)
HOSTILE = (
    "<script>window.pwned = 1</script>",
    "</style><b>bold</b>",
    "\u202eevil right-to-left",
    "</script><script>window.pwned = 2</script> & &amp;",
)


def hostile_network() -> ReferralNetwork:
    """Me and four people whose names try to break out of the page, each tied to me."""
    persons = [Person(id="me", name="Me <i>me</i>", is_self=True)]
    persons += [Person(id=f"p{i}", name=name) for i, name in enumerate(HOSTILE)]
    ties = tuple(Tie(a="me", b=f"p{i}", strength=2) for i in range(len(HOSTILE)))
    return ReferralNetwork(NetworkData(persons=tuple(persons), ties=ties))


def test_demo_data_are_the_librarys_answers() -> None:
    net = demo_network()
    data = page_data(net, today=DAY)
    people = data["people"]
    assert len(people) == len(net)
    me = people[data["me"]]
    assert (me["n"], me["x"], me["y"]) == (net.me.name, 0.0, 0.0)
    by_name = {p["n"]: p for p in people}
    top = suggest_next_contacts(net, k=10, today=DAY)
    for rank, suggestion in enumerate(top, start=1):
        record = by_name[suggestion.name]
        assert record["r"] == rank
        assert [people[i]["n"] for i in record["p"]] == list(suggestion.path_names)
        assert record["why"] == list(suggestion.reasons)
    life = lifecycle(net, today=DAY)
    for person in net.persons():
        assert data["stages"][by_name[person.name]["st"]][0] == life.stage(person.id)
    owed = {p["n"]: [o[0] for o in p["owe"]] for p in people if "owe" in p}
    expected = {net.person(o.person_id).name: o.action for o in life.obligations if o.person_id}
    assert all(action in owed[name] for name, action in expected.items())


def test_the_warmer_sits_nearer_me() -> None:
    """Radii follow the rank of cost: warmer paths (higher ``w``) never sit farther out."""
    data = page_data(demo_network(), today=DAY)
    reached = sorted(
        ((-p["w"], np.hypot(p["x"], p["y"])) for p in data["people"] if "w" in p),
    )
    for (c1, r1), (c2, r2) in itertools.pairwise(reached):
        assert r1 <= r2 + 1e-9 or c1 == c2
    outside = [np.hypot(p["x"], p["y"]) for p in data["people"] if "w" not in p and "me" not in p]
    assert all(r > 1.0 for r in outside)


def test_layout_spreads_each_field_in_its_own_sector() -> None:
    cost = np.array([0.0, 1.0, 1.0, 2.0, 2.0, np.inf])
    sector = np.array([2, 0, 1, 0, 1, 1])
    position = ego_layout(cost, sector, 0)
    angle = np.arctan2(position[:, 1], position[:, 0]) % (2 * np.pi)
    assert max(angle[1], angle[3]) < np.pi  # field 0: 2 of 5 people, the first 2π·2/5
    assert min(angle[2], angle[4]) > 0.8 * np.pi
    assert np.hypot(*position[5]) > 1.0


def test_every_stage_has_a_shape() -> None:
    assert set(SHAPES) == set(STAGES)


def test_bad_counts_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="max_edges must be 0 or more"):
        page_data(demo_network(), max_edges=-1)


def test_edges_are_capped_and_referrals_come_first() -> None:
    net = demo_network()
    data = page_data(net, today=DAY, max_edges=5)
    assert len(data["edges"]) == 5
    assert all(e[2] == 0 for e in data["edges"])  # the demo has more than 5 referrals


def test_page_allows_only_its_own_scripts_and_style() -> None:
    page = network_page(demo_network(), today=DAY)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    assert policy.startswith("default-src 'none'; ")
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    assert (len(scripts), len(styles)) == (3, 1)
    allowed = set(re.findall(r"'sha256-([^']+)'", policy))

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert {digest(s) for s in scripts} | {digest(styles[0])} == allowed
    assert not re.search("https?:", policy)
    assert "sourceMappingURL" not in page


def test_hostile_names_cannot_leave_the_data_element() -> None:
    page = network_page(hostile_network())
    data_element = re.search(
        r'<script type="application/json" id="view-data">(.*?)</script>', page, flags=re.S
    )
    assert data_element is not None
    text = data_element.group(1)
    assert not re.search(r"[<>&\u2028\u2029]", text)
    names = {p["n"] for p in json.loads(text)["people"]}
    assert names == {*HOSTILE, "Me <i>me</i>"}
    assert page.count("<script") == 4  # the data and the three allowed scripts, no more
    assert "<i>me</i>" not in page


@pytest.mark.slow
def test_a_crowd_draws_only_the_lines_of_notable_people() -> None:
    """5,001 people, me tied to all, a chain of ties among them: my 5,000 spokes and the
    ties between two unremarkable people are left out; every line drawn touches someone
    scored, engaged or on a suggested path, or is a referral."""
    n = 5_000
    persons = [Person(id="me", name="Me", is_self=True)]
    persons += [Person(id=f"p{i:04}", name=f"Person {i}") for i in range(n)]
    ties = [Tie(a="me", b=f"p{i:04}", strength=1) for i in range(n)]
    ties += [Tie(a=f"p{i:04}", b=f"p{i + 1:04}", strength=2) for i in range(n - 1)]
    net = ReferralNetwork(NetworkData(persons=tuple(persons), ties=tuple(ties)))
    data = page_data(net, scored=20)
    people = data["people"]
    me = data["me"]
    notable = {i for i, p in enumerate(people) if "sc" in p or p["s"] > 3.0} | {
        j for p in people if "r" in p for j in p["p"]
    }
    assert 0 < len(data["edges"]) < n - 1
    for a, b, strength in data["edges"]:
        assert me not in (a, b)
        assert strength == 0 or a in notable or b in notable
    assert all(p["s"] == 2.0 for i, p in enumerate(people) if i not in notable and i != me)


def test_plot_network_writes_the_view_for_an_html_name(tmp_path: Path) -> None:
    """Through the real command: .html writes the private page; a wrong suffix names .html."""
    from typer.testing import CliRunner

    from infoview_graph.cli import app

    runner = CliRunner()
    target = tmp_path / "network.html"
    store = str(tmp_path / "absent.db")
    result = runner.invoke(app, ["--db", store, "plot", "network", "--demo", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not (tmp_path / "absent.db").exists()
    bad = runner.invoke(
        app, ["--db", store, "plot", "network", "--demo", "--out", str(tmp_path / "n.jpg")]
    )
    assert bad.exit_code == 2  # a usage error
    assert "use one of .png, .svg, .pdf, .html" in re.sub(r"[\s│╭╮╰╯─]+", " ", bad.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["network.html"]
