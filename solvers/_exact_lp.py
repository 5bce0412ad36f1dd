"""Linear programs solved in floating point and certified exactly (private helper).

The problem form used throughout is

    maximize  c @ x   subject to  A_ub @ x <= b_ub,  A_eq @ x == b_eq,  x >= 0,

with dual

    minimize  b_ub @ y + b_eq @ z   subject to  A_ub.T @ y + A_eq.T @ z >= c,  y >= 0.

:func:`solve_lp` solves it with HiGHS (through :func:`scipy.optimize.linprog`).
:func:`exact_lp` returns an *exact* optimum in Fractions: it reconstructs a primal vertex and
a dual solution from the supports of the float solution (complementary slackness), solves
the two linear systems exactly, and accepts them only when primal feasibility, dual
feasibility and equality of the objectives hold exactly (weak duality then proves
optimality).  When the reconstruction fails (ill-conditioned or degenerate float solution)
it falls back to a dense two-phase simplex in Fractions with Bland's rule (Bland 1977),
which always terminates.  The float solution is never trusted, only used as a hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["LPSolution", "exact_lp", "exact_simplex", "solve_exact_system", "solve_lp"]

_ZERO = Fraction(0)


@dataclass
class LPSolution:
    status: str  # "optimal" | "infeasible" | "unbounded" | "failed"
    x: Any = None  # np.ndarray (float) or list of Fraction
    value: Any = None
    y: Any = None  # duals of the <= rows
    z: Any = None  # duals of the == rows
    method: str = ""


def _as_2d(A: Any, n: int) -> np.ndarray:
    if A is None:
        return np.zeros((0, n), dtype=object)
    A = np.asarray(A, dtype=object)
    if A.size == 0:
        return np.zeros((0, n), dtype=object)
    return A


def solve_lp(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None) -> LPSolution:
    """Float LP (maximize) by HiGHS; duals follow the docstring's sign convention."""
    from scipy.optimize import linprog

    c = np.asarray(c, dtype=float)
    n = c.shape[0]
    kw = {}
    if A_ub is not None and len(A_ub):
        kw["A_ub"] = np.asarray(A_ub, dtype=float)
        kw["b_ub"] = np.asarray(b_ub, dtype=float)
    if A_eq is not None and len(A_eq):
        kw["A_eq"] = np.asarray(A_eq, dtype=float)
        kw["b_eq"] = np.asarray(b_eq, dtype=float)
    res = linprog(-c, bounds=[(0, None)] * n, method="highs", **kw)
    if res.status == 2:
        return LPSolution("infeasible", method="highs")
    if res.status == 3:
        return LPSolution("unbounded", method="highs")
    if res.status != 0:
        return LPSolution("failed", method="highs")
    y = -np.asarray(res.ineqlin.marginals) if "A_ub" in kw else np.zeros(0)
    z = -np.asarray(res.eqlin.marginals) if "A_eq" in kw else np.zeros(0)
    return LPSolution("optimal", x=np.asarray(res.x), value=-float(res.fun), y=y, z=z, method="highs")


def solve_exact_system(M: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """One exact solution of ``M x = rhs`` (free variables 0), or None when inconsistent.

    Rows are scaled to integers and reduced by fraction-free (Bareiss 1968) elimination, so
    intermediate numbers are minors of the matrix and no gcd is taken per operation; the
    back substitution uses Fractions.
    """
    import math

    rows = len(M)
    cols = len(M[0]) if rows else 0
    aug: list[list[int]] = []
    for r in range(rows):
        vals = [Fraction(v) for v in M[r]] + [Fraction(rhs[r])]
        L = 1
        for v in vals:
            d = v.denominator
            if d != 1:
                L = L * d // math.gcd(L, d)
        aug.append([v.numerator * (L // v.denominator) for v in vals])
    pivots: list[int] = []
    prev = 1
    r = 0
    for col in range(cols):
        if r == rows:
            break
        piv = None
        for k in range(r, rows):
            if aug[k][col] != 0:
                piv = k
                break
        if piv is None:
            continue
        if piv != r:
            aug[r], aug[piv] = aug[piv], aug[r]
        pr = aug[r]
        p = pr[col]
        for k in range(r + 1, rows):
            rk = aug[k]
            f = rk[col]
            if f == 0:
                if prev != 1 or p != 1:
                    aug[k] = [(p * a) // prev for a in rk]
                continue
            aug[k] = [(p * a - f * b) // prev for a, b in zip(rk, pr)]
        prev = p
        pivots.append(col)
        r += 1
    for k in range(r, rows):
        if aug[k][cols] != 0:
            return None
    x = [_ZERO] * cols
    for k in range(len(pivots) - 1, -1, -1):
        col = pivots[k]
        row = aug[k]
        acc = Fraction(row[cols])
        for k2 in range(k + 1, len(pivots)):
            c2 = pivots[k2]
            if row[c2] and x[c2]:
                acc -= row[c2] * x[c2]
        x[col] = acc / row[col]
    return x


def _frac_matrix(A: np.ndarray) -> list[list[Fraction]]:
    return [[Fraction(v) for v in row] for row in A.tolist()]


def _dot(row: Sequence[Fraction], x: Sequence[Fraction]) -> Fraction:
    s = _ZERO
    for a, b in zip(row, x):
        if a and b:
            s += a * b
    return s


def _certify(c, Aub, bub, Aeq, beq, x, y, z) -> Fraction | None:
    """Exact primal feasibility + dual feasibility + equal objectives -> optimal value."""
    if any(v < 0 for v in x) or any(v < 0 for v in y):
        return None
    for row, b in zip(Aub, bub):
        if _dot(row, x) > b:
            return None
    for row, b in zip(Aeq, beq):
        if _dot(row, x) != b:
            return None
    n = len(c)
    for j in range(n):
        s = _ZERO
        for i, row in enumerate(Aub):
            if y[i] and row[j]:
                s += row[j] * y[i]
        for i, row in enumerate(Aeq):
            if z[i] and row[j]:
                s += row[j] * z[i]
        if s < c[j]:
            return None
    pv = _dot(c, x)
    dv = _dot(bub, y) + _dot(beq, z)
    if pv != dv:
        return None
    return pv


def exact_lp(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, *, tol: float = 1e-9,
             max_simplex_size: int = 400_000, hint: LPSolution | None = None) -> LPSolution:
    """Exact optimum (Fractions) of the LP in the module docstring.

    Returns an :class:`LPSolution` whose ``x``, ``y``, ``z`` are lists of Fractions that
    satisfy primal and dual feasibility and equal objective values exactly (``method`` is
    ``"highs+reconstruction"``), or the result of the exact simplex (``"exact-simplex"``).
    ``status`` is ``"failed"`` only when the simplex tableau would exceed
    ``max_simplex_size`` entries and the reconstruction failed.  ``hint`` is an optional
    float solution (``x``, ``y``, ``z`` arrays) tried before HiGHS is called.
    """
    c_f = [Fraction(v) for v in np.asarray(c, dtype=object).tolist()]
    n = len(c_f)
    Aub = _frac_matrix(_as_2d(A_ub, n))
    Aeq = _frac_matrix(_as_2d(A_eq, n))
    bub = [Fraction(v) for v in (np.asarray(b_ub, dtype=object).tolist() if Aub else [])]
    beq = [Fraction(v) for v in (np.asarray(b_eq, dtype=object).tolist() if Aeq else [])]
    Aub_f = np.array([[float(v) for v in r] for r in Aub]).reshape(len(Aub), n)
    Aeq_f = np.array([[float(v) for v in r] for r in Aeq]).reshape(len(Aeq), n)
    if hint is not None and hint.status == "optimal":
        sol = _reconstruct(c_f, Aub, bub, Aeq, beq, hint, tol)
        if sol is not None:
            return sol
    fl = solve_lp(np.array([float(v) for v in c_f]),
                  Aub_f if Aub else None, np.array([float(v) for v in bub]) if Aub else None,
                  Aeq_f if Aeq else None, np.array([float(v) for v in beq]) if Aeq else None)
    if fl.status == "optimal":
        sol = _reconstruct(c_f, Aub, bub, Aeq, beq, fl, tol)
        if sol is not None:
            return sol
    m = len(Aub) + len(Aeq)
    if (m + 1) * (n + len(Aub) + m + 1) > max_simplex_size:
        return LPSolution("failed", method="highs (exact certification failed; problem too large "
                                             "for the exact simplex)")
    return exact_simplex(c_f, Aub, bub, Aeq, beq)


def _reconstruct(c, Aub, bub, Aeq, beq, fl: LPSolution, tol: float) -> LPSolution | None:
    n = len(c)
    x_f = fl.x
    scale = max(1.0, float(np.max(np.abs(x_f))) if n else 1.0)
    Aub_f = np.array([[float(v) for v in r] for r in Aub]).reshape(len(Aub), n)
    Aeq_f = np.array([[float(v) for v in r] for r in Aeq]).reshape(len(Aeq), n)
    bub_f = np.array([float(v) for v in bub])
    slack = bub_f - Aub_f @ x_f if len(Aub) else np.zeros(0)
    for t in (tol, tol * 1e3, tol * 1e-2):
        J = [j for j in range(n) if x_f[j] > t * scale]
        T = [i for i in range(len(Aub)) if abs(slack[i]) <= t * max(1.0, abs(bub_f[i]))]
        M = [[Aub[i][j] for j in J] for i in T] + [[Aeq[i][j] for j in J] for i in range(len(Aeq))]
        rhs = [bub[i] for i in T] + list(beq)
        if J and M:
            xs = solve_exact_system(M, rhs)
        elif not J:
            xs = [] if all(v == 0 for v in rhs) else None
        else:
            xs = None
        if xs is None:
            continue
        x = [_ZERO] * n
        for j, v in zip(J, xs):
            x[j] = v
        # dual: unknowns y_i (i with nonzero float dual) and all z; equations: tight dual rows
        y_f = np.asarray(fl.y, dtype=float)
        z_f = np.asarray(fl.z, dtype=float)
        red = (Aub_f.T @ y_f if len(Aub) else 0) + (Aeq_f.T @ z_f if len(Aeq) else 0) - np.array(
            [float(v) for v in c])
        yscale = max(1.0, float(np.max(np.abs(np.r_[y_f, z_f]))) if (len(y_f) + len(z_f)) else 1.0)
        Y = [i for i in range(len(Aub)) if y_f[i] > t * yscale]
        Z = list(range(len(Aeq)))
        D = sorted(set(J) | {j for j in range(n) if abs(red[j]) <= t * yscale})
        unknowns = len(Y) + len(Z)
        if unknowns:
            Md = [[Aub[i][j] for i in Y] + [Aeq[i][j] for i in Z] for j in D]
            rd = [c[j] for j in D]
            if D:
                ys = solve_exact_system(Md, rd)
            else:
                ys = [_ZERO] * unknowns
            if ys is None:
                continue
        else:
            ys = []
        y = [_ZERO] * len(Aub)
        for k, i in enumerate(Y):
            y[i] = ys[k]
        z = list(ys[len(Y):])
        val = _certify(c, Aub, bub, Aeq, beq, x, y, z)
        if val is not None:
            return LPSolution("optimal", x=x, value=val, y=y, z=z, method="highs+reconstruction")
    return None


def exact_simplex(c, Aub, bub, Aeq, beq) -> LPSolution:
    """Two-phase dense simplex in Fractions, Bland's rule; returns primal and dual solutions."""
    n = len(c)
    m1, m2 = len(Aub), len(Aeq)
    m = m1 + m2
    # columns: x (n), slacks (m1), artificials (m)
    ncol = n + m1 + m
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    sign: list[int] = []
    for i in range(m1):
        r = [Fraction(v) for v in Aub[i]] + [_ZERO] * (m1 + m)
        r[n + i] = Fraction(1)
        b = Fraction(bub[i])
        s = 1
        if b < 0:
            r = [-v for v in r]
            b = -b
            s = -1
        rows.append(r)
        rhs.append(b)
        sign.append(s)
    for i in range(m2):
        r = [Fraction(v) for v in Aeq[i]] + [_ZERO] * (m1 + m)
        b = Fraction(beq[i])
        s = 1
        if b < 0:
            r = [-v for v in r]
            b = -b
            s = -1
        rows.append(r)
        rhs.append(b)
        sign.append(s)
    basis = []
    for i in range(m):
        # a <= row with nonnegative rhs can start with its slack basic
        if i < m1 and sign[i] == 1:
            basis.append(n + i)
        else:
            rows[i][n + m1 + i] = Fraction(1)
            basis.append(n + m1 + i)
    art = set(range(n + m1, ncol))

    def pivot(r: int, col: int) -> None:
        pr = rows[r]
        inv = 1 / pr[col]
        if inv != 1:
            pr = [v * inv for v in pr]
            rows[r] = pr
            rhs[r] = rhs[r] * inv
        for k in range(m):
            if k != r:
                f = rows[k][col]
                if f != 0:
                    rows[k] = [a - f * b for a, b in zip(rows[k], pr)]
                    rhs[k] = rhs[k] - f * rhs[r]
        basis[r] = col

    def run(cost: list[Fraction], allowed: set[int]) -> str:
        # maximize cost @ x over the current tableau; Bland's rule
        while True:
            cb = [cost[b] for b in basis]
            enter = None
            for j in range(ncol):
                if j not in allowed or j in basis:
                    continue
                red = cost[j] - sum((cb[k] * rows[k][j] for k in range(m) if rows[k][j] != 0), _ZERO)
                if red > 0:
                    enter = j
                    break
            if enter is None:
                return "optimal"
            best = None
            for k in range(m):
                a = rows[k][enter]
                if a > 0:
                    ratio = rhs[k] / a
                    if best is None or ratio < best[0] or (ratio == best[0] and basis[k] < basis[best[1]]):
                        best = (ratio, k)
            if best is None:
                return "unbounded"
            pivot(best[1], enter)

    all_cols = set(range(ncol))
    if any(b in art for b in basis):
        cost1 = [_ZERO] * ncol
        for j in art:
            cost1[j] = Fraction(-1)
        run(cost1, all_cols)
        if any(rhs[k] != 0 for k in range(m) if basis[k] in art):
            return LPSolution("infeasible", method="exact-simplex")
        # drive zero-level artificials out of the basis
        for k in range(m):
            if basis[k] in art:
                for j in range(n + m1):
                    if j not in basis and rows[k][j] != 0:
                        pivot(k, j)
                        break
    cost2 = [Fraction(v) for v in c] + [_ZERO] * (m1 + m)
    allowed = set(range(n + m1))
    status = run(cost2, allowed)
    if status == "unbounded":
        return LPSolution("unbounded", method="exact-simplex")
    x = [_ZERO] * n
    for k, b in enumerate(basis):
        if b < n:
            x[b] = rhs[k]
    value = _dot([Fraction(v) for v in c], x)
    # duals: solve B^T w = c_B on the original (sign-corrected) rows of the basic columns
    orig = []
    for i in range(m):
        base = [Fraction(v) for v in (Aub[i] if i < m1 else Aeq[i - m1])]
        slack = [_ZERO] * m1
        if i < m1:
            slack[i] = Fraction(1)
        orig.append(base + slack)
    Bt = [[orig[i][b] if b < n + m1 else (Fraction(1) if b - n - m1 == i else _ZERO) for i in range(m)]
          for b in basis]
    cB = [cost2[b] if b < n + m1 else _ZERO for b in basis]
    w = solve_exact_system(Bt, cB) if m else []
    if w is None:
        w = [_ZERO] * m
    y = list(w[:m1])
    z = list(w[m1:])
    return LPSolution("optimal", x=x, value=value, y=y, z=z, method="exact-simplex")
