"""What a user does to the store, one transaction each: add a contact, record a referral.

Each function takes an open :class:`~infoview_graph.store.Store` and plain values (names as
typed, ids, dates), validates the records it makes, writes them in one transaction, and
returns a :class:`Change`: the record written plus notes on anything created on the way
(an organization or field named for the first time, a referee not yet known). These are the
functions the ``referrals`` command calls; they touch only the rows they change and never
load the whole network.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.store import open_store
>>> store = open_store(":memory:")
>>> init_store(store, "Steven Olson").record.id
'steven-olson'
>>> add_contact(store, "Brad Johnson", org="General Mills", how="friend").notes
("created organization 'General Mills' (general-mills)",)
>>> refer(store, "Brad Johnson", "Mrs. Smith", on=dt.date(2026, 11, 17), may_use_name=True).notes
("created person 'Mrs. Smith' (mrs-smith)",)
>>> store.close()
"""

from __future__ import annotations

from infoview_graph.store.actions._base import (
    Change,
    check_date,
    create_store,
    init_store,
    read_date,
)
from infoview_graph.store.actions._catalog import (
    add_field,
    add_organization,
    add_target,
    relate_fields,
    remove_target,
    rename_field,
)
from infoview_graph.store.actions._events import (
    log_interview,
    log_outreach,
    log_reply,
    refer,
    schedule_meeting,
)
from infoview_graph.store.actions._followups import add_followup, settle_followup
from infoview_graph.store.actions._persons import add_contact, edit_contact, forget_contact, know

__all__ = [
    "Change",
    "add_contact",
    "add_field",
    "add_followup",
    "add_organization",
    "add_target",
    "check_date",
    "create_store",
    "edit_contact",
    "forget_contact",
    "init_store",
    "know",
    "log_interview",
    "log_outreach",
    "log_reply",
    "read_date",
    "refer",
    "relate_fields",
    "remove_target",
    "rename_field",
    "schedule_meeting",
    "settle_followup",
]
