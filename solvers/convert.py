"""Conversion to and from the anchors' game objects: pygambit, nashpy, quantecon.

Each converter imports its library only when called.  Conventions:

* pygambit ``Game``: strategic games built by ``Game.from_arrays`` (one array per player,
  indexed like ours); rational payoffs stay exact.
* nashpy ``Game``: two-player only, ``Game(A, B)``; payoffs become floats.
* quantecon ``NormalFormGame``: player ``i``'s ``payoff_array`` is indexed by player ``i``'s own
  action first and then the others in cyclic order ``i+1, ..., n-1, 0, ..., i-1``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from .errors import InvalidInputError, UnsupportedError, bad_param
from .games import NormalFormGame

__all__ = ["to_pygambit", "from_pygambit", "to_nashpy", "from_nashpy", "to_quantecon", "from_quantecon"]


def _check(game: Any, func: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    return game


def to_pygambit(game: NormalFormGame) -> Any:
    """A ``pygambit.Game`` with the same payoffs, labels, player names and title."""
    import pygambit as gbt

    game = _check(game, "to_pygambit")
    arrays = [np.array(p, dtype=object) if game.exact else np.array(p, dtype=float) for p in game.payoffs]
    g = gbt.Game.from_arrays(*arrays, title=game.title)
    for i, player in enumerate(g.players):
        player.label = game.players[i]
        for k, strategy in enumerate(player.strategies):
            strategy.label = game.labels[i][k]
    return g


def _check_anchor(g: Any, func: str, what: str, attrs: tuple[str, ...]) -> None:
    """``g`` must look like the anchor's game (a wrong object raised a bare AttributeError)."""
    if isinstance(g, NormalFormGame) or not all(hasattr(g, a) for a in attrs):
        raise InvalidInputError(bad_param(func, "g", what, g))


def from_pygambit(g: Any, *, exact: bool | None = True) -> NormalFormGame:
    """A :class:`NormalFormGame` from a strategic ``pygambit.Game`` (exact by default)."""
    _check_anchor(g, "from_pygambit", "a strategic pygambit.Game", ("players", "title"))
    players = list(g.players)
    shape = tuple(len(p.strategies) for p in players)
    arrays = [np.empty(shape, dtype=object) for _ in players]
    for prof in np.ndindex(*shape):
        outcome = g[list(prof)]
        for i, p in enumerate(players):
            # a profile without an outcome (the null outcome of .nfg files) pays 0
            arrays[i][prof] = Fraction(0) if outcome is None else Fraction(str(outcome[p]))
    labels = [[s.label or str(k) for k, s in enumerate(p.strategies)] for p in players]
    names = [p.label or f"P{i}" for i, p in enumerate(players)]
    if len(set(names)) != len(names):
        names = [f"P{i}" for i in range(len(players))]
    labels = [lab if len(set(lab)) == len(lab) else [str(k) for k in range(len(lab))] for lab in labels]
    return NormalFormGame(arrays, labels=labels, players=names, title=g.title or "", exact=exact)


def to_nashpy(game: NormalFormGame) -> Any:
    """A ``nashpy.Game`` (two players; float payoffs)."""
    import nashpy

    game = _check(game, "to_nashpy")
    if game.n_players != 2:
        raise UnsupportedError(bad_param("to_nashpy", "game", "a two-player game",
                                         f"a {game.n_players}-player game", raw=True))
    A, B = game.float_payoffs()
    return nashpy.Game(np.array(A), np.array(B))


def from_nashpy(g: Any, *, exact: bool | None = None) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``nashpy.Game``."""
    _check_anchor(g, "from_nashpy", "a nashpy.Game", ("payoff_matrices",))
    A, B = g.payoff_matrices
    return NormalFormGame.bimatrix(np.asarray(A), np.asarray(B), exact=exact)


def to_quantecon(game: NormalFormGame) -> Any:
    """A ``quantecon.game_theory.NormalFormGame`` (float payoffs)."""
    from quantecon.game_theory import NormalFormGame as QNFG
    from quantecon.game_theory import Player

    game = _check(game, "to_quantecon")
    n = game.n_players
    pays = game.float_payoffs()
    if n == 1:
        return QNFG([Player(np.array(pays[0]))])
    players = []
    for i in range(n):
        order = [(i + k) % n for k in range(n)]
        players.append(Player(np.ascontiguousarray(np.transpose(pays[i], order))))
    return QNFG(players)


def from_quantecon(g: Any, *, exact: bool | None = None) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``quantecon.game_theory.NormalFormGame``."""
    _check_anchor(g, "from_quantecon", "a quantecon.game_theory.NormalFormGame", ("N", "players"))
    n = g.N
    if n == 1:
        return NormalFormGame([np.asarray(g.players[0].payoff_array)], exact=exact)
    arrays = []
    for i in range(n):
        order = [(i + k) % n for k in range(n)]  # axis k of player i's array is player order[k]
        inverse = np.argsort(order)
        arrays.append(np.transpose(np.asarray(g.players[i].payoff_array), inverse))
    return NormalFormGame(arrays, exact=exact)
