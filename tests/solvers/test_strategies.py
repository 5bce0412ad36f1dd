"""The public hypothesis strategies produce what they promise."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, strategies as st

from solvers import InvalidInputError, NormalFormGame
from solvers.strategies import (
    bimatrix_games,
    degenerate_games,
    games,
    mixed_profiles,
    payoff_values,
    pure_profiles,
    symmetric_games,
    zero_sum_games,
)


@given(games(n_players=st.integers(1, 4), max_actions=3, payoffs="any", max_profiles=64))
def test_games_respect_bounds(g):
    assert isinstance(g, NormalFormGame)
    assert 1 <= g.n_players <= 4 and all(1 <= m <= 3 for m in g.shape)
    assert g.n_profiles <= 64 or all(m == 1 for m in g.shape)


@given(games(2, payoffs="fraction"))
def test_fraction_games_are_exact(g):
    assert g.exact and all(isinstance(x, F) for p in g.payoffs for x in p.reshape(-1))


@given(games(2, payoffs="float"))
def test_float_games_are_finite_floats(g):
    assert not g.exact and all(np.isfinite(p).all() for p in g.float_payoffs())


@given(bimatrix_games(min_actions=2, max_actions=5))
def test_bimatrix_sizes(g):
    assert g.n_players == 2 and 2 <= min(g.shape) and max(g.shape) <= 5


@given(zero_sum_games(payoffs="fraction"))
def test_zero_sum(g):
    assert g.is_zero_sum()


@given(symmetric_games())
def test_symmetric(g):
    assert g.is_symmetric()


@given(degenerate_games())
def test_degenerate_games_are_degenerate(g):
    A, B = g.payoffs
    # some player has a duplicated action, constant payoffs, or payoffs only from {0, 1, 2}
    dup_row = len({tuple(r) for r in A.tolist()}) < g.shape[0] and len({tuple(r) for r in B.tolist()}) < g.shape[0]
    dup_col = len({tuple(c) for c in A.T.tolist()}) < g.shape[1] and len({tuple(c) for c in B.T.tolist()}) < g.shape[1]
    const = len(set(A.reshape(-1))) == 1 or len(set(B.reshape(-1))) == 1
    small = set(A.reshape(-1)) | set(B.reshape(-1)) <= {0, 1, 2}
    assert dup_row or dup_col or const or small


@given(games(3, max_actions=3).flatmap(lambda g: st.tuples(st.just(g), mixed_profiles(g), pure_profiles(g))))
def test_profiles(args):
    g, p, a = args
    assert p.game is g and p.exact
    assert all(sum(s) == 1 for s in p.strategies)
    assert all(0 <= a[i] < g.shape[i] for i in range(g.n_players))


def test_bad_arguments():
    with pytest.raises(InvalidInputError, match="kind"):
        payoff_values("complex")
