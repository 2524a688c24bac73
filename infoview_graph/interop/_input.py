"""Reading files to import: whole, capped in size, with the name to use in messages.

Writing is not done here: every file the tool writes goes through
:mod:`infoview_graph._files` (atomic, private, never the store).
"""

from __future__ import annotations

import os
from pathlib import Path

from infoview_graph.errors import (
    ImportFileError,
    NotFoundError,
)

__all__ = ["MAX_INPUT_BYTES", "read_input"]

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
