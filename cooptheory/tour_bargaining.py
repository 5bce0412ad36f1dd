"""Tour section: axiomatic bargaining solutions, Rubinstein, variable threats, coalitions."""

from __future__ import annotations


def _fmt(x) -> str:
    from fractions import Fraction

    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, float):
        return f"{x:.4g}"
    return str(x)


def section() -> str:
    from fractions import Fraction

    from bargaining import (
        BargainingProblem,
        all_solutions,
        bankruptcy_game,
        nucleolus,
        rubinstein,
        rubinstein_limit,
        shapley_value,
        glove_game,
        variable_threat,
    )
    from solvers import NormalFormGame

    lines = []
    p = BargainingProblem.from_vertices([[0, 0], [6, 0], [5, 2], [2, 4], [0, 5]], [1, 0],
                                        title="pentagon")
    lines.append(f"{p!r}")
    lines.append(f"frontier: {' - '.join('(' + ', '.join(_fmt(v) for v in x) + ')' for x in p.frontier())}")
    lines.append(f"{'solution':<20} {'point':<22} {'exact':<6} status")
    for name, r in all_solutions(p).items():
        pt = "(" + ", ".join(_fmt(v) for v in r.point) + ")"
        lines.append(f"{name:<20} {pt:<22} {str(r.exact):<6} {r.status}")
    w = all_solutions(p, [1, 2])["nash"]
    lines.append(f"asymmetric Nash, weights (1, 2): ({', '.join(_fmt(v) for v in w.point)})")
    from bargaining import kalai_smorodinsky, nash_solution

    S = BargainingProblem.from_vertices([[0, 0], [1, 0], ["3/4", "3/4"], [0, 1]], [0, 0])
    T = BargainingProblem.from_vertices([[0, 0], [1, 0], [1, "7/10"], [0, 1]], [0, 0])
    lines.append("Kalai-Smorodinsky (1975) example, S inside T, same ideal point (1, 1):")
    for name, f in (("nash", nash_solution), ("kalai_smorodinsky", kalai_smorodinsky)):
        a, b = f(S).point, f(T).point
        lines.append(f"  {name:<18} S: ({_fmt(a[0])}, {_fmt(a[1])})   T: ({_fmt(b[0])}, {_fmt(b[1])})")
    lines.append("")
    lines.append("Rubinstein (1982) alternating offers, player 1 proposes first:")
    lines.append(f"{'delta1':<8} {'delta2':<8} {'horizon':<8} share of player 1")
    for d1, d2, T in (("9/10", "9/10", None), ("9/10", "4/5", None), ("9/10", "4/5", 3), ("1/2", "2/3", None)):
        r = rubinstein(d1, d2, horizon=T)
        lines.append(f"{d1:<8} {d2:<8} {str(T or 'inf'):<8} {_fmt(r.shares[0])}")
    lines.append(f"BRW (1986) limit, rates r = (1, 2): shares {tuple(_fmt(v) for v in rubinstein_limit(1, 2))}")
    lines.append("")
    g = NormalFormGame.from_arrays([[4, 1], [0, 0]], [[1, 4], [-10, -10]])
    vt = variable_threat(g)
    lines.append(f"Nash (1953) variable threats: agreement {tuple(_fmt(v) for v in vt.agreement)}, "
                 f"threat point {tuple(_fmt(v) for v in vt.threat_point)} ({vt.face})")
    lines.append("")
    lines.append("Talmud estates (Aumann & Maschler 1985), claims 100/200/300: nucleolus")
    for E in (100, 200, 300):
        r = nucleolus(bankruptcy_game(E, [100, 200, 300]))
        lines.append(f"  E={E:<4} {', '.join(_fmt(v) for v in r.value):<28} certified={r.certified}")
    sv = shapley_value(glove_game(1, 2)).value
    lines.append(f"glove game 1L/2R: Shapley ({', '.join(_fmt(v) for v in sv)}), nucleolus "
                 f"({', '.join(_fmt(v) for v in nucleolus(glove_game(1, 2)).value)})")
    return "\n".join(lines)
