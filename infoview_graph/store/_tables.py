"""How each record type maps to the store's tables and rows.

One :class:`_Table` per record type names its table, key, columns, the attributes kept as
JSON text and those kept in junction tables; the store's reads and writes are built from
these specs, never spelled out per type.

Examples
--------
>>> from infoview_graph.models import CareerField
>>> _FIELDS.row(CareerField(id="tax", name="Tax"))
{'id': 'tax', 'name': 'Tax', 'name_key': 'tax'}
>>> _TABLE_OF[CareerField].name
'fields'
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter

from infoview_graph import models
from infoview_graph.models import Record
from infoview_graph.names import name_key

__all__ = ["describe_invalid"]

_R = TypeVar("_R", bound=Record)
_ADAPTERS: dict[str, Any] = {}


@dataclass(frozen=True)
class _Table(Generic[_R]):
    """How one record type maps to a table.

    ``columns`` maps a model attribute to its column; attributes in ``json`` are stored as
    JSON text, those in ``links`` live in a junction table ``(table, owner column, value
    column)``.
    """

    name: str
    model: type[_R]
    key: tuple[str, ...]
    columns: dict[str, str]
    json: frozenset[str] = frozenset()
    links: tuple[tuple[str, str, str, str], ...] = ()
    name_key: bool = False

    def select(self, where: str = "") -> str:
        parts = []
        for attr, column in self.columns.items():
            value = f"json(t.{column})" if attr in self.json else f"t.{column}"
            parts.append(f"'{attr}', {value}")
        owner = self.columns[self.key[0]]
        for attr, table, own, other in self.links:
            parts.append(
                f"'{attr}', (SELECT json_group_array(l.{other}) FROM {table} l "
                f"WHERE l.{own} = t.{owner})"
            )
        return f"SELECT json_object({', '.join(parts)}) AS j FROM {self.name} t {where}"

    def adapter(self) -> TypeAdapter[list[_R]]:
        if self.name not in _ADAPTERS:
            _ADAPTERS[self.name] = TypeAdapter(list[self.model])  # type: ignore[name-defined]
        adapter: TypeAdapter[list[_R]] = _ADAPTERS[self.name]
        return adapter

    def row(self, record: _R) -> dict[str, Any]:
        values = record.model_dump(mode="json")
        row = {}
        for attr, column in self.columns.items():
            value = values[attr]
            if attr in self.json:
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            row[column] = value
        if self.name_key:
            row["name_key"] = name_key(values["name"])
        return row


_PERSONS = _Table(
    "persons",
    models.Person,
    ("id",),
    {
        **{a: a for a in ("id", "name", "is_self", "emails", "phones", "url", "organization")},
        **{a: a for a in ("title", "past_positions", "how", "tags", "notes", "do_not_contact")},
    },
    json=frozenset({"emails", "phones", "past_positions", "tags"}),
    links=(("fields", "person_fields", "person", "field"),),
    name_key=True,
)
_ORGS = _Table(
    "organizations",
    models.Organization,
    ("id",),
    {a: a for a in ("id", "name", "aliases", "kind", "motivation", "postings", "advocacy")},
    json=frozenset({"aliases"}),
    links=(("fields", "org_fields", "org", "field"),),
    name_key=True,
)
_FIELDS = _Table(
    "fields",
    models.CareerField,
    ("id",),
    {"id": "id", "name": "name"},
    links=(("related", "field_related", "field", "related"),),
    name_key=True,
)
_TIES = _Table(
    "ties",
    models.Tie,
    ("a", "b"),
    {a: a for a in ("a", "b", "strength", "context", "since")},
)
_REFERRALS = _Table(
    "referrals",
    models.Referral,
    ("referrer", "referee"),
    {
        **{a: a for a in ("referrer", "referee", "for_field", "for_org", "may_use_name")},
        **{"on": "on_date", "status": "status", "note": "note"},
    },
)
_OUTREACH = _Table(
    "outreach",
    models.Outreach,
    ("id",),
    {"on": "on_date", **{a: a for a in ("id", "person", "channel", "via", "replied_on")}}
    | {a: a for a in ("declined", "meeting_on", "meeting_mode")},
)
_INTERVIEWS = _Table(
    "interviews",
    models.Interview,
    ("id",),
    {
        "on": "on_date",
        **{a: a for a in ("id", "person", "minutes", "mode", "answers", "advice", "leads")},
        **{a: a for a in ("friendliness", "fit", "resume_critiqued", "thanked_on", "notes")},
    },
    json=frozenset({"answers", "advice", "leads"}),
    links=(("referrals", "interview_referrals", "interview", "person"),),
)
_FOLLOWUPS = _Table(
    "followups",
    models.FollowUp,
    ("id",),
    {a: a for a in ("id", "kind", "person", "due", "note", "done_on", "snoozed_until")},
)
_QUESTIONS = _Table(
    "questions",
    models.Question,
    ("id",),
    {a: a for a in ("id", "text", "category", "tiara")},
    json=frozenset({"tiara"}),
)
_TARGETS_SELECT = (
    "SELECT json_object('kind', CASE WHEN field IS NULL THEN 'org' ELSE 'field' END, "
    "'id', coalesce(field, org), 'priority', priority)"
)


_TABLES: tuple[_Table[Any], ...] = (
    _PERSONS,
    _ORGS,
    _FIELDS,
    _TIES,
    _REFERRALS,
    _OUTREACH,
    _INTERVIEWS,
    _FOLLOWUPS,
    _QUESTIONS,
)
_TABLE_OF: dict[type[Any], _Table[Any]] = {table.model: table for table in _TABLES}


def describe_invalid(found: Sequence[tuple[str, str, tuple[str, ...]]], limit: int = 5) -> str:
    """Say which records fail validation (:meth:`Store.invalid_records`), never their values.

    Examples
    --------
    >>> describe_invalid([("persons", "ann-lee", ("emails", "name"))])
    '1 record fails validation: persons ann-lee (emails, name)'
    >>> describe_invalid([("persons", str(n), ("name",)) for n in range(7)], limit=2)
    '7 records fail validation: persons 0 (name), persons 1 (name) and 5 more'
    """
    shown = ", ".join(
        f"{table} {key} ({', '.join(fields)})" for table, key, fields in found[:limit]
    )
    more = f" and {len(found) - limit} more" if len(found) > limit else ""
    noun = "record fails" if len(found) == 1 else "records fail"
    return f"{len(found)} {noun} validation: {shown}{more}"
