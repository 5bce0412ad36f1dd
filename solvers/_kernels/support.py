"""Support enumeration for bimatrix games (float64 kernel).

For equal-size supports ``I`` (rows) and ``J`` (columns), ``|I| = |J| = k``, a Nash
equilibrium with exactly these supports solves the indifference systems

    x_I^T B[I, J] = u 1,  sum x_I = 1,        A[I, J] y_J = v 1,  sum y_J = 1,

and is an equilibrium iff ``x_I > 0``, ``y_J > 0`` and no action outside the supports does
better (``x^T B <= u``, ``A y <= v``).  In a nondegenerate game every equilibrium arises this
way, from a nonsingular system (von Stengel 2002, Handbook of Game Theory vol. 3, Thm 2.10 and
Algorithm 2.9; Porter, Nudelman & Shoham 2008 order supports by size, as here).

With positive payoffs ``u, v > 0`` and the systems become ``B[I, J]^T z = 1``, ``z = x / u``
(``z > 0`` iff ``x > 0``). For a fixed ``I`` the column sets ``J`` are enumerated depth-first
in lexicographic order (of the columns ordered as below), and the rows ``B[I, j]`` of the
system are eliminated incrementally (row-wise Gaussian elimination with column pivoting): a
node eliminates its new pivot from every later candidate row once (``O(k)`` per child), so a
leaf costs ``O(1)`` and a linearly dependent prefix prunes its whole subtree. So does a prefix
whose equations admit no ``z > 0``: a reduced row ``r.z = r0`` is a consequence of the prefix,
and on the region ``z >= 0``, ``w.z = 1`` (``w = B[I, j0]``, the first column of ``J``, whose
entries are positive) ``r.z`` lies in ``[min_c r_c / w_c, max_c r_c / w_c]`` (the simplex's
vertices are ``e_c / w_c``; ``r`` is 0 on the pivot coordinates, so the interval contains 0);
``r0`` outside it (by a margin) means no leaf whose equations include this row has ``x > 0``
(so neither an equilibrium nor a degeneracy witness): the row is dropped from the candidates of
the whole subtree. The y-system is solved only for the rare leaves whose x passes.

Best-response prune: a row dropped that way because ``r.z > r0`` on the whole region (by more
than ``tol / min B``: then ``u B[I, j].z > u + tol`` with ``u = 1 / sum z >= min B``) belongs
to a column that never joins ``J`` in the subtree and beats the tight columns at every ``x`` of
it, so no leaf of the subtree passes the best-response test (neither an equilibrium nor a
degeneracy witness): the subtree is skipped. At the last level the candidates are the rows of
the leaves: one that is always better skips the line before its back-substitution. The margin
adds ``1e-11 / min B`` times a running bound on the magnitudes met in the row's elimination
(rounding).
The columns are ordered by increasing payoff sum over ``I``, so the strong ones, the likely
better replies, stay candidates (and are tested) under most prefixes: at 12 x 12 this halves
the leaves visited.

Degeneracy witnesses: a leaf whose ``x`` is positive on ``I`` and has more than ``k`` pure
best responses proves the game degenerate.  Every vertex ``x`` of the best-response polytope
``P`` is the solution of a nonsingular system ``(I, J)`` with ``J`` a subset of its best
responses, so this test at all leaves finds a witness iff some row strategy has more best
responses than its support size (a degenerate game has a degenerate vertex of ``P`` or ``Q``;
run on the transposed game for the column side).

Compilation: the kernel is one ``@njit`` function, called with one signature from every call
site, so a cold numba cache compiles it once (helpers called from a kernel are re-optimized
and re-emitted inside every caller, and each literal-typed argument adds a specialization).
It allocates nothing (:func:`workspace` prepares its arrays in NumPy), so it compiles without
numba's reference counting (``_nrt=False``), and it is serial and ``nogil``: the caller runs
chunks of row supports in threads (no parfor machinery to compile).  Sign tests whose outcome
is unpredictable are written branch-free (``max``/``min``, compaction by adding booleans):
branch mispredictions, not arithmetic, dominate the search.

Column side: :func:`vertex_walk_kernel` walks every vertex of ``{y >= 0 : A y <= 1}`` and says
whether all of them are clearly nondegenerate, which certifies that no column strategy has more
best responses than its support size without a second support pass (the caller falls back to
the witness-only pass on the transposed game when it cannot tell).

Vertex path: :func:`vertex_equilibria_kernel` takes the basis tables of clean walks of both
polytopes, pairs each vertex of ``Q`` with the vertex of ``P`` carrying the complementary labels,
and solves each such pair with this kernel's arithmetic at its leaf (the caller then needs no
pass at all).

Output info: ``[status, count, pairs visited, singular prefixes, degeneracy witnesses]``;
status 0 ok, 1 max_pairs reached (truncated), 2 output capacity full (call again with more),
3 ``stop_wit`` witnesses found, 4 output capacity full by an equilibrium with the same row
support as the last stored one (:func:`support_enumeration_kernel` then puts the first ones in
the order of ``(row support, column support)`` in the output, as a lexicographic search would).
"""

import numpy as np
from numba import njit

SE_OK = 0
SE_TRUNCATED = 1
SE_FULL = 2
SE_WITNESSES = 3
SE_FULL_ROW = 4

#: "no limit" for ``max_pairs`` / ``stop_wit``
NO_LIMIT = 9223372036854775807


def workspace(shape) -> tuple:
    """The last seven arguments of :func:`support_enumeration_witness_kernel` for an m x n game
    (``shape``: ``(m, n)``): the work arrays
    ``(iw, fw, fm, Red, Redr, Lc, H)``.  They depend on the shape only, hold no data between
    calls (the kernel fills them), and one set serves every call made in one thread.

    The kernel fills ``H[j, j2]`` with the bitmask of the rows where column ``j2`` pays the
    column player strictly more than ``j``: given the row support ``I`` (a bitmask), ``j`` is
    strictly dominated conditionally on ``I`` iff ``I & ~H[j, j2] == 0`` for some ``j2``
    (Porter, Nudelman & Shoham 2008; no such pruning when ``m > 62``).  ``fw[6]`` holds the row
    minima of ``B``, ``fw[8]`` the inverses ``1 / B[I, j0]`` of the search's first column;
    ``Redr[:kmax]`` the reduced right-hand sides and ``Redr[kmax:]`` the rounding bounds of the
    reduced rows.
    The caller allocates everything, so the kernel allocates nothing and
    compiles without numba's reference counting.
    """
    m, n = shape
    kmax = min(m, n)
    nm = max(m, n)
    return (np.zeros((8, nm), np.int64), np.zeros((9, nm)), np.zeros((2, kmax, kmax + 1)),
            np.zeros((kmax, n, kmax)), np.zeros((2 * kmax, n)), np.zeros((kmax, n), np.int64),
            np.zeros((n, n), np.int64))


def _run_all(kernel, A, B, tol, pos_tol, sing_tol, max_pairs, out_x, out_y, out_I, out_J, out_info):
    out_x[:] = 0.0
    out_y[:] = 0.0
    wit = np.zeros((0, 1), np.int64)
    ws = workspace(B.shape)
    kernel(A, B, float(tol), float(pos_tol), float(sing_tol), int(max_pairs), out_x, out_y, out_I, out_J,
           out_info, False, wit, NO_LIMIT, 0, 1, *ws)
    if out_info[0] == SE_FULL_ROW:
        # every equilibrium of the last stored row support r (t0 = r with a step beyond every
        # rank: only r is searched), sorted by column support; they replace the stored ones of r
        r = int(out_I[out_info[1] - 1])
        cap = 4 * out_x.shape[0]
        while True:
            ox, oy = np.zeros((cap, out_x.shape[1])), np.zeros((cap, out_y.shape[1]))
            oI, oJ, info = np.zeros(cap, np.int64), np.zeros(cap, np.int64), np.zeros(5, np.int64)
            kernel(A, B, float(tol), float(pos_tol), float(sing_tol), NO_LIMIT, ox, oy, oI, oJ, info, False,
                   wit, NO_LIMIT, r, NO_LIMIT, *ws)
            if info[0] != SE_FULL and info[0] != SE_FULL_ROW:
                break
            cap *= 4
        order = sorted(range(int(info[1])), key=lambda e: np.flatnonzero(oy[e] > 0).tolist())
        first = int(np.count_nonzero(out_I[:out_info[1]] != r))
        for pos, e in zip(range(first, out_x.shape[0]), order):
            out_x[pos] = ox[e]
            out_y[pos] = oy[e]
        out_info[0] = SE_FULL
    c = int(out_info[1])
    if c > 1:
        # within a row support, in lexicographic order of the column supports
        order = sorted(range(c), key=lambda e: (int(out_I[e]), np.flatnonzero(out_y[e] > 0).tolist()))
        out_x[:c] = out_x[order]
        out_y[:c] = out_y[order]


def support_enumeration_kernel(A, B, tol, pos_tol, sing_tol, max_pairs, out_x, out_y, out_I, out_J, out_info):
    """:func:`support_enumeration_witness_kernel` on every row support, without stored
    witnesses (``out_info[4]`` still counts them); a plain function preparing the workspace.
    ``support_enumeration_kernel.py_func`` runs the same in pure Python (the kernel's
    ``py_func``).

    When the output fills up (status ``SE_FULL``) it holds the first equilibria in the order
    of support size, row support, then column support (lexicographic), as
    :func:`solvers.solve_batch` expects ("the first equilibrium in support-enumeration
    order"): the kernel searches the columns of a row support in another order, so when the
    overflowing equilibrium shares the row support of the last stored one (``SE_FULL_ROW``),
    that row support is solved again alone and its equilibria sorted.
    """
    _run_all(support_enumeration_witness_kernel, A, B, tol, pos_tol, sing_tol, max_pairs, out_x, out_y,
             out_I, out_J, out_info)


def _support_enumeration_kernel_py(A, B, tol, pos_tol, sing_tol, max_pairs, out_x, out_y, out_I, out_J,
                                   out_info):
    _run_all(support_enumeration_witness_kernel.py_func, A, B, tol, pos_tol, sing_tol, max_pairs, out_x,
             out_y, out_I, out_J, out_info)


support_enumeration_kernel.py_func = _support_enumeration_kernel_py


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def support_enumeration_witness_kernel(A, B, tol, pos_tol, sing_tol, max_pairs, out_x, out_y, out_I,
                                       out_J, out_info, xonly, wit, stop_wit, t0, step, iw, fw, fm, Red,
                                       Redr, Lc, H):
    """All equal-size-support equilibria of the positive bimatrix game ``(A, B)`` (serial,
    ``nogil``, allocates nothing: the work arrays come from :func:`workspace`).

    Row supports ``I`` are enumerated by size ``k``, then lexicographically; the one of rank
    ``r`` in that order is processed iff ``r % step == t0`` (``t0=0, step=1``: all of them;
    ``step`` threads with ``t0 = 0..step-1`` split the work).  For each ``I``, the columns
    strictly dominated conditionally on ``I`` are dropped (Porter, Nudelman & Shoham 2008)
    and the ``k``-column sets ``J`` are enumerated depth-first with incremental elimination
    (see the module docstring).  The last level is done in closed form: with ``k - 1``
    columns fixed the solutions form a line ``z0 + s d``; the last column ``r`` gives
    ``s = (1 - r.z0) / (r.d)``, and ``z > 0`` holds only for ``s`` in an interval computed
    once per line (empty interval: the whole last level is skipped).  ``k = 1`` is the line
    ``z = s`` with no column fixed.

    Each leaf ``(I, J)`` with ``z > 0`` is tested: the row strategy ``x = z / sum z`` must
    make no column better than ``J`` (``tol``: best-response tolerance; ``pos_tol``: a
    support probability must exceed ``pos_tol`` times the largest); if it has more than ``k``
    pure best responses it is a degeneracy witness (stored in ``wit`` as
    ``[k, I..., J...]``, the first ``wit.shape[0]`` of them); then, unless ``xonly``, the
    y-system ``A[I, J] w = 1`` is solved (Gauss-Jordan with partial pivoting; ``sing_tol``:
    relative pivot threshold of the x side) and the pair is an equilibrium if ``w > 0`` and
    no row beats ``I``.

    ``out_x`` (cap, m), ``out_y`` (cap, n), zero on entry, receive the strategies, ``out_I``
    the rank of the row support and ``out_J`` the support size.  ``max_pairs``: stop after
    visiting this many leaves (status ``SE_TRUNCATED``); ``stop_wit``: stop after this many
    witnesses (status ``SE_WITNESSES``); a full output gives ``SE_FULL`` (call again with
    more room).

    ``out_info = [status, count, pairs visited, singular systems, degeneracy witnesses]``.
    """
    m, n = A.shape
    kmax = min(m, n)
    I = iw[0]
    J = iw[1]
    Jc = iw[2]
    piv = iw[3]
    used = iw[4]
    cols = iw[5]
    cand = iw[6]
    nl = iw[7]
    Rinv = fw[0]
    Rr = fw[1]
    z = fw[2]
    z0 = fw[3]
    d = fw[4]
    w = fw[5]
    rowmin = fw[6]
    invw = fw[8]
    sv = fw[7]
    R = fm[0]
    M = fm[1]
    # the row minima of B, bscale = max |B| and the conditional dominance masks H (see
    # workspace(); exact in int64 for m <= 62)
    usedom = m <= 62
    bscale = 0.0
    for i in range(m):
        bm = np.inf
        for j in range(n):
            bm = min(bm, B[i, j])
            bscale = max(bscale, abs(B[i, j]))
        rowmin[i] = bm
    if usedom:
        for j in range(n):
            for j2 in range(n):
                h = np.int64(0)
                for i in range(m):
                    if B[i, j2] > B[i, j]:
                        h |= np.int64(1) << i
                H[j, j2] = h
    status = SE_OK
    count = np.int64(0)
    pairs = np.int64(0)
    nsing = np.int64(0)
    nwit = np.int64(0)
    irank = np.int64(0)
    for k in range(1, kmax + 1):
        for c in range(k):
            I[c] = c
        more_I = True
        while more_I:
            if irank % step == t0:
                # ---- the row support I[:k]: smallest payoff, bitmask; no pivots yet ----------
                bmin = np.inf
                imask = np.int64(0)
                for c in range(k):
                    if rowmin[I[c]] < bmin:
                        bmin = rowmin[I[c]]
                    if usedom:
                        imask |= np.int64(1) << I[c]
                    used[c] = 0
                    piv[c] = -1
                # the columns not strictly dominated given I, and their rows B[I, j] (level 0 of
                # Red[t, idx]: candidate row idx reduced against the pivots of levels < t)
                nc = 0
                for j in range(n):
                    dom = False
                    if usedom:
                        for j2 in range(n):
                            if (imask & ~H[j, j2]) == 0:
                                dom = True
                                break
                    if not dom:
                        # insertion by increasing payoff sum over I: the strong columns come
                        # last, so they stay candidates of most prefixes, where the
                        # best-response prune tests them
                        key = 0.0
                        for c in range(k):
                            key = key + B[I[c], j]
                        pos = nc
                        while pos > 0 and sv[pos - 1] > key:
                            sv[pos] = sv[pos - 1]
                            cols[pos] = cols[pos - 1]
                            pos -= 1
                        sv[pos] = key
                        cols[pos] = j
                        nc += 1
                for idx in range(nc):
                    for c in range(k):
                        Red[0, idx, c] = B[I[c], cols[idx]]
                    Redr[0, idx] = 1.0
                    Redr[kmax, idx] = bscale + 1.0
                if nc >= k:
                    last = k - 2
                    brp = bmin > 0.0
                    # (in units of z: r.z - r0 > tol / bmin gives u B[I, j].z > u + tol; the
                    # rounding margin is relative to the magnitudes in B, so also / bmin)
                    tolb = tol / bmin
                    mrg = 1e-11 / bmin
                    pivsum = 0
                    fc = 0
                    lstart = 0
                    pl = 0
                    rbl = 0.0
                    rfc = 0.0
                    rrl = 0.0
                    # Lc[t, :nl[t]]: the candidate rows (indices into Red[t]) still possible
                    # at level t; a row whose reduced equation has no z > 0 is dropped for the
                    # whole subtree (any superset of its equations has none either)
                    for idx in range(nc):
                        Lc[0, idx] = idx
                    nl[0] = nc
                    lv = max(last, 0)
                    t = 0
                    J[0] = -1
                    first = True
                    while True:
                        # ---- next line: k - 1 columns fixed (none when k == 1) -------------
                        if k == 1:
                            if not first:
                                break
                            z0[0] = 0.0
                            d[0] = 1.0
                        else:
                            # depth-first search, resumed after the previous line
                            found = False
                            while t >= 0:
                                if J[t] >= 0 and piv[t] >= 0:
                                    used[piv[t]] = 0
                                    pivsum -= piv[t]
                                    piv[t] = -1
                                J[t] += 1
                                if J[t] > nl[t] - (k - t):
                                    t -= 1
                                    continue
                                jt = Lc[t, J[t]]
                                # the candidate row, already reduced against the prefix's pivots
                                # (and found possible) by the parent: its largest free entry
                                r0 = Redr[t, jt]
                                wp = Redr[kmax + t, jt]
                                best = -1.0
                                bc = -1
                                for c in range(k):
                                    a = Red[t, jt, c]
                                    R[t, c] = a
                                    aa = abs(a) if used[c] == 0 else -1.0
                                    if aa > best:
                                        best = aa
                                        bc = c
                                if best <= sing_tol * bscale:
                                    # B[I, J_prefix] rows dependent: every completion is singular
                                    nsing += 1
                                    continue
                                Jc[t] = cols[jt]
                                Rr[t] = r0
                                Rinv[t] = 1.0 / R[t, bc]
                                if t == 0:
                                    # the first tight column: every z below has B[I, j0].z = 1
                                    for c in range(k):
                                        invw[c] = 1.0 / R[0, c]
                                piv[t] = bc
                                pivsum += bc
                                used[bc] = 1
                                # eliminate the new pivot from every later candidate once
                                # (O(k) per child instead of O(k t) per child; at the last
                                # level the candidates are the leaves' rows)
                                # and keep a row only if its equation admits z > 0: every
                                # z of the subtree has z >= 0 and w.z = 1 (w = B[I, j0], j0
                                # the first column, tight), so row.z = r0 needs r0 within
                                # [min, max] of row / w (positivity prune).
                                # A dropped row never joins J below; if row.z > r0 on the
                                # whole region (by more than tol / bmin), its column beats the
                                # tight ones at every x of the subtree: prune it (best-response
                                # prune)
                                rb = Rinv[t]
                                pr = False
                                nl1 = 0
                                for pos2 in range(J[t] + 1, nl[t]):
                                    idx2 = Lc[t, pos2]
                                    f = Red[t, idx2, bc] * rb
                                    rmax = 0.0
                                    rmin = 0.0
                                    for c in range(k):
                                        a = Red[t, idx2, c] - f * R[t, c]
                                        Red[t + 1, idx2, c] = a
                                        # (branch-free: the signs are unpredictable)
                                        rmax = max(rmax, a * invw[c])
                                        rmin = min(rmin, a * invw[c])
                                    Red[t + 1, idx2, bc] = 0.0
                                    rr0 = Redr[t, idx2] - f * r0
                                    Redr[t + 1, idx2] = rr0
                                    # (a bound on the magnitudes met in its reduction, for the
                                    # rounding margin of the best-response prune)
                                    wr = Redr[kmax + t, idx2] + abs(f) * wp
                                    Redr[kmax + t + 1, idx2] = wr
                                    Lc[t + 1, nl1] = idx2
                                    nl1 += (bmin <= 0.0) | ((rr0 <= rmax + 1e-11) & (rr0 >= rmin - 1e-11))
                                    pr |= brp & (rmin - rr0 > tolb + mrg * wr)
                                if pr:
                                    continue
                                if t < last:
                                    nl[t + 1] = nl1
                                    t += 1
                                    J[t] = -1
                                    piv[t] = -1
                                    continue
                                found = True
                                break
                            if not found:
                                break
                            # the line z0 + s d through the k - 1 fixed columns (back-substitution;
                            # fc: the one column of z without a pivot)
                            fc = (k * (k - 1)) // 2 - pivsum
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
                            lstart = J[last] + 1
                            pl = piv[last]
                            rbl = Rinv[last]
                            rfc = R[last, fc]
                            rrl = Rr[last]
                        first = False
                        # ---- the positivity interval of the line, then its leaves ----------
                        lo = -np.inf
                        hi = np.inf
                        dsum = 0.0
                        # (branch-free min / max: the signs are unpredictable)
                        for c in range(k):
                            dc = d[c]
                            dsum += abs(dc)
                            sq = -z0[c] / dc if dc != 0.0 else 0.0
                            lo = max(lo, sq) if dc > 0.0 else lo
                            hi = min(hi, sq) if dc < 0.0 else hi
                            if dc == 0.0 and z0[c] <= 0.0:
                                hi = -np.inf
                        if not (lo < hi):
                            nleaves = nl[lv] - lstart
                            if pairs + nleaves > max_pairs:
                                pairs = max_pairs
                                status = SE_TRUNCATED
                                break
                            pairs += nleaves
                            continue
                        # the leaves lstart <= idx < lend (fewer when max_pairs runs out)
                        lend = nl[lv]
                        trunc = pairs + (lend - lstart) > max_pairs
                        if trunc:
                            lend = lstart + (max_pairs - pairs)
                        pairs += lend - lstart
                        # first pass, branch-free: the leaf row reduced against the last pivot
                        # too has one free entry rd = B[I, j].d and rhs rr = 1 - B[I, j].z0
                        # (O(1) per leaf); keep the nonsingular ones with s = rr / rd inside
                        # (lo, hi) in cand / sv (about a quarter of them)
                        npass = 0
                        stol = sing_tol * dsum
                        for pos in range(lstart, lend):
                            idx = Lc[lv, pos]
                            if k > 1:
                                f = Red[last, idx, pl] * rbl
                                rd = Red[last, idx, fc] - f * rfc
                                rr = Redr[last, idx] - f * rrl
                            else:
                                rd = Red[0, idx, 0]
                                rr = Redr[0, idx]
                            sing = abs(rd) <= stol
                            s_ = rr / rd if not sing else 0.0
                            cand[npass] = idx
                            sv[npass] = s_
                            npass += (not sing) & (lo < s_) & (s_ < hi)
                            nsing += sing
                        for qq in range(npass):
                            idx = cand[qq]
                            s_ = sv[qq]
                            # ---- leaf (I, J): z = x / u ------------------------------------
                            zs = 0.0
                            zmax = 0.0
                            zmin = np.inf
                            for c in range(k):
                                zc = z0[c] + s_ * d[c]
                                z[c] = zc
                                zs += zc
                                zmax = max(zmax, abs(zc))
                                zmin = min(zmin, zc)
                            if zs <= 0.0 or zmin <= pos_tol * zmax:
                                continue
                            u = 1.0 / zs
                            # the column player's payoffs against x: none above u, nbr at u
                            nbr = 0
                            better = False
                            for j in range(n):
                                sj = 0.0
                                for c in range(k):
                                    sj += z[c] * B[I[c], j]
                                sj *= u
                                if sj > u + tol:
                                    better = True
                                    break
                                if sj >= u - tol:
                                    nbr += 1
                            if better:
                                continue
                            Jc[k - 1] = cols[idx]
                            if nbr > k:
                                # x has support size k and more than k pure best responses: the
                                # game is degenerate (von Stengel 2002, Def. 2.5), whether or
                                # not an equilibrium uses x
                                if nwit < wit.shape[0]:
                                    wit[nwit, 0] = k
                                    for c in range(k):
                                        wit[nwit, 1 + c] = I[c]
                                        wit[nwit, 1 + k + c] = Jc[c]
                                nwit += 1
                                if nwit >= stop_wit:
                                    status = SE_WITNESSES
                                    break
                            if xonly:
                                continue
                            # y-system A[I, J] w = 1: Gauss-Jordan with partial pivoting on
                            # the augmented matrix M = [A[I, J] | 1]
                            for a_ in range(k):
                                for b_ in range(k):
                                    M[a_, b_] = A[I[a_], Jc[b_]]
                                M[a_, k] = 1.0
                            nonsing = True
                            for c in range(k):
                                p = c
                                best = abs(M[c, c])
                                for r in range(c + 1, k):
                                    if abs(M[r, c]) > best:
                                        best = abs(M[r, c])
                                        p = r
                                if best < 1e-13:
                                    nonsing = False
                                    break
                                # swap rows p and c, scale the pivot row to M[c, c] = 1
                                pinv = 1.0 / M[p, c]
                                for cc in range(c, k + 1):
                                    tmp = M[p, cc]
                                    M[p, cc] = M[c, cc]
                                    M[c, cc] = tmp * pinv
                                for r in range(k):
                                    f = M[r, c]
                                    if r != c and f != 0.0:
                                        for cc in range(c, k + 1):
                                            M[r, cc] -= f * M[c, cc]
                            if not nonsing:
                                nsing += 1
                                continue
                            ws = 0.0
                            wmax = 0.0
                            wmin = np.inf
                            for c in range(k):
                                wc = M[c, k]
                                w[c] = wc
                                ws += wc
                                wmax = max(wmax, abs(wc))
                                wmin = min(wmin, wc)
                            if ws <= 0.0 or wmin <= pos_tol * wmax:
                                continue
                            v = 1.0 / ws
                            # the row player's payoffs against y: none above v
                            for i in range(m):
                                si = 0.0
                                for c in range(k):
                                    si += A[i, Jc[c]] * w[c]
                                if si * v > v + tol:
                                    better = True
                                    break
                            if better:
                                continue
                            if count >= out_x.shape[0]:
                                # SE_FULL_ROW: the last stored equilibrium has this row support
                                # too, and the search's column order is not lexicographic, so the
                                # stored ones may not be the first (see _run_all)
                                status = SE_FULL if count == 0 or out_I[count - 1] != irank else SE_FULL_ROW
                                break
                            for c in range(k):
                                out_x[count, I[c]] = z[c] * u
                                out_y[count, Jc[c]] = w[c] * v
                            out_I[count] = irank
                            out_J[count] = k
                            count += 1
                        if trunc and status == SE_OK:
                            status = SE_TRUNCATED
                        if status != SE_OK:
                            break
                if status != SE_OK:
                    break
            irank += 1
            # next row support of size k (lexicographic)
            tt = k - 1
            while tt >= 0 and I[tt] == m - k + tt:
                tt -= 1
            if tt < 0:
                more_I = False
            else:
                I[tt] += 1
                for c in range(tt + 1, k):
                    I[c] = I[c - 1] + 1
        if status != SE_OK:
            break
    out_info[0] = status
    out_info[1] = count
    out_info[2] = pairs
    out_info[3] = nsing
    out_info[4] = nwit


#: :func:`vertex_walk_kernel` status codes: every vertex visited and clearly nondegenerate;
#: a vertex with a basic value at or below ``hi`` (degenerate or nearly so: undecided); the
#: workspace is full (call again with more room).
WALK_CLEAN = 0
WALK_UNCLEAR = 1
WALK_FULL = 2


def walk_workspace(shape, cap: int) -> tuple:
    """The work arrays ``(T, ck, stk, table, bas, pos, inv, nb, out)`` of :func:`vertex_walk_kernel`
    for a ``k x d`` matrix (``shape``) and room for ``cap`` vertices (a power of two)."""
    k, d = shape
    ncol = d + k + 1
    return (np.zeros((ncol, k)), np.zeros(((cap // 16 + 1) * ncol, k)), np.zeros((cap, 3), np.int64),
            np.zeros(2 * cap, np.int64), np.zeros(k, np.int64), np.zeros(d + k, np.int64), np.zeros(k),
            np.zeros(d, np.int64), np.zeros(2, np.int64))


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def vertex_walk_kernel(C, hi, T, ck, stk, table, bas, pos, inv, nb, out):
    """Whether the polytope ``{z >= 0 : C z <= 1}`` (``C`` positive, ``k x d``, ``d + k <= 63``)
    is nondegenerate with a margin: every vertex has every basic variable above ``hi``.

    A depth-first walk over the graph of feasible bases (the simplex method's pivots: from a
    basis, each nonbasic variable entering, with the minimum-ratio row leaving), from the basis
    of the slacks (``z = 0``).  While every basis met has all its basic values above ``hi``
    (so each is the only basis of a simple vertex), the walk is the walk over the polytope's
    vertex graph, which is connected: it visits every vertex, and a degenerate vertex (a basic
    variable at zero) cannot hide behind clean ones, since every edge of a clean vertex is
    followed.  The first basis with a basic value at or below ``hi`` stops the walk
    (``WALK_UNCLEAR``: degenerate, nearly so, or rounding cannot tell).

    Used for the column player's side of support enumeration: with ``C = A`` (the row
    player's payoffs, positive) a vertex ``z`` of the polytope with ``|supp z| = s`` is a
    column strategy ``z / sum z`` whose tight rows are its pure best responses; a basic value
    at zero is a vertex with more than ``s`` best responses (a basic slack at zero) or with a
    smaller support (a basic ``z_j`` at zero), and a degenerate game has such a vertex in one
    of its two polytopes (von Stengel 2002, Handbook of Game Theory vol. 3, ch. 45, Sect. 2.6).

    Tableau ``T[j, r]`` stored by variables (structural ``0..d-1``, slacks ``d..d+k-1``, then
    the right-hand side); basic columns are not maintained (unit vectors).  The walk pivots
    back when it returns; a copy of the tableau every 16 levels (``ck``) bounds the drift.
    Bases are bit sets of their variables in the open-addressing table ``table`` (size a power
    of two, ``-1`` free); ``stk[depth] = [next entering variable, pivot row, leaving
    variable]``; ``inv`` the reciprocals of the right-hand side (the ratio test multiplies);
    ``nb`` the nonbasic variables (the columns a pivot updates).
    The caller allocates everything (:func:`walk_workspace`): room for
    ``stk.shape[0]`` vertices, else ``WALK_FULL``.

    ``out = [status, vertices visited]``.
    """
    k = C.shape[0]
    d = C.shape[1]
    nv = d + k
    rhs = nv
    ncol = nv + 1
    CK = 16
    cap = stk.shape[0]
    for r in range(k):
        for j in range(d):
            T[j, r] = C[r, j]
        T[rhs, r] = 1.0
        inv[r] = 1.0
        bas[r] = d + r
    for j in range(d):
        pos[j] = -1
        nb[j] = j
    key = np.int64(0)
    for r in range(k):
        pos[d + r] = r
        key |= np.int64(1) << (d + r)
    for j in range(ncol):
        for i in range(k):
            ck[j, i] = T[j, i]
    msk = table.shape[0] - 1
    for i in range(table.shape[0]):
        table[i] = -1
    # (multiplicative hashing: int64 products wrap, as intended; the Python twin runs with
    # NumPy's overflow warnings off)
    table[((key * np.int64(-7046029254386353131)) >> np.int64(17)) & msk] = key
    count = 1
    status = WALK_CLEAN
    depth = 0
    stk[0, 0] = 0
    stk[0, 1] = -1
    stk[0, 2] = -1
    while True:
        s = stk[depth, 0]
        par = stk[depth, 2]
        while s < nv and (pos[s] >= 0 or s == par):
            s += 1
        back = s >= nv
        if back:
            if depth == 0:
                break
            # return to the parent: pivot back on (row, the variable that left)
            r = stk[depth, 1]
            s = stk[depth, 2]
        else:
            stk[depth, 0] = s + 1
            # minimum ratio rhs / T[s]: the largest T[s, i] / rhs[i] (every rhs is above hi;
            # branch-free, the signs are unpredictable)
            r = -1
            q1 = 0.0
            for i in range(k):
                q = T[s, i] * inv[i]
                r = i if q > q1 else r
                q1 = max(q1, q)
            if r < 0:
                status = WALK_UNCLEAR  # an unbounded edge: impossible for a positive C
                break
            o = bas[r]
            nkey = (key & ~(np.int64(1) << o)) | (np.int64(1) << s)
            slot = ((nkey * np.int64(-7046029254386353131)) >> np.int64(17)) & msk
            seen = False
            while True:
                v = table[slot]
                if v < 0:
                    break
                if v == nkey:
                    seen = True
                    break
                slot = (slot + 1) & msk
            if seen:
                continue
            if count >= cap:
                status = WALK_FULL
                break
            table[slot] = nkey
            count += 1
        # pivot on (r, s): s enters, o = bas[r] leaves
        o = bas[r]
        piv = T[s, r]
        if not piv > 0.0:
            status = WALK_UNCLEAR
            break
        ip = 1.0 / piv
        sj = 0
        for jj in range(d + 1):
            j = nb[jj] if jj < d else rhs
            if j == s:
                sj = jj
                continue
            t = T[j, r] * ip
            for i in range(k):
                T[j, i] -= T[s, i] * t
            T[j, r] = t
        nb[sj] = o
        for i in range(k):
            T[o, i] = -T[s, i] * ip
        T[o, r] = ip
        bas[r] = s
        pos[s] = r
        pos[o] = -1
        key = (key & ~(np.int64(1) << o)) | (np.int64(1) << s)
        if back:
            depth -= 1
            if depth % CK == 0:
                c0 = (depth // CK) * ncol
                for j in range(ncol):
                    for i in range(k):
                        T[j, i] = ck[c0 + j, i]
        # every basic value is above hi (checked when the basis was new): positive reciprocals
        low = np.inf
        for i in range(k):
            v = T[rhs, i]
            low = min(low, v)
            inv[i] = 1.0 / v
        if back:
            continue
        # the new vertex: every basic value clearly positive
        if not low > hi:
            status = WALK_UNCLEAR
            break
        depth += 1
        stk[depth, 0] = 0
        stk[depth, 1] = r
        stk[depth, 2] = o
        if depth % CK == 0:
            c0 = (depth // CK) * ncol
            for j in range(ncol):
                for i in range(k):
                    ck[c0 + j, i] = T[j, i]
    out[0] = status
    out[1] = count


#: :func:`vertex_equilibria_kernel` status codes: every completely labeled pair solved and
#: passed; a pair the support pass would not give in the same way (fall back to it); the
#: output is full (call again with more room).
VX_OK = 0
VX_UNCLEAR = 1
VX_FULL = 2


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def vertex_equilibria_kernel(A, B, tP, tQ, tol, pos_tol, sing_tol, out_x, out_y, out_s, out_info, iw, fw, fm,
                             Red, Redr):
    """The equilibria of a nondegenerate positive bimatrix game ``(A, B)`` (``m <= n``,
    ``m + n <= 63``) from the vertex sets of its best-response polytopes, as
    :func:`support_enumeration_witness_kernel` computes them.

    ``tP`` and ``tQ`` are the basis tables of clean walks (:func:`vertex_walk_kernel`, status
    ``WALK_CLEAN``) of ``P = {x >= 0 : B^T x <= 1}`` (``C = B^T``) and ``Q = {y >= 0 : A y <=
    1}`` (``C = A``): every vertex of each is simple, with one basis (a bit set of its basic
    variables).  A vertex ``x`` of ``P`` has the labels of its nonbasic variables (``x_i = 0``:
    label ``i``; column ``j`` tight: ``m + j``), a vertex ``y`` of ``Q`` likewise (row ``i``
    tight: ``i``; ``y_j = 0``: ``m + j``), and the Nash equilibria are the completely labeled
    pairs other than ``(0, 0)`` (von Stengel 2002, Handbook of Game Theory vol. 3, ch. 45,
    Thm 2.14): ``y``'s labels are the complement of ``x``'s, so each basis of ``Q`` gives the
    one basis of ``P`` it can pair with, looked up in ``tP``.  The pair's supports are
    ``I`` (the basic ``x_i``) and ``J`` (the tight columns), ``|I| = |J| = k``.

    Each pair is solved with the support pass's own arithmetic at the leaf ``(I, J)``
    (the columns of ``J`` in the pass's order, by increasing payoff sum over ``I``; its
    incremental elimination, pivots, line through the first ``k - 1`` columns, last column,
    and Gauss-Jordan y-system), so the strategies are the ones the pass stores, bit for bit;
    and the pass's tests on that path are made too (conditional dominance of ``J``'s
    columns, the positivity and best-response prunes of ``J``'s rows -- not the prune by
    candidate columns outside ``J``, which the leaf's "no better column" test covers up to its
    rounding margin -- singular pivots, the
    line's positivity interval, ``x > 0``, no better column, no more than ``k`` best responses,
    the y-system's pivots, ``y > 0``, no better row).  If one fails -- the pass would not
    store this pair as an equilibrium, which the walks' margins rule out up to rounding --
    the status is ``VX_UNCLEAR`` and the caller runs the pass instead.

    ``out_x`` (cap, m), ``out_y`` (cap, n) receive the strategies (rows zeroed here), ``out_s``
    (cap, 1 + 2 min(m, n)) the supports as ``[k, I..., J...]`` (increasing);
    ``out_info = [status, count]``.  Work arrays: those of :func:`workspace`.
    """
    m, n = A.shape
    kmax = min(m, n)
    I = iw[0]
    Jc = iw[1]
    piv = iw[3]
    used = iw[4]
    Rinv = fw[0]
    Rr = fw[1]
    z = fw[2]
    z0 = fw[3]
    d = fw[4]
    w = fw[5]
    rowmin = fw[6]
    sv = fw[7]
    invw = fw[8]
    R = fm[0]
    M = fm[1]
    bscale = 0.0
    for i in range(m):
        bm = np.inf
        for j in range(n):
            bm = min(bm, B[i, j])
            bscale = max(bscale, abs(B[i, j]))
        rowmin[i] = bm
    one = np.int64(1)
    fulln = (one << n) - one
    fullm = (one << m) - one
    origin = fulln << m  # (P's basis of slacks: x = 0)
    mskP = tP.shape[0] - 1
    status = VX_OK
    count = 0
    for sq_ in range(tQ.shape[0]):
        kq = tQ[sq_]
        if kq < 0:
            continue
        # the basis of P with the complementary labels: x's basic variables are y's nonbasic
        # ones (y_j nonbasic: slack j of P basic; slack i of Q nonbasic: x_i basic)
        nq = ~kq
        kp = ((nq & fulln) << m) | ((nq >> n) & fullm)
        if kp == origin:
            continue
        slot = ((kp * np.int64(-7046029254386353131)) >> np.int64(17)) & mskP
        found = False
        while True:
            v_ = tP[slot]
            if v_ < 0:
                break
            if v_ == kp:
                found = True
                break
            slot = (slot + 1) & mskP
        if not found:
            continue
        if count >= out_x.shape[0]:
            status = VX_FULL
            break
        k = 0
        bmin = np.inf
        for i in range(m):
            if (kp >> i) & one:
                I[k] = i
                k += 1
                if rowmin[i] < bmin:
                    bmin = rowmin[i]
        # J: the tight columns (P's nonbasic slacks), in the pass's order: increasing payoff
        # sum over I, ties by index (its stable insertion); none strictly dominated given I
        kj = 0
        bad = False
        for j in range(n):
            if (kp >> (m + j)) & one:
                continue
            for j2 in range(n):
                dom = True
                for c in range(k):
                    if not B[I[c], j2] > B[I[c], j]:
                        dom = False
                        break
                bad |= dom
            key = 0.0
            for c in range(k):
                key = key + B[I[c], j]
            pos = kj
            while pos > 0 and sv[pos - 1] > key:
                sv[pos] = sv[pos - 1]
                Jc[pos] = Jc[pos - 1]
                pos -= 1
            sv[pos] = key
            Jc[pos] = j
            kj += 1
        if bad or kj != k:
            status = VX_UNCLEAR
            break
        # ---- the pass's elimination along the prefix Jc[:k - 1] (its rows by position) ----
        for p in range(k):
            for c in range(k):
                Red[0, p, c] = B[I[c], Jc[p]]
            Redr[0, p] = 1.0
            Redr[kmax, p] = bscale + 1.0
            used[p] = 0
        last = k - 2
        brp = bmin > 0.0
        tolb = tol / bmin
        mrg = 1e-11 / bmin
        pivsum = 0
        fc = 0
        for t in range(k - 1):
            r0 = Redr[t, t]
            wp = Redr[kmax + t, t]
            best = -1.0
            bc = -1
            for c in range(k):
                a = Red[t, t, c]
                R[t, c] = a
                aa = abs(a) if used[c] == 0 else -1.0
                if aa > best:
                    best = aa
                    bc = c
            if best <= sing_tol * bscale:
                bad = True
                break
            Rr[t] = r0
            Rinv[t] = 1.0 / R[t, bc]
            if t == 0:
                for c in range(k):
                    invw[c] = 1.0 / R[0, c]
            piv[t] = bc
            pivsum += bc
            used[bc] = 1
            rb = Rinv[t]
            for p2 in range(t + 1, k):
                f = Red[t, p2, bc] * rb
                rmax = 0.0
                rmin = 0.0
                for c in range(k):
                    a = Red[t, p2, c] - f * R[t, c]
                    Red[t + 1, p2, c] = a
                    rmax = max(rmax, a * invw[c])
                    rmin = min(rmin, a * invw[c])
                Red[t + 1, p2, bc] = 0.0
                rr0 = Redr[t, p2] - f * r0
                Redr[t + 1, p2] = rr0
                wr = Redr[kmax + t, p2] + abs(f) * wp
                Redr[kmax + t + 1, p2] = wr
                # (the positivity prune decides candidacy below the last level only)
                if t < last and not ((bmin <= 0.0) | ((rr0 <= rmax + 1e-11) & (rr0 >= rmin - 1e-11))):
                    bad = True
                if brp & (rmin - rr0 > tolb + mrg * wr):
                    bad = True
            if bad:
                break
        if bad:
            status = VX_UNCLEAR
            break
        # ---- the line z0 + s d through the first k - 1 columns, and the last column ----------
        if k == 1:
            z0[0] = 0.0
            d[0] = 1.0
        else:
            fc = (k * (k - 1)) // 2 - pivsum
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
        dsum = 0.0
        for c in range(k):
            dc = d[c]
            dsum += abs(dc)
            sq = -z0[c] / dc if dc != 0.0 else 0.0
            lo = max(lo, sq) if dc > 0.0 else lo
            hi = min(hi, sq) if dc < 0.0 else hi
            if dc == 0.0 and z0[c] <= 0.0:
                hi = -np.inf
        if k > 1:
            f = Red[last, k - 1, piv[last]] * Rinv[last]
            rd = Red[last, k - 1, fc] - f * R[last, fc]
            rr = Redr[last, k - 1] - f * Rr[last]
        else:
            rd = Red[0, 0, 0]
            rr = Redr[0, 0]
        if not (lo < hi) or abs(rd) <= sing_tol * dsum:
            status = VX_UNCLEAR
            break
        s_ = rr / rd
        if not ((lo < s_) & (s_ < hi)):
            status = VX_UNCLEAR
            break
        # ---- the leaf's tests and the y-system, as the pass makes them --------------------
        zs = 0.0
        zmax = 0.0
        zmin = np.inf
        for c in range(k):
            zc = z0[c] + s_ * d[c]
            z[c] = zc
            zs += zc
            zmax = max(zmax, abs(zc))
            zmin = min(zmin, zc)
        if zs <= 0.0 or zmin <= pos_tol * zmax:
            status = VX_UNCLEAR
            break
        u = 1.0 / zs
        near = 0
        for j in range(n):
            sj = 0.0
            for c in range(k):
                sj += z[c] * B[I[c], j]
            sj *= u
            if sj > u + tol:
                bad = True
                break
            near += sj >= u - tol - 1e-12
        # (the pass's test: at most k columns within tol of the best; beyond it, for the caller:
        # none other within 1e-12 of tol, and every support probability above 2e-9 -- see
        # _vertex_result; near counts every column the pass counts, and more)
        if bad or near > k or zmin * u <= 2e-9:
            status = VX_UNCLEAR
            break
        for a_ in range(k):
            for b_ in range(k):
                M[a_, b_] = A[I[a_], Jc[b_]]
            M[a_, k] = 1.0
        for c in range(k):
            p = c
            best = abs(M[c, c])
            for r in range(c + 1, k):
                if abs(M[r, c]) > best:
                    best = abs(M[r, c])
                    p = r
            if best < 1e-13:
                bad = True
                break
            pinv = 1.0 / M[p, c]
            for cc in range(c, k + 1):
                tmp = M[p, cc]
                M[p, cc] = M[c, cc]
                M[c, cc] = tmp * pinv
            for r in range(k):
                f = M[r, c]
                if r != c and f != 0.0:
                    for cc in range(c, k + 1):
                        M[r, cc] -= f * M[c, cc]
        if bad:
            status = VX_UNCLEAR
            break
        ws = 0.0
        wmax = 0.0
        wmin = np.inf
        for c in range(k):
            wc = M[c, k]
            w[c] = wc
            ws += wc
            wmax = max(wmax, abs(wc))
            wmin = min(wmin, wc)
        if ws <= 0.0 or wmin <= pos_tol * wmax:
            status = VX_UNCLEAR
            break
        v = 1.0 / ws
        near = 0
        for i in range(m):
            si = 0.0
            for c in range(k):
                si += A[i, Jc[c]] * w[c]
            if si * v > v + tol:
                bad = True
                break
            near += si * v >= v - tol - 1e-12
        if bad or near > k or wmin * v <= 2e-9:
            status = VX_UNCLEAR
            break
        for i in range(m):
            out_x[count, i] = 0.0
        for j in range(n):
            out_y[count, j] = 0.0
        out_s[count, 0] = k
        for c in range(k):
            out_x[count, I[c]] = z[c] * u
            out_y[count, Jc[c]] = w[c] * v
            out_s[count, 1 + c] = I[c]
        c = 1 + k
        for j in range(n):
            if not (kp >> (m + j)) & one:
                out_s[count, c] = j
                c += 1
        count += 1
    out_info[0] = status
    out_info[1] = count
