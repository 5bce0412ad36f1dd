"""Red-team regressions for solvers/ (zero-sum, correlated, nfg, convert, batch, dynamics, qre)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from solvers import NormalFormGame, correlated_equilibrium, zero_sum_solve
from solvers.correlated import coarse_correlated_equilibrium, incentive_violation
from solvers.errors import InvalidInputError

CHICKEN = ([[6, 2], [7, 0]], [[6, 7], [2, 0]])


@pytest.mark.parametrize("scale", [1e-9, 1e-6, 1.0, 1e9, 2.0**80])
@pytest.mark.parametrize("coarse", [False, True])
def test_float_correlated_equilibrium_is_scale_invariant(scale, coarse):
    # Chicken's welfare-maximizing CE has welfare 21/2 (Aumann 1974 / Papadimitriou-Roughgarden
    # 2008 example); before the fix, payoffs near 1e-9 returned (C, C) (welfare 12, not a CE,
    # status "ok") because HiGHS's absolute tolerances swallowed the incentive constraints, and
    # payoffs near 2**80 returned status "failed".
    g = NormalFormGame.from_arrays(np.array(CHICKEN[0], float) * scale, np.array(CHICKEN[1], float) * scale)
    r = correlated_equilibrium(g, coarse=coarse)
    assert r.status == "ok"
    assert r.objective_value / scale == pytest.approx(10.5, rel=1e-9)
    assert r.max_violation <= 1e-9 * scale
    ref = correlated_equilibrium(NormalFormGame.from_arrays(*CHICKEN), coarse=coarse)
    assert ref.objective_value == Fraction(21, 2)


def test_incentive_violation_rejects_non_distributions():
    g = NormalFormGame.from_arrays(*CHICKEN)
    assert incentive_violation(g, [[Fraction(1, 2), Fraction(1, 4)], [Fraction(1, 4), 0]]) == 0
    with pytest.raises(InvalidInputError, match="distribution"):
        incentive_violation(g, [[5, 0], [0, 0]])
    with pytest.raises(InvalidInputError, match="distribution"):
        incentive_violation(g, [[2, -1], [0, 0]])
    with pytest.raises(InvalidInputError, match="distribution"):
        incentive_violation(g.as_float(), [[0.7, 0.0], [0.0, 0.0]])


def test_tol_of_wrong_type_is_an_input_error():
    g = NormalFormGame.from_arrays(*CHICKEN)
    with pytest.raises(InvalidInputError, match="tol"):
        correlated_equilibrium(g, tol="x")
    with pytest.raises(InvalidInputError, match="tol"):
        coarse_correlated_equilibrium(g, tol=[1])
    with pytest.raises(InvalidInputError, match="tol"):
        zero_sum_solve([[1, 0], [0, 1]], tol="x")


def test_zero_sum_tiny_payoffs_strategies_accurate():
    # [[3, -1], [-2, 1]] * 1e-9: value 1/7 * 1e-9, x = (3/7, 4/7), y = (2/7, 5/7) (2x2 formula
    # v = (ad - bc) / (a + d - b - c)); before the fix the float strategies were off by 1e-8.
    r = zero_sum_solve(np.array([[3e-9, -1e-9], [-2e-9, 1e-9]]))
    assert r.value == pytest.approx(1e-9 / 7, rel=1e-12)
    assert np.allclose(r.row_strategy, [3 / 7, 4 / 7], atol=1e-13, rtol=0)
    assert np.allclose(r.col_strategy, [2 / 7, 5 / 7], atol=1e-13, rtol=0)
    rx = zero_sum_solve([[3e-9, -1e-9], [-2e-9, 1e-9]], exact=True)
    assert rx.value == Fraction(1, 7_000_000_000) and rx.row_strategy == (Fraction(3, 7), Fraction(4, 7))


def test_read_nfg_accepts_repeated_names_like_gambit():
    # Gambit reads repeated strategy / player names (e.g. every label "") and tells them apart
    # with a "_k" suffix (pygambit 16.7: "" "" -> "_1" "_2"); we used to refuse such files
    from solvers.nfg import parse_nfg

    text = 'NFG 1 R "" { "" "" } { { "" "" } { "a" "b" "a" } } "" { { "" 1, 2 } { "" 3, 4 } } 1 2 0 1 2 0'
    g = parse_nfg(text)
    assert g.players == ("_1", "_2")
    assert g.labels == (("_1", "_2"), ("a_1", "b", "a_2"))
    # outcome numbers are listed first player fastest: (0,0)=1 (1,0)=2 (0,1)=0 (1,1)=1 ...
    assert g.payoffs[0].tolist() == [[1, 0, 3], [3, 1, 0]]
    assert g.payoffs[1].tolist() == [[2, 0, 4], [4, 2, 0]]
    assert parse_nfg('\ufeffNFG 1 R "" { "1" "2" } { 1 1 } 1 2').payoffs[1][0, 0] == 2  # byte-order mark


def test_from_pygambit_null_outcome_pays_zero(tmp_path):
    pygambit = pytest.importorskip("pygambit")
    from solvers.convert import from_pygambit

    p = tmp_path / "null.nfg"
    p.write_text('NFG 1 R "" { "1" "2" } { { "a" "b" } { "x" } } "" { { "o" 5, 7 } } 0 1\n')
    g = from_pygambit(pygambit.read_nfg(str(p)))
    assert g.payoffs[0][:, 0].tolist() == [0, 5] and g.payoffs[1][:, 0].tolist() == [0, 7]


@pytest.mark.parametrize("scale", [1e-9, 1.0, 1e9])
def test_logit_qre_limit_is_scale_invariant(scale):
    # the logit QRE correspondence of u and of s*u coincide up to lambda -> lambda / s (McKelvey &
    # Palfrey 1995), so the traced limit is the same equilibrium; before the fix payoffs near
    # 1e-9 returned the centroid (relative regret > 1) with status "ok".  This game's limit,
    # ((0, 1/4, 3/4), (0, 8/13, 5/13)), agrees with pygambit's logit_solve(use_strategic=True).
    from solvers.qre import logit_qre

    rng = np.random.default_rng(3)
    A = rng.integers(-5, 6, (3, 3)).astype(float)
    B = rng.integers(-5, 6, (3, 3)).astype(float)
    r = logit_qre(NormalFormGame.from_arrays(A * scale, B * scale))
    assert r.status == "ok"
    assert r.max_regret <= 1e-5 * scale
    assert np.allclose(r.profile.strategies[0], [0, 0.25, 0.75], atol=1e-4)
    assert np.allclose(r.profile.strategies[1], [0, 8 / 13, 5 / 13], atol=1e-4)


@pytest.mark.parametrize("scale", [1e-9, 1.0])
def test_dynamics_status_relative_to_payoff_scale(scale):
    # matching pennies: 2000 rounds of fictitious play leave a regret of ~2.4% of the payoffs,
    # which is not within the default tol 1e-3 at any scale (was "ok" at scale 1e-9)
    from solvers.dynamics import fictitious_play, regret_matching

    mp = NormalFormGame.from_arrays(np.array([[1.0, -1], [-1, 1]]) * scale, np.array([[-1.0, 1], [1, -1]]) * scale)
    assert fictitious_play(mp, iterations=2000).status == "not_converged"
    # regret matching on Chicken approaches the CE set at every scale (Hart & Mas-Colell 2000);
    # with payoffs near 1e-9 the old default inertia (+1) froze play
    ch = NormalFormGame.from_arrays(np.array(CHICKEN[0], float) * scale, np.array(CHICKEN[1], float) * scale)
    r = regret_matching(ch)
    assert r.status == "ok" and r.ce_violation <= 1e-2 * 7 * scale
    with pytest.raises(InvalidInputError, match="seed"):
        regret_matching(ch, seed="x")


def test_zero_sum_solve_rejects_tiny_non_constant_sum_games():
    # the Prisoner's Dilemma is not constant-sum at any scale; at 1e-12 the absolute tolerance
    # used to accept it and solve only the row player's payoffs
    from solvers.errors import InvalidGameError

    for s in (1e-12, 1.0):
        pd = NormalFormGame.from_arrays(np.array([[3.0, 0], [5, 1]]) * s, np.array([[3.0, 5], [0, 1]]) * s)
        with pytest.raises(InvalidGameError, match="constant-sum"):
            zero_sum_solve(pd)
        cs = NormalFormGame.from_arrays(np.array([[3.0, 0], [5, 1]]) * s, (0.5 - np.array([[3.0, 0], [5, 1]])) * s)
        assert zero_sum_solve(cs).value == pytest.approx(1 * s, rel=1e-12)  # saddle point (D, D)


def test_solve_batch_scale_invariant():
    # Lemke-Howson's path depends only on payoff ratios: the same equilibria at every scale,
    # with regrets relative to the payoffs (the convergence flag is now relative too)
    from solvers.batch import solve_batch

    rng = np.random.default_rng(1)
    A = rng.normal(size=(50, 5, 5))
    B = rng.normal(size=(50, 5, 5))
    ref = solve_batch((A, B))
    for s in (1e-12, 1e12):
        r = solve_batch((A * s, B * s))
        assert r.converged.all() and r.regrets.max() <= 1e-12 * s
        assert np.allclose(r.x, ref.x, atol=1e-9) and np.allclose(r.y, ref.y, atol=1e-9)


def test_logit_qre_limit_close_to_gambit_in_three_player_games():
    # with the old default tol=1e-6 the traced limit of this 3-player game stopped 3.5e-3 away
    # from the limiting logit equilibrium (pygambit 16.7 logit_solve(use_strategic=True) gives
    # player 0 (0.50063, 0.49937)); tol=1e-8 (Gambit's maxregret) brings it within 2e-4
    from solvers.qre import logit_qre

    rng = np.random.default_rng(4)
    for t in range(11):
        shape = (2, 2, 2) if t % 2 else (2, 3, 2)
        pays = [rng.integers(-5, 6, shape) for _ in range(3)]
    g = NormalFormGame.from_arrays(*[p.tolist() for p in pays])
    r = logit_qre(g)
    assert r.status == "ok"
    assert np.allclose(r.profile.strategies[0], [0.50062745, 0.49937255], atol=2e-4)


@pytest.mark.parametrize("offset", [1e9, -1e9, 1e12])
@pytest.mark.parametrize("coarse", [False, True])
def test_float_correlated_equilibrium_with_payoff_offset(offset, coarse):
    # adding a constant to every payoff changes no incentive and shifts welfare by 2*offset:
    # Chicken + 1e9 must still give welfare 21/2 + 2e9; it gave the pure NE (welfare 9)
    g = NormalFormGame.from_arrays(np.array(CHICKEN[0], float) + offset, np.array(CHICKEN[1], float) + offset)
    r = correlated_equilibrium(g, coarse=coarse)
    assert r.status == "ok"
    assert np.allclose(r.distribution, [[0.5, 0.25], [0.25, 0]], atol=1e-9)


@pytest.mark.parametrize("offset", [1e9, -1e9])
def test_qre_and_dynamics_ignore_payoff_offsets(offset):
    # regrets and logit responses depend on payoff differences only; with payoffs 1e9 + O(1)
    # logit_qre returned the centroid ("converged": regret 1.1 < 1e-8 * 1e9) and fictitious
    # play on matching pennies claimed convergence after 2000 rounds
    from solvers.dynamics import fictitious_play
    from solvers.qre import logit_qre

    rng = np.random.default_rng(3)
    A = rng.integers(-5, 6, (3, 3)).astype(float)
    B = rng.integers(-5, 6, (3, 3)).astype(float)
    r = logit_qre(NormalFormGame.from_arrays(A + offset, B + offset))
    assert r.status == "ok"
    assert np.allclose(r.profile.strategies[1], [0, 8 / 13, 5 / 13], atol=1e-4)
    mp = NormalFormGame.from_arrays(np.array([[1.0, -1], [-1, 1]]) + offset, np.array([[-1.0, 1], [1, -1]]) + offset)
    assert fictitious_play(mp, iterations=2000).status == "not_converged"
