"""Red-team regressions (session 3) for spi/ and spi/programs/: independent recomputations."""

from __future__ import annotations

import numpy as np
import pytest

import spi
from solvers import NormalFormGame


# -- float isomorphism keys ------------------------------------------------------------------------
def _boundary_game(d: float = 0.0) -> NormalFormGame:
    # a coordination game without dominated actions; 0.1234567895 sits on a 9-digit rounding
    # boundary, so rounding each payoff separately sends x and x + 1e-13 to different keys
    x = 0.1234567895
    return NormalFormGame.from_arrays([[1.0, 0.0], [0.0, x + d]], [[x, 0.0], [0.0, 1.0]])


@pytest.mark.parametrize("d", [1e-13, -1e-13, 3e-12])
def test_float_isomorphism_across_rounding_boundary(d):
    g, h = _boundary_game(), _boundary_game(d)
    # the games are equal within the float tolerance: the identity is an isomorphism
    r = spi.isomorphisms(g, h)
    assert r.count == spi.isomorphisms(g, g).count == 1
    assert r.isomorphisms[0].actions == ((0, 1), (0, 1))
    # so h is a (trivial, weak) SPI on g, derived through Assumption 2; before the fix the
    # isomorphism was missed, is_spi fell back to the trivial correspondence and said "no"
    v = spi.is_spi(g, h)
    assert v.is_spi and v.kind == "isomorphism" and not v.strict


def test_float_isomorphism_still_rejects_real_differences():
    g = _boundary_game()
    assert spi.isomorphisms(g, _boundary_game(1e-6)).count == 0
    assert not spi.is_spi(g, _boundary_game(-1e-3)).is_spi


# -- simulation programs: deep nesting ---------------------------------------------------------------
def test_deep_simulation_is_truncated_not_a_recursion_error():
    from spi.programs import epsilon_grounded_fairbot, mirror_bot, run_match

    # two MirrorBots simulate each other forever: every budget must cut them (fallback D).  With
    # max_depth beyond the interpreter's recursion limit run_match used to raise RecursionError.
    m = mirror_bot()
    for d in (50, 5000):
        r = run_match(m, m, max_depth=d, max_steps=10**6)
        assert r.status == "truncated" and r.outputs == ("D", "D") and r.exhausted == (True, True)
    assert "Python stack" in r.message
    # a grounded FairBot halts at depth k with probability eps (1 - eps)^k: with eps = 1/10^6
    # almost every run is deeper than the stack allows, and is reported as cut, never raised
    fb = epsilon_grounded_fairbot("1/1000000")
    r = run_match(fb, fb, max_depth=10**6, max_steps=10**7, seed=1)
    assert r.status == "truncated" and r.outputs == ("D", "D")
    # a shallow budget still behaves as before (no stack note)
    r = run_match(fb, fb, max_depth=20, max_steps=100, seed=1)
    assert r.status == "truncated" and "Python stack" not in r.message


# -- modal formulas: size limits ------------------------------------------------------------------
def _nested(depth: int):
    from spi.programs import Box, Not, Var

    f = Var()
    for i in range(depth):
        f = Box(f) if i % 2 == 0 else Not(f)
    return f


def test_deep_formulas_within_the_limit_play_and_beyond_it_raise_limit_error():
    from solvers.errors import LimitError
    from spi.programs import formulas, modal_agent, modal_depth, parse_formula, play

    ok = _nested(formulas.MAX_NESTING - 1)        # outermost node is a Box (depth - 1 is even)
    a = modal_agent("Deep", ok)
    assert modal_depth(ok) == formulas.MAX_NESTING // 2
    assert parse_formula(str(ok)) == ok
    # against CooperateBot / DefectBot the variable is constant, so the formula is letterless:
    # evaluate it on worlds 0..W of the linear GL chain directly ([] v at n: v at every m < n)
    W = 260

    def chain(opp_coops: bool) -> list[bool]:
        v = [opp_coops] * W
        for i in range(formulas.MAX_NESTING - 1):
            v = [all(v[:n]) for n in range(W)] if i % 2 == 0 else [not x for x in v]
        return v

    for opp, coops in (("CooperateBot", True), ("DefectBot", False)):
        r = play(a, opp)
        want = chain(coops)
        assert r.status == "ok" and r.stable_from < W - 5
        assert r.worlds[0] == "".join("C" if x else "D" for x in want[: len(r.worlds[0])])
        assert r.actions[0] == ("C" if want[-1] else "D")
        assert r.provable[0] == all(x == want[-1] for x in want)
    # one level deeper: a clear LimitError naming the parameter (it was a RecursionError)
    with pytest.raises(LimitError, match="formula"):
        modal_agent("TooDeep", _nested(formulas.MAX_NESTING + 50))
    with pytest.raises(LimitError, match="text"):
        parse_formula("[] " * 3000 + "opp(me)")
    with pytest.raises(LimitError, match="text"):
        parse_formula("(" * 3000 + "T" + ")" * 3000)
    assert modal_depth(_nested(3000)) == 1500     # iterative: no RecursionError


def test_shared_subformulas_do_not_hang():
    # f & f repeated: 61 objects, a tree of 2**60 nodes; every tree walk used to hang
    from solvers.errors import LimitError
    from spi.programs import Box, Var, modal_agent, modal_depth

    f = Box(Var())
    for _ in range(60):
        f = f & f
    assert modal_depth(f) == 1
    with pytest.raises(LimitError, match="nodes"):
        modal_agent("Wide", f)


# -- perfect coordination: improvements below the float LP's tolerance -----------------------------
def test_perfect_coordination_sees_tiny_exact_improvement():
    from fractions import Fraction as F

    # (0, 0) at ('0', '0') is Pareto-dominated by the pure outcome ('0', '1') worth (1e-12, 0);
    # Proposition 12: a strict perfect-coordination SPI exists.  The payoff spread is 6, so the
    # float LP's gain 1e-12 fell below its tolerance and the exact game got exists_strict=False
    # with status "ok" (only certified=False hinted at it).
    g = NormalFormGame.from_arrays([[0, F(1, 10**12)], [1, -5]], [[0, 0], [-5, 1]])
    assert spi.reduce_dominated(g).surviving == ((0, 1), (0, 1))
    r = spi.perfect_coordination(g)
    assert r.status == "ok" and r.certified and r.exact
    assert r.exists_strict and r.improvable == (True, False, False, False)
    assert r.assigned_payoffs[0] == (F(1, 10**12), F(0))
    # the lottery really attains the assigned payoff (recomputed from the game)
    z = [sum(q * g.payoff(b)[i] for b, q in r.lotteries[0].items()) for i in range(2)]
    assert tuple(z) == r.assigned_payoffs[0]
    # a Pareto-optimal outcome stays unimproved and certified
    h = NormalFormGame.from_arrays([[0, F(1, 10**12)], [1, -5]], [[0, -F(1, 10**12)], [-5, 1]])
    rh = spi.perfect_coordination(h, support=[("0", "0")])
    assert not rh.exists_strict and rh.certified


# -- bad inputs name the function and the parameter --------------------------------------------------
def test_bad_flags_and_players_name_the_parameter():
    from solvers.errors import InvalidInputError
    from spi import examples

    g, s = examples.demand_game(), examples.demand_game_spi()
    # strict="no" used to be truthy: the strict verdict was silently asked for
    for call, param in ((lambda: spi.is_spi(g, s, strict="no"), "strict"),
                        (lambda: spi.find_spis(g, strict="no"), "strict"),
                        (lambda: spi.find_spis(g, include_trivial="yes"), "include_trivial"),
                        (lambda: spi.brute_force_spis(g, strict=None), "strict"),
                        (lambda: spi.surrogate_goal(examples.threat_game(), strict="no"), "strict"),
                        (lambda: spi.surrogate_goal(examples.threat_game(), target=7), "target"),
                        (lambda: spi.subset_game(g, utilities={"Nobody": np.zeros((4, 4))}), "utilities")):
        with pytest.raises(InvalidInputError) as e:
            call()
        assert f"{param} must" in str(e.value) and "player_index" not in str(e.value)
    assert spi.is_spi(g, s, strict=np.bool_(True)).is_spi


def test_program_outputs_outside_the_game_name_the_entry_point():
    from solvers.errors import InvalidInputError
    from spi.programs import (constant_program, cooperate_bot, defect_bot, exact_match, folk_theorem_programs,
                              prisoners_dilemma, run_match)

    pd = prisoners_dilemma()
    for call, where in ((lambda: run_match(constant_program("X"), cooperate_bot(), pd), "run_match(): game"),
                        (lambda: exact_match(defect_bot("X"), cooperate_bot(), pd), "exact_match(): game"),
                        (lambda: folk_theorem_programs(pd, ("C", "Z")), "folk_theorem_programs(): target[1]")):
        with pytest.raises(InvalidInputError) as e:
            call()
        assert str(e.value).startswith(where) and "action_index" not in str(e.value)
    # valid outputs still work, by label or index; payoffs recomputed from the PD table
    assert run_match(constant_program("D"), cooperate_bot(), pd).payoffs == (5, 0)
    assert run_match(constant_program(1), constant_program(1), pd).payoffs == (1, 1)


# -- unilateral SPIs through the trivial correspondence (commitments) -------------------------------
def test_unilateral_commitment_spi_is_found():
    # reduce(G) = G (no action strictly dominated); if the row player alone keeps only M, the column
    # player's original utilities make L strictly dominant, and (M, L) = (2, 2) beats every default
    # outcome: a strict unilateral SPI (Lemma 2 with Assumption 1; is_spi agrees).  find_spis
    # (unilateral=0) reported none with status "ok".
    G = NormalFormGame.from_arrays([[1, 0], [0, 1], [2, -1]], [[1, 0], [0, 1], [2, -1]],
                                   labels=[["T", "B", "M"], ["L", "R"]])
    assert spi.reduce_dominated(G).surviving == ((0, 1, 2), (0, 1))
    r = spi.find_spis(G, unilateral=0)
    assert r.status == "ok" and r.exists and r.count == 1
    s = r.spis[0]
    assert s.kind == "all" and s.unilateral_player == 0 and s.strict and s.nontrivial
    assert s.substitute.labels == (("M",), ("L", "R"))
    v = spi.is_spi(G, s.substitute, unilateral=0, strict=True)
    assert v.is_spi and v.kind == "all" and v.changed_players == (0,)
    # the column player's commitment to L: the row player's best reply is M, (2, 2) again
    r1 = spi.find_spis(G, unilateral=1)
    assert [(x.kind, x.substitute.labels) for x in r1] == [("all", (("T", "B", "M"), ("L",)))]
    assert spi.find_spis(G, unilateral="any").count == 2


def _commitments_brute_force(g, p):
    """Every substitute where player p keeps one action and the others everything, by is_spi."""
    out = set()
    for x in g.labels[p]:
        acts = [[x] if i == p else None for i in range(g.n_players)]
        sub = spi.subset_game(g, acts)
        v = spi.is_spi(g, sub, unilateral=p)
        if v.is_spi and v.nontrivial:
            out.add(x)
    return out


def test_unilateral_all_spis_against_is_spi_brute_force():
    import random

    rng = random.Random(2026)
    seen_any = 0
    for _ in range(120):
        shape = rng.choice([(2, 2), (3, 2), (2, 3), (3, 3), (2, 2, 2)])
        pays = [np.array([rng.randint(0, 3) for _ in range(int(np.prod(shape)))]).reshape(shape) for _ in shape]
        g = NormalFormGame(pays)
        if len(list(spi.reduce_dominated(g).reduced.pure_profiles())) == 1:
            continue  # certificates cover these
        for p in range(g.n_players):
            full = [tuple(g.labels[i]) for i in range(g.n_players) if i != p]
            found = {s.substitute.labels[p][0] for s in spi.find_spis(g, unilateral=p)
                     if len(s.substitute.labels[p]) == 1
                     and [s.substitute.labels[i] for i in range(g.n_players) if i != p] == full}
            assert found == _commitments_brute_force(g, p), (shape, [q.tolist() for q in pays], p)
            seen_any += bool(found)
    assert seen_any >= 3   # the property is not vacuous


def test_huge_pa_levels_are_refused_not_run_for_days():
    from solvers.errors import LimitError
    from spi.programs import agent, formulas, parse_formula, play

    # FairBot_k against DefectBot: [k] F holds at worlds 0..k, so PA+(k+1) proves the defection
    # (Barasz et al. 2014, FairBot_k); the chain is walked to world k + 1
    k = 2000
    r = play(agent(f"FairBot_{k}"), "DefectBot")
    assert r.actions == ("D", "D") and r.proof_level == (k + 1, 0) and r.worlds[0] == "C" * (k + 1) + "D"
    # a level of 10**11 used to walk 10**11 worlds (days); now a LimitError naming the parameter
    with pytest.raises(LimitError, match="MAX_LEVEL"):
        parse_formula("[99999999999] opp(me)")
    with pytest.raises(LimitError, match="formula"):
        agent(f"FairBot_{formulas.MAX_LEVEL + 1}")
