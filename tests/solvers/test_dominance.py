"""Tests of solvers.dominance: literature examples, witnesses, order independence, errors."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import InvalidInputError, NormalFormGame
from solvers.dominance import DominanceResult, eliminate_dominated, is_dominated
from solvers.strategies import games

# The counterexample to Gambit's undominated_strategies_solve(strict=True) from issue 3.
GAMBIT_ROWS = [
    [7, 5, 0, 5, 6, 0],
    [0, 0, 9, 1, 6, 3],
    [2, 8, 1, 2, 4, 2],
    [3, 3, 1, 7, 6, 7],
    [9, 9, 9, 8, 9, 9],
    [6, 6, 3, 2, 4, 8],
]


def _check_step(game, step, alive, strict=True):
    """Exact check of a recorded step in the game where player keeps alive[player]."""
    g = game.as_exact()
    i = step.player
    U = np.moveaxis(g.payoffs[i][np.ix_(*alive)], i, 0)
    own = list(alive[i])
    U = U.reshape(len(own), -1)
    a = own.index(step.action)
    w = [Fraction(step.witness[k]) for k in own]
    assert all(step.witness[k] == 0 for k in range(game.shape[i]) if k not in own), "witness on removed action"
    assert sum(w) == 1 or isinstance(step.witness[0], float)
    gains = [sum(w[k] * U[k, s] for k in range(len(own))) - U[a, s] for s in range(U.shape[1])]
    if strict:
        assert min(gains) > 0
    else:
        assert min(gains) >= 0 and max(gains) > 0


def _replay(game, res, strict=True):
    """Replay the steps one by one, checking each in the game current at that moment."""
    alive = [list(range(m)) for m in game.shape]
    for step in res.steps:
        _check_step(game, step, alive, strict)
        alive[step.player].remove(step.action)
    assert tuple(tuple(a) for a in alive) == res.surviving


def test_prisoners_dilemma():
    # Defection strictly dominates cooperation for both (e.g. Osborne & Rubinstein 1994, Ex. 16.2).
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], labels=[["C", "D"]] * 2)
    r = eliminate_dominated(pd)
    assert isinstance(r, DominanceResult)
    assert r.surviving_labels == (("D",), ("D",))
    assert r.order() == ["round 1: P0: C < D", "round 1: P1: C < D"]
    assert r.game.shape == (1, 1) and r.game.payoffs[0][0, 0] == 1


def test_gambit_counterexample_row_player():
    # Row 4 = (9,9,9,8,9,9) strictly dominates rows 0, 2, 3, 5 (check each: 9>7,9>5,9>0,8>5,...;
    # row 3's best entry 7 < 8 in column 3 and 7 < 9 elsewhere; row 5: 8 < 9 in column 5).
    # Row 1 = (0,0,9,1,6,3) ties row 4 in column 2 (both 9), and 9 is the column-2 maximum, so
    # row 1 is a best response to the pure column 2: by Pearce's lemma it is NOT strictly
    # dominated, not even by a mixed strategy.  It is only weakly dominated (by row 4).
    # Gambit's undominated_strategies_solve(strict=True) nevertheless removes it (it keeps only
    # row 4, checked with pygambit 16.7 in test_gambit_anchor below).
    g = NormalFormGame.from_arrays(GAMBIT_ROWS, np.zeros((6, 6), dtype=int))
    for mixed in (False, True):
        for game in (g, g.as_float()):
            r = eliminate_dominated(game, mixed=mixed)
            assert r.surviving == ((1, 4), tuple(range(6)))
            _replay(g, r)
    assert not is_dominated(g, 0, 1, mixed=True).dominated
    chk = is_dominated(g, 0, 1, mixed=True)
    # certificate: a belief to which row 1 is a best response
    assert chk.belief is not None
    y = np.array(chk.belief, dtype=object)
    vals = [sum(Fraction(GAMBIT_ROWS[r][s]) * y[s] for s in range(6)) for r in range(6)]
    assert vals[1] == max(vals)
    # weak dominance removes row 1 as well
    rw = eliminate_dominated(g, strict=False, players=[0])
    assert rw.surviving[0] == (4,)


@pytest.mark.anchor
def test_gambit_anchor():
    gbt = pytest.importorskip("pygambit")
    A = np.array(GAMBIT_ROWS)
    gg = gbt.Game.from_arrays(A, np.zeros((6, 6), dtype=int))
    r = gbt.supports.undominated_strategies_solve(gg.strategy_support_profile(), strict=True)
    rows = [s.label for s in r if s.player.number == 0]
    # Gambit keeps only the 5th row (label "5"), i.e. it also drops row index 1; we keep (1, 4).
    assert rows == ["5"]
    ours = eliminate_dominated(NormalFormGame.from_arrays(A, np.zeros((6, 6), dtype=int)))
    assert ours.surviving[0] == (1, 4)


def test_mixed_dominance_textbook():
    # M = (1, 1) is strictly dominated by 1/2 U + 1/2 D = (3/2, 3/2) but by no pure action
    # (Osborne & Rubinstein 1994, Sect. 4.2; Fudenberg & Tirole 1991, Fig. 2.1-style example).
    g = NormalFormGame.from_arrays([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]],
                                   labels=[["U", "M", "D"], ["L", "R"]])
    assert eliminate_dominated(g).surviving[0] == (0, 1, 2)
    r = eliminate_dominated(g, mixed=True)
    assert r.surviving[0] == (0, 2)
    (step,) = r.steps
    assert step.witness == (Fraction(1, 2), 0, Fraction(1, 2)) and step.margin == Fraction(1, 2)
    assert step.witness_action is None
    c = is_dominated(g, 0, "M", mixed=True)
    assert c.dominated and c.witness == (Fraction(1, 2), 0, Fraction(1, 2))
    c2 = is_dominated(g.as_float(), 0, "M", mixed=True)
    assert c2.dominated and abs(c2.witness[0] - 0.5) < 1e-9
    assert not is_dominated(g, 0, "M", mixed=False).dominated


def test_iterated_three_rounds():
    # Iterated elimination needing several rounds (Gibbons 1992, Fig. 1.1.1):
    # row: Up, Down; column: Left, Middle, Right. Right < Middle; then Down < Up; then Left < Middle.
    A = [[1, 1, 0], [0, 0, 2]]
    B = [[0, 2, 1], [3, 1, 0]]
    g = NormalFormGame.from_arrays(A, B, labels=[["Up", "Down"], ["Left", "Middle", "Right"]])
    r = eliminate_dominated(g)
    assert r.surviving_labels == (("Up",), ("Middle",))
    assert r.rounds == 3
    assert r.order() == ["round 1: P1: Right < Middle", "round 2: P0: Down < Up", "round 3: P1: Left < Middle"]
    one = eliminate_dominated(g, iterated=False)
    assert one.surviving_labels == (("Up", "Down"), ("Left", "Middle"))
    tr = eliminate_dominated(g, max_rounds=1)
    assert tr.status == "truncated" and tr.surviving == one.surviving
    _replay(g, r)


def test_three_players():
    # P2 has action 1 strictly dominated by action 0 (payoff +1 everywhere); others indifferent.
    shape = (2, 2, 2)
    pay = [np.zeros(shape, dtype=int), np.zeros(shape, dtype=int), np.zeros(shape, dtype=int)]
    pay[2][:, :, 0] = 1
    pay[0][1, :, 0] = 1  # after P2 plays 0, P0's action 1 is better
    g = NormalFormGame.from_arrays(pay)
    r = eliminate_dominated(g)
    assert r.surviving == ((1,), (0, 1), (0,))
    assert [(s.round, s.player, s.action) for s in r.steps] == [(1, 2, 1), (2, 0, 0)]


def test_duplicates_are_not_weakly_dominated():
    g = NormalFormGame.from_arrays([[1, 2], [1, 2], [0, 0]], [[0, 0], [0, 0], [0, 0]])
    r = eliminate_dominated(g, strict=False, mixed=True)
    assert r.surviving[0] == (0, 1)


def _random_removal_order(game, strict, rng):
    """Iterated strict dominance by pure strategies, one random dominated action at a time."""
    alive = [list(range(m)) for m in game.shape]
    P = game.payoffs
    while True:
        cands = []
        for i in range(game.n_players):
            for a in alive[i]:
                for b in alive[i]:
                    if b == a:
                        continue
                    sub_a = [alive[j] if j != i else [a] for j in range(game.n_players)]
                    sub_b = [alive[j] if j != i else [b] for j in range(game.n_players)]
                    ua = P[i][np.ix_(*sub_a)].reshape(-1)
                    ub = P[i][np.ix_(*sub_b)].reshape(-1)
                    if all(x > y for x, y in zip(ub, ua)):
                        cands.append((i, a))
                        break
        if not cands:
            return tuple(tuple(a) for a in alive)
        i, a = cands[rng.integers(len(cands))]
        alive[i].remove(a)


@given(games(n_players=st.integers(2, 3), max_actions=4, payoffs="small"), st.integers(0, 2**32 - 1))
def test_strict_order_independent(game, seed):
    # Order independence of iterated strict dominance (Gilboa, Kalai & Zemel 1990): eliminating
    # one dominated action at a time in a random order gives the same reduced game.
    r = eliminate_dominated(game)
    rng = np.random.default_rng(seed)
    for _ in range(3):
        assert _random_removal_order(game, True, rng) == r.surviving
    _replay(game, r)


@given(games(n_players=st.integers(2, 3), max_actions=4, payoffs="int"))
@settings(max_examples=30)
def test_mixed_witnesses_and_exact_vs_float(game):
    r = eliminate_dominated(game, mixed=True)
    _replay(game, r)
    rf = eliminate_dominated(game.as_float(), mixed=True)
    assert rf.surviving == r.surviving
    # pure dominance removes a subset of what mixed dominance removes
    rp = eliminate_dominated(game)
    assert all(set(a) >= set(b) for a, b in zip(rp.surviving, r.surviving))
    # survivors are not dominated in the reduced game
    red = r.game
    for i in range(red.n_players):
        for a in range(red.shape[i]):
            assert not is_dominated(red, i, a, mixed=True).dominated


@given(games(n_players=st.just(2), max_actions=4, payoffs="small"))
@settings(max_examples=30)
def test_weak_witnesses(game):
    r = eliminate_dominated(game, strict=False, mixed=True)
    # each weak step is valid in the game at the start of its round
    alive = [list(range(m)) for m in game.shape]
    for rnd in range(1, r.rounds + 1):
        steps = [s for s in r.steps if s.round == rnd]
        for s in steps:
            _check_step(game, s, alive, strict=False)
        for s in steps:
            alive[s.player].remove(s.action)
    assert all(len(a) >= 1 for a in r.surviving)


@given(games(n_players=st.integers(2, 3), max_actions=3, payoffs="int"))
@settings(max_examples=25)
def test_nash_equilibria_survive(game):
    # Pure Nash equilibria survive iterated strict dominance (a dominated action is never a
    # best response).
    r = eliminate_dominated(game, mixed=True)
    for prof in itertools.product(*(range(m) for m in game.shape)):
        if game.pure_profile(prof).is_nash():
            assert all(prof[i] in r.surviving[i] for i in range(game.n_players))


def test_float_tolerance():
    # differences below tol * scale are not strict dominance in float mode; the scale is the
    # span floored at 1e-6 max |u| (solvers._scale), so two units in the last place (4.4e-16
    # at 1) stay a tie (tol * scale = 1e-15) while the exact reading separates them
    g = NormalFormGame.from_arrays([[1.0, 1.0], [1.0 + 4.4e-16, 1.0 + 4.4e-16]], [[0.0, 0.0], [0.0, 0.0]])
    assert eliminate_dominated(g).surviving[0] == (0, 1)
    assert eliminate_dominated(g, exact=True).surviving[0] == (1,)


def test_larger_random_mixed_matches_bruteforce_lp():
    rng = np.random.default_rng(1)
    A = rng.integers(0, 20, size=(12, 9))
    B = rng.integers(0, 20, size=(12, 9))
    g = NormalFormGame.from_arrays(A, B)
    r = eliminate_dominated(g, mixed=True, iterated=False)
    for i in range(2):
        for a in range(g.shape[i]):
            c = is_dominated(g, i, a, mixed=True)
            assert c.dominated == (a not in r.surviving[i])


@pytest.mark.parametrize("kw,match", [
    ({"strict": "yes"}, "strict must be"),
    ({"mixed": 1}, "mixed must be"),
    ({"players": [5]}, "players must be"),
    ({"tol": -1}, "tol must be"),
    ({"max_rounds": 0}, "max_rounds must be"),
])
def test_errors(kw, match):
    g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidInputError, match=match):
        eliminate_dominated(g, **kw)


def test_errors_is_dominated():
    g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidInputError, match="game must be"):
        eliminate_dominated([[1, 0]])
    with pytest.raises(InvalidInputError, match="action"):
        is_dominated(g, 0, 7)
    with pytest.raises(InvalidInputError, match="player"):
        is_dominated(g, 3, 0)


def test_kernels_match_py_func_and_scipy():
    # The numba kernels equal their pure-Python twins and agree with HiGHS on the LP value.
    from solvers._kernels.dominance import strict_dominance_lp, zero_sum_lp
    from solvers.dominance import _lp_strict_scipy

    rng = np.random.default_rng(4)
    for trial in range(12):
        K, P = int(rng.integers(1, 12)), int(rng.integers(1, 12))
        D = rng.normal(size=(K, P))
        if trial % 3 == 0:
            D = np.round(D)  # ties / degeneracy
        outs = []
        for f in (strict_dominance_lp, strict_dominance_lp.py_func):
            s, y = np.empty(K), np.empty(P)
            st, v = f(np.ascontiguousarray(D), 0.0, 3, 3, s, y)
            outs.append((st, v, s.copy(), y.copy()))
        assert outs[0][0] == outs[1][0]
        assert np.allclose(outs[0][1], outs[1][1]) and np.allclose(outs[0][2], outs[1][2])
        st, v, s, y = outs[0]
        ref, _, _ = _lp_strict_scipy(D)
        if st == 0:
            # a positive value is the margin of a valid witness; otherwise the LP optimum
            assert (v > 0) == (ref > 1e-9) or abs(ref) < 1e-9
            if v <= 0:
                assert abs(v - ref) < 1e-7
            else:
                assert np.min(s @ D) >= v - 1e-12 and v <= ref + 1e-9
        Ap = np.ascontiguousarray(D - D.min() + 1)
        w1, x1, w2, x2 = np.empty(P), np.empty(K), np.empty(P), np.empty(K)
        assert zero_sum_lp(Ap, w1, x1, 10000) == zero_sum_lp.py_func(Ap, w2, x2, 10000) == 0
        assert np.allclose(w1, w2) and np.allclose(x1, x2)
        # value of the zero-sum game from both sides
        assert abs(1 / w1.sum() - 1 / x1.sum()) < 1e-9


@given(games(n_players=st.integers(2, 3), max_actions=4, payoffs="fraction", max_profiles=36),
       st.booleans(), st.booleans())
@settings(max_examples=40)
def test_exact_vs_float_all_modes(game, strict, mixed):
    # Fraction payoffs with small denominators: differences are far above the float tolerance,
    # so the float path must reproduce the exact answer in every mode.
    r = eliminate_dominated(game, strict=strict, mixed=mixed)
    rf = eliminate_dominated(game.as_float(), strict=strict, mixed=mixed)
    assert r.surviving == rf.surviving
    assert [(s.round, s.player, s.action) for s in r.steps] == [(s.round, s.player, s.action) for s in rf.steps]
    if strict:
        _replay(game, r)
    for i in range(game.n_players):
        for a in range(game.shape[i]):
            c = is_dominated(game, i, a, strict=strict, mixed=mixed)
            cf = is_dominated(game.as_float(), i, a, strict=strict, mixed=mixed)
            assert c.dominated == cf.dominated
            if c.dominated:
                w = c.witness
                U = np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)
                gains = [sum(w[k] * U[k, s] for k in range(game.shape[i])) - U[a, s] for s in range(U.shape[1])]
                assert min(gains) == c.margin
                assert (min(gains) > 0) if strict else (min(gains) >= 0 and max(gains) > 0)


@pytest.mark.heavy
def test_heavy_planted_mixed_dominance():
    # Larger games with planted mixed-dominated rows: exact and float agree, every recorded
    # witness is exactly valid, and the survivors are undominated.  Scaled by HEAVY_SCALE.
    from tests.conftest import HEAVY_SCALE

    for seed in range(2 * HEAVY_SCALE):
        rng = np.random.default_rng(seed)
        n = 25
        A = rng.integers(0, 1000, (n, n))
        B = rng.integers(0, 1000, (n, n))
        planted = []
        for M in (A, B.T):
            rows = rng.choice(n, 6, replace=False)
            planted.append(set(rows.tolist()))
            keep = [i for i in range(n) if i not in planted[-1]]
            for r in rows:
                # floor(mean of 3 unplanted rows) - 5 < their mean: strictly dominated by 1/3 each
                others = rng.choice(keep, 3, replace=False)
                M[r] = M[others].sum(axis=0) // 3 - 5
        g = NormalFormGame.from_arrays(A, B)
        r = eliminate_dominated(g, mixed=True)
        rf = eliminate_dominated(g.as_float(), mixed=True)
        assert r.surviving == rf.surviving
        for i in range(2):
            assert planted[i] <= {s.action for s in r.steps if s.player == i and s.round == 1}
        _replay(g, r)
        for i in range(2):
            for a in range(r.game.shape[i]):
                assert not is_dominated(r.game, i, a, mixed=True).dominated


@given(games(n_players=st.integers(2, 3), max_actions=4, payoffs="int", max_profiles=36), st.integers(0, 2**32 - 1))
@settings(max_examples=25)
def test_strict_mixed_order_independent(game, seed):
    # Iterated strict dominance by mixed strategies is order independent as well (Osborne &
    # Rubinstein 1994, Prop. 60.2): removing one dominated action at a time, chosen at random
    # with is_dominated on the current game, reaches our reduced game.
    r = eliminate_dominated(game, mixed=True)
    rng = np.random.default_rng(seed)
    alive = [list(range(m)) for m in game.shape]
    while True:
        sub = game.restrict(alive)
        cands = [(i, k) for i in range(game.n_players) for k in range(sub.shape[i])
                 if is_dominated(sub, i, k, mixed=True).dominated]
        if not cands:
            break
        i, k = cands[rng.integers(len(cands))]
        del alive[i][k]
    assert tuple(tuple(a) for a in alive) == r.surviving


def test_integer_games_need_no_fractions():
    """Dominance on integer games works on the integers (no Fraction arrays are built) and
    agrees with the same game built from Fractions, witnesses included."""
    A = np.array(GAMBIT_ROWS)
    g = NormalFormGame.from_arrays(A, -A)
    frac = NormalFormGame.from_arrays(A.astype(object) * Fraction(1), -A.astype(object) * Fraction(1))
    for kw in ({"mixed": True}, {"mixed": False}, {"strict": False}):
        r, ref = eliminate_dominated(g, **kw), eliminate_dominated(frac, **kw)
        assert r.surviving == ref.surviving and r.steps == ref.steps and r.game == ref.game
    assert g._payoffs is None


def test_batch_kernel_matches_py_func_and_single_rows():
    # dominated_rows (all candidate rows in one call) equals its pure-Python twin, finds the
    # same pure dominators as a brute-force scan, and decides mixed dominance as HiGHS does.
    from solvers._kernels.dominance import dominated_rows, strict_dominance_lp_fp
    from solvers.dominance import _lp_strict_scipy

    rng = np.random.default_rng(11)
    for trial in range(8):
        m, P = int(rng.integers(2, 9)), int(rng.integers(1, 9))
        M = rng.integers(0, 6, (m, P)).astype(float) if trial % 2 else rng.normal(size=(m, P))
        if trial == 3:  # a planted mixed-dominated row
            M[0] = 0.5 * M[1] + 0.5 * M[2] - 0.01
        allowed = rng.random(m) < 0.8
        cand = np.arange(m, dtype=np.int64)
        outs = []
        for f in (dominated_rows, dominated_rows.py_func):
            bufs = [np.empty(m, np.int64), np.empty(m, np.int64), np.empty(m), np.empty((m, m)), np.empty((m, P))]
            f(M, cand, allowed, 1e-9, False, True, 3, 3, 10, 4, *bufs)
            outs.append(bufs)
        for x, y in zip(*outs):
            assert np.allclose(x, y)
        kind, pure, value, sigma, _ = outs[0]
        for a in range(m):
            K = [k for k in range(m) if k != a and allowed[k]]
            mins = {k: (M[k] - M[a]).min() for k in K}
            dom = [k for k in K if mins[k] > 1e-9]
            if not K:
                assert kind[a] == 0
            elif dom:
                best = max(dom, key=lambda k: (mins[k], -k))
                assert kind[a] == 1 and pure[a] == best and value[a] == mins[best]
            else:
                ref = _lp_strict_scipy(M[K] - M[a])[0]
                assert kind[a] in (2, 3)
                assert (kind[a] == 2) == (ref > 1e-9)
                if kind[a] == 2:
                    assert np.all(sigma[a][~allowed] == 0) and sigma[a][a] == 0
                    assert np.min(sigma[a] @ M - M[a]) >= value[a] - 1e-12 > 0
                else:
                    assert abs(value[a] - ref) < 1e-7
    D = rng.normal(size=(7, 9))
    for f in (strict_dominance_lp_fp, strict_dominance_lp_fp.py_func):
        s, y = np.empty(7), np.empty(9)
        st, v = f(D, 0.0, 2, 2, 15, 5, s, y)
        assert st == 0 and abs(v - _lp_strict_scipy(D)[0]) < 1e-7


def test_planted_family_matches_highs_round_by_round():
    # The batched path (one kernel call per player) against an independent LP (HiGHS) on the
    # benchmark's planted family: in every round exactly the actions HiGHS finds strictly
    # dominated (margin above 1e-6) are removed; exact witnesses are exactly valid.
    from benchmarks.bench_misc import planted_dominance
    from solvers.dominance import _lp_strict_scipy

    for integer in (False, True):
        g = planted_dominance(3, n=30, k=8, integer=integer)
        r = eliminate_dominated(g, mixed=True)
        assert r.rounds >= 1 and sum(len(s) for s in r.surviving) < 60
        alive = [list(range(30)), list(range(30))]
        F = g.float_payoffs()
        for rnd in range(1, r.rounds + 2):
            for i in range(2):
                U = np.moveaxis(F[i][np.ix_(*alive)], i, 0).reshape(len(alive[i]), -1)
                ref = set()
                for ka, a in enumerate(alive[i]):
                    eps = _lp_strict_scipy(np.delete(U, ka, axis=0) - U[ka])[0]
                    assert abs(eps) > 1e-6  # no borderline cases in this instance
                    if eps > 0:
                        ref.add(a)
                assert ref == {s.action for s in r.steps if s.player == i and s.round == rnd}
            for s in r.steps:
                if s.round == rnd:
                    if integer:
                        _check_step(g, s, alive)
                    alive[s.player].remove(s.action)
        if integer:
            _replay(g, r)


def test_large_integers_scaled_game_same_answer():
    # Payoffs near 2**60 (int64, beyond exact float comparisons): pure checks fall back to exact
    # integer code; the answer equals the unscaled game's (dominance is scale invariant) and
    # every witness is exactly valid.  Beyond int64 (object arrays) the per-row path decides.
    from benchmarks.bench_misc import planted_dominance

    small = planted_dominance(5, n=14, k=4, integer=True)
    A, B = (a for a, _ in small.integer_payoffs())
    ref = eliminate_dominated(small, mixed=True)
    assert any(s.witness_action is None for s in ref.steps)  # some mixed witnesses
    for scale, off in ((2**50, 3), (2**70, 1)):
        big = NormalFormGame.from_arrays((A.astype(object) * scale + off).tolist(),
                                         (B.astype(object) * scale + off).tolist())
        assert (big.integer_payoffs()[0][0].dtype == np.int64) == (scale < 2**62)
        r = eliminate_dominated(big, mixed=True)
        assert r.surviving == ref.surviving
        assert [(s.round, s.player, s.action) for s in r.steps] == [(s.round, s.player, s.action) for s in ref.steps]
        _replay(big, r)


def test_failed_exact_weak_lp_is_not_read_as_not_dominated(monkeypatch):
    # row 2 (1, 1/2) is weakly dominated only by mixes of rows 0 and 1, never a best
    # response to a belief: the exact weak LP decides.  A "failed" LP (the 30 s budget of the
    # restricted exact LPs was on for every caller) was read as "not dominated": status "ok" with
    # the dominated row kept.  Now only "infeasible" means not dominated; other statuses raise
    import solvers._exact_lp as xl

    g = NormalFormGame.from_arrays([[2, 0], [0, 2], [1, Fraction(1, 2)]], [[0, 0]] * 3)
    r = eliminate_dominated(g, strict=False, mixed=True, players=[0])
    assert r.status == "ok" and r.surviving[0] == (0, 1)
    w = r.steps[0].witness  # (any mix (p, 1 - p) with 1/2 <= p <= 3/4)
    assert r.steps[0].action == 2 and w[2] == 0 and Fraction(1, 2) <= w[0] <= Fraction(3, 4) and sum(w) == 1
    monkeypatch.setattr(xl, "exact_lp", lambda *a, **k: xl.LPSolution("failed", method="simulated"))
    with pytest.raises(RuntimeError, match="failed"):
        eliminate_dominated(g, strict=False, mixed=True, players=[0])


def test_one_round_analyses_each_player_once(monkeypatch):
    # iterated=False analysed every player a second time and discarded it; with a time_limit,
    # running out in that pass turned a finished round into "truncated ... round 2"
    import solvers.dominance as dm

    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    calls = []
    real = dm._analyze_player

    def analyze(*a, **k):
        calls.append(1)
        if len(calls) > pd.n_players:  # the clock runs out after the round
            raise dm._TimeUp
        return real(*a, **k)

    monkeypatch.setattr(dm, "_analyze_player", analyze)
    for limit in (None, 60):
        calls.clear()
        r = eliminate_dominated(pd, iterated=False, time_limit=limit)
        assert r.status == "ok" and r.message == "" and len(calls) == 2
        assert r.surviving == ((1,), (1,)) and r.rounds == 1 and len(r.steps) == 2


def test_payoffs_beyond_the_float_range():
    # t = 10^-400: the exact integer matrices (scaled by 10^400) do not convert to float.  Pure weak
    # dominance worked before the float beliefs (then OverflowError); mixed dominance never did
    t = Fraction(1, 10**400)
    rows = [[t, 1], [1, t], [Fraction(1, 3), Fraction(1, 3)]]
    g = NormalFormGame.from_arrays(rows, [[0, 0]] * 3)
    # row 2 is strictly dominated by mixes of rows 0 and 1 only (e.g. (1/2, 1/2): (1 + t) / 2 each)
    for strict in (True, False):
        r = eliminate_dominated(g, strict=strict, mixed=False, players=[0])
        assert r.status == "ok" and r.surviving[0] == (0, 1, 2) and not r.steps
        r = eliminate_dominated(g, strict=strict, mixed=True, players=[0])
        assert r.status == "ok" and r.surviving[0] == (0, 1) and [s.action for s in r.steps] == [2]
        w = r.steps[0].witness
        gains = [w[0] * rows[0][s] + w[1] * rows[1][s] - rows[2][s] for s in range(2)]
        assert w[2] == 0 and sum(w) == 1 and r.steps[0].margin == min(gains)
        assert min(gains) > 0 if strict else (min(gains) >= 0 and max(gains) > 0)
        assert is_dominated(g, 0, 2, strict=strict, mixed=True).dominated
    # the row (1 + t) / 2 equals the mix (1/2, 1/2), and no other mix is at least as good in both
    # columns: not even weakly dominated (the difference is t, invisible in float)
    rows[2] = [(1 + t) / 2, (1 + t) / 2]
    g = NormalFormGame.from_arrays(rows, [[0, 0]] * 3)
    for strict in (True, False):
        assert eliminate_dominated(g, strict=strict, mixed=True, players=[0]).surviving[0] == (0, 1, 2)
        assert not is_dominated(g, 0, 2, strict=strict, mixed=True).dominated
