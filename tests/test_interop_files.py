"""Exports are written atomically, 0600, never over an existing file or the store itself."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from infoview_graph._files import write_atomic
from infoview_graph.errors import (
    DuplicateError,
    ImportFileError,
    InfoviewError,
    InvalidInputError,
    NotFoundError,
)
from infoview_graph.interop._input import read_input


def test_written_private_and_complete(tmp_path: Path) -> None:
    out = write_atomic(tmp_path / "agenda.ics", b"BEGIN:VCALENDAR\r\n")
    assert out.read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.ics"]  # no temp file left


def test_an_existing_file_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "people.csv"
    out.write_bytes(b"old")
    out.chmod(0o644)
    with pytest.raises(DuplicateError, match="add --force"):
        write_atomic(out, b"new")
    assert out.read_bytes() == b"old"
    write_atomic(out, b"new", force=True)
    assert out.read_bytes() == b"new"
    assert out.stat().st_mode & 0o777 == 0o600  # a new file took its place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


def test_the_store_and_its_companions_are_refused_even_through_a_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "referrals.db"
    store.write_bytes(b"SQLite format 3\0")
    (tmp_path / "referrals.db-wal").write_bytes(b"")
    (tmp_path / "link.db").symlink_to(store)
    monkeypatch.chdir(tmp_path)
    for target in ("referrals.db", "./referrals.db", "link.db", "referrals.db-wal",
                   "referrals.db-shm"):  # fmt: skip
        with pytest.raises(InvalidInputError, match="is the store itself"):
            write_atomic(target, b"x", force=True, protect=store)
    assert store.read_bytes() == b"SQLite format 3\0"


def test_directories_and_missing_directories(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="is a directory"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(NotFoundError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "x.csv", b"x")


def test_a_failed_write_leaves_the_target_untouched_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk (simulated at fsync): the old file stays whole; nothing is left over."""

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = tmp_path / "x.csv"
    out.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InfoviewError, match=r"could not write .*x\.csv: No space left on device"):
        write_atomic(out, b"new", force=True)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


def test_reading_inputs(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no file at"):
        read_input(tmp_path / "missing.csv")
    with pytest.raises(ImportFileError, match="is a directory"):
        read_input(tmp_path)
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(ImportFileError, match="larger than"):
        read_input(big, limit=1024)
    assert read_input(big) == (b"x" * 2048, str(big))
