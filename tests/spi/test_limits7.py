"""Limits on exponential or unbounded work in spi / bargaining (session 7)."""

import time

import numpy as np
import pytest

from bargaining.negotiation import MAX_ROUNDS, negotiate, utility_matrix
from solvers import NormalFormGame
from solvers.errors import InvalidInputError, LimitError
from spi.isomorphism import isomorphisms
from spi.programs.modal import MAX_RANDOM_AGENTS, random_modal_agents


def test_isomorphisms_time_limit_truncates_and_keeps_found_maps():
    # every pair of permutations of a 10x10 all-zero game is an isomorphism (10!^2 of them):
    # the search used to run ~90 s to its node limit; the time limit stops it and the maps
    # found so far are already verified
    g = NormalFormGame.from_arrays(np.zeros((10, 10), int), np.zeros((10, 10), int))
    t0 = time.perf_counter()
    r = isomorphisms(g, g, time_limit=0.5)
    assert time.perf_counter() - t0 < 5
    assert r.status == "truncated" and "time_limit=0.5" in r.message
    assert r.isomorphic and r.count == len(r.isomorphisms) > 0
    assert r.params["time_limit"] == 0.5
    for bad in (0, -1.0, float("nan"), float("inf"), "1", True):
        with pytest.raises(InvalidInputError, match="time_limit"):
            isomorphisms(g, g, time_limit=bad)


def test_isomorphisms_max_results_counts_verified_maps():
    # matching pennies to itself: swapping both players' actions is the only nontrivial map
    g = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    full = isomorphisms(g, g)
    assert full.status == "ok" and full.count == 2
    one = isomorphisms(g, g, max_results=1)
    assert one.status == "truncated" and one.count == 1


def test_negotiate_round_cap_without_time_limit(monkeypatch):
    import bargaining.negotiation as neg

    U = utility_matrix(np.array([[1.0, 0.0], [0.6, 0.6], [0.0, 1.0]]))
    # a cheap call with a huge deadline still answers at once (rational agents agree in round 0)
    res = negotiate(U, ["rational", "rational"], n_rounds=10**9)
    assert res.agreed and res.round == 0 and res.status == "ok"
    # agents that never agree stop at MAX_ROUNDS without a time limit, and say so
    monkeypatch.setattr(neg, "MAX_ROUNDS", 40)
    res = negotiate(U, ["boulware", "boulware"], n_rounds=10**9, reservations=[0.9, 0.9])
    assert not res.agreed and res.status == "truncated" and res.round == 40
    assert "MAX_ROUNDS=40" in res.message
    # with a wall-clock deadline the time limit ends it instead
    res = negotiate(U, ["boulware", "boulware"], n_rounds=10**12, time_limit=0.05, reservations=[0.9, 0.9])
    assert not res.agreed and res.status == "ok" and "time limit" in res.message
    assert MAX_ROUNDS == 10**7


def test_random_modal_agents_limits():
    with pytest.raises(LimitError, match="MAX_RANDOM_AGENTS"):
        random_modal_agents(MAX_RANDOM_AGENTS + 1)
    for bad in (-1, 31, "3", 2.0, True):
        with pytest.raises(InvalidInputError, match="depth"):
            random_modal_agents(5, depth=bad)
    agents = random_modal_agents(12, depth=0)
    assert len(agents) == 12 and len({a.name for a in agents}) == 12


def test_is_spi_truncated_isomorphism_search_is_not_a_verdict(monkeypatch):
    # is_spi searches isomorphisms without a time limit (the verdict must not depend on machine
    # load); if the search stops on its node limit before finding one, "not isomorphic" is not
    # established and the result says "truncated" (it said "ok" with the trivial correspondence)
    import spi.core as core
    from spi.examples import demand_game, demand_game_spi

    full = core.is_spi(demand_game(), demand_game_spi(), strict=True)
    assert full.is_spi and full.kind == "isomorphism" and full.status == "ok"
    seen = {}
    real = core.isomorphisms

    def starved(*args, **kw):
        seen.update(kw)
        return real(*args, **{**kw, "max_nodes": 1})

    monkeypatch.setattr(core, "isomorphisms", starved)
    r = core.is_spi(demand_game(), demand_game_spi(), strict=True)
    assert seen["time_limit"] is None
    assert r.status == "truncated" and not r.is_spi and r.kind == "all"
