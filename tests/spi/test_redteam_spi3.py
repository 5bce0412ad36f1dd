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


# -- simulation programs: deep nesting ---------------------------------------------------------------
def test_deep_simulation_is_truncated_not_a_recursion_error():
    from spi.programs import epsilon_grounded_fairbot, mirror_bot, run_match

    # two MirrorBots simulate each other forever: every budget must cut them (fallback D).  With
    # max_depth beyond the interpreter's recursion limit run_match used to raise RecursionError.
    m = mirror_bot()
    for d in (50, 5000):
        r = run_match(m, m, max_depth=d, max_steps=10**6)
        assert r.status == "truncated" and r.outputs == ("D", "D") and r.exhausted == (True, True)
    assert "Python stack" in r.message
    # a grounded FairBot halts at depth k with probability eps (1 - eps)^k: with eps = 1/10^6
    # almost every run is deeper than the stack allows, and is reported as cut, never raised
    fb = epsilon_grounded_fairbot("1/1000000")
    r = run_match(fb, fb, max_depth=10**6, max_steps=10**7, seed=1)
    assert r.status == "truncated" and r.outputs == ("D", "D")
    # a shallow budget still behaves as before (no stack note)
    r = run_match(fb, fb, max_depth=20, max_steps=100, seed=1)
    assert r.status == "truncated" and "Python stack" not in r.message
