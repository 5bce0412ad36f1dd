"""The support-enumeration kernel's pruning loses nothing: it equals a brute force over every
support pair (equilibria and degeneracy witnesses), and its column order changes no answer."""

import itertools

import numpy as np
import pytest

from solvers import NormalFormGame, generators
from solvers._kernels import support as KS
from solvers.complementary_pivoting import _positive_float
from solvers.support_enum import support_enumeration


def _kernel(A, B, tol=1e-9, xonly=False):
    m, n = A.shape
    cap = 512
    out = [np.zeros((cap, m)), np.zeros((cap, n)), np.zeros(cap, np.int64), np.zeros(cap, np.int64),
           np.zeros(5, np.int64), np.zeros((4096, 1 + 2 * min(m, n)), np.int64)]
    KS.support_enumeration_witness_kernel(A, B, tol, 1e-12, 1e-13, KS.NO_LIMIT, *out[:5], xonly, out[5],
                                          KS.NO_LIMIT, 0, 1, *KS.workspace(B.shape))
    info = out[4]
    c = int(info[1])
    eqs = sorted((tuple(np.round(out[0][e], 8)), tuple(np.round(out[1][e], 8))) for e in range(c))
    wits = sorted((tuple(w[1:1 + w[0]]), tuple(sorted(w[1 + w[0]:1 + 2 * w[0]])))
                  for w in out[5][:int(info[4])].tolist())
    return info, eqs, wits


def _singular(M):
    # |det| against Hadamard's bound (the product of the row norms)
    return abs(np.linalg.det(M)) <= 1e-10 * np.prod(np.linalg.norm(M, axis=1))


def _brute(A, B, tol=1e-9):
    """Every support pair (I, J), |I| = |J|, solved with numpy: the equilibria, and the row
    strategies with support I that make J indifferent, beat by no column and have more than |I|
    best responses (the kernel's degeneracy witnesses, von Stengel 2002, Def. 2.5)."""
    m, n = A.shape
    eqs, wits = [], []
    for k in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                BI = B[np.ix_(I, J)]
                if _singular(BI):
                    continue
                z = np.linalg.solve(BI.T, np.ones(k))
                if z.min() <= 1e-12 * np.abs(z).max():
                    continue
                u = 1.0 / z.sum()
                pay = u * (z @ B[list(I), :])
                if pay.max() > u + tol:
                    continue
                if (pay >= u - tol).sum() > k:
                    wits.append((I, J))
                AJ = A[np.ix_(I, J)]
                if _singular(AJ):
                    continue
                w = np.linalg.solve(AJ, np.ones(k))
                if w.min() <= 1e-12 * np.abs(w).max():
                    continue
                v = 1.0 / w.sum()
                if (A[:, list(J)] @ w).max() * v > v + tol:
                    continue
                x = np.zeros(m)
                y = np.zeros(n)
                x[list(I)] = z * u
                y[list(J)] = w * v
                eqs.append((tuple(np.round(x, 8)), tuple(np.round(y, 8))))
    return sorted(eqs), sorted(wits)


def _games(seeds):
    for s in seeds:
        yield generators.random_game((5, 5), s)
        yield generators.random_game((4, 6), 10 + s)
        yield generators.random_game((5, 5), 20 + s, 0, 3, integer=True)
        yield generators.degenerate_game(5, 4, seed=s)
        yield generators.duplicated_rows_game(5, 5, s)


@pytest.mark.parametrize("tol,seeds", [(1e-9, range(3)), (1e-3, range(3, 4))])
def test_kernel_equals_brute_force(tol, seeds):
    # both passes (row strategies; column strategies on the transposed game): the same
    # equilibria and the same degeneracy witnesses as solving every support pair
    nwit = 0
    for g in _games(seeds):
        A, B = _positive_float(g)[:2]
        for AA, BB, xonly in ((A, B, False), (np.ascontiguousarray(B.T), np.ascontiguousarray(A.T), True)):
            info, eqs, wits = _kernel(AA, BB, tol, xonly)
            beqs, bwits = _brute(AA, BB, tol)
            assert wits == bwits and info[4] == len(bwits)
            if not xonly:
                assert eqs == beqs
            nwit += len(wits)
    assert nwit > 10  # the degenerate games do have witnesses


def test_prune_cuts_the_search():
    # the best-response prune and the column order: 10 x 10 seed 0 visited 55,426 support
    # pairs in the first pass before them, 12,550 with them
    A, B = _positive_float(generators.random_game((10, 10), 0))[:2]
    info, eqs, _ = _kernel(A, B)
    assert info[0] == KS.SE_OK and info[2] <= 20_000 and len(eqs) == int(info[1]) > 1


def test_column_and_row_order_change_nothing():
    # the kernel orders the columns by payoff sum per row support; permuting the game's
    # actions permutes the answer and nothing else
    rng = np.random.default_rng(5)
    for s in range(4):
        g = generators.random_game((7, 7), 40 + s)
        A, B = g.float_payoffs()
        p = rng.permutation(7)
        q = rng.permutation(7)
        h = NormalFormGame.bimatrix(A[np.ix_(p, q)], B[np.ix_(p, q)])
        r1 = support_enumeration(g)
        r2 = support_enumeration(h)
        assert r1.status == r2.status == "ok" and len(r1) == len(r2) > 0
        e1 = sorted((tuple(np.round(x, 9)), tuple(np.round(y, 9)))
                    for x, y in (e.strategies for e in r1.equilibria))
        e2 = sorted((tuple(np.round(np.asarray(x, float)[np.argsort(p)], 9)),
                     tuple(np.round(np.asarray(y, float)[np.argsort(q)], 9)))
                    for x, y in (e.strategies for e in r2.equilibria))
        assert e1 == e2


def _se_key(e):
    I = tuple(np.flatnonzero(np.array(e[0]) > 0).tolist())
    J = tuple(np.flatnonzero(np.array(e[1]) > 0).tolist())
    return len(I), I, J


@pytest.mark.parametrize("shape,seed", [((5, 5), 18), ((4, 6), 118), ((5, 5), 164)])
def test_full_output_keeps_the_first_equilibria_in_support_order(shape, seed):
    # solve_batch takes "the first equilibrium in support-enumeration order" from a one-row
    # output.  In these games the first two equilibria share their row support and the
    # kernel's column order meets the second first (SE_FULL_ROW); the plain entry point then
    # re-solves that row support and keeps the lexicographically first column support.
    A, B = _positive_float(generators.random_game(shape, seed))[:2]
    m, n = A.shape
    eqs = sorted(_brute(A, B)[0], key=_se_key)
    assert len(eqs) >= 2 and _se_key(eqs[0])[:2] == _se_key(eqs[1])[:2]
    raw = [np.zeros((1, m)), np.zeros((1, n)), np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(5, np.int64)]
    KS.support_enumeration_witness_kernel(A, B, 1e-9, 1e-12, 1e-13, KS.NO_LIMIT, *raw, False,
                                          np.zeros((0, 1), np.int64), KS.NO_LIMIT, 0, 1, *KS.workspace(B.shape))
    assert raw[4][0] == KS.SE_FULL_ROW
    for cap in (1, 2):
        out = [np.zeros((cap, m)), np.zeros((cap, n)), np.zeros(cap, np.int64), np.zeros(cap, np.int64),
               np.zeros(5, np.int64)]
        KS.support_enumeration_kernel(A, B, 1e-9, 1e-12, 1e-13, KS.NO_LIMIT, *out)
        got = [(tuple(np.round(out[0][e], 8)), tuple(np.round(out[1][e], 8))) for e in range(int(out[4][1]))]
        assert got == eqs[:cap]
        assert out[4][0] == (KS.SE_FULL if len(eqs) > cap else KS.SE_OK)
