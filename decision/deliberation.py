"""Deliberational dynamics for causal decision theory (Skyrms 1990; Arntzenius 2008; Joyce 2012).

A deliberating CDT agent holds a credence ``sigma`` about its own act at every choice point and
revises it towards the acts that look better under that credence.  With Skyrms' *Nash map*

``sigma'(a) = (sigma(a) + k cov(a)) / (1 + k sum_b cov(b))``,  ``cov(a) = max(0, EU(a | sigma) - EU(sigma | sigma))``

(``EU`` is CDT's expected utility with credence ``sigma``, utilities scaled to [-1, 1]) the rest
points are exactly the deliberational equilibria: every act with positive credence maximizes
expected utility under the credence.  The dynamics run in floats; the end point is rationalized
and the equilibrium condition verified exactly (``exact=True``) when it holds, otherwise the
float equilibrium is returned with its residual.  Exact irrational parameters (``sqrt(2)/2`` as an
accuracy or payoff) are supported: the support equalities are solved over their algebraic
numbers and compared exactly (sympy); transcendental ones (``pi``) too where sympy decides the
comparisons.

With several choice points the dynamics need not reach the tolerance, for three reasons seen on
random problems: (1) convergence to an equilibrium on the boundary of the simplex is only
harmonic -- an act that keeps positive credence but is strictly worse at the limit has gain
proportional to its own credence, so that credence decays like ``1/steps`` and the total gain
stays far above ``tol``; (2) the choice points interact through the predictors like the players
of a general (not potential) game, and the Nash map can orbit a mixed equilibrium without
approaching it (as in matching pennies); (3) degenerate problems have continua of equilibria.
The end point is therefore certified on several candidate supports: the near-optimal acts, and
the acts with credence above 1e-3 or 1e-2 (the equalities solved exactly, or the end point
rounded on that support for continua).  :func:`exact_equilibria` enumerates every isolated
deliberational equilibrium directly (support enumeration, exact); :func:`decision.cdt` falls
back to it when the dynamics end without a certified equilibrium.
"""

from __future__ import annotations

import numbers
from fractions import Fraction
from typing import Any, Mapping

from solvers._validate import check_int
from solvers.errors import InvalidInputError, UnsupportedError, bad_param
from solvers.results import Result, result

from .model import DecisionProblem, _has_blind, _is_zero as _zero, _rational_near, clean

__all__ = ["DeliberationResult", "deliberate", "exact_equilibria"]


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
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real) or not 0 < float(rate) < float("inf"):
        raise InvalidInputError(bad_param("deliberate", "rate", "a finite positive number", rate))
    check_int("deliberate", "max_steps", max_steps, 0)
    check_int("deliberate", "record_every", record_every, 1)
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not 0 <= float(tol) < float("inf"):
        raise InvalidInputError(bad_param("deliberate", "tol", "a finite non-negative number", tol))
    points = problem.choice_points()
    cache = _Cache(problem)
    if start is None:
        sigma = {p: {a: 1.0 / len(problem.nodes[p[0]].actions) for a in problem.nodes[p[0]].actions} for p in points}
    else:
        s = problem.normalize_policy(start, "deliberate", "start")
        # every act of every point gets a probability (a pure start act lists only itself)
        sigma = {p: {a: float(s[p].get(a, 0)) for a in problem.nodes[p[0]].actions} for p in points}
    exact_tables = _tables(problem, cache, points)
    # float matrices per point and pure realization of the other points
    tables = {p: [(others, {a: {r: float(v) for r, v in row.items()} for a, row in N.items()},
                   {r: float(v) for r, v in Z.items()}) for others, N, Z in rows]
              for p, rows in exact_tables.items()}
    scale = 1.0
    for p in points:
        for _, N, Z in tables[p]:
            for r in Z:
                if Z[r] > 0:
                    scale = max(scale, max(abs(N[a][r] / Z[r]) for a in N))

    blind = len(points) > 1 and _has_blind(problem)
    if blind:
        # a blind predictor reads the mixed policy independently of the realized act: the values
        # in the problem's own model (_mixed_matrix of a symbolic full-support policy, evaluated
        # in floats), not the mixture of the pure combinations' tables
        fast = _blind_float_values(problem, cache, points)

    def eus(p, sig):
        num, den = fast(p, sig) if blind else _point_values(problem, tables, p, sig)
        if den <= 0.0:
            return None
        return {a: num[a] / den for a in num}

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
    if not exact_ok:
        # Slow (harmonic) convergence: an act whose credence is positive but which is strictly
        # worse at the limit loses credence only like 1/steps (its gain is proportional to its
        # own credence), so the end point's near-optimal acts do not reveal the support.  Try
        # the supports of the acts that keep a visible credence.
        # Where the equilibria form a continuum (degenerate problems) the equalities do not
        # determine a point: then the end point itself, rounded on that support, is tried.
        # First the supports of the near-optimal acts (a strictly dominated act may keep a visible
        # credence after max_steps while another point's acts tie: a continuum the equalities
        # leave free, so only the rounded end point can be certified there).
        near = {}
        for p in points:
            v = eus(p, sigma)
            acts = problem.nodes[p[0]].actions
            near[p] = acts if v is None else tuple(a for a in acts if v[a] >= max(v.values()) - 1e-6 * scale)
        cuts = [near] + [{p: tuple(a for a in problem.nodes[p[0]].actions if sigma[p][a] > cut) for p in points}
                         for cut in (1e-3, 1e-2)]
        for supp in cuts:
            tries = [_solve_on_support(problem, cache, points, sigma, eus, scale, supports=supp)]
            for den in (10**2, 10**4, 10**6):
                tries.append(_rounded(sigma, supp, den))
            for cand in tries:
                v = check(cand) if cand is not None else None
                if v is not None:
                    exact_ok, values, exact_sigma = True, v, cand
                    break
            if exact_ok:
                break
    if exact_ok:
        eq = exact_sigma
        residual = 0.0
        message = "equilibrium verified exactly"
        if status != "ok":
            status = "ok"
            dist = max(abs(float(eq[p][a]) - sigma[p][a]) for p in points for a in sigma[p])
            message += (f" (the float dynamics did not meet the tolerance in {step} steps; their end point is "
                        f"within {dist:.2g} of it)")
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


def _blind_float_values(problem, cache, points):
    """``fn(p, sigma) -> (num, den)`` in floats: CDT's values at ``p`` in the problem's own model
    of the mixed policy ``sigma`` (:func:`decision.theories._mixed_matrix` of a symbolic
    full-support policy, lambdified once per point)."""
    import sympy

    from .imperfect_recall import _support_candidate
    from .theories import _mixed_matrix

    acts_of = {p: problem.nodes[p[0]].actions for p in points}
    syms, cand = _support_candidate(points, [acts_of[p] for p in points], acts_of.__getitem__, prefix="b",
                                    positive=False)
    order = [(p, a) for p in points for a in acts_of[p][:-1]]
    fns = {}
    for p in points:
        acts = acts_of[p]
        N, Z = _mixed_matrix(problem, cache, p, cand)
        exprs = [sympy.sympify(N[a][r]) for a in acts for r in acts] + [sympy.sympify(Z[r]) for r in acts]
        fns[p] = sympy.lambdify(syms, exprs, modules="math")

    def values(p, sigma):
        acts = acts_of[p]
        out = fns[p](*(float(sigma[q][a]) for q, a in order))
        k = len(acts)
        num = {a: sum(sigma[p][r] * float(out[i * k + j]) for j, r in enumerate(acts)) for i, a in enumerate(acts)}
        den = sum(sigma[p][r] * float(out[k * k + j]) for j, r in enumerate(acts))
        return num, den

    return values


def _rounded(sigma, supp, den):
    """The float credences restricted to ``supp`` (renormalized) as fractions of denominator
    at most ``den``; None if a support is empty."""
    out = {}
    for p, d in sigma.items():
        S = supp[p]
        if not S:
            return None
        fr = {a: (Fraction(d[a]).limit_denominator(den) if a in S else Fraction(0)) for a in d}
        tot = sum(fr.values())
        if tot <= 0:
            return None
        out[p] = {a: q / tot for a, q in fr.items()}
    return out


def _solve_on_support(problem, cache, points, sigma, eus, scale, supports=None):
    """Solve the equalities of the deliberational equilibrium exactly on the support of the
    acts that are (nearly) optimal at the float end point (or on ``supports``); the solution
    nearest the end point."""
    import sympy

    from .imperfect_recall import _support_candidate

    if supports is not None:
        supports = {p: (S if S else (max(problem.nodes[p[0]].actions, key=lambda a: sigma[p][a]),))
                    for p, S in supports.items()}
    else:
        supports = {}
        for p in points:
            v = eus(p, sigma)
            acts = problem.nodes[p[0]].actions
            if v is None:
                supports[p] = (max(acts, key=lambda a: sigma[p][a]),)
                continue
            best = max(v.values())
            supports[p] = tuple(a for a in acts if v[a] >= best - 1e-6 * scale and sigma[p][a] > 1e-9)
    syms, cand = _support_candidate(points, [supports[p] for p in points],
                                    lambda p: problem.nodes[p[0]].actions, prefix="d", positive=False)
    if not syms:
        return {p: {a: Fraction(int(q)) for a, q in d.items()} for p, d in cand.items()}
    if len(syms) > 6:
        return None
    blind = len(points) > 1 and _has_blind(problem)
    from .theories import _cleared

    eqs = []
    for p in points:
        S = supports[p]
        if len(S) < 2:
            continue
        # EU(a) numerators must agree on the support (common positive denominator)
        acts = problem.nodes[p[0]].actions
        others = [q for q in points if q != p]
        import itertools

        if blind:
            num = _blind_values(problem, cache, p, cand)[0]
            for a in S[1:]:
                eqs.append(_cleared(num[S[0]] - num[a]))
            continue
        num = {a: sympy.Integer(0) for a in acts}
        for combo in itertools.product(*(acts_q for acts_q in (problem.nodes[q[0]].actions for q in others))):
            w = sympy.Integer(1)
            pure = dict(zip(others, combo))
            for q, a in pure.items():
                w = w * cand[q][a]
            pure[p] = acts[0]
            N, _ = cache.matrix(p, pure)
            for a in acts:
                num[a] += w * sum(cand[p][r] * sympy.sympify(N[a][r]) for r in acts)
        for a in S[1:]:
            eqs.append(sympy.expand(num[S[0]] - num[a]))
    if blind:
        # the blind model's equations have degree up to the number of predictors reading a point:
        # the bounded solver (sympy.solve gives Cardano radicals whose comparison can stall)
        from .imperfect_recall import _solve_support_system

        try:
            sols, _flag = _solve_support_system(eqs, syms, 64, square=True)
        except UnsupportedError:
            return None
    else:
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


# -- exact deliberational equilibria with several choice points ------------------------------
#: Working precision (decimal digits) for comparisons of irrational (algebraic) equilibria.
_PREC = 40
_ALG_TOL = 1e-25


def _tables(problem, cache, points):
    """Exact ``(others' pure acts, N, Z)`` per point: the choice matrices with the other points
    fixed to each combination of pure acts."""
    import itertools

    out = {}
    for p in points:
        others = [q for q in points if q != p]
        rows = []
        for combo in itertools.product(*(problem.nodes[q[0]].actions for q in others)):
            pure = dict(zip(others, combo))
            pure[p] = problem.nodes[p[0]].actions[0]
            N, Z = cache.matrix(p, pure)
            rows.append((dict(zip(others, combo)), N, Z))
        out[p] = rows
    return out


def _blind_values(problem, cache, p, sigma):
    """``(num, N, Z)``: CDT's expected-utility numerators at ``p`` under the (exact or symbolic)
    mixed policy ``sigma`` in the problem's own model (:func:`decision.theories._mixed_matrix`:
    a blind predictor reads the mixture independently of the realized act), and its matrices."""
    from .theories import _mixed_matrix

    acts = problem.nodes[p[0]].actions
    N, Z = _mixed_matrix(problem, cache, p, sigma)
    num = {a: sum((sigma[p][r] * N[a][r] for r in acts), 0) for a in acts}
    return num, N, Z


def _point_values(problem, tables, p, sigma):
    """CDT's expected utilities at ``p`` under the (float, exact or symbolic) credence ``sigma``
    over all points: ``(num, den)`` with ``EU(a) = num[a] / den`` (no tremble)."""
    acts = problem.nodes[p[0]].actions
    num = {a: 0 for a in acts}
    den = 0
    for others, N, Z in tables[p]:
        w = 1
        for q, a in others.items():
            w = w * sigma[q][a]
        if w == 0:  # exact zeros only (a symbolic weight is never skipped)
            continue
        for r in acts:
            wr = w * sigma[p][r]
            if wr == 0:
                continue
            den = den + wr * Z[r]
            for a in acts:
                num[a] = num[a] + wr * N[a][r]
    return num, den


def _is_equilibrium(problem, tables, points, cand, scale):
    """Exact (rational) or 40-digit (algebraic) check that every act with positive credence at
    every point maximizes CDT's expected utility under ``cand`` (uniform tremble where the
    observation has probability zero, as :func:`decision.theories._cdt_values`).  Returns the
    values ``{point: {act: EU}}`` or None."""
    import sympy

    algebraic = any(type(q).__module__.startswith("sympy") for d in cand.values() for q in d.values())
    out = {}
    for p in points:
        acts = problem.nodes[p[0]].actions
        num, den = _point_values(problem, tables, p, cand)
        if algebraic:
            num = {a: sympy.expand(v) for a, v in num.items()}
            den = sympy.expand(den)
            zero = abs(complex(sympy.N(den, _PREC))) <= _ALG_TOL
        else:
            zero = den == 0
        if zero:  # impossible observation: uniform tremble over the believed act
            uni = dict(cand)
            uni[p] = {a: Fraction(1, len(acts)) for a in acts}
            num, den = _point_values(problem, tables, p, uni)
            if algebraic:
                num = {a: sympy.expand(v) for a, v in num.items()}
                den = sympy.expand(den)
                if abs(complex(sympy.N(den, _PREC))) <= _ALG_TOL:
                    out[p] = {a: None for a in acts}
                    continue
            elif den == 0:
                out[p] = {a: None for a in acts}
                continue
        if algebraic:
            vals = {a: sympy.expand(num[a] / den) for a in acts}
            nv = {a: sympy.re(sympy.N(v, _PREC)) for a, v in vals.items()}
            best = max(nv.values())
            for a, q in cand[p].items():
                if abs(complex(sympy.N(q, _PREC))) > _ALG_TOL and nv[a] < best - _ALG_TOL * scale:
                    return None
        else:
            vals = {a: num[a] / den for a in acts}
            best = max(vals.values())
            if any(q != 0 and vals[a] != best for a, q in cand[p].items()):
                return None
        out[p] = vals
    return out


#: Interior rationals tried for the free probabilities of a continuum of equilibria (Farey
#: fractions of denominator at most 12, nearest 1/2 first).
_FAREY = sorted({Fraction(a, b) for b in range(2, 13) for a in range(1, b)}, key=lambda q: (abs(q - Fraction(1, 2)), q))
#: Largest number of grid points (combinations of free probabilities) tried per profile.
_MAX_CONTINUUM_SAMPLES = 64


def _interval_points(gaps, t):
    """Candidate values of one free probability ``t`` (no equality left): the roots in (0, 1) of
    the acts' value gaps (polynomials in ``t`` whose signs decide the equilibrium conditions) and
    a rational point strictly between consecutive ones.  The feasible set is a union of closed
    intervals with ends among the roots, so it contains one of these points if it is not empty."""
    import sympy

    from .imperfect_recall import _nval, _univariate_roots

    roots = []
    for g in gaps:
        g = sympy.expand(g)
        if g == 0 or not g.has(t):
            continue
        for r in _univariate_roots([g], t) or []:
            if not any(abs(float(_nval(r - q))) < 1e-30 for q in roots):
                roots.append(r)
    roots.sort(key=lambda r: float(_nval(r)))
    edges = [sympy.Integer(0)] + roots + [sympy.Integer(1)]
    out = list(roots)
    for a, b in zip(edges, edges[1:]):
        fa, fb = float(_nval(a)), float(_nval(b))
        m = _rational_near((fa + fb) / 2, a, b)
        if m is not None:
            out.append(sympy.Rational(m.numerator, m.denominator))
    return [{t: v} for v in out]


def _continuum_samples(eqs, syms, max_degree, gaps=()):
    """Rational points of a support profile whose equalities leave ``k`` probabilities free (a
    continuum of solutions, degenerate problems): the last ``k`` unknowns set to interior Farey
    fractions (at most :data:`_MAX_CONTINUUM_SAMPLES` combinations), the rest solved from the
    equalities.  The caller keeps the points that are equilibria; a continuum shorter than the
    grid's spacing (1/132) can be missed.  One free probability and no equality: the exact
    candidates of :func:`_interval_points` instead (complete)."""
    import itertools

    import sympy

    from .imperfect_recall import _solve_support_system

    indep = len(eqs)
    if eqs:
        try:
            indep = sympy.Matrix([[sympy.diff(e, x) for x in syms] for e in eqs]).subs(
                {x: sympy.Rational(1, 3 + i) for i, x in enumerate(syms)}).rank()
        except Exception:  # pragma: no cover - rank of an exotic Jacobian
            return []
    k = len(syms) - indep
    if k <= 0 or k > 2:
        return []
    free, rest = syms[len(syms) - k:], syms[:len(syms) - k]
    if k == 1 and not rest and not eqs and gaps:
        return _interval_points(gaps, free[0])
    per = _FAREY[:_MAX_CONTINUUM_SAMPLES if k == 1 else 8]
    out = []
    for values in itertools.product(*(per for _ in free)):
        fix = {x: sympy.Rational(q.numerator, q.denominator) for x, q in zip(free, values)}
        sub = [sympy.expand(e.subs(fix)) for e in eqs]
        sub = [e for e in sub if e != 0]
        if any(e.is_number for e in sub):
            continue  # inconsistent at this point
        if not rest:
            if not sub:
                out.append(dict(fix))
            continue
        sols, _ = _solve_support_system(sub, rest, max_degree, square=True)
        for so in sols:
            so = dict(so)
            so.update(fix)
            out.append(so)
        if len(out) >= _MAX_CONTINUUM_SAMPLES:
            break
    return out


def exact_equilibria(problem: DecisionProblem, *, limit: int = 4096, max_degree: int = 64,
                     continua: bool = False):
    """Every isolated deliberational equilibrium of a problem with any number of choice points.

    A deliberational equilibrium is a credence ``sigma`` (a distribution over acts at every
    choice point) under which every act with positive credence maximizes CDT's expected
    utility ``sum_r sigma_r N[a][r] / sum_r sigma_r Z[r]``, the other points' credences mixing
    the choice matrices (Skyrms 1990; Arntzenius 2008; Joyce 2012).  Support enumeration: for
    each profile of supports the indifference equalities (polynomials, multilinear across
    points) are solved exactly -- one free probability: rational / quadratic-surd / ``CRootOf``
    roots of their gcd; several: a lex Groebner basis in shape position when the Bezout bound
    is at most ``max_degree`` (else the profile is skipped) -- and every solution in the simplex
    is checked (exactly if rational, at 40 digits if algebraic).

    Returns ``(equilibria, skipped, degenerate)``: ``equilibria`` a list of
    ``(sigma, values)`` with ``sigma = {point: {act: prob}}`` and ``values = {point: {act: EU}}``;
    ``skipped`` the number of support profiles not solved (Bezout bound); ``degenerate`` whether
    some profile has a continuum of solutions (not listed).  With ``continua=True`` points of
    continua with one or two free probabilities are listed too (:func:`_continuum_samples`:
    exact candidates for one free probability without equalities, else a Farey grid, which can
    miss a continuum narrower than its spacing); :func:`decision.cdt` uses it when no isolated
    equilibrium exists.  With several choice points and a predictor that does not see the
    randomization (it reads the mixture independently of the realized act), the one enumeration
    runs in the problem's own model of the candidate policy (:meth:`DecisionProblem.choice_matrix`
    of the symbolic mixed policy, whose indifference equalities are cleared of denominators), and
    each solution is checked exactly there; continua are sampled in that model as well.
    """
    return _exact_equilibria(problem, limit=limit, max_degree=max_degree, continua=continua)


def _exact_equilibria(problem: DecisionProblem, *, limit: int, max_degree: int, continua: bool | str):
    """:func:`exact_equilibria`; ``continua="fallback"``: points of continua only when no isolated
    equilibrium exists (the degenerate profiles are recorded in the one enumeration and sampled
    after it, as a second call with ``continua=True`` would, without re-solving every profile)."""
    import itertools

    import sympy

    from .imperfect_recall import _num_out, _solve_support_system, _support_candidate
    from .theories import _Cache, _cleared

    if not isinstance(problem, DecisionProblem):
        raise InvalidInputError(bad_param("exact_equilibria", "problem", "a DecisionProblem", problem))
    if problem.symbolic:
        raise InvalidInputError(bad_param("exact_equilibria", "problem", "a problem without symbolic parameters",
                                          problem.title))
    from solvers.errors import LimitError

    points = problem.choice_points()
    supports_per = [[s for k in range(1, len(problem.nodes[p[0]].actions) + 1)
                     for s in itertools.combinations(problem.nodes[p[0]].actions, k)] for p in points]
    count = 1
    for s in supports_per:
        count *= len(s)
    if count > limit:
        raise LimitError(bad_param("exact_equilibria", "limit", f">= the number of support profiles ({count})", limit))
    cache = _Cache(problem)
    found, skipped, degenerate, pending = [], 0, False, []
    # a blind predictor reads a mixed policy independently of the realized act: the problem's own
    # model of the candidate policy (choice_matrix via theories._mixed_matrix) gives the values;
    # mixing the pure combinations' tables would correlate its reading with the act
    blind = len(points) > 1 and _has_blind(problem)
    if not blind:
        tables = _tables(problem, cache, points)
        scale = 1.0
        for p in points:
            for _, N, Z in tables[p]:
                for a in N:
                    for r in N[a]:
                        scale = max(scale, abs(float(N[a][r])))

    memo = {}  # the current profile's symbolic values and matrices per point (blind model)

    def values(p, cand):
        key = (id(cand), p)
        if key not in memo:
            if blind:
                num, N, Z = _blind_values(problem, cache, p, cand)
                memo[key] = (num, (N, Z))
            else:
                memo[key] = (_point_values(problem, tables, p, cand)[0], None)
        return memo[key]

    def gap(p, cand, a, b):
        """The numerator of ``EU(a) - EU(b)`` at ``p`` (same sign: positive common denominator)."""
        num, _ = values(p, cand)
        if blind:
            return _cleared(num[a] - num[b])
        return sympy.expand(sympy.sympify(num[a]) - sympy.sympify(num[b]))

    def samples(supp, syms, cand, eqs):
        gaps = []
        for p, S in zip(points, supp):
            gaps.extend(gap(p, cand, S[0], b) for b in problem.nodes[p[0]].actions if b not in S)
        return _continuum_samples(eqs, syms, max_degree, gaps)

    def check(supp, cand, sols):
        for so in sols:
            exact = {p: {a: _num_out(sympy.sympify(q).subs(so)) for a, q in d.items()} for p, d in cand.items()}
            ok = True
            for p, S in zip(points, supp):
                for a, q in exact[p].items():
                    v = float(q) if isinstance(q, Fraction) else complex(sympy.N(q, _PREC))
                    if isinstance(v, complex):
                        if abs(v.imag) > _ALG_TOL:
                            ok = False
                        v = v.real
                    if v < -_ALG_TOL or v > 1 + _ALG_TOL or (a in S and v <= _ALG_TOL):
                        ok = False
            if not ok:
                continue
            if blind:
                from .theories import _blind_equilibrium_values

                # the profile's symbolic matrices (choice_matrix of the candidate) at the solution
                mats = {}
                for p in points:
                    N, Z = values(p, cand)[1]
                    mats[p] = ({a: {r: _num_out(sympy.sympify(v).subs(so)) for r, v in row.items()}
                                for a, row in N.items()}, {r: _num_out(sympy.sympify(v).subs(so)) for r, v in Z.items()})
                vals = _blind_equilibrium_values(problem, points, exact, mats)
            else:
                vals = _is_equilibrium(problem, tables, points, exact, scale)
            if vals is not None:
                found.append((exact, vals))

    for supp in itertools.product(*supports_per):
        syms, cand = _support_candidate(points, supp, lambda p: problem.nodes[p[0]].actions)
        memo.clear()
        eqs = []
        for p, S in zip(points, supp):
            if len(S) < 2:
                continue
            for a in S[1:]:
                e = gap(p, cand, S[0], a)
                if e != 0:
                    eqs.append(e)
        try:
            sols, flag = _solve_support_system(eqs, syms, max_degree, square=True)
        except UnsupportedError:  # (e.g. a cubic with algebraic coefficients in the blind model)
            sols, flag = [], "skipped"
        if flag == "degenerate" and not sols:
            if continua == "fallback":
                pending.append((supp, syms, cand, eqs))
            elif continua:
                sols = samples(supp, syms, cand, eqs)
        degenerate = degenerate or flag == "degenerate"
        skipped += flag == "skipped"
        check(supp, cand, sols)
    if not found:  # "fallback": no isolated equilibrium, points of the continua
        for supp, syms, cand, eqs in pending:
            check(supp, cand, samples(supp, syms, cand, eqs))
    return found, skipped, degenerate
