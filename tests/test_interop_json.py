"""Our JSON dump: canonical, byte-stable, and an exact round trip through a new store."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_support import fixture, fixture_bytes, memory_store, mutated
from strategies import networks

from infoview_graph.errors import DuplicateError, ImportFileError
from infoview_graph.interop.dump import read_dump, to_json
from infoview_graph.models import NetworkData
from infoview_graph.store import actions, open_store
from infoview_graph.store.imports import import_dump


@given(networks())
def test_import_of_the_export_is_the_network(data: NetworkData) -> None:
    text = to_json(data)
    assert read_dump(text) == data.sorted()
    assert to_json(read_dump(text)) == text


@settings(max_examples=25)
@given(networks(max_persons=8))
def test_a_dump_restores_into_a_new_store_and_exports_to_the_same_bytes(
    data: NetworkData,
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        first, second = Path(directory) / "a.db", Path(directory) / "b.db"
        actions.create_store(first, data=data)
        with open_store(first) as store:
            dump = to_json(store.load())
        actions.create_store(second, data=read_dump(dump))
        with open_store(second) as store:
            assert store.load() == data.sorted()
            assert to_json(store.load()) == dump


def test_the_dump_is_canonical_byte_for_byte() -> None:
    """A hand-checked dump of hostile names reads and writes back to the same bytes."""
    text = fixture_bytes("hostile_dump.json")
    data = read_dump(fixture("hostile_dump.json"))
    assert to_json(data) == text
    document = json.loads(text)
    assert (document["format"], document["version"]) == ("infoview-graph", 1)
    assert list(document) == sorted(document)


def test_import_dump_restores_into_an_empty_store_and_then_changes_nothing() -> None:
    data = read_dump(fixture("hostile_dump.json"))
    with memory_store() as store:  # only me, as after 'referrals init'
        dry = import_dump(store, data, dry_run=True)
        assert dry.created == len(data.persons)
        assert dry.dry_run
        assert [p.name for p in store.persons()] == ["Steven Olson"]
        report = import_dump(store, data)
        assert report.created == len(data.persons)
        assert store.load() == data
        again = import_dump(store, data)
        assert (again.created, again.unchanged) == (0, len(data.persons))
        assert store.load() == data


def test_import_dump_refuses_a_store_with_other_records() -> None:
    with memory_store() as store:
        actions.add_contact(store, "Ann Lee")
        before = store.load()
        with pytest.raises(DuplicateError, match="new or empty store"):
            import_dump(store, read_dump(fixture("hostile_dump.json")))
        assert store.load() == before


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b"", "EOF while parsing a value at line 1 column 0"),
        (b'{"data": {}, "format": "infoview-graph",\n "version": 1,,}', "at line 2 column 15"),
        (b'{"data": {}, "format": "csv", "version": 1}', "format"),
        (b'{"data": {}, "format": "infoview-graph", "version": 2}', "version"),
        (b"[" * 100_000, "recursion limit"),
    ],
)
def test_not_a_dump(text: bytes, reason: str) -> None:
    with pytest.raises(ImportFileError, match=reason):
        read_dump(text, name="backup.json")


def test_a_bad_record_is_named_by_its_path_never_its_value() -> None:
    document = json.loads(fixture_bytes("hostile_dump.json"))
    document["data"]["persons"][1]["emails"] = ["secret-not-an-email"]
    with pytest.raises(ImportFileError) as caught:
        read_dump(json.dumps(document).encode(), name="backup.json")
    assert "data.persons.1.emails.0 is not an email address" in str(caught.value)
    assert "secret" not in str(caught.value)


def test_a_dump_of_many_bad_records_stops_at_the_first() -> None:
    """pydantic reports every bad item: 2.5 million empty persons (10 MB) collected 3.6 GB
    of errors. Each collection now fails at its first bad record, nested ones too."""
    head = b'{"format": "infoview-graph", "version": 1, "data": {"persons": ['
    with pytest.raises(ImportFileError) as caught:
        read_dump(head + b"{}, " * 100_000 + b"{}]}}", name="backup.json")
    assert "data.persons.0.id is required" in str(caught.value)
    assert "data.persons.1" not in str(caught.value)
    person = b'{"id": "a", "name": "A", "is_self": true, "emails": [' + b'"x", ' * 100_000
    with pytest.raises(ImportFileError) as caught:
        read_dump(head + person + b'"x"]}]}}', name="backup.json")
    assert "data.persons.0.emails.0 is not an email address" in str(caught.value)
    assert "emails.1" not in str(caught.value)


def test_a_dangling_reference_is_refused() -> None:
    document = json.loads(fixture_bytes("hostile_dump.json"))
    document["data"]["referrals"][0]["referee"] = "nobody"
    with pytest.raises(ImportFileError, match="inconsistent — no person has the id 'nobody'"):
        read_dump(json.dumps(document).encode(), name="backup.json")


@settings(max_examples=40)
@given(st.one_of(st.binary(max_size=300), mutated(fixture_bytes("hostile_dump.json"))))
def test_any_bytes_restore_or_raise_the_import_error(data: bytes) -> None:
    with memory_store() as store:
        before = store.load()
        try:
            dump = read_dump(data, name="fuzz.json")
        except ImportFileError as error:
            message = str(error)
            dump = None
        if dump is None:
            assert message.startswith("fuzz.json: ")
            assert store.load() == before
        else:
            import_dump(store, dump)
            assert store.load() == dump
