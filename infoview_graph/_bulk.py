"""Helpers for bulk work on many small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles.

    Creating hundreds of thousands of records triggers a collection every few hundred
    allocations, each walking every live object: on a 300,000-tie store that tripled the
    load time. Records hold no reference cycles, so nothing is lost by collecting once after.

    Examples
    --------
    >>> with paused_gc():
    ...     rows = [{"id": i} for i in range(3)]
    >>> len(rows)
    3
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
