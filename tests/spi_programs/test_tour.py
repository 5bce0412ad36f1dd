"""The programs tour section runs and shows the literature's key facts."""

import time


def test_tour_section():
    from cooptheory.tour_programs import section

    t = time.perf_counter()
    text = section()
    assert time.perf_counter() - t < 10
    assert "PrudentBot" in text and "D?" in text and "C!" in text
    assert "PA+1 does" in text
    assert "eps <= 1/3" in text
