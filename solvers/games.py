"""Finite games in normal (strategic) form and mixed strategy profiles.

A finite normal-form game has players ``0..n-1``, each with a finite nonempty set of actions,
and for every player ``i`` a payoff array ``payoffs[i]`` of shape ``(m_0, ..., m_{n-1})`` such
that ``payoffs[i][a_0, ..., a_{n-1}]`` is player ``i``'s payoff when each player ``j`` plays its
action ``a_j`` (von Neumann & Morgenstern 1944; Nash 1951).

A mixed strategy of player ``i`` is a probability vector over its actions; a profile
``sigma = (sigma_0, ..., sigma_{n-1})`` gives each player's expected payoff

    u_i(sigma) = sum_a  u_i(a) * prod_j sigma_j(a_j),

and player ``i``'s *regret* ``max_k u_i(k, sigma_-i) - u_i(sigma)``.  A profile is a Nash
equilibrium iff every regret is zero; an epsilon-equilibrium iff every regret is at most
epsilon.  Exact games (``Fraction`` payoffs) compute regrets exactly, so ``is_nash()`` on an
exact profile is a certificate, not an approximation.

Numbers follow :mod:`solvers.numbers`: ints, Fractions and ``"3/4"`` strings give an exact
game; floats give a float game unless ``exact=True`` (floats then read through their decimal
text).
"""

from __future__ import annotations

import html
import itertools
import math
from fractions import Fraction
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from ._scale import payoff_scales
from .errors import (
    InvalidGameError,
    InvalidInputError,
    InvalidProbabilityError,
    InvalidProfileError,
    LimitError,
    bad_param,
)
from .numbers import DEFAULT_TOL, as_exact_array, as_float_array, is_exact_number, to_fraction

__all__ = ["NormalFormGame", "MixedProfile", "MAX_PROFILES"]

_F0 = Fraction(0)
_F1 = Fraction(1)

#: Largest number of pure profiles (cells) a game may have, to keep memory bounded.
MAX_PROFILES: int = 50_000_000

# integer payoffs are kept as int64 below this bound (sums of two and differences stay exact)
_INT_BOUND = 2**62


def _readonly(arr: np.ndarray) -> np.ndarray:
    arr.flags.writeable = False
    return arr


def _int64_or_none(a: np.ndarray) -> np.ndarray | None:
    """A read-only int64 copy of an integer-valued array when every entry is below ``2**62``
    in absolute value (numpy integer dtypes, or object arrays of Python ints); else None."""
    if a.dtype.kind in "iu":
        if a.size and (int(a.max()) >= _INT_BOUND or int(a.min()) <= -_INT_BOUND):
            return None
        return _readonly(np.array(a, dtype=np.int64))
    if a.dtype == object:
        flat = a.reshape(-1).tolist()
        if not all(type(x) is int for x in flat):
            return None
        if flat and (max(flat) >= _INT_BOUND or min(flat) <= -_INT_BOUND):
            return None
        return _readonly(np.array(flat, dtype=np.int64).reshape(a.shape))
    return None


def _detect_exact(values: Iterable[Any]) -> bool:
    for v in values:
        if not is_exact_number(v):
            return False
    return True


def _ragged_check(func: str, param: str, value: Any) -> np.ndarray:
    """``np.asarray`` that turns numpy's ragged-array failure into our error.

    Nested lists of Python ints come back as a numpy integer array (so exact integer games
    keep their integers, see :meth:`NormalFormGame.integer_payoffs`); anything else as an
    object array holding the values given.
    """
    if isinstance(value, np.ndarray):
        return value
    try:
        fast = np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        fast = None
    if fast is not None and fast.dtype.kind in "iu":
        return fast
    try:
        arr = np.asarray(value, dtype=object)
    except ValueError:
        raise InvalidGameError(
            bad_param(func, param, "a rectangular array (all rows the same length)", value)
        ) from None
    # numpy may build an array of lists for ragged input; detect it.
    if arr.dtype == object and arr.size and any(isinstance(x, (list, tuple, np.ndarray)) for x in arr.reshape(-1)):
        raise InvalidGameError(
            bad_param(func, param, "a rectangular array (all rows the same length)", value)
        )
    return arr


def _text_grid(rlab: Sequence[str], clab: Sequence[str], cell: Callable[[int, int], str]) -> str:
    """Rows ``rlab`` x columns ``clab`` of ``cell(r, c)``, right-aligned, ``|``-separated."""
    cells = [[cell(r, c) for c in range(len(clab))] for r in range(len(rlab))]
    w0 = max(len(x) for x in rlab)
    widths = [max(len(clab[c]), max(len(cells[r][c]) for r in range(len(rlab)))) for c in range(len(clab))]
    out = [" " * w0 + " | " + " | ".join(clab[c].rjust(widths[c]) for c in range(len(clab)))]
    for r in range(len(rlab)):
        out.append(rlab[r].rjust(w0) + " | " + " | ".join(cells[r][c].rjust(widths[c]) for c in range(len(clab))))
    return "\n".join(out)


class NormalFormGame:
    """An immutable finite game in normal form, for any number of players.

    Build it with one of the explicit constructors :meth:`from_arrays`, :meth:`bimatrix`,
    :meth:`zero_sum`, :meth:`symmetric` or :meth:`from_payoff_function`.

    Attributes
    ----------
    payoffs : tuple of numpy.ndarray
        ``payoffs[i][a_0, ..., a_{n-1}]`` is player ``i``'s payoff; read-only arrays of dtype
        ``object`` holding :class:`~fractions.Fraction` (exact games) or ``float64``.  Exact
        games given integer payoffs (numpy integer arrays, nested lists of ints) keep them as
        integers (:meth:`integer_payoffs`) and build these Fraction arrays only when first
        asked for, so solvers that work on the integers never pay for them.
    exact : bool
        Whether payoffs are exact Fractions.
    shape : tuple of int
        Number of actions of each player.
    labels : tuple of tuple of str
        Action labels per player (default ``"0", "1", ...``).
    players : tuple of str
        Player names (default ``"P0", "P1", ...``).
    title : str
        Free text.

    Notes
    -----
    Two games are equal when they have the same payoffs, exactness, labels and player names.
    """

    __slots__ = ("_payoffs", "_exact", "_shape", "_labels", "_players", "_title", "_float", "_hash", "_ints")

    # -- construction ------------------------------------------------------------------
    def __init__(
        self,
        payoffs: Sequence[Any],
        *,
        labels: Sequence[Sequence[Any]] | None = None,
        players: Sequence[str] | None = None,
        title: str = "",
        exact: bool | None = None,
        _func: str = "NormalFormGame",
    ) -> None:
        func = _func
        if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
            raise InvalidGameError(
                bad_param(
                    func,
                    "payoffs",
                    "a sequence with one payoff array per player "
                    "(use NormalFormGame.from_stacked for an array with a trailing player axis)",
                    f"a single array of shape {payoffs.shape}",
                    raw=True,
                )
            )
        try:
            arrays = list(payoffs)
        except TypeError:
            raise InvalidGameError(
                bad_param(func, "payoffs", "a sequence of payoff arrays, one per player", payoffs)
            ) from None
        if len(arrays) == 0:
            raise InvalidGameError(bad_param(func, "payoffs", "at least one payoff array", payoffs))
        raw = [_ragged_check(func, f"payoffs[{i}]", a) for i, a in enumerate(arrays)]
        n = len(raw)
        shape = raw[0].shape
        for i, a in enumerate(raw):
            if a.ndim != n:
                raise InvalidGameError(
                    bad_param(
                        func,
                        f"payoffs[{i}]",
                        f"an array with one axis per player ({n} axes)",
                        f"an array of shape {a.shape}",
                        raw=True,
                    )
                )
            if a.shape != shape:
                raise InvalidGameError(
                    bad_param(
                        func,
                        f"payoffs[{i}]",
                        f"of the same shape as payoffs[0], {shape}",
                        f"shape {a.shape}",
                        raw=True,
                    )
                )
        for j, m in enumerate(shape):
            if m == 0:
                raise InvalidGameError(
                    bad_param(func, "payoffs", f"nonempty action sets (player {j} has none)", shape)
                )
        cells = int(np.prod(shape, dtype=object))
        if cells > MAX_PROFILES:
            raise LimitError(
                bad_param(func, "payoffs", f"at most MAX_PROFILES={MAX_PROFILES} pure profiles", cells)
            )
        # exact games with integer payoffs keep them (int64) and make Fractions lazily
        ints: list[np.ndarray] | None = None
        if exact is None or exact:
            ints = []
            for a in raw:
                iv = _int64_or_none(a)
                if iv is None:
                    ints = None
                    break
                ints.append(iv)
        if ints is not None:
            exact = True
            arrs: tuple[np.ndarray, ...] | None = None
        else:
            if exact is None:
                exact = all(
                    (a.dtype.kind in "biu") or (a.dtype == object and _detect_exact(a.reshape(-1)))
                    or (a.dtype.kind in "US")
                    for a in raw
                )
            conv = as_exact_array if exact else as_float_array
            try:
                arrs = tuple(_readonly(conv(a, func=func, param=f"payoffs[{i}]")) for i, a in enumerate(raw))
            except InvalidGameError:
                raise
            except InvalidInputError as exc:
                raise InvalidGameError(str(exc)) from None
        self._payoffs = arrs
        self._exact = bool(exact)
        self._shape = tuple(int(m) for m in shape)
        self._labels = self._check_labels(func, labels, self._shape)
        if players is None:
            players = [f"P{i}" for i in range(n)]
        players = tuple(str(p) for p in players)
        if len(players) != n:
            raise InvalidGameError(bad_param(func, "players", f"{n} names", players))
        if len(set(players)) != n:
            raise InvalidGameError(bad_param(func, "players", "distinct names", players))
        self._players = players
        self._title = str(title)
        self._float: tuple[np.ndarray, ...] | None = None if exact else arrs
        self._hash: int | None = None
        # integer games: integer_payoffs() is free and payoffs (Fractions) are built on demand
        self._ints: tuple[tuple[np.ndarray, Fraction], ...] | None = (
            None if ints is None else tuple((a, _F1) for a in ints))

    @staticmethod
    def _check_labels(func: str, labels: Any, shape: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
        n = len(shape)
        if labels is None:
            return tuple(tuple(str(k) for k in range(m)) for m in shape)
        labels = list(labels)
        if len(labels) != n:
            raise InvalidGameError(bad_param(func, "labels", f"one label list per player ({n})", labels))
        out = []
        for i, (lab, m) in enumerate(zip(labels, shape)):
            lab = tuple(str(x) for x in lab)
            if len(lab) != m:
                raise InvalidGameError(
                    bad_param(func, f"labels[{i}]", f"{m} labels (player {i} has {m} actions)", lab)
                )
            if len(set(lab)) != m:
                raise InvalidGameError(bad_param(func, f"labels[{i}]", "distinct labels", lab))
            out.append(lab)
        return tuple(out)

    @classmethod
    def from_arrays(
        cls,
        *payoffs: Any,
        labels: Sequence[Sequence[Any]] | None = None,
        players: Sequence[str] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> "NormalFormGame":
        """Build a game from one payoff array per player.

        Parameters
        ----------
        *payoffs : array_like
            ``payoffs[i]`` has one axis per player; either pass the arrays as separate
            arguments (``from_arrays(A, B)``) or one sequence (``from_arrays([A, B])``).
        labels : sequence of sequences, optional
            Action labels, one sequence per player.
        players : sequence of str, optional
            Player names.
        title : str
            Free text.
        exact : bool, optional
            ``None`` (default) follows the numbers: exact iff no float appears.  ``True`` reads
            floats through their decimal text; ``False`` converts everything to float.

        Examples
        --------
        >>> g = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.shape, g.exact
        ((2, 2), True)
        """
        if len(payoffs) == 1 and not _looks_like_single_payoff(payoffs[0]):
            payoffs = tuple(payoffs[0])
        return cls(list(payoffs), labels=labels, players=players, title=title, exact=exact,
                   _func="NormalFormGame.from_arrays")

    @classmethod
    def bimatrix(
        cls,
        A: Any,
        B: Any,
        *,
        labels: Sequence[Sequence[Any]] | None = None,
        players: Sequence[str] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> "NormalFormGame":
        """A two-player game: row player's payoffs ``A``, column player's payoffs ``B``."""
        A_ = _ragged_check("NormalFormGame.bimatrix", "A", A)
        B_ = _ragged_check("NormalFormGame.bimatrix", "B", B)
        for name, M in (("A", A_), ("B", B_)):
            if M.ndim != 2:
                raise InvalidGameError(
                    bad_param("NormalFormGame.bimatrix", name, "a 2-d matrix", f"shape {M.shape}", raw=True)
                )
        return cls([A_, B_], labels=labels, players=players, title=title, exact=exact,
                   _func="NormalFormGame.bimatrix")

    @classmethod
    def from_stacked(
        cls,
        array: Any,
        *,
        labels: Sequence[Sequence[Any]] | None = None,
        players: Sequence[str] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> "NormalFormGame":
        """Build from one array of shape ``(m_0, ..., m_{n-1}, n)`` (QuantEcon/Gambit style)."""
        arr = _ragged_check("NormalFormGame.from_stacked", "array", array)
        if arr.ndim < 2 or arr.shape[-1] != arr.ndim - 1:
            raise InvalidGameError(
                bad_param(
                    "NormalFormGame.from_stacked",
                    "array",
                    "of shape (m_0, ..., m_{n-1}, n)",
                    f"shape {arr.shape}",
                    raw=True,
                )
            )
        n = arr.shape[-1]
        return cls([arr[..., i] for i in range(n)], labels=labels, players=players, title=title,
                   exact=exact, _func="NormalFormGame.from_stacked")

    @classmethod
    def zero_sum(
        cls,
        A: Any,
        *,
        labels: Sequence[Sequence[Any]] | None = None,
        players: Sequence[str] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> "NormalFormGame":
        """A two-player zero-sum game: the row player gets ``A``, the column player ``-A``."""
        A_ = _ragged_check("NormalFormGame.zero_sum", "A", A)
        if A_.ndim != 2:
            raise InvalidGameError(
                bad_param("NormalFormGame.zero_sum", "A", "a 2-d matrix", f"shape {A_.shape}", raw=True)
            )
        g = cls([A_, A_], labels=labels, players=players, title=title, exact=exact,
                _func="NormalFormGame.zero_sum")
        if g._lazy():
            ints = g._ints[0][0]
            return g._replace_payoffs(None, (ints, _readonly(-ints)))
        neg = _readonly(-np.array(g._payoffs[0]))
        return g._replace_payoffs((g._payoffs[0], neg))

    @classmethod
    def symmetric(
        cls,
        A: Any,
        *,
        labels: Sequence[Any] | None = None,
        players: Sequence[str] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> "NormalFormGame":
        """A symmetric two-player game: row gets ``A``, column gets ``A.T``.

        ``labels`` is one sequence, shared by both players.
        """
        A_ = _ragged_check("NormalFormGame.symmetric", "A", A)
        if A_.ndim != 2 or A_.shape[0] != A_.shape[1]:
            raise InvalidGameError(
                bad_param("NormalFormGame.symmetric", "A", "a square matrix", f"shape {A_.shape}", raw=True)
            )
        labs = None if labels is None else [list(labels), list(labels)]
        return cls([A_, A_.T], labels=labs, players=players, title=title, exact=exact,
                   _func="NormalFormGame.symmetric")

    @classmethod
    def from_payoff_function(
        cls,
        shape: Sequence[int],
        func: Callable[..., Sequence[Any]],
        *,
        labels: Sequence[Sequence[Any]] | None = None,
        players: Sequence[str] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> "NormalFormGame":
        """Build a game by calling ``func(a_0, ..., a_{n-1})`` for every pure profile.

        ``func`` returns the payoff vector (one number per player).  When ``labels`` are given,
        ``func`` is called with the labels instead of the indices.
        """
        name = "NormalFormGame.from_payoff_function"
        try:
            shape = tuple(int(m) for m in shape)
        except (TypeError, ValueError):
            raise InvalidGameError(bad_param(name, "shape", "a sequence of positive ints", shape)) from None
        if not shape or any(m <= 0 for m in shape):
            raise InvalidGameError(bad_param(name, "shape", "a nonempty sequence of positive ints", shape))
        cells = int(np.prod(shape, dtype=object))
        if cells > MAX_PROFILES:
            raise LimitError(bad_param(name, "shape", f"at most MAX_PROFILES={MAX_PROFILES} cells", shape))
        n = len(shape)
        labs = cls._check_labels(name, labels, shape) if labels is not None else None
        arrays = [np.empty(shape, dtype=object) for _ in range(n)]
        for prof in itertools.product(*(range(m) for m in shape)):
            args = prof if labs is None else tuple(labs[j][a] for j, a in enumerate(prof))
            vec = list(func(*args))
            if len(vec) != n:
                raise InvalidGameError(
                    bad_param(name, "func", f"to return {n} payoffs", f"{vec!r} at profile {args!r}", raw=True)
                )
            for i in range(n):
                arrays[i][prof] = vec[i]
        return cls(arrays, labels=labels, players=players, title=title, exact=exact, _func=name)

    def _replace_payoffs(self, payoffs: tuple[np.ndarray, ...] | None,
                         ints: tuple[np.ndarray, ...] | None = None) -> "NormalFormGame":
        """A copy with other payoffs: Fraction/float arrays, or (exact) int64 ``ints`` whose
        entries are below ``_INT_BOUND`` in absolute value."""
        new = object.__new__(NormalFormGame)
        new._payoffs = None if payoffs is None else tuple(_readonly(p) for p in payoffs)
        new._exact = self._exact
        new._shape = self._shape
        new._labels = self._labels
        new._players = self._players
        new._title = self._title
        new._float = None if self._exact else new._payoffs
        new._hash = None
        new._ints = None if ints is None else tuple((_readonly(a), _F1) for a in ints)
        return new

    def _lazy(self) -> bool:
        """Whether the payoffs are held as int64 integers only (Fractions not built yet)."""
        return self._payoffs is None

    def _source(self) -> tuple[np.ndarray, ...]:
        """Payoff arrays to rebuild a game from: the int64 integers of an integer game (no
        Fractions needed), else :attr:`payoffs`."""
        if self._payoffs is None:
            return tuple(a for a, _ in self._ints)
        return self._payoffs

    # -- basic properties -------------------------------------------------------------
    @property
    def payoffs(self) -> tuple[np.ndarray, ...]:
        """Read-only payoff arrays, one per player (Fractions for exact games, else float64)."""
        p = self._payoffs
        if p is None:
            p = tuple(_readonly(as_exact_array(a)) for a, _ in self._ints)
            self._payoffs = p
        return p

    @property
    def exact(self) -> bool:
        """Whether payoffs are exact Fractions."""
        return self._exact

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return self._shape

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._shape)

    @property
    def labels(self) -> tuple[tuple[str, ...], ...]:
        """Action labels per player."""
        return self._labels

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def title(self) -> str:
        """Free text title."""
        return self._title

    @property
    def n_profiles(self) -> int:
        """Number of pure strategy profiles."""
        return int(np.prod(self._shape))

    def float_payoffs(self) -> tuple[np.ndarray, ...]:
        """Payoffs as read-only float64 arrays (cached).

        Raises
        ------
        InvalidGameError
            For an exact game with a payoff past the float range (``|u| > 1.8e308``); the
            exact algorithms (``exact=True``) do not need this.
        """
        if self._float is None:
            try:
                if self._payoffs is None:
                    # int64 -> float64 rounds to nearest, as float(Fraction(n)) does
                    self._float = tuple(_readonly(a.astype(np.float64)) for a, _ in self._ints)
                else:
                    self._float = tuple(_readonly(np.array(p, dtype=np.float64)) for p in self._payoffs)
            except OverflowError:  # (an exact payoff such as 10**400 was a bare OverflowError)
                big = max((v for p in self.payoffs for v in p.reshape(-1).tolist()), key=abs)
                raise InvalidGameError(bad_param(
                    "NormalFormGame.float_payoffs", "game",
                    "a game whose payoffs fit in floats (|u| < 1.8e308) for a float computation; "
                    "use an exact method (exact=True)", f"a payoff of about {_magnitude(big)}", raw=True)) from None
        return self._float

    def integer_payoffs(self) -> tuple[tuple[np.ndarray, Fraction], ...]:
        """Exact payoffs as integers: per player ``(ints, L)`` with ``payoffs[i] == ints / L``.

        ``L`` is the lcm of player ``i``'s denominators; ``ints`` is int64 when every value fits
        below ``2**62`` in absolute value, else an object array of Python ints.  Cached.  Only
        for exact games (comparisons of ``ints`` are exact comparisons of payoffs).
        """
        if not self._exact:
            raise InvalidInputError(
                bad_param("NormalFormGame.integer_payoffs", "game", "an exact game", "a float game", raw=True)
            )
        if self._ints is None:
            self._ints = tuple(_scaled_integers(p) for p in self._payoffs)
        return self._ints

    def as_float(self) -> "NormalFormGame":
        """The same game with float payoffs."""
        if not self._exact:
            return self
        new = self._replace_payoffs(self.float_payoffs())
        new._exact = False
        new._float = new._payoffs
        return new

    def as_exact(self) -> "NormalFormGame":
        """The same game with exact payoffs (floats read through their decimal text)."""
        if self._exact:
            return self
        new = self._replace_payoffs(
            tuple(as_exact_array(p, func="NormalFormGame.as_exact", param="payoffs") for p in self._payoffs)
        )
        new._exact = True
        new._float = None
        return new

    def with_labels(
        self, labels: Sequence[Sequence[Any]] | None = None, players: Sequence[str] | None = None,
        title: str | None = None,
    ) -> "NormalFormGame":
        """A copy with new action labels, player names or title."""
        return NormalFormGame(
            list(self._source()),
            labels=self._labels if labels is None else labels,
            players=self._players if players is None else players,
            title=self._title if title is None else title,
            exact=self._exact,
            _func="NormalFormGame.with_labels",
        )

    # -- indexing ----------------------------------------------------------------------
    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or name."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            p = int(player)
            if 0 <= p < self.n_players:
                return p
        elif isinstance(player, str) and player in self._players:
            return self._players.index(player)
        raise InvalidInputError(
            bad_param("NormalFormGame.player_index", "player",
                      f"an index in 0..{self.n_players - 1} or one of {self._players}", player)
        )

    def action_index(self, player: int | str, action: int | str) -> int:
        """Index of an action given by index or label."""
        i = self.player_index(player)
        m = self._shape[i]
        if isinstance(action, (int, np.integer)) and not isinstance(action, bool):
            a = int(action)
            if 0 <= a < m:
                return a
        elif isinstance(action, str) and action in self._labels[i]:
            return self._labels[i].index(action)
        raise InvalidInputError(
            bad_param("NormalFormGame.action_index", "action",
                      f"an index in 0..{m - 1} or one of {self._labels[i]} (player {i})", action)
        )

    def payoff(self, profile: Sequence[int | str]) -> tuple[Any, ...]:
        """Payoff vector of a pure profile (indices or labels)."""
        idx = self._pure_index(profile, "NormalFormGame.payoff")
        if self._payoffs is None:
            return tuple(Fraction(int(a[idx])) for a, _ in self._ints)
        return tuple(p[idx] for p in self._payoffs)

    def __getitem__(self, profile: Sequence[int | str]) -> tuple[Any, ...]:
        return self.payoff(profile)

    def _pure_index(self, profile: Sequence[int | str], func: str) -> tuple[int, ...]:
        try:
            prof = tuple(profile)
        except TypeError:
            raise InvalidProfileError(bad_param(func, "profile", "one action per player", profile)) from None
        if len(prof) != self.n_players:
            raise InvalidProfileError(
                bad_param(func, "profile", f"one action per player ({self.n_players})", profile)
            )
        return tuple(self.action_index(i, a) for i, a in enumerate(prof))

    def pure_profiles(self) -> Iterator[tuple[int, ...]]:
        """All pure profiles as index tuples, in C order."""
        return itertools.product(*(range(m) for m in self._shape))

    # -- derived games -----------------------------------------------------------------
    def restrict(self, actions: Sequence[Sequence[int | str]]) -> "NormalFormGame":
        """The subgame in which player ``i`` keeps only ``actions[i]`` (in that order)."""
        func = "NormalFormGame.restrict"
        acts = list(actions)
        if len(acts) != self.n_players:
            raise InvalidInputError(bad_param(func, "actions", f"one list per player ({self.n_players})", actions))
        idx = []
        for i, lst in enumerate(acts):
            ks = [self.action_index(i, a) for a in lst]
            if not ks:
                raise InvalidGameError(bad_param(func, f"actions[{i}]", "nonempty", lst))
            if len(set(ks)) != len(ks):
                raise InvalidInputError(bad_param(func, f"actions[{i}]", "without repeats", lst))
            idx.append(ks)
        grid = np.ix_(*idx)
        pays = [np.array(p[grid]) for p in self._source()]
        labels = [[self._labels[i][k] for k in ks] for i, ks in enumerate(idx)]
        return NormalFormGame(pays, labels=labels, players=self._players, title=self._title,
                              exact=self._exact, _func=func)

    def permute_players(self, order: Sequence[int]) -> "NormalFormGame":
        """The game with players reordered: new player ``k`` is old player ``order[k]``."""
        order = [int(o) for o in order]
        if sorted(order) != list(range(self.n_players)):
            raise InvalidInputError(
                bad_param("NormalFormGame.permute_players", "order", "a permutation of the players", order)
            )
        src = self._source()
        pays = [np.transpose(src[o], order) for o in order]
        return NormalFormGame(pays, labels=[self._labels[o] for o in order],
                              players=[self._players[o] for o in order], title=self._title,
                              exact=self._exact)

    def transpose(self) -> "NormalFormGame":
        """Two players swapped (for bimatrix games: ``(A, B) -> (B.T, A.T)``)."""
        if self.n_players != 2:
            return self.permute_players(list(range(self.n_players))[::-1])
        return self.permute_players([1, 0])

    def is_zero_sum(self) -> bool:
        """Whether payoffs sum to zero in every cell (exactly, or within the tolerance)."""
        if self._payoffs is None:
            ints = [a for a, _ in self._ints]
            if len(ints) == 2:  # entries below 2**62: the int64 sum is exact
                return bool(np.all(ints[0] + ints[1] == 0))
            total = sum((a.astype(object) for a in ints[1:]), ints[0].astype(object))
            return bool(np.all(total == 0))
        total = sum(self._payoffs[1:], self._payoffs[0])
        if self._exact:
            return bool(np.all(total == 0))
        scale = max(payoff_scales(self._payoffs))
        return bool(np.all(np.abs(total.astype(float)) <= DEFAULT_TOL * scale))

    def is_symmetric(self) -> bool:
        """Whether a two-player game satisfies ``B == A.T`` (exact comparison)."""
        if self.n_players != 2 or self._shape[0] != self._shape[1]:
            return False
        src = self._source()
        return bool(np.all(src[1] == src[0].T))

    # -- profiles ----------------------------------------------------------------------
    def profile(self, *strategies: Any, exact: bool | None = None) -> "MixedProfile":
        """A mixed profile of this game: one probability vector per player.

        A strategy may also be an action index or label, meaning the pure strategy, or a
        ``dict`` from labels to probabilities.
        """
        if len(strategies) == 1 and self.n_players != 1 and isinstance(strategies[0], (list, tuple)) \
                and len(strategies[0]) == self.n_players and not _is_number_vector(strategies[0]):
            strategies = tuple(strategies[0])
        return MixedProfile(self, strategies, exact=exact)

    def pure_profile(self, actions: Sequence[int | str], *, exact: bool | None = None) -> "MixedProfile":
        """The mixed profile putting probability one on the given pure profile."""
        idx = self._pure_index(actions, "NormalFormGame.pure_profile")
        exact = self._exact if exact is None else exact
        strategies = []
        for i, a in enumerate(idx):
            if exact:
                s = np.empty(self._shape[i], dtype=object)
                s[:] = _F0
                s[a] = _F1
            else:
                s = np.zeros(self._shape[i])
                s[a] = 1.0
            strategies.append(s)
        return MixedProfile._trusted(self, strategies, exact)

    def uniform_profile(self, *, exact: bool | None = None) -> "MixedProfile":
        """Every player mixes uniformly."""
        strategies = [[Fraction(1, m)] * m for m in self._shape]
        return MixedProfile(self, strategies, exact=self._exact if exact is None else exact)

    def expected_payoffs(self, profile: "MixedProfile") -> tuple[Any, ...]:
        """Expected payoff of every player under a profile of this game."""
        self._check_own(profile, "NormalFormGame.expected_payoffs")
        return profile.payoffs()

    def _check_own(self, profile: Any, func: str) -> None:
        if not isinstance(profile, MixedProfile):
            raise InvalidProfileError(bad_param(func, "profile", "a MixedProfile", profile))
        if profile.game is not self and profile.game != self:
            raise InvalidProfileError(
                bad_param(func, "profile", "a profile of this game", f"a profile of {profile.game!r}", raw=True)
            )

    # -- dunder ------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        if not (self._exact == other._exact and self._shape == other._shape
                and self._labels == other._labels and self._players == other._players):
            return False
        if self._exact and (self._payoffs is None or other._payoffs is None):
            # integer_payoffs() is canonical (L = lcm of the denominators, ints = L * payoffs)
            return all(La == Lb and np.array_equal(a, b)
                       for (a, La), (b, Lb) in zip(self.integer_payoffs(), other.integer_payoffs()))
        return all(np.array_equal(a, b) for a, b in zip(self._payoffs, other._payoffs))

    def __hash__(self) -> int:
        if self._hash is None:
            # ints hash like the equal Fractions (hash(Fraction(n)) == hash(n))
            flat = tuple(tuple(p.reshape(-1).tolist()) for p in self._source())
            self._hash = hash((self._exact, self._shape, self._labels, self._players, flat))
        return self._hash

    def __reduce__(self):  # pickling (for process pools)
        return (_rebuild_game, (self._source(), self._labels, self._players, self._title, self._exact))

    def __repr__(self) -> str:
        kind = "exact" if self._exact else "float"
        shape = "x".join(str(m) for m in self._shape)
        head = f"NormalFormGame({shape}, {kind}"
        if self._title:
            head += f", title={self._title!r}"
        head += ")"
        if self.n_players == 2 and self.n_profiles <= 64:
            return head + "\n" + self.table()
        return head

    def table(self) -> str:
        """Text table: ``"a, b"`` cells (every player's payoff) with the row player's actions as
        rows and the column player's as columns; for more players, one table per profile of
        the others' actions."""
        P = self.payoffs
        if self.n_players == 2:
            return _text_grid(self._labels[0], self._labels[1], lambda r, c: ", ".join(_num(p[r, c]) for p in P))
        lines = []
        for rest in itertools.product(*(range(m) for m in self._shape[2:])):
            tag = ", ".join(f"{self._players[2 + k]}={self._labels[2 + k][a]}" for k, a in enumerate(rest))
            grid = _text_grid(self._labels[0], self._labels[1],
                              lambda r, c, rest=rest: ", ".join(_num(p[(r, c) + rest]) for p in P))
            lines.append(f"[{tag}]\n{grid}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        kind = "exact" if self._exact else "float"
        cap = html.escape(f"{self._title or 'NormalFormGame'} ({'x'.join(map(str, self._shape))}, {kind})")
        if self.n_players != 2:
            return f"<pre>{html.escape(repr(self))}</pre>"
        A, B = self.payoffs
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self._labels[1])
        rows = []
        for r, rl in enumerate(self._labels[0]):
            tds = "".join(f"<td>{_num(A[r, c])}, {_num(B[r, c])}</td>" for c in range(self._shape[1]))
            rows.append(f"<tr><th>{html.escape(rl)}</th>{tds}</tr>")
        return f"<table><caption>{cap}</caption><tr><th></th>{head}</tr>{''.join(rows)}</table>"

    def to_dict(self, *, jsonable: bool = False) -> dict[str, Any]:
        """Plain-data form (payoffs as nested lists)."""
        conv = (lambda x: str(x)) if (jsonable and self._exact) else (lambda x: x)
        return {
            "type": "NormalFormGame",
            "players": list(self._players),
            "labels": [list(x) for x in self._labels],
            "exact": self._exact,
            "title": self._title,
            "payoffs": [np.vectorize(conv, otypes=[object])(p).tolist() if self._exact else p.tolist()
                        for p in self.payoffs],
        }


def _scaled_integers(arr: np.ndarray) -> tuple[np.ndarray, Fraction]:
    """``(ints, L)`` with ``arr == ints / L`` for an object array of Fractions."""
    flat = arr.reshape(-1).tolist()
    distinct = set(flat)
    L = 1
    for d in {v.denominator for v in distinct}:
        if d != 1:
            L = L * d // math.gcd(L, d)
    table = {v: v.numerator * (L // v.denominator) for v in distinct}
    ints = [table[v] for v in flat]
    big = max((abs(x) for x in table.values()), default=0) >= 2**62
    if big:
        out = np.empty(len(ints), dtype=object)
        out[:] = ints
    else:
        out = np.array(ints, dtype=np.int64)
    return _readonly(out.reshape(arr.shape)), Fraction(L)


def _magnitude(x: Fraction) -> str:
    """``"1e+400"``-style text for a Fraction past the float range (sign and decimal exponent)."""
    e = len(str(abs(x.numerator))) - len(str(x.denominator))
    return f"{'-' if x < 0 else ''}1e+{e}"


def _rebuild_game(payoffs, labels, players, title, exact):
    return NormalFormGame(list(payoffs), labels=labels, players=players, title=title, exact=exact)


def _num(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


def _is_number_vector(x: Any) -> bool:
    try:
        return all(is_exact_number(v) or isinstance(v, (float, np.floating)) for v in x) and not all(
            isinstance(v, str) for v in x
        )
    except TypeError:
        return False


def _looks_like_single_payoff(x: Any) -> bool:
    """True when ``x`` is one payoff array, False when it is a sequence of arrays."""
    if isinstance(x, np.ndarray):
        return x.dtype != object or x.ndim != 1
    try:
        first = x[0]
    except (TypeError, IndexError, KeyError):
        return True
    if isinstance(first, np.ndarray):
        return False
    # nested list: a list of matrices is depth >= 3 for 2 players; a single matrix depth 2.
    # Decide by comparing the depth to the number of entries: a sequence of n arrays of n dims.
    depth = 0
    y = x
    while isinstance(y, (list, tuple)) and len(y) > 0:
        depth += 1
        y = y[0]
    return depth != len(x) + 1


class MixedProfile:
    """A mixed strategy profile of a :class:`NormalFormGame`, immutable.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    strategies : sequence
        One probability vector per player; an entry may also be an action index or label (pure
        strategy) or a ``dict`` from labels to probabilities.
    exact : bool, optional
        Exact Fractions (default: follow the game and the numbers given).
    tol : float
        For float profiles, how far the probabilities may sum from one.

    Notes
    -----
    Exact profiles of exact games compute payoffs and regrets exactly; ``is_nash()`` is then a
    certificate.  A float profile is normalized to sum to one after validation.
    """

    __slots__ = ("_game", "_strategies", "_exact", "_cache")

    def __init__(self, game: NormalFormGame, strategies: Sequence[Any], *, exact: bool | None = None,
                 tol: float = DEFAULT_TOL) -> None:
        func = "MixedProfile"
        if not isinstance(game, NormalFormGame):
            raise InvalidProfileError(bad_param(func, "game", "a NormalFormGame", game))
        strategies = list(strategies)
        if len(strategies) != game.n_players:
            raise InvalidProfileError(
                bad_param(func, "strategies", f"one strategy per player ({game.n_players})", strategies)
            )
        vecs = []
        for i, s in enumerate(strategies):
            vecs.append(_strategy_vector(game, i, s, func))
        if exact is None:
            exact = game.exact and all(
                v.dtype == object and _detect_exact(v.tolist()) for v in vecs
            )
        out = []
        for i, v in enumerate(vecs):
            param = f"strategies[{i}]"
            if exact:
                if v.dtype == object and all(type(x) is Fraction for x in v):
                    vec = np.array(v, dtype=object)
                else:
                    vec = as_exact_array(v, func=func, param=param)
                if any(x.numerator < 0 for x in vec):
                    raise InvalidProbabilityError(
                        bad_param(func, param, "nonnegative probabilities", _show(vec), raw=True))
                total = sum((x for x in vec if x.numerator), _F0)
                if total != 1:
                    raise InvalidProbabilityError(
                        bad_param(func, param, "probabilities summing to 1", f"{_show(vec)} (sum {total})", raw=True)
                    )
            else:
                vec = as_float_array(v, func=func, param=param)
                if np.any(vec < -tol):
                    raise InvalidProbabilityError(
                        bad_param(func, param, "nonnegative probabilities", _show(vec), raw=True))
                total = float(vec.sum())
                if abs(total - 1.0) > max(tol, 1e-12) * max(1, len(vec)):
                    raise InvalidProbabilityError(
                        bad_param(func, param, "probabilities summing to 1", f"{_show(vec)} (sum {total!r})", raw=True)
                    )
                vec = np.clip(vec, 0.0, None)
                vec = vec / vec.sum()
            out.append(_readonly(vec))
        self._game = game
        self._strategies = tuple(out)
        self._exact = bool(exact)
        self._cache: dict[str, Any] = {}

    @classmethod
    def _trusted(cls, game: NormalFormGame, strategies: Sequence[np.ndarray], exact: bool) -> "MixedProfile":
        """Build without validation, for vectors the library itself made and checked.

        ``strategies`` must be 1-d arrays of the right lengths: object arrays of Fractions
        summing to one when ``exact``, float64 arrays otherwise.
        """
        obj = object.__new__(cls)
        obj._game = game
        obj._strategies = tuple(_readonly(np.asarray(v)) for v in strategies)
        obj._exact = bool(exact)
        obj._cache = {}
        return obj

    @property
    def game(self) -> NormalFormGame:
        """The game this profile belongs to."""
        return self._game

    @property
    def strategies(self) -> tuple[np.ndarray, ...]:
        """One read-only probability vector per player."""
        return self._strategies

    @property
    def exact(self) -> bool:
        """Whether probabilities (and hence payoffs and regrets) are exact."""
        return self._exact

    def __getitem__(self, i: int) -> np.ndarray:
        return self._strategies[i]

    def __len__(self) -> int:
        return len(self._strategies)

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter(self._strategies)

    def action_values(self, player: int | str) -> np.ndarray:
        """Expected payoff of each pure action of ``player`` against the others' strategies."""
        i = self._game.player_index(player)
        key = f"av{i}"
        if key not in self._cache:
            g = self._game
            n = g.n_players
            if self._exact and g._lazy():
                # integer game without Fraction arrays: integer weights on the opponents'
                # supports (a pure profile is a slice), one division at the end
                vals = g._ints[i][0]
                den = 1
                for j in reversed(range(n)):
                    if j == i:
                        continue
                    probs = self._strategies[j].tolist()
                    sup = [k for k, x in enumerate(probs) if x]
                    L = 1
                    for k in sup:
                        d = probs[k].denominator
                        L = L * d // math.gcd(L, d)
                    w = np.empty(len(sup), dtype=object)
                    w[:] = [probs[k].numerator * (L // probs[k].denominator) for k in sup]
                    sub = np.take(vals, sup, axis=j)
                    if sub.dtype != object:
                        sub = sub.astype(object)  # Python ints: exact products
                    vals = np.tensordot(sub, w, axes=([j], [0]))
                    den *= L
                flat = np.asarray(vals, dtype=object).reshape(-1).tolist()
                vals = np.empty(len(flat), dtype=object)
                vals[:] = [Fraction(int(x)) for x in flat] if den == 1 else [Fraction(int(x), den) for x in flat]
            elif self._exact:
                # exact: sum over the opponents' supports only (zero terms change nothing)
                vals = g.payoffs[i]
                for j in reversed(range(n)):
                    if j == i:
                        continue
                    s = self._strategies[j]
                    sup = [k for k, x in enumerate(s.tolist()) if x]
                    vals = np.tensordot(np.take(vals, sup, axis=j), s[sup], axes=([j], [0]))
                vals = np.asarray(vals, dtype=object)
            else:
                vals = g.float_payoffs()[i]
                for j in reversed(range(n)):
                    if j == i:
                        continue
                    vals = np.tensordot(vals, self._strategies[j], axes=([j], [0]))
            self._cache[key] = _readonly(np.asarray(vals))
        return self._cache[key]

    def payoff(self, player: int | str) -> Any:
        """Expected payoff of one player."""
        i = self._game.player_index(player)
        v = self.action_values(i)
        return _dot(v, self._strategies[i], self._exact)

    def payoffs(self) -> tuple[Any, ...]:
        """Expected payoff of every player."""
        return tuple(self.payoff(i) for i in range(self._game.n_players))

    def regret(self, player: int | str) -> Any:
        """``max_k u_i(k, sigma_-i) - u_i(sigma)``: how much player ``i`` gains by deviating."""
        i = self._game.player_index(player)
        v = self.action_values(i)
        best = max(v.tolist())
        r = best - self.payoff(i)
        if not self._exact:
            r = max(float(r), 0.0)
        return r

    def regrets(self) -> tuple[Any, ...]:
        """Regret of every player."""
        return tuple(self.regret(i) for i in range(self._game.n_players))

    def max_regret(self) -> Any:
        """Largest regret over players: 0 exactly at a Nash equilibrium."""
        return max(self.regrets())

    def is_nash(self, tol: float | None = None) -> bool:
        """Whether the profile is a Nash equilibrium.

        Exact profiles: regret exactly zero (``tol`` must be ``None`` or 0, or is applied as an
        exact bound).  Float profiles: max regret at most ``tol``; by default each player's
        regret at most :data:`~solvers.numbers.DEFAULT_TOL` times that player's payoff scale
        (the span of its payoffs, floored at ``1e-6 max |u_i|``; :mod:`solvers._scale`),
        so that rescaling one player's payoffs does not change the answer.
        """
        func = "MixedProfile.is_nash"
        if tol is not None:
            # (a negative or NaN tol answered False, True was read as 1, "1/2" raised TypeError on
            # float profiles, and errors named to_fraction())
            must = "None or a nonnegative finite number"
            if isinstance(tol, (bool, np.bool_)) or not (is_exact_number(tol) or isinstance(tol, (float, np.floating))):
                raise InvalidInputError(bad_param(func, "tol", must, tol))
            try:
                t = to_fraction(tol, func=func, param="tol")
            except InvalidInputError:
                raise InvalidInputError(bad_param(func, "tol", must, tol)) from None
            if t < 0:
                raise InvalidInputError(bad_param(func, "tol", must, tol))
            tol = t if self._exact else float(t)
        if self._exact:
            r = self.max_regret()
            if tol is None:
                return r == 0
            return r <= tol
        if tol is None:
            scales = payoff_scales(self._game.float_payoffs())
            return all(float(r) <= DEFAULT_TOL * s for r, s in zip(self.regrets(), scales))
        return float(self.max_regret()) <= tol

    def support(self, player: int | str | None = None) -> Any:
        """Indices of actions with positive probability (one tuple per player if ``player`` is None)."""
        if player is None:
            return tuple(self.support(i) for i in range(self._game.n_players))
        i = self._game.player_index(player)
        return tuple(int(k) for k, x in enumerate(self._strategies[i]) if x > 0)

    def is_pure(self) -> bool:
        """Whether every player plays one action with probability one."""
        return all(len(s) == 1 for s in self.support())

    def as_float(self) -> "MixedProfile":
        """The profile with float probabilities."""
        if not self._exact:
            return self
        return MixedProfile(self._game, [np.array(s, dtype=float) for s in self._strategies], exact=False)

    def as_exact(self, game: NormalFormGame | None = None) -> "MixedProfile":
        """The profile read exactly (floats via decimal text); optionally against an exact game."""
        g = self._game.as_exact() if game is None else game
        return MixedProfile(g, [list(s) for s in self._strategies], exact=True)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MixedProfile):
            return NotImplemented
        return self._game == other._game and all(
            np.array_equal(a, b) for a, b in zip(self._strategies, other._strategies)
        )

    def __hash__(self) -> int:
        return hash((self._game, tuple(tuple(s.tolist()) for s in self._strategies)))

    def __repr__(self) -> str:
        parts = []
        for i, s in enumerate(self._strategies):
            parts.append(f"{self._game.players[i]}: " + _show(s))
        return "MixedProfile(" + "; ".join(parts) + ")"

    def _repr_html_(self) -> str:
        rows = []
        for i, s in enumerate(self._strategies):
            cells = ", ".join(f"{html.escape(self._game.labels[i][k])}: {_num(x)}" for k, x in enumerate(s) if x != 0)
            rows.append(f"<tr><th>{html.escape(self._game.players[i])}</th><td>{cells}</td></tr>")
        return f"<table>{''.join(rows)}</table>"

    def to_dict(self, *, jsonable: bool = False) -> dict[str, Any]:
        """Plain-data form: ``{"strategies": [[...], ...], "exact": ...}``."""
        conv = str if (jsonable and self._exact) else (lambda x: x)
        return {
            "strategies": [[conv(x) for x in s.tolist()] for s in self._strategies],
            "exact": self._exact,
        }

    def __reduce__(self):
        return (_rebuild_profile, (self._game, [s.tolist() for s in self._strategies], self._exact))


def _rebuild_profile(game, strategies, exact):
    return MixedProfile(game, strategies, exact=exact)


def _dot(v: np.ndarray, s: np.ndarray, exact: bool) -> Any:
    if exact:  # over the support of s: zero terms change nothing in exact arithmetic
        return sum((a * b for a, b in zip(v.tolist(), s.tolist()) if b), Fraction(0))
    return float(np.dot(v, s))


def _show(vec: Any) -> str:
    items = []
    for x in list(vec)[:20]:
        items.append(_num(x) if isinstance(x, (Fraction, float)) else str(x))
    if len(vec) > 20:
        items.append("...")
    return "[" + ", ".join(items) + "]"


def _strategy_vector(game: NormalFormGame, i: int, s: Any, func: str) -> np.ndarray:
    m = game.shape[i]
    param = f"strategies[{i}]"
    if isinstance(s, dict):
        v = np.zeros(m, dtype=object)
        v[:] = 0
        for k, p in s.items():
            v[game.action_index(i, k)] = p
        return v
    if isinstance(s, (int, np.integer)) and not isinstance(s, bool) or isinstance(s, str) and s in game.labels[i]:
        v = np.zeros(m, dtype=object)
        v[:] = 0
        v[game.action_index(i, s)] = 1
        return v
    arr = np.asarray(s, dtype=object) if not isinstance(s, np.ndarray) else s
    if arr.ndim != 1 or arr.shape[0] != m:
        raise InvalidProfileError(
            bad_param(func, param, f"a probability vector of length {m} (player {i}'s actions)", s)
        )
    return arr
