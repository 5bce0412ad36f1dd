"""Support enumeration's vertex path (session 7): on the float path, clean walks of both
best-response polytopes stand in for the support pass.  The equilibria are the completely
labeled vertex pairs, solved with the pass's own arithmetic, so every answer equals the pass's
(status, supports, strategies bit for bit, regrets, params; only ``pairs_checked``, which then
counts the walks' vertices, and the pass's note on skipped singular systems differ)."""

from fractions import Fraction

import numpy as np
import pytest

import solvers.support_enum as se_mod
from solvers import NormalFormGame, extreme_equilibria, generators, support_enumeration
from solvers._kernels import support as KS
from solvers._kernels.vertex_enum import enumerate_vertices
from solvers._tier import python_twins
from tests.conftest import HEAVY_SCALE

_SINGULAR_NOTE = "singular indifference system"


def _key(r):
    """Everything but pairs_checked, with the pass's note on singular systems left out."""
    msg = "; ".join(p for p in r.message.split("; ") if _SINGULAR_NOTE not in p)
    return (r.status, msg, r.supports, r.strategies, tuple(float(v).hex() if isinstance(v, float) else v
                                                            for v in r.regrets), r.params, r.exact)


def _spy(monkeypatch):
    """Count the calls of _vertex_path that stood in for the pass."""
    hits = []
    real = se_mod._vertex_path

    def spy(*a, **kw):
        out = real(*a, **kw)
        hits.append(out[0] is not None)
        return out

    monkeypatch.setattr(se_mod, "_vertex_path", spy)
    return hits


def _both_ways(g, monkeypatch, **kw):
    new = support_enumeration(g, **kw)
    old = support_enumeration(g, vertex_path=False, **kw)
    assert _key(new) == _key(old), (g, kw)
    if new.max_regret is not None and new.status == "ok":
        assert new.max_regret <= 1e-9
    return new, old


def _families(seed, count, sizes=range(2, 9)):
    rng = np.random.default_rng(seed)
    sizes = list(sizes)
    for t in range(count):
        m, n = (int(rng.choice(sizes)) for _ in range(2))
        kind = t % 7
        if kind == 0:
            A, B = rng.random((m, n)), rng.random((m, n))
        elif kind == 1:  # small-range integers: ties, degenerate games
            A, B = rng.integers(0, 3, (m, n)).astype(float), rng.integers(0, 3, (m, n)).astype(float)
        elif kind == 2:  # a duplicated row or column
            A, B = rng.random((m, n)), rng.random((m, n))
            A[-1], B[-1] = A[0], B[0]
            if t % 2:
                A, B = B.T.copy(), A.T.copy()
        elif kind == 3:  # near ties at many scales
            eps = float(rng.choice([1e-13, 1e-10, 1e-9, 1e-8, 1e-6]))
            A = rng.integers(0, 4, (m, n)) + eps * rng.standard_normal((m, n))
            B = rng.integers(0, 4, (m, n)) + eps * rng.standard_normal((m, n))
        elif kind == 4:  # payoffs 0..99: nondegenerate mostly, singular subsystems common
            A, B = rng.integers(0, 100, (m, n)).astype(float), rng.integers(0, 100, (m, n)).astype(float)
        elif kind == 5:  # wide ranges
            A = rng.random((m, n)) * 10.0 ** float(rng.integers(-6, 7))
            B = rng.random((m, n)) * 10.0 ** float(rng.integers(-6, 7)) - 3.0
        else:  # zero-sum
            A = rng.random((m, n))
            B = -A
        yield NormalFormGame.bimatrix(A, B)


def test_vertex_path_gives_the_pass_answers(monkeypatch):
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    hits = _spy(monkeypatch)
    statuses = set()
    for i, g in enumerate(_families(7, 42, sizes=range(2, 7))):
        new, _ = _both_ways(g, monkeypatch, parallel=bool(i % 2))
        statuses.add(new.status)
    assert statuses == {"ok", "degenerate"}
    assert sum(hits) > 12 and not all(hits)  # (both routes taken)


def test_vertex_path_larger_games_and_options(monkeypatch):
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    hits = _spy(monkeypatch)
    for s in range(3):
        for shape in [(9, 9), (10, 8), (7, 11)]:
            g = generators.random_game(shape, 100 + s)
            _both_ways(g, monkeypatch)
            assert hits[-1]
            _both_ways(g, monkeypatch, tol=1e-6)  # (a 100x wider margin: often the pass)
    assert len(hits) == 18
    # max_supports and exact answers never take the vertex path
    hits.clear()
    g = generators.random_game((7, 7), 1)
    _both_ways(g, monkeypatch, max_supports=40)
    _both_ways(g, monkeypatch, exact=True)
    assert not hits


@pytest.mark.heavy
def test_vertex_path_gives_the_pass_answers_many_games(monkeypatch):
    # COOPTHEORY_HEAVY_SCALE=10 for thousands of games
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    for i, g in enumerate(_families(8, 30 * HEAVY_SCALE, sizes=range(1, 11))):
        _both_ways(g, monkeypatch, parallel=bool(i % 3))


def test_both_tiers_take_the_vertex_path(monkeypatch):
    # the kernels' Python twins give the same answers, pairs_checked included
    hits = _spy(monkeypatch)
    for g in list(_families(9, 14, sizes=range(2, 7))):
        got = []
        for mode in ("never", "always"):
            monkeypatch.setenv("COOPTHEORY_JIT", mode)
            r = support_enumeration(g)
            got.append(_key(r) + (r.pairs_checked,))
        assert got[0] == got[1]
    assert sum(hits) >= 8


def test_vertex_kernel_twin_equals_compiled():
    rng = np.random.default_rng(3)
    twin = python_twins("solvers._kernels.support")["vertex_equilibria_kernel"]
    for m, n in [(1, 3), (3, 3), (4, 6), (6, 6), (7, 9)]:
        Ap, Bp = 1.0 + rng.random((m, n)), 1.0 + rng.random((m, n))
        tables = []
        for C in (np.ascontiguousarray(Bp.T), Ap):
            ws = KS.walk_workspace(C.shape, 4096)
            KS.vertex_walk_kernel(C, 1e-7, *ws)
            assert ws[-1][0] == KS.WALK_CLEAN
            tables.append(ws[3])
        outs = []
        for f in (KS.vertex_equilibria_kernel, twin):
            ox, oy, info = np.empty((64, m)), np.empty((64, n)), np.zeros(2, np.int64)
            osup = np.empty((64, 1 + 2 * m), np.int64)
            with np.errstate(all="ignore"):
                f(Ap, Bp, *tables, 1e-9, 1e-12, 1e-13, ox, oy, osup, info, *KS.workspace((m, n))[:5])
            c = int(info[1])
            outs.append((info.tolist(), ox[:c].tolist(), oy[:c].tolist(),
                         [r[:1 + 2 * r[0]] for r in osup[:c].tolist()]))
        assert outs[0] == outs[1] and outs[0][0] == [KS.VX_OK, outs[0][0][1]] and outs[0][0][1] >= 1
        # the supports are those of the strategies, increasing
        for x, y, s in zip(*outs[0][1:]):
            k = s[0]
            assert s[1:1 + k] == np.flatnonzero(x).tolist() and s[1 + k:1 + 2 * k] == np.flatnonzero(y).tolist()
        # too little output room: VX_FULL
        if outs[0][0][1] > 1:
            info = np.zeros(2, np.int64)
            KS.vertex_equilibria_kernel(Ap, Bp, *tables, 1e-9, 1e-12, 1e-13, np.empty((1, m)), np.empty((1, n)),
                                        np.empty((1, 1 + 2 * m), np.int64), info, *KS.workspace((m, n))[:5])
            assert info[0] == KS.VX_FULL


def _vertices(C):
    k, d = C.shape
    st, _, _, _, V, _, _ = enumerate_vertices(np.ascontiguousarray(C), np.arange(d + k, dtype=np.int64), False,
                                              1e-12, 0, 10**7, 0.0)
    assert st == 0
    return V


def test_pairs_checked_counts_the_vertices_and_equilibria_are_the_extreme_ones(monkeypatch):
    # pairs_checked on the vertex path: the vertices of P and Q other than 0 (each the solution
    # of one player's indifference system on a support pair), counted by an independent walk;
    # the equilibria are the extreme equilibria (a nondegenerate game has no others)
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    hits = _spy(monkeypatch)
    for s, shape in enumerate([(4, 4), (5, 7), (8, 6), (8, 8)]):
        g = generators.random_game(shape, 40 + s)
        r = support_enumeration(g)
        assert r.status == "ok" and hits[-1]
        gg = g.transpose() if shape[0] > shape[1] else g
        (Ap, Bp), _, _ = se_mod._positive_scaled(gg.float_payoffs())
        assert r.pairs_checked == _vertices(Bp.T) + _vertices(Ap) - 2
        ee = extreme_equilibria(g)
        assert ee.status == "ok" and len(ee.equilibria) == len(r.equilibria)
        for p in r.equilibria:
            assert min(max(np.abs(np.asarray(a, float) - np.asarray(b, float)).max()
                           for a, b in zip(p.strategies, q.strategies)) for q in ee.equilibria) < 1e-12


def test_literature_game_on_the_vertex_path(monkeypatch):
    # von Stengel 2002 (Handbook ch. 45, Fig. 2.3 / Sect. 2.4): A = [[3, 3], [2, 5], [0, 6]],
    # B = [[3, 2], [2, 6], [3, 1]] has the equilibria ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3))
    # and ((0,1/3,2/3),(1/3,2/3)); a fourth strategy per player strictly dominated by a mix
    # keeps them and takes the game past the small exact route
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    hits = _spy(monkeypatch)
    A = np.array([[3, 3, 0.7], [2, 5, 0.4], [0, 6, 0.9], [1.1, 2.3, 0.2]])
    B = np.array([[3, 2, 1.4], [2, 6, 1.1], [3, 1, 0.3], [0.6, 0.8, 0.5]])
    r = support_enumeration(NormalFormGame.bimatrix(A, B))
    assert r.status == "ok" and hits == [True]
    want = [((1, 0, 0, 0), (1, 0, 0)), ((Fraction(4, 5), Fraction(1, 5), 0, 0), (Fraction(2, 3), Fraction(1, 3), 0)),
            ((0, Fraction(1, 3), Fraction(2, 3), 0), (Fraction(1, 3), Fraction(2, 3), 0))]
    assert r.supports == (((0,), (0,)), ((0, 1), (0, 1)), ((1, 2), (0, 1)))
    for p, (x, y) in zip(r.equilibria, want):
        assert np.allclose(p.strategies[0], [float(v) for v in x], atol=1e-15)
        assert np.allclose(p.strategies[1], [float(v) for v in y], atol=1e-15)


def test_unclear_vertex_kernel_falls_back_to_the_pass(monkeypatch):
    # a pair the kernel cannot vouch for sends the game to the support pass: the same answer
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    g = generators.random_game((6, 6), 2)
    want = support_enumeration(g)
    real = KS.vertex_equilibria_kernel

    def unclear(*args):
        real(*args)
        args[10][0] = KS.VX_UNCLEAR

    monkeypatch.setattr(KS, "vertex_equilibria_kernel", unclear)
    got = support_enumeration(g)
    assert _key(got) == _key(want) and got.pairs_checked != want.pairs_checked


def test_vertex_path_room_grows(monkeypatch):
    # the walks' room grows by 4 from a tiny start, and so does the output (the 6x6 coordination
    # game I has 2^6 - 1 = 63 equilibria, the uniform strategies on equal supports); past the
    # largest room the pass answers, the same
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    hits = _spy(monkeypatch)
    g = generators.random_game((7, 7), 4)
    want = support_enumeration(g)
    monkeypatch.setattr(se_mod, "_WALK_ROOM", {(7, 7): 4})
    monkeypatch.setattr(se_mod._LOCAL, "vx", {}, raising=False)
    assert _key(support_enumeration(g)) == _key(want) and hits[-1]
    assert se_mod._WALK_ROOM[(7, 7)] >= 64
    monkeypatch.setattr(se_mod, "_WALK_ROOM", {(7, 7): 4})
    monkeypatch.setattr(se_mod, "_WALK_MAX_ROOM", 16)
    monkeypatch.setattr(se_mod._LOCAL, "vx", {}, raising=False)
    got = support_enumeration(g)
    assert _key(got) == _key(want) and not hits[-1]
    monkeypatch.undo()
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    hits = _spy(monkeypatch)
    eye = np.eye(6) + 0.0
    r, _ = _both_ways(NormalFormGame.bimatrix(eye, eye), monkeypatch)
    assert r.status == "ok" and hits == [True] and len(r.equilibria) == 63
    assert all(np.allclose(p.strategies[0], p.strategies[1]) for p in r.equilibria)
    assert [len(I) for I, _ in r.supports] == sorted(len(I) for I, _ in r.supports)


def test_big_walks_do_not_keep_their_arrays(monkeypatch):
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    g = generators.random_game((5, 6), 8)
    want = support_enumeration(g)
    monkeypatch.setattr(se_mod._LOCAL, "vx", {}, raising=False)
    monkeypatch.setattr(se_mod, "_VX_KEEP_ROOM", 0)
    assert _key(support_enumeration(g)) == _key(want)
    assert (5, 6) not in se_mod._LOCAL.vx
    monkeypatch.setattr(se_mod, "_VX_KEEP_ROOM", 1 << 14)
    assert _key(support_enumeration(g)) == _key(want) and (5, 6) in se_mod._LOCAL.vx


def test_vertex_twins_up_to_10x10_until_the_budget(monkeypatch):
    # a 9 x 10 game (92,378 support pairs: past the pass's twin range) runs the vertex path's
    # twins, call after call, while the family's budget lasts; the same answer as compiled
    from solvers._tier import Family

    g = generators.random_game((9, 10), 12)
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    want = support_enumeration(g)
    monkeypatch.delenv("COOPTHEORY_JIT")
    tier = Family("solvers._kernels.support", budget=100.0)
    monkeypatch.setattr(se_mod, "_SE_TIER", tier)
    for _ in range(2):
        got = support_enumeration(g)
        assert _key(got) + (got.pairs_checked,) == _key(want) + (want.pairs_checked,)
    assert tier.spent > 0 and not tier.compiled
    tier.spent = 100.0  # (spent: compiled from now on)
    assert _key(support_enumeration(g)) == _key(want) and tier.compiled


def test_one_signature_per_vertex_kernel(monkeypatch):
    # every call site passes the same types: a cold numba cache compiles each kernel once
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    for s, shape in enumerate([(6, 7), (7, 6), (3, 9)]):
        support_enumeration(generators.random_game(shape, s))
        support_enumeration(generators.random_game(shape, s), parallel=True, tol=1e-7)
    support_enumeration(generators.degenerate_game(6, 6, seed=1).as_float())
    assert len(KS.vertex_walk_kernel.signatures) == 1
    assert len(KS.vertex_equilibria_kernel.signatures) == 1


def test_vertex_path_public_switch_gives_the_pass():
    # vertex_path=False runs the support pass itself (pairs_checked counts support pairs);
    # the answers are the same as the default vertex path's
    import numpy as np
    from solvers import NormalFormGame, support_enumeration
    from solvers.errors import InvalidInputError

    rng = np.random.default_rng(11)
    for _ in range(5):
        g = NormalFormGame([rng.random((6, 6)), rng.random((6, 6))])
        a = support_enumeration(g)
        b = support_enumeration(g, vertex_path=False)
        assert a.status == b.status == "ok" and a.supports == b.supports
        assert all(np.array_equal(np.asarray(x, float), np.asarray(y, float))
                   for p, q in zip(a.equilibria, b.equilibria) for x, y in zip(p.strategies, q.strategies))
    import pytest
    with pytest.raises(InvalidInputError, match="vertex_path"):
        support_enumeration(g, vertex_path="no")
