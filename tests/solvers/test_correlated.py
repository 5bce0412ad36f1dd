"""Tests of solvers.correlated: chicken, Nash-in-CE, CE within CCE, exact vs float, errors."""

from __future__ import annotations

import itertools
import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import InvalidInputError, NormalFormGame
from solvers.correlated import (
    CorrelatedResult,
    coarse_correlated_equilibrium,
    correlated_equilibrium,
    incentive_violation,
)
from solvers.pure import pure_equilibria
from solvers.strategies import games, zero_sum_games
from solvers.zero_sum import zero_sum_solve

F = Fraction

CHICKEN = NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]],
                                     labels=[["C", "D"], ["C", "D"]], title="Chicken")


def _ce_gains(game, dist):
    """Independent loop implementation of the CE constraints: max gain over (i, j, k)."""
    best = F(0)
    for i in range(game.n_players):
        for j in range(game.shape[i]):
            for k in range(game.shape[i]):
                if j == k:
                    continue
                gain = F(0)
                for prof in itertools.product(*(range(m) for m in game.shape)):
                    if prof[i] != j:
                        continue
                    dev = list(prof)
                    dev[i] = k
                    gain += F(dist[prof]) * (game.payoffs[i][tuple(dev)] - game.payoffs[i][prof])
                best = max(best, gain)
    return best


def test_chicken_welfare_optimal_ce():
    # Chicken with (C,C)=6,6 (C,D)=2,7 (D,C)=7,2 (D,D)=0,0 (Aumann 1974's example numbers).
    # Aumann's correlated equilibrium 1/3 on (C,C), (C,D), (D,C) gives 5 each (welfare 10);
    # it is a CE but NOT the welfare-optimal one.  Derivation of the optimum: the constraints are
    # 2 p_CD >= p_CC, p_DC >= 2 p_DD (row) and 2 p_DC >= p_CC, p_CD >= 2 p_DD (column); welfare
    # 12 p_CC + 9 (p_CD + p_DC) is maximal with p_DD = 0, where it equals 9 + 3 p_CC, and
    # p_CC <= 1 - p_CD - p_DC <= 1 - p_CC gives p_CC <= 1/2.  Optimum: (1/2, 1/4, 1/4, 0),
    # payoffs 21/4 each, welfare 21/2 (cf. the standard textbook/Wikipedia treatment of chicken).
    r = correlated_equilibrium(CHICKEN)
    assert isinstance(r, CorrelatedResult) and r.exact
    assert r.distribution.tolist() == [[F(1, 2), F(1, 4)], [F(1, 4), 0]]
    assert r.objective_value == F(21, 2) and r.payoffs == (F(21, 4), F(21, 4))
    assert r.max_violation == 0 and r.support == ((0, 0), (0, 1), (1, 0))
    aumann = np.array([[F(1, 3), F(1, 3)], [F(1, 3), F(0)]], dtype=object)
    assert incentive_violation(CHICKEN, aumann) == 0 and _ce_gains(CHICKEN, aumann) == 0
    # Nash equilibria: (C,D), (D,C) welfare 9; mixed (2/3 C) welfare 28/3 < 21/2
    mixed = np.outer([F(2, 3), F(1, 3)], [F(2, 3), F(1, 3)])
    assert incentive_violation(CHICKEN, mixed) == 0
    assert sum(CHICKEN.payoffs[i][a] * mixed[a] for i in range(2)
               for a in itertools.product(range(2), range(2))) == F(28, 3)
    # with two actions per player CE and CCE constraints coincide
    rc = coarse_correlated_equilibrium(CHICKEN)
    assert rc.objective_value == F(21, 2) and rc.coarse
    # float path
    rf = correlated_equilibrium(CHICKEN.as_float())
    assert abs(rf.objective_value - 10.5) < 1e-9 and rf.max_violation < 1e-9
    # minimum-welfare CE and player weights
    lo = correlated_equilibrium(CHICKEN, maximize=False)
    assert lo.objective_value <= F(28, 3)
    row_best = correlated_equilibrium(CHICKEN, [1, 0])
    assert row_best.payoffs[0] == 7  # the pure equilibrium (D, C) is a CE


def test_matching_pennies_ce_is_unique_nash():
    # In matching pennies the unique CE is the uniform product (the Nash equilibrium).
    mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    for obj in ("welfare", [1, 0], [0, 1], np.array([[1, 0], [0, 0]])):
        r = correlated_equilibrium(mp, obj)
        assert r.distribution.tolist() == [[F(1, 4)] * 2] * 2


def test_cce_strictly_more_welfare_than_ce():
    # A 3x3 game (found by random search, values cross-checked by the float LP below) where the
    # welfare-optimal CCE (10/3) beats the welfare-optimal CE (13/4): the CCE optimum violates a
    # CE constraint, so CE is a strict subset of CCE here.
    A = [[3, 1, 0], [3, 3, 0], [2, 3, 3]]
    B = [[1, 3, 3], [0, 0, 0], [1, 0, 0]]
    g = NormalFormGame.from_arrays(A, B)
    ce = correlated_equilibrium(g)
    cce = coarse_correlated_equilibrium(g)
    assert ce.objective_value == F(13, 4) and cce.objective_value == F(10, 3)
    assert incentive_violation(g, cce.distribution, coarse=True) == 0
    assert _ce_gains(g, cce.distribution) > 0 and incentive_violation(g, cce.distribution) > 0
    assert ce.max_violation == 0 and _ce_gains(g, ce.distribution) == 0
    gf = g.as_float()
    assert abs(correlated_equilibrium(gf).objective_value - 13 / 4) < 1e-9
    assert abs(coarse_correlated_equilibrium(gf).objective_value - 10 / 3) < 1e-9


def test_objective_forms_agree():
    g = NormalFormGame.from_arrays([[3, 0, 1], [1, 2, 0]], [[0, 1, 3], [2, 0, 1]])
    w = correlated_equilibrium(g).objective_value
    by_weights = correlated_equilibrium(g, [1, 1]).objective_value
    by_array = correlated_equilibrium(g, g.payoffs[0] + g.payoffs[1]).objective_value
    by_call = correlated_equilibrium(g, lambda a: g.payoffs[0][a] + g.payoffs[1][a]).objective_value
    assert w == by_weights == by_array == by_call
    anyce = correlated_equilibrium(g, "none")
    assert anyce.max_violation == 0 and sum(anyce.distribution.reshape(-1)) == 1


@given(games(n_players=st.integers(2, 3), max_actions=3, payoffs="int", max_profiles=27))
@settings(max_examples=25)
def test_ce_properties(game):
    ce = correlated_equilibrium(game)
    cce = coarse_correlated_equilibrium(game)
    assert ce.max_violation == 0 and _ce_gains(game, ce.distribution) == 0
    assert incentive_violation(game, ce.distribution, coarse=True) == 0  # CE subset of CCE
    assert cce.objective_value >= ce.objective_value
    assert all(v >= 0 for v in ce.distribution.reshape(-1)) and sum(ce.distribution.reshape(-1)) == 1
    # every pure Nash equilibrium is a CE, so the optimum welfare is at least its welfare
    for prof in pure_equilibria(game).profiles:
        dist = np.zeros(game.shape, dtype=object)
        dist[:] = F(0)
        dist[prof] = F(1)
        assert incentive_violation(game, dist) == 0
        assert ce.objective_value >= sum(game.payoffs[i][prof] for i in range(game.n_players))
    # exact vs float
    cf = correlated_equilibrium(game.as_float())
    scale = max(1.0, max(float(np.max(np.abs(p.astype(float)))) for p in game.payoffs))
    assert abs(cf.objective_value - float(ce.objective_value)) <= 1e-6 * scale
    assert cf.max_violation <= 1e-7 * scale


@given(zero_sum_games(max_actions=4, payoffs="int"))
@settings(max_examples=25)
def test_mixed_nash_product_is_ce(game):
    # The product of the maximin strategies of a zero-sum game is a Nash equilibrium, hence
    # its product distribution satisfies the CE constraints exactly (Aumann 1974).
    z = zero_sum_solve(game)
    dist = np.outer(np.array(z.row_strategy, dtype=object), np.array(z.col_strategy, dtype=object))
    assert incentive_violation(game, dist) == 0
    assert _ce_gains(game, dist) == 0
    # every CE of a zero-sum game gives the row player exactly the value (Forges 1990)
    r = correlated_equilibrium(game, [1, 0])
    assert r.payoffs[0] == z.value


def test_support_enumeration_nash_in_ce():
    se = pytest.importorskip("solvers.support_enum")
    rng = np.random.default_rng(11)
    for _ in range(4):
        g = NormalFormGame.from_arrays(rng.integers(0, 9, (3, 3)), rng.integers(0, 9, (3, 3)))
        res = se.support_enumeration(g)
        best = correlated_equilibrium(g).objective_value
        for eq in res.equilibria:
            x, y = eq.strategies
            dist = np.outer(np.array(x, dtype=object), np.array(y, dtype=object))
            viol = incentive_violation(g, dist)
            assert float(viol) <= 1e-9
            assert float(best) >= float(sum(eq.payoffs())) - 1e-9


def test_errors():
    with pytest.raises(InvalidInputError, match="objective"):
        correlated_equilibrium(CHICKEN, "utilitarian")
    with pytest.raises(InvalidInputError, match="objective"):
        correlated_equilibrium(CHICKEN, [1, 2, 3])
    with pytest.raises(InvalidInputError, match="game must be"):
        correlated_equilibrium([[1]])
    with pytest.raises(InvalidInputError, match="maximize"):
        correlated_equilibrium(CHICKEN, maximize="no")
    with pytest.raises(InvalidInputError, match="distribution"):
        incentive_violation(CHICKEN, [[1]])


def test_exact_simplex_fallback(monkeypatch):
    # Without the float-guided reconstruction the exact simplex gives the same optimum.
    import solvers._exact_lp as elp

    g = NormalFormGame.from_arrays([[3, 1, 0], [3, 3, 0], [2, 3, 3]], [[1, 3, 3], [0, 0, 0], [1, 0, 0]])
    want = (correlated_equilibrium(g).objective_value, coarse_correlated_equilibrium(g).objective_value,
            correlated_equilibrium(CHICKEN).distribution.tolist())
    monkeypatch.setattr(elp, "_reconstruct", lambda *a, **k: None)
    ce = correlated_equilibrium(g)
    assert "exact-simplex" in ce.method and ce.max_violation == 0
    got = (ce.objective_value, coarse_correlated_equilibrium(g).objective_value,
           correlated_equilibrium(CHICKEN).distribution.tolist())
    assert got == want


def _huge_game(seed):
    # 8x6 exact game with payoffs k * 10^e (k < 1000, e < 18): before the restricted exact LP
    # of solvers._exact_lp the float optimum never certified and the exact simplex took 21-121 s
    rng = np.random.default_rng(seed)
    pays = [[[int(v) * 10 ** int(e) for v, e in zip(r1, r2)]
             for r1, r2 in zip(rng.integers(1, 1000, (8, 6)), rng.integers(0, 18, (8, 6)))] for _ in range(2)]
    return NormalFormGame.from_arrays(*pays)


def test_badly_scaled_exact_ce_certified():
    g = _huge_game(3)  # (21 s before; ~1 s now)
    r = correlated_equilibrium(g, exact=True)
    assert r.status == "ok" and r.exact and r.max_violation == 0
    assert _ce_gains(g, r.distribution) <= 0  # independent loop check
    assert sum(r.distribution.reshape(-1).tolist(), F(0)) == 1 and min(r.distribution.reshape(-1).tolist()) >= 0
    fl = correlated_equilibrium(g, exact=False)
    assert abs(float(r.objective_value) - fl.objective_value) <= 1e-6 * abs(fl.objective_value)


def test_time_limit_truncates():
    g = _huge_game(2)  # (121 s before; ~3-5 s now)
    t = time.perf_counter()
    r = correlated_equilibrium(g, exact=True, time_limit=0.05)
    assert time.perf_counter() - t < 3.0
    assert r.status == "truncated" and r.distribution is None and "time_limit=0.05" in r.message
    assert r.params["time_limit"] == 0.05
    rc = coarse_correlated_equilibrium(g, exact=True, time_limit=1e-6)
    assert rc.status == "truncated" and "time_limit=1e-06" in rc.message
    # a generous limit changes nothing
    ok = correlated_equilibrium(CHICKEN, time_limit=30)
    assert ok.status == "ok" and ok.objective_value == F(21, 2)
    for bad in (0, -1.0, True, "1", float("inf")):
        with pytest.raises(InvalidInputError, match="time_limit"):
            correlated_equilibrium(CHICKEN, time_limit=bad)


def test_any_ce_is_the_lemke_howson_product_distribution():
    # objective "none" on a game without a pure equilibrium: the product x y^T of the exact
    # Lemke-Howson equilibrium, in Fractions, with the players' payoffs under it
    from solvers.complementary_pivoting import lemke_howson

    g = NormalFormGame.from_arrays([[3, 0], [0, 1]], [[0, 2], [1, 0]])  # unique NE x = (1/3, 2/3), y = (1/4, 3/4)
    x, y = lemke_howson(g, exact=True).equilibria[0].strategies
    assert (list(x), list(y)) == ([Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 4), Fraction(3, 4)])
    r = correlated_equilibrium(g, "none")
    assert r.status == "ok" and "lemke_howson" in r.method and r.exact
    assert r.distribution.tolist() == [[Fraction(1, 12), Fraction(1, 4)], [Fraction(1, 6), Fraction(1, 2)]]
    assert all(type(v) is Fraction for v in r.distribution.reshape(-1).tolist())
    assert r.payoffs == (Fraction(3, 4), Fraction(2, 3)) and r.max_violation == 0 and r.objective_value == 0
