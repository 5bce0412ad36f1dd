"""Numba kernels for Pareto (skyline) filtering of point sets.

All kernels work on float64 arrays of shape ``(m, n)`` (rows are points, larger is better),
write into outputs allocated by the wrapper in :mod:`solvers.pareto`, and never raise.
Row ``q`` *dominates* row ``p`` when ``q >= p`` in every coordinate and ``q > p`` in one.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def dominated_by_pivots(points, pivots, keep):
    """Clear ``keep[r]`` for every row dominated by some pivot row; return the kept count."""
    m, n = points.shape
    k = pivots.shape[0]
    kept = 0
    for r in range(m):
        if not keep[r]:
            continue
        dominated = False
        for s in range(k):
            ge = True
            gt = False
            for j in range(n):
                a = pivots[s, j]
                b = points[r, j]
                if a < b:
                    ge = False
                    break
                if a > b:
                    gt = True
            if ge and gt:
                dominated = True
                break
        if dominated:
            keep[r] = False
        else:
            kept += 1
    return kept


@njit(cache=True)
def sfs_skyline(points, out, window, lo, inv):
    """Sort-filter-skyline over rows given in a dominance-compatible order.

    The rows must be ordered so that a dominating row always precedes the rows it dominates
    (e.g. by decreasing coordinate sum, ties broken lexicographically decreasing).  Then every
    row not dominated by the window of earlier survivors is final.  Writes the surviving row
    numbers into ``out`` (in order) and returns their count.

    ``window`` (shape ``(n, m)``) is scratch space holding the survivors column by column.  For
    each candidate the scan first tests the coordinate where the candidate is relatively best
    (``(x_j - lo_j) * inv_j`` largest, a heuristic only: comparisons use the raw values) along
    one contiguous column, and checks the other coordinates only for the few window rows that
    pass.
    """
    m, n = points.shape
    count = 0
    for p in range(m):
        js = 0
        best = -np.inf
        for j in range(n):
            r = (points[p, j] - lo[j]) * inv[j]
            if r > best:
                best = r
                js = j
        pj = points[p, js]
        col = window[js]
        dominated = False
        for w in range(count):
            if col[w] < pj:
                continue
            ge = True
            gt = col[w] > pj
            for j in range(n):
                a = window[j, w]
                b = points[p, j]
                if a < b:
                    ge = False
                    break
                if a > b:
                    gt = True
            if ge and gt:
                dominated = True
                break
        if not dominated:
            out[count] = p
            for j in range(n):
                window[j, count] = points[p, j]
            count += 1
    return count


@njit(cache=True)
def staircase_2d(x, y, keep):
    """Two coordinates sorted by ``x`` decreasing then ``y`` decreasing: mark non-dominated rows.

    A row survives iff its ``y`` is the largest in its group of equal ``x`` and strictly larger
    than every ``y`` of the groups with larger ``x``.  Returns the survivor count.
    """
    m = x.shape[0]
    best = -np.inf
    count = 0
    start = 0
    while start < m:
        stop = start + 1
        while stop < m and x[stop] == x[start]:
            stop += 1
        top = y[start]
        if top > best:
            for r in range(start, stop):
                if y[r] == top:
                    keep[r] = True
                    count += 1
                else:
                    break
            best = top
        start = stop
    return count
