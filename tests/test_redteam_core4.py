"""Red-team checks of the equilibrium core's entry points (session 4): each test reproduces a
defect found by comparing with independent references (HiGHS LPs, brute force, exact
arithmetic) and fails on the code before its fix."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import solvers
from solvers import InvalidInputError, NormalFormGame


def _coordination():
    return NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])


@pytest.mark.parametrize("func", ["fictitious_play", "replicator_dynamics"])
@pytest.mark.parametrize("bad", [-1, 2.5, "3", True])
def test_dynamics_reject_bad_record_every(func, bad):
    # fictitious_play(g, iterations=10, record_every=-1) looped forever (the chunk loop counted
    # down); "3" raised a TypeError
    with pytest.raises(InvalidInputError, match=rf"{func}\(\): record_every"):
        getattr(solvers, func)(_coordination(), record_every=bad)


@pytest.mark.parametrize("offset", [1e9, -1e12])
def test_zero_sum_float_with_large_offset(offset):
    # payoffs offset + O(1): the float LP ran on A / max|A| = 1 + O(1e-9), below the simplex's
    # tolerances: 1 in 3 random 4x6 games came back "not_converged" with a duality gap near the
    # spread (0.83 of 0.96); the value must equal the exact one (offset + value of A - offset)
    rng = np.random.default_rng(7)
    for _ in range(8):
        A = rng.random((4, 6)) - 0.5 + offset
        D = A - offset  # exactly the game solved, shifted (Sterbenz: no rounding)
        r = solvers.zero_sum_solve(A)
        ref = solvers.zero_sum_solve(D.tolist(), exact=True)
        assert r.status == "ok", r.message
        assert r.value - offset == pytest.approx(float(ref.value), abs=1e-9 + np.spacing(abs(offset)))
        x, y = np.array(r.row_strategy), np.array(r.col_strategy)
        assert (D @ y).max() - (x @ D).min() <= 1e-9


def _relative_regrets(A, B, x, y):
    """Each player's regret over its payoff spread, on payoffs shifted to their midpoint."""
    Ac, Bc = A - (A.max() + A.min()) / 2, B - (B.max() + B.min()) / 2
    return ((Ac @ y).max() - x @ Ac @ y) / np.ptp(A), ((x @ Bc).max() - x @ Bc @ y) / np.ptp(B)


@pytest.mark.parametrize("method", ["lemke_howson", "support_enumeration"])
@pytest.mark.parametrize("scales", [(1e-9, 1e3), (1.0, 1.0)], ids=["tiny_vs_large", "offsets"])
def test_solve_batch_players_on_their_own_scales(method, scales):
    # solve_batch shifted and scaled both players' payoffs by one common span: with A ~ 1e-9 and
    # B ~ 1e3, 33 of 50 3x3 games came back converged and status "ok" while the row player was
    # far from a best response (its payoffs were lost in the normalization); with A ~ 1e9 + O(1)
    # and B ~ -1e9 + O(1), 1 in 4 games "did not converge"
    rng = np.random.default_rng(3)
    k = 40
    A = rng.random((k, 3, 3)) * scales[0]
    B = rng.random((k, 3, 3)) * scales[1]
    if scales == (1.0, 1.0):
        A, B = A + 1e9, B - 1e9
    r = solvers.solve_batch((A, B), method=method)
    assert r.status == "ok" and r.converged.all(), r.message
    for g in range(k):
        assert max(_relative_regrets(A[g], B[g], r.x[g], r.y[g])) <= 1e-9
    if method == "lemke_howson":  # the same path as the single-game solver
        for g in range(0, k, 8):
            e = solvers.lemke_howson(NormalFormGame.from_arrays(A[g], B[g]), 0).equilibria[0]
            assert np.allclose(e.strategies[0], r.x[g], atol=1e-6) and np.allclose(e.strategies[1], r.y[g], atol=1e-6)


def test_correlated_equilibrium_uniform_random_20x20():
    # HiGHS's default feasibility tolerance (1e-7) left an incentive violation of 2.6e-8 on this
    # uniform random game: the float answer was "not_converged" at tol 1e-9, and the exact one
    # "failed" (the reconstruction from the float support failed and the exact simplex was too
    # large).  Both must be optimal and agree; the exact one satisfies the constraints exactly.
    from solvers.generators import random_game

    g = random_game((20, 20), seed=1)
    rf = solvers.correlated_equilibrium(g)
    assert rf.status == "ok" and rf.max_violation <= 1e-9, rf.message
    assert float(solvers.incentive_violation(g, rf.distribution)) <= 1e-9
    rx = solvers.correlated_equilibrium(g, exact=True)
    assert rx.status == "ok" and rx.exact and rx.max_violation == 0, rx.message
    ge = g.as_exact()
    assert solvers.incentive_violation(ge, rx.distribution) == 0
    assert sum(rx.distribution.reshape(-1).tolist(), Fraction(0)) == 1
    assert rf.objective_value == pytest.approx(float(rx.objective_value), abs=1e-9)


def test_lemke_howson_total_pivots_count_the_exact_recomputation():
    # hard_game(10): the float path from label 0 goes astray and the path is recomputed by
    # exact integer pivoting (1596 pivots, Savani & von Stengel 2006); total_pivots ("all pivots
    # made") left those out and reported 1029 < path_lengths[0]
    from solvers.generators import hard_game

    r = solvers.lemke_howson(hard_game(10), 0)
    assert r.status == "ok" and r.path_lengths == (1596,)
    assert r.total_pivots >= r.path_lengths[0]


_G2 = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
_STACK = (np.ones((1, 2, 2)), np.ones((1, 2, 2)))


@pytest.mark.parametrize("call, param", [
    # each was accepted or raised a bare ValueError / TypeError before
    (lambda: solvers.logit_qre(_G2, tol="a"), "tol"),             # ValueError
    (lambda: solvers.logit_qre(_G2, tol=float("inf")), "tol"),    # accepted: the centroid "ok"
    (lambda: solvers.logit_qre(_G2, lam_max="a"), "lam_max"),     # TypeError
    (lambda: solvers.logit_qre(_G2, lam_max=-1), "lam_max"),      # accepted
    (lambda: solvers.logit_qre(_G2, lam_max=float("nan")), "lam_max"),
    (lambda: solvers.logit_qre(_G2, True), "lam"),
    (lambda: solvers.zero_sum_solve([[1, 0], [0, 1]], tol="0.1"), "tol"),
    (lambda: solvers.zero_sum_solve([[1, 0], [0, 1]], tol=True), "tol"),
    (lambda: solvers.zero_sum_solve([[1, 0], [0, 1]], tol=float("inf")), "tol"),
    (lambda: solvers.correlated_equilibrium(_G2, tol=True), "tol"),
    (lambda: solvers.fictitious_play(_G2, tol=True), "tol"),
    (lambda: solvers.solve_batch(_STACK, parallel="yes"), "parallel"),
    (lambda: solvers.solve_batch(np.array([[[["a", "b"]]]]), init_label=0), "games"),  # ValueError
    (lambda: solvers.solve_batch((np.ones((1, 0, 2)), np.ones((1, 0, 2)))), "games"),  # ValueError
    (lambda: solvers.eliminate_dominated(_G2, players=5), "players"),  # named player_index()
])
def test_bad_parameters_are_input_errors_naming_them(call, param):
    with pytest.raises(InvalidInputError, match=rf"\(\): {param} must"):
        call()


def test_solve_batch_accepts_numpy_float_tol():
    # np.float32(1e-6) was rejected ("tol must be a positive finite number")
    r = solvers.solve_batch(_STACK, tol=np.float32(1e-6))
    assert r.status == "ok" and r.params["tol"] == pytest.approx(1e-6)


def test_exact_correlated_equilibrium_size_limit(monkeypatch):
    # when the float optimum cannot be certified, the exact simplex decides; it has no time
    # limit and took more than 10 minutes on a 10x10 game: past max_exact_size the result is
    # "truncated" at once.  (The reconstruction is made to fail here to reach that path.)
    from solvers import _exact_lp

    monkeypatch.setattr(_exact_lp, "_reconstruct", lambda *a, **k: None)
    chicken = NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    r = solvers.correlated_equilibrium(chicken)  # tableau of 6 * 14 = 84 entries: the exact simplex
    assert r.status == "ok" and r.objective_value == Fraction(21, 2)  # Aumann (1974)'s game, welfare 21/2
    assert r.method.endswith("(exact-simplex)")
    r = solvers.correlated_equilibrium(chicken, max_exact_size=83)
    assert r.status == "truncated" and "max_exact_size=83" in r.message and r.distribution is None
    r = solvers.coarse_correlated_equilibrium(chicken, max_exact_size=10)
    assert r.status == "truncated"
    with pytest.raises(InvalidInputError, match="max_exact_size"):
        solvers.correlated_equilibrium(chicken, max_exact_size=0)


def test_regret_matching_draws_its_uniforms_in_chunks(monkeypatch):
    # regret_matching drew all iterations x n uniforms at once (16 GB at 10**9 rounds of a
    # 2-player game); in chunks the play is the same as with one array of them
    from solvers import dynamics
    from solvers._kernels.dynamics import regret_matching_kernel
    from solvers.generators import random_game

    g = random_game((3, 2, 2), seed=4)
    P, shape, strides = dynamics._flat(g)
    rng = np.random.default_rng(0)
    a = np.array([int(rng.integers(m)) for m in g.shape], dtype=np.int64)
    cnt, R = np.zeros(P.shape[1]), np.zeros((3, 3, 3))
    mu = 2.0 * 3 * max(float(np.ptp(p)) for p in g.float_payoffs()) + 1.0
    regret_matching_kernel(P, shape, strides, a, 0, 1000, mu, rng.random((1000, 3)), cnt, R)
    monkeypatch.setattr(dynamics, "_RM_CHUNK", 64)
    r = solvers.regret_matching(g, iterations=1000, seed=0, mu=mu)
    assert np.array_equal(r.distribution, (cnt / cnt.sum()).reshape(g.shape))


def test_float_correlated_equilibrium_payoffs_over_many_orders():
    # the row 0 strictly dominates row 1 (1e7 > 2e5, 0.08 > 3e-4) and the column player's best
    # response to it is column 1 (0.09 > 1e-3): the unique CE is (0, 1) with welfare 0.17.  The
    # float LP returned welfare ~1e7 with status "ok": putting weight on (0, 0) violates the
    # column player's constraint by 0.089, below tol * its spread 4e8, but the optimum was wrong
    A = [[1e7, 0.08], [2e5, 3e-4]]
    B = [[1e-3, 0.09], [8e6, 4e8]]
    g = NormalFormGame.from_arrays(A, B)
    rx = solvers.correlated_equilibrium(g, exact=True)
    assert rx.objective_value == Fraction(17, 100) and rx.support == ((0, 1),)
    for coarse in (False, True):
        r = solvers.correlated_equilibrium(g, coarse=coarse)
        assert r.status == "ok" and not r.exact
        assert r.objective_value == pytest.approx(0.17, rel=1e-12)
        assert np.allclose(r.distribution, [[0, 1], [0, 0]], atol=1e-15)


def test_bounds_past_int64(monkeypatch):
    # max_pivots / iterations of 10**30 reached the numba kernels and failed with a TypingError
    from solvers.generators import random_game

    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    g = random_game((8, 8), seed=0)
    ref = solvers.lemke_howson(g, 0)
    r = solvers.lemke_howson(g, 0, max_pivots=10**30)
    assert r.status == "ok" and r.equilibria == ref.equilibria
    assert solvers.lemke_howson(g, max_pivots=10**30, capping=10**30).status == "ok"
    assert solvers.solve_batch([g], max_pivots=10**30).status == "ok"
    with pytest.raises(InvalidInputError, match=r"fictitious_play\(\): iterations must be at most"):
        solvers.fictitious_play(g, iterations=10**30)


def test_best_responses_number_instead_of_strategy():
    # [0.5, 0.6] is no probability vector, so it was read as one entry per player and 0.6 as
    # player 1's strategy: TypeError "'float' object is not iterable"
    with pytest.raises(solvers.InvalidProfileError, match=r"best_responses\(\): opponents_profile"):
        solvers.best_responses(_G2, 0, [0.5, 0.6])
