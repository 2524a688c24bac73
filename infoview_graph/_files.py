r"""Private, atomic file output: every file the tool writes goes through here.

A file is written to a temporary sibling (``.<name>.<random>.tmp``, created mode 0600),
flushed to disk, then moved into place in one step, so a reader — or a crash — sees the old
file or the new one, never half of one. A temporary file left by a killed process is an
*orphan*; ``referrals doctor`` lists them (:func:`orphans`).

Every write passes one check first (:func:`check_target`): the target must not be the store
the caller names, nor its ``-wal``, ``-shm`` or ``-journal`` file, nor one of the automatic
backups its migrations write (``<store>.v<N>.bak``) — ``--force`` or not. Overwriting any of
them would lose the user's data.

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
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from infoview_graph.errors import DuplicateError, InvalidInputError, NotFoundError, StoreIOError

__all__ = [
    "check_target",
    "check_writable",
    "make_private_dirs",
    "orphans",
    "private_temp",
    "publish",
    "write_atomic",
]

_SUFFIX = ".tmp"
_COMPANIONS = ("", "-wal", "-shm", "-journal")


def check_target(
    target: str | os.PathLike[str], *, protect: str | os.PathLike[str] | None = None
) -> None:
    """Refuse ``target`` if it is a store, a store's companion file or a store's backup.

    The one check every file the tool writes goes through (:func:`atomic_path` runs it),
    whatever ``--force`` says. A store's files are ``protect`` itself, its ``-wal``,
    ``-shm`` and ``-journal`` and the backups migrations write beside it
    (``<store>.v<N>.bak``, ``<store>.v<N>-<k>.bak``). Links and other spellings of the
    same file are recognised.

    Raises
    ------
    InvalidInputError
        If ``target`` is one of those files.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_target(folder / "brief.md", protect=folder / "referrals.db")
    >>> check_target(folder / "referrals.db.v2.bak", protect=folder / "referrals.db")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: --out: ... is the store ... choose another file
    """
    if protect is None:
        return
    path, store = Path(target), Path(os.path.abspath(protect))
    if _is_store_file(path, store):
        raise InvalidInputError(
            f"--out: {path} is the store itself or one of its files (its -wal, "
            "-shm or a backup); nothing was written — choose another file"
        )


def make_private_dirs(directory: str | os.PathLike[str]) -> None:
    """Create ``directory`` and every missing parent, each mode 0700 whatever the umask.

    ``Path.mkdir(parents=True, mode=0o700)`` gives the mode to the last directory only; the
    ones above it would be readable by others.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> top = pathlib.Path(tempfile.mkdtemp())
    >>> make_private_dirs(top / "a" / "b")
    >>> [oct((top / p).stat().st_mode & 0o777) for p in ("a", "a/b")]
    ['0o700', '0o700']
    """
    folder = Path(directory)
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:  # made meanwhile by another process: leave it
            continue
        new.chmod(0o700)  # mkdir's mode is filtered by the umask


def private_temp(target: Path) -> Path:
    """Create an empty 0600 temporary file beside ``target`` (and its 0700 directory).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> temp = private_temp(pathlib.Path(tempfile.mkdtemp()) / "x.db")
    >>> temp.name.startswith(".x.db.") and temp.name.endswith(".tmp")
    True
    """
    make_private_dirs(target.parent)
    while True:
        temp = target.with_name(f".{target.name}.{os.urandom(6).hex()}{_SUFFIX}")
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
def atomic_path(
    target: Path, *, force: bool = False, protect: str | os.PathLike[str] | None = None
) -> Iterator[Path]:
    """Yield a private temporary path to fill; publish it to ``target`` on success.

    ``target`` passes :func:`check_target` first (a store or its files are refused, with
    ``force`` too). On any error the temporary file is removed and ``target`` is left as
    it was.
    """
    check_target(target, protect=protect)
    if target.exists() and not force:
        raise DuplicateError(f"{target} exists already; choose another name or add --force")
    try:
        temp = private_temp(target)
    except OSError as error:  # a read-only directory: one line, not a traceback
        raise StoreIOError(
            f"could not write {target}: {error.strerror or error}; nothing saved"
        ) from None
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


def check_writable(
    target: str | os.PathLike[str],
    *,
    force: bool = False,
    protect: str | os.PathLike[str] | None = None,
) -> Path:
    """Refuse a target :func:`write_atomic` would refuse, before any work is done.

    A command that writes several files, or computes for a while first, checks every target
    up front, so that a bad name costs nothing and no file of the set is written.

    Raises
    ------
    InvalidInputError
        If ``target`` is a protected store (or one of its files) or a directory.
    NotFoundError
        If the directory of ``target`` does not exist.
    DuplicateError
        If ``target`` exists and ``force`` is false.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_writable(folder / "tree.svg") == folder / "tree.svg"
    True
    >>> check_writable(folder / "no" / "tree.svg")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.NotFoundError: --out: the directory ... does not exist; create it first
    """
    path = Path(target)
    check_target(path, protect=protect)
    if path.is_dir():
        raise InvalidInputError(f"--out: {path} is a directory; name a file in it")
    if not path.parent.is_dir():
        raise NotFoundError(f"--out: the directory {path.parent} does not exist; create it first")
    if path.exists() and not force:
        raise DuplicateError(f"--out: {path} exists already; add --force to overwrite it")
    return path


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
        The store's file: refused as a target, with its ``-wal``, ``-shm``, ``-journal`` and
        backups, as are the stores this process opened (:func:`check_target`).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InvalidInputError
        If ``target`` is a protected store (or one of its files) or a directory.
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
    infoview_graph.errors.InvalidInputError: --out: ... is the store ... choose another file
    """
    path = check_writable(target, force=force, protect=protect)
    with atomic_path(path, force=force, protect=protect) as temp, open(temp, "wb") as handle:
        handle.write(data)
    return path


def _is_store_file(target: Path, store: Path) -> bool:
    for suffix in _COMPANIONS:
        if _same_file(target, store.with_name(store.name + suffix)):
            return True
    # The backups a migration writes beside the store (store/sqlite.py, _backup_path).
    backup = re.compile(re.escape(store.name) + r"\.v-?\d+(?:-\d+)?\.bak")
    return backup.fullmatch(target.name) is not None and _same_file(target.parent, store.parent)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:  # an unreadable path or a symlink loop: compare the spellings
        return os.path.abspath(a) == os.path.abspath(b)


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
