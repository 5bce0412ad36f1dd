"""Simulation programs: budgets, CliqueBot, exact grounded-simulator payoffs vs Monte Carlo,
Oesterheld's equilibrium condition, errors."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from solvers import NormalFormGame
from solvers.errors import CoopTheoryError, InvalidInputError, InvalidProbabilityError, UnsupportedError
from spi.programs import (
    BudgetError, GroundedSimulator, Program, clique_bot, cooperate_bot, defect_bot,
    epsilon_grounded_fairbot, epsilon_grounded_fairbot_threshold, exact_match, grounded_equilibrium,
    grounded_simulator, mirror_bot, monte_carlo_match, prisoners_dilemma, random_bot, run_match,
)

PD = prisoners_dilemma()   # T, R, P, S = 5, 3, 1, 0
FRAC20 = st.builds(Fraction, st.integers(0, 20), st.just(20))


# -- budgets -----------------------------------------------------------------------------------------
def test_budget_required():
    fb = epsilon_grounded_fairbot("1/10")
    with pytest.raises(BudgetError, match="max_depth must be a finite budget"):
        run_match(fb, fb, max_depth=None)
    with pytest.raises(BudgetError):
        run_match(fb, fb, max_steps=None)
    with pytest.raises(BudgetError):
        run_match(fb, fb, max_depth=float("inf"))
    with pytest.raises(InvalidInputError):
        run_match(fb, fb, max_depth=-1)
    with pytest.raises(BudgetError):
        monte_carlo_match(fb, fb, max_depth=None)
    assert issubclass(BudgetError, CoopTheoryError)


def test_ungrounded_mirror_is_cut_with_fallback():
    r = run_match(mirror_bot(), mirror_bot(), PD, max_depth=30)
    assert r.status == "truncated" and r.exhausted == (True, True)
    assert r.outputs == ("D", "D") and r.payoffs == (1, 1)
    assert r.depth == (30, 30)
    # the step budget cuts too
    r = run_match(mirror_bot(), mirror_bot(), max_depth=1000, max_steps=7)
    assert r.exhausted == (True, True) and r.steps == (7, 7)
    # the match's fallback and a program's own fallback
    r = run_match(mirror_bot(), mirror_bot(), max_depth=5, fallback="C")
    assert r.outputs == ("C", "C")
    m = GroundedSimulator("M", 0, None, "copy", fallback="X")
    assert run_match(m, mirror_bot(), max_depth=5).outputs == ("X", "D")


def test_budget_cannot_be_swallowed_by_the_program():
    def sneaky(ctx):
        try:
            return ctx.simulate(ctx.opponent, ctx.me)
        except Exception:   # the budget signal is not an Exception
            return "C"

    p = Program("Sneaky", sneaky)
    r = run_match(p, p, max_depth=10)
    assert r.exhausted == (True, True) and r.outputs == ("D", "D")


def test_program_exceptions_propagate():
    def broken(ctx):
        raise RuntimeError("bug in program")

    with pytest.raises(RuntimeError):
        run_match(Program("Broken", broken), defect_bot())


# -- CliqueBot ------------------------------------------------------------------------------------
def test_cliquebot():
    # Tennenholtz (2004): identical CliqueBots cooperate; everything else is defected against.
    assert run_match(clique_bot(), clique_bot(), PD).outputs == ("C", "C")
    assert run_match(clique_bot(), clique_bot(tag="v2"), PD).outputs == ("D", "D")   # fragile
    assert run_match(clique_bot(), cooperate_bot(), PD).outputs == ("D", "C")
    assert run_match(clique_bot(), epsilon_grounded_fairbot("1/2"), PD, seed=3).outputs[0] == "D"


# -- exact recursion ---------------------------------------------------------------------------------
def test_epsilon_grounded_fairbot_closed_forms():
    for eps in (Fraction(1, 10), Fraction(1, 3), Fraction(1)):
        fb = epsilon_grounded_fairbot(eps)
        assert exact_match(fb, fb, PD).distributions == ({"C": 1}, {"C": 1})
        r = exact_match(fb, defect_bot(), PD)
        assert r.distributions[0] == ({"C": eps, "D": 1 - eps} if eps < 1 else {"C": 1})
        p = Fraction(2, 7)
        r = exact_match(fb, random_bot(p), PD)
        assert r.distributions[0]["C"] == eps + (1 - eps) * p
        # payoff of the FairBot: P(C)*(p R + (1-p) S) + P(D)*(p T + (1-p) P)
        c = eps + (1 - eps) * p
        assert r.payoffs[0] == c * (p * 3 + (1 - p) * 0) + (1 - c) * (p * 5 + (1 - p) * 1)
    fb1, fb2 = epsilon_grounded_fairbot("0.1"), epsilon_grounded_fairbot("0.7")
    assert exact_match(fb1, fb2).distributions == ({"C": 1}, {"C": 1})


def test_anti_fairbot_geometric_series():
    # ground C, else play the opposite of the opponent: x = eps + (1-eps)(1-x) => x = 1/(2-eps)
    eps = Fraction(1, 4)
    anti = grounded_simulator("Anti", eps, "C", {"C": "D", "D": "C"})
    r = exact_match(anti, anti)
    assert r.distributions[0] == {"C": 1 / (2 - eps), "D": 1 - 1 / (2 - eps)}


def test_nonterminating_mass():
    r = exact_match(mirror_bot(), mirror_bot(), PD)
    assert r.p_nonterminating == (1, 1) and r.distributions == ({"D": 1}, {"D": 1})
    # a run that never halts is cut to its fallback, as run_match's budget cut: not "ok"
    assert r.status == "truncated" and "never halts" in r.message and "'D'" in r.message
    assert run_match(mirror_bot(), mirror_bot(), PD, max_depth=30).status == r.status
    # a mirror against a grounded FairBot halts surely (the FairBot grounds)
    r = exact_match(mirror_bot(), epsilon_grounded_fairbot("1/5"), PD)
    assert r.p_nonterminating == (0, 0) and r.distributions == ({"C": 1}, {"C": 1})
    assert r.status == "ok" and r.message == ""


def test_monte_carlo_status_counts_cut_runs():
    mc = monte_carlo_match(mirror_bot(), mirror_bot(), PD, n_runs=3, max_depth=20)
    assert mc.n_truncated == 3 and mc.status == "truncated" and mc.message.startswith("3 of 3 runs")
    fb = epsilon_grounded_fairbot("1/2")
    ok = monte_carlo_match(fb, fb, PD, n_runs=3)
    assert ok.n_truncated == 0 and ok.status == "ok"


def test_partly_nonterminating_run_is_truncated():
    # Wrap grounds on C with epsilon = 1/2, else simulates a mirror against a mirror (which never
    # halts; module docstring: that mass goes to the fallback D), so its output is 1/2 C + 1/2 D
    # and it never halts with probability 1/2; the DefectBot halts surely
    m = mirror_bot()
    inner = grounded_simulator("Wrap", "1/2", "C", "copy", simulate=(m, m))
    r = exact_match(inner, defect_bot(), PD)
    assert r.p_nonterminating == (Fraction(1, 2), 0)
    assert r.distributions[0] == {"C": Fraction(1, 2), "D": Fraction(1, 2)}
    assert r.status == "truncated" and r.message.startswith("Wrap's run never halts with probability 1/2")
    # PD (T, R, P, S) = (5, 3, 1, 0) against D: C gets S = 0 (opponent T = 5), D gets P = 1
    assert r.payoffs == (Fraction(1, 2) * 0 + Fraction(1, 2) * 1, Fraction(1, 2) * 5 + Fraction(1, 2) * 1)


def _zoo():
    fb = epsilon_grounded_fairbot("1/5")
    return [
        fb,
        epsilon_grounded_fairbot("1/2"),
        defect_bot(),
        cooperate_bot(),
        random_bot("1/3"),
        grounded_simulator("Anti", "1/4", "C", {"C": "D", "D": "C"}),
        grounded_simulator("GrudgeMix", "1/3", {"C": "1/2", "D": "1/2"}, {"C": {"C": "3/4", "D": "1/4"}, "D": "D"}),
        # simulates the opponent against DefectBot (a reference program), rewards defection there
        grounded_simulator("DBTester", "1/5", "D", {"C": "D", "D": "C"}, simulate=("opp", defect_bot())),
        mirror_bot(),
    ]


@pytest.mark.parametrize("i,j", [(0, 0), (0, 2), (0, 4), (1, 5), (5, 6), (6, 6), (7, 0), (7, 4), (8, 0), (6, 1)])
def test_exact_matches_monte_carlo(i, j):
    zoo = _zoo()
    a, b = zoo[i], zoo[j]
    ex = exact_match(a, b, PD)
    n = 4000
    mc = monte_carlo_match(a, b, PD, n_runs=n, seed=11 * i + j, max_depth=400)
    assert mc.n_truncated == 0
    for side in range(2):
        for act in ("C", "D"):
            p = float(ex.distributions[side].get(act, 0))
            f = mc.frequencies[side].get(act, 0.0)
            sd = math.sqrt(max(p * (1 - p), 1e-12) / n)
            assert abs(f - p) <= 5 * sd + 1e-9, (a.name, b.name, side, act, p, f)
        # mean payoffs
    for side in range(2):
        assert abs(mc.mean_payoffs[side] - float(ex.payoffs[side])) < 0.25


@settings(max_examples=40)
@given(FRAC20, FRAC20, FRAC20, st.booleans(), st.booleans())
def test_exact_matches_truncated_series(e1, e2, p, copy1, copy2):
    """The solved recursion equals the direct sum over grounding depths (truncated far out)."""
    if e1 == 0 and e2 == 0:
        e1 = Fraction(1, 2)
    r1 = "copy" if copy1 else {"C": "D", "D": "C"}
    r2 = "copy" if copy2 else {"C": {"C": p, "D": 1 - p}, "D": "D"}
    a = grounded_simulator("A", e1, {"C": p, "D": 1 - p}, r1)
    b = grounded_simulator("B", e2, "D", r2)
    ex = exact_match(a, b)

    # direct series: level j alternates first, second, ...; output = R_0 R_1 ... R_{j-1} g_j,
    # accumulated with the running product L_j = R_0 ... R_{j-1} (2x2 over C, D).
    idx = {"C": 0, "D": 1}

    def matrix(prog):
        M = [[0.0, 0.0], [0.0, 0.0]]   # M[out][in]
        if prog.respond is None:       # epsilon = 1: never responds
            return M
        for act in ("C", "D"):
            resp = {act: 1} if prog.respond == "copy" else prog.respond[act]
            for k, w in resp.items():
                M[idx[k]][idx[act]] += float(w)
        return M

    for first, second, side in ((a, b, 0), (b, a, 1)):
        progs = [first, second]
        mats = [matrix(first), matrix(second)]
        L = [[1.0, 0.0], [0.0, 1.0]]
        total = [0.0, 0.0]
        reach = 1.0
        for j in range(3000):
            pr = progs[j % 2]
            mass = reach * float(pr.epsilon)
            if mass:
                gv = [float(pr.ground.get("C", 0)), float(pr.ground.get("D", 0))]
                for r in range(2):
                    total[r] += mass * (L[r][0] * gv[0] + L[r][1] * gv[1])
            reach *= 1 - float(pr.epsilon)
            if reach == 0:
                break
            M = mats[j % 2]
            L = [[sum(L[r][k] * M[k][c] for k in range(2)) for c in range(2)] for r in range(2)]
        for k in ("C", "D"):
            assert abs(total[idx[k]] - float(ex.distributions[side].get(k, 0))) < reach + 1e-9


# -- Oesterheld's equilibrium condition ---------------------------------------------------------------
def test_epsilon_grounded_fairbot_equilibrium_threshold_pd():
    # T, R, P, S = 5, 3, 1, 0: 1 - max(2/4, 2/3) = 1/3
    assert epsilon_grounded_fairbot_threshold(PD) == Fraction(1, 3)
    for eps, ok in [("1/100", True), ("1/3", True), ("0.34", False), ("1/2", False), ("1", False)]:
        fb = epsilon_grounded_fairbot(eps)
        r = grounded_equilibrium(fb, fb, PD)
        assert r.is_equilibrium is ok, eps
        assert r.payoffs == (3, 3)


@settings(max_examples=40)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 12), st.integers(-5, 5),
       st.builds(Fraction, st.integers(1, 30), st.just(30)))
def test_equilibrium_condition_matches_closed_form(d1, d2, d3, s, eps):
    S, P, R, T = s, s + d1, s + d1 + d2, s + d1 + d2 + d3
    game = prisoners_dilemma(T=T, R=R, P=P, S=S)
    fb = epsilon_grounded_fairbot(eps)
    r = grounded_equilibrium(fb, fb, game)
    assert r.is_equilibrium == (eps <= epsilon_grounded_fairbot_threshold(game))
    # brute force over deviator output distributions y = P(deviator cooperates)
    best = max(_deviator_payoff(game, eps, Fraction(k, 200)) for k in range(201))
    assert best <= r.best_deviation[0]
    assert r.best_deviation[0] - best <= Fraction(T - S, 100)
    y = r.best_deviation_strategy[0].get("C", Fraction(0))
    assert _deviator_payoff(game, eps, y) == r.best_deviation[0]


def _deviator_payoff(game, eps, y):
    """Payoff of a program cooperating with probability y against an eps-grounded FairBot."""
    u = game.payoffs[0]
    z = eps + (1 - eps) * y     # the FairBot's cooperation probability
    return (y * z * u[0, 0] + y * (1 - z) * u[0, 1] + (1 - y) * z * u[1, 0] + (1 - y) * (1 - z) * u[1, 1])


def test_deviation_by_simulation_matches_exact_payoff():
    eps = Fraction(1, 2)
    fb = epsilon_grounded_fairbot(eps)
    # a deviator that defects: exact payoff eps*T + (1-eps)*P = 3 > R = 3? equal: 5/2+1/2=3
    r = exact_match(defect_bot(), fb, PD)
    assert r.payoffs[0] == eps * 5 + (1 - eps) * 1
    ge = grounded_equilibrium(fb, fb, PD)
    assert ge.best_deviation[0] >= r.payoffs[0]
    assert not ge.is_equilibrium


def test_grounded_equilibrium_3x3_copy_bots():
    # a 3-action coordination-like game; copy-bots grounded at action "a"
    A = [[4, 0, 0], [5, 1, 0], [0, 0, 2]]
    g = NormalFormGame.from_arrays(A, [list(r) for r in zip(*A)], labels=[["a", "b", "c"], ["a", "b", "c"]])
    bot = grounded_simulator("G", "1/10", "a", "copy")
    r = grounded_equilibrium(bot, bot, g)
    assert r.payoffs == (4, 4)
    # brute force over a grid of deviator distributions
    best = Fraction(-10 ** 9)
    for i in range(21):
        for j in range(21 - i):
            y = (Fraction(i, 20), Fraction(j, 20), Fraction(20 - i - j, 20))
            z = [Fraction(1, 10) * (k == 0) + Fraction(9, 10) * y[k] for k in range(3)]
            val = sum(y[a] * z[b] * A[a][b] for a in range(3) for b in range(3))
            best = max(best, val)
    assert best <= r.best_deviation[0]
    assert r.is_equilibrium == (r.best_deviation[0] <= 4)


# -- errors ---------------------------------------------------------------------------------------------
def test_errors():
    with pytest.raises(InvalidProbabilityError):
        epsilon_grounded_fairbot(0)
    with pytest.raises(InvalidProbabilityError):
        epsilon_grounded_fairbot("3/2")
    with pytest.raises(InvalidInputError):
        epsilon_grounded_fairbot(float("nan"))
    with pytest.raises(InvalidInputError):
        GroundedSimulator("X", "1/2", None)
    with pytest.raises(InvalidProbabilityError):
        GroundedSimulator("X", "1/2", {"C": "1/2", "D": "1/3"})
    with pytest.raises(InvalidInputError):
        GroundedSimulator("X", "1/2", "C", respond=42)
    with pytest.raises(UnsupportedError):
        exact_match(clique_bot(), defect_bot())
    with pytest.raises(InvalidInputError):
        run_match("FairBot", defect_bot())
    with pytest.raises(InvalidInputError):
        Program("P", 3)
    partial = grounded_simulator("Partial", "1/2", "C", {"C": "C"})
    with pytest.raises(InvalidInputError, match="no response"):
        exact_match(partial, defect_bot())
    with pytest.raises(InvalidInputError):
        epsilon_grounded_fairbot_threshold(NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]))


def test_results_serialize():
    import json

    from spi.programs import folk_theorem_programs

    fb = epsilon_grounded_fairbot("1/10")
    for res in (exact_match(fb, defect_bot(), PD), run_match(fb, defect_bot(), PD),
                grounded_equilibrium(fb, fb, PD), folk_theorem_programs(PD, ("C", "C")),
                monte_carlo_match(fb, fb, PD, n_runs=5)):
        json.dumps(res.to_dict(jsonable=True))


def test_line_budget_cuts_busy_loops():
    def spin(ctx):
        x = 0
        while True:
            x += 1

    r = run_match(Program("Spin", spin), defect_bot(), PD, max_lines=10_000)
    assert r.exhausted == (True, False) and r.outputs == ("D", "D") and r.status == "truncated"
    # a normal program is unaffected
    fb = epsilon_grounded_fairbot("1/2")
    assert run_match(fb, fb, PD, max_lines=10_000).status == "ok"
    with pytest.raises(InvalidInputError):
        run_match(fb, fb, max_lines=0)
