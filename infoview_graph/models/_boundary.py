"""Errors at the boundary: a pydantic ValidationError as one InvalidInputError line."""

from __future__ import annotations

from pydantic import (
    ValidationError,
)

from infoview_graph.errors import InvalidInputError

# --- errors at the boundary ------------------------------------------------------------------


def invalid_input(error: ValidationError, what: str | None = None) -> InvalidInputError:
    """Turn a pydantic ``ValidationError`` into one :class:`InvalidInputError`.

    The message names each bad field and says how to fix it; it never contains the input.

    Parameters
    ----------
    error : pydantic.ValidationError
        The error raised by a model.
    what : str, optional
        What was being validated (e.g. ``"person"``); defaults to the model's name.

    Returns
    -------
    InvalidInputError
        The error to raise.

    Examples
    --------
    >>> from infoview_graph.models import Person
    >>> try:
    ...     Person(id="x", name="Ada", emails=("not-an-email",))
    ... except ValidationError as e:
    ...     print(invalid_input(e, "person"))
    invalid person: emails.0 is not an email address; write it as name@example.org
    """
    problems = []
    for item in error.errors(include_input=False, include_url=False):
        where = ".".join(str(part) for part in item["loc"]) or "value"
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "string_unicode":
            message = "contains a character that is not text (a lone surrogate); remove it"
        elif item["type"] == "extra_forbidden":
            message = "is not a known attribute; check its spelling"
        elif item["type"] == "missing":
            message = "is required"
        elif item["loc"] and not message.startswith(("is ", "must ", "contains ", "has ")):
            message = f"— {message[0].lower()}{message[1:]}"
        problems.append(f"{where} {message}" if item["loc"] else message)
    return InvalidInputError(f"invalid {what or error.title.lower()}: " + "; ".join(problems))
