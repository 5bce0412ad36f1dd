"""Tour section: program games -- modal agents in provability logic, simulation agents."""

from __future__ import annotations


def section() -> str:
    from spi.programs import (
        epsilon_grounded_fairbot, epsilon_grounded_fairbot_threshold, exact_match, folk_theorem_programs,
        grounded_equilibrium, play, prisoners_dilemma, standard_agents, tournament,
    )

    names = ["CooperateBot", "DefectBot", "FairBot", "FairBot_1", "PrudentBot", "TrollBot", "JustBot",
             "WaitFairBot", "MagicBot"]
    std = standard_agents()
    res = tournament([std[n] for n in names])
    lines = ["Modal agents (Barasz et al. 2014), decided on the Kripke chain of GL.",
             "Row agent's action vs column agent: ! = PA proves it, ? = true but unprovable in PA.", ""]
    lines.append(res.table())
    lines.append("   columns: " + ", ".join(f"{k}={n}" for k, n in enumerate(names)))
    r = play("FairBot", "DefectBot")
    lines.append("")
    lines.append(f"FairBot vs DefectBot: actions {r.actions}, PA proves FairBot defects: {r.provable_defect[0]}, "
                 f"PA+{r.proof_level[0]} does; worlds {r.worlds[0]!r}")
    lines.append(f"pure program equilibria of the meta-game (PD): {len(res.pure_equilibria)}, e.g. "
                 + ", ".join(f"({a}, {b})" for a, b in res.pure_equilibria[:4]))
    pd = prisoners_dilemma()
    fb = epsilon_grounded_fairbot("1/10")
    from spi.programs import defect_bot

    ex = exact_match(fb, defect_bot(), pd)
    lines.append("")
    plays = ", ".join(f"{a} w.p. {q}" for a, q in ex.distributions[0].items())
    lines.append(f"1/10-grounded FairBot vs DefectBot, exact: FairBot plays {plays}; "
                 f"payoffs {tuple(str(x) for x in ex.payoffs)}")
    th = epsilon_grounded_fairbot_threshold(pd)
    ge = grounded_equilibrium(fb, fb, pd)
    lines.append(f"(eps-FairBot, eps-FairBot) is a program equilibrium iff eps <= {th}; eps=1/10: {ge.is_equilibrium}")
    ft = folk_theorem_programs(pd, ("C", "C"))
    lines.append(f"Tennenholtz folk theorem, target (C, C): payoffs {tuple(str(x) for x in ft.target_payoffs)}, "
                 f"minmax {tuple(str(x) for x in ft.minmax)}, program equilibrium: {ft.is_program_equilibrium}")
    return "\n".join(lines)
