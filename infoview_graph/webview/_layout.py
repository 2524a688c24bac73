"""Positions for the network view: me in the centre, the warmest people nearest.

Pure numpy, no drawing: the page only shows the positions computed here.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["ego_layout"]

_GOLDEN = (math.sqrt(5) - 1) / 2
_INNER = (0.12, 1.0)
"""Radii of the disc for the people within reach: the warmest at the inside."""
_OUTER = (1.12, 1.45)
"""Radii of the ring for the people out of reach."""
_MARGIN = 0.06
"""Share of each sector left empty at either side, so that fields read apart."""


def ego_layout(
    cost: npt.NDArray[np.float64], sector: npt.NDArray[np.int64], centre: int
) -> npt.NDArray[np.float64]:
    """Place people around ``centre``: nearer the warmer, one sector per group.

    Parameters
    ----------
    cost : ndarray of float, shape (n,)
        The cost of reaching each person (``-log`` of the warmth); ``inf`` if out of reach.
    sector : ndarray of int, shape (n,)
        Each person's group (their career field), from 0; sectors get angles in proportion
        to their sizes.
    centre : int
        The index of me, placed at the origin.

    Returns
    -------
    ndarray of float, shape (n, 2)
        Positions: the people within reach fill a disc of radius 1 by rank of cost (the
        rank, not the cost, sets the radius, so the disc is evenly filled), everyone else a
        ring outside it. Within a sector people are spread by the golden ratio, in order of
        cost, so that the warmest of each field sit nearest me.

    Notes
    -----
    O(n log n): two sorts; no force simulation, so 30,000 people take milliseconds and the
    same network always gives the same picture.

    Examples
    --------
    >>> import numpy as np
    >>> pos = ego_layout(np.array([0.0, 0.5, 1.0, np.inf]), np.array([0, 0, 1, 1]), 0)
    >>> pos[0].tolist()
    [0.0, 0.0]
    >>> np.hypot(*pos.T).round(2).tolist()  # the warmer, the nearer; out of reach outside
    [0.0, 0.56, 0.88, 1.35]
    """
    n = len(cost)
    position = np.zeros((n, 2))
    others = np.ones(n, dtype=bool)
    others[centre] = False
    counts = np.bincount(sector[others], minlength=int(sector.max(initial=0)) + 1)
    widths = 2 * math.pi * counts / max(int(counts.sum()), 1)
    starts = np.cumsum(widths) - widths
    finite = np.isfinite(cost)
    for mask, (low, high) in ((others & finite, _INNER), (others & ~finite, _OUTER)):
        chosen = np.flatnonzero(mask)
        if not len(chosen):
            continue
        # By cost, ties by index (the compact view's id order): the same picture every time.
        order = chosen[np.lexsort((chosen, cost[chosen]))]
        radius = low + (high - low) * np.sqrt((np.arange(len(order)) + 0.5) / len(order))
        group = sector[order]
        by_group = np.argsort(group, kind="stable")
        sorted_group = group[by_group]
        within = np.empty(len(order), dtype=np.int64)
        within[by_group] = np.arange(len(order)) - np.searchsorted(sorted_group, sorted_group)
        spread = (0.5 + within * _GOLDEN) % 1.0
        angle = starts[group] + widths[group] * (_MARGIN + (1 - 2 * _MARGIN) * spread)
        position[order, 0] = radius * np.cos(angle)
        position[order, 1] = radius * np.sin(angle)
    return position
