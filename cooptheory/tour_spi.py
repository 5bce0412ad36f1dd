"""Tour section: safe Pareto improvements on the Demand Game, found and verified live."""

from __future__ import annotations


def section() -> str:
    from spi import find_spis, is_spi, surrogate_goal
    from spi.examples import demand_game, threat_game
    from spi.picture import side_by_side

    g = demand_game()
    found = find_spis(g, strict=True)
    spi = found[0]
    verdict = is_spi(g, spi.substitute, strict=True)
    lines = [
        "Oesterheld & Conitzer's Demand Game: militarizing (M) strictly dominates sending the leader (L).",
        f"find_spis: {found.count} non-trivial strict SPI ({found.nodes} search nodes, status {found.status}):",
        "  " + "; ".join(f"player {i}: " + ", ".join(f"{a}->{b}" for a, b in m.items())
                         for i, m in enumerate(spi.mapping)),
        side_by_side(g, spi.substitute, titles=("original (true utilities)", "SPI (representatives' utilities)")),
        f"is_spi: {verdict.is_spi}, strict {verdict.strict}, via {verdict.kind}; derivation:",
    ]
    lines += [f"  {k + 1}. {t}" for k, t in enumerate(verdict.derivation)]
    lines.append(f"{'default outcome':<16} {'payoffs':<10} {'-> SPI outcome':<16} payoffs")
    for a, b, ua, ub in verdict.outcome_map:
        lines.append(f"{'(' + ', '.join(a) + ')':<16} {str(tuple(int(x) for x in ua)):<10} "
                     f"{'-> (' + ', '.join(b) + ')':<16} {tuple(int(x) for x in ub)}")
    sg = surrogate_goal(threat_game())
    lines.append(f"surrogate goal in a threat game: unilateral SPI of the target {sg.is_spi} "
                 f"(strict {sg.strict}; executed threat {sg.verdict.strict_outcomes[0]} now hits the surrogate)")
    return "\n".join(lines)
