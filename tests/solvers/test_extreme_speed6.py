"""The float path of ``extreme_equilibria`` after its speed-up (issue 3, session 6).

``float_equilibria`` replaced a dozen NumPy calls and a Python sort: its strategies and order
must be bit for bit those of the NumPy expressions it replaced (kept here as the reference),
its payoffs and regrets equal to rounding; the walk's tables now start sized for the game and
grow outside its hot loop, which the walk must survive on games with more bases than that
room (cross-checked against the two-thread walk run alone in the other variable order).
"""

from __future__ import annotations

import numpy as np
import pytest

from solvers import NormalFormGame
from solvers._scale import normalized_with_scale
from solvers._tier import python_twins
from solvers.extreme import (
    _FLOAT_BAND,
    _MAX_COMBOS,
    ExtremeEquilibriaResult,
    _core,
    _labels,
    extreme_equilibria,
)
from solvers.numbers import DEFAULT_TOL


def _reference(pnum, qnum, pairs, A, B):
    """The float path's former NumPy post-processing (extreme.py before session 6)."""
    X = pnum[pairs[:, 0]]
    X /= X.sum(axis=1)[:, None]
    Y = qnum[pairs[:, 1]]
    Y /= Y.sum(axis=1)[:, None]
    if len(pairs) > 1:
        keys = np.round(np.concatenate([X, Y], axis=1), 9).tolist()
        order = sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
        X, Y, pairs = X[order], Y[order], pairs[order]
    AY = Y @ A.T
    XB = X @ B
    u1 = (X * AY).sum(axis=1)
    u2 = (Y * XB).sum(axis=1)
    r1 = np.maximum(AY.max(axis=1) - u1, 0.0)
    r2 = np.maximum(XB.max(axis=1) - u2, 0.0)
    return X, Y, pairs, u1, u2, np.maximum(r1, r2), r1.max(), r2.max()


def _core_of(A, B):
    m, n = A.shape
    Bn, _, _ = normalized_with_scale(B)
    An, _, _ = normalized_with_scale(A)
    lab_p, lab_q = _labels(m, n)
    return _core(np.ascontiguousarray(Bn.T), np.ascontiguousarray(An), lab_p, lab_q, "float", DEFAULT_TOL,
                 10**6, hi=_FLOAT_BAND, threads=False)


def _games(rng, count):
    for t in range(count):
        m, n = (int(v) for v in rng.integers(1, 9, 2))
        kind = t % 4
        if kind == 0:
            yield rng.random((m, n)), rng.random((m, n))
        elif kind == 1:  # duplicated rows and columns: equal rounded keys, shared vertices
            A, B = rng.random((m, n)), rng.random((m, n))
            A[-1], B[-1] = A[0], B[0]
            A[:, -1], B[:, -1] = A[:, 0], B[:, 0]
            yield A, B
        elif kind == 2:  # a coordination game: 2^min(m, n) - 1 equilibria, many sorted
            k = min(m, n)
            yield np.eye(k) + 1e-3 * rng.random((k, k)), np.eye(k) + 1e-3 * rng.random((k, k))
        else:  # integers and noise, payoffs far from [0, 1]
            yield 1e6 + rng.integers(0, 4, (m, n)) + 1e-3 * rng.random((m, n)), -5.0 * rng.random((m, n))


def test_float_equilibria_is_the_numpy_post_processing():
    """Strategies and order bit for bit, payoffs and regrets to rounding (plain sums against
    BLAS), in both tiers; the games include ties of the rounded keys and 2^k - 1 equilibria."""
    from solvers._kernels.vertex_enum import float_equilibria

    twin = python_twins("solvers._kernels.vertex_enum")["float_equilibria"]
    rng = np.random.default_rng(6)
    checked = many = 0
    for A, B in _games(rng, 160):
        core = _core_of(A, B)
        if core is None or not len(core[8]):
            continue
        pnum, qnum, pairs = core[3], core[6], core[8]
        X, Y, ps, u1, u2, reg, r1m, r2m = _reference(pnum, qnum, pairs, A, B)
        m, n = A.shape
        for kernel in (float_equilibria, twin):
            with np.errstate(all="ignore"):
                F, ps2, r1m2, r2m2 = kernel(pnum, qnum, pairs, len(pairs), A, B)
            assert np.array_equal(F[:, :m], X) and np.array_equal(F[:, m:m + n], Y)
            assert np.array_equal(ps2, ps)
            scale = max(1.0, float(np.abs(A).max()), float(np.abs(B).max()))
            for got, want in ((F[:, m + n], u1), (F[:, m + n + 1], u2), (F[:, m + n + 2], reg)):
                assert np.allclose(got, want, rtol=0, atol=1e-14 * scale)
            assert abs(r1m2 - r1m) <= 1e-14 * scale and abs(r2m2 - r2m) <= 1e-14 * scale
        checked += 1
        many += len(pairs) >= 7
    assert checked >= 120 and many >= 10


def test_row_sum_is_numpys_sum():
    """``_row_sum`` is NumPy's pairwise sum of a row (rows up to 128: a plain sum below 8,
    then 8 accumulators), so the strategies are those of ``X / X.sum(axis=1)``."""
    from solvers._kernels.vertex_enum import _row_sum

    rng = np.random.default_rng(1)
    for n in list(range(1, 40)) + [63, 64, 65, 127, 128]:
        M = rng.random((5, n)) * rng.choice([1e-9, 1.0, 1e9], (5, n))
        sums = M.sum(axis=1)
        assert [_row_sum(M, t, n) for t in range(5)] == sums.tolist()


def test_fast_result_equals_the_constructed_one():
    g = NormalFormGame.bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]]).as_float()
    res = extreme_equilibria(g)
    ref = ExtremeEquilibriaResult(**{f: getattr(res, f) for f in res.__dataclass_fields__})
    assert res == ref and res.__dict__.keys() == ref.__dict__.keys()
    assert repr(res) == repr(ref) and res.to_dict() == ref.to_dict()
    # the battle of the sexes: (1, 0; 1, 0), (3/5, 2/5; 2/5, 3/5), (0, 1; 0, 1) in decreasing order
    assert [tuple(np.round(np.concatenate(e.strategies), 12)) for e in res] == [
        (1, 0, 1, 0), (0.6, 0.4, 0.4, 0.6), (0, 1, 0, 1)]
    assert res.components == ((0,), (1,), (2,)) and res.status == "ok" and res.arithmetic == "float"
    assert list(res.__dict__) == list(res.__dataclass_fields__)  # Result._trusted: every field, in order
    with pytest.raises(AttributeError):
        res.status = "failed"  # still frozen
    for e in res:
        for s in e.strategies:
            assert not s.flags.writeable


def test_walk_with_more_bases_than_its_initial_room():
    """The walk's tables start with room for about 2^(nv/2 + 1) bases (at most 4096 rows) and
    grow outside the hot loop; this 13x13 game has 9478 bases (the key table grows past 8192,
    the vertex table past 4096).  Its vertices equal those of the two-thread walk run alone in
    decreasing variable order (another depth-first tree, preallocated tables); on a 7x7 game the
    compiled walk equals its twin (NumPy bounds-checked indexing)."""
    from solvers._kernels.vertex_enum import enumerate_vertices, enumerate_vertices_shared

    rng = np.random.default_rng(13)
    B = normalized_with_scale(rng.random((13, 13)))[0]
    Cp = np.ascontiguousarray(B.T)
    lab, _ = _labels(13, 13)
    st, keys, _, _, V, bases, amb = enumerate_vertices(Cp, lab, False, DEFAULT_TOL, 0, 10**7, _FLOAT_BAND)
    assert st == 0 and amb == 0 and bases > 2 * 4096 and V > 4096  # past the initial room
    cap = 1 << 16
    own = (np.zeros((cap, 1), np.uint64), np.full(2 * cap, -1, np.int64))
    other = (np.zeros((1, 1), np.uint64), np.full(2, -1, np.int64))
    out = enumerate_vertices_shared(Cp, lab, DEFAULT_TOL, 10**7, _FLOAT_BAND, True, *own, *other,
                                    np.zeros(1, np.int64))
    assert out[0] == 0 and out[4] == V and out[5] == bases
    assert sorted(keys[:V, 0].tolist()) == sorted(out[1][:V, 0].tolist())
    twin = python_twins("solvers._kernels.vertex_enum")["enumerate_vertices"]
    C7 = np.ascontiguousarray(normalized_with_scale(rng.random((7, 7)))[0].T)
    lab7, _ = _labels(7, 7)
    a = enumerate_vertices(C7, lab7, False, DEFAULT_TOL, 0, 10**7, _FLOAT_BAND)
    with np.errstate(all="ignore"):
        b = twin(C7, lab7, False, DEFAULT_TOL, 0, 10**7, _FLOAT_BAND)
    V7 = a[4]
    assert a[4] == b[4] > 64 and a[5] == b[5]
    assert np.array_equal(a[1][:V7], b[1][:V7]) and np.array_equal(a[2][:V7], b[2][:V7])


def test_partners_past_the_initial_tables():
    """``partners`` grows its pair and y tables outside its vertex loop: a coordination game
    with 2^8 - 1 equilibria overfills the initial 64 rows several times; the compiled kernel
    and its twin agree, every pair once."""
    from solvers._kernels.vertex_enum import enumerate_vertices, partners

    rng = np.random.default_rng(8)
    A = np.eye(8) + 1e-3 * rng.random((8, 8))
    B = np.eye(8) + 1e-3 * rng.random((8, 8))
    Cp = np.ascontiguousarray(normalized_with_scale(B)[0].T)
    Cq = np.ascontiguousarray(normalized_with_scale(A)[0])
    lab, _ = _labels(8, 8)
    out = enumerate_vertices(Cp, lab, False, DEFAULT_TOL, 0, 10**6, _FLOAT_BAND)
    pk = out[1][:out[4]]
    a = partners(pk, Cq, False, DEFAULT_TOL, 0, _FLOAT_BAND, _MAX_COMBOS)
    twin = python_twins("solvers._kernels.vertex_enum")["partners"]
    with np.errstate(all="ignore"):
        b = twin(pk, Cq, False, DEFAULT_TOL, 0, _FLOAT_BAND, _MAX_COMBOS)
    assert a[0] == b[0] == 0 and a[2] == b[2] == 255 and a[6] == b[6] == 255
    assert np.array_equal(a[1][:255], b[1][:255]) and np.array_equal(a[4][:255], b[4][:255])
    assert len({tuple(p) for p in a[1][:255].tolist()}) == 255
    res = extreme_equilibria(NormalFormGame.bimatrix(A, B))
    assert len(res) == 255 and res.status == "ok" and res.arithmetic == "float"


def test_trusted_result_checks_fields_and_status():
    g = NormalFormGame.bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]]).as_float()
    fields = {f: getattr(extreme_equilibria(g), f) for f in ExtremeEquilibriaResult.__dataclass_fields__}
    assert ExtremeEquilibriaResult._trusted(**fields) == ExtremeEquilibriaResult(**fields)
    with pytest.raises(TypeError, match="_trusted"):
        ExtremeEquilibriaResult._trusted(**{k: v for k, v in fields.items() if k != "components"})
    with pytest.raises(ValueError, match="status must be one of"):
        ExtremeEquilibriaResult._trusted(**{**fields, "status": "fine"})
