"""Perfect-coordination SPIs (one LP, exact certificates) and the Pareto meet minimum."""


import numpy as np
import pytest
from hypothesis import given, settings

from solvers import InvalidInputError, NormalFormGame, UnsupportedError
from solvers.strategies import bimatrix_games
from spi import pareto_meet_minimum, perfect_coordination, reduce_dominated
from spi.examples import demand_game, prisoners_dilemma


def test_prisoners_dilemma():
    r = perfect_coordination(prisoners_dilemma())
    assert r.exists_strict and r.certified and r.exact
    assert r.outcomes == (("D", "D"),) and r.assigned_payoffs == ((3, 3),)
    assert r.lotteries == ({("C", "C"): 1},)


def test_demand_game_support():
    # Only the war outcome is Pareto-suboptimal in C(G) of the reduced Demand Game's outcomes.
    r = perfect_coordination(demand_game())
    assert r.improvable == (True, False, False, False) and r.certified
    z = r.assigned_payoffs[0]
    assert z[0] >= -3 and z[1] >= -3 and z[0] + z[1] == 2  # on the segment (0,2)-(2,0)
    # with a known support that avoids war, no strict perfect-coordination SPI exists
    r2 = perfect_coordination(demand_game(), support=[("DM", "RM"), ("RM", "DM")])
    assert not r2.exists_strict and r2.certified


def _on_frontier(pt, frontier):
    if pt in frontier:
        return True
    for (x1, y1), (x2, y2) in zip(frontier, frontier[1:]):
        if min(x1, x2) <= pt[0] <= max(x1, x2) and min(y1, y2) <= pt[1] <= max(y1, y2):
            if (x2 - x1) * (pt[1] - y1) == (y2 - y1) * (pt[0] - x1):
                return True
    return False


@settings(max_examples=30)
@given(bimatrix_games(min_actions=1, max_actions=3, payoffs="int", bound=5))
def test_lp_agrees_with_the_geometric_frontier(g):
    # Lemma 11 / Proposition 12 by LP against the Pareto frontier of the convex hull (2 players)
    front = list(pareto_meet_minimum(g).frontier)
    support = list(g.pure_profiles())
    r = perfect_coordination(g, support=[tuple(g.labels[i][a[i]] for i in range(2)) for a in support])
    assert r.certified
    for a, ua, z, imp in zip(support, r.default_payoffs, r.assigned_payoffs, r.improvable):
        assert imp == (not _on_frontier(tuple(ua), front))
        assert z[0] >= ua[0] and z[1] >= ua[1]
        assert _on_frontier(tuple(z), front)


def test_pareto_meet_minimum():
    red = reduce_dominated(demand_game()).reduced
    r = pareto_meet_minimum(red, default=(-3, -3))
    assert r.pmm == (0, 0) and r.guaranteed_gain == (3, 3)
    assert r.frontier == ((0, 2), (2, 0))
    full = pareto_meet_minimum(demand_game())
    assert full.pmm == (-5, -5)
    assert full.frontier == ((-5, 5), (0, 2), (2, 0), (5, -5))


def test_errors():
    three = NormalFormGame.from_arrays(np.zeros((1, 1, 1)), np.zeros((1, 1, 1)), np.zeros((1, 1, 1)))
    with pytest.raises(UnsupportedError, match="pareto_meet_minimum\\(\\): game must be a two-player game"):
        pareto_meet_minimum(three)
    with pytest.raises(InvalidInputError, match="support must be"):
        perfect_coordination(demand_game(), support=[("DM",)])
    with pytest.raises(InvalidInputError, match="default must be a payoff vector of length 2"):
        pareto_meet_minimum(demand_game(), default=(1, 2, 3))
    assert perfect_coordination(three).exists_strict is False  # n players work
