"""NormalFormGame and MixedProfile: construction, validation, exact vs float, certificates."""

from fractions import Fraction as F
import math
import pickle

import numpy as np
import pytest
from hypothesis import given, strategies as st

from solvers import (
    CoopTheoryError,
    InvalidGameError,
    InvalidInputError,
    InvalidProbabilityError,
    InvalidProfileError,
    LimitError,
    MixedProfile,
    NormalFormGame,
)
from solvers.strategies import bimatrix_games, games, mixed_profiles, zero_sum_games

PD_A = [[3, 0], [5, 1]]
PD_B = [[3, 5], [0, 1]]


def pd():
    return NormalFormGame.from_arrays(PD_A, PD_B, labels=[["C", "D"], ["C", "D"]])


class TestConstruction:
    def test_from_arrays_forms_agree(self):
        g1 = NormalFormGame.from_arrays(PD_A, PD_B)
        g2 = NormalFormGame.from_arrays([PD_A, PD_B])
        g3 = NormalFormGame.bimatrix(np.array(PD_A), np.array(PD_B))
        g4 = NormalFormGame.from_stacked(np.stack([PD_A, PD_B], axis=-1))
        g5 = NormalFormGame.from_payoff_function((2, 2), lambda a, b: (PD_A[a][b], PD_B[a][b]))
        assert g1 == g2 == g3 == g4 == g5
        assert hash(g1) == hash(g5)
        assert g1.exact and g1.shape == (2, 2) and g1.n_players == 2

    def test_payoff_indexing_convention(self):
        # payoffs[i][a_0, ..., a_{n-1}] for every player i
        g = NormalFormGame.from_payoff_function((2, 3, 4), lambda a, b, c: (100 * a + 10 * b + c, -a, b * c))
        assert g.payoffs[0][1, 2, 3] == 123
        assert g.payoffs[1][1, 2, 3] == -1
        assert g.payoffs[2][1, 2, 3] == 6
        assert g.payoff((1, 2, 3)) == (123, -1, 6)

    def test_exactness_follows_numbers(self):
        assert NormalFormGame.from_arrays([[1, 2]], [[F(1, 3), "3/4"]]).exact
        g = NormalFormGame.from_arrays([[0.1, 2]], [[1, 2]])
        assert not g.exact and g.payoffs[0].dtype == np.float64
        ge = NormalFormGame.from_arrays([[0.1, 2]], [[1, 2]], exact=True)
        # a float is read through its decimal text
        assert ge.payoffs[0][0, 0] == F(1, 10)
        assert g.as_exact() == ge
        assert ge.as_float().payoffs[0][0, 0] == 0.1
        gf = NormalFormGame.from_arrays([[1, 2]], [[3, 4]], exact=False)
        assert not gf.exact

    def test_immutable(self):
        g = pd()
        with pytest.raises(ValueError):
            g.payoffs[0][0, 0] = 7
        with pytest.raises(AttributeError):
            g.exact = False  # type: ignore[misc]

    def test_zero_sum_and_symmetric(self):
        z = NormalFormGame.zero_sum([[1, -2], [3, 0]])
        assert z.is_zero_sum()
        assert z.payoffs[1][0, 1] == 2
        s = NormalFormGame.symmetric([[1, 2], [3, 4]], labels=["a", "b"])
        assert s.is_symmetric() and s.payoffs[1][0, 1] == 3
        assert s.labels == (("a", "b"), ("a", "b"))
        assert not pd().is_zero_sum()

    def test_labels_and_lookup(self):
        g = pd()
        assert g.action_index(1, "D") == 1
        assert g.payoff(["D", "C"]) == (5, 0)
        assert g["C", "C"] == (3, 3)
        with pytest.raises(InvalidInputError, match="action"):
            g.action_index(0, "X")

    def test_restrict_permute_transpose(self):
        g = NormalFormGame.from_payoff_function((2, 3, 2), lambda a, b, c: (a + b, b * c, a - c))
        sub = g.restrict([[1], [2, 0], [0, 1]])
        assert sub.shape == (1, 2, 2)
        assert sub.payoffs[0][0, 0, 1] == g.payoffs[0][1, 2, 1]
        assert sub.labels[1] == ("2", "0")
        h = g.permute_players([2, 0, 1])
        # new player k is old player order[k]; new profile (c, a, b)
        assert h.payoffs[0][1, 0, 2] == g.payoffs[2][0, 2, 1]
        t = pd().transpose()
        assert t.payoffs[0][0, 1] == PD_B[1][0]

    def test_pickle_roundtrip(self):
        g = pd()
        assert pickle.loads(pickle.dumps(g)) == g
        p = g.profile([F(1, 3), F(2, 3)], [1, 0])
        assert pickle.loads(pickle.dumps(p)) == p

    def test_repr_and_html(self):
        g = pd()
        assert "3, 3" in repr(g) and "exact" in repr(g)
        assert "<table>" in g._repr_html_()
        assert g.to_dict(jsonable=True)["payoffs"][0][1][0] == "5"


class TestBadInput:
    @pytest.mark.parametrize(
        "args, match",
        [
            (([[1, 2], [3]], [[1, 2], [3, 4]]), "rectangular"),
            (([[1, 2], [3, 4]], [[1, 2, 3], [3, 4, 5]]), "same shape"),
            (([[1, float("nan")], [3, 4]], [[1, 2], [3, 4]]), "finite"),
            (([[1, float("inf")], [3, 4]], [[1, 2], [3, 4]]), "finite"),
            (([[1, 2], [3, 4]], [[1, 2], [3, "x"]]), "number"),
            ((np.zeros((0, 2)), np.zeros((0, 2))), "nonempty"),
            (([1, 2], [3, 4]), "axis per player"),
        ],
    )
    def test_bad_payoffs(self, args, match):
        with pytest.raises(InvalidGameError, match=match) as info:
            NormalFormGame.from_arrays(*args)
        assert "payoffs" in str(info.value)
        assert isinstance(info.value, ValueError) and isinstance(info.value, CoopTheoryError)

    def test_message_form(self):
        with pytest.raises(InvalidGameError) as info:
            NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, 2], [3, float("nan")]])
        assert str(info.value).startswith("NormalFormGame.from_arrays(): payoffs[1] must be")
        assert "got" in str(info.value)

    def test_bad_labels_and_players(self):
        with pytest.raises(InvalidGameError, match="labels"):
            NormalFormGame.from_arrays(PD_A, PD_B, labels=[["C"], ["C", "D"]])
        with pytest.raises(InvalidGameError, match="distinct"):
            NormalFormGame.from_arrays(PD_A, PD_B, labels=[["C", "C"], ["C", "D"]])
        with pytest.raises(InvalidGameError, match="players"):
            NormalFormGame.from_arrays(PD_A, PD_B, players=["a"])

    def test_single_array_gets_hint(self):
        with pytest.raises(InvalidGameError, match="from_stacked"):
            NormalFormGame(np.zeros((2, 2, 2)))

    def test_size_limit(self):
        with pytest.raises(LimitError, match="MAX_PROFILES"):
            NormalFormGame.from_payoff_function((10**4, 10**4), lambda a, b: (0, 0))

    def test_symmetric_needs_square(self):
        with pytest.raises(InvalidGameError, match="square"):
            NormalFormGame.symmetric([[1, 2, 3], [4, 5, 6]])

    def test_bad_profiles(self):
        g = pd()
        with pytest.raises(InvalidProbabilityError, match="sum"):
            g.profile([F(1, 2), F(1, 3)], [1, 0])
        with pytest.raises(InvalidProbabilityError, match="sum"):
            g.profile([0.5, 0.6], [1, 0])
        with pytest.raises(InvalidProbabilityError, match="nonnegative"):
            g.profile([-1, 2], [1, 0])
        with pytest.raises(InvalidProfileError, match="length 2"):
            g.profile([1, 0, 0], [1, 0])
        with pytest.raises(InvalidProfileError, match="one strategy per player"):
            MixedProfile(g, [[1, 0]])
        with pytest.raises(InvalidInputError, match="finite"):
            g.profile([float("nan"), 1.0], [1, 0])

    def test_profile_from_other_game(self):
        g = pd()
        other = NormalFormGame.from_arrays([[1, 2], [3, 4]], [[0, 0], [0, 0]])
        with pytest.raises(InvalidProfileError, match="profile of this game"):
            g.expected_payoffs(other.uniform_profile())


class TestProfiles:
    def test_pd_certificates(self):
        g = pd()
        dd = g.pure_profile(["D", "D"])
        assert dd.is_nash() and dd.max_regret() == 0 and dd.exact
        cc = g.pure_profile(["C", "C"])
        assert cc.regrets() == (2, 2) and not cc.is_nash()
        assert cc.support() == ((0,), (0,))

    def test_matching_pennies_exact(self):
        mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        p = mp.profile([F(1, 2), F(1, 2)], ["1/2", "1/2"])
        assert p.payoffs() == (0, 0) and p.max_regret() == F(0) and p.is_nash()
        q = mp.profile([F(1, 3), F(2, 3)], [F(1, 2), F(1, 2)])
        # column best-responds to row's 1/3-2/3 with its first action: gains 1/3
        assert q.regret(1) == F(1, 3)

    def test_float_regret_tolerance(self):
        mp = NormalFormGame.zero_sum([[1.0, -1.0], [-1.0, 1.0]])
        p = mp.profile([0.5 + 1e-12, 0.5 - 1e-12], [0.5, 0.5])
        assert p.is_nash() and not p.exact
        assert p.max_regret() < 1e-11
        assert not mp.profile([0.6, 0.4], [0.5, 0.5]).is_nash()

    def test_dict_and_label_strategies(self):
        g = pd()
        p = g.profile({"C": F(1, 4), "D": F(3, 4)}, "D")
        assert list(p[0]) == [F(1, 4), F(3, 4)] and list(p[1]) == [0, 1]

    def test_three_player_values(self):
        # 3-player game: u_0 = a + b + c; uniform play gives 3/2
        g = NormalFormGame.from_payoff_function((2, 2, 2), lambda a, b, c: (a + b + c, a * b * c, 0))
        u = g.uniform_profile()
        assert u.payoffs() == (F(3, 2), F(1, 8), 0)
        assert list(u.action_values(0)) == [F(1), F(2)]
        assert u.regret(0) == F(1, 2)

    @given(games(payoffs="fraction", max_actions=3).flatmap(lambda g: mixed_profiles(g)))
    def test_exact_vs_float_agree(self, profile):
        exact = profile.payoffs()
        flo = profile.as_float().payoffs()
        for a, b in zip(exact, flo):
            assert math.isclose(float(a), b, rel_tol=1e-9, abs_tol=1e-9)
        assert math.isclose(float(profile.max_regret()), profile.as_float().max_regret(), abs_tol=1e-9)

    @given(games(payoffs="int", max_actions=3).flatmap(lambda g: mixed_profiles(g)))
    def test_regret_definition(self, profile):
        # brute force: regret_i = max over pure deviations of the deviation payoff - payoff
        g = profile.game
        for i in range(g.n_players):
            devs = []
            for k in range(g.shape[i]):
                strategies = [list(s) for s in profile.strategies]
                strategies[i] = [1 if j == k else 0 for j in range(g.shape[i])]
                devs.append(MixedProfile(g, strategies).payoff(i))
            assert profile.regret(i) == max(devs) - profile.payoff(i)
            assert profile.regret(i) >= 0

    @given(zero_sum_games(payoffs="int"))
    def test_zero_sum_payoffs_cancel(self, g):
        u = g.uniform_profile()
        assert sum(u.payoffs()) == 0

    @given(bimatrix_games(payoffs="float"))
    def test_pure_nash_iff_mutual_best_response(self, g):
        A, B = g.float_payoffs()
        for r in range(g.shape[0]):
            for c in range(g.shape[1]):
                mutual = A[r, c] >= A[:, c].max() and B[r, c] >= B[r, :].max()
                assert g.pure_profile([r, c]).is_nash(tol=0.0) == mutual


class TestIntegerPayoffs:
    def test_scaled_integers_exact(self):
        g = NormalFormGame.from_arrays([[F(1, 2), F(1, 3)]], [[2, F(5, 6)]])
        (a, la), (b, lb) = g.integer_payoffs()
        assert la == 6 and a.tolist() == [[3, 2]] and lb == 6 and b.tolist() == [[12, 5]]

    def test_numpy_int_input_fast_path_agrees(self):
        A = np.arange(12).reshape(3, 4) - 5
        fast = NormalFormGame.from_arrays(A, -A)
        slow = NormalFormGame.from_arrays(A.tolist(), (-A).tolist())
        for (x, lx), (y, ly) in zip(fast.integer_payoffs(), slow.integer_payoffs()):
            assert lx == ly == 1 and np.array_equal(x, y)

    def test_huge_values_stay_exact(self):
        big = 2**70
        (a, _), _ = NormalFormGame.from_arrays([[big, 1]], [[0, 0]]).integer_payoffs()
        assert a.dtype == object and a[0, 0] == big

    def test_float_game_refused(self):
        with pytest.raises(InvalidInputError, match="exact game"):
            NormalFormGame.from_arrays([[0.5]], [[1.5]]).integer_payoffs()


def _fraction_game(arrays):
    """The same game built from Fraction payoffs (never takes the integer path)."""
    return NormalFormGame.from_arrays([np.vectorize(F, otypes=[object])(np.asarray(a)) for a in arrays])


class TestLazyIntegerGames:
    """Integer games keep int64 payoffs and build the Fraction arrays only on demand; every
    public behaviour equals the game built from Fractions."""

    A3 = np.arange(24).reshape(2, 3, 4) - 7

    def test_int_input_is_lazy_and_payoffs_are_fractions(self):
        A = np.array([[3, -2], [7, 0]], dtype=np.int32)
        for g in (NormalFormGame.from_arrays(A, A.T), NormalFormGame.from_arrays(A.tolist(), A.T.tolist()),
                  NormalFormGame.from_payoff_function((2, 2), lambda a, b: (int(A[a, b]), int(A[b, a])))):
            assert g._payoffs is None and g.exact
            (ints, L), _ = g.integer_payoffs()
            assert ints.dtype == np.int64 and L == 1 and not ints.flags.writeable
            assert g._payoffs is None  # integer_payoffs() does not build Fractions
            p = g.payoffs[0]
            assert p.dtype == object and not p.flags.writeable
            assert all(type(x) is F for x in p.reshape(-1)) and p.tolist() == [[3, -2], [7, 0]]
            assert g.payoffs[0] is p  # cached

    def test_input_copied(self):
        A = np.array([[1, 2], [3, 4]])
        g = NormalFormGame.from_arrays(A, A)
        A[0, 0] = 99
        assert g.payoff((0, 0)) == (F(1), F(1)) and g.payoffs[0][0, 0] == 1

    def test_equal_hash_pickle_against_fraction_game(self):
        arrays = [self.A3, -2 * self.A3, self.A3 % 5]
        lazy = NormalFormGame.from_arrays(arrays)
        frac = _fraction_game(arrays)
        assert frac._payoffs is not None and lazy._payoffs is None
        assert lazy == frac and frac == lazy and hash(lazy) == hash(frac)
        other = NormalFormGame.from_arrays([self.A3, -2 * self.A3, self.A3 % 5 + (self.A3 == 3)])
        assert other != lazy and lazy != other and other != frac
        assert lazy != lazy.as_float() and lazy.as_float() == frac.as_float()
        back = pickle.loads(pickle.dumps(lazy))
        assert back == frac and back._payoffs is None and hash(back) == hash(frac)
        assert pickle.loads(pickle.dumps(frac)) == lazy
        assert lazy._payoffs is None  # none of that built Fractions
        assert lazy.payoffs[2].tolist() == frac.payoffs[2].tolist()

    def test_derived_games_agree(self):
        arrays = [self.A3, -self.A3, 3 * self.A3]
        lazy, frac = NormalFormGame.from_arrays(arrays), _fraction_game(arrays)
        assert lazy.restrict([[1], [2, 0], [3, 1]]) == frac.restrict([[1], [2, 0], [3, 1]])
        assert lazy.permute_players([2, 0, 1]) == frac.permute_players([2, 0, 1])
        assert lazy.transpose() == frac.transpose()
        assert lazy.with_labels(players=["a", "b", "c"]) == frac.with_labels(players=["a", "b", "c"])
        assert lazy.as_exact() is lazy and lazy.as_float() == frac.as_float()
        assert np.array_equal(lazy.float_payoffs()[1], frac.float_payoffs()[1])
        assert lazy.payoff((1, 2, 3)) == frac.payoff((1, 2, 3)) == (F(16), F(-16), F(48))
        assert all(type(x) is F for x in lazy.payoff((0, 0, 0)))
        assert lazy.to_dict() == frac.to_dict() and lazy.to_dict(jsonable=True) == frac.to_dict(jsonable=True)
        assert not lazy.is_zero_sum() and NormalFormGame.from_arrays([self.A3, -self.A3, 0 * self.A3]).is_zero_sum()
        assert lazy.table() == frac.table()

    def test_zero_sum_symmetric_and_nfg(self):
        from solvers.nfg import parse_nfg, to_nfg

        A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        z = NormalFormGame.zero_sum(A)
        assert z._payoffs is None and z.is_zero_sum() and z.is_symmetric()
        assert z == NormalFormGame.zero_sum(A.astype(object) * F(1)) == NormalFormGame.symmetric(A.tolist())
        assert repr(z) == repr(NormalFormGame.zero_sum(A.astype(object) * F(1)))
        assert z._repr_html_() == NormalFormGame.zero_sum(A.astype(object) * F(1))._repr_html_()
        assert parse_nfg(to_nfg(z)) == z and to_nfg(z) == to_nfg(_fraction_game(list(z.payoffs)))

    def test_big_values_exact(self):
        # at and beyond the int64 bound the Fraction path is used; uint64 above 2**63 stays exact
        for v in (2**62 - 1, 2**62, 2**63 - 1, 2**70):
            g = NormalFormGame.from_arrays([[v, -v]], [[1, 0]])
            assert g.payoffs[0].tolist() == [[v, -v]] and g.payoff((0, 0))[0] == v
            assert g == _fraction_game([[[v, -v]], [[1, 0]]])
        u = np.array([[2**63 + 5, 1]], dtype=np.uint64)
        g = NormalFormGame.from_arrays(u, u)
        assert g.payoffs[0][0, 0] == 2**63 + 5 and g.integer_payoffs()[0][0][0, 0] == 2**63 + 5
        big = 2**61 + 1  # three such payoffs overflow an int64 sum: is_zero_sum must stay exact
        g3 = NormalFormGame.from_arrays(*[np.full((1, 1, 1), x) for x in (big, big, -big)])
        assert g3._payoffs is None and not g3.is_zero_sum()
        # ints mixed with floats read exactly keep the big int (no float64 detour)
        g = NormalFormGame.from_arrays([[2**60 + 1, 0.5]], [[0, 0]], exact=True)
        assert g.payoffs[0][0, 0] == 2**60 + 1 and g.payoffs[0][0, 1] == F(1, 2)

    def test_exact_false_and_bools(self):
        g = NormalFormGame.from_arrays(np.array([[1, 2]]), np.array([[3, 4]]), exact=False)
        assert not g.exact and g.payoffs[0].dtype == np.float64
        b = NormalFormGame.from_arrays([[True, False]], [[1, 0]])
        assert b.exact and b.payoffs[0].tolist() == [[1, 0]] and type(b.payoffs[0][0, 0]) is F

    def test_profiles_on_lazy_game(self):
        arrays = [self.A3, -self.A3 + 2, self.A3 % 4]
        lazy, frac = NormalFormGame.from_arrays(arrays), _fraction_game(arrays)
        prof = [[F(1, 2), F(1, 2)], [F(1, 3), 0, F(2, 3)], [0, F(1, 4), 0, F(3, 4)]]
        for g in (lazy, frac):
            p, q = g.profile(*prof), g.pure_profile((1, 0, 2))
            ref = frac.profile(*prof), frac.pure_profile((1, 0, 2))
            for a, b in zip((p, q), ref):
                assert a.payoffs() == b.payoffs() and a.regrets() == b.regrets()
                assert all(type(x) is F for x in a.payoffs() + a.regrets())
                for i in range(3):
                    av = a.action_values(i)
                    assert av.dtype == object and all(type(x) is F for x in av) and av.tolist() == b.action_values(i).tolist()
        # a hand-computed value: P0's payoff under prof
        exp = sum(F(int(self.A3[a, b, c])) * prof[0][a] * prof[1][b] * prof[2][c]
                  for a in range(2) for b in range(3) for c in range(4))
        assert lazy.profile(*prof).payoff(0) == exp
        assert lazy._payoffs is None  # exact profile values were computed on the integers
        one = NormalFormGame.from_arrays(np.array([4, 9, 1]))
        assert one.uniform_profile().action_values(0).tolist() == [4, 9, 1]
        assert type(one.uniform_profile().payoff(0)) is F and one.uniform_profile().payoff(0) == F(14, 3)


def test_table_shows_every_players_payoff_for_three_players():
    # regression (spi red team): for n >= 3 players each cell showed only the first two payoffs
    g = NormalFormGame([np.arange(8).reshape(2, 2, 2), np.arange(8).reshape(2, 2, 2) * 10,
                        np.arange(8).reshape(2, 2, 2) * 100])
    t = g.table()
    assert t.count("[P2=") == 2
    assert "7, 70, 700" in t and "0, 0, 0" in t and "5, 50, 500" in t
