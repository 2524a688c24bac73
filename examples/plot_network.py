"""Draw the people around Steven Olson, two steps out, sized by how worth contacting they are.

Run: python examples/plot_network.py [DIRECTORY]   (default: a temporary directory)
"""

import sys
import tempfile
from pathlib import Path

import infoview_graph as ivg
from infoview_graph.plotting import plot_network, save_figure

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
figure = plot_network(ivg.demo_network(), depth=2, top=10)
print(f"wrote {save_figure(figure, folder / 'network.png')}")
