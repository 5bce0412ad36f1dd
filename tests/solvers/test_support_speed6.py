"""Support enumeration, session 6: the exact arithmetic runs in integers (Bareiss elimination on
each player's payoffs times a positive integer) and gives the answers of the Fraction code it
replaces (checked against that code: ``_side_fraction`` below and :mod:`solvers._exact`)."""

from fractions import Fraction
import itertools

import numpy as np
import pytest

from solvers import NormalFormGame, support_enumeration
from solvers import support_enum as SE


@pytest.mark.parametrize("seed", range(3))
def test_decimal_integers_are_the_decimal_text_times_one_power_of_ten(seed):
    rng = np.random.default_rng(seed)
    u = rng.random((3, 4)) * 10.0 ** rng.integers(-25, 25, (3, 4))
    u[0, 0] = 0.0
    u[1, 1] = -u[1, 1]
    u[2, 2] = 1e-5  # repr '1e-05': scientific notation without a point
    u[2, 3] = 123.0
    u[0, 1] = 1.5e16  # '1.5e+16'
    ints = SE._decimal_integers(u)
    exact = [[Fraction(repr(v)) for v in row] for row in u.tolist()]
    scale = {Fraction(exact[i][j]) / ints[i][j] for i in range(3) for j in range(4) if ints[i][j]}
    assert len(scale) == 1
    (s,) = scale
    assert s > 0 and s.numerator == 1 and 10 ** (len(str(s.denominator)) - 1) == s.denominator
    assert ints[0][0] == 0 and ints[1][1] < 0


def _int_rows(M):
    den = 1
    for v in M.reshape(-1):
        den = den * v.denominator // np.gcd(den, v.denominator)
    return [[int(v * den) for v in row] for row in M.tolist()]


def _side_fraction(Bm, I, J):
    """The reference: one side of the support pair ``(I, J)`` by Fraction Gaussian elimination
    (solvers._exact.solve_square), as support_enumeration did it before session 6."""
    from solvers import _exact

    k = len(I)
    Mx = [[Bm[i, j] for i in I] + [-1] for j in J] + [[1] * k + [0]]
    sol = _exact.solve_square(Mx, [0] * k + [1])
    if sol is None:
        return None, False, False
    if any(v <= 0 for v in sol[:k]):
        return sol[:k], False, False
    u = sol[k]
    nbest = 0
    for j in range(Bm.shape[1]):
        val = sum(sol[t] * Bm[i, j] for t, i in enumerate(I))
        if val > u:
            return sol[:k], False, False
        nbest += val == u
    return sol[:k], True, nbest > k


@pytest.mark.parametrize("seed", range(4))
def test_side_int_matches_the_fraction_solve(seed):
    # random small payoffs (many ties, singular systems, duplicated rows), every support pair
    rng = np.random.default_rng(seed)
    checked = singular = witnesses = 0
    for _ in range(25):
        m, n = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        M = np.array([[Fraction(int(rng.integers(-3, 4)), int(rng.integers(1, 3))) for _ in range(n)]
                      for _ in range(m)], dtype=object)
        if m > 2:
            M[2] = M[0]
        Mi = _int_rows(M)
        for k in range(1, min(m, n) + 1):
            for I in itertools.combinations(range(m), k):
                for J in itertools.combinations(range(n), k):
                    sol, ok, wit = _side_fraction(M, I, J)
                    isol, iok, iwit = SE._side_int(Mi, I, J)
                    assert (sol is None) == (isol is None), (M, I, J)
                    checked += 1
                    if sol is None:
                        singular += 1
                        continue
                    N, D = isol
                    assert D > 0 and [Fraction(v, D) for v in N] == list(sol)
                    assert (ok, wit) == (iok, iwit)
                    witnesses += wit
    assert checked > 200 and singular > 5 and witnesses > 5, (checked, singular, witnesses)


@pytest.mark.parametrize("A, B", [
    # 2 x 2 with a mixed equilibrium: x = (1/2, 1/2) (matching pennies shifted)
    ([[0.1, 0.3], [0.3, 0.1]], [[0.3, 0.1], [0.1, 0.3]]),
    ([[1e-20, 3e-20], [2e-20, 0.5e-20]], [[4e20, 1e20], [2e20, 3e20]]),
    ([[0.1, 0.2, 0.7]], [[0.3, 0.9, 0.9]]),
])
def test_small_float_games_answer_as_their_decimal_text(A, B):
    # the small path decides float games through their decimal text: the same supports,
    # status and (rounded) equilibria as the exact game of that text
    rf = support_enumeration(NormalFormGame.bimatrix(A, B))
    rx = support_enumeration(NormalFormGame.bimatrix(A, B).as_exact())
    assert rf.status == rx.status and rf.supports == rx.supports
    for pf, px in zip(rf.equilibria, rx.equilibria):
        for sf, sx in zip(pf.strategies, px.strategies):
            assert sf.tolist() == [float(v) for v in sx]


def test_exact_supports_survive_a_probability_that_rounds_to_zero():
    # the column player's exact equilibrium strategy puts about 1e-600 on its first column (it
    # is 0.0 in floats): the exact path takes the supports from the exact solution (it raised
    # a bare ValueError when it read them off the rounded floats)
    A = [[-0.0, 1e-300], [1e300, 5e-324]]
    B = [[1, 0], [0, 1.5]]
    rx = support_enumeration(NormalFormGame.bimatrix(A, B).as_exact())
    assert rx.status == "ok" and rx.supports == (((0, 1), (0, 1)),)
    x, y = rx.equilibria[0].strategies
    assert list(x) == [Fraction(3, 5), Fraction(2, 5)]  # B: 1 x1 = 1.5 x2
    assert 0 < y[0] < Fraction(1, 10**590) and y[0] + y[1] == 1
    rf = support_enumeration(NormalFormGame.bimatrix(A, B))
    assert rf.status == "ok" and rf.supports == rx.supports
    assert rf.equilibria[0].strategies[1].tolist() == [0.0, 1.0]


@pytest.mark.parametrize("seed", range(3))
def test_small_exact_equilibria_are_the_fraction_resolves_and_count_degenerate_ones(seed):
    # {0, 1, 2} payoffs: many degenerate games.  Every equilibrium of the integer small path is
    # the Fraction re-solve on its supports (solvers._exact), and the message counts exactly the
    # equilibria with more best responses than their support size
    from solvers import _exact

    rng = np.random.default_rng(seed)
    counted = 0
    for _ in range(15):
        A = rng.integers(0, 3, (3, 3))
        B = rng.integers(0, 3, (3, 3))
        g = NormalFormGame.bimatrix(A, B)
        r = support_enumeration(g)
        Ae, Be = g.payoffs
        extra = 0
        for p, (I, J) in zip(r.equilibria, r.supports):
            x, y = p.strategies
            sol = _exact.equilibrium_on_supports(Ae, Be, I, J)
            assert sol is not None and list(sol[0]) == list(x) and list(sol[1]) == list(y)
            u, v = list(Ae.dot(y)), list(x.dot(Be))
            extra += u.count(max(u)) > len(I) or v.count(max(v)) > len(J)
        if extra:
            counted += 1
            assert r.status == "degenerate"
            assert r.message.startswith(f"the game is degenerate: {extra} equilibri")
    assert counted >= 3


@pytest.mark.parametrize("seed", range(3))
def test_equilibrium_int_matches_the_fraction_equilibrium_on_supports(seed):
    # the exact re-check of the float filter's candidates (larger exact games), on every square
    # support pair of small {0, 1, 2} / random-integer games: the same accepted profiles
    # (zeros allowed inside the supports) and the same best-reply counts
    from solvers import _exact

    rng = np.random.default_rng(seed)
    accepted = with_zero = 0
    for t in range(10):
        hi = 3 if t % 2 else 20
        A = rng.integers(0, hi, (3, 4))
        B = rng.integers(0, hi, (3, 4))
        g = NormalFormGame.bimatrix(A, B)
        Ae, Be = g.payoffs
        (Ai, _), (Bi, _) = g.integer_payoffs()
        Bi, Ati = Bi.tolist(), Ai.T.tolist()
        for k in range(1, 4):
            for I in itertools.combinations(range(3), k):
                for J in itertools.combinations(range(4), k):
                    ref = _exact.equilibrium_on_supports(Ae, Be, I, J)
                    got = SE._equilibrium_int(Bi, Ati, I, J)
                    assert (ref is None) == (got is None), (A, B, I, J)
                    if ref is None:
                        continue
                    accepted += 1
                    (xn, xd), (yn, yd), bx, by = got
                    x, y = ref
                    assert [x[i] for i in I] == [Fraction(v, xd) for v in xn]
                    assert [y[j] for j in J] == [Fraction(v, yd) for v in yn]
                    u, v = list(Ae.dot(y)), list(x.dot(Be))
                    assert (by, bx) == (u.count(max(u)), v.count(max(v)))
                    with_zero += 0 in xn or 0 in yn
    assert accepted > 30 and with_zero > 0, (accepted, with_zero)
