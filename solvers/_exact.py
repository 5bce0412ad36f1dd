"""Exact (rational) linear algebra for equilibrium certificates (private helper).

* :func:`solve_square` -- Gaussian elimination over the rationals: the unique solution of a
  square system, or ``None`` when it is singular.
* :func:`indifference_solve` -- the mixed strategies that make the opponent indifferent on
  given supports: for a bimatrix game ``(A, B)`` and supports ``I`` (rows), ``J`` (columns)
  with ``|I| = |J|``, the unique ``x`` with ``supp(x) <= I``, ``sum x = 1``,
  ``x^T B[:, j] = u`` for ``j in J``, and the unique ``y`` with ``sum y = 1``,
  ``(A y)_i = v`` for ``i in I`` (von Stengel 2002, Handbook of Game Theory vol. 3, ch. 45,
  Sect. 2.3, support enumeration).
* :func:`bimatrix_regrets` -- exact regrets of a profile; an exact profile is a Nash
  equilibrium iff both are exactly 0.
* :func:`integer_matrix` -- scale a rational matrix to a positive integer one (same
  equilibria: positive affine transformations of a player's payoffs change nothing).
* :func:`exact_lemke_howson` -- Lemke-Howson with *integer pivoting* (every tableau entry is
  an integer, divided exactly by the previous pivot element, as in Bareiss elimination; von
  Stengel 2002, Sect. 3.5 and 6) and the lexicographic minimum ratio test evaluated exactly,
  so it never cycles and never suffers round-off.  Used as the certified fallback when the
  float path's reconstruction fails.

Everything works with :class:`fractions.Fraction` or Python ints; nothing here is float.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

__all__ = [
    "solve_square",
    "indifference_solve",
    "equilibrium_on_supports",
    "bimatrix_regrets",
    "integer_matrix",
    "exact_lemke_howson",
    "vertex_from_bases",
]

_ZERO = Fraction(0)
_ONE = Fraction(1)


def _F(v: Any) -> Fraction:
    return v if isinstance(v, Fraction) else Fraction(v)


def solve_square(M: Sequence[Sequence[Any]], b: Sequence[Any]) -> list[Fraction] | None:
    """The unique solution of the square system ``M z = b`` in Fractions, or ``None`` if singular."""
    n = len(M)
    aug = [[_F(v) for v in M[r]] + [_F(b[r])] for r in range(n)]
    for c in range(n):
        p = None
        for r in range(c, n):
            if aug[r][c] != 0:
                p = r
                break
        if p is None:
            return None
        if p != c:
            aug[c], aug[p] = aug[p], aug[c]
        pr = aug[c]
        inv = 1 / pr[c]
        for r in range(c + 1, n):
            f = aug[r][c]
            if f != 0:
                f = f * inv
                ar = aug[r]
                for cc in range(c, n + 1):
                    ar[cc] -= f * pr[cc]
    z = [_ZERO] * n
    for c in range(n - 1, -1, -1):
        s = aug[c][n]
        row = aug[c]
        for cc in range(c + 1, n):
            if row[cc] != 0:
                s -= row[cc] * z[cc]
        z[c] = s / row[c]
    return z


def indifference_solve(
    A: np.ndarray, B: np.ndarray, rows: Sequence[int], cols: Sequence[int]
) -> tuple[np.ndarray, np.ndarray, Fraction, Fraction] | None:
    """Exact indifference solution on equal-size supports.

    Parameters
    ----------
    A, B : numpy.ndarray of Fraction, shape (m, n)
        Payoffs of the row and column player.
    rows, cols : sequence of int
        Supports ``I`` and ``J`` with ``len(rows) == len(cols) >= 1``.

    Returns
    -------
    (x, y, v, u) or None
        ``x`` (length m) with ``sum x = 1``, zero off ``I`` and ``x^T B[:, j] = u`` for all
        ``j in J``; ``y`` (length n) with ``sum y = 1``, zero off ``J`` and ``(A y)_i = v`` for
        ``i in I``.  ``None`` when either system is singular.  Signs are *not* checked.
    """
    I = list(rows)
    J = list(cols)
    k = len(I)
    if k != len(J) or k == 0:
        raise ValueError("indifference_solve(): rows and cols must have the same nonzero length")
    m, n = A.shape
    # unknowns x_I (k) and u: sum_i x_i B[i, j] - u = 0 (j in J), sum x = 1
    Mx = [[B[i, j] for i in I] + [-1] for j in J] + [[1] * k + [0]]
    bx = [0] * k + [1]
    sx = solve_square(Mx, bx)
    if sx is None:
        return None
    My = [[A[i, j] for j in J] + [-1] for i in I] + [[1] * k + [0]]
    sy = solve_square(My, bx)
    if sy is None:
        return None
    x = np.array([_ZERO] * m, dtype=object)
    y = np.array([_ZERO] * n, dtype=object)
    for t, i in enumerate(I):
        x[i] = sx[t]
    for t, j in enumerate(J):
        y[j] = sy[t]
    return x, y, sy[k], sx[k]


def bimatrix_regrets(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[Any, Any]:
    """Regrets ``(max_i (A y)_i - x.A y,  max_j (x B)_j - x.B y)``, exact for Fraction input."""
    Ay = A.dot(y)
    xB = x.dot(B)
    v = x.dot(Ay)
    u = xB.dot(y)
    return max(Ay.tolist()) - v, max(xB.tolist()) - u


def equilibrium_on_supports(
    A: np.ndarray, B: np.ndarray, rows: Sequence[int], cols: Sequence[int]
) -> tuple[np.ndarray, np.ndarray] | None:
    """The exact equilibrium with supports contained in ``rows``/``cols``, or ``None``.

    Solves :func:`indifference_solve` and accepts the solution only if it is nonnegative and
    both exact regrets are 0 (so the answer is a certified Nash equilibrium).
    """
    sol = indifference_solve(A, B, rows, cols)
    if sol is None:
        return None
    x, y, _, _ = sol
    if any(v < 0 for v in x) or any(v < 0 for v in y):
        return None
    r0, r1 = bimatrix_regrets(A, B, x, y)
    if r0 != 0 or r1 != 0:
        return None
    return x, y


def integer_matrix(M: np.ndarray, shift_to_positive: bool = True) -> list[list[int]]:
    """``M`` (Fractions) scaled by the lcm of its denominators, shifted so all entries are >= 1."""
    vals = [_F(v) for v in np.asarray(M, dtype=object).ravel()]
    den = 1
    for v in vals:
        den = den * v.denominator // math.gcd(den, v.denominator)
    ints = [int(v * den) for v in vals]
    if shift_to_positive:
        lo = min(ints)
        ints = [v - lo + 1 for v in ints]
    r, c = np.asarray(M, dtype=object).shape
    return [ints[i * c:(i + 1) * c] for i in range(r)]


def _lex_min_ratio_int(T: list[list[int]], e: int, slack: range) -> int:
    """Exact lexicographic minimum ratio test on an integer tableau (``-1``: none)."""
    cand = [r for r in range(len(T)) if T[r][e] > 0]
    if not cand:
        return -1
    rhs = len(T[0]) - 1
    cols = [rhs, *slack]
    for col in cols:
        if len(cand) == 1:
            break
        # minimum of T[r][col] / T[r][e] (all T[r][e] > 0): compare by cross-multiplication
        best = cand[0]
        for r in cand[1:]:
            if T[r][col] * T[best][e] < T[best][col] * T[r][e]:
                best = r
        cand = [r for r in cand if T[r][col] * T[best][e] == T[best][col] * T[r][e]]
    return cand[0]


def _int_pivot(T: list[list[int]], row: int, e: int, det: int) -> int:
    """Integer pivot (Bareiss): rows ``r != row`` become ``(T[r]*p - T[r][e]*T[row]) / det``."""
    p = T[row][e]
    pr = T[row]
    for r in range(len(T)):
        if r == row:
            continue
        f = T[r][e]
        Tr = T[r]
        if f == 0:
            T[r] = [v * p // det for v in Tr]
        else:
            T[r] = [(v * p - f * w) // det for v, w in zip(Tr, pr)]
    return p


def exact_lemke_howson(
    A: np.ndarray, B: np.ndarray, init_label: int, max_pivots: int = 10**6, deadline: float | None = None
) -> tuple[str, np.ndarray | None, np.ndarray | None, int]:
    """Lemke-Howson from ``init_label`` in exact integer arithmetic.

    Same formulation as the float kernel (:mod:`solvers._kernels.lemke_howson`): tableaux
    ``[B^T | I | 1]`` for ``P`` and ``[I | A | 1]`` for ``Q`` on positive integer payoffs.
    With ``deadline`` (a :func:`time.perf_counter` value) the clock is read before every pivot.

    Returns
    -------
    (status, x, y, pivots)
        status ``"ok"``, ``"truncated"`` (``max_pivots``) or ``"time_limit"`` (past
        ``deadline``); ``x``, ``y`` Fraction arrays (``None`` unless ``"ok"``).
    """
    Ai = integer_matrix(A)
    Bi = integer_matrix(B)
    m = len(Ai)
    n = len(Ai[0])
    # P: rows j (basic s_j), columns x_0..x_{m-1}, s_0..s_{n-1}, rhs
    TP = [[Bi[i][j] for i in range(m)] + [1 if jj == j else 0 for jj in range(n)] + [1] for j in range(n)]
    TQ = [[1 if ii == i else 0 for ii in range(m)] + [Ai[i][j] for j in range(n)] + [1] for i in range(m)]
    basisP = [m + j for j in range(n)]
    basisQ = list(range(m))
    detP = 1
    detQ = 1
    entering = init_label
    in_p = entering < m
    pivots = 0
    while True:
        if pivots >= max_pivots:
            return "truncated", None, None, pivots
        if deadline is not None and time.perf_counter() > deadline:
            return "time_limit", None, None, pivots
        if in_p:
            row = _lex_min_ratio_int(TP, entering, range(m, m + n))
            if row < 0:  # cannot happen with positive payoffs
                return "failed", None, None, pivots
            detP = _int_pivot(TP, row, entering, detP)
            leaving = basisP[row]
            basisP[row] = entering
        else:
            row = _lex_min_ratio_int(TQ, entering, range(0, m))
            if row < 0:
                return "failed", None, None, pivots
            detQ = _int_pivot(TQ, row, entering, detQ)
            leaving = basisQ[row]
            basisQ[row] = entering
        pivots += 1
        if leaving == init_label:
            break
        entering = leaving
        in_p = not in_p
    x = [_ZERO] * m
    y = [_ZERO] * n
    for r, b in enumerate(basisP):
        if b < m:
            x[b] = Fraction(TP[r][-1], TP[r][b])
    for r, b in enumerate(basisQ):
        if b >= m:
            y[b - m] = Fraction(TQ[r][-1], TQ[r][b])
    sx = sum(x, _ZERO)
    sy = sum(y, _ZERO)
    xa = np.array([v / sx for v in x], dtype=object)
    ya = np.array([v / sy for v in y], dtype=object)
    return "ok", xa, ya, pivots


def vertex_from_bases(
    A: np.ndarray, B: np.ndarray, basisP: Sequence[int], basisQ: Sequence[int]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Exact strategies of the vertex pair given by final Lemke-Howson bases, or ``None``.

    In ``P`` the basic ``x_i`` are free and the nonbasic ``s_j`` are tight, so
    ``B[I', J']^T z = 1`` with ``I'`` the basic rows and ``J'`` the nonbasic slacks, a square
    system (``|I'| = |J'|`` because the basis has ``n`` members).  Likewise in ``Q``.  The
    systems are solved exactly and normalized; ``None`` when singular or not nonnegative.
    The payoffs ``A``, ``B`` must be positive (shifted).
    """
    m, n = A.shape
    Ip = sorted(b for b in basisP if b < m)
    basic_s = {b - m for b in basisP if b >= m}
    Jp = [j for j in range(n) if j not in basic_s]
    Jq = sorted(b - m for b in basisQ if b >= m)
    basic_r = {b for b in basisQ if b < m}
    Iq = [i for i in range(m) if i not in basic_r]
    if len(Ip) != len(Jp) or len(Jq) != len(Iq) or not Ip or not Jq:
        return None
    zx = solve_square([[B[i, j] for i in Ip] for j in Jp], [1] * len(Jp))
    zy = solve_square([[A[i, j] for j in Jq] for i in Iq], [1] * len(Iq))
    if zx is None or zy is None:
        return None
    if any(v < 0 for v in zx) or any(v < 0 for v in zy):
        return None
    sx = sum(zx, _ZERO)
    sy = sum(zy, _ZERO)
    if sx <= 0 or sy <= 0:
        return None
    x = np.array([_ZERO] * m, dtype=object)
    y = np.array([_ZERO] * n, dtype=object)
    for t, i in enumerate(Ip):
        x[i] = zx[t] / sx
    for t, j in enumerate(Jq):
        y[j] = zy[t] / sy
    return x, y
