"""Game isomorphisms in the sense of Oesterheld & Conitzer (2022), with witnesses.

Definition (Oesterheld & Conitzer, "Safe Pareto improvements for delegated game playing",
JAAMAS 36, 2022, Sect. 2; AAMAS 2021).  Two normal-form games ``G = (A, u)`` and
``G' = (A', u')`` with the same players are *isomorphic* if there are, for every player ``i``,
a bijection ``phi_i : A_i -> A'_i`` and numbers ``lambda_i > 0`` and ``c_i`` such that

    u'_i(phi(a)) = lambda_i * u_i(a) + c_i          for every profile a in A,

where ``phi(a) = (phi_1(a_1), ..., phi_n(a_n))``.  Erratum (paper Sect. 2): the printed
definition writes ``lambda in R^n_+`` and does not say that the ``phi_i`` are bijections; both
``lambda_i > 0`` (so that the relation is symmetric, and Lemma 4's proof works) and
bijectivity (used in Appendix C and Sect. 4.4.3) are needed, and are what we implement.

Algorithm.  A positive affine map sends the minimum of ``u_i`` to the minimum of ``u'_i`` and
the maximum to the maximum, so after normalizing every player's payoffs to
``(u_i - min u_i) / (max u_i - min u_i)`` (a constant payoff becomes 0) the games are
isomorphic iff the *normalized* payoff tensors are equal up to per-player relabelling.  That
is a colored hypergraph matching problem; we solve it exactly by

1. invariants: each action's multiset of normalized payoff tuples in its slice, refined once
   by the colors of the other players' actions (a 1-dimensional Weisfeiler-Leman step); an
   action can only map to an action of the same color, and color-class sizes must agree;
2. backtracking over actions (smallest candidate set first) with forward checking: fixing
   ``phi_i(x) = y`` keeps, for every unassigned action ``z`` of a player ``j``, only targets
   ``w`` whose ``(i, j)``-slice multisets agree (for two players: the single cell agrees);
3. a full check of every cell for each complete assignment.

Exact games are compared exactly (Fractions); float games after snapping the normalized
payoffs of both games to common cluster representatives (gaps above ``10**-FLOAT_DIGITS``
separate clusters; ``_common.float_snap``), and the found maps are verified within
``DEFAULT_TOL``.  Variants: ``maps="shift"`` (``lambda_i = 1``) and ``maps="exact"``
(``lambda_i = 1, c_i = 0``: payoff-preserving relabellings, e.g. automorphisms).

Deciding isomorphism of games is graph-isomorphism hard (Gabarro, Garcia & Serna 2011), so the
enumeration takes ``max_results`` and ``max_nodes`` limits and reports truncation in ``status``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Sequence

import numpy as np

from solvers.errors import InvalidGameError, InvalidInputError, bad_param
from solvers.games import NormalFormGame
from solvers.results import Result, result
from solvers._validate import check_time_limit

from ._common import Limits, cell_keys, check_game, float_snap, close, fmt, payoff_lists, payoff_scale

__all__ = ["GameIsomorphism", "IsomorphismResult", "isomorphisms", "is_isomorphism", "MAPS"]

MAPS = ("affine", "shift", "exact")


@dataclass(frozen=True)
class GameIsomorphism:
    """One isomorphism ``phi`` from ``game_a`` to ``game_b`` (the witness).

    Attributes
    ----------
    actions : tuple of tuple of int
        ``actions[i][x]`` is the index in ``game_b`` of the image of action ``x`` of player
        ``i`` of ``game_a`` (under the player map ``players``).
    scale, shift : tuple
        ``u^b_{players[i]}(phi(a)) = scale[i] * u^a_i(a) + shift[i]`` with ``scale[i] > 0``.
    players : tuple of int
        ``players[i]`` is the player of ``game_b`` that player ``i`` of ``game_a`` becomes
        (the identity unless player permutations were allowed).
    labels_a, labels_b : tuple of tuple of str
        Action labels of both games, for readable output.
    """

    actions: tuple[tuple[int, ...], ...]
    scale: tuple[Any, ...]
    shift: tuple[Any, ...]
    players: tuple[int, ...]
    labels_a: tuple[tuple[str, ...], ...] = field(repr=False, compare=False, default=())
    labels_b: tuple[tuple[str, ...], ...] = field(repr=False, compare=False, default=())

    def map_profile(self, profile: Sequence[int]) -> tuple[int, ...]:
        """Image (in ``game_b``'s player order and indices) of a pure profile of ``game_a``."""
        n = len(self.players)
        out = [0] * n
        for i in range(n):
            out[self.players[i]] = self.actions[i][profile[i]]
        return tuple(out)

    def action_map(self) -> tuple[dict[str, str], ...]:
        """Per player of ``game_a``: label -> label of the image action."""
        return tuple(
            {self.labels_a[i][x]: self.labels_b[self.players[i]][y] for x, y in enumerate(acts)}
            for i, acts in enumerate(self.actions)
        )

    def inverse(self) -> "GameIsomorphism":
        """The inverse isomorphism ``game_b -> game_a``."""
        n = len(self.players)
        inv_players = [0] * n
        for i, p in enumerate(self.players):
            inv_players[p] = i
        actions = []
        scale = []
        shift = []
        for p in range(n):
            i = inv_players[p]
            inv = [0] * len(self.actions[i])
            for x, y in enumerate(self.actions[i]):
                inv[y] = x
            actions.append(tuple(inv))
            s = self.scale[i]
            scale.append(1 / s if isinstance(s, Fraction) else 1.0 / s)
            shift.append(-self.shift[i] / s)
        return GameIsomorphism(tuple(actions), tuple(scale), tuple(shift), tuple(inv_players),
                               self.labels_b, self.labels_a)

    def describe(self) -> str:
        """Readable text: the action bijections and the utility maps."""
        parts = []
        for i, acts in enumerate(self.actions):
            p = self.players[i]
            pairs = ", ".join(f"{self.labels_a[i][x]}->{self.labels_b[p][y]}" for x, y in enumerate(acts))
            who = f"player {i}" if p == i else f"player {i}->{p}"
            parts.append(f"{who}: {pairs}; u' = {fmt(self.scale[i])}*u + {fmt(self.shift[i])}")
        return "; ".join(parts)

    def to_dict(self, *, jsonable: bool = False) -> dict[str, Any]:
        conv = (lambda x: str(x)) if jsonable else (lambda x: x)
        return {
            "players": list(self.players),
            "actions": [dict(m) for m in self.action_map()],
            "scale": [conv(x) for x in self.scale],
            "shift": [conv(x) for x in self.shift],
        }


@result
class IsomorphismResult(Result):
    """All isomorphisms between two games (within the limits).

    Attributes
    ----------
    isomorphic : bool
        Whether at least one isomorphism exists (decided even when the enumeration is
        truncated, as long as one was found or the search finished).
    isomorphisms : tuple of GameIsomorphism
        The isomorphisms found, in search order.
    count : int
        ``len(isomorphisms)``.
    nodes : int
        Search nodes visited (a measure of work).
    """

    isomorphic: bool = False
    isomorphisms: tuple[GameIsomorphism, ...] = ()
    count: int = 0
    nodes: int = 0

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[GameIsomorphism]:
        return iter(self.isomorphisms)

    def __getitem__(self, k: int) -> GameIsomorphism:
        return self.isomorphisms[k]


# ----------------------------------------------------------------------------------------
# search
# ----------------------------------------------------------------------------------------


def _slice(keys: np.ndarray, i: int, x: int) -> np.ndarray:
    # a list index keeps the axis, so a one-player game gives an array, not a bare cell
    return np.take(keys, [x], axis=i)


def _pair_slice(keys: np.ndarray, i: int, x: int, j: int, z: int) -> tuple:
    """Sorted multiset of the cells with player i playing x and player j playing z."""
    idx: list[Any] = [slice(None)] * keys.ndim
    idx[i] = x
    idx[j] = z
    sub = keys[tuple(idx)]
    if not isinstance(sub, np.ndarray):  # two players: a single cell (a tuple of payoffs)
        return (sub,)
    return tuple(sorted(Counter(sub.reshape(-1).tolist()).items(), key=repr))


def _colors(keys: np.ndarray, rounds: int = 2) -> list[list[Any]]:
    """Per player and action, an isomorphism-invariant color (hashable)."""
    n = keys.ndim
    shape = keys.shape
    colors: list[list[Any]] = []
    for i in range(n):
        col = []
        for x in range(shape[i]):
            sl = _slice(keys, i, x).reshape(-1).tolist()
            col.append(tuple(sorted(Counter(sl).items(), key=repr)))
        colors.append(col)
    for _ in range(rounds - 1):
        # canonical small ints for current colors, so that both games share the relabelling
        new: list[list[Any]] = []
        for i in range(n):
            col = []
            for x in range(shape[i]):
                items = []
                for prof in itertools.product(*[range(m) if j != i else [x] for j, m in enumerate(shape)]):
                    others = tuple(colors[j][prof[j]] for j in range(n) if j != i)
                    items.append((keys[prof], hash(others)))
                col.append((colors[i][x], tuple(sorted(Counter(items).items(), key=repr))))
            new.append(col)
        colors = new
    return colors


class _Search:
    """Backtracking enumeration of per-player bijections between equal-shape key tensors."""

    def __init__(self, ka: np.ndarray, kb: np.ndarray, limits: Limits, accept: Any) -> None:
        self.ka = ka
        self.kb = kb
        self.n = ka.ndim
        self.shape = ka.shape
        self.limits = limits  # shared by the searches of every player order; ``hit`` stops them
        self.accept = accept  # called on each bijection of equal key tensors
        self._pair_cache_a: dict = {}
        self._pair_cache_b: dict = {}

    def pair_a(self, i: int, x: int, j: int, z: int) -> Any:
        k = (i, x, j, z)
        v = self._pair_cache_a.get(k)
        if v is None:
            v = _pair_slice(self.ka, i, x, j, z)
            self._pair_cache_a[k] = v
        return v

    def pair_b(self, i: int, x: int, j: int, z: int) -> Any:
        k = (i, x, j, z)
        v = self._pair_cache_b.get(k)
        if v is None:
            v = _pair_slice(self.kb, i, x, j, z)
            self._pair_cache_b[k] = v
        return v

    def run(self) -> None:
        ca = _colors(self.ka)
        cb = _colors(self.kb)
        domains: dict[tuple[int, int], set[int]] = {}
        for i in range(self.n):
            if Counter(ca[i]) != Counter(cb[i]):
                return
            for x in range(self.shape[i]):
                domains[(i, x)] = {y for y in range(self.shape[i]) if cb[i][y] == ca[i][x]}
        assign: dict[tuple[int, int], int] = {}
        used = [set() for _ in range(self.n)]
        self._bt(domains, assign, used)

    def _bt(self, domains: dict, assign: dict, used: list[set[int]]) -> bool:
        """Return False to stop the whole search."""
        if not self.limits.tick():
            return False
        if len(assign) == len(domains):
            if self._full_check(assign):
                self.accept(tuple(tuple(assign[(i, x)] for x in range(self.shape[i])) for i in range(self.n)))
                if self.limits.hit:
                    return False
            return True
        # most constrained unassigned variable
        best = None
        best_size = None
        for var, dom in domains.items():
            if var in assign:
                continue
            size = len(dom - used[var[0]])
            if best is None or size < best_size:
                best, best_size = var, size
                if size <= 1:
                    break
        if best_size == 0:
            return True
        i, x = best
        for y in sorted(domains[best] - used[i]):
            new_domains = self._forward(domains, assign, i, x, y)
            if new_domains is None:
                continue
            assign[best] = y
            used[i].add(y)
            cont = self._bt(new_domains, assign, used)
            del assign[best]
            used[i].discard(y)
            if not cont:
                return False
        return True

    def _forward(self, domains: dict, assign: dict, i: int, x: int, y: int) -> dict | None:
        new = dict(domains)
        new[(i, x)] = {y}
        for (j, z), dom in domains.items():
            if j == i or (j, z) in assign:
                continue
            sig = self.pair_a(i, x, j, z)
            keep = {w for w in dom if self.pair_b(i, y, j, w) == sig}
            if not keep:
                return None
            new[(j, z)] = keep
        return new

    def _full_check(self, assign: dict) -> bool:
        perms = [[assign[(i, x)] for x in range(self.shape[i])] for i in range(self.n)]
        mapped = self.kb[np.ix_(*perms)]
        return bool(np.all(mapped == self.ka)) if self.ka.dtype == object else bool(np.array_equal(mapped, self.ka))


def _affine_maps(pa: list[np.ndarray], pb: list[np.ndarray], perms: tuple[tuple[int, ...], ...],
                 exact: bool, maps: str) -> tuple[tuple[Any, ...], tuple[Any, ...]] | None:
    """Solve ``u_b(phi(a)) = s*u_a(a) + t`` per player and verify every cell."""
    scales = []
    shifts = []
    for i, (a, b) in enumerate(zip(pa, pb)):
        mapped = b[np.ix_(*[list(p) for p in perms])]
        fa = a.reshape(-1).tolist()
        fb = mapped.reshape(-1).tolist()
        lo_a, hi_a = min(fa), max(fa)
        lo_b, hi_b = min(fb), max(fb)
        one = Fraction(1) if exact else 1.0
        if maps == "exact":
            s, t = one, (Fraction(0) if exact else 0.0)
        elif maps == "shift" or hi_a == lo_a:
            s = one
            t = lo_b - lo_a
        else:
            s = (hi_b - lo_b) / (hi_a - lo_a)
            t = lo_b - s * lo_a
        if not (s > 0):
            return None
        scale = max(abs(float(v)) for v in fa + fb) or 1.0  # relative to these payoffs
        for va, vb in zip(fa, fb):
            if not close(s * va + t, vb, exact, scale):
                return None
        scales.append(s)
        shifts.append(t)
    return tuple(scales), tuple(shifts)


def isomorphisms(
    game_a: NormalFormGame,
    game_b: NormalFormGame,
    *,
    maps: str = "affine",
    max_results: int | None = None,
    max_nodes: int | None = 1_000_000,
    allow_player_permutation: bool = False,
    exact: bool | None = None,
    time_limit: float | None = 60.0,
) -> IsomorphismResult:
    """All isomorphisms from ``game_a`` to ``game_b`` (per-player bijections, positive affine maps).

    Parameters
    ----------
    game_a, game_b : NormalFormGame
        Games with the same number of players.
    maps : {"affine", "shift", "exact"}
        Utility maps allowed: positive affine ``lambda_i * u + c_i`` (the paper's notion),
        translations ``u + c_i``, or none (payoff-preserving relabellings).
    max_results : int or None
        Stop after this many isomorphisms (``status="truncated"``).
    max_nodes : int or None
        Stop after this many search nodes (``status="truncated"``).
    allow_player_permutation : bool
        Also try mapping player ``i`` of ``game_a`` to another player of ``game_b`` (not part of
        the paper's notion, where each player is a principal; off by default).
    exact : bool or None
        Compare exactly (default when both games are exact) or with float tolerance.
    time_limit : float or None
        Stop the search after this many seconds (``status="truncated"``); None for no limit.

    Returns
    -------
    IsomorphismResult
        ``isomorphic``, the witnesses (action bijections and affine maps), the search size.

    Examples
    --------
    >>> from solvers import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[-8, 2], [0, 0]], [[-8, 0], [2, 0]])
    >>> h = NormalFormGame.from_arrays([[2, 2], [-6, 4]], [[2, 0], [-8, 0]])
    >>> r = isomorphisms(g, h)
    >>> r.isomorphic, r[0].action_map(), r[0].shift
    (True, ({'0': '1', '1': '0'}, {'0': '0', '1': '1'}), (Fraction(2, 1), Fraction(0, 1)))
    """
    func = "isomorphisms"
    check_game(func, "game_a", game_a)
    check_game(func, "game_b", game_b)
    if maps not in MAPS:
        raise InvalidInputError(bad_param(func, "maps", f"one of {MAPS}", maps))
    for name, v in (("max_results", max_results), ("max_nodes", max_nodes)):
        if v is not None and (not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1):
            raise InvalidInputError(bad_param(func, name, "a positive int or None", v))
    limits = Limits(None, max_nodes, check_time_limit(func, time_limit))
    if game_a.n_players != game_b.n_players:
        raise InvalidGameError(bad_param(func, "game_b", f"a game with {game_a.n_players} players like game_a",
                                         f"{game_b.n_players} players", raw=True))
    if exact is None:
        exact = game_a.exact and game_b.exact
    params = {"maps": maps, "max_results": max_results, "max_nodes": max_nodes,
              "allow_player_permutation": allow_player_permutation, "time_limit": time_limit}
    n = game_a.n_players
    player_orders = list(itertools.permutations(range(n))) if allow_player_permutation else [tuple(range(n))]
    found: list[GameIsomorphism] = []
    pa = payoff_lists(game_a, exact)
    snap = None if exact else float_snap([game_a, game_b], maps)
    ka, _ = cell_keys(game_a, exact, maps, snap)
    for order in player_orders:
        # order[i] = player of game_b that player i of game_a becomes; bring game_b into
        # game_a's player order: new player i of gb is old player order[i].
        gb = game_b if list(order) == list(range(n)) else game_b.permute_players(list(order))
        if gb.shape != game_a.shape:
            continue
        kb, _ = cell_keys(gb, exact, maps, snap)
        pb = payoff_lists(gb, exact)

        def accept(perms, pb=pb, order=order):
            sol = _affine_maps(pa, pb, perms, exact, maps)
            if sol is None:  # rounding artefact in float games: reject
                return
            found.append(GameIsomorphism(perms, sol[0], sol[1], tuple(order), game_a.labels, game_b.labels))
            if max_results is not None and len(found) >= max_results:
                limits.hit = f"max_results={max_results}"

        _Search(ka, kb, limits, accept).run()
        if limits.hit:
            break
    status = "truncated" if limits.hit else "ok"
    msg = ""
    if limits.hit:
        why = f"time_limit={time_limit} s" if limits.hit == "time_limit" else limits.hit
        msg = f"stopped by {why} after {len(found)} isomorphisms / {limits.nodes} nodes; more may exist"
    return IsomorphismResult(
        isomorphic=bool(found), isomorphisms=tuple(found), count=len(found), nodes=limits.nodes,
        method="backtracking with invariant refinement", exact=bool(exact), status=status,
        message=msg, params=params,
    )


def is_isomorphism(game_a: NormalFormGame, game_b: NormalFormGame, iso: GameIsomorphism, *,
                   maps: str = "affine", exact: bool | None = None) -> bool:
    """Check a claimed isomorphism (bijections and positive affine maps) cell by cell."""
    func = "is_isomorphism"
    check_game(func, "game_a", game_a)
    check_game(func, "game_b", game_b)
    if not isinstance(iso, GameIsomorphism):
        raise InvalidInputError(bad_param(func, "iso", "a GameIsomorphism", iso))
    if exact is None:
        exact = game_a.exact and game_b.exact
    n = game_a.n_players
    if game_b.n_players != n or len(iso.actions) != n or sorted(iso.players) != list(range(n)):
        return False
    for i in range(n):
        if sorted(iso.actions[i]) != list(range(game_b.shape[iso.players[i]])) or \
                len(iso.actions[i]) != game_a.shape[i]:
            return False
        if not iso.scale[i] > 0:
            return False
        if maps in ("shift", "exact") and iso.scale[i] != 1:
            return False
        if maps == "exact" and iso.shift[i] != 0:
            return False
    pa = payoff_lists(game_a, exact)
    pb = payoff_lists(game_b, exact)
    sc = max(payoff_scale(game_a), payoff_scale(game_b))
    for prof in game_a.pure_profiles():
        img = iso.map_profile(prof)
        for i in range(n):
            if not close(iso.scale[i] * pa[i][prof] + iso.shift[i], pb[iso.players[i]][img], exact, sc):
                return False
    return True
