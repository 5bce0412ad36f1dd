"""Interpret first, compile when hot (solvers._tier): both tiers give the same answers, the
switch to the compiled kernel happens when it should, and an interpreted run that hits its
work cap is finished by the compiled kernel."""

from fractions import Fraction

import numpy as np
import pytest

import solvers
import solvers.complementary_pivoting as CP
from solvers import NormalFormGame
from solvers._tier import Family, python_twins
from solvers.generators import hard_game


def _games():
    rng = np.random.default_rng(20261129)
    out = [NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n))) for m, n in
           [(2, 2), (3, 5), (6, 4), (8, 8), (15, 15), (40, 40)]]
    out.append(NormalFormGame.bimatrix(rng.integers(0, 3, (7, 7)), rng.integers(0, 3, (7, 7))))
    A = rng.integers(0, 9, (4, 6))
    out.append(NormalFormGame.bimatrix(np.vstack([A, A[:1]]), np.vstack([A, A[:1]]).T[:6].T))
    out.append(hard_game(6))
    out.append(hard_game(10, integer=False))
    return out


def _both_tiers(monkeypatch, answer, *args, **kw):
    """``answer(*args, **kw)`` interpreted, then compiled."""
    monkeypatch.setenv("COOPTHEORY_JIT", "never")
    interpreted = answer(*args, **kw)
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    return interpreted, answer(*args, **kw)


def _past_the_cap(monkeypatch, module, tier_name, cap_name, cap, answer, *args):
    """``answer(*args)`` compiled, then with a fresh tier in ``module`` whose interpreted runs
    stop after ``cap`` units of work; returns both answers and the tier."""
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    want = answer(*args)
    monkeypatch.setenv("COOPTHEORY_JIT", "auto")
    tier = Family(getattr(module, tier_name).module_name)
    monkeypatch.setattr(module, tier_name, tier)
    monkeypatch.setattr(module, cap_name, cap)
    return want, answer(*args), tier


def _lh_answer(g, label):
    r = solvers.lemke_howson(g, label)
    return (r.status, r.labels, r.path_lengths, r.total_pivots,
            [tuple(tuple(s) for s in p.strategies) for p in r.equilibria])


@pytest.mark.parametrize("label", [None, 0, "all"])
def test_lemke_howson_same_in_both_tiers(monkeypatch, label):
    for g in _games():
        if label == "all" and sum(g.shape) > 30:
            continue  # (80 interpreted paths of a 40x40 game: slow, and covered by label None)
        interpreted, compiled = _both_tiers(monkeypatch, _lh_answer, g, label)
        assert interpreted == compiled


def test_interpreted_run_past_its_cap_is_finished_compiled(monkeypatch):
    # hard_game(10) in floats: the path from label 0 is long (Savani & von Stengel); with a cap
    # of 5 interpreted pivots the compiled kernel must take over and give the full answer
    g = hard_game(10, integer=False)
    want, got, tier = _past_the_cap(monkeypatch, CP, "_LH_TIER", "_TWIN_PIVOTS", 5, _lh_answer, g, 0)
    assert want[0] == "ok" and want[2][0] > 5
    assert got == want
    assert tier.spent > 0 and tier.compiled  # the interpreter ran first, then compiled for good
    # a user bound below the cap is honoured by the interpreter itself: truncated, exactly
    r = solvers.lemke_howson(g, 0, max_pivots=3)
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    r2 = solvers.lemke_howson(g, 0, max_pivots=3)
    assert r.status == r2.status == "truncated" and r.total_pivots == r2.total_pivots == 3


def test_family_switches_for_good(monkeypatch):
    monkeypatch.setenv("COOPTHEORY_JIT", "auto")
    f = Family("solvers._kernels.lemke_howson", budget=0.5)
    assert f.interpret(small=True)
    f.spent = 0.6  # the budget is spent: compile from now on, small inputs included
    assert not f.interpret(small=True) and f.compiled
    g = Family("solvers._kernels.lemke_howson")
    assert not g.interpret(small=False)  # a big input compiles at once ...
    assert not g.interpret(small=True)  # ... and the family stays compiled
    monkeypatch.setenv("COOPTHEORY_JIT", "never")
    assert g.interpret(small=False)
    monkeypatch.setenv("COOPTHEORY_JIT", "always")
    assert not Family("solvers._kernels.lemke_howson").interpret(small=True)


def test_charge_adds_the_time_or_its_share(monkeypatch):
    import solvers._tier as tier_mod

    monkeypatch.setenv("COOPTHEORY_JIT", "auto")
    monkeypatch.setattr(tier_mod.time, "perf_counter", lambda: 10.0)
    f = Family("solvers._kernels.support", budget=5.0)
    f.charge(7.0)
    assert f.spent == 3.0
    f.charge(9.0, share=0.5)  # (half of a run that did two things)
    assert f.spent == 3.5 and f.interpret(small=True)
    f.charge(4.0, share=0.25)
    assert f.spent == 5.0 and not f.interpret(small=True)


def test_twins_are_plain_python_all_the_way_down():
    g = python_twins("solvers._kernels.lemke_howson")
    from solvers._kernels import lemke_howson as K

    # every kernel of the module is replaced, so a twin never calls compiled code
    for name in ("lh_capped_pfi", "lh_dense", "pivot", "lex_min_ratio"):
        assert not hasattr(g[name], "py_func")
        assert g[name].__code__ is getattr(K, name).py_func.__code__
        assert g[name].__globals__ is g


def test_exact_certificate_unaffected_by_tier(monkeypatch):
    # an exact 10x10 game (20 actions: past the all-exact small-game route) goes through the
    # float kernel and is then certified: the same Fractions with regret exactly 0 either way
    rng = np.random.default_rng(7)
    g = NormalFormGame.bimatrix(rng.integers(-5, 6, (10, 10)).tolist(), rng.integers(-5, 6, (10, 10)).tolist())
    got = []
    for mode in ("never", "always"):
        monkeypatch.setenv("COOPTHEORY_JIT", mode)
        r = solvers.lemke_howson(g, "all")
        assert all(reg == 0 for reg in r.regrets)
        got.append([tuple(tuple(Fraction(v) for v in s) for s in p.strategies) for p in r.equilibria])
        assert all(isinstance(v, Fraction) for s in r.equilibria[0].strategies for v in s)
    assert got[0] == got[1] and got[0]


def _se_answer(g, **kw):
    r = solvers.support_enumeration(g, **kw)
    return (r.status, r.supports, r.pairs_checked, r.message,
            [tuple(tuple(s) for s in p.strategies) for p in r.equilibria])


def test_support_enumeration_same_in_both_tiers(monkeypatch):
    rng = np.random.default_rng(11)
    games = [NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n))) for m, n in
             [(3, 4), (5, 5), (6, 4), (7, 7)]]
    games += [NormalFormGame.bimatrix(rng.integers(0, 3, (6, 6)), rng.integers(0, 3, (6, 6))),
              NormalFormGame.bimatrix(rng.integers(-9, 9, (5, 6)).tolist(), rng.integers(-9, 9, (5, 6)).tolist())]
    for g in games:
        for kw in ({}, {"max_supports": 50}, {"exact": not g.exact}):
            interpreted, compiled = _both_tiers(monkeypatch, _se_answer, g, **kw)
            assert compiled == interpreted


def test_support_enumeration_pass_past_the_cap_is_finished_compiled(monkeypatch):
    import solvers.support_enum as S

    rng = np.random.default_rng(5)
    g = NormalFormGame.bimatrix(rng.random((7, 7)), rng.random((7, 7)))
    want, got, tier = _past_the_cap(monkeypatch, S, "_SE_TIER", "_TWIN_PAIRS", 10, _se_answer, g)
    assert got == want and want[0] == "ok"
    assert tier.spent > 0 and tier.compiled  # interpreted first, then compiled (for good) redid it


def _ee_answer(g, **kw):
    r = solvers.extreme_equilibria(g, **kw)
    return (r.status, r.components, r.connected_components, r.n_vertices, r.message,
            [tuple(tuple(s) for s in p.strategies) for p in r.equilibria])


def test_extreme_equilibria_same_in_both_tiers(monkeypatch):
    rng = np.random.default_rng(3)
    games = [NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n))) for m, n in [(3, 4), (6, 6), (5, 8)]]
    games += [NormalFormGame.bimatrix(rng.integers(0, 3, (7, 7)), rng.integers(0, 3, (7, 7))),
              NormalFormGame.bimatrix(rng.integers(-10**12, 10**12, (4, 4)).tolist(),
                                      rng.integers(-10**12, 10**12, (4, 4)).tolist()),  # modular path
              NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])]
    for g in games:
        for kw in ({}, {"exact": not g.exact}, {"max_vertices": 3}):
            interpreted, compiled = _both_tiers(monkeypatch, _ee_answer, g, **kw)
            assert compiled == interpreted


def test_extreme_equilibria_past_the_cap_is_finished_compiled(monkeypatch):
    import solvers.extreme as E

    rng = np.random.default_rng(4)
    g = NormalFormGame.bimatrix(rng.integers(0, 3, (8, 8)), rng.integers(0, 3, (8, 8)))
    want, got, tier = _past_the_cap(monkeypatch, E, "_EE_TIER", "_TWIN_BASES", 5, _ee_answer, g)
    assert got == want and want[0] == "ok" and len(want[-1]) > 1
    assert tier.spent > 0 and tier.compiled


def _dominance_answer(g, **kw):
    r = solvers.eliminate_dominated(g, **kw)
    return r.status, r.surviving, [(s.round, s.player, s.action, s.witness, s.witness_action, s.margin)
                                   for s in r.steps]


def test_dominance_same_in_both_tiers(monkeypatch):
    rng = np.random.default_rng(7)
    games = [NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n))) for m, n in [(3, 3), (5, 4), (12, 12)]]
    # row 2 is strictly dominated by the mix (1/2, 1/2) of rows 0 and 1, by no pure row (Myerson 1991, sec. 2.5)
    planted = [[3, 0], [0, 3], [1, 1]]
    games.append(NormalFormGame.bimatrix(planted, [[1, 0], [0, 1], [0, 0]]))
    games.append(NormalFormGame.bimatrix(np.array(planted, dtype=float), [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]))
    # the example (Gambit's strict=True removes rows that are not strictly dominated)
    A = [[7, 5, 0, 5, 6, 0], [0, 0, 9, 1, 6, 3], [2, 8, 1, 2, 4, 2], [3, 3, 1, 7, 6, 7], [9, 9, 9, 8, 9, 9],
         [6, 6, 3, 2, 4, 8]]
    games.append(NormalFormGame.bimatrix(A, np.zeros((6, 6), dtype=int)))
    for g in games:
        interpreted, compiled = _both_tiers(monkeypatch, _dominance_answer, g, mixed=True)
        assert interpreted == compiled
    # the planted row falls to the mixed strategy in both tiers
    monkeypatch.setenv("COOPTHEORY_JIT", "never")
    assert solvers.eliminate_dominated(games[3], mixed=True).surviving[0] == (0, 1)
    assert solvers.eliminate_dominated(games[5], mixed=True).surviving[0] == (1, 4)


def test_dominance_tier_interprets_small_matrices_only(monkeypatch):
    import solvers.dominance as D

    monkeypatch.setenv("COOPTHEORY_JIT", "auto")
    monkeypatch.setattr(D, "_DOM_TIER", Family("solvers._kernels.dominance"))
    calls = []
    real = D._DOM_TIER.kernel
    monkeypatch.setattr(D._DOM_TIER, "kernel", lambda name, interp: calls.append(interp) or real(name, interp))
    rng = np.random.default_rng(3)

    def planted(n):
        # the last row is the average of the first two minus 0.01: strictly dominated by their
        # mix, never a best response, so the kernel decides it
        A = rng.random((n, n))
        A[-1] = (A[0] + A[1]) / 2 - 0.01
        return NormalFormGame.bimatrix(A, rng.random((n, n)))

    g4 = planted(4)
    assert n_rows_left(solvers.eliminate_dominated(g4, mixed=True, iterated=False)) == 3
    assert calls and all(calls)  # 16 entries: the Python twin
    calls.clear()
    assert n_rows_left(solvers.eliminate_dominated(planted(30), mixed=True, iterated=False)) <= 29
    assert calls and not any(calls) and D._DOM_TIER.compiled  # 900 entries: compiled, for good


def n_rows_left(r):
    return len(r.surviving[0])
