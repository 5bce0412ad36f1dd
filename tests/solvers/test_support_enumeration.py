"""Tests of solvers.support_enumeration: literature games, anchors, degeneracy, limits."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import NormalFormGame, generators
from solvers.errors import InvalidInputError, UnsupportedError
from solvers.strategies import bimatrix_games, degenerate_games
from solvers.support_enum import SupportEnumerationResult, support_enumeration


def test_von_stengel_three_equilibria():
    # von Stengel (2002), Handbook of Game Theory vol. 3, ch. 45, Fig. 2.1: exactly three
    # equilibria, listed in the order of support size.
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    r = support_enumeration(g)
    assert isinstance(r, SupportEnumerationResult) and r.ok and r.exact
    assert r.strategies == (
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    )
    assert r.supports == (((0,), (0,)), ((0, 1), (0, 1)), ((1, 2), (0, 1)))
    assert r.regrets == (0, 0, 0)
    # payoffs at the equilibria (Handbook Fig. 2.1): (3,3), (3, 14/5), (4, 8/3)
    assert [e.payoffs() for e in r.equilibria] == [(3, 3), (3, F(14, 5)), (4, F(8, 3))]
    rf = support_enumeration(g.as_float())
    assert not rf.exact and len(rf) == 3 and rf.max_regret <= 1e-12


@pytest.mark.parametrize(
    "A,B,eqs",
    [
        # matching pennies
        ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))]),
        # battle of the sexes (Luce & Raiffa 1957)
        ([[2, 0], [0, 1]], [[1, 0], [0, 2]],
         [((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1))),
          ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))]),
        # prisoner's dilemma: unique (defect, defect)
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], [((F(0), F(1)), (F(0), F(1)))]),
        # Shapley (1964) 3x3 game: unique equilibrium, uniform
        ([[0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
         [((F(1, 3),) * 3, (F(1, 3),) * 3)]),
        # rock-paper-scissors
        ([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
         [((F(1, 3),) * 3, (F(1, 3),) * 3)]),
    ],
)
def test_textbook_games(A, B, eqs):
    r = support_enumeration(NormalFormGame.bimatrix(A, B))
    assert r.ok
    assert r.strategies == tuple(eqs)


def test_transposed_orientation():
    g = generators.random_game((3, 7), 11)
    r = support_enumeration(g)
    rt = support_enumeration(g.transpose())
    assert len(r) == len(rt)
    mine = {tuple(np.round(np.concatenate(e.strategies), 9)) for e in r.equilibria}
    theirs = {tuple(np.round(np.concatenate(e.strategies[::-1]), 9)) for e in rt.equilibria}
    assert mine == theirs
    for eq, (I, J) in zip(r.equilibria, r.supports):
        assert tuple(np.nonzero(eq.strategies[0])[0]) == I
        assert tuple(np.nonzero(eq.strategies[1])[0]) == J


@settings(max_examples=15)
@given(st.integers(0, 2**31), st.integers(1, 7), st.integers(1, 7))
def test_against_quantecon(seed, m, n):
    qe = pytest.importorskip("quantecon.game_theory")
    g = generators.random_game((m, n), seed)
    A, B = g.payoffs
    ours = support_enumeration(g)
    theirs = qe.support_enumeration(qe.NormalFormGame((qe.Player(A), qe.Player(B.T))))
    assert ours.ok and len(ours) == len(theirs)
    # same sets (QuantEcon orders supports colexicographically, we lexicographically)
    for x, y in theirs:
        assert sum(np.allclose(eq.strategies[0], x, atol=1e-8) and np.allclose(eq.strategies[1], y, atol=1e-8)
                   for eq in ours.equilibria) == 1
    assert ours.max_regret <= 1e-9


@pytest.mark.parametrize("seed,m,n", [(0, 8, 8), (1, 9, 8), (2, 8, 10), (3, 10, 10), (4, 11, 9)])
def test_against_quantecon_pruned_kernel_sizes(seed, m, n):
    # games large enough for the kernel's reduced-row DFS with positivity pruning and the
    # parallel default (from 8 actions): same equilibrium set as QuantEcon, serial = parallel
    qe = pytest.importorskip("quantecon.game_theory")
    g = generators.random_game((m, n), 100 + seed)
    A, B = g.payoffs
    theirs = qe.support_enumeration(qe.NormalFormGame((qe.Player(A), qe.Player(B.T))))
    for par in (True, False):
        ours = support_enumeration(g, parallel=par)
        assert ours.ok and len(ours) == len(theirs) and ours.max_regret <= 1e-9
        for x, y in theirs:
            assert sum(np.allclose(eq.strategies[0], x, atol=1e-8)
                       and np.allclose(eq.strategies[1], y, atol=1e-8) for eq in ours.equilibria) == 1


def test_against_nashpy():
    nash = pytest.importorskip("nashpy")
    for seed in range(5):
        g = generators.random_game((5, 5), seed)
        A, B = g.payoffs
        theirs = list(nash.Game(A, B).support_enumeration())
        ours = support_enumeration(g)
        assert len(ours) == len(theirs)
        for x, y in theirs:
            assert any(np.allclose(e.strategies[0], x, atol=1e-8) and np.allclose(e.strategies[1], y, atol=1e-8)
                       for e in ours.equilibria)


@settings(max_examples=25)
@given(st.integers(0, 2**31), st.integers(1, 5), st.integers(1, 5))
def test_exact_and_float_agree(seed, m, n):
    g = generators.random_game((m, n), seed, 0, 1000, integer=True)
    re = support_enumeration(g)
    rf = support_enumeration(g, exact=False)
    assert re.exact and not rf.exact
    assert all(r == 0 for r in re.regrets)
    if re.ok:
        assert len(re) == len(rf) and len(re) % 2 == 1
        for a, b in zip(re.equilibria, rf.equilibria):
            for sa, sb in zip(a.strategies, b.strategies):
                assert np.allclose(np.array(sa, dtype=float), sb, atol=1e-9)


@settings(max_examples=30)
@given(bimatrix_games(max_actions=4, payoffs="fraction"))
def test_every_result_is_certified(g):
    r = support_enumeration(g)
    assert r.exact
    for eq in r.equilibria:
        assert eq.is_nash() and eq.max_regret() == 0
    assert r.status in ("ok", "degenerate")
    # a game always has an equilibrium; support enumeration finds one unless degenerate
    if r.ok:
        assert len(r) % 2 == 1


def test_degenerate_games_are_reported():
    # duplicated rows: (0, j) and (1, j) tie for the row player
    g = NormalFormGame.bimatrix([[1, 1], [1, 1]], [[1, 0], [1, 0]])
    r = support_enumeration(g)
    assert r.status == "degenerate" and "degenerate" in r.message
    assert all(e.is_nash() for e in r.equilibria) and len(r) >= 1
    # von Stengel (2002), Sect. 2.6: the degenerate 3x2 variant (B[0] = (3, 3)): the pure
    # strategy (1,0,0) has two best responses
    g2 = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    r2 = support_enumeration(g2)
    assert r2.status == "degenerate"
    assert all(e.is_nash() for e in r2.equilibria)
    assert ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))) in r2.strategies


def test_degenerate_generators_certified():
    for seed in range(5):
        for g in (generators.degenerate_game(5, 5, seed=seed), generators.duplicated_rows_game(6, 4, seed)):
            r = support_enumeration(g)
            assert all(e.is_nash() for e in r.equilibria)
            assert r.status in ("ok", "degenerate")


def test_max_supports_truncates():
    g = generators.random_game((6, 6), 2)
    full = support_enumeration(g)
    r = support_enumeration(g, max_supports=10)
    assert r.status == "truncated" and r.pairs_checked <= 10 and "max_supports=10" in r.message
    assert set(r.strategies) <= set(full.strategies)
    assert full.pairs_checked <= 923  # C(12, 6) - 1 pairs at most


def test_parallel_and_serial_agree():
    g = generators.random_game((9, 9), 4)
    a = support_enumeration(g, parallel=True)
    b = support_enumeration(g, parallel=False)
    assert a.strategies == b.strategies and a.supports == b.supports


def test_covariance_games():
    # strongly anti-correlated (near zero-sum) and positively correlated games
    for rho in (-0.9, 0.0, 0.9):
        g = generators.covariance_game((6, 6), rho, 1)
        r = support_enumeration(g)
        assert r.ok and len(r) % 2 == 1 and r.max_regret <= 1e-9


@pytest.mark.parametrize(
    "kwargs",
    [{"max_supports": 0}, {"max_supports": 1.5}, {"tol": -1.0}, {"exact": 1}, {"parallel": "yes"}],
)
def test_bad_arguments(kwargs):
    g = NormalFormGame.bimatrix([[1, 2]], [[2, 1]])
    with pytest.raises(InvalidInputError) as info:
        support_enumeration(g, **kwargs)
    assert "support_enumeration(): " in str(info.value)


def test_unsupported():
    with pytest.raises(UnsupportedError):
        support_enumeration(generators.random_game((2, 2, 2), 1))


def test_small_exact_path_matches_kernel_path():
    # small exact games are enumerated pair by pair in Fractions; larger ones by the float
    # kernel and an exact re-solve: the two agree on games around the threshold
    import solvers.support_enum as se_mod

    for seed in range(6):
        g = generators.random_game((4, 4), seed, 0, 9, integer=True)
        a = support_enumeration(g)
        old = se_mod._SMALL_EXACT_PAIRS
        try:
            se_mod._SMALL_EXACT_PAIRS = 0
            b = support_enumeration(g)
        finally:
            se_mod._SMALL_EXACT_PAIRS = old
        assert a.strategies == b.strategies and a.status == b.status


def test_equal_to_gambit_enummixed_on_nondegenerate_games():
    # for nondegenerate games the equilibria are exactly the extreme equilibria that
    # Gambit's enummixed_solve lists (rational arithmetic)
    gbt = pytest.importorskip("pygambit")
    compared = 0
    for seed in range(4):
        g = generators.random_game((5, 4), seed, 0, 1000, integer=True)
        r = support_enumeration(g)
        if not r.ok:  # pragma: no cover - a degenerate draw; skip it
            continue
        compared += 1
        A = [[int(v) for v in row] for row in g.payoffs[0].tolist()]
        B = [[int(v) for v in row] for row in g.payoffs[1].tolist()]
        res = gbt.nash.enummixed_solve(gbt.Game.from_arrays(A, B), rational=True)
        theirs = set()
        for e in res.equilibria:
            vals = [F(str(v)) for _, v in e]
            theirs.add((tuple(vals[:5]), tuple(vals[5:])))
        assert set(r.strategies) == theirs
    assert compared >= 3


# --- degeneracy detection: exact and float agree, "ok" means complete ---------------------

def _strategy_set(r, digits=8):
    return {tuple(np.round(np.concatenate([np.array(s, dtype=float) for s in e.strategies]), digits))
            for e in r.equilibria}


def _both_paths(g):
    """Results on the small pair-by-pair exact path and on the numba-kernel path."""
    import solvers.support_enum as se_mod

    out = [support_enumeration(g)]
    old = se_mod._SMALL_EXACT_PAIRS, se_mod._SMALL_FLOAT_PAIRS
    try:
        se_mod._SMALL_EXACT_PAIRS = se_mod._SMALL_FLOAT_PAIRS = 0
        out.append(support_enumeration(g))
    finally:
        se_mod._SMALL_EXACT_PAIRS, se_mod._SMALL_FLOAT_PAIRS = old
    return out


def test_float_path_reports_degeneracy_like_exact():
    # regression: the float path said "ok" with only ((0,1),(0,1)); the column player is
    # indifferent against row 1, so the game is degenerate and the extreme equilibria are
    # ((0,1),(0,1)) and ((0,1),(1/2,1/2)) (checked with extreme_equilibria below)
    g = NormalFormGame.bimatrix([[1, 1], [0, 2]], [[0, 1], [1, 1]])
    from solvers import extreme_equilibria

    ext = _strategy_set(extreme_equilibria(g))
    assert ext == {(0.0, 1.0, 0.0, 1.0), (0.0, 1.0, 0.5, 0.5)}
    for h in (g, g.as_float(), g.transpose(), g.transpose().as_float()):
        for r in _both_paths(h):
            assert r.status == "degenerate", (h.exact, r)
            assert "may be missing" in r.message and "extreme_equilibria" in r.message
            assert all(e.is_nash(tol=1e-9) for e in r.equilibria)
    assert ((F(0), F(1)), (F(0), F(1))) in support_enumeration(g).strategies


def test_degeneracy_without_degenerate_equilibrium_found():
    # every equilibrium of this 3x2 game needs a degenerate support pair, so support
    # enumeration finds none; the old code answered "ok" with no equilibrium at all.  Row 0
    # gives the column player 0 against both columns (two best responses to a pure strategy).
    A = [[2, 2], [3, 0], [0, 3]]
    B = [[0, 0], [1, 2], [2, 1]]
    g = NormalFormGame.bimatrix(A, B)
    from solvers import extreme_equilibria

    assert len(extreme_equilibria(g).equilibria) == 2
    for h in (g, g.as_float(), g.transpose(), g.transpose().as_float()):
        for r in _both_paths(h):
            assert r.status == "degenerate" and len(r) == 0
            assert "more than k pure best responses" in r.message


def test_missed_extreme_equilibrium_is_flagged():
    # found by search: 3x2; support enumeration finds 1 of the 2 extreme equilibria, and
    # the one it finds is nondegenerate; the evidence is elsewhere (row 2 pays the column
    # player 0 against both columns)
    g = NormalFormGame.bimatrix([[2, 1], [0, 3], [1, 2]], [[1, 2], [0, 1], [0, 0]])
    from solvers import extreme_equilibria

    assert len(extreme_equilibria(g).equilibria) == 2
    for h in (g, g.transpose()):
        for hh in (h, h.as_float()):
            for r in _both_paths(hh):
                assert r.status == "degenerate" and len(r) == 1


def test_mixed_witness_on_one_side_only():
    # found by search: no pure strategy has two pure best responses and the one equilibrium
    # is nondegenerate, but y = (1/2, 1/2) gives all three rows payoff 1 (3 best responses,
    # support 2): degenerate, and only on the column player's side (the transposed game has
    # it on the row side); both enumeration passes are exercised
    A = [[0, 2], [2, 0], [1, 1]]
    B = [[0, 3], [1, 3], [1, 2]]
    g = NormalFormGame.bimatrix(A, B)
    for h in (g, g.transpose()):
        for hh in (h, h.as_float()):
            for r in _both_paths(hh):
                assert r.status == "degenerate" and len(r) == 1
                assert "more than k pure best responses" in r.message


def test_nondegenerate_game_is_ok_on_every_path():
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    for h in (g, g.as_float(), g.transpose(), g.transpose().as_float()):
        for r in _both_paths(h):
            assert r.ok and len(r) == 3 and r.message == ""


def _int_game(t):
    seed, m, n, hi = t
    return generators.random_game((m, n), seed, 0, hi, integer=True)


@settings(max_examples=60)
@given(st.one_of(degenerate_games(max_actions=4),
                 st.tuples(st.integers(0, 2**31), st.integers(1, 5), st.integers(1, 5),
                           st.integers(1, 40)).map(_int_game)),
       st.booleans())
def test_exact_and_float_status_agree_and_ok_is_complete(g, kernel):
    # von Stengel (2002), Thm 2.10: in a nondegenerate game support enumeration finds every
    # equilibrium and all of them are isolated, i.e. the extreme equilibria (lrsnash's set)
    from solvers import extreme_equilibria
    import solvers.support_enum as se_mod

    old = se_mod._SMALL_EXACT_PAIRS, se_mod._SMALL_FLOAT_PAIRS
    try:
        if kernel:
            se_mod._SMALL_EXACT_PAIRS = se_mod._SMALL_FLOAT_PAIRS = 0
        re = support_enumeration(g)
        rf = support_enumeration(g.as_float())
    finally:
        se_mod._SMALL_EXACT_PAIRS, se_mod._SMALL_FLOAT_PAIRS = old
    assert re.status == rf.status, (g.payoffs, re.message, rf.message)
    assert re.status in ("ok", "degenerate")
    assert all(e.is_nash() for e in re.equilibria)
    if re.ok:
        ext = _strategy_set(extreme_equilibria(g, components=False))
        assert _strategy_set(re) == ext
        assert _strategy_set(rf) == ext


def test_parallel_and_serial_agree_on_degeneracy():
    # the witness search runs per thread in the parallel kernel: same status as serial, and
    # as the exact game's (exact re-solve of the kernel's witnesses)
    for g in (generators.random_game((10, 10), 5, 0, 1000, integer=True),
              generators.random_game((10, 10), 6, 0, 3, integer=True),
              generators.degenerate_game(10, 10, seed=1)):
        gf = g.as_float()
        a = support_enumeration(gf, parallel=True)
        b = support_enumeration(gf, parallel=False)
        e = support_enumeration(g)
        assert a.status == b.status == e.status
        assert a.strategies == b.strategies
    assert support_enumeration(generators.random_game((10, 10), 6, 0, 3, integer=True)).status == "degenerate"


# --- the kernel: py_func twin, chunked (threaded) runs, one compiled specialization --------

def _kernel_run(f, A, B, t0=0, step=1, xonly=False, cap=64, ws=None):
    from solvers._kernels import support as KS

    m, n = A.shape
    out = [np.zeros((cap, m)), np.zeros((cap, n)), np.zeros(cap, np.int64), np.zeros(cap, np.int64),
           np.zeros(5, np.int64), np.zeros((16, 1 + 2 * min(m, n)), np.int64)]
    f(A, B, 1e-9, 1e-12, 1e-13, KS.NO_LIMIT, *out[:5], xonly, out[5], KS.NO_LIMIT, t0, step,
      *(KS.workspace(B.shape) if ws is None else ws))
    return out


def _positive(g):
    from solvers.complementary_pivoting import _positive_float

    return _positive_float(g)[:2]


def test_witness_kernel_py_func_twin_and_chunks():
    # the jitted kernel equals its pure-Python twin, and splitting the row supports into
    # chunks (rank % step == t0, what the threads run) changes nothing but the bookkeeping
    from solvers._kernels import support as KS

    f = KS.support_enumeration_witness_kernel
    games = [generators.random_game((5, 5), 3), generators.random_game((4, 6), 8),
             generators.degenerate_game(5, 5, seed=2), generators.duplicated_rows_game(5, 4, 1)]
    for g in games:
        for A, B, xonly in ((*_positive(g), False), (*[np.ascontiguousarray(M.T) for M in _positive(g)[::-1]], True)):
            a = _kernel_run(f, A, B, xonly=xonly)
            b = _kernel_run(f.py_func, A, B, xonly=xonly)
            c = int(a[4][1])
            assert np.array_equal(a[4], b[4]) and np.array_equal(a[5], b[5])
            assert np.allclose(a[0][:c], b[0][:c], atol=1e-12) and np.allclose(a[1][:c], b[1][:c], atol=1e-12)
            assert np.array_equal(a[2][:c], b[2][:c])
            # three chunks: the same pairs, equilibria (by row-support rank) and witness count
            parts = [_kernel_run(f, A, B, t0, 3, xonly) for t0 in range(3)]
            assert sum(int(p[4][2]) for p in parts) == a[4][2]
            assert sum(int(p[4][4]) for p in parts) == a[4][4]
            rows = sorted((int(p[2][e]), e, t) for t, p in enumerate(parts) for e in range(int(p[4][1])))
            assert [r for r, _, _ in rows] == list(a[2][:c])
            X = np.array([parts[t][0][e] for _, e, t in rows]).reshape(c, A.shape[0])
            assert np.allclose(X, a[0][:c])
    # a singular y-system (rows 0 and 1 of A agree on columns 0, 1) is counted, and row 2
    # (B = 1.5, 1.5, 1.0) is a pure strategy with two best responses: witnesses
    A = np.array([[1.0, 2.0, 1.5], [1.0, 2.0, 1.2], [2.0, 1.0, 1.1]])
    B = np.array([[2.0, 1.0, 1.3], [1.0, 2.0, 1.4], [1.5, 1.5, 1.0]])
    a = _kernel_run(f, A, B)
    b = _kernel_run(f.py_func, A, B)
    assert np.array_equal(a[4], b[4]) and a[4][3] == 1 and a[4][4] >= 1
    assert list(a[5][0, :3]) == [1, 2, 0]  # witness [k=1, I=(2,), J=(0,)]


def test_workspace_dominance_masks():
    # the kernel fills the conditional dominance masks H of the work arrays (workspace(): shape
    # only, so one set per thread and shape serves every call)
    from solvers._kernels import support as KS

    rng = np.random.default_rng(0)
    B = rng.integers(0, 4, (7, 5)).astype(float) + 1.0
    for f in (KS.support_enumeration_witness_kernel, KS.support_enumeration_witness_kernel.py_func):
        ws = KS.workspace((7, 5))
        ws[6][:] = -1
        out = _kernel_run(f, B, B, ws=ws)
        H = ws[6]
        for j in range(5):
            for j2 in range(5):
                assert H[j, j2] == sum(1 << i for i in range(7) if B[i, j2] > B[i, j])
        assert np.array_equal(ws[1][6, :7], B.min(axis=1))  # the row minima
        # the masks only prune: a second call on reused work arrays answers the same
        again = _kernel_run(f, B, B, ws=ws)
        assert all(np.array_equal(a, b) for a, b in zip(out, again))
    B = np.ones((63, 2)) + np.arange(2)
    ws = KS.workspace(B.shape)
    ws[6][:] = 0
    _kernel_run(KS.support_enumeration_witness_kernel, B, B, ws=ws)
    assert not ws[6].any()  # no masks beyond 62 rows


def test_kernel_compiles_one_specialization(monkeypatch):
    # cold-cache compile time: every call site (serial, threaded, witness-only pass, exact
    # path, the batch wrapper) must reuse one specialization (no literal-typed arguments)
    from solvers._kernels import support as KS
    import solvers.support_enum as se_mod

    g = generators.random_game((9, 9), 1)
    support_enumeration(g, parallel=True)
    support_enumeration(g, parallel=False)
    support_enumeration(generators.random_game((6, 6), 2, 0, 9, integer=True))
    monkeypatch.setattr(se_mod, "_threads", lambda: 3)
    r3 = support_enumeration(g, parallel=True)
    assert r3.strategies == support_enumeration(g, parallel=False).strategies
    A, B = _positive(g)
    out = [np.empty((4, 9)), np.empty((4, 9)), np.empty(4, np.int64), np.empty(4, np.int64),
           np.zeros(5, np.int64)]
    KS.support_enumeration_kernel(A, B, 1e-9, 1e-12, 1e-13, 10**9, *out)
    assert out[4][0] in (KS.SE_OK, KS.SE_FULL)
    assert len(KS.support_enumeration_witness_kernel.signatures) == 1


def test_max_supports_also_bounds_the_degeneracy_proof():
    # regression: the witness-only pass over the transposed game visits other pairs than the
    # first pass; when max_supports stopped it, the answer still said "ok" (uncertified)
    g = generators.random_game((6, 6), 1)
    # (with max_supports, pairs_checked counts the support pass's pairs: the vertex path
    # does not run)
    main = support_enumeration(g, max_supports=10**9).pairs_checked
    other = support_enumeration(g.transpose(), max_supports=10**9).pairs_checked  # the second pass's pairs
    assert other > main
    r = support_enumeration(g, max_supports=main)
    assert r.status == "truncated" and "degeneracy check" in r.message
    assert r.strategies == support_enumeration(g).strategies
    assert support_enumeration(g, max_supports=other).ok


def test_threaded_path_after_fork():
    # the thread pool is per process: a forked child (multiprocessing's default on Linux)
    # must not wait on the parent's threads, which it does not have
    import multiprocessing as mp
    import os

    if not hasattr(os, "fork"):  # pragma: no cover
        pytest.skip("no fork")
    g = generators.random_game((9, 9), 3)
    want = len(support_enumeration(g, parallel=True))
    ctx = mp.get_context("fork")
    with ctx.Pool(1) as pool:
        got = pool.apply_async(_count_equilibria_threaded, (g,)).get(timeout=120)
    assert got == want


def _count_equilibria_threaded(g):
    return len(support_enumeration(g, parallel=True))


def test_exact_path_checks_every_float_witness(monkeypatch):
    # regression: on the exact path the kernel keeps the first _WITNESS_CAP float witnesses
    # (loose tolerance) and only those were re-solved exactly.  Here row 0 is a float near-tie
    # (1e9 vs 1e9 + 1, not a witness exactly) met first, and row 2 an exact tie (5, 5): the
    # pure strategy 2 has two best responses, so the game is degenerate.  With room for one
    # witness the old code answered "ok".
    import solvers.support_enum as se_mod

    big = 10**9
    g = NormalFormGame.bimatrix([[8, 6, 5], [3, 3, 1], [0, 0, 0]],
                                [[big, big + 1, 9], [5, 6, 9], [5, 5, 1]])
    monkeypatch.setattr(se_mod, "_SMALL_EXACT_PAIRS", 0)
    assert support_enumeration(g).status == "degenerate"
    monkeypatch.setattr(se_mod, "_WITNESS_CAP", 1)
    r = support_enumeration(g)
    assert r.status == "degenerate" and "more than k pure best responses" in r.message
    assert support_enumeration(g.transpose()).status == "degenerate"  # column side, stopped pass


def test_positive_scaled_equals_the_scale_helpers():
    # the one-pass setup of the float path gives the numbers of _positive_float and
    # solvers._scale (normalized payoffs, payoff scales, scale / span) exactly
    import solvers.support_enum as se_mod
    from solvers.complementary_pivoting import _positive_float

    rng = np.random.default_rng(4)
    games = [generators.random_game((5, 7), 1), NormalFormGame.bimatrix(np.full((3, 3), 2.5), rng.random((3, 3))),
             NormalFormGame.bimatrix(rng.random((4, 4)) * 1e-9, 1e9 + rng.integers(0, 3, (4, 4)).astype(float)),
             NormalFormGame.bimatrix(np.zeros((2, 3)), -np.ones((2, 3)))]
    for g in games:
        Af, Bf = g.float_payoffs()
        (Ap, Bp), scales, rel = se_mod._positive_scaled((Af, Bf))
        A0, B0, s0 = _positive_float(g)
        assert np.array_equal(Ap, A0) and np.array_equal(Bp, B0) and scales == s0
        assert rel == max(s / float(np.ptp(u)) if np.ptp(u) > 0 else 1.0 for s, u in zip(s0, (Af, Bf)))


def test_both_passes_at_once_and_a_preempted_thread(monkeypatch):
    # the threaded float path runs the first pass and the column side's witness-only pass in
    # one queue; a chunk held by a thread that stalls (the OS preempted it) is redone by the
    # caller, which does not wait for it: the same answer as the serial path, statuses included
    import threading
    import time

    import solvers.support_enum as se_mod

    monkeypatch.setenv("COOPTHEORY_JIT", "always")  # (the threaded path runs compiled kernels only)
    games = [generators.random_game((7, 7), 3), generators.random_game((6, 8), 4),
             generators.degenerate_game(7, 7, seed=3).as_float(),
             generators.duplicated_rows_game(7, 7, 2).transpose().as_float(),
             NormalFormGame.bimatrix(np.random.default_rng(9).integers(0, 3, (7, 7)).astype(float),
                                     np.random.default_rng(10).integers(0, 3, (7, 7)).astype(float))]
    # (vertex_path=False: the pass on nondegenerate games too)
    want = [_se_key(support_enumeration(g, parallel=False, vertex_path=False)) for g in games]
    assert {w[0] for w in want} == {"ok", "degenerate"}
    monkeypatch.setattr(se_mod, "_threads", lambda: 2)
    assert [_se_key(support_enumeration(g, parallel=True, vertex_path=False)) for g in games] == want
    main = threading.current_thread()
    real_ws = se_mod._ws
    claimed, release = threading.Event(), threading.Event()

    def slow_ws(K, m, n):
        if threading.current_thread() is not main:
            if not claimed.is_set():
                claimed.set()
                release.wait(60)  # a worker that took a chunk and then got no CPU
        else:
            claimed.wait(60)  # (let the worker take its chunk first)
        return real_ws(K, m, n)

    monkeypatch.setattr(se_mod, "_ws", slow_ws)
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1)
    monkeypatch.setattr(se_mod, "_pool", lambda: pool)
    try:
        monkeypatch.setattr(se_mod, "_BUSY_UNTIL", 0.0)
        got = _se_key(support_enumeration(games[0], parallel=True, vertex_path=False))
        assert claimed.is_set() and not release.is_set()  # answered while the worker held its chunk
        assert got == want[0]
        # and the default stays on one thread for a while (the other thread got no CPU)
        assert se_mod._BUSY_UNTIL > time.perf_counter() and not se_mod._threads_help()
    finally:
        release.set()
        pool.shutdown(wait=True)


def _se_key(r):
    return (r.status, r.supports, r.pairs_checked, r.message, r.strategies, r.regrets)


def test_default_threads_from_8x8_unless_the_machine_is_busy(monkeypatch):
    # from 8x8 the float path's default uses the threads, except for a while after a threaded
    # run in which the other threads got little CPU; the answer (params included) is the same
    import solvers.support_enum as se_mod

    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    monkeypatch.setattr(se_mod, "_threads", lambda: 2)
    calls = []
    real = se_mod._run_threaded
    monkeypatch.setattr(se_mod, "_run_threaded",
                        lambda *a, **k: calls.append((len(a[0]), k.get("extra") is not None)) or real(*a, **k))
    g = generators.random_game((8, 8), 5)
    got = {}
    for free in (False, True):
        monkeypatch.setattr(se_mod, "_threads_help", lambda free=free: free)
        got[free] = support_enumeration(g, vertex_path=False)  # (the pass)
        # the first pass and the column side's vertex walk in one queue
        assert calls == ([(1, True)] if free else [])
        assert support_enumeration(g.as_exact()).ok and calls == ([(1, True)] if free else [])  # (float path only)
    assert got[True] == got[False] and got[True].params["parallel"] is False
    monkeypatch.setattr(se_mod, "_threads_help", lambda: True)
    support_enumeration(generators.random_game((7, 8), 5), vertex_path=False)  # 6,435 pairs: serial
    support_enumeration(g, max_supports=10**6)
    assert calls == [(1, True)]


def test_float_degeneracy_recheck_keeps_binary_ties():
    # regression (hypothesis, tests/solvers/test_scale_invariance.py): the column payoffs of a
    # degenerate integer game scaled by 2**-31 (exact in binary) were re-decided through their
    # decimal text, where 2**-30 is not twice 2**-31: "ok" against the exact game's "degenerate"
    A = [[0, 0, 0], [0, 0, 0], [1, 1, 1]]
    B = [[0, 0, 1], [0, 2, 1], [3, 1, 2]]
    assert support_enumeration(NormalFormGame.bimatrix(A, B)).status == "degenerate"
    for k in (-31, -3, 0, 20):
        g = NormalFormGame.bimatrix(np.array(A, float), (np.array(B, float) - 1) * 2.0 ** k)
        r = support_enumeration(g)
        assert r.status == "degenerate"
        assert ("binary" in r.message) == (k == -31)  # (2**-3 and 2**20 multiples: exact decimal text)
