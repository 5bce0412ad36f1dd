"""Pictures of decision problems (matplotlib is optional and imported inside each function).

* :func:`plot_causal_graph`: the problem's DAG; chance nodes as circles, decisions as squares,
  predictors as diamonds, the utility as a hexagon; the policy-reading edge of each predictor
  is dashed (it is not a causal edge: the predictor reads the agent's decision *function*).
* :func:`plot_sweep`: each theory's expected utilities (or realized payoffs) against a
  parameter, with the verdict printed along the curve.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from solvers.errors import InvalidInputError, UnsupportedError, bad_param

from .model import DecisionProblem, is_symbolic, num

__all__ = ["plot_causal_graph", "plot_sweep"]

_SHAPES = {"chance": "o", "decision": "s", "predictor": "D", "utility": "h"}
_COLORS = {"chance": "#9ecae1", "decision": "#fdae6b", "predictor": "#c7e9c0", "utility": "#fcbba1"}


def _plt():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover
        raise ImportError("decision.plotting needs matplotlib (pip install matplotlib)") from exc
    return plt


def plot_causal_graph(problem: DecisionProblem, ax: Any = None):
    """Draw the causal graph of a problem; returns the matplotlib axes."""
    import networkx as nx

    if not isinstance(problem, DecisionProblem):
        raise InvalidInputError(bad_param("plot_causal_graph", "problem", "a DecisionProblem", problem))
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    g = problem.graph
    layers = {}
    for n in nx.topological_sort(problem.causal_graph):
        preds = list(problem.causal_graph.predecessors(n))
        layers[n] = 0 if not preds else 1 + max(layers[p] for p in preds)
    for n in g.nodes:
        g.nodes[n]["layer"] = layers.get(n, 0)
    pos = nx.multipartite_layout(g, subset_key="layer", align="horizontal")
    pos = {n: (x, -y) for n, (x, y) in pos.items()}
    for kind, shape in _SHAPES.items():
        nodes = [n for n, d in g.nodes(data=True) if d.get("kind") == kind]
        nx.draw_networkx_nodes(g, pos, nodelist=nodes, node_shape=shape, node_color=_COLORS[kind],
                               node_size=1400, ax=ax)
    causal = [(u, v) for u, v, d in g.edges(data=True) if not d.get("policy")]
    policy = [(u, v) for u, v, d in g.edges(data=True) if d.get("policy")]
    nx.draw_networkx_edges(g, pos, edgelist=causal, ax=ax, arrows=True, node_size=1400)
    nx.draw_networkx_edges(g, pos, edgelist=policy, ax=ax, arrows=True, style="dashed", edge_color="gray",
                           node_size=1400)
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=8)
    ax.set_title(problem.title)
    ax.set_axis_off()
    return ax


def _x_value(v: Any) -> float:
    """The plotted abscissa of a swept value (exact numbers, sympy algebraic numbers, floats,
    decimal strings); a clear error naming ``values`` otherwise (was ``ValueError: Invalid
    literal for Fraction`` for ``sqrt(2)/2`` or ``None``)."""
    x = num(v, "plot_sweep", "values")
    if is_symbolic(x):
        raise InvalidInputError(bad_param("plot_sweep", "values", "numbers (substitute the symbols first)", v))
    return float(x)


def plot_sweep(factory: Callable[..., DecisionProblem], parameter: str, values: Sequence[Any], *,
               theories: Sequence[str] = ("cdt", "edt", "udt"), quantity: str = "realized", ax: Any = None,
               **fixed: Any):
    """Plot each theory's realized payoff (or chosen option's expected utility) against a parameter.

    Parameters
    ----------
    factory : callable
        A problem factory, e.g. :func:`decision.problems.newcomb`.
    parameter : str
        The keyword of ``factory`` to sweep.
    values : sequence of numbers
    theories : sequence of {"cdt", "edt", "udt"}
    quantity : {"realized", "expected"}
    fixed : keyword arguments passed to the factory.

    Returns the axes; each point is annotated with the theory's verdict where it changes.
    """
    from .theories import cdt, edt, udt

    fns = {"cdt": cdt, "edt": edt, "udt": udt, "fdt": udt}
    if isinstance(theories, str):  # a single theory name ("cdt"), not its letters
        theories = (theories,)
    theories = tuple(t.lower() if isinstance(t, str) else t for t in theories)
    for t in theories:
        if t not in fns:
            raise InvalidInputError(bad_param("plot_sweep", "theories", '"cdt", "edt" or "udt"', t))
    if quantity not in ("realized", "expected"):
        raise InvalidInputError(bad_param("plot_sweep", "quantity", '"realized" or "expected"', quantity))
    import inspect

    try:
        sig = inspect.signature(factory).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        sig = None
    if sig is not None and not any(p.kind is p.VAR_KEYWORD for p in sig.values()):
        if parameter not in sig:
            raise InvalidInputError(bad_param("plot_sweep", "parameter", f"a keyword of {factory.__name__}() "
                                              f"{sorted(sig)}", parameter))
        unknown = sorted(set(fixed) - set(sig))
        if unknown:
            raise InvalidInputError(bad_param("plot_sweep", "fixed", f"keywords of {factory.__name__}()", unknown))
    if parameter in fixed:
        raise InvalidInputError(bad_param("plot_sweep", "fixed", f"keywords other than the swept {parameter!r}",
                                          parameter))
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    xs = [_x_value(v) for v in values]
    for t in theories:
        ys, last = [], None
        for x, v in zip(xs, values):
            prob = factory(**{parameter: v}, **fixed)
            rec = fns[t](prob)
            if quantity == "realized":
                y = rec.realized
            elif t in ("udt", "fdt"):  # the chosen policy's value
                y = rec.realized
            else:
                points = (prob.choice_points() if isinstance(prob, DecisionProblem) else list(prob.infosets))
                if len(points) != 1:
                    raise UnsupportedError("plot_sweep(): quantity='expected' needs a single choice point for "
                                           f"{t.upper()} (the problem has {len(points)}); use quantity='realized'")
                y = max(u for u in rec.expected_utilities.values() if u is not None)
            ys.append(float(y))
            verdict = str(rec.act)
            if verdict != last:
                ax.annotate(verdict, (x, float(y)), fontsize=7, rotation=20)
                last = verdict
        ax.plot(xs, ys, marker=".", label=t.upper())
    ax.set_xlabel(parameter)
    ax.set_ylabel("realized payoff" if quantity == "realized" else "expected utility of the chosen option")
    ax.legend()
    return ax
