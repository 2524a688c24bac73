"""Draw the demo's referral tree — whole, and from one person two levels down.

Run: python examples/plot_tree.py [DIRECTORY]   (default: a temporary directory)
"""

import sys
import tempfile
from pathlib import Path

import infoview_graph as ivg
from infoview_graph.plotting import plot_tree, save_figure

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
network = ivg.demo_network()

whole = save_figure(plot_tree(network), folder / "referral-tree.png")
print(f"wrote {whole}")
denise = network.find_person("Denise Okafor")
part = save_figure(plot_tree(network, root=denise.id, max_depth=2), folder / "from-denise.svg")
print(f"wrote {part}")
