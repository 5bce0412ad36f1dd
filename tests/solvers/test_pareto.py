"""solvers.pareto: skyline filtering against a brute-force definition of dominance."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers.errors import InvalidInputError
from solvers.pareto import dominates, pareto_indices, pareto_mask


def brute(points):
    pts = np.asarray(points, dtype=float)
    keep = []
    for p in range(len(pts)):
        if not any(np.all(pts[q] >= pts[p]) and np.any(pts[q] > pts[p]) for q in range(len(pts))):
            keep.append(p)
    return np.array(keep, dtype=np.int64)


@given(
    st.integers(1, 6).flatmap(
        lambda n: hnp.arrays(
            np.float64, st.tuples(st.integers(0, 60), st.just(n)), elements=st.integers(-3, 3).map(float)
        )
    )
)
def test_matches_brute_force_with_ties(points):
    # small integer grid: many ties and duplicated vectors
    assert np.array_equal(pareto_indices(points), brute(points))


@pytest.mark.parametrize("n", [2, 3, 4, 7])
def test_random_large_against_chunked_check(n):
    rng = np.random.default_rng(n)
    pts = rng.random((3000, n))
    pts[100] = pts[7]  # a duplicate
    idx = pareto_indices(pts)
    assert np.array_equal(idx, pareto_indices(pts, pivots=0))
    assert np.array_equal(idx, brute(pts)) if n == 2 else True
    mask = pareto_mask(pts)
    # no survivor is dominated by any point; every non-survivor is dominated by a survivor
    for p in idx:
        assert not np.any(np.all(pts >= pts[p], axis=1) & np.any(pts > pts[p], axis=1))
    for p in np.flatnonzero(~mask)[:200]:
        assert np.any(np.all(pts[idx] >= pts[p], axis=1) & np.any(pts[idx] > pts[p], axis=1))


def test_duplicates_all_kept_and_one_column():
    pts = np.array([[1.0, 2.0], [1.0, 2.0], [0.0, 3.0], [0.0, 1.0]])
    assert pareto_indices(pts).tolist() == [0, 1, 2]
    assert pareto_indices([[1.0], [3.0], [3.0]]).tolist() == [1, 2]
    assert pareto_indices(np.zeros((0, 3))).tolist() == []
    assert dominates([1, 2], [1, 1]) and not dominates([1, 2], [1, 2])


def test_bad_input():
    with pytest.raises(InvalidInputError, match="points"):
        pareto_indices([[1.0, np.nan]])
    with pytest.raises(InvalidInputError, match="2-d"):
        pareto_indices([1.0, 2.0])
