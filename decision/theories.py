"""What CDT, EDT and UDT/FDT recommend in a :class:`~decision.model.DecisionProblem`.

Definitions (see :mod:`decision.model` for the matrices ``N`` and ``Z``; a *choice point* is a
decision with one of its observations ``o``):

* **EDT** (Jeffrey 1965): the value of act ``a`` at ``(D, o)`` is ``E[U | D = a, obs = o]`` in
  the evidential model, where predictors read the policy that takes ``a`` at ``o`` and the
  decision's tendency (if any) weighs the worlds: ``V(a) = N[a][a] / Z[a]``.  An act whose
  evidential probability ``Z[a]`` is zero has no conditional expected utility: the result
  says so (the value is ``None``), it never divides by zero.  At a decision with an
  ``executed`` node ``X`` (the act as performed, e.g. after a cosmic ray) EDT conditions on
  ``X = a`` instead, with the decision's output distributed by the agent's prior over it
  (:meth:`~decision.model.DecisionProblem.executed_terms`).
* **CDT** (Lewis 1981; Joyce 1999): the value of ``a`` under credence ``sigma`` about the agent's
  own act is ``sum_r sigma_r N[a][r] / sum_r sigma_r Z[r]``: intervene on the act, keep the
  credence over everything the act does not cause.  By default the credence is
  *self-consistent*: the act is *ratifiable* (Jeffrey 1983; Harper 1986) -- it maximizes
  expected utility under the credence of the agent who has decided to perform it.  Where no
  pure act is ratifiable (Death in Damascus) the recommendation is the **deliberational
  equilibrium** (Skyrms 1990; Arntzenius 2008; Joyce 2012): a mixed act ``sigma`` such that every
  act in its support maximizes expected utility under the credence ``sigma``, i.e. a
  symmetric Nash equilibrium of the matrix ``N`` (solved exactly by support enumeration).
  Among several ratifiable pure policies the one with the highest realized payoff (true model)
  is chosen; only when none is ratifiable, among several mixed deliberational equilibria of a
  single choice point the one with the highest expected utility under its own credence
  (:func:`deliberational_equilibria` lists pure and mixed ones in that order of their own
  expected utility, which can differ from the pure policies' realized ranking when a tendency
  links the act to its causes).
* **UDT/FDT** (Yudkowsky & Soares 2017; Wei Dai's updateless decision theory): choose the whole
  policy (a map from observations to acts) maximizing ``E_pi[U]`` in the true model, where the
  predictors move with the policy.

Every theory's ``realized`` payoff is ``E_pi[U]`` of the policy it ends up following, computed in
the true model (predictors reacting to that policy; for a mixed act, to its realization when
the predictor sees randomization).
"""

from __future__ import annotations

import functools
import html
import itertools
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from solvers._validate import check_int
from solvers.errors import InvalidInputError, LimitError, UnsupportedError, bad_param
from solvers.results import Result, result

from .model import DecisionProblem, _has_blind, _rational_near, clean, is_symbolic, num

__all__ = [
    "Recommendation",
    "Comparison",
    "ThresholdResult",
    "cdt",
    "edt",
    "udt",
    "fdt",
    "ratifiable",
    "deliberational_equilibria",
    "compare",
    "thresholds",
    "expected_utilities",
]


@result
class Recommendation(Result):
    """What a decision theory recommends in one problem.

    Attributes
    ----------
    theory : str
        ``"CDT"``, ``"EDT"``, ``"UDT/FDT"`` (or an imperfect-recall pairing).
    act : object
        The recommended act (single choice point), a mapping observation -> act, or a mapping
        act -> probability for a mixed deliberational equilibrium; ``None`` when the verdict
        depends on symbolic parameters.
    policy : dict
        The full policy: choice-point label -> act or distribution.
    expected_utilities : dict
        Option label -> expected utility under the theory (``None``: undefined, e.g. a
        zero-probability act for EDT).
    realized : object
        Expected payoff of following the recommendation in the true model.
    ratifiable : tuple
        The ratifiable pure acts/policies (CDT), else empty.
    assumptions : tuple of str
        The modelling assumptions used (credences, tie-breaking, zero-probability acts).
    problem : str
        Title of the problem.
    """

    theory: str = ""
    act: Any = None
    policy: Any = None
    expected_utilities: Any = None
    realized: Any = None
    ratifiable: tuple = ()
    assumptions: tuple = ()
    problem: str = ""


# -- helpers --------------------------------------------------------------------------------
def _tree_recommendation(problem: Any, theory: str, belief: str | None, limit: int = 4096) -> Recommendation:
    """CDT/EDT/UDT on an imperfect-recall tree: the best policy satisfying the pairing."""
    from .imperfect_recall import de_se_values, planning_optimum, solve_de_se

    if theory == "UDT/FDT":
        r = planning_optimum(problem, limit=limit)
        eus = {"ex-ante value": r.value}
        notes = ("the planning (ex-ante) optimum: UDT chooses the policy before any visit",)
    else:
        if belief is not None and str(belief).upper() not in ("GT", "GDH"):
            raise InvalidInputError(bad_param(theory.lower(), "belief", '"GT" or "GDH" (de se beliefs), or None',
                                              belief))
        belief = str(belief).upper() if belief is not None else ("GT" if theory == "CDT" else "GDH")
        r = solve_de_se(problem, theory, belief, limit=limit)
        eus = {}
        if r.policy is not None:
            for I in problem.infosets:
                for a, v in de_se_values(problem, r.policy, I, theory, belief).items():
                    eus[f"{I}: {a}"] = v
        notes = (f"de se beliefs: {belief}", "the best (ex ante) of the policies satisfying the condition",
                 f"{len(r.policies)} such policies found")
    pol = None if r.policy is None else {I: _fmt_act(d) for I, d in r.policy.items()}
    return Recommendation(theory=theory if theory == "UDT/FDT" else f"{theory}+{belief}", act=pol, policy=pol,
                          expected_utilities=eus, realized=r.value, assumptions=notes, problem=problem.title,
                          method=r.method, exact=r.exact, status=r.status, message=r.message)


def _is_tree(problem: Any) -> bool:
    from .imperfect_recall import ImperfectRecallProblem

    return isinstance(problem, ImperfectRecallProblem)


def _no_belief(belief: Any, func: str) -> None:
    """``belief`` (de se beliefs) applies to imperfect-recall trees only: refuse it elsewhere."""
    if belief is not None:
        raise InvalidInputError(bad_param(func, "belief", "None for a DecisionProblem (de se beliefs 'GT'/'GDH' "
                                          "apply to imperfect-recall trees)", belief))


def _check_problem(problem: Any, func: str) -> None:
    if not isinstance(problem, DecisionProblem):
        raise InvalidInputError(bad_param(func, "problem", "a DecisionProblem (see decision.problems)", problem))


def point_label(problem: DecisionProblem, point: tuple) -> str:
    d, o = point
    node = problem.nodes[d]
    multi = len(problem.decisions) > 1
    if not node.observes:
        return d if multi else ""
    obs = ", ".join(f"{p}={v}" for p, v in zip(node.observes, o))
    return f"{d}: {obs}" if multi else obs


def _fmt_act(dist: Mapping) -> Any:
    nz = {a: clean(q) for a, q in dist.items() if not (not is_symbolic(q) and q == 0)}
    if len(nz) == 1 and not is_symbolic(next(iter(nz.values()))):
        return next(iter(nz))
    return nz


def _policy_view(problem: DecisionProblem, policy: Mapping) -> dict:
    return {point_label(problem, p) or "act": _fmt_act(d) for p, d in policy.items()}


def _act_view(problem: DecisionProblem, policy: Mapping) -> Any:
    view = _policy_view(problem, policy)
    if len(view) == 1:
        return next(iter(view.values()))
    return view


def _pure(problem: DecisionProblem, acts: Mapping) -> dict:
    return {p: {a: Fraction(1)} for p, a in acts.items()}


def _argmax(values: Mapping) -> list:
    defined = {k: v for k, v in values.items() if v is not None}
    if not defined:
        return []
    best = max(defined.values())
    return [k for k, v in defined.items() if v == best]


class _Cache:
    """Choice matrices keyed by point and the acts at the other points."""

    def __init__(self, problem: DecisionProblem) -> None:
        self.problem = problem
        self.store: dict = {}

    def matrix(self, point, acts: Mapping) -> tuple[dict, dict]:
        others = tuple(sorted(((p, a) for p, a in acts.items() if p != point), key=repr))
        key = (point, others)
        if key not in self.store:
            pol = dict(acts)
            d = self.problem.nodes[point[0]]
            pol[point] = d.actions[0]
            self.store[key] = self.problem.choice_matrix(point, _pure(self.problem, pol))
        return self.store[key]


def _edt_terms(problem: DecisionProblem, cache: _Cache, point: tuple, acts: Mapping) -> tuple[dict, dict]:
    """EDT's numerators and denominators at ``point`` (other points playing ``acts``):
    ``N[a][a]`` and ``Z[a]``, or, for a decision with an ``executed`` node, conditioning on the
    executed act under the agent's prior (:meth:`DecisionProblem.executed_terms`)."""
    d = problem.nodes[point[0]]
    if d.executed is None:
        N, Z = cache.matrix(point, acts)
        return {a: N[a][a] for a in d.actions}, Z
    pol = dict(acts)
    pol[point] = d.actions[0]  # replaced by the prior
    return problem.executed_terms(point, _pure(problem, pol))


def _check_size(problem: DecisionProblem, limit: int, func: str) -> None:
    count = 1
    for d, _ in problem.choice_points():
        count *= len(problem.nodes[d].actions)
    if count > limit:
        raise LimitError(bad_param(func, "limit", f">= the number of pure policies ({count})", limit))


def _tremble_note(lab: str, believed: Any, credence: str) -> str:
    """Why CDT's values at a point used the uniform tremble: the believed act (at the
    observation ``lab``, if any) has probability zero in the evidential model."""
    what = f"observation {lab!r} with the believed act {_s(believed)}" if lab else f"the believed act {_s(believed)}"
    return (f"{what} has probability zero under {credence} (evidential model); evaluated with a uniform "
            "tremble over the acts")


def _cdt_values(N: Mapping, Z: Mapping, sigma: Mapping, actions: Sequence) -> tuple[dict, bool]:
    """CDT expected utilities under credence sigma; falls back to a uniform tremble if the
    observation is impossible under sigma.  Returns (values, trembled)."""
    den = sum((sigma.get(r, 0) * Z[r] for r in actions), Fraction(0))
    trembled = False
    weights = sigma
    if not is_symbolic(den) and den == 0:
        den = sum((Z[r] for r in actions), Fraction(0))
        weights = {r: Fraction(1) for r in actions}
        trembled = True
        if den == 0:
            return {a: None for a in actions}, True
    vals = {a: clean(sum((weights.get(r, 0) * N[a][r] for r in actions), Fraction(0)) / den) for a in actions}
    return vals, trembled


# -- EDT ------------------------------------------------------------------------------------
def edt(problem: DecisionProblem, *, limit: int = 4096, belief: str | None = None) -> Recommendation:
    """Evidential decision theory: maximize ``E[U | act, observation]``.

    On an :class:`~decision.imperfect_recall.ImperfectRecallProblem` the answer is the best
    policy satisfying the EDT de se condition with ``belief`` ("GDH" by default, or "GT").

    With several choice points the policy is a fixed point: each observation's act is
    EDT-optimal given the acts at the other observations (the best such policy by realized
    payoff is returned, and the others are listed in the assumptions).  When the points' best
    responses cycle and no pure policy is a fixed point, a mixed one is returned (every act in
    each point's support EDT-optimal given the other points' mixtures; exact support
    enumeration, :func:`_edt_mixed`).

    Examples
    --------
    >>> from decision.problems import newcomb
    >>> edt(newcomb(accuracy="0.99")).act
    'one-box'
    """
    if _is_tree(problem):
        check_int("edt", "limit", limit, 0)
        return _tree_recommendation(problem, "EDT", belief, limit)
    _check_problem(problem, "edt")
    _no_belief(belief, "edt")
    check_int("edt", "limit", limit, 0)
    _check_size(problem, limit, "edt")
    cache = _Cache(problem)
    points = problem.choice_points()
    notes = ["evidential model: predictors read the policy containing the act; tendencies weigh worlds"]
    for d in problem.decisions:
        if d.executed is not None:
            notes.append(f"{d.name}: conditions on the executed act {d.executed[0]!r}, the output distributed by "
                         f"the agent's prior {_fmt_prior(d.executed[1])}")
    if problem.symbolic:
        eus, _ = _symbolic_table(problem, cache, "EDT")
        notes.extend(_symbolic_base_note(problem))
        return Recommendation(theory="EDT", act=None, policy=None, expected_utilities=eus, realized=None,
                              assumptions=tuple(notes), problem=problem.title, method="edt", exact=True,
                              message="the verdict depends on the symbolic parameters; see decision.thresholds"
                              + ("; " + notes[-1] if len(points) > 1 else ""))
    candidates = []
    table_of: dict = {}
    for combo in itertools.product(*(problem.nodes[d].actions for d, _ in points)):
        acts = dict(zip(points, combo))
        ok = True
        tables = {}
        for p in points:
            E, Z = _edt_terms(problem, cache, p, acts)
            vals = {a: (clean(E[a] / Z[a]) if Z[a] != 0 else None) for a in problem.nodes[p[0]].actions}
            tables[p] = vals
            best = _argmax(vals)
            if best and acts[p] not in best:
                ok = False
                break
        if ok:
            candidates.append(acts)
            table_of[tuple(combo)] = tables
    if not candidates:
        # the choice points' EDT best responses cycle (matching pennies between two observations):
        # an EDT-consistent policy exists in mixed acts (Nash's theorem for the agent form, each
        # point's value being linear in its own mixture)
        return _edt_mixed(problem, cache, points, notes)
    scored = [(problem.value(_pure(problem, acts)), i, acts) for i, acts in enumerate(candidates)]
    scored.sort(key=lambda t: (-t[0], t[1]))
    value, _, acts = scored[0]
    tables = table_of[tuple(acts[p] for p in points)]
    eus = {}
    message = []
    for p in points:
        lab = point_label(problem, p)
        for a, v in tables[p].items():
            eus[f"{lab}: {a}" if lab else a] = v
        zero = [a for a, v in tables[p].items() if v is None]
        if zero and len(zero) < len(tables[p]):
            message.append(f"{'at ' + lab + ': ' if lab else ''}act(s) {zero} have probability zero given "
                           f"the observation, so their conditional expected utility is undefined")
        elif zero:
            message.append(f"observation {lab!r} is impossible whatever the act: act chosen arbitrarily")
    if len(candidates) > 1:
        notes.append(f"{len(candidates)} EDT-consistent policies; the one with the highest realized payoff is shown")
    pol = _pure(problem, acts)
    return Recommendation(theory="EDT", act=_act_view(problem, pol), policy=_policy_view(problem, pol),
                          expected_utilities=eus, realized=value, assumptions=tuple(notes), problem=problem.title,
                          method="edt", exact=True, message="; ".join(message))


#: Bounds of the exact searches over mixed policies (:func:`_edt_mixed`,
#: :func:`_udt_mixed_search`): support profiles examined, and
#: free probabilities in one profile.
_MAX_MIXED_PROFILES = 256
_MAX_MIXED_UNKNOWNS = 4


def _mixed_profiles(problem: DecisionProblem, points: list, prefix: str, sort: bool) -> tuple[list, int]:
    """The support profiles with at least one mixing point, each with its symbolic candidate
    (:func:`decision.imperfect_recall._support_candidate`, symbols ``{prefix}{k}_{j}``), within
    :data:`_MAX_MIXED_PROFILES` / :data:`_MAX_MIXED_UNKNOWNS`.  The profiles are sorted by total
    support size when ``sort`` or when there are more than the bound (the smallest are kept);
    otherwise they stay in enumeration order.  Returns ``([(supp, syms, cand)], profiles not
    examined)``."""
    from .imperfect_recall import _support_candidate

    acts_of = {p: problem.nodes[p[0]].actions for p in points}
    supports = [[S for k in range(1, len(acts_of[p]) + 1) for S in itertools.combinations(acts_of[p], k)]
                for p in points]
    profiles = [supp for supp in itertools.product(*supports) if any(len(S) > 1 for S in supp)]
    skipped = max(0, len(profiles) - _MAX_MIXED_PROFILES)
    if sort or skipped:
        profiles.sort(key=lambda supp: sum(len(S) for S in supp))
    out = []
    for supp in profiles[:_MAX_MIXED_PROFILES]:
        syms, cand = _support_candidate(points, supp, acts_of.__getitem__, prefix=prefix)
        if len(syms) > _MAX_MIXED_UNKNOWNS:
            skipped += 1
            continue
        out.append((supp, syms, cand))
    return out, skipped


def _simplex_solutions(sols: list, cand: dict, points: list, supp: tuple):
    """Yield ``(solution, policy)`` for each solution of a support system whose policy (``cand``
    at the solution) lies in the simplices, positive on the supports; the policy's numbers are
    exact (:func:`decision.imperfect_recall._num_out`)."""
    import sympy

    from .imperfect_recall import _in_simplex, _num_out

    for so in sols:
        pol = {p: {a: sympy.sympify(q).subs(so) for a, q in d.items()} for p, d in cand.items()}
        if not _in_simplex(pol, dict(zip(points, supp))):
            continue
        yield so, {p: {a: clean(_num_out(q)) for a, q in d.items()} for p, d in pol.items()}


def _cleared(e: Any) -> Any:
    """``e`` over a common denominator, its numerator expanded (``together`` may factor it)."""
    import sympy

    return sympy.expand(sympy.numer(sympy.together(sympy.expand(e))))


def _edt_mixed(problem: DecisionProblem, cache: "_Cache", points: list, notes: list) -> Recommendation:
    """EDT-consistent mixed policies when no pure one exists: every act in the support of each
    point's mixture maximizes ``E[U | act, observation]`` with the other points following their
    mixtures (the values are ``N[a][a] / Z[a]`` of :func:`_mixed_matrix`, the problem's own model
    of a mixed policy: a blind predictor reads a mixture independently of the act).  Exact support enumeration: at each mixing point the support acts'
    values are equal (cross-multiplied numerators, polynomial in the unknown probabilities),
    solved as in :func:`decision.imperfect_recall.solve_de_se`; a candidate is kept when no act
    with a defined value does better.  The one with the highest realized payoff is returned."""
    import sympy

    from .imperfect_recall import _solve_support_system

    def _fail(status: str = "failed", extra: Sequence[str] = ()) -> Recommendation:
        return Recommendation(theory="EDT", expected_utilities={}, assumptions=tuple(notes), problem=problem.title,
                              method="edt", exact=True, status=status,
                              message="; ".join(["no EDT-consistent pure policy (the choice points' best responses "
                                                 "cycle)", *extra]))

    if any(problem.nodes[p[0]].executed is not None for p in points):
        return _fail()
    acts_of = {p: problem.nodes[p[0]].actions for p in points}
    profiles, skipped = _mixed_profiles(problem, points, "e", sort=True)
    continua = 0
    found = []

    def _support_of(sym, supp):
        # the support of the point owning symbol e{k}_{j} (see _support_candidate)
        return supp[int(sym.name[1:].split("_")[0])]

    for supp, syms, cand in profiles:
        eqs = []
        for p, S in zip(points, supp):
            N, Z = _mixed_matrix(problem, cache, p, cand)
            for a in S[1:]:
                e = _cleared(N[S[0]][S[0]] * Z[a] - N[a][a] * Z[S[0]])
                if e != 0:
                    eqs.append(e)
        if not eqs:
            # the support acts tie on the whole face: a continuum of candidates, of which only
            # the barycentre is checked
            continua += 1
            sols = [{s: sympy.Rational(1, len(S)) for s in syms for S in (_support_of(s, supp),)}]
        else:
            try:
                sols, flag = _solve_support_system(eqs, syms, 64)
            except UnsupportedError:
                skipped += 1
                continue
            skipped += flag == "skipped"
            continua += flag == "degenerate"
        for _so, pol in _simplex_solutions(sols, cand, points, supp):
            tables, ok = {}, True
            for p, S in zip(points, supp):
                N, Z = _mixed_matrix(problem, cache, p, pol)
                vals = {a: (clean(N[a][a] / Z[a]) if not _zero(Z[a]) else None) for a in acts_of[p]}
                tables[p] = vals
                defined = [v for v in vals.values() if v is not None]
                if any(vals[a] is None for a in S) or any(
                        not _exact_eq(vals[a], max(defined, key=float)) for a in S):
                    ok = False
                    break
            if ok:
                found.append((clean(problem.value(pol)), pol, tables))
    cont_msg = (f"{continua} support profile(s) with a continuum of solutions of the indifference equations "
                "(only isolated solutions, and the barycentre of a face where the support acts tie throughout, "
                "are checked)") if continua else ""
    if not found:
        if skipped or continua:
            extra = [f"{skipped} mixed support profile(s) not solved"] if skipped else []
            return _fail("truncated", extra + ([cont_msg] if cont_msg else []))
        return _fail()
    found.sort(key=lambda t: -float(t[0]))
    value, pol, tables = found[0]
    eus = {}
    for p in points:
        lab = point_label(problem, p)
        for a, v in tables[p].items():
            eus[f"{lab}: {a}" if lab else a] = v
    notes = list(notes) + ["no EDT-consistent pure policy: a mixed one (every act in each point's support is "
                           "EDT-optimal given the other points' mixtures), by exact support enumeration"]
    if len(found) > 1:
        notes.append(f"{len(found)} EDT-consistent mixed policies; the one with the highest realized payoff is shown")
    msgs = [f"{skipped} mixed support profile(s) not solved: the list may be incomplete"] if skipped else []
    if cont_msg:
        msgs.append(cont_msg + ": an EDT-consistent policy with a higher realized payoff may exist")
    return Recommendation(theory="EDT", act=_act_view(problem, pol), policy=_policy_view(problem, pol),
                          expected_utilities=eus, realized=value, assumptions=tuple(notes), problem=problem.title,
                          method="edt_mixed", exact=True, status="truncated" if skipped or continua else "ok",
                          message="; ".join(msgs))


# -- CDT ------------------------------------------------------------------------------------
def _exact_eq(x: Any, y: Any) -> bool:
    """Exact equality of two numbers that may be sympy algebraic or transcendental constants."""
    d = x - y
    if isinstance(d, (Fraction, int)):
        return d == 0
    import sympy

    d = sympy.expand(sympy.sympify(d))
    if d == 0:
        return True
    return bool(sympy.simplify(d) == 0) or abs(complex(sympy.N(d, 60))) < sympy.Float(10) ** -50


def _symmetric_equilibria(N: Mapping, Z: Mapping, actions: Sequence) -> list[tuple[dict, Any]]:
    """Mixed sigma with every support act maximizing sum_r sigma_r N[a][r] (exact).

    Entries may be exact irrational constants (a factory given ``accuracy=sqrt(2)/2``): they are
    solved with sympy and compared exactly (was ``TypeError`` from ``sympy.Rational(str(...))``)."""
    import sympy

    out = []
    n = len(actions)
    M = {a: {r: sympy.sympify(N[a][r]) for r in actions} for a in actions}
    for k in range(1, n + 1):
        for support in itertools.combinations(range(n), k):
            s = sympy.symbols(f"s0:{k}")
            v = sympy.Symbol("v")
            eqs = [sum(s) - 1]
            for i in support:
                eqs.append(sum(s[j] * M[actions[i]][actions[support[j]]] for j in range(k)) - v)
            sol = sympy.solve(eqs, list(s) + [v], dict=True)
            for so in sol:
                if any(x not in so or getattr(so[x], "free_symbols", None) for x in s):
                    continue  # a continuum (some probability left free, or depending on v): degenerate
                sig = {actions[support[j]]: clean(sympy.nsimplify(so[s[j]]) if so[s[j]].is_Float else so[s[j]])
                       for j in range(k)}
                if any(bool(q <= 0) for q in sig.values()):
                    continue
                vals = {a: clean(sum((sig.get(r, 0) * N[a][r] for r in actions), Fraction(0))) for a in actions}
                top = max(vals.values())
                if all(_exact_eq(vals[a], top) for a in sig):
                    den = clean(sum((sig[r] * Z[r] for r in sig), Fraction(0)))
                    if den > 0:
                        out.append((sig, clean(top / den)))
    return out


def ratifiable(problem: DecisionProblem) -> list[dict]:
    """The ratifiable pure policies: each act maximizes CDT expected utility under the
    credence of an agent who knows it follows the policy (Jeffrey 1983)."""
    _check_problem(problem, "ratifiable")
    _check_numeric(problem, "ratifiable")
    return [r for r, _ in _ratifiable(problem, _Cache(problem))]


def _check_numeric(problem: DecisionProblem, func: str) -> None:
    """Ratifiability and deliberational equilibria compare expected utilities: refuse symbolic
    parameters up front (was a TypeError from an undecidable sympy comparison)."""
    if problem.symbolic:
        names = sorted(s.name for s in problem.symbols)
        raise InvalidInputError(bad_param(func, "problem", f"a problem without symbolic parameters (substitute "
                                          f"{names} with problem.subs, or see decision.thresholds)", problem.title))


def _ratifiable(problem: DecisionProblem, cache: _Cache) -> list[tuple[dict, dict]]:
    points = problem.choice_points()
    out = []
    for combo in itertools.product(*(problem.nodes[d].actions for d, _ in points)):
        acts = dict(zip(points, combo))
        tables = {}
        ok = True
        for p in points:
            N, Z = cache.matrix(p, acts)
            acts_p = problem.nodes[p[0]].actions
            vals, trembled = _cdt_values(N, Z, {acts[p]: Fraction(1)}, acts_p)
            tables[p] = (vals, trembled)
            best = _argmax(vals)
            if best and acts[p] not in best:
                ok = False
                break
        if ok:
            out.append((acts, tables))
    return out


def deliberational_equilibria(problem: DecisionProblem) -> list[tuple[dict, Any]]:
    """All deliberational equilibria ``(sigma, expected utility)`` of a single-choice-point
    problem (pure ones included), exactly, by support enumeration on ``N``.

    For several choice points see :func:`decision.deliberation.exact_equilibria`."""
    _check_problem(problem, "deliberational_equilibria")
    _check_numeric(problem, "deliberational_equilibria")
    points = problem.choice_points()
    if len(points) != 1:
        raise UnsupportedError("deliberational_equilibria(): only problems with a single choice point")
    p = points[0]
    acts = problem.nodes[p[0]].actions
    N, Z = _Cache(problem).matrix(p, {p: acts[0]})
    return [(sig, clean(v)) for sig, v in _symmetric_equilibria(N, Z, acts)]


def cdt(problem: DecisionProblem, credence: Any = None, *, limit: int = 4096,
        belief: str | None = None) -> Recommendation:
    """Causal decision theory: intervene on the act, with an explicit credence about it.

    Parameters
    ----------
    problem : DecisionProblem
    credence : act, mapping act -> probability, or policy mapping, optional
        The agent's credence about what it will do; through the predictors' responses it fixes
        the credence over their predictions (and, via tendencies, over common causes).
        Default: the problem's ``default_credence`` if any (tables with causal
        probabilities), else self-consistent -- a ratifiable act, or the deliberational
        equilibrium.
    limit : int
        Maximum number of pure policies examined for ratifiability (LimitError beyond).
    belief : {"GT", "GDH"}, optional
        For imperfect-recall trees: the de se beliefs (default GT).

    Examples
    --------
    >>> from decision.problems import newcomb
    >>> cdt(newcomb(accuracy="0.99")).act
    'two-box'
    """
    if _is_tree(problem):
        if credence is not None:
            raise InvalidInputError(bad_param("cdt", "credence", "None for an imperfect-recall tree (its de se "
                                              "credences follow the policy and `belief`)", credence))
        check_int("cdt", "limit", limit, 0)
        return _tree_recommendation(problem, "CDT", belief, limit)
    _check_problem(problem, "cdt")
    _no_belief(belief, "cdt")
    check_int("cdt", "limit", limit, 0)
    cache = _Cache(problem)
    points = problem.choice_points()
    notes = ["intervention on the act; credence over the act's non-effects = mixture of the evidential "
             "models of the acts believed"]
    if problem.symbolic and (credence is not None or problem.default_credence is not None):
        # a fixed credence (given, or a table's causal probabilities): the values under it
        fixed = credence if credence is not None else problem.default_credence
        notes.append("credence: given by the caller" if credence is not None
                     else "credence: the problem's causal probabilities")
        cred = problem.normalize_policy(fixed, "cdt", "credence")
        eus = {}
        for p in points:
            N, Z = _mixed_matrix(problem, cache, p, cred)
            vals, _ = _cdt_values(N, Z, cred[p], problem.nodes[p[0]].actions)
            lab = point_label(problem, p)
            for a, v in vals.items():
                eus[f"{lab}: {a}" if lab else a] = v
        return Recommendation(theory="CDT", expected_utilities=eus, assumptions=tuple(notes), problem=problem.title,
                              method="cdt", exact=True,
                              message="the verdict depends on the symbolic parameters; values under the fixed "
                              "credence")
    if problem.symbolic:
        eus, _ = _symbolic_table(problem, cache, "CDT")
        notes.extend(_symbolic_base_note(problem))
        return Recommendation(theory="CDT", expected_utilities=eus, assumptions=tuple(notes), problem=problem.title,
                              method="cdt", exact=True,
                              message="the verdict depends on the symbolic parameters; entries are 'act | believed act'"
                              + ("; " + notes[-1] if len(points) > 1 else ""))
    if credence is None and problem.default_credence is not None:
        credence = problem.default_credence
        notes.append("credence: the problem's causal probabilities")
    if credence is not None:
        cred = problem.normalize_policy(credence, "cdt", "credence")
        return _cdt_with_credence(problem, cred, notes)
    _check_size(problem, limit, "cdt")
    rat = _ratifiable(problem, cache)
    if rat:
        scored = sorted(((problem.value(_pure(problem, acts)), i, acts, tables) for i, (acts, tables)
                         in enumerate(rat)), key=lambda t: (-t[0], t[1]))
        value, _, acts, tables = scored[0]
        eus = {}
        msgs = []
        for p in points:
            lab = point_label(problem, p)
            vals, trembled = tables[p]
            for a, v in vals.items():
                eus[f"{lab}: {a}" if lab else a] = v
            if trembled:
                msgs.append(_tremble_note(lab, acts[p], "the self-consistent credence"))
        notes.append("credence: self-consistent (the recommended act is ratifiable)")
        if len(rat) > 1:
            notes.append(f"{len(rat)} ratifiable policies; the one with the highest realized payoff is shown")
        pol = _pure(problem, acts)
        rviews = tuple(_act_view(problem, _pure(problem, a)) for a, _ in rat)
        return Recommendation(theory="CDT", act=_act_view(problem, pol), policy=_policy_view(problem, pol),
                              expected_utilities=eus, realized=value, ratifiable=rviews, assumptions=tuple(notes),
                              problem=problem.title, method="cdt", exact=True, message="; ".join(msgs))
    if len(points) != 1:
        from .deliberation import deliberate

        d = deliberate(problem)
        if not (d.exact and d.status == "ok"):
            rec = _cdt_exact_multi(problem, points, notes, d, limit)
            if rec is not None:
                return rec
        notes.append("no pure policy is ratifiable: deliberational equilibrium found by Skyrms' Nash-map "
                     "dynamics" + (" and certified exactly" if d.exact else " (float, regret within tolerance)"))
        return Recommendation(theory="CDT", act=d.equilibrium if len(d.equilibrium) > 1 else
                              next(iter(d.equilibrium.values())), policy=d.equilibrium,
                              expected_utilities=d.expected_utilities, realized=d.realized, ratifiable=(),
                              assumptions=tuple(notes), problem=problem.title, method="cdt_deliberation_dynamics",
                              exact=d.exact, status=d.status, message=d.message)
    p = points[0]
    acts = problem.nodes[p[0]].actions
    N, Z = cache.matrix(p, {p: acts[0]})
    eqs = _symmetric_equilibria(N, Z, acts)
    if not eqs:  # pragma: no cover - a symmetric equilibrium always exists (Nash), unless degenerate
        return Recommendation(theory="CDT", expected_utilities={}, problem=problem.title, method="cdt", exact=True,
                              status="degenerate", message="no isolated deliberational equilibrium found")
    eqs.sort(key=lambda t: -t[1])
    sig, v = eqs[0]
    pol = {p: sig}
    vals, _ = _cdt_values(N, Z, sig, acts)
    notes.append("no pure act is ratifiable: deliberational equilibrium (Skyrms 1990, Arntzenius 2008, "
                 "Joyce 2012); credence = the equilibrium mixture")
    if len(eqs) > 1:
        notes.append(f"{len(eqs)} deliberational equilibria; the best by its own expected utility is shown")
    return Recommendation(theory="CDT", act=_act_view(problem, pol), policy=_policy_view(problem, pol),
                          expected_utilities=vals, realized=problem.value(pol), ratifiable=(),
                          assumptions=tuple(notes), problem=problem.title, method="cdt_deliberational", exact=True)


def _cdt_exact_multi(problem: DecisionProblem, points: list, notes: list, d: Any, limit: int):
    """Several choice points, no ratifiable pure policy, and Skyrms' dynamics did not end at a
    certified equilibrium (they may cycle: the choice points interact like the players of a game
    without a potential): every isolated deliberational equilibrium by exact support enumeration
    (:func:`decision.deliberation.exact_equilibria`); the one with the highest realized payoff.
    None if there is none (or the enumeration exceeds ``min(limit, 1024)`` support profiles)."""
    from .deliberation import _exact_equilibria

    try:  # support profiles cost ~20 ms each (sympy): cap the fallback at 1024 of them
        # only continua (degenerate problems): points of them, from the same enumeration
        eqs, skipped, degenerate = _exact_equilibria(problem, limit=min(limit, 1024), max_degree=64,
                                                     continua="fallback")
    except LimitError:
        return None
    if not eqs:
        return None
    scored = []
    for i, (sig, vals) in enumerate(eqs):
        scored.append((problem.value(sig), i, sig, vals))
    scored.sort(key=lambda t: (-float(t[0]), t[1]))
    value, _, sig, vals = scored[0]
    eus = {}
    for p in points:
        lab = point_label(problem, p)
        for a, v in vals[p].items():
            eus[f"{lab}: {a}" if lab else a] = v if v is None else clean(v)
    notes.append(f"no pure policy is ratifiable and Skyrms' Nash-map dynamics ended {d.status!r} without an "
                 f"exactly certified equilibrium after {d.steps} steps: deliberational equilibria by exact "
                 f"support enumeration")
    if len(eqs) > 1:
        notes.append(f"{len(eqs)} deliberational equilibria; the one with the highest realized payoff is shown")
    msgs = []
    if skipped:
        msgs.append(f"{skipped} support profile(s) not solved (Bezout bound): the list may be incomplete")
    if degenerate:
        msgs.append("some support profiles have a continuum of equilibria (only sampled points of it are "
                    "candidates; see decision.deliberation.exact_equilibria)")
    return Recommendation(theory="CDT", act=_act_view(problem, sig), policy=_policy_view(problem, sig),
                          expected_utilities=eus, realized=clean(value), ratifiable=(), assumptions=tuple(notes),
                          problem=problem.title, method="cdt_deliberational_enumeration", exact=True,
                          status="truncated" if skipped else "ok", message="; ".join(msgs))


def _blind_equilibrium_values(problem: DecisionProblem, points: list, sig: dict, matrices: Mapping) -> dict | None:
    """The CDT values by point of the mixed policy ``sig`` (the policy as credence, in the
    problem's own model :func:`_mixed_matrix`) when it is a deliberational equilibrium there:
    every act it plays has the highest defined value at its point; None otherwise.
    ``matrices``: ``{point: (N, Z)}`` of ``sig`` (exact)."""
    vals = {}
    for p in points:
        N, Z = matrices[p]
        vals[p], _ = _cdt_values(N, Z, sig[p], problem.nodes[p[0]].actions)
        defined = [v for v in vals[p].values() if v is not None]
        if defined and any(q != 0 and (vals[p][a] is None or not _exact_eq(vals[p][a], max(defined, key=float)))
                           for a, q in sig[p].items()):
            return None
    return vals


def _mixed_matrix(problem: DecisionProblem, cache: "_Cache", p: tuple, cred: Mapping) -> tuple[dict, dict]:
    """N and Z at point p with the other points following the (mixed) credence ``cred``.

    When every predictor sees the randomization, a mixture of the pure combinations' (cached)
    matrices; otherwise :meth:`DecisionProblem.choice_matrix` of the mixed policy itself, where a
    blind predictor reads the mixture independently of the realized act (mixing the pure
    matrices would correlate its reading with the act)."""
    if _has_blind(problem):
        return problem.choice_matrix(p, cred)
    points = problem.choice_points()
    acts = problem.nodes[p[0]].actions
    others = [q for q in points if q != p]
    N = {a: {r: Fraction(0) for r in acts} for a in acts}
    Z = {r: Fraction(0) for r in acts}
    for combo in itertools.product(*(list(cred[q].items()) for q in others)):
        w = Fraction(1)
        pure = {}
        for q, (a, pr) in zip(others, combo):
            w *= pr
            pure[q] = a
        if w == 0:
            continue
        pure[p] = acts[0]
        Nq, Zq = cache.matrix(p, pure)
        for a in acts:
            for r in acts:
                N[a][r] += w * Nq[a][r]
        for r in acts:
            Z[r] += w * Zq[r]
    return N, Z


def _cdt_with_credence(problem: DecisionProblem, cred: dict, notes: list) -> Recommendation:
    points = problem.choice_points()
    chosen = {}
    eus = {}
    msgs = []
    cache = _Cache(problem)
    for p in points:
        acts = problem.nodes[p[0]].actions
        N, Z = _mixed_matrix(problem, cache, p, cred)
        vals, trembled = _cdt_values(N, Z, cred[p], acts)
        lab = point_label(problem, p)
        for a, v in vals.items():
            eus[f"{lab}: {a}" if lab else a] = v
        if trembled:
            msgs.append(_tremble_note(lab, _fmt_act(cred[p]), "the credence"))
        best = _argmax(vals)
        chosen[p] = best[0] if best else acts[0]
    if not any(n.startswith("credence:") for n in notes):
        notes.append("credence: given by the caller")
    pol = _pure(problem, chosen)
    return Recommendation(theory="CDT", act=_act_view(problem, pol), policy=_policy_view(problem, pol),
                          expected_utilities=eus, realized=problem.value(pol), assumptions=tuple(notes),
                          problem=problem.title, method="cdt", exact=True, message="; ".join(msgs),
                          params={"credence": _policy_view(problem, cred)})


# -- UDT ------------------------------------------------------------------------------------
def udt(problem: DecisionProblem, *, mixed: bool | None = None, limit: int = 4096) -> Recommendation:
    """Updateless / functional decision theory: the best policy, predictors moving with it.

    Parameters
    ----------
    problem : DecisionProblem
    mixed : bool, optional
        Also optimize over mixed acts, exactly: the policy value is then a polynomial in the
        policy's probabilities, maximized over the product of the choice points' simplices by
        support enumeration (:func:`_udt_mixed_search`; ``status="truncated"`` if some support
        profile was beyond its bounds).  Default: only when some predictor cannot see the
        agent's randomization (otherwise the value is multilinear and a pure policy is optimal).
    limit : int
        Maximum number of pure policies enumerated.

    Examples
    --------
    >>> from decision.problems import newcomb
    >>> udt(newcomb(accuracy="0.99")).act
    'one-box'
    """
    _check_mixed("udt", mixed)
    if _is_tree(problem):
        check_int("udt", "limit", limit, 0)
        return _tree_recommendation(problem, "UDT/FDT", None, limit)
    _check_problem(problem, "udt")
    check_int("udt", "limit", limit, 0)
    notes = ["policy selection: predictors read the chosen policy (logical/subjunctive dependence)"]
    pols = problem.pure_policies(limit)
    points = problem.choice_points()
    values = []
    eus = {}
    if problem.default_credence is not None:
        notes.append("the table's causal probabilities are ignored: UDT's predictors read the policy")
    for pol in pols:
        v = problem.value(pol)
        values.append(v)
        view = _policy_view(problem, pol)
        label = view.get("act") if list(view) == ["act"] else "; ".join(f"{k}: {a}" for k, a in view.items())
        eus[label] = v
    if problem.symbolic:
        return Recommendation(theory="UDT/FDT", expected_utilities=eus, assumptions=tuple(notes),
                              problem=problem.title, method="udt", exact=True,
                              message="the verdict depends on the symbolic parameters; see decision.thresholds")
    best_i = max(range(len(pols)), key=lambda i: (values[i], -i))
    best_pol, best_v = pols[best_i], values[best_i]
    if mixed is None:  # search mixed acts iff some predictor cannot see the randomization
        mixed = _has_blind(problem)
    status, message = "ok", ""
    if mixed:
        if len(points) == 1 and len(problem.nodes[points[0][0]].actions) == 2:
            import sympy

            p = points[0]
            a0, a1 = problem.nodes[p[0]].actions
            s = sympy.Symbol("s", real=True)
            poly = _mixed_value_poly(problem, s)
            crit = [r for r in sympy.solve(sympy.diff(poly, s), s) if r.is_real and 0 <= r <= 1]
            for r in crit:
                val = poly.subs(s, r)
                if val > best_v:
                    best_v = clean(val)
                    rr = clean(r)
                    best_pol = {p: {a0: rr, a1: 1 - rr}}
            notes.append("mixed acts allowed (a predictor cannot see the randomization)")
        else:
            best_v, best_pol, skipped = _udt_mixed_search(problem, points, best_v, best_pol)
            notes.append("mixed acts allowed (a predictor cannot see the randomization): the best policy over "
                         "the product of the choice points' simplices, by exact support enumeration")
            if skipped:
                status = "truncated"
                message = (f"{skipped} support profile(s) of mixed policies not solved (more than "
                           f"{_MAX_MIXED_UNKNOWNS} free probabilities, more than {_MAX_MIXED_PROFILES} profiles, a "
                           "polynomial system beyond the Bezout bound, or a continuum of critical points with more "
                           "than two free probabilities): a better mixed policy may exist")
    return Recommendation(theory="UDT/FDT", act=_act_view(problem, best_pol), policy=_policy_view(problem, best_pol),
                          expected_utilities=eus, realized=best_v, assumptions=tuple(notes),
                          problem=problem.title, method="udt", exact=True, status=status, message=message)


fdt = udt

def _udt_mixed_search(problem: DecisionProblem, points: list, best_v: Any, best_pol: dict,
                      max_degree: int = 64) -> tuple[Any, dict, int]:
    """The best mixed policy when some predictor reads only the policy's mixture (its value is
    then a polynomial in the policy's probabilities, not linear, so the optimum may be mixed:
    Death in Damascus against a Death who cannot see the coin).

    Every maximum of a polynomial over the product of the choice points' simplices is a
    critical point of its restriction to the relative interior of some face (a support
    profile): for each profile with at least one mixing point the gradient equations in the
    free probabilities are solved exactly (the polynomial machinery of
    :func:`decision.imperfect_recall.solve_de_se`), and the best candidate beats the pure
    policies only if its exact value is higher.  Faces on which the value has a continuum of
    critical points are skipped: the value is constant along such a set, and (unless it is
    closed inside the face) equal to that at a critical point of a smaller face.  Returns
    ``(value, policy, number of profiles not solved)``."""
    import sympy

    from .imperfect_recall import _solve_support_system

    # enumeration order unless over the bound: ties go to the first policy found
    profiles, skipped = _mixed_profiles(problem, points, "u", sort=False)
    for supp, syms, cand in profiles:
        V = sympy.expand(sympy.sympify(problem.value(cand)))
        if not all(V.has(x) for x in syms):
            # V is constant along a free probability: every value on this face is taken on a
            # smaller face too (move along that coordinate to the boundary), enumerated there
            continue
        eqs = [sympy.expand(sympy.diff(V, x)) for x in syms]
        try:
            sols, flag = _solve_support_system(eqs, syms, max_degree)
            if flag == "degenerate":
                sols, flag = _critical_continuum(eqs, syms, max_degree)
        except UnsupportedError:
            skipped += 1
            continue
        skipped += flag is not None
        for so, pol in _simplex_solutions(sols, cand, points, supp):
            val = clean(sympy.expand(V.subs(so)))  # = problem.value(pol), V being the face's value
            if bool(sympy.sympify(val) > sympy.sympify(best_v)):
                best_v, best_pol = val, pol
    return best_v, best_pol, skipped


def _critical_continuum(eqs: list, syms: list, max_degree: int) -> tuple[list, Any]:
    """Candidate maximizers of a face whose gradient system ``eqs`` (two unknowns ``x, y``) has
    a curve of solutions: with ``g`` the gcd of the equations, the critical set is the isolated
    common zeros of the cofactors plus the curve ``g = 0``, along each connected component of
    which the value is constant.  A component reaching the face's boundary takes the value of a
    smaller face; a closed one (compact inside the open face) has a leftmost point, where
    ``dg'/dy = 0`` (``g'``: the square-free part of ``g`` without its factors free of ``y``,
    vertical lines, which always reach the boundary).  So the isolated zeros of the cofactor
    system and of ``{g' = 0, dg'/dy = 0}`` contain a maximizer of every closed component.
    Returns ``(solutions, flag)``, flag ``"skipped"`` when this does not apply (more than two
    unknowns, or a system still not zero-dimensional)."""
    import sympy

    from .imperfect_recall import _solve_support_system

    if len(syms) != 2:
        return [], "skipped"
    x, y = syms
    g = sympy.gcd(eqs[0], eqs[1])
    if not g.has(x) and not g.has(y):  # pragma: no cover - coprime equations are zero-dimensional
        return [], "skipped"
    def isolated(system):
        # a zero-dimensional system of two equations, split by their irreducible factors into
        # systems each in shape position for one of the two variable orders (None: not solved)
        parts = [[f for f, _m in sympy.factor_list(e, x, y)[1]] for e in system]
        out = []
        for pair in itertools.product(*parts):
            for order in (syms, syms[::-1]):
                sols, flag = _solve_support_system(list(pair), list(order), max_degree)
                if flag is None:
                    out += sols
                    break
            else:
                return None
        return out

    out = []
    cof = [sympy.expand(sympy.cancel(e / g)) for e in eqs]
    if all(c.has(x) or c.has(y) for c in cof):
        sols = isolated(cof)
        if sols is None:
            return [], "skipped"
        out += sols
    _, factors = sympy.factor_list(g, x, y)
    for v in (y, x):  # the leftmost (or lowest) points of the closed components
        gp = sympy.expand(sympy.Mul(*[f for f, _m in factors if f.has(v)]))
        if not gp.has(v):
            return out, None  # only lines along v: every component reaches the boundary
        sols = isolated([gp, sympy.expand(sympy.diff(gp, v))])
        if sols is not None:
            return out + sols, None
    return [], "skipped"


def _check_mixed(func: str, mixed: Any) -> None:
    """``mixed`` of :func:`udt` (and of :func:`thresholds`): True, False or None."""
    if mixed is not None and not isinstance(mixed, bool):
        raise InvalidInputError(bad_param(func, "mixed", "True, False or None", mixed))


def _mixed_value_poly(problem: DecisionProblem, s: Any) -> Any:
    """The value of the mixed act ``s a0 + (1 - s) a1`` at the single choice point (two acts
    ``a0, a1``): a polynomial in ``s`` of degree at most ``2 + len(problem.predictors)``,
    interpolated exactly through that many rational points plus one."""
    import sympy

    p = problem.choice_points()[0]
    a0, a1 = problem.nodes[p[0]].actions
    deg = 2 + len(problem.predictors)
    xs = [Fraction(k, deg) for k in range(deg + 1)]
    ys = [sympy.sympify(problem.value({p: {a0: x, a1: 1 - x}})) for x in xs]
    return sympy.interpolate(list(zip([sympy.sympify(x) for x in xs], ys)), s)


def expected_utilities(problem: DecisionProblem, theory: str = "edt") -> dict:
    """The option -> expected utility table of a theory (sympy expressions if symbolic)."""
    fn = {"edt": edt, "cdt": cdt, "udt": udt, "fdt": udt}.get(str(theory).lower())
    if fn is None:
        raise InvalidInputError(bad_param("expected_utilities", "theory", '"cdt", "edt", "udt" or "fdt"', theory))
    return fn(problem).expected_utilities


def _symbolic_base_note(problem: DecisionProblem) -> list[str]:
    """With several choice points the symbolic tables fix the other points' acts (to their first
    action): say so, since the numeric theories use their own fixed point there instead."""
    points = problem.choice_points()
    if len(points) < 2:
        return []
    base = ", ".join(f"{point_label(problem, p) or p[0]}: {problem.nodes[p[0]].actions[0]}" for p in points)
    return [f"symbolic table: each choice point's values assume every other choice point takes its first act "
            f"({base}); substitute numbers for the values under the theory's own policy"]


def _symbolic_table(problem: DecisionProblem, cache: _Cache, theory: str) -> tuple[dict, list]:
    """EU expressions: EDT per act, CDT per act and believed act (other points' acts first)."""
    points = problem.choice_points()
    eus: dict = {}
    exprs = []
    base = {p: problem.nodes[p[0]].actions[0] for p in points}
    for p in points:
        N, Z = cache.matrix(p, base)
        acts = problem.nodes[p[0]].actions
        lab = point_label(problem, p)
        pre = f"{lab}: " if lab else ""
        if theory == "EDT":
            E, ZE = _edt_terms(problem, cache, p, base)
        for a in acts:
            if theory == "EDT":
                eus[pre + str(a)] = clean(E[a] / ZE[a]) if not _zero(ZE[a]) else None
            else:
                for r in acts:
                    eus[f"{pre}{a} | {r}"] = clean(N[a][r] / Z[r]) if not _zero(Z[r]) else None
    return eus, exprs


def _fmt_prior(prior: Any) -> str:
    return "{" + ", ".join(f"{a}: {_s(clean(q))}" for a, q in dict(prior).items()) + "}"


def _zero(x) -> bool:
    if is_symbolic(x):
        import sympy

        return sympy.simplify(x) == 0
    return x == 0


# -- compare --------------------------------------------------------------------------------
@result
class Comparison(Result):
    """All theories on one problem: one row per theory.

    ``rows`` is a tuple of dicts with keys ``theory``, ``recommends``, ``expected_utilities``,
    ``realized``; ``recommendations`` holds the full :class:`Recommendation` objects.
    """

    problem: str = ""
    rows: tuple = ()
    recommendations: tuple = ()

    def table(self) -> str:
        """The comparison as a fixed-width text table (one line per choice point or policy)."""
        head = ("theory", "recommends", "expected utility of each option", "realized payoff")
        blocks = []
        for r in self.rows:
            rec = _lines(r["recommends"])
            eus = _eu_lines(r["expected_utilities"])
            n = max(len(rec), len(eus), 1)
            block = []
            for i in range(n):
                block.append((r["theory"] if i == 0 else "", rec[i] if i < len(rec) else "",
                              eus[i] if i < len(eus) else "", _s(r["realized"]) if i == 0 else ""))
            blocks.append(block)
        body = [line for b in blocks for line in b]
        widths = [max([len(h)] + [len(b[i]) for b in body]) for i, h in enumerate(head)]
        lines = [f"{self.problem}"]
        lines.append("  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        for b in body:
            lines.append("  ".join(x.ljust(w) for x, w in zip(b, widths)).rstrip())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in ("theory", "recommends", "expected utility of each option",
                                                 "realized payoff"))
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(_s(r[k]))}</td>" for k in
                                        ("theory", "recommends", "expected_utilities", "realized")) + "</tr>"
                       for r in self.rows)
        return f"<table><caption>{html.escape(self.problem)}</caption><tr>{head}</tr>{rows}</table>"


def _lines(x: Any) -> list[str]:
    if isinstance(x, dict) and x and not all(isinstance(v, (Fraction, int)) and not isinstance(v, bool)
                                            for v in x.values()):
        return [f"{k}: {_s(v)}" for k, v in x.items()]
    return [_s(x)]


def _eu_lines(x: Any) -> list[str]:
    if not isinstance(x, dict):
        return [_s(x)]
    groups: dict = {}
    singles = []
    for k, v in x.items():
        k = str(k)
        if ";" in k:  # a policy label
            singles.append(f"[{k}]: {_s(v)}")
        elif ": " in k:
            point, act = k.rsplit(": ", 1)
            groups.setdefault(point, []).append(f"{act}: {_s(v)}")
        else:
            groups.setdefault("", []).append(f"{k}: {_s(v)}")
    out = [(f"{p} -> " if p else "") + ", ".join(items) for p, items in groups.items()]
    return out + singles


def _s(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k}: {_s(v)}" for k, v in x.items()) + "}"
    if isinstance(x, float):
        return f"{x:.6g}"
    if x is None:
        return "-"
    if is_symbolic(x) or (type(x).__module__.startswith("sympy") and not getattr(x, "is_Rational", False)):
        try:
            return f"{x} (~{float(x):.6g})"
        except TypeError:
            return str(x)
    return str(x)


def compare(problem: Any) -> Comparison:
    """CDT, EDT and UDT/FDT side by side (the notebook entry point).

    Imperfect-recall problems (:class:`decision.imperfect_recall.ImperfectRecallProblem`) show the
    planning optimum and the policies satisfying the four de se pairings.
    """
    from .imperfect_recall import ImperfectRecallProblem, compare_imperfect_recall

    if isinstance(problem, ImperfectRecallProblem):
        return compare_imperfect_recall(problem)
    _check_problem(problem, "compare")
    recs = (cdt(problem), edt(problem), udt(problem))
    pending = ("depends on " + ", ".join(sorted(s.name for s in problem.symbols))) if problem.symbolic else None
    rows = tuple({"theory": r.theory, "recommends": r.act if r.act is not None else (pending or r.status),
                  "expected_utilities": r.expected_utilities, "realized": r.realized} for r in recs)
    return Comparison(problem=problem.title, rows=rows, recommendations=recs, method="compare", exact=True)


# -- thresholds -----------------------------------------------------------------------------
@result
class ThresholdResult(Result):
    """Where a theory's verdict flips as a parameter varies.

    One free symbol: ``thresholds`` are exact parameter values (``Fraction`` or sympy algebraic
    numbers) where the verdict changes; ``verdicts``: ``((low, high), verdict)`` on each
    interval between them.

    Several free symbols: ``thresholds`` are exact sympy expressions in the other symbols
    (``others``) -- the parameter solved from the equations where the compared expected
    utilities meet; ``conditions[i]`` is the sympy condition under which ``thresholds[i]`` lies
    strictly inside the parameter's domain (``True`` when it always does), and ``flips[i]`` the
    ``(verdict below, verdict above)`` pairs seen at the sampled values of the other symbols.
    ``verdicts`` is empty.

    ``endpoints`` (one free symbol): ``(end, verdict)`` for each end of the domain at which the
    verdict differs from the adjacent interval's (e.g. a zero-probability act at accuracy 1);
    ``message`` says so.
    """

    theory: str = ""
    parameter: str = ""
    thresholds: tuple = ()
    verdicts: tuple = ()
    endpoints: tuple = ()
    others: tuple = ()
    conditions: tuple = ()
    flips: tuple = ()


def _verdict_key(rec: Recommendation) -> Any:
    """A hashable summary of a verdict: the act, or the support of a mixed act, per point."""

    def one(x):
        if isinstance(x, dict):
            supp = sorted(str(k) for k, v in x.items() if (float(v) > 1e-6 if isinstance(v, float) else v != 0))
            return supp[0] if len(supp) == 1 else "mixed(" + ", ".join(supp) + ")"
        return x

    act = rec.act
    if isinstance(act, dict):
        if all(isinstance(v, (Fraction, int, float)) for v in act.values()):
            return one(act)
        return tuple(sorted((str(k), str(one(v))) for k, v in act.items()))
    return act


def _midpoint(a: Any, b: Any) -> Fraction:
    """A rational strictly between two (possibly algebraic) numbers a < b."""
    fa, fb = float(a), float(b)
    m = _rational_near((fa + fb) / 2, a, b, dens=(10**3, 10**6, 10**9, 10**12, 10**15))
    return Fraction((fa + fb) / 2) if m is None else m  # None: a gap below float resolution


def _threshold_exprs(problem: DecisionProblem, theory: str, mixed: bool, notes: list) -> list:
    """Every expression whose sign change can flip a verdict: EDT/CDT value differences (as
    cross-multiplied numerators), the evidential weights, and differences of policy values.

    Mixed deliberational equilibria (CDT): the support boundaries of each choice point's
    equilibria with the other points pure (:func:`_mixed_support_exprs`) and, for
    ``theory="cdt"``, of the equilibria in which several points mix
    (:func:`_joint_support_exprs`).  ``theory="udt"`` with ``mixed``: where UDT's best mixed act
    appears or vanishes (:func:`_udt_mixed_exprs`).  Bounds that were hit are appended to
    ``notes``."""
    exprs = []
    cache = _Cache(problem)
    points = problem.choice_points()
    for combo in itertools.product(*(problem.nodes[d].actions for d, _ in points)):
        acts = dict(zip(points, combo))
        for p in points:
            N, Z = cache.matrix(p, acts)
            a_s = problem.nodes[p[0]].actions
            for a, b in itertools.combinations(a_s, 2):
                exprs.append(N[a][a] * Z[b] - N[b][b] * Z[a])
                for r in a_s:
                    exprs.append(N[a][r] - N[b][r])
            for r in a_s:
                exprs.append(Z[r])
            if problem.nodes[p[0]].executed is not None:
                E, ZE = _edt_terms(problem, cache, p, acts)
                for a, b in itertools.combinations(a_s, 2):
                    exprs.append(E[a] * ZE[b] - E[b] * ZE[a])
                exprs.extend(ZE[r] for r in a_s)
    if problem.default_credence is not None:
        # CDT's fixed credence (a table's causal probabilities): its value differences
        cred = problem.normalize_policy(problem.default_credence, "thresholds", "default_credence")
        for p in points:
            N, _ = _mixed_matrix(problem, cache, p, cred)
            a_s = problem.nodes[p[0]].actions
            for a, b in itertools.combinations(a_s, 2):
                exprs.append(sum((cred[p].get(r, 0) * (N[a][r] - N[b][r]) for r in a_s), Fraction(0)))
    if len(points) == 1:
        exprs.extend(_mixed_support_exprs(*cache.matrix(points[0], {points[0]: problem.nodes[points[0][0]].actions[0]}),
                                          problem.nodes[points[0][0]].actions, notes if theory == "cdt" else None))
    elif theory == "cdt":
        # a mixed deliberational equilibrium at any one choice point, the others pure
        seen: set = set()
        for combo in itertools.product(*(problem.nodes[d].actions for d, _ in points)):
            acts = dict(zip(points, combo))
            for p in points:
                key = (p, tuple(sorted(((q, a) for q, a in acts.items() if q != p), key=repr)))
                if key in seen:
                    continue
                seen.add(key)
                exprs.extend(_mixed_support_exprs(*cache.matrix(p, acts), problem.nodes[p[0]].actions, notes))
        exprs.extend(_joint_support_exprs(problem, cache, points, notes))
    vals = [problem.value(pol) for pol in problem.pure_policies()]
    for x, y in itertools.combinations(vals, 2):
        exprs.append(x - y)
    if theory == "udt" and mixed:
        exprs.extend(_udt_mixed_exprs(problem, vals, notes))
    return exprs


#: Largest number of support profiles in which two or more choice points mix that
#: :func:`thresholds` eliminates exactly for CDT (each costs a few Groebner bases); beyond it
#: the result says the candidate list may be incomplete.
_MAX_JOINT_PROFILES = 64
#: Largest number of unknown probabilities of one such profile.
_MAX_JOINT_UNKNOWNS = 4


def _eliminate(polys: list, syms: list, params: list) -> list | None:
    """The elimination ideal of ``polys`` in the parameters: a lex Groebner basis with the
    unknowns ``syms`` first; its elements free of them.  ``[]`` when the system has no solution
    for any parameter value (basis ``[1]``); None when the projection is not a proper subset
    (no polynomial in the parameters alone vanishes on it)."""
    import sympy

    G = sympy.groebner(polys, *syms, *params, order="lex")
    if G.exprs == [1] or any(g.is_number and g != 0 for g in G.exprs):
        return []
    elim = [g for g in G.exprs if not g.has(*syms)]
    return elim or None


def _joint_support_exprs(problem: DecisionProblem, cache: "_Cache", points: list, notes: list) -> list:
    """Where a deliberational equilibrium in which two or more choice points mix can change
    support (several choice points; CDT).

    For each profile of supports (at least two points with two or more acts) the equilibrium
    ``sigma`` solves the indifference equalities at every mixing point (polynomial in the
    unknown probabilities and the parameters).  Its verdict can change only where, in addition,
    some support probability vanishes, an act outside a support ties with the support's acts,
    or the Jacobian of the equalities in the unknowns is singular (branches meet or turn
    complex).  Each event is projected to the parameters by elimination (a lex Groebner basis,
    unknowns first): the returned polynomials vanish at every parameter value where it can
    happen.  Profiles beyond :data:`_MAX_JOINT_PROFILES` / :data:`_MAX_JOINT_UNKNOWNS`, and
    events whose projection is not a proper subset, are counted in ``notes``.
    """
    import sympy

    from .deliberation import _point_values, _tables
    from .imperfect_recall import _support_candidate

    params = sorted(problem.symbols, key=lambda s: s.name)
    if not params:
        return []
    supports_per = [[s for k in range(1, len(problem.nodes[p[0]].actions) + 1)
                     for s in itertools.combinations(problem.nodes[p[0]].actions, k)] for p in points]
    profiles = [supp for supp in itertools.product(*supports_per) if sum(len(S) > 1 for S in supp) >= 2]
    if not profiles:
        return []
    if len(profiles) > _MAX_JOINT_PROFILES:
        notes.append(f"{len(profiles)} support profiles in which several choice points mix exceed the bound "
                     f"{_MAX_JOINT_PROFILES}: flips caused by such equilibria are not searched")
        return []
    tables = _tables(problem, cache, points)
    out: list = []
    skipped = 0
    for supp in profiles:
        syms, cand = _support_candidate(points, supp, lambda p: problem.nodes[p[0]].actions, prefix="j",
                                        positive=False)
        if len(syms) > _MAX_JOINT_UNKNOWNS:
            skipped += 1
            continue
        eqs, ties = [], []
        for p, S in zip(points, supp):
            num, _ = _point_values(problem, tables, p, cand)
            num = {a: sympy.sympify(v) for a, v in num.items()}
            for a in S[1:]:
                eqs.append(sympy.numer(sympy.together(sympy.expand(num[S[0]] - num[a]))))
            for b in problem.nodes[p[0]].actions:
                if b not in S:
                    ties.append(sympy.numer(sympy.together(sympy.expand(num[b] - num[S[0]]))))
        eqs = [e for e in eqs if e != 0]
        if len(eqs) < len(syms):
            continue  # a continuum of solutions (degenerate), as :func:`_mixed_support_exprs` skips
        events = [sympy.sympify(q) for p, S in zip(points, supp) for a, q in cand[p].items() if a in S]
        events += ties
        if len(eqs) == len(syms):
            events.append(sympy.Matrix([[sympy.diff(e, x) for x in syms] for e in eqs]).det())
        try:
            for ev in events:
                ev = sympy.numer(sympy.together(sympy.expand(ev)))
                if ev == 0:
                    continue
                elim = _eliminate(eqs + [ev], syms, params)
                if elim is not None:  # None: the event holds on a continuum (degenerate), skipped
                    out.extend(elim)
        except (sympy.PolynomialError, sympy.polys.polyerrors.PolificationFailed,
                sympy.polys.polyerrors.CoercionFailed):  # pragma: no cover - non-polynomial parameters
            skipped += 1
    if skipped:
        notes.append(f"{skipped} support profile(s) in which several choice points mix were not eliminated "
                     f"(more than {_MAX_JOINT_UNKNOWNS} unknown probabilities): flips they cause may be missed")
    return out


def _udt_mixed_exprs(problem: DecisionProblem, pure_values: list, notes: list) -> list:
    """Where UDT's best mixed act can appear, vanish or change (one choice point, two acts).

    The value of the mixed act ``s a0 + (1 - s) a1`` is a polynomial ``P(s)`` in ``s`` whose
    coefficients depend on the parameters.  The verdict ``mixed`` versus a pure act can change
    only where a critical point of ``P`` crosses ``s = 0`` or ``s = 1`` (``P'(0) = 0``,
    ``P'(1) = 0``), where two critical points meet (the discriminant of ``P'``), where the
    degree of ``P'`` drops (its leading coefficient), or where the value at a critical point
    equals a pure policy's value (the resultant in ``s`` of ``P'`` and ``P - V_pure``).
    """
    import sympy

    points = problem.choice_points()
    if len(points) != 1 or len(problem.nodes[points[0][0]].actions) != 2:
        # udt's mixed optimum elsewhere (several acts or choice points) is a critical point of a
        # face of a product of simplices: its appearance is not among the exact candidates
        notes.append("where UDT's best mixed policy appears or changes (more than two acts or several "
                     "choice points) is not among the exact candidates: only the probes check it")
        return []
    s = sympy.Symbol("s_mix")
    P = sympy.expand(_mixed_value_poly(problem, s))
    Pn, Pd = sympy.fraction(sympy.together(P))  # Pd is free of s
    return _gap_events(sympy.diff(Pn, s), Pn, Pd, s, pure_values)


def _gap_events(gap: Any, Pn: Any, Pd: Any, s: Any, pure_values: Sequence) -> list:
    """Where the interior solutions ``s`` in (0, 1) of ``gap(s) = 0`` (a polynomial in ``s``
    whose coefficients depend on the parameters) can appear, vanish or change rank against the
    pure policies: ``gap(0)``, ``gap(1)``, its leading coefficient, its discriminant, and the
    resultants in ``s`` of ``gap`` and ``Pn - V Pd`` (the policy value ``Pn / Pd`` equal to a pure
    policy's value ``V``)."""
    import sympy

    g = sympy.Poly(sympy.expand(gap), s)
    if g.is_zero:
        return []
    out = [g.as_expr().subs(s, 0), g.as_expr().subs(s, 1), g.LC()]
    if g.degree() >= 2:
        out.append(sympy.discriminant(g.as_expr(), s))
    for v in pure_values:
        h = sympy.Poly(sympy.expand(Pn - sympy.sympify(v) * Pd), s)
        if g.degree() >= 1 and not h.is_zero:
            out.append(sympy.resultant(g.as_expr(), h.as_expr(), s))
    return out


def _tree_threshold_exprs(tree: Any, theory: str) -> list:
    """Candidate expressions for an imperfect-recall tree: differences of the pure policies'
    values and, at a tree with one information set of two actions, the events of
    :func:`_gap_events` for the planning optimum (UDT: the derivative of the policy value) or
    the de se condition (CDT+GT, EDT+GDH: the numerator of the value gap between the actions)."""
    import sympy

    from .imperfect_recall import de_se_values

    infosets = tree.infosets
    pure = []
    for combo in itertools.product(*infosets.values()):
        pure.append(sympy.sympify(tree.value({I: {b: int(b == a) for b in infosets[I]}
                                              for I, a in zip(infosets, combo)})))
    out = [x - y for x, y in itertools.combinations(pure, 2)]
    if len(infosets) == 1 and len(next(iter(infosets.values()))) == 2:
        I, (a0, a1) = next(iter(infosets.items()))
        s = sympy.Symbol("s_mix")
        pol = {I: {a0: s, a1: 1 - s}}
        Pn, Pd = sympy.fraction(sympy.together(sympy.expand(tree.value(pol))))
        if theory == "udt":
            gap = sympy.diff(Pn, s)
        else:
            vals = de_se_values(tree, pol, I, theory.upper(), "GT" if theory == "cdt" else "GDH")
            if not vals:
                return out
            gap = sympy.numer(sympy.together(sympy.sympify(vals[a0]) - sympy.sympify(vals[a1])))
        out.extend(_gap_events(gap, Pn, Pd, s, pure))
    return out


#: Largest action set whose mixed-equilibrium supports are all solved symbolically for thresholds.
_MAX_SUPPORT_ACTIONS = 5


def _mixed_support_exprs(N: Mapping, Z: Mapping, actions: Sequence, notes: list | None = None) -> list:
    """Where CDT's deliberational equilibrium can change support (one choice point).

    For each support ``S`` of at least two acts the equilibrium credence ``sigma_S`` solves the
    indifference equations ``sum_r sigma_r N[a][r] = v`` (``a`` in ``S``); its verdict changes where
    some ``sigma_S(a)`` reaches zero, where an act outside ``S`` becomes as good as ``S``'s acts,
    or where another support's equilibrium overtakes it by own expected utility.  With three or
    more acts these need not be pure-act value differences (the adversarial offer: the two-box
    mixture is joined by "none" where ``prize (3 - accuracy) / 4 = price``).
    """
    import sympy

    n = len(actions)
    if n > _MAX_SUPPORT_ACTIONS and notes is not None:
        notes.append(f"a choice point has {n} acts, more than {_MAX_SUPPORT_ACTIONS}: the support changes of its mixed "
                     "deliberational equilibria are not candidates")
    if n < 3 or n > _MAX_SUPPORT_ACTIONS:
        return []
    out: list = []
    own: list = []
    for k in range(2, n + 1):
        for support in itertools.combinations(actions, k):
            s = sympy.symbols(f"s0:{k}")
            v = sympy.Symbol("v")
            eqs = [sum(s) - 1] + [sum(s[j] * sympy.sympify(N[a][support[j]]) for j in range(k)) - v for a in support]
            try:
                sol = sympy.solve(eqs, list(s) + [v], dict=True)
            except NotImplementedError:  # pragma: no cover
                continue
            for so in sol:
                if any(x not in so for x in s) or any(so[x].has(*s, v) for x in s):
                    continue
                sig = {support[j]: sympy.sympify(so[s[j]]) for j in range(k)}
                out.extend(sig.values())
                vals = {a: sum(sig[r] * sympy.sympify(N[a][r]) for r in support) for a in actions}
                out.extend(vals[b] - vals[support[0]] for b in actions if b not in sig)
                den = sum(sig[r] * sympy.sympify(Z[r]) for r in support)
                own.append(vals[support[0]] / den)
    out.extend(x - y for x, y in itertools.combinations(own, 2))
    return out


def _roots_in(exprs: list, sym: Any) -> list:
    """Distinct roots in ``sym`` of the expressions' numerators (sympy.solve; other symbols
    stay free).  Roots that are certainly non-real are dropped."""
    import sympy

    out: list = []
    seen: set = set()
    for e in exprs:
        e = sympy.sympify(e)
        if not e.has(sym):
            continue
        n = sympy.numer(sympy.together(e))
        if n in seen:
            continue
        seen.add(n)
        try:
            roots = sympy.solve(n, sym)
        except NotImplementedError:  # pragma: no cover
            continue
        for r in roots:
            if r.is_real is False or r.has(sym):
                continue
            out.append(r)
    return out


#: Rational points of each interval between candidate roots probed besides its midpoint
#: (:func:`_one_symbol`).
_PROBES = 2


def _one_symbol(problem: DecisionProblem, fn: Callable, sym: Any, lo: Any, hi: Any, theory: str,
                mixed: bool, notes: list) -> tuple[list, list]:
    """Flips and merged ``((low, high), verdict)`` intervals for a one-symbol problem.

    The verdict is evaluated at the midpoint of every interval between consecutive candidate
    roots and, as a check that no flip point is missing from the candidates, at :data:`_PROBES` more
    rational points of each interval; a disagreement is reported in ``notes`` (the interval's
    verdict is then that of its midpoint, and some flip is not exact)."""
    import sympy

    cands = set()
    for r in _roots_in(_candidate_exprs(problem, theory, mixed, notes), sym):
        if r.is_real and lo < r < hi:
            cands.add(sympy.radsimp(sympy.simplify(r)))
    cands = sorted(cands, key=lambda r: float(r))
    edges = [lo] + cands + [hi]

    def verdict_at(x):
        try:
            sub = problem.subs({sym: x})
        except InvalidInputError as exc:  # e.g. a probability parameter swept beyond [0, 1]
            raise type(exc)(bad_param("thresholds", "domain", f"values of {sym} the problem accepts (at {sym} = "
                                      f"{_s(clean(x))}: {exc})", f"({_s(clean(lo))}, {_s(clean(hi))})", raw=True)) from exc
        rec = fn(sub)
        if rec.status != "ok":
            notes.append(f"at {sym} = {x} the theory's recommendation has status {rec.status!r} ({rec.message}): "
                         "the verdict there is not certified")
        return _verdict_key(rec)

    mids = []
    for a, b in zip(edges, edges[1:]):
        v = verdict_at(_midpoint(a, b))
        mids.append(((a, b), v))
        for k in range(1, _PROBES + 1):
            x = _inner_point(a, b, Fraction(k, _PROBES + 1))
            if x is None:
                continue
            w = verdict_at(x)
            if w != v:
                notes.append(f"the verdict at {sym} = {x} ({w!r}) differs from that at the midpoint of "
                             f"({_s(clean(a))}, {_s(clean(b))}) ({v!r}): a flip inside this interval is not among the "
                             "candidate roots, so the thresholds there are incomplete")
                break
    flips = []
    for (iv1, v1), (iv2, v2) in zip(mids, mids[1:]):
        if v1 != v2:
            flips.append(clean(iv1[1]))
    verdicts: list = []
    for (a, b), v in mids:
        if verdicts and verdicts[-1][1] == v:
            verdicts[-1] = ((verdicts[-1][0][0], clean(b)), v)
        else:
            verdicts.append(((clean(a), clean(b)), v))
    return flips, verdicts


def _candidate_exprs(problem: Any, theory: str, mixed: bool, notes: list) -> list:
    """:func:`_threshold_exprs` for a DecisionProblem, :func:`_tree_threshold_exprs` for a tree."""
    if _is_tree(problem):
        return _tree_threshold_exprs(problem, theory)
    return _threshold_exprs(problem, theory, mixed, notes)


def _capped(notes: list, keep: int = 3) -> list:
    """The distinct notes, the first ``keep`` of them and a count of the rest."""
    out = list(dict.fromkeys(notes))
    if len(out) > keep:
        out = out[:keep] + [f"and {len(out) - keep} more such note(s)"]
    return out


def _inner_point(a: Any, b: Any, t: Fraction) -> Fraction | None:
    """A rational near ``a + t (b - a)`` strictly inside ``(a, b)`` (``a``, ``b`` possibly algebraic);
    None when the interval is below float resolution."""
    fa, fb = float(a), float(b)
    return _rational_near(fa + float(t) * (fb - fa), a, b)


def _endpoint_verdicts(problem: DecisionProblem, fn: Callable, sym: Any, verdicts: list) -> list:
    """``(end, verdict)`` for each end of the domain where the verdict differs from the adjacent
    open interval's (transparent Newcomb at accuracy 1: EDT one-boxes there, two-boxes below).
    Ends the problem rejects (e.g. outside a probability's range) are skipped."""
    from solvers.errors import CoopTheoryError

    out = []
    for (iv, v), end in ((verdicts[0], verdicts[0][0][0]), (verdicts[-1], verdicts[-1][0][1])):
        try:
            w = _verdict_key(fn(problem.subs({sym: end})))
        except CoopTheoryError:
            continue
        if w != v:
            out.append((clean(end), w))
    return out


def _inside(r: Any, lo: Any, hi: Any) -> Any:
    """The sympy condition ``lo < r < hi``, cleared of a denominator of known sign."""
    import sympy

    n, d = sympy.fraction(sympy.together(r))
    conds = []
    if d.is_positive or d.is_negative:
        sgn = 1 if d.is_positive else -1
        conds.append(sympy.StrictGreaterThan(sympy.expand(sgn * (n - lo * d)), 0))
        conds.append(sympy.StrictLessThan(sympy.expand(sgn * (n - hi * d)), 0))
    else:
        conds = [sympy.StrictGreaterThan(r, lo), sympy.StrictLessThan(r, hi)]
    # a root with square roots is real only where their radicands are non-negative
    for pw in r.atoms(sympy.Pow):
        if pw.exp == sympy.Rational(1, 2) and pw.base.free_symbols:
            conds.insert(0, sympy.GreaterThan(pw.base, 0))
    out = sympy.And(*conds)
    try:
        simp = sympy.simplify(out)
        if sympy.count_ops(simp) <= sympy.count_ops(out):
            out = simp
    except Exception:  # pragma: no cover - simplification is cosmetic
        pass
    return out


def _same_number(x: Any, y: Any) -> bool:
    import sympy

    if abs(float(x) - float(y)) > 1e-9 * max(1.0, abs(float(y))):
        return False
    d = sympy.sympify(x) - sympy.sympify(y)
    return sympy.simplify(d) == 0 or abs(complex(sympy.N(d, 50))) < 1e-40


def thresholds(problem: DecisionProblem, theory: str | Callable, parameter: Any, *,
               domain: tuple = (0, 1), ranges: Mapping | None = None, samples: int = 8,
               seed: int = 0, mixed: bool | None = None) -> ThresholdResult:
    """Exact parameter values at which ``theory``'s verdict flips.

    The candidates are the real roots (in ``domain``) of the differences between the
    expected utilities the theory compares (computed symbolically); a candidate is kept when
    the verdict on either side of it differs (checked exactly at rational points).

    When the problem has other free symbols (e.g. the box amounts of Newcomb's problem as well
    as the accuracy), the thresholds are returned as exact sympy expressions in those symbols:
    each candidate root is solved for ``parameter`` symbolically, and ``conditions`` states where
    it lies inside ``domain`` (a denominator of known sign is cleared, so declare the symbols
    ``positive=True`` where they are).  Which candidates are verdict flips is decided by the
    one-symbol analysis at ``samples`` random rational values of the other symbols (uniform in
    ``ranges[symbol]``, default ``(0, 1)``; reproducible by ``seed``): a candidate is returned
    if it is a flip at some sample.  Whether it flips everywhere its condition holds is checked
    only at the samples: if at some sample its condition holds but the verdict does not flip
    there, ``message`` says so.

    Parameters
    ----------
    problem : DecisionProblem or ImperfectRecallProblem
        Built by a factory of :mod:`decision.problems` (so that symbols can be substituted).  On
        an imperfect-recall tree (e.g. the absent-minded driver with a symbolic payoff) the
        verdicts are those of ``udt`` (the planning optimum), ``cdt`` (CDT+GT) and ``edt``
        (EDT+GDH); exact candidates for trees with one information set of two actions (the
        critical points of the policy value / the de se value gap), pure-policy value
        differences otherwise (the probes below then check completeness).
    theory : {"edt", "cdt", "udt", "fdt"} or one of the functions
    parameter : sympy.Symbol or str
    domain : (low, high)
        The parameter's range.
    ranges : mapping symbol (or name) -> (low, high), optional
        Sampling ranges of the other symbols.
    samples : int
        Number of sampled values of the other symbols.
    seed : int
    mixed : bool, optional
        For UDT/FDT: passed to :func:`udt` (also optimize over mixed acts); the candidates then
        include where its best mixed act appears or vanishes.  Default as :func:`udt`.

    Notes
    -----
    CDT's candidates include the support boundaries of mixed deliberational equilibria at every
    choice point (the other points pure) and, for up to :data:`_MAX_JOINT_PROFILES` support
    profiles, of equilibria in which several points mix (eliminated exactly).  As a check that
    no flip is missing, the verdict is also evaluated at two more rational points of every
    interval; if one differs, or a bound was hit, ``status`` is ``"truncated"`` and ``message``
    says where.  With several choice points and no ratifiable pure policy, CDT follows the
    equilibrium Skyrms' dynamics reach from uniform credences; where several equilibria exist,
    the basin boundaries are not candidates (the check above may catch such a flip).

    Examples
    --------
    >>> import sympy
    >>> from decision.problems import newcomb
    >>> p = sympy.Symbol("p")
    >>> thresholds(newcomb(accuracy=p), "edt", p).thresholds
    (Fraction(1001, 2000),)
    >>> M, K = sympy.symbols("M K", positive=True)
    >>> r = thresholds(newcomb(accuracy=p, big=M, small=K), "edt", p)
    >>> r.thresholds, r.conditions
    (((K + M)/(2*M),), (K < M,))
    """
    import random

    import sympy

    f = "thresholds"
    tree = _is_tree(problem)
    if tree:
        problem.check()
    else:
        _check_problem(problem, f)
    name = theory if isinstance(theory, str) else getattr(theory, "__name__", str(theory))
    key, fn = {"edt": ("edt", edt), "cdt": ("cdt", cdt), "udt": ("udt", udt),
               "fdt": ("udt", udt)}.get(str(name).lower(), (None, None))
    if fn is None:
        raise InvalidInputError(bad_param(f, "theory", '"cdt", "edt", "udt" or "fdt"', theory))

    def lookup(x, param):
        if isinstance(x, str):
            matches = [s for s in problem.symbols if s.name == x]
            if not matches:
                raise InvalidInputError(bad_param(f, param, f"a symbol of the problem "
                                                  f"{sorted(s.name for s in problem.symbols)}", x))
            return matches[0]
        if x not in problem.symbols:
            raise InvalidInputError(bad_param(f, param, "a symbol of the problem", x))
        return x

    sym = lookup(parameter, "parameter")
    if mixed is not None:
        _check_mixed(f, mixed)
        if key != "udt" or tree:
            raise InvalidInputError(bad_param(f, "mixed", "None unless the theory is UDT/FDT on a DecisionProblem",
                                              mixed))
        fn = functools.partial(udt, mixed=mixed)
    use_mixed = key == "udt" and not tree and (
        mixed if mixed is not None else _has_blind(problem))
    notes: list = []
    if isinstance(domain, (str, bytes)) or not hasattr(domain, "__len__") or len(domain) != 2:
        raise InvalidInputError(bad_param(f, "domain", "a pair (low, high)", domain))
    lo, hi = (sympy.Rational(str(num(domain[0], f, "domain"))), sympy.Rational(str(num(domain[1], f, "domain"))))
    if not lo < hi:
        raise InvalidInputError(bad_param(f, "domain", "(low, high) with low < high", domain))
    others = sorted(problem.symbols - {sym}, key=lambda s: s.name)
    if not others:
        flips, verdicts = _one_symbol(problem, fn, sym, lo, hi, key, use_mixed, notes)
        ends = _endpoint_verdicts(problem, fn, sym, verdicts)
        msg = [f"at {sym} = {_s(x)} (the domain's end) the verdict is {v!r}, unlike the adjacent interval"
               for x, v in ends]
        msg.extend(_capped(notes))
        return ThresholdResult(theory=str(name).upper(), parameter=str(sym), thresholds=tuple(flips),
                               verdicts=tuple(verdicts), endpoints=tuple(ends), method="symbolic_roots", exact=True,
                               status="truncated" if notes else "ok", message="; ".join(msg),
                               params={"domain": (clean(lo), clean(hi))})

    # -- several symbols: candidate roots as expressions, flips decided at sampled values ----
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InvalidInputError(bad_param(f, "samples", "a positive integer", samples))
    rng_of = {}
    for k, v in dict(ranges or {}).items():
        s = lookup(k, "ranges")
        try:
            a, b = (num(v[0], f, "ranges"), num(v[1], f, "ranges"))
        except (TypeError, IndexError):
            raise InvalidInputError(bad_param(f, "ranges", "a mapping symbol -> (low, high)", ranges)) from None
        if is_symbolic(a) or is_symbolic(b) or not a < b:
            raise InvalidInputError(bad_param(f, "ranges", "numeric (low, high) with low < high", v))
        rng_of[s] = (Fraction(a), Fraction(b))
    cands: list = []
    for r in _roots_in(_candidate_exprs(problem, key, use_mixed, notes), sym):
        r = sympy.radsimp(sympy.simplify(r))
        if not any(sympy.simplify(r - c) == 0 for c in cands):
            cands.append(r)
    rng = random.Random(seed)
    hits = [[] for _ in cands]  # flip pairs per candidate
    misses = [0 for _ in cands]  # samples where the condition held but the verdict did not flip
    unmatched = 0
    conds = [_inside(c, lo, hi) for c in cands]
    for _ in range(samples):
        assign = {}
        for s in others:
            a, b = rng_of.get(s, (Fraction(0), Fraction(1)))
            assign[s] = a + (b - a) * Fraction(rng.randint(1, 9999), 10000)
        try:
            sub = problem.subs(assign)
        except InvalidInputError as exc:  # a sampled value the problem refuses (a probability beyond [0, 1])
            raise type(exc)(bad_param(f, "ranges", f"ranges of values the problem accepts (at "
                                      f"{ {s.name: _s(v) for s, v in assign.items()} }: {exc})",
                                      ", ".join(f"{s.name}: ({_s(a)}, {_s(b)})" for s, (a, b) in
                                                ((s, rng_of.get(s, (Fraction(0), Fraction(1)))) for s in others)),
                                      raw=True)) from exc
        flips, verdicts = _one_symbol(sub, fn, sym, lo, hi, key, use_mixed, notes)
        pairs = {i: (verdicts[i][1], verdicts[i + 1][1]) for i in range(len(flips))}
        matched = set()
        for i, t in enumerate(flips):
            js = [j for j, c in enumerate(cands) if _same_number(c.subs(assign), t)]
            if not js:
                unmatched += 1
            for j in js:
                matched.add(j)
                if pairs[i] not in hits[j]:
                    hits[j].append(pairs[i])
        for j, c in enumerate(cands):
            if j in matched:
                continue
            held = conds[j].subs(assign) if conds[j] not in (sympy.true, sympy.false) else conds[j]
            v = c.subs(assign)
            if held == sympy.true and v.is_real:
                misses[j] += 1
    keep = [j for j in range(len(cands)) if hits[j]]
    keep.sort(key=lambda j: sympy.default_sort_key(cands[j]))
    msgs = [f"thresholds as functions of {', '.join(s.name for s in others)}; flips checked exactly at "
            f"{samples} sampled values of them"]
    partial = [j for j in keep if misses[j]]
    for j in partial:
        msgs.append(f"{cands[j]}: its condition held at {misses[j]} sample(s) without a flip there "
                    "(the condition is necessary, not sufficient)")
    if unmatched:
        msgs.append(f"{unmatched} flip(s) at sampled values matched no symbolic root (degenerate samples)")
    msgs.extend(_capped(notes))
    return ThresholdResult(theory=str(name).upper(), parameter=str(sym), thresholds=tuple(cands[j] for j in keep),
                           others=tuple(s.name for s in others), conditions=tuple(conds[j] for j in keep),
                           flips=tuple(tuple(hits[j]) for j in keep), method="symbolic_roots_sampled",
                           exact=True, status="truncated" if notes else "ok", message="; ".join(msgs),
                           params={"domain": (clean(lo), clean(hi)), "samples": samples, "seed": seed,
                                   "ranges": {s.name: rng_of.get(s, (Fraction(0), Fraction(1))) for s in others}})
