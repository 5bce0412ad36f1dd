"""The NP-hardness construction (Appendix D.3): SPIs of the glued game <-> subgraph isomorphisms."""


import networkx as nx
import pytest

from solvers import InvalidInputError
from spi import find_spis, hardness_game, is_spi, reduce_dominated, subgraph_isomorphisms
from tests.conftest import HEAVY_SCALE

PAIRS = [
    ([[0]], [[0, 1], [1, 0]]),                                 # one vertex into an edge pair
    ([[0, 1], [0, 0]], [[0, 1], [0, 0]]),                      # an edge into itself
    ([[0, 1], [0, 0]], [[0, 0], [0, 0]]),                      # an edge into no edges: no
    ([[0, 1], [1, 0]], [[0, 1], [0, 0]]),                      # a 2-cycle into one edge: no
    ([[0, 1], [0, 0]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]),     # an edge into a 3-cycle: 3 ways
    ([[0, 0], [0, 0]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]),     # two isolated vertices: 6 ways
    ([[0, 1], [1, 0]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]),     # a 2-cycle into a 3-cycle: no
]


@pytest.mark.parametrize("small,big", PAIRS)
def test_certificates_match_subgraph_isomorphisms(small, big):
    # Lemma 28: G embeds in H iff the game has a (strict) (unilateral) SPI; moreover each
    # subgraph isomorphism phi gives exactly one certificate (T_i -> R_phi(i), corners fixed).
    g = hardness_game(small, big)
    n, m = len(small), len(big)
    red = reduce_dominated(g)
    assert red.reduced.labels == (tuple(f"T{k}" for k in range(2 * n + 2)), tuple(f"D{k}" for k in range(2 * n + 2)))
    brute = subgraph_isomorphisms(small, big)
    omni = find_spis(g)
    assert omni.ok
    assert omni.count == omni.certificates == len(brute)
    assert find_spis(g, strict=True).count == len(brute)
    assert find_spis(g, unilateral=0).count == len(brute)
    assert find_spis(g, unilateral=1).count == 0
    # the certificates are the subgraph isomorphisms themselves
    got = sorted(tuple(int(s.mapping[0][f"T{i}"][1:]) for i in range(n)) for s in omni)
    assert got == sorted(brute)
    for s in omni:
        assert s.mapping[0][f"T{2 * n}"] == f"R{2 * m}" and s.mapping[0][f"T{2 * n + 1}"] == f"R{2 * m + 1}"
    # every unilateral certificate is a strict unilateral SPI of player 0 by is_spi
    for s in find_spis(g, unilateral=0):
        v = is_spi(g, s.substitute, strict=True, unilateral=0)
        assert v.is_spi and v.kind == "isomorphism" and v.changed_players == (0,)


def test_networkx_graphs_and_bad_eps():
    path = nx.path_graph(2)  # undirected: both directions
    tri = nx.complete_graph(3)
    g = hardness_game(path, tri)
    assert find_spis(g).count == len(subgraph_isomorphisms(path, tri)) == 6
    with pytest.raises(InvalidInputError, match="eps must be"):
        hardness_game(path, tri, eps=1)
    with pytest.raises(InvalidInputError, match="square 0/1 matrix"):
        hardness_game([[0, 1, 0]], tri)


@pytest.mark.heavy
def test_random_small_digraphs():
    import random

    rng = random.Random(7)
    for _ in range(4 * HEAVY_SCALE):
        n, m = rng.randint(1, 3), rng.randint(2, 3)
        a = [[int(i != j and rng.random() < 0.5) for j in range(n)] for i in range(n)]
        b = [[int(i != j and rng.random() < 0.5) for j in range(m)] for i in range(m)]
        assert find_spis(hardness_game(a, b)).count == len(subgraph_isomorphisms(a, b))


def test_table9_pair_glues_into_the_game():
    from spi import hardness_pair

    small, big = [[0, 1], [0, 0]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    gam, gam_hat = hardness_pair(small, big)
    glued = hardness_game(small, big)
    assert gam.shape == (6, 6) and gam_hat.shape == (8, 8)
    for k in range(2):
        assert (glued.payoffs[k][:6, :6] == gam.payoffs[k]).all()
        assert (glued.payoffs[k][6:, 6:] == gam_hat.payoffs[k]).all()
    # Gamma-hat is Gamma's table with 5 instead of 4 and 4 instead of 3 for player 0 (delta = 1)
    assert gam.payoffs[0][4, 0] == 3 and gam_hat.payoffs[0][6, 0] == 4
