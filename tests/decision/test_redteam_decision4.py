"""Red-team pass 4: cases recomputed by hand from the definitions (not from our code).

Each test names its source and the hand derivation; each failed on the code before its fix.
"""

from __future__ import annotations

from fractions import Fraction as F

import sympy

import decision as d
from decision import problems as P


def test_cdt_threshold_where_a_third_act_joins_the_mixed_equilibrium():
    # Adversarial offer (Oesterheld & Conitzer 2021) with prize 12, price 7, accuracy a (errors
    # split evenly).  By hand: buying box 1 is ratifiable iff R(1-a) >= R(1+a)/2, i.e. a <= 1/3;
    # above it the two boxes mix 1/2-1/2, P(prediction = box 1) = (1+a)/4, so a box is worth
    # R(3-a)/4 - c = 2 - 3a, which stays >= 0 (the value of "none") up to a = 2/3; beyond, "none"
    # joins the support (P(pred = box 1) = 1 - c/R at sigma = (x, x, 1-2x)).  The old candidates
    # (pure-act value differences only) missed 2/3 and reported a flip at 5/12.
    a = sympy.Symbol("a")
    r = d.thresholds(P.adversarial_offer(accuracy=a, prize=12, price=7), "cdt", a)
    assert r.thresholds == (F(1, 3), F(2, 3))
    assert [v for _, v in r.verdicts] == ["box 1", "mixed(box 1, box 2)", "mixed(box 1, box 2, none)"]
    for x, supp in ((F(3, 5), {"box 1", "box 2"}), (F(7, 10), {"box 1", "box 2", "none"})):
        act = d.cdt(P.adversarial_offer(accuracy=x, prize=12, price=7)).act
        assert {k for k, q in act.items() if q} == supp
    # the price, at the default accuracy 3/4 and prize 3: the two-box mixture is worth
    # 3 (3 - 3/4) / 4 - c = 27/16 - c; "none" is ratifiable from 3 (1 + 3/4) / 2 = 21/8 on
    c = sympy.Symbol("c")
    r = d.thresholds(P.adversarial_offer(price=c), "cdt", c, domain=(0, 3))
    assert r.thresholds == (F(27, 16), F(21, 8))
    assert [v for _, v in r.verdicts] == ["mixed(box 1, box 2)", "mixed(box 1, box 2, none)", "none"]


def test_bad_udt_mixed_and_thresholds_domain_name_the_parameter():
    # issue 4 "Bad input": clear errors naming the parameter (solvers.errors conventions).
    # udt(mixed="yes") was accepted silently; thresholds(domain=(0,)) was an IndexError.
    import pytest

    from solvers.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="mixed"):
        d.udt(P.newcomb(), mixed="yes")
    p = sympy.Symbol("p")
    for bad in ((0,), (0, 1, 2), 5):
        with pytest.raises(InvalidInputError, match="domain"):
            d.thresholds(P.newcomb(accuracy=p), "edt", p, domain=bad)


def test_compare_on_an_imperfect_recall_tree_equals_the_individual_calls():
    # issue 4: compare(problem) is "all theories in one table", each row a Recommendation.  On a
    # tree, compare() returned DeSeResult objects (no .act) and rows in another policy format than
    # decision.cdt/edt/udt.  Absent-minded driver with payoffs 1, 3, 0 (Piccione & Rubinstein 1997
    # with other payoffs): U(p) = (1-p) + 3p(1-p), U'(p) = 2 - 6p, planning optimum p = 1/3, value 4/3.
    tree = P.absent_minded_driver(exit_first=1, exit_second=3, continue_both=0)
    comp = d.compare(tree)
    recs = comp.recommendations
    assert all(type(r) is d.Recommendation for r in recs)
    calls = [d.udt(tree), d.cdt(tree), d.edt(tree), d.cdt(tree, belief="GDH"), d.edt(tree, belief="GT")]
    for row, rec, call in zip(comp.rows, recs, calls):
        assert (row["theory"], row["recommends"], row["expected_utilities"], row["realized"]) == (
            call.theory, call.act, call.expected_utilities, call.realized)
        assert (rec.act, rec.realized) == (call.act, call.realized)
    assert recs[0].act == {"I": {"exit": F(2, 3), "continue": F(1, 3)}} and recs[0].realized == F(4, 3)


def test_cdt_mixed_equilibrium_with_exact_irrational_parameters():
    # The factories accept exact real constants (decision.model.num keeps algebraic numbers), and
    # EDT/UDT handled them, but CDT's deliberational equilibrium raised TypeError
    # ("invalid input: 1000-500*sqrt(2)") or ValueError (pi).  By hand (Joyce 2012 / Arntzenius 2008):
    # asymmetric Death in Damascus, perfect predictor, survive 1000, die 0, travel cost t:
    # s = 1/2 + t/2000 in Damascus, EU = (1 - s) 1000, realized = -t (1 - s).
    t = sympy.sqrt(2)
    r = d.cdt(P.asymmetric_death_in_damascus(travel_cost=t))
    s = sympy.Rational(1, 2) + t / 2000
    assert sympy.simplify(r.act["Damascus"] - s) == 0 and sympy.simplify(r.act["Aleppo"] - (1 - s)) == 0
    assert sympy.simplify(r.expected_utilities["Damascus"] - (1 - s) * 1000) == 0
    assert sympy.simplify(r.realized + t * (1 - s)) == 0
    # symmetric, accuracy a = sqrt(2)/2: the 1/2-1/2 mixture, EU 500, realized (1 - a) 1000
    a = sympy.sqrt(2) / 2
    r = d.cdt(P.death_in_damascus(accuracy=a))
    assert r.act == {"Damascus": F(1, 2), "Aleppo": F(1, 2)} and r.expected_utilities["Aleppo"] == 500
    assert sympy.simplify(r.realized - (1 - a) * 1000) == 0
    # adversarial offer with prize pi (Oesterheld & Conitzer 2021): the boxes mix, each worth
    # pi (3 - 3/4) / 4 - 1; realized prize (1 - 3/4) - price = pi / 4 - 1
    r = d.cdt(P.adversarial_offer(prize=sympy.pi))
    assert r.act == {"box 1": F(1, 2), "box 2": F(1, 2)}
    assert sympy.simplify(r.expected_utilities["box 1"] - (9 * sympy.pi / 16 - 1)) == 0
    assert sympy.simplify(r.realized - (sympy.pi / 4 - 1)) == 0


def test_irrational_parameters_elsewhere_solved_or_refused_clearly():
    # udt(mixed) interpolated through sympy.Rational(str(value)) (TypeError for sqrt(2)); the
    # imperfect-recall solvers and deliberate() crashed with CoercionFailed / AttributeError.
    import pytest

    from decision.model import Decision, DecisionProblem, Predictor
    from solvers.errors import UnsupportedError

    # asymmetric Death in Damascus, Death cannot see the coin (sees_randomization=False), travel
    # cost t = sqrt(2): V(s) = 2000 s (1 - s) - t (1 - s), V'(s) = 0 at s = 1/2 + t/4000
    t = sympy.sqrt(2)
    pr = DecisionProblem([Decision("act", ("Damascus", "Aleppo")),
                          Predictor("death", "act", accuracy=1, sees_randomization=False)],
                         lambda a, x: (0 if a == x else 1000) - (t if a == "Aleppo" else 0), ["act", "death"])
    r = d.udt(pr)
    s = sympy.Rational(1, 2) + t / 4000
    assert sympy.simplify(r.act["Damascus"] - s) == 0
    assert sympy.simplify(r.realized - (2000 * s * (1 - s) - t * (1 - s))) == 0
    tree = P.absent_minded_driver(exit_second=3 + t)
    # satisfies() compares algebraic numbers: the optimum p = (3 + t) / (4 + 2 t) of
    # U = (3 + t) p (1 - p) + p^2 (Piccione & Rubinstein's driver, exit_second = 3 + sqrt(2))
    p = (3 + t) / (4 + 2 * t)
    assert d.satisfies(tree, {"I": {"continue": p, "exit": 1 - p}}, "CDT", "GT")
    # session 5: the solvers work over the algebraic numbers too (were UnsupportedError); a
    # transcendental parameter is still refused clearly
    for call in (d.planning_optimum, d.solve_de_se):
        r = call(tree)
        assert r.exact and r.status == "ok"
        assert sympy.simplify(r.policy["I"]["continue"] - p) == 0
    assert sympy.simplify(d.compare(tree).recommendations[0].realized - ((3 + t) * p * (1 - p) + p ** 2)) == 0
    with pytest.raises(UnsupportedError, match="algebraic"):
        d.planning_optimum(P.absent_minded_driver(exit_second=sympy.pi))
    # deliberate: asymmetric Death in Damascus with travel cost sqrt(2) stays with probability
    # 1/2 + sqrt(2)/2000 (the factory's docstring formula)
    r = d.deliberate(P.asymmetric_death_in_damascus(travel_cost=t))
    assert r.exact and r.status == "ok"
    assert sympy.simplify(r.equilibrium["act"]["Damascus"] - (sympy.Rational(1, 2) + t / 2000)) == 0


def test_belief_on_a_decision_problem_and_limit_on_a_tree_are_checked():
    # The previous pass made cdt(tree, credence=...) an error; the converse was still silent:
    # belief="GT" (or a typo) on a DecisionProblem was ignored, and limit=-1 on a tree too.
    import pytest

    from solvers.errors import InvalidInputError, LimitError

    for fn in (d.cdt, d.edt):
        with pytest.raises(InvalidInputError, match="belief"):
            fn(P.newcomb(), belief="GT")
    tree = P.absent_minded_driver()
    for fn in (d.cdt, d.edt, d.udt):
        with pytest.raises(InvalidInputError, match="limit"):
            fn(tree, limit=-1)
    with pytest.raises(LimitError):
        d.cdt(tree, limit=1)  # 3 support choices for the one information set
    with pytest.raises(InvalidInputError, match="mixed"):
        d.udt(tree, mixed="yes")


def test_thresholds_report_a_verdict_flip_at_the_end_of_the_domain():
    # Threshold at a boundary: in transparent Newcomb (Yudkowsky & Soares 2017, Dilemma 5) EDT
    # two-boxes on a full box for every accuracy < 1, but at accuracy 1 two-boxing there has
    # probability zero and EDT one-boxes (factory docstring); likewise Parfit's hitchhiker
    # (Dilemma 4): EDT pays in town only at accuracy 1.  thresholds() said "no flip" silently.
    x = sympy.Symbol("x")
    r = d.thresholds(P.transparent_newcomb(accuracy=x), "edt", x)
    assert r.thresholds == () and dict(r.endpoints)[1] == (("box=empty", "one-box"), ("box=full", "one-box"))
    r = d.thresholds(P.parfits_hitchhiker(accuracy=x), "edt", x)
    assert r.thresholds == () and r.endpoints == ((1, (("place=desert", "pay"), ("place=town", "pay"))),)
    assert "domain's end" in r.message
    # an interior flip (Newcomb, (big + small) / (2 big) = 1001/2000) leaves the ends alone
    r = d.thresholds(P.newcomb(accuracy=x), "edt", x)
    assert r.thresholds == (F(1001, 2000),) and r.endpoints == ()


def test_parfit_table_text_keeps_the_dollar_sign_of_the_payment():
    # The table framing printed "rescued and pay: -1,000" (the "$" was sliced off) next to
    # "die: -$100,000"; both are dollar amounts (Yudkowsky & Soares 2017, Dilemma 4).
    from decision.dilemmas import generate_dilemmas

    items = generate_dilemmas(4, seed=1, families=["parfits_hitchhiker"], framings=["table"])
    for it in items:
        pay, death = int(it.params["payment"]), -int(it.params["death"])
        assert f"rescued and pay: -${pay:,};" in it.text and f"die: -${death:,};" in it.text


def test_decision_problem_constructor_arguments_are_checked():
    # nodes=42 was a TypeError ("'int' object is not iterable"); a non-callable utility was accepted
    # and failed at the first evaluation with TypeError; utility_parents="act" split into letters.
    import pytest

    from decision.model import Decision, DecisionProblem
    from solvers.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="nodes"):
        DecisionProblem(42, lambda a: 0, ["act"])
    with pytest.raises(InvalidInputError, match="utility"):
        DecisionProblem([Decision("act", ("a", "b"))], 5, ["act"])
    with pytest.raises(InvalidInputError, match="utility_parents"):
        DecisionProblem([Decision("act", ("a", "b"))], lambda a: 0, "act")
    # a generator of nodes is fine
    pr = DecisionProblem((n for n in [Decision("act", ("a", "b"))]), lambda a: {"a": 1, "b": 2}[a], ["act"])
    assert d.edt(pr).act == "b"


def test_imperfect_recall_tree_building_errors_are_clear():
    # chance(children=5) was AttributeError, decision(children=5) TypeError, planning_optimum on a
    # tree without decisions a numpy ValueError ("need at least one array to concatenate"), and
    # repr() of an unfinished tree (no root yet) raised.
    import pytest

    from decision.imperfect_recall import ImperfectRecallProblem
    from solvers.errors import InvalidInputError

    t = ImperfectRecallProblem(title="t")
    assert "not yet a valid tree" in repr(t)
    with pytest.raises(InvalidInputError, match="children"):
        t.chance("c", 5)
    with pytest.raises(InvalidInputError, match="children"):
        t.decision("X", "I", 5)
    t.chance("c", {"A": F(1, 2), "B": F(1, 2)})
    t.terminal("A", 1)
    t.terminal("B", 0)
    t.root = "c"
    for call in (d.planning_optimum, d.solve_de_se, d.compare):
        with pytest.raises(InvalidInputError, match="decision node"):
            call(t)


def test_plot_sweep_theory_names_as_elsewhere():
    # expected_utilities()/thresholds() accept "CDT" and "fdt"; plot_sweep rejected "CDT" and read
    # theories="edt" letter by letter ('e' is not a theory).  Newcomb EDT realized payoff at
    # accuracy 0.4 is the two-boxing value (1 - 0.4) 10^6 + 10^3 (EDT one-boxes above 1001/2000).
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = d.plot_sweep(P.newcomb, "accuracy", [F(2, 5), F(9, 10)], theories="EDT")
    ys = list(ax.lines[0].get_ydata())
    assert ys == [601_000.0, 900_000.0]
    plt.close("all")


def test_deliberate_from_a_pure_start():
    # deliberate(start="Damascus") raised KeyError('Aleppo') (the pure start listed only its act).
    # Skyrms' dynamics from there reach Joyce's (2012) equilibrium of asymmetric Death in Damascus:
    # s = 1/2 + travel_cost / (2 (survive - die)) = 101/200 in Damascus, realized -10 * 99/200.
    r = d.deliberate(P.asymmetric_death_in_damascus(), start="Damascus")
    assert r.exact and r.equilibrium == {"act": {"Damascus": F(101, 200), "Aleppo": F(99, 200)}}
    assert r.realized == F(-99, 20)
    # Egan's (2007) psychopath button from "push": credence in psychopathy kill / (kill - die) = 1/11
    r = d.deliberate(P.psychopath_button(), start="push")
    assert r.equilibrium == {"act": {"push": F(1, 11), "don't push": F(10, 11)}}


def test_from_table_with_symbolic_causal_probabilities():
    # from_table's entries are parameters (sympy symbols allowed), but a symbolic causal row was a
    # TypeError ("invalid input: y") in the act prior.  By hand: sum_a q_a P(s | a) = P(s) with
    # P(s | a) = 9/10, P(s | b) = 1/10 gives q_a = (y - 1/10) / (8/10) = 5y/4 - 1/8.
    y = sympy.Symbol("y")
    pr = d.from_table(["a", "b"], ["s", "t"], [[2, 0], [0, 1]], [[F(9, 10), F(1, 10)], [F(1, 10), F(9, 10)]],
                      causal=[y, 1 - y])
    q = pr.default_credence[("act", ())]
    assert sympy.simplify(q["a"] - (5 * y / 4 - sympy.Rational(1, 8))) == 0
    # CDT with the causal credence P(s) = 3/10: EU(a) = 2 * 3/10, EU(b) = 7/10
    assert d.cdt(pr.subs({y: F(3, 10)})).expected_utilities == {"a": F(3, 5), "b": F(7, 10)}


def test_cdt_threshold_under_a_table_s_causal_credence():
    # With causal probabilities a table's CDT uses the fixed credence P(s) (from_table docs).
    # Utility a: (x, 0), b: (0, 1), P(s) = 1/3: EU(a) = x/3, EU(b) = 2/3, so CDT flips at x = 2.
    # The candidates (pure-credence differences and policy values) gave 1 (0.9 x = 0.9).
    x = sympy.Symbol("x")
    pr = d.from_table(["a", "b"], ["s", "t"], [[x, 0], [0, 1]], [[F(9, 10), F(1, 10)], [F(1, 10), F(9, 10)]],
                      causal=[F(1, 3), F(2, 3)])
    r = d.thresholds(pr, "cdt", x, domain=(0, 100))
    assert r.thresholds == (F(2),)
    assert [v for _, v in r.verdicts] == ["b", "a"]
    assert d.cdt(pr.subs({x: F(3, 2)})).act == "b"
    # symbolic causal row, P(s) = y: EU(a) = 2y, EU(b) = 1 - y, flip at y = 1/3
    y = sympy.Symbol("y")
    pr = d.from_table(["a", "b"], ["s", "t"], [[2, 0], [0, 1]], [[F(9, 10), F(1, 10)], [F(1, 10), F(9, 10)]],
                      causal=[y, 1 - y])
    assert d.thresholds(pr, "cdt", y, domain=(F(1, 10), F(9, 10))).thresholds == (F(1, 3),)


def test_symbolic_cdt_uses_the_fixed_credence():
    # On a symbolic problem cdt() ignored an explicit credence and a table's causal probabilities:
    # it listed 'act | believed act' values, which disagree with cdt(problem.subs(...)).
    # Newcomb (Nozick 1969), credence one-box: the box is full with probability p, so
    # EU(one-box) = 10^6 p and EU(two-box) = 10^6 p + 10^3.
    p = sympy.Symbol("p")
    r = d.cdt(P.newcomb(accuracy=p), credence="one-box")
    assert r.expected_utilities == {"one-box": 1_000_000 * p, "two-box": 1_000_000 * p + 1000}
    y = sympy.Symbol("y")
    pr = d.from_table(["a", "b"], ["s", "t"], [[2, 0], [0, 1]], [[F(9, 10), F(1, 10)], [F(1, 10), F(9, 10)]],
                      causal=[y, 1 - y])
    r = d.cdt(pr)
    assert r.expected_utilities == {"a": 2 * y, "b": 1 - y}
    sub = d.cdt(pr.subs({y: F(2, 5)})).expected_utilities
    assert sub == {k: v.subs(y, sympy.Rational(2, 5)) for k, v in r.expected_utilities.items()}
