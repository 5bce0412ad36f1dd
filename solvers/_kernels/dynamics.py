"""Numba kernels for learning dynamics (private).

Payoffs are passed flattened: ``P[i, f]`` is player i's payoff at the pure profile with flat
(C-order) index ``f``; ``strides[j]`` is the flat-index step of player j's action.  Player i's
payoffs of all its actions against the others' current actions are then
``P[i, base + k * strides[i]]`` with ``base = f - a_i * strides[i]``.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def fictitious_play_kernel(P, shape, strides, a, iterations, counts, cum):
    """Simultaneous fictitious play; updates counts (n, mmax) and cum (n, mmax) in place."""
    n = shape.shape[0]
    nxt = np.empty(n, dtype=np.int64)
    for _ in range(iterations):
        f = 0
        for j in range(n):
            f += a[j] * strides[j]
        for i in range(n):
            counts[i, a[i]] += 1.0
            base = f - a[i] * strides[i]
            for k in range(shape[i]):
                cum[i, k] += P[i, base + k * strides[i]]
        for i in range(n):
            best = 0
            for k in range(1, shape[i]):
                if cum[i, k] > cum[i, best]:
                    best = k
            nxt[i] = best
        for i in range(n):
            a[i] = nxt[i]
    return 0


@njit(cache=True)
def regret_matching_kernel(P, shape, strides, a, start, iterations, mu, U, counts, R):
    """Hart & Mas-Colell (2000) conditional regret matching; counts (N,), R (n, mmax, mmax).

    Plays rounds ``start + 1 .. start + iterations`` (``U[t]`` the uniforms of the t-th of
    them), continuing from the state ``a``, ``counts``, ``R`` of the rounds before.
    """
    n = shape.shape[0]
    mmax = R.shape[1]
    nxt = np.empty(n, dtype=np.int64)
    p = np.empty(mmax)
    for it in range(start + 1, start + iterations + 1):
        f = 0
        for j in range(n):
            f += a[j] * strides[j]
        counts[f] += 1.0
        for i in range(n):
            base = f - a[i] * strides[i]
            cur = P[i, f]
            for k in range(shape[i]):
                R[i, a[i], k] += P[i, base + k * strides[i]] - cur
        for i in range(n):
            j = a[i]
            s = 0.0
            for k in range(shape[i]):
                if k == j:
                    p[k] = 0.0
                else:
                    v = R[i, j, k] / it
                    p[k] = v / mu if v > 0.0 else 0.0
                    s += p[k]
            if s > 1.0:
                for k in range(shape[i]):
                    p[k] /= s
                p[j] = 0.0
            else:
                p[j] = 1.0 - s
            u = U[it - 1 - start, i]
            acc = 0.0
            choice = shape[i] - 1
            for k in range(shape[i]):
                acc += p[k]
                if u < acc:
                    choice = k
                    break
            nxt[i] = choice
        for i in range(n):
            a[i] = nxt[i]
    return 0
