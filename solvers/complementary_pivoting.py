"""The Lemke-Howson algorithm for bimatrix games, with lexicographic pivoting and exact certificates.

Definition (Lemke & Howson 1964; von Stengel 2002, "Computing equilibria for two-person
games", Handbook of Game Theory vol. 3, ch. 45, Sect. 3): for a bimatrix game ``(A, B)`` with
positive payoffs (shifting payoffs does not change equilibria) let

    P = {x >= 0 : B^T x <= 1},      Q = {y >= 0 : A y <= 1}.

A point of ``P x Q`` has label ``i`` (a row, ``0 <= i < m``) if ``x_i = 0`` or
``(A y)_i = 1``, and label ``m + j`` (a column) if ``(B^T x)_j = 1`` or ``y_j = 0``.  The
completely labeled vertex pairs other than ``(0, 0)`` are exactly the Nash equilibria (after
normalizing ``x`` and ``y``).  Dropping one label ``k`` at ``(0, 0)`` defines a path of
``k``-almost completely labeled edges that ends at an equilibrium; each step is a pivot in
one of the two tableaux.  The minimum ratio test is lexicographic (von Stengel 2002, Sect.
6), which keeps every visited basis nondegenerate in the perturbed sense: the algorithm never
cycles, also on degenerate games (duplicate rows, ties).

Computation here: the float path runs in a numba kernel (:mod:`solvers._kernels.lemke_howson`)
with a product-form inverse for short paths and dense tableaux for long ones.  With
``init_label=None`` the restart heuristic of Codenotti, De Rossi & Pagan (2008, "An
experimental analysis of Lemke-Howson algorithm", arXiv:0811.3247) is used: labels
``0, 1, ..., m + n - 1`` are each followed for at most ``capping`` pivots, then label 0 without
cap.  (QuantEcon's ``lemke_howson(g, init_pivot=0, capping=c)`` caps labels ``0 .. m + n - 2``
and then follows label ``m + n - 1`` without cap, so when every capped run fails the two can
end at different equilibria: 62 of 120 runs on 60 random games of 5..40 actions per player
with ``capping`` 1 and 3, none with 10 there nor on 30 games of 50..200 actions.)
Exact games (or ``exact=True``): the final float bases give the supports, the strategies are
solved exactly from them and verified to have regret exactly 0; if that fails (round-off took
a wrong pivot), the path is recomputed by exact integer pivoting
(:func:`solvers._exact.exact_lemke_howson`).  The float answer is never trusted.

Savani & von Stengel (2006) construct games where every Lemke-Howson path is exponentially
long (:func:`solvers.generators.hard_game`); ``max_pivots`` and ``time_limit`` bound the
work and the result then says ``status="truncated"`` (exact ``hard_game(16)``: its float path
breaks down and the exact recomputation by integer pivoting needs 121,392 pivots, 30-50 s).
"""

from __future__ import annotations

import time
from fractions import Fraction
from typing import Any


import numpy as np

from ._tier import Family
from ._scale import normalized, payoff_scales
from . import _exact, _validate
from .equilibria import NashResult
from .errors import InvalidGameError, InvalidInputError, UnsupportedError, bad_param
from .games import MixedProfile, NormalFormGame
from .numbers import DEFAULT_TOL
from .results import result

__all__ = ["lemke_howson", "LemkeHowsonResult"]

#: Default bound on the number of pivots of one run.
DEFAULT_MAX_PIVOTS = 1_000_000
#: Pivot bounds are clamped to this (larger ones mean no bound; the kernels take int64).
_INT64_BOUND = 2**62
#: Default cap per label of the restart heuristic when ``init_label`` is None.
DEFAULT_CAPPING = 10
#: Games with at most this many actions in total are pivoted exactly from the start.
_SMALL_EXACT = 16
#: Float games this small too (their decimal-text Fractions get slow beyond that).
_SMALL_FLOAT = 6
#: Float games up to this many actions (m + n) whose float path fails are pivoted exactly.
_FLOAT_EXACT_FALLBACK = 60
#: Eta vectors kept by the product-form path before switching to dense tableaux.
_ETA_CAP = 48


@result
class LemkeHowsonResult(NashResult):
    """Equilibria found by Lemke-Howson.

    Attributes
    ----------
    equilibria : tuple of MixedProfile
        Distinct equilibria, in the order of the starting labels that first found them.
    regrets : tuple
        Max regret of each equilibrium (``Fraction(0)`` when exact).
    labels : tuple of tuple of int
        For each equilibrium, the starting labels (``0..m-1`` rows, ``m..m+n-1`` columns) whose
        path ended there.
    path_lengths : tuple of int
        Number of pivots of the (first) path that found each equilibrium.
    total_pivots : int
        All pivots made, including abandoned capped runs.
    """

    labels: tuple[tuple[int, ...], ...] = ()
    path_lengths: tuple[int, ...] = ()
    total_pivots: int = 0


# ---------------------------------------------------------------------------------------------
# shared helpers (also used by support_enumeration and batch)


def _check_bimatrix(game: Any, func: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    if game.n_players != 2:
        raise UnsupportedError(
            bad_param(func, "game", "a two-player game", f"a {game.n_players}-player game", raw=True)
        )


def _check_tol(func: str, tol: Any) -> float:
    """Lemke-Howson needs a strictly positive pivoting tolerance."""
    if tol is None:
        raise InvalidInputError(bad_param(func, "tol", "a positive finite number", tol))
    return _validate.check_tol(func, tol, positive=True)


def _check_exact(func: str, exact: Any, game: NormalFormGame) -> bool:
    if exact is None:
        return game.exact
    if not isinstance(exact, (bool, np.bool_)):
        raise InvalidInputError(bad_param(func, "exact", "True, False or None", exact))
    return bool(exact)


def _positive_float(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    """Each player's float payoffs mapped affinely onto ``[1, 2]`` (no equilibrium changes), and
    the two players' payoff scales (:func:`solvers._scale.payoff_scales`)."""
    A, B = game.float_payoffs()
    return (np.ascontiguousarray(normalized(A)), np.ascontiguousarray(normalized(B)),
            payoff_scales((A, B)))


def _positive_from_exact(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_positive_float`'s ``[1, 2]`` images computed from the exact payoffs, for exact
    games past the float range (``10**400``: ``float_payoffs`` cannot be formed; the float path
    is only the hint of the exact certification)."""
    out = []
    for (ints, _L) in game.integer_payoffs():
        vals = ints.reshape(-1).tolist()
        lo, hi = min(vals), max(vals)
        span = hi - lo
        pos = [float(Fraction(v - lo, span)) + 1.0 if span else 1.0 for v in vals]
        out.append(np.ascontiguousarray(np.array(pos, dtype=np.float64).reshape(ints.shape)))
    return out[0], out[1]


def _exact_payoffs(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    g = game if game.exact else game.as_exact()
    return g.payoffs[0], g.payoffs[1]


def _float_regret(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    Ay = A @ y
    xB = x @ B
    return float(max(Ay.max() - x @ Ay, xB.max() - xB @ y, 0.0))


def _relative_regret(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray,
                     scales: tuple[float, float]) -> float:
    """Max over the players of regret / payoff scale (compare with ``tol``)."""
    Ay = A @ y
    xB = x @ B
    return float(max((Ay.max() - x @ Ay) / scales[0], (xB.max() - xB @ y) / scales[1], 0.0))


def _polish(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray, tol: float):
    """Re-solve the indifference systems on the supports of ``x``, ``y`` (float, least squares)."""
    I = np.nonzero(x > tol)[0]
    J = np.nonzero(y > tol)[0]
    if len(I) == 0 or len(J) == 0:
        return x, y
    try:
        k1 = len(I)
        Mx = np.zeros((len(J) + 1, k1 + 1))
        Mx[:len(J), :k1] = B[np.ix_(I, J)].T
        Mx[:len(J), k1] = -1.0
        Mx[len(J), :k1] = 1.0
        bx = np.zeros(len(J) + 1)
        bx[-1] = 1.0
        sx = np.linalg.lstsq(Mx, bx, rcond=None)[0]
        k2 = len(J)
        My = np.zeros((len(I) + 1, k2 + 1))
        My[:len(I), :k2] = A[np.ix_(I, J)]
        My[:len(I), k2] = -1.0
        My[len(I), :k2] = 1.0
        by = np.zeros(len(I) + 1)
        by[-1] = 1.0
        sy = np.linalg.lstsq(My, by, rcond=None)[0]
    except np.linalg.LinAlgError:
        return x, y
    if np.any(sx[:k1] < 0) or np.any(sy[:k2] < 0):
        return x, y
    x2 = np.zeros_like(x)
    y2 = np.zeros_like(y)
    x2[I] = sx[:k1] / sx[:k1].sum()
    y2[J] = sy[:k2] / sy[:k2].sum()
    if _float_regret(A, B, x2, y2) <= _float_regret(A, B, x, y):
        return x2, y2
    return x, y


def _float_profile(game: NormalFormGame, x: np.ndarray, y: np.ndarray) -> MixedProfile:
    return MixedProfile(game, [x, y], exact=False)


def _exact_profile(game: NormalFormGame, x: np.ndarray, y: np.ndarray) -> MixedProfile:
    g = game if game.exact else game.as_exact()
    return MixedProfile(g, [x, y], exact=True)


# ---------------------------------------------------------------------------------------------


#: The tier of the Lemke-Howson kernels (:mod:`solvers._tier`): interpreted first.
_LH_TIER = Family("solvers._kernels.lemke_howson")
#: Interpreted runs stop after this many pivots and the compiled kernel takes over.
_TWIN_PIVOTS = 2000
#: ... and their dense-tableau pivots after about this many entry updates (one updates about
#: max(m, n) (m + n) entries; 2000 of them at 100x100 took 6 s where loading the compiled
#: kernel takes 0.3 s)
_TWIN_WORK = 2_000_000
#: ``solvers._kernels.lemke_howson.LH_TRUNCATED`` (not imported: that module imports numba)
LH_TRUNCATED = 1
#: Status of a path stopped by ``time_limit`` (not a kernel status: set between kernel calls).
LH_TIME = 5


def _run_kernel(Ap: np.ndarray, Bp: np.ndarray, labels: np.ndarray, max_pivots: int, capping: int,
                tol: float, deadline: float | None = None):
    m, n = Ap.shape
    if _LH_TIER.interpret(small=m + n <= 400):
        # the twin's dense pivots are capped by their work (the product-form ones are cheap)
        dense_cap = max(_TWIN_WORK // (max(m, n) * (m + n)), 100)
        t0 = time.perf_counter()
        with np.errstate(all="ignore"):
            out = _run_tier(True, Ap, Bp, labels, min(max_pivots, _TWIN_PIVOTS), capping, tol, deadline,
                            dense_cap)
        _LH_TIER.charge(t0)
        # (a run stopped by max_pivots itself has made exactly max_pivots pivots)
        if not (out[0] == LH_TRUNCATED and out[3] < max_pivots):
            return out
        _LH_TIER.compiled = True  # paths this long: compile from now on
    return _run_tier(False, Ap, Bp, labels, max_pivots, capping, tol, deadline)


def _run_tier(interpret: bool, Ap: np.ndarray, Bp: np.ndarray, labels: np.ndarray, max_pivots: int,
              capping: int, tol: float, deadline: float | None = None, dense_cap: int | None = None):
    from ._kernels import lemke_howson as K

    capped_pfi = _LH_TIER.kernel("lh_capped_pfi", interpret)
    m, n = Ap.shape
    basisP = np.empty(n, np.int64)
    basisQ = np.empty(m, np.int64)
    x = np.empty(m)
    y = np.empty(n)
    info = np.zeros(4, np.int64)
    capped_pfi(Ap, Bp, labels, max_pivots, capping, tol, basisP, basisQ, x, y, info, _ETA_CAP)
    if info[0] == K.LH_NEED_DENSE:
        # a long path: dense tableaux (compiled only when first needed)
        done = int(info[3])
        TP = np.empty((n, m + n + 1))
        TQ = np.empty((m, m + n + 1))
        info2 = np.zeros(4, np.int64)
        budget = max(max_pivots - done, 0)
        if dense_cap is not None:
            budget = min(budget, dense_cap)
        if deadline is None:
            _LH_TIER.kernel("lh_dense", interpret)(Ap, Bp, int(labels[0]), budget, tol, TP, TQ,
                                                    basisP, basisQ, x, y, info2)
        else:
            _dense_timed(interpret, Ap, Bp, int(labels[0]), budget, tol, TP, TQ, basisP, basisQ, x, y, info2,
                         deadline)
        info[0] = info2[0]
        info[1] = info2[1]
        info[2] = info2[2]
        info[3] = done + info2[3]
    return int(info[0]), int(info[1]), int(info[2]), int(info[3]), x, y, basisP.copy(), basisQ.copy()


#: Seconds of dense pivoting between two looks at the clock under a ``time_limit``.
_CLOCK_SLICE = 0.01


def _dense_timed(interpret: bool, Ap, Bp, label: int, max_pivots: int, tol: float, TP, TQ, basisP, basisQ,
                 x, y, info, deadline: float) -> None:
    """:func:`~solvers._kernels.lemke_howson.lh_dense` in slices of about ``_CLOCK_SLICE``
    seconds (:func:`~solvers._kernels.lemke_howson.lh_path_resume` continues the path), with the
    clock read between slices; past ``deadline`` the path stops with ``info[0] = LH_TIME``."""
    K = _LH_TIER
    m, n = Ap.shape
    K.kernel("lh_init_tableaux", interpret)(Ap, Bp, TP, TQ, basisP, basisQ)
    resume = K.kernel("lh_path_resume", interpret)
    cand = np.empty(max(m, n), np.int64)
    nzcols = np.empty(m + n + 1, np.int64)
    snapP = basisP.copy()
    snapQ = basisQ.copy()
    entering, in_p, snap_ent, power, lam = label, label < m, label, 1, 0
    done = 0
    chunk = 64
    st = LH_TRUNCATED
    while done < max_pivots:
        if time.perf_counter() > deadline:
            st = LH_TIME
            break
        t0 = time.perf_counter()
        st, piv, entering, in_p, snap_ent, power, lam = resume(
            TP, TQ, basisP, basisQ, m, n, label, entering, in_p, min(chunk, max_pivots - done), tol, cand, nzcols,
            snapP, snapQ, snap_ent, power, lam)
        done += int(piv)
        if st != LH_TRUNCATED:
            break
        dt = time.perf_counter() - t0
        # next slice: about _CLOCK_SLICE seconds at the pace just measured
        chunk = int(min(max(chunk * _CLOCK_SLICE / max(dt, 1e-9), 64), 2 * chunk + 64, 2**40))
    K.kernel("lh_extract", interpret)(TP, TQ, basisP, basisQ, m, n, x, y)
    info[0] = st
    info[1] = label
    info[2] = done
    info[3] = done


def _check_label(func: str, label: Any, total: int) -> int:
    if isinstance(label, (bool, np.bool_)) or not isinstance(label, (int, np.integer)) \
            or not (0 <= label < total):
        raise InvalidInputError(
            bad_param(func, "init_label", f"None, 'all' or an int in [0, {total})", label)
        )
    return int(label)


def lemke_howson(
    game: NormalFormGame,
    init_label: int | str | None = None,
    *,
    exact: bool | None = None,
    max_pivots: int = DEFAULT_MAX_PIVOTS,
    capping: int | None = None,
    tol: float = DEFAULT_TOL,
    time_limit: float | None = None,
) -> LemkeHowsonResult:
    """One Nash equilibrium (or one per starting label) of a bimatrix game by Lemke-Howson.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    init_label : None, int or "all"
        The label dropped at the start: ``0..m-1`` the row player's actions, ``m..m+n-1`` the
        column player's.  ``None`` (default): find one equilibrium fast with the restart
        heuristic (labels ``0, 1, ...`` each for at most ``capping`` pivots, then label 0 in
        full).  ``"all"``: run every label and return the distinct equilibria found.
    exact : bool, optional
        Certify exactly (Fractions, regret exactly 0).  Default: follow ``game.exact``.
    max_pivots : int
        Bound on the pivots of one path (and on the total of the restart heuristic); a path
        that reaches it gives ``status="truncated"``.
    capping : int, optional
        Pivots per label in the restart heuristic (default 10, as suggested by Codenotti et
        al.); only used with ``init_label=None``.  ``0`` disables the heuristic.
    tol : float
        Float path: each player's regret must be at most ``tol`` times that player's payoff
        scale (the span of its payoffs, floored at ``1e-6 max |u_i|``;
        :mod:`solvers._scale`); pivoting runs on each player's
        payoffs mapped onto ``[1, 2]``.
    time_limit : float, optional
        Seconds allowed to the whole call (default None: no limit).  The clock is read between
        starting labels, between slices of about 10 ms of a long float path (only when a limit
        is given: without one the kernels run uninterrupted) and before every pivot of exact
        integer pivoting (the recomputation that certifies exact results when the float path
        broke down, e.g. on Savani & von Stengel's hard games).  Past the limit the remaining
        paths stop and the result has ``status="truncated"`` with a message naming the limit;
        the equilibria found before it are returned, certified as usual.  Not interrupted:
        compiling the kernels (first use, cold cache) and the short capped product-form runs.

    Returns
    -------
    LemkeHowsonResult
        ``equilibria``, ``regrets``, the starting ``labels`` and ``path_lengths``; ``status``
        ``"ok"``, ``"truncated"`` (a path hit ``max_pivots`` or the call ``time_limit``) or
        ``"not_converged"`` (float round-off left a regret above ``tol``; never for exact
        results).

    Raises
    ------
    UnsupportedError
        For games with other than two players.
    InvalidInputError
        For a bad ``init_label``, ``max_pivots``, ``capping``, ``tol`` or ``time_limit``.

    Examples
    --------
    >>> from solvers import NormalFormGame
    >>> g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> r = lemke_howson(g, 1)
    >>> [str(p) for p in r.equilibria[0].strategies[0]], r.path_lengths, r.regrets
    (['0', '1/3', '2/3'], (4,), (Fraction(0, 1),))
    """
    func = "lemke_howson"
    t_start = time.perf_counter()
    _check_bimatrix(game, func)
    ex = _check_exact(func, exact, game)
    tol = _check_tol(func, tol)
    time_limit = _validate.check_time_limit(func, time_limit)
    deadline = None if time_limit is None else t_start + time_limit
    if isinstance(max_pivots, bool) or not isinstance(max_pivots, (int, np.integer)) or max_pivots < 1:
        raise InvalidInputError(bad_param(func, "max_pivots", "a positive int", max_pivots))
    # a bound past int64 means no bound (10**30 failed in the numba kernels with a TypingError)
    max_pivots = min(int(max_pivots), _INT64_BOUND)
    if capping is not None:
        if isinstance(capping, bool) or not isinstance(capping, (int, np.integer)) or capping < 0:
            raise InvalidInputError(bad_param(func, "capping", "None or an int >= 0", capping))
        capping = min(int(capping), _INT64_BOUND)
    m, n = game.shape
    total = m + n
    if isinstance(init_label, str):
        if init_label != "all":
            raise InvalidInputError(
                bad_param(func, "init_label", f"None, 'all' or an int in [0, {total})", init_label))
        runs = [(lab, 0) for lab in range(total)]
    elif init_label is None:
        cap = DEFAULT_CAPPING if capping is None else int(capping)
        runs = [(None, cap)]
    else:
        runs = [(_check_label(func, init_label, total), 0)]
    params = {"init_label": init_label, "max_pivots": max_pivots,
              "capping": (DEFAULT_CAPPING if capping is None else capping) if init_label is None else None,
              "tol": tol, "time_limit": time_limit}

    try:
        Ap, Bp, scale = _positive_float(game)
        Af, Bf = game.float_payoffs()
    except InvalidGameError:  # exact payoffs past the float range
        if not ex:
            raise
        Ap, Bp = _positive_from_exact(game)
        Af = Bf = scale = None  # (float path only)
    Ae = Be = None
    Aep = Bep = None
    if ex:
        Ae, Be = _exact_payoffs(game)
    # internal tolerances on the [1, 2]-normalized payoffs
    piv_tol = 1e-12

    eqs: list[MixedProfile] = []
    regs: list[Any] = []
    labs: list[list[int]] = []
    lens: list[int] = []
    total_piv = 0
    truncated: list[int] = []
    timed_out: list[Any] = []  # labels stopped (or never started) by time_limit
    bad: list[int] = []
    fallbacks = 0
    small = total <= (_SMALL_EXACT if ex else _SMALL_FLOAT)
    if small and Ae is None:
        Ae, Be = _exact_payoffs(game)
    for lab, cap in runs:
        if deadline is not None and time.perf_counter() > deadline:
            timed_out.append(lab)
            continue
        if small:
            # small games: integer pivoting directly (no float hint, no compilation); float
            # games are read through their decimal text and the exact answer is rounded
            est, used, epiv, tot, xe, ye = _exact_run(Ae, Be, lab, cap, max_pivots, total, deadline)
            total_piv += tot
            if est != "ok":
                (timed_out if est == "time_limit" else truncated).append(used)
                continue
            if ex:
                prof = _exact_profile(game, xe, ye)
                reg: Any = Fraction(0)
            else:
                xf = np.array([float(v) for v in xe])
                yf = np.array([float(v) for v in ye])
                prof = _float_profile(game, xf, yf)
                reg = _float_regret(Af, Bf, xf, yf)
            _add(eqs, regs, labs, lens, prof, reg, used, epiv, ex)
            continue
        if lab is None:
            labels = np.arange(total, dtype=np.int64)
            st, used, piv, tot, x, y, bP, bQ = _run_kernel(Ap, Bp, labels, max_pivots, cap, piv_tol, deadline)
        else:
            used = lab
            st, used, piv, tot, x, y, bP, bQ = _run_kernel(
                Ap, Bp, np.array([lab], dtype=np.int64), max_pivots, 0, piv_tol, deadline)
        total_piv += tot
        if st == LH_TIME:
            timed_out.append(used)
            continue
        if st == 1 and not ex:
            truncated.append(used)
            continue
        if ex:
            if Aep is None:
                Aep, Bep = _shift_exact(Ae, Be)
            sol = None
            if st == 0:
                sol = _exact.vertex_from_bases(Aep, Bep, bP, bQ)
                if sol is not None:
                    r0, r1 = _exact.bimatrix_regrets(Ae, Be, sol[0], sol[1])
                    if r0 != 0 or r1 != 0:
                        sol = None
            if sol is None:
                est, xe, ye, epiv = _exact.exact_lemke_howson(Ae, Be, used, max_pivots, deadline)
                # the exact path replaces the float one (only a hint) in the count; capped runs
                # abandoned before it stay counted (total_pivots was below path_lengths)
                total_piv += epiv - min(int(piv), int(tot))
                if est != "ok":
                    (timed_out if est == "time_limit" else truncated).append(used)
                    continue
                fallbacks += 1
                sol = (xe, ye)
                piv = epiv
            prof = _exact_profile(game, sol[0], sol[1])
            reg = Fraction(0)
        else:
            ok = st == 0
            if ok:
                if _relative_regret(Af, Bf, x, y, scale) > tol:
                    x, y = _polish(Af, Bf, x, y, 1e-12)
                r = _float_regret(Af, Bf, x, y)
                ok = _relative_regret(Af, Bf, x, y, scale) <= tol
            if not ok and total <= _FLOAT_EXACT_FALLBACK:
                # the float path broke down or ended above tol (payoffs over many orders of
                # magnitude): pivot the game exactly, as small games are, and round the answer
                if Ae is None:
                    Ae, Be = _exact_payoffs(game)
                est, used_e, epiv, tot, xe, ye = _exact_run(Ae, Be, lab, cap, max_pivots, total, deadline)
                total_piv += tot
                if est != "ok":
                    (timed_out if est == "time_limit" else truncated).append(used_e)
                    continue
                fallbacks += 1
                xf = np.array([float(v) for v in xe])
                yf = np.array([float(v) for v in ye])
                _add(eqs, regs, labs, lens, _float_profile(game, xf, yf), _float_regret(Af, Bf, xf, yf),
                     used_e, epiv, ex)
                continue
            if not ok:
                bad.append(used)
                continue
            prof = _float_profile(game, x, y)
            reg = r
        _add(eqs, regs, labs, lens, prof, reg, used, piv, ex)

    status = "ok"
    msgs = []
    if truncated:
        status = "truncated"
        msgs.append(f"path(s) from label(s) {truncated} reached max_pivots={max_pivots}")
    if timed_out:
        status = "truncated"
        msgs.append(f"time_limit={time_limit} s reached: path(s) from label(s) {timed_out} stopped or not started")
    if bad:
        if status == "ok":
            status = "not_converged"
        msgs.append(f"float path(s) from label(s) {bad} broke down (round-off made the path cycle or end with "
                    f"regret above tol={tol:g}; try exact=True)")
    if fallbacks:
        msgs.append(f"{fallbacks} path(s) recomputed by exact integer pivoting")
    return LemkeHowsonResult(
        equilibria=tuple(eqs),
        regrets=tuple(regs),
        game=game,
        labels=tuple(tuple(v) for v in labs),
        path_lengths=tuple(lens),
        total_pivots=int(total_piv),
        method="lemke_howson",
        exact=ex,
        status=status,
        message="; ".join(msgs),
        params=params,
    )


def _add(eqs, regs, labs, lens, prof, reg, used, piv, ex) -> None:
    key = _key(prof, ex)
    for idx, e in enumerate(eqs):
        if _key(e, ex) == key:
            labs[idx].append(used)
            return
    eqs.append(prof)
    regs.append(reg)
    labs.append([used])
    lens.append(int(piv))


def _exact_run(Ae, Be, lab, cap, max_pivots, total, deadline=None):
    """Exact integer-pivoting run with the same label/capping semantics as the float kernel."""
    tot = 0
    if lab is None and cap > 0 and total > 1:
        for k in range(total):
            st, x, y, piv = _exact.exact_lemke_howson(Ae, Be, k, min(cap, max_pivots - tot), deadline)
            tot += piv
            if st in ("ok", "time_limit"):
                return st, k, piv, tot, x, y
            if tot >= max_pivots:
                break
    k = 0 if lab is None else lab
    budget = max_pivots - tot
    if budget <= 0:
        return "truncated", k, 0, tot, None, None
    st, x, y, piv = _exact.exact_lemke_howson(Ae, Be, k, budget, deadline)
    return st, k, piv, tot + piv, x, y


def _key(prof: MixedProfile, exact: bool):
    if exact:
        return tuple(tuple(s.tolist()) for s in prof.strategies)
    return tuple(tuple(np.round(s, 9).tolist()) for s in prof.strategies)


def _shift_exact(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo = min(min(A.ravel().tolist()), min(B.ravel().tolist()))
    shift = 1 - lo
    return A + shift, B + shift
