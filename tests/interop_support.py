"""Shared by the interop tests: fixture files, byte mutations, and the fuzz property.

The property every importer must keep, for any bytes: it returns a ``Parsed`` that merges
into a store, or it raises :class:`ImportFileError` — never another exception — and when
anything fails the store is exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

from infoview_graph.errors import ImportFileError
from infoview_graph.interop.parsed import Parsed
from infoview_graph.network import ReferralNetwork
from infoview_graph.store import Store, actions, open_store
from infoview_graph.store.imports import apply_import

FIXTURES = Path(__file__).parent / "fixtures" / "interop"

# Bytes that mean something to one of the formats: quotes, separators, line ends, QP
# escapes, BOMs, NEL and U+2028, a lone UTF-8 continuation byte.
_INTERESTING = [
    b'"', b",", b";", b":", b"=", b"\r", b"\n", b"\r\n", b"\x00", b"\xff", b"\x80", b"\xc2\x85",
    "\u2028".encode(), b"\xef\xbb\xbf", b"\xff\xfe", b" ", b"\t", b"=C3=", b" ::: ", b"*",
    b"BEGIN:VCARD\r\n", b"END:VCARD\r\n", b"item1.", b"PK\x03\x04",
]  # fmt: skip


def fixture(name: str) -> Path:
    """Return the path of a fixture file."""
    return FIXTURES / name


def fixture_bytes(name: str) -> bytes:
    """Return the bytes of a fixture file."""
    return (FIXTURES / name).read_bytes()


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """Draw ``data`` with one to four byte-level mutations (flip, insert, delete, cut)."""
    result = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "cut"]))
        at = draw(st.integers(0, len(result)))
        if operation == "flip" and result:
            at = min(at, len(result) - 1)
            result[at] = draw(st.integers(0, 255))
        elif operation == "insert":
            chunk = draw(st.one_of(st.sampled_from(_INTERESTING), st.binary(max_size=8)))
            result[at:at] = chunk
        elif operation == "delete":
            result[at : at + draw(st.integers(1, 16))] = b""
        elif operation == "duplicate":
            result[at:at] = result[at : at + draw(st.integers(1, 64))]
        else:
            del result[at:]
    return bytes(result)


def memory_store() -> Store:
    """Return a private in-memory store holding only me (Steven Olson)."""
    store = open_store(":memory:")
    actions.init_store(store, "Steven Olson")
    return store


def imports_or_refuses(read: Callable[[bytes], Parsed], data: bytes) -> None:
    """Check the importer property on ``data`` (see the module docstring)."""
    with memory_store() as store:
        _check_import(store, read, data)


def _check_import(store: Store, read: Callable[[bytes], Parsed], data: bytes) -> None:
    before = store.load()
    refused: ImportFileError | None = None
    try:
        parsed = read(data)
        assert isinstance(parsed, Parsed)
        apply_import(store, parsed)
    except ImportFileError as error:
        refused = error
    if refused is not None:
        assert str(refused)
        assert store.load() == before
    else:
        # What was imported is a valid network: every reference resolves.
        assert ReferralNetwork(store.load()).me.name == "Steven Olson"
