"""Write the demo search's report twice: one self-contained HTML page, and Markdown + SVGs.

Run: python examples/report.py [DIRECTORY]   (default: a temporary directory)
"""

import sys
import tempfile
from pathlib import Path

import infoview_graph as ivg
from infoview_graph.reports import write_report

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
network = ivg.demo_network()
for name in ("report.html", "report.md"):
    for path in write_report(network, folder / name):
        print(f"wrote {path}")
