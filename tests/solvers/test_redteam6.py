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
