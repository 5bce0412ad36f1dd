"""Simulation-based program games: programs that run each other under a finite budget.

Setting (Tennenholtz, "Program equilibrium", GEB 49, 2004; Oesterheld, "Robust program
equilibrium", Theory and Decision 86, 2019).  Each player submits a program; a program receives
its opponent's program (its ``source`` text, and the ability to *run* it) and outputs an
action of the base game, or a mixed strategy.  Here a program is a Python callable
``func(ctx)`` wrapped in :class:`Program`, where ``ctx`` offers

* ``ctx.me``, ``ctx.opponent``: the two :class:`Program` objects (``.source`` is the code that
  may be compared, as CliqueBot does);
* ``ctx.simulate(x, y)``: run program ``x`` against program ``y`` (a nested run);
* ``ctx.random()``: a uniform number in [0, 1) from the run's seeded generator, and
  ``ctx.sample(dist)`` to draw from a mixed strategy ``{action: probability}``.

Budget and the outcome when it is exhausted.  Every top-level run (one per player) gets a
budget of ``max_depth`` nested simulations and ``max_steps`` simulation calls in total, and
optionally ``max_lines`` executed Python lines (counted with :func:`sys.settrace`, so that a
program looping without simulating is cut too; off by default because tracing is slow).  A run
that would exceed either (or the interpreter's recursion limit, which deep nesting reaches
before a large ``max_depth``) is abandoned *as a whole* (the exception used cannot be caught by the
program's own ``except Exception``), and that player's action is its *fallback*: the program's
``fallback`` attribute, else the match's ``fallback`` argument (default ``"D"``).  This is the
usual reading of a non-halting program as defection; the match result's ``status`` is then
``"truncated"`` and ``exhausted`` says whose run was cut.  A budget must be given (a finite
positive int); asking for an unbounded simulation raises :class:`~spi.programs.BudgetError`.

Exact analysis of grounded simulators.  A :class:`GroundedSimulator` outputs, with probability
``epsilon``, a fixed ("ground") mixed strategy ``g``; otherwise it runs ``x`` against ``y``
(by default its opponent against itself) and maps the result ``a`` to the mixed strategy
``respond[a]``.  Oesterheld's epsilon-grounded FairBot is ``g = C``, ``respond = copy``.
Each branch makes one simulation, so a run visits a *deterministic* sequence of matches
``s_0 -> s_1 -> ...`` (eventually periodic) and stops at ``s_j`` with probability
``epsilon_j prod_{i<j} (1 - epsilon_i)``.  The output distributions ``v_s`` therefore solve the
linear system ``v_s = epsilon_s g_s + (1 - epsilon_s) R_s v_next(s)``, solved exactly in
Fractions around the cycle (a geometric series); a cycle of zero epsilons never halts and its
mass goes to the fallback action (reported as ``p_nonterminating``).  The two players' runs use
independent randomness, so the joint outcome is the product of the marginals.

Oesterheld's epsilon-grounded pi-bot for a memory-one strategy pi of the repeated game (first
move ``pi_0``, reply ``pi(a)`` to the opponent's last move ``a``) is
``GroundedSimulator(name, epsilon, pi_0, {a: pi(a)})``.

Equilibrium of grounded simulators (Oesterheld 2019, §3-4).  Against a grounded simulator that
simulates its opponent against itself, every run of a deviating program ``p`` (halting almost
surely, reading only source code) has the same output distribution ``y``; the simulator then
plays ``z(y) = epsilon g + (1 - epsilon) R y``, independently of ``p``'s own run, so ``p``
earns ``y^T U z(y)``: a quadratic in ``y`` over the simplex, maximized exactly by enumerating
the faces (KKT).  A pair is a program equilibrium iff neither player's payoff in the pair is
below that maximum.  For epsilon-grounded FairBots in the prisoner's dilemma this is
``1 - epsilon >= max((T - R)/(T - P), (T - R)/(R - S))``: the tit-for-tat condition of the
repeated game with continuation probability ``1 - epsilon``, as Oesterheld's correspondence
predicts.
"""

from __future__ import annotations

import inspect
import itertools
import random as _random
import sys
from fractions import Fraction
from typing import Any, Callable, Hashable, Mapping

from solvers._exact import solve_square
from solvers.errors import InvalidInputError, InvalidProbabilityError, UnsupportedError, _short, bad_param
from solvers.games import NormalFormGame
from solvers.numbers import to_fraction
from solvers.results import Result, result

from .errors import BudgetError

__all__ = [
    "Program", "GroundedSimulator", "Context", "run_match", "SimulationMatch",
    "cooperate_bot", "defect_bot", "clique_bot", "mirror_bot", "random_bot", "constant_program",
    "epsilon_grounded_fairbot", "grounded_simulator",
    "exact_match", "ExactMatch", "monte_carlo_match", "MonteCarloMatch",
    "grounded_equilibrium", "GroundedEquilibrium", "epsilon_grounded_fairbot_threshold",
]

Action = Hashable


class _Exhausted(BaseException):
    """Internal: the budget of a top-level run is used up (not catchable by ``except Exception``)."""


def _check_dist(func: str, param: str, dist: Any) -> dict[Action, Fraction]:
    """A mixed strategy as ``{action: Fraction}``; a bare action means probability one."""
    if isinstance(dist, Mapping):
        out: dict[Action, Fraction] = {}
        for k, v in dist.items():
            p = to_fraction(v, func=func, param=f"{param}[{k!r}]")
            if p < 0:
                raise InvalidProbabilityError(bad_param(func, f"{param}[{k!r}]", "a probability >= 0", v))
            if p:
                out[k] = out.get(k, Fraction(0)) + p
        if sum(out.values()) != 1:
            raise InvalidProbabilityError(bad_param(func, param, "probabilities summing to 1", dist))
        return out
    try:
        hash(dist)
    except TypeError:
        raise InvalidInputError(bad_param(func, param, "an action or a mapping action -> probability", dist)) from None
    return {dist: Fraction(1)}


class Program:
    """A program of the program game: a callable ``func(ctx) -> action or mixed strategy``.

    Parameters
    ----------
    name : str
        Display name.
    func : callable
        ``func(ctx)`` (see the module docstring for ``ctx``).
    source : str, optional
        The program's code as seen by other programs (default: the source text of ``func``
        plus ``name``).  Two programs are "identical" for CliqueBot iff their sources are equal.
    fallback : action, optional
        The action used when this program's run exhausts its budget (default: the match's).
    """

    __slots__ = ("name", "func", "source", "fallback")

    def __init__(self, name: str, func: Callable[["Context"], Any], *, source: str | None = None,
                 fallback: Action | None = None) -> None:
        if not isinstance(name, str) or not name:
            raise InvalidInputError(bad_param("Program", "name", "a non-empty str", name))
        if not callable(func):
            raise InvalidInputError(bad_param("Program", "func", "a callable func(ctx)", func))
        if source is None:
            try:
                source = inspect.getsource(func)
            except (OSError, TypeError):
                source = repr(func)
            source = f"# {name}\n{source}"
        self.name = name
        self.func = func
        self.source = source
        self.fallback = fallback

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class Context:
    """What a running program sees: itself, its opponent, simulation and randomness."""

    __slots__ = ("me", "opponent", "_run", "depth")

    def __init__(self, me: Program, opponent: Program, run: "_Run", depth: int) -> None:
        self.me = me
        self.opponent = opponent
        self._run = run
        self.depth = depth

    def simulate(self, x: Program, y: Program) -> Any:
        """Run program ``x`` against program ``y`` (counts against the budget)."""
        if not isinstance(x, Program) or not isinstance(y, Program):
            raise InvalidInputError(bad_param("Context.simulate", "x, y", "Program objects", (x, y)))
        return self._run.call(x, y, self.depth + 1)

    def random(self) -> float:
        """A uniform random number in [0, 1) (seeded per match)."""
        return self._run.rng.random()

    def sample(self, dist: Mapping[Action, Any] | Action) -> Action:
        """Draw an action from a mixed strategy ``{action: probability}`` (or return an action)."""
        if not isinstance(dist, Mapping):
            return dist
        u = Fraction(self._run.rng.random())
        acc = Fraction(0)
        last = None
        for a, p in dist.items():
            p = to_fraction(p)
            if p <= 0:
                continue
            acc += p
            last = a
            if u < acc:
                return a
        return last


class _Run:
    def __init__(self, rng: _random.Random, max_depth: int, max_steps: int, max_lines: int | None = None) -> None:
        self.rng = rng
        self.max_depth = max_depth
        self.max_steps = max_steps
        self.max_lines = max_lines
        self.lines = 0
        self.steps = 0
        self.deepest = 0
        self.stack_cut = False

    def _tracer(self, frame, event, arg):
        if event == "line":
            self.lines += 1
            if self.lines > self.max_lines:  # type: ignore[operator]
                raise _Exhausted()
        return self._tracer

    def top(self, me: Program, opp: Program) -> Any:
        """The top-level run, under the line budget when one is set."""
        if self.max_lines is None:
            return self.call(me, opp, 0)
        previous = sys.gettrace()
        sys.settrace(self._tracer)
        try:
            return self.call(me, opp, 0)
        finally:
            sys.settrace(previous)

    def call(self, x: Program, y: Program, depth: int) -> Any:
        if depth > self.max_depth:
            raise _Exhausted()
        if depth > 0:
            if self.steps >= self.max_steps:
                raise _Exhausted()
            self.steps += 1
        self.deepest = max(self.deepest, depth)
        try:
            return x.func(Context(x, y, self, depth))
        except RecursionError:
            # the interpreter's stack ran out before max_depth: the run is cut like any other
            # exhausted run (it used to escape run_match as a RecursionError at max_depth ~ 1000)
            self.stack_cut = True
            raise _Exhausted() from None


def _check_budget(func: str, max_depth: Any, max_steps: Any, max_lines: Any = None) -> tuple[int, int]:
    if max_lines is not None and (not isinstance(max_lines, int) or isinstance(max_lines, bool) or max_lines < 1):
        raise InvalidInputError(bad_param(func, "max_lines", "None or a positive int", max_lines))
    for name, v in (("max_depth", max_depth), ("max_steps", max_steps)):
        if v is None or (isinstance(v, float) and v == float("inf")):
            raise BudgetError(bad_param(func, name, "a finite budget (a positive int); unbounded mutual "
                                        "simulation may never halt", v))
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise InvalidInputError(bad_param(func, name, "a non-negative int", v))
    return max_depth, max_steps


@result
class SimulationMatch(Result):
    """One run of a match between two programs.

    Attributes
    ----------
    programs : tuple of str
    outputs : tuple
        Each program's output (an action, or a mixed strategy ``{action: probability}``);
        the fallback action when its run was cut.
    exhausted : tuple of bool
        Whether each player's run exceeded the budget.
    steps : tuple of int
        Simulation calls made in each player's run.
    depth : tuple of int
        Deepest nesting reached in each player's run.
    payoffs : tuple
        Expected payoffs of the outputs in the base game (exact), if a game was given.
    """

    programs: tuple = ()
    outputs: tuple = ()
    exhausted: tuple = ()
    steps: tuple = ()
    depth: tuple = ()
    payoffs: tuple = ()


def _check_two_player(func: str, param: str, game: Any) -> None:
    """``game`` must be a two-player :class:`~solvers.games.NormalFormGame` (the error names ``param``)."""
    if not isinstance(game, NormalFormGame) or game.n_players != 2:
        raise InvalidInputError(bad_param(func, param, "a two-player NormalFormGame", game))


def _check_actions(func: str, game: NormalFormGame, i: int, dist: Mapping, param: str, must: str,
                   got: Callable[[Action], str]) -> None:
    """Every action of the mixed strategy ``dist`` must be an action of player ``i`` of ``game``;
    else ``InvalidInputError(bad_param(func, param, must, got(a), raw=True))`` for the first
    offending action ``a``."""
    for a in dist:
        try:
            game.action_index(i, a)
        except InvalidInputError:
            raise InvalidInputError(bad_param(func, param, must, got(a), raw=True)) from None


def _expected_payoffs(game: NormalFormGame, out_a: Any, out_b: Any, func: str = "run_match") -> tuple:
    da = _check_dist(func, "output", out_a)
    db = _check_dist(func, "output", out_b)
    for i, d in enumerate((da, db)):
        who = 'program_a' if i == 0 else 'program_b'
        _check_actions(func, game, i, d, "game",
                       f"a game in which the programs' outputs are actions (player {i}: {game.labels[i]})",
                       lambda a, who=who: f"output {a!r} of {who}")
    exact = game.exact
    vals = []
    for i in range(2):
        total = Fraction(0) if exact else 0.0
        for a, pa in da.items():
            for b, pb in db.items():
                u = game.payoff((a, b))[i]
                total += (pa * pb * u) if exact else float(pa) * float(pb) * float(u)
        vals.append(total)
    return tuple(vals)


def _rng(func: str, seed: Any) -> _random.Random:
    """``random.Random(seed)``; an unusable seed (e.g. a list) is an error naming ``seed``."""
    try:
        return _random.Random(seed)
    except TypeError:
        raise InvalidInputError(bad_param(func, "seed", "None, an int or a str", seed)) from None


def _check_fallbacks(func: str, game: NormalFormGame, programs: tuple, used: Any, fallback: Action) -> None:
    """Every fallback a cut run plays must be an action of its player (the error names it)."""
    for i, (p, cut) in enumerate(zip(programs, used)):
        if not cut:
            continue
        own = p.fallback is not None
        who = f"{'program_a' if i == 0 else 'program_b'}.fallback" if own else "fallback"
        fb = p.fallback if own else fallback
        must = f"an action of player {i} {game.labels[i]} (played by a run that is cut or never halts)"
        try:
            dist = _check_dist(func, who, fb)
        except InvalidInputError:
            raise InvalidInputError(bad_param(func, who, must, fb)) from None
        _check_actions(func, game, i, dist, who, must, lambda a, fb=fb: _short(fb))


def run_match(program_a: Program, program_b: Program, game: NormalFormGame | None = None, *,
              max_depth: int | None = 100, max_steps: int | None = 10_000, seed: int | None = 0,
              fallback: Action = "D", max_lines: int | None = None) -> SimulationMatch:
    """Run two programs against each other once, under a budget.

    Parameters
    ----------
    program_a, program_b : Program
        The row and column players' programs.
    game : NormalFormGame, optional
        Base game: outputs are its action labels (or indices); payoffs are reported.
    max_depth, max_steps : int
        The budget of each player's run (see the module docstring); ``None`` is refused.
    seed : int, optional
        Seed of the random generator (runs are reproducible).
    fallback : action
        Output of a program without its own ``fallback`` when its run is cut.
    max_lines : int, optional
        Also cut a run after this many executed Python lines (``sys.settrace``; slow).

    Returns
    -------
    SimulationMatch
        ``status="truncated"`` when a run exhausted the budget.
    """
    for name, p in (("program_a", program_a), ("program_b", program_b)):
        if not isinstance(p, Program):
            raise InvalidInputError(bad_param("run_match", name, "a Program", p))
    max_depth, max_steps = _check_budget("run_match", max_depth, max_steps, max_lines)
    rng = _rng("run_match", seed)
    outs, exh, steps, depth = [], [], [], []
    stack_cut = False
    for me, opp in ((program_a, program_b), (program_b, program_a)):
        run = _Run(rng, max_depth, max_steps, max_lines)
        try:
            out = run.top(me, opp)
            cut = False
        except _Exhausted:
            out = me.fallback if me.fallback is not None else fallback
            cut = True
        stack_cut = stack_cut or run.stack_cut
        outs.append(out)
        exh.append(cut)
        steps.append(run.steps)
        depth.append(run.deepest)
    pays: tuple = ()
    if game is not None:
        _check_two_player("run_match", "game", game)
        _check_fallbacks("run_match", game, (program_a, program_b), exh, fallback)
        pays = _expected_payoffs(game, outs[0], outs[1])
    truncated = any(exh)
    return SimulationMatch(
        programs=(program_a.name, program_b.name), outputs=tuple(outs), exhausted=tuple(exh),
        steps=tuple(steps), depth=tuple(depth), payoffs=pays, method="bounded_simulation",
        exact=game is None or game.exact, status="truncated" if truncated else "ok",
        message=(("budget exhausted" + (" (the Python stack ran out before max_depth)" if stack_cut else "")
                  + "; the cut run played its fallback action") if truncated else ""),
        params={"max_depth": max_depth, "max_steps": max_steps, "max_lines": max_lines, "seed": seed,
                "fallback": fallback},
    )


# -- standard programs ---------------------------------------------------------------------------
def constant_program(action: Action | Mapping[Action, Any], name: str | None = None) -> Program:
    """The program that ignores its opponent and outputs ``action`` (or a mixed strategy)."""
    dist = _check_dist("constant_program", "action", action)
    out = action if len(dist) == 1 and not isinstance(action, Mapping) else dist
    nm = name or f"Constant({action!r})"
    return GroundedSimulator(nm, 1, dist, None, source=f"# {nm}\nreturn {out!r}")


def cooperate_bot(cooperate: Action = "C") -> "GroundedSimulator":
    """Always cooperates."""
    return GroundedSimulator("CooperateBot", 1, {cooperate: 1}, None, source=f"return {cooperate!r}")


def defect_bot(defect: Action = "D") -> "GroundedSimulator":
    """Always defects."""
    return GroundedSimulator("DefectBot", 1, {defect: 1}, None, source=f"return {defect!r}")


def random_bot(p_cooperate: Any, cooperate: Action = "C", defect: Action = "D") -> "GroundedSimulator":
    """Cooperates with probability ``p_cooperate``, else defects."""
    p = to_fraction(p_cooperate, func="random_bot", param="p_cooperate")
    if not 0 <= p <= 1:
        raise InvalidProbabilityError(bad_param("random_bot", "p_cooperate", "in [0, 1]", p_cooperate))
    return GroundedSimulator(f"RandomBot({p})", 1, {cooperate: p, defect: 1 - p}, None)


def clique_bot(cooperate: Action = "C", defect: Action = "D", *, tag: str = "") -> Program:
    """Tennenholtz's program: cooperate iff the opponent's source is identical to mine.

    ``tag`` changes the source text (two CliqueBots with different tags defect on each other,
    the fragility Oesterheld (2019) points out).
    """
    src = (f"# CliqueBot{tag}\nif opponent.source == me.source: return {cooperate!r}\n"
           f"return {defect!r}")

    def func(ctx: Context) -> Action:
        return cooperate if ctx.opponent.source == ctx.me.source else defect

    return Program("CliqueBot" + (f"[{tag}]" if tag else ""), func, source=src)


def mirror_bot() -> "GroundedSimulator":
    """Plays what its opponent plays against it (an ungrounded simulator: loops against itself)."""
    return GroundedSimulator("MirrorBot", 0, None, "copy", source="return simulate(opponent, me)")


class GroundedSimulator(Program):
    """With probability ``epsilon`` play ``ground``; else simulate and respond.

    Parameters
    ----------
    name : str
    epsilon : number
        Grounding probability in [0, 1] (exact; floats read as decimals: 0.1 -> 1/10).
    ground : action or mapping action -> probability, optional
        The ground mixed strategy (needed when ``epsilon > 0``).
    respond : mapping, "copy" or None
        Maps each simulated action to an action or mixed strategy; ``"copy"`` plays the
        simulated action itself.  Not needed when ``epsilon == 1``.
    simulate : pair of str or Program
        Which match to simulate: names ``"me"``/``"opp"`` or fixed programs; default
        ``("opp", "me")``: the opponent against this program.
    """

    __slots__ = ("epsilon", "ground", "respond", "target")

    def __init__(self, name: str, epsilon: Any, ground: Any = None, respond: Any = "copy", *,
                 simulate: tuple[Any, Any] = ("opp", "me"), source: str | None = None,
                 fallback: Action | None = None) -> None:
        eps = to_fraction(epsilon, func="GroundedSimulator", param="epsilon")
        if not 0 <= eps <= 1:
            raise InvalidProbabilityError(bad_param("GroundedSimulator", "epsilon", "in [0, 1]", epsilon))
        g = None
        if eps > 0:
            if ground is None:
                raise InvalidInputError(bad_param("GroundedSimulator", "ground", "an action or mixed strategy "
                                                  "(epsilon > 0)", ground))
            g = _check_dist("GroundedSimulator", "ground", ground)
        r: Any = None
        if eps < 1:
            if respond == "copy":
                r = "copy"
            elif isinstance(respond, Mapping):
                r = {k: _check_dist("GroundedSimulator", f"respond[{k!r}]", v) for k, v in respond.items()}
            else:
                raise InvalidInputError(bad_param("GroundedSimulator", "respond", "'copy' or a mapping action -> "
                                                  "action/mixed strategy (epsilon < 1)", respond))
        for t in simulate:
            if not (t in ("me", "opp") or isinstance(t, Program)):
                raise InvalidInputError(bad_param("GroundedSimulator", "simulate", "a pair of 'me', 'opp' or "
                                                  "Program", simulate))
        if len(simulate) != 2:
            raise InvalidInputError(bad_param("GroundedSimulator", "simulate", "a pair", simulate))
        if source is None:
            source = (f"# {name}\nif random() < {eps}: return sample({g!r})\n"
                      f"a = simulate({_tname(simulate[0])}, {_tname(simulate[1])})\nreturn respond({r!r})[a]")
        super().__init__(name, self._run_once, source=source, fallback=fallback)
        self.epsilon = eps
        self.ground = g
        self.respond = r
        self.target = tuple(simulate)

    def _run_once(self, ctx: Context) -> Action:
        if self.epsilon == 1 or (self.epsilon > 0 and ctx.random() < self.epsilon):
            return ctx.sample(self.ground)
        x, y = (self._pick(t, ctx) for t in self.target)
        a = ctx.simulate(x, y)
        if isinstance(a, Mapping):
            a = ctx.sample(a)
        return ctx.sample(self._response(a))

    @staticmethod
    def _pick(t: Any, ctx: Context) -> Program:
        return ctx.me if t == "me" else ctx.opponent if t == "opp" else t

    def _response(self, a: Action) -> dict[Action, Fraction]:
        if self.respond == "copy":
            return {a: Fraction(1)}
        try:
            return self.respond[a]
        except KeyError:
            raise InvalidInputError(bad_param(self.name, "respond", "a response to every simulated action",
                                              f"no response to {a!r}", raw=True)) from None


def _tname(t: Any) -> str:
    return t if isinstance(t, str) else t.name


def grounded_simulator(name: str, epsilon: Any, ground: Any, respond: Any = "copy", *,
                       simulate: tuple[Any, Any] = ("opp", "me")) -> GroundedSimulator:
    """Build a :class:`GroundedSimulator` (see there)."""
    return GroundedSimulator(name, epsilon, ground, respond, simulate=simulate)


def epsilon_grounded_fairbot(epsilon: Any, cooperate: Action = "C") -> GroundedSimulator:
    """Oesterheld's (2019) epsilon-grounded FairBot.

    With probability ``epsilon`` cooperate; otherwise run the opponent against this program and
    play what it played.

    Examples
    --------
    >>> fb = epsilon_grounded_fairbot("1/10")
    >>> r = exact_match(fb, defect_bot())
    >>> r.distributions[0]
    {'C': Fraction(1, 10), 'D': Fraction(9, 10)}
    """
    eps = to_fraction(epsilon, func="epsilon_grounded_fairbot", param="epsilon")
    if not 0 < eps <= 1:
        raise InvalidProbabilityError(bad_param("epsilon_grounded_fairbot", "epsilon", "in (0, 1]", epsilon))
    return GroundedSimulator(f"{eps}-GroundedFairBot", eps, {cooperate: 1}, "copy")


# -- exact analysis -------------------------------------------------------------------------------
_NONTERM = object()


@result
class ExactMatch(Result):
    """Exact output distributions of two grounded simulators against each other.

    Attributes
    ----------
    programs : tuple of str
    distributions : tuple of dict
        Each program's output distribution ``{action: Fraction}`` (non-terminating mass moved to
        the fallback action).
    p_nonterminating : tuple of Fraction
        Probability that each player's run never halts (0 unless a cycle never grounds).
        When it is positive for either player the status is ``"truncated"`` (as a run cut by
        :func:`run_match`'s budget) and the message names the run and its fallback action.
    payoffs : tuple
        Exact expected payoffs in the base game (runs independent), if a game was given.
    chain : tuple of tuple of str
        Each player's sequence of simulated matches until the cycle closes.
    """

    programs: tuple = ()
    distributions: tuple = ()
    p_nonterminating: tuple = ()
    payoffs: tuple = ()
    chain: tuple = ()


def _matvec_dist(dist: dict, scale: Fraction, resp: Any) -> dict:
    out: dict = {}
    for a, p in dist.items():
        if a is _NONTERM:
            out[_NONTERM] = out.get(_NONTERM, Fraction(0)) + scale * p
            continue
        r = {a: Fraction(1)} if resp == "copy" else resp.get(a) if isinstance(resp, Mapping) else None
        if r is None:
            raise InvalidInputError(f"exact_match(): no response to simulated action {a!r}")
        for b, q in r.items():
            out[b] = out.get(b, Fraction(0)) + scale * p * q
    return out


def _solve_chain(start: tuple[GroundedSimulator, GroundedSimulator]) -> tuple[dict, list]:
    seq: list[tuple[GroundedSimulator, GroundedSimulator]] = []
    index: dict[tuple[int, int], int] = {}
    s = start
    while (id(s[0]), id(s[1])) not in index:
        index[(id(s[0]), id(s[1]))] = len(seq)
        seq.append(s)
        me, opp = s
        if not isinstance(me, GroundedSimulator):
            raise UnsupportedError(bad_param("exact_match", "programs", "GroundedSimulator programs (and "
                                             "what they simulate)", me))
        if me.epsilon == 1:
            break
        nxt = tuple(me if t == "me" else opp if t == "opp" else t for t in me.target)
        for p in nxt:
            if not isinstance(p, GroundedSimulator):
                raise UnsupportedError(bad_param("exact_match", "programs", "GroundedSimulator programs (and "
                                                 "what they simulate)", p))
        s = nxt  # type: ignore[assignment]
    names = [f"{a.name} vs {b.name}" for a, b in seq]
    last = seq[-1]
    if last[0].epsilon == 1:
        v = dict(last[0].ground)
        for me, opp in reversed(seq[:-1]):
            v = _step(me, v)
        return v, names
    # the chain closes a cycle at seq[c]
    me, opp = last
    nxt = tuple(me if t == "me" else opp if t == "opp" else t for t in me.target)
    c = index[(id(nxt[0]), id(nxt[1]))]
    cycle = seq[c:]
    keep = Fraction(1)
    for p, _ in cycle:
        keep *= 1 - p.epsilon
    if keep == 1:
        v: dict = {_NONTERM: Fraction(1)}
    else:
        # v_c = T_c(T_{c+1}(...T_last(v_c))): an affine map over distribution vectors.
        actions: list = []
        for p, _ in cycle:
            for d in ([p.ground] if p.ground else []) + (list(p.respond.values()) if isinstance(p.respond, Mapping)
                                                          else []):
                for a in d:
                    if a not in actions:
                        actions.append(a)
        # basis images of the composed map; "copy" keeps actions, so the span is closed.
        n = len(actions)

        def compose(v0: dict) -> dict:
            v1 = v0
            for p, _ in reversed(cycle):
                v1 = _step(p, v1)
            return v1

        zero_img = compose({})                       # alpha (the affine part)
        cols = []
        for a in actions:
            img = compose({a: Fraction(1)})
            cols.append({k: img.get(k, Fraction(0)) - zero_img.get(k, Fraction(0)) for k in set(img) | set(zero_img)})
        # solve (I - M) v = alpha
        M = [[cols[j].get(actions[i], Fraction(0)) for j in range(n)] for i in range(n)]
        rhs = [zero_img.get(actions[i], Fraction(0)) for i in range(n)]
        A = [[(1 if i == j else 0) - M[i][j] for j in range(n)] for i in range(n)]
        sol = solve_square(A, rhs)
        if sol is None:  # pragma: no cover - keep < 1 makes I - M nonsingular
            raise AssertionError("exact_match(): singular cycle system")
        v = {actions[i]: sol[i] for i in range(n) if sol[i] != 0}
    for me_, _ in reversed(seq[:c]):
        v = _step(me_, v)
    return v, names


def _step(p: GroundedSimulator, v: dict) -> dict:
    """T_p(v) = epsilon g + (1 - epsilon) R v."""
    out = _matvec_dist(v, 1 - p.epsilon, p.respond) if p.epsilon < 1 else {}
    if p.epsilon > 0:
        for a, q in p.ground.items():
            out[a] = out.get(a, Fraction(0)) + p.epsilon * q
    return {k: x for k, x in out.items() if x != 0}


def exact_match(program_a: GroundedSimulator, program_b: GroundedSimulator, game: NormalFormGame | None = None,
                *, fallback: Action = "D") -> ExactMatch:
    """Exact output distributions and expected payoffs of two grounded simulators.

    Solves the recursion of the module docstring in Fractions (no sampling).  Status
    ``"truncated"`` when a run never halts with positive probability (its mass is moved to the
    fallback action, the reading :func:`run_match` gives a run that exhausts its budget), else
    ``"ok"``.

    Examples
    --------
    >>> r = exact_match(mirror_bot(), mirror_bot())   # simulates forever, never grounds
    >>> r.status, r.p_nonterminating, r.distributions
    ('truncated', (Fraction(1, 1), Fraction(1, 1)), ({'D': Fraction(1, 1)}, {'D': Fraction(1, 1)}))

    Raises
    ------
    UnsupportedError
        If a program involved is not a :class:`GroundedSimulator`.
    """
    for name, p in (("program_a", program_a), ("program_b", program_b)):
        if not isinstance(p, GroundedSimulator):
            raise UnsupportedError(bad_param("exact_match", name, "a GroundedSimulator (exact analysis needs the "
                                             "grounded-simulation structure)", p))
    dists, nonterm, chains = [], [], []
    for me, opp in ((program_a, program_b), (program_b, program_a)):
        v, names = _solve_chain((me, opp))
        pn = v.pop(_NONTERM, Fraction(0))
        if pn:
            fb = me.fallback if me.fallback is not None else fallback
            v[fb] = v.get(fb, Fraction(0)) + pn
        dists.append(dict(sorted(v.items(), key=lambda kv: repr(kv[0]))))
        nonterm.append(pn)
        chains.append(tuple(names))
    pays: tuple = ()
    if game is not None:
        _check_fallbacks("exact_match", game, (program_a, program_b), nonterm, fallback)
        pays = _expected_payoffs(game.as_exact() if not game.exact else game, dists[0], dists[1], "exact_match")
    # a run that never halts is cut and plays its fallback, exactly as run_match's budget cut:
    # the same status, "truncated", so that a non-halting match is never reported as "ok"
    cut = [(p, q) for p, q in zip((program_a, program_b), nonterm) if q]
    message = "; ".join(f"{p.name}'s run never halts with probability {q}; that mass is on its fallback action "
                        f"{(p.fallback if p.fallback is not None else fallback)!r}" for p, q in cut)
    return ExactMatch(programs=(program_a.name, program_b.name), distributions=tuple(dists),
                      p_nonterminating=tuple(nonterm), payoffs=pays, chain=tuple(chains),
                      method="grounded_simulation_recursion", exact=True,
                      status="truncated" if cut else "ok", message=message,
                      params={"fallback": fallback})


@result
class MonteCarloMatch(Result):
    """Empirical output frequencies over many bounded runs (for checking exact results)."""

    programs: tuple = ()
    frequencies: tuple = ()
    mean_payoffs: tuple = ()
    n_runs: int = 0
    n_truncated: int = 0


def monte_carlo_match(program_a: Program, program_b: Program, game: NormalFormGame | None = None, *,
                      n_runs: int = 1000, seed: int = 0, max_depth: int | None = 200,
                      max_steps: int | None = 10_000, fallback: Action = "D") -> MonteCarloMatch:
    """Run a match ``n_runs`` times with independent seeds; frequencies of each output.

    Status ``"truncated"`` when some run exhausted its budget (``n_truncated`` counts them), as
    :func:`run_match`.
    """
    if isinstance(n_runs, bool) or not isinstance(n_runs, int) or n_runs < 1:
        raise InvalidInputError(bad_param("monte_carlo_match", "n_runs", "a positive int", n_runs))
    max_depth, max_steps = _check_budget("monte_carlo_match", max_depth, max_steps)
    rng = _rng("monte_carlo_match", seed)
    counts: list[dict] = [{}, {}]
    pay = [0.0, 0.0]
    trunc = 0
    for _ in range(n_runs):
        r = run_match(program_a, program_b, game, max_depth=max_depth, max_steps=max_steps,
                      seed=rng.getrandbits(64), fallback=fallback)
        trunc += r.status == "truncated"
        for i in range(2):
            o = r.outputs[i]
            key = o if not isinstance(o, Mapping) else tuple(sorted(o.items()))
            counts[i][key] = counts[i].get(key, 0) + 1
            if r.payoffs:
                pay[i] += float(r.payoffs[i])
    freqs = tuple({k: v / n_runs for k, v in c.items()} for c in counts)
    return MonteCarloMatch(programs=(program_a.name, program_b.name), frequencies=freqs,
                           mean_payoffs=tuple(p / n_runs for p in pay) if game is not None else (),
                           n_runs=n_runs, n_truncated=trunc, method="monte_carlo", exact=False,
                           status="truncated" if trunc else "ok",
                           message=(f"{trunc} of {n_runs} runs exhausted the budget; the cut runs played their "
                                    "fallback action") if trunc else "",
                           params={"n_runs": n_runs, "seed": seed, "max_depth": max_depth,
                                   "max_steps": max_steps})


# -- program equilibrium of grounded simulators ---------------------------------------------------
@result
class GroundedEquilibrium(Result):
    """Whether a pair of grounded simulators is a program equilibrium of a base game.

    Attributes
    ----------
    is_equilibrium : bool
    payoffs : tuple of Fraction
        The pair's exact expected payoffs.
    best_deviation : tuple of Fraction
        Each player's best payoff over all deviating programs (see the module docstring).
    best_deviation_strategy : tuple
        The deviator's output distribution attaining it (over its action labels).
    gains : tuple of Fraction
        ``best_deviation - payoff`` per player (<= 0 at an equilibrium).
    """

    is_equilibrium: bool = False
    payoffs: tuple = ()
    best_deviation: tuple = ()
    best_deviation_strategy: tuple = ()
    gains: tuple = ()


def _max_quadratic_on_simplex(Q: list[list[Fraction]], c: list[Fraction]) -> tuple[Fraction, list[Fraction]]:
    """max y^T Q y + c^T y over the simplex, exactly (stationary points of every face)."""
    m = len(c)
    best: tuple[Fraction, list[Fraction]] | None = None
    S2 = [[Q[i][j] + Q[j][i] for j in range(m)] for i in range(m)]
    for size in range(1, m + 1):
        for S in itertools.combinations(range(m), size):
            k = len(S)
            # unknowns y_S (k) and lambda: S2_SS y_S - lambda 1 = -c_S ; 1^T y_S = 1
            A = [[S2[i][j] for j in S] + [Fraction(-1)] for i in S] + [[Fraction(1)] * k + [Fraction(0)]]
            b = [-c[i] for i in S] + [Fraction(1)]
            sol = solve_square(A, b)
            if sol is None:
                continue
            ys = sol[:k]
            if any(v < 0 for v in ys):
                continue
            y = [Fraction(0)] * m
            for idx, v in zip(S, ys):
                y[idx] = v
            val = sum(y[i] * Q[i][j] * y[j] for i in range(m) for j in range(m)) + sum(c[i] * y[i] for i in range(m))
            if best is None or val > best[0]:
                best = (val, y)
    assert best is not None
    return best


def grounded_equilibrium(program_a: GroundedSimulator, program_b: GroundedSimulator,
                         game: NormalFormGame) -> GroundedEquilibrium:
    """Decide exactly whether two grounded simulators form a program equilibrium.

    Both programs must simulate their opponent against themselves (``simulate=("opp", "me")``)
    and play labels of ``game`` (row player ``program_a``).  The deviations considered are all
    programs that halt almost surely and see only source code (module docstring).

    Examples
    --------
    >>> from spi.programs import prisoners_dilemma
    >>> fb = epsilon_grounded_fairbot("1/10")
    >>> grounded_equilibrium(fb, fb, prisoners_dilemma()).is_equilibrium
    True
    """
    _check_two_player("grounded_equilibrium", "game", game)
    g = game if game.exact else game.as_exact()
    for name, p in (("program_a", program_a), ("program_b", program_b)):
        if not isinstance(p, GroundedSimulator):
            raise UnsupportedError(bad_param("grounded_equilibrium", name, "a GroundedSimulator", p))
        if p.epsilon < 1 and p.target != ("opp", "me"):
            raise UnsupportedError(bad_param("grounded_equilibrium", name, "a simulator of (opp, me)", p.target))
        if p.epsilon == 0:
            raise UnsupportedError(bad_param("grounded_equilibrium", name, "a grounded program (epsilon > 0; "
                                             "ungrounded simulators may not halt)", p.epsilon))
    base = exact_match(program_a, program_b, g)
    labels = g.labels
    best, strat, gains = [], [], []
    for i, bot in ((0, program_b), (1, program_a)):
        mine, theirs = labels[i], labels[1 - i]
        U = g.payoffs[i]

        def u(a: int, b: int) -> Fraction:
            return U[a, b] if i == 0 else U[b, a]

        gdist = [bot.ground.get(t, Fraction(0)) if bot.ground else Fraction(0) for t in theirs]
        for key in (bot.ground or {}):
            if key not in theirs:
                raise InvalidInputError(bad_param("grounded_equilibrium", "programs", f"outputs among {theirs}", key))
        # R[t][a]: probability the bot plays theirs[t] after simulating my action mine[a]
        R = [[Fraction(0)] * len(mine) for _ in theirs]
        for a, act in enumerate(mine):
            if bot.epsilon == 1:
                continue
            resp = {act: Fraction(1)} if bot.respond == "copy" else bot.respond.get(act)
            if resp is None:
                raise InvalidInputError(bad_param("grounded_equilibrium", "programs", f"a response to every action "
                                                  f"of the deviator ({mine})", f"none to {act!r}", raw=True))
            for t_act, q in resp.items():
                if t_act not in theirs:
                    raise InvalidInputError(bad_param("grounded_equilibrium", "programs", f"outputs among {theirs}",
                                                      t_act))
                R[theirs.index(t_act)][a] += q
        eps = bot.epsilon
        m, n = len(mine), len(theirs)
        # payoff(y) = sum_a y_a sum_t u(a,t) (eps g_t + (1-eps) sum_b R[t][b] y_b)
        c = [sum(u(a, t) * eps * gdist[t] for t in range(n)) for a in range(m)]
        Q = [[(1 - eps) * sum(u(a, t) * R[t][b] for t in range(n)) for b in range(m)] for a in range(m)]
        val, y = _max_quadratic_on_simplex(Q, c)
        best.append(val)
        strat.append({mine[a]: y[a] for a in range(m) if y[a]})
        gains.append(val - base.payoffs[i])
    ok = all(gn <= 0 for gn in gains)
    return GroundedEquilibrium(is_equilibrium=ok, payoffs=base.payoffs, best_deviation=tuple(best),
                               best_deviation_strategy=tuple(strat), gains=tuple(gains),
                               method="quadratic_deviation_bound", exact=True,
                               params={"programs": (program_a.name, program_b.name)})


def epsilon_grounded_fairbot_threshold(game: NormalFormGame) -> Fraction:
    """Largest epsilon for which two epsilon-grounded FairBots are a program equilibrium of a PD.

    Closed form ``1 - max((T - R)/(T - P), (T - R)/(R - S))`` (clipped at 0), the tit-for-tat
    condition with continuation probability ``1 - epsilon`` (Oesterheld 2019).  The game must
    be a prisoner's dilemma ``T > R > P > S`` with actions C (0) and D (1).
    """
    g = game if game.exact else game.as_exact()
    if g.shape != (2, 2):
        raise InvalidInputError(bad_param("epsilon_grounded_fairbot_threshold", "game", "a 2x2 game", game.shape))
    R, S = g.payoffs[0][0, 0], g.payoffs[0][0, 1]
    T, P = g.payoffs[0][1, 0], g.payoffs[0][1, 1]
    if not (T > R > P > S) or not (g.payoffs[1][0, 1] == T and g.payoffs[1][1, 0] == S
                                   and g.payoffs[1][0, 0] == R and g.payoffs[1][1, 1] == P):
        raise InvalidInputError(bad_param("epsilon_grounded_fairbot_threshold", "game",
                                          "a symmetric prisoner's dilemma T > R > P > S", game))
    need = max((T - R) / (T - P), (T - R) / (R - S))
    return max(Fraction(0), 1 - need)
