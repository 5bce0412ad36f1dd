"""All extreme Nash equilibria of a bimatrix game, degenerate games included, exactly.

Definitions (von Stengel 2002, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45, sections 2-3; Avis, Rosenberg, Savani and von Stengel 2010,
"Enumeration of Nash equilibria for two-player games", Economic Theory 42, 9-37).  Let
``(A, B)`` be an ``m x n`` bimatrix game.  A positive affine transformation of each player's
payoffs changes no equilibrium, so assume ``A > 0`` and ``B > 0``.  The best-response polytopes

    P = {x in R^m : x >= 0,  B^T x <= 1},        Q = {y in R^n : A y <= 1,  y >= 0}

carry *labels* ``M = {0..m-1}`` (row actions) and ``N = {m..m+n-1}`` (column actions): ``x`` has
label ``i`` if ``x_i = 0`` and label ``m + j`` if ``(B^T x)_j = 1``; ``y`` has label ``i`` if
``(A y)_i = 1`` and label ``m + j`` if ``y_j = 0``.  A pair ``(x, y) != (0, 0)`` is *completely
labeled* if every label of ``M u N`` is a label of ``x`` or of ``y``; then
``(x / sum x, y / sum y)`` is a Nash equilibrium, and every equilibrium arises so.  The
*extreme equilibria* are the completely labeled pairs of *vertices* of ``P x Q``: the vertices
of the polytopes of equilibria, the output of lrslib's ``lrsnash`` and Gambit's ``enummixed``.

A *Nash subset* is a set of equilibria ``conv(X) x conv(Y)`` (``X`` vertices of ``P``, ``Y``
vertices of ``Q``) such that every pair of ``X x Y`` is an extreme equilibrium; the maximal Nash
subsets are the maximal bicliques of the bipartite graph whose edges are the extreme
equilibria.  The set of all equilibria is the union of the maximal Nash subsets, and its
topological (connected) components are the unions of maximal Nash subsets linked by shared
extreme equilibria (Avis et al. 2010, section 5).  A nondegenerate game has only singleton
maximal Nash subsets; a degenerate game may have continua, which these subsets describe
completely.

Algorithm.  The vertices of ``P`` are enumerated by a depth-first walk over its
lexicographically feasible bases (the vertices of the lexicographically perturbed, simple
polytope), reducing each basis to its label set so that a degenerate vertex shared by many
bases is reported once (kernels in :mod:`solvers._kernels.vertex_enum`).  For each vertex
``x`` with support ``S`` and best-response columns ``T``, the ``y`` completing its labels form a
face of ``Q``; its vertices are found by small square solves (one when ``x`` is
nondegenerate), and only when a face is too degenerate for that is the whole of ``Q``
enumerated and the label sets matched (as ``lrsnash`` does for every ``x``).  A vertex whose
support has a row strictly below another row on every column of ``T`` has an empty face (no
``y`` on ``T`` makes that row a best response) and is skipped without a solve: about two
thirds of the vertices of generic games.  Float games with ``m + n >= 22`` walk ``P`` on two
threads when a second core is free (``enumerate_vertices_shared``: each thread skips the
bases the other has visited; the union is closed under neighbours, hence complete), and
keep that result only where it is the single walk's: a (near-)degenerate basis or an
ambiguous decision sends the game back to the single walk.

Arithmetic.  Exact games are pivoted in integers (fraction-free pivoting on the payoffs
scaled to positive integers), so label sets and vertices are exact, and every equilibrium is
certified exactly in integer arithmetic (feasibility and complementarity of the pair).  The
integers are held in float64 with every tableau entry bounded by ``2^26`` (products below
``2^53``, hence exact; ``arithmetic="int64"``: exact machine integers), so the exact and the
float walk share one compiled kernel.  Past that bound, the same integer pivoting runs
modulo ``K`` primes below ``2^31`` whose product exceeds four times the Hadamard bound of the
tableau's minors: every tableau entry (a minor of ``[C | I | 1]``) and every ratio-test cross
product divided by the basis determinant (by Sylvester's identity, an entry of the
neighbouring basis' tableau) is then fixed by its residues, and its sign is read off exactly
by Garner's mixed-radix conversion.  ``P`` is enumerated so (every decision the exact
integer decision, so the label sets are exactly those of unbounded-integer pivoting).  The
partners of its vertices are found by the same square solves, carried modulo the primes of
``Q`` (the determinants, Cramer numerators and bordered determinants deciding feasibility
are minors under the same bound, and each system needs only the primes its order needs);
when a vertex is too degenerate for that, ``Q`` is enumerated too and the label sets matched
as ``lrsnash`` does.  The vertices of the equilibria are rebuilt by the Chinese remainder
theorem and certified exactly.  Only if a basis determinant is divisible by one of the
primes is the walk redone with unbounded Python integers.  Float games are
pivoted in floating point with tolerance ``tol``; each equilibrium reports its regret.
"""

from __future__ import annotations

import math
import threading
import time
from fractions import Fraction
from typing import Any

import numpy as np

from ._scale import normalized_with_scale
from ._tier import Family, python_twins
from ._validate import check_time_limit
from .equilibria import NashResult
from .errors import InvalidInputError, UnsupportedError, bad_param
from .games import MixedProfile, NormalFormGame
from .numbers import DEFAULT_TOL
from .results import result

__all__ = ["ExtremeEquilibriaResult", "extreme_equilibria"]

_FUNC = "extreme_equilibria"
#: Largest absolute tableau entry of exact integer pivoting in float64 (products below 2^53).
_OVF = 1 << 26
#: Exact integer sums in float64 stay below 2^53.
_EXACT_SAFE = float(1 << 53)
_DEFAULT_MAX_VERTICES = 2_000_000
#: Largest number of face-completing choices tried per degenerate vertex of P before the
#: whole of Q is enumerated instead.
_MAX_COMBOS = 64
#: The same for the modular path, where one choice (a solve modulo a few primes, about 1-3 us)
#: costs far less than enumerating Q modularly (5-20 us per basis).
_MAX_COMBOS_MOD = 256
#: Float walks: decisions with a normalized quantity in (tol, _FLOAT_BAND) count as ambiguous,
#: and a float game with an ambiguous decision is recomputed exactly (output still float).
#: Only decisions that can change the result count (see ``_lex_row``).  1e-7 (was 1e-6): the
#: float walk's error measured against fresh solves of its vertices is about 1e-12 relative at
#: 12x12 and 1e-10 at 16x16; the wider band sent 25 of 40 seeded generic 12x12 games to the
#: exact path (5-20 s each), now 3.
_FLOAT_BAND = 1e-7


@result
class ExtremeEquilibriaResult(NashResult):
    """All extreme Nash equilibria of a bimatrix game and its maximal Nash subsets.

    Attributes
    ----------
    equilibria : tuple of MixedProfile
        The extreme equilibria, sorted lexicographically by the row player's strategy, then
        the column player's strategy, in *decreasing* order of the probability vectors
        (compared as floats rounded to 9 decimals; so ``(1, 0, ...)`` comes first; ties keep
        the enumeration order, which is deterministic).
    regrets : tuple
        Max regret of each equilibrium: ``Fraction(0)`` when exact, else a float at most ``tol``
        times the payoff scale of the player concerned (the span of its payoffs,
        floored at ``1e-6 max |u_i|``; :mod:`solvers._scale`).
    payoffs : tuple of tuple
        ``(u_row, u_col)`` at each equilibrium (exact when ``exact``).
    components : tuple of tuple of int
        The maximal Nash subsets, each as the sorted indices (into ``equilibria``) of the
        extreme equilibria ``X x Y`` it spans; sorted.  ``()`` when not computed.
    connected_components : tuple of tuple of int
        Topological components of the equilibrium set: unions of maximal Nash subsets that
        share an extreme equilibrium, as sorted index tuples; sorted.
    n_vertices : tuple of int
        Vertices of ``P`` enumerated (including the origin), and of ``Q``: all of them when
        ``P`` has a degenerate vertex, else only the partners of the vertices of ``P`` (each
        found by one linear solve).
    arithmetic : str
        How the vertices were computed: ``"int64"`` (exact integer pivoting in machine
        arithmetic: integers below ``2^53`` held in float64), ``"python-int"``
        (exact, unbounded integers), ``"modular"`` (exact integer pivoting carried modulo
        several primes, signs by Garner's conversion; used when int64 would overflow) or
        ``"float"``.
    """

    payoffs: tuple[tuple[Any, Any], ...] = ()
    components: tuple[tuple[int, ...], ...] = ()
    connected_components: tuple[tuple[int, ...], ...] = ()
    n_vertices: tuple[int, int] = (0, 0)
    arithmetic: str = ""


# -- input checks ------------------------------------------------------------------------------
def _check_limit(name: str, value: Any, default: int | None) -> int | None:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidInputError(bad_param(_FUNC, name, "a positive int or None", value))
    return int(value)


def _check_game(game: Any) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(_FUNC, "game", "a NormalFormGame", game))
    if game.n_players != 2:
        raise UnsupportedError(
            bad_param(_FUNC, "game", "a two-player (bimatrix) game", f"a {game.n_players}-player game", raw=True)
        )
    return game


# -- number preparation ----------------------------------------------------------------------
def _integerize(scaled: tuple[np.ndarray, Any],
                shape: tuple[int, int]) -> tuple[list[list[int]], int, int, int]:
    """Scale an exact matrix to positive integers: ``M_int = (L M - c) / g + 1``.

    ``scaled`` is the game's cached ``(L M, L)`` (:meth:`NormalFormGame.integer_payoffs`), so
    integer games never build Fractions here.  Returns ``(M_int as lists, L, c, g)``; the
    transformation is positive affine.
    """
    arr, L = scaled
    L = int(L)
    ints = [int(v) for v in np.asarray(arr).reshape(-1).tolist()]
    c = min(ints)
    g = math.gcd(*[v - c for v in ints]) or 1
    rows, cols = shape
    out = [[(ints[r * cols + j] - c) // g + 1 for j in range(cols)] for r in range(rows)]
    return out, L, c, g


_LABELS: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}


def _labels(m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The labels of the variables of ``P`` and ``Q`` (cached; the kernels do not write them)."""
    out = _LABELS.get((m, n))
    if out is None:
        lab_p = np.arange(m + n, dtype=np.int64)
        lab_q = np.concatenate([np.arange(m, m + n), np.arange(m)]).astype(np.int64)
        out = _LABELS[(m, n)] = (lab_p, lab_q)
    return out


#: The tier of the vertex-enumeration kernels (:mod:`solvers._tier`): interpreted first.
_EE_TIER = Family("solvers._kernels.vertex_enum")
#: Games with at most this many action pairs ``m n`` run interpreted first ...
_TWIN_GAME = 100
#: ... with at most this many bases per polytope (then the compiled kernels redo the game).
_TWIN_BASES = 5000
_STATE = threading.local()


def _kernel(name: str):
    """The vertex-enumeration kernel ``name``: compiled, or its Python twin while
    :func:`extreme_equilibria` runs interpreted (this thread's ``_STATE.interpret``)."""
    global _VE
    if getattr(_STATE, "interpret", False):
        return python_twins("solvers._kernels.vertex_enum")[name]
    if _VE is None:
        from ._kernels import vertex_enum

        _VE = vertex_enum
    return getattr(_VE, name)


_VE: Any = None  # solvers._kernels.vertex_enum once imported (not at import: numba)


#: Float walks of polytopes with at least this many variables ``m + n`` use two threads.  22
#: (was 18): the single walk is now faster per basis than the shared one (its own key table),
#: and at 10x10 two threads were slower than one even on an idle machine (1.16 against
#: 0.94 ms, load 0.9); 11x11 gains (1.36 against 1.51 ms), 12x12 more (4.0 against 6.0).
_THREAD_MIN_VARS = 22
#: Largest preallocated basis table per thread of a threaded walk (rows; the walk falls back
#: to one thread when a table fills).
_THREAD_MAX_CAP = 1 << 20
#: A threaded walk in which the worker visited less than this share of the bases (its thread
#: starved on a busy machine, or its part of the graph small) makes the next
#: ``_BUSY_BACKOFF`` seconds walk alone.
_THREAD_MIN_SHARE = 0.15
_BUSY_BACKOFF = 1.0
_BUSY_UNTIL = 0.0
_POOL: Any = None
#: The most bases a threaded walk of a polytope of this shape ``(k, d)`` has visited.
_BASES_SEEN: dict[tuple[int, int], int] = {}


def _threads_ok() -> bool:
    """Whether a second thread may help now: more than one numba thread (``NUMBA_NUM_THREADS``,
    default the number of cores, read without starting numba's threading layer) and no recent
    sign of a busy machine."""
    import numba

    return int(numba.config.NUMBA_NUM_THREADS) > 1 and time.perf_counter() >= _BUSY_UNTIL


def _pool():
    """A one-worker thread pool (created on first use, and again in a forked child)."""
    global _POOL
    import os

    if _POOL is None or _POOL[0] != os.getpid():
        from concurrent.futures import ThreadPoolExecutor

        _POOL = (os.getpid(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="extreme"))
    return _POOL[1]


def _walk_threaded(C: np.ndarray, lab: np.ndarray, eps: float, hi: float, max_bases: int):
    """The float walk of ``enumerate_vertices`` on two threads (``enumerate_vertices_shared``):
    this one tries entering variables in increasing order, a pool worker in decreasing order,
    each skipping the bases the other has visited.  Returns ``enumerate_vertices``' first
    five results in its ``_enumerate`` form (the vertices of this thread, then the worker's new
    ones, merged by label key), or ``None`` (walk alone) when a preallocated table filled or
    the walks stopped at a degenerate basis or an ambiguous decision, where the result could
    differ from the single walk's.  Each table holds fewer than ``max_bases / 2`` bases, so a
    walk the single one would truncate at ``max_bases`` fills a table and is redone alone."""
    global _BUSY_UNTIL
    from ._kernels.vertex_enum import enumerate_vertices_shared as walk

    k, d = C.shape
    W = (d + k + 63) // 64
    # about 4 times the mean number of bases of P for random square games (10x10: ~1000,
    # 12x12: ~4000), or twice the most a walk of this shape has needed
    cap = min(_THREAD_MAX_CAP, (max_bases - 1) // 2, max(2048, 1 << (2 + (d + k + 1) // 2), 2 * _BASES_SEEN.get((k, d), 0)))
    size = 1 << (2 * cap - 1).bit_length()
    ka = np.zeros((cap, W), np.uint64)
    kb = np.zeros((cap, W), np.uint64)
    ta = np.full(size, -1, np.int64)
    tb = np.full(size, -1, np.int64)
    stop = np.zeros(1, np.int64)
    fut = _pool().submit(walk, C, lab, eps, max_bases, hi, True, kb, tb, ka, ta, stop)
    try:
        oa = walk(C, lab, eps, max_bases, hi, False, ka, ta, kb, tb, stop)
    finally:
        # a worker that has not started yet is not waited for (a busy machine: the walk
        # above then visited every basis alone)
        ob = None if fut.cancel() else fut.result()
    sa, keys_a, num_a, den_a, va, na, amb_a = oa
    if sa == 5 or (ob is not None and ob[0] == 5):
        _BASES_SEEN[(k, d)] = max(_BASES_SEEN.get((k, d), 0), cap)
        return None
    if stop[0]:  # a degenerate basis, an ambiguous decision or a breakdown: the single walk decides
        return None
    if ob is None:
        _BUSY_UNTIL = time.perf_counter() + _BUSY_BACKOFF
        return sa, keys_a[:va], num_a[:va], den_a[:va], amb_a
    nb = ob[5]
    _BASES_SEEN[(k, d)] = max(_BASES_SEEN.get((k, d), 0), na + nb)
    if nb < _THREAD_MIN_SHARE * (na + nb):
        _BUSY_UNTIL = time.perf_counter() + _BUSY_BACKOFF
    return _merge_walks(oa, ob)


def _merge_walks(oa: tuple, ob: tuple):
    """The vertices of two threads' walks (``enumerate_vertices_shared`` results): the first
    thread's, then the second's that the first does not have (the origin, degenerate vertices
    reached from bases of both, bases both visited at once), in ``_enumerate``'s form."""
    sa, keys_a, num_a, den_a, va, _, amb_a = oa
    sb, keys_b, num_b, den_b, vb, _, amb_b = ob
    W = keys_a.shape[1]
    st = max(sa, sb)
    keys_a, keys_b = keys_a[:va], keys_b[:vb]
    if W == 1:
        new = ~np.isin(keys_b[:, 0], keys_a[:, 0])
    else:
        dt = np.dtype((np.void, 8 * W))
        new = ~np.isin(np.ascontiguousarray(keys_b).view(dt)[:, 0], np.ascontiguousarray(keys_a).view(dt)[:, 0])
    return (st, np.concatenate([keys_a, keys_b[new]]), np.concatenate([num_a[:va], num_b[:vb][new]]),
            np.concatenate([den_a[:va], den_b[:vb][new]]), amb_a + amb_b)


def _enumerate(C: Any, lab: np.ndarray, mode: str, eps: float, max_bases: int, hi: float = 0.0,
               threads: bool = True):
    """``enumerate_vertices`` in the given mode; returns ``(status, keys, num, den, amb,
    threaded)`` (``threaded``: the vertices come from :func:`_walk_threaded`)."""
    if (threads and mode == "float" and max_bases >= _DEFAULT_MAX_VERTICES
            and sum(C.shape) >= _THREAD_MIN_VARS and not getattr(_STATE, "interpret", False)
            and _threads_ok()):
        out = _walk_threaded(C, lab, eps, hi, max_bases)
        if out is not None:
            return out + (True,)
    enumerate_vertices = _kernel("enumerate_vertices")
    if mode == "int64":  # exact integers held in float64 (one compiled kernel for both modes)
        out = enumerate_vertices(C, lab, True, 0.0, _OVF, max_bases, 0.0)
    elif mode == "object":  # unbounded Python ints: the pure-Python twin of the kernel
        from ._kernels.vertex_enum import python_twin

        with np.errstate(over="ignore"):
            out = python_twin("enumerate_vertices")(C, lab, True, 0.0, 0, max_bases, 0.0)
    else:
        out = enumerate_vertices(C, lab, False, eps, 0, max_bases, hi)
    st, keys, num, den, V, _, amb = out
    return st, keys[:V], num[:V], den[:V], amb, False


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


# -- maximal Nash subsets --------------------------------------------------------------------
def _float_payoffs_regrets(Af: np.ndarray, Bf: np.ndarray, X: np.ndarray,
                           Y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Both players' payoffs and regrets at the profiles ``(X[k], Y[k])`` (rows of ``X``, ``Y``)."""
    AY = Y @ Af.T  # (k, m): row payoffs against y
    XB = X @ Bf  # (k, n): column payoffs against x
    u1 = (X * AY).sum(axis=1)
    u2 = (Y * XB).sum(axis=1)
    return u1, u2, np.maximum(AY.max(axis=1) - u1, 0.0), np.maximum(XB.max(axis=1) - u2, 0.0)


def _maximal_subsets(pairs: list[tuple[int, int]]) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """Maximal bicliques of the bipartite graph with edge list ``pairs`` (as eq index sets).

    Closed column sets are the intersections of nonempty families of neighbourhoods
    ``N(x)``; each closed ``Y`` with ``X = {x : N(x) >= Y}`` is a maximal biclique.
    """
    xs = sorted({p for p, _ in pairs})
    ys = sorted({q for _, q in pairs})
    if len(xs) == len(pairs) and len(ys) == len(pairs):  # isolated equilibria (e.g. nondegenerate)
        single = tuple((k,) for k in range(len(pairs)))
        return single, single
    xpos = {p: i for i, p in enumerate(xs)}
    ypos = {q: j for j, q in enumerate(ys)}
    nbr = [0] * len(xs)
    index = {}
    for k, (p, q) in enumerate(pairs):
        i, j = xpos[p], ypos[q]
        nbr[i] |= 1 << j
        index[(i, j)] = k
    closed: list[int] = []
    seen: set[int] = set()
    for nb in nbr:
        new = []
        for c in closed:
            z = c & nb
            if z and z not in seen:
                seen.add(z)
                new.append(z)
        if nb not in seen:
            seen.add(nb)
            new.append(nb)
        closed.extend(new)
    comps = []
    for Y in closed:
        X = [i for i, nb in enumerate(nbr) if nb & Y == Y]
        Yl = [j for j in range(len(ys)) if (Y >> j) & 1]
        comps.append(tuple(sorted(index[(i, j)] for i in X for j in Yl)))
    comps.sort()
    # connected components: union-find over equilibria linked by a shared maximal subset
    parent = list(range(len(pairs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for comp in comps:
        r0 = find(comp[0])
        for k in comp[1:]:
            rk = find(k)
            if rk != r0:
                parent[rk] = r0
    groups: dict[int, list[int]] = {}
    for k in range(len(pairs)):
        groups.setdefault(find(k), []).append(k)
    conn = sorted(tuple(sorted(g)) for g in groups.values())
    return tuple(comps), tuple(conn)


def _core(Cp, Cq, lab_p, lab_q, mode: str, eps: float, max_v: int, hi: float = 0.0, threads: bool = True):
    """Vertices of P, their partners in Q, and the completely labeled pairs.

    Returns ``None`` on int64 overflow (the caller retries with Python ints), and, when
    ``hi > 0`` (float mode), on any decision within the ambiguous band ``(eps, hi)``.
    """
    m = Cq.shape[0]
    n = Cq.shape[1]
    st_p, pk, pnum, pden, amb, threaded = _enumerate(Cp, lab_p, mode, eps, max_v, hi, threads)
    if st_p in (2, 4) or amb:
        return None
    st_q = 0
    if mode == "object":
        from ._kernels.vertex_enum import python_twin

        with np.errstate(over="ignore"):
            out = python_twin("partners")(pk, Cq, True, 0.0, 0, 0.0, _MAX_COMBOS)
    else:
        out = _kernel("partners")(pk, Cq, mode == "int64", eps, _OVF if mode == "int64" else 0, hi, _MAX_COMBOS)
    st_x, pairs, npairs, qk, qnum, qden, nq, amb = out
    if st_x == 2 or amb:
        return None
    if threaded and st_x == 0 and npairs > len(np.unique(pairs[:npairs, 1])):
        # a vertex of Q completing several vertices of P: its coordinates come from the first
        # of their solves, which within the tolerance may depend on the order of the vertices
        # of P; the single walk's order decides, as without threads
        return _core(Cp, Cq, lab_p, lab_q, mode, eps, max_v, hi, threads=False)
    if st_x == 3:  # a degenerate vertex of P: enumerate Q and match label sets
        st_q, qk, qnum, qden, amb, _ = _enumerate(Cq, lab_q, mode, eps, max_v, hi, threads)
        if st_q in (2, 4) or amb:
            return None
        pairs, npairs = _kernel("match_pairs")(pk, qk, m, n)
        nq = len(qk)
    return st_p, st_q, pk, pnum, pden, qk[:nq], qnum[:nq], qden[:nq], pairs[:npairs]


_PRIMES: list[int] = []


def _primes(count: int) -> list[int]:
    """The ``count`` largest primes below ``2^31`` (cached; products of two fit in int64)."""
    if len(_PRIMES) < count:
        from sympy import prevprime

        p = _PRIMES[-1] if _PRIMES else 1 << 31
        while len(_PRIMES) < count:
            p = int(prevprime(p))
            _PRIMES.append(p)
    return _PRIMES[:count]


def _modular_setup(C: list[list[int]]) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                                 np.ndarray]:
    """Primes, ``1 / p``, Garner inverses, mixed-radix digits and prime counts for a walk on a
    ``k``-row tableau ``[C | I | 1]`` (``C`` positive integers, as a list of rows).

    Hadamard: a minor is at most the product of its column norms, so ``H(t)``, the product of
    the ``t`` largest column norms of ``[C | 1]`` (each rounded up), bounds every minor of
    order ``t`` of ``[C | I | 1]`` (unit columns reduce a minor to one of ``[C | 1]``).  Every
    tableau entry is a minor of order at most ``k``, and so is every ratio-test cross product
    divided by the basis determinant (an entry of a neighbouring basis' tableau, by
    Sylvester's identity); ``K`` primes with product ``P > 4 H(k)`` make them all, and their
    signs, determined by their residues.  Returns ``(primes, primes as int64, 1 / p, ginv,
    halfs, kneed)``: ``ginv[i, j] = p_i^-1 mod p_j``, ``halfs[j]`` the mixed-radix digits of
    ``(P_j - 1) / 2`` for the product ``P_j`` of the first ``j`` primes, ``kneed[t]`` the least
    ``j`` with ``P_j > 4 H(min(t, k))`` (``t = 0 .. k + 1``).
    """
    k = len(C)
    norms = [math.isqrt(sum(C[r][j] * C[r][j] for r in range(k))) + 1 for j in range(len(C[0]))]
    norms.append(math.isqrt(k) + 1)
    norms.sort(reverse=True)
    need = 4 * math.prod(norms[:k])
    K = 1
    while math.prod(_primes(K)) <= need:
        K += 1
    pr = _primes(K)
    ginv = np.zeros((K, K), dtype=np.int64)
    for i in range(K):
        for j in range(i + 1, K):
            ginv[i, j] = pow(pr[i], -1, pr[j])
    halfs = np.zeros((K + 1, K), dtype=np.int64)
    for j in range(1, K + 1):
        h = (math.prod(pr[:j]) - 1) // 2
        for i in range(j):
            halfs[j, i] = h % pr[i]
            h //= pr[i]
    kneed = np.zeros(k + 2, dtype=np.int64)
    for t in range(k + 2):
        bound = 4 * math.prod(norms[: min(t, k)])
        j = 1
        while math.prod(pr[:j]) <= bound:
            j += 1
        kneed[t] = j
    invp = np.array([1.0 / p for p in pr], dtype=np.float64)
    return pr, np.array(pr, dtype=np.int64), invp, ginv, halfs, kneed


def _crt(res: np.ndarray, pr: list[int]) -> int:
    """The integer of absolute value below ``P / 2`` with residues ``res`` modulo ``pr``."""
    P = math.prod(pr)
    v = 0
    for r, p in zip(res.tolist(), pr):
        Mi = P // p
        v += r * Mi * pow(Mi, -1, p)
    v %= P
    return v - P if v > P // 2 else v


def _below(M: list[list[int]]) -> np.ndarray:
    """``lt[i, i2]``: the bit set (little-endian uint64 words) of the columns ``j`` with
    ``M[i][j] < M[i2][j]`` (exact integers)."""
    A = np.array(M, dtype=object)
    m, n = A.shape
    W2 = (n + 63) // 64
    bits = np.zeros((m, m, W2 * 64), dtype=bool)
    bits[:, :, :n] = A[:, None, :] < A[None, :, :]
    words = np.packbits(bits, axis=2, bitorder="little").reshape(m, m, W2, 8)
    return np.ascontiguousarray(words).view("<u8").reshape(m, m, W2).astype(np.uint64)


def _crt_rows(res: np.ndarray, pr: list[int]) -> np.ndarray:
    """:func:`_crt` of every residue vector ``res[..., :]`` at once (object array of ints): the
    CRT basis ``c_i = (P / p_i) ((P / p_i)^-1 mod p_i)`` computed once, then one dot product."""
    P = math.prod(pr)
    basis = np.empty(len(pr), dtype=object)
    basis[:] = [(P // p) * pow(P // p, -1, p) for p in pr]
    v = (res.astype(object) * basis).sum(axis=-1) % P
    return np.where(v > P // 2, v - P, v)


def _modular_core(Ai: list[list[int]], Bi: list[list[int]], lab_p, lab_q, max_v: int):
    """Exact vertex enumeration of ``P`` by multi-modular integer pivoting (no overflow, every
    decision exact), the partners of its vertices by square solves modulo the primes of ``Q``
    (``partners_mod``; when a vertex of ``P`` is too degenerate for that, ``Q`` is enumerated the
    same way and the label sets matched as ``lrsnash`` does); the vertices in the pairs
    reconstructed exactly by the Chinese remainder theorem.  ``None`` when a basis
    determinant of a walk is divisible by one of the primes (the caller then pivots in Python
    integers).
    """
    enumerate_vertices_mod = _kernel("enumerate_vertices_mod")
    partners_mod = _kernel("partners_mod")
    match_pairs = _kernel("match_pairs")

    m, n = len(Ai), len(Ai[0])
    Cp = [[Bi[i][j] for i in range(m)] for j in range(n)]
    pr, prn, invp, ginv, halfs, kneed = _modular_setup(Cp)
    res = np.array([[[v % p for p in pr] for v in row] for row in Cp], dtype=np.int64)
    st_p, pk, pres, pdres, V, _ = enumerate_vertices_mod(res, lab_p, prn, invp, ginv, halfs, kneed, max_v)
    if st_p == 2:
        return None
    pk, pres, pdres, prp = pk[:V], pres[:V], pdres[:V], pr
    pr, prn, invp, ginv, halfs, kneed = _modular_setup(Ai)
    prq = pr
    res = np.array([[[v % p for p in pr] for v in row] for row in Ai], dtype=np.int64)
    st_q = 0
    st_x, pairs, npairs, qk, qres, qdres, nq, qkp = partners_mod(pk, res, _below(Ai), prn, invp, ginv, halfs,
                                                                 kneed, _MAX_COMBOS_MOD)
    if st_x != 0:  # a degenerate vertex of P (or a prime dividing a determinant): enumerate Q
        st_q, qk, qres, qdres, nq, _ = enumerate_vertices_mod(res, lab_q, prn, invp, ginv, halfs, kneed,
                                                              max_v)
        if st_q == 2:
            return None
        pairs, npairs = match_pairs(pk, qk[:nq], m, n)
        qkp = np.full(nq, len(prq), dtype=np.int64)
    qk, qres, qdres = qk[:nq], qres[:nq], qdres[:nq]
    pairs = pairs[:npairs]
    pnum = np.zeros((len(pk), m), dtype=object)
    pden = np.ones(len(pk), dtype=object)
    qnum = np.zeros((len(qk), n), dtype=object)
    qden = np.ones(len(qk), dtype=object)
    if len(pairs):  # only the vertices of equilibria are rebuilt
        ps = np.unique(pairs[:, 0])
        pnum[ps] = _crt_rows(pres[ps], prp)
        pden[ps] = _crt_rows(pdres[ps], prp)
        for kp in {int(qkp[q]) for q in pairs[:, 1]}:  # each y modulo its first qkp[q] primes
            qs = np.unique(pairs[:, 1][qkp[pairs[:, 1]] == kp])
            qnum[qs] = _crt_rows(qres[qs][..., :kp], prq[:kp])
            qden[qs] = _crt_rows(qdres[qs][..., :kp], prq[:kp])
    return st_p, st_q, pk, pnum, pden, qk, qnum, qden, pairs


# -- main entry point --------------------------------------------------------------------------
def extreme_equilibria(
    game: NormalFormGame,
    *,
    exact: bool | None = None,
    components: bool = True,
    max_equilibria: int | None = None,
    max_vertices: int | None = None,
    time_limit: float | None = None,
    tol: float = DEFAULT_TOL,
) -> ExtremeEquilibriaResult:
    """All extreme Nash equilibria of a bimatrix game, with its maximal Nash subsets.

    Returns exactly the set that lrslib's ``lrsnash`` and Gambit's ``enummixed_solve`` return:
    every completely labeled pair of vertices of the best-response polytopes, for degenerate
    games too, each reported once.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, optional
        ``None`` (default) follows the game.  Exact: integer pivoting, Fraction
        probabilities, every equilibrium certified with regret exactly 0 (a float game is read
        through the decimal text of its payoffs, and the profiles belong to
        ``game.as_exact()``).  ``False``: float probabilities; exact games are still pivoted
        exactly (the set is exact, only the output is float), float games in floating point
        with tolerance ``tol``.
    components : bool
        Also compute the maximal Nash subsets and connected components.
    max_equilibria : int, optional
        Return at most this many equilibria (the first in the documented order); status
        ``"truncated"`` when more exist.
    max_vertices : int, optional
        Visit at most this many lexicographic bases per polytope (default 2,000,000); when hit,
        status ``"truncated"`` and the equilibria found among the vertices visited.
    time_limit : float, optional
        Seconds.  The walk then runs with a growing basis budget (4096, x4, ...) and stops
        before an attempt that would likely exceed the limit; status ``"truncated"`` with the
        equilibria of the last attempt.  (The kernels cannot read a clock, so an attempt is
        never interrupted: the call may overrun the limit by one attempt.)
    tol : float
        Tolerance of the float path (zero tests and ratio ties on each player's payoffs mapped
        onto ``[1, 2]``; the regret bound, relative to each player's payoff scale).  It also
        decides which float games are enumerated exactly instead (output still float): those
        with two different payoffs that a player compares (a column of ``A``, a row of ``B``)
        within ``tol`` times its span, which the float walk would read as tied.  Quantities that
        come within ``tol`` of zero only through combinations of payoffs are still read as ties
        on the float path (an equilibrium of the game within ``tol``); ``exact=True`` gives the
        exact set of the float payoffs read exactly.

    Returns
    -------
    ExtremeEquilibriaResult

    Raises
    ------
    UnsupportedError
        If the game does not have exactly two players.
    InvalidInputError
        For a bad parameter.

    Examples
    --------
    >>> from solvers import NormalFormGame
    >>> g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> res = extreme_equilibria(g)
    >>> len(res), res.status
    (3, 'ok')
    """
    game = _check_game(game)
    if exact is not None and not isinstance(exact, (bool, np.bool_)):
        raise InvalidInputError(bad_param(_FUNC, "exact", "True, False or None", exact))
    if not isinstance(components, (bool, np.bool_)):
        raise InvalidInputError(bad_param(_FUNC, "components", "True or False", components))
    max_eq = _check_limit("max_equilibria", max_equilibria, None)
    max_v = _check_limit("max_vertices", max_vertices, _DEFAULT_MAX_VERTICES)
    time_lim = check_time_limit(_FUNC, time_limit)
    try:
        if isinstance(tol, (bool, np.bool_)):  # (True would be read as 1)
            raise TypeError
        tol_f = float(tol)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(_FUNC, "tol", "a positive float", tol)) from None
    if not (tol_f > 0 and math.isfinite(tol_f)):
        raise InvalidInputError(bad_param(_FUNC, "tol", "a positive float", tol))
    want_exact = game.exact if exact is None else bool(exact)
    method_note = ""
    params = {"exact": want_exact, "components": bool(components), "max_equilibria": max_eq,
              "max_vertices": max_v, "time_limit": time_lim, "tol": tol_f}
    m, n = game.shape
    lab_p, lab_q = _labels(m, n)
    integer = game.exact or want_exact
    out_game = game.as_exact() if (want_exact and not game.exact) else game

    if integer:
        eg = game.as_exact()
        Ai, LA, cA, gA = _integerize(eg.integer_payoffs()[0], (m, n))
        Bi, LB, cB, gB = _integerize(eg.integer_payoffs()[1], (m, n))
        big = max(max(max(r) for r in Ai), max(max(r) for r in Bi))

    fin: list = []  # the float path's sorted strategies and regrets (see _run_float)

    def run(budget: int):
        if not integer:
            core = _run_float(budget)
            if core is not None:
                return core, "float", ""
        return _run_exact(budget)

    def _run_float(budget: int):
        """Float pivoting; None if a decision was ambiguous, a pivot broke down or a regret
        exceeds the tolerance (the caller then recomputes exactly).  The pairs come back in
        the documented order, their strategies, payoffs and regrets in ``fin``."""
        Af, Bf = game.float_payoffs()
        Bn, sB, spB = normalized_with_scale(Bf)
        An, sA, spA = normalized_with_scale(Af)
        # two different payoffs a player compares (in a column of A, a row of B) within tol times
        # its span would be read as tied by the float walk (it treats normalized quantities up
        # to tol as zero): payoffs spanning 1e-9 .. 1e9 lose such differences to the
        # normalization onto [1, 2] (extra equilibria, regrets far above rounding).  Such games
        # are enumerated exactly (the float game read exactly, output still float)
        if _kernel("near_ties")(Af, Bf, tol_f * spA, tol_f * spB):
            return None
        Cp = np.ascontiguousarray(Bn.T)
        Cq = np.ascontiguousarray(An)
        core = _core(Cp, Cq, lab_p, lab_q, "float", tol_f, budget, hi=_FLOAT_BAND)
        if core is None:
            return None
        pnum_, qnum_, pairs_ = core[3], core[6], core[8]
        fin.clear()
        if len(pairs_) and m <= 128 and n <= 128:
            # one kernel: strategies, order, payoffs and regrets (see float_equilibria)
            F, pairs_, r1m, r2m = _kernel("float_equilibria")(pnum_, qnum_, pairs_, len(pairs_), Af, Bf)
            if max(r1m / sA, r2m / sB) > tol_f:
                return None
            L = m + n
            fin.extend((F[:, :m], F[:, m:L], F[:, L], F[:, L + 1], F[:, L + 2]))
            core = core[:8] + (pairs_,)
        elif len(pairs_):
            X = pnum_[pairs_[:, 0]]
            X /= X.sum(axis=1)[:, None]
            Y = qnum_[pairs_[:, 1]]
            Y /= Y.sum(axis=1)[:, None]
            if len(pairs_) > 1:
                # decreasing lexicographic order of the rounded (x, y) (a stable sort, as the
                # exact path's lexsort of the negated keys)
                keys = np.round(np.concatenate([X, Y], axis=1), 9).tolist()
                order = sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
                X, Y, pairs_ = X[order], Y[order], pairs_[order]
            u1, u2, r1, r2 = _float_payoffs_regrets(Af, Bf, X, Y)
            if max(float(r1.max()) / sA, float(r2.max()) / sB) > tol_f:
                return None
            fin.extend((X, Y, u1, u2, np.maximum(r1, r2)))
            core = core[:8] + (pairs_,)
        return core

    def _run_exact(budget: int):
        """One complete attempt with at most ``budget`` bases per polytope."""
        nonlocal integer, Ai, Bi, LA, LB, cA, cB, gA, gB, big
        method_note = ""
        if not integer:  # a float game whose float walk was not trustworthy: exactly
            integer = True
            eg = game.as_exact()
            Ai, LA, cA, gA = _integerize(eg.integer_payoffs()[0], (m, n))
            Bi, LB, cB, gB = _integerize(eg.integer_payoffs()[1], (m, n))
            big = max(max(max(r) for r in Ai), max(max(r) for r in Bi))
        if integer:
            core = None
            if big <= _OVF:
                mode = "int64"
                core = _core(np.ascontiguousarray(np.array(Bi, dtype=np.float64).T),
                             np.array(Ai, dtype=np.float64), lab_p, lab_q, mode, 0.0, budget)
            if core is None:
                # int64 would overflow: exact multi-modular pivoting, else Python integers
                mode = "object"
                core = _modular_core(Ai, Bi, lab_p, lab_q, budget)
                if core is not None:
                    method_note = "modular"
            if core is None:
                Cp = np.empty((n, m), dtype=object)
                Cq = np.empty((m, n), dtype=object)
                for i in range(m):
                    for j in range(n):
                        Cp[j, i] = Bi[i][j]
                        Cq[i, j] = Ai[i][j]
                core = _core(Cp, Cq, lab_p, lab_q, mode, 0.0, budget)
                method_note = "python-int"
        return core, mode, method_note

    # (a time limit is kept by the compiled kernels' budget loop below)
    interpret = _EE_TIER.interpret(small=m * n <= _TWIN_GAME and time_lim is None)
    if interpret:
        # first calls on small games: the kernels' Python twins (solvers._tier), at most
        # _TWIN_BASES bases per polytope; a game that needs more is redone compiled
        t_int = time.perf_counter()
        _STATE.interpret = True
        try:
            with np.errstate(all="ignore"):
                core, mode, method_note = run(min(max_v, _TWIN_BASES))
        finally:
            _STATE.interpret = False
            _EE_TIER.charge(t_int)
        if (core[0] == 1 or core[1] == 1) and max_v > _TWIN_BASES:
            _EE_TIER.compiled = True
            interpret = False
    timed_out = False
    if interpret:
        pass
    elif time_lim is None:
        core, mode, method_note = run(max_v)
    else:
        t0 = time.perf_counter()
        budget = min(max_v, 4096)
        while True:
            t1 = time.perf_counter()
            core, mode, method_note = run(budget)
            if not (core[0] == 1 or core[1] == 1) or budget >= max_v:
                break
            now = time.perf_counter()
            if now - t0 + 4 * (now - t1) > time_lim:
                timed_out = True
                break
            budget = min(max_v, 4 * budget)
    st_p, st_q, pk, pnum, pden, qk, qnum, qden, pairs = core

    status = "truncated" if (st_p == 1 or st_q == 1) else "ok"
    message = ""
    if timed_out:
        message = f"time_limit={time_lim} s reached; the equilibria among the vertices visited"
    elif status == "truncated":
        message = f"max_vertices={max_v} reached; the equilibria among the vertices visited"

    # -- certification -----------------------------------------------------------------------
    if integer and len(pairs):
        if mode == "int64":
            # exact integers in float64: every partial sum must stay below 2^53
            bound = float(np.abs(pnum).max(initial=1)) * big * max(m, n)
            bound = max(bound, float(np.abs(qnum).max(initial=1)) * big * max(m, n),
                        float(np.abs(pden).max(initial=1)), float(np.abs(qden).max(initial=1)))
            if bound < _EXACT_SAFE:
                ok = _certify_exact_float(np.array(Ai, dtype=np.float64), np.array(Bi, dtype=np.float64),
                                          pnum, pden, qnum, qden, pairs)
            else:
                ok = _certify_exact_float(_obj(Ai), _obj(Bi), _int_obj(pnum), _int_obj(pden), _int_obj(qnum),
                                          _int_obj(qden), pairs)
        else:
            ok = _certify_exact_float(_obj(Ai), _obj(Bi), pnum, pden, qnum, qden, pairs)
        if not bool(np.all(ok)):  # pragma: no cover - would be a bug in the kernels
            raise AssertionError("extreme_equilibria(): an equilibrium failed exact certification")

    # -- strategies per vertex, ordering -----------------------------------------------------
    if mode == "float":
        if max_eq is not None and len(pairs) > max_eq:
            pairs = pairs[:max_eq]
            status = "truncated"
            message = (message + "; " if message else "") + f"max_equilibria={max_eq} reached"
        return _float_result(out_game, pairs, fin, components, pk, qk, status, message, params)
    xsum = pnum.sum(axis=1)
    ysum = qnum.sum(axis=1)
    if len(pairs):
        px = pairs[:, 0]
        qy = pairs[:, 1]
        if mode == "object":
            # int / int is correctly rounded, as float(Fraction) is
            X = np.array([[int(v) / int(xsum[p]) for v in pnum[p]] for p in px.tolist()])
            Y = np.array([[int(v) / int(ysum[q]) for v in qnum[q]] for q in qy.tolist()])
        else:
            X = pnum[px].astype(np.float64) / xsum[px].astype(np.float64)[:, None]
            Y = qnum[qy].astype(np.float64) / ysum[qy].astype(np.float64)[:, None]
        # rounded so that float noise does not reorder (and exact and float runs agree)
        keys = -np.round(np.concatenate([X, Y], axis=1), 9)
        order = np.lexsort(keys[:, ::-1].T)
        pairs = pairs[order]
        X = X[order]
        Y = Y[order]
    if max_eq is not None and len(pairs) > max_eq:
        pairs = pairs[:max_eq]
        status = "truncated"
        message = (message + "; " if message else "") + f"max_equilibria={max_eq} reached"

    eqs: list[MixedProfile] = []
    regrets: list[Any] = []
    pays: list[tuple[Any, Any]] = []
    xcache: dict[int, np.ndarray] = {}
    ycache: dict[int, np.ndarray] = {}
    if want_exact:
        zero = Fraction(0)
        u1cache: dict[int, Fraction] = {}
        u2cache: dict[int, Fraction] = {}
        for p, q in pairs.tolist():
            xs = xcache.get(p)
            if xs is None:
                s = int(xsum[p])
                xs = _readonly(np.array([Fraction(int(v), s) for v in pnum[p]], dtype=object))
                xcache[p] = xs
            ys = ycache.get(q)
            if ys is None:
                s = int(ysum[q])
                ys = _readonly(np.array([Fraction(int(v), s) for v in qnum[q]], dtype=object))
                ycache[q] = ys
            eqs.append(MixedProfile._trusted(out_game, (xs, ys), True))
            regrets.append(zero)
            u1 = u1cache.get(q)
            if u1 is None:
                # the row payoff of the positive integer game is yden / sum(ynum) on the support
                u1 = Fraction((int(qden[q]) - int(ysum[q])) * gA + cA * int(ysum[q]), LA * int(ysum[q]))
                u1cache[q] = u1
            u2 = u2cache.get(p)
            if u2 is None:
                u2 = Fraction((int(pden[p]) - int(xsum[p])) * gB + cB * int(xsum[p]), LB * int(xsum[p]))
                u2cache[p] = u2
            pays.append((u1, u2))
    elif len(pairs):
        Af, Bf = game.float_payoffs()
        if len(X) > len(pairs):  # truncated by max_equilibria
            X = X[: len(pairs)]
            Y = Y[: len(pairs)]
        u1, u2, r1, r2 = _float_payoffs_regrets(Af, Bf, X, Y)
        reg = np.maximum(r1, r2)
        for t, (p, q) in enumerate(pairs.tolist()):
            xs = xcache.get(p)
            if xs is None:
                xs = _readonly(X[t].copy())
                xcache[p] = xs
            ys = ycache.get(q)
            if ys is None:
                ys = _readonly(Y[t].copy())
                ycache[q] = ys
            eqs.append(MixedProfile._trusted(out_game, (xs, ys), False))
            regrets.append(float(reg[t]))
            pays.append((float(u1[t]), float(u2[t])))

    comps: tuple = ()
    conn: tuple = ()
    if components and len(pairs):
        comps, conn = _maximal_subsets([(int(p), int(q)) for p, q in pairs.tolist()])
    return ExtremeEquilibriaResult(
        equilibria=tuple(eqs),
        regrets=tuple(regrets),
        game=out_game,
        payoffs=tuple(pays),
        components=comps,
        connected_components=conn,
        n_vertices=(len(pk), len(qk)),
        arithmetic=method_note or mode,
        method="extreme_equilibria",
        exact=want_exact,
        status=status,
        message=message,
        params=params,
    )


def _float_result(game: NormalFormGame, pairs: np.ndarray, fin: list, components: bool, pk: np.ndarray,
                  qk: np.ndarray, status: str, message: str, params: dict) -> ExtremeEquilibriaResult:
    """The result of the float path: ``pairs`` in the documented order (a prefix of those
    :func:`extreme_equilibria`'s ``_run_float`` sorted), with their strategies, payoffs and
    regrets from ``fin``; a vertex shared by several equilibria is one array."""
    eqs: list[MixedProfile] = []
    regrets: tuple = ()
    pays: tuple = ()
    k = len(pairs)
    if k:
        X, Y, u1, u2, reg = fin
        regrets = tuple(reg[:k].tolist())
        pays = tuple(zip(u1[:k].tolist(), u2[:k].tolist()))
        X = _readonly(X[:k])  # the strategies are read-only rows (views) of these fresh arrays
        Y = _readonly(Y[:k])
        xcache: dict[int, np.ndarray] = {}
        ycache: dict[int, np.ndarray] = {}
        new = MixedProfile.__new__
        for t, (p, q) in enumerate(pairs.tolist()):
            xs = xcache.get(p)
            if xs is None:
                xs = xcache[p] = X[t]
            ys = ycache.get(q)
            if ys is None:
                ys = ycache[q] = Y[t]
            prof = new(MixedProfile)  # as MixedProfile._trusted, the vectors already read-only
            prof._game = game
            prof._strategies = (xs, ys)
            prof._exact = False
            prof._cache = {}
            eqs.append(prof)
    comps: tuple = ()
    conn: tuple = ()
    if components and k:
        if len(xcache) == k and len(ycache) == k:  # isolated equilibria (as _maximal_subsets)
            comps = conn = tuple([(t,) for t in range(k)])
        else:
            comps, conn = _maximal_subsets(pairs.tolist())
    return ExtremeEquilibriaResult._trusted(
        equilibria=tuple(eqs), regrets=regrets, game=game, payoffs=pays, components=comps,
        connected_components=conn, n_vertices=(len(pk), len(qk)), arithmetic="float",
        method="extreme_equilibria", exact=False, status=status, message=message, params=params)


def _certify_exact_float(A: np.ndarray, B: np.ndarray, xnum: np.ndarray, xden: np.ndarray, ynum: np.ndarray,
                         yden: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Exact Nash check of each pair (``certify_pairs`` vectorized): integers held in float64,
    or object arrays of Python ints.

    Exact because every product and partial sum is an integer below ``2^53`` (float64: the
    caller checks the bound), so the order of summation (BLAS) does not matter.  ``A y <= yden``
    and ``B^T x <= xden``, equality on the supports, ``x, y >= 0`` and nonzero.
    """
    X = xnum[pairs[:, 0]]
    Y = ynum[pairs[:, 1]]
    xd = xden[pairs[:, 0]][:, None]
    yd = yden[pairs[:, 1]][:, None]
    AY = Y @ A.T
    XB = X @ B
    ok = (X >= 0).all(axis=1) & (Y >= 0).all(axis=1) & (X.sum(axis=1) > 0) & (Y.sum(axis=1) > 0)
    ok &= (xd[:, 0] > 0) & (yd[:, 0] > 0)
    ok &= (AY <= yd).all(axis=1) & ((X <= 0) | (AY == yd)).all(axis=1)
    ok &= (XB <= xd).all(axis=1) & ((Y <= 0) | (XB == xd)).all(axis=1)
    return ok


def _int_obj(a: np.ndarray) -> np.ndarray:
    """Exact integers held in float64 as an object array of Python ints."""
    out = np.empty(a.shape, dtype=object)
    out.flat[:] = [int(v) for v in a.reshape(-1).tolist()]
    return out


def _obj(M: list[list[int]]) -> np.ndarray:
    out = np.empty((len(M), len(M[0])), dtype=object)
    for i, row in enumerate(M):
        for j, v in enumerate(row):
            out[i, j] = v
    return out
