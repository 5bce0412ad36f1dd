"""thresholds(): flips caused by mixed deliberational equilibria at any choice point (CDT), by
joint mixing of several points, and by UDT's mixed acts.  Each expected flip is derived by hand
in a comment and cross-checked by direct evaluation of the theory (or a brute-force grid)."""

from fractions import Fraction as F

import pytest
import sympy

from decision import cdt, thresholds, udt
from decision import problems as P
from decision.model import Chance, Decision, DecisionProblem, Predictor
from solvers.errors import InvalidInputError

p = sympy.Symbol("p")
x = sympy.Symbol("x")


def two_point_offer(*, accuracy=F(3, 4), prize=12, price=7):
    """A fair coin is observed.  Heads: buying costs 1 whatever is predicted ("none" dominates).
    Tails: the adversarial offer (Oesterheld & Conitzer 2021) with its own predictor."""
    half = F(1, 2)

    def U(coin, act, ph, pt):
        if coin == "heads":
            return 0 if act == "none" else -1
        if act == "none":
            return 0
        return (prize if pt != act else 0) - price

    return DecisionProblem([Chance("coin", ("heads", "tails"), {"heads": half, "tails": half}),
                            Decision("act", ("box 1", "box 2", "none"), ("coin",)),
                            Predictor("ph", "act", accuracy=accuracy, at=("heads",)),
                            Predictor("pt", "act", accuracy=accuracy, at=("tails",))],
                           U, ["coin", "act", "ph", "pt"], title="two-point offer",
                           params={"accuracy": accuracy, "prize": prize, "price": price}, factory=two_point_offer)


def test_cdt_flip_from_a_mixed_equilibrium_at_the_second_choice_point():
    # At tails (accuracy p, prize 12, price 7): believing box 1, box 1 is full with probability
    # 1 - p and box 2 with (1 + p)/2, so box 1 is ratifiable iff 12 (1 - p) >= 6 (1 + p), i.e.
    # p <= 1/3.  In the 1/2-1/2 two-box mixture a box is full with probability (3 - p)/4, worth
    # 12 (3 - p)/4 - 7 against 0 for "none": "none" joins where 3 (3 - p) = 7, p = 2/3.
    # The old candidates (mixed supports of a single choice point only) missed 2/3 and
    # reported 1/2 instead.
    r = thresholds(two_point_offer(accuracy=p), "cdt", p)
    assert r.status == "ok"
    assert r.thresholds == (F(1, 3), F(2, 3))
    tails = [dict(v)["coin=tails"] for _, v in r.verdicts]
    assert tails == ["box 1", "mixed(box 1, box 2)", "mixed(box 1, box 2, none)"]


def coupled(*, x=0):
    """Two decisions coupled through predictors, u = A[D1][P2] + B[D2][P1]: the deliberational
    equilibria are the Nash equilibria of the bimatrix game (A, B^T) (see
    test_deliberation_multi).  Both play matching pennies on {a, b}; D1's third act c pays
    x + 1/2 against a and x - 1/2 against b."""
    A = [[1, -1, 0], [-1, 1, 0], [x + F(1, 2), x - F(1, 2), -5]]
    B = [[-1, 1, 0], [1, -1, 0], [-5, -5, -5]]
    acts = ("a", "b", "c")
    ix = {a: i for i, a in enumerate(acts)}
    return DecisionProblem([Decision("D1", acts), Decision("D2", acts), Predictor("P1", "D1"), Predictor("P2", "D2")],
                           lambda d1, d2, p1, p2: A[ix[d1]][ix[p2]] + B[ix[d2]][ix[p1]], ["D1", "D2", "P1", "P2"],
                           title="coupled", params={"x": x}, factory=coupled)


def test_cdt_flip_where_an_act_joins_a_joint_mixed_equilibrium():
    # With both points mixing a, b half-half, D1's act c is worth (x + 1/2)/2 + (x - 1/2)/2 = x
    # against 0 for a and b: c takes over at x = 0.  No pure-act value difference vanishes at
    # 0 (they vanish at +-1/2, +-3/2), so only the joint support analysis finds it (the old
    # code reported no flip on (-1/3, 1/3)).
    r = thresholds(coupled(x=x), "cdt", x, domain=(F(-1, 3), F(1, 3)))
    assert r.status == "ok"
    assert r.thresholds == (F(0),)
    assert [v for _, v in r.verdicts] == [(("D1", "mixed(a, b)"), ("D2", "mixed(a, b)")),
                                         (("D1", "c"), ("D2", "mixed(a, b)"))]


def blind_damascus(*, accuracy=1, survive=1000, die=0, travel_cost=10):
    """Asymmetric Death in Damascus whose predictor cannot see the agent's randomization (it
    mixes its predictions by the policy's probabilities)."""
    def U(a, d):
        return (die if a == d else survive) - (travel_cost if a == "Aleppo" else 0)

    return DecisionProblem([Decision("act", ("Damascus", "Aleppo")),
                            Predictor("death", "act", accuracy=accuracy, sees_randomization=False)],
                           U, ["act", "death"], title="blind Death",
                           params={"accuracy": accuracy, "survive": survive, "die": die, "travel_cost": travel_cost},
                           factory=blind_damascus)


def _grid_best(problem, n=2000):
    """Brute force: the best P(Damascus) on a grid of n + 1 points."""
    pt = problem.choice_points()[0]
    vals = [(problem.value({pt: {"Damascus": F(k, n), "Aleppo": 1 - F(k, n)}}), F(k, n)) for k in range(n + 1)]
    return max(vals)[1]


def test_udt_flip_where_the_best_mixed_act_appears():
    # s = P(Damascus); Death is in Damascus with probability q = p s + (1 - p)(1 - s), so the
    # value is 1000 [(1 - p) + (2p - 1)(2s - 2s^2)] - 10 (1 - s).  Its derivative
    # 1000 (2p - 1)(2 - 4s) + 10 vanishes at s* = 1/2 + 1/(400 (2p - 1)), inside (0, 1) iff
    # p > 1/2 + 1/400 = 201/400; below it pure Damascus is best.  (The old candidates, pure
    # policy values only, reported the spurious flip 101/200.)
    r = thresholds(blind_damascus(accuracy=p), "udt", p)
    assert r.status == "ok"
    assert r.thresholds == (F(201, 400),)
    assert [v for _, v in r.verdicts] == ["Damascus", "mixed(Aleppo, Damascus)"]
    # brute force over s on both sides
    assert _grid_best(blind_damascus(accuracy=F(201, 400) - F(1, 100))) == 1
    best = _grid_best(blind_damascus(accuracy=F(3, 4)))
    assert best == F(101, 200)  # s* = 1/2 + 1/200
    assert udt(blind_damascus(accuracy=F(3, 4))).act == {"Damascus": F(101, 200), "Aleppo": F(99, 200)}
    # mixed=False: pure policies only, Damascus throughout
    r2 = thresholds(blind_damascus(accuracy=p), "udt", p, mixed=False)
    assert r2.thresholds == () and [v for _, v in r2.verdicts] == ["Damascus"]


def test_udt_mixed_true_on_a_seeing_predictor_and_bad_mixed():
    # Death in Damascus (Death sees the randomization): the value of any mix is die-weighted
    # linear in s, so mixing never helps and the verdict never flips in the accuracy.
    r = thresholds(P.asymmetric_death_in_damascus(accuracy=p), "udt", p, mixed=True)
    assert r.thresholds == () and r.status == "ok"
    with pytest.raises(InvalidInputError, match="mixed"):
        thresholds(P.newcomb(accuracy=p), "cdt", p, mixed=True)
    with pytest.raises(InvalidInputError, match="mixed"):
        thresholds(P.newcomb(accuracy=p), "udt", p, mixed="yes")


def test_missing_flip_is_reported_not_hidden(monkeypatch):
    # Remove every candidate: the probes inside the single interval see both verdicts and the
    # result says its thresholds are incomplete (status "truncated").
    import decision.theories as T

    monkeypatch.setattr(T, "_threshold_exprs", lambda *a, **k: [])
    r = thresholds(P.newcomb(accuracy=p), "edt", p)
    assert r.status == "truncated" and "not among the candidate roots" in r.message


# -- exact irrational (algebraic) parameters in deliberate / exact_equilibria / imperfect recall --
def _coupled_2x2(A, B):
    acts = ("a", "b")
    ix = {a: i for i, a in enumerate(acts)}
    return DecisionProblem([Decision("D1", acts), Decision("D2", acts), Predictor("P1", "D1"), Predictor("P2", "D2")],
                           lambda d1, d2, p1, p2: A[ix[d1]][ix[p2]] + B[ix[d2]][ix[p1]], ["D1", "D2", "P1", "P2"],
                           title="coupled sqrt(2)")


def test_deliberate_and_exact_equilibria_with_sqrt2_payoffs():
    # The equilibria are the Nash equilibria of (A, B^T) (test_deliberation_multi).  D1 wants to
    # match D2 with weights sqrt(2) (on a) and 1 (on b): D1 is indifferent iff
    # sqrt(2) q = 1 - q, q = P(D2 = a) = 1/(1 + sqrt(2)) = sqrt(2) - 1; D2 wants to mismatch
    # D1 symmetrically: P(D1 = a) = 1/2.  No pure profile is an equilibrium (matching pennies).
    # Was UnsupportedError ("exact irrational numbers").
    from decision.deliberation import deliberate, exact_equilibria

    r2 = sympy.sqrt(2)
    pr = _coupled_2x2([[r2, 0], [0, 1]], [[0, 1], [1, 0]])
    r = deliberate(pr)
    assert r.exact and r.status == "ok"
    assert r.equilibrium["D1"] == {"a": F(1, 2), "b": F(1, 2)}
    assert sympy.simplify(r.equilibrium["D2"]["a"] - (r2 - 1)) == 0
    c = cdt(pr)
    assert c.exact and sympy.simplify(c.policy["D2"]["a"] - (r2 - 1)) == 0
    eqs, skipped, degenerate = exact_equilibria(pr)
    assert (len(eqs), skipped, degenerate) == (1, 0, False)
    assert sympy.simplify(eqs[0][0][("D2", ())]["a"] - (r2 - 1)) == 0


def test_exact_equilibria_when_the_irrational_terms_cancel_in_the_sum_of_the_equations():
    # u = A[D1][P2] + B[D2][P1] with B = -A: D1 is indifferent iff (sqrt(2) - 2) q + sqrt(2) (1 - q)
    # = 0, q = P(D2 = a) = sqrt(2)/2; D2 iff (2 - sqrt(2)) p - sqrt(2) (1 - p) = 0, p = sqrt(2)/2.
    # No pure profile is an equilibrium (the best responses cycle).  The two indifference
    # equations sum to a rational polynomial: the Groebner basis was taken over QQ
    # (CoercionFailed); it must be over QQ<sqrt(2)>, the field of every equation.
    from decision.deliberation import exact_equilibria
    from decision.imperfect_recall import _shape_solutions

    r2 = sympy.sqrt(2)
    eqs, skipped, degenerate = exact_equilibria(_coupled_2x2([[r2 - 2, r2], [0, 0]], [[-r2 + 2, -r2], [0, 0]]))
    assert (len(eqs), skipped, degenerate) == (1, 0, False)
    sigma, values = eqs[0]
    for point in (("D1", ()), ("D2", ())):
        assert sympy.simplify(sigma[point]["a"] - r2 / 2) == 0
        assert sympy.simplify(values[point]["a"] - values[point]["b"]) == 0
    # the toy system sqrt(2) x = 1, y = sqrt(2) x: x = sqrt(2)/2, y = 1 (on the boundary: no
    # solution in the open box (0, 1)^2); with y = sqrt(2) x - 1/2: y = 1/2
    y = sympy.Symbol("y")
    assert _shape_solutions([r2 * x - 1, -r2 * x + y], [x, y]) == []
    assert _shape_solutions([r2 * x - 1, -r2 * x + y + F(1, 2)], [x, y]) == [{x: r2 / 2, y: F(1, 2)}]


def test_imperfect_recall_solvers_with_an_algebraic_payoff():
    # Absent-minded driver with exit_second = 4 sqrt(2): U(p) = 4 sqrt(2) p (1 - p) + p^2,
    # U'(p) = 0 at p = 2 sqrt(2) / (4 sqrt(2) - 1) = (16 + 2 sqrt(2)) / 31 (rationalized by
    # hand).  The other pairings are cross-checked against the same solver on the rational
    # problem with exit_second = 5657/1000 (~4 sqrt(2)): the solutions move continuously.
    from decision.imperfect_recall import planning_optimum, solve_de_se

    r2 = sympy.sqrt(2)
    t = P.absent_minded_driver(exit_second=4 * r2)
    popt = (16 + 2 * r2) / 31
    r = planning_optimum(t)
    assert r.exact and sympy.simplify(r.policy["I"]["continue"] - popt) == 0
    assert sympy.simplify(r.value - (4 * r2 * popt * (1 - popt) + popt ** 2)) == 0
    near = P.absent_minded_driver(exit_second=F(5657, 1000))
    for theory, belief in (("EDT", "GDH"), ("CDT", "GDH"), ("EDT", "GT")):
        a, b = solve_de_se(t, theory, belief), solve_de_se(near, theory, belief)
        assert a.exact and a.status == "ok" and len(a.policies) == len(b.policies)
        assert abs(float(a.policy["I"]["continue"]) - float(b.policy["I"]["continue"])) < 1e-3


def test_cdt_on_a_continuum_of_equilibria_returns_an_exact_point_of_it():
    # Found by a random search comparing thresholds() with a sweep: D1 (acts a, b) against D2
    # (acts a, b, c), u = A[D1][P2] + B[D2][P1], x = -10/41.  Against D2 = c, D1's acts both pay
    # -2, so D1 may mix freely; D2 = c is a best response for D1's P(a) = t in a short interval
    # (c pays -x (1 - t), a pays -t + (x + 2)(1 - t), b pays 2t - 3(1 - t)).  No equilibrium is
    # isolated, and the Nash map orbits: cdt returned a float "not_converged" non-equilibrium
    # (largest gain 0.18).  Now a rational point of the continuum, checked here by hand.
    x = F(-10, 41)
    A = [[4, -1, -2], [0, 1, -2]]
    B = [[-1, x + 2], [2, -3], [0, -x]]
    ia, ib = {"a": 0, "b": 1}, {"a": 0, "b": 1, "c": 2}
    pr = DecisionProblem([Decision("D1", ("a", "b")), Decision("D2", ("a", "b", "c")), Predictor("P1", "D1"),
                          Predictor("P2", "D2")],
                         lambda d1, d2, p1, p2: A[ia[d1]][ib[p2]] + B[ib[d2]][ia[p1]], ["D1", "D2", "P1", "P2"])
    c = cdt(pr)
    assert c.exact and c.status == "ok"
    assert c.policy["D2"] == "c"
    t = c.policy["D1"]["a"]
    assert 0 < t < 1 and c.policy["D1"]["b"] == 1 - t
    pays = {d2: B[ib[d2]][0] * t + B[ib[d2]][1] * (1 - t) for d2 in ("a", "b", "c")}
    assert pays["c"] >= max(pays.values())


# -- imperfect-recall trees: the absent-minded driver with a symbolic payoff -----------------
def test_absent_minded_driver_thresholds_in_the_second_exit_payoff():
    # Piccione & Rubinstein (1997) with exit_first 0, continue_both 1, exit_second x: the value
    # of continuing with probability s is V(s) = x s (1 - s) + s^2, V'(1) = 2 - x, and the
    # critical point s* = x / (2 (x - 1)) lies in (0, 1) iff x > 2.  So the planning optimum
    # (UDT) continues for sure up to x = 2 and mixes beyond; the CDT+GT and EDT+GDH policies
    # are its first-order conditions here (Oesterheld & Conitzer), so they flip at 2 too.
    # Trees were rejected by thresholds() before (InvalidInputError).
    from decision.imperfect_recall import planning_optimum

    for theory in ("udt", "cdt", "edt"):
        r = thresholds(P.absent_minded_driver(exit_second=x), theory, x, domain=(0, 10))
        assert r.status == "ok" and r.thresholds == (F(2),), theory
        assert [v for _, v in r.verdicts] == [(("I", "continue"),), (("I", "mixed(continue, exit)"),)]
    # brute force: the best s on a grid just below and above 2
    for xv, want_interior in ((F(19, 10), False), (F(21, 10), True)):
        grid = [(xv * F(k, 400) * (1 - F(k, 400)) + F(k, 400) ** 2, F(k, 400)) for k in range(401)]
        best = max(grid)[1]
        assert (best < 1) == want_interior
        assert (planning_optimum(P.absent_minded_driver(exit_second=xv)).policy["I"]["exit"] > 0) == want_interior
    # another free symbol: the threshold x = 2 y (V'(1) = 2 y - x with continue_both y)
    y = sympy.Symbol("y", positive=True)
    r = thresholds(P.absent_minded_driver(exit_second=x, continue_both=y), "udt", x, domain=(0, 10),
                   ranges={y: (1, 4)}, samples=2)
    assert r.status == "ok" and len(r.thresholds) == 1 and sympy.simplify(r.thresholds[0] - 2 * y) == 0
    with pytest.raises(InvalidInputError, match="mixed"):
        thresholds(P.absent_minded_driver(exit_second=x), "udt", x, mixed=True)


def test_more_acts_than_the_support_bound_is_reported():
    # Six acts at one choice point: the mixed-support candidates are limited to 5 acts
    # (_MAX_SUPPORT_ACTIONS); the result says so instead of claiming completeness.
    acts = tuple("abcdef")

    def six(*, accuracy=F(1, 2)):
        return DecisionProblem([Decision("act", acts), Predictor("pr", "act", accuracy=accuracy)],
                               lambda a, r: (3 if a != r else 0) - (1 if a != "f" else 0), ["act", "pr"],
                               params={"accuracy": accuracy}, factory=six)

    r = thresholds(six(accuracy=p), "cdt", p)
    assert r.status == "truncated" and "more than 5" in r.message
    assert thresholds(six(accuracy=p), "edt", p).status == "ok"  # EDT compares pure acts only
