"""Correlated and coarse correlated equilibria by linear programming, for n players.

A *correlated equilibrium* (Aumann 1974) is a distribution ``p`` over pure profiles such that no
player gains by deviating from a recommended action: for every player ``i`` and actions
``j != k`` of ``i``,

    sum_{a_-i} p(j, a_-i) * (u_i(k, a_-i) - u_i(j, a_-i)) <= 0.

A *coarse correlated equilibrium* (Hannan 1957; Moulin & Vial 1978) only forbids committing to a
deviation before seeing the recommendation: for every player ``i`` and action ``k``,

    sum_a p(a) * (u_i(k, a_-i) - u_i(a)) <= 0.

Both sets are polytopes (nonempty: every Nash equilibrium's product distribution lies in them,
and CE is a subset of CCE), so a linear objective such as utilitarian welfare is optimized by a
linear program whose size is polynomial in the size of the normal form (Papadimitriou &
Roughgarden 2008, who also show how to do this for succinct games; here the normal form is
explicit).  We solve it with HiGHS; in exact mode the solution is certified exactly by
:mod:`solvers._exact_lp` (primal and dual reconstructed from the float supports and verified
exactly, or an exact simplex), so the incentive constraints hold with violation exactly 0 and
the objective is exactly optimal.  Float games whose incentive rows or objective span more than
six orders of magnitude are ill-conditioned for HiGHS (its optimum is that of the LP relaxed by
its tolerances, which can be far from the true one); small ones are solved exactly through the
decimal text of their payoffs and the answer rounded (method ``"... (..., rounded)"``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import field
from fractions import Fraction
from typing import Any

import numpy as np

from ._scale import HUGE, huge_exponent, unscale
from ._validate import check_int, check_time_limit, check_tol
from .errors import InvalidGameError, InvalidInputError, bad_param
from .games import NormalFormGame
from .numbers import DEFAULT_TOL, as_exact_array, as_float_array
from .results import Result, result

__all__ = [
    "CorrelatedResult",
    "coarse_correlated_equilibrium",
    "correlated_equilibrium",
    "incentive_violation",
]


@result
class CorrelatedResult(Result):
    """An optimal (coarse) correlated equilibrium.

    Attributes
    ----------
    distribution : numpy.ndarray
        Probability of each pure profile, an array with the game's shape (Fractions when
        exact).
    payoffs : tuple
        Expected payoff of every player.
    objective_value : Fraction or float
        Value of the objective at the distribution.
    max_violation : Fraction or float
        Largest gain of a deviation allowed by the constraints (0 exactly when exact; the
        float residual otherwise).
    support : tuple of tuple of int
        Pure profiles with positive probability.
    coarse : bool
        Coarse correlated equilibrium (True) or correlated equilibrium (False).
    game : NormalFormGame
        The game (not shown in the repr).
    """

    distribution: Any = None
    payoffs: tuple = ()
    objective_value: Any = None
    max_violation: Any = None
    support: tuple = ()
    coarse: bool = False
    game: NormalFormGame | None = field(default=None, repr=False, compare=False)

    @property
    def welfare(self) -> Any:
        """Sum of the players' expected payoffs."""
        return sum(self.payoffs[1:], self.payoffs[0]) if self.payoffs else None


def _constraint_rows(pays: list[np.ndarray], shape: tuple[int, ...], coarse: bool, exact: bool) -> np.ndarray:
    """Rows G with G @ p <= 0 (p flattened in C order)."""
    N = int(np.prod(shape))
    idx = np.arange(N).reshape(shape)
    rows = []
    dtype = object if exact else float
    for i, m in enumerate(shape):
        U = np.moveaxis(pays[i], i, 0).reshape(m, -1)
        I = np.moveaxis(idx, i, 0).reshape(m, -1)
        if coarse:
            for k in range(m):
                row = np.zeros(N, dtype=dtype)
                if exact:
                    row[:] = Fraction(0)
                row[I.reshape(-1)] = (U[k][None, :] - U).reshape(-1)
                rows.append(row)
        else:
            for j in range(m):
                for k in range(m):
                    if k == j:
                        continue
                    row = np.zeros(N, dtype=dtype)
                    if exact:
                        row[:] = Fraction(0)
                    row[I[j]] = U[k] - U[j]
                    rows.append(row)
    if not rows:
        return np.zeros((0, N), dtype=dtype)
    return np.array(rows, dtype=dtype)


def _max_gain(G: np.ndarray, p: Any) -> Fraction:
    """``max(0, max_r G[r] @ p)`` in Fractions: the largest gain from a deviation, for the exact
    constraint rows ``G`` (:func:`_constraint_rows`) and a flat exact distribution ``p``."""
    gains = [sum((a * b for a, b in zip(row, p) if a and b), Fraction(0)) for row in G.tolist()]
    return max([Fraction(0)] + gains)


def incentive_violation(game: NormalFormGame, distribution: Any, *, coarse: bool = False) -> Any:
    """Largest gain any player gets from a (coarse) deviation under ``distribution``.

    Zero (exactly, for exact inputs) iff the distribution is a (coarse) correlated equilibrium.
    ``distribution`` has the game's shape.
    """
    func = "incentive_violation"
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    arr = np.asarray(distribution, dtype=object)
    if arr.shape != game.shape:
        raise InvalidInputError(bad_param(func, "distribution", f"an array of shape {game.shape}",
                                          f"shape {arr.shape}", raw=True))
    exact = game.exact and all(not isinstance(v, float) for v in arr.reshape(-1).tolist())
    if exact:
        p = as_exact_array(arr, func=func, param="distribution").reshape(-1)
        if min(p.tolist()) < 0 or sum(p.tolist(), Fraction(0)) != 1:
            raise InvalidInputError(bad_param(func, "distribution",
                                              "a probability distribution (nonnegative, summing to 1)",
                                              f"entries summing to {sum(p.tolist(), Fraction(0))} "
                                              f"with minimum {min(p.tolist())}", raw=True))
        return _max_gain(_constraint_rows(list(game.payoffs), game.shape, coarse, True), p)
    p = as_float_array(arr, func=func, param="distribution").reshape(-1)
    if p.min() < -DEFAULT_TOL or abs(p.sum() - 1) > DEFAULT_TOL * max(1, p.size):
        raise InvalidInputError(bad_param(func, "distribution",
                                          "a probability distribution (nonnegative, summing to 1)",
                                          f"entries summing to {p.sum():.6g} with minimum {p.min():.6g}",
                                          raw=True))
    pays = list(game.float_payoffs())
    # payoffs past 2**1000: the gains are computed in units of 2**k (exact in binary) and scaled
    # back (a matching pennies scaled by 1e308 gave inf - inf = NaN gains and max(0, NaN) = 0:
    # a pure profile with gain 2e308 was reported as a correlated equilibrium)
    k = huge_exponent(pays)
    G = _constraint_rows([np.ldexp(u, -k) for u in pays] if k else pays, game.shape, coarse, False)
    gain = max(0.0, float(np.max(G @ p))) if G.size else 0.0
    return unscale(gain, k)


def _objective(func: str, game: NormalFormGame, objective: Any, exact: bool) -> tuple[np.ndarray, str]:
    shape = game.shape
    n = game.n_players
    pays = list(game.payoffs) if exact else list(game.float_payoffs())
    if isinstance(objective, str):
        if objective == "welfare":
            c = pays[0].copy()
            for p in pays[1:]:
                c = c + p
            return c.reshape(-1), "welfare"
        if objective == "none":
            z = np.zeros(int(np.prod(shape)), dtype=object if exact else float)
            if exact:
                z[:] = Fraction(0)
            return z, "none"
        raise InvalidInputError(bad_param(func, "objective",
                                          '"welfare", "none", an array or a callable', objective))
    if objective is None:
        return _objective(func, game, "none", exact)
    if callable(objective):
        vals = np.empty(shape, dtype=object)
        for prof in game.pure_profiles():
            vals[prof] = objective(prof)
        conv = as_exact_array if exact else as_float_array
        return conv(vals, func=func, param="objective").reshape(-1), "callable"
    arr = np.asarray(objective, dtype=object)
    conv = as_exact_array if exact else as_float_array
    if arr.shape == shape:
        return conv(arr, func=func, param="objective").reshape(-1), "per-profile weights"
    if arr.shape == (n,):
        w = conv(arr, func=func, param="objective")
        c = pays[0] * w[0]
        for i in range(1, n):
            c = c + pays[i] * w[i]
        return c.reshape(-1), "player weights"
    raise InvalidInputError(bad_param(func, "objective",
                                      f'"welfare", a callable, an array of shape {shape} (per profile) '
                                      f"or of length {n} (per player)", f"an array of shape {arr.shape}",
                                      raw=True))


#: Default bound on the exact simplex's tableau entries (about 10 s; see ``max_exact_size``).
DEFAULT_MAX_EXACT_SIZE = 40_000

#: HiGHS feasibility tolerances for the (scaled) CE LP; the defaults (1e-7) left incentive
#: violations of 2.6e-8 on uniform random 20x20 games ("not_converged" at tol 1e-9), and the
#: exact certification, which reads the float support, then failed too
_HIGHS_TOL = 1e-10


#: Float games whose exact simplex tableau is at most this big are solved exactly when ill-conditioned.
_ROUND_EXACT_SIZE = 5_000
#: Ratio of the largest to the smallest nonzero |coefficient| of an incentive row (or of the
#: objective's deviations from its midpoint) above which the float LP is ill-conditioned.
_ILL_RATIO = 1e6


def _ill_conditioned(G: np.ndarray, c: np.ndarray) -> bool:
    """Whether some incentive row or the objective spans more than ``_ILL_RATIO``."""
    rows = [np.abs(np.asarray(G, dtype=float))] if len(G) else []
    if c.size:
        c = np.asarray(c, dtype=float)
        rows.append(np.abs(c - (float(np.max(c)) + float(np.min(c))) / 2)[None, :])
    for R in rows:
        hi = R.max(axis=1)
        lo = np.where(R > 0, R, np.inf).min(axis=1)
        ok = hi > 0
        if np.any(hi[ok] > _ILL_RATIO * lo[ok]):
            return True
    return False


def _highs_ce(c: np.ndarray, G: np.ndarray, sign: int, deadline: float | None = None):
    """max ``sign * c @ p`` s.t. ``G p <= 0``, ``sum p = 1``, ``p >= 0`` by HiGHS, in float.

    Solved with every incentive row and the objective scaled to max |coefficient| 1 and the
    objective's offset removed (HiGHS's tolerances are absolute: payoffs near 1e-9 came back
    "optimal" while violating the constraints, games near 1e20 failed, and welfare 2e9 + O(1)
    left the O(1) differences below the tolerance).  Returns an
    :class:`~solvers._exact_lp.LPSolution` in the original units (duals too: it is the hint of
    the exact certification), or None when HiGHS fails.  With ``deadline`` (a
    :func:`time.perf_counter` value) HiGHS gets the time left as its ``time_limit``; when that
    stops it the solution has status ``"time_limit"`` (and no point).
    """
    from scipy.optimize import linprog

    from ._exact_lp import LPSolution, _time_left

    N = c.size
    rs = np.max(np.abs(G), axis=1) if len(G) else np.zeros(0)
    rs = np.where(rs > 0, rs, 1.0)
    mid = (float(np.min(c)) + float(np.max(c))) / 2 if N else 0.0
    c0 = c - mid
    cs = float(np.max(np.abs(c0))) if N else 0.0
    cs = cs if cs > 0 else 1.0
    kw = {"A_ub": G / rs[:, None], "b_ub": np.zeros(len(G))} if len(G) else {}
    res = None
    for opts in ({"primal_feasibility_tolerance": _HIGHS_TOL, "dual_feasibility_tolerance": _HIGHS_TOL}, {}):
        left = _time_left(deadline)
        if left is not None:
            if left <= 0:  # (linprog itself is not solve_lp, which returns that status too)
                return LPSolution("time_limit", method="highs")
            opts = {**opts, "time_limit": left}
        res = linprog(-sign * c0 / cs, A_eq=np.ones((1, N)), b_eq=np.ones(1), bounds=(0, None), method="highs",
                      options=opts, **kw)
        if res.status == 0:
            break
        if res.status == 1 and deadline is not None and time.perf_counter() >= deadline:
            return LPSolution("time_limit", method="highs")
    if res is None or res.status != 0:
        return None
    # duals of the scaled problem (sign convention of solvers._exact_lp.solve_lp), mapped back:
    # Gs^T ys + 1 zs >= sign c0 / cs  <=>  G^T (cs ys / rs) + 1 (cs zs + sign mid) >= sign c
    ys = -np.asarray(res.ineqlin.marginals) if len(G) else np.zeros(0)
    zs = -np.asarray(res.eqlin.marginals)
    x = np.asarray(res.x, dtype=float)
    return LPSolution("optimal", x=x, value=float(sign * c @ x), y=cs * ys / rs,
                      z=cs * zs + sign * mid, method="highs")


def _float_hint(g: NormalFormGame, c: np.ndarray, shape: tuple[int, ...], coarse: bool, sign: int,
                deadline: float | None):
    """:func:`_highs_ce` on the float image of the exact LP (the hint the exact certification
    starts from), or None when payoffs or objective are past the float range (``10**400``
    raised OverflowError, ``+-10**308`` gave infinite incentive rows that linprog rejected), or
    past :data:`solvers._scale.HUGE`: :func:`solvers._exact_lp.exact_lp` then scales the exact LP
    itself and would drop the hint."""
    try:
        cf = np.array([float(v) for v in c.tolist()])
        with np.errstate(over="ignore", invalid="ignore"):
            G = _constraint_rows(list(g.float_payoffs()), shape, coarse, False)
    except (OverflowError, InvalidGameError):
        return None
    if not (np.all(np.isfinite(cf)) and np.all(np.isfinite(G))):
        return None
    if max(np.max(np.abs(G), initial=0.0), np.max(np.abs(cf), initial=0.0)) > HUGE:
        return None  # (exact_lp scales such an LP and drops the hint: no HiGHS solve for nothing)
    return _highs_ce(cf, G, sign, deadline)


def _nash_distribution(g: NormalFormGame, deadline: float | None) -> tuple[np.ndarray, str] | None:
    """The product distribution of an exact Nash equilibrium of the exact game ``g`` -- a pure
    one (:func:`solvers.pure.pure_equilibria`, any number of players) or, for two players, the
    one Lemke-Howson finds (exact, :func:`solvers.complementary_pivoting.lemke_howson`) -- and
    how it was found; None when there is none of these (or ``deadline`` passed first).

    Every Nash equilibrium is a correlated equilibrium (Aumann 1974), hence a coarse one.
    """
    from .pure import pure_equilibria

    pe = pure_equilibria(g, max_equilibria=1)
    if pe.profiles:
        p = np.empty(g.shape, dtype=object)
        p[...] = Fraction(0)
        p[pe.profiles[0]] = Fraction(1)
        return p, "pure Nash equilibrium"
    if g.n_players != 2:
        return None
    from ._exact_lp import _time_left
    from .complementary_pivoting import lemke_howson

    left = _time_left(deadline)
    if left is not None and left <= 0:  # (lemke_howson rejects a time_limit <= 0)
        return None
    r = lemke_howson(g, exact=True, time_limit=left)
    if r.status != "ok" or not r.equilibria:
        return None
    x, y = r.equilibria[0].strategies
    p = np.multiply.outer(np.array(x, dtype=object), np.array(y, dtype=object))  # (Fractions)
    return p, "Nash equilibrium by lemke_howson"


def correlated_equilibrium(
    game: NormalFormGame,
    objective: str | np.ndarray | Callable[[tuple[int, ...]], Any] | None = "welfare",
    *,
    coarse: bool = False,
    exact: bool | None = None,
    maximize: bool = True,
    tol: float | None = None,
    max_exact_size: int = DEFAULT_MAX_EXACT_SIZE,
    time_limit: float | None = None,
) -> CorrelatedResult:
    """A (coarse) correlated equilibrium optimizing a linear objective.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    objective : "welfare", "none", array_like or callable
        ``"welfare"`` (default): sum of all players' payoffs.  An array of the game's shape:
        one coefficient per pure profile.  An array of length ``n``: weights of the players'
        payoffs.  A callable: ``objective(profile_tuple) -> number``.  ``"none"`` / ``None``:
        any (coarse) correlated equilibrium; exact results are then a Nash equilibrium's
        product distribution when one is found fast (a pure equilibrium, or Lemke-Howson's
        for two players), certified exactly like an LP optimum (every feasible point is
        optimal for the zero objective), and an LP vertex otherwise.
    coarse : bool
        Coarse correlated equilibrium instead (Hannan 1957; Moulin & Vial 1978).
    exact : bool, optional
        Exact Fractions with certified optimality (default: follow the game).
    maximize : bool
        Maximize (default) or minimize the objective.
    tol : float, optional
        Float results: the largest incentive violation accepted, relative to the largest payoff
        spread of a player; above it the status is ``"not_converged"`` (default
        :data:`~solvers.numbers.DEFAULT_TOL`).
    max_exact_size : int
        Exact results are certified from the float optimum (its support and dual, or an exact
        LP restricted to its support and tight rows and grown by the rows and columns it
        violates); when that fails, an exact simplex of the whole LP in Fractions decides, which is slow (seconds at 10,000 tableau
        entries, minutes beyond 50,000).  Its tableau has ``(r + 2) (N + 2 r + 2)`` entries
        for ``r`` incentive constraints and ``N`` pure profiles; past ``max_exact_size`` the
        result has ``status="truncated"`` (no distribution) instead.  This is the size limit of
        the exact path; ``time_limit`` bounds its time.
    time_limit : float, optional
        Seconds allowed to the whole call (default None: no limit): the float LP solve gets
        the time left as HiGHS's ``time_limit``, the exact certification and every pivot of
        the exact simplex check the clock, and past the limit the result has
        ``status="truncated"`` (no distribution) and a message naming the limit.  Float
        results: it also bounds the exact solve of small ill-conditioned games (past it the
        float optimum is kept).  Not interrupted: building the constraint rows.  Without a
        limit the restricted exact LPs of the certification still stop after
        :data:`solvers._exact_lp.RESTRICTED_TIME` seconds (then the exact simplex decides
        within ``max_exact_size``, else the status is ``"truncated"``).

    Returns
    -------
    CorrelatedResult
        ``status`` ``"ok"``, ``"not_converged"`` (float violation above ``tol``),
        ``"truncated"`` (exact: past ``max_exact_size`` or ``time_limit``) or ``"failed"``.

    Examples
    --------
    >>> from solvers import NormalFormGame
    >>> chicken = NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> r = correlated_equilibrium(chicken)
    >>> r.objective_value, r.distribution.tolist()
    (Fraction(21, 2), [[Fraction(1, 2), Fraction(1, 4)], [Fraction(1, 4), Fraction(0, 1)]])
    """
    func = "coarse_correlated_equilibrium" if coarse else "correlated_equilibrium"
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    for name, v in (("coarse", coarse), ("maximize", maximize)):
        if not isinstance(v, (bool, np.bool_)):
            raise InvalidInputError(bad_param(func, name, "True or False", v))
    if exact is not None and not isinstance(exact, (bool, np.bool_)):
        raise InvalidInputError(bad_param(func, "exact", "True, False or None", exact))
    t = check_tol(func, tol)  # (True was accepted as 1.0)
    max_exact_size = check_int(func, "max_exact_size", max_exact_size)
    time_limit = check_time_limit(func, time_limit)
    t_start = time.perf_counter()
    use_exact = game.exact if exact is None else bool(exact)
    g = game if game.exact == use_exact else (game.as_exact() if use_exact else game.as_float())
    if not use_exact:
        k = huge_exponent(g.float_payoffs())
        if k:
            return _scaled_float_ce(g, k, objective, coarse, maximize, t, time_limit)
    c, kind = _objective(func, g, objective, use_exact)
    shape = g.shape
    N = int(np.prod(shape))
    sign = 1 if maximize else -1
    pays = list(g.payoffs) if use_exact else list(g.float_payoffs())
    G = _constraint_rows(pays, shape, bool(coarse), use_exact)
    params = {"objective": kind, "maximize": bool(maximize), "coarse": bool(coarse), "tol": None if use_exact else t,
              "max_exact_size": max_exact_size if use_exact else None, "time_limit": time_limit}
    name = "coarse correlated equilibrium" if coarse else "correlated equilibrium"
    deadline = None if time_limit is None else t_start + time_limit
    nash = _nash_distribution(g, deadline) if use_exact and kind == "none" else None
    if nash is not None:
        # any CE: the exact LP optimum (a vertex with hundreds of support profiles on 20x20
        # games, whose exact certification solved a system of that size: 65-300 s on random
        # float games) is not needed; the product distribution is checked exactly below
        p = nash[0].reshape(-1)
        dist = nash[0]
        viol = _max_gain(G, p)
        if viol != 0 or sum(p.tolist(), Fraction(0)) != 1:  # pragma: no cover - a Nash equilibrium is a CE
            raise RuntimeError(f"{func}(): exact certification failed")
        value = Fraction(0)
        method = f"{name} ({nash[1]}, exact)"
    elif use_exact:
        from . import _exact_lp
        from ._exact_lp import exact_lp

        cc = [sign * v for v in c.tolist()]
        # the float optimum (tight tolerances) as the hint whose support is certified exactly
        # (the float rows from the float payoffs: converting the Fractions took seconds at 40x40)
        hint = _float_hint(g, c, shape, bool(coarse), sign, deadline)
        if hint is not None and hint.status == "time_limit":
            return CorrelatedResult(coarse=bool(coarse), game=g, method=f"{name} lp (exact)", exact=True,
                                    status="truncated",
                                    message=f"time_limit={time_limit} s reached in the float LP solve (HiGHS) "
                                            "before the exact certification", params=params)
        sol = exact_lp(cc, G.tolist() if len(G) else None, [Fraction(0)] * len(G) if len(G) else None,
                       [[Fraction(1)] * N], [Fraction(1)], hint=hint, max_simplex_size=max_exact_size,
                       deadline=deadline, restricted_time=_exact_lp.RESTRICTED_TIME)
        if sol.status == "time_limit":
            return CorrelatedResult(coarse=bool(coarse), game=g, method=f"{name} lp (exact)", exact=True,
                                    status="truncated",
                                    message=f"time_limit={time_limit} s reached before the float optimum was "
                                            f"certified exactly ({sol.method}); raise it or use exact=False",
                                    params=params)
        size = (len(G) + 2) * (N + 2 * len(G) + 2)  # the exact simplex's tableau (solvers._exact_lp)
        if sol.status == "failed" and size > max_exact_size:
            # (without the limit a 10x10 game whose float optimum could not be certified ran the
            # exact simplex for more than 10 minutes)
            return CorrelatedResult(coarse=bool(coarse), game=g, method=f"{name} lp (exact)", exact=True,
                                    status="truncated",
                                    message=f"the float optimum could not be certified exactly ({sol.method}) and the "
                                            f"exact simplex tableau ({size} entries) exceeds max_exact_size="
                                            f"{max_exact_size}; raise it (slow), give a time_limit or use exact=False",
                                    params=params)
        if sol.status != "optimal":
            return CorrelatedResult(coarse=bool(coarse), game=g, method=f"{name} lp (exact)", exact=True,
                                    status="failed", message=f"exact LP: {sol.status} ({sol.method})",
                                    params=params)
        p = np.empty(N, dtype=object)
        p[:] = sol.x
        viol = _max_gain(G, sol.x)
        if viol != 0 or sum(sol.x, Fraction(0)) != 1 or min(sol.x) < 0:  # pragma: no cover
            raise RuntimeError(f"{func}(): exact certification failed")
        value = sum((a * b for a, b in zip(c.tolist(), sol.x) if a and b), Fraction(0))
        method = f"{name} lp ({sol.method})"
        dist = p.reshape(shape)
    if use_exact:  # (p: the flat exact distribution of either branch)
        pf = p.tolist()
        pv = tuple(sum((a * b for a, b in zip(pays[i].reshape(-1).tolist(), pf) if b), Fraction(0))
                   for i in range(g.n_players))
    else:
        sol = _highs_ce(np.asarray(c, dtype=float), np.asarray(G, dtype=float).reshape(len(G), N), sign, deadline)
        if sol is not None and sol.status == "time_limit":
            return CorrelatedResult(coarse=bool(coarse), game=g, method=f"{name} lp (highs)", exact=False,
                                    status="truncated",
                                    message=f"time_limit={time_limit} s reached in the float LP solve (HiGHS)",
                                    params=params)
        if sol is None:
            return CorrelatedResult(coarse=bool(coarse), game=g, method=f"{name} lp (highs)", exact=False,
                                    status="failed", message="HiGHS failed", params=params)
        x = np.clip(sol.x, 0, None)
        x = x / x.sum()
        method = f"{name} lp (highs)"
        from ._exact_lp import _time_left

        left = _time_left(deadline)
        if _ill_conditioned(G, c) and (len(G) + 2) * (N + 2 * len(G) + 2) <= _ROUND_EXACT_SIZE and \
                (left is None or left > 0):
            # payoffs over many orders of magnitude within one incentive row or the objective:
            # the float optimum is only that of the tol-relaxed LP (welfare 1.1e7 where the exact
            # optimum is 0.17, payoffs 1e-9..1e9 in a 2x2 game); small games are solved exactly
            # (their payoffs read through their decimal text) and the answer rounded
            ex_r = correlated_equilibrium(g, objective, coarse=coarse, exact=True, maximize=maximize,
                                          max_exact_size=_ROUND_EXACT_SIZE, time_limit=left)
            if ex_r.status == "ok":
                x = np.array([float(v) for v in ex_r.distribution.reshape(-1).tolist()])
                x = x / x.sum()
                method = ex_r.method.replace(")", ", rounded)")
        dist = x.reshape(shape)
        viol = float(max(0.0, float(np.max(G @ x)))) if len(G) else 0.0
        value = float(c @ x)
        pv = tuple(float(pays[i].reshape(-1) @ x) for i in range(g.n_players))
        pscale = max(float(np.max(pp) - np.min(pp)) for pp in pays) or 1.0  # the spread
        if viol > t * pscale:
            return CorrelatedResult(distribution=dist, payoffs=pv, objective_value=value, max_violation=viol,
                                    coarse=bool(coarse), game=g, method=method, exact=False,
                                    status="not_converged",
                                    message=f"incentive violation {viol:.3g} exceeds tol * max|payoff| = "
                                            f"{t * pscale:.3g}; use exact=True", params=params)
    support = tuple(tuple(int(a) for a in prof) for prof in np.argwhere(
        np.vectorize(lambda v: v > 0, otypes=[bool])(dist) if use_exact else dist > 0))
    return CorrelatedResult(distribution=dist, payoffs=pv, objective_value=value, max_violation=viol,
                            support=support, coarse=bool(coarse), game=g, method=method, exact=use_exact,
                            params=params)


def _scaled_float_ce(g: NormalFormGame, k: int, objective: Any, coarse: bool, maximize: bool, tol: float,
                     time_limit: float | None) -> CorrelatedResult:
    """The float (coarse) CE of ``g`` solved on ``g`` with every payoff times ``2**-k`` (exact in
    binary; the (coarse) CE polytope is unchanged by a common positive scaling) and the payoffs,
    violation and payoff-based objective value scaled back (matching pennies with payoffs
    ``+-1e308``: the incentive rows overflowed to inf and linprog raised ValueError)."""
    import dataclasses

    gs = NormalFormGame.from_arrays(*[np.ldexp(p, -k) for p in g.float_payoffs()], labels=g.labels,
                                    players=g.players, title=g.title)
    r = correlated_equilibrium(gs, objective, coarse=coarse, exact=False, maximize=maximize, tol=tol,
                               time_limit=time_limit)
    per_payoff = r.params.get("objective") in ("welfare", "player weights")
    return dataclasses.replace(
        r, game=g, payoffs=tuple(unscale(v, k) for v in r.payoffs),
        objective_value=unscale(r.objective_value, k) if per_payoff else r.objective_value,
        max_violation=unscale(r.max_violation, k), method=r.method + " (payoffs scaled by a power of 2)")


def coarse_correlated_equilibrium(
    game: NormalFormGame,
    objective: str | np.ndarray | Callable[[tuple[int, ...]], Any] | None = "welfare",
    *,
    exact: bool | None = None,
    maximize: bool = True,
    tol: float | None = None,
    max_exact_size: int = DEFAULT_MAX_EXACT_SIZE,
    time_limit: float | None = None,
) -> CorrelatedResult:
    """A coarse correlated equilibrium optimizing a linear objective.

    Same as :func:`correlated_equilibrium` with ``coarse=True``.
    """
    return correlated_equilibrium(game, objective, coarse=True, exact=exact, maximize=maximize, tol=tol,
                                  max_exact_size=max_exact_size, time_limit=time_limit)
