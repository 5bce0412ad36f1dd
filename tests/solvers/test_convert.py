"""Conversions to and from the anchors' game objects round-trip and mean the same game."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

from solvers import NormalFormGame, UnsupportedError
from solvers.convert import from_nashpy, from_pygambit, from_quantecon, to_nashpy, to_pygambit, to_quantecon
from solvers.strategies import games


@pytest.mark.anchor
@given(games(n_players=3, payoffs="fraction", max_actions=3))
def test_pygambit_roundtrip(g):
    pytest.importorskip("pygambit")
    assert from_pygambit(to_pygambit(g)) == g


@pytest.mark.anchor
@given(games(n_players=3, payoffs="int", max_actions=3))
def test_quantecon_roundtrip_and_meaning(g):
    pytest.importorskip("quantecon")
    q = to_quantecon(g)
    # quantecon's payoff_profile_array is indexed like ours, with players on the last axis
    prof = np.asarray(q.payoff_profile_array)
    for i in range(g.n_players):
        assert np.array_equal(prof[..., i], g.float_payoffs()[i])
    assert from_quantecon(q, exact=True) == g


@pytest.mark.anchor
def test_nashpy_roundtrip():
    pytest.importorskip("nashpy")
    g = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert from_nashpy(to_nashpy(g), exact=True) == g
    with pytest.raises(UnsupportedError, match="two-player"):
        to_nashpy(NormalFormGame.from_payoff_function((2, 2, 2), lambda a, b, c: (a, b, c)))
