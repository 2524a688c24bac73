"""Who can introduce me? "Do you know anyone who works for General Mills?" (``introducers``)

Run: python examples/introductions.py [DIRECTORY]   (the directory is not used)
"""

import infoview_graph as ivg
from infoview_graph.algorithms import introducers

network = ivg.demo_network()
answer = introducers(network, "General Mills", k=3)

print(answer.message)
for person in answer.introducers[:3]:
    print(f"ask {person.name} ({person.warmth:.0%}): {person.reason}")
for path in answer.paths:
    names = " → ".join(network.person(pid).name for pid in path.path)
    a, b, chance = path.weakest_link
    print(f"{names}  ({path.warmth:.0%}; weakest link {a} → {b}, {chance:.0%})")
if answer.single_points_of_failure:
    print("every path goes through:", ", ".join(answer.single_points_of_failure))
