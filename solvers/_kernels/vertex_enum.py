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

Arithmetic: one code path (and one compiled specialisation, ``float64``) serves three modes.

* ``float64`` arrays holding integers (``isint=True``, ``ovf > 0``): integer (fraction-free,
  Bareiss) pivoting; tableau entries are minors of the input and divisions are exact.  ``ovf``
  (at most ``2^26``) bounds the largest entry, so every product of two entries and every
  difference of two products is an integer below ``2^53``, represented exactly, and each
  division of an exact multiple is exact (IEEE division is correctly rounded).  Status 2 when
  the bound is exceeded (the caller then falls back to the modular walk).  Holding the
  integers in ``float64`` instead of ``int64`` lets the exact and the float mode share one
  compiled kernel (half the cold-cache compile time) and replaces integer division.
* ``object`` arrays of Python ints, through ``enumerate_vertices.py_func``: the same integer
  pivoting with unbounded integers and ``//`` (``ovf <= 0`` disables the bound).
* ``float64`` (``isint=False``): the same pivoting in floating point, ratio ties and zeros
  decided with the tolerance ``eps``.

Compile-time hygiene (cold-cache start): no slice assignment or array copy (they pull
numba's broadcasting shape check and its string formatting), no exceptions, no string
formatting; results are returned at full capacity with their counts (the caller slices).

``enumerate_vertices_mod`` is the integer walk carried modulo several primes (residues in
int64, signs by Garner's mixed-radix conversion): exact decisions without overflow.

``float_equilibria`` turns the float path's completely labeled pairs into the result's
strategies (bit for bit NumPy's ``x / x.sum()``), order, payoffs and regrets in one call.

Status codes: 0 complete, 1 truncated at ``max_bases`` visited bases, 2 integer overflow,
4 floating-point breakdown (a nonpositive pivot), 5 (``enumerate_vertices_shared``) its preallocated
table full.

``EXACT_OVF`` (``2^26``) is the entry bound of exact integer pivoting held in ``float64``.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = ["enumerate_vertices", "enumerate_vertices_shared", "enumerate_vertices_mod", "match_pairs", "partners", "partners_mod",
           "float_equilibria",
           "certify_pairs", "EXACT_OVF", "python_twin"]

#: Largest admissible absolute entry of exact integer pivoting in float64 arrays: products of
#: two entries stay below 2^52 and their differences below 2^53 (exact in float64).
EXACT_OVF = 1 << 26
#: Exact integer sums (dot products) in float64 must stay below this (2^53).
_EXACT_SUM = 9007199254740992.0


@njit(cache=True)
def _set(key, b):
    """Set bit ``b`` of the multiword bit set ``key`` (one small kernel shared by every call
    site: the inline expression costs compile time at each of them)."""
    key[b >> 6] |= np.uint64(1) << np.uint64(b & 63)


@njit(cache=True)
def _clr(key, b):
    """Clear bit ``b`` of ``key``."""
    key[b >> 6] &= ~(np.uint64(1) << np.uint64(b & 63))


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
def _table(size):
    """An empty open-addressing table (every slot ``-1``)."""
    table = np.empty(size, np.int64)
    for i in range(size):
        table[i] = -1
    return table


@njit(cache=True)
def _rehash(keys, count, W, size):
    table = _table(size)
    for i in range(count):
        f = _find(table, keys, keys[i], W)
        table[-1 - f] = i
    return table


@njit(cache=True)
def _rehash_some(keys, idx, count, W, size):
    """A table of ``keys[idx[:count]]`` of ``size`` slots."""
    table = _table(size)
    for t in range(count):
        i = idx[t]
        f = _find(table, keys, keys[i], W)
        table[-1 - f] = i
    return table


@njit(cache=True, inline="always")
def _fib_shift(size):
    """``64 - log2(size)`` for a power of two ``size`` (the shift of :func:`_fib_slot`)."""
    b = 64
    while size > 1:
        size >>= 1
        b -= 1
    return np.uint64(b)


@njit(cache=True, inline="always")
def _fib_slot(h, shift):
    """Slot of hash ``h`` in a table of ``2^(64 - shift)`` slots: the top bits of ``h`` times
    the 64-bit golden ratio (Fibonacci hashing, Knuth TAOCP vol. 3, 6.4), which spreads the
    label-set keys of neighbouring bases better than their low bits."""
    return np.int64((h * np.uint64(11400714819323198485)) >> shift)


@njit(cache=True)
def _set_grow(bset, W):
    """The key table ``bset`` of the walk (rows of keys, all-zero rows empty, linear probing
    on ``_hash``) rehashed into twice as many rows."""
    size = 2 * bset.shape[0]
    out = np.zeros((size, W), np.uint64)
    msk = size - 1
    shift = _fib_shift(size)
    for i in range(bset.shape[0]):
        empty = True
        for w in range(W):
            if bset[i, w] != np.uint64(0):
                empty = False
        if empty:
            continue
        slot = _fib_slot(_hash(bset[i], W), shift)
        while True:
            free = True
            for w in range(W):
                if out[slot, w] != np.uint64(0):
                    free = False
            if free:
                break
            slot = (slot + 1) & msk
        for w in range(W):
            out[slot, w] = bset[i, w]
    return out


@njit(cache=True)
def _grow2(a, cap):
    out = np.zeros((cap, a.shape[1]), a.dtype)
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            out[i, j] = a[i, j]
    return out


@njit(cache=True)
def _grow1(a, cap):
    out = np.zeros(cap, a.dtype)
    for i in range(a.shape[0]):
        out[i] = a[i]
    return out


@njit(cache=True)
def _exdiv(a, b):
    """The exact quotient ``a / b`` of an exact multiple ``a`` of ``b``: integers held in float64
    (IEEE division is correctly rounded, so exact).  The Python twin (:func:`python_twin`)
    replaces it by ``//`` on Python ints, so no floor division is compiled."""
    return a / b


def _exdiv_py(a, b):
    return a // b


@njit(cache=True)
def _lex_row(T, s, k, d, pos, D, isint, eps, hi, chk):
    """Lexicographic minimum ratio test of ``enumerate_vertices`` for entering column ``s``.

    Rows with a positive entry; ties in ``rhs / T[s]`` broken by the slack columns (a basic
    slack's column is ``D e_pj``, not stored).  Returns the row (``-1``: none) and the number
    of ambiguous float decisions (``chk``).

    The walk calls it only when its shortcut (least ratio as the largest ``T[s, r] / rhs[r]``,
    see ``enumerate_vertices``) cannot decide: a ratio tie or an entry in the band.
    Ambiguity counts only what can change the chosen row: without a tie, another
    row whose ratio lies within ``hi`` of the winner's, or whose entry lies in the band
    ``(eps, hi)`` (its eligibility uncertain) while its ratio could still compete, or the
    winner's own entry in the band; after a tie (a degenerate vertex), every comparison and
    band entry of the column (as the walk always did).
    """
    rhs = d + k
    amb = 0
    thr = eps * D
    thr_hi = hi * D
    best = -1
    tied = False
    for r in range(k):
        a = T[s, r]
        if chk:
            xa = abs(a)
            if thr < xa < thr_hi:
                amb += 1
        if isint:
            if a <= 0:
                continue
        else:
            if a <= thr:
                continue
        if best < 0:
            best = r
            continue
        b = T[s, best]
        c = T[rhs, r] * b - T[rhs, best] * a
        if isint:
            tie = c == 0
        else:
            tie = abs(c) <= eps * a * b
        if not tie:
            if chk and abs(c) < hi * a * b:
                amb += 1
            if c < 0:
                best = r
            continue
        tied = True
        for j in range(d, d + k):
            pj = pos[j]
            if pj >= 0:  # basic slack: column D e_pj
                vr = D if pj == r else D - D
                vb = D if pj == best else D - D
            else:
                vr = T[j, r]
                vb = T[j, best]
            c = vr * b - vb * a
            if isint:
                tie = c == 0
            else:
                tie = abs(c) <= eps * a * b
            if not tie:
                if chk and abs(c) < hi * a * b:
                    amb += 1
                break
        if not tie and c < 0:
            best = r
    if chk and amb > 0 and not tied and best >= 0:
        # recount against the winner only
        amb = 0
        b = T[s, best]
        if b < thr_hi:
            amb += 1
        for r in range(k):
            if r == best:
                continue
            a = abs(T[s, r])
            if a <= thr or (a >= thr_hi and T[s, r] < 0):
                continue  # a zero or a clearly negative entry: never eligible
            if T[rhs, r] * b - T[rhs, best] * a < hi * a * b:
                amb += 1
    return best, amb


@njit(cache=True, inline="always")
def _pivot(T, r, s, o, nbl, d, k, D, isint, fdiv, kv):
    """Pivot the column-stored tableau of ``enumerate_vertices`` in place on ``(r, s)``.

    ``s`` enters, ``o`` leaves; only the columns listed in ``nbl`` (the ``d`` nonbasic
    variables, then the right-hand side) are updated -- a list instead of a test of every
    column, whose branch the changing basis makes unpredictable -- and the leaving column is
    rebuilt from ``D e_r``.  Integer (Bareiss) division by the old determinant ``D`` when ``isint``
    (``_exdiv``: ``/`` on exact float64 integers, ``//`` on Python ints), else floating
    point.  Returns the largest absolute new entry (``fdiv`` only; else 0).
    """
    piv = T[s, r]
    big = T[s, r] - T[s, r]
    invD = 1.0
    if not isint:
        invD = 1.0 / D
    for t in range(d + 1):
        j = nbl[t]
        if j == s:
            continue
        tr = T[j, r]
        if isint:
            for i in range(k):
                v = _exdiv(T[j, i] * piv - T[s, i] * tr, D)
                T[j, i] = v
                if fdiv:
                    av = v if v >= 0 else -v
                    if av > big:
                        big = av
        else:
            for i in range(kv):  # (kv >= k: padding rows of zeros, whole vectors)
                T[j, i] = (T[j, i] * piv - T[s, i] * tr) * invD
        T[j, r] = tr
    # the leaving column was D e_r
    for i in range(k):
        T[o, i] = -T[s, i]
    T[o, r] = D
    return big


@njit(cache=True)
def _walk(C, lab, isint, eps, ovf, max_bases, hi, rev, bkeys, btable, obkeys, obtable, stop):
    """The walk of :func:`enumerate_vertices` (alone) and of :func:`enumerate_vertices_shared`
    (one of two threads)."""
    k = C.shape[0]
    d = C.shape[1]
    nv = d + k
    ncol = nv + 1
    rhs = nv
    W = (nv + 63) // 64
    CK = 16
    # float pivots update whole columns of kv >= k rows (a multiple of 4: the vectorized loop
    # without a scalar tail; the padding rows stay zero and are never read)
    kv = k if isint else (k + 3) // 4 * 4
    T = np.zeros((ncol, kv), C.dtype)
    # the nonbasic variables (then the right-hand side) and each one's place in that list
    nbl = np.zeros(d + 1, np.int64)
    npos = np.zeros(nv, np.int64)
    for j in range(d):
        nbl[j] = j
        npos[j] = j
    nbl[d] = rhs
    bas = np.zeros(k, np.int64)
    pos = _table(nv)
    key = np.zeros(W, np.uint64)
    for r in range(k):
        for j in range(d):
            T[j, r] = C[r, j]
        T[rhs, r] = 1
        bas[r] = d + r
        pos[d + r] = r
        _set(key, d + r)
    D = T[rhs, 0] - T[rhs, 0] + 1
    fdiv = ovf > 0  # exact integers held in float64: exact division by "/"
    # initial room: about the number of bases of a random square game with k + d variables
    # (8x8: ~350, 10x10: ~1000, 12x12: ~4000), so that small walks rarely grow their tables;
    # at most 4096 rows
    # (the exponent capped before shifting: a shift past 63 overflows int64 in compiled code)
    room = 1 << min(12, max(6, (nv + 2) // 2))
    cap = room
    # DFS stack: next variable to try, pivot row and leaving variable of each level
    stk = np.zeros((cap, 3), np.int64)
    ccap = 1 if isint else room // CK + 1  # (checkpoints: float walks only)
    ckT = np.zeros((ccap * ncol, k), C.dtype)  # checkpoint u: rows u * ncol ... (u + 1) * ncol - 1
    ckD = np.zeros(ccap, C.dtype)
    if not isint:
        for j in range(ncol):
            for i in range(k):
                ckT[j, i] = T[j, i]
        ckD[0] = D
    # visited bases
    # shared: this walk is one of two threads' (``enumerate_vertices_shared``), its visited
    # bases in the preallocated ``bkeys``/``btable`` (never grown: status 5 when full), the
    # other thread's read in ``obkeys``/``obtable``
    # alone: the visited bases in ``bset``, an open-addressing table holding the keys
    # themselves (all-zero rows empty: a basis key has k bits set), one memory access per probe
    shared = btable.shape[0] > 1
    bcap = bkeys.shape[0]
    if shared:
        bset = np.zeros((1, W), np.uint64)
        for w in range(W):
            bkeys[0, w] = key[w]
        btable[-1 - _find(btable, bkeys, key, W)] = 0
    else:
        bset = np.zeros((4 * room, W), np.uint64)
        slot = _fib_slot(_hash(key, W), _fib_shift(4 * room))
        for w in range(W):
            bset[slot, w] = key[w]
    bcount = 1
    # distinct vertices
    vcap = room
    vkeys = np.zeros((vcap, W), np.uint64)
    vnum = np.zeros((vcap, d), C.dtype)
    vden = np.zeros(vcap, C.dtype)
    vtable = _table(np.int64(256))
    lk = np.zeros(W, np.uint64)
    newkey = np.zeros(W, np.uint64)
    full = np.zeros(W, np.uint64)
    ident = True
    for v in range(nv):
        _set(full, v)
        if lab[v] != v:
            ident = False
    # record the root vertex (z = 0)
    for j in range(d):
        b = lab[j]
        _set(lk, b)
    for w in range(W):
        vkeys[0, w] = lk[w]
    vden[0] = 1
    vtable[-1 - _find(vtable, vkeys, lk, W)] = 0
    vcount = 1
    # the vertices in vtable (those of bases with a basic variable at or near zero, and the
    # root): a vertex of a basis alone is never looked up, as no other basis has its labels
    vtl = np.zeros(64, np.int64)
    vtc = 1
    vrow = np.zeros(nv, C.dtype)
    status = 0
    depth = 0
    stk[0, 0] = 0
    amb = 0
    chk = (not isint) and hi > 0.0
    fast = fdiv or not isint  # float64 arrays: the ratio test's quotient shortcut
    inv = np.zeros(k, C.dtype)
    for i in range(k):
        inv[i] = 1  # the root's right-hand side is 1
    gap = hi if hi > eps else eps
    seq = not fast
    bitskip = W == 1 and not rev
    ones = ~np.uint64(0)
    # the walk's loop runs inside a loop that grows the tables it fills: an array reassigned
    # in the hot loop costs reference counting on every iteration, so the inner loop stops
    # (before any work of the step) when the next step could need more room, and the outer
    # one grows or rehashes the tables and resumes; each step adds at most one level, basis,
    # checkpoint and vertex
    finished = False
    while not finished:
        if depth + 1 >= cap:
            cap *= 2
            stk = _grow2(stk, cap)
        if not isint and (depth + 1) // CK >= ccap:
            ccap *= 2
            ckT = _grow2(ckT, ccap * ncol)
            ckD = _grow1(ckD, ccap)
        if not shared and 2 * (bcount + 1) > bset.shape[0]:
            bset = _set_grow(bset, W)
        bshift = _fib_shift(bset.shape[0])
        if vcount >= vcap:
            vcap *= 2
            vkeys = _grow2(vkeys, vcap)
            vnum = _grow2(vnum, vcap)
            vden = _grow1(vden, vcap)
        if vtc >= vtl.shape[0]:
            vtl = _grow1(vtl, 2 * vtc)
        if 2 * (vtc + 1) > vtable.shape[0]:
            vtable = _rehash_some(vkeys, vtl, vtc, W, 2 * vtable.shape[0])
        while True:
            if (depth + 1 >= cap or (not isint and (depth + 1) // CK >= ccap) or vcount >= vcap
                    or vtc >= vtl.shape[0] or 2 * (vtc + 1) > vtable.shape[0]
                    or (not shared and 2 * (bcount + 1) > bset.shape[0])):
                break  # (room first; nothing of this step is done yet)
            if shared and (amb > 0 or stop[0] != 0):
                stop[0] = 1  # a (near-)degenerate basis or an ambiguous test: the caller walks alone
                finished = True
                break
            u = stk[depth, 0]
            # skip basic variables, and the variable that left on the way here: entering it leads
            # back along the same edge to the parent basis (visited; shared walks test that edge
            # too, see ``enumerate_vertices_shared``); ``rev``: variables in decreasing order
            par = stk[depth, 2] if depth > 0 else -1
            if bitskip:
                # (one word of labels, increasing order) the next nonbasic variable from u on,
                # as the lowest set bit of a mask: no unpredictable branch per variable; frexp
                # of the isolated bit (a power of two, exact in float64) gives its index
                if u < nv:
                    nbm = ~key[0] & full[0] & (ones << np.uint64(u))
                    if par >= 0 and not shared:
                        nbm &= ~(np.uint64(1) << np.uint64(par))
                    if nbm == np.uint64(0):
                        u = nv
                    else:
                        u = math.frexp(float(nbm & (~nbm + np.uint64(1))))[1] - 1
                s = u  # (the entering variable when u < nv)
            else:
                while u < nv:
                    s = nv - 1 - u if rev else u
                    if pos[s] < 0 and (s != par or shared):
                        break
                    u += 1
            back = u >= nv
            if back:
                if depth == 0:
                    finished = True
                    break
                # return to the parent: pivot back on (row, the variable that left)
                r = stk[depth, 1]
                s = stk[depth, 2]
            else:
                stk[depth, 0] = u + 1
                # lexicographic minimum ratio test on [rhs | slack columns] / column s
                best = -1
                done = False
                if not seq:
                    # the row of the least ratio as the largest T[s, r] / rhs[r] (branch-free: the
                    # signs are unpredictable); it is the row of the sequential test when the next
                    # ratio exceeds it by more than twice the tie tolerance and the ambiguity band
                    # (plus a relative rounding margin) and no entry lies in the band
                    thr = eps * D
                    thr_hi = hi * D
                    q1 = 0.0
                    q2 = 0.0
                    band = False
                    for i in range(k):
                        a = T[s, i]
                        xa = abs(a)
                        band |= (xa > thr) & (xa < thr_hi)
                        q = a * inv[i] * (a > thr)
                        q2 = max(q2, min(q, q1))
                        best = i if q > q1 else best
                        q1 = max(q1, q)
                    if not band:
                        # the next ratio 1 / q2 exceeds the least 1 / q1 by more than
                        # 2 gap + 1e-12 / q2, multiplied out by q1 q2 > 0 (no division; the
                        # margin absorbs the rounding either way)
                        if q2 <= 0.0 or q1 - q2 > (2.0 * gap) * q1 * q2 + 1e-12 * q1:
                            done = True  # (q2 <= 0: at most one eligible row)
                if not done:
                    best, da = _lex_row(T, s, k, d, pos, D, isint, eps, hi, chk)
                    amb += da
                if s == par:  # (shared walks) the edge back must lead to the parent
                    if best != stk[depth, 1]:
                        amb += 1
                    continue
                if best < 0:
                    continue  # unbounded edge: impossible for a positive C
                r = best
                o = bas[r]
                # the neighbour's key (o leaves, s enters) and its slot: ``_find`` written out
                # here (the hot call site; a call costs reference counting of its arrays)
                h = np.uint64(14695981039346656037)
                for w in range(W):
                    x = key[w]
                    if w == o >> 6:
                        x &= ~(np.uint64(1) << np.uint64(o & 63))
                    if w == s >> 6:
                        x |= np.uint64(1) << np.uint64(s & 63)
                    newkey[w] = x
                    h = (h ^ x) * np.uint64(1099511628211)
                    h = h ^ (h >> np.uint64(29))
                seen = False
                if not shared:
                    msk = bset.shape[0] - 1
                    slot = _fib_slot(h, bshift)
                    while True:
                        same = True
                        empty = True
                        for w in range(W):
                            x = bset[slot, w]
                            if x != newkey[w]:
                                same = False
                            if x != np.uint64(0):
                                empty = False
                        if same:
                            seen = True
                            break
                        if empty:
                            break
                        slot = (slot + 1) & msk
                else:
                    msk = btable.shape[0] - 1
                    slot = np.int64(h & np.uint64(msk))
                    while True:
                        idx = btable[slot]
                        if idx < 0:
                            break
                        same = True
                        for w in range(W):
                            if bkeys[idx, w] != newkey[w]:
                                same = False
                                break
                        if same:
                            seen = True
                            break
                        slot = (slot + 1) & msk
                if not seen and shared:
                    # visited by the other thread?  (read while it writes: a slot it has filled
                    # but whose key is not yet visible compares unequal, so a race only makes
                    # both threads visit the basis)
                    omsk = obtable.shape[0] - 1
                    oslot = np.int64(h & np.uint64(omsk))
                    while True:
                        idx = obtable[oslot]
                        if idx < 0:
                            break
                        same = True
                        for w in range(W):
                            if obkeys[idx, w] != newkey[w]:
                                same = False
                                break
                        if same:
                            seen = True
                            break
                        oslot = (oslot + 1) & omsk
                if seen:
                    continue
                if bcount >= max_bases:
                    status = 1
                    finished = True
                    break
                if not shared:
                    for w in range(W):
                        bset[slot, w] = newkey[w]
                else:
                    if bcount >= bcap or 2 * (bcount + 1) > btable.shape[0]:
                        status = 5  # the preallocated table is full: the caller walks alone
                        stop[0] = 1  # (and the other thread need not go on)
                        finished = True
                        break
                    for w in range(W):
                        bkeys[bcount, w] = newkey[w]
                    btable[slot] = bcount
                bcount += 1
            # pivot in place on (r, s): s enters, o = bas[r] leaves
            o = bas[r]
            piv = T[s, r]
            if not isint:
                if not (piv > 0.0 and D > 0.0):
                    status = 4  # floating point breakdown: the caller recomputes exactly
                    if shared:
                        stop[0] = 1  # (the basis just recorded is not walked: the other thread stops)
                    finished = True
                    break
            big = _pivot(T, r, s, o, nbl, d, k, D, isint, fdiv, kv)
            t_ = npos[s]
            nbl[t_] = o
            npos[o] = t_
            if isint and fdiv:
                if piv > big:
                    big = piv
                if D > big:
                    big = D
                if big > ovf:
                    status = 2
                    finished = True
                    break
            bas[r] = s
            pos[s] = r
            pos[o] = -1
            key[o >> 6] &= ~(np.uint64(1) << np.uint64(o & 63))
            key[s >> 6] |= np.uint64(1) << np.uint64(s & 63)
            D = piv
            if back:
                depth -= 1
                if not isint and depth % CK == 0:
                    for j in range(ncol):
                        for i in range(k):
                            T[j, i] = ckT[(depth // CK) * ncol + j, i]
                    D = ckD[depth // CK]
            if fast:
                # reciprocals of the right-hand side for the ratio test's shortcut (none at or
                # near zero: a degenerate basis takes the sequential test)
                lim = gap * D
                seq = False
                for i in range(k):
                    v = T[rhs, i]
                    if v <= lim:
                        seq = True
                    inv[i] = 1.0 / v if v > 0 else 0.0
            if back:
                continue
            if shared and seq:
                amb += 1  # a basic variable at or near zero
            depth += 1
            stk[depth, 0] = 0
            stk[depth, 1] = r
            stk[depth, 2] = o
            if not isint and depth % CK == 0:
                c_i = depth // CK
                for j in range(ncol):
                    for i in range(k):
                        ckT[c_i * ncol + j, i] = T[j, i]
                ckD[c_i] = D
            # labels: nonbasic variables and basic variables at zero
            if ident:  # label v is variable v: the complement of the basis
                for w in range(W):
                    lk[w] = ~key[w] & full[w]
            else:
                for w in range(W):
                    lk[w] = np.uint64(0)
                for v in range(nv):
                    if pos[v] >= 0:
                        continue
                    b = lab[v]
                    _set(lk, b)
            thr = eps * D
            thr_hi = hi * D
            f = -1
            if seq:  # else every basic variable is clearly positive (see ``inv``)
                for i in range(k):
                    val = T[rhs, i]
                    if chk:
                        xa = abs(val)
                        if thr < xa < thr_hi:
                            amb += 1
                    if isint:
                        zero = val == 0
                    else:
                        zero = val <= thr
                    if zero:
                        b = lab[bas[i]]
                        _set(lk, b)
                f = _find(vtable, vkeys, lk, W)
            # a vertex of this basis alone (no basic variable at zero): new, as the basis is; its
            # d labels never equal a degenerate vertex's, so the table holds only those
            if f < 0:
                for w in range(W):
                    vkeys[vcount, w] = lk[w]
                # z: the basic structural variables' values (branch-free scatter)
                for j in range(nv):
                    vrow[j] = 0
                for i in range(k):
                    vrow[bas[i]] = T[rhs, i]
                for j in range(d):
                    vnum[vcount, j] = vrow[j]
                vden[vcount] = D
                if seq:
                    vtable[-1 - f] = vcount
                    vtl[vtc] = vcount
                    vtc += 1
                vcount += 1
    return status, vkeys, vnum, vden, vcount, bcount, amb


@njit(cache=True)
def enumerate_vertices(C, lab, isint, eps, ovf, max_bases, hi):
    """All vertices of ``{z >= 0 : C z <= 1}`` (``C`` positive, ``k x d``).

    Parameters
    ----------
    C : (k, d) array of float64 (integers when ``isint``) or object (Python ints, through
        ``py_func``)
    lab : (d + k,) int64, the label of each variable (structural first, then slacks)
    isint : exact integer pivoting (True) or floating point (False)
    eps : float tolerance (ignored when ``isint``)
    ovf : exact mode: largest admissible absolute tableau entry, at most ``EXACT_OVF`` for
        float64 arrays (``<= 0``: unbounded, object arrays only)
    max_bases : stop after visiting this many bases
    hi : float mode only: count the decisions whose normalized quantity lies in the
        ambiguous band ``(eps, hi)`` (``hi <= 0``: do not count)

    Returns
    -------
    status, keys (cap, W) uint64 label sets, num (cap, d) coordinates times ``den``, den
    (cap,), the number ``V`` of vertices (the first ``V`` rows are valid), the number of bases
    visited, the number of ambiguous decisions.

    Notes
    -----
    One working tableau, stored by columns (``T[j, r]``: variable ``j``, row ``r``; column
    ``nv`` is the right-hand side) and scaled by ``D``, the determinant of the basis (integer
    pivoting: ``N = (T * piv - T[s] * T[:, r]) / D``, exact for integers).  The depth-first
    walk pivots forward to a new basis and pivots back when it returns, so the tableau stays
    in cache (the walk is path-like: its depth is close to the number of bases).  Integer
    back-pivots restore the parent exactly; in floating point a copy of the tableau every 16
    levels bounds the drift.  Basic columns are never stored: a leaving column is rebuilt from
    ``D e_r`` and basic slack columns are read as unit vectors in the lexicographic test; the
    pivots update the columns of the nonbasic list ``nbl``.

    Ratio test (float64 arrays, both modes): after each pivot the reciprocals ``1 / rhs`` are
    kept when every ``rhs`` exceeds ``max(eps, hi) D`` (else the basis is degenerate or near
    it); the row of the least ratio is then the largest ``T[s, r] / rhs[r]``, found without
    branches, and it is taken when the next ratio exceeds it by more than ``2 max(eps, hi)``
    plus a relative ``1e-12`` and no entry of the column lies in the band: then no ratio tie
    or ambiguous decision exists and the sequential test (``_lex_row``) would return the same
    row.  Otherwise ``_lex_row`` decides.  A basis with every ``rhs`` clearly positive is a
    nondegenerate vertex, new with its basis, recorded without the vertex table (which holds
    only the vertices of the other bases, as only those are looked up).
    """
    none = np.zeros((1, 1), np.uint64)
    return _walk(C, lab, isint, eps, ovf, max_bases, hi, False, none, _table(np.int64(1)), none,
                 _table(np.int64(1)), np.zeros(1, np.int64))


@njit(cache=True, nogil=True)
def enumerate_vertices_shared(C, lab, eps, max_bases, hi, rev, bkeys, btable, obkeys, obtable, stop):
    """One of two threads walking the float polytope of :func:`enumerate_vertices` together.

    Each thread records the bases it visits in its own preallocated ``bkeys`` (rows of label
    keys, zero until written) and ``btable`` (open addressing, ``-1`` empty, at least twice as
    many slots as rows), and skips a basis the other thread has recorded (``obkeys``,
    ``obtable``, read while that thread writes them); ``rev`` tries the entering variables in
    decreasing order, so the two walks start in different directions.  Every basis a thread
    records it also walks from, so the union of the bases the two threads visit is closed
    under taking neighbours, hence all bases (the basis graph is connected); a basis both
    threads reach at the same moment is visited twice, and the caller merges the vertices by
    their label keys.  Float mode only (``isint=False``).  Returns as
    :func:`enumerate_vertices`, with status 5 when ``bkeys`` or ``btable`` is full (the caller
    then walks alone).

    The result is the single walk's only for bases in general position, so a shared walk stops
    (both threads: ``stop[0]`` set to 1, shared) with a positive ambiguity count at a basis with
    a basic variable at or near zero (``<= max(eps, hi) D``: a degenerate vertex, whose
    coordinates would come from whichever basis reached it first) or at any ambiguous decision,
    and it also tests the edge back to each basis' parent (which the single walk skips, its
    tree being another), counting an edge that does not lead back as ambiguous: the caller then
    walks alone, so it takes the single walk's decisions whenever they could differ.  A
    floating-point breakdown (status 4) sets ``stop[0]`` too: the basis it had just recorded is
    not walked.

    No atomics: the tables must be fresh for every walk (keys zero, slots ``-1``).  A thread may
    see a slot of the other's table before the key it indexes; a partly written key has fewer
    than ``k`` bits set (every basis key has exactly ``k``), so it matches no basis and the
    reader visits the basis itself (a duplicate, removed by the merge), never skips one.  Stale
    keys from an earlier walk would break this.
    """
    return _walk(C, lab, False, eps, 0, max_bases, hi, rev, bkeys, btable, obkeys, obtable, stop)


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
    Returns the pairs ``(cap, 2)`` and their number (the first rows are valid).
    """
    W = pk.shape[1]
    nl = m + n
    full = np.zeros(W, np.uint64)
    for b in range(nl):
        _set(full, b)
    rowmask = np.zeros(W, np.uint64)
    for b in range(m):
        _set(rowmask, b)
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
    return out, cnt


@njit(cache=True)
def certify_pairs(A, B, xnum, xden, ynum, yden, pairs, npairs):
    """Exact Nash check of the first ``npairs`` pairs in integer arithmetic.

    ``A y <= yden`` and ``B^T x <= xden`` componentwise, equality on the supports, and
    ``x``, ``y`` nonnegative and nonzero.  Integers held in float64 (exact while every
    partial sum stays below ``2^53``: the caller checks the bound) or, through ``py_func``,
    Python ints.  Returns a boolean per pair.
    """
    m, n = A.shape
    ok = np.ones(npairs, np.bool_)
    for t in range(npairs):
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


@njit(cache=True, inline="always")
def _dominated(rows, s, cols, t, lt, tm):
    """Whether some row ``rows[a]`` (``a < s``) is strictly below another row on every column
    ``cols[c]`` (``c < t``): ``lt[i, i2]`` is the bit set of the columns where row ``i`` is
    strictly below row ``i2``; ``tm`` is scratch for the bit set of the columns."""
    W2 = tm.shape[0]
    m = lt.shape[0]
    for w in range(W2):
        tm[w] = np.uint64(0)
    for c in range(t):
        _set(tm, cols[c])
    for a in range(s):
        i = rows[a]
        for i2 in range(m):
            if i2 == i:
                continue
            dom = True
            for w in range(W2):
                if tm[w] & ~lt[i, i2, w] != np.uint64(0):
                    dom = False
                    break
            if dom:
                return True
    return False


@njit(cache=True, inline="always")
def _vertex_sets(pk, p, m, n, kp_, rows, outr, cols):
    """Decode the label key ``pk[p]`` of a vertex ``x`` of ``P``: its support ``S`` (rows whose
    label is missing) into ``rows``, the other rows into ``outr``, its best-response columns
    ``T`` into ``cols`` (``kp_``: scratch for the key); returns ``(|S|, m - |S|, |T|)``."""
    for w in range(kp_.shape[0]):
        kp_[w] = pk[p, w]
    # branch-free (whether a label is present is unpredictable): write both, advance one
    s = 0
    no = 0
    for i in range(m):
        h = np.int64((kp_[i >> 6] >> np.uint64(i & 63)) & np.uint64(1))
        rows[s] = i
        outr[no] = i
        s += 1 - h
        no += h
    t = 0
    for j in range(n):
        b = m + j
        h = np.int64((kp_[b >> 6] >> np.uint64(b & 63)) & np.uint64(1))
        cols[t] = j
        t += h
    return s, no, t


@njit(cache=True, inline="always")
def _too_many_choices(e, ncand, max_combos):
    """Whether ``e < 0`` or there are more than ``max_combos`` choices of ``e`` out of
    ``ncand`` (the binomial coefficient, computed until it passes the bound)."""
    if e < 0:
        return True
    nch = 1
    for i in range(e):
        nch = nch * (ncand - i) // (i + 1)
        if nch > max_combos:
            return True
    return False


@njit(cache=True, inline="always")
def _square_system(comb, e, s, t, rows, outr, cols, czero, rows2, cols2):
    """The square system of one choice ``comb[:e]`` among the ``t`` columns of ``T`` (made
    zero) and the rows ``outr`` (made tight): its rows ``S`` + chosen rows into ``rows2``, its
    columns ``T`` - zeroed ones into ``cols2``; returns its order."""
    for c in range(t):
        czero[c] = 0
    ne = s
    for a in range(s):
        rows2[a] = rows[a]
    for a in range(e):
        cc = comb[a]
        if cc < t:
            czero[cc] = 1
        else:
            rows2[ne] = outr[cc - t]
            ne += 1
    nu = 0
    for c in range(t):
        if czero[c] == 0:
            cols2[nu] = cols[c]
            nu += 1
    return ne


@njit(cache=True, inline="always")
def _next_combination(comb, e, ncand):
    """Advance ``comb[:e]`` to the next combination of ``e`` out of ``ncand`` in
    lexicographic order; False after the last one."""
    a = e - 1
    while a >= 0 and comb[a] == ncand - e + a:
        a -= 1
    if a < 0:
        return False
    comb[a] += 1
    for b in range(a + 1, e):
        comb[b] = comb[b - 1] + 1
    return True


@njit(cache=True, inline="always")
def _add_pair(pairs, cnt, p, q):
    """Append the pair ``(p, q)`` unless the last pairs of ``p`` hold it already (the same ``y``
    from another choice of this ``x``); returns the (possibly grown) array and the count."""
    for u in range(cnt - 1, -1, -1):
        if pairs[u, 0] != p:
            break
        if pairs[u, 1] == q:
            return pairs, cnt
    if cnt >= pairs.shape[0]:
        pairs = _grow2(pairs, 2 * pairs.shape[0])
    pairs[cnt, 0] = p
    pairs[cnt, 1] = q
    return pairs, cnt + 1


@njit(cache=True)
def partners(pk, A, isint, eps, ovf, hi, max_combos):
    """The ``y`` completing the labels of every vertex ``x`` of ``P``, by small linear solves.

    For a vertex ``x`` with support ``S`` and best-response columns ``T`` (``|T| >= |S|``), the
    ``y`` completing its labels form the face ``{y in Q : y_j = 0 off T, (A y)_i = 1 on S}``.
    Its vertices make ``e = |T| - |S|`` further constraints tight, chosen among ``y_j = 0``
    (``j`` in ``T``) and ``(A y)_i = 1`` (``i`` not in ``S``): each choice is one square solve
    (``e = 0``, the nondegenerate case, is a single solve).  Arithmetic and ``ovf`` as in
    ``enumerate_vertices``.  Returns ``status`` (0 ok, 2 exact-integer bound exceeded, 3 more
    than ``max_combos`` choices or ``A[S, T]`` of deficient rank: enumerate ``Q`` instead),
    the pairs ``(p, q)`` and their number, the distinct ``y`` (label keys, numerators,
    denominators, at full capacity) and their number, and the number of ambiguous float
    decisions (see ``enumerate_vertices``).

    A vertex with a row ``i`` of ``S`` strictly below another row ``i2`` on every column of
    ``T`` has no partner and is skipped without a solve (:func:`_dominated`; about two thirds
    of the vertices of generic games): every ``y >= 0`` on ``T`` pays row ``i2`` more than row
    ``i``, so row ``i`` cannot be tight while ``A_i2 y <= 1``.  Floats: "strictly below" by
    more than ``4 max(eps, hi)`` on ``A`` mapped onto ``[1, 2]``, so that (as ``A y >= 1/2``
    sums ``y`` to at least ``1/2``) row ``i2`` would exceed 1 by more than the ambiguity band.
    """
    m, n = A.shape
    V = pk.shape[0]
    W = pk.shape[1]
    # each vertex adds at most max_combos + 1 pairs and y (see the outer loop below): the
    # tables start with that room
    room = max_combos + 1
    cap = 64
    while cap < room:
        cap *= 2
    pairs = np.zeros((cap, 2), np.int64)
    cnt = 0
    ycap = cap
    yk = np.zeros((ycap, W), np.uint64)
    ynum = np.zeros((ycap, n), A.dtype)
    yden = np.zeros(ycap, A.dtype)
    ytable = _table(np.int64(256))
    ycount = 0
    fdiv = ovf > 0
    rows = np.zeros(m, np.int64)
    cols = np.zeros(n, np.int64)
    outr = np.zeros(m, np.int64)
    rows2 = np.zeros(m, np.int64)
    cols2 = np.zeros(n, np.int64)
    czero = np.zeros(n, np.int64)
    comb = np.zeros(m + n + 1, np.int64)
    prow = np.zeros(n, np.int64)
    used = np.zeros(m, np.int64)
    M = np.zeros((m, n + 1), A.dtype)
    lk = np.zeros(W, np.uint64)
    maxA = 0
    for i in range(m):
        for j in range(n):
            av = A[i, j] if A[i, j] >= 0 else -A[i, j]
            if av > maxA:
                maxA = av
    # lt[i, i2]: the columns where row i is strictly below row i2 (floats: by more than
    # 4 max(eps, hi), so that every y on those columns making row i tight is clearly infeasible
    # for row i2, A being mapped onto [1, 2])
    W2 = (n + 63) // 64
    lt = np.zeros((m, m, W2), np.uint64)
    tm = np.zeros(W2, np.uint64)
    kp_ = np.zeros(W, np.uint64)
    marg = 4.0 * max(eps, hi)
    if isint:
        marg = 0.0 * marg
    for i in range(m):
        for i2 in range(m):
            for j in range(n):
                if i2 != i and A[i2, j] - A[i, j] > marg:
                    lt[i, i2, j >> 6] |= np.uint64(1) << np.uint64(j & 63)
    status = 0
    amb = 0
    chk = (not isint) and hi > 0.0
    # the vertices in an inner loop, the tables grown in an outer one before a vertex that
    # could overfill them (each vertex adds at most ``room`` pairs and y): an array
    # reassigned inside the hot loop costs numba reference counting on every iteration
    p0 = 0
    while p0 < V and status == 0:
        if cnt + room > cap:
            while cnt + room > cap:
                cap *= 2
            pairs = _grow2(pairs, cap)
        if ycount + room > ycap:
            while ycount + room > ycap:
                ycap *= 2
            yk = _grow2(yk, ycap)
            ynum = _grow2(ynum, ycap)
            yden = _grow1(yden, ycap)
        while 2 * (ycount + room) > ytable.shape[0]:
            ytable = _rehash(yk, ycount, W, 2 * ytable.shape[0])
        pend = V
        for p in range(p0, V):
            if cnt + room > cap or ycount + room > ycap or 2 * (ycount + room) > ytable.shape[0]:
                pend = p  # (room first: nothing of this vertex is done yet)
                break
            s, no, t = _vertex_sets(pk, p, m, n, kp_, rows, outr, cols)
            if s == 0:
                continue  # x = 0
            e = t - s
            if _too_many_choices(e, t + no, max_combos):
                status = 3
                break
            if _dominated(rows, s, cols, t, lt, tm):
                continue  # a row of S strictly dominated on T: no partner (see the docstring)
            ncand = t + no
            for a in range(e):
                comb[a] = a
            nonsingular = 0
            while True:
                # the square system of this choice: rows S + chosen rows, columns T - zeroed ones
                s2 = _square_system(comb, e, s, t, rows, outr, cols, czero, rows2, cols2)
                for a in range(s2):
                    for c in range(s2):
                        M[a, c] = A[rows2[a], cols2[c]]
                    M[a, s2] = 1
                    used[a] = 0
                # Gauss-Jordan elimination with integer (fraction-free) pivoting, largest pivot first
                D = M[0, 0] - M[0, 0] + 1
                big = 0
                singular = False
                for c in range(s2):
                    r = -1
                    bestv = M[0, 0] - M[0, 0]
                    for a in range(s2):
                        if used[a] != 0:
                            continue
                        av = M[a, c] if M[a, c] >= 0 else -M[a, c]
                        if av > bestv:
                            bestv = av
                            r = a
                    if isint:
                        if r < 0:
                            singular = True
                            break
                    else:
                        dd = D if D >= 0 else -D
                        if chk and r >= 0 and eps * dd < bestv < hi * dd:
                            amb += 1
                        if r < 0 or bestv <= eps * dd:
                            singular = True
                            break
                    piv = M[r, c]
                    invD = 1.0
                    if not isint:
                        invD = 1.0 / D
                    for a in range(s2):
                        if a == r:
                            continue
                        f = M[a, c]
                        if isint:
                            for b in range(s2 + 1):
                                v = _exdiv(M[a, b] * piv - f * M[r, b], D)
                                M[a, b] = v
                                if fdiv:
                                    av = v if v >= 0 else -v
                                    if av > big:
                                        big = av
                        else:
                            # only the columns after c: the pivot search and the solution
                            # read columns c + 1 .. s2 from here on (an eliminated column is
                            # never read again), so the values read are those of the full
                            # update; the integer path updates every column, as its entry
                            # bound watches them all
                            for b in range(c + 1, s2 + 1):
                                M[a, b] = (M[a, b] * piv - f * M[r, b]) * invD
                    D = piv
                    used[r] = 1
                    prow[c] = r
                if isint and fdiv:
                    # checked whether singular or not: past the bound, products are inexact
                    dd = D if D >= 0 else -D
                    if big > ovf or dd > ovf:
                        status = 2
                        break
                feasible = not singular
                if not singular:
                    nonsingular += 1
                    sg = 1 if D > 0 else -1
                    Dp = D * sg
                    for w in range(W):
                        lk[w] = np.uint64(0)
                    for j in range(n):
                        lab_j = m + j
                        _set(lk, lab_j)
                    for c in range(s2):
                        v = M[prow[c], s2] * sg
                        if isint:
                            if v < 0:
                                feasible = False
                                break
                            if v > 0:
                                lab_j = m + cols2[c]
                                _clr(lk, lab_j)
                        else:
                            if chk and eps * Dp < abs(v) < hi * Dp:
                                amb += 1
                            if v < -eps * Dp:
                                feasible = False
                                break
                            if v > eps * Dp:
                                lab_j = m + cols2[c]
                                _clr(lk, lab_j)
                if feasible and isint and fdiv:
                    mv = 0.0
                    for c in range(s2):
                        av = M[prow[c], s2] if M[prow[c], s2] >= 0 else -M[prow[c], s2]
                        if av > mv:
                            mv = av
                    if float(mv) * float(maxA) * float(s2 + 1) >= _EXACT_SUM:
                        status = 2
                        break
                if feasible:
                    # the other rows: A y <= 1
                    for i in range(m):
                        on = False
                        for a in range(s2):
                            if rows2[a] == i:
                                on = True
                                break
                        if on:
                            _set(lk, i)
                            continue
                        dot = M[0, 0] - M[0, 0]
                        for c in range(s2):
                            dot += A[i, cols2[c]] * (M[prow[c], s2] * sg)
                        if isint:
                            if dot > Dp:
                                feasible = False
                                break
                            if dot == Dp:
                                _set(lk, i)
                        else:
                            if chk and eps * Dp < abs(dot - Dp) < hi * Dp:
                                amb += 1
                            if dot > Dp * (1.0 + eps):
                                feasible = False
                                break
                            if dot >= Dp * (1.0 - eps):
                                _set(lk, i)
                if feasible:
                    f = _find(ytable, yk, lk, W)
                    if f >= 0:
                        q = f
                    else:
                        q = ycount
                        for w in range(W):
                            yk[q, w] = lk[w]
                        for j in range(n):
                            ynum[q, j] = 0
                        for c in range(s2):
                            v = M[prow[c], s2] * sg
                            if not isint and v < 0:
                                v = v - v
                            ynum[q, cols2[c]] = v
                        yden[q] = Dp
                        ytable[-1 - f] = q
                        ycount += 1
                    # (_add_pair without growth: the room is there)
                    dup = False
                    for u in range(cnt - 1, -1, -1):
                        if pairs[u, 0] != p:
                            break
                        if pairs[u, 1] == q:
                            dup = True
                            break
                    if not dup:
                        pairs[cnt, 0] = p
                        pairs[cnt, 1] = q
                        cnt += 1
                if not _next_combination(comb, e, ncand):
                    break
            if status != 0:
                break
            if nonsingular == 0:
                status = 3  # A[S, T] of deficient rank: this face needs the full enumeration of Q
                break
        p0 = pend
    return status, pairs, cnt, yk, ynum, yden, ycount, amb


# -- multi-modular exact walk --------------------------------------------------------------------
@njit(cache=True, inline="always")
def _mm(a, b, p, ip):
    """``a * b mod p`` for ``0 <= a, b < p < 2^31`` without an integer division: the float
    quotient (``ip = 1 / p``) is within one of ``floor(a b / p)``, the remainder is exact."""
    # |float error| < 2^31 * 3 * 2^-53 < 1, so one correction each way suffices
    q = np.int64(float(a) * float(b) * ip)
    r = a * b - q * p
    r = r + p if r < 0 else r
    return r - p if r >= p else r


@njit(cache=True)
def _inv_mods(D, invD, K, primes, invp):
    """``invD[q] = D[q]^-1 mod primes[q]`` for the first ``K`` primes (each ``D[q]`` nonzero
    modulo its prime; primes below ``2^31``): Fermat's exponentiations left to right, the bit
    loop outside so that the ``K`` independent chains of products overlap."""
    for q in range(K):
        invD[q] = 1
    for bit in range(30, -1, -1):
        for q in range(K):
            p = primes[q]
            ip = invp[q]
            x = _mm(invD[q], invD[q], p, ip)
            if ((p - 2) >> bit) & 1:
                x = _mm(x, D[q], p, ip)
            invD[q] = x


@njit(cache=True, inline="always")
def _sign_mod(x, K, dig, primes, invp, ginv, halfs):
    """Sign of the integer ``v`` with residues ``x`` modulo the first ``K`` primes given
    ``|v| < P_K / 2`` (``P_K`` their product).

    Garner's mixed-radix conversion of ``v mod P_K`` (exact, in int64), compared digit by
    digit, most significant first, with the mixed-radix digits ``halfs[K]`` of
    ``(P_K - 1) / 2``.  ``dig`` is scratch space of length ``K``.
    """
    nz = False
    for i in range(K):
        if x[i] != 0:
            nz = True
            break
    if not nz:
        return 0
    for j in range(K):
        p = primes[j]
        t = x[j]
        for i in range(j):
            t -= dig[i]
            while t < 0:
                t += p
            t = _mm(t, ginv[i, j], p, invp[j])
        dig[j] = t
    for j in range(K - 1, -1, -1):
        if dig[j] > halfs[K, j]:
            return -1
        if dig[j] < halfs[K, j]:
            return 1
    return 1


@njit(cache=True, inline="always")
def _val_mod(x, dig, primes, invp, ginv, half):
    """The integer ``v`` with residues ``x`` (``|v| < P / 2``) as a float: zero exactly when
    ``v = 0``, the sign exact, the magnitude within a relative error of ``(2 K + 1) 2^-53``.

    Garner's mixed-radix digits of ``v mod P`` (exact, as in :func:`_sign_mod`), then Horner's
    rule in floating point on nonnegative terms: the digits of ``v``, or for ``v < 0`` those of
    ``P - 1 - (v mod P) = |v| - 1`` (the digitwise complements ``p_j - 1 - d_j``: no borrows).
    Needs ``P < 2^1023`` (no overflow).
    """
    K = primes.shape[0]
    nz = False
    for i in range(K):
        if x[i] != 0:
            nz = True
            break
    if not nz:
        return 0.0
    for j in range(K):
        p = primes[j]
        t = x[j]
        for i in range(j):
            t -= dig[i]
            while t < 0:
                t += p
            t = _mm(t, ginv[i, j], p, invp[j])
        dig[j] = t
    neg = False
    for j in range(K - 1, -1, -1):
        if dig[j] != half[j]:
            neg = dig[j] > half[j]
            break
    f = 0.0
    for j in range(K - 1, -1, -1):
        f = f * float(primes[j]) + float(primes[j] - 1 - dig[j] if neg else dig[j])
    return -(f + 1.0) if neg else f


@njit(cache=True)
def _col_vals(T, s, out, dig2, K, primes, invp, ginv, halfs):
    """``out[r] = _val_mod(T[s, :, r])`` for every row ``r`` of the modular tableau ``T``
    (column, prime, row), from the first ``K`` primes (every entry of the column below
    ``P_K / 2`` in absolute value; digits of ``(P_K - 1) / 2`` in ``halfs[K]``): Garner's
    conversion run on all rows at once, the row loop innermost (independent chains of
    modular products, vectorizable).  ``dig2`` is ``(K, k)`` scratch."""
    k = T.shape[2]
    for j in range(K):
        p = primes[j]
        ip = invp[j]
        for r in range(k):
            dig2[j, r] = T[s, j, r]
        for i in range(j):
            g = ginv[i, j]
            for r in range(k):
                t = dig2[j, r] - dig2[i, r]
                t = t + p if t < 0 else t
                dig2[j, r] = _mm(t, g, p, ip)
    for r in range(k):
        out[r] = 0.0
    for r in range(k):
        nz = False
        for j in range(K):
            if T[s, j, r] != 0:
                nz = True
                break
        if not nz:
            continue
        neg = False
        for j in range(K - 1, -1, -1):
            if dig2[j, r] != halfs[K, j]:
                neg = dig2[j, r] > halfs[K, j]
                break
        f = 0.0
        for j in range(K - 1, -1, -1):
            f = f * float(primes[j]) + float(primes[j] - 1 - dig2[j, r] if neg else dig2[j, r])
        out[r] = -(f + 1.0) if neg else f


@njit(cache=True)
def enumerate_vertices_mod(C, lab, primes, invp, ginv, halfs, kneed, max_bases):
    """``enumerate_vertices`` in exact integer (Bareiss) pivoting, carried modulo several primes.

    ``C`` holds the residues ``(k, d, K)`` of a positive integer matrix modulo ``primes``, ``K``
    primes below ``2^31`` whose product ``P`` exceeds four times a Hadamard bound of the
    ``k x k`` minors of ``[C | I | 1]``: every tableau entry (a minor) and every ratio-test
    cross product divided by ``D > 0`` (by Sylvester's identity an entry of the neighbouring
    basis' tableau, so a minor too) is then determined by its residues, its sign by Garner's
    mixed-radix conversion (:func:`_sign_mod`).  Every decision is therefore the exact
    integer decision of ``enumerate_vertices(isint=True)``, with no overflow.  Returns status
    (0 complete, 1 truncated, 2 a basis determinant divisible by one of the primes: the caller
    falls back), keys, residues of the vertex numerators ``(V, d, K)`` and denominators
    ``(V, K)``, and the number of bases visited.

    ``halfs[j]`` holds the mixed-radix digits of ``(P_j - 1) / 2`` for the product ``P_j`` of
    the first ``j`` primes; ``kneed[t]`` is the number of primes whose product exceeds four
    times the Hadamard bound of the minors of ``[C | 1]`` of order ``t``.  At a basis with ``b``
    structural variables every tableau entry is such a minor of order at most ``b + 1`` (the
    basis matrix is a minor of ``C`` of order ``b`` bordered by unit columns, and an entry
    replaces one of its columns), so the float images of the ratio test are read from the
    first ``kneed[b + 1]`` primes only.  The pivots run modulo every prime.

    The tableau is stored as ``T[column, prime, row]`` so that the pivot's and the float
    images' inner loops run over the rows (contiguous, vectorizable); each updated entry
    ``T[j, i] piv / D - T[s, i] T[j, r] / D`` is one sum of two products below ``2^63``,
    reduced once (:func:`_mm`'s float quotient).
    """
    k = C.shape[0]
    d = C.shape[1]
    K = primes.shape[0]
    nv = d + k
    ncol = nv + 1
    rhs = nv
    W = (nv + 63) // 64
    T = np.zeros((ncol, K, k), np.int64)
    bas = np.zeros(k, np.int64)
    pos = _table(nv)
    key = np.zeros(W, np.uint64)
    for r in range(k):
        for j in range(d):
            for q in range(K):
                T[j, q, r] = C[r, j, q]
        for q in range(K):
            T[rhs, q, r] = 1
        bas[r] = d + r
        pos[d + r] = r
        _set(key, d + r)
    D = np.ones(K, np.int64)
    invD = np.ones(K, np.int64)
    cap = 64
    # DFS stack: next variable to try, pivot row and leaving variable of each level
    stk = np.zeros((cap, 3), np.int64)
    icap = 64
    invs = np.ones((icap, K), np.int64)  # 1 / D of each level, modulo each prime
    bcap = 64
    bkeys = np.zeros((bcap, W), np.uint64)
    btable = _table(np.int64(256))
    for w in range(W):
        bkeys[0, w] = key[w]
    btable[-1 - _find(btable, bkeys, key, W)] = 0
    bcount = 1
    vcap = 64
    vkeys = np.zeros((vcap, W), np.uint64)
    vnum = np.zeros((vcap, d, K), np.int64)
    vden = np.zeros((vcap, K), np.int64)
    vtable = _table(np.int64(256))
    lk = np.zeros(W, np.uint64)
    newkey = np.zeros(W, np.uint64)
    for j in range(d):
        b = lab[j]
        _set(lk, b)
    for w in range(W):
        vkeys[0, w] = lk[w]
    for q in range(K):
        vden[0, q] = 1
    vtable[-1 - _find(vtable, vkeys, lk, W)] = 0
    vcount = 1
    status = 0
    depth = 0
    stk[0, 0] = 0
    cc = np.zeros(K, np.int64)
    dig = np.zeros(K, np.int64)
    xb = np.zeros(K, np.int64)
    useflt = K <= 32  # P < 2^992: the entries as floats do not overflow
    frhs = np.zeros(k, np.float64)  # the right-hand side as floats (see ``_val_mod``)
    fcol = np.zeros(k, np.float64)
    dig2 = np.zeros((K, k), np.int64)
    for i in range(k):
        frhs[i] = 1.0
    nb = 0  # structural variables in the basis
    while True:
        s = stk[depth, 0]
        # skip basic variables and the variable that left on the way here (back to the parent)
        par = stk[depth, 2] if depth > 0 else -1
        while s < nv and (pos[s] >= 0 or s == par):
            s += 1
        back = s >= nv
        if back:
            if depth == 0:
                break
            r = stk[depth, 1]
            s = stk[depth, 2]
        else:
            stk[depth, 0] = s + 1
            best = -1
            done = False
            if useflt:
                # the entries as floats (exact signs, relative error below 1e-14): when the
                # least ratio is below the next by a relative 1e-12, it is the exact argmin,
                # the row of the exact sequential test below (no tie)
                q1 = np.inf
                q2 = np.inf
                _col_vals(T, s, fcol, dig2, kneed[nb + 1], primes, invp, ginv, halfs)
                for r in range(k):
                    fa = fcol[r]
                    if fa > 0.0:
                        qq = frhs[r] / fa
                        if qq < q1:
                            q2 = q1
                            q1 = qq
                            best = r
                        elif qq < q2:
                            q2 = qq
                done = best < 0 or q2 > q1 * (1.0 + 1e-12)
        if not back and not done:
            best = -1
            for r in range(k):
                for q in range(K):
                    xb[q] = T[s, q, r]
                sg = _sign_mod(xb, K, dig, primes, invp, ginv, halfs)
                if sg <= 0:
                    continue
                if best < 0:
                    best = r
                    continue
                # c = T[rhs, r] * T[s, best] - T[rhs, best] * T[s, r]
                # Sylvester: c / D is the entry of the tableau after pivoting on (best, s), a
                # minor like every entry, so its residues fix it and D > 0 its sign
                for q in range(K):
                    p = primes[q]
                    ip = invp[q]
                    u = _mm(T[rhs, q, r], T[s, q, best], p, ip) - _mm(T[rhs, q, best], T[s, q, r], p, ip)
                    if u < 0:
                        u += p
                    cc[q] = _mm(u, invD[q], p, ip)
                c = _sign_mod(cc, K, dig, primes, invp, ginv, halfs)
                if c != 0:
                    if c < 0:
                        best = r
                    continue
                for j in range(d, d + k):
                    pj = pos[j]
                    for q in range(K):
                        p = primes[q]
                        if pj >= 0:
                            vr = D[q] if pj == r else 0
                            vb = D[q] if pj == best else 0
                        else:
                            vr = T[j, q, r]
                            vb = T[j, q, best]
                        ip = invp[q]
                        u = _mm(vr, T[s, q, best], p, ip) - _mm(vb, T[s, q, r], p, ip)
                        if u < 0:
                            u += p
                        cc[q] = _mm(u, invD[q], p, ip)
                    c = _sign_mod(cc, K, dig, primes, invp, ginv, halfs)
                    if c != 0:
                        break
                if c < 0:
                    best = r
        if not back:
            if best < 0:
                continue
            r = best
            for w in range(W):
                newkey[w] = key[w]
            o = bas[r]
            _clr(newkey, o)
            _set(newkey, s)
            f = _find(btable, bkeys, newkey, W)
            if f >= 0:
                continue
            if bcount >= max_bases:
                status = 1
                break
            if bcount >= bcap:
                bcap *= 2
                bkeys = _grow2(bkeys, bcap)
            for w in range(W):
                bkeys[bcount, w] = newkey[w]
            btable[-1 - f] = bcount
            bcount += 1
            if 2 * bcount > btable.shape[0]:
                btable = _rehash(bkeys, bcount, W, 2 * btable.shape[0])
        # pivot on (r, s) modulo every prime: N = T piv / D - T[s] T[:, r] / D
        o = bas[r]
        bad = False
        for q in range(K):
            if T[s, q, r] == 0:
                bad = True  # the new determinant is divisible by this prime
        if bad:
            status = 2
            break
        for q in range(K):
            p = primes[q]
            ip = invp[q]
            mp = _mm(T[s, q, r], invD[q], p, ip)
            for j in range(ncol):
                if j == s or (j < nv and pos[j] >= 0):
                    continue
                tr = T[j, q, r]
                mt = _mm(tr, invD[q], p, ip)
                for i in range(k):
                    # x < 2 p^2 < 2^63; the float quotient is within one of floor(x / p)
                    x = T[j, q, i] * mp + (p - T[s, q, i]) * mt
                    y = x - np.int64(float(x) * ip) * p
                    y = y + p if y < 0 else y
                    T[j, q, i] = y - p if y >= p else y
                T[j, q, r] = tr
        for q in range(K):
            p = primes[q]
            for i in range(k):
                v = T[s, q, i]
                T[o, q, i] = p - v if v != 0 else v
            T[o, q, r] = D[q]
            D[q] = T[s, q, r]
        if back:  # the parent's inverses, kept on the stack
            for q in range(K):
                invD[q] = invs[depth - 1, q]
        else:
            _inv_mods(D, invD, K, primes, invp)
        bas[r] = s
        pos[s] = r
        pos[o] = -1
        _clr(key, o)
        _set(key, s)
        if s < d:
            nb += 1
        if o < d:
            nb -= 1
        if useflt:
            _col_vals(T, rhs, frhs, dig2, kneed[nb + 1], primes, invp, ginv, halfs)
        if back:
            depth -= 1
            continue
        depth += 1
        if depth >= cap:
            cap *= 2
            stk = _grow2(stk, cap)
        stk[depth, 0] = 0
        stk[depth, 1] = r
        stk[depth, 2] = o
        if depth >= icap:
            icap *= 2
            invs = _grow2(invs, icap)
        for q in range(K):
            invs[depth, q] = invD[q]
        for w in range(W):
            lk[w] = np.uint64(0)
        for v in range(nv):
            if pos[v] >= 0:
                continue
            b = lab[v]
            _set(lk, b)
        for i in range(k):
            zero = True
            for q in range(K):
                if T[rhs, q, i] != 0:
                    zero = False
                    break
            if zero:
                b = lab[bas[i]]
                _set(lk, b)
        f = _find(vtable, vkeys, lk, W)
        if f < 0:
            if vcount >= vcap:
                vcap *= 2
                vkeys = _grow2(vkeys, vcap)
                tn = np.zeros((vcap, d, K), np.int64)
                for u in range(vcount):
                    for j in range(d):
                        for q in range(K):
                            tn[u, j, q] = vnum[u, j, q]
                vnum = tn
                vden = _grow2(vden, vcap)
            for w in range(W):
                vkeys[vcount, w] = lk[w]
            for i in range(k):
                bv = bas[i]
                if bv < d:
                    for q in range(K):
                        vnum[vcount, bv, q] = T[rhs, q, i]
            for q in range(K):
                vden[vcount, q] = D[q]
            vtable[-1 - f] = vcount
            vcount += 1
            if 2 * vcount > vtable.shape[0]:
                vtable = _rehash(vkeys, vcount, W, 2 * vtable.shape[0])
    return status, vkeys, vnum, vden, vcount, bcount


@njit(cache=True)
def _sign_mod_call(x, K, dig, primes, invp, ginv, halfs):
    """:func:`_sign_mod` as an ordinary call (``partners_mod``: not inlined at each call site,
    less to compile)."""
    return _sign_mod(x, K, dig, primes, invp, ginv, halfs)


@njit(cache=True)
def partners_mod(pk, A, lt, primes, invp, ginv, halfs, kneed, max_combos):
    """``partners`` in exact integer arithmetic carried modulo several primes.

    ``A`` holds the residues ``(m, n, K)`` of the positive integer matrix of ``Q`` modulo
    ``primes`` (set up for the walk of ``Q``: ``P > 4 H`` with ``H`` the Hadamard bound of the
    ``m x m`` minors of ``[A | I | 1]``).  Each square system ``A[R, T'] y = 1`` of a choice
    (as in ``partners``) is solved by Gaussian elimination modulo every prime: its determinant
    ``det`` and Cramer numerators ``det_c`` (``y_c = det_c / det``) are minors of ``[A | 1]``,
    and so is ``det (1 - A_i y)`` for a row ``i`` outside ``R`` (the determinant bordered by
    row ``i`` and the column of ones, by Schur's formula): all below ``P / 4`` in absolute
    value, so their residues fix them and Garner's conversion (:func:`_sign_mod`) reads their
    signs exactly.  Vertices with a dominated row are skipped as in ``partners`` (``lt``: the
    bit sets of columns where row ``i`` is strictly below row ``i2``, from the integers).  A
    system of order ``s`` needs only the first ``kneed[s + 1]`` primes
    (``kneed`` as in ``enumerate_vertices_mod``: its values are minors of order at most
    ``s + 1``).  Feasibility (``y >= 0``, ``A y <= 1``) and the labels are thus the exact
    integer decisions of ``partners(isint=True)``.  Returns ``status`` (0 ok, 2 a nonzero
    determinant divisible by one of the primes, 3 as in ``partners``: in both cases the caller
    enumerates ``Q`` instead), the pairs and their number, the distinct ``y`` (keys, residues of
    the numerators ``(cap, n, K)`` and of the positive denominators ``(cap, K)``, modulo the
    first ``kp[q]`` primes for ``y`` number ``q``), their number and ``kp``.
    """
    m = A.shape[0]
    n = A.shape[1]
    K = primes.shape[0]
    V = pk.shape[0]
    W = pk.shape[1]
    # each vertex adds at most max_combos + 1 pairs and y (see the outer loop below): the
    # tables start with that room
    room = max_combos + 1
    cap = 64
    while cap < room:
        cap *= 2
    pairs = np.zeros((cap, 2), np.int64)
    cnt = 0
    ycap = cap
    yk = np.zeros((ycap, W), np.uint64)
    ynum = np.zeros((ycap, n, K), np.int64)
    yden = np.zeros((ycap, K), np.int64)
    ykp = np.zeros(ycap, np.int64)
    ytable = _table(np.int64(256))
    ycount = 0
    rows = np.zeros(m, np.int64)
    cols = np.zeros(n, np.int64)
    outr = np.zeros(m, np.int64)
    rows2 = np.zeros(m, np.int64)
    cols2 = np.zeros(n, np.int64)
    czero = np.zeros(n, np.int64)
    comb = np.zeros(m + n + 1, np.int64)
    ivs = np.zeros(m, np.int64)
    pres = np.zeros(m, np.int64)
    M = np.zeros((K, m, m + 1), np.int64)
    num = np.zeros((m, K), np.int64)
    det = np.zeros(K, np.int64)
    dets = np.zeros(K, np.int64)
    idet = np.zeros(K, np.int64)
    negs = np.zeros(K, np.bool_)
    sing = np.zeros(K, np.bool_)
    xb = np.zeros(K, np.int64)
    dig = np.zeros(K, np.int64)
    lk = np.zeros(W, np.uint64)
    tm = np.zeros(lt.shape[2], np.uint64)
    kp_ = np.zeros(W, np.uint64)
    status = 0
    for p in range(V):
        s, no, t = _vertex_sets(pk, p, m, n, kp_, rows, outr, cols)
        if s == 0:
            continue  # x = 0
        e = t - s
        if _too_many_choices(e, t + no, max_combos):
            status = 3
            break
        if _dominated(rows, s, cols, t, lt, tm):
            continue  # a row of S strictly dominated on T: no partner (see the docstring)
        ncand = t + no
        for a in range(e):
            comb[a] = a
        nonsingular = 0
        while True:
            # the square system of this choice: rows S + chosen rows, columns T - zeroed ones
            s2 = _square_system(comb, e, s, t, rows, outr, cols, czero, rows2, cols2)
            # modulo each prime: division-free elimination to an upper triangular U (row swaps;
            # every row below the pivot scaled by it), so det M = +-det U / E with
            # E = prod_c U[c, c]^(s2 - 1 - c); one inversion (of det U) per prime, batched
            Kp = kneed[s2 + 1 if s2 < m else m]
            nsing = 0
            for q in range(Kp):
                pq = primes[q]
                ip = invp[q]
                for a in range(s2):
                    for c in range(s2):
                        M[q, a, c] = A[rows2[a], cols2[c], q]
                    M[q, a, s2] = 1
                du = np.int64(1)
                neg = False
                sing[q] = False
                for c in range(s2):
                    r = -1
                    for a in range(c, s2):
                        if M[q, a, c] != 0:
                            r = a
                            break
                    if r < 0:
                        sing[q] = True
                        break
                    if r != c:
                        for b in range(c, s2 + 1):
                            u = M[q, r, b]
                            M[q, r, b] = M[q, c, b]
                            M[q, c, b] = u
                        neg = not neg
                    piv = M[q, c, c]
                    du = _mm(du, piv, pq, ip)
                    for a in range(c + 1, s2):
                        f = pq - M[q, a, c]
                        for b in range(c + 1, s2 + 1):
                            x = M[q, a, b] * piv + f * M[q, c, b]
                            y = x - np.int64(float(x) * ip) * pq
                            y = y + pq if y < 0 else y
                            M[q, a, b] = y - pq if y >= pq else y
                if sing[q]:
                    nsing += 1
                    du = 1
                dets[q] = du
                negs[q] = neg
            if nsing == 0:
                _inv_mods(dets, idet, Kp, primes, invp)
                for q in range(Kp):
                    pq = primes[q]
                    ip = invp[q]
                    # Montgomery's batch inversion: the inverse of each U[c, c] from 1 / det U
                    pre = np.int64(1)
                    for c in range(s2):
                        pres[c] = pre
                        pre = _mm(pre, M[q, c, c], pq, ip)
                    iu = idet[q]
                    for c in range(s2 - 1, -1, -1):
                        ivs[c] = _mm(iu, pres[c], pq, ip)
                        iu = _mm(iu, M[q, c, c], pq, ip)
                    # 1 / E = prod_{c >= 1} prod_{c' < c} 1 / U[c', c']
                    ie = np.int64(1)
                    run = np.int64(1)
                    for c in range(1, s2):
                        run = _mm(run, ivs[c - 1], pq, ip)
                        ie = _mm(ie, run, pq, ip)
                    dq = _mm(dets[q], ie, pq, ip)
                    if negs[q]:
                        dq = pq - dq
                    # back substitution: y = U^-1 b', then det M * y
                    for c in range(s2 - 1, -1, -1):
                        u = M[q, c, s2]
                        for c2 in range(c + 1, s2):
                            u -= _mm(M[q, c, c2], M[q, c2, s2], pq, ip)
                            if u < 0:
                                u += pq
                        M[q, c, s2] = _mm(u, ivs[c], pq, ip)
                    for c in range(s2):
                        num[c, q] = _mm(M[q, c, s2], dq, pq, ip)
                    det[q] = dq
            if nsing > 0 and nsing < Kp:
                status = 2  # a nonzero determinant divisible by one of the primes
                break
            feasible = nsing == 0
            if feasible:
                nonsingular += 1
                sd = _sign_mod_call(det, Kp, dig, primes, invp, ginv, halfs)
                for w in range(W):
                    lk[w] = np.uint64(0)
                for j in range(n):
                    lab_j = m + j
                    _set(lk, lab_j)
                for c in range(s2):
                    for q in range(Kp):
                        xb[q] = num[c, q]
                    sg = _sign_mod_call(xb, Kp, dig, primes, invp, ginv, halfs) * sd
                    if sg < 0:
                        feasible = False
                        break
                    if sg > 0:
                        lab_j = m + cols2[c]
                        _clr(lk, lab_j)
            if feasible:
                # the other rows: det (1 - A_i y) has the sign of det exactly when A_i y < 1
                for i in range(m):
                    on = False
                    for a in range(s2):
                        if rows2[a] == i:
                            on = True
                            break
                    if on:
                        _set(lk, i)
                        continue
                    for q in range(Kp):
                        pq = primes[q]
                        ip = invp[q]
                        u = det[q]
                        for c in range(s2):
                            u -= _mm(A[i, cols2[c], q], num[c, q], pq, ip)
                            if u < 0:
                                u += pq
                        xb[q] = u
                    sg = _sign_mod_call(xb, Kp, dig, primes, invp, ginv, halfs) * sd
                    if sg < 0:
                        feasible = False
                        break
                    if sg == 0:
                        _set(lk, i)
            if feasible:
                f = _find(ytable, yk, lk, W)
                if f >= 0:
                    qy = f
                else:
                    if ycount >= ycap:
                        ycap *= 2
                        yk = _grow2(yk, ycap)
                        tn = np.zeros((ycap, n, K), np.int64)
                        for u in range(ycount):
                            for j in range(n):
                                for q in range(K):
                                    tn[u, j, q] = ynum[u, j, q]
                        ynum = tn
                        yden = _grow2(yden, ycap)
                        ykp = _grow1(ykp, ycap)
                    qy = ycount
                    ykp[qy] = Kp
                    for w in range(W):
                        yk[qy, w] = lk[w]
                    for c in range(s2):
                        for q in range(Kp):
                            v = num[c, q]
                            if sd < 0 and v != 0:
                                v = primes[q] - v
                            ynum[qy, cols2[c], q] = v
                    for q in range(Kp):
                        v = det[q]
                        if sd < 0:
                            v = primes[q] - v
                        yden[qy, q] = v
                    ytable[-1 - f] = qy
                    ycount += 1
                    if 2 * ycount > ytable.shape[0]:
                        ytable = _rehash(yk, ycount, W, 2 * ytable.shape[0])
                pairs, cnt = _add_pair(pairs, cnt, p, qy)
            if not _next_combination(comb, e, ncand):
                break
        if status != 0:
            break
        if nonsingular == 0:
            status = 3
            break
    return status, pairs, cnt, yk, ynum, yden, ycount, ykp

@njit(cache=True, inline="always")
def _row_sum(M, t, n):
    """NumPy's sum of ``M[t, :n]`` (``M.sum(axis=1)`` of a C-contiguous float64 array, bit for
    bit): its pairwise summation, for ``n <= 128`` a plain sum below 8 terms, else 8
    accumulators combined as ``((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))`` and the rest
    added in order.  (The caller keeps ``n <= 128``, where NumPy does not split further.)"""
    if n < 8:
        res = 0.0
        for i in range(n):
            res += M[t, i]
        return res
    r0 = M[t, 0]
    r1 = M[t, 1]
    r2 = M[t, 2]
    r3 = M[t, 3]
    r4 = M[t, 4]
    r5 = M[t, 5]
    r6 = M[t, 6]
    r7 = M[t, 7]
    i = 8
    while i < n - (n % 8):
        r0 += M[t, i]
        r1 += M[t, i + 1]
        r2 += M[t, i + 2]
        r3 += M[t, i + 3]
        r4 += M[t, i + 4]
        r5 += M[t, i + 5]
        r6 += M[t, i + 6]
        r7 += M[t, i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += M[t, i]
        i += 1
    return res


@njit(cache=True, inline="always")
def _key_less(K, a, b):
    """Whether row ``a`` of ``K`` is lexicographically below row ``b`` (Python's list order)."""
    for c in range(K.shape[1]):
        x = K[a, c]
        y = K[b, c]
        if x != y:
            return x < y
    return False


@njit(cache=True)
def float_equilibria(pnum, qnum, pairs, npairs, A, B):
    """The float path's equilibria from the completely labeled pairs: strategies, the
    documented order, payoffs and regrets, in one call (:func:`solvers.extreme.extreme_equilibria`).

    ``x = pnum[p] / sum`` and ``y = qnum[q] / sum`` for the first ``npairs`` pairs ``(p, q)``
    (the sums as NumPy's ``sum(axis=1)``, :func:`_row_sum`, so the vectors are bit for bit
    those of the NumPy expressions; rows of at most 128 entries), sorted stably in decreasing
    lexicographic order of ``(x, y)`` rounded to 9 decimals (``rint(v 1e9)``, ordered as
    ``np.round(v, 9)``: division by ``1e9`` is monotone and keeps distinct integers distinct),
    as Python's ``sorted(..., reverse=True)`` of the rounded lists (a bottom-up merge sort).
    ``A``, ``B`` are the game's float payoffs: ``u1 = x A y``, ``u2 = x B y``, the regrets
    ``max(max_i (A y)_i - u1, 0)`` and ``max(max_j (x B)_j - u2, 0)`` (plain sums: may differ
    from a BLAS product in the last bits).  Returns ``(F, pairs sorted, max row regret, max
    column regret)``: row ``t`` of ``F`` is ``[x | y | u1, u2, regret]`` of pair ``t`` (one
    array, as each returned array costs the caller a boxing), the regret of a pair the larger
    of the row and column player's.
    """
    k = npairs
    m = pnum.shape[1]
    n = qnum.shape[1]
    L = m + n
    Xu = np.empty((k, m))
    Yu = np.empty((k, n))
    K = np.empty((k, L))
    for t in range(k):
        p = pairs[t, 0]
        q = pairs[t, 1]
        for i in range(m):
            Xu[t, i] = pnum[p, i]
        for j in range(n):
            Yu[t, j] = qnum[q, j]
        sx = _row_sum(Xu, t, m)
        sy = _row_sum(Yu, t, n)
        for i in range(m):
            v = Xu[t, i] / sx
            Xu[t, i] = v
            K[t, i] = np.rint(v * 1e9)
        for j in range(n):
            v = Yu[t, j] / sy
            Yu[t, j] = v
            K[t, m + j] = np.rint(v * 1e9)
    # stable sort, decreasing: bottom-up merges; the right run's head goes first only when
    # its key is strictly larger
    order = np.arange(k)
    tmp = np.empty(k, np.int64)
    width = 1
    while width < k:
        lo = 0
        while lo < k:
            mid = min(lo + width, k)
            hi = min(lo + 2 * width, k)
            a = lo
            b = mid
            o = lo
            while a < mid and b < hi:
                if _key_less(K, order[a], order[b]):
                    tmp[o] = order[b]
                    b += 1
                else:
                    tmp[o] = order[a]
                    a += 1
                o += 1
            while a < mid:
                tmp[o] = order[a]
                a += 1
                o += 1
            while b < hi:
                tmp[o] = order[b]
                b += 1
                o += 1
            lo = hi
        for t in range(k):
            order[t] = tmp[t]
        width *= 2
    F = np.empty((k, L + 3))
    ps = np.empty((k, 2), np.int64)
    ay = np.empty(m)
    xb = np.empty(n)
    r1m = 0.0
    r2m = 0.0
    for t in range(k):
        o = order[t]
        ps[t, 0] = pairs[o, 0]
        ps[t, 1] = pairs[o, 1]
        for i in range(m):
            F[t, i] = Xu[o, i]
        for j in range(n):
            F[t, m + j] = Yu[o, j]
        for i in range(m):
            s = 0.0
            for j in range(n):
                s += A[i, j] * Yu[o, j]
            ay[i] = s
        for j in range(n):
            xb[j] = 0.0
        for i in range(m):
            xi = Xu[o, i]
            for j in range(n):
                xb[j] += xi * B[i, j]
        a1 = 0.0
        best1 = ay[0]
        for i in range(m):
            a1 += Xu[o, i] * ay[i]
            if ay[i] > best1:
                best1 = ay[i]
        a2 = 0.0
        best2 = xb[0]
        for j in range(n):
            a2 += Yu[o, j] * xb[j]
            if xb[j] > best2:
                best2 = xb[j]
        r1 = best1 - a1
        r1 = 0.0 if r1 < 0.0 else r1
        r2 = best2 - a2
        r2 = 0.0 if r2 < 0.0 else r2
        F[t, L] = a1
        F[t, L + 1] = a2
        F[t, L + 2] = r2 if r2 > r1 else r1
        if r1 > r1m:
            r1m = r1
        if r2 > r2m:
            r2m = r2
    return F, ps, r1m, r2m


def python_twin(name: str):
    """The pure-Python version of the kernel ``name`` whose helper calls are pure Python too.

    ``kernel.py_func`` still calls the *compiled* helpers, which cannot take object arrays;
    the twin runs every helper through its ``py_func`` (same source, built by
    :func:`solvers._tier.python_twins`, with ``_exdiv`` as ``//``), so it accepts ``object``
    arrays of Python ints (the unbounded exact path) and serves as the reference in tests.
    """
    from .._tier import python_twins

    # (object arrays of Python ints: exact division is //, not the float64 kernels' /)
    return python_twins(__name__, {"_exdiv": _exdiv_py})[name]


@njit(cache=True)
def near_ties(A, B, thr_a, thr_b):
    """Whether two different payoffs that a player compares differ by at most the threshold:
    in a column of the row player's ``A`` (at most ``thr_a``) or a row of the column player's
    ``B`` (``thr_b``): the float walk would read them as tied (payoffs spanning ``1e-9 ..
    1e9``), so :func:`solvers.extreme.extreme_equilibria` enumerates such games exactly.
    ``m^2 n + m n^2`` comparisons, no sorting (about 2 us at 12x12)."""
    m = A.shape[0]
    n = A.shape[1]
    for j in range(n):
        for i in range(m):
            a = A[i, j]
            for k in range(i + 1, m):
                d = abs(a - A[k, j])
                if d > 0.0 and d <= thr_a:
                    return True
    for i in range(m):
        for j in range(n):
            b = B[i, j]
            for k in range(j + 1, n):
                d = abs(b - B[i, k])
                if d > 0.0 and d <= thr_b:
                    return True
    return False
