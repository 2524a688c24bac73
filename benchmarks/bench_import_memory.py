"""Peak memory and time of ``referrals import`` on hostile files, each in its own process.

    python -m benchmarks.bench_import_memory [DIR]

writes five files into DIR (default: a temporary directory; kept between runs when given,
so the 1M-member ZIP is made once) and runs the real command on each against a new store,
printing the child's peak resident memory (``os.wait4``'s ``ru_maxrss``), its CPU time
(user + system: the wall time of a shared machine says little), wall time and exit status:

- ``blank.csv`` — a LinkedIn header and 60 MB of blank lines (``import linkedin``);
- ``blank-google.csv`` — a Google header and 60 MB of blank lines (``import google``);
- ``commas.csv`` — a LinkedIn header and 8 million ``,,,,,,`` rows (``import linkedin``);
- ``dump.json`` — a 10 MB dump whose ``persons`` list holds 2.5 million empty objects
  (``import json``);
- ``members.zip`` — a ZIP of one million empty members, one of them ``Connections.csv``
  (``import linkedin``).

The goal is under 300 MB for each, whatever the file's size: memory grows with the people
imported, not with the bytes read.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

_LINKEDIN = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
_GOOGLE = b"First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\r\n"
_MB = 1_000_000


def _repeat(path: Path, head: bytes, unit: bytes, count: int) -> None:
    block = unit * 100_000
    with path.open("wb") as out:
        out.write(head)
        for _ in range(count // 100_000):
            out.write(block)
        out.write(unit * (count % 100_000))


def _dump(path: Path) -> None:
    head = b'{"format": "infoview-graph", "version": 1, "data": {"persons": ['
    items = 2_500_000
    with path.open("wb") as out:
        out.write(head)
        out.write(b"{}, " * (items - 1))
        out.write(b"{}]}}\n")


def _zip(path: Path, members: int = 1_000_000) -> None:
    """A stored ZIP of ``members`` empty files, written directly (zipfile takes minutes)."""
    central = bytearray()
    with path.open("wb") as out:
        offset = 0
        for n in range(members):
            name = b"Connections.csv" if n == members - 1 else f"m/{n}.txt".encode()
            data = _LINKEDIN + b"Ada,Lovelace,,,,,\r\n" if n == members - 1 else b""
            crc = zlib.crc32(data)
            local = struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, len(data), len(data),
                len(name), 0,
            )  # fmt: skip
            out.write(local + name + data)
            central += struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, crc, len(data),
                len(data), len(name), 0, 0, 0, 0, 0, offset,
            ) + name  # fmt: skip
            offset += len(local) + len(name) + len(data)
        out.write(central)
        # ZIP64 end records: more than 65,535 members.
        zip64_end = struct.pack(
            "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, members, members, len(central), offset
        )
        locator = struct.pack("<IIQI", 0x07064B50, 0, offset + len(central), 1)
        end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                          0xFFFFFFFF, 0)  # fmt: skip
        out.write(zip64_end + locator + end)


def make_files(folder: Path) -> list[tuple[str, str, Path]]:
    """Write the hostile files (those missing) and return (label, importer, path)."""
    files = [
        ("header + 60 MB blank lines", "linkedin", folder / "blank.csv"),
        ("Google header + 60 MB blank lines", "google", folder / "blank-google.csv"),
        ("8M ',,,,,,' rows", "linkedin", folder / "commas.csv"),
        ("10 MB dump, 2.5M empty persons", "json", folder / "dump.json"),
        ("ZIP of 1M members", "linkedin", folder / "members.zip"),
    ]
    makers = {
        "blank.csv": lambda p: _repeat(p, _LINKEDIN, b"\n", 60 * _MB),
        "blank-google.csv": lambda p: _repeat(p, _GOOGLE, b"\n", 60 * _MB),
        "commas.csv": lambda p: _repeat(p, _LINKEDIN, b",,,,,,\r\n", 8_000_000),
        "dump.json": _dump,
        "members.zip": _zip,
    }
    for _, _, path in files:
        if not path.exists():
            makers[path.name](path)
    return files


_CAP = 4 * 2**30
"""Address space a child may take (4 GiB): beyond it the import fails with MemoryError."""


def _cap_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (_CAP, _CAP))


def measure(importer: str, path: Path, folder: Path) -> tuple[float, float, float, int]:
    """Run ``referrals import`` in a child process: (peak MB, CPU s, wall s, exit status)."""
    db = folder / f"store-{importer}-{path.stem}.db"
    for stale in folder.glob(f"{db.name}*"):
        stale.unlink()
    command = [sys.executable, "-m", "infoview_graph", "--db", str(db), "init", "--name", "Me"]
    subprocess.run(command, check=True, capture_output=True)
    args = [sys.executable, "-m", "infoview_graph", "--db", str(db), "import", importer]
    start = time.perf_counter()
    child = subprocess.Popen(
        [*args, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_cap_memory,  # noqa: PLW1509 (no threads here); a run-away import must not take the machine down
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    assert child.stderr is not None
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return usage.ru_maxrss / 1024, cpu, seconds, child.returncode  # KiB on Linux


def main(folder: Path) -> None:
    files = make_files(folder)
    print(f"{'file':36} {'size':>9} {'peak':>9} {'cpu':>8} {'wall':>8} exit")
    for label, importer, path in files:
        peak, cpu, seconds, code = measure(importer, path, folder)
        size = path.stat().st_size / _MB
        print(f"{label:36} {size:7.1f}MB {peak:7.0f}MB {cpu:7.1f}s {seconds:7.1f}s {code}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        target = Path(sys.argv[1])
        target.mkdir(parents=True, exist_ok=True)
        main(target)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
