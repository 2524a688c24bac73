"""Records on demand: a network read from a store answers as one holding every record."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import networks

from infoview_graph.algorithms import (
    agenda,
    coverage,
    introducers,
    prep_brief,
    referral_chains,
    suggest_next_contacts,
)
from infoview_graph.demo import demo_data
from infoview_graph.errors import AmbiguousNameError, NotFoundError, StoreError
from infoview_graph.models import NetworkData, Person
from infoview_graph.network import ReferralNetwork
from infoview_graph.people import PersonTable, Positions
from infoview_graph.store import Store, actions, open_store


def _answers(network: ReferralNetwork, day: dt.date, person: str | None) -> dict[str, object]:
    """Every read command's answer, as data that compares by value."""
    found: dict[str, object] = {
        "suggest": [s.model_dump() for s in suggest_next_contacts(network, k=50, today=day)],
        "agenda": [item.model_dump() for item in agenda(network, today=day, horizon_days=30)],
        "coverage": coverage(network, today=day).model_dump(),
        "chains": referral_chains(network).model_dump(),
    }
    if person is not None:
        found["prep"] = prep_brief(network, person, today=day).model_dump()
    for target in network.targets():
        try:  # an id both an organization and a field has is refused alike by both
            answer: object = introducers(network, target.id, today=day).model_dump()
        except AmbiguousNameError as error:
            answer = str(error)
        found[f"intro {target.kind} {target.id}"] = answer
    return found


@given(networks(max_persons=10), st.data())
@settings(max_examples=25, deadline=None)
def test_a_network_read_on_demand_answers_as_a_fully_loaded_one(
    data: NetworkData, draw: st.DataObject
) -> None:
    """Suggest, agenda, coverage, chains, intro and prep give identical results on the
    network a store reads on demand (person rows, ties as arrays; first from the rows, then
    from the store's cache) and on a network built from every record in memory."""
    day = data.as_of or dt.date(2026, 6, 1)
    others = sorted(p.id for p in data.persons if not p.is_self)
    person = draw.draw(st.sampled_from(others)) if others else None
    expected = _answers(ReferralNetwork(data), day, person)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "on-demand.db"
        actions.create_store(path, data=data)
        for _ in range(2):  # the second load reads the ties and persons from the caches
            with open_store(path) as store:
                network = store.load_network()
                lazy = store.load_network(lazy=True)
                assert _answers(lazy, day, person) == expected
                assert lazy.to_data() == data.sorted()
            assert _answers(network, day, person) == expected
            assert network.to_data() == data.sorted()


def test_a_suggestion_builds_records_only_for_the_people_it_needs(tmp_path: Path) -> None:
    """The demo's 40 people and 400 quiet contacts: ranking reads their columns, and a
    record is built only for the people the answer names and those whose events the
    rules read — at most the demo's 40, never the quiet ones."""
    demo = demo_data()
    quiet = tuple(
        Person(id=f"quiet-{i:03}", name=f"Quiet Contact {i}", organization="general-mills")
        for i in range(400)
    )
    path = tmp_path / "demo.db"
    actions.create_store(path, data=demo.model_copy(update={"persons": demo.persons + quiet}))
    with open_store(path) as store:
        network = store.load_network()
    people = network._persons  # counting what was built is the point
    assert people.built() == 0
    found = suggest_next_contacts(network, k=3)
    assert len(found) == 3
    assert 0 < people.built() <= len(demo.persons)
    assert len(list(network.persons())) == len(network) == people.built() == 440


def test_columns_read_rows_and_records_alike() -> None:
    """A column has the value a record would, whether the person is a row or a record."""
    table = PersonTable()
    table.put(Person(id="brad", name="Brad", organization="acme", do_not_contact=True))
    table.put_row(("ann", "Ann", None, 0, 1), ("law",), lambda row, fields: Person(
        id=row[0], name=row[1], fields=fields, do_not_contact=row[4] == 1))  # fmt: skip
    assert table.column("do_not_contact") == {"brad": True, "ann": True}
    assert table.column("fields") == {"brad": (), "ann": ("law",)}
    assert table.column("organization") == {"brad": "acme", "ann": None}
    assert table.flagged("do_not_contact") == ["ann", "brad"]
    assert table.flagged("is_self") == []
    assert table["ann"] == Person(id="ann", name="Ann", fields=("law",), do_not_contact=True)
    table.remove("brad")
    assert list(table) == ["ann"]
    assert table.column("name") == {"ann": "Ann"}


@given(
    st.lists(st.text("abcdef", min_size=1, max_size=3), unique=True, max_size=40),
    st.lists(
        st.tuples(st.sampled_from(["[]", "in", "get"]), st.text("abcdefg", max_size=3)),
        max_size=60,
    ),
)
def test_positions_answer_as_a_dictionary_of_every_id(ids: list[str], lookups) -> None:
    """Whether an id is searched, kept from an earlier search or put in with every id, the
    answer is the dictionary's — and len, iteration and the views are of every id."""
    ids = sorted(ids)
    plain = {pid: i for i, pid in enumerate(ids)}
    positions = Positions(ids)
    for how, key in lookups:
        if how == "[]":
            if key in plain:
                assert positions[key] == plain[key]
            else:
                with pytest.raises(KeyError):
                    positions[key]
        elif how == "in":
            assert (key in positions) == (key in plain)
        else:
            assert positions.get(key, -1) == plain.get(key, -1)
    assert positions == plain
    assert not positions != plain  # noqa: SIM202 - dict's own != is a separate method
    assert len(positions) == len(plain)
    assert list(positions) == list(plain)
    assert dict(positions) == plain == positions.copy()
    assert list(positions.items()) == list(plain.items())


@given(
    st.lists(st.text("abcdef", min_size=1, max_size=3), unique=True, max_size=40),
    st.lists(st.lists(st.text("abcdefg", max_size=3), max_size=12), max_size=6),
)
def test_positions_check_many_ids_at_once_as_one_at_a_time(
    ids: list[str], batches: list[list[str]]
) -> None:
    """has_all answers as a lookup of each id would, whether the ids were searched before,
    are searched now or are put in with every id once the searches run out (a table of
    40 ids allows 5) — and the positions stay the dictionary's."""
    ids = sorted(ids)
    plain = {pid: i for i, pid in enumerate(ids)}
    positions = Positions(ids)
    for batch in batches:
        assert positions.has_all(iter(batch)) == all(key in plain for key in batch)
        assert all(positions.get(key, -1) == plain.get(key, -1) for key in batch)
    assert positions == plain


def test_a_table_checks_many_ids_as_its_lookups_do() -> None:
    """has_all of a table read from columns counts the persons put since and not those
    removed, as ``in`` does."""
    columns = {"id": ["ann", "cal"], "name": ["Ann", "Cal"], "organization": [None, None],
               "is_self": [True, False], "do_not_contact": [False, False],
               "fields": [(), ()]}  # fmt: skip
    table = PersonTable.from_columns(
        columns, lambda row, fields: Person(id=row[0], name=row[1]), lambda ids: []
    )
    table.put(Person(id="bea", name="Bea"))
    assert table.has_all(["cal", "bea", "ann", "cal"])
    table.remove("cal")
    for ids in (["cal"], ["ann", "cal"], ["dan"], ["bea", "dan"]):
        assert table.has_all(ids) is all(pid in table for pid in ids) is False
    assert table.has_all(["ann", "bea"])
    assert PersonTable().has_all([])
    assert not PersonTable().has_all(["ann"])


def test_a_table_read_from_columns_keeps_its_positions_through_changes() -> None:
    """A person put after the stored ones (out of id order) is found, and so is every
    stored one; the index a tie table was given is not changed."""
    columns = {"id": ["ann", "cal"], "name": ["Ann", "Cal"], "organization": [None, None],
               "is_self": [True, False], "do_not_contact": [False, False],
               "fields": [(), ()]}  # fmt: skip
    rows = {"ann": ("ann", "Ann", None, 1, 0), "cal": ("cal", "Cal", None, 0, 0)}
    table = PersonTable.from_columns(
        columns,
        lambda row, fields: Person(id=row[0], name=row[1]),
        lambda ids: [rows[i] for i in ids],
    )
    shared = table.positions()
    table.put_row(
        ("bea", "Bea", None, 0, 0), (), lambda row, fields: Person(id=row[0], name=row[1])
    )
    assert [table.value(pid, "name") for pid in ("ann", "bea", "cal")] == ["Ann", "Bea", "Cal"]
    assert dict(shared) == {"ann": 0, "cal": 1}
    assert "bea" not in shared


_RANKED = ("name", "organization", "fields", "is_self", "do_not_contact")


def _columns(path: Path, *, lazy: bool) -> dict[str, dict[str, object]]:
    with open_store(path) as store:
        network = store.load_network(lazy=lazy)
        return {name: dict(network.person_column(name)) for name in _RANKED}  # type: ignore[arg-type]


def test_the_person_cache_follows_every_change_to_its_columns(tmp_path: Path) -> None:
    """Each change to a ranked column — a rename, a new organization, do-not-contact, other
    fields, a new person, a forgotten one — is seen by the next command, never a stale
    cache; between changes the cache is what the command reads."""
    path = tmp_path / "demo.db"
    actions.create_store(path, data=demo_data())

    def edit(store: Store, person_id: str, **update: object) -> None:
        store.add_person(store.person(person_id).model_copy(update=update), replace=True)

    changes = [
        lambda store: edit(store, "brad-johnson", name="Bradley Johnson"),
        lambda store: edit(store, "brad-johnson", organization=None),
        lambda store: edit(store, "brad-johnson", do_not_contact=True),
        lambda store: edit(store, "brad-johnson", fields=("auditing", "finance")),
        lambda store: store.add_person(Person(id="new-one", name="New One")),
        lambda store: store.remove_person("mrs-smith"),
    ]
    seen = [_columns(path, lazy=True)]
    for change in changes:
        with open_store(path) as store, store.write():
            change(store)
        assert _columns(path, lazy=True) == _columns(path, lazy=False)
        with open_store(path) as store:
            cached = store.execute("SELECT version FROM person_cache").fetchone()
            assert cached == store.execute("SELECT n FROM person_version").fetchone()
        seen.append(_columns(path, lazy=True))  # read from the cache
        assert seen[-1] != seen[-2]
    assert seen[-1]["name"]["brad-johnson"] == "Bradley Johnson"
    assert seen[-1]["fields"]["brad-johnson"] == ("auditing", "finance")
    assert "mrs-smith" not in seen[-1]["name"]
    assert "new-one" in seen[-1]["name"]


def test_a_lazy_network_needs_its_store_open_and_unchanged(tmp_path: Path) -> None:
    """A record asked for after the store closed, or after another program changed the
    ranked columns, is an error that says what to do — never a stale or mixed answer."""
    path = tmp_path / "demo.db"
    actions.create_store(path, data=demo_data())
    with open_store(path) as store:
        network = store.load_network(lazy=True)
        assert network.person("brad-johnson").name == "Brad Johnson"
    with pytest.raises(StoreError, match="closed before every person was read; keep it open"):
        network.person("mrs-smith")
    with open_store(path) as store:
        network = store.load_network(lazy=True)
        with open_store(path) as other, other.write():
            other.remove_person("mrs-smith")
        with pytest.raises(StoreError, match="changed while this command read it; run"):
            network.person("aisha-rahman")


def test_persons_of_reads_every_missing_row_in_one_query(tmp_path: Path) -> None:
    """Asking a lazy network for many people at once costs one read of the store."""
    path = tmp_path / "demo.db"
    actions.create_store(path, data=demo_data())
    wanted = ["mrs-smith", "brad-johnson", "aisha-rahman"]
    with open_store(path) as store:
        expected = [store.person(pid) for pid in wanted]
        network = store.load_network(lazy=True)
        reads: list[str] = []
        store._con.set_trace_callback(reads.append)
        assert list(network.persons_of(wanted)) == expected
        assert list(network.persons_of(wanted)) == expected  # built: no read at all
        store._con.set_trace_callback(None)
        with pytest.raises(NotFoundError, match="no person has the id 'nobody'"):
            network.persons_of(["brad-johnson", "nobody"])
    assert len(reads) == 1
    assert "json_each" in reads[0]


def test_the_index_shared_with_a_tie_table_never_changes_under_it() -> None:
    """A tie table reads the person table's ``{id: position}``: a person added after it
    was shared goes into a copy, never into the index the tie table holds."""

    def build(row: tuple[object, ...], fields: tuple[str, ...]) -> Person:
        return Person(id=str(row[0]), name=str(row[1]), fields=fields)

    table = PersonTable.from_rows([("a", "A", None, 0, 0), ("b", "B", None, 0, 0)], {}, build)
    shared = table.positions()
    table.put_row(("c", "C", None, 0, 0), ("law",), build)
    assert shared == {"a": 0, "b": 1}
    assert table.positions() == {"a": 0, "b": 1, "c": 2}
    assert list(table) == table.ids() == ["a", "b", "c"]
    assert table["c"].fields == ("law",)


@pytest.mark.parametrize("table", ["referrals", "outreach", "interviews"])
def test_a_store_whose_events_name_a_missing_person_fails_to_load_by_name(
    tmp_path: Path, table: str
) -> None:
    """The persons events name are checked all at once when a store is read; a store
    edited by hand without its foreign keys still fails with the one-at-a-time error."""
    import sqlite3

    path = tmp_path / "referrals.db"
    with open_store(path, create=True) as store:
        store.write_data(demo_data())
        (named,) = store._con.execute(
            f"SELECT {'referee' if table == 'referrals' else 'person'} FROM {table} LIMIT 1"
        ).fetchone()
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("UPDATE persons SET id = 'zz-gone' WHERE id = ?", (named,))
        con.commit()
    finally:
        con.close()
    with open_store(path) as store, pytest.raises(NotFoundError) as caught:
        store.load_network(lazy=True)
    assert str(caught.value) == f"no person has the id '{named}'"
