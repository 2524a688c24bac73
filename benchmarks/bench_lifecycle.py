"""Time the contact lifecycle (every stage and obligation), on synthetic networks or stores.

    python -m benchmarks.bench_lifecycle               # 1k, 30k, 300k, built in memory
    python -m benchmarks.bench_lifecycle 30000
    python -m benchmarks.bench_lifecycle --store S.db  # a store, loaded as commands load it
    python -m benchmarks.bench_lifecycle --store S.db --baseline ../old --repeat 5

In memory, each run derives it afresh: a different day is a different cache entry, so
nothing is reused between runs. Prints the median and max of 5 runs, and the people and
obligations.

With ``--store``, each run is a fresh process that loads the store the way a command does
(``load_network(lazy=True)``, then ``gc.freeze()``) and times the lifecycle's first
derivation, as a command pays it (with the indices of events by person it builds), then
three more days on the same network: first what ``suggest`` reads (the standings and the
employers owed a 3B7 second contact), then every obligation (what ``agenda`` reads). With
``--baseline DIR`` (another checkout, e.g. ``git worktree add ../old main``), runs
alternate between that checkout's package and this one, so that both meet the same load on
a shared machine; both read the same store (not changed). Wall-clock and CPU medians are
printed: the CPU time is less disturbed by other processes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import peak_memory

_ONE_RUN = """
import datetime as dt, gc, json, sys, time
from infoview_graph.lifecycle import lifecycle
from infoview_graph.store import open_store

def timed(call):
    wall, cpu = time.perf_counter(), time.process_time()
    found = call()
    return found, (time.perf_counter() - wall, time.process_time() - cpu)

with open_store(sys.argv[1]) as store:
    network = store.load_network(lazy=True)
    gc.freeze()  # as the commands do once the network is loaded
    day = dt.date.fromisoformat(sys.argv[2])
    times = []
    for i in range(4):
        # What suggest reads (the standings, the employers owed a 3B7 second contact), then
        # the obligations (agenda reads them all); a version that derives every obligation
        # at once pays it all in the first step.
        life, first = timed(lambda: lifecycle(network, today=day + dt.timedelta(days=i)))
        _, rest = timed(lambda: life.obligations)
        times.append([first, rest])
print(json.dumps({"times": times, "people": len(life.standings),
                  "obligations": len(life.obligations), "persons": len(network)}))
"""
"""One run: load the store, then time the lifecycle's first derivation and three more days."""


def main(n: int, repeat: int = 5) -> None:
    from benchmarks.synthetic import synthetic_referral_network
    from infoview_graph.lifecycle import lifecycle

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


def _one_run(store: Path, day: str, checkout: Path) -> dict[str, object]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(checkout)
    found = subprocess.run(
        [sys.executable, "-c", _ONE_RUN, str(store), day],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),  # not from a checkout: "-c" puts it first on the path
    )
    result: dict[str, object] = json.loads(found.stdout)
    return result


def on_store(store: Path, *, day: str, repeat: int, baseline: Path | None) -> None:
    """Print the lifecycle's medians on a stored network (and the baseline's, alternating)."""
    here = Path(__file__).parents[1]
    checkouts = {"this checkout": here} | ({"baseline": baseline} if baseline else {})
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in checkouts}
    for _ in range(repeat):
        for name, checkout in checkouts.items():
            runs[name].append(_one_run(store, day, checkout))
    print(f"{store.name}, judged on {day}, {repeat} fresh processes each (median wall, CPU):")
    for name, found in runs.items():
        times = [r["times"] for r in found]  # per run, per day: [suggest's part, the rest]
        first = [t[0] for t in times]  # type: ignore[index]
        again = [day for t in times for day in t[1:]]  # type: ignore[index]
        print(
            f"  {name:<13}: first derivation {_ms(first, 0)}, every obligation "
            f"{_ms(first, None)}; another day {_ms(again, 0)}, every obligation "
            f"{_ms(again, None)}"
        )
    print(
        f"  ({found[0]['persons']:,} persons, {found[0]['people']:,} people with events, "
        f"{found[0]['obligations']:,} obligations; the first figure is what suggest reads: "
        "the standings and the employers owed a 3B7 second contact)"
    )


def _ms(runs: list[list[list[float]]], part: int | None) -> str:
    """Median wall and CPU milliseconds of one part of each run (None: both parts summed)."""
    parts = [run if part is None else [run[part]] for run in runs]
    wall = statistics.median(sum(p[0] for p in ps) for ps in parts) * 1000
    cpu = statistics.median(sum(p[1] for p in ps) for ps in parts) * 1000
    return f"{wall:6.1f} / {cpu:6.1f} ms"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 30_000, 300_000])
    parser.add_argument("--store", type=Path, action="append", help="a store (not changed)")
    parser.add_argument("--day", default="2026-12-06", help="the day to judge on")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout, to time beside")
    options = parser.parse_args()
    if options.store:
        print(f"load average: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
        for path in options.store:
            on_store(path, day=options.day, repeat=options.repeat, baseline=options.baseline)
    else:
        for size in options.sizes:
            main(size, options.repeat)
        print(f"peak memory: {peak_memory()}")
