"""Dilemma datasets: ground truth per theory, JSONL round trip, scoring."""

import io
from fractions import Fraction as F

import pytest

from decision.dilemmas import FAMILIES, generate_dilemmas, parse_answer, read_jsonl, score, to_jsonl
from solvers.errors import InvalidInputError


def test_generation_is_seeded_and_disagreeing():
    a = generate_dilemmas(20, seed=3)
    b = generate_dilemmas(20, seed=3)
    assert a == b and len(a) == 20
    assert all(it.disagreement for it in a)
    assert all(len(set(it.ground_truth.values())) > 1 for it in a)
    assert {it.framing for it in a} <= {"narrative", "table", "formal"}


def test_ground_truth_matches_the_theories():
    items = generate_dilemmas(30, seed=5, families=["newcomb"])
    for it in items:
        acc = F(it.params["accuracy"])
        big, small = int(it.params["big"]), int(it.params["small"])
        # EDT one-boxes iff acc*big > (1-acc)*big + small; CDT always two-boxes; FDT = EDT here
        one, two = acc * big, (1 - acc) * big + small
        assert it.ground_truth["EDT"] == ("A" if one > two else "B" if two > one else None)
        assert it.ground_truth["CDT"] == "B"
        assert it.ground_truth["FDT"] == it.ground_truth["EDT"]
        assert f"{big:,}" in it.text or str(big) in it.text


def test_dispositions_change_the_twin_verdict():
    items = generate_dilemmas(40, seed=2, families=["twin_prisoners_dilemma"], only_disagreements=False)
    # a fully altruistic agent (w = 1) in a PD with T + S < 2R cooperates under every theory
    for it in items:
        if F(it.params["weight"]) == 1 and int(it.params["temptation"]) < 2 * int(it.params["reward"]):
            assert set(it.ground_truth.values()) == {"A"}


def test_zero_probability_act_gives_no_edt_ground_truth():
    items = generate_dilemmas(60, seed=0, families=["parfits_hitchhiker"], only_disagreements=False)
    perfect = [it for it in items if F(it.params["accuracy"]) == 1]
    assert perfect and all(it.ground_truth["EDT"] is None for it in perfect)


def test_jsonl_round_trip_and_scoring():
    items = generate_dilemmas(15, seed=1)
    buf = io.StringIO()
    assert to_jsonl(items, buf) == 15
    back = read_jsonl(io.StringIO(buf.getvalue()))
    assert back == items
    fdt_answers = {it.id: f"({it.ground_truth['FDT']})" for it in items}
    s = score(items, fdt_answers)
    assert s.agreement["FDT"] == 1 and s.n == 15 and s.unparsed == 0
    assert s.agreement["CDT"] < 1
    nonsense = score(items, {it.id: "I refuse to answer" if it.family == "newcomb" else "maybe" for it in items})
    assert nonsense.unparsed >= 1


def test_parse_answer():
    it = generate_dilemmas(1, seed=0, families=["newcomb"])[0]
    assert parse_answer("A", it) == "A" and parse_answer("(B)", it) == "B"
    assert parse_answer("I would two-box.", it) == "B"
    assert parse_answer("one-box or two-box", it) is None


def test_errors():
    with pytest.raises(InvalidInputError):
        generate_dilemmas(3, families=["trolley"])
    with pytest.raises(InvalidInputError):
        generate_dilemmas(3, framings=["poem"])
    with pytest.raises(InvalidInputError):
        generate_dilemmas(-1)
    assert set(FAMILIES) >= {"newcomb", "xor_blackmail"}


def test_infer_weight_exact_intervals():
    from decision.dilemmas import infer_weight

    base = dict(similarity="1/2", temptation=12, reward=10, punishment=1, sucker=0)
    # similarity 1/2: the twin is independent; C beats D for CDT iff 10 + 22w >= 13 + w, i.e. w >= 1/7
    r = infer_weight([(base, "C")], theory="CDT")
    assert r.intervals == ((F(1, 7), F(2)),)
    # with temptation 20, C iff 10 + 30w >= 21 + w, i.e. w >= 11/29; defecting there bounds w above
    r = infer_weight([(base, "C"), (dict(base, temptation=20), "D")], theory="CDT")
    assert r.intervals == ((F(1, 7), F(11, 29)),) and r.consistent
    # a perfect twin: FDT defects only if 10 + 10w < 1 + w, i.e. w < -1 (spite)
    assert infer_weight([(dict(base, similarity=1), "D")], theory="FDT").intervals == ((F(-2), F(-1)),)
    # contradictory choices
    r = infer_weight([(base, "C"), (base, "D")], theory="CDT")
    assert not r.consistent and r.intervals == ()
    with pytest.raises(InvalidInputError):
        infer_weight([(base, "X")])
    with pytest.raises(InvalidInputError):
        infer_weight([(base, "C")], theory="ZDT")
