"""Tests of solvers.batch: the parallel batch solver and the executor-agnostic map."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from solvers import NormalFormGame, generators
from solvers.batch import BatchResult, map_solve, solve_batch
from solvers.errors import InvalidGameError, InvalidInputError, UnsupportedError
from solvers.complementary_pivoting import lemke_howson
from solvers.support_enum import support_enumeration


def _stack(k, m, n, seed):
    rng = np.random.default_rng(seed)
    return rng.random((k, m, n)), rng.random((k, m, n))


def test_batch_matches_single_game_solver():
    A, B = _stack(300, 4, 3, 1)
    r = solve_batch((A, B))
    assert isinstance(r, BatchResult) and r.ok and len(r) == 300
    assert r.converged.all() and r.regrets.max() <= 1e-9
    for g in range(0, 300, 37):
        game = NormalFormGame.bimatrix(A[g], B[g])
        single = lemke_howson(game, 0)
        assert np.allclose(single.equilibria[0].strategies[0], r.x[g], atol=1e-9)
        assert np.allclose(single.equilibria[0].strategies[1], r.y[g], atol=1e-9)
        assert single.path_lengths[0] == r.path_lengths[g]
        assert r.profile(game, g).max_regret() <= 1e-9


def test_input_forms_agree():
    A, B = _stack(20, 3, 3, 2)
    games = [NormalFormGame.bimatrix(A[g], B[g]) for g in range(20)]
    r1 = solve_batch((A, B))
    r2 = solve_batch(games)
    r3 = solve_batch(np.stack([A, B], axis=-1))
    r4 = solve_batch((A, B), parallel=False)
    for r in (r2, r3, r4):
        assert np.array_equal(r.x, r1.x) and np.array_equal(r.y, r1.y)


def test_support_enumeration_method_gives_first_equilibrium():
    A, B = _stack(40, 3, 4, 3)
    r = solve_batch((A, B), method="support_enumeration")
    assert r.ok
    for g in range(40):
        se = support_enumeration(NormalFormGame.bimatrix(A[g], B[g]))
        assert np.allclose(se.equilibria[0].strategies[0], r.x[g], atol=1e-9)


def test_degenerate_batch_converges():
    games = [generators.degenerate_game(4, 4, seed=s) for s in range(50)]
    r = solve_batch(games, init_label=3)
    assert r.converged.all() and r.regrets.max() <= 1e-9


def test_batch_truncation_and_empty():
    A, B = _stack(50, 6, 6, 4)
    r = solve_batch((A, B), max_pivots=1)
    assert r.status == "not_converged" and not r.converged.all() and "did not converge" in r.message
    e = solve_batch([])
    assert len(e) == 0 and e.ok


@pytest.mark.parametrize(
    "args,kwargs,exc",
    [
        (([[1, 2]],), {}, InvalidInputError),
        ((np.zeros((3, 2, 2)),), {}, InvalidGameError),
        (((np.zeros((3, 2, 2)), np.zeros((3, 2, 3))),), {}, InvalidGameError),
        (((np.zeros((3, 2, 2)), np.zeros((3, 2, 2))),), {"method": "magic"}, InvalidInputError),
        (((np.zeros((3, 2, 2)), np.zeros((3, 2, 2))),), {"init_label": 4}, InvalidInputError),
        (((np.zeros((3, 2, 2)), np.zeros((3, 2, 2))),), {"max_pivots": 0}, InvalidInputError),
        (((np.full((1, 2, 2), np.nan), np.zeros((1, 2, 2))),), {}, InvalidGameError),
        (([generators.random_game((2, 2, 2), 0)],), {}, UnsupportedError),
        (([generators.random_game((2, 2), 0), generators.random_game((3, 2), 0)],), {}, InvalidGameError),
    ],
)
def test_batch_errors(args, kwargs, exc):
    with pytest.raises(exc) as info:
        solve_batch(*args, **kwargs)
    assert "solve_batch(): " in str(info.value)


def test_map_solve_with_and_without_executor():
    games = [generators.random_game((3, 3), s) for s in range(8)]
    serial = map_solve(lemke_howson, games, init_label=1)
    with ThreadPoolExecutor(max_workers=2) as ex:
        threaded = map_solve(lemke_howson, games, ex, init_label=1)
    assert [r.strategies for r in serial] == [r.strategies for r in threaded]
    assert all(r.params["init_label"] == 1 for r in serial)
    with pytest.raises(InvalidInputError):
        map_solve(3, games)
    with pytest.raises(InvalidInputError):
        map_solve(lemke_howson, games, executor="pool")
