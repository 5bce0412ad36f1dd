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
