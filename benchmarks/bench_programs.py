"""Benchmarks of spi.programs: modal-agent tournaments and exact grounded-simulator matches.

Run: ``python -m benchmarks.bench_programs``

There is no Python anchor for modal agents (the public checkers are Haskell and Lean), so the
baseline is a naive per-pair evaluator (direct recursion on formulas over the Kripke chain, no
shared subgames); for epsilon-grounded FairBot the baseline is Monte Carlo with 1000 runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def _fifty_agents(seed: int = 7, n: int = 50):
    from spi.programs import random_modal_agents

    return random_modal_agents(n, seed=seed)


def _naive_play(a, b, worlds):
    from spi.programs.formulas import And, Bot, Box, Iff, Implies, Not, Or, Top

    memo = {}

    def ev(f, me, opp, n):
        if isinstance(f, Top):
            return True
        if isinstance(f, Bot):
            return False
        if isinstance(f, Not):
            return not ev(f.arg, me, opp, n)
        if isinstance(f, And):
            return ev(f.left, me, opp, n) and ev(f.right, me, opp, n)
        if isinstance(f, Or):
            return ev(f.left, me, opp, n) or ev(f.right, me, opp, n)
        if isinstance(f, Implies):
            return (not ev(f.left, me, opp, n)) or ev(f.right, me, opp, n)
        if isinstance(f, Iff):
            return ev(f.left, me, opp, n) == ev(f.right, me, opp, n)
        if isinstance(f, Box):
            return all(ev(f.arg, me, opp, m) for m in range(f.level, n))
        x = me if f.actor == "me" else opp if f.actor == "opp" else me.resolve(f.actor)
        y = me if f.target == "me" else opp if f.target == "opp" else me.resolve(f.target)
        key = (id(x), id(y), n)
        if key not in memo:
            memo[key] = ev(x.formula, x, y, n)
        return memo[key]

    return ev(a.formula, a, b, worlds), ev(b.formula, b, a, worlds)


def _median(f, repeat=5):
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main() -> None:
    from spi.programs import (
        epsilon_grounded_fairbot, exact_match, monte_carlo_match, play, prisoners_dilemma, random_bot,
        tournament,
    )

    cold = subprocess.run(
        [sys.executable, "-c", "import time; t=time.perf_counter(); import spi.programs as p; t1=time.perf_counter();"
         "p.play('PrudentBot','FairBot'); t2=time.perf_counter(); print(t1-t, t2-t1)"],
        capture_output=True, text=True, check=True)
    imp, first = map(float, cold.stdout.split())
    print(f"cold: import spi.programs {imp * 1e3:.1f} ms; first play() {first * 1e3:.1f} ms")
    print()
    print(f"{'task':<46} {'ours (s)':>10} {'baseline (s)':>13} {'ratio':>8}")
    for n in (14, 30, 50):
        ags = _fifty_agents(n=n)
        res = tournament(ags)
        ours = _median(lambda: tournament(ags))
        worlds = res.stable_from + 1
        pairs = [(ags[i], ags[j]) for i in range(n) for j in range(i, n)]
        base = _median(lambda: [_naive_play(a, b, worlds) for a, b in pairs], repeat=1)
        print(f"{f'tournament, {n} agents ({len(pairs)} pairings)':<46} {ours:>10.4f} {base:>13.4f} "
              f"{ours / base:>8.3f}")
    from spi.programs.modal import evaluate_pairs

    ags = _fifty_agents()
    pairs = [(ags[i], ags[j]) for i in range(50) for j in range(i, 50)]
    ours = _median(lambda: evaluate_pairs(pairs))
    print(f"{'modal evaluation only, 50 agents (joint system)':<46} {ours:>10.4f} {'-':>13} {'-':>8}")
    t_play = _median(lambda: [play(ags[i], ags[(7 * i) % 50]) for i in range(50)]) / 50
    print(f"{'play(), one random pairing (mean of 50)':<46} {t_play:>10.5f} {'-':>13} {'-':>8}")
    pd = prisoners_dilemma()
    fb, rb = epsilon_grounded_fairbot("1/10"), random_bot("1/3")
    ours = _median(lambda: exact_match(fb, rb, pd), repeat=20)
    base = _median(lambda: monte_carlo_match(fb, rb, pd, n_runs=1000), repeat=3)
    print(f"{'eps-FairBot vs RandomBot: exact vs 1000 MC runs':<46} {ours:>10.5f} {base:>13.4f} "
          f"{ours / base:>8.4f}")


if __name__ == "__main__":
    main()
