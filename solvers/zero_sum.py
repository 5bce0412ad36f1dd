"""Two-player zero-sum (and constant-sum) games solved by linear programming.

For a payoff matrix ``A`` (row player receives ``A[i, j]``, column player ``-A[i, j]``) the
minimax theorem (von Neumann 1928) gives

    v = max_x min_j (x^T A)_j = min_y max_i (A y)_i,

attained by the row player's *maximin* strategy ``x`` and the column player's *minimax*
strategy ``y``; ``(x, y)`` is a Nash equilibrium and every equilibrium is such a pair.  Dantzig
(1951) showed the problem is a linear program.  With ``A' = A - min(A) + 1 > 0`` (so that the
value ``v' = v - min(A) + 1`` is positive):

    maximize 1^T w   s.t.  A' w <= 1,  w >= 0          (column player, y = w / 1^T w)
    minimize 1^T u   s.t.  A'^T u >= 1, u >= 0         (its dual; row player, x = u / 1^T u)

and ``v' = 1 / 1^T w``.  Float games: a numba tableau simplex (slack start, no phase 1)
solves the pair; when its duality gap exceeds the tolerance HiGHS solves it again.  For exact games the float solution is
only a hint: :mod:`solvers._exact_lp` reconstructs both solutions exactly from their supports
and accepts them only if they are feasible with equal objectives (else it runs an exact
simplex), and the result is verified once more directly: ``min_j (x^T A)_j = v`` and
``max_i (A y)_i = v`` exactly (``gap == 0``).

Constant-sum games (``u_0 + u_1 = c`` in every cell) are strategically equivalent to the
zero-sum game ``(u_0, -u_0)``; they are accepted and ``constant`` records ``c`` (the column
player's value is ``c - value``).
"""

from __future__ import annotations

import time
from dataclasses import field
from fractions import Fraction
from typing import Any

import numpy as np

from ._validate import check_time_limit, check_tol
from .errors import InvalidGameError, InvalidInputError, bad_param
from .games import MixedProfile, NormalFormGame
from .numbers import DEFAULT_TOL
from .results import Result, result

__all__ = ["ZeroSumResult", "zero_sum_solve"]


@result
class ZeroSumResult(Result):
    """Value and optimal strategies of a two-player zero-sum game.

    Attributes
    ----------
    value : Fraction or float
        The row player's value ``max_x min_y x^T A y``.
    row_strategy : tuple
        A maximin strategy of the row player (guarantees at least ``value``).
    col_strategy : tuple
        A minimax strategy of the column player (holds the row player to at most ``value``).
    gap : Fraction or float
        ``max_i (A y)_i - min_j (x^T A)_j >= 0``: exactly 0 for exact results; the float
        duality gap otherwise (the pair is a ``gap``-equilibrium).
    constant : Fraction or float
        ``u_0 + u_1`` in every cell (0 for zero-sum games).
    equilibrium : MixedProfile
        ``(row_strategy, col_strategy)`` as a profile of the game.
    game : NormalFormGame
        The game solved (not shown in the repr).
    """

    value: Any = None
    row_strategy: tuple = ()
    col_strategy: tuple = ()
    gap: Any = None
    constant: Any = 0
    equilibrium: MixedProfile | None = field(default=None, repr=False)
    game: NormalFormGame | None = field(default=None, repr=False, compare=False)

    @property
    def strategies(self) -> tuple[tuple, tuple]:
        """``(row_strategy, col_strategy)``."""
        return (self.row_strategy, self.col_strategy)


def _as_game(func: str, game_or_matrix: Any, exact: bool | None) -> NormalFormGame:
    if isinstance(game_or_matrix, NormalFormGame):
        g = game_or_matrix
        if g.n_players != 2:
            raise InvalidGameError(bad_param(func, "game_or_matrix", "a two-player game",
                                             f"a {g.n_players}-player game", raw=True))
        return g
    try:
        return NormalFormGame.zero_sum(game_or_matrix, exact=exact)
    except InvalidInputError as exc:
        raise InvalidGameError(bad_param(func, "game_or_matrix",
                                         "a NormalFormGame or a 2-d payoff matrix of the row player",
                                         f"{game_or_matrix!r} ({exc})", raw=True)) from None


def zero_sum_solve(game_or_matrix: Any, *, exact: bool | None = None, tol: float | None = None,
                   time_limit: float | None = None) -> ZeroSumResult:
    """Value and maximin/minimax strategies of a two-player zero-sum game.

    Parameters
    ----------
    game_or_matrix : NormalFormGame or array_like
        A two-player zero-sum (or constant-sum) game, or the row player's payoff matrix.
    exact : bool, optional
        Exact Fractions, certified (default: follow the game / the numbers).
    tol : float, optional
        Float games: how far from constant the sum ``u_0 + u_1`` may be, relative to the
        payoff scale, and the largest duality gap accepted, relative to the payoff spread
        ``max A - min A``; a larger gap gives status ``"not_converged"`` (default
        :data:`~solvers.numbers.DEFAULT_TOL`).
    time_limit : float, optional
        Seconds allowed (default None: no limit).  Exact path: the exact certification (the
        rational reconstruction of the float optimum and, if that fails, the exact simplex)
        checks the clock at every step.  Both paths: a float LP solve by HiGHS (the fallback
        when the numba simplex's duality gap is too large) gets the time left as its own
        ``time_limit``.  Past the limit the result has status ``"truncated"``, a message
        naming the limit and no strategies.

    Returns
    -------
    ZeroSumResult

    Raises
    ------
    InvalidGameError
        If the game is not two-player or not constant-sum.

    Examples
    --------
    >>> r = zero_sum_solve([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])   # rock-paper-scissors
    >>> r.value, r.row_strategy
    (Fraction(0, 1), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    """
    func = "zero_sum_solve"
    t_start = time.perf_counter()
    if exact is not None and not isinstance(exact, (bool, np.bool_)):
        raise InvalidInputError(bad_param(func, "exact", "True, False or None", exact))
    t = check_tol(func, tol)  # (the string "0.1", True and inf were accepted)
    time_limit = check_time_limit(func, time_limit)
    game = _as_game(func, game_or_matrix, exact)
    use_exact = game.exact if exact is None else bool(exact)
    g = game if game.exact == use_exact else (game.as_exact() if use_exact else game.as_float())
    deadline = None if time_limit is None else t_start + time_limit
    if use_exact:
        A = g.payoffs[0]
        S = g.payoffs[0] + g.payoffs[1]
        c0 = S.reshape(-1)[0]
        if not all(v == c0 for v in S.reshape(-1).tolist()):
            raise InvalidGameError(bad_param(func, "game_or_matrix", "a zero-sum or constant-sum game",
                                             "payoff sums that vary across cells", raw=True))
        return _solve_exact(g, A, Fraction(c0), t, deadline, time_limit)
    A = g.float_payoffs()[0]
    S = A + g.float_payoffs()[1]
    # relative to the payoffs (not floored at 1: the Prisoner's Dilemma scaled by 1e-12 was
    # accepted as constant-sum and solved as the zero-sum game of its row payoffs)
    scale = max(float(np.max(np.abs(A))), float(np.max(np.abs(g.float_payoffs()[1])))) or 1.0
    c0 = float(S.reshape(-1)[0])
    if float(np.max(np.abs(S - c0))) > t * scale:
        raise InvalidGameError(bad_param(func, "game_or_matrix", "a zero-sum or constant-sum game",
                                         f"payoff sums ranging over [{S.min():.6g}, {S.max():.6g}]", raw=True))
    return _solve_float(g, np.asarray(A, dtype=float), c0, t, deadline, time_limit)


def _float_pair(A: np.ndarray, t: float, deadline: float | None = None):
    """Float maximin/minimax pair: numba tableau simplex first, HiGHS if its gap is too large.

    Returns ``(x, y, value, gap, method, w, u)`` where ``w``/``u`` solve the shifted LP pair
    (used as the hint of the exact certification); ``"time_limit"`` when HiGHS was stopped
    by ``deadline`` (a :func:`time.perf_counter` value: the time left is its limit).
    """
    from ._exact_lp import _time_left, solve_lp
    from ._kernels.dominance import zero_sum_lp

    m, n = A.shape
    # a constant offset changes the value only: remove one that dominates the spread (payoffs 1e9 + O(1) were
    # normalized to 1 + O(1e-9), below the simplex's tolerances, and came back "not_converged" with duality gaps
    # near the spread; and the gap x A y measured at 1e9 carried round-off of 1e-7)
    hi, lo = float(np.max(A)), float(np.min(A))
    off = (hi + lo) / 2 if abs(hi + lo) / 2 > hi - lo else 0.0
    A_in = A - off if off else A
    A = A_in
    # solve on A / max|A| (the simplex's and HiGHS's tolerances are absolute: payoffs near 1e-9 came back with
    # strategies off by 1e-8, payoffs near 1e12 with a value off by 10% and status "ok", and payoffs of 1e15 or more
    # made HiGHS fail)
    s = float(np.max(np.abs(A)))
    A = A / s if 0 < s < np.inf else A
    shift = float(A.min()) - 1.0
    Ap = np.ascontiguousarray(A - shift)
    scale = float(np.max(A) - np.min(A)) or 1.0  # the spread: offsets do not loosen the gap test
    best = None
    w = np.empty(n)
    u = np.empty(m)
    status = zero_sum_lp(Ap, w, u, 50 * (m + n) + 1000)
    if status == 0 and w.sum() > 0 and u.sum() > 0:
        w = np.clip(w, 0, None)
        u = np.clip(u, 0, None)
        best = (w, u, "lp (numba simplex)")
    if best is not None:
        y = best[0] / best[0].sum()
        x = best[1] / best[1].sum()
        gap = float(np.max(A @ y) - np.min(x @ A))
        if gap > t * scale:
            best = None
    if best is None:
        sol = solve_lp(np.ones(n), Ap, np.ones(m), time_limit=_time_left(deadline))
        if sol.status == "time_limit":
            return "time_limit"
        if sol.status != "optimal":  # pragma: no cover - always feasible and bounded
            return None
        best = (np.clip(sol.x, 0, None), np.clip(sol.y, 0, None), "lp (highs)")
    w, u, method = best
    y = w / w.sum()
    x = u / u.sum()
    A = A_in
    lower = float(np.min(x @ A))
    upper = float(np.max(A @ y))
    # x A y, not 1 / sum(w) + shift: the shift can be large and cancel (payoffs 1e9 and 1e-9)
    value = float(min(max(x @ A @ y, lower), upper))
    # w, u of the LP pair shifted by min(A) - 1 in the caller's units (the exact solver's hint)
    vp = value - (float(A.min()) - 1.0)
    if not vp > 0:  # payoffs near 1e16 or more: the shift by 1 is lost to rounding (the hint is never trusted)
        vp = 1.0
    w, u = y / vp, x / vp
    return x, y, value + off, max(0.0, upper - lower), method, w, u, lower + off, upper + off


def _solve_float(g: NormalFormGame, A: np.ndarray, c0: float, t: float, deadline: float | None = None,
                 time_limit: float | None = None) -> ZeroSumResult:
    out = _float_pair(A, t, deadline)
    if isinstance(out, str):
        return ZeroSumResult(method="lp (highs)", exact=False, status="truncated",
                             message=f"time_limit={time_limit} s reached in the float LP solve (HiGHS)", game=g,
                             params={"tol": t, "time_limit": time_limit})
    if out is None:  # pragma: no cover
        return ZeroSumResult(method="lp (highs)", exact=False, status="failed",
                             message="HiGHS failed", game=g)
    x, y, value, gap, method, _w, _u, lower, upper = out
    eq = g.profile(list(x), list(y))
    spread = float(np.max(A) - np.min(A)) or 1.0
    bad = not (gap <= t * spread)
    return ZeroSumResult(value=value, row_strategy=tuple(float(v) for v in x),
                         col_strategy=tuple(float(v) for v in y), gap=gap, constant=c0, equilibrium=eq,
                         game=g, method=method, exact=False, status="not_converged" if bad else "ok",
                         message=(f"duality gap {gap:.3g} exceeds tol * payoff spread = {t * spread:.3g}; "
                                  "use exact=True") if bad else "",
                         params={"tol": t, "lower": lower, "upper": upper, "time_limit": time_limit})


def _solve_exact(g: NormalFormGame, A: np.ndarray, c0: Fraction, t: float, deadline: float | None = None,
                 time_limit: float | None = None) -> ZeroSumResult:
    from ._exact_lp import exact_lp

    m, n = A.shape
    Al = A.tolist()
    shift = min(min(r) for r in Al) - 1
    Ap = [[v - shift for v in r] for r in Al]
    hint = None
    try:
        from ._exact_lp import LPSolution

        Af = np.array([[float(v) for v in r] for r in Al])
        out = _float_pair(Af, DEFAULT_TOL, deadline)
        if out is not None and not isinstance(out, str):
            x_f, y_f, _v_f, _gap, _meth, w_f, _u_f, _lo, _up = out
            # the hint must refer to the exact shift: rescale w, u to it (value v' = v - shift)
            vp = 1.0 / float(w_f.sum()) if w_f.sum() > 0 else -1.0
            if vp > 0:
                hint = LPSolution("optimal", x=y_f / vp, y=x_f / vp, z=np.zeros(0), value=1.0 / vp)
    except (OverflowError, ValueError):  # pragma: no cover - huge numbers: let HiGHS try
        hint = None
    sol = exact_lp([Fraction(1)] * n, Ap, [Fraction(1)] * m, hint=hint, deadline=deadline)
    if sol.status == "time_limit":
        return ZeroSumResult(method="lp (exact)", exact=True, status="truncated",
                             message=f"time_limit={time_limit} s reached before the value was certified exactly",
                             game=g, params={"tol": None, "time_limit": time_limit})
    if sol.status != "optimal":
        return ZeroSumResult(method="lp (exact)", exact=True, status="failed",
                             message=f"exact LP ended with status {sol.status}: {sol.method}", game=g)
    W = sum(sol.x, Fraction(0))
    U = sum(sol.y, Fraction(0))
    y = [v / W for v in sol.x]
    x = [v / U for v in sol.y]
    value = 1 / W + shift
    lower = min(sum((x[i] * Al[i][j] for i in range(m) if x[i]), Fraction(0)) for j in range(n))
    upper = max(sum((Al[i][j] * y[j] for j in range(n) if y[j]), Fraction(0)) for i in range(m))
    if not (lower == value == upper):  # pragma: no cover - exact_lp certified the pair
        raise RuntimeError("zero_sum_solve(): exact certification failed")
    eq = g.profile(x, y)
    return ZeroSumResult(value=value, row_strategy=tuple(x), col_strategy=tuple(y), gap=Fraction(0),
                         constant=c0, equilibrium=eq, game=g, method=f"lp ({sol.method})", exact=True,
                         params={"tol": None, "time_limit": time_limit})
