"""The cooptheory error hierarchy.

Every error the library raises on purpose derives from :class:`CoopTheoryError`, so
``except CoopTheoryError`` catches them all.  Errors about bad input also subclass
:class:`ValueError`, unsupported requests subclass :class:`NotImplementedError`, so code
written against the standard exceptions keeps working.

Messages follow one form, ``func(): param must be ...; got ...``, built by :func:`bad_param`.
Non-convergence, truncation and degeneracy are *not* errors: they are reported in the
``status`` and ``message`` fields of a result.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CoopTheoryError",
    "InvalidInputError",
    "InvalidGameError",
    "InvalidProfileError",
    "InvalidProbabilityError",
    "FormatError",
    "LimitError",
    "UnsupportedError",
    "bad_param",
]


class CoopTheoryError(Exception):
    """Root of every error raised on purpose by cooptheory."""


class InvalidInputError(CoopTheoryError, ValueError):
    """An argument has the wrong shape, type or value."""


class InvalidGameError(InvalidInputError):
    """Payoff arrays that do not make a game (ragged, NaN, empty action set, ...)."""


class InvalidProfileError(InvalidInputError):
    """A strategy profile that does not fit its game (length, sign, sum, other game)."""


class InvalidProbabilityError(InvalidInputError):
    """Probabilities that are negative, not finite, or do not sum to one."""


class FormatError(InvalidInputError):
    """A malformed file (e.g. Gambit ``.nfg``); the message names the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        if line is not None:
            message = f"line {line}: {message}"
        super().__init__(message)


class LimitError(InvalidInputError):
    """A request past a documented size limit (asked up front, not after hanging)."""


class UnsupportedError(CoopTheoryError, NotImplementedError):
    """A request the library does not support (e.g. an algorithm for n > 2 players)."""


def _short(value: Any, limit: int = 200) -> str:
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def bad_param(func: str, param: str, must: str, got: Any, *, raw: bool = False) -> str:
    """Format the standard message ``func(): param must be ...; got ...``.

    Parameters
    ----------
    func : str
        Name of the public function or method the user called.
    param : str
        Name of the offending parameter (as the user typed it).
    must : str
        What the parameter must be.
    got : object
        The offending value; shown with ``repr`` (truncated) unless ``raw`` is true.
    raw : bool
        Show ``got`` as given (already formatted text).
    """
    shown = got if raw else _short(got)
    return f"{func}(): {param} must be {must}; got {shown}"
