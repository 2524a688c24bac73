"""The atheris targets' importer table works without atheris: each entry either imports or
raises ImportFileError on a few fixed inputs (the long runs are by hand)."""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

import pytest

from infoview_graph.errors import ImportFileError

TARGET = Path(__file__).parent.parent / "fuzz" / "fuzz_importers.py"


def load_target() -> object:
    spec = importlib.util.spec_from_file_location("fuzz_importers", TARGET)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("data", [b"", b"\x00\xff\xfe", b"First Name,Last Name\r\nAda,L\r\n",
                                  b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n",
                                  b"{}"])  # fmt: skip
def test_every_importer_keeps_the_fuzzing_contract(data: bytes) -> None:
    importers = load_target().IMPORTERS  # type: ignore[attr-defined]
    assert set(importers) == {"linkedin", "vcard", "google", "csv", "json"}
    for importer in importers.values():
        with contextlib.suppress(ImportFileError):
            importer(data)
