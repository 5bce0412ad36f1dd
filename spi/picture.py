"""Pictures of an SPI: the two payoff tables side by side and the correspondence.

Text (:func:`spi_text`, :func:`side_by_side`) always works; :func:`plot_spi` draws the two
tables with matplotlib (optional dependency, imported inside the function) and arrows from
each outcome of the reduced original to its images in the substitute.
"""

from __future__ import annotations

from typing import Any

from solvers.errors import InvalidInputError, UnsupportedError, bad_param
from solvers.games import NormalFormGame

from ._common import fmt, fmt_vec

__all__ = ["side_by_side", "spi_text", "plot_spi"]


def side_by_side(left: NormalFormGame, right: NormalFormGame, *, gap: int = 6,
                 titles: tuple[str, str] = ("original", "substitute")) -> str:
    """The text tables of two 2-player games next to each other."""
    a = left.table().splitlines()
    b = right.table().splitlines()
    a = [titles[0]] + a
    b = [titles[1]] + b
    w = max(len(x) for x in a)
    rows = max(len(a), len(b))
    out = []
    for k in range(rows):
        la = a[k] if k < len(a) else ""
        lb = b[k] if k < len(b) else ""
        out.append(la.ljust(w + gap) + lb)
    return "\n".join(out)


def spi_text(res: Any) -> str:
    """Verdict, the two games side by side, the derivation and the outcome map."""
    lines = []
    verdict = "SPI" if res.is_spi else "not an SPI"
    extra = []
    if res.weak:
        extra.append("strict" if res.strict else "weak")
    if res.unilateral_player is not None:
        extra.append(f"unilateral (player {res.unilateral_player})")
    elif len(res.changed_players) > 1:
        extra.append("omnilateral")
    lines.append(f"verdict: {verdict}" + (f" ({', '.join(extra)})" if extra else "")
                 + f"; correspondence via {res.kind}")
    if res.reason:
        lines.append(f"reason: {res.reason}")
    if res.original is not None and res.substitute is not None and res.original.n_players == 2:
        lines.append(side_by_side(res.original, res.substitute,
                                  titles=("original (true utilities)", "substitute (representatives' utilities)")))
    lines.append("derivation:")
    for k, t in enumerate(res.derivation):
        lines.append(f"  {k + 1}. {t}")
    lines.append("outcome map (original utilities):")
    for la, lb, ua, ub in res.outcome_map:
        lines.append(f"  ({', '.join(la)}) {fmt_vec(ua)}  ->  ({', '.join(lb)}) {fmt_vec(ub)}")
    if res.strict_outcomes:
        lines.append("strictly better whenever one of these is played: "
                     + ", ".join("(" + ", ".join(o) + ")" for o in res.strict_outcomes))
    if res.guaranteed_gain:
        lines.append("guaranteed gain per player: " + fmt_vec(res.guaranteed_gain))
    return "\n".join(lines)


def plot_spi(res: Any, ax: Any = None) -> Any:
    """Draw the original and substitute payoff tables and the correspondence arrows.

    Needs matplotlib; returns the figure.
    """
    if res.original is None or res.substitute is None:
        raise InvalidInputError(bad_param("plot_spi", "res", "an SPIResult from is_spi", res))
    if res.original.n_players != 2:
        raise UnsupportedError(bad_param("plot_spi", "res", "an SPI of a 2-player game",
                                         f"{res.original.n_players} players", raw=True))
    import matplotlib.pyplot as plt  # optional dependency

    g0, g1 = res.original, res.substitute
    if ax is None:
        fig, ax = plt.subplots(figsize=(2.0 + 1.6 * (g0.shape[1] + g1.shape[1]), 1.5 + 0.7 * max(g0.shape[0], g1.shape[0])))
    else:
        fig = ax.figure
    ax.set_axis_off()
    off = g0.shape[1] + 2.0
    pos: dict[tuple[int, tuple[str, str]], tuple[float, float]] = {}
    for k, (g, dx) in enumerate(((g0, 0.0), (g1, off))):
        A, B = g.payoffs
        for c, lab in enumerate(g.labels[1]):
            ax.text(dx + c + 0.5, 0.3, lab, ha="center", va="bottom", fontsize=9, weight="bold")
        for r, lab in enumerate(g.labels[0]):
            ax.text(dx - 0.1, -r - 0.5, lab, ha="right", va="center", fontsize=9, weight="bold")
            for c in range(g.shape[1]):
                ax.add_patch(plt.Rectangle((dx + c, -r - 1), 1, 1, fill=False, lw=0.8))
                ax.text(dx + c + 0.5, -r - 0.5, f"{fmt(A[r, c])}, {fmt(B[r, c])}", ha="center", va="center", fontsize=8)
                pos[(k, (g.labels[0][r], g.labels[1][c]))] = (dx + c + 0.5, -r - 0.5)
        ax.text(dx + g.shape[1] / 2, 0.9, ("original" if k == 0 else "substitute (representatives)"),
                ha="center", fontsize=10)
    for la, lb, _ua, _ub in res.outcome_map:
        p0 = pos.get((0, la))
        p1 = pos.get((1, lb))
        if p0 and p1:
            ax.annotate("", xy=p1, xytext=p0, arrowprops=dict(arrowstyle="->", color="tab:blue", alpha=0.6,
                                                              connectionstyle="arc3,rad=0.15"))
    ax.set_xlim(-1.2, off + g1.shape[1] + 0.2)
    ax.set_ylim(-max(g0.shape[0], g1.shape[0]) - 0.3, 1.3)
    ax.set_title(f"{'SPI' if res.is_spi else 'not an SPI'} ({res.kind})", fontsize=10)
    return fig
