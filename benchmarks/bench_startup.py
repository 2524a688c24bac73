"""The start-up floor: what each command imports before it does its own work.

    python -m benchmarks.bench_startup STORE                  # this checkout
    python -m benchmarks.bench_startup STORE --baseline ../old  # beside another checkout

For ``--version``, ``--help`` and each read command on STORE (a store file; ``person show``
asks for the person ``Person 1234`` that :mod:`benchmarks.synthetic` stores hold), every run is
a fresh ``python -X importtime -m infoview_graph`` process with its bytecode cached, as an
installed package's is. Printed per command: the modules imported, the time spent importing
(the sum of ``-X importtime``'s self times: what the process pays before the command's own
work, plus the tracing's own small cost), the whole run's CPU time (user and system: on a
shared machine it waits less on the others' load than wall-clock time) and its wall-clock
time, medians of ``--repeat`` runs. With ``--baseline DIR`` the other checkout runs
alternately with this one, so both meet the same load, and the last columns are its medians.

Lazy imports through ``importlib.import_module`` escape ``-X importtime`` (its cost lands in
the importer's self time, which the sum still counts); the module count comes from the
same trace.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "--version": ("--version",),
    "--help": ("--help",),
    "suggest": ("suggest",),
    "agenda": ("agenda",),
    "coverage": ("coverage",),
    "chains": ("chains",),
    "person show NAME": ("person", "show", "Person 1234"),
}


def _environment(checkout: Path | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"COLUMNS": "120", "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "pycache")}
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    package = (checkout or Path(__file__).parent.parent) / "infoview_graph"
    compiled = [sys.executable, "-m", "compileall", "-q", str(package)]
    subprocess.run(compiled, check=True, stdout=subprocess.DEVNULL, env=env)
    return env


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(env: dict[str, str], args: tuple[str, ...]) -> tuple[int, float, float, float]:
    """Run one command; return its module count, import, CPU and wall-clock times."""
    command = [sys.executable, "-X", "importtime", "-m", "infoview_graph", *args]
    started, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, check=True, cwd=tempfile.gettempdir()
    )
    wall, cpu = time.perf_counter() - started, _cpu() - cpu
    selfs = [
        int(line.split("|")[0].removeprefix("import time:"))
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "self [us]" not in line
    ]
    return len(selfs), sum(selfs) / 1e6, cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--baseline", type=Path, help="another checkout, to time beside")
    options = parser.parse_args()
    envs = [_environment(None)]
    if options.baseline is not None:
        envs.append(_environment(options.baseline))
    db = ("--db", str(options.store))
    for env in envs:
        _run(env, (*db, "suggest"))  # the store's caches, and every module's bytecode
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    header = f"  {'command':<18} {'modules':>7} {'imports':>9} {'cpu':>8} {'wall':>8}"
    print(header + ("  | baseline: modules  imports      cpu     wall" if len(envs) > 1 else ""))
    for label, args in COMMANDS.items():
        full = args if args[0].startswith("--") else (*db, *args)
        runs: list[list[tuple[int, float, float, float]]] = [[] for _ in envs]
        for _ in range(options.repeat):
            for env, found in zip(envs, runs, strict=True):
                found.append(_run(env, full))
        line = f"  {label:<18}"
        for i, found in enumerate(runs):
            columns = zip(*found, strict=True)
            modules, imports, cpu, wall = (statistics.median(column) for column in columns)
            line += " |          " if i else ""
            line += f" {modules:7.0f} {imports * 1000:6.0f} ms {cpu:6.2f} s {wall:6.2f} s"
        print(line)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
