"""Automated negotiation over large outcome spaces: alternating offers, concession agents, a mediator.

Protocol
--------
:func:`negotiate` runs the *stacked alternating offers protocol* (SAOP; Aydoğan, Festen,
Hindriks & Jonker, "Alternating offers protocols for multilateral negotiation", 2017), which for
two parties is Rubinstein's alternating offers with a deadline.  Parties take turns in a fixed
order; party 0 opens with an offer; every later turn the party either *accepts* the standing
offer or *rejects it with a counter-offer* that becomes the standing offer.  The standing offer
is agreed as soon as all the other ``n - 1`` parties have accepted it in a row.  A *round* is
one turn of every party; after ``n_rounds`` rounds without agreement the negotiation ends in
disagreement (every party gets its reservation value, or its worst utility when it has none).
A party for whom no outcome reaches its reservation value walks away at its first offer.
Party ``i`` sees the relative time :math:`t = r / (R - 1)` in round ``r`` of ``R`` (so
:math:`t = 1` in the last round); an optional wall-clock ``time_limit`` also ends the
negotiation and advances the relative time.  The parties' utilities over all outcomes are
materialized (up to ``MAX_MATERIALIZE`` outcomes).

Agents
------
*Time-dependent tactics* (Faratin, Sierra & Jennings, "Negotiation decision functions for
autonomous agents", 1998): the aspiration level at relative time *t* is
:math:`a(t) = u_{\\max} - (u_{\\max} - u_{\\min})\\, t^{1/e}` with :math:`u_{\\min}` the
reservation value (or the worst utility when that is larger).  :math:`e < 1` is *Boulware*
(concedes late), :math:`e = 1` *linear*, :math:`e > 1` *Conceder* (concedes early).
The offer is the outcome of smallest utility at least :math:`a(t)`, found by binary search in
the party's presorted utility array (ties broken by the seeded random generator), so one turn
costs O(log N) after an O(N log N) set-up.  Acceptance is AC_next by default (Baarslag,
Hindriks & Jonker, "Effective acceptance conditions in real-time automated negotiation",
Decision Support Systems 60, 2014): accept an offer worth at least what the party would offer
next; AC_const, AC_time and AC_combi(T, MAX) are options (``acceptance=``).

*Naive tit-for-tat* (Faratin et al.'s imitative tactics; Baarslag, Hindriks & Jonker, "A tit
for tat negotiation strategy for real-time bilateral negotiations", 2013): the party lowers its
target by the last concession the others made, measured in its own utility (so it presumes a
zero-sum view), plus a constant ``kindness`` fraction of its range; acceptance AC_next.

Mediator
--------
:func:`mediate` is a mediated single-text protocol for any number of parties: the mediator
ranks the outcomes by a solution concept's score computed from the utilities the parties
*report* (Nash product of gains, minimum relative gain, minimum gain, or sum) and proposes them
in decreasing order, one per round; each party accepts or rejects by its *true* utility (by its
agent's acceptance rule); the first unanimously accepted proposal is the agreement.

Convergence claim (proved in the docstring of :func:`mediate`, tested): with truthful reports
and parties that accept every individually rational proposal, the first proposal is the
concept's solution point over the outcome set (the maximizer of the score, with the tie-breaks
of :mod:`bargaining.outcomes`) and it is accepted, so the mediator returns exactly
:func:`bargaining.outcomes.nash_point` (resp. the other points).  With conceding parties it
terminates by the deadline and every agreement is individually rational.  The claim is by
construction (the mediator computes the point from the reports); what the protocol adds is
that parties reveal nothing beyond their reports and votes, and it exposes manipulation:
exaggerated reports move the utilitarian ranking, rescaled ones cannot move the Nash ranking.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left, bisect_right
from typing import Any, Sequence

import numpy as np

from solvers.errors import InvalidInputError, bad_param
from solvers.generators import rng as _seed_rng
from solvers.results import Result, result

from .outcomes import (
    CONCEPTS,
    MATERIALIZE_CELLS,
    OutcomeSpace,
    Utility,
    _as_parties,
    _nash_scores,
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_frontier,
    utilitarian_point,
    utility_matrix,
)

__all__ = [
    "Agent",
    "TimeDependentAgent",
    "Boulware",
    "Linear",
    "Conceder",
    "TitForTat",
    "RationalAcceptor",
    "ACCEPTANCE",
    "OFFERING",
    "aspiration",
    "NegotiationResult",
    "negotiate",
    "MediationResult",
    "mediate",
]


#: Acceptance strategies of :class:`TimeDependentAgent` and :class:`TitForTat`.
ACCEPTANCE = ("next", "const", "time", "combi")
#: Offering strategies: the outcome nearest above the aspiration, or the best one for the
#: others by a frequency opponent model within a utility band above it.
OFFERING = ("nearest", "frequency")


def aspiration(t: float | np.ndarray, exponent: float, u_max: float, u_min: float) -> float | np.ndarray:
    """Faratin et al. (1998) aspiration :math:`u_{\\max} - (u_{\\max} - u_{\\min}) t^{1/e}`, t in [0, 1]."""
    if not (isinstance(exponent, (int, float, np.floating)) and exponent > 0 and math.isfinite(exponent)):
        raise InvalidInputError(bad_param("aspiration", "exponent", "a finite number > 0", exponent))
    tt = np.clip(np.asarray(t, dtype=float), 0.0, 1.0)
    out = u_max - (u_max - u_min) * tt ** (1.0 / exponent)
    return float(out) if np.ndim(out) == 0 else out


# --------------------------------------------------------------------------------------------
# agents
# --------------------------------------------------------------------------------------------
class Agent:
    """A negotiating party.  ``reset`` is called once before every negotiation.

    Subclasses implement :meth:`propose` (an outcome index, or ``-1`` to end the negotiation
    without agreement) and :meth:`respond` (accept or not); :meth:`observe` is told every offer
    made by the others.
    """

    name: str = "agent"

    def reset(self, utilities: np.ndarray, reservation: float, rng: np.random.Generator) -> None:
        """Prepare for a negotiation: own utility of every outcome (shape ``(N,)``).

        Sorts the utilities once; the per-turn look-ups are binary searches (``bisect`` on
        Python lists, which beats numpy's per-call overhead for scalar queries).
        """
        u = np.asarray(utilities, dtype=float)
        self.u = u
        order = np.argsort(u, kind="stable")
        self.order = order.tolist()
        self.sorted = u[order].tolist()
        self.u_max = float(self.sorted[-1])
        self.reservation = float(reservation)
        self.floor = max(self.reservation, float(self.sorted[0]))
        if self.floor > self.u_max:  # nothing rational: aim at the best outcome, accept nothing below r
            self.floor = self.u_max
        self.rng = rng
        self.best_seen = -math.inf
        self.order_np = order
        self.last_other = -1
        self.freq: list[np.ndarray] | None = None

    def _offer_at(self, target: float) -> int:
        """The outcome of smallest own utility >= target (random among exact ties).

        Returns ``-1`` (walk away) when even the best outcome is below the reservation value.
        """
        s = self.sorted
        if s[-1] < self.reservation:
            return -1
        k = bisect_left(s, target)
        if k >= len(s):
            k = len(s) - 1
        if self.offering == "frequency" and self.positions is not None and self.last_other >= 0:
            # among the outcomes within ``band`` above the target, the one the frequency opponent
            # model rates best: sum over issues of how often the others offered that value
            hi = bisect_right(s, s[k] + self.band * (self.u_max - self.floor), lo=k)
            cands = self.order_np[k:hi]
            P = self.positions[cands]
            score = np.zeros(len(cands))
            for j, c in enumerate(self.freq):
                score += c[P[:, j]]
            return int(cands[int(np.argmax(score))])
        hi = bisect_right(s, s[k], lo=k)
        if hi - k > 1:
            k = int(self.rng.integers(k, hi))
        return self.order[k]

    def _value_at(self, target: float) -> float:
        s = self.sorted
        k = bisect_left(s, target)
        return s[k] if k < len(s) else s[-1]

    def propose(self, t: float) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def respond(self, offer: int, t: float) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def observe(self, offer: int, t: float) -> None:
        """Called with every offer another party makes (tracks the best one, the last one and,
        for ``offering="frequency"``, the issue-value counts of the opponent model)."""
        v = float(self.u[offer])
        if v > self.best_seen:
            self.best_seen = v
        self.last_other = int(offer)
        if self.offering == "frequency" and self.positions is not None:
            if self.freq is None:
                self.freq = [np.zeros(int(k)) for k in self.positions.max(axis=0) + 1]
            for j, v in enumerate(self.positions[offer]):
                self.freq[j][v] += 1.0

    # -- offering strategies -----------------------------------------------------------------------
    offering: str = "nearest"
    band: float = 0.05
    positions: np.ndarray | None = None  # per-outcome issue-value positions, set by negotiate()

    def _set_offering(self, offering: str, band: float) -> None:
        func = type(self).__name__
        if offering not in OFFERING:
            raise InvalidInputError(bad_param(func, "offering", f"one of {OFFERING}", offering))
        if isinstance(band, bool) or not isinstance(band, (int, float)) or not 0 <= band <= 1:
            raise InvalidInputError(
                bad_param(func, "band", "a fraction of the utility range in [0, 1]", band)
            )
        self.offering = offering
        self.band = float(band)

    # -- acceptance strategies (Baarslag, Hindriks & Jonker 2014) --------------------------------
    acceptance: str = "next"
    accept_time: float = 0.98
    accept_level: float | None = None

    def _set_acceptance(self, acceptance: str, accept_time: float, accept_level: float | None) -> None:
        func = type(self).__name__
        if acceptance not in ACCEPTANCE:
            raise InvalidInputError(bad_param(func, "acceptance", f"one of {ACCEPTANCE}", acceptance))
        if (
            isinstance(accept_time, bool)
            or not isinstance(accept_time, (int, float))
            or not 0 <= accept_time <= 1
        ):
            raise InvalidInputError(bad_param(func, "accept_time", "a relative time in [0, 1]", accept_time))
        if acceptance == "const":
            if (
                isinstance(accept_level, bool)
                or not isinstance(accept_level, (int, float))
                or not math.isfinite(accept_level)
            ):
                raise InvalidInputError(
                    bad_param(
                        func, "accept_level", "a finite utility level for acceptance='const'", accept_level
                    )
                )
        self.acceptance = acceptance
        self.accept_time = float(accept_time)
        self.accept_level = None if accept_level is None else float(accept_level)

    def _accept(self, v: float, next_value: float, t: float) -> bool:
        """Apply the acceptance strategy to an offer worth ``v``; never below the reservation."""
        if v < self.reservation:
            return False
        a = self.acceptance
        if a == "next":
            return v >= next_value
        if a == "const":
            return v >= self.accept_level  # type: ignore[operator]
        if a == "time":
            return v >= next_value or t >= self.accept_time
        return v >= next_value or (t >= self.accept_time and v >= self.best_seen)  # combi


class TimeDependentAgent(Agent):
    """Faratin et al. (1998) time-dependent tactic with exponent ``e`` and AC_next acceptance.

    Parameters
    ----------
    exponent : float
        ``e > 0``: below 1 Boulware, 1 linear, above 1 Conceder.
    acceptance : {"next", "const", "time", "combi"}
        AC_next (accept what is worth at least the own next offer), AC_const (at least
        ``accept_level``), AC_time (AC_next, or anything rational from ``accept_time`` on),
        AC_combi(T, MAX) (AC_next, or from ``accept_time`` on an offer at least as good as every
        offer received so far).  Never below the reservation value.
    offering : {"nearest", "frequency"}
        ``"nearest"``: the outcome of smallest utility at least the aspiration (random among
        exact ties).  ``"frequency"``: among the outcomes within ``band`` (a fraction of the
        utility range) above that one, the best for the others by a frequency opponent model
        (an issue value's estimated worth to them is how often they offered it; van Krimpen,
        Looije & Hajizadeh, HardHeaded, 2013; survey: Baarslag, Hendrikx, Hindriks & Jonker,
        JAAMAS 2016); needs utilities over an :class:`~bargaining.outcomes.OutcomeSpace`.  It
        brings agreements much closer to the Pareto frontier (tested).
    band : float
        Width of the ``"frequency"`` band, in [0, 1].
    """

    def __init__(
        self,
        exponent: float,
        name: str | None = None,
        *,
        acceptance: str = "next",
        accept_time: float = 0.98,
        accept_level: float | None = None,
        offering: str = "nearest",
        band: float = 0.05,
    ) -> None:
        if (
            isinstance(exponent, bool)
            or not isinstance(exponent, (int, float, np.floating))
            or not (exponent > 0 and math.isfinite(exponent))
        ):
            raise InvalidInputError(
                bad_param(type(self).__name__, "exponent", "a finite number > 0", exponent)
            )
        self.exponent = float(exponent)
        self.name = name or f"time_dependent(e={self.exponent:g})"
        self._set_acceptance(acceptance, accept_time, accept_level)
        self._set_offering(offering, band)

    def target(self, t: float) -> float:
        """Aspiration level at relative time ``t``."""
        return self.u_max - (self.u_max - self.floor) * min(max(t, 0.0), 1.0) ** (1.0 / self.exponent)

    def propose(self, t: float) -> int:
        return self._offer_at(self.target(t))

    def respond(self, offer: int, t: float) -> bool:
        return self._accept(float(self.u[offer]), self._value_at(self.target(t)), t)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(exponent={self.exponent:g})"


class Boulware(TimeDependentAgent):
    """Time-dependent agent that concedes late (default ``e = 0.2``)."""

    def __init__(self, exponent: float = 0.2, name: str | None = None, **acceptance: Any) -> None:
        super().__init__(exponent, name or "boulware", **acceptance)


class Linear(TimeDependentAgent):
    """Time-dependent agent that concedes linearly (``e = 1``)."""

    def __init__(self, name: str | None = None, **acceptance: Any) -> None:
        super().__init__(1.0, name or "linear", **acceptance)


class Conceder(TimeDependentAgent):
    """Time-dependent agent that concedes early (default ``e = 5``)."""

    def __init__(self, exponent: float = 5.0, name: str | None = None, **acceptance: Any) -> None:
        super().__init__(exponent, name or "conceder", **acceptance)


class TitForTat(Agent):
    """Naive tit-for-tat: reciprocate the others' last concession in own utility, AC_next.

    Parameters
    ----------
    kindness : float
        Extra concession per own offer, as a fraction of ``u_max - reservation`` (>= 0); with
        0 two tit-for-tat parties never move.
    initial_concession : float
        Fraction of the range conceded on the first counter-offer (>= 0), to start the exchange.
    acceptance, accept_time, accept_level, offering, band
        As for :class:`TimeDependentAgent`.
    """

    def __init__(
        self,
        kindness: float = 0.0,
        initial_concession: float = 0.01,
        name: str | None = None,
        *,
        acceptance: str = "next",
        accept_time: float = 0.98,
        accept_level: float | None = None,
        offering: str = "nearest",
        band: float = 0.05,
    ) -> None:
        for p, v in (("kindness", kindness), ("initial_concession", initial_concession)):
            if not isinstance(v, (int, float)) or not (0 <= v <= 1):
                raise InvalidInputError(bad_param("TitForTat", p, "a number in [0, 1]", v))
        self.kindness = float(kindness)
        self.initial_concession = float(initial_concession)
        self.name = name or "tit_for_tat"
        self._set_acceptance(acceptance, accept_time, accept_level)
        self._set_offering(offering, band)

    def reset(self, utilities: np.ndarray, reservation: float, rng: np.random.Generator) -> None:
        super().reset(utilities, reservation, rng)
        self.level = self.u_max
        self.last_seen: float | None = None
        self.pending = 0.0
        self.first = True

    def observe(self, offer: int, t: float) -> None:
        super().observe(offer, t)
        v = float(self.u[offer])
        if self.last_seen is not None and v > self.last_seen:
            self.pending += v - self.last_seen
        self.last_seen = v

    def _step(self) -> float:
        span = self.u_max - self.floor
        step = self.pending + self.kindness * span
        if self.first and self.last_seen is not None:
            step += self.initial_concession * span
        return step

    def propose(self, t: float) -> int:
        step = self._step()
        if self.last_seen is not None:
            self.first = False
        self.level = max(self.floor, self.level - step)
        self.pending = 0.0
        return self._offer_at(self.level)

    def respond(self, offer: int, t: float) -> bool:
        nxt = max(self.floor, self.level - self._step())
        return self._accept(float(self.u[offer]), self._value_at(nxt), t)

    def __repr__(self) -> str:
        return f"TitForTat(kindness={self.kindness:g})"


class RationalAcceptor(Agent):
    """Proposes its best outcome; accepts every individually rational offer (``u >= reservation``)."""

    name = "rational_acceptor"

    def propose(self, t: float) -> int:
        return self._offer_at(self.u_max)

    def respond(self, offer: int, t: float) -> bool:
        return bool(self.u[offer] >= self.reservation)

    def __repr__(self) -> str:
        return "RationalAcceptor()"


_NAMED = {
    "boulware": Boulware,
    "linear": Linear,
    "conceder": Conceder,
    "tit_for_tat": TitForTat,
    "rational": RationalAcceptor,
}


def _make_agents(agents: Sequence[Agent | str] | None, n: int, func: str, default: str) -> list[Agent]:
    if agents is None:
        agents = [default] * n
    if isinstance(agents, (str, Agent)) or not hasattr(agents, "__len__") or len(agents) != n:
        raise InvalidInputError(
            bad_param(func, "agents", f"a sequence of {n} agents (one per party)", agents)
        )
    out = []
    for a in agents:
        if isinstance(a, str):
            if a not in _NAMED:
                raise InvalidInputError(
                    bad_param(func, "agents", f"Agent objects or names in {sorted(_NAMED)}", a)
                )
            a = _NAMED[a]()
        if not isinstance(a, Agent):
            raise InvalidInputError(bad_param(func, "agents", "Agent objects", a))
        out.append(a)
    if len({id(a) for a in out}) != len(out):
        raise InvalidInputError(
            bad_param(func, "agents", "distinct Agent objects (each keeps its own state)", agents)
        )
    return out


def _setup(
    utilities: Any, reservations: Any, func: str
) -> tuple[np.ndarray, np.ndarray, OutcomeSpace | None]:
    objs, arr, space = _as_parties(utilities, func)
    U = utility_matrix(objs) if objs is not None else arr
    n = U.shape[1]
    if reservations is None:
        r = np.array([u.disagreement_value() for u in objs]) if objs is not None else U.min(axis=0)
    else:
        try:
            r = np.asarray(reservations, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise InvalidInputError(bad_param(func, "reservations", f"{n} numbers", reservations)) from None
        if r.shape != (n,) or not np.all(np.isfinite(r)):
            raise InvalidInputError(bad_param(func, "reservations", f"{n} finite numbers", reservations))
    return U, r, space


#: Rounds :func:`negotiate` runs at most without a ``time_limit`` (agents that never agree run
#: every round up to the deadline: 10^7 rounds take minutes); past it the result is "truncated".
MAX_ROUNDS = 10**7


def _check_rounds(n_rounds: Any, func: str) -> int:
    if isinstance(n_rounds, bool) or not isinstance(n_rounds, (int, np.integer)) or n_rounds <= 0:
        raise InvalidInputError(
            bad_param(func, "n_rounds", "a positive int (the deadline in rounds)", n_rounds)
        )
    return int(n_rounds)


# --------------------------------------------------------------------------------------------
# alternating offers
# --------------------------------------------------------------------------------------------
def _deal(space: Any, agreement: Any, utilities: Any) -> dict:
    """The fields a negotiation and a mediation result share: ``agreement`` is the outcome index
    (``None``: no deal, and ``utilities`` are the reservation values)."""
    if agreement is None:
        return {"agreed": False, "agreement": -1, "outcome": {}, "utilities": tuple(map(float, utilities))}
    return {"agreed": True, "agreement": int(agreement),
            "outcome": space.outcome(int(agreement)) if space is not None else {},
            "utilities": tuple(map(float, utilities))}


@result
class NegotiationResult(Result):
    """Outcome of a negotiation.

    ``agreement`` is the agreed outcome index, ``-1`` for disagreement (then ``utilities`` are
    the reservation values); ``round`` is the round of agreement (0-based) or ``n_rounds`` when
    the deadline passed; ``steps`` counts turns taken; ``trace`` lists
    ``(round, party, action, outcome)`` with action ``"offer"``, ``"accept"`` or ``"end"`` (a
    party walked away: nothing is rational for it) when asked for.
    """

    agreed: bool = False
    agreement: int = -1
    outcome: dict = None  # type: ignore[assignment]
    utilities: tuple = ()
    round: int = 0
    steps: int = 0
    agents: tuple = ()
    trace: tuple = ()


def negotiate(
    utilities: Sequence[Utility] | Any,
    agents: Sequence[Agent | str] | None = None,
    *,
    n_rounds: int = 100,
    reservations: Any = None,
    seed: int | None = 0,
    trace: bool = False,
    time_limit: float | None = None,
) -> NegotiationResult:
    """Run the stacked alternating offers protocol among ``n`` parties with a round deadline.

    Parameters
    ----------
    utilities : sequence of Utility over one space, or array of shape (N, n)
        Party *i*'s utility of every outcome (column *i*).
    agents : sequence of Agent or names, optional
        One agent per party (names: ``"boulware"``, ``"linear"``, ``"conceder"``,
        ``"tit_for_tat"``, ``"rational"``); default all linear.
    n_rounds : int
        Deadline in rounds (> 0).  Without a ``time_limit`` at most ``MAX_ROUNDS`` (10^7) rounds
        are run (status ``"truncated"`` if the negotiation is still open then).
    reservations : sequence of float, optional
        Reservation values (default: the utilities' ``reservation``; for an array the worst
        utility of every party).
    seed : int, None or numpy.random.Generator
        Seed of the generator used to break ties among equally valued offers.
    trace : bool
        Record every action.
    time_limit : float, optional
        A wall-clock deadline in seconds as well: the negotiation also ends when it is reached,
        and the agents' relative time is ``max(round / (n_rounds - 1), elapsed / time_limit)``.
        (Then results depend on the machine's speed; the round deadline alone is deterministic.)

    Returns
    -------
    NegotiationResult
    """
    func = "negotiate"
    R = _check_rounds(n_rounds, func)
    if time_limit is not None:
        if (
            isinstance(time_limit, bool)
            or not isinstance(time_limit, (int, float))
            or not time_limit > 0
            or not math.isfinite(time_limit)
        ):
            raise InvalidInputError(
                bad_param(func, "time_limit", "a positive number of seconds or None", time_limit)
            )
        start = time.perf_counter()
    U, r, space = _setup(utilities, reservations, func)
    n = U.shape[1]
    ags = _make_agents(agents, n, func, "linear")
    rng = _seed_rng(seed, "negotiate")
    for i, a in enumerate(ags):
        a.reset(np.ascontiguousarray(U[:, i]), float(r[i]), rng)
    if any(a.offering == "frequency" for a in ags):
        if space is None:
            raise InvalidInputError(
                bad_param(
                    func, "agents", "offering='frequency' only with utilities over an OutcomeSpace", agents
                )
            )
        pos = space.value_indices(np.arange(space.size, dtype=np.int64)).astype(np.int32)
        for a in ags:
            a.positions = pos
    denom = max(1, R - 1)
    log: list[tuple[int, int, str, int]] = []
    standing = int(ags[0].propose(0.0))
    accepts = 0
    steps = 1
    ended = standing < 0
    if trace:
        log.append((0, 0, "end" if ended else "offer", standing))
    if not ended:
        for i in range(1, n):
            ags[i].observe(standing, 0.0)
    agreed = n == 1 and not ended
    timed_out = capped = False
    rnd = 0
    turn = 1
    while not agreed and not ended:
        rnd = turn // n
        if rnd >= R:
            break
        if rnd >= MAX_ROUNDS and time_limit is None:
            capped = True
            break
        i = turn % n
        t = rnd / denom
        if time_limit is not None:
            frac = (time.perf_counter() - start) / time_limit
            if frac >= 1.0:
                timed_out = True
                break
            t = max(t, frac)
        a = ags[i]
        steps += 1
        if a.respond(standing, t):
            accepts += 1
            if trace:
                log.append((rnd, i, "accept", standing))
            if accepts == n - 1:
                agreed = True
                break
        else:
            standing = int(a.propose(t))
            accepts = 0
            if standing < 0:
                ended = True
                if trace:
                    log.append((rnd, i, "end", standing))
                break
            if trace:
                log.append((rnd, i, "offer", standing))
            for j in range(n):
                if j != i:
                    ags[j].observe(standing, t)
        turn += 1
    params = {"n_rounds": R, "seed": seed, "reservations": tuple(map(float, r)), "time_limit": time_limit}
    names = tuple(getattr(a, "name", type(a).__name__) for a in ags)
    if agreed:
        return NegotiationResult(
            **_deal(space, standing, U[standing]),
            round=rnd,
            steps=steps,
            agents=names,
            trace=tuple(log),
            method="saop",
            params=params,
        )
    return NegotiationResult(
        **_deal(space, None, r),
        round=rnd if (ended or timed_out or capped) else R,
        steps=steps,
        agents=names,
        trace=tuple(log),
        method="saop",
        message=(
            "a party ended the negotiation (no outcome is rational for it)"
            if ended
            else f"time limit of {time_limit} s reached in round {rnd}"
            if timed_out
            else f"stopped after MAX_ROUNDS={MAX_ROUNDS} rounds of n_rounds={R} (no time_limit)"
            if capped
            else f"no agreement within {R} rounds"
        ),
        status="truncated" if capped else "ok",
        params=params,
    )


# --------------------------------------------------------------------------------------------
# mediator
# --------------------------------------------------------------------------------------------
@result
class MediationResult(Result):
    """Outcome of :func:`mediate`: the agreement (``-1`` if none), its rank in the mediator's order."""

    agreed: bool = False
    agreement: int = -1
    outcome: dict = None  # type: ignore[assignment]
    utilities: tuple = ()
    concept: str = ""
    rank: int = -1
    round: int = 0
    proposals: tuple = ()


def _scores(U: np.ndarray, d: np.ndarray, concept: str, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Score of every outcome for the mediator's ranking and the validity mask (as in outcomes)."""
    G = U - d
    ir = np.all(G >= 0, axis=1)
    if concept == "nash":
        score, valid, _ = _nash_scores(G, weights)  # as nash_point
        return score, valid
    if concept == "kalai_smorodinsky":
        if not np.any(ir):
            return np.zeros(len(U)), ir
        span = U[ir].max(axis=0) - d
        act = span > 0
        s = (G[:, act] / span[act]).min(axis=1) if np.any(act) else np.zeros(len(U))
        return s, ir
    if concept == "egalitarian":
        return G.min(axis=1), ir
    return U @ weights, ir  # utilitarian


def mediate(
    utilities: Sequence[Utility] | Any,
    agents: Sequence[Agent | str] | None = None,
    *,
    concept: str = "nash",
    reports: Any = None,
    reservations: Any = None,
    weights: Any = None,
    n_rounds: int = 1000,
    seed: int | None = 0,
    candidates: str = "auto",
) -> MediationResult:
    """Mediated single-text negotiation that proposes outcomes in decreasing solution-concept score.

    Each round the mediator proposes the next outcome in decreasing order of the concept's
    score (``"nash"``: weighted log Nash product of gains over the reservation point;
    ``"kalai_smorodinsky"``, ``"egalitarian"``, ``"utilitarian"``), computed from the reported
    utilities ``reports`` (default: the true ones) and the reservations; ties are ordered by the
    larger sum of gains, then the smaller index, as in :mod:`bargaining.outcomes`.  Only outcomes
    valid for the concept (individually rational by the reports) are proposed.  Each party's
    agent accepts or rejects by its true utility at relative time ``round / (n_rounds - 1)``;
    the first proposal all accept is the agreement.

    Claim: with truthful reports and agents that accept every individually rational outcome
    (``"rational"``, the default) the agreement is reached in round 0 and equals the solution
    point of :mod:`bargaining.outcomes` for the same concept, disagreement point and weights.
    Proof: the first proposal maximizes the score among valid outcomes with the same tie-breaks,
    which is the definition of the point; it is individually rational, so every party accepts.
    With time-dependent agents, acceptance thresholds fall to the reservation values by the last
    round, so the protocol ends by the deadline, and any agreement is individually rational for
    the true utilities.  Work per round is O(n); the ranking is a partial sort of the first
    ``n_rounds`` outcomes, O(N).

    ``candidates``: ``"all"`` ranks every outcome; ``"frontier"`` only the Pareto frontier of
    the reports (the claim still holds: every concept's point is Pareto optimal, and ties are
    broken by outcome index in both); ``"auto"`` (default) uses the frontier when the space is
    too large to materialize (additive utilities are then never enumerated).
    """
    func = "mediate"
    if concept not in CONCEPTS:
        raise InvalidInputError(bad_param(func, "concept", f"one of {CONCEPTS}", concept))
    if candidates not in ("auto", "all", "frontier"):
        raise InvalidInputError(bad_param(func, "candidates", "'auto', 'all' or 'frontier'", candidates))
    R = _check_rounds(n_rounds, func)
    objs, arr, space = _as_parties(utilities, func)
    n = len(objs) if objs is not None else arr.shape[1]
    rep_objs = (
        list(reports)
        if (isinstance(reports, (list, tuple)) and reports and all(isinstance(u, Utility) for u in reports))
        else None
    )
    if reports is not None and rep_objs is None:
        rep_arr = utility_matrix(reports)
        n_all = space.size if space is not None else arr.shape[0]
        if rep_arr.shape != (n_all, n):
            raise InvalidInputError(
                bad_param(
                    func, "reports", f"utilities of shape {(n_all, n)}", f"shape {rep_arr.shape}", raw=True
                )
            )
    else:
        rep_arr = None
    if rep_objs is not None and (len(rep_objs) != n or rep_objs[0].space != space):
        raise InvalidInputError(
            bad_param(func, "reports", f"{n} utilities over the same outcome space", reports)
        )
    big = space is not None and space.size * n > MATERIALIZE_CELLS
    use_frontier = candidates == "frontier" or (candidates == "auto" and big)
    sub = None
    if use_frontier:
        # the mediator only proposes outcomes on the frontier of the reports (every concept's
        # maximizer is there); truthful additive reports never enumerate the space
        src = (
            rep_objs
            if rep_objs is not None
            else rep_arr
            if rep_arr is not None
            else (objs if objs is not None else arr)
        )
        sub = np.sort(np.asarray(pareto_frontier(src).indices, dtype=np.int64))
        U = utility_matrix(objs, sub) if objs is not None else np.asfortranarray(arr[sub])
        if rep_objs is not None:
            rep = utility_matrix(rep_objs, sub)
        elif rep_arr is not None:
            rep = np.asfortranarray(rep_arr[sub])
        else:
            rep = U
        if reservations is None:
            r = np.array([u.disagreement_value() for u in objs]) if objs is not None else arr.min(axis=0)
        else:
            _, r, _ = _setup(U, reservations, func)
    else:
        U, r, space = _setup(utilities, reservations, func)
        rep = U if reports is None else (utility_matrix(rep_objs) if rep_objs is not None else rep_arr)
    if weights is None:
        w = np.ones(n)
    else:
        try:
            w = np.asarray(weights, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise InvalidInputError(bad_param(func, "weights", f"{n} positive numbers", weights)) from None
        if w.shape != (n,) or not np.all(np.isfinite(w)) or np.any(w <= 0):
            raise InvalidInputError(bad_param(func, "weights", f"{n} positive numbers", weights))
    ags = _make_agents(agents, n, func, "rational")
    rng = _seed_rng(seed, "mediate")
    for i, a in enumerate(ags):
        a.reset(np.ascontiguousarray(U[:, i]), float(r[i]), rng)
    score, valid = _scores(rep, r, concept, w)
    cand = np.flatnonzero(valid)
    params = {
        "concept": concept,
        "n_rounds": R,
        "seed": seed,
        "reservations": tuple(map(float, r)),
        "weights": tuple(map(float, w)),
        "truthful": reports is None,
        "candidates": "frontier" if sub is not None else "all",
    }
    if cand.size == 0:
        return MediationResult(
            **_deal(space, None, r),
            concept=concept,
            rank=-1,
            round=0,
            proposals=(),
            method="mediated_ranking",
            status="infeasible",
            message="no outcome is individually rational by the reports",
            params=params,
        )
    k = min(R, cand.size)
    sc = score[cand]
    if k < cand.size:
        top = np.argpartition(-sc, k - 1)[:k]
        # include every outcome tied with the k-th score so tie-breaks stay exact
        kth = sc[top].min()
        top = np.flatnonzero(sc >= kth)
    else:
        top = np.arange(cand.size)
    ids = cand[top]
    gains = (rep[ids] - r).sum(axis=1)
    order = np.lexsort((ids, -gains, -score[ids]))[:k]
    ranking = ids[order]
    # the first proposal is exactly the solution point (same tolerance-based tie-breaking)
    if concept == "nash":
        point = nash_point(rep, disagreement=r, weights=w)
    elif concept == "utilitarian":
        point = utilitarian_point(rep, disagreement=r, weights=w)
    else:
        point = {"kalai_smorodinsky": kalai_smorodinsky_point, "egalitarian": egalitarian_point}[concept](
            rep, disagreement=r
        )
    if point.index >= 0 and ranking[0] != point.index:
        ranking = np.concatenate([[point.index], ranking[ranking != point.index]])[:k]
    outcome_ids = sub[ranking] if sub is not None else ranking
    denom = max(1, R - 1)
    proposals = []
    for rnd, (row, x) in enumerate(zip(ranking.tolist(), outcome_ids.tolist())):
        t = rnd / denom
        proposals.append(int(x))
        for a in ags:
            a.observe(row, t)
        if all(a.respond(row, t) for a in ags):
            return MediationResult(
                **_deal(space, x, U[row]),
                concept=concept,
                rank=rnd,
                round=rnd,
                proposals=tuple(proposals),
                method="mediated_ranking",
                params=params,
            )
    return MediationResult(
        **_deal(space, None, r),
        concept=concept,
        rank=-1,
        round=R,
        proposals=tuple(proposals),
        method="mediated_ranking",
        message=f"no proposal accepted within {R} rounds",
        params=params,
    )
