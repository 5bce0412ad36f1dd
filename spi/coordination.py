"""SPIs under perfect coordination (one LP) and the Pareto meet minimum.

Perfect coordination (Oesterheld & Conitzer 2022, Sect. 5).  Suppose the representatives can
be given an isomorphic copy of the game whose outcomes are "tokens": token ``a`` is worth to
the *original* players any payoff vector ``z(a)`` of the correlated feasible set

    C(G) = conv{ u(b) : b in A }            (payoffs of correlated outcome distributions),

implemented by a joint lottery over outcomes.  By Assumption 2 the representatives play the
copy as they play ``reduce(G)``, so the substitute is a (perfect-coordination) SPI iff
``z(a) >= u(a)`` for every outcome ``a`` the default play can produce, and strict iff
``z(a) != u(a)`` for some ``a`` played with positive probability.  Lemma 11: ``y`` is Pareto
optimal in ``C(G)`` iff ``max sum_i (z_i - y_i)`` over ``z in C(G), z >= y`` is 0.  Algorithm 1 /
Proposition 12: a strict perfect-coordination SPI exists iff some outcome in the support of
the default play is Pareto-suboptimal in ``C(G)``.

:func:`perfect_coordination` solves, in **one** LP, the block problem over all outcomes ``a``
of the given support (default: every outcome of ``reduce(G)``): a distribution ``p^a`` over
outcomes per ``a``, maximizing the total improvement subject to ``sum_b p^a_b u(b) >= u(a)``.
The blocks are independent, so the optimum of each block is a Pareto-optimal point of
``C(G)`` above ``u(a)``.  Exact games get exact certificates: a rational distribution whose
payoff is verified in Fractions to dominate ``u(a)``, or, when no improvement exists, strictly
positive rational weights ``w`` with ``w . u(b) <= w . u(a)`` for all ``b`` (a point of a
polytope is Pareto optimal iff it maximizes some strictly positive weighted sum).

Pareto meet minimum.  DiGiovanni, Clifton & Macé ("Safe Pareto improvements for expected
utility maximizers in program games", AAMAS 2025) define the *Pareto meet minimum* (PMM) of a
two-player game as the vector whose ``i``-th entry is player ``i``'s lowest payoff on the Pareto
frontier of ``C(G)``; renegotiation-based SPIs guarantee each player at least this much (the
guaranteed improvement over a default payoff ``d`` is ``max(PMM - d, 0)`` per player).  For two
players the frontier runs from the point maximizing ``u_1`` (ties: ``u_0``) to the point
maximizing ``u_0`` (ties: ``u_1``), both pure payoff vectors, so the PMM is exact.  The
Oesterheld-Conitzer paper itself defines no such value; its Theorem 15 (two-player geometry of
safely achievable payoffs) is not implemented.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from solvers.errors import InvalidInputError, UnsupportedError, bad_param
from solvers.games import NormalFormGame
from solvers.numbers import DEFAULT_TOL, to_fraction
from solvers.results import Result, result

from ._common import check_game, label_indices, payoff_lists
from .reduction import reduce_dominated

__all__ = ["PerfectCoordinationResult", "perfect_coordination", "ParetoMeetResult", "pareto_meet_minimum"]


@result
class PerfectCoordinationResult(Result):
    """Perfect-coordination SPI: the improved payoff assigned to each default outcome.

    Attributes
    ----------
    exists_strict : bool
        Some outcome of the support is Pareto-suboptimal in ``C(G)`` (Proposition 12).
    outcomes : tuple
        The support outcomes (label tuples), in order.
    default_payoffs, assigned_payoffs : tuple
        ``u(a)`` and the assigned ``z(a) in C(G)`` (Pareto optimal, ``z(a) >= u(a)``).
    improvable : tuple of bool
        Per outcome, ``z(a) != u(a)``.
    lotteries : tuple of dict
        Per outcome, the correlated distribution (outcome labels -> probability) achieving
        ``z(a)``.
    certified : bool
        Every entry certified exactly (exact games only).
    objective : float
        The LP optimum (total improvement, float).
    """

    exists_strict: bool = False
    outcomes: tuple[Any, ...] = ()
    default_payoffs: tuple[Any, ...] = ()
    assigned_payoffs: tuple[Any, ...] = ()
    improvable: tuple[bool, ...] = ()
    lotteries: tuple[Any, ...] = ()
    certified: bool = False
    objective: float = 0.0


def _support_profiles(func: str, game: NormalFormGame, support: Any) -> list[tuple[int, ...]]:
    if support is None:
        red = reduce_dominated(game)
        import itertools

        return [tuple(red.surviving[i][x] for i, x in enumerate(r))
                for r in itertools.product(*(range(len(s)) for s in red.surviving))]
    out = []
    try:
        items = list(support)
    except TypeError:
        raise InvalidInputError(bad_param(func, "support", "a list of outcomes (one action per player)", support)) from None
    if not items:
        raise InvalidInputError(bad_param(func, "support", "a nonempty list of outcomes", support))
    for prof in items:
        if not isinstance(prof, (list, tuple)) or len(prof) != game.n_players:
            raise InvalidInputError(bad_param(func, "support", f"outcomes with one action per player "
                                              f"({game.n_players})", prof))
        out.append(tuple(label_indices(func, "support", game, i, [a])[0] for i, a in enumerate(prof)))
    return out


def perfect_coordination(game: NormalFormGame, support: Sequence[Sequence[Any]] | None = None, *,
                         exact: bool | None = None) -> PerfectCoordinationResult:
    """Perfect-coordination SPI by one LP (Sect. 5; Lemma 11, Algorithm 1, Proposition 12).

    Parameters
    ----------
    game : NormalFormGame
        The default game (any number of players).
    support : sequence of outcomes, optional
        The outcomes the default play can produce (labels or indices); default: every outcome
        of ``reduce(game)`` (Assumption 1).
    exact : bool or None
        Certify exactly (default for exact games).

    Returns
    -------
    PerfectCoordinationResult
        For every support outcome its improved payoff in ``C(G)`` and the lottery achieving
        it; ``exists_strict`` answers the decision problem.

    Examples
    --------
    >>> from spi.examples import prisoners_dilemma
    >>> r = perfect_coordination(prisoners_dilemma())
    >>> r.exists_strict, r.assigned_payoffs
    (True, ((Fraction(3, 1), Fraction(3, 1)),))
    """
    from scipy.optimize import linprog  # lazy: keeps `import spi` light

    func = "perfect_coordination"
    check_game(func, "game", game)
    if exact is None:
        exact = game.exact
    prof_list = _support_profiles(func, game, support)
    n = game.n_players
    U = payoff_lists(game, exact)
    Uf = [np.asarray(p, dtype=float).reshape(-1) for p in game.float_payoffs()]
    # the LP runs on payoffs divided by their scale: HiGHS's tolerances are absolute (about
    # 1e-7), so payoffs near 1e-9 made every lottery look optimal
    # (shifted by each player's minimum too: sum_b p_b = 1 makes the constraints and the
    # objective shift invariant, and payoffs 1e9 + O(1) would drown the O(1) differences)
    lows = [float(np.min(u)) for u in Uf]
    lp_scale = max(float(np.max(u) - np.min(u)) for u in Uf) or 1.0
    B = len(Uf[0])
    all_profiles = list(game.pure_profiles())
    K = len(prof_list)
    nv = K * B
    c = np.zeros(nv)
    A_ub = np.zeros((K * n, nv))
    b_ub = np.zeros(K * n)
    A_eq = np.zeros((K, nv))
    b_eq = np.ones(K)
    for k, a in enumerate(prof_list):
        sl = slice(k * B, (k + 1) * B)
        for i in range(n):
            c[sl] -= (Uf[i] - lows[i]) / lp_scale
            A_ub[k * n + i, sl] = -(Uf[i] - lows[i]) / lp_scale
            b_ub[k * n + i] = -(float(U[i][a]) - lows[i]) / lp_scale
        A_eq[k, sl] = 1.0
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if res.status != 0:  # cannot happen: p^a = delta_a is feasible and the LP is bounded
        return PerfectCoordinationResult(method="LP (HiGHS)", exact=False, status="failed",
                                         message=str(res.message), params={"support": support})
    scale = lp_scale  # the payoff spread: relative, not floored at 1, offset-free
    outcomes, defaults, assigned, improvable, lotteries = [], [], [], [], []
    certified = True
    for k, a in enumerate(prof_list):
        p = np.clip(res.x[k * B:(k + 1) * B], 0.0, None)
        p = p / p.sum()
        ua = tuple(U[i][a] for i in range(n))
        zf = [float(np.dot(p, Uf[i])) for i in range(n)]
        gain = sum(zf) - sum(float(x) for x in ua)
        better = gain > DEFAULT_TOL * scale * n
        lot: dict
        if exact:
            z, lot, ok = _certify_improvement(game, U, p, ua, all_profiles) if better else (ua, {_labels(game, a): Fraction(1)}, True)
            if not better:
                ok = _certify_optimal(U, a, n, all_profiles)
            if not ok:
                # the float LP misjudged this block (e.g. an improvement far below its tolerance
                # relative to the payoff spread: it answered "not improvable"); decide it by an
                # exact LP instead of returning an uncertified verdict
                block = _exact_block(game, U, a, ua, n, all_profiles)
                if block is not None:
                    better, z, lot = block
                else:
                    certified = False
                    if better:
                        z = tuple(Fraction(x).limit_denominator(10**9) for x in zf)
        else:
            z = tuple(zf) if better else ua
            lot = {_labels(game, b): float(q) for b, q in zip(all_profiles, p) if q > 1e-12} if better \
                else {_labels(game, a): 1.0}
            certified = False
        outcomes.append(_labels(game, a))
        defaults.append(ua)
        assigned.append(z)
        improvable.append(bool(better))
        lotteries.append(lot)
    return PerfectCoordinationResult(
        exists_strict=any(improvable), outcomes=tuple(outcomes), default_payoffs=tuple(defaults),
        assigned_payoffs=tuple(assigned), improvable=tuple(improvable), lotteries=tuple(lotteries),
        certified=bool(exact and certified), objective=float(-res.fun) * lp_scale + K * sum(lows),
        method="one LP over all support outcomes (HiGHS), exact certificates", exact=bool(exact and certified),
        status="ok", params={"support": None if support is None else [tuple(s) for s in support]},
    )


def _labels(game: NormalFormGame, prof: Sequence[int]) -> tuple[str, ...]:
    return tuple(game.labels[i][x] for i, x in enumerate(prof))


def _certify_improvement(game, U, p, ua, all_profiles):
    """Rationalize a float lottery and verify exactly that it Pareto-improves on ``ua``."""
    n = len(ua)
    for den in (10**3, 10**6, 10**9):
        q = [Fraction(float(x)).limit_denominator(den) for x in p]
        tot = sum(q, Fraction(0))
        if tot == 0:
            continue
        q = [x / tot for x in q]
        z = tuple(sum((qb * U[i][b] for qb, b in zip(q, all_profiles)), Fraction(0)) for i in range(n))
        if all(z[i] >= ua[i] for i in range(n)) and any(z[i] > ua[i] for i in range(n)):
            lot = {_labels(game, b): qb for b, qb in zip(all_profiles, q) if qb != 0}
            return z, lot, True
    return ua, {}, False


def _exact_block(game, U, a, ua, n, all_profiles):
    """One outcome's block LP solved exactly: ``(improvable, z, lottery)`` or None if too large.

    maximize ``sum_i (z_i - u_i(a))`` over lotteries ``p`` with ``z = sum_b p_b u(b) >= u(a)``.
    """
    from solvers._exact_lp import exact_lp

    c = [sum((U[i][b] - ua[i] for i in range(n)), Fraction(0)) for b in all_profiles]
    A_ub = [[-U[i][b] for b in all_profiles] for i in range(n)]
    b_ub = [-ua[i] for i in range(n)]
    sol = exact_lp(c, A_ub, b_ub, [[Fraction(1)] * len(all_profiles)], [Fraction(1)])
    if sol.status != "optimal":
        return None
    if sol.value <= 0:
        return False, ua, {_labels(game, a): Fraction(1)}
    x = [Fraction(v) for v in sol.x]
    z = tuple(sum((xb * U[i][b] for xb, b in zip(x, all_profiles)), Fraction(0)) for i in range(n))
    lot = {_labels(game, b): xb for b, xb in zip(all_profiles, x) if xb != 0}
    return True, z, lot


def _certify_optimal(U, a, n, all_profiles) -> bool:
    """Find strictly positive rational weights under which ``u(a)`` maximizes ``w . u`` (exactly)."""
    from scipy.optimize import linprog

    D = np.array([[float(U[i][b] - U[i][a]) for i in range(n)] for b in all_profiles])
    # min t  s.t.  D w <= t,  w_i >= 1
    c = np.zeros(n + 1)
    c[-1] = 1.0
    A = np.hstack([D, -np.ones((len(D), 1))])
    res = linprog(c, A_ub=A, b_ub=np.zeros(len(D)), bounds=[(1, None)] * n + [(None, None)], method="highs")
    if res.status != 0:
        return False
    for den in (10**3, 10**6, 10**9):
        w = [Fraction(float(x)).limit_denominator(den) for x in res.x[:n]]
        if any(x <= 0 for x in w):
            continue
        if all(sum((w[i] * (U[i][b] - U[i][a]) for i in range(n)), Fraction(0)) <= 0 for b in all_profiles):
            return True
    return False


@result
class ParetoMeetResult(Result):
    """The Pareto meet minimum of a two-player game.

    Attributes
    ----------
    pmm : tuple
        Per player, the lowest payoff on the Pareto frontier of ``C(G)``.
    frontier : tuple
        The vertices of the Pareto frontier (payoff vectors), from best-for-player-1 to
        best-for-player-0.
    default : tuple or None
        The default payoff vector given, if any.
    guaranteed_gain : tuple or None
        ``max(pmm_i - default_i, 0)`` per player.
    """

    pmm: tuple[Any, ...] = ()
    frontier: tuple[Any, ...] = ()
    default: tuple[Any, ...] | None = None
    guaranteed_gain: tuple[Any, ...] | None = None


def pareto_meet_minimum(game: NormalFormGame, default: Sequence[Any] | None = None, *,
                        exact: bool | None = None) -> ParetoMeetResult:
    """Each player's lowest payoff on the Pareto frontier of the feasible set (two players).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game; its correlated feasible set ``C(G)`` is the convex hull of its pure
        payoff vectors.
    default : sequence of two numbers, optional
        A default payoff vector (e.g. of a conflict outcome); the result then reports the gain
        the PMM guarantees over it.
    exact : bool or None
        Exact Fractions (default for exact games).

    Examples
    --------
    >>> from spi.examples import demand_game
    >>> from spi import reduce_dominated
    >>> pareto_meet_minimum(reduce_dominated(demand_game()).reduced, default=(-3, -3)).guaranteed_gain
    (Fraction(3, 1), Fraction(3, 1))
    """
    func = "pareto_meet_minimum"
    check_game(func, "game", game)
    if game.n_players != 2:
        raise UnsupportedError(bad_param(func, "game", "a two-player game", f"{game.n_players} players", raw=True))
    if exact is None:
        exact = game.exact
    U = payoff_lists(game, exact)
    pts = sorted({(U[0][p], U[1][p]) for p in game.pure_profiles()})
    # strong Pareto frontier of the convex hull: upper-right chain between the two extremes
    top1 = max(pts, key=lambda v: (v[1], v[0]))  # best for player 1
    top0 = max(pts, key=lambda v: (v[0], v[1]))  # best for player 0
    frontier = _upper_right_chain(pts, top1, top0)
    pmm = (top1[0], top0[1])
    d = None
    gain = None
    if default is not None:
        vals = list(default)
        if len(vals) != 2:
            raise InvalidInputError(bad_param(func, "default", "a payoff vector of length 2", default))
        d = tuple(to_fraction(x, func=func, param="default") if exact else float(x) for x in vals)
        zero = Fraction(0) if exact else 0.0
        gain = tuple(max(pmm[i] - d[i], zero) for i in range(2))
    return ParetoMeetResult(pmm=pmm, frontier=tuple(frontier), default=d, guaranteed_gain=gain,
                            method="Pareto frontier of the convex hull (2 players)", exact=bool(exact),
                            status="ok", params={"default": None if default is None else list(default)})


def _upper_right_chain(pts, start, end):
    """Vertices of the convex hull's strong Pareto frontier from ``start`` (max u1) to ``end`` (max u0)."""
    if start == end:
        return [start]
    cand = [p for p in pts if p[0] >= start[0] and p[1] >= end[1]]
    # points level with an extreme are weakly dominated by it (start has the largest u1, end the
    # largest u0)
    cand = [p for p in cand if (p[0] != start[0] or p == start) and (p[1] != end[1] or p == end)]
    cand.sort()
    chain: list = []
    for p in cand:  # upper hull, left to right, dropping collinear middle points
        while len(chain) >= 2:
            (x1, y1), (x2, y2) = chain[-2], chain[-1]
            if (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1) >= 0:
                chain.pop()
            else:
                break
        chain.append(p)
    return chain
