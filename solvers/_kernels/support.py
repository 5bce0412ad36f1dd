"""Support enumeration for bimatrix games (float64 kernel).

For equal-size supports ``I`` (rows) and ``J`` (columns), ``|I| = |J| = k``, a Nash
equilibrium with exactly these supports solves the indifference systems

    x_I^T B[I, J] = u 1,  sum x_I = 1,        A[I, J] y_J = v 1,  sum y_J = 1,

and is an equilibrium iff ``x_I > 0``, ``y_J > 0`` and no action outside the supports does
better (``x^T B <= u``, ``A y <= v``).  In a nondegenerate game every equilibrium arises this
way, from a nonsingular system (von Stengel 2002, Handbook of Game Theory vol. 3, Thm 2.10 and
Algorithm 2.9; Porter, Nudelman & Shoham 2008 order supports by size, as here).

With positive payoffs ``u, v > 0`` and the systems become ``B[I, J]^T z = 1``, ``z = x / u``
(``z > 0`` iff ``x > 0``).  For a fixed ``I`` the column sets ``J`` are enumerated
depth-first in lexicographic order, and the rows ``B[I, j]`` of the system are eliminated
incrementally (row-wise Gaussian elimination with column pivoting): a node eliminates its
new pivot from every later candidate row once (``O(k)`` per child), so a leaf costs ``O(1)``
and a linearly dependent prefix prunes its whole subtree.  So does a prefix whose equations
admit no ``z > 0``: a reduced row ``r.z = r0`` is a consequence of the prefix, and on the
region ``z >= 0``, ``sum z <= 1 / min B`` (implied by a tight column ``B[I, j].z = 1``)
``r.z`` lies in ``[min(0, min r), max(0, max r)] / min B``; ``r0`` outside it (by a
margin) means no leaf below has ``x > 0`` (so neither an equilibrium nor a degeneracy
witness).  The y-system is solved only for the rare leaves whose x passes.

Degeneracy witnesses: a leaf whose ``x`` is positive on ``I`` and has more than ``k`` pure
best responses proves the game degenerate.  Every vertex ``x`` of the best-response polytope
``P`` is the solution of a nonsingular system ``(I, J)`` with ``J`` a subset of its best
responses, so this test at all leaves finds a witness iff some row strategy has more best
responses than its support size (a degenerate game has a degenerate vertex of ``P`` or ``Q``;
run on the transposed game for the column side).

Output info: ``[status, count, pairs visited, singular prefixes, degeneracy witnesses]``;
status 0 ok, 1 max_pairs reached (truncated), 2 output capacity full (call again with more),
3 ``stop_wit`` witnesses found.
"""

import numpy as np
from numba import njit, prange

SE_OK = 0
SE_TRUNCATED = 1
SE_FULL = 2
SE_WITNESSES = 3


@njit(cache=True, error_model="numpy")
def _next_comb(I, k, m):
    """Advance combination ``I`` (size k of range(m)) lexicographically; False when done."""
    t = k - 1
    while t >= 0 and I[t] == m - k + t:
        t -= 1
    if t < 0:
        return False
    I[t] += 1
    for s in range(t + 1, k):
        I[s] = I[s - 1] + 1
    return True


@njit(cache=True, error_model="numpy")
def _solve_small(M, rhs, k, out):
    """Solve ``M[:k, :k] out = rhs[:k]`` by partial pivoting (M, rhs overwritten); False if singular."""
    for c in range(k):
        p = c
        best = abs(M[c, c])
        for r in range(c + 1, k):
            if abs(M[r, c]) > best:
                best = abs(M[r, c])
                p = r
        if best < 1e-13:
            return False
        if p != c:
            for cc in range(k):
                tmp = M[c, cc]
                M[c, cc] = M[p, cc]
                M[p, cc] = tmp
            tmp = rhs[c]
            rhs[c] = rhs[p]
            rhs[p] = tmp
        for r in range(c + 1, k):
            f = M[r, c] / M[c, c]
            if f != 0.0:
                for cc in range(c, k):
                    M[r, cc] -= f * M[c, cc]
                rhs[r] -= f * rhs[c]
    for c in range(k - 1, -1, -1):
        s = rhs[c]
        for cc in range(c + 1, k):
            s -= M[c, cc] * out[cc]
        out[c] = s / M[c, c]
    return True


@njit(cache=True, error_model="numpy")
def _leaf(A, B, I, Jc, k, z, tol, pos_tol, M, rhs, w, xb, ay, out_x, out_y, out_I, out_J, count,
          stats, xonly, wit):
    """Test the support pair (I, Jc) given z = x / u; record it.  Returns the new count or -1 (full).

    ``stats[0]`` counts singular y-systems, ``stats[1]`` degeneracy witnesses: row strategies
    ``x`` with support ``I`` (``x > 0`` on ``I``) and more than ``k`` pure best responses
    (columns within ``tol`` of the best).  The first ``wit.shape[0]`` witnesses are stored in
    ``wit`` as ``[k, I..., Jc...]``.  ``xonly``: test only the row side (no y-system, no
    output).
    """
    m, n = A.shape
    zs = 0.0
    zmax = 0.0
    for c in range(k):
        zs += z[c]
        if abs(z[c]) > zmax:
            zmax = abs(z[c])
    if zs <= 0.0:
        return count
    for c in range(k):
        if z[c] <= pos_tol * zmax:
            return count
    u = 1.0 / zs
    # column player's payoffs against x
    xb[:] = 0.0
    for c in range(k):
        xc = z[c] / zs
        i = I[c]
        for jj in range(n):
            xb[jj] += xc * B[i, jj]
    nbr = 0
    for jj in range(n):
        if xb[jj] > u + tol:
            return count
        if xb[jj] >= u - tol:
            nbr += 1
    if nbr > k:
        # x has support size k and more than k pure best responses: the game is degenerate
        # (von Stengel 2002, Def. 2.5), whether or not an equilibrium uses x
        if stats[1] < wit.shape[0]:
            r = stats[1]
            wit[r, 0] = k
            for c in range(k):
                wit[r, 1 + c] = I[c]
                wit[r, 1 + k + c] = Jc[c]
        stats[1] += 1
    if xonly:
        return count
    # y-system: A[I, J] w = 1
    for a in range(k):
        for b in range(k):
            M[a, b] = A[I[a], Jc[b]]
        rhs[a] = 1.0
    if not _solve_small(M, rhs, k, w):
        stats[0] += 1
        return count
    ws = 0.0
    wmax = 0.0
    for c in range(k):
        ws += w[c]
        if abs(w[c]) > wmax:
            wmax = abs(w[c])
    if ws <= 0.0:
        return count
    for c in range(k):
        if w[c] <= pos_tol * wmax:
            return count
    v = 1.0 / ws
    ay[:] = 0.0
    for c in range(k):
        yc = w[c] / ws
        jj = Jc[c]
        for i in range(m):
            ay[i] += A[i, jj] * yc
    for i in range(m):
        if ay[i] > v + tol:
            return count
    if count >= out_x.shape[0]:
        return -1
    out_x[count, :] = 0.0
    out_y[count, :] = 0.0
    for c in range(k):
        out_x[count, I[c]] = z[c] / zs
        out_y[count, Jc[c]] = w[c] / ws
    out_I[count] = k
    out_J[count] = k
    return count + 1


@njit(cache=True)
def _col_masks(B):
    """``H[j, j2]``: bitmask of rows where column ``j2`` pays the column player strictly more.

    Given a row support ``I`` (as a bitmask), column ``j`` is strictly dominated by ``j2``
    conditionally on ``I`` iff ``I & ~H[j, j2] == 0``; it is then never a best response to an
    ``x`` with support ``I`` (Porter, Nudelman & Shoham 2008, conditional dominance).
    """
    m, n = B.shape
    H = np.zeros((n, n), np.int64)
    if m <= 62:
        for j in range(n):
            for j2 in range(n):
                if j2 != j:
                    h = np.int64(0)
                    for i in range(m):
                        if B[i, j2] > B[i, j]:
                            h |= np.int64(1) << i
                    H[j, j2] = h
    return H


@njit(cache=True, error_model="numpy")
def _enum_I(A, B, H, I, k, tol, pos_tol, sing_tol, max_pairs, bscale,
            J, Jc, R, Rinv, Rr, piv, used, z, z0, d, row, M, rhs, w, xb, ay, cols,
            out_x, out_y, out_I, out_J, count, stats, xonly, wit, stop_wit):
    """All equilibria with row support ``I[:k]`` and a ``k``-column support.

    ``stats = [singular y-systems, degeneracy witnesses, pairs, singular prefixes, status]``;
    returns the new output count (status set to SE_FULL / SE_TRUNCATED / SE_WITNESSES when
    stopping; the last once ``stop_wit`` witnesses are found).
    """
    m, n = A.shape
    nc = 0
    bmin = np.inf
    for c in range(k):
        for jj in range(n):
            if B[I[c], jj] < bmin:
                bmin = B[I[c], jj]
    if m <= 62:
        imask = np.int64(0)
        for c in range(k):
            imask |= np.int64(1) << I[c]
        for j in range(n):
            dom = False
            for j2 in range(n):
                if j2 != j and (imask & ~H[j, j2]) == 0:
                    dom = True
                    break
            if not dom:
                cols[nc] = j
                nc += 1
    else:
        for j in range(n):
            cols[j] = j
        nc = n
    if nc < k:
        return count
    if k == 1:
        i0 = I[0]
        for idx in range(nc):
            j = cols[idx]
            Jc[0] = j
            if stats[2] >= max_pairs:
                stats[4] = SE_TRUNCATED
                return count
            stats[2] += 1
            z[0] = 1.0 / B[i0, j]
            c2 = _leaf(A, B, I, Jc, 1, z, tol, pos_tol, M, rhs, w, xb, ay,
                       out_x, out_y, out_I, out_J, count, stats, xonly, wit)
            if c2 < 0:
                stats[4] = SE_FULL
                return count
            count = c2
            if stats[1] >= stop_wit:
                stats[4] = SE_WITNESSES
                return count
        return count
    # depth-first over the first k-1 columns with incremental elimination; Red[t, idx] is
    # candidate row B[I, cols[idx]] reduced against the pivots of levels < t (Redr: its rhs)
    Red = np.empty((k - 1, nc, k))
    Redr = np.empty((k - 1, nc))
    for idx in range(nc):
        jj = cols[idx]
        for c in range(k):
            Red[0, idx, c] = B[I[c], jj]
        Redr[0, idx] = 1.0
    t = 0
    J[0] = -1
    for c in range(k):
        used[c] = False
        piv[c] = -1
    last = k - 2
    while t >= 0:
        if J[t] >= 0 and piv[t] >= 0:
            used[piv[t]] = False
            piv[t] = -1
        J[t] += 1
        if J[t] > nc - (k - t):
            t -= 1
            continue
        jt = J[t]
        j = cols[jt]
        Jc[t] = j
        # the candidate row, already reduced against the prefix's pivots by the parent
        for c in range(k):
            row[c] = Red[t, jt, c]
        r0 = Redr[t, jt]
        if bmin > 0.0:
            # positivity prune: every z of the subtree has z > 0 and sum z <= 1 / bmin (one
            # column is tight, B >= bmin), so row.z = r0 needs r0 within
            # [min(0, row) / bmin, max(0, row) / bmin]; otherwise no leaf below has z > 0
            rmax = 0.0
            rmin = 0.0
            for c in range(k):
                if row[c] > rmax:
                    rmax = row[c]
                elif row[c] < rmin:
                    rmin = row[c]
            rb0 = r0 * bmin
            if rb0 > rmax + 1e-11 or rb0 < rmin - 1e-11:
                continue
        best = -1.0
        bc = -1
        for c in range(k):
            if not used[c]:
                a = abs(row[c])
                if a > best:
                    best = a
                    bc = c
        if best <= sing_tol * bscale:
            # B[I, J_prefix] rows dependent: every completion is singular
            stats[3] += 1
            continue
        for c in range(k):
            R[t, c] = row[c]
        Rr[t] = r0
        Rinv[t] = 1.0 / row[bc]
        piv[t] = bc
        used[bc] = True
        if t < last:
            # eliminate the new pivot from every later candidate once (O(k) per child
            # instead of re-eliminating each child against the whole prefix, O(k t))
            rb = Rinv[t]
            for idx2 in range(jt + 1, nc):
                f = Red[t, idx2, bc] * rb
                for c in range(k):
                    Red[t + 1, idx2, c] = Red[t, idx2, c] - f * row[c]
                Red[t + 1, idx2, bc] = 0.0
                Redr[t + 1, idx2] = Redr[t, idx2] - f * r0
            t += 1
            J[t] = J[t - 1]
            piv[t] = -1
            continue
        # ---- k-1 rows fixed: the line z0 + s d -------------------------------------------
        fc = 0
        for c in range(k):
            if not used[c]:
                fc = c
        z0[fc] = 0.0
        d[fc] = 1.0
        for p in range(last, -1, -1):
            pc = piv[p]
            a0 = Rr[p]
            a1 = -R[p, fc]
            for q in range(p + 1, last + 1):
                qc = piv[q]
                a0 -= R[p, qc] * z0[qc]
                a1 -= R[p, qc] * d[qc]
            z0[pc] = a0 * Rinv[p]
            d[pc] = a1 * Rinv[p]
        lo = -np.inf
        hi = np.inf
        for c in range(k):
            if d[c] > 0.0:
                q = -z0[c] / d[c]
                if q > lo:
                    lo = q
            elif d[c] < 0.0:
                q = -z0[c] / d[c]
                if q < hi:
                    hi = q
            elif z0[c] <= 0.0:
                hi = -np.inf
        nleaves = nc - 1 - J[t]
        pl = piv[last]
        rbl = Rinv[last]
        rfc = R[last, fc]
        rrl = Rr[last]
        dsum = 0.0
        for c in range(k):
            dsum += abs(d[c])
        if not (lo < hi):
            if stats[2] + nleaves > max_pairs:
                stats[2] = max_pairs
                stats[4] = SE_TRUNCATED
                return count
            stats[2] += nleaves
            continue
        for idx in range(J[t] + 1, nc):
            if stats[2] >= max_pairs:
                stats[4] = SE_TRUNCATED
                return count
            stats[2] += 1
            # the leaf row reduced against the last pivot too: only its free entry is left,
            # rd = B[I, j].d, and its right-hand side is 1 - B[I, j].z0 (O(1) per leaf)
            f = Red[last, idx, pl] * rbl
            rd = Red[last, idx, fc] - f * rfc
            if abs(rd) <= sing_tol * dsum:
                stats[3] += 1
                continue
            s_ = (Redr[last, idx] - f * rrl) / rd
            if not (lo < s_ < hi):
                continue
            j = cols[idx]
            for c in range(k):
                z[c] = z0[c] + s_ * d[c]
            Jc[k - 1] = j
            c2 = _leaf(A, B, I, Jc, k, z, tol, pos_tol, M, rhs, w, xb, ay,
                       out_x, out_y, out_I, out_J, count, stats, xonly, wit)
            if c2 < 0:
                stats[4] = SE_FULL
                return count
            count = c2
            if stats[1] >= stop_wit:
                stats[4] = SE_WITNESSES
                return count
    return count


@njit(cache=True, error_model="numpy")
def support_enumeration_kernel(A, B, tol, pos_tol, sing_tol, max_pairs, out_x, out_y, out_I, out_J,
                               out_info):
    """:func:`support_enumeration_witness_kernel` without stored witnesses (``out_info[4]``
    still counts them)."""
    wit = np.zeros((0, 1), np.int64)
    support_enumeration_witness_kernel(A, B, tol, pos_tol, sing_tol, max_pairs, out_x, out_y, out_I,
                                       out_J, out_info, False, wit, np.iinfo(np.int64).max)


@njit(cache=True, error_model="numpy")
def support_enumeration_witness_kernel(A, B, tol, pos_tol, sing_tol, max_pairs, out_x, out_y, out_I,
                                       out_J, out_info, xonly, wit, stop_wit):
    """All equal-size-support equilibria of the positive bimatrix game ``(A, B)`` (serial).

    ``out_x`` (cap, m), ``out_y`` (cap, n) receive the strategies, ``out_I`` the index of the
    row support in enumeration order and ``out_J`` the support size.  ``tol``: best-response
    tolerance; ``pos_tol``: a support probability must exceed ``pos_tol`` times the largest;
    ``sing_tol``: relative pivot threshold.

    The last level of the depth-first search is done in closed form: with ``k - 1`` rows fixed
    the solutions form a line ``z0 + s d``; the last row ``r`` gives
    ``s = (1 - r.z0) / (r.d)``, and ``z > 0`` holds only for ``s`` in an interval computed once
    per line (empty interval: the whole last level is skipped).

    ``xonly``: only look for degeneracy witnesses (row strategies with support size ``k`` and
    more than ``k`` best responses, stored in ``wit``; see :func:`_leaf`), stopping after
    ``stop_wit`` of them.

    ``out_info = [status, count, pairs visited, singular systems, degeneracy witnesses]``.
    """
    m, n = A.shape
    kmax = min(m, n)
    H = _col_masks(B)
    bscale = np.abs(B).max()
    I = np.empty(kmax, np.int64)
    J = np.empty(kmax, np.int64)
    Jc = np.empty(kmax, np.int64)
    R = np.empty((kmax, kmax))
    Rinv = np.empty(kmax)
    Rr = np.empty(kmax)
    piv = np.empty(kmax, np.int64)
    used = np.zeros(kmax, np.bool_)
    z = np.empty(kmax)
    z0 = np.empty(kmax)
    d = np.empty(kmax)
    row = np.empty(kmax)
    M = np.empty((kmax, kmax))
    rhs = np.empty(kmax)
    w = np.empty(kmax)
    xb = np.empty(n)
    ay = np.empty(m)
    cols = np.empty(n, np.int64)
    stats = np.zeros(5, np.int64)
    count = 0
    irank = 0
    for k in range(1, kmax + 1):
        for s_ in range(k):
            I[s_] = s_
        more_I = True
        while more_I:
            c0 = count
            count = _enum_I(A, B, H, I, k, tol, pos_tol, sing_tol, max_pairs, bscale,
                            J, Jc, R, Rinv, Rr, piv, used, z, z0, d, row, M, rhs, w, xb, ay, cols,
                            out_x, out_y, out_I, out_J, count, stats, xonly, wit, stop_wit)
            for e in range(c0, count):
                out_I[e] = irank
            irank += 1
            if stats[4] != SE_OK:
                break
            more_I = _next_comb(I, k, m)
        if stats[4] != SE_OK:
            break
    out_info[0] = stats[4]
    out_info[1] = count
    out_info[2] = stats[2]
    out_info[3] = stats[0] + stats[3]
    out_info[4] = stats[1]


@njit(cache=True, parallel=True, error_model="numpy")
def support_enumeration_parallel(A, B, tol, pos_tol, sing_tol, supports, sizes, nthreads,
                                 out_x, out_y, out_I, out_J, out_count, out_stats, xonly, wit,
                                 stop_wit):
    """Parallel version over the row supports ``supports[r, :sizes[r]]`` (all of them, in order).

    Thread ``t`` handles rows ``t, t + nthreads, ...`` and writes into ``out_x[t]`` etc.;
    ``out_I[t, e]`` is the row-support index so the caller can restore the serial order;
    ``wit[t]`` receives thread ``t``'s degeneracy witnesses (``xonly``, ``stop_wit``: as in
    :func:`support_enumeration_kernel`, per thread).
    """
    m, n = A.shape
    kmax = min(m, n)
    H = _col_masks(B)
    bscale = np.abs(B).max()
    nsup = supports.shape[0]
    big = np.iinfo(np.int64).max
    for t in prange(nthreads):
        I = np.empty(kmax, np.int64)
        J = np.empty(kmax, np.int64)
        Jc = np.empty(kmax, np.int64)
        R = np.empty((kmax, kmax))
        Rinv = np.empty(kmax)
        Rr = np.empty(kmax)
        piv = np.empty(kmax, np.int64)
        used = np.zeros(kmax, np.bool_)
        z = np.empty(kmax)
        z0 = np.empty(kmax)
        d = np.empty(kmax)
        row = np.empty(kmax)
        M = np.empty((kmax, kmax))
        rhs = np.empty(kmax)
        w = np.empty(kmax)
        xb = np.empty(n)
        ay = np.empty(m)
        cols = np.empty(n, np.int64)
        stats = np.zeros(5, np.int64)
        ox = out_x[t]
        oy = out_y[t]
        oI = out_I[t]
        oJ = out_J[t]
        count = 0
        for r in range(t, nsup, nthreads):
            k = sizes[r]
            for c in range(k):
                I[c] = supports[r, c]
            c0 = count
            count = _enum_I(A, B, H, I, k, tol, pos_tol, sing_tol, big, bscale,
                            J, Jc, R, Rinv, Rr, piv, used, z, z0, d, row, M, rhs, w, xb, ay, cols,
                            ox, oy, oI, oJ, count, stats, xonly, wit[t], stop_wit)
            for e in range(c0, count):
                oI[e] = r
            if stats[4] != SE_OK:
                break
        out_count[t] = count
        for q in range(5):
            out_stats[t, q] = stats[q]
