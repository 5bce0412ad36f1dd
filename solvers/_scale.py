"""The unit in which a float game's payoff comparisons are made, one per player.

Equilibria, best responses, dominance and degeneracy are invariant under a positive affine map
``u_i -> a u_i + b`` of any one player's payoffs (von Stengel 2002, "Computing equilibria for
two-person games", Handbook of Game Theory vol. 3, ch. 45, Sect. 2.2).  Float algorithms
therefore compare player ``i``'s payoffs with tolerance ``tol * payoff_scale(u_i)``, computed for
each player separately from the *span* ``max u_i - min u_i`` of its payoffs: multiplying one
player's payoffs by ``1e-9`` or ``1e9``, or adding a constant, changes no answer, and one
player's large payoffs no longer blur the other's small ones.  (The former convention,
``tol * max(1, max |u|)`` over all players, tied every payoff of a player paid in units of
``1e-9`` and every payoff of a game with payoffs ``1e9 + O(1)``.)

The span is floored at ``1e-6 * max |u_i|``: with the default ``tol = 1e-9`` that keeps
differences of a few units in the last place of the payoffs (rounding noise, as in
``0.1 + 0.2`` against ``0.3``) as ties, and lets sums of large payoffs round without
failing a regret check.  A player whose payoffs are all zero gets scale 1.

Payoffs near the float maximum (``-1e308`` and ``1e308``): ``max - min`` overflows to
``inf``; the scale is then capped at the largest float (an infinite scale made every
difference a tie: all four profiles of matching pennies scaled by ``1e308`` came back as pure
equilibria), and :func:`normalized` divides by two before subtracting (exact in binary), so the
``[1, 2]`` image stays finite.
"""

from __future__ import annotations

import sys

import numpy as np

#: The largest float: caps a span that overflowed.
FMAX = sys.float_info.max

#: Float payoffs above this (2**1000, about 1e301) are scaled by a power of 2 before sums or
#: differences of them are taken (incentive rows, cumulative payoffs and regrets overflowed).
HUGE = 2.0 ** 1000

#: Floor of a player's payoff scale relative to its largest absolute payoff.
OFFSET_FLOOR = 1e-6


def payoff_scale(u: np.ndarray) -> float:
    """Scale of one player's float payoff array (see the module docstring)."""
    a = np.asarray(u, dtype=float)
    if a.size == 0:
        return 1.0
    lo = float(a.min())
    hi = float(a.max())
    scale = max(min(hi - lo, FMAX), OFFSET_FLOOR * max(abs(lo), abs(hi)))
    return scale if scale > 0 else 1.0


def _unit(a: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """``(a - lo) / (hi - lo) + 1`` for ``hi > lo``, halving first when ``hi - lo`` overflows."""
    span = hi - lo
    if span < np.inf:
        return (a - lo) / span + 1.0
    return (a * 0.5 - lo * 0.5) / (hi * 0.5 - lo * 0.5) + 1.0


def payoff_scales(payoffs) -> tuple[float, ...]:
    """:func:`payoff_scale` of each player's payoffs."""
    return tuple(payoff_scale(u) for u in payoffs)


def normalized(u: np.ndarray) -> np.ndarray:
    """One player's payoffs mapped affinely onto ``[1, 2]`` (all ones when constant)."""
    a = np.asarray(u, dtype=np.float64)
    if not a.size:
        return np.ones(a.shape)
    lo = float(a.min())
    hi = float(a.max())
    if hi - lo <= 0:
        return np.ones(a.shape)
    return _unit(a, lo, hi)


def normalized_with_scale(u: np.ndarray) -> tuple[np.ndarray, float, float]:
    """``(normalized(u), payoff_scale(u), span)`` from one min and one max (the solvers' hot
    paths call this on every game; ``span`` is ``max u - min u``)."""
    a = np.asarray(u, dtype=np.float64)
    lo = float(a.min())
    hi = float(a.max())
    span = hi - lo
    scale = max(min(span, FMAX), OFFSET_FLOOR * max(abs(lo), abs(hi)))
    pos = _unit(a, lo, hi) if span > 0 else np.ones(a.shape)
    return pos, (scale if scale > 0 else 1.0), min(span, FMAX)


def pow2_exponent(x: float, threshold: float = HUGE) -> int:
    """The binary exponent ``k`` of ``x`` (``x * 2**-k`` in ``[0.5, 1)``) when ``x`` exceeds
    ``threshold``, else 0; ``x`` is finite."""
    return int(np.frexp(x)[1]) if x > threshold else 0


def huge_exponent(pays) -> int:
    """:func:`pow2_exponent` of the largest absolute payoff of the float arrays ``pays``: the
    payoffs times ``2**-k`` are below 1 in absolute value when some payoff exceeds :data:`HUGE`
    (a power of 2: exact in binary, ties and best responses unchanged)."""
    return pow2_exponent(max(float(np.max(np.abs(p))) for p in pays))


def unscale(v, k: int):
    """``v * 2**k`` (inf past the float range); ``v`` when ``k`` is 0, None for None."""
    if v is None or not k:
        return v
    with np.errstate(over="ignore"):
        return float(np.ldexp(v, k))
