"""Red team 7 of decision/: independent closed-form evaluators against the public entry points
at non-default parameters, and the bool-input gap of decision.model.num.

The evaluators are written from the definitions (EDT: conditional on the act; CDT: ratifiable
acts under the credence P(prediction | believed act); UDT/FDT: policy value with the predictor
moving with the policy), not from the library's code (Yudkowsky & Soares 2017, arXiv:1710.05060,
sec. 6; Joyce 2012 for ratifiability; Piccione & Rubinstein 1997 for the driver).
"""

from __future__ import annotations

import random
from fractions import Fraction as F

import pytest

import decision as d
from decision import problems as P
from decision.imperfect_recall import ImperfectRecallProblem, planning_optimum, satisfies
from decision.model import Chance, Decision, DecisionProblem, Predictor, from_table
from solvers.errors import InvalidInputError


def _pred(a, acts, p):
    others = [x for x in acts if x != a]
    return {x: (p if x == a else (1 - p) / len(others)) for x in acts}


def _single(acts, U, p):
    edt = {a: sum(q * U(a, x) for x, q in _pred(a, acts, p).items()) for a in acts}
    rat = []
    for b in acts:
        cr = _pred(b, acts, p)
        eu = {a: sum(q * U(a, x) for x, q in cr.items()) for a in acts}
        if eu[b] == max(eu.values()):
            rat.append(b)
    return edt, rat


def _rq(rng, lo=-50, hi=50):
    return F(rng.randint(lo, hi), rng.choice([1, 2, 3, 7]))


def _rp(rng):
    return rng.choice([F(0), F(1), F(1, 2), F(rng.randint(0, 20), 20)])


def _families(rng):
    p = _rp(rng)
    B, A = _rq(rng), _rq(rng)
    yield (P.newcomb(accuracy=p, big=B, small=A), ("one-box", "two-box"),
           lambda a, x: (B if x == "one-box" else 0) + (A if a == "two-box" else 0), p)
    T, R, Pn, S = (_rq(rng) for _ in range(4))
    tab = {("C", "C"): R, ("C", "D"): S, ("D", "C"): T, ("D", "D"): Pn}
    yield (P.twin_prisoners_dilemma(similarity=p, temptation=T, reward=R, punishment=Pn, sucker=S), ("C", "D"),
           lambda a, x: tab[(a, x)], p)
    sv, di, tc = _rq(rng), _rq(rng), _rq(rng)
    yield (P.asymmetric_death_in_damascus(accuracy=p, survive=sv, die=di, travel_cost=tc), ("Damascus", "Aleppo"),
           lambda a, x: (di if a == x else sv) - (tc if a == "Aleppo" else 0), p)
    pz, pc = _rq(rng), _rq(rng)
    yield (P.adversarial_offer(accuracy=p, prize=pz, price=pc), ("box 1", "box 2", "none"),
           lambda a, x: 0 if a == "none" else (pz if x != a else 0) - pc, p)


def test_single_decision_factories_match_independent_evaluator():
    rng = random.Random(7)
    n = 0
    for _ in range(6):
        for prob, acts, U, p in _families(rng):
            edt, rat = _single(acts, U, p)
            E, C, Ud = d.edt(prob), d.cdt(prob), d.udt(prob)
            assert {a: F(v) for a, v in E.expected_utilities.items()} == edt, prob.params
            assert F(Ud.realized) == max(edt.values()), prob.params
            assert set(C.ratifiable or ()) == set(rat), prob.params
            if rat:
                assert C.act in rat
            n += 1
    assert n == 24


def test_observation_factories_policy_values_closed_form():
    rng = random.Random(11)
    for _ in range(4):
        a, h, q = _rp(rng), _rp(rng), _rp(rng)
        R, C = _rq(rng, 1, 60), _rq(rng, 1, 60)
        eu = d.udt(P.counterfactual_mugging(p_heads=h, reward=R, cost=C, accuracy=a)).expected_utilities
        assert F(eu["coin=heads: pay; coin=tails: pay"]) == h * a * R - (1 - h) * C
        assert F(eu["coin=heads: pay; coin=tails: refuse"]) == h * (1 - a) * R
        D, Py = _rq(rng, 100, 1000), _rq(rng, 1, 60)
        xb = P.xor_blackmail(termite_prior=q, damage=D, payment=Py, accuracy=a)
        eu = d.udt(xb).expected_utilities
        # policy "pay": letter iff (no termites and predicted pay) or (termites and predicted refuse)
        assert F(eu["letter=letter: pay; letter=no letter: pay"]) == -q * D - Py * ((1 - q) * a + q * (1 - a))
        assert F(eu["letter=letter: refuse; letter=no letter: refuse"]) == -q * D
        E = d.edt(xb).expected_utilities
        den1, den2 = q * (1 - a) + (1 - q) * a, q * a + (1 - q) * (1 - a)
        assert E["letter=letter: pay"] == (None if den1 == 0 else -D * q * (1 - a) / den1 - Py)
        assert E["letter=letter: refuse"] == (None if den2 == 0 else -D * q * a / den2)
        eu = d.udt(P.mechanical_blackmail(accuracy=a, damage=D, payment=Py)).expected_utilities
        assert F(eu["letter=letter: pay; letter=no letter: pay"]) == -a * Py
        assert F(eu["letter=letter: refuse; letter=no letter: refuse"]) == -(1 - a) * D


def _driver(pays):
    t = ImperfectRecallProblem(title="driver")
    k = len(pays) - 1
    for i in range(k):
        t.decision(f"N{i}", "I", {"exit": f"T{i}", "continue": f"N{i + 1}" if i + 1 < k else "END"})
        t.terminal(f"T{i}", pays[i])
    t.terminal("END", pays[k])
    t.root = "N0"
    return t


@pytest.mark.parametrize("pays, best", [
    # value(x) = -3/2 (1-x) - x(1-x) + 9x^2(1-x) + 5x^3(1-x); interior maximum at x = 0.75967...
    # (root of 40x^3 - 144x^2 + 128x - 23), value 1.23198894735756 (sympy real_roots of V')
    ((F(-3, 2), -1, 9, 5, 0), 1.23198894735756),
    # three intersections 0, 4, 0, 1: V = 4x(1-x) + x^3 ... maximum checked by a dense grid below
    ((0, 4, 0, 1), None),
])
def test_driver_variants_planning_optimum_and_de_se_conditions(pays, best):
    t = _driver(list(pays))
    r = planning_optimum(t)
    if best is None:
        k = len(pays) - 1

        def V(x):
            return sum(float(pays[i]) * x ** i * (1 - x) for i in range(k)) + float(pays[k]) * x ** k

        best = max(V(i / 20000) for i in range(20001))
    assert abs(float(r.value) - best) < 1e-8
    # every ex-ante optimum satisfies CDT+GT and EDT+GDH (Oesterheld & Conitzer)
    assert satisfies(t, r.policy, "CDT", "GT")
    assert satisfies(t, r.policy, "EDT", "GDH")


@pytest.mark.parametrize("build", [
    lambda: Predictor("p", "act", accuracy=True) and DecisionProblem(
        [Decision("act", ("x", "y")), Predictor("p", "act", accuracy=True)], lambda a, p: 0, ["act", "p"]),
    lambda: DecisionProblem([Chance("c", ("a", "b"), {"a": True, "b": False}), Decision("act", ("x", "y"))],
                            lambda a, c: 0, ["act", "c"]),
    lambda: ImperfectRecallProblem().chance("R", {"A": True, "B": False}),
    lambda: ImperfectRecallProblem().terminal("R", True),
    lambda: from_table(("a", "b"), ("s", "t"), [[True, 0], [1, 0]], [[1, 0], [0, 1]]),
])
def test_bool_numbers_refused(build):
    # a bool where a probability / accuracy / payoff is expected was read as 0 or 1 (the factories
    # already refused it); now refused everywhere, naming the parameter
    with pytest.raises(InvalidInputError, match="not a bool"):
        build()


def test_bool_returned_by_utility_function_still_an_indicator():
    r = d.edt(DecisionProblem([Decision("act", ("x", "y"))], lambda a: a == "x", ["act"]))
    assert r.act == "x" and r.expected_utilities == {"x": 1, "y": 0}
