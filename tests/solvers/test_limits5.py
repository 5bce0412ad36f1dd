"""Time limits of the exponential and exact paths of the equilibrium core (issue 3: "exponential
algorithms take limits ... and say in the result that the answer is incomplete instead of
hanging").  Each limit: bad values are rejected naming the parameter, a tiny limit on an input
that needs far longer stops fast with ``status="truncated"``, and what is returned is correct."""

from __future__ import annotations

import ast
import math
import time
from fractions import Fraction as F

import numpy as np
import pytest

from solvers import NormalFormGame, generators
from solvers.complementary_pivoting import lemke_howson
from solvers.errors import InvalidInputError

BAD_LIMITS = [-1, 0, math.nan, math.inf, "x", True]


def _limit_error(call, name="time_limit"):
    for bad in BAD_LIMITS:
        with pytest.raises(InvalidInputError, match=name):
            call(bad)


# --------------------------------------------------------------------------------------------
# Lemke-Howson


def test_lemke_howson_time_limit_rejects_bad_values():
    g = NormalFormGame.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    _limit_error(lambda v: lemke_howson(g, time_limit=v))


def _timed_out_labels(message):
    # "time_limit=... s reached: path(s) from label(s) [a, b, ...] stopped or not started"
    part = message.split("time_limit=")[1].split("label(s) ")[1]
    return set(ast.literal_eval(part[:part.index("]") + 1]))


def test_lemke_howson_exact_hard_game_stops_at_time_limit():
    # Savani & von Stengel (2006): every path of the exact 16x16 hard game is >= 2 (F(14) - 1)
    # = 752 pivots long, label 0's 121,392; the float path breaks down (round-off) and the
    # exact recomputation by integer pivoting took 30-50 s before it could be bounded
    g = generators.hard_game(16)
    t0 = time.perf_counter()
    r = lemke_howson(g, time_limit=0.05)
    assert time.perf_counter() - t0 < 3.0
    assert r.status == "truncated" and "time_limit=0.05" in r.message
    assert r.equilibria == () and r.params["time_limit"] == 0.05
    assert r.exact


def test_lemke_howson_all_labels_partial_result_is_certified():
    # hard_game(12) (unique equilibrium, completely mixed): the 24 exact paths need seconds; with
    # half a second some are done, each certified exactly, and the message names the others
    g = generators.hard_game(12)
    t0 = time.perf_counter()
    r = lemke_howson(g, "all", time_limit=0.5)
    assert time.perf_counter() - t0 < 4.0
    assert r.status == "truncated" and "time_limit=0.5" in r.message
    assert len(r.equilibria) <= 1
    for eq, reg in zip(r.equilibria, r.regrets):
        assert reg == 0 and eq.is_nash()
        assert all(isinstance(v, F) and v > 0 for s in eq.strategies for v in s)
    found = {lab for labs in r.labels for lab in labs}
    assert found | _timed_out_labels(r.message) == set(range(24))
    assert not found & _timed_out_labels(r.message)


def test_lemke_howson_float_dense_path_stops_at_time_limit():
    # a 300x300 game whose path from label 0 is 132,171 pivots (seconds, dense tableaux): the
    # path is followed in slices and the clock read in between
    g = generators.random_game((300, 300), 1)
    lemke_howson(generators.random_game((100, 100), 4), 0, time_limit=60.0)  # (compile the slices)
    t0 = time.perf_counter()
    r = lemke_howson(g, 0, time_limit=0.05)
    assert time.perf_counter() - t0 < 2.0
    assert r.status == "truncated" and "time_limit=0.05" in r.message and r.equilibria == ()


def test_lemke_howson_generous_limit_changes_nothing():
    # a 1,634-pivot dense path (100x100, label 0) and the capped heuristic, sliced or not:
    # the same pivots and the same equilibrium
    for g, lab in ((generators.random_game((100, 100), 4), 0), (generators.random_game((60, 60), 2), None),
                   (generators.hard_game(10), 3)):
        a = lemke_howson(g, lab)
        b = lemke_howson(g, lab, time_limit=600)
        assert a.ok and b.ok and a.message == b.message
        assert a.path_lengths == b.path_lengths and a.total_pivots == b.total_pivots
        assert all(np.array_equal(np.asarray(u, dtype=object), np.asarray(v, dtype=object))
                   for p, q in zip(a.equilibria, b.equilibria) for u, v in zip(p.strategies, q.strategies))
