"""Equilibria do not depend on the units of each player's payoffs.

A positive affine map ``u_i -> a_i u_i + b_i`` of one player's payoffs changes no best response,
hence no equilibrium, no dominance relation and no degeneracy (von Stengel 2002, Handbook of Game
Theory vol. 3, ch. 45, Sect. 2.2).  The float paths must respect this for payoffs of any
magnitude (issue 3 lists "games with payoffs spanning 1e-9..1e9" among the hard cases).  Scaling
by powers of two is exact in binary floating point, so the scaled float game is *exactly* the
scaled integer game and its answer must equal the exact answer on the integer game.
"""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import solvers
from solvers import NormalFormGame

small = st.integers(0, 3)


def _game(draw, m, n):
    A = np.array(draw(st.lists(st.lists(small, min_size=n, max_size=n), min_size=m, max_size=m)))
    B = np.array(draw(st.lists(st.lists(small, min_size=n, max_size=n), min_size=m, max_size=m)))
    return A, B


@st.composite
def scaled_pairs(draw, max_actions=5):
    m = draw(st.integers(1, max_actions))
    n = draw(st.integers(1, max_actions))
    A, B = _game(draw, m, n)
    ka = draw(st.integers(-33, 33))
    kb = draw(st.integers(-33, 33))
    sa = draw(st.integers(-3, 3))
    sb = draw(st.integers(-3, 3))
    Af = (A.astype(float) + sa) * 2.0 ** ka
    Bf = (B.astype(float) + sb) * 2.0 ** kb
    return NormalFormGame.bimatrix(A, B), NormalFormGame.bimatrix(Af, Bf)


def _key(profile):
    return tuple(round(float(v), 9) for s in profile.strategies for v in s)


@given(scaled_pairs())
def test_extreme_equilibria_scale_invariant(pair):
    exact, scaled = pair
    want = {_key(p) for p in solvers.extreme_equilibria(exact).equilibria}
    got = solvers.extreme_equilibria(scaled)
    assert {_key(p) for p in got.equilibria} == want
    assert got.status == "ok"


@given(scaled_pairs())
def test_support_enumeration_scale_invariant(pair):
    exact, scaled = pair
    r_exact = solvers.support_enumeration(exact)
    r = solvers.support_enumeration(scaled)
    assert r.status == r_exact.status
    if r_exact.status == "ok":
        assert {_key(p) for p in r.equilibria} == {_key(p) for p in r_exact.equilibria}


@given(scaled_pairs())
def test_lemke_howson_scale_invariant(pair):
    exact, scaled = pair
    r = solvers.lemke_howson(scaled)
    assert r.status == "ok"
    eq = r.equilibria[0]
    # the float answer is an equilibrium of the exact game (to rounding of the strategies)
    x, y = (np.asarray(s, dtype=float) for s in eq.strategies)
    A, B = (np.asarray(p, dtype=float) for p in exact.payoffs)
    span_a = max(float(np.ptp(A)), 1.0)
    span_b = max(float(np.ptp(B)), 1.0)
    assert (A @ y).max() - x @ A @ y <= 1e-8 * span_a
    assert (x @ B).max() - x @ B @ y <= 1e-8 * span_b


@given(scaled_pairs())
def test_pure_equilibria_scale_invariant(pair):
    exact, scaled = pair
    want = {_key(p) for p in solvers.pure_equilibria(exact).equilibria}
    assert {_key(p) for p in solvers.pure_equilibria(scaled).equilibria} == want


@given(scaled_pairs(), st.booleans(), st.booleans())
def test_dominance_scale_invariant(pair, mixed, strict):
    exact, scaled = pair
    want = solvers.eliminate_dominated(exact, mixed=mixed, strict=strict)
    got = solvers.eliminate_dominated(scaled, mixed=mixed, strict=strict)
    if strict:  # iterated strict dominance: one order-independent answer
        assert got.surviving == want.surviving
    else:  # the first round of weak dominance is order-independent
        one = solvers.eliminate_dominated(scaled, mixed=mixed, strict=False, max_rounds=1)
        ref = solvers.eliminate_dominated(exact, mixed=mixed, strict=False, max_rounds=1)
        assert one.surviving == ref.surviving


def test_scale_of_tiny_and_offset_payoffs():
    from solvers._scale import payoff_scale

    # per player and without a floor of 1: a player paid in units of 1e-9 keeps its distinctions
    assert payoff_scale(np.array([0.0, 1e-9])) == 1e-9
    assert payoff_scale(np.array([-3e-9, 1e-9])) == 4e-9
    # the span, floored at 1e-6 max |u|: an offset of 1e9 does not blur differences of 1
    assert payoff_scale(np.array([1e9 + 1, 1e9 + 2])) == pytest.approx(1e3, rel=1e-6)
    assert payoff_scale(np.array([5.0, 5.0])) == pytest.approx(5e-6)
    assert payoff_scale(np.zeros(3)) == 1.0


def test_offset_payoffs_keep_their_answers():
    # Matching Pennies and the Prisoner's Dilemma plus 1e9 (reproducers from the red-team pass):
    # no pure equilibrium in the first, defection strictly dominant in the second
    off = 1e9
    mp = NormalFormGame.bimatrix(np.array([[0.5, -0.5], [-0.5, 0.5]]) + off,
                                 np.array([[-0.5, 0.5], [0.5, -0.5]]) + off)
    assert solvers.pure_equilibria(mp).profiles == ()
    assert not mp.pure_profile((0, 0)).is_nash()
    pd = NormalFormGame.bimatrix(np.array([[3.0, 0], [5, 1]]) * 0.1 + off,
                                 np.array([[3.0, 5], [0, 1]]) * 0.1 + off)
    assert solvers.eliminate_dominated(pd, strict=True).surviving == ((1,), (1,))
    r = solvers.extreme_equilibria(mp)
    assert [tuple(map(float, s)) for p in r.equilibria for s in p.strategies] == [(0.5, 0.5), (0.5, 0.5)]
    assert solvers.support_enumeration(mp).status == "ok"
    assert solvers.lemke_howson(mp).equilibria[0].is_nash()


def test_rounding_noise_is_still_a_tie():
    # 0.1 + 0.2 and 0.3 differ in the last place only: a tie in float mode
    g = NormalFormGame.bimatrix([[0.1 + 0.2], [0.3]], [[0.0], [0.0]])
    assert solvers.pure_equilibria(g).profiles == ((0, 0), (1, 0))
    assert solvers.eliminate_dominated(g).surviving == ((0, 1), (0,))


def test_pure_equilibria_distinguish_nanodollar_payoffs():
    # 1x2: the column player strictly prefers column 1 by 2e-9; (0, 0) is not an equilibrium
    g = NormalFormGame.bimatrix([[2.0, 2.0]], [[0.0, 2e-9]])
    assert solvers.pure_equilibria(g).profiles == ((0, 1),)
    assert not g.pure_profile((0, 0)).is_nash()
    assert g.pure_profile((0, 1)).is_nash()


def test_support_enumeration_status_with_unequal_player_scales():
    # row payoffs in units of 1, column payoffs ~1e9: nondegenerate, one pure equilibrium
    g = NormalFormGame.bimatrix([[0.0], [1.0]], [[2.0**30], [2.0**30]])
    r = solvers.support_enumeration(g)
    assert r.status == "ok"
    assert [p.support() for p in r.equilibria] == [((1,), (0,))]
