"""Pareto-optimal (non-dominated) rows of a point set, fast.

For points :math:`x^1, \\dots, x^N \\in \\mathbb{R}^n` (larger is better), :math:`x^q`
*dominates* :math:`x^p` when :math:`x^q \\ge x^p` coordinatewise with at least one strict
inequality.  The *Pareto set* (skyline, maximal vectors) is the set of rows no row dominates.
Rows with identical vectors never dominate each other, so duplicates are all kept.

Algorithms (Kung, Luccio & Preparata, "On finding the maxima of a set of vectors", JACM 1975;
Chomicki, Godfrey, Gryz & Liang, "Skyline with presorting", ICDE 2003):

1. *Pivot prefilter*: the rows of largest coordinate sum dominate most of a random set; one
   O(N k n) pass against k such pivots removes the rows they dominate.
2. Two coordinates: sort by the first coordinate decreasing (second decreasing within ties) and
   scan the running maximum of the second coordinate (a staircase), O(N log N).
3. Three or more: sort-filter-skyline.  Sorting by the coordinate sum (a monotone score; float
   addition is monotone, so a dominating row never has a smaller computed sum) with
   lexicographic tie-breaking puts every dominating row before the rows it dominates, so one
   pass against the window of survivors is exact; O(N F n) for F survivors.  The window is
   stored column by column and each candidate first scans the one column where it is
   relatively best (few window rows pass that test), which makes high-dimensional scans, where
   F is large, several times faster.

Kernels are numba functions in :mod:`solvers._kernels.pareto`, compiled on first call.
"""

from __future__ import annotations

import numpy as np

from .errors import InvalidInputError, bad_param

__all__ = ["pareto_indices", "pareto_mask", "dominates"]


def _check(points: object, func: str) -> np.ndarray:
    try:
        arr = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(bad_param(func, "points", "a 2-d array of numbers", points)) from exc
    if arr.ndim != 2:
        raise InvalidInputError(
            bad_param(
                func, "points", "a 2-d array (rows are points)", f"an array of shape {arr.shape}", raw=True
            )
        )
    if arr.shape[1] == 0:
        raise InvalidInputError(
            bad_param(func, "points", "an array with at least one column", f"shape {arr.shape}", raw=True)
        )
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(
            bad_param(func, "points", "finite (no NaN or inf)", "an array with non-finite entries", raw=True)
        )
    return np.ascontiguousarray(arr)


def dominates(a: object, b: object) -> bool:
    """Whether vector ``a`` Pareto-dominates ``b`` (``a >= b`` everywhere, ``>`` somewhere)."""
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    return bool(np.all(x >= y) and np.any(x > y))


def pareto_indices(points: object, *, pivots: int = 16) -> np.ndarray:
    """Row numbers of the non-dominated rows of ``points``, in increasing order.

    Parameters
    ----------
    points : array_like, shape (N, n)
        One row per point, one column per criterion (larger is better); finite.
    pivots : int
        Number of largest-sum rows used by the prefilter (0 disables it).

    Returns
    -------
    numpy.ndarray of int64
        The indices of the Pareto-optimal rows (duplicates of a Pareto-optimal vector included).
    """
    arr = _check(points, "pareto_indices")
    m, n = arr.shape
    if m == 0:
        return np.zeros(0, dtype=np.int64)
    if n == 1:
        return np.flatnonzero(arr[:, 0] == arr[:, 0].max()).astype(np.int64)
    from ._kernels import pareto as K

    cand = np.arange(m, dtype=np.int64)
    if pivots > 0 and m > 4 * pivots:
        sums = arr.sum(axis=1)
        top = np.argpartition(sums, m - pivots)[m - pivots :]
        keep = np.ones(m, dtype=np.bool_)
        K.dominated_by_pivots(arr, np.ascontiguousarray(arr[top]), keep)
        cand = np.flatnonzero(keep).astype(np.int64)
        sub = np.ascontiguousarray(arr[cand])
    else:
        sub = arr
    if n == 2:
        order = np.lexsort((-sub[:, 1], -sub[:, 0]))
        xs = np.ascontiguousarray(sub[order, 0])
        ys = np.ascontiguousarray(sub[order, 1])
        keep2 = np.zeros(len(order), dtype=np.bool_)
        K.staircase_2d(xs, ys, keep2)
        res = cand[order[keep2]]
    else:
        keys = [-sub[:, j] for j in range(n - 1, -1, -1)]
        keys.append(-sub.sum(axis=1))
        order = np.lexsort(keys)
        srt = np.ascontiguousarray(sub[order])
        out = np.empty(len(order), dtype=np.int64)
        lo = srt.min(axis=0)
        span = srt.max(axis=0) - lo
        inv = np.where(span > 0, 1.0 / np.where(span > 0, span, 1.0), 0.0)
        window = np.empty((n, len(order)), dtype=np.float64)
        c = K.sfs_skyline(srt, out, window, np.ascontiguousarray(lo), np.ascontiguousarray(inv))
        res = cand[order[out[:c]]]
    res.sort()
    return res


def pareto_mask(points: object, *, pivots: int = 16) -> np.ndarray:
    """Boolean mask of the non-dominated rows of ``points`` (see :func:`pareto_indices`)."""
    arr = _check(points, "pareto_mask")
    mask = np.zeros(arr.shape[0], dtype=bool)
    mask[pareto_indices(arr, pivots=pivots)] = True
    return mask
