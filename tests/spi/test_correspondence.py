"""The outcome-correspondence calculus (Lemma 2): identity, inverse, composition, weakening."""

import pytest

from solvers import InvalidInputError
from spi import reduce_dominated
from spi.correspondence import (
    all_correspondence,
    correspondence_from_pairs,
    elimination_correspondence,
    identity_correspondence,
)
from spi.examples import demand_game, prisoners_dilemma


def test_elimination_inverse_and_composition():
    g = demand_game()
    red = reduce_dominated(g)
    e = elimination_correspondence(g, red)
    assert e(("DM", "DM")) == {(0, 0)} and e(("DL", "DM")) == frozenset()
    assert len(e.domain()) == 4 and e.is_single_valued()
    inv = e.inverse()
    assert inv(("RM", "RM")) == {(1, 1)}
    assert [s.kind for s in inv.steps] == ["restore"] * 4
    back = e.compose(inv)
    assert back(("DM", "RM")) == {(0, 1)} and back(("RL", "RL")) == frozenset()
    ident = identity_correspondence(g)
    assert ident.compose(e).mapping == e.mapping
    assert e.implies(e.union(all_correspondence(g, red.reduced)))
    assert e.intersection(all_correspondence(g, red.reduced)).mapping == e.mapping
    assert "eliminate action DL of player 0" in e.describe()
    assert e.pairs()[0] == (("DM", "DM"), ("DM", "DM"))


def test_claims_and_errors():
    pd = prisoners_dilemma()
    c = correspondence_from_pairs(pd, pd, [(("D", "D"), ("C", "C"))])
    assert c(("D", "D")) == {(0, 0)} and c(("C", "C")) == frozenset()
    with pytest.raises(InvalidInputError, match="compose\\(\\): other must be a correspondence starting"):
        elimination_correspondence(pd, reduce_dominated(pd)).compose(identity_correspondence(demand_game()))
    with pytest.raises(InvalidInputError, match="pairs must be pairs of outcomes"):
        correspondence_from_pairs(pd, pd, [(("D", "X"), ("C", "C"))])
    with pytest.raises(InvalidInputError, match="reduction must be a ReductionResult"):
        elimination_correspondence(pd, None)
