"""Hypothesis strategies for random decision problems (hypothesis is imported lazily).

* :func:`decision_problems`: a hidden state, optionally observed (directly or through a noisy
  signal), a decision, optionally a predictor of the decision's policy at one observation and
  a box whose content depends on the prediction, optionally a tendency linking the act to the
  state (a back-door path), integer utilities over everything.
* :func:`imperfect_recall_problems`: random trees with up to ``max_infosets`` information
  sets reused along paths (absent-mindedness), chance nodes and integer utilities.

Examples
--------
>>> from hypothesis import given
>>> from decision.strategies import decision_problems
>>> @given(decision_problems(predictor=False, tendency=False))
... def test(problem): ...
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

__all__ = ["decision_problems", "imperfect_recall_problems", "probability_vectors"]


def _st():
    try:
        from hypothesis import strategies as st
    except ImportError as exc:  # pragma: no cover
        raise ImportError("decision.strategies needs hypothesis (pip install hypothesis)") from exc
    return st


def probability_vectors(n: int, *, positive: bool = True, max_weight: int = 6):
    """Exact probability vectors of length ``n`` (``Fraction``), from integer weights."""
    st = _st()
    lo = 1 if positive else 0
    return st.lists(st.integers(lo, max_weight), min_size=n, max_size=n).filter(lambda w: sum(w) > 0).map(
        lambda w: tuple(Fraction(x, sum(w)) for x in w))


def decision_problems(*, max_states: int = 3, max_actions: int = 3, predictor: bool | None = None,
                      tendency: bool | None = False, observe: bool | None = None, box: bool | None = None,
                      sees_randomization: bool = True, max_utility: int = 10, symbolic_accuracy: bool = False):
    """Random :class:`~decision.model.DecisionProblem` objects.

    Parameters
    ----------
    predictor, tendency, observe, box : bool or None
        Force the feature on (True), off (False) or let hypothesis choose (None).  With
        ``predictor=False`` and ``tendency=False`` the act has no back-door path to the utility.
    sees_randomization : bool
        Whether the predictor sees the realization of mixed acts.
    symbolic_accuracy : bool
        Make the predictor's accuracy the sympy symbol ``q`` (the problem then supports
        ``subs`` and :func:`decision.thresholds`); implies a predictor.
    """
    st = _st()
    from .model import Chance, Decision, DecisionProblem, Predictor

    def flag(v):
        return st.just(v) if v is not None else st.booleans()

    @st.composite
    def build(draw):
        k = draw(st.integers(2, max_states))
        m = draw(st.integers(2, max_actions))
        states = tuple(f"s{i}" for i in range(k))
        actions = tuple(f"a{i}" for i in range(m))
        prior = draw(probability_vectors(k))
        has_pred = True if symbolic_accuracy else draw(flag(predictor))
        has_tend = draw(flag(tendency))
        obs_kind = draw(st.sampled_from(["none", "state", "signal"])) if observe is None else (
            draw(st.sampled_from(["state", "signal"])) if observe else "none")
        has_box = has_pred and draw(flag(box))
        draws: dict = {}
        if obs_kind == "signal":
            draws["rows"] = {s: dict(zip(("lo", "hi"), draw(probability_vectors(2)))) for s in states}
        if has_tend:
            draws["trows"] = {s: dict(zip(actions, draw(probability_vectors(m)))) for s in states}
        obs_values = {"none": [()], "state": [(s,) for s in states], "signal": [("lo",), ("hi",)]}[obs_kind]
        if has_pred:
            draws["at"] = draw(st.sampled_from(obs_values))
            draws["acc"] = Fraction(draw(st.integers(0, 10)), 10)
            if has_box:
                draws["full"] = draw(st.sampled_from(actions))
        domains = [actions, states] + ([actions] if has_pred else []) + ([("full", "empty")] if has_box else [])
        import itertools

        table = {combo: draw(st.integers(-max_utility, max_utility)) for combo in itertools.product(*domains)}

        def make(accuracy=None):
            nodes: list[Any] = [Chance("state", states, dict(zip(states, prior)))]
            observes: tuple = ()
            if obs_kind == "state":
                observes = ("state",)
            elif obs_kind == "signal":
                rows = draws["rows"]
                nodes.append(Chance("signal", ("lo", "hi"), lambda s: rows[s], ("state",)))
                observes = ("signal",)
            tend = None
            if has_tend:
                trows = draws["trows"]
                tend = (("state",), lambda s: trows[s])
            nodes.append(Decision("act", actions, observes, tend))
            uparents = ["act", "state"]
            params = {}
            if has_pred:
                acc = draws["acc"] if accuracy is None else accuracy
                params["accuracy"] = acc
                nodes.append(Predictor("prediction", "act", accuracy=acc, at=draws["at"],
                                       sees_randomization=sees_randomization))
                uparents.append("prediction")
                if has_box:
                    full = draws["full"]
                    nodes.append(Chance("box", ("full", "empty"), lambda pr: "full" if pr == full else "empty",
                                        ("prediction",)))
                    uparents.append("box")
            return DecisionProblem(nodes, lambda *vals: table[vals], uparents, title="random problem",
                                   params=params, factory=make)

        if symbolic_accuracy:
            import sympy

            return make(sympy.Symbol("q"))
        return make()

    return build()


def imperfect_recall_problems(*, max_depth: int = 3, max_infosets: int = 2, max_utility: int = 10,
                              chance: bool = True):
    """Random :class:`~decision.imperfect_recall.ImperfectRecallProblem` trees.

    Every information set has the actions ``("L", "R")``; a path may revisit an information
    set (absent-mindedness).
    """
    st = _st()
    from .imperfect_recall import ImperfectRecallProblem

    @st.composite
    def build(draw):
        t = ImperfectRecallProblem(title="random tree")
        counter = [0]

        def new_name():
            counter[0] += 1
            return f"n{counter[0]}"

        def rec(depth):
            name = new_name()
            kinds = ["terminal"] if depth >= max_depth else ["decision", "decision", "terminal"] + (
                ["chance"] if chance else [])
            kind = draw(st.sampled_from(kinds)) if depth > 0 else "decision"
            if kind == "terminal":
                t.terminal(name, draw(st.integers(0, max_utility)))
            elif kind == "decision":
                I = f"I{draw(st.integers(0, max_infosets - 1))}"
                left, right = rec(depth + 1), rec(depth + 1)
                t.decision(name, I, {"L": left, "R": right})
            else:
                p = draw(st.sampled_from([Fraction(1, 2), Fraction(1, 3), Fraction(1, 4)]))
                left, right = rec(depth + 1), rec(depth + 1)
                t.chance(name, {left: p, right: 1 - p})
            return name

        t.root = rec(0)
        t.check()
        return t

    return build()
