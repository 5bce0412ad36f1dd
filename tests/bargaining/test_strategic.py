"""Rubinstein alternating offers, demand games, and Nash's variable threats."""

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import (
    BargainingProblem,
    nash_demand_game,
    nash_solution,
    rubinstein,
    rubinstein_limit,
    smoothed_demand_game,
    variable_threat,
)
from solvers import NormalFormGame
from solvers.errors import InvalidInputError

fracs = st.fractions(min_value=F(1, 100), max_value=F(99, 100), max_denominator=100)


def test_rubinstein_1982_shares():
    # Rubinstein (1982): first proposer gets (1 - d2) / (1 - d1 d2)
    assert rubinstein("9/10", "9/10").shares == (F(10, 19), F(9, 19))
    assert rubinstein("1/2", "2/3").shares == (F(1, 2), F(1, 2))
    assert rubinstein("1/2", "2/3", first=1).shares == (F(1, 4), F(3, 4))  # (1 - d1)/(1 - d1 d2) to P2
    r = rubinstein(0.9, 0.8)
    assert r.shares[0] == pytest.approx(0.2 / 0.28) and not r.exact


@pytest.mark.parametrize("d1,d2,x1,x2", [
    # Rubinstein (1982): x* = (1 - d2) / (1 - d1 d2) to the first proposer, y* = (1 - d1) / (1 - d1 d2)
    # to the second when it proposes first.  delta = 0 is a player who does not value the future:
    # d1 = 0 gives x* = 1 - d2 (P1's rejection leaves it d1 * anything = 0, so P2 proposing
    # first takes everything); d2 = 0 gives x* = 1.
    (F(0), F(1, 2), F(1, 2), F(1)),
    (F(0), F(9, 10), F(1, 10), F(1)),
    (F(1, 2), F(0), F(1), F(1, 2)),
    (F(0), F(0), F(1), F(1)),
])
def test_rubinstein_zero_discount(d1, d2, x1, x2):
    r = rubinstein(d1, d2)
    assert r.exact and r.shares == (x1, 1 - x1)
    assert rubinstein(d1, d2, first=1).shares == (1 - x2, x2)
    x, y = r.proposals
    assert 1 - x == d2 * (1 - y) and y == d1 * x  # SPE indifference
    f = rubinstein(float(d1), float(d2))
    assert not f.exact and f.shares == pytest.approx((float(x1), 1 - float(x1)), abs=1e-15)
    sympy = pytest.importorskip("sympy")
    s = rubinstein(sympy.Rational(d1.numerator, d1.denominator), sympy.Rational(d2.numerator, d2.denominator))
    assert s.exact and s.shares == r.shares
    # a finite horizon agrees from T = 3 on (after two periods nothing is left to discount)
    assert rubinstein(d1, d2, horizon=3).shares == r.shares
    # concave utilities: u2(1 - x) = d2 u2(1 - y), u1(y) = d1 u1(x) with y = 0 when d1 = 0
    c = rubinstein(float(d1), float(d2), utilities=(math.sqrt, math.sqrt))
    xs, ys = c.proposals
    assert math.sqrt(1 - xs) == pytest.approx(float(d2) * math.sqrt(1 - ys), abs=1e-10)
    assert math.sqrt(ys) == pytest.approx(float(d1) * math.sqrt(xs), abs=1e-10)
    if d1 == 0:
        assert ys == 0.0 and xs == pytest.approx(1 - float(d2) ** 2, abs=1e-10)


@settings(max_examples=40)
@given(fracs, fracs)
def test_rubinstein_formula_and_indifference(d1, d2):
    r = rubinstein(d1, d2)
    x, y = r.proposals       # player 1's share in 1's and in 2's proposal
    assert x == (1 - d2) / (1 - d1 * d2)
    # SPE indifference: the responder is offered exactly its discounted continuation value
    assert 1 - x == d2 * (1 - y)
    assert y == d1 * x


@settings(max_examples=20)
@given(fracs, fracs)
def test_finite_horizon_converges_to_infinite(d1, d2):
    inf = rubinstein(d1, d2).shares[0]
    prev = None
    for T in (1, 2, 3):
        assert rubinstein(d1, d2, horizon=T).exact
    # backward induction contracts by d1 d2 every two periods: |M_T - M| <= (d1 d2)^((T-1) // 2)
    for T in (41, 400):
        fin = rubinstein(float(d1), float(d2), horizon=T).shares[0]
        assert abs(fin - float(inf)) <= float(d1 * d2) ** ((T - 1) // 2) + 1e-12


def test_finite_horizon_backward_induction_values():
    # T=1: ultimatum; T=2: responder in period 0 gets d2 * 1; T=3: 1 - d2 (1 - d1)
    assert rubinstein("9/10", "4/5", horizon=1).shares == (1, 0)
    assert rubinstein("9/10", "4/5", horizon=2).shares == (F(1, 5), F(4, 5))
    assert rubinstein("9/10", "4/5", horizon=3).shares == (1 - F(4, 5) * (1 - F(9, 10)), F(4, 5) * F(1, 10))


def test_breakdown_risk_equivalent_to_discounting():
    # Binmore, Rubinstein & Wolinsky (1986): breakdown probability p with no impatience acts
    # like a common discount factor 1 - p
    assert rubinstein(1, 1, breakdown="1/10").shares == rubinstein("9/10", "9/10").shares
    # outside options b: proposer share solves M1 = 1 - p b2 - (1-p) M2, M2 = 1 - p b1 - (1-p) M1
    r = rubinstein(1, 1, breakdown="1/2", breakdown_payoffs=("1/5", "1/5"))
    M1 = r.shares[0]
    M2 = 1 - F(1, 2) * F(1, 5) - F(1, 2) * M1
    assert M1 == 1 - F(1, 2) * F(1, 5) - F(1, 2) * M2


def test_concave_utilities_reduce_to_linear():
    r = rubinstein(0.9, 0.8, utilities=(lambda s: s, lambda s: s))
    assert r.shares[0] == pytest.approx(0.2 / 0.28, abs=1e-10)
    r = rubinstein(0.9, 0.9, utilities=(lambda s: s, math.sqrt))
    x, y = r.proposals
    assert math.sqrt(1 - x) == pytest.approx(0.9 * math.sqrt(1 - y), abs=1e-10)
    assert y == pytest.approx(0.9 * x, abs=1e-10)


@pytest.mark.parametrize("utilities,limit", [
    (None, 2 / 3),                          # r1 = 1, r2 = 2: share r2 / (r1 + r2)
    ((lambda s: s, math.sqrt), 0.8),        # maximize log x + (1/4) log(1 - x)
])
def test_binmore_rubinstein_wolinsky_limit(utilities, limit):
    r1, r2 = 1.0, 2.0
    assert rubinstein_limit(r1, r2, utilities=utilities)[0] == pytest.approx(limit, abs=1e-8)
    errs = []
    for delta in (0.1, 0.01, 0.001):
        kw = {"utilities": utilities} if utilities else {}
        s = rubinstein(math.exp(-r1 * delta), math.exp(-r2 * delta), **kw).shares[0]
        errs.append(abs(s - limit))
    assert errs[0] > errs[1] > errs[2] and errs[2] < 2e-3


def test_rubinstein_limit_is_asymmetric_nash():
    p = BargainingProblem.from_vertices([[1, 0], [0, 1]], [0, 0])
    # weights 1/r_i
    assert nash_solution(p, [F(1, 1), F(1, 2)]).point == rubinstein_limit(1, 2)


@pytest.mark.parametrize("kw,match", [
    (dict(delta1=1, delta2="1/2"), "delta1"),
    (dict(delta1="-1/2", delta2="1/2"), "delta1"),
    (dict(delta1="1/2", delta2=-0.1), "delta2"),
    (dict(delta1=1, delta2=1), "delta1"),
    (dict(delta1=1.0, delta2=0), "delta1"),
    (dict(delta1="1/2", delta2=float("nan")), "delta2"),
    (dict(delta1="1/2", delta2="3/2"), "delta2"),
    (dict(delta1="1/2", delta2="1/2", breakdown=1), "breakdown"),
    (dict(delta1="1/2", delta2="1/2", first=2), "first"),
    (dict(delta1="1/2", delta2="1/2", horizon=0), "horizon"),
    (dict(delta1=float("nan"), delta2="1/2"), "delta1"),
])
def test_rubinstein_errors(kw, match):
    with pytest.raises(InvalidInputError, match=match):
        rubinstein(**kw)


def test_nash_demand_game():
    r = nash_demand_game(4)
    # every efficient split is an equilibrium, plus the greedy incompatible (1, 1)
    assert r.efficient == tuple((F(k, 4), 1 - F(k, 4)) for k in range(5))
    assert set(r.equilibria) == set(r.efficient) | {(F(1), F(1))}
    assert r.exact


def test_nash_demand_game_interior_disagreement():
    # Nash (1953) demand game with d = (1/4, 1/4) in the pie, by the definition: an efficient
    # pair (x, 1 - x) is an equilibrium iff each keeps at least d_i (demanding more yields d_i);
    # an incompatible pair iff neither can gain by demanding the rest, 1 - x_j <= d_i
    q = F(1, 4)
    r = nash_demand_game(4, disagreement=(q, q))
    assert r.efficient == ((F(1, 4), F(3, 4)), (F(1, 2), F(1, 2)), (F(3, 4), F(1, 4)))
    greedy = {(a, b) for a in (F(3, 4), F(1)) for b in (F(3, 4), F(1))}
    assert set(r.equilibria) == set(r.efficient) | greedy
    # boundary points of the pie are feasible disagreement points
    assert nash_demand_game(4, disagreement=(1, 0)).exact
    assert nash_demand_game(4, disagreement=(0.1, 0.9)).exact


@pytest.mark.parametrize("d,utilities", [
    ((F(3, 5), F(1, 2)), None),          # d1 + d2 > 1: no split gives both
    ((F(-1, 10), 0), None),              # a negative share is not a split of the pie
    ((2, 0), None),
    ((0.8, 0.7), (math.sqrt, math.sqrt)),  # u1(t) >= 0.8 needs t >= 0.64, then sqrt(0.36) = 0.6 < 0.7
    ((1.2, 0.0), (math.sqrt, math.sqrt)),  # above u1(1) = 1
    ((-0.1, 0.0), (math.sqrt, math.sqrt)),  # below u1(0) = 0
])
def test_nash_demand_game_rejects_disagreement_outside_pie(d, utilities):
    with pytest.raises(InvalidInputError, match=r"disagreement must be .*got"):
        nash_demand_game(4, disagreement=d, utilities=utilities)


def test_nash_demand_game_disagreement_on_curved_frontier():
    # (0.5, 0.72) is feasible with sqrt utilities: t = 0.25 gives sqrt(0.75) = 0.866 >= 0.72
    r = nash_demand_game(4, disagreement=(0.5, 0.72), utilities=(math.sqrt, math.sqrt))
    assert not r.exact
    # every equilibrium gives each player at least its disagreement payoff
    A, B = r.game.payoffs
    grid = list(r.grid)
    for a, b in r.equilibria:
        i, j = grid.index(a), grid.index(b)
        assert A[i, j] >= 0.5 - 1e-12 and B[i, j] >= 0.72 - 1e-12


def test_smoothed_demand_converges_to_nash():
    p = BargainingProblem.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    errs = []
    for s in (0.1, 0.01, 0.001):
        r = smoothed_demand_game(p, s)
        assert r.status == "ok" and r.best_response_gap <= 1e-7
        errs.append(max(abs(a - b) for a, b in zip(r.demands, (1.0, 0.5))))
    assert errs[0] > errs[1] > errs[2] and errs[2] < 0.01


# the critical point of log x1 + log x2 + log Phi((1 - x1/2 - x2) / 0.05) (Nash 1953's smoothed
# demand game of conv{(0,0),(2,0),(0,1)}, d = 0), by mpmath.findroot at 30 digits
_SMOOTHED_X = (0.917858425457615372, 0.458929212728807686)


@pytest.mark.parametrize("c", [1e-9, 2.0 ** -30, 1e9, 7e11])
def test_smoothed_demand_relative_to_payoff_scale(c):
    # scaling both utilities and sigma by c scales the equilibrium demands by c; the check that
    # each demand is a best response is relative to the gains (an absolute 1e-7 called the 1e9
    # problem "not_converged" and judged the 1e-9 one with a tolerance 100 times its payoffs)
    unit = smoothed_demand_game(BargainingProblem.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0]), 0.05)
    p = BargainingProblem.from_vertices([[0.0, 0.0], [2 * c, 0.0], [0.0, c]], [0.0, 0.0])
    r = smoothed_demand_game(p, 0.05 * c)
    assert r.status == "ok" and unit.status == "ok"
    assert r.best_response_gap <= 1e-7 * c
    for a, b, x in zip(r.demands, unit.demands, _SMOOTHED_X):
        assert a / c == pytest.approx(b, rel=1e-10)
        assert a / c == pytest.approx(x, rel=1e-12)
    assert r.probability == pytest.approx(unit.probability, rel=1e-10)


@pytest.mark.parametrize("sigma", [0.3, 0.05, 0.001])
def test_smoothed_demand_first_order_conditions(sigma):
    # on a frontier piece of slope b the first-order conditions 1/g1 = -b lam/sigma,
    # 1/g2 = lam/sigma (g = x - d, lam the inverse Mills ratio) give g1 = -g2 / b: on
    # conv{(0,0),(3,1),(1,3)} (b = -1) with d = (1/2, 1/4), x1 - x2 = 1/4 exactly (Nash 1953)
    p = BargainingProblem.from_vertices([[0, 0], [3, 1], [1, 3]], ["1/2", "1/4"])
    r = smoothed_demand_game(p, sigma)
    assert r.status == "ok"
    assert r.demands[0] - r.demands[1] == pytest.approx(0.25, abs=1e-12)
    assert r.demands[0] + r.demands[1] < 4  # inside the frontier x1 + x2 = 4


def test_smoothed_demand_large_disagreement_point():
    # d = (1e9, 1e9) and gains of order 1: translation covariance, judged on the gains
    sh = 1e9
    p = BargainingProblem.from_vertices([[sh, sh], [sh + 2, sh], [sh, sh + 1]], [sh, sh])
    r = smoothed_demand_game(p, 0.05)
    assert r.status == "ok"
    for a, x in zip(r.demands, _SMOOTHED_X):
        assert a - sh == pytest.approx(x, abs=4e-7)  # the ulp of 1e9 is 1.2e-7


# -- Nash (1953) variable threats ---------------------------------------------------------------
def _final(game, x, y):
    A, B = game.payoffs
    x = np.array(x, dtype=object)
    y = np.array(y, dtype=object)
    d = (x @ A @ y, x @ B @ y)
    return nash_solution(BargainingProblem.from_game(game, d)).point


def test_variable_threat_symmetric_example():
    g = NormalFormGame.from_arrays([[2, -1], [-1, 1]], [[1, -1], [-1, 2]])
    r = variable_threat(g)
    assert r.agreement == (F(3, 2), F(3, 2)) and r.exact and r.face == "edge"


def test_variable_threat_threats_matter():
    # Row can threaten (row 1) a outcome that hurts Column far more than itself:
    # cooperative outcomes (0,0) [no deal], (4,1), (1,4); row's threat (0,-10).
    g = NormalFormGame.from_arrays([[4, 1], [0, 0]], [[1, 4], [-10, -10]])
    r = variable_threat(g)
    # by hand: frontier (1,4)-(4,1), slope -1; game A - B = [[3,-3],[10,10]] has value 10 (row 1),
    # u1 = (5 + 10) / 2 > 4, so the agreement is the vertex (4, 1): val(1) = 10 >= 4 - 1.
    assert r.agreement == (4, 1) and r.face == "vertex"
    assert r.row_threat == (0, 1) and r.threat_point[0] == 0 and r.threat_point[1] == -10
    assert r.agreement == _final(g, r.row_threat, r.col_threat)


def test_variable_threat_split_or_claim():
    # Split-or-Claim (Barron, "Game Theory: An Introduction", 2nd ed., exercise on threat
    # strategies): A - B = [[0,-1],[1,0]], Claim is optimal for both, agreement (1/2, 1/2).
    g = NormalFormGame.from_arrays([["1/2", 0], [1, 0]], [["1/2", 1], [0, 0]])
    r = variable_threat(g)
    assert r.agreement == (F(1, 2), F(1, 2))
    assert r.row_threat == (0, 1) and r.col_threat == (0, 1) and r.threat_point == (0, 0)


@settings(max_examples=25)
@given(st.integers(1, 3), st.integers(1, 3), st.data())
def test_variable_threats_are_optimal(m, n, data):
    # No player can improve its final (Nash-solution) payoff by a unilateral pure threat.
    A = data.draw(st.lists(st.lists(st.integers(-4, 5), min_size=n, max_size=n), min_size=m, max_size=m))
    Bm = data.draw(st.lists(st.lists(st.integers(-4, 5), min_size=n, max_size=n), min_size=m, max_size=m))
    g = NormalFormGame.from_arrays(A, Bm)
    r = variable_threat(g)
    assert r.status in ("ok", "degenerate")
    ag = r.agreement
    assert tuple(_final(g, r.row_threat, r.col_threat)) == tuple(ag)
    for i in range(m):
        e = [0] * m
        e[i] = 1
        assert _final(g, e, r.col_threat)[0] <= ag[0]
    for j in range(n):
        e = [0] * n
        e[j] = 1
        assert _final(g, r.row_threat, e)[1] <= ag[1]


def test_variable_threat_float_matches_exact():
    rng = np.random.default_rng(5)
    for _ in range(10):
        A, Bm = rng.integers(-5, 6, (3, 3)), rng.integers(-5, 6, (3, 3))
        g = NormalFormGame.from_arrays(A.tolist(), Bm.tolist())
        re, rf = variable_threat(g), variable_threat(g.as_float())
        assert np.allclose([float(v) for v in re.agreement], [float(v) for v in rf.agreement], atol=1e-7)


def test_from_game_threat_point():
    g = NormalFormGame.from_arrays([[2, -1], [-1, 1]], [[1, -1], [-1, 2]])
    p = BargainingProblem.from_game(g, "threat")
    assert p.disagreement == variable_threat(g).threat_point
    with pytest.raises(InvalidInputError):
        variable_threat(NormalFormGame.from_arrays([[[1]]], [[[1]]], [[[1]]]))


def test_finite_horizon_second_proposer():
    assert rubinstein("9/10", "4/5", horizon=2, first=1).shares == (F(9, 10), F(1, 10))
    assert rubinstein("9/10", "4/5", horizon=3, first=1).shares == (F(9, 50), F(41, 50))


def test_from_game_nash_disagreement_mixed():
    # matching pennies has no pure equilibrium: the mixed one (payoffs 0, 0) is used
    mp = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert BargainingProblem.from_game(mp, "nash").disagreement == (0, 0)


@settings(max_examples=30)
@given(st.floats(0.05, 5.0), st.floats(0.05, 5.0))
def test_rubinstein_limit_property(r1, r2):
    # BRW (1986): as the period length shrinks the SPE share tends to r2 / (r1 + r2), at rate O(Delta)
    lim = rubinstein_limit(r1, r2)[0]
    assert lim == pytest.approx(r2 / (r1 + r2))
    prev = None
    for delta in (1e-2, 1e-3, 1e-4):
        s = rubinstein(math.exp(-r1 * delta), math.exp(-r2 * delta)).shares[0]
        err = abs(s - lim)
        assert err <= (r1 + r2) * delta
        if prev is not None:
            assert err <= prev + 1e-12
        prev = err


def test_brw_limit_matches_weighted_nash_on_sampled_pie():
    # independent cross-check: the asymmetric Nash solution (weights 1/r_i) of the utility set
    # {(u1(x), u2(1-x))} sampled finely equals rubinstein_limit's 1-D maximizer
    u1, u2 = (lambda s: s), math.sqrt
    xs = np.linspace(0, 1, 4001)
    pts = np.c_[xs, np.sqrt(1 - xs)]
    p = BargainingProblem.from_vertices(np.r_[pts, [[0.0, 0.0]]], [0.0, 0.0])
    r1, r2 = 1.0, 2.0
    nash = nash_solution(p, [1 / r1, 1 / r2]).point
    share = rubinstein_limit(r1, r2, utilities=(u1, u2))[0]
    assert nash[0] == pytest.approx(share, abs=1e-5)
    assert nash[1] == pytest.approx(math.sqrt(1 - share), abs=1e-5)
