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
``plot_problem``                     picture of a 2-player problem with every solution
``OutcomeSpace`` / ``pareto_frontier`` / ``solution_points`` / ``negotiate`` / ``mediate``
                                     negotiation over large outcome spaces (bargaining.outcomes,
                                     bargaining.negotiation)
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
from .negotiation import (
    Agent,
    Boulware,
    Conceder,
    Linear,
    MediationResult,
    NegotiationResult,
    RationalAcceptor,
    TimeDependentAgent,
    TitForTat,
    aspiration,
    mediate,
    negotiate,
)
from .outcomes import (
    AdditiveUtility,
    FunctionUtility,
    OutcomeSpace,
    ParetoFrontier,
    SolutionPoint,
    TableUtility,
    Utility,
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_frontier,
    solution_points,
    utilitarian_point,
    utility_matrix,
)
from .plotting import plot_problem
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
    # negotiation at scale (bargaining.negotiation, bargaining.outcomes)
    "Agent",
    "Boulware",
    "Conceder",
    "Linear",
    "MediationResult",
    "NegotiationResult",
    "RationalAcceptor",
    "TimeDependentAgent",
    "TitForTat",
    "aspiration",
    "mediate",
    "negotiate",
    "AdditiveUtility",
    "FunctionUtility",
    "OutcomeSpace",
    "ParetoFrontier",
    "SolutionPoint",
    "TableUtility",
    "Utility",
    "egalitarian_point",
    "kalai_smorodinsky_point",
    "nash_point",
    "pareto_frontier",
    "solution_points",
    "utilitarian_point",
    "utility_matrix",
    "plot_problem",
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
