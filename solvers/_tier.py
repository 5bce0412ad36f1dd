"""Interpret first, compile when hot: when the numba kernels of an algorithm run compiled.

Compiling a kernel with an empty on-disk cache takes seconds (numba's passes and LLVM), and
even loading it from a warm cache costs a few hundred milliseconds -- far longer than the
kernel needs on a small game.  So each kernel family (support enumeration, vertex
enumeration, Lemke-Howson) starts in its *Python twin* -- the same source run by the
interpreter, every helper call included -- and switches to the compiled kernel for good as
soon as

* an input is too big for the interpreter (``small=False`` from the caller; callers also cap
  the work of an interpreted run -- pivots, bases, support pairs -- and rerun compiled when
  the cap is hit), or
* the twin has spent ``budget`` seconds in this process: compiling now pays for itself (the
  rule of tiered JIT compilers: compile what is hot; with a budget near the compile cost the
  total time is at most about twice that of the better choice made in hindsight).

The twin runs the same statements on the same float64 / int64 arrays as the kernel (IEEE
arithmetic, no fast-math in the kernels), so both tiers give the same results; the tests run
each family both ways and compare.  ``COOPTHEORY_JIT=always`` (or ``never``) in the
environment forces one tier, for benchmarks and tests.
"""

from __future__ import annotations

import importlib
import os
import threading
import time
import types
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["Family", "python_twins"]

_TWINS: dict[tuple, dict] = {}
_LOCK = threading.Lock()


def python_twins(module_name: str, overrides: dict | None = None) -> dict:
    """The globals of ``module_name`` with every numba dispatcher replaced by its pure-Python
    function, built on these globals (so a twin's helper calls are pure Python too), and the
    names in ``overrides`` bound to the given plain functions.

    ``kernel.py_func`` alone would still call the *compiled* helpers, which compiles them.
    """
    key = (module_name, tuple(sorted((k, id(v)) for k, v in (overrides or {}).items())))
    with _LOCK:
        g = _TWINS.get(key)
        if g is None:
            mod = importlib.import_module(module_name)
            g = dict(vars(mod))
            for name, obj in list(g.items()):
                f = getattr(obj, "py_func", None)
                if f is not None and getattr(f, "__module__", None) == module_name:
                    g[name] = types.FunctionType(f.__code__, g, f.__name__, f.__defaults__, f.__closure__)
            g.update(overrides or {})
            _TWINS[key] = g
        return g


class Family:
    """The tier decision for the kernels of ``module_name``.

    Parameters
    ----------
    module_name : str
        Module defining the kernels.
    budget : float
        Seconds of interpretation in this process after which the family compiles.
    """

    def __init__(self, module_name: str, budget: float = 1.0) -> None:
        self.module_name = module_name
        self.budget = budget
        self.compiled = False
        self.spent = 0.0

    def interpret(self, small: bool) -> bool:
        """Whether this call should run the Python twin (``small``: the caller's estimate
        that the twin finishes the input in well under ``budget``)."""
        mode = os.environ.get("COOPTHEORY_JIT", "auto").lower()
        if mode == "never":
            return True
        if self.compiled or mode == "always":
            return False
        if small and self.spent < self.budget:
            return True
        self.compiled = True
        return False

    def kernel(self, name: str, interpret: bool) -> Callable:
        """The compiled kernel ``name`` or its twin."""
        if interpret:
            return python_twins(self.module_name)[name]
        return getattr(importlib.import_module(self.module_name), name)

    def charge(self, t0: float, share: float = 1.0) -> None:
        """Add the interpretation time since ``t0`` (``time.perf_counter()``) to the budget,
        or ``share`` of it (the part of a run that counts, when the run did more)."""
        self.spent += share * (time.perf_counter() - t0)

    def call(self, name: str, small: bool, *args: Any) -> Any:
        """Run the kernel ``name`` on ``args``: its twin (timed against the budget, NumPy
        warnings off as in compiled code) when :meth:`interpret` says so, else compiled.  For
        kernels without a work cap; capped ones redo a capped twin run compiled themselves."""
        if self.interpret(small):
            t0 = time.perf_counter()
            with np.errstate(all="ignore"):
                out = self.kernel(name, True)(*args)
            self.charge(t0)
            return out
        return self.kernel(name, False)(*args)
