"""Coalitional games: Shapley value, core, nucleolus; classic examples with sources."""

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import (
    CoalitionalGame,
    airport_game,
    bankruptcy_game,
    core,
    glove_game,
    nucleolus,
    shapley_value,
    talmud_rule,
)
from bargaining.coalitional import airport_sequential_split, is_prenucleolus
from bargaining.strategies import coalitional_games
from solvers.errors import InvalidInputError, LimitError


def shapley_by_orders(g):
    """Independent check: average marginal contributions over all n! orders."""
    n = g.n_players
    tot = [F(0)] * n
    for order in itertools.permutations(range(n)):
        S = 0
        for i in order:
            tot[i] += g.v(S | 1 << i) - g.v(S)
            S |= 1 << i
    return tuple(t / math.factorial(n) for t in tot)


def test_glove_game():
    # one left glove, two right gloves: Shapley (2/3, 1/6, 1/6); core = nucleolus = (1, 0, 0)
    g = glove_game(1, 2)
    assert shapley_value(g).value == (F(2, 3), F(1, 6), F(1, 6))
    c = core(g)
    assert c.nonempty and c.point == (1, 0, 0) and c.least_core_epsilon == 0
    assert nucleolus(g).value == (1, 0, 0)


@pytest.mark.parametrize("estate,expected", [
    # Aumann & Maschler (1985), J. Econ. Theory 36: the Talmud's estates, claims 100/200/300
    (100, (F(100, 3), F(100, 3), F(100, 3))),
    (200, (F(50), F(75), F(75))),
    (300, (F(50), F(100), F(150))),
])
def test_talmud_nucleolus(estate, expected):
    claims = [100, 200, 300]
    g = bankruptcy_game(estate, claims)
    r = nucleolus(g)
    assert r.value == expected and r.exact and r.certified
    assert talmud_rule(estate, claims) == expected
    assert nucleolus(g, pre=True).value == expected       # convex game: nucleolus = prenucleolus
    assert core(g).nonempty


def test_talmud_rule_matches_nucleolus_random():
    rng = np.random.default_rng(2)
    for _ in range(15):
        claims = rng.integers(1, 50, size=4).tolist()
        E = int(rng.integers(0, sum(claims) + 1))
        assert nucleolus(bankruptcy_game(E, claims)).value == talmud_rule(E, claims)


def test_airport_game_littlechild_owen():
    # Littlechild & Owen (1973): Shapley value = each runway segment split equally among its users
    costs = [1, 2, 3, 6]
    g = airport_game(costs)
    assert g.cost
    sv = shapley_value(g).value
    assert sv == airport_sequential_split(costs) == (F(1, 4), F(7, 12), F(13, 12), F(49, 12))
    assert sum(sv) == 6
    c = core(g)
    assert c.nonempty
    x = c.point
    for S in range(1, 16):                       # cost game core: x(S) <= c(S)
        assert sum(x[i] for i in range(4) if S >> i & 1) <= g.v(S)
    nu = nucleolus(g).value
    assert sum(nu) == 6 and all(sum(nu[i] for i in range(4) if S >> i & 1) <= g.v(S) for S in range(1, 16))


def test_empty_core_majority_game():
    g = CoalitionalGame(lambda S: 1 if len(S) >= 2 else 0, 3)
    c = core(g)
    assert not c.nonempty and c.least_core_epsilon == F(1, 3)
    # Bondareva-Shapley certificate: balanced weights with sum w_S v(S) > v(N)
    w = c.balancing_weights
    assert sum(w.values()) * 1 > 0
    cover = [sum(wt for S, wt in w.items() if i in S) for i in range(3)]
    assert all(cv == cover[0] for cv in cover)
    assert sum(wt * g.v(S) for S, wt in w.items()) / cover[0] > g.grand
    assert nucleolus(g).value == (F(1, 3),) * 3


@settings(max_examples=25)
@given(coalitional_games(4))
def test_shapley_matches_permutation_average(g):
    assert shapley_value(g).value == shapley_by_orders(g)


@settings(max_examples=20)
@given(coalitional_games(4), coalitional_games(4))
def test_shapley_axioms(g, h):
    sg, sh = shapley_value(g).value, shapley_value(h).value
    # efficiency
    assert sum(sg) == g.grand
    # additivity
    gh = CoalitionalGame([a + b for a, b in zip(g.values, h.values)])
    assert shapley_value(gh).value == tuple(a + b for a, b in zip(sg, sh))
    # null player: make player 0 null
    vals = list(g.values)
    for S in range(16):
        if S & 1:
            vals[S] = vals[S ^ 1]
    z = shapley_value(CoalitionalGame(vals)).value
    assert z[0] == 0
    # symmetry: symmetrize players 0 and 1
    sym = [max(g.values[S], g.values[_swap(S)]) for S in range(16)]
    s = shapley_value(CoalitionalGame(sym)).value
    assert s[0] == s[1]


def _swap(S):
    b0, b1 = S & 1, S >> 1 & 1
    return (S & ~3) | (b0 << 1) | b1


@settings(max_examples=15)
@given(coalitional_games(4, superadditive=True))
def test_nucleolus_in_core_when_nonempty(g):
    r = nucleolus(g)
    assert r.certified, r.message
    c = core(g)
    x = r.value
    in_core = all(sum(x[i] for i in range(4) if S >> i & 1) >= g.v(S) for S in range(1, 16))
    if c.nonempty:
        assert in_core
        assert r.excess_levels[0] <= 0
    assert sum(x) == g.grand


@settings(max_examples=15)
@given(coalitional_games(4))
def test_prenucleolus_kohlberg_certified(g):
    r = nucleolus(g, pre=True)
    assert r.certified and is_prenucleolus(g, r.value)
    # a perturbed efficient point is not the prenucleolus
    x = list(r.value)
    x[0] += 1
    x[1] -= 1
    assert not is_prenucleolus(g, x)


def test_float_matches_exact():
    g = bankruptcy_game(200, [100, 200, 300])
    gf = g.as_float()
    assert np.allclose(shapley_value(gf).value, [float(v) for v in shapley_value(g).value])
    assert np.allclose(nucleolus(gf).value, [50, 75, 75], atol=1e-7)
    assert core(gf).nonempty


def test_shapley_many_players_and_limits():
    g = CoalitionalGame(lambda S: len(S) ** 2, 14)
    assert shapley_value(g).value == (F(14),) * 14
    with pytest.raises(LimitError):
        shapley_value(g, max_players=10)
    with pytest.raises(LimitError):
        CoalitionalGame([0] * (1 << 25))


@pytest.mark.parametrize("make,match", [
    (lambda: CoalitionalGame([1, 0]), "empty coalition"),
    (lambda: CoalitionalGame([0, 1, 2]), "2\\^n"),
    (lambda: CoalitionalGame([0, float("nan")]), "finite"),
    (lambda: CoalitionalGame(lambda S: 0), "n"),
    (lambda: CoalitionalGame({(0,): 1}, 2), "grand coalition"),
    (lambda: bankruptcy_game(700, [100, 200, 300]), "estate"),
    (lambda: nucleolus(CoalitionalGame([0, 5, 5, 1])), "imputations"),
    (lambda: airport_game([]), "costs"),
])
def test_errors(make, match):
    with pytest.raises(InvalidInputError, match=match):
        make()


def test_mapping_constructor_and_access():
    g = CoalitionalGame({(0,): 1, (1,): 2, (0, 1): 5})
    assert g.n_players == 2 and g.v([0, 1]) == 5 and g({1}) == 2
    assert shapley_value(g).value == (F(2), F(3))
    assert g.is_superadditive() and g.is_convex()
