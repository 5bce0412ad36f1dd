"""Tennenholtz's folk theorem for program equilibrium.

Tennenholtz, "Program equilibrium", Games and Economic Behavior 49 (2004) 363-373, Thm 1:
in the program game of a two-player game G, a payoff profile is attained by a program
equilibrium iff it is the payoff of a strategy profile of G that is *individually rational*:
each player gets at least its minmax value.  The construction (a generalized CliqueBot): player
i submits

    if the opponent's source equals P_{-i}: play the target strategy x_i
    else: play the punishment p_i, a minmax strategy against the opponent

Against P_{-i}, any program other than P_i is punished, so its best payoff is
``max_a u_i(a, p_{-i})``, the minmax value; the pair is an equilibrium iff ``u_i(x) >=`` that.
Conversely a deviator who simulates the opponent's program and best-responds to its output
always gets at least the minmax value, so no target below it is an equilibrium payoff.

Which minmax.  With ``punishment="mixed"`` (default) programs may randomize, the punisher uses
a mixed minmax strategy (``min_q max_a u_i(a, q)``, from :func:`solvers.zero_sum_solve`); with
``punishment="pure"`` programs are deterministic and the threshold is the pure minmax
``min_b max_a u_i(a, b)``, which is larger or equal, so fewer targets are supported.
(A deviator never needs to randomize: against a fixed punishment a pure best response is optimal.)
"""

from __future__ import annotations

from dataclasses import field
from fractions import Fraction
from typing import Any

import numpy as np

from solvers.errors import InvalidInputError, InvalidProfileError, bad_param
from solvers.games import MixedProfile, NormalFormGame
from solvers.results import Result, result

from .simulation import Context, Program, _check_two_player

__all__ = ["folk_theorem_programs", "FolkTheoremResult", "minmax_values"]


@result
class FolkTheoremResult(Result):
    """Tennenholtz's programs for a target profile and whether they are a program equilibrium.

    Attributes
    ----------
    target : tuple of dict
        The target strategy of each player ``{label: probability}``.
    target_payoffs : tuple of Fraction
    minmax : tuple of Fraction
        Each player's minmax value (pure or mixed, per ``params["punishment"]``).
    punishments : tuple of dict
        ``punishments[i]``: the strategy player i plays against a deviating opponent.
    deviation_payoffs : tuple of Fraction
        Each player's best payoff from deviating to any other program (= its minmax value).
    individually_rational : bool
        ``target_payoffs[i] >= minmax[i]`` for both players.
    is_program_equilibrium : bool
        Whether the constructed pair is a program equilibrium (equals ``individually_rational``:
        Tennenholtz's theorem).
    programs : tuple of Program
        The two programs (not in the repr); run them with :func:`~spi.programs.simulation.run_match`.
    """

    target: tuple = ()
    target_payoffs: tuple = ()
    minmax: tuple = ()
    punishments: tuple = ()
    deviation_payoffs: tuple = ()
    individually_rational: bool = False
    is_program_equilibrium: bool = False
    programs: tuple = field(default=(), repr=False, compare=False)


def _player_matrix(game: NormalFormGame, i: int) -> np.ndarray:
    """Player i's payoffs with i's actions as rows."""
    U = game.payoffs[i]
    return U if i == 0 else U.T


def minmax_values(game: NormalFormGame, *, punishment: str = "mixed") -> tuple[tuple, tuple]:
    """Minmax values and punishing strategies of a two-player game (exact).

    Returns ``(values, punishments)`` where ``punishments[i]`` is the strategy of player
    ``1 - i`` that holds player i to ``values[i]``, as a tuple of probabilities over
    player ``1 - i``'s actions.
    """
    _check_two_player("minmax_values", "game", game)
    if punishment not in ("mixed", "pure"):
        raise InvalidInputError(bad_param("minmax_values", "punishment", "'mixed' or 'pure'", punishment))
    g = game if game.exact else game.as_exact()
    vals, pun = [], []
    for i in range(2):
        M = _player_matrix(g, i)
        m, n = M.shape
        if punishment == "pure":
            col_max = [max(M[a, b] for a in range(m)) for b in range(n)]
            b = min(range(n), key=lambda j: (col_max[j], j))
            vals.append(col_max[b])
            pun.append(tuple(Fraction(int(j == b)) for j in range(n)))
        else:
            from solvers import zero_sum_solve

            res = zero_sum_solve(NormalFormGame.from_arrays(M, -M))
            vals.append(Fraction(res.value))
            pun.append(tuple(Fraction(x) for x in res.col_strategy))
    return tuple(vals), tuple(pun)


def _target_strategies(game: NormalFormGame, target: Any) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    if isinstance(target, MixedProfile):
        strats = [tuple(Fraction(x) for x in s.tolist()) for s in target.as_exact(game).strategies]
        return strats[0], strats[1]
    if not isinstance(target, (tuple, list)) or len(target) != 2:
        raise InvalidProfileError(bad_param("folk_theorem_programs", "target", "a pair of actions (labels or "
                                            "indices), of mixed strategies, or a MixedProfile", target))
    out = []
    for i, t in enumerate(target):
        n = game.shape[i]
        if isinstance(t, (int, np.integer, str)) and not isinstance(t, bool):
            try:
                a = game.action_index(i, t)
            except InvalidInputError:
                raise InvalidProfileError(bad_param("folk_theorem_programs", f"target[{i}]", f"an action of "
                                                    f"player {i} (one of {game.labels[i]} or an index "
                                                    f"0..{n - 1})", t)) from None
            out.append(tuple(Fraction(int(j == a)) for j in range(n)))
        else:
            prof = game.profile(*[t if k == i else [1] + [0] * (game.shape[k] - 1) for k in range(2)], exact=True)
            out.append(tuple(Fraction(x) for x in prof.strategies[i].tolist()))
    return out[0], out[1]


def folk_theorem_programs(game: NormalFormGame, target: Any, *, punishment: str = "mixed") -> FolkTheoremResult:
    """Construct Tennenholtz's program pair for ``target`` and decide if it is an equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        A two-player base game.
    target : pair or MixedProfile
        The target profile: a pair of actions (labels or indices) or of mixed strategies.
    punishment : {"mixed", "pure"}
        Punish with a mixed minmax strategy (randomizing programs) or a pure one.

    Returns
    -------
    FolkTheoremResult

    Examples
    --------
    >>> from spi.programs import prisoners_dilemma
    >>> r = folk_theorem_programs(prisoners_dilemma(), ("C", "C"))
    >>> r.target_payoffs, r.minmax, r.is_program_equilibrium
    ((Fraction(3, 1), Fraction(3, 1)), (Fraction(1, 1), Fraction(1, 1)), True)
    """
    _check_two_player("folk_theorem_programs", "game", game)
    if punishment not in ("mixed", "pure"):
        raise InvalidInputError(bad_param("folk_theorem_programs", "punishment", "'mixed' or 'pure'", punishment))
    g = game if game.exact else game.as_exact()
    x0, x1 = _target_strategies(g, target)
    xs = (x0, x1)
    u = []
    for i in range(2):
        M = _player_matrix(g, i)
        mine, other = xs[i], xs[1 - i]
        u.append(sum(mine[a] * M[a, b] * other[b] for a in range(M.shape[0]) for b in range(M.shape[1])))
    vals, pun = minmax_values(g, punishment=punishment)
    # deviation payoff: best pure response to the punishment
    dev = []
    for i in range(2):
        M = _player_matrix(g, i)
        q = pun[i]
        dev.append(max(sum(M[a, b] * q[b] for b in range(M.shape[1])) for a in range(M.shape[0])))
    labels = g.labels
    as_dist = lambda i, s: {labels[i][k]: p for k, p in enumerate(s) if p}   # noqa: E731
    targets = (as_dist(0, x0), as_dist(1, x1))
    punishes = (as_dist(0, pun[1]), as_dist(1, pun[0]))   # what player i plays against a deviator
    contract = f"tennenholtz:{hash((g, tuple(map(tuple, xs)), punishment)) & 0xFFFFFFFF:08x}"
    sources = tuple(f"# {contract} player {i}\nif opponent.source == SOURCE_OF_PLAYER_{1 - i}: "
                    f"play {targets[i]!r}\nelse: play {punishes[i]!r}" for i in range(2))
    programs = []
    for i in range(2):
        partner, tgt, pnh = sources[1 - i], targets[i], punishes[i]

        def func(ctx: Context, partner=partner, tgt=tgt, pnh=pnh) -> Any:
            out = tgt if ctx.opponent.source == partner else pnh
            return next(iter(out)) if len(out) == 1 else dict(out)

        programs.append(Program(f"Tennenholtz[{i}]", func, source=sources[i]))
    ir = all(u[i] >= vals[i] for i in range(2))
    pe = all(u[i] >= dev[i] for i in range(2))
    return FolkTheoremResult(
        target=targets, target_payoffs=tuple(u), minmax=vals, punishments=punishes,
        deviation_payoffs=tuple(dev), individually_rational=ir, is_program_equilibrium=pe,
        programs=tuple(programs), method="tennenholtz_2004", exact=True,
        params={"punishment": punishment},
    )
