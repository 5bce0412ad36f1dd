"""bargaining.outcomes: outcome spaces, utilities, Pareto frontier and solution points.

Frontier and solution points are checked against brute force (the definitions, outcome by
outcome) on hypothesis-generated small spaces with many ties, and against NegMAS.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.outcomes import (
    AdditiveUtility,
    FunctionUtility,
    OutcomeSpace,
    ParetoFrontier,
    TableUtility,
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_frontier,
    solution_points,
    utilitarian_point,
    utility_matrix,
)
from solvers.errors import InvalidInputError


# ------------------------------------------------------------------------------ helpers
def brute_frontier(U):
    U = np.asarray(U, dtype=float)
    return sorted(
        p
        for p in range(len(U))
        if not any(np.all(U[q] >= U[p]) and np.any(U[q] > U[p]) for q in range(len(U)))
    )


@st.composite
def additive_domains(draw, max_parties=5):
    n = draw(st.integers(2, max_parties))
    shape = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    space = OutcomeSpace({f"x{j}": list(range(k)) for j, k in enumerate(shape)})
    utils = []
    for _ in range(n):
        vals = [draw(st.lists(st.integers(0, 3), min_size=k, max_size=k)) for k in shape]
        w = draw(st.lists(st.sampled_from([0.5, 1.0, 2.0]), min_size=len(shape), max_size=len(shape)))
        utils.append(AdditiveUtility(space, vals, w, reservation=draw(st.sampled_from([0.0, 1.0, 2.0]))))
    return space, utils


# ------------------------------------------------------------------------------ spaces
def test_space_indexing_roundtrip_and_order():
    space = OutcomeSpace(issues={"price": [10, 20, 30], "qty": [1, 2], "date": ["mon", "tue"]})
    assert space.size == 12 and space.shape == (3, 2, 2) and len(space) == 12
    listed = list(space.outcomes())
    assert listed == [dict(zip(space.names, c)) for c in itertools.product(*space.values)]
    for i, o in enumerate(listed):
        assert space.outcome(i) == o and space.index(o) == i
    assert space.index((30, 2, "tue")) == 11
    assert space.value_indices([11]).tolist() == [[2, 1, 1]]
    assert OutcomeSpace([2, 3]).names == ("i0", "i1")


def test_space_never_materializes_huge():
    space = OutcomeSpace({f"i{j}": 100 for j in range(6)})  # 10^12 outcomes
    assert space.size == 10**12
    assert space.outcome(10**12 - 1) == {f"i{j}": 99 for j in range(6)}
    u = AdditiveUtility(space, {f"i{j}": np.arange(100.0) for j in range(6)})
    assert u.minmax() == (0.0, 594.0)
    assert u(10**12 - 1) == 594.0


def test_space_errors():
    with pytest.raises(InvalidInputError, match="issues"):
        OutcomeSpace({})
    with pytest.raises(InvalidInputError, match="non-empty"):
        OutcomeSpace({"a": []})
    space = OutcomeSpace({"a": [1, 2]})
    with pytest.raises(InvalidInputError, match="index"):
        space.outcome(2)
    with pytest.raises(InvalidInputError, match="2\\*\\*62"):
        OutcomeSpace({f"i{j}": 100 for j in range(10)})
    with pytest.raises(InvalidInputError, match="one of"):
        space.index({"a": 3})


def test_utility_kinds_agree():
    space = OutcomeSpace({"a": [0, 1, 2], "b": ["x", "y"]})
    add = AdditiveUtility(
        space, {"a": [0.0, 1.0, 3.0], "b": {"x": 2.0, "y": 0.0}}, {"a": 2.0, "b": 1.0}, bias=1.0
    )
    tab = TableUtility(space, add.table().reshape(space.shape))
    fun = FunctionUtility(
        space, lambda o: 1.0 + 2.0 * [0.0, 1.0, 3.0][o["a"]] + (2.0 if o["b"] == "x" else 0.0)
    )
    vec = FunctionUtility(
        space,
        lambda v: (
            1.0 + 2.0 * np.array([0.0, 1.0, 3.0])[v["a"].astype(int)] + np.where(v["b"] == "x", 2.0, 0.0)
        ),
        vectorized=True,
    )
    expected = [3.0, 1.0, 5.0, 3.0, 9.0, 7.0]
    for u in (add, tab, fun, vec):
        assert u.table().tolist() == expected
        assert u.evaluate([5, 0]).tolist() == [7.0, 3.0]
    assert add({"a": 2, "b": "x"}) == 9.0
    M = utility_matrix([add, tab])
    assert M.shape == (6, 2)


def test_utility_errors():
    space = OutcomeSpace({"a": [0, 1]})
    with pytest.raises(InvalidInputError, match="finite"):
        AdditiveUtility(space, {"a": [0.0, np.nan]})
    with pytest.raises(InvalidInputError, match="2 scores"):
        AdditiveUtility(space, {"a": [0.0, 1.0, 2.0]})
    with pytest.raises(InvalidInputError, match="shape"):
        TableUtility(space, [1.0, 2.0, 3.0])
    with pytest.raises(InvalidInputError, match="issues"):
        AdditiveUtility(space, {"zzz": [0.0, 1.0]})
    other = OutcomeSpace({"a": [0, 1, 2]})
    with pytest.raises(InvalidInputError, match="same outcome space"):
        pareto_frontier([AdditiveUtility(space, {"a": [0, 1]}), AdditiveUtility(other, {"a": [0, 1, 2]})])
    with pytest.raises(InvalidInputError, match="utilities"):
        pareto_frontier(np.array([[1.0, np.nan]]))
    with pytest.raises(InvalidInputError, match="utilities"):
        pareto_frontier([])
    with pytest.raises(InvalidInputError, match="disagreement"):
        nash_point(np.ones((3, 2)), disagreement=[0.0, 0.0, 0.0])
    with pytest.raises(InvalidInputError, match="weights"):
        nash_point(np.ones((3, 2)), weights=[1.0, -1.0])


# ------------------------------------------------------------------------------ frontier
@given(additive_domains())
def test_frontier_matches_brute_force(domain):
    space, utils = domain
    U = utility_matrix(utils)
    expected = brute_frontier(U)
    for method in ("additive", "skyline"):
        pf = pareto_frontier(utils, method=method)
        assert sorted(pf.indices.tolist()) == expected
        assert np.array_equal(pf.utilities, U[pf.indices])
    # rational-only frontier = frontier intersected with the rational outcomes
    r = np.array([u.reservation for u in utils])
    pf = pareto_frontier(utils, rational_only=True)
    assert sorted(pf.indices.tolist()) == [p for p in expected if np.all(U[p] >= r)]


@given(
    st.integers(2, 5).flatmap(
        lambda n: st.lists(st.lists(st.integers(0, 2), min_size=n, max_size=n), min_size=1, max_size=30)
    )
)
def test_frontier_of_array_with_duplicates(rows):
    U = np.array(rows, dtype=float)
    pf = pareto_frontier(U)
    assert sorted(pf.indices.tolist()) == brute_frontier(U)
    assert isinstance(pf, ParetoFrontier) and pf.n_outcomes == len(U)


def test_frontier_order_and_additive_pruning_on_medium_space():
    rng = np.random.default_rng(5)
    space = OutcomeSpace({f"i{j}": 8 for j in range(4)})
    utils = [
        AdditiveUtility(space, [rng.integers(0, 5, 8) for _ in range(4)], rng.random(4)) for _ in range(3)
    ]
    a = pareto_frontier(utils, method="additive")
    b = pareto_frontier(utils, method="skyline")
    assert np.array_equal(a.indices, b.indices) and np.array_equal(a.utilities, b.utilities)
    assert np.all(np.diff(a.utilities[:, 0]) <= 0)


# ------------------------------------------------------------------------------ solution points
def brute_points(U, d):
    U = np.asarray(U, dtype=float)
    G = U - d
    ir = [k for k in range(len(U)) if np.all(G[k] >= 0)]
    pos = [k for k in ir if np.all(G[k] > 0)]
    out = {}
    out["nash"] = max(math.prod(G[k]) for k in pos) if pos else None
    if ir:
        ideal = U[ir].max(axis=0)
        span = ideal - d
        act = span > 0
        out["kalai_smorodinsky"] = max(float(np.min(G[k][act] / span[act])) if act.any() else 0.0 for k in ir)
        out["egalitarian"] = max(float(G[k].min()) for k in ir)
        out["utilitarian"] = max(float(U[k].sum()) for k in ir)
    return out


@given(additive_domains(max_parties=4))
def test_solution_points_match_brute_force(domain):
    space, utils = domain
    U = utility_matrix(utils)
    d = np.array([u.reservation for u in utils])
    expected = brute_points(U, d)
    pf = pareto_frontier(utils)
    full = solution_points(utils)
    on_front = solution_points(utils, frontier=pf)
    for concept, p in full.items():
        q = on_front[concept]
        want = expected.get(concept)
        if concept == "nash" and want is None:
            assert p.status in ("degenerate", "infeasible")
            continue
        if want is None:
            assert p.status == "infeasible" and p.index == -1
            continue
        assert p.status == "ok"
        assert math.isclose(p.value, want, rel_tol=1e-9, abs_tol=1e-12)
        # the same point on the frontier, and the chosen point is Pareto optimal and rational
        assert p.index == q.index and p.utilities == q.utilities
        assert p.index in set(pf.indices.tolist())
        assert np.all(np.array(p.utilities) >= d)
        assert p.index in p.ties and p.outcome == space.outcome(p.index)


def test_split_the_pie_textbook():
    # Divide 10 units, linear utilities, d = 0: Nash = KS = egalitarian = (5, 5) (Nash 1950).
    space = OutcomeSpace({"share": list(range(11))})
    u1 = AdditiveUtility(space, {"share": [float(x) for x in range(11)]})
    u2 = AdditiveUtility(space, {"share": [float(10 - x) for x in range(11)]})
    for f in (nash_point, kalai_smorodinsky_point, egalitarian_point):
        p = f([u1, u2])
        assert p.outcome == {"share": 5} and p.utilities == (5.0, 5.0)
    assert nash_point([u1, u2]).value == 25.0
    # utilitarian: every split has welfare 10; ties listed, smallest index chosen
    p = utilitarian_point([u1, u2])
    assert p.ties == tuple(range(11)) and p.index == 0
    # asymmetric Nash with weights (2, 1): maximize x^2 (10 - x) -> x = 20/3, nearest grid 7
    assert nash_point([u1, u2], weights=[2.0, 1.0]).outcome == {"share": 7}
    # a disagreement point that moves the Nash point: d = (4, 0) -> maximize (x-4)(10-x): x = 7
    assert nash_point([u1, u2], disagreement=[4.0, 0.0]).outcome == {"share": 7}


def test_nash_degenerate_and_infeasible():
    U = np.array([[1.0, 0.0], [2.0, 0.0], [0.0, 0.0]])
    p = nash_point(U, disagreement=[0.0, 0.0])
    assert p.status == "degenerate" and p.index == 1
    q = nash_point(U, disagreement=[5.0, 5.0])
    assert q.status == "infeasible" and q.index == -1 and q.utilities == (5.0, 5.0)
    assert egalitarian_point(U, disagreement=[5.0, 5.0]).status == "infeasible"


def test_ten_parties_fast():
    import time

    rng = np.random.default_rng(0)
    space = OutcomeSpace({f"i{j}": 10 for j in range(5)})
    utils = [AdditiveUtility(space, [rng.random(10) for _ in range(5)], rng.random(5)) for _ in range(10)]
    solution_points(utils)
    t = time.perf_counter()
    pts = solution_points(utils)
    assert time.perf_counter() - t < 2.0  # well under a second on a laptop; slack for CI
    U = utility_matrix(utils)
    assert math.isclose(pts["utilitarian"].value, U.sum(axis=1).max())


# ------------------------------------------------------------------------------ anchor: NegMAS
@pytest.mark.anchor
def test_frontier_and_nash_match_negmas():
    negmas = pytest.importorskip("negmas")
    from negmas.preferences.value_fun import TableFun

    rng = np.random.default_rng(11)
    shape = (5, 4, 6)
    space = OutcomeSpace({f"i{j}": list(range(k)) for j, k in enumerate(shape)})
    issues = [negmas.make_issue(values=list(range(k)), name=f"i{j}") for j, k in enumerate(shape)]
    os_ = negmas.make_os(issues)
    ours, theirs = [], []
    for _ in range(3):
        vals = [rng.random(k) for k in shape]
        w = rng.random(3)
        ours.append(AdditiveUtility(space, vals, w, reservation=0.0))
        theirs.append(
            negmas.LinearAdditiveUtilityFunction(
                values={f"i{j}": TableFun(dict(enumerate(map(float, v)))) for j, v in enumerate(vals)},
                weights={f"i{j}": float(w[j]) for j in range(3)},
                outcome_space=os_,
                reserved_value=0.0,
            )
        )
    f_neg, idx_neg = negmas.pareto_frontier(theirs, issues=issues)
    pf = pareto_frontier(ours)
    assert sorted(pf.indices.tolist()) == sorted(int(i) for i in idx_neg)
    assert {tuple(np.round(r, 9)) for r in pf.utilities} == {tuple(np.round(r, 9)) for r in f_neg}
    nash_neg = negmas.nash_points(theirs, f_neg, outcome_space=os_, ranges=[(0.0, 10.0)] * 3)
    ours_nash = nash_point(ours, disagreement=[0.0] * 3, frontier=pf)
    assert np.allclose(ours_nash.utilities, nash_neg[0][0], atol=1e-9)


# ------------------------------------------------------------------------------ lotteries
def test_nash_over_lotteries_delegates_to_solutions():
    # two pure outcomes (1, 0), (0, 1) and a poor compromise (0.3, 0.3), d = 0: the lottery Nash
    # point is the fair coin (1/2, 1/2) (Nash 1950's symmetric convex problem); pure: (0.3, 0.3)
    U = np.array([[0.0, 1.0], [1.0, 0.0], [0.3, 0.3]])
    pure = nash_point(U, disagreement=[0.0, 0.0])
    lot = nash_point(U, disagreement=[0.0, 0.0], lotteries=True)
    assert pure.utilities == (0.3, 0.3)
    assert np.allclose(lot.utilities, (0.5, 0.5)) and lot.method == "nash_over_lotteries"
    assert sorted(i for i, _ in lot.lottery) == [0, 1] and np.isclose(sum(p for _, p in lot.lottery), 1.0)


@settings(max_examples=15)
@given(st.integers(0, 10**6), st.integers(2, 4))
def test_lottery_nash_dominates_pure(seed, n):
    rng = np.random.default_rng(seed)
    U = rng.random((40, n))
    d = np.zeros(n)
    pure = nash_point(U, disagreement=d)
    lot = nash_point(U, disagreement=d, lotteries=True)
    assert lot.value >= pure.value * (1 - 1e-7)
    mix = sum(p * U[i] for i, p in lot.lottery)
    assert np.allclose(mix, lot.utilities, atol=1e-7)


@pytest.mark.heavy
@pytest.mark.parametrize("n", [2, 3, 5])
def test_additive_merge_equals_skyline_at_scale(n):
    from tests.conftest import HEAVY_SCALE

    rng = np.random.default_rng(100 + n)
    k = 10 * HEAVY_SCALE
    space = OutcomeSpace({f"i{j}": k for j in range(4)})
    # integer scores: many ties across issues and duplicated utility vectors
    utils = [
        AdditiveUtility(space, [rng.integers(0, 6, k) for _ in range(4)], rng.integers(1, 4, 4))
        for _ in range(n)
    ]
    a = pareto_frontier(utils, method="additive")
    b = pareto_frontier(utils, method="skyline")
    assert np.array_equal(a.indices, b.indices) and np.array_equal(a.utilities, b.utilities)
    assert nash_point(utils, frontier=a).index == nash_point(utils).index


@pytest.mark.anchor
def test_default_reservation_matches_negmas_convention():
    # no reservation value: every outcome is rational and d is the worst utility, as NegMAS
    # does for reserved_value=-inf (its nash_points then measures gains from the minimum)
    negmas = pytest.importorskip("negmas")
    from negmas.preferences.value_fun import TableFun

    rng = np.random.default_rng(3)
    shape = (4, 5, 3)
    space = OutcomeSpace({f"i{j}": list(range(k)) for j, k in enumerate(shape)})
    issues = [negmas.make_issue(values=list(range(k)), name=f"i{j}") for j, k in enumerate(shape)]
    os_ = negmas.make_os(issues)
    ours, theirs = [], []
    for _ in range(2):
        vals = [rng.random(k) + 0.5 for k in shape]
        ours.append(AdditiveUtility(space, vals))
        theirs.append(
            negmas.LinearAdditiveUtilityFunction(
                values={f"i{j}": TableFun(dict(enumerate(map(float, v)))) for j, v in enumerate(vals)},
                outcome_space=os_,
            )
        )
    assert ours[0].reservation is None
    assert ours[0].disagreement_value() == pytest.approx(utility_matrix(ours)[:, 0].min())
    f_neg, idx_neg = negmas.pareto_frontier(theirs, issues=issues)
    pf = pareto_frontier(ours, rational_only=True)
    assert sorted(pf.indices.tolist()) == sorted(int(i) for i in idx_neg)
    nash_neg = negmas.nash_points(theirs, f_neg, outcome_space=os_)
    assert np.allclose(nash_point(ours).utilities, nash_neg[0][0], atol=1e-9)


@pytest.mark.anchor
def test_ties_against_negmas_and_unique_option():
    # integer scores: many outcomes share a Pareto-optimal vector.  NegMAS returns the same set
    # of vectors; its indices are a subset of ours (it sometimes drops duplicates).
    negmas = pytest.importorskip("negmas")
    from negmas.preferences.value_fun import TableFun

    rng = np.random.default_rng(5)
    shape = (3, 4, 3)
    space = OutcomeSpace({f"i{j}": k for j, k in enumerate(shape)})
    issues = [negmas.make_issue(values=list(range(k)), name=f"i{j}") for j, k in enumerate(shape)]
    os_ = negmas.make_os(issues)
    for _ in range(8):
        n = int(rng.integers(2, 5))
        ours, theirs = [], []
        for _ in range(n):
            vals = [rng.integers(0, 3, k).astype(float) for k in shape]
            ours.append(AdditiveUtility(space, vals))
            theirs.append(
                negmas.LinearAdditiveUtilityFunction(
                    values={f"i{j}": TableFun(dict(enumerate(map(float, v)))) for j, v in enumerate(vals)},
                    outcome_space=os_,
                )
            )
        f_neg, idx_neg = negmas.pareto_frontier(theirs, issues=issues)
        pf = pareto_frontier(ours)
        assert pf.utility_set() == {tuple(map(float, r)) for r in f_neg}
        assert {int(i) for i in idx_neg} <= set(pf.indices.tolist())
        uq = pareto_frontier(ours, unique=True)
        assert len(uq) == len(pf.utility_set())
        U = utility_matrix(ours)
        for i in uq.indices:  # the smallest index carrying its vector
            assert i == np.flatnonzero(np.all(U == U[i], axis=1)).min()


def test_solution_points_on_a_space_too_large_to_enumerate():
    # 10^9 outcomes, 2 parties: frontier by additive merge, points searched on it
    rng = np.random.default_rng(9)
    space = OutcomeSpace({f"i{j}": 10 for j in range(9)})
    utils = [AdditiveUtility(space, [rng.random(10) for _ in range(9)], rng.random(9)) for _ in range(2)]
    pts = solution_points(utils)
    pf = pareto_frontier(utils)
    assert pts["nash"].index in set(pf.indices.tolist())
    assert nash_point(utils).index == pts["nash"].index
    # utilitarian is separable: the per-issue argmax of the summed weighted scores
    best = [int(np.argmax(utils[0].tables[j] + utils[1].tables[j])) for j in range(9)]
    assert pts["utilitarian"].outcome == {f"i{j}": best[j] for j in range(9)}
