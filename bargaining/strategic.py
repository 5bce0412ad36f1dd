"""Strategic (non-cooperative) bargaining: alternating offers and demand games.

Rubinstein (1982), "Perfect equilibrium in a bargaining model", Econometrica 50
    Two players split a pie of size 1.  In periods ``t = 0, 1, ...`` the proposer (alternating,
    ``first`` starts) offers a split; the responder accepts (the game ends) or rejects (the
    next period starts, after which player ``i``'s payoffs are discounted by ``delta_i``).
    The unique subgame-perfect equilibrium (SPE) agrees at once; with linear utilities the
    first proposer gets ``(1 - delta_2) / (1 - delta_1 delta_2)`` (player 1 proposing).
    General stationary SPE conditions, used here: with ``M_i`` player ``i``'s share when
    proposing, the responder ``j`` is offered exactly its continuation value
    ``w_j = p b_j + (1 - p) delta_j M_j`` (breakdown after a rejection with probability ``p``,
    payoffs ``b`` on breakdown; Binmore, Rubinstein & Wolinsky 1986, Sect. 4), so
    ``M_i = 1 - w_j``: a 2x2 linear system, solved exactly for exact inputs.
    Finite horizon ``T``: if the last offer (period ``T - 1``) is rejected both get ``b``
    (0 by default); backward induction gives ``M^{(t)}_i = 1 - (p b_j + (1-p) delta_j M^{(t+1)}_j)``.
    Concave utilities ``u_i`` over own share (``u_i(0) = 0``, increasing, concave): the SPE
    proposals ``x*`` (player 1 proposing, 1's share) and ``y*`` (player 2 proposing) solve
    ``u_2(1 - x*) = delta_2 u_2(1 - y*)`` and ``u_1(y*) = delta_1 u_1(x*)`` (Osborne & Rubinstein
    1990, Ch. 3); solved by bracketing root finding.
Binmore, Rubinstein & Wolinsky (1986), "The Nash bargaining solution in economic modelling"
    With period length ``Delta`` and ``delta_i = exp(-r_i Delta)``, the SPE agreement converges
    as ``Delta -> 0`` to the asymmetric Nash solution with weights ``w_i = 1 / r_i`` (so
    ``w_1 / w_2 = log delta_2 / log delta_1``): :func:`rubinstein_limit`.
Nash demand game (Nash 1953)
    Players simultaneously demand ``x_1, x_2`` from a grid; they get their demands if
    ``x_1 + x_2 <= 1`` (or, for utility demands, if the pair is feasible), else the
    disagreement payoffs.  Every efficient compatible pair is a pure equilibrium (plus
    mutually incompatible greedy pairs): :func:`nash_demand_game` lists them using
    :func:`solvers.pure_equilibria`.
Smoothed demand game (Nash 1953)
    Compatibility is uncertain: demands ``x`` are met with probability ``h(x)``, here
    ``h(x) = Phi((f(x_1) - x_2) / sigma)`` with ``f`` the Pareto frontier and ``Phi`` the normal
    cdf.  Payoffs ``d_i + (x_i - d_i) h(x)`` (gains are earned only on agreement).  The
    first-order conditions of an equilibrium are the critical-point conditions of
    ``(x_1 - d_1)(x_2 - d_2) h(x)``, whose maximizer converges to the Nash solution as
    ``sigma -> 0`` (Nash 1953; see also Binmore 1987).  :func:`smoothed_demand_game` finds
    that maximizer and verifies that each demand is a best response.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

from solvers.errors import InvalidInputError, LimitError, bad_param
from solvers.numbers import is_exact_number, to_fraction, to_float
from solvers.results import Result, result

#: Longest exact finite-horizon Rubinstein game (its exact shares have ~horizon * log2(den) bits).
MAX_EXACT_HORIZON: int = 100_000

__all__ = [
    "RubinsteinResult",
    "rubinstein",
    "rubinstein_limit",
    "DemandGameResult",
    "nash_demand_game",
    "SmoothedDemandResult",
    "smoothed_demand_game",
]


@result
class RubinsteinResult(Result):
    """The subgame-perfect equilibrium of an alternating-offers game.

    Attributes
    ----------
    shares : tuple
        The agreed shares of the pie ``(player 1, player 2)`` (agreement in period 0).
    utilities : tuple
        The players' utilities of those shares (equal to ``shares`` for linear utilities).
    proposals : tuple
        ``(x*, y*)``: player 1's share in player 1's proposal and in player 2's proposal.
    first : int
        Who proposes first (0 or 1).
    discount : tuple
    horizon : int or None
        None for the infinite-horizon game.
    breakdown : number
    """

    shares: tuple = ()
    utilities: tuple = ()
    proposals: tuple = ()
    first: int = 0
    discount: tuple = ()
    horizon: int | None = None
    breakdown: Any = 0


def _check_discount(func: str, name: str, d: Any, exact: bool, allow_one: bool = False) -> Any:
    conv = to_fraction if exact else to_float
    try:
        v = conv(d, func=func, param=name)
    except InvalidInputError:
        raise
    # 0 is a valid discount factor (a player who does not value the future at all): the
    # stationary system stays nonsingular (1 - delta1 delta2 = 1) and the SPE share of the first
    # proposer is (1 - delta2) / (1 - delta1 delta2) as for any other factors (Rubinstein 1982)
    ok = (0 <= v <= 1) if allow_one else (0 <= v < 1)
    if not ok:
        raise InvalidInputError(bad_param(func, name, "in [0, 1]" if allow_one else "in [0, 1)", d))
    return v


def _pair(func: str, param: str, value: Any, what: str) -> list:
    """``value`` as a list of two entries, else an error naming ``param``."""
    try:
        out = list(value)
    except TypeError:
        raise InvalidInputError(bad_param(func, param, what, value)) from None
    if len(out) != 2:
        raise InvalidInputError(bad_param(func, param, what, value))
    return out


def rubinstein(delta1: Any, delta2: Any, *, first: int = 0, horizon: int | None = None,
               breakdown: Any = 0, breakdown_payoffs: Sequence[Any] = (0, 0),
               utilities: Sequence[Callable[[float], float]] | None = None,
               exact: bool | None = None, tol: float = 1e-12) -> RubinsteinResult:
    """SPE of Rubinstein's (1982) alternating-offers game over a pie of size 1.

    Parameters
    ----------
    delta1, delta2 : number in [0, 1)
        Discount factors per period (with ``breakdown > 0`` or a finite ``horizon`` a factor of
        1 is allowed).  A factor of 0 is a player who does not value the future at all: with
        ``delta1 = 0`` the first proposer gets ``1 - delta2``, with ``delta2 = 0`` everything.
    first : {0, 1}
        The first proposer.
    horizon : int, optional
        Number of periods (finite horizon, by backward induction); None for infinite.
    breakdown : number in [0, 1)
        Probability that a rejection ends the negotiation with ``breakdown_payoffs``.
    breakdown_payoffs : pair of numbers
        Payoffs ``b`` on breakdown and after the last rejected offer (as shares of the pie).
    utilities : pair of callables, optional
        Concave increasing utilities ``u_i(share)`` with ``u_i(0) = 0`` (infinite horizon, no
        breakdown); floats.
    exact : bool, optional
        Fractions (default: when every number is exact and no utilities are given).
    tol : float
        Root-finding tolerance of the concave-utilities case (positive).

    Returns
    -------
    RubinsteinResult

    Examples
    --------
    >>> r = rubinstein("9/10", "9/10")
    >>> r.shares        # (1 - d2) / (1 - d1 d2) = 10/19 for the first proposer
    (Fraction(10, 19), Fraction(9, 19))
    """
    func = "rubinstein"
    if isinstance(first, (bool, np.bool_)) or not isinstance(first, (int, np.integer)) or first not in (0, 1):
        raise InvalidInputError(bad_param(func, "first", "0 or 1", first))
    first = int(first)
    if horizon is not None and (not isinstance(horizon, (int, np.integer)) or isinstance(horizon, bool)
                                or horizon < 1):
        raise InvalidInputError(bad_param(func, "horizon", "a positive integer or None", horizon))
    if horizon is not None:
        horizon = int(horizon)  # a numpy integer would overflow in alpha ** k (Fraction) and leak np.float64
    breakdown_payoffs = _pair(func, "breakdown_payoffs", breakdown_payoffs, "a pair")
    tol_f = to_float(tol, func=func, param="tol")
    if not tol_f > 0:
        raise InvalidInputError(bad_param(func, "tol", "a positive number", tol))
    if exact is None:
        exact = utilities is None and all(is_exact_number(x) for x in (delta1, delta2, breakdown, *breakdown_payoffs))
    conv = to_fraction if exact else to_float
    p = conv(breakdown, func=func, param="breakdown")
    if not (0 <= p < 1):
        raise InvalidInputError(bad_param(func, "breakdown", "a probability in [0, 1)", breakdown))
    allow_one = p > 0 or horizon is not None
    d1 = _check_discount(func, "delta1", delta1, exact, allow_one)
    d2 = _check_discount(func, "delta2", delta2, exact, allow_one)
    if len(breakdown_payoffs) != 2:
        raise InvalidInputError(bad_param(func, "breakdown_payoffs", "a pair", breakdown_payoffs))
    b = [conv(x, func=func, param="breakdown_payoffs") for x in breakdown_payoffs]
    if any(x < 0 for x in b) or sum(b) > 1:
        raise InvalidInputError(bad_param(func, "breakdown_payoffs", "nonnegative shares summing to at most 1",
                                          breakdown_payoffs))
    params = {"delta1": d1, "delta2": d2, "first": first, "horizon": horizon, "breakdown": p,
              "breakdown_payoffs": tuple(b)}
    one = Fraction(1) if exact else 1.0
    delta = (d1, d2)
    if utilities is not None:
        if horizon is not None or p != 0:
            raise InvalidInputError(bad_param(func, "utilities", "used only with horizon=None and breakdown=0",
                                              "utilities with a finite horizon or breakdown", raw=True))
        return _rubinstein_concave(utilities, float(d1), float(d2), first, tol_f, params)
    if horizon is None:
        # M1 = 1 - p b2 - (1-p) d2 M2 ;  M2 = 1 - p b1 - (1-p) d1 M1
        a2 = (1 - p) * d2
        a1 = (1 - p) * d1
        c1 = one - p * b[1]
        c2 = one - p * b[0]
        den = one - a1 * a2
        M1 = (c1 - a2 * c2) / den
        M2 = (c2 - a1 * c1) / den
        method = "rubinstein:stationary-spe"
        proposals = (M1, one - M2)
        own = M1 if first == 0 else M2
    else:
        if exact and horizon > MAX_EXACT_HORIZON:
            raise LimitError(bad_param(func, "horizon", f"at most MAX_EXACT_HORIZON={MAX_EXACT_HORIZON} with exact "
                                       "arithmetic (the exact shares have about horizon * log2(denominator) "
                                       "bits); pass exact=False for longer games", horizon))
        own = _backward_induction(horizon, first, p, b, delta, one)
        proposals = ()
        method = "rubinstein:backward-induction"
    shares = (own, one - own) if first == 0 else (one - own, own)
    return RubinsteinResult(shares=shares, utilities=shares, proposals=proposals, first=first, discount=delta,
                            horizon=horizon, breakdown=p, method=method, exact=exact, params=params)


def _backward_induction(horizon: int, first: int, p: Any, b: Sequence[Any], delta: Sequence[Any], one: Any) -> Any:
    """The first proposer's SPE share of the ``horizon``-period game, in O(log horizon) operations.

    Backward induction: the last proposer ``i`` keeps ``1 - b_j``; one period earlier the
    proposer offers the responder ``j`` (who proposes next) exactly its continuation value,
    ``c -> g_j(c) = (1 - p b_j) - (1 - p) delta_j c``.  Two consecutive steps compose to the
    affine map ``c -> alpha c + beta`` with ``alpha = (1-p)^2 delta_1 delta_2``, iterated in
    closed form (``alpha^k c + beta (1 - alpha^k) / (1 - alpha)``, or ``c + k beta`` when
    ``alpha = 1``); the former loop took time quadratic in the horizon with Fractions.
    """
    a = [(1 - p) * delta[0], (1 - p) * delta[1]]
    c = [one - p * b[0], one - p * b[1]]
    last = horizon - 1
    prop = (first + last) % 2
    cur = one - b[1 - prop]  # the last proposer leaves the responder its breakdown payoff
    steps = last  # periods last-1 .. 0; at period t the responder is the proposer of period t + 1
    j = prop
    if steps % 2:
        cur = c[j] - a[j] * cur
        j = 1 - j
        steps -= 1
    k = steps // 2
    if k:
        # two steps starting with responder j: c -> g_{1-j}(g_j(c))
        alpha = a[0] * a[1]
        beta = c[1 - j] - a[1 - j] * c[j]
        if alpha == 1:
            cur = cur + k * beta
        else:
            ak = alpha ** k
            cur = ak * cur + beta * (one - ak) / (one - alpha)
    return cur


def _rubinstein_concave(utilities, d1, d2, first, tol, params) -> RubinsteinResult:
    from scipy.optimize import brentq

    func = "rubinstein"
    try:
        u1, u2 = utilities
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, "utilities", "a pair of callables", utilities)) from None
    if not (callable(u1) and callable(u2)):
        raise InvalidInputError(bad_param(func, "utilities", "a pair of callables", utilities))
    U1, U2 = float(u1(1.0)), float(u2(1.0))
    if not (abs(float(u1(0.0))) <= 1e-12 and abs(float(u2(0.0))) <= 1e-12 and U1 > 0 and U2 > 0):
        raise InvalidInputError(bad_param(func, "utilities", "increasing functions with u(0) = 0", utilities))

    def inv(u, target, top):
        if target <= 0:
            return 0.0
        if target >= top:
            return 1.0
        return brentq(lambda s: float(u(s)) - target, 0.0, 1.0, xtol=tol, rtol=4 * np.finfo(float).eps)

    def y_of(x):  # player 2's proposal (1's share): u1(y) = d1 u1(x)
        return inv(u1, d1 * float(u1(x)), U1)

    def F(x):  # u2(1-x) - d2 u2(1-y(x))
        return float(u2(1 - x)) - d2 * float(u2(1 - y_of(x)))

    x = brentq(F, 0.0, 1.0, xtol=tol, rtol=4 * np.finfo(float).eps)
    y = y_of(x)
    shares = (x, 1 - x) if first == 0 else (y, 1 - y)
    utils = (float(u1(shares[0])), float(u2(shares[1])))
    resid = max(abs(F(x)), abs(float(u1(y)) - d1 * float(u1(x))))
    return RubinsteinResult(shares=shares, utilities=utils, proposals=(x, y), first=first, discount=(d1, d2),
                            horizon=None, breakdown=0.0, method="rubinstein:concave-spe", exact=False,
                            params=dict(params, residual=resid))


def rubinstein_limit(r1: Any, r2: Any, *, utilities: Sequence[Callable[[float], float]] | None = None) -> tuple:
    """The limit of the SPE shares as the period length vanishes (Binmore, Rubinstein & Wolinsky 1986).

    With ``delta_i = exp(-r_i Delta)``, ``Delta -> 0``: the asymmetric Nash solution of the pie
    with weights ``(1/r_1, 1/r_2)``.  Linear utilities: ``(r_2 / (r_1 + r_2), r_1 / (r_1 + r_2))``
    (exact for exact rates).  Concave utilities: the maximizer of
    ``log(u_1(x)) / r_1 + log(u_2(1 - x)) / r_2`` (floats).
    """
    func = "rubinstein_limit"
    exact = utilities is None and is_exact_number(r1) and is_exact_number(r2)
    conv = to_fraction if exact else to_float
    a, b = conv(r1, func=func, param="r1"), conv(r2, func=func, param="r2")
    if not (a > 0 and b > 0):
        raise InvalidInputError(bad_param(func, "r1, r2", "positive rates", (r1, r2)))
    if utilities is None:
        return (b / (a + b), a / (a + b))
    from scipy.optimize import minimize_scalar

    u1, u2 = utilities

    def negf(x):
        v1, v2 = float(u1(x)), float(u2(1 - x))
        if v1 <= 0 or v2 <= 0:
            return math.inf
        return -(math.log(v1) / float(a) + math.log(v2) / float(b))

    res = minimize_scalar(negf, bounds=(1e-12, 1 - 1e-12), method="bounded", options={"xatol": 1e-12})
    return (float(res.x), 1 - float(res.x))


# -- demand games ----------------------------------------------------------------------------
@result
class DemandGameResult(Result):
    """Pure equilibria of the Nash demand game on a grid.

    Attributes
    ----------
    grid : tuple
        The demands available (same for both players).
    equilibria : tuple of (demand_1, demand_2)
    efficient : tuple of (demand_1, demand_2)
        The equilibria with ``x_1 + x_2 = 1`` (every such pair is an equilibrium).
    game : NormalFormGame
    """

    grid: tuple = ()
    equilibria: tuple = ()
    efficient: tuple = ()
    game: Any = None


def nash_demand_game(steps: int = 10, *, disagreement: Sequence[Any] = (0, 0),
                     utilities: Sequence[Callable[[Any], Any]] | None = None) -> DemandGameResult:
    """The Nash demand game over a pie with demands ``0, 1/steps, ..., 1``.

    Payoffs: ``u_i(x_i)`` when ``x_1 + x_2 <= 1``, else ``disagreement``.  Exact (Fractions)
    for linear utilities.

    Parameters
    ----------
    steps : int
        Grid resolution (1 to 2000).
    disagreement : pair of numbers
        The payoffs of incompatible demands.  As in any bargaining problem (Nash 1950) it must
        be feasible, i.e. a point of the pie: ``(u_1(x_1), u_2(x_2))`` for some split
        ``x >= 0``, ``x_1 + x_2 <= 1`` (linear utilities: nonnegative with ``d_1 + d_2 <= 1``);
        anything else raises :class:`~solvers.errors.InvalidInputError`.
    utilities : pair of callables, optional
        Increasing utilities of the own share (floats); linear when omitted.

    Examples
    --------
    >>> r = nash_demand_game(2, disagreement=("1/4", "1/4"))
    >>> r.efficient     # (0, 1) and (1, 0) are not equilibria: demanding more gives d_i > 0
    ((Fraction(1, 2), Fraction(1, 2)),)
    """
    func = "nash_demand_game"
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, (bool, np.bool_)) or steps < 1 or steps > 2000:
        raise InvalidInputError(bad_param(func, "steps", "an integer in [1, 2000]", steps))
    import solvers
    from solvers.games import NormalFormGame

    grid = [Fraction(k, steps) for k in range(steps + 1)]
    exact = utilities is None
    dl = _pair(func, "disagreement", disagreement, "a pair of numbers")
    dd = [to_fraction(x, func=func, param="disagreement") if exact else to_float(x, func=func, param="disagreement")
          for x in dl]
    if utilities is not None:
        utilities = _pair(func, "utilities", utilities, "a pair of callables")
        if not all(callable(u) for u in utilities):
            raise InvalidInputError(bad_param(func, "utilities", "a pair of callables", utilities))
    if not _in_pie(dd, utilities):
        must = ("nonnegative with d_1 + d_2 <= 1 (a point of the pie)" if utilities is None else
                "a feasible utility pair (u_1(x_1), u_2(x_2)) with x >= 0, x_1 + x_2 <= 1")
        raise InvalidInputError(bad_param(func, "disagreement", must, disagreement))
    if utilities is None:
        utilities = (lambda s: s, lambda s: s)
    m = len(grid)
    A = np.empty((m, m), dtype=object if exact else float)
    B = np.empty((m, m), dtype=object if exact else float)
    for i, x in enumerate(grid):
        for j, y in enumerate(grid):
            if x + y <= 1:
                A[i, j] = utilities[0](x if exact else float(x))
                B[i, j] = utilities[1](y if exact else float(y))
            else:
                A[i, j], B[i, j] = dd
    labels = [[str(x) for x in grid]] * 2
    g = NormalFormGame.from_arrays(A, B, labels=labels, title=f"Nash demand game ({steps} steps)")
    res = solvers.pure_equilibria(g)
    eqs = tuple((grid[a], grid[b_]) for a, b_ in res.profiles)
    eff = tuple(e for e in eqs if e[0] + e[1] == 1)
    return DemandGameResult(grid=tuple(grid), equilibria=eqs, efficient=eff, game=g, method="demand:pure-equilibria",
                            exact=g.exact, params={"steps": steps})


def _in_pie(d: Sequence[Any], utilities: Sequence[Callable[[float], Any]] | None) -> bool:
    """Whether ``d`` is the utility pair of some split ``x >= 0``, ``x_1 + x_2 <= 1`` of the pie.

    Linear utilities: exactly ``d >= 0`` and ``d_1 + d_2 <= 1``.  Increasing utilities: ``d_i >=
    u_i(0)`` and, with ``t`` the smallest share with ``u_1(t) >= d_1`` (bisection), ``u_2(1 - t)
    >= d_2`` (by continuity some split then gives exactly ``d``); relative tolerance 1e-12.
    """
    if utilities is None:
        return all(v >= 0 for v in d) and d[0] + d[1] <= 1
    u1, u2 = (lambda s, u=u: float(u(s)) for u in utilities)
    lo1, hi1, lo2, hi2 = u1(0.0), u1(1.0), u2(0.0), u2(1.0)
    vals = (lo1, hi1, lo2, hi2, float(d[0]), float(d[1]))
    if not all(math.isfinite(v) for v in vals):
        return False
    eps = 1e-12 * (1.0 + max(abs(v) for v in vals))
    d1, d2 = float(d[0]), float(d[1])
    if d1 < lo1 - eps or d2 < lo2 - eps or d1 > hi1 + eps or d2 > hi2 + eps:
        return False
    a, b = 0.0, 1.0  # u1(b) >= d1 - eps
    if u1(0.0) < d1 - eps:
        for _ in range(64):
            mid = (a + b) / 2
            if u1(mid) >= d1 - eps:
                b = mid
            else:
                a = mid
    else:
        b = 0.0
    return u2(1.0 - b) >= d2 - eps


def _polish_critical_point(x1: float, x2: float, xs: np.ndarray, ys: np.ndarray, s: float,
                           negobj: Callable[[Any], float]) -> tuple[float, float]:
    """Newton on the first-order conditions of ``log x1 + log x2 + log h`` on one frontier piece.

    Nelder-Mead stops where the objective is flat to rounding, about 1e-8 relative in ``x``; on
    the frontier piece ``f(x1) = a + b x1`` the critical point solves ``1/x1 + b lam(u) / s = 0``,
    ``1/x2 - lam(u) / s = 0`` with ``u = (f(x1) - x2) / s`` and ``lam = phi / Phi`` (the inverse
    Mills ratio, from log densities).  Kept only when the root stays on the same piece and is
    not worse; at a frontier vertex there is no smooth critical point and nothing changes.
    """
    from scipy.optimize import root
    from scipy.stats import norm

    def piece(v):
        if v <= xs[0]:
            return -1, ys[0], 0.0
        if v >= xs[-1]:
            return len(xs) - 1, ys[-1] + 1e3 * xs[-1], -1e3
        k = int(np.searchsorted(xs, v) - 1)
        b = (ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k])
        return k, ys[k] - b * xs[k], b

    k0, a, b = piece(x1)

    def foc(z):
        u = (a + b * z[0] - z[1]) / s
        lam = math.exp(float(norm.logpdf(u) - norm.logcdf(u)))
        return [1.0 / z[0] + b * lam / s, 1.0 / z[1] - lam / s]

    try:
        sol = root(foc, [x1, x2], method="hybr", options={"xtol": 1e-14})
        y1, y2 = (float(v) for v in sol.x)
        # judged by the residual (hybr reports "no progress" once it is at rounding level)
        ok = y1 > 0 and y2 > 0 and max(abs(v) for v in foc((y1, y2))) <= 1e-10 / min(y1, y2)
    except (ValueError, ZeroDivisionError, OverflowError):  # pragma: no cover - defensive
        return x1, x2
    if not ok:
        return x1, x2
    if piece(y1)[0] != k0 or abs(y1 - x1) + abs(y2 - x2) > 1e-4 * (abs(x1) + abs(x2)):
        return x1, x2
    return (y1, y2) if negobj((y1, y2)) <= negobj((x1, x2)) + 1e-15 else (x1, x2)


@result
class SmoothedDemandResult(Result):
    """Equilibrium demands of Nash's smoothed demand game.

    Attributes
    ----------
    demands : tuple
        The equilibrium demands ``(x_1, x_2)`` (utilities).
    probability : float
        ``h(x)``: the probability that the demands are compatible.
    nash_point : tuple
        The Nash solution of the problem (the ``sigma -> 0`` limit), for comparison.
    best_response_gap : float
        Largest gain of a unilateral deviation found on a fine search (0 at an equilibrium), in
        utility units; status ``"ok"`` when it is at most ``1e-7`` times the largest gain
        ``max_i (ideal_i - d_i)`` (relative, so any units work), else ``"not_converged"``.
    sigma : float
    """

    demands: tuple = ()
    probability: float = 0.0
    nash_point: tuple = ()
    best_response_gap: float = 0.0
    sigma: float = 0.0


def smoothed_demand_game(problem: Any, sigma: float) -> SmoothedDemandResult:
    """Nash's (1953) smoothed demand game of a 2-player problem with lotteries.

    Parameters
    ----------
    problem : BargainingProblem
        Two players, ``lotteries=True``.
    sigma : float
        Smoothing scale (> 0): ``h(x) = Phi((f(x_1) - x_2) / sigma)``, in player 2's utility units.

    The game is solved in gain units ``(x - d) / c`` (``c`` the largest gain), where it is
    covariant: scaling both utilities and ``sigma`` by ``c`` scales the demands by ``c``.
    """
    from scipy.optimize import minimize, minimize_scalar
    from scipy.stats import norm

    from .problem import BargainingProblem
    from .solutions import nash_solution

    func = "smoothed_demand_game"
    if not isinstance(problem, BargainingProblem) or problem.n_players != 2 or not problem.lotteries:
        raise InvalidInputError(bad_param(func, "problem", "a 2-player BargainingProblem with lotteries", problem))
    s = to_float(sigma, func=func, param="sigma")
    if not (s > 0):
        raise InvalidInputError(bad_param(func, "sigma", "a positive number", sigma))
    # Work in gain units: x' = (x - d) / c with c the largest gain in S_d (a common scale for
    # both players, so sigma' = sigma / c keeps h unchanged).  The game is covariant under this
    # map (payoffs d_i + (x_i - d_i) h(x) become c x'_i h), so the optimizer's tolerances and
    # the equilibrium check are relative to the gains: with utilities near 1e-9 or 1e9 (or a
    # disagreement point of 1e9 and gains of 1) an absolute 1e-7 said "ok" to anything or
    # "not_converged" to rounding noise.
    d = tuple(float(v) for v in problem.disagreement)
    raw = [(float(a) - d[0], float(b) - d[1]) for a, b in problem.frontier()]
    c = max(max(g) for g in raw)
    c = c if c > 0 else 1.0
    F = [(a / c, b / c) for a, b in raw]
    s_n = s / c
    xs = np.array([p[0] for p in F])
    ys = np.array([p[1] for p in F])

    def f(x1):  # frontier height at x1 (extended flat to the left, steep to the right)
        if x1 <= xs[0]:
            return ys[0]
        if x1 >= xs[-1]:
            return ys[-1] - 1e3 * (x1 - xs[-1])
        return float(np.interp(x1, xs, ys))

    def h(x1, x2):
        return float(norm.cdf((f(x1) - x2) / s_n))

    def payoff(i, x1, x2):  # normalized: (x_i - d_i) h(x) / c
        return (x1, x2)[i] * h(x1, x2)

    def negobj(z):
        x1, x2 = z
        if x1 <= 0 or x2 <= 0:
            return 1e9
        hv = h(x1, x2)
        if hv <= 0:
            return 1e9
        return -(math.log(x1) + math.log(x2) + math.log(hv))

    nsol = nash_solution(problem.as_float() if problem.exact else problem)
    npt = np.array([(float(v) - dv) / c for v, dv in zip(nsol.point, d)])
    start = npt - 0.5 * s_n
    best = None
    for x0 in (start, npt, npt / 2):
        r = minimize(negobj, x0, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000})
        if best is None or r.fun < best.fun:
            best = r
    x1, x2 = (float(v) for v in best.x)
    x1, x2 = _polish_critical_point(x1, x2, xs, ys, s_n, negobj)
    # verify best responses on each player's 1-D problem
    hi1 = xs[-1] + 10 * s_n
    hi2 = ys[0] + 10 * s_n
    r1 = minimize_scalar(lambda t: -payoff(0, t, x2), bounds=(0.0, hi1), method="bounded",
                         options={"xatol": 1e-12})
    r2 = minimize_scalar(lambda t: -payoff(1, x1, t), bounds=(0.0, hi2), method="bounded",
                         options={"xatol": 1e-12})
    gap = max(0.0, -r1.fun - payoff(0, x1, x2), -r2.fun - payoff(1, x1, x2))
    status = "ok" if gap <= 1e-7 else "not_converged"
    return SmoothedDemandResult(demands=(d[0] + c * x1, d[1] + c * x2), probability=h(x1, x2),
                                nash_point=nsol.float_point(), best_response_gap=gap * c, sigma=s,
                                method="smoothed-demand:nash-product-critical-point",
                                exact=False, status=status, params={"sigma": s})
