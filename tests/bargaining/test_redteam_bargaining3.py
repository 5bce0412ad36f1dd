"""Red-team pass 3 on bargaining/: answers checked against independent recomputation.

Each test pins a bug found by recomputing the answer outside the library (scipy LPs, closed
forms, brute force) or a validation gap; the reference computations live in the tests.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from bargaining import BargainingProblem, raiffa
from solvers.errors import InvalidInputError


def _raiffa_reference(P, d, steps=400):
    """Discrete Raiffa (1953) by scipy LPs: d^{k+1} = mean_i m^i(d^k)."""
    from scipy.optimize import linprog

    P = np.asarray(P, float)
    k, n = P.shape
    z = np.asarray(d, float)
    for _ in range(steps):
        pts = []
        for i in range(n):
            lb = z.copy()
            lb[i] = P[:, i].min()
            r = linprog(-P[:, i], A_ub=-P.T, b_ub=-lb, A_eq=np.ones((1, k)), b_eq=[1.0],
                        bounds=[(0, None)] * k, method="highs")
            m = z.copy()
            m[i] = -r.fun if r.status == 0 else z[i]
            pts.append(m)
        z = np.mean(pts, axis=0)
    return z


@pytest.mark.parametrize("P, d, s", [
    # a segment in R^3: float iterates land a rounding error past it (LP infeasible -> TypeError)
    ([[1, 2, 3], [0, 8, 2]], [-1, 2, 2], [1.0, 1.0, 1.0]),
    ([[7, 0, 9], [7, 8, 9], [1, 0, 7], [9, 6, 8], [4, 8, 0]], [6, 5, 7], [1e-3, 1e-6, 1e4]),
])
def test_raiffa_float_iterates_past_the_frontier(P, d, s):
    s = np.asarray(s)
    ref = _raiffa_reference(P, d)
    for prob in (BargainingProblem.from_vertices(P, d),
                 BargainingProblem.from_vertices(np.asarray(P, float) * s, np.asarray(d, float) * s)):
        r = raiffa(prob)
        assert r.status == "ok"
        got = np.asarray(r.float_point(), float) / (s if not prob.exact else 1.0)
        assert np.allclose(got, ref, rtol=0, atol=1e-6 * np.abs(ref).max())


def test_pure_outcome_nash_weights_with_different_denominators():
    # outcomes (3, 0) and (0, 2), weights (1/2, 1): no outcome gives both a gain, so the
    # weighted product is compared over the gaining player: (1/2) log 3 = 0.55 < log 2 = 0.69.
    # The exact key raised each product to its own power (g^2 for den 2, h^1 for den 1).
    from bargaining import nash_solution

    p = BargainingProblem.from_outcomes([[3, 0], [0, 2]], [0, 0], lotteries=False)
    for prob in (p, p.as_float()):
        assert nash_solution(prob, weights=[F(1, 2), 1]).outcome == 1
        assert nash_solution(prob, weights=[1, F(1, 2)]).outcome == 0


def test_pure_outcome_nash_matches_brute_force():
    import math

    from bargaining import nash_solution

    rng = np.random.default_rng(7)
    ws = [F(1, 2), F(1, 3), F(1), F(2), F(3, 4)]
    for _ in range(60):
        n = int(rng.integers(2, 4))
        U = rng.integers(0, 6, size=(int(rng.integers(1, 7)), n)).tolist()
        d = [0] * n
        w = [ws[int(i)] for i in rng.integers(0, len(ws), size=n)]
        p = BargainingProblem.from_outcomes(U, d, lotteries=False)

        def key(row, n=n, d=d, w=w):
            pos = [i for i in range(n) if row[i] > d[i]]
            return (len(pos), sum(float(w[i]) * math.log(row[i] - d[i]) for i in pos))

        best = max(key(r) for r in U)
        for prob in (p, p.as_float()):
            k = key(U[nash_solution(prob, weights=w).outcome])
            assert k[0] == best[0] and k[1] == pytest.approx(best[1], abs=1e-12)


def test_nash_point_degenerate_outcomes_not_infeasible():
    # {(3, 0), (0, 2)}, d = 0: both outcomes are individually rational, neither gives both a
    # gain; nash_point said "infeasible: no outcome is individually rational" (index -1)
    from bargaining import nash_point

    r = nash_point(np.array([[3.0, 0.0], [0.0, 2.0]]), disagreement=[0, 0])
    assert (r.index, r.status, r.value) == (0, "degenerate", 3.0)
    r = nash_point(np.array([[0.0, 0.0, 5.0], [1.0, 1.0, 0.0], [0.0, 2.0, 3.0]]), disagreement=[0, 0, 0])
    assert (r.index, r.value) == (2, 6.0)


def test_nash_point_agrees_with_nash_solution_on_pure_outcomes():
    import math

    from bargaining import nash_point, nash_solution

    rng = np.random.default_rng(3)
    for _ in range(80):
        n = int(rng.integers(2, 4))
        U = rng.integers(0, 5, size=(int(rng.integers(1, 6)), n))
        d = [int(v) for v in rng.integers(0, 2, size=n)]
        if not np.any(np.all(U >= d, axis=1)):
            continue
        w = [float(v) for v in rng.integers(1, 4, size=n)]
        a = nash_point(U.astype(float), disagreement=d, weights=w)
        b = nash_solution(BargainingProblem.from_outcomes(U.tolist(), d, lotteries=False), weights=w)

        def key(j, U=U, d=d, w=w):
            g = U[j] - d
            return (int(np.sum(g > 0)), sum(wi * math.log(gi) for wi, gi in zip(w, g) if gi > 0))

        assert a.index >= 0
        assert key(a.index)[0] == key(b.outcome)[0]
        assert key(a.index)[1] == pytest.approx(key(b.outcome)[1], abs=1e-12)


def test_axiom_predicates_are_relative_to_tiny_utilities():
    # conv{(0,0),(1e-9,0),(0,1e-9)}: the tolerance was 1e-7 * (scale + 1), so any point passed
    from bargaining import nash_solution
    from bargaining.axioms import individually_rational, pareto, pareto_optimal, symmetric

    p = BargainingProblem.from_vertices(np.array([[0, 0], [1e-9, 0], [0, 1e-9]]), [0.0, 0.0])
    assert not pareto_optimal(p, (0.2e-9, 0.2e-9))
    assert pareto_optimal(p, (0.5e-9, 0.5e-9))
    assert not individually_rational(p, (-0.5e-9, 0.0))
    assert not symmetric(lambda q: (0.9e-9, 0.1e-9), p)
    assert symmetric(nash_solution, p) and pareto(nash_solution, p)


@pytest.mark.parametrize("call, param", [
    (lambda: __import__("bargaining").rubinstein(0.5, 0.5, breakdown_payoffs=5), "breakdown_payoffs"),
    (lambda: __import__("bargaining").rubinstein(0.5, 0.5, utilities=[np.sqrt, np.sqrt], tol=float("nan")),
     "tol"),
    (lambda: __import__("bargaining").rubinstein(0.5, 0.5, utilities=[np.sqrt, np.sqrt], tol=-1.0), "tol"),
    (lambda: __import__("bargaining").rubinstein(0.5, 0.5, first=True), "first"),
    (lambda: __import__("bargaining").nash_demand_game(4, disagreement=(float("nan"), 0)), "disagreement"),
    (lambda: __import__("bargaining").nash_demand_game(4, disagreement=0), "disagreement"),
])
def test_strategic_bad_inputs_name_the_parameter(call, param):
    with pytest.raises(InvalidInputError, match=param):
        call()


@pytest.mark.parametrize("call, param", [
    (lambda b, p: b.nash_solution(p, weights="12"), "weights"),
    (lambda b, p: b.utilitarian(p, weights=[1, True]), "weights"),
    (lambda b, p: b.nash_solution(p, max_iter="x"), "max_iter"),
    (lambda b, p: b.raiffa(p, exact_steps="x"), "exact_steps"),
    (lambda b, p: b.raiffa(p, exact_steps=-1), "exact_steps"),
    (lambda b, p: b.raiffa(p, max_steps=True), "max_steps"),
    (lambda b, p: b.kalai_smorodinsky(p, lexicographic="yes"), "lexicographic"),
])
def test_solution_bad_inputs_name_the_parameter(call, param):
    import bargaining

    p = BargainingProblem.from_vertices([[0, 0], [2, 0], [1, 1], [0, 1]], [0, 0])
    with pytest.raises(InvalidInputError, match=param):
        call(bargaining, p)


def test_coalitional_bad_inputs_and_airport_split():
    from bargaining import airport_game, glove_game, nucleolus, shapley_value
    from bargaining.coalitional import airport_sequential_split

    for f in (airport_game, airport_sequential_split):
        for bad in (3, [], [1, float("nan")], [1, -1]):
            with pytest.raises(InvalidInputError, match="costs"):
                f(bad)
    with pytest.raises(InvalidInputError, match="left"):
        glove_game(True, 2)
    # Littlechild & Owen (1973): Shapley value = sequential equal split of runway segments;
    # costs (3, 1, 2, 2): segment 1 split 4 ways, the next 3 ways, the last to the big plane
    want = (F(19, 12), F(1, 4), F(7, 12), F(7, 12))
    assert airport_sequential_split([3, 1, 2, 2]) == want
    assert tuple(shapley_value(airport_game([3, 1, 2, 2]))) == want
    assert airport_sequential_split([3.0, 1, 2, 2]) == pytest.approx([float(x) for x in want])
    # airport nucleolus for costs (1, 2, 3) by hand: savings of {1} and {2,3} sum to 1, so the
    # least excess is 1/2 with x1 = 1/2; then 3/2 - x2 = 5/2 - x3 with x2 + x3 = 5/2
    assert tuple(nucleolus(airport_game([1, 2, 3]))) == (F(1, 2), F(3, 4), F(7, 4))


def test_egalitarian_without_leximin_says_when_the_point_is_not_feasible():
    # Kalai's egalitarian point lives on the comprehensive hull: for S = conv of these six
    # points and d = (1, 4, 1), d + t*(1,1,1) with the largest t is (57/17, 108/17, 57/17),
    # which no lottery attains (the reference LP over lotteries gives t = 1.38 < 40/17)
    from bargaining import egalitarian

    P = [[2, 5, 2], [0, 7, 0], [2, 4, 4], [1, 9, 7], [9, 0, 7], [2, 5, 9]]
    p = BargainingProblem.from_vertices(P, [1, 4, 1])
    r = egalitarian(p, leximin=False)
    assert r.point == (F(57, 17), F(108, 17), F(57, 17))
    assert not p.contains(r.point) and r.lottery == () and "not in the feasible set" in r.message
    r = egalitarian(p)  # leximin: feasible and Pareto optimal
    assert p.contains(r.point) and r.message == ""
    q = BargainingProblem.from_vertices([[3, 5], [5, 3]], [0, 0])
    assert egalitarian(q, leximin=False).message == ""
    assert "not in the feasible set" in egalitarian(q.with_points([[3, 5]]), leximin=False).message


def test_mediate_degenerate_nash_matches_nash_point():
    # the mediator's claim: truthful reports + rational agents agree on nash_point in round 0;
    # on {(3,0),(0,2)} it reported "infeasible: no outcome is individually rational"
    from bargaining import mediate, nash_point

    for U in (np.array([[3.0, 0.0], [0.0, 2.0]]), np.array([[0.0, 0.0, 5.0], [1.0, 1.0, 0.0], [0.0, 2.0, 3.0]])):
        d = [0.0] * U.shape[1]
        m = mediate(U, reservations=d)
        assert m.status == "ok" and m.agreed and m.round == 0
        assert m.agreement == nash_point(U, disagreement=d).index


@pytest.mark.parametrize("s", [1.0, 3.0, 1e9, 1e-9])
def test_pure_outcome_nash_degenerate_rule_is_not_rescaled_per_player(s):
    # no outcome gives all three a gain; outcome 0 gains players {0, 2} (product 2*2 = 4),
    # outcomes 2 and 3 gain two players with product 2*3 = 6: the answer is 2 (tied with 3) at
    # every common scale; the float path rescaled each player separately (scale 3 -> outcome 0)
    # and split exact ties by the last bit (scale 1e-9 -> ties (2,))
    from bargaining import nash_solution

    U = np.array([[2, 1, 2], [0, 4, 1], [2, 4, 0], [0, 3, 3]])
    d = np.array([0, 1, 0])
    r = nash_solution(BargainingProblem.from_outcomes(U * s, d * s, lotteries=False))
    assert r.outcome == 2 and r.ties == (2, 3)


@pytest.mark.parametrize("s", ["1", "3", "8", "1e-9", "1e9", "0.1"])
def test_pure_outcome_solutions_exact_and_float_agree_at_any_scale(s):
    # the same problem in Fractions and in floats: same outcome and same ties for every concept
    # (weighted degenerate Nash included: its rule is not scale covariant, so the float path
    # must not rescale pure-outcome problems either)
    from bargaining import egalitarian, kalai_smorodinsky, nash_solution, utilitarian

    rng = np.random.default_rng(2)
    sE = F(s)
    for _ in range(40):
        n = int(rng.integers(2, 4))
        U = rng.integers(0, 5, (int(rng.integers(1, 8)), n))
        d = rng.integers(0, 2, n)
        if not np.any(np.all(U >= d, axis=1)):
            continue
        w = [1, 2, 3][:n]
        pe = BargainingProblem.from_outcomes([[v * sE for v in r] for r in U.tolist()], [v * sE for v in d.tolist()],
                                             lotteries=False)
        pf = BargainingProblem.from_outcomes(U * float(s), d * float(s), lotteries=False)
        for f in (nash_solution, kalai_smorodinsky, egalitarian, utilitarian,
                  lambda q, w=w: nash_solution(q, weights=w), lambda q, w=w: utilitarian(q, weights=w),
                  lambda q, w=w: egalitarian(q, weights=w), lambda q: egalitarian(q, leximin=False)):
            a, b = f(pe), f(pf)
            assert (a.outcome, a.ties) == (b.outcome, b.ties)


@pytest.mark.parametrize("call, param", [
    (lambda b, U: b.nash_point(U, tol=float("nan")), "tol"),
    (lambda b, U: b.egalitarian_point(U, tol=-1.0), "tol"),
    (lambda b, U: b.kalai_smorodinsky_point(U, tol="x"), "tol"),
    (lambda b, U: b.utilitarian_point(U, tol=float("inf")), "tol"),
    (lambda b, U: b.mediate(U, weights="ab"), "weights"),
    (lambda b, U: b.OutcomeSpace({"a": 3}).sample(-1), "k"),
])
def test_outcome_bad_inputs_name_the_parameter(call, param):
    import bargaining

    U = np.array([[0.0, 5.0], [1.0, 4.0], [2.0, 3.0], [5.0, 0.0]])
    with pytest.raises(InvalidInputError, match=param):
        call(bargaining, U)


def test_core_emptiness_certificate_is_balanced():
    # 3-player majority game: the balanced collection of pairs with weights 1/2 each,
    # 1/2 * 3 = 3/2 > v(N) = 1 (the LP dual came back as 1/3 each: not balanced, sum = v(N))
    from bargaining import CoalitionalGame, core

    r = core(CoalitionalGame([0, 0, 0, 1, 0, 1, 1, 1]))
    assert r.empty and r.balancing_weights == {(0, 1): F(1, 2), (0, 2): F(1, 2), (1, 2): F(1, 2)}
    rng = np.random.default_rng(11)
    seen = 0
    for _ in range(60):
        n = int(rng.integers(3, 5))
        v = [0] + [int(x) for x in rng.integers(0, 6, size=(1 << n) - 1)]
        for exact in (True, False):
            g = CoalitionalGame(v if exact else [float(x) for x in v])
            r = core(g)
            if r.nonempty:
                continue
            seen += 1
            W = r.balancing_weights
            for i in range(n):
                cov = sum(w for S, w in W.items() if i in S)
                assert cov == 1 if exact else cov == pytest.approx(1.0)
            total = sum(w * v[sum(1 << i for i in S)] for S, w in W.items())
            assert total > v[-1] if exact else total > v[-1] + 1e-9
    assert seen > 10


def test_raiffa_feasible_ideal_point_is_the_exact_limit():
    # every m_i(z) attains a_i when the ideal point a is feasible, so z_k -> a geometrically;
    # n = 3 has no affine jump and returned (3.99999999, 6.99999999, 1.99999999) in floats
    p = BargainingProblem.from_vertices([[4, 7, 2], [1, 1, 1], [4, 0, 2]], [0, 0, 0])
    assert raiffa(p).point == (4, 7, 2) and raiffa(p).exact
    assert raiffa(p.as_float()).point == (4.0, 7.0, 2.0)
    assert raiffa(BargainingProblem.from_vertices([[4, 7, 2]], [2, 5, 0])).point == (4, 7, 2)
    q = BargainingProblem.from_vertices([[4, 7], [1, 1], [4, 0]], [0, 0])
    assert raiffa(q, variant="continuous").point == (4, 7)


def test_literature_values_talmud_glove_rubinstein():
    from bargaining import bankruptcy_game, glove_game, nucleolus, rubinstein, shapley_value, talmud_rule

    # Aumann & Maschler (1985), Table 1: claims 100, 200, 300; estates 100, 200, 300
    table = {100: (F(100, 3),) * 3, 200: (F(50), F(75), F(75)), 300: (F(50), F(100), F(150))}
    for E, want in table.items():
        assert talmud_rule(E, [100, 200, 300]) == want
        assert tuple(nucleolus(bankruptcy_game(E, [100, 200, 300]))) == want
        assert talmud_rule(float(E), [100.0, 200.0, 300.0]) == pytest.approx([float(x) for x in want])
    # glove game 1L/2R: Shapley (2/3, 1/6, 1/6), nucleolus = unique core point (1, 0, 0)
    g = glove_game(1, 2)
    assert tuple(shapley_value(g)) == (F(2, 3), F(1, 6), F(1, 6))
    assert tuple(nucleolus(g)) == (1, 0, 0)
    # Rubinstein (1982): first proposer gets (1 - d2) / (1 - d1 d2); finite horizon T = 2 gives
    # 1 - d2; breakdown p with d = 1 (BRW 1986): 1 / (2 - p)
    assert rubinstein(F(1, 2), F(2, 3)).shares == (F(1, 2), F(1, 2))
    assert rubinstein(F(1, 2), F(2, 3), horizon=2).shares == (F(1, 3), F(2, 3))
    assert rubinstein(1, 1, breakdown=F(1, 10)).shares == (F(10, 19), F(9, 19))
