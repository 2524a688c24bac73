"""Draw the demo's funnel (identified → … → referred on) and its activity over time.

Run: python examples/plot_funnel.py [DIRECTORY]   (default: a temporary directory)
"""

import sys
import tempfile
from pathlib import Path

import infoview_graph as ivg
from infoview_graph.plotting import figure_bytes, plot_funnel

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
figure = plot_funnel(ivg.demo_network())
for fmt in ("svg", "png"):
    target = folder / f"funnel.{fmt}"
    target.write_bytes(figure_bytes(figure, fmt))  # byte-stable: fit for version control
    print(f"wrote {target}")
