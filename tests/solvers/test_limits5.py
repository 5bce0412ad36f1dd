"""Time limits of the exponential and exact paths of the equilibrium core (issue 3: "exponential
algorithms take limits ... and say in the result that the answer is incomplete instead of
hanging").  Each limit: bad values are rejected naming the parameter, a tiny limit on an input
that needs far longer stops fast with ``status="truncated"``, and what is returned is correct."""

from __future__ import annotations

import ast
import math
import time
from fractions import Fraction as F

import numpy as np
import pytest

from solvers import NormalFormGame, eliminate_dominated, generators, is_dominated, zero_sum_solve
from solvers._exact_lp import exact_lp, solve_lp
from solvers.complementary_pivoting import lemke_howson
from solvers.correlated import (
    _constraint_rows,
    _highs_ce,
    coarse_correlated_equilibrium,
    correlated_equilibrium,
    incentive_violation,
)
from solvers.errors import InvalidInputError

BAD_LIMITS = [-1, 0, math.nan, math.inf, "x", True]


def _limit_error(call, name="time_limit"):
    for bad in BAD_LIMITS:
        with pytest.raises(InvalidInputError, match=name):
            call(bad)


# --------------------------------------------------------------------------------------------
# Lemke-Howson


def test_lemke_howson_time_limit_rejects_bad_values():
    g = NormalFormGame.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    _limit_error(lambda v: lemke_howson(g, time_limit=v))


def _timed_out_labels(message):
    # "time_limit=... s reached: path(s) from label(s) [a, b, ...] stopped or not started"
    part = message.split("time_limit=")[1].split("label(s) ")[1]
    return set(ast.literal_eval(part[:part.index("]") + 1]))


def test_lemke_howson_exact_hard_game_stops_at_time_limit():
    # Savani & von Stengel (2006): every path of the exact 16x16 hard game is >= 2 (F(14) - 1)
    # = 752 pivots long, label 0's 121,392; the float path breaks down (round-off) and the
    # exact recomputation by integer pivoting took 30-50 s before it could be bounded
    g = generators.hard_game(16)
    t0 = time.perf_counter()
    r = lemke_howson(g, time_limit=0.05)
    assert time.perf_counter() - t0 < 3.0
    assert r.status == "truncated" and "time_limit=0.05" in r.message
    assert r.equilibria == () and r.params["time_limit"] == 0.05
    assert r.exact


def test_lemke_howson_all_labels_partial_result_is_certified():
    # hard_game(12) (unique equilibrium, completely mixed): the 24 exact paths need seconds; with
    # half a second some are done, each certified exactly, and the message names the others
    g = generators.hard_game(12)
    t0 = time.perf_counter()
    r = lemke_howson(g, "all", time_limit=0.5)
    assert time.perf_counter() - t0 < 4.0
    assert r.status == "truncated" and "time_limit=0.5" in r.message
    assert len(r.equilibria) <= 1
    for eq, reg in zip(r.equilibria, r.regrets):
        assert reg == 0 and eq.is_nash()
        assert all(isinstance(v, F) and v > 0 for s in eq.strategies for v in s)
    found = {lab for labs in r.labels for lab in labs}
    assert found | _timed_out_labels(r.message) == set(range(24))
    assert not found & _timed_out_labels(r.message)


def test_lemke_howson_float_dense_path_stops_at_time_limit():
    # a 300x300 game whose path from label 0 is 132,171 pivots (seconds, dense tableaux): the
    # path is followed in slices and the clock read in between
    g = generators.random_game((300, 300), 1)
    lemke_howson(generators.random_game((100, 100), 4), 0, time_limit=60.0)  # (compile the slices)
    t0 = time.perf_counter()
    r = lemke_howson(g, 0, time_limit=0.05)
    assert time.perf_counter() - t0 < 5.0  # (loose for loaded machines: the status shows the stop)
    assert r.status == "truncated" and "time_limit=0.05" in r.message and r.equilibria == ()


def test_lemke_howson_generous_limit_changes_nothing():
    # a 1,634-pivot dense path (100x100, label 0) and the capped heuristic, sliced or not:
    # the same pivots and the same equilibrium
    for g, lab in ((generators.random_game((100, 100), 4), 0), (generators.random_game((60, 60), 2), None),
                   (generators.hard_game(10), 3)):
        a = lemke_howson(g, lab)
        b = lemke_howson(g, lab, time_limit=600)
        assert a.ok and b.ok and a.message == b.message
        assert a.path_lengths == b.path_lengths and a.total_pivots == b.total_pivots
        assert all(np.array_equal(np.asarray(u, dtype=object), np.asarray(v, dtype=object))
                   for p, q in zip(a.equilibria, b.equilibria) for u, v in zip(p.strategies, q.strategies))


# --------------------------------------------------------------------------------------------
# correlated equilibria and the exact LP layer



def _ce_gains(g, dist):
    # max gain of a CE deviation j -> k of a two-player game, by plain loops (independent check)
    A, B = g.payoffs
    m, n = g.shape
    best = F(0)
    for j in range(m):
        for k in range(m):
            best = max(best, sum((dist[j, c] * (A[k, c] - A[j, c]) for c in range(n)), F(0)))
    for j in range(n):
        for k in range(n):
            best = max(best, sum((dist[r, j] * (B[r, k] - B[r, j]) for r in range(m)), F(0)))
    return best


def test_any_exact_ce_of_a_20x20_game_is_fast():
    # objective "none": the exact LP vertex of random 20x20 games has 200-250 support profiles
    # and its certification took 65-300 s (seed 3: 301 s); a Nash equilibrium is a CE (Aumann
    # 1974), certified exactly the same way
    g = generators.random_game((20, 20), 3)  # (no pure equilibrium)
    t0 = time.perf_counter()
    r = correlated_equilibrium(g, None, exact=True, time_limit=20)
    assert time.perf_counter() - t0 < 10.0
    assert r.status == "ok" and r.exact and r.max_violation == 0 and "lemke_howson" in r.method
    d = r.distribution
    assert _ce_gains(g.as_exact(), d) == 0 and sum(d.reshape(-1).tolist(), F(0)) == 1
    assert min(d.reshape(-1).tolist()) >= 0 and r.objective_value == 0
    # a product distribution: every 2x2 minor vanishes
    (i, k), (j, l) = np.argwhere(d > 0)[[0, -1]]
    assert d[i, k] * d[j, l] == d[i, l] * d[j, k]
    cc = coarse_correlated_equilibrium(g, "none", exact=True, time_limit=20)
    assert cc.status == "ok" and incentive_violation(g.as_exact(), cc.distribution, coarse=True) == 0


def test_any_ce_literature_values():
    # matching pennies: the unique CE is uniform (its only Nash equilibrium's product)
    mp = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    r = correlated_equilibrium(mp, "none")
    assert r.status == "ok" and r.distribution.tolist() == [[F(1, 4)] * 2] * 2
    # Jordan's (1993) three-player matching pennies has no pure equilibrium: the LP answers
    u1 = np.zeros((2, 2, 2), dtype=int)
    u2 = np.zeros((2, 2, 2), dtype=int)
    u3 = np.zeros((2, 2, 2), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        u1[a, b, c] = int(a == b)
        u2[a, b, c] = int(b == c)
        u3[a, b, c] = int(c != a)
    g3 = NormalFormGame.from_arrays(u1, u2, u3)
    r3 = correlated_equilibrium(g3, None)
    assert r3.status == "ok" and r3.max_violation == 0 and "lp" in r3.method
    assert incentive_violation(g3, r3.distribution) == 0


def test_ce_time_limit_reaches_highs():
    # the float LP of a 40x40 game takes HiGHS about a second; the limit is handed to it
    g = generators.random_game((40, 40), 0)
    t0 = time.perf_counter()
    r = correlated_equilibrium(g, exact=False, time_limit=1e-3)
    assert time.perf_counter() - t0 < 5.0  # (loose: the status below shows HiGHS stopped)
    assert r.status == "truncated" and "time_limit=0.001" in r.message and "HiGHS" in r.message
    assert r.distribution is None
    t0 = time.perf_counter()
    r = correlated_equilibrium(g, exact=True, time_limit=0.05)  # (7 s before: the rows in Fractions -> floats)
    assert time.perf_counter() - t0 < 5.0
    assert r.status == "truncated" and "time_limit=0.05" in r.message and r.distribution is None
    # the same LP through the exact layer's float solver
    G = _constraint_rows(list(g.float_payoffs()), g.shape, False, False)
    N = G.shape[1]
    s = solve_lp(np.zeros(N), G, np.zeros(len(G)), np.ones((1, N)), np.ones(1), time_limit=1e-4)
    assert s.status == "time_limit" and s.x is None


def _huge_game(seed, m, n):
    # payoffs k * 10^e (k < 1000, e < 18), as in test_correlated._huge_game
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_arrays(*[[[int(v) * 10 ** int(e) for v, e in zip(r1, r2)]
                                         for r1, r2 in zip(rng.integers(1, 1000, (m, n)), rng.integers(0, 18, (m, n)))]
                                        for _ in range(2)])


def _restricted_ce_lp():
    # a badly scaled CE LP whose float optimum certifies only through the restricted exact LPs
    # (step 2 of _exact_lp._reconstruct)
    g = _huge_game(2, 8, 6)
    G = _constraint_rows(list(g.payoffs), g.shape, False, True)
    N = G.shape[1]
    c = (g.payoffs[0] + g.payoffs[1]).reshape(-1).tolist()
    args = (c, G.tolist(), [F(0)] * len(G), [[F(1)] * N], [F(1)])
    hint = _highs_ce(np.array([float(v) for v in c]), _constraint_rows(list(g.float_payoffs()), g.shape, False,
                                                                       False), 1)
    return g, args, hint


def test_restricted_exact_lp_budget_is_opt_in(monkeypatch):
    # without a budget a 16x16 game of this family ran the restricted LPs for minutes; with one,
    # giving up is reported as "failed" (never an uncertified answer).  The budget is opt-in:
    # exact_lp's other callers (dominance, zero_sum, bargaining, spi) read "failed" as an answer
    # (dominance took it for "not dominated" and returned "ok" with a dominated action kept)
    import solvers._exact_lp as xl

    g, args, hint = _restricted_ce_lp()
    short = exact_lp(*args, hint=hint, max_simplex_size=1000, restricted_time=1e-9)
    assert short.status == "failed" and "budget" in short.method and short.x is None
    monkeypatch.setattr(xl, "RESTRICTED_TIME", 1e-9)  # (the default budget, 30 s, was applied to every caller)
    full = exact_lp(*args, hint=hint, max_simplex_size=1000)
    assert full.status == "optimal" and full.method == "highs+restricted exact lp"
    assert full.x is not None and min(full.x) >= 0 and sum(full.x, F(0)) == 1
    assert _ce_gains(g, np.array(full.x, dtype=object).reshape(g.shape)) == 0
    assert abs(float(full.value) - hint.value) <= 1e-6 * abs(hint.value)
    # correlated_equilibrium opts in (and reports giving up as "truncated")
    r = correlated_equilibrium(g, exact=True, max_exact_size=1000)
    assert r.status == "truncated" and "budget" in r.message and r.distribution is None
    monkeypatch.undo()
    r = correlated_equilibrium(g, exact=True, max_exact_size=1000)
    assert r.status == "ok" and r.objective_value == full.value


# --------------------------------------------------------------------------------------------
# dominance and zero-sum games



def test_dominance_time_limit_rejects_bad_values():
    g = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    _limit_error(lambda v: eliminate_dominated(g, mixed=True, time_limit=v))
    assert eliminate_dominated(g, time_limit=30).surviving == ((1,), (1,))  # (the Prisoner's Dilemma)


def _slow_dominance_game():
    # 31 x 45, read exactly from float payoffs: player 0's row 30 is row 0 minus 1/2 (strictly
    # dominated, found at once); player 1's columns 30..44 are averages of two columns each,
    # so their strict dominance LPs have optimum exactly 0, which only the exact LP decides
    # (about 1 s each with these 19-digit integers: 15 s in all)
    g0 = generators.random_game((30, 30), 5).as_exact()
    A, B = g0.payoffs
    Bc = np.hstack([B] + [((B[:, 2 * t] + B[:, 2 * t + 1]) / 2)[:, None] for t in range(15)])
    Ac = np.hstack([A] + [A[:, t][:, None] for t in range(15)])
    return NormalFormGame.from_arrays(np.vstack([Ac, Ac[0][None, :] - F(1, 2)]), np.vstack([Bc, Bc[1][None, :]]))


def test_exact_mixed_dominance_stops_at_time_limit():
    g = _slow_dominance_game()
    eliminate_dominated(NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]), mixed=True)  # (load kernels)
    # 2 s: player 0's rows take about 0.2 s even on a loaded machine, player 1's columns 15 s;
    # the limit may be overshot by one exact LP (about 1 s)
    t0 = time.perf_counter()
    r = eliminate_dominated(g, mixed=True, time_limit=2.0)
    assert time.perf_counter() - t0 < 6.0
    assert r.status == "truncated" and "time_limit=2.0" in r.message and r.params["time_limit"] == 2.0
    # what was recorded is right: player 0's dominated row (player 1 ran out of time)
    assert [(s.player, s.action, s.witness_action) for s in r.steps] == [(0, 30, 0)]
    assert r.surviving == (tuple(range(30)), tuple(range(45))) and r.steps[0].margin == F(1, 2)
    assert is_dominated(g, 0, 30).dominated
    # a limit before the first decision: nothing recorded, nothing removed
    r0 = eliminate_dominated(g, mixed=True, time_limit=1e-9)
    assert r0.status == "truncated" and r0.steps == () and r0.surviving == (tuple(range(31)), tuple(range(45)))


def _mixed_dominated_rows(n, seed):
    # rows n..2n-1 of player 0: a random mixture of three rows minus 1e-3 (strictly dominated
    # by that mixture; float payoffs read exactly)
    rng = np.random.default_rng(seed)
    A, B = rng.random((n, n)), rng.random((n, n))
    W = rng.dirichlet(np.ones(3), size=n)
    idx = rng.integers(0, n, (n, 3))
    A2 = np.vstack([A, np.einsum("rk,rkj->rj", W, A[idx]) - 1e-3])
    return NormalFormGame.from_arrays(A2, np.vstack([B, rng.random((n, n))])).as_exact()


def test_exact_mixed_dominance_on_float_read_games_is_fast():
    # payoffs read from floats' decimal text are integers near 1e19 when scaled: the float LP
    # was undecided on them (absolute tolerances) and the belief certificates were skipped, so
    # every action went to the exact simplex: 14 s (random 30x30, nothing dominated) and 13.7 s
    # / 481 s (20 / 40 mixed-dominated rows); now 0.03-0.6 s
    g = _mixed_dominated_rows(20, 0)
    t0 = time.perf_counter()
    r = eliminate_dominated(g, mixed=True)
    g2 = generators.random_game((30, 30), 1).as_exact()
    r2 = eliminate_dominated(g2, mixed=True)
    assert time.perf_counter() - t0 < 5.0
    assert r.status == "ok" and r.surviving[0] == tuple(range(20))
    A = g.payoffs[0]
    for s in r.steps:  # every witness checked exactly, independently of the library
        assert s.player == 0 and all(isinstance(p, F) for p in s.witness) and sum(s.witness) == 1
        gain = [sum((p * A[k, c] for k, p in enumerate(s.witness) if p), F(0)) - A[s.action, c]
                for c in range(A.shape[1])]
        assert min(gain) == s.margin > 0
    # nothing is dominated in the random game: the same answer as the float reading
    assert r2.status == "ok" and r2.steps == ()
    assert eliminate_dominated(g2.as_float(), mixed=True).steps == ()


def test_zero_sum_time_limit():
    A = generators.random_game((80, 80), 1).float_payoffs()[0]
    _limit_error(lambda v: zero_sum_solve(A, time_limit=v))
    t0 = time.perf_counter()
    r = zero_sum_solve(A, exact=True, time_limit=0.02)  # (about 1 s to certify)
    assert time.perf_counter() - t0 < 5.0  # (loose for loaded machines: the status shows the stop)
    assert r.status == "truncated" and "time_limit=0.02" in r.message and r.value is None
    ok = zero_sum_solve([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], time_limit=30)  # rock-paper-scissors
    assert ok.status == "ok" and ok.value == 0 and ok.row_strategy == (F(1, 3),) * 3
    fl = zero_sum_solve(A, time_limit=30)
    assert fl.status == "ok" and fl.params["time_limit"] == 30 and fl.gap <= 1e-9


def test_ce_time_limit_rejects_bad_values():
    g = NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])  # chicken
    _limit_error(lambda v: correlated_equilibrium(g, time_limit=v))
    _limit_error(lambda v: coarse_correlated_equilibrium(g, "none", time_limit=v))


def test_path_in_slices_equals_one_path():
    # lh_path_resume continued slice by slice (as under a time limit) pivots exactly as
    # lh_path in one call, compiled and as its Python twin
    from solvers._kernels import lemke_howson as KL
    from solvers._tier import python_twins

    twins = python_twins("solvers._kernels.lemke_howson")
    g = generators.random_game((12, 12), 3)
    A, B = (np.asarray(p) - np.min(p) + 1.0 for p in g.float_payoffs())
    m, n = A.shape
    for lab in (0, 7, 20):
        TP, TQ = np.empty((n, m + n + 1)), np.empty((m, m + n + 1))
        bP, bQ = np.empty(n, np.int64), np.empty(m, np.int64)
        KL.lh_init_tableaux(A, B, TP, TQ, bP, bQ)
        st, piv = KL.lh_path(TP, TQ, bP, bQ, m, n, lab, 10_000, 1e-12, np.empty(12, np.int64),
                             np.empty(m + n + 1, np.int64), np.empty(n, np.int64), np.empty(m, np.int64))
        assert st == 0 and piv > 3
        for resume in (KL.lh_path_resume, twins["lh_path_resume"]):
            TP2, TQ2 = np.empty_like(TP), np.empty_like(TQ)
            bP2, bQ2 = np.empty_like(bP), np.empty_like(bQ)
            KL.lh_init_tableaux(A, B, TP2, TQ2, bP2, bQ2)
            snapP, snapQ = bP2.copy(), bQ2.copy()
            state = (lab, lab < m, lab, 1, 0)
            done, st2 = 0, 1
            while st2 == 1:
                st2, p, *rest = resume(TP2, TQ2, bP2, bQ2, m, n, lab, state[0], state[1], 3, 1e-12,
                                       np.empty(12, np.int64), np.empty(m + n + 1, np.int64), snapP, snapQ,
                                       *state[2:])
                state = tuple(rest)
                done += p
            assert st2 == 0 and done == piv
            assert np.array_equal(bP2, bP) and np.array_equal(bQ2, bQ)
            assert np.array_equal(TP2, TP) and np.array_equal(TQ2, TQ)
