"""The column side's degeneracy certificate of support enumeration by a vertex walk.

``support_enumeration`` certifies that no column strategy has more best responses than its
support size by walking every vertex of the polytope ``Q = {y >= 0 : A y <= 1}``
(:func:`solvers._kernels.support.vertex_walk_kernel`); when a vertex is degenerate or too
close to tell, the witness-only support pass decides as before.  These tests check the walk
against an independent vertex enumeration, its verdicts against the witness pass, and that
support enumeration answers the same with and without the walk.
"""

import functools
from fractions import Fraction

import numpy as np
import pytest

import solvers.support_enum as se_mod
from solvers import NormalFormGame, generators, support_enumeration
from solvers._kernels import support as KS
from solvers._kernels.vertex_enum import enumerate_vertices
from solvers._tier import python_twins
from solvers.numbers import DEFAULT_TOL
from tests.conftest import HEAVY_SCALE


# these tests are about the support pass's column side: no vertex path in front of it
# (tests/solvers/test_support_vertex.py tests that path against the pass)
support_enumeration = functools.partial(support_enumeration, vertex_path=False)


def _walk(C, hi, room=4096, twin=False):
    ws = KS.walk_workspace(C.shape, room)
    f = python_twins("solvers._kernels.support")["vertex_walk_kernel"] if twin else KS.vertex_walk_kernel
    with np.errstate(over="ignore"):  # (the twin's hash products wrap, as int64 ones compiled)
        f(np.ascontiguousarray(C, dtype=np.float64), hi, *ws)
    return int(ws[-1][0]), int(ws[-1][1])


def _vertex_count_and_degenerate(C):
    """Distinct vertices of {z >= 0 : C z <= 1} and whether one has more labels than the
    dimension, by the lexicographic walk of extreme_equilibria (an independent algorithm)."""
    k, d = C.shape
    lab = np.arange(d + k, dtype=np.int64)
    C = np.ascontiguousarray(C, dtype=np.float64)
    st, keys, _, _, V, _, _ = enumerate_vertices(C, lab, False, 1e-12, 0, 10**7, 0.0)
    assert st == 0
    pop = [sum(int(w).bit_count() for w in keys[v]) for v in range(V)]
    return V, max(pop) > d


def test_von_stengel_polytope_has_five_vertices():
    # von Stengel 2002 (Handbook ch. 45, Fig. 2.x), the column player's polytope of the 3 x 2
    # game A = [[3, 3], [2, 5], [0, 6]]: vertices 0, (1/3, 0), (2/9, 1/9), (1/12, 1/6), (0, 1/6)
    A = np.array([[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]])
    assert _walk(A, 1e-7) == (KS.WALK_CLEAN, 5)
    assert _walk(A, 1e-7, twin=True) == (KS.WALK_CLEAN, 5)
    # two equal rows: the vertex where they are tight has a basic slack at zero
    A2 = np.vstack([A, A[1]])
    assert _walk(A2, 1e-7)[0] == KS.WALK_UNCLEAR


def test_walk_counts_every_vertex_like_the_lexicographic_walk():
    rng = np.random.default_rng(0)
    for k, d in [(1, 4), (4, 1), (3, 3), (5, 7), (7, 5), (8, 8), (10, 10)]:
        C = 1.0 + rng.random((k, d))
        V, degenerate = _vertex_count_and_degenerate(C)
        assert not degenerate
        assert _walk(C, 1e-7) == (KS.WALK_CLEAN, V)
        if k * d <= 40:
            assert _walk(C, 1e-7, twin=True) == (KS.WALK_CLEAN, V)
        # too little room: WALK_FULL, never a verdict
        if V > 4:
            assert _walk(C, 1e-7, room=4)[0] == KS.WALK_FULL


def test_walk_is_unclear_on_every_degenerate_polytope():
    # {0, 1, 2} payoffs: many degenerate polytopes; the walk must never call one clean
    rng = np.random.default_rng(1)
    seen = set()
    for _ in range(60):
        k, d = (int(v) for v in rng.integers(2, 7, 2))
        C = 1.0 + rng.integers(0, 3, (k, d)) / 2.0
        _, degenerate = _vertex_count_and_degenerate(C)
        status, _ = _walk(C, 1e-7)
        seen.add(degenerate)
        if degenerate:
            assert status == KS.WALK_UNCLEAR
    assert seen == {True, False}


def test_margin_decides_near_degenerate_vertices():
    # a column strategy with two best responses up to eps: clean only when eps clears the margin
    A = np.array([[1.0, 2.0], [2.0, 1.0], [1.5, 1.5]])
    for eps, clean in [(0.0, False), (1e-12, False), (1e-8, False), (1e-3, True)]:
        A[2] = [1.5 - eps, 1.5 - eps]
        assert (_walk(A, 1e-7)[0] == KS.WALK_CLEAN) == clean, eps


def _witness_pass(g):
    """Degeneracy witnesses of the column side at the float path's tolerance (the pass the walk
    replaces)."""
    Af, Bf = g.float_payoffs()
    (Ap, Bp), _, rel = se_mod._positive_scaled((Af, Bf))
    ktol = min(DEFAULT_TOL * rel, 1e-3)
    At, Bt = np.ascontiguousarray(Bp.T), np.ascontiguousarray(Ap.T)
    info = se_mod._run_kernel(False, At, Bt, ktol, 1e-12, 1e-13, se_mod._NO_LIMIT, False, xonly=True,
                              stop_wit=1)[0]
    return Ap, ktol, info[4] > 0


def _families(seed, count):
    rng = np.random.default_rng(seed)
    for t in range(count):
        m, n = (int(v) for v in rng.integers(1, 8, 2))
        kind = t % 6
        if kind == 0:
            A, B = rng.random((m, n)), rng.random((m, n))
        elif kind == 1:
            A, B = rng.integers(0, 3, (m, n)).astype(float), rng.integers(0, 3, (m, n)).astype(float)
        elif kind == 2:  # a duplicated row, often a column-side witness only
            A, B = rng.random((m, n)), rng.random((m, n))
            A[-1] = A[0]
        elif kind == 3:  # near ties at many scales
            eps = float(rng.choice([1e-13, 1e-11, 1e-10, 1e-9, 3e-9, 1e-8, 1e-6]))
            A = rng.integers(0, 4, (m, n)) + eps * rng.standard_normal((m, n))
            B = rng.integers(0, 4, (m, n)) + eps * rng.standard_normal((m, n))
        elif kind == 4:  # zero-sum
            A = rng.random((m, n))
            B = -A
        else:  # scaled by 2**-31 (exact in binary)
            A = rng.integers(0, 4, (m, n)) * 2.0 ** -31
            B = (rng.integers(0, 4, (m, n)) - 1) * 2.0 ** -31
        yield NormalFormGame.bimatrix(np.asarray(A, float), np.asarray(B, float))


def test_clean_walk_means_no_witness():
    # the walk's "clean" (margin 100 x tol) must imply that the witness pass finds nothing
    cleans = 0
    for g in _families(2, 150):
        if g.shape[0] > g.shape[1]:
            g = g.transpose()
        Ap, ktol, witness = _witness_pass(g)
        clean = se_mod._walk_clean(Ap, max(se_mod._WALK_MARGIN * ktol, se_mod._WALK_FLOOR))
        cleans += clean
        assert not (clean and witness)
    assert cleans > 30


def _key(r):
    return (r.status, r.message, r.supports, r.pairs_checked, r.strategies, r.regrets, r.params)


def _both_ways(g, monkeypatch, **kw):
    with monkeypatch.context() as mp:
        mp.setattr(se_mod._WALK_TIER, "compiled", True)
        mp.setattr(se_mod._SE_TIER, "compiled", True)
        calls = []
        real = se_mod._walk_clean
        mp.setattr(se_mod, "_walk_clean", lambda C, hi: calls.append(1) or real(C, hi))
        new = support_enumeration(g, **kw)
    with monkeypatch.context() as mp:
        mp.setattr(se_mod, "_walk_clean", lambda C, hi: False)  # the witness-only pass decides
        old = support_enumeration(g, **kw)
    assert _key(new) == _key(old), (g, kw)
    return new, bool(calls)


def test_same_answers_with_and_without_the_walk(monkeypatch):
    walked = 0
    statuses = set()
    for i, g in enumerate(_families(3, 48)):
        r, w = _both_ways(g, monkeypatch, parallel=bool(i % 2))
        walked += w
        statuses.add(r.status)
    assert walked > 8 and statuses == {"ok", "degenerate"}


def test_exact_path_same_answers_with_and_without_the_walk(monkeypatch):
    # exact games beyond the small Fraction path: the walk's verdict must agree with the exact
    # re-check of the witness pass (the game of test_exact_path_checks_every_float_witness: an
    # exact tie and a float near-tie)
    big = 10**9
    games = [NormalFormGame.bimatrix([[8, 6, 5], [3, 3, 1], [0, 0, 0]],
                                     [[big, big + 1, 9], [5, 6, 9], [5, 5, 1]]),
             generators.random_game((5, 6), 3, 0, 20, integer=True),
             generators.duplicated_rows_game(5, 5, 1).transpose(),
             generators.degenerate_game(5, 5, seed=2)]
    monkeypatch.setattr(se_mod, "_SMALL_EXACT_PAIRS", 0)
    got = [_both_ways(g, monkeypatch)[0].status for g in games]
    got += [_both_ways(g.transpose(), monkeypatch)[0].status for g in games]
    assert "ok" in got and "degenerate" in got


def test_max_supports_keeps_the_witness_pass(monkeypatch):
    # max_supports bounds the witness-only pass ("truncated" when it stops it): no walk then
    g = generators.random_game((6, 6), 1)
    main = support_enumeration(g).pairs_checked
    monkeypatch.setattr(se_mod._WALK_TIER, "compiled", True)
    monkeypatch.setattr(se_mod._SE_TIER, "compiled", True)
    monkeypatch.setattr(se_mod, "_walk_clean", lambda C, hi: pytest.fail("walked"))
    r = support_enumeration(g, max_supports=main)
    assert r.status == "truncated" and "degeneracy check" in r.message


def test_walk_room_grows(monkeypatch):
    g = generators.random_game((7, 7), 4)
    want = support_enumeration(g, parallel=False)
    monkeypatch.setattr(se_mod._WALK_TIER, "compiled", True)
    monkeypatch.setattr(se_mod._SE_TIER, "compiled", True)
    monkeypatch.setattr(se_mod, "_WALK_ROOM", {(7, 7): 4})
    monkeypatch.setattr(se_mod._LOCAL, "walk", {}, raising=False)
    assert _key(support_enumeration(g, parallel=False)) == _key(want)
    assert se_mod._WALK_ROOM[(7, 7)] >= 64
    # beyond the largest room: no verdict (the witness pass decides), the same answer
    monkeypatch.setattr(se_mod, "_WALK_ROOM", {(7, 7): 4})
    monkeypatch.setattr(se_mod, "_WALK_MAX_ROOM", 16)
    monkeypatch.setattr(se_mod._LOCAL, "walk", {}, raising=False)
    Ap = se_mod._positive_scaled(g.float_payoffs())[0][0]
    assert not se_mod._walk_clean(Ap, 1e-7)
    assert _key(support_enumeration(g, parallel=False)) == _key(want)


def test_walk_tier_starts_with_the_witness_pass(monkeypatch):
    # cold start: the walk's kernel compiles only once the witness pass has cost its budget
    # (or at 12 x 12 and up); the tier's decision changes no answer
    from solvers._tier import Family

    monkeypatch.delenv("COOPTHEORY_JIT", raising=False)
    monkeypatch.setattr(se_mod._SE_TIER, "compiled", True)  # (no walk while the passes run interpreted)
    tier = Family("solvers._kernels.support", budget=0.05)
    monkeypatch.setattr(se_mod, "_WALK_TIER", tier)
    calls = []
    real = se_mod._walk_clean
    monkeypatch.setattr(se_mod, "_walk_clean", lambda C, hi: calls.append(1) or real(C, hi))
    g = generators.random_game((7, 7), 5)
    first = support_enumeration(g, parallel=False)
    assert not calls and tier.spent > 0
    while not tier.compiled:
        assert _key(support_enumeration(g, parallel=False)) == _key(first)
    assert _key(support_enumeration(g, parallel=False)) == _key(first) and calls
    # interpreted passes never compile the walk
    monkeypatch.setattr(se_mod, "_WALK_TIER", Family("solvers._kernels.support", budget=0.0))
    monkeypatch.setenv("COOPTHEORY_JIT", "never")
    calls.clear()
    assert _key(support_enumeration(g, parallel=False)) == _key(first) and not calls
    assert se_mod._WALK_TIER.spent == 0.0


def test_walk_tier_charged_only_when_the_walk_could_run(monkeypatch):
    # the witness-only pass's time counts toward the walk's budget only when the walk could
    # have replaced it: not with max_supports, nor beyond m + n = 63 (then the tier never moves)
    from solvers._tier import Family

    monkeypatch.delenv("COOPTHEORY_JIT", raising=False)
    monkeypatch.setattr(se_mod._SE_TIER, "compiled", True)
    tier = Family("solvers._kernels.support", budget=100.0)
    monkeypatch.setattr(se_mod, "_WALK_TIER", tier)
    g = generators.random_game((7, 7), 5)
    wide = generators.random_game((2, 62), 3)
    want = support_enumeration(g, parallel=False)
    assert tier.spent > 0  # (control: the walk could run, the pass is charged)
    tier.spent = 0.0
    assert _key(support_enumeration(g, parallel=False, max_supports=10**6))[:-1] == _key(want)[:-1]
    for parallel in (False, True):
        assert support_enumeration(wide, parallel=parallel).status == "ok"
    assert tier.spent == 0.0 and not tier.compiled


@pytest.mark.heavy
def test_same_answers_with_and_without_the_walk_many_games(monkeypatch):
    # differential check over seeded families (uniform, {0,1,2}, duplicated rows, near ties
    # from 1e-13 to 1e-6, zero-sum, 2**-31-scaled) and sizes up to 9 x 9 on both thread paths;
    # COOPTHEORY_HEAVY_SCALE=10 for thousands of games
    for i, g in enumerate(_families(10, 60 * HEAVY_SCALE)):
        _both_ways(g, monkeypatch, parallel=i % 3 == 0)
    rng = np.random.default_rng(11)
    for s in range(4 * HEAVY_SCALE):
        n = 8 + s % 2
        g = generators.random_game((n, n), int(rng.integers(1 << 30)))
        assert _both_ways(g, monkeypatch)[0].ok


def test_exact_witness_needs_exact_zero():
    # sanity of the premise on the exact side: Q of an integer game with an exact tie among
    # best responses of a mixed column strategy (rows 0 and 1 tie against y = (1/2, 1/2))
    A = [[4, 0], [0, 4], [2, 2]]
    g = NormalFormGame.bimatrix(A, [[1, 0], [0, 1], [0, 0]])
    r = support_enumeration(g)
    assert r.status == "degenerate"
    Ap = se_mod._positive_scaled(g.float_payoffs())[0][0]
    assert not se_mod._walk_clean(np.ascontiguousarray(Ap), se_mod._WALK_EXACT_HI)
    # and without the tie (row 2 pays 2 - 1/4 against y), every vertex is clear
    g2 = NormalFormGame.bimatrix([[4, 0], [0, 4], [Fraction(7, 4), Fraction(7, 4)]], [[1, 0], [0, 1], [0, 0]])
    Ap2 = se_mod._positive_scaled(g2.float_payoffs())[0][0]
    assert se_mod._walk_clean(np.ascontiguousarray(Ap2), se_mod._WALK_EXACT_HI)


def test_threaded_walk_held_by_a_stalled_thread(monkeypatch):
    # the walk is the first task of the threaded queue; a worker that takes it and then gets no
    # CPU must not hold up the answer (the caller redoes it) and counts as a starved thread
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    monkeypatch.setattr(se_mod._WALK_TIER, "compiled", True)
    g = generators.random_game((8, 8), 6)
    want = _key(support_enumeration(g, parallel=False))
    monkeypatch.setattr(se_mod, "_threads", lambda: 2)
    main = threading.current_thread()
    real = se_mod._walk_clean
    claimed, release = threading.Event(), threading.Event()
    ran_main = []

    def walk(C, hi):
        if threading.current_thread() is not main:
            claimed.set()
            release.wait(60)  # took the walk, then no CPU
        else:
            ran_main.append(1)
        return real(C, hi)

    monkeypatch.setattr(se_mod, "_walk_clean", walk)
    pool = ThreadPoolExecutor(max_workers=1)
    real_pool_submit = pool.submit

    def submit(fn, *args, **kwargs):
        fut = real_pool_submit(fn, *args, **kwargs)
        claimed.wait(60)  # (the worker takes the first task, the walk, before the caller starts)
        return fut

    pool.submit = submit
    monkeypatch.setattr(se_mod, "_pool", lambda: pool)
    try:
        monkeypatch.setattr(se_mod, "_BUSY_UNTIL", 0.0)
        got = _key(support_enumeration(g, parallel=True))
        assert claimed.is_set() and not release.is_set() and ran_main  # redone by the caller
        assert got[:6] == want[:6]  # (params["parallel"] records the argument)
        assert se_mod._BUSY_UNTIL > time.perf_counter()  # the other thread got no CPU
    finally:
        release.set()
        pool.shutdown(wait=True)
