"""Tour section: all extreme equilibria of a degenerate game, and its maximal Nash subsets."""

from __future__ import annotations


def _fmt(vec) -> str:
    return "(" + ", ".join(str(v) for v in vec) + ")"


def section() -> str:
    from solvers import NormalFormGame, extreme_equilibria
    from solvers.generators import degenerate_game

    # von Stengel (AGT book 2007, ch. 3): the 3x2 example made degenerate (B's top row 3, 3).
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
                                labels=[["T", "M", "B"], ["l", "r"]], title="degenerate 3x2 (von Stengel)")
    res = extreme_equilibria(g)
    lines = [repr(g), "", f"{'#':<3} {'x (row)':<18} {'y (column)':<12} {'payoffs':<10} regret"]
    for k, (eq, pay, reg) in enumerate(zip(res.equilibria, res.payoffs, res.regrets)):
        x, y = eq.strategies
        lines.append(f"{k:<3} {_fmt(x):<18} {_fmt(y):<12} {_fmt(pay):<10} {reg}")
    lines.append("maximal Nash subsets (sets X x Y of extreme equilibria, all pairs equilibria):")
    for comp in res.components:
        xs = sorted({_fmt(res.equilibria[k].strategies[0]) for k in comp})
        ys = sorted({_fmt(res.equilibria[k].strategies[1]) for k in comp})
        lines.append(f"  conv{{{', '.join(xs)}}} x conv{{{', '.join(ys)}}}  = equilibria {list(comp)}")
    h = degenerate_game(8, 8, seed=0)
    r8 = extreme_equilibria(h)
    sizes = sorted((len(c) for c in r8.components), reverse=True)
    lines.append("")
    lines.append(f"{h.title}: {len(r8)} extreme equilibria (exact, status {r8.status}), "
                 f"{len(r8.components)} maximal Nash subsets (largest {sizes[0]}), "
                 f"{len(r8.connected_components)} connected components")
    return "\n".join(lines)
