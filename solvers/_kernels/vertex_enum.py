"""Vertex enumeration of best-response polytopes and matching of completely labeled pairs.

Private nopython kernels behind :func:`solvers.extreme.extreme_equilibria`.

``enumerate_vertices`` lists every vertex of a polytope ``{z >= 0 : C z <= 1}`` with ``C > 0``
(``k`` rows, ``d`` columns).  It walks, depth first, the graph of *lexicographically feasible*
bases of the tableau ``[C | I | 1]`` (structural variables ``0..d-1``, slacks ``d..d+k-1``),
i.e. the vertices of the simple polytope obtained by the lexicographic perturbation
``1 -> 1 + (eps, eps^2, ...)`` of the right-hand side.  Every vertex of the unperturbed
polytope is the limit of at least one perturbed vertex, so reducing each visited basis to the
set of its zero variables (its *labels*) and keeping each label set once gives every vertex of
the polytope exactly once, degenerate vertices included.

Arithmetic: one code path serves three number types.

* ``int64`` (``isint=True``): integer (fraction-free, Bareiss) pivoting, tableau entries are
  minors of the input, divisions are exact; ``ovf`` bounds the largest entry so that products
  cannot overflow (status 2 when exceeded, the caller then falls back).
* ``object`` arrays of Python ints, through ``enumerate_vertices.py_func``: the same integer
  pivoting with unbounded integers (``ovf <= 0`` disables the bound).
* ``float64`` (``isint=False``): the same pivoting in floating point, ratio ties and zeros
  decided with the tolerance ``eps``.

Status codes: 0 complete, 1 truncated at ``max_bases`` visited bases, 2 integer overflow.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["enumerate_vertices", "match_pairs", "certify_pairs"]


@njit(cache=True)
def _hash(key, W):
    h = np.uint64(14695981039346656037)
    for w in range(W):
        h = (h ^ key[w]) * np.uint64(1099511628211)
        h = h ^ (h >> np.uint64(29))
    return h


@njit(cache=True)
def _find(table, keys, key, W):
    """Index of ``key`` among ``keys`` (via the open-addressing ``table``), or ``-1 - slot``."""
    msk = table.shape[0] - 1
    slot = np.int64(_hash(key, W) & np.uint64(msk))
    while True:
        idx = table[slot]
        if idx < 0:
            return -1 - slot
        same = True
        for w in range(W):
            if keys[idx, w] != key[w]:
                same = False
                break
        if same:
            return idx
        slot = (slot + 1) & msk


@njit(cache=True)
def _rehash(keys, count, W, size):
    table = np.full(size, -1, np.int64)
    for i in range(count):
        f = _find(table, keys, keys[i], W)
        table[-1 - f] = i
    return table


@njit(cache=True)
def _grow2(a, cap):
    out = np.zeros((cap, a.shape[1]), a.dtype)
    out[: a.shape[0]] = a
    return out


@njit(cache=True)
def _grow1(a, cap):
    out = np.zeros(cap, a.dtype)
    out[: a.shape[0]] = a
    return out


@njit(cache=True)
def enumerate_vertices(C, lab, isint, eps, ovf, max_bases):
    """All vertices of ``{z >= 0 : C z <= 1}`` (``C`` positive, ``k x d``).

    Parameters
    ----------
    C : (k, d) array of int64, float64 or object (Python ints, through ``py_func``)
    lab : (d + k,) int64, the label of each variable (structural first, then slacks)
    isint : exact integer pivoting (True) or floating point (False)
    eps : float tolerance (ignored when ``isint``)
    ovf : largest admissible absolute tableau entry for int64 (``<= 0``: unbounded)
    max_bases : stop after visiting this many bases

    Returns
    -------
    status, keys (V, W) uint64 label sets, num (V, d) coordinates times ``den``, den (V,),
    number of bases visited.
    """
    k = C.shape[0]
    d = C.shape[1]
    nv = d + k
    ncol = nv + 1
    rhs = nv
    W = (nv + 63) // 64
    cap = 16
    stT = np.zeros((cap, k, ncol), C.dtype)
    stBas = np.zeros((cap, k), np.int64)
    stD = np.zeros(cap, C.dtype)
    stNext = np.zeros(cap, np.int64)
    stKey = np.zeros((cap, W), np.uint64)
    for r in range(k):
        for j in range(d):
            stT[0, r, j] = C[r, j]
        stT[0, r, d + r] = 1
        stT[0, r, rhs] = 1
        stBas[0, r] = d + r
        stKey[0, (d + r) // 64] |= np.uint64(1) << np.uint64((d + r) % 64)
    stD[0] = 1
    # visited bases
    bcap = 64
    bkeys = np.zeros((bcap, W), np.uint64)
    btable = np.full(256, -1, np.int64)
    bkeys[0] = stKey[0]
    btable[-1 - _find(btable, bkeys, bkeys[0], W)] = 0
    bcount = 1
    # distinct vertices
    vcap = 64
    vkeys = np.zeros((vcap, W), np.uint64)
    vnum = np.zeros((vcap, d), C.dtype)
    vden = np.zeros(vcap, C.dtype)
    vtable = np.full(256, -1, np.int64)
    vcount = 0
    lk = np.zeros(W, np.uint64)
    newkey = np.zeros(W, np.uint64)
    # record the root vertex (z = 0)
    for j in range(d):
        b = lab[j]
        lk[b // 64] |= np.uint64(1) << np.uint64(b % 64)
    vkeys[0] = lk
    vden[0] = 1
    vtable[-1 - _find(vtable, vkeys, lk, W)] = 0
    vcount = 1
    status = 0
    depth = 0
    while depth >= 0:
        T = stT[depth]
        s = stNext[depth]
        while s < nv and ((stKey[depth, s // 64] >> np.uint64(s % 64)) & np.uint64(1)):
            s += 1
        if s >= nv:
            depth -= 1
            continue
        stNext[depth] = s + 1
        D = stD[depth]
        # lexicographic minimum ratio test on [rhs | slack columns] / column s
        best = -1
        for r in range(k):
            a = T[r, s]
            if isint:
                if a <= 0:
                    continue
            else:
                if a <= eps * D:
                    continue
            if best < 0:
                best = r
                continue
            b = T[best, s]
            c = T[r, rhs] * b - T[best, rhs] * a
            if isint:
                tie = c == 0
            else:
                tie = abs(c) <= eps * a * b
            if not tie:
                if c < 0:
                    best = r
                continue
            for j in range(d, d + k):
                c = T[r, j] * b - T[best, j] * a
                if isint:
                    tie = c == 0
                else:
                    tie = abs(c) <= eps * a * b
                if not tie:
                    break
            if not tie and c < 0:
                best = r
        if best < 0:
            continue  # unbounded edge: impossible for a positive C
        r = best
        for w in range(W):
            newkey[w] = stKey[depth, w]
        out = stBas[depth, r]
        newkey[out // 64] &= ~(np.uint64(1) << np.uint64(out % 64))
        newkey[s // 64] |= np.uint64(1) << np.uint64(s % 64)
        f = _find(btable, bkeys, newkey, W)
        if f >= 0:
            continue
        if bcount >= max_bases:
            status = 1
            break
        if bcount >= bcap:
            bcap *= 2
            bkeys = _grow2(bkeys, bcap)
        bkeys[bcount] = newkey
        btable[-1 - f] = bcount
        bcount += 1
        if 2 * bcount > btable.shape[0]:
            btable = _rehash(bkeys, bcount, W, 2 * btable.shape[0])
        # push the child: pivot on (r, s) into the next stack level
        if depth + 1 >= cap:
            cap *= 2
            tT = np.zeros((cap, k, ncol), C.dtype)
            tT[: depth + 1] = stT[: depth + 1]
            stT = tT
            tD = np.zeros(cap, C.dtype)
            tD[: depth + 1] = stD[: depth + 1]
            stD = tD
            stBas = _grow2(stBas, cap)
            stNext = _grow1(stNext, cap)
            stKey = _grow2(stKey, cap)
            T = stT[depth]
        N = stT[depth + 1]
        piv = T[r, s]
        big = 0
        for i in range(k):
            if i == r:
                for j in range(ncol):
                    N[i, j] = T[i, j]
                continue
            fct = T[i, s]
            for j in range(ncol):
                if isint:
                    v = (T[i, j] * piv - fct * T[r, j]) // D
                    N[i, j] = v
                    if ovf > 0:
                        av = v if v >= 0 else -v
                        if av > big:
                            big = av
                else:
                    N[i, j] = (T[i, j] * piv - fct * T[r, j]) / D
        if isint and ovf > 0:
            for j in range(ncol):
                av = T[r, j] if T[r, j] >= 0 else -T[r, j]
                if av > big:
                    big = av
            if big > ovf:
                status = 2
                break
        if not isint:
            N[r, s] = piv
            for i in range(k):
                if i != r:
                    N[i, s] = 0.0
        for i in range(k):
            stBas[depth + 1, i] = stBas[depth, i]
        stBas[depth + 1, r] = s
        for w in range(W):
            stKey[depth + 1, w] = newkey[w]
        stNext[depth + 1] = 0
        stD[depth + 1] = piv
        depth += 1
        # record the vertex of this basis if its label set is new
        # labels: nonbasic variables and basic variables at zero
        for w in range(W):
            lk[w] = np.uint64(0)
        for v in range(nv):
            if (newkey[v // 64] >> np.uint64(v % 64)) & np.uint64(1):
                continue
            b = lab[v]
            lk[b // 64] |= np.uint64(1) << np.uint64(b % 64)
        for i in range(k):
            val = N[i, rhs]
            if isint:
                zero = val == 0
            else:
                zero = val <= eps * piv
            if zero:
                b = lab[stBas[depth, i]]
                lk[b // 64] |= np.uint64(1) << np.uint64(b % 64)
        f = _find(vtable, vkeys, lk, W)
        if f < 0:
            if vcount >= vcap:
                vcap *= 2
                vkeys = _grow2(vkeys, vcap)
                tn = np.zeros((vcap, d), C.dtype)
                tn[:vcount] = vnum[:vcount]
                vnum = tn
                tv = np.zeros(vcap, C.dtype)
                tv[:vcount] = vden[:vcount]
                vden = tv
            vkeys[vcount] = lk
            for i in range(k):
                bv = stBas[depth, i]
                if bv < d:
                    vnum[vcount, bv] = N[i, rhs]
            vden[vcount] = piv
            vtable[-1 - f] = vcount
            vcount += 1
            if 2 * vcount > vtable.shape[0]:
                vtable = _rehash(vkeys, vcount, W, 2 * vtable.shape[0])
    return status, vkeys[:vcount].copy(), vnum[:vcount].copy(), vden[:vcount].copy(), bcount


@njit(cache=True)
def _popcount(key, W):
    c = 0
    for w in range(W):
        x = key[w]
        while x:
            x &= x - np.uint64(1)
            c += 1
    return c


@njit(cache=True)
def match_pairs(pk, qk, m, n):
    """Index pairs ``(p, q)`` with ``pk[p] | qk[q]`` covering all ``m + n`` labels, ``x != 0``.

    Labels ``0..m-1`` are the row player's actions, ``m..m+n-1`` the column player's.
    A nondegenerate ``x`` (exactly ``n`` missing labels) is matched through a hash lookup of
    its missing labels plus a scan of the degenerate ``y``; a degenerate ``x`` scans every ``y``.
    """
    W = pk.shape[1]
    nl = m + n
    full = np.zeros(W, np.uint64)
    for b in range(nl):
        full[b // 64] |= np.uint64(1) << np.uint64(b % 64)
    rowmask = np.zeros(W, np.uint64)
    for b in range(m):
        rowmask[b // 64] |= np.uint64(1) << np.uint64(b % 64)
    nq = qk.shape[0]
    size = 16
    while size < 2 * nq + 2:
        size *= 2
    table = _rehash(qk, nq, W, size)
    degq = np.zeros(nq, np.int64)
    ndeg = 0
    for q in range(nq):
        if _popcount(qk[q], W) > n:
            degq[ndeg] = q
            ndeg += 1
    cap = 64
    out = np.zeros((cap, 2), np.int64)
    cnt = 0
    R = np.zeros(W, np.uint64)
    for p in range(pk.shape[0]):
        allrows = True
        for w in range(W):
            if (pk[p, w] & rowmask[w]) != rowmask[w]:
                allrows = False
        if allrows:
            continue  # x = 0
        for w in range(W):
            R[w] = full[w] & ~pk[p, w]
        pc = _popcount(R, W)
        hit = -1
        if pc == n:
            f = _find(table, qk, R, W)
            if f >= 0:
                hit = f
                if cnt >= cap:
                    cap *= 2
                    out = _grow2(out, cap)
                out[cnt, 0] = p
                out[cnt, 1] = f
                cnt += 1
            nscan = ndeg
        else:
            nscan = nq
        for t in range(nscan):
            q = degq[t] if pc == n else t
            if q == hit:
                continue
            ok = True
            for w in range(W):
                if (qk[q, w] & R[w]) != R[w]:
                    ok = False
                    break
            if ok:
                if cnt >= cap:
                    cap *= 2
                    out = _grow2(out, cap)
                out[cnt, 0] = p
                out[cnt, 1] = q
                cnt += 1
    return out[:cnt].copy()


@njit(cache=True)
def certify_pairs(A, B, xnum, xden, ynum, yden, pairs):
    """Exact Nash check of each pair in integer arithmetic (int64; caller guards overflow).

    ``A y <= yden`` and ``B^T x <= xden`` componentwise, equality on the supports, and
    ``x``, ``y`` nonnegative and nonzero.  Returns a boolean per pair.
    """
    m, n = A.shape
    ok = np.ones(pairs.shape[0], np.bool_)
    for t in range(pairs.shape[0]):
        p = pairs[t, 0]
        q = pairs[t, 1]
        sx = 0
        sy = 0
        for i in range(m):
            if xnum[p, i] < 0:
                ok[t] = False
            sx += xnum[p, i]
        for j in range(n):
            if ynum[q, j] < 0:
                ok[t] = False
            sy += ynum[q, j]
        if sx <= 0 or sy <= 0 or xden[p] <= 0 or yden[q] <= 0:
            ok[t] = False
        if not ok[t]:
            continue
        for i in range(m):
            v = 0
            for j in range(n):
                v += A[i, j] * ynum[q, j]
            if v > yden[q] or (xnum[p, i] > 0 and v != yden[q]):
                ok[t] = False
                break
        if not ok[t]:
            continue
        for j in range(n):
            v = 0
            for i in range(m):
                v += B[i, j] * xnum[p, i]
            if v > xden[p] or (ynum[q, j] > 0 and v != xden[p]):
                ok[t] = False
                break
    return ok
