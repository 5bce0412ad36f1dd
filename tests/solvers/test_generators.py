"""Tests of the seeded game families in solvers.generators."""

import numpy as np
import pytest

from solvers import generators as G
from solvers.errors import InvalidInputError


def test_random_game_seeded_and_shapes():
    g1 = G.random_game((3, 4), 7)
    g2 = G.random_game((3, 4), 7)
    assert g1 == g2 and g1.shape == (3, 4) and not g1.exact
    assert G.random_game((3, 4), 8) != g1
    g3 = G.random_game((2, 3, 2), 1, -5, 5, integer=True)
    assert g3.exact and g3.n_players == 3
    vals = np.concatenate([np.asarray(p, dtype=float).ravel() for p in g3.payoffs])
    assert vals.min() >= -5 and vals.max() <= 5 and np.all(vals == np.round(vals))
    gf = G.random_game(5, np.random.default_rng(0), 2.0, 3.0)
    assert gf.shape == (5, 5)
    assert all(np.all((p >= 2) & (p < 3)) for p in gf.payoffs)


def test_covariance_game_correlation():
    for rho in (-1.0, 0.0, 0.9):
        g = G.covariance_game((60, 60), rho, 3)
        c = np.corrcoef(g.payoffs[0].ravel(), g.payoffs[1].ravel())[0, 1]
        assert abs(c - rho) < 0.06
    g = G.covariance_game((4, 4, 4), -0.5, 1)
    s = g.payoffs[0] + g.payoffs[1] + g.payoffs[2]  # rho = -1/(n-1): sum has zero variance
    assert np.allclose(s, 0, atol=1e-9)


def test_degenerate_and_duplicated():
    g = G.degenerate_game(5, 6, seed=2)
    assert g.exact and g.shape == (5, 6)
    assert set(np.concatenate([p.ravel() for p in g.payoffs]).tolist()) <= {0, 1, 2}
    d = G.duplicated_rows_game(8, 5, seed=4)
    A, B = d.payoffs
    rows = {tuple(A[i]) + tuple(B[i]) for i in range(8)}
    assert len(rows) <= 4  # ceil(8/2) distinct rows


def test_unit_vector_game():
    g = G.unit_vector_game(6, 5, seed=1)
    A = g.payoffs[0]
    assert np.all(A.sum(axis=0) == 1) and set(np.unique(A)) <= {0.0, 1.0}
    for s in range(50):
        h = G.unit_vector_game(4, 4, seed=s, avoid_pure_nash=True)
        A, B = h.payoffs
        for i in range(4):
            for j in range(4):
                assert not (A[i, j] == A[:, j].max() and B[i, j] == B[i].max())


def test_tournament_game():
    g = G.tournament_game(5, 2, seed=0)
    assert g.shape == (5, 10) and g.exact
    A, B = g.payoffs
    assert np.all(B.sum(axis=0) == 2)  # each 2-subset contains 2 nodes
    # a node beating all of S is never in S
    assert not np.any((A == 1) & (B == 1))


@pytest.mark.parametrize(
    "call",
    [
        lambda: G.random_game((0, 3), 1),
        lambda: G.random_game((2, 2), -1),
        lambda: G.random_game((2, 2), 1, 3.0, 1.0),
        lambda: G.covariance_game((2, 2), 1.5, 1),
        lambda: G.covariance_game((2, 2, 2), -0.9, 1),
        lambda: G.degenerate_game(0, 2),
        lambda: G.duplicated_rows_game(3, 3, distinct=5),
        lambda: G.tournament_game(3, 4),
    ],
)
def test_generator_errors(call):
    with pytest.raises(InvalidInputError):
        call()


def test_hard_game_paths_grow_exponentially():
    # Savani & von Stengel (2006)-style games: every Lemke-Howson path is long.  Path lengths
    # measured by exact integer pivoting (independent of the float kernel).
    from solvers._exact import exact_lemke_howson
    from solvers.complementary_pivoting import lemke_howson

    shortest, longest = [], []
    for d in (2, 4, 6, 8):
        g = G.hard_game(d)
        assert g.exact and g.shape == (d, d)
        A, B = g.payoffs
        lengths = [exact_lemke_howson(A, B, k)[3] for k in range(2 * d)]
        shortest.append(min(lengths))
        longest.append(max(lengths))
        # the float kernel follows the same paths
        r = lemke_howson(g.as_float(), "all")
        assert r.ok and r.max_regret <= 1e-6
        assert lemke_howson(g, 0).path_lengths == (lengths[0],)
    assert shortest == [4, 8, 16, 40]
    assert longest == [4, 20, 88, 376]
    # max_pivots makes the long paths report truncation instead of running on
    r = lemke_howson(G.hard_game(8), 0, max_pivots=100)
    assert r.status == "truncated"


def test_hard_game_has_a_certified_equilibrium():
    from solvers.support_enum import support_enumeration

    g = G.hard_game(6)
    se = support_enumeration(g)
    assert len(se) >= 1 and all(e.is_nash() for e in se.equilibria)


@pytest.mark.parametrize("d", [0, 3, 1, 2.0, 40])
def test_hard_game_errors(d):
    with pytest.raises(InvalidInputError):
        G.hard_game(d)
