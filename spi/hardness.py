"""The NP-hardness construction: subgraph isomorphism -> SPI existence (graph pair -> game).

Oesterheld & Conitzer (2022), Theorem 9 and Appendix D.3 (Definition 8, Lemma 28, Tables 9
and 10).  The *subgraph isomorphism problem* (Definition 8): given directed graphs
``G = ([n], a)`` and ``H = ([m], b)`` (``a(j, l) in {0, 1}``), is there an injection
``phi : [n] -> [m]`` with ``a(j, l) <= b(phi(j), phi(l))`` for all ``j != l``?

From ``G`` and ``H`` the appendix builds two games of ``2n+2`` resp. ``2m+2`` actions per
player (Table 9; actions ``1..n``, ``n+1..2n`` and two corner actions ``2n+1``, ``2n+2``)
and glues them into one two-player game ``G^c`` (Table 10): player 0 has ``T x [2n+2]`` and
``R x [2m+2]``, player 1 ``D x [2n+2]`` and ``P x [2m+2]``; ``T x D`` is the game of ``G``,
``R x P`` the (slightly better for player 0) game of ``H``, ``R x D`` pays ``(-2, -1)`` and
``T x P`` pays ``(10, -10)``.  Iterated strict dominance removes the ``R`` and then the ``P``
actions, and Lemma 28 says: ``G`` is a subgraph of ``H`` iff ``G^c`` has a (strict)
(unilateral) SPI.

Payoffs (0-based ``i, j`` within a block; ``delta = 0`` for ``G``, ``1`` for ``H``;
``0 < eps < 1/(2 max(n, m))``), player 0 / player 1:

* ``(i, j)``: ``2 / 2`` if ``i = j``, else ``a(i, j) / 1``;
* ``(i, n+j)``: ``4 + delta + (n + i + 1) eps / 4`` if ``i = j``, else ``-1 / -1``;
* ``(n+i, j)``: ``4 + delta + (j + 1) eps / 4`` if ``i = j``, else ``-1 / -1``;
* ``(n+i, n+j)``: ``-1 / -1``;
* rows ``[2n]`` against the corner columns: ``0 / 3``; corner rows against ``[2n]``: ``3 + delta / 0``;
* corners ``(c, c')``: player 0 gets 6 at ``(2n+1, 2n+1)`` else ``eps``; player 1 gets 6 at
  ``(2n+2, 2n+2)`` else ``eps``.

Erratum D18: the printed formula and Table 9 disagree on the eight entries "rows ``[2n]``
against corner columns" (player 0) and "corner rows against ``[2n]``" (player 1): the formula
says ``eps``, the table ``0``.  With ``eps`` no column of the unilateral candidate is ever
strictly dominated once the corner rows are present, and the proof fails; we follow the
table.  Erratum D21: ``eps > 0`` is needed.  ``n >= 1`` replaces the printed "WLOG n, m >= 2".
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from solvers.errors import InvalidInputError, bad_param
from solvers.games import NormalFormGame
from solvers.numbers import to_fraction

__all__ = ["hardness_game", "hardness_pair", "subgraph_isomorphisms", "adjacency"]


def adjacency(graph: Any, *, func: str = "adjacency", param: str = "graph") -> np.ndarray:
    """A 0/1 adjacency matrix from a networkx graph, or a square nested list/array of 0/1/bools.

    Undirected networkx graphs give symmetric matrices; self-loops are ignored.
    """
    try:
        import networkx as nx

        if isinstance(graph, nx.Graph):
            nodes = list(graph.nodes)
            mat = np.zeros((len(nodes), len(nodes)), dtype=int)
            pos = {v: k for k, v in enumerate(nodes)}
            for u, v in graph.edges:
                if u != v:
                    mat[pos[u], pos[v]] = 1
                    if not graph.is_directed():
                        mat[pos[v], pos[u]] = 1
            return mat
    except ImportError:  # pragma: no cover
        pass
    try:
        mat = np.asarray(graph, dtype=object)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, param, "a networkx graph or a square 0/1 matrix", graph)) from None
    if mat.ndim != 2 or mat.shape[0] != mat.shape[1]:
        raise InvalidInputError(bad_param(func, param, "a networkx graph or a square 0/1 matrix", graph))
    out = np.zeros(mat.shape, dtype=int)
    for (i, j), v in np.ndenumerate(mat):
        if v not in (0, 1, True, False):
            raise InvalidInputError(bad_param(func, param, "a 0/1 (or boolean) adjacency matrix", graph))
        if i != j:
            out[i, j] = int(bool(v))
    return out


def subgraph_isomorphisms(small: Any, big: Any, *, max_count: int | None = None) -> list[tuple[int, ...]]:
    """All injections ``phi`` with ``a(j, l) <= b(phi(j), phi(l))`` for ``j != l``, by brute force."""
    a = adjacency(small, func="subgraph_isomorphisms", param="small")
    b = adjacency(big, func="subgraph_isomorphisms", param="big")
    n, m = a.shape[0], b.shape[0]
    out = []
    for phi in itertools.permutations(range(m), n):
        if all(a[j, l] <= b[phi[j], phi[l]] for j in range(n) for l in range(n) if j != l):
            out.append(phi)
            if max_count is not None and len(out) >= max_count:
                break
    return out


def _table9(a: np.ndarray, eps: Fraction, delta: int) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    n = a.shape[0]
    N = 2 * n + 2
    u1 = [[Fraction(0)] * N for _ in range(N)]
    u2 = [[Fraction(0)] * N for _ in range(N)]
    c1, c2 = 2 * n, 2 * n + 1
    for r in range(N):
        for c in range(N):
            rb = 0 if r < n else (1 if r < 2 * n else 2)
            cb = 0 if c < n else (1 if c < 2 * n else 2)
            i = r if rb == 0 else r - n
            j = c if cb == 0 else c - n
            if rb == 0 and cb == 0:
                x = Fraction(2) if i == j else Fraction(int(a[i, j]))
                y = Fraction(2) if i == j else Fraction(1)
            elif rb == 0 and cb == 1:
                x = 4 + delta + (n + i + 1) * eps if i == j else Fraction(-1)
                y = Fraction(4) if i == j else Fraction(-1)
            elif rb == 1 and cb == 0:
                x = 4 + delta + (j + 1) * eps if i == j else Fraction(-1)
                y = Fraction(4) if i == j else Fraction(-1)
            elif rb == 1 and cb == 1:
                x, y = Fraction(-1), Fraction(-1)
            elif rb < 2 and cb == 2:
                x, y = Fraction(0), Fraction(3)
            elif rb == 2 and cb < 2:
                x, y = Fraction(3 + delta), Fraction(0)
            else:
                x = Fraction(6) if (r == c1 and c == c1) else eps
                y = Fraction(6) if (r == c2 and c == c2) else eps
            u1[r][c] = Fraction(x)
            u2[r][c] = Fraction(y)
    return u1, u2


def _eps(func: str, n: int, m: int, eps: Any) -> Fraction:
    top = max(n, m)
    if eps is None:
        return Fraction(1, 4 * top)
    e = to_fraction(eps, func=func, param="eps")
    if not (0 < e < Fraction(1, 2 * top)):
        raise InvalidInputError(bad_param(func, "eps", f"a number with 0 < eps < 1/(2*{top})", eps))
    return e


def hardness_pair(small: Any, big: Any, *, eps: Any = None) -> tuple[NormalFormGame, NormalFormGame]:
    """The two games of Table 9: ``Gamma`` from ``small`` (``delta = 0``) and ``Gamma-hat`` from
    ``big`` (``delta = 1``), before they are glued by :func:`hardness_game`."""
    func = "hardness_pair"
    a = adjacency(small, func=func, param="small")
    b = adjacency(big, func=func, param="big")
    e = _eps(func, a.shape[0], b.shape[0], eps)
    out = []
    for mat, delta in ((a, 0), (b, 1)):
        u1, u2 = _table9(mat, e, delta)
        k = mat.shape[0]
        labs = [str(x) for x in range(1, 2 * k + 3)]
        out.append(NormalFormGame.from_arrays(u1, u2, labels=[labs, labs],
                                              title=f"Table 9 game of a {k}-vertex graph (delta={delta})"))
    return out[0], out[1]


def hardness_game(small: Any, big: Any, *, eps: Any = None) -> NormalFormGame:
    """The game ``G^c`` of Table 10 built from graphs ``small`` (``G``) and ``big`` (``H``).

    ``G`` is a subgraph of ``H`` iff the game has a (strict) (unilateral) SPI (Lemma 28).
    ``eps`` defaults to ``1 / (4 max(n, m))``; it must satisfy ``0 < eps < 1/(2 max(n, m))``.
    Labels: player 0 ``T0..T{2n+1}``, ``R0..R{2m+1}``; player 1 ``D0..``, ``P0..``.
    """
    func = "hardness_game"
    a = adjacency(small, func=func, param="small")
    b = adjacency(big, func=func, param="big")
    n, m = a.shape[0], b.shape[0]
    if n < 1 or m < 1:
        raise InvalidInputError(bad_param(func, "small", "graphs with at least one vertex", (n, m)))
    eps = _eps(func, n, m, eps)
    g1, g2 = _table9(a, eps, 0)
    h1, h2 = _table9(b, eps, 1)
    NG, NH = 2 * n + 2, 2 * m + 2
    size = NG + NH
    U1 = [[Fraction(0)] * size for _ in range(size)]
    U2 = [[Fraction(0)] * size for _ in range(size)]
    for r in range(size):
        for c in range(size):
            if r < NG and c < NG:
                U1[r][c], U2[r][c] = g1[r][c], g2[r][c]
            elif r >= NG and c >= NG:
                U1[r][c], U2[r][c] = h1[r - NG][c - NG], h2[r - NG][c - NG]
            elif r >= NG and c < NG:
                U1[r][c], U2[r][c] = Fraction(-2), Fraction(-1)
            else:
                U1[r][c], U2[r][c] = Fraction(10), Fraction(-10)
    labels0 = [f"T{k}" for k in range(NG)] + [f"R{k}" for k in range(NH)]
    labels1 = [f"D{k}" for k in range(NG)] + [f"P{k}" for k in range(NH)]
    return NormalFormGame.from_arrays(U1, U2, labels=[labels0, labels1],
                                      title=f"SPI hardness game ({n}-vertex graph into {m}-vertex graph)")
