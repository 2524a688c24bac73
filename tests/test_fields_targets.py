"""Fields and targets you can fix: relate, unrelate, rename, list by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from typer.testing import CliRunner

from infoview_graph.errors import DuplicateError, InvalidInputError, NotFoundError
from infoview_graph.store import Store, actions, open_store


@pytest.fixture
def fields(store: Store) -> Store:
    actions.add_field(store, "Accounting")
    actions.add_field(store, "Auditing")
    return store


def test_relate_and_unrelate(fields: Store) -> None:
    assert actions.relate_fields(fields, "Accounting", "auditing").record.related == ("auditing",)
    assert fields.field("accounting").related == ("auditing",)
    assert fields.field("auditing").related == ()  # one way, as field add --related
    with pytest.raises(DuplicateError, match="Auditing is related to Accounting already"):
        actions.relate_fields(fields, "Accounting", "Auditing")
    actions.relate_fields(fields, "Accounting", "Auditing", related=False)
    assert fields.field("accounting").related == ()
    with pytest.raises(DuplicateError, match="is not related"):
        actions.relate_fields(fields, "Accounting", "Auditing", related=False)


def test_relate_refuses_unknown_and_same_fields(fields: Store) -> None:
    before = fields.load()
    with pytest.raises(NotFoundError, match="no career field named 'Tax'"):
        actions.relate_fields(fields, "Accounting", "Tax")
    with pytest.raises(InvalidInputError, match="the same field"):
        actions.relate_fields(fields, "Accounting", "accounting")
    assert fields.load() == before


def test_rename_keeps_the_id_and_the_references(fields: Store) -> None:
    actions.add_contact(fields, "Ann Lee", fields=["Accounting"])
    actions.add_target(fields, "field", "Accounting", priority=1)
    change = actions.rename_field(fields, "accounting", "Corporate accounting")
    assert (change.record.id, change.record.name) == ("accounting", "Corporate accounting")
    assert fields.find_field("corporate accounting") is not None
    with pytest.raises(NotFoundError, match="no career field has the id or name 'Accounting'"):
        fields.find_field("Accounting")
    assert fields.person("ann-lee").fields == ("accounting",)
    with pytest.raises(DuplicateError, match=r"Auditing \(auditing\) has that name already"):
        actions.rename_field(fields, "accounting", "auditing")


def test_cli_field_relate_rename_and_target_list(runner: CliRunner, db_path: Path) -> None:
    for args in (
        ("field", "add", "urban-planning"),
        ("field", "add", "Transit"),
        ("field", "relate", "urban-planning", "Transit"),
        ("field", "rename", "urban-planning", "Urban planning"),
        ("target", "add", "field", "Urban planning", "--priority", "1"),
        ("target", "add", "org", "Metro Transit Authority", "--priority", "2"),
    ):
        code, _, err = run(runner, db_path, *args)
        assert code == 0, (args, err)
    with open_store(db_path) as store:
        planning = store.field("urban-planning")
    assert (planning.name, planning.related) == ("Urban planning", ("transit",))
    code, out, _ = run(runner, db_path, "target", "list")
    assert code == 0
    assert "Urban planning" in out
    assert "Metro Transit Authority" in out
    targets = json.loads(run(runner, db_path, "target", "list", "--json")[1])
    assert [(t["name"], t["priority"]) for t in targets] == [
        ("Urban planning", 1),
        ("Metro Transit Authority", 2),
    ]
    code, _, err = run(runner, db_path, "field", "unrelate", "Urban planning", "Transit")
    assert code == 0, err


def test_cli_field_relate_unknown_changes_nothing(runner: CliRunner, db_path: Path) -> None:
    assert run(runner, db_path, "field", "add", "Accounting")[0] == 0
    before = db_path.read_bytes()
    code, out, err = run(runner, db_path, "field", "relate", "Accounting", "Nope")
    assert (code, out) == (1, "")
    assert err.startswith("error: no career field named 'Nope'")
    assert db_path.read_bytes() == before
