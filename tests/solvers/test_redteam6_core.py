"""Red-team round 6 of the equilibrium core (issue 3): regressions for the bugs it found.

Each test failed before its fix.  Independent references: brute force over pure profiles,
the equilibria of the same game with payoffs scaled by a power of two (equilibria are invariant
under positive scaling, von Stengel 2002, Sect. 2.2) and exact values of textbook games.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import solvers
from solvers import NormalFormGame
from solvers._scale import normalized, normalized_with_scale, payoff_scale


def _pennies(s):
    """Matching pennies with payoffs +-s (unique equilibrium: both mix 1/2, 1/2)."""
    return NormalFormGame.from_arrays([[s, -s], [-s, s]], [[-s, s], [s, -s]])


# ---------------------------------------------------------------------------------------------
# float payoffs near the float maximum: max - min overflowed to inf


def test_payoff_scale_and_normalized_stay_finite_when_the_span_overflows():
    u = np.array([[1e308, -1e308], [-1e308, 1e308]])
    assert payoff_scale(u) == np.finfo(float).max
    for pos in (normalized(u), normalized_with_scale(u)[0]):
        assert np.array_equal(pos, [[2.0, 1.0], [1.0, 2.0]])
    assert np.isfinite(normalized_with_scale(u)[2])
    # finite spans: unchanged
    v = np.array([[3.0, -1.0], [0.5, 2.0]])
    assert np.array_equal(normalized(v), (v + 1.0) / 4.0 + 1.0)


def test_pure_equilibria_of_matching_pennies_near_the_float_maximum():
    # scale 1e308: the infinite payoff scale made every deviation a tie and all four profiles
    # came back as pure equilibria; matching pennies has none
    r = solvers.pure_equilibria(_pennies(1e308))
    assert r.status == "ok" and r.profiles == ()
    assert solvers.pure_equilibria(_pennies(1e307)).profiles == ()


def test_extreme_equilibria_of_matching_pennies_near_the_float_maximum():
    # returned no equilibrium at all with status "ok" (normalized payoffs were NaN)
    r = solvers.extreme_equilibria(_pennies(1e308), exact=False)
    assert r.status == "ok" and len(r.equilibria) == 1
    x, y = r.equilibria[0].strategies
    assert np.allclose(x, [0.5, 0.5]) and np.allclose(y, [0.5, 0.5])


def test_correlated_equilibrium_float_payoffs_near_the_float_maximum():
    # the incentive rows u(b) - u(a) overflowed to inf and linprog raised a bare ValueError;
    # matching pennies has the unique (coarse) correlated equilibrium "uniform" (its only Nash
    # equilibrium's product; Aumann 1974)
    for s in (1e308, 1.7e308, 1e302):
        for coarse in (False, True):
            r = solvers.correlated_equilibrium(_pennies(s), coarse=coarse)
            assert r.status == "ok" and np.allclose(r.distribution, 0.25) and r.objective_value == 0.0
            assert r.payoffs == (0.0, 0.0) and r.exact is False
    # chicken scaled by 1e307 (Aumann's welfare-optimal CE: 1/2, 1/4, 1/4, 0; welfare 10.5 units)
    chicken = NormalFormGame.from_arrays([[6e307, 2e307], [7e307, 0.0]], [[6e307, 7e307], [2e307, 0.0]])
    r = solvers.correlated_equilibrium(chicken)
    assert r.status == "ok" and np.allclose(r.distribution, [[0.5, 0.25], [0.25, 0.0]])
    assert r.objective_value == pytest.approx(10.5e307) and r.game is chicken


# ---------------------------------------------------------------------------------------------
# exact payoffs past the float range (10**400): a bare OverflowError from the float hints


BIG = 10**400
# von Stengel (2002), Fig. 2.1, the row player's payoffs times 10**400: equilibria unchanged
VS_A = [[3 * BIG, 3 * BIG], [2 * BIG, 5 * BIG], [0, 6 * BIG]]
VS_B = [[3, 2], [2, 6], [3, 1]]
VS_EQS = {((1, 0, 0), (1, 0)), ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))), ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}


def _eq_set(r):
    return {tuple(tuple(F(v) for v in s) for s in e.strategies) for e in r.equilibria}


def test_float_payoffs_of_an_exact_game_past_the_float_range_is_a_clear_error():
    g = NormalFormGame.from_arrays(VS_A, VS_B)
    with pytest.raises(solvers.InvalidGameError, match=r"float_payoffs\(\): game must be .*exact=True.*1e\+400"):
        g.float_payoffs()
    # float algorithms on it say so too (was OverflowError: integer division result too large)
    with pytest.raises(solvers.InvalidGameError, match="fit in floats"):
        solvers.lemke_howson(g, exact=False)


def test_lemke_howson_exact_past_the_float_range():
    g = NormalFormGame.from_arrays(VS_A, VS_B)
    small = NormalFormGame.from_arrays([[3, 3], [2, 5], [0, 6]], VS_B)
    r, r0 = solvers.lemke_howson(g, "all"), solvers.lemke_howson(small, "all")
    assert r.status == "ok" and _eq_set(r) == _eq_set(r0) and _eq_set(r) <= VS_EQS
    assert r.labels == r0.labels and r.path_lengths == r0.path_lengths and r.regrets == (0,) * len(r.regrets)
    # past the exact-from-the-start size (m + n > 16): the float hint comes from the exact payoffs
    rng = np.random.default_rng(6)
    A, B = rng.integers(0, 9, (10, 10)), rng.integers(0, 9, (10, 10))
    r = solvers.lemke_howson(NormalFormGame.from_arrays((A.astype(object) * BIG).tolist(), B.tolist()), "all")
    r0 = solvers.lemke_howson(NormalFormGame.from_arrays(A.tolist(), B.tolist()), "all")
    assert r.status == "ok" and [_eq_set(r)] == [_eq_set(r0)] and r.labels == r0.labels


def _zero_sum_certified(A, r):
    m, n = len(A), len(A[0])
    x, y = r.row_strategy, r.col_strategy
    low = min(sum(x[i] * A[i][j] for i in range(m)) for j in range(n))
    high = max(sum(A[i][j] * y[j] for j in range(n)) for i in range(m))
    return min(x) >= 0 and min(y) >= 0 and sum(x) == 1 == sum(y) and low == r.value == high


@pytest.mark.parametrize("unit", [BIG, F(1, BIG), 10**308], ids=["1e400", "1e-400", "1e308"])
def test_zero_sum_exact_past_the_float_range(unit):
    # the value and strategies of the unscaled matrix, times unit (positive scaling), and an
    # exact saddle-point certificate min_j (x A)_j == value == max_i (A y)_i
    A = [[3 * unit, -1 * unit, 2 * unit], [0, 4 * unit, -2 * unit]]
    r = solvers.zero_sum_solve(A)
    r1 = solvers.zero_sum_solve([[3, -1, 2], [0, 4, -2]])
    assert r.status == "ok" and _zero_sum_certified(A, r)
    assert r.value == r1.value * unit and (r.row_strategy, r.col_strategy) == (r1.row_strategy, r1.col_strategy)
    r = solvers.zero_sum_solve([[BIG, 0], [0, 1]])  # value BIG / (BIG + 1), x = (1, BIG) / (BIG + 1)
    assert r.status == "ok" and r.value == F(BIG, BIG + 1) and r.row_strategy == (F(1, BIG + 1), F(BIG, BIG + 1))


@pytest.mark.parametrize("coarse", [False, True])
def test_correlated_equilibrium_exact_past_the_float_range(coarse):
    # chicken with both players' payoffs times 10**400: the CE polytope is unchanged, welfare
    # scales (Aumann 1974: optimum 1/2, 1/4, 1/4, 0, welfare 21/2; the coarse optimum is the same
    # value here, checked against the unscaled game)
    P = [[[6, 2], [7, 0]], [[6, 7], [2, 0]]]
    for unit in (BIG, 10**308):
        g = NormalFormGame.from_arrays(*[[[v * unit for v in row] for row in p] for p in P])
        r = solvers.correlated_equilibrium(g, coarse=coarse)
        r0 = solvers.correlated_equilibrium(NormalFormGame.from_arrays(*P), coarse=coarse)
        assert r.status == "ok" and r.objective_value == r0.objective_value * unit
        assert r.max_violation == 0 and solvers.incentive_violation(g, r.distribution, coarse=coarse) == 0
    # matching pennies +-10**308: exact uniform
    g = NormalFormGame.from_arrays([[10**308, -10**308], [-10**308, 10**308]],
                                   [[-10**308, 10**308], [10**308, -10**308]])
    r = solvers.correlated_equilibrium(g, coarse=coarse)
    assert r.status == "ok" and r.distribution.tolist() == [[F(1, 4)] * 2] * 2


# ---------------------------------------------------------------------------------------------
# MixedProfile.is_nash(tol): bad tolerances were accepted or raised foreign errors


def test_is_nash_validates_tol():
    g = NormalFormGame.from_arrays([[3, 3], [2, 5], [0, 6]], VS_B)
    p = g.profile([F(4, 5), F(1, 5), 0], [F(1, 3), F(2, 3)])  # max regret 4/5 (rows earn 3, 4, 4; x earns 16/5)
    assert p.max_regret() == F(4, 5)
    for prof in (p, p.as_float()):
        assert not prof.is_nash() and not prof.is_nash(F(1, 2)) and prof.is_nash(1)
        assert not prof.is_nash("1/2")  # (float profiles: TypeError)
        for bad in (-1, float("nan"), float("inf"), True, "abc", [1]):
            # (-1 and nan answered False, True was read as the tolerance 1)
            with pytest.raises(solvers.InvalidInputError, match=r"is_nash\(\): tol must be"):
                prof.is_nash(bad)


# ---------------------------------------------------------------------------------------------
# parameter validation found by a sweep of bad values over every keyword of the public solvers


@pytest.mark.parametrize("kw,param", [
    ({"initial": 0}, "initial"),  # (TypeError: argument after * must be an iterable)
    ({"initial": 0.5}, "initial"),
    ({"t_max": True}, "t_max"),  # (read as 1.0)
    ({"dt": True}, "dt"),
    ({"t_max": 1e30}, "t_max"),  # (the error named "iterations")
])
def test_replicator_dynamics_bad_parameters(kw, param):
    g = NormalFormGame.from_arrays([[3, 3], [2, 5], [0, 6]], VS_B)
    with pytest.raises(solvers.InvalidInputError, match=rf"replicator_dynamics\(\): {param} must be"):
        solvers.replicator_dynamics(g, **kw)


def test_replicator_dynamics_step_too_large_is_reported_not_raised():
    # dt=1e30: RK4 overflowed to NaN and MixedProfile() raised "strategies[0] must be a finite number"
    g = NormalFormGame.from_arrays([[3, 3], [2, 5], [0, 6]], VS_B)
    r = solvers.replicator_dynamics(g, dt=1e30)
    assert r.status == "not_converged" and "diverged" in r.message and "dt=1e+30" in r.message
    assert all(np.all(np.isfinite(s)) for s in r.profile.strategies) and r.iterations == 0


@pytest.mark.parametrize("bad", ["x", float("nan"), -1, 1])
def test_best_responses_validates_exact(bad):
    g = NormalFormGame.from_arrays([[3, 3], [2, 5], [0, 6]], VS_B)
    with pytest.raises(solvers.InvalidInputError, match=r"best_responses\(\): exact must be True, False or None"):
        solvers.best_responses(g, 0, 0, exact=bad)
    assert solvers.best_responses(g, 0, 1, exact=False).actions == (2,)  # column 1: rows earn 3, 5, 6


# ---------------------------------------------------------------------------------------------
# dominance: Fraction(np.int64) margins overflowed against payoff scales past 2**63


def test_weak_dominance_margin_with_a_large_payoff_denominator():
    # the column player's payoffs as read from floats: lcm of the denominators 2.5e20 > 2**63;
    # column 2 weakly dominates column 0 (2e-5 <= 3.0000000000000004e-5, 0 <= 0, 5e-6 <= 1e-5,
    # 0 <= 0, 2.5e-5 <= 4e-5), margin min gain = 0.  Was OverflowError: Python int too large to
    # convert to C long (Fraction(np.int64(...)) / Fraction(2.5e20)).
    B = [["2e-05", "1e-05", "3.0000000000000004e-05", "1e-05"], ["0", "1e-05", "0", "1e-05"],
         ["5e-06", "1e-05", "1e-05", "1e-05"], ["0", "1e-05", "0", "1e-05"],
         ["2.5e-05", "2e-05", "4e-05", "2e-05"]]
    g = NormalFormGame.from_arrays([[0] * 4] * 5, B)
    r = solvers.eliminate_dominated(g, strict=False)
    assert r.status == "ok" and r.surviving == ((0, 1, 2, 3, 4), (1, 2, 3))
    (st,) = r.steps
    assert (st.player, st.action, st.witness_action, st.margin) == (1, 0, 2, 0)
    assert all(type(v.numerator) is int for v in (*st.witness, st.margin))
    c = solvers.is_dominated(g, 1, 0, strict=False)
    assert c.dominated and c.margin == 0 and type(c.margin.numerator) is int
    assert all(type(v.numerator) is int for v in c.witness)


# ---------------------------------------------------------------------------------------------
# converters: a wrong object raised a bare AttributeError


@pytest.mark.parametrize("name,what", [("from_pygambit", "pygambit.Game"), ("from_nashpy", "nashpy.Game"),
                                       ("from_quantecon", "quantecon.game_theory.NormalFormGame")])
def test_converters_reject_foreign_objects(name, what):
    from solvers import convert

    for bad in (3, [[1, 2], [3, 4]], NormalFormGame.from_arrays([[1]], [[2]])):
        with pytest.raises(solvers.InvalidInputError, match=rf"{name}\(\): g must be a .*{what}"):
            getattr(convert, name)(bad)


def test_to_nashpy_names_the_number_of_players():
    from solvers import convert

    with pytest.raises(solvers.UnsupportedError, match=r"two-player game; got a 1-player game"):
        convert.to_nashpy(NormalFormGame([np.array([1, 2, 3])]))


# ---------------------------------------------------------------------------------------------
# generators: bad parameters raised numpy's / Python's errors or were silently accepted


@pytest.mark.parametrize("call,param,err", [
    (lambda G: G.random_game((3, 3), low="x"), "low", "InvalidInputError"),  # (TypeError)
    (lambda G: G.random_game((3, 3), high=None), "high", "InvalidInputError"),  # (TypeError)
    (lambda G: G.random_game((3, 3), high=True), "high", "InvalidInputError"),  # (read as 1.0)
    (lambda G: G.random_game((3, 3), integer="x"), "integer", "InvalidInputError"),  # (truthy)
    (lambda G: G.random_game((3, 3), exact=float("nan")), "exact", "InvalidInputError"),
    (lambda G: G.random_game((3, 3), 0, 0, 10**30, integer=True), "high", "InvalidInputError"),
    (lambda G: G.random_game(10**30), "shape", "LimitError"),  # (ValueError: maximum dimension)
    (lambda G: G.covariance_game((3, 3), True), "rho", "InvalidInputError"),
    (lambda G: G.degenerate_game(3, 3, values=5), "values", "InvalidInputError"),  # (TypeError)
    (lambda G: G.degenerate_game(3, 3, values="ab"), "values", "InvalidInputError"),
    (lambda G: G.degenerate_game(3, 3, values=[0, None]), "values", "InvalidInputError"),
    (lambda G: G.degenerate_game(10**30, 3), "m", "LimitError"),
    (lambda G: G.duplicated_rows_game(3, 3, high=10**30), "high", "InvalidInputError"),  # (ValueError)
    (lambda G: G.unit_vector_game(3, avoid_pure_nash="yes"), "avoid_pure_nash", "InvalidInputError"),
    (lambda G: G.unit_vector_game(10**30), "m", "LimitError"),
    (lambda G: G.hard_game(4, integer=None), "integer", "InvalidInputError"),
])
def test_generators_reject_bad_parameters_by_name(call, param, err):
    from solvers import generators

    with pytest.raises(getattr(solvers, err), match=rf"\(\): {param} must be"):
        call(generators)


def test_incentive_violation_float_payoffs_near_the_float_maximum():
    # the pure profile (0, 0) of matching pennies: the column player gains 2s by deviating.
    # With s = 1e308 the gains were inf - inf = NaN and max(0, NaN) returned 0.0 ("a CE")
    for s in (1e308, 1e300):
        g = _pennies(s)
        for coarse in (False, True):
            assert solvers.incentive_violation(g, [[1.0, 0.0], [0.0, 0.0]], coarse=coarse) == 2 * s  # inf past 1.8e308
            assert solvers.incentive_violation(g, np.full((2, 2), 0.25), coarse=coarse) == 0.0


@pytest.mark.parametrize("kw,param", [({"seed": True}, "seed"), ({"seed": 1.5}, "seed"), ({"mu": True}, "mu"),
                                      ({"mu": "2"}, "mu")])
def test_regret_matching_bad_parameters(kw, param):
    # (True was accepted as seed 1 / mu 1.0, "2" as mu 2.0)
    g = NormalFormGame.from_arrays([[3, 3], [2, 5], [0, 6]], VS_B)
    with pytest.raises(solvers.InvalidInputError, match=rf"regret_matching\(\): {param} must be"):
        solvers.regret_matching(g, iterations=10, **kw)


def test_fictitious_play_and_regret_matching_near_the_float_maximum():
    # matching pennies scaled by 2**1020: cumulative payoffs overflowed, the regret was inf and
    # the status "ok" (inf <= tol * inf).  Both dynamics depend on the payoffs only through
    # comparisons and (for regret matching) their ratio to mu, so a power-of-2 scaling must
    # give the same play: compare with the scale 2**20
    small, big = _pennies(2.0**20), _pennies(2.0**1020)
    f0, f1 = (solvers.fictitious_play(g, iterations=3000) for g in (small, big))
    assert all(np.array_equal(a, b) for a, b in zip(f0.profile.strategies, f1.profile.strategies))
    assert f1.status == f0.status and f1.max_regret == f0.max_regret * 2.0**1000 and np.isfinite(f1.max_regret)
    r0 = solvers.regret_matching(small, iterations=3000, mu=8 * 2.0**20)
    r1 = solvers.regret_matching(big, iterations=3000, mu=8 * 2.0**1020)
    assert np.array_equal(r0.distribution, r1.distribution) and r1.status == r0.status
    assert r1.ce_violation == r0.ce_violation * 2.0**1000 and r1.max_regret == r0.max_regret * 2.0**1000
    # 1e308 (the spread 2e308 overflows): as 1e308 * 2**-1024, with the regret scaled back
    s = np.ldexp(1e308, -1024)
    for f in (solvers.fictitious_play, solvers.regret_matching):
        r, r0 = f(_pennies(1e308), iterations=200), f(_pennies(s), iterations=200)
        assert r.status == r0.status and np.isfinite(r.max_regret)
        assert r.max_regret == pytest.approx(float(np.ldexp(r0.max_regret, 1024)), rel=1e-12)


@pytest.mark.parametrize("scale", [1e200, 1e300])
def test_logit_qre_huge_payoffs(scale):
    # the logit QRE of s * u at precision lam / s is that of u at lam (McKelvey & Palfrey 1995);
    # at 1e200 the first continuation step overflowed: status "failed" at the centroid.  This
    # game's limit ((0, 1/4, 3/4), (0, 8/13, 5/13)) is pygambit's (tests/test_redteam_solvers.py)
    rng = np.random.default_rng(3)
    A = rng.integers(-5, 6, (3, 3)).astype(float)
    B = rng.integers(-5, 6, (3, 3)).astype(float)
    r = solvers.logit_qre(NormalFormGame.from_arrays(A * scale, B * scale))
    assert r.status == "ok" and r.max_regret <= 1e-7 * scale
    x, y = r.profile.strategies
    assert np.allclose(x, [0, 0.25, 0.75], atol=1e-6) and np.allclose(y, [0, 8 / 13, 5 / 13], atol=1e-6)
    r0 = solvers.logit_qre(NormalFormGame.from_arrays(A, B), 0.5)
    r1 = solvers.logit_qre(NormalFormGame.from_arrays(A * scale, B * scale), 0.5 / scale)
    assert r1.status == "ok" and r1.lam == pytest.approx(0.5 / scale)
    assert all(np.allclose(a, b, atol=1e-9) for a, b in zip(r0.profile.strategies, r1.profile.strategies))


def test_support_enumeration_exact_past_the_float_range():
    # (was InvalidGameError from float_payoffs() suggesting exact=True on an exact call): the
    # float filter's [1, 2] images come from the exact payoffs; the answer is the small game's
    # with row payoffs scaled by 10**400 (a positive scaling changes no equilibrium)
    rng = np.random.default_rng(11)
    for n in (2, 4, 7):
        A, B = rng.integers(0, 50, (n, n)), rng.integers(0, 50, (n, n))
        big = NormalFormGame.from_arrays((A.astype(object) * BIG).tolist(), B.tolist())
        small = NormalFormGame.from_arrays(A.tolist(), B.tolist())
        r, r0 = solvers.support_enumeration(big), solvers.support_enumeration(small)
        assert (r.status, r.supports) == (r0.status, r0.supports)
        def strategies(res):
            return [[list(s) for s in p.strategies] for p in res.equilibria]

        assert strategies(r) == strategies(r0)
    with pytest.raises(solvers.InvalidGameError, match="fit in floats"):
        solvers.support_enumeration(big, exact=False)


def test_extreme_equilibria_refuses_a_bool_tol():
    g = NormalFormGame.bimatrix([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(solvers.InvalidInputError, match="tol must be a positive float; got True"):
        solvers.extreme_equilibria(g, tol=True)
