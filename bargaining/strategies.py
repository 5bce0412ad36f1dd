"""Hypothesis strategies for bargaining problems and coalitional games (tests and users).

Import optionally: ``hypothesis`` is a test dependency only.

``problems(n_players=2, ...)``
    random exact problems with small integer (or ``p/q``) vertices, a disagreement point that
    is weakly dominated by a feasible point, lotteries or pure outcomes.
``symmetric_problems(n_players=2)``
    problems closed under permuting the players (points symmetrized, equal ``d_i``).
``coalitional_games(n_players)``
    random TU games with small integer values (optionally superadditive/convex).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import strategies as st

from .coalitional import CoalitionalGame
from .problem import BargainingProblem

__all__ = ["problems", "symmetric_problems", "coalitional_games", "positive_scales"]


@st.composite
def problems(draw, n_players: int = 2, *, min_points: int = 2, max_points: int = 7, max_value: int = 10,
             lotteries: bool | None = True, exact: bool = True, proper: bool = True):
    """A random problem; with ``proper=True`` some point is strictly better than ``d`` for all."""
    n = n_players
    k = draw(st.integers(min_points, max_points))
    pts = [[draw(st.integers(0, max_value)) for _ in range(n)] for _ in range(k)]
    if proper:
        # d strictly below some point: pick one point and put d below it
        j = draw(st.integers(0, k - 1))
        if min(pts[j]) == 0:
            pts[j] = [v + 1 for v in pts[j]]
        d = [draw(st.integers(0, pts[j][i] - 1)) for i in range(n)]
    else:
        j = draw(st.integers(0, k - 1))
        d = [draw(st.integers(0, pts[j][i])) for i in range(n)]
    lot = draw(st.booleans()) if lotteries is None else lotteries
    if not exact:
        pts = [[float(v) for v in r] for r in pts]
        d = [float(v) for v in d]
    return BargainingProblem(pts, d, lotteries=lot, exact=exact)


@st.composite
def symmetric_problems(draw, n_players: int = 2, *, max_points: int = 5, max_value: int = 10):
    n = n_players
    k = draw(st.integers(1, max_points))
    base = [tuple(draw(st.integers(0, max_value)) for _ in range(n)) for _ in range(k)]
    pts = sorted({tuple(p[i] for i in perm) for p in base for perm in itertools.permutations(range(n))})
    low = min(min(p) for p in pts)
    hi = max(max(p) for p in pts)
    dv = draw(st.integers(0, max(low, 0)))
    if all(max(p) == dv for p in pts) and hi == dv:
        pts.append(tuple([dv + 1] * n))
    return BargainingProblem.from_vertices([list(p) for p in pts], [dv] * n)


@st.composite
def coalitional_games(draw, n_players: int = 3, *, max_value: int = 20, superadditive: bool = False):
    n = n_players
    vals = [0] + [draw(st.integers(0, max_value)) for _ in range((1 << n) - 1)]
    if superadditive:
        # superadditive closure: v(S) = max over partitions into two parts (iterate by size)
        masks = sorted(range(1, 1 << n), key=lambda m: bin(m).count("1"))
        for S in masks:
            T = (S - 1) & S
            while T:
                vals[S] = max(vals[S], vals[T] + vals[S ^ T])
                T = (T - 1) & S
    return CoalitionalGame(vals)


def positive_scales(n: int):
    return st.lists(st.fractions(min_value=Fraction(1, 5), max_value=5, max_denominator=7).filter(lambda x: x > 0),
                    min_size=n, max_size=n)
