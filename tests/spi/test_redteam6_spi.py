"""Red-team round 6 (spi/): degenerate games and properties on new ground."""

from __future__ import annotations

import numpy as np

from solvers import NormalFormGame
from spi import find_spis, is_spi, isomorphisms


def test_one_player_games_are_handled():
    # a one-player game crashed every entry point that colours actions (np.take returned a
    # bare cell, AttributeError 'tuple' object has no attribute 'reshape')
    g = NormalFormGame([np.array([1, 2, 3])])
    assert is_spi(g, g).is_spi
    # 1 -> 1, 2 -> 3, 3 -> 5 under u' = 2u - 1
    assert isomorphisms(g, NormalFormGame([np.array([5, 1, 3])])).isomorphic
    assert not isomorphisms(g, NormalFormGame([np.array([1, 2, 4])])).isomorphic
    # keeping the best action is a (trivially weak) SPI; keeping a worse one is not
    keep_best = NormalFormGame([np.array([3, 1])], labels=[["2", "0"]])
    assert is_spi(g, keep_best).is_spi
    worse = NormalFormGame([np.array([1, 3])], labels=[["0", "1"]])
    r = is_spi(g, worse)
    assert not r.is_spi and "worse for player(s) [0]" in r.reason
    assert find_spis(g, include_trivial=True).status == "ok"


def test_find_spis_without_dominated_actions_does_not_search_automorphisms():
    # a 12x12 coordination game: nothing is dominated, so every isomorphism-based SPI maps the
    # action sets onto themselves and is trivial; the search walked the 12!^2 automorphisms
    # until time_limit and said "truncated".  The single-outcome ('all') SPIs remain: each
    # diagonal outcome (1, 1) is at least as good as every outcome for both players.
    import time

    g = NormalFormGame.from_arrays(np.eye(12, dtype=int).tolist(), np.eye(12, dtype=int).tolist())
    t = time.perf_counter()
    r = find_spis(g, time_limit=30)
    assert time.perf_counter() - t < 5
    assert r.status == "ok" and r.count == 12
    assert all(s.kind == "all" and s.substitute.shape == (1, 1) for s in r.spis)
    assert find_spis(g, strict=True, time_limit=30).status == "ok"
    # include_trivial still reports the game itself
    small = NormalFormGame.from_arrays(np.eye(3, dtype=int).tolist(), np.eye(3, dtype=int).tolist())
    assert any(s.kind == "isomorphism" and not s.nontrivial for s in find_spis(small, include_trivial=True).spis)


def test_malformed_arguments_name_the_parameter():
    # each raised a bare TypeError/ValueError/OverflowError from inside
    import pytest

    from solvers.errors import InvalidInputError
    from spi import hardness_game, subset_game, surrogate_goal
    from spi.examples import demand_game, demand_game_spi, threat_game

    cases = [
        (lambda: is_spi(demand_game(), demand_game_spi(), correspondence={("DM", "DM"): 1}), "correspondence"),
        (lambda: surrogate_goal(threat_game(), mirror=1.5), "mirror"),
        (lambda: surrogate_goal(threat_game(), mirror="x"), "mirror"),
        (lambda: subset_game(demand_game(), actions=1.5), "actions"),
        (lambda: subset_game(demand_game(), utilities=1.5), "utilities"),
        (lambda: hardness_game([[0, 1], [1, 0]], [[0, 1], [1, 0]], eps=float("nan")), "eps"),
        (lambda: hardness_game([[0, 1], [1, 0]], [[0, 1], [1, 0]], eps=float("inf")), "eps"),
        (lambda: hardness_game([[0, 1], [1, 0]], [[0, 1], [1, 0]], eps=[]), "eps"),
    ]
    for call, param in cases:
        with pytest.raises(InvalidInputError, match=param):
            call()
    # a valid eps (0 < eps < 1/(2 max(n, m)) = 1/4) still builds the 12x12 game of Table 10
    assert hardness_game([[0, 1], [1, 0]], [[0, 1], [1, 0]], eps="1/8").shape == (12, 12)
