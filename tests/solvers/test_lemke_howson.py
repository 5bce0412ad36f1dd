"""Tests of solvers.lemke_howson: literature games, degenerate regressions, exact certificates."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import NormalFormGame, generators
from solvers.errors import InvalidInputError, UnsupportedError
from solvers.complementary_pivoting import LemkeHowsonResult, lemke_howson
from solvers.strategies import degenerate_games
from solvers.support_enum import support_enumeration
from tests.conftest import HEAVY_SCALE

# von Stengel (2002), Handbook of Game Theory vol. 3, ch. 45, Fig. 2.1 / (2007) AGT ch. 3,
# Sect. 3.2: the 3x2 game with three equilibria.
VS_A = [[3, 3], [2, 5], [0, 6]]
VS_B = [[3, 2], [2, 6], [3, 1]]
VS_EQ = {
    ((F(1), F(0), F(0)), (F(1), F(0))),
    ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
    ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
}


def _as_set(res):
    return set(res.strategies)


def test_von_stengel_paths():
    g = NormalFormGame.bimatrix(VS_A, VS_B)
    # the equilibrium reached from each dropped label (von Stengel 2007, Fig. 3.3 traces
    # label 1 (our 0-based label 1, his "2") to ((0, 1/3, 2/3), (1/3, 2/3)))
    expected = {0: 0, 1: 2, 2: 0, 3: 0, 4: 2}
    target = {0: ((F(1), F(0), F(0)), (F(1), F(0))), 2: ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}
    for lab, which in expected.items():
        r = lemke_howson(g, lab)
        assert isinstance(r, LemkeHowsonResult) and r.ok and r.exact
        assert r.strategies == (target[which],)
        assert r.regrets == (0,) and r.labels == ((lab,),)
    # the middle equilibrium has index -1 and is never found from the artificial one
    assert lemke_howson(g, 1).path_lengths == (4,)
    res = lemke_howson(g, "all")
    assert _as_set(res) == set(target.values())
    assert _as_set(res) < VS_EQ
    assert sorted(l for ls in res.labels for l in ls) == [0, 1, 2, 3, 4]


def test_float_and_exact_agree_on_von_stengel():
    g = NormalFormGame.bimatrix(VS_A, VS_B)
    for lab in range(5):
        re = lemke_howson(g, lab)
        rf = lemke_howson(g.as_float(), lab)
        assert not rf.exact and rf.max_regret <= 1e-12
        for se, sf in zip(re.equilibria[0].strategies, rf.equilibria[0].strategies):
            assert np.allclose(np.array(se, dtype=float), sf, atol=1e-12)
        assert re.path_lengths == rf.path_lengths


@pytest.mark.parametrize(
    "A,B,eq",
    [
        # matching pennies: unique equilibrium, uniform
        ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))),
        # rock-paper-scissors: unique equilibrium, uniform
        ([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
         ((F(1, 3),) * 3, (F(1, 3),) * 3)),
        # Shapley (1964), "Some topics in two-person games": unique equilibrium, uniform
        ([[0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
         ((F(1, 3),) * 3, (F(1, 3),) * 3)),
    ],
)
def test_unique_equilibrium_games(A, B, eq):
    g = NormalFormGame.bimatrix(A, B)
    res = lemke_howson(g, "all")
    assert res.ok and res.strategies == (eq,)
    assert res.regrets == (0,)
    assert lemke_howson(g).strategies == (eq,)


def test_battle_of_the_sexes():
    # battle of the sexes (Luce & Raiffa 1957): two pure equilibria and ((2/3, 1/3), (1/3, 2/3))
    g = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = lemke_howson(g, "all")
    found = _as_set(res)
    allq = {((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1))),
            ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}
    assert found <= allq and len(found) == 2  # the mixed one has index -1
    assert _as_set(support_enumeration(g)) == allq


# QuantEcon's degenerate Lemke-Howson regressions (quantecon/game_theory/tests/
# test_lemke_howson.py), re-derived: their Player(B) arrays are indexed [own, opponent], so
# our column player's matrix is the transpose.  Ad hoc tie breaking cycles on the last two.
_QA = np.array([[0, 0, 0], [0, 1, 1], [1, 1, 0]])
_QB = np.array([[1, 0, 1], [1, 1, 0], [0, 0, 2]])
_PERM = [2, 0, 1]


@pytest.mark.parametrize(
    "A,B,eq",
    [
        ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
         ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))),
        (_QA, _QB.T, ((F(0), F(2, 3), F(1, 3)), (F(0), F(1), F(0)))),
        (_QA[:, _PERM], _QB[_PERM, :].T, ((F(0), F(2, 3), F(1, 3)), (F(0), F(0), F(1)))),
    ],
)
def test_quantecon_degenerate_regressions(A, B, eq):
    g = NormalFormGame.bimatrix(A, B)
    r = lemke_howson(g, 0)
    assert r.ok and r.strategies == (eq,) and r.regrets == (0,)
    rf = lemke_howson(g.as_float(), 0)
    assert rf.ok and rf.max_regret <= 1e-12
    # every label terminates with a certified equilibrium
    for lab in range(sum(g.shape)):
        r = lemke_howson(g, lab)
        assert r.ok and r.equilibria[0].is_nash()


def test_capping_matches_plain_runs():
    g = generators.random_game((30, 30), 5)
    plain = lemke_howson(g, 0, max_pivots=10**6)
    r = lemke_howson(g, capping=0)
    assert r.strategies == plain.strategies
    rc = lemke_howson(g, capping=10)
    assert rc.ok and rc.max_regret <= 1e-9 and rc.total_pivots >= rc.path_lengths[0]
    lab = rc.labels[0][0]
    assert lemke_howson(g, lab).path_lengths == rc.path_lengths


def test_truncation_reported():
    g = generators.random_game((40, 40), 3)
    full = lemke_howson(g, 0)
    assert full.path_lengths[0] > 2
    r = lemke_howson(g, 0, max_pivots=2)
    assert r.status == "truncated" and r.equilibria == () and "max_pivots=2" in r.message
    re = lemke_howson(generators.random_game((8, 8), 1, 0, 9, integer=True), "all", max_pivots=1)
    assert re.status in ("truncated", "ok") and re.exact
    assert all(e.is_nash() for e in re.equilibria)


@settings(max_examples=25)
@given(st.integers(0, 2**31), st.integers(1, 6), st.integers(1, 6))
def test_lh_equilibria_belong_to_support_enumeration(seed, m, n):
    # generic (nondegenerate with probability 1) float games
    g = generators.random_game((m, n), seed)
    se = support_enumeration(g)
    assert se.ok
    lh = lemke_howson(g, "all")
    assert lh.ok and lh.max_regret <= 1e-9
    for eq in lh.equilibria:
        assert any(
            all(np.allclose(a, b, atol=1e-7) for a, b in zip(eq.strategies, e2.strategies))
            for e2 in se.equilibria
        )
    # equilibria of nondegenerate games come in odd number; LH pairs the artificial one
    assert len(se) % 2 == 1


@settings(max_examples=25)
@given(st.integers(0, 2**31), st.integers(1, 5), st.integers(1, 5))
def test_exact_vs_float_integer_games(seed, m, n):
    g = generators.random_game((m, n), seed, -5, 5, integer=True)
    for lab in range(m + n):
        re = lemke_howson(g, lab)
        assert re.ok and re.exact and re.regrets == (0,)
        assert re.equilibria[0].is_nash()
        rf = lemke_howson(g, lab, exact=False)
        assert rf.ok and rf.max_regret <= 1e-9


@settings(max_examples=30)
@given(degenerate_games(max_actions=5))
def test_degenerate_games_never_cycle(g):
    res = lemke_howson(g, "all")
    assert res.ok and res.exact
    assert len(res) >= 1
    for eq, r in zip(res.equilibria, res.regrets):
        assert r == 0 and eq.is_nash()


def test_duplicated_rows_terminate():
    for seed in range(10):
        g = generators.duplicated_rows_game(8, 6, seed)
        res = lemke_howson(g, "all")
        assert res.ok and all(e.is_nash() for e in res.equilibria)
        rf = lemke_howson(g.as_float(), "all")
        assert rf.ok and rf.max_regret <= 1e-9


def test_exact_on_float_game_reads_decimals():
    g = NormalFormGame.bimatrix([[0.1, 0.0], [0.0, 0.2]], [[0.2, 0.0], [0.0, 0.1]])
    r = lemke_howson(g, 2, exact=True)
    assert r.exact and r.regrets == (0,)
    assert all(isinstance(v, F) for s in r.strategies[0] for v in s)


def test_exact_integer_pivoting_matches_float_paths():
    from solvers import _exact

    for seed in range(5):
        g = generators.random_game((6, 5), seed, 0, 20, integer=True)
        A, B = g.payoffs
        for lab in range(11):
            st_, x, y, piv = _exact.exact_lemke_howson(A, B, lab)
            r = lemke_howson(g, lab)
            assert st_ == "ok" and r.path_lengths == (piv,)
            assert r.strategies[0] == (tuple(x.tolist()), tuple(y.tolist()))


@pytest.mark.parametrize("size", [200])
def test_large_games_solved(size):
    for seed in range(3 * HEAVY_SCALE):
        g = generators.random_game((size, size), seed)
        r = lemke_howson(g)
        assert r.ok and r.max_regret <= 1e-9


@pytest.mark.heavy
def test_400_games_solved():
    for seed in range(3 * HEAVY_SCALE):
        g = generators.random_game((400, 400), seed)
        r = lemke_howson(g)
        assert r.ok and r.max_regret <= 1e-9


def test_singleton_and_scaled_payoffs():
    g = NormalFormGame.bimatrix([[5]], [[-3]])
    assert lemke_howson(g).strategies == (((F(1),), (F(1),)),)
    # payoffs spanning 1e-9 .. 1e9
    A = np.array([[1e9, 1e-9], [2e-9, 5e8]])
    B = np.array([[1e-9, 3e8], [7e8, 1e-9]])
    r = lemke_howson(NormalFormGame.bimatrix(A, B), "all")
    assert r.ok and len(r) == 1
    eq = r.equilibria[0]
    assert eq.max_regret() <= 1e-9 * 1e9


@pytest.mark.parametrize(
    "kwargs,exc",
    [
        ({"init_label": 5}, InvalidInputError),
        ({"init_label": -1}, InvalidInputError),
        ({"init_label": True}, InvalidInputError),
        ({"init_label": "first"}, InvalidInputError),
        ({"init_label": 1.0}, InvalidInputError),
        ({"max_pivots": 0}, InvalidInputError),
        ({"max_pivots": 2.5}, InvalidInputError),
        ({"capping": -1}, InvalidInputError),
        ({"tol": 0}, InvalidInputError),
        ({"tol": float("nan")}, InvalidInputError),
        ({"exact": "yes"}, InvalidInputError),
    ],
)
def test_bad_arguments(kwargs, exc):
    g = NormalFormGame.bimatrix(VS_A, VS_B)
    with pytest.raises(exc) as info:
        lemke_howson(g, **kwargs)
    assert "lemke_howson(): " in str(info.value)


def test_unsupported_games():
    g3 = generators.random_game((2, 2, 2), 0)
    with pytest.raises(UnsupportedError):
        lemke_howson(g3)
    with pytest.raises(InvalidInputError):
        lemke_howson([[1, 2], [3, 4]])


def test_exact_reconstruction_from_float_bases():
    # games above the small-exact threshold go through the float kernel and an exact
    # re-solve of the final bases; the equilibria and paths equal the float ones
    for seed in range(3):
        g = generators.random_game((10, 9), seed, 0, 50, integer=True)
        for lab in (0, 4, 12, 18):
            re = lemke_howson(g, lab)
            rf = lemke_howson(g, lab, exact=False)
            assert re.ok and re.exact and re.regrets == (0,) and re.equilibria[0].is_nash()
            assert re.path_lengths == rf.path_lengths
            for se, sf in zip(re.equilibria[0].strategies, rf.equilibria[0].strategies):
                assert np.allclose(np.array(se, dtype=float), sf, atol=1e-9)
    res = lemke_howson(generators.degenerate_game(10, 10, seed=1), "all")
    assert res.ok and all(e.is_nash() for e in res.equilibria)
