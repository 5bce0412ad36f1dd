"""Theories beyond the canonical verdicts: table form, symbolic parameters, thresholds,
deliberational equilibria, mixed UDT, pictures and bad input."""

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from decision import (
    Chance,
    Decision,
    DecisionProblem,
    Predictor,
    cdt,
    compare,
    deliberational_equilibria,
    edt,
    expected_utilities,
    from_table,
    ratifiable,
    thresholds,
    udt,
)
from decision import problems as P
from solvers.errors import CoopTheoryError, InvalidInputError, InvalidProbabilityError, LimitError, UnsupportedError


# -- table form -----------------------------------------------------------------------------
def test_table_newcomb_matches_factory():
    t = from_table(["one-box", "two-box"], ["full", "empty"], [[1_000_000, 0], [1_001_000, 1_000]],
                   [["0.99", "0.01"], ["0.01", "0.99"]])
    n = P.newcomb(accuracy="0.99")
    for th in (cdt, edt, udt):
        assert th(t).act == th(n).act
        assert th(t).realized == th(n).realized
        assert list(th(t).expected_utilities.values()) == list(th(n).expected_utilities.values())


def test_table_common_cause_matches_smoking_lesion():
    u = [[1000 - 1_000_000 * F(99, 100), 1000 - 1_000_000 * F(1, 100)],
         [-1_000_000 * F(99, 100), -1_000_000 * F(1, 100)]]
    t = from_table(["smoke", "abstain"], ["lesion", "none"], u, [["0.95", "0.05"], ["0.05", "0.95"]],
                   causal=["1/2", "1/2"], via="common_cause")
    s = P.smoking_lesion()
    for th in (cdt, edt, udt):
        assert th(t).act == th(s).act
        assert th(t).realized == th(s).realized
    assert edt(t).expected_utilities == {"smoke": -940_000, "abstain": -59_000}


def test_table_errors():
    with pytest.raises(InvalidProbabilityError, match="evidential"):
        from_table(["a", "b"], ["s", "t"], [[1, 2], [3, 4]], [[0.5, 0.5], [0.2, 0.7]])
    with pytest.raises(InvalidInputError, match="utility"):
        from_table(["a", "b"], ["s", "t"], [[1, 2]], [[0.5, 0.5], [0.2, 0.8]])
    with pytest.raises(InvalidInputError, match="causal"):
        from_table(["a", "b"], ["s", "t"], [[1, 2], [3, 4]], [[0.5, 0.5], [0.2, 0.8]], via="common_cause")
    with pytest.raises(InvalidInputError, match="mixture"):
        from_table(["a", "b"], ["s", "t"], [[1, 2], [3, 4]], [[0.5, 0.5], [0.2, 0.8]], causal=[0.9, 0.1],
                   via="common_cause")
    with pytest.raises(InvalidInputError, match="via"):
        from_table(["a", "b"], ["s", "t"], [[1, 2], [3, 4]], [[0.5, 0.5], [0.2, 0.8]], via="telepathy")


# -- symbolic -------------------------------------------------------------------------------
def test_symbolic_expected_utilities():
    p = sympy.Symbol("p")
    eu = expected_utilities(P.newcomb(accuracy=p), "edt")
    assert sympy.simplify(eu["one-box"] - 1_000_000 * p) == 0
    assert sympy.simplify(eu["two-box"] - (1_001_000 - 1_000_000 * p)) == 0
    r = edt(P.newcomb(accuracy=p))
    assert r.act is None and "symbolic" in r.message
    u = udt(P.newcomb(accuracy=p))
    assert sympy.simplify(u.expected_utilities["one-box"] - 1_000_000 * p) == 0


def test_newcomb_edt_threshold():
    p = sympy.Symbol("p")
    res = thresholds(P.newcomb(accuracy=p), "edt", p)
    assert res.thresholds == (F(1001, 2000),)
    assert res.verdicts[0][1] == "two-box" and res.verdicts[-1][1] == "one-box"
    # CDT's verdict never flips
    assert thresholds(P.newcomb(accuracy=p), "cdt", "p").thresholds == ()


@settings(max_examples=10)
@given(st.integers(1, 50), st.integers(1, 50))
def test_threshold_matches_numeric_sweep(big, small):
    p = sympy.Symbol("p")
    big = big * 10
    res = thresholds(P.newcomb(accuracy=p, big=big, small=small), "edt", p)
    expected = F(big + small, 2 * big)
    assert res.thresholds == ((expected,) if expected < 1 else ())
    # numeric sweep on a rational grid agrees with the exact threshold
    for k in range(0, 21):
        x = F(k, 20)
        if x == expected:
            continue
        verdict = edt(P.newcomb(accuracy=x, big=big, small=small)).act
        assert verdict == ("one-box" if x > expected else "two-box")


def test_twin_and_parfit_thresholds():
    p = sympy.Symbol("p")
    assert thresholds(P.twin_prisoners_dilemma(similarity=p), "edt", p).thresholds == (F(1001, 2000),)
    # paying: -1000 p - 1e6 (1 - p);  refusing: -1e6 p
    assert thresholds(P.parfits_hitchhiker(accuracy=p), "fdt", p).thresholds == (F(1000, 1999),)


def test_subs():
    p = sympy.Symbol("p")
    pr = P.newcomb(accuracy=p)
    assert edt(pr.subs({p: F(9, 10)})).act == "one-box"
    assert edt(pr.subs({"p": F(1, 10)})).act == "two-box"


# -- CDT details ----------------------------------------------------------------------------
def test_deliberational_equilibria_lists_all():
    eqs = deliberational_equilibria(P.death_in_damascus())
    assert eqs == [({"Damascus": F(1, 2), "Aleppo": F(1, 2)}, 500)]
    # the twin PD has the single pure equilibrium "defect"
    assert deliberational_equilibria(P.twin_prisoners_dilemma()) == [({"D": 1}, 1000)]
    with pytest.raises(UnsupportedError):
        deliberational_equilibria(P.transparent_newcomb())


def test_ratifiable():
    assert ratifiable(P.death_in_damascus()) == []
    assert len(ratifiable(P.newcomb())) == 1
    # with an imperfect Death (accuracy 1/2 = a coin) both cities are ratifiable
    assert len(ratifiable(P.death_in_damascus(accuracy=F(1, 2)))) == 2


def test_cdt_with_explicit_credence_in_death_in_damascus():
    r = cdt(P.death_in_damascus(), credence="Damascus")
    assert r.act == "Aleppo" and r.expected_utilities == {"Damascus": 0, "Aleppo": 1000}
    assert r.realized == 0  # Death follows the act actually taken


def test_udt_mixes_when_predictor_cannot_see_randomization():
    pr = DecisionProblem(
        [Decision("act", ("Damascus", "Aleppo")), Predictor("death", "act", sees_randomization=False)],
        lambda a, d: 0 if a == d else 1000, ["act", "death"], title="DiD, Death blind to coins")
    u = udt(pr)
    assert u.act == {"Damascus": F(1, 2), "Aleppo": F(1, 2)}
    assert u.realized == 500
    # the deliberational CDT mix now survives half the time too
    assert cdt(pr).realized == 500


def test_conditional_chance_tables_and_multiple_decisions():
    # two decisions: the second observes the first act; a predictor reads the second
    pr = DecisionProblem(
        [Decision("d1", ("x", "y")), Decision("d2", ("u", "v"), ("d1",)),
         Predictor("p", "d2", at=("x",)),
         Chance("c", ("hi", "lo"), {("u",): {"hi": F(3, 4), "lo": F(1, 4)}, ("v",): "lo"}, ("p",))],
        lambda d1, d2, c: (5 if c == "hi" else 0) + (1 if d2 == "v" else 0) + (1 if d1 == "y" else 0),
        ["d1", "d2", "c"], title="two decisions")
    u = udt(pr)
    assert u.policy["d2: d1=x"] == "u"
    assert u.realized == max(u.expected_utilities.values())
    assert compare(pr).rows


# -- bad input ------------------------------------------------------------------------------
def test_errors():
    with pytest.raises(InvalidProbabilityError, match="summing to 1"):
        DecisionProblem([Chance("s", ("a", "b"), {"a": 0.5, "b": 0.6}), Decision("d", ("x", "y"))],
                        lambda d, s: 0, ["d", "s"])
    with pytest.raises(InvalidProbabilityError, match="non-negative"):
        DecisionProblem([Chance("s", ("a", "b"), {"a": -1, "b": 2}), Decision("d", ("x", "y"))],
                        lambda d, s: 0, ["d", "s"])
    with pytest.raises(InvalidInputError, match="acyclic"):
        DecisionProblem([Chance("s", ("a", "b"), lambda t: "a", ("t",)), Chance("t", ("a", "b"), lambda s: "a", ("s",)),
                         Decision("d", ("x", "y"))], lambda d: 0, ["d"])
    with pytest.raises(InvalidInputError, match="name of a Decision"):
        DecisionProblem([Chance("s", ("a", "b"), {"a": 1, "b": 0}), Decision("d", ("x", "y")), Predictor("p", "s")],
                        lambda d: 0, ["d"])
    with pytest.raises(InvalidInputError, match="one of"):
        P.newcomb().value("three-box")
    with pytest.raises(InvalidInputError, match="credence"):
        cdt(P.newcomb(), credence="three-box")
    with pytest.raises(InvalidProbabilityError, match="accuracy"):
        P.newcomb(accuracy=1.5)
    with pytest.raises(InvalidInputError, match="DecisionProblem"):
        cdt("newcomb")
    with pytest.raises(InvalidInputError, match="theory"):
        thresholds(P.newcomb(), "xdt", "p")
    with pytest.raises(InvalidInputError, match="utility_parents"):
        DecisionProblem([Decision("d", ("x", "y"))], lambda d: 0, ["e"])
    with pytest.raises(InvalidInputError, match="at least one Decision"):
        DecisionProblem([Chance("s", ("a",), {"a": 1})], lambda s: 0, ["s"])
    with pytest.raises(InvalidInputError, match="at"):
        DecisionProblem([Chance("s", ("a", "b"), {"a": 1, "b": 0}), Decision("d", ("x", "y"), ("s",)),
                         Predictor("p", "d")], lambda d: 0, ["d"])
    with pytest.raises(InvalidInputError, match="cpt"):
        DecisionProblem([Chance("s", ("a", "b"), {"a": 1, "b": 0}), Chance("t", ("a", "b"), {("a",): "a"}, ("s",)),
                         Decision("d", ("x", "y"))], lambda d: 0, ["d"])
    with pytest.raises(LimitError):
        P.counterfactual_mugging().pure_policies(limit=2)
    assert issubclass(InvalidInputError, CoopTheoryError)


def test_edt_zero_probability_act_is_reported_not_divided():
    pr = P.parfits_hitchhiker(accuracy=1)
    e = edt(pr)
    assert e.expected_utilities["place=town: refuse"] is None
    assert e.expected_utilities["place=town: pay"] == -1000
    assert "probability zero" in e.message


# -- pictures -------------------------------------------------------------------------------
def test_pictures():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    from decision import plot_causal_graph, plot_sweep

    ax = plot_causal_graph(P.xor_blackmail())
    assert ax.get_title() == "XOR blackmail"
    ax = plot_sweep(P.newcomb, "accuracy", [F(k, 10) for k in range(11)])
    assert len(ax.get_lines()) == 3
    with pytest.raises(InvalidInputError):
        plot_sweep(P.newcomb, "accuracy", [F(1, 2)], theories=("xdt",))
    import matplotlib.pyplot as plt

    plt.close("all")


def test_table_causal_probabilities_are_cdt_default_credence():
    t = from_table(["one-box", "two-box"], ["full", "empty"], [[1_000_000, 0], [1_001_000, 1_000]],
                   [["0.99", "0.01"], ["0.01", "0.99"]], causal=["1/2", "1/2"])
    c = cdt(t)
    assert c.expected_utilities == {"one-box": 500_000, "two-box": 501_000}
    assert "credence: the problem's causal probabilities" in c.assumptions
    assert c.realized == 11_000  # the realized payoff still has the predictor react to two-boxing
    assert udt(t).act == "one-box"


def test_limits_are_asked_up_front():
    with pytest.raises(LimitError):
        edt(P.counterfactual_mugging(), limit=2)
    with pytest.raises(LimitError):
        cdt(P.counterfactual_mugging(), limit=2)


# -- deliberational dynamics ----------------------------------------------------------------
@pytest.mark.parametrize("factory", [P.death_in_damascus, P.asymmetric_death_in_damascus, P.psychopath_button,
                                     P.adversarial_offer, P.death_in_damascus_random_coin])
def test_nash_map_dynamics_reach_the_support_enumeration_equilibrium(factory):
    from decision import deliberate

    pr = factory()
    d = deliberate(pr, max_steps=3000)
    assert d.exact and d.status == "ok"
    eqs = deliberational_equilibria(pr)
    sig = d.equilibrium["act"]
    sig = sig if isinstance(sig, dict) else {sig: 1}
    assert any({a: q for a, q in e.items() if q} == {a: q for a, q in sig.items() if q} for e, _ in eqs)
    assert d.realized == cdt(pr).realized


def test_cdt_multi_point_without_ratifiable_policy_uses_dynamics():
    # Death in Damascus in which the agent first sees a coin (two choice points); Death predicts both
    pr = DecisionProblem(
        [Chance("coin", ("h", "t"), {"h": F(1, 2), "t": F(1, 2)}), Decision("act", ("D", "A"), ("coin",)),
         Predictor("death_h", "act", at=("h",)), Predictor("death_t", "act", at=("t",))],
        lambda c, a, dh, dt: 0 if a == (dh if c == "h" else dt) else 1000, ["coin", "act", "death_h", "death_t"],
        title="DiD after a coin")
    c = cdt(pr)
    assert c.exact and c.method == "cdt_deliberation_dynamics"
    assert c.policy == {"coin=h": {"D": F(1, 2), "A": F(1, 2)}, "coin=t": {"D": F(1, 2), "A": F(1, 2)}}
    assert c.realized == 0


@settings(max_examples=20)
@given(__import__("decision.strategies", fromlist=["x"]).decision_problems(observe=False, max_actions=2))
def test_dynamics_end_points_are_deliberational_equilibria(problem):
    from decision import deliberate

    d = deliberate(problem, max_steps=2000)
    if d.exact:
        sig = d.equilibrium["act"]
        sig = sig if isinstance(sig, dict) else {sig: F(1)}
        eu = d.expected_utilities
        best = max(v for v in eu.values() if v is not None)
        assert all(eu[a] == best for a, q in sig.items() if q > 0)


# -- invalid credences / policies (decision.model._check_dist behind normalize_policy) -------
@pytest.mark.parametrize("credence, err, text", [
    ({"one-box": 1 / 2, "two-box": 1 / 3}, "InvalidProbabilityError", "summing to 1"),
    ({"one-box": 3 / 2, "two-box": -1 / 2}, "InvalidProbabilityError", "non-negative"),
    ({"one-box": float("nan"), "two-box": 0.5}, "InvalidProbabilityError", "finite"),
    ({"one-box": float("inf"), "two-box": 0.0}, "InvalidProbabilityError", "finite"),
    ({"one-box": 0.5, "fly": 0.5}, "InvalidInputError", "unknown value 'fly'"),
    ("fly", "InvalidInputError", "one of ['one-box', 'two-box']"),
])
def test_cdt_rejects_invalid_credence(credence, err, text):
    import solvers.errors as E
    from decision import cdt
    from decision.problems import newcomb

    with pytest.raises(getattr(E, err)) as info:
        cdt(newcomb(), credence=credence)
    msg = str(info.value)
    assert msg.startswith("cdt(): credence") and text in msg and "; got " in msg


def test_cdt_float_credence_within_tolerance_is_accepted_and_renormalized():
    from decision import cdt
    from decision.problems import newcomb

    r = cdt(newcomb(), credence={"one-box": 1 / 3, "two-box": 2 / 3})  # float sum 1 - 1.1e-16
    assert r.act == "two-box"
    # the decimal readings 3333333333333333/10^16 and 6666666666666666/10^16, renormalized exactly
    assert r.params["credence"] == {"act": {"one-box": F(1, 3), "two-box": F(2, 3)}}
