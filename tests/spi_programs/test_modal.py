"""Modal agents: the literature's pairing table, provable vs actual, properties, errors."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings, strategies as st

from solvers.errors import CoopTheoryError, FormatError, InvalidInputError
from spi.programs import (
    And, Box, Bot, Iff, Implies, ModalAgent, Not, NotModalizedError, Or, Top, UndefinedAgentError, Var,
    agent, define_agents, is_fully_modalized, modal_agent, parse_formula, play, standard_agents,
    tournament,
)
from spi.programs.modal import evaluate_pairs

# -- the literature's table ----------------------------------------------------------------------
# Barasz et al., arXiv:1401.5577 (2014): §3 (FairBot: Thm 3.1 mutual cooperation of FairBots;
# PrudentBot: Thm 3.2 -- cooperates with FairBot and itself, defects against CooperateBot and
# DefectBot); the DefectBot/FairBot case: FairBot defects but PA cannot prove it (Gödel II).
# TrollBot (§7) cooperates exactly with the agents that provably cooperate with DefectBot;
# JustBot cooperates with the agents that provably cooperate with FairBot (MIRI modal combat).
LITERATURE = [
    # (a, b, actions, provable a, provable b)
    ("FairBot", "FairBot", ("C", "C"), True, True),
    ("FairBot", "CooperateBot", ("C", "C"), True, True),
    ("FairBot", "DefectBot", ("D", "D"), False, True),
    ("PrudentBot", "CooperateBot", ("D", "C"), False, True),
    ("PrudentBot", "DefectBot", ("D", "D"), False, True),
    ("PrudentBot", "PrudentBot", ("C", "C"), True, True),
    ("PrudentBot", "FairBot", ("C", "C"), True, True),
    ("CooperateBot", "DefectBot", ("C", "D"), True, True),
    ("TrollBot", "DefectBot", ("D", "D"), False, True),     # TB(DB) = [] DB(DB) = []F
    ("TrollBot", "CooperateBot", ("C", "C"), True, True),   # CB cooperates with DB, provably
    ("TrollBot", "FairBot", ("D", "D"), False, False),      # FB(DB) is []F, so TB = [][]F
    ("JustBot", "FairBot", ("C", "C"), True, True),
    ("JustBot", "DefectBot", ("D", "D"), False, True),
    ("JustBot", "PrudentBot", ("C", "C"), True, True),
    ("FairBot", "FairBot_1", ("C", "C"), True, True),        # FairBot_k cooperate with each other
    ("FairBot_1", "FairBot_2", ("C", "C"), True, True),
    ("PrudentBot", "FairBot_1", ("D", "D"), False, False),   # needs PA+2 to see FB_1(DB) = D
]


@pytest.mark.parametrize("a,b,actions,pa,pb", LITERATURE)
def test_literature_pairings(a, b, actions, pa, pb):
    r = play(a, b)
    assert r.actions == actions
    assert r.provable == (pa, pb)
    assert r.exact and r.status == "ok"
    # the other order gives the mirrored outcome
    r2 = play(b, a)
    assert r2.actions == actions[::-1]
    assert r2.provable == (pb, pa)


def test_fairbot_defectbot_actual_vs_provable():
    r = play("FairBot", "DefectBot")
    assert r.actions == ("D", "D")
    # PA proves neither "FairBot cooperates" nor "FairBot defects" ...
    assert r.provable_cooperate == (False, False)
    assert r.provable_defect == (False, True)
    # ... PA+1 = PA + Con(PA) proves it defects.
    assert r.proof_level == (1, 0)
    assert r.worlds[0] == "CD"   # cooperates at world 0 only ([]F holds there)


def test_prudentbot_vs_cooperatebot_needs_pa_plus_2():
    r = play("PrudentBot", "CooperateBot")
    assert r.worlds[0] == "CCD"
    assert r.proof_level[0] == 2


def test_fairbot_k_levels():
    # FairBot_k vs DefectBot: [k] F holds at worlds 0..k, so PA+(k+1) proves it defects.
    for k in range(5):
        r = play(agent(f"FairBot_{k}"), "DefectBot")
        assert r.actions[0] == "D"
        assert r.proof_level[0] == k + 1
        assert r.worlds[0] == "C" * (k + 1) + "D"


def test_unexploitable_agents_never_sucker():
    # FairBot and PrudentBot never cooperate against a defector (Barasz et al. §3).
    std = list(standard_agents().values())
    for good in ("FairBot", "PrudentBot", "JustBot"):
        for other in std:
            r = play(good, other)
            assert r.actions != ("C", "D"), (good, other.name)


def test_cooperatebot_defectbot_everywhere():
    for other in standard_agents().values():
        assert play("CooperateBot", other).actions[0] == "C"
        assert play("DefectBot", other).actions[0] == "D"
        assert play("CooperateBot", other).provable[0]
        assert play("DefectBot", other).provable[0]


# -- the evaluation: a brute-force reference on long chains --------------------------------------
def _reference(a: ModalAgent, b: ModalAgent, worlds: int = 40):
    """Naive world-by-world evaluation by direct recursion on formulas (no sharing)."""
    vals: dict = {}

    def ev(f, me, opp, n):
        if isinstance(f, Top):
            return True
        if isinstance(f, Bot):
            return False
        if isinstance(f, Not):
            return not ev(f.arg, me, opp, n)
        if isinstance(f, And):
            return ev(f.left, me, opp, n) and ev(f.right, me, opp, n)
        if isinstance(f, Or):
            return ev(f.left, me, opp, n) or ev(f.right, me, opp, n)
        if isinstance(f, Implies):
            return (not ev(f.left, me, opp, n)) or ev(f.right, me, opp, n)
        if isinstance(f, Iff):
            return ev(f.left, me, opp, n) == ev(f.right, me, opp, n)
        if isinstance(f, Box):
            return all(ev(f.arg, me, opp, m) for m in range(f.level, n))
        if isinstance(f, Var):
            x = me if f.actor == "me" else opp if f.actor == "opp" else me.resolve(f.actor)
            y = me if f.target == "me" else opp if f.target == "opp" else me.resolve(f.target)
            return p(x, y, n)
        raise AssertionError(f)

    def p(x, y, n):
        key = (id(x), id(y), n)
        if key not in vals:
            vals[key] = ev(x.formula, x, y, n)
        return vals[key]

    return [p(a, b, n) for n in range(worlds)], [p(b, a, n) for n in range(worlds)]


def test_engine_matches_naive_reference_on_standard_table():
    std = list(standard_agents().values())
    for a, b in itertools.combinations_with_replacement(std, 2):
        r = play(a, b)
        ta, tb = _reference(a, b, worlds=max(r.depth_bound, r.stable_from) + 6)
        for trace, w, act in ((ta, r.worlds[0], r.actions[0]), (tb, r.worlds[1], r.actions[1])):
            assert "".join("C" if v else "D" for v in trace[: len(w)]) == w
            assert all((v == (act == "C")) for v in trace[r.stable_from:])
            assert r.stable_from <= r.depth_bound


# -- random agents: properties ------------------------------------------------------------------------
NAMES = ["me", "opp", "DefectBot", "CooperateBot", "FairBot"]


@st.composite
def formulas(draw, depth=3):
    if depth == 0 or draw(st.integers(0, 4)) == 0:
        kind = draw(st.integers(0, 3))
        if kind == 0:
            return Top()
        if kind == 1:
            return Bot()
        return Var(draw(st.sampled_from(["opp", "me"])), draw(st.sampled_from(NAMES)))
    op = draw(st.integers(0, 4))
    if op == 0:
        return Not(draw(formulas(depth - 1)))
    if op == 1:
        return Box(draw(formulas(depth - 1)), draw(st.integers(0, 2)))
    cls = [And, Or, Implies][op - 2]
    return cls(draw(formulas(depth - 1)), draw(formulas(depth - 1)))


def _modalize(f):
    """Put every unboxed variable under a box."""
    if isinstance(f, Var):
        return Box(f)
    if isinstance(f, Box):
        return f
    if isinstance(f, Not):
        return Not(_modalize(f.arg))
    if isinstance(f, (And, Or, Implies, Iff)):
        return type(f)(_modalize(f.left), _modalize(f.right))
    return f


@settings(max_examples=60)
@given(formulas(), formulas())
def test_random_agents_match_reference_and_bound(fa, fb):
    a = modal_agent("A", _modalize(fa))
    b = modal_agent("B", _modalize(fb))
    r = play(a, b)
    assert r.stable_from <= r.depth_bound
    ta, tb = _reference(a, b, worlds=r.depth_bound + 4)
    for trace, w, act, prov in ((ta, r.worlds[0], r.actions[0], r.provable[0]),
                                (tb, r.worlds[1], r.actions[1], r.provable[1])):
        assert "".join("C" if v else "D" for v in trace[: len(w)]) == w
        # values constant from stable_from on (checked past the bound)
        assert len(set(trace[r.stable_from:])) == 1
        assert (trace[-1] is True) == (act == "C")
        # provable iff the action holds at every world
        assert prov == all((v == (act == "C")) for v in trace)


@settings(max_examples=40)
@given(formulas(), formulas())
def test_outcomes_stable_under_renaming(fa, fb):
    a = modal_agent("A", _modalize(fa))
    b = modal_agent("B", _modalize(fb))
    r = play(a, b)
    r2 = play(a.renamed("Zed"), b.renamed("Alpha"))
    assert r.actions == r2.actions and r.provable == r2.provable and r.worlds == r2.worlds
    # renaming a reference agent (with the formula rewritten) changes nothing either
    fb_agent = agent("FairBot").renamed("Fairness")

    def rename_refs(f):
        if isinstance(f, Var):
            return Var(*("Fairness" if x == "FairBot" else x for x in (f.actor, f.target)))
        if isinstance(f, Box):
            return Box(rename_refs(f.arg), f.level)
        if isinstance(f, Not):
            return Not(rename_refs(f.arg))
        if isinstance(f, (And, Or, Implies, Iff)):
            return type(f)(rename_refs(f.left), rename_refs(f.right))
        return f

    refs = {"Fairness": fb_agent, "DefectBot": agent("DefectBot"), "CooperateBot": agent("CooperateBot")}
    a3 = modal_agent("A3", rename_refs(a.formula), refs)
    r3 = play(a3, b)
    assert r3.actions == r.actions and r3.provable == r.provable


@settings(max_examples=40)
@given(formulas())
def test_print_parse_round_trip(f):
    assert parse_formula(str(f)) == f


def test_joint_system_equals_separate_plays():
    std = list(standard_agents().values())
    res = tournament(std)
    for i, a in enumerate(std):
        for j, b in enumerate(std):
            r = play(a, b)
            assert res.actions[i][j] == r.actions[0]
            assert res.provable[i][j] == r.provable[0]


# -- the language ---------------------------------------------------------------------------------
def test_parser_syntax_variants():
    f = parse_formula("[] opp(me) = C & [1] opp(DefectBot) = D")
    assert f == And(Box(Var("opp", "me")), Box(Not(Var("opp", "DefectBot")), 1))
    assert parse_formula("□ opp(me) ∧ ¬◇ me(opp)") == And(Box(Var()), Not(Not(Box(Not(Var("me", "opp"))))))
    assert parse_formula("a(b) -> c(d) -> e(f)") == Implies(Var("a", "b"), Implies(Var("c", "d"), Var("e", "f")))
    assert parse_formula("T | F & T") == Or(Top(), And(Bot(), Top()))
    assert parse_formula("not true or false") == Or(Not(Top()), Bot())
    assert parse_formula("[ 3 ] opp(me)") == Box(Var(), 3)
    assert parse_formula("<2> opp(me)") == Not(Box(Not(Var()), 2))
    assert parse_formula("opp(me) <-> me(opp)") == Iff(Var(), Var("me", "opp"))


@pytest.mark.parametrize("text", ["", "[] opp(me", "opp", "[] opp(me) = X", "& T", "T T", "[x] T", "opp(me) $"])
def test_parser_errors(text):
    with pytest.raises(FormatError):
        parse_formula(text)


def test_fully_modalized_check():
    assert is_fully_modalized(parse_formula("[] opp(me) & ~[] F"))
    assert not is_fully_modalized(parse_formula("opp(me) | [] opp(me)"))
    with pytest.raises(NotModalizedError, match=r"opp\(me\) is not under a box"):
        modal_agent("Mirror", "opp(me)")
    with pytest.raises(InvalidInputError):   # NotModalizedError is an InvalidInputError (ValueError)
        modal_agent("Bad", "[] opp(me) & me(opp)")


def test_undefined_reference():
    with pytest.raises(UndefinedAgentError, match="NoSuchBot"):
        modal_agent("X", "[] opp(NoSuchBot)")
    with pytest.raises(UndefinedAgentError):
        define_agents({"A": "[] opp(B)"})
    with pytest.raises(UndefinedAgentError):
        agent("NoSuchBot")
    assert issubclass(UndefinedAgentError, CoopTheoryError)


def test_mutually_referencing_agents():
    ags = define_agents({"A": "[] opp(B)", "B": "[] opp(A) & [] opp(me)"})
    assert play(ags["A"], ags["B"]).actions == ("C", "C")
    # A cooperates with X iff PA proves X cooperates with B.
    assert play(ags["A"], "CooperateBot").actions == ("C", "C")
    assert play(ags["A"], "DefectBot").actions == ("D", "D")


def test_custom_reference_agents():
    pb2 = modal_agent("PB_FB1", "[] opp(me) & [1] opp(DB) = D", refs={"DB": agent("DefectBot")})
    assert play(pb2, "PrudentBot").actions == ("C", "C")
    # a PrudentBot with a stronger consistency check cooperates with FairBot_1
    pb_strong = modal_agent("PrudentBot2", "[] opp(me) & [2] opp(DefectBot) = D")
    assert play(pb_strong, "FairBot_1").actions == ("C", "C")
    assert play(pb_strong, "CooperateBot").actions == ("D", "C")


def test_bad_arguments():
    with pytest.raises(InvalidInputError):
        play(3, "FairBot")
    with pytest.raises(InvalidInputError):
        modal_agent("", "T")
    with pytest.raises(InvalidInputError):
        Box(Var(), -1)
    with pytest.raises(InvalidInputError):
        Var("opp", "not a name")


def test_max_pairs_limit():
    from solvers.errors import LimitError

    with pytest.raises(LimitError):
        play("JustBot", "PrudentBot", max_pairs=3)


def test_evaluate_pairs_reports_reference_pairs():
    traces, stable, bound = evaluate_pairs([(agent("PrudentBot"), agent("FairBot"))])
    key = (id(agent("FairBot")), id(agent("DefectBot")))
    assert key in traces and traces[key][-1] is False


def test_box_k_is_box_of_consistency_implication():
    """[k] A == [] (~[]^k F -> A): PA+k = PA + Con(PA+k-1), Con(PA+j) == ~[]^(j+1) F."""
    std = list(standard_agents().values())
    for k in range(4):
        direct = modal_agent(f"FB{k}", f"[{k}] opp(me)")
        nested = "F"
        for _ in range(k):
            nested = f"[] {nested}"
        via = modal_agent(f"FB{k}'", f"[] (~({nested}) -> opp(me))" if k else "[] opp(me)")
        for other in std + [direct, via]:
            r1, r2 = play(direct, other), play(via, other)
            assert r1.worlds[0] == r2.worlds[0] and r1.provable == r2.provable, (k, other.name)


def test_prudentbot_k_family():
    assert play("PrudentBot_1", "FairBot").actions == play("PrudentBot", "FairBot").actions == ("C", "C")
    for k in range(1, 4):
        for j in range(0, 4):
            expected = "C" if j < k else "D"
            assert play(f"PrudentBot_{k}", f"FairBot_{j}").actions == (expected, expected), (k, j)
        assert play(f"PrudentBot_{k}", "CooperateBot").actions == ("D", "C")
        assert play(f"PrudentBot_{k}", f"PrudentBot_{k}").actions == ("C", "C")


@settings(max_examples=60)
@given(formulas())
def test_soundness_agents_are_unexploitable(f):
    """Barasz et al. §3: an agent cooperating only when PA(+k) *proves* the opponent cooperates
    is never exploited (PA+k is sound), whatever the opponent."""
    x = modal_agent("X", _modalize(f))
    for name in ("FairBot", "FairBot_1", "FairBot_3", "PrudentBot", "PrudentBot_2"):
        assert play(name, x).actions != ("C", "D"), name


@settings(max_examples=30)
@given(st.integers(0, 6), st.integers(0, 6))
def test_fairbots_of_all_levels_cooperate(j, k):
    # Löb's theorem (bounded form, Barasz et al.): FairBot_j and FairBot_k cooperate provably.
    r = play(agent(f"FairBot_{j}"), agent(f"FairBot_{k}"))
    assert r.actions == ("C", "C") and r.provable == (True, True)


def test_results_serialize():
    import json

    r = play("FairBot", "DefectBot")
    json.dumps(r.to_dict(jsonable=True))
    t = tournament(["FairBot", "DefectBot"])
    d = t.to_dict(jsonable=True)
    json.dumps(d)
    assert d["actions"] == [["C", "D"], ["D", "D"]]


def test_modal_combat_syntax_and_aliases():
    # the MIRI checker's PrudentBot: if [1]⌜Them(DB)=D⌝ ∧ □⌜Them(Me)=C⌝ return C
    pb = modal_agent("PB'", "[1]⌜Them(DB)=D⌝ ∧ □⌜Them(Me)=C⌝")
    assert agent("PB") is agent("PrudentBot")
    for other in ("CB", "DB", "FB", "PB", "TB", "JB"):
        assert play(pb, other).actions == play("PrudentBot", other).actions
    with pytest.raises(InvalidInputError, match="exact_match"):
        from spi.programs import epsilon_grounded_fairbot

        play(epsilon_grounded_fairbot("1/2"), "FairBot")


@settings(max_examples=50)
@given(formulas(), formulas(), formulas())
def test_provable_actions_are_the_world_zero_action(fx, fy, fz):
    """At world 0 every box holds, so X's value there depends on X alone; PA proves an action
    only if it holds at world 0.  Hence a modal agent that provably cooperates with some agent
    never provably defects against another (LaVictoire, LessWrong 2013)."""
    x = modal_agent("X", _modalize(fx))
    opponents = [modal_agent("Y", _modalize(fy)), modal_agent("Z", _modalize(fz))] + list(standard_agents().values())
    w0 = {play(x, o).worlds[0][0] for o in opponents}
    assert len(w0) == 1
    for o in opponents:
        r = play(x, o)
        if r.provable[0]:
            assert r.actions[0] in w0


def test_unfairbot():
    # UnfairBot = [] opp(me) = D: no modal agent gets both FairBot and UnfairBot to cooperate;
    # e.g. PrudentBot gets FairBot's cooperation but not UnfairBot's.
    assert play("UnfairBot", "DefectBot").actions == ("C", "D")
    assert play("UnfairBot", "PrudentBot").actions[0] == "D"
    assert play("UnfairBot", "FairBot").actions[0] == "D"
    for x in standard_agents().values():
        assert not (play("FairBot", x).actions[0] == "C" and play("UnfairBot", x).actions[0] == "C")


def test_formula_builders():
    from spi.programs import box, coop, dia

    pb = box(coop()) & box(~coop("opp", "DefectBot"), 1)
    assert pb == parse_formula("[] opp(me) & [1] opp(DefectBot) = D")
    assert play(modal_agent("PB", pb), "CooperateBot").actions == ("D", "C")
    assert dia(coop()) == parse_formula("<> opp(me)")
    assert (box(coop()) >> box(Bot())) == parse_formula("[] opp(me) -> [] F")
    assert (box(coop()) | True) == Or(Box(Var()), Top())
    with pytest.raises(InvalidInputError):
        box(coop()) & 3
