"""Independent cross-checks of ``decision`` (hand derivations of the canonical problems),
``spi`` (brute-force isomorphisms and SPI verdicts from Oesterheld & Conitzer's Assumptions 1-2)
and ``spi.programs`` (the standard modal pairings)."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest

import decision
import spi
import spi.programs as sp
from decision import cdt, edt, udt
from decision import problems as P
from solvers.games import NormalFormGame


@pytest.mark.parametrize("p", [F(1, 2), F(6, 10), F(99, 100), F(1), F(501, 1000)])
@pytest.mark.parametrize("big,small", [(1000000, 1000), (100, 1), (10, 9)])
def test_newcomb_by_hand(p, big, small):
    pr = P.newcomb(accuracy=p, big=big, small=small)
    one, two = p * big, (1 - p) * big + small  # EDT / UDT: predictor tracks the act/policy
    e, u, c = edt(pr), udt(pr), cdt(pr)
    assert e.expected_utilities == {"one-box": one, "two-box": two}
    if one != two:
        assert e.act == u.act == ("one-box" if one > two else "two-box")
    assert u.realized == max(one, two)
    # CDT, self-consistent credence (it believes it two-boxes): box full with prob 1 - p.
    assert c.act == "two-box"
    assert c.expected_utilities == {"one-box": (1 - p) * big, "two-box": (1 - p) * big + small}
    assert c.realized == (1 - p) * big + small


def test_canonical_verdicts_by_hand():
    sl = P.smoking_lesion()  # P(cancer | smoke) = .941, P(cancer | abstain) = .059
    assert cdt(sl).act == "smoke" and udt(sl).act == "smoke" and edt(sl).act == "abstain"
    assert edt(sl).expected_utilities == {"smoke": 1000 - F(941, 1000) * 10 ** 6, "abstain": -F(59, 1000) * 10 ** 6}
    xb = P.xor_blackmail()  # letter: EDT pays, CDT and UDT refuse; policies -10990 (pay) vs -10000
    assert cdt(xb).policy["letter=letter"] == "refuse" and udt(xb).policy["letter=letter"] == "refuse"
    assert edt(xb).policy["letter=letter"] == "pay"
    assert udt(xb).realized == -10000
    tn = P.transparent_newcomb()  # .99 * 1e6 + .01 * 1000 vs .01 * 1001000 + .99 * 1000
    assert udt(tn).policy["box=full"] == "one-box" and udt(tn).realized == 990010
    assert edt(tn).policy["box=full"] == cdt(tn).policy["box=full"] == "two-box" and cdt(tn).realized == 11000
    ph = P.parfits_hitchhiker()  # .99 * (-1000) + .01 * (-1e6) vs .99 * (-1e6)
    assert udt(ph).policy["place=town"] == "pay" and udt(ph).realized == -10990
    assert cdt(ph).policy["place=town"] == edt(ph).policy["place=town"] == "refuse"
    cm = P.counterfactual_mugging()
    assert udt(cm).policy["coin=tails"] == "pay" and udt(cm).realized == F(1, 2) * 10000 - F(1, 2) * 100
    assert cdt(cm).policy["coin=tails"] == edt(cm).policy["coin=tails"] == "refuse"
    dd = P.death_in_damascus()
    assert decision.ratifiable(dd) == []
    assert cdt(dd).act == {"Damascus": F(1, 2), "Aleppo": F(1, 2)}


@pytest.mark.parametrize("a,b,c", [(0, 4, 1), (0, 4, 0), (1, 5, 2), (0, 1, 4), (3, 0, 1)])
def test_absent_minded_driver_planning_optimum(a, b, c):
    # V(p) = (1-p) a + p (1-p) b + p^2 c; interior optimum p = (b - a) / (2 (b - c)).
    amd = P.absent_minded_driver(exit_first=a, exit_second=b, continue_both=c)
    V = lambda p: (1 - p) * a + p * (1 - p) * b + p * p * c  # noqa: E731
    cands = [F(0), F(1)] + ([F(b - a, 2 * (b - c))] if b != c and 0 <= F(b - a, 2 * (b - c)) <= 1 else [])
    po = decision.planning_optimum(amd)
    assert po.value == max(V(p) for p in cands) == V(po.policy["I"]["continue"])
    for theory, belief in [("CDT", "GT"), ("EDT", "GDH")]:
        assert decision.satisfies(amd, po.policy, theory, belief)


def _affine(x, y):
    if len(set(x)) == 1:
        return len(set(y)) == 1
    i = next(k for k in range(len(x)) if x[k] != x[0])
    s = (y[i] - y[0]) / (x[i] - x[0])
    return s > 0 and all(y[k] == s * (x[k] - x[0]) + y[0] for k in range(len(x)))


def _reduce(U, acts):
    acts = [list(acts[0]), list(acts[1])]
    while True:
        dom = None
        for i in range(2):
            for a in acts[i]:
                pay = (lambda k, t: U[0][k, t]) if i == 0 else (lambda k, t: U[1][t, k])
                if any(all(pay(b, t) > pay(a, t) for t in acts[1 - i]) for b in acts[i] if b != a):
                    dom = (i, a)
        if dom is None:
            return acts
        acts[dom[0]].remove(dom[1])


def _brute_spi(U, S, sub):
    """Weak/strict SPI derivable from elimination + isomorphism, or the trivial full correspondence."""
    rg, rs = _reduce(U, [range(U[0].shape[0]), range(U[0].shape[1])]), _reduce(S, sub)
    go = [(a, b) for a in rg[0] for b in rg[1]]
    so = [(a, b) for a in rs[0] for b in rs[1]]
    weak = strict = False
    if all(U[i][s] >= U[i][o] for i in range(2) for s in so for o in go):
        weak, strict = True, any(U[i][s] > U[i][o] for i in range(2) for s in so for o in go)
    if (len(rg[0]), len(rg[1])) != (len(rs[0]), len(rs[1])):
        return weak, strict
    for p0 in itertools.permutations(rs[0]):
        for p1 in itertools.permutations(rs[1]):
            phi = {(a, b): (p0[x], p1[y]) for x, a in enumerate(rg[0]) for y, b in enumerate(rg[1])}
            if all(_affine([U[i][o] for o in go], [S[i][phi[o]] for o in go]) for i in range(2)) and \
                    all(U[i][phi[o]] >= U[i][o] for i in range(2) for o in go):
                weak = True
                strict = strict or any(U[i][phi[o]] > U[i][o] for i in range(2) for o in go)
    return weak, strict


def _obj(x):
    return np.array([[F(int(v)) for v in r] for r in x], dtype=object)


def test_isomorphisms_and_is_spi_by_brute_force():
    rng = np.random.default_rng(13)
    for it in range(150):
        m, n = (int(v) for v in rng.integers(1, 4, 2))
        U = [_obj(rng.integers(0, 4, (m, n))) for _ in range(2)]
        L = [[f"r{k}" for k in range(m)], [f"c{k}" for k in range(n)]]
        G = NormalFormGame.from_arrays(U[0], U[1], labels=L)
        # isomorphisms: all per-player permutations with positive affine maps
        p0, p1 = rng.permutation(m), rng.permutation(n)
        V = [np.empty((m, n), dtype=object) for _ in range(2)]
        for i in range(2):
            s, t = F(int(rng.integers(1, 4)), int(rng.integers(1, 3))), F(int(rng.integers(-3, 4)))
            for x, y in itertools.product(range(m), range(n)):
                V[i][p0[x], p1[y]] = s * U[i][x, y] + t
        if it % 2:
            V = [_obj(rng.integers(0, 4, (m, n))) for _ in range(2)]
        brute = {(s0, s1) for s0 in itertools.permutations(range(m)) for s1 in itertools.permutations(range(n))
                 if all(_affine([U[i][x, y] for x in range(m) for y in range(n)],
                                [V[i][s0[x], s1[y]] for x in range(m) for y in range(n)]) for i in range(2))}
        r = spi.isomorphisms(G, NormalFormGame.from_arrays(V[0], V[1]))
        assert {tuple(tuple(int(a) for a in iso.actions[j]) for j in range(2)) for iso in r.isomorphisms} == brute
        # is_spi on a random subset game
        k0 = sorted(int(a) for a in rng.choice(m, int(rng.integers(1, m + 1)), replace=False))
        k1 = sorted(int(a) for a in rng.choice(n, int(rng.integers(1, n + 1)), replace=False))
        if it % 3 == 0:
            S = [_obj(rng.integers(0, 4, (m, n))) for _ in range(2)]
        else:
            S = [U[i][np.ix_(rng.permutation(m), rng.permutation(n))] for i in range(2)]
        sub = spi.subset_game(G, [[L[0][k] for k in k0], [L[1][k] for k in k1]], [S[i][np.ix_(k0, k1)] for i in range(2)])
        weak, strict = _brute_spi(U, S, [k0, k1])
        assert spi.is_spi(G, sub).is_spi == weak, ([u.tolist() for u in U], k0, k1)
        assert spi.is_spi(G, sub, strict=True).is_spi == strict, ([u.tolist() for u in U], k0, k1)


@pytest.mark.parametrize("a,b,actions,provable", [
    ("FairBot", "FairBot", ("C", "C"), (True, True)),
    ("FairBot", "DefectBot", ("D", "D"), (False, True)),  # FairBot's defection is not provable in PA
    ("PrudentBot", "CooperateBot", ("D", "C"), (False, True)),
    ("PrudentBot", "PrudentBot", ("C", "C"), (True, True)),
    ("PrudentBot", "FairBot", ("C", "C"), (True, True)),
    ("PrudentBot", "DefectBot", ("D", "D"), None),
    ("FairBot", "CooperateBot", ("C", "C"), (True, True)),
])
def test_modal_pairings(a, b, actions, provable):
    # Barasz et al. (2014), LaVictoire et al. (2014).
    o = sp.play(a, b)
    assert tuple(o.actions) == actions
    if provable is not None:
        assert tuple(o.provable) == provable
    assert tuple(sp.play(b, a).actions) == actions[::-1]
