"""Surrogate goals: the threat game end to end, the boundary cases, errors."""

from fractions import Fraction

import pytest

from solvers import InvalidInputError, NormalFormGame
from spi import find_spis, is_spi, surrogate_goal
from spi.examples import demand_game, threat_game


def test_threat_game_surrogate_goal_is_a_strict_unilateral_spi():
    g = threat_game()  # transfer 2, threat cost 1, harm 5, readiness cost 1/10, surrogate harm 0
    r = surrogate_goal(g)
    assert r.is_spi and r.strict and r.kept == ("RG", "RR")
    v = r.verdict
    assert v.unilateral_player == 1 and v.changed_players == (1,)
    # the executed goal threat (T, RR) worth (-1, -5) becomes the executed surrogate threat (S, RR)
    # worth (-1, 0): the target gains 5, the threatener is as well off; nothing else changes
    assert v.strict_outcomes == (("T", "RR"),)
    pairs = {a: (b, ua, ub) for a, b, ua, ub in v.outcome_map}
    assert pairs[("T", "RR")] == (("S", "RR"), (-1, -5), (-1, 0))
    assert pairs[("T", "GR")] == (("S", "RG"), (2, Fraction(-21, 10)), (2, Fraction(-21, 10)))
    assert pairs[("N", "GR")][2] == pairs[("N", "GR")][1]
    # the representative values the surrogate's destruction like the goal's
    sub = r.substitute
    assert sub.payoff(("S", "RR"))[1] == -5 and sub.payoff(("T", "RR"))[1] == 0
    # the search finds the same SPI by itself
    found = find_spis(g, unilateral=1, strict=True)
    assert [s.mapping for s in found] == [({"N": "N", "T": "S"}, {"GR": "RG", "RR": "RR"})]


def test_surrogate_harm_boundaries():
    same = surrogate_goal(threat_game(surrogate_harm=5))  # surrogate as bad as the goal
    assert same.verdict.weak and not same.strict and not same.is_spi
    assert surrogate_goal(threat_game(surrogate_harm=5), strict=False).is_spi
    worse = surrogate_goal(threat_game(surrogate_harm=6))  # surrogate worse: not an SPI
    assert not worse.verdict.weak and not worse.is_spi and worse.verdict.reason
    partial = surrogate_goal(threat_game(surrogate_harm=2))
    assert partial.is_spi and partial.verdict.guaranteed_gain == (0, 0)


def test_surrogate_goal_errors():
    g = threat_game()
    with pytest.raises(InvalidInputError, match="surrogate_goal\\(\\): threat must be an action of the threatener"):
        surrogate_goal(g, threat="X")
    with pytest.raises(InvalidInputError, match="mirror must be an involution"):
        surrogate_goal(g, mirror={"GG": "GR", "GR": "RR", "RG": "RG", "RR": "GG"})
    with pytest.raises(InvalidInputError, match="mirror must be given explicitly"):
        surrogate_goal(demand_game(), threat="DM", surrogate="DL")
    three = NormalFormGame.from_arrays([[[0]]], [[[0]]], [[[0]]])
    with pytest.raises(InvalidInputError, match="two-player threat game"):
        surrogate_goal(three)


def test_twin_form_demand_game_end_to_end():
    # The Demand Game's SPI as "surrogate conflict": both commissions keep the leader actions and
    # value them as the military ones (Table 2), exactly the paper's substitute.
    r = surrogate_goal(demand_game(), twins=[{"DM": "DL", "RM": "RL"}] * 2)
    assert r.is_spi and r.strict and r.verdict.unilateral_player is None
    A, B = r.substitute.payoffs
    assert r.substitute.labels == (("DL", "RL"), ("DL", "RL"))
    assert A.tolist() == [[-3, 2], [0, 1]] and B.tolist() == [[-3, 0], [2, 1]]
    assert r.verdict.strict_outcomes == (("DM", "DM"),)
    # one country alone cannot do it
    one = surrogate_goal(demand_game(), twins=[{"DM": "DL", "RM": "RL"}] * 2, changing=0)
    assert not one.is_spi


def test_twin_form_unilateral_complicated_temptation():
    from spi.examples import complicated_temptation_game

    r = surrogate_goal(complicated_temptation_game(), twins=[{"T1": "R1", "T2": "R2"}, {"C1": "F1", "C2": "F2"}],
                       changing=0)
    assert r.is_spi and r.strict and r.verdict.changed_players == (0,)
    with pytest.raises(InvalidInputError, match="twins\\[0\\] must be a twin action"):
        surrogate_goal(complicated_temptation_game(), twins=[{"T1": "R1"}, None])
    with pytest.raises(InvalidInputError, match="changing must be"):
        surrogate_goal(complicated_temptation_game(), twins=[None, None], changing=5)


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=30)
@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 20), st.integers(1, 9), st.integers(0, 30))
def test_surrogate_goal_theorem_over_parameters(x, c, extra, delta10, h):
    # whenever the threat game reduces to the goal-threat game (transfer > 0, harm > transfer +
    # readiness cost > surrogate harm, costs > 0), the surrogate goal is a unilateral SPI of
    # the target, strict iff the surrogate's destruction hurts less than the goal's
    delta = Fraction(delta10, 10)
    d = x + delta + extra
    if not h < x + delta:
        return
    g = threat_game(transfer=x, threat_cost=c, harm=d, give_in_cost=delta, surrogate_harm=h)
    r = surrogate_goal(g, strict=False)
    assert r.is_spi and r.verdict.unilateral_player == 1
    assert r.strict == (h < d)
    assert r.verdict.guaranteed_gain == (0, 0)
    assert {a: ub for a, _, _, ub in r.verdict.outcome_map}[("T", "RR")] == (-c, -h)
