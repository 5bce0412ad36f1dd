"""The cosmic ray problem: Yudkowsky & Soares (2017), arXiv:1710.05060v2, sec. 7 ("Diagnosing
EDT: Conditionals as Counterfactuals"), Dilemma 6.

The paper (paraphrased): an agent chooses whether to take $1 or $100; with vanishingly small
probability a cosmic ray makes her do the opposite of what she would otherwise have done; an
agent who learns she was hit must pay $1,000 for a hospital check-up.  An EDT agent whose
world-model says she almost always takes $1 infers that taking $100 means a hit, so she takes
$1; she only takes $100 when hit, and then loses $900 net.  CDT and FDT take $100.  The paper
states no probabilities and no expected utilities; its only derived number is that $900.

Hand computation (defaults: small $1, big $100, check-up $1,000, ray r = 1/1000, prior
q = P(output "take small") = 1).  X is the executed act.

CDT and UDT/FDT value the output (the ray is exogenous, so intervening on the output and
choosing the policy agree):
    V(big)   = (1 - r) * 100 + r * (1 - 1000)   = 999/10 - 999/1000 = 98901/1000
    V(small) = (1 - r) * 1   + r * (100 - 1000) = 999/1000 - 900/1000 = 99/1000
    -> take big; realized 98901/1000.  V(big) > V(small) iff 99 (1 - 2r) > 0 iff r < 1/2.

EDT conditions on X, the output distributed by the prior q (Bayes):
    P(X=big, hit) = q r,        P(X=big, no hit) = (1 - q)(1 - r)
    P(hit | X=big)   = q r / (q r + (1 - q)(1 - r))
    P(hit | X=small) = (1 - q) r / ((1 - q) r + q (1 - r))
    V_EDT(big) = 100 - 1000 P(hit | X=big),   V_EDT(small) = 1 - 1000 P(hit | X=small)
  q = 1:       P(hit | big) = r / r = 1, P(hit | small) = 0
               V_EDT(big) = -900 (the paper's "$900 net"), V_EDT(small) = 1 -> take small;
               realized = V(small) = 99/1000.
  q = 0:       P(hit | big) = 0, P(hit | small) = 1 -> V_EDT = 100 vs -999 -> take big.
  q = 999/1000: P(hit | big) = (999/10^6) / (999/10^6 + 999/10^6) = 1/2 -> V_EDT(big) = -400;
               P(hit | small) = 10^-6 / (10^-6 + 999^2/10^6) = 1/998002
               -> V_EDT(small) = 1 - 1000/998002 = 498501/499001 -> take small.
  q = 99/100:  P(hit | big) = 99 / (99 + 999) = 11/122 -> V_EDT(big) = 100 - 5500/61 = 600/61;
               P(hit | small) = 1 / (1 + 99 * 999) = 1/98902
               -> V_EDT(small) = 1 - 500/49451 = 48951/49451 -> take big.
Switch point: with P_b = P(X=big), P_s = P(X=small), V_EDT(big) = V_EDT(small) iff
    (big - small) P_b P_s = checkup * r (1 - r) (2q - 1)      [q P_s - (1 - q) P_b = (1 - r)(2q - 1)]
and with u = 2q - 1, k = 1 - 2r: P_b P_s = (1 - u^2 k^2) / 4, so
    (big - small) k^2 u^2 + 4 checkup r (1 - r) u - (big - small) = 0,
    u* = (-2 c r(1-r) + sqrt(4 c^2 r^2 (1-r)^2 + (big-small)^2 k^2)) / ((big-small) k^2),
    q* = (1 + u*) / 2 = 0.990973... for the defaults (EDT takes small above it).
"""

import random
from fractions import Fraction as F

import pytest
import sympy

from decision import cdt, compare, edt, thresholds, udt
from decision import problems as P
from decision.model import Chance, Decision, DecisionProblem
from solvers.errors import InvalidInputError, InvalidProbabilityError, UnsupportedError

S, B = "take small", "take big"


def _theories(pr):
    return cdt(pr), edt(pr), udt(pr)


def test_defaults_paper_verdicts_and_values():
    c, e, u = _theories(P.cosmic_ray())
    assert (c.act, e.act, u.act) == (B, S, B)
    assert c.expected_utilities == {S: F(99, 1000), B: F(98901, 1000)}
    assert u.expected_utilities == {S: F(99, 1000), B: F(98901, 1000)}
    # the paper: Eve only takes $100 when hit, and then loses $900 net
    assert e.expected_utilities == {S: 1, B: -900}
    assert (c.realized, e.realized, u.realized) == (F(98901, 1000), F(99, 1000), F(98901, 1000))
    assert c.ratifiable == (B,)  # "take small" is not ratifiable: under any credence big gains 99 (1 - 2r)
    assert any("executed act" in a for a in e.assumptions)


def test_edt_verdict_follows_the_prior():
    e = edt(P.cosmic_ray(prior_small=0))  # expects to take $100
    assert e.act == B and e.expected_utilities == {S: -999, B: 100} and e.realized == F(98901, 1000)
    e = edt(P.cosmic_ray(prior_small=F(999, 1000)))
    assert e.act == S and e.expected_utilities == {S: F(498501, 499001), B: -400}
    e = edt(P.cosmic_ray(prior_small=F(99, 100)))
    assert e.act == B and e.expected_utilities == {S: F(48951, 49451), B: F(600, 61)}
    # CDT and FDT ignore the prior
    for q in (0, F(1, 2), F(99, 100), 1):
        pr = P.cosmic_ray(prior_small=q)
        assert cdt(pr).act == B and udt(pr).act == B
        assert cdt(pr).expected_utilities[B] == F(98901, 1000)


def _closed_form_switch(small, big, checkup, r):
    d, k = sympy.Rational(big - small), 1 - 2 * r
    u = (-2 * checkup * r * (1 - r) + sympy.sqrt(4 * checkup**2 * r**2 * (1 - r) ** 2 + d**2 * k**2)) / (d * k**2)
    return (1 + u) / 2


def test_edt_switch_point_exact():
    q = sympy.Symbol("q")
    t = thresholds(P.cosmic_ray(prior_small=q), "edt", q)
    star = _closed_form_switch(1, 100, 1000, sympy.Rational(1, 1000))
    assert len(t.thresholds) == 1 and sympy.simplify(t.thresholds[0] - star) == 0
    assert abs(float(star) - 0.9909730392522843) < 1e-15
    assert [v for _, v in t.verdicts] == [B, S]
    # exact rationals on either side of the irrational switch point
    lo, hi = F(9909730, 10**7), F(9909731, 10**7)
    assert sympy.Rational(lo.numerator, lo.denominator) < star < sympy.Rational(hi.numerator, hi.denominator)
    assert edt(P.cosmic_ray(prior_small=lo)).act == B
    assert edt(P.cosmic_ray(prior_small=hi)).act == S
    # other amounts: the switch still matches the closed form
    t2 = thresholds(P.cosmic_ray(small=3, big=10, checkup=50, ray=F(1, 20), prior_small=q), "edt", q)
    assert sympy.simplify(t2.thresholds[0] - _closed_form_switch(3, 10, 50, sympy.Rational(1, 20))) == 0
    # a check-up cheaper than the difference of the amounts: EDT takes big for every prior
    t3 = thresholds(P.cosmic_ray(checkup=50, prior_small=q), "edt", q)
    assert t3.thresholds == () and [v for _, v in t3.verdicts] == [B]


def test_cdt_fdt_switch_in_the_ray_probability():
    r = sympy.Symbol("r")
    for th in ("cdt", "udt"):
        t = thresholds(P.cosmic_ray(ray=r), th, r)
        assert t.thresholds == (F(1, 2),) and [v for _, v in t.verdicts] == [B, S]


def test_symbolic_edt_values():
    q = sympy.Symbol("q")
    eus = edt(P.cosmic_ray(prior_small=q)).expected_utilities
    # r = 1/1000: 1 - 1000 (1-q)/(1 + 998 q) and 100 - 1000 q/(999 - 998 q)
    assert sympy.simplify(eus[S] - 999 * (2 * q - 1) / (998 * q + 1)) == 0
    assert sympy.simplify(eus[B] - 900 * (111 - 112 * q) / (999 - 998 * q)) == 0


def test_edt_against_direct_bayes():
    # an independent recomputation by enumerating (output, ray), for random exact parameters
    rng = random.Random(7)
    for _ in range(12):
        r, q = F(rng.randint(1, 99), 100), F(rng.randint(0, 100), 100)
        a, b, c = F(rng.randint(-50, 50)), F(rng.randint(-50, 50)), F(rng.randint(0, 500))
        if a == b:
            continue
        amount = {S: a, B: b}
        num = {S: F(0), B: F(0)}
        den = {S: F(0), B: F(0)}
        for out, po in ((S, q), (B, 1 - q)):
            for hit, ph in ((True, r), (False, 1 - r)):
                x = ({S: B, B: S}[out]) if hit else out
                num[x] += po * ph * (amount[x] - (c if hit else 0))
                den[x] += po * ph
        want = {k: (num[k] / den[k] if den[k] else None) for k in (S, B)}
        e = edt(P.cosmic_ray(small=a, big=b, checkup=c, ray=r, prior_small=q))
        assert e.expected_utilities == want
        v = {S: (1 - r) * a + r * (b - c), B: (1 - r) * b + r * (a - c)}
        assert udt(P.cosmic_ray(small=a, big=b, checkup=c, ray=r, prior_small=q)).expected_utilities == v


def test_certain_agent_without_ray():
    # ray = 0, prior 1: "she literally cannot imagine taking $100" -- undefined, never 0/0
    e = edt(P.cosmic_ray(ray=0))
    assert e.act == S and e.expected_utilities == {S: 1, B: None}
    assert "probability zero" in e.message
    assert udt(P.cosmic_ray(ray=0)).act == B


@pytest.mark.parametrize("kw, err", [
    ({"ray": F(-1, 10)}, InvalidProbabilityError),
    ({"ray": F(3, 2)}, InvalidProbabilityError),
    ({"prior_small": 2}, InvalidProbabilityError),
    ({"prior_small": -0.5}, InvalidProbabilityError),
    ({"ray": float("nan")}, InvalidInputError),
    ({"small": "abc"}, InvalidInputError),
    ({"checkup": float("inf")}, InvalidInputError),
])
def test_bad_parameters(kw, err):
    with pytest.raises(err, match="cosmic_ray"):
        P.cosmic_ray(**kw)


def _ray_nodes(executed=("x", {"a": F(1, 2), "b": F(1, 2)}), tendency=None, x_values=("a", "b"), parents=("d",)):
    return [Decision("d", ("a", "b"), (), tendency, executed), Chance("c", ("h",), {"h": 1}),
            Chance("x", x_values, lambda *v: x_values[0], parents)]


@pytest.mark.parametrize("kw, err, text", [
    ({"executed": ("nope", {"a": 1})}, InvalidInputError, "Chance node"),
    ({"executed": ("x", {"a": F(1, 2)})}, InvalidProbabilityError, "summing to 1"),
    ({"executed": ("x", {"a": 1, "z": 0})}, InvalidInputError, "unknown value"),
    ({"executed": ("x", 1)}, InvalidInputError, "mapping"),
    ({"executed": "x"}, InvalidInputError, "pair"),
    ({"parents": ("c",)}, InvalidInputError, "descendant"),
    ({"x_values": ("a", "z")}, InvalidInputError, "lacks"),
    ({"tendency": (("c",), lambda c: "a")}, UnsupportedError, "tendency"),
])
def test_executed_node_validation(kw, err, text):
    with pytest.raises(err, match=text):
        DecisionProblem(_ray_nodes(**kw), lambda x: 0, ["x"])


def test_factory_round_trip_and_old_variant():
    q = sympy.Symbol("q")
    pr = P.cosmic_ray(prior_small=q).subs({q: F(1, 3)})
    assert pr.params["prior_small"] == F(1, 3) and edt(pr).act == B
    assert "Dilemma 6" in pr.source
    assert hash(pr.nodes["act"]) == hash(P.cosmic_ray(prior_small=F(1, 3)).nodes["act"])  # frozen, hashable
    assert P.ALL["cosmic_ray"] is P.cosmic_ray and "newcomb_cosmic_ray" in P.ALL
    text = repr(compare(P.cosmic_ray()))
    assert "-900" in text and "98901/1000" in text
