"""Before an interview: a one-page brief with the way in and the questions to ask.

Run: python examples/interview_brief.py [DIRECTORY]   (default: a temporary directory)
"""

import sys
import tempfile
from pathlib import Path

import infoview_graph as ivg
from infoview_graph.algorithms import prep_brief, render_brief_markdown

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
network = ivg.demo_network()

brief = prep_brief(network, "Margaret Smith", n_questions=6)
print(" → ".join(brief.connection.names))
print(f"mention {brief.connection.referrer_name}: {brief.connection.may_use_name}")
for question in brief.questions:
    print(f"- {question.text}")

path = folder / "margaret-smith.md"
path.write_text(render_brief_markdown(brief), encoding="utf-8")
print(f"wrote {path}")
