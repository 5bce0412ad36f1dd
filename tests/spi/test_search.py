"""find_spis: the paper's examples, agreement with brute force, every SPI found passes is_spi."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import InvalidInputError, LimitError, NormalFormGame
from solvers.strategies import bimatrix_games, games
from spi import brute_force_spis, find_spis, is_spi
from spi.examples import (
    complicated_temptation_game,
    demand_game,
    prisoners_dilemma,
    temptation_game,
    threat_game,
)


def _check_all(game, res):
    for s in res:
        u = s.unilateral_player
        v = is_spi(game, s.substitute, unilateral=u if u is not None else None)
        assert v.is_spi, v.reason
        assert v.strict == s.strict
        assert v.nontrivial == s.nontrivial
        if u is not None:
            assert set(v.changed_players) <= {u}


def test_demand_game_has_exactly_the_papers_spi():
    r = find_spis(demand_game())
    assert r.ok and r.count == 1
    s = r[0]
    assert s.mapping == ({"DM": "DL", "RM": "RL"}, {"DM": "DL", "RM": "RL"}) and s.strict
    assert s.substitute.labels == (("DL", "RL"), ("DL", "RL"))
    A, B = s.substitute.payoffs
    assert A.tolist() == [[-3, 2], [0, 1]] and B.tolist() == [[-3, 0], [2, 1]]  # Table 2
    _check_all(demand_game(), r)
    # no unilateral SPI (the certificate needs both players' utilities changed)
    assert find_spis(demand_game(), unilateral="any").count == 0


def test_unilateral_spis_of_the_examples():
    r = find_spis(complicated_temptation_game(), unilateral=0)
    assert r.count == 1 and r[0].mapping == ({"T1": "R1", "T2": "R2"}, {"C1": "F1", "C2": "F2"})
    assert r[0].substitute.labels == (("R1", "R2"), ("C1", "C2", "F1", "F2"))
    _check_all(complicated_temptation_game(), r)
    assert find_spis(complicated_temptation_game(), unilateral=1).count == 0
    t = find_spis(temptation_game(), unilateral="any")
    assert [s.unilateral_player for s in t] == [0]
    _check_all(temptation_game(), t)
    # the surrogate-goal SPI is found by the search, as the target's unilateral SPI
    th = find_spis(threat_game(), unilateral="any", strict=True)
    assert [(s.unilateral_player, s.mapping[1]) for s in th] == [(1, {"GR": "RG", "RR": "RR"})]
    _check_all(threat_game(), th)


def test_trivial_spis_only_on_request():
    pd = prisoners_dilemma()
    assert find_spis(pd).count == 1  # (D,D) -> (C,C)
    r = find_spis(pd, include_trivial=True)
    assert r.count == 2 and sum(not s.nontrivial for s in r) == 1
    _check_all(pd, r)


def test_all_kind_single_outcome():
    # reduce(G) = {a, b} x {c} with two outcomes worth (2, 4); (x, y) = (10, 5) beats both but is
    # not isomorphic to reduce(G): an SPI through the trivial correspondence 'all' (Lemma 2).
    g = NormalFormGame.from_arrays([[2, 0], [2, 0], [0, 10]], [[4, 2], [4, 2], [6, 5]],
                                   labels=[["a", "b", "x"], ["c", "y"]])
    r = find_spis(g)
    kinds = [(s.kind, s.substitute.labels) for s in r]
    assert ("all", (("x",), ("y",))) in kinds
    _check_all(g, r)
    v = is_spi(g, r[kinds.index(("all", (("x",), ("y",))))].substitute, strict=True)
    assert v.kind == "all" and v.strict and v.guaranteed_gain == (8, 1)


@settings(max_examples=40)
@given(bimatrix_games(min_actions=1, max_actions=3, payoffs="small"), st.sampled_from([None, 0, 1]),
       st.booleans())
def test_agrees_with_brute_force(g, uni, strict):
    fast = find_spis(g, unilateral=uni, strict=strict, include_trivial=True)
    slow = brute_force_spis(g, unilateral=uni, strict=strict, include_trivial=True)
    key = lambda res: sorted((tuple(sorted(m.items())) for s in res if s.kind == "isomorphism" for m in s.mapping))
    assert fast.ok and slow.ok
    assert sorted(tuple(tuple(sorted(m.items())) for m in s.mapping) for s in fast if s.kind == "isomorphism") == \
        sorted(tuple(tuple(sorted(m.items())) for m in s.mapping) for s in slow)
    assert fast.certificates - sum(s.kind == "all" for s in fast) == slow.certificates
    _check_all(g, fast)


@settings(max_examples=25)
@given(bimatrix_games(min_actions=2, max_actions=4, payoffs="int", bound=4))
def test_every_spi_found_passes_is_spi(g):
    for uni in (None, "any"):
        _check_all(g, find_spis(g, unilateral=uni, strict=False))


def test_limits_and_truncation():
    z = NormalFormGame.from_arrays(np.zeros((4, 4), dtype=int), np.zeros((4, 4), dtype=int))
    # a constant game: every permutation is a trivial certificate, every pure profile an 'all' SPI
    r = find_spis(z, include_trivial=True, max_results=3)
    assert r.count == 3 and r.status == "truncated" and "max_results" in r.message
    r = find_spis(z, include_trivial=True, max_nodes=10)
    assert r.status == "truncated"
    with pytest.raises(LimitError, match="max_actions_per_player=3"):
        find_spis(z, max_actions_per_player=3)
    with pytest.raises(InvalidInputError, match="time_limit must be"):
        find_spis(z, time_limit=-1)
    with pytest.raises(InvalidInputError, match="unilateral must be"):
        find_spis(z, unilateral="nobody")


@settings(max_examples=20)
@given(games(3, min_actions=1, max_actions=2, payoffs="small", max_profiles=8), st.sampled_from([None, 0, 2]))
def test_three_players_agree_with_brute_force(g, uni):
    fast = find_spis(g, unilateral=uni, include_trivial=True)
    slow = brute_force_spis(g, unilateral=uni, include_trivial=True)
    iso = sorted(tuple(tuple(sorted(m.items())) for m in s.mapping) for s in fast if s.kind == "isomorphism")
    assert iso == sorted(tuple(tuple(sorted(m.items())) for m in s.mapping) for s in slow)
    _check_all(g, fast)


def test_time_limit_truncates():
    z = NormalFormGame.from_arrays(np.zeros((7, 7), dtype=int), np.zeros((7, 7), dtype=int))
    r = find_spis(z, include_trivial=True, max_results=None, max_nodes=None, time_limit=0.05)
    assert r.status == "truncated" and "time_limit" in r.message
