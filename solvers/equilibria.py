"""The result type shared by the Nash equilibrium algorithms.

Every algorithm that returns Nash equilibria (support enumeration, Lemke-Howson, extreme
equilibria, pure equilibria, ...) returns a :class:`NashResult` or a subclass of it, so code
that consumes equilibria does not care which algorithm produced them.

Certification: each equilibrium carries its max regret (``regrets[k]`` for
``equilibria[k]``).  Exact results have every regret exactly ``Fraction(0)``; float results
have regrets at most ``tol`` (``params["tol"]``), and the algorithm says so.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from .games import MixedProfile, NormalFormGame
from .results import Result, result

__all__ = ["NashResult"]


@result
class NashResult(Result):
    """Nash equilibria found by an algorithm.

    Attributes
    ----------
    equilibria : tuple of MixedProfile
        The equilibria, in the algorithm's order (documented per algorithm).
    regrets : tuple
        Max regret of each equilibrium (``Fraction(0)`` when exact).
    game : NormalFormGame
        The game solved (not shown in the repr).
    """

    equilibria: tuple[MixedProfile, ...] = ()
    regrets: tuple[Any, ...] = ()
    game: NormalFormGame | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> MixedProfile:
        return self.equilibria[k]

    @property
    def max_regret(self) -> Any:
        """Largest regret over all equilibria returned (0 if none)."""
        return max(self.regrets, default=0)

    @property
    def strategies(self) -> tuple[tuple[tuple[Any, ...], ...], ...]:
        """Each equilibrium as one tuple of probabilities per player."""
        return tuple(tuple(tuple(s.tolist()) for s in eq.strategies) for eq in self.equilibria)
