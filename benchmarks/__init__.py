"""Benchmarks: scripts that print numbers, run by hand (never timed assertions in tests)."""


def peak_memory() -> str:
    """Return this process's peak resident memory, for the scripts' last line."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux
    return f"peak resident memory: {peak:.2f} GiB"
