"""Benchmark: SPI search time as the game grows, against brute-force enumeration.

Run ``python -m benchmarks.bench_spi`` (``--quick`` for fewer seeds and sizes).

Both methods answer the same question on the same seeded two-player games with ``m = 2..8``
actions per player: *all* certificates ``psi`` (per-player injections of the reduced game's
actions into the original actions, Pareto-improving under the original utilities; trivial
ones included so that both must enumerate everything).  ``find_spis`` runs backtracking with
forward checking; ``brute_force_spis`` tests every tuple of injections.  Brute force is run in
full while the number of candidate tuples is at most ``--cap`` (default 100000); beyond that
it is run on the first ``cap`` candidates and its total time extrapolated linearly (marked
``~``; the per-candidate cost is constant).  Families: ``uniform`` (payoffs uniform in 0..9)
and ``ties`` (payoffs in {0, 1, 2}: many ties, many certificates).  There is no third-party
SPI software to compare with (the issue notes none exists), so brute force is the anchor.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import time

from solvers.generators import degenerate_game, random_game
from spi import brute_force_spis, find_spis, reduce_dominated


def _candidates(game) -> int:
    red = reduce_dominated(game)
    total = 1
    for i, m in enumerate(game.shape):
        k = len(red.surviving[i])
        total *= math.perm(m, k)
    return total


def _instance(family: str, m: int, seed: int):
    if family == "uniform":
        return random_game((m, m), seed=seed, integer=True, low=0, high=9)
    return degenerate_game(m, m, values=(0, 1, 2), seed=seed)


def run(sizes, seeds, cap: int) -> list[dict]:
    rows = []
    for family in ("uniform", "ties"):
        for m in sizes:
            ours, brute, extrap, certs, red_sizes = [], [], False, [], []
            for seed in seeds:
                g = _instance(family, m, seed)
                t = time.perf_counter()
                r = find_spis(g, include_trivial=True, max_results=None, max_nodes=None, time_limit=None,
                              max_actions_per_player=None)
                ours.append(time.perf_counter() - t)
                assert r.ok
                certs.append(r.certificates)
                red_sizes.append("x".join(str(x) for x in r.reduced.shape))
                total = _candidates(g)
                t = time.perf_counter()
                b = brute_force_spis(g, include_trivial=True, max_candidates=cap)
                dt = time.perf_counter() - t
                if total > cap:
                    dt *= total / cap
                    extrap = True
                else:
                    # same certificates (isomorphism kind) found by both
                    n_iso = sum(1 for s in r if s.kind == "isomorphism")
                    assert b.count == n_iso, (family, m, seed, b.count, n_iso)
                brute.append(dt)
            rows.append({
                "family": family, "m": m, "ours_ms": 1000 * statistics.median(ours),
                "brute_ms": 1000 * statistics.median(brute), "extrapolated": extrap,
                "certificates": statistics.median(certs), "reduced": red_sizes[0],
            })
    return rows


def run_hardness(pairs) -> list[dict]:
    """find_spis on the NP-hardness games (Appendix D.3) of random digraph pairs."""
    import random

    from spi import hardness_game, subgraph_isomorphisms

    rows = []
    rng = random.Random(0)
    for n, m in pairs:
        times, certs, sizes = [], [], None
        for _ in range(3):
            a = [[int(i != j and rng.random() < 0.4) for j in range(n)] for i in range(n)]
            b = [[int(i != j and rng.random() < 0.6) for j in range(m)] for i in range(m)]
            g = hardness_game(a, b)
            sizes = g.shape
            t = time.perf_counter()
            r = find_spis(g, max_results=None, time_limit=None, max_nodes=None, max_actions_per_player=None)
            times.append(time.perf_counter() - t)
            assert r.count == len(subgraph_isomorphisms(a, b))
            certs.append(r.count)
        rows.append({"n": n, "m": m, "shape": sizes, "ms": 1000 * statistics.median(times),
                     "certs": statistics.median(certs)})
    return rows


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cap", type=int, default=100_000)
    args = ap.parse_args(argv)
    sizes = [2, 4, 6, 8] if args.quick else list(range(2, 9))
    seeds = [0, 1] if args.quick else [0, 1, 2]
    out = subprocess.run([sys.executable, "-c", "import time; t = time.perf_counter(); import spi; "
                          "from spi import find_spis; print(time.perf_counter() - t)"],
                         capture_output=True, text=True, check=True)
    cold = float(out.stdout.strip())
    t = time.perf_counter()
    find_spis(_instance("uniform", 3, 99))
    first = time.perf_counter() - t
    print(f"import spi: {1000 * cold:.1f} ms; first find_spis call (3x3): {1000 * first:.1f} ms")
    rows = run(sizes, seeds, args.cap)
    print(f"{'family':<8} {'m':>2} {'reduced(seed0)':>14} {'certs':>6} {'find_spis ms':>13} "
          f"{'brute ms':>14} {'brute/ours':>11}")
    for r in rows:
        b = f"{'~' if r['extrapolated'] else ''}{r['brute_ms']:.1f}"
        ratio = r["brute_ms"] / max(r["ours_ms"], 1e-9)
        print(f"{r['family']:<8} {r['m']:>2} {r['reduced']:>14} {r['certificates']:>6.0f} {r['ours_ms']:>13.2f} "
              f"{b:>14} {('~' if r['extrapolated'] else '') + f'{ratio:.0f}x':>11}")
    print("hardness games (graph G into graph H; certificates = subgraph isomorphisms, asserted):")
    print(f"{'|G|':>3} {'|H|':>3} {'game':>8} {'SPIs':>5} {'find_spis ms':>13}")
    pairs = [(2, 3), (3, 4)] if args.quick else [(2, 3), (3, 4), (3, 5), (4, 5)]
    for r in run_hardness(pairs):
        print(f"{r['n']:>3} {r['m']:>3} {'x'.join(map(str, r['shape'])):>8} {r['certs']:>5.0f} {r['ms']:>13.1f}")


if __name__ == "__main__":
    main()
