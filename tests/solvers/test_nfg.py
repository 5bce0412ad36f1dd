"""Gambit .nfg reading and writing, against Gambit's documented examples and pygambit."""

import io
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

from solvers import FormatError, InvalidInputError, NormalFormGame, parse_nfg, read_nfg, to_nfg, write_nfg
from solvers.strategies import games

# Gambit manual, "The strategic game (.nfg) file format, payoff version": file e02.nfg.
E02_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

# Gambit manual, outcome version of the same game.
E02_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""


def test_documented_payoff_example():
    g = parse_nfg(E02_PAYOFF)
    assert g.shape == (3, 2)
    assert g.players == ("Player 1", "Player 2")
    assert g.title == "Selten (IJGT, 75), Figure 2, normal form"
    # first player's strategy changes fastest: (1,1)->1 1, (2,1)->0 2, (3,1)->0 2, (1,2)->1 1, ...
    A = [[1, 1], [0, 0], [0, 2]]
    B = [[1, 1], [2, 3], [2, 0]]
    assert g == NormalFormGame.from_arrays(A, B, players=g.players, title=g.title)


def test_documented_outcome_example_is_same_game():
    a = parse_nfg(E02_PAYOFF)
    b = parse_nfg(E02_OUTCOME)
    assert b.labels == (("1", "2", "3"), ("1", "2"))
    assert [p.tolist() for p in a.payoffs] == [p.tolist() for p in b.payoffs]


def test_null_outcome_and_rationals_and_escapes():
    text = r'''NFG 1 R "say \"hi\"" { "A" "B" } { { "x" "y" } { "u" } }
    "a comment"
    { { "o1" 1/2 -3 } { "o2" 0.25, 1e-3 } }
    0 2
    '''
    g = parse_nfg(text)
    assert g.title == 'say "hi"'
    assert g.payoffs[0][0, 0] == 0 and g.payoffs[1][0, 0] == 0
    assert g.payoffs[0][1, 0] == F(1, 4) and g.payoffs[1][1, 0] == F(1, 1000)


def test_three_players_roundtrip_both_forms():
    g = NormalFormGame.from_payoff_function(
        (2, 3, 2), lambda a, b, c: (a + 2 * b - c, F(b, 3) - c, a * b * c)
    ).with_labels(labels=[["x", "y"], ["a", "b", "c"], ["u", "v"]], players=["Ann", "Bob", "Cy"],
                  title='quote " and \\ backslash')
    back = parse_nfg(to_nfg(g, outcomes=True))
    assert back == g
    back2 = parse_nfg(to_nfg(g))
    assert [p.tolist() for p in back2.payoffs] == [p.tolist() for p in g.payoffs]
    assert back2.players == g.players and back2.title == g.title


def test_float_games_and_exact_flag():
    g = NormalFormGame.from_arrays([[0.1, 2.5]], [[1e-7, -3.0]])
    text = to_nfg(g)
    assert text.startswith("NFG 1 D")
    assert parse_nfg(text, exact=False) == g
    exact = parse_nfg(text)  # exact by default: decimal text is exact
    assert exact.payoffs[0][0, 0] == F(1, 10)
    assert parse_nfg(text, exact=None).exact is False


def test_file_paths_and_handles(tmp_path):
    g = NormalFormGame.from_arrays([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    path = tmp_path / "g.nfg"
    write_nfg(g, path, outcomes=True)
    assert read_nfg(path) == g
    buf = io.StringIO()
    write_nfg(g, buf)
    buf.seek(0)
    assert [p.tolist() for p in read_nfg(buf).payoffs] == [p.tolist() for p in g.payoffs]
    with pytest.raises(InvalidInputError, match="existing file"):
        read_nfg(tmp_path / "missing.nfg")
    with pytest.raises(FormatError, match="max_bytes"):
        read_nfg(path, max_bytes=10)


@pytest.mark.parametrize(
    "text, match",
    [
        ("EFG 2 R \"x\" { \"a\" } { 1 }", "start with"),
        ("NFG 2 R \"x\" { \"a\" } { 1 } 1", "version 1"),
        ("NFG 1 Q \"x\" { \"a\" } { 1 } 1", "\"R\" or \"D\""),
        ("NFG 1 R \"x { 1 } 1", "unterminated"),
        ("NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n\n1 2 3", "end of file"),
        ("NFG 1 R \"x\" { \"a\" \"b\" } { 1 1 }\n1 2 3", "after the payoffs"),
        ("NFG 1 R \"x\" { \"a\" \"b\" } { 1 1 }\n1 zz", "number"),
        ("NFG 1 R \"x\" { \"a\" \"b\" } { 1 0 }\n", "no strategies"),
        ("NFG 1 R \"x\" { } { }\n", "no players"),
        ('NFG 1 R "x" { "a" } { { "s" } }\n{ { "o" 1 2 } }\n1', "2 payoffs, expected 1"),
        ('NFG 1 R "x" { "a" } { { "s" } }\n{ { "o" 1 } }\n2', "past the 1 outcomes"),
    ],
)
def test_malformed_files_name_the_line(text, match):
    with pytest.raises(FormatError, match=match) as info:
        parse_nfg(text)
    assert str(info.value).startswith("line ")


def test_error_line_number():
    text = 'NFG 1 R "x" { "a" "b" } { 1 1 }\n\n\n1 oops'
    with pytest.raises(FormatError) as info:
        parse_nfg(text)
    assert info.value.line == 4


@given(games(payoffs="fraction", max_actions=3))
def test_roundtrip_property(g):
    assert parse_nfg(to_nfg(g, outcomes=True)) == g




@pytest.mark.anchor
@given(games(payoffs="fraction", max_actions=3))
def test_gambit_reads_ours_and_we_read_gambits(g):
    gbt = pytest.importorskip("pygambit")
    for outcomes in (False, True):
        theirs = gbt.read_nfg(io.StringIO(to_nfg(g, outcomes=outcomes)))
        for prof in g.pure_profiles():
            for i in range(g.n_players):
                assert F(str(theirs[list(prof)][g.players[i]])) == g.payoffs[i][prof]
    ours = parse_nfg(theirs.to_nfg())
    assert [p.tolist() for p in ours.payoffs] == [p.tolist() for p in g.payoffs]
