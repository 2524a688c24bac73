"""Time `suggest_next_contacts` (network loaded) and the whole `referrals suggest` command.

    python -m benchmarks.bench_suggest               # 1k, 30k, 300k and the personal shape
    python -m benchmarks.bench_suggest 30000         # one size

Prints the median and max of 5 runs. The first call on a network also builds its compact
view (cached until the network changes); it is timed on its own.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import median_and_max, peak_memory
from benchmarks.synthetic import synthetic_referral_network, write_store
from infoview_graph.algorithms import suggest_next_contacts


def network_loaded(n: int, *, personal: bool = False) -> None:
    started = time.perf_counter()
    network = synthetic_referral_network(n, personal=personal)
    built = time.perf_counter() - started
    started = time.perf_counter()
    first = suggest_next_contacts(network, k=10)
    cold = time.perf_counter() - started
    median, worst = median_and_max(lambda: suggest_next_contacts(network, k=10), 5)
    shape = "personal (me → all)" if personal else "career office"
    print(
        f"{n:>9,} persons, {network.number_of_ties():>10,} ties, {shape:<19}: "
        f"suggest median {median * 1000:7.1f} ms, max {worst * 1000:7.1f} ms; "
        f"first call (builds the compact view) {cold * 1000:7.1f} ms; "
        f"network built in {built:.1f} s; "
        f"top: {first[0].name if first else '-'}"
    )


def command(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        _, ties = write_store(path, n)
        args = [sys.executable, "-m", "infoview_graph", "--db", str(path), "suggest"]
        median, worst = median_and_max(
            lambda: subprocess.run(args, check=True, stdout=subprocess.DEVNULL), 5
        )
        print(
            f"`referrals suggest` on a {n:,}-person, {ties:,}-tie store: "
            f"median {median:.2f} s, max {worst:.2f} s"
        )


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 30_000, 300_000]
    for size in sizes:
        network_loaded(size)
    if not sys.argv[1:]:
        network_loaded(30_001, personal=True)
    command(30_000 if not sys.argv[1:] else sizes[0])
    print(peak_memory())
