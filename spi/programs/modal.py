"""Modal agents and their exact outcomes in provability logic.

Definition (Barasz, Christiano, Fallenstein, Herreshoff, LaVictoire, Yudkowsky, "Robust
cooperation in the prisoner's dilemma: program equilibrium via provability logic",
arXiv:1401.5577, 2014, §4).  A modal agent ``X`` is a fully modalized formula ``phi_X`` over
the propositions "``U`` cooperates with ``V``" (see :mod:`spi.programs.formulas`).  In a
match ``X`` vs ``Y`` the proposition ``p(X, Y)`` ("X cooperates with Y") satisfies

    p(U, V)  <->  phi_U[me := U, opp := V]            for every pair (U, V) reached,

a finite system (the agents involved and their reference agents, transitively), every
variable of every right side under a box.  By the fixed-point theorem of GL (de Jongh and
Sambin, for simultaneous modalized equations; Barasz et al. §4) the system has a solution,
unique up to GL-provable equivalence, by *letterless* sentences; PA proves the equivalences
because the agents are built by the diagonal lemma.

Evaluation on the linear Kripke chain.  On the frame of worlds 0, 1, 2, ... with
``[] A`` true at n iff A is true at every m < n (and ``[k] A`` iff A is true at every m with
k <= m < n, see :mod:`spi.programs.formulas`), the values at world n depend only on values at
worlds below n, so the system is evaluated world by world.

* Stabilization bound.  Let K be the largest PA+k level and s the number of distinct boxed
  subformulas of the system.  A boxed formula's truth can only switch from true to false
  (never back), and from world K on the step n -> n+1 is a fixed (time-invariant) map of the
  vector of box values.  So if no box switches at some world n >= K, nothing changes after n;
  at most s switches happen, hence every value is constant from world ``K + s`` on (we stop
  at the first quiet world, reported as ``stable_from``, and check it against ``K + s``,
  reported as ``depth_bound``).
* Actual outcome.  A letterless sentence is true in the standard model iff it is true at
  every sufficiently high world (its truth depends only on which ``[]^k F`` hold, and none
  does in N, PA being sound), so the *actual* action is the value from ``stable_from`` on.
* Provability.  PA proves a letterless sentence iff GL does iff it holds at every world of
  the chain (every world of a finite GL model satisfies the same letterless sentences as the
  chain world of the same depth).  Hence "PA proves X cooperates" iff ``p(X, Y)`` is true at
  all worlds, and "PA proves X defects" iff false at all worlds; more generally PA+k proves
  it iff it holds at every world ``>= k`` (``proof_level``: the least such k).

These differ: FairBot against DefectBot defects (true only at world 0), yet PA does not prove
it defects (that would need PA to prove its own consistency); PA+1 does.
"""

from __future__ import annotations

import weakref
from typing import Any, Iterable, Mapping, Sequence

from solvers.errors import InvalidInputError, LimitError, bad_param
from solvers.results import Result, result

from .errors import UndefinedAgentError, NotModalizedError
from .formulas import (
    And, Bot, Box, Formula, Iff, Implies, Not, Or, Top, Var, agent_names, check_formula_size,
    is_fully_modalized, parse_formula,
)
from .simulation import _rng

__all__ = [
    "ModalAgent", "modal_agent", "define_agents", "standard_agents", "random_modal_agents", "agent",
    "play", "ModalOutcome", "evaluate_pairs",
]


class ModalAgent:
    """A modal agent: a name, a fully modalized cooperation condition and its references.

    Parameters
    ----------
    name : str
        Display name (outcomes never depend on it).
    formula : Formula or str
        The cooperation condition, over ``opp(me)``, ``me(opp)`` and ``X(Y)`` for reference
        agents X, Y (text is parsed with :func:`~spi.programs.formulas.parse_formula`).
    refs : mapping of str to ModalAgent, optional
        The reference agents by the names the formula uses.  A name not given here is looked
        up among the standard agents (:func:`standard_agents`), so ``opp(DefectBot)`` works.
    source : str
        Where the agent comes from (citation), shown in tables.

    Raises
    ------
    NotModalizedError
        If a variable occurs outside every box.
    UndefinedAgentError
        If the formula names an agent that is neither in ``refs`` nor standard.
    """

    __slots__ = ("name", "formula", "refs", "source", "__weakref__")

    def __init__(self, name: str, formula: Formula | str, refs: Mapping[str, "ModalAgent"] | None = None,
                 *, source: str = "", _defer_check: bool = False) -> None:
        if not isinstance(name, str) or not name:
            raise InvalidInputError(bad_param("ModalAgent", "name", "a non-empty str", name))
        if isinstance(formula, str):
            f = parse_formula(formula)  # (checks the size itself)
        else:
            f = formula
            if not isinstance(f, Formula):
                raise InvalidInputError(bad_param("ModalAgent", "formula", "a Formula or formula text", formula))
            check_formula_size("ModalAgent", "formula", f)
        if not is_fully_modalized(f):
            bad = next(str(g) for g in _unboxed_vars(f))
            raise NotModalizedError(bad_param(
                "ModalAgent", "formula", "fully modalized (every variable such as opp(me) under a box "
                "[] or [k])", f"{str(f)!r} (variable {bad} is not under a box)", raw=True))
        if refs is not None and not isinstance(refs, Mapping):
            raise InvalidInputError(bad_param("ModalAgent", "refs", "a mapping of names to ModalAgent", refs))
        self.name = name
        self.formula = f
        self.refs: dict[str, ModalAgent] = dict(refs) if refs is not None else {}
        self.source = source
        if not _defer_check:
            self._resolve_all()

    # -- references ------------------------------------------------------------------
    def _resolve_all(self) -> None:
        for n in sorted(agent_names(self.formula)):
            if n not in self.refs:
                std = _lookup_standard(n)
                if std is None:
                    known = sorted(set(self.refs) | set(_standard_table()))
                    raise UndefinedAgentError(bad_param(
                        "ModalAgent", "formula", f"a formula referencing only defined agents (refs or standard: {known})",
                        f"a reference to undefined agent {n!r} in agent {self.name!r}", raw=True))
                self.refs[n] = std
            elif not isinstance(self.refs[n], ModalAgent):
                raise InvalidInputError(bad_param("ModalAgent", f"refs[{n!r}]", "a ModalAgent", self.refs[n]))

    def resolve(self, name: str) -> "ModalAgent":
        """The agent this agent's formula means by ``name``."""
        try:
            return self.refs[name]
        except KeyError:
            raise UndefinedAgentError(bad_param("ModalAgent.resolve", "name", f"a reference of agent {self.name!r} "
                                                f"(one of {sorted(self.refs)})", name)) from None

    @classmethod
    def parse(cls, name: str, text: str, refs: Mapping[str, "ModalAgent"] | None = None, *,
              source: str = "") -> "ModalAgent":
        """Build an agent from formula text (same as the constructor)."""
        return cls(name, parse_formula(text), refs, source=source)

    def renamed(self, name: str) -> "ModalAgent":
        """The same agent (same formula and references) under another name."""
        return ModalAgent(name, self.formula, self.refs, source=self.source)

    def __repr__(self) -> str:
        return f"ModalAgent({self.name!r}, {str(self.formula)!r})"

    def __str__(self) -> str:
        return f"{self.name}: {self.formula}"


def _unboxed_vars(f: Formula):
    stack = [f]
    while stack:
        g = stack.pop()
        if isinstance(g, Var):
            yield g
        elif not isinstance(g, Box):
            stack.extend(g.children())


def modal_agent(name: str, formula: Formula | str, refs: Mapping[str, ModalAgent] | None = None, *,
                source: str = "") -> ModalAgent:
    """Define a modal agent from a formula or its text; see :class:`ModalAgent`.

    Examples
    --------
    >>> pb = modal_agent("MyPrudentBot", "[] opp(me) & [1] opp(DefectBot) = D")
    >>> play(pb, agent("CooperateBot")).actions
    ('D', 'C')
    """
    return ModalAgent(name, formula, refs, source=source)


def define_agents(definitions: Mapping[str, Formula | str], refs: Mapping[str, ModalAgent] | None = None,
                  ) -> dict[str, ModalAgent]:
    """Define several agents that may reference each other (and themselves) by name.

    Names resolve first among ``definitions``, then ``refs``, then the standard agents.

    Examples
    --------
    >>> ags = define_agents({"A": "[] opp(B)", "B": "[] opp(A)"})
    >>> play(ags["A"], ags["B"]).actions
    ('C', 'C')
    """
    if not isinstance(definitions, Mapping) or not definitions:
        raise InvalidInputError(bad_param("define_agents", "definitions", "a non-empty mapping name -> formula",
                                          definitions))
    out: dict[str, ModalAgent] = {}
    for name, formula in definitions.items():
        out[name] = ModalAgent(name, formula, None, _defer_check=True)
    for a in out.values():
        names = agent_names(a.formula)
        for n in names:
            if n in out:
                a.refs[n] = out[n]
            elif refs is not None and n in refs:
                a.refs[n] = refs[n]
        a._resolve_all()
    return out


# -- the evaluation engine ---------------------------------------------------------------------
_TOP, _BOT, _NOT, _AND, _OR, _IMP, _IFF, _BOX, _VAR = range(9)


class _System:
    """The joint fixed-point system of many pairings, compiled to a shared node table."""

    def __init__(self) -> None:
        self.ops: list[int] = []
        self.a: list[int] = []
        self.b: list[int] = []
        self.intern: dict[tuple, int] = {}
        self.pair_id: dict[tuple[int, int], int] = {}
        self.pairs: list[tuple[ModalAgent, ModalAgent]] = []
        self.root: list[int] = []
        self.var_node: list[int] = []
        self.max_level = 0
        self._work: list[int] = []

    def node(self, op: int, a: int = -1, b: int = -1) -> int:
        key = (op, a, b)
        idx = self.intern.get(key)
        if idx is None:
            idx = len(self.ops)
            self.intern[key] = idx
            self.ops.append(op)
            self.a.append(a)
            self.b.append(b)
        return idx

    def pair(self, u: ModalAgent, v: ModalAgent) -> int:
        key = (id(u), id(v))
        pid = self.pair_id.get(key)
        if pid is None:
            pid = len(self.pairs)
            self.pair_id[key] = pid
            self.pairs.append((u, v))
            self.root.append(-1)
            self.var_node.append(self.node(_VAR, pid))
            self._work.append(pid)
        return pid

    def close(self, max_pairs: int) -> None:
        while self._work:
            pid = self._work.pop()
            u, v = self.pairs[pid]
            self.root[pid] = self._compile(u, v)
            if len(self.pairs) > max_pairs:
                raise LimitError(bad_param("play", "max_pairs", f"at least the number of agent pairs "
                                           f"reached (> {max_pairs})", len(self.pairs)))

    def _compile(self, me: ModalAgent, opp: ModalAgent) -> int:
        """Instantiate ``me``'s formula for the match against ``opp`` (via a cached template)."""
        template = _template(me)
        local: list[int] = []
        for op, x, y in template:
            if op == _VAR:
                u = me if x == "me" else opp if x == "opp" else me.resolve(x)
                v = me if y == "me" else opp if y == "opp" else me.resolve(y)
                local.append(self.var_node[self.pair(u, v)])
            elif op == _BOX:
                if y > self.max_level:
                    self.max_level = y
                local.append(self.node(_BOX, local[x], y))
            elif op == _TOP or op == _BOT:
                local.append(self.node(op))
            elif op == _NOT:
                local.append(self.node(_NOT, local[x]))
            else:
                local.append(self.node(op, local[x], local[y]))
        return local[-1]

    def evaluate(self) -> tuple[list[list[bool]], int, int]:
        """Values of every pair's proposition at worlds 0..stable, the stable world and the bound."""
        ops, A, B = self.ops, self.a, self.b
        n_nodes = len(ops)
        root = self.root
        # topological order for one world: boxes are leaves, VAR -> the pair's root.
        order: list[int] = []
        state = [0] * n_nodes
        for start in range(n_nodes):
            if state[start]:
                continue
            stack = [(start, False)]
            while stack:
                nd, done = stack.pop()
                if done:
                    state[nd] = 2
                    order.append(nd)
                    continue
                if state[nd]:
                    if state[nd] == 1:  # pragma: no cover - excluded by the modalization check
                        raise InvalidInputError("play(): the system has a variable outside every box")
                    continue
                state[nd] = 1
                stack.append((nd, True))
                op = ops[nd]
                if op == _VAR:
                    deps = (root[A[nd]],)
                elif op in (_NOT,):
                    deps = (A[nd],)
                elif op in (_AND, _OR, _IMP, _IFF):
                    deps = (A[nd], B[nd])
                else:
                    deps = ()
                for d in deps:
                    if state[d] == 0:
                        stack.append((d, False))
                    elif state[d] == 1:  # pragma: no cover
                        raise InvalidInputError("play(): the system has a variable outside every box")
        boxes = [i for i in range(n_nodes) if ops[i] == _BOX]
        bound = self.max_level + len(boxes)
        INF = -1
        first_false = [INF] * n_nodes
        history: list[list[bool]] = []
        vals = [False] * n_nodes
        # specialise the loop: pre-split the order into (node, op, a, b)
        prog = [(nd, ops[nd], A[nd], B[nd]) for nd in order]
        root_vals_at = root
        world = 0
        while True:
            for nd, op, a, b in prog:
                if op == _VAR:
                    vals[nd] = vals[root_vals_at[a]]
                elif op == _BOX:
                    vals[nd] = first_false[nd] == INF
                elif op == _AND:
                    vals[nd] = vals[a] and vals[b]
                elif op == _OR:
                    vals[nd] = vals[a] or vals[b]
                elif op == _NOT:
                    vals[nd] = not vals[a]
                elif op == _IMP:
                    vals[nd] = (not vals[a]) or vals[b]
                elif op == _IFF:
                    vals[nd] = vals[a] == vals[b]
                elif op == _TOP:
                    vals[nd] = True
                else:
                    vals[nd] = False
            history.append([vals[r] for r in root])
            switched = False
            for bx in boxes:
                if first_false[bx] == INF and world >= B[bx] and not vals[A[bx]]:
                    first_false[bx] = world
                    switched = True
            if not switched and world >= self.max_level:
                return history, world, bound
            world += 1
            if world > bound:  # pragma: no cover - the theorem in the module docstring
                raise AssertionError("modal evaluation did not stabilize within the proven bound")


_TEMPLATES: "weakref.WeakKeyDictionary[ModalAgent, list]" = weakref.WeakKeyDictionary()


def _template(agent_: ModalAgent) -> list[tuple]:
    """The agent's formula as a post-order op list (shared subformulas once); cached per agent."""
    t = _TEMPLATES.get(agent_)
    if t is not None and t[0] is agent_.formula:
        return t[1]
    ops: list[tuple] = []
    index: dict[Formula, int] = {}

    def go(f: Formula) -> int:
        k = index.get(f)
        if k is not None:
            return k
        if isinstance(f, Top):
            item = (_TOP, -1, -1)
        elif isinstance(f, Bot):
            item = (_BOT, -1, -1)
        elif isinstance(f, Var):
            item = (_VAR, f.actor, f.target)
        elif isinstance(f, Not):
            item = (_NOT, go(f.arg), -1)
        elif isinstance(f, Box):
            item = (_BOX, go(f.arg), f.level)
        elif isinstance(f, (And, Or, Implies, Iff)):
            op = {And: _AND, Or: _OR, Implies: _IMP, Iff: _IFF}[type(f)]
            item = (op, go(f.left), go(f.right))
        else:  # pragma: no cover - Formula is closed
            raise InvalidInputError(bad_param("play", "formula", "a modal formula", f))
        ops.append(item)
        index[f] = len(ops) - 1
        return len(ops) - 1

    go(agent_.formula)
    _TEMPLATES[agent_] = (agent_.formula, ops)
    return ops


@result
class ModalOutcome(Result):
    """The outcome of a match between two modal agents.

    Attributes
    ----------
    agents : tuple of str
        The two agents' names.
    actions : tuple of str
        The actual actions (``"C"`` or ``"D"``): truth in the standard model.
    provable : tuple of bool
        Whether PA proves that agent's actual action.
    provable_cooperate, provable_defect : tuple of bool
        Whether PA proves "agent cooperates", resp. "agent defects" (both False when the
        action is undecided in PA, as for FairBot against DefectBot).
    proof_level : tuple of int
        The least k such that PA+k proves the actual action (0: PA itself).
    worlds : tuple of str
        Each agent's action at Kripke worlds 0, 1, ..., ``stable_from`` (e.g. ``"CD"``).
    stable_from : int
        First world from which every value of the system is constant.
    depth_bound : int
        The proven bound ``K + s`` on ``stable_from`` (see the module docstring).
    """

    agents: tuple = ()
    actions: tuple = ()
    provable: tuple = ()
    provable_cooperate: tuple = ()
    provable_defect: tuple = ()
    proof_level: tuple = ()
    worlds: tuple = ()
    stable_from: int = 0
    depth_bound: int = 0

    @property
    def mutual_cooperation(self) -> bool:
        return self.actions == ("C", "C")


def _trace_stats(trace: Sequence[bool]) -> tuple[str, bool, bool, bool, int]:
    final = trace[-1]
    pc = all(trace)
    pd = not any(trace)
    level = 0
    for m, v in enumerate(trace):
        if v != final:
            level = m + 1
    return ("C" if final else "D"), pc, pd, (pc if final else pd), level


def _as_agent(func: str, param: str, x: Any) -> ModalAgent:
    if isinstance(x, ModalAgent):
        return x
    if isinstance(x, str):
        return agent(x)
    if type(x).__name__ in ("Program", "GroundedSimulator") or hasattr(x, "func") and hasattr(x, "source"):
        raise InvalidInputError(bad_param(func, param, "a ModalAgent (simulation programs are played with "
                                          "spi.programs.exact_match or run_match)", x))
    raise InvalidInputError(bad_param(func, param, "a ModalAgent or a standard agent's name", x))


def evaluate_pairs(pairs: Iterable[tuple[ModalAgent, ModalAgent]], *, max_pairs: int = 1_000_000
                   ) -> tuple[dict[tuple[int, int], list[bool]], int, int]:
    """Evaluate many matches in one joint system (shared subgames are computed once).

    Returns a map ``(id(u), id(v)) -> values of p(u, v) at worlds 0..stable`` (for every pair
    reached, including reference pairs), the stable world and the bound.
    """
    sys = _System()
    for u, v in pairs:
        sys.pair(u, v)
        sys.pair(v, u)
    sys.close(max_pairs)
    history, stable, bound = sys.evaluate()
    traces = {key: [h[pid] for h in history] for key, pid in sys.pair_id.items()}
    return traces, stable, bound


def play(agent_a: ModalAgent | str, agent_b: ModalAgent | str, *, max_pairs: int = 100_000) -> ModalOutcome:
    """Play two modal agents against each other; exact actual and provable outcomes.

    Parameters
    ----------
    agent_a, agent_b : ModalAgent or str
        Agents, or names of standard agents (``"FairBot"``, ``"PrudentBot"``, ...).
    max_pairs : int
        Limit on the number of agent pairs in the fixed-point system (LimitError beyond).

    Returns
    -------
    ModalOutcome

    Examples
    --------
    >>> r = play("FairBot", "DefectBot")
    >>> r.actions, r.provable, r.proof_level
    (('D', 'D'), (False, True), (1, 0))
    """
    a = _as_agent("play", "agent_a", agent_a)
    b = _as_agent("play", "agent_b", agent_b)
    if not isinstance(max_pairs, int) or max_pairs < 2:
        raise InvalidInputError(bad_param("play", "max_pairs", "an int >= 2", max_pairs))
    traces, stable, bound = evaluate_pairs([(a, b)], max_pairs=max_pairs)
    ta = traces[(id(a), id(b))]
    tb = traces[(id(b), id(a))]
    sa = _trace_stats(ta)
    sb = _trace_stats(tb)
    return ModalOutcome(
        agents=(a.name, b.name),
        actions=(sa[0], sb[0]),
        provable=(sa[3], sb[3]),
        provable_cooperate=(sa[1], sb[1]),
        provable_defect=(sa[2], sb[2]),
        proof_level=(sa[4], sb[4]),
        worlds=("".join("C" if v else "D" for v in ta), "".join("C" if v else "D" for v in tb)),
        stable_from=stable,
        depth_bound=bound,
        method="gl_linear_kripke_chain",
        exact=True,
        params={"max_pairs": max_pairs},
    )


# -- the standard agents ------------------------------------------------------------------------
_BARASZ = "Barasz et al., arXiv:1401.5577 (2014)"
_MODAL_COMBAT = "MIRI modal combat checker (machine-intelligence/provability)"

# name -> (formula text, source); order is the display order.
STANDARD_DEFINITIONS: dict[str, tuple[str, str]] = {
    "CooperateBot": ("T", f"{_BARASZ}, §2"),
    "DefectBot": ("F", f"{_BARASZ}, §2"),
    "FairBot": ("[] opp(me)", f"{_BARASZ}, §3 (FairBot)"),
    "FairBot_1": ("[1] opp(me)", f"{_BARASZ}, FairBot_k searching PA+k; {_MODAL_COMBAT} fairBot1"),
    "FairBot_2": ("[2] opp(me)", f"{_BARASZ}, FairBot_k; {_MODAL_COMBAT} fairBot2"),
    "PrudentBot": ("[] opp(me) & [1] opp(DefectBot) = D", f"{_BARASZ}, §3 (PrudentBot)"),
    "TrollBot": ("[] opp(DefectBot)", f"{_BARASZ}, obstacles to optimality (TrollBot rewards "
                 f"cooperating with DefectBot); {_MODAL_COMBAT} TB"),
    "JustBot": ("[] opp(FairBot)", f"{_MODAL_COMBAT} JB (cooperates iff PA proves the opponent cooperates "
                "with FairBot)"),
    "NiceBot": ("[] opp(CooperateBot)", f"{_MODAL_COMBAT} NB (cooperates iff PA proves the opponent "
                "cooperates with CooperateBot)"),
    "UnfairBot": ("[] opp(me) = D", "LaVictoire, comments on the announcement of Barasz et al. (LessWrong, "
                  "2013): cooperates iff PA proves the opponent defects against it"),
    "WaitFairBot": ("~[] F & [1] opp(me)", f"{_MODAL_COMBAT} waitBot (defects unless Con(PA), then FairBot_1)"),
    "ReverseFairBot": ("~[] ~opp(me) & [] opp(me)", f"{_MODAL_COMBAT} reverseFairBot"),
    "ToughButFairBot": ("[] opp(me) | (<> opp(me) & [1] opp(me)) | (<> opp(me) & <1> opp(me) & [2] opp(me))",
                        f"{_MODAL_COMBAT} toughButFairBot"),
    "MagicBot": ("[1] ([] me(opp) -> opp(me))", f"{_MODAL_COMBAT} magicBot"),
    "SimpleMagicBot": ("[] (<> me(opp) -> opp(me))", f"{_MODAL_COMBAT} simpleMagicBot"),
}

_STANDARD: dict[str, ModalAgent] | None = None

# short names used by the MIRI modal combat checker, accepted by agent() and in references
ALIASES: dict[str, str] = {"CB": "CooperateBot", "DB": "DefectBot", "FB": "FairBot", "PB": "PrudentBot",
                           "TB": "TrollBot", "JB": "JustBot", "NB": "NiceBot"}


def _lookup_standard(name: str) -> "ModalAgent | None":
    table = _standard_table()
    return table.get(ALIASES.get(name, name))


def _standard_table() -> dict[str, ModalAgent]:
    global _STANDARD
    if _STANDARD is None:
        table: dict[str, ModalAgent] = {}
        for name, (text, src) in STANDARD_DEFINITIONS.items():
            table[name] = ModalAgent(name, parse_formula(text), None, source=src, _defer_check=True)
        for a in table.values():
            for n in agent_names(a.formula):
                a.refs[n] = table[n]
        _STANDARD = table
    return _STANDARD


def standard_agents() -> dict[str, ModalAgent]:
    """The standard modal agents of the literature by name (a fresh dict; agents are shared).

    Each agent's ``source`` cites its origin.  Names: CooperateBot, DefectBot, FairBot,
    FairBot_1, FairBot_2, PrudentBot, TrollBot, JustBot, NiceBot, UnfairBot, WaitFairBot,
    ReverseFairBot, ToughButFairBot, MagicBot, SimpleMagicBot.  ``agent("FairBot_5")`` builds any FairBot_k.
    """
    return dict(_standard_table())


#: Largest ``n`` of :func:`random_modal_agents` (a tournament is quadratic in the agents).
MAX_RANDOM_AGENTS = 100_000


def random_modal_agents(n: int, *, seed: int = 7, depth: int = 3) -> list[ModalAgent]:
    """The standard agents followed by seeded random fully modalized agents ``R<k>``, ``n`` in all.

    Random formulas of depth at most ``depth`` over ``[]_k opp(X) = C`` / ``me(X)`` atoms with
    ``X`` in me, DefectBot, CooperateBot, FairBot (``k`` in 0..2), negation, boxes and the binary
    connectives; a formula that is not fully modalized is boxed.  Used by the tournament
    benchmark and tests; a workload for studies of modal-agent populations.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidInputError(bad_param("random_modal_agents", "n", "a nonnegative int", n))
    if n > MAX_RANDOM_AGENTS:
        raise LimitError(bad_param("random_modal_agents", "n", f"at most MAX_RANDOM_AGENTS={MAX_RANDOM_AGENTS}", n))
    if isinstance(depth, bool) or not isinstance(depth, int) or not 0 <= depth <= 30:
        raise InvalidInputError(bad_param("random_modal_agents", "depth", "an int in 0..30", depth))
    rng = _rng("random_modal_agents", seed)
    names = ["me", "DefectBot", "CooperateBot", "FairBot"]

    def rand(d):
        if d == 0 or rng.random() < 0.2:
            return Box(Var(rng.choice(["opp", "me"]), rng.choice(names)), rng.choice([0, 0, 1, 2]))
        op = rng.randrange(5)
        if op == 0:
            return Not(rand(d - 1))
        if op == 1:
            return Box(rand(d - 1), rng.choice([0, 1]))
        return [And, Or, Implies][op - 2](rand(d - 1), rand(d - 1))

    out = list(standard_agents().values())[:n]
    while len(out) < n:
        f = rand(depth)
        if not is_fully_modalized(f):
            f = Box(f)
        out.append(modal_agent(f"R{len(out)}", f))
    return out


def agent(name: str) -> ModalAgent:
    """A standard agent by name; ``"FairBot_k"`` and ``"PrudentBot_k"`` for any natural k.

    ``PrudentBot_k`` is ``[] opp(me) & [k] opp(DefectBot) = D`` (PrudentBot is
    ``PrudentBot_1``); it cooperates with FairBot_j exactly when j < k.

    Raises
    ------
    UndefinedAgentError
        For an unknown name.
    """
    table = _standard_table()
    if isinstance(name, str) and _lookup_standard(name) is not None:
        return _lookup_standard(name)  # type: ignore[return-value]
    if isinstance(name, str) and name.startswith("FairBot_") and name[8:].isdigit():
        k = int(name[8:])
        return ModalAgent(name, Box(Var("opp", "me"), k), source=f"{_BARASZ}, FairBot_k")
    if isinstance(name, str) and name.startswith("PrudentBot_") and name[11:].isdigit():
        k = int(name[11:])
        return ModalAgent(name, And(Box(Var("opp", "me")), Box(Not(Var("opp", "DefectBot")), k)),
                          {"DefectBot": table["DefectBot"]},
                          source=f"{_BARASZ}, PrudentBot with PA+k checking the defection against DefectBot")
    raise UndefinedAgentError(bad_param("agent", "name", f"a standard agent ({', '.join(table)}), "
                                        "FairBot_k or PrudentBot_k", name))
