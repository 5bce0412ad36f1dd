"""The docstring examples of the spi modules run and give the printed results."""

import doctest
import importlib

import pytest

MODULES = ["isomorphism", "reduction", "core", "search", "surrogate", "coordination", "correspondence",
           "hardness", "examples", "programs.simulation"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    mod = importlib.import_module(f"spi.{name}")
    failures, _ = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def test_import_spi_does_not_import_programs_or_scipy():
    import subprocess
    import sys

    code = ("import sys, spi; spi.is_spi; "
            "print('spi.programs' in sys.modules, 'numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
