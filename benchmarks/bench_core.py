"""Benchmark of the two-player equilibrium core against QuantEcon and Nashpy.

Run ``python -m benchmarks.bench_core`` (``--quick`` for fewer instances).  Every row runs
ours and the anchor on the same seeded games from :mod:`solvers.generators` in this process
and prints medians and the ratio ours / anchor (below 1: we are faster).

Rows:
* support enumeration, all equilibria of uniform random n x n games: ours (exact=False,
  numba, default threads: from 9x9 both passes at once, chunks of row supports on the
  threads; and ``parallel=False``, "(1 thread)") vs ``quantecon.game_theory.support_enumeration``
  (8..12) and ``nashpy.Game.support_enumeration`` (6, 8; nashpy takes seconds at 8x8);
* Lemke-Howson, one equilibrium of uniform random 200x200 and 400x400 games, ours
  (``init_label=None``: capping 10) vs ``quantecon.game_theory.lemke_howson(capping=10)``;
  every game of ours must reach regret <= 1e-9;
* batch: 10,000 random 4x4 games, ``solve_batch`` vs quantecon's ``lemke_howson`` per game
  (measured on 1,000 games and scaled);
* cold start: a fresh interpreter that imports ``solvers`` and makes its first call to
  ``support_enumeration`` and ``lemke_howson``, with a cold numba cache (an empty temporary
  ``NUMBA_CACHE_DIR``) and then warm (the same directory again); and the same for
  ``support_enumeration`` alone on 8x8, 10x10 and 12x12 games (first call = import +
  compilation or cache load + the run; the run alone is in the support rows).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

from solvers import generators
from solvers.batch import solve_batch
from solvers.complementary_pivoting import lemke_howson
from solvers.support_enum import support_enumeration


def _timeit(f, repeat=1):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def _row(task, inst, ours, anchor, name, note=""):
    ratio = f"{ours / anchor:.3f}" if anchor else "-"
    a = f"{anchor * 1e3:.2f}" if anchor else "-"
    print(f"| {task} | {inst} | {ours * 1e3:.2f} | {a} | {ratio} | {name} | {note}")


def _qe():
    try:
        import quantecon.game_theory as qe
        return qe
    except Exception:  # pragma: no cover - optional anchor
        return None


def _qe_game(qe, g):
    A, B = g.float_payoffs()
    return qe.NormalFormGame((qe.Player(np.array(A)), qe.Player(np.array(B.T))))


def bench_support(quick: bool) -> None:
    qe = _qe()
    try:
        import nashpy
    except Exception:  # pragma: no cover
        nashpy = None
    seeds = range(2 if quick else 3)
    # warm up compilation
    support_enumeration(generators.random_game((9, 9), 0))
    support_enumeration(generators.random_game((3, 3), 0), parallel=False)
    if qe is not None:
        qe.support_enumeration(_qe_game(qe, generators.random_game((3, 3), 0)))
    for n in (8, 10, 12):
        ours, ours1, theirs, counts = [], [], [], []
        for s in seeds:
            g = generators.random_game((n, n), s)
            t, r = _timeit(lambda: support_enumeration(g), repeat=3)
            assert r.ok and r.max_regret <= 1e-9
            ours.append(t)
            if n < 12:  # (12x12 single thread: the row below)
                t1, r1 = _timeit(lambda: support_enumeration(g, parallel=False), repeat=3)
                assert r1.strategies == r.strategies
                ours1.append(t1)
            if qe is not None:
                tq, ne = _timeit(lambda: qe.support_enumeration(_qe_game(qe, g)))
                theirs.append(tq)
                counts.append((len(r), len(ne)))
        tq = statistics.median(theirs) if theirs else None
        _row("support enumeration", f"{n}x{n} uniform", statistics.median(ours), tq,
             "quantecon support_enumeration", f"#eq ours/qe {counts}")
        if ours1:
            # the default uses threads from 9x9 (both passes at once); one thread, same games
            _row("support enumeration (1 thread)", f"{n}x{n} uniform", statistics.median(ours1), tq,
                 "quantecon support_enumeration")
    if nashpy is not None:
        for n in ((6,) if quick else (6, 8)):
            g = generators.random_game((n, n), 0)
            A, B = g.float_payoffs()
            t, r = _timeit(lambda: support_enumeration(g), repeat=3)
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tn, ne = _timeit(lambda: list(nashpy.Game(A, B).support_enumeration()))
            _row("support enumeration", f"{n}x{n} uniform", t, tn, "nashpy support_enumeration",
                 f"#eq ours/nashpy {len(r)}/{len(ne)}")
    # single thread at 12x12 too
    g = generators.random_game((12, 12), 0)
    t1, _ = _timeit(lambda: support_enumeration(g, parallel=False))
    if qe is not None:
        tq, _ = _timeit(lambda: qe.support_enumeration(_qe_game(qe, g)))
        _row("support enumeration (1 thread)", "12x12 uniform", t1, tq, "quantecon support_enumeration")


def bench_lh(quick: bool) -> None:
    qe = _qe()
    lemke_howson(generators.random_game((5, 5), 0))
    lemke_howson(generators.random_game((60, 60), 0), 0)
    if qe is not None:
        qe.lemke_howson(_qe_game(qe, generators.random_game((5, 5), 0)), capping=10)
    for n in (200, 400):
        ours, theirs, worst = [], [], 0.0
        seeds = range(5 if quick else 11)
        for s in seeds:
            g = generators.random_game((n, n), s)
            t, r = _timeit(lambda: lemke_howson(g), repeat=1)
            assert r.ok and r.max_regret <= 1e-9, (n, s, r.status)
            worst = max(worst, r.max_regret)
            ours.append(t)
            if qe is not None:
                qg = _qe_game(qe, g)
                tq, _ = _timeit(lambda: qe.lemke_howson(qg, capping=10))
                theirs.append(tq)
        _row("Lemke-Howson, capping 10", f"{n}x{n} uniform, {len(ours)} games", statistics.median(ours),
             statistics.median(theirs) if theirs else None, "quantecon lemke_howson(capping=10)",
             f"all solved, max regret {worst:.1e}")


def bench_batch(quick: bool) -> None:
    qe = _qe()
    rng = np.random.default_rng(0)
    A = rng.random((10_000, 4, 4))
    B = rng.random((10_000, 4, 4))
    solve_batch((A[:10], B[:10]))
    t, r = _timeit(lambda: solve_batch((A, B)), repeat=5)
    assert r.ok
    tq = None
    if qe is not None:
        games = [qe.NormalFormGame((qe.Player(A[g]), qe.Player(B[g].T))) for g in range(1000)]
        qe.lemke_howson(games[0])
        t0 = time.perf_counter()
        for qg in games:
            qe.lemke_howson(qg)
        tq = (time.perf_counter() - t0) * 10
    _row("batch Lemke-Howson", "10,000 random 4x4", t, tq, "quantecon lemke_howson per game (x10 of 1,000)",
         f"max regret {r.regrets.max():.1e}")
    t1, _ = _timeit(lambda: solve_batch((A, B), parallel=False), repeat=3)
    _row("batch Lemke-Howson (1 thread)", "10,000 random 4x4", t1, tq, "same")


_COLD = r"""
import time
t0 = time.perf_counter()
import solvers
from solvers import NormalFormGame, generators
if SIZE == 0:
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]).as_float()
    h = g
else:
    g = generators.random_game((SIZE, SIZE), 0)
    h = generators.random_game((5 * SIZE, 5 * SIZE), 0)
solvers.support_enumeration(g)
solvers.lemke_howson(h, 0)
print(time.perf_counter() - t0)
"""

_COLD_QE = r"""
import time
t0 = time.perf_counter()
import quantecon.game_theory as qe
g = qe.NormalFormGame([[(3, 3), (3, 2)], [(2, 2), (5, 6)], [(0, 3), (6, 1)]])
qe.support_enumeration(g)
qe.lemke_howson(g)
print(time.perf_counter() - t0)
"""


def _fresh(code: str, env: dict) -> float:
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return float(out.stdout.strip().splitlines()[-1])


_COLD_SE = r"""
import time
t0 = time.perf_counter()
import solvers
from solvers import generators
g = generators.random_game((SIZE, SIZE), 0)
t1 = time.perf_counter()
solvers.support_enumeration(g)
print(time.perf_counter() - t1)
print(time.perf_counter() - t0)
"""


def _fresh2(code: str, env: dict) -> tuple[float, float]:
    """(first call, import + first call) in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    a, b = out.stdout.strip().splitlines()[-2:]
    return float(a), float(b)


def bench_cold(quick: bool) -> None:
    tq = None
    if _qe() is not None:
        tq = _fresh(_COLD_QE, dict(os.environ))
    # support enumeration alone: a fresh, empty numba cache directory for every size
    for size in (8, 10, 12):
        code = _COLD_SE.replace("SIZE", str(size))
        with tempfile.TemporaryDirectory(prefix="se_cold_") as d:
            env = dict(os.environ, NUMBA_CACHE_DIR=d)
            call, total = _fresh2(code, env)
            warm = [_fresh2(code, env) for _ in range(3)]
        _row("cold start, cold cache", f"import + first support_enumeration, {size}x{size}", total, tq,
             "quantecon import + first SE and LH on 3x2 (its own cache)", f"first call alone {call * 1e3:.0f} ms")
        _row("cold start, warm cache", f"import + first support_enumeration, {size}x{size}",
             statistics.median(w[1] for w in warm), tq, "same",
             f"first call alone {statistics.median(w[0] for w in warm) * 1e3:.0f} ms")
    for size, what in ((0, "3x2 game (no kernel needed)"), (10, "SE 10x10 + LH 50x50 (kernels)")):
        code = _COLD.replace("SIZE", str(size))
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, NUMBA_CACHE_DIR=d)
            cold = _fresh(code, env)
            warm = statistics.median(_fresh(code, env) for _ in range(3))
        _row("cold start, warm cache", f"import + first SE and LH, {what}", warm, tq,
             "quantecon import + first SE and LH on 3x2 (its own cache)")
        _row("cold start, cold cache", f"import + first SE and LH, {what}", cold, tq, "same")


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer instances")
    p.add_argument("--only", choices=["support", "lh", "batch", "cold"], default=None)
    args = p.parse_args(argv)
    print("| task | instances | ours ms | anchor ms | ratio | anchor | note |")
    print("|---|---|---:|---:|---:|---|---|")
    for name, f in (("support", bench_support), ("lh", bench_lh), ("batch", bench_batch), ("cold", bench_cold)):
        if args.only in (None, name):
            f(args.quick)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
