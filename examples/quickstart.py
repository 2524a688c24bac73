"""Build a small referral network in a new store and ask whom to contact next.

Run: python examples/quickstart.py [DIRECTORY]   (default: a temporary directory)
"""

import datetime as dt
import sys
import tempfile
from pathlib import Path

from infoview_graph.algorithms import introducers, suggest_next_contacts
from infoview_graph.store import actions, open_store

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
path = folder / "referrals.db"

actions.create_store(path, "Steven Olson")
with open_store(path) as store:
    actions.add_target(store, "field", "Accounting", priority=1)
    actions.add_target(store, "org", "General Mills", priority=1)
    actions.add_contact(
        store, "Brad Johnson", org="General Mills", fields=["Finance"], how="friend", strength=4
    )
    actions.add_contact(store, "Ann Lee", fields=["Accounting"], how="classmate")
    actions.refer(
        store,
        "Brad Johnson",
        "Mrs. Smith",
        on=dt.date.today() - dt.timedelta(days=2),
        purpose="General Mills",
        may_use_name=True,
    )
    actions.edit_contact(store, "Mrs. Smith", org="General Mills", fields=["Accounting"])
    network = store.load_network()

for rank, suggestion in enumerate(suggest_next_contacts(network, k=3), 1):
    print(f"{rank}. {suggestion.name}: {suggestion.action}")
    for reason in suggestion.reasons:
        print(f"   - {reason}")

answer = introducers(network, "General Mills")
print(answer.message)
