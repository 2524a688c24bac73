"""Which targets have I covered, and where are the gaps? (``coverage``)

Run: python examples/coverage_gaps.py [DIRECTORY]   (the directory is not used)
"""

import datetime as dt

import infoview_graph as ivg
from infoview_graph.algorithms import coverage

report = coverage(ivg.demo_network(), today=dt.date(2026, 11, 20))

print("target                     known  asked  met  paths  Q&A")
for t in report.targets:
    print(
        f"{t.name:26} {t.known:5} {t.reached_out:6} {t.interviewed:4} "
        f"{t.independent_paths:6} {t.questions_answered:4.0%}"
    )
print("no interview yet:", ", ".join(report.no_interview) or "-")
print("no path in:", ", ".join(report.no_path) or "-")
for field in report.related_fields[:3]:
    print(f"worth a look: {field.name} (related to {', '.join(field.related_to)})")
