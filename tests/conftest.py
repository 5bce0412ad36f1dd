"""Shared test configuration: hypothesis profiles and the heavy-test scale."""

import itertools
import os
import shutil
import subprocess
import tempfile
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

#: Multiplier for heavy tests: CI runs them at 1 (small); set COOPTHEORY_HEAVY_SCALE=10 locally.
HEAVY_SCALE = max(1, int(os.environ.get("COOPTHEORY_HEAVY_SCALE", "1")))

#: lrslib's lrsnash (Debian package lrslib), or None.
LRSNASH_PATH = shutil.which("lrsnash") or ("/usr/bin/lrsnash" if os.path.exists("/usr/bin/lrsnash") else None)


def _lrsnash_run(A, B) -> set:
    """All extreme equilibria of the bimatrix game ``(A, B)`` (ints or Fractions) by lrsnash,
    as a set of ``(x, y)`` tuples of Fractions."""
    rows = [list(r) for r in A]
    m, n = len(rows), len(rows[0])
    text = f"{m} {n}\n\n" + "\n".join(" ".join(str(Fraction(v)) for v in r) for r in rows) + "\n\n" \
        + "\n".join(" ".join(str(Fraction(v)) for v in r) for r in B) + "\n"
    with tempfile.TemporaryDirectory(prefix="lrsnash_") as d:
        path = os.path.join(d, "game.txt")
        with open(path, "w") as fh:
            fh.write(text)
        out = subprocess.run([LRSNASH_PATH, path], capture_output=True, text=True, timeout=120).stdout
    # blocks of "2 <y> <payoff>" lines then "1 <x> <payoff>" lines: every x pairs with every y
    eqs, xs, ys = set(), [], []
    for line in out.splitlines() + [""]:
        t = line.split()
        if not t or line.startswith("*"):
            eqs.update((x, y) for x in xs for y in ys)
            xs, ys = [], []
        elif t[0] == "1":
            xs.append(tuple(Fraction(v) for v in t[1:1 + m]))
        elif t[0] == "2":
            ys.append(tuple(Fraction(v) for v in t[1:1 + n]))
    return eqs


@pytest.fixture
def lrsnash():
    """``lrsnash(A, B)``: lrsnash's set of extreme equilibria (skips the test when absent)."""
    if LRSNASH_PATH is None:
        pytest.skip("lrsnash (lrslib) not installed")
    return _lrsnash_run


def ce_rows(P, coarse: bool) -> tuple[list, list]:
    """The (coarse) correlated-equilibrium incentive constraints of the n-player payoff arrays
    ``P``, as rows of Fractions over the pure profiles ``profs`` (``row . D <= 0`` for a
    distribution ``D``): for each player ``i``, each recommended action ``a`` (coarse: none)
    and each deviation ``b``.  Returns ``(rows, profs)``; an independent test oracle."""
    n, sh = len(P), P[0].shape
    profs = list(itertools.product(*[range(s) for s in sh]))
    rows = []
    for i in range(n):
        for a in range(1 if coarse else sh[i]):
            for b in range(sh[i]):
                if coarse or a != b:
                    rows.append([Fraction(P[i][p[:i] + (b,) + p[i + 1:]]) - Fraction(P[i][p])
                                 if coarse or p[i] == a else Fraction(0) for p in profs])
    return rows, profs
