"""Learning dynamics for n-player normal-form games: fictitious play, replicator, regret matching.

* **Fictitious play** (Brown 1951; Robinson 1951): in every round each player best-responds to
  the empirical frequencies of the opponents' past actions (simultaneous updating; ties go
  to the lowest action index).  The empirical frequencies converge to Nash equilibrium in
  two-player zero-sum games (Robinson 1951), 2x2 games (Miyasawa 1961) and potential games
  (Monderer & Shapley 1996), but not in general (Shapley 1964's 3x3 game cycles).
* **Replicator dynamics** (Taylor & Jonker 1978), one population per player:
  ``dx_ik/dt = x_ik (u_i(k, x_-i) - u_i(x))``, integrated with the classical fourth-order
  Runge-Kutta method on the simplex (renormalized every step).  Rest points include every Nash
  equilibrium; interior trajectories of matching pennies cycle (the dynamics conserve
  ``sum log x``).
* **Regret matching** (Hart & Mas-Colell 2000): player ``i`` who played ``j`` last switches to
  ``k != j`` with probability ``max(0, D_i(j, k)) / mu`` where ``D_i(j, k)`` is the average
  gain she would have had by playing ``k`` every time she played ``j`` (conditional regret),
  and stays otherwise; ``mu`` exceeds the number of actions times the payoff range.  The
  empirical joint distribution of play converges almost surely to the set of correlated
  equilibria (Hart & Mas-Colell 2000, Main Theorem), so its CE incentive violation
  (:func:`solvers.correlated.incentive_violation`) tends to 0.

All three are floating-point procedures: results carry the max regret of the returned profile
(or the incentive violation of the returned distribution) and report ``"not_converged"`` when
it is above ``tol`` after the iteration budget.
"""

from __future__ import annotations

import math
from dataclasses import field
from typing import Any

import numpy as np

from ._scale import FMAX, huge_exponent, unscale
from ._validate import check_int, check_tol
from .errors import InvalidInputError, bad_param
from .games import MixedProfile, NormalFormGame
from .results import Result, result

__all__ = ["DynamicsResult", "fictitious_play", "regret_matching", "replicator_dynamics"]


@result
class DynamicsResult(Result):
    """Outcome of a learning dynamic.

    Attributes
    ----------
    profile : MixedProfile
        Empirical frequencies (fictitious play, regret matching: the marginals of the joint
        distribution) or the final state (replicator dynamics).
    max_regret : float
        Max regret of ``profile`` (0 at a Nash equilibrium).
    iterations : int
        Rounds played (or integration steps).
    distribution : numpy.ndarray or None
        Regret matching: the empirical joint distribution of play (the game's shape).
    ce_violation : float or None
        Regret matching: the largest correlated-equilibrium incentive violation of
        ``distribution``.
    trajectory : numpy.ndarray
        Snapshots of the profile (rows: snapshots; columns: all players' probabilities
        concatenated), every ``record_every`` steps (not shown in the repr).
    game : NormalFormGame
        The game (not shown in the repr).
    """

    profile: MixedProfile | None = None
    max_regret: float = math.inf
    iterations: int = 0
    distribution: Any = None
    ce_violation: Any = None
    trajectory: Any = field(default=None, repr=False, compare=False)
    game: NormalFormGame | None = field(default=None, repr=False, compare=False)


def _check_common(func: str, game: Any, iterations: Any, tol: Any) -> float:
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 1:
        raise InvalidInputError(bad_param(func, "iterations", "a positive int", iterations))
    if iterations > 2**62:  # (10**30 was a numba TypingError)
        raise InvalidInputError(bad_param(func, "iterations", "at most 2**62", iterations))
    return 1e-3 if tol is None else check_tol(func, tol)  # (True and "0.1" were accepted)


def _initial(func: str, game: NormalFormGame, initial: Any) -> list[np.ndarray]:
    if initial is None:
        return [np.full(m, 1.0 / m) for m in game.shape]
    if isinstance(initial, MixedProfile):
        return [np.array(s, dtype=float) for s in initial.as_float().strategies]
    if isinstance(initial, (str, bytes)) or not hasattr(initial, "__iter__"):
        # (a number raised TypeError: argument after * must be an iterable)
        raise InvalidInputError(bad_param(func, "initial", "a mixed profile of the game (one strategy per player)",
                                          initial))
    try:
        prof = game.profile(*initial, exact=False) if not isinstance(initial, MixedProfile) else initial
    except InvalidInputError as exc:
        raise InvalidInputError(bad_param(func, "initial", "a mixed profile of the game", f"{initial!r} ({exc})",
                                          raw=True)) from None
    return [np.array(s, dtype=float) for s in prof.strategies]


def _values(pays: list[np.ndarray], strategies: list[np.ndarray], i: int) -> np.ndarray:
    """u_i(k, x_-i) for every action k of player i."""
    if len(strategies) == 2:
        return pays[0] @ strategies[1] if i == 0 else strategies[0] @ pays[1]
    v = pays[i]
    for j in reversed(range(len(strategies))):
        if j != i:
            v = np.tensordot(v, strategies[j], axes=([j], [0]))
    return np.asarray(v, dtype=float)


def _regret(pays: list[np.ndarray], strategies: list[np.ndarray]) -> float:
    r = 0.0
    for i in range(len(strategies)):
        v = _values(pays, strategies, i)
        r = max(r, float(v.max() - v @ strategies[i]))
    return max(r, 0.0)


def _flat(game: NormalFormGame,
          pays: list[np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(P (n, N), shape, strides) for the kernels in solvers._kernels.dynamics from the float
    payoffs ``pays`` of ``game`` (as the caller scaled them; default ``game.float_payoffs()``)."""
    if pays is None:
        pays = game.float_payoffs()
    P = np.ascontiguousarray(np.stack([p.reshape(-1) for p in pays]))
    shape = np.array(game.shape, dtype=np.int64)
    strides = np.ones(len(shape), dtype=np.int64)
    for j in range(len(shape) - 2, -1, -1):
        strides[j] = strides[j + 1] * shape[j + 1]
    return P, shape, strides


def _positive_number(func: str, name: str, v: Any) -> float:
    """``float(v)`` for a positive finite real ``v``, else InvalidInputError naming ``name``
    (True was read as 1.0; strings are refused though ``float`` reads them)."""
    if isinstance(v, (bool, np.bool_, str)):
        raise InvalidInputError(bad_param(func, name, "a positive number", v))
    try:
        fv = float(v)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, name, "a positive number", v)) from None
    if not (fv > 0 and math.isfinite(fv)):
        raise InvalidInputError(bad_param(func, name, "a positive number", v))
    return fv


def _scale(pays: list[np.ndarray]) -> float:
    # relative to the payoffs' own size (max(1, ...) made games with payoffs near 1e-9 report
    # "ok" at a regret of a few percent of the payoffs)
    # the spread max u - min u (adding a constant to a player's payoffs changes no regret)
    m = max(float(np.max(p) - np.min(p)) for p in pays)
    return min(m, FMAX) if m > 0 else 1.0  # (an inf spread made every regret "ok")


def fictitious_play(
    game: NormalFormGame,
    *,
    iterations: int = 10_000,
    initial: Any = None,
    tol: float | None = None,
    record_every: int = 0,
) -> DynamicsResult:
    """Simultaneous fictitious play (Brown 1951) from a pure starting profile.

    Parameters
    ----------
    game : NormalFormGame
    iterations : int
        Rounds to play.
    initial : sequence of int, optional
        Starting pure profile (default: every player's action 0).
    tol : float, optional
        Status ``"ok"`` iff the empirical profile's max regret is at most ``tol`` times the
        payoff scale (default 1e-3).
    record_every : int
        Record the empirical profile every so many rounds (0: never).

    Returns
    -------
    DynamicsResult
        ``profile`` = empirical frequencies, with their ``max_regret``.
    """
    func = "fictitious_play"
    t = _check_common(func, game, iterations, tol)
    # a negative record_every made the chunk loop count down forever
    record_every = check_int(func, "record_every", record_every, minimum=0)
    n = game.n_players
    if initial is None:
        a = [0] * n
    else:
        try:
            a = list(game._pure_index(initial, func))
        except InvalidInputError:
            raise InvalidInputError(bad_param(func, "initial", "a pure profile (one action per player)",
                                              initial)) from None
    from ._kernels.dynamics import fictitious_play_kernel

    pays = list(game.float_payoffs())
    k2 = huge_exponent(pays)  # (payoffs past 2**1000: cumulative payoffs and regrets overflowed)
    if k2:
        pays = [np.ldexp(p, -k2) for p in pays]
    P, shape, strides = _flat(game, pays)
    mmax = int(shape.max())
    counts_ = np.zeros((n, mmax))
    cum = np.zeros((n, mmax))
    state = np.array(a, dtype=np.int64)
    traj = []
    done = 0
    chunk = record_every if record_every else iterations
    while done < iterations:
        steps = min(chunk, iterations - done)
        fictitious_play_kernel(P, shape, strides, state, steps, counts_, cum)
        done += steps
        if record_every and steps == record_every:
            traj.append(np.concatenate([counts_[i, :game.shape[i]] / counts_[i].sum() for i in range(n)]))
    counts = [counts_[i, :game.shape[i]] for i in range(n)]
    freqs = [c / c.sum() for c in counts]
    reg = _regret(pays, freqs)
    ok = reg <= t * _scale(pays)
    reg = unscale(reg, k2)
    return DynamicsResult(
        profile=game.profile(*[list(f) for f in freqs], exact=False), max_regret=reg, iterations=iterations,
        trajectory=np.array(traj) if traj else None, game=game, method="fictitious play", exact=False,
        status="ok" if ok else "not_converged",
        message="" if ok else f"empirical max regret {reg:.3g} above tol after {iterations} rounds",
        params={"iterations": iterations, "tol": t, "initial": tuple(a) if initial is None else tuple(initial)},
    )


def replicator_dynamics(
    game: NormalFormGame,
    *,
    initial: Any = None,
    t_max: float = 100.0,
    dt: float = 0.01,
    tol: float | None = None,
    record_every: int = 0,
) -> DynamicsResult:
    """Multi-population replicator dynamics (Taylor & Jonker 1978) integrated by RK4.

    Parameters
    ----------
    game : NormalFormGame
    initial : mixed profile, optional
        Starting state (default: uniform).  Actions with probability 0 stay at 0.
    t_max, dt : float
        Integration horizon and step.
    tol : float, optional
        Status ``"ok"`` iff the final state's max regret is at most ``tol`` times the payoff
        scale (default 1e-3); otherwise ``"not_converged"`` (e.g. cycling or a non-Nash rest
        point on the boundary).
    record_every : int
        Record the state every so many steps (0: never).
    """
    func = "replicator_dynamics"
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    for name, v in (("t_max", t_max), ("dt", dt)):
        _positive_number(func, name, v)
    steps = max(1, round(float(t_max) / float(dt)))
    if steps > 2**62:  # (t_max=1e30 was reported as "iterations must be at most 2**62")
        raise InvalidInputError(bad_param(func, "t_max", f"at most 2**62 steps of dt={float(dt):g}", t_max))
    t = _check_common(func, game, steps, tol)
    record_every = check_int(func, "record_every", record_every, minimum=0)
    x = _initial(func, game, initial)
    pays = list(game.float_payoffs())
    n = game.n_players

    def field_(state: list[np.ndarray]) -> list[np.ndarray]:
        out = []
        for i in range(n):
            v = _values(pays, state, i)
            out.append(state[i] * (v - v @ state[i]))
        return out

    h = float(dt)
    traj = []
    diverged = None
    for step in range(steps):
        with np.errstate(all="ignore"):
            k1 = field_(x)
            k2 = field_([x[i] + 0.5 * h * k1[i] for i in range(n)])
            k3 = field_([x[i] + 0.5 * h * k2[i] for i in range(n)])
            k4 = field_([x[i] + h * k3[i] for i in range(n)])
            new = [np.clip(x[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]), 0, None) for i in range(n)]
            new = [xi / xi.sum() for xi in new]
        if not all(np.all(np.isfinite(xi)) for xi in new):
            # a step too large for the payoffs: RK4 overflowed (dt=1e30 gave NaN strategies and
            # "MixedProfile(): strategies[0] must be a finite number"); keep the last finite state
            diverged = step
            break
        x = new
        if record_every and (step + 1) % record_every == 0:
            traj.append(np.concatenate(x))
    reg = _regret(pays, x)
    ok = diverged is None and reg <= t * _scale(pays)
    msg = "" if ok else f"final max regret {reg:.3g} above tol (cycling or a non-Nash rest point)"
    if diverged is not None:
        msg = (f"the integration diverged at step {diverged + 1} (dt={h:g} too large for these payoffs); "
               f"the last finite state is returned (max regret {reg:.3g})")
    return DynamicsResult(
        profile=game.profile(*[list(v) for v in x], exact=False), max_regret=reg,
        iterations=steps if diverged is None else diverged,
        trajectory=np.array(traj) if traj else None, game=game, method="replicator dynamics (RK4)",
        exact=False, status="ok" if ok else "not_converged", message=msg,
        params={"t_max": float(t_max), "dt": h, "tol": t},
    )


#: Rounds of regret matching per kernel call (the uniforms of one call are drawn at once).
_RM_CHUNK = 1 << 16


def regret_matching(
    game: NormalFormGame,
    *,
    iterations: int = 20_000,
    seed: int | None = 0,
    mu: float | None = None,
    tol: float | None = None,
) -> DynamicsResult:
    """Hart & Mas-Colell (2000) conditional regret matching; the empirical play approaches CE.

    Parameters
    ----------
    game : NormalFormGame
    iterations : int
        Rounds to play.
    seed : int or None
        Seed of the random choices.
    mu : float, optional
        Inertia constant; default ``2 * max_i m_i * R + min(1, R)`` with ``R`` the payoff
        range (it must exceed
        ``(m_i - 1)`` times the largest possible regret so the switching probabilities sum to
        at most 1).
    tol : float, optional
        Status ``"ok"`` iff the empirical joint distribution's CE violation is at most ``tol``
        times the payoff scale (default 1e-2).

    Returns
    -------
    DynamicsResult
        ``distribution`` (empirical joint play), its ``ce_violation``, and ``profile`` = the
        marginals with their ``max_regret``.
    """
    from .correlated import incentive_violation

    func = "regret_matching"
    t = _check_common(func, game, iterations, 1e-2 if tol is None else tol)
    n = game.n_players
    pays = list(game.float_payoffs())
    if isinstance(seed, (bool, np.bool_, float, str)):  # (True was seed 1; 1.5 and "x" numpy's errors)
        raise InvalidInputError(bad_param(func, "seed", "an int or None", seed))
    try:
        rng_ = np.random.default_rng(seed)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, "seed", "an int or None", seed)) from None
    k2 = huge_exponent(pays)  # (payoffs past 2**1000: cumulative payoffs and regrets overflowed)
    if k2:
        pays = [np.ldexp(p, -k2) for p in pays]
    rng_range = max(float(np.max(p) - np.min(p)) for p in pays)
    if mu is None:
        # "+ 1" only when the payoffs span at least 1: for payoffs near 1e-9 a constant 1 made
        # the switching probabilities ~1e-9, so play never moved
        mu = 2.0 * max(game.shape) * rng_range + min(1.0, rng_range) if rng_range > 0 else 1.0
    else:
        mu = _positive_number(func, "mu", mu)
        mu = float(np.ldexp(mu, -k2)) if k2 else mu  # (in the units of the scaled payoffs)
    from ._kernels.dynamics import regret_matching_kernel

    P, shape, strides = _flat(game, pays)
    mmax = int(shape.max())
    R = np.zeros((n, mmax, mmax))  # R[i, j, k]: cumulative gain of k over j when i played j
    flat_counts = np.zeros(P.shape[1])
    a = np.array([int(rng_.integers(m)) for m in game.shape], dtype=np.int64)
    # the uniforms in chunks (one array of iterations x n of them took 16 GB at 10**9 rounds);
    # successive draws continue the same stream, so the answer does not depend on the chunking
    done = 0
    while done < iterations:
        steps = min(_RM_CHUNK, iterations - done)
        regret_matching_kernel(P, shape, strides, a, done, steps, float(mu), rng_.random((steps, n)), flat_counts, R)
        done += steps
    counts = flat_counts.reshape(game.shape)
    dist = counts / counts.sum()
    viol = float(incentive_violation(game.as_float() if game.exact else game, dist))
    marg = []
    for i in range(n):
        axes = tuple(j for j in range(n) if j != i)
        marg.append(dist.sum(axis=axes) if axes else dist)
    reg = _regret(pays, marg)
    ok = float(np.ldexp(viol, -k2)) <= t * _scale(pays)
    reg, mu = unscale(reg, k2), unscale(mu, k2)
    return DynamicsResult(
        profile=game.profile(*[list(m_) for m_ in marg], exact=False), max_regret=reg, iterations=iterations,
        distribution=dist, ce_violation=viol, game=game, method="regret matching (Hart & Mas-Colell 2000)",
        exact=False, status="ok" if ok else "not_converged",
        message="" if ok else f"CE violation {viol:.3g} above tol after {iterations} rounds",
        params={"iterations": iterations, "seed": seed, "mu": mu, "tol": t},
    )
