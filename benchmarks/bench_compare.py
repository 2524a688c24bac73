"""Side by side: each read command cold beside the start-up floor, kernels beside networkx.

    python -m benchmarks.bench_compare                    # 30k personal, 300k career office
    python -m benchmarks.bench_compare --sizes 30000      # the personal shape only
    python -m benchmarks.bench_compare --dir /tmp/bench   # keep (and reuse) the stores there
    python -m benchmarks.bench_compare --baseline ../old  # also time another checkout's code

Two shapes from :mod:`benchmarks.synthetic`: a job seeker's LinkedIn export (30,000 people,
me tied to everyone) and a career office (300,000 people, ~3M ties, me tied to 300). For
each, a store is written once (reused when ``--dir`` already holds it), then:

- every command runs as a fresh process (``python -m infoview_graph --db STORE ...``), the
  way a user runs it, its bytecode compiled and cached as an installed package's is (even
  under ``PYTHONDONTWRITEBYTECODE``): ``--version`` (the start-up floor), ``suggest``, ``agenda``,
  ``coverage``, ``chains`` and ``person show NAME``; the median of ``--repeat`` runs and its
  ratio to ``--version`` are printed, and beside them the libraries alone (a process that
  imports what a read command imports before this package runs, and builds one pydantic
  model): what no version of this package changes, and how fast the machine is;
- with the network loaded once as the commands load it (``load_network(lazy=True)``, the
  store open), the warmth kernel (numpy, :func:`warmth_paths`) beside the networkx reference
  (:func:`warmth_paths_reference` on :func:`hop_graph`), the whole
  ``suggest_next_contacts``, and ``to_networkx`` of my ego network (and of the whole
  network up to 300,000 people).

The first command on a store builds and keeps its caches; one unrecorded warm-up run of
``suggest`` goes first so every recorded run reads them, as every command after the first does.

With ``--baseline DIR`` (a checkout of another version, e.g. ``git worktree add ../old
main``), each command also runs with that checkout's package first on ``PYTHONPATH``,
alternating run by run with this one, so that both meet the same load on a shared machine,
each on its own copy of the store written by its own code (the same seeded network); the
last column is the baseline's median over this one's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks import median_and_max, peak_memory

if TYPE_CHECKING:
    from infoview_graph.network import ReferralNetwork

SHAPES = {30_000: True, 300_000: False}
"""Persons → personal shape (me tied to everyone) or the career office's."""

GOALS = {
    (30_000, "suggest"): 0.3,
    (30_000, "agenda"): 0.4,
    (30_000, "coverage"): 0.4,
    (30_000, "chains"): 0.4,
    (30_000, "person"): 0.3,
    (300_000, "suggest"): 1.0,
    (1_000_000, "suggest"): 2.0,
    (1_000_000, "person"): 0.3,
}
"""(persons, command) → the median a cold command should keep within, in seconds; each
timed line says whether its median did (and ``to_networkx`` of my ego network, ≤ 1 s, at a
million people)."""


def _store(directory: Path, n: int, *, personal: bool, baseline: Path | None = None) -> Path:
    """Return the store of this size and shape, written by this checkout or ``baseline``.

    The baseline writes its own copy of the same (seeded) network: a store this version
    writes may be at a schema the baseline refuses.
    """
    shape = "personal" if personal else "office"
    path = directory / f"compare-{n}-{shape}{'-baseline' if baseline else ''}.db"
    if path.exists():
        return path
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from benchmarks.synthetic import write_store; "
            "_, ties = write_store(sys.argv[1], int(sys.argv[2]), personal=sys.argv[3] == '1'); "
            "print(f'{ties:,}')",
            str(path),
            str(n),
            "1" if personal else "0",
        ],
        check=True,
        env={**os.environ, "PYTHONPATH": str(baseline or Path(__file__).parents[1])},
        cwd=tempfile.gettempdir(),
        stdout=subprocess.PIPE,
        text=True,
    )
    who = f"the baseline ({baseline})" if baseline else "this checkout"
    print(f"  {who} wrote {n:,} persons in {time.perf_counter() - started:.0f} s")
    return path


_LIBRARIES = """\
import pydantic, numpy, typer, rich.console, rich.table

class Model(pydantic.BaseModel):
    x: int

Model(x=1)
"""
"""What a read command imports and builds before a line of this package runs: Typer, numpy,
pydantic and its first model (which loads pydantic's schema machinery), rich's tables."""


def _environment(baseline: Path | None = None) -> dict[str, str]:
    # Bytecode is cached, as in an installed package (pip compiles it): without the cache every
    # run would compile the package's sources again, and a version that merely imports fewer
    # modules would look faster by the compiling it skips. The cache lives outside the
    # checkouts, in the temporary directory.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"COLUMNS": "120", "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "pycache")}
    if baseline is not None:
        env["PYTHONPATH"] = str(baseline)
    return env


def _runner(baseline: Path | None) -> Callable[..., Callable[[], object]]:
    env = _environment(baseline)
    package = Path(baseline or Path(__file__).parent.parent) / "infoview_graph"
    compiled = [sys.executable, "-m", "compileall", "-q", str(package)]
    subprocess.run(compiled, check=True, stdout=subprocess.DEVNULL, env=env)

    def run(*args: str) -> Callable[[], object]:
        command = [sys.executable, "-m", "infoview_graph", *args]
        # Not from a checkout: "-m" puts the working directory first on the path.
        return lambda: subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir()
        )

    return run


def _alternating(calls: list[Callable[[], object]], repeat: int) -> list[tuple[float, float]]:
    """Run the calls in turn ``repeat`` times; return each one's median and max."""
    times: list[list[float]] = [[] for _ in calls]
    for _ in range(repeat):
        for call, spent in zip(calls, times, strict=True):
            started = time.perf_counter()
            call()
            spent.append(time.perf_counter() - started)
    return [(statistics.median(t), max(t)) for t in times]


def commands(paths: list[Path], repeat: int, baseline: Path | None, *, persons: int) -> None:
    """Print each command's cold median beside ``--version``'s (and the baseline's).

    ``paths`` are the stores of this checkout and, with ``baseline``, of the baseline.
    """
    runners = [_runner(None)] + ([_runner(baseline)] if baseline is not None else [])
    for run, path in zip(runners, paths, strict=True):
        run("--db", str(path), "suggest")()  # builds the caches a command keeps for the next
    floor = 0.0
    for label, args in (
        ("referrals --version", ("--version",)),
        ("referrals suggest", ("suggest",)),
        ("referrals agenda", ("agenda",)),
        ("referrals coverage", ("coverage",)),
        ("referrals chains", ("chains",)),
        ("referrals person show NAME", ("person", "show", "Person 1234")),
    ):
        calls = [
            run(*args) if args[0] == "--version" else run("--db", str(path), *args)
            for run, path in zip(runners, paths, strict=True)
        ]
        found = _alternating(calls, repeat)
        median, worst = found[0]
        floor = floor or median
        line = f"  {label:<28} median {median:6.2f} s  max {worst:6.2f} s  "
        line += f"{median / floor:5.1f}× --version"
        if len(found) > 1:
            old = found[1][0]
            line += f" | baseline {old:6.2f} s: {old / median:5.1f}× slower"
        if (goal := GOALS.get((persons, args[0]))) is not None:
            line += f" | goal ≤ {goal:.1f} s: {'met' if median <= goal else 'NOT met'}"
        print(line)
        if args[0] == "--version":
            _libraries(repeat, floor)


def _libraries(repeat: int, floor: float) -> None:
    """Print the libraries' own start-up: the part of every read command no version changes."""
    env = _environment()
    command = [sys.executable, "-c", _LIBRARIES]
    median, worst = _alternating(
        [lambda: subprocess.run(command, check=True, env=env, cwd=tempfile.gettempdir())], repeat
    )[0]
    label = "the libraries alone"
    print(
        f"  {label:<28} median {median:6.2f} s  max {worst:6.2f} s  "
        f"{median / floor:5.1f}× --version (Typer, numpy, pydantic and one model, rich)"
    )


def kernels(path: Path, repeat: int, *, reference_repeat: int) -> None:
    """Print the kernels' medians with the network loaded, beside the networkx reference."""
    from infoview_graph.store import open_store

    with open_store(path) as store:  # open while the network is used: it reads rows lazily
        started = time.perf_counter()
        network = store.load_network(lazy=True)
        print(f"  store.load_network(lazy=True) {time.perf_counter() - started:6.2f} s (once)")
        _kernels(network, repeat, reference_repeat=reference_repeat)


def _kernels(network: ReferralNetwork, repeat: int, *, reference_repeat: int) -> None:
    from infoview_graph.algorithms import suggest_next_contacts
    from infoview_graph.algorithms._warmth import (
        hop_graph,
        hop_model,
        warmth_paths,
        warmth_paths_reference,
    )
    from infoview_graph.timing import Thresholds

    today = dt.date(2026, 12, 1)
    model = hop_model(network, today=today, thresholds=Thresholds(), ask_window_days=30, max_asks=3)
    warmth_paths(network, model, max_hops=3)  # builds the network's cached views
    fast, _ = median_and_max(lambda: warmth_paths(network, model, max_hops=3), repeat)
    line = f"  warmth search, 3 hops: numpy {fast * 1000:8.1f} ms; networkx reference "
    if len(network) > 300_000:  # its DiGraph of every hop: minutes and GiBs
        print(line + "not timed above 300,000 people")
    else:
        built, _ = median_and_max(lambda: hop_graph(network, model), reference_repeat)
        graph = hop_graph(network, model)
        slow, _ = median_and_max(
            lambda: warmth_paths_reference(graph, model, max_hops=3), reference_repeat
        )
        print(
            f"{line}{slow * 1000:8.1f} ms (+ {built:.2f} s to build its DiGraph); "
            f"{slow / fast:5.1f}× faster"
        )
    suggest_next_contacts(network, k=10, today=today)
    median, worst = median_and_max(
        lambda: suggest_next_contacts(network, k=10, today=today), repeat
    )
    print(
        f"  suggest_next_contacts, loaded: median {median * 1000:7.1f} ms, max {worst * 1000:.1f}"
    )
    import infoview_graph

    try:
        from infoview_graph import graph as module
    except ImportError:
        module = None
    here = Path(infoview_graph.__file__).parent
    if module is None or Path(module.__file__ or "").parent != here:
        print("  to_networkx: not in this version")
        return
    to_networkx = module.to_networkx
    me = network.me.id
    median, _ = median_and_max(lambda: to_networkx(network, persons=[me]), repeat)
    ego = to_networkx(network, persons=[me])
    line = (
        f"  to_networkx(network, persons=[me]): median {median * 1000:7.1f} ms "
        f"({ego.number_of_nodes():,} nodes, {ego.number_of_edges():,} edges); "
    )
    if len(network) >= 1_000_000:
        line += f"goal ≤ 1.0 s: {'met' if median <= 1.0 else 'NOT met'}; "
    if len(network) > 300_000:  # millions of edges as Python dictionaries: GiBs, minutes
        print(line + "whole network not timed above 300,000 people")
        return
    whole, _ = median_and_max(lambda: to_networkx(network), 1)
    print(line + f"whole network {whole:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SHAPES)))
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout, to time beside")
    options = parser.parse_args()
    import infoview_graph

    print(
        f"infoview_graph {infoview_graph.__version__} from {Path(infoview_graph.__file__).parent}; "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    if options.baseline is not None:
        found = subprocess.run(
            [sys.executable, "-c", "import infoview_graph; print(infoview_graph.__file__)"],
            env={**os.environ, "PYTHONPATH": str(options.baseline)},
            cwd=tempfile.gettempdir(),
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"baseline from {Path(found.stdout.strip()).parent}")
    for n in (int(s) for s in options.sizes.split(",")):
        personal = SHAPES.get(n, n <= 30_000)
        shape = "personal shape (me tied to everyone)" if personal else "career office"
        print(f"{n:,} persons, {shape}:")
        path = _store(options.dir, n, personal=personal)
        paths = [path]
        if options.baseline is not None:
            paths.append(_store(options.dir, n, personal=personal, baseline=options.baseline))
        commands(paths, options.repeat, options.baseline, persons=n)
        kernels(path, options.repeat, reference_repeat=3 if n <= 30_000 else 1)
    print(peak_memory())
    import resource

    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20  # KiB on Linux
    print(f"peak resident memory of the largest command run: {child:.2f} GiB", end="")
    print(" (of every process started, the baseline's and the store writer's included)")


if __name__ == "__main__":
    main()
