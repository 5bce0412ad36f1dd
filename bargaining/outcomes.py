"""Outcome spaces from issues, utilities over them, the Pareto frontier and solution points.

Definitions
-----------
An *outcome space* is the cartesian product :math:`\\Omega = V_1 \\times \\dots \\times V_m` of
finite issues (e.g. ``price``, ``quantity``); outcomes are numbered in row-major order (the
order of :func:`itertools.product`, first issue slowest).  A utility assigns every outcome a
real number.  An *additive* utility is
:math:`u(\\omega) = b + \\sum_j w_j\\, v_j(\\omega_j)` (Keeney & Raiffa, "Decisions with
multiple objectives", 1976; the linear-additive utility functions of automated negotiation,
e.g. NegMAS ``LinearAdditiveUtilityFunction``).

The *Pareto frontier* of outcomes for parties :math:`u_1, \\dots, u_n` is the set of outcomes
whose utility vector no other outcome dominates (at least as good for all, better for one).
Outcomes with identical vectors are all kept.

**Additive structure** (what is true, and used here).  Write
:math:`t_{ij}(v) = w_{ij} v_{ij}(v)` for party *i*'s weighted score of value *v* of issue *j*.
If a value :math:`v'` of issue *j* dominates :math:`v` *for every party at once*
(:math:`t_{ij}(v') \\ge t_{ij}(v)` for all *i*, strictly for one) then every outcome using *v*
is dominated by the same outcome with *v'*: no such outcome is Pareto optimal.  More generally,
for additive utilities the utility set is a Minkowski sum
:math:`U(\\Omega) = T_1 \\oplus \\dots \\oplus T_m` and
:math:`\\mathrm{PF}(A \\oplus B) \\subseteq \\mathrm{PF}(A) \\oplus \\mathrm{PF}(B)`
(if :math:`a` is dominated by :math:`a'` then :math:`a+b` is dominated by :math:`a'+b`).  So the
frontier is computed by merging issues one at a time, keeping only the frontier of the partial
sums: :math:`F_1 = \\mathrm{PF}(T_1)`, :math:`F_{k+1} = \\mathrm{PF}(F_k \\oplus \\mathrm{PF}(T_{k+1}))`.
The false shortcut "Pareto-optimal outcomes combine per-issue Pareto-optimal values and every
such combination is Pareto optimal" is *not* used: combinations of per-issue optimal values can
be dominated (that is why each merge is filtered again).

Solution points over a finite outcome set with disagreement point :math:`d` (pure outcomes, no
lotteries): Nash (1950) maximizes :math:`\\prod_i (u_i - d_i)^{w_i}` over outcomes with
:math:`u > d`; Kalai & Smorodinsky (1975) (discrete form, as in NegMAS ``kalai_points``)
maximizes :math:`\\min_i (u_i - d_i)/(a_i - d_i)` with :math:`a` the ideal point of the
individually rational outcomes; egalitarian (Kalai 1977) maximizes :math:`\\min_i (u_i - d_i)`;
utilitarian maximizes :math:`\\sum_i w_i u_i`.  (NegMAS's ``ks_points`` instead minimizes the
spread :math:`\\max_i - \\min_i` of the normalized gains over the outcomes it is given, and its
``kalai_points`` is the egalitarian point; on a continuous two-party frontier all agree, on
finite sets the first can differ.)  Ties are broken by the larger sum of gains and then
the smaller outcome index, which keeps every answer Pareto optimal; all tied outcomes are listed.
"""

from __future__ import annotations

import itertools
import math
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np

from solvers.errors import InvalidInputError, LimitError, bad_param
from solvers.pareto import pareto_indices
from solvers.results import Result, result

__all__ = [
    "OutcomeSpace",
    "Utility",
    "AdditiveUtility",
    "TableUtility",
    "FunctionUtility",
    "utility_matrix",
    "ParetoFrontier",
    "pareto_frontier",
    "SolutionPoint",
    "nash_point",
    "kalai_smorodinsky_point",
    "egalitarian_point",
    "utilitarian_point",
    "solution_points",
    "CONCEPTS",
]

#: Largest outcome space that may be materialized (utility tables, enumeration).
MAX_MATERIALIZE = 50_000_000
#: Above this many cells (outcomes x parties) solution points of additive utilities search the
#: Pareto frontier (additive merge) instead of the materialized utility matrix.
MATERIALIZE_CELLS = 20_000_000


# --------------------------------------------------------------------------------------------
# outcome spaces
# --------------------------------------------------------------------------------------------
class OutcomeSpace:
    """The cartesian product of finite issues; outcomes are never materialized unless asked.

    Parameters
    ----------
    issues : mapping of str to sequence, or sequence of sequences
        Issue name -> its values (in order).  A plain sequence gets names ``"i0", "i1", ...``.
        An ``int`` ``k`` stands for the values ``range(k)``.

    Examples
    --------
    >>> space = OutcomeSpace(issues={"price": [10, 20, 30], "qty": [1, 2]})
    >>> space.size, space.outcome(4)
    (6, {'price': 30, 'qty': 1})
    """

    __slots__ = ("_names", "_values", "_shape")

    def __init__(self, issues: Mapping[str, Sequence[Any] | int] | Sequence[Sequence[Any] | int]) -> None:
        func = "OutcomeSpace"
        if isinstance(issues, Mapping):
            items = list(issues.items())
        elif isinstance(issues, (list, tuple)):
            items = [(f"i{j}", v) for j, v in enumerate(issues)]
        else:
            raise InvalidInputError(bad_param(func, "issues", "a mapping name -> values", issues))
        if not items:
            raise InvalidInputError(bad_param(func, "issues", "at least one issue", issues))
        names, values = [], []
        for name, vals in items:
            if isinstance(vals, (int, np.integer)) and not isinstance(vals, bool):
                vals = range(int(vals))
            try:
                vals = tuple(vals)
            except TypeError as exc:
                raise InvalidInputError(
                    bad_param(func, f"issues[{name!r}]", "a sequence of values", vals)
                ) from exc
            if not vals:
                raise InvalidInputError(
                    bad_param(func, f"issues[{name!r}]", "a non-empty sequence of values", vals)
                )
            names.append(str(name))
            values.append(vals)
        if len(set(names)) != len(names):
            raise InvalidInputError(bad_param(func, "issues", "issues with distinct names", names))
        size = math.prod(len(v) for v in values)
        if size >= 2**62:
            raise LimitError(
                bad_param(func, "issues", "a space of fewer than 2**62 outcomes (int64 indices)", size)
            )
        self._names = tuple(names)
        self._values = tuple(values)
        self._shape = tuple(len(v) for v in values)

    # -- basic facts --------------------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        """Issue names, in order."""
        return self._names

    @property
    def values(self) -> tuple[tuple[Any, ...], ...]:
        """The values of every issue, in order."""
        return self._values

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values of every issue."""
        return self._shape

    @property
    def size(self) -> int:
        """Number of outcomes (product of the issue cardinalities)."""
        return math.prod(self._shape)

    def __len__(self) -> int:
        return self.size

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, OutcomeSpace) and self._names == other._names and self._values == other._values
        )

    def __hash__(self) -> int:
        return hash((self._names, self._values))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}: {len(v)}" for n, v in zip(self._names, self._values))
        return f"OutcomeSpace({{{inner}}}, size={self.size})"

    # -- indices --------------------------------------------------------------------------------
    def _check_index(self, index: Any, func: str) -> int:
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise InvalidInputError(bad_param(func, "index", "an int", index))
        if not 0 <= int(index) < self.size:
            raise InvalidInputError(bad_param(func, "index", f"in [0, {self.size})", index))
        return int(index)

    def value_indices(self, indices: Any) -> np.ndarray:
        """Per-issue value positions of flat outcome indices: array of shape ``(k, m)``."""
        idx = np.asarray(indices, dtype=np.int64).reshape(-1)
        if idx.size and (idx.min() < 0 or idx.max() >= self.size):
            raise InvalidInputError(
                bad_param("OutcomeSpace.value_indices", "indices", f"in [0, {self.size})", indices)
            )
        return (
            np.stack(np.unravel_index(idx, self._shape), axis=1)
            if idx.size
            else np.zeros((0, len(self._shape)), np.int64)
        )

    def outcome(self, index: int) -> dict[str, Any]:
        """The outcome numbered ``index`` as a dict issue -> value."""
        i = self._check_index(index, "OutcomeSpace.outcome")
        pos = np.unravel_index(i, self._shape)
        return {n: v[int(p)] for n, v, p in zip(self._names, self._values, pos)}

    def index(self, outcome: Mapping[str, Any] | Sequence[Any]) -> int:
        """The number of an outcome given as a dict issue -> value or a tuple of values."""
        func = "OutcomeSpace.index"
        if isinstance(outcome, Mapping):
            if set(outcome) != set(self._names):
                raise InvalidInputError(
                    bad_param(func, "outcome", f"a dict with keys {list(self._names)}", outcome)
                )
            vals = [outcome[n] for n in self._names]
        else:
            vals = list(outcome)
            if len(vals) != len(self._names):
                raise InvalidInputError(bad_param(func, "outcome", f"{len(self._names)} values", outcome))
        pos = []
        for n, v, x in zip(self._names, self._values, vals):
            try:
                pos.append(v.index(x))
            except ValueError:
                raise InvalidInputError(bad_param(func, f"outcome[{n!r}]", f"one of {list(v)}", x)) from None
        return int(np.ravel_multi_index(pos, self._shape))

    def outcomes(self) -> Iterator[dict[str, Any]]:
        """Iterate over all outcomes in index order (lazily)."""
        for combo in itertools.product(*self._values):
            yield dict(zip(self._names, combo))

    def sample(self, k: int, *, seed: int | None = None) -> np.ndarray:
        """``k`` outcome indices drawn uniformly with replacement (seeded)."""
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)) or k < 0:
            raise InvalidInputError(bad_param("OutcomeSpace.sample", "k", "a nonnegative integer", k))
        rng = np.random.default_rng(seed)
        return rng.integers(0, self.size, size=int(k), dtype=np.int64)


# --------------------------------------------------------------------------------------------
# utilities
# --------------------------------------------------------------------------------------------
def _finite_array(x: Any, func: str, param: str) -> np.ndarray:
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(bad_param(func, param, "an array of numbers", x)) from exc
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(bad_param(func, param, "finite numbers (no NaN or inf)", x))
    return arr


def _check_reservation(r: Any, func: str) -> float | None:
    if r is None:
        return None
    try:
        v = float(r)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, "reservation", "a finite number or None", r)) from None
    if not math.isfinite(v):
        raise InvalidInputError(bad_param(func, "reservation", "a finite number or None", r))
    return v


class Utility:
    """Base of the utilities over an :class:`OutcomeSpace`.

    Subclasses implement :meth:`evaluate` (utilities of flat outcome indices, vectorized).
    ``reservation`` is the utility of disagreement (the default disagreement point); ``None``
    means no reservation value: every outcome is acceptable and the disagreement point defaults
    to the worst utility over the space (NegMAS's ``reserved_value=-inf`` convention).
    """

    space: OutcomeSpace
    reservation: float | None

    def disagreement_value(self) -> float:
        """The reservation value, or the worst utility when there is none."""
        return self.reservation if self.reservation is not None else self.minmax()[0]

    def _rational_floor(self) -> float:
        return self.reservation if self.reservation is not None else -math.inf

    def _res_text(self) -> str:
        return "None" if self.reservation is None else f"{self.reservation:g}"

    def evaluate(self, indices: Any) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def table(self) -> np.ndarray:
        """Utilities of all outcomes, shape ``(space.size,)`` (materializes the space)."""
        if self.space.size > MAX_MATERIALIZE:
            raise LimitError(
                bad_param(
                    f"{type(self).__name__}.table",
                    "space",
                    f"at most {MAX_MATERIALIZE} outcomes",
                    self.space.size,
                )
            )
        return self.evaluate(np.arange(self.space.size, dtype=np.int64))

    def __call__(self, outcome: Mapping[str, Any] | Sequence[Any] | int) -> float:
        """Utility of one outcome (a dict, a tuple of values, or an outcome index)."""
        if isinstance(outcome, (int, np.integer)) and not isinstance(outcome, bool):
            i = self.space._check_index(outcome, f"{type(self).__name__}.__call__")
        else:
            i = self.space.index(outcome)
        return float(self.evaluate(np.array([i]))[0])

    def minmax(self) -> tuple[float, float]:
        """Smallest and largest utility over the outcome space."""
        t = self.table()
        return float(t.min()), float(t.max())


class AdditiveUtility(Utility):
    """Additive utility :math:`u(\\omega) = b + \\sum_j w_j v_j(\\omega_j)`.

    Parameters
    ----------
    space : OutcomeSpace
    values : mapping issue -> (sequence of numbers | mapping value -> number | callable)
        Per-issue value functions; a sequence lists the scores of the issue's values in order.
    weights : mapping issue -> number, or sequence, optional
        Issue weights (default 1); any finite reals.
    bias : float
        Constant added to every outcome.
    reservation : float or None
        Utility of disagreement (None: none, see :class:`Utility`).
    """

    def __init__(
        self,
        space: OutcomeSpace,
        values: Mapping[str, Any] | Sequence[Any],
        weights: Mapping[str, float] | Sequence[float] | None = None,
        *,
        bias: float = 0.0,
        reservation: float | None = None,
    ) -> None:
        func = "AdditiveUtility"
        if not isinstance(space, OutcomeSpace):
            raise InvalidInputError(bad_param(func, "space", "an OutcomeSpace", space))
        self.space = space
        if isinstance(values, Mapping):
            unknown = set(values) - set(space.names)
            if unknown:
                raise InvalidInputError(
                    bad_param(func, "values", f"keyed by issues {list(space.names)}", sorted(unknown))
                )
            per = [values.get(n) for n in space.names]
        else:
            per = list(values)
            if len(per) != len(space.names):
                raise InvalidInputError(
                    bad_param(func, "values", f"{len(space.names)} value functions", values)
                )
        if weights is None:
            w = np.ones(len(space.names))
        elif isinstance(weights, Mapping):
            unknown = set(weights) - set(space.names)
            if unknown:
                raise InvalidInputError(
                    bad_param(func, "weights", f"keyed by issues {list(space.names)}", sorted(unknown))
                )
            w = _finite_array([weights.get(n, 1.0) for n in space.names], func, "weights")
        else:
            w = _finite_array(list(weights), func, "weights")
            if w.shape != (len(space.names),):
                raise InvalidInputError(bad_param(func, "weights", f"{len(space.names)} numbers", weights))
        tables = []
        for name, vals, f, wj in zip(space.names, space.values, per, w):
            if f is None:
                t = np.zeros(len(vals))
            elif callable(f):
                t = _finite_array([f(v) for v in vals], func, f"values[{name!r}]")
            elif isinstance(f, Mapping):
                missing = [v for v in vals if v not in f]
                if missing:
                    raise InvalidInputError(
                        bad_param(func, f"values[{name!r}]", "a score for every value", missing)
                    )
                t = _finite_array([f[v] for v in vals], func, f"values[{name!r}]")
            else:
                t = _finite_array(f, func, f"values[{name!r}]")
                if t.shape != (len(vals),):
                    raise InvalidInputError(
                        bad_param(
                            func, f"values[{name!r}]", f"{len(vals)} scores", f"shape {t.shape}", raw=True
                        )
                    )
            tables.append(np.ascontiguousarray(wj * t))
        self.weights = w
        self.tables: tuple[np.ndarray, ...] = tuple(tables)
        self.bias = float(_finite_array(bias, func, "bias"))
        self.reservation = _check_reservation(reservation, func)

    def evaluate(self, indices: Any) -> np.ndarray:
        """Utilities of flat outcome indices (summed issue by issue, in issue order)."""
        pos = self.space.value_indices(indices)
        out = self.tables[0][pos[:, 0]].copy()
        for j in range(1, len(self.tables)):
            out += self.tables[j][pos[:, j]]
        return out + self.bias

    def table(self) -> np.ndarray:
        """Utilities of all outcomes by broadcasting (same summation order as :meth:`evaluate`)."""
        if self.space.size > MAX_MATERIALIZE:
            raise LimitError(
                bad_param(
                    "AdditiveUtility.table", "space", f"at most {MAX_MATERIALIZE} outcomes", self.space.size
                )
            )
        acc = self.tables[0]
        for t in self.tables[1:]:
            acc = (acc[:, None] + t[None, :]).reshape(-1)
        return acc + self.bias

    def minmax(self) -> tuple[float, float]:
        """Smallest and largest utility, without materializing the space."""
        lo = sum(float(t.min()) for t in self.tables) + self.bias
        hi = sum(float(t.max()) for t in self.tables) + self.bias
        return lo, hi

    def __repr__(self) -> str:
        return f"AdditiveUtility({self.space!r}, reservation={self._res_text()})"


class TableUtility(Utility):
    """A utility given by its full table (shape ``space.shape`` or ``(space.size,)``)."""

    def __init__(self, space: OutcomeSpace, table: Any, *, reservation: float | None = None) -> None:
        func = "TableUtility"
        if not isinstance(space, OutcomeSpace):
            raise InvalidInputError(bad_param(func, "space", "an OutcomeSpace", space))
        arr = _finite_array(table, func, "table")
        if arr.shape not in (space.shape, (space.size,)):
            raise InvalidInputError(
                bad_param(
                    func, "table", f"shape {space.shape} or ({space.size},)", f"shape {arr.shape}", raw=True
                )
            )
        self.space = space
        self._table = np.ascontiguousarray(arr.reshape(-1))
        self._table.setflags(write=False)
        self.reservation = _check_reservation(reservation, func)

    def evaluate(self, indices: Any) -> np.ndarray:
        idx = np.asarray(indices, dtype=np.int64)
        self.space.value_indices(idx[:1] if idx.size else idx)
        return self._table[idx].astype(float)

    def table(self) -> np.ndarray:
        return self._table.copy()

    def __repr__(self) -> str:
        return f"TableUtility({self.space!r}, reservation={self._res_text()})"


class FunctionUtility(Utility):
    """A utility given by a callable on outcomes.

    Parameters
    ----------
    space : OutcomeSpace
    function : callable
        ``function(outcome_dict) -> float``; or, with ``vectorized=True``,
        ``function(values_by_issue) -> array`` where ``values_by_issue`` maps every issue to a
        numpy array of values (one entry per outcome evaluated).
    """

    def __init__(
        self,
        space: OutcomeSpace,
        function: Callable[..., Any],
        *,
        vectorized: bool = False,
        reservation: float | None = None,
    ) -> None:
        if not callable(function):
            raise InvalidInputError(bad_param("FunctionUtility", "function", "a callable", function))
        self.space = space
        self.function = function
        self.vectorized = bool(vectorized)
        self.reservation = _check_reservation(reservation, "FunctionUtility")

    def evaluate(self, indices: Any) -> np.ndarray:
        pos = self.space.value_indices(indices)
        if self.vectorized:
            cols = {
                n: np.asarray(v, dtype=object)[pos[:, j]]
                for j, (n, v) in enumerate(zip(self.space.names, self.space.values))
            }
            try:
                cols = {n: c.astype(float) for n, c in cols.items()}
            except (TypeError, ValueError):
                pass
            out = np.asarray(self.function(cols), dtype=float).reshape(-1)
            if out.shape != (pos.shape[0],):
                raise InvalidInputError(
                    bad_param(
                        "FunctionUtility",
                        "function",
                        f"{pos.shape[0]} values",
                        f"shape {out.shape}",
                        raw=True,
                    )
                )
        else:
            names, vals = self.space.names, self.space.values
            out = np.fromiter(
                (self.function({n: vals[j][p[j]] for j, n in enumerate(names)}) for p in pos),
                dtype=float,
                count=pos.shape[0],
            )
        if not np.all(np.isfinite(out)):
            raise InvalidInputError(
                bad_param(
                    "FunctionUtility",
                    "function",
                    "finite values (no NaN or inf)",
                    "a non-finite value",
                    raw=True,
                )
            )
        return out

    def __repr__(self) -> str:
        return f"FunctionUtility({self.space!r}, reservation={self._res_text()})"


def _common_space(utilities: Sequence[Utility], func: str) -> OutcomeSpace:
    if not utilities:
        raise InvalidInputError(bad_param(func, "utilities", "at least one utility", utilities))
    space = utilities[0].space
    for u in utilities[1:]:
        if u.space != space:
            raise InvalidInputError(
                bad_param(
                    func,
                    "utilities",
                    "utilities over the same outcome space",
                    "utilities over different spaces",
                    raw=True,
                )
            )
    return space


def utility_matrix(utilities: Sequence[Utility] | Any, indices: Any = None) -> np.ndarray:
    """Utilities of all parties as one array of shape ``(k, n)`` (outcomes x parties), column-major.

    ``utilities`` is a sequence of :class:`Utility` over one space (then ``indices`` selects
    outcomes; default all) or already an array of shape ``(N, n)``.
    """
    func = "utility_matrix"
    if isinstance(utilities, (list, tuple)) and utilities and all(isinstance(u, Utility) for u in utilities):
        _common_space(utilities, func)
        first = utilities[0].table() if indices is None else utilities[0].evaluate(indices)
        out = np.empty((first.shape[0], len(utilities)), dtype=np.float64, order="F")
        out[:, 0] = first
        for i, u in enumerate(utilities[1:], start=1):
            out[:, i] = u.table() if indices is None else u.evaluate(indices)
        return out
    arr = _finite_array(utilities, func, "utilities")
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise InvalidInputError(
            bad_param(
                func,
                "utilities",
                "an array of shape (outcomes, parties) with both > 0",
                f"shape {arr.shape}",
                raw=True,
            )
        )
    if indices is not None:
        arr = arr[np.asarray(indices, dtype=np.int64)]
    return np.asfortranarray(arr)


# --------------------------------------------------------------------------------------------
# Pareto frontier
# --------------------------------------------------------------------------------------------
@result
class ParetoFrontier(Result):
    """The Pareto-optimal outcomes: their indices and utility vectors.

    ``indices`` are outcome numbers (rows of the utility matrix), ordered by the first party's
    utility decreasing, then the next parties' decreasing, then index; ``utilities[k]`` is the
    utility vector of outcome ``indices[k]``.
    """

    indices: np.ndarray = None  # type: ignore[assignment]
    utilities: np.ndarray = None  # type: ignore[assignment]
    n_outcomes: int = 0
    n_parties: int = 0

    def __len__(self) -> int:
        return int(len(self.indices))

    def utility_set(self) -> set[tuple[float, ...]]:
        """The frontier as a set of utility vectors (duplicates merged)."""
        return {tuple(map(float, row)) for row in self.utilities}


def _as_parties(
    utilities: Any, func: str
) -> tuple[list[Utility] | None, np.ndarray | None, OutcomeSpace | None]:
    if isinstance(utilities, (list, tuple)) and utilities and all(isinstance(u, Utility) for u in utilities):
        space = _common_space(list(utilities), func)
        return list(utilities), None, space
    if isinstance(utilities, (list, tuple)) and not utilities:
        raise InvalidInputError(bad_param(func, "utilities", "at least one utility", utilities))
    arr = _finite_array(utilities, func, "utilities")
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise InvalidInputError(
            bad_param(
                func,
                "utilities",
                "Utility objects or an array of shape (outcomes, parties)",
                f"shape {arr.shape}",
                raw=True,
            )
        )
    return None, arr, None


def _reservations(objs: list[Utility] | None, n: int, reservations: Any, func: str) -> np.ndarray | None:
    if reservations is None:
        if objs is None:
            return None
        return np.array([u._rational_floor() for u in objs], dtype=float)
    r = _finite_array(reservations, func, "reservations").reshape(-1)
    if r.shape != (n,):
        raise InvalidInputError(bad_param(func, "reservations", f"{n} numbers", reservations))
    return r


def _order_frontier(idx: np.ndarray, U: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keys = [idx] + [-U[:, j] for j in range(U.shape[1] - 1, -1, -1)]
    order = np.lexsort(keys)
    return idx[order], np.ascontiguousarray(U[order])


def _additive_frontier(objs: list[AdditiveUtility], space: OutcomeSpace) -> tuple[np.ndarray, np.ndarray]:
    """Issue-by-issue merge, keeping the frontier of partial sums (see module docstring)."""
    m = len(space.shape)
    per = [np.stack([u.tables[j] for u in objs], axis=1) for j in range(m)]  # (|V_j|, n)
    keep0 = pareto_indices(per[0])
    acc = np.ascontiguousarray(per[0][keep0])
    pos = keep0.reshape(-1, 1)
    for j in range(1, m):
        kj = pareto_indices(per[j])
        tj = per[j][kj]
        cand = (acc[:, None, :] + tj[None, :, :]).reshape(-1, acc.shape[1])
        cpos = np.concatenate([np.repeat(pos, len(kj), axis=0), np.tile(kj, len(pos)).reshape(-1, 1)], axis=1)
        keep = pareto_indices(cand)
        acc = np.ascontiguousarray(cand[keep])
        pos = cpos[keep]
    bias = np.array([u.bias for u in objs])
    flat = np.ravel_multi_index(tuple(pos.T), space.shape).astype(np.int64)
    return flat, acc + bias


def pareto_frontier(
    utilities: Sequence[Utility] | Any,
    *,
    reservations: Any = None,
    rational_only: bool = False,
    unique: bool = False,
    method: str = "auto",
) -> ParetoFrontier:
    """The Pareto frontier of an outcome set for 1-n parties.

    Parameters
    ----------
    utilities : sequence of Utility over one space, or array of shape (N, n)
        The parties' utilities.
    reservations : sequence of float, optional
        Reservation values (default: the utilities' ``reservation``; none for an array).
    rational_only : bool
        Keep only individually rational outcomes (``u_i >= reservation_i`` for all i), like
        NegMAS ``pareto_frontier``.  The frontier of the rational outcomes is the frontier of
        all outcomes intersected with them (a dominating outcome of a rational one is rational).
    unique : bool
        Keep one outcome (the smallest index) per distinct utility vector.  By default every
        outcome with a Pareto-optimal vector is listed (NegMAS's ``pareto_frontier`` sometimes
        drops duplicates: its vectors are the same set, its indices a subset of ours).
    method : {"auto", "additive", "skyline"}
        ``"additive"`` merges issue by issue (all utilities additive); ``"skyline"``
        materializes the utility matrix and filters it; ``"auto"`` picks additive when it can.

    Returns
    -------
    ParetoFrontier
    """
    func = "pareto_frontier"
    objs, arr, space = _as_parties(utilities, func)
    n = len(objs) if objs is not None else arr.shape[1]
    res = _reservations(objs, n, reservations, func)
    if rational_only and res is None:
        raise InvalidInputError(
            bad_param(func, "reservations", "given when rational_only=True and utilities is an array", None)
        )
    if method not in ("auto", "additive", "skyline"):
        raise InvalidInputError(bad_param(func, "method", "'auto', 'additive' or 'skyline'", method))
    additive = objs is not None and all(isinstance(u, AdditiveUtility) for u in objs)
    if method == "additive" and not additive:
        raise InvalidInputError(
            bad_param(func, "method", "'additive' only with AdditiveUtility objects", method)
        )
    use_additive = additive and method in ("auto", "additive")
    if use_additive:
        idx, U = _additive_frontier(objs, space)  # type: ignore[arg-type]
        n_out = space.size  # type: ignore[union-attr]
        used = "additive_merge"
    else:
        M = arr if arr is not None else utility_matrix(objs)
        idx = pareto_indices(M)
        U = M[idx]
        n_out = M.shape[0]
        used = "skyline"
    if rational_only:
        ok = np.all(U >= res, axis=1)
        idx, U = idx[ok], U[ok]
    idx, U = _order_frontier(idx, U)
    if unique and len(idx) > 1:
        # ordered by vector then index: keep the first row of every run of equal vectors
        new = np.ones(len(idx), dtype=bool)
        new[1:] = np.any(U[1:] != U[:-1], axis=1)
        idx, U = idx[new], np.ascontiguousarray(U[new])
    idx.setflags(write=False)
    U.setflags(write=False)
    return ParetoFrontier(
        indices=idx,
        utilities=U,
        n_outcomes=int(n_out),
        n_parties=int(n),
        method=used,
        exact=False,
        params={
            "rational_only": bool(rational_only),
            "unique": bool(unique),
            "method": method,
            "reservations": None if res is None else tuple(map(float, res)),
        },
    )


# --------------------------------------------------------------------------------------------
# solution points
# --------------------------------------------------------------------------------------------
CONCEPTS = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")


@result
class SolutionPoint(Result):
    """One solution point over a finite outcome set.

    ``index`` is the chosen outcome (``-1`` when no outcome is individually rational: then
    ``status == "infeasible"`` and ``utilities`` is the disagreement point); ``ties`` lists every
    outcome achieving the same objective before tie-breaking (sorted); ``outcome`` is the dict
    issue -> value when the utilities came with an outcome space.  ``lottery`` lists
    ``(outcome index, probability)`` pairs when the point was computed over lotteries (then
    ``index`` is the most likely outcome and ``utilities`` the expected utilities).
    """

    concept: str = ""
    index: int = -1
    utilities: tuple = ()
    value: float = 0.0
    disagreement: tuple = ()
    ties: tuple = ()
    outcome: dict = None  # type: ignore[assignment]
    lottery: tuple = ()


def _check_tol(func: str, tol: Any) -> float:
    try:
        t = float(tol)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, "tol", "a finite number >= 0", tol)) from None
    if not (0 <= t < math.inf):
        raise InvalidInputError(bad_param(func, "tol", "a finite number >= 0", tol))
    return t


def _point_setup(
    utilities: Any, disagreement: Any, weights: Any, frontier: ParetoFrontier | None, func: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, OutcomeSpace | None]:
    """Return (candidate indices, candidate utilities, d, w, space)."""
    objs, arr, space = _as_parties(utilities, func)
    n = len(objs) if objs is not None else arr.shape[1]
    if disagreement is None:
        if objs is not None:
            d = np.array([u.disagreement_value() for u in objs], dtype=float)
        else:
            d = arr.min(axis=0)
    else:
        d = _finite_array(disagreement, func, "disagreement").reshape(-1)
        if d.shape != (n,):
            raise InvalidInputError(bad_param(func, "disagreement", f"{n} numbers", disagreement))
    if weights is None:
        w = np.ones(n)
    else:
        w = _finite_array(weights, func, "weights").reshape(-1)
        if w.shape != (n,) or np.any(w <= 0):
            raise InvalidInputError(bad_param(func, "weights", f"{n} positive numbers", weights))
    if frontier is not None:
        if not isinstance(frontier, ParetoFrontier) or frontier.n_parties != n:
            raise InvalidInputError(
                bad_param(func, "frontier", f"a ParetoFrontier for {n} parties", frontier)
            )
        idx = np.asarray(frontier.indices, dtype=np.int64)
        U = np.asarray(frontier.utilities, dtype=float)
    elif arr is not None:
        idx = np.arange(arr.shape[0], dtype=np.int64)
        U = arr
    elif (
        space.size * n > MATERIALIZE_CELLS  # type: ignore[union-attr]
        and all(isinstance(u, AdditiveUtility) for u in objs)
    ):  # type: ignore[union-attr]
        # too large to materialize: every concept's maximizer is Pareto optimal, so search the
        # frontier, which the additive merge finds without enumerating the space
        pf = pareto_frontier(objs)
        idx = np.asarray(pf.indices, dtype=np.int64)
        U = np.asarray(pf.utilities, dtype=float)
    else:
        U = utility_matrix(objs)
        idx = np.arange(U.shape[0], dtype=np.int64)
    # column-major: the per-outcome reductions over parties run over contiguous columns
    return idx, np.asfortranarray(U), d, w, space


def _finish(
    concept: str,
    idx: np.ndarray,
    U: np.ndarray,
    score: np.ndarray,
    valid: np.ndarray,
    d: np.ndarray,
    space: OutcomeSpace | None,
    params: dict,
    tol: float,
    value_fn: Callable[[np.ndarray], float] | None = None,
    degenerate: str = "",
) -> SolutionPoint:
    func = concept
    if not np.any(valid):
        return SolutionPoint(
            concept=concept,
            index=-1,
            utilities=tuple(map(float, d)),
            value=0.0,
            disagreement=tuple(map(float, d)),
            ties=(),
            outcome={},
            method=f"{func}_over_outcomes",
            status="infeasible",
            message="no outcome is individually rational (u >= d for every party)",
            params=params,
        )
    s = np.where(valid, score, -np.inf)
    best = s.max()
    # ties relative to the scores' own magnitude (not max(1, |best|): utilities near 1e-12
    # made every outcome "tied" and the sum-of-gains tie-break then picked a non-maximizer)
    thr = best - tol * float(np.max(np.abs(score[valid])))
    tied = np.flatnonzero(s >= thr)
    gains = (U[tied] - d).sum(axis=1)
    gbest = gains.max()
    pick = tied[gains >= gbest - tol * float(np.max(np.abs(gains)))]
    k = pick[np.argmin(idx[pick])]
    index = int(idx[k])
    outcome = space.outcome(index) if space is not None else {}
    val = float(value_fn(U[k]) if value_fn is not None else score[k])
    return SolutionPoint(
        concept=concept,
        index=index,
        utilities=tuple(map(float, U[k])),
        value=val,
        disagreement=tuple(map(float, d)),
        ties=tuple(sorted(int(i) for i in idx[tied])),
        outcome=outcome,
        method=f"{concept}_over_outcomes",
        status="degenerate" if degenerate else "ok",
        message=degenerate,
        params=params,
    )


def _nash_scores(G: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, int | None]:
    """The Nash rule on pure outcomes with gains ``G = U - d``: each outcome's weighted log
    product over the parties it gives a positive gain, the valid outcomes, and ``kmax``.

    Valid: the outcomes giving every party a positive gain; when there is none, lexicographic,
    like ``nash_solution`` on pure outcomes: the individually rational outcomes with the most
    parties gaining (``kmax`` of them; requiring one outcome to give every party that can gain
    somewhere a gain left e.g. {(3, 0), (0, 2)} "infeasible").  ``kmax`` is None when some
    outcome gives every party a gain.
    """
    valid = np.all(G > 0, axis=1)
    kmax = None
    if not np.any(valid):
        ir = np.all(G >= 0, axis=1)
        cnt = np.sum(G > 0, axis=1)
        kmax = int(cnt[ir].max()) if np.any(ir) else 0
        valid = ir & (cnt == kmax)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(np.where(G > 0, G, 1.0))
    return logs @ w, valid, kmax


def nash_point(
    utilities: Sequence[Utility] | Any,
    *,
    disagreement: Any = None,
    weights: Any = None,
    frontier: ParetoFrontier | None = None,
    lotteries: bool = False,
    tol: float = 1e-12,
) -> SolutionPoint:
    """The (weighted) Nash bargaining point over pure outcomes.

    Maximizes :math:`\\sum_i w_i \\log(u_i - d_i)` (the log of the Nash product) over outcomes
    with :math:`u > d` (Nash 1950; asymmetric weights as in Kalai 1977 / Roth 1979).  The
    disagreement point defaults to the reservation values (for an array, or a utility without
    one: the worst utility of the party).  If no outcome gives every party a positive gain but
    some are individually rational (``u >= d``), the status is ``"degenerate"`` and the point is
    the one with the most parties gaining and, among those, the largest weighted product of
    their gains (lexicographic, like :func:`bargaining.nash_solution` on pure outcomes).

    ``value`` is the Nash product :math:`\\prod_i (u_i - d_i)^{w_i}`.  With ``frontier`` given,
    only its outcomes are searched (the maximizer is always on the frontier).

    With ``lotteries=True`` the feasible set is the convex hull of the outcomes' utility vectors
    (lotteries over outcomes; the Pareto frontier of the hull lies in the hull of the Pareto
    outcomes, so only those are passed) and the point is delegated to
    :func:`bargaining.solutions.nash_solution` (Frank-Wolfe / exact edge search there).
    """
    if lotteries:
        return _nash_lottery(utilities, disagreement, weights, frontier)
    tol = _check_tol("nash_point", tol)
    idx, U, d, w, space = _point_setup(utilities, disagreement, weights, frontier, "nash_point")
    params = {"disagreement": tuple(map(float, d)), "weights": tuple(map(float, w)), "tol": tol}
    score, valid, kmax = _nash_scores(U - d, w)
    message = ""
    if kmax is not None and np.any(valid):
        message = (
            "no outcome gives every party a positive gain; maximized the number of parties with "
            f"a positive gain ({kmax}), then the weighted product over them (the others at d)"
        )

    def value(u: np.ndarray) -> float:
        g = u - d
        on = g > 0
        return float(np.prod(g[on] ** w[on]))

    return _finish("nash", idx, U, score, valid, d, space, params, tol, value_fn=value, degenerate=message)


def _nash_lottery(
    utilities: Any, disagreement: Any, weights: Any, frontier: ParetoFrontier | None
) -> SolutionPoint:
    from .problem import BargainingProblem
    from .solutions import nash_solution

    func = "nash_point"
    objs, arr, space = _as_parties(utilities, func)
    if frontier is None:
        frontier = pareto_frontier(arr if arr is not None else objs)
    idx, U, d, w, space = _point_setup(utilities, disagreement, weights, frontier, func)
    params = {"disagreement": tuple(map(float, d)), "weights": tuple(map(float, w)), "lotteries": True}
    if U.shape[1] < 2 or not np.any(np.all(U >= d, axis=1)):
        return nash_point(utilities, disagreement=d, weights=w, frontier=frontier)
    # duplicates of a utility vector are one point of the hull
    uniq, first = np.unique(np.ascontiguousarray(U), axis=0, return_index=True)
    rows = np.sort(first)
    problem = BargainingProblem(
        np.ascontiguousarray(U[rows]), tuple(map(float, d)), lotteries=True, exact=False
    )
    sol = nash_solution(problem, weights=tuple(map(float, w)))
    lottery = tuple((int(idx[rows[int(k)]]), float(p)) for k, p in sol.lottery)
    point = tuple(float(v) for v in sol.point)
    best = max(lottery, key=lambda kp: kp[1])[0] if lottery else -1
    value = float(np.prod(np.maximum(np.array(point) - d, 0.0) ** w))
    return SolutionPoint(
        concept="nash",
        index=best,
        utilities=point,
        value=value,
        disagreement=tuple(map(float, d)),
        ties=(),
        outcome=space.outcome(best) if space is not None and best >= 0 else {},
        lottery=lottery,
        method="nash_over_lotteries",
        status=sol.status,
        message=sol.message,
        params=params,
    )


def kalai_smorodinsky_point(
    utilities: Sequence[Utility] | Any,
    *,
    disagreement: Any = None,
    frontier: ParetoFrontier | None = None,
    tol: float = 1e-12,
) -> SolutionPoint:
    """The discrete Kalai-Smorodinsky point: maximize the minimum relative gain.

    With ideal point :math:`a_i = \\max u_i` over individually rational outcomes, maximizes
    :math:`\\min_i (u_i - d_i)/(a_i - d_i)` (parties with :math:`a_i = d_i` are ignored).
    ``value`` is that minimum relative gain.
    """
    tol = _check_tol("kalai_smorodinsky_point", tol)
    idx, U, d, w, space = _point_setup(utilities, disagreement, None, frontier, "kalai_smorodinsky_point")
    params = {"disagreement": tuple(map(float, d)), "tol": tol}
    ir = np.all(U >= d, axis=1)
    if not np.any(ir):
        return _finish("kalai_smorodinsky", idx, U, np.zeros(len(U)), ir, d, space, params, tol)
    ideal = U[ir].max(axis=0)
    span = ideal - d
    active = span > 0
    params["ideal"] = tuple(map(float, ideal))
    if not np.any(active):
        score = np.zeros(len(U))
    else:
        score = ((U[:, active] - d[active]) / span[active]).min(axis=1)
    return _finish("kalai_smorodinsky", idx, U, score, ir, d, space, params, tol)


def egalitarian_point(
    utilities: Sequence[Utility] | Any,
    *,
    disagreement: Any = None,
    frontier: ParetoFrontier | None = None,
    tol: float = 1e-12,
) -> SolutionPoint:
    """The egalitarian point (Kalai 1977): maximize :math:`\\min_i (u_i - d_i)` over rational outcomes."""
    tol = _check_tol("egalitarian_point", tol)
    idx, U, d, w, space = _point_setup(utilities, disagreement, None, frontier, "egalitarian_point")
    params = {"disagreement": tuple(map(float, d)), "tol": tol}
    ir = np.all(U >= d, axis=1)
    score = (U - d).min(axis=1)
    return _finish("egalitarian", idx, U, score, ir, d, space, params, tol)


def utilitarian_point(
    utilities: Sequence[Utility] | Any,
    *,
    disagreement: Any = None,
    weights: Any = None,
    frontier: ParetoFrontier | None = None,
    rational_only: bool = True,
    tol: float = 1e-12,
) -> SolutionPoint:
    """The utilitarian point: maximize :math:`\\sum_i w_i u_i` (over rational outcomes by default)."""
    tol = _check_tol("utilitarian_point", tol)
    idx, U, d, w, space = _point_setup(utilities, disagreement, weights, frontier, "utilitarian_point")
    params = {
        "disagreement": tuple(map(float, d)),
        "weights": tuple(map(float, w)),
        "rational_only": rational_only,
        "tol": tol,
    }
    valid = np.all(U >= d, axis=1) if rational_only else np.ones(len(U), bool)
    score = U @ w
    return _finish("utilitarian", idx, U, score, valid, d, space, params, tol)


def solution_points(
    utilities: Sequence[Utility] | Any,
    *,
    disagreement: Any = None,
    frontier: ParetoFrontier | None = None,
    concepts: Sequence[str] = CONCEPTS,
) -> dict[str, SolutionPoint]:
    """All requested solution points at once, sharing one utility matrix.

    The matrix is built once (or the frontier's outcomes used) and each concept is one
    vectorized pass, O(N n) per concept.
    """
    func = "solution_points"
    for c in concepts:
        if c not in CONCEPTS:
            raise InvalidInputError(bad_param(func, "concepts", f"a subset of {CONCEPTS}", c))
    objs, arr, space = _as_parties(utilities, func)
    if (
        frontier is None
        and objs is not None
        and space.size * len(objs) > MATERIALIZE_CELLS
        and all(isinstance(u, AdditiveUtility) for u in objs)
    ):
        frontier = pareto_frontier(objs)
        M = utilities
    elif frontier is None and objs is not None:
        M = utility_matrix(objs)
        if disagreement is None:
            disagreement = [u.disagreement_value() for u in objs]
    else:
        M = arr if arr is not None else utilities
    fns = {
        "nash": nash_point,
        "kalai_smorodinsky": kalai_smorodinsky_point,
        "egalitarian": egalitarian_point,
        "utilitarian": utilitarian_point,
    }
    out = {}
    for c in concepts:
        p = fns[c](M, disagreement=disagreement, frontier=frontier)
        if space is not None and p.index >= 0 and not p.outcome:
            p = type(p)(
                **{**{f: getattr(p, f) for f in p.__dataclass_fields__}, "outcome": space.outcome(p.index)}
            )
        out[c] = p
    return out
