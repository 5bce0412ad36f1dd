"""Red-team round 6 (spi/programs/): tournaments, modal agents and simulation on new ground."""

from __future__ import annotations

from spi.programs import cooperate_bot, modal_agent, simulation_tournament, tournament


def test_tournament_names_match_the_meta_game_labels():
    # repeated agents: names listed ('FairBot', 'FairBot') while the equilibria said 'FairBot#2'
    r = tournament(["FairBot", "FairBot", "DefectBot"])
    assert r.names == ("FairBot", "FairBot#2", "DefectBot")
    assert r.meta_game.labels[0] == r.names
    assert {a for eq in r.pure_equilibria for a in eq} <= set(r.names)
    # FairBot cooperates with FairBot (Barasz et al. 2014, Sect. 3), both copies alike
    assert r.actions[0][1] == ("C") and r.actions[1][0] == "C"


def test_tournament_with_an_agent_named_like_a_suffixed_copy():
    # the suffix '#2' of the second FairBot collided with an agent called 'FairBot#2'
    fb2 = modal_agent("FairBot#2", "[] opp(me)")
    r = tournament(["FairBot", "FairBot", fb2])
    assert len(set(r.names)) == 3 and r.names[2] == "FairBot#2"
    assert all(a == "C" for row in r.actions for a in row)
    s = simulation_tournament([cooperate_bot(), cooperate_bot()])
    assert s.names == ("CooperateBot", "CooperateBot#2")


def test_a_bad_fallback_is_named_not_blamed_on_the_game():
    # MirrorBot vs MirrorBot never halts, so both runs play the fallback; 'Q' is no PD action.
    # The error said "game must be a game in which the programs' outputs are actions".
    import pytest

    from solvers.errors import InvalidInputError
    from spi.programs import exact_match, mirror_bot, prisoners_dilemma, run_match

    for f in (run_match, exact_match):
        with pytest.raises(InvalidInputError, match=r"fallback must be an action of player 0"):
            f(mirror_bot(), mirror_bot(), prisoners_dilemma(), fallback="Q")
        # a valid fallback: both cut runs cooperate, the PD's (R, R) = (3, 3)
        assert f(mirror_bot(), mirror_bot(), prisoners_dilemma(), fallback="C").payoffs == (3, 3)


def test_a_bad_provability_level_is_explained():
    # "[-1] opp(me)" said only "unexpected character '['"
    import pytest

    from solvers.errors import FormatError
    from spi.programs import parse_formula

    with pytest.raises(FormatError, match=r"level inside \[\] must be a natural number.*got '-1'"):
        parse_formula("[-1] opp(me)")
    with pytest.raises(FormatError, match=r"level inside <> must be a natural number.*got 'k'"):
        parse_formula("<k> opp(me)")
    with pytest.raises(FormatError, match=r"never closed"):
        parse_formula("[1 opp(me)")
    assert str(parse_formula("[ 2 ] opp(me)")) == "[2] opp(me)"


def test_malformed_program_game_arguments_name_the_parameter():
    # bare TypeError / AttributeError before
    import pytest

    from solvers.errors import InvalidInputError
    from spi.programs import (cooperate_bot, defect_bot, minmax_values, monte_carlo_match, random_modal_agents,
                              run_match)

    cases = [
        (lambda: run_match(cooperate_bot(), defect_bot(), seed=[]), "seed"),
        (lambda: monte_carlo_match(cooperate_bot(), defect_bot(), seed=[]), "seed"),
        (lambda: monte_carlo_match(cooperate_bot(), defect_bot(), n_runs=True), "n_runs"),
        (lambda: random_modal_agents(3, seed=[]), "seed"),
        (lambda: minmax_values(None), "game"),
        (lambda: simulation_tournament(None), "programs"),
    ]
    for call, param in cases:
        with pytest.raises(InvalidInputError, match=param):
            call()
    # seeds as before: an int and a str are fine and reproducible
    assert run_match(cooperate_bot(), defect_bot(), seed="abc").outputs == ("C", "D")
