"""A referral chain thousands deep: the library and ``referrals chains`` walk it whole.

Each person named the next: me → p0000 (a contact of mine) → p0001 → … → p4999. Walking the
tree recursively would exhaust Python's call stack long before the end.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infoview_graph.algorithms import referral_chains
from infoview_graph.cli import app
from infoview_graph.models import NetworkData, Person, Referral, Tie
from infoview_graph.network import ReferralNetwork
from infoview_graph.store import open_store

DEPTH = 5_000
START = dt.date(2026, 1, 1)


def _id(i: int) -> str:
    return f"p{i:04d}"


def deep_chain() -> NetworkData:
    """Me, and p0000 … p4999, each referred by the one before, one day later."""
    persons = [Person(id="me", name="Me", is_self=True)]
    persons += [Person(id=_id(i), name=f"Person {i}") for i in range(DEPTH)]
    referrals = tuple(
        Referral(referrer=_id(i), referee=_id(i + 1), on=START + dt.timedelta(days=i % 300))
        for i in range(DEPTH - 1)
    )
    return NetworkData(
        persons=tuple(persons), ties=(Tie(a="me", b=_id(0), strength=3),), referrals=referrals
    )


@pytest.fixture(scope="module")
def data() -> NetworkData:
    return deep_chain()


def test_the_library_walks_the_whole_chain(data: NetworkData) -> None:
    chains = referral_chains(ReferralNetwork(data))
    assert chains.roots == (_id(0),)
    assert len(chains.chains) == 1
    (chain,) = chains.longest
    assert chain.people == tuple(_id(i) for i in range(DEPTH))
    assert [(h.referrer, h.referee) for h in chain.hops[:2]] == [
        (_id(0), _id(1)),
        (_id(1), _id(2)),
    ]
    assert chain.hops[-1].referee == _id(DEPTH - 1)
    assert chain.people_names[-1] == f"Person {DEPTH - 1}"


def test_a_referral_back_up_the_chain_is_an_also_edge(data: NetworkData) -> None:
    """p4999 naming p0000, the root, would close a cycle: it is kept as "also referred by"."""
    back = Referral(referrer=_id(DEPTH - 1), referee=_id(0), on=START + dt.timedelta(days=301))
    network = ReferralNetwork(data.model_copy(update={"referrals": (*data.referrals, back)}))
    chains = referral_chains(network)
    assert chains.also_referred_by == ((_id(DEPTH - 1), _id(0)),)
    assert len(chains.longest[0].people) == DEPTH


def test_the_command_shows_the_chain(data: NetworkData, tmp_path: Path) -> None:
    db = tmp_path / "deep.db"
    with open_store(db, create=True) as store:
        store.write_data(data)
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db), "chains"])
    assert result.exit_code == 0, result.stderr
    assert f"Longest chain ({DEPTH - 1} referrals)" in result.stdout
    assert "Person 0 " in result.stdout or "Person 0\n" in result.stdout
    hidden = DEPTH - 40
    assert f"… and {hidden} more people below: referrals chains --from {_id(39)}" in (result.stdout)
    assert "Traceback" not in result.stderr

    result = runner.invoke(app, ["--db", str(db), "chains", "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["longest"][0]["people"]) == DEPTH

    deeper = runner.invoke(app, ["--db", str(db), "chains", "--from", _id(39)])
    assert deeper.exit_code == 0, deeper.stderr
    assert f"more people below: referrals chains --from {_id(78)}" in deeper.stdout
