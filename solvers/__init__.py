"""cooptheory's equilibrium core: finite games, exact numbers, and equilibrium algorithms.

``import solvers`` is cheap: algorithm modules load on first attribute access and numba
kernels compile lazily on first call (cached on disk), never at import.

Entry points (each returns its result dataclass):

=============================  ==============================================================
``pure_equilibria``            all pure Nash equilibria, n players
``eliminate_dominated``        strict / weak dominance, by pure or mixed strategies, iterated
``support_enumeration``        all equilibria of nondegenerate bimatrix games
``lemke_howson``               one equilibrium per starting label, lexicographic pivoting
``extreme_equilibria``         all extreme equilibria of any bimatrix game, exact
``zero_sum_solve``             value and optimal strategies by LP
``correlated_equilibrium``     (coarse) correlated equilibria by LP, n players
=============================  ==============================================================
"""

from __future__ import annotations

from ._lazy import lazy_exports

from .errors import (
    CoopTheoryError,
    FormatError,
    InvalidGameError,
    InvalidInputError,
    InvalidProbabilityError,
    InvalidProfileError,
    LimitError,
    UnsupportedError,
)
from .games import MixedProfile, NormalFormGame
from .numbers import DEFAULT_TOL
from .results import Result, result

# public name -> module (relative to this package) that defines it; loaded on first access.
_LAZY: dict[str, str] = {
    # io
    "read_nfg": "nfg",
    "write_nfg": "nfg",
    "parse_nfg": "nfg",
    "to_nfg": "nfg",
    # results shared by the equilibrium algorithms
    "NashResult": "equilibria",
    # algorithms
    "pure_equilibria": "pure",
    "best_responses": "pure",
    "eliminate_dominated": "dominance",
    "is_dominated": "dominance",
    "incentive_violation": "correlated",
    "fictitious_play": "dynamics", "replicator_dynamics": "dynamics", "regret_matching": "dynamics",
    "logit_qre": "qre",
    "support_enumeration": "support_enum",
    "lemke_howson": "complementary_pivoting",
    "extreme_equilibria": "extreme",
    "zero_sum_solve": "zero_sum",
    "correlated_equilibrium": "correlated",
    "coarse_correlated_equilibrium": "correlated",
    "solve_batch": "batch",
    "map_solve": "batch",
    # submodules
    "generators": None,
    "strategies": None,
}

__all__ = [
    "CoopTheoryError",
    "FormatError",
    "InvalidGameError",
    "InvalidInputError",
    "InvalidProbabilityError",
    "InvalidProfileError",
    "LimitError",
    "UnsupportedError",
    "MixedProfile",
    "NormalFormGame",
    "DEFAULT_TOL",
    "Result",
    "result",
    *_LAZY,
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
