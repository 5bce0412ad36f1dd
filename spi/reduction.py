"""Iterated elimination of strictly dominated actions (by pure strategies), with witnesses.

Assumption 1 of Oesterheld & Conitzer (2022, Sect. 4.4.1): if action ``x`` of player ``i`` is
strictly dominated by a pure action ``y`` of the same player (``u_i(y, a_-i) > u_i(x, a_-i)``
for every profile ``a_-i`` of the others), then removing ``x`` does not change how the
representatives play: ``G ~_Phi G - x`` with ``Phi`` the identity on the remaining outcomes
(and ``Phi(a) = {}`` for outcomes that use ``x``, which are never played).

Iterated strict dominance by pure strategies has a unique end result whatever the order of
elimination (path independence, the "diamond" property; cf. the paper's Lemmas 19-20), which
is what makes the *fully reduced* game ``reduce(G)`` well defined.  Weak dominance does not
have this property (the end result, and the payoffs of the surviving outcomes, can depend on
the order), so an assumption "weakly dominated actions can be removed" would imply
contradictory outcome correspondences; see ``tests/spi/test_reduction.py``.

The eliminations are computed by ``solvers.eliminate_dominated(strict=True, mixed=False)``
(rounds of simultaneous removal; replaying its steps one at a time in the recorded order is
valid for strict dominance), and every step records its dominating pure action as the witness.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np

from solvers.games import NormalFormGame
from solvers.results import Result, result

from solvers.dominance import eliminate_dominated

from ._common import check_game

__all__ = ["EliminationStep", "ReductionResult", "reduce_dominated"]


@dataclass(frozen=True)
class EliminationStep:
    """One application of Assumption 1: ``action`` of ``player`` is strictly dominated by ``by``.

    Indices are those of the game the reduction started from; labels are kept for text.
    """

    player: int
    action: int
    by: int
    action_label: str = ""
    by_label: str = ""

    def describe(self) -> str:
        """``"eliminate action x of player i (strictly dominated by y)"``."""
        return (f"eliminate action {self.action_label or self.action} of player {self.player} "
                f"(strictly dominated by {self.by_label or self.by})")

    def to_dict(self, *, jsonable: bool = False) -> dict[str, Any]:
        return {"player": self.player, "action": self.action_label, "by": self.by_label}


@result
class ReductionResult(Result):
    """The fully reduced game and how it was reached.

    Attributes
    ----------
    reduced : NormalFormGame
        The game restricted to the surviving actions (labels kept, original order).
    surviving : tuple of tuple of int
        Surviving action indices per player, in the original game's indexing.
    steps : tuple of EliminationStep
        The eliminations in the order performed.
    game : NormalFormGame
        The game that was reduced (not shown in the repr).
    """

    reduced: NormalFormGame | None = None
    surviving: tuple[tuple[int, ...], ...] = ()
    steps: tuple[EliminationStep, ...] = ()
    game: NormalFormGame | None = None

    def __iter__(self) -> Iterator[EliminationStep]:
        return iter(self.steps)

    def correspondence(self):
        """The outcome correspondence ``G ~_Phi reduce(G)`` (Assumption 1, iterated)."""
        from .correspondence import elimination_correspondence

        return elimination_correspondence(self.game, self)

    def describe(self) -> str:
        """The eliminations, one per line."""
        if not self.steps:
            return "no strictly dominated actions"
        return "\n".join(s.describe() for s in self.steps)


def _unit_scaled(game: NormalFormGame) -> NormalFormGame:
    """Float game with each player's payoffs scaled by a power of two to a spread of about 1
    (and shifted when the offset dwarfs the spread).

    Strict dominance by pure strategies is invariant under positive affine maps of a player's
    payoffs, and the power-of-two scaling is exact; it keeps the float tolerance of
    :func:`solvers.eliminate_dominated` relative (the Prisoner's Dilemma scaled by 1e-9 was
    not reduced at all).
    """
    import math

    pays = [np.asarray(p, dtype=float) for p in game.float_payoffs()]
    out = []
    changed = False
    for p in pays:
        lo = float(np.min(p))
        m = float(np.max(p)) - lo
        e = round(math.log2(m)) if m > 0 else 0
        # shift too when the offset dwarfs the spread (payoffs 1e9 + O(1))
        sh = lo if abs(lo) > m else 0.0
        changed |= e != 0 or sh != 0
        out.append((p - sh) / 2.0 ** e)
    if not changed:
        return game
    return NormalFormGame(out, labels=game.labels, players=game.players, title=game.title, exact=False)


def reduce_dominated(game: NormalFormGame, *, exact: bool | None = None) -> ReductionResult:
    """Iteratively eliminate actions strictly dominated by pure actions (Assumption 1).

    Parameters
    ----------
    game : NormalFormGame
        Any n-player game.
    exact : bool or None
        Exact comparisons (default for exact games); float games compare with the default
        tolerance times the payoff scale (a float "dominance" must win by more than that).

    Returns
    -------
    ReductionResult
        The reduced game, the surviving indices per player and the elimination steps.

    Examples
    --------
    >>> from spi.examples import demand_game
    >>> r = reduce_dominated(demand_game())
    >>> r.reduced.labels
    (('DM', 'RM'), ('DM', 'RM'))
    """
    func = "reduce_dominated"
    check_game(func, "game", game)
    if exact is None:
        exact = game.exact
    dom = eliminate_dominated(_unit_scaled(game) if not exact else game, strict=True, mixed=False,
                              iterated=True, exact=bool(exact))
    steps = tuple(
        EliminationStep(s.player, s.action, s.witness_action, s.label, game.labels[s.player][s.witness_action])
        for s in dom.steps
    )
    surviving = tuple(tuple(int(x) for x in a) for a in dom.surviving)
    reduced = game.restrict([list(a) for a in surviving])
    if exact and not reduced.exact:
        reduced = reduced.as_exact()
    return ReductionResult(
        reduced=reduced, surviving=surviving, steps=steps, game=game,
        method="iterated strict dominance by pure strategies (solvers.eliminate_dominated)",
        exact=bool(exact), status=dom.status, message=dom.message, params={"exact": exact},
    )
