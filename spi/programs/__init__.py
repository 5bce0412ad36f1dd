"""Program games (open-source game theory): modal agents and simulation agents.

Each player submits a program that reads the other's program (Tennenholtz, "Program
equilibrium", GEB 2004).  Two families are supported:

* **Modal agents** (Barasz et al., arXiv:1401.5577): cooperation conditions in provability
  logic, decided exactly on the linear Kripke chain of GL, with both the actual action and
  whether PA proves it (:func:`play`, :func:`tournament`, :func:`modal_agent`,
  :func:`standard_agents`, :func:`agent`; the text syntax is in :mod:`spi.programs.formulas`).
* **Simulation agents** (:mod:`spi.programs.simulation`): Python programs that run each
  other under a finite budget (:func:`run_match`); CliqueBot; grounded simulators such as
  Oesterheld's epsilon-grounded FairBot (:func:`epsilon_grounded_fairbot`) with exact output
  distributions and payoffs (:func:`exact_match`), the exact program-equilibrium test
  (:func:`grounded_equilibrium`) and exact tournaments (:func:`simulation_tournament`).
* **Tennenholtz's folk theorem** (:mod:`spi.programs.folk`): :func:`folk_theorem_programs`
  builds the program pair for a target profile, an equilibrium iff the target is individually
  rational (pure or mixed punishment).

Quick start::

    >>> from spi.programs import play, tournament
    >>> play("PrudentBot", "CooperateBot").actions
    ('D', 'C')
    >>> play("FairBot", "DefectBot").provable      # FairBot defects, but PA cannot prove it
    (False, True)
"""

from __future__ import annotations

from .errors import BudgetError, NotModalizedError, UndefinedAgentError
from .formulas import (
    And, Bot, Box, Formula, Iff, Implies, Not, Or, Top, Var, box, coop, dia,
    is_fully_modalized, modal_depth, parse_formula,
)
from .modal import (
    ModalAgent, ModalOutcome, agent, define_agents, modal_agent, play, random_modal_agents, standard_agents,
)
from .tournament import (
    SimulationTournamentResult, TournamentResult, prisoners_dilemma, simulation_tournament, tournament,
)
from .simulation import (
    Context, ExactMatch, GroundedEquilibrium, GroundedSimulator, MonteCarloMatch, Program, SimulationMatch,
    clique_bot, constant_program, cooperate_bot, defect_bot, epsilon_grounded_fairbot,
    epsilon_grounded_fairbot_threshold, exact_match, grounded_equilibrium, grounded_simulator, mirror_bot,
    monte_carlo_match, random_bot, run_match,
)
from .folk import FolkTheoremResult, folk_theorem_programs, minmax_values

__all__ = [
    "BudgetError", "NotModalizedError", "UndefinedAgentError",
    "Formula", "Top", "Bot", "Not", "And", "Or", "Implies", "Iff", "Box", "Var",
    "box", "dia", "coop", "parse_formula", "is_fully_modalized", "modal_depth",
    "ModalAgent", "ModalOutcome", "modal_agent", "define_agents", "standard_agents", "random_modal_agents", "agent", "play",
    "tournament", "TournamentResult", "prisoners_dilemma", "simulation_tournament", "SimulationTournamentResult",
    "Program", "GroundedSimulator", "Context", "run_match", "SimulationMatch", "exact_match", "ExactMatch",
    "monte_carlo_match", "MonteCarloMatch", "grounded_equilibrium", "GroundedEquilibrium",
    "cooperate_bot", "defect_bot", "clique_bot", "mirror_bot", "random_bot", "constant_program",
    "epsilon_grounded_fairbot", "grounded_simulator", "epsilon_grounded_fairbot_threshold",
    "folk_theorem_programs", "FolkTheoremResult", "minmax_values",
]
