"""Red-team regressions for spi/: float tolerances relative to the payoff scale."""

from __future__ import annotations

import numpy as np
import pytest

import spi
from solvers import NormalFormGame
from spi import examples


def _scaled(g: NormalFormGame, s: float) -> NormalFormGame:
    return NormalFormGame([np.array(p, dtype=float) * s for p in g.payoffs], labels=g.labels, players=g.players)


@pytest.mark.parametrize("scale", [1e-9, 1.0, 1e9])
def test_demand_game_spi_found_at_any_payoff_scale(scale):
    # Oesterheld & Conitzer (JAAMAS 2022), Tables 1-2: the Demand Game has exactly one SPI
    # (DM -> DL, RM -> RL for both players), strict.  Before the fix, the float game scaled by
    # 1e-9 gave 6 "SPIs": payoffs within the absolute tolerance 1e-9 were treated as equal.
    g = _scaled(examples.demand_game(), scale)
    r = spi.find_spis(g)
    assert r.count == 1 and r.spis[0].kind == "isomorphism" and r.spis[0].strict
    assert r.spis[0].mapping == ({"DM": "DL", "RM": "RL"}, {"DM": "DL", "RM": "RL"})
    assert spi.brute_force_spis(g).count == 1
    v = spi.is_spi(g, _scaled(examples.demand_game_spi(), scale), strict=True)
    assert v.is_spi and v.strict


def test_tiny_payoff_differences_are_not_isomorphic():
    # 10% apart in one cell: no isomorphism (up to positive affine maps) at any scale
    A = np.array([[3.0, 1], [0, 2]])
    B = np.array([[3.0, 0], [1, 2]])
    for s in (1e-9, 1.0):
        g = NormalFormGame.from_arrays(A * s, B * s)
        h = NormalFormGame.from_arrays((A + [[0.3, 0], [0, 0]]) * s, B * s)
        assert spi.isomorphisms(g, h).count == 0
        assert spi.isomorphisms(g, g).count >= 1
