"""Reading files to import: whole, capped in size, with the name to use in messages.

Writing is not done here: every file the tool writes goes through
:mod:`infoview_graph._files` (atomic, private, never the store).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from infoview_graph.errors import (
    ImportFileError,
    NotFoundError,
)

__all__ = ["MAX_INPUT_BYTES", "InputFile", "open_input", "read_input"]

MAX_INPUT_BYTES = 256 * 1024 * 1024
"""The largest file an importer reads (256 MiB): 30,000 contacts take a few MB."""


def read_input(
    source: bytes | str | os.PathLike[str], *, name: str | None = None, limit: int = MAX_INPUT_BYTES
) -> tuple[bytes, str]:
    """Return the bytes of a file to import and the name to use for it in messages.

    Parameters
    ----------
    source : bytes or path-like
        The file's content, or its path (a ``str`` is always a path).
    name : str, optional
        The name for messages (default: the path as given, or ``"<bytes>"``).
    limit : int
        The largest size accepted, in bytes.

    Returns
    -------
    tuple of (bytes, str)
        The content and the name.

    Raises
    ------
    NotFoundError
        If there is no file at the path.
    ImportFileError
        If the file cannot be read or is larger than ``limit``.

    Examples
    --------
    >>> read_input(b"First Name", name="Connections.csv")
    (b'First Name', 'Connections.csv')
    """
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        path = Path(source)
        label = name or str(path)
        try:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise NotFoundError(f"no file at {label}; check the path") from None
        except IsADirectoryError:
            raise ImportFileError(f"{label} is a directory; name a file") from None
        except OSError as error:
            raise ImportFileError(f"{label}: cannot read it ({error.strerror})") from None
        except ValueError:  # a NUL in the path
            raise ImportFileError(f"{label!r} is not a file name") from None
    if len(data) > limit:
        raise ImportFileError(
            f"{label} is larger than {limit // (1024 * 1024)} MiB; split it into smaller files"
        )
    return data, label


@dataclass(frozen=True)
class InputFile:
    """A file to import, opened afresh for each pass instead of held in memory.

    Examples
    --------
    >>> source = open_input(b"First Name", name="Connections.csv")
    >>> source.label, source.size, source.open().read()
    ('Connections.csv', 10, b'First Name')
    """

    label: str
    """The name used in messages."""
    size: int
    """Its size in bytes."""
    opener: Callable[[], BinaryIO]
    """Returns a new binary stream from the file's first byte."""

    def open(self) -> BinaryIO:
        """Return a new binary stream over the whole file."""
        return self.opener()

    def head(self, size: int) -> bytes:
        """Return the file's first ``size`` bytes."""
        with self.open() as handle:
            return handle.read(size)


def open_input(
    source: bytes | str | os.PathLike[str], *, name: str | None = None, limit: int = MAX_INPUT_BYTES
) -> InputFile:
    """Check a file to import and return it as an :class:`InputFile`, unread.

    Readers stream it row by row, so that memory follows the people imported, not the
    bytes read (a file of blank lines costs nothing).

    Parameters
    ----------
    source : bytes or path-like
        The file's content, or its path (a ``str`` is always a path).
    name : str, optional
        The name for messages (default: the path as given, or ``"<bytes>"``).
    limit : int
        The largest size accepted, in bytes.

    Raises
    ------
    NotFoundError
        If there is no file at the path.
    ImportFileError
        If the path is a directory, cannot be read, or the file is larger than ``limit``.

    Examples
    --------
    >>> open_input("/nonexistent/Connections.csv")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.NotFoundError: no file at /nonexistent/Connections.csv; check the path
    """
    if isinstance(source, bytes):
        data = source
        source_file = InputFile(name or "<bytes>", len(data), lambda: io.BytesIO(data))
    else:
        path = Path(source)
        label = name or str(path)
        try:
            with path.open("rb") as handle:  # refuses directories and unreadable files now
                size = os.fstat(handle.fileno()).st_size
        except FileNotFoundError:
            raise NotFoundError(f"no file at {label}; check the path") from None
        except IsADirectoryError:
            raise ImportFileError(f"{label} is a directory; name a file") from None
        except OSError as error:
            raise ImportFileError(f"{label}: cannot read it ({error.strerror})") from None
        except ValueError:  # a NUL in the path
            raise ImportFileError(f"{label!r} is not a file name") from None
        source_file = InputFile(label, size, lambda: path.open("rb"))
    if source_file.size > limit:
        raise ImportFileError(
            f"{source_file.label} is larger than {limit // (1024 * 1024)} MiB; "
            "split it into smaller files"
        )
    return source_file
