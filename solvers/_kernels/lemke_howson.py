"""Lemke-Howson complementary pivoting on two tableaux, lexicographic ratio test (float64).

Formulation (von Stengel 2002, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45, Sect. 3.4-3.5; also von Stengel 2007 in Algorithmic Game Theory ch. 3).
With payoffs shifted so that ``A > 0`` and ``B > 0`` (equilibria are unchanged):

    P = {x in R^m : x >= 0,  B^T x <= 1},      Q = {y in R^n : y >= 0,  A y <= 1}.

Labels ``0..m-1`` are the row player's actions (``x_i = 0`` in P, ``(A y)_i = 1`` in Q), labels
``m..m+n-1`` the column player's.  The tableau for P has one row per basic variable and the
columns ``x_0..x_{m-1}, s_0..s_{n-1}, rhs`` (``s = 1 - B^T x``), the tableau for Q the columns
``r_0..r_{m-1}, y_0..y_{n-1}, rhs`` (``r = 1 - A y``); the column of a variable is its label.
Starting at the artificial equilibrium ``(0, 0)``, dropping label ``k`` makes variable ``k``
enter; the leaving variable's label is then entered in the other tableau, until label ``k``
leaves.  The minimum ratio test is *lexicographic*: ties in ``rhs / T[r, e]`` are broken by
the columns of the initial identity (the slack variables) divided by ``T[r, e]``, which is
the same as a perturbation of the right-hand side by ``(eps, eps^2, ...)``: every basis
visited is then nondegenerate and the path can never cycle (von Stengel 2002, Sect. 6).

Status codes: 0 ok, 1 max_pivots reached, 2 no pivot row (ray; impossible with positive
payoffs, reported for safety).
"""

import numpy as np
from numba import njit

LH_OK = 0
LH_TRUNCATED = 1
LH_RAY = 2


@njit(cache=True)
def lh_init_tableaux(A, B, TP, TQ, basisP, basisQ):
    """Fill the initial tableaux for the shifted positive payoffs ``A``, ``B`` (m x n)."""
    m, n = A.shape
    TP[:, :] = 0.0
    TQ[:, :] = 0.0
    for j in range(n):
        for i in range(m):
            TP[j, i] = B[i, j]
        TP[j, m + j] = 1.0
        TP[j, m + n] = 1.0
        basisP[j] = m + j
    for i in range(m):
        TQ[i, i] = 1.0
        for j in range(n):
            TQ[i, m + j] = A[i, j]
        TQ[i, m + n] = 1.0
        basisQ[i] = i


@njit(cache=True)
def lex_min_ratio(T, e, slack_start, n_slack, tol, cand):
    """Row of the lexicographic minimum ratio test for entering column ``e`` (-1: none).

    ``cand`` is scratch space of length ``T.shape[0]``.
    """
    nrows = T.shape[0]
    rhs = T.shape[1] - 1
    k = 0
    for r in range(nrows):
        if T[r, e] > tol:
            cand[k] = r
            k += 1
    if k == 0:
        return -1
    if k == 1:
        return cand[0]
    # column -1 means rhs, then slack columns in order
    col = rhs
    c = -1
    while True:
        best = np.inf
        for t in range(k):
            r = cand[t]
            v = T[r, col] / T[r, e]
            if v < best:
                best = v
        # keep the ties (relative tolerance)
        scale = max(1.0, abs(best))
        k2 = 0
        for t in range(k):
            r = cand[t]
            v = T[r, col] / T[r, e]
            if v <= best + tol * scale:
                cand[k2] = r
                k2 += 1
        k = k2
        if k == 1:
            return cand[0]
        c += 1
        if c >= n_slack:
            # numerically indistinguishable rows: take the one with the largest pivot
            bestp = -1.0
            br = cand[0]
            for t in range(k):
                r = cand[t]
                if T[r, e] > bestp:
                    bestp = T[r, e]
                    br = r
            return br
        col = slack_start + c


@njit(cache=True)
def pivot(T, row, e, nzcols):
    """Gauss-Jordan pivot on ``T[row, e]``, touching only the pivot row's nonzero columns.

    ``nzcols`` is integer scratch space of length ``T.shape[1]``.
    """
    nrows, ncols = T.shape
    p = T[row, e]
    k = 0
    for c in range(ncols):
        v = T[row, c]
        if v != 0.0:
            T[row, c] = v / p
            nzcols[k] = c
            k += 1
    for r in range(nrows):
        if r == row:
            continue
        f = T[r, e]
        if f != 0.0:
            for t in range(k):
                c = nzcols[t]
                T[r, c] -= f * T[row, c]
            T[r, e] = 0.0


@njit(cache=True)
def lh_path(TP, TQ, basisP, basisQ, m, n, init_label, max_pivots, tol, cand, nzcols):
    """Follow the path dropping ``init_label`` from the current (initial) tableaux.

    Returns ``(status, pivots)``.
    """
    entering = init_label
    in_p = entering < m  # x_k enters P; y_{k-m} enters Q
    pivots = 0
    while True:
        if pivots >= max_pivots:
            return LH_TRUNCATED, pivots
        if in_p:
            row = lex_min_ratio(TP, entering, m, n, tol, cand)
            if row < 0:
                return LH_RAY, pivots
            pivot(TP, row, entering, nzcols)
            leaving = basisP[row]
            basisP[row] = entering
        else:
            row = lex_min_ratio(TQ, entering, 0, m, tol, cand)
            if row < 0:
                return LH_RAY, pivots
            pivot(TQ, row, entering, nzcols)
            leaving = basisQ[row]
            basisQ[row] = entering
        pivots += 1
        if leaving == init_label:
            return LH_OK, pivots
        entering = leaving
        in_p = not in_p


@njit(cache=True)
def lh_extract(TP, TQ, basisP, basisQ, m, n, x, y):
    """Normalized strategies of the current bases into ``x`` (m) and ``y`` (n)."""
    rhs = m + n
    x[:] = 0.0
    y[:] = 0.0
    for r in range(n):
        b = basisP[r]
        if b < m:
            x[b] = TP[r, rhs]
    for r in range(m):
        b = basisQ[r]
        if b >= m:
            y[b - m] = TQ[r, rhs]
    sx = 0.0
    for i in range(m):
        if x[i] < 0.0:
            x[i] = 0.0
        sx += x[i]
    sy = 0.0
    for j in range(n):
        if y[j] < 0.0:
            y[j] = 0.0
        sy += y[j]
    if sx > 0.0:
        for i in range(m):
            x[i] /= sx
    if sy > 0.0:
        for j in range(n):
            y[j] /= sy


@njit(cache=True)
def bimatrix_regret(A, B, x, y):
    """Max regret of ``(x, y)`` in the bimatrix game ``(A, B)`` (no allocation)."""
    m, n = A.shape
    best0 = -np.inf
    v = 0.0
    for i in range(m):
        s = 0.0
        for j in range(n):
            s += A[i, j] * y[j]
        v += x[i] * s
        if s > best0:
            best0 = s
    best1 = -np.inf
    u = 0.0
    for j in range(n):
        s = 0.0
        for i in range(m):
            s += x[i] * B[i, j]
        u += s * y[j]
        if s > best1:
            best1 = s
    return max(best0 - v, best1 - u, 0.0)


@njit(cache=True)
def _eta_apply(v, etas, eta_rows, k):
    """Apply the first ``k`` eta transformations (product form of the inverse) to ``v``."""
    nr = v.shape[0]
    for t in range(k):
        r = eta_rows[t]
        d = etas[t]
        vr = v[r] / d[r]
        if vr != 0.0:
            for i in range(nr):
                v[i] -= d[i] * vr
        v[r] = vr


@njit(cache=True)
def _pfi_column(A, B, in_p, var, m, n, etas, eta_rows, k, out):
    """Current tableau column of variable ``var`` (in P if ``in_p`` else in Q) into ``out``."""
    out[:] = 0.0
    if in_p:
        if var < m:
            for j in range(n):
                out[j] = B[var, j]
        else:
            out[var - m] = 1.0
    else:
        if var < m:
            out[var] = 1.0
        else:
            for i in range(m):
                out[i] = A[i, var - m]
    _eta_apply(out, etas, eta_rows, k)


@njit(cache=True)
def _pfi_ratio(A, B, in_p, d, rhs, m, n, etas, eta_rows, k, tol, cand, work):
    """Lexicographic minimum ratio test on the PFI representation (-1: none)."""
    nrows = d.shape[0]
    kk = 0
    for r in range(nrows):
        if d[r] > tol:
            cand[kk] = r
            kk += 1
    if kk == 0:
        return -1
    if kk == 1:
        return cand[0]
    best = np.inf
    for t in range(kk):
        r = cand[t]
        v = rhs[r] / d[r]
        if v < best:
            best = v
    scale = max(1.0, abs(best))
    k2 = 0
    for t in range(kk):
        r = cand[t]
        if rhs[r] / d[r] <= best + tol * scale:
            cand[k2] = r
            k2 += 1
    kk = k2
    c = 0
    slack0 = m if in_p else 0
    while kk > 1 and c < nrows:
        # column of the inverse for slack variable c (its original column is a unit vector)
        _pfi_column(A, B, in_p, slack0 + c, m, n, etas, eta_rows, k, work)
        best = np.inf
        for t in range(kk):
            r = cand[t]
            v = work[r] / d[r]
            if v < best:
                best = v
        scale = max(1.0, abs(best))
        k2 = 0
        for t in range(kk):
            r = cand[t]
            if work[r] / d[r] <= best + tol * scale:
                cand[k2] = r
                k2 += 1
        kk = k2
        c += 1
    if kk == 1:
        return cand[0]
    bestp = -1.0
    br = cand[0]
    for t in range(kk):
        r = cand[t]
        if d[r] > bestp:
            bestp = d[r]
            br = r
    return br


@njit(cache=True)
def lh_path_pfi(A, B, init_label, max_pivots, tol, basisP, basisQ, rhsP, rhsQ,
                etasP, rowsP, etasQ, rowsQ, cand, workP, workQ, dP, dQ):
    """Lemke-Howson path with a product-form inverse (cheap for short paths).

    Up to ``etasP.shape[0]`` pivots per tableau; returns ``(status, pivots)`` (status 1 when
    ``max_pivots`` or the eta capacity is reached).  Bases and right-hand sides are left in
    ``basisP/Q`` and ``rhsP/Q``.
    """
    m, n = A.shape
    cap = etasP.shape[0]
    for j in range(n):
        basisP[j] = m + j
        rhsP[j] = 1.0
    for i in range(m):
        basisQ[i] = i
        rhsQ[i] = 1.0
    kP = 0
    kQ = 0
    entering = init_label
    in_p = entering < m
    pivots = 0
    while True:
        if pivots >= max_pivots:
            return LH_TRUNCATED, pivots
        if in_p:
            if kP >= cap:
                return LH_TRUNCATED, pivots
            _pfi_column(A, B, True, entering, m, n, etasP, rowsP, kP, dP)
            row = _pfi_ratio(A, B, True, dP, rhsP, m, n, etasP, rowsP, kP, tol, cand, workP)
            if row < 0:
                return LH_RAY, pivots
            etasP[kP, :] = dP
            rowsP[kP] = row
            kP += 1
            _eta_apply(rhsP, etasP[kP - 1:kP], rowsP[kP - 1:kP], 1)
            leaving = basisP[row]
            basisP[row] = entering
        else:
            if kQ >= cap:
                return LH_TRUNCATED, pivots
            _pfi_column(A, B, False, entering, m, n, etasQ, rowsQ, kQ, dQ)
            row = _pfi_ratio(A, B, False, dQ, rhsQ, m, n, etasQ, rowsQ, kQ, tol, cand, workQ)
            if row < 0:
                return LH_RAY, pivots
            etasQ[kQ, :] = dQ
            rowsQ[kQ] = row
            kQ += 1
            _eta_apply(rhsQ, etasQ[kQ - 1:kQ], rowsQ[kQ - 1:kQ], 1)
            leaving = basisQ[row]
            basisQ[row] = entering
        pivots += 1
        if leaving == init_label:
            return LH_OK, pivots
        entering = leaving
        in_p = not in_p


@njit(cache=True)
def _extract_from_bases(basisP, basisQ, rhsP, rhsQ, m, n, x, y):
    x[:] = 0.0
    y[:] = 0.0
    for r in range(n):
        b = basisP[r]
        if b < m:
            x[b] = max(rhsP[r], 0.0)
    for r in range(m):
        b = basisQ[r]
        if b >= m:
            y[b - m] = max(rhsQ[r], 0.0)
    sx = x.sum()
    sy = y.sum()
    if sx > 0.0:
        x /= sx
    if sy > 0.0:
        y /= sy


@njit(cache=True)
def lemke_howson_kernel(A, B, labels, max_pivots, capping, tol, TP, TQ, basisP, basisQ, x, y,
                        out_info, eta_cap):
    """Lemke-Howson with restarts ("capping", Codenotti, De Rossi & Pagan 2008, as in QuantEcon).

    ``A``, ``B``: positive shifted payoffs.  ``labels``: starting labels in the order to try.
    With ``capping > 0`` each label is first followed for at most ``capping`` pivots, in turn;
    if none finishes, ``labels[0]`` is followed for up to ``max_pivots``.  With
    ``capping <= 0`` only ``labels[0]`` is followed.  Short paths use a product-form inverse
    (``eta_cap`` pivots per tableau), longer ones the dense tableaux ``TP`` (n x m+n+1) and
    ``TQ`` (m x m+n+1).

    Writes the strategies to ``x``, ``y``; ``out_info = [status, label used, pivots on the
    successful path, total pivots]``.
    """
    m, n = A.shape
    N = max(m, n)
    cand = np.empty(N, np.int64)
    nzcols = np.empty(m + n + 1, np.int64)
    rhsP = np.empty(n)
    rhsQ = np.empty(m)
    etasP = np.empty((eta_cap, n))
    etasQ = np.empty((eta_cap, m))
    rowsP = np.empty(eta_cap, np.int64)
    rowsQ = np.empty(eta_cap, np.int64)
    workP = np.empty(n)
    workQ = np.empty(m)
    dP = np.empty(n)
    dQ = np.empty(m)
    total = 0
    nlab = labels.shape[0]
    if capping > 0 and nlab > 1:
        for t in range(nlab):
            lab = labels[t]
            st, piv = lh_path_pfi(A, B, lab, min(capping, max_pivots - total), tol, basisP, basisQ,
                                  rhsP, rhsQ, etasP, rowsP, etasQ, rowsQ, cand, workP, workQ, dP, dQ)
            total += piv
            if st == LH_OK:
                _extract_from_bases(basisP, basisQ, rhsP, rhsQ, m, n, x, y)
                out_info[0] = LH_OK
                out_info[1] = lab
                out_info[2] = piv
                out_info[3] = total
                return
            if total >= max_pivots:
                break
    lab = labels[0]
    budget = max(max_pivots - total, 0)
    st, piv = lh_path_pfi(A, B, lab, budget, tol, basisP, basisQ,
                          rhsP, rhsQ, etasP, rowsP, etasQ, rowsQ, cand, workP, workQ, dP, dQ)
    total += piv
    if st == LH_OK or piv >= budget:
        _extract_from_bases(basisP, basisQ, rhsP, rhsQ, m, n, x, y)
    else:
        # long path: dense tableaux from the start
        total -= piv
        lh_init_tableaux(A, B, TP, TQ, basisP, basisQ)
        st, piv = lh_path(TP, TQ, basisP, basisQ, m, n, lab, budget, tol, cand, nzcols)
        total += piv
        lh_extract(TP, TQ, basisP, basisQ, m, n, x, y)
    out_info[0] = st
    out_info[1] = lab
    out_info[2] = piv
    out_info[3] = total


LH_NEED_DENSE = 3


@njit(cache=True)
def lh_capped_pfi(A, B, labels, max_pivots, capping, tol, basisP, basisQ, x, y, out_info, eta_cap):
    """The product-form part of :func:`lemke_howson_kernel` (compiles without the dense path).

    Same arguments and ``out_info`` as :func:`lemke_howson_kernel`; status
    ``LH_NEED_DENSE`` (3) means the final path from ``labels[0]`` outgrew ``eta_cap`` and
    must be rerun by :func:`lh_dense` with the remaining budget ``max_pivots - out_info[3]``.
    """
    m, n = A.shape
    N = max(m, n)
    cand = np.empty(N, np.int64)
    rhsP = np.empty(n)
    rhsQ = np.empty(m)
    etasP = np.empty((eta_cap, n))
    etasQ = np.empty((eta_cap, m))
    rowsP = np.empty(eta_cap, np.int64)
    rowsQ = np.empty(eta_cap, np.int64)
    workP = np.empty(n)
    workQ = np.empty(m)
    dP = np.empty(n)
    dQ = np.empty(m)
    total = 0
    nlab = labels.shape[0]
    if capping > 0 and nlab > 1:
        for t in range(nlab):
            lab = labels[t]
            st, piv = lh_path_pfi(A, B, lab, min(capping, max_pivots - total), tol, basisP, basisQ,
                                  rhsP, rhsQ, etasP, rowsP, etasQ, rowsQ, cand, workP, workQ, dP, dQ)
            total += piv
            if st == LH_OK:
                _extract_from_bases(basisP, basisQ, rhsP, rhsQ, m, n, x, y)
                out_info[0] = LH_OK
                out_info[1] = lab
                out_info[2] = piv
                out_info[3] = total
                return
            if total >= max_pivots:
                break
    lab = labels[0]
    budget = max(max_pivots - total, 0)
    st, piv = lh_path_pfi(A, B, lab, budget, tol, basisP, basisQ,
                          rhsP, rhsQ, etasP, rowsP, etasQ, rowsQ, cand, workP, workQ, dP, dQ)
    out_info[1] = lab
    if st == LH_OK or st == LH_RAY or piv >= budget:
        _extract_from_bases(basisP, basisQ, rhsP, rhsQ, m, n, x, y)
        out_info[0] = st
        out_info[2] = piv
        out_info[3] = total + piv
    else:
        out_info[0] = LH_NEED_DENSE
        out_info[2] = 0
        out_info[3] = total


@njit(cache=True)
def lh_dense(A, B, label, max_pivots, tol, TP, TQ, basisP, basisQ, x, y, out_info):
    """Dense-tableau Lemke-Howson path from ``label``; ``out_info = [status, label, pivots, pivots]``."""
    m, n = A.shape
    cand = np.empty(max(m, n), np.int64)
    nzcols = np.empty(m + n + 1, np.int64)
    lh_init_tableaux(A, B, TP, TQ, basisP, basisQ)
    st, piv = lh_path(TP, TQ, basisP, basisQ, m, n, label, max_pivots, tol, cand, nzcols)
    lh_extract(TP, TQ, basisP, basisQ, m, n, x, y)
    out_info[0] = st
    out_info[1] = label
    out_info[2] = piv
    out_info[3] = piv
