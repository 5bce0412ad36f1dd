"""Tests of solvers.pure: literature games, brute force, pygambit anchor, errors."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import InvalidInputError, InvalidProfileError, NormalFormGame
from solvers.pure import best_responses, pure_equilibria
from solvers.strategies import games


def _brute(game):
    out = []
    for prof in itertools.product(*(range(m) for m in game.shape)):
        ok = True
        for i in range(game.n_players):
            u = game.payoffs[i][prof]
            for k in range(game.shape[i]):
                dev = list(prof)
                dev[i] = k
                if game.payoffs[i][tuple(dev)] > u:
                    ok = False
        if ok:
            out.append(prof)
    return tuple(out)


def test_prisoners_dilemma_and_bos():
    # PD: unique (strict) equilibrium (D, D); battle of the sexes: two strict pure equilibria
    # (Osborne & Rubinstein 1994, Examples 15.3 and 16.2).
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], labels=[["C", "D"]] * 2)
    r = pure_equilibria(pd)
    assert r.labels == (("D", "D"),) and r.strict == (True,)
    assert r.regrets == (Fraction(0),) and r.exact
    bos = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    r = pure_equilibria(bos)
    assert r.profiles == ((0, 0), (1, 1)) and r.strict == (True, True)
    assert all(eq.is_nash() for eq in r.equilibria)


def test_matching_pennies_has_none():
    mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    r = pure_equilibria(mp)
    assert r.profiles == () and r.status == "ok"


def test_weak_equilibria_not_strict():
    g = NormalFormGame.from_arrays([[1, 1], [1, 0]], [[1, 1], [0, 0]])
    r = pure_equilibria(g)
    # (1, 0): the row player ties 1 = 1, the column player ties 0 = 0
    assert r.profiles == ((0, 0), (0, 1), (1, 0))
    assert r.strict == (False, False, False)


def test_three_player_coordination():
    # 3-player coordination: everybody gets 1 iff all choose the same action.
    g = NormalFormGame.from_payoff_function((2, 2, 2), lambda a, b, c: [int(a == b == c)] * 3)
    r = pure_equilibria(g)
    # (0,0,0), (1,1,1) strict; profiles where two deviate... e.g. (0,0,1): player 2 gains by 0.
    # Profiles with all three different are impossible with 2 actions; those with exactly one
    # odd player are not equilibria; (0,1,?) types: a lone deviator cannot create agreement
    # unless the other two agree, so e.g. (0,1,0) -> player 1 gains.  Hence exactly 2.
    assert r.profiles == ((0, 0, 0), (1, 1, 1)) and r.strict == (True, True)


@given(games(n_players=st.integers(1, 3), max_actions=4, payoffs="small"))
def test_matches_brute_force(game):
    r = pure_equilibria(game)
    assert r.profiles == _brute(game)
    rf = pure_equilibria(game.as_float())
    assert rf.profiles == r.profiles and rf.strict == r.strict
    for prof, s in zip(r.profiles, r.strict):
        # strict: every deviation loses
        strict = all(game.payoffs[i][prof] > game.payoffs[i][tuple(k if j == i else a for j, a in enumerate(prof))]
                     for i in range(game.n_players) for k in range(game.shape[i]) if k != prof[i])
        assert s == strict
        assert all(br in best_responses(game, i, [prof[j] for j in range(game.n_players) if j != i]).actions
                   for i, br in enumerate(prof))


@given(games(n_players=st.just(2), max_actions=4, payoffs="fraction"))
@settings(max_examples=25)
def test_fraction_games_exact(game):
    r = pure_equilibria(game)
    assert r.profiles == _brute(game)
    assert all(x == 0 for x in r.regrets)


def test_float_tolerance():
    g = NormalFormGame.from_arrays([[1.0, 0.0], [1.0 + 1e-13, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    assert pure_equilibria(g).profiles == ((0, 0), (1, 0))
    assert pure_equilibria(g, exact=True).profiles == ((1, 0),)
    assert pure_equilibria(g, tol=0).profiles == ((1, 0),)


def test_truncation():
    g = NormalFormGame.from_arrays(np.zeros((3, 3), dtype=int), np.zeros((3, 3), dtype=int))
    r = pure_equilibria(g, max_equilibria=4)
    assert r.status == "truncated" and len(r.profiles) == 4 and r.params["total"] == 9


def test_best_responses_mixed():
    # Matching pennies: against 1/2-1/2 both actions are best responses; against (2/3, 1/3)
    # the row player matches heads.
    mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]], labels=[["H", "T"], ["H", "T"]])
    assert best_responses(mp, 0, ["1/2", "1/2"]).actions == (0, 1)
    br = best_responses(mp, 0, [Fraction(2, 3), Fraction(1, 3)])
    assert br.labels == ("H",) and br.best_value == Fraction(1, 3)
    assert best_responses(mp, 1, "H").labels == ("T",)
    assert best_responses(mp, "P1", mp.profile([1, 0], [1, 0])).labels == ("T",)
    # three players: one entry per opponent, or a full profile
    g = NormalFormGame.from_payoff_function((2, 2, 2), lambda a, b, c: [int(a == b == c)] * 3)
    assert best_responses(g, 2, [1, 1]).actions == (1,)
    assert best_responses(g, 2, [1, 1, 0]).actions == (1,)
    assert best_responses(g, 2, [[0.5, 0.5], [0.5, 0.5]]).actions == (0, 1)


@pytest.mark.anchor
def test_pygambit_anchor():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(7)
    for shape in [(6, 5), (3, 4, 3)]:
        for _ in range(3):
            arrs = [rng.integers(0, 3, size=shape) for _ in shape]
            g = NormalFormGame.from_arrays(arrs)
            gg = gbt.Game.from_arrays(*arrs)
            res = gbt.nash.enumpure_solve(gg)
            theirs = set()
            for eq in res.equilibria:
                prof = []
                for pl in gg.players:
                    probs = [eq[s] for s in pl.strategies]
                    prof.append(next(k for k, p in enumerate(probs) if p == 1))
                theirs.add(tuple(prof))
            assert set(pure_equilibria(g).profiles) == theirs


def test_errors():
    g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidInputError, match="game must be"):
        pure_equilibria([[1]])
    with pytest.raises(InvalidInputError, match="tol must be"):
        pure_equilibria(g, tol=-1)
    with pytest.raises(InvalidInputError, match="max_equilibria must be"):
        pure_equilibria(g, max_equilibria=-2)
    with pytest.raises(InvalidProfileError, match="opponents_profile"):
        best_responses(g, 0, [0.2, 0.2, 0.6])
    with pytest.raises(InvalidInputError, match="player"):
        best_responses(g, 5, [1])
    g3 = NormalFormGame.from_payoff_function((2, 2, 2), lambda a, b, c: [0, 0, 0])
    with pytest.raises(InvalidProfileError, match="one strategy per opponent"):
        best_responses(g3, 0, [1])


def test_integer_games_need_no_fractions():
    """Pure equilibria of integer games work on the integers: the Fraction payoff arrays are
    never built, and the answer equals the one on the same game built from Fractions."""
    rng = np.random.default_rng(5)
    for shape in [(12, 9), (5, 4, 6)]:
        arrays = [rng.integers(-3, 4, shape) for _ in shape]
        g = NormalFormGame.from_arrays(arrays)
        frac = NormalFormGame.from_arrays([a.astype(object) * Fraction(1) for a in arrays])
        r, ref = pure_equilibria(g), pure_equilibria(frac)
        assert g._payoffs is None
        assert r.profiles == ref.profiles == tuple(_brute(frac)) and r.strict == ref.strict
        assert len(r.profiles) > 0
        assert [e.payoffs() for e in r.equilibria] == [e.payoffs() for e in ref.equilibria]
        assert all(e.is_nash() for e in r.equilibria) and g._payoffs is None
