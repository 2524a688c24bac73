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

With ``--generated N`` (and no ``--store``) it times the lookup alone, in this process, on N
generated names of varied lengths (a common first name, a made-up last name of two to four
syllables, some with a middle initial): the synthetic stores' names are all ``Person …``,
alike in length, which the length bound favours.
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


_FIRST = [
    "Ann",
    "Ben",
    "Carla",
    "Dev",
    "Emma",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jon",
    "Kofi",
    "Lena",
    "Mei",
    "Nora",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Vera",
    "Wen",
    "Xavier",
    "Yara",
    "Zoë",
    "Aleksandra",
    "Bartholomew",
    "Christopher",
    "Dominique",
]
_SYLLABLES = [
    "ka",
    "ri",
    "to",
    "men",
    "sa",
    "lo",
    "vic",
    "ber",
    "an",
    "ste",
    "ha",
    "mu",
    "zel",
    "dor",
    "ith",
    "qua",
    "ne",
    "por",
    "gu",
    "lin",
]


def generated(n: int, repeat: int) -> None:
    """Time find_person_id in this process on n generated names of varied lengths."""
    import random

    from infoview_graph.errors import InfoviewError
    from infoview_graph.names import find_person_id

    rng = random.Random(7)
    people = []
    for i in range(n):
        last = "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4))).title()
        middle = f" {rng.choice('ABCDEFGH')}." if rng.random() < 0.2 else ""
        people.append((f"p{i:07d}", f"{rng.choice(_FIRST)}{middle} {last}"))  # by id, as stored
    name = people[n // 2][1]
    first, last = name.split()[0], name.split()[-1]
    typo = f"{first} {last[:2]}{last[3:]}"  # a letter dropped
    print(f"find_person_id on {n:,} generated names (in this process, {repeat} runs each):")
    for label, query in {"a whole name": name, "a last name": last, "a typo": typo}.items():

        def find(query: str = query) -> str:
            try:
                return find_person_id(query, people)
            except InfoviewError as error:
                return str(error)

        answer = find()
        median, worst = median_and_max(find, repeat)
        shown = answer[:60] + ("…" if len(answer) > 60 else "")
        print(
            f"  {label + f' ({query!r})':<40} median {median:5.2f} s, max {worst:5.2f} s  {shown}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store (copied, not opened)")
    parser.add_argument("--generated", type=int, help="time the lookup on N generated names")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--day", default="2026-12-06", help="the day person show judges on")
    parser.add_argument("--exact", default="Person 1234", help="a whole name")
    parser.add_argument("--part", default="1234", help="a first or last name of one person")
    parser.add_argument("--typo", default="Persn 1234", help="a name misspelt")
    parser.add_argument("--baseline", type=Path, help="another checkout, to time beside")
    options = parser.parse_args()
    if options.generated:
        generated(options.generated, options.repeat)
        return
    if options.store is None:
        parser.error("give --store STORE or --generated N")
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
