"""The contact lifecycle through the ``referrals`` command: the contradictions a new user met
over a few weeks of a search, each told one way by every command.

A store built by hand: I am Sam's friend and Kofi's neighbour; Sam knows Kofi; Lena works at
Duolingo (a target), as do Ines and Omar. Dates are simulated with ``--on`` / ``--today``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import ok, run
from typer.testing import CliRunner

from infoview_graph.store import open_store


@pytest.fixture
def search(runner: CliRunner, tmp_path: Path) -> Path:
    db = tmp_path / "search.db"
    ok(runner, db, "init", "--name", "Jo Rivera")
    ok(runner, db, "target", "add", "org", "Duolingo", "--priority", "1")
    ok(runner, db, "target", "add", "field", "Product design", "--priority", "1")
    ok(runner, db, "person", "add", "Sam Ortiz", "--how", "friend", "--strength", "5")
    ok(
        runner, db, "person", "add", "Kofi Mensah", "--how", "neighbour", "--strength", "1",
        "--org", "Duolingo", "--field", "Product design",
    )  # fmt: skip
    ok(runner, db, "know", "Sam Ortiz", "Kofi Mensah", "--strength", "5")
    for name in ("Lena Hoffmann", "Ines Duarte", "Omar Said"):
        ok(runner, db, "person", "add", name, "--how", "cold", "--org", "Duolingo")
    return db


def _agenda(runner: CliRunner, db: Path, today: str) -> list[dict[str, object]]:
    items = json.loads(ok(runner, db, "agenda", "--today", today, "--json"))
    assert isinstance(items, list)
    return items


def _suggest(runner: CliRunner, db: Path, today: str) -> list[dict[str, object]]:
    found = json.loads(ok(runner, db, "suggest", "--today", today, "--json", "-k", "20"))
    assert isinstance(found, list)
    return found


def test_lena_replied_so_every_command_says_schedule(runner: CliRunner, search: Path) -> None:
    """Asked Lena on Mon 2 Nov; she replied on Fri 13 Nov, after the 7-business-day mark.
    On the 16th: suggest says schedule (first), the agenda says schedule (first) and has no
    follow-up for Lena and no "contact a second person at Duolingo"; person show agrees."""
    db = search
    ok(runner, db, "outreach", "Lena Hoffmann", "--on", "2026-11-02")
    before = _agenda(runner, db, "2026-11-12")
    kinds = {(i["kind"], i["person_id"]) for i in before}
    assert ("3b7-follow-up", "lena-hoffmann") in kinds
    assert ("3b7-second-contact", "lena-hoffmann") in kinds
    ok(runner, db, "reply", "Lena Hoffmann", "--on", "2026-11-13")

    items = _agenda(runner, db, "2026-11-16")
    assert (items[0]["kind"], items[0]["person_id"]) == ("schedule", "lena-hoffmann")
    assert not [i for i in items if str(i["kind"]).startswith("3b7")]
    top = _suggest(runner, db, "2026-11-16")[0]
    assert (top["person_id"], top["stage"], top["tier"]) == ("lena-hoffmann", "said-yes", 0)
    assert str(top["action"]).startswith("Schedule 15 minutes with Lena Hoffmann")
    shown = json.loads(
        ok(runner, db, "person", "show", "Lena Hoffmann", "--today", "2026-11-16", "--json")
    )
    assert shown["stage"] == "said-yes"
    assert "said yes on 2026-11-13" in ok(
        runner, db, "person", "show", "Lena Hoffmann", "--today", "2026-11-16"
    )


def test_a_meeting_on_the_calendar_then_logged_then_thanked(
    runner: CliRunner, search: Path
) -> None:
    """Lena said yes; scheduled for Thu 19 Nov. The 18th: prepare. The 20th: log it. Logged
    on the 19th: thank her. Thank-you marked done: recorded on the interview, gone."""
    db = search
    ok(runner, db, "outreach", "Lena Hoffmann", "--on", "2026-11-02")
    ok(runner, db, "reply", "Lena Hoffmann", "--on", "2026-11-03")
    ok(runner, db, "schedule", "Lena Hoffmann", "--on", "2026-11-19", "--mode", "video")
    assert [i["kind"] for i in _agenda(runner, db, "2026-11-17")] == []
    assert [i["kind"] for i in _agenda(runner, db, "2026-11-18")] == ["prepare"]
    assert not [i for i in _suggest(runner, db, "2026-11-18") if i["person_id"] == "lena-hoffmann"]
    assert "log-conversation" in [i["kind"] for i in _agenda(runner, db, "2026-11-20")]
    ok(runner, db, "interview", "log", "Lena Hoffmann", "--on", "2026-11-19", "--no-input")
    (thanks,) = _agenda(runner, db, "2026-11-20")
    assert thanks["kind"] == "thank-you"
    ok(runner, db, "followup", "done", str(thanks["id"]), "--on", "2026-11-20")
    with open_store(db) as store:
        (interview,) = store.interviews_with("lena-hoffmann")
    assert str(interview.thanked_on) == "2026-11-20"
    assert _agenda(runner, db, "2026-11-20") == []
    assert "thanked on 2026-11-20" in ok(
        runner, db, "person", "show", "Lena Hoffmann", "--today", "2026-11-20"
    )


def test_kofi_my_neighbour_is_contacted_directly_never_introduced(
    runner: CliRunner, search: Path
) -> None:
    """Sam (strength 5) knows Kofi (5): 0.90 × 0.90 × 0.85 ≈ 0.69 beats my own weak tie to
    Kofi (strength 1: 0.30), but I know Kofi myself — suggest and prep both say so."""
    db = search
    (kofi,) = [s for s in _suggest(runner, db, "2026-11-02") if s["person_id"] == "kofi-mensah"]
    assert kofi["path"] == ["jo-rivera", "kofi-mensah"]
    assert "introduce" not in str(kofi["action"])
    assert "You know them directly" in ok(runner, db, "prep", "Kofi Mensah")


def test_a_follow_up_then_silence_is_no_response(runner: CliRunner, search: Path) -> None:
    """A second outreach to Ines while she is silent is the follow-up of the first: no new
    3B7 cycle, one second-contact item for Duolingo, then no response after 7 more business
    days — she leaves suggest and the agenda."""
    db = search
    ok(runner, db, "outreach", "Ines Duarte", "--on", "2026-11-02")
    ok(runner, db, "outreach", "Ines Duarte", "--on", "2026-11-12")
    items = _agenda(runner, db, "2026-11-13")
    assert [i["kind"] for i in items if i["person_id"] == "ines-duarte"] == ["3b7-second-contact"]
    (second,) = [i for i in items if i["kind"] == "3b7-second-contact"]
    assert "Omar Said" in str(second["action"])
    assert "Lena Hoffmann" in str(second["action"])
    shown = json.loads(
        ok(runner, db, "person", "show", "Ines Duarte", "--today", "2026-11-23", "--json")
    )
    assert shown["stage"] == "no-response"
    ids = [s["person_id"] for s in _suggest(runner, db, "2026-11-23")]
    assert "ines-duarte" not in ids


def test_declined_and_do_not_contact_are_never_suggested_drafted_or_routed(
    runner: CliRunner, search: Path
) -> None:
    db = search
    ok(runner, db, "outreach", "Lena Hoffmann", "--on", "2026-11-02")
    ok(runner, db, "reply", "Lena Hoffmann", "--on", "2026-11-03", "--declined")
    ok(runner, db, "person", "edit", "Sam Ortiz", "--do-not-contact")
    found = _suggest(runner, db, "2026-11-04")
    ids = [s["person_id"] for s in found]
    assert "lena-hoffmann" not in ids
    assert "sam-ortiz" not in ids
    assert all("sam-ortiz" not in s["path"] for s in found)
    code, out, err = run(runner, db, "draft", "request", "Sam Ortiz")
    assert code != 0
    assert out == ""
    assert "do not contact" in err
    intro = json.loads(ok(runner, db, "intro", "Duolingo", "--today", "2026-11-04", "--json"))
    routes = [p["path"] for p in intro["paths"]]
    assert not [r for r in routes if {"sam-ortiz", "lena-hoffmann"} & set(r)]


def test_news_for_the_referrer_covers_what_they_have_not_heard(
    runner: CliRunner, search: Path
) -> None:
    """Sam (a friend: "Hi Sam") named Priya Nair; met on Wed 4 Nov, she advised a case study
    and named Tom Reyes. The news cites both; once told (followup done) the agenda's "tell
    Sam" item goes. Before anyone Sam named is met there is no news to give."""
    db = search
    ok(runner, db, "refer", "Sam Ortiz", "Priya Nair", "--on", "2026-11-02", "--may-use-name")
    code, out, err = run(runner, db, "draft", "news", "Sam Ortiz")
    assert code == 1
    assert out == ""
    assert "nobody Sam Ortiz referred you to has been met yet" in err
    ok(
        runner, db, "interview", "log", "Priya Nair", "--on", "2026-11-04", "--no-input",
        "--advice", "Build a case study", "--referred", "Tom Reyes",
    )  # fmt: skip
    news = ok(runner, db, "draft", "news", "Sam Ortiz")
    assert news.startswith("Hi Sam,")
    assert "suggesting I speak with Priya Nair. We spoke on November 4" in news
    assert "One piece of advice I am acting on: build a case study." in news
    assert "Priya Nair also suggested I speak with Tom Reyes." in news
    (tell,) = [i for i in _agenda(runner, db, "2026-11-09") if i["kind"] == "tell-referrer"]
    assert "referrals draft news sam-ortiz" in str(tell["why"])
    ok(runner, db, "followup", "done", str(tell["id"]), "--on", "2026-11-05")
    assert not [i for i in _agenda(runner, db, "2026-11-09") if i["kind"] == "tell-referrer"]
