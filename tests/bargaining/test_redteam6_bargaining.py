"""Red-team round 6 (bargaining/): limits, bad inputs and literature values on new ground."""

from __future__ import annotations

import time
from fractions import Fraction as F

import numpy as np
import pytest

from bargaining import mediate, nash_demand_game, negotiate, rubinstein
from bargaining.strategic import MAX_EXACT_HORIZON
from solvers.errors import InvalidInputError, LimitError


def _backward_induction_loop(d1, d2, first, horizon, p, b):
    """Independent reference: period-by-period backward induction (Rubinstein 1982, finite horizon)."""
    delta = (d1, d2)
    last = horizon - 1
    cur = 1 - b[1 - (first + last) % 2]
    for t in range(last - 1, -1, -1):
        j = 1 - (first + t) % 2
        cur = 1 - (p * b[j] + (1 - p) * delta[j] * cur)
    return cur


def test_rubinstein_finite_horizon_closed_form_matches_backward_induction():
    rng = np.random.default_rng(0)
    for _ in range(300):
        d1, d2 = F(int(rng.integers(0, 11)), 10), F(int(rng.integers(0, 11)), 10)
        p = F(int(rng.integers(0, 6)), 10)
        b = (F(int(rng.integers(0, 5)), 10), F(int(rng.integers(0, 5)), 10))
        h, first = int(rng.integers(1, 30)), int(rng.integers(0, 2))
        r = rubinstein(d1, d2, first=first, horizon=h, breakdown=p, breakdown_payoffs=b)
        own = _backward_induction_loop(d1, d2, first, h, p, b)
        assert r.shares[first] == own
        assert sum(r.shares) == 1


def test_rubinstein_long_horizons_do_not_hang():
    # the exact loop was quadratic in the horizon (30,000 periods took 1.4 s, 10^6 hours);
    # the limit of the finite-horizon SPE is the stationary one, 1 - d2 over 1 - d1 d2 = 5/7
    t = time.perf_counter()
    r = rubinstein("9/10", "4/5", horizon=50_001)
    assert abs(float(r.shares[0]) - 5 / 7) < 1e-12
    rf = rubinstein(0.9, 0.8, horizon=10**9)
    assert rf.shares[0] == pytest.approx(5 / 7, abs=1e-12)
    assert time.perf_counter() - t < 5
    # one period: the proposer keeps everything; two: the responder's discounted whole pie
    assert rubinstein("1/2", "1/3", horizon=1).shares == (1, 0)
    assert rubinstein("1/2", "1/3", horizon=2).shares == (F(2, 3), F(1, 3))
    # delta = 1 and no breakdown: the last proposer takes the pie (alpha = 1 branch)
    assert rubinstein(1, 1, horizon=7).shares == (1, 0)
    assert rubinstein(1, 1, horizon=8).shares == (0, 1)


def test_rubinstein_exact_horizon_beyond_the_limit_is_a_clear_error():
    with pytest.raises(LimitError, match="horizon"):
        rubinstein("9/10", "4/5", horizon=MAX_EXACT_HORIZON + 1)
    r = rubinstein("9/10", "4/5", horizon=MAX_EXACT_HORIZON + 1, exact=False)
    assert r.shares[0] == pytest.approx(5 / 7)


def test_rubinstein_numpy_integer_horizon_is_an_int():
    # np.int64 horizons overflowed inside Fraction.__pow__ (41 periods gave ~0.475 instead of
    # ~0.7147, np.int32 a share above 1) and float runs returned np.float64
    for h in (41, 100, 1001):
        want = rubinstein("9/10", "8/10", horizon=h).shares
        assert F(0) <= want[0] <= F(1)
        for np_int in (np.int64, np.int32):
            assert rubinstein("9/10", "8/10", horizon=np_int(h)).shares == want
            rf = rubinstein(0.9, 0.8, horizon=np_int(h))
            assert all(type(x) is float for x in rf.shares)
            assert rf.shares == rubinstein(0.9, 0.8, horizon=h).shares
            assert rf.shares[0] == pytest.approx(float(want[0]), abs=1e-12)
    # the 41-period value from the backward-induction reference
    assert rubinstein("9/10", "8/10", horizon=np.int64(41)).shares[0] == \
        _backward_induction_loop(F(9, 10), F(8, 10), 0, 41, F(0), (F(0), F(0)))


def test_nash_demand_game_rejects_bool_steps():
    with pytest.raises(InvalidInputError, match="steps"):
        nash_demand_game(True)


def test_nash_demand_game_with_disagreement_point():
    # pure equilibria with d = (1/4, 1/4) on the grid of quarters: the splits giving each at
    # least d_i, and the incompatible pairs where neither can profit (both demands >= 3/4)
    r = nash_demand_game(4, disagreement=("1/4", "1/4"))
    q = F(1, 4)
    assert set(r.equilibria) == {(q, 3 * q), (2 * q, 2 * q), (3 * q, q), (3 * q, 3 * q), (3 * q, 1), (1, 3 * q),
                                 (1, 1)}
    assert set(r.efficient) == {(q, 3 * q), (2 * q, 2 * q), (3 * q, q)}


@pytest.mark.parametrize("seed", ["x", -1, 1.5, True])
def test_negotiation_seed_errors_name_the_parameter(seed):
    U = np.array([[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(InvalidInputError, match="seed"):
        negotiate(U, seed=seed)
    with pytest.raises(InvalidInputError, match="seed"):
        mediate(U, seed=seed)


def test_negotiation_accepts_a_numpy_generator_as_seed():
    # solvers.generators.rng semantics: a Generator is used as is, like the int seed it came from
    rng = np.random.default_rng(3)
    U = rng.random((30, 2))
    for f in (negotiate, mediate):
        assert f(U, seed=np.random.default_rng(5)).agreement == f(U, seed=5).agreement


@pytest.mark.parametrize("points, d, param", [
    ([[0, 0], [2, 0], [0, 2]], "00", "disagreement"),   # was read as d = (0, 0)
    ([[0, 0], [2, 0], [0, 2]], b"00", "disagreement"),
    (["12", "34"], [0, 0], "points"),                   # was read as the points (1, 2), (3, 4)
    ("1234", [0, 0, 0, 0], "points"),
])
def test_strings_are_not_utility_vectors(points, d, param):
    from bargaining import BargainingProblem

    with pytest.raises(InvalidInputError, match=param):
        BargainingProblem(points, d)


def test_from_game_nash_without_pure_equilibrium_says_why_for_three_players():
    # three-player matching pennies has no pure equilibrium; the error blamed a missing solver
    from bargaining import BargainingProblem
    from solvers import NormalFormGame
    from solvers.errors import UnsupportedError

    A, B, C = (np.zeros((2, 2, 2), dtype=int) for _ in range(3))
    for a in range(2):
        for b in range(2):
            for c in range(2):
                A[a, b, c] = 1 if a == b else -1
                B[a, b, c] = 1 if b == c else -1
                C[a, b, c] = 1 if c != a else -1
    with pytest.raises(UnsupportedError, match="2 players only"):
        BargainingProblem.from_game(NormalFormGame([A, B, C]), "nash")


# -- properties on generated problems (exact vs float, the defining optimality conditions) -------
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def _problems(draw, n):
    k = draw(st.integers(1, 6))
    pts = draw(st.lists(st.lists(st.integers(-3, 6), min_size=n, max_size=n), min_size=k, max_size=k))
    d = draw(st.lists(st.integers(-3, 2), min_size=n, max_size=n))
    from bargaining import BargainingProblem

    try:
        return BargainingProblem(pts, d)
    except InvalidInputError:
        assume(False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.sampled_from([2, 2, 3]).flatmap(_problems))
def test_exact_and_float_solutions_agree_and_satisfy_their_definitions(p):
    from bargaining import egalitarian, kalai_smorodinsky, nash_solution, raiffa, utilitarian

    n, d = p.n_players, np.array([float(v) for v in p.disagreement])
    pf = p.as_float()
    for f in (nash_solution, kalai_smorodinsky, egalitarian, utilitarian, raiffa):
        if f is raiffa and n > 2:
            continue  # n >= 3: iterated to tolerance, ~0.5 s a call (covered elsewhere)
        r, rf = f(p), f(pf)
        if r.status == "infeasible":  # KS undefined off free-disposal sets: d returned, said so
            assert rf.status == "infeasible"
            continue
        x = np.array([float(v) for v in r.point])
        assert np.allclose(x, np.array(rf.point, dtype=float), atol=1e-6), f.__name__
        assert pf.contains(rf.point) and np.all(x >= d - 1e-9)
    # Nash (1950): no lottery of two points has a larger product of gains (2 players, exact)
    if n == 2 and nash_solution(p).status == "ok":
        x = np.array([float(v) for v in nash_solution(p).point]) - d
        P = p.float_points()
        for a in P:
            for b in P:
                for t in np.linspace(0, 1, 21):
                    g = t * a + (1 - t) * b - d
                    if np.all(g >= 0):
                        assert g[0] * g[1] <= x[0] * x[1] + 1e-9


def test_coalitional_limits_are_checked_before_the_work():
    from bargaining import glove_game, nucleolus, shapley_value

    # glove_game(10**30, 1) built 10^30 player names first (MemoryError)
    with pytest.raises(LimitError, match="left \\+ right"):
        glove_game(10**30, 1)
    # max_players=None raised TypeError "'>' not supported between 'int' and 'NoneType'"
    for f in (shapley_value, nucleolus):
        with pytest.raises(InvalidInputError, match="max_players"):
            f(glove_game(1, 1), max_players=None)
    # the glove game with two left gloves and one right one (Shapley: 1/6, 1/6, 2/3; nucleolus and
    # core: the right glove takes all)
    assert shapley_value(glove_game(2, 1)).value == (F(1, 6), F(1, 6), F(2, 3))
    assert nucleolus(glove_game(2, 1)).value == (0, 0, 1)


@pytest.mark.parametrize("call, param", [
    (lambda: negotiate(np.array([[1.0, 2.0], [2.0, 1.0]]), float("nan")), "agents"),
    (lambda: mediate(np.array([[1.0, 2.0], [2.0, 1.0]]), 3), "agents"),
    (lambda: __import__("bargaining").BargainingProblem([[0, 0], [1, 1]], [0, 0], labels=1.5), "labels"),
    (lambda: __import__("bargaining").BargainingProblem([[0, 0], [1, 1]], [0, 0], players=7), "players"),
    (lambda: __import__("bargaining").CoalitionalGame([0, 1, 1, 3], players=float("nan")), "players"),
])
def test_non_iterable_arguments_name_the_parameter(call, param):
    # each raised a bare TypeError ("object of type 'float' has no len()", "'float' object is
    # not iterable")
    with pytest.raises(InvalidInputError, match=param):
        call()
