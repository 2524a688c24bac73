"""Time loading a store into a ReferralNetwork, and `referrals person list --json` on it.

    python -m benchmarks.bench_load 30000

prints the median and max of 5 runs of `Store.load_network()` and of the whole command.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks import median_and_max
from benchmarks.synthetic import write_store
from infoview_graph.graph import to_networkx
from infoview_graph.network import ReferralNetwork
from infoview_graph.store import open_store


def main(n: int, repeat: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        started = time.perf_counter()
        data, tie_count = write_store(path, n)
        print(
            f"store: {len(data.persons)} persons, {tie_count} ties, "
            f"written in {time.perf_counter() - started:.1f} s, "
            f"{path.stat().st_size / 1e6:.0f} MB"
        )
        median, worst = median_and_max(lambda: _load(path), repeat)
        print(f"load store → ReferralNetwork: median {median:.3f} s, max {worst:.3f} s")
        tracemalloc.start()
        network = _load(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(network) == n
        print(f"  peak traced memory while loading: {peak / 2**20:.0f} MiB")
        started = time.perf_counter()
        graph = to_networkx(network)
        print(
            f"  building the MultiDiGraph on first use: {time.perf_counter() - started:.3f} s "
            f"({graph.number_of_edges()} edges)"
        )
        referrals = [sys.executable, "-m", "infoview_graph", "--db", str(path)]
        median, worst = median_and_max(
            lambda: subprocess.run(
                [*referrals, "person", "list", "--json"], check=True, stdout=subprocess.DEVNULL
            ),
            repeat,
        )
        print(f"`referrals person list --json`: median {median:.3f} s, max {worst:.3f} s")
        started = time.perf_counter()
        subprocess.run(
            [*referrals, "person", "add", "Bench Person"], check=True, stdout=subprocess.DEVNULL
        )
        print(f"`referrals person add`: {time.perf_counter() - started:.3f} s (one run)")


def _load(path: Path) -> ReferralNetwork:
    with open_store(path) as store:
        return store.load_network()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
