"""Tests of solvers.qre: fixed-point residuals, the own-payoff effect, limits, gambit, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from solvers import InvalidInputError, NormalFormGame
from solvers.qre import QREResult, logit_qre
from solvers.strategies import games

# Asymmetric matching pennies (McKelvey & Palfrey 1995 use this family; Goeree & Holt 2001,
# "Ten little treasures"): the row player's payoff 9 in (T, L) moves the row player's QRE
# towards T for every finite lambda (own-payoff effect), while the Nash equilibrium has the
# row player at 1/2 and the column player at (1/10, 9/10): 9 q = 1 - q and 1 - p = p.
AMP = NormalFormGame.from_arrays([[9, 0], [0, 1]], [[0, 1], [1, 0]])


def test_centroid_at_zero():
    r = logit_qre(AMP, 0)
    assert isinstance(r, QREResult) and r.lam == 0
    assert np.allclose(r.profile.strategies[0], 0.5) and np.allclose(r.profile.strategies[1], 0.5)


def test_asymmetric_matching_pennies():
    for lam in (0.1, 0.5, 2.0, 10.0, 100.0):
        r = logit_qre(AMP, lam)
        assert r.status == "ok" and abs(r.lam - lam) < 1e-12
        assert r.residual < 1e-9
        assert r.profile.strategies[0][0] > 0.5  # own-payoff effect
    lim = logit_qre(AMP)
    assert lim.status == "ok" and lim.max_regret <= 1e-6 * 9
    assert abs(lim.profile.strategies[0][0] - 0.5) < 1e-4
    assert abs(lim.profile.strategies[1][0] - 0.1) < 1e-4
    # no turning point on this branch: lambda increases along the path
    assert np.all(np.diff(lim.path_lambdas) > 0)


def test_strict_dominance_limit():
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    r = logit_qre(pd)
    # regret <= 1e-6 * scale 5 means the weight on C is at most ~5e-6 / (gain 1..2)
    assert r.status == "ok" and r.profile.strategies[0][1] > 1 - 5e-6


@given(games(max_actions=3, payoffs="int", max_profiles=27))
@settings(max_examples=15)
def test_fixed_point_and_limit(game):
    r = logit_qre(game, 1.5)
    if r.status == "ok":
        assert r.residual < 1e-8
    lim = logit_qre(game, max_steps=400)
    if lim.status == "ok":
        scale = max(1.0, max(float(np.max(np.abs(p.astype(float)))) for p in game.payoffs))
        assert lim.max_regret <= 1e-6 * scale


def test_three_players():
    g = NormalFormGame.from_payoff_function((2, 2, 2), lambda a, b, c: [a + b * c, b - a, c * (1 - a)])
    r = logit_qre(g, 3.0)
    assert r.status == "ok" and r.residual < 1e-9
    lim = logit_qre(g)
    assert lim.status == "ok" and lim.max_regret < 1e-5


@pytest.mark.anchor
def test_gambit_logit_anchor():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(0)
    for _ in range(4):
        A = rng.integers(0, 10, (3, 3))
        B = rng.integers(0, 10, (3, 3))
        gg = gbt.Game.from_arrays(A, B)
        eq = gbt.nash.logit_solve(gg).equilibria[0]
        theirs = [np.array([float(eq[s]) for s in pl.strategies]) for pl in gg.players]
        ours = logit_qre(NormalFormGame.from_arrays(A, B))
        assert ours.status == "ok"
        for a, b in zip(ours.profile.strategies, theirs):
            # same limiting equilibrium (up to the slow 1/lambda convergence inside a component)
            assert np.max(np.abs(np.asarray(a) - b)) < 5e-3


def test_errors():
    with pytest.raises(InvalidInputError, match="lam"):
        logit_qre(AMP, -1)
    with pytest.raises(InvalidInputError, match="game must be"):
        logit_qre([[1]])
    with pytest.raises(InvalidInputError, match="max_steps"):
        logit_qre(AMP, max_steps=0)
    with pytest.raises(InvalidInputError, match="tol"):
        logit_qre(AMP, tol=0)


def test_branch_that_bends_back_reaches_the_target():
    # Found by hypothesis (session 7): on this 3x3x3 game the principal branch bends back in
    # lambda (about 1.21 -> 1.15 -> 1.4); one continuation step chorded from lambda 1.06 past
    # 1.5, Newton at fixed lambda diverged from the interpolated start and the NaN profile made
    # MixedProfile raise.  Now the target is approached again with shorter steps.
    A = [[[-6, 0, -1], [4, 4, 7], [6, -8, -9]], [[0, 0, -7], [4, 7, 3], [-4, 7, -3]],
         [[-3, -9, -1], [0, -4, 0], [4, 8, -6]]]
    B = [[[-8, 5, 2], [-5, 6, -8], [8, 0, 0]], [[8, -2, -3], [3, -1, 3], [5, -2, -3]],
         [[7, -5, -7], [8, 0, 0], [-7, 0, -7]]]
    C = [[[-8, 8, -10], [8, 0, -1], [-8, 0, -6]], [[-4, -5, -9], [7, 1, 4], [-7, -6, 4]],
         [[0, 0, -2], [0, 0, -2], [1, 0, 2]]]
    g = NormalFormGame([np.array(A), np.array(B), np.array(C)])
    for lam in (1.4, 1.5):
        r = logit_qre(g, lam)
        assert r.status == "ok" and r.lam == lam and r.residual < 1e-10
        assert min(r.path_lambdas[1:] - r.path_lambdas[:-1]) < 0  # the branch does bend back
    # Longer chords also jumped over the folds onto another branch ("ok", residual ~1e-16, wrong
    # point): at lambda = 3 the principal branch is near the strict pure equilibrium (traced with
    # fixed arclength steps of 1e-3 by a reviewer), and its limit is that equilibrium, as Gambit's
    # logit_solve (pygambit 16.x) returns; the jump gave a mixed profile and a mixed equilibrium.
    r = logit_qre(g, 3.0)
    assert r.status == "ok" and r.residual < 1e-10
    assert np.allclose([np.asarray(s, float) for s in r.profile.strategies],
                       [[0.0, 0.9999, 0.0001], [0.9998, 0.0, 0.0002], [0.9525, 0.0475, 0.0]], atol=1e-4)
    # the step bounds are invariant under rescaling the payoffs (McKelvey & Palfrey: QRE(u, lam) =
    # QRE(c u, lam / c)): the same limit at every scale (at 1e-9 the trace still stalls at the
    # fold, "truncated", as before)
    for scale in (1.0, 1e-3, 1e3, 1e9):
        gs = NormalFormGame([np.array(A) * scale, np.array(B) * scale, np.array(C) * scale])
        lim = logit_qre(gs)
        assert lim.status == "ok"
        assert np.allclose([np.asarray(s, float) for s in lim.profile.strategies],
                           [[0, 1, 0], [1, 0, 0], [1, 0, 0]], atol=1e-6)
