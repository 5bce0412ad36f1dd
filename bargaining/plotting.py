"""Pictures of 2-player bargaining problems (matplotlib, imported on use)."""

from __future__ import annotations

from typing import Any

from solvers.errors import InvalidInputError, bad_param

from .problem import BargainingProblem, hull_2d

__all__ = ["plot_problem"]

_MARKERS = {"nash": "o", "kalai_smorodinsky": "s", "egalitarian": "^", "utilitarian": "D", "raiffa": "v"}


def plot_problem(problem: BargainingProblem, ax: Any = None, *, solutions: bool = True,
                 weights: Any = None, title: str | None = None) -> Any:
    """Draw the feasible set, the Pareto frontier of ``S_d``, ``d`` and every solution.

    Parameters
    ----------
    problem : BargainingProblem
        Two players.
    ax : matplotlib Axes, optional
        Drawn on a new figure when omitted.
    solutions : bool
        Mark Nash, Kalai-Smorodinsky (with the ideal point and the ray), egalitarian,
        utilitarian and (with lotteries) Raiffa.
    weights : optional
        Bargaining weights passed to the weighted solutions.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not isinstance(problem, BargainingProblem) or problem.n_players != 2:
        raise InvalidInputError(bad_param("plot_problem", "problem", "a 2-player BargainingProblem", problem))
    import matplotlib.pyplot as plt

    from .solutions import all_solutions

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 5))
    P = problem.float_points()
    d = [float(v) for v in problem.disagreement]
    if problem.lotteries:
        hull = [(float(a), float(b)) for a, b in hull_2d(problem.points.tolist())]
        if len(hull) >= 3:
            xs, ys = zip(*(hull + [hull[0]]))
            ax.fill(xs, ys, alpha=0.2, color="tab:blue", label="feasible set S")
        F = [(float(a), float(b)) for a, b in problem.frontier()]
        if len(F) >= 1:
            fx, fy = zip(*F)
            ax.plot(fx, fy, "-", color="tab:blue", lw=2.5, label="Pareto frontier of S_d")
    else:
        F = [(float(a), float(b)) for a, b in problem.frontier()]
        ax.plot(P[:, 0], P[:, 1], ".", color="tab:gray", label="outcomes")
        if F:
            fx, fy = zip(*F)
            ax.plot(fx, fy, "o", mfc="none", color="tab:blue", label="Pareto outcomes of S_d")
    ax.plot([d[0]], [d[1]], "kx", ms=10, mew=2, label="disagreement d")
    ax.axvline(d[0], color="k", lw=0.5, ls=":")
    ax.axhline(d[1], color="k", lw=0.5, ls=":")
    if solutions:
        sols = all_solutions(problem, weights)
        a = problem.ideal_point()
        ax.plot([float(a[0])], [float(a[1])], "k*", ms=10, label="ideal point")
        ax.plot([d[0], float(a[0])], [d[1], float(a[1])], "k--", lw=0.7)
        for name, sol in sols.items():
            x = sol.float_point()
            ax.plot([x[0]], [x[1]], _MARKERS.get(name, "o"), ms=9, label=f"{name} ({x[0]:.3g}, {x[1]:.3g})")
    ax.set_xlabel(f"u({problem.players[0]})")
    ax.set_ylabel(f"u({problem.players[1]})")
    ax.set_title(title if title is not None else (problem.title or "bargaining problem"))
    ax.legend(fontsize=7, loc="best")
    return ax
