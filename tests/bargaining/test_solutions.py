"""Bargaining solutions: literature values, degenerate problems, exact vs float, cross-checks."""

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings

from bargaining import (
    BargainingProblem,
    all_solutions,
    egalitarian,
    kalai_smorodinsky,
    nash_solution,
    raiffa,
    utilitarian,
)
from bargaining.solutions import nash_product
from bargaining.strategies import problems
from solvers.errors import InvalidInputError, UnsupportedError

B = BargainingProblem


def nash_1950_outcomes():
    """Nash (1950), 'The bargaining problem', Econometrica 18, p. 161: Bill's and Jack's goods
    with (utility to Bill, utility to Jack)."""
    bill = {"book": (2, 4), "whip": (2, 2), "ball": (2, 1), "bat": (2, 2), "box": (4, 1)}
    jack = {"pen": (10, 1), "toy": (4, 1), "knife": (6, 2), "hat": (2, 2)}
    goods = [("B", k, v) for k, v in bill.items()] + [("J", k, v) for k, v in jack.items()]
    outs = {}
    for mask in itertools.product([0, 1], repeat=len(goods)):
        gb = gj = 0
        names = []
        for m, (who, name, (ub, uj)) in zip(mask, goods):
            if m:
                names.append(name)
                if who == "B":
                    gb, gj = gb - ub, gj + uj
                else:
                    gb, gj = gb + ub, gj - uj
        outs["+".join(names) or "none"] = (gb, gj)
    return outs


@pytest.mark.parametrize("lotteries", [False, True])
def test_nash_1950_bill_and_jack(lotteries):
    # Nash (1950): Bill gives Jack book, whip, ball and bat; Jack gives Bill pen, toy and knife:
    # gains (12, 5), product 60 (also the solution with lotteries: a vertex of the hull).
    p = B.from_outcomes(nash_1950_outcomes(), [0, 0], lotteries=lotteries)
    r = nash_solution(p)
    assert r.point == (F(12), F(5)) and r.exact
    if not lotteries:
        assert set(r.label.split("+")) == {"book", "whip", "ball", "bat", "pen", "toy", "knife"}
    else:
        assert r.certificate["certified"] and r.certificate["gap"] <= 0


def test_triangle_all_solutions():
    p = B.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    s = all_solutions(p)
    assert s["nash"].point == (1, F(1, 2))
    assert s["kalai_smorodinsky"].point == (1, F(1, 2))
    assert s["egalitarian"].point == (F(2, 3), F(2, 3))
    assert s["utilitarian"].point == (2, 0)
    assert s["raiffa"].point == (1, F(1, 2)) and s["raiffa"].exact and s["raiffa"].iterations == 1
    assert all(r.exact and r.status == "ok" for r in s.values())
    assert s["nash"].lottery == ((1, F(1, 2)), (2, F(1, 2)))


def test_kalai_smorodinsky_1975_example():
    # Kalai & Smorodinsky (1975), Econometrica 43, the monotonicity example:
    # S = conv{(0,0),(1,0),(3/4,3/4),(0,1)}, T = conv{(0,0),(1,0),(1,7/10),(0,1)}.
    S = B.from_vertices([[0, 0], [1, 0], ["3/4", "3/4"], [0, 1]], [0, 0])
    T = B.from_vertices([[0, 0], [1, 0], [1, "7/10"], [0, 1]], [0, 0])
    assert nash_solution(S).point == (F(3, 4), F(3, 4))
    assert nash_solution(T).point == (F(1), F(7, 10))        # player 2 loses in the larger set
    assert kalai_smorodinsky(S).point == (F(3, 4), F(3, 4))
    assert kalai_smorodinsky(T).point == (F(10, 13), F(10, 13))  # t = 1 - 3t/10


def test_weighted_nash_divide_the_dollar():
    p = B.from_vertices([[1, 0], [0, 1]], [0, 0])
    assert nash_solution(p, [1, 2]).point == (F(1, 3), F(2, 3))
    assert nash_solution(p, ["1/4", "3/4"]).point == (F(1, 4), F(3, 4))
    r = nash_solution(p.as_float(), [1, 2])
    assert r.point == pytest.approx((1 / 3, 2 / 3), abs=1e-12)


def test_nash_n_players_exact_facet_and_vertex():
    simplex = B.from_vertices(np.eye(4, dtype=int).tolist() + [[0, 0, 0, 0]], [0, 0, 0, 0])
    r = nash_solution(simplex)
    assert r.exact and r.point == (F(1, 4),) * 4
    r = nash_solution(simplex, [1, 2, 3, 4])   # facet closed form: x_i = w_i / W
    assert r.exact and r.point == (F(1, 10), F(2, 10), F(3, 10), F(4, 10))
    p = B.from_vertices([[0, 0, 0], [1, 0, 0], [0, 2, 0], [0, 0, 3], [1, 1, 1]], [0, 0, 0])
    r = nash_solution(p)
    assert r.exact and r.point == (1, 1, 1) and r.certificate["gap"] <= 0
    rf = nash_solution(p.as_float())
    assert rf.point == pytest.approx((1, 1, 1), abs=1e-7)


def test_nash_matches_brute_force_on_frontier():
    rng = np.random.default_rng(7)
    for _ in range(20):
        P = rng.integers(0, 20, size=(6, 2))
        p = B.from_vertices(P.tolist() + [[0, 0]], [0, 0])
        w = rng.integers(1, 4, size=2).tolist()
        r = nash_solution(p, w)
        best = -math.inf
        Fr = [tuple(float(v) for v in x) for x in p.frontier()]
        for a, b in zip(Fr, Fr[1:]):
            for s in np.linspace(0, 1, 2001):
                best = max(best, nash_product((a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])), (0, 0), w))
        assert nash_product(r.point, (0, 0), w) >= best - 1e-9


@settings(max_examples=25)
@given(problems(3, max_points=6))
def test_nash_n3_exact_vs_float(p):
    r = nash_solution(p)
    rf = nash_solution(p.as_float())
    assert rf.status in ("ok", "degenerate")
    assert np.allclose([float(v) for v in r.point], rf.point, atol=1e-6)
    if r.exact and r.status == "ok":
        assert r.certificate["gap"] <= 0
    if rf.status == "ok":
        assert rf.certificate["gap"] <= 1e-8


@settings(max_examples=25)
@given(problems(2, max_points=7))
def test_two_player_exact_vs_float(p):
    for f in (nash_solution, kalai_smorodinsky, egalitarian, utilitarian, raiffa):
        r, rf = f(p), f(p.as_float())
        assert np.allclose([float(v) for v in r.point], rf.point, atol=1e-6), f.__name__


def test_degenerate_single_point_and_d_on_frontier():
    p = B.from_vertices([[0, 0], [1, 1], [1, 0], [0, 1]], [0, 0])
    for r in all_solutions(p).values():
        assert r.point == (1, 1)
    q = B.from_vertices([[0, 2], [2, 0], [0, 0]], [1, 1])   # d on the frontier
    for r in all_solutions(q).values():
        assert r.point == (1, 1) and r.status == "degenerate"


def test_degenerate_one_sided_gains():
    p = B.from_vertices([[0, 0], [3, 1], [0, 1]], [0, 1])   # only player 0 can gain
    for r in all_solutions(p).values():
        assert r.point == (3, 1) and r.status == "degenerate" and "only players [0]" in r.message
    p3 = B.from_vertices([[0, 0, 0], [1, 0, 0], [0, 1, 0]], [0, 0, 0])
    for r in all_solutions(p3).values():
        assert tuple(float(v) for v in r.point) == pytest.approx((0.5, 0.5, 0.0), abs=1e-7)


def test_collinear_outcomes():
    p = B.from_outcomes([[0, 2], [1, 1], [2, 0]], [0, 0], lotteries=True)
    assert nash_solution(p).point == (1, 1)
    assert kalai_smorodinsky(p).point == (1, 1)
    q = B.from_outcomes([[0, 2], [1, 1], [2, 0]], [0, 0], lotteries=False)
    assert nash_solution(q).point == (1, 1) and nash_solution(q).outcome == 1


def test_pure_outcomes_ties_and_counting_gains():
    p = B.from_outcomes({"a": [2, 1], "b": [1, 2], "c": [0, 3]}, [0, 0], lotteries=False)
    r = nash_solution(p)
    assert r.ties == (0, 1) and r.outcome == 0 and "tie" in r.message
    # no outcome gives both a gain: maximize the number of gainers first
    q = B.from_outcomes([[1, 0], [0, 1]], [0, 0], lotteries=False)
    r = nash_solution(q)
    assert r.status == "degenerate" and r.ties == (0, 1)


def test_egalitarian_leximin_and_weights():
    p = B.from_vertices([[0, 0], [2, 0], [1, 1], [0, 1]], [0, "1/4"])
    assert egalitarian(p).point == (1, 1)                          # leximin extension
    assert egalitarian(p, leximin=False).point == (F(3, 4), 1)     # only weakly Pareto
    q = B.from_vertices([[0, 0], [1, 0], [0, 1]], [0, 0])
    assert egalitarian(q, [1, 2]).point == (F(1, 3), F(2, 3))     # Kalai's proportional solution


def test_utilitarian_tie_break():
    p = B.from_vertices([[0, 0], [2, 0], [0, 2]], [0, 0])
    assert utilitarian(p).point == (1, 1)
    assert utilitarian(p, tie_break="first").point == (2, 0)
    assert utilitarian(p, [2, 1]).point == (2, 0)


def test_raiffa_converges_on_curved_frontier():
    th = np.linspace(0, np.pi / 2, 40)
    p = B.from_vertices(np.c_[np.cos(th), np.sin(th)].tolist() + [[0.0, 0.0]], [0.0, 0.0])
    r = raiffa(p)
    assert r.status == "ok" and r.point == pytest.approx((math.cos(math.pi / 4),) * 2, abs=2e-3)
    p3 = B.from_vertices([[0, 0, 0], [1, 0, 0], [0, 2, 0], [0, 0, 3], [1, 1, 1]], [0, 0, 0])
    r3 = raiffa(p3)
    assert r3.status == "ok"
    from bargaining.axioms import pareto_optimal
    assert pareto_optimal(p3, r3.point, strong=False)


# Raiffa (1953), discrete, 3 players, limits not reached in finitely many steps.  _RAIFFA_A: the
# limit is the point (6, 9, 7) + s (3, -7, 1) of the Pareto edge to (9, 2, 8) at s = 209/1134,
# i.e. (2477/378, 1249/162, 8147/1134), found by the exact path (Fractions for 80 steps, then
# floats to tol 1e-14; agrees to 3e-14, see the heavy test below).  _RAIFFA_B: the exact
# path's limit in floats.  Before the HiGHS values were polished to their vertex, the floats
# ended 7e-8 (A) and 6e-8 (B) relative off these limits with status "ok".
_RAIFFA_A = ([[6, 5, 2], [3, 0, 0], [0, 1, 8], [6, 9, 5], [6, 9, 7], [6, 5, 5], [9, 2, 8], [6, 0, 3], [0, 0, 0]],
             [F(5, 2), F(9, 4), F(5, 2)], (F(2477, 378), F(1249, 162), F(8147, 1134)))
_RAIFFA_B = ([[3, 2, 7], [8, 2, 3], [0, 9, 9], [6, 5, 5], [6, 7, 5], [7, 4, 3], [1, 8, 3], [6, 7, 6], [0, 0, 0]],
             [2, F(9, 4), 2], (6.021297792229053, 6.9467555194273585, 5.968053311656421))


@pytest.mark.parametrize("case", [_RAIFFA_A, _RAIFFA_B])
def test_raiffa_three_players_float_accuracy(case):
    P, d, limit = case
    scale = max(max(abs(v) for v in row) for row in P)
    pf = B.from_vertices([[float(v) for v in row] for row in P], [float(v) for v in d])
    for p in (pf, B.from_vertices(P, d)):   # floats, and exact input (30 exact steps, then floats)
        r = raiffa(p)
        assert r.status == "ok"
        err = max(abs(float(a) - float(b)) for a, b in zip(r.point, limit))
        assert err <= 1e-9 * scale, err          # the default tol, relative to the utilities
        assert r.certificate["error_estimate"] <= 1e-9 * scale


@pytest.mark.heavy
@pytest.mark.parametrize("case", [_RAIFFA_A, _RAIFFA_B])
def test_raiffa_three_players_exact_path(case):
    P, d, limit = case
    r = raiffa(B.from_vertices(P, d), exact_steps=80, tol=1e-14)
    assert max(abs(float(a) - float(b)) for a, b in zip(r.point, limit)) <= 1e-12


def test_raiffa_symmetric_pyramid_limit():
    # conv{e_1, e_2, e_3, (9/10)(1,1,1), 0}, d = 0: the sequence stays on the diagonal by symmetry
    # and converges (geometrically, ratio 17/27) to the apex (9/10, 9/10, 9/10); scaling player i
    # by w_i scales the limit (Raiffa's solution is scale covariant)
    for w in ((1, 1, 1), (1, 3, 7)):
        P = [[w[i] if i == j else 0 for i in range(3)] for j in range(3)] + [[0.9 * v for v in w], [0, 0, 0]]
        r = raiffa(B.from_vertices([[float(v) for v in row] for row in P], [0.0, 0.0, 0.0]))
        assert r.status == "ok"
        assert max(abs(a - 0.9 * v) for a, v in zip(r.point, w)) <= 1e-9 * max(w)


@pytest.mark.parametrize("call,match", [
    (lambda p: nash_solution(p, [1, 0]), "weights"),
    (lambda p: nash_solution(p, [1, -2]), "weights"),
    (lambda p: nash_solution(p, [1]), "weights"),
    (lambda p: egalitarian(p, [1, float("nan")]), "weights"),
    (lambda p: utilitarian(p, tie_break="random"), "tie_break"),
    (lambda p: raiffa(p, max_steps=0), "max_steps"),
    (lambda p: nash_solution("not a problem"), "problem"),
])
def test_errors(call, match):
    p = B.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    with pytest.raises(InvalidInputError, match=match):
        call(p)


def test_raiffa_needs_lotteries():
    q = B.from_outcomes([[0, 2], [2, 0]], [0, 0], lotteries=False)
    with pytest.raises(UnsupportedError):
        raiffa(q)


def test_result_convention():
    r = nash_solution(B.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0]))
    d = r.to_dict(jsonable=True)
    assert d["point"] == ["1", "1/2"] and d["solution"] == "nash"
    import json
    json.dumps(d)
    assert "BargainingSolution(" in repr(r)


def _slsqp_nash(P, d, w):
    from scipy.optimize import minimize

    k = len(P)

    def f(lam):
        x = lam @ P
        g = np.maximum(x - d, 1e-300)
        return -float(np.sum(w * np.log(g)))

    best = None
    for start in (np.full(k, 1 / k), np.eye(k)[int(np.argmax((P - d).min(axis=1)))] * 0.5 + 0.5 / k):
        r = minimize(f, start, method="SLSQP", bounds=[(0, 1)] * k,
                     constraints=[{"type": "eq", "fun": lambda lam: lam.sum() - 1}],
                     options={"ftol": 1e-15, "maxiter": 1000})
        if best is None or r.fun < best.fun:
            best = r
    return best.x @ P


def test_weighted_nash_n_players_vs_independent_optimizer():
    rng = np.random.default_rng(17)
    for _ in range(8):
        n = int(rng.integers(3, 5))
        P = rng.integers(1, 12, size=(7, n))
        d = np.zeros(n)
        w = rng.integers(1, 5, size=n)
        p = B.from_vertices(P.tolist(), d.astype(int).tolist())
        r = nash_solution(p, w.tolist())
        ours = nash_product(r.point, d, w)
        ref = _slsqp_nash(P.astype(float), d, w.astype(float))
        assert ours >= nash_product(ref, d, w) - 1e-7
        assert np.allclose([float(v) for v in r.point], ref, atol=1e-4)


def test_ks_three_players():
    p = B.from_vertices([[0, 0, 0], [1, 0, 0], [0, 2, 0], [0, 0, 3], [1, 1, 1]], [0, 0, 0])
    r = kalai_smorodinsky(p)
    assert r.point == (F(6, 13), F(12, 13), F(18, 13)) and p.contains(r.point)


def test_ks_three_players_not_comprehensive():
    # Kalai & Smorodinsky (1975), n players: the maximal point of S on the segment [d, a].
    # S = conv{0, (2,1,1), (1,2,1), (1,1,1/2)}, d = 0, a = (2,2,1).  By hand: x = alpha (2,1,1) +
    # beta (1,2,1) + gamma (1,1,1/2) = t (2,2,1) forces alpha = beta = 0, gamma = 2t <= 1, so the
    # KS point is (1, 1, 1/2) at t = 1/2, while the free-disposal hull reaches t = 3/4 below the
    # feasible (3/2, 3/2, 1): the KS point is not weakly Pareto optimal (status says so).
    p = B.from_vertices([[0, 0, 0], [2, 1, 1], [1, 2, 1], [1, 1, "1/2"]], [0, 0, 0])
    r = kalai_smorodinsky(p)
    assert r.point == (1, 1, F(1, 2)) and p.contains(r.point)
    assert r.status == "degenerate" and "not Pareto optimal" in r.message
    assert r.certificate["t"] == F(1, 2) and r.certificate["t_free_disposal"] == F(3, 4)
    fd = r.certificate["free_disposal_point"]
    assert fd == (F(3, 2), F(3, 2), 1) and p.contains(fd)
    assert not p.contains((F(101, 100), F(101, 100), F(101, 200)))  # nothing further on the segment
    # float path (and units 1e-9): the same point and status
    for c in (1.0, 1e-9):
        q = B.from_vertices([[0.0, 0.0, 0.0], [2 * c, c, c], [c, 2 * c, c], [c, c, c / 2]], [0.0, 0.0, 0.0])
        rf = kalai_smorodinsky(q)
        assert rf.status == "degenerate"
        assert np.allclose(rf.point, (c, c, c / 2), rtol=1e-9, atol=0)
        assert np.allclose(rf.certificate["free_disposal_point"], (1.5 * c, 1.5 * c, c), rtol=1e-9, atol=0)
    # the lexicographic extension (Imai 1983) is feasible and Pareto optimal here
    assert kalai_smorodinsky(p, lexicographic=True).point == (F(3, 2), F(3, 2), 1)


def test_ks_three_players_segment_misses_S():
    # S = conv{(2,1,1), (1,2,1)}, d = 0, a = (2,2,1): x3 = 1 forces t = 1, and (2,2,1) is not in S
    p = B.from_vertices([[2, 1, 1], [1, 2, 1]], [0, 0, 0])
    r = kalai_smorodinsky(p)
    assert r.status == "infeasible" and r.point == (0, 0, 0) and "undefined" in r.message
    assert r.certificate["free_disposal_point"] == (F(3, 2), F(3, 2), 1)


def test_docstring_examples():
    import doctest

    import bargaining.coalitional
    import bargaining.problem
    import bargaining.solutions
    import bargaining.strategic
    import bargaining.threats

    for mod in (bargaining.problem, bargaining.solutions, bargaining.threats, bargaining.strategic,
                bargaining.coalitional):
        res = doctest.testmod(mod)
        assert res.failed == 0, mod.__name__


@pytest.mark.heavy
def test_nash_n_players_large_random_float():
    from tests.conftest import HEAVY_SCALE

    rng = np.random.default_rng(123)
    for trial in range(5 * HEAVY_SCALE):
        n = int(rng.integers(3, 7))
        k = int(rng.integers(50, 2000))
        X = rng.random((k, n))
        if trial % 2:
            X /= np.linalg.norm(X, axis=1, keepdims=True)   # curved frontier: many facets
        d = (X.min(axis=0) * 0.5).tolist()
        w = rng.integers(1, 5, size=n).tolist()
        r = nash_solution(B.from_vertices(X, d), w)
        assert r.status == "ok" and r.certificate["gap"] <= 1e-9


@settings(max_examples=20)
@given(problems(2, max_points=7))
def test_lottery_realizes_point(p):
    for f in (nash_solution, kalai_smorodinsky, egalitarian, utilitarian, raiffa):
        r = f(p)
        if not r.lottery:
            continue
        assert sum(q for _, q in r.lottery) == 1 if r.exact else True
        x = p.lottery_point([dict(r.lottery).get(j, 0) for j in range(p.n_points)])
        if r.exact:
            assert x == r.point, f.__name__
        else:
            assert np.allclose([float(v) for v in x], r.point, atol=1e-9)


def test_raiffa_continuous():
    # on a linear frontier the continuous path heads straight at the ideal point: the KS point
    p = B.from_vertices([[0, 0], [4, 0], [0, 1]], [1, 0])
    r = raiffa(p, variant="continuous")
    assert r.status == "ok" and not r.exact
    assert r.point == pytest.approx(tuple(float(v) for v in kalai_smorodinsky(p).point), abs=1e-7)
    q = B.from_vertices([[0, 0], [6, 0], [5, 2], [2, 4], [0, 5]], [1, 0])
    rc = raiffa(q, variant="continuous")
    from bargaining.axioms import pareto_optimal
    assert pareto_optimal(q.as_float(), rc.point, tol=1e-6)
    assert rc.point != pytest.approx(tuple(float(v) for v in raiffa(q).point), abs=1e-3)  # variants differ
    with pytest.raises(InvalidInputError, match="variant"):
        raiffa(q, variant="sideways")


def test_ks_lexicographic_extension_three_players():
    # found by search: the KS point (9/5, 9/5, 6/5) is only weakly Pareto optimal (player 3 can
    # still reach 2); Imai's lexicographic extension fixes it.
    from bargaining.axioms import pareto_optimal

    p = B.from_vertices([[1, 3, 2], [0, 3, 2], [3, 0, 0], [3, 0, 2], [0, 0, 0]], [0, 0, 0])
    k = kalai_smorodinsky(p)
    assert k.point == (F(9, 5), F(9, 5), F(6, 5))
    assert pareto_optimal(p, k.point, strong=False) and not pareto_optimal(p, k.point)
    kl = kalai_smorodinsky(p, lexicographic=True)
    assert kl.point == (F(9, 5), F(9, 5), F(2)) and pareto_optimal(p, kl.point)
