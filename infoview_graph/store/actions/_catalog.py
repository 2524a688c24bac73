"""Actions on career fields, organizations and targets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from infoview_graph.errors import (
    DuplicateError,
    InvalidInputError,
    NotFoundError,
)
from infoview_graph.models import (
    CareerField,
    Organization,
    Target,
    slugify,
)
from infoview_graph.store._find import or_none
from infoview_graph.store.actions._base import Change, Notes, build
from infoview_graph.store.sqlite import Store

# --- organizations, fields, targets ----------------------------------------------------------


def ensure_field(store: Store, name: str, notes: Notes) -> str:
    found = or_none(store.find_field, name)
    if found is not None:
        return found.id
    record = build(CareerField, "career field", id=store.new_id("fields", slugify(name)), name=name)
    store.add_field(record)
    notes.add(f"created career field '{record.name}' ({record.id})")
    return record.id


def ensure_org(store: Store, name: str, notes: Notes) -> str:
    found = or_none(store.find_organization, name)
    if found is not None:
        return found.id
    org_id = store.new_id("organizations", slugify(name))
    record = build(Organization, "organization", id=org_id, name=name)
    store.add_organization(record)
    notes.add(f"created organization '{record.name}' ({record.id})")
    return record.id


def add_field(
    store: Store, name: str, *, related: Sequence[str] = (), field_id: str | None = None
) -> Change[CareerField]:
    """Add a career field, creating related fields named for the first time.

    Raises
    ------
    DuplicateError
        If a field with that name or id exists.

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> add_field(store, "Accounting", related=["Auditing"]).notes
    ("created career field 'Auditing' (auditing)",)
    >>> store.field("accounting").related
    ('auditing',)
    >>> store.close()
    """
    notes = Notes()
    with store.write():
        if or_none(store.find_field, name) is not None or (
            field_id and or_none(store.find_field, field_id)
        ):
            raise DuplicateError(
                f"a career field '{name}' exists already; see 'referrals field list'"
            )
        new_id = field_id or store.new_id("fields", slugify(name))
        related_ids = [ensure_field(store, r, notes) for r in related]
        record = build(CareerField, "career field", id=new_id, name=name, related=related_ids)
        store.add_field(record)
    return Change(record, tuple(notes.items))


def find_field_named(store: Store, query: str) -> CareerField:
    found = or_none(store.find_field, query)
    if found is None:
        raise NotFoundError(
            f"no career field named '{query}'; see 'referrals field list', or add it with "
            f"'referrals field add'"
        )
    return found


def relate_fields(
    store: Store, field_name: str, other: str, *, related: bool = True
) -> Change[CareerField]:
    """Record that ``other`` is a field related to ``field_name`` (``related=False``: is not).

    Related fields are those worth a look beside a target field (``coverage`` ranks them),
    as ``field add --related`` records them: one way, from the field to the other.

    Raises
    ------
    NotFoundError
        If either field is not known.
    InvalidInputError
        If both name the same field.
    DuplicateError
        If the relation is recorded already (or, with ``related=False``, is not recorded).

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = add_field(store, "Accounting")
    >>> _ = add_field(store, "Auditing")
    >>> relate_fields(store, "accounting", "Auditing").record.related
    ('auditing',)
    >>> relate_fields(store, "Accounting", "Auditing", related=False).record.related
    ()
    >>> store.close()
    """
    with store.write():
        first, second = find_field_named(store, field_name), find_field_named(store, other)
        if first.id == second.id:
            raise InvalidInputError("field relate: A and B are the same field; name two fields")
        now = set(first.related) | {second.id} if related else set(first.related) - {second.id}
        if now == set(first.related):
            state = "is related" if related else "is not related"
            raise DuplicateError(f"{second.name} {state} to {first.name} already; nothing changed")
        values = {**first.model_dump(), "related": tuple(sorted(now))}
        record = build(CareerField, "career field", **values)
        store.add_field(record, replace=True)
    return Change(record)


def rename_field(store: Store, field_name: str, name: str) -> Change[CareerField]:
    """Give a career field a new name; its id, and every record naming it, stay as they are.

    Raises
    ------
    NotFoundError
        If the field is not known.
    DuplicateError
        If another field has that name.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = add_field(store, "urban-planning")
    >>> change = rename_field(store, "urban-planning", "Urban planning")
    >>> change.record.id, change.record.name
    ('urban-planning', 'Urban planning')
    >>> store.close()
    """
    with store.write():
        found = find_field_named(store, field_name)
        taken = or_none(store.find_field, name)
        if taken is not None and taken.id != found.id:
            raise DuplicateError(
                f"the career field {taken.name} ({taken.id}) has that name already; pick another"
            )
        record = build(CareerField, "career field", **{**found.model_dump(), "name": name})
        store.add_field(record, replace=True)
    return Change(record)


def add_organization(
    store: Store,
    name: str,
    *,
    org_id: str | None = None,
    fields: Sequence[str] = (),
    kind: str = "company",
    aliases: Sequence[str] = (),
    motivation: int | None = None,
    postings: bool | None = None,
    advocacy: bool | None = None,
) -> Change[Organization]:
    """Add an organization, creating fields named for the first time.

    Raises
    ------
    DuplicateError
        If an organization with that name or id exists.

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> org = add_organization(store, "General Mills", fields=["Finance"], motivation=3).record
    >>> org.id, org.fields, org.motivation
    ('general-mills', ('finance',), 3)
    >>> store.close()
    """
    notes = Notes()
    with store.write():
        if or_none(store.find_organization, name) is not None or (
            org_id and or_none(store.find_organization, org_id)
        ):
            raise DuplicateError(
                f"an organization '{name}' exists already; see 'referrals org list'"
            )
        record = build(
            Organization,
            "organization",
            id=org_id or store.new_id("organizations", slugify(name)),
            name=name,
            kind=kind,
            aliases=tuple(aliases),
            fields=[ensure_field(store, f, notes) for f in fields],
            motivation=motivation,
            postings=postings,
            advocacy=advocacy,
        )
        store.add_organization(record)
    return Change(record, tuple(notes.items))


def add_target(
    store: Store, kind: Literal["field", "org"], name: str, *, priority: int = 2
) -> Change[Target]:
    """Make a field or organization one of my targets (or change its priority).

    The field or organization is created if it is named for the first time.

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> add_target(store, "org", "General Mills", priority=1).record
    Target(kind='org', id='general-mills', priority=1)
    >>> add_target(store, "org", "General Mills", priority=2).record.priority
    2
    >>> store.close()
    """
    notes = Notes()
    with store.write():
        ensure = ensure_field if kind == "field" else ensure_org
        target = build(
            Target, "target", kind=kind, id=ensure(store, name, notes), priority=priority
        )
        store.set_target(target)
    return Change(target, tuple(notes.items))


def remove_target(store: Store, kind: Literal["field", "org"], name: str) -> Change[str]:
    """Stop targeting a field or organization (its record stays).

    Raises
    ------
    NotFoundError
        If it is not a target.

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_target(store, "field", "Accounting")
    >>> remove_target(store, "field", "Accounting").record
    'accounting'
    >>> store.targets(), store.field("accounting").name
    ([], 'Accounting')
    >>> store.close()
    """
    with store.write():
        found = (
            or_none(store.find_field, name)
            if kind == "field"
            else or_none(store.find_organization, name)
        )
        if found is None:
            raise NotFoundError(
                f"no {'career field' if kind == 'field' else 'organization'} named '{name}'"
            )
        store.remove_target(kind, found.id)
    return Change(found.id)
