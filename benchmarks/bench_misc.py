# ruff: noqa: B023  (timing closures are called right away, inside their loop iteration)
"""Benchmarks: pure equilibria, iterated dominance, zero-sum LP, correlated equilibria.

Run ``python -m benchmarks.bench_misc`` (add ``--quick`` for fewer instances,
``--only=pure,dominance`` for some sections: pure, dominance, zero_sum, correlated, learning, cold).  Ours and the
installed anchors run on the same seeded instances in one process; the table shows medians
(milliseconds) and the ratio ours / anchor (smaller is better for us).

Anchors (imported optionally): pygambit ``enumpure_solve`` (timed including building the
Gambit game from arrays, as our timing includes building the ``NormalFormGame``), QuantEcon
``Player.dominated_actions`` looped until nothing is dominated, QuantEcon
``quantecon.optimize.minmax`` and nashpy ``Game.linear_program`` for zero-sum games.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from solvers import NormalFormGame
from solvers.correlated import correlated_equilibrium
from solvers.dominance import eliminate_dominated
from solvers.generators import random_game
from solvers.pure import pure_equilibria
from solvers.zero_sum import zero_sum_solve


def _time(f: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def planted_dominance(seed: int, n: int = 100, k: int = 30, integer: bool = False) -> NormalFormGame:
    """Random n x n game where k rows (and k columns) are a mixture of 3 others minus a margin.

    Those actions are strictly dominated by mixed strategies but (typically) by no pure one.
    """
    rng = np.random.default_rng(seed)
    A = rng.random((n, n))
    B = rng.random((n, n))
    for M in (A, B.T):
        for r in rng.choice(n, k, replace=False):
            others = rng.choice([i for i in range(n) if i != r], 3, replace=False)
            w = rng.dirichlet(np.ones(3))
            M[r] = w @ M[others] - rng.uniform(0.001, 0.05)
    if integer:
        return NormalFormGame.from_arrays(np.round(A * 1000).astype(int), np.round(B * 1000).astype(int))
    return NormalFormGame.from_arrays(A, B)


def _qe_iterated(gt: Any, game: NormalFormGame) -> list[np.ndarray]:
    A, B = (np.array(p, dtype=float) for p in game.float_payoffs())
    alive = [np.arange(A.shape[0]), np.arange(A.shape[1])]
    while True:
        sub = gt.NormalFormGame(np.stack([A[np.ix_(*alive)], B[np.ix_(*alive)]], axis=-1))
        dom = [sub.players[i].dominated_actions() for i in range(2)]
        if not dom[0] and not dom[1]:
            return alive
        alive = [np.delete(alive[i], dom[i]) for i in range(2)]


def bench_pure(rows: list, seeds: range) -> None:
    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover
        gbt = None
    for label, shape, integer in [("200x200 float", (200, 200), False), ("200x200 int (exact)", (200, 200), True),
                                  ("20x20x20 float", (20, 20, 20), False), ("20x20x20 int (exact)", (20, 20, 20), True),
                                  ("200x200 int lists (exact)", (200, 200), "lists")]:
        ours, theirs = [], []
        for s in seeds:
            rng = np.random.default_rng(s)
            arrs = [rng.integers(0, 100, shape) if integer else rng.random(shape) for _ in shape]
            gin = [a.tolist() for a in arrs] if integer == "lists" else arrs
            res = {}

            def run_ours() -> None:
                # construction + solve (including the equilibria as MixedProfiles)
                res["ours"] = pure_equilibria(NormalFormGame.from_arrays(gin)).profiles

            ours.append(_time(run_ours))
            if gbt is not None:
                def run_gbt() -> None:
                    g = gbt.Game.from_arrays(*arrs)
                    res["gbt"] = gbt.nash.enumpure_solve(g).equilibria  # construction + solve

                theirs.append(_time(run_gbt, 1))
                assert len(res["gbt"]) == len(res["ours"]), "disagreement with gambit"
        rows.append(("pure equilibria", label, ours, theirs, "gambit enumpure"))


def bench_dominance(rows: list, seeds: range) -> None:
    try:
        import quantecon.game_theory as gt
    except ImportError:  # pragma: no cover
        gt = None
    fams = [
        ("100x100 uniform", lambda s: random_game(100, s)),
        ("100x100 planted (float)", lambda s: planted_dominance(s)),
        ("100x100 planted (exact int)", lambda s: planted_dominance(s, integer=True)),
    ]
    for label, make in fams:
        ours, theirs = [], []
        for s in seeds:
            g = make(s)
            eliminate_dominated(g, mixed=True)  # numba compile / warm caches outside timing
            out = {}

            def run_ours() -> None:
                out["ours"] = eliminate_dominated(g, mixed=True).surviving

            ours.append(_time(run_ours))
            if gt is not None:
                def run_qe() -> None:
                    out["qe"] = _qe_iterated(gt, g)

                theirs.append(_time(run_qe, 1))
                assert tuple(tuple(int(k) for k in a) for a in out["qe"]) == out["ours"], "disagreement"
        rows.append(("iterated strict dominance by mixed", label, ours, theirs, "quantecon dominated_actions loop"))


def bench_zero_sum(rows: list, seeds: range) -> None:
    try:
        from quantecon.optimize import minmax
    except ImportError:  # pragma: no cover
        minmax = None
    try:
        import nashpy
    except ImportError:  # pragma: no cover
        nashpy = None
    for n in (50, 200):
        ours, qe, nash = [], [], []
        for s in seeds:
            A = np.random.default_rng(s).uniform(-1, 1, (n, n))
            v = {}

            def run_ours() -> None:
                v["ours"] = zero_sum_solve(A).value

            ours.append(_time(run_ours))
            if minmax is not None:
                minmax(A)

                def run_qe() -> None:
                    v["qe"] = minmax(A)[0]

                qe.append(_time(run_qe))
                assert abs(v["qe"] - v["ours"]) < 1e-6
            if nashpy is not None and n <= 50:
                g = nashpy.Game(A, -A)
                nash.append(_time(lambda: g.linear_program(), 1))
        rows.append(("zero-sum value (float)", f"{n}x{n}", ours, qe, "quantecon minmax"))
        if nash:
            rows.append(("zero-sum value (float)", f"{n}x{n}", ours, nash, "nashpy linear_program"))
    ex = []
    for s in seeds:
        A = np.random.default_rng(s).integers(-50, 51, (30, 30))
        ex.append(_time(lambda: zero_sum_solve(A), 1))
    rows.append(("zero-sum value (exact, certified)", "30x30 int", ex, [], "-"))


def bench_correlated(rows: list, seeds: range) -> None:
    for label, shape in [("8x8 int (exact)", (8, 8)), ("4x4x4 int (exact)", (4, 4, 4)),
                         ("20x20 float", (20, 20))]:
        ours = []
        for s in seeds:
            exact = "float" not in label
            g = random_game(shape, s, 0, 20, integer=True, exact=exact)
            ours.append(_time(lambda: correlated_equilibrium(g), 1))
        rows.append(("welfare-max correlated equilibrium", label, ours, [], "-"))


def bench_learning(rows: list, seeds: range) -> None:
    from solvers.dynamics import fictitious_play
    from solvers.qre import logit_qre

    try:
        import nashpy
    except ImportError:  # pragma: no cover
        nashpy = None
    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover
        gbt = None
    ours, theirs = [], []
    for s in seeds:
        g = random_game(10, s)
        fictitious_play(g, iterations=10)
        ours.append(_time(lambda: fictitious_play(g, iterations=10_000)))
        if nashpy is not None:
            A, B = g.float_payoffs()
            ng = nashpy.Game(A, B)

            def run_nashpy() -> None:
                for _ in ng.fictitious_play(iterations=10_000):
                    pass

            theirs.append(_time(run_nashpy, 1))
    rows.append(("fictitious play, 10^4 rounds", "10x10 float", ours, theirs, "nashpy fictitious_play"))
    ours, theirs = [], []
    for s in seeds:
        rng = np.random.default_rng(s)
        A, B = rng.integers(0, 10, (5, 5)), rng.integers(0, 10, (5, 5))
        g = NormalFormGame.from_arrays(A, B)
        ours.append(_time(lambda: logit_qre(g), 1))
        if gbt is not None:
            theirs.append(_time(lambda: gbt.nash.logit_solve(gbt.Game.from_arrays(A, B)), 1))
    rows.append(("logit QRE branch to Nash", "5x5 int", ours, theirs, "gambit logit_solve"))


def cold_start() -> float:
    code = ("import time; t=time.perf_counter(); import solvers; from solvers.generators import random_game; "
            "g=random_game(30, 1); solvers.eliminate_dominated(g, mixed=True); "
            "solvers.pure_equilibria(g); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    seeds = range(3) if "--quick" in argv else range(7)
    only = next((a.split("=", 1)[1].split(",") for a in argv if a.startswith("--only=")), None)
    rows: list = []
    for name, bench in [("pure", bench_pure), ("dominance", bench_dominance), ("zero_sum", bench_zero_sum),
                        ("correlated", bench_correlated), ("learning", bench_learning)]:
        if only is None or name in only:
            bench(rows, seeds)
    print(f"{'task':<38} {'instances':<28} {'ours ms':>9} {'anchor ms':>10} {'ratio':>8}  anchor")
    for task, label, ours, theirs, anchor in rows:
        o = statistics.median(ours) * 1e3
        if theirs:
            t = statistics.median(theirs) * 1e3
            print(f"{task:<38} {label:<28} {o:>9.3f} {t:>10.2f} {o / t:>8.4f}  {anchor}")
        else:
            print(f"{task:<38} {label:<28} {o:>9.3f} {'-':>10} {'-':>8}  {anchor}")
    if only is None or "cold" in only:
        print(f"cold start (fresh process: import + first dominance-by-mixed + pure call): {cold_start():.2f} s")


if __name__ == "__main__":
    main()
