"""Draw how far the demo search got with each target: known, reached out, interviewed.

Run: python examples/plot_coverage.py [DIRECTORY]   (default: a temporary directory)
"""

import sys
import tempfile
from pathlib import Path

import infoview_graph as ivg
from infoview_graph.plotting import plot_coverage, save_figure

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
figure = plot_coverage(ivg.demo_network())
print(f"wrote {save_figure(figure, folder / 'coverage.pdf')}")
