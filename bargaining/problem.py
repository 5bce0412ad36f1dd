"""Bargaining problems: a feasible set of utility vectors and a disagreement point.

An n-person bargaining problem (Nash 1950, "The bargaining problem", Econometrica 18) is a pair
``(S, d)``: ``S`` a set of feasible utility vectors in R^n and ``d`` the disagreement point,
the utilities the players get when they fail to agree.  Here ``S`` is given by finitely many
points ``P_1, ..., P_k`` (rows of :attr:`BargainingProblem.points`) under one of two explicit
semantics:

``lotteries=True`` (the default, and :meth:`BargainingProblem.from_vertices`)
    ``S = conv{P_1, ..., P_k}``: the players may agree on any lottery over the outcomes
    (expected utilities), so ``S`` is the convex polytope spanned by the points.
``lotteries=False``
    ``S = {P_1, ..., P_k}``: only the pure outcomes can be agreed on.

Following Nash (1950) the disagreement point must be *attainable without loss*: some feasible
point must weakly dominate it (``x >= d`` componentwise); otherwise the problem is rejected.
The solutions then operate on the individually rational part ``S_d = {x in S : x >= d}``.

Exactness.  Points and the disagreement point given as ints, Fractions or ``"p/q"`` strings
make an *exact* problem: hulls, frontiers and linear programs are computed in Fractions
(2-player hulls and frontiers by exact cross products; LPs by :mod:`solvers._exact_lp`, which
certifies a floating point optimum exactly by primal and dual feasibility).

Pareto frontier.  For two players with ``lotteries=True`` :meth:`BargainingProblem.frontier`
returns the exact vertices of the strongly Pareto-optimal part of ``S_d`` (a monotone
polyline).  For n players, :meth:`BargainingProblem.pareto_indices` returns the points not
weakly dominated by another point (the only points that can carry a Pareto-optimal lottery),
and :meth:`BargainingProblem.pareto_facets` the facets of ``conv(P)`` with a strictly
positive outer normal (scipy's Qhull, floating point).

Building from a game (:meth:`BargainingProblem.from_game`): the outcomes are the pure payoff
profiles of a normal-form game; with lotteries, ``S`` is the set of payoffs of correlated
strategy profiles (Nash 1953, "Two-person cooperative games", Econometrica 21).  The
disagreement point is the players' maximin (security) values in mixed strategies, the payoffs
of a Nash equilibrium, Nash's (1953) optimal-threat point, or an explicit point.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from solvers.errors import InvalidInputError, UnsupportedError, bad_param
from solvers.numbers import DEFAULT_TOL, is_exact_number, to_fraction, to_float

__all__ = ["BargainingProblem", "MAX_POINTS"]

#: Largest number of points (outcomes or vertices) a problem may hold.
MAX_POINTS: int = 5_000_000


def _is_exact_input(values: Any) -> bool:
    arr = np.asarray(values, dtype=object).reshape(-1)
    return all(is_exact_number(v) and not isinstance(v, bool) for v in arr)


def _convert_matrix(func: str, param: str, values: Any, exact: bool) -> np.ndarray:
    """2-D array (k, n): Fractions (object) or float64; validated."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu" and not exact:
        arr = values.astype(np.float64)
        if arr.ndim != 2:
            raise InvalidInputError(bad_param(func, param, "a 2-D array (outcomes x players)",
                                              f"an array of shape {arr.shape}", raw=True))
        if not np.all(np.isfinite(arr)):
            bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
            raise InvalidInputError(bad_param(func, param, "finite numbers",
                                              f"{arr[bad]!r} at index {bad}", raw=True))
        return arr
    must = "a sequence of utility vectors"
    try:
        rows_in = list(values)
    except TypeError:
        raise InvalidInputError(bad_param(func, param, must, values)) from None
    # a string ("1234") or a string row ("12") would be read as a vector of digits
    if isinstance(values, (str, bytes)) or any(isinstance(r, (str, bytes)) for r in rows_in):
        raise InvalidInputError(bad_param(func, param, must, values))
    try:
        rows = [list(r) for r in rows_in]
    except TypeError:  # a row that is not a sequence
        raise InvalidInputError(bad_param(func, param, must, values)) from None
    if not rows:
        raise InvalidInputError(bad_param(func, param, "a nonempty list of utility vectors", values))
    n = len(rows[0])
    for r in rows:
        if len(r) != n:
            raise InvalidInputError(bad_param(func, param, "utility vectors of equal length", values))
    if exact:
        out = np.empty((len(rows), n), dtype=object)
        for a, r in enumerate(rows):
            for b, v in enumerate(r):
                out[a, b] = to_fraction(v, func=func, param=f"{param}[{a}][{b}]")
        return out
    out = np.empty((len(rows), n), dtype=np.float64)
    for a, r in enumerate(rows):
        for b, v in enumerate(r):
            out[a, b] = to_float(v, func=func, param=f"{param}[{a}][{b}]")
    return out


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def hull_2d(points: Sequence[Sequence[Any]]) -> list[tuple[Any, Any]]:
    """Convex hull of 2-D points, counterclockwise, collinear points dropped (Andrew 1979).

    Exact for Fractions (cross products are computed in the numbers given).
    """
    pts = sorted(set((p[0], p[1]) for p in points))
    if len(pts) <= 2:
        return pts
    lower: list = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def pareto_frontier_2d(points: Sequence[Sequence[Any]]) -> list[tuple[Any, Any]]:
    """Vertices of the strongly Pareto-optimal boundary of ``conv(points)``, by increasing u1.

    The polyline runs from the point with the largest u2 (largest u1 among ties) to the
    point with the largest u1 (largest u2 among ties); along it u1 strictly increases and
    u2 strictly decreases.
    """
    hull = hull_2d(points)
    if len(hull) == 1:
        return [hull[0]]
    # rightmost (max u1, then max u2) and topmost (max u2, then max u1)
    right = max(hull, key=lambda p: (p[0], p[1]))
    top = max(hull, key=lambda p: (p[1], p[0]))
    if right == top:
        return [right]
    m = len(hull)
    i = hull.index(right)
    chain = [right]
    # counterclockwise from the rightmost point the boundary goes up and to the left
    while hull[i] != top:
        i = (i + 1) % m
        chain.append(hull[i])
    chain.reverse()
    return chain


def clip_frontier_2d(chain: list, d: Sequence[Any]) -> list:
    """Restrict a monotone frontier polyline (by increasing u1) to ``u >= d``."""
    d1, d2 = d
    out: list = []
    for k, p in enumerate(chain):
        if p[0] >= d1 and p[1] >= d2:
            out.append(p)
    # entry point on u1 = d1 (segment from p with u1 < d1 to q with u1 > d1)
    res: list = []
    for k in range(len(chain) - 1):
        p, q = chain[k], chain[k + 1]
        if p[0] < d1 < q[0]:
            t = (d1 - p[0]) / (q[0] - p[0])
            y = p[1] + t * (q[1] - p[1])
            if y >= d2:
                res.append((d1, y))
    res.extend(out)
    for k in range(len(chain) - 1):
        p, q = chain[k], chain[k + 1]
        if p[1] > d2 > q[1]:
            t = (p[1] - d2) / (p[1] - q[1])
            x = p[0] + t * (q[0] - p[0])
            if x >= d1:
                res.append((x, d2))
    res.sort(key=lambda p: (p[0], -p[1]) if not isinstance(p[0], float) else (p[0], -p[1]))
    dedup: list = []
    for p in res:
        if not dedup or dedup[-1] != p:
            dedup.append(p)
    return dedup


def pareto_mask(P: np.ndarray) -> np.ndarray:
    """Boolean mask of the rows of ``P`` not weakly dominated by another row.

    A row is removed when another row is ``>=`` in every coordinate and ``>`` in one; of
    several equal undominated rows only the first is kept.  Exact for Fractions (coordinates
    are replaced by their exact ranks first).
    """
    k, n = P.shape
    if P.dtype == object:
        R = np.empty((k, n), dtype=np.int64)
        for j in range(n):
            col = P[:, j].tolist()
            order = sorted(set(col))
            rank = {v: r for r, v in enumerate(order)}
            R[:, j] = [rank[v] for v in col]
        Q = R
    else:
        Q = P
    keep = np.ones(k, dtype=bool)
    if n == 2:
        order = np.lexsort((-Q[:, 1], -Q[:, 0]))  # by u1 desc, then u2 desc
        best = None
        last = None
        for idx in order:
            row = (Q[idx, 0], Q[idx, 1])
            if last is not None and row == last:
                keep[idx] = False
                continue
            if best is not None and row[1] <= best:
                keep[idx] = False
            else:
                best = row[1]
            last = row
        return keep
    # general n: sort by sum descending; a row can only be dominated by an earlier row
    order = np.argsort(-Q.sum(axis=1), kind="stable")
    Qs = Q[order]
    kept: list[int] = []
    kept_rows = np.empty((0, n), dtype=Q.dtype)
    for pos in range(k):
        row = Qs[pos]
        if kept_rows.shape[0]:
            ge = np.all(kept_rows >= row, axis=1)
            if np.any(ge):
                keep[order[pos]] = False
                continue
        kept.append(pos)
        kept_rows = Qs[kept]
    return keep


def _str_tuple(func: str, param: str, values: Any, must: str) -> tuple[str, ...]:
    """``values`` (an iterable that is not a string) as a tuple of str; else an error naming ``param``."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise InvalidInputError(bad_param(func, param, must, values))
    return tuple(str(x) for x in values)


def _player_names(func: str, players: Any, n: int) -> tuple[str, ...]:
    """``n`` distinct player names (``None``: ``P0 .. P{n-1}``); shared with :mod:`.coalitional`."""
    if players is None:
        return tuple(f"P{i}" for i in range(n))
    must = f"{n} distinct names"
    names = _str_tuple(func, "players", players, must)
    if len(names) != n or len(set(names)) != n:
        raise InvalidInputError(bad_param(func, "players", must, names))
    return names


class BargainingProblem:
    """An n-player bargaining problem ``(S, d)`` with a polyhedral or finite feasible set.

    Build it with :meth:`from_vertices`, :meth:`from_outcomes` or :meth:`from_game`.

    Attributes
    ----------
    points : numpy.ndarray
        ``(k, n)`` array of utility vectors (object array of Fractions when :attr:`exact`,
        else float64); read-only.
    disagreement : tuple
        The disagreement point ``d``.
    lotteries : bool
        ``True``: ``S = conv(points)``; ``False``: ``S = points`` (pure outcomes only).
    exact : bool
    labels : tuple of str or None
        Outcome labels (from :meth:`from_outcomes` / :meth:`from_game`).
    players : tuple of str
    """

    __slots__ = ("_points", "_d", "_lotteries", "_exact", "_labels", "_players", "_title", "_cache")

    def __init__(self, points: Any, disagreement: Any, *, lotteries: bool = True,
                 exact: bool | None = None, labels: Sequence[Any] | None = None,
                 players: Sequence[str] | None = None, title: str = "",
                 _func: str = "BargainingProblem") -> None:
        func = _func
        if not isinstance(lotteries, (bool, np.bool_)):
            raise InvalidInputError(bad_param(func, "lotteries", "True or False", lotteries))
        if exact is not None and not isinstance(exact, (bool, np.bool_)):
            raise InvalidInputError(bad_param(func, "exact", "True, False or None", exact))
        if isinstance(points, np.ndarray) and points.size == 0:
            raise InvalidInputError(bad_param(func, "points", "a nonempty list of utility vectors",
                                              f"an empty array of shape {points.shape}", raw=True))
        if disagreement is None or isinstance(disagreement, (str, bytes)):
            # a string is iterable: "00" was read as the point (0, 0)
            raise InvalidInputError(bad_param(func, "disagreement", "a utility vector", disagreement))
        try:
            d_list = list(disagreement)
        except TypeError:
            raise InvalidInputError(bad_param(func, "disagreement", "a utility vector", disagreement)) from None
        if exact is None:
            exact = (not (isinstance(points, np.ndarray) and points.dtype.kind == "f")) and \
                _is_exact_input(points if not isinstance(points, np.ndarray) else points.reshape(-1)) and \
                _is_exact_input(d_list)
        P = _convert_matrix(func, "points", points, bool(exact))
        k, n = P.shape
        if k > MAX_POINTS:
            raise InvalidInputError(bad_param(func, "points", f"at most MAX_POINTS={MAX_POINTS} rows", k))
        if n < 2:
            raise InvalidInputError(bad_param(func, "points", "utility vectors of at least 2 players",
                                              f"vectors of length {n}", raw=True))
        if len(d_list) != n:
            raise InvalidInputError(bad_param(func, "disagreement", f"a vector of length {n}", disagreement))
        if exact:
            d = tuple(to_fraction(v, func=func, param="disagreement") for v in d_list)
        else:
            d = tuple(to_float(v, func=func, param="disagreement") for v in d_list)
        P.flags.writeable = False
        self._points = P
        self._d = d
        self._lotteries = bool(lotteries)
        self._exact = bool(exact)
        if labels is not None:
            labels = _str_tuple(func, "labels", labels, f"{k} labels")
            if len(labels) != k:
                raise InvalidInputError(bad_param(func, "labels", f"{k} labels", labels))
        self._labels = labels
        self._players = _player_names(func, players, n)
        self._title = str(title)
        self._cache: dict = {}
        if not self._dominated_by_feasible(d):
            where = "the convex hull of the points" if self._lotteries else "any outcome"
            raise InvalidInputError(bad_param(
                func, "disagreement",
                f"a point weakly dominated by some feasible point (x >= d in {where}); "
                "otherwise it lies outside the feasible set",
                d))

    # -- constructors --------------------------------------------------------------------
    @classmethod
    def from_vertices(cls, vertices: Any, disagreement: Any, *, exact: bool | None = None,
                      players: Sequence[str] | None = None, title: str = "") -> "BargainingProblem":
        """A problem whose feasible set is the convex hull of ``vertices``.

        Parameters
        ----------
        vertices : array_like, shape (k, n)
            Utility vectors; the feasible set is their convex hull (interior points allowed).
        disagreement : array_like, shape (n,)
            Must be weakly dominated by some point of the hull.
        exact : bool, optional
            Exact Fractions (default: exact iff every number is exact).

        Examples
        --------
        >>> p = BargainingProblem.from_vertices([[0, 0], [1, 0], [0, 1]], [0, 0])
        >>> p.frontier()
        ((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)))
        """
        return cls(vertices, disagreement, lotteries=True, exact=exact, players=players, title=title,
                   _func="BargainingProblem.from_vertices")

    @classmethod
    def from_outcomes(cls, utilities: Any, disagreement: Any, *, lotteries: bool,
                      labels: Sequence[Any] | None = None, exact: bool | None = None,
                      players: Sequence[str] | None = None, title: str = "") -> "BargainingProblem":
        """A problem over a finite list of outcomes, with the semantics stated explicitly.

        Parameters
        ----------
        utilities : array_like, shape (k, n) or mapping label -> utility vector
            ``utilities[j][i]``: player i's utility for outcome j.
        disagreement : array_like, shape (n,)
        lotteries : bool
            Required. ``True``: agreements may be lotteries over outcomes (``S`` is the convex
            hull); ``False``: only pure outcomes.
        labels : sequence of str, optional
        """
        if isinstance(utilities, dict):
            if labels is not None:
                raise InvalidInputError(bad_param("BargainingProblem.from_outcomes", "labels",
                                                  "omitted when utilities is a mapping", labels))
            labels = list(utilities.keys())
            utilities = list(utilities.values())
        return cls(utilities, disagreement, lotteries=lotteries, exact=exact, labels=labels,
                   players=players, title=title, _func="BargainingProblem.from_outcomes")

    @classmethod
    def from_game(cls, game: Any, disagreement: Any = "maximin", *, lotteries: bool = True,
                  exact: bool | None = None) -> "BargainingProblem":
        """The bargaining problem of a normal-form game.

        Parameters
        ----------
        game : solvers.NormalFormGame
            Outcomes are its pure profiles (labels ``"a0,a1,..."``); with ``lotteries=True``
            the feasible set is all correlated-strategy payoffs (their convex hull).
        disagreement : {"maximin", "nash", "threat"} or array_like or MixedProfile
            ``"maximin"``: each player's security level (max over its mixed strategies of the
            min over the others' pure profiles); ``"nash"``: the payoffs of a Nash equilibrium
            (the first pure equilibrium in lexicographic order; if none, the first
            equilibrium found by ``solvers.support_enumeration`` for 2 players);
            ``"threat"``: Nash's (1953) variable-threat point (2 players, see
            :func:`bargaining.threats.variable_threat`); a MixedProfile: its payoffs; else an
            explicit point.
        lotteries : bool
        exact : bool, optional
            Default: follow the game.
        """
        func = "BargainingProblem.from_game"
        from solvers.games import MixedProfile, NormalFormGame

        if not isinstance(game, NormalFormGame):
            raise InvalidInputError(bad_param(func, "game", "a solvers.NormalFormGame", game))
        use_exact = game.exact if exact is None else bool(exact)
        g = game if game.exact == use_exact else (game.as_exact() if use_exact else game.as_float())
        n = g.n_players
        profiles = list(g.pure_profiles())
        pts = [[g.payoffs[i][a] for i in range(n)] for a in profiles]
        labels = [",".join(g.labels[i][ai] for i, ai in enumerate(a)) for a in profiles]
        if isinstance(disagreement, str):
            key = disagreement.lower()
            if key == "maximin":
                d = security_levels(g)
            elif key == "nash":
                d = _nash_payoffs(g)
            elif key == "threat":
                from .threats import variable_threat

                d = variable_threat(g).threat_point
            else:
                raise InvalidInputError(bad_param(func, "disagreement",
                                                  '"maximin", "nash", "threat", a point or a MixedProfile',
                                                  disagreement))
        elif isinstance(disagreement, MixedProfile):
            d = disagreement.payoffs()
        else:
            d = disagreement
        return cls(np.array(pts, dtype=object) if use_exact else np.array(pts, dtype=float), d,
                   lotteries=lotteries, exact=use_exact, labels=labels, players=g.players,
                   title=g.title, _func=func)

    # -- properties ----------------------------------------------------------------------
    @property
    def points(self) -> np.ndarray:
        return self._points

    @property
    def disagreement(self) -> tuple:
        return self._d

    @property
    def lotteries(self) -> bool:
        return self._lotteries

    @property
    def exact(self) -> bool:
        return self._exact

    @property
    def labels(self) -> tuple[str, ...] | None:
        return self._labels

    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def title(self) -> str:
        return self._title

    @property
    def n_players(self) -> int:
        return self._points.shape[1]

    @property
    def n_points(self) -> int:
        return self._points.shape[0]

    def float_points(self) -> np.ndarray:
        """The points as float64."""
        if "fp" not in self._cache:
            self._cache["fp"] = self._points.astype(np.float64) if self._exact else self._points
        return self._cache["fp"]

    def _zero(self):
        return Fraction(0) if self._exact else 0.0

    # -- transformations -----------------------------------------------------------------
    def as_float(self) -> "BargainingProblem":
        return BargainingProblem(self.float_points(), [float(v) for v in self._d], lotteries=self._lotteries,
                                 exact=False, labels=self._labels, players=self._players, title=self._title)

    def as_exact(self) -> "BargainingProblem":
        return BargainingProblem(self._points.tolist(), list(self._d), lotteries=self._lotteries,
                                 exact=True, labels=self._labels, players=self._players, title=self._title)

    def with_disagreement(self, disagreement: Any) -> "BargainingProblem":
        """The same feasible set with another disagreement point."""
        return BargainingProblem(self._points, disagreement, lotteries=self._lotteries, exact=self._exact,
                                 labels=self._labels, players=self._players, title=self._title)

    def with_points(self, points: Any, *, labels: Sequence[Any] | None = None) -> "BargainingProblem":
        """The same disagreement point with another feasible set (same semantics)."""
        return BargainingProblem(points, list(self._d), lotteries=self._lotteries, exact=self._exact,
                                 labels=labels, players=self._players, title=self._title)

    def affine(self, scale: Sequence[Any], shift: Sequence[Any] | None = None) -> "BargainingProblem":
        """The problem under ``u_i -> scale_i * u_i + shift_i`` (``scale_i > 0``)."""
        func = "BargainingProblem.affine"
        n = self.n_players
        conv = to_fraction if self._exact else to_float
        if len(scale) != n:
            raise InvalidInputError(bad_param(func, "scale", f"{n} positive numbers", scale))
        a = [conv(s, func=func, param="scale") for s in scale]
        if any(not (s > 0) for s in a):
            raise InvalidInputError(bad_param(func, "scale", "positive numbers", scale))
        b = [self._zero()] * n if shift is None else [conv(s, func=func, param="shift") for s in shift]
        P = np.array([[a[i] * row[i] + b[i] for i in range(n)] for row in self._points.tolist()],
                     dtype=object if self._exact else float)
        d = [a[i] * self._d[i] + b[i] for i in range(n)]
        return BargainingProblem(P, d, lotteries=self._lotteries, exact=self._exact, labels=self._labels,
                                 players=self._players, title=self._title)

    def permute(self, order: Sequence[int]) -> "BargainingProblem":
        """Relabel players: new player ``j`` is old player ``order[j]``."""
        order = [int(o) for o in order]
        if sorted(order) != list(range(self.n_players)):
            raise InvalidInputError(bad_param("BargainingProblem.permute", "order",
                                              f"a permutation of 0..{self.n_players - 1}", order))
        return BargainingProblem(self._points[:, order], [self._d[o] for o in order],
                                 lotteries=self._lotteries, exact=self._exact, labels=self._labels,
                                 players=[self._players[o] for o in order], title=self._title)

    def is_symmetric(self) -> bool:
        """Whether ``S`` and ``d`` are invariant under every permutation of the players.

        Checked on the Pareto points (lottery semantics: on the hull vertices for 2 players).
        """
        d = self._d
        if len(set(d)) != 1:
            return False
        import itertools

        base = {tuple(r) for r in self._canonical_points()}
        for perm in itertools.permutations(range(self.n_players)):
            if {tuple(r[p] for p in perm) for r in base} != base:
                return False
        return True

    def _canonical_points(self) -> list:
        if self._lotteries and self.n_players == 2:
            return [tuple(p) for p in hull_2d(self._points.tolist())]
        P = self._points[pareto_mask(self._points)] if not self._lotteries else self._points
        return [tuple(r) for r in P.tolist()]

    # -- geometry ------------------------------------------------------------------------
    def pareto_indices(self) -> tuple[int, ...]:
        """Indices of the points not weakly dominated by another point (first of equal ones)."""
        if "pi" not in self._cache:
            self._cache["pi"] = tuple(int(i) for i in np.flatnonzero(pareto_mask(self._points)))
        return self._cache["pi"]

    def frontier(self) -> tuple[tuple, ...]:
        """The strongly Pareto-optimal part of ``S_d = {x in S : x >= d}``.

        Two players with lotteries: the vertices of the frontier polyline by increasing u1
        (exact for exact problems; new vertices where the polyline crosses ``u_i = d_i``).
        Pure outcomes (any n): the undominated outcomes with ``x >= d`` (sorted by u1).
        n >= 3 with lotteries: raises :class:`UnsupportedError` (use :meth:`pareto_facets`).
        """
        if "frontier" in self._cache:
            return self._cache["frontier"]
        n = self.n_players
        if self._lotteries:
            if n != 2:
                raise UnsupportedError(bad_param("BargainingProblem.frontier", "problem",
                                                 "a 2-player problem for the exact polyline (use pareto_facets)",
                                                 f"{n} players", raw=True))
            chain = pareto_frontier_2d(self._points.tolist())
            out = tuple(tuple(p) for p in clip_frontier_2d(chain, self._d))
        else:
            d = self._d
            idx = [i for i in self.pareto_indices() if all(v >= dv for v, dv in zip(self._points[i], d))]
            out = tuple(sorted(tuple(self._points[i]) for i in idx))
        self._cache["frontier"] = out
        return out

    def pareto_facets(self) -> list[tuple[np.ndarray, float]]:
        """Facets ``a.x = b`` of ``conv(points)`` with ``a > 0`` (outer normals, floats; Qhull).

        Requires a full-dimensional hull; raises :class:`UnsupportedError` otherwise.
        """
        from scipy.spatial import ConvexHull, QhullError

        P = self.float_points()[list(self.pareto_indices())]
        n = self.n_players
        # add the points pushed down (free disposal) so the hull is full dimensional near the frontier
        low = P.min(axis=0) - 1.0
        extra = [np.where(np.arange(n) == i, low, P[:, i].max()) for i in range(n)]
        Q = np.vstack([P, np.array(extra), low[None, :]])
        try:
            hull = ConvexHull(Q)
        except QhullError as exc:
            raise UnsupportedError(f"BargainingProblem.pareto_facets(): Qhull failed: {exc}") from None
        out = []
        for eq in hull.equations:
            a, b = eq[:-1], -eq[-1]
            if np.all(a > 1e-12):
                out.append((a, float(b)))
        return out

    def _dominated_by_feasible(self, d: Sequence[Any]) -> bool:
        P = self._points
        ge = np.all(P >= np.array(d, dtype=object if self._exact else float), axis=1)
        if np.any(ge):
            return True
        if not self._lotteries:
            return False
        # LP: exists lambda in simplex with P^T lambda >= d ?
        sol = self._lp(np.zeros(P.shape[0] + 1, dtype=object if self._exact else float),
                       x_ge=d, t_coef=None, monotone=True)
        return sol is not None

    def contains(self, x: Sequence[Any]) -> bool:
        """Whether ``x`` is feasible (in ``conv(points)`` or among the outcomes); exact when exact."""
        n = self.n_players
        conv = to_fraction if self._exact else to_float
        xs = [conv(v, func="BargainingProblem.contains", param="x") for v in x]
        if len(xs) != n:
            raise InvalidInputError(bad_param("BargainingProblem.contains", "x", f"a vector of length {n}", x))
        if not self._lotteries:
            if self._exact:
                return any(list(r) == xs for r in self._points.tolist())
            # relative to the utilities' scale (1 + |x| made 1e-9 and 1.5e-9 "equal")
            sc = max(float(np.max(np.abs(self._points))), float(np.max(np.abs(xs)))) or 1.0
            return bool(np.any(np.all(np.abs(self._points - np.array(xs)) <= DEFAULT_TOL * sc, axis=1)))
        return self._lp(np.zeros(self.n_points + 1, dtype=object if self._exact else float),
                        x_eq=xs, t_coef=None) is not None

    def ideal_point(self) -> tuple:
        """The ideal (utopia) point: ``a_i = max{x_i : x in S, x >= d}``."""
        if "ideal" in self._cache:
            return self._cache["ideal"]
        n = self.n_players
        if not self._lotteries:
            rows = [r for r in self._points.tolist() if all(v >= dv for v, dv in zip(r, self._d))]
            out = tuple(max(r[i] for r in rows) for i in range(n))
        elif n == 2:
            fr = self.frontier()
            out = (max(p[0] for p in fr), max(p[1] for p in fr))
        else:
            vals = []
            for i in range(n):
                c = self._points[:, i].copy()
                sol = self._lp(np.append(c, self._zero()), x_ge=self._d, t_coef=None, monotone=True)
                vals.append(sol[1])
            out = tuple(vals)
        self._cache["ideal"] = out
        return out

    def gainers(self) -> tuple[int, ...]:
        """Players who can gain strictly over ``d`` in ``S_d`` (``ideal_i > d_i``)."""
        a = self.ideal_point()
        if self._exact:
            return tuple(i for i in range(self.n_players) if a[i] > self._d[i])
        # floats: the ideal point comes from an LP, so "a_i > d_i" needs a margin relative to
        # the player's spread (an LP residual of 1e-16 made a player who cannot gain a
        # "gainer" and Nash's Frank-Wolfe then divided by a zero gain)
        P = self.float_points()
        out = []
        for i in range(self.n_players):
            sp = float(np.max(np.abs(P[:, i] - self._d[i]))) or 1.0
            if a[i] > self._d[i] + 1e-9 * sp:
                out.append(i)
        return tuple(out)

    # -- linear programming over lotteries ----------------------------------------------
    def _lp(self, c: np.ndarray, *, x_ge: Sequence[Any] | None = None, x_eq: Sequence[Any] | None = None,
            t_coef: Sequence[Any] | None = None, x_ge_t: Sequence[Any] | None = None,
            extra_ub: list | None = None, extra_eq: list | None = None, points_idx: Sequence[int] | None = None,
            monotone: bool = False):
        """Maximize ``c . (lambda, t)`` over ``lambda`` in the simplex and ``t >= 0``.

        Constraints on ``x = P^T lambda``: ``x >= x_ge + t * x_ge_t`` (when given), ``x == x_eq``,
        plus ``extra_ub`` rows ``(a, b)`` meaning ``a . x + a_t t <= b`` given as
        ``(a_x, a_t, b)`` and ``extra_eq`` likewise with equality.  Returns
        ``(lambda, value, t)`` or ``None`` when infeasible.  Exact for exact problems.

        ``monotone=True`` declares that the objective and constraints are monotone in ``x``
        (only lower bounds on ``x``, objective with nonnegative weights on ``x``, and equality
        rows that force Pareto optimality): then only the undominated points are used, since
        every Pareto-optimal lottery mixes undominated points only; ``lambda`` is returned
        over all points.
        """
        full_k = self.n_points
        restrict = None
        if monotone and points_idx is None and full_k > 1:
            pidx = self.pareto_indices()
            if len(pidx) < full_k:
                restrict = list(pidx)
                c = np.asarray(c, dtype=object if self._exact else float)
                c = np.concatenate([c[restrict], c[full_k:]])
                points_idx = restrict
        P = self._points if points_idx is None else self._points[list(points_idx)]
        k, n = P.shape
        exact = self._exact
        dt = object if exact else float
        zero = Fraction(0) if exact else 0.0
        one = Fraction(1) if exact else 1.0
        A_ub: list = []
        b_ub: list = []
        A_eq: list = []
        b_eq: list = []
        PT = P.T
        if x_ge is not None:
            for i in range(n):
                coef_t = x_ge_t[i] if x_ge_t is not None else zero
                # -x_i + coef_t * t <= -x_ge_i
                A_ub.append(list(-PT[i]) + [coef_t])
                b_ub.append(-x_ge[i])
        if x_eq is not None:
            for i in range(n):
                A_eq.append(list(PT[i]) + [zero])
                b_eq.append(x_eq[i])
        for a_x, a_t, b in (extra_ub or []):
            row = [sum((a_x[i] * PT[i][j] for i in range(n)), zero) for j in range(k)]
            A_ub.append(row + [a_t])
            b_ub.append(b)
        for a_x, a_t, b in (extra_eq or []):
            row = [sum((a_x[i] * PT[i][j] for i in range(n)), zero) for j in range(k)]
            A_eq.append(row + [a_t])
            b_eq.append(b)
        A_eq.append([one] * k + [zero])
        b_eq.append(one)
        if t_coef is None:
            # t unused: pin it to 0
            A_eq.append([zero] * k + [one])
            b_eq.append(zero)
        c = np.asarray(c, dtype=dt)
        if exact:
            from solvers._exact_lp import exact_lp

            sol = exact_lp(c, np.array(A_ub, dtype=object) if A_ub else None, b_ub if A_ub else None,
                           np.array(A_eq, dtype=object), b_eq)
        else:
            sol = _equilibrated_lp(c, np.array(A_ub, dtype=float) if A_ub else None,
                                   np.array(b_ub, dtype=float) if A_ub else None,
                                   np.array(A_eq, dtype=float), np.array(b_eq, dtype=float))
        if sol.status == "infeasible":
            return None
        if sol.status != "optimal":
            raise UnsupportedError(f"BargainingProblem: linear program failed ({sol.status}, {sol.method})")
        x = list(sol.x)
        lam = x[:k]
        if restrict is not None:
            full = [zero] * full_k
            for j, v in zip(restrict, lam):
                full[j] = v
            lam = full
        return lam, sol.value, x[k]

    def lottery_point(self, lam: Sequence[Any], points_idx: Sequence[int] | None = None) -> tuple:
        """``sum_j lam_j P_j``."""
        P = self._points if points_idx is None else self._points[list(points_idx)]
        n = self.n_players
        zero = self._zero()
        out = [zero] * n
        for w, row in zip(lam, P.tolist()):
            if w:
                for i in range(n):
                    out[i] += w * row[i]
        return tuple(out)

    # -- dunder ----------------------------------------------------------------------------
    def __repr__(self) -> str:
        sem = "lotteries" if self._lotteries else "pure outcomes"
        kind = "exact" if self._exact else "float"
        d = ", ".join(str(v) if self._exact else f"{v:.6g}" for v in self._d)
        t = f" {self._title!r}" if self._title else ""
        return (f"BargainingProblem{t}({self.n_players} players, {self.n_points} points, {sem}, {kind}, "
                f"d=({d}))")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BargainingProblem):
            return NotImplemented
        return (self._lotteries == other._lotteries and self._exact == other._exact
                and self._d == other._d and self._points.shape == other._points.shape
                and bool(np.all(self._points == other._points)))

    def __hash__(self) -> int:
        return hash((self._lotteries, self._exact, self._d, self._points.shape,
                     tuple(self._points.reshape(-1).tolist()[:50])))

    def to_dict(self, *, jsonable: bool = False) -> dict:
        from solvers.results import to_plain

        return {"points": to_plain(self._points, jsonable=jsonable),
                "disagreement": to_plain(self._d, jsonable=jsonable),
                "lotteries": self._lotteries, "exact": self._exact,
                "labels": list(self._labels) if self._labels else None, "players": list(self._players)}


# -- disagreement points from games ---------------------------------------------------------
def _equilibrated_lp(c, A_ub, b_ub, A_eq, b_eq):
    """:func:`solvers._exact_lp.solve_lp` on a row- and column-equilibrated copy of the LP.

    HiGHS's feasibility and optimality tolerances are absolute (about 1e-7): utilities near
    1e-9 (or 1e9) would make every constraint look satisfied (or the tolerances look tiny).
    Scaling rows and columns by powers of two to max-norm about 1 (a few Ruiz rounds; Ruiz 2001)
    makes the answer invariant to the units of the utilities; the solution is mapped back
    (``x = D x'``, duals likewise) and its value recomputed in the original units.
    """
    from solvers._exact_lp import LPSolution, solve_lp

    c = np.asarray(c, dtype=float)
    nv = c.shape[0]
    blocks = [B for B in (A_ub, A_eq) if B is not None and len(B)]
    if not blocks:
        return solve_lp(c, A_ub, b_ub, A_eq, b_eq)
    M = np.vstack(blocks)
    r = np.ones(M.shape[0])
    col = np.ones(nv)
    for _ in range(8):
        S = np.abs(M * r[:, None] * col[None, :])
        rm = S.max(axis=1)
        r = r / np.sqrt(np.where(rm > 0, rm, 1.0))
        S = np.abs(M * r[:, None] * col[None, :])
        cm = S.max(axis=0)
        col = col / np.sqrt(np.where(cm > 0, cm, 1.0))
    r = np.exp2(np.round(np.log2(r)))
    col = np.exp2(np.round(np.log2(col)))
    mu = A_ub.shape[0] if A_ub is not None and len(A_ub) else 0
    Ms = M * r[:, None] * col[None, :]
    cs = c * col
    cmax = float(np.max(np.abs(cs))) if cs.size else 0.0
    cs = cs / cmax if cmax > 0 else cs
    sub = Ms[:mu] if mu else None
    seq = Ms[mu:] if M.shape[0] > mu else None
    sol = solve_lp(cs, sub, (np.asarray(b_ub) * r[:mu]) if mu else None,
                   seq, (np.asarray(b_eq) * r[mu:]) if seq is not None else None)
    if sol.status != "optimal":
        return sol
    x = np.asarray(sol.x) * col
    k = cmax if cmax > 0 else 1.0
    y = np.asarray(sol.y) * r[:mu] * k if mu else sol.y
    z = np.asarray(sol.z) * r[mu:] * k if seq is not None else sol.z
    return LPSolution("optimal", x=x, value=float(c @ x), y=y, z=z, method=sol.method)


def security_levels(game: Any) -> tuple:
    """Each player's maximin value in mixed strategies against the others' pure profiles.

    ``v_i = max_{sigma_i} min_{a_-i} u_i(sigma_i, a_-i)``; an LP per player (exact for exact
    games via :mod:`solvers._exact_lp`).
    """
    n = game.n_players
    out = []
    for i in range(n):
        U = np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)  # rows: own actions
        m, cols = U.shape
        # variables: sigma (m), v shifted: v = s - M  with s >= 0; maximize s
        if game.exact:
            from solvers._exact_lp import exact_lp

            M = min(Fraction(x) for x in U.reshape(-1).tolist())
            A_ub = []
            for c in range(cols):
                A_ub.append([-U[r, c] for r in range(m)] + [Fraction(1)])
            b_ub = [-M] * cols
            A_eq = [[Fraction(1)] * m + [Fraction(0)]]
            sol = exact_lp([Fraction(0)] * m + [Fraction(1)], np.array(A_ub, dtype=object), b_ub,
                           np.array(A_eq, dtype=object), [Fraction(1)])
            out.append(sol.value + M)
        else:
            from solvers._exact_lp import solve_lp

            # in units of max |u_i| (HiGHS's tolerances are absolute: payoffs near 1e-9 gave 0)
            Uf = U.astype(float)
            sc = float(np.max(np.abs(Uf))) or 1.0
            Uf = Uf / sc
            M = float(Uf.min())
            A_ub = np.hstack([-Uf.T, np.ones((cols, 1))])
            sol = solve_lp(np.r_[np.zeros(m), 1.0], A_ub, np.full(cols, -M),
                           np.r_[np.ones(m), 0.0][None, :], np.array([1.0]))
            out.append((float(sol.value) + M) * sc)
    return tuple(out)


def _nash_payoffs(game: Any) -> tuple:
    import solvers

    res = solvers.pure_equilibria(game)
    if res.equilibria:
        return tuple(res.equilibria[0].payoffs())
    if game.n_players == 2:
        try:
            se = solvers.support_enumeration
        except (ImportError, AttributeError):
            se = None
        if se is not None:
            r = se(game)
            if r.equilibria:
                return tuple(r.equilibria[0].payoffs())
    why = ("mixed equilibria are computed for 2 players only" if game.n_players != 2
           else "no mixed-equilibrium solver available")
    raise UnsupportedError(bad_param("BargainingProblem.from_game", "disagreement",
                                     f"a point or MixedProfile for a game without a pure equilibrium ({why})",
                                     "nash", raw=True))
