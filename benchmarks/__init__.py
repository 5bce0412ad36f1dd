"""Side-by-side benchmarks against the anchors (run as ``python -m benchmarks.bench_<area>``).

Timed loops measure the compiled kernels: the benchmarks set ``COOPTHEORY_JIT=always`` (unless
the environment says otherwise), so a warm-up call compiles instead of running a kernel's
Python twin (:mod:`solvers._tier`).  ``bench_cold`` measures the default tier separately.
"""

import os

os.environ.setdefault("COOPTHEORY_JIT", "always")
