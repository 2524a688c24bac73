"""After a change to the ties: the next read command rebuilds the tie arrays, the next reads them.

    python -m benchmarks.bench_tie_change STORE [STORE ...]            # median of 3 per store
    python -m benchmarks.bench_tie_change --repeat 1 /tmp/compare-1000000-office.db
    python -m benchmarks.bench_tie_change --code ../old STORE          # another checkout's code

Each store (e.g. one ``benchmarks.bench_compare --dir DIR`` wrote) is copied to a temporary
file first: the original is never written. On the copy, ``suggest`` runs once (so every
cache is current), then ``--repeat`` times: ``referrals know A B --strength K`` changes one
tie through the CLI (K alternates, so each run is a change), then ``suggest`` runs twice —
the first rebuilds the tie arrays from the ``ties`` rows (and keeps them), the second reads
them from the cache. Every command is a fresh process, its bytecode compiled and cached as
an installed package's is. Printed per store: the median (and max) wall-clock seconds and
the largest peak resident memory of each of the two, and of ``know`` itself. With ``--code
DIR`` the commands run another checkout's package (its bytecode cached outside it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parents[1]


def _environment(code: Path) -> dict[str, str]:
    """The commands' environment: ``code``'s package first on the path, its bytecode cached
    outside the checkout (as bench_compare does)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"COLUMNS": "120", "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "pycache")}
    env["PYTHONPATH"] = str(code)
    compiled = [sys.executable, "-m", "compileall", "-q", str(code / "infoview_graph")]
    subprocess.run(compiled, check=True, stdout=subprocess.DEVNULL, env=env)
    return env


def _run(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Run ``referrals ARGS`` as a fresh process; return its seconds and peak memory (GiB)."""
    command = [sys.executable, "-m", "infoview_graph", *args]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
    _, status, usage = os.wait4(child.pid, 0)
    spent = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(args)} failed with exit code {child.returncode}")
    return spent, usage.ru_maxrss / 2**20  # KiB on Linux


def measure(store: Path, repeat: int, a: str, b: str, *, code: Path = _HERE) -> None:
    """Print the seconds and memory of ``know``, the next ``suggest`` and the one after."""
    env = _environment(code)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / store.name
        shutil.copyfile(store, copy)
        with sqlite3.connect(copy) as con:
            (ties,) = con.execute("SELECT count(*) FROM ties").fetchone()
            (persons,) = con.execute("SELECT count(*) FROM persons").fetchone()
        con.close()
        db = ("--db", str(copy))
        _run(env, *db, "suggest")  # every cache current, as after any read command
        runs: dict[str, list[tuple[float, float]]] = {"know": [], "next": [], "after": []}
        for i in range(repeat):
            runs["know"].append(_run(env, *db, "know", a, b, "--strength", str(2 + i % 2)))
            runs["next"].append(_run(env, *db, "suggest"))
            runs["after"].append(_run(env, *db, "suggest"))
    load = os.getloadavg()[0]
    print(
        f"{store.name}: {persons:,} persons, {ties:,} ties; {repeat} run(s) of {code}'s code,"
        f" load {load:.2f}"
    )
    labels = {
        "know": f"know {a!r} {b!r}",
        "next": "suggest, next (rebuilds the ties)",
        "after": "suggest, the one after (cache)",
    }
    for key, label in labels.items():
        seconds = [s for s, _ in runs[key]]
        peak = max(m for _, m in runs[key])
        print(
            f"  {label:<36} median {statistics.median(seconds):6.2f} s"
            f"  max {max(seconds):6.2f} s  peak {peak:.2f} GiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", type=Path, help="stores to copy and measure")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--a", default="Person 17", help="one end of the tie to change")
    parser.add_argument("--b", default="Person 99", help="the other end")
    parser.add_argument("--code", type=Path, default=_HERE, help="the checkout whose code runs")
    args = parser.parse_args()
    for store in args.stores:
        measure(store, args.repeat, args.a, args.b, code=args.code.resolve())


if __name__ == "__main__":
    main()
