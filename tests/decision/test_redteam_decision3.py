"""Red-team audit of decision/ (session 3): regression tests for the fixes, and the canonical
problems recomputed by hand at non-default and boundary parameters.

The closed forms below are derived from each problem's statement (not from the library); each
comment names the formula.  Sources: Yudkowsky & Soares (2017, arXiv:1710.05060), Egan (2007),
Oesterheld & Conitzer (2021), Gibbard & Harper (1978), Joyce (2012), Piccione & Rubinstein (1997).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy as sp

import decision as D
from decision import Chance, Decision, DecisionProblem, Predictor, from_table
from decision import problems as P
from solvers.errors import InvalidInputError


# -- fix: the table form accepts symbolic entries ----------------------------------------------
def test_from_table_symbolic_entries_give_exact_thresholds_and_substitute():
    p = sp.Symbol("p")
    t = from_table(["one", "two"], ["full", "empty"], [[10**6, 0], [1_001_000, 1000]],
                   [[p, 1 - p], [1 - p, p]])
    assert t.symbolic
    # EDT one-boxes iff p 10^6 > (1 - p) 10^6 + 1000, i.e. p > 1001/2000 (as newcomb())
    assert D.thresholds(t, "edt", p).thresholds == (F(1001, 2000),)
    assert D.thresholds(t, "cdt", p).thresholds == ()
    eus = D.edt(t).expected_utilities
    assert sp.expand(eus["one"] - 10**6 * p) == 0 and sp.expand(eus["two"] - (1_001_000 - 10**6 * p)) == 0
    s = t.subs({p: F(3, 4)})
    assert D.edt(s).expected_utilities == {"one": 750_000, "two": 251_000}
    assert D.cdt(s).act == "two"
    # symbolic utility entries too
    M = sp.Symbol("M")
    t2 = from_table(["one", "two"], ["full", "empty"], [[M, 0], [M + 1000, 1000]], [["0.99", "0.01"], ["0.01", "0.99"]])
    assert sp.expand(D.udt(t2).expected_utilities["one"] - sp.Rational(99, 100) * M) == 0
    assert D.udt(t2.subs({M: 10**6})).act == "one"


def test_from_table_causal_credence_survives_substitution():
    p = sp.Symbol("p")
    t = from_table(["one", "two"], ["full", "empty"], [[10**6, 0], [1_001_000, 1000]],
                   [[p, 1 - p], [1 - p, p]], causal=["0.5", "0.5"])
    s = t.subs({p: F(99, 100)})
    # the causal probabilities 1/2, 1/2 fix CDT's credence: EU(one) = 500000, EU(two) = 501000
    assert D.cdt(s).expected_utilities == {"one": 500_000, "two": 501_000}


@pytest.mark.parametrize("bad", [5, "ab", [1, 2], [[0.5, 0.5], 3]])
def test_from_table_rejects_non_tables_by_name(bad):
    with pytest.raises(InvalidInputError, match="evidential"):
        from_table(["a", "b"], ["s", "t"], [[1, 2], [3, 4]], bad)


def test_from_table_rejects_causal_of_wrong_length():
    with pytest.raises(InvalidInputError, match="causal"):
        from_table(["a", "b"], ["s", "t"], [[1, 2], [3, 4]], [[1, 0], [0, 1]], causal=["0.5", "0.5", "0"])


# -- fix: node validation (predictor observation, action and value sets) -----------------------
def test_predictor_at_must_be_an_observation_of_the_decision():
    nodes = [Chance("c", ("a", "b"), {"a": F(1, 2), "b": F(1, 2)}), Decision("d", ("x", "y"), ("c",)),
             Predictor("p", "d", at=("zzz",))]
    with pytest.raises(InvalidInputError, match=r"Predictor\('p'\)\.at.*zzz"):
        DecisionProblem(nodes, lambda d, p: 1 if d == p else 0, ["d", "p"])


@pytest.mark.parametrize("node", [Decision("d", ()), Decision("d", ("x", "x"))])
def test_decision_actions_must_be_distinct_and_non_empty(node):
    with pytest.raises(InvalidInputError, match=r"Decision\('d'\)\.actions"):
        DecisionProblem([node], lambda d: 0, ["d"])


def test_chance_values_must_be_distinct():
    with pytest.raises(InvalidInputError, match=r"Chance\('c'\)\.values"):
        DecisionProblem([Chance("c", ("a", "a"), {"a": 1}), Decision("d", ("x", "y"))], lambda d, c: 0, ["d", "c"])


# -- fix: compare() on symbolic problems says what the verdict depends on ----------------------
def test_compare_symbolic_rows_name_the_parameters_not_the_status():
    p = sp.Symbol("p")
    c = D.compare(P.xor_blackmail(termite_prior=p))
    assert [r["recommends"] for r in c.rows] == ["depends on p"] * 3
    assert "depends on p" in c.table() and "depends on p" in c._repr_html_()
    c2 = D.compare(P.newcomb(accuracy=p, big=sp.Symbol("M")))
    assert c2.rows[1]["recommends"] == "depends on M, p"


# -- fix: imperfect-recall trees with symbolic payoffs ------------------------------------------
def test_absent_minded_driver_symbolic_payoffs_substitute_or_say_unsupported():
    from solvers.errors import UnsupportedError

    a = sp.Symbol("a")
    t = P.absent_minded_driver(exit_second=a)
    assert t.symbols == {a}
    # V(c) = c (1 - c) a + c^2 (exit_first = 0, continue_both = 1); at c = 2/3: 2a/9 + 4/9
    assert sp.expand(t.value({"I": {"exit": F(1, 3), "continue": F(2, 3)}}) - (2 * a / 9 + sp.Rational(4, 9))) == 0
    for fn in (D.planning_optimum, D.cdt, D.edt, D.udt, D.compare, lambda p: D.solve_de_se(p, "EDT", "GDH"),
               lambda p: D.satisfies(p, {"I": "exit"})):
        with pytest.raises(UnsupportedError, match=r"symbolic parameters \['a'\]"):
            fn(t)
    # substituted: the planning optimum continues with probability (e2 - e1) / (2 (e2 - cb)) = 5/8 at a = 5
    s = t.subs({"a": 5})
    r = D.planning_optimum(s)
    assert r.policy["I"]["continue"] == F(5, 8) and r.value == F(25, 16)
    assert t.subs({a: 4}).params == P.absent_minded_driver().params
    with pytest.raises(InvalidInputError, match="values"):
        t.subs({"b": 1})


# -- fix: factory argument validation ----------------------------------------------------------
@pytest.mark.parametrize("kw", [dict(smoke_if_urge=5), dict(smoke_if_no_urge=-1)])
def test_smoking_lesion_checks_the_tickle_probabilities_even_without_tickle(kw):
    from solvers.errors import InvalidProbabilityError

    with pytest.raises(InvalidProbabilityError, match=next(iter(kw))):
        P.smoking_lesion(**kw)


def test_smoking_lesion_tickle_must_be_a_bool():
    with pytest.raises(InvalidInputError, match="tickle"):
        P.smoking_lesion(tickle="no")


@pytest.mark.parametrize("name,param", [("newcomb", "accuracy"), ("twin_prisoners_dilemma", "reward"),
                                        ("cosmic_ray", "prior_small")])
def test_factories_reject_bools_as_numbers(name, param):
    with pytest.raises(InvalidInputError, match=param):
        P.ALL[name](**{param: True})
