"""Logit quantal response equilibria and the principal branch of the logit QRE correspondence.

A profile ``sigma`` is a *logit QRE* with precision ``lambda >= 0`` (McKelvey & Palfrey 1995)
when every player's strategy is the logit response to the others':

    sigma_ik = exp(lambda u_i(k, sigma_-i)) / sum_l exp(lambda u_i(l, sigma_-i)).

At ``lambda = 0`` the unique QRE is the centroid (uniform play).  For generic games the set of
QREs contains a unique smooth branch starting there (the *principal branch*), along which
``lambda -> infinity`` leads to a Nash equilibrium, the *limiting logit equilibrium*
(McKelvey & Palfrey 1995, Theorem 2).

Path tracing follows Turocy (2005): in log-probability coordinates ``v = log sigma`` the
branch is the zero set of

    H_ik(v, lambda) = v_ik - v_i0 - lambda (u_i(k, sigma_-i) - u_i(0, sigma_-i)),  k >= 1,
    H_i(v, lambda)  = sum_k exp(v_ik) - 1,

a curve in ``(v, lambda)``.  We trace it by pseudo-arclength continuation (tangent predictor,
Newton corrector on ``H = 0`` plus the arclength condition, adaptive step), which follows the
branch through turning points where ``lambda`` bends back; the returned point at a requested
``lambda`` is corrected by Newton's method with ``lambda`` fixed.  Float only; every result
reports the residual of the logit fixed-point equation and the profile's max regret.
"""

from __future__ import annotations

import math
from dataclasses import field
from typing import Any

import numpy as np

from ._scale import pow2_exponent
from ._validate import check_tol
from .errors import InvalidInputError, bad_param
from .games import MixedProfile, NormalFormGame
from .results import Result, result

__all__ = ["QREResult", "logit_qre"]


@result
class QREResult(Result):
    """A logit QRE on the principal branch, with the traced path.

    Attributes
    ----------
    profile : MixedProfile
        The QRE at ``lam`` (or the last point traced).
    lam : float
        Its precision ``lambda``.
    max_regret : float
        Max regret of ``profile`` (tends to 0 along the branch as ``lambda`` grows).
    residual : float
        ``max |sigma - logit_response(sigma)|`` at ``profile``.
    path_lambdas : numpy.ndarray
        ``lambda`` at each accepted point of the path (not shown in the repr).
    path_profiles : numpy.ndarray
        The profiles along the path, one row per point, players' probabilities concatenated
        (not shown in the repr).
    steps : int
        Accepted continuation steps.
    game : NormalFormGame
        The game (not shown in the repr).
    """

    profile: MixedProfile | None = None
    lam: float = 0.0
    max_regret: float = math.inf
    residual: float = math.inf
    steps: int = 0
    path_lambdas: Any = field(default=None, repr=False, compare=False)
    path_profiles: Any = field(default=None, repr=False, compare=False)
    game: NormalFormGame | None = field(default=None, repr=False, compare=False)


class _System:
    def __init__(self, game: NormalFormGame):
        # logit responses and regrets depend only on payoff differences: drop each player's
        # offset (payoffs 1e9 + O(1) left the O(1) differences at float precision and the
        # continuation failed)
        pays = [np.asarray(p, dtype=float) for p in game.float_payoffs()]
        self.pays = [p - (float(np.max(p)) + float(np.min(p))) / 2 for p in pays]
        self.shape = game.shape
        self.n = game.n_players
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)]).astype(int)
        self.M = int(self.offsets[-1])
        self.prange = max(max(float(np.max(p) - np.min(p)) for p in self.pays), 1e-300)

    def split(self, v: np.ndarray) -> list[np.ndarray]:
        return [v[self.offsets[i]:self.offsets[i + 1]] for i in range(self.n)]

    def values(self, sig: list[np.ndarray], i: int) -> np.ndarray:
        if self.n == 2:
            return self.pays[0] @ sig[1] if i == 0 else sig[0] @ self.pays[1]
        v = self.pays[i]
        for j in reversed(range(self.n)):
            if j != i:
                v = np.tensordot(v, sig[j], axes=([j], [0]))
        return np.asarray(v)

    def cross(self, sig: list[np.ndarray], i: int, j: int) -> np.ndarray:
        """U[k, l] = u_i(k, l, sigma_-ij) for i != j."""
        if self.n == 2:
            return self.pays[0] if i == 0 else self.pays[1].T
        p = np.moveaxis(self.pays[i], (i, j), (0, 1))
        others = [k for k in range(self.n) if k not in (i, j)]
        for k in reversed(others):
            p = np.tensordot(p, sig[k], axes=([2 + others.index(k)], [0]))
        return np.asarray(p)

    def H(self, z: np.ndarray) -> np.ndarray:
        v, lam = z[:-1], z[-1]
        sig = [np.exp(x) for x in self.split(v)]
        out = np.empty(self.M)
        for i in range(self.n):
            o = self.offsets[i]
            m = self.shape[i]
            u = self.values(sig, i)
            vi = v[o:o + m]
            out[o:o + m - 1] = vi[1:] - vi[0] - lam * (u[1:] - u[0])
            out[o + m - 1] = sig[i].sum() - 1.0
        return out

    def J(self, z: np.ndarray) -> np.ndarray:
        v, lam = z[:-1], z[-1]
        sig = [np.exp(x) for x in self.split(v)]
        Jm = np.zeros((self.M, self.M + 1))
        for i in range(self.n):
            o = self.offsets[i]
            m = self.shape[i]
            u = self.values(sig, i)
            for k in range(1, m):
                Jm[o + k - 1, o + k] += 1.0
                Jm[o + k - 1, o] -= 1.0
            Jm[o:o + m - 1, -1] = -(u[1:] - u[0])
            Jm[o + m - 1, o:o + m] = sig[i]
            for j in range(self.n):
                if j == i:
                    continue
                U = self.cross(sig, i, j)
                oj = self.offsets[j]
                mj = self.shape[j]
                Jm[o:o + m - 1, oj:oj + mj] -= lam * (U[1:] - U[0]) * sig[j][None, :]
        return Jm

    def profile(self, z: np.ndarray) -> list[np.ndarray]:
        out = []
        for x in self.split(z[:-1]):
            s = np.exp(x - x.max())
            out.append(s / s.sum())
        return out

    def logit_residual(self, sig: list[np.ndarray], lam: float) -> float:
        r = 0.0
        for i in range(self.n):
            u = self.values(sig, i)
            e = np.exp(lam * (u - u.max()))
            r = max(r, float(np.max(np.abs(e / e.sum() - sig[i]))))
        return r

    def regret(self, sig: list[np.ndarray]) -> float:
        r = 0.0
        for i in range(self.n):
            u = self.values(sig, i)
            r = max(r, float(u.max() - u @ sig[i]))
        return max(r, 0.0)


def _newton_fixed_lambda(sysm: _System, z: np.ndarray, iters: int = 30) -> tuple[np.ndarray, bool]:
    z = z.copy()
    for _ in range(iters):
        Hz = sysm.H(z)
        if np.max(np.abs(Hz)) < 1e-12 * max(1.0, abs(z[-1]) * sysm.prange):
            return z, True
        Jm = sysm.J(z)[:, :-1]
        try:
            dz = np.linalg.solve(Jm, -Hz)
        except np.linalg.LinAlgError:
            return z, False
        z[:-1] += dz
        if not np.all(np.isfinite(z)):
            return z, False
    return z, bool(np.max(np.abs(sysm.H(z))) < 1e-9 * max(1.0, abs(z[-1]) * sysm.prange))


#: Payoff spreads past this (2**100, about 1.3e30) are traced on the game scaled by a power of 2:
#: at 1e200 the first continuation step already overflowed (status "failed" at the centroid).
_HUGE_SPREAD = 2.0 ** 100


def _pow2_exponent(game: NormalFormGame) -> int:
    """``k`` such that the largest payoff spread times ``2**-k`` is in ``[0.5, 1)`` when that
    spread exceeds :data:`_HUGE_SPREAD` (or overflows), else 0."""
    pays = game.float_payoffs()
    half = max(float(np.max(p) * 0.5 - np.min(p) * 0.5) for p in pays)  # (spread / 2: finite at +-1e308)
    k = pow2_exponent(half, _HUGE_SPREAD / 2)  # (half is finite, so k > 0 past the threshold)
    return k + 1 if k else 0


def _scaled_qre(game: NormalFormGame, k: int, lam: float | None, tol: float, lam_max: float,
                max_steps: int) -> QREResult:
    """:func:`logit_qre` of ``game`` through the game with payoffs times ``2**-k``: the logit QRE
    of ``u`` at precision ``lam`` is that of ``u / c`` at ``lam * c`` (McKelvey & Palfrey
    1995), so the branch is the same; precisions and regrets are mapped back (``lam_max``
    keeps its meaning in the caller's units, capped at 1e300)."""
    import dataclasses

    gs = NormalFormGame(list(np.ldexp(p, -k) for p in game.float_payoffs()), labels=game.labels,
                        players=game.players, title=game.title)
    with np.errstate(over="ignore"):
        up = float(np.ldexp(1.0, k))  # 2**k (inf for k = 1024, 1025)
        lam_s = None if lam is None else min(lam * up, 1e300)
        lam_max_s = min(lam_max * up, 1e300)
    r = logit_qre(gs, lam_s, tol=tol, lam_max=lam_max_s, max_steps=max_steps)
    with np.errstate(over="ignore"):
        return dataclasses.replace(
            r, profile=game.profile(*[list(v) for v in r.profile.strategies], exact=False),
            lam=float(np.ldexp(r.lam, -k)), max_regret=float(np.ldexp(r.max_regret, k)),
            residual=r.residual, path_lambdas=np.ldexp(r.path_lambdas, -k), game=game,
            params={"lam": lam, "tol": tol, "lam_max": lam_max, "max_steps": max_steps})


def logit_qre(
    game: NormalFormGame,
    lam: float | None = None,
    *,
    tol: float | None = None,
    lam_max: float = 1e9,
    max_steps: int = 5000,
) -> QREResult:
    """Trace the principal branch of the logit QRE correspondence.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    lam : float, optional
        Return the QRE with this precision (on the principal branch).  When omitted, trace
        until the profile's max regret is at most ``tol`` times the payoff scale (an
        approximation of the limiting logit equilibrium, a Nash equilibrium).
    tol : float, optional
        Regret tolerance when ``lam`` is omitted (default 1e-8, like the ``maxregret`` of
        Gambit's ``logit_solve``: near a mixed equilibrium a regret of 1e-6 can leave the
        strategies 1e-3 away from the limit in 3-player games; the regret of the branch
        decays like ``1 / lambda`` towards a mixed equilibrium).
    lam_max : float
        Stop tracing at this precision (status ``"not_converged"`` when ``lam`` is omitted
        and the regret is still above ``tol``); for payoffs smaller than 1 it is divided by
        the largest absolute payoff, so the limit is the same for a game and its rescalings.
    max_steps : int
        Continuation step budget (status ``"truncated"`` when exhausted).

    Returns
    -------
    QREResult
    """
    func = "logit_qre"
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a NormalFormGame", game))
    if isinstance(lam, (bool, np.bool_)):
        raise InvalidInputError(bad_param(func, "lam", "a nonnegative number or None", lam))
    if lam is not None:
        try:
            lam_t = float(lam)
        except (TypeError, ValueError):
            raise InvalidInputError(bad_param(func, "lam", "a nonnegative number or None", lam)) from None
        if not (lam_t >= 0 and math.isfinite(lam_t)):
            raise InvalidInputError(bad_param(func, "lam", "a nonnegative number or None", lam))
    else:
        lam_t = None
    # (a string tol raised a bare ValueError, a string lam_max a TypeError, and a negative or NaN
    # lam_max was accepted)
    t = 1e-8 if tol is None else check_tol(func, tol, positive=True)
    if isinstance(lam_max, (bool, np.bool_)) or not isinstance(lam_max, (int, float, np.integer, np.floating)) \
            or not (math.isfinite(float(lam_max)) and float(lam_max) > 0):
        raise InvalidInputError(bad_param(func, "lam_max", "a positive finite number", lam_max))
    lam_max = float(lam_max)
    if isinstance(max_steps, bool) or not isinstance(max_steps, (int, np.integer)) or max_steps < 1:
        raise InvalidInputError(bad_param(func, "max_steps", "a positive int", max_steps))
    k = _pow2_exponent(game)
    if k:
        return _scaled_qre(game, k, lam_t, t, lam_max, max_steps)
    return _trace(game, lam_t, t, lam_max, max_steps)


# overflow / invalid values at trial points (rejected by the corrector) are not the caller's concern
@np.errstate(over="ignore", invalid="ignore", divide="ignore")
def _trace(game: NormalFormGame, lam_t: float | None, t: float, lam_max: float, max_steps: int) -> QREResult:
    """:func:`logit_qre` on a game whose payoff spread is below ``2**100``: the continuation."""
    sysm = _System(game)
    # regrets relative to the payoffs' own size (max(1, ...) declared the centroid of a game
    # with payoffs near 1e-9 an equilibrium); lam_max likewise in units of 1 / payoff scale
    # (the spread max u - min u, not max |u|: payoffs 1e9 + O(1) made the centroid "converged")
    scale = max(float(np.max(p) - np.min(p)) for p in sysm.pays)
    scale = scale if scale > 0 else 1.0
    lam_cap = lam_max / min(1.0, scale)
    prange = max(max(float(np.max(p) - np.min(p)) for p in sysm.pays), 1e-300)
    z = np.concatenate([np.concatenate([np.full(m, -math.log(m)) for m in game.shape]), [0.0]])
    lams = [0.0]
    profs = [np.concatenate(sysm.profile(z))]
    tangent = np.zeros(sysm.M + 1)
    tangent[-1] = 1.0
    # step caps in units of 1 / payoff range when that is below 1 (payoffs near 1e-9 need
    # lambda near 1e16: with absolute caps the trace took thousands of steps)
    hcap = 1.0 / min(1.0, prange)
    h = min(max(0.1 / prange, 1e-3), 1e3 * hcap)  # first step: about 0.1 in units of the payoff range
    steps = 0
    status, message = "ok", ""
    target = lam_t
    done = False
    if target == 0.0:
        done = True
    if target is None and sysm.regret(sysm.profile(z)) <= t * scale:
        done = True  # the centroid is already an equilibrium (e.g. a constant game)
    while not done:
        if steps >= max_steps:
            status, message = "truncated", f"max_steps={max_steps} continuation steps used"
            break
        Jm = sysm.J(z)
        A = np.vstack([Jm, tangent])
        rhs = np.zeros(sysm.M + 1)
        rhs[-1] = 1.0
        try:
            tnew = np.linalg.solve(A, rhs)
        except np.linalg.LinAlgError:
            status, message = "failed", "singular Jacobian while computing the tangent"
            break
        tnew /= np.linalg.norm(tnew)
        if tnew @ tangent < 0:
            tnew = -tnew
        tangent = tnew
        # a step moves the log-probabilities by at most a quarter of their size (at least 1/4)
        # and lambda by at most a quarter of max(lambda, 1 / payoff range): longer chords jumped
        # over folds of the branch onto another branch (a 3x3x3 game: from lambda 1.06 to 2.23
        # across folds at 1.25 and 1.15, then a wrong limit with status "ok").  Both bounds are
        # invariant under rescaling the payoffs (log-probabilities do not change, lambda scales)
        tx = float(np.max(np.abs(tangent[:-1])))
        tl = abs(float(tangent[-1]))
        if tx > 0:
            h = min(h, 0.25 * max(1.0, float(np.max(np.abs(z[:-1])))) / tx)
        if tl > 0:
            h = min(h, 0.25 * max(abs(float(z[-1])), 1.0 / prange) / tl)
        accepted = False
        while h > 1e-12:
            zp = z + h * tangent
            zc = zp.copy()
            ok = False
            for it in range(8):
                F = np.concatenate([sysm.H(zc), [tangent @ (zc - zp)]])
                if np.max(np.abs(F)) < 1e-11 * max(1.0, abs(zc[-1]) * prange):
                    ok = True
                    break
                Ja = np.vstack([sysm.J(zc), tangent])
                try:
                    dz = np.linalg.solve(Ja, -F)
                except np.linalg.LinAlgError:
                    break
                zc = zc + dz
                if np.linalg.norm(dz) > 0.5 * max(h, 1.0) + 10.0:
                    break
            if ok and np.linalg.norm(zc - zp) <= 0.5 * h + 1e-9:
                accepted = True
                h = min(h * (2.0 if it <= 3 else 1.0), 1e12 * hcap)
                break
            h *= 0.5
        if not accepted:
            status, message = "failed", "continuation step size underflow (the branch could not be followed)"
            break
        znew = zc
        steps += 1
        if target is not None and znew[-1] >= target:
            # interpolate to the target and correct with lambda fixed
            frac = (target - z[-1]) / (znew[-1] - z[-1]) if znew[-1] != z[-1] else 1.0
            zt = z + frac * (znew - z)
            zt[-1] = target
            zt, okn = _newton_fixed_lambda(sysm, zt)
            if not okn and h > 1e-9:
                # the chord from z overshot the target too far for Newton at fixed lambda (it can
                # diverge where the branch bends): approach the target again with shorter steps
                h *= 0.25
                steps -= 1  # (not an accepted step)
                continue
            if not okn:
                status, message = "failed", "Newton correction at the requested lambda did not converge"
                zt = z  # the last point on the branch (the diverged iterate may be non-finite)
            z = zt
            lams.append(float(z[-1]))
            profs.append(np.concatenate(sysm.profile(z)))
            break
        z = znew
        lams.append(float(z[-1]))
        profs.append(np.concatenate(sysm.profile(z)))
        if target is None:
            reg = sysm.regret(sysm.profile(z))
            if reg <= t * scale:
                break
            if z[-1] >= lam_cap:
                status, message = "not_converged", f"lam_max={lam_max} reached with max regret {reg:.3g}"
                break
    sig = sysm.profile(z)
    prof = game.profile(*[list(s) for s in sig], exact=False)
    return QREResult(
        profile=prof, lam=float(z[-1]), max_regret=sysm.regret(sig),
        residual=sysm.logit_residual(sig, float(z[-1])), steps=steps,
        path_lambdas=np.array(lams), path_profiles=np.array(profs), game=game,
        method="logit QRE path (pseudo-arclength continuation)", exact=False, status=status, message=message,
        params={"lam": lam_t, "tol": t, "lam_max": lam_max, "max_steps": max_steps},
    )
