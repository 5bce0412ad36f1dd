"""The architecture's rules, checked: dependency direction, numba confinement, cheap imports."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["solvers", "decision", "bargaining", "spi", "cooptheory"]
# package -> top-level packages of ours it may import
ALLOWED = {
    "solvers": {"solvers"},
    "decision": {"solvers", "decision"},
    "bargaining": {"solvers", "bargaining"},
    "spi": {"solvers", "decision", "bargaining", "spi"},
    "cooptheory": set(PACKAGES),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", PACKAGES)
def test_dependency_direction(package):
    ours = set(PACKAGES)
    for path in (ROOT / package).rglob("*.py"):
        used = _imports(path) & ours
        bad = used - ALLOWED[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)} (not allowed for {package})"


def test_numba_only_in_solvers():
    for package in PACKAGES:
        if package == "solvers":
            continue
        for path in (ROOT / package).rglob("*.py"):
            assert "numba" not in _imports(path), f"{path.relative_to(ROOT)} imports numba"


def _fresh(code: str) -> str:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=str(ROOT), timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_import_solvers_is_cheap_and_compiles_nothing():
    out = _fresh(
        "import time, sys; t = time.perf_counter(); import solvers; dt = time.perf_counter() - t;"
        "print(dt, 'numba' in sys.modules, any(m.startswith('solvers._kernels') for m in sys.modules))"
    )
    dt, numba_loaded, kernels_loaded = out.split()
    assert float(dt) < 1.0
    assert numba_loaded == "False" and kernels_loaded == "False"


@pytest.mark.parametrize("package", ["decision", "bargaining", "spi"])
def test_import_parts_do_not_compile(package):
    out = _fresh(
        f"import sys, time; t = time.perf_counter(); import {package}; dt = time.perf_counter() - t;"
        "print(dt, any(m.startswith('solvers._kernels') for m in sys.modules))"
    )
    dt, kernels_loaded = out.split()
    assert float(dt) < 3.0
    assert kernels_loaded == "False"


def test_entry_points_stay_functions_in_any_import_order():
    # a module named like the function it exports would shadow it once imported
    out = _fresh(
        "import importlib, types, solvers\n"
        "for name, mod in solvers._LAZY.items():\n"
        "    if mod: importlib.import_module('solvers.' + mod)\n"
        "bad = [n for n, m in solvers._LAZY.items() if m and isinstance(getattr(solvers, n), types.ModuleType)]\n"
        "print(bad)"
    )
    assert out == "[]"
