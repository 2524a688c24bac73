"""Log an interview, then read what was learned in the field, question by question.

Run: python examples/what_i_learned.py [DIRECTORY]   (default: a temporary directory)
"""

import datetime as dt
import sys
import tempfile
from pathlib import Path

from infoview_graph.algorithms import learned
from infoview_graph.store import actions, open_store

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
path = folder / "referrals.db"

actions.create_store(path, "Steven Olson")
with open_store(path) as store:
    actions.add_contact(store, "Ann Lee", fields=["Accounting"], how="classmate")
    actions.log_interview(
        store,
        "Ann Lee",
        on=dt.date(2026, 11, 11),
        minutes=30,
        mode="video",
        answers={
            "day-in-the-life": "Reconciliations in the morning, client calls after lunch.",
            "how-got-in": "An internship in my last year.",
        },
        advice=["Take the CPA exam early"],
        referred=["Tom Reyes"],
        friendliness=4,
    )
    network = store.load_network()

what = learned(network, "Accounting")
for qa in what.answered:
    print(qa.question)
    for said in qa.answers:
        print(f"  {said.name}, {said.on}: {said.text}")
print("advice:", [s.text for s in what.advice])
print(f"{len(what.unanswered)} questions nobody has answered yet")
