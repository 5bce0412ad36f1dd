"""Decision problems as small causal models in which predictors read the agent's policy.

Formal definition
-----------------
A :class:`DecisionProblem` is a finite causal model on a directed acyclic graph (a networkx
``DiGraph``) with four kinds of node:

* :class:`Chance` ``X`` with finitely many values and a conditional distribution
  ``P(X = x | pa(X))`` (a table, or a function of the parents' values);
* :class:`Decision` ``D`` with a finite action set and the parents it *observes*; an
  observation is the tuple of the observed parents' values.  The agent's **policy** maps every
  observation of every decision to a distribution over its actions.  A decision may carry a
  *tendency* ``T(a | pa)``: the statistical regularity linking the act to upstream states that
  is *not* mediated by the agent's policy (the smoking lesion, Egan's psychopath); only the
  evidential model sees it.  It may instead name an *executed* node ``X`` (a chance
  descendant whose values include the actions: the act as physically performed, e.g. after a
  cosmic ray) together with the agent's prior over its own output; EDT then conditions on
  ``X = a`` rather than on the output (see :meth:`DecisionProblem.executed_terms`);
* :class:`Predictor` ``R`` of a decision ``D`` at an observation ``o``: its value depends on the
  act the policy takes at ``o`` (``response(act, parent values) -> distribution``).  With
  ``sees_randomization=True`` (the default) it predicts the *realized* act of a mixed policy
  (Death in Damascus: mental coin flips are predictable); otherwise only the policy's mixture;
* the **utility**, a function of the values of its parent nodes.

Three probability models are derived from it (see :mod:`decision.theories`):

* the *true model* ``P_pi``: chance nodes by their tables, decisions follow the policy ``pi``,
  predictors read ``pi`` -- the realized expected payoff of ``pi`` is ``E_pi[U]``;
* the *evidential model* of act ``r`` at choice point ``(D, o)``: ``pi`` with ``o -> r``,
  worlds additionally weighted by the tendency ``T(r | pa(D))``, conditioned on ``D``'s
  observation being ``o``.  EDT's expected utility of ``a`` is ``E[U]`` there with ``r = a``;
* the *causal model* ``do(D = a)`` on top of a credence over the non-descendants of ``D``:
  the credence of act distribution ``sigma`` is the mixture of the evidential models of the
  acts ``r`` weighted by ``sigma(r)`` (Arntzenius 2008; Joyce 2012), so CDT's expected
  utility of ``a`` is ``sum_r sigma(r) N[a][r] / sum_r sigma(r) Z[r]`` with ``N`` and ``Z``
  from :meth:`DecisionProblem.choice_matrix`.

Numbers are exact (``Fraction``) unless a parameter is a sympy symbol, in which case the
arithmetic is sympy's.  A table form (states x actions) converts to the same model with
:func:`from_table`.

References: Yudkowsky & Soares, "Functional decision theory" (arXiv:1710.05060);
Everitt, Leike & Hutter, "Sequential extensions of causal and evidential decision theory"
(2015); Arntzenius, "No regrets" (Erkenntnis 2008); Joyce, "Regret and instability in causal
decision theory" (Synthese 2012).
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np

from solvers._validate import check_int
from solvers.errors import (
    CoopTheoryError,
    InvalidInputError,
    InvalidProbabilityError,
    LimitError,
    UnsupportedError,
    bad_param,
)
from solvers.numbers import DEFAULT_TOL, to_fraction

__all__ = [
    "Chance",
    "Decision",
    "Predictor",
    "DecisionProblem",
    "from_table",
    "num",
    "is_symbolic",
    "accuracy_response",
    "MAX_WORLDS",
]

#: Limit on the number of enumerated worlds of one evaluation (asked up front).
MAX_WORLDS = 200_000


# -- numbers --------------------------------------------------------------------------------
def is_symbolic(x: Any) -> bool:
    """Whether ``x`` is a sympy expression with free symbols."""
    return bool(getattr(x, "free_symbols", None))


def num(x: Any, func: str = "DecisionProblem", param: str = "value", *, allow_bool: bool = False) -> Any:
    """An exact number: ``Fraction`` for numbers, the sympy expression for symbolic values.

    ``True`` / ``False`` are refused (a swapped or mistyped argument: a probability, accuracy or
    payoff given as a bool), as the factories of :mod:`decision.problems` refuse them, unless
    ``allow_bool`` (the value a user's utility function returns, e.g. an indicator).
    """
    if isinstance(x, (bool, np.bool_)) and not allow_bool:
        raise InvalidInputError(bad_param(func, param, "a number or a sympy expression, not a bool", x))
    if is_symbolic(x):
        return x
    if type(x).__module__.startswith("sympy"):
        try:
            import sympy

            if getattr(x, "is_Float", False):
                x = sympy.Rational(str(x))
            if getattr(x, "is_Rational", False):
                return Fraction(int(x.p), int(x.q))
            if getattr(x, "is_number", False) and x.is_real:
                return x  # an exact algebraic number (e.g. an irrational equilibrium probability)
        except Exception:  # pragma: no cover - defensive
            pass
        raise InvalidInputError(bad_param(func, param, "a real number or a sympy symbol", x))
    return to_fraction(x, func=func, param=param)


def clean(x: Any) -> Any:
    """Normalize a result number: sympy rationals become ``Fraction``."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if type(x).__module__.startswith("sympy"):
        import sympy

        if not getattr(x, "is_Rational", False):
            x = sympy.simplify(x)
            if not is_symbolic(x) and getattr(x, "is_number", False):
                x = sympy.radsimp(x)
        if getattr(x, "is_Rational", False):
            return Fraction(int(x.p), int(x.q))
    return x


def _rational_near(target: float, a: Any, b: Any,
                   dens: Sequence[int] = (10**3, 10**6, 10**9, 10**12)) -> Fraction | None:
    """A rational near ``target`` (a float) strictly between ``a < b`` (possibly algebraic
    numbers, compared exactly): the best approximation of ``target`` with denominator at most
    each of ``dens`` in turn; None when none of them falls inside (an interval below float
    resolution)."""
    import sympy

    for den in dens:
        m = Fraction(target).limit_denominator(den)
        mm = sympy.Rational(m.numerator, m.denominator)
        if bool(mm > a) and bool(mm < b):
            return m
    return None


def _has_blind(problem: Any) -> bool:
    """Whether some predictor reads a mixed policy independently of the realized act
    (``sees_randomization=False``)."""
    return any(not pr.sees_randomization for pr in problem.predictors)


def _is_zero(x: Any) -> bool:
    if is_symbolic(x) or type(x).__module__.startswith("sympy"):
        return _sym_is_zero(x)
    return x == 0


@functools.lru_cache(maxsize=4096)
def _sym_is_zero(x: Any) -> bool:
    """``simplify(x) == 0`` for a sympy expression (memoized: a symbolic mixed policy's
    ``choice_matrix`` asks it of the same expressions in every world)."""
    import sympy

    return sympy.simplify(x) == 0


def _check_dist(dist: Mapping[Any, Any], values: Sequence[Any], func: str, param: str) -> dict:
    """A distribution over ``values``: exact entries must sum to exactly 1; if any entry is a
    float, a sum within ``DEFAULT_TOL`` of 1 is accepted and renormalized exactly (entries down
    to ``-DEFAULT_TOL`` read as 0).  NaN / infinite entries raise InvalidProbabilityError."""
    out = {}
    floats = False
    for k, v in dist.items():
        if k not in values:
            raise InvalidInputError(bad_param(func, param, f"a distribution over {list(values)!r}",
                                              f"unknown value {k!r}", raw=True))
        if isinstance(v, (float, np.floating)) and not isinstance(v, bool):
            floats = True
            if not math.isfinite(float(v)):
                raise InvalidProbabilityError(bad_param(func, param, "finite probabilities", f"{k!r}: {v!r}",
                                                        raw=True))
            if -DEFAULT_TOL <= float(v) < 0:
                v = 0.0
        q = num(v, func, param)
        if not is_symbolic(q) and q < 0:
            raise InvalidProbabilityError(bad_param(func, param, "non-negative probabilities",
                                                    f"{k!r}: {v!r}", raw=True))
        out[k] = q
    total = sum(out.values(), Fraction(0))
    if floats and not is_symbolic(total) and total != 1 and abs(float(total) - 1) <= DEFAULT_TOL:
        out = {k: q / total for k, q in out.items()}
        total = Fraction(1)
    if not _is_zero(total - 1):
        raise InvalidProbabilityError(bad_param(func, param, "probabilities summing to 1",
                                                f"{dict(dist)!r} (sum {total})", raw=True))
    return out


def _as_dist(value: Any, values: Sequence[Any], func: str, param: str) -> dict:
    """A value or a mapping value -> probability, as a checked distribution."""
    if isinstance(value, Mapping):
        return _check_dist(value, values, func, param)
    if value not in values:
        raise InvalidInputError(bad_param(func, param, f"one of {list(values)!r}", value))
    return {value: Fraction(1)}


def _user_call(fn: Callable, args: Sequence[Any], what: str, param: str | None = None) -> Any:
    """``fn(*args)`` for a function the user supplied (utility, cpt, response, tendency): an
    exception it raises becomes an InvalidInputError naming the function (``what``, or
    ``{what}.{param}``, formatted only then) and the values it was called with (the original is
    chained as ``__cause__``); the library's own errors pass."""
    try:
        return fn(*args)
    except CoopTheoryError:
        raise
    except Exception as exc:
        label = what if param is None else f"{what}.{param}"
        raise InvalidInputError(f"{label}{tuple(args)!r} raised {type(exc).__name__}: {exc}") from exc


def _call_dist(fn: Callable, args: Sequence[Any], values: Sequence[Any], func: str, param: str) -> dict:
    """The checked distribution a user function returns (:func:`_as_dist` of :func:`_user_call`)."""
    return _as_dist(_user_call(fn, args, func, param), values, func, param)


# -- nodes ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Chance:
    """A chance node: ``P(name = v | parents)``.

    ``cpt`` is a distribution (mapping value -> probability) when there are no parents, a
    mapping from tuples of parent values to distributions, or a callable
    ``cpt(*parent_values) -> distribution or value`` (a plain value means probability one).
    """

    name: str
    values: tuple
    cpt: Any
    parents: tuple = ()

    def dist(self, parent_values: tuple) -> dict:
        func = f"Chance({self.name!r})"
        c = self.cpt
        if callable(c) and not isinstance(c, Mapping):
            return _call_dist(c, parent_values, self.values, func, "cpt")
        if not self.parents:
            return _as_dist(c, self.values, func, "cpt")
        if isinstance(c, Mapping):
            if parent_values in c:
                return _as_dist(c[parent_values], self.values, func, "cpt")
            if len(parent_values) == 1 and parent_values[0] in c:
                return _as_dist(c[parent_values[0]], self.values, func, "cpt")
        raise InvalidInputError(bad_param(func, "cpt", "defined for every parent value",
                                          f"missing {parent_values!r}", raw=True))


@dataclass(frozen=True)
class Decision:
    """The agent's decision: actions, the parents it observes, an optional tendency.

    ``tendency`` is ``(parents, cpt)`` with ``cpt(*parent_values) -> distribution over
    actions``: how the act correlates with upstream states *not* through the policy
    (population statistics; used only by the evidential model).

    ``executed`` is ``(node, prior)``: the name of a :class:`Chance` descendant whose values
    include the actions -- the act as physically performed, which may differ from the
    decision's output (Yudkowsky & Soares 2017, sec. 7, the cosmic ray) -- and the agent's prior
    over its own output (a mapping action -> probability; stored as a tuple of pairs so the
    node stays hashable).  EDT conditions on ``node = a``
    with the output distributed by ``prior`` (:meth:`DecisionProblem.executed_terms`); CDT and
    UDT/FDT still intervene on / choose the output.  Not combinable with ``tendency``.
    """

    name: str
    actions: tuple
    observes: tuple = ()
    tendency: tuple | None = None
    executed: tuple | None = None

    @property
    def parents(self) -> tuple:
        extra = tuple(self.tendency[0]) if self.tendency else ()
        return tuple(self.observes) + tuple(p for p in extra if p not in self.observes)


def accuracy_response(actions: Sequence[Any], accuracy: Any) -> Callable:
    """Response of a predictor that names the act with probability ``accuracy``.

    Errors are spread evenly over the other actions.
    """
    acc = num(accuracy, "Predictor", "accuracy")
    n = len(actions)

    def response(act, *parents):
        if n == 1:
            return {act: Fraction(1)}
        miss = (1 - acc) / (n - 1)
        return {b: (acc if b == act else miss) for b in actions}

    return response


@dataclass(frozen=True)
class Predictor:
    """A node whose value depends on the act the agent's *policy* takes at ``at``.

    ``response(act, *parent_values)`` is the node's distribution when the policy takes
    ``act`` at observation ``at`` of decision ``of``; for a mixed policy it reads the realized
    act (``sees_randomization=True``) or mixes the responses by the policy's probabilities.
    ``values`` defaults to the actions of ``of`` (a prediction of the act).
    """

    name: str
    of: str
    response: Callable | None = None
    at: tuple = ()
    values: tuple | None = None
    parents: tuple = ()
    accuracy: Any = 1
    sees_randomization: bool = True


# -- the problem ----------------------------------------------------------------------------
class DecisionProblem:
    """A decision problem: nodes on a DAG, a utility, a title and a source.

    Parameters
    ----------
    nodes : sequence of Chance, Decision, Predictor
    utility : callable
        ``utility(*values of utility_parents) -> number``.
    utility_parents : sequence of str
    title, source : str
    params : mapping
        The numbers the problem was built from (for display and :meth:`subs`).
    labels : mapping, optional
        Display names of actions.
    """

    def __init__(self, nodes: Sequence[Any], utility: Callable, utility_parents: Sequence[str], *,
                 title: str = "", source: str = "", params: Mapping[str, Any] | None = None,
                 factory: Callable | None = None) -> None:
        func = "DecisionProblem"
        if isinstance(nodes, (str, bytes, Mapping)) or not isinstance(nodes, Iterable):
            raise InvalidInputError(bad_param(func, "nodes", "a sequence of Chance, Decision or Predictor nodes", nodes))
        if not callable(utility):
            raise InvalidInputError(bad_param(func, "utility", "a function of the utility_parents' values", utility))
        if isinstance(utility_parents, (str, bytes)) or not isinstance(utility_parents, Iterable):
            raise InvalidInputError(bad_param(func, "utility_parents", "a sequence of node names", utility_parents))
        self.title = title
        self.source = source
        self.params = dict(params or {})
        self._factory = factory
        self.utility = utility
        self.utility_parents = tuple(utility_parents)
        self.nodes: dict[str, Any] = {}
        nodes = list(nodes)
        for n in nodes:
            if not isinstance(n, (Chance, Decision, Predictor)):
                raise InvalidInputError(bad_param(func, "nodes", "Chance, Decision or Predictor nodes", n))
            label = f"{type(n).__name__}({n.name!r})"
            # a string is a sequence of letters: Decision("act", "smoke") had five actions s, m, o, k, e
            fld = "observes" if isinstance(n, Decision) else "parents"
            seq = getattr(n, fld)
            if isinstance(seq, (str, bytes)) or not isinstance(seq, Iterable):
                raise InvalidInputError(bad_param(func, f"{label}.{fld}", "a sequence of node names, e.g. ('lesion',)",
                                                  seq))
            if isinstance(n, Decision) and n.tendency is not None:
                tend = n.tendency
                if not (isinstance(tend, (tuple, list)) and len(tend) == 2 and isinstance(tend[0], Iterable)
                        and not isinstance(tend[0], (str, bytes)) and callable(tend[1])
                        and not isinstance(tend[1], Mapping)):
                    raise InvalidInputError(bad_param(func, f"{label}.tendency", "a pair (parents, function of the "
                                                      "parents' values -> distribution over the actions)", tend))
            if not isinstance(n, Predictor) or n.values is not None:
                vals = n.actions if isinstance(n, Decision) else n.values
                what = "actions" if isinstance(n, Decision) else "values"
                try:
                    ok = not isinstance(vals, (str, bytes)) and len(vals) > 0 and len(set(vals)) == len(vals)
                except TypeError:
                    ok = False
                if not ok:
                    raise InvalidInputError(bad_param(func, f"{type(n).__name__}({n.name!r}).{what}",
                                                      f"a non-empty sequence of distinct hashable {what}", vals))
            if n.name in self.nodes or n.name == "U":
                raise InvalidInputError(bad_param(func, "nodes", "distinct names (U is the utility)", n.name))
            self.nodes[n.name] = n
        decisions = [n for n in self.nodes.values() if isinstance(n, Decision)]
        if not decisions:
            raise InvalidInputError(bad_param(func, "nodes", "at least one Decision", [n.name for n in nodes],
                                              ))
        # predictor defaults
        for name, n in list(self.nodes.items()):
            if isinstance(n, Predictor):
                target = self.nodes.get(n.of)
                if not isinstance(target, Decision):
                    raise InvalidInputError(bad_param(func, f"Predictor({name!r}).of", "the name of a Decision node",
                                                      n.of))
                values = n.values if n.values is not None else target.actions
                response = n.response or accuracy_response(target.actions, n.accuracy)
                acc = num(n.accuracy, func, f"Predictor({name!r}).accuracy")
                if not is_symbolic(acc) and not (0 <= acc <= 1):
                    raise InvalidProbabilityError(bad_param(func, f"Predictor({name!r}).accuracy",
                                                            "in [0, 1]", n.accuracy))
                at = tuple(n.at)
                if len(at) != len(target.observes):
                    raise InvalidInputError(bad_param(func, f"Predictor({name!r}).at",
                                                      f"an observation of {n.of!r} (values of {target.observes})",
                                                      n.at))
                self.nodes[name] = Predictor(name, n.of, response, at, tuple(values), tuple(n.parents),
                                             n.accuracy, n.sees_randomization)
        g = nx.DiGraph()
        for name, n in self.nodes.items():
            g.add_node(name, kind=type(n).__name__.lower())
        for name, n in self.nodes.items():
            for p in n.parents:
                if p not in self.nodes:
                    raise InvalidInputError(bad_param(func, f"{name}.parents", "names of nodes", p))
                g.add_edge(p, name)
        g.add_node("U", kind="utility")
        for p in self.utility_parents:
            if p not in self.nodes:
                raise InvalidInputError(bad_param(func, "utility_parents", "names of nodes", p))
            g.add_edge(p, "U")
        for name, n in self.nodes.items():
            if isinstance(n, Predictor):
                g.add_edge(n.of, name, policy=True)  # a policy edge (drawn dashed; not causal)
        causal = nx.DiGraph((u, v) for u, v, d in g.edges(data=True) if not d.get("policy"))
        causal.add_nodes_from(g.nodes)
        if not nx.is_directed_acyclic_graph(causal):
            cycle = nx.find_cycle(causal)
            raise InvalidInputError(bad_param(func, "nodes", "an acyclic causal graph", f"cycle {cycle}", raw=True))
        self.graph = g
        self.causal_graph = causal
        self.order = [n for n in nx.topological_sort(causal) if n != "U"]
        for name, n in self.nodes.items():
            if isinstance(n, Predictor) and n.at not in self.observations(n.of):
                raise InvalidInputError(bad_param(func, f"Predictor({name!r}).at",
                                                  f"an observation of {n.of!r} (one of {self.observations(n.of)})",
                                                  n.at))
        for name, n in self.nodes.items():
            if isinstance(n, Decision) and n.tendency:
                for p in n.tendency[0]:
                    if p not in self.nodes:
                        raise InvalidInputError(bad_param(func, f"Decision({name!r}).tendency", "parents that are nodes", p))
        for name, n in list(self.nodes.items()):
            if isinstance(n, Decision) and n.executed is not None:
                self.nodes[name] = self._check_executed(n)
        self.symbols = self._symbols()
        self.exact = True
        self.default_credence: dict | None = None
        self._validate_tables()

    def _check_executed(self, d: Decision) -> Decision:
        """Validate ``d.executed = (node, prior)``; return ``d`` with the prior checked."""
        func = "DecisionProblem"
        param = f"Decision({d.name!r}).executed"
        ex = d.executed
        if not isinstance(ex, tuple) or len(ex) != 2:
            raise InvalidInputError(bad_param(func, param, "a pair (chance node, prior over the actions)", ex))
        node, prior = ex
        x = self.nodes.get(node) if isinstance(node, str) else None
        if not isinstance(x, Chance):
            raise InvalidInputError(bad_param(func, param, "the name of a Chance node", node))
        if node not in self.descendants(d.name):
            raise InvalidInputError(bad_param(func, param, f"a descendant of {d.name!r}", node))
        missing = [a for a in d.actions if a not in x.values]
        if missing:
            raise InvalidInputError(bad_param(func, param, f"a node whose values include the actions "
                                              f"{list(d.actions)!r}", f"{node!r} lacks {missing!r}", raw=True))
        if d.tendency:
            raise UnsupportedError(f"{func}: {param}: a decision with an executed node cannot also have a tendency")
        if not isinstance(prior, Mapping):
            raise InvalidInputError(bad_param(func, param, "a prior given as a mapping action -> probability",
                                              prior))
        dist = _check_dist(prior, d.actions, func, param)
        # stored as a tuple of (action, probability) pairs so that the frozen node stays hashable
        return Decision(d.name, d.actions, d.observes, d.tendency, (node, tuple(dist.items())))

    def _validate_tables(self) -> None:
        """Check every conditional table up front (probabilities, values, sums)."""
        for name, n in self.nodes.items():
            combos = itertools.product(*(self.values_of(p) for p in n.parents))
            if isinstance(n, Chance):
                for combo in combos:
                    n.dist(tuple(combo))
            elif isinstance(n, Predictor):
                for combo in combos:
                    for act in self.nodes[n.of].actions:
                        _call_dist(n.response, (act, *combo), n.values, f"Predictor({name!r})", "response")
            elif isinstance(n, Decision) and n.tendency:
                parents, cpt = n.tendency
                for combo in itertools.product(*(self.values_of(p) for p in parents)):
                    _call_dist(cpt, combo, n.actions, f"Decision({name!r})", "tendency")

    # -- structure ------------------------------------------------------------------------
    @property
    def decisions(self) -> list[Decision]:
        return [n for n in self.nodes.values() if isinstance(n, Decision)]

    @property
    def predictors(self) -> list[Predictor]:
        return [n for n in self.nodes.values() if isinstance(n, Predictor)]

    def values_of(self, name: str) -> tuple:
        n = self.nodes[name]
        if isinstance(n, Decision):
            return n.actions
        return tuple(n.values)

    def observations(self, decision: str) -> list[tuple]:
        """Every observation (tuple of observed values) of a decision, in order."""
        d = self.nodes[decision]
        return [tuple(o) for o in itertools.product(*(self.values_of(p) for p in d.observes))]

    def choice_points(self) -> list[tuple[str, tuple]]:
        """All ``(decision, observation)`` pairs: the domain of a policy."""
        return [(d.name, o) for d in self.decisions for o in self.observations(d.name)]

    def descendants(self, name: str) -> set[str]:
        return nx.descendants(self.causal_graph, name) - {"U"}

    def _symbols(self) -> set:
        out = set()
        for v in self.params.values():
            out |= set(getattr(v, "free_symbols", set()))
        return out

    @property
    def symbolic(self) -> bool:
        return bool(self.symbols)

    def subs(self, values: Mapping[Any, Any]) -> "DecisionProblem":
        """The same problem with symbolic parameters replaced (needs a factory-built problem)."""
        if self._factory is None:
            raise UnsupportedError("DecisionProblem.subs(): only problems built by a factory can substitute")
        if not isinstance(values, Mapping):
            raise InvalidInputError(bad_param("DecisionProblem.subs", "values", "a mapping symbol -> value", values))
        # keys: the problem's symbols, or their names (a Symbol("p") for the problem's
        # Symbol("p", positive=True) was silently ignored, an unknown one too)
        rep = {_sym(self, s): w for s, w in values.items()}
        new = {}
        for k, v in self.params.items():
            if is_symbolic(v):
                v = v.subs(rep)
                if not is_symbolic(v):
                    v = num(v)
            new[k] = v
        return self._factory(**new)

    def __repr__(self) -> str:
        kinds = {"Chance": [], "Decision": [], "Predictor": []}
        for n in self.nodes.values():
            kinds[type(n).__name__].append(n.name)
        shown = ", ".join(f"{k.lower()}: {v}" for k, v in kinds.items() if v)
        return f"DecisionProblem({self.title or 'untitled'!r}; {shown})"

    # -- policies -------------------------------------------------------------------------
    def normalize_policy(self, policy: Mapping | None, func: str = "policy", param: str = "policy") -> dict:
        """Check a policy: a mapping ``(decision, obs) -> act or distribution``.

        Shorthands: a mapping ``decision -> act`` (one observation) and, for problems with a
        single choice point, a bare act or distribution.
        """
        points = self.choice_points()
        if policy is None:
            raise InvalidInputError(bad_param(func, param, "a mapping (decision, observation) -> act", None))
        if not isinstance(policy, Mapping) or (len(points) == 1 and not any(
                k in points or k in self.nodes for k in policy)):
            if len(points) != 1:
                raise InvalidInputError(bad_param(func, param, "a mapping (decision, observation) -> act",
                                                  policy))
            policy = {points[0]: policy}
        out = {}
        for key, val in policy.items():
            if isinstance(key, str):
                if key not in self.nodes or not isinstance(self.nodes[key], Decision):
                    raise InvalidInputError(bad_param(func, param, "keys that are decisions", key))
                obs = self.observations(key)
                for o in obs:
                    out[(key, o)] = val
                continue
            if key not in points:
                raise InvalidInputError(bad_param(func, param, f"keys among {points}", key))
            out[key] = val
        missing = [p for p in points if p not in out]
        if missing:
            raise InvalidInputError(bad_param(func, param, "an act at every choice point", f"missing {missing}",
                                              raw=True))
        return {k: _as_dist(v, self.nodes[k[0]].actions, func, f"{param}[{k!r}]") for k, v in out.items()}

    def pure_policies(self, limit: int = 100_000) -> list[dict]:
        """Every deterministic policy (raises LimitError past ``limit``)."""
        check_int("pure_policies", "limit", limit, 0)
        points = self.choice_points()
        sizes = [len(self.nodes[d].actions) for d, _ in points]
        count = 1
        for s in sizes:
            count *= s
        if count > limit:
            raise LimitError(bad_param("pure_policies", "limit", f">= the number of policies ({count})", limit))
        out = []
        for combo in itertools.product(*(self.nodes[d].actions for d, _ in points)):
            out.append({p: {a: Fraction(1)} for p, a in zip(points, combo)})
        return out

    # -- enumeration ----------------------------------------------------------------------
    def _node_dist(self, name: str, w: dict, policy: dict, latent: dict, *, fixed: Mapping | None = None):
        n = self.nodes[name]
        if fixed and name in fixed:
            return {fixed[name]: Fraction(1)}
        if isinstance(n, Chance):
            return n.dist(tuple(w[p] for p in n.parents))
        if isinstance(n, Decision):
            o = tuple(w[p] for p in n.observes)
            key = (name, o)
            if key in latent:
                return {latent[key]: Fraction(1)}
            return policy[key]
        # predictor
        key = (n.of, n.at)
        pv = tuple(w[p] for p in n.parents)
        if n.sees_randomization and key in latent:
            acts = {latent[key]: Fraction(1)}
        else:
            acts = policy[key]
        out: dict = {}
        for act, q in acts.items():
            if _is_zero(q):
                continue
            d = _call_dist(n.response, (act, *pv), n.values, f"Predictor({name!r})", "response")
            for v, r in d.items():
                out[v] = out.get(v, 0) + q * r
        return out

    def worlds(self, policy: Mapping, *, start: Mapping | None = None, nodes: Sequence[str] | None = None,
               fixed: Mapping | None = None, weight: Callable | None = None) -> list[tuple[dict, Any]]:
        """Enumerate ``(assignment, probability)`` of the nodes in topological order.

        ``policy`` is a normalized policy.  Mixed choice points read by a predictor that sees
        randomization get a latent realized act shared by the decision and the predictor.
        ``start`` is a partial assignment to extend, ``nodes`` the nodes to enumerate (default:
        all), ``fixed`` overrides node values (interventions), ``weight(w)`` multiplies the
        probability of each complete world (tendencies).
        """
        order = [n for n in self.order if nodes is None or n in nodes]
        seen_keys = {(p.of, p.at) for p in self.predictors if p.sees_randomization}
        latent_keys = [k for k in seen_keys if len([a for a, q in policy[k].items() if not _is_zero(q)]) > 1]
        results: list[tuple[dict, Any]] = []
        base_start = dict(start or {})
        latent_combos = [({}, Fraction(1))]
        for k in latent_keys:
            new = []
            for lat, pr in latent_combos:
                for a, q in policy[k].items():
                    if _is_zero(q):
                        continue
                    d = dict(lat)
                    d[k] = a
                    new.append((d, pr * q))
            latent_combos = new
        for latent, lp in latent_combos:
            stack = [(base_start, lp, 0)]
            while stack:
                w, pr, i = stack.pop()
                if i == len(order):
                    if weight is not None:
                        pr = pr * weight(w)
                    results.append((w, pr))
                    if len(results) > MAX_WORLDS:
                        raise LimitError(bad_param("DecisionProblem.worlds", "problem",
                                                   f"at most {MAX_WORLDS} worlds", "more", raw=True))
                    continue
                name = order[i]
                dist = self._node_dist(name, w, _with_latent_policy(policy, latent), latent, fixed=fixed)
                for v, q in dist.items():
                    if _is_zero(q):
                        continue
                    w2 = dict(w)
                    w2[name] = v
                    stack.append((w2, pr * q, i + 1))
        return results

    def u(self, w: Mapping) -> Any:
        return num(_user_call(self.utility, [w[p] for p in self.utility_parents], "DecisionProblem: utility"),
                   "DecisionProblem", "utility", allow_bool=True)

    def value(self, policy: Mapping) -> Any:
        """Realized expected utility ``E_pi[U]`` of a policy in the true model."""
        pol = self.normalize_policy(policy, "DecisionProblem.value")
        return clean(sum((pr * self.u(w) for w, pr in self.worlds(pol)), Fraction(0)))

    def choice_matrix(self, point: tuple[str, tuple], policy: Mapping) -> tuple[dict, dict]:
        """``N[a][r]`` and ``Z[r]`` at a choice point, other points following ``policy``.

        ``Z[r]`` is the probability of the observation in the evidential model of act ``r``
        (worlds weighted by the tendency ``T(r | pa)`` and renormalized, i.e. conditioned on
        the act); ``N[a][r]`` the expectation of ``U * [obs = o]`` there after the
        intervention ``do(D = a)``.  An act of evidential probability zero gets ``Z = 0``.  EDT: ``N[a][a] / Z[a]``; CDT with credence
        ``sigma``: ``sum_r sigma_r N[a][r] / sum_r sigma_r Z[r]``.
        """
        dname, obs = point
        d = self.nodes[dname]
        pol = self.normalize_policy(policy, "choice_matrix")
        desc = self.descendants(dname)
        nondesc = [n for n in self.order if n not in desc]
        descl = [n for n in self.order if n in desc and n != dname]
        N: dict = {a: {} for a in d.actions}
        Z: dict = {}
        for r in d.actions:
            pr_pol = dict(pol)
            pr_pol[point] = {r: Fraction(1)}

            def tw(w, r=r):
                if not d.tendency:
                    return Fraction(1)
                parents, cpt = d.tendency
                dist = _call_dist(cpt, [w[p] for p in parents], d.actions, f"Decision({dname!r})", "tendency")
                return dist.get(r, Fraction(0))

            allw = self.worlds(pr_pol, nodes=nondesc, weight=tw)
            mass = sum((pr for _, pr in allw), Fraction(0)) if d.tendency else Fraction(1)
            if not is_symbolic(mass) and mass == 0:
                # the act has probability zero in the evidential model (tendency)
                Z[r] = Fraction(0)
                for a in d.actions:
                    N[a][r] = Fraction(0)
                continue
            base = [(w, pr / mass) for w, pr in allw
                    if tuple(w[p] for p in d.observes) == obs and w[dname] == r]
            Z[r] = clean(sum((pr for _, pr in base), Fraction(0)))
            for a in d.actions:
                total = Fraction(0)
                for w, pr in base:
                    w2 = dict(w)
                    w2[dname] = a
                    for wf, q in self.worlds(pr_pol, start=w2, nodes=descl):
                        total = total + pr * q * self.u(wf)
                N[a][r] = clean(total)
        return N, Z

    def executed_terms(self, point: tuple[str, tuple], policy: Mapping) -> tuple[dict, dict]:
        """EDT's numerators and denominators at a decision with an ``executed`` node ``X``.

        For each act ``a``: ``E[U * [X = a, obs = o]]`` and ``P(X = a, obs = o)`` in the true
        model in which the decision's output at ``o`` follows the agent's prior and the other
        choice points follow ``policy`` (predictors read the output as usual).  EDT's value of
        ``a`` is their ratio, undefined when the denominator is zero.
        """
        dname, obs = point
        d = self.nodes[dname]
        if d.executed is None:
            raise InvalidInputError(bad_param("executed_terms", "point", "a decision with an executed node", point))
        x, prior = d.executed
        pol = self.normalize_policy(policy, "executed_terms")
        pol[point] = dict(prior)
        nums: dict = {a: Fraction(0) for a in d.actions}
        dens: dict = {a: Fraction(0) for a in d.actions}
        for w, pr in self.worlds(pol):
            a = w[x]
            if a in nums and tuple(w[p] for p in d.observes) == obs:
                nums[a] = nums[a] + pr * self.u(w)
                dens[a] = dens[a] + pr
        return {a: clean(v) for a, v in nums.items()}, {a: clean(v) for a, v in dens.items()}


def _resolve_symbol(symbols: Iterable[Any], key: Any) -> Any:
    """The symbol of ``symbols`` given as itself or by its name (a string, or a same-named symbol
    with other assumptions); None when there is none."""
    if key in symbols:
        return key
    name = key if isinstance(key, str) else getattr(key, "name", None) if getattr(key, "is_Symbol", False) else None
    for s in symbols:
        if s.name == name:
            return s
    return None


def _sym(problem: DecisionProblem, key: Any):
    """The problem's symbol given as itself or by its name (a same-named symbol with other
    assumptions included); InvalidInputError naming the problem's symbols otherwise."""
    s = _resolve_symbol(problem.symbols, key)
    if s is not None:
        return s
    raise InvalidInputError(bad_param("DecisionProblem.subs", "values",
                                      f"keys that are symbols of the problem {sorted(s.name for s in problem.symbols)}",
                                      key))


def _with_latent_policy(policy: dict, latent: dict) -> dict:
    if not latent:
        return policy
    out = dict(policy)
    for k, a in latent.items():
        out[k] = {a: Fraction(1)}
    return out


# -- table form -----------------------------------------------------------------------------
def from_table(actions: Sequence[Any], states: Sequence[Any], utility: Any, evidential: Any, *,
               causal: Any = None, via: str = "predictor", title: str = "", source: str = "") -> DecisionProblem:
    """A states x actions problem as a causal model.

    Parameters
    ----------
    actions, states : sequences of labels
    utility : 2-D array-like ``utility[a][s]``
    evidential : 2-D array-like ``P(s | a)``, one row per action
    causal : sequence, optional
        The unconditional state probabilities ``P(s)``.  Required for ``via="common_cause"``;
        with ``via="predictor"`` they become CDT's default (fixed) credence, expressed as the
        act prior ``q`` with ``sum_a q_a P(s|a) = P(s)``.
    via : {"predictor", "common_cause"}
        How the state correlates with the act: through the agent's policy (a predictor, as in
        Newcomb) or through a common cause the policy does not affect (as in the smoking
        lesion).  For a common cause the act prior ``q`` solving ``sum_a q_a P(s|a) = P(s)`` is
        computed and the tendency ``T(a|s) = q_a P(s|a) / P(s)`` reproduces ``P(s|a)``.
    """
    func = "from_table"
    actions = tuple(actions)
    states = tuple(states)
    if len(set(actions)) != len(actions) or not actions:
        raise InvalidInputError(bad_param(func, "actions", "distinct labels", actions))
    if len(set(states)) != len(states) or not states:
        raise InvalidInputError(bad_param(func, "states", "distinct labels", states))
    util = [[num(x, func, "utility") for x in row] for row in _rows(utility, func, "utility", actions, states)]
    if len(util) != len(actions) or any(len(r) != len(states) for r in util):
        raise InvalidInputError(bad_param(func, "utility", f"shape {(len(actions), len(states))}", utility))
    ev = _rows(evidential, func, "evidential", actions, states)
    if len(ev) != len(actions) or any(len(r) != len(states) for r in ev):
        raise InvalidInputError(bad_param(func, "evidential", f"shape {(len(actions), len(states))}", evidential))
    evd = {a: _check_dist(dict(zip(states, row)), states, func, f"evidential[{i}]") for i, (a, row) in
           enumerate(zip(actions, ev))}
    ia = {a: i for i, a in enumerate(actions)}
    is_ = {s: j for j, s in enumerate(states)}

    def U(act, s):
        return util[ia[act]][is_[s]]

    if via not in ("predictor", "common_cause"):
        raise InvalidInputError(bad_param(func, "via", '"predictor" or "common_cause"', via))
    # every entry is a parameter (sympy symbols allowed): DecisionProblem.subs and thresholds
    # rebuild the table through this factory
    params: dict = {}
    for i, a in enumerate(actions):
        for j, s in enumerate(states):
            params[f"utility[{i}][{j}]"] = util[i][j]
            params[f"evidential[{i}][{j}]"] = evd[a][s]
    pc = None
    if causal is not None:
        if isinstance(causal, (str, bytes)) or not isinstance(causal, Iterable):
            raise InvalidInputError(bad_param(func, "causal", f"a sequence of {len(states)} probabilities", causal))
        causal = list(causal)
        if len(causal) != len(states):
            raise InvalidInputError(bad_param(func, "causal", f"a sequence of {len(states)} probabilities", causal))
        pc = _check_dist(dict(zip(states, causal)), states, func, "causal")
        # float probabilities make P(s) a mixture of the rows P(s|a) only up to rounding: the act
        # prior is then found within DEFAULT_TOL and P(s) replaced by the exact mixture it gives
        floats = any(isinstance(x, (float, np.floating)) for x in list(causal) + [x for r in ev for x in r])
        tol = Fraction(DEFAULT_TOL) if floats else Fraction(0)
        if floats and not any(is_symbolic(x) for x in pc.values()) and not any(
                is_symbolic(evd[a][s]) for a in actions for s in states):
            q0 = _act_prior(actions, states, evd, pc, causal, func, tol)
            pc = {s: sum((q0[a] * evd[a][s] for a in actions), Fraction(0)) for s in states}
        for j, s in enumerate(states):
            params[f"causal[{j}]"] = pc[s]

    def factory(**kw: Any) -> DecisionProblem:
        u2 = [[kw[f"utility[{i}][{j}]"] for j in range(len(states))] for i in range(len(actions))]
        e2 = [[kw[f"evidential[{i}][{j}]"] for j in range(len(states))] for i in range(len(actions))]
        c2 = None if pc is None else [kw[f"causal[{j}]"] for j in range(len(states))]
        return from_table(actions, states, u2, e2, causal=c2, via=via, title=title, source=source)

    if via == "predictor":
        node = Predictor("state", "act", response=lambda act: evd[act], values=states)
        p = DecisionProblem([Decision("act", actions), node], U, ["act", "state"], title=title or "table problem",
                            source=source, params=params, factory=factory)
        if pc is not None:
            p.default_credence = {("act", ()): _act_prior(actions, states, evd, pc, causal, func)}
        return p
    if pc is None:
        raise InvalidInputError(bad_param(func, "causal", "the state probabilities P(s) when via='common_cause'",
                                          None))
    q = _act_prior(actions, states, evd, pc, causal, func)
    if any(is_symbolic(v) for v in q.values()):
        raise UnsupportedError(f"{func}(): via='common_cause' needs numeric evidential and causal probabilities "
                               "(the act prior they imply must be checked positive); use via='predictor' or a "
                               "custom model with symbolic parameters")
    if any(v <= 0 for v in q.values()):
        raise InvalidInputError(bad_param(func, "causal", "a mixture of the evidential rows with positive weights",
                                          causal))

    def tendency(s):
        if pc[s] == 0:
            return {a: Fraction(1, len(actions)) for a in actions}
        return {a: q[a] * evd[a][s] / pc[s] for a in actions}

    return DecisionProblem([Chance("state", states, pc), Decision("act", actions, (), (("state",), tendency))],
                           U, ["act", "state"], title=title or "table problem", source=source,
                           params={**params, "act_prior": q}, factory=factory)


def _rows(x: Any, func: str, param: str, actions: tuple, states: tuple) -> list[list]:
    """A 2-D array-like as a list of rows (InvalidInputError if it is not one)."""
    shape = f"a 2-D array-like of shape {(len(actions), len(states))}"
    if isinstance(x, (str, bytes)) or not isinstance(x, Iterable) and not hasattr(x, "tolist"):
        raise InvalidInputError(bad_param(func, param, shape, x))
    rows = list(x.tolist() if hasattr(x, "tolist") else x)
    if any(isinstance(r, (str, bytes)) or not isinstance(r, Iterable) for r in rows):
        raise InvalidInputError(bad_param(func, param, shape, x))
    return [list(r) for r in rows]


def _act_prior(actions, states, evd, pc, causal, func, tol: Fraction = Fraction(0)) -> dict:
    """An act prior q >= 0 with sum_a q_a P(s|a) = P(s), else an error.

    Numeric tables: an exact LP maximizing the smallest weight (so a positive prior is found
    whenever one exists; with more actions than states the prior is not unique, and CDT's
    credence over the states, sum_a q_a P(s|a) = P(s), does not depend on which one is used).
    With ``tol > 0`` (float input: the mixture holds only up to rounding) each state's equation
    may miss by ``tol``; the caller then uses the exact mixture ``sum_a q_a P(s|a)`` as ``P(s)``.
    Symbolic tables: the unique solution of the linear system (sympy).
    """
    if not any(is_symbolic(x) for x in list(pc.values()) + [evd[a][s] for a in actions for s in states]):
        from solvers._exact_lp import exact_lp

        m = len(actions)
        # variables q_0..q_{m-1}, t >= 0: maximize t subject to t <= q_a, t <= 1 and the mixture
        rows = [[Fraction(evd[a][s]) for a in actions] + [Fraction(0)] for s in states]
        A_eq = [[Fraction(1)] * m + [Fraction(0)]]
        b_eq = [Fraction(1)]
        A_ub = [[Fraction(-1) if j == i else Fraction(0) for j in range(m)] + [Fraction(1)] for i in range(m)]
        A_ub.append([Fraction(0)] * m + [Fraction(1)])
        b_ub = [Fraction(0)] * m + [Fraction(1)]
        if tol:
            for r, s in zip(rows, states):
                A_ub += [r, [-x for x in r]]
                b_ub += [Fraction(pc[s]) + tol, tol - Fraction(pc[s])]
        else:
            A_eq += rows
            b_eq += [Fraction(pc[s]) for s in states]
        sol = exact_lp([Fraction(0)] * m + [Fraction(1)], A_ub, b_ub, A_eq, b_eq)
        if sol.status != "optimal":
            raise InvalidInputError(bad_param(func, "causal", "a mixture of the evidential rows (sum_a q_a P(s|a) "
                                              "= P(s) for some act prior q >= 0)", causal))
        return {a: Fraction(sol.x[i]) for i, a in enumerate(actions)}
    import sympy

    qs = sympy.symbols(f"q0:{len(actions)}")
    eqs = [sum(qs) - 1] + [sum(q * sympy.sympify(evd[a][s]) for q, a in zip(qs, actions)) - sympy.sympify(pc[s])
                           for s in states]
    sol = sympy.solve(eqs, qs, dict=True)
    if not sol or any(q not in sol[0] for q in qs):
        raise InvalidInputError(bad_param(func, "causal", "a unique mixture of the evidential rows", causal))
    q = {a: num(sol[0][qq], func, "causal") for a, qq in zip(actions, qs)}
    if any(not is_symbolic(v) and v < 0 for v in q.values()):  # symbolic weights: checked after subs
        raise InvalidInputError(bad_param(func, "causal", "a mixture of the evidential rows", causal))
    return q
