"""Many small bimatrix games at once: Lemke-Howson over a stacked ``(k, m, n)`` array (prange).

Each player's payoffs of each game are mapped onto ``[1, 2]`` (their own shift and scale) and solved by the dense-tableau
Lemke-Howson path of :mod:`solvers._kernels.lemke_howson` (lexicographic ratio test) from
one starting label.  The games are split into chunks, one per parallel task, so the scratch
tableaux are allocated once per chunk, not per game.
"""

import numpy as np
from numba import njit, prange

from .lemke_howson import bimatrix_regret, lh_extract, lh_init_tableaux, lh_path


@njit(cache=True)
def _solve_chunk(As, Bs, lo, hi, label, max_pivots, tol, out_x, out_y, out_regret, out_status, out_piv):
    k, m, n = As.shape
    TP = np.empty((n, m + n + 1))
    TQ = np.empty((m, m + n + 1))
    basisP = np.empty(n, np.int64)
    basisQ = np.empty(m, np.int64)
    cand = np.empty(max(m, n), np.int64)
    nz = np.empty(m + n + 1, np.int64)
    noscratch = np.empty(0, np.int64)  # (no cycle check: lh_path's scratch arrays empty)
    Ap = np.empty((m, n))
    Bp = np.empty((m, n))
    for g in range(lo, hi):
        # each player's payoffs onto [1, 2] on their own (one common shift and span for both
        # players lost the O(1) differences of A ~ 1e9 + O(1), B ~ -1e9 + O(1) to round-off)
        mna = np.inf
        mxa = -np.inf
        mnb = np.inf
        mxb = -np.inf
        for i in range(m):
            for j in range(n):
                a = As[g, i, j]
                b = Bs[g, i, j]
                mna = min(mna, a)
                mxa = max(mxa, a)
                mnb = min(mnb, b)
                mxb = max(mxb, b)
        spa = mxa - mna
        if spa <= 0.0:
            spa = 1.0
        spb = mxb - mnb
        if spb <= 0.0:
            spb = 1.0
        for i in range(m):
            for j in range(n):
                Ap[i, j] = (As[g, i, j] - mna) / spa + 1.0
                Bp[i, j] = (Bs[g, i, j] - mnb) / spb + 1.0
        lh_init_tableaux(Ap, Bp, TP, TQ, basisP, basisQ)
        st, piv = lh_path(TP, TQ, basisP, basisQ, m, n, label, max_pivots, tol, cand, nz, noscratch, noscratch)
        lh_extract(TP, TQ, basisP, basisQ, m, n, out_x[g], out_y[g])
        out_regret[g] = bimatrix_regret(As[g], Bs[g], out_x[g], out_y[g])
        out_status[g] = st
        out_piv[g] = piv


@njit(cache=True, parallel=True)
def lemke_howson_batch(As, Bs, label, max_pivots, tol, nchunks, out_x, out_y, out_regret, out_status,
                       out_piv):
    """Solve every game ``(As[g], Bs[g])`` from ``label``; outputs indexed by game."""
    k = As.shape[0]
    size = (k + nchunks - 1) // nchunks
    for c in prange(nchunks):
        lo = c * size
        hi = min(k, lo + size)
        if lo < hi:
            _solve_chunk(As, Bs, lo, hi, label, max_pivots, tol, out_x, out_y, out_regret, out_status,
                         out_piv)


@njit(cache=True)
def lemke_howson_batch_serial(As, Bs, label, max_pivots, tol, out_x, out_y, out_regret, out_status,
                              out_piv):
    """Serial twin of :func:`lemke_howson_batch`."""
    _solve_chunk(As, Bs, 0, As.shape[0], label, max_pivots, tol, out_x, out_y, out_regret, out_status,
                 out_piv)
