"""Red-team checks of the equilibrium core's entry points (session 4): each test reproduces a
defect found by comparing with independent references (HiGHS LPs, brute force, exact
arithmetic) and fails on the code before its fix."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import solvers
from solvers import InvalidInputError, NormalFormGame


def _coordination():
    return NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])


@pytest.mark.parametrize("func", ["fictitious_play", "replicator_dynamics"])
@pytest.mark.parametrize("bad", [-1, 2.5, "3", True])
def test_dynamics_reject_bad_record_every(func, bad):
    # fictitious_play(g, iterations=10, record_every=-1) looped forever (the chunk loop counted
    # down); "3" raised a TypeError
    with pytest.raises(InvalidInputError, match=rf"{func}\(\): record_every"):
        getattr(solvers, func)(_coordination(), record_every=bad)


@pytest.mark.parametrize("offset", [1e9, -1e12])
def test_zero_sum_float_with_large_offset(offset):
    # payoffs offset + O(1): the float LP ran on A / max|A| = 1 + O(1e-9), below the simplex's
    # tolerances: 1 in 3 random 4x6 games came back "not_converged" with a duality gap near the
    # spread (0.83 of 0.96); the value must equal the exact one (offset + value of A - offset)
    rng = np.random.default_rng(7)
    for _ in range(8):
        A = rng.random((4, 6)) - 0.5 + offset
        D = A - offset  # exactly the game solved, shifted (Sterbenz: no rounding)
        r = solvers.zero_sum_solve(A)
        ref = solvers.zero_sum_solve(D.tolist(), exact=True)
        assert r.status == "ok", r.message
        assert r.value - offset == pytest.approx(float(ref.value), abs=1e-9 + np.spacing(abs(offset)))
        x, y = np.array(r.row_strategy), np.array(r.col_strategy)
        assert (D @ y).max() - (x @ D).min() <= 1e-9
