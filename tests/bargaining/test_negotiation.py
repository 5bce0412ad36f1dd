"""bargaining.negotiation: concession curves, the SAOP protocol and the mediator."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.negotiation import (
    Agent,
    Boulware,
    Conceder,
    Linear,
    RationalAcceptor,
    TimeDependentAgent,
    TitForTat,
    aspiration,
    mediate,
    negotiate,
)
from bargaining.outcomes import (
    AdditiveUtility,
    OutcomeSpace,
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    utilitarian_point,
    utility_matrix,
)
from solvers.errors import InvalidInputError


def domain(n_parties, shape=(6, 5, 4), seed=0, reservation=0.3):
    rng = np.random.default_rng(seed)
    space = OutcomeSpace({f"i{j}": k for j, k in enumerate(shape)})
    utils = [
        AdditiveUtility(
            space, [rng.random(k) for k in shape], rng.random(len(shape)), reservation=reservation
        )
        for _ in range(n_parties)
    ]
    return space, utils


# ------------------------------------------------------------------------------ concession curves
@pytest.mark.parametrize("e", [0.1, 0.2, 1.0, 3.0, 10.0])
def test_aspiration_is_faratin_formula(e):
    ts = np.linspace(0, 1, 11)
    got = aspiration(ts, e, 1.0, 0.25)
    assert np.allclose(got, 1.0 - 0.75 * ts ** (1 / e))
    assert got[0] == 1.0 and got[-1] == 0.25
    a = TimeDependentAgent(e)
    a.reset(np.linspace(0, 1, 101), 0.25, np.random.default_rng(0))
    assert np.allclose([a.target(t) for t in ts], got)


def test_boulware_concedes_later_than_conceder():
    ts = np.linspace(0.05, 0.95, 10)
    assert np.all(aspiration(ts, 0.2, 1, 0) > aspiration(ts, 1.0, 1, 0))
    assert np.all(aspiration(ts, 1.0, 1, 0) > aspiration(ts, 5.0, 1, 0))


class Stubborn(Agent):
    """Always offers the same outcome and accepts nothing."""

    def __init__(self, outcome):
        self.outcome = outcome

    def propose(self, t):
        return self.outcome

    def respond(self, offer, t):
        return False


def test_offers_follow_the_curve():
    # party 1 accepts nothing and offers party 0's worst outcome (below its reservation),
    # so party 0 makes one offer per round, each on its concession curve
    space, utils = domain(2, seed=3)
    U = utility_matrix(utils)
    R = 40
    r0 = float(U[:, 0].min()) + 0.05
    res = negotiate(
        U, [Boulware(0.5), Stubborn(int(np.argmin(U[:, 0])))], n_rounds=R, reservations=[r0, 0.0], trace=True
    )
    assert not res.agreed and res.round == R
    u0 = np.sort(U[:, 0])
    lo = r0
    offers = [(rnd, x) for rnd, p, act, x in res.trace if p == 0 and act == "offer"]
    assert len(offers) == R
    for rnd, x in offers:
        target = aspiration(rnd / (R - 1), 0.5, u0[-1], lo)
        expected = u0[np.searchsorted(u0, target)]  # smallest utility >= target
        assert U[x, 0] == expected


def test_tit_for_tat_reciprocates():
    a = TitForTat(kindness=0.0, initial_concession=0.0)
    u = np.linspace(0.0, 1.0, 101)
    a.reset(u, 0.0, np.random.default_rng(0))
    assert a.u[a.propose(0.0)] == 1.0
    a.observe(10, 0.1)  # opponent offers 0.1 to me
    a.observe(30, 0.2)  # then 0.3: it conceded 0.2 in my utility
    x = a.propose(0.3)
    assert np.isclose(a.u[x], 0.8)
    assert a.respond(90, 0.3) and not a.respond(50, 0.3)


# ------------------------------------------------------------------------------ protocol
agent_names = st.sampled_from(["boulware", "linear", "conceder", "tit_for_tat", "rational"])


@given(st.integers(2, 5), st.integers(1, 60), st.integers(0, 10**6), st.data())
def test_terminates_by_deadline_and_is_rational(n, R, seed, data):
    space, utils = domain(
        n, shape=(4, 3, 3), seed=seed % 97, reservation=data.draw(st.sampled_from([0.0, 0.5, 1.0]))
    )
    names = data.draw(st.lists(agent_names, min_size=n, max_size=n))
    res = negotiate(utils, names, n_rounds=R, seed=seed)
    assert res.steps <= n * R
    assert res.round <= R
    if res.agreed:
        assert res.round < R
        assert all(u >= r.reservation - 1e-12 for u, r in zip(res.utilities, utils))
        assert res.outcome == space.outcome(res.agreement)
    else:
        assert res.round <= R and res.utilities == tuple(u.reservation for u in utils)


def test_deterministic_with_seed_and_ties():
    # integer utilities: many equally valued outcomes, so tie-breaking uses the generator
    rng = np.random.default_rng(1)
    U = rng.integers(0, 5, size=(500, 3)).astype(float)
    runs = [
        negotiate(U, ["boulware", "linear", "conceder"], n_rounds=50, seed=7, trace=True) for _ in range(3)
    ]
    assert runs[0] == runs[1] == runs[2]
    traces = {
        negotiate(U, ["boulware", "linear", "conceder"], n_rounds=50, seed=s, trace=True).trace
        for s in range(6)
    }
    assert len(traces) > 1  # the seed matters when offers tie


def test_boulware_vs_conceder_favours_boulware():
    # split-the-pie: the tougher party gets more (Faratin et al. 1998, the Boulware advantage)
    space = OutcomeSpace({"share": 101})
    x = np.arange(101) / 100.0
    u0 = AdditiveUtility(space, {"share": x})
    u1 = AdditiveUtility(space, {"share": 1 - x})
    res = negotiate([u0, u1], [Boulware(), Conceder()], n_rounds=100)
    assert res.agreed and res.utilities[0] > res.utilities[1]
    res2 = negotiate([u0, u1], [Conceder(), Boulware()], n_rounds=100)
    assert res2.agreed and res2.utilities[1] > res2.utilities[0]


def test_single_round_deadline():
    space, utils = domain(2)
    res = negotiate(utils, ["rational", "rational"], n_rounds=1)
    assert res.agreed and res.round == 0 and res.steps == 2


# ------------------------------------------------------------------------------ mediator
@pytest.mark.parametrize("n", [2, 3, 5, 10])
@pytest.mark.parametrize(
    "concept,point",
    [
        ("nash", nash_point),
        ("kalai_smorodinsky", kalai_smorodinsky_point),
        ("egalitarian", egalitarian_point),
        ("utilitarian", utilitarian_point),
    ],
)
def test_mediator_returns_solution_point_when_truthful(n, concept, point):
    space, utils = domain(n, seed=n, reservation=0.3)
    res = mediate(utils, concept=concept)
    p = point(utils)
    assert p.ok
    assert res.agreed and res.round == 0 and res.rank == 0
    assert res.agreement == p.index and res.utilities == p.utilities


@given(st.integers(2, 6), st.integers(0, 1000))
def test_mediator_nash_truthful_property(n, seed):
    space, utils = domain(n, shape=(5, 4), seed=seed, reservation=0.0)
    assert mediate(utils).agreement == nash_point(utils).index


def test_mediator_with_conceding_agents_terminates_rationally():
    space, utils = domain(4, seed=2, reservation=0.8)
    res = mediate(utils, ["boulware"] * 4, n_rounds=300)
    assert res.round <= 300
    if res.agreed:
        assert all(u >= 0.8 for u in res.utilities)
        assert res.proposals[-1] == res.agreement and len(res.proposals) == res.round + 1
    truthful = mediate(utils)
    assert truthful.round == 0


def test_mediator_misreport_moves_utilitarian_point():
    space = OutcomeSpace({"share": 11})
    x = np.arange(11, dtype=float)
    u0 = AdditiveUtility(space, {"share": x})
    u1 = AdditiveUtility(space, {"share": 10 - x**2 / 10})
    honest = mediate([u0, u1], concept="utilitarian")
    lie = mediate([u0, u1], concept="utilitarian", reports=np.stack([10 * x, 10 - x**2 / 10], axis=1))
    assert honest.agreement == 5 and lie.agreement == 10  # exaggeration pays under utilitarian ranking
    # the Nash ranking is invariant to rescaling reports (scale invariance)
    assert (
        mediate([u0, u1], reports=np.stack([10 * x, 10 - x**2 / 10], axis=1)).agreement
        == mediate([u0, u1]).agreement
    )


def test_mediator_infeasible():
    U = np.array([[1.0, 0.0], [0.0, 1.0]])
    res = mediate(U, reservations=[2.0, 2.0])
    assert res.status == "infeasible" and not res.agreed


# ------------------------------------------------------------------------------ errors
def test_errors():
    space, utils = domain(2)
    with pytest.raises(InvalidInputError, match="n_rounds"):
        negotiate(utils, n_rounds=0)
    with pytest.raises(InvalidInputError, match="n_rounds"):
        mediate(utils, n_rounds=-3)
    with pytest.raises(InvalidInputError, match="agents"):
        negotiate(utils, ["boulware"])
    with pytest.raises(InvalidInputError, match="agents"):
        negotiate(utils, ["boulware", "nobody"])
    a = Linear()
    with pytest.raises(InvalidInputError, match="distinct"):
        negotiate(utils, [a, a])
    with pytest.raises(InvalidInputError, match="exponent"):
        Boulware(0.0)
    with pytest.raises(InvalidInputError, match="exponent"):
        TimeDependentAgent(float("nan"))
    with pytest.raises(InvalidInputError, match="utilities"):
        negotiate(np.array([[1.0, np.nan]]))
    with pytest.raises(InvalidInputError, match="concept"):
        mediate(utils, concept="raiffa")
    with pytest.raises(InvalidInputError, match="reports"):
        mediate(utils, reports=np.ones((3, 2)))
    with pytest.raises(InvalidInputError, match="reservations"):
        negotiate(utils, reservations=[0.0])


def test_rational_acceptor_and_walk_away():
    a = RationalAcceptor()
    a.reset(np.array([0.1, 0.9, 0.5]), 0.4, np.random.default_rng(0))
    assert a.propose(0.0) == 1 and a.respond(2, 0.0) and not a.respond(0, 0.0)
    # a party for whom nothing is rational walks away at its first turn
    U = np.array([[1.0, 0.0], [0.0, 1.0]])
    res = negotiate(U, ["rational", "rational"], reservations=[0.0, 5.0], trace=True)
    assert not res.agreed and res.trace[-1][2] == "end" and res.utilities == (0.0, 5.0)


def test_wall_clock_deadline():
    space, utils = domain(3, seed=4)
    U = utility_matrix(utils)
    # no zone of agreement, a huge round deadline: the time limit ends it
    res = negotiate(
        U,
        [Boulware(), Boulware(), Boulware()],
        n_rounds=10**9,
        time_limit=0.05,
        reservations=0.9 * U.max(axis=0),
    )
    assert not res.agreed and "time limit" in res.message and res.round < 10**9
    with pytest.raises(InvalidInputError, match="time_limit"):
        negotiate(U, n_rounds=10, time_limit=0.0)


@pytest.mark.parametrize("concept", ["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"])
def test_mediator_on_frontier_candidates(concept):
    space, utils = domain(3, seed=8, reservation=0.3)
    a = mediate(utils, concept=concept, candidates="all")
    b = mediate(utils, concept=concept, candidates="frontier")
    assert a.agreement == b.agreement and b.params["candidates"] == "frontier"
    # conceding agents on frontier candidates: proposals are Pareto optimal, agreement rational
    from bargaining.outcomes import pareto_frontier

    front = set(pareto_frontier(utils).indices.tolist())
    c = mediate(utils, ["boulware"] * 3, concept=concept, candidates="frontier", n_rounds=200)
    assert set(c.proposals) <= front
    if c.agreed:
        assert all(u >= 0.3 for u in c.utilities)


def test_mediator_on_a_space_too_large_to_enumerate():
    rng = np.random.default_rng(12)
    space = OutcomeSpace({f"i{j}": 10 for j in range(9)})  # 10^9 outcomes
    utils = [AdditiveUtility(space, [rng.random(10) for _ in range(9)], rng.random(9)) for _ in range(2)]
    res = mediate(utils)
    assert res.params["candidates"] == "frontier" and res.round == 0
    assert res.agreement == nash_point(utils).index


def test_acceptance_strategies():
    # Baarslag, Hindriks & Jonker (2014): AC_next, AC_const, AC_time, AC_combi(T, MAX)
    u = np.linspace(0.0, 1.0, 101)  # outcome k is worth k/100

    def agent(**kw):
        a = Boulware(0.05, **kw)
        a.reset(u, 0.1, np.random.default_rng(0))
        return a

    nxt = agent()
    assert nxt.respond(100, 0.0) and not nxt.respond(90, 0.0)  # at t=0 only the best will do
    const = agent(acceptance="const", accept_level=0.6)
    assert const.respond(60, 0.0) and not const.respond(59, 0.99)
    tim = agent(acceptance="time", accept_time=0.9)
    assert not tim.respond(20, 0.5) and tim.respond(20, 0.95) and not tim.respond(5, 0.95)  # 5 < reservation
    combi = agent(acceptance="combi", accept_time=0.9)
    combi.observe(40, 0.5)
    combi.observe(30, 0.92)
    assert not combi.respond(30, 0.92)  # after T, but worse than the 0.4 received before
    combi.observe(45, 0.93)
    assert combi.respond(45, 0.93)
    with pytest.raises(InvalidInputError, match="acceptance"):
        Boulware(acceptance="sometimes")
    with pytest.raises(InvalidInputError, match="accept_level"):
        Conceder(acceptance="const")
    with pytest.raises(InvalidInputError, match="accept_time"):
        TitForTat(accept_time=2.0)
    # in a negotiation, AC_time ends a Boulware standoff at the acceptance time
    space, utils = domain(2, seed=1)
    late = negotiate(utils, [Boulware(0.05), Boulware(0.05)], n_rounds=100)
    early = negotiate(
        utils,
        [
            Boulware(0.05, acceptance="time", accept_time=0.5),
            Boulware(0.05, acceptance="time", accept_time=0.5),
        ],
        n_rounds=100,
    )
    assert early.agreed and early.round <= 51 and (not late.agreed or late.round > early.round)


def test_frequency_offering_is_more_efficient():
    # a frequency opponent model within a 5% band brings agreements closer to the frontier
    from bargaining.outcomes import pareto_frontier

    rng = np.random.default_rng(0)
    gaps = {"nearest": [], "frequency": []}
    for seed in range(8):
        space = OutcomeSpace({f"i{j}": 6 for j in range(4)})
        utils = [
            AdditiveUtility(space, [rng.random(6) for _ in range(4)], rng.random(4), reservation=0.0)
            for _ in range(2)
        ]
        F = pareto_frontier(utils).utilities
        for off in gaps:
            res = negotiate(utils, [Boulware(offering=off), Boulware(offering=off)], n_rounds=200, seed=seed)
            assert res.agreed
            gaps[off].append(np.min(np.linalg.norm(F - np.array(res.utilities), axis=1)))
    assert np.mean(gaps["frequency"]) < 0.5 * np.mean(gaps["nearest"])


def test_frequency_offer_maximizes_the_model_in_the_band():
    space = OutcomeSpace({"a": 4, "b": 4})
    rng = np.random.default_rng(2)
    u = AdditiveUtility(space, [rng.random(4), rng.random(4)])
    agent = Linear(offering="frequency", band=0.5)
    agent.reset(u.table(), 0.0, np.random.default_rng(0))
    agent.positions = space.value_indices(np.arange(16)).astype(np.int32)
    for o in (3, 3, 7):  # the other side offered (0, 3) twice and (1, 3) once
        agent.observe(o, 0.1)
    x = agent.propose(0.5)
    table = u.table()
    target = agent.target(0.5)
    lo = np.min(table[table >= target])
    band = (table >= lo) & (table <= lo + 0.5 * (agent.u_max - agent.floor))
    score = {k: (k // 4 == 0) * 2 + (k // 4 == 1) + (k % 4 == 3) * 3 for k in range(16)}
    assert band[x] and score[x] == max(score[k] for k in np.flatnonzero(band))
    with pytest.raises(InvalidInputError, match="offering"):
        Boulware(offering="psychic")
    with pytest.raises(InvalidInputError, match="OutcomeSpace"):
        negotiate(np.random.default_rng(0).random((10, 2)), [Boulware(offering="frequency"), Linear()])
