"""thresholds() with several free symbols: exact expressions in the other symbols."""

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from decision import problems as P
from decision import thresholds
from solvers.errors import InvalidInputError

p = sympy.Symbol("p")
M, K = sympy.symbols("M K", positive=True)


def test_newcomb_edt_threshold_in_the_box_amounts():
    # EDT one-boxes iff p M > (1 - p) M + K, i.e. above p = (M + K) / (2 M) (algebra:
    # 2pM > M + K), which lies inside (0, 1) iff K < M.  With the standard amounts
    # M = 1,000,000 and K = 1,000 this is 1001/2000 (Yudkowsky & Soares 2017, Newcomb; the
    # one-symbol answer of test_theories.test_newcomb_edt_threshold).
    r = thresholds(P.newcomb(accuracy=p, big=M, small=K), "edt", p)
    assert r.status == "ok" and r.exact and r.others == ("K", "M")
    assert len(r.thresholds) == 1
    t = r.thresholds[0]
    assert sympy.simplify(t - (M + K) / (2 * M)) == 0
    assert r.conditions == (K < M,)
    assert r.flips == ((("two-box", "one-box"),),)
    assert t.subs({M: 1_000_000, K: 1_000}) == sympy.Rational(1001, 2000)
    assert r.verdicts == ()
    # the same expression from UDT/FDT's policy comparison; CDT never flips in the accuracy
    u = thresholds(P.newcomb(accuracy=p, big=M, small=K), "fdt", p, samples=3)
    assert [sympy.simplify(x - t) for x in u.thresholds] == [0]
    assert thresholds(P.newcomb(accuracy=p, big=M, small=K), "cdt", p, samples=3).thresholds == ()


def test_solving_for_another_parameter():
    # Solve the same indifference for the transparent box instead: K = M (2p - 1), inside the
    # domain (0, 10^6) where 1/2 < p (and M (2p - 1) < 10^6).
    pp = sympy.Symbol("pp", positive=True)
    r = thresholds(P.newcomb(accuracy=pp, big=M, small=K), "edt", K, domain=(0, 10**6),
                   ranges={pp: (F(1, 2), 1), "M": (1, 10**6)})
    assert len(r.thresholds) == 1 and sympy.simplify(r.thresholds[0] - M * (2 * pp - 1)) == 0
    assert r.flips == ((("one-box", "two-box"),),)


def test_asymmetric_death_in_damascus_cdt_threshold_in_the_travel_cost():
    # Staying in Damascus is ratifiable iff EU(Damascus | Damascus) = 1000 (1 - p) is at least
    # EU(Aleppo | Damascus) = 1000 p - c, i.e. p <= 1/2 + c/2000 (derived here); above it CDT mixes.
    c = sympy.Symbol("c", positive=True)
    r = thresholds(P.asymmetric_death_in_damascus(accuracy=p, travel_cost=c), "cdt", p,
                   ranges={c: (0, 600)}, samples=4)
    assert len(r.thresholds) == 1
    assert sympy.simplify(r.thresholds[0] - (F(1, 2) + c / 2000)) == 0
    assert r.conditions == (c < 1000,)
    assert r.flips == ((("Damascus", "mixed(Aleppo, Damascus)"),),)
    one = thresholds(P.asymmetric_death_in_damascus(accuracy=p, travel_cost=10), "cdt", p)
    assert one.thresholds == (F(101, 200),)


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_substituting_the_other_symbols_gives_the_one_symbol_answer(big, small):
    r = _newcomb_multi()
    one = thresholds(P.newcomb(accuracy=p, big=big, small=small), "edt", p).thresholds
    expected = tuple(sympy.Rational(t.subs({M: big, K: small})) for t, c in zip(r.thresholds, r.conditions)
                     if c.subs({M: big, K: small}) == sympy.true)
    assert tuple(F(int(x.p), int(x.q)) for x in expected) == one


_CACHE = {}


def _newcomb_multi():
    if "r" not in _CACHE:
        _CACHE["r"] = thresholds(P.newcomb(accuracy=p, big=M, small=K), "edt", p)
    return _CACHE["r"]


def test_multi_symbol_bad_input():
    pr = P.newcomb(accuracy=p, big=M, small=K)
    with pytest.raises(InvalidInputError, match="samples"):
        thresholds(pr, "edt", p, samples=0)
    with pytest.raises(InvalidInputError, match="ranges"):
        thresholds(pr, "edt", p, ranges={"M": (2, 1)})
    with pytest.raises(InvalidInputError, match="ranges"):
        thresholds(pr, "edt", p, ranges={"Z": (0, 1)})
    with pytest.raises(InvalidInputError, match="domain"):
        thresholds(pr, "edt", p, domain=(1, 0))


def test_conditions_clear_known_sign_denominators_and_require_real_roots():
    from decision.theories import _inside

    a, b = sympy.symbols("a b", positive=True)
    assert _inside((a + b) / (2 * a), 0, 1) in (b < a, a > b)  # 0 < (a+b)/(2a) always; < 1 iff b < a
    c = _inside((1 + sympy.sqrt(a - b)) / 3, 0, 1)
    assert c.subs({a: 1, b: 2}) == sympy.false  # complex root
    assert c.subs({a: 2, b: 1}) == sympy.true  # (1 + 1)/3 inside (0, 1)
    assert c.subs({a: 10, b: 1}) == sympy.false  # (1 + 3)/3 > 1
