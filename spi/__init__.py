"""Safe Pareto improvements (Oesterheld & Conitzer 2021/2022): outcome correspondences, the SPI
check with its proof, SPI search, surrogate goals, perfect-coordination SPIs.

Entry points (each returns its result dataclass):

=========================  ==================================================================
``isomorphisms``           all isomorphisms of two games (bijections + positive affine maps)
``reduce_dominated``       iterated strict dominance by pure strategies, with the steps
``is_spi``                 is a subset game a (strict) (unilateral) SPI? with the proof
``find_spis``              all SPIs of a game up to isomorphism, within limits
``surrogate_goal``         the surrogate-goal transformation of a threat game, checked
``perfect_coordination``   perfect-coordination SPIs by one LP (Sect. 5 of the paper)
``pareto_meet_minimum``    each player's lowest payoff on the Pareto frontier
=========================  ==================================================================

``import spi`` is cheap (no numba, no scipy) and does not import :mod:`spi.programs`.
"""

from __future__ import annotations

from solvers._lazy import lazy_exports

# public name -> module of this package; loaded on first access
_LAZY: dict[str, str] = {
    "isomorphisms": "isomorphism",
    "is_isomorphism": "isomorphism",
    "GameIsomorphism": "isomorphism",
    "IsomorphismResult": "isomorphism",
    "reduce_dominated": "reduction",
    "ReductionResult": "reduction",
    "EliminationStep": "reduction",
    "OutcomeCorrespondence": "correspondence",
    "DerivationStep": "correspondence",
    "is_spi": "core",
    "subset_game": "core",
    "changed_players": "core",
    "SPIResult": "core",
    "find_spis": "search",
    "brute_force_spis": "search",
    "SPISearchResult": "search",
    "FoundSPI": "search",
    "hardness_game": "hardness",
    "hardness_pair": "hardness",
    "subgraph_isomorphisms": "hardness",
    "surrogate_goal": "surrogate",
    "SurrogateGoalResult": "surrogate",
    "perfect_coordination": "coordination",
    "PerfectCoordinationResult": "coordination",
    "pareto_meet_minimum": "coordination",
    "ParetoMeetResult": "coordination",
    "side_by_side": "picture",
    "plot_spi": "picture",
    "spi_text": "picture",
    "examples": None,
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
