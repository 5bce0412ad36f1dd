"""Red-team regressions (session 3) for spi/ and spi/programs/: independent recomputations."""

from __future__ import annotations

import numpy as np
import pytest

import spi
from solvers import NormalFormGame


# -- float isomorphism keys ------------------------------------------------------------------------
def _boundary_game(d: float = 0.0) -> NormalFormGame:
    # a coordination game without dominated actions; 0.1234567895 sits on a 9-digit rounding
    # boundary, so rounding each payoff separately sends x and x + 1e-13 to different keys
    x = 0.1234567895
    return NormalFormGame.from_arrays([[1.0, 0.0], [0.0, x + d]], [[x, 0.0], [0.0, 1.0]])


@pytest.mark.parametrize("d", [1e-13, -1e-13, 3e-12])
def test_float_isomorphism_across_rounding_boundary(d):
    g, h = _boundary_game(), _boundary_game(d)
    # the games are equal within the float tolerance: the identity is an isomorphism
    r = spi.isomorphisms(g, h)
    assert r.count == spi.isomorphisms(g, g).count == 1
    assert r.isomorphisms[0].actions == ((0, 1), (0, 1))
    # so h is a (trivial, weak) SPI on g, derived through Assumption 2; before the fix the
    # isomorphism was missed, is_spi fell back to the trivial correspondence and said "no"
    v = spi.is_spi(g, h)
    assert v.is_spi and v.kind == "isomorphism" and not v.strict


def test_float_isomorphism_still_rejects_real_differences():
    g = _boundary_game()
    assert spi.isomorphisms(g, _boundary_game(1e-6)).count == 0
    assert not spi.is_spi(g, _boundary_game(-1e-3)).is_spi
