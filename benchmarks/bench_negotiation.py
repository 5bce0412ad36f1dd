"""Negotiation at scale: cooptheory (bargaining.outcomes / bargaining.negotiation) against NegMAS.

Run: ``python -m benchmarks.bench_negotiation [--quick] [--full]``

Same seeded linear-additive domains for both libraries, in one process:

1. 10^6 outcomes (6 issues x 10 values), 3 parties: Pareto frontier + Nash point end to end
   (ours: ``pareto_frontier`` + ``nash_point(frontier=...)``; NegMAS: ``pareto_frontier`` +
   ``nash_points``).  The two frontiers are checked equal as sets of utility vectors, and the
   Nash points equal.  Our generic (materialized skyline) path is timed too.
2. 10 parties x 10^5 outcomes: Nash, Kalai-Smorodinsky, egalitarian and utilitarian points
   (ours: ``solution_points`` over all outcomes; NegMAS: ``nash_points`` / ``ks_points`` /
   ``kalai_points`` (its egalitarian) / ``max_welfare_points`` over all outcome utilities,
   since its 10-party frontier takes minutes; ``--full`` also times NegMAS's frontier route).
3. Negotiation: Boulware agents, alternating offers, 1000-round deadline, on 10^4 outcomes
   (2 parties reaching agreement late; 3 parties with no zone of agreement, so every round
   runs): rounds per second end to end (set-up included) against ``SAOMechanism`` with
   ``BoulwareTBNegotiator``.  A NegMAS step is one round (every negotiator acts once), as is
   ours.

Medians over repeats; ratio = NegMAS time / ours (speed-up).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings

import numpy as np


def _median_time(fn, repeats):
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def _domain(shape, n_parties, seed):
    rng = np.random.default_rng(seed)
    vals = [[rng.random(k) for k in shape] for _ in range(n_parties)]
    weights = [rng.random(len(shape)) for _ in range(n_parties)]
    return vals, weights


def _ours(shape, vals, weights, reservation=0.0):
    from bargaining.outcomes import AdditiveUtility, OutcomeSpace

    space = OutcomeSpace({f"i{j}": list(range(k)) for j, k in enumerate(shape)})
    res = np.broadcast_to(np.asarray(reservation, dtype=float), (len(vals),))
    return space, [AdditiveUtility(space, v, w, reservation=float(r)) for v, w, r in zip(vals, weights, res)]


def _theirs(shape, vals, weights, reservation=0.0):
    import negmas
    from negmas.preferences.value_fun import TableFun

    issues = [negmas.make_issue(values=list(range(k)), name=f"i{j}") for j, k in enumerate(shape)]
    os_ = negmas.make_os(issues)
    ufuns = [
        negmas.LinearAdditiveUtilityFunction(
            values={f"i{j}": TableFun(dict(enumerate(map(float, v[j])))) for j in range(len(shape))},
            weights={f"i{j}": float(w[j]) for j in range(len(shape))},
            outcome_space=os_,
            reserved_value=float(r),
        )
        for v, w, r in zip(vals, weights, np.broadcast_to(np.asarray(reservation, dtype=float), (len(vals),)))
    ]
    return issues, os_, ufuns


def _row(name, ours, theirs):
    if theirs is None:
        return f"{name:<58} {ours * 1e3:>10.2f} {'-':>12} {'-':>8}"
    return f"{name:<58} {ours * 1e3:>10.2f} {theirs * 1e3:>12.2f} {theirs / ours:>7.1f}x"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats, smaller frontier instance (10^5)")
    ap.add_argument("--full", action="store_true", help="also time NegMAS's 10-party frontier (minutes)")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    try:
        import negmas

        have_negmas = True
    except ImportError:  # pragma: no cover - optional anchor
        have_negmas = False
    rep_ours = 3 if args.quick else 7
    rep_them = 1 if args.quick else 3

    t = time.perf_counter()
    import bargaining.negotiation  # noqa: F401
    import bargaining.outcomes as bo
    from bargaining.negotiation import Boulware, negotiate

    import_time = time.perf_counter() - t

    print(
        f"cooptheory bargaining import: {import_time * 1e3:.0f} ms;"
        f" negmas {'%s' % negmas.__version__ if have_negmas else 'not installed'}"
    )
    print(f"{'task':<58} {'ours ms':>10} {'negmas ms':>12} {'speedup':>8}")
    lines = []

    # 1. frontier + Nash point, 3 parties ------------------------------------------------------
    shape = (10,) * (5 if args.quick else 6)
    vals, weights = _domain(shape, 3, args.seed)
    space, us = _ours(shape, vals, weights)
    t = time.perf_counter()
    bo.pareto_frontier(us)
    cold = time.perf_counter() - t

    # NegMAS's nash_points measures gains from max(reserved value, worst utility); do the same
    d3 = [max(u.reservation, u.minmax()[0]) for u in us]

    def ours_front():
        pf = bo.pareto_frontier(us)
        return pf, bo.nash_point(us, disagreement=d3, frontier=pf)

    def ours_skyline():
        pf = bo.pareto_frontier(us, method="skyline")
        return pf, bo.nash_point(us, disagreement=d3, frontier=pf)

    t_ours, (pf, nash) = _median_time(ours_front, rep_ours)
    t_sky, (pf_sky, nash_sky) = _median_time(ours_skyline, rep_ours)
    t_them = None
    if have_negmas:
        issues, os_, ufuns = _theirs(shape, vals, weights)

        def theirs_front():
            f, idx = negmas.pareto_frontier(ufuns, issues=issues)
            npts = negmas.nash_points(ufuns, f, outcome_space=os_)
            return f, idx, npts

        t_them, (f, idx, npts) = _median_time(theirs_front, rep_them)
        same = {tuple(np.round(r, 9)) for r in pf.utilities} == {tuple(np.round(r, 9)) for r in f}
        same_idx = sorted(pf.indices.tolist()) == sorted(int(i) for i in idx)
        same_nash = np.allclose(nash.utilities, npts[0][0], atol=1e-9)
        check = (
            f"frontier equal to negmas: {same and same_idx} ({len(pf)} points); Nash point equal: {same_nash}"
        )
    else:
        check = f"frontier: {len(pf)} points (negmas not installed: no cross-check)"
    assert np.array_equal(pf.indices, pf_sky.indices) and nash.index == nash_sky.index
    n_out = space.size
    lines.append(_row(f"frontier+Nash, 3 parties, {n_out:.0e} outcomes (additive)", t_ours, t_them))
    lines.append(_row(f"frontier+Nash, 3 parties, {n_out:.0e} outcomes (skyline)", t_sky, t_them))
    for line in lines[-2:]:
        print(line, flush=True)
    print(f"   {check}; our first call (kernel cache load/compile): {cold * 1e3:.0f} ms", flush=True)

    # 2. solution points, 10 parties -----------------------------------------------------------
    shape10 = (10,) * 5
    vals10, weights10 = _domain(shape10, 10, args.seed + 1)
    space10, us10 = _ours(shape10, vals10, weights10)
    concepts = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")

    d10 = [max(u.reservation, u.minmax()[0]) for u in us10]

    def ours_points():
        return bo.solution_points(us10, disagreement=d10, concepts=concepts)

    t_pts, pts = _median_time(ours_points, rep_ours)
    t_pts_them = None
    if have_negmas:
        from negmas.preferences.ops import kalai_points, ks_points, max_welfare_points

        issues10, os10, ufuns10 = _theirs(shape10, vals10, weights10)

        def theirs_points():
            outs = list(os10.enumerate())
            allu = [tuple(float(u(o)) for u in ufuns10) for o in outs]
            a = negmas.nash_points(ufuns10, allu, outcome_space=os10)
            b = ks_points(ufuns10, allu, outcome_space=os10)
            e = kalai_points(ufuns10, allu, outcome_space=os10)  # NegMAS's "Kalai" = egalitarian (Kalai 1977)
            c = max_welfare_points(ufuns10, allu, outcome_space=os10)
            return a, b, e, c

        t_pts_them, (a, b, e, c) = _median_time(theirs_points, rep_them)
        ok = [x[0][1] == pts[k].index for x, k in zip((a, e, c), ("nash", "egalitarian", "utilitarian"))]
        note = (
            "   Nash / egalitarian / utilitarian outcome equal to negmas: "
            + " / ".join(map(str, ok))
            + "  (KS not compared: NegMAS's ks_points minimizes the spread max-min of normalized"
            " gains, ours maximizes the minimum normalized gain)"
        )
    else:
        note = ""
    lines.append(_row("Nash+KS+egalitarian+utilitarian, 10 parties, 1e+05 outcomes", t_pts, t_pts_them))
    print(lines[-1], flush=True)
    if note:
        print(note, flush=True)
    if args.full and have_negmas:

        def theirs_front10():
            f, idx = negmas.pareto_frontier(ufuns10, issues=issues10)
            return negmas.nash_points(ufuns10, f, outcome_space=os10)

        t_f10, _ = _median_time(theirs_front10, 1)

        def ours_front10():
            pf = bo.pareto_frontier(us10)
            return bo.nash_point(us10, disagreement=d10, frontier=pf)

        t_o10, _ = _median_time(ours_front10, 1)
        lines.append(_row("frontier+Nash, 10 parties, 1e+05 outcomes", t_o10, t_f10))
        print(lines[-1], flush=True)

    # 3. negotiation rounds per second ---------------------------------------------------------
    R = 1000
    shape_n = (10,) * 4
    scenarios = []
    vals_n, weights_n = _domain(shape_n, 2, args.seed + 2)
    scenarios.append(("Boulware vs Boulware, 2 parties, 1e4 outcomes", vals_n, weights_n, 0.0, 2))
    vals_3, weights_3 = _domain(shape_n, 3, args.seed + 3)
    # reservations at 90% of each party's best: no outcome suits all three, so all R rounds run
    _, tmp = _ours(shape_n, vals_3, weights_3)
    high = [0.9 * u.minmax()[1] for u in tmp]
    scenarios.append(("Boulware x3, no agreement zone, 1e4 outcomes", vals_3, weights_3, high, 3))
    for label, v_s, w_s, res_s, n_s in scenarios:
        space_s, us_s = _ours(shape_n, v_s, w_s, res_s)

        def ours_neg():
            return negotiate(us_s, [Boulware() for _ in range(n_s)], n_rounds=R, seed=0)

        t_n, res = _median_time(ours_neg, rep_ours)
        rounds = res.round + 1 if res.agreed else R
        ours_rps = rounds / t_n
        them_rps, their_round = None, None
        if have_negmas:
            from negmas.sao import BoulwareTBNegotiator, SAOMechanism

            _, os_s, ufuns_s = _theirs(shape_n, v_s, w_s, res_s)

            def theirs_neg():
                m = SAOMechanism(outcome_space=os_s, n_steps=R)
                for u in ufuns_s:
                    m.add(BoulwareTBNegotiator(), ufun=u)
                return m.run()

            t_m, st = _median_time(theirs_neg, rep_them)
            their_rounds = st.step if st.agreement is not None else R
            their_round = st.step if st.agreement is not None else "none"
            them_rps = their_rounds / t_m
        txt = (
            f"{'rounds/s: ' + label:<58} {ours_rps:>10.0f} "
            f"{(them_rps if them_rps else 0):>12.0f} {(ours_rps / them_rps if them_rps else 0):>7.1f}x"
        )
        lines.append(txt)
        print(
            txt + f"   (agreement round: ours {res.round if res.agreed else 'none'}, negmas {their_round})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
