"""Benchmark: all extreme equilibria of bimatrix games (``solvers.extreme_equilibria``).

Run ``python -m benchmarks.bench_extreme`` (``--quick`` for fewer instances).  Ours and the
installed anchors run on the same seeded games (``solvers.generators``) in one process; each
cell is the median over the instances of the best of a few timed repetitions, in
milliseconds; ``ratio`` is ours / anchor (below 1: we are faster).  ``found`` is the median
number of equilibria each method returns (ours is the complete set of extreme equilibria).

Anchors (optional imports, skipped when absent): QuantEcon ``vertex_enumeration`` (floats,
nondegenerate games only), Gambit ``enummixed_solve`` in double precision and in rationals,
``lrsnash`` (exact, run as a subprocess on a temporary file: its time includes process
start-up, about 1-2 ms), nashpy ``vertex_enumeration`` (at 8x8 only; it is slow).  The 12x12
games with payoffs 0..999 (``default_rng(seed).integers(0, 1000, (2, 12, 12))``, exact; past
the float64-integer bound, so the multi-modular path) are run against ``lrsnash`` only.  The games
of the anchors are built outside the timed region; ours is timed end to end from the
``NormalFormGame`` (including the exact certification and the construction of the result).

``--target``: issue 3's speed target for float games only: ours against quantecon's
``vertex_enumeration`` on 7 games per size (``np.random.default_rng(0)``, ``rng.random((n, n))``
pairs, 8x8 then 10x10 then 12x12, as the lead's profiling script), each call the best of 7,
ours and quantecon interleaved game by game over 3 rounds; medians and the median ratio per
size (target: at most 0.2), with the machine load.

Cold start: a fresh interpreter imports ``solvers`` and solves one 8x8 float game and one
degenerate 8x8 integer game (and, in another, one 50x50 game by Lemke-Howson), with the numba
on-disk cache warm, and with an empty cache directory (``NUMBA_CACHE_DIR``), so compiling is
included; wall clock and process CPU time.  ``--cold`` runs only this part.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable

import numpy as np

from solvers import NormalFormGame
from solvers.extreme import extreme_equilibria
from solvers.generators import degenerate_game, duplicated_rows_game, random_game

LRSNASH = shutil.which("lrsnash") or ("/usr/bin/lrsnash" if os.path.exists("/usr/bin/lrsnash") else None)


def _best(f: Callable[[], Any], budget: float = 0.05, repeat: int = 3) -> float:
    """Best time per call (seconds) over ``repeat`` batches of about ``budget`` seconds."""
    f()
    t = time.perf_counter()
    f()
    one = max(time.perf_counter() - t, 1e-7)
    n = max(1, int(budget / one))
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(n):
            f()
        best = min(best, (time.perf_counter() - t) / n)
    return best


def _float_arrays(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    A, B = game.float_payoffs()
    return np.array(A), np.array(B)


def _anchors() -> dict[str, Any]:
    mods: dict[str, Any] = {}
    try:
        import quantecon.game_theory as gt

        mods["qe"] = gt
    except ImportError:  # pragma: no cover
        pass
    try:
        import pygambit as gbt

        mods["gbt"] = gbt
    except ImportError:  # pragma: no cover
        pass
    try:
        import nashpy

        mods["nashpy"] = nashpy
    except ImportError:  # pragma: no cover
        pass
    return mods


def _lrs_file(game: NormalFormGame) -> str:
    A, B = (np.array(p) for p in game.payoffs)
    m, n = A.shape
    text = f"{m} {n}\n\n" + "\n".join(" ".join(str(v) for v in row) for row in A.tolist())
    text += "\n\n" + "\n".join(" ".join(str(v) for v in row) for row in B.tolist()) + "\n"
    fh = tempfile.NamedTemporaryFile("w", suffix=".lrs", delete=False)
    fh.write(text)
    fh.close()
    return fh.name


def _lrs_count(out: str) -> int:
    for line in out.splitlines():
        if line.startswith("*Number of equilibria found:"):
            return int(line.split(":")[1])
    return -1


def run_family(label: str, games: list[NormalFormGame], mods: dict[str, Any], *, exact: bool,
               nashpy: bool, rows: list, lrs_only: bool = False) -> None:
    ours_t, ours_n = [], []
    anchor_t: dict[str, list[float]] = {}
    anchor_n: dict[str, list[int]] = {}

    def add(name: str, t: float, k: int) -> None:
        anchor_t.setdefault(name, []).append(t)
        anchor_n.setdefault(name, []).append(k)

    for g in games:
        res = extreme_equilibria(g)
        ours_n.append(len(res))
        ours_t.append(_best(lambda: extreme_equilibria(g)))
        A, B = _float_arrays(g)
        if lrs_only:  # (large exact games: Gambit's rational enummixed would take minutes)
            pass
        elif "qe" in mods:
            gt = mods["qe"]
            qg = gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))
            add("quantecon vertex_enumeration", _best(lambda: gt.vertex_enumeration(qg)),
                len(gt.vertex_enumeration(qg)))
        if "gbt" in mods and not lrs_only:
            gbt = mods["gbt"]
            gg = gbt.Game.from_arrays(A, B) if not g.exact else gbt.Game.from_arrays(
                *[[[int(v) if v.denominator == 1 else v for v in row] for row in np.array(p).tolist()]
                  for p in g.payoffs])
            add("gambit enummixed (double)", _best(lambda: gbt.nash.enummixed_solve(gg, rational=False)),
                len(gbt.nash.enummixed_solve(gg, rational=False).equilibria))
            if exact:
                add("gambit enummixed (rational)", _best(lambda: gbt.nash.enummixed_solve(gg, rational=True),
                                                         budget=0.02, repeat=1),
                    len(gbt.nash.enummixed_solve(gg, rational=True).equilibria))
        if exact and LRSNASH:
            path = _lrs_file(g)
            run = lambda: subprocess.run([LRSNASH, path], capture_output=True, text=True)  # noqa: E731
            add("lrsnash (subprocess)", _best(run, budget=0.05, repeat=1), _lrs_count(run().stdout))
            os.unlink(path)
        if nashpy and "nashpy" in mods:
            ng = mods["nashpy"].Game(A, B)
            add("nashpy vertex_enumeration", _best(lambda: list(ng.vertex_enumeration()), budget=0.02, repeat=1),
                len(list(ng.vertex_enumeration())))
    ours_ms = statistics.median(ours_t) * 1e3
    new = [(label, "ours" + (" (exact)" if exact else " (float)"), ours_ms, None, statistics.median(ours_n))]
    for name in anchor_t:
        ms = statistics.median(anchor_t[name]) * 1e3
        new.append((label, name, ms, ours_ms / ms, statistics.median(anchor_n[name])))
    for row in new:
        print("  ", row, file=sys.stderr, flush=True)
    rows.extend(new)


_COLD_SNIPPETS = {
    "extreme_equilibria, 8x8 float + degenerate 8x8 int": (
        "from solvers.generators import random_game, degenerate_game; "
        "g = random_game(8, seed=0); h = degenerate_game(8, 8, seed=0); "
        "solvers.extreme_equilibria(g); solvers.extreme_equilibria(h)"),
    "lemke_howson, 50x50 float": (
        "from solvers.generators import random_game; "
        "solvers.lemke_howson(random_game(50, seed=0))"),
}


def cold_start() -> list[tuple[str, float]]:
    """Fresh interpreters: ``import solvers`` and the first calls, numba cache warm and empty.

    Wall clock, and in brackets the process CPU time (less sensitive to other load).
    """
    out = []
    env = dict(os.environ)
    for what, body in _COLD_SNIPPETS.items():
        code = ("import time; t = time.perf_counter(); c = time.process_time(); import solvers; " + body +
                "; print(time.perf_counter() - t, time.process_time() - c)")
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)  # warm the cache
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        out.append((f"{what}, warm numba cache", *map(float, r.stdout.split())))
        with tempfile.TemporaryDirectory() as tmp:
            env2 = dict(env, NUMBA_CACHE_DIR=tmp)
            r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env2)
            out.append((f"{what}, empty numba cache (compiles)", *map(float, r.stdout.split())))
    return out


def float_target() -> list[tuple[int, float, float, float]]:
    """Issue 3's float target: ``(n, ours ms, quantecon ms, median ratio)`` at 8, 10, 12 (see
    the module docstring; ``[]`` without quantecon): 7 seeded games per size, each timed as the
    best of 7 single calls (:func:`_best`), three rounds interleaved game by game."""
    try:
        import quantecon.game_theory as gt
    except ImportError:  # pragma: no cover
        return []

    rng = np.random.default_rng(0)
    out = []
    for n in (8, 10, 12):
        pairs = [(rng.random((n, n)), rng.random((n, n))) for _ in range(7)]
        ours = [NormalFormGame.bimatrix(A, B) for A, B in pairs]
        qes = [gt.NormalFormGame((gt.Player(A), gt.Player(B.T))) for A, B in pairs]
        t = np.full((len(ours), 2), np.inf)
        for _ in range(3):
            for i, (g, q) in enumerate(zip(ours, qes)):
                t[i] = np.minimum(t[i], [_best(lambda: extreme_equilibria(g), 0.0, 7),
                                         _best(lambda: gt.vertex_enumeration(q), 0.0, 7)])
        out.append((n, float(np.median(t[:, 0])) * 1e3, float(np.median(t[:, 1])) * 1e3,
                    float(np.median(t[:, 0] / t[:, 1]))))
    return out


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    quick = "--quick" in argv
    if "--target" in argv:
        print(f"load average: {os.getloadavg()[0]:.2f}")
        print("| size | ours ms | quantecon vertex_enumeration ms | ratio (median) |")
        print("|---|---:|---:|---:|")
        for n, ours, qe, ratio in float_target():
            print(f"| {n}x{n} float | {ours:.3f} | {qe:.3f} | {ratio:.3f} |")
        return
    if "--cold" in argv:
        for what, secs, cpu in cold_start():
            print(f"cold start, {what}: {secs:.2f} s ({cpu:.2f} s CPU)")
        return
    seeds = range(3 if quick else 7)
    mods = _anchors()
    rows: list = []
    for n in (8, 10, 12):
        run_family(f"generic {n}x{n} float", [random_game(n, seed=s) for s in seeds], mods, exact=False,
                   nashpy=(n == 8), rows=rows)
    for n in (8, 10):
        run_family(f"generic {n}x{n} int 0..99", [random_game(n, seed=s, low=0, high=99, integer=True)
                                                    for s in seeds], mods, exact=True, nashpy=False, rows=rows)
    big = [NormalFormGame.bimatrix(*(np.random.default_rng(s).integers(0, 1000, (2, 12, 12))))
           for s in seeds]
    run_family("generic 12x12 int 0..999", big, mods, exact=True, nashpy=False, rows=rows, lrs_only=True)
    run_family("degenerate 8x8 {0,1,2}", [degenerate_game(8, 8, seed=s) for s in seeds], mods, exact=True,
               nashpy=False, rows=rows)
    run_family("duplicated rows 8x8", [duplicated_rows_game(8, 8, seed=s) for s in seeds], mods, exact=True,
               nashpy=False, rows=rows)
    print("| instances | method | median ms | ratio ours/anchor | found (median) |")
    print("|---|---|---:|---:|---:|")
    for label, name, ms, ratio, found in rows:
        r = "" if ratio is None else f"{ratio:.3g}"
        print(f"| {label} | {name} | {ms:.3g} | {r} | {found:g} |")
    print()
    for what, secs, cpu in cold_start():
        print(f"cold start, {what}: {secs:.2f} s ({cpu:.2f} s CPU)")


if __name__ == "__main__":
    main()
