"""The constrained strings of the model: ids, one-line texts, emails, URLs, phones, strengths.

The ``Literal`` choices and slugs live in :mod:`infoview_graph.models._vocabulary`, which the
command line imports without pydantic.
"""

from __future__ import annotations

import re
from typing import Annotated, TypeAlias
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    Field,
)

# --- reusable constraints -------------------------------------------------------------------

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# C0 and C1 control characters, DEL, and lone surrogates: they break terminals, XML exports
# (GraphML/GEXF cannot read them back) and CSV consumers.
# Also the line and paragraph separators U+2028/U+2029, which str.splitlines() splits on.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONTROL_EXCEPT_NL_TAB = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]*(?: *(?:x|ext\.?) *[0-9]+)?", re.IGNORECASE)


def check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value) or len(value) > 80:
        raise ValueError(
            "must be a slug: lower-case letters, digits and single hyphens, "
            "at most 80 characters (for example 'brad-johnson')"
        )
    return value


def _line(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains a control character; remove it (one line of plain text)")
    if not value.strip():
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError("must not start or end with white space")
    return value


def check_free_text(value: str) -> str:
    value = value.replace("\r\n", "\n")  # Windows line ends are newlines, not control codes
    if _CONTROL_EXCEPT_NL_TAB.search(value):
        raise ValueError(
            "contains a control character; only newlines and tabs are allowed in free text"
        )
    return value


def _email(value: str) -> str:
    if _CONTROL.search(value) or not _EMAIL.fullmatch(value):
        raise ValueError("is not an email address; write it as name@example.org")
    return value


def _url(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains a control character; write it as https://example.org/…")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError("is not a web address; write it as https://example.org/…")
    return value


def _phone(value: str) -> str:
    if not _PHONE.fullmatch(value):
        raise ValueError("is not a phone number; use digits, spaces, + ( ) . - and 'ext'")
    return value


Slug: TypeAlias = Annotated[str, AfterValidator(check_slug)]
PersonId: TypeAlias = Slug
"""The stable id of a :class:`Person`, a slug such as ``"brad-johnson"``."""
OrgId: TypeAlias = Slug
"""The stable id of an :class:`Organization`, a slug such as ``"general-mills"``."""
FieldId: TypeAlias = Slug
"""The stable id of a :class:`CareerField`, a slug such as ``"accounting"``."""
QuestionId: TypeAlias = Slug
"""The stable id of a :class:`Question`, a slug such as ``"day-in-the-life"``."""
Line: TypeAlias = Annotated[str, Field(max_length=500), AfterValidator(_line)]
FreeText: TypeAlias = Annotated[str, Field(max_length=100_000), AfterValidator(check_free_text)]
Email: TypeAlias = Annotated[str, Field(max_length=320), AfterValidator(_email)]
Url: TypeAlias = Annotated[str, Field(max_length=2000), AfterValidator(_url)]
Phone: TypeAlias = Annotated[str, Field(max_length=40), AfterValidator(_phone)]
Strength: TypeAlias = Annotated[int, Field(ge=0, le=5)]
"""Tie strength: 0 = never met, 1 = acquaintance, 3 = colleague, 5 = close friend."""
