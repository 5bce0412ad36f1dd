"""Dominated strategies: strict and weak, by pure and by mixed strategies, iterated.

Definitions (for player ``i`` with payoff ``u_i`` and opponents' pure profiles ``s_-i``):

* action ``a`` is **strictly dominated** by the mixed strategy ``sigma`` of player ``i`` when
  ``u_i(sigma, s_-i) > u_i(a, s_-i)`` for every ``s_-i``;
* ``a`` is **weakly dominated** by ``sigma`` when ``u_i(sigma, s_-i) >= u_i(a, s_-i)`` for every
  ``s_-i`` with strict inequality for at least one;
* *by pure strategies* restricts ``sigma`` to pure actions ``b != a``.

Deciding dominance by a mixed strategy is a linear program: maximize ``eps`` subject to
``sum_k sigma_k (u_i(k, s) - u_i(a, s)) >= eps`` for all ``s`` and ``sigma`` in the simplex;
``a`` is strictly dominated iff the optimum is positive.  By LP duality ``a`` is *not*
strictly dominated iff it is a best response to some belief over the opponents' pure
profiles (Pearce 1984, Lemma 3; with correlated beliefs for more than two players), which
is how non-dominance is certified cheaply: an action that is a best response to some pure
profile or to some sampled belief needs no LP.  Weak dominance uses a second LP that
maximizes the total gain subject to ``u_i(sigma, s) >= u_i(a, s)`` for all ``s``.

Iterated elimination.  *Strict* dominance: every round removes, for every player at once,
all actions strictly dominated in the current game.  The resulting game does not depend on
the order of elimination (Gilboa, Kalai & Zemel 1990; Osborne & Rubinstein 1994, Prop. 60.2),
so this simultaneous order is canonical.  *Weak* dominance is order dependent (the reduced
game can depend on the order, Osborne & Rubinstein 1994, Sect. 4.3); we use the same order:
each round removes simultaneously all actions (of all players) weakly dominated in the game at
the start of the round.  Each recorded :class:`EliminationStep` is valid in the game at the
start of its round; every witness is supported on actions of that player that survive the
round (whenever such a witness exists, which is always the case for strict dominance, because
strict dominance is transitive and a mixed witness can be re-routed around removed actions).
Hence for strict dominance replaying the steps one by one in the recorded order is also valid.

Note on Gambit.  ``pygambit.nash``'s ``undominated_strategies_solve(strict=True)`` is not an
anchor for this module: on row payoffs such as
``[[7,5,0,5,6,0],[0,0,9,1,6,3],[2,8,1,2,4,2],[3,3,1,7,6,7],[9,9,9,8,9,9],[6,6,3,2,4,8]]`` it
removes actions that are not strictly dominated (see ``tests/solvers/test_dominance.py`` for
the derivation of the right answer).

Implementation.  Strict dominance by mixed strategies of all candidate actions of one player
is decided in one numba call (:func:`solvers._kernels.dominance.dominated_rows`: the best pure
dominator, else the LP by row and column generation over small restricted zero-sum games,
seeded by a few rounds of fictitious play); actions that best-respond to a pure profile or to
a heuristic belief are certified undominated before that and need no LP.

Exactness.  Exact games are decided exactly: payoffs are scaled to integers per player, pure
comparisons are integer comparisons, and LP answers found in floating point are certified
exactly (the dominating mixed strategy is rounded to rationals and verified, or the belief
that makes the action a best response is rounded and verified); when that fails an exact LP
(:mod:`solvers._exact_lp`) decides.  Float games use ``tol`` (default ``DEFAULT_TOL``) times the
payoff scale (the span of the player's payoffs, floored at ``1e-6 max |u_i|``;
:mod:`solvers._scale`): strict dominance needs a margin above it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ._scale import payoff_scales
from ._tier import Family
from ._validate import check_bool as _check_bool
from ._validate import check_time_limit
from ._validate import check_tol as _check_tol
from .errors import InvalidInputError, bad_param
from .games import NormalFormGame
from .numbers import to_fraction
from .results import Result, result

__all__ = [
    "DominanceCheck",
    "DominanceResult",
    "EliminationStep",
    "eliminate_dominated",
    "is_dominated",
]


# ---------------------------------------------------------------------------------------
# result types
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EliminationStep:
    """One elimination: ``player``'s ``action`` is dominated by ``witness``.

    Attributes
    ----------
    round : int
        Round of elimination (1-based); the dominance holds in the game at the start of it.
    player : int
        The player whose action is removed.
    action : int
        Index of the removed action in the *original* game.
    label : str
        Its label.
    witness : tuple
        The dominating mixed strategy, one probability per *original* action of the player
        (0 on actions already removed).  Fractions when exact.
    witness_action : int or None
        The dominating pure action (original index) when the witness is pure.
    margin : Fraction or float
        ``min_s u(witness, s) - u(action, s)`` over the opponents' profiles of the game at the
        start of the round (positive for strict dominance, ``>= 0`` for weak).
    strict : bool
        Strict or weak dominance.
    """

    round: int
    player: int
    action: int
    label: str
    witness: tuple
    witness_action: int | None
    margin: Any
    strict: bool = True

    def describe(self, labels: Sequence[str] | None = None) -> str:
        """Readable form, e.g. ``"P0: M < 1/2 U + 1/2 D"``."""
        labs = labels
        if self.witness_action is not None:
            by = labs[self.witness_action] if labs else str(self.witness_action)
        else:
            parts = []
            for k, p in enumerate(self.witness):
                if p:
                    name = labs[k] if labs else str(k)
                    parts.append(f"{_num(p)} {name}")
            by = " + ".join(parts)
        rel = "<" if self.strict else "<="
        return f"P{self.player}: {self.label} {rel} {by}"


@result
class DominanceResult(Result):
    """Outcome of (iterated) elimination of dominated actions.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game (labels are the surviving original labels).
    surviving : tuple of tuple of int
        Surviving actions per player, as indices of the original game.
    surviving_labels : tuple of tuple of str
        Their labels.
    steps : tuple of EliminationStep
        The eliminations in order (round by round; within a round by player, then action).
    rounds : int
        Number of rounds that removed something.
    original : NormalFormGame
        The input game (not shown in the repr).
    """

    game: NormalFormGame | None = None
    surviving: tuple = ()
    surviving_labels: tuple = ()
    steps: tuple = ()
    rounds: int = 0
    original: NormalFormGame | None = None

    @property
    def eliminated(self) -> tuple[tuple[int, ...], ...]:
        """Removed actions per player (original indices), in elimination order."""
        n = len(self.surviving)
        return tuple(tuple(s.action for s in self.steps if s.player == i) for i in range(n))

    def order(self) -> list[str]:
        """The elimination order as readable lines."""
        labs = self.original.labels if self.original is not None else None
        return [f"round {s.round}: " + s.describe(labs[s.player] if labs else None) for s in self.steps]


@result
class DominanceCheck(Result):
    """Whether one action is dominated, with the certificate.

    Attributes
    ----------
    dominated : bool
    witness : tuple or None
        Dominating mixed strategy over the player's actions (when dominated).
    witness_action : int or None
        The dominating pure action when the witness is pure.
    margin : Fraction or float or None
        ``min_s u(witness, s) - u(action, s)`` (when dominated).
    belief : numpy.ndarray or None
        For strict dominance when *not* dominated and available: a belief over the opponents'
        pure profiles (shape = opponents' action counts) to which the action is a best
        response, which certifies non-dominance by mixed strategies (Pearce 1984).
    """

    dominated: bool = False
    witness: tuple | None = None
    witness_action: int | None = None
    margin: Any = None
    belief: Any = None


# ---------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------
def _num(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


_F0 = Fraction(0)


class _TimeUp(Exception):
    """The caller's ``time_limit`` passed (raised between single-action decisions)."""


class _Ctx:
    """Player payoff arrays in the working number system plus the tolerance and the deadline
    (a :func:`time.perf_counter` value or None)."""

    def __init__(self, game: NormalFormGame, exact: bool, tol: float, deadline: float | None = None):
        self.deadline = deadline
        self.exact = exact
        if exact:
            g = game if game.exact else game.as_exact()
            scaled = g.integer_payoffs()
            self.pay = [p for p, _ in scaled]
            self.scales = [L for _, L in scaled]
            self.tol = 0
        else:
            # each player's payoffs in units of its payoff scale (solvers._scale): dominance is
            # invariant under that, and one tolerance then serves every player
            pays = game.float_payoffs()
            sc = payoff_scales(pays)
            self.pay = [p / s for p, s in zip(pays, sc)]
            self.scales = [1.0 / s for s in sc]
            self.tol = tol
        self.n = game.n_players

    def tick(self) -> None:
        """Raise :class:`_TimeUp` when the deadline has passed."""
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise _TimeUp

    def matrix(self, i: int, alive: list[np.ndarray]) -> np.ndarray:
        """Player i's payoffs in the current game as (own actions) x (opponent profiles)."""
        sub = self.pay[i][np.ix_(*alive)]
        sub = np.moveaxis(sub, i, 0)
        return sub.reshape(sub.shape[0], -1)


# ---------------------------------------------------------------------------------------
# single-action analysis on a matrix M (rows: own actions; columns: opponent profiles)
# ---------------------------------------------------------------------------------------
def _pure_dominators(M: np.ndarray, a: int, strict: bool, tol: Any, allowed: np.ndarray) -> tuple[int, Any] | None:
    """Best pure dominator of row a among rows with allowed[k] (k != a), with its margin."""
    diff = M - M[a]
    mins = diff.min(axis=1)
    if strict:
        ok = mins > tol
    else:
        ok = (mins >= -tol) & (diff.max(axis=1) > tol)
    ok = ok & allowed
    ok[a] = False
    idx = np.flatnonzero(ok)
    if idx.size == 0:
        return None
    best = idx[int(np.argmax(mins[idx]))] if M.dtype != object else max(idx, key=lambda k: mins[k])
    return int(best), mins[best]


# restricted-game generation: 8 initial rows/columns, add up to 8 per step, seeded by 30 rounds
# of fictitious play keeping at most 16 rows/columns (tuned on the planted 100x100 family)
_LP_PARAMS = (8, 8, 30, 16)
# belief heuristics certifying non-dominance before any LP (see _belief_marks)
_SOFTMAX_BETAS = (5.0, 20.0)
_HEDGE_STEPS = 24
_HEDGE_IDLE = 2


def _lp_strict_scipy(D: np.ndarray):
    """max eps s.t. sigma @ D >= eps, sigma in simplex (D: K x P), by HiGHS."""
    from scipy.optimize import linprog

    K, P = D.shape
    c = np.zeros(K + 1)
    c[-1] = -1.0
    A_ub = np.empty((P, K + 1))
    A_ub[:, :K] = -D.T
    A_ub[:, K] = 1.0
    A_eq = np.zeros((1, K + 1))
    A_eq[0, :K] = 1.0
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(P), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * K + [(None, None)], method="highs")
    if res.status != 0:  # pragma: no cover - the LP is always feasible and bounded
        return None
    belief = -np.asarray(res.ineqlin.marginals)
    return float(res.x[-1]), np.asarray(res.x[:K]), belief


#: The tier of the dominance kernels (:mod:`solvers._tier`): the first calls on small matrices
#: run the kernels' Python twins (a 4 x 4 game answers in milliseconds instead of compiling
#: for about 5 s); past ``_TWIN_CELLS`` entries, or after 1 s of interpreting, they compile.
_DOM_TIER = Family("solvers._kernels.dominance")
_TWIN_CELLS = 100


def _lp_strict_float(D: np.ndarray, tol: float = 0.0):
    """max eps s.t. sigma @ D >= eps, sigma in simplex (D: K x P).

    Returns ``(eps, sigma, belief)``: the optimal value (or, when positive beyond ``tol``, the
    verified margin of sigma), a maximizing sigma and a minimizing belief over the columns.
    Row generation in a numba kernel (:func:`solvers._kernels.dominance.strict_dominance_lp_fp`);
    falls back to HiGHS if the kernel reports a problem.
    """
    K, P = D.shape
    sigma = np.empty(K)
    y = np.empty(P)
    status, value = _DOM_TIER.call("strict_dominance_lp_fp", K * P <= _TWIN_CELLS,
                                   np.ascontiguousarray(D, dtype=np.float64), float(tol), *_LP_PARAMS, sigma, y)
    if status != 0:
        return _lp_strict_scipy(D)
    return float(value), sigma, y


def _lp_weak_float(D: np.ndarray, tol: float):
    """max sum(sigma @ D) s.t. sigma @ D >= 0, sigma in simplex. Returns (total, sigma) or None."""
    from scipy.optimize import linprog

    K, P = D.shape
    c = -D.sum(axis=1)
    res = linprog(c, A_ub=-D.T, b_ub=np.zeros(P), A_eq=np.ones((1, K)), b_eq=[1.0],
                  bounds=[(0, None)] * K, method="highs")
    if res.status != 0:
        return None
    return float(-res.fun), np.asarray(res.x)


def _round_ints(v: np.ndarray, den: int) -> np.ndarray | None:
    """Nonnegative integer weights ``~ v / sum(v) * den`` (None if all round to 0)."""
    v = np.clip(np.asarray(v, dtype=float), 0, None)
    s = v.sum()
    if not s > 0:
        return None
    nums = np.rint(v / s * den).astype(np.int64)
    if nums.sum() <= 0:
        return None
    return nums


def _int_dot(nums: np.ndarray, Mrows: np.ndarray) -> np.ndarray:
    """Exact ``nums @ Mrows`` for integer arrays (int64 when safe, else Python ints)."""
    if Mrows.dtype != object:
        big = int(np.max(np.abs(Mrows))) if Mrows.size else 0
        if (big + 1) * (int(nums.sum()) + 1) < 2**62:
            return nums.astype(np.int64) @ Mrows.astype(np.int64)
    return nums.astype(object) @ Mrows.astype(object)


def _exact_margins(Mrows: np.ndarray, nums: np.ndarray, row_a: np.ndarray) -> tuple[Fraction, Fraction]:
    """Exact ``(min, max)`` of ``sigma @ Mrows - row_a`` with ``sigma = nums / sum(nums)``."""
    tot = int(nums.sum())
    acc = _int_dot(nums, Mrows) - tot * row_a.astype(object if Mrows.dtype == object else np.int64)
    return Fraction(int(acc.min()), tot), Fraction(int(acc.max()), tot)


def _check_belief_exact(M: np.ndarray, a: int, nums: np.ndarray) -> bool:
    """Whether row a of M is a best response to the integer weights ``nums`` (exactly)."""
    vals = _int_dot(nums, M.T)
    return vals[a] >= vals.max()


def _exact_frac_margins(Mrows: np.ndarray, sigma: list[Fraction], row_a: np.ndarray) -> tuple[Fraction, Fraction]:
    """Exact ``(min, max)`` of ``sigma @ Mrows - row_a`` for a Fraction strategy."""
    den = 1
    for x in sigma:
        den = den * x.denominator // math.gcd(den, x.denominator)
    nums = np.empty(len(sigma), dtype=object)
    nums[:] = [int(x * den) for x in sigma]
    acc = nums @ Mrows.astype(object) - den * row_a.astype(object)
    return Fraction(int(acc.min()), den), Fraction(int(acc.max()), den)


def _fractions(nums: np.ndarray) -> list[Fraction]:
    tot = int(nums.sum())
    return [Fraction(x, tot) if x else _F0 for x in nums.tolist()]


def _float_copy(M: np.ndarray) -> np.ndarray:
    """``M`` as float64; exact integers beyond the float range are divided by the largest
    ``|M|`` first (in exact mode the float copy only proposes witnesses and beliefs, which are
    verified exactly, and hints the exact LPs, which decide)."""
    try:
        return np.ascontiguousarray(M, dtype=np.float64)
    except OverflowError:
        top = max(abs(int(v)) for v in M.reshape(-1).tolist())
        return np.array([int(v) / top for v in M.reshape(-1).tolist()], dtype=np.float64).reshape(M.shape)


def _lp_rows(M: np.ndarray, a: int, K: list[int]) -> list[list[Fraction]]:
    """The gains ``M[k] - M[a]`` (k in K) of the exact dominance LPs, divided by their largest
    ``|entry|`` when that is beyond the float range (the LPs' answers used here -- signs,
    witnesses, beliefs -- do not change; :func:`solvers._exact_lp.exact_lp` converts its
    coefficients to floats for HiGHS)."""
    D = [[int(M[k, s]) - int(M[a, s]) for s in range(M.shape[1])] for k in K]
    top = max((abs(v) for row in D for v in row), default=0)
    if top.bit_length() < 1000:
        return [[Fraction(v) for v in row] for row in D]
    return [[Fraction(v, top) for v in row] for row in D]


def _exact_strict_lp(M: np.ndarray, a: int, K: Any, deadline: float | None = None):
    """Exact max eps LP (via solvers._exact_lp). Returns (eps, sigma over K); raises
    :class:`_TimeUp` past ``deadline``."""
    from ._exact_lp import exact_lp

    K = [int(k) for k in K]
    D = _lp_rows(M, a, K)
    P = M.shape[1]
    S = max((abs(v) for row in D for v in row), default=Fraction(0)) + 1
    # variables sigma (K), e >= 0 with eps = e - S
    c = [Fraction(0)] * len(K) + [Fraction(1)]
    A_ub = [[-D[k][s] for k in range(len(K))] + [Fraction(1)] for s in range(P)]
    b_ub = [S] * P
    A_eq = [[Fraction(1)] * len(K) + [Fraction(0)]]
    sol = exact_lp(c, A_ub, b_ub, A_eq, [Fraction(1)], deadline=deadline)
    if sol.status == "time_limit":
        raise _TimeUp
    if sol.status != "optimal":  # pragma: no cover - feasible and bounded by construction
        raise RuntimeError(f"exact dominance LP ended with status {sol.status}")
    eps = sol.x[-1] - S
    belief = None
    if sol.y is not None and len(sol.y) == P:
        tot = sum(sol.y, Fraction(0))
        if tot > 0:
            belief = [v / tot for v in sol.y]
    return eps, list(sol.x[:-1]), belief


def _exact_weak_lp(M: np.ndarray, a: int, K: Any, deadline: float | None = None):
    """Exact max total-gain LP subject to weak dominance; None when infeasible (row a is not
    weakly dominated by the rows K); raises :class:`_TimeUp` past ``deadline`` and
    RuntimeError when the exact LP ends otherwise (no answer is read off a failed LP)."""
    from ._exact_lp import exact_lp

    K = [int(k) for k in K]
    P = M.shape[1]
    D = _lp_rows(M, a, K)
    c = [sum(row, Fraction(0)) for row in D]
    A_ub = [[-D[k][s] for k in range(len(K))] for s in range(P)]
    sol = exact_lp(c, A_ub, [Fraction(0)] * P, [[Fraction(1)] * len(K)], [Fraction(1)], deadline=deadline)
    if sol.status == "time_limit":
        raise _TimeUp
    if sol.status == "infeasible":
        return None
    if sol.status != "optimal":  # (e.g. "failed": the tableau too large for the exact simplex)
        raise RuntimeError(f"exact dominance LP ended with status {sol.status}: {sol.method}")
    return sol.value, list(sol.x)


def _float_witness(Mf: np.ndarray, a: int, K: np.ndarray, sigma: np.ndarray, D=None):
    """``(sigma, margin)``: the LP's sigma over the rows K clipped and normalized, and its
    margin ``min_s sigma @ (Mf[K] - Mf[a])`` (summed over the support of sigma)."""
    sigma = np.clip(sigma, 0, None)
    sigma = sigma / sigma.sum()
    nz = np.flatnonzero(sigma)
    Dn = D[nz] if D is not None else Mf[K[nz]] - Mf[a]
    return sigma, float(np.min(sigma[nz] @ Dn))


def _round_witness(M: np.ndarray, a: int, Ks: np.ndarray, sig: np.ndarray):
    """Round a float witness ``sig > 0`` over the rows Ks to integer weights (denominators
    10^3 .. 10^12) and verify it exactly: ``(weights, exact margin)`` or None."""
    for den in (10**3, 10**6, 10**9, 10**12):
        nums = _round_ints(sig, den)
        if nums is None:
            break
        lo, _hi = _exact_margins(M[Ks], nums, M[a])
        if lo > 0:
            return nums, lo
    return None


def _round_belief(M: np.ndarray, a: int, belief: np.ndarray):
    """Round a float belief to integer weights to which row a is exactly a best response."""
    for den in (10**3, 10**6, 10**9, 10**12):
        nums = _round_ints(belief, den)
        if nums is None:
            break
        if _check_belief_exact(M, a, nums):
            return nums
    return None


def _finish_strict(M: np.ndarray, Mf: np.ndarray, a: int, K: np.ndarray, ctx: _Ctx, out, D=None):
    """Decide strict dominance of row a by the rows K from the floating-point LP answer
    ``out = (eps, sigma over K, belief)`` (None if the LP failed).

    Float mode: dominated iff ``eps > ctx.tol`` (margin ``min(sigma @ D)``).  Exact mode: the
    witness sigma (or the belief) is rounded to rationals and verified exactly; when neither
    verifies, the exact LP decides.  Returns ``(dominated, sigma over K, margin, belief)``.
    """
    if not ctx.exact:
        if out is None:  # pragma: no cover
            return False, None, None, None
        eps, sigma, belief = out
        if eps > ctx.tol:
            sigma, margin = _float_witness(Mf, a, K, sigma, D)
            return True, sigma, margin, None
        return False, None, None, belief
    if out is not None:
        eps, sigma, belief = out
        if eps > 0:  # above the LP threshold (the caller passes eps <= 0 when within it)
            sup = np.flatnonzero(sigma > 0)
            hit = _round_witness(M, a, K[sup], sigma[sup])
            if hit is not None:
                full = np.zeros(len(K), dtype=np.int64)
                full[sup] = hit[0]
                return True, _fractions(full), hit[1], None
        elif eps < 0:
            nums = _round_belief(M, a, belief)
            if nums is not None:
                return False, None, None, _fractions(nums)
    eps, sg, belief = _exact_strict_lp(M, a, K, ctx.deadline)
    if eps > 0:
        return True, sg, _exact_frac_margins(M[K], sg, M[a])[0], None
    return False, None, None, belief


def _exact_lp_answer(out, thr: float):
    """Map the float LP answer to the sign convention of :func:`_finish_strict` in exact mode:
    eps above the threshold ``thr`` -> positive, below ``-thr`` -> negative, in between -> 0
    (undecided)."""
    if out is None:
        return None
    eps, sigma, belief = out
    e = 1.0 if eps > thr else (-1.0 if eps < -thr else 0.0)
    return e, sigma, belief


def _mixed_check(M: np.ndarray, a: int, K: Any, strict: bool, ctx: _Ctx, Mf: np.ndarray | None = None):
    """Decide mixed dominance of row a by strategies on rows K.

    Returns (dominated, sigma over K (array or list of Fractions), margin, belief-or-None).
    """
    K = np.asarray(K, dtype=np.int64)
    if K.size == 0:
        return False, None, None, None
    if Mf is None:
        Mf = _float_copy(M)
    D = Mf[K] - Mf[a]
    if strict:
        if ctx.exact:
            # on D / max|D| (the float LP's tolerances are absolute: payoffs read from floats' decimal
            # text are integers near 1e19, its answers were undecided and every row went to the
            # exact simplex, 14 s for 20 rows)
            scale = max(1.0, float(np.max(np.abs(D)))) if D.size else 1.0
            out = _exact_lp_answer(_lp_strict_float(D / scale, 1e-7), 1e-7)
        else:
            out = _lp_strict_float(D, ctx.tol)
        return _finish_strict(M, Mf, a, K, ctx, out, D)
    if not ctx.exact:
        out = _lp_weak_float(D, ctx.tol)
        if out is None:
            return False, None, None, None
        total, sigma = out
        sigma = np.clip(sigma, 0, None)
        sigma = sigma / sigma.sum()
        gains = sigma @ D
        if total > ctx.tol and gains.min() >= -ctx.tol and gains.max() > ctx.tol:
            return True, sigma, float(gains.min()), None
        return False, None, None, None
    res = _exact_weak_lp(M, a, K, ctx.deadline)
    if res is None:
        return False, None, None, None
    total, sg = res
    if total > 0:
        lo, hi = _exact_frac_margins(M[K], sg, M[a])
        if lo >= 0 and hi > 0:
            return True, sg, lo, None
    return False, None, None, None


def _br_check(M: np.ndarray, Mf: np.ndarray | None, rows: np.ndarray, Y: np.ndarray, ctx: _Ctx,
              full_support: bool, big: bool = False) -> np.ndarray:
    """For each column c of the beliefs Y (P x c): is rows[c] a best response to Y[:, c]?

    Exact mode converts the beliefs to integer weights and decides exactly (float64 sums of
    integers below 2**53 are exact in any order; with ``big`` the payoffs are too large for
    that and the sums are taken in Python integers); float mode allows ``ctx.tol``.
    """
    c = len(rows)
    ar = np.arange(c)
    if ctx.exact:
        if Mf is None:
            return np.zeros(c, dtype=bool)
        Ys = Y / Y.max(axis=0, keepdims=True)
        Wi = np.rint(Ys * 1024.0)
        if full_support:
            Wi = np.maximum(Wi, 1.0)
        if big:
            Mo = M if M.dtype == object else M.astype(object)
            V = Mo.dot(Wi.astype(np.int64).astype(object))
            return np.array([V[r, k] >= max(V[:, k]) for k, r in enumerate(rows.tolist())], dtype=bool)
        V = Mf @ Wi
        return V[rows, ar] >= V.max(axis=0)
    Yn = Y / Y.sum(axis=0, keepdims=True)
    V = Mf @ Yn
    return V[rows, ar] >= V.max(axis=0) - ctx.tol


def _belief_marks(M: np.ndarray, ctx: _Ctx, strict: bool, mixed: bool) -> np.ndarray:
    """Rows certified undominated by being a best response to some belief.

    Strict dominance: a best response to any belief is not strictly dominated (Pearce 1984);
    pure opponent profiles are tried first, then beliefs tilted towards the columns where the
    row is close to the column maximum (softmax at several temperatures), refined by a few
    multiplicative-weights steps of the belief against the row's best competitor.  Weak
    dominance (exact mode only): a best response to a *full-support* belief is not weakly
    dominated, so only full-support beliefs are used.
    """
    m, P = M.shape
    marked = np.zeros(m, dtype=bool)
    if strict:
        colmax = M.max(axis=0)
        marked |= (M >= colmax - ctx.tol).any(axis=1)
        if not mixed:
            return marked
    elif not ctx.exact:
        return marked
    if marked.all() or P == 1:
        return marked
    Mf = None
    big = False  # exact payoffs too large for exact float64 sums: the beliefs' sums in Python integers
    if ctx.exact:
        if M.dtype != object:
            top = float(np.max(np.abs(M))) if M.size else 0.0
            if top * 1025.0 * P < 2.0**52:
                Mf = M.astype(float)
        if Mf is None:
            # (payoffs read from floats' decimal text: every row went to the exact LP, 14 s for
            # a random 30x30 game); the float copy only proposes the beliefs
            try:
                Mf = M.astype(float)
            except OverflowError:  # integers beyond the float range: no float beliefs (the LPs decide)
                return marked
            big = True
            Mf = Mf / (float(np.max(np.abs(Mf))) or 1.0)
    else:
        Mf = M
    colmax = Mf.max(axis=0)
    spread = float(np.std(Mf)) or 1.0
    rows = np.flatnonzero(~marked)
    for beta in _SOFTMAX_BETAS:
        if rows.size == 0:
            return marked
        Z = beta * (Mf[rows] - colmax) / spread
        Y = np.exp(Z - Z.max(axis=1, keepdims=True)).T  # P x c
        ok = _br_check(M, Mf, rows, Y, ctx, not strict, big)
        marked[rows[ok]] = True
        rows = rows[~ok]
    if rows.size == 0:
        return marked
    # multiplicative weights: the belief plays Hedge against the row's best competitor; it
    # stops after _HEDGE_IDLE steps that certify nothing (the LP then decides the rest)
    Z = 5.0 * (Mf[rows] - colmax) / spread
    Y = np.exp(Z - Z.max(axis=1, keepdims=True)).T
    Y /= Y.sum(axis=0)
    eta = 1.0 / spread
    ar = np.arange(rows.size)
    idle = 0
    V = Mf @ Y
    for _ in range(_HEDGE_STEPS):
        V[rows, ar] = -np.inf
        k = V.argmax(axis=0)
        Y *= np.exp(np.clip(eta * (Mf[rows] - Mf[k]).T, -50, 50))
        Y /= Y.sum(axis=0)
        V = Mf @ Y
        if ctx.exact:
            ok = _br_check(M, Mf, rows, Y, ctx, not strict, big)
        else:  # float: the belief values just computed decide (within ctx.tol)
            ok = V[rows, ar] >= V.max(axis=0) - ctx.tol
        if ok.any():
            idle = 0
            marked[rows[ok]] = True
            keep = ~ok
            rows, Y, V, ar = rows[keep], Y[:, keep], V[:, keep], np.arange(int(keep.sum()))
        else:
            idle += 1
        if rows.size == 0 or idle >= _HEDGE_IDLE:
            break
    return marked


def _sparse(K: np.ndarray, sg: Any) -> dict[int, Any]:
    """{row: probability} of the nonzero entries of a strategy over the rows K."""
    if isinstance(sg, np.ndarray):
        nz = np.flatnonzero(sg)
        return {int(K[j]): float(sg[j]) for j in nz}
    return {int(k): p for k, p in zip(K, sg) if p}


def _strict_batch(M: np.ndarray, Mf: np.ndarray, cands: list[int], allowed: np.ndarray, ctx: _Ctx,
                  mixed: bool) -> dict[int, Any]:
    """Strict dominance of the rows ``cands`` by (pure, then mixed) strategies on the rows
    ``allowed`` (minus the row itself), all in one kernel call
    (:func:`solvers._kernels.dominance.dominated_rows`); exact mode certifies every answer
    exactly (:func:`_finish_strict`).

    Returns ``{row: ("pure", (k, margin)) or ("mixed", ({row: prob}, margin))}`` for the
    dominated rows.
    """
    found: dict[int, Any] = {}
    if not cands:
        return found
    # the kernel's float comparisons are exact comparisons of integers below 2**52
    kernel_pure = not ctx.exact or (M.size == 0 or float(np.max(np.abs(Mf))) < 2.0**52)
    todo = []
    for a in cands:
        if not kernel_pure:
            pd = _pure_dominators(M, a, True, ctx.tol, allowed)
            if pd is not None:
                found[a] = ("pure", pd)
                continue
        todo.append(a)
    if not todo or not (mixed or kernel_pure):
        return found
    m, P = Mf.shape
    c = len(todo)
    kind = np.empty(c, dtype=np.int64)
    pure = np.empty(c, dtype=np.int64)
    value = np.empty(c)
    sigma = np.empty((c, m))
    belief = np.empty((c, P))
    tol = 1e-7 if ctx.exact else float(ctx.tol)
    _DOM_TIER.call("dominated_rows", m * P <= _TWIN_CELLS, Mf, np.asarray(todo, dtype=np.int64),
                   np.ascontiguousarray(allowed, dtype=np.bool_), tol, ctx.exact, kernel_pure, *_LP_PARAMS, kind,
                   pure, value, sigma, belief)
    rows = np.flatnonzero(allowed)
    for t, a in enumerate(todo):
        kd = int(kind[t])
        if kd == 0:
            continue
        ctx.tick()
        if kd == 1:
            k = int(pure[t])
            margin = int((M[k] - M[a]).min()) if ctx.exact else value[t]
            found[a] = ("pure", (k, margin))
            continue
        if not mixed or (kd == 3 and not ctx.exact):
            continue  # float: the LP value is at most tol, not dominated
        # the kernel's sigma is over all rows (zero outside K): work on its support
        if kd == 2:
            sup = np.flatnonzero(sigma[t] > 0)
            if not ctx.exact:
                # the kernel's sigma is clipped and normalized, value[t] its margin over all columns
                found[a] = ("mixed", ({int(k): float(sigma[t, k]) for k in sup}, float(value[t])))
                continue
            hit = _round_witness(M, a, sup, sigma[t, sup])
            if hit is not None:
                nums, lo = hit
                tot = int(nums.sum())
                found[a] = ("mixed", ({int(k): Fraction(int(x), tot) for k, x in zip(sup, nums) if x}, lo))
                continue
        elif kd == 3 and _round_belief(M, a, belief[t]) is not None:
            continue  # exactly a best response to a belief: not dominated
        # LP failure or an exact answer still open: decide on all allowed rows
        K = rows[rows != a]
        if kd == 4:
            dom, sg, margin, _ = _mixed_check(M, a, K, True, ctx, Mf)
        else:
            dom, sg, margin, _ = _finish_strict(M, Mf, a, K, ctx, None)
        if dom:
            found[a] = ("mixed", (_sparse(K, sg), margin))
    return found


def _analyze_player(M: np.ndarray, strict: bool, mixed: bool, ctx: _Ctx):
    """All dominated rows of M with witnesses among the surviving rows.

    Returns a dict row -> (sigma over rows as {row: prob}, pure witness row or None, margin).
    """
    m = M.shape[0]
    if m <= 1:
        return {}
    marked = _belief_marks(M, ctx, strict, mixed)
    if marked.all():
        return {}
    everyone = np.ones(m, dtype=bool)
    # strict dominance on int64 / float payoffs: one kernel call per phase
    batch = strict and mixed and M.dtype != object
    Mf = _float_copy(M) if mixed else None
    allrows = np.arange(m)
    dominated: dict[int, Any] = {}
    if batch:
        dominated = _strict_batch(M, Mf, np.flatnonzero(~marked).tolist(), everyone, ctx, mixed)
    else:
        for a in np.flatnonzero(~marked).tolist():
            ctx.tick()
            pd = _pure_dominators(M, a, strict, ctx.tol, everyone)
            if pd is not None:
                dominated[a] = ("pure", pd)
                continue
            if mixed:
                K = np.delete(allrows, a)
                dom, sg, margin, _ = _mixed_check(M, a, K, strict, ctx, Mf)
                if dom:
                    dominated[a] = ("mixed", (_sparse(K, sg), margin))
    if not dominated:
        return {}
    survivors = np.ones(m, dtype=bool)
    survivors[list(dominated)] = False
    out = {}
    redo = []
    for a, (kind, info) in sorted(dominated.items()):
        if kind == "mixed":
            wit, margin = info
            if all(survivors[k] for k in wit):
                out[a] = (wit, None, margin)
                continue
        elif survivors[info[0]]:
            out[a] = ({info[0]: 1}, info[0], info[1])
            continue
        redo.append(a)
    if batch:
        again = _strict_batch(M, Mf, redo, survivors, ctx, mixed)
    for a in redo:
        ctx.tick()
        kind, info = dominated[a]
        if batch:
            hit = again.get(a)
            if hit is not None and hit[0] == "pure":
                out[a] = ({hit[1][0]: 1}, hit[1][0], hit[1][1])
                continue
            if hit is not None:
                out[a] = (hit[1][0], None, hit[1][1])
                continue
        else:
            pd = _pure_dominators(M, a, strict, ctx.tol, survivors)
            if pd is not None:
                out[a] = ({pd[0]: 1}, pd[0], pd[1])
                continue
            if mixed:
                K = np.flatnonzero(survivors)
                dom, sg, margin, _ = _mixed_check(M, a, K, strict, ctx, Mf)
                if dom:
                    out[a] = (_sparse(K, sg), None, margin)
                    continue
        # no witness among survivors (only possible for weak dominance with ties): keep the original
        if kind == "pure":
            out[a] = ({info[0]: 1}, info[0], info[1])
        else:
            out[a] = (info[0], None, info[1])
    return out


# ---------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------
def _check_game(func: str, game: Any) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    return game


def eliminate_dominated(
    game: NormalFormGame,
    *,
    strict: bool = True,
    mixed: bool = False,
    iterated: bool = True,
    players: Sequence[int | str] | None = None,
    exact: bool | None = None,
    tol: float | None = None,
    max_rounds: int | None = None,
    time_limit: float | None = None,
) -> DominanceResult:
    """Remove dominated actions, once or iteratively, recording the order.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    strict : bool
        Strict dominance (default) or weak dominance.
    mixed : bool
        Also allow dominance by mixed strategies (decided by LP); default pure only.
    iterated : bool
        Repeat until nothing is dominated (default) or do one round.
    players : sequence of int or str, optional
        Only these players' actions may be removed (default: all players).
    exact : bool, optional
        Decide exactly (default: follow the game).  Float games are read exactly through the
        decimal text of their payoffs.
    tol : float, optional
        Float mode only: dominance must hold by more than ``tol * s_i`` (``s_i`` the player's
        payoff scale, :mod:`solvers._scale`)
        (default :data:`~solvers.numbers.DEFAULT_TOL`).
    max_rounds : int, optional
        Stop after this many rounds (status ``"truncated"`` if more was removable).
    time_limit : float, optional
        Seconds allowed (default None: no limit).  The clock is read before each action's
        decision and inside the exact LPs (:mod:`solvers._exact_lp`; exact mixed dominance on
        games read from float payoffs can need them for every action).  Past the limit the
        result has ``status="truncated"`` and a message naming the limit: the rounds done,
        and in the round under way the players whose analysis finished, are kept (every
        recorded step is valid); more actions may be dominated.

    Returns
    -------
    DominanceResult
        The reduced game, surviving actions (original indices and labels), and the steps.
        Steps of one round are valid in the game at the start of that round; see the module
        docstring for the order used (it matters only for weak dominance).

    Examples
    --------
    >>> from solvers import NormalFormGame
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], labels=[["C", "D"]] * 2)
    >>> r = eliminate_dominated(pd)
    >>> r.surviving_labels
    (('D',), ('D',))
    """
    func = "eliminate_dominated"
    t_start = time.perf_counter()
    game = _check_game(func, game)
    strict = _check_bool(func, "strict", strict)
    mixed = _check_bool(func, "mixed", mixed)
    iterated = _check_bool(func, "iterated", iterated)
    if exact is not None:
        exact = _check_bool(func, "exact", exact)
    use_exact = game.exact if exact is None else exact
    t = _check_tol(func, tol)
    if players is None:
        who = list(range(game.n_players))
    elif isinstance(players, (int, np.integer, str)) and not isinstance(players, bool):
        try:
            who = [game.player_index(players)]
        except InvalidInputError:  # (the message named NormalFormGame.player_index, not players)
            raise InvalidInputError(bad_param(func, "players", f"player indices or names of {game.players}",
                                              players)) from None
    else:
        try:
            who = sorted({game.player_index(p) for p in players})
        except InvalidInputError:
            raise InvalidInputError(bad_param(func, "players", f"player indices or names of {game.players}",
                                              players)) from None
        except TypeError:
            raise InvalidInputError(bad_param(func, "players", "a sequence of players", players)) from None
    if max_rounds is not None and (isinstance(max_rounds, bool) or not isinstance(max_rounds, (int, np.integer))
                                   or max_rounds < 1):
        raise InvalidInputError(bad_param(func, "max_rounds", "a positive int or None", max_rounds))
    time_limit = check_time_limit(func, time_limit)
    limit = 1 if not iterated else (max_rounds if max_rounds is not None else 10**9)
    ctx = _Ctx(game, use_exact, t, None if time_limit is None else t_start + time_limit)
    alive = [np.arange(m) for m in game.shape]
    steps: list[EliminationStep] = []
    rnd = 0
    status = "ok"
    message = ""
    timed_out = False
    while True:
        round_found: list[tuple[int, dict]] = []
        for i in who:
            M = ctx.matrix(i, alive)
            try:
                ctx.tick()
                found = _analyze_player(M, strict, mixed, ctx)
            except _TimeUp:
                timed_out = True
                status = "truncated"
                message = (f"time_limit={time_limit} s reached in round {rnd + 1} (player {i}); the steps "
                           "recorded are valid, more actions may be dominated")
                break
            if found:
                round_found.append((i, found))
        if not round_found:
            break
        if rnd >= limit:
            if iterated:
                status = "truncated"
                message = f"stopped after max_rounds={max_rounds}; more actions are dominated"
            break
        rnd += 1
        for i, found in round_found:
            idx = alive[i]
            for a in sorted(found):
                sigma_local, wa, margin = found[a]
                if use_exact:
                    wit = [_F0] * game.shape[i]
                    for k, p in sigma_local.items():
                        wit[int(idx[k])] = to_fraction(p)
                    margin_v = to_fraction(margin) / ctx.scales[i]
                else:
                    wit = [0.0] * game.shape[i]
                    for k, p in sigma_local.items():
                        wit[int(idx[k])] = float(p)
                    margin_v = float(margin) / ctx.scales[i]
                steps.append(EliminationStep(
                    round=rnd, player=i, action=int(idx[a]), label=game.labels[i][int(idx[a])],
                    witness=tuple(wit), witness_action=None if wa is None else int(idx[wa]),
                    margin=margin_v, strict=strict))
            keep = np.ones(len(idx), dtype=bool)
            keep[list(found)] = False
            alive[i] = idx[keep]
        if timed_out or not iterated:  # (one round: no second analysis, which a time limit could cut)
            break
    surviving = tuple(tuple(int(k) for k in a) for a in alive)
    reduced = game.restrict([list(s) for s in surviving])
    if use_exact and not reduced.exact:
        reduced = reduced.as_exact()
    kind = ("strict" if strict else "weak") + (" mixed" if mixed else " pure")
    return DominanceResult(
        game=reduced,
        surviving=surviving,
        surviving_labels=tuple(tuple(game.labels[i][k] for k in s) for i, s in enumerate(surviving)),
        steps=tuple(steps),
        rounds=rnd,
        original=game,
        method=f"iterated {kind} dominance" if iterated else f"{kind} dominance (one round)",
        exact=use_exact,
        status=status,
        message=message,
        params={"strict": strict, "mixed": mixed, "iterated": iterated, "players": tuple(who),
                "tol": None if use_exact else t, "max_rounds": max_rounds, "time_limit": time_limit},
    )




def is_dominated(
    game: NormalFormGame,
    player: int | str,
    action: int | str,
    *,
    strict: bool = True,
    mixed: bool = False,
    exact: bool | None = None,
    tol: float | None = None,
) -> DominanceCheck:
    """Whether one action is dominated in ``game``, with the dominating strategy as witness.

    Parameters
    ----------
    game : NormalFormGame
    player : int or str
        Player index or name.
    action : int or str
        Action index or label.
    strict, mixed, exact, tol
        As in :func:`eliminate_dominated`.

    Returns
    -------
    DominanceCheck
        ``dominated``, the ``witness`` (probabilities over the player's actions), the pure
        ``witness_action`` when pure, the ``margin``, and for strict non-dominance by mixed
        strategies a ``belief`` certificate when the LP produced one.
    """
    func = "is_dominated"
    game = _check_game(func, game)
    i = game.player_index(player)
    a = game.action_index(i, action)
    strict = _check_bool(func, "strict", strict)
    mixed = _check_bool(func, "mixed", mixed)
    if exact is not None:
        exact = _check_bool(func, "exact", exact)
    use_exact = game.exact if exact is None else exact
    t = _check_tol(func, tol)
    ctx = _Ctx(game, use_exact, t)
    M = ctx.matrix(i, [np.arange(m) for m in game.shape])
    m = M.shape[0]
    # (exact mode: every witness weight, belief and margin is an int, a numpy int or a Fraction,
    # which to_fraction reads as Fraction does, a numpy int as a Python int: Fraction(np.int64(k))
    # kept an int64 numerator and dividing it by a scale past 2**63 raised OverflowError)
    conv = to_fraction if use_exact else float
    params = {"player": i, "action": a, "strict": strict, "mixed": mixed, "tol": None if use_exact else t}
    kind = ("strict" if strict else "weak") + (" mixed" if mixed else " pure")
    pd = _pure_dominators(M, a, strict, ctx.tol, np.ones(m, dtype=bool))
    if pd is not None:
        wit = [conv(0)] * m
        wit[pd[0]] = conv(1)
        margin = to_fraction(pd[1]) / ctx.scales[i] if use_exact else float(pd[1]) / ctx.scales[i]
        return DominanceCheck(dominated=True, witness=tuple(wit), witness_action=pd[0], margin=margin,
                              method=f"{kind} dominance", exact=use_exact, params=params)
    belief = None
    if mixed:
        K = np.delete(np.arange(m), a)
        dom, sg, margin, bel = _mixed_check(M, a, K, strict, ctx)
        if dom:
            wit = [conv(0)] * m
            for k, p in zip(K.tolist(), list(sg)):
                wit[k] = conv(p)
            margin = to_fraction(margin) / ctx.scales[i] if use_exact else float(margin) / ctx.scales[i]
            return DominanceCheck(dominated=True, witness=tuple(wit), witness_action=None, margin=margin,
                                  method=f"{kind} dominance", exact=use_exact, params=params)
        if strict and bel is not None:
            opp = tuple(game.shape[j] for j in range(game.n_players) if j != i)
            arr = np.array([conv(x) for x in bel], dtype=object if use_exact else float)
            if arr.size == int(np.prod(opp, dtype=int)):
                belief = arr.reshape(opp)
    return DominanceCheck(dominated=False, belief=belief, method=f"{kind} dominance", exact=use_exact,
                          params=params)
