# %% [markdown]
# # Where CDT, EDT and UDT/FDT come apart in Newcomb's problem
#
# A theory notebook in script form (run it with `python examples/newcomb_where_theories_part.py`,
# or open it as a notebook with jupytext). It builds the problem in one line, prints the verdict
# table, finds the exact accuracy where EDT's verdict flips, and plots realized payoffs against
# the predictor's accuracy.

# %%
from fractions import Fraction
import os

import sympy

import decision
from decision import problems

print(decision.compare(problems.newcomb(accuracy=Fraction(99, 100))))

# %% [markdown]
# Expected utilities as functions of a symbolic accuracy `p`, and the exact threshold.

# %%
p = sympy.Symbol("p")
symbolic = problems.newcomb(accuracy=p)
print(decision.edt(symbolic).expected_utilities)
threshold = decision.thresholds(symbolic, "edt", "p")
print("EDT one-boxes iff p >", threshold.thresholds[0])
assert threshold.thresholds == (Fraction(1001, 2000),)

# %% [markdown]
# Realized payoffs (predictors react to the actual policy) against the accuracy.

# %%
import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
from decision.plotting import plot_sweep

ax = plot_sweep(problems.newcomb, "accuracy", [Fraction(k, 20) for k in range(10, 21)])
ax.figure.savefig(os.environ.get("EXAMPLE_OUTPUT", "newcomb_sweep.png"), dpi=80)
