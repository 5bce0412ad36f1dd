"""Tests of solvers.dynamics: convergence theorems, known non-convergence, kernels, errors."""

from __future__ import annotations

import numpy as np
import pytest

from solvers import InvalidInputError, NormalFormGame
from solvers.correlated import incentive_violation
from solvers.dynamics import DynamicsResult, fictitious_play, regret_matching, replicator_dynamics
from solvers.generators import random_game

RPS = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
MP = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
PD = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
# Shapley (1964): fictitious play cycles and never converges.
SHAPLEY = NormalFormGame.from_arrays([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
CHICKEN = NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])


def test_fictitious_play_zero_sum_converges():
    # Robinson (1951): empirical frequencies converge in zero-sum games (slowly).
    r = fictitious_play(RPS, iterations=20000, tol=1e-2)
    assert isinstance(r, DynamicsResult) and r.status == "ok"
    assert r.max_regret < 1e-2
    assert np.allclose(r.profile.strategies[0], 1 / 3, atol=5e-3)
    r2 = fictitious_play(MP, iterations=20000, tol=1e-2)
    assert r2.max_regret < 1e-2


def test_fictitious_play_dominance_and_shapley():
    assert fictitious_play(PD, iterations=100).profile.strategies[0][1] > 0.98
    r = fictitious_play(SHAPLEY, iterations=20000, tol=1e-2)
    # cycling: the empirical profile stays far from the unique (uniform) equilibrium
    assert r.status == "not_converged" and r.max_regret > 0.05


def test_fictitious_play_three_players_and_trajectory():
    g = NormalFormGame.from_payoff_function((2, 2, 2), lambda a, b, c: [int(a == b == c)] * 3)
    r = fictitious_play(g, iterations=50, record_every=10)
    assert r.max_regret == 0 and r.trajectory.shape == (5, 6)


def test_replicator():
    r = replicator_dynamics(PD, t_max=60)
    assert r.status == "ok" and r.profile.strategies[0][1] > 0.999
    # Matching pennies: interior orbits are closed; the Hofbauer-Sigmund constant of motion
    # sum_i sum_k x*_ik log x_ik (x* = uniform) is conserved, so the state does not converge.
    x0 = [[0.7, 0.3], [0.5, 0.5]]
    r = replicator_dynamics(MP, initial=x0, t_max=20, dt=0.005)

    def H(p):
        return 0.5 * sum(np.log(s).sum() for s in p)

    assert abs(H(r.profile.strategies) - H([np.array(s) for s in x0])) < 1e-6
    assert r.status == "not_converged"
    # pure rest points stay put (the faces of the simplex are invariant)
    r = replicator_dynamics(MP, initial=[[1, 0], [1, 0]], t_max=1)
    assert r.profile.strategies[0][0] == 1.0


def test_regret_matching_chicken_and_random():
    # Hart & Mas-Colell (2000): the empirical distribution approaches the CE set.
    r = regret_matching(CHICKEN, iterations=20000)
    assert r.status == "ok" and r.ce_violation < 0.02
    assert abs(r.ce_violation - incentive_violation(CHICKEN.as_float(), r.distribution)) < 1e-12
    for seed in range(3):
        g = random_game((3, 3), seed)
        rr = regret_matching(g, iterations=40000, seed=seed)
        assert rr.ce_violation < 0.02
    g3 = random_game((2, 2, 2), 5)
    assert regret_matching(g3, iterations=40000).ce_violation < 0.02


def test_kernels_match_py_func():
    from solvers._kernels.dynamics import fictitious_play_kernel, regret_matching_kernel
    from solvers.dynamics import _flat

    g = random_game((3, 2, 2), 9)
    P, shape, strides = _flat(g)
    outs = []
    for f in (fictitious_play_kernel, fictitious_play_kernel.py_func):
        a = np.zeros(3, dtype=np.int64)
        c, cum = np.zeros((3, 3)), np.zeros((3, 3))
        f(P, shape, strides, a, 200, c, cum)
        outs.append((a.copy(), c, cum))
    assert all(np.array_equal(x, y) for x, y in zip(outs[0], outs[1]))
    U = np.random.default_rng(1).random((300, 3))
    outs = []
    for f in (regret_matching_kernel, regret_matching_kernel.py_func):
        a = np.zeros(3, dtype=np.int64)
        cnt, R = np.zeros(P.shape[1]), np.zeros((3, 3, 3))
        f(P, shape, strides, a, 0, 300, 5.0, U, cnt, R)
        outs.append((a.copy(), cnt, R))
    assert all(np.allclose(x, y) for x, y in zip(outs[0], outs[1]))


def test_errors():
    with pytest.raises(InvalidInputError, match="iterations"):
        fictitious_play(PD, iterations=0)
    with pytest.raises(InvalidInputError, match="game must be"):
        fictitious_play([[1]])
    with pytest.raises(InvalidInputError, match="initial"):
        fictitious_play(PD, initial=[0, 5])
    with pytest.raises(InvalidInputError, match="dt"):
        replicator_dynamics(PD, dt=0)
    with pytest.raises(InvalidInputError, match="initial"):
        replicator_dynamics(PD, initial=[[0.5, 0.6], [1, 0]])
    with pytest.raises(InvalidInputError, match="mu"):
        regret_matching(PD, mu=-1)
    with pytest.raises(InvalidInputError, match="tol"):
        regret_matching(PD, tol=-1)
