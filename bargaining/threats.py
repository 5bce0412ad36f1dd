"""Nash's (1953) variable-threat bargaining solution of a bimatrix game.

Nash, "Two-person cooperative games", Econometrica 21 (1953).  The players of a bimatrix game
``(A, B)`` first announce threat strategies ``x, y`` (mixed); the threat point is
``d = (x A y, x B y)``; they then agree on the (symmetric) Nash bargaining solution of
``(S, d)`` where ``S`` is the convex hull of the payoff pairs (correlated agreements).  Each
player picks its threat to maximize its final payoff; the threat game is strictly competitive
(the agreement lies on the Pareto frontier, so one player's gain is the other's loss) and
Nash showed optimal threats exist.

Computation.  Let the Pareto frontier of ``S`` be the polyline with vertices ``v_0, ..., v_r``
by increasing ``u_1``; edge ``e`` between ``v_{e}`` and ``v_{e+1}`` has slope ``-m_e``
(``0 < m_0 < m_1 < ...``, concavity).  The Nash point from ``d`` lies on edge ``e`` (on the
line ``u_2 = K_e - m_e u_1``) at ``u_1 = (K_e + (m_e d_1 - d_2)) / (2 m_e)``, so on that edge
player 1 wants to maximize and player 2 to minimize ``m_e d_1 - d_2 = x (m_e A - B) y``:
a zero-sum game.  The set of threat points whose Nash point is at ``v`` or to its right is
``{d : m_l d_1 - d_2 >= m_l v_1 - v_2}`` where ``[m_l, m_r]`` is the range of supporting
slopes at ``v`` (``m_l = 0`` at the top vertex, ``m_r = inf`` at the rightmost one), and the
set whose point is at ``v`` or to its left is ``{d : m_r d_1 - d_2 <= m_r v_1 - v_2}``.
Hence, with ``val(m)`` the value of the zero-sum game ``m A - B``:

* the agreement is the vertex ``v`` iff ``val(m_l) >= m_l v_1 - v_2`` and
  ``val(m_r) <= m_r v_1 - v_2``; optimal threats are player 1's maximin strategy of
  ``m_l A - B`` and player 2's minimax strategy of ``m_r A - B``;
* the agreement is interior to edge ``e`` iff ``u_1 = (K_e + val(m_e)) / (2 m_e)`` lies
  strictly between the edge's endpoints; optimal threats are the optimal strategies of
  ``m_e A - B``.

Every vertex and edge is tested (the conditions are exact for exact games since the
zero-sum values are computed exactly by :func:`solvers.zero_sum_solve`).  The result's
``certificate`` records which face holds and the inequalities checked.  Only the symmetric
Nash solution is used (Nash 1953).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from solvers.errors import InvalidInputError, bad_param
from solvers.results import Result, result

from .problem import BargainingProblem, pareto_frontier_2d

__all__ = ["variable_threat", "VariableThreatResult"]


@result
class VariableThreatResult(Result):
    """Nash's (1953) variable-threat solution.

    Attributes
    ----------
    agreement : tuple
        The agreed payoffs (a point of the Pareto frontier of the correlated payoff set).
    threat_point : tuple
        ``(x A y, x B y)`` at the optimal threats.
    row_threat, col_threat : tuple
        Optimal threat strategies (mixed).
    slope : tuple
        ``(m_l, m_r)``: the frontier slopes (``-m``) of the zero-sum games whose optimal
        strategies are the threats (equal on an edge; ``None`` for infinity).
    face : str
        ``"edge"``, ``"vertex"`` or ``"point"`` (a single Pareto point).
    certificate : dict
    """

    agreement: tuple = ()
    threat_point: tuple = ()
    row_threat: tuple = ()
    col_threat: tuple = ()
    slope: tuple = ()
    face: str = ""
    certificate: dict = None  # type: ignore[assignment]


def _zs(M: np.ndarray, exact: bool):
    import solvers

    return solvers.zero_sum_solve(M, exact=exact)


def variable_threat(game: Any, *, exact: bool | None = None) -> VariableThreatResult:
    """Optimal threats and the resulting agreement (Nash 1953) of a two-player game.

    Parameters
    ----------
    game : solvers.NormalFormGame or (A, B)
        A bimatrix game (or its two payoff matrices).
    exact : bool, optional
        Default: follow the game.

    Returns
    -------
    VariableThreatResult

    Examples
    --------
    >>> from solvers import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[2, -1], [-1, 1]], [[1, -1], [-1, 2]])
    >>> variable_threat(g).agreement
    (Fraction(3, 2), Fraction(3, 2))
    """
    func = "variable_threat"
    from solvers.games import NormalFormGame

    if isinstance(game, (tuple, list)) and len(game) == 2:
        game = NormalFormGame.from_arrays(game[0], game[1])
    if not isinstance(game, NormalFormGame):
        raise InvalidInputError(bad_param(func, "game", "a solvers.NormalFormGame or a pair (A, B) of matrices",
                                          game))
    if game.n_players != 2:
        raise InvalidInputError(bad_param(func, "game", "a two-player game", f"{game.n_players} players", raw=True))
    use_exact = game.exact if exact is None else bool(exact)
    g = game if game.exact == use_exact else (game.as_exact() if use_exact else game.as_float())
    A, B = g.payoffs
    if not use_exact:
        A = np.asarray(A, dtype=float)
        B = np.asarray(B, dtype=float)
    pts = [(A[i, j], B[i, j]) for i in range(A.shape[0]) for j in range(A.shape[1])]
    F = pareto_frontier_2d(pts)
    params = {"exact": use_exact}

    def threat_point(x, y):
        xa = np.asarray(x, dtype=object if use_exact else float)
        ya = np.asarray(y, dtype=object if use_exact else float)
        return (xa @ A @ ya, xa @ B @ ya)

    # relative to the payoffs (an absolute floor of 1e-9 rejected every edge of a game with
    # payoffs near 1e-9 and returned a vertex instead of the interior agreement)
    tol = 0 if use_exact else 1e-9 * (max(abs(float(v)) for p in pts for v in p) or 1.0)
    if len(F) == 1:
        r = _zs(A, use_exact)
        c = _zs(-B.T, use_exact)
        x, y = r.row_strategy, c.row_strategy
        return VariableThreatResult(agreement=tuple(F[0]), threat_point=threat_point(x, y), row_threat=x,
                                    col_threat=y, slope=(), face="point", certificate={},
                                    method="variable_threat", exact=use_exact, status="degenerate",
                                    message="the Pareto frontier is a single point", params=params)
    slopes = [(F[k][1] - F[k + 1][1]) / (F[k + 1][0] - F[k][0]) for k in range(len(F) - 1)]
    cache: dict = {}

    def val(m):
        key = m
        if key not in cache:
            cache[key] = _zs(m * A - B, use_exact)
        return cache[key]

    # edges first (interior solutions), then vertices
    for e, m in enumerate(slopes):
        a, b = F[e], F[e + 1]
        K = a[1] + m * a[0]
        zs = val(m)
        u1 = (K + zs.value) / (2 * m)
        if a[0] + tol < u1 < b[0] - tol:
            agreement = (u1, K - m * u1)
            x, y = zs.row_strategy, zs.col_strategy
            return VariableThreatResult(
                agreement=agreement, threat_point=threat_point(x, y), row_threat=x, col_threat=y,
                slope=(m, m), face="edge",
                certificate={"edge": (a, b), "value": zs.value, "K": K},
                method="variable_threat", exact=use_exact, status="ok", params=params)
    for k, v in enumerate(F):
        m_l = slopes[k - 1] if k > 0 else None   # None: slope 0 (top vertex)
        m_r = slopes[k] if k < len(slopes) else None  # None: infinity (rightmost vertex)
        if m_l is None:
            x = _zs(-B, use_exact).row_strategy  # any threat: every d has d2 <= v2
            ok_l = True
            left_val = None
        else:
            zl = val(m_l)
            left_val = zl.value
            ok_l = zl.value >= m_l * v[0] - v[1] - tol
            x = zl.row_strategy
        if m_r is None:
            y = _zs(A, use_exact).col_strategy
            ok_r = True
            right_val = None
        else:
            zr = val(m_r)
            right_val = zr.value
            ok_r = zr.value <= m_r * v[0] - v[1] + tol
            y = zr.col_strategy
        if ok_l and ok_r:
            return VariableThreatResult(
                agreement=tuple(v), threat_point=threat_point(x, y), row_threat=tuple(x), col_threat=tuple(y),
                slope=(m_l if m_l is not None else 0 * v[0], m_r), face="vertex",
                certificate={"vertex": tuple(v), "val(m_l)": left_val, "val(m_r)": right_val},
                method="variable_threat", exact=use_exact, status="ok", params=params)
    return VariableThreatResult(agreement=(), threat_point=(), face="", certificate={}, method="variable_threat",
                                exact=False, status="failed",
                                message="no face satisfied the optimality conditions (numerical trouble)",
                                params=params)


def threat_problem(game: Any) -> BargainingProblem:
    """The bargaining problem of ``game`` with Nash's variable-threat point as disagreement."""
    return BargainingProblem.from_game(game, "threat")
