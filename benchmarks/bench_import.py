"""Time importing a 30,000-row LinkedIn Connections.csv into a new store.

    python -m benchmarks.bench_import 30000

generates the file on the fly (seeded: the preamble, a BOM, CRLF, quoted commas, a few
thousand companies, emails on one row in ten, padding rows) and prints the median of 3 runs
of: reading it (``read_linkedin``), merging it into a store holding only me
(``apply_import``), and the two together; then the median of 3 re-imports of the same file
into the filled store (which change nothing).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import peak_memory
from infoview_graph.interop.linkedin import read_linkedin
from infoview_graph.store import open_store
from infoview_graph.store.actions import create_store
from infoview_graph.store.imports import apply_import

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FIRST = ["Ada", "Brad", "Zoë", "Margaret", "Omar", "Priya", "Jürgen", "Renée", "Samuel", "Li"]
_LAST = ["Lovelace", "Johnson", "Martín", "Smith", "Haddad", "Raman", "Müller", "Côté", "Wu"]


def connections_csv(rows: int, seed: int = 7) -> bytes:
    """A LinkedIn export of ``rows`` connections, as LinkedIn writes it."""
    rng = random.Random(seed)
    companies = [f"Company {n}, Inc." for n in range(rows // 10)]
    lines = [
        "\ufeffNotes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for n in range(rows):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        email = f"person{n}@example.org" if n % 10 == 0 else ""
        day = f"{rng.randint(1, 28):02d} {rng.choice(_MONTHS)} {rng.randint(2010, 2026)}"
        lines.append(
            f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{n},"
            f'{email},"{rng.choice(companies)}","Analyst, Level {n % 4}",{day}'
        )
        if n % 1000 == 0:
            lines.append(",,,,,,")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def main(rows: int, repeat: int = 3) -> None:
    data = connections_csv(rows)
    print(f"Connections.csv: {rows} rows, {len(data) / 1e6:.1f} MB")
    read_times, merge_times, total_times, again_times = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(repeat):
            path = Path(tmp) / f"run-{run}.db"
            create_store(path, "Steven Olson")
            with open_store(path) as store:
                started = time.perf_counter()
                parsed = read_linkedin(data, name="Connections.csv")
                read = time.perf_counter()
                report = apply_import(store, parsed)
                done = time.perf_counter()
                assert report.created == rows, report.summary()
                read_times.append(read - started)
                merge_times.append(done - read)
                total_times.append(done - started)
                started = time.perf_counter()
                again = apply_import(store, read_linkedin(data, name="Connections.csv"))
                again_times.append(time.perf_counter() - started)
                assert (again.created, again.updated) == (0, 0), again.summary()
    print(f"read  (parse + validate): median {statistics.median(read_times):.2f} s")
    print(f"merge (one transaction):  median {statistics.median(merge_times):.2f} s")
    print(f"import, total:            median {statistics.median(total_times):.2f} s")
    print(f"re-import (no change):    median {statistics.median(again_times):.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
    print(peak_memory())
