"""Pictures: the text rendering and the matplotlib drawing of an SPI."""

import pytest

from spi import is_spi, plot_spi, side_by_side
from spi.examples import demand_game, demand_game_spi


def test_text():
    r = is_spi(demand_game(), demand_game_spi())
    text = r.describe()
    assert "verdict: SPI (strict, omnilateral)" in text
    assert "(DM, DM) (-3, -3)  ->  (DL, DL) (1, 1)" in text
    assert "1. eliminate action DL of player 0" in text
    assert "DL | -3, -3 | 2, 0" in side_by_side(demand_game(), demand_game_spi())


def test_matplotlib():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    fig = plot_spi(is_spi(demand_game(), demand_game_spi()))
    assert len(fig.axes) == 1 and len(fig.axes[0].patches) == 16 + 4
    import matplotlib.pyplot as plt

    plt.close(fig)
