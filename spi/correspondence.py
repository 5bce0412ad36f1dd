"""Outcome correspondences between games, composable, with a readable derivation.

Definition 3 of Oesterheld & Conitzer (2022, Sect. 4.2).  For games ``G`` and ``G'`` and a
multivalued function ``Phi : A -> 2^{A'}`` (outcomes of ``G`` to *sets* of outcomes of ``G'``),
``G ~_Phi G'`` means: with certainty, ``Pi(G') in Phi(Pi(G))``, where ``Pi(G)`` is the
(random) outcome the representatives bring about when playing ``G``.  "If ``G`` is played as
``a``, then ``G'`` is played as one of ``Phi(a)``."

Lemma 2 (same section) gives the calculus this module implements:

* reflexivity: ``G ~_id G``;
* symmetry: ``G ~_Phi G'`` implies ``G' ~_{Phi^-1} G`` with ``Phi^-1(b) = {a : b in Phi(a)}``
  (erratum: the printed proof of Lemma 2.7 cites reflexivity where symmetry is meant);
* transitivity: ``G ~_Phi G'`` and ``G' ~_Psi G''`` give ``G ~_{Psi o Phi} G''`` with
  ``(Psi o Phi)(a) = union of Psi(b), b in Phi(a)``;
* weakening: if ``Phi(a) subset Phi'(a)`` for all ``a`` then ``G ~_Phi' G'`` (so the union of
  two correspondences is one; the intersection of two valid ones is valid too);
* ``all``: ``G ~_all G'`` with ``all(a) = A'`` always holds;
* elimination (Assumption 1) and isomorphism (Assumption 2) supply the non-trivial steps.

Every correspondence keeps its derivation as a tuple of :class:`DerivationStep`, e.g.
``"eliminate action DL of player 0 (strictly dominated by DM)"`` or ``"isomorphism
DM->DL, RM->RL; u' = 1*u + 0 (Assumption 2)"``, so a verdict can be read and re-checked.
Profiles are index tuples in each game's own action order; labels are used for text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from solvers.errors import InvalidInputError, bad_param
from solvers.games import NormalFormGame

from ._common import check_game

__all__ = [
    "DerivationStep",
    "OutcomeCorrespondence",
    "identity_correspondence",
    "all_correspondence",
    "elimination_correspondence",
    "isomorphism_correspondence",
]

Profile = tuple[int, ...]


@dataclass(frozen=True)
class DerivationStep:
    """One inference step: ``kind`` in {"identity", "eliminate", "restore", "isomorphism",
    "all", "compose", "inverse", "claim"} and its text."""

    kind: str
    text: str

    def to_dict(self, *, jsonable: bool = False) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


def _profile_labels(game: NormalFormGame, prof: Profile) -> tuple[str, ...]:
    return tuple(game.labels[i][a] for i, a in enumerate(prof))


def _fmt_profile(game: NormalFormGame, prof: Profile) -> str:
    return "(" + ", ".join(_profile_labels(game, prof)) + ")"


@dataclass(frozen=True)
class OutcomeCorrespondence:
    """``G ~_Phi G'``: a multivalued map from outcomes of ``source`` to outcomes of ``target``.

    Attributes
    ----------
    source, target : NormalFormGame
        The two games.
    mapping : Mapping[tuple, frozenset]
        ``mapping[a]`` is ``Phi(a)`` for every pure profile ``a`` of ``source`` (index tuples).
    steps : tuple of DerivationStep
        How the correspondence was derived.
    """

    source: NormalFormGame = field(repr=False)
    target: NormalFormGame = field(repr=False)
    mapping: Mapping[Profile, frozenset] = field(repr=False)
    steps: tuple[DerivationStep, ...] = ()

    # -- access ---------------------------------------------------------------------------
    def _index(self, game: NormalFormGame, profile: Sequence[Any]) -> Profile:
        prof = tuple(profile)
        if len(prof) != game.n_players:
            raise InvalidInputError(bad_param("OutcomeCorrespondence", "profile",
                                              f"one action per player ({game.n_players})", profile))
        return tuple(game.action_index(i, a) for i, a in enumerate(prof))

    def __call__(self, profile: Sequence[Any]) -> frozenset:
        """``Phi(a)`` as a frozenset of index tuples of ``target`` (``a`` by indices or labels)."""
        return self.mapping[self._index(self.source, profile)]

    def image_labels(self, profile: Sequence[Any]) -> list[tuple[str, ...]]:
        """``Phi(a)`` as label tuples, sorted."""
        return sorted(_profile_labels(self.target, b) for b in self(profile))

    def pairs(self) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """All ``(a, b)`` with ``b in Phi(a)``, as label tuples."""
        out = []
        for a in sorted(self.mapping):
            for b in sorted(self.mapping[a]):
                out.append((_profile_labels(self.source, a), _profile_labels(self.target, b)))
        return out

    def domain(self) -> list[Profile]:
        """Outcomes of ``source`` with a nonempty image (the ones that can be played)."""
        return [a for a in sorted(self.mapping) if self.mapping[a]]

    def is_single_valued(self) -> bool:
        """Every outcome of the domain has exactly one image."""
        return all(len(v) <= 1 for v in self.mapping.values())

    # -- calculus (Lemma 2) ------------------------------------------------------------------
    def compose(self, other: "OutcomeCorrespondence") -> "OutcomeCorrespondence":
        """Transitivity: ``G ~_Phi G'`` and ``G' ~_Psi G''`` give ``G ~_{Psi o Phi} G''``."""
        if not isinstance(other, OutcomeCorrespondence):
            raise InvalidInputError(bad_param("OutcomeCorrespondence.compose", "other",
                                              "an OutcomeCorrespondence", other))
        if self.target.shape != other.source.shape or self.target.labels != other.source.labels:
            raise InvalidInputError(bad_param("OutcomeCorrespondence.compose", "other",
                                              "a correspondence starting at this one's target game",
                                              f"one starting at a game with labels {other.source.labels}",
                                              raw=True))
        mapping = {}
        for a, bs in self.mapping.items():
            out: set = set()
            for b in bs:
                out |= other.mapping[b]
            mapping[a] = frozenset(out)
        return OutcomeCorrespondence(self.source, other.target, mapping, self.steps + other.steps)

    def inverse(self) -> "OutcomeCorrespondence":
        """Symmetry: ``G' ~_{Phi^-1} G`` with ``Phi^-1(b) = {a : b in Phi(a)}``."""
        inv: dict[Profile, set] = {b: set() for b in self.target.pure_profiles()}
        for a, bs in self.mapping.items():
            for b in bs:
                inv[b].add(a)
        kinds = {"eliminate": "restore", "restore": "eliminate", "identity": "identity"}
        steps = tuple(DerivationStep(kinds.get(s.kind, "inverse"), _invert_text(s))
                      for s in reversed(self.steps))
        return OutcomeCorrespondence(self.target, self.source, {b: frozenset(v) for b, v in inv.items()}, steps)

    def union(self, other: "OutcomeCorrespondence") -> "OutcomeCorrespondence":
        """Weakening: the pointwise union (valid whenever one of the two is)."""
        self._same_games(other, "union")
        mapping = {a: self.mapping[a] | other.mapping[a] for a in self.mapping}
        return OutcomeCorrespondence(self.source, self.target, mapping, self.steps)

    def intersection(self, other: "OutcomeCorrespondence") -> "OutcomeCorrespondence":
        """Both hold, so their pointwise intersection holds."""
        self._same_games(other, "intersection")
        mapping = {a: self.mapping[a] & other.mapping[a] for a in self.mapping}
        return OutcomeCorrespondence(self.source, self.target, mapping, self.steps + other.steps)

    def implies(self, other: "OutcomeCorrespondence") -> bool:
        """Whether ``other`` follows from this one by weakening (``Phi(a) subset Phi'(a)``)."""
        self._same_games(other, "implies")
        return all(self.mapping[a] <= other.mapping[a] for a in self.mapping)

    def _same_games(self, other: Any, name: str) -> None:
        if not isinstance(other, OutcomeCorrespondence):
            raise InvalidInputError(bad_param(f"OutcomeCorrespondence.{name}", "other",
                                              "an OutcomeCorrespondence", other))
        if (self.source.labels, self.target.labels) != (other.source.labels, other.target.labels):
            raise InvalidInputError(bad_param(f"OutcomeCorrespondence.{name}", "other",
                                              "a correspondence between the same two games", other))

    # -- text --------------------------------------------------------------------------------
    def derivation(self) -> list[str]:
        """The derivation steps as text, in order."""
        return [s.text for s in self.steps]

    def describe(self) -> str:
        """Derivation and the map ``a -> Phi(a)`` (outcomes with empty image are omitted)."""
        lines = ["derivation:"]
        lines += [f"  {k + 1}. {t}" for k, t in enumerate(self.derivation())] or ["  (none)"]
        lines.append("correspondence:")
        for a in self.domain():
            imgs = ", ".join(_fmt_profile(self.target, b) for b in sorted(self.mapping[a]))
            lines.append(f"  {_fmt_profile(self.source, a)} -> {imgs}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        n = sum(len(v) for v in self.mapping.values())
        return (f"OutcomeCorrespondence({len(self.domain())} outcomes -> {n} pairs, "
                f"{len(self.steps)} steps)")

    def to_dict(self, *, jsonable: bool = False) -> dict[str, Any]:
        return {
            "derivation": self.derivation(),
            "pairs": [[list(a), list(b)] for a, b in self.pairs()],
        }


def _invert_text(step: DerivationStep) -> str:
    if step.kind == "identity":
        return step.text
    if step.kind == "eliminate":
        return step.text.replace("eliminate", "restore", 1).replace(
            "(Assumption 1)", "(Assumption 1 read backwards, Lemma 2 symmetry)")
    if step.kind == "restore":
        return step.text.replace("restore", "eliminate", 1)
    return f"inverse of: {step.text}"


# ----------------------------------------------------------------------------------------
# constructors
# ----------------------------------------------------------------------------------------


def identity_correspondence(game: NormalFormGame) -> OutcomeCorrespondence:
    """Reflexivity: ``G ~_id G``."""
    check_game("identity_correspondence", "game", game)
    mapping = {a: frozenset([a]) for a in game.pure_profiles()}
    return OutcomeCorrespondence(game, game, mapping, (DerivationStep("identity", "identity (Lemma 2, reflexivity)"),))


def all_correspondence(source: NormalFormGame, target: NormalFormGame) -> OutcomeCorrespondence:
    """``G ~_all G'``: every outcome may lead to every outcome (always valid, Lemma 2)."""
    check_game("all_correspondence", "source", source)
    check_game("all_correspondence", "target", target)
    everything = frozenset(target.pure_profiles())
    mapping = {a: everything for a in source.pure_profiles()}
    return OutcomeCorrespondence(source, target, mapping,
                                 (DerivationStep("all", "trivial correspondence 'all' (Lemma 2)"),))


def elimination_correspondence(game: NormalFormGame, reduction: Any) -> OutcomeCorrespondence:
    """``G ~_Phi reduce(G)`` from a :class:`~spi.reduction.ReductionResult` (Assumption 1, iterated).

    ``Phi(a) = {a}`` (re-indexed) if every action of ``a`` survives, else ``{}``.
    """
    from .reduction import ReductionResult  # local: avoid a cycle at import time

    check_game("elimination_correspondence", "game", game)
    if not isinstance(reduction, ReductionResult):
        raise InvalidInputError(bad_param("elimination_correspondence", "reduction", "a ReductionResult", reduction))
    surv = reduction.surviving
    pos = [{x: k for k, x in enumerate(s)} for s in surv]
    mapping = {}
    for a in game.pure_profiles():
        if all(a[i] in pos[i] for i in range(game.n_players)):
            mapping[a] = frozenset([tuple(pos[i][a[i]] for i in range(game.n_players))])
        else:
            mapping[a] = frozenset()
    steps = tuple(DerivationStep("eliminate", s.describe() + " (Assumption 1)") for s in reduction.steps)
    if not steps:
        steps = (DerivationStep("identity", f"{game.title or 'game'} has no strictly dominated actions"),)
    return OutcomeCorrespondence(game, reduction.reduced, mapping, steps)


def isomorphism_correspondence(source: NormalFormGame, target: NormalFormGame,
                               isos: Iterable[Any], *, complete: bool = True) -> OutcomeCorrespondence:
    """``G ~_Phi G'`` from Assumption 2: ``Phi`` is the union of the given isomorphisms.

    Assumption 2 says that two *fully reduced* isomorphic games are played isomorphically, i.e.
    ``G ~_phi G'`` for *some* isomorphism ``phi``; not knowing which, the union over all
    isomorphisms is the correspondence that follows (weakening).  ``complete=False`` records
    that the list of isomorphisms was truncated.
    """
    isos = list(isos)
    if not isos:
        raise InvalidInputError(bad_param("isomorphism_correspondence", "isos", "at least one isomorphism", isos))
    mapping: dict[Profile, set] = {a: set() for a in source.pure_profiles()}
    for phi in isos:
        for a in mapping:
            mapping[a].add(phi.map_profile(a))
    text = isos[0].describe()
    if len(isos) > 1:
        text = f"union of {len(isos)} isomorphisms{'' if complete else ' (list truncated)'}, e.g. {text}"
    else:
        text = f"isomorphism {text}"
    step = DerivationStep("isomorphism", text + " (Assumption 2)")
    return OutcomeCorrespondence(source, target, {a: frozenset(v) for a, v in mapping.items()}, (step,))


def correspondence_from_pairs(source: NormalFormGame, target: NormalFormGame,
                              pairs: Mapping[Any, Any] | Iterable[tuple[Any, Any]],
                              func: str = "correspondence_from_pairs",
                              param: str = "pairs") -> OutcomeCorrespondence:
    """Build a (claimed) correspondence from ``{a: [b, ...]}`` or ``[(a, b), ...]`` with labels."""
    mapping: dict[Profile, set] = {a: set() for a in source.pure_profiles()}
    items: list[tuple[Any, Any]] = []
    if isinstance(pairs, Mapping):
        for a, bs in pairs.items():
            try:
                bs = list(bs)
            except TypeError:  # {("DM", "DM"): 1}
                raise InvalidInputError(bad_param(func, param, "a mapping outcome -> outcomes or (a, b) pairs",
                                                  pairs)) from None
            if bs and not isinstance(bs[0], (list, tuple)):
                bs = [bs]  # a single profile given
            for b in bs:
                items.append((a, b))
    else:
        try:
            items = [(a, b) for a, b in pairs]
        except (TypeError, ValueError):
            raise InvalidInputError(bad_param(func, param, "a mapping outcome -> outcomes or (a, b) pairs",
                                              pairs)) from None
    for a, b in items:
        try:
            ia = tuple(source.action_index(i, x) for i, x in enumerate(a))
            ib = tuple(target.action_index(i, x) for i, x in enumerate(b))
        except (InvalidInputError, TypeError):
            raise InvalidInputError(bad_param(func, param, "pairs of outcomes (action labels) of the two games",
                                              (a, b))) from None
        if len(ia) != source.n_players or len(ib) != target.n_players:
            raise InvalidInputError(bad_param(func, param, "outcomes with one action per player", (a, b)))
        mapping[ia].add(ib)
    return OutcomeCorrespondence(source, target, {a: frozenset(v) for a, v in mapping.items()},
                                 (DerivationStep("claim", "claimed by the caller"),))


def _all_profiles(shape: Sequence[int]) -> Iterable[Profile]:
    return itertools.product(*(range(m) for m in shape))
