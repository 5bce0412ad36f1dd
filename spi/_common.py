"""Private helpers shared by the spi modules: numbers, payoff tables, label matching."""

from __future__ import annotations

import time
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from solvers.errors import InvalidGameError, InvalidInputError, bad_param
from solvers.games import NormalFormGame
from solvers.numbers import DEFAULT_TOL

#: Decimal places used to compare normalized float payoffs (float games only).
FLOAT_DIGITS = 9


def check_game(func: str, param: str, game: Any) -> NormalFormGame:
    """Raise a clear error unless ``game`` is a :class:`NormalFormGame`."""
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(bad_param(func, param, "a NormalFormGame", game))
    return game


def payoff_lists(game: NormalFormGame, exact: bool) -> list[np.ndarray]:
    """Payoff arrays, exact (object arrays of Fractions) or float64."""
    if exact:
        return [np.asarray(p) for p in game.as_exact().payoffs]
    return [np.asarray(p, dtype=float) for p in game.float_payoffs()]


def key_value(x: Any, exact: bool) -> Any:
    """A hashable comparison key for one (normalized) payoff."""
    if exact:
        return x
    v = round(float(x), FLOAT_DIGITS)
    return 0.0 if v == 0 else v


def normalize(arr: np.ndarray, exact: bool, maps: str) -> tuple[np.ndarray, Any, Any]:
    """Normalize one player's payoff array for isomorphism tests.

    ``maps="affine"``: ``(u - min) / (max - min)`` (constant arrays become 0); positive affine
    maps send min to min and max to max, so two arrays are equal up to such a map iff their
    normalizations are equal.  ``"shift"``: ``u - min``.  ``"exact"``: unchanged.
    Returns ``(normalized, lo, span)`` with ``u = lo + span * normalized``.
    """
    flat = arr.reshape(-1).tolist()
    lo = min(flat)
    hi = max(flat)
    one = Fraction(1) if exact else 1.0
    if maps == "exact":
        return arr, (Fraction(0) if exact else 0.0), one
    if maps == "shift" or hi == lo:
        out = np.empty(arr.shape, dtype=object if exact else float)
        out.reshape(-1)[:] = [x - lo for x in flat]
        return out, lo, one
    span = hi - lo
    out = np.empty(arr.shape, dtype=object if exact else float)
    out.reshape(-1)[:] = [(x - lo) / span for x in flat]
    return out, lo, span


def float_snap(games: Sequence[NormalFormGame], maps: str) -> dict[float, float]:
    """One representative per cluster of the games' normalized float payoffs (all players).

    Values are sorted and a new cluster starts wherever the gap to the previous value exceeds
    ``10**-FLOAT_DIGITS`` times the largest magnitude.  Rounding each value separately split
    values a hair apart across a rounding boundary (0.1234567895 +- 1e-13), so games equal
    within the tolerance were "not isomorphic"; merging too much is harmless, since every
    candidate map is verified within the tolerance afterwards.
    """
    vals: set[float] = set()
    for g in games:
        for p in payoff_lists(g, False):
            q, _, _ = normalize(p, False, maps)
            vals.update(float(x) + 0.0 for x in q.reshape(-1).tolist())
    srt = sorted(vals)
    tol = 10.0 ** -FLOAT_DIGITS * max(max((abs(v) for v in srt), default=0.0), 1e-300)
    out: dict[float, float] = {}
    rep = prev = None
    for v in srt:
        if rep is None or v - prev > tol:
            rep = v
        out[v] = rep
        prev = v
    return out


def cell_keys(game: NormalFormGame, exact: bool, maps: str,
              snap: dict[float, float] | None = None) -> tuple[np.ndarray, list[tuple[Any, Any]]]:
    """Object array of per-cell keys (tuple of normalized payoffs) and each player's (lo, span).

    ``snap`` (float games): the cluster representatives of :func:`float_snap`, used instead of
    rounding so that two games are keyed consistently.
    """
    pays = payoff_lists(game, exact)
    norms = []
    scales = []
    for p in pays:
        q, lo, span = normalize(p, exact, maps)
        norms.append(q)
        scales.append((lo, span))
    keys = np.empty(game.shape, dtype=object)
    flat = keys.reshape(-1)
    nflat = [q.reshape(-1).tolist() for q in norms]
    for k in range(len(flat)):
        if snap is not None and not exact:
            flat[k] = tuple(snap[float(col[k]) + 0.0] for col in nflat)
        else:
            flat[k] = tuple(key_value(col[k], exact) for col in nflat)
    return keys, scales


def close(a: Any, b: Any, exact: bool, scale: float = 1.0) -> bool:
    """Exact equality, or float equality within the default tolerance times ``scale``."""
    if exact:
        return a == b
    return abs(float(a) - float(b)) <= DEFAULT_TOL * scale


def geq(a: Any, b: Any, exact: bool, scale: float = 1.0) -> bool:
    """``a >= b`` exactly, or within the default tolerance for floats."""
    if exact:
        return a >= b
    return float(a) >= float(b) - DEFAULT_TOL * scale


def gt(a: Any, b: Any, exact: bool, scale: float = 1.0) -> bool:
    """``a > b`` exactly, or by more than the default tolerance for floats."""
    if exact:
        return a > b
    return float(a) > float(b) + DEFAULT_TOL * scale


def payoff_scale(game: NormalFormGame) -> float:
    """Largest payoff spread ``max u_i - min u_i`` over the players (else the largest absolute
    payoff, else 1), the scale of float tolerances.

    Not floored at 1: with payoffs near 1e-9 an absolute tolerance of 1e-9 made unequal
    payoffs "equal" (``find_spis`` reported 6 SPIs of the Demand Game scaled by 1e-9 instead
    of its one SPI).
    """
    pays = game.float_payoffs()
    r = max(float(np.max(p) - np.min(p)) for p in pays)
    if r > 0:
        # the spread, not max |u|: with payoffs 1e9 + O(1) a tolerance of 1e-9 * 1e9 made
        # payoffs that differ by 1 "equal"
        return r
    m = max(float(np.max(np.abs(p))) for p in pays)
    return m if m > 0 else 1.0


def fmt(x: Any) -> str:
    """Short text for a number."""
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


def fmt_vec(v: Sequence[Any]) -> str:
    """``(a, b, ...)`` text of a payoff vector."""
    return "(" + ", ".join(fmt(x) for x in v) + ")"


def label_indices(func: str, param: str, game: NormalFormGame, player: int, items: Sequence[Any]) -> list[int]:
    """Indices of the given actions (labels or indices) of one player, with clear errors."""
    out = []
    for a in items:
        if isinstance(a, (int, np.integer)) and not isinstance(a, bool):
            if 0 <= int(a) < game.shape[player]:
                out.append(int(a))
                continue
        elif isinstance(a, str) and a in game.labels[player]:
            out.append(game.labels[player].index(a))
            continue
        raise InvalidInputError(
            bad_param(func, param, f"actions of player {player} (one of {game.labels[player]} or an index "
                      f"0..{game.shape[player] - 1})", a)
        )
    if len(set(out)) != len(out):
        raise InvalidInputError(bad_param(func, param, "actions without repeats", list(items)))
    if not out:
        raise InvalidInputError(bad_param(func, param, f"a nonempty action list for player {player}", list(items)))
    return out


def player_of(func: str, param: str, game: NormalFormGame, player: Any, must: str | None = None) -> int:
    """``game.player_index(player)`` with the error naming ``func`` and ``param`` (and saying
    what ``player`` must be: ``must``, default "a player of the game (...)")."""
    try:
        return game.player_index(player)
    except InvalidInputError:
        if must is None:
            must = f"a player of the game (0..{game.n_players - 1} or one of {game.players})"
        raise InvalidInputError(bad_param(func, param, must, player)) from None


class Limits:
    """Node and time limits of a search: ``tick()`` counts a node and says whether to go on;
    ``hit`` names the limit that stopped it (the clock is read every 256 nodes)."""

    def __init__(self, max_results: int | None, max_nodes: int | None, time_limit: float | None) -> None:
        self.max_results = max_results
        self.max_nodes = max_nodes
        self.deadline = None if time_limit is None else time.perf_counter() + time_limit
        self.nodes = 0
        self.hit = ""

    def tick(self) -> bool:
        self.nodes += 1
        if self.max_nodes is not None and self.nodes > self.max_nodes:
            self.hit = f"max_nodes={self.max_nodes}"
            return False
        if self.deadline is not None and (self.nodes & 255) == 0 and time.perf_counter() > self.deadline:
            self.hit = "time_limit"
            return False
        return True
