"""Axioms as predicates: the theorems hold on random problems, the known counterexamples fail."""

from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bargaining import (
    BargainingProblem,
    egalitarian,
    kalai_smorodinsky,
    nash_solution,
    raiffa,
    utilitarian,
)
from bargaining.axioms import (
    anonymous,
    iia,
    individually_monotonic,
    individually_rational,
    individually_rational_solution,
    pareto,
    pareto_optimal,
    scale_invariant,
    strongly_monotonic,
    symmetric,
)
from bargaining.strategies import positive_scales, problems, symmetric_problems

B = BargainingProblem
SOLUTIONS = [nash_solution, kalai_smorodinsky, egalitarian, utilitarian, raiffa]


def test_point_predicates():
    p = B.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    assert pareto_optimal(p, [1, F(1, 2)])
    assert not pareto_optimal(p, [F(1, 2), F(1, 2)])
    sq = B.from_vertices([[0, 0], [1, 0], [1, 1], [0, 1]], [0, 0])
    assert not pareto_optimal(sq, [1, F(1, 2)]) and pareto_optimal(sq, [1, F(1, 2)], strong=False)
    assert individually_rational(p, [0, 1]) and not individually_rational(p, [-1, 1])


def test_ks_1975_counterexample_nash_not_individually_monotonic():
    # Kalai & Smorodinsky (1975): S inside T, player 1's ideal equal (1); Nash lowers player 2.
    S = B.from_vertices([[0, 0], [1, 0], ["3/4", "3/4"], [0, 1]], [0, 0])
    T = B.from_vertices([[0, 0], [1, 0], [1, "7/10"], [0, 1]], [0, 0])
    assert not individually_monotonic(nash_solution, S, T, player=1)
    assert individually_monotonic(kalai_smorodinsky, S, T, player=1)
    assert not strongly_monotonic(nash_solution, S, T)
    assert strongly_monotonic(egalitarian, S, T)
    assert strongly_monotonic(lambda q: egalitarian(q, leximin=False), S, T)


def test_ks_violates_iia():
    big = B.from_vertices([[0, 0], [1, 0], [0, 1]], [0, 0])
    small = B.from_vertices([[0, 0], [1, 0], ["1/2", "1/2"], [0, "1/2"]], [0, 0])
    assert not iia(kalai_smorodinsky, big, small)
    assert iia(nash_solution, big, small)
    assert iia(egalitarian, big, small)


def test_egalitarian_and_utilitarian_not_scale_invariant():
    p = B.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    assert not scale_invariant(egalitarian, p, ["1/2", 1])
    assert not scale_invariant(utilitarian, p, [F(1, 4), 1])
    assert scale_invariant(nash_solution, p, ["1/2", 3], [1, 2])
    assert scale_invariant(kalai_smorodinsky, p, ["1/2", 3], [1, 2])


@settings(max_examples=30)
@given(problems(2), positive_scales(2), st.lists(st.integers(-3, 3), min_size=2, max_size=2))
def test_nash_and_ks_scale_invariant(p, scale, shift):
    assert scale_invariant(nash_solution, p, scale, shift)
    assert scale_invariant(kalai_smorodinsky, p, scale, shift)
    assert scale_invariant(raiffa, p, scale, shift) or raiffa(p).exact is False


@settings(max_examples=30)
@given(problems(2))
def test_all_solutions_pareto_and_ir_two_players(p):
    for f in SOLUTIONS:
        assert individually_rational_solution(f, p), f.__name__
        # leximin egalitarian, KS (2 players), Nash, utilitarian, Raiffa: strongly Pareto
        assert pareto(f, p, strong=True) or (f is raiffa and not f(p).exact), f.__name__


@settings(max_examples=20)
@given(problems(3, max_points=5))
def test_nash_pareto_ir_three_players(p):
    r = nash_solution(p)
    assert individually_rational(p, r.point, tol=1e-7 if not r.exact else None)
    assert pareto_optimal(p, r.point, strong=True, tol=None if r.exact else 1e-6)


@settings(max_examples=25)
@given(symmetric_problems(2))
def test_symmetry_two_players(p):
    for f in SOLUTIONS:
        assert symmetric(f, p), f.__name__


@settings(max_examples=10)
@given(symmetric_problems(3, max_points=3, max_value=6))
def test_symmetry_three_players(p):
    for f in (nash_solution, kalai_smorodinsky, egalitarian, utilitarian):
        assert symmetric(f, p, tol=1e-7), f.__name__


@settings(max_examples=25)
@given(problems(2), st.data())
def test_nash_iia_on_random_subsets(p, data):
    # keep a random subset of points plus the Nash point itself: Nash must not move (IIA)
    r = nash_solution(p)
    assume(r.status == "ok")
    rows = p.points.tolist()
    keep = data.draw(st.lists(st.sampled_from(range(len(rows))), min_size=1, unique=True))
    small = p.with_points([rows[j] for j in keep] + [list(r.point)])
    assert iia(nash_solution, p, small)
    assert iia(egalitarian, p, small)


@settings(max_examples=20)
@given(problems(2), st.data())
def test_egalitarian_strongly_monotonic(p, data):
    # Kalai (1977): enlarging the set never hurts anyone under the egalitarian solution
    # (the plain max-equal-gain point; the leximin extension is not strongly monotonic)
    extra = data.draw(st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=2), min_size=1, max_size=3))
    big = p.with_points(p.points.tolist() + extra)
    assert strongly_monotonic(lambda q: egalitarian(q, leximin=False), p, big)


def test_leximin_egalitarian_not_strongly_monotonic():
    small = B.from_vertices([[0, 0], [1, 1], [3, 1]], [0, 0])
    big = small.with_points([[0, 0], [1, 1], [3, 1], [2, 5]])
    assert egalitarian(small).point == (3, 1)
    assert not strongly_monotonic(egalitarian, small, big)
    assert strongly_monotonic(lambda q: egalitarian(q, leximin=False), small, big)


@settings(max_examples=20)
@given(problems(2))
def test_anonymity(p):
    for f in (nash_solution, kalai_smorodinsky, egalitarian):
        assert anonymous(f, p)


def test_ks_individual_monotonicity_random():
    # grow the set while keeping player 0's ideal: KS never lowers player 1 (2 players)
    import numpy as np
    rng = np.random.default_rng(11)
    checked = 0
    for _ in range(60):
        P = rng.integers(0, 10, size=(5, 2)).tolist() + [[0, 0]]
        p = B.from_vertices(P, [0, 0])
        a = p.ideal_point()
        extra = [[int(rng.integers(0, int(a[0]) + 1)), int(rng.integers(0, 14))]]
        big = p.with_points(P + extra)
        if big.ideal_point()[0] != a[0]:
            continue
        checked += 1
        assert individually_monotonic(kalai_smorodinsky, p, big, player=1)
    assert checked > 10
