"""Exact support enumeration does not trust the float filter where it cannot see the game:
payoffs that differ by units near 1e15 (found by the red team against lrsnash), and an exact
cross-check with extreme_equilibria whenever the answer claims to be complete."""

from fractions import Fraction

import numpy as np
import pytest

import solvers.support_enum as S
from solvers import NormalFormGame, extreme_equilibria, support_enumeration

# 5x5, nondegenerate; lrsnash and extreme_equilibria give 5 equilibria; the float filter
# (payoffs normalized to [1, 2]: units become 1.7e-16) found 2 and said "ok"
A = [[-1000000000000002, 1, -999999999999995, -1999999999999995, 999999999999996],
     [-999999999999998, -2999999999999999, 2999999999999999, 999999999999995, 3000000000000001],
     [1999999999999996, 1000000000000003, 2999999999999997, -1999999999999997, -1999999999999995],
     [1000000000000000, 1000000000000002, -2000000000000001, 3000000000000004, -999999999999998],
     [2999999999999995, -1, -1999999999999998, -1000000000000000, -3000000000000001]]
B = [[2, -1000000000000005, 1, 1000000000000003, -999999999999996],
     [-1000000000000004, -3, -4, -4, -2000000000000005],
     [1999999999999999, -1000000000000000, 999999999999996, 4, 2000000000000001],
     [-1999999999999997, -1999999999999999, -2000000000000000, 2999999999999996, -1000000000000001],
     [-2999999999999998, -3, -1999999999999999, 2000000000000002, -3000000000000001]]


def _keys(res):
    return {tuple(tuple(Fraction(v) for v in s) for s in p.strategies) for p in res.equilibria}


def test_units_near_1e15_are_decided_exactly():
    g = NormalFormGame.from_arrays(A, B)
    r = support_enumeration(g)
    assert r.status == "ok" and len(r.equilibria) == 5
    assert _keys(r) == _keys(extreme_equilibria(g))
    assert all(reg == 0 for reg in r.regrets)
    assert "decided exactly" in r.message


@pytest.mark.parametrize("n", [4, 6])
def test_big_payoff_games_agree_with_extreme_equilibria(n):
    rng = np.random.default_rng(n)
    for _ in range(3):
        A2 = (rng.integers(-3, 4, (n, n)) * 10**15 + rng.integers(-5, 6, (n, n))).tolist()
        B2 = (rng.integers(-3, 4, (n, n)) * 10**15 + rng.integers(-5, 6, (n, n))).tolist()
        g = NormalFormGame.from_arrays(A2, B2)
        r = support_enumeration(g)
        if r.status == "ok":
            assert _keys(r) == _keys(extreme_equilibria(g))
        else:
            assert r.status == "degenerate"
            assert _keys(r) <= _keys(extreme_equilibria(g))


def test_cross_check_reruns_exactly_when_the_filter_misses(monkeypatch):
    # pretend the float filter lost every mixed equilibrium: the exact cross-check notices and
    # the all-exact enumeration restores the full answer (von Stengel's nondegenerate 3x2 game,
    # 3 equilibria, one of them pure)
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    want = support_enumeration(g)
    real = S._run

    def lossy(*args, **kw):
        info, X, Y, w, c = real(*args, **kw)
        keep = [i for i in range(len(X)) if (np.asarray(X[i]) > 0).sum() == 1]
        return (info[0], len(keep), *info[2:]), [X[i] for i in keep], [Y[i] for i in keep], w, c

    monkeypatch.setattr(S, "_run", lossy)
    monkeypatch.setattr(S, "_SMALL_EXACT_PAIRS", 0)  # force the float filter on this small game
    r = support_enumeration(g)
    assert _keys(r) == _keys(want) and r.status == want.status == "ok"
    assert len(want.equilibria) == 3


def test_float_resolution_rule():
    assert S._float_resolves(NormalFormGame.bimatrix([[1, 2], [3, 4]], [[0, 1], [1, 0]]))
    assert not S._float_resolves(NormalFormGame.bimatrix([[10**15, 10**15 + 1], [0, 1]], [[0, 1], [1, 0]]))
    # random float games read exactly (17-digit decimals) are resolved
    rng = np.random.default_rng(0)
    assert S._float_resolves(NormalFormGame.bimatrix(rng.random((12, 12)), rng.random((12, 12))).as_exact())
