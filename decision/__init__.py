"""Newcomblike decision problems and what CDT, EDT and UDT/FDT recommend.

* :mod:`decision.model`: problems as causal models whose predictors read the agent's policy
  (:class:`DecisionProblem`, :class:`Chance`, :class:`Decision`, :class:`Predictor`,
  :func:`from_table`);
* :mod:`decision.problems`: the canonical problems as factories, each citing its source;
* :mod:`decision.theories`: :func:`cdt` (ratifiability, deliberational equilibria), :func:`edt`,
  :func:`udt` / :func:`fdt`, :func:`compare`, :func:`thresholds`;
* :mod:`decision.imperfect_recall`: trees with information sets (the absent-minded driver),
  planning optima and the CDT+GT / EDT+GDH de se conditions;
* :mod:`decision.deliberation`: Skyrms' deliberational dynamics with exact certification;
* :mod:`decision.dilemmas`: dilemma datasets (text, framings, per-theory ground truth, JSONL,
  scoring);
* :mod:`decision.plotting` (matplotlib, optional) and :mod:`decision.strategies` (hypothesis).

References: Yudkowsky & Soares (2017) arXiv:1710.05060; Joyce (1999, 2012); Arntzenius (2008);
Skyrms (1990); Piccione & Rubinstein (1997); Aumann, Hart & Perry (1997); Oesterheld &
Conitzer (2021, and "Can de se choice be ex ante reasonable in games of imperfect recall?").
"""

from . import problems
from .deliberation import DeliberationResult, deliberate
from .imperfect_recall import (
    DeSeResult,
    ImperfectRecallProblem,
    beliefs,
    check_policy,
    de_se_values,
    planning_optimum,
    satisfies,
    solve_de_se,
)
from .model import Chance, Decision, DecisionProblem, Predictor, from_table
from .theories import (
    Comparison,
    Recommendation,
    ThresholdResult,
    cdt,
    compare,
    deliberational_equilibria,
    edt,
    expected_utilities,
    fdt,
    ratifiable,
    thresholds,
    udt,
)

__all__ = [
    "problems",
    "Chance",
    "Decision",
    "DecisionProblem",
    "Predictor",
    "from_table",
    "Recommendation",
    "Comparison",
    "ThresholdResult",
    "cdt",
    "edt",
    "udt",
    "fdt",
    "ratifiable",
    "deliberational_equilibria",
    "deliberate",
    "DeliberationResult",
    "compare",
    "thresholds",
    "expected_utilities",
    "ImperfectRecallProblem",
    "DeSeResult",
    "beliefs",
    "check_policy",
    "de_se_values",
    "satisfies",
    "solve_de_se",
    "planning_optimum",
    "plot_causal_graph",
    "plot_sweep",
]


def __getattr__(name):
    if name in ("plot_causal_graph", "plot_sweep"):
        from . import plotting

        return getattr(plotting, name)
    raise AttributeError(f"module 'decision' has no attribute {name!r}")
