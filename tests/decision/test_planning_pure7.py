"""planning_optimum without absent-mindedness: a pure policy is optimal, found exactly.

With no information set visited twice on a path the ex-ante value is multilinear in the
information sets' distributions (each history's probability is linear in each of them), so its
maximum over the product of simplices is attained at a vertex, a pure policy (Kuhn 1953's
behaviour-strategy argument; Piccione & Rubinstein 1997 show it fails with absent-mindedness,
where the driver's optimum 2/3 is mixed).
"""

import itertools
import random
from fractions import Fraction as F

from decision.imperfect_recall import ImperfectRecallProblem, planning_optimum
from decision.problems import absent_minded_driver


def _two_sets(u):
    # X at I1: L -> chance C (1/3: Y1, 2/3: Y2), R -> 1; Y1, Y2 in I2 (a / b)
    t = ImperfectRecallProblem(title="two")
    t.decision("X", "I1", {"L": "C", "R": "t1"})
    t.terminal("t1", u[0])
    t.chance("C", {"Y1": F(1, 3), "Y2": F(2, 3)})
    t.decision("Y1", "I2", {"a": "t2", "b": "t3"})
    t.decision("Y2", "I2", {"a": "t4", "b": "t5"})
    for name, v in zip(("t2", "t3", "t4", "t5"), u[1:]):
        t.terminal(name, v)
    t.root = "X"
    return t


def test_two_information_sets_exact_pure_optimum():
    # L then a: 1/3 * 6 = 2; L then b: 2/3 * 3 = 2; R: 1 -> two optimal pure policies, value 2
    # (before: a float mixed policy with exact=False, as two information sets randomize)
    r = planning_optimum(_two_sets([1, 6, 0, 0, 3]))
    assert r.exact and r.value == 2 and r.method == "pure_policy_enumeration"
    pols = [(p["I1"]["L"], p["I2"]["a"]) for p, v in r.policies]
    assert sorted(pols) == [(1, 0), (1, 1)] and all(v == 2 for _, v in r.policies)
    # unique optimum: L then a, 1/3 * 9 = 3
    r = planning_optimum(_two_sets([1, 9, 0, 0, 3]))
    assert r.exact and r.value == 3 and r.policy == {"I1": {"L": 1, "R": 0}, "I2": {"a": 1, "b": 0}}
    assert len(r.policies) == 1
    # a constant value function (every policy optimal, value 1): exact, not a float mixed policy
    r = planning_optimum(_two_sets([1, 3, 0, 0, F(3, 2)]))
    assert r.exact and r.value == 1 and isinstance(r.value, (int, F))
    # exact=False still gives the float multistart answer
    r = planning_optimum(_two_sets([1, 9, 0, 0, 3]), exact=False)
    assert not r.exact and abs(r.value - 3) < 1e-9


def test_absent_minded_driver_still_mixed():
    r = planning_optimum(absent_minded_driver())
    assert r.exact and r.policy["I"]["continue"] == F(2, 3) and r.method == "kkt_support_enumeration"


def _random_tree(rng):
    # depth-2 tree: a root information set, then per root action a chance node or a decision node
    # in one of two shared information sets (never on the same path twice)
    t = ImperfectRecallProblem(title="rand")
    k = rng.choice([2, 3])
    t.decision("r", "R", {f"a{i}": f"n{i}" for i in range(k)})
    for i in range(k):
        if rng.random() < 0.5:
            p = F(rng.randint(1, 9), 10)
            t.chance(f"n{i}", {f"m{i}0": p, f"m{i}1": 1 - p})
            for j in range(2):
                t.decision(f"m{i}{j}", rng.choice(["S", "T"]), {"x": f"z{i}{j}x", "y": f"z{i}{j}y"})
                t.terminal(f"z{i}{j}x", rng.randint(-5, 9))
                t.terminal(f"z{i}{j}y", rng.randint(-5, 9))
        else:
            t.decision(f"n{i}", rng.choice(["S", "T"]), {"x": f"w{i}x", "y": f"w{i}y"})
            t.terminal(f"w{i}x", rng.randint(-5, 9))
            t.terminal(f"w{i}y", rng.randint(-5, 9))
    t.root = "r"
    return t


def test_random_trees_pure_optimum_is_the_optimum():
    rng = random.Random(7)
    for _ in range(15):
        t = _random_tree(rng)
        r = planning_optimum(t)
        assert r.exact and r.method == "pure_policy_enumeration"
        # brute force over pure policies, independently
        sets = list(t.actions)
        best = max(t.value({I: {a: F(int(a == c)) for a in t.actions[I]} for I, c in zip(sets, combo)})
                   for combo in itertools.product(*(t.actions[I] for I in sets)))
        assert r.value == best == t.value(r.policy)
        # and no mixed policy does better (float multistart)
        f = planning_optimum(t, exact=False, starts=8)
        assert f.value <= float(best) + 1e-9
