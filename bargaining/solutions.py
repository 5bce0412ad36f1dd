"""Axiomatic bargaining solutions: Nash, Kalai-Smorodinsky, egalitarian, utilitarian, Raiffa.

All solutions operate on the individually rational part ``S_d = {x in S : x >= d}`` of a
:class:`~bargaining.problem.BargainingProblem` ``(S, d)`` and return a frozen
:class:`BargainingSolution`.

Nash (1950), asymmetric with weights ``w > 0`` (Kalai 1977b; Roth 1979, "Axiomatic Models of
Bargaining")
    the maximizer of ``sum_i w_i log(x_i - d_i)`` over ``x in S_d, x > d``.  Unique on convex
    ``S``.  It is characterized by the supporting-hyperplane (KKT) condition: ``x*`` is optimal
    iff ``p . (y - x*) <= 0`` for all ``y in S``, where ``p_i = w_i / (x*_i - d_i)``.  That
    condition is checked exactly (Fractions) on every vertex of ``S`` for exact problems and is
    the certificate stored in the result; for floats the Frank-Wolfe gap
    ``max_y p . (y - x) >= f* - f(x)`` bounds the suboptimality.  Two players: exact, by
    maximizing along each edge of the frontier polyline (the optimum on an edge is rational).
    n players: pairwise Frank-Wolfe (Lacoste-Julien & Jaggi 2015) on the lottery weights
    followed by a Newton polish on the optimal face; exact when the optimal face is a vertex
    or a facet (closed form ``x_i = d_i + (w_i / W) (c - a.d) / a_i`` on the facet
    ``a.x = c``) or when the rounded float optimum passes the exact certificate.
Kalai-Smorodinsky (1975)
    the maximal point of ``S`` on the segment from ``d`` to the ideal point
    ``a_i = max{x_i : x in S_d}``.  For two players it is on the strong frontier; for n >= 3
    it can be dominated when ``S`` is not comprehensive (status ``"degenerate"``, the maximal
    point of the free-disposal hull and a feasible point dominating it in the certificate).
Egalitarian (Kalai 1977, "Proportional solutions to bargaining situations", Econometrica 45)
    the maximal point of ``S`` with equal gains ``x - d = t (1, ..., 1)`` (with weights: gains
    proportional to ``w``, Kalai's proportional solution).  Where that point is only weakly
    Pareto optimal, ``leximin=True`` (default) applies the lexicographic extension (Imai 1983):
    maximize the smallest gain, then the next smallest, ..., by sequential LPs.
Utilitarian
    maximizes ``sum_i w_i x_i`` over ``S_d``.  Ties (a whole optimal face) are broken by
    ``tie_break="egalitarian"`` (leximin of the gains on the optimal face, the default) or
    ``"first"`` (the lowest-index optimal outcome/vertex with ``x >= d``, else the LP's vertex).
Raiffa (1953), "Arbitration schemes for generalized two-person games", discrete and continuous
    ``d^0 = d``; ``d^{k+1} = (1/n) sum_i m^i(d^k)`` where ``m^i(z)`` gives player ``i`` its
    largest utility in ``S`` subject to ``x_j >= z_j`` for the others and leaves the others at
    ``z_j`` (the midpoint of the two "dictatorial" points for two players).  Players who cannot
    gain at all in ``S_d`` are left out of the average (the problem is reduced to the gainers,
    so one-sided problems end in one step).  The sequence
    increases and converges to a Pareto point; it stops when it is exactly stationary (exact)
    or both the largest remaining gain and the estimated distance to the limit are below
    ``tol`` (relative; status ``"not_converged"`` after ``max_steps``).  Two players: when
    the map is affine near the current point (both dictatorial points on fixed frontier
    pieces) and its unique fixed point is verified to be stationary, the sequence jumps to that limit (exact at frontier corners, where the plain
    sequence only converges geometrically).  ``variant="continuous"`` (two players): the limit
    of the ODE path ``dz/dt = m(z) - z`` from ``d`` (floats).

Pure outcomes (``lotteries=False``): every solution maximizes its criterion over the outcomes
in ``S_d`` (Nash: the product of gains, lexicographically after the number of players with a
strict gain; KS: the smallest normalized gain, then leximin; egalitarian: leximin of gains
divided by weights; utilitarian: weighted sum, then ``tie_break``); remaining ties go to the
lowest index and all tied indices are reported in ``ties``.

Degenerate problems.  If no point of ``S_d`` gives every player a strict gain, the solutions
work on the players who can gain (:meth:`BargainingProblem.gainers`) and leave the others at
``d_i`` (status ``"degenerate"``, message says so); if nobody can gain the answer is ``d``.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from solvers._validate import check_bool, check_int
from solvers.errors import InvalidInputError, UnsupportedError, bad_param
from solvers.numbers import DEFAULT_TOL, to_fraction, to_float
from solvers.results import Result, result

from .problem import BargainingProblem

__all__ = [
    "BargainingSolution",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
    "raiffa",
    "all_solutions",
    "nash_product",
]


@result
class BargainingSolution(Result):
    """The agreement a bargaining solution selects.

    Attributes
    ----------
    point : tuple
        The agreed utility vector.
    gains : tuple
        ``point - disagreement``.
    solution : str
        ``"nash"``, ``"kalai_smorodinsky"``, ``"egalitarian"``, ``"utilitarian"`` or ``"raiffa"``.
    disagreement : tuple
    weights : tuple or None
        Bargaining powers / weights used (None where not applicable).
    lottery : tuple of (int, number)
        A lottery over the problem's points realizing ``point`` (indices into ``points``);
        empty when not computed (very large problems).
    outcome : int or None
        Pure-outcome problems: the index of the chosen outcome.
    label : str or None
        Its label when the problem has labels.
    ties : tuple of int
        Pure-outcome problems: every optimal outcome index.
    certificate : dict
        What was checked (e.g. the supporting hyperplane normal and the gap for Nash).
    iterations : int
    """

    point: tuple = ()
    gains: tuple = ()
    solution: str = ""
    disagreement: tuple = ()
    weights: tuple | None = None
    lottery: tuple = ()
    outcome: int | None = None
    label: str | None = None
    ties: tuple = ()
    certificate: dict = None  # type: ignore[assignment]
    iterations: int = 0

    def float_point(self) -> tuple[float, ...]:
        return tuple(float(v) for v in self.point)


MAX_LOTTERY_POINTS = 20_000
#: Exact problems: the realizing lottery (an exact LP) is computed up to this many points.
MAX_EXACT_LOTTERY_POINTS = 2_000


# -- helpers -----------------------------------------------------------------------------------
_CERT_UNITS = {"normal": -1, "ideal_point": 1, "value": 1, "free_disposal_point": 1}


def _unit_scaled(per_player: bool):
    """Solve float problems in units where the utilities are about 1, then map back.

    The float paths (HiGHS, Frank-Wolfe, frontier walks) use tolerances that are partly
    absolute, so utilities near 1e-9 came back wrong (e.g. the egalitarian point of
    ``conv{(0,0),(2,0),(0,1)} * 1e-9`` as ``(2e-9, 0)``).  Every solution here is covariant
    under a common positive scaling of the utilities, and Nash, Kalai-Smorodinsky and Raiffa
    under independent per-player scalings (their scale-invariance axioms), so the problem is
    rescaled by powers of two (exact in floating point) and the answer scaled back; when the
    disagreement point dwarfs the gains the problem is also translated to ``d = 0`` (every
    solution is translation covariant).
    """
    import dataclasses
    import functools

    def deco(fn):
        @functools.wraps(fn)
        def wrapper(problem, *args, **kwargs):
            if not isinstance(problem, BargainingProblem) or problem.exact or not problem.lotteries:
                # pure outcomes are ranked with relative tolerances and need no rescaling; the
                # degenerate (weighted) Nash rule compares products over different sets of
                # gaining players, which any rescaling can reorder (utilities x3 picked a
                # product 36 over 54), so the float answer must use the given units like the
                # exact one
                return fn(problem, *args, **kwargs)
            Pf = problem.float_points()
            d = np.asarray(problem.disagreement, dtype=float)
            # every solution is also covariant under translations: when d dwarfs the gains
            # (utilities 1e9 + O(1)) work relative to d, else the gains drown in rounding
            shift = bool(np.any(d != 0)) and float(np.max(np.abs(d))) > float(np.max(np.abs(Pf - d)))
            base = np.abs(Pf - d) if shift else np.abs(Pf)
            m = base.max(axis=0) if shift else np.maximum(base.max(axis=0), np.abs(d))
            if not per_player:
                m = np.full_like(m, float(m.max()))
            e = np.where(m > 0, np.round(np.log2(np.where(m > 0, m, 1.0))), 0.0)
            if not shift and not np.any(np.abs(e) > 2):
                return fn(problem, *args, **kwargs)
            f = np.exp2(e)
            off = d if shift else np.zeros_like(d)
            q = problem.affine(list(1.0 / f), list(-off / f) if shift else None)
            sol = fn(q, *args, **kwargs)
            cert = dict(sol.certificate or {})
            for key, power in _CERT_UNITS.items():
                v = cert.get(key)
                if isinstance(v, (tuple, list)) and len(v) == len(f):
                    cert[key] = tuple(float(a) * float(b) ** power + (float(o) if power == 1 else 0.0)
                                      for a, b, o in zip(v, f, off))
            point = tuple(float(a) * float(b) + float(o) for a, b, o in zip(sol.point, f, off))
            if "value" in cert and sol.weights is not None:  # utilitarian: sum_i w_i x_i
                cert["value"] = float(sum(float(w) * x for w, x in zip(sol.weights, point)))
            return dataclasses.replace(sol, point=point,
                                       gains=tuple(float(a) * float(b) for a, b in zip(sol.gains, f)),
                                       disagreement=tuple(float(v) for v in problem.disagreement),
                                       certificate=cert)
        return wrapper
    return deco


def _check_problem(func: str, problem: Any) -> BargainingProblem:
    if not isinstance(problem, BargainingProblem):
        raise InvalidInputError(bad_param(func, "problem", "a BargainingProblem", problem))
    return problem


def _check_weights(func: str, weights: Any, problem: BargainingProblem) -> tuple:
    n = problem.n_players
    if weights is None:
        one = Fraction(1) if problem.exact else 1.0
        return tuple([one] * n)
    if isinstance(weights, (str, bytes)):  # "12" would be read as the weights (1, 2)
        raise InvalidInputError(bad_param(func, "weights", f"{n} positive numbers", weights))
    try:
        ws = list(weights)
    except TypeError:
        raise InvalidInputError(bad_param(func, "weights", f"{n} positive numbers", weights)) from None
    if len(ws) != n:
        raise InvalidInputError(bad_param(func, "weights", f"{n} positive numbers", weights))
    conv = to_fraction if problem.exact else to_float
    if any(isinstance(w, (bool, np.bool_)) for w in ws):
        raise InvalidInputError(bad_param(func, "weights", f"{n} positive numbers", weights))
    out = tuple(conv(w, func=func, param="weights") for w in ws)
    if any(not (w > 0) for w in out):
        raise InvalidInputError(bad_param(func, "weights", "positive numbers", weights))
    return out


def _tol(func: str, tol: Any) -> float:
    t = DEFAULT_TOL if tol is None else tol
    try:
        t = float(t)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, "tol", "a positive number", tol)) from None
    if not (t > 0) or math.isinf(t):
        raise InvalidInputError(bad_param(func, "tol", "a positive number", tol))
    return t


def nash_product(point: Sequence[Any], disagreement: Sequence[Any], weights: Sequence[Any] | None = None) -> float:
    """``sum_i w_i log(x_i - d_i)`` (``-inf`` when some gain is not positive)."""
    w = [1.0] * len(point) if weights is None else [float(v) for v in weights]
    s = 0.0
    for x, d, wi in zip(point, disagreement, w):
        g = float(x - d) if not isinstance(x, float) else x - float(d)
        if g <= 0:
            return -math.inf
        s += wi * math.log(g)
    return s


def _finish(problem: BargainingProblem, point: Sequence[Any], solution: str, *, weights=None, method: str,
            exact: bool, status: str = "ok", message: str = "", params: dict | None = None,
            lottery: Any = None, outcome: int | None = None, ties: tuple = (), certificate: dict | None = None,
            iterations: int = 0) -> BargainingSolution:
    d = problem.disagreement
    point = tuple(point)
    if not exact:
        point = tuple(float(v) for v in point)
        gains = tuple(float(p) - float(q) for p, q in zip(point, d))
        dd = tuple(float(v) for v in d)
    else:
        gains = tuple(p - q for p, q in zip(point, d))
        dd = d
    if lottery is None:
        lottery = ()
        if problem.lotteries and problem.n_players == 2:
            lottery = _lottery_2d(problem, point)
        if not lottery and problem.lotteries and exact and problem.exact:
            lottery = _lottery_of(problem, point)
        if not lottery and problem.lotteries and not exact and problem.n_points <= MAX_LOTTERY_POINTS:
            lottery = _lottery_of_float(problem, point)
    label = None
    if outcome is not None and problem.labels is not None:
        label = problem.labels[outcome]
    return BargainingSolution(
        point=point, gains=gains, solution=solution, disagreement=dd,
        weights=tuple(weights) if weights is not None else None, lottery=tuple(lottery), outcome=outcome,
        label=label, ties=tuple(ties), certificate=certificate or {}, iterations=iterations,
        method=method, exact=exact, status=status, message=message, params=params or {},
    )


def _lottery_2d(problem: BargainingProblem, point: Sequence[Any]) -> tuple:
    """Two players: the point as a mixture of two consecutive hull vertices of the frontier."""
    from .problem import pareto_frontier_2d

    key = ("fullfrontier",)
    if key not in problem._cache:
        problem._cache[key] = pareto_frontier_2d(problem.points.tolist())
    F = problem._cache[key]
    ikey = ("frontier_index",)
    if ikey not in problem._cache:
        pos: dict = {}
        want = set(F)
        for j, row in enumerate(problem.points.tolist()):
            t = (row[0], row[1])
            if t in want and t not in pos:
                pos[t] = j
        problem._cache[ikey] = pos
    pos = problem._cache[ikey]
    exact = problem.exact and all(isinstance(v, Fraction) for v in point)
    x = tuple(point) if exact else tuple(float(v) for v in point)
    one = Fraction(1) if exact else 1.0
    tol = 0.0 if exact else 1e-9 * (1.0 + max(abs(float(v)) for p in F for v in p))
    for p in F:
        if all(abs(float(a) - float(b)) <= tol for a, b in zip(p, x)) and (not exact or tuple(p) == x):
            return ((pos[p], one),)
    for a, b in zip(F, F[1:]):
        e0 = b[0] - a[0]
        if e0 == 0:
            continue
        s = (x[0] - a[0]) / e0
        if not (-tol <= float(s) <= 1 + tol):
            continue
        y = a[1] + s * (b[1] - a[1])
        if (y == x[1]) if exact else abs(float(y) - x[1]) <= tol:
            s = min(max(s, 0 * s), one)
            return tuple(sorted(item for item in ((pos[a], one - s), (pos[b], s)) if item[1] != 0))
    return ()


def _lottery_of(problem: BargainingProblem, point: Sequence[Any]) -> tuple:
    if problem.n_points > MAX_EXACT_LOTTERY_POINTS:
        return ()
    P = problem.points
    for j, row in enumerate(P.tolist()):
        if tuple(row) == tuple(point):
            return ((j, Fraction(1)),)
    sol = problem._lp(np.zeros(problem.n_points + 1, dtype=object), x_eq=list(point), t_coef=None)
    if sol is None:
        return ()
    lam = sol[0]
    return tuple((j, v) for j, v in enumerate(lam) if v != 0)


def _lottery_of_float(problem: BargainingProblem, point: Sequence[float]) -> tuple:
    from scipy.optimize import nnls

    P = problem.float_points()
    x = np.asarray(point, dtype=float)
    d = np.linalg.norm(P - x, axis=1)
    j = int(np.argmin(d))
    if d[j] <= 1e-12 * (1 + np.abs(x).max()):
        return ((j, 1.0),)
    if P.shape[0] > 2000:
        return ()
    scale = 1 + np.abs(P).max()
    A = np.vstack([P.T, np.full(P.shape[0], scale)])
    lam, res = nnls(A, np.r_[x, scale])
    if res > 1e-7 * scale:
        return ()
    lam = lam / lam.sum()
    return tuple((int(j), float(v)) for j, v in enumerate(lam) if v > 1e-12)


def _degenerate_note(problem: BargainingProblem) -> tuple[tuple[int, ...], str, str]:
    G = problem.gainers()
    n = problem.n_players
    if len(G) == n:
        return G, "ok", ""
    if not G:
        return G, "degenerate", "no player can gain over the disagreement point; the solution is d"
    others = [i for i in range(n) if i not in G]
    return G, "degenerate", (f"only players {list(G)} can gain over d; players {others} stay at their "
                             "disagreement utility")


# -- pure outcomes -------------------------------------------------------------------------
def _pure_candidates(problem: BargainingProblem) -> list[int]:
    d = problem.disagreement
    return [j for j, row in enumerate(problem.points.tolist()) if all(v >= dv for v, dv in zip(row, d))]


def _pure_pick(problem: BargainingProblem, keys: dict[int, Any], solution: str, *, weights, method: str,
               params: dict, message: str = "", status: str = "ok") -> BargainingSolution:
    if problem.exact:
        best = max(keys.values())
        ties = tuple(sorted(j for j, k in keys.items() if k == best))
    else:
        ties = _float_lex_ties(keys)
    j = ties[0]
    row = tuple(problem.points[j].tolist())
    if len(ties) > 1:
        extra = f"{len(ties)} outcomes tie; the lowest index is chosen"
        message = f"{message}; {extra}" if message else extra
    return _finish(problem, row, solution, weights=weights, method=method, exact=problem.exact, status=status,
                   message=message, params=params, lottery=((j, Fraction(1) if problem.exact else 1.0),),
                   outcome=j, ties=ties)


def _flat_key(k: Any) -> list:
    out: list = []
    for v in (k if isinstance(k, tuple) else (k,)):
        out.extend(_flat_key(v) if isinstance(v, tuple) else [float(v)])
    return out


def _float_lex_ties(keys: dict[int, Any]) -> tuple[int, ...]:
    """Indices whose keys are lexicographically maximal up to rounding (floats).

    Position by position, keep the keys within ``1e-12 * max |value|`` of the best (relative:
    pure-outcome problems are solved in the units given); exact ties of the exact problem were
    otherwise split by the last bit (``4e-9 - 1e-9`` vs ``3e-9 - 1e-9``).
    """
    flat = {j: _flat_key(k) for j, k in keys.items()}
    cands = sorted(flat)
    width = max(len(v) for v in flat.values())
    for p in range(width):
        vals = {j: (flat[j][p] if p < len(flat[j]) else -math.inf) for j in cands}
        best = max(vals.values())
        if math.isinf(best):
            continue
        tol = 1e-12 * max(abs(v) for v in vals.values() if not math.isinf(v))
        cands = [j for j in cands if vals[j] >= best - tol]
    return tuple(cands)


def _gain_key_exact_product(gains: Sequence[Fraction], weights: Sequence[Fraction],
                            all_weights: Sequence[Fraction] | None = None) -> Any:
    """Exact comparison key for prod g_i^{w_i} with rational weights (integer exponents).

    The common exponent ``den`` comes from ``all_weights`` (every player's weight), so keys of
    outcomes with different sets of gaining players are powers ``prod^den`` with the same
    ``den`` and compare like the products (a per-outcome ``den`` compared ``g^2`` with ``h``).
    """
    den = 1
    for w in (weights if all_weights is None else all_weights):
        den = den * w.denominator // math.gcd(den, w.denominator)
    exps = [int(w * den) for w in weights]
    if sum(exps) > 400:
        return None
    prod = Fraction(1)
    for g, e in zip(gains, exps):
        prod *= g ** e
    return prod


# -- Nash ----------------------------------------------------------------------------------
@_unit_scaled(per_player=True)
def nash_solution(problem: BargainingProblem, weights: Sequence[Any] | None = None, *, tol: float | None = None,
                  max_iter: int = 200_000) -> BargainingSolution:
    """The (asymmetric) Nash bargaining solution.

    Parameters
    ----------
    problem : BargainingProblem
    weights : sequence of positive numbers, optional
        Bargaining powers ``w_i`` (default: all equal, the symmetric Nash solution).
    tol : float, optional
        Float optimality gap for n >= 3 players (default :data:`~solvers.numbers.DEFAULT_TOL`).
    max_iter : int
        Frank-Wolfe iteration limit (n >= 3); status ``"not_converged"`` when hit.

    Returns
    -------
    BargainingSolution
        ``certificate`` holds ``normal`` (the supporting hyperplane ``p_i = w_i / gain_i``)
        and ``gap = max_{y in S} p.(y - x)`` (0 when certified exactly).

    Examples
    --------
    >>> p = BargainingProblem.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    >>> nash_solution(p).point
    (Fraction(1, 1), Fraction(1, 2))
    """
    func = "nash_solution"
    problem = _check_problem(func, problem)
    w = _check_weights(func, weights, problem)
    t = _tol(func, tol)
    max_iter = check_int(func, "max_iter", max_iter)
    params = {"weights": w, "tol": t, "max_iter": max_iter}
    G, status, message = _degenerate_note(problem)
    d = problem.disagreement
    n = problem.n_players
    if not problem.lotteries:
        cands = _pure_candidates(problem)
        keys: dict[int, Any] = {}
        P = problem.points
        use_exact_key = problem.exact
        for j in cands:
            row = P[j].tolist()
            pos = [i for i in range(n) if row[i] > d[i]]
            if use_exact_key:
                k = _gain_key_exact_product([row[i] - d[i] for i in pos], [w[i] for i in pos], w)
                if k is None:
                    use_exact_key = False
                    break
                keys[j] = (len(pos), k)
            else:
                keys[j] = (len(pos), sum(float(w[i]) * math.log(float(row[i] - d[i])) for i in pos))
        if not use_exact_key:
            keys = {}
            for j in cands:
                row = P[j].tolist()
                pos = [i for i in range(n) if row[i] > d[i]]
                keys[j] = (len(pos), round(sum(float(w[i]) * math.log(float(row[i] - d[i])) for i in pos), 12))
        nmax = max(k[0] for k in keys.values())
        if nmax < n and status == "ok":
            status = "degenerate"
            message = ("no outcome gives every player a strict gain; the product is maximized over the "
                       f"players with a gain, after maximizing their number ({nmax})")
        return _pure_pick(problem, keys, "nash", weights=w, method="nash:enumeration", params=params,
                          message=message, status=status)
    if not G:
        return _finish(problem, d, "nash", weights=w, method="nash:degenerate", exact=problem.exact,
                       status=status, message=message, params=params, certificate={})
    if n == 2:
        return _nash_2d(problem, w, G, status, message, params)
    return _nash_nd(problem, w, G, status, message, params, t, max_iter)


def _nash_2d(problem, w, G, status, message, params) -> BargainingSolution:
    d = problem.disagreement
    F = list(problem.frontier())
    if len(G) < 2 or len(F) == 1:
        # a single Pareto point (one-sided gains imply it)
        pt = max(F, key=lambda p: (p[0] + p[1]))
        return _finish(problem, pt, "nash", weights=w, method="nash:frontier", exact=problem.exact, status=status,
                       message=message, params=params, certificate={})
    w1, w2 = w
    cands: list = []
    for k in range(len(F) - 1):
        a, b = F[k], F[k + 1]
        g1, g2 = a[0] - d[0], a[1] - d[1]
        e1, e2 = b[0] - a[0], b[1] - a[1]
        s = -(w1 * e1 * g2 + w2 * e2 * g1) / ((w1 + w2) * e1 * e2)
        if s < 0:
            s = 0 * s
        if s > 1:
            s = s / s
        x = (a[0] + s * e1, a[1] + s * e2)
        cands.append((nash_product(x, d, w), k, x))
    # the objective is concave along the frontier: the best float candidate is the optimum; for
    # exact problems the candidates are tried in that order until the exact certificate holds
    cands.sort(key=lambda c: (-c[0], c[1]))
    best = cands[0][2]
    cert = _certify_nash(problem, best, w)
    if problem.exact and not cert["certified"]:
        for _, _, x in cands[1:]:
            c2 = _certify_nash(problem, x, w)
            if c2["certified"]:
                best, cert = x, c2
                break
        else:
            message = (message + "; " if message else "") + "exact certificate failed (internal error)"
            status = "failed"
    exact = problem.exact
    return _finish(problem, best, "nash", weights=w, method="nash:frontier-edges", exact=exact, status=status,
                   message=message, params=params, certificate=cert)


def _certify_nash(problem: BargainingProblem, x: Sequence[Any], w: Sequence[Any]) -> dict:
    """Supporting-hyperplane certificate: p = w / (x - d); gap = max_j p.(P_j - x) (<= 0 iff optimal)."""
    d = problem.disagreement
    if any(float(xi) - float(di) <= 0 for xi, di in zip(x, d)) or (
            problem.exact and any(xi - di <= 0 for xi, di in zip(x, d))):
        return {"normal": (), "gap": None, "certified": False}
    if problem.exact:
        p = [wi / (xi - di) for wi, xi, di in zip(w, x, d)]
        px = sum(pi * xi for pi, xi in zip(p, x))
        gap = max(sum(pi * v for pi, v in zip(p, row)) for row in problem.points.tolist()) - px
        return {"normal": tuple(p), "gap": gap, "certified": gap <= 0}
    xf = np.asarray(x, dtype=float)
    p = np.asarray(w, dtype=float) / (xf - np.asarray(d, dtype=float))
    gap = float((problem.float_points() @ p).max() - p @ xf)
    return {"normal": tuple(float(v) for v in p), "gap": gap}


def _nash_nd(problem, w, G, status, message, params, tol, max_iter) -> BargainingSolution:
    d = problem.disagreement
    n = problem.n_players
    if len(G) < n:
        return _nash_degenerate_nd(problem, w, G, status, message, params)
    keep = np.array(problem.pareto_indices())
    P = problem.float_points()[keep]
    df = np.array([float(v) for v in d])
    wf = np.array([float(v) for v in w])
    lam = _fw_init(P, df)
    x = lam @ P
    it = 0
    gap = math.inf
    for it in range(1, max_iter + 1):
        g = x - df
        p = wf / g
        s = P @ p
        jp = int(np.argmax(s))
        act = np.flatnonzero(lam > 0)
        jm = act[int(np.argmin(s[act]))]
        gap = float(s[jp] - p @ x)
        if gap <= tol:
            break
        D = P[jp] - P[jm]
        gmax = float(lam[jm])
        if jp == jm or not np.any(D):
            break
        neg = D < 0
        if np.any(neg):
            gmax = min(gmax, float(np.min(g[neg] / -D[neg])) * (1 - 1e-12))

        def dphi(gam: float) -> float:
            return float(np.sum(wf * D / (g + gam * D)))

        if dphi(gmax) >= 0:
            gam = gmax
        else:
            lo, hi = 0.0, gmax
            for _ in range(60):
                mid = 0.5 * (lo + hi)
                if dphi(mid) > 0:
                    lo = mid
                else:
                    hi = mid
            gam = 0.5 * (lo + hi)
        if gam == float(lam[jm]):
            lam[jp] += lam[jm]
            lam[jm] = 0.0
        else:
            lam[jp] += gam
            lam[jm] -= gam
        x = lam @ P
        if it % 50 == 0:
            polished = _polish(P, lam, x, df, wf, tol)
            if polished is not None:
                lam, x, gap = polished
                break
    fl_status = status
    if gap > 0:
        # also when FW already met tol: a log-space gap of 1e-9 still leaves the point ~1e-5 off
        # (the distance goes like sqrt(gap)); the Newton polish on the optimal face is exact
        polished = _polish(P, lam, x, df, wf, tol)
        if polished is not None and polished[2] <= gap:
            lam, x, gap = polished
    if gap > tol:
        fl_status = "not_converged"
        message = (message + "; " if message else "") + f"Frank-Wolfe gap {gap:.3g} > tol after {it} iterations"
    # exact certification
    if problem.exact and fl_status != "not_converged":
        support = [int(keep[j]) for j in np.flatnonzero(lam > 1e-12)]
        cand = _exact_candidate(problem, support, w, x)
        if cand is not None:
            cert = _certify_nash(problem, cand, w)
            if cert["certified"] and problem.contains(cand):
                return _finish(problem, cand, "nash", weights=w, method="nash:frank-wolfe+exact-face",
                               exact=True, status=status, message=message, params=params, certificate=cert,
                               iterations=it)
        message = (message + "; " if message else "") + ("the optimum could not be certified exactly "
                                                          "(irrational or ill-conditioned); float answer")
    cert = _certify_nash(problem.as_float() if problem.exact else problem, x, w)
    lottery = tuple((int(keep[j]), float(v)) for j, v in enumerate(lam) if v > 1e-15)
    return _finish(problem, x, "nash", weights=w, method="nash:frank-wolfe", exact=False, status=fl_status,
                   message=message, params=params, certificate=cert, iterations=it, lottery=lottery)


def _fw_init(P: np.ndarray, df: np.ndarray) -> np.ndarray:
    """Lottery over ``P`` (undominated points) whose point is >= x0 - small; via LP."""
    from scipy.optimize import linprog

    k, n = P.shape
    # maximize the min gain over d: variables lam (k), t
    c = np.zeros(k + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-P.T, np.ones((n, 1))])
    b_ub = -df
    A_eq = np.r_[np.ones(k), 0.0][None, :]
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * k + [(None, None)], method="highs")
    lam = np.maximum(res.x[:k], 0.0)
    lam = lam / lam.sum()
    # average with the uniform lottery over the support of each player's best point, keeping interior
    return lam


def _polish(P, lam, x, df, wf, tol):
    """Newton on the affine hull of the near-optimal face; accept when the FW gap is <= tol."""
    from scipy.optimize import nnls

    g = x - df
    p = wf / g
    s = P @ p
    smax = s.max()
    J = np.flatnonzero((lam > 1e-14) | (s >= smax - 1e-7 * max(1.0, abs(smax))))
    if len(J) > 200:
        return None
    Q = P[J]
    base = Q[0]
    Dm = (Q - base).T  # n x m
    if Dm.shape[1] == 0 or not np.any(Dm):
        B = np.zeros((len(df), 0))
    else:
        U, sv, _ = np.linalg.svd(Dm, full_matrices=False)
        r = int(np.sum(sv > 1e-10 * max(1.0, sv[0])))
        B = U[:, :r]
    y = x.copy()
    for _ in range(50):
        gy = y - df
        if np.any(gy <= 0):
            return None
        grad = B.T @ (wf / gy)
        H = -(B.T * (wf / gy**2)) @ B
        if B.shape[1] == 0:
            break
        try:
            step = np.linalg.solve(H, -grad)
        except np.linalg.LinAlgError:
            return None
        # damped step keeping positivity
        dy = B @ step
        a = 1.0
        while np.any(y + a * dy - df <= 0) and a > 1e-12:
            a *= 0.5
        y = y + a * dy
        if np.linalg.norm(a * step) <= 1e-15 * (1 + np.linalg.norm(y)):
            break
    scale = 1 + np.abs(Q).max()
    A = np.vstack([Q.T, np.full(len(J), scale)])
    lamJ, res = nnls(A, np.r_[y, scale])
    if res > 1e-9 * scale:
        return None
    lamJ = lamJ / lamJ.sum()
    y2 = lamJ @ Q
    gy = y2 - df
    if np.any(gy <= 0):
        return None
    p = wf / gy
    gap = float((P @ p).max() - p @ y2)
    if gap > tol:
        return None
    new = np.zeros_like(lam)
    new[J] = lamJ
    return new, y2, gap


def _exact_candidate(problem, support, w, xf) -> tuple | None:
    """Exact guess of the optimum on the face spanned by ``support`` (vertex, facet or rounding)."""
    P = problem.points
    d = problem.disagreement
    n = problem.n_players
    Q = [P[j].tolist() for j in support]
    if not Q:
        return None
    base = Q[0]
    rows = [[q[i] - base[i] for i in range(n)] for q in Q[1:]]
    import sympy

    M = sympy.Matrix(rows) if rows else sympy.zeros(0, n)
    rank = M.rank() if rows else 0
    if rank == 0:
        return tuple(base)
    if rank == n - 1:
        ns = M.nullspace()
        if len(ns) == 1:
            a = [Fraction(int(sympy.fraction(v)[0]), int(sympy.fraction(v)[1])) for v in ns[0]]
            if all(ai < 0 for ai in a):
                a = [-ai for ai in a]
            if all(ai > 0 for ai in a):
                c = sum(ai * bi for ai, bi in zip(a, base))
                W = sum(w)
                slack = c - sum(ai * di for ai, di in zip(a, d))
                return tuple(d[i] + (w[i] / W) * slack / a[i] for i in range(n))
    return tuple(Fraction(float(v)).limit_denominator(10**6) for v in xf)


def _nash_degenerate_nd(problem, w, G, status, message, params) -> BargainingSolution:
    """Some players cannot gain: maximize over the gainers with x >= d (SLSQP on lottery weights)."""
    from scipy.optimize import minimize

    P = problem.float_points()
    keep = np.array(problem.pareto_indices())
    P = P[keep]
    df = np.array([float(v) for v in problem.disagreement])
    wf = np.array([float(v) for v in w])
    G = list(G)
    k = P.shape[0]
    from scipy.optimize import linprog

    # start: maximize min gain of gainers subject to x >= d
    n = P.shape[1]
    c = np.zeros(k + 1)
    c[-1] = -1
    rows = []
    b = []
    for i in range(n):
        rows.append(np.r_[-P[:, i], 1.0 if i in G else 0.0])
        b.append(-df[i])
    res = linprog(c, A_ub=np.array(rows), b_ub=b, A_eq=np.r_[np.ones(k), 0.0][None, :], b_eq=[1.0],
                  bounds=[(0, None)] * k + [(None, None)], method="highs")
    lam0 = np.maximum(res.x[:k], 0)
    lam0 /= lam0.sum()
    # gains in units of each player's spread (the optimum does not depend on the units, SLSQP's
    # progress does), only the constraints that can bind, and the best of a few starts
    span = np.maximum(P.max(axis=0) - df, 0.0)
    span = np.where(span > 0, span, 1.0)
    Pn = (P - df) / span
    tight = [i for i in range(n) if i not in G or np.any(Pn[:, i] < 0)]

    def f(lam):
        x = lam @ Pn
        gg = np.maximum(x[G], 1e-300)
        return -float(np.sum(wf[G] * np.log(gg)))

    cons = [{"type": "eq", "fun": lambda lam: lam.sum() - 1.0}]
    if tight:
        cons.append({"type": "ineq", "fun": lambda lam: lam @ Pn[:, tight]})
    starts = [lam0, 0.5 * lam0 + 0.5 / k]
    best = None
    for s0 in starts:
        r = minimize(f, s0, method="SLSQP", bounds=[(0, 1)] * k, constraints=cons,
                     options={"maxiter": 500, "ftol": 1e-14})
        cand = np.maximum(r.x, 0)
        cand /= cand.sum()
        feasible = np.all(cand @ Pn[:, tight] >= -1e-9) if tight else True
        if feasible and (best is None or f(cand) < f(best[0])):
            best = (cand, r)
    lam, r = best if best is not None else (lam0, r)
    x = lam @ P
    for i in range(n):
        if i not in G:
            x[i] = df[i]
    return _finish(problem, x, "nash", weights=w, method="nash:slsqp-degenerate", exact=False, status=status,
                   message=message, params=params, certificate={}, iterations=int(r.nit))


# -- Kalai-Smorodinsky ---------------------------------------------------------------------
@_unit_scaled(per_player=True)
def kalai_smorodinsky(problem: BargainingProblem, *, lexicographic: bool = False) -> BargainingSolution:
    """The Kalai-Smorodinsky (1975) solution: the maximal feasible point on the segment [d, ideal].

    For two players with lotteries the point is on the strong Pareto frontier.  For n >= 3 the
    maximal point ``d + t* (a - d)`` of the free-disposal hull is computed by LP; when it is
    feasible it is the KS point.  When it is not (``S`` not comprehensive), the KS point as
    defined is the maximal point of ``S`` itself on the segment, ``t_S < t*``, which a
    feasible point dominates: it is returned with status ``"degenerate"``, the message says
    so and ``certificate["free_disposal_point"]`` holds the dominating feasible point of the
    LP; if no point of ``S`` is on the segment the status is ``"infeasible"`` and the point is
    ``d``.  For n >= 3 the KS point can be only weakly Pareto optimal; ``lexicographic=True``
    gives Imai's (1983) lexicographic maxmin extension: maximize the smallest normalized gain
    ``(x_i - d_i) / (a_i - d_i)``, then the next smallest, ... (sequential LPs; equal to the
    KS point whenever that point is strongly Pareto optimal).
    Pure outcomes: the outcome maximizing the smallest normalized gain
    ``(x_i - d_i) / (a_i - d_i)``, then leximin, then the lowest index.

    Examples
    --------
    >>> p = BargainingProblem.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    >>> kalai_smorodinsky(p).point
    (Fraction(1, 1), Fraction(1, 2))
    """
    func = "kalai_smorodinsky"
    problem = _check_problem(func, problem)
    lexicographic = check_bool(func, "lexicographic", lexicographic)
    G, status, message = _degenerate_note(problem)
    d = problem.disagreement
    a = problem.ideal_point()
    n = problem.n_players
    params: dict = {}
    cert = {"ideal_point": a}
    if not problem.lotteries:
        keys = {}
        for j in _pure_candidates(problem):
            row = problem.points[j].tolist()
            r = sorted((row[i] - d[i]) / (a[i] - d[i]) for i in G) if G else []
            keys[j] = tuple(r)
        return _pure_pick(problem, keys, "kalai_smorodinsky", weights=None, method="ks:enumeration",
                          params=params, message=message, status=status)
    if not G:
        return _finish(problem, d, "kalai_smorodinsky", method="ks:degenerate", exact=problem.exact, status=status,
                       message=message, params=params, certificate=cert)
    zero = problem._zero()
    dirv = [a[i] - d[i] for i in range(n)]
    if n == 2:
        pt = _ray_hit_2d(problem.frontier(), d, dirv)
        return _finish(problem, pt, "kalai_smorodinsky", method="ks:frontier", exact=problem.exact, status=status,
                       message=message, params=params, certificate=cert)
    if lexicographic:
        pt, _, rounds = _leximin_lp(problem, dirv, G, leximin=True)
        params["lexicographic"] = True
        return _finish(problem, pt, "kalai_smorodinsky", method="ks:lexicographic-lp", exact=problem.exact,
                       status=status, message=message, params=params, certificate=dict(cert, lp_rounds=rounds),
                       iterations=rounds)
    one = Fraction(1) if problem.exact else 1.0
    c = np.array([zero] * problem.n_points + [one], dtype=object if problem.exact else float)
    # t of the free-disposal hull: max t with some x in S, x >= d + t (a - d)
    sol = problem._lp(c, x_ge=d, x_ge_t=dirv, t_coef=True, monotone=True)
    tstar = sol[2]
    pt = tuple(d[i] + tstar * dirv[i] for i in range(n))
    cert["t"] = tstar
    if problem.contains(pt):
        return _finish(problem, pt, "kalai_smorodinsky", method="ks:lp", exact=problem.exact, status=status,
                       message=message, params=params, certificate=cert)
    # Not feasible (S is not comprehensive, n >= 3): the KS point as defined (Kalai &
    # Smorodinsky 1975; n players: the maximal point of S itself on [d, a]) is d + t_S (a - d)
    # with t_S = max{t : d + t (a - d) in S} < t*, which some feasible point then dominates
    # (strictly for every player who can gain; for n >= 3 no solution has all the KS axioms
    # on every convex S; Roth 1979, "Axiomatic Models of Bargaining").  Returned with status
    # "degenerate"; the dominating feasible point of the free-disposal LP is in the certificate.
    free_pt = problem.lottery_point(sol[0])
    if not problem.exact:
        free_pt = tuple(float(v) for v in free_pt)
        tstar = float(tstar)
    eq_rows = []
    for i in range(n):
        row = [zero] * n
        row[i] = one
        eq_rows.append((row, -dirv[i], d[i]))  # x_i - t (a_i - d_i) = d_i
    seg = problem._lp(c, t_coef=True, extra_eq=eq_rows)
    cert["t_free_disposal"] = tstar
    cert["free_disposal_point"] = free_pt
    note = (message + "; " if message else "")
    if seg is None:
        cert["t"] = None
        message = note + (
            "no point of S lies on the segment from d to the ideal point, so the Kalai-Smorodinsky point is "
            f"undefined; returning d (the free-disposal hull reaches t = {tstar}, dominated by the feasible "
            f"point {tuple(str(v) for v in free_pt)}; lexicographic=True gives Imai's extension)")
        return _finish(problem, d, "kalai_smorodinsky", method="ks:lp", exact=problem.exact, status="infeasible",
                       message=message, params=params, certificate=cert, lottery=())
    ts = seg[2] if problem.exact else max(0.0, float(seg[2]))
    cert["t"] = ts
    pt = tuple(d[i] + ts * dirv[i] for i in range(n))
    if not problem.exact and tstar - ts <= 1e-9:
        # the same point up to rounding: the feasibility test of the float LP was too strict
        return _finish(problem, pt, "kalai_smorodinsky", method="ks:lp", exact=problem.exact, status=status,
                       message=message, params=params, certificate=cert)
    message = note + (
        f"the maximal point of S on [d, ideal] (t = {ts}) is not Pareto optimal: the free-disposal hull "
        f"reaches t = {tstar} on the segment, below the feasible point {tuple(str(v) for v in free_pt)} "
        "(certificate free_disposal_point), which dominates it; lexicographic=True gives Imai's extension")
    return _finish(problem, pt, "kalai_smorodinsky", method="ks:lp", exact=problem.exact, status="degenerate",
                   message=message, params=params, certificate=cert)


def _ray_hit_2d(F: Sequence[tuple], d: Sequence[Any], v: Sequence[Any]) -> tuple:
    """Intersection of the ray ``d + t v`` (v >= 0) with the monotone frontier polyline ``F``."""
    if len(F) == 1:
        return F[0]
    for k in range(len(F) - 1):
        a, b = F[k], F[k + 1]
        # solve d + t v = a + s (b - a)
        e1, e2 = b[0] - a[0], b[1] - a[1]
        det = v[0] * (-e2) - v[1] * (-e1)
        if det == 0:
            continue
        r1, r2 = a[0] - d[0], a[1] - d[1]
        t = (r1 * (-e2) - r2 * (-e1)) / det
        s = (v[0] * r2 - v[1] * r1) / det
        if 0 <= s <= 1 and t >= 0:
            return (d[0] + t * v[0], d[1] + t * v[1])
    # numerical fallback (floats): nearest endpoint along the ray
    return min(F, key=lambda p: abs(float((p[0] - d[0]) * v[1] - (p[1] - d[1]) * v[0])))


# -- egalitarian ---------------------------------------------------------------------------
def _leximin_lp(problem: BargainingProblem, w: Sequence[Any], G: Sequence[int], *, leximin: bool,
                extra_eq: list | None = None) -> tuple[tuple, list, int]:
    """Sequential LPs: maximize t with gains >= t w on the free players; fix the blocked ones."""
    d = problem.disagreement
    n = problem.n_players
    exact = problem.exact
    zero = problem._zero()
    one = Fraction(1) if exact else 1.0
    dt = object if exact else float
    k = problem.n_points
    level = {i: zero for i in range(n) if i not in G}  # fixed gain levels (multiples of w_i)
    free = [i for i in G]
    rounds = 0
    lam = None
    scale = max(abs(v) for v in problem.points.reshape(-1).tolist()) + max(abs(v) for v in d)
    tol = 0 if exact else 1e-9 * float(scale if scale > 0 else 1)
    while free:
        rounds += 1
        lb = [d[i] + (level[i] * w[i] if i in level else zero) for i in range(n)]
        coef_t = [w[i] if i in free else zero for i in range(n)]
        c = np.array([zero] * k + [one], dtype=dt)
        sol = problem._lp(c, x_ge=lb, x_ge_t=coef_t, t_coef=True, extra_eq=extra_eq, monotone=True)
        if sol is None:
            raise UnsupportedError("egalitarian(): infeasible leximin step (internal error)")
        tstar = sol[2]
        lam = sol[0]
        if not leximin:
            for i in free:
                level[i] = tstar
            break
        # which free players can exceed t* * w_i while the others keep their levels?
        lb2 = [d[i] + (level[i] * w[i] if i in level else tstar * w[i]) for i in range(n)]
        newly = []
        for i in free:
            ci = np.array([problem.points[j, i] for j in range(k)] + [zero], dtype=dt)
            s2 = problem._lp(ci, x_ge=lb2, t_coef=None, extra_eq=extra_eq, monotone=True)
            if s2[1] <= lb2[i] + tol:
                newly.append(i)
        if not newly:  # numerical safety: fix everyone
            newly = list(free)
        for i in newly:
            level[i] = tstar
        free = [i for i in free if i not in newly]
    point = tuple(d[i] + level[i] * w[i] for i in range(n))
    return point, lam, rounds


@_unit_scaled(per_player=False)
def egalitarian(problem: BargainingProblem, weights: Sequence[Any] | None = None, *,
                leximin: bool = True) -> BargainingSolution:
    """The egalitarian (Kalai 1977) solution, proportional with weights, leximin-extended.

    Parameters
    ----------
    problem : BargainingProblem
    weights : sequence of positive numbers, optional
        Gains proportional to the weights (Kalai's proportional solution); default equal gains.
    leximin : bool
        Apply the lexicographic extension so the answer is Pareto optimal (default).  With
        ``False`` the point ``d + t* w`` with the largest ``t*`` such that some feasible point
        dominates it is returned (Kalai's definition on the comprehensive, free-disposal hull of
        ``S``), even when only weakly Pareto optimal; when that point is not itself in ``S``
        (e.g. ``S = {(3, 5)}``, ``d = 0`` gives ``(3, 3)``) the message says so and ``lottery`` is
        empty.

    Examples
    --------
    >>> p = BargainingProblem.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    >>> egalitarian(p).point
    (Fraction(2, 3), Fraction(2, 3))
    """
    func = "egalitarian"
    problem = _check_problem(func, problem)
    leximin = check_bool(func, "leximin", leximin)
    w = _check_weights(func, weights, problem)
    G, status, message = _degenerate_note(problem)
    params = {"weights": w, "leximin": bool(leximin)}
    d = problem.disagreement
    if not problem.lotteries:
        keys = {}
        for j in _pure_candidates(problem):
            row = problem.points[j].tolist()
            keys[j] = tuple(sorted((row[i] - d[i]) / w[i] for i in G)) if leximin else \
                (min(((row[i] - d[i]) / w[i] for i in G), default=0),)
        return _pure_pick(problem, keys, "egalitarian", weights=w, method="egalitarian:enumeration",
                          params=params, message=message, status=status)
    pt, lam, rounds = _leximin_lp(problem, w, G, leximin=bool(leximin))
    if not leximin and G and not problem.contains(pt):
        message = (message + "; " if message else "") + (
            "d + t* w is not in the feasible set, only dominated by a feasible point (free-disposal hull); "
            "use leximin=True for a feasible Pareto-optimal point")
    return _finish(problem, pt, "egalitarian", weights=w, method="egalitarian:lp", exact=problem.exact,
                   status=status, message=message, params=params, certificate={"lp_rounds": rounds},
                   iterations=rounds)


# -- utilitarian ---------------------------------------------------------------------------
@_unit_scaled(per_player=False)
def utilitarian(problem: BargainingProblem, weights: Sequence[Any] | None = None, *,
                tie_break: str = "egalitarian") -> BargainingSolution:
    """Maximize the weighted sum of utilities over ``S_d`` (individually rational points).

    Parameters
    ----------
    weights : sequence of positive numbers, optional
    tie_break : {"egalitarian", "first"}
        When the maximizers form a face: ``"egalitarian"`` picks the leximin gains on it;
        ``"first"`` picks the lowest-index point/outcome of the face with ``x >= d`` (else the
        LP's optimal vertex).

    Examples
    --------
    >>> p = BargainingProblem.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    >>> utilitarian(p).point
    (Fraction(2, 1), Fraction(0, 1))
    """
    func = "utilitarian"
    problem = _check_problem(func, problem)
    if tie_break not in ("egalitarian", "first"):
        raise InvalidInputError(bad_param(func, "tie_break", '"egalitarian" or "first"', tie_break))
    w = _check_weights(func, weights, problem)
    G, status, message = _degenerate_note(problem)
    params = {"weights": w, "tie_break": tie_break}
    d = problem.disagreement
    n = problem.n_players
    exact = problem.exact
    if not problem.lotteries:
        cands = _pure_candidates(problem)
        sums = {j: sum(w[i] * problem.points[j, i] for i in range(n)) for j in cands}
        if not exact:
            best = max(sums.values())
            sc = 1e-12 * max(abs(v) for v in sums.values())  # relative (pure outcomes are not rescaled)
            sums = {j: (best if best - v <= sc else v) for j, v in sums.items()}
        if tie_break == "egalitarian":
            keys = {j: (v, tuple(sorted(problem.points[j, i] - d[i] for i in range(n)))) for j, v in sums.items()}
        else:
            keys = {j: (v,) for j, v in sums.items()}
        return _pure_pick(problem, keys, "utilitarian", weights=w, method="utilitarian:enumeration",
                          params=params, message=message, status=status)
    zero = problem._zero()
    k = problem.n_points
    c = np.array([sum(w[i] * problem.points[j, i] for i in range(n)) for j in range(k)] + [zero],
                 dtype=object if exact else float)
    sol = problem._lp(c, x_ge=d, t_coef=None, monotone=True)
    V = sol[1]
    cert = {"value": V}
    if tie_break == "first":
        for j, row in enumerate(problem.points.tolist()):
            if all(v >= dv for v, dv in zip(row, d)):
                val = sum(wi * v for wi, v in zip(w, row))
                if (val == V) if exact else abs(val - V) <= 1e-12 * (abs(V) + 1):
                    return _finish(problem, tuple(row), "utilitarian", weights=w, method="utilitarian:lp",
                                   exact=exact, status=status, message=message, params=params, certificate=cert,
                                   lottery=((j, Fraction(1) if exact else 1.0),))
        pt = problem.lottery_point(sol[0])
        return _finish(problem, pt, "utilitarian", weights=w, method="utilitarian:lp", exact=exact, status=status,
                       message=message, params=params, certificate=cert)
    if not G:
        return _finish(problem, d, "utilitarian", weights=w, method="utilitarian:lp", exact=exact, status=status,
                       message=message, params=params, certificate=cert)
    one = Fraction(1) if exact else 1.0
    pt, lam, rounds = _leximin_lp(problem, [one] * n, G, leximin=True,
                                  extra_eq=[(list(w), zero, V)])
    return _finish(problem, pt, "utilitarian", weights=w, method="utilitarian:lp+leximin", exact=exact,
                   status=status, message=message, params=params, certificate=cert, iterations=rounds)


# -- Raiffa --------------------------------------------------------------------------------
@_unit_scaled(per_player=True)
def raiffa(problem: BargainingProblem, *, variant: str = "discrete", max_steps: int = 1000,
           tol: float | None = None, exact_steps: int = 30) -> BargainingSolution:
    """Raiffa's (1953) sequential solution, discrete (default) or continuous.

    ``variant="discrete"``: ``d^{k+1}`` is the average of the n points that give one player its
    best utility given the others keep ``d^k``.  Exact problems iterate in Fractions for up to
    ``exact_steps`` steps (stopping exactly when the sequence is stationary, e.g. after one
    step on a linear frontier), then in floats.

    ``variant="continuous"`` (two players, floats): the limit of the path of the ODE
    ``dz/dt = m(z) - z`` from ``z(0) = d``, where ``m(z)`` is the ideal point of the problem
    with disagreement point ``z`` (the path always heads to the current ideal point; Raiffa
    1953, Livne 1989), integrated by RK45 until the remaining gain is below ``tol``.

    Parameters
    ----------
    variant : {"discrete", "continuous"}
    max_steps : int
        Status ``"not_converged"`` when the float iteration has not met ``tol`` after this many
        steps.
    tol : float, optional
        Accuracy relative to the utilities' magnitude ``max |P|`` (default 1e-9).  Float steps
        stop when the largest remaining gain ``max_i (m_i(z) - z_i)`` is below ``tol * max|P|``
        and the distance to the limit estimated from the geometric rate ``r`` of the gains,
        ``gain / (m (1 - r))`` (m gaining players), is below a quarter of it; both are in
        ``certificate["remaining_gain"]`` and ``certificate["error_estimate"]``.  The float
        LP values are polished to their optimal vertex (with a KKT check): the map does not
        contract along the frontier, so HiGHS's 1e-7 feasibility tolerance otherwise stays in
        the answer.

    Examples
    --------
    >>> p = BargainingProblem.from_vertices([[0, 0], [2, 0], [0, 1]], [0, 0])
    >>> raiffa(p).point      # linear frontier: one step, the midpoint of (2, 0) and (0, 1)
    (Fraction(1, 1), Fraction(1, 2))
    """
    func = "raiffa"
    problem = _check_problem(func, problem)
    t = _tol(func, tol)
    max_steps = check_int(func, "max_steps", max_steps)
    exact_steps = check_int(func, "exact_steps", exact_steps, minimum=0)
    if not problem.lotteries:
        raise UnsupportedError(bad_param(func, "problem", "a problem with lotteries (a convex feasible set)",
                                         "pure outcomes only", raw=True))
    if variant not in ("discrete", "continuous"):
        raise InvalidInputError(bad_param(func, "variant", '"discrete" or "continuous"', variant))
    G, status, message = _degenerate_note(problem)
    if G and (variant == "discrete" or problem.n_players == 2):
        # a feasible ideal point a is the limit: m_i(z)_i = a_i for every z <= a, so both the
        # sequence (z + (a - z)/n) and the ODE (dz/dt = a - z) only approach it geometrically
        a = problem.ideal_point()
        if problem.contains(a):
            return _finish(problem, a, "raiffa", method=f"raiffa:{variant}", exact=problem.exact, status=status,
                           message=message, params={"max_steps": int(max_steps), "tol": t, "variant": variant},
                           certificate={"ideal_point_feasible": True})
    if variant == "continuous":
        return _raiffa_continuous(problem, G, status, message, t, max_steps)
    params = {"max_steps": int(max_steps), "tol": t, "exact_steps": exact_steps, "variant": "discrete"}
    n = problem.n_players
    cur = problem
    z = list(problem.disagreement)
    exact = problem.exact
    # tol is relative to the utilities' magnitude (float problems arrive in units of about 1,
    # see _unit_scaled); this was max|P| + 1, which doubled the threshold in those units
    scale = float(max(abs(float(v)) for v in problem.points.reshape(-1).tolist())) or 1.0
    steps = 0
    converged = False
    path = [tuple(z)]
    if not G:
        return _finish(problem, tuple(z), "raiffa", method="raiffa:discrete", exact=exact, status=status,
                       message=message, params=params, certificate={"path_length": 1})
    m = len(G)
    gaps: list[float] = []
    tail = math.inf
    while steps < max_steps:
        if exact and steps >= exact_steps:
            exact = False
            cur = problem.as_float()
            z = [float(v) for v in z]
        best = _best_given_others(cur, z)
        gap = max(float(best[i] - z[i]) for i in range(n))
        if exact and all(best[i] == z[i] for i in range(n)):
            converged = True
            tail = 0.0
            break
        if not exact:
            # The iterates approach the limit geometrically (ratio r of successive gaps) and the
            # map does not contract along the frontier, so z is about (gap / m) / (1 - r) from its
            # limit, which exceeds the gap when r > 1 - 1/m: stop when the gap is below tol * scale
            # and that estimate below a quarter of it (a margin for the estimate), or the gap is
            # at rounding level
            gaps.append(gap)
            r = max(gaps[-2] / gaps[-3] if len(gaps) >= 3 and gaps[-3] > 0 else 0.0,
                    gaps[-1] / gaps[-2] if len(gaps) >= 2 and gaps[-2] > 0 else 0.0)
            tail = max(gap, 0.0) / m / (1 - r) if r < 1 else math.inf
            if gap <= 64 * np.finfo(float).eps * scale or (gap <= t * scale and tail <= t * scale / 4):
                converged = True
                break
        if n == 2 and len(G) == 2:
            jump = _raiffa_fixed_point_2d(cur, z, exact, t * scale)
            if jump is not None:
                z = list(jump)
                steps += 1
                path.append(tuple(z))
                converged = True
                params["accelerated"] = True
                break
        # players who cannot gain at all (not in G) are dropped from the average
        z = [(best[j] + (m - 1) * z[j]) / m if j in G else z[j] for j in range(n)]
        steps += 1
        path.append(tuple(z))
    if not converged:
        status = "not_converged"
        message = (message + "; " if message else "") + f"not converged after {steps} steps"
    cert = {"path_length": len(path)}
    if not exact:
        cert["remaining_gain"] = gaps[-1] if gaps else 0.0
        cert["error_estimate"] = tail
    return _finish(problem, tuple(z), "raiffa", method="raiffa:discrete", exact=exact, status=status,
                   message=message, params=params, certificate=cert, iterations=steps)


def _best_given_others(problem: BargainingProblem, z: Sequence[Any]) -> list:
    """``m_i = max{x_i : x in S, x_j >= z_j for j != i}`` for every player i."""
    n = problem.n_players
    out = []
    zero = problem._zero()
    for i in range(n):
        if n == 2:
            best = _frontier_max_2d(problem, z, i)
            # float iterates converge onto the frontier and may step past it by a rounding
            # error: nothing then satisfies x_o >= z_o and player i cannot gain
            out.append(z[i] if best is None else best)
            continue
        c = np.array([problem.points[j, i] for j in range(problem.n_points)] + [zero],
                     dtype=object if problem.exact else float)
        lb = list(z)
        lb[i] = min(problem.points[:, i].tolist())
        sol = problem._lp(c, x_ge=lb, t_coef=None, monotone=True)
        # infeasible only when a float iterate is past the frontier by rounding (exact
        # iterates are always dominated by a feasible point): no gain for player i
        if sol is None:
            out.append(z[i])
        elif problem.exact:
            out.append(sol[1])
        else:
            out.append(_polish_best(problem, sol[0], z, i, float(sol[1])))
    return out


def _polish_best(problem: BargainingProblem, lam: Sequence[Any], z: Sequence[Any], i: int, value: float) -> float:
    """``max{x_i : x in S, x_j >= z_j (j != i)}`` to rounding error, from HiGHS's solution.

    HiGHS meets constraints only to its feasibility tolerance (about 1e-7 after equilibration):
    near a Raiffa limit on an edge of ``S`` its value overshot the true maximum by up to 6e-7,
    and since the Raiffa map does not contract along the frontier those errors stayed in the
    answer (3-player problems ended 1e-7 off their limit with status "ok").  Here the optimal
    vertex is recomputed from its support ``J`` (HiGHS's points of positive weight) and a set
    ``T`` of tight constraints, trying every subset of the nearly tight ones:
    ``P_J^T lam = z_T``, ``sum lam = 1``.  A candidate is accepted only with a float KKT
    certificate -- weights >= 0, every constraint met, multipliers ``y >= 0`` and ``mu`` with
    ``P_ji = mu - P_jT . y`` on ``J`` and ``<=`` on every undominated point, each to ``1e-12``
    relative -- else the HiGHS value is kept.
    """
    P = problem.float_points()
    k, n = P.shape
    lam = np.array([float(v) for v in lam])
    zf = np.array([float(v) for v in z])
    sc = float(np.max(np.abs(P))) or 1.0
    eps = 1e-12 * sc
    x = P.T @ lam
    others = [j for j in range(n) if j != i]
    near = [j for j in others if abs(x[j] - zf[j]) <= 1e-5 * sc]
    if len(near) > 12:  # pragma: no cover - 2^12 candidate sets at most
        return value
    J = np.flatnonzero(lam > 1e-9)
    if len(J) == 0:
        return value
    pidx = np.array(problem.pareto_indices(), dtype=int)
    for size in range(len(near), -1, -1):
        for T in itertools.combinations(near, size):
            T = list(T)
            A = np.vstack([P[J][:, T].T, np.ones((1, len(J)))])
            b = np.r_[zf[T], 1.0]
            lj, *_ = np.linalg.lstsq(A, b, rcond=None)
            if np.max(np.abs(A @ lj - b)) > eps or np.min(lj) < -1e-12:
                continue
            lam2 = np.zeros(k)
            lam2[J] = np.maximum(lj, 0.0)
            x2 = P.T @ lam2
            if any(x2[j] < zf[j] - eps for j in others):
                continue
            # dual of max c.lam s.t. P_T^T lam >= z_T, sum lam = 1: c_j = mu - P_jT . y on J,
            # c_j <= mu - P_jT . y elsewhere, y >= 0
            D = np.hstack([-P[J][:, T], np.ones((len(J), 1))])
            ym, *_ = np.linalg.lstsq(D, P[J, i], rcond=None)
            y, mu = ym[:-1], ym[-1]
            if np.max(np.abs(D @ ym - P[J, i])) > eps or (size and np.min(y) < -1e-12):
                continue
            red = mu - P[pidx][:, T] @ y - P[pidx, i]
            if np.min(red) < -eps:
                continue
            return float(x2[i])
    return value


def _raiffa_continuous(problem: BargainingProblem, G, status: str, message: str, tol: float,
                       max_steps: int) -> BargainingSolution:
    from scipy.integrate import solve_ivp

    func = "raiffa"
    if problem.n_players != 2:
        raise UnsupportedError(bad_param(func, "variant", '"discrete" for n > 2 players', "continuous"))
    fp = problem.as_float() if problem.exact else problem
    params = {"variant": "continuous", "tol": tol, "max_steps": int(max_steps)}
    z0 = np.array([float(v) for v in problem.disagreement])
    scale = float(np.abs(fp.float_points()).max()) + 1.0
    if len(G) < 2:
        return raiffa(problem)  # one-sided or no gains: both variants give the same point

    def rhs(_t, z):
        m = _best_given_others(fp, list(z))
        return np.array([float(m[0]) - z[0], float(m[1]) - z[1]])

    z = z0
    total_t = 0.0
    steps = 0
    converged = False
    while steps < max_steps:
        sol = solve_ivp(rhs, (0.0, 5.0), z, method="RK45", rtol=1e-10, atol=1e-12 * scale)
        z = sol.y[:, -1]
        total_t += 5.0
        steps += 1
        gap = float(np.max(rhs(0.0, z)))
        if gap <= tol * scale:
            converged = True
            break
    if not converged:
        status = "not_converged"
        message = (message + "; " if message else "") + "continuous Raiffa path not converged"
    return _finish(problem, tuple(float(v) for v in z), "raiffa", method="raiffa:continuous-ode", exact=False,
                   status=status, message=message, params=params, certificate={"ode_time": total_t},
                   iterations=steps)


def _raiffa_fixed_point_2d(problem: BargainingProblem, z: Sequence[Any], exact: bool, tol: float):
    """Limit of the discrete Raiffa map while it stays affine (both ``m_i`` on fixed pieces).

    With ``m_1 = a_1 + b_1 z_2`` and ``m_2 = a_2 + b_2 z_1`` the map is affine; when
    ``b_1 b_2 != 1`` its unique fixed point (a frontier corner; the map contracts towards it
    since ``0 <= b_1 b_2 < 1`` on a concave frontier) is the limit of the sequence.  Returned
    only when it is verified to be stationary (``m(z*) = z*``) and to dominate ``z``.
    """
    c1 = _frontier_piece_2d(problem, z, 0)
    c2 = _frontier_piece_2d(problem, z, 1)
    if c1 is None or c2 is None:
        return None
    a1, b1 = c1
    a2, b2 = c2
    den = 1 - b1 * b2
    if (den == 0) if exact else abs(den) < 1e-12:
        return None
    z2 = (a2 + b2 * a1) / den
    z1 = a1 + b1 * z2
    zs = [z1, z2]
    if any(zs[i] < z[i] - (0 if exact else tol) for i in range(2)):
        return None
    # the map is affine only while m_1 stays on the piece of z_2 and m_2 on the piece of z_1: a
    # fixed point of the affine extension is the limit only if every iterate stays there (e.g.
    # conv{(0,0),(2,0),(1,1),(0,1)}: from (1, 1/2) the pieces extend to the corner (1, 1), but
    # the next iterate (5/4, 3/4) leaves m_2's piece and is already stationary)
    I1 = _frontier_piece_interval_2d(problem, z, 0)
    I2 = _frontier_piece_interval_2d(problem, z, 1)
    fa1, fb1, fa2, fb2 = float(a1), float(b1), float(a2), float(b2)
    x1, x2 = float(z[0]), float(z[1])
    s1, s2 = float(z1), float(z2)
    eps = 1e-12 * (1.0 + abs(s1) + abs(s2))
    for _ in range(100_000):
        if not (I1[0] - eps < x2 <= I1[1] + eps and I2[0] - eps < x1 <= I2[1] + eps):
            return None
        if abs(x1 - s1) + abs(x2 - s2) <= eps:
            break
        x1, x2 = (fa1 + fb1 * x2 + x1) / 2, (fa2 + fb2 * x1 + x2) / 2
    else:
        return None
    m = _best_given_others(problem, zs)
    if exact:
        return tuple(zs) if all(m[i] == zs[i] for i in range(2)) else None
    return tuple(zs) if all(abs(float(m[i]) - float(zs[i])) <= tol for i in range(2)) else None


def _frontier_piece_2d(problem: BargainingProblem, z: Sequence[Any], i: int):
    """``(a, b)`` with ``m_i(z) = a + b z_o`` on the piece of the frontier containing ``z_o``."""
    from .problem import pareto_frontier_2d

    key = ("fullfrontier",)
    if key not in problem._cache:
        problem._cache[key] = pareto_frontier_2d(problem.points.tolist())
    F = problem._cache[key]
    o = 1 - i
    c = z[o]
    lowest = min(F, key=lambda p: p[o])
    if c <= lowest[o]:
        return (lowest[i], 0 * c)
    for k in range(len(F) - 1):
        a, b = F[k], F[k + 1]
        lo, hi = (a, b) if a[o] <= b[o] else (b, a)
        if lo[o] < c <= hi[o]:
            slope = (hi[i] - lo[i]) / (hi[o] - lo[o])
            return (lo[i] - slope * lo[o], slope)
    return None


def _frontier_piece_interval_2d(problem: BargainingProblem, z: Sequence[Any], i: int) -> tuple[float, float]:
    """The range of ``z_o`` (o = the other player) over which :func:`_frontier_piece_2d` keeps
    the piece it returns for ``z`` (floats; ``-inf`` below the lowest frontier point)."""
    F = problem._cache[("fullfrontier",)]
    o = 1 - i
    c = z[o]
    lowest = min(F, key=lambda p: p[o])
    if c <= lowest[o]:
        return (-math.inf, float(lowest[o]))
    for k in range(len(F) - 1):
        a, b = F[k], F[k + 1]
        lo, hi = (a, b) if a[o] <= b[o] else (b, a)
        if lo[o] < c <= hi[o]:
            return (float(lo[o]), float(hi[o]))
    return (math.inf, -math.inf)  # pragma: no cover - _frontier_piece_2d returned None


def _frontier_max_2d(problem: BargainingProblem, z: Sequence[Any], i: int) -> Any:
    from .problem import pareto_frontier_2d

    key = ("fullfrontier",)
    if key not in problem._cache:
        problem._cache[key] = pareto_frontier_2d(problem.points.tolist())
    F = problem._cache[key]  # increasing u1, decreasing u2
    o = 1 - i
    c = z[o]
    # max x_i subject to x_o >= c: along the frontier x_i decreases as x_o increases
    pts = [p for p in F if p[o] >= c]
    best = max((p[i] for p in pts), default=None)
    for k in range(len(F) - 1):
        a, b = F[k], F[k + 1]
        lo, hi = (a, b) if a[o] <= b[o] else (b, a)
        if lo[o] < c <= hi[o]:
            s = (c - lo[o]) / (hi[o] - lo[o])
            v = lo[i] + s * (hi[i] - lo[i])
            best = v if best is None or v > best else best
    return best


def all_solutions(problem: BargainingProblem, weights: Sequence[Any] | None = None) -> dict[str, BargainingSolution]:
    """Every solution of ``problem`` in a dict (Raiffa only with lotteries)."""
    out = {
        "nash": nash_solution(problem, weights),
        "kalai_smorodinsky": kalai_smorodinsky(problem),
        "egalitarian": egalitarian(problem, weights),
        "utilitarian": utilitarian(problem, weights),
    }
    if problem.lotteries:
        out["raiffa"] = raiffa(problem)
    return out
