"""Independent cross-checks of the ``solvers`` entry points.

Each test recomputes the answer without the library: lrsnash (lrslib) and Gambit's
``enummixed_solve(rational=True)`` for all extreme equilibria, QuantEcon for support enumeration
and Lemke-Howson paths, brute force for pure equilibria, our own scipy LPs for dominance,
zero-sum values and (coarse) correlated equilibria.  Seeded random games, small sizes.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import linprog

import solvers
from solvers.games import NormalFormGame
from tests.conftest import ce_rows



def _games(seed: int, count: int, max_actions: int = 7):
    """Seeded small bimatrix games: {0,1,2} payoffs, duplicated rows, 0/1 payoffs, generic."""
    rng = np.random.default_rng(seed)
    for it in range(count):
        m, n = (int(v) for v in rng.integers(1, max_actions + 1, 2))
        kind = it % 4
        if kind == 1:
            A, B = rng.integers(0, 100, (m, n)), rng.integers(0, 100, (m, n))
        elif kind == 3:
            A, B = rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))
        else:
            A, B = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))
            if kind == 2 and m > 1:
                A[-1], B[-1] = A[0], B[0]
        yield A, B


def _key(x, y):
    return tuple(F(v) for v in x), tuple(F(v) for v in y)


def _ours_extreme(A, B):
    r = solvers.extreme_equilibria(NormalFormGame.bimatrix(A.tolist(), B.tolist()))
    assert r.status == "ok"
    return {_key(*e.strategies) for e in r.equilibria}


def _is_nash(A, B, x, y):
    Ay = [sum(F(int(A[i, j])) * y[j] for j in range(len(y))) for i in range(len(x))]
    xB = [sum(x[i] * F(int(B[i, j])) for i in range(len(x))) for j in range(len(y))]
    return max(Ay) == sum(a * b for a, b in zip(x, Ay)) and max(xB) == sum(a * b for a, b in zip(xB, y))


@pytest.mark.anchor
def test_extreme_equilibria_equal_lrsnash(lrsnash):
    for A, B in _games(101, 40):
        ours = _ours_extreme(A, B)
        assert ours == lrsnash(A, B), (A.tolist(), B.tolist())
        assert all(_is_nash(A, B, x, y) for x, y in ours)


@pytest.mark.anchor
def test_extreme_equilibria_equal_gambit_enummixed():
    gbt = pytest.importorskip("pygambit")
    for A, B in _games(202, 40):
        g = gbt.Game.from_arrays([[gbt.Rational(int(v)) for v in r] for r in A],
                                 [[gbt.Rational(int(v)) for v in r] for r in B])
        res = gbt.nash.enummixed_solve(g, rational=True)
        p0, p1 = list(g.players)
        theirs = {(tuple(F(str(e[s])) for s in p0.strategies), tuple(F(str(e[s])) for s in p1.strategies))
                  for e in res.equilibria}
        assert _ours_extreme(A, B) == theirs, (A.tolist(), B.tolist())


def test_extreme_float_path_matches_exact():
    for A, B in _games(303, 30):
        exact = _ours_extreme(A, B)
        rf = solvers.extreme_equilibria(NormalFormGame.bimatrix(A.astype(float), B.astype(float)))
        assert rf.status == "ok"
        fl = {(tuple(np.round(np.asarray(e.strategies[0], float), 8)),
               tuple(np.round(np.asarray(e.strategies[1], float), 8))) for e in rf.equilibria}
        ex = {(tuple(np.round(np.asarray(x, float), 8)), tuple(np.round(np.asarray(y, float), 8))) for x, y in exact}
        assert fl == ex, (A.tolist(), B.tolist())


def _qe_game(qe, A, B):
    return qe.NormalFormGame((qe.Player(A.astype(float)), qe.Player(B.T.astype(float))))


def _round(x, y):
    return tuple(np.round(np.asarray(x, float), 7)), tuple(np.round(np.asarray(y, float), 7))


@pytest.mark.anchor
def test_support_enumeration_and_lemke_howson_equal_quantecon():
    qe = pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(404)
    for _ in range(15):
        m, n = (int(v) for v in rng.integers(1, 6, 2))
        A, B = rng.integers(-1000, 1000, (m, n)), rng.integers(-1000, 1000, (m, n))
        g = NormalFormGame.bimatrix(A.tolist(), B.tolist())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = {_round(*e) for e in qe.support_enumeration(_qe_game(qe, A, B))}
        extreme = {_round(x, y) for x, y in _ours_extreme(A, B)}
        for gg in (g, g.as_float()):
            r = solvers.support_enumeration(gg)
            assert r.status == "ok"
            assert {_round(*e.strategies) for e in r.equilibria} == theirs, (A.tolist(), B.tolist())
            for label in range(m + n):
                lh = solvers.lemke_howson(gg, label)
                assert lh.status == "ok"
                k = _round(*lh.equilibria[0].strategies)
                qx = qe.lemke_howson(_qe_game(qe, A, B), init_pivot=label, max_iter=10**6, capping=None)
                assert k == _round(*qx) and k in extreme, (A.tolist(), B.tolist(), label)
                if gg.exact:
                    assert lh.regrets[0] == 0


def test_lemke_howson_degenerate_games_give_extreme_equilibria():
    rng = np.random.default_rng(505)
    for it in range(25):
        m, n = (int(v) for v in rng.integers(1, 6, 2))
        A, B = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))
        if it % 2 and m > 1:
            A[-1], B[-1] = A[0], B[0]
        if it % 3 == 0:
            B = -A
        extreme = _ours_extreme(A, B)
        g = NormalFormGame.bimatrix(A.tolist(), B.tolist())
        for label in [None, "all", *range(m + n)]:
            r = solvers.lemke_howson(g, label)
            assert r.status == "ok"
            for e, reg in zip(r.equilibria, r.regrets):
                assert reg == 0 and _key(*e.strategies) in extreme, (A.tolist(), B.tolist(), label)


def _brute_pure(P):
    sh = P[0].shape
    out = []
    for prof in itertools.product(*[range(s) for s in sh]):
        ok = True
        for i in range(len(P)):
            idx = list(prof)
            best = max(P[i][tuple(idx[:i] + [a] + idx[i + 1:])] for a in range(sh[i]))
            ok = ok and best <= P[i][prof]
        if ok:
            out.append(prof)
    return out


def _strictly_dominated(P, i, a, surv, mixed):
    """Own LP: max eps s.t. sum_k s_k u_i(k, t) >= u_i(a, t) + eps on surviving opponent profiles."""
    opp = [surv[j] for j in range(len(P)) if j != i]

    def row(k):
        return np.array([P[i][tuple(list(o[:i]) + [k] + list(o[i:]))] for o in itertools.product(*opp)], float)

    ua, others = row(a), [k for k in surv[i] if k != a]
    if not others:
        return False
    if not mixed:
        return any(np.all(row(k) > ua) for k in others)
    M = np.array([row(k) for k in others])
    K, T = M.shape
    c = np.zeros(K + 1)
    c[-1] = -1
    r = linprog(c, A_ub=np.hstack([-M.T, np.ones((T, 1))]), b_ub=-ua, A_eq=[[1.0] * K + [0.0]], b_eq=[1],
                bounds=[(0, None)] * K + [(None, None)])
    return -r.fun > 1e-9


def test_pure_equilibria_and_dominance_by_brute_force_and_lp():
    rng = np.random.default_rng(606)
    for it in range(60):
        n = int(rng.integers(2, 4))
        sh = tuple(int(x) for x in rng.integers(1, 6 if n == 2 else 4, n))
        P = [rng.integers(0, [3, 10, 100][it % 3], sh) for _ in range(n)]
        g = NormalFormGame.from_arrays(*P)
        expected = sorted(_brute_pure(P))
        for gg in (g, g.as_float()):
            assert sorted(tuple(int(a) for a in p) for p in solvers.pure_equilibria(gg).profiles) == expected
        for mixed in (False, True):
            d = solvers.eliminate_dominated(g, mixed=mixed)
            surv = [list(range(s)) for s in sh]
            for rnd in sorted({st.round for st in d.steps}):
                steps = [st for st in d.steps if st.round == rnd]
                for st in steps:
                    assert _strictly_dominated(P, st.player, st.action, surv, mixed), st
                for st in steps:
                    surv[st.player].remove(st.action)
            assert [list(s) for s in d.surviving] == surv
            assert not any(_strictly_dominated(P, i, a, surv, mixed) for i in range(n) for a in surv[i])
            assert [list(s) for s in solvers.eliminate_dominated(g.as_float(), mixed=mixed).surviving] == surv


def test_gambit_issue_example_strict_mixed_dominance():
    # Issue 3: Gambit's undominated_strategies_solve(strict=True) over-eliminates here.  By hand:
    # row 4 = [9,9,9,8,9,9] strictly dominates rows 0, 2, 3, 5; row 1 ties row 4 in column 2
    # (9 = 9) and nothing else reaches 9 there, so row 1 is not strictly dominated.
    A = [[7, 5, 0, 5, 6, 0], [0, 0, 9, 1, 6, 3], [2, 8, 1, 2, 4, 2], [3, 3, 1, 7, 6, 7], [9, 9, 9, 8, 9, 9],
         [6, 6, 3, 2, 4, 8]]
    g = NormalFormGame.bimatrix(A, [[0] * 6] * 6)
    assert solvers.eliminate_dominated(g, mixed=True).surviving[0] == (1, 4)


def _ce_lp(P, coarse, sense):
    n = len(P)
    rows, profs = ce_rows(P, coarse)
    rows = [[float(v) for v in r] for r in rows]
    rows = rows or [[0.0] * len(profs)]
    w = np.array([sum(P[i][p] for i in range(n)) for p in profs], float)
    r = linprog(-sense * w, A_ub=np.array(rows), b_ub=np.zeros(len(rows)), A_eq=np.ones((1, len(profs))), b_eq=[1],
                bounds=[(0, None)] * len(profs))
    return -sense * r.fun, profs


def test_zero_sum_and_correlated_against_own_lp():
    rng = np.random.default_rng(707)
    for _ in range(30):
        m, n = (int(v) for v in rng.integers(1, 7, 2))
        A = rng.integers(-5, 6, (m, n))
        r = solvers.zero_sum_solve(A.tolist())
        c = np.zeros(m + 1)
        c[-1] = -1
        lp = linprog(c, A_ub=np.hstack([-A.T, np.ones((n, 1))]), b_ub=np.zeros(n), A_eq=[[1] * m + [0]], b_eq=[1],
                     bounds=[(0, None)] * m + [(None, None)])
        assert abs(float(r.value) + lp.fun) < 1e-9
        x, y = r.row_strategy, r.col_strategy
        assert min(sum(x[i] * int(A[i, j]) for i in range(m)) for j in range(n)) == r.value
        assert max(sum(y[j] * int(A[i, j]) for j in range(n)) for i in range(m)) == r.value

        k = int(rng.integers(2, 4))
        sh = tuple(int(s) for s in rng.integers(1, 5 if k == 2 else 3, k))
        P = [rng.integers(0, 10, sh) for _ in range(k)]
        g = NormalFormGame.from_arrays(*P)
        for coarse in (False, True):
            for maximize in (True, False):
                ce = solvers.correlated_equilibrium(g, "welfare", coarse=coarse, maximize=maximize)
                val, profs = _ce_lp(P, coarse, 1 if maximize else -1)
                assert ce.status == "ok" and abs(float(ce.objective_value) - val) < 1e-7
                D = np.array(ce.distribution, dtype=object)
                assert sum(D[p] for p in profs) == 1 and min(D[p] for p in profs) >= 0
                for i in range(k):  # exact incentive constraints
                    for a in range(sh[i]):
                        for b in range(sh[i]):
                            gain = sum(D[p] * (int(P[i][tuple(p[:i] + (b,) + p[i + 1:])]) - int(P[i][p]))
                                       for p in profs if coarse or p[i] == a)
                            assert gain <= 0 or (coarse and a > 0)
