"""Time `coverage`, `agenda` and `referral_chains` on synthetic networks (network loaded).

    python -m benchmarks.bench_progress               # 1k, 30k, 300k
    python -m benchmarks.bench_progress 30000

Prints the median and max of 5 runs of each.
"""

from __future__ import annotations

import sys

from benchmarks import median_and_max, peak_memory
from benchmarks.synthetic import synthetic_referral_network
from infoview_graph.algorithms import agenda, coverage, referral_chains


def main(n: int, repeat: int = 5) -> None:
    network = synthetic_referral_network(n)
    network.compact()
    for name, call in (
        ("coverage", lambda: coverage(network)),
        ("agenda", lambda: agenda(network)),
        ("chains", lambda: referral_chains(network)),
    ):
        call()  # warm the per-network caches, as a second command on one load would
        median, worst = median_and_max(call, repeat)
        print(
            f"{n:>9,} persons: {name:<8} median {median * 1000:8.1f} ms, max {worst * 1000:8.1f} ms"
        )


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1_000, 30_000, 300_000]:
        main(size)
    print(peak_memory())
