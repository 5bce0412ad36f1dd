"""Tests of solvers._exact_lp: exact certificates of badly scaled optima, deadlines, random LPs.

Every exact optimum is re-checked here by an independent implementation of the LP optimality
certificate (primal feasibility, dual feasibility, complementary slackness and equal objective
values, all in Fractions; weak duality then proves optimality).
"""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
import pytest

from solvers._exact_lp import LPSolution, _reconstruct, exact_lp, exact_simplex, solve_exact_system, solve_lp
from solvers.correlated import _constraint_rows, _highs_ce, _objective
from solvers.generators import random_game

F = Fraction


def _check_certificate(c, Aub, bub, Aeq, beq, sol):
    """Independent check (Fractions) that ``sol`` is an optimal primal-dual pair."""
    assert sol.status == "optimal"
    x, y, z = list(sol.x), list(sol.y), list(sol.z)
    assert all(isinstance(v, Fraction) for v in x + y + z)
    n = len(c)
    assert len(x) == n and len(y) == len(Aub) and len(z) == len(Aeq)
    assert min(x, default=0) >= 0 and min(y, default=0) >= 0
    xs = [(j, v) for j, v in enumerate(x) if v]
    slack = [b - sum((F(row[j]) * v for j, v in xs), F(0)) for row, b in zip(Aub, bub)]
    assert min(slack, default=0) >= 0  # primal feasible
    for row, b in zip(Aeq, beq):
        assert sum((F(a) * v for a, v in zip(row, x)), F(0)) == b
    ys = [i for i in range(len(Aub)) if y[i]]
    red = [sum((F(Aub[i][j]) * y[i] for i in ys), F(0))
           + sum((F(Aeq[i][j]) * z[i] for i in range(len(Aeq))), F(0)) - F(c[j]) for j in range(n)]
    assert min(red, default=0) >= 0  # dual feasible
    assert all(yi * si == 0 for yi, si in zip(y, slack))  # complementary slackness
    assert all(xj * rj == 0 for xj, rj in zip(x, red))
    primal = sum((F(cj) * xj for cj, xj in zip(c, x)), F(0))
    dual = sum((F(b) * v for b, v in zip(bub, y)), F(0)) + sum((F(b) * v for b, v in zip(beq, z)), F(0))
    assert primal == dual == sol.value


def _ce_lp(game):
    """Welfare-maximizing CE LP of ``game`` in exact form, and HiGHS's float optimum."""
    g = game.as_exact()
    c, _ = _objective("t", g, "welfare", True)
    G = _constraint_rows(list(g.payoffs), g.shape, False, True)
    N = int(np.prod(g.shape))
    hint = _highs_ce(np.array([float(v) for v in c.tolist()]),
                     np.array([[float(v) for v in r] for r in G.tolist()]), 1)
    return c.tolist(), G.tolist(), [F(0)] * len(G), [[F(1)] * N], [F(1)], hint


def test_badly_scaled_ce_is_certified():
    # Red-team case: the welfare CE of random_game((20, 20), seed=0).  HiGHS's optimum has a
    # probability 3.4e-10 while violating an incentive row by 3.4e-11 (relative), so no exact
    # point has its support and its tight rows; before, the certification failed and the exact
    # simplex (1.46M-entry tableau) was out of reach ("truncated").
    c, Aub, bub, Aeq, beq, hint = _ce_lp(random_game((20, 20), seed=0))
    x = hint.x
    assert 0 < np.min(x[x > 1e-14]) < 1e-9  # the badly scaled float optimum
    sol = exact_lp(c, Aub, bub, Aeq, beq, hint=hint, max_simplex_size=40_000)
    _check_certificate(c, Aub, bub, Aeq, beq, sol)
    assert sol.method.startswith("highs+")
    assert abs(float(sol.value) - hint.value) < 1e-8 * abs(hint.value)


def _perturbed(sol, rng, eps):
    xf = np.array([float(v) for v in sol.x]) * (1 + eps * rng.standard_normal(len(sol.x)))
    xf += eps * np.abs(rng.standard_normal(len(sol.x))) * (xf == 0)
    yf = np.array([float(v) for v in sol.y]) * (1 + eps * rng.standard_normal(len(sol.y)))
    zf = np.array([float(v) for v in sol.z]) * (1 + eps * rng.standard_normal(len(sol.z)))
    return LPSolution("optimal", x=xf, y=yf, z=zf, method="perturbed")


def _random_lp(rng):
    n = int(rng.integers(2, 7))
    m1 = int(rng.integers(1, 7))
    m2 = int(rng.integers(0, 3))
    Aub = rng.integers(-5, 6, size=(m1, n)).tolist()
    bub = rng.integers(-2, 8, size=m1).tolist()
    Aeq = rng.integers(0, 4, size=(m2, n)).tolist()
    beq = rng.integers(0, 6, size=m2).tolist()
    c = rng.integers(-4, 6, size=n).tolist()
    if rng.random() < 0.5:  # bounded: a budget row
        Aub.append([1] * n)
        bub.append(int(rng.integers(1, 9)))
    return c, Aub, bub, Aeq if m2 else None, beq if m2 else None


@pytest.mark.parametrize("seed", range(40))
def test_random_lps_exact_vs_simplex_vs_highs(seed):
    rng = np.random.default_rng(seed)
    c, Aub, bub, Aeq, beq = _random_lp(rng)
    Fr = [[F(v) for v in r] for r in Aub]
    Fe = [[F(v) for v in r] for r in (Aeq or [])]
    sol = exact_lp(c, Aub, bub, Aeq, beq)
    ref = exact_simplex([F(v) for v in c], Fr, [F(v) for v in bub], Fe, [F(v) for v in (beq or [])])
    fl = solve_lp(c, Aub, bub, Aeq, beq)
    assert sol.status == ref.status == fl.status
    if sol.status != "optimal":
        return
    _check_certificate(c, Aub, bub, Aeq or [], beq or [], sol)
    _check_certificate(c, Aub, bub, Aeq or [], beq or [], ref)
    assert sol.value == ref.value
    assert abs(float(sol.value) - fl.value) <= 1e-7 * max(1.0, abs(fl.value))
    # a hint perturbed at the 1e-11..1e-7 level is either certified exactly or rejected, never
    # turned into a wrong answer
    for eps in (1e-11, 1e-9, 1e-7):
        r = _reconstruct([F(v) for v in c], Fr, [F(v) for v in bub], Fe, [F(v) for v in (beq or [])],
                         _perturbed(ref, rng, eps), 1e-9)
        if r is not None:
            _check_certificate(c, Aub, bub, Aeq or [], beq or [], r)
            assert r.value == ref.value


def test_perturbed_hint_violating_a_row_is_repaired():
    # maximize x1 + 2 x2 s.t. x1 + x2 <= 1, x2 <= 3e-10 (exactly 3/10^10): the optimum has
    # x2 = 3e-10, tiny against x1.  The hint violates the second row by 1e-9 (more than x2's
    # size), so the small-slack rows and the support disagree; the duals' support (or the
    # restricted exact LP) repairs it.
    c = [1, 2]
    Aub = [[1, 1], [0, 1]]
    bub = [F(1), F(3, 10**10)]
    hint = LPSolution("optimal", x=np.array([1 - 3e-10, 1.3e-9]), y=np.array([1.0, 1.0]), z=np.zeros(0))
    r = _reconstruct([F(1), F(2)], [[F(1), F(1)], [F(0), F(1)]], bub, [], [], hint, 1e-9)
    assert r is not None
    _check_certificate(c, Aub, bub, [], [], r)
    assert r.x == [1 - F(3, 10**10), F(3, 10**10)] and r.value == 1 + F(3, 10**10)
    assert r.method.startswith("highs+")  # (the old single-threshold reconstruction gave None)


def _slow_lp(n=30, m=30, seed=1):
    rng = np.random.default_rng(seed)
    A = [[F(int(v)) for v in r] for r in rng.integers(1, 10**12, size=(m, n))]
    b = [F(int(v)) for v in rng.integers(10**12, 10**13, size=m)]
    c = [F(int(v)) for v in rng.integers(1, 10**12, size=n)]
    return c, A, b


def test_exact_simplex_deadline():
    c, A, b = _slow_lp()
    t = time.perf_counter()
    r = exact_simplex(c, A, b, [], [], deadline=time.perf_counter() + 0.02)
    assert r.status == "time_limit" and r.x is None
    assert time.perf_counter() - t < 2.0
    # an already-passed deadline stops before the first pivot; no deadline solves it
    assert exact_simplex(c, A, b, [], [], deadline=time.perf_counter() - 1).status == "time_limit"
    M = [[F(int(v)) for v in r] for r in np.random.default_rng(0).integers(1, 10**15, size=(40, 40))]
    assert solve_exact_system(M, [F(1)] * 40, deadline=time.perf_counter() - 1) is None
    assert solve_exact_system(M[:2], [F(1)] * 2) is not None
    small = exact_simplex([F(1), F(1)], [[F(1), F(2)], [F(3), F(1)]], [F(4), F(6)], [], [])
    assert small.status == "optimal" and small.value == F(14, 5)  # vertex (8/5, 6/5)


def test_exact_lp_time_limit():
    c, A, b = _slow_lp()
    # a hint whose support is wrong and an expired limit: no exact work is attempted
    r = exact_lp(c, A, b, time_limit=1e-9, hint=LPSolution("optimal", x=np.zeros(30), y=np.zeros(30),
                                                            z=np.zeros(0)))
    assert r.status == "time_limit" and r.x is None
    r2 = exact_lp(c, A, b, time_limit=60.0)
    assert r2.status == "optimal"
    _check_certificate(c, A, b, [], [], r2)


def test_solve_lp_without_time_left(monkeypatch):
    # no time left (the callers pass deadline - now, which can be <= 0): status "time_limit" without
    # calling HiGHS; a positive limit solves
    import scipy.optimize

    c, A, b = np.ones(2), np.array([[1.0, 1.0]]), np.ones(1)
    assert solve_lp(c, A, b, time_limit=10).value == pytest.approx(1.0)
    monkeypatch.setattr(scipy.optimize, "linprog", lambda *a, **k: pytest.fail("HiGHS called"))
    for left in (0, -1.0):
        s = solve_lp(c, A, b, time_limit=left)
        assert s.status == "time_limit" and s.x is None
