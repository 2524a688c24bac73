"""Time finding a person: cold `referrals person show` for a name, a part of one, a typo.

    python -m benchmarks.bench_find --store S.db                 # a synthetic store
    python -m benchmarks.bench_find --store S.db --repeat 7 --baseline ../old

Every run is a fresh ``python -m infoview_graph --db COPY person show QUERY`` process (its
bytecode cached, as an installed package's is), on a copy of the store made in a temporary
directory: the store given is never opened. The queries default to those that fit
:mod:`benchmarks.synthetic` stores (whose persons are ``Person 0`` … ``Person N-1``): a whole
name (answered from the name index), a last name (``1234``: every person's name is read to
find it), a typo (``Persn 1234``: every name is read, then the closest is named) and a blank
query (refused before any read). Change them with ``--exact``, ``--part`` and ``--typo``.

The copy's person cache is made current first (one ``referrals suggest``), as any command
that loads the network leaves it; the typo is then timed again with the cache stale (its
version bumped in the copy), as after a change and before such a command: the names are
then read a row each. Printed: the median and max wall-clock seconds of ``--repeat`` runs
after one uncounted run, and the answer's first line. With ``--baseline DIR`` (another
checkout, e.g. ``git worktree add ../old main``) that checkout's package runs each query
too, on the same copy.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import median_and_max


def _environment(checkout: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "pycache"), "COLUMNS": "120"}
    env["PYTHONPATH"] = str(checkout)
    compiled = [sys.executable, "-m", "compileall", "-q", str(checkout / "infoview_graph")]
    subprocess.run(compiled, check=True, stdout=subprocess.DEVNULL, env=env)
    return env


def _show(env: dict[str, str], store: Path, query: str, day: str) -> str:
    """Run one ``person show``; return the first line of its answer (or of its error)."""
    args = [sys.executable, "-m", "infoview_graph", "--db", str(store)]
    args += ["person", "show", "--today", day, "--", query]
    done = subprocess.run(
        args, check=False, env=env, capture_output=True, text=True, cwd=tempfile.gettempdir()
    )
    if done.returncode not in (0, 1, 2):
        raise SystemExit(f"person show {query!r} failed ({done.returncode}): {done.stderr}")
    answer = (done.stdout or done.stderr).strip().splitlines()[0]
    return answer[:60] + ("…" if len(answer) > 60 else "")


def _report(
    label: str, query: str, envs: dict[str, dict[str, str]], store: Path, day: str, repeat: int
) -> None:
    """Print the median and max wall-clock seconds of each checkout's runs, and its answer."""
    for i, (name, env) in enumerate(envs.items()):
        answer = _show(env, store, query, day)  # also the first (uncounted) run
        median, worst = median_and_max(functools.partial(_show, env, store, query, day), repeat)
        what = f"{label} ({query!r})" if i == 0 else ""
        print(f"  {what:<46} {name:<13} median {median:5.2f} s, max {worst:5.2f} s  {answer}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store (copied, not opened)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--day", default="2026-12-06", help="the day person show judges on")
    parser.add_argument("--exact", default="Person 1234", help="a whole name")
    parser.add_argument("--part", default="1234", help="a first or last name of one person")
    parser.add_argument("--typo", default="Persn 1234", help="a name misspelt")
    parser.add_argument("--baseline", type=Path, help="another checkout, to time beside")
    options = parser.parse_args()
    here = Path(__file__).parents[1]
    envs = {"this checkout": _environment(here)}
    if options.baseline is not None:
        envs["baseline"] = _environment(options.baseline.resolve())
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / options.store.name
        shutil.copyfile(options.store, store)
        warm = [sys.executable, "-m", "infoview_graph", "--db", str(store), "suggest"]
        subprocess.run(warm, env=envs["this checkout"], check=True, stdout=subprocess.DEVNULL)
        print(
            f"{options.store.name}: cold `referrals person show`, {options.repeat} runs each; "
            f"load {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores"
        )
        queries = {
            "a whole name": options.exact,
            "a part of a name": options.part,
            "a typo": options.typo,
            "a blank query": " ",
        }
        for label, query in queries.items():
            _report(label, query, envs, store, options.day, options.repeat)
        with sqlite3.connect(store) as con:  # as after a change: the person cache is stale
            con.execute("UPDATE person_version SET n = n + 1")
        con.close()
        label = "a typo, the person cache stale"
        _report(label, options.typo, envs, store, options.day, options.repeat)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
