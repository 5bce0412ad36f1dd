"""Coalitional (transferable-utility) games: Shapley value, core, nucleolus.

A TU game on players ``N = {0, ..., n-1}`` is a characteristic function ``v : 2^N -> R`` with
``v(empty) = 0`` (von Neumann & Morgenstern 1944).  Coalitions are stored as bitmasks
(bit ``i`` set iff player ``i`` is a member); ``values[mask]`` is ``v(S)``.  A *cost* game
(``cost=True``) lists costs to be shared; the core and nucleolus of a cost game ``c`` are the
negatives of those of the savings game ``-c``, the Shapley value is linear and is applied
directly.

Shapley value (Shapley 1953)
    ``phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! * (v(S + i) - v(S))``, by subset
    enumeration: ``O(n 2^n)`` operations, exact in integers for exact games (values scaled to
    a common denominator).  Limit: ``max_players`` (default 20).
Core (Gillies 1959)
    ``{x : x(N) = v(N), x(S) >= v(S) for all S}``.  The least-core LP
    ``min eps  s.t.  x(S) >= v(S) - eps,  x(N) = v(N)`` decides emptiness: the core is nonempty
    iff ``eps* <= 0`` (Bondareva 1963; Shapley 1967).  Exact by :mod:`solvers._exact_lp`
    (primal and dual certified).
Nucleolus (Schmeidler 1969)
    The imputation that lexicographically minimizes the decreasingly sorted vector of excesses
    ``e(S, x) = v(S) - x(S)``.  Computed by the sequential LPs of Maschler, Peleg & Shapley
    (1979): minimize the largest excess over the still-free coalitions; coalitions with a
    positive dual multiplier are tight in every optimum and get fixed at that level; coalitions
    whose indicator vectors are spanned by the fixed ones drop out; repeat until ``x`` is
    determined.  Exact when the game is exact (exact LP optima and duals).  ``pre=True`` gives
    the prenucleolus (over preimputations, no individual rationality); the result is certified
    by Kohlberg's (1971) criterion for the prenucleolus (every collection
    ``{S : e(S, x) >= t}`` is balanced), checked exactly.

Classic games: :func:`glove_game`, :func:`airport_game` (Littlechild & Owen 1973: the Shapley
value of the airport cost game is the sequential equal split of runway segments),
:func:`bankruptcy_game` (O'Neill 1982; Aumann & Maschler 1985: the nucleolus is the Talmud
rule, :func:`talmud_rule`).
"""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from solvers._validate import check_int
from solvers.errors import InvalidInputError, LimitError, bad_param
from solvers.numbers import is_exact_number, to_fraction, to_float
from solvers.results import Result, result

from .problem import _player_names

__all__ = [
    "CoalitionalGame",
    "ShapleyResult",
    "CoreResult",
    "NucleolusResult",
    "shapley_value",
    "core",
    "nucleolus",
    "glove_game",
    "airport_game",
    "bankruptcy_game",
    "talmud_rule",
    "airport_sequential_split",
    "is_prenucleolus",
    "MAX_PLAYERS",
]

#: Largest number of players a tabulated characteristic function may have.
MAX_PLAYERS: int = 24


class CoalitionalGame:
    """A TU game given by its characteristic function.

    Parameters
    ----------
    values : sequence, mapping or callable
        * a sequence of length ``2^n`` indexed by bitmask;
        * a mapping from coalitions (iterables of player indices, e.g. tuples or frozensets)
          to values; missing coalitions are worth 0 (the grand coalition must be present);
        * a callable ``f(coalition: frozenset) -> value`` (requires ``n``).
    n : int, optional
        Number of players (required for mappings and callables).
    players : sequence of str, optional
    cost : bool
        The values are costs to share (see the module docstring).
    exact : bool, optional
        Default: exact iff every value is exact.

    Raises
    ------
    InvalidInputError
        On ``v(empty) != 0``, NaN, wrong length, unknown players.
    """

    __slots__ = ("_v", "_n", "_players", "_exact", "_cost", "_title")

    def __init__(self, values: Any, n: int | None = None, *, players: Sequence[str] | None = None,
                 cost: bool = False, exact: bool | None = None, title: str = "") -> None:
        func = "CoalitionalGame"
        if callable(values) and not isinstance(values, Mapping):
            if n is None:
                raise InvalidInputError(bad_param(func, "n", "the number of players (values is a callable)", n))
            n = self._check_n(func, n)
            raw = [values(frozenset(i for i in range(n) if m >> i & 1)) for m in range(1 << n)]
        elif isinstance(values, Mapping):
            if n is None:
                members = set()
                for key in values:
                    members.update(self._key(func, key))
                n = (max(members) + 1) if members else 0
            n = self._check_n(func, n)
            raw = [0] * (1 << n)
            for key, val in values.items():
                S = self._key(func, key)
                if any(i >= n or i < 0 for i in S):
                    raise InvalidInputError(bad_param(func, "values", f"coalitions of players 0..{n - 1}", key))
                raw[sum(1 << i for i in S)] = val
            if (1 << n) - 1 not in [sum(1 << i for i in self._key(func, k)) for k in values]:
                raise InvalidInputError(bad_param(func, "values", "a value for the grand coalition", values))
        else:
            try:
                raw = list(values)
            except TypeError:
                raise InvalidInputError(bad_param(func, "values", "a sequence, mapping or callable", values)) from None
            L = len(raw)
            if L < 2 or (L & (L - 1)) != 0:
                raise InvalidInputError(bad_param(func, "values", "a sequence of length 2^n (n >= 1)", f"length {L}",
                                                  raw=True))
            n0 = L.bit_length() - 1
            if n is not None and n != n0:
                raise InvalidInputError(bad_param(func, "n", f"{n0} (from len(values))", n))
            n = self._check_n(func, n0)
        if exact is None:
            exact = all(is_exact_number(x) and not isinstance(x, bool) for x in raw)
        conv = to_fraction if exact else to_float
        v = [conv(x, func=func, param=f"values[{m}]") for m, x in enumerate(raw)]
        if v[0] != 0:
            raise InvalidInputError(bad_param(func, "values", "0 for the empty coalition", v[0]))
        self._v = tuple(v)
        self._n = n
        self._players = _player_names(func, players, n)
        self._exact = bool(exact)
        self._cost = bool(cost)
        self._title = str(title)

    @staticmethod
    def _check_n(func: str, n: Any) -> int:
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
            raise InvalidInputError(bad_param(func, "n", "a positive integer", n))
        if n > MAX_PLAYERS:
            raise LimitError(bad_param(func, "n", f"at most MAX_PLAYERS={MAX_PLAYERS}", n))
        return int(n)

    @staticmethod
    def _key(func: str, key: Any) -> tuple[int, ...]:
        if isinstance(key, (int, np.integer)):
            return (int(key),)
        try:
            return tuple(int(i) for i in key)
        except (TypeError, ValueError):
            raise InvalidInputError(bad_param(func, "values", "coalitions given as iterables of player indices",
                                              key)) from None

    # -- access ----------------------------------------------------------------------------
    @property
    def n_players(self) -> int:
        return self._n

    @property
    def values(self) -> tuple:
        """``values[mask] = v(S)``."""
        return self._v

    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def exact(self) -> bool:
        return self._exact

    @property
    def cost(self) -> bool:
        return self._cost

    @property
    def title(self) -> str:
        return self._title

    def v(self, coalition: Any) -> Any:
        """``v(S)`` for a coalition given as an iterable of player indices (or a bitmask int)."""
        if isinstance(coalition, (int, np.integer)):
            return self._v[int(coalition)]
        return self._v[sum(1 << int(i) for i in set(coalition))]

    def __call__(self, coalition: Any) -> Any:
        return self.v(coalition)

    @property
    def grand(self) -> Any:
        return self._v[-1]

    def negated(self) -> "CoalitionalGame":
        return CoalitionalGame([-x for x in self._v], players=self._players, cost=not self._cost,
                               exact=self._exact, title=self._title)

    def as_float(self) -> "CoalitionalGame":
        return CoalitionalGame([float(x) for x in self._v], players=self._players, cost=self._cost, exact=False,
                               title=self._title)

    def is_superadditive(self) -> bool:
        v = self._v
        full = (1 << self._n) - 1
        for S in range(1, full + 1):
            rest = full ^ S
            T = rest
            while T:
                if T < S or True:
                    if v[S | T] < v[S] + v[T]:
                        return False
                T = (T - 1) & rest
        return True

    def is_convex(self) -> bool:
        """Supermodularity: ``v(S + i) - v(S)`` nondecreasing in ``S`` (Shapley 1971)."""
        v = self._v
        n = self._n
        for S in range(1 << n):
            for i in range(n):
                if S >> i & 1:
                    continue
                for j in range(i + 1, n):
                    if S >> j & 1:
                        continue
                    if v[S | 1 << i | 1 << j] - v[S | 1 << j] < v[S | 1 << i] - v[S]:
                        return False
        return True

    def __repr__(self) -> str:
        kind = "cost" if self._cost else "TU"
        t = f" {self._title!r}" if self._title else ""
        return f"CoalitionalGame{t}({self._n} players, {kind}, {'exact' if self._exact else 'float'}, v(N)={self.grand})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CoalitionalGame):
            return NotImplemented
        return self._v == other._v and self._cost == other._cost and self._exact == other._exact

    def __hash__(self) -> int:
        return hash((self._v, self._cost))


def _check_max_players(func: str, max_players: Any, n: int) -> int:
    """``max_players`` is a positive int and the game has at most that many players."""
    max_players = check_int(func, "max_players", max_players)
    if n > max_players:
        raise LimitError(bad_param(func, "game", f"at most max_players={max_players} players", n))
    return max_players


def _check_game(func: str, game: Any) -> CoalitionalGame:
    if not isinstance(game, CoalitionalGame):
        raise InvalidInputError(bad_param(func, "game", "a CoalitionalGame", game))
    return game


# -- Shapley value -----------------------------------------------------------------------------
@result
class ShapleyResult(Result):
    """Shapley value.

    Attributes
    ----------
    value : tuple
        ``phi_i`` per player (Fractions for exact games).
    players : tuple of str
    """

    value: tuple = ()
    players: tuple = ()

    def __getitem__(self, i: int) -> Any:
        return self.value[i]

    def __iter__(self):
        return iter(self.value)

    def __len__(self) -> int:
        return len(self.value)


def shapley_value(game: CoalitionalGame, *, max_players: int = 20) -> ShapleyResult:
    """The Shapley (1953) value by subset enumeration (exact for exact games).

    Parameters
    ----------
    game : CoalitionalGame
    max_players : int
        Refuse (``LimitError``) larger games: the work is ``n 2^(n-1)`` marginal contributions.

    Examples
    --------
    >>> shapley_value(glove_game(1, 2)).value
    (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))
    """
    func = "shapley_value"
    game = _check_game(func, game)
    n = game.n_players
    max_players = _check_max_players(func, max_players, n)
    masks = np.arange(1 << n, dtype=np.int64)
    sizes = np.zeros(1 << n, dtype=np.int64)
    for i in range(n):
        sizes += (masks >> i) & 1
    if game.exact:
        den = 1
        for x in game.values:
            den = den * x.denominator // math.gcd(den, x.denominator)
        vint = np.array([int(x * den) for x in game.values], dtype=object)
        wts = np.array([math.factorial(s) * math.factorial(n - s - 1) for s in range(n)], dtype=object)
        nf = math.factorial(n)
        out = []
        for i in range(n):
            without = masks[((masks >> i) & 1) == 0]
            diff = vint[without | (1 << i)] - vint[without]
            tot = int(np.dot(wts[sizes[without]], diff)) if len(without) else 0
            out.append(Fraction(tot, nf * den))
        value = tuple(out)
    else:
        vf = np.array(game.values, dtype=float)
        wts = np.array([1.0 / (n * math.comb(n - 1, s)) for s in range(n)])  # s!(n-s-1)!/n!
        value = []
        for i in range(n):
            without = masks[((masks >> i) & 1) == 0]
            per_size = np.bincount(sizes[without], weights=vf[without | (1 << i)] - vf[without], minlength=n)
            value.append(math.fsum(float(a) * float(b) for a, b in zip(wts, per_size[:n])))
        value = tuple(value)
    return ShapleyResult(value=value, players=game.players, method="shapley:subset-enumeration",
                         exact=game.exact, params={"max_players": max_players})


# -- LP plumbing -----------------------------------------------------------------------------
def _lp(exact: bool, c, A_ub, b_ub, A_eq, b_eq):
    if exact:
        from solvers._exact_lp import exact_lp

        return exact_lp(np.array(c, dtype=object), np.array(A_ub, dtype=object) if A_ub else None,
                        b_ub if A_ub else None, np.array(A_eq, dtype=object) if A_eq else None,
                        b_eq if A_eq else None)
    from solvers._exact_lp import solve_lp

    return solve_lp(np.array(c, dtype=float), np.array(A_ub, dtype=float) if A_ub else None,
                    np.array(b_ub, dtype=float) if A_ub else None,
                    np.array(A_eq, dtype=float) if A_eq else None, np.array(b_eq, dtype=float) if A_eq else None)


def _members(mask: int, n: int) -> list[int]:
    return [i for i in range(n) if mask >> i & 1]


def _unit_scaled_game(game: "CoalitionalGame") -> tuple["CoalitionalGame", float] | None:
    """Float games with values far from 1: the game scaled by a power of two (exact in floating
    point) to max |v| about 1, and the factor to scale the answer back; None otherwise.

    The float LPs (HiGHS) and the tie tests below use absolute tolerances; the core, the least
    core and the nucleolus are covariant under positive scaling, so solving in these units and
    scaling back makes games with values near 1e-9 right (e.g. the nucleolus of the 2-player
    game v = (0, 1e-9, 2e-9, 5e-9) is the standard solution (2e-9, 3e-9)).
    """
    if game.exact:
        return None
    m = max(abs(float(x)) for x in game.values)
    if not m > 0:
        return None
    e = round(math.log2(m))
    if abs(e) <= 2:
        return None
    f = 2.0 ** e
    return CoalitionalGame([float(x) / f for x in game.values], players=game.players, cost=game.cost,
                           exact=False, title=game.title), f


# -- core ------------------------------------------------------------------------------------
@result
class CoreResult(Result):
    """Core emptiness and a core (or least-core) point.

    Attributes
    ----------
    nonempty : bool
        Whether the core is nonempty (``least_core_epsilon <= 0``).
    point : tuple
        A least-core allocation (a core allocation when ``nonempty``).
    least_core_epsilon : number
        ``min eps`` such that some efficient ``x`` has ``x(S) >= v(S) - eps`` for all proper
        nonempty ``S``.
    balancing_weights : dict
        When the core is empty: balancing weights ``{S: w_S}`` (``w_S > 0``,
        ``sum_{S containing i} w_S = 1`` for every player ``i``) with
        ``sum_S w_S v(S) > v(N)``, the Bondareva-Shapley certificate of emptiness (the LP dual
        rescaled).  Cost games: the certificate of the savings game ``-c``.
    """

    nonempty: bool = False
    point: tuple = ()
    least_core_epsilon: Any = None
    balancing_weights: dict = None  # type: ignore[assignment]

    @property
    def empty(self) -> bool:
        """``not nonempty``."""
        return not self.nonempty


def core(game: CoalitionalGame) -> CoreResult:
    """Decide whether the core is empty; return a least-core point (in the core if nonempty).

    Examples
    --------
    >>> r = core(glove_game(1, 2))
    >>> r.nonempty, r.point
    (True, (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)))
    """
    func = "core"
    game = _check_game(func, game)
    scaled = _unit_scaled_game(game)
    if scaled is not None:
        r = core(scaled[0])
        f = scaled[1]
        return dataclasses.replace(r, point=tuple(float(a) * f for a in r.point),
                                   least_core_epsilon=(float(r.least_core_epsilon) * f
                                                       if r.least_core_epsilon is not None else None))
    sign = 1
    g = game
    if game.cost:
        g = game.negated()
        sign = -1
    n = g.n_players
    if n > 16:
        raise LimitError(bad_param(func, "game", "at most 16 players (2^n LP constraints)", n))
    exact = g.exact
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    v = g.values
    full = (1 << n) - 1
    # variables: xp (n), xn (n), ep, en ; maximize -(ep - en)
    c = [zero] * (2 * n) + [-one, one]
    A_ub, b_ub, rows = [], [], []
    for S in range(1, full):
        row = [zero] * (2 * n + 2)
        for i in _members(S, n):
            row[i] = -one
            row[n + i] = one
        row[2 * n] = -one
        row[2 * n + 1] = one
        A_ub.append(row)
        b_ub.append(-v[S])
        rows.append(S)
    A_eq = [[one] * n + [-one] * n + [zero, zero]]
    b_eq = [v[full]]
    if n == 1:
        x = (v[full],)
        return CoreResult(nonempty=True, point=tuple(sign * a for a in x), least_core_epsilon=zero,
                          balancing_weights={}, method="core:lp", exact=exact)
    # bound eps below (else unbounded when n == 1 or trivial); eps >= -M
    M = sum(abs(x) for x in v) + 1
    A_ub.append([zero] * (2 * n) + [-one, one])
    b_ub.append(M)
    sol = _lp(exact, c, A_ub, b_ub, A_eq, b_eq)
    if sol.status != "optimal":
        return CoreResult(nonempty=False, point=(), method="core:lp", exact=False, status="failed",
                          message=f"LP {sol.status}")
    xs = list(sol.x)
    x = tuple(sign * (xs[i] - xs[n + i]) for i in range(n))
    eps = xs[2 * n] - xs[2 * n + 1]
    tol = 0 if exact else 1e-9 * float(M)
    nonempty = eps <= tol
    weights = {}
    if not nonempty and sol.y is not None:
        for S, y in zip(rows, list(sol.y)[:len(rows)]):
            if (y > 0) if exact else (y > 1e-12):
                weights[tuple(_members(S, n))] = y if exact else float(y)
        # the LP dual sums to 1 (the eps column) and covers every player equally (x is free);
        # dividing by that coverage gives the balancing weights: sum_{S ni i} w_S = 1 for every
        # i and sum_S w_S v(S) = v(N) + eps* / coverage > v(N) (Bondareva 1963; Shapley 1967)
        cover = max((sum((w for S, w in weights.items() if i in S), zero) for i in range(n)), default=zero)
        if cover > 0:
            weights = {S: w / cover for S, w in weights.items()}
    return CoreResult(nonempty=bool(nonempty), point=x, least_core_epsilon=eps, balancing_weights=weights,
                      method="core:least-core-lp", exact=exact, params={})


# -- nucleolus -------------------------------------------------------------------------------
@result
class NucleolusResult(Result):
    """The nucleolus (or prenucleolus).

    Attributes
    ----------
    value : tuple
        The allocation.
    excess_levels : tuple
        The successive minimal maximal excesses ``eps_1 >= eps_2 >= ...`` of the LP sequence.
    certified : bool
        Kohlberg's criterion verified (exactly for exact games) - for the prenucleolus, or for
        the nucleolus when it is also the prenucleolus.
    """

    value: tuple = ()
    excess_levels: tuple = ()
    certified: bool = False
    players: tuple = ()

    def __getitem__(self, i: int) -> Any:
        return self.value[i]

    def __iter__(self):
        return iter(self.value)

    def __len__(self) -> int:
        return len(self.value)


def _rank(vectors: list[list[int]], n: int) -> int:
    if not vectors:
        return 0
    return int(np.linalg.matrix_rank(np.array(vectors, dtype=float)))


def nucleolus(game: CoalitionalGame, *, pre: bool = False, max_players: int = 14,
              certify: bool | None = None) -> NucleolusResult:
    """The nucleolus (Schmeidler 1969) by the sequential LPs of Maschler, Peleg & Shapley (1979).

    Parameters
    ----------
    game : CoalitionalGame
    pre : bool
        Compute the prenucleolus (no individual rationality constraints).
    max_players : int
        ``LimitError`` above this (each LP has ``2^n`` rows).
    certify : bool, optional
        Check Kohlberg's criterion (one LP per distinct excess level; default: for n <= 6).

    Raises
    ------
    InvalidInputError
        When the imputation set is empty (``v(N) < sum_i v({i})``) and ``pre`` is False.

    Examples
    --------
    >>> nucleolus(bankruptcy_game(200, [100, 200, 300])).value
    (Fraction(50, 1), Fraction(75, 1), Fraction(75, 1))
    """
    func = "nucleolus"
    game = _check_game(func, game)
    max_players = _check_max_players(func, max_players, game.n_players)
    scaled = _unit_scaled_game(game)
    if scaled is not None:
        r = nucleolus(scaled[0], pre=pre, max_players=max_players, certify=certify)
        f = scaled[1]
        return dataclasses.replace(r, value=tuple(float(a) * f for a in r.value),
                                   excess_levels=tuple(float(a) * f for a in r.excess_levels))
    sign = 1
    g = game
    if game.cost:
        g = game.negated()
        sign = -1
    n = g.n_players
    exact = g.exact
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    v = g.values
    full = (1 << n) - 1
    lows = [v[1 << i] for i in range(n)]
    if not pre and v[full] < sum(lows):
        raise InvalidInputError(bad_param(func, "game", "a game with imputations (v(N) >= sum_i v({i}))",
                                          f"v(N)={v[full]} < {sum(lows)}", raw=True))
    if n == 1:
        return NucleolusResult(value=(sign * v[full],), excess_levels=(), certified=True, players=game.players,
                               method="nucleolus:mps", exact=exact)
    # variables: pre: xp (n), xn (n); else y (n) with x = low + y; then ep, en
    nx = 2 * n if pre else n

    def xrow(S_coef: list) -> list:
        """Row coefficients over x-variables for sum_i coef_i x_i."""
        if pre:
            return list(S_coef) + [-a for a in S_coef]
        return list(S_coef)

    def xconst(S_coef: list) -> Any:
        return zero if pre else sum((a * lo for a, lo in zip(S_coef, lows)), zero)

    active = list(range(1, full))
    fixed: list[tuple[int, Any]] = []  # (mask, value of x(S))
    levels: list = []
    rounds = 0
    while active:
        rounds += 1
        if rounds > 2 * (1 << n):
            break
        c = [zero] * nx + [-one, one]
        A_ub, b_ub = [], []
        for S in active:
            coef = [one if S >> i & 1 else zero for i in range(n)]
            # x(S) + eps >= v(S)  ->  -x(S) - ep + en <= -v(S)
            A_ub.append([-a for a in xrow(coef)] + [-one, one])
            b_ub.append(-(v[S] - xconst(coef)))
        M = sum(abs(x) for x in v) + 1
        A_ub.append([zero] * nx + [-one, one])
        b_ub.append(M)
        A_eq, b_eq = [], []
        allc = [one] * n
        A_eq.append(xrow(allc) + [zero, zero])
        b_eq.append(v[full] - xconst(allc))
        for S, val in fixed:
            coef = [one if S >> i & 1 else zero for i in range(n)]
            A_eq.append(xrow(coef) + [zero, zero])
            b_eq.append(val - xconst(coef))
        sol = _lp(exact, c, A_ub, b_ub, A_eq, b_eq)
        if sol.status != "optimal":
            return NucleolusResult(value=(), method="nucleolus:mps", exact=False, status="failed",
                                   message=f"LP {sol.status} in round {rounds}", players=game.players)
        xs = list(sol.x)
        eps = xs[nx] - xs[nx + 1]
        levels.append(eps)
        y = list(sol.y)[:len(active)]
        newly = [S for S, yy in zip(active, y) if ((yy > 0) if exact else (yy > 1e-9))]
        if not newly:
            # numerical fallback: fix the coalitions tight at the optimum
            xv = _x_from(xs, n, pre, lows)
            newly = [S for S in active if abs(float(v[S] - sum(xv[i] for i in _members(S, n)) - eps)) <= 1e-9]
            if not newly:
                break
        for S in newly:
            fixed.append((S, v[S] - eps))
        basis = np.array([[1] * n] + [[1 if S >> i & 1 else 0 for i in range(n)] for S, _ in fixed], dtype=float)
        # orthonormal basis of the span of the fixed coalitions (and N); drop spanned coalitions
        U, sv, Vt = np.linalg.svd(basis, full_matrices=False)
        r = int(np.sum(sv > 1e-9 * sv[0]))
        Q = Vt[:r].T
        newly_set = set(newly)
        cand = [S for S in active if S not in newly_set]
        if cand:
            V = ((np.array(cand, dtype=np.int64)[:, None] >> np.arange(n)) & 1).astype(float)
            resid = np.linalg.norm(V - (V @ Q) @ Q.T, axis=1)
            active = [S for S, res in zip(cand, resid) if res > 1e-7]
        else:
            active = []
        last_x = _x_from(xs, n, pre, lows)
    x = last_x
    if exact:
        # solve the equality system exactly for a unique x (falls back to the LP's x)
        from solvers._exact_lp import solve_exact_system

        Mrows = [[Fraction(1)] * n] + [[Fraction(1) if S >> i & 1 else Fraction(0) for i in range(n)] for S, _ in fixed]
        rhs = [v[full]] + [val for _, val in fixed]
        if _rank([[int(a) for a in r] for r in Mrows], n) == n:
            sol_x = solve_exact_system(Mrows, rhs)
            if sol_x is not None:
                x = tuple(sol_x)
    if certify is None:
        certify = n <= 6
    certified = bool(certify) and is_prenucleolus(g, x, imputations=not pre)
    value = tuple(sign * a for a in x)
    return NucleolusResult(value=value, excess_levels=tuple(sign * e for e in levels), certified=bool(certified),
                           players=game.players, method="nucleolus:mps-sequential-lp", exact=exact,
                           params={"pre": pre, "max_players": max_players},
                           message="" if certified else ("Kohlberg criterion not checked (certify=False)"
                                                         if not certify else "Kohlberg criterion FAILED"))


def _x_from(xs: list, n: int, pre: bool, lows: list) -> tuple:
    if pre:
        return tuple(xs[i] - xs[n + i] for i in range(n))
    return tuple(lows[i] + xs[i] for i in range(n))


def is_prenucleolus(game: CoalitionalGame, x: Sequence[Any], *, imputations: bool = False) -> bool:
    """Kohlberg's (1971) criterion: ``x`` is the prenucleolus iff it is efficient and for every
    excess level ``t`` the collection ``{S : e(S, x) >= t}`` (proper nonempty ``S``) is balanced,
    i.e. ``sum_S w_S 1_S = 1_N`` for some ``w_S > 0``.  Exact for exact games (each test is an
    LP maximizing the smallest weight, solved exactly).

    With ``imputations=True`` the criterion for the nucleolus (over imputations) is checked:
    ``x`` must be individually rational and each collection may be completed by singletons
    ``{i}`` with ``x_i = v({i})`` carrying nonnegative (not necessarily positive) weights.
    """
    n = game.n_players
    v = game.values
    full = (1 << n) - 1
    exact = game.exact
    if exact:
        xs = [Fraction(a) for a in x]
        if sum(xs) != v[full]:
            return False
    else:
        xs = [float(a) for a in x]
        if abs(sum(xs) - v[full]) > 1e-7 * (1 + abs(v[full])):
            return False
    if imputations:
        if exact and any(xs[i] < v[1 << i] for i in range(n)):
            return False
        if not exact and any(xs[i] < v[1 << i] - 1e-9 for i in range(n)):
            return False
        tight = [i for i in range(n) if ((xs[i] == v[1 << i]) if exact else abs(xs[i] - v[1 << i]) <= 1e-9)]
    else:
        tight = []
    ex = {S: v[S] - sum(xs[i] for i in _members(S, n)) for S in range(1, full)}
    if exact:
        levels = sorted(set(ex.values()), reverse=True)
    else:
        vals = sorted(ex.values(), reverse=True)
        levels = []
        for a in vals:
            if not levels or levels[-1] - a > 1e-9:
                levels.append(a)
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    for t in levels:
        coll = [S for S, e in ex.items() if (e >= t if exact else e >= t - 1e-9)]
        # variables w_S >= 0, s >= 0 ; maximize s subject to w_S - s >= 0 and sum w_S 1_S = 1_N
        m = len(coll)
        extra = [1 << i for i in tight]
        coll_all = coll + extra
        c = [zero] * (m + len(extra)) + [one]
        A_ub = []
        b_ub = []
        for k in range(m):
            row = [zero] * (m + len(extra) + 1)
            row[k] = -one
            row[-1] = one
            A_ub.append(row)
            b_ub.append(zero)
        row = [zero] * (m + len(extra)) + [one]
        A_ub.append(row)
        b_ub.append(one)
        A_eq = []
        b_eq = []
        for i in range(n):
            A_eq.append([one if S >> i & 1 else zero for S in coll_all] + [zero])
            b_eq.append(one)
        sol = _lp(exact, c, A_ub, b_ub, A_eq, b_eq)
        if sol.status != "optimal":
            return False
        if not ((sol.value > 0) if exact else (sol.value > 1e-9)):
            return False
    return True


# -- classic games ---------------------------------------------------------------------------
def glove_game(left: int, right: int) -> CoalitionalGame:
    """Players ``0..left-1`` hold a left glove, the next ``right`` a right glove;
    ``v(S) = min(#left in S, #right in S)`` (pairs of gloves)."""
    for name, val in (("left", left), ("right", right)):
        if isinstance(val, (bool, np.bool_)) or not isinstance(val, (int, np.integer)) or val < 0:
            raise InvalidInputError(bad_param("glove_game", name, "a nonnegative integer", val))
    n = left + right
    if n > MAX_PLAYERS:  # before building 10^30 player names (MemoryError)
        raise LimitError(bad_param("glove_game", "left + right", f"at most MAX_PLAYERS={MAX_PLAYERS}", n))

    def f(S: frozenset) -> int:
        nl = sum(1 for i in S if i < left)
        return min(nl, len(S) - nl)

    return CoalitionalGame(f, n, players=[f"L{i}" for i in range(left)] + [f"R{j}" for j in range(right)],
                           title=f"glove game {left}L/{right}R")


def _airport_costs(func: str, costs: Any) -> tuple[bool, list]:
    """Validated ``(exact, costs)``: a nonempty list of finite nonnegative numbers."""
    try:
        cs = list(costs)
    except TypeError:
        raise InvalidInputError(bad_param(func, "costs", "a nonempty list of costs", costs)) from None
    if not cs:
        raise InvalidInputError(bad_param(func, "costs", "a nonempty list of costs", costs))
    exact = all(is_exact_number(c) and not isinstance(c, bool) for c in cs)
    conv = to_fraction if exact else to_float
    cs = [conv(c, func=func, param="costs") for c in cs]
    if any(c < 0 for c in cs):
        raise InvalidInputError(bad_param(func, "costs", "nonnegative numbers", costs))
    return exact, cs


def airport_game(costs: Sequence[Any]) -> CoalitionalGame:
    """The airport cost game (Littlechild & Owen 1973): ``c(S) = max_{i in S} c_i``."""
    exact, cs = _airport_costs("airport_game", costs)
    n = len(cs)
    zero = Fraction(0) if exact else 0.0
    return CoalitionalGame(lambda S: max((cs[i] for i in S), default=zero), n, cost=True, exact=exact,
                           title="airport game")


def airport_sequential_split(costs: Sequence[Any]) -> tuple:
    """Littlechild-Owen rule: each runway segment is split equally among the planes using it."""
    exact, cs = _airport_costs("airport_sequential_split", costs)
    order = sorted(range(len(cs)), key=lambda i: cs[i])
    n = len(cs)
    zero = Fraction(0) if exact else 0.0
    out = [zero] * n
    prev = zero
    acc = zero
    for rank, i in enumerate(order):
        acc = acc + (cs[i] - prev) / (n - rank)
        prev = cs[i]
        out[i] = acc
    return tuple(out)


def _bankruptcy_input(func: str, estate: Any, claims: Any) -> tuple[bool, Any, list]:
    """Validated ``(exact, E, claims)`` of a bankruptcy problem: ``0 <= E <= sum c``, ``c >= 0``."""
    try:
        claims = list(claims)
    except TypeError:
        raise InvalidInputError(bad_param(func, "claims", "a nonempty list of numbers", claims)) from None
    exact = all(is_exact_number(x) for x in [estate, *claims])
    conv = to_fraction if exact else to_float
    E = conv(estate, func=func, param="estate")
    cs = [conv(c, func=func, param="claims") for c in claims]
    if not cs:
        raise InvalidInputError(bad_param(func, "claims", "a nonempty list", claims))
    if E < 0 or any(c < 0 for c in cs):
        raise InvalidInputError(bad_param(func, "estate/claims", "nonnegative numbers", (estate, claims)))
    if E > sum(cs):
        raise InvalidInputError(bad_param(func, "estate", f"at most the total claim {sum(cs)}", estate))
    return exact, E, cs


def bankruptcy_game(estate: Any, claims: Sequence[Any]) -> CoalitionalGame:
    """O'Neill (1982): ``v(S) = max(0, E - sum_{i not in S} c_i)``."""
    exact, E, cs = _bankruptcy_input("bankruptcy_game", estate, claims)
    n = len(cs)
    total = sum(cs)
    zero = Fraction(0) if exact else 0.0
    return CoalitionalGame(lambda S: max(zero, E - (total - sum((cs[i] for i in S), zero))), n, exact=exact,
                           title=f"bankruptcy E={E}")


def talmud_rule(estate: Any, claims: Sequence[Any]) -> tuple:
    """The Talmud rule (Aumann & Maschler 1985): constrained equal awards on half-claims if
    ``E <= sum c / 2``, else each gets ``c_i/2`` plus the constrained equal losses share of the
    rest.  Exact for exact input."""
    exact, E, cs = _bankruptcy_input("talmud_rule", estate, claims)
    half = [c / 2 for c in cs]
    total = sum(cs)

    def cea(amount, caps):
        # constrained equal awards: min(cap_i, lam) summing to amount
        caps_sorted = sorted(caps)
        rem = amount
        k = len(caps)
        lam = None
        for idx, cap in enumerate(caps_sorted):
            share = rem / (k - idx)
            if share <= cap:
                lam = share
                break
            rem -= cap
        if lam is None:
            lam = caps_sorted[-1]
        return [min(cap, lam) for cap in caps]

    if E <= total / 2:
        return tuple(cea(E, half))
    losses = cea(total - E, half)
    return tuple(c - l for c, l in zip(cs, losses))
