"""Search for all SPIs of a game (up to isomorphism), within stated limits.

The problem (Oesterheld & Conitzer 2022, Sect. 4.6, Definition 5 and Theorem 9): given a
game ``G``, is there a subset game ``G^s`` (any subsets ``A^s_i``, any representative utilities
``u^s``) that is a non-trivial SPI derivable from Assumptions 1 and 2?  It is NP-complete
(reduction from subgraph isomorphism, :mod:`spi.hardness`).

Certificates (the paper's Propositions 23 and 25, Appendix D.2).  By the normal form of
derivations, an SPI derived through Assumption 2 is determined by per-player injections
``psi_i : R_i -> A_i`` from the actions ``R_i`` surviving in ``reduce(G)`` into the original
actions such that

1. (Pareto) ``u(psi(r)) >= u(r)`` for every reduced profile ``r`` (original utilities);
2. the substitute ``G^s = (psi(R), u^s = u o psi^-1)`` is then isomorphic to ``reduce(G)`` and
   has no dominated actions, so nothing else is needed for an omnilateral SPI;
3. unilateral SPIs of player ``p`` (only ``p`` changes) additionally need every other player's
   *original* utilities to be a positive affine image under ``psi`` (their representatives'
   utilities cannot be changed), and the game ``(psi_p(R_p), A_-p)`` with ``p``'s new utilities
   must reduce exactly to ``psi(R)`` by iterated strict dominance.  ``p``'s utilities off the
   image are set to a constant, which never eliminates one of ``p``'s actions and so is
   without loss of generality.

Non-triviality follows the paper's Appendix D (erratum D13: the printed clause "the reductions
are not equal" is met by any payoff shift): some player's image ``psi_i(R_i)`` differs from
``R_i``.  Strict: ``u(psi(r)) != u(r)`` for some ``r``.  Certificates that differ by an
automorphism of ``reduce(G)`` give the same substitute game (automorphisms preserve payoffs
exactly) and are reported once ("up to isomorphism").

Search: a constraint satisfaction problem with one variable per reduced action, domains the
original actions, all-different per player, and one constraint per reduced profile.  We run
backtracking with forward checking (a cell whose other coordinates are all fixed filters the
last one's domain by precomputed Boolean tables), most-constrained-variable first, and
incremental affine checks for unilateral searches.  :func:`brute_force_spis` enumerates every
tuple of injections instead (the reference for tests and benchmarks).

Besides isomorphism-based SPIs, the omnilateral search lists the single-outcome substitutes
``({b_1}, ..., {b_n})`` that beat every outcome of ``reduce(G)`` (the trivial correspondence
``all`` of Lemma 2).  Any SPI through ``all`` contains such a one (each outcome of its reduced
substitute beats every outcome of ``reduce(G)``), so larger ``all``-substitutes are not listed;
unilateral searches list, for each action ``x`` of the changing player, the substitute in which
that player keeps only ``x`` when every outcome of its reduction beats every outcome of
``reduce(G)`` (a commitment; kind ``all``, not a certificate unless ``reduce(G)`` is 1x1).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

import numpy as np

from solvers._validate import check_bool
from solvers.errors import InvalidInputError, LimitError, bad_param
from solvers.games import NormalFormGame
from solvers.results import Result, result

from ._common import Limits, check_game, geq, gt, payoff_lists, payoff_scale, player_of
from .reduction import reduce_dominated

__all__ = ["FoundSPI", "SPISearchResult", "find_spis", "brute_force_spis", "certificate_substitute"]


@dataclass(frozen=True)
class FoundSPI:
    """One SPI found by the search.

    Attributes
    ----------
    substitute : NormalFormGame
        The subset game to instruct the representatives to play.
    mapping : tuple of dict
        Per player, reduced-original action label -> substitute action label (the certificate
        ``psi``; empty for ``kind="all"``).
    kind : str
        ``"isomorphism"`` or ``"all"``.
    strict : bool
        Strictly better at some outcome of the reduced original.
    nontrivial : bool
        Some player's action set differs from the reduced original's.
    unilateral_player : int or None
        The player who changes (unilateral searches), else ``None``.
    gains : tuple
        Per player, the minimum over reduced outcomes of ``u_i(psi(r)) - u_i(r)``.
    """

    substitute: NormalFormGame = field(repr=False)
    mapping: tuple[dict[str, str], ...]
    kind: str
    strict: bool
    nontrivial: bool
    unilateral_player: int | None
    gains: tuple[Any, ...]

    def to_dict(self, *, jsonable: bool = False) -> dict[str, Any]:
        conv = str if jsonable else (lambda x: x)
        return {"mapping": [dict(m) for m in self.mapping], "kind": self.kind, "strict": self.strict,
                "nontrivial": self.nontrivial, "unilateral_player": self.unilateral_player,
                "gains": [conv(g) for g in self.gains], "actions": [list(x) for x in self.substitute.labels]}


@result
class SPISearchResult(Result):
    """SPIs of a game found by :func:`find_spis` or :func:`brute_force_spis`.

    Attributes
    ----------
    spis : tuple of FoundSPI
        Distinct SPIs (up to isomorphism), in search order.
    count : int
        ``len(spis)``.
    certificates : int
        Certificates found before removing duplicates (automorphic copies).
    exists : bool
        Whether a (non-trivial, and strict if asked) SPI was found.
    nodes : int
        Search nodes (or candidates, for brute force) examined.
    reduced : NormalFormGame
        ``reduce(G)`` (not in the repr).
    """

    spis: tuple[FoundSPI, ...] = ()
    count: int = 0
    certificates: int = 0
    exists: bool = False
    nodes: int = 0
    reduced: NormalFormGame | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[FoundSPI]:
        return iter(self.spis)

    def __getitem__(self, k: int) -> FoundSPI:
        return self.spis[k]


class _Problem:
    """Shared data of a certificate search on one game."""

    def __init__(self, game: NormalFormGame, exact: bool, unilateral: int | None) -> None:
        self.game = game
        self.exact = exact
        self.n = game.n_players
        self.red = reduce_dominated(game, exact=exact)
        self.S = [list(s) for s in self.red.surviving]
        self.k = [len(s) for s in self.S]
        self.m = list(game.shape)
        self.U = payoff_lists(game, exact)
        self.scale = payoff_scale(game)
        self.unilateral = unilateral
        self.cells = list(itertools.product(*(range(k) for k in self.k)))
        # payoff vector of every reduced cell, and the Boolean table of admissible images
        self.V = {}
        self.OK = {}
        # exact games: compare integers (each player's payoffs times the lcm of denominators)
        cmp = [_integer_payoffs(u) for u in self.U] if exact else None
        for r in self.cells:
            orig = tuple(self.S[i][r[i]] for i in range(self.n))
            v = tuple(self.U[i][orig] for i in range(self.n))
            self.V[r] = v
            ok = np.ones(self.m, dtype=bool)
            for i in range(self.n):
                if cmp is not None:
                    ok &= cmp[i] >= cmp[i][orig]
                else:
                    ok &= self.U[i] >= v[i] - 1e-9 * self.scale
            self.OK[r] = ok
        self.cells_of = {(i, x): [r for r in self.cells if r[i] == x] for i in range(self.n) for x in range(self.k[i])}

    # -- checks at a complete certificate --------------------------------------------------
    def image(self, psi: Sequence[Sequence[int]], r: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(psi[i][r[i]] for i in range(self.n))

    def affine_ok(self, psi: Sequence[Sequence[int]], players: Sequence[int]) -> bool:
        for j in players:
            pairs = [(self.V[r][j], self.U[j][self.image(psi, r)]) for r in self.cells]
            if not _affine_pairs(pairs, self.exact, self.scale):
                return False
        return True

    def unilateral_reduces(self, psi: Sequence[Sequence[int]], p: int) -> bool:
        """The candidate ``(psi_p(R_p), A_-p)`` reduces exactly to ``psi(R)``."""
        sub = self.substitute(psi, p)
        red = reduce_dominated(sub, exact=self.exact)
        want = [sorted(range(self.k[i])) if i == p else sorted(psi[i]) for i in range(self.n)]
        return [sorted(s) for s in red.surviving] == want

    def substitute(self, psi: Sequence[Sequence[int]], p: int | None) -> NormalFormGame:
        g = self.game
        reduced = self.red.reduced
        if p is None:
            labels = [[g.labels[i][psi[i][x]] for x in range(self.k[i])] for i in range(self.n)]
            pays = [np.array(reduced.payoffs[i]) for i in range(self.n)]
            return NormalFormGame(pays, labels=labels, players=g.players, exact=self.exact,
                                  title=f"{g.title or 'game'}: SPI")
        # unilateral: p keeps psi_p(R_p) (in reduced order), the others keep everything
        shape = tuple(self.k[i] if i == p else self.m[i] for i in range(self.n))
        labels = [[g.labels[i][psi[i][x]] for x in range(self.k[i])] if i == p else list(g.labels[i])
                  for i in range(self.n)]
        pays = []
        rows_p = [psi[p][x] for x in range(self.k[p])]
        idx = [rows_p if i == p else list(range(self.m[i])) for i in range(self.n)]
        for i in range(self.n):
            if i != p:
                pays.append(np.array(self.U[i][np.ix_(*idx)]))
                continue
            fill = min(reduced.payoffs[p].reshape(-1).tolist())
            arr = np.empty(shape, dtype=object if self.exact else float)
            arr[...] = fill
            # positions of the image of the other players' reduced actions
            inv = [None if j == p else {psi[j][x]: x for x in range(self.k[j])} for j in range(self.n)]
            for prof in itertools.product(*(range(s) for s in shape)):
                rr = []
                okk = True
                for j in range(self.n):
                    if j == p:
                        rr.append(prof[j])
                    elif prof[j] in inv[j]:
                        rr.append(inv[j][prof[j]])
                    else:
                        okk = False
                        break
                if okk:
                    arr[prof] = reduced.payoffs[p][tuple(rr)]
            pays.append(arr)
        return NormalFormGame(pays, labels=labels, players=g.players, exact=self.exact,
                              title=f"{g.title or 'game'}: unilateral SPI of player {p}")

    def evaluate(self, psi: Sequence[Sequence[int]]) -> tuple[bool, bool, tuple[Any, ...]]:
        """(nontrivial, strict, gains) of a Pareto-improving certificate."""
        nontrivial = any(sorted(psi[i]) != sorted(self.S[i]) for i in range(self.n))
        strict = False
        gains: list[Any] = [None] * self.n
        for r in self.cells:
            w = tuple(self.U[i][self.image(psi, r)] for i in range(self.n))
            v = self.V[r]
            if any(gt(w[i], v[i], self.exact, self.scale) for i in range(self.n)):
                strict = True
            for i in range(self.n):
                g = w[i] - v[i]
                gains[i] = g if gains[i] is None or g < gains[i] else gains[i]
        return nontrivial, strict, tuple(gains)

    def key(self, psi: Sequence[Sequence[int]], p: int | None) -> Any:
        """Canonical form of the substitute (equal for automorphic certificates)."""
        items = []
        for r in self.cells:
            items.append((self.image(psi, r), self.V[r]))
        return (p, tuple(sorted(items, key=repr)))


def _integer_payoffs(u: np.ndarray) -> np.ndarray:
    """Exact payoffs scaled by the lcm of their denominators: int64 when it fits, else objects."""
    flat = u.reshape(-1).tolist()
    den = 1
    for x in flat:
        den = den * x.denominator // math.gcd(den, x.denominator)
    ints = [int(x * den) for x in flat]
    big = max((abs(v) for v in ints), default=0) >= 2**62
    return np.array(ints, dtype=object if big else np.int64).reshape(u.shape)


def _affine_pairs(pairs: Sequence[tuple[Any, Any]], exact: bool, scale: float) -> bool:
    """Whether ``y = lam * x + c`` with ``lam > 0`` fits every ``(x, y)``."""
    ref = pairs[0]
    other = None
    for x, y in pairs:
        if not geq(x, ref[0], exact, scale) or not geq(ref[0], x, exact, scale):
            other = (x, y)
            break
    if other is None:
        return all(geq(y, ref[1], exact, scale) and geq(ref[1], y, exact, scale) for _, y in pairs)
    lam = (other[1] - ref[1]) / (other[0] - ref[0])
    if not gt(lam, 0, exact, 1.0):
        return False
    for x, y in pairs:
        pred = ref[1] + lam * (x - ref[0])
        if not (geq(pred, y, exact, scale) and geq(y, pred, exact, scale)):
            return False
    return True


def _search(prob: _Problem, limits: Limits, p: int | None, on_solution) -> bool:
    """Backtracking with forward checking; returns False when stopped by a limit."""
    n = prob.n
    variables = [(i, x) for i in range(n) for x in range(prob.k[i])]
    domains = {v: np.ones(prob.m[v[0]], dtype=bool) for v in variables}
    assign: dict[tuple[int, int], int] = {}
    used = [np.zeros(prob.m[i], dtype=bool) for i in range(n)]
    affine_players = [j for j in range(n) if p is not None and j != p]
    # incremental affine state per player: list of (x, y) pairs
    aff: dict[int, list] = {j: [] for j in affine_players}

    def complete_cells(i: int, x: int) -> list[tuple[int, ...]]:
        out = []
        for r in prob.cells_of[(i, x)]:
            if all((j, r[j]) in assign for j in range(n)):
                out.append(r)
        return out

    def rec() -> bool:
        if not limits.tick():
            return False
        if len(assign) == len(variables):
            psi = [[assign[(i, x)] for x in range(prob.k[i])] for i in range(n)]
            return on_solution(psi)
        best = None
        best_size = -1
        for v in variables:
            if v in assign:
                continue
            size = int(np.count_nonzero(domains[v] & ~used[v[0]]))
            if best is None or size < best_size:
                best, best_size = v, size
                if size <= 1:
                    break
        if best_size == 0:
            return True
        i, x = best
        cand = np.flatnonzero(domains[best] & ~used[i])
        for y in cand.tolist():
            assign[best] = int(y)
            used[i][y] = True
            saved = {}
            feasible = True
            aff_added: list[int] = []
            for r in prob.cells_of[best]:
                free = [j for j in range(n) if (j, r[j]) not in assign]
                if len(free) == 0:
                    img = tuple(assign[(j, r[j])] for j in range(n))
                    if not prob.OK[r][img]:
                        feasible = False
                        break
                    for j in affine_players:
                        aff[j].append((prob.V[r][j], prob.U[j][img]))
                        aff_added.append(j)
                        if not _affine_pairs(aff[j], prob.exact, prob.scale):
                            feasible = False
                            break
                    if not feasible:
                        break
                elif len(free) == 1:
                    jf = free[0]
                    var = (jf, r[jf])
                    idx = tuple(assign[(j, r[j])] if j != jf else slice(None) for j in range(n))
                    row = prob.OK[r][idx]
                    if var not in saved:
                        saved[var] = domains[var]
                    domains[var] = domains[var] & row
                    if not (domains[var] & ~used[jf]).any():
                        feasible = False
                        break
            cont = True
            if feasible:
                cont = rec()
            for var, d in saved.items():
                domains[var] = d
            for j in aff_added:
                aff[j].pop()
            del assign[best]
            used[i][y] = False
            if not cont:
                return False
        return True

    return rec()


def _check_common(func: str, game: Any, max_actions_per_player: Any, max_results: Any, time_limit: Any,
                  max_nodes: Any) -> None:
    check_game(func, "game", game)
    for name, v in (("max_actions_per_player", max_actions_per_player), ("max_results", max_results),
                    ("max_nodes", max_nodes)):
        if v is not None and (not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1):
            raise InvalidInputError(bad_param(func, name, "a positive int or None", v))
    if time_limit is not None and (not isinstance(time_limit, (int, float)) or isinstance(time_limit, bool)
                                   or not time_limit > 0):
        raise InvalidInputError(bad_param(func, "time_limit", "a positive number of seconds or None", time_limit))
    if max_actions_per_player is not None and max(game.shape) > max_actions_per_player:
        raise LimitError(bad_param(func, "game", f"at most max_actions_per_player={max_actions_per_player} "
                                   "actions per player (raise the limit to search larger games)",
                                   f"shape {game.shape}", raw=True))


def _unilateral_players(func: str, game: NormalFormGame, unilateral: Any) -> list[int | None]:
    if unilateral is None or unilateral is False:
        return [None]
    if unilateral is True or unilateral == "any":
        return list(range(game.n_players))
    return [player_of(func, "unilateral", game, unilateral, f"None, 'any' or a player of the game "
                      f"(0..{game.n_players - 1} or one of {game.players})")]


def _unilateral_all(prob: _Problem, p: int, strict: bool, limits: Limits, seen: set,
                    found: list, max_results: int | None) -> bool:
    """Unilateral SPIs of player ``p`` through the trivial correspondence ``all``.

    Player ``p`` keeps one action ``x`` (with free utilities, keeping more actions that are then
    eliminated changes nothing, so one action is without loss of generality); the others keep
    every action and their utilities.  It is an SPI iff every outcome of the reduced
    substitute ``reduce(G | p plays x)`` is weakly better for everyone than every outcome of
    ``reduce(G)`` (Lemma 2).  Certificates cannot express these when ``reduce(G)`` has more
    than one outcome (e.g. a commitment to an action whose best replies beat every default
    outcome), so they are enumerated here.  Trivial ones (the reduced action sets of
    ``reduce(G)`` again) are skipped: the identity certificate already covers them.  Returns
    False when stopped by a limit.
    """
    g = prob.game
    n = prob.n
    for x in range(prob.m[p]):
        if not limits.tick():
            return False
        idx = [[x] if i == p else list(range(prob.m[i])) for i in range(n)]
        sub = g.restrict(idx)
        red = reduce_dominated(sub, exact=prob.exact)
        outs = [tuple(idx[i][red.surviving[i][k]] for i, k in enumerate(c))
                for c in itertools.product(*(range(len(s)) for s in red.surviving))]
        if not all(prob.OK[r][b] for b in outs for r in prob.cells):
            continue
        strict_here = any(
            all(any(gt(prob.U[i][b], prob.V[r][i], prob.exact, prob.scale) for i in range(n)) for b in outs)
            for r in prob.cells)
        nontrivial = any(sorted(set(b[i] for b in outs)) != sorted(prob.S[i]) for i in range(n))
        if (strict and not strict_here) or not nontrivial:
            continue
        key = ("all-unilateral", p, x)
        if key in seen or any(f.unilateral_player == p and f.substitute.labels == sub.labels for f in found):
            continue  # (the second: a certificate with the same action sets, found first)
        seen.add(key)
        gains = tuple(min(prob.U[i][b] - prob.V[r][i] for b in outs for r in prob.cells) for i in range(n))
        found.append(FoundSPI(sub, tuple({} for _ in range(n)), "all", strict_here, nontrivial, p, gains))
        if max_results is not None and len(found) >= max_results:
            limits.hit = f"max_results={max_results}"
            return False
    return True


def find_spis(
    game: NormalFormGame,
    *,
    unilateral: Any = None,
    strict: bool = False,
    include_trivial: bool = False,
    max_actions_per_player: int | None = 16,
    max_results: int | None = 1000,
    max_nodes: int | None = 5_000_000,
    time_limit: float | None = 60.0,
    exact: bool | None = None,
) -> SPISearchResult:
    """All SPIs of ``game`` derivable from Assumptions 1-2, up to isomorphism, within limits.

    Parameters
    ----------
    game : NormalFormGame
        The default game.
    unilateral : None, True/"any", or a player
        ``None``: omnilateral SPIs (any player may change).  A player: unilateral SPIs of that
        player.  ``"any"``: unilateral SPIs of every player.
    strict : bool
        Only strict SPIs.
    include_trivial : bool
        Also report trivial ones (same reduced action sets, e.g. the game itself).
    max_actions_per_player : int or None
        Refuse (``LimitError``) games with more actions per player, up front.
    max_results, max_nodes, time_limit
        Stop after this many distinct SPIs / search nodes / seconds; ``status="truncated"``.
    exact : bool or None
        Exact arithmetic (default for exact games).

    Returns
    -------
    SPISearchResult
        The SPIs (each with its substitute game and certificate), counts and search effort.

    Examples
    --------
    >>> from spi.examples import demand_game
    >>> r = find_spis(demand_game(), strict=True)
    >>> [(s.mapping[0], s.strict) for s in r]
    [({'DM': 'DL', 'RM': 'RL'}, True)]
    """
    func = "find_spis"
    strict = check_bool(func, "strict", strict)
    include_trivial = check_bool(func, "include_trivial", include_trivial)
    _check_common(func, game, max_actions_per_player, max_results, time_limit, max_nodes)
    if exact is None:
        exact = game.exact
    players = _unilateral_players(func, game, unilateral)
    params = {"unilateral": unilateral, "strict": strict, "include_trivial": include_trivial,
              "max_actions_per_player": max_actions_per_player, "max_results": max_results,
              "max_nodes": max_nodes, "time_limit": time_limit}
    limits = Limits(None, max_nodes, time_limit)
    found: list[FoundSPI] = []
    seen: set = set()
    certs = 0
    prob_cache: dict = {}
    stopped = False
    red = None
    for p in players:
        prob = prob_cache.get("prob") or _Problem(game, exact, None)
        prob_cache["prob"] = prob
        prob.unilateral = p
        red = prob.red.reduced

        def on_solution(psi: list[list[int]], prob=prob, p=p) -> bool:
            nonlocal certs
            if p is not None:
                others = [j for j in range(prob.n) if j != p]
                if not prob.affine_ok(psi, others) or not prob.unilateral_reduces(psi, p):
                    return True
            nontrivial, is_strict, gains = prob.evaluate(psi)
            if (not nontrivial and not include_trivial) or (strict and not is_strict):
                return True
            certs += 1
            key = prob.key(psi, p)
            if key in seen:
                return True
            seen.add(key)
            mapping = tuple({prob.game.labels[i][prob.S[i][x]]: prob.game.labels[i][psi[i][x]]
                             for x in range(prob.k[i])} for i in range(prob.n))
            found.append(FoundSPI(prob.substitute(psi, p), mapping, "isomorphism", is_strict, nontrivial, p, gains))
            if max_results is not None and len(found) >= max_results:
                limits.hit = f"max_results={max_results}"
                return False
            return True

        # nothing is dominated: every certificate maps the full action sets onto themselves, so
        # every SPI it gives is trivial (the search over the automorphisms took the whole time
        # limit on e.g. a 12x12 coordination game and ended "truncated")
        all_trivial = not include_trivial and prob.k == prob.m
        if not all_trivial and not _search(prob, limits, p, on_solution):
            stopped = True
            break
        if p is not None and len(prob.cells) > 1:
            before = len(found)
            ok_all = _unilateral_all(prob, p, strict, limits, seen, found, max_results)
            certs += len(found) - before
            if not ok_all:
                stopped = True
                break
    if not stopped and None in players:
        prob = prob_cache["prob"]
        if len(prob.cells) > 1:  # single-outcome substitutes via the trivial correspondence
            for b in itertools.product(*(range(m) for m in prob.m)):
                if not limits.tick():
                    stopped = True
                    break
                if all(prob.OK[r][b] for r in prob.cells):
                    w = tuple(prob.U[i][b] for i in range(prob.n))
                    is_strict = any(any(gt(w[i], prob.V[r][i], exact, prob.scale) for i in range(prob.n))
                                    for r in prob.cells)
                    if strict and not is_strict:
                        continue
                    key = ("all", b)
                    if key in seen:
                        continue
                    seen.add(key)
                    certs += 1
                    gains = tuple(min(w[i] - prob.V[r][i] for r in prob.cells) for i in range(prob.n))
                    sub = game.restrict([[x] for x in b])
                    found.append(FoundSPI(sub, tuple({} for _ in range(prob.n)), "all", is_strict, True, None, gains))
                    if max_results is not None and len(found) >= max_results:
                        limits.hit = f"max_results={max_results}"
                        stopped = True
                        break
    status = "truncated" if stopped else "ok"
    msg = f"stopped by {limits.hit}; more SPIs may exist" if stopped else ""
    return SPISearchResult(
        spis=tuple(found), count=len(found), certificates=certs, exists=bool(found), nodes=limits.nodes,
        reduced=red, method="certificate search: backtracking with forward checking", exact=bool(exact),
        status=status, message=msg, params=params,
    )


def brute_force_spis(
    game: NormalFormGame,
    *,
    unilateral: Any = None,
    strict: bool = False,
    include_trivial: bool = False,
    max_candidates: int | None = 50_000_000,
    exact: bool | None = None,
) -> SPISearchResult:
    """Reference enumeration: every tuple of injections ``psi_i : R_i -> A_i`` is tested.

    Same certificates and filters as :func:`find_spis` (isomorphism-based SPIs only: no
    single-outcome ``all`` substitutes), no pruning.  ``max_candidates`` bounds the number of
    tuples examined (``status="truncated"`` beyond).
    """
    func = "brute_force_spis"
    strict = check_bool(func, "strict", strict)
    include_trivial = check_bool(func, "include_trivial", include_trivial)
    _check_common(func, game, None, None, None, max_candidates)
    if exact is None:
        exact = game.exact
    players = _unilateral_players(func, game, unilateral)
    prob = _Problem(game, exact, None)
    n = prob.n
    found: list[FoundSPI] = []
    seen: set = set()
    certs = 0
    nodes = 0
    truncated = False
    cells = prob.cells
    Vs = [np.array([prob.V[r][i] for r in cells], dtype=object if exact else float) for i in range(n)]
    per_player = [list(itertools.permutations(range(prob.m[i]), prob.k[i])) for i in range(n)]
    for p in players:
        for psi in itertools.product(*per_player):
            nodes += 1
            if max_candidates is not None and nodes > max_candidates:
                truncated = True
                break
            ok = True
            for i in range(n):
                vals = [prob.U[i][prob.image(psi, r)] for r in cells]
                if not all(geq(a, b, exact, prob.scale) for a, b in zip(vals, Vs[i])):
                    ok = False
                    break
            if not ok:
                continue
            if p is not None:
                others = [j for j in range(n) if j != p]
                if not prob.affine_ok(psi, others) or not prob.unilateral_reduces(psi, p):
                    continue
            nontrivial, is_strict, gains = prob.evaluate(psi)
            if (not nontrivial and not include_trivial) or (strict and not is_strict):
                continue
            certs += 1
            key = prob.key(psi, p)
            if key in seen:
                continue
            seen.add(key)
            mapping = tuple({game.labels[i][prob.S[i][x]]: game.labels[i][psi[i][x]] for x in range(prob.k[i])}
                            for i in range(n))
            found.append(FoundSPI(prob.substitute(psi, p), mapping, "isomorphism", is_strict, nontrivial, p, gains))
        if truncated:
            break
    return SPISearchResult(
        spis=tuple(found), count=len(found), certificates=certs, exists=bool(found), nodes=nodes,
        reduced=prob.red.reduced, method="brute force over all injections", exact=bool(exact),
        status="truncated" if truncated else "ok",
        message=f"stopped after max_candidates={max_candidates}" if truncated else "",
        params={"unilateral": unilateral, "strict": strict, "include_trivial": include_trivial,
                "max_candidates": max_candidates},
    )


def certificate_substitute(game: NormalFormGame, mapping: Sequence[dict[str, str]], *,
                           unilateral: Any = None) -> NormalFormGame:
    """The substitute game defined by a certificate ``psi`` (labels of ``reduce(game)`` -> labels)."""
    func = "certificate_substitute"
    check_game(func, "game", game)
    prob = _Problem(game, game.exact, None)
    psi = []
    for i in range(prob.n):
        row = []
        for x in range(prob.k[i]):
            lab = game.labels[i][prob.S[i][x]]
            if lab not in mapping[i] or mapping[i][lab] not in game.labels[i]:
                raise InvalidInputError(bad_param(func, "mapping", f"an image for every surviving action of player {i}",
                                                  mapping))
            row.append(game.labels[i].index(mapping[i][lab]))
        psi.append(row)
    p = _unilateral_players(func, game, unilateral)[0]
    return prob.substitute(psi, p)
