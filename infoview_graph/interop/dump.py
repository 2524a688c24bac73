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

import functools
import json
import os
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model
from pydantic.types import FailFast

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


# --- failing fast ------------------------------------------------------------------------------
# pydantic reports every bad item of a collection, so a dump of millions of empty objects
# (or one person with millions of bad emails) collected gigabytes of errors before one was
# shown. The dump is first checked against a mirror of the models whose every collection
# stops at its first bad item; only a dump that passes is validated for real, which then
# raises nothing. Memory follows the records, never the errors.


@functools.cache
def _mirror(model: type[BaseModel]) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation: Any = info.annotation
        if info.metadata:  # constraints and validators, outside the fail-fast marker
            annotation = Annotated[(annotation, *info.metadata)]
        fast = _fast(annotation)
        if fast is not annotation:
            default = (
                Field(default_factory=info.default_factory)
                if info.default_factory is not None
                else Field(default=info.default)
            )
            fields[name] = (fast, default)
    created: type[BaseModel] = create_model(f"_Fast{model.__name__}", __base__=model, **fields)
    return created


def _fast(annotation: Any) -> Any:
    origin, args = get_origin(annotation), get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _mirror(annotation)
    if origin is Annotated:
        inner = _fast(args[0])
        return annotation if inner is args[0] else Annotated[(inner, *args[1:])]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return Annotated[tuple[_fast(args[0]), ...], FailFast()]  # type: ignore[misc]
    if origin is dict:
        return Annotated[dict[_fast(args[0]), _fast(args[1])], FailFast()]  # type: ignore[misc]
    if origin in (Union, types.UnionType):
        inners = tuple(_fast(a) for a in args)
        return annotation if inners == args else Union[inners]  # noqa: UP007
    return annotation


def _one_line(text: str) -> str:
    # A key of the file may be echoed ("X is not a known attribute"): a line separator or
    # control character in it is written as its escape, so the error stays one line.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@functools.cache
def _fast_dump() -> type[BaseModel]:
    created: type[BaseModel] = create_model(
        "_FastDump", __base__=_Dump, data=(_mirror(NetworkData), ...)
    )
    return created


def _check_fast(data: bytes) -> None:
    """Raise the first error of every collection of the dump, or nothing."""
    _fast_dump().model_validate_json(data)


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
        text = data.removeprefix(b"\xef\xbb\xbf")
        _check_fast(text)
        records = _Dump.model_validate_json(text).data
    except ValidationError as error:
        reason = _one_line(str(invalid_input(error, "dump")).removeprefix("invalid dump: "))
        raise ImportFileError(
            f"{file}: not a referrals dump ({reason}); export one with 'referrals export json'"
        ) from None
    try:
        ReferralNetwork(records)
    except (NotFoundError, DuplicateError) as error:
        raise ImportFileError(f"{file}: the dump is inconsistent — {error}") from None
    return records.sorted()
