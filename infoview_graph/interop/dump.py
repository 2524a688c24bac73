"""Our own JSON dump: every record of a network, canonical and byte-stable.

The dump is ``{"data": {…}, "format": "infoview-graph", "version": 1}`` with every
collection in its canonical order, keys sorted, two-space indentation and a final newline,
encoded as UTF-8 — so the same network always gives the same bytes, and a dump kept under
version control changes only where the data did. :func:`read_dump` reads it back to an equal
:class:`~infoview_graph.models.NetworkData`, and checks that every id a record names exists.

Examples
--------
>>> from infoview_graph.models import NetworkData, Person
>>> data = NetworkData(persons=(Person(id="me", name="Steven Olson", is_self=True),))
>>> text = to_json(data)
>>> read_dump(text) == data
True
>>> to_json(read_dump(text)) == text
True
"""

from __future__ import annotations

import json
import os
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from infoview_graph.errors import DuplicateError, ImportFileError, NotFoundError
from infoview_graph.interop._input import read_input
from infoview_graph.models import NetworkData, invalid_input

__all__ = ["DUMP_FORMAT", "DUMP_VERSION", "read_dump", "to_json"]

DUMP_FORMAT = "infoview-graph"
"""The ``format`` marker of a dump."""
DUMP_VERSION = 1
"""The dump layout's version; a later layout is refused rather than misread."""


class _Dump(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    format: Literal["infoview-graph"]
    version: Literal[1]
    data: NetworkData


def to_json(data: NetworkData) -> bytes:
    """Return the canonical dump of a network.

    Parameters
    ----------
    data : NetworkData
        The records (any order: they are sorted here).

    Returns
    -------
    bytes
        UTF-8 JSON, keys sorted, collections in canonical order, ending in a newline.

    Examples
    --------
    >>> document = json.loads(to_json(NetworkData()))
    >>> document["format"], document["version"], sorted(document["data"])[:3]
    ('infoview-graph', 1, ['as_of', 'fields', 'followups'])
    """
    document = {
        "format": DUMP_FORMAT,
        "version": DUMP_VERSION,
        # warnings=False: a record exported as stored (Store.load_as_stored) may hold a
        # value of the wrong type, and pydantic's warning would print that value.
        "data": data.sorted().model_dump(mode="json", warnings=False),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def read_dump(source: bytes | str | os.PathLike[str], *, name: str | None = None) -> NetworkData:
    """Read a dump written by :func:`to_json`.

    Parameters
    ----------
    source : bytes or path-like
        The dump, or its path.
    name : str, optional
        The file's name in messages (default: the path).

    Returns
    -------
    NetworkData
        The records, in canonical order.

    Raises
    ------
    ImportFileError
        If the file is not JSON (the message gives line and column), not a dump of this
        version, a record breaks a rule of the model (the message names the record's path,
        e.g. ``data.persons.3.emails.0``), or a record names an id that does not exist.

    Examples
    --------
    >>> read_dump(b'{"format": "csv"}', name="backup.json")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.ImportFileError: backup.json: not a referrals dump (format — input ...
    """
    from infoview_graph.network import ReferralNetwork

    data, file = read_input(source, name=name)
    try:
        dump = _Dump.model_validate_json(data.removeprefix(b"\xef\xbb\xbf"))
    except ValidationError as error:
        reason = str(invalid_input(error, "dump")).removeprefix("invalid dump: ")
        raise ImportFileError(
            f"{file}: not a referrals dump ({reason}); export one with 'referrals export json'"
        ) from None
    try:
        ReferralNetwork(dump.data)
    except (NotFoundError, DuplicateError) as error:
        raise ImportFileError(f"{file}: the dump is inconsistent — {error}") from None
    return dump.data.sorted()
