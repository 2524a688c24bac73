"""Our JSON dump back into a store: :func:`import_dump`, and :func:`check_dump_me` first.

Examples
--------
>>> from infoview_graph.models import Person
>>> check_dump_me(NetworkData(persons=(Person(id="me", name="Me", is_self=True),)))
"""

from __future__ import annotations

from typing import Any

from infoview_graph.errors import (
    DuplicateError,
    InvalidInputError,
)
from infoview_graph.models import (
    NetworkData,
)
from infoview_graph.store._report import DryRun, ImportReport
from infoview_graph.store.sqlite import Store

__all__ = ["check_dump_me", "import_dump"]


def _is_empty(data: NetworkData) -> bool:
    # Nothing, or only me with no edges (as after 'referrals init').
    others: list[tuple[Any, ...]] = [data.organizations, data.fields, data.ties, data.referrals]
    others += [data.outreach, data.interviews, data.followups, data.targets, data.questions]
    return all(not records for records in others) and all(p.is_self for p in data.persons)


def check_dump_me(data: NetworkData, me: str | None = None) -> None:
    """Refuse a dump without exactly one "me", or whose "me" is not the store's.

    Restoring such a dump would delete the user from the store (which then fails
    ``doctor`` and cannot be re-initialised); :func:`import_dump` and ``referrals import
    json`` into a new file call this before anything is written.

    Parameters
    ----------
    data : NetworkData
        The dump.
    me : str, optional
        The id of the store's "me", if the store has one.

    Raises
    ------
    InvalidInputError
        If the dump has no self person or several, or one with another id than ``me``.

    Examples
    --------
    >>> from infoview_graph.models import Person
    >>> check_dump_me(NetworkData(persons=(Person(id="me", name="Me", is_self=True),)), "me")
    >>> check_dump_me(NetworkData(), "me")
    Traceback (most recent call last):
    ...
    infoview_graph.errors.InvalidInputError: the dump has no "me" (a person with is_self); ...
    """
    selves = [p.id for p in data.persons if p.is_self]
    if len(selves) != 1:
        count = "no" if not selves else f"{len(selves)} people as"
        raise InvalidInputError(
            f'the dump has {count} "me" (a person with is_self); it is not a whole store, '
            "so nothing was imported — export one with 'referrals export json'"
        )
    if me is not None and selves[0] != me:
        raise InvalidInputError(
            f"the dump's \"me\" ({selves[0]}) is not this store's ({me}); nothing was "
            "imported — restore it into a new store: referrals --db NEW_FILE import json FILE"
        )


def import_dump(
    store: Store, data: NetworkData, *, dry_run: bool = False, name: str = "dump"
) -> ImportReport:
    """Restore our JSON dump into an empty store (or confirm the store already equals it).

    A store that holds nothing, or only me (as after ``referrals init``), is emptied and
    gets every record of the dump, exactly; importing the dump again changes nothing. A
    store with other records is refused: a dump carries ids, events and ties between other
    people, and merging two histories by id could hang one person's interviews on another.
    To combine address books, export and import contacts (``vcard`` / ``csv``) instead.

    Parameters
    ----------
    store : Store
        An open store.
    data : NetworkData
        The dump (see :func:`infoview_graph.interop.dump.read_dump`).
    dry_run : bool, default False
        Say what would happen, save nothing.
    name : str
        The dump's file name, for the report.

    Returns
    -------
    ImportReport
        ``created`` = the dump's persons (restored), or ``unchanged`` = them (already equal).

    Raises
    ------
    DuplicateError
        If the store holds other records.
    InvalidInputError
        If the dump's "me" is missing or not the store's (:func:`check_dump_me`); nothing
        is written.

    Examples
    --------
    >>> from infoview_graph.store import actions, open_store
    >>> from infoview_graph.demo import demo_data
    >>> store = open_store(":memory:")
    >>> _ = actions.init_store(store, "Steven Olson")
    >>> import_dump(store, demo_data()).created == len(demo_data().persons)
    True
    >>> store.load() == demo_data().sorted(), import_dump(store, demo_data()).created
    (True, 0)
    >>> store.close()
    """
    wanted = data.sorted()
    try:
        with store.write():
            current = store.load()
            mine = [p.id for p in current.persons if p.is_self]
            check_dump_me(wanted, mine[0] if mine else None)  # before anything is written
            if current == wanted:
                report = ImportReport(file=name, dry_run=dry_run, unchanged=len(wanted.persons))
            elif _is_empty(current):
                for person in current.persons:
                    store.execute("DELETE FROM persons WHERE id = ?", (person.id,))
                store.write_data(wanted)
                report = ImportReport(
                    file=name,
                    dry_run=dry_run,
                    created=len(wanted.persons),
                    organizations_created=len(wanted.organizations),
                    fields_created=len(wanted.fields),
                    referrals_created=len(wanted.referrals),
                )
            else:
                raise DuplicateError(
                    "the store already holds other records; a dump restores into a new or "
                    "empty store (use --db NEW_FILE), and contacts merge with 'referrals "
                    "export vcard' + 'referrals import vcard'"
                )
            if dry_run:
                raise DryRun(report)
    except DryRun as stop:
        return stop.report
    return report
