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
    assert payoff_scale(np.array([-3e-9, 1e-9])) == 4e-9  # the span when it is larger
    assert payoff_scale(np.array([1e9 + 1, 1e9 + 2])) == 1e9 + 2
    assert payoff_scale(np.array([5.0, 5.0])) == 5.0
    assert payoff_scale(np.zeros(3)) == 1.0


def test_pure_equilibria_distinguish_nanodollar_payoffs():
    # 1x2: the column player strictly prefers column 1 by 2e-9; (0, 0) is not an equilibrium
    g = NormalFormGame.bimatrix([[2.0, 2.0]], [[0.0, 2e-9]])
    assert solvers.pure_equilibria(g).profiles == ((0, 1),)
    assert not g.pure_profile((0, 0)).is_nash()
    assert g.pure_profile((0, 1)).is_nash()

