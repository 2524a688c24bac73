"""Draw the people around Steven Olson who matter most now, and read who was chosen.

The scene (``network_scene``) says who is drawn, where, with which label, and counts the
rest per field; ``plot_network`` draws the same scene.

Run: python examples/plot_network.py [DIRECTORY]   (default: a temporary directory)
"""

import sys
import tempfile
from pathlib import Path

import infoview_graph as ivg
from infoview_graph.plotting import network_scene, plot_network, save_figure

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
network = ivg.demo_network()
scene = network_scene(network, depth=2, top=10, max_people=20)
print(f"{len(scene.people)} of {scene.within_reach} people drawn; first: {scene.people[0].label}")
for field, _, count in scene.not_drawn:
    print(f"  not drawn, {field}: {count}")
figure = plot_network(network, depth=2, top=10, max_people=20)
print(f"wrote {save_figure(figure, folder / 'network.png')}")
