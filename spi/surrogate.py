"""Surrogate goals: a target deflects threats onto a harmless surrogate, as a unilateral SPI.

Idea (Baumann, "Using surrogate goals to deflect threats", 2017/2018; Oesterheld & Conitzer
2022 discuss surrogate goals as an instance of SPIs, unilateral ones in particular): the
target of potential threats instructs its representative to care about a *surrogate goal*
(something whose destruction does the target little harm) exactly as it cares about its real
goal, and to respond to threats against the real goal as it would have responded to threats
against the surrogate.  A threatener then faces the same strategic situation as before, only
with the roles of the two goals exchanged; if it carries out a threat, it hits the surrogate.

Formalization (ours; the paper gives the idea, not a normal form).  A *threat game* is a
two-player game in which the threatener has an action ``threat`` (threaten the real goal) and
an action ``surrogate`` (threaten the surrogate), and every target action ``y`` has a *mirror*
``sigma(y)``, the policy that responds to goal threats as ``y`` responds to surrogate threats
and vice versa (target labels ``"XY"`` = response ``X`` to a goal threat, ``Y`` to a surrogate
threat have the mirror ``"YX"``).  Let ``tau`` exchange ``threat`` and ``surrogate`` and fix the
other threatener actions.  The surrogate-goal substitute keeps every threatener action and
utility (the threatener does not participate: a unilateral change of the target) and gives the
target's representative

* the actions ``sigma(y)`` for the target actions ``y`` that survive in ``reduce(G)``;
* the utilities ``u^s_target(x, y) = u_target(tau(x), sigma(y))``: outcomes are valued as their
  mirror images were valued before (the surrogate is now "the goal").

If the reduced original is the goal-threat game, the reduced substitute is its mirror image
(threats against the surrogate), the map ``(x, y) -> (tau(x), sigma(y))`` is an isomorphism,
and the SPI is strict exactly when executed surrogate threats hurt the target less than
executed goal threats.  :func:`spi.examples.threat_game` is a parametric instance.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from solvers._validate import check_bool
from solvers.errors import InvalidInputError, bad_param
from solvers.games import NormalFormGame
from solvers.results import Result, result

from ._common import check_game, player_of
from .core import SPIResult, is_spi
from .reduction import reduce_dominated

__all__ = ["SurrogateGoalResult", "surrogate_goal"]


@result
class SurrogateGoalResult(Result):
    """The surrogate-goal substitute and its SPI verdict.

    Attributes
    ----------
    substitute : NormalFormGame
        The game the representatives play after the target adopts the surrogate goal.
    verdict : SPIResult
        ``is_spi(game, substitute, unilateral=target)`` with its derivation.
    is_spi, strict : bool
        Shortcuts to the verdict.
    mirror : dict
        The target-action mirror ``sigma`` used.
    kept : tuple of str
        The target actions kept in the substitute.
    """

    substitute: NormalFormGame | None = None
    verdict: SPIResult | None = None
    is_spi: bool = False
    strict: bool = False
    mirror: Mapping[str, str] | None = None
    kept: tuple[str, ...] = ()


def _default_mirror(labels: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for lab in labels:
        if len(lab) != 2 or lab[::-1] not in labels:
            raise InvalidInputError(bad_param(
                "surrogate_goal", "mirror", "given explicitly (target labels are not all two-letter "
                "policies 'XY' whose mirror 'YX' exists)", labels))
        out[lab] = lab[::-1]
    return out


def _twin_mode(func: str, game: NormalFormGame, twins: Any, changing: Any, strict: bool) -> SurrogateGoalResult:
    from .search import certificate_substitute

    n = game.n_players
    if isinstance(twins, Mapping):
        twins = [twins.get(i, twins.get(game.players[i])) for i in range(n)]
    try:
        twins = list(twins)
    except TypeError:
        raise InvalidInputError(bad_param(func, "twins", f"one mapping (or None) per player ({n})", twins)) from None
    if len(twins) != n:
        raise InvalidInputError(bad_param(func, "twins", f"one mapping (or None) per player ({n})", twins))
    p = None
    if changing is not None:
        p = player_of(func, "changing", game, changing, f"None or a player of the game {game.players}")
    red = reduce_dominated(game)
    mapping = []
    for i in range(n):
        surv = [game.labels[i][x] for x in red.surviving[i]]
        if twins[i] is None:
            mapping.append({a: a for a in surv})
            continue
        tw = dict(twins[i])
        for a in surv:
            if a not in tw or tw[a] not in game.labels[i]:
                raise InvalidInputError(bad_param(func, f"twins[{i}]", f"a twin action of player {i} for "
                                                  f"every surviving action {surv}", twins[i]))
        if len(set(tw[a] for a in surv)) != len(surv):
            raise InvalidInputError(bad_param(func, f"twins[{i}]", "distinct twin actions", twins[i]))
        mapping.append({a: tw[a] for a in surv})
    sub = certificate_substitute(game, mapping, unilateral=p)
    verdict = is_spi(game, sub, strict=strict, unilateral=p)
    shown = p if p is not None else 0
    return SurrogateGoalResult(
        substitute=sub, verdict=verdict, is_spi=verdict.is_spi, strict=verdict.strict, mirror=None,
        kept=tuple(sub.labels[shown]), method="surrogate twins (copy the reduced game onto twin actions)",
        exact=game.exact, status="ok",
        params={"twins": [None if t is None else dict(t) for t in twins], "changing": changing, "strict": strict},
    )


def surrogate_goal(
    game: NormalFormGame,
    *,
    target: int | str = 1,
    threat: str = "T",
    surrogate: str = "S",
    mirror: Mapping[str, str] | None = None,
    twins: Any = None,
    changing: int | str | None = None,
    strict: bool = True,
) -> SurrogateGoalResult:
    """Let the target adopt a surrogate goal; build the substitute game and check it is an SPI.

    Parameters
    ----------
    game : NormalFormGame
        A two-player threat game (see the module docstring and
        :func:`spi.examples.threat_game`).
    target : int or str
        The target player (the other one is the threatener).
    threat, surrogate : str
        The threatener's actions "threaten the real goal" and "threaten the surrogate".
    mirror : mapping, optional
        Target action -> its mirror policy (an involution on the target's labels).  Default:
        reverse two-letter labels (``"GR" -> "RG"``).
    twins : sequence or mapping, optional
        The *surrogate-conflict* form (as in the Demand Game, where both countries' commissions
        treat a demand-with-leader conflict like war): per player a mapping from each action
        surviving in ``reduce(game)`` to its twin action (``None``: the identity).  The
        representatives keep only the twins and value twin outcomes as the original outcomes are
        valued.  ``target``/``threat``/``surrogate``/``mirror`` are then ignored.
    changing : int, str or None
        Twin form only: ``None`` (every player's representative changes: omnilateral) or the one
        player who changes (unilateral: the others keep all actions and their utilities; their
        twins only say which of their actions the play moves to).
    strict : bool
        Ask for a strict SPI in the verdict.

    Returns
    -------
    SurrogateGoalResult
        The substitute game, the verdict of :func:`spi.is_spi` (unilateral for the target) and
        the mirror used.

    Examples
    --------
    >>> from spi.examples import threat_game
    >>> r = surrogate_goal(threat_game())
    >>> r.is_spi, r.kept, r.verdict.strict_outcomes
    (True, ('RG', 'RR'), (('T', 'RR'),))
    >>> from spi.examples import demand_game
    >>> d = surrogate_goal(demand_game(), twins=[{"DM": "DL", "RM": "RL"}] * 2)
    >>> d.is_spi, d.substitute.payoffs[0].tolist()
    (True, [[Fraction(-3, 1), Fraction(2, 1)], [Fraction(0, 1), Fraction(1, 1)]])
    """
    func = "surrogate_goal"
    check_game(func, "game", game)
    strict = check_bool(func, "strict", strict)
    if twins is not None:
        return _twin_mode(func, game, twins, changing, strict)
    if game.n_players != 2:
        raise InvalidInputError(bad_param(func, "game", "a two-player threat game",
                                          f"{game.n_players} players", raw=True))
    t = player_of(func, "target", game, target)
    h = 1 - t
    for name, lab in (("threat", threat), ("surrogate", surrogate)):
        if lab not in game.labels[h]:
            raise InvalidInputError(bad_param(func, name, f"an action of the threatener {game.labels[h]}", lab))
    if threat == surrogate:
        raise InvalidInputError(bad_param(func, "surrogate", "an action different from threat", surrogate))
    if mirror is None:
        sigma = _default_mirror(game.labels[t])
    else:
        try:
            sigma = dict(mirror)
        except (TypeError, ValueError):  # mirror=1.5 or "x"
            raise InvalidInputError(bad_param(func, "mirror", "a mapping target action -> mirror action",
                                              mirror)) from None
    for y in game.labels[t]:
        if y not in sigma or sigma[y] not in game.labels[t] or sigma.get(sigma[y]) != y:
            raise InvalidInputError(bad_param(func, "mirror", "an involution on the target's actions "
                                              f"{game.labels[t]}", mirror))
    tau = {x: x for x in game.labels[h]}
    tau[threat], tau[surrogate] = surrogate, threat
    red = reduce_dominated(game)
    kept = tuple(sigma[game.labels[t][y]] for y in red.surviving[t])
    actions: list[Any] = [None, None]
    actions[t] = list(kept)
    # the target's representative's utilities on the substitute profiles
    thr_labels = list(game.labels[h])
    shape = [0, 0]
    shape[h] = len(thr_labels)
    shape[t] = len(kept)
    ut = np.empty(tuple(shape), dtype=object if game.exact else float)
    for xi, x in enumerate(thr_labels):
        for yi, y in enumerate(kept):
            prof = [None, None]
            prof[h] = tau[x]
            prof[t] = sigma[y]
            val = game.payoff(prof)[t]
            pos = [0, 0]
            pos[h] = xi
            pos[t] = yi
            ut[tuple(pos)] = val
    from .core import subset_game

    sub = subset_game(game, actions, {t: ut}, title=f"{game.title or 'threat game'}: surrogate goal")
    verdict = is_spi(game, sub, strict=strict, unilateral=t)
    return SurrogateGoalResult(
        substitute=sub, verdict=verdict, is_spi=verdict.is_spi, strict=verdict.strict, mirror=sigma,
        kept=kept, method="surrogate goal (mirror the target's utilities and policies)", exact=game.exact,
        status="ok", params={"target": t, "threat": threat, "surrogate": surrogate, "strict": strict},
    )
