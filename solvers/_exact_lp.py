"""Linear programs solved in floating point and certified exactly (private helper).

The problem form used throughout is

    maximize  c @ x   subject to  A_ub @ x <= b_ub,  A_eq @ x == b_eq,  x >= 0,

with dual

    minimize  b_ub @ y + b_eq @ z   subject to  A_ub.T @ y + A_eq.T @ z >= c,  y >= 0.

:func:`solve_lp` solves it with HiGHS (through :func:`scipy.optimize.linprog`).
:func:`exact_lp` returns an *exact* optimum in Fractions: it reconstructs a primal vertex and
a dual solution from the supports of the float solution (complementary slackness, with
separate scale-aware thresholds for the primal support, the tight rows, the dual support and
the tight dual rows), solves the two linear systems exactly, and accepts them only when
primal feasibility, dual feasibility and equality of the objectives hold exactly (weak
duality then proves optimality).  When the float optimum is too inaccurate for that (badly
scaled: a row violated by more than the smallest positive variable), the LP restricted to the
likely support and tight rows is solved exactly and extended by the rows and columns its
optimum violates until it certifies on the whole LP (:func:`_reconstruct`).  Otherwise it
falls back to a dense two-phase simplex in Fractions with Bland's rule (Bland 1977), which
always terminates.  The float solution is never trusted, only used as a hint.  An optional
deadline bounds all exact work (status ``"time_limit"``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ._scale import HUGE

__all__ = ["LPSolution", "exact_lp", "exact_simplex", "solve_exact_system", "solve_lp"]

_ZERO = Fraction(0)


@dataclass
class LPSolution:
    status: str  # "optimal" | "infeasible" | "unbounded" | "failed" | "time_limit"
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


def solve_lp(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, *, time_limit: float | None = None) -> LPSolution:
    """Float LP (maximize) by HiGHS; duals follow the docstring's sign convention.

    ``time_limit`` (seconds, default None: none) is passed to HiGHS; when it stops HiGHS, or
    is not positive (no time left: HiGHS is not called), the status is ``"time_limit"`` (no
    solution).
    """
    from scipy.optimize import linprog

    if time_limit is not None and time_limit <= 0:
        return LPSolution("time_limit", method="highs (time limit reached)")
    c = np.asarray(c, dtype=float)
    n = c.shape[0]
    kw = {}
    if A_ub is not None and len(A_ub):
        kw["A_ub"] = np.asarray(A_ub, dtype=float)
        kw["b_ub"] = np.asarray(b_ub, dtype=float)
    if A_eq is not None and len(A_eq):
        kw["A_eq"] = np.asarray(A_eq, dtype=float)
        kw["b_eq"] = np.asarray(b_eq, dtype=float)
    opts = {} if time_limit is None else {"time_limit": float(time_limit)}
    res = linprog(-c, bounds=[(0, None)] * n, method="highs", options=opts, **kw)
    if res.status == 1 and time_limit is not None:  # (iteration limits are HiGHS's huge defaults)
        return LPSolution("time_limit", method="highs (time limit reached)")
    if res.status == 2:
        return LPSolution("infeasible", method="highs")
    if res.status == 3:
        return LPSolution("unbounded", method="highs")
    if res.status != 0:
        return LPSolution("failed", method="highs")
    y = -np.asarray(res.ineqlin.marginals) if "A_ub" in kw else np.zeros(0)
    z = -np.asarray(res.eqlin.marginals) if "A_eq" in kw else np.zeros(0)
    return LPSolution("optimal", x=np.asarray(res.x), value=-float(res.fun), y=y, z=z, method="highs")


def solve_exact_system(M: list[list[Fraction]], rhs: list[Fraction], *,
                       deadline: float | None = None) -> list[Fraction] | None:
    """One exact solution of ``M x = rhs`` (free variables 0), or None when inconsistent.

    None too when ``deadline`` (a :func:`time.perf_counter` value, checked at every pivot
    column) has passed.

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
        if _expired(deadline):
            return None
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
    if any(sj < cj for sj, cj in zip(_col_duals(Aub, Aeq, y, z, len(c)), c)):
        return None
    pv = _dot(c, x)
    dv = _dot(bub, y) + _dot(beq, z)
    if pv != dv:
        return None
    return pv


def exact_lp(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, *, tol: float = 1e-9,
             max_simplex_size: int = 400_000, hint: LPSolution | None = None,
             deadline: float | None = None, time_limit: float | None = None,
             restricted_time: float | None = None) -> LPSolution:
    """Exact optimum (Fractions) of the LP in the module docstring.

    Returns an :class:`LPSolution` whose ``x``, ``y``, ``z`` are lists of Fractions that
    satisfy primal and dual feasibility and equal objective values exactly (``method`` is
    ``"highs+reconstruction"`` or ``"highs+restricted exact lp"``, see :func:`_reconstruct`),
    or the result of the exact simplex (``"exact-simplex"``).  ``status`` is ``"failed"``
    only when the simplex tableau would exceed ``max_simplex_size`` entries and the
    reconstruction failed.  ``hint`` is an optional float solution (``x``, ``y``, ``z``
    arrays) tried before HiGHS is called.

    ``deadline`` (a :func:`time.perf_counter` value) or ``time_limit`` (seconds from the
    call) bound the exact work: the reconstruction and every pivot of the exact simplex
    check the clock, and past it the result has ``status="time_limit"`` (no solution); the
    float LP solve (HiGHS) gets the remaining time as its own time limit.  Default: no limit.

    ``restricted_time`` (seconds, default None: no budget) bounds the restricted exact LPs
    of the reconstruction (step 2 of :func:`_reconstruct`, exact simplex runs whose time grows
    fast with the numbers' sizes: one of 100 columns and 266 rows on a CE LP with payoffs up
    to 1e20 ran for minutes) when no deadline is given; callers that can report giving up
    opt in (:func:`solvers.correlated.correlated_equilibrium` passes :data:`RESTRICTED_TIME`).
    When it runs out the reconstruction gives up (never an uncertified answer): the exact
    simplex decides if its tableau is within ``max_simplex_size``, else the status is
    ``"failed"`` and ``method`` says that the budget ran out.
    """
    if time_limit is not None:
        d = time.perf_counter() + float(time_limit)
        deadline = d if deadline is None else min(deadline, d)
    c_f = [Fraction(v) for v in np.asarray(c, dtype=object).tolist()]
    n = len(c_f)
    Aub = _frac_matrix(_as_2d(A_ub, n))
    Aeq = _frac_matrix(_as_2d(A_eq, n))
    bub = [Fraction(v) for v in (np.asarray(b_ub, dtype=object).tolist() if Aub else [])]
    beq = [Fraction(v) for v in (np.asarray(b_eq, dtype=object).tolist() if Aeq else [])]
    try:
        Aub_f = np.array([[float(v) for v in r] for r in Aub], dtype=float).reshape(len(Aub), n)
        Aeq_f = np.array([[float(v) for v in r] for r in Aeq], dtype=float).reshape(len(Aeq), n)
        # coefficients past HUGE make the float LP overflow (HiGHS, reduced costs), past 1.8e308
        # they are no floats at all: the LP is then scaled
        huge = max([float(np.max(np.abs(M))) for M in (Aub_f, Aeq_f) if M.size]
                   + [abs(float(v)) for v in (*c_f, *bub, *beq)], default=0.0) > HUGE
    except OverflowError:  # (Fraction -> float past 1.8e308)
        huge = True
    if huge:
        return _exact_lp_scaled(c_f, Aub, bub, Aeq, beq, tol=tol, max_simplex_size=max_simplex_size,
                                deadline=deadline, restricted_time=restricted_time)
    floats = (Aub_f, Aeq_f)
    m = len(Aub) + len(Aeq)
    sub_size = max(max_simplex_size, _RESTRICTED_SIZE)  # (the restricted LPs are the cheap path)
    # seconds left to the restricted exact LPs of both reconstructions (None: no budget, or the
    # deadline rules)
    budget = None if deadline is not None or restricted_time is None else [float(restricted_time)]

    def reconstruct(fl: LPSolution) -> LPSolution | None:
        return _reconstruct(c_f, Aub, bub, Aeq, beq, fl, tol, deadline=deadline, floats=floats,
                            max_size=sub_size, restricted_budget=budget)

    if hint is not None and hint.status == "optimal":
        sol = reconstruct(hint)
        if sol is not None:
            return sol
    if _expired(deadline):
        return LPSolution("time_limit", method="reconstruction (deadline reached)")
    fl = solve_lp(np.array([float(v) for v in c_f]),
                  Aub_f if Aub else None, np.array([float(v) for v in bub]) if Aub else None,
                  Aeq_f if Aeq else None, np.array([float(v) for v in beq]) if Aeq else None,
                  time_limit=_time_left(deadline))
    if fl.status == "optimal":
        sol = reconstruct(fl)
        if sol is not None:
            return sol
    if _expired(deadline) or fl.status == "time_limit":
        return LPSolution("time_limit", method="reconstruction (deadline reached)")
    if (m + 1) * (n + len(Aub) + m + 1) > max_simplex_size:
        why = (f"the restricted exact LPs ran out of their {restricted_time:g} s budget and "
               if budget is not None and budget[0] <= 0 else "")
        return LPSolution("failed", method=f"highs (exact certification failed: {why}the problem is too large "
                                             "for the exact simplex)")
    return exact_simplex(c_f, Aub, bub, Aeq, beq, deadline=deadline)


def _fraction_log2(values: Sequence[Fraction]) -> int:
    """About ``log2 max |v|`` over the nonzero ``values`` (0 when all are zero)."""
    return max((v.numerator.bit_length() - v.denominator.bit_length() for v in values if v), default=0)


def _exact_lp_scaled(c, Aub, bub, Aeq, beq, **kw) -> LPSolution:
    """:func:`exact_lp` of an LP with coefficients past the float range.

    Every row ``(a_r, b_r)`` is multiplied by ``2**-k_r`` and the objective by ``2**-k_0`` so
    that their largest coefficients are near 1 (a positive row scaling keeps the feasible set,
    an objective scaling keeps the optimal points); the exact optimum of that LP is mapped
    back exactly: ``x`` unchanged, ``y_r = 2**(k_0 - k_r) y'_r`` (likewise ``z``) and
    ``value = 2**k_0 value'``.  (Exact games with payoffs like ``10**400`` made the float
    conversion raise OverflowError in zero_sum_solve and correlated_equilibrium.)
    """
    def scale(v: Fraction, k: int) -> Fraction:
        return v / (1 << k) if k >= 0 else v * (1 << -k)

    k0 = _fraction_log2(c)
    kub = [_fraction_log2([*r, b]) for r, b in zip(Aub, bub)]
    keq = [_fraction_log2([*r, b]) for r, b in zip(Aeq, beq)]
    sol = exact_lp([scale(v, k0) for v in c],
                   [[scale(v, k) for v in r] for r, k in zip(Aub, kub)] or None,
                   [scale(b, k) for b, k in zip(bub, kub)] or None,
                   [[scale(v, k) for v in r] for r, k in zip(Aeq, keq)] or None,
                   [scale(b, k) for b, k in zip(beq, keq)] or None, **kw)
    if sol.status != "optimal":
        return sol
    y = [scale(v, k - k0) for v, k in zip(sol.y, kub)] if Aub else sol.y
    z = [scale(v, k - k0) for v, k in zip(sol.z, keq)] if Aeq else sol.z
    return LPSolution("optimal", x=sol.x, value=scale(sol.value, -k0), y=y, z=z,
                      method=sol.method + ", rows scaled by powers of 2")


#: Largest tableau of the restricted exact LPs solved by :func:`_reconstruct`.
_RESTRICTED_SIZE = 200_000
#: Seconds of restricted exact LPs per reconstruction that callers opting in to a budget pass as
#: ``exact_lp(restricted_time=...)`` when no deadline is given.
RESTRICTED_TIME = 30.0


def _expired(deadline: float | None) -> bool:
    return deadline is not None and time.perf_counter() > deadline


def _time_left(deadline: float | None) -> float | None:
    """Seconds to ``deadline`` (a :func:`time.perf_counter` value; negative past it), None without one."""
    return None if deadline is None else deadline - time.perf_counter()


def _col_duals(Aub, Aeq, y, z, n: int) -> list[Fraction]:
    """``A_ub.T @ y + A_eq.T @ z`` exactly (skipping zero duals)."""
    s = [_ZERO] * n
    for A, w in ((Aub, y), (Aeq, z)):
        for row, wi in zip(A, w):
            if wi:
                for j, a in enumerate(row):
                    if a:
                        s[j] += a * wi
    return s


def _solve_tall(M: list[list[Fraction]], rhs: list[Fraction], deadline: float | None = None) -> list[Fraction] | None:
    """:func:`solve_exact_system` for a tall system through a square subsystem.

    Rows of ``M`` spanning its row space are chosen in floating point (QR with column pivoting
    of ``M.T``, Businger & Golub 1965), that subsystem is solved exactly and every row is then
    checked exactly; None when the check fails (inconsistent, or a float rank misjudged).
    Eliminating all rows fraction-free costs O(rows * cols^2) big-integer operations on
    growing numbers (a 700 x 16 system from a correlated equilibrium LP took 40 s).
    """
    rows = len(M)
    cols = len(M[0]) if rows else 0
    if rows <= max(cols, 1) + 4:
        return solve_exact_system(M, rhs, deadline=deadline)
    from scipy.linalg import qr

    Mf = np.array([[float(v) for v in r] for r in M], dtype=float)
    nrm = np.abs(Mf).max(axis=1)
    keep = np.flatnonzero(nrm > 0)
    if keep.size == 0:
        return [_ZERO] * cols if all(v == 0 for v in rhs) else None
    _, R, piv = qr((Mf[keep] / nrm[keep, None]).T, mode="economic", pivoting=True)
    d = np.abs(np.diag(R))
    rank = int(np.sum(d > d[0] * 1e-12)) if d.size and d[0] > 0 else 0
    sel = sorted(int(keep[i]) for i in piv[:rank])
    xs = solve_exact_system([M[i] for i in sel], [rhs[i] for i in sel], deadline=deadline) if sel else [_ZERO] * cols
    if xs is None:
        return None
    for row, b in zip(M, rhs):
        if _dot(row, xs) != b:
            return None
    return xs


def _try_sets(c, Aub, bub, Aeq, beq, J, T, Y, D, deadline: float | None = None) -> LPSolution | None:
    """Primal on support ``J`` with rows ``T`` tight, dual on rows ``Y`` with columns ``D`` tight.

    The two linear systems are solved exactly and the pair is accepted only if
    :func:`_certify` proves it optimal.
    """
    n, m2 = len(c), len(Aeq)
    M = [[Aub[i][j] for j in J] for i in T] + [[Aeq[i][j] for j in J] for i in range(m2)]
    rhs = [bub[i] for i in T] + list(beq)
    if not J:
        if any(v != 0 for v in rhs):
            return None
        xs: list[Fraction] = []
    elif not M:
        return None
    else:
        xs = _solve_tall(M, rhs, deadline)
        if xs is None or any(v < 0 for v in xs):
            return None
    x = [_ZERO] * n
    for j, v in zip(J, xs):
        x[j] = v
    unknowns = len(Y) + m2
    if unknowns and D:
        Md = [[Aub[i][j] for i in Y] + [Aeq[i][j] for i in range(m2)] for j in D]
        ys = _solve_tall(Md, [c[j] for j in D], deadline)
        if ys is None:
            return None
    else:
        ys = [_ZERO] * unknowns
    if any(v < 0 for v in ys[:len(Y)]):
        return None
    y = [_ZERO] * len(Aub)
    for k, i in enumerate(Y):
        y[i] = ys[k]
    z = list(ys[len(Y):])
    val = _certify(c, Aub, bub, Aeq, beq, x, y, z)
    if val is None:
        return None
    return LPSolution("optimal", x=x, value=val, y=y, z=z, method="highs+reconstruction")


def _reconstruct(c, Aub, bub, Aeq, beq, fl: LPSolution, tol: float, *, deadline: float | None = None,
                 floats: tuple[np.ndarray, np.ndarray] | None = None,
                 max_size: int = _RESTRICTED_SIZE, restricted_budget: list[float] | None = None) -> LPSolution | None:
    """Exact optimum read off the float solution ``fl``, or None.  Never returns an uncertified pair.

    Scale-aware scores: ``x_j / max|x|`` (primal support), the slack of each ``<=`` row relative
    to ``max_j |A_ij| max|x| + |b_i|`` (tight rows), ``y_i / max|y, z|`` (dual support) and the
    reduced cost of each column relative to ``max_i |A_ij| max|y, z| + |c_j|`` (tight dual
    rows); the support and the tight sets are thresholded separately.

    1. Complementary slackness: for a few thresholds, the primal on the support with the rows
       of positive dual (or of small slack) tight, and the dual on the rows of positive dual
       with the support's columns (and those of small reduced cost) tight; both systems are
       solved exactly and the pair is certified by :func:`_certify`.
    2. When the float optimum is only approximately feasible (HiGHS's answer can violate a row
       by more than its smallest positive entry, so no exact solution has its support), the
       LP restricted to the likely support columns and the likely tight rows is solved by
       :func:`exact_simplex`; rows the exact restricted optimum violates and columns its duals
       price out are added and the restricted LP re-solved (cutting planes and column
       generation), until the extended pair certifies on the whole LP (then exactly optimal by
       weak duality) or the restricted tableau would exceed ``max_size`` entries, or the
       seconds in ``restricted_budget[0]`` run out (the time spent is subtracted there; a
       budget replaces ``deadline``, which otherwise bounds both steps).
    """
    n, m1, m2 = len(c), len(Aub), len(Aeq)
    if floats is None:
        floats = (np.array([[float(v) for v in r] for r in Aub], dtype=float).reshape(m1, n),
                  np.array([[float(v) for v in r] for r in Aeq], dtype=float).reshape(m2, n))
    Aub_f, Aeq_f = floats
    try:
        x_f = np.asarray(fl.x, dtype=float).reshape(n)
        y_f = np.asarray(fl.y if m1 else np.zeros(0), dtype=float).reshape(m1)
        z_f = np.asarray(fl.z if m2 else np.zeros(0), dtype=float).reshape(m2)
    except (TypeError, ValueError):
        return None
    if not (np.all(np.isfinite(x_f)) and np.all(np.isfinite(y_f)) and np.all(np.isfinite(z_f))):
        return None
    c_fl = np.array([float(v) for v in c], dtype=float)
    bub_f = np.array([float(v) for v in bub], dtype=float)
    xs = float(np.max(np.abs(x_f))) if n else 0.0
    xs = xs if xs > 0 else 1.0
    px = x_f / xs
    absA = np.abs(Aub_f)
    rowmax = absA.max(axis=1) if (m1 and n) else np.zeros(m1)
    slack = bub_f - Aub_f @ x_f if m1 else np.zeros(0)
    sden = rowmax * xs + np.abs(bub_f)
    sl = slack / np.where(sden > 0, sden, 1.0)
    ysc = float(np.max(np.abs(np.r_[y_f, z_f]))) if (m1 + m2) else 0.0
    ysc = ysc if ysc > 0 else 1.0
    py = y_f / ysc
    colmax = np.zeros(n)
    if m1:
        colmax = np.maximum(colmax, absA.max(axis=0))
    if m2:
        colmax = np.maximum(colmax, np.abs(Aeq_f).max(axis=0))
    red = (Aub_f.T @ y_f if m1 else 0.0) + (Aeq_f.T @ z_f if m2 else 0.0) - c_fl
    rden = colmax * ysc + np.abs(c_fl)
    pr = np.asarray(red / np.where(rden > 0, rden, 1.0), dtype=float).reshape(n)

    # 1. complementary slackness with separate thresholds
    seen = set()
    for t in (tol, tol * 1e-3, tol * 1e3, tol * 1e-6):
        if _expired(deadline):
            return None
        J = tuple(int(j) for j in np.flatnonzero(px > t))
        Y = tuple(int(i) for i in np.flatnonzero(py > t))
        D = tuple(sorted(set(J) | {int(j) for j in np.flatnonzero(np.abs(pr) <= t)}))
        Tsl = tuple(int(i) for i in np.flatnonzero(np.abs(sl) <= t))
        for T in (Y, Tsl):
            key = (J, T, Y, D)
            if key in seen:
                continue
            seen.add(key)
            sol = _try_sets(c, Aub, bub, Aeq, beq, J, T, Y, D, deadline)
            if sol is not None:
                return sol

    # 2. restricted exact LP with row and column generation
    col_order = [int(j) for j in np.lexsort((-px, pr))]  # smallest reduced cost, then largest x
    supp = {int(j) for j in np.flatnonzero(px > 1e-15)}
    cand = [j for j in col_order if pr[j] <= 1e-9 and j not in supp]
    cols = supp | set(cand[:max(8, len(supp))])
    if not cols:
        cols = set(col_order[:min(n, 8)])
    nz = (Aub_f != 0) if m1 else np.zeros((0, n), dtype=bool)

    def relevant(rs: set[int], cs: set[int]) -> list[int]:
        # rows that can bind the restricted columns: nonzero there, or a negative bound
        cl = sorted(cs)
        return [i for i in sorted(rs) if bub[i] < 0 or (cl and bool(nz[i, cl].any()))]

    row_cand = {int(i) for i in np.flatnonzero((py > 1e-15) | (sl <= 1e-9))} if m1 else set()
    rows = set(relevant(row_cand, cols))
    row_order = [int(i) for i in np.lexsort((-py, sl))] if m1 else []
    if restricted_budget is None:
        return _restricted(c, Aub, bub, Aeq, beq, cols, rows, row_cand, col_order, row_order, relevant, deadline,
                           max_size)
    if restricted_budget[0] <= 0:
        return None
    # (exact_lp gives a budget only without a deadline)
    t0 = time.perf_counter()
    try:
        return _restricted(c, Aub, bub, Aeq, beq, cols, rows, row_cand, col_order, row_order, relevant,
                           t0 + restricted_budget[0], max_size)
    finally:
        restricted_budget[0] -= time.perf_counter() - t0


def _restricted(c, Aub, bub, Aeq, beq, cols: set[int], rows: set[int], row_cand: set[int], col_order: list[int],
                row_order: list[int], relevant, deadline: float | None, max_size: int) -> LPSolution | None:
    """Step 2 of :func:`_reconstruct`: the restricted exact LP on ``cols`` and ``rows``, grown by
    the rows its optimum violates and the columns its duals price out (None: no certificate)."""
    n, m1, m2 = len(c), len(Aub), len(Aeq)
    for _ in range(50):
        if _expired(deadline):
            return None
        Jl, Rl = sorted(cols), sorted(rows)
        k = len(Rl) + m2
        if (k + 1) * (len(Jl) + len(Rl) + k + 1) > max_size:
            return None
        sub = exact_simplex([c[j] for j in Jl], [[Aub[i][j] for j in Jl] for i in Rl], [bub[i] for i in Rl],
                            [[Aeq[i][j] for j in Jl] for i in range(m2)], beq, deadline=deadline)
        if sub.status == "infeasible":  # more columns
            extra = [j for j in col_order if j not in cols][:max(8, len(cols))]
            if not extra:
                return None
            cols |= set(extra)
            rows |= set(relevant(row_cand, cols))
            continue
        if sub.status == "unbounded":  # more rows
            extra = [i for i in relevant(set(row_order), cols) if i not in rows][:max(8, len(rows))]
            if not extra:
                return None
            rows |= set(extra)
            continue
        if sub.status != "optimal":
            return None
        x = [_ZERO] * n
        for j, v in zip(Jl, sub.x):
            x[j] = v
        y = [_ZERO] * m1
        for i, v in zip(Rl, sub.y):
            y[i] = v
        z = list(sub.z)
        bad_rows = {i for i in range(m1) if i not in rows and _dot(Aub[i], x) > bub[i]}
        s = _col_duals(Aub, Aeq, y, z, n)
        bad_cols = {j for j in range(n) if j not in cols and s[j] < c[j]}
        if not bad_rows and not bad_cols:
            val = _certify(c, Aub, bub, Aeq, beq, x, y, z)
            if val is None:  # pragma: no cover - the restricted optimum extends to a certificate
                return None
            return LPSolution("optimal", x=x, value=val, y=y, z=z, method="highs+restricted exact lp")
        rows |= bad_rows
        cols |= bad_cols
    return None


def exact_simplex(c, Aub, bub, Aeq, beq, *, deadline: float | None = None) -> LPSolution:
    """Two-phase dense simplex in Fractions, Bland's rule; returns primal and dual solutions.

    ``deadline`` (a :func:`time.perf_counter` value, default None: no limit) is checked before
    every pivot; past it the result has ``status="time_limit"`` and no solution.
    """
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
        nzp = [(j, v) for j, v in enumerate(pr) if v]  # the pivot row is usually sparse
        for k in range(m):
            if k != r:
                rk = rows[k]
                f = rk[col]
                if f != 0:
                    for j, v in nzp:
                        rk[j] -= f * v
                    rhs[k] = rhs[k] - f * rhs[r]
        basis[r] = col

    def run(cost: list[Fraction], allowed: set[int]) -> str:
        # maximize cost @ x over the current tableau; Bland's rule
        while True:
            if _expired(deadline):
                return "time_limit"
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
        if run(cost1, all_cols) == "time_limit":
            return LPSolution("time_limit", method="exact-simplex (deadline reached)")
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
    if status == "time_limit":
        return LPSolution("time_limit", method="exact-simplex (deadline reached)")
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
