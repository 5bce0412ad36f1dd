"""Iterated strict dominance by pure strategies (Assumption 1), and why not weak dominance."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import InvalidGameError, NormalFormGame
from solvers.strategies import games
from spi import reduce_dominated
from spi.examples import complicated_temptation_game, demand_game, threat_game


def test_demand_game_reduces_to_chicken():
    # Oesterheld & Conitzer 2022, Table 1: militarizing strictly dominates not militarizing.
    r = reduce_dominated(demand_game())
    assert r.reduced.labels == (("DM", "RM"), ("DM", "RM"))
    A, B = r.reduced.payoffs
    assert A.tolist() == [[-3, 2], [0, 1]] and B.tolist() == [[-3, 0], [2, 1]]
    assert [(s.player, s.action_label) for s in r.steps] == [(0, "DL"), (0, "RL"), (1, "DL"), (1, "RL")]
    assert "strictly dominated by" in r.describe()
    phi = r.correspondence()
    assert phi(("DM", "RM")) == {(0, 1)} and phi(("DL", "RL")) == frozenset()


def test_complicated_temptation_reduces_to_project_choice():
    # Table 4 of the paper: the Ts dominate the Rs, then the Cs dominate the Fs.
    r = reduce_dominated(complicated_temptation_game())
    assert r.reduced.labels == (("T1", "T2"), ("C1", "C2"))


def _strict_dominated_pairs(pays, alive, i):
    out = []
    for x in alive[i]:
        for y in alive[i]:
            if x != y:
                sub = pays[i][np.ix_(*alive)]
                rx = np.take(sub, alive[i].index(x), axis=i)
                ry = np.take(sub, alive[i].index(y), axis=i)
                if np.all(ry > rx):
                    out.append((x, y))
    return out


def _reduce_in_random_order(game, seed):
    """Reference: remove one strictly dominated action at a time, in a random order."""
    rng = random.Random(seed)
    pays = [np.array(p) for p in game.payoffs]
    alive = [list(range(m)) for m in game.shape]
    while True:
        cands = [(i, x) for i in range(game.n_players) for x, _ in _strict_dominated_pairs(pays, alive, i)]
        if not cands:
            return tuple(tuple(a) for a in alive)
        i, x = rng.choice(sorted(set(cands)))
        alive[i].remove(x)


@settings(max_examples=40)
@given(games(st.integers(2, 3), min_actions=1, max_actions=4, payoffs="small", max_profiles=64), st.integers(0, 10**6))
def test_strict_elimination_is_order_independent(g, seed):
    r = reduce_dominated(g)
    assert r.surviving == _reduce_in_random_order(g, seed)
    # replaying the recorded steps one at a time is valid
    alive = [list(range(m)) for m in g.shape]
    pays = [np.array(p) for p in g.payoffs]
    for s in r.steps:
        assert (s.action, s.by) in _strict_dominated_pairs(pays, alive, s.player)
        alive[s.player].remove(s.action)
    assert tuple(tuple(a) for a in alive) == r.surviving


def _weak_eliminate(game, order):
    """Remove weakly dominated actions following a fixed order of (player, action) attempts."""
    pays = [np.array(p) for p in game.payoffs]
    alive = [list(range(m)) for m in game.shape]
    changed = True
    while changed:
        changed = False
        for i, x in order:
            if x not in alive[i] or len(alive[i]) == 1:
                continue
            sub = pays[i][np.ix_(*alive)]
            rx = np.take(sub, alive[i].index(x), axis=i)
            for y in alive[i]:
                if y == x:
                    continue
                ry = np.take(sub, alive[i].index(y), axis=i)
                if np.all(ry >= rx) and np.any(ry > rx):
                    alive[i].remove(x)
                    changed = True
                    break
    return game.restrict(alive)


def test_weak_dominance_is_order_dependent_so_not_an_assumption():
    # Classic example (cf. Osborne & Rubinstein 1994, Sect. 4.3): removing weakly dominated
    # actions in two orders leaves outcomes worth (2, 1) resp. (1, 1) to the players.  An
    # assumption "weakly dominated actions can be removed without changing the play" would imply
    # that the game is played as (2, 1) and as (1, 1) with certainty: contradictory.  Strict
    # dominance removes nothing here, and its result is order independent.
    g = NormalFormGame.from_arrays([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]],
                                   labels=[["T", "M", "B"], ["L", "R"]])
    first_t = _weak_eliminate(g, [(0, 0), (1, 0), (0, 2), (1, 1)])
    first_b = _weak_eliminate(g, [(0, 2), (1, 1), (0, 0), (1, 0)])
    pay = lambda h: {tuple(int(p[prof]) for p in h.payoffs) for prof in h.pure_profiles()}
    assert pay(first_t) == {(2, 1)}
    assert pay(first_b) == {(1, 1)}
    assert reduce_dominated(g).surviving == ((0, 1, 2), (0, 1))


def test_threat_game_reduction_order():
    r = reduce_dominated(threat_game())
    assert r.reduced.labels == (("N", "T"), ("GR", "RR"))
    assert [s.action_label for s in r.steps] == ["GG", "RG", "S"]


def test_float_game_and_errors():
    g = NormalFormGame.from_arrays([[1.0, 2.0], [0.5, 1.5]], [[0.0, 0.0], [1.0, 1.0]])
    r = reduce_dominated(g)
    assert r.surviving == ((0,), (0, 1)) and not r.exact
    with pytest.raises(InvalidGameError, match="reduce_dominated\\(\\): game must be a NormalFormGame"):
        reduce_dominated("not a game")
