"""Solving many games at once: a parallel batch solver and an executor-agnostic map.

:func:`solve_batch` solves a stack of small bimatrix games of one shape with a numba kernel
running in parallel over the stack (``prange``); each game gets one equilibrium, found by
Lemke-Howson from one starting label (lexicographic pivoting, see
:mod:`solvers.complementary_pivoting`; von Stengel 2002, Handbook of Game Theory vol. 3, ch. 45) or,
with ``method="support_enumeration"``, the first equilibrium in support-enumeration order.
The answer for every game carries its max regret, so each row of the output is certified
to ``tol`` in floating point.

:func:`map_solve` applies any solver to many games through any
:class:`concurrent.futures.Executor` (threads, processes, or a Dask/Ray executor), so
parameter sweeps scale out without code changes.
"""

from __future__ import annotations

import functools
from concurrent.futures import Executor
from dataclasses import field
from typing import Any, Callable, Iterable

import numpy as np

from ._validate import check_bool, check_tol
from .errors import InvalidGameError, InvalidInputError, UnsupportedError, bad_param
from .games import MixedProfile, NormalFormGame
from .numbers import DEFAULT_TOL
from .results import Result, result

__all__ = ["solve_batch", "map_solve", "BatchResult"]


@result
class BatchResult(Result):
    """One equilibrium per game of a batch.

    Attributes
    ----------
    x : numpy.ndarray, shape (k, m)
        Row player's strategy in each game.
    y : numpy.ndarray, shape (k, n)
        Column player's strategy in each game.
    regrets : numpy.ndarray, shape (k,)
        Max regret of each profile (over the two players).
    converged : numpy.ndarray of bool, shape (k,)
        Whether the game's computation finished (and the regret is within ``tol``).
    path_lengths : numpy.ndarray of int, shape (k,)
        Lemke-Howson pivots per game (support pairs examined for support enumeration).
    """

    x: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    y: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    regrets: np.ndarray = field(default_factory=lambda: np.zeros(0))
    converged: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    path_lengths: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    def __len__(self) -> int:
        return int(self.x.shape[0])

    def profile(self, game: NormalFormGame, g: int) -> MixedProfile:
        """The ``g``-th answer as a (float) :class:`MixedProfile` of ``game``."""
        return MixedProfile(game, [self.x[g], self.y[g]], exact=False)


def _float_array(func: str, a: np.ndarray) -> np.ndarray:
    try:
        return np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):  # (strings raised a bare ValueError)
        raise InvalidGameError(bad_param(func, "games", "numeric payoff arrays", f"dtype {a.dtype}",
                                         raw=True)) from None


def _stack(func: str, games: Any) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(games, tuple) and len(games) == 2 and all(isinstance(a, np.ndarray) for a in games):
        A, B = (_float_array(func, a) for a in games)
        if A.ndim != 3 or A.shape != B.shape:
            raise InvalidGameError(bad_param(func, "games", "a pair (A, B) of arrays of one shape (k, m, n)",
                                             f"shapes {A.shape}, {B.shape}", raw=True))
    elif isinstance(games, np.ndarray):
        arr = _float_array(func, games)
        if arr.ndim != 4 or arr.shape[-1] != 2:
            raise InvalidGameError(bad_param(func, "games", "an array of shape (k, m, n, 2)",
                                             f"shape {arr.shape}", raw=True))
        A = arr[..., 0]
        B = arr[..., 1]
    else:
        try:
            glist = list(games)
        except TypeError:
            raise InvalidInputError(bad_param(func, "games", "a sequence of games or stacked arrays", games)) from None
        if not glist:
            return np.zeros((0, 1, 1)), np.zeros((0, 1, 1))
        for t, g in enumerate(glist):
            if not isinstance(g, NormalFormGame):
                raise InvalidInputError(bad_param(func, f"games[{t}]", "a NormalFormGame", g))
            if g.n_players != 2:
                raise UnsupportedError(bad_param(func, f"games[{t}]", "a two-player game",
                                                 f"a {g.n_players}-player game", raw=True))
            if g.shape != glist[0].shape:
                raise InvalidGameError(bad_param(func, f"games[{t}]", f"of shape {glist[0].shape} like games[0]",
                                                 f"shape {g.shape}", raw=True))
        A = np.stack([g.float_payoffs()[0] for g in glist])
        B = np.stack([g.float_payoffs()[1] for g in glist])
    if A.shape[1] == 0 or A.shape[2] == 0:  # (raised a bare ValueError from a reduction)
        raise InvalidGameError(bad_param(func, "games", "games with at least one action per player",
                                         f"shape {A.shape[1:]}", raw=True))
    if A.size and not (np.all(np.isfinite(A)) and np.all(np.isfinite(B))):
        raise InvalidGameError(bad_param(func, "games", "finite payoffs", "NaN or infinity", raw=True))
    return np.ascontiguousarray(A), np.ascontiguousarray(B)


def solve_batch(
    games: Any,
    method: str = "lemke_howson",
    *,
    init_label: int = 0,
    max_pivots: int = 100_000,
    tol: float = DEFAULT_TOL,
    parallel: bool = True,
) -> BatchResult:
    """One equilibrium of each of many bimatrix games of the same shape.

    Parameters
    ----------
    games : sequence of NormalFormGame, pair of arrays, or array
        Two-player games of one shape ``(m, n)``: a list of games, a pair ``(A, B)`` of
        arrays of shape ``(k, m, n)``, or one array of shape ``(k, m, n, 2)``.
    method : {"lemke_howson", "support_enumeration"}
        Lemke-Howson from ``init_label`` (fast), or the first equilibrium found by support
        enumeration (smallest supports first).
    init_label : int
        Starting label for Lemke-Howson (``0..m+n-1``).
    max_pivots : int
        Per-game pivot bound (Lemke-Howson); games that hit it have ``converged=False``.
    tol : float
        Regret tolerance: each player's regret at most ``tol`` times the spread of that player's
        payoffs in the game.
    parallel : bool
        Run the numba kernel in parallel over the games.

    Returns
    -------
    BatchResult
        Float strategies, regrets and per-game convergence flags; ``status="ok"`` if every
        game converged, else ``"not_converged"`` with the count in the message.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> r = solve_batch((rng.random((100, 4, 4)), rng.random((100, 4, 4))))
    >>> bool(r.converged.all()), r.x.shape
    (True, (100, 4))
    """
    func = "solve_batch"
    if method not in ("lemke_howson", "support_enumeration"):
        raise InvalidInputError(bad_param(func, "method", "'lemke_howson' or 'support_enumeration'", method))
    A, B = _stack(func, games)
    k, m, n = A.shape
    if isinstance(init_label, bool) or not isinstance(init_label, (int, np.integer)) or not 0 <= init_label < m + n:
        raise InvalidInputError(bad_param(func, "init_label", f"an int in [0, {m + n})", init_label))
    if isinstance(max_pivots, bool) or not isinstance(max_pivots, (int, np.integer)) or max_pivots < 1:
        raise InvalidInputError(bad_param(func, "max_pivots", "a positive int", max_pivots))
    max_pivots = min(int(max_pivots), 2**62)  # past int64: no bound (10**30 was a numba TypingError)
    tol = check_tol(func, tol, positive=True)  # (np.float32 was rejected)
    parallel = check_bool(func, "parallel", parallel)  # (was not checked)
    x = np.zeros((k, m))
    y = np.zeros((k, n))
    reg = np.zeros(k)
    st = np.zeros(k, np.int64)
    piv = np.zeros(k, np.int64)
    if k:
        if method == "lemke_howson":
            from ._kernels import batch as KB

            if parallel:
                import numba

                nchunks = max(1, min(k, 8 * numba.get_num_threads()))
                KB.lemke_howson_batch(A, B, int(init_label), int(max_pivots), 1e-12, nchunks, x, y, reg, st, piv)
            else:
                KB.lemke_howson_batch_serial(A, B, int(init_label), int(max_pivots), 1e-12, x, y, reg, st, piv)
        else:
            from ._kernels.support import support_enumeration_kernel

            ox = np.empty((1, m))
            oy = np.empty((1, n))
            oi = np.empty(1, np.int64)
            oj = np.empty(1, np.int64)
            info = np.zeros(5, np.int64)
            big = np.iinfo(np.int64).max
            for g in range(k):
                # each player's payoffs onto [1, 2] on their own (as the Lemke-Howson kernel)
                Ap = (A[g] - A[g].min()) / max(float(np.ptp(A[g])), 1e-300) + 1.0
                Bp = (B[g] - B[g].min()) / max(float(np.ptp(B[g])), 1e-300) + 1.0
                support_enumeration_kernel(Ap, Bp, 1e-9, 1e-12, 1e-13, big, ox, oy, oi, oj, info)
                piv[g] = info[2]
                if info[1] >= 1:
                    x[g] = ox[0]
                    y[g] = oy[0]
                else:
                    st[g] = 3  # nothing found (degenerate game)
    # each player's regret, on payoffs shifted to their midpoint (an offset of 1e9 left round-off
    # of 1e-7 in x A y), relative to the player's payoff spread (not floored at 1, which
    # accepted any profile of a game with payoffs below ~1e-9; not max |u|, which an offset inflates)
    rel = np.zeros(k)
    for P, own, other, axis in ((A, x, y, 2), (B, y, x, 1)):
        if not k:
            break
        hi = P.max(axis=(1, 2), keepdims=True)
        lo = P.min(axis=(1, 2), keepdims=True)
        Pc = P - (hi + lo) / 2
        vals = np.einsum("gij,gj->gi", Pc, other) if axis == 2 else np.einsum("gij,gi->gj", Pc, other)
        r = np.maximum(vals.max(axis=1) - np.einsum("gi,gi->g", vals, own), 0.0)
        reg = r if P is A else np.maximum(reg, r)
        span = (hi - lo).reshape(-1)
        rel = np.maximum(rel, r / np.where(span > 0, span, 1.0))
    converged = (st == 0) & (rel <= tol)
    bad = int(k - converged.sum())
    return BatchResult(
        x=x, y=y, regrets=reg, converged=converged, path_lengths=piv,
        method=f"solve_batch[{method}]", exact=False,
        status="ok" if bad == 0 else "not_converged",
        message="" if bad == 0 else f"{bad} of {k} games did not converge within max_pivots/tol",
        params={"method": method, "init_label": int(init_label), "max_pivots": int(max_pivots), "tol": tol,
                "parallel": bool(parallel), "games": k, "shape": (m, n)},
    )


def map_solve(
    func: Callable[..., Any],
    games: Iterable[Any],
    executor: Executor | None = None,
    **kwargs: Any,
) -> list[Any]:
    """Apply a solver to many games, optionally through a :class:`concurrent.futures.Executor`.

    Parameters
    ----------
    func : callable
        A solver such as :func:`solvers.lemke_howson`, called as ``func(game, **kwargs)``.
        With a process pool it must be picklable (module-level functions are).
    games : iterable
        The games (any objects ``func`` accepts).
    executor : concurrent.futures.Executor, optional
        ``ThreadPoolExecutor``, ``ProcessPoolExecutor``, or a Dask/Ray executor; ``None``
        runs serially in this process.
    **kwargs
        Passed to every call.

    Returns
    -------
    list
        ``[func(g, **kwargs) for g in games]``, in input order.
    """
    if not callable(func):
        raise InvalidInputError(bad_param("map_solve", "func", "a callable", func))
    if executor is not None and not isinstance(executor, Executor) and not hasattr(executor, "map"):
        raise InvalidInputError(bad_param("map_solve", "executor", "a concurrent.futures.Executor or None", executor))
    call = functools.partial(func, **kwargs) if kwargs else func
    if executor is None:
        return [call(g) for g in games]
    return list(executor.map(call, games))
