"""Pure-strategy Nash equilibria and best responses, for any number of players.

A pure profile ``a = (a_0, ..., a_{n-1})`` is a Nash equilibrium (Nash 1951) when no player
gains by a unilateral deviation:

    u_i(a_i, a_-i) >= u_i(k, a_-i)   for every player i and action k,

and a *strict* equilibrium (Harsanyi 1973) when every inequality with ``k != a_i`` is strict,
i.e. each ``a_i`` is the unique best response to ``a_-i``.

The enumeration is vectorized: for every player the maximum of ``u_i`` along the player's own
axis marks the cells where player ``i`` best-responds; the equilibria are the cells marked for
every player.  This is ``O(n * |A|)`` for a game with ``|A|`` pure profiles.  Exact games
compare exact numbers (payoffs scaled to integers per player), so the result is a
certificate; float games accept deviations gaining at most ``tol * s_i``, where ``s_i`` is
player ``i``'s payoff scale (the span of its payoffs, floored at ``1e-6 max |u_i|``;
:mod:`solvers._scale`), so that multiplying one player's payoffs by a positive number changes
no answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .equilibria import NashResult
from .errors import InvalidInputError, InvalidProfileError, bad_param
from ._scale import payoff_scale, payoff_scales
from ._validate import check_exact
from ._validate import check_tol as _check_tol
from .games import MixedProfile, NormalFormGame
from .numbers import as_exact_array, as_float_array
from .results import Result, result

__all__ = ["BestResponses", "PureEquilibriaResult", "best_responses", "pure_equilibria"]


@result
class PureEquilibriaResult(NashResult):
    """All pure Nash equilibria.

    Attributes
    ----------
    profiles : tuple of tuple of int
        The equilibria as action-index tuples, in C (lexicographic) order.
    strict : tuple of bool
        ``strict[k]``: whether ``profiles[k]`` is a strict equilibrium.
    equilibria : tuple of MixedProfile
        The same equilibria as (degenerate) mixed profiles.
    regrets : tuple
        Max regret of each equilibrium: ``Fraction(0)`` in exact games; in float games the
        largest gain of a deviation, at most ``params["tol"]`` times the payoff scale.
    """

    profiles: tuple = ()
    strict: tuple = ()

    @property
    def labels(self) -> tuple[tuple[str, ...], ...]:
        """The equilibria as action-label tuples."""
        g = self.game
        return tuple(tuple(g.labels[i][a] for i, a in enumerate(p)) for p in self.profiles)


@result
class BestResponses(Result):
    """Best responses of one player to the opponents' (pure or mixed) strategies.

    Attributes
    ----------
    actions : tuple of int
        The best-response actions (indices), increasing.
    labels : tuple of str
        Their labels.
    values : tuple
        Expected payoff of every action of the player against the opponents' strategies.
    best_value : Fraction or float
        The best expected payoff.
    """

    actions: tuple = ()
    labels: tuple = ()
    values: tuple = ()
    best_value: Any = None


def _int_arrays(game: NormalFormGame) -> list[np.ndarray]:
    """Exact payoffs scaled per player to integers (int64 when they fit, else Python ints)."""
    return [ints for ints, _ in game.integer_payoffs()]


def _working_arrays(game: NormalFormGame, exact: bool, tol: float):
    if exact:
        g = game if game.exact else game.as_exact()
        return _int_arrays(g), [0] * g.n_players
    pays = game.float_payoffs()
    return list(pays), [tol * s for s in payoff_scales(pays)]


def pure_equilibria(
    game: NormalFormGame,
    *,
    exact: bool | None = None,
    tol: float | None = None,
    max_equilibria: int | None = None,
) -> PureEquilibriaResult:
    """All pure-strategy Nash equilibria of an n-player game.

    Parameters
    ----------
    game : NormalFormGame
    exact : bool, optional
        Compare payoffs exactly (default: follow the game).
    tol : float, optional
        Float games: a deviation of player ``i`` must gain more than ``tol * s_i`` (``s_i`` player
        ``i``'s payoff scale, :mod:`solvers._scale`) to break an equilibrium (default
        :data:`~solvers.numbers.DEFAULT_TOL`).
    max_equilibria : int, optional
        Return at most this many (status ``"truncated"`` when there are more).

    Returns
    -------
    PureEquilibriaResult
        ``profiles`` (index tuples, lexicographic order), ``strict`` flags, ``equilibria`` as
        mixed profiles and their ``regrets``.

    Examples
    --------
    >>> from solvers import NormalFormGame
    >>> bos = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> pure_equilibria(bos).profiles
    ((0, 0), (1, 1))
    """
    func = "pure_equilibria"
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    use_exact = check_exact(func, exact, game.exact)
    if max_equilibria is not None and (isinstance(max_equilibria, bool)
                                       or not isinstance(max_equilibria, (int, np.integer))
                                       or max_equilibria < 0):
        raise InvalidInputError(bad_param(func, "max_equilibria", "a nonnegative int or None", max_equilibria))
    t = _check_tol(func, tol)
    pays, atol = _working_arrays(game, use_exact, t)
    n = game.n_players
    mask = None
    maxes = []
    for i in range(n):
        p = pays[i]
        mx = p.max(axis=i, keepdims=True)
        maxes.append(mx)
        ok = (p >= mx - atol[i]) if atol[i] else (p >= mx)
        mask = ok if mask is None else (mask & ok)
    cells = np.argwhere(mask)
    total = len(cells)
    status, message = "ok", ""
    if max_equilibria is not None and total > max_equilibria:
        cells = cells[:max_equilibria]
        status = "truncated"
        message = f"{total} pure equilibria; returned the first max_equilibria={max_equilibria}"
    profiles = tuple(tuple(int(a) for a in c) for c in cells)
    # strictness: at an equilibrium cell the own payoff is the maximum along the own axis, so
    # the cell is strict for player i iff the second largest value along that axis is lower
    # (by more than atol in float mode); vectorized with a partition when the dtype allows.
    strict_arr = np.ones(len(cells), dtype=bool)
    reg_arr = np.zeros(len(cells))
    idx_cells = tuple(cells.T) if len(cells) else None
    for i in range(n):
        p = pays[i]
        m = p.shape[i]
        if len(cells) == 0:
            break
        if m == 1:
            continue
        if p.dtype != object:
            second = np.take(np.partition(p, m - 2, axis=i), [m - 2], axis=i)
            second = np.broadcast_to(second, p.shape)[idx_cells]
        else:
            srt = np.sort(p, axis=i)
            second = np.broadcast_to(np.take(srt, [m - 2], axis=i), p.shape)[idx_cells]
        own = p[idx_cells]
        gap = own - second
        strict_arr &= (gap > atol[i]) if atol[i] else (gap > 0)
        if not use_exact:
            reg_arr = np.maximum(reg_arr, np.broadcast_to(maxes[i], p.shape)[idx_cells] - own)
    strict_flags = [bool(x) for x in strict_arr]
    regrets = [Fraction(0)] * len(cells) if use_exact else [max(0.0, float(x)) for x in reg_arr]
    g = game if (game.exact == use_exact) else (game.as_exact() if use_exact else game.as_float())
    eqs = tuple(g.pure_profile(p) for p in profiles)
    return PureEquilibriaResult(
        equilibria=eqs, regrets=tuple(regrets), game=g, profiles=profiles, strict=tuple(strict_flags),
        method="pure-equilibria", exact=use_exact, status=status, message=message,
        params={"tol": None if use_exact else t, "max_equilibria": max_equilibria, "total": total},
    )


def _is_prob_vector(x: Any, labels: Sequence[str]) -> bool:
    """A numeric vector summing to one (strings allowed when they are numbers, not labels)."""
    if isinstance(x, (str, bytes, int, np.integer, MixedProfile)):
        return False
    try:
        items = list(x)
    except TypeError:
        return False
    vals = []
    for v in items:
        if isinstance(v, (list, tuple, np.ndarray, bool)):
            return False
        if isinstance(v, str):
            if v in labels:
                return False
            try:
                v = Fraction(v.strip())
            except (ValueError, ZeroDivisionError):
                return False
        try:
            vals.append(float(v))
        except (TypeError, ValueError):
            return False
    return bool(vals) and abs(sum(vals) - 1.0) <= 1e-9 * len(vals) and min(vals) >= 0


def _opponent_strategies(game: NormalFormGame, i: int, opponents: Any, func: str, exact: bool) -> list[np.ndarray]:
    n = game.n_players
    opp = [j for j in range(n) if j != i]
    if isinstance(opponents, MixedProfile):
        if opponents.game.shape != game.shape:
            raise InvalidProfileError(bad_param(func, "opponents_profile", "a profile of this game", opponents))
        strategies = [opponents.strategies[j] for j in opp]
    elif n == 2 and (isinstance(opponents, (str, int, np.integer)) and not isinstance(opponents, bool)) or n == 2 and _is_prob_vector(opponents, game.labels[opp[0]]) \
            and len(list(opponents)) == game.shape[opp[0]]:
        strategies = [opponents]
    else:
        try:
            strategies = list(opponents)
        except TypeError:
            raise InvalidProfileError(bad_param(func, "opponents_profile",
                                                f"one strategy per opponent ({n - 1})", opponents)) from None
        if len(strategies) == n and n > 1:
            strategies = [s for j, s in enumerate(strategies) if j != i]
        if len(strategies) != n - 1:
            raise InvalidProfileError(bad_param(func, "opponents_profile",
                                                f"one strategy per opponent ({n - 1}) or a full profile ({n})",
                                                opponents))
    out = []
    for j, s in zip(opp, strategies):
        m = game.shape[j]
        if isinstance(s, (str, int, np.integer)) and not isinstance(s, bool):
            k = game.action_index(j, s)
            v = np.array([Fraction(0)] * m, dtype=object) if exact else np.zeros(m)
            v[k] = Fraction(1) if exact else 1.0
            out.append(v)
            continue
        try:
            arr = np.asarray(list(s), dtype=object).reshape(-1)
        except TypeError:  # (a number where a strategy belongs raised "'float' object is not iterable")
            raise InvalidProfileError(bad_param(func, "opponents_profile",
                                                f"an action or a strategy of player {j}", s)) from None
        if arr.shape[0] != m:
            raise InvalidProfileError(bad_param(func, "opponents_profile",
                                                f"a strategy of player {j} with {m} probabilities", s))
        vec = as_exact_array(arr, func=func, param="opponents_profile") if exact else \
            as_float_array(arr, func=func, param="opponents_profile")
        if any(x < 0 for x in vec.tolist()):
            raise InvalidProfileError(bad_param(func, "opponents_profile", "nonnegative probabilities", s))
        tot = sum(vec.tolist())
        if (exact and tot != 1) or (not exact and abs(tot - 1) > 1e-9 * m):
            raise InvalidProfileError(bad_param(func, "opponents_profile", "probabilities summing to 1", s))
        out.append(vec)
    return out


def best_responses(
    game: NormalFormGame,
    player: int | str,
    opponents_profile: Any,
    *,
    exact: bool | None = None,
    tol: float | None = None,
) -> BestResponses:
    """The best responses of ``player`` to the other players' strategies.

    Parameters
    ----------
    game : NormalFormGame
    player : int or str
        Player index or name.
    opponents_profile : sequence or MixedProfile
        One strategy per opponent (in player order, skipping ``player``), each an action index
        or label or a probability vector; a full profile (one entry per player, the
        ``player``'s own entry ignored) or a :class:`MixedProfile` is accepted too.  For
        two-player games a single action or probability vector may be given directly.
    exact : bool, optional
        Exact arithmetic (default: follow the game).
    tol : float, optional
        Float mode: actions within ``tol * s_i`` of the best value count as best (``s_i`` the
        player's payoff scale, :mod:`solvers._scale`).

    Returns
    -------
    BestResponses
        ``actions`` (indices), ``labels``, ``values`` (every action's expected payoff) and
        ``best_value``.
    """
    func = "best_responses"
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    i = game.player_index(player)
    use_exact = check_exact(func, exact, game.exact)  # ("x", nan, -1 were accepted)
    t = _check_tol(func, tol)
    strategies = _opponent_strategies(game, i, opponents_profile, func, use_exact)
    g = game if game.exact == use_exact else (game.as_exact() if use_exact else game.as_float())
    vals = g.payoffs[i] if use_exact else g.float_payoffs()[i]
    n = game.n_players
    opp = [j for j in range(n) if j != i]
    for j, s in reversed(list(zip(opp, strategies))):
        if use_exact:
            vals = np.tensordot(vals, s, axes=([j], [0]))
        else:
            vals = np.tensordot(vals, s.astype(float), axes=([j], [0]))
    vals = np.asarray(vals).reshape(-1)
    best = max(vals.tolist())
    if use_exact:
        acts = tuple(int(k) for k, v in enumerate(vals.tolist()) if v == best)
        values = tuple(Fraction(v) for v in vals.tolist())
    else:
        scale = payoff_scale(g.float_payoffs()[i])
        acts = tuple(int(k) for k in np.flatnonzero(vals >= best - t * scale))
        values = tuple(float(v) for v in vals)
        best = float(best)
    return BestResponses(actions=acts, labels=tuple(game.labels[i][k] for k in acts), values=values,
                         best_value=best, method="best-responses", exact=use_exact,
                         params={"player": i, "tol": None if use_exact else t})
