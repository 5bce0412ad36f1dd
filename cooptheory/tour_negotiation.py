"""Tour section: negotiation over an outcome space (frontier, solution points, agents, mediator)."""

from __future__ import annotations


def section() -> str:
    from bargaining.negotiation import Boulware, Conceder, mediate, negotiate
    from bargaining.outcomes import AdditiveUtility, OutcomeSpace, pareto_frontier, solution_points

    space = OutcomeSpace(
        issues={
            "price": [100, 120, 140, 160, 180, 200],
            "qty": [1, 2, 3, 4, 5],
            "delivery": ["1 day", "1 week", "1 month"],
        }
    )
    buyer = AdditiveUtility(
        space,
        {
            "price": [1.0, 0.8, 0.6, 0.4, 0.2, 0.0],
            "qty": [0.0, 0.3, 0.6, 0.8, 1.0],
            "delivery": [1.0, 0.6, 0.0],
        },
        {"price": 0.5, "qty": 0.2, "delivery": 0.3},
        reservation=0.3,
    )
    seller = AdditiveUtility(
        space,
        {
            "price": [0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
            "qty": [0.2, 0.4, 0.6, 0.8, 1.0],
            "delivery": [0.0, 0.5, 1.0],
        },
        {"price": 0.6, "qty": 0.3, "delivery": 0.1},
        reservation=0.3,
    )
    parties = [buyer, seller]
    pf = pareto_frontier(parties)
    lines = [
        f"{space!r}; buyer vs seller, additive utilities, reservations 0.3",
        f"Pareto frontier: {len(pf)} of {space.size} outcomes (issue-by-issue additive merge)",
        "",
    ]
    lines.append(f"{'solution point':<20} {'outcome':<44} utilities")
    pts = solution_points(parties, frontier=pf)
    for name, p in pts.items():
        o = ", ".join(f"{k}={v}" for k, v in p.outcome.items())
        lines.append(f"{name:<20} {o:<44} ({p.utilities[0]:.3f}, {p.utilities[1]:.3f})")
    lines.append("")
    lines.append(f"{'alternating offers (40 rounds)':<32} {'agreement':<44} {'round':>5}  utilities")
    for a, b in (
        (Boulware(), Conceder()),
        (Conceder(), Boulware()),
        (Boulware(), Boulware()),
        (
            Boulware(offering="frequency", name="boulware+model"),
            Boulware(offering="frequency", name="boulware+model"),
        ),
    ):
        r = negotiate(parties, [a, b], n_rounds=40, seed=0)
        o = ", ".join(f"{k}={v}" for k, v in r.outcome.items()) if r.agreed else "none"
        lines.append(
            f"{a.name + ' vs ' + b.name:<32} {o:<44} {r.round:>5}  "
            f"({r.utilities[0]:.3f}, {r.utilities[1]:.3f})"
        )
    m = mediate(parties, concept="nash")
    lines.append(
        f"mediator (Nash ranking, truthful): agreement {m.outcome} in round {m.round}; "
        f"equals the Nash point: {m.agreement == pts['nash'].index}"
    )
    return "\n".join(lines)
