"""Benchmarks: scripts that print numbers, run by hand (never timed assertions in tests)."""

from __future__ import annotations

from collections.abc import Callable


def median_and_max(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Run ``call`` ``repeat`` times; return the median and the max of its wall-clock seconds."""
    import statistics
    import time

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def peak_memory() -> str:
    """Return this process's peak resident memory, for the scripts' last line."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux
    return f"peak resident memory: {peak:.2f} GiB"
