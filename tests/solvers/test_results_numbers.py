"""The result convention, the error messages and exact number conversion."""

import json
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from solvers import Result, result
from solvers.errors import CoopTheoryError, InvalidInputError, UnsupportedError, bad_param
from solvers.numbers import DEFAULT_TOL, as_exact_array, as_float_array, rationalize, to_fraction, to_float


@result
class Demo(Result):
    value: F = F(0)
    items: tuple = ()


def test_result_is_frozen_with_fixed_order_repr():
    r = Demo(value=F(1, 3), items=(1, 2), method="demo", exact=True, params={"k": 1})
    with pytest.raises(Exception):
        r.value = 2  # type: ignore[misc]
    text = repr(r)
    assert text.index("value=1/3") < text.index("items=") < text.index("method=") < text.index("status=")
    assert "<table>" in r._repr_html_()
    d = r.to_dict()
    assert list(d) == ["type", "value", "items", "method", "exact", "status", "message", "params"]
    assert json.loads(json.dumps(r.to_dict(jsonable=True)))["value"] == "1/3"
    assert r.ok


def test_result_rejects_unknown_status():
    with pytest.raises(ValueError, match="status"):
        Demo(status="weird")


def test_error_hierarchy_and_message_form():
    assert issubclass(InvalidInputError, ValueError) and issubclass(InvalidInputError, CoopTheoryError)
    assert issubclass(UnsupportedError, NotImplementedError)
    assert bad_param("f", "x", "positive", -1) == "f(): x must be positive; got -1"


@pytest.mark.parametrize(
    "x, expected",
    [(3, F(3)), ("3/4", F(3, 4)), (" -2 ", F(-2)), ("0.1", F(1, 10)), (0.1, F(1, 10)), (1e-3, F(1, 1000)),
     (np.int64(5), F(5)), (np.float64(0.25), F(1, 4)), (sympy.Rational(2, 7), F(2, 7)), (F(5, 3), F(5, 3))],
)
def test_to_fraction(x, expected):
    assert to_fraction(x) == expected


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "abc", "1/0", None, [1]])
def test_to_fraction_rejects(bad):
    with pytest.raises(InvalidInputError):
        to_fraction(bad)


def test_arrays_and_float():
    a = as_exact_array([[1, "1/2"], [0.5, F(1, 3)]])
    assert a.dtype == object and a[1, 0] == F(1, 2)
    f = as_float_array([[1, "1/2"]])
    assert f.dtype == np.float64 and f[0, 1] == 0.5
    with pytest.raises(InvalidInputError, match="finite"):
        as_float_array([1.0, np.nan])
    assert to_float("3/4") == 0.75
    assert rationalize(0.3333333333333) == F(1, 3)
    assert DEFAULT_TOL == 1e-9
