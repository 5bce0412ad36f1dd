"""Numbers: exact (``Fraction``) and floating point, and the conversions between them.

Conventions (used by every part of the library):

* ``int``, :class:`fractions.Fraction`, ``numpy`` integers, sympy rationals and strings such as
  ``"3/4"``, ``"-2"`` or ``"0.1"`` are *exact* numbers.
* ``float`` is inexact.  Read exactly (``exact=True``), a float goes through its shortest
  decimal text, so ``0.1`` becomes ``Fraction(1, 10)``, not the binary value
  ``3602879701896397/36028797018963968``.
* NaN and infinities are never accepted.
* :data:`DEFAULT_TOL` is the one default tolerance of float computations (regrets, sums of
  probabilities).
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction
from typing import Any, Iterable

import numpy as np

from .errors import InvalidInputError, bad_param

__all__ = [
    "DEFAULT_TOL",
    "Number",
    "is_exact_number",
    "to_fraction",
    "to_float",
    "as_exact_array",
    "as_float_array",
    "fraction_text",
    "rationalize",
]

#: The default tolerance of float computations (regret, probability sums).
DEFAULT_TOL: float = 1e-9

Number = int | float | Fraction | str


def is_exact_number(x: Any) -> bool:
    """Whether ``x`` is a number cooptheory treats as exact (not a float)."""
    if isinstance(x, bool):
        return True
    if isinstance(x, (int, Fraction, np.integer, str)):
        return True
    if isinstance(x, numbers.Rational):
        return True
    mod = type(x).__module__
    if mod.startswith("sympy") and getattr(x, "is_Rational", False):
        return True
    return False


def to_fraction(x: Any, *, func: str = "to_fraction", param: str = "x") -> Fraction:
    """Convert a number to an exact :class:`~fractions.Fraction`.

    Floats are read through their shortest decimal text (``0.1 -> 1/10``).

    Raises
    ------
    InvalidInputError
        For NaN, infinities, booleans given as text, or anything that is not a number.
    """
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (bool, np.bool_)):
        return Fraction(int(x))
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, (float, np.floating)):
        xf = float(x)
        if not math.isfinite(xf):
            raise InvalidInputError(bad_param(func, param, "a finite number", x))
        return Fraction(repr(xf))
    if isinstance(x, str):
        text = x.strip()
        try:
            value = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InvalidInputError(
                bad_param(func, param, 'a number such as 2, "3/4" or "0.1"', x)
            ) from None
        return value
    if isinstance(x, numbers.Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    mod = type(x).__module__
    if mod.startswith("sympy"):
        if getattr(x, "is_Rational", False):
            return Fraction(int(x.p), int(x.q))
        if getattr(x, "is_Float", False):
            return to_fraction(float(x), func=func, param=param)
    if isinstance(x, numbers.Real):
        return to_fraction(float(x), func=func, param=param)
    raise InvalidInputError(bad_param(func, param, "a real number", x))


def to_float(x: Any, *, func: str = "to_float", param: str = "x") -> float:
    """Convert a number (including ``"3/4"`` text) to a finite float."""
    if isinstance(x, str):
        return float(to_fraction(x, func=func, param=param))
    try:
        value = float(x)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, param, "a real number", x)) from None
    if not math.isfinite(value):
        raise InvalidInputError(bad_param(func, param, "a finite number", x))
    return value


def as_exact_array(values: Any, *, func: str = "as_exact_array", param: str = "values") -> np.ndarray:
    """Return an object array of Fractions with the shape of ``values``."""
    raw = np.asarray(values)
    if raw.dtype.kind in "biuf" and raw.size > 16:
        # convert each distinct value once (payoff arrays repeat values a lot)
        if raw.dtype.kind == "f" and not np.all(np.isfinite(raw)):
            bad = tuple(int(i) for i in np.argwhere(~np.isfinite(raw))[0])
            raise InvalidInputError(
                bad_param(func, param, "finite numbers", f"{raw[bad]!r} at index {bad}", raw=True)
            )
        uniq, inverse = np.unique(raw.reshape(-1), return_inverse=True)
        table = np.empty(len(uniq), dtype=object)
        for k, v in enumerate(uniq.tolist()):
            table[k] = to_fraction(v, func=func, param=param)
        return table[inverse.reshape(-1)].reshape(raw.shape)
    arr = raw if raw.dtype == object else np.asarray(values, dtype=object)
    out = np.empty(arr.shape, dtype=object)
    flat_in = arr.reshape(-1)
    flat_out = out.reshape(-1)
    for k, v in enumerate(flat_in):
        flat_out[k] = v if type(v) is Fraction else to_fraction(v, func=func, param=param)
    return out


def as_float_array(values: Any, *, func: str = "as_float_array", param: str = "values") -> np.ndarray:
    """Return a float64 array with the shape of ``values``; reject NaN and infinities."""
    arr = np.asarray(values)
    if arr.dtype == object or arr.dtype.kind in "US":
        out = np.empty(arr.shape, dtype=np.float64)
        flat_in = arr.reshape(-1)
        flat_out = out.reshape(-1)
        for k, v in enumerate(flat_in):
            flat_out[k] = to_float(v, func=func, param=param)
        return out
    if arr.dtype.kind not in "biuf":
        raise InvalidInputError(bad_param(func, param, "real numbers", arr.dtype, raw=True))
    out = arr.astype(np.float64)
    if not np.all(np.isfinite(out)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(out))[0])
        raise InvalidInputError(
            bad_param(func, param, "finite numbers", f"{out[bad]!r} at index {bad}", raw=True)
        )
    return out


def fraction_text(x: Fraction | int) -> str:
    """``Fraction(3, 4) -> "3/4"``, ``Fraction(2) -> "2"``."""
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def rationalize(x: float, max_denominator: int = 10**6) -> Fraction:
    """Best rational approximation of a float with a bounded denominator.

    Used to *guess* exact values from float solutions; a guess is always verified exactly
    afterwards, never trusted.
    """
    return Fraction(float(x)).limit_denominator(max_denominator)


def all_exact(values: Iterable[Any]) -> bool:
    """Whether every entry of an iterable is an exact number."""
    return all(is_exact_number(v) for v in values)
