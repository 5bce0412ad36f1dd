"""Tests of the seeded game families in solvers.generators."""

import numpy as np
import pytest

from solvers import generators as G
from solvers.errors import InvalidInputError


def test_random_game_seeded_and_shapes():
    g1 = G.random_game((3, 4), 7)
    g2 = G.random_game((3, 4), 7)
    assert g1 == g2 and g1.shape == (3, 4) and not g1.exact
    assert G.random_game((3, 4), 8) != g1
    g3 = G.random_game((2, 3, 2), 1, -5, 5, integer=True)
    assert g3.exact and g3.n_players == 3
    vals = np.concatenate([np.asarray(p, dtype=float).ravel() for p in g3.payoffs])
    assert vals.min() >= -5 and vals.max() <= 5 and np.all(vals == np.round(vals))
    gf = G.random_game(5, np.random.default_rng(0), 2.0, 3.0)
    assert gf.shape == (5, 5)
    assert all(np.all((p >= 2) & (p < 3)) for p in gf.payoffs)


def test_covariance_game_correlation():
    for rho in (-1.0, 0.0, 0.9):
        g = G.covariance_game((60, 60), rho, 3)
        c = np.corrcoef(g.payoffs[0].ravel(), g.payoffs[1].ravel())[0, 1]
        assert abs(c - rho) < 0.06
    g = G.covariance_game((4, 4, 4), -0.5, 1)
    s = g.payoffs[0] + g.payoffs[1] + g.payoffs[2]  # rho = -1/(n-1): sum has zero variance
    assert np.allclose(s, 0, atol=1e-9)


def test_degenerate_and_duplicated():
    g = G.degenerate_game(5, 6, seed=2)
    assert g.exact and g.shape == (5, 6)
    assert set(np.concatenate([p.ravel() for p in g.payoffs]).tolist()) <= {0, 1, 2}
    d = G.duplicated_rows_game(8, 5, seed=4)
    A, B = d.payoffs
    rows = {tuple(A[i]) + tuple(B[i]) for i in range(8)}
    assert len(rows) <= 4  # ceil(8/2) distinct rows


def test_unit_vector_game():
    g = G.unit_vector_game(6, 5, seed=1)
    A = g.payoffs[0]
    assert np.all(A.sum(axis=0) == 1) and set(np.unique(A)) <= {0.0, 1.0}
    for s in range(50):
        h = G.unit_vector_game(4, 4, seed=s, avoid_pure_nash=True)
        A, B = h.payoffs
        for i in range(4):
            for j in range(4):
                assert not (A[i, j] == A[:, j].max() and B[i, j] == B[i].max())


def test_tournament_game():
    g = G.tournament_game(5, 2, seed=0)
    assert g.shape == (5, 10) and g.exact
    A, B = g.payoffs
    assert np.all(B.sum(axis=0) == 2)  # each 2-subset contains 2 nodes
    # a node beating all of S is never in S
    assert not np.any((A == 1) & (B == 1))


@pytest.mark.parametrize(
    "call",
    [
        lambda: G.random_game((0, 3), 1),
        lambda: G.random_game((2, 2), -1),
        lambda: G.random_game((2, 2), 1, 3.0, 1.0),
        lambda: G.covariance_game((2, 2), 1.5, 1),
        lambda: G.covariance_game((2, 2, 2), -0.9, 1),
        lambda: G.degenerate_game(0, 2),
        lambda: G.duplicated_rows_game(3, 3, distinct=5),
        lambda: G.tournament_game(3, 4),
    ],
)
def test_generator_errors(call):
    with pytest.raises(InvalidInputError):
        call()


# ---------------------------------------------------------------------------------------------
# Savani & von Stengel (2006) hard games.
#
# Independent oracle: Lemke-Howson on Gale strings (the combinatorial pivoting of the authors'
# program "LH-paths on cyclic polytopes"): a vertex of the dual cyclic polytope with 2d facets
# (d even) is a loop of 2d bits with d ones whose maximal runs of ones have even length;
# leaving the facet at position i clears bit i, which leaves one neighbouring run of odd
# length, and the bit just past that run is set.  No linear algebra is involved.


def _gale_pivot(bits, i):
    n = len(bits)
    bits[i] = 0
    k, run = (i + 1) % n, 0
    while bits[k]:
        k, run = (k + 1) % n, run + 1
    if run % 2 == 0:
        k = (i - 1) % n
        while bits[k]:
            k = (k - 1) % n
    bits[k] = 1
    return k


def _gale_lh_lengths(lab_p, lab_q, d):
    """Pivots of the LH path for every missing label, and the end vertex pair."""
    n = 2 * d
    pos_p = {lab: k for k, lab in enumerate(lab_p)}
    pos_q = {lab: k for k, lab in enumerate(lab_q)}
    lengths, ends = [], set()
    for miss in range(n):
        bp = [int(lab_p[k] < d) for k in range(n)]  # x = 0: the row facets
        bq = [int(lab_q[k] >= d) for k in range(n)]  # y = 0: the column facets
        drop, in_p, steps = miss, miss < d, 0
        while True:
            if in_p:
                new = lab_p[_gale_pivot(bp, pos_p[drop])]
            else:
                new = lab_q[_gale_pivot(bq, pos_q[drop])]
            steps += 1
            if new == miss:
                break
            drop, in_p = new, not in_p
        lengths.append(steps)
        ends.add((tuple(bp), tuple(bq)))
    return lengths, ends


def _fib(k):
    a, b = 0, 1
    for _ in range(k):
        a, b = b, a + b
    return a


# Lemke-Howson path lengths (pivots) for the missing labels 0..2d-1 (rows, then columns),
# computed twice: by exact pivoting on the payoffs and by the Gale-string oracle above.
_HARD_LENGTHS = {
    2: [4, 4, 4, 4],
    4: [20, 8, 8, 20, 10, 10, 10, 10],
    6: [88, 24, 24, 24, 24, 88, 36, 36, 16, 16, 36, 36],
    8: [376, 92, 92, 40, 40, 92, 92, 376, 146, 146, 42, 42, 42, 42, 146, 146],
    10: [1596, 380, 380, 108, 108, 108, 108, 380, 380, 1596, 612, 612, 152, 152, 68, 68, 152, 152, 612, 612],
}

# Gambit's test game "6x6 Long Lemke-Howson Paths, unique eq" (gambitproject/gambit,
# tests/games.py; R. Savani): von Stengel's (1999) 6x6 dual cyclic game with 75 equilibria
# (Discrete Comput. Geom. 21:557-568) with the rows of A permuted.  Other numbers than ours,
# the same combinatorial game.
_GAMBIT_SVS6_A = [
    [-180, 72, -333, 297, -153, 270],
    [-30, 17, -33, 42, -3, 20],
    [-81, 36, -126, 126, -36, 90],
    [90, -36, 126, -126, 36, -81],
    [20, -3, 42, -33, 17, -30],
    [270, -153, 297, -333, 72, -180],
]
_GAMBIT_SVS6_B = [
    [72, 36, 17, -3, -36, -153],
    [-180, -81, -30, 20, 90, 270],
    [297, 126, 42, -33, -126, -333],
    [-333, -126, -33, 42, 126, 297],
    [270, 90, 20, -30, -81, -180],
    [-153, -36, -3, 17, 36, 72],
]


def _gale_even_loops(n, d):
    """All loop Gale strings: d of n positions, a union of d/2 disjoint cyclic neighbour pairs."""
    out = set()

    def go(start, left, chosen):
        if left == 0:
            out.add(chosen)
            return
        for s in range(start, n):
            pair = {s, (s + 1) % n}
            if not pair & chosen:
                go(s + 1, left - 1, chosen | pair)

    go(0, d // 2, frozenset())
    return out


def _assert_dual_cyclic(A, B, lab_p, lab_q):
    """P and Q of (A, B) are dual cyclic with the given labels of their facets in Gale order.

    Every label set that is Gale-even in the given order is checked to be a nondegenerate
    vertex (exactly d tight facets, all constraints satisfied).  By the upper bound theorem
    (McMullen 1970) no simple d-polytope with 2d facets has more vertices than the dual cyclic
    one, so these are all the vertices.
    """
    from fractions import Fraction

    from solvers._exact import solve_square

    m = len(A)
    lo = min(min(min(r) for r in A), min(min(r) for r in B))
    Ap = [[Fraction(v - lo + 1) for v in r] for r in A]
    Bp = [[Fraction(v - lo + 1) for v in r] for r in B]
    one, zero = Fraction(1), Fraction(0)
    # constraints as (label, normal, rhs): a . z <= rhs
    cons_p = [(i, [-one if t == i else zero for t in range(m)], zero) for i in range(m)]
    cons_p += [(m + j, [Bp[i][j] for i in range(m)], one) for j in range(m)]
    cons_q = [(i, Ap[i], one) for i in range(m)]
    cons_q += [(m + j, [-one if t == j else zero for t in range(m)], zero) for j in range(m)]
    for cons, labs in ((cons_p, lab_p), (cons_q, lab_q)):
        by_label = {lab: (a, b) for lab, a, b in cons}
        loops = _gale_even_loops(2 * m, m)
        for loop in loops:
            tight = [labs[k] for k in loop]
            z = solve_square([by_label[lab][0] for lab in tight], [by_label[lab][1] for lab in tight])
            assert z is not None
            slack = {lab: b - sum(x * y for x, y in zip(a, z)) for lab, (a, b) in by_label.items()}
            assert all(s >= 0 for s in slack.values())
            assert sorted(lab for lab, s in slack.items() if s == 0) == sorted(tight)
        assert len(loops) == {4: 20, 6: 112}[m]


def test_hard_game_labels_follow_the_paper():
    # Q's labels in Gale order, 1-based, d = 6: 1 3 2 5 4 6 | 8 7 10 9 12 11 (the permutation
    # of the authors' program "LH-paths on cyclic polytopes", von Stengel 2003)
    lab_p, lab_q = G._hard_game_labels(6)
    assert lab_p == tuple(range(12))
    assert [v + 1 for v in lab_q] == [1, 3, 2, 5, 4, 6, 8, 7, 10, 9, 12, 11]
    assert [v + 1 for v in G._hard_game_labels(4)[1]] == [1, 3, 2, 4, 6, 5, 8, 7]
    assert G._hard_game_labels(2)[1] == (0, 1, 3, 2)
    for d in (4, 6):
        lab_p, lab_q = G._hard_game_labels(d)
        A, B = (p.tolist() for p in G.hard_game(d).payoffs)
        _assert_dual_cyclic(A, B, lab_p, lab_q)
    # Gambit's instance has the same labelings
    _assert_dual_cyclic(_GAMBIT_SVS6_A, _GAMBIT_SVS6_B, *G._hard_game_labels(6))


def test_hard_game_lemke_howson_path_lengths():
    from solvers.complementary_pivoting import lemke_howson

    for d in (2, 4, 6, 8):
        g = G.hard_game(d)
        assert g.exact and g.shape == (d, d)
        oracle, ends = _gale_lh_lengths(*G._hard_game_labels(d), d)
        assert oracle == _HARD_LENGTHS[d]
        # every path ends at the unique equilibrium, the completely mixed vertex pair
        assert ends == {(tuple([0] * d + [1] * d), tuple([1] * d + [0] * d))}
        eqs = set()
        for k in range(2 * d):
            r = lemke_howson(g, k)
            assert r.ok and r.path_lengths == (_HARD_LENGTHS[d][k],)
            assert r.max_regret == 0 and r.equilibria[0].is_nash()
            x, y = r.equilibria[0].strategies
            assert all(v > 0 for v in x) and all(v > 0 for v in y)
            eqs.add((tuple(x), tuple(y)))
        assert len(eqs) == 1
    # longest path F(3d/2 + 2) - 1; shortest 2 F(3(d+2)/4) (d = 2 mod 4), 2 (F(3d/4 + 2) - 1)
    # (d = 0 mod 4): about phi^(3d/4), exponential even in the best case
    for d in range(2, 15, 2):
        lengths, ends = _gale_lh_lengths(*G._hard_game_labels(d), d)
        assert len(ends) == 1
        assert max(lengths) == lengths[0] == lengths[d - 1] == _fib(3 * d // 2 + 2) - 1
        short = 2 * _fib(3 * (d + 2) // 4) if d % 4 == 2 else 2 * (_fib(3 * d // 4 + 2) - 1)
        assert min(lengths) == short
    # max_pivots makes the long paths report truncation instead of running on
    r = lemke_howson(G.hard_game(8), 0, max_pivots=100)
    assert r.status == "truncated" and not r.equilibria


def test_hard_game_matches_gambits_instance():
    # same combinatorial game: the same path length from every label, a unique equilibrium
    from solvers import NormalFormGame
    from solvers.complementary_pivoting import lemke_howson

    gambit = NormalFormGame.bimatrix(
        np.array(_GAMBIT_SVS6_A, dtype=object), np.array(_GAMBIT_SVS6_B, dtype=object)
    )
    ours = G.hard_game(6)
    for g in (gambit, ours):
        assert [lemke_howson(g, k).path_lengths[0] for k in range(12)] == _HARD_LENGTHS[6]
    r = lemke_howson(gambit, 0)
    # von Stengel's (1999) first equilibrium of the 75, and the only one here
    assert [str(v) for v in r.equilibria[0].strategies[0]] == ["1/30", "1/6", "3/10", "3/10", "1/6", "1/30"]
    assert [str(v) for v in r.equilibria[0].strategies[1]] == ["1/6", "1/30", "3/10", "3/10", "1/30", "1/6"]


def test_hard_game_has_a_unique_equilibrium():
    from solvers.extreme import extreme_equilibria
    from solvers.support_enum import support_enumeration

    for d in (2, 4, 6, 8):
        r = extreme_equilibria(G.hard_game(d))
        assert r.ok and len(r.equilibria) == 1 and r.equilibria[0].is_nash()
        x, y = r.equilibria[0].strategies
        assert all(v > 0 for v in x) and all(v > 0 for v in y)
    se = support_enumeration(G.hard_game(6))
    assert len(se.equilibria) == 1 and se.equilibria[0].is_nash()


def test_hard_game_integer_is_a_positive_scaling():
    for d in (4, 6):
        gi, gr = G.hard_game(d), G.hard_game(d, integer=False)
        for Mi, Mr in zip(gi.payoffs, gr.payoffs):
            ratio = {Mi[idx] / Mr[idx] for idx in np.ndindex(Mi.shape) if Mr[idx] != 0}
            assert len(ratio) == 1 and next(iter(ratio)) > 0
            assert all(v.denominator == 1 for v in Mi.ravel())


@pytest.mark.anchor
def test_hard_game_unique_equilibrium_lrsnash(tmp_path):
    # anchor: lrsnash (Avis, Rosenberg, Savani & von Stengel 2010) lists exactly one equilibrium,
    # the same exact profile as ours
    import os
    import shutil
    import subprocess
    from fractions import Fraction

    from solvers.extreme import extreme_equilibria

    exe = shutil.which("lrsnash") or "/usr/bin/lrsnash"
    if not os.path.exists(exe):
        pytest.skip("lrsnash not installed")
    for d in (6, 8):
        g = G.hard_game(d)
        A, B = (p.tolist() for p in g.payoffs)
        path = tmp_path / f"hard{d}.txt"
        text = ["\n".join(" ".join(str(v) for v in r) for r in M) for M in (A, B)]
        path.write_text(f"{d} {d}\n\n{text[0]}\n\n{text[1]}\n")
        out = subprocess.run([exe, str(path)], capture_output=True, text=True, timeout=60, check=True).stdout
        lines = [ln.split() for ln in out.splitlines() if ln[:1] in ("1", "2")]
        assert [ln[0] for ln in lines] == ["2", "1"]  # one y, one x: a single equilibrium
        y = tuple(Fraction(v) for v in lines[0][1 : 1 + d])
        x = tuple(Fraction(v) for v in lines[1][1 : 1 + d])
        (e,) = extreme_equilibria(g).equilibria
        assert (tuple(e.strategies[0]), tuple(e.strategies[1])) == (x, y)


@pytest.mark.heavy
def test_hard_game_d10():
    from solvers._exact import exact_lemke_howson
    from solvers.complementary_pivoting import lemke_howson

    g = G.hard_game(10)
    A, B = g.payoffs
    assert [exact_lemke_howson(A, B, k)[3] for k in range(20)] == _HARD_LENGTHS[10]
    assert _gale_lh_lengths(*G._hard_game_labels(10), 10)[0] == _HARD_LENGTHS[10]
    # the Fibonacci forms of the docstring further out (d = 16: 121392 = F(26) - 1, 752)
    lengths = _gale_lh_lengths(*G._hard_game_labels(16), 16)[0]
    assert (max(lengths), min(lengths)) == (_fib(26) - 1, 2 * (_fib(14) - 1)) == (121392, 752)
    # the float path may lose its way on these 1e10-sized entries, but the answer is never wrong:
    # either the exact equilibrium with the right path length or an honest "truncated"
    for k in range(20):
        r = lemke_howson(g, k, max_pivots=20 * _HARD_LENGTHS[10][k])
        assert r.status in ("ok", "truncated")
        if r.ok:
            assert r.path_lengths == (_HARD_LENGTHS[10][k],) and r.max_regret == 0


@pytest.mark.parametrize("d", [0, 3, 1, 2.0, 40])
def test_hard_game_errors(d):
    with pytest.raises(InvalidInputError):
        G.hard_game(d)
