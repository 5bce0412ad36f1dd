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


# -- hand recomputation of the canonical problems at non-default / boundary parameters ----------
def _eq(table, expected):
    assert set(table) == set(expected)
    for k, v in expected.items():
        assert (table[k] is None) == (v is None), k
        if v is not None:
            assert sp.nsimplify(table[k] - v) == 0, (k, table[k], v)


@pytest.mark.parametrize("p,B,A", [(F(3, 4), 10, 2), (F(1, 2), 10**6, 1000), (0, 5, 1), (1, 5, 1)])
def test_newcomb_by_hand(p, B, A):
    # EDT = UDT: one-box p B, two-box (1 - p) B + A; CDT (two-box ratified): P(B full) = 1 - p
    prob = P.newcomb(accuracy=p, big=B, small=A)
    _eq(D.edt(prob).expected_utilities, {"one-box": p * B, "two-box": (1 - p) * B + A})
    _eq(D.udt(prob).expected_utilities, {"one-box": p * B, "two-box": (1 - p) * B + A})
    c = D.cdt(prob)
    assert c.act == "two-box" and c.ratifiable == ("two-box",)
    _eq(c.expected_utilities, {"one-box": (1 - p) * B, "two-box": (1 - p) * B + A})


@pytest.mark.parametrize("s,T,R,Pn,S", [(F(9, 10), 5, 3, 1, 0), (F(1, 2), 5, 3, 1, 0), (0, 3, 5, 1, 0)])
def test_twin_pd_by_hand(s, T, R, Pn, S):
    prob = P.twin_prisoners_dilemma(similarity=s, temptation=T, reward=R, punishment=Pn, sucker=S)
    edt = {"C": s * R + (1 - s) * S, "D": s * Pn + (1 - s) * T}
    _eq(D.edt(prob).expected_utilities, edt)
    assert D.edt(prob).act == max(edt, key=edt.get)
    c = D.cdt(prob)
    sc = c.act["C"] if isinstance(c.act, dict) else F(c.act == "C")  # credence in cooperating
    q = s * sc + (1 - s) * (1 - sc)  # P(twin cooperates)
    eus = {"C": q * R + (1 - q) * S, "D": q * T + (1 - q) * Pn}
    _eq(c.expected_utilities, eus)
    if isinstance(c.act, dict):  # s = 0, not a PD: no pure act ratifiable; 5q = 1 + 2q at q = 1/3
        assert (s, c.act) == (0, {"C": F(2, 3), "D": F(1, 3)}) and eus["C"] == eus["D"]


@pytest.mark.parametrize("p,sv,di,tc", [(F(9, 10), 1000, 0, 10), (1, 10**6, 0, 1000), (F(3, 4), 7, -3, 1)])
def test_asymmetric_death_in_damascus_by_hand(p, sv, di, tc):
    # pi = P(Death in Damascus) = s p + (1 - s)(1 - p) equalizes the acts at pi = 1/2 + tc / (2 (sv - di))
    prob = P.asymmetric_death_in_damascus(accuracy=p, survive=sv, die=di, travel_cost=tc)
    pi = F(1, 2) + F(tc, 2 * (sv - di))
    s = (pi - (1 - p)) / (2 * p - 1)
    c = D.cdt(prob)
    assert c.act == {"Damascus": s, "Aleppo": 1 - s}
    eu = pi * di + (1 - pi) * sv
    _eq(c.expected_utilities, {"Damascus": eu, "Aleppo": eu})
    # realized: Death reads the realized act: s (p di + (1-p) sv) + (1-s) (p di + (1-p) sv - tc)
    assert c.realized == p * di + (1 - p) * sv - (1 - s) * tc
    _eq(D.edt(prob).expected_utilities, {"Damascus": p * di + (1 - p) * sv, "Aleppo": p * di + (1 - p) * sv - tc})


@pytest.mark.parametrize("p,cc", [(F(9, 10), 1), (F(1, 2), 100), (1, 0)])
def test_random_coin_by_hand(p, cc):
    # Death predicts the act w.p. p (errors split over the other two acts); predicting the coin it
    # guesses: P(die | Damascus) = p + (1 - p)/4; the coin: 1/2 whatever the prediction
    prob = P.death_in_damascus_random_coin(accuracy=p, survive=1000, die=0, coin_cost=cc)
    go = (1 - p - (1 - p) / 4) * 1000
    _eq(D.edt(prob).expected_utilities, {"Damascus": go, "Aleppo": go, "coin": 500 - cc})
    c = D.cdt(prob)
    if cc > 0:  # the coin is dominated by the better city: 1/2-1/2, and Death reads the realized act
        assert c.act == {"Damascus": F(1, 2), "Aleppo": F(1, 2)} and c.realized == go
    else:  # a free coin against a perfect predictor: believing it, every act is worth 500 (ratifiable)
        assert c.act == "coin" and c.realized == 500


@pytest.mark.parametrize("p,W,c", [(F(9, 10), 10, 1), (F(1, 2), 3, 1), (F(1, 5), 3, 1)])
def test_adversarial_offer_by_hand(p, W, c):
    prob = P.adversarial_offer(accuracy=p, prize=W, price=c)
    m = (1 - p) / 2
    _eq(D.edt(prob).expected_utilities, {"box 1": W * (1 - p) - c, "box 2": W * (1 - p) - c, "none": 0})
    r = D.cdt(prob)
    if p > F(1, 3):  # the predictor beats chance: 1/2-1/2, P(pred = box 1) = (p + m)/2
        assert r.act == {"box 1": F(1, 2), "box 2": F(1, 2)}
        eu = W * (1 - (p + m) / 2) - c
        _eq(r.expected_utilities, {"box 1": eu, "box 2": eu, "none": 0})
        assert r.realized == W * (1 - p) - c  # Oesterheld & Conitzer: loses c - W (1 - p)
    else:  # anti-predictor: buying box 1 is ratifiable (P(pred = box 1) = p < m)
        assert r.act in ("box 1", "box 2") and r.realized == W * (1 - p) - c


def test_psychopath_button_general_tendency_by_hand():
    # q = 1/100, P(push | psychopath) = 1, P(push | not) = 1/10: P(psy | push) = 10/109, P(psy | no) = 0;
    # equilibrium credence in psychopathy c = kill / (kill - die) = 1/11 = s * 10/109  =>  s = 109/110
    prob = P.psychopath_button(push_if_not=F(1, 10))
    c = D.cdt(prob)
    assert c.act == {"push": F(109, 110), "don't push": F(1, 110)}
    _eq(c.expected_utilities, {"push": 0, "don't push": 0})
    assert c.realized == F(109, 110) * (F(1, 100) * -100 + F(99, 100) * 10)
    _eq(D.edt(prob).expected_utilities, {"push": F(10, 109) * -100 + F(99, 109) * 10, "don't push": 0})


@pytest.mark.parametrize("t,p", [(F(1, 2), 1), (F(1, 100), F(9, 10)), (0, 1)])
def test_xor_blackmail_by_hand(t, p):
    Dm, c = 1000, 10
    prob = P.xor_blackmail(termite_prior=t, damage=Dm, payment=c, accuracy=p)
    # letter iff (no termites and predicted pay) or (termites and predicted refuse)
    pi = {"pay": p, "refuse": 1 - p}  # P(predicted pay | act at the letter)
    PL = {a: (1 - t) * pi[a] + t * (1 - pi[a]) for a in pi}
    edt = {a: (None if PL[a] == 0 else (-Dm * t * (1 - pi[a]) - (c if a == "pay" else 0) * PL[a]) / PL[a])
           for a in pi}
    e = D.edt(prob)
    for a in pi:
        v = e.expected_utilities[f"letter=letter: {a}"]
        assert v == edt[a]
    u = D.udt(prob)
    assert u.act["letter=letter"] == "refuse" and u.realized == -t * Dm


@pytest.mark.parametrize("p", [1, F(99, 100), F(1, 2)])
def test_edt_at_a_perfect_predictor_leaves_impossible_acts_undefined(p):
    # transparent Newcomb / Parfit: with a perfect predictor, two-boxing at a full box and refusing
    # in town have probability zero: EDT reports None there (never divides by zero)
    tn = D.edt(P.transparent_newcomb(accuracy=p)).expected_utilities
    pf = D.edt(P.parfits_hitchhiker(accuracy=p)).expected_utilities
    assert (tn["box=full: two-box"] is None) == (p == 1)
    assert (pf["place=town: refuse"] is None) == (p == 1)
    assert pf["place=town: pay"] == -1000


def test_counterfactual_mugging_by_hand():
    prob = P.counterfactual_mugging(p_heads=F(1, 3), reward=300, cost=100, accuracy=F(9, 10))
    # pay policy: 1/3 * 300 * 9/10 - 2/3 * 100 = 90 - 200/3; refuse: 1/3 * 300 * 1/10 = 10
    u = D.udt(prob)
    assert u.expected_utilities["coin=heads: pay; coin=tails: pay"] == F(70, 3)
    assert u.expected_utilities["coin=heads: pay; coin=tails: refuse"] == 10
    assert u.act["coin=tails"] == "pay"
    assert D.edt(prob).act["coin=tails"] == "refuse" and D.cdt(prob).act["coin=tails"] == "refuse"


def test_cosmic_ray_edt_threshold_prior_by_hand():
    # EDT takes small iff prior_small exceeds the root in (1/2, 1) of
    # (big - small) P(ex big) P(ex small) = checkup r (1 - r)(2 q - 1)
    q = sp.Symbol("q")
    r = sp.Rational(1, 1000)
    eb, es = q * r + (1 - q) * (1 - r), q * (1 - r) + (1 - q) * r
    roots = [x for x in sp.solve(99 * eb * es - 1000 * r * (1 - r) * (2 * q - 1), q) if 0.5 < float(x) < 1]
    got = D.thresholds(P.cosmic_ray(prior_small=q), "edt", q).thresholds
    assert len(got) == 1 and len(roots) == 1 and sp.simplify(got[0] - roots[0]) == 0


# -- fix: CDT's tremble note names the impossible believed act ---------------------------------
def test_cdt_tremble_note_names_the_zero_probability_believed_act():
    # no psychopaths (prior 0) and only psychopaths push: believing "push" has evidential
    # probability zero; the tremble evaluates it under "don't push": push 10 > 0
    prob = P.psychopath_button(psychopath_prior=0, push_if_not=0)
    r = D.cdt(prob)
    assert r.act == "push" and r.expected_utilities == {"push": 10, "don't push": 0}
    assert "believed act push has probability zero" in r.message and "observation ''" not in r.message
    assert "believed act push" in D.cdt(prob, credence="push").message
    m = D.cdt(P.mechanical_blackmail()).message
    assert "observation 'letter=no letter' with the believed act pay" in m


# -- fix: deliberation certifies an end point whose dominated act decays only harmonically ------
def test_deliberate_certifies_xor_blackmail():
    # at the letter refusing beats paying by the payment under every credence, but the Nash map
    # (utilities scaled by 10^6, gain proportional to the credence) leaves paying a visible
    # credence after max_steps; the no-letter acts tie (a continuum): the near-optimal support,
    # rounded, is an exact deliberational equilibrium
    d = D.deliberate(P.xor_blackmail())
    assert d.exact and d.status == "ok"
    assert d.equilibrium["letter=letter"] == "refuse"
    assert d.realized == -10_000  # termites 1/100 x 10^6; the letter is never paid for


# -- fix: plot_sweep validates its keywords and never plots a max over several choice points ----
def test_plot_sweep_validates_parameter_and_expected_quantity():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from solvers.errors import UnsupportedError

    with pytest.raises(InvalidInputError, match="parameter"):
        D.plot_sweep(P.newcomb, "acc", [F(1, 2)])
    with pytest.raises(InvalidInputError, match="fixed"):
        D.plot_sweep(P.newcomb, "accuracy", [F(1, 2)], accuracy=F(1, 3))
    # EDT's values at two observations of transparent Newcomb: no single 'chosen option'
    with pytest.raises(UnsupportedError, match="single choice point"):
        D.plot_sweep(P.transparent_newcomb, "accuracy", [F(1, 2)], theories=("edt",), quantity="expected")
    ax = D.plot_sweep(P.transparent_newcomb, "accuracy", [F(1, 2), 1], theories=("udt",), quantity="expected")
    # UDT: the chosen policy's value; at accuracy 1 the one-box-on-full policy gets the $1,000,000
    assert list(ax.lines[0].get_ydata()) == [float(max(F(1, 2) * 1_001_000, F(1, 2) * 10**6 + 1000)), 1e6]
    ax = D.plot_sweep(P.newcomb, "accuracy", [F(1, 2), 1], theories=("edt",), quantity="expected")
    assert list(ax.lines[0].get_ydata()) == [501_000.0, 1e6]
    plt.close("all")


# -- fix: CDT's note says how it picks among several ratifiable acts ---------------------------
def test_cdt_note_states_the_ratifiable_tie_break_it_uses():
    # a common cause: P(s1 | a) = 9/10, P(s1 | b) = 1/5, P(s1) = 3/10; a pays in s1, b in s2.
    # Both acts are ratifiable: own expected utility a 9/10 > b 4/5, realized payoff a 3/10 < b 7/10
    t = from_table(["a", "b"], ["s1", "s2"], [[1, 0], [0, 1]], [["0.9", "0.1"], ["0.2", "0.8"]],
                   causal=["0.3", "0.7"], via="common_cause")
    r = D.cdt(t)
    assert set(r.ratifiable) == {"a", "b"}
    assert r.act == "b" and r.realized == F(7, 10) and r.expected_utilities == {"a": F(1, 5), "b": F(4, 5)}
    assert any("highest realized payoff" in n for n in r.assumptions)
    assert not any("own expected utility" in n for n in r.assumptions)
    # deliberational_equilibria ranks by own expected utility: a (9/10), b (4/5), the mix 3/7 a (1/2)
    assert [v for _, v in D.deliberational_equilibria(t)] == [F(9, 10), F(4, 5), F(1, 2)]


# -- fix: deliberational equilibria skip continua instead of crashing ----------------------------
def test_deliberational_equilibria_skip_a_continuum():
    # the act does not matter (equal utility rows): every credence is an equilibrium; the support
    # {a, b} leaves the mixture free (sympy solved it in terms of v): was ValueError in Fraction()
    t = from_table(["a", "b"], ["s1", "s2"], [[1, 2], [1, 2]], [["0.9", "0.1"], ["0.2", "0.8"]])
    eqs = D.deliberational_equilibria(t)
    # the pure ones: believing a, E[U] = 9/10 + 2/10 = 11/10; believing b, 2/10 + 16/10 = 9/5
    assert eqs == [({"a": 1}, F(11, 10)), ({"b": 1}, F(9, 5))]


# -- fix: from_table with more actions than states accepts any consistent act prior --------------
@pytest.mark.parametrize("via", ["predictor", "common_cause"])
def test_from_table_more_actions_than_states_with_causal_probabilities(via):
    # P(s | a) = (1, 0), (0, 1), (1/2, 1/2); P(s) = (1/2, 1/2) is a mixture of the rows in many ways
    # (q_a = q_b, q_c free): it was rejected as "not a unique mixture"
    U = [[4, 0], [0, 2], [1, 1]]
    t = from_table(["a", "b", "c"], ["s", "t"], U, [[1, 0], [0, 1], ["1/2", "1/2"]], causal=["1/2", "1/2"], via=via)
    # EDT: sum_s P(s|a) U(a, s)
    assert D.edt(t).expected_utilities == {"a": 4, "b": 2, "c": 1}
    if via == "predictor":  # CDT's credence over the state is P(s) whatever the act prior
        assert D.cdt(t).expected_utilities == {"a": 2, "b": 1, "c": 1}
    else:  # UDT: the state does not move with the policy, P(s) = 1/2 each
        assert D.udt(t).expected_utilities == {"a": 2, "b": 1, "c": 1}
        assert D.cdt(t).act == "a"  # believing a, s is certain: a is ratifiable
    with pytest.raises(InvalidInputError, match="causal"):
        from_table(["a", "b", "c"], ["s", "t"], U, [[1, 0], [1, 0], [1, 0]], causal=["1/2", "1/2"], via=via)


# -- fix: the imperfect-recall functions name a wrong problem type --------------------------------
@pytest.mark.parametrize("fn", [D.planning_optimum, D.solve_de_se, lambda p: D.satisfies(p, {"I": "exit"}),
                                lambda p: D.beliefs(p, {"I": "exit"}, "I"),
                                lambda p: D.de_se_values(p, {"I": "exit"}, "I"),
                                lambda p: D.check_policy(p, {"I": "exit"})])
def test_imperfect_recall_functions_reject_a_decision_problem_by_name(fn):
    with pytest.raises(InvalidInputError, match="ImperfectRecallProblem"):
        fn(P.newcomb())  # was AttributeError: 'DecisionProblem' object has no attribute 'check'


def test_cdt_on_a_tree_rejects_a_credence_instead_of_ignoring_it():
    with pytest.raises(InvalidInputError, match="credence"):
        D.cdt(P.absent_minded_driver(), credence="exit")
    assert D.cdt(P.absent_minded_driver()).policy == {"I": {"exit": F(1, 3), "continue": F(2, 3)}}


# -- fix: symbolic tables of multi-point problems say which acts the other points take -----------
def test_symbolic_multi_point_tables_state_the_other_points_acts():
    p = sp.Symbol("p")
    prob = P.counterfactual_mugging(accuracy=p)
    e = D.edt(prob)
    # heads: reward * P(predicted pay) with tails fixed to "pay" (the first act): 10000 p ...
    assert sp.expand(e.expected_utilities["coin=heads: pay"] - 10_000 * p) == 0
    # ... while numeric EDT refuses at tails (its fixed point), where heads is worth 10000 (1 - p)
    assert D.edt(prob.subs({p: 1})).expected_utilities["coin=heads: pay"] == 0
    for r in (e, D.cdt(prob)):
        assert "coin=tails: pay" in r.message and "first act" in r.message
        assert any("first act" in n for n in r.assumptions)
    assert "first act" not in D.edt(P.newcomb(accuracy=p)).message  # one choice point: nothing fixed


# -- fix: deliberate validates its numeric keywords -----------------------------------------------
@pytest.mark.parametrize("kw", [dict(record_every=0), dict(max_steps="x"), dict(max_steps=-1),
                                dict(rate=float("inf")), dict(rate=float("nan")), dict(tol=-1), dict(record_every=1.5)])
def test_deliberate_rejects_bad_numeric_keywords_by_name(kw):
    # record_every=0 was ZeroDivisionError, max_steps="x" TypeError, rate=inf ValueError from Fraction
    with pytest.raises(InvalidInputError, match=next(iter(kw))):
        D.deliberate(P.death_in_damascus(), **kw)


def test_deliberate_accepts_numpy_integers_and_zero_steps():
    import numpy as np

    d = D.deliberate(P.death_in_damascus(), max_steps=np.int64(0), rate=np.float64(0.5))
    assert d.exact and d.equilibrium == {"act": {"Damascus": F(1, 2), "Aleppo": F(1, 2)}}


# -- fix: the policy-count limits are validated -----------------------------------------------------
@pytest.mark.parametrize("fn,name", [(D.cdt, "cdt"), (D.edt, "edt"), (D.udt, "udt")])
@pytest.mark.parametrize("limit", ["x", None, 1.5, True])
def test_theories_reject_non_integer_limits(fn, name, limit):
    # "x" and None were TypeError ('>' not supported), 1.5 a misleading LimitError
    with pytest.raises(InvalidInputError, match=rf"{name}\(\): limit"):
        fn(P.newcomb(), limit=limit)


def test_solve_de_se_rejects_a_non_integer_limit():
    with pytest.raises(InvalidInputError, match="limit"):
        D.solve_de_se(P.absent_minded_driver(), limit="x")
    with pytest.raises(InvalidInputError, match="limit"):
        P.newcomb().pure_policies(limit=None)
