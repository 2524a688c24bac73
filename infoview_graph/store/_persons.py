"""Folding one person into another (:func:`merge_persons`), and the pseudonym key.

Examples
--------
>>> from infoview_graph.store import open_store
>>> store = open_store(":memory:")
>>> len(anonymization_key(store))
32
>>> store.close()
"""

from __future__ import annotations

import secrets
from typing import Any

from pydantic import ValidationError

from infoview_graph.errors import (
    InvalidInputError,
)
from infoview_graph.models import (
    Person,
    invalid_input,
)
from infoview_graph.store.actions import Change
from infoview_graph.store.sqlite import Store

__all__ = ["anonymization_key", "merge_persons"]


def _merged(keep: Person, other: Person) -> tuple[Person, list[str]]:
    notes: list[str] = []
    update: dict[str, Any] = {
        "emails": tuple(dict.fromkeys((*keep.emails, *other.emails))),
        "phones": tuple(dict.fromkeys((*keep.phones, *other.phones))),
        "fields": tuple(sorted({*keep.fields, *other.fields})),
        "tags": tuple(sorted({*keep.tags, *other.tags})),
        "past_positions": tuple(dict.fromkeys((*keep.past_positions, *other.past_positions))),
        "do_not_contact": keep.do_not_contact or other.do_not_contact,
    }
    for attribute in ("url", "organization", "title", "how"):
        mine, theirs = getattr(keep, attribute), getattr(other, attribute)
        if mine is None:
            update[attribute] = theirs
        elif theirs is not None and theirs != mine:
            notes.append(f"kept {keep.id}'s {attribute}; {other.id}'s differs and was dropped")
    if keep.notes and other.notes and keep.notes != other.notes:
        update["notes"] = f"{keep.notes}\n\n{other.notes}"
    else:
        update["notes"] = keep.notes or other.notes
    values = {**keep.model_dump(), **update}
    try:
        return Person(**values), notes
    except ValidationError as error:
        raise invalid_input(error, "merged person") from None


def merge_persons(store: Store, keep: str, other: str) -> Change[Person]:
    """Fold ``other`` into ``keep``: every edge moves, then ``other`` is deleted.

    ``keep``'s attributes win; empty ones are filled from ``other``; emails, phones,
    fields, tags and past positions are combined, notes joined. Ties, referrals (given and
    received), outreach (as the person contacted and as ``via``), interviews, the
    interviews' referral lists and follow-ups move to ``keep``. Where both already have the
    edge (a tie to the same person, a referral from the same referrer) one is kept: the
    stronger tie, ``keep``'s referral. Edges between the two disappear (nobody refers
    themselves). One transaction; ``other`` is deleted as ``forget`` deletes.

    Parameters
    ----------
    store : Store
        The open store.
    keep, other : str
        Ids or unambiguous names.

    Returns
    -------
    Change
        The merged person, with notes on what moved and what was dropped.

    Raises
    ------
    InvalidInputError
        If they are the same person, or either is me.

    Examples
    --------
    >>> from infoview_graph.store import actions, open_store
    >>> store = open_store(":memory:")
    >>> _ = actions.init_store(store, "Steven Olson")
    >>> _ = actions.add_contact(store, "Ann Lee", emails=["ann@example.org"], how="friend")
    >>> _ = actions.add_contact(store, "Ann Lee", url="https://example.org/ann", new=True)
    >>> merged = merge_persons(store, "ann-lee", "ann-lee-2").record
    >>> merged.emails, merged.url, store.count("persons")
    (('ann@example.org',), 'https://example.org/ann', 2)
    >>> store.close()
    """
    with store.write():
        kept, gone = store.find_person(keep), store.find_person(other)
        if kept.id == gone.id:
            raise InvalidInputError("merge: KEEP and OTHER are the same person; name two people")
        if kept.is_self or gone.is_self:
            raise InvalidInputError("merge: 'me' cannot be merged; name two of your contacts")
        merged, notes = _merged(kept, gone)
        moved = _move_edges(store, kept.id, gone.id)
        store.remove_person(gone.id)
        store.add_person(merged, replace=True)
    summary = ", ".join(f"{n} {what}" for what, n in moved.items() if n) or "no records"
    return Change(merged, (f"moved {summary} from {gone.id} to {kept.id}", *notes))


def _move_edges(store: Store, keep: str, other: str) -> dict[str, int]:
    """Point every edge of ``other`` at ``keep`` (inside the caller's transaction)."""
    ids = {"keep": keep, "other": other}
    moved: dict[str, int] = {}
    # Ties: a pair is stored in id order (CHECK a < b), so rows are re-inserted, not updated;
    # a tie both had to the same person keeps the stronger strength.
    moved["ties"] = store.execute(
        "INSERT INTO ties (a, b, strength, context, since) "
        "SELECT min(:keep, x), max(:keep, x), strength, context, since FROM ("
        "  SELECT CASE WHEN a = :other THEN b ELSE a END AS x, strength, context, since"
        "  FROM ties WHERE a = :other OR b = :other) WHERE x <> :keep "
        "ON CONFLICT (a, b) DO UPDATE SET strength = max(strength, excluded.strength), "
        "context = coalesce(context, excluded.context), since = coalesce(since, excluded.since)",
        ids,
    ).rowcount
    store.execute("DELETE FROM ties WHERE a = :other OR b = :other", ids)
    columns = "on_date, for_field, for_org, may_use_name, status, note"
    # Referrals: keep's own wins where both have one (ON CONFLICT … DO NOTHING applies to
    # the key only; CHECK constraints still raise, unlike INSERT OR IGNORE).
    moved["referrals given"] = store.execute(
        f"INSERT INTO referrals (referrer, referee, {columns}) "
        f"SELECT :keep, referee, {columns} FROM referrals "
        "WHERE referrer = :other AND referee <> :keep ON CONFLICT (referrer, referee) DO NOTHING",
        ids,
    ).rowcount
    moved["referrals received"] = store.execute(
        f"INSERT INTO referrals (referrer, referee, {columns}) "
        f"SELECT referrer, :keep, {columns} FROM referrals "
        "WHERE referee = :other AND referrer <> :keep ON CONFLICT (referrer, referee) DO NOTHING",
        ids,
    ).rowcount
    store.execute("DELETE FROM referrals WHERE referrer = :other OR referee = :other", ids)
    # Outreach: CHECK (via <> person) — an attempt to one via the other loses its 'via'.
    store.execute(
        "UPDATE outreach SET via = NULL WHERE (person = :keep AND via = :other) "
        "OR (person = :other AND via = :keep)",
        ids,
    )
    moved["outreach"] = store.execute(
        "UPDATE outreach SET person = :keep WHERE person = :other", ids
    ).rowcount
    moved["outreach via"] = store.execute(
        "UPDATE outreach SET via = :keep WHERE via = :other", ids
    ).rowcount
    moved["interviews"] = store.execute(
        "UPDATE interviews SET person = :keep WHERE person = :other", ids
    ).rowcount
    moved["interview referrals"] = store.execute(
        "INSERT INTO interview_referrals (interview, person) "
        "SELECT interview, :keep FROM interview_referrals WHERE person = :other "
        "ON CONFLICT (interview, person) DO NOTHING",
        ids,
    ).rowcount
    store.execute("DELETE FROM interview_referrals WHERE person = :other", ids)
    # An interview with keep that named keep as a referral names nobody new.
    store.execute(
        "DELETE FROM interview_referrals WHERE person = :keep "
        "AND interview IN (SELECT id FROM interviews WHERE person = :keep)",
        ids,
    )
    moved["follow-ups"] = store.execute(
        "UPDATE followups SET person = :keep WHERE person = :other", ids
    ).rowcount
    return moved


# --- pseudonyms --------------------------------------------------------------------------------


def anonymization_key(store: Store) -> bytes:
    """Return the store's secret for ``--anonymize`` pseudonyms, made on first use.

    Kept in the store's ``meta`` table, so that pseudonyms are stable from one export to
    the next, yet cannot be checked against guessed names by anyone without the store. It
    is not part of the JSON dump: a restored store makes a new one.

    Examples
    --------
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> key = anonymization_key(store)
    >>> len(key), anonymization_key(store) == key
    (32, True)
    >>> store.close()
    """
    with store.write():
        row = store.execute("SELECT value FROM meta WHERE key = 'anonymize_key'").fetchone()
        if row is not None:
            return bytes.fromhex(row[0])
        key = secrets.token_bytes(32)
        store.execute("INSERT INTO meta (key, value) VALUES ('anonymize_key', ?)", (key.hex(),))
    return key
