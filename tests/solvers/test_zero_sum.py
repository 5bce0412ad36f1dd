"""Tests of solvers.zero_sum: textbook values, LP duality, exact vs float, invariances, errors."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import InvalidGameError, InvalidInputError, NormalFormGame
from solvers.strategies import zero_sum_games
from solvers.zero_sum import ZeroSumResult, zero_sum_solve

F = Fraction


def _check_certificate(A, r):
    A = [[F(v) for v in row] for row in np.asarray(A, dtype=object).tolist()]
    m, n = len(A), len(A[0])
    x, y = r.row_strategy, r.col_strategy
    assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
    lower = min(sum(x[i] * A[i][j] for i in range(m)) for j in range(n))
    upper = max(sum(A[i][j] * y[j] for j in range(n)) for i in range(m))
    assert lower == r.value == upper


def test_matching_pennies():
    r = zero_sum_solve([[1, -1], [-1, 1]])
    assert isinstance(r, ZeroSumResult)
    assert r.value == 0 and r.row_strategy == (F(1, 2), F(1, 2)) and r.col_strategy == (F(1, 2), F(1, 2))
    assert r.exact and r.gap == 0 and r.equilibrium.is_nash()


def test_rock_paper_scissors():
    r = zero_sum_solve([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    assert r.value == 0 and r.row_strategy == (F(1, 3),) * 3 and r.col_strategy == (F(1, 3),) * 3


def test_odd_or_even_ferguson():
    # Ferguson, "Game Theory" (2nd ed., Part II, Sect. 1.1/2.1): Odd-or-Even with
    # A = [[-2, 3], [3, -4]]: value 1/12, player I plays "1" with probability 7/12, player II
    # also with probability 7/12.
    r = zero_sum_solve([[-2, 3], [3, -4]])
    assert r.value == F(1, 12)
    assert r.row_strategy == (F(7, 12), F(5, 12)) and r.col_strategy == (F(7, 12), F(5, 12))


def test_two_finger_morra_ferguson():
    # Ferguson, "Game Theory", Part II (two-finger Morra example): strategies (show, guess),
    # value 0 (symmetric game); optimal strategies (0, p, 1-p, 0) with 4/7 <= p <= 3/5.
    # Check of the interval: x^T A = (-2p + 3(1-p), 0, 0, 3p - 4(1-p)) >= 0 iff 4/7 <= p <= 3/5.
    A = [[0, 2, -3, 0], [-2, 0, 0, 3], [3, 0, 0, -4], [0, -3, 4, 0]]
    r = zero_sum_solve(A)
    assert r.value == 0
    for s in (r.row_strategy, r.col_strategy):
        assert s[0] == 0 and s[3] == 0 and F(4, 7) <= s[1] <= F(3, 5)
    _check_certificate(A, r)
    for p, ok in ((F(4, 7), True), (F(3, 5), True), (F(1, 2), False), (F(2, 3), False)):
        x = (0, p, 1 - p, 0)
        assert (min(sum(x[i] * A[i][j] for i in range(4)) for j in range(4)) >= 0) == ok


def test_saddle_point():
    # A saddle point: value = A[1][0] = 2 (min of its row, max of its column).
    A = [[1, 5], [2, 3]]
    r = zero_sum_solve(A)
    assert r.value == 2 and r.row_strategy == (0, 1) and r.col_strategy == (1, 0)


def test_constant_sum():
    g = NormalFormGame.from_arrays([[3, 1], [1, 3]], [[1, 3], [3, 1]])
    r = zero_sum_solve(g)
    assert r.constant == 4 and r.value == 2


def test_float_game():
    r = zero_sum_solve([[0.5, -1.0], [-1.0, 0.5]])
    assert not r.exact and abs(r.value + 0.25) < 1e-9 and r.gap < 1e-9
    assert abs(r.row_strategy[0] - 0.5) < 1e-9


@given(zero_sum_games(max_actions=5, payoffs="int"))
def test_certificate_and_exact_vs_float(game):
    A = game.payoffs[0]
    r = zero_sum_solve(game)
    _check_certificate(A, r)
    assert r.equilibrium.is_nash()
    rf = zero_sum_solve(game.as_float())
    assert abs(rf.value - float(r.value)) <= 1e-7 * max(1, float(np.max(np.abs(A.astype(float)))))
    assert rf.equilibrium.max_regret() <= 1e-7 * max(1.0, float(np.max(np.abs(A.astype(float)))))
    # pure maximin <= value <= pure minimax
    Af = A.astype(float)
    assert Af.min(axis=1).max() <= float(r.value) <= Af.max(axis=0).min()


@given(zero_sum_games(max_actions=4, payoffs="fraction"), st.fractions(-3, 3), st.integers(1, 5))
@settings(max_examples=25)
def test_invariances(game, c, k):
    A = game.payoffs[0]
    v = zero_sum_solve(game).value
    assert zero_sum_solve(A + c).value == v + c
    assert zero_sum_solve(A * k).value == v * k
    # the column player's game: value of -A^T is -v
    assert zero_sum_solve(-A.T).value == -v


def test_support_enumeration_crosscheck():
    se = pytest.importorskip("solvers.support_enum")
    rng = np.random.default_rng(3)
    for _ in range(5):
        A = rng.integers(-9, 10, size=(4, 4))
        g = NormalFormGame.zero_sum(A)
        v = zero_sum_solve(g).value
        res = se.support_enumeration(g)
        for eq in res.equilibria:
            # every equilibrium of a zero-sum game yields the value to the row player
            assert abs(float(eq.payoff(0)) - float(v)) < 1e-9


@pytest.mark.anchor
def test_nashpy_anchor():
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(5)
    A = rng.integers(-5, 6, size=(5, 6))
    r = zero_sum_solve(A)
    # nashpy's Game.linear_program returns the maximin / minimax pair
    g = nash.Game(A, -A)
    x, _y = g.linear_program()
    assert abs(float(np.min(x @ A)) - float(r.value)) < 1e-7


def test_errors():
    with pytest.raises(InvalidGameError, match="zero-sum or constant-sum"):
        zero_sum_solve(NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 2]]))
    with pytest.raises(InvalidGameError, match="two-player"):
        zero_sum_solve(NormalFormGame.from_payoff_function((2, 2, 2), lambda a, b, c: [0, 0, 0]))
    with pytest.raises(InvalidGameError, match="game_or_matrix"):
        zero_sum_solve([[1, 2], [3]])
    with pytest.raises(InvalidGameError, match="game_or_matrix"):
        zero_sum_solve([1, 2, 3])
    with pytest.raises(ValueError, match="exact"):
        zero_sum_solve([[1]], exact="yes")


def test_payoffs_spanning_many_orders():
    # Regression: the value must not suffer cancellation from the LP shift (payoffs 1e9 and
    # 1e-9).  No saddle point; the column player's y on column 0 equalizes the rows:
    # 1e9 (2y - 1) = 2e-9 - 1e-9 y, so y = (1e9 + 2e-9) / (2e9 + 1e-9) and v = 2e-9 - 1e-9 y.
    A = [[1e9, -1e9], [1e-9, 2e-9]]
    ex = zero_sum_solve(A, exact=True)
    assert ex.exact and ex.gap == 0
    fl = zero_sum_solve(A)
    assert abs(fl.value - float(ex.value)) <= 1e-12
    big, tiny = F(10**9), F(1, 10**9)
    y = (big + 2 * tiny) / (2 * big + tiny)
    assert ex.value == 2 * tiny - tiny * y and ex.col_strategy == (y, 1 - y)


def test_exact_simplex_fallback(monkeypatch):
    # When the reconstruction from the float LP fails, the exact simplex (Bland's rule) must
    # give the same certified answer.
    import solvers._exact_lp as elp

    rng = np.random.default_rng(12)
    A = rng.integers(-6, 7, size=(5, 4))
    expected = zero_sum_solve(A)
    monkeypatch.setattr(elp, "_reconstruct", lambda *a, **k: None)
    r = zero_sum_solve(A)
    assert "exact-simplex" in r.method
    assert r.value == expected.value and r.gap == 0
    _check_certificate(A, r)


@given(st.lists(st.lists(st.integers(-4, 4), min_size=3, max_size=3), min_size=2, max_size=4),
       st.lists(st.integers(0, 5), min_size=2, max_size=4))
@settings(max_examples=30)
def test_exact_lp_paths_agree(rows, b):
    # exact_lp (float hint + reconstruction) and the exact simplex agree on random LPs
    # maximize c x s.t. A x <= b, x >= 0 (bounded by adding sum x <= 10).
    from solvers._exact_lp import exact_lp, exact_simplex

    k = min(len(rows), len(b))
    A = [list(map(F, r)) for r in rows[:k]] + [[F(1)] * 3]
    bb = [F(v) for v in b[:k]] + [F(10)]
    c = [F(1), F(2), F(-1)]
    s1 = exact_lp(c, A, bb)
    s2 = exact_simplex(c, A, bb, [], [])
    assert s1.status == s2.status
    if s1.status == "optimal":
        assert s1.value == s2.value
        for row, bi in zip(A, bb):
            assert sum(a * x for a, x in zip(row, s2.x)) <= bi
        # the dual certifies the simplex optimum as well
        assert sum(y * bi for y, bi in zip(s2.y, bb)) == s2.value


def test_exact_time_limit_truncates_and_a_generous_one_changes_nothing():
    """``time_limit`` bounds the exact certification: past it the result says "truncated" (no
    value is reported as certified); a generous limit gives the same exact answer as none."""
    rng = np.random.default_rng(0)
    A = rng.integers(-50, 50, (30, 30)).tolist()
    r = zero_sum_solve(A, exact=True, time_limit=1e-6)
    assert r.status == "truncated" and r.value is None and r.row_strategy == () and r.equilibrium is None
    assert "time_limit=1e-06" in r.message and r.params["time_limit"] == 1e-6
    full = zero_sum_solve(A, exact=True)
    ok = zero_sum_solve(A, exact=True, time_limit=60)
    assert full.status == ok.status == "ok" and ok.value == full.value
    assert isinstance(ok.value, Fraction) and ok.gap == 0
    # the certificate: the maximin strategy guarantees the value and the minimax one holds it there
    Af = [[Fraction(v) for v in row] for row in A]
    x, y = ok.row_strategy, ok.col_strategy
    assert min(sum(x[i] * Af[i][j] for i in range(30)) for j in range(30)) == ok.value
    assert max(sum(Af[i][j] * y[j] for j in range(30)) for i in range(30)) == ok.value


@pytest.mark.parametrize("bad", [0, -1, True, "1", float("inf"), float("nan")])
def test_time_limit_is_checked(bad):
    with pytest.raises(InvalidInputError, match="time_limit"):
        zero_sum_solve([[1, -1], [-1, 1]], time_limit=bad)
