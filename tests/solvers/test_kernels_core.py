"""The numba kernels of the equilibrium core agree with their pure-Python twins (``py_func``)."""

import numpy as np

from solvers import generators
from solvers._kernels import batch as KB
from solvers._kernels import lemke_howson as KL
from solvers._kernels import support as KS


def _positive(g):
    A, B = (np.asarray(p, dtype=float) for p in g.float_payoffs())
    lo = min(A.min(), B.min())
    return A - lo + 1.0, B - lo + 1.0


def _lh_args(A, B, labels, capping, max_pivots=10_000):
    m, n = A.shape
    return [A, B, np.array(labels, np.int64), max_pivots, capping, 1e-12,
            np.empty((n, m + n + 1)), np.empty((m, m + n + 1)), np.empty(n, np.int64), np.empty(m, np.int64),
            np.empty(m), np.empty(n), np.zeros(4, np.int64), 48]


def test_lemke_howson_kernel_py_func():
    for seed in range(4):
        for g in (generators.random_game((5, 4), seed), generators.degenerate_game(4, 5, seed=seed)):
            A, B = _positive(g)
            for labels, cap in (([0], 0), ([3], 0), (list(range(9)), 2)):
                a1 = _lh_args(A, B, labels, cap)
                a2 = _lh_args(A, B, labels, cap)
                KL.lemke_howson_kernel(*a1)
                KL.lemke_howson_kernel.py_func(*a2)
                assert np.array_equal(a1[12], a2[12])  # status, label, pivots, total
                assert np.allclose(a1[10], a2[10]) and np.allclose(a1[11], a2[11])
                assert KL.bimatrix_regret(A, B, a1[10], a1[11]) <= 1e-9


def test_dense_and_product_form_paths_agree():
    # the dense tableau path (long paths) and the product-form path (short ones) pivot alike
    for seed in range(5):
        A, B = _positive(generators.random_game((12, 12), seed))
        m, n = A.shape
        for lab in (0, 5, 17):
            TP = np.empty((n, m + n + 1))
            TQ = np.empty((m, m + n + 1))
            bP = np.empty(n, np.int64)
            bQ = np.empty(m, np.int64)
            KL.lh_init_tableaux(A, B, TP, TQ, bP, bQ)
            # (with the cycle check's scratch space, as lh_dense calls it)
            st, piv = KL.lh_path(TP, TQ, bP, bQ, m, n, lab, 1000, 1e-12, np.empty(12, np.int64),
                                 np.empty(m + n + 1, np.int64), np.empty(n, np.int64), np.empty(m, np.int64))
            x = np.empty(m)
            y = np.empty(n)
            KL.lh_extract(TP, TQ, bP, bQ, m, n, x, y)
            args = _lh_args(A, B, [lab], 0)
            KL.lemke_howson_kernel(*args)
            assert st == 0 and args[12][2] == piv
            assert np.allclose(x, args[10]) and np.allclose(y, args[11])


def _se_args(A, B, cap=50):
    m, n = A.shape
    return [A, B, 1e-9, 1e-12, 1e-13, 10**9, np.empty((cap, m)), np.empty((cap, n)),
            np.empty(cap, np.int64), np.empty(cap, np.int64), np.zeros(5, np.int64)]


def test_support_kernel_py_func():
    for seed in range(3):
        for g in (generators.random_game((4, 5), seed), generators.degenerate_game(4, 4, seed=seed)):
            A, B = _positive(g)
            a1 = _se_args(A, B)
            a2 = _se_args(A, B)
            KS.support_enumeration_kernel(*a1)
            KS.support_enumeration_kernel.py_func(*a2)
            assert np.array_equal(a1[10], a2[10])
            c = a1[10][1]
            assert np.allclose(a1[6][:c], a2[6][:c]) and np.allclose(a1[7][:c], a2[7][:c])


def test_support_kernel_capacity_status():
    A, B = _positive(generators.random_game((6, 6), 0))
    args = _se_args(A, B, cap=1)
    KS.support_enumeration_kernel(*args)
    full = _se_args(A, B)
    KS.support_enumeration_kernel(*full)
    if full[10][1] > 1:
        assert args[10][0] == KS.SE_FULL
    else:
        assert args[10][0] == KS.SE_OK


def test_batch_kernel_py_func():
    rng = np.random.default_rng(0)
    A = rng.random((30, 3, 4))
    B = rng.random((30, 3, 4))
    outs = []
    for f in (KB.lemke_howson_batch_serial, KB.lemke_howson_batch_serial.py_func):
        o = [np.zeros((30, 3)), np.zeros((30, 4)), np.zeros(30), np.zeros(30, np.int64), np.zeros(30, np.int64)]
        f(A, B, 2, 1000, 1e-12, *o)
        outs.append(o)
    for a, b in zip(*outs):
        assert np.allclose(a, b)


def test_product_form_with_dense_fallback_equals_dense_path():
    # the wrapper's two stages (product form while eta_cap allows, then dense tableaux) follow
    # the same pivots as the dense-tableau path alone, short and long paths alike
    from solvers.complementary_pivoting import _run_kernel

    for seed in range(3):
        A, B = _positive(generators.random_game((40, 40), seed))
        m, n = A.shape
        for lab in (0, 7, 45):
            st, used, piv, tot, x, y, _, _ = _run_kernel(A, B, np.array([lab], np.int64), 100_000, 0, 1e-12)
            TP = np.empty((n, m + n + 1))
            TQ = np.empty((m, m + n + 1))
            xd = np.empty(m)
            yd = np.empty(n)
            info = np.zeros(4, np.int64)
            KL.lh_dense(A, B, lab, 100_000, 1e-12, TP, TQ, np.empty(n, np.int64), np.empty(m, np.int64),
                        xd, yd, info)
            assert [st, used, piv, tot] == info.tolist() and st == 0
            assert np.allclose(x, xd) and np.allclose(y, yd)
    # capped restarts: the compiled kernel equals its pure-Python twin, finished or not
    for seed in range(3):
        A, B = _positive(generators.random_game((12, 9), seed))
        for labels, cap, maxp in ((np.arange(21), 3, 1000), (np.arange(21), 1, 1000), (np.arange(21), 2, 5),
                                  (np.array([4]), 0, 1000)):
            res = []
            for f in (KL.lh_capped_pfi, KL.lh_capped_pfi.py_func):
                info = np.zeros(4, np.int64)
                x = np.empty(12)
                y = np.empty(9)
                f(A, B, labels, maxp, cap, 1e-12, np.empty(9, np.int64), np.empty(12, np.int64), x, y, info, 48)
                res.append((info, x, y))
            assert np.array_equal(res[0][0], res[1][0])
            assert np.allclose(res[0][1], res[1][1]) and np.allclose(res[0][2], res[1][2])
    A, B = _positive(generators.random_game((5, 5), 0))
    info1 = np.zeros(4, np.int64)
    info2 = np.zeros(4, np.int64)
    outs = [(np.empty(5), np.empty(5)), (np.empty(5), np.empty(5))]
    KL.lh_capped_pfi(A, B, np.arange(10), 1000, 3, 1e-12, np.empty(5, np.int64), np.empty(5, np.int64),
                     outs[0][0], outs[0][1], info1, 48)
    KL.lh_capped_pfi.py_func(A, B, np.arange(10), 1000, 3, 1e-12, np.empty(5, np.int64), np.empty(5, np.int64),
                             outs[1][0], outs[1][1], info2, 48)
    assert np.array_equal(info1, info2) and np.allclose(outs[0][0], outs[1][0])


def test_eta_capacity_hands_over_to_dense():
    # a final path longer than eta_cap is reported as LH_NEED_DENSE with the pivots done so far
    A, B = _positive(generators.random_game((40, 40), 1))
    lens = []
    for lab in range(80):
        info = np.zeros(4, np.int64)
        KL.lh_capped_pfi(A, B, np.array([lab]), 100_000, 0, 1e-12, np.empty(40, np.int64),
                         np.empty(40, np.int64), np.empty(40), np.empty(40), info, 10**6)
        lens.append(int(info[2]))
    lab = int(np.argmax(lens))
    assert lens[lab] > 8
    info = np.zeros(4, np.int64)
    KL.lh_capped_pfi(A, B, np.array([lab]), 100_000, 0, 1e-12, np.empty(40, np.int64),
                     np.empty(40, np.int64), np.empty(40), np.empty(40), info, 4)
    assert info.tolist() == [KL.LH_NEED_DENSE, lab, 0, 0]


def test_float_kernel_never_cycles_on_degenerate_games():
    # lexicographic ratio test in float64: every label terminates at an equilibrium
    from solvers.complementary_pivoting import _run_kernel

    for seed in range(8):
        for g in (generators.degenerate_game(6, 6, seed=seed), generators.duplicated_rows_game(8, 5, seed),
                  generators.degenerate_game(5, 7, values=(0, 1), seed=seed)):
            A, B = _positive(g)
            for lab in range(sum(g.shape)):
                st, _, piv, _, x, y, _, _ = _run_kernel(A, B, np.array([lab], np.int64), 10_000, 0, 1e-12)
                assert st == 0 and piv < 10_000
                assert KL.bimatrix_regret(A, B, x, y) <= 1e-9
