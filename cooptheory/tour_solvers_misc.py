"""Tour section: pure equilibria, iterated dominance, zero-sum values, correlated equilibria."""

from __future__ import annotations


def section() -> str:
    from solvers import NormalFormGame
    from solvers.correlated import coarse_correlated_equilibrium, correlated_equilibrium
    from solvers.dominance import eliminate_dominated
    from solvers.pure import pure_equilibria
    from solvers.zero_sum import zero_sum_solve

    lines: list[str] = []
    # iterated strict dominance (Gibbons 1992, Fig. 1.1.1)
    g = NormalFormGame.from_arrays([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
                                   labels=[["Up", "Down"], ["Left", "Middle", "Right"]], title="Gibbons 1.1.1")
    r = eliminate_dominated(g)
    lines.append(f"Iterated strict dominance, {g.title}: survivors {r.surviving_labels}")
    lines += ["  " + s for s in r.order()]
    m = NormalFormGame.from_arrays([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]],
                                   labels=[["U", "M", "D"], ["L", "R"]])
    rm = eliminate_dominated(m, mixed=True, players=[0])
    lines.append("Dominance by a mixed strategy (no pure dominator): " + "; ".join(rm.order()))
    gam = NormalFormGame.from_arrays(
        [[7, 5, 0, 5, 6, 0], [0, 0, 9, 1, 6, 3], [2, 8, 1, 2, 4, 2], [3, 3, 1, 7, 6, 7],
         [9, 9, 9, 8, 9, 9], [6, 6, 3, 2, 4, 8]], [[0] * 6] * 6)
    rg = eliminate_dominated(gam, mixed=True, players=[0])
    lines.append(f"Gambit's counterexample: strictly undominated rows {rg.surviving[0]} "
                 "(row 1 ties the column-2 maximum; only weakly dominated)")
    lines.append("")
    # pure equilibria
    bos = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], labels=[["Opera", "Fight"]] * 2)
    pe = pure_equilibria(bos)
    lines.append(f"Pure equilibria of battle of the sexes: {pe.labels}, strict {pe.strict}")
    lines.append("")
    # zero-sum
    lines.append(f"{'zero-sum game':<30} {'value':>6}  row strategy")
    for name, A in [("matching pennies", [[1, -1], [-1, 1]]),
                    ("rock-paper-scissors", [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]),
                    ("odd-or-even (Ferguson)", [[-2, 3], [3, -4]]),
                    ("two-finger Morra", [[0, 2, -3, 0], [-2, 0, 0, 3], [3, 0, 0, -4], [0, -3, 4, 0]])]:
        z = zero_sum_solve(A)
        lines.append(f"{name:<30} {z.value!s:>6}  ({', '.join(str(v) for v in z.row_strategy)})")
    lines.append("")
    # correlated equilibrium of chicken
    ch = NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]], labels=[["C", "D"]] * 2)
    ce = correlated_equilibrium(ch)
    cells = ", ".join(f"({ch.labels[0][a]},{ch.labels[1][b]}): {ce.distribution[a, b]}"
                      for a, b in ce.support)
    lines.append(f"Chicken, welfare-optimal correlated equilibrium: {cells}")
    lines.append(f"  welfare {ce.objective_value} (best Nash: 28/3 mixed, 9 pure), "
                 f"max incentive violation {ce.max_violation}")
    cce = coarse_correlated_equilibrium(ch)
    lines.append(f"  coarse CE welfare {cce.objective_value} (equal: 2 actions per player)")
    lines.append("")
    # logit QRE of asymmetric matching pennies (own-payoff effect, McKelvey & Palfrey 1995)
    from solvers.qre import logit_qre

    amp = NormalFormGame.from_arrays([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    pts = []
    for lam in (0.5, 2.0, 10.0):
        q = logit_qre(amp, lam)
        pts.append(f"lambda={lam:g}: P(T)={q.profile.strategies[0][0]:.3f}, P(L)={q.profile.strategies[1][0]:.3f}")
    lim = logit_qre(amp)
    pts.append(f"limit: P(T)={lim.profile.strategies[0][0]:.4f}, P(L)={lim.profile.strategies[1][0]:.4f} "
               "(Nash 1/2, 1/10)")
    lines.append("Logit QRE, asymmetric matching pennies [[9,0],[0,1]]: " + "; ".join(pts))
    return "\n".join(lines)
