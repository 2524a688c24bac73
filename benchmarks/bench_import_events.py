"""Time recording the lifecycle from a large mailbox and a large LinkedIn messages.csv.

    python -m benchmarks.bench_import_events                 # 100,000 mails, 50,000 rows
    python -m benchmarks.bench_import_events 400000 50000    # a ~1 GB mbox

generates, seeded, into a temporary folder: an mbox of N messages (bodies of 0.5–5 KB, one
in five multipart with an attachment-sized part, RFC 2047 names, threads with
``In-Reply-To``/``References``), one in five of them between me and one of 2,000 contacts,
the rest with strangers; and a LinkedIn ``messages.csv`` of M rows (multi-line quoted
content, 2,000 contacts, group conversations). It then imports each into a store holding me
and the contacts (``import_messages`` over ``read_mail`` / ``read_messages``, as the
command does), and prints the wall time of each (median of ``repeat`` runs), what was
recorded, and the process's peak resident memory. The goals: the 100,000-message mbox in
≤ 60 s and ≤ 300 MB peak; the 50,000-row file in ≤ 10 s.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from infoview_graph.interop.mail import read_mail
from infoview_graph.interop.messages import read_messages
from infoview_graph.store import open_store
from infoview_graph.store.actions import create_store
from infoview_graph.store.events_import import import_messages

CONTACTS = 2_000
TODAY = dt.date(2026, 11, 20)
START = dt.datetime(2025, 1, 1, 8, tzinfo=dt.UTC)
_WORDS = ["ask", "advice", "team", "career", "finance", "role", "coffee", "thanks", "meet"]


def _store(path: Path) -> None:
    from infoview_graph.models import Person, slugify

    create_store(path, "Steven Olson")
    with open_store(path) as store, store.write():
        me = store.me()
        store.add_person(me.model_copy(update={"emails": ("steven@example.org",)}), replace=True)
        for n in range(CONTACTS):
            name = f"Contact {n}"
            store.add_person(
                Person(
                    id=slugify(name),
                    name=name,
                    emails=(f"contact{n}@example.org",),
                    url=f"https://www.linkedin.com/in/contact-{n}",
                )
            )


def _body(rng: random.Random) -> str:
    size, length = rng.randint(500, 5000), 0
    words: list[str] = []
    while length < size:
        words.append(rng.choice(_WORDS))
        length += len(words[-1]) + 1
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    return "\n".join(lines) + "\nFrom the desk of someone (an unescaped From in a body)\n"


def write_mbox(path: Path, messages: int, seed: int = 11) -> None:
    """An mbox of ``messages`` mails, written as it is generated."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for n in range(messages):
            when = START + dt.timedelta(minutes=7 * n)
            stamp = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
            contact = n % 5 == 0
            other = rng.randrange(CONTACTS)
            if contact and rng.random() < 0.6:
                sender, to = "steven@example.org", f"contact{other}@example.org"
            elif contact:
                sender, to = f"contact{other}@example.org", "steven@example.org"
            else:
                sender, to = (
                    f"stranger{rng.randrange(50_000)}@elsewhere.example",
                    ("steven@example.org"),
                )
            reply = f"In-Reply-To: <m{n - 5}@example.org>\nReferences: <m{n - 5}@example.org>\n"
            out.write(
                f"From {sender} {when:%a %b %d %H:%M:%S %Y}\n"
                f"From: =?utf-8?q?Ren=C3=A9e_{n}?= <{sender}>\nTo: {to}\n"
                f"Subject: =?utf-8?q?Question_{n}?=\nDate: {stamp}\n"
                f"Message-ID: <m{n}@example.org>\n{reply if n % 3 == 0 and n > 5 else ''}"
            )
            if n % 5 == 1:
                out.write(
                    'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n'
                    f"Content-Type: text/plain\n\n{_body(rng)}\n--b\n"
                    "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
                    + ("JVBERi0xLjQKJcfs" * 5 + "\n") * 60
                    + "--b--\n\n"
                )
            else:
                out.write(f"\n{_body(rng)}\n")


def write_messages_csv(path: Path, rows: int, seed: int = 13) -> None:
    """A LinkedIn messages.csv of ``rows`` messages in conversations of about six."""
    rng = random.Random(seed)
    me = ("Steven Olson", "https://www.linkedin.com/in/steven-olson")
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\r\n"
        )
        for n in range(rows):
            conversation = n // 6
            other = conversation % CONTACTS
            them = (f"Contact {other}", f"https://www.linkedin.com/in/contact-{other}")
            mine = n % 6 in (0, 2, 5)
            sender, recipient = (me, them) if mine else (them, me)
            when = START + dt.timedelta(minutes=11 * n)
            text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 60)))
            out.write(
                f"2-{conversation:08d},,{sender[0]},{sender[1]},{recipient[0]},{recipient[1]},"
                f'{when:%Y-%m-%d %H:%M:%S} UTC,,"{text}\r\n""quoted"", second line",'
                f"{'SENT' if mine else 'INBOX'}\r\n"
            )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _time(tmp: Path, run: int, read: object, file: str) -> tuple[float, float, str]:
    """Wall and CPU seconds of one import (CPU time tells a busy machine from a slow import)."""
    path = tmp / f"run-{file}-{run}.db"
    _store(path)
    with open_store(path) as store:
        started, cpu = time.perf_counter(), time.process_time()
        report = import_messages(store, read, file=file, today=TODAY)  # type: ignore[arg-type]
        return time.perf_counter() - started, time.process_time() - cpu, report.summary()


def main(messages: int, rows: int, repeat: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        mbox = tmp / "All mail.mbox"
        write_mbox(mbox, messages)
        print(f"mbox: {messages:,} messages, {mbox.stat().st_size / 1e6:,.0f} MB", flush=True)
        before = _peak_mb()
        times, cpus, summary = [], [], ""
        for run in range(repeat):
            took, cpu, summary = _time(tmp, run, read_mail(mbox), "mbox")
            times.append(took)
            cpus.append(cpu)
        print(
            f"  import mail: median {statistics.median(times):.1f} s wall, "
            f"{statistics.median(cpus):.1f} s CPU, of {repeat} runs"
        )
        print(f"  {summary}")
        print(f"  peak resident memory: {_peak_mb():.0f} MB (before importing: {before:.0f} MB)")
        csv = tmp / "messages.csv"
        write_messages_csv(csv, rows)
        print(f"messages.csv: {rows:,} rows, {csv.stat().st_size / 1e6:,.1f} MB")
        times, cpus = [], []
        for run in range(repeat):
            took, cpu, summary = _time(tmp, run, read_messages(csv), "messages.csv")
            times.append(took)
            cpus.append(cpu)
        print(
            f"  import messages: median {statistics.median(times):.1f} s wall, "
            f"{statistics.median(cpus):.1f} s CPU, of {repeat} runs"
        )
        print(f"  {summary}")
        print(f"  peak resident memory: {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 50_000,
        int(sys.argv[3]) if len(sys.argv) > 3 else 3,
    )
