"""Tests of solvers.extreme: all extreme equilibria and maximal Nash subsets of bimatrix games."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import NormalFormGame, UnsupportedError
from solvers.errors import InvalidInputError
from solvers.extreme import ExtremeEquilibriaResult, extreme_equilibria
from solvers.generators import degenerate_game, duplicated_rows_game, random_game
from solvers.strategies import bimatrix_games, degenerate_games
from tests.conftest import HEAVY_SCALE


def eqset(res):
    """The equilibria of a result as a set of (x, y) tuples."""
    return {(tuple(x), tuple(y)) for x, y in res.strategies}


def fr(*v):
    return tuple(F(x) for x in v)


# -- brute force: every basis of each polytope, solved exactly --------------------------------
def _solve(M, b):
    """Exact solution of a square system, or None if singular."""
    k = len(M)
    a = [list(map(F, row)) + [F(bb)] for row, bb in zip(M, b)]
    for c in range(k):
        p = next((r for r in range(c, k) if a[r][c] != 0), None)
        if p is None:
            return None
        a[c], a[p] = a[p], a[c]
        for r in range(k):
            if r != c and a[r][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [u - f * v for u, v in zip(a[r], a[c])]
    return [a[r][k] / a[r][r] for r in range(k)]


def _vertices(C):
    """Vertices of {z >= 0 : C z <= 1} (C positive) by trying every set of d tight constraints."""
    k, d = len(C), len(C[0])
    rows = [[1 if j == i else 0 for j in range(d)] for i in range(d)] + [list(r) for r in C]
    rhs = [0] * d + [1] * k
    out = set()
    for S in itertools.combinations(range(d + k), d):
        z = _solve([rows[i] for i in S], [rhs[i] for i in S])
        if z is None or any(v < 0 for v in z):
            continue
        if all(sum(F(c) * v for c, v in zip(r, z)) <= 1 for r in C):
            out.add(tuple(z))
    return out


def brute_force(game):
    """All extreme equilibria: completely labeled vertex pairs (von Stengel 2002, Thm 2.?)."""
    A = np.array(game.payoffs[0], dtype=object)
    B = np.array(game.payoffs[1], dtype=object)
    m, n = A.shape
    A = A - min(A.reshape(-1)) + 1
    B = B - min(B.reshape(-1)) + 1
    P = _vertices(B.T.tolist())
    Q = _vertices(A.tolist())
    res = set()
    for x in P:
        if not any(x):
            continue
        bx = [sum(B[i, j] * x[i] for i in range(m)) for j in range(n)]
        for y in Q:
            if not any(y):
                continue
            ay = [sum(A[i, j] * y[j] for j in range(n)) for i in range(m)]
            if all(x[i] == 0 or ay[i] == 1 for i in range(m)) and all(y[j] == 0 or bx[j] == 1 for j in range(n)):
                sx, sy = sum(x), sum(y)
                res.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return res


# -- literature ----------------------------------------------------------------------------
def test_von_stengel_3x2():
    # von Stengel (2002), Handbook of Game Theory 3, ch. 45, eq. (2.?) / Fig. 2: three equilibria.
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    res = extreme_equilibria(g)
    assert isinstance(res, ExtremeEquilibriaResult) and res.ok and res.exact
    assert res.strategies == (
        (fr(1, 0, 0), fr(1, 0)),
        (fr("4/5", "1/5", 0), fr("2/3", "1/3")),
        (fr(0, "1/3", "2/3"), fr("1/3", "2/3")),
    )
    assert res.payoffs == ((3, 3), (3, F(14, 5)), (4, F(8, 3)))
    assert all(r == 0 for r in res.regrets)
    assert res.components == ((0,), (1,), (2,))
    assert res.connected_components == ((0,), (1,), (2,))
    for eq in res.equilibria:
        assert eq.exact and eq.is_nash() and eq.max_regret() == 0


def test_von_stengel_degenerate_continuum():
    # von Stengel, AGT book (Nisan et al. 2007) ch. 3, degenerate variant of the 3x2 game (B's
    # top row (3, 3)): Top with any y in conv{(1,0), (2/3,1/3)} is an equilibrium, plus
    # ((0,1/3,2/3), (1/3,2/3)); the mixed (4/5,1/5,0) equilibrium disappears.
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    res = extreme_equilibria(g)
    assert eqset(res) == {
        (fr(1, 0, 0), fr(1, 0)),
        (fr(1, 0, 0), fr("2/3", "1/3")),
        (fr(0, "1/3", "2/3"), fr("1/3", "2/3")),
    }
    comps = {frozenset(res.strategies[k] for k in c) for c in res.components}
    assert comps == {
        frozenset({(fr(1, 0, 0), fr(1, 0)), (fr(1, 0, 0), fr("2/3", "1/3"))}),
        frozenset({(fr(0, "1/3", "2/3"), fr("1/3", "2/3"))}),
    }
    assert len(res.connected_components) == 2


def test_constant_game_one_big_subset():
    # Every profile is an equilibrium: the 2x3 pure pairs are the extreme equilibria, one subset.
    g = NormalFormGame.bimatrix([[0, 0, 0], [0, 0, 0]], [[5, 5, 5], [5, 5, 5]])
    res = extreme_equilibria(g)
    assert len(res) == 6
    assert res.components == ((0, 1, 2, 3, 4, 5),)
    assert res.connected_components == ((0, 1, 2, 3, 4, 5),)


def test_overlapping_subsets_one_component():
    # Row player indifferent; the column player prefers left iff x0 > x2.  The vertices of P
    # are e0, e1, e2 and h = (1/2, 0, 1/2); extreme equilibria (e0,L), (e1,L), (h,L), (e1,R),
    # (h,R), (e2,R); maximal Nash subsets {e0,e1,h} x {L}, {e1,e2,h} x {R}, {e1,h} x {L,R},
    # all in one connected component.
    A = [[0, 0], [0, 0], [0, 0]]
    B = [[1, 0], [1, 1], [0, 1]]
    res = extreme_equilibria(NormalFormGame.bimatrix(A, B))
    e0, e1, e2, h = fr(1, 0, 0), fr(0, 1, 0), fr(0, 0, 1), fr("1/2", 0, "1/2")
    L, R = fr(1, 0), fr(0, 1)
    assert eqset(res) == {(e0, L), (e1, L), (h, L), (e1, R), (h, R), (e2, R)}
    subsets = {frozenset(res.strategies[k] for k in c) for c in res.components}
    assert subsets == {
        frozenset({(e0, L), (e1, L), (h, L)}),
        frozenset({(e1, R), (e2, R), (h, R)}),
        frozenset({(e1, L), (h, L), (e1, R), (h, R)}),
    }
    assert res.connected_components == (tuple(range(6)),)


def test_matching_pennies_and_pd():
    mp = NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert extreme_equilibria(mp).strategies == ((fr("1/2", "1/2"), fr("1/2", "1/2")),)
    pd = NormalFormGame.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert extreme_equilibria(pd).strategies == ((fr(0, 1), fr(0, 1)),)


def test_singleton_actions():
    g = NormalFormGame.bimatrix([[1, 2, 2]], [[3, 1, 3]])
    assert eqset(extreme_equilibria(g)) == {(fr(1), fr(1, 0, 0)), (fr(1), fr(0, 0, 1))}
    g = NormalFormGame.bimatrix([[4]], [[-2]])
    assert extreme_equilibria(g).strategies == ((fr(1), fr(1)),)


def test_float_game_paths():
    g = NormalFormGame.bimatrix([[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]], [[3.0, 2.0], [2.0, 6.0], [3.0, 1.0]])
    res = extreme_equilibria(g)
    assert not res.exact and len(res) == 3 and res.max_regret <= 1e-9
    ex = extreme_equilibria(g, exact=True)
    assert ex.exact and ex.game.exact and len(ex) == 3
    for a, b in zip(res.strategies, ex.strategies):
        np.testing.assert_allclose(np.concatenate(a), np.array([float(v) for v in a[0] + a[1]]))
        np.testing.assert_allclose(np.concatenate(a), [float(v) for v in b[0] + b[1]], atol=1e-12)
    # decimal text: 0.1 is read as 1/10
    g2 = NormalFormGame.bimatrix([[0.1, 0.0], [0.0, 0.2]], [[0.2, 0.0], [0.0, 0.1]])
    mixed = [s for s in extreme_equilibria(g2, exact=True).strategies if 0 < s[0][0] < 1]
    assert mixed == [(fr("1/3", "2/3"), fr("2/3", "1/3"))]


def test_exact_false_on_exact_game_is_float():
    g = degenerate_game(6, 6, seed=3)
    ex = extreme_equilibria(g)
    fl = extreme_equilibria(g, exact=False)
    assert ex.exact and not fl.exact
    assert len(ex) == len(fl)
    for a, b in zip(ex.strategies, fl.strategies):
        assert [float(v) for v in a[0] + a[1]] == pytest.approx(list(b[0] + b[1]), abs=1e-12)
    assert fl.components == ex.components


def test_big_numbers_use_unbounded_integers():
    # payoffs far beyond the int64 pivoting bound: the Python-int fallback must be exact.
    g0 = degenerate_game(4, 4, seed=11)
    big = 10**15
    g = NormalFormGame.bimatrix(np.array(g0.payoffs[0]) * big + 7, np.array(g0.payoffs[1]) * F(1, big))
    assert eqset(extreme_equilibria(g)) == eqset(extreme_equilibria(g0))


def test_limits():
    g = degenerate_game(6, 6, seed=1)
    full = extreme_equilibria(g)
    res = extreme_equilibria(g, max_equilibria=2)
    assert res.status == "truncated" and len(res) == 2 and "max_equilibria" in res.message
    assert res.strategies == full.strategies[:2]
    res = extreme_equilibria(g, max_vertices=3)
    assert res.status == "truncated" and eqset(res) <= eqset(full)
    assert full.status == "ok"
    assert extreme_equilibria(g, time_limit=60).strategies == full.strategies
    big = random_game(13, seed=0)
    res = extreme_equilibria(big, time_limit=1e-6)
    assert res.status == "truncated" and "time_limit" in res.message and res.n_vertices[0] == 4096
    assert all(r <= 1e-9 for r in res.regrets)


def test_errors():
    g3 = NormalFormGame.from_arrays(np.zeros((2, 2, 2), dtype=int), np.zeros((2, 2, 2), dtype=int),
                                    np.zeros((2, 2, 2), dtype=int))
    with pytest.raises(UnsupportedError, match="two-player"):
        extreme_equilibria(g3)
    g = NormalFormGame.bimatrix([[1]], [[1]])
    with pytest.raises(InvalidInputError, match="game must be"):
        extreme_equilibria([[1]])
    with pytest.raises(InvalidInputError, match="max_equilibria"):
        extreme_equilibria(g, max_equilibria=0)
    with pytest.raises(InvalidInputError, match="max_vertices"):
        extreme_equilibria(g, max_vertices=-1)
    with pytest.raises(InvalidInputError, match="tol"):
        extreme_equilibria(g, tol=-1.0)
    with pytest.raises(InvalidInputError, match="exact"):
        extreme_equilibria(g, exact="yes")
    with pytest.raises(InvalidInputError, match="time_limit"):
        extreme_equilibria(g, time_limit=0)
    with pytest.raises(InvalidInputError, match="components"):
        extreme_equilibria(g, components="no")


def test_result_plumbing():
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    res = extreme_equilibria(g)
    d = res.to_dict(jsonable=True)
    assert d["type"] == "ExtremeEquilibriaResult" and d["components"] == [[0], [1], [2]]
    assert "ExtremeEquilibriaResult(" in repr(res)
    assert res[0].strategies[0].flags.writeable is False


# -- properties ------------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(bimatrix_games(max_actions=3, payoffs="small"))
def test_brute_force_agreement_small(game):
    assert eqset(extreme_equilibria(game)) == brute_force(game)


@settings(max_examples=40, deadline=None)
@given(degenerate_games(max_actions=3))
def test_brute_force_agreement_degenerate(game):
    assert eqset(extreme_equilibria(game)) == brute_force(game)


@settings(max_examples=40, deadline=None)
@given(bimatrix_games(max_actions=5, payoffs="any"))
def test_certified_and_pure_included(game):
    res = extreme_equilibria(game, exact=True)
    assert res.exact and res.status == "ok" and len(res) >= 1
    for eq, r, (u1, u2) in zip(res.equilibria, res.regrets, res.payoffs):
        assert r == 0 and eq.max_regret() == 0
        assert eq.payoffs() == (u1, u2)
    found = eqset(res)
    A, B = res.game.payoffs
    m, n = game.shape
    for i in range(m):
        for j in range(n):
            if A[i, j] == max(A[:, j]) and B[i, j] == max(B[i, :]):
                pure = (tuple(F(int(k == i)) for k in range(m)), tuple(F(int(k == j)) for k in range(n)))
                assert pure in found
    _check_subsets(res)


def _check_subsets(res):
    pairs = [(tuple(x), tuple(y)) for x, y in res.strategies]
    allx = {p[0] for p in pairs}
    ally = {p[1] for p in pairs}
    ps = set(pairs)
    covered = set()
    for comp in res.components:
        X = {pairs[k][0] for k in comp}
        Y = {pairs[k][1] for k in comp}
        assert {(x, y) for x in X for y in Y} == {pairs[k] for k in comp}
        assert all((x, y) in ps for x in X for y in Y)
        for x in allx - X:  # maximal
            assert not all((x, y) in ps for y in Y)
        for y in ally - Y:
            assert not all((x, y) in ps for x in X)
        covered |= set(comp)
    assert covered == set(range(len(pairs)))
    assert sorted(k for c in res.connected_components for k in c) == list(range(len(pairs)))


@settings(max_examples=30, deadline=None)
@given(degenerate_games(max_actions=4), st.randoms(use_true_random=False))
def test_permutation_and_affine_invariance(game, rnd):
    res = eqset(extreme_equilibria(game))
    m, n = game.shape
    pr = list(range(m))
    pc = list(range(n))
    rnd.shuffle(pr)
    rnd.shuffle(pc)
    A, B = (np.array(p) for p in game.payoffs)
    a, b = F(rnd.randint(1, 5), rnd.randint(1, 3)), F(rnd.randint(-5, 5), rnd.randint(1, 4))
    g2 = NormalFormGame.bimatrix((A * a + b)[np.ix_(pr, pc)], (B * 3 - 2)[np.ix_(pr, pc)])
    res2 = eqset(extreme_equilibria(g2))
    back = {(tuple(x[pr.index(i)] for i in range(m)), tuple(y[pc.index(j)] for j in range(n))) for x, y in res2}
    assert back == res
    # swapping the players transposes the equilibria
    res3 = eqset(extreme_equilibria(game.transpose()))
    assert {(y, x) for x, y in res3} == res


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(min_actions=2, max_actions=5, payoffs="float"))
def test_exact_vs_float(game):
    fl = extreme_equilibria(game)
    ex = extreme_equilibria(game, exact=True)
    assert not fl.exact and ex.exact
    assert fl.max_regret <= 1e-9 * max(1.0, *(float(abs(v)) for p in game.payoffs for v in p.reshape(-1)))
    if len(fl) == len(ex):
        for a, b in zip(fl.strategies, ex.strategies):
            assert list(a[0] + a[1]) == pytest.approx([float(v) for v in b[0] + b[1]], abs=1e-7)


def test_generic_random_exact_vs_float_seeded():
    for seed in range(5):
        g = random_game(7, seed=seed)
        fl = extreme_equilibria(g)
        ex = extreme_equilibria(g, exact=True)
        assert len(fl) == len(ex) and len(fl) % 2 == 1  # nondegenerate: odd number
        for a, b in zip(fl.strategies, ex.strategies):
            assert list(a[0] + a[1]) == pytest.approx([float(v) for v in b[0] + b[1]], abs=1e-9)


def test_kernel_py_func_twin():
    from solvers._kernels.vertex_enum import EXACT_OVF, enumerate_vertices, python_twin

    g = degenerate_game(5, 4, seed=2)
    C = np.array(g.payoffs[0], dtype=np.float64) + 1
    lab = np.concatenate([np.arange(5, 9), np.arange(5)]).astype(np.int64)
    # exact integers held in float64 (compiled) vs unbounded Python ints (py_func)
    a = enumerate_vertices(C, lab, True, 0.0, EXACT_OVF, 10**6, 0.0)
    with np.errstate(over="ignore"):  # the FNV hash wraps around in numpy uint64 scalars
        b = python_twin("enumerate_vertices")(C.astype(np.int64).astype(object), lab, True, 0, 0, 10**6, 0.0)
    assert a[0] == b[0] == 0 and a[4] == b[4] > 1 and a[5] == b[5]
    V = a[4]
    assert np.array_equal(a[1][:V], b[1][:V]) and np.array_equal(a[2][:V], b[2][:V].astype(np.float64))
    assert np.array_equal(a[3][:V], b[3][:V].astype(np.float64))
    # the float mode of the same kernel finds the same label sets on this small integer game
    c = enumerate_vertices(C, lab, False, 1e-9, 0, 10**6, 0.0)
    assert c[0] == 0 and c[4] == V
    assert {tuple(k) for k in c[1][:V]} == {tuple(k) for k in a[1][:V]}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ratio_shortcut_equals_sequential_test(seed):
    """The walk's ratio-test shortcut (least ratio as the largest ``T[s] / rhs``, taken only
    when clearly separated) makes the decisions of the sequential lexicographic test: the
    compiled walk (shortcut, integers in float64) and the Python twin on Python ints (object
    arrays: always the sequential test) visit the same bases in the same order; so does the
    float walk on the same (nondegenerate) integer game."""
    from solvers._kernels.vertex_enum import EXACT_OVF, enumerate_vertices, python_twin

    g = random_game(7, seed=seed, low=1, high=9, integer=True)
    C = np.ascontiguousarray(np.array(g.payoffs[1], dtype=np.float64).T)
    lab = np.arange(14, dtype=np.int64)
    a = enumerate_vertices(C, lab, True, 0.0, EXACT_OVF, 10**6, 0.0)
    with np.errstate(over="ignore"):
        b = python_twin("enumerate_vertices")(C.astype(np.int64).astype(object), lab, True, 0, 0, 10**6, 0.0)
    c = enumerate_vertices(C, lab, False, 1e-9, 0, 10**6, 1e-7)
    V = a[4]
    assert a[0] == b[0] == c[0] == 0 and V == b[4] == c[4] > 20 and a[5] == b[5] == c[5]
    assert np.array_equal(a[1][:V], b[1][:V]) and np.array_equal(a[1][:V], c[1][:V])
    assert np.array_equal(a[2][:V], b[2][:V].astype(np.float64))
    assert np.allclose(c[2][:V] / c[3][:V, None], a[2][:V] / a[3][:V, None], rtol=0, atol=1e-12)


def _shared_tables(cap: int, W: int):
    return (np.zeros((cap, W), np.uint64), np.full(2 * cap, -1, np.int64), np.zeros((cap, W), np.uint64),
            np.full(2 * cap, -1, np.int64), np.zeros(1, np.int64))


def _walk_game(fam: int, rng):
    """A float polytope ``C`` (normalized ``B^T``) of a seeded game: generic, {0,1,2}-payoffs
    (degenerate), or with a duplicated row; its labels."""
    from solvers._scale import normalized
    from solvers.extreme import _labels

    m, n = (int(v) for v in rng.integers(4, 7, 2))
    if fam == 1:
        A, B = rng.integers(0, 3, (m, n)).astype(float), rng.integers(0, 3, (m, n)).astype(float)
        B[0, 0] = 7.0  # (not constant)
    else:
        A, B = rng.random((m, n)), rng.random((m, n))
        if fam == 2:
            B[1] = B[0]
    return np.ascontiguousarray(normalized(B).T), _labels(m, n)[0]


@pytest.mark.parametrize("fam", [0, 1, 2])
def test_shared_walk_interleaved_twins_complete(fam):
    """Two threads walking one polytope, each skipping the bases the other has recorded
    (``enumerate_vertices_shared``): run as Python twins in two threads that hand the GIL to
    each other every few lines, so they really interleave (and race), their merged vertices are
    exactly the single walk's (label sets and coordinates), and on generic games both threads
    did part of the work; on degenerate games both stop at the first degenerate basis (the
    caller then walks alone).  (Each thread's trace function sleeps every 16
    events, so the walks interleave even on a loaded machine.)"""
    import sys
    import threading
    import time

    from solvers._kernels.vertex_enum import enumerate_vertices, python_twin
    from solvers.extreme import _merge_walks

    twin = python_twin("enumerate_vertices_shared")
    rng = np.random.default_rng(10 + fam)
    both = stops = 0
    for _ in range(6):
        C, lab = _walk_game(fam, rng)
        ref = enumerate_vertices(C, lab, False, 1e-9, 0, 10**6, 1e-7)
        assert ref[0] == 0
        ka, ta, kb, tb, stop = _shared_tables(4096, 1)
        out = [None, None]
        bar = threading.Barrier(2)

        def run(i, args):
            lines = [0]

            def yield_often(frame, event, arg):  # hand the GIL over every 16 trace events
                lines[0] += 1
                if lines[0] % 16 == 0:
                    time.sleep(0)
                return yield_often

            bar.wait()
            sys.settrace(yield_often)
            try:
                with np.errstate(all="ignore"):
                    out[i] = twin(C, lab, 1e-9, 10**6, 1e-7, i == 1, *args, stop)
            finally:
                sys.settrace(None)

        th = [threading.Thread(target=run, args=(0, (ka, ta, kb, tb))),
              threading.Thread(target=run, args=(1, (kb, tb, ka, ta)))]
        for t in th:
            t.start()
        for t in th:
            t.join()
        if stop[0]:
            # a degenerate basis: the shared walks stop (the caller then walks alone)
            assert out[0][6] + out[1][6] > 0
            stops += 1
            continue
        both += out[0][5] > 1 and out[1][5] > 1
        st, keys, num, den, amb = _merge_walks(out[0], out[1])
        V = ref[4]
        assert st == 0 and amb == ref[6] == 0
        assert len(keys) == V and len({tuple(k) for k in keys.tolist()}) == V
        pos = {tuple(k): i for i, k in enumerate(ref[1][:V].tolist())}
        idx = np.array([pos[tuple(k)] for k in keys.tolist()])
        assert np.allclose(num / den[:, None], ref[2][idx] / ref[3][idx, None], rtol=0, atol=1e-12)
    if fam == 0:
        assert stops == 0 and both >= 4, both
    elif fam == 1:
        assert stops == 6


def test_shared_walk_never_skips_on_a_half_written_table():
    """The race the shared walk tolerates (no atomics): the other thread's slots visible before
    the keys they index.  Half the slots of the other table filled, every key row still zero: the
    walk must skip nothing and visit exactly the single walk's bases and vertices."""
    from solvers._kernels.vertex_enum import enumerate_vertices, enumerate_vertices_shared

    for seed in range(3):
        C, lab = _walk_game(0, np.random.default_rng(100 + seed))
        ref = enumerate_vertices(C, lab, False, 1e-9, 0, 10**6, 1e-7)
        ka, ta, kb, tb, stop = _shared_tables(1024, 1)
        # every other slot (a table is at most half full: probing ends at an empty slot) points
        # at a key row that is still zero
        tb[::2] = np.arange(len(tb) // 2) % len(kb)
        out = enumerate_vertices_shared(C, lab, 1e-9, 10**6, 1e-7, False, ka, ta, kb, tb, stop)
        V = ref[4]
        assert out[0] == ref[0] == 0 and stop[0] == 0 and out[4] == V and out[5] == ref[5]
        assert sorted(map(tuple, out[1][:V].tolist())) == sorted(map(tuple, ref[1][:V].tolist()))


def test_shared_walk_full_table_and_wide_keys():
    """A shared walk whose preallocated table is too small stops with status 5 (the caller
    then walks alone); label keys of several words merge too (``m + n > 64``)."""
    from solvers._kernels.vertex_enum import enumerate_vertices_shared, python_twin
    from solvers.extreme import _merge_walks

    C, lab = _walk_game(0, np.random.default_rng(3))
    tables = _shared_tables(4, 1)
    assert enumerate_vertices_shared(C, lab, 1e-9, 10**6, 1e-7, False, *tables)[0] == 5 and tables[4][0] == 1
    # alone (the other table empty), compiled and Python twin walk alike
    a = enumerate_vertices_shared(C, lab, 1e-9, 10**6, 1e-7, True, *_shared_tables(256, 1))
    with np.errstate(all="ignore"):
        b = python_twin("enumerate_vertices_shared")(C, lab, 1e-9, 10**6, 1e-7, True, *_shared_tables(256, 1))
    V = a[4]
    assert a[0] == b[0] == 0 and V == b[4] > 5 and a[5] == b[5] and a[6] == b[6] == 0
    assert np.array_equal(a[1][:V], b[1][:V]) and np.array_equal(a[2][:V], b[2][:V])
    keys = np.array([[1, 5], [2, 5], [3, 6]], np.uint64)
    a = (0, keys[:2], np.ones((2, 2)), np.ones(2), 2, 2, 0)
    b = (0, keys[1:], np.full((2, 2), 2.0), np.ones(2), 2, 2, 1)
    st, k, num, den, amb = _merge_walks(a, b)
    assert st == 0 and amb == 1 and k.tolist() == keys.tolist() and num[:, 0].tolist() == [1.0, 1.0, 2.0]


@pytest.mark.parametrize("n", [11, 12])
def test_threaded_walk_same_result(n, monkeypatch):
    """``extreme_equilibria`` on float games with the threaded walk (forced on) and alone:
    the same equilibria in the same order, components and vertex counts."""
    import solvers.extreme as E

    merged = []
    merge = E._merge_walks
    monkeypatch.setattr(E, "_merge_walks", lambda oa, ob: merged.append(1) or merge(oa, ob))
    for seed in range(3):
        g = random_game(n, seed=seed)
        monkeypatch.setattr(E, "_threads_ok", lambda: True)
        a = extreme_equilibria(g)
        monkeypatch.setattr(E, "_threads_ok", lambda: False)
        b = extreme_equilibria(g)
        assert a.arithmetic == b.arithmetic == "float" and a.status == b.status == "ok"
        assert len(a) == len(b) > 0 and a.n_vertices == b.n_vertices and a.components == b.components
        for (x1, y1), (x2, y2) in zip(a.strategies, b.strategies):
            assert np.allclose(x1, x2, atol=1e-12) and np.allclose(y1, y2, atol=1e-12)
    if not merged:  # the worker never started (a busy machine): nothing was compared
        pytest.skip("the threaded walk's worker did not run")


def test_generic_float_stays_float():
    """A generic float game whose walk meets close but clearly decided ratios (seed 18: the
    walk used to flag them ambiguous and redo the game exactly, about 1 s) stays on the float
    path, with the equilibria of the exact computation."""
    g = random_game(10, seed=18)
    fl = extreme_equilibria(g)
    assert fl.arithmetic == "float" and fl.status == "ok"
    ex = extreme_equilibria(g, exact=True)
    assert len(fl) == len(ex) == 3
    for a, b in zip(fl.strategies, ex.strategies):
        assert list(a[0] + a[1]) == pytest.approx([float(v) for v in b[0] + b[1]], abs=1e-12)


def test_modular_float_images_exact_sign():
    """``_val_mod`` / ``_col_vals`` (the modular walk's ratio-test shortcut): the float image of
    an integer given by its residues has the exact sign, is 0.0 exactly for 0, and is within a
    relative 1e-14 of the integer (checked against Python ints, down to +-1 and up to P / 2)."""
    import random

    from solvers import extreme as ext
    from solvers._kernels.vertex_enum import _col_vals, _val_mod

    C = [[random.Random(k).randint(1, 10**6) for _ in range(9)] for k in range(9)]
    pr, prn, invp, ginv, halfs, _ = ext._modular_setup(C)
    half = halfs[len(pr)]
    P = math.prod(pr)
    rnd = random.Random(7)
    vals = [0, 1, -1, 2, -2, P // 2, -(P // 2), (P // 2) - 1]
    vals += [rnd.randint(-(10 ** rnd.randint(1, len(str(P)) - 1)), 10 ** rnd.randint(1, len(str(P)) - 1))
             for _ in range(300)]
    vals = [v for v in vals if abs(v) <= P // 2]
    res = np.array([[v % p for p in pr] for v in vals], dtype=np.int64)
    dig = np.zeros(len(pr), dtype=np.int64)
    col = np.zeros(len(vals))
    # the walk's tableau layout: (column, prime, row)
    T = np.ascontiguousarray(res.T)[None, :, :]
    _col_vals(T, 0, col, np.zeros((len(pr), len(vals)), np.int64), len(pr), prn, invp, ginv, halfs)
    for v, x, c in zip(vals, res, col):
        f = _val_mod(x, dig, prn, invp, ginv, half)
        assert f == c
        assert (f > 0) == (v > 0) and (f < 0) == (v < 0) and (f == 0) == (v == 0)
        assert abs(F(f) - v) <= F(1, 10**14) * abs(v)


def test_exact_float64_bound_reports_overflow():
    # entries past EXACT_OVF would make float64 products inexact: status 2, never a wrong answer
    from solvers._kernels.vertex_enum import enumerate_vertices, partners

    rng = np.random.default_rng(1)
    C = rng.integers(1, 10**6, (8, 8)).astype(np.float64)
    lab = np.arange(16, dtype=np.int64)
    assert enumerate_vertices(C, lab, True, 0.0, 1 << 26, 10**6, 0.0)[0] == 2
    small = rng.integers(1, 4, (8, 8)).astype(np.float64)
    st, pk, _, _, V, _, _ = enumerate_vertices(small, lab, True, 0.0, 1 << 26, 10**6, 0.0)
    assert st == 0
    assert partners(pk[:V], C, True, 0.0, 1 << 26, 0.0, 64)[0] in (2, 3)


def test_partners_and_match_py_func_twins():
    from solvers._kernels.vertex_enum import EXACT_OVF, enumerate_vertices, match_pairs, partners, python_twin

    # the last game has more than 64 vertices in P and partners in Q (the arrays grow)
    for g in (degenerate_game(5, 5, seed=7), random_game((4, 6), seed=3, low=0, high=9, integer=True),
              random_game((9, 9), seed=1, low=0, high=9, integer=True)):
        m, n = g.shape
        A = np.array(g.payoffs[0], dtype=np.float64) + 1
        B = np.array(g.payoffs[1], dtype=np.float64) + 1
        lab_p = np.arange(m + n, dtype=np.int64)
        lab_q = np.concatenate([np.arange(m, m + n), np.arange(m)]).astype(np.int64)
        r = enumerate_vertices(np.ascontiguousarray(B.T), lab_p, True, 0.0, EXACT_OVF, 10**6, 0.0)
        pk = r[1][: r[4]]
        r = enumerate_vertices(A, lab_q, True, 0.0, EXACT_OVF, 10**6, 0.0)
        qk = r[1][: r[4]]
        a = partners(pk, A, True, 0.0, EXACT_OVF, 0.0, 64)
        with np.errstate(over="ignore"):
            b = python_twin("partners")(pk, A.astype(np.int64).astype(object), True, 0, 0, 0.0, 64)
            pk_obj = python_twin("enumerate_vertices")(np.ascontiguousarray(B.T).astype(np.int64).astype(object),
                                                       lab_p, True, 0, 0, 10**6, 0.0)
        assert pk_obj[4] == len(pk) and np.array_equal(pk_obj[1][: len(pk)], pk)
        assert a[0] == b[0] and a[2] == b[2] and a[6] == b[6]
        assert np.array_equal(a[1][: a[2]], b[1][: b[2]])
        for u, v in zip(a[3:6], b[3:6]):
            assert np.array_equal(u[: a[6]], np.asarray(v[: a[6]]).astype(u.dtype))
        mp, cnt = match_pairs(pk, qk, m, n)
        with np.errstate(over="ignore"):
            mp2, cnt2 = python_twin("match_pairs")(pk, qk, m, n)
        assert cnt == cnt2 > 0 and np.array_equal(mp[:cnt], mp2[:cnt2])
        if a[0] == 0:  # the face solves found exactly the pairs that matching label sets finds
            full = {(int(p), tuple(qk[q])) for p, q in mp[:cnt]}
            assert {(int(p), tuple(a[3][q])) for p, q in a[1][: a[2]]} == full


def test_partners_mod_equals_integer_partners():
    """The modular face solves (``partners_mod``: determinants and Cramer numerators modulo the
    primes of ``Q``, signs by Garner) make exactly the decisions of the integer ``partners``:
    the same status, pairs and label sets, and the same ``y`` (numerators / denominator) after
    the Chinese remainder theorem; degenerate games included (status 3 on both)."""
    import solvers.extreme as ext
    from solvers._kernels.vertex_enum import EXACT_OVF, enumerate_vertices, partners, partners_mod

    statuses = set()
    games = [degenerate_game(5, 5, seed=7), random_game((4, 6), seed=3, low=0, high=9, integer=True),
             random_game((9, 9), seed=1, low=0, high=9, integer=True),
             random_game((7, 5), seed=2, low=0, high=99, integer=True)]
    games += [degenerate_game(6, 6, seed=s) for s in range(4)]
    for g in games:
        m, n = g.shape
        Ai, *_ = ext._integerize(g.as_exact().integer_payoffs()[0], (m, n))
        Bi, *_ = ext._integerize(g.as_exact().integer_payoffs()[1], (m, n))
        A = np.array(Ai, dtype=np.float64)
        lab_p, _ = ext._labels(m, n)
        Cp = np.ascontiguousarray(np.array(Bi, dtype=np.float64).T)
        r = enumerate_vertices(Cp, lab_p, True, 0.0, EXACT_OVF, 10**6, 0.0)
        pk = r[1][: r[4]]
        a = partners(pk, A, True, 0.0, EXACT_OVF, 0.0, 64)
        pr, prn, invp, ginv, halfs, kneed = ext._modular_setup(Ai)
        res = np.array([[[v % p for p in pr] for v in row] for row in Ai], dtype=np.int64)
        b = partners_mod(pk, res, ext._below(Ai), prn, invp, ginv, halfs, kneed, 64)
        statuses.add(a[0])
        assert a[0] == b[0]
        if a[0] != 0:
            continue
        assert a[2] == b[2] > 0 and np.array_equal(a[1][: a[2]], b[1][: b[2]])
        assert a[6] == b[6] and np.array_equal(a[3][: a[6]], b[3][: b[6]])
        for q in range(a[6]):
            kp = b[7][q]  # y number q is known modulo its first kp primes
            den = ext._crt(b[5][q][:kp], pr[:kp])
            assert den > 0
            ys = [F(ext._crt(b[4][q, j][:kp], pr[:kp]), den) for j in range(n)]
            assert ys == [F(int(v), int(a[5][q])) for v in a[4][q]]
    assert statuses == {0, 3}


@pytest.mark.parametrize("seed", range(3))
def test_modular_prime_counts_change_no_decision(seed):
    """The modular walk reads its ratio-test images, and ``partners_mod`` solves its systems,
    modulo only the first ``kneed[t]`` primes (``t``: the largest order of the minors involved);
    with every prime used instead the bases, label sets, vertices and pairs are identical."""
    import solvers.extreme as ext
    from solvers._kernels.vertex_enum import enumerate_vertices_mod, partners_mod

    rng = np.random.default_rng(seed)
    m, n = 8, 7
    Ai = (rng.integers(0, 10**4, (m, n)) + 1).tolist()
    Bi = (rng.integers(0, 10**4, (m, n)) + 1).tolist()
    Cp = [[Bi[i][j] for i in range(m)] for j in range(n)]
    lab_p, _ = ext._labels(m, n)
    pr, prn, invp, ginv, halfs, kneed = ext._modular_setup(Cp)
    K = len(pr)
    assert kneed[0] == 1 and kneed[-1] == K and np.all(np.diff(kneed) >= 0) and kneed[2] < K
    res = np.array([[[v % p for p in pr] for v in row] for row in Cp], dtype=np.int64)
    a = enumerate_vertices_mod(res, lab_p, prn, invp, ginv, halfs, kneed, 10**6)
    b = enumerate_vertices_mod(res, lab_p, prn, invp, ginv, halfs, np.full_like(kneed, K), 10**6)
    V = a[4]
    assert a[0] == b[0] == 0 and V == b[4] > 50 and a[5] == b[5]
    for u, v in zip(a[1:4], b[1:4]):
        assert np.array_equal(u[:V], v[:V])
    pq, pnq, ipq, giq, hq, knq = ext._modular_setup(Ai)
    resq = np.array([[[v % p for p in pq] for v in row] for row in Ai], dtype=np.int64)
    lt = ext._below(Ai)
    c = partners_mod(a[1][:V], resq, lt, pnq, ipq, giq, hq, knq, 64)
    d = partners_mod(a[1][:V], resq, lt, pnq, ipq, giq, hq, np.full_like(knq, len(pq)), 64)
    assert c[0] == d[0] == 0 and c[2] == d[2] > 0 and c[6] == d[6]
    assert np.array_equal(c[1][: c[2]], d[1][: d[2]]) and np.array_equal(c[3][: c[6]], d[3][: d[6]])
    assert min(c[7][: c[6]]) < len(pq) and set(d[7][: d[6]]) == {len(pq)}
    for q in range(c[6]):
        kp = c[7][q]
        assert np.array_equal(c[4][q, :, :kp], d[4][q, :, :kp]) and np.array_equal(c[5][q, :kp], d[5][q, :kp])


def test_modular_kernels_equal_python_twins():
    """``enumerate_vertices_mod`` and ``partners_mod`` compiled and as Python twins (the tier
    that runs first on small games) return the same arrays."""
    import solvers.extreme as ext
    from solvers._kernels.vertex_enum import enumerate_vertices_mod, partners_mod, python_twin

    rng = np.random.default_rng(11)
    m, n = 5, 6
    Ai = (rng.integers(0, 10**5, (m, n)) + 1).tolist()
    Bi = (rng.integers(0, 10**5, (m, n)) + 1).tolist()
    Cp = [[Bi[i][j] for i in range(m)] for j in range(n)]
    lab_p, _ = ext._labels(m, n)
    setup = ext._modular_setup(Cp)[1:]
    res = np.array([[[v % p for p in setup[0]] for v in row] for row in Cp], dtype=np.int64)
    a = enumerate_vertices_mod(res, lab_p, *setup, 10**6)
    with np.errstate(over="ignore"):
        b = python_twin("enumerate_vertices_mod")(res, lab_p, *setup, 10**6)
    V = a[4]
    assert a[0] == b[0] == 0 and V == b[4] > 10 and a[5] == b[5]
    for u, v in zip(a[1:4], b[1:4]):
        assert np.array_equal(u[:V], v[:V])
    sq = ext._modular_setup(Ai)[1:]
    resq = np.array([[[v % p for p in sq[0]] for v in row] for row in Ai], dtype=np.int64)
    c = partners_mod(a[1][:V], resq, ext._below(Ai), *sq, 256)
    with np.errstate(over="ignore"):
        d = python_twin("partners_mod")(a[1][:V], resq, ext._below(Ai), *sq, 256)
    assert c[0] == d[0] == 0 and c[2] == d[2] > 0 and c[6] == d[6]
    assert np.array_equal(c[1][: c[2]], d[1][: d[2]])
    for u, v in zip(c[3:6], d[3:6]):
        assert np.array_equal(u[: c[6]], v[: c[6]])
    assert np.array_equal(c[7][: c[6]], d[7][: c[6]])


def test_dominated_row_prune():
    """``_dominated`` (the partner solves skip a vertex of ``P`` whose support has a row strictly
    below another row on every best-response column: no ``y`` on those columns makes that row a
    best response) against a direct check; ``_below`` builds the bit sets from integers,
    beyond 64 columns too."""
    import random

    import solvers.extreme as ext
    from solvers._kernels.vertex_enum import _dominated

    rnd = random.Random(5)
    for m, n in ((4, 3), (6, 6), (3, 70)):
        M = [[rnd.randint(0, 4) for _ in range(n)] for _ in range(m)]
        lt = ext._below(M)
        for _ in range(200):
            S = rnd.sample(range(m), rnd.randint(1, m))
            T = rnd.sample(range(n), rnd.randint(1, n))
            want = any(all(M[i][j] < M[i2][j] for j in T) for i in S for i2 in range(m) if i2 != i)
            got = _dominated(np.array(S, dtype=np.int64), len(S), np.array(T, dtype=np.int64), len(T), lt,
                             np.zeros(lt.shape[2], np.uint64))
            assert got == want


def test_exact_certificate_vectorized_equals_kernel_twin():
    # every pair of vertices of P x Q of a degenerate game: the numpy certificate (integers in
    # float64) accepts exactly the pairs the pure-Python certify_pairs accepts, i.e. exactly
    # the completely labeled pairs that extreme_equilibria returns
    import solvers.extreme as ext
    from solvers._kernels.vertex_enum import EXACT_OVF, enumerate_vertices, python_twin

    g = degenerate_game(5, 5, seed=3)
    m, n = g.shape
    Ai, *_ = ext._integerize(g.as_exact().integer_payoffs()[0], (m, n))
    Bi, *_ = ext._integerize(g.as_exact().integer_payoffs()[1], (m, n))
    A = np.array(Ai, dtype=np.float64)
    B = np.array(Bi, dtype=np.float64)
    lab_p, lab_q = ext._labels(m, n)
    rp = enumerate_vertices(np.ascontiguousarray(B.T), lab_p, True, 0.0, EXACT_OVF, 10**6, 0.0)
    rq = enumerate_vertices(A, lab_q, True, 0.0, EXACT_OVF, 10**6, 0.0)
    P, Q = rp[4], rq[4]
    pairs = np.array([(p, q) for p in range(P) for q in range(Q)], dtype=np.int64)
    fast = ext._certify_exact_float(A, B, rp[2][:P], rp[3][:P], rq[2][:Q], rq[3][:Q], pairs)
    slow = python_twin("certify_pairs")(ext._obj(Ai), ext._obj(Bi), ext._int_obj(rp[2][:P]), ext._int_obj(rp[3][:P]),
                                        ext._int_obj(rq[2][:Q]), ext._int_obj(rq[3][:Q]), pairs, len(pairs))
    assert np.array_equal(fast, slow) and 0 < fast.sum() < len(pairs)
    # the same vectorized check on object arrays of Python ints (the modular and Python-int paths)
    io = ext._int_obj
    obj = ext._certify_exact_float(ext._obj(Ai), ext._obj(Bi), io(rp[2][:P]), io(rp[3][:P]), io(rq[2][:Q]),
                                   io(rq[3][:Q]), pairs)
    assert obj.dtype == np.bool_ and np.array_equal(obj, slow)
    found = {(tuple(F(int(v), int(rp[2][p].sum())) for v in rp[2][p]),
              tuple(F(int(v), int(rq[2][q].sum())) for v in rq[2][q])) for p, q in pairs[fast]}
    assert found == eqset(extreme_equilibria(g))


# -- anchors ---------------------------------------------------------------------------------
def _gambit_set(game):
    gbt = pytest.importorskip("pygambit")
    A = [[int(v) if F(v).denominator == 1 else F(v) for v in row] for row in np.array(game.payoffs[0]).tolist()]
    B = [[int(v) if F(v).denominator == 1 else F(v) for v in row] for row in np.array(game.payoffs[1]).tolist()]
    g = gbt.Game.from_arrays(A, B)
    res = gbt.nash.enummixed_solve(g, rational=True)
    m = game.shape[0]
    out = set()
    for e in res.equilibria:
        vals = [F(str(v)) for _, v in e]
        out.add((tuple(vals[:m]), tuple(vals[m:])))
    return out


def _anchor_games():
    games = []
    for seed in range(4):
        games.append(degenerate_game(6, 6, seed=seed))
        games.append(duplicated_rows_game(6, 5, seed=seed))
        games.append(random_game((5, 6), seed=seed, low=0, high=20, integer=True))
    games.append(degenerate_game(8, 8, seed=0))
    return games


@pytest.mark.anchor
@pytest.mark.parametrize("k", range(13))
def test_equal_to_gambit_enummixed(k):
    pytest.importorskip("pygambit")
    game = _anchor_games()[k]
    assert eqset(extreme_equilibria(game)) == _gambit_set(game)


@pytest.mark.anchor
@pytest.mark.parametrize("k", range(13))
def test_equal_to_lrsnash(k, lrsnash):
    game = _anchor_games()[k]
    assert eqset(extreme_equilibria(game)) == lrsnash(game.payoffs[0].tolist(), game.payoffs[1].tolist())


@pytest.mark.anchor
@pytest.mark.parametrize("seed", range(3))
def test_large_integers_modular_vs_lrsnash(seed, lrsnash):
    # int payoffs 0..100 at 9x9 overflow the int64 pivoting: multi-modular exact pivoting
    game = random_game(9, seed=seed, low=0, high=100, integer=True)
    res = extreme_equilibria(game)
    assert res.exact and all(eq.max_regret() == 0 for eq in res.equilibria)
    assert eqset(res) == lrsnash(game.payoffs[0].tolist(), game.payoffs[1].tolist())


@pytest.mark.anchor
@pytest.mark.parametrize("seed,high", [(0, 1000), (1, 1000), (2, 10**6)])
def test_large_payoffs_10x10_modular_vs_lrsnash(seed, high, lrsnash):
    # payoffs 0..999 / 0..10^6 at 10x10 overflow int64: exact multi-modular pivoting, which
    # must give exactly lrsnash's set with exact certificates (was ~20x slower in Python ints)
    rng = np.random.default_rng(seed)
    game = NormalFormGame.bimatrix(rng.integers(0, high, (10, 10)), rng.integers(0, high, (10, 10)))
    res = extreme_equilibria(game)
    assert res.arithmetic == "modular" and res.status == "ok"
    assert res.exact and all(r == 0 for r in res.regrets) and all(eq.max_regret() == 0 for eq in res.equilibria)
    assert eqset(res) == lrsnash(game.payoffs[0].tolist(), game.payoffs[1].tolist())


@pytest.mark.anchor
@pytest.mark.parametrize("seed", range(3))
def test_large_degenerate_modular_vs_lrsnash(seed, monkeypatch, lrsnash):
    # degenerate games (ties, continua) scaled to large payoffs, forced through the modular walk
    import solvers.extreme as ext

    base = degenerate_game(6, 6, seed=seed) if seed % 2 else duplicated_rows_game(6, 5, seed=seed)
    A = np.array(base.payoffs[0]).astype(object) * 1000003 + 7
    B = np.array(base.payoffs[1]).astype(object) * 999983 + 11
    game = NormalFormGame.bimatrix(A, B)
    monkeypatch.setattr(ext, "_OVF", 0)
    res = extreme_equilibria(game)
    assert res.arithmetic == "modular"
    assert eqset(res) == lrsnash(game.payoffs[0].tolist(), game.payoffs[1].tolist())
    monkeypatch.setattr(ext, "_modular_core", lambda *a, **k: None)
    slow = extreme_equilibria(game)
    assert slow.arithmetic == "python-int"
    assert slow.strategies == res.strategies and slow.components == res.components


@pytest.mark.parametrize("seed", range(4))
def test_modular_small_primes_exact_or_fallback(seed, monkeypatch):
    # with primes near 100 a basis determinant is often divisible by one of them: the walk must
    # then fall back to Python integers; either way the answer equals the int64 one
    import solvers.extreme as ext

    g = degenerate_game(5, 6, seed=seed) if seed % 2 else random_game((6, 5), seed=seed, low=0, high=9, integer=True)
    base = extreme_equilibria(g)
    assert base.arithmetic == "int64"
    small = [p for p in range(97, 4, -1) if all(p % q for q in range(2, int(p**0.5) + 1))]
    monkeypatch.setattr(ext, "_OVF", 0)
    monkeypatch.setattr(ext, "_primes", lambda count: small[:count])
    res = extreme_equilibria(g)
    assert res.arithmetic == ("modular" if seed % 2 else "python-int")  # seeds 0, 2 hit a prime
    assert res.strategies == base.strategies and res.components == base.components
    assert res.payoffs == base.payoffs


def test_modular_sign_exact():
    # the Garner sign test on residues, against Python integers, near 0 and near +-P/2
    import math
    import random

    import solvers.extreme as ext
    from solvers._kernels.vertex_enum import _sign_mod

    pr, prn, invp, ginv, halfs, _ = ext._modular_setup([[1000] * 8 for _ in range(8)])
    P = math.prod(pr)
    rnd = random.Random(0)
    vals = [0, 1, -1, P // 2 - 1, -(P // 2 - 1), P // 4, -(P // 4)]
    vals += [rnd.randint(-(P // 2) + 1, P // 2 - 1) for _ in range(300)]
    vals += [rnd.randint(-(10**6), 10**6) for _ in range(300)]
    for v in vals:
        x = np.array([v % p for p in pr], dtype=np.int64)
        assert _sign_mod(x, len(pr), np.zeros(len(pr), np.int64), prn, invp, ginv, halfs) == (v > 0) - (v < 0)
    for v in vals[:50]:
        assert ext._crt(np.array([v % p for p in pr], dtype=np.int64), pr) == v
    res = np.array([[v % p for p in pr] for v in vals], dtype=np.int64)
    assert ext._crt_rows(res, pr).tolist() == vals


@pytest.mark.parametrize("seed", range(4))
def test_arithmetic_paths_agree(seed, monkeypatch):
    import solvers.extreme as ext

    g = degenerate_game(5, 6, seed=seed) if seed % 2 else random_game((6, 5), seed=seed, low=0, high=9, integer=True)
    base = extreme_equilibria(g)
    assert base.arithmetic == "int64"
    monkeypatch.setattr(ext, "_OVF", 0)  # pretend int64 would overflow
    fl = extreme_equilibria(g)
    assert fl.arithmetic == "modular"
    monkeypatch.setattr(ext, "_modular_core", lambda *a, **k: None)
    big = extreme_equilibria(g)
    assert big.arithmetic == "python-int"
    for r in (fl, big):
        assert r.strategies == base.strategies and r.components == base.components
        assert r.payoffs == base.payoffs


@pytest.mark.heavy
@pytest.mark.anchor
def test_heavy_degenerate_8x8_vs_gambit():
    pytest.importorskip("pygambit")
    for seed in range(3 * HEAVY_SCALE):
        game = degenerate_game(8, 8, seed=100 + seed)
        assert eqset(extreme_equilibria(game)) == _gambit_set(game)
