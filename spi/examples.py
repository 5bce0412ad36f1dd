"""The games of Oesterheld & Conitzer (2022) and a surrogate-goal threat game, as factories.

Every factory returns an exact :class:`~solvers.games.NormalFormGame`; the docstring gives the
source.  Sources: Oesterheld & Conitzer, "Safe Pareto improvements for delegated game
playing", JAAMAS 36 (2022) (Tables 1-6; the AAMAS 2021 version has the Demand Game too).
"""

from __future__ import annotations

from typing import Any

from solvers.games import NormalFormGame
from solvers.numbers import to_fraction

__all__ = [
    "demand_game",
    "demand_game_spi",
    "prisoners_dilemma",
    "temptation_game",
    "complicated_temptation_game",
    "complicated_temptation_spi",
    "threat_game",
]


def demand_game() -> NormalFormGame:
    """The Demand Game (Table 1): demand (D) or refrain (R), with military (M) or leader (L).

    Militarizing strictly dominates not militarizing; the reduced game ``{DM, RM}^2`` is a game
    of Chicken with the war outcome ``(DM, DM) = (-3, -3)``.
    """
    P = {
        ("DM", "DM"): (-3, -3), ("DM", "RM"): (2, 0), ("DM", "DL"): (5, -5), ("DM", "RL"): (5, -5),
        ("RM", "DM"): (0, 2), ("RM", "RM"): (1, 1), ("RM", "DL"): (5, -5), ("RM", "RL"): (5, -5),
        ("DL", "DM"): (-5, 5), ("DL", "RM"): (-5, 5), ("DL", "DL"): (1, 1), ("DL", "RL"): (2, 0),
        ("RL", "DM"): (-5, 5), ("RL", "RM"): (-5, 5), ("RL", "DL"): (0, 2), ("RL", "RL"): (1, 1),
    }
    acts = ["DM", "RM", "DL", "RL"]
    return NormalFormGame.from_payoff_function(
        (4, 4), lambda a, b: P[(a, b)], labels=[acts, acts], players=["Aliceland", "Bobbesia"],
        title="Demand Game",
    )


def demand_game_spi() -> NormalFormGame:
    """The SPI on the Demand Game (Table 2): only ``{DL, RL}``; the representatives value
    ``(DL, DL)`` like the war ``(DM, DM)`` of the original, ``(-3, -3)``.

    For the original players ``(DL, DL)`` is worth ``(1, 1)``: a strict SPI if war had positive
    probability (Proposition 6).
    """
    acts = ["DL", "RL"]
    return NormalFormGame.from_arrays(
        [[-3, 2], [0, 1]], [[-3, 0], [2, 1]], labels=[acts, acts], players=["Aliceland", "Bobbesia"],
        title="Demand Game SPI",
    )


def prisoners_dilemma() -> NormalFormGame:
    """The Prisoner's Dilemma of Proposition 5 (Table 3): ``(C,C)=(3,3)``, ``(D,D)=(2,2)``."""
    return NormalFormGame.from_arrays(
        [[3, 1], [4, 2]], [[3, 4], [1, 2]], labels=[["C", "D"], ["C", "D"]], title="Prisoner's Dilemma",
    )


def temptation_game() -> NormalFormGame:
    """The Temptation Game (Table 6, Proposition 7): ``T`` dominates ``R``, then ``C`` beats ``F``."""
    return NormalFormGame.from_arrays(
        [[1, 5], [0, 4]], [[2, 1], [0, 4]], labels=[["T", "R"], ["C", "F"]], title="Temptation Game",
    )


def complicated_temptation_game() -> NormalFormGame:
    """The Complicated Temptation Game (Table 4, Proposition 8)."""
    A = [[4, 1, 6, 6], [1, 2, 6, 6], [0, 0, 5, 3], [0, 0, 2, 3]]
    B = [[2, 1, 0, 0], [1, 4, 0, 0], [0, 0, 3, 2], [0, 0, 2, 5]]
    return NormalFormGame.from_arrays(A, B, labels=[["T1", "T2", "R1", "R2"], ["C1", "C2", "F1", "F2"]],
                                      title="Complicated Temptation Game")


def complicated_temptation_spi() -> NormalFormGame:
    """Player 0's unilateral SPI on the Complicated Temptation Game (Table 5).

    Player 0 keeps ``{R1, R2}`` and her representative values ``(Ri, Fj)`` as ``(Ti, Cj)`` is
    valued in the original (and ``(Ri, Cj)`` at 0); player 1 is unchanged.
    """
    A = [[0, 0, 4, 1], [0, 0, 1, 2]]
    B = [[0, 0, 3, 2], [0, 0, 2, 5]]
    return NormalFormGame.from_arrays(A, B, labels=[["R1", "R2"], ["C1", "C2", "F1", "F2"]],
                                      title="Complicated Temptation SPI")


def threat_game(*, transfer: Any = 2, threat_cost: Any = 1, harm: Any = 5, give_in_cost: Any = "1/10",
                surrogate_harm: Any = 0) -> NormalFormGame:
    """A threat game with a surrogate-goal option (after Baumann 2017/2018), as a bimatrix game.

    Player 0 (threatener): ``N`` (no threat), ``T`` (threaten the target's goal), ``S``
    (threaten a surrogate goal).  Player 1 (target) chooses a response policy ``XY``: ``X``
    is the response to a goal threat, ``Y`` to a surrogate threat, each ``G`` (give in: pay
    ``transfer``) or ``R`` (resist: the threat is carried out, costing the threatener
    ``threat_cost`` and the target ``harm`` for the goal, ``surrogate_harm`` for the
    surrogate).  Each readiness to give in costs the target ``give_in_cost`` (in every
    outcome): it makes the dominance arguments strict.

    With the defaults (and generally when ``transfer > 0``, ``harm > transfer + give_in_cost``,
    ``transfer + give_in_cost > surrogate_harm``, ``threat_cost > 0``, ``give_in_cost > 0``)
    iterated strict dominance removes ``GG``, ``RG`` and then ``S``: the original target
    ignores surrogate threats, so the default play is the goal-threat game
    ``{N, T} x {GR, RR}``.  :func:`spi.surrogate_goal` turns it into a strict unilateral SPI.
    """
    x = to_fraction(transfer, func="threat_game", param="transfer")
    c = to_fraction(threat_cost, func="threat_game", param="threat_cost")
    d = to_fraction(harm, func="threat_game", param="harm")
    delta = to_fraction(give_in_cost, func="threat_game", param="give_in_cost")
    h = to_fraction(surrogate_harm, func="threat_game", param="surrogate_harm")
    policies = ["GG", "GR", "RG", "RR"]

    def pay(thr: str, pol: str):
        readiness = -delta * pol.count("G")
        if thr == "N":
            return (0, readiness)
        resp = pol[0] if thr == "T" else pol[1]
        if resp == "G":
            return (x, -x + readiness)
        return (-c, (-d if thr == "T" else -h) + readiness)

    return NormalFormGame.from_payoff_function(
        (3, 4), pay, labels=[["N", "T", "S"], policies], players=["Threatener", "Target"],
        title="Threat game with a surrogate goal option",
    )
