"""Red-team regressions for bargaining/: float problems far from unit scale, input checks."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import bargaining as b
from bargaining.coalitional import talmud_rule
from solvers.errors import InvalidInputError

BP = b.BargainingProblem


@pytest.mark.parametrize("scale", [1e-9, 1e-6, 1.0, 1e9])
def test_two_player_solutions_are_scale_covariant(scale):
    # S = conv{(0,0),(2,0),(1,1),(0,1)}, d = 0: Nash (1,1) (max u1 u2 on u1+u2=2), KS (4/3, 2/3)
    # (ray to the ideal point (2,1)), egalitarian (1,1).  Triangle conv{(0,0),(2,0),(0,1)}:
    # egalitarian (2/3, 2/3) (Kalai 1977: equal gains on u1 + 2 u2 = 2).  Before the fix the
    # egalitarian point at scale 1e-9 was (2e-9, 0).
    P = BP.from_vertices(np.array([(0, 0), (2, 0), (1, 1), (0, 1)], float) * scale, (0.0, 0.0))
    assert np.allclose(b.nash_solution(P).point, np.array([1, 1]) * scale, rtol=1e-9, atol=0)
    assert np.allclose(b.kalai_smorodinsky(P).point, np.array([4 / 3, 2 / 3]) * scale, rtol=1e-9, atol=0)
    assert np.allclose(b.egalitarian(P).point, np.array([1, 1]) * scale, rtol=1e-9, atol=0)
    T = BP.from_vertices(np.array([(0, 0), (2, 0), (0, 1)], float) * scale, (0.0, 0.0))
    r = b.egalitarian(T)
    assert np.allclose(r.point, np.array([2 / 3, 2 / 3]) * scale, rtol=1e-9, atol=0)
    assert np.allclose(r.gains, np.array([2 / 3, 2 / 3]) * scale, rtol=1e-9, atol=0)


@pytest.mark.parametrize("scale", [1e-9, 1e9])
def test_three_player_nash_on_tiny_simplex(scale):
    # symmetric problem: the Nash point is the centroid (symmetry axiom); weights (1, 2, 3)
    # give gains proportional to the weights (1/6, 2/6, 3/6) on the unit simplex.  Before the
    # fix the 1e-9 simplex came back as (1e-9, 0, 0) (ideal point misread as d).
    P = BP.from_vertices(np.eye(3) * scale, (0.0, 0.0, 0.0))
    assert np.allclose(b.nash_solution(P).point, np.full(3, scale / 3), rtol=1e-7, atol=0)
    assert np.allclose(b.nash_solution(P, [1, 2, 3]).point, np.array([1, 2, 3]) / 6 * scale, rtol=1e-7, atol=0)
    assert np.allclose(P.ideal_point(), np.full(3, scale))


def test_nash_ks_per_player_scale_invariance():
    # scale invariance axiom (Nash 1950; Kalai-Smorodinsky 1975): u1 in 1e-9 units, u2 in 1e9
    V = np.array([(0, 0), (2, 0), (1, 1), (0, 1)], float)
    P = BP.from_vertices(V * [1e-9, 1e9], (0.0, 0.0))
    assert np.allclose(b.nash_solution(P).point, [1e-9, 1e9], rtol=1e-9, atol=0)
    assert np.allclose(b.kalai_smorodinsky(P).point, [4e-9 / 3, 2e9 / 3], rtol=1e-9, atol=0)


def test_egalitarian_point_over_outcomes_tiny_utilities():
    # max min gain over {(1,5), (2,2), (0,0)} * 1e-12 is (2,2) * 1e-12; before the fix the
    # absolute tie tolerance 1e-12 tied the first two and the sum tie-break chose (1,5).
    U = np.array([[1e-12, 5e-12], [2e-12, 2e-12], [0.0, 0.0]])
    assert b.egalitarian_point(U, disagreement=[0, 0]).utilities == (2e-12, 2e-12)
    assert b.egalitarian_point(U * 1e12, disagreement=[0, 0]).utilities == (2.0, 2.0)


@pytest.mark.parametrize("scale", [1e-9, 1e9])
def test_nucleolus_and_core_scale(scale):
    # two players: the nucleolus is the standard solution x_i = v(i) + (v(N) - v(1) - v(2)) / 2
    g = b.CoalitionalGame([0.0, 1 * scale, 2 * scale, 5 * scale])
    assert np.allclose(b.nucleolus(g).value, [2 * scale, 3 * scale], rtol=1e-9, atol=0)
    # Talmud (Aumann & Maschler 1985), estate 200, claims 100/200/300: (50, 75, 75)
    t = b.nucleolus(b.bankruptcy_game(200 * scale, [100 * scale, 200 * scale, 300 * scale])).value
    assert np.allclose(t, np.array([50, 75, 75]) * scale, rtol=1e-9, atol=0)
    # three-player majority game: empty core, least-core epsilon 1/3 (x = 1/3 each)
    maj = b.CoalitionalGame([0, 0, 0, scale, 0, scale, scale, scale])
    r = b.core(maj)
    assert not r.nonempty and r.least_core_epsilon == pytest.approx(scale / 3, rel=1e-9)
    # almost-balanced game: core empty by a margin of 1e-4 relative
    eps_game = b.CoalitionalGame([0, 0, 0, 0.5 * scale, 0, 0.5 * scale, 0.5 * scale, 0.7499 * scale])
    assert not b.core(eps_game).nonempty


def test_talmud_rule_validates_like_bankruptcy_game():
    assert talmud_rule(200, [100, 200, 300]) == (50, 75, 75)
    assert talmud_rule(Fraction(100), [100, 200, 300]) == (Fraction(100, 3),) * 3
    with pytest.raises(InvalidInputError, match="estate"):
        talmud_rule(10, [1, 2])  # awards would exceed the claims
    with pytest.raises(InvalidInputError, match="nonnegative"):
        talmud_rule(1, [-1, 2])
    with pytest.raises(InvalidInputError, match="claims"):
        talmud_rule(1, [])


def test_discrete_raiffa_acceleration_does_not_skip_the_limit():
    # S = conv{(0,0),(2,0),(1,1),(0,1)}, d = 0 (hand computation of Raiffa's 1953 discrete
    # sequence): z1 = ((2,0) + (0,1))/2 = (1, 1/2); from z1 the best points are (3/2, 1/2)
    # and (1, 1), so z2 = (5/4, 3/4), which lies on the frontier u1 + u2 = 2 and is stationary.
    # The affine acceleration used to jump to the corner (1, 1) instead.
    P = BP.from_vertices([(0, 0), (2, 0), (1, 1), (0, 1)], (0, 0))
    assert b.raiffa(P).point == (Fraction(5, 4), Fraction(3, 4))
    assert b.raiffa(P.as_float()).point == pytest.approx((1.25, 0.75), abs=1e-12)
    # a linear frontier: one step, the midpoint of (2, 0) and (0, 1) (docstring example)
    assert b.raiffa(BP.from_vertices([(0, 0), (2, 0), (0, 1)], (0, 0))).point == (1, Fraction(1, 2))


@pytest.mark.parametrize("scale", [1e-9, 1.0, 1e9])
def test_variable_threat_float_matches_exact_at_any_scale(scale):
    # Nash (1953): this game's agreement is interior to the frontier edge (1,4)-(4,3), exactly
    # (27/8, 77/24) (exact computation, checked against pure-threat deviations in the red-team
    # sweep); at scale 1e-9 the absolute tolerance rejected the edge and returned the vertex (4, 3)
    from solvers import NormalFormGame

    A = [[1, 1, -1], [1, 4, -2], [3, -3, -1]]
    B = [[4, 3, -3], [3, 3, 0], [-1, 4, 4]]
    assert b.variable_threat(NormalFormGame.from_arrays(A, B)).agreement == (Fraction(27, 8), Fraction(77, 24))
    r = b.variable_threat(NormalFormGame.from_arrays(np.array(A, float) * scale, np.array(B, float) * scale))
    assert r.face == "edge"
    assert np.allclose(np.array(r.agreement) / scale, [27 / 8, 77 / 24], rtol=1e-9, atol=0)


@pytest.mark.parametrize("scale", [1e-9, 1.0, 1e9])
def test_security_levels_float_scale(scale):
    # Battle of the Sexes [[2,-1],[-1,1]] / [[1,-1],[-1,2]]: each player's maximin value is
    # 1/5 (mix 2/5-3/5 against the opponent's pure actions: 2p - (1-p) = -p + (1-p)); at 1e-9
    # the unscaled float LP returned 0 and BargainingProblem.from_game(g, "maximin") used it
    from bargaining.problem import security_levels
    from solvers import NormalFormGame

    A = np.array([[2.0, -1], [-1, 1]])
    B = np.array([[1.0, -1], [-1, 2]])
    assert security_levels(NormalFormGame.from_arrays([[2, -1], [-1, 1]], [[1, -1], [-1, 2]])) == (
        Fraction(1, 5), Fraction(1, 5))
    g = NormalFormGame.from_arrays(A * scale, B * scale)
    assert np.allclose(security_levels(g), [0.2 * scale, 0.2 * scale], rtol=1e-9, atol=0)
    P = BP.from_game(g, "maximin")
    assert np.allclose(P.disagreement, [0.2 * scale, 0.2 * scale], rtol=1e-9, atol=0)


def test_contains_pure_outcomes_relative_tolerance():
    P = BP.from_outcomes([(1.5e-9, 0.0), (0.0, 1e-9)], (0.0, 0.0), lotteries=False)
    assert P.contains((1.5e-9, 0.0)) and not P.contains((1e-9, 0.0))  # 1e-9 is not 1.5e-9


@pytest.mark.parametrize("offset", [1e6, 1e9, -1e9])
def test_solutions_translation_covariant_with_large_offsets(offset):
    # triangle conv{(0,0),(2,0),(0,1)} + offset, d = offset: Nash = KS = Raiffa = (1, 1/2),
    # egalitarian (2/3, 2/3), utilitarian (2, 0), all + offset (translation covariance).  At
    # offset 1e9 the egalitarian and Raiffa points came back as d and the utilitarian point
    # as the infeasible (1.5, 1.5) + offset.
    V = np.array([(0, 0), (2, 0), (0, 1)], float) + offset
    P = BP.from_vertices(V, (offset, offset))
    want = {b.nash_solution: (1, 0.5), b.kalai_smorodinsky: (1, 0.5), b.raiffa: (1, 0.5),
            b.egalitarian: (2 / 3, 2 / 3), b.utilitarian: (2, 0)}
    for f, pt in want.items():
        r = f(P)
        assert r.status == "ok"
        assert np.allclose(np.array(r.point) - offset, pt, atol=1e-6), f.__name__
        assert np.allclose(r.gains, pt, atol=1e-6), f.__name__


def test_three_player_float_nash_matches_exact_on_found_cases():
    # hypothesis / red-team finds (exact answers certified by the exact face solve):
    # 1. optimum at the vertex (3, 2, 6): FW stopped at a log-gap of 6e-10, 4e-5 away; now
    #    polished on the optimal face
    P = BP.from_vertices([[0, 0, 0], [3, 3, 5], [0, 0, 0], [0, 2, 8], [3, 2, 6]], (0, 0, 4))
    assert b.nash_solution(P).point == (3, 2, 6)
    assert np.allclose(b.nash_solution(P.as_float()).point, (3, 2, 6), atol=1e-9)
    # 2. player 2 cannot gain (ideal = d_2 = 2): the float LP's ideal 2 + 1e-16 made it a
    #    "gainer" and FW returned (0, 1/2, 2) with status ok (Nash product 0)
    Q = BP.from_vertices([[7, -3, 2], [-3, 2, 2], [-2, 8, -2], [8, 4, 0]], (0, 0, 2))
    assert Q.as_float().gainers() == Q.gainers() == (0, 1)
    r = b.nash_solution(Q.as_float())
    assert r.status == "degenerate" and np.allclose(r.point, (0.5, 0.25, 2), atol=1e-6)
    # 3. degenerate (player 2 held at d): maximize g0 * g1 on the segment (5,0,2)-(-1,7,2):
    #    g0 = 5 - 6t, g1 = 7t -> t = 5/12, (5/2, 35/12); SLSQP stopped at its start once the
    #    problem was rescaled
    R = BP.from_vertices([[-1, 7, 2], [-2, 6, -3], [-1, 1, -1], [5, 0, 2]], (0, 0, 2))
    assert np.allclose(b.nash_solution(R.as_float()).point, (2.5, 35 / 12, 2), atol=1e-6)
