r"""Private, atomic file output: every file the tool writes goes through here.

A file is written to a temporary sibling (``.<name>.<random>.tmp``, created mode 0600),
flushed to disk, then moved into place in one step, so a reader — or a crash — sees the old
file or the new one, never half of one. A temporary file left by a killed process is an
*orphan*; ``referrals doctor`` lists them (:func:`orphans`).

Examples
--------
>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> write_atomic(target, b"hello").name
'out.txt'
>>> oct(target.stat().st_mode & 0o777), target.read_bytes()
('0o600', b'hello')
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from infoview_graph.errors import DuplicateError, InvalidInputError, NotFoundError, StoreIOError

__all__ = ["orphans", "private_temp", "publish", "write_atomic"]

_SUFFIX = ".tmp"


def private_temp(target: Path) -> Path:
    """Create an empty 0600 temporary file beside ``target`` (and its 0700 directory).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> temp = private_temp(pathlib.Path(tempfile.mkdtemp()) / "x.db")
    >>> temp.name.startswith(".x.db.") and temp.name.endswith(".tmp")
    True
    """
    if not target.parent.exists():
        target.parent.mkdir(parents=True, mode=0o700)
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}{_SUFFIX}")
        try:
            os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue
        return temp


def publish(temp: Path, target: Path, *, force: bool = False) -> None:
    """Move a finished temporary file into place, atomically.

    An existing ``target`` is replaced only with ``force``.

    Raises
    ------
    DuplicateError
        If ``target`` exists and ``force`` is false (the temporary file is removed).
    """
    try:
        if force:
            os.replace(temp, target)
            return
        try:
            os.link(temp, target)  # fails if the target exists: no race with a check
        except FileExistsError:
            raise DuplicateError(
                f"{target} exists already; choose another name or add --force"
            ) from None
        except OSError:
            if target.exists():
                raise
            os.replace(temp, target)  # a file system without hard links
    finally:
        temp.unlink(missing_ok=True)


@contextmanager
def atomic_path(target: Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a private temporary path to fill; publish it to ``target`` on success.

    On any error the temporary file is removed and ``target`` is left as it was.
    """
    if target.exists() and not force:
        raise DuplicateError(f"{target} exists already; choose another name or add --force")
    temp = private_temp(target)
    try:
        yield temp
        _fsync(temp)
        publish(temp, target, force=force)
        _fsync_directory(target.parent)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise StoreIOError(f"could not write {target}: {error.strerror}; nothing saved") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(
    target: str | os.PathLike[str],
    data: bytes,
    *,
    force: bool = False,
    protect: str | os.PathLike[str] | None = None,
) -> Path:
    """Write ``data`` to ``target`` atomically, mode 0600.

    Parameters
    ----------
    target : path-like
        The file to write.
    data : bytes
        Its whole content.
    force : bool, default False
        Replace an existing file.
    protect : path-like, optional
        The store's file: refused as a target, with its ``-wal``, ``-shm`` and ``-journal``.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InvalidInputError
        If ``target`` is the protected store (or one of its files) or a directory.
    NotFoundError
        If the directory of ``target`` does not exist.
    DuplicateError
        If ``target`` exists and ``force`` is false.
    StoreIOError
        If the disk is full or fails: nothing is written, no temporary file remains.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "tree.dot", b"digraph {}").read_bytes()
    b'digraph {}'
    >>> write_atomic(folder / "referrals.db", b"x", protect=folder / "referrals.db")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: --out: ... is the store itself ...
    """
    path = Path(target)
    if protect is not None and _is_store_file(path, Path(protect)):
        raise InvalidInputError(
            f"--out: {path} is the store itself (or one of its files); choose another file"
        )
    if path.is_dir():
        raise InvalidInputError(f"--out: {path} is a directory; name a file in it")
    if not path.parent.is_dir():
        raise NotFoundError(f"--out: the directory {path.parent} does not exist; create it first")
    with atomic_path(path, force=force) as temp, open(temp, "wb") as handle:
        handle.write(data)
    return path


def _is_store_file(target: Path, store: Path) -> bool:
    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = store.with_name(store.name + suffix)
        if target.exists() and companion.exists():
            if os.path.samefile(target, companion):
                return True
        elif target.resolve() == companion.resolve():
            return True
    return False


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def orphans(directory: str | os.PathLike[str]) -> list[Path]:
    """Return the temporary files a killed process left in ``directory``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = private_temp(folder / "referrals.db")
    >>> [p.name.endswith(".tmp") for p in orphans(folder)]
    [True]
    """
    folder = Path(directory)
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(_SUFFIX)
    )
