"""Seeded families of normal-form games, shared by tests and benchmarks.

Every generator takes a ``seed`` (an int, ``None`` or a :class:`numpy.random.Generator`) and
returns a :class:`~solvers.games.NormalFormGame`; the same seed always gives the same game.
Integer-valued families return *exact* games (Fraction payoffs), real-valued ones float games
unless ``exact=True`` is asked.

Families and their sources
--------------------------
``random_game``
    Independent uniform payoffs on ``[low, high)`` (or uniform integers), any number of
    players: the "RandomGame" class of GAMUT (Nudelman, Wortman, Shoham & Leyton-Brown 2004).
``covariance_game``
    GAMUT's "CovariantGame": for every pure profile the payoff vector is drawn from a
    multivariate normal with unit variances and the same correlation ``rho`` between every
    pair of players (``rho = -1/(n-1)`` is as competitive as possible, ``rho = 1`` a common
    interest game).  Nudelman et al. (2004), "Run the GAMUT", AAMAS.
``degenerate_game``
    Payoffs drawn from a small set of integers such as ``{0, 1, 2}``: ties everywhere, hence
    degenerate (more best responses than support size) with high probability.
``duplicated_rows_game``
    A random integer game in which some rows of the row player's strategies are exact copies
    (same payoffs for both players), a classic source of degeneracy (von Stengel 2002,
    Sect. 6).
``unit_vector_game``
    Player 0's payoff matrix has unit column vectors (each column one 1, rest 0), player 1's
    is uniform: Savani & von Stengel (2016), "Unit vector games", Int. J. Economic Theory; the
    family in which Lemke-Howson is PPAD-hard.  Same convention as QuantEcon's generator.
``tournament_game``
    Win-lose game of Anbalagan, Norin, Savani & Vetta (2013): player 0 picks a node of a random
    tournament on ``n`` nodes, player 1 a ``k``-subset; player 0 wins iff her node beats every
    node of the subset, player 1 wins iff the subset contains player 0's node.
``hard_game``
    Savani & von Stengel (2006), "Hard-to-solve bimatrix games", Econometrica 74(2):397-429:
    the square ``d x d`` games (``d`` even) whose two best-response polytopes are both *dual
    cyclic polytopes* with ``2d`` facets, labeled (identity for one, the authors' permutation
    for the other) so that the Lemke-Howson path from *every* starting label is exponentially
    long; the game has a unique, completely mixed equilibrium.  The labelings are the paper's;
    the payoff numbers come from our moment-curve realization (see :func:`hard_game`).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ._validate import check_bool, check_int
from .errors import InvalidInputError, LimitError, bad_param
from .games import MAX_PROFILES, NormalFormGame

__all__ = [
    "rng",
    "random_game",
    "covariance_game",
    "degenerate_game",
    "duplicated_rows_game",
    "unit_vector_game",
    "tournament_game",
    "hard_game",
]

SeedLike = int | None | np.random.Generator


def rng(seed: SeedLike, func: str = "rng") -> np.random.Generator:
    """A :class:`numpy.random.Generator` from an int seed, ``None`` or a Generator."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0):
        return np.random.default_rng(None if seed is None else int(seed))
    raise InvalidInputError(bad_param(func, "seed", "a nonnegative int, None or a numpy Generator", seed))


def _shape(func: str, shape: Any) -> tuple[int, ...]:
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (int(shape), int(shape))
    try:
        out = tuple(int(m) for m in shape)
    except (TypeError, ValueError):
        raise InvalidInputError(bad_param(func, "shape", "a sequence of positive ints", shape)) from None
    if len(out) < 1 or any(m <= 0 for m in out):
        raise InvalidInputError(bad_param(func, "shape", "a nonempty sequence of positive ints", shape))
    _check_cells(func, "shape", out)
    return out


def _check_cells(func: str, param: str, shape: tuple[int, ...]) -> None:
    """At most ``MAX_PROFILES`` pure profiles (10**30 actions raised numpy's bare ValueError
    "Maximum allowed dimension exceeded")."""
    if math.prod(shape) > MAX_PROFILES:
        raise LimitError(bad_param(func, param, f"small enough for at most MAX_PROFILES={MAX_PROFILES} pure profiles",
                                   f"shape {shape}", raw=True))


def _check_real(func: str, name: str, value: Any) -> float:
    """A finite real number, not a bool ('x', None and [1] raised TypeError, True was 1.0)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not math.isfinite(value):
        raise InvalidInputError(bad_param(func, name, "a finite real number", value))
    return value


def random_game(
    shape: Sequence[int] | int,
    seed: SeedLike = None,
    low: float = 0.0,
    high: float = 1.0,
    *,
    integer: bool = False,
    exact: bool | None = None,
) -> NormalFormGame:
    """Independent uniform payoffs (GAMUT "RandomGame").

    Parameters
    ----------
    shape : sequence of int or int
        Actions per player; an int ``m`` means ``(m, m)``.
    seed : int, None or numpy.random.Generator
    low, high : float
        Payoffs uniform on ``[low, high)``; with ``integer=True`` uniform integers in
        ``[low, high]`` (both ends included).
    integer : bool
        Integer payoffs (an exact game unless ``exact=False``).
    exact : bool, optional
        Force an exact (Fraction) or float game; default: exact iff ``integer``.
    """
    func = "random_game"
    shp = _shape(func, shape)
    low = _check_real(func, "low", low)
    high = _check_real(func, "high", high)
    integer = check_bool(func, "integer", integer)
    if exact is not None:
        exact = check_bool(func, "exact", exact)
    if integer and max(abs(low), abs(high)) >= 2**62:
        raise InvalidInputError(bad_param(func, "high", "with low within +-2**62 when integer=True", (low, high)))
    if high < low or (not integer and high == low):
        raise InvalidInputError(bad_param(func, "high", f"a finite number > low={low}", high))
    g = rng(seed, func)
    n = len(shp)
    if integer:
        lo, hi = int(math.ceil(low)), int(math.floor(high))
        if hi < lo:
            raise InvalidInputError(bad_param(func, "high", f"with low an integer range; low={low}", high))
        arrs = [g.integers(lo, hi + 1, size=shp) for _ in range(n)]
    else:
        arrs = [g.uniform(low, high, size=shp) for _ in range(n)]
    if exact is None:
        exact = bool(integer)
    return NormalFormGame.from_arrays(*arrs, exact=exact, title=f"random_game{shp}")


def covariance_game(
    shape: Sequence[int] | int,
    rho: float,
    seed: SeedLike = None,
) -> NormalFormGame:
    """GAMUT's covariant game: correlated normal payoffs (Nudelman et al. 2004).

    For each pure profile the payoff vector ``(u_0, ..., u_{n-1})`` is multivariate normal with
    mean 0, unit variances and correlation ``rho`` between every two players.

    Parameters
    ----------
    shape : sequence of int or int
    rho : float
        In ``[-1/(n-1), 1]`` (the covariance matrix must be positive semidefinite).
    seed : int, None or numpy.random.Generator
    """
    func = "covariance_game"
    shp = _shape(func, shape)
    n = len(shp)
    if n < 2:
        raise InvalidInputError(bad_param(func, "shape", "at least two players", shape))
    lo = -1.0 / (n - 1)
    if isinstance(rho, (bool, np.bool_)) or not isinstance(rho, (int, float, np.floating, np.integer)) \
            or not (lo - 1e-12 <= rho <= 1.0):
        raise InvalidInputError(bad_param(func, "rho", f"a number in [{lo:g}, 1]", rho))
    g = rng(seed, func)
    cov = np.full((n, n), float(rho))
    np.fill_diagonal(cov, 1.0)
    # symmetric PSD factor via eigen-decomposition (robust at the boundary of the range)
    w, V = np.linalg.eigh(cov)
    L = V * np.sqrt(np.clip(w, 0.0, None))
    cells = int(np.prod(shp))
    Z = g.standard_normal((cells, n)) @ L.T
    arrs = [Z[:, i].reshape(shp) for i in range(n)]
    return NormalFormGame.from_arrays(*arrs, exact=False, title=f"covariance_game{shp}, rho={rho}")


def degenerate_game(
    m: int,
    n: int,
    values: Sequence[int] = (0, 1, 2),
    seed: SeedLike = None,
) -> NormalFormGame:
    """An exact ``m x n`` bimatrix game with payoffs drawn uniformly from ``values``.

    With few distinct values there are ties everywhere, so the game is degenerate with high
    probability (e.g. the ``{0, 1, 2}`` 8x8 games in issue 3's benchmark).
    """
    func = "degenerate_game"
    m = check_int(func, "m", m)
    n = check_int(func, "n", n)
    _check_cells(func, "m", (m, n))
    try:
        vals = list(values) if not isinstance(values, (str, bytes)) else []
    except TypeError:  # (an int raised "'int' object is not iterable")
        vals = []
    if not vals or not all(isinstance(v, (int, Fraction, float, np.integer, np.floating))
                           and not isinstance(v, (bool, np.bool_)) and math.isfinite(v) for v in vals):
        raise InvalidInputError(bad_param(func, "values", "a nonempty sequence of numbers", values))
    g = rng(seed, func)
    idx_a = g.integers(0, len(vals), size=(m, n))
    idx_b = g.integers(0, len(vals), size=(m, n))
    A = np.array([[vals[k] for k in row] for row in idx_a], dtype=object)
    B = np.array([[vals[k] for k in row] for row in idx_b], dtype=object)
    return NormalFormGame.bimatrix(A, B, title=f"degenerate_game({m}x{n}, values={tuple(vals)})")


def duplicated_rows_game(
    m: int,
    n: int,
    seed: SeedLike = None,
    *,
    distinct: int | None = None,
    high: int = 9,
) -> NormalFormGame:
    """An exact ``m x n`` game whose rows repeat: only ``distinct`` different rows.

    ``distinct`` defaults to ``ceil(m / 2)``; each distinct row (both players' payoffs) is drawn
    uniformly from ``0..high`` and every one of them appears at least once, in random order.
    Duplicate strategies make the game degenerate (von Stengel 2002, Sect. 6).
    """
    func = "duplicated_rows_game"
    m = check_int(func, "m", m)
    n = check_int(func, "n", n)
    k = (m + 1) // 2 if distinct is None else check_int(func, "distinct", distinct)
    if k > m:
        raise InvalidInputError(bad_param(func, "distinct", f"at most m={m}", distinct))
    _check_cells(func, "m", (m, n))
    high = check_int(func, "high", high)
    if high >= 2**62:  # (10**30: numpy's "high is out of bounds for int64")
        raise InvalidInputError(bad_param(func, "high", "below 2**62", high))
    g = rng(seed, func)
    A0 = g.integers(0, high + 1, size=(k, n))
    B0 = g.integers(0, high + 1, size=(k, n))
    idx = np.concatenate([np.arange(k), g.integers(0, k, size=m - k)])
    g.shuffle(idx)
    return NormalFormGame.bimatrix(A0[idx], B0[idx], title=f"duplicated_rows_game({m}x{n}, distinct={k})")


def unit_vector_game(
    m: int,
    n: int | None = None,
    seed: SeedLike = None,
    *,
    avoid_pure_nash: bool = False,
) -> NormalFormGame:
    """Unit vector game (Savani & von Stengel 2016): ``A = [e_{l(0)}, ..., e_{l(n-1)}]``.

    Player 0's payoff for column ``j`` is 1 in row ``l(j)`` (uniform random) and 0 elsewhere;
    player 1's payoffs are uniform on ``[0, 1)``.  With ``avoid_pure_nash=True`` each column's 1
    is placed away from the rows where player 1's best response is that column, so there is
    no pure equilibrium (needs ``m >= 2``), as in QuantEcon's generator.
    """
    func = "unit_vector_game"
    m = check_int(func, "m", m)
    n = m if n is None else check_int(func, "n", n)
    _check_cells(func, "m", (m, n))
    avoid_pure_nash = check_bool(func, "avoid_pure_nash", avoid_pure_nash)
    if avoid_pure_nash and m < 2:
        raise InvalidInputError(bad_param(func, "m", "at least 2 with avoid_pure_nash=True", m))
    g = rng(seed, func)
    B = g.random((m, n))
    A = np.zeros((m, n))
    if avoid_pure_nash:
        # pure equilibrium (i, j) needs A[i, j] = 1 and j a best response of player 1 to row i
        if n < 2:
            raise InvalidInputError(bad_param(func, "n", "at least 2 with avoid_pure_nash=True", n))
        best_col = B.argmax(axis=1)
        if np.all(best_col == best_col[0]):
            # every row's best column is the same j: make row 0 prefer another column
            j, j2 = int(best_col[0]), (int(best_col[0]) + 1) % n
            B[0, j], B[0, j2] = B[0, j2], B[0, j]
            best_col = B.argmax(axis=1)
        for j in range(n):
            allowed = np.nonzero(best_col != j)[0]
            A[int(allowed[int(g.integers(0, allowed.size))]), j] = 1.0
    else:
        A[g.integers(0, m, size=n), np.arange(n)] = 1.0
    return NormalFormGame.bimatrix(A, B, exact=False, title=f"unit_vector_game({m}x{n})")


def tournament_game(n: int, k: int, seed: SeedLike = None) -> NormalFormGame:
    """Win-lose tournament game of Anbalagan, Norin, Savani & Vetta (2013).

    Player 0 chooses a node of a random tournament on ``n`` nodes (each edge oriented by a fair
    coin), player 1 a ``k``-subset of nodes (in lexicographic order).  Player 0 gets 1 iff her
    node beats every node of the subset; player 1 gets 1 iff the subset contains player 0's
    node.  Exact game of shape ``(n, C(n, k))``.
    """
    func = "tournament_game"
    n = check_int(func, "n", n, 2)
    k = check_int(func, "k", k)
    if k > n:
        raise InvalidInputError(bad_param(func, "k", f"at most n={n}", k))
    cols = math.comb(n, k)
    if n * cols > 10_000_000:
        raise LimitError(bad_param(func, "n", "small enough that n * C(n, k) <= 10**7", (n, k)))
    g = rng(seed, func)
    beats = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            if g.random() < 0.5:
                beats[i, j] = True
            else:
                beats[j, i] = True
    subsets = list(itertools.combinations(range(n), k))
    A = np.zeros((n, cols), dtype=np.int64)
    B = np.zeros((n, cols), dtype=np.int64)
    for c, S in enumerate(subsets):
        for i in range(n):
            if all(beats[i, s] for s in S):
                A[i, c] = 1
            if i in S:
                B[i, c] = 1
    labels = [[str(i) for i in range(n)], ["{" + ",".join(map(str, S)) + "}" for S in subsets]]
    return NormalFormGame.bimatrix(A, B, labels=labels, title=f"tournament_game(n={n}, k={k})")


def _dual_cyclic_form(d: int) -> list[list[Fraction]]:
    """Rows ``g_k`` (k = d..2d-1) of ``{x >= 0 : g_k . x <= 1}``, a dual cyclic polytope.

    The polar of the cyclic polytope ``conv{(t, t^2, ..., t^d) : t = 1..2d}`` (centred at its
    centroid) is ``{z : c_k . z <= 1}`` with ``2d`` facets in the cyclic (Gale) order.  For
    even ``d`` the first ``d`` facets meet in a vertex (Gale's evenness condition); taking their
    slacks as coordinates ``x_i = 1 - c_i . z`` maps it to ``x = 0`` and the other facets to
    ``g_k . x <= 1`` with ``g_k = -(c_k M^{-1}) / (1 - c_k M^{-1} 1)``, ``M`` the matrix of the
    first ``d`` facet normals.  Facet ``F_s`` (``s < d``) is ``x_s >= 0``, facet ``F_{d+t}`` is
    row ``t`` of the result.
    """
    from ._exact import solve_square

    n = 2 * d
    C = [[Fraction(k + 1) ** p for p in range(1, d + 1)] for k in range(n)]
    mu = [sum(C[k][p] for k in range(n)) / n for p in range(d)]
    C = [[C[k][p] - mu[p] for p in range(d)] for k in range(n)]
    MT = [[C[i][p] for i in range(d)] for p in range(d)]  # M^T, M rows = first d normals
    rows = []
    for k in range(d, n):
        g = solve_square(MT, C[k])  # g = c_k M^{-1}  (M^T g^T = c_k^T)
        if g is None:  # pragma: no cover - the moment curve gives a nonsingular M
            raise RuntimeError("hard_game(): singular facet matrix")
        delta = 1 - sum(g)
        rows.append([-v / delta for v in g])
    return rows


def _hard_game_labels(d: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Labels of the facets of ``P`` and ``Q`` in Gale order (Savani & von Stengel 2006).

    0-based labels: ``i < d`` is row ``i``, ``d + j`` is column ``j``.  ``P`` carries the
    identity ``0, 1, ..., 2d-1``; ``Q`` the involution that fixes ``0`` and ``d-1``, swaps the
    inner pairs ``(1, 2), (3, 4), ..., (d-3, d-2)`` of the first half and the pairs
    ``(d, d+1), ..., (2d-2, 2d-1)`` of the second half (for ``d = 6``, 1-based:
    ``1 3 2 5 4 6 | 8 7 10 9 12 11``).
    """
    perm = list(range(2 * d))
    for i in range(1, d - 2, 2):
        perm[i], perm[i + 1] = perm[i + 1], perm[i]
    for i in range(d, 2 * d, 2):
        perm[i], perm[i + 1] = perm[i + 1], perm[i]
    return tuple(range(2 * d)), tuple(perm)


def hard_game(d: int, *, integer: bool = True) -> NormalFormGame:
    """Savani & von Stengel's square game on which every Lemke-Howson path is exponentially long.

    Savani & von Stengel (2006), "Hard-to-solve bimatrix games", Econometrica 74(2):397-429
    (FOCS 2004: "Exponentially many steps for finding a Nash equilibrium in a bimatrix game";
    LSE-CDAM-2003-14: "Long Lemke-Howson paths"): the ``d x d`` game, ``d`` even, whose two
    best-response polytopes

        P = {x >= 0 : B^T x <= 1},      Q = {y >= 0 : A y <= 1}

    are both the *dual cyclic polytope* in dimension ``d`` with ``2d`` facets, whose vertices
    are the bitstrings of ``d`` ones out of ``2d`` satisfying Gale's evenness condition (read
    as a loop: every maximal run of ones has even length).  With 1-based labels (rows
    ``1..d``, columns ``d+1..2d``) the facets of ``P`` in Gale order have the labels
    ``1, 2, ..., 2d`` and those of ``Q`` the labels ``l(k)`` of the permutation

        l(1) = 1,  l(d) = d,  l(2i) = 2i+1,  l(2i+1) = 2i          (1 <= i < d/2),
        l(d+2i-1) = d+2i,  l(d+2i) = d+2i-1                        (1 <= i <= d/2),

    e.g. ``1 3 2 5 4 6 | 8 7 10 9 12 11`` for ``d = 6``.  This is the "permutation of second
    polytope" of the research program "LH-paths on cyclic polytopes" (Bellairs / LSE, March
    2003, the months before LSE-CDAM-2003-14; edited by R. Savani in 2012), and Gambit's test
    game "6x6 Long Lemke-Howson Paths, unique eq" (gambitproject/gambit, ``tests/games.py``)
    has exactly these labelings (checked in our tests).  The artificial equilibrium ``(0, 0)`` is the vertex pair
    ``(1^d 0^d, 0^d 1^d)``.

    Properties (computed, see ``tests/solvers/test_generators.py``): the game has a unique
    Nash equilibrium, completely mixed (the vertex pair ``(0^d 1^d, 1^d 0^d)``), so all
    ``2d`` Lemke-Howson paths end there.  Their lengths (pivots) are, label by label,

    ====  =====================================================================
    d     labels 1..d | d+1..2d
    ====  =====================================================================
    2     4 4 | 4 4
    4     20 8 8 20 | 10 10 10 10
    6     88 24 24 24 24 88 | 36 36 16 16 36 36
    8     376 92 92 40 40 92 92 376 | 146 146 42 42 42 42 146 146
    10    1596 380 380 108 108 108 108 380 380 1596 | 612 612 152 152 68 68 152 152 612 612
    ====  =====================================================================

    The longest path (labels ``1`` and ``d``) has ``F(3d/2 + 2) - 1`` pivots (``F`` the
    Fibonacci numbers, ``F(1) = F(2) = 1``); the shortest has ``2 F(3(d+2)/4)`` pivots for
    ``d = 2 mod 4`` and ``2 (F(3d/4 + 2) - 1)`` for ``d = 0 mod 4``, so it grows like
    ``phi^(3d/4)`` (``phi`` the golden ratio), exponentially in ``d`` even in the best case,
    which is the paper's theorem.  These closed forms were checked for ``d <= 20`` (Gale-string
    pivoting) and ``d <= 10`` (exact pivoting on the payoffs); they are our summary of the
    computed lengths, not formulas quoted from the paper.

    Parameters
    ----------
    d : int
        Even dimension ``>= 2`` (at most 30); the game is ``d x d``.
    integer : bool
        Scale each payoff matrix by a positive integer to integer payoffs (default); otherwise
        keep the rational values.  Positive scaling changes neither equilibria nor paths.

    Returns
    -------
    NormalFormGame
        An exact (Fraction) ``d x d`` bimatrix game.

    Raises
    ------
    InvalidInputError
        If ``d`` is not an even int ``>= 2``.
    LimitError
        If ``d > 30`` (the entries grow like ``(2d)^d``).

    Notes
    -----
    Realization.  ``P`` is the polar of ``conv{(t, ..., t^d) : t = 1, ..., 2d}`` about its
    centroid, mapped projectively so that its first ``d`` facets become ``x >= 0``
    (:func:`_dual_cyclic_form`).  ``Q`` is the same polytope with its facet cycle rotated by
    ``d`` (for even ``d`` a rotation of the Gale order is a combinatorial automorphism of the
    dual cyclic polytope), so that the facets labeled by columns become ``y >= 0``.
    Lemke-Howson paths and equilibrium supports depend only on this combinatorial structure,
    so they are the paper's; the payoff *numbers* are ours (the paper's matrices are not
    reproduced here; Gambit's 6x6 instance uses other numbers with the same combinatorics).
    The entries grow like ``(2d)^d`` (about ``1.8e10`` for ``d = 10``): float pivoting loses
    its way from about ``d = 10`` on, exact integer pivoting does not.
    """
    func = "hard_game"
    d = check_int(func, "d", d, 2)
    integer = check_bool(func, "integer", integer)
    if d % 2:
        raise InvalidInputError(bad_param(func, "d", "an even int >= 2", d))
    if d > 30:
        raise LimitError(bad_param(func, "d", "at most 30 (the entries grow like (2d)^d)", d))
    G = _dual_cyclic_form(d)
    lab_p, lab_q = _hard_game_labels(d)
    A = np.empty((d, d), dtype=object)
    B = np.empty((d, d), dtype=object)
    # P: Gale position s < d is x_s >= 0 (row lab_p[s]); position d + t is G[t] . x <= 1, the
    # best-response facet of column lab_p[d + t] - d.  So B[row, column] = G[t][s].
    for t in range(d):
        for s in range(d):
            B[lab_p[s], lab_p[d + t] - d] = G[t][s]
    # Q: rotate the Gale order by d, so Gale position d + s (a column label) is y_s >= 0 and
    # position t (a row label) is the facet G[t] . y <= 1 of row lab_q[t].
    for t in range(d):
        for s in range(d):
            A[lab_q[t], lab_q[d + s] - d] = G[t][s]
    if integer:
        for M in (A, B):
            den = 1
            for v in M.ravel():
                den = den * v.denominator // math.gcd(den, v.denominator)
            for idx in np.ndindex(M.shape):
                M[idx] = Fraction(int(M[idx] * den))
    return NormalFormGame.bimatrix(A, B, title=f"hard_game(d={d})")
