"""Where each person stands in my search, and what I owe whom: one answer for every command.

A person's *stage* is derived — never stored — from the recorded events (outreach, replies,
meetings, interviews, thank-you notes, referrals, the do-not-contact flag), by
:func:`standing` for one person and :func:`lifecycle` for a whole network. ``suggest``,
``agenda``, ``intro``, ``prep``, ``draft``, ``person show``, ``coverage``, ``chains``, the
report and the calendar export all read it; nothing else decides a person's stage.

::

    known ─(refer)─> referred ─(outreach)─> asked ─(reply)─> said yes ─(schedule)─> scheduled
      │                 │                   │ └─(reply --declined)─> declined          │
      └───(outreach)────┘                   ├─ 7 business days silent: follow-up due  (interview)
                                            └─ silent 7 days after the follow-up:      v
                                               no response             met ─(thank)─> thanked
    do not contact: a flag that overrides every stage

The rules, in the order they apply:

- **do not contact** overrides everything, and nothing is owed to such a person;
- outreach is grouped into *cycles*: a second outreach while the first still waits is its
  **follow-up**, not a new cycle; a cycle closes when they decline, when we meet (an
  interview, or a scheduled meeting whose day has passed), or when the follow-up has gone
  unanswered for 7 business days; after a reply, further messages belong to the same
  conversation. A reply anywhere in the cycle answers all of it;
- an interview on or after the start of the latest cycle makes the person **met**, and
  **thanked** once its ``thanked_on`` is recorded;
- in the latest cycle: a decline is **declined**; a meeting on the calendar is
  **scheduled** until its day and **met** after it (the conversation still to be logged); a
  reply is **said yes**; silence is **asked** until 7 business days after the first
  message, then **follow-up due**; after a follow-up, silence for 7 more business days is
  **no response**;
- with no outreach: **referred** if someone gave me their name (**declined** or **no
  response** if that referral is recorded so), else **known**.

What each stage owes (:class:`Obligation`, with the day it falls due and the day it is
late): *said yes* → schedule (at once: someone who said yes must not wait); *scheduled* →
prepare (the day before); *met* → log the conversation (if only scheduled), thank within
24 hours, tell the referrer, act on each advice item; *referred* → contact before the
referral goes stale (14 days); *asked* → follow up after 7 business days, and a second
person at the same employer after 3 — once per employer, while everyone there is silent,
naming only people not contacted yet; boosters I met → keep in touch after 60 days.

Business days are Monday to Friday (:mod:`infoview_graph.timing`). This module imports
neither numpy nor networkx: ``person show`` uses :func:`standing` on one person's records.

Examples
--------
>>> import datetime as dt
>>> from infoview_graph.demo import demo_network
>>> net = demo_network()
>>> life = lifecycle(net, today=dt.date(2026, 11, 20))
>>> life.stage("maya-lindstrom"), life.stage("jessica-tran"), life.stage("kenji-watanabe")
('said-yes', 'follow-up-due', 'declined')
>>> life.standing("maya-lindstrom").describe()
'said yes on 2026-11-11 — to schedule'
"""

from __future__ import annotations

# Used by the algorithms, not part of the documented API:
from infoview_graph.lifecycle._network import first_line as first_line
from infoview_graph.lifecycle._network import judging_day, lifecycle
from infoview_graph.lifecycle._stages import (
    ACTIVE,
    ANSWERED,
    CLOSED,
    PENDING,
    STAGE_LABEL,
    STAGES,
    Lifecycle,
    LifecycleSettings,
    Obligation,
    SecondContact,
    Stage,
    Standing,
)
from infoview_graph.lifecycle._standing import standing

__all__ = [
    "ACTIVE",
    "ANSWERED",
    "CLOSED",
    "PENDING",
    "STAGES",
    "STAGE_LABEL",
    "Lifecycle",
    "LifecycleSettings",
    "Obligation",
    "SecondContact",
    "Stage",
    "Standing",
    "judging_day",
    "lifecycle",
    "standing",
]
