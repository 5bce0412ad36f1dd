"""Game isomorphisms: literature example, planted relabellings, brute-force cross-check, errors."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import InvalidGameError, InvalidInputError, NormalFormGame
from solvers.strategies import bimatrix_games, games
from spi import is_isomorphism, isomorphisms


def test_blog_demand_game_isomorphic_copy():
    # Oesterheld, "Safe Pareto improvements: making everyone better off without taking chances"
    # (CMU ML blog 2025), Tables 2 and 3: the Demand Game and a relabelled copy in which player
    # 1's actions are swapped and her payoffs shifted by +2.
    demand = NormalFormGame.from_arrays([[-8, 2], [0, 0]], [[-8, 0], [2, 0]],
                                        labels=[["Demand", "Refrain"], ["Demand", "Refrain"]])
    copy = NormalFormGame.from_arrays([[2, 2], [-6, 4]], [[2, 0], [-8, 0]],
                                      labels=[["a1", "b1"], ["a2", "b2"]])
    r = isomorphisms(demand, copy)
    assert r.isomorphic and r.count == 1 and r.ok and r.exact
    phi = r[0]
    assert phi.action_map() == ({"Demand": "b1", "Refrain": "a1"}, {"Demand": "a2", "Refrain": "b2"})
    assert phi.scale == (1, 1) and phi.shift == (2, 0)
    assert is_isomorphism(demand, copy, phi)
    assert is_isomorphism(copy, demand, phi.inverse())
    # lowering player 2's payoffs by 1 everywhere keeps the isomorphism (affine), not "exact"
    assert isomorphisms(demand, copy, maps="exact").count == 0
    assert isomorphisms(demand, copy, maps="shift").count == 1


def _brute_force(ga, gb, maps="affine"):
    """Every pair of permutations; an affine map fitted and checked exactly."""
    out = []
    A = [np.array(p) for p in ga.payoffs]
    B = [np.array(p) for p in gb.payoffs]
    for perms in itertools.product(*(itertools.permutations(range(m)) for m in ga.shape)):
        ok = True
        for i in range(ga.n_players):
            mapped = B[i][np.ix_(*perms)]
            xs, ys = A[i].reshape(-1).tolist(), mapped.reshape(-1).tolist()
            pairs = list(zip(xs, ys))
            distinct = [(x, y) for x, y in pairs if x != pairs[0][0]]
            if not distinct:
                good = all(y == pairs[0][1] for _, y in pairs) if maps != "exact" else all(x == y for x, y in pairs)
            else:
                (x0, y0), (x1, y1) = pairs[0], distinct[0]
                lam = Fraction(y1 - y0) / Fraction(x1 - x0)
                good = lam > 0 and all(y == y0 + lam * (x - x0) for x, y in pairs)
                if maps == "exact":
                    good = all(x == y for x, y in pairs)
            if not good:
                ok = False
                break
        if ok:
            # perms[i][x] is the image of action x, as in GameIsomorphism.actions
            out.append(tuple(tuple(p) for p in perms))
    return sorted(out)


@settings(max_examples=30)
@given(bimatrix_games(min_actions=1, max_actions=3, payoffs="small"), st.data())
def test_matches_brute_force_on_small_games(g, data):
    # relabel and rescale a copy, then compare all isomorphisms with brute force
    perms = [data.draw(st.permutations(range(m))) for m in g.shape]
    pays = [np.array(p)[np.ix_(*perms)] * data.draw(st.integers(1, 3)) + data.draw(st.integers(-3, 3))
            for p in g.payoffs]
    h = NormalFormGame.from_arrays(pays)
    r = isomorphisms(g, h)
    ours = sorted(phi.actions for phi in r)
    assert ours == _brute_force(g, h)
    assert r.isomorphic  # the planted one
    for phi in r:
        assert is_isomorphism(g, h, phi)
        assert all(s > 0 for s in phi.scale)


@settings(max_examples=25)
@given(games(st.integers(2, 3), min_actions=1, max_actions=4, payoffs="int", max_profiles=48), st.data())
def test_random_relabelling_and_rescaling_recognized(g, data):
    perms = [data.draw(st.permutations(range(m))) for m in g.shape]
    scales = [Fraction(data.draw(st.integers(1, 9)), data.draw(st.integers(1, 5))) for _ in g.shape]
    shifts = [Fraction(data.draw(st.integers(-20, 20)), 3) for _ in g.shape]
    pays = []
    for i, p in enumerate(g.payoffs):
        arr = np.array(p, dtype=object)[np.ix_(*perms)]
        pays.append(arr * scales[i] + shifts[i])
    h = NormalFormGame(pays)
    r = isomorphisms(g, h)
    assert r.isomorphic
    planted = tuple(tuple(perms[i].index(x) for x in range(m)) for i, m in enumerate(g.shape))
    assert planted in {phi.actions for phi in r}
    assert all(is_isomorphism(g, h, phi) for phi in r)


@settings(max_examples=25)
@given(bimatrix_games(min_actions=2, max_actions=4, payoffs="int"))
def test_float_game_recognized(g):
    h = NormalFormGame.from_arrays(*[np.array(p, dtype=float)[::-1] * 0.3 + 0.1 for p in g.payoffs])
    r = isomorphisms(g.as_float(), h)
    assert r.isomorphic and not r.exact
    assert all(is_isomorphism(g.as_float(), h, phi) for phi in r)


def test_not_isomorphic_when_a_ratio_changes():
    # Chicken with war at -3 versus war at -1: the gain/loss ratio differs, no affine map fits.
    a = NormalFormGame.from_arrays([[-3, 2], [0, 1]], [[-3, 0], [2, 1]])
    b = NormalFormGame.from_arrays([[-1, 2], [0, 1]], [[-1, 0], [2, 1]])
    r = isomorphisms(a, b)
    assert not r.isomorphic and r.count == 0 and r.ok


def test_automorphisms_of_constant_game_and_truncation():
    z = NormalFormGame.from_arrays(np.zeros((3, 3), dtype=int), np.zeros((3, 3), dtype=int))
    assert isomorphisms(z, z).count == 36  # (3!)^2 relabellings
    r = isomorphisms(z, z, max_results=5)
    assert r.count == 5 and r.status == "truncated" and r.isomorphic


def test_player_permutation_option():
    # an asymmetric game and its transpose are isomorphic only if players may be swapped
    g = NormalFormGame.from_arrays([[1, 0, 0], [0, 2, 0]], [[5, 1, 0], [0, 0, 3]])
    assert not isomorphisms(g, g.transpose()).isomorphic
    r = isomorphisms(g, g.transpose(), allow_player_permutation=True)
    assert r.isomorphic and r[0].players == (1, 0)
    assert is_isomorphism(g, g.transpose(), r[0])


def test_errors():
    g2 = NormalFormGame.from_arrays([[1, 2]], [[1, 2]])
    g3 = NormalFormGame.from_arrays(np.zeros((1, 1, 1)), np.zeros((1, 1, 1)), np.zeros((1, 1, 1)))
    with pytest.raises(InvalidGameError, match="isomorphisms\\(\\): game_b must be a game with 2 players"):
        isomorphisms(g2, g3)
    with pytest.raises(InvalidInputError, match="maps must be one of"):
        isomorphisms(g2, g2, maps="ordinal")
    with pytest.raises(InvalidGameError, match="game_a must be a NormalFormGame"):
        isomorphisms([[1]], g2)
    with pytest.raises(InvalidInputError, match="max_results"):
        isomorphisms(g2, g2, max_results=0)
