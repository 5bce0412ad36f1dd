"""The axioms of bargaining theory as predicates.

Point predicates (about one point of one problem):

``pareto_optimal(problem, x, strong=True)``
    no feasible ``y`` with ``y >= x`` and ``y != x`` (strong), or no ``y > x`` (weak).
``individually_rational(problem, x)``
    ``x >= d``.

Solution predicates (about a solution function ``f(problem) -> BargainingSolution`` on given
problems; each returns True when the axiom holds on those instances):

``symmetric(f, problem)``  (Nash 1950)
    if ``(S, d)`` is invariant under every permutation of the players, all coordinates of
    ``f(S, d)`` are equal.  (Also :func:`anonymous`: ``f`` commutes with relabeling players.)
``scale_invariant(f, problem, scale, shift)``  (Nash 1950)
    ``f(A(S), A(d)) = A(f(S, d))`` for ``A(u)_i = scale_i u_i + shift_i``, ``scale_i > 0``.
``iia(f, big, small)``  (Nash 1950, independence of irrelevant alternatives)
    if ``small`` has the same ``d``, its feasible set is inside ``big``'s and ``f(big)`` is
    feasible in ``small``, then ``f(small) = f(big)``.
``individually_monotonic(f, small, big, player)``  (Kalai & Smorodinsky 1975)
    if ``S_small`` is inside ``S_big``, the ideal utility of every *other* player is the same in
    both, then ``player`` gets at least as much in ``big``.  For two players this is the KS axiom.
``strongly_monotonic(f, small, big)``  (Kalai 1977)
    if ``S_small`` is inside ``S_big`` (same ``d``), every player gets at least as much in ``big``.
``pareto(f, problem)`` / ``individually_rational_solution(f, problem)``.

Known facts (checked by ``tests/bargaining/test_axioms.py``): the Nash solution is the unique
solution with Pareto optimality, symmetry, scale invariance and IIA (Nash 1950); KS satisfies
individual monotonicity instead of IIA (Kalai & Smorodinsky 1975) and violates IIA; Nash
violates individual monotonicity on the Kalai-Smorodinsky (1975) example
``S = conv{(0,0), (1,0), (3/4,3/4), (0,1)}``, ``T = conv{(0,0), (1,0), (1,7/10), (0,1)}``
(``S`` inside ``T``, player 1's ideal 1 in both, yet Nash gives player 2 ``3/4`` in ``S`` and
``7/10`` in ``T``); the egalitarian solution (the plain max-equal-gain point) is strongly
monotonic (Kalai 1977) but not scale invariant; its leximin extension is not strongly
monotonic (``conv{(0,0),(1,1),(3,1)}`` gives ``(3,1)``; adding ``(2,5)`` gives player 1 less).

Comparisons are exact for exact problems and within ``tol`` (relative to the problem's scale)
for float problems.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

from solvers.errors import InvalidInputError, bad_param
from solvers.numbers import DEFAULT_TOL

from .problem import BargainingProblem

__all__ = [
    "pareto_optimal",
    "individually_rational",
    "pareto",
    "individually_rational_solution",
    "symmetric",
    "anonymous",
    "scale_invariant",
    "iia",
    "individually_monotonic",
    "strongly_monotonic",
    "feasible_subset",
]

Solution = Callable[[BargainingProblem], Any]


def _scale(problem: BargainingProblem) -> float:
    # relative to the utilities' own magnitude (a "+ 1" made the float tolerance 1e-7 absolute,
    # so on utilities near 1e-9 every point passed pareto_optimal, symmetric, ...)
    s = float(np.abs(problem.float_points()).max()) + float(max(abs(float(v)) for v in problem.disagreement))
    return s if s > 0 else 1.0


def _close(problem: BargainingProblem, x: Sequence[Any], y: Sequence[Any], tol: float | None) -> bool:
    if problem.exact and tol is None and all(isinstance(v, (int, Fraction)) for v in (*x, *y)):
        return tuple(x) == tuple(y)
    t = (DEFAULT_TOL * 1e2 if tol is None else tol) * _scale(problem)
    return all(abs(float(a) - float(b)) <= t for a, b in zip(x, y))


def _point(res: Any) -> tuple:
    return tuple(res.point) if hasattr(res, "point") else tuple(res)


def pareto_optimal(problem: BargainingProblem, x: Sequence[Any], *, strong: bool = True,
                   tol: float | None = None) -> bool:
    """Whether ``x`` is (strongly / weakly) Pareto optimal in the feasible set ``S``.

    ``x`` itself need not be checked for feasibility here (use ``problem.contains``).
    """
    n = problem.n_players
    if len(x) != n:
        raise InvalidInputError(bad_param("pareto_optimal", "x", f"a vector of length {n}", x))
    exact = problem.exact and tol is None
    t = 0 if exact else (DEFAULT_TOL * 1e2 if tol is None else tol) * _scale(problem)
    if not problem.lotteries:
        for row in problem.points.tolist():
            if exact:
                ge = all(a >= b for a, b in zip(row, x))
                gt = [a > b for a, b in zip(row, x)]
            else:
                ge = all(float(a) >= float(b) - t for a, b in zip(row, x))
                gt = [float(a) > float(b) + t for a, b in zip(row, x)]
            if strong and ge and any(gt):
                return False
            if not strong and all(gt):
                return False
        return True
    zero = problem._zero()
    one = Fraction(1) if problem.exact else 1.0
    k = problem.n_points
    dt = object if problem.exact else float
    xs = [Fraction(v) if problem.exact else float(v) for v in x]
    if strong:
        c = np.array([sum(problem.points[j, i] for i in range(n)) for j in range(k)] + [zero], dtype=dt)
        sol = problem._lp(c, x_ge=xs, t_coef=None, monotone=True)
        if sol is None:
            return True  # nothing dominates (x infeasible / beyond the set)
        return not (sol[1] > sum(xs) + t)
    c = np.array([zero] * k + [one], dtype=dt)
    sol = problem._lp(c, x_ge=xs, x_ge_t=[one] * n, t_coef=True,
                      extra_ub=[([zero] * n, one, one)], monotone=True)
    if sol is None:
        return True
    return not (sol[2] > t)


def individually_rational(problem: BargainingProblem, x: Sequence[Any], *, tol: float | None = None) -> bool:
    """``x >= d``."""
    if problem.exact and tol is None:
        return all(a >= b for a, b in zip(x, problem.disagreement))
    t = (DEFAULT_TOL if tol is None else tol) * _scale(problem)
    return all(float(a) >= float(b) - t for a, b in zip(x, problem.disagreement))


def pareto(f: Solution, problem: BargainingProblem, *, strong: bool = True, tol: float | None = None) -> bool:
    """``f(problem)`` is Pareto optimal."""
    return pareto_optimal(problem, _point(f(problem)), strong=strong, tol=tol)


def individually_rational_solution(f: Solution, problem: BargainingProblem, *, tol: float | None = None) -> bool:
    """``f(problem) >= d``."""
    return individually_rational(problem, _point(f(problem)), tol=tol)


def symmetric(f: Solution, problem: BargainingProblem, *, tol: float | None = None) -> bool:
    """On a symmetric problem, ``f`` gives every player the same utility (vacuous otherwise)."""
    if not problem.is_symmetric():
        return True
    x = _point(f(problem))
    return _close(problem, x, [x[0]] * len(x), tol)


def anonymous(f: Solution, problem: BargainingProblem, order: Sequence[int] | None = None, *,
              tol: float | None = None) -> bool:
    """``f`` commutes with relabeling the players by ``order`` (default: every permutation, n <= 4)."""
    n = problem.n_players
    x = _point(f(problem))
    orders = [order] if order is not None else list(itertools.permutations(range(n)))[: 24]
    for o in orders:
        y = _point(f(problem.permute(o)))
        if not _close(problem, y, [x[j] for j in o], tol):
            return False
    return True


def scale_invariant(f: Solution, problem: BargainingProblem, scale: Sequence[Any],
                    shift: Sequence[Any] | None = None, *, tol: float | None = None) -> bool:
    """``f(A(problem)) == A(f(problem))`` for the positive affine map ``A``."""
    x = _point(f(problem))
    q = problem.affine(scale, shift)
    y = _point(f(q))
    conv = Fraction if q.exact else float
    sc = [conv(s) for s in scale]
    sh = [conv(0)] * len(sc) if shift is None else [conv(s) for s in shift]
    Ax = [sc[i] * x[i] + sh[i] for i in range(len(x))]
    return _close(q, y, Ax, tol)


def feasible_subset(small: BargainingProblem, big: BargainingProblem) -> bool:
    """Whether the feasible set of ``small`` lies inside that of ``big`` (checked on its points)."""
    return all(big.contains(row) for row in small.points.tolist())


def iia(f: Solution, big: BargainingProblem, small: BargainingProblem, *, tol: float | None = None,
        check_subset: bool = True) -> bool:
    """Independence of irrelevant alternatives on the pair ``(big, small)`` (vacuous when the
    premises fail: different ``d``, ``small`` not inside ``big``, or ``f(big)`` not in ``small``)."""
    if tuple(big.disagreement) != tuple(small.disagreement):
        return True
    if check_subset and not feasible_subset(small, big):
        return True
    x = _point(f(big))
    if not small.contains(x):
        if small.exact:
            return True
        # float: accept points within tolerance of the small set
        return True
    y = _point(f(small))
    return _close(big, x, y, tol)


def individually_monotonic(f: Solution, small: BargainingProblem, big: BargainingProblem, player: int, *,
                           tol: float | None = None, check_subset: bool = True) -> bool:
    """Kalai-Smorodinsky individual monotonicity for ``player`` (vacuous when premises fail)."""
    if tuple(big.disagreement) != tuple(small.disagreement):
        return True
    if check_subset and not feasible_subset(small, big):
        return True
    a_s, a_b = small.ideal_point(), big.ideal_point()
    others = [j for j in range(small.n_players) if j != player]
    if not _close(big, [a_s[j] for j in others], [a_b[j] for j in others], tol):
        return True
    xs = _point(f(small))
    xb = _point(f(big))
    t = 0 if (big.exact and tol is None) else (DEFAULT_TOL * 1e2 if tol is None else tol) * _scale(big)
    return xb[player] >= xs[player] - t if t == 0 else float(xb[player]) >= float(xs[player]) - t


def strongly_monotonic(f: Solution, small: BargainingProblem, big: BargainingProblem, *,
                       tol: float | None = None, check_subset: bool = True) -> bool:
    """Kalai (1977) strong monotonicity: ``S_small`` inside ``S_big`` implies ``f(big) >= f(small)``."""
    if tuple(big.disagreement) != tuple(small.disagreement):
        return True
    if check_subset and not feasible_subset(small, big):
        return True
    xs = _point(f(small))
    xb = _point(f(big))
    if big.exact and tol is None:
        return all(b >= s for b, s in zip(xb, xs))
    t = (DEFAULT_TOL * 1e2 if tol is None else tol) * _scale(big)
    return all(float(b) >= float(s) - t for b, s in zip(xb, xs))
