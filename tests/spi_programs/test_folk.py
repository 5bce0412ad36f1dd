"""Tennenholtz's folk theorem, checked by brute force on random 2x2 and 3x3 games.

Tennenholtz, "Program equilibrium", GEB 49 (2004), Thm 1: a profile's payoffs are program
equilibrium payoffs iff they are individually rational.  We build his programs, then *run*
deviating programs against them through the bounded simulator and compare.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from solvers import NormalFormGame
from solvers.errors import InvalidInputError, InvalidProfileError
from spi.programs import (
    Program, clique_bot, constant_program, folk_theorem_programs, minmax_values, prisoners_dilemma,
    run_match,
)


def _random_game(rng: np.random.Generator, m: int, n: int) -> NormalFormGame:
    A = rng.integers(-4, 5, size=(m, n))
    B = rng.integers(-4, 5, size=(m, n))
    return NormalFormGame.from_arrays(A.tolist(), B.tolist())


def _expected(game: NormalFormGame, player: int, out_a: Any, out_b: Any) -> Fraction:
    da = out_a if isinstance(out_a, dict) else {out_a: Fraction(1)}
    db = out_b if isinstance(out_b, dict) else {out_b: Fraction(1)}
    return sum(Fraction(pa) * Fraction(pb) * game.payoff((a, b))[player] for a, pa in da.items()
               for b, pb in db.items())


def _best_responder(game: NormalFormGame, player: int) -> Program:
    """A deviation that simulates the opponent against itself and best-responds exactly."""
    labels = game.labels

    def func(ctx):
        out = ctx.simulate(ctx.opponent, ctx.me)
        dist = out if isinstance(out, dict) else {out: Fraction(1)}
        best, best_val = None, None
        for a in labels[player]:
            val = sum(Fraction(p) * (game.payoff((a, b))[0] if player == 0 else game.payoff((b, a))[1])
                      for b, p in dist.items())
            if best_val is None or val > best_val:
                best, best_val = a, val
        return best

    return Program(f"BestResponder[{player}]", func)


def _deviations(game: NormalFormGame, player: int, original: Program) -> list[Program]:
    devs = [constant_program(a, name=f"const {a}") for a in game.labels[player]]
    devs.append(_best_responder(game, player))
    devs.append(clique_bot(*game.labels[player][:2]) if len(game.labels[player]) >= 2 else devs[0])
    # a near-copy: same behaviour, different source text
    devs.append(Program("near copy", original.func, source=original.source + "\n# tweaked"))
    # mixed constants on a grid
    k = len(game.labels[player])
    for w in itertools.product(range(3), repeat=k):
        if sum(w) == 0:
            continue
        devs.append(constant_program({a: Fraction(x, sum(w)) for a, x in zip(game.labels[player], w)}))
    return devs


def _pure_minmax(game: NormalFormGame, i: int) -> Fraction:
    U = game.payoffs[i] if i == 0 else game.payoffs[i].T
    return min(max(U[a, b] for a in range(U.shape[0])) for b in range(U.shape[1]))


def _check_game(game: NormalFormGame, target, punishment: str) -> None:
    res = folk_theorem_programs(game, target, punishment=punishment)
    p0, p1 = res.programs
    # the pair plays the target against each other
    r = run_match(p0, p1, game)
    assert r.status == "ok"
    assert r.payoffs == res.target_payoffs
    # brute force: run every deviation against the partner's program
    best = []
    for player, partner in ((0, p1), (1, p0)):
        vals = []
        for dev in _deviations(game, player, res.programs[player]):
            if player == 0:
                out = run_match(dev, partner, game, max_depth=5)
            else:
                out = run_match(partner, dev, game, max_depth=5)
            assert out.status == "ok"
            vals.append(out.payoffs[player])
        best.append(max(vals))
        # the simulating best responder attains exactly the deviation value
        assert max(vals) == res.deviation_payoffs[player]
    # independent minmax values
    for i in range(2):
        if punishment == "pure":
            assert res.minmax[i] == _pure_minmax(game, i)
        else:
            assert res.minmax[i] <= _pure_minmax(game, i)
            # no punishment on a grid holds the player lower than the minmax value
            U = game.payoffs[i] if i == 0 else game.payoffs[i].T
            n = U.shape[1]
            for w in itertools.product(range(5), repeat=n):
                if sum(w) == 0:
                    continue
                q = [Fraction(x, sum(w)) for x in w]
                assert max(sum(U[a, b] * q[b] for b in range(n)) for a in range(U.shape[0])) >= res.minmax[i]
        assert res.deviation_payoffs[i] == res.minmax[i]
    is_pe_brute = all(best[i] <= res.target_payoffs[i] for i in range(2))
    ir = all(res.target_payoffs[i] >= res.minmax[i] for i in range(2))
    assert res.is_program_equilibrium == is_pe_brute
    assert res.individually_rational == ir
    assert is_pe_brute == ir           # Tennenholtz's theorem


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 3)])
@pytest.mark.parametrize("punishment", ["mixed", "pure"])
def test_folk_theorem_brute_force(shape, punishment):
    rng = np.random.default_rng(2004 + 10 * shape[0] + shape[1] + (punishment == "pure"))
    for _ in range(6):
        game = _random_game(rng, *shape)
        for a in range(shape[0]):
            for b in range(shape[1]):
                _check_game(game, (a, b), punishment)
        # one mixed target
        x = rng.integers(0, 3, size=shape[0]) + np.eye(shape[0], dtype=int)[0]
        y = rng.integers(0, 3, size=shape[1]) + np.eye(shape[1], dtype=int)[0]
        tx = [Fraction(int(v), int(x.sum())) for v in x]
        ty = [Fraction(int(v), int(y.sum())) for v in y]
        _check_game(game, (tx, ty), punishment)


def test_pd_and_matching_pennies():
    pd = prisoners_dilemma()
    r = folk_theorem_programs(pd, ("C", "C"))
    assert r.is_program_equilibrium and r.minmax == (1, 1) and r.target_payoffs == (3, 3)
    assert not folk_theorem_programs(pd, ("C", "D")).is_program_equilibrium  # row gets S = 0 < 1
    mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    # mixed minmax 0: only the (1/2, 1/2) profile's payoffs (0, 0) are individually rational
    assert folk_theorem_programs(mp, ([Fraction(1, 2)] * 2, [Fraction(1, 2)] * 2)).is_program_equilibrium
    assert not folk_theorem_programs(mp, (0, 0)).is_program_equilibrium
    # with pure punishment the minmax is 1 for both: nothing is individually rational
    r = folk_theorem_programs(mp, ([Fraction(1, 2)] * 2, [Fraction(1, 2)] * 2), punishment="pure")
    assert r.minmax == (1, 1) and not r.is_program_equilibrium


def test_pure_vs_mixed_punishment_differ():
    # row's pure minmax 1 (column must pick a column; row best-responds), mixed minmax 0.
    mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    assert minmax_values(mp, punishment="mixed")[0] == (0, 0)
    assert minmax_values(mp, punishment="pure")[0] == (1, 1)


def test_errors():
    pd = prisoners_dilemma()
    with pytest.raises(InvalidInputError):
        folk_theorem_programs(pd, ("C", "C"), punishment="harsh")
    with pytest.raises(InvalidProfileError):
        folk_theorem_programs(pd, ("C",))
    with pytest.raises(InvalidInputError):
        folk_theorem_programs([[1, 2], [3, 4]], ("C", "C"))
    with pytest.raises(InvalidInputError):
        folk_theorem_programs(pd, ("X", "C"))
