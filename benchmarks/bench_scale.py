"""The largest scale: load a big store and answer `suggest`, with time and peak memory.

    python -m benchmarks.bench_scale 1000000 /tmp/1m.db     # writes the store if missing

Prints the time to write the store (once), then for 3 loads the time, and the time of
`suggest_next_contacts` on the last one, and the peak resident memory of the process.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

from benchmarks.synthetic import write_store
from infoview_graph.algorithms import suggest_next_contacts
from infoview_graph.store import open_store


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main(n: int, path: Path) -> None:
    if not path.exists():
        started = time.perf_counter()
        _, ties = write_store(path, n)
        print(
            f"wrote {n:,} persons, {ties:,} ties in {time.perf_counter() - started:.0f} s "
            f"({path.stat().st_size / 2**30:.1f} GiB); peak {peak_gib():.1f} GiB"
        )
    times = []
    for _ in range(3):
        started = time.perf_counter()
        with open_store(path) as store:
            network = store.load_network()
        times.append(time.perf_counter() - started)
        print(f"  load {times[-1]:.1f} s; peak {peak_gib():.1f} GiB", flush=True)
    print(f"load: median {statistics.median(times):.1f} s, max {max(times):.1f} s")
    started = time.perf_counter()
    first = suggest_next_contacts(network, k=10)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    suggest_next_contacts(network, k=10)
    print(
        f"suggest: first {cold:.2f} s (builds the per-person arrays), then "
        f"{time.perf_counter() - started:.2f} s; top: {first[0].name if first else '-'}"
    )
    print(f"peak resident memory: {peak_gib():.1f} GiB")


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
