"""``introducers`` and ``referrals intro`` under the lifecycle's rules.

Whom to ask about an organization or field, and along which paths: never through or to
someone who declined or is marked do not contact, never the same path twice, never through
one insider to another, a path's chance never above one of its hops', no single point of
failure made of a lone insider, and whom to ask anyway when nothing leads there.

Expected values are worked out by hand from the hop chances of ``_warmth``: a tie of
strength 0…5 answers with 0.10, 0.30, 0.50, 0.65, 0.80, 0.90; an introducer of unknown
responsiveness scales their hops by 0.85; a named referral is a hop from me at 0.85. A path's
chance is the product of its hops' chances.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import networkx as nx
import pytest
from builders import small_network
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from infoview_graph.algorithms._introducers import CHANCE_MEANING, Introductions, introducers
from infoview_graph.algorithms._warmth import describe_chain, hop_graph, hop_model
from infoview_graph.cli import app
from infoview_graph.errors import AmbiguousNameError, BlankQueryError
from infoview_graph.lifecycle import lifecycle
from infoview_graph.models import (
    NetworkData,
    Organization,
    Outreach,
    Referral,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.timing import Thresholds
from tests.strategies import networks

TODAY = dt.date(2026, 11, 18)  # a Wednesday
ACME: dict[str, object] = {"organization": "acme"}


def build(
    people: dict[str, dict[str, object]],
    ties: list[tuple[str, str, int]],
    *,
    referrals: tuple[Referral, ...] = (),
    declined: tuple[str, ...] = (),
    organizations: tuple[Organization, ...] = (
        Organization(id="acme", name="Acme"),
        Organization(id="netflix", name="Netflix", fields=("writing",)),
    ),
) -> ReferralNetwork:
    """Me ('me', named Me), the people given (named by their id, title-cased), fields
    accounting (related: auditing), auditing and writing; ``declined`` people said no on
    2026-11-03 to a message of 2026-11-02."""
    outreach = tuple(
        Outreach(
            id=f"o-{pid}",
            person=pid,
            on=dt.date(2026, 11, 2),
            replied_on=dt.date(2026, 11, 3),
            declined=True,
        )
        for pid in declined
    )
    return small_network(
        people, ties, organizations=organizations, referrals=referrals, outreach=outreach
    )


def named_referral(referrer: str, referee: str) -> Referral:
    return Referral(
        referrer=referrer,
        referee=referee,
        on=dt.date(2026, 11, 16),
        may_use_name=True,
        for_org="acme",
    )


def paths_of(answer: Introductions) -> list[tuple[tuple[str, ...], float]]:
    return [(p.path, p.warmth) for p in answer.paths]


# --- declined and do not contact -------------------------------------------------------------


def test_intro_never_routes_through_or_to_declined_or_do_not_contact_people() -> None:
    """Acme has Kay, S1 and S2. Kay declined; Dee is marked do not contact; Kim declined.

    - me → Ann → S1: 0.80 · (0.65 · 0.85) = 0.442, the only path left;
    - me → Dee → S2: 0.90 · (0.90 · 0.85) = 0.6885 would lead, but Dee is do not contact;
    - me → Ann → Kim → S2: 0.80 · 0.765 · 0.765 = 0.468, but Kim declined;
    - me → Kay: 0.65, but Kay declined: she is at the end of no path, and excluded.

    Even asked for five paths (Yen's k best), none passes them.
    """
    people = {"ann": {}, "dee": {"do_not_contact": True}, "kim": {}, "kay": ACME}
    people |= {"s1": ACME, "s2": ACME}
    ties = [
        ("me", "ann", 4),
        ("ann", "s1", 3),
        ("me", "dee", 5),
        ("dee", "s2", 5),
        ("ann", "kim", 5),
        ("kim", "s2", 5),
        ("me", "kay", 3),
    ]
    net = build(people, ties, declined=("kim", "kay"))
    life = lifecycle(net, today=TODAY)
    assert (life.stage("kim"), life.stage("kay"), life.stage("dee")) == (
        "declined",
        "declined",
        "do-not-contact",
    )
    answer = introducers(net, "Acme", k=5, today=TODAY)
    assert paths_of(answer) == [(("me", "ann", "s1"), pytest.approx(0.442))]
    assert [i.person_id for i in answer.introducers] == ["ann"]
    assert answer.members == ("kay", "s1", "s2")
    assert answer.excluded == ("kay",)
    assert answer.message == "Ask Ann first (44% chance of an answer)."

    # Without the decline and the flag, Dee's path would lead: the rule is what drops it.
    free = build({**people, "dee": {}}, ties)
    assert introducers(free, "Acme", k=5, today=TODAY).paths[0].path == ("me", "dee", "s2")


def test_intro_never_takes_a_referral_from_someone_marked_do_not_contact() -> None:
    """Rob, marked do not contact, named S1 for me: that referral opens no path. S1 is then
    reached only through Ann: 0.80 · (0.50 · 0.85) = 0.34."""
    net = build(
        {"rob": {"do_not_contact": True}, "ann": {}, "s1": ACME},
        [("me", "rob", 3), ("me", "ann", 4), ("ann", "s1", 2)],
        referrals=(named_referral("rob", "s1"),),
    )
    answer = introducers(net, "acme", today=TODAY)
    assert paths_of(answer) == [(("me", "ann", "s1"), pytest.approx(0.34))]
    assert all(p.referrer is None for p in answer.paths)


# --- the same path twice, and chances above a hop --------------------------------------------


def test_a_referral_path_and_the_tie_path_are_two_paths_listed_once_each() -> None:
    """Brad (strength 4) knows S1 (strength 3) and named her for me.

    - the referral: a hop from me straight to S1, 0.85, with Brad as its referrer;
    - the ties: me → Brad → S1, 0.80 · (0.65 · 0.85) = 0.442.

    Shown both as "me, Brad, S1" (as before), they were the same path twice, and the first
    claimed 85% while my hop to Brad is 80%. Now the referral path is me → S1, Brad noted.
    """
    net = build(
        {"brad": {}, "s1": ACME},
        [("me", "brad", 4), ("brad", "s1", 3)],
        referrals=(named_referral("brad", "s1"),),
    )
    answer = introducers(net, "Acme", k=5, today=TODAY)
    assert paths_of(answer) == [
        (("me", "s1"), pytest.approx(0.85)),
        (("me", "brad", "s1"), pytest.approx(0.442)),
    ]
    first, second = answer.paths
    assert (first.referrer, first.may_use_name, first.hops) == ("brad", True, (("me", "s1", 0.85),))
    assert second.referrer is None
    assert second.hops == (("me", "brad", 0.8), ("brad", "s1", pytest.approx(0.5525)))
    assert second.weakest_link == ("brad", "s1", pytest.approx(0.5525))
    lead = answer.introducers[0]
    assert (lead.person_id, lead.stage) == ("s1", "referred")
    assert lead.reason == "Brad referred you (you may use the name); works at Acme"
    assert answer.message == "Ask S1 first, naming Brad (85% chance of an answer)."


def test_a_path_chance_is_never_above_one_of_its_hops() -> None:
    """Rob (strength 2: 0.50) named S1. The referral path is me → S1 at 0.85, not
    "me → Rob → S1 at 85%" above my 50% hop to Rob; the tie path me → Rob → S1 is
    0.50 · (0.50 · 0.85) = 0.2125, its weakest link Rob → S1 at 0.425.

    Kay, whom I know (strength 1: 0.30), is contacted directly: Amy (strength 5) knows her
    well, but me → Amy → Kay (0.90 · 0.765 = 0.6885) is an introduction to someone I
    know, never proposed; Kay's chance is my own hop, 0.30.
    """
    net = build(
        {"rob": {}, "s1": ACME, "amy": {}, "kay": ACME},
        [("me", "rob", 2), ("rob", "s1", 2), ("me", "amy", 5), ("amy", "kay", 5), ("me", "kay", 1)],
        referrals=(named_referral("rob", "s1"),),
    )
    answer = introducers(net, "Acme", k=5, today=TODAY)
    assert paths_of(answer) == [
        (("me", "s1"), pytest.approx(0.85)),
        (("me", "kay"), pytest.approx(0.30)),
        (("me", "rob", "s1"), pytest.approx(0.2125)),
    ]
    assert answer.paths[2].weakest_link == ("rob", "s1", pytest.approx(0.425))
    for path in answer.paths:
        assert path.warmth <= min(h[2] for h in path.hops) + 1e-9
    assert [(i.person_id, i.warmth) for i in answer.introducers] == [
        ("s1", pytest.approx(0.85)),
        ("kay", pytest.approx(0.30)),
    ]


def test_an_introducers_chance_is_their_best_path_not_more() -> None:
    """Brad leads to S1 (0.80 · 0.5525 = 0.442) and S2 (0.80 · 0.425 = 0.34). Both paths
    start with my own hop to Brad (0.80), so asking Brad cannot beat 0.442: the chances of
    his paths are not combined as if they were independent (1 − 0.558 · 0.66 = 0.63)."""
    net = build(
        {"brad": {}, "s1": ACME, "s2": ACME},
        [("me", "brad", 4), ("brad", "s1", 3), ("brad", "s2", 2)],
    )
    brad = introducers(net, "Acme", today=TODAY).introducers[0]
    assert (brad.person_id, brad.reaches) == ("brad", ("s1", "s2"))
    assert brad.warmth == pytest.approx(0.442)
    assert brad.best_path is not None
    assert brad.best_path.path == ("me", "brad", "s1")


# --- one insider through another -------------------------------------------------------------


def test_intro_never_goes_through_one_insider_to_reach_another() -> None:
    """Bea works at Acme and knows S1 there well; Ann, outside, knows S1 a little.

    - me → Bea: 0.80 (I know her: my own hop);
    - me → Bea → S1: 0.80 · (0.90 · 0.85) = 0.612 — dropped: Bea is the one to ask;
    - me → Ann → S1: 0.65 · (0.50 · 0.85) = 0.27625.
    """
    net = build(
        {"bea": ACME, "s1": ACME, "ann": {}},
        [("me", "bea", 4), ("bea", "s1", 5), ("me", "ann", 3), ("ann", "s1", 2)],
    )
    answer = introducers(net, "Acme", k=5, today=TODAY)
    assert paths_of(answer) == [
        (("me", "bea"), pytest.approx(0.80)),
        (("me", "ann", "s1"), pytest.approx(0.27625)),
    ]
    assert [(i.person_id, i.warmth, i.reason) for i in answer.introducers] == [
        ("bea", pytest.approx(0.80), "works at Acme, knows 1 other person there"),
        ("ann", pytest.approx(0.27625), "leads to S1 at Acme"),
    ]
    assert answer.single_points_of_failure == ()


def test_a_field_target_follows_the_same_rule() -> None:
    """In the field Accounting: Ada (strength 3: 0.65) and Cy, whom only Ada knows. Cy is
    reached only through Ada, an insider herself: Ada is the one to ask."""
    net = build(
        {"ada": {"fields": ("accounting",)}, "cy": {"fields": ("accounting",)}},
        [("me", "ada", 3), ("ada", "cy", 5)],
    )
    answer = introducers(net, "Accounting", today=TODAY)
    assert paths_of(answer) == [(("me", "ada"), pytest.approx(0.65))]
    assert answer.introducers[0].reason == "works in Accounting, knows 1 other person there"


# --- single points of failure ----------------------------------------------------------------


def test_one_insider_on_one_path_is_no_single_point_of_failure() -> None:
    """One person at Acme, one path: me → Brad → S1, 0.80 · 0.5525 = 0.442. "Every path
    goes through S1" (or Brad) would say nothing: there is only one."""
    net = build({"brad": {}, "s1": ACME}, [("me", "brad", 4), ("brad", "s1", 3)])
    answer = introducers(net, "Acme", today=TODAY)
    assert answer.single_points_of_failure == ()
    assert answer.message == "Ask Brad first (44% chance of an answer)."


def test_one_insider_on_two_paths_through_the_same_person_has_one() -> None:
    """One person at Acme, two paths, both through Brad (whom I do not know):
    me → Ann → Brad → S1 and me → Cat → Brad → S1, each 0.65 · 0.68 · 0.68 = 0.30056."""
    net = build(
        {"ann": {}, "cat": {}, "brad": {}, "s1": ACME},
        [
            ("me", "ann", 3),
            ("me", "cat", 3),
            ("ann", "brad", 4),
            ("cat", "brad", 4),
            ("brad", "s1", 4),
        ],
    )
    answer = introducers(net, "Acme", today=TODAY)
    assert paths_of(answer) == [
        (("me", "ann", "brad", "s1"), pytest.approx(0.30056)),
        (("me", "cat", "brad", "s1"), pytest.approx(0.30056)),
    ]
    assert answer.single_points_of_failure == ("brad",)
    assert answer.message.endswith("Every path to Acme goes through Brad: find a second way in.")


# --- no path: whom to ask anyway --------------------------------------------------------------


@pytest.mark.parametrize("target", ["", "   ", "\t"])
def test_a_blank_target_is_refused_not_asked_about(target: str) -> None:
    """A blank target names nothing: no "Do you know anyone at   ?" and no near miss."""
    from infoview_graph.demo import demo_network

    with pytest.raises(BlankQueryError, match="give an organization or a career field"):
        introducers(demo_network(), target)


def test_with_no_path_intro_names_whom_to_ask_anyway() -> None:
    """Netflix (a writing employer) has only Nell, who declined. Nobody leads there, so:

    - Wendy, in Writing, is close to it (strength 2);
    - then my best-connected contacts: Hub knows 3 people besides me, Lou none;
    - never Dora (declined), Dan (do not contact) nor Zed (a tie of strength 0: never met),
      however well connected.
    """
    people: dict[str, dict[str, object]] = {
        "wendy": {"fields": ("writing",)},
        "hub": {},
        "lou": {},
        "dora": {},
        "dan": {"do_not_contact": True},
        "zed": {},
        "nell": {"organization": "netflix"},
    }
    people |= {f"h{n}": {} for n in range(1, 5)}
    ties = [("me", "wendy", 2), ("me", "hub", 3), ("me", "lou", 1), ("me", "dora", 5)]
    ties += [("me", "dan", 5), ("me", "zed", 0)]
    ties += [("hub", f"h{n}", 1) for n in range(1, 4)]
    ties += [(p, f"h{n}", 2) for p in ("dora", "dan", "zed") for n in range(1, 5)]
    net = build(people, ties, declined=("dora", "nell"))
    answer = introducers(net, "Netflix", today=TODAY)
    assert (answer.introducers, answer.paths, answer.single_points_of_failure) == ((), (), ())
    assert answer.excluded == ("nell",)
    assert answer.message == (
        "Nobody you know is connected to Netflix yet (the one person there declined or is "
        'marked do not contact). Ask these contacts anyway: "Do you know anyone at Netflix?"'
    )
    assert [(f.person_id, f.reason) for f in answer.fallback] == [
        ("wendy", "works in Writing, close to the target"),
        ("hub", "knows 3 people besides you: one of your best-connected contacts"),
        ("lou", "someone you know (tie strength 1)"),
    ]


def test_with_nobody_known_intro_says_how_to_start() -> None:
    answer = introducers(build({}, []), "netflix", today=TODAY)
    assert answer.fallback == ()
    assert answer.message == (
        "Nobody you know is connected to Netflix yet. Add the people you know "
        '(referrals person add), then ask them: "Do you know anyone at Netflix?"'
    )


def test_the_percentages_are_explained_once() -> None:
    answer = introducers(build({"s1": ACME}, [("me", "s1", 2)]), "acme", today=TODAY)
    assert answer.chance_meaning == CHANCE_MEANING
    assert CHANCE_MEANING.count(".") == 1  # one sentence
    assert "product of its hops' chances" in CHANCE_MEANING


# --- the command line ------------------------------------------------------------------------


def cli(runner: CliRunner, db: Path, *args: str) -> str:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def test_intro_command_obeys_the_rules(runner: CliRunner, db_path: Path) -> None:
    """A store built with the commands, judged on 2026-11-18. At Acme:

    - Uma, whom Rob (strength 2) named for me: 0.85 by the referral, me → Rob → Uma
      0.50 · (0.50 · 0.85) = 0.2125 by the ties: two paths, each listed once;
    - Bea, whom I know (strength 4): 0.80; her colleague Sam is not reached through her;
    - Sam through Ann: 0.80 · (0.65 · 0.85) = 0.442;
    - Tom, only through Dee (do not contact), 0.90 · 0.765 = 0.6885: out of reach;
    - Kay declined: left out.

    (People added ``--how referral`` have no tie to me.)
    """
    steps = [
        ("org", "add", "Acme"),
        ("person", "add", "Ann Berg", "--strength", "4"),
        ("person", "add", "Sam Ito", "--org", "Acme", "--how", "referral"),
        ("know", "Ann Berg", "Sam Ito", "--strength", "3"),
        ("person", "add", "Dee Park", "--strength", "5", "--do-not-contact"),
        ("person", "add", "Tom Shaw", "--org", "Acme", "--how", "referral"),
        ("know", "Dee Park", "Tom Shaw", "--strength", "5"),
        ("person", "add", "Kay Moss", "--org", "Acme", "--strength", "3"),
        ("outreach", "Kay Moss", "--on", "2026-11-02"),
        ("reply", "Kay Moss", "--declined", "--on", "2026-11-03"),
        ("person", "add", "Bea Lund", "--org", "Acme", "--strength", "4"),
        ("know", "Bea Lund", "Sam Ito", "--strength", "5"),
        ("person", "add", "Rob Hart", "--strength", "2"),
        ("refer", "Rob Hart", "Uma Vance", "--may-use-name", "--on", "2026-11-16"),
        ("person", "edit", "Uma Vance", "--org", "Acme"),
        ("know", "Rob Hart", "Uma Vance", "--strength", "2"),
    ]
    for step in steps:
        cli(runner, db_path, *step)
    answer = json.loads(
        cli(runner, db_path, "intro", "Acme", "-k", "5", "--today", "2026-11-18", "--json")
    )
    paths = [(p["path"], p["referrer"], round(p["warmth"], 4)) for p in answer["paths"]]
    me = "steven-olson"
    assert paths == [
        ([me, "uma-vance"], "rob-hart", 0.85),
        ([me, "bea-lund"], None, 0.8),
        ([me, "ann-berg", "sam-ito"], None, 0.442),
        ([me, "rob-hart", "uma-vance"], None, 0.2125),
    ]
    assert [i["person_id"] for i in answer["introducers"]] == ["uma-vance", "bea-lund", "ann-berg"]
    assert answer["excluded"] == ["kay-moss"]
    assert answer["single_points_of_failure"] == []
    assert answer["chance_meaning"] == CHANCE_MEANING

    text = cli(runner, db_path, "intro", "Acme", "-k", "5", "--today", "2026-11-18")
    assert text.startswith("Ask Uma Vance first, naming Rob Hart (85% chance of an answer).\n")
    assert text.count(CHANCE_MEANING) == 1
    assert text.index(CHANCE_MEANING) < text.index("Uma Vance │")
    assert "Steven Olson → Uma Vance (referred by Rob Hart)" in text
    assert "Steven Olson → Rob Hart → Uma Vance" in text
    for absent in ("Dee Park", "Kay Moss", "Tom Shaw", "Bea Lund → Sam Ito"):
        assert absent not in text


def test_intro_command_with_one_insider(runner: CliRunner, db_path: Path) -> None:
    """Sue is the only one at Acme, reached only through Brad: no "every path goes through"."""
    cli(runner, db_path, "org", "add", "Acme")
    cli(runner, db_path, "person", "add", "Brad Cole", "--strength", "4")
    cli(runner, db_path, "person", "add", "Sue Lin", "--org", "Acme", "--how", "referral")
    cli(runner, db_path, "know", "Brad Cole", "Sue Lin", "--strength", "3")
    text = cli(runner, db_path, "intro", "Acme", "--today", "2026-11-18")
    assert text.startswith("Ask Brad Cole first (44% chance of an answer).\n")
    assert "goes through" not in text


def test_intro_command_with_no_path_says_whom_to_ask(runner: CliRunner, db_path: Path) -> None:
    """Netflix's only person declined: exit 0, the sentence, then whom to ask anyway — Wendy
    (in Writing, Netflix's field), then Hugo (knows one person besides me); never Dora (do
    not contact) nor Nell."""
    cli(runner, db_path, "field", "add", "Writing")
    cli(runner, db_path, "org", "add", "Netflix", "--field", "Writing")
    assert "Add the people you know" in cli(runner, db_path, "intro", "Netflix")
    steps = [
        ("person", "add", "Wendy Hale", "--field", "Writing", "--strength", "2"),
        ("person", "add", "Hugo Burns", "--strength", "3"),
        ("person", "add", "Ida Cole", "--how", "referral"),
        ("know", "Hugo Burns", "Ida Cole", "--strength", "1"),
        ("person", "add", "Dora Fox", "--strength", "5", "--do-not-contact"),
        ("know", "Dora Fox", "Ida Cole", "--strength", "4"),
        ("person", "add", "Nell Ames", "--org", "Netflix", "--how", "referral"),
        ("outreach", "Nell Ames", "--on", "2026-11-02"),
        ("reply", "Nell Ames", "--declined", "--on", "2026-11-03"),
    ]
    for step in steps:
        cli(runner, db_path, *step)
    text = cli(runner, db_path, "intro", "Netflix", "--today", "2026-11-18")
    assert text.startswith("Nobody you know is connected to Netflix yet")
    assert '"Do you know anyone at Netflix?"' in text
    assert text.index("Wendy Hale") < text.index("Hugo Burns")
    assert "Dora Fox" not in text
    assert "Nell Ames" not in text
    assert CHANCE_MEANING not in text
    answer = json.loads(cli(runner, db_path, "intro", "Netflix", "--today", "2026-11-18", "--json"))
    assert [f["person_id"] for f in answer["fallback"]] == ["wendy-hale", "hugo-burns"]
    assert answer["excluded"] == ["nell-ames"]
    assert answer["introducers"] == answer["paths"] == []


# --- properties ------------------------------------------------------------------------------


def _allowed_chains(
    net: ReferralNetwork, members: tuple[str, ...], today: dt.date, max_hops: int
) -> dict[str, list[tuple[float, tuple[str, ...]]]]:
    """Every chain the rules allow to each insider, with its chance: a slow reference that
    enumerates the simple paths of the hop graph and filters them."""
    model = hop_model(net, today=today, thresholds=Thresholds(), ask_window_days=30, max_asks=3)
    blocked = model.blocked | set(
        lifecycle(net, today=today).in_stage("declined", "do-not-contact")
    )
    me = net.me.id
    known = {p for p, s in net.strengths(me).items() if s >= 1}
    insiders = set(members) - blocked
    graph = hop_graph(net, model)
    found: dict[str, list[tuple[float, tuple[str, ...]]]] = {}
    for insider in sorted(insiders):
        for chain in nx.all_simple_paths(graph, me, insider, cutoff=max_hops):
            if blocked & set(chain) or insiders & set(chain[1:-1]) or known & set(chain[2:]):
                continue
            hops = describe_chain(net, model, chain, 0.0).hops
            found.setdefault(insider, []).append((math.prod(hops), tuple(chain)))
    return found


@given(networks(), st.data())
@settings(max_examples=60)
def test_every_path_shown_obeys_the_rules(data: NetworkData, draw: st.DataObject) -> None:
    targets = [o.id for o in data.organizations] + [f.id for f in data.fields]
    if not targets:
        return
    target = draw.draw(st.sampled_from(targets))
    k = draw.draw(st.integers(1, 5))
    max_hops = draw.draw(st.integers(1, 4))
    net = ReferralNetwork(data)
    today = data.as_of or dt.date(2026, 6, 1)
    try:
        answer = introducers(net, target, k=k, today=today, max_hops=max_hops)
    except AmbiguousNameError:
        reject()
    me = net.me.id
    life = lifecycle(net, today=today)
    blocked = set(life.in_stage("declined", "do-not-contact"))
    members = set(answer.members)
    known = {p for p, s in net.strengths(me).items() if s >= 1}

    assert len(answer.paths) <= k
    assert len({p.path for p in answer.paths}) == len(answer.paths)  # never twice
    assert [(-p.warmth, p.path) for p in answer.paths] == sorted(
        (-p.warmth, p.path) for p in answer.paths
    )
    for p in answer.paths:
        chances = [h[2] for h in p.hops]
        assert p.warmth <= min(chances) + 1e-9  # never above a hop
        assert p.warmth == pytest.approx(math.prod(chances), abs=1e-5)
        assert p.weakest_link in p.hops
        assert [h[:2] for h in p.hops] == list(zip(p.path, p.path[1:], strict=False))
        assert p.path[0] == me
        assert p.path[-1] in members
        assert len(p.path) - 1 <= max_hops
        assert len(set(p.path)) == len(p.path)
        assert not blocked & set(p.path)  # not through, not to
        assert not members & set(p.path[1:-1])  # not through another insider
        assert not known & set(p.path[2:])  # people I know: my own hop only
        assert p.referrer is None or p.referrer not in blocked
    for spof in answer.single_points_of_failure:
        assert spof not in members
        assert all(spof in p.path for p in answer.paths)
    if len(answer.paths) == 1 and k > 1:
        assert answer.single_points_of_failure == ()

    ids = [i.person_id for i in answer.introducers]
    assert len(set(ids)) == len(ids)
    assert [(-i.warmth, i.person_id) for i in answer.introducers] == sorted(
        (-i.warmth, i.person_id) for i in answer.introducers
    )
    for i in answer.introducers:
        assert i.best_path is not None
        assert i.best_path.path[1] == i.person_id
        assert i.warmth == i.best_path.warmth <= min(h[2] for h in i.best_path.hops) + 1e-9
        assert i.person_id not in blocked
        assert i.stage == life.stage(i.person_id)
    for f in answer.fallback:
        assert f.person_id in known
        assert f.person_id not in blocked
    assert not (answer.introducers and answer.fallback)

    # Against the slow reference: the same insiders reached, the same best chances.
    allowed = _allowed_chains(net, answer.members, today, max_hops)
    reached = {m for i in answer.introducers for m in i.reaches}
    assert reached == set(allowed)
    best = {m: max(w for w, _ in chains) for m, chains in allowed.items()}
    for i in answer.introducers:
        assert i.warmth == pytest.approx(max(best[m] for m in i.reaches), abs=1e-5)
    every = sorted((w for chains in allowed.values() for w, _ in chains), reverse=True)
    assert [p.warmth for p in answer.paths] == pytest.approx(every[:k], abs=1e-5)
    assert answer == introducers(ReferralNetwork(data), target, k=k, today=today, max_hops=max_hops)
