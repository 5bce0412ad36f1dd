"""Hypothesis strategies for games and strategy profiles.

For users' own property tests as much as for ours::

    from hypothesis import given
    from solvers.strategies import bimatrix_games

    @given(bimatrix_games(max_actions=4, payoffs="fraction"))
    def test_my_theorem(game):
        ...

Requires the ``hypothesis`` package (``pip install cooptheory[test]`` or ``[strategies]``).

Payoff kinds
------------
``"int"``       small integers (exact game)
``"fraction"``  Fractions with small denominators (exact game)
``"float"``     finite floats in a bounded range (float game)
``"small"``     values from ``{0, 1, 2}``: many ties, the classic degenerate family
``"any"``       one of the above, drawn per game
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without hypothesis
    raise ImportError(
        "solvers.strategies needs hypothesis: pip install 'cooptheory[strategies]'"
    ) from exc

import numpy as np

from .errors import InvalidInputError, bad_param
from .games import MixedProfile, NormalFormGame

__all__ = [
    "payoff_values",
    "games",
    "bimatrix_games",
    "zero_sum_games",
    "symmetric_games",
    "degenerate_games",
    "mixed_profiles",
    "pure_profiles",
    "PAYOFF_KINDS",
]

PAYOFF_KINDS = ("int", "fraction", "float", "small")


def payoff_values(kind: str = "int", *, bound: int = 10) -> st.SearchStrategy[Any]:
    """Single payoff numbers of one kind (see the module docstring)."""
    if kind == "int":
        return st.integers(-bound, bound)
    if kind == "fraction":
        return st.builds(
            Fraction, st.integers(-bound * 6, bound * 6), st.sampled_from([1, 2, 3, 4, 6])
        )
    if kind == "float":
        return st.floats(-float(bound), float(bound), allow_nan=False, allow_infinity=False,
                         allow_subnormal=False).map(lambda x: round(x, 6))
    if kind == "small":
        return st.sampled_from([0, 1, 2])
    raise InvalidInputError(bad_param("payoff_values", "kind", f"one of {PAYOFF_KINDS}", kind))


def _as_int_strategy(x: int | st.SearchStrategy[int]) -> st.SearchStrategy[int]:
    return st.just(int(x)) if isinstance(x, (int, np.integer)) else x


@st.composite
def games(
    draw: Any,
    n_players: int | st.SearchStrategy[int] = st.integers(2, 3),
    *,
    min_actions: int = 1,
    max_actions: int = 4,
    payoffs: str = "int",
    max_profiles: int = 256,
    bound: int = 10,
) -> NormalFormGame:
    """Normal-form games with ``n_players`` players and 1..``max_actions`` actions each.

    Parameters
    ----------
    n_players : int or strategy
        Number of players (an int or a strategy drawing one).
    min_actions, max_actions : int
        Bounds on each player's number of actions.
    payoffs : str
        Payoff kind (``"int"``, ``"fraction"``, ``"float"``, ``"small"``, ``"any"``).
    max_profiles : int
        Upper bound on the number of pure profiles (keeps n-player games small).
    bound : int
        Payoffs lie in ``[-bound, bound]``.
    """
    if min_actions < 1 or max_actions < min_actions:
        raise InvalidInputError(
            bad_param("games", "min_actions/max_actions", "1 <= min_actions <= max_actions",
                      (min_actions, max_actions))
        )
    n = draw(_as_int_strategy(n_players))
    if n < 1:
        raise InvalidInputError(bad_param("games", "n_players", "at least 1", n))
    kind = draw(st.sampled_from(PAYOFF_KINDS)) if payoffs == "any" else payoffs
    shape = []
    cells = 1
    for _ in range(n):
        hi = max(min_actions, min(max_actions, max_profiles // max(cells, 1)))
        m = draw(st.integers(min_actions, hi))
        shape.append(m)
        cells *= m
    values = payoff_values(kind, bound=bound)
    arrays = []
    for _ in range(n):
        flat = draw(st.lists(values, min_size=cells, max_size=cells))
        arr = np.empty(cells, dtype=object)
        arr[:] = flat
        arrays.append(arr.reshape(shape))
    return NormalFormGame(arrays, exact=(kind != "float"))


def bimatrix_games(*, min_actions: int = 1, max_actions: int = 4, payoffs: str = "int",
                   bound: int = 10) -> st.SearchStrategy[NormalFormGame]:
    """Two-player games (see :func:`games`)."""
    return games(2, min_actions=min_actions, max_actions=max_actions, payoffs=payoffs,
                 max_profiles=max_actions * max_actions, bound=bound)


@st.composite
def zero_sum_games(draw: Any, *, min_actions: int = 1, max_actions: int = 4, payoffs: str = "int",
                   bound: int = 10) -> NormalFormGame:
    """Two-player zero-sum games ``(A, -A)``."""
    kind = draw(st.sampled_from(PAYOFF_KINDS)) if payoffs == "any" else payoffs
    m = draw(st.integers(min_actions, max_actions))
    n = draw(st.integers(min_actions, max_actions))
    flat = draw(st.lists(payoff_values(kind, bound=bound), min_size=m * n, max_size=m * n))
    A = np.empty(m * n, dtype=object)
    A[:] = flat
    return NormalFormGame.zero_sum(A.reshape(m, n), exact=(kind != "float"))


@st.composite
def symmetric_games(draw: Any, *, min_actions: int = 1, max_actions: int = 4, payoffs: str = "int",
                    bound: int = 10) -> NormalFormGame:
    """Symmetric two-player games ``(A, A.T)``."""
    kind = draw(st.sampled_from(PAYOFF_KINDS)) if payoffs == "any" else payoffs
    m = draw(st.integers(min_actions, max_actions))
    flat = draw(st.lists(payoff_values(kind, bound=bound), min_size=m * m, max_size=m * m))
    A = np.empty(m * m, dtype=object)
    A[:] = flat
    return NormalFormGame.symmetric(A.reshape(m, m), exact=(kind != "float"))


@st.composite
def degenerate_games(draw: Any, *, min_actions: int = 2, max_actions: int = 4,
                     n_players: int = 2) -> NormalFormGame:
    """Games built to be degenerate: ``{0,1,2}`` payoffs, duplicated actions, constant payoffs.

    Each drawn game has at least one of: a duplicated action of some player, a player with
    constant payoffs, or payoffs from ``{0, 1, 2}`` (many ties).
    """
    base = draw(games(n_players, min_actions=min_actions, max_actions=max_actions, payoffs="small",
                      max_profiles=max_actions ** n_players))
    how = draw(st.sampled_from(["small", "duplicate", "constant"]))
    if how == "small":
        return base
    arrays = [np.array(p) for p in base.payoffs]
    i = draw(st.integers(0, n_players - 1))
    if how == "duplicate":
        k = draw(st.integers(0, base.shape[i] - 1))
        arrays = [np.concatenate([a, np.take(a, [k], axis=i)], axis=i) for a in arrays]
    else:
        c = draw(st.sampled_from([0, 1]))
        arrays[i] = np.full(arrays[i].shape, c, dtype=object)
    return NormalFormGame(arrays, exact=True)


@st.composite
def mixed_profiles(draw: Any, game: NormalFormGame, *, exact: bool | None = None,
                   pure_prob: float = 0.2, max_weight: int = 6) -> MixedProfile:
    """Mixed profiles of ``game``: random supports and weights, exact by default for exact games."""
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param("mixed_profiles", "game", "a NormalFormGame", game))
    exact = game.exact if exact is None else exact
    strategies = []
    for m in game.shape:
        if draw(st.floats(0, 1)) < pure_prob:
            k = draw(st.integers(0, m - 1))
            w = [0] * m
            w[k] = 1
        else:
            w = draw(st.lists(st.integers(0, max_weight), min_size=m, max_size=m))
            if sum(w) == 0:
                w[draw(st.integers(0, m - 1))] = 1
        total = sum(w)
        if exact:
            strategies.append([Fraction(x, total) for x in w])
        else:
            strategies.append([x / total for x in w])
    return MixedProfile(game, strategies, exact=exact)


def pure_profiles(game: NormalFormGame) -> st.SearchStrategy[tuple[int, ...]]:
    """Pure profiles of ``game`` as index tuples."""
    return st.tuples(*(st.integers(0, m - 1) for m in game.shape))

