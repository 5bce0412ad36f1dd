"""Single-agent decision trees with imperfect recall (absent-mindedness allowed).

Formal definitions
------------------
A tree has decision nodes (each in an *information set* ``I`` with the action set ``A_I``),
chance nodes and terminal nodes with utilities.  A path from the root may visit an
information set several times (absent-mindedness, Piccione & Rubinstein 1997).  A behavioural
policy ``pi`` gives each ``I`` a distribution over ``A_I`` used independently at every visit.

* ``P(h)``: probability of reaching node ``h``; ``P(z)``: of terminal history ``z``;
  ``U(pi) = sum_z P(z) u(z)`` is the ex-ante (planning) value; ``n_I(z)`` the number of
  visits of ``I`` on ``z``.
* ``Q(h, a) = E[u | h, a at h, pi afterwards]``.
* Generalized thirding (GT): ``P_GT(h | I) = P(h) / sum_{h' in I} P(h')``; over centred
  worlds ``P_GT(h, z) = P(z) / sum_{h'} P(h')`` for each visit ``h`` of ``I`` on ``z``.
* Generalized double halving (GDH): the world keeps its prior weight given that ``I`` is
  reached, split evenly over its visits: ``P_GDH(h, z) = P(z) / (n_I(z) P(I reached))``.
* CDT evaluates an action ``a`` at the current node only (the agent's other visits follow
  ``pi``): ``CDT_X(a) = sum_h P_X(h | I) Q(h, a)``.
* EDT treats its choice as evidence that it makes the same choice at every visit of ``I`` in
  the current world; to first order at ``pi`` (the condition is a first-order one, as in
  Oesterheld & Conitzer) the effect adds over the visits:
  ``EDT_X(a) = sum_{(h, z)} P_X(h, z) sum_{k in I on z} Q(k, a)``.
* A policy *satisfies* theory+beliefs if at every information set reached with positive
  probability every action in the support of ``pi_I`` maximizes the value above.

Unnormalized, ``EDT_GDH(a) = sum_z P(z) sum_{k on z} Q(k, a) = sum_k P(k) Q(k, a)``, which
is proportional to ``CDT_GT(a)`` and equals ``dU / d pi_I(a)``: both pairings are the
Karush-Kuhn-Tucker conditions of ex-ante optimality, so every planning-optimal policy
satisfies them (Piccione & Rubinstein 1997 for CDT with consistent beliefs; Aumann, Hart & Perry
1997 "action-optimality"; Oesterheld & Conitzer, "Can de se choice be ex ante reasonable in
games of imperfect recall?").  EDT+GT double counts worlds with many visits and CDT+GDH
under-weights later visits: in the absent-minded driver (payoffs 0, 4, 1) the planning optimum
continues with probability 2/3 (value 4/3), whereas EDT+GT gives ``3p^2 + 5p - 4 = 0``,
``p = (sqrt(73) - 5)/6 ~ 0.591`` and CDT+GDH ``3p^2 - 13p + 8 = 0``, ``p = (13 - sqrt(73))/6 ~ 0.743``
(derived here from the definitions above).  Piccione & Rubinstein's "modified multiselves"
value with GT beliefs where the choice controls the current *and later* visits gives 4/9; that
is a different (forward-only) notion of evidential control, not computed here.

Exact solutions (sympy) come from support enumeration on the polynomial conditions; floats
(scipy, multi-start) are certified by the residual of the same conditions.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from solvers.errors import InvalidInputError, InvalidProbabilityError, LimitError, bad_param
from solvers.numbers import DEFAULT_TOL
from solvers.results import Result, result

from .model import clean, is_symbolic, num

__all__ = [
    "ImperfectRecallProblem",
    "DeSeResult",
    "beliefs",
    "de_se_values",
    "satisfies",
    "solve_de_se",
    "planning_optimum",
    "compare_imperfect_recall",
    "PAIRINGS",
]

#: The four theory/belief pairings.
PAIRINGS = (("CDT", "GT"), ("EDT", "GDH"), ("CDT", "GDH"), ("EDT", "GT"))


class ImperfectRecallProblem:
    """A single-agent tree with information sets.

    Build it node by node::

        t = ImperfectRecallProblem(title="absent-minded driver")
        t.decision("X", "I", {"exit": "A", "continue": "Y"})
        t.decision("Y", "I", {"exit": "B", "continue": "C"})
        t.terminal("A", 0); t.terminal("B", 4); t.terminal("C", 1)
        t.root = "X"
    """

    def __init__(self, *, title: str = "", source: str = "", params: Mapping | None = None) -> None:
        self.title = title
        self.source = source
        self.params = dict(params or {})
        self.kind: dict[str, str] = {}
        self.children: dict[str, dict] = {}
        self.infoset: dict[str, str] = {}
        self.utility: dict[str, Any] = {}
        self.root: str | None = None
        self._checked = False

    # -- building -------------------------------------------------------------------------
    def _new(self, name: str, func: str) -> None:
        if name in self.kind:
            raise InvalidInputError(bad_param(func, "name", "a new node name", name))
        self._checked = False

    def decision(self, name: str, infoset: str, children: Mapping[str, str]) -> None:
        """A decision node in ``infoset`` with ``action -> child`` edges."""
        self._new(name, "ImperfectRecallProblem.decision")
        if not children:
            raise InvalidInputError(bad_param("ImperfectRecallProblem.decision", "children", "at least one action",
                                              children))
        self.kind[name] = "decision"
        self.infoset[name] = infoset
        self.children[name] = dict(children)

    def chance(self, name: str, children: Mapping[str, Any]) -> None:
        """A chance node with ``child -> probability``."""
        f = "ImperfectRecallProblem.chance"
        self._new(name, f)
        probs = {c: num(p, f, "children") for c, p in children.items()}
        if any((not is_symbolic(p)) and p < 0 for p in probs.values()) or sum(probs.values()) != 1:
            raise InvalidProbabilityError(bad_param(f, "children", "probabilities >= 0 summing to 1",
                                                    dict(children)))
        self.kind[name] = "chance"
        self.children[name] = probs

    def terminal(self, name: str, utility: Any) -> None:
        """A terminal node with its utility."""
        self._new(name, "ImperfectRecallProblem.terminal")
        self.kind[name] = "terminal"
        self.utility[name] = num(utility, "ImperfectRecallProblem.terminal", "utility")

    # -- structure ------------------------------------------------------------------------
    def check(self) -> None:
        """Validate: a tree from the root, consistent action sets per information set."""
        f = "ImperfectRecallProblem"
        if self._checked:
            return
        if self.root not in self.kind:
            raise InvalidInputError(bad_param(f, "root", "a node name", self.root))
        parent: dict = {}
        for n, ch in self.children.items():
            for c in ch.values() if self.kind[n] == "decision" else ch.keys():
                if c not in self.kind:
                    raise InvalidInputError(bad_param(f, f"children of {n!r}", "existing node names", c))
                if c in parent or c == self.root:
                    raise InvalidInputError(bad_param(f, "children", "a tree (each node has one parent, no cycle)",
                                                      c))
                parent[c] = n
        seen = set()
        stack = [self.root]
        while stack:
            n = stack.pop()
            seen.add(n)
            if self.kind[n] == "decision":
                stack.extend(self.children[n].values())
            elif self.kind[n] == "chance":
                stack.extend(self.children[n].keys())
        if seen != set(self.kind):
            raise InvalidInputError(bad_param(f, "nodes", "all reachable from the root",
                                              sorted(set(self.kind) - seen)))
        acts: dict = {}
        for n in self.kind:
            if self.kind[n] == "decision":
                I = self.infoset[n]
                a = tuple(self.children[n])
                if I in acts and set(acts[I]) != set(a):
                    raise InvalidInputError(bad_param(f, f"actions at {n!r}", f"the actions of information set "
                                                      f"{I!r} {acts[I]}", a))
                acts.setdefault(I, a)
        self.actions = acts
        self._checked = True

    @property
    def infosets(self) -> dict[str, tuple]:
        self.check()
        return dict(self.actions)

    def nodes_of(self, I: str) -> list[str]:
        return [n for n in self.kind if self.kind[n] == "decision" and self.infoset[n] == I]

    def histories(self) -> list[tuple[str, list[tuple[str, str | None]]]]:
        """Terminal histories: ``(terminal, [(node, action or child), ...])``."""
        self.check()
        out = []

        def rec(n, path):
            k = self.kind[n]
            if k == "terminal":
                out.append((n, path))
                return
            if k == "decision":
                for a, c in self.children[n].items():
                    rec(c, path + [(n, a)])
            else:
                for c in self.children[n]:
                    rec(c, path + [(n, c)])

        rec(self.root, [])
        return out

    def __repr__(self) -> str:
        self.check()
        return (f"ImperfectRecallProblem({self.title!r}; {len(self.kind)} nodes, information sets "
                f"{ {I: list(a) for I, a in self.actions.items()} })")

    # -- evaluation -----------------------------------------------------------------------
    def normalize_policy(self, policy: Mapping, func: str = "policy") -> dict:
        """Check a behavioural policy ``{I: {action: prob}}`` (or ``{I: action}`` for a pure
        choice); missing actions get probability zero."""
        self.check()
        if not isinstance(policy, Mapping):
            raise InvalidInputError(bad_param(func, "policy", "a mapping information set -> distribution", policy))
        out = {}
        for I, acts in self.actions.items():
            if I not in policy:
                raise InvalidInputError(bad_param(func, "policy", f"a distribution for information set {I!r}",
                                                  dict(policy)))
            d = policy[I]
            if not isinstance(d, Mapping):
                if d not in acts:
                    raise InvalidInputError(bad_param(func, f"policy[{I!r}]", f"one of {acts}", d))
                d = {a: (1 if a == d else 0) for a in acts}
            for a in d:
                if a not in acts:
                    raise InvalidInputError(bad_param(func, f"policy[{I!r}]", f"actions among {acts}", a))
            out[I] = {a: d.get(a, 0) for a in acts}
        return out

    def _p(self, n: str, step: str, policy: Mapping) -> Any:
        if self.kind[n] == "decision":
            return policy[self.infoset[n]][step]
        return self.children[n][step]

    def history_probs(self, policy: Mapping) -> list[tuple[str, list, Any]]:
        out = []
        for z, path in self.histories():
            pr = 1
            for n, step in path:
                pr = pr * self._p(n, step, policy)
            out.append((z, path, pr))
        return out

    def value(self, policy: Mapping) -> Any:
        """Ex-ante value ``U(pi)``."""
        pol = self.normalize_policy(policy, "ImperfectRecallProblem.value")
        return _c(sum(pr * self.utility[z] for z, _, pr in self.history_probs(pol)))

    def reach(self, policy: Mapping) -> dict:
        """``P(h)`` for every node."""
        out = {}
        pr_of = {self.root: 1}
        order = [self.root]
        i = 0
        while i < len(order):
            n = order[i]
            i += 1
            if self.kind[n] == "decision":
                for a, c in self.children[n].items():
                    pr_of[c] = pr_of[n] * policy[self.infoset[n]][a]
                    order.append(c)
            elif self.kind[n] == "chance":
                for c, p in self.children[n].items():
                    pr_of[c] = pr_of[n] * p
                    order.append(c)
        out.update(pr_of)
        return out

    def continuation(self, n: str, policy: Mapping, memo: dict | None = None) -> Any:
        """``E[u | n, pi]``."""
        memo = {} if memo is None else memo
        if n in memo:
            return memo[n]
        k = self.kind[n]
        if k == "terminal":
            v = self.utility[n]
        elif k == "decision":
            v = sum(policy[self.infoset[n]][a] * self.continuation(c, policy, memo)
                    for a, c in self.children[n].items())
        else:
            v = sum(p * self.continuation(c, policy, memo) for c, p in self.children[n].items())
        memo[n] = v
        return v


def _c(x: Any) -> Any:
    if isinstance(x, (float, np.floating)):
        return float(x)
    return clean(x)


def _q(problem: ImperfectRecallProblem, policy: Mapping, memo: dict) -> dict:
    """Q(h, a) for every decision node."""
    out = {}
    for n, k in problem.kind.items():
        if k == "decision":
            out[n] = {a: problem.continuation(c, policy, memo) for a, c in problem.children[n].items()}
    return out


def beliefs(problem: ImperfectRecallProblem, policy: Mapping, infoset: str, kind: str = "GT") -> dict:
    """De se credences ``P(h | I)`` over the nodes of ``infoset`` (GT or GDH).

    Returns an empty mapping when the information set is reached with probability zero.
    """
    pol = problem.normalize_policy(policy, "beliefs")
    nodes = problem.nodes_of(infoset)
    if not nodes:
        raise InvalidInputError(bad_param("beliefs", "infoset", f"one of {list(problem.actions)}", infoset))
    w = _weights(problem, pol, infoset, kind, "beliefs")
    total = sum(w.values())
    if _iszero(total):
        return {}
    return {h: _c(w[h] / total) for h in nodes}


def _iszero(x) -> bool:
    if isinstance(x, float):
        return abs(x) <= 1e-300
    return (not is_symbolic(x)) and x == 0


def _weights(problem, pol, I, kind, func) -> dict:
    nodes = problem.nodes_of(I)
    if kind == "GT":
        r = problem.reach(pol)
        return {h: r[h] for h in nodes}
    if kind == "GDH":
        w = {h: 0 for h in nodes}
        for z, path, pr in problem.history_probs(pol):
            visits = [n for n, _ in path if problem.kind[n] == "decision" and problem.infoset[n] == I]
            for h in visits:
                w[h] = w[h] + pr / len(visits)
        return w
    raise InvalidInputError(bad_param(func, "beliefs", '"GT" or "GDH"', kind))


def _world_weights(problem, pol, I, kind) -> list[tuple[list, Any]]:
    """(visits of I on z, total centred weight of z) for each terminal history z."""
    out = []
    for z, path, pr in problem.history_probs(pol):
        visits = [n for n, _ in path if problem.kind[n] == "decision" and problem.infoset[n] == I]
        if not visits:
            continue
        weight = pr * len(visits) if kind == "GT" else pr
        out.append((visits, weight))
    return out


def de_se_values(problem: ImperfectRecallProblem, policy: Mapping, infoset: str, theory: str = "CDT",
                 belief: str = "GT", *, normalized: bool = True) -> dict:
    """The value of each action at ``infoset`` for a theory (CDT/EDT) and beliefs (GT/GDH).

    Returns an empty mapping if the information set is not reached.
    """
    f = "de_se_values"
    theory = str(theory).upper()
    belief = str(belief).upper()
    if theory not in ("CDT", "EDT"):
        raise InvalidInputError(bad_param(f, "theory", '"CDT" or "EDT"', theory))
    if belief not in ("GT", "GDH"):
        raise InvalidInputError(bad_param(f, "belief", '"GT" or "GDH"', belief))
    pol = problem.normalize_policy(policy, f)
    if infoset not in problem.actions:
        raise InvalidInputError(bad_param(f, "infoset", f"one of {list(problem.actions)}", infoset))
    Q = _q(problem, pol, {})
    acts = problem.actions[infoset]
    if theory == "CDT":
        w = _weights(problem, pol, infoset, belief, f)
        total = sum(w.values())
        vals = {a: sum(w[h] * Q[h][a] for h in w) for a in acts}
    else:
        ww = _world_weights(problem, pol, infoset, belief)
        total = sum(wt for _, wt in ww)  # GT: sum_h P(h); GDH: P(I reached)
        vals = {a: sum(wt * sum(Q[k][a] for k in visits) for visits, wt in ww) for a in acts}
    if _iszero(total):
        return {}
    if normalized:
        return {a: _c(v / total) for a, v in vals.items()}
    return {a: _c(v) for a, v in vals.items()}


def satisfies(problem: ImperfectRecallProblem, policy: Mapping, theory: str = "CDT", belief: str = "GT", *,
              tol: float | None = None) -> bool:
    """Whether ``policy`` satisfies the de se condition of ``theory`` + ``belief``.

    Exact when the policy is exact; with floats, support actions (probability > ``tol``) must
    be within ``tol`` (relative to the payoff scale) of the best action.
    """
    pol = problem.normalize_policy(policy, "satisfies")
    if any(type(q).__module__.startswith("sympy") for d in pol.values() for q in d.values()):
        return _satisfies_sym(problem, pol, theory, belief)
    exact = all(not isinstance(q, float) for d in pol.values() for q in d.values())
    tol = DEFAULT_TOL if tol is None else tol
    scale = max([1.0] + [abs(float(u)) for u in problem.utility.values()])
    for I in problem.actions:
        vals = de_se_values(problem, pol, I, theory, belief)
        if not vals:
            continue
        best = max(vals.values())
        for a, q in pol[I].items():
            if exact and q > 0 and vals[a] != best:
                return False
            if not exact and float(q) > tol and float(vals[a]) < float(best) - tol * scale * 10:
                return False
    return True


@result
class DeSeResult(Result):
    """Policies of an imperfect-recall problem.

    ``policy``: the selected policy (the ex-ante best among ``policies``); ``value``: its
    ex-ante value; ``policies``: every policy found satisfying the condition (with its value);
    ``theory``/``belief``: the pairing ("planning" for the ex-ante optimum).
    """

    theory: str = ""
    belief: str = ""
    policy: Any = None
    value: Any = None
    policies: tuple = ()
    problem: str = ""


def _support_systems(problem: ImperfectRecallProblem, limit: int):
    I_list = list(problem.actions)
    supports_per = [[s for k in range(1, len(problem.actions[I]) + 1)
                     for s in itertools.combinations(problem.actions[I], k)] for I in I_list]
    count = 1
    for s in supports_per:
        count *= len(s)
    if count > limit:
        raise LimitError(bad_param("solve_de_se", "limit", f">= the number of support combinations ({count})", limit))
    return I_list, itertools.product(*supports_per)


def solve_de_se(problem: ImperfectRecallProblem, theory: str = "CDT", belief: str = "GT", *, limit: int = 4096
                ) -> DeSeResult:
    """Every policy satisfying ``theory + belief`` (exact, sympy), best ex-ante first.

    Support enumeration: for each support profile the equalities between the support
    actions' values are solved exactly; solutions are kept if the probabilities are in
    (0, 1] and no action outside the support is better.  Continua of solutions (degenerate
    problems) are reported in ``status``.
    """
    import sympy

    problem.check()
    theory, belief = str(theory).upper(), str(belief).upper()
    if (theory, belief) not in PAIRINGS:
        raise InvalidInputError(bad_param("solve_de_se", "theory/belief", f"one of {PAIRINGS}", (theory, belief)))
    I_list, combos = _support_systems(problem, limit)
    found = []
    degenerate = False
    for supp in combos:
        syms = {}
        pol = {}
        for k, (I, S) in enumerate(zip(I_list, supp)):
            vs = [sympy.Symbol(f"x_{k}_{j}", positive=True) for j in range(len(S) - 1)]
            syms[I] = vs
            d = {a: sympy.Integer(0) for a in problem.actions[I]}
            for a, v in zip(S[:-1], vs):
                d[a] = v
            d[S[-1]] = 1 - sum(vs) if vs else sympy.Integer(1)
            pol[I] = d
        allv = [v for vs in syms.values() for v in vs]
        eqs = []
        for I, S in zip(I_list, supp):
            if len(S) < 2:
                continue
            vals = de_se_values(problem, pol, I, theory, belief, normalized=False)
            if not vals:
                continue
            for a in S[1:]:
                eqs.append(sympy.expand(sympy.sympify(vals[S[0]]) - sympy.sympify(vals[a])))
        eqs = [e for e in eqs if e != 0]
        if allv:
            try:
                sols = sympy.solve(eqs, allv, dict=True) if eqs else [{}]
            except NotImplementedError:  # pragma: no cover
                degenerate = True
                continue
        else:
            sols = [{}]
        for so in sols:
            if any(v not in so for v in allv):
                degenerate = True
                continue
            cand = {I: {a: sympy.radsimp(sympy.simplify(sympy.sympify(q).subs(so))) for a, q in d.items()}
                    for I, d in pol.items()}
            ok = True
            for I, d in cand.items():
                for a, q in d.items():
                    if not (q.is_real and q >= 0) or q > 1:
                        ok = False
            if not ok:
                continue
            if any(q == 0 for I, S in zip(I_list, supp) for a, q in cand[I].items() if a in S):
                continue
            exact_cand = {I: {a: _num_out(q) for a, q in d.items()} for I, d in cand.items()}
            if satisfies(problem, exact_cand, theory, belief) if _all_rational(exact_cand) else \
                    _satisfies_sym(problem, cand, theory, belief):
                found.append(exact_cand)
    values = [(problem.value(p) if _all_rational(p) else _num_out(_sym_value(problem, p)), p) for p in found]
    values.sort(key=lambda t: -float(t[0]))
    status, msg = "ok", ""
    if degenerate:
        status, msg = "degenerate", "some support profiles have a continuum of solutions (not listed)"
    if not values:
        return DeSeResult(theory=theory, belief=belief, problem=problem.title, method="support_enumeration",
                          exact=True, status="failed" if not degenerate else "degenerate",
                          message=msg or "no policy found")
    return DeSeResult(theory=theory, belief=belief, policy=values[0][1], value=values[0][0],
                      policies=tuple((p, v) for v, p in values), problem=problem.title,
                      method="support_enumeration", exact=True, status=status, message=msg)


def _num_out(q):
    import sympy

    q = sympy.simplify(sympy.sympify(q))
    if q.is_Rational:
        return Fraction(int(q.p), int(q.q))
    return sympy.radsimp(q)


def _all_rational(p) -> bool:
    return all(isinstance(q, Fraction) for d in p.values() for q in d.values())


def _sym_value(problem, p):
    import sympy

    return sympy.simplify(sum(pr * problem.utility[z] for z, _, pr in problem.history_probs(p)))


def _satisfies_sym(problem, cand, theory, belief) -> bool:
    import sympy

    for I in problem.actions:
        vals = de_se_values(problem, cand, I, theory, belief, normalized=False)
        if not vals:
            continue
        vs = {a: sympy.simplify(v) for a, v in vals.items()}
        best = max(vs.values(), key=lambda v: float(v))
        for a, q in cand[I].items():
            if sympy.simplify(sympy.sympify(q)) != 0 and sympy.simplify(vs[a] - best) != 0:
                return False
    return True


def _numeric_optimum(problem: ImperfectRecallProblem, starts: int = 24, seed: int = 0):
    """Multi-start local optimization of U over the product of simplices (floats)."""
    from scipy.optimize import minimize

    I_list = list(problem.actions)
    sizes = [len(problem.actions[I]) for I in I_list]
    hist = problem.histories()
    idx = {}
    off = 0
    for I, s in zip(I_list, sizes):
        for j, a in enumerate(problem.actions[I]):
            idx[(I, a)] = off + j
        off += s
    util = np.array([float(problem.utility[z]) for z, _ in hist])
    steps = []
    for z, path in hist:
        dec = [idx[(problem.infoset[n], s)] for n, s in path if problem.kind[n] == "decision"]
        ch = 1.0
        for n, s in path:
            if problem.kind[n] == "chance":
                ch *= float(problem.children[n][s])
        steps.append((dec, ch))

    def U(x):
        return sum(ch * np.prod(x[dec]) * u for (dec, ch), u in zip(steps, util))

    def negU(x):
        return -U(x)

    cons = []
    off = 0
    for s in sizes:
        cons.append({"type": "eq", "fun": (lambda x, o=off, s=s: np.sum(x[o:o + s]) - 1.0)})
        off += s
    rng = np.random.default_rng(seed)
    best_x, best_v = None, -np.inf
    n = sum(sizes)
    inits = []
    for combo in itertools.product(*[range(s) for s in sizes]):
        x = np.zeros(n)
        off = 0
        for s, c in zip(sizes, combo):
            x[off + c] = 1.0
            off += s
        inits.append(x)
        if len(inits) > 64:
            break
    for _ in range(starts):
        x = np.concatenate([rng.dirichlet(np.ones(s)) for s in sizes])
        inits.append(x)
    for x0 in inits:
        res = minimize(negU, x0, method="SLSQP", bounds=[(0, 1)] * n, constraints=cons,
                       options={"ftol": 1e-14, "maxiter": 500})
        x = np.clip(res.x, 0, 1)
        off = 0
        for s in sizes:
            x[off:off + s] /= x[off:off + s].sum()
            off += s
        v = U(x)
        if v > best_v:
            best_x, best_v = x, v
    pol = {}
    off = 0
    for I, s in zip(I_list, sizes):
        pol[I] = {a: float(best_x[off + j]) for j, a in enumerate(problem.actions[I])}
        off += s
    pol = _polish(problem, pol)
    return pol, float(problem.value(pol))


def _polish(problem: ImperfectRecallProblem, pol: dict, cutoff: float = 1e-6) -> dict:
    """Newton-polish a float optimum: solve the KKT (= CDT+GT) equalities on its support."""
    from scipy.optimize import root

    supports = {I: [a for a in acts if pol[I][a] > cutoff] for I, acts in problem.actions.items()}
    free = [(I, a) for I, S in supports.items() for a in S[:-1]]
    if not free:
        return pol

    def build(x):
        out = {}
        k = 0
        for I, acts in problem.actions.items():
            S = supports[I]
            d = {a: 0.0 for a in acts}
            for a in S[:-1]:
                d[a] = float(x[k])
                k += 1
            d[S[-1]] = 1.0 - sum(d[a] for a in S[:-1])
            out[I] = d
        return out

    def F(x):
        p = build(x)
        res = []
        for I, S in supports.items():
            if len(S) < 2:
                continue
            v = de_se_values(problem, p, I, "CDT", "GT", normalized=False)
            if not v:
                res.extend([0.0] * (len(S) - 1))
                continue
            res.extend(float(v[a]) - float(v[S[-1]]) for a in S[:-1])
        return res

    x0 = [pol[I][a] for I, a in free]
    try:
        sol = root(F, x0, method="hybr", options={"xtol": 1e-14})
    except Exception:  # pragma: no cover - defensive
        return pol
    if not sol.success:
        return pol
    new = build(sol.x)
    if any(q < -1e-12 or q > 1 + 1e-12 for d in new.values() for q in d.values()):
        return pol
    new = {I: {a: min(1.0, max(0.0, q)) for a, q in d.items()} for I, d in new.items()}
    if float(problem.value(new)) < float(problem.value(pol)) - 1e-12:
        return pol
    return new


def planning_optimum(problem: ImperfectRecallProblem, *, exact: bool | None = None, limit: int = 4096,
                     starts: int = 24, seed: int = 0) -> DeSeResult:
    """The ex-ante (planning) optimal policy.

    Exact path: the optimum satisfies the KKT conditions, which are the CDT+GT conditions, so
    it is the best of their exact solutions (:func:`solve_de_se`).  The float path (multi-start
    SLSQP, Newton-polished on the KKT equalities of its support) always runs as a cross-check;
    if it finds a better value than the exact candidates (a missed continuum) the float answer
    is returned with ``exact=False``.  ``exact=None`` (default) takes the exact path when at
    most one information set randomizes (sympy polynomial systems in several variables can be
    slow); ``exact=True`` forces it.

    Examples
    --------
    >>> from decision.problems import absent_minded_driver
    >>> r = planning_optimum(absent_minded_driver())
    >>> r.policy["I"]["continue"], r.value
    (Fraction(2, 3), Fraction(4, 3))
    """
    problem.check()
    fpol, fval = _numeric_optimum(problem, starts=starts, seed=seed)
    if exact is None:
        # exact support enumeration is cheap with one randomizing information set; with more,
        # sympy's polynomial systems can be slow, so the certified float path is the default
        exact = sum(1 for acts in problem.actions.values() if len(acts) > 1) <= 1
    if exact is False:
        return DeSeResult(theory="planning", policy=fpol, value=fval, policies=((fpol, fval),),
                          problem=problem.title, method="slsqp_multistart", exact=False)
    res = solve_de_se(problem, "CDT", "GT", limit=limit)
    scale = max([1.0] + [abs(float(u)) for u in problem.utility.values()])
    if res.policy is not None and float(res.value) >= fval - 1e-7 * scale:
        return DeSeResult(theory="planning", policy=res.policy, value=res.value, policies=((res.policy, res.value),),
                          problem=problem.title, method="kkt_support_enumeration", exact=True,
                          message="optimum among the exact KKT (= CDT+GT) solutions; float search agrees")
    return DeSeResult(theory="planning", policy=fpol, value=fval, policies=((fpol, fval),), problem=problem.title,
                      method="slsqp_multistart", exact=False, status="ok",
                      message="exact candidates incomplete (degenerate); float optimum returned")


def compare_imperfect_recall(problem: ImperfectRecallProblem):
    """Planning optimum and the four de se pairings in one :class:`~decision.theories.Comparison`."""
    from .theories import Comparison

    plan = planning_optimum(problem)
    rows = [{"theory": "planning (ex ante)", "recommends": _pview(plan.policy), "expected_utilities":
             {"ex-ante value": plan.value}, "realized": plan.value}]
    recs = [plan]
    for th, be in PAIRINGS:
        r = solve_de_se(problem, th, be)
        recs.append(r)
        eus = {}
        if r.policy is not None:
            for I in problem.actions:
                for a, v in de_se_values(problem, r.policy, I, th, be).items():
                    eus[f"{I}: {a}"] = v
        rows.append({"theory": f"{th}+{be}", "recommends": _pview(r.policy) if r.policy is not None else r.status,
                     "expected_utilities": eus, "realized": r.value})
    return Comparison(problem=problem.title, rows=tuple(rows), recommendations=tuple(recs), method="compare",
                      exact=plan.exact)


def _pview(policy):
    if policy is None:
        return None
    out = {}
    for I, d in policy.items():
        for a, q in d.items():
            out[f"{I}: {a}"] = q
    return out
