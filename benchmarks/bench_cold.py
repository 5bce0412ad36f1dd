"""Cold start: a fresh interpreter imports ``solvers`` and makes its first call to each of
support enumeration, extreme equilibria and Lemke-Howson (issue 3's cold-start target).

Run: ``python -m benchmarks.bench_cold`` (``--quick``: one repeat instead of three).

Each row runs fresh interpreters (wall clock of ``import solvers`` + the three first calls, and
the process CPU time) in three settings:

* ``auto, empty cache``: the default tier (:mod:`solvers._tier`: small inputs run the kernels'
  Python twins first), with an empty numba cache directory;
* ``auto, warm cache``: the same with the cache filled by the previous runs;
* ``compiled, empty cache``: ``COOPTHEORY_JIT=always``, i.e. what the first call cost before the
  tier existed (numba compiles every kernel);

and quantecon's import + first ``support_enumeration``, ``vertex_enumeration`` and
``lemke_howson`` on the same games in a fresh interpreter (its own numba cache; its generators
cannot be cached, so this is its warm figure).  Game families: small (4x4 for all three) and
the medium set of the earlier cold-start rows (SE 10x10, EE 8x8 float and {0,1,2}-integer,
LH 50x50).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_OURS = r"""
import time
t = time.perf_counter(); c = time.process_time()
import numpy as np
import solvers
from solvers import NormalFormGame as G
rng = np.random.default_rng(0)
def g(m, n, ints=False):
    if ints:
        return G.bimatrix(rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n)))
    return G.bimatrix(rng.random((m, n)), rng.random((m, n)))
for kind, size in CALLS:
    game = g(size, size, kind == "EEi")
    if kind == "SE":
        solvers.support_enumeration(game)
    elif kind in ("EE", "EEi"):
        solvers.extreme_equilibria(game)
    else:
        solvers.lemke_howson(game)
print(time.perf_counter() - t, time.process_time() - c)
"""

_QE = r"""
import time
t = time.perf_counter(); c = time.process_time()
import numpy as np
import quantecon.game_theory as qe
rng = np.random.default_rng(0)
for kind, size in CALLS:
    if kind == "EEi":
        A, B = rng.integers(0, 3, (size, size)), rng.integers(0, 3, (size, size))
    else:
        A, B = rng.random((size, size)), rng.random((size, size))
    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    if kind == "SE":
        qe.support_enumeration(g)
    elif kind in ("EE", "EEi"):
        qe.vertex_enumeration(g)
    else:
        qe.lemke_howson(g)
print(time.perf_counter() - t, time.process_time() - c)
"""

FAMILIES = {
    "small: SE 4x4, EE 4x4, LH 4x4": [("SE", 4), ("EE", 4), ("LH", 4)],
    "medium: SE 10x10, EE 8x8 float + int, LH 50x50": [("SE", 10), ("EE", 8), ("EEi", 8), ("LH", 50)],
}


def _run(code: str, env: dict) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=_ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    wall, cpu = out.stdout.split()[-2:]
    return float(wall), float(cpu)


def _med(runs: list[tuple[float, float]]) -> str:
    return f"{statistics.median(r[0] for r in runs):.2f} s ({statistics.median(r[1] for r in runs):.2f} s CPU)"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    reps = 1 if "--quick" in argv else 3
    base = {k: v for k, v in os.environ.items() if k != "COOPTHEORY_JIT"}
    try:
        import quantecon  # noqa: F401
        have_qe = True
    except ImportError:
        have_qe = False
    print("| first calls | auto, empty cache | auto, warm cache | compiled, empty cache | quantecon |")
    print("|---|---:|---:|---:|---:|")
    for what, calls in FAMILIES.items():
        code = _OURS.replace("CALLS", repr(calls))
        auto_cold, auto_warm, compiled = [], [], []
        for _ in range(reps):
            with tempfile.TemporaryDirectory(prefix="cold_") as d:
                auto_cold.append(_run(code, dict(base, NUMBA_CACHE_DIR=d)))
                auto_warm.append(_run(code, dict(base, NUMBA_CACHE_DIR=d)))
            with tempfile.TemporaryDirectory(prefix="cold_") as d:
                compiled.append(_run(code, dict(base, NUMBA_CACHE_DIR=d, COOPTHEORY_JIT="always")))
        qe = _med([_run(_QE.replace("CALLS", repr(calls)), base) for _ in range(reps)]) if have_qe else "-"
        print(f"| {what} | {_med(auto_cold)} | {_med(auto_warm)} | {_med(compiled)} | {qe} |")


if __name__ == "__main__":
    main()
