"""Bargaining problems, axiomatic solutions, threats, strategic bargaining and coalitional games.

Entry points
------------
``BargainingProblem``                the problem ``(S, d)``: vertices, outcomes (pure or lotteries), games
``nash_solution``                    Nash (1950), asymmetric weights, n players, exact certificates
``kalai_smorodinsky``                Kalai & Smorodinsky (1975)
``egalitarian``                      Kalai (1977), proportional and leximin-extended
``utilitarian``                      weighted sum, stated tie-breaking
``raiffa``                           Raiffa (1953), discrete sequential variant
``variable_threat``                  Nash (1953) optimal threats of a bimatrix game
``rubinstein``                       Rubinstein (1982) alternating offers, SPE
``shapley_value`` / ``core`` / ``nucleolus``   coalitional (TU) games
"""

from .coalitional import (
    CoalitionalGame,
    CoreResult,
    NucleolusResult,
    ShapleyResult,
    airport_game,
    bankruptcy_game,
    core,
    glove_game,
    nucleolus,
    shapley_value,
    talmud_rule,
)
from .problem import BargainingProblem
from .solutions import (
    BargainingSolution,
    all_solutions,
    egalitarian,
    kalai_smorodinsky,
    nash_product,
    nash_solution,
    raiffa,
    utilitarian,
)
from .strategic import (
    DemandGameResult,
    RubinsteinResult,
    SmoothedDemandResult,
    nash_demand_game,
    rubinstein,
    rubinstein_limit,
    smoothed_demand_game,
)
from .threats import VariableThreatResult, variable_threat

__all__ = [
    "CoalitionalGame",
    "CoreResult",
    "NucleolusResult",
    "ShapleyResult",
    "VariableThreatResult",
    "airport_game",
    "bankruptcy_game",
    "core",
    "glove_game",
    "nucleolus",
    "shapley_value",
    "talmud_rule",
    "variable_threat",
    "DemandGameResult",
    "RubinsteinResult",
    "SmoothedDemandResult",
    "nash_demand_game",
    "rubinstein",
    "rubinstein_limit",
    "smoothed_demand_game",
    "BargainingProblem",
    "BargainingSolution",
    "all_solutions",
    "egalitarian",
    "kalai_smorodinsky",
    "nash_product",
    "nash_solution",
    "raiffa",
    "utilitarian",
]
