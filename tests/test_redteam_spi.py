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


@pytest.mark.parametrize("scale", [1e-9, 1e9])
def test_reduction_and_perfect_coordination_scale(scale):
    # strict dominance by pure strategies is scale invariant: the Prisoner's Dilemma reduces to
    # (D, D) at any scale (it was not reduced at all at 1e-9); the perfect-coordination LP then
    # improves (D, D) to (C, C) = (3, 3) * scale (Oesterheld & Conitzer 2022, Sect. 5)
    pd = examples.prisoners_dilemma()
    pf = _scaled(pd, scale)
    assert spi.reduce_dominated(pf).surviving == spi.reduce_dominated(pd).surviving == ((1,), (1,))
    r, rf = spi.perfect_coordination(pd), spi.perfect_coordination(pf)
    assert rf.exists_strict and rf.improvable == r.improvable == (True,)
    assert np.allclose(rf.assigned_payoffs[0], [3 * scale, 3 * scale], rtol=1e-9, atol=0)
    assert rf.objective == pytest.approx(float(r.objective) * scale, rel=1e-9)
    # a random 3x3 game where the unscaled LP at 1e-9 called every outcome improvable
    A = [[-2, 1, -2], [-1, 1, -2], [3, 1, -2]]
    B = [[-1, 1, -1], [1, 3, -1], [-2, -1, 0]]
    g = NormalFormGame.from_arrays(A, B)
    gf = NormalFormGame.from_arrays(np.array(A, float) * scale, np.array(B, float) * scale)
    assert spi.perfect_coordination(gf).improvable == spi.perfect_coordination(g).improvable


@pytest.mark.parametrize("offset", [1e9, -1e9])
def test_spi_with_payoff_offsets(offset):
    # adding a constant to a player's payoffs is a positive affine map (Assumption 2): nothing
    # changes.  With payoffs 1e9 + O(1) the tolerance 1e-9 * max|u| = 1 used to merge payoffs
    # (6 "SPIs" of the Demand Game) and the PD was not reduced / not improved.
    def off(g):
        return NormalFormGame([np.array(p, dtype=float) + offset for p in g.payoffs], labels=g.labels,
                              players=g.players)

    g, s, pd = examples.demand_game(), examples.demand_game_spi(), examples.prisoners_dilemma()
    assert spi.find_spis(off(g)).count == 1
    v = spi.is_spi(off(g), off(s), strict=True)
    assert v.is_spi and v.strict
    assert spi.reduce_dominated(off(pd)).surviving == ((1,), (1,))
    pc = spi.perfect_coordination(off(pd))
    assert pc.improvable == (True,)
    assert np.allclose(pc.assigned_payoffs[0], [3 + offset, 3 + offset], rtol=0, atol=1e-6)
    assert pc.objective == pytest.approx(6 + 2 * offset, abs=1e-6)
