"""What do I owe whom? The agenda, and marking an item done in a store.

Run: python examples/whats_due.py [DIRECTORY]   (default: a temporary directory)
"""

import datetime as dt
import sys
import tempfile
from pathlib import Path

import infoview_graph as ivg
from infoview_graph.algorithms import agenda
from infoview_graph.models import FollowUp
from infoview_graph.store import actions, open_store

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
path = folder / "demo.db"
today = dt.date(2026, 11, 20)

# A store holding the demo network, so that what we do to the agenda is saved.
actions.create_store(path, data=ivg.demo_data())
with open_store(path) as store:
    items = agenda(store.load_network(), today=today)
    for item in items[:5]:
        flag = "overdue" if item.overdue else "due"
        print(f"{item.due} {flag:7} {item.action}  [{item.id}]")

    # Mark the first one done: the agenda stores only what I did to a derived item.
    first = items[0]
    done = FollowUp(id=first.id, kind=first.kind, person=first.person_id, due=first.due)
    actions.settle_followup(store, done, done_on=today)
    left = agenda(store.load_network(), today=today)

print(f"{len(items)} items due; done: {first.id}; {len(left)} left")
