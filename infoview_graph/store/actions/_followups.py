"""Actions on follow-ups: add one, mark one done or snooze it."""

from __future__ import annotations

import datetime as dt

from infoview_graph.errors import (
    InvalidInputError,
)
from infoview_graph.models import (
    FollowUp,
    Interview,
    slugify,
)
from infoview_graph.store.actions._base import (
    Change,
    build,
    check_date,
    day_or_today,
    past_date,
)
from infoview_graph.store.sqlite import Store

# --- follow-ups --------------------------------------------------------------------------------


def add_followup(
    store: Store,
    text: str,
    *,
    due: dt.date | None = None,
    person: str | None = None,
) -> Change[FollowUp]:
    """Add a follow-up of my own ("Send Brad the article"), due on ``due`` (default today).

    Examples
    --------
    >>> from infoview_graph.store.actions import init_store
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> add_followup(store, "Send Brad the article", due=dt.date(2026, 11, 23)).record.id
    'custom-send-brad-the-article'
    >>> store.close()
    """
    if due is not None:
        check_date(due, "--due", future=True)
    with store.write():
        who = store.find_person(person).id if person is not None else None
        followup = build(
            FollowUp,
            "follow-up",
            id=store.new_id("followups", f"custom-{slugify(text)}"[:60].rstrip("-")),
            kind="custom",
            person=who,
            due=day_or_today(due),
            note=text,
        )
        store.add_followup(followup)
    return Change(followup)


def settle_followup(
    store: Store,
    item: FollowUp,
    *,
    done_on: dt.date | None = None,
    snoozed_until: dt.date | None = None,
    today: dt.date | None = None,
) -> Change[FollowUp]:
    """Mark a follow-up done, or snooze it: store what the user did to it.

    ``item`` is the stored follow-up, or one built from an agenda item (same id, kind,
    person and due date) — derived obligations are stored only once the user acts on them.
    A thank-you note marked done (``thank-you-<interview id>``) is also recorded on the
    interview as its ``thanked_on``, in the same transaction.

    Examples
    --------
    >>> from infoview_graph.store.actions import add_contact, init_store, log_interview
    >>> from infoview_graph.store import open_store
    >>> store = open_store(":memory:")
    >>> _ = init_store(store, "Steven Olson")
    >>> item = add_followup(store, "Send Brad the article", due=dt.date(2026, 11, 23)).record
    >>> settle_followup(store, item, done_on=dt.date(2026, 11, 24)).record.done_on
    datetime.date(2026, 11, 24)

    A thank-you note from the agenda:

    >>> _ = add_contact(store, "Ann Lee")
    >>> _ = log_interview(store, "Ann Lee", on=dt.date(2026, 11, 10))
    >>> thanks = FollowUp(id="thank-you-interview-ann-lee", kind="thank-you", person="ann-lee",
    ...                   due=dt.date(2026, 11, 11))
    >>> settle_followup(store, thanks, done_on=dt.date(2026, 11, 11)).notes
    ('interview-ann-lee: thanked on 2026-11-11',)
    >>> store.interviews_with("ann-lee")[0].thanked_on
    datetime.date(2026, 11, 11)
    >>> store.close()
    """
    past_date(done_on, "--on", today)
    if snoozed_until is not None:
        check_date(snoozed_until, "--until", future=True)
    if snoozed_until is not None and snoozed_until <= item.due and done_on is None:
        raise InvalidInputError(
            f"--until: {snoozed_until} is not after the due date {item.due}; pick a later day"
        )
    with store.write():
        values = {**item.model_dump(), "done_on": done_on, "snoozed_until": snoozed_until}
        settled = build(FollowUp, "follow-up", **values)
        store.add_followup(settled, replace=True)
        thanked = _record_thanks(store, settled) if done_on is not None else None
    notes = (f"{thanked.id}: thanked on {thanked.thanked_on}",) if thanked is not None else ()
    return Change(settled, notes)


def _record_thanks(store: Store, item: FollowUp) -> Interview | None:
    """Set ``thanked_on`` on the interview a done thank-you item is about, if not set yet."""
    if item.kind != "thank-you" or item.person is None or item.done_on is None:
        return None
    interview_id = item.id.removeprefix("thank-you-")
    for interview in store.interviews_with(item.person):
        if interview.id == interview_id and interview.thanked_on is None:
            thanked = interview.model_copy(update={"thanked_on": item.done_on})
            store.add_interview(thanked, replace=True)
            return thanked
    return None
