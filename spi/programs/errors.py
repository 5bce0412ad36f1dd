"""Errors of :mod:`spi.programs` (all subclass the cooptheory hierarchy)."""

from __future__ import annotations

from solvers.errors import InvalidInputError, LimitError

__all__ = ["NotModalizedError", "UndefinedAgentError", "BudgetError"]


class NotModalizedError(InvalidInputError):
    """A modal agent's formula has a variable outside every box (no fixed point guaranteed)."""


class UndefinedAgentError(InvalidInputError):
    """A formula references an agent that is not defined."""


class BudgetError(LimitError):
    """A simulation was asked to run without a finite budget (it could run forever)."""
