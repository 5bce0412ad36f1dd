"""Tour section: support enumeration and Lemke-Howson on von Stengel's 3x2 game, exactly."""

from __future__ import annotations


def _fmt(vec) -> str:
    return "(" + ", ".join(str(v) for v in vec) + ")"


def section() -> str:
    import time

    from solvers import NormalFormGame, generators, lemke_howson, solve_batch, support_enumeration

    # von Stengel (2002), Handbook of Game Theory vol. 3, ch. 45, Fig. 2.1
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]],
                                title="von Stengel's 3x2 game")
    lines = [f"{g.title}: A = [[3,3],[2,5],[0,6]], B = [[3,2],[2,6],[3,1]]", ""]
    se = support_enumeration(g)
    lines.append(f"support_enumeration: {len(se)} equilibria, status={se.status}, exact={se.exact}")
    lines.append(f"  {'x':<16} {'y':<12} {'payoffs':<12} regret")
    for eq, r in zip(se.equilibria, se.regrets):
        x, y = eq.strategies
        pays = ", ".join(str(v) for v in eq.payoffs())
        lines.append(f"  {_fmt(x):<16} {_fmt(y):<12} {pays:<12} {r}")
    lh = lemke_howson(g, "all")
    lines.append("")
    lines.append("lemke_howson(init_label='all') (labels 0-2 rows, 3-4 columns):")
    for eq, labs, n in zip(lh.equilibria, lh.labels, lh.path_lengths):
        x, y = eq.strategies
        lines.append(f"  labels {str(list(labs)):<10} -> x={_fmt(x)}, y={_fmt(y)} ({n} pivots)")
    lines.append("  (the middle equilibrium has index -1: no path from the artificial one reaches it)")
    lens = [lemke_howson(generators.hard_game(d), 0).path_lengths[0] for d in (2, 4, 6, 8)]
    lines.append(f"hard_game(d) (Savani & von Stengel 2006), label-0 path for d = 2, 4, 6, 8: {lens} pivots")
    lemke_howson(generators.random_game((5, 5), 1))  # load the compiled kernels
    big = generators.random_game((200, 200), 0)
    t = time.perf_counter()
    rb = lemke_howson(big)
    dt = (time.perf_counter() - t) * 1e3
    lines.append(f"random 200x200: lemke_howson status={rb.status}, regret={float(rb.max_regret):.1e}, "
                 f"{dt:.1f} ms")
    import numpy as np

    rng = np.random.default_rng(0)
    A = rng.random((10_000, 4, 4))
    B = rng.random((10_000, 4, 4))
    solve_batch((A[:4], B[:4]))
    t = time.perf_counter()
    bt = solve_batch((A, B))
    dt = (time.perf_counter() - t) * 1e3
    lines.append(f"solve_batch: 10,000 random 4x4 games, all converged={bool(bt.converged.all())}, "
                 f"max regret {bt.regrets.max():.1e}, {dt:.1f} ms")
    return "\n".join(lines)
