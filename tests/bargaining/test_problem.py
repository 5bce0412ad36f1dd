"""BargainingProblem: construction, validation, exact frontiers, games."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import BargainingProblem
from bargaining.problem import hull_2d, pareto_frontier_2d, pareto_mask, security_levels
from bargaining.strategies import problems
from solvers import NormalFormGame
from solvers.errors import InvalidInputError, UnsupportedError


def test_frontier_exact_and_clipped():
    p = BargainingProblem.from_vertices([[0, 0], [2, 0], [1, 1], [0, 1]], [0, "1/4"])
    assert p.exact
    # Pareto frontier of the hull is the edge (1,1)-(2,0); clipped at u2 = 1/4 -> (7/4, 1/4)
    assert p.frontier() == ((F(1), F(1)), (F(7, 4), F(1, 4)))
    assert p.ideal_point() == (F(7, 4), F(1))
    assert p.gainers() == (0, 1)


def test_frontier_entry_point_on_left():
    p = BargainingProblem.from_vertices([[0, 2], [2, 0], [0, 0]], [1, 0])
    assert p.frontier() == ((F(1), F(1)), (F(2), F(0)))


def test_hull_drops_collinear_and_interior_points():
    pts = [(0, 0), (1, 0), (2, 0), (1, 1), (0, 2), (F(1, 2), F(1, 2))]
    assert hull_2d(pts) == [(0, 0), (2, 0), (0, 2)]
    assert pareto_frontier_2d(pts) == [(0, 2), (2, 0)]


def test_single_point_frontier():
    p = BargainingProblem.from_vertices([[0, 0], [1, 1], [1, 0], [0, 1]], [0, 0])
    assert p.frontier() == ((F(1), F(1)),)


def test_pareto_mask_exact_and_float_agree():
    rng = np.random.default_rng(3)
    for n in (2, 3, 4):
        P = rng.integers(0, 6, size=(40, n))
        m_int = pareto_mask(P.astype(float))
        m_exact = pareto_mask(np.array([[F(int(v)) for v in r] for r in P], dtype=object))
        assert (m_int == m_exact).all()
        # brute force
        for i in range(len(P)):
            dominated = any((P[j] >= P[i]).all() and (P[j] > P[i]).any() for j in range(len(P)))
            dup_before = any((P[j] == P[i]).all() for j in range(i))
            assert m_int[i] == (not dominated and not dup_before)


def test_pure_outcomes_semantics():
    p = BargainingProblem.from_outcomes({"a": [3, 0], "b": [0, 3], "c": [1, 1]}, [0, 0], lotteries=False)
    assert p.labels == ("a", "b", "c")
    assert p.contains([1, 1]) and not p.contains([F(3, 2), F(3, 2)])
    q = BargainingProblem.from_outcomes([[3, 0], [0, 3], [1, 1]], [0, 0], lotteries=True)
    assert q.contains([F(3, 2), F(3, 2)])
    # d = (2, 2) is dominated by a lottery but by no pure outcome
    BargainingProblem.from_outcomes([[3, 0], [0, 3]], [1, 1], lotteries=True)
    with pytest.raises(InvalidInputError, match="disagreement"):
        BargainingProblem.from_outcomes([[3, 0], [0, 3]], [1, 1], lotteries=False)


def test_from_outcomes_requires_semantics():
    with pytest.raises(TypeError):
        BargainingProblem.from_outcomes([[1, 0]], [0, 0])  # lotteries is keyword-only and required


@pytest.mark.parametrize("bad,match", [
    (dict(points=[], d=[0, 0]), "nonempty"),
    (dict(points=[[1, 0], [0, 1]], d=[1, 1]), "disagreement"),
    (dict(points=[[1, 0], [0, 1]], d=[0, 0, 0]), "length 2"),
    (dict(points=[[1, float("nan")], [0, 1]], d=[0, 0]), "finite"),
    (dict(points=[[1, 0], [0, 1]], d=[float("nan"), 0]), "finite"),
    (dict(points=[[1], [0]], d=[0]), "at least 2 players"),
    (dict(points=[[1, 0], [0]], d=[0, 0]), "equal length"),
])
def test_bad_input(bad, match):
    with pytest.raises(InvalidInputError, match=match):
        BargainingProblem.from_vertices(bad["points"], bad["d"])


def test_frontier_n3_unsupported_but_facets_work():
    p = BargainingProblem.from_vertices([[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0])
    with pytest.raises(UnsupportedError):
        p.frontier()
    facets = p.pareto_facets()
    assert len(facets) == 1
    a, b = facets[0]
    assert np.allclose(a / a[0], [1, 1, 1]) and np.isclose(b / a[0], 1)


def test_from_game_maximin_and_nash():
    # prisoner's dilemma: security levels (1, 1) = the Nash equilibrium payoffs
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    p = BargainingProblem.from_game(pd)
    assert p.disagreement == (F(1), F(1))
    assert BargainingProblem.from_game(pd, "nash").disagreement == (F(1), F(1))
    assert p.labels[0] == "0,0"
    # matching pennies: security level 0 in mixed strategies (1/2, 1/2), not -1 (pure)
    mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    assert security_levels(mp) == (F(0), F(0))
    assert security_levels(mp.as_float()) == pytest.approx((0.0, 0.0))
    with pytest.raises(InvalidInputError):
        BargainingProblem.from_game(pd, "bogus")


def test_affine_permute_symmetric():
    p = BargainingProblem.from_vertices([[0, 0], [2, 0], [0, 2]], [0, 0])
    assert p.is_symmetric()
    q = p.affine([2, 1], [1, 0])
    assert not q.is_symmetric()
    assert q.disagreement == (F(1), F(0))
    assert p.permute([1, 0]).frontier() == p.frontier()
    with pytest.raises(InvalidInputError):
        p.affine([0, 1])


@settings(max_examples=30)
@given(problems(2, lotteries=True))
def test_frontier_points_are_feasible_and_undominated(p):
    F_ = p.frontier()
    for k, x in enumerate(F_):
        assert p.contains(x)
        assert all(a >= b for a, b in zip(x, p.disagreement))
        if k:
            assert F_[k - 1][0] < x[0] and F_[k - 1][1] > x[1]
    # no hull vertex strictly dominates a frontier vertex
    for x in F_:
        for row in p.points.tolist():
            assert not (row[0] >= x[0] and row[1] >= x[1] and (row[0] > x[0] or row[1] > x[1]))


@settings(max_examples=20)
@given(problems(2, lotteries=True))
def test_exact_vs_float_frontier(p):
    fe = [tuple(float(v) for v in x) for x in p.frontier()]
    ff = list(p.as_float().frontier())
    assert len(fe) == len(ff)
    assert np.allclose(fe, ff)


def test_plot_problem_draws_every_solution():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from bargaining import plot_problem

    p = BargainingProblem.from_vertices([[0, 0], [6, 0], [5, 2], [2, 4], [0, 5]], [1, 0])
    ax = plot_problem(p)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    for name in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian", "raiffa", "disagreement"):
        assert any(name in lab for lab in labels), name
    plt.close(ax.figure)
    q = BargainingProblem.from_outcomes([[0, 2], [1, 1], [2, 0]], [0, 0], lotteries=False)
    ax = plot_problem(q)
    assert not any("raiffa" in t.get_text() for t in ax.get_legend().get_texts())
    plt.close(ax.figure)
    with pytest.raises(InvalidInputError):
        plot_problem(BargainingProblem.from_vertices([[1, 0, 0], [0, 1, 0]], [0, 0, 0]))
