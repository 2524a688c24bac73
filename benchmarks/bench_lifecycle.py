"""Time the contact lifecycle (every stage and obligation) on synthetic networks.

    python -m benchmarks.bench_lifecycle               # 1k, 30k, 300k
    python -m benchmarks.bench_lifecycle 30000

Each run derives it afresh: a different day is a different cache entry, so nothing is
reused between runs. Prints the median and max of 5 runs, and the people and obligations.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from benchmarks import peak_memory
from benchmarks.synthetic import synthetic_referral_network
from infoview_graph.lifecycle import lifecycle


def main(n: int, repeat: int = 5) -> None:
    network = synthetic_referral_network(n)
    day = network.as_of or dt.date(2026, 11, 20)
    times = []
    for i in range(repeat):
        started = time.perf_counter()
        life = lifecycle(network, today=day + dt.timedelta(days=i))
        times.append(time.perf_counter() - started)
    print(
        f"{n:>9,} persons: lifecycle median {statistics.median(times) * 1000:8.1f} ms, "
        f"max {max(times) * 1000:8.1f} ms ({len(life.standings):,} people with events, "
        f"{len(life.obligations):,} obligations)"
    )


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1_000, 30_000, 300_000]:
        main(size)
    print(f"peak memory: {peak_memory()}")
