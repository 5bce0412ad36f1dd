"""cooptheory's equilibrium core: finite games, exact numbers, and equilibrium algorithms.

``import solvers`` is cheap: numba kernels compile lazily on first use (and are cached on
disk), never at import.
"""

from __future__ import annotations

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
]
