"""Argument checks shared by the solver entry points (messages per :func:`solvers.errors.bad_param`)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .errors import InvalidInputError, bad_param
from .numbers import DEFAULT_TOL

__all__ = ["check_bool", "check_exact", "check_int", "check_time_limit", "check_tol"]


def check_tol(func: str, tol: Any, *, positive: bool = False) -> float:
    """A finite tolerance (``None`` means :data:`DEFAULT_TOL`); ``positive`` also rejects 0."""
    if tol is None:
        return DEFAULT_TOL
    must = "a positive finite number" if positive else "a nonnegative finite number"
    if isinstance(tol, (bool, np.bool_)) or not isinstance(tol, (int, float, np.floating, np.integer)):
        raise InvalidInputError(bad_param(func, "tol", must, tol))
    t = float(tol)
    if not math.isfinite(t) or t < 0 or (positive and t == 0):
        raise InvalidInputError(bad_param(func, "tol", must, tol))
    return t


def check_bool(func: str, name: str, value: Any) -> bool:
    """``value`` must be True or False."""
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidInputError(bad_param(func, name, "True or False", value))
    return bool(value)


def check_int(func: str, name: str, value: Any, minimum: int = 1) -> int:
    """``value`` must be an int (not a bool) of at least ``minimum``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        must = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
        raise InvalidInputError(bad_param(func, name, must, value))
    return int(value)


def check_exact(func: str, exact: Any, default: bool) -> bool:
    """``exact`` is True, False or None (None: ``default``, usually the game's exactness)."""
    if exact is None:
        return bool(default)
    if not isinstance(exact, (bool, np.bool_)):
        raise InvalidInputError(bad_param(func, "exact", "True, False or None", exact))
    return bool(exact)


def check_time_limit(func: str, value: Any) -> float | None:
    """``time_limit``: None (no limit) or a positive finite number of seconds."""
    if value is None:
        return None
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))
    if not ok or not (math.isfinite(float(value)) and float(value) > 0):
        raise InvalidInputError(bad_param(func, "time_limit", "a positive number of seconds or None", value))
    return float(value)
