"""Numba kernel for the dominance linear program (private).

``zero_sum_lp(Dp, w_out, x_out, max_iter)`` solves, for a matrix ``Dp > 0`` (m x n),

    maximize sum(w)  subject to  Dp @ w <= 1,  w >= 0

with a condensed (Tucker) tableau simplex of size (m+1) x (n+1) (slack start, no phase 1;
Dantzig's rule, switching to Bland's rule after ``4 * (m + n)`` pivots so degenerate problems
cannot cycle).  For the zero-sum game
``Dp`` (row player maximizes) the value is ``1 / sum(w)``, the column player's optimal strategy
is ``w / sum(w)`` and the row player's is ``x / sum(x)`` where ``x`` are the optimal duals
(the reduced costs of the slack columns).  Returns a status code: 0 optimal, 1 iteration
limit, 2 unbounded (impossible for positive ``Dp``).

``strict_dominance_lp`` / ``strict_dominance_lp_fp`` solve the strict-dominance LP of one row
by row and column generation over restricted zero-sum games; ``dominated_rows`` checks many
rows of one payoff matrix in one call (pure dominators first, then the LP).
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def zero_sum_lp(Dp, w_out, x_out, max_iter):
    m, n = Dp.shape
    # condensed (Tucker) tableau: rows = basic variables, columns = nonbasic variables
    T = np.empty((m + 1, n + 1))
    for i in range(m):
        for j in range(n):
            T[i, j] = Dp[i, j]
        T[i, n] = 1.0
    for j in range(n):
        T[m, j] = -1.0
    T[m, n] = 0.0
    rowlab = np.empty(m, dtype=np.int64)  # variable in each row: w_j = j, slack_i = n + i
    collab = np.empty(n, dtype=np.int64)
    for i in range(m):
        rowlab[i] = n + i
    for j in range(n):
        collab[j] = j
    eps = 1e-12
    bland_after = 4 * (m + n)
    it = 0
    status = 1
    rowbuf = np.empty(n + 1)
    while it < max_iter:
        col = -1
        if it < bland_after:
            best = -eps
            for j in range(n):
                if T[m, j] < best:
                    best = T[m, j]
                    col = j
        else:
            lab = 1 << 62
            for j in range(n):
                if T[m, j] < -eps and collab[j] < lab:
                    lab = collab[j]
                    col = j
        if col == -1:
            status = 0
            break
        row = -1
        minr = np.inf
        for i in range(m):
            a = T[i, col]
            if a > eps:
                r = T[i, n] / a
                if r < minr - 1e-15 or (row >= 0 and abs(r - minr) <= 1e-15 and rowlab[i] < rowlab[row]):
                    minr = r
                    row = i
        if row == -1:
            status = 2
            break
        piv = T[row, col]
        for j in range(n + 1):
            rowbuf[j] = T[row, j] / piv
        rowbuf[col] = 1.0 / piv
        for i in range(m + 1):
            if i == row:
                continue
            f = T[i, col]
            if f != 0.0:
                for j in range(n + 1):
                    T[i, j] -= f * rowbuf[j]
                T[i, col] = -f / piv
        for j in range(n + 1):
            T[row, j] = rowbuf[j]
        tmp = rowlab[row]
        rowlab[row] = collab[col]
        collab[col] = tmp
        it += 1
    for j in range(n):
        w_out[j] = 0.0
    for i in range(m):
        x_out[i] = 0.0
    for i in range(m):
        if rowlab[i] < n:
            w_out[rowlab[i]] = T[i, n]
    for j in range(n):
        if collab[j] >= n:
            x_out[collab[j] - n] = T[m, j]
    return status


@njit(cache=True)
def _add_largest(vals, sign, member, thresh, limit):
    """Set ``member[i]`` for the (at most ``limit``) non-members ``i`` with the largest
    ``sign * vals[i] > thresh``; returns how many were added (selection, no sort)."""
    n = vals.size
    count = 0
    for i in range(n):
        if not member[i] and sign * vals[i] > thresh:
            count += 1
    if count <= limit:
        if count:
            for i in range(n):
                if not member[i] and sign * vals[i] > thresh:
                    member[i] = True
        return count
    for _ in range(limit):
        best = -1
        bv = thresh
        for i in range(n):
            if not member[i] and sign * vals[i] > bv:
                bv = sign * vals[i]
                best = i
        member[best] = True
    return limit


@njit(cache=True)
def strict_dominance_lp(D, tol, init_rows, add_rows, sigma_out, y_out):
    """max eps s.t. sigma @ D >= eps, sigma in the simplex (D: K x P), by row and column generation.

    :func:`strict_dominance_lp_fp` with the restricted game seeded by 30 rounds of fictitious
    play (keeping at most ``max(16, init_rows)`` rows and columns).
    """
    return strict_dominance_lp_fp(D, tol, init_rows, add_rows, 30, max(16, init_rows), sigma_out, y_out)


@njit(cache=True)
def strict_dominance_lp_fp(D, tol, init_rows, add_rows, fp_iters, fp_cap, sigma_out, y_out):
    """max eps s.t. sigma @ D >= eps, sigma in the simplex (D: K x P), by row and column generation.

    A restricted zero-sum game (some rows and some columns of D) is solved by
    :func:`zero_sum_lp`; columns on which the restricted sigma earns less than the restricted
    value and rows that earn more than it against the restricted belief are added (at most
    ``add_rows`` of each per step) until neither exists (the restricted optimum is then
    optimal for the whole LP), or until the restricted sigma already has margin ``> tol`` on
    *every* column (a valid witness).  Writes sigma (K) and the belief y (P); returns
    ``(status, value)`` with status 0 ok, 1 failure (the caller falls back to another LP).
    ``value`` is the verified margin ``min_s (sigma @ D)_s`` when it exceeds ``tol``, else
    the optimum.

    Seeding: ``fp_iters`` rounds of fictitious play (Brown 1951; Robinson 1951) on D, started
    from the row of largest mean, pick the restricted game: the (at most ``fp_cap``) rows and
    columns played most often, topped up to ``init_rows`` of each (rows by mean, columns by
    the lowest cumulative payoff).  Fictitious play only chooses the starting sets; the answer
    is the same LP optimum (or a verified witness) either way, and it typically saves one or
    two generation steps.
    """
    K, P = D.shape
    scale = 1.0
    for k in range(K):
        for s in range(P):
            v = abs(D[k, s])
            scale = max(scale, v)
    means = np.empty(K)
    for k in range(K):
        means[k] = D[k].mean()
    return _lp_core(D, tol, init_rows, add_rows, fp_iters, fp_cap, sigma_out, y_out, scale, means)


@njit(cache=True)
def _lp_core(D, tol, init_rows, add_rows, fp_iters, fp_cap, sigma_out, y_out, scale, means):
    """:func:`strict_dominance_lp_fp` given ``scale = max(1, max |D|)`` and the row means."""
    K, P = D.shape
    slack = 1e-9 * scale
    inrow = np.zeros(K, dtype=np.bool_)
    incol = np.zeros(P, dtype=np.bool_)
    rowcum = np.zeros(K)
    colcum = np.zeros(P)
    rcount = np.zeros(K)
    ccount = np.zeros(P)
    kk = np.argmax(means)
    for _ in range(fp_iters):
        # the column best-responds to the row player's empirical mix, then the row to the column's
        for s in range(P):
            colcum[s] += D[kk, s]
        rcount[kk] += 1.0
        ss = np.argmin(colcum)
        ccount[ss] += 1.0
        for k in range(K):
            rowcum[k] += D[k, ss]
        kk = np.argmax(rowcum)
    # the most played (at most fp_cap), topped up to init_rows: rows by mean, columns by
    # the lowest cumulative payoff against the row mix
    nr = _add_largest(rcount, 1.0, inrow, 0.0, fp_cap)
    if nr < init_rows:
        _add_largest(means, 1.0, inrow, -np.inf, init_rows - nr)
    nc = _add_largest(ccount, 1.0, incol, 0.0, fp_cap)
    if nc < init_rows:
        _add_largest(colcum, -1.0, incol, -np.inf, init_rows - nc)
    g = np.empty(P)
    h = np.empty(K)
    for _ in range(2 * (K + P) + 2):
        rows = np.flatnonzero(inrow)
        cols = np.flatnonzero(incol)
        r = rows.size
        c = cols.size
        Dsub = np.empty((r, c))
        mn = np.inf
        for a in range(r):
            for b in range(c):
                Dsub[a, b] = D[rows[a], cols[b]]
                mn = min(mn, Dsub[a, b])
        shift = mn - 1.0
        for a in range(r):
            for b in range(c):
                Dsub[a, b] -= shift
        w = np.empty(c)
        x = np.empty(r)
        st = zero_sum_lp(Dsub, w, x, 20 * (r + c) + 100)
        if st != 0:
            return 1, 0.0
        sw = 0.0
        for b in range(c):
            w[b] = max(w[b], 0.0)
            sw += w[b]
        sx = 0.0
        for a in range(r):
            x[a] = max(x[a], 0.0)
            sx += x[a]
        if sw <= 0.0 or sx <= 0.0:
            return 1, 0.0
        value = 1.0 / sw + shift
        for k in range(K):
            sigma_out[k] = 0.0
        for a in range(r):
            sigma_out[rows[a]] = x[a] / sx
        for s in range(P):
            y_out[s] = 0.0
        for b in range(c):
            y_out[cols[b]] = w[b] / sw
        # sigma against every column (row-wise: contiguous reads of D)
        for s in range(P):
            g[s] = 0.0
        for a in range(r):
            wa = sigma_out[rows[a]]
            if wa != 0.0:
                ra = rows[a]
                for s in range(P):
                    g[s] += wa * D[ra, s]
        margin = np.inf
        for s in range(P):
            margin = min(margin, g[s])
        if margin > tol:
            return 0, margin
        # every row against the belief
        for k in range(K):
            acc = 0.0
            for b in range(c):
                acc += D[k, cols[b]] * y_out[cols[b]]
            h[k] = acc
        # the (at most add_rows) most violated columns and rows join the restricted game
        added = _add_largest(g, -1.0, incol, -(value - slack), add_rows)
        addr = _add_largest(h, 1.0, inrow, value + slack, add_rows)
        if added == 0 and addr == 0:
            if value > tol:
                return 1, 0.0
            return 0, value
    return 1, 0.0


@njit(cache=True)
def dominated_rows(M, cand, allowed, tol, rel_tol, do_pure, init_rows, add_rows, fp_iters, fp_cap,
                   kind, pure, value, sigma, belief):
    """Strict dominance of several rows of ``M`` (own actions x opponent profiles) at once.

    For each candidate row ``a = cand[t]`` the witnesses may use the rows ``k != a`` with
    ``allowed[k]``.  With ``do_pure`` the best pure dominator is looked for first (the first
    row with the largest ``min_s M[k, s] - M[a, s] > tol``); otherwise (or when there is none)
    :func:`strict_dominance_lp_fp` decides dominance by a mixed strategy on ``D = M[K] - M[a]``
    with the threshold ``tol`` (``tol * max(1, max |D|)`` when ``rel_tol``).  Writes per
    candidate ``kind[t]``: 0 no allowed row, 1 pure dominator ``pure[t]`` with margin
    ``value[t]``, 2 LP value ``value[t]`` above the threshold (``sigma[t]`` over all rows,
    zero outside ``K``), 3 LP value below the threshold (``-threshold`` when ``rel_tol``) with
    the belief ``belief[t]``, 4 the LP kernel failed, 5 (``rel_tol`` only) LP value within the
    threshold of zero.  One call replaces a Python loop of single-row checks.
    """
    m, P = M.shape
    D = np.empty((m, P))
    K = np.empty(m, dtype=np.int64)
    sg = np.empty(m)
    means = np.empty(m)
    for t in range(cand.size):
        a = cand[t]
        kind[t] = 0
        pure[t] = -1
        value[t] = 0.0
        for k in range(m):
            sigma[t, k] = 0.0
        for s in range(P):
            belief[t, s] = 0.0
        if do_pure:
            best = -1
            bestv = -np.inf
            for k in range(m):
                if k == a or not allowed[k]:
                    continue
                mn = np.inf
                for s in range(P):
                    d = M[k, s] - M[a, s]
                    if d < mn:
                        mn = d
                        if mn <= tol:
                            break
                if mn > tol and mn > bestv:
                    best = k
                    bestv = mn
            if best >= 0:
                kind[t] = 1
                pure[t] = best
                value[t] = bestv
                continue
        nk = 0
        for k in range(m):
            if k != a and allowed[k]:
                K[nk] = k
                nk += 1
        if nk == 0:
            continue
        scale = 1.0
        for r in range(nk):
            kr = K[r]
            acc = 0.0
            for s in range(P):
                v = M[kr, s] - M[a, s]
                D[r, s] = v
                acc += v
                scale = max(scale, abs(v))
            means[r] = acc / P
        lt = tol * scale if rel_tol else tol
        st, val = _lp_core(D[:nk], lt, init_rows, add_rows, fp_iters, fp_cap, sg[:nk], belief[t], scale,
                           means[:nk])
        if st != 0:
            kind[t] = 4
            continue
        value[t] = val
        for r in range(nk):
            sigma[t, K[r]] = sg[r]
        if val > lt:
            kind[t] = 2
        elif rel_tol and val >= -lt:
            kind[t] = 5
        else:
            kind[t] = 3
    return 0
