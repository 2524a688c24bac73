"""My referral tree in numbers: the longest chains, generous referrers, the funnel.

Run: python examples/referral_tree_stats.py [DIRECTORY]   (the directory is not used)
"""

import infoview_graph as ivg
from infoview_graph.algorithms import referral_chains

network = ivg.demo_network()
chains = referral_chains(network)

for chain in chains.longest:
    names = [network.person(pid).name for pid in chain.people]
    print(f"longest ({len(chain.hops)} referrals): " + " → ".join(names))
for y in chains.yields[:3]:
    print(f"{y.name}: {y.names_given} names given, {y.interviewed} interviewed")
for stage in chains.funnel:
    rate = "" if stage.rate is None else f" ({stage.rate:.0%} of the stage before)"
    print(f"{stage.stage:12} {stage.count:3}{rate}")
