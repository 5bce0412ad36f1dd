"""Independent cross-checks of ``bargaining``: own LPs over the polygon, brute-force Shapley
values, the Talmud nucleolus (Aumann & Maschler 1985), Rubinstein's (1982) closed form."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
from scipy.optimize import linprog

from bargaining import (BargainingProblem, CoalitionalGame, core, egalitarian, kalai_smorodinsky, nash_solution,
                        nucleolus, rubinstein, shapley_value, utilitarian)


def _lp(c, P, A_ub=None, b_ub=None, extra=0):
    k = P.shape[0]
    return linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=[[1.0] * k + [0.0] * extra], b_eq=[1],
                   bounds=[(0, None)] * k + [(None, None)] * extra)


def _problems(seed, count):
    rng = np.random.default_rng(seed)
    for it in range(count):
        n = 2 if it % 3 else 3
        P = rng.integers(0, 20, (int(rng.integers(2, 8)), n)).astype(float)
        d = np.floor(P.min(0) + rng.random() * (P.mean(0) - P.min(0)) * 0.5)
        if not np.any(np.all(P > d, axis=1)):
            continue
        Pd = np.vstack([P, d])
        w = np.ones(n) if it % 2 else rng.integers(1, 4, n).astype(float)
        yield Pd, d, w, BargainingProblem(Pd.astype(int).tolist(), d.astype(int).tolist())


def test_solutions_against_own_lps():
    for Pd, d, w, prob in _problems(11, 40):
        k, n = Pd.shape
        ir = (-Pd.T, -d)  # lambda @ Pd >= d
        # utilitarian: max w.x over individually rational points
        util = -_lp(-(Pd @ w), Pd, *ir).fun
        ut = np.array([float(x) for x in utilitarian(prob, weights=w.astype(int).tolist()).point])
        assert abs(ut @ w - util) < 1e-9
        # egalitarian: max t with x - d >= t; two players: leximin = max sum on {x - d >= t*}
        t = -_lp(np.r_[np.zeros(k), -1], Pd, np.hstack([-Pd.T, np.ones((n, 1))]), -d, extra=1).fun
        eg = np.array([float(x) for x in egalitarian(prob).point])
        assert min(eg - d) > t - 1e-9
        if n == 2:
            lex = _lp(-Pd.sum(1), Pd, -Pd.T, -(d + t - 1e-12)).x @ Pd
            assert np.allclose(eg, lex, atol=1e-6)
        # Kalai-Smorodinsky: ideal point over S_d, then the largest t with d + t (a - d) in S
        a = np.array([-_lp(-Pd[:, i], Pd, *ir).fun for i in range(n)])
        r = linprog(np.r_[np.zeros(k), -1], A_eq=np.vstack([np.hstack([Pd.T, -(a - d)[:, None]]), np.r_[np.ones(k), 0]]),
                    b_eq=np.r_[d, 1], bounds=[(0, None)] * (k + 1))
        ks_lp = d - r.fun * (a - d)
        ks = np.array([float(x) for x in kalai_smorodinsky(prob).point])
        if n == 2:
            assert np.allclose(ks, ks_lp, atol=1e-7)
        else:
            assert np.all(ks >= ks_lp - 1e-7)
        # Nash: no feasible point (vertex or mixture on a grid of pairs) beats the weighted product
        ns = nash_solution(prob, weights=w.astype(int).tolist())
        x = np.array([float(v) for v in ns.point])
        val = np.sum(w * np.log(x - d))
        for p, q in itertools.combinations(range(k), 2):
            for lam in np.linspace(0, 1, 41):
                y = lam * Pd[p] + (1 - lam) * Pd[q]
                if np.all(y > d):
                    assert np.sum(w * np.log(y - d)) <= val + 1e-9
        # pure-outcome semantics: brute force over the outcomes
        pure = BargainingProblem(Pd.astype(int).tolist(), d.astype(int).tolist(), lotteries=False)
        xp = np.array([float(v) for v in nash_solution(pure, weights=w.astype(int).tolist()).point])
        best = max(np.sum(w * np.log(p - d)) for p in Pd if np.all(p > d))
        assert abs(np.sum(w * np.log(xp - d)) - best) < 1e-9


def _shapley(v, n):
    phi = [F(0)] * n
    for perm in itertools.permutations(range(n)):
        S = 0
        for i in perm:
            phi[i] += v[S | 1 << i] - v[S]
            S |= 1 << i
    return [p / math.factorial(n) for p in phi]


def test_shapley_brute_force_and_core_lp():
    rng = np.random.default_rng(12)
    for _ in range(40):
        n = int(rng.integers(2, 6))
        v = [F(0)] + [F(int(x)) for x in rng.integers(0, 20, 2 ** n - 1)]
        assert [F(x) for x in shapley_value(CoalitionalGame(v)).value] == _shapley(v, n)
        rows = [[-(S >> i & 1) for i in range(n)] + [-1] for S in range(1, 2 ** n - 1)]
        lp = linprog([0] * n + [1], A_ub=rows, b_ub=[-float(v[S]) for S in range(1, 2 ** n - 1)],
                     A_eq=[[1] * n + [0]], b_eq=[float(v[-1])], bounds=[(None, None)] * (n + 1))
        assert core(CoalitionalGame(v)).nonempty == (lp.fun <= 1e-9)


def test_talmud_nucleolus():
    # Aumann & Maschler (1985): claims 100, 200, 300; estates 100, 200, 300.
    claims = [100, 200, 300]
    for estate, expected in [(100, [F(100, 3)] * 3), (200, [50, 75, 75]), (300, [50, 100, 150])]:
        v = [F(max(0, estate - sum(claims[i] for i in range(3) if not S >> i & 1))) for S in range(8)]
        v[0] = F(0)
        assert [F(x) for x in nucleolus(CoalitionalGame(v)).value] == [F(e) for e in expected]


def test_rubinstein_closed_form():
    # Rubinstein (1982): the first proposer gets (1 - d2) / (1 - d1 d2).
    for d1 in [F(1, 2), F(9, 10), F(1, 3), F(99, 100)]:
        for d2 in [F(1, 2), F(4, 5), F(2, 3), F(1, 10)]:
            x = (1 - d2) / (1 - d1 * d2)
            assert tuple(F(t) for t in rubinstein(d1, d2).shares) == (x, 1 - x)
            y = (1 - d1) / (1 - d1 * d2)
            assert tuple(F(t) for t in rubinstein(d1, d2, first=1).shares) == (1 - y, y)
            assert tuple(F(t) for t in rubinstein(d1, d2, horizon=2).shares) == (1 - d2, d2)


def _balanced(coalitions, n):
    """Kohlberg: positive weights lambda_S with sum_S lambda_S 1_S = 1_N exist (LP on the min weight)."""
    k = len(coalitions)
    A_eq = np.array([[float(S >> i & 1) for S in coalitions] + [0.0] for i in range(n)])
    r = linprog(np.r_[np.zeros(k), -1], A_ub=np.hstack([-np.eye(k), np.ones((k, 1))]), b_ub=np.zeros(k),
                A_eq=A_eq, b_eq=np.ones(n), bounds=[(0, None)] * k + [(None, 1)])
    return r.status == 0 and -r.fun > 1e-9


def test_prenucleolus_satisfies_kohlberg_criterion():
    # Kohlberg (1971): x is the prenucleolus iff every upper level set of excesses is balanced.
    rng = np.random.default_rng(14)
    for _ in range(40):
        n = int(rng.integers(2, 6))
        v = [F(0)] + [F(int(x)) for x in rng.integers(-5, 20, 2 ** n - 1)]
        x = [F(t) for t in nucleolus(CoalitionalGame(v), pre=True).value]
        assert sum(x) == v[-1]
        ex = {S: v[S] - sum(x[i] for i in range(n) if S >> i & 1) for S in range(1, 2 ** n - 1)}
        for level in set(ex.values()):
            assert _balanced([S for S in ex if ex[S] >= level], n), (v, x, level)
