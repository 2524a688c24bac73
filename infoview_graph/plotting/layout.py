"""Positions, no pixels: where the figures put people and labels, with no matplotlib.

Every function here takes plain mappings and numbers and returns coordinates, so a layout is
tested (and reused) without rendering anything, as networkx keeps ``drawing/layout.py``
apart from ``nx_pylab.py``. The figures in :mod:`infoview_graph.plotting` turn these
positions into a scene, then into a matplotlib figure.

- :func:`tidy_tree_layout` — a rooted tree, top-down, parents centred over their children.
- :func:`radial_layout` — people on rings around me, each near the one who leads to them.
- :func:`place_labels` — boxes beside points, none covering another or a point.

*Tidy tree.* :func:`tidy_tree_layout` is the Reingold–Tilford layout in the linear-time form
of Walker as corrected by Buchheim, Jünger and Leipert [1]_, written iteratively (a chain of
thousands of referrals must not hit Python's recursion limit). It is about a hundred lines;
the maintained alternatives were worse fits: python-igraph's Reingold–Tilford is a compiled
dependency of several megabytes for one function, grandalf (last release 2023) draws layered
Sugiyama layouts rather than tidy trees, and walkerlayout is a one-release single-author
package.

Examples
--------
>>> tidy_tree_layout({"me": ["a", "b"]}, "me")
{'me': (0.5, 0), 'a': (0.0, 1), 'b': (1.0, 1)}

References
----------
.. [1] C. Buchheim, M. Jünger, S. Leipert, "Improving Walker's algorithm to run in linear
   time", *Graph Drawing* (GD 2002), LNCS 2528, pp. 344–353.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeAlias, TypeVar

__all__ = ["place_labels", "radial_layout", "tidy_tree_layout"]

_N = TypeVar("_N", bound=Hashable)

Box: TypeAlias = tuple[float, float, float, float]  # (x0, y0, x1, y1)


def tidy_tree_layout(
    children: Mapping[_N, Sequence[_N]], root: _N, *, separation: float = 1.0
) -> dict[_N, tuple[float, int]]:
    """Lay out a rooted, ordered tree tidily: parents centred over children, nothing overlaps.

    The Reingold–Tilford aesthetics, computed by Buchheim, Jünger and Leipert's linear-time
    version of Walker's algorithm: nodes of one depth share a row; a parent sits exactly
    midway between its first and last child; no two nodes of one depth are closer than
    ``separation``; subtrees are placed as close as that allows, in the children's order; a
    subtree is drawn the same wherever it occurs, and mirrored trees give mirrored drawings.

    Parameters
    ----------
    children : mapping
        Each node's children, in drawing order (left to right); nodes without an entry are
        leaves.
    root : hashable
        The root; only nodes reachable from it are placed.
    separation : float, default 1.0
        The least horizontal distance between two nodes of one depth.

    Returns
    -------
    dict
        Node → ``(x, depth)``, the leftmost node at ``x == 0``, the root at depth 0.

    Raises
    ------
    ValueError
        If a node is reached twice (the mapping is not a tree).

    Notes
    -----
    O(n) time and memory for n nodes; iterative, so any depth works.

    Examples
    --------
    >>> layout = tidy_tree_layout({"me": ["a", "b"], "a": ["c", "d", "e"]}, "me")
    >>> {node: x for node, (x, _) in sorted(layout.items())}
    {'a': 1.0, 'b': 2.0, 'c': 0.0, 'd': 1.0, 'e': 2.0, 'me': 1.5}
    """
    nodes: list[_N] = [root]
    index: dict[_N, int] = {root: 0}
    parent: list[int] = [-1]
    number: list[int] = [0]  # position among the siblings
    kids: list[list[int]] = []
    position = 0
    while position < len(nodes):
        mine: list[int] = []
        for child in children.get(nodes[position], ()):
            if child in index:
                raise ValueError(f"{child!r} is reached twice: the children do not form a tree")
            index[child] = len(nodes)
            mine.append(len(nodes))
            nodes.append(child)
            parent.append(position)
            number.append(len(mine) - 1)
        kids.append(mine)
        position += 1
    x, mod = _first_walk(kids, parent, number, separation)

    # Second walk, pre-order: add up the subtree shifts.
    n = len(nodes)
    final = [0.0] * n
    depth = [0] * n
    walk = [(0, 0.0)]
    while walk:
        v, above = walk.pop()
        final[v] = x[v] + above
        for w in kids[v]:
            depth[w] = depth[v] + 1
            walk.append((w, above + mod[v]))
    leftmost = min(final)
    return {node: (final[i] - leftmost, depth[i]) for i, node in enumerate(nodes)}


def _first_walk(
    kids: list[list[int]], parent: list[int], number: list[int], gap: float
) -> tuple[list[float], list[float]]:
    """Walker's first walk, post-order: each subtree placed, then fitted beside its left ones.

    Returns the preliminary x of each node (relative to its parent's subtree) and the shift
    ``mod`` that applies to the whole subtree below it.
    """
    walk = _FirstWalk(kids, parent, number, gap)
    stack = [(0, 0)]
    while stack:
        v, next_child = stack[-1]
        if next_child < len(kids[v]):
            stack[-1] = (v, next_child + 1)
            stack.append((kids[v][next_child], 0))
            continue
        stack.pop()
        walk.place(v)
    return walk.x, walk.mod


class _FirstWalk:
    """The state of the first walk: preliminary x, subtree shifts, contour threads."""

    def __init__(
        self, kids: list[list[int]], parent: list[int], number: list[int], gap: float
    ) -> None:
        n = len(kids)
        self.kids, self.parent, self.number, self.gap = kids, parent, number, gap
        self.x = [0.0] * n
        self.mod = [0.0] * n
        self.change = [0.0] * n
        self.shift = [0.0] * n
        self.thread = [-1] * n  # contour threads: the next node of a contour beyond a leaf
        self.ancestor = list(range(n))
        self.default_ancestor = [0] * n

    def left(self, v: int) -> int:
        kids = self.kids[v]
        return self.thread[v] if self.thread[v] >= 0 else (kids[0] if kids else -1)

    def right(self, v: int) -> int:
        kids = self.kids[v]
        return self.thread[v] if self.thread[v] >= 0 else (kids[-1] if kids else -1)

    def left_brother(self, v: int) -> int:
        return self.kids[self.parent[v]][self.number[v] - 1] if self.number[v] > 0 else -1

    def place(self, v: int) -> None:
        """Place v, its subtree placed: over its children's middle, then beside its brothers."""
        x, mod, kids = self.x, self.mod, self.kids[v]
        brother = self.left_brother(v)
        if kids:
            self.execute_shifts(v)
            midpoint = (x[kids[0]] + x[kids[-1]]) / 2
            if brother >= 0:
                x[v] = x[brother] + self.gap
                mod[v] = x[v] - midpoint
            else:
                x[v] = midpoint
        else:
            x[v] = x[brother] + self.gap if brother >= 0 else 0.0
        above = self.parent[v]
        if above >= 0:
            if self.number[v] == 0:
                self.default_ancestor[above] = v
            self.default_ancestor[above] = self.apportion(v, self.default_ancestor[above])

    def execute_shifts(self, v: int) -> None:
        """Apply to v's children the shifts that :meth:`apportion` gathered."""
        total_shift = total_change = 0.0
        for w in reversed(self.kids[v]):
            self.x[w] += total_shift
            self.mod[w] += total_shift
            total_change += self.change[w]
            total_shift += self.shift[w] + total_change

    def move_subtree(self, wl: int, wr: int, amount: float) -> None:
        subtrees = self.number[wr] - self.number[wl]
        self.change[wr] -= amount / subtrees
        self.shift[wr] += amount
        self.change[wl] += amount / subtrees
        self.x[wr] += amount
        self.mod[wr] += amount

    def apportion(self, v: int, default: int) -> int:
        """Push v's subtree right until it clears the subtrees left of it."""
        x, mod, parent, left, right = self.x, self.mod, self.parent, self.left, self.right
        w = self.left_brother(v)
        if w < 0:
            return default
        inner_right = outer_right = v
        inner_left = w
        outer_left = self.kids[parent[v]][0]
        s_inner_right = s_outer_right = mod[v]
        s_inner_left = mod[inner_left]
        s_outer_left = mod[outer_left]
        while right(inner_left) >= 0 and left(inner_right) >= 0:
            inner_left = right(inner_left)
            inner_right = left(inner_right)
            outer_left = left(outer_left)
            outer_right = right(outer_right)
            self.ancestor[outer_right] = v
            push = (x[inner_left] + s_inner_left) - (x[inner_right] + s_inner_right) + self.gap
            if push > 0:
                candidate = self.ancestor[inner_left]
                moved = candidate if parent[candidate] == parent[v] else default
                self.move_subtree(moved, v, push)
                s_inner_right += push
                s_outer_right += push
            s_inner_left += mod[inner_left]
            s_inner_right += mod[inner_right]
            s_outer_left += mod[outer_left]
            s_outer_right += mod[outer_right]
        if right(inner_left) >= 0 and right(outer_right) < 0:
            self.thread[outer_right] = right(inner_left)
            mod[outer_right] += s_inner_left - s_outer_right
            return default
        if left(inner_right) >= 0 and left(outer_left) < 0:
            self.thread[outer_left] = left(inner_right)
            mod[outer_left] += s_inner_right - s_outer_left
        return v


def radial_layout(
    children: Mapping[_N, Sequence[_N]], root: _N, *, spread: float = math.pi / 5
) -> dict[_N, tuple[float, int]]:
    """Place a tree on rings around its root: each node in its parent's angular sector.

    The root's children share the whole circle, in the given order, each with a sector as
    wide as its subtree is heavy (at least one node). A deeper node's siblings are centred
    on their parent's angle and spread over at most ``spread`` radians per node, so people
    stay near the one who leads to them instead of being flung around the ring. Angles
    start at 12 o'clock and run clockwise, as one reads a clock.

    Parameters
    ----------
    children : mapping
        Each node's children in order; nodes without an entry are leaves.
    root : hashable
        The centre.
    spread : float, default pi / 5
        Most angle one node below the first ring may take.

    Returns
    -------
    dict
        Node → ``(angle, ring)``: the angle in radians (0 at the top, clockwise positive),
        the ring the depth; the root is ``(0.0, 0)``.

    Raises
    ------
    ValueError
        If a node is reached twice (the mapping is not a tree).

    Notes
    -----
    O(n) for n nodes; iterative.

    Examples
    --------
    >>> layout = radial_layout({"me": ["a", "b"], "a": ["c"]}, "me")
    >>> {node: (round(angle, 2), ring) for node, (angle, ring) in sorted(layout.items())}
    {'a': (1.57, 1), 'b': (4.71, 1), 'c': (1.57, 2), 'me': (0.0, 0)}
    """
    order = [root]
    seen = {root}
    for node in order:
        for child in children.get(node, ()):
            if child in seen:
                raise ValueError(f"{child!r} is reached twice: the children do not form a tree")
            seen.add(child)
            order.append(child)
    weight: dict[_N, float] = {}
    for node in reversed(order):
        weight[node] = max(1.0, sum(weight[c] for c in children.get(node, ())))
    sector = {root: (0.0, 2 * math.pi)}
    placed = {root: (0.0, 0)}
    for node in order:
        kids = children.get(node, ())
        if not kids:
            continue
        start, end = sector[node]
        total = sum(weight[k] for k in kids)
        if node != root:
            span = min(end - start, total * spread)
            start, end = (start + end - span) / 2, (start + end + span) / 2
        at = start
        for kid in kids:
            share = (end - start) * weight[kid] / total
            sector[kid] = (at, at + share)
            placed[kid] = (at + share / 2, placed[node][1] + 1)
            at += share
    return placed


def _meets(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    points: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    *,
    obstacles: Sequence[Box] = (),
    bounds: Box | None = None,
    gap: float = 0.08,
    steps: int = 8,
) -> list[Box | None]:
    """Put a label beside each point, outwards from the origin, none covering another.

    Labels are placed in the order given (put the most important first). Each tries
    growing distances along the ray from the origin through its point — left-aligned on
    the right half, right-aligned on the left, centred near the top and bottom — then the
    same distances along rays turned 26°, 52° and 77° either way, and takes the first box
    that meets no box placed before it, no obstacle (the markers, a title) and stays inside
    ``bounds``.

    Parameters
    ----------
    points : sequence of (x, y)
        Where each label's point is, in any unit.
    sizes : sequence of (width, height)
        Each label's size, in the same unit.
    obstacles : sequence of Box, optional
        Rectangles no label may cover.
    bounds : Box, optional
        A rectangle every label must stay inside.
    gap : float, default 0.08
        The first distance from the point, and the step between tries.
    steps : int, default 8
        How many distances to try along each direction.

    Returns
    -------
    list of Box or None
        Each label's box, or None when no try fit (the caller leaves that label out).

    Notes
    -----
    O(n² · 7 · steps) for n labels: meant for the few dozen names a figure writes.

    Examples
    --------
    >>> boxes = place_labels([(1.0, 0.0), (1.0, 0.05)], [(0.5, 0.2), (0.5, 0.2)])
    >>> boxes[0]
    (1.08, -0.1, 1.58, 0.1)
    >>> a, b = boxes
    >>> a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]  # apart
    True
    """
    placed: list[Box] = []
    result: list[Box | None] = []
    for (x, y), (width, height) in zip(points, sizes, strict=True):
        found = None
        for box in _candidates(x, y, width, height, gap, steps):
            inside = bounds is None or (
                bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1]
                and box[3] <= bounds[3]
            )  # fmt: skip
            if inside and not any(_meets(box, other) for other in (*placed, *obstacles)):
                found = box
                break
        result.append(found)
        if found is not None:
            placed.append(found)
    return result


def _candidates(
    x: float, y: float, width: float, height: float, gap: float, steps: int
) -> list[Box]:
    """Boxes to try for one label: outwards along the ray, then turned ever more either way."""
    base = math.atan2(y, x) if (x, y) != (0.0, 0.0) else -math.pi / 2
    boxes: list[Box] = []
    for turn in (0.0, 0.45, -0.45, 0.9, -0.9, 1.35, -1.35):
        angle = base + turn
        cos, sin = math.cos(angle), math.sin(angle)
        for step in range(1, steps + 1):
            cx, cy = x + step * gap * cos, y + step * gap * sin
            if cos > 0.35:
                x0 = cx
            elif cos < -0.35:
                x0 = cx - width
            else:
                x0 = cx - width / 2
            y0 = cy - height / 2 if abs(sin) < 0.8 else (cy if sin > 0 else cy - height)
            boxes.append((x0, y0, x0 + width, y0 + height))
    return boxes
