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
payoffs, reported for safety), 4 the path came back to a basis pair it had visited (impossible
in exact arithmetic, where a Lemke-Howson path visits each vertex pair at most once; in float64
round-off can make the ratio test cycle, e.g. on Savani & von Stengel's hard games with
d >= 10, whose payoffs span 12 orders of magnitude).  Repeats are found by Brent's cycle
detection on the state (both bases and the entering label), compared with a snapshot saved
at pivots 1, 2, 4, 8, ...
"""

import numpy as np
from numba import njit

LH_OK = 0
LH_TRUNCATED = 1
LH_RAY = 2
LH_CYCLE = 4


@njit(cache=True)
def _same_state(basisP, basisQ, entering, snapP, snapQ, snap_ent):
    """Whether the state (bases, entering label) equals the snapshot."""
    if entering != snap_ent:
        return False
    for r in range(basisP.shape[0]):
        if basisP[r] != snapP[r]:
            return False
    for r in range(basisQ.shape[0]):
        if basisQ[r] != snapQ[r]:
            return False
    return True


@njit(cache=True)
def _save_state(basisP, basisQ, snapP, snapQ):
    for r in range(basisP.shape[0]):
        snapP[r] = basisP[r]
    for r in range(basisQ.shape[0]):
        snapQ[r] = basisQ[r]


@njit(cache=True)
def _brent_step(basisP, basisQ, entering, snapP, snapQ, snap_ent, power, lam):
    """One step of Brent's cycle detection on the path's state (bases, entering label).

    Returns ``(cycle, snap_ent, power, lam)``: ``cycle`` when the state equals the snapshot;
    the snapshot is retaken after ``power`` steps, and ``power`` doubles.
    """
    if _same_state(basisP, basisQ, entering, snapP, snapQ, snap_ent):
        return True, snap_ent, power, lam
    lam += 1
    if lam == power:
        _save_state(basisP, basisQ, snapP, snapQ)
        return False, entering, power * 2, 0
    return False, snap_ent, power, lam


@njit(cache=True)
def lh_init_tableaux(A, B, TP, TQ, basisP, basisQ):
    """Fill the initial tableaux for the shifted positive payoffs ``A``, ``B`` (m x n)."""
    m, n = A.shape
    for r in range(TP.shape[0]):
        for c in range(TP.shape[1]):
            TP[r, c] = 0.0
    for r in range(TQ.shape[0]):
        for c in range(TQ.shape[1]):
            TQ[r, c] = 0.0
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
def lh_path(TP, TQ, basisP, basisQ, m, n, init_label, max_pivots, tol, cand, nzcols, snapP, snapQ):
    """Follow the path dropping ``init_label`` from the current (initial) tableaux.

    Returns ``(status, pivots)``.  With scratch space ``snapP`` (length n) and ``snapQ``
    (length m) the path also stops with ``LH_CYCLE`` when its state (bases and entering label)
    repeats (Brent's cycle detection); empty scratch arrays switch the check off.
    """
    if snapP.shape[0] == n and snapQ.shape[0] == m:
        _save_state(basisP, basisQ, snapP, snapQ)
    st, piv, _e, _p, _s, _w, _l = lh_path_resume(TP, TQ, basisP, basisQ, m, n, init_label, init_label,
                                                 init_label < m, max_pivots, tol, cand, nzcols, snapP, snapQ,
                                                 init_label, 1, 0)
    return st, piv


@njit(cache=True)
def lh_path_resume(TP, TQ, basisP, basisQ, m, n, init_label, entering, in_p, max_pivots, tol, cand, nzcols,
                   snapP, snapQ, snap_ent, power, lam):
    """At most ``max_pivots`` more pivots of the path dropping ``init_label``, from the state
    ``entering`` (the label entering next), ``in_p`` (in the tableau of P) and the cycle check's
    ``snapP``, ``snapQ``, ``snap_ent``, ``power``, ``lam`` (:func:`_brent_step`; at the start
    of a path: the initial bases saved, ``init_label, 1, 0``).

    Returns ``(status, pivots, entering, in_p, snap_ent, power, lam)``: with ``LH_TRUNCATED``
    the returned state continues the path in a further call (so a caller can check a clock
    between calls, which a kernel cannot).
    """
    pivots = 0
    check = snapP.shape[0] == n and snapQ.shape[0] == m
    while True:
        if pivots >= max_pivots:
            return LH_TRUNCATED, pivots, entering, in_p, snap_ent, power, lam
        if in_p:
            row = lex_min_ratio(TP, entering, m, n, tol, cand)
            if row < 0:
                return LH_RAY, pivots, entering, in_p, snap_ent, power, lam
            pivot(TP, row, entering, nzcols)
            leaving = basisP[row]
            basisP[row] = entering
        else:
            row = lex_min_ratio(TQ, entering, 0, m, tol, cand)
            if row < 0:
                return LH_RAY, pivots, entering, in_p, snap_ent, power, lam
            pivot(TQ, row, entering, nzcols)
            leaving = basisQ[row]
            basisQ[row] = entering
        pivots += 1
        if leaving == init_label:
            return LH_OK, pivots, entering, in_p, snap_ent, power, lam
        entering = leaving
        in_p = not in_p
        if check:
            cycle, snap_ent, power, lam = _brent_step(basisP, basisQ, entering, snapP, snapQ, snap_ent, power, lam)
            if cycle:
                return LH_CYCLE, pivots, entering, in_p, snap_ent, power, lam


@njit(cache=True)
def lh_extract(TP, TQ, basisP, basisQ, m, n, x, y):
    """Normalized strategies of the current bases into ``x`` (m) and ``y`` (n)."""
    rhs = m + n
    for i in range(m):
        x[i] = 0.0
    for j in range(n):
        y[j] = 0.0
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
def _pfi_column(A, B, in_p, var, m, n, etas, eta_rows, k, out):
    """Current tableau column of variable ``var`` (in P if ``in_p`` else in Q) into ``out``.

    The original column (a row of ``B``, a column of ``A`` or a unit vector), then the first
    ``k`` eta transformations of the product-form inverse.  ``in_p`` is always a runtime
    bool (never a literal at a call site) so that the kernel compiles once.
    """
    nr = out.shape[0]
    for i in range(nr):
        out[i] = 0.0
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
    for t in range(k):
        r = eta_rows[t]
        vr = out[r] / etas[t, r]
        if vr != 0.0:
            for i in range(nr):
                out[i] -= etas[t, i] * vr
        out[r] = vr


LH_NEED_DENSE = 3


@njit(cache=True)
def lh_capped_pfi(A, B, labels, max_pivots, capping, tol, basisP, basisQ, x, y, out_info, eta_cap):
    """Lemke-Howson paths with a product-form inverse, with restarts ("capping").

    ``A``, ``B``: positive shifted payoffs.  ``labels``: starting labels in the order to try.
    With ``capping > 0`` each label is first followed for at most ``capping`` pivots, in turn
    (the restart heuristic of Codenotti, De Rossi & Pagan 2008; QuantEcon caps all but the
    last label and follows that one uncapped); if none finishes, ``labels[0]`` is followed for
    up to ``max_pivots`` in total.  With
    ``capping <= 0`` only ``labels[0]`` is followed.  Each tableau is represented by at most
    ``eta_cap`` eta vectors (product form of the inverse; cheap for short paths).

    Writes the strategies to ``x``, ``y`` and ``out_info = [status, label used, pivots on
    the successful path, total pivots]``; status ``LH_NEED_DENSE`` (3) means the final path
    from ``labels[0]`` outgrew ``eta_cap`` and must be rerun by :func:`lh_dense` with the
    remaining budget ``max_pivots - out_info[3]``.

    The path loop is written once for both tableaux (the arrays of the current side are
    selected per pivot) and has one call site, so the kernel stays small to compile.
    """
    m, n = A.shape
    cand = np.empty(max(m, n), np.int64)
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
    snapP = np.empty(n, np.int64)
    snapQ = np.empty(m, np.int64)
    total = 0
    nlab = labels.shape[0]
    ncap = nlab if (capping > 0 and nlab > 1) else 0
    t = 0
    while True:
        # capped runs t < ncap, then the final run from labels[0]
        final = t >= ncap
        lab = labels[0] if final else labels[t]
        budget = max(max_pivots - total, 0) if final else min(capping, max_pivots - total)
        # -- one path from the artificial equilibrium, dropping label `lab` --
        for j in range(n):
            basisP[j] = m + j
            rhsP[j] = 1.0
        for i in range(m):
            basisQ[i] = i
            rhsQ[i] = 1.0
        kP = 0
        kQ = 0
        entering = lab
        in_p = entering < m
        piv = 0
        st = LH_OK
        _save_state(basisP, basisQ, snapP, snapQ)
        snap_ent = entering
        power = 1
        lam = 0
        while True:
            if piv >= budget:
                st = LH_TRUNCATED
                break
            if in_p:
                etas, rws, basis, rhs, d, work, kk = etasP, rowsP, basisP, rhsP, dP, workP, kP
            else:
                etas, rws, basis, rhs, d, work, kk = etasQ, rowsQ, basisQ, rhsQ, dQ, workQ, kQ
            if kk >= eta_cap:
                st = LH_TRUNCATED
                break
            _pfi_column(A, B, in_p, entering, m, n, etas, rws, kk, d)
            # lexicographic minimum ratio test: rows with d > tol, ties in rhs / d broken by
            # the columns of the inverse for the slack variables (their original columns are
            # unit vectors), then by the largest pivot
            nr = d.shape[0]
            nc = 0
            for r in range(nr):
                if d[r] > tol:
                    cand[nc] = r
                    nc += 1
            if nc == 0:
                st = LH_RAY
                break
            c = -1
            slack0 = m if in_p else 0
            while nc > 1 and c < nr:
                if c >= 0:
                    _pfi_column(A, B, in_p, slack0 + c, m, n, etas, rws, kk, work)
                best = np.inf
                for u in range(nc):
                    r = cand[u]
                    v = (rhs[r] if c < 0 else work[r]) / d[r]
                    if v < best:
                        best = v
                lim = best + tol * max(1.0, abs(best))
                k2 = 0
                for u in range(nc):
                    r = cand[u]
                    if (rhs[r] if c < 0 else work[r]) / d[r] <= lim:
                        cand[k2] = r
                        k2 += 1
                nc = k2
                c += 1
            row = cand[0]
            if nc > 1:
                bestp = -1.0
                for u in range(nc):
                    r = cand[u]
                    if d[r] > bestp:
                        bestp = d[r]
                        row = r
            # the new eta vector, applied to the right-hand side
            for i in range(nr):
                etas[kk, i] = d[i]
            rws[kk] = row
            vr = rhs[row] / d[row]
            if vr != 0.0:
                for i in range(nr):
                    rhs[i] -= d[i] * vr
            rhs[row] = vr
            if in_p:
                kP += 1
            else:
                kQ += 1
            leaving = basis[row]
            basis[row] = entering
            piv += 1
            if leaving == lab:
                break
            entering = leaving
            in_p = not in_p
            cycle, snap_ent, power, lam = _brent_step(basisP, basisQ, entering, snapP, snapQ, snap_ent, power, lam)
            if cycle:
                st = LH_CYCLE  # round-off made the path come back: it cannot end
                break
        # -- end of the path --
        if final:
            break
        total += piv
        if st == LH_OK:
            break
        t += 1
        if total >= max_pivots:
            t = ncap
    out_info[1] = lab
    if not final:  # a capped run finished
        out_info[0] = LH_OK
        out_info[2] = piv
        out_info[3] = total
    elif st == LH_OK or st == LH_RAY or st == LH_CYCLE or piv >= budget:
        out_info[0] = st
        out_info[2] = piv
        out_info[3] = total + piv
    else:
        out_info[0] = LH_NEED_DENSE
        out_info[2] = 0
        out_info[3] = total
        return
    # strategies from the bases
    for i in range(m):
        x[i] = 0.0
    for j in range(n):
        y[j] = 0.0
    for r in range(n):
        b = basisP[r]
        if b < m:
            x[b] = max(rhsP[r], 0.0)
    for r in range(m):
        b = basisQ[r]
        if b >= m:
            y[b - m] = max(rhsQ[r], 0.0)
    sx = 0.0
    for i in range(m):
        sx += x[i]
    sy = 0.0
    for j in range(n):
        sy += y[j]
    if sx > 0.0:
        for i in range(m):
            x[i] /= sx
    if sy > 0.0:
        for j in range(n):
            y[j] /= sy


@njit(cache=True)
def lh_dense(A, B, label, max_pivots, tol, TP, TQ, basisP, basisQ, x, y, out_info):
    """Dense-tableau Lemke-Howson path from ``label``; ``out_info = [status, label, pivots, pivots]``."""
    m, n = A.shape
    cand = np.empty(max(m, n), np.int64)
    nzcols = np.empty(m + n + 1, np.int64)
    lh_init_tableaux(A, B, TP, TQ, basisP, basisQ)
    st, piv = lh_path(TP, TQ, basisP, basisQ, m, n, label, max_pivots, tol, cand, nzcols,
                  np.empty(n, np.int64), np.empty(m, np.int64))
    lh_extract(TP, TQ, basisP, basisQ, m, n, x, y)
    out_info[0] = st
    out_info[1] = label
    out_info[2] = piv
    out_info[3] = piv


@njit(cache=True)
def lemke_howson_kernel(A, B, labels, max_pivots, capping, tol, TP, TQ, basisP, basisQ, x, y,
                        out_info, eta_cap):
    """:func:`lh_capped_pfi`, then :func:`lh_dense` when the final path outgrows ``eta_cap``.

    The whole algorithm in one call (the library calls the two stages from Python so that the
    dense stage compiles only when first needed).  Arguments as :func:`lh_capped_pfi`, plus
    the dense tableaux ``TP`` (n x m+n+1) and ``TQ`` (m x m+n+1).
    """
    lh_capped_pfi(A, B, labels, max_pivots, capping, tol, basisP, basisQ, x, y, out_info, eta_cap)
    if out_info[0] == LH_NEED_DENSE:
        done = out_info[3]
        info2 = np.zeros(4, np.int64)
        lh_dense(A, B, labels[0], max(max_pivots - done, 0), tol, TP, TQ, basisP, basisQ, x, y, info2)
        out_info[0] = info2[0]
        out_info[1] = info2[1]
        out_info[2] = info2[2]
        out_info[3] = done + info2[3]
