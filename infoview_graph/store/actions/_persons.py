"""Actions on persons: add, edit, forget, and who knows whom."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from infoview_graph.errors import (
    DuplicateError,
    InvalidInputError,
    NearMissError,
    NotFoundError,
)
from infoview_graph.models import (
    Person,
    Tie,
    default_strength,
)
from infoview_graph.names import name_key, near_miss
from infoview_graph.store.actions._base import Change, Notes, build
from infoview_graph.store.actions._catalog import ensure_field, ensure_org
from infoview_graph.store.sqlite import Store

# --- persons -------------------------------------------------------------------------------


def _check_unique_contact(store: Store, person: Person) -> None:
    for other, key in store.find_by_contact(url=person.url, emails=person.emails):
        if other != person.id:
            raise DuplicateError(
                f"person '{other}' has this {key} already; "
                f"change them with 'referrals person edit {other}'"
            )


def _same_name_note(store: Store, person: Person) -> list[str]:
    key = name_key(person.name)
    same = [pid for pid, name in store.person_names() if name_key(name) == key]
    if len(same) > 1:
        return [f"other persons are also named '{person.name}'; refer to them by id"]
    if same:
        return [f"'{same[0]}' is also named '{person.name}'; refer to each by id"]
    return []


def add_contact(
    store: Store,
    name: str,
    *,
    person_id: str | None = None,
    org: str | None = None,
    title: str | None = None,
    fields: Sequence[str] = (),
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    url: str | None = None,
    how: str | None = None,
    strength: int | None = None,
    tags: Sequence[str] = (),
    notes: str | None = None,
    do_not_contact: bool = False,
    new: bool = False,
) -> Change[Person]:
    """Add a person I know, and my tie to them.

    The tie's strength is ``strength`` or, when not given, :func:`~models.default_strength`
    of ``how``; a person added with ``how="referral"`` and no strength gets no tie (I have
    not met them). Organizations and fields named for the first time are created. Two
    persons never share a profile URL or an email. A name that is a near miss of a known
    person's (see :func:`~infoview_graph.names.near_miss`: a typo, another case, spacing or
    word order, or the very same name) is refused unless ``new`` (or an explicit
    ``person_id``) says it is a different person; a shared name is then allowed, with a note.

    Raises
    ------
    InvalidInputError
        If a value breaks a rule of the model.
    DuplicateError
        If the id, URL or an email belongs to someone already.
    NearMissError
        If the name is a near miss of a known person's and ``new`` is false.

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> brad = add_contact(store, "Brad Johnson", org="General Mills", how="friend")
    >>> brad.record.organization, brad.notes
    ('general-mills', ("created organization 'General Mills' (general-mills)",))
    >>> store.tie("steven-olson", "brad-johnson").strength
    4
    >>> store.close()
    """
    created = Notes()
    with store.write():
        me = store.me()
        if person_id is not None and person_exists(store, person_id):
            raise DuplicateError(f"a person with the id '{person_id}' exists already")
        if not new and person_id is None:  # an id of my choosing says who this is
            refuse_near_miss(store, name)
        person = build(
            Person,
            "person",
            id=person_id or store.new_person_id(name),
            name=name,
            organization=ensure_org(store, org, created) if org else None,
            title=title,
            fields=[ensure_field(store, f, created) for f in fields],
            emails=tuple(emails),
            phones=tuple(phones),
            url=url,
            how=how,
            tags=tuple(tags),
            notes=notes,
            do_not_contact=do_not_contact,
        )
        _check_unique_contact(store, person)
        if new or person_id is not None:  # else a same name was refused above
            created.items.extend(_same_name_note(store, person))
        store.add_person(person)
        if strength is not None or how != "referral":
            level = strength if strength is not None else default_strength(how)
            store.add_tie(build(Tie, "tie", a=me.id, b=person.id, strength=level))
    return Change(person, tuple(created.items))


def refuse_near_miss(store: Store, name: str) -> None:
    """Refuse to create a person whose name is a near miss of a known person's."""
    key = name_key(name)
    people = list(store.person_names())
    found = near_miss(name, people)
    if found is None and " " not in key:
        # A single word is checked against first and last names too: "Lenna" for "Lena".
        parts = [(pid, part) for pid, full in people for part in _ends(full)]
        found = near_miss(name, parts)
        if found is not None:
            found = (found[0], store.person(found[0]).name)
    if found is None:
        return
    if name_key(found[1]) == key:
        raise NearMissError(
            f"{found[1]} ({found[0]}) is known already; change them with "
            f"'referrals person edit {found[0]}', or use --new to add a different person",
            found,
        )
    raise NearMissError(
        f"no person named '{name}' — did you mean {found[1]}? "
        "(use --new to add a different person)",
        found,
    )


def _ends(name: str) -> tuple[str, ...]:
    words = name.split()
    return tuple(dict.fromkeys((words[0], words[-1]))) if words else ()


def person_exists(store: Store, person_id: str) -> bool:
    try:
        store.person(person_id)
    except NotFoundError:
        return False
    return True


_UNSET: Any = object()


def edit_contact(
    store: Store,
    query: str,
    *,
    name: str | None = None,
    org: str | None = _UNSET,
    title: str | None = _UNSET,
    fields: Sequence[str] | None = None,
    emails: Sequence[str] | None = None,
    phones: Sequence[str] | None = None,
    url: str | None = _UNSET,
    how: str | None = _UNSET,
    strength: int | None = None,
    tags: Sequence[str] | None = None,
    notes: str | None = _UNSET,
    do_not_contact: bool | None = None,
) -> Change[Person]:
    """Change a person's attributes; what is not given stays as it is.

    Lists given replace the stored list. ``strength`` sets my tie to them.

    Raises
    ------
    NotFoundError, AmbiguousNameError
        If ``query`` names nobody, or several persons.
    InvalidInputError
        If a new value breaks a rule of the model.

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Brad Johnson", how="friend")
    >>> edit_contact(store, "brad johnson", title="Controller", strength=5).record.title
    'Controller'
    >>> store.tie("steven-olson", "brad-johnson").strength
    5
    >>> store.close()
    """
    created = Notes()
    with store.write():
        person = store.find_person(query)
        update: dict[str, Any] = {}
        if name is not None:
            update["name"] = name
        if org is not _UNSET:
            update["organization"] = ensure_org(store, org, created) if org else None
        if fields is not None:
            update["fields"] = [ensure_field(store, f, created) for f in fields]
        for key, value in (
            ("title", title),
            ("url", url),
            ("how", how),
            ("notes", notes),
        ):
            if value is not _UNSET:
                update[key] = value
        for key, items in (("emails", emails), ("phones", phones), ("tags", tags)):
            if items is not None:
                update[key] = tuple(items)
        if do_not_contact is not None:
            update["do_not_contact"] = do_not_contact
        values = {**person.model_dump(), **update}
        edited = build(Person, "person", **values)
        _check_unique_contact(store, edited)
        store.add_person(edited, replace=True)
        if strength is not None:
            me = store.me()
            if me.id == person.id:
                raise InvalidInputError("--strength: that is your tie to yourself; leave it out")
            old = store.tie(me.id, person.id)
            kept = {"context": old.context, "since": old.since} if old else {}
            store.add_tie(build(Tie, "tie", a=me.id, b=person.id, strength=strength, **kept))
    return Change(edited, tuple(created.items))


def forget_contact(store: Store, query: str) -> Change[str]:
    """Remove a person and every record that involves them (see :meth:`Store.remove_person`).

    Returns the forgotten id. The backups migrations wrote beside the store (which hold the
    person too) are overwritten and deleted, each named in the notes
    (:meth:`Store.discard_automatic_backups`).

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Brad Johnson")
    >>> forget_contact(store, "Brad Johnson").record
    'brad-johnson'
    >>> store.count("persons")
    1
    >>> store.close()
    """
    with store.write():
        person = store.find_person(query)
        store.remove_person(person.id)
    # The backups an upgrade wrote still hold them: delete those too, and say so.
    removed = store.discard_automatic_backups()
    notes = tuple(f"deleted the automatic backup {p}, which held their data too" for p in removed)
    return Change(person.id, notes=notes)


def know(
    store: Store, a: str, b: str, *, strength: int | None = None, context: str | None = None
) -> Change[Tie]:
    """Record that two persons know each other (or update how well).

    Without ``strength`` an existing tie keeps its strength and a new one gets 1.

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> _ = add_contact(store, "Brad Johnson")
    >>> _ = add_contact(store, "Ann Lee")
    >>> know(store, "Brad Johnson", "Ann Lee", strength=2, context="book club").record
    Tie(a='ann-lee', b='brad-johnson', strength=2, context='book club', since=None)
    >>> store.close()
    """
    with store.write():
        first, second = store.find_person(a), store.find_person(b)
        if first.id == second.id:
            raise InvalidInputError("know: A and B are the same person; name two people")
        old = store.tie(first.id, second.id)
        tie = build(
            Tie,
            "tie",
            a=first.id,
            b=second.id,
            strength=strength if strength is not None else (old.strength if old else 1),
            context=context if context is not None else (old.context if old else None),
            since=old.since if old else None,
        )
        store.add_tie(tie)
    return Change(tie)
