"""Tour section: the game model and its exact regret certificates."""

from __future__ import annotations

from fractions import Fraction


def section() -> str:
    from solvers import NormalFormGame, parse_nfg, to_nfg

    pd = NormalFormGame.from_arrays(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], labels=[["C", "D"], ["C", "D"]],
        players=["Row", "Col"], title="Prisoner's dilemma",
    )
    lines = [repr(pd), ""]
    lines.append(f"{'profile':<28} {'payoffs':<14} {'max regret':<10} Nash?")
    profiles = [
        ("(C, C)", pd.pure_profile(["C", "C"])),
        ("(D, D)", pd.pure_profile(["D", "D"])),
        ("(1/2 C + 1/2 D, C)", pd.profile([Fraction(1, 2), Fraction(1, 2)], "C")),
    ]
    for name, p in profiles:
        pays = ", ".join(str(x) for x in p.payoffs())
        lines.append(f"{name:<28} {pays:<14} {str(p.max_regret()):<10} {p.is_nash()}")
    mp = NormalFormGame.zero_sum([["0.1", "-0.1"], ["-0.1", "0.1"]], title="Matching pennies (x 1/10)")
    back = parse_nfg(to_nfg(mp))
    lines.append("")
    lines.append(f"{mp.title}: exact={mp.exact}; .nfg round trip equal: {back == mp.with_labels(labels=back.labels)}")
    return "\n".join(lines)
