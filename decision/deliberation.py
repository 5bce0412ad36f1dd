"""Deliberational dynamics for causal decision theory (Skyrms 1990; Arntzenius 2008; Joyce 2012).

A deliberating CDT agent holds a credence ``sigma`` about its own act at every choice point and
revises it towards the acts that look better under that credence.  With Skyrms' *Nash map*

``sigma'(a) = (sigma(a) + k cov(a)) / (1 + k sum_b cov(b))``,  ``cov(a) = max(0, EU(a | sigma) - EU(sigma | sigma))``

(``EU`` is CDT's expected utility with credence ``sigma``, utilities scaled to [-1, 1]) the rest
points are exactly the deliberational equilibria: every act with positive credence maximizes
expected utility under the credence.  The dynamics run in floats; the end point is rationalized
and the equilibrium condition verified exactly (``exact=True``) when it holds, otherwise the
float equilibrium is returned with its residual.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from solvers.errors import InvalidInputError, bad_param
from solvers.results import Result, result

from .model import DecisionProblem, _is_zero as _zero, clean

__all__ = ["DeliberationResult", "deliberate"]


@result
class DeliberationResult(Result):
    """End point of deliberation.

    ``equilibrium``: choice-point label -> act or distribution; ``expected_utilities``: CDT's
    values there; ``realized``: payoff in the true model; ``path``: the credences every
    ``record_every`` steps; ``steps``: the number of steps; ``residual``: the largest gain of an
    act over the credence's value at the end point.
    """

    equilibrium: Any = None
    expected_utilities: Any = None
    realized: Any = None
    path: tuple = ()
    steps: int = 0
    residual: float = 0.0


def deliberate(problem: DecisionProblem, start: Mapping | None = None, *, rate: float = 1.0,
               max_steps: int = 20_000, tol: float = 1e-11, record_every: int = 100) -> DeliberationResult:
    """Run Skyrms' Nash-map deliberation from ``start`` (default: uniform credences).

    Parameters
    ----------
    problem : DecisionProblem
    start : policy mapping, optional
    rate : float
        The map's step ``k`` (utilities are scaled to [-1, 1]).
    max_steps : int
        Step limit; the result's status is ``"not_converged"`` if it is reached.
    tol : float
        Convergence threshold on the scaled gain ``sum_a cov(a)``.
    """
    from .theories import _Cache, _cdt_values, _mixed_matrix, _policy_view, point_label

    if not isinstance(problem, DecisionProblem):
        raise InvalidInputError(bad_param("deliberate", "problem", "a DecisionProblem", problem))
    if problem.symbolic:
        raise InvalidInputError(bad_param("deliberate", "problem", "a problem without symbolic parameters",
                                          problem.title))
    if not rate > 0:
        raise InvalidInputError(bad_param("deliberate", "rate", "positive", rate))
    points = problem.choice_points()
    cache = _Cache(problem)
    if start is None:
        sigma = {p: {a: 1.0 / len(problem.nodes[p[0]].actions) for a in problem.nodes[p[0]].actions} for p in points}
    else:
        s = problem.normalize_policy(start, "deliberate", "start")
        sigma = {p: {a: float(q) for a, q in d.items()} for p, d in s.items()}
    # float matrices per point and pure realization of the other points
    import itertools

    tables = {}
    for p in points:
        others = [q for q in points if q != p]
        combos = []
        for combo in itertools.product(*(problem.nodes[q[0]].actions for q in others)):
            pure = dict(zip(others, combo))
            pure[p] = problem.nodes[p[0]].actions[0]
            N, Z = cache.matrix(p, pure)
            combos.append((dict(zip(others, combo)), {a: {r: float(v) for r, v in row.items()} for a, row in N.items()},
                           {r: float(v) for r, v in Z.items()}))
        tables[p] = combos
    scale = 1.0
    for p in points:
        for _, N, Z in tables[p]:
            for r in Z:
                if Z[r] > 0:
                    scale = max(scale, max(abs(N[a][r] / Z[r]) for a in N))

    def eus(p, sig):
        acts = problem.nodes[p[0]].actions
        num = {a: 0.0 for a in acts}
        den = 0.0
        for others, N, Z in tables[p]:
            w = 1.0
            for q, a in others.items():
                w *= sig[q][a]
            if w == 0.0:
                continue
            for r in acts:
                wr = w * sig[p][r]
                if wr == 0.0:
                    continue
                den += wr * Z[r]
                for a in acts:
                    num[a] += wr * N[a][r]
        if den <= 0.0:
            return None
        return {a: num[a] / den for a in acts}

    path = [_policy_view(problem, {p: dict(d) for p, d in sigma.items()})]
    step = 0
    gain = float("inf")
    while step < max_steps:
        gain = 0.0
        new = {}
        for p in points:
            v = eus(p, sigma)
            if v is None:
                new[p] = sigma[p]
                continue
            base = sum(sigma[p][a] * v[a] for a in v)
            cov = {a: max(0.0, (v[a] - base) / scale) for a in v}
            tot = sum(cov.values())
            gain = max(gain, tot)
            new[p] = {a: (sigma[p][a] + rate * cov[a]) / (1.0 + rate * tot) for a in v}
        sigma = new
        step += 1
        if step % record_every == 0:
            path.append(_policy_view(problem, sigma))
        if gain < tol:
            break
    status = "ok" if gain < tol else "not_converged"
    # certify: candidate exact equilibria (rationalized end point; exact solution on the support
    # of near-optimal acts), each checked exactly
    def check(cand):
        values = {}
        for p in points:
            N, Z = _mixed_matrix(problem, cache, p, cand)
            acts = problem.nodes[p[0]].actions
            vals, _ = _cdt_values(N, Z, cand[p], acts)
            lab = point_label(problem, p)
            for a, v in vals.items():
                values[f"{lab}: {a}" if lab else a] = v
            defined = [v for v in vals.values() if v is not None]
            if defined:
                best = max(defined)
                if any(q != 0 and not _zero(vals[a] - best) for a, q in cand[p].items()):
                    return None
        return values

    candidates = []
    rounded = {}
    for p, d in sigma.items():
        fr = {a: Fraction(q).limit_denominator(10**6) for a, q in d.items()}
        fr = {a: (q if q > Fraction(1, 10**7) else Fraction(0)) for a, q in fr.items()}
        tot = sum(fr.values())
        rounded[p] = {a: q / tot for a, q in fr.items()}
    candidates.append(rounded)
    solved = _solve_on_support(problem, cache, points, sigma, eus, scale)
    if solved is not None:
        candidates.insert(0, solved)
    exact_ok, values, exact_sigma = False, {}, None
    for cand in candidates:
        v = check(cand)
        if v is not None:
            exact_ok, values, exact_sigma = True, v, cand
            break
    if exact_ok:
        eq = exact_sigma
        residual = 0.0
        message = "equilibrium verified exactly"
        if status != "ok":
            status = "ok"
            message += f" (the float dynamics were stopped after {step} steps near it)"
    else:
        eq = {p: {a: q for a, q in d.items()} for p, d in sigma.items()}
        residual = float(gain * scale)
        message = f"float equilibrium; largest gain {residual:.3g}"
        values = {}
        for p in points:
            v = eus(p, sigma) or {}
            lab = point_label(problem, p)
            for a, x in v.items():
                values[f"{lab}: {a}" if lab else a] = x
    realized = problem.value(eq) if exact_ok else float(problem.value(
        {p: {a: Fraction(q).limit_denominator(10**9) / sum(Fraction(x).limit_denominator(10**9) for x in d.values())
             for a, q in d.items()} for p, d in sigma.items()}))
    return DeliberationResult(equilibrium=_policy_view(problem, eq), expected_utilities=values,
                              realized=clean(realized) if exact_ok else realized, path=tuple(path), steps=step,
                              residual=residual, method="nash_map", exact=exact_ok, status=status, message=message,
                              params={"rate": rate, "max_steps": max_steps, "tol": tol})


def _solve_on_support(problem, cache, points, sigma, eus, scale):
    """Solve the equalities of the deliberational equilibrium exactly on the support of the
    acts that are (nearly) optimal at the float end point; the solution nearest the end point."""
    import sympy


    supports = {}
    for p in points:
        v = eus(p, sigma)
        acts = problem.nodes[p[0]].actions
        if v is None:
            supports[p] = (max(acts, key=lambda a: sigma[p][a]),)
            continue
        best = max(v.values())
        supports[p] = tuple(a for a in acts if v[a] >= best - 1e-6 * scale and sigma[p][a] > 1e-9)
    syms, cand = [], {}
    for k, p in enumerate(points):
        S = supports[p]
        xs = [sympy.Symbol(f"d{k}_{j}") for j in range(len(S) - 1)]
        syms += xs
        d = {a: sympy.Integer(0) for a in problem.nodes[p[0]].actions}
        for a, x in zip(S[:-1], xs):
            d[a] = x
        d[S[-1]] = 1 - sum(xs) if xs else sympy.Integer(1)
        cand[p] = d
    if not syms:
        return {p: {a: Fraction(int(q)) for a, q in d.items()} for p, d in cand.items()}
    if len(syms) > 6:
        return None
    eqs = []
    for p in points:
        S = supports[p]
        if len(S) < 2:
            continue
        # EU(a) numerators must agree on the support (common positive denominator)
        acts = problem.nodes[p[0]].actions
        others = [q for q in points if q != p]
        import itertools

        num = {a: sympy.Integer(0) for a in acts}
        for combo in itertools.product(*(acts_q for acts_q in (problem.nodes[q[0]].actions for q in others))):
            w = sympy.Integer(1)
            pure = dict(zip(others, combo))
            for q, a in pure.items():
                w = w * cand[q][a]
            pure[p] = acts[0]
            N, _ = cache.matrix(p, pure)
            for a in acts:
                num[a] += w * sum(cand[p][r] * sympy.Rational(N[a][r].numerator, N[a][r].denominator)
                                  for r in acts)
        for a in S[1:]:
            eqs.append(sympy.expand(num[S[0]] - num[a]))
    try:
        sols = sympy.solve(eqs, syms, dict=True)
    except NotImplementedError:  # pragma: no cover
        return None
    best, dist = None, None
    for so in sols:
        if any(x not in so for x in syms):
            continue
        vals = {x: sympy.radsimp(sympy.simplify(so[x])) for x in syms}
        if not all(v.is_real for v in vals.values()):
            continue
        out = {p: {a: clean(sympy.sympify(q).subs(vals)) for a, q in d.items()} for p, d in cand.items()}
        if any(q < 0 for d in out.values() for q in d.values()):
            continue
        dd = sum(abs(float(out[p][a]) - sigma[p][a]) for p in points for a in out[p])
        if dist is None or dd < dist:
            best, dist = out, dd
    return best
