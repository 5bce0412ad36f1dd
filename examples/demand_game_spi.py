# %% [markdown]
# # A safe Pareto improvement in Oesterheld & Conitzer's Demand Game
#
# Two principals delegate a game to representatives. Replacing the game with its SPI makes
# both principals better off *whatever equilibrium the representatives select*
# (Oesterheld & Conitzer, "Safe Pareto improvements for delegated game playing", 2021/2022).

# %%
from spi import find_spis, is_spi
from spi.examples import demand_game
from spi.picture import side_by_side

game = demand_game()
found = find_spis(game, strict=True)
substitute = found[0].substitute
print(side_by_side(game, substitute, titles=("original", "SPI")))

# %% [markdown]
# The verdict, judged by the original utilities, with the derivation from the two assumptions.

# %%
verdict = is_spi(game, substitute, strict=True)
print(verdict.is_spi, verdict.strict)
print("\n".join(verdict.derivation))
for default, spi_outcome, u_default, u_spi in verdict.outcome_map:
    print(default, u_default, "->", spi_outcome, u_spi)
assert verdict.is_spi and verdict.strict
