"""Safe Pareto improvements: the SPI check with its proof (an outcome correspondence).

Setting (Oesterheld & Conitzer, "Safe Pareto improvements for delegated game playing",
JAAMAS 36, 2022, Sects. 3-4).  Players delegate the play of a game ``G = (A, u)`` to
representatives.  Instead of the default instruction "play ``G``", they may jointly instruct
them to play a *subset game* ``G^s = (A^s, u^s)``: ``A^s_i subset A_i`` and new utilities
``u^s`` for the representatives.  The outcome is always judged by the *original* utilities
``u``.  ``G^s`` is a **safe Pareto improvement (SPI)** on ``G`` if ``u_i(Pi(G^s)) >= u_i(Pi(G))``
with certainty for every player ``i`` (Definition 1); *strict* if moreover some player is
strictly better off with positive probability (erratum D1: the printed definition compares
``u_i(Pi(G^s))`` with itself).  It is *unilateral* if only one player ``i`` changes
anything: ``A^s_j = A_j`` and ``u^s_j = u_j`` for every ``j != i`` (Definition 2).

Theorem 3: ``G^s`` is an SPI iff there is an outcome correspondence ``G ~_Phi G^s`` that is
Pareto-improving, ``u(b) >= u(a)`` for every ``a`` and every ``b in Phi(a)`` (Definition 4,
erratum D2: the printed definition names the wrong game).  We derive ``Phi`` from the paper's
two assumptions about the representatives:

* Assumption 1 (elimination): removing an action strictly dominated by a pure action does not
  change the play; iterated, ``G ~ reduce(G)``;
* Assumption 2 (isomorphism): two isomorphic games without strictly dominated actions are
  played isomorphically (isomorphism = per-player bijections with positive affine utility
  maps, see :mod:`spi.isomorphism`),

plus Lemma 2's calculus (:mod:`spi.correspondence`).  The derivation is always

    G  --Assumption 1-->  reduce(G)  --Assumption 2 (or 'all')-->  reduce(G^s)  --(Assumption 1)^-1-->  G^s

which is the normal form of every derivation (the paper's Lemmas 21-22: eliminations, one
isomorphism, reverse eliminations).  When the reduced games are not isomorphic, the only
remaining step is the trivial correspondence ``all`` (Lemma 2): every outcome of
``reduce(G^s)`` must then beat every outcome of ``reduce(G)`` (this is how Propositions 5
and 7 work).

Strictness.  Assumption 2 only says that ``G ~_phi G'`` for *some* isomorphism ``phi``; by
the paper's Lemma 4 (a Pareto-improving isomorphism makes every isomorphism Pareto-improving,
because automorphisms of a finite game preserve every player's payoffs exactly) the verdict
does not depend on which.  We call the SPI *strict* when the witness isomorphism is strictly
Pareto-improving at some outcome (again independent of the witness by Lemma 4); whether the
representatives actually gain strictly depends on that outcome having positive probability
(Proposition 6: "if (DM, DM) is played with positive probability"), so the result also lists
``strict_outcomes``: the outcomes of ``reduce(G)`` at which *every* possible image is strictly
Pareto-better.
"""

from __future__ import annotations

from dataclasses import field
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from solvers._validate import check_bool
from solvers.errors import InvalidGameError, InvalidInputError, bad_param
from solvers.games import NormalFormGame
from solvers.results import Result, result

from ._common import check_game, close, player_of, fmt_vec, geq, gt, label_indices, payoff_lists, payoff_scale
from .correspondence import (
    OutcomeCorrespondence,
    all_correspondence,
    correspondence_from_pairs,
    elimination_correspondence,
    isomorphism_correspondence,
)
from .isomorphism import GameIsomorphism, isomorphisms
from .reduction import ReductionResult, reduce_dominated

__all__ = ["SPIResult", "is_spi", "subset_game", "changed_players"]


@result
class SPIResult(Result):
    """Verdict of :func:`is_spi`, with the correspondence that proves it or the reason it fails.

    Attributes
    ----------
    is_spi : bool
        The substitute meets everything asked (SPI; strict if ``strict=True`` was asked;
        unilateral if a unilateral SPI was asked).
    weak : bool
        ``u(b) >= u(a)`` for every outcome ``a`` of the reduced original and ``b in Phi(a)``.
    strict : bool
        Weak, and the witness isomorphism (or ``all``) is strictly better at some outcome.
    kind : str
        ``"isomorphism"`` (reduced games isomorphic, Assumption 2) or ``"all"`` (the trivial
        correspondence of Lemma 2: the reduced games are not isomorphic, or the reduced
        substitute has a single outcome, in which case Assumption 1 alone suffices).
    nontrivial : bool
        The reduced games use different action sets (the paper's non-triviality, Def. 5, read
        as in its Appendix D: a mere payoff change is trivial, erratum).
    changed_players : tuple of int
        Players whose action set or representative utilities differ from the original.
    unilateral_player : int or None
        The only changed player, if exactly one changed.
    outcome_map : tuple
        ``(a, b, u(a), u(b))`` for every outcome ``a`` of ``reduce(G)`` and ``b in Phi(a)``:
        labels and *original* payoffs.
    strict_outcomes : tuple
        Outcomes ``a`` of ``reduce(G)`` whose every image is strictly Pareto-better.
    guaranteed_gain : tuple
        Per player, ``min`` over the pairs of ``u_i(b) - u_i(a)`` (the improvement the
        correspondence guarantees; 0 for a weak SPI that can leave a player as well off).
    derivation : tuple of str
        The proof, step by step.
    reason : str
        Why it is not an SPI (empty when it is).
    correspondence : OutcomeCorrespondence
        ``G ~_Phi G^s`` (not in the repr).
    """

    is_spi: bool = False
    weak: bool = False
    strict: bool = False
    kind: str = "none"
    nontrivial: bool = False
    changed_players: tuple[int, ...] = ()
    unilateral_player: int | None = None
    outcome_map: tuple[Any, ...] = ()
    strict_outcomes: tuple[Any, ...] = ()
    guaranteed_gain: tuple[Any, ...] = ()
    derivation: tuple[str, ...] = ()
    reason: str = ""
    correspondence: OutcomeCorrespondence | None = field(default=None, repr=False, compare=False)
    isomorphisms: tuple[GameIsomorphism, ...] = field(default=(), repr=False, compare=False)
    original: NormalFormGame | None = field(default=None, repr=False, compare=False)
    substitute: NormalFormGame | None = field(default=None, repr=False, compare=False)
    reduced_original: NormalFormGame | None = field(default=None, repr=False, compare=False)
    reduced_substitute: NormalFormGame | None = field(default=None, repr=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.is_spi)

    def describe(self) -> str:
        """Verdict, derivation and the outcome map as text."""
        from .picture import spi_text

        return spi_text(self)


def subset_game(
    original: NormalFormGame,
    actions: Sequence[Sequence[Any] | None] | None = None,
    utilities: Sequence[Any] | Mapping[int, Any] | None = None,
    *,
    title: str = "",
) -> NormalFormGame:
    """A subset game ``(A^s, u^s)`` of ``original``: kept actions (labels kept) and new utilities.

    Parameters
    ----------
    original : NormalFormGame
        The original game.
    actions : sequence, optional
        Per player, the kept actions (labels or indices, in the order wanted) or ``None`` for
        all of them.
    utilities : sequence or mapping, optional
        The representatives' utilities on the subset game: one array per player (shape of the
        subset game), or a mapping ``{player: array}`` replacing only those players (the others
        keep the original utilities restricted to the subset).  ``None``: original utilities.
    title : str
        Title of the new game.
    """
    func = "subset_game"
    check_game(func, "original", original)
    n = original.n_players
    if actions is None:
        actions = [None] * n
    try:
        actions = list(actions)
    except TypeError:
        raise InvalidInputError(bad_param(func, "actions", f"one entry per player ({n})", actions)) from None
    if len(actions) != n:
        raise InvalidInputError(bad_param(func, "actions", f"one entry per player ({n})", actions))
    idx = []
    for i, acts in enumerate(actions):
        idx.append(list(range(original.shape[i])) if acts is None else
                   label_indices(func, f"actions[{i}]", original, i, list(acts)))
    base = original.restrict(idx)
    pays: list[Any] = list(base.payoffs)
    if utilities is not None:
        if isinstance(utilities, Mapping):
            items = dict(utilities)
        else:
            try:
                utilities = list(utilities)
            except TypeError:
                raise InvalidInputError(bad_param(func, "utilities", f"one array per player ({n})",
                                                  utilities)) from None
            if len(utilities) != n:
                raise InvalidInputError(bad_param(func, "utilities", f"one array per player ({n})", utilities))
            items = dict(enumerate(utilities))
        for p, arr in items.items():
            i = player_of(func, "utilities", original, p)
            a = np.asarray(arr, dtype=object)
            if a.shape != base.shape:
                raise InvalidGameError(bad_param(func, f"utilities[{p}]", f"an array of shape {base.shape}",
                                                 f"shape {a.shape}", raw=True))
            pays[i] = a
    return NormalFormGame(pays, labels=base.labels, players=original.players,
                          title=title or (f"{original.title} (subset)" if original.title else "subset game"))


def _substitute_indices(func: str, original: NormalFormGame, substitute: NormalFormGame) -> list[list[int]]:
    out = []
    for i in range(original.n_players):
        row = []
        for lab in substitute.labels[i]:
            if lab not in original.labels[i]:
                raise InvalidInputError(bad_param(
                    func, "substitute", f"a subset game of original (player {i}'s actions among "
                    f"{original.labels[i]})", f"action {lab!r} of player {i}", raw=True))
            row.append(original.labels[i].index(lab))
        out.append(row)
    return out


def changed_players(original: NormalFormGame, substitute: NormalFormGame, *, exact: bool | None = None) -> tuple[int, ...]:
    """Players whose action set or (representative) utilities differ in the substitute game."""
    func = "changed_players"
    check_game(func, "original", original)
    check_game(func, "substitute", substitute)
    if exact is None:
        exact = original.exact and substitute.exact
    idx = _substitute_indices(func, original, substitute)
    po = payoff_lists(original, exact)
    ps = payoff_lists(substitute, exact)
    sc = max(payoff_scale(original), payoff_scale(substitute))
    out = []
    for i in range(original.n_players):
        if sorted(idx[i]) != list(range(original.shape[i])):
            out.append(i)
            continue
        sub = po[i][np.ix_(*idx)]
        if not all(close(a, b, exact, sc) for a, b in zip(sub.reshape(-1).tolist(), ps[i].reshape(-1).tolist())):
            out.append(i)
    return tuple(out)


def _vec_geq(a: Sequence[Any], b: Sequence[Any], exact: bool, sc: float) -> bool:
    return all(geq(x, y, exact, sc) for x, y in zip(a, b))


def _vec_strict(a: Sequence[Any], b: Sequence[Any], exact: bool, sc: float) -> bool:
    """``a >= b`` with some component strictly greater."""
    return _vec_geq(a, b, exact, sc) and any(gt(x, y, exact, sc) for x, y in zip(a, b))


def is_spi(
    original: NormalFormGame,
    substitute: NormalFormGame,
    *,
    strict: bool = False,
    unilateral: bool | int | str | None = None,
    correspondence: Any = None,
    max_isomorphisms: int = 1000,
    exact: bool | None = None,
) -> SPIResult:
    """Decide whether ``substitute`` is a (strict) (unilateral) SPI on ``original``.

    Parameters
    ----------
    original : NormalFormGame
        The default game ``G`` (its utilities judge every outcome).
    substitute : NormalFormGame
        The subset game ``G^s``: its action labels must be actions of ``original`` (see
        :func:`subset_game`); its payoffs are the representatives' utilities ``u^s``.
    strict : bool
        Require a strict SPI.
    unilateral : None, True, int or str
        ``None``: no requirement (the result still says who changed).  ``True``: at most one
        player may change its actions or utilities.  A player (index or name): only that player
        may change.
    correspondence : OutcomeCorrespondence, mapping or pairs, optional
        A claimed correspondence ``G ~_Phi G^s`` (labels: ``{("DM", "DM"): [("DL", "DL")]}``).
        It must follow from the derived one by weakening, else ``InvalidInputError``.
    max_isomorphisms : int
        At most this many isomorphisms of the reduced games are enumerated for the witness
        (the verdict never depends on the limit, by Lemma 4).
    exact : bool or None
        Exact arithmetic (default when both games are exact).

    Returns
    -------
    SPIResult
        The verdict, the derivation and the correspondence, or the reason it fails.

    Examples
    --------
    >>> from spi.examples import demand_game, demand_game_spi
    >>> r = is_spi(demand_game(), demand_game_spi(), strict=True)
    >>> r.is_spi, r.kind, r.strict_outcomes
    (True, 'isomorphism', (('DM', 'DM'),))
    """
    func = "is_spi"
    check_game(func, "original", original)
    check_game(func, "substitute", substitute)
    strict = check_bool(func, "strict", strict)
    n = original.n_players
    if substitute.n_players != n:
        raise InvalidGameError(bad_param(func, "substitute", f"a game with {n} players like original",
                                         f"{substitute.n_players} players", raw=True))
    if not isinstance(max_isomorphisms, (int, np.integer)) or isinstance(max_isomorphisms, bool) or max_isomorphisms < 1:
        raise InvalidInputError(bad_param(func, "max_isomorphisms", "a positive int", max_isomorphisms))
    idx = _substitute_indices(func, original, substitute)
    req_player: int | None = None
    if unilateral is not None and unilateral is not True and unilateral is not False:
        req_player = player_of(func, "unilateral", original, unilateral,
                               f"None, True or a player of original (0..{n - 1} or one of {original.players})")
    if exact is None:
        exact = original.exact and substitute.exact
    params = {"strict": strict, "unilateral": unilateral, "max_isomorphisms": max_isomorphisms}
    sc = max(payoff_scale(original), payoff_scale(substitute))
    changed = changed_players(original, substitute, exact=exact)
    uni_player = changed[0] if len(changed) == 1 else None
    po = payoff_lists(original, exact)

    red_o: ReductionResult = reduce_dominated(original, exact=exact)
    red_s: ReductionResult = reduce_dominated(substitute, exact=exact)
    c1 = elimination_correspondence(original, red_o)
    c3 = elimination_correspondence(substitute, red_s).inverse()
    iso = isomorphisms(red_o.reduced, red_s.reduced, maps="affine", max_results=max_isomorphisms, exact=exact,
                       time_limit=None)
    if red_s.reduced.n_profiles == 1:
        # a single remaining outcome: the trivial correspondence 'all' is already single-valued,
        # so Assumption 2 is not needed (Propositions 5 and 7 use Assumption 1 alone)
        kind = "all"
        c2 = all_correspondence(red_o.reduced, red_s.reduced)
    elif iso.isomorphic:
        kind = "isomorphism"
        c2 = isomorphism_correspondence(red_o.reduced, red_s.reduced, iso.isomorphisms, complete=iso.ok)
    else:
        kind = "all"
        c2 = all_correspondence(red_o.reduced, red_s.reduced)
    phi = c1.compose(c2).compose(c3)

    def orig_of_sub(b: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(idx[i][b[i]] for i in range(n))

    def u(prof: tuple[int, ...]) -> tuple[Any, ...]:
        return tuple(po[i][prof] for i in range(n))

    outcome_map = []
    weak = True
    reason = ""
    strict_outcomes = []
    gains: list[Any] = [None] * n
    for a in phi.domain():
        ua = u(a)
        la = tuple(original.labels[i][a[i]] for i in range(n))
        all_strict = True
        for b in sorted(phi.mapping[a]):
            ob = orig_of_sub(b)
            ub = u(ob)
            lb = tuple(substitute.labels[i][b[i]] for i in range(n))
            outcome_map.append((la, lb, ua, ub))
            for i in range(n):
                g = ub[i] - ua[i]
                gains[i] = g if gains[i] is None or g < gains[i] else gains[i]
            if not _vec_geq(ub, ua, exact, sc):
                if weak:
                    worse = [i for i in range(n) if not geq(ub[i], ua[i], exact, sc)]
                    how = {"isomorphism": "isomorphism",
                           "all": "the reduced games are not isomorphic; trivial correspondence"}[kind]
                    if kind == "all" and red_s.reduced.n_profiles == 1:
                        how = "trivial correspondence: the substitute's reduced game has a single outcome"
                    reason = (f"outcome {la} {fmt_vec(ua)} of the default game may become {lb} "
                              f"{fmt_vec(ub)}, worse for player(s) {worse} ({how})")
                weak = False
            if not _vec_strict(ub, ua, exact, sc):
                all_strict = False
        if all_strict:
            strict_outcomes.append(la)
    # strictness as in the paper: witness strictly better somewhere (independent of witness, Lemma 4)
    is_strict = False
    if weak:
        if kind == "isomorphism":
            w = iso.isomorphisms[0]
            for a_red in red_o.reduced.pure_profiles():
                a = tuple(red_o.surviving[i][a_red[i]] for i in range(n))
                b_red = w.map_profile(a_red)
                b = tuple(red_s.surviving[i][b_red[i]] for i in range(n))
                if _vec_strict(u(orig_of_sub(b)), u(a), exact, sc):
                    is_strict = True
                    break
        else:
            is_strict = bool(strict_outcomes)

    # the claimed correspondence, if any, must follow by weakening
    if correspondence is not None:
        if isinstance(correspondence, OutcomeCorrespondence):
            claim = correspondence
            if claim.source.labels != original.labels or claim.target.labels != substitute.labels:
                raise InvalidInputError(bad_param(func, "correspondence", "a correspondence from original "
                                                  "to substitute", correspondence))
        else:
            claim = correspondence_from_pairs(original, substitute, correspondence, func, "correspondence")
        for a in phi.mapping:
            missing = phi.mapping[a] - claim.mapping[a]
            if missing:
                b = sorted(missing)[0]
                la = tuple(original.labels[i][a[i]] for i in range(n))
                lb = tuple(substitute.labels[i][b[i]] for i in range(n))
                raise InvalidInputError(bad_param(
                    func, "correspondence", "an outcome correspondence implied by Assumptions 1-2 "
                    f"(every derivable pair included; e.g. {la} -> {lb} is derivable but missing)",
                    correspondence))

    nontrivial = any(
        sorted(original.labels[i][x] for x in red_o.surviving[i])
        != sorted(substitute.labels[i][x] for x in red_s.surviving[i])
        for i in range(n)
    )
    reasons = [reason] if reason else []
    if weak and strict and not is_strict:
        reasons.append("a weak SPI but not strict: every outcome keeps all payoffs")
    if unilateral is not None and unilateral is not False:
        if req_player is not None and not set(changed) <= {req_player}:
            reasons.append(f"not unilateral for player {req_player}: players {list(changed)} changed")
        elif req_player is None and len(changed) > 1:
            reasons.append(f"not unilateral: players {list(changed)} changed their actions or utilities")
    ok = weak and (is_strict or not strict) and not reasons
    # the isomorphism search stopped (max_nodes) before finding one: "not isomorphic" is not established
    undecided = kind == "all" and red_s.reduced.n_profiles != 1 and not iso.ok
    reason = "; ".join(reasons)
    derivation = tuple(phi.derivation())
    return SPIResult(
        is_spi=ok, weak=weak, strict=is_strict, kind=kind, nontrivial=nontrivial,
        changed_players=changed, unilateral_player=uni_player, outcome_map=tuple(outcome_map),
        strict_outcomes=tuple(strict_outcomes),
        guaranteed_gain=tuple(g if g is not None else (Fraction(0) if exact else 0.0) for g in gains),
        derivation=derivation, reason="" if ok else reason, correspondence=phi,
        isomorphisms=iso.isomorphisms, original=original, substitute=substitute,
        reduced_original=red_o.reduced, reduced_substitute=red_s.reduced,
        method="Assumptions 1-2 (elimination, isomorphism) + Lemma 2", exact=bool(exact),
        status="truncated" if undecided else "ok", message="" if iso.ok else iso.message, params=params,
    )
