"""Support enumeration: all Nash equilibria of a nondegenerate bimatrix game.

Definition (von Stengel 2002, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45, Sect. 2.3, Algorithm 2.9): a bimatrix game ``(A, B)`` is
*nondegenerate* if no mixed strategy with support of size ``k`` has more than ``k`` pure best
responses.  Then every Nash equilibrium ``(x, y)`` has supports ``I``, ``J`` of equal size
``k`` and is the unique solution of

    sum_{i in I} x_i B[i, j] = u  (j in J),  sum x = 1,
    sum_{j in J} A[i, j] y_j = v  (i in I),  sum y = 1,

with ``x_I > 0``, ``y_J > 0`` and no better reply outside the supports.  Enumerating all
pairs of equal-size supports (smallest first, as Porter, Nudelman & Shoham 2008 recommend)
therefore finds every equilibrium.  Columns strictly dominated conditionally on the row
support are skipped (PNS's conditional dominance), and so are the column supports extending a
prefix under which some column left out of the support does strictly better than the support's
columns for every row strategy (a best-response prune, :mod:`solvers._kernels.support`); both
change nothing in the answer, equilibria or degeneracy witnesses.

Degenerate games: support enumeration only finds equilibria that solve such a square system
(for example it misses most points of a continuum).  The result says ``status="degenerate"``
when it meets evidence of degeneracy: an equilibrium with more best responses than its
support size, one equilibrium on two support pairs, or any mixed strategy with support size
``k`` and more than ``k`` pure best responses.  The last test is complete: if a game is
degenerate, some vertex ``x`` of a best-response polytope (von Stengel 2002, Sect. 2.6) has
``|BR(x)| > |supp(x)|`` (take a vertex of the face of all points sharing a degenerate
strategy's tight constraints), and such a vertex is the unique solution of the indifference
system of ``(supp(x), J)`` for some ``J`` in ``BR(x)``; so checking the row strategy of every
visited support pair (free, inside the enumeration) and the column strategy of every pair
decides degeneracy.  The column side is checked (once the first pass shows no degeneracy) by a
walk over the vertices of the column player's best-response polytope ``Q = {y >= 0 : A y <=
1}`` (:func:`solvers._kernels.support.vertex_walk_kernel`): a vertex with a basic variable at
zero is exactly a column strategy with more best responses than its support size, and when
every vertex has all its basic values clearly positive (by ``100 tol`` on the float path) no
column strategy is a witness.  When a vertex is degenerate or too close to tell, with
``max_supports``, and while the walk's kernel is not yet worth compiling (a tier: see
``_WALK_TIER``), a second, witness-only support pass over the transposed game decides, as
the column side's witnesses always were (the same answers either way).  Hence
``status="ok"`` certifies a nondegenerate game (exactly on the exact path, within the
best-response tolerance on the float path) and a complete list of its (isolated) equilibria.
Singular indifference systems are skipped and counted in the message (in a nondegenerate game
they carry no equilibrium).  For degenerate games use
:func:`solvers.extreme_equilibria`.  Exact games and their ``as_float()`` copies get the
same status (the float tolerance is far below the payoff gaps of small-integer games).

Vertex path (float games, no ``max_supports``, ``m + n <= 63``): the pass is not needed when
both best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and ``Q`` walk clean (every vertex
nondegenerate by the margin above): then the game is nondegenerate (neither side has a
witness, by the argument above), and its equilibria are the completely labeled vertex pairs
(von Stengel 2002, Thm 2.14), matched through the walks' basis tables and solved with the
pass's own arithmetic on their support pairs
(:func:`solvers._kernels.support.vertex_equilibria_kernel`): the same equilibria, strategies
bit for bit, regrets and status as the pass, at a fraction of its work (8 x 8: about 500
vertices against the pass's 500-2,000 leaves and their prefixes).  Only ``pairs_checked``
differs (it counts the walks' vertices there), and the pass's note on skipped singular
indifference systems, which the walks never meet, is absent.  When a walk is unclear
(degenerate or nearly so) or a pair fails one of the pass's tests, the pass decides as before.

Computation: a numba kernel (:mod:`solvers._kernels.support`) enumerates in float64 (in
parallel over row supports, the first pass and the column side's walk at once on the float
path, when no ``max_supports`` is given); exact games (or
``exact=True``) re-solve every candidate support pair exactly and keep only profiles with
regret exactly 0 (as :func:`solvers._exact.equilibrium_on_supports`, in integers: each player's
payoffs times a positive integer, Bareiss elimination, Cramer's numerators over the
determinant); the kernel's degeneracy witnesses (found with a loose tolerance) are likewise
re-solved and count only when exact.  Small games (few support pairs) are enumerated directly
in exact integer arithmetic, both sides of every pair, with no compilation.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from fractions import Fraction
from typing import Any


import numpy as np

from ._tier import Family
from .equilibria import NashResult
from .errors import InvalidGameError, InvalidInputError, bad_param
from .games import MixedProfile, NormalFormGame
from .complementary_pivoting import (
    _check_bimatrix,
    _check_exact,
    _check_tol,
    _float_regret,
    _polish,
    _positive_from_exact,
)
from .numbers import DEFAULT_TOL
from ._scale import normalized_with_scale
from .results import result
from ._validate import check_bool

__all__ = ["support_enumeration", "SupportEnumerationResult"]

_F0 = Fraction(0)
#: Float games up to this many actions (m + n) whose float pass shows degeneracy are
#: re-decided exactly (the float evidence may be an artifact of near-ties).
_FLOAT_EXACT_RECHECK = 16


@result
class SupportEnumerationResult(NashResult):
    """Equilibria found by support enumeration.

    Attributes
    ----------
    equilibria : tuple of MixedProfile
        In order of support size, then row support, then column support (lexicographic).
    regrets : tuple
        Max regret of each (``Fraction(0)`` when exact).
    supports : tuple of (tuple of int, tuple of int)
        The supports ``(I, J)`` of each equilibrium.
    pairs_checked : int
        Support pairs whose indifference systems were examined on the float path (pairs
        excluded by conditional dominance, or by a prefix of the column support that admits
        no positive solution or makes a column outside the support always better, are not
        counted); every pair on the small exact path.  ``max_supports`` counts the same
        pairs.  The column side's degeneracy check (a vertex walk, or a witness-only pass over
        the transposed game) is not counted.  On the vertex path (see the module docstring;
        never with ``max_supports``): the vertices other than 0 of the two best-response
        polytopes, each the solution of one player's indifference system on a support pair
        (``x`` with support ``I`` making the columns ``J`` tight, ``|I| = |J|``).
    """

    supports: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()
    pairs_checked: int = 0


#: "no limit" for the kernel's max_pairs / stop_wit (int64 max)
_NO_LIMIT = 2**63 - 1
#: Default to the threaded kernel from this many support pairs, C(m + n, m) (9 x 9: 48620).
_PARALLEL_PAIRS = 40_000
#: ... and from this many (8 x 8: 12,870) on the float path, where the two passes side by side
#: save a third of the kernel time when a second core is free.
_PARALLEL_IDLE_PAIRS = 10_000
#: The default runs on one thread until this time (``time.perf_counter()``): set for
#: ``_BUSY_BACKOFF`` seconds when a threaded run shows the other threads getting little CPU.
_BUSY_UNTIL = 0.0
_BUSY_BACKOFF = 1.0

#: Degeneracy witnesses kept per kernel run (per thread when parallel) for exact confirmation.
_WITNESS_CAP = 64


_POOL = None
_LOCAL = threading.local()
#: Chunks of row supports per thread and pass on the threaded path.
_CHUNKS = 2


def _threads() -> int:
    """Worker threads for the parallel path: numba's thread count setting (``NUMBA_NUM_THREADS``,
    default the number of cores), read without starting numba's threading layer."""
    import numba

    return max(1, int(numba.config.NUMBA_NUM_THREADS))


def _threads_help() -> bool:
    """Whether the default should use the threads now: not while a recent threaded run found
    the other threads starved (a busy machine, where they cost more than they save; each
    threaded run measures it, so the default tries again ``_BUSY_BACKOFF`` seconds later)."""
    return time.perf_counter() >= _BUSY_UNTIL


def _pool():
    """A process-wide thread pool for the ``nogil`` kernel (created on first use, and again
    in a forked child, whose copy of the parent's pool has no live threads)."""
    global _POOL
    import os

    if _POOL is None or _POOL[0] != os.getpid():
        from concurrent.futures import ThreadPoolExecutor

        _POOL = (os.getpid(), ThreadPoolExecutor(max_workers=max(1, _threads() - 1),
                                                 thread_name_prefix="support_enum"))
    return _POOL[1]


#: The tier of the support-enumeration kernel (:mod:`solvers._tier`): interpreted first.
_SE_TIER = Family("solvers._kernels.support")
#: Interpreted passes are used for games with at most this many support pairs ``C(m + n, m)``
#: (9 x 9: 48,620; its twin takes about 1 s, compiling 3.5 s) and stop after this many visited
#: pairs (then the compiled kernel redoes the pass).
_TWIN_GAME_PAIRS = 50_000
_TWIN_PAIRS = 20_000
#: The vertex path (:func:`_vertex_path`) runs its twins on games with at most this many support
#: pairs (10 x 10: 184,756; its twin walks take about 0.3 s there, compiling its kernels 2-3 s)
#: and walks at most ``min(_TWIN_PAIRS, _TWIN_VERTICES)`` vertices per polytope interpreted (then
#: the compiled kernels redo it).
_TWIN_VERTEX_GAME_PAIRS = 184_756
_TWIN_VERTICES = 2048


def _run(Ap, Bp, tol, pos_tol, sing_tol, max_pairs, parallel, xonly=False, stop_wit=None,
         wit_cap=None):
    """Run the float kernel, compiled or (first calls on small games) interpreted: see
    :func:`_run_kernel` for the arguments and the result."""
    m, n = Ap.shape
    if _SE_TIER.interpret(small=math.comb(m + n, m) <= _TWIN_GAME_PAIRS):
        t0 = time.perf_counter()
        with np.errstate(all="ignore"):
            out = _run_kernel(True, Ap, Bp, tol, pos_tol, sing_tol, min(max_pairs, _TWIN_PAIRS), False, xonly,
                              stop_wit, wit_cap)
        _SE_TIER.charge(t0)
        if not (out[0][0] == 1 and max_pairs > _TWIN_PAIRS):  # (status 1: max_pairs reached)
            return out
        _SE_TIER.compiled = True  # inputs this big: compile from now on
    return _run_kernel(False, Ap, Bp, tol, pos_tol, sing_tol, max_pairs, parallel, xonly, stop_wit, wit_cap)


def _local_ws(attr: str, key, make, limit: int, fits=None) -> tuple:
    """This thread's work arrays under ``key`` in its cache ``_LOCAL.<attr>`` (emptied when it
    holds more than ``limit`` keys): made by ``make()`` when missing, or when ``fits(ws)`` is
    false for the cached ones."""
    d = getattr(_LOCAL, attr, None)
    if d is None or len(d) > limit:
        d = {}
        setattr(_LOCAL, attr, d)
    ws = d.get(key)
    if ws is None or (fits is not None and not fits(ws)):
        ws = d[key] = make()
    return ws


def _ws(K, m: int, n: int) -> tuple:
    """This thread's work arrays for ``m x n`` games (:func:`solvers._kernels.support.workspace`:
    they depend on the shape only and the kernel fills them), made once per thread and shape."""
    return _local_ws("ws", (m, n), lambda: K.workspace((m, n)), 16)


#: The column side's degeneracy certificate: a walk over the vertices of its best-response
#: polytope (:func:`_walk_clean`) instead of the witness-only support pass, with a tier of its
#: own (its kernel compiles in about half a second with an empty cache): the witness-only pass
#: (compiled with the first pass anyway) until it has taken ``budget`` seconds in this process or
#: the game has at least ``_WALK_PAIRS`` support pairs (12 x 12: 2.7 million; there the pass
#: takes ~50 ms a game, the walk ~3 ms).
_WALK_TIER = Family("solvers._kernels.support", budget=0.5)
_WALK_PAIRS = 2_000_000
#: A vertex is clear when each of its basic values exceeds ``_WALK_MARGIN`` times the
#: best-response tolerance (at least ``_WALK_FLOOR``; the exact path: ``_WALK_EXACT_HI``, far
#: above rounding, as only exact zeros matter there); otherwise the witness-only pass decides.
#:
#: Soundness on the float path (the walk must give the witness-only pass's answer): a witness
#: of that pass at tolerance ``ktol`` (payoffs scaled to [1, 2]) gives a vertex of ``Q`` with a
#: basic value at most ``2 (k + 1) ktol``, ``k <= min(m, n) <= _WALK_MAX_DIM // 2 = 31`` (the
#: walk runs only when ``m + n <= _WALK_MAX_DIM``); so the margin (``_WALK_MARGIN ktol`` or
#: more: the floor only raises it) must exceed ``2 (min(m, n) + 1) ktol``.  The assert below
#: checks it: recheck the bound if the cap or the margin changes.  (The exact path needs only
#: that an exactly degenerate vertex shows a basic value below ``_WALK_EXACT_HI``.)
_WALK_MARGIN = 100.0
_WALK_FLOOR = 1e-9
_WALK_EXACT_HI = 1e-7
#: The walk runs for games with ``m + n`` at most this (its kernel's bitmasks: ``d + k <= 63``).
_WALK_MAX_DIM = 63
assert _WALK_MARGIN > 2 * (_WALK_MAX_DIM // 2 + 1), "the walk's margin no longer covers the witness bound"
#: Vertex room that sufficed per shape (the walk's workspace; it grows by 4 when full, up to
#: ``_WALK_MAX_ROOM`` vertices: the walk's depth is about its vertex count, and its tableau
#: copies take ``room / 16 (m + n + 1) m`` floats, 70 MB at 16 x 16; beyond, no verdict).
_WALK_ROOM: dict = {}
_WALK_MAX_ROOM = 1 << 18
#: The vertex path keeps its work arrays per thread and shape for walks of at most this many
#: vertices (at 12 x 12 about 10,000; the checkpoint copies of larger walks take megabytes).
_VX_KEEP_ROOM = 1 << 14


def _walk_clean(C: np.ndarray, hi: float) -> bool:
    """Whether every vertex of ``{z >= 0 : C z <= 1}`` (``C`` positive) is nondegenerate with
    every basic value above ``hi`` (:func:`solvers._kernels.support.vertex_walk_kernel`, in
    this thread's workspace; releases the GIL).  ``False`` is no verdict: degenerate, nearly
    so, too close to tell, or more than ``_WALK_MAX_ROOM`` vertices."""
    from ._kernels import support as K

    shape = C.shape
    room = _WALK_ROOM.get(shape, 1024)
    while True:
        # (room for ws[2].shape[0] vertices: made again when that is less than room)
        ws = _local_ws("walk", shape, lambda r=room: K.walk_workspace(shape, r), 8,
                       lambda w, r=room: w[2].shape[0] >= r)
        K.vertex_walk_kernel(C, hi, *ws)
        status = int(ws[-1][0])
        if status != K.WALK_FULL:
            return status == K.WALK_CLEAN
        room *= 4
        if room > _WALK_MAX_ROOM:
            return False
        _WALK_ROOM[shape] = max(room, _WALK_ROOM.get(shape, 0))


def _twin_walk(C: np.ndarray, hi: float):
    """A clean walk of ``{z >= 0 : C z <= 1}`` (:func:`_walk_clean`) by the kernel's Python twin:
    ``(table of its bases, vertices)``, ``None`` when it gives no verdict, or ``False`` when it
    would need room for more than ``min(_TWIN_PAIRS, _TWIN_VERTICES)`` vertices, rounded down to a
    power of two (the compiled kernel must do it)."""
    from ._kernels import support as K

    room = 1 << max(1, min(_TWIN_PAIRS, _TWIN_VERTICES).bit_length() - 1)
    ws = K.walk_workspace(C.shape, room)  # (room exactly: it caps the twin's work)
    _SE_TIER.kernel("vertex_walk_kernel", True)(C, hi, *ws)
    status = int(ws[-1][0])
    if status == K.WALK_FULL:
        return False
    return (ws[3], int(ws[-1][1])) if status == K.WALK_CLEAN else None


def _vertex_path(Ap: np.ndarray, Bp: np.ndarray, tol: float, pos_tol: float, sing_tol: float, hi: float,
                 twin: bool = False):
    """The float path's equilibria from clean walks of both best-response polytopes (see
    :func:`solvers._kernels.support.vertex_equilibria_kernel`): ``(X, Y, S, vertices)`` (the
    strategies the support pass would store, their supports as lists ``[k, I..., J...]``, and
    the vertices the walks visited), or ``(None, q)`` when it cannot stand in for the pass:
    ``q`` is ``False`` when the column side's walk gave no verdict (the pass need not walk it
    again), else ``None``.  ``X`` and ``Y`` are views of this thread's work arrays, valid until
    its next call.

    ``twin``: run the kernels' Python twins (:mod:`solvers._tier`, charged to ``_SE_TIER``); a
    walk needing more than the twin's cap of vertices (:func:`_twin_walk`) is redone compiled,
    and the family compiles from then on."""
    from ._kernels import support as K

    if twin:
        t0 = time.perf_counter()
        with np.errstate(all="ignore"):  # (as compiled code: the hashing's int64 products wrap)
            out = _twin_vertex_kernels(K, Ap, Bp, tol, pos_tol, sing_tol, hi)
        _SE_TIER.charge(t0)
        if out is not False:
            return out
        _SE_TIER.compiled = True  # (an input this big: compile from now on)
    # compiled, in this thread's arrays for the shape: made again with 4 times the room when a
    # walk fills it (recorded in _WALK_ROOM); the output rows grow by 4 when they fill up
    m, n = Ap.shape
    Bt = np.ascontiguousarray(Bp.T)
    ws5 = _ws(K, m, n)[:5]
    while True:
        room = max(_WALK_ROOM.get((n, m), 1024), _WALK_ROOM.get((m, n), 1024))
        vx = _local_ws("vx", (m, n), lambda: [K.walk_workspace((n, m), room), K.walk_workspace((m, n), room),
                                              np.zeros(2, np.int64), np.empty((32, m)), np.empty((32, n)),
                                              np.empty((32, 1 + 2 * m), np.int64)],
                       8, lambda a: a[0][2].shape[0] >= room)
        wsP, wsQ, info = vx[:3]
        try:
            K.vertex_walk_kernel(Bt, hi, *wsP)
            status = wsP[-1][0]
            if status == K.WALK_CLEAN:
                K.vertex_walk_kernel(Ap, hi, *wsQ)
                status = wsQ[-1][0]
                if status == K.WALK_CLEAN:
                    while True:
                        ox, oy, os_ = vx[3:]
                        K.vertex_equilibria_kernel(Ap, Bp, wsP[3], wsQ[3], tol, pos_tol, sing_tol, ox, oy, os_,
                                                   info, *ws5)
                        if info[0] != K.VX_FULL:
                            break
                        cap = 4 * ox.shape[0]  # (only the outputs grow: the walks' tables stand)
                        vx[3:] = [np.empty((cap, m)), np.empty((cap, n)), np.empty((cap, 1 + 2 * m), np.int64)]
                    if info[0] != K.VX_OK:
                        return None, None
                    c = int(info[1])
                    return ox[:c], oy[:c], os_[:c].tolist(), int(wsP[-1][1]) + int(wsQ[-1][1]) - 2
                if status != K.WALK_FULL:
                    return None, False
            elif status != K.WALK_FULL:
                return None, None
        finally:
            if room > _VX_KEEP_ROOM:
                _LOCAL.vx.pop((m, n), None)  # (big walks: their arrays are not kept)
        if 4 * room > _WALK_MAX_ROOM:
            return None, None
        _WALK_ROOM[(n, m)] = _WALK_ROOM[(m, n)] = 4 * room


def _twin_vertex_kernels(K, Ap, Bp, tol, pos_tol, sing_tol, hi):
    """:func:`_vertex_path`'s kernels as their Python twins (``False`` when a twin walk hits its
    cap)."""
    wp = _twin_walk(np.ascontiguousarray(Bp.T), hi)
    if not wp:
        return False if wp is False else (None, None)
    wq = _twin_walk(Ap, hi)
    if not wq:
        return False if wq is False else (None, False)
    m, n = Ap.shape
    ws = _ws(K, m, n)
    info = np.zeros(2, np.int64)
    kernel = _SE_TIER.kernel("vertex_equilibria_kernel", True)
    cap = 32
    while True:
        ox = np.empty((cap, m))
        oy = np.empty((cap, n))
        os_ = np.empty((cap, 1 + 2 * m), np.int64)
        kernel(Ap, Bp, wp[0], wq[0], tol, pos_tol, sing_tol, ox, oy, os_, info, *ws[:5])
        if info[0] != K.VX_FULL:
            break
        cap *= 4
    if info[0] != K.VX_OK:
        return None, None
    c = int(info[1])
    return ox[:c], oy[:c], os_[:c].tolist(), wp[1] + wq[1] - 2


def _vertex_result(game: NormalFormGame, transpose: bool, Af, Bf, X, Y, S, nvert: int, scales, params):
    """The float path's result from :func:`_vertex_path`'s strategies, or ``None`` when some
    regret needs polishing (the general code then takes over).

    The same numbers as the general code (the same NumPy operations on the same arrays:
    normalization, regrets), without its degeneracy and duplicate tests, which cannot fire
    here: the kernel has checked (:func:`solvers._kernels.support.vertex_equilibria_kernel`)
    that each player has at most ``k`` responses within ``tol + 1e-12`` of the best (those
    tests count responses within ``tol`` of the best in NumPy's arithmetic, which differs from
    the kernel's by rounding) and that every support probability exceeds ``2e-9`` (so
    equilibria with different supports differ after rounding to 9 decimals, and the walks
    give each support pair once)."""
    X = X / X.sum(axis=1, keepdims=True)
    Y = Y / Y.sum(axis=1, keepdims=True)
    U = Y @ Af.T
    V = X @ Bf
    R0 = U.max(axis=1) - np.einsum("ei,ei->e", X, U)
    R1 = V.max(axis=1) - np.einsum("ej,ej->e", V, Y)
    # (the general code's test, any(max(R0 / s0, R1 / s1) > 1e-12): division by a positive
    # number is monotone, so the largest quotient is the largest regret's)
    if len(R0) and (float(R0.max()) / scales[0] > 1e-12 or float(R1.max()) / scales[1] > 1e-12):
        return None
    R = np.maximum(np.maximum(R0, R1), 0.0).tolist()
    rows = []
    for e, s in enumerate(S):
        k = s[0]
        # (the supports the general code reads off X > 0 and Y > 0: the kernel's I and J)
        I = tuple(s[1:1 + k])
        J = tuple(s[1 + k:1 + 2 * k])
        rows.append((k, J, I, e) if transpose else (k, I, J, e))
    rows.sort()
    trusted = MixedProfile._trusted
    profiles, regs, sups = [], [], []
    for _, I, J, e in rows:
        profiles.append(trusted(game, [Y[e], X[e]] if transpose else [X[e], Y[e]], False))
        regs.append(R[e])
        sups.append((I, J))
    return SupportEnumerationResult._trusted(
        method="support_enumeration", exact=False, status="ok", message="", params=params,
        equilibria=tuple(profiles), regrets=tuple(regs), game=game, supports=tuple(sups),
        pairs_checked=nvert)


def _witness_list(W: np.ndarray, count: int) -> list:
    out = []
    for r in W[:min(int(count), W.shape[0])].tolist():
        k = r[0]
        out.append((tuple(r[1:1 + k]), tuple(r[1 + k:1 + 2 * k])))
    return out


def _run_kernel(interpret, Ap, Bp, tol, pos_tol, sing_tol, max_pairs, parallel, xonly=False, stop_wit=None,
                wit_cap=None):
    """Run the float kernel (its Python twin if ``interpret``); returns ``(info, X, Y,
    witnesses, complete)``.

    ``witnesses``: list of ``(I, J)`` support pairs whose row strategy has more than ``|I|``
    best responses (see :mod:`solvers._kernels.support`), at most ``wit_cap`` (default
    ``_WITNESS_CAP``) per chunk of row supports.  ``xonly`` looks only for those, stopping
    after ``stop_wit``.  ``complete``: every witness of the pass is in the list (none
    dropped for room, no early stop).
    """
    from ._kernels import support as K

    if parallel and _threads() > 1:
        return _run_threaded([(Ap, Bp, xonly, stop_wit, wit_cap)], tol, pos_tol, sing_tol, max_pairs)[0]
    m, n = Ap.shape
    kmax = min(m, n)
    cap = 1 if xonly else 64
    stop = _NO_LIMIT if stop_wit is None else int(stop_wit)
    wcap = _WITNESS_CAP if wit_cap is None else int(wit_cap)
    ws = _ws(K, m, n)
    kernel = _SE_TIER.kernel("support_enumeration_witness_kernel", interpret)
    while True:
        ox = np.zeros((cap, m))
        oy = np.zeros((cap, n))
        oI = np.empty(cap, np.int64)
        oJ = np.empty(cap, np.int64)
        info = np.zeros(5, np.int64)
        wit = np.zeros((wcap, 1 + 2 * kmax), np.int64)
        kernel(Ap, Bp, tol, pos_tol, sing_tol, max_pairs, ox, oy, oI, oJ, info, xonly, wit, stop, 0, 1, *ws)
        if info[0] in (K.SE_FULL, K.SE_FULL_ROW):
            cap *= 4
            continue
        complete = info[0] != K.SE_WITNESSES and info[4] <= wcap
        if info[0] == K.SE_WITNESSES:
            info[0] = 0
        c = int(info[1])
        return tuple(info.tolist()), ox[:c], oy[:c], _witness_list(wit, info[4]), complete


def _run_threaded(jobs, tol, pos_tol, sing_tol, max_pairs, skip_after_witness=False, chunks=None,
                  extra=None):
    """Run the compiled kernel for every job ``(A, B, xonly, stop_wit, wit_cap)`` (a pass, as in
    :func:`_run_kernel`) on ``_threads()`` threads; returns one :func:`_run_kernel` result per
    job (``None`` for a job skipped by ``skip_after_witness``).

    Each job is cut into ``C = _CHUNKS * T`` chunks of row supports (rank % C == c), all of them
    in one queue handed out one chunk at a time to the T threads (the kernel releases the GIL):
    a thread the OS preempts (a loaded machine) does fewer chunks instead of holding up the
    others, and two passes (the first pass and the column side's witness-only pass) run side by
    side.  ``skip_after_witness``: once a chunk of the first job counts a degeneracy witness,
    the other jobs' remaining chunks are skipped (their answers are then not needed).

    ``extra``: a function of no argument that releases the GIL (the column side's vertex walk,
    :func:`_walk_clean`), run once as the first task of the queue; then the return value is
    ``(results, extra())``.
    """
    global _BUSY_UNTIL
    from concurrent.futures import TimeoutError as FuturesTimeout

    from ._kernels import support as K

    kernel = K.support_enumeration_witness_kernel
    T = _threads()
    C = (_CHUNKS if chunks is None else chunks) * T
    caps = [1 if job[2] else 64 for job in jobs]
    results: list = [None] * len(jobs)
    pending = list(range(len(jobs)))
    extra_out = [None]
    # (the extra task, if any, is (-1, 0): first, as the longest single task; first round only)
    extra_tasks = [(-1, 0)] if extra is not None else []
    while pending:
        outs = {}
        for p in pending:
            A, _, _, _, wit_cap = jobs[p]
            m, n = A.shape
            cap = caps[p]
            wcap = _WITNESS_CAP if wit_cap is None else int(wit_cap)
            ox = np.zeros((C, cap, m))
            oy = np.zeros((C, cap, n))
            oI = np.empty((C, cap), np.int64)
            oJ = np.empty((C, cap), np.int64)
            info = np.zeros((C, 5), np.int64)
            wit = np.zeros((C, wcap, 1 + 2 * min(m, n)), np.int64)
            outs[p] = (ox, oy, oI, oJ, info, wit)
        tasks = extra_tasks + [(p, c) for p in pending for c in range(C)]
        extra_tasks = []
        # per task: its output arrays (views of the job's blocks) and whether it is done;
        # next() on the shared iterator is atomic under the GIL.  Other threads write only
        # `own`; a chunk redone here gets fresh arrays in `bufs`.
        own = [None if p < 0 else tuple(a[c] for a in outs[p]) for p, c in tasks]
        bufs = list(own)
        done = [False] * len(tasks)
        order = iter(range(len(tasks)))
        skip = [False] * len(jobs)
        stopped = [False] * len(jobs)
        stops = [_NO_LIMIT if job[3] is None else int(job[3]) for job in jobs]

        # (every name a late thread uses is bound here: a retry rebinds the loop's names)
        def run(i, o, tasks=tasks, stops=stops, skip=skip, stopped=stopped):
            p, c = tasks[i]
            if p < 0:
                extra_out[0] = extra()  # (deterministic: a late duplicate writes the same)
                return
            A, B, xonly, _, _ = jobs[p]
            stop = stops[p]
            kernel(A, B, tol, pos_tol, sing_tol, max_pairs, o[0], o[1], o[2], o[3], o[4], xonly, o[5], stop,
                   c, C, *_ws(K, *A.shape))
            if xonly and o[4][4] >= stop:
                # witness-only pass: stop handing out its chunks once one is found
                skip[p] = stopped[p] = True
            if skip_after_witness and p == 0 and o[4][4] > 0:
                for q in range(1, len(jobs)):
                    skip[q] = True

        ran = [False] * len(tasks)  # (by another thread)

        def worker(order=order, own=own, done=done, skip=skip, tasks=tasks, run=run, ran=ran):
            for i in order:
                if tasks[i][0] < 0 or not skip[tasks[i][0]]:
                    run(i, own[i])
                    ran[i] = True
                done[i] = True

        futs = [_pool().submit(worker) for _ in range(1, T)]
        spent = []
        for i in order:
            if tasks[i][0] < 0 or not skip[tasks[i][0]]:
                t0 = time.perf_counter()
                run(i, own[i])
                spent.append(time.perf_counter() - t0)
            done[i] = True
        # the share of the chunks the other threads finished meanwhile, against their share of
        # the threads: far below it, they got little CPU (a busy machine)
        # (a task another thread took and has not finished counts against them: the walk task
        # done first, a stalled thread still shows)
        others = sum(ran)
        tot = len(spent) + others + done.count(False)
        if tot >= 2 * T and others < 0.5 * (T - 1) / T * tot:
            _BUSY_UNTIL = time.perf_counter() + _BUSY_BACKOFF
        if not all(done):
            # chunks taken by other threads and not finished: wait about one chunk's time,
            # then redo them here into fresh arrays (a thread the OS has preempted must not
            # hold up the answer; it finishes later into arrays no longer read)
            try:
                for f in futs:
                    f.result(timeout=2 * max(spent, default=1e-3))
            except FuturesTimeout:
                pass
            for i in [i for i, d in enumerate(done) if not d]:
                if tasks[i][0] < 0:
                    run(i, None)
                    continue
                o = own[i]
                bufs[i] = o = (np.zeros_like(o[0]), np.zeros_like(o[1]), np.empty_like(o[2]),
                               np.empty_like(o[3]), np.zeros_like(o[4]), np.zeros_like(o[5]))
                if not skip[tasks[i][0]]:
                    run(i, o)
        again = []
        for p in pending:
            if p > 0 and skip[p] and not stopped[p]:
                continue  # skipped: the first job showed degeneracy
            pb = [bufs[i] for i, (q, _) in enumerate(tasks) if q == p]  # by chunk c
            rows_info = [o[4].tolist() for o in pb]
            if any(r[0] == K.SE_FULL or r[0] == K.SE_FULL_ROW for r in rows_info):
                caps[p] *= 4
                again.append(p)
                continue
            m, n = jobs[p][0].shape
            wcap = pb[0][5].shape[0]
            tot = [sum(col) for col in zip(*rows_info)]
            rows = sorted((r, e, c) for c, ri in enumerate(rows_info) if ri[1]
                          for e, r in enumerate(pb[c][2][:ri[1]].tolist()))
            X = np.array([pb[c][0][e] for _, e, c in rows]).reshape(len(rows), m)
            Y = np.array([pb[c][1][e] for _, e, c in rows]).reshape(len(rows), n)
            wl = [w for c, ri in enumerate(rows_info) if ri[4] for w in _witness_list(pb[c][5], ri[4])]
            complete = not stopped[p] and all(ri[0] != K.SE_WITNESSES and ri[4] <= wcap for ri in rows_info)
            results[p] = ((0, tot[1], tot[2], tot[3], tot[4]), X, Y, wl, complete)
        pending = again
    return results if extra is None else (results, extra_out[0])


#: Exact games with at most this many support pairs are enumerated in Fractions directly.
_SMALL_EXACT_PAIRS = 130
#: Float games this small (3x2, 4x1) too: decimal-text Fractions are slow beyond that.
_SMALL_FLOAT_PAIRS = 10
#: Exact games whose distinct payoffs (per player) differ by less than this fraction of the
#: player's payoff span are not resolved by the float filter (payoffs near 1e15 that differ
#: by units): they are enumerated exactly, pair by pair.
_FLOAT_RESOLUTION = 2.0 ** -40
#: The exact cross-check with extreme_equilibria stops after this many vertices (skipped then).
_CROSSCHECK_VERTICES = 200_000


def _float_resolves(g: NormalFormGame) -> bool:
    """Whether the float image of the exact game ``g`` separates its distinct payoffs: per
    player, the smallest gap between distinct values is at least ``_FLOAT_RESOLUTION`` times
    the span (the float filter's tolerances are relative to the span)."""
    for ints, _ in g.integer_payoffs():
        vals = sorted(set(ints.reshape(-1).tolist()))
        if len(vals) < 2:
            continue
        span = vals[-1] - vals[0]
        gap = min(b - a for a, b in zip(vals, vals[1:]))
        if Fraction(gap, span) < _FLOAT_RESOLUTION:
            return False
    return True


def _missed_by_filter(g: NormalFormGame, found: set) -> bool:
    """Exact cross-check of a complete, nondegenerate-looking exact answer: in a
    nondegenerate game every equilibrium is extreme, so :func:`solvers.extreme_equilibria`
    (exact pivoting, independent of the float filter) must find no other equilibrium."""
    from .extreme import extreme_equilibria

    ree = extreme_equilibria(g, exact=True, components=False, max_vertices=_CROSSCHECK_VERTICES)
    if ree.status != "ok":
        return False
    return any((tuple(p.strategies[0]), tuple(p.strategies[1])) not in found for p in ree.equilibria)


def _exact_witness(Bm: list, I: tuple[int, ...], J: tuple[int, ...]) -> bool:
    """Whether the strategy with support ``I`` making the responses ``J`` indifferent is an
    exact degeneracy witness (``Bm``: the responder's payoffs as integer rows; see
    :func:`_side_int`)."""
    return _side_int(Bm, I, J)[2]


def _exact_witness_rerun(Bm: list, run, count: int) -> int:
    """1 if some float witness of a kernel pass is an exact one, found by running the pass
    (``run(stop_wit, wit_cap)``, serial) again with room for all of its witnesses, else 0.

    Used on the exact path when the first run kept only some witnesses (``_WITNESS_CAP`` per
    chunk, or stopped after that many) and none of those was exact: deciding "ok" then
    needs every witness checked.
    """
    cap = max(4 * _WITNESS_CAP, count)
    while True:
        _, _, _, wl, complete = run(None, cap)
        if any(_exact_witness(Bm, I, J) for I, J in wl):
            return 1
        if complete:
            return 0
        cap *= 4


def _decimal_integers(u: np.ndarray) -> list[list[int]]:
    """A float payoff matrix read through the decimal text of its entries (as
    :meth:`NormalFormGame.as_exact` reads it: ``repr``, the shortest text), as integers: the
    exact decimal values times one power of ten (a positive scaling, which changes no
    indifference solution and no payoff comparison of that player)."""
    nums, exps = [], []
    for v in u.reshape(-1).tolist():
        mant, _, ex = repr(v).partition("e")
        ip, _, fp = mant.partition(".")
        nums.append(int(ip + fp))
        exps.append((int(ex) if ex else 0) - len(fp))
    e0 = min(exps)
    ints = [a * 10 ** (e - e0) for a, e in zip(nums, exps)]
    c = u.shape[1]
    return [ints[r * c:(r + 1) * c] for r in range(u.shape[0])]


def _solve_int(Bm: list, I: tuple[int, ...], J: tuple[int, ...]):
    """The indifference system of the support pair ``(I, J)`` on integer payoffs (rows of ``Bm``:
    the responder's payoffs, Python ints): ``sum_{i in I} x_i Bm[i, j] = u`` (``j in J``),
    ``sum x = 1``.  Returns ``(N, D)`` with ``x_I = N / D`` (``D > 0``), or ``None`` if it is
    singular.

    Fraction-free: the system with ``u`` eliminated (the equations of ``J[1:]`` minus that of
    ``J[0]``, and ``sum x = 1``) has the same unique solution ``x`` and is singular exactly when
    the full one is (expand its determinant along the column of ``u``); Bareiss elimination
    solves it in integers (Cramer's numerators ``N`` over the determinant ``D``)."""
    k = len(I)
    if k == 1:
        return (1,), 1
    j0 = J[0]
    rows = [Bm[i] for i in I]
    M = [[r[j0] - r[j] for r in rows] + [0] for j in J[1:]]
    M.append([1] * k + [1])
    prev = 1
    for c in range(k):
        if M[c][c] == 0:
            for p in range(c + 1, k):
                if M[p][c] != 0:
                    M[c], M[p] = M[p], M[c]
                    break
            else:
                return None
        pr = M[c]
        pc = pr[c]
        for r in range(c + 1, k):
            ar = M[r]
            f = ar[c]
            for cc in range(c + 1, k + 1):
                ar[cc] = (ar[cc] * pc - f * pr[cc]) // prev  # (exact: Bareiss)
            ar[c] = 0
        prev = pc
    D = M[k - 1][k - 1]  # (+- the determinant)
    N = [0] * k
    for c in range(k - 1, -1, -1):
        row = M[c]
        t = row[k] * D
        for cc in range(c + 1, k):
            t -= row[cc] * N[cc]
        N[c] = t // row[c]  # (exact: N = D x is Cramer's numerator, an integer)
    if D < 0:
        return tuple(-v for v in N), -D
    return tuple(N), D


def _responses_int(Bm: list, I: tuple[int, ...], N: tuple, j0: int) -> tuple[bool, int]:
    """Against ``x_I = N / D`` (``D > 0``; :func:`_solve_int`): whether some response pays more
    than ``j0`` does, and how many pay exactly as much (payoffs times ``D``)."""
    if len(I) == 1:
        vals = Bm[I[0]]  # (N = (1,))
    else:
        vals = [sum(a * b for a, b in zip(N, col)) for col in zip(*(Bm[i] for i in I))]
    u = vals[j0]
    return any(v > u for v in vals), vals.count(u)


def _side_int(Bm: list, I: tuple[int, ...], J: tuple[int, ...]):
    """One side of the support pair ``(I, J)`` on integer payoffs (:func:`_solve_int`): returns
    ``(sol, ok, witness)``, ``sol = (N, D)`` or ``None`` if singular; ``ok`` when ``x_I > 0`` and
    no response does better than ``J``; ``witness`` when moreover more than ``|I|`` responses
    are best (an exact certificate that the game is degenerate)."""
    sol = _solve_int(Bm, I, J)
    if sol is None:
        return None, False, False
    if any(v <= 0 for v in sol[0]):
        return sol, False, False
    better, nbest = _responses_int(Bm, I, sol[0], J[0])
    if better:
        return sol, False, False
    return sol, True, nbest > len(I)


def _equilibrium_int(Bi: list, Ati: list, I: tuple[int, ...], J: tuple[int, ...]):
    """:func:`solvers._exact.equilibrium_on_supports` on integer payoffs (``Bi``: the column
    player's, ``Ati``: the row player's transposed): ``None``, or ``((N_x, D_x), (N_y, D_y), bx,
    by)`` with ``x_I = N_x / D_x >= 0``, ``y_J = N_y / D_y >= 0`` making the other side's support
    indifferent and no reply better (exact regret 0), ``bx`` the number of best replies to ``x``
    (columns), ``by`` to ``y`` (rows)."""
    sx = _solve_int(Bi, I, J)
    if sx is None or any(v < 0 for v in sx[0]):
        return None
    sy = _solve_int(Ati, J, I)
    if sy is None or any(v < 0 for v in sy[0]):
        return None
    better, bx = _responses_int(Bi, I, sx[0], J[0])
    if better:
        return None
    better, by = _responses_int(Ati, J, sy[0], I[0])
    if better:
        return None
    return sx, sy, bx, by


def _integer_rows(g: NormalFormGame) -> tuple[list, list]:
    """``(Bi, Ati)``: the column player's payoffs and the row player's transposed, each player's
    exact payoffs times a positive integer (the same equilibria, best replies and witnesses), as
    lists of Python ints; float games read through their decimal text, as
    :meth:`NormalFormGame.as_exact` reads them."""
    if g.exact:
        (Ai, _), (Bi, _) = g.integer_payoffs()
        return Bi.tolist(), Ai.T.tolist()
    Ai, Bi = (_decimal_integers(u) for u in g.payoffs)
    return Bi, [list(c) for c in zip(*Ai)]


def _exact_vector(size: int, idx: tuple[int, ...], nums, den: int) -> np.ndarray:
    """The exact mixed strategy with ``Fraction(nums[k], den)`` on action ``idx[k]`` and 0 elsewhere
    (an object array of Fractions)."""
    v = np.array([_F0] * size, dtype=object)
    for i, a in zip(idx, nums):
        v[i] = Fraction(a, den)
    return v


def _small_exact(Bi: list, Ati: list, shape: tuple[int, int], max_pairs: int):
    """Support enumeration in exact arithmetic, pair by pair: the outputs of :func:`_run`, and for
    each equilibrium ``(I, J, (N_x, D_x), (N_y, D_y), degenerate)`` (its supports, its exact
    probabilities on them as numerators over a denominator, and whether a player has more best
    responses than the support size).

    Also counts exact degeneracy witnesses on both sides (:func:`_side_int` for the row strategy
    and, with the roles swapped, the column strategy of every support pair), in integers
    (``Bi``, ``Ati``: :func:`_integer_rows`).
    """
    m, n = shape
    X: list = []
    Y: list = []
    S: list = []
    pairs = 0
    singular = 0
    status = 0
    witnesses = 0
    for k in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                if pairs >= max_pairs:
                    status = 1
                    break
                pairs += 1
                xs, xok, xw = _side_int(Bi, I, J)
                ys, yok, yw = _side_int(Ati, J, I)
                witnesses += xw + yw
                if xs is None or ys is None:
                    singular += 1
                    continue
                if not (xok and yok):
                    continue
                x = np.zeros(m)
                y = np.zeros(n)
                # (int / int is correctly rounded: float(Fraction(N, D)))
                x[list(I)] = [v / xs[1] for v in xs[0]]
                y[list(J)] = [v / ys[1] for v in ys[0]]
                X.append(x)
                Y.append(y)
                S.append((I, J, xs, ys, xw or yw))
            if status:
                break
        if status:
            break
    return (status, len(X), pairs, singular, witnesses), X, Y, S


def _positive_scaled(payoffs) -> tuple[tuple[np.ndarray, ...], tuple[float, ...], float]:
    """Each player's float payoffs mapped affinely onto ``[1, 2]`` (:func:`solvers._scale.normalized`),
    their payoff scales (:func:`solvers._scale.payoff_scale`), and the largest ratio of a
    player's scale to its span (1 for a constant player): the same numbers as those functions,
    from one min and one max per player (this runs on every call; at 8 x 8 the Python around
    the kernel is a quarter of the time)."""
    pos, scales, rel = [], [], 1.0
    for i, u in enumerate(payoffs):
        p, scale, span = normalized_with_scale(u)
        pos.append(np.ascontiguousarray(p))
        scales.append(scale)
        r = scale / span if span > 0 else 1.0
        rel = r if i == 0 else max(rel, r)
    return tuple(pos), tuple(scales), rel


def support_enumeration(
    game: NormalFormGame,
    *,
    exact: bool | None = None,
    max_supports: int | None = None,
    tol: float = DEFAULT_TOL,
    parallel: bool | None = None,
    vertex_path: bool = True,
    _all_exact: bool = False,
) -> SupportEnumerationResult:
    """All Nash equilibria of a nondegenerate bimatrix game by support enumeration.

    Degeneracy is decided along the way (see the module docstring); when the first pass shows
    none, the column side is certified by a walk over the vertices of its best-response
    polytope (or a witness-only pass over the transposed game, when the walk cannot tell).
    Float games are first tried on the vertex path: clean walks of both best-response
    polytopes certify nondegeneracy and give the equilibria (the pass's answers) without it.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, optional
        Exact Fractions with regret exactly 0; default follows ``game.exact``.  Exact answers
        do not rest on the float filter: payoffs it cannot resolve are enumerated pair by pair
        in Fractions, and a complete ("ok") answer is cross-checked against
        :func:`solvers.extreme_equilibria` (in a nondegenerate game every equilibrium is
        extreme), with an all-exact enumeration if that finds another equilibrium.
    max_supports : int, optional
        Stop after examining this many support pairs (``status="truncated"``).  The number of
        pairs is ``C(m+n, m) - 1`` in the worst case.
    tol : float
        Float path: best-response tolerance, relative to each player's payoff scale (the
        span of its payoffs, floored at ``1e-6 max |u_i|``; :mod:`solvers._scale`).
    parallel : bool, optional
        Split the row supports between ``NUMBA_NUM_THREADS`` threads (the kernel releases
        the GIL); on the float path the column side's degeneracy check (the vertex walk, or
        the witness-only pass) then runs alongside the first pass, in the same queue.  The
        vertex path (module docstring), tried first on the float path, runs on one thread.
        Default: when ``max_supports`` is None and ``C(m + n, m)`` is at least 40,000 (about
        9 x 9 and up), or at least 10,000 (8 x 8) on the float path; but on one thread for a
        second after a threaded run in which the other threads got little CPU (a busy
        machine: there they cost more than they save).
        ``params["parallel"]`` reports the rule by size; the answer is the same either way.
        Ignored when ``max_supports`` is given.
    vertex_path : bool
        Float games (without ``max_supports``): first walk both best-response polytopes and,
        when both walks certify nondegeneracy, return their completely labeled vertex pairs
        solved as the support pass solves them (module docstring: the same equilibria,
        supports, strategies, regrets and status; ``pairs_checked`` then counts the vertices
        walked).  ``False`` always runs the support pass (Porter, Nudelman & Shoham's
        enumeration; ``pairs_checked`` counts support pairs), e.g. to study the search itself.

    Returns
    -------
    SupportEnumerationResult
        ``status`` is ``"ok"`` (the game is nondegenerate and the list is complete),
        ``"truncated"`` or ``"degenerate"`` (some strategy has more pure best responses than
        its support size: equilibria may be missing, see the message).

    Raises
    ------
    UnsupportedError
        For games with other than two players.
    InvalidInputError
        For a bad ``max_supports`` or ``tol``.

    Examples
    --------
    >>> from solvers import NormalFormGame
    >>> g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> [str(p) for p in support_enumeration(g).equilibria[1].strategies[0]]
    ['4/5', '1/5', '0']
    """
    func = "support_enumeration"
    _check_bimatrix(game, func)
    ex = _check_exact(func, exact, game)
    tol = _check_tol(func, tol)
    if max_supports is not None and (isinstance(max_supports, bool)
                                     or not isinstance(max_supports, (int, np.integer)) or max_supports < 1):
        raise InvalidInputError(bad_param(func, "max_supports", "None or a positive int", max_supports))
    if parallel is not None and not isinstance(parallel, (bool, np.bool_)):
        raise InvalidInputError(bad_param(func, "parallel", "True, False or None", parallel))
    vertex_path = check_bool(func, "vertex_path", vertex_path)
    m, n = game.shape
    # enumerate row supports over the smaller side for speed: transpose if m > n
    transpose = m > n
    g = game.transpose() if transpose else game
    mm, nn = g.shape
    npairs = math.comb(mm + nn, mm)
    # the exact game (float games read through their decimal text, once)
    ge = (g if g.exact else g.as_exact()) if ex else None
    threads = bool(parallel)
    parallel0 = parallel
    if parallel is None:
        parallel = max_supports is None and npairs >= _PARALLEL_PAIRS
        # (8 x 8 too, and none while the machine looks busy: the same answer, so params keep
        # the rule by size)
        threads = ((parallel or (not ex and max_supports is None and npairs >= _PARALLEL_IDLE_PAIRS))
                   and _threads_help())
    threads = threads and max_supports is None
    try:
        Af, Bf = g.float_payoffs()
        (Ap, Bp), scales, rel = _positive_scaled((Af, Bf))
    except InvalidGameError:  # exact payoffs past the float range (10**400)
        if not ex:
            raise
        # the float filter's [1, 2] images straight from the exact payoffs (the exact path
        # reads nothing else of the float game)
        Ap, Bp = _positive_from_exact(g)
        Af = Bf = None
        scales, rel = (1.0, 1.0), 1.0
    max_pairs = _NO_LIMIT if max_supports is None else int(max_supports)
    # (Bi, Ati): the exact re-solves and the small games' enumeration run in integers
    ints = _integer_rows(ge) if ex else None
    if ex:
        # loose float filter, exact acceptance
        ktol, pos_tol, sing_tol = 1e-7, 1e-10, 1e-13
    else:
        # tolerances on each player's [1, 2]-normalized payoffs: tol times the player's payoff
        # scale (solvers._scale), in units of its span
        ktol, pos_tol, sing_tol = min(tol * rel, 1e-3), 1e-12, 1e-13
    resolved = True
    col_pass = None
    vertex = False
    # the column side's certificate by the vertex walk (not with max_supports, which bounds the
    # witness-only pass too: see the "truncated" message)
    walk_ok = max_supports is None and mm + nn <= _WALK_MAX_DIM
    walk = walk_ok
    whi = _WALK_EXACT_HI if ex else max(_WALK_MARGIN * ktol, _WALK_FLOOR)
    clean = None
    if ex and not _all_exact and npairs - 1 > _SMALL_EXACT_PAIRS:
        resolved = _float_resolves(ge)
    if _all_exact or not resolved or npairs - 1 <= (_SMALL_EXACT_PAIRS if ex else _SMALL_FLOAT_PAIRS):
        # small games: every support pair in exact arithmetic (float games read through their
        # decimal text), no float filter and no compilation; float results are then rounded
        if ints is None:
            ints = _integer_rows(g)
        info, X, Y, small_sups = _small_exact(*ints, g.shape, max_pairs)
        small = True
    else:
        small = False
        vx = (None, None)
        if vertex_path and not ex and walk_ok:
            # both polytopes walked clean: the equilibria are their completely labeled vertex
            # pairs, solved as the pass solves them (no pass; the column side is certified)
            vx = _vertex_path(Ap, Bp, ktol, pos_tol, sing_tol, whi,
                              _SE_TIER.interpret(small=npairs <= _TWIN_VERTEX_GAME_PAIRS))
            if vx[0] is not None:
                res = _vertex_result(game, transpose, Af, Bf, *vx, scales,
                                     {"max_supports": max_supports, "tol": tol, "parallel": bool(parallel)})
                if res is not None:
                    return res
        # (the pass's own rule, asked only when the pass may run: its twin is far slower than the
        # walks', so it compiles from smaller games on)
        se_twin = _SE_TIER.interpret(small=npairs <= _TWIN_GAME_PAIRS)
        # (no walk while the passes run interpreted: its kernel would compile for nothing)
        walk = walk_ok and not se_twin and not _WALK_TIER.interpret(small=npairs < _WALK_PAIRS)
        if vx[0] is not None:
            # (a regret to polish: the general code below, with the vertex path's strategies)
            vertex = True
            X, Y, _, nvert = vx
            info, wits, wcomplete = (0, len(X), nvert, 0, 0), [], True
            walk = clean = True
        elif vx[1] is False:
            walk, clean = True, False  # (the column side's walk gave no verdict)
        if vertex:
            pass
        elif not ex and threads and not se_twin and _threads() > 1:
            if walk:
                # the first pass's chunks and the column side's vertex walk in one queue
                (first,), clean = _run_threaded([(Ap, Bp, False, None, None)], ktol, pos_tol, sing_tol,
                                                max_pairs, extra=lambda: _walk_clean(Ap, whi))
                info, X, Y, wits, wcomplete = first
            else:
                # both passes at once: the first pass and the column side's witness-only pass
                # (skipped once the first shows degeneracy), in one queue of chunks on the threads
                from ._kernels import support as K

                warm = bool(K.support_enumeration_witness_kernel.signatures)  # (else it compiles now)
                t0 = time.perf_counter()
                col_pass = _run_threaded(
                    [(Ap, Bp, False, None, None),
                     (np.ascontiguousarray(Bp.T), np.ascontiguousarray(Ap.T), True, 1, None)],
                    ktol, pos_tol, sing_tol, max_pairs, skip_after_witness=True)
                (info, X, Y, wits, wcomplete), col_pass = col_pass
                if warm and walk_ok:
                    # (the witness-only pass's time, about half of the run: the walk's budget)
                    _WALK_TIER.charge(t0, share=0.5)
        else:
            info, X, Y, wits, wcomplete = _run(Ap, Bp, ktol, pos_tol, sing_tol, max_pairs,
                                               threads)
    status_code, _, pairs, singular, degen = info

    eqs: list[MixedProfile] = []
    regs: list[Any] = []
    sups: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    seen = set()
    n_degenerate = 0
    if ex:
        Bi, Ati = ints
        # small games: the exact equilibria of the integer enumeration (each already checked:
        # positive on its supports, no better reply; distinct support pairs, so no repeats)
        for I, J, (xn, xd), (yn, yd), deg in (small_sups if small else ()):
            xe, ye = _exact_vector(mm, I, xn, xd), _exact_vector(nn, J, yn, yd)
            n_degenerate += bool(deg)
            eqs.append((xe, ye))
            regs.append(Fraction(0))
            sups.append((I, J))
        for x, y in zip(X, Y) if not small else ():
            I = tuple(int(i) for i in np.nonzero(x > 0)[0])
            J = tuple(int(j) for j in np.nonzero(y > 0)[0])
            # (solvers._exact.equilibrium_on_supports, in integers)
            sol = _equilibrium_int(Bi, Ati, I, J)
            if sol is None:
                continue
            (xn, xd), (yn, yd), bx, by = sol
            xe, ye = _exact_vector(mm, I, xn, xd), _exact_vector(nn, J, yn, yd)
            I2 = tuple(i for i, v in zip(I, xn) if v)
            J2 = tuple(j for j, v in zip(J, yn) if v)
            key = (tuple(xe.tolist()), tuple(ye.tolist()))
            if key in seen:
                n_degenerate += 1
                continue
            seen.add(key)
            if len(I2) != len(I) or len(J2) != len(J) or by > len(I2) or bx > len(J2):
                n_degenerate += 1
            eqs.append((xe, ye))
            regs.append(Fraction(0))
            sups.append((I2, J2))
    else:
        # the kernel's solutions are usually accurate to rounding; re-solve (least squares,
        # kept only if better) when the regret is not already negligible
        # (regrets of all of them at once: the per-equilibrium Python work is what counts at
        # 8 x 8, where the kernel takes a few hundred microseconds)
        X = np.asarray(X, dtype=np.float64).reshape(len(X), mm)
        Y = np.asarray(Y, dtype=np.float64).reshape(len(Y), nn)
        X = X / X.sum(axis=1, keepdims=True)
        Y = Y / Y.sum(axis=1, keepdims=True)
        U = Y @ Af.T  # row player's payoffs, (E, m)
        V = X @ Bf  # column player's payoffs, (E, n)
        R0 = U.max(axis=1) - np.einsum("ei,ei->e", X, U)
        R1 = V.max(axis=1) - np.einsum("ej,ej->e", V, Y)
        R = np.maximum(np.maximum(R0, R1), 0.0)
        # polish where a player's regret is not negligible against its payoff scale
        for e in np.flatnonzero(np.maximum(R0 / scales[0], R1 / scales[1]) > 1e-12).tolist():
            X[e], Y[e] = _polish(Af, Bf, X[e], Y[e], 0.0)
            R[e] = _float_regret(Af, Bf, X[e], Y[e])
        # the same degeneracy evidence as the exact path (more best responses than support
        # size), with the kernel's tolerance on the [1, 2]-normalized payoffs
        Xpos = X > 0
        Ypos = Y > 0
        kx = Xpos.sum(axis=1)
        ky = Ypos.sum(axis=1)
        AY = Y @ Ap.T
        XB = X @ Bp
        extra = (((AY >= AY.max(axis=1, keepdims=True) - ktol).sum(axis=1) > kx)
                 | ((XB >= XB.max(axis=1, keepdims=True) - ktol).sum(axis=1) > ky)).tolist()
        KX = np.round(X, 9).tolist()
        KY = np.round(Y, 9).tolist()
        # the supports, row after row
        cx = np.nonzero(Xpos)[1].tolist()
        cy = np.nonzero(Ypos)[1].tolist()
        ox = oy = 0
        for e, (a, b, r) in enumerate(zip(kx.tolist(), ky.tolist(), R.tolist())):
            I = tuple(cx[ox:ox + a])
            J = tuple(cy[oy:oy + b])
            ox += a
            oy += b
            key = (tuple(KX[e]), tuple(KY[e]))
            if key in seen:
                n_degenerate += 1
                continue
            seen.add(key)
            n_degenerate += extra[e]
            eqs.append((X[e], Y[e]))
            regs.append(r)
            sups.append((I, J))
    if vertex and n_degenerate:
        # (evidence the walks' margins rule out: the support pass decides, as it always did)
        return support_enumeration(game, exact=exact, max_supports=max_supports, tol=tol, parallel=parallel0,
                                   vertex_path=False)
    # degeneracy witnesses: a strategy with support size k and more than k pure best responses
    # (von Stengel 2002, Def. 2.5); complete: every degenerate game has one at a vertex of a
    # best-response polytope, which some square support pair solves (see the kernel module)
    n_witness = 0
    proof_truncated = False
    if status_code == 0:
        if small:
            n_witness = degen  # exact, both sides
        else:
            if ex:
                n_witness = int(any(_exact_witness(Bi, I, J) for I, J in wits))
                if not n_witness and not wcomplete:
                    # more float witnesses (loose tolerance) than kept, none of the kept ones
                    # exact: run again keeping all of them (rare: near-ties, no exact tie)
                    n_witness = _exact_witness_rerun(Bi, lambda stop, cap: _run(
                        Ap, Bp, ktol, pos_tol, sing_tol, max_pairs, False, xonly=True, stop_wit=stop,
                        wit_cap=cap), int(degen))
            else:
                n_witness = degen
            # column side: certified when every vertex of its best-response polytope
            # {y >= 0: A y <= 1} is nondegenerate (clearly: by more than the margin), so no column
            # strategy has more best responses than its support size (von Stengel 2002, Sect.
            # 2.6); otherwise the row strategies of the transposed game decide
            if not n_witness and not n_degenerate and not (walk and (
                    clean if clean is not None else _walk_clean(Ap, whi))):
                t0 = time.perf_counter()
                At_p, Bt_p = np.ascontiguousarray(Bp.T), np.ascontiguousarray(Ap.T)
                if col_pass is not None:
                    tinfo, _, _, twits, tcomplete = col_pass  # (run alongside the first pass)
                else:
                    tinfo, _, _, twits, tcomplete = _run(
                        At_p, Bt_p, ktol, pos_tol, sing_tol, max_pairs, threads,
                        xonly=True, stop_wit=_WITNESS_CAP if ex else 1)
                tdegen = tinfo[4]
                # this pass visits other pairs than the first: max_supports can stop it
                proof_truncated = tinfo[0] == 1
                if ex:
                    n_witness = int(any(_exact_witness(Ati, I, J) for I, J in twits))
                    if not n_witness and not tcomplete:
                        n_witness = _exact_witness_rerun(Ati, lambda stop, cap: _run(
                            At_p, Bt_p, ktol, pos_tol, sing_tol, max_pairs, False, xonly=True,
                            stop_wit=stop, wit_cap=cap), int(tdegen))
                else:
                    n_witness = int(tdegen > 0)
                proof_truncated = proof_truncated and not n_witness
                if col_pass is None and walk_ok and not walk and not se_twin:
                    # (the compiled witness-only pass's time, when the walk could have run
                    # instead: the walk's budget; a pass run alongside the first was charged there)
                    _WALK_TIER.charge(t0)
    # build profiles in the original orientation
    profiles = []
    base = game if (game.exact or not ex) else game.as_exact()
    for x, y in eqs:
        s = [y, x] if transpose else [x, y]
        # float vectors: nonnegative and normalized above (or by _polish); exact ones are
        # validated (their cost is nothing next to the Fraction solves)
        profiles.append(MixedProfile(base, s, exact=True) if ex else MixedProfile._trusted(base, s, False))
    supports = [((J, I) if transpose else (I, J)) for I, J in sups]
    order = sorted(range(len(profiles)), key=lambda t: (len(supports[t][0]), supports[t][0], supports[t][1]))
    profiles = [profiles[t] for t in order]
    regs = [regs[t] for t in order]
    supports = tuple(supports[t] for t in order)

    status = "ok"
    msgs = []
    if status_code == 1:
        status = "truncated"
        msgs.append(f"stopped after max_supports={max_supports} support pairs; equilibria with "
                    "larger supports were not examined")
    elif proof_truncated:
        status = "truncated"
        msgs.append(f"every support pair was examined, but the degeneracy check on the column "
                    f"player's side stopped after max_supports={max_supports} pairs, so the list "
                    "is not certified complete")
    elif n_degenerate or n_witness:
        status = "degenerate"
        if n_degenerate:
            why = (f"{n_degenerate} equilibri{'um has' if n_degenerate == 1 else 'a have'} more "
                   "best responses than support size (or appeared on two support pairs)")
        else:
            why = "a mixed strategy with support size k has more than k pure best responses"
        msgs.append(f"the game is degenerate: {why}; equilibria may be missing (support "
                    "enumeration can miss equilibria of degenerate games; use extreme_equilibria)")
    if ex and not small and status == "ok" and _missed_by_filter(ge, seen):
        # the float filter lost an equilibrium (an ill-conditioned system): decide every
        # support pair exactly instead
        return support_enumeration(game, exact=True, max_supports=max_supports, tol=tol, parallel=parallel,
                                   _all_exact=True)
    if not resolved:
        msgs.append("payoffs closer than the float filter resolves: every support pair decided exactly")
    if singular:
        # a singular indifference system carries no equilibrium in a nondegenerate game
        # (moving along its line of solutions gives a strategy with more best responses
        # than its support size), so skipping it loses nothing unless the game is degenerate
        msgs.append(f"{singular} singular indifference system(s) skipped (they carry no "
                    "equilibrium unless the game is degenerate)")
    if status == "degenerate" and not ex and m + n <= _FLOAT_EXACT_RECHECK:
        # float evidence of degeneracy can be an artifact of payoffs spanning many orders of
        # magnitude (near-ties within tol of a player's payoff scale): decide it exactly, reading
        # the float game through its decimal text as the small-game path does, and report the
        # exact answer's profiles in floats
        rex = support_enumeration(game, exact=True, max_supports=max_supports, parallel=parallel)
        rstatus, rmessage = rex.status, rex.message
        Af0, Bf0 = game.float_payoffs()
        if rstatus == "ok":
            # the decimal text can break exact relations of the binary values (payoffs scaled
            # by 2**-31: the text of 2**-30 is not twice that of 2**-31), so the float payoffs'
            # own binary values decide too, and an exact degeneracy of either reading stands
            gb = NormalFormGame.bimatrix(*([[Fraction(v) for v in row] for row in u.tolist()]
                                           for u in (Af0, Bf0)))
            rb = support_enumeration(gb, max_supports=max_supports, parallel=parallel)
            if rb.status == "degenerate":
                rstatus = "degenerate"
                rmessage = (f"{rb.message} (in the exact binary values of the float payoffs; "
                            "their decimal text gives a nondegenerate game)")
        profs, fregs = [], []
        for p in rex.equilibria:
            xf, yf = (np.array([float(v) for v in s]) for s in p.strategies)
            profs.append(MixedProfile(game, [xf, yf], exact=False))
            fregs.append(_float_regret(Af0, Bf0, xf, yf))
        note = "float evidence of degeneracy re-decided in exact arithmetic"
        return SupportEnumerationResult(
            equilibria=tuple(profs), regrets=tuple(fregs), game=game, supports=rex.supports,
            pairs_checked=int(pairs) + rex.pairs_checked, method="support_enumeration", exact=False,
            status=rstatus, message="; ".join(m_ for m_ in (rmessage, note) if m_),
            params={"max_supports": max_supports, "tol": tol, "parallel": bool(parallel)},
        )
    return SupportEnumerationResult(
        equilibria=tuple(profiles),
        regrets=tuple(regs),
        game=game,
        supports=supports,
        pairs_checked=int(pairs),
        method="support_enumeration",
        exact=ex,
        status=status,
        message="; ".join(msgs),
        params={"max_supports": max_supports, "tol": tol, "parallel": bool(parallel)},
    )
