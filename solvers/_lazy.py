"""Lazy package exports: a name is imported from its module on first attribute access.

Used by the ``__init__`` of ``solvers`` and ``spi`` so that importing a package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping, MutableMapping


def lazy_exports(package: str, table: Mapping[str, str | None],
                 namespace: MutableMapping[str, Any]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Module-level ``__getattr__`` and ``__dir__`` for ``package``.

    ``table`` maps each public name to the submodule defining it, or to ``None`` when the
    name is itself a submodule.  A loaded value is stored in ``namespace`` (the package's
    globals), so later lookups are ordinary attribute reads.
    """

    def __getattr__(name: str) -> Any:
        if name in table:
            modname = table[name]
            if modname is None:
                return importlib.import_module(f".{name}", package)
            value = getattr(importlib.import_module(f".{modname}", package), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(table))

    return __getattr__, __dir__
