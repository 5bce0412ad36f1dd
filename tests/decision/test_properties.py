"""Hypothesis properties of the theories on random problems (decision.strategies)."""

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from decision import cdt, edt, udt
from decision.strategies import decision_problems


@settings(max_examples=30)
@given(decision_problems(predictor=False, tendency=False))
def test_cdt_equals_edt_without_back_door(problem):
    # No predictor and no tendency: the act has no back-door path to the utility, so
    # conditioning and intervening agree at every observation (for every credence).
    e = edt(problem)
    c = cdt(problem)
    for key, v in e.expected_utilities.items():
        assert c.expected_utilities[key] == v
    assert c.realized == e.realized


@settings(max_examples=30)
@given(decision_problems(tendency=False, sees_randomization=True))
def test_udt_at_least_cdt_and_edt(problem):
    # Predictors read only the policy: UDT maximizes the realized value over pure policies,
    # and a mixed policy whose realization the predictors see is worth a mixture of pure ones.
    u = udt(problem)
    for r in (cdt(problem), edt(problem)):
        if r.realized is not None:
            assert u.realized >= r.realized


@settings(max_examples=30)
@given(decision_problems(observe=False, tendency=None, predictor=None))
def test_cdt_recommendation_is_ratifiable_or_equilibrium(problem):
    c = cdt(problem)
    assert c.status == "ok"
    eu = c.expected_utilities
    best = max(v for v in eu.values() if v is not None)
    act = c.act
    if isinstance(act, dict):  # deliberational equilibrium: every support act is optimal
        assert sum(act.values()) == 1
        assert all(eu[a] == best for a, q in act.items() if q > 0)
    else:
        assert eu[act] == best
        assert act in c.ratifiable


@settings(max_examples=30)
@given(decision_problems(observe=False), st.data())
def test_edt_is_cdt_with_credence_on_the_act(problem, data):
    # With a credence concentrated on a, CDT's value of a equals EDT's (same evidential model).
    acts = problem.decisions[0].actions
    a = data.draw(st.sampled_from(acts))
    e = edt(problem).expected_utilities
    c = cdt(problem, credence=a).expected_utilities
    if e[a] is not None:
        assert c[a] == e[a]


@settings(max_examples=20)
@given(decision_problems(observe=False, predictor=True, tendency=False))
def test_realized_value_is_linear_for_seen_randomization(problem):
    acts = problem.decisions[0].actions
    pure = [problem.value(a) for a in acts]
    mix = {a: F(1, len(acts)) for a in acts}
    assert problem.value(mix) == sum(pure) / len(acts)


@settings(max_examples=15)
@given(decision_problems(symbolic_accuracy=True, observe=False, max_actions=2, max_states=2),
       st.sampled_from(["edt", "udt", "cdt"]))
def test_symbolic_thresholds_match_numeric_sweep(problem, theory):
    # Between consecutive exact thresholds the verdict is constant; it changes across each one.
    from decision import thresholds
    from decision.theories import _verdict_key

    fn = {"edt": edt, "udt": udt, "cdt": cdt}[theory]
    res = thresholds(problem, theory, "q")
    for (lo, hi), verdict in res.verdicts:
        lo_f, hi_f = F(str(float(lo))).limit_denominator(10**6), F(str(float(hi))).limit_denominator(10**6)
        for t in (F(1, 4), F(1, 2), F(3, 4)):
            x = lo_f + (hi_f - lo_f) * t
            if not (float(lo) < float(x) < float(hi)):
                continue
            assert _verdict_key(fn(problem.subs({"q": x}))) == verdict
    for a, b in zip(res.verdicts, res.verdicts[1:]):
        assert a[1] != b[1]
