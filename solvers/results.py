"""The result convention shared by every part of cooptheory.

Every solver, verdict and search returns a frozen dataclass deriving from :class:`Result`.
The shared fields are keyword-only and come last in the repr:

``method``
    Name of the algorithm that produced the result (e.g. ``"lemke_howson"``).
``exact``
    Whether the numbers in the result are exact (``Fraction``) and exactly certified.
``status``
    ``"ok"`` for a complete answer, otherwise one of ``"truncated"`` (a limit was hit and the
    answer is partial), ``"not_converged"``, ``"degenerate"`` (the answer is complete but the
    input was degenerate in a way the method reports), ``"infeasible"``, ``"failed"``.
``message``
    Human readable detail, empty when there is nothing to say.
``params``
    The parameters the call was made with (limits, tolerances, seeds).

Domain fields come first, in declaration order.  Subclasses are declared with the
:func:`result` decorator, which makes them frozen dataclasses sharing this repr,
``_repr_html_`` and ``to_dict``.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, TypeVar

import numpy as np

__all__ = ["Result", "result", "STATUSES", "to_plain"]

STATUSES = ("ok", "truncated", "not_converged", "degenerate", "infeasible", "failed")

_T = TypeVar("_T")

_SHARED = ("method", "exact", "status", "message", "params")


def _fmt(value: Any, limit: int = 400) -> str:
    if isinstance(value, Fraction):
        text = str(value)
    elif isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=40, separator=", ")
        text = " ".join(text.split())
    elif isinstance(value, float):
        text = f"{value:.6g}"
    elif isinstance(value, tuple) and value and all(isinstance(v, Fraction) for v in value):
        text = "(" + ", ".join(str(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    else:
        text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def to_plain(value: Any, *, jsonable: bool = False) -> Any:
    """Convert a value to plain Python data (lists, dicts, numbers, strings).

    With ``jsonable=True``, Fractions become ``"p/q"`` strings and every container becomes a
    list or a dict with string keys, so the output passes :func:`json.dumps`.
    """
    if isinstance(value, Result):
        return value.to_dict(jsonable=jsonable)
    if hasattr(value, "to_dict") and callable(value.to_dict) and not isinstance(value, type):
        try:
            return value.to_dict(jsonable=jsonable)
        except TypeError:
            return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_plain(getattr(value, f.name), jsonable=jsonable)
            for f in dataclasses.fields(value)
        }
    if isinstance(value, Fraction):
        if jsonable:
            return str(value)
        return value
    if isinstance(value, np.ndarray):
        return [to_plain(v, jsonable=jsonable) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        if jsonable:
            return {str(k): to_plain(v, jsonable=True) for k, v in value.items()}
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_plain(v, jsonable=jsonable) for v in value]
        if jsonable or isinstance(value, list):
            return items
        if isinstance(value, (set, frozenset)):
            return type(value)(items) if all(_hashable(v) for v in items) else items
        return tuple(items)
    mod = type(value).__module__
    if jsonable and mod.startswith("sympy"):
        return str(value)
    return value


def _hashable(v: Any) -> bool:
    try:
        hash(v)
    except TypeError:
        return False
    return True


#: Field names of each result class, in declaration order (:meth:`Result._trusted`).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True, repr=False, eq=True, kw_only=True)
class Result:
    """Base of every result: the shared fields, a fixed-order repr, HTML and ``to_dict``."""

    method: str = ""
    exact: bool = False
    status: str = "ok"
    message: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"Result(): status must be one of {STATUSES}; got {self.status!r}")

    @classmethod
    def _trusted(cls, **fields: Any) -> "Result":
        """``cls(**fields)`` without the frozen dataclass' ``__init__``, for hot paths whose
        fields the library itself made: every field must be given (checked), the status is
        checked as in ``__post_init__``, and the fields go into the instance ``__dict__`` at
        once, in declaration order (the ``__init__`` sets each through ``object.__setattr__``:
        a few microseconds on calls of tens)."""
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
        if len(fields) != len(names) or not fields.keys() >= set(names):
            raise TypeError(f"{cls.__name__}._trusted(): fields {sorted(fields)} are not {sorted(names)}")
        if fields["status"] not in STATUSES:
            raise ValueError(f"Result(): status must be one of {STATUSES}; got {fields['status']!r}")
        obj = object.__new__(cls)
        obj.__dict__.update((n, fields[n]) for n in names)
        return obj

    # -- field order --------------------------------------------------------------------
    @classmethod
    def _domain_fields(cls) -> list[str]:
        return [f.name for f in dataclasses.fields(cls) if f.name not in _SHARED and f.repr]

    def _ordered_items(self) -> list[tuple[str, Any]]:
        names = self._domain_fields() + list(_SHARED)
        return [(n, getattr(self, n)) for n in names]

    @property
    def ok(self) -> bool:
        """``status == "ok"``: the answer is complete."""
        return self.status == "ok"

    def __repr__(self) -> str:
        parts = []
        for name, value in self._ordered_items():
            if name == "message" and not value:
                continue
            if name == "params" and not value:
                continue
            parts.append(f"{name}={_fmt(value)}")
        inner = ",\n    ".join(parts)
        return f"{type(self).__name__}(\n    {inner},\n)"

    def _repr_html_(self) -> str:
        rows = []
        for name, value in self._ordered_items():
            if name in ("message", "params") and not value:
                continue
            html_value = getattr(value, "_repr_html_", None)
            if callable(html_value) and not isinstance(value, type):
                cell = html_value()
            else:
                cell = f"<code>{html.escape(_fmt(value, 2000))}</code>"
            rows.append(f"<tr><th style='text-align:left'>{html.escape(name)}</th><td>{cell}</td></tr>")
        title = html.escape(type(self).__name__)
        return f"<table><caption>{title}</caption>{''.join(rows)}</table>"

    def to_dict(self, *, jsonable: bool = False) -> dict[str, Any]:
        """The result as plain data, domain fields first, then the shared fields.

        Parameters
        ----------
        jsonable : bool
            Convert Fractions to ``"p/q"`` strings and tuples to lists so that
            :func:`json.dumps` accepts the output.
        """
        out = {"type": type(self).__name__}
        for name, value in self._ordered_items():
            out[name] = to_plain(value, jsonable=jsonable)
        return out


def result(cls: type[_T]) -> type[_T]:
    """Class decorator: a frozen dataclass with the shared :class:`Result` behaviour.

    Examples
    --------
    >>> @result
    ... class Value(Result):
    ...     value: int
    >>> Value(value=3, method="demo")
    Value(
        value=3,
        method='demo',
        exact=False,
        status='ok',
    )
    """
    return dataclass(frozen=True, repr=False, eq=True)(cls)  # type: ignore[return-value]
