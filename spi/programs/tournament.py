"""Round-robin tournaments of modal agents and their meta-game.

Every pair of agents (each agent also against itself) is evaluated exactly
(:mod:`spi.programs.modal`); all matches share one fixed-point system, so common subgames (such
as "X against DefectBot", which PrudentBot asks about) are computed once.  With a 2x2 base
game (action 0 = C, action 1 = D; default the prisoner's dilemma with T, R, P, S = 5, 3, 1, 0)
the *meta-game* is the two-player game in which each player chooses an agent and receives the
base-game payoff of the actions the two agents play against each other.  A pure Nash
equilibrium of the meta-game is a program equilibrium among the listed agents (Tennenholtz,
"Program equilibrium", GEB 2004, restricted to this finite program set).
"""

from __future__ import annotations

import importlib.util
from dataclasses import field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from solvers.errors import InvalidGameError, InvalidInputError, bad_param
from solvers.games import NormalFormGame
from solvers.results import Result, result

from .modal import ModalAgent, _as_agent, _trace_stats, evaluate_pairs

__all__ = ["tournament", "TournamentResult", "prisoners_dilemma", "simulation_tournament",
           "SimulationTournamentResult"]


def prisoners_dilemma(T: Any = 5, R: Any = 3, P: Any = 1, S: Any = 0) -> NormalFormGame:
    """The prisoner's dilemma with actions C, D (row payoffs ``[[R, S], [T, P]]``), exact."""
    return NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]], labels=[["C", "D"], ["C", "D"]],
                                      title="Prisoner's dilemma")


@result
class TournamentResult(Result):
    """A round-robin tournament of modal agents.

    Attributes
    ----------
    names : tuple of str
        The agents, in the order given.
    actions : tuple of tuple of str
        ``actions[i][j]``: the action of agent i against agent j (``"C"``/``"D"``).
    provable : tuple of tuple of bool
        ``provable[i][j]``: whether PA proves ``actions[i][j]``.
    scores : tuple
        Each agent's total base-game payoff over all its matches (including against itself).
    pure_equilibria : tuple of tuple of str
        Pure Nash equilibria of the meta-game, as (row agent, column agent) names.
    mixed_equilibria : tuple
        Extreme equilibria of the meta-game (``solvers.extreme_equilibria``) when requested
        and available; each equilibrium as a tuple of the two probability vectors.
    meta_game : NormalFormGame
        The meta-game over agents (not in the repr).
    stable_from, depth_bound : int
        Kripke world where the joint system stabilized, and the proven bound.
    """

    names: tuple = ()
    actions: tuple = ()
    provable: tuple = ()
    scores: tuple = ()
    pure_equilibria: tuple = ()
    mixed_equilibria: tuple = ()
    stable_from: int = 0
    depth_bound: int = 0
    meta_game: NormalFormGame | None = field(default=None, repr=False, compare=False)

    def table(self, *, width: int = 4) -> str:
        """The pairing table: row agent's action against the column agent.

        ``C``/``D`` with ``!`` when PA proves the action and ``?`` when it does not.
        """
        short = [n if len(n) <= 16 else n[:15] + "." for n in self.names]
        w = max(len(s) for s in short)
        cols = [f"{k:>{width}}" for k in range(len(self.names))]
        lines = [" " * (w + 5) + "".join(cols)]
        for i, name in enumerate(short):
            cells = "".join(f"{self.actions[i][j] + ('!' if self.provable[i][j] else '?'):>{width}}"
                            for j in range(len(self.names)))
            lines.append(f"{i:>3} {name:<{w}} {cells}")
        return "\n".join(lines)


def _unique_labels(names: Sequence[str]) -> list[str]:
    """The names, repeated ones suffixed ``#2``, ``#3``, ... (meta-game labels must be unique;
    a suffixed label never takes the name of another agent, e.g. one called ``"FairBot#2"``)."""
    taken = set(names)
    used: set[str] = set()
    out: list[str] = []
    for nm in names:
        lab, k = nm, 1
        while lab in used or (k > 1 and lab in taken):  # a suffixed label may not be another agent's name
            k += 1
            lab = f"{nm}#{k}"
        used.add(lab)
        out.append(lab)
    return out


def _check_base(game: NormalFormGame | None) -> NormalFormGame:
    if game is None:
        return prisoners_dilemma()
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param("tournament", "base_game", "a NormalFormGame", game))
    if game.shape != (2, 2):
        raise InvalidGameError(bad_param("tournament", "base_game", "a 2x2 game (action 0 = C, 1 = D)",
                                         f"shape {game.shape}", raw=True))
    return game


def tournament(agents: Sequence[ModalAgent | str], base_game: NormalFormGame | None = None, *,
               mixed: bool = False, mixed_limit: int = 8) -> TournamentResult:
    """Round-robin tournament of modal agents, its meta-game and the meta-game's equilibria.

    Parameters
    ----------
    agents : sequence of ModalAgent or str
        The agents (names of standard agents accepted).  Outcomes never depend on names.
    base_game : NormalFormGame, optional
        A 2x2 game, action 0 = C, action 1 = D (default :func:`prisoners_dilemma`).
    mixed : bool
        Also compute the meta-game's extreme mixed equilibria with
        ``solvers.extreme_equilibria`` (meta-games are degenerate: duplicate rows abound), or
        ``solvers.support_enumeration`` if that is all there is, when there are at most
        ``mixed_limit`` agents; otherwise the result's message says why they are absent.
    mixed_limit : int
        Largest number of agents for the mixed-equilibrium computation.

    Returns
    -------
    TournamentResult

    Examples
    --------
    >>> r = tournament(["DefectBot", "FairBot", "PrudentBot"])
    >>> r.pure_equilibria
    (('DefectBot', 'DefectBot'), ('FairBot', 'FairBot'), ('FairBot', 'PrudentBot'), ('PrudentBot', 'FairBot'), ('PrudentBot', 'PrudentBot'))
    """
    if isinstance(agents, (str, ModalAgent)) or not hasattr(agents, "__iter__"):
        raise InvalidInputError(bad_param("tournament", "agents", "a sequence of ModalAgent", agents))
    ags = [_as_agent("tournament", "agents", a) for a in agents]
    if not ags:
        raise InvalidInputError(bad_param("tournament", "agents", "a non-empty sequence", agents))
    game = _check_base(base_game)
    n = len(ags)
    pairs = [(ags[i], ags[j]) for i in range(n) for j in range(i, n)]
    traces, stable, bound = evaluate_pairs(pairs)
    acts = [[""] * n for _ in range(n)]
    prov = [[False] * n for _ in range(n)]
    coop = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        for j in range(n):
            st = _trace_stats(traces[(id(ags[i]), id(ags[j]))])
            acts[i][j] = st[0]
            prov[i][j] = st[3]
            coop[i, j] = 0 if st[0] == "C" else 1
    u0, u1 = game.payoffs
    dt = object if game.exact else float
    A = np.empty((n, n), dtype=dt)
    B = np.empty((n, n), dtype=dt)
    for i in range(n):
        for j in range(n):
            A[i, j] = u0[coop[i, j], coop[j, i]]
            B[i, j] = u1[coop[i, j], coop[j, i]]
    labels = _unique_labels([a.name for a in ags])
    meta = NormalFormGame.from_arrays(A, B, labels=[labels, labels], title="Modal-agent meta-game")
    scores = tuple(sum(A[i, j] for j in range(n)) for i in range(n))
    from solvers import pure_equilibria

    pe = pure_equilibria(meta)
    pure = tuple((labels[p[0]], labels[p[1]]) for p in pe.profiles)
    mixed_eq: tuple = ()
    message = ""
    solver_name = None
    if mixed:
        solver_name = next((nm for nm, mod in (("extreme_equilibria", "solvers.extreme"),
                                               ("support_enumeration", "solvers.support_enum"))
                            if importlib.util.find_spec(mod) is not None), None)
        if solver_name is None:
            message = "mixed equilibria not computed: no mixed-equilibrium solver in solvers"
        elif n > mixed_limit:
            message = f"mixed equilibria not computed: {n} agents > mixed_limit={mixed_limit}"
        else:
            import solvers

            res = getattr(solvers, solver_name)(meta)
            mixed_eq = tuple(tuple(tuple(s.tolist()) for s in eq.strategies) for eq in res.equilibria)
            if res.status != "ok":
                message = f"{solver_name} status {res.status}: {res.message}"
    return TournamentResult(
        names=tuple(labels), actions=tuple(tuple(r) for r in acts), provable=tuple(tuple(r) for r in prov),
        scores=scores, pure_equilibria=pure, mixed_equilibria=mixed_eq, stable_from=stable, depth_bound=bound,
        meta_game=meta, method="gl_linear_kripke_chain", exact=True, message=message,
        params={"n_agents": n, "mixed": mixed, "mixed_solver": solver_name if mixed else None, "mixed_limit": mixed_limit, "base_game": game.title or "2x2"},
    )


@result
class SimulationTournamentResult(Result):
    """A round-robin tournament of grounded simulation programs, exact.

    Attributes
    ----------
    names : tuple of str
    cooperation : tuple of tuple of Fraction
        ``cooperation[i][j]``: probability that program i plays action 0 (C) against program j.
    payoffs : tuple of tuple of Fraction
        ``payoffs[i][j]``: program i's exact expected payoff against program j.
    pure_equilibria : tuple of tuple of str
        Pure Nash equilibria of the meta-game (program equilibria among the listed programs).
    meta_game : NormalFormGame
        The meta-game over programs (not in the repr).
    """

    names: tuple = ()
    cooperation: tuple = ()
    payoffs: tuple = ()
    pure_equilibria: tuple = ()
    meta_game: NormalFormGame | None = field(default=None, repr=False, compare=False)


def simulation_tournament(programs: Sequence[Any], base_game: NormalFormGame | None = None, *,
                          fallback: Any = None) -> SimulationTournamentResult:
    """Round-robin tournament of grounded simulators with exact expected payoffs.

    Every match is solved by :func:`~spi.programs.simulation.exact_match` (the recursion, in
    Fractions); the meta-game's payoffs are the exact expected payoffs and its pure equilibria
    come from :func:`solvers.pure_equilibria`.

    Parameters
    ----------
    programs : sequence of GroundedSimulator
    base_game : NormalFormGame, optional
        A two-player game whose action labels the programs output (default the PD, C/D).
    fallback : action, optional
        Action of a run that never halts (default: the base game's second action of each player).

    Returns
    -------
    SimulationTournamentResult
        Status ``"truncated"`` when some match has a run that never halts (see
        :func:`~spi.programs.simulation.exact_match`), the message lists those matches.
    """
    from .simulation import GroundedSimulator, _check_two_player, exact_match

    try:
        progs = list(programs)
    except TypeError:
        progs = []  # not a sequence: the error below names it
    if not progs or not all(isinstance(p, GroundedSimulator) for p in progs):
        raise InvalidInputError(bad_param("simulation_tournament", "programs", "a non-empty sequence of "
                                          "GroundedSimulator", programs))
    game = prisoners_dilemma() if base_game is None else base_game
    _check_two_player("simulation_tournament", "base_game", game)
    g = game if game.exact else game.as_exact()
    fb = fallback if fallback is not None else g.labels[0][min(1, g.shape[0] - 1)]
    n = len(progs)
    A = np.empty((n, n), dtype=object)
    B = np.empty((n, n), dtype=object)
    coop = [[Fraction(0)] * n for _ in range(n)]
    first = g.labels[0][0]
    cut = []
    for i in range(n):
        for j in range(n):
            r = exact_match(progs[i], progs[j], g, fallback=fb)
            A[i, j], B[i, j] = r.payoffs
            coop[i][j] = r.distributions[0].get(first, Fraction(0))
            if r.status == "truncated":
                cut.append((i, j))
    labels = _unique_labels([p.name for p in progs])
    meta = NormalFormGame.from_arrays(A, B, labels=[labels, labels], title="Simulation-program meta-game")
    from solvers import pure_equilibria

    pe = pure_equilibria(meta)
    return SimulationTournamentResult(
        names=tuple(labels), cooperation=tuple(tuple(r) for r in coop),
        payoffs=tuple(tuple(A[i, j] for j in range(n)) for i in range(n)),
        pure_equilibria=tuple((labels[a], labels[b]) for a, b in pe.profiles), meta_game=meta,
        method="grounded_simulation_recursion", exact=True, params={"n_programs": n, "fallback": fb},
        status="truncated" if cut else "ok",
        message=(f"{len(cut)} match(es) include a run that never halts (its mass is on the fallback {fb!r}): "
                 + ", ".join(f"{labels[i]} vs {labels[j]}" for i, j in cut[:10])
                 + (", ..." if len(cut) > 10 else "")) if cut else "",
    )
