"""Money in whole fen: conversions and rounding checked against exact decimal arithmetic."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.models import MAX_MONEY_YUAN
from core.money import fen_to_yuan, round_fen, spread_evenly, yuan_to_fen

MAX_FEN = int(MAX_MONEY_YUAN * 100)


class TestYuanToFen:
    @pytest.mark.parametrize(
        "yuan, fen",
        [(0.29, 29), (916.795, 91680), (916.794, 91679), (0.005, 1), (50_000_000.0, 5_000_000_000)],
    )
    def test_check_values(self, yuan: float, fen: int):
        assert yuan_to_fen(yuan) == fen

    @given(st.integers(0, MAX_FEN))
    def test_a_typed_amount_to_the_fen_is_that_many_fen(self, fen: int):
        typed = f"{fen // 100}.{fen % 100:02d}"  # what a borrower types
        assert yuan_to_fen(float(typed)) == fen
        assert fen_to_yuan(yuan_to_fen(float(typed))) == float(typed)

    @given(st.integers(0, 10**9), st.integers(0, 9))
    def test_a_third_decimal_rounds_half_up(self, tenths_of_fen_base: int, last: int):
        text = f"{tenths_of_fen_base // 100}.{tenths_of_fen_base % 100:02d}{last}"
        exact = Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert yuan_to_fen(float(text)) == int(exact * 100)


class TestRoundFen:
    @given(st.integers(-(10**11), 10**11), st.sampled_from([0.0, 0.25, 0.49, 0.5, 0.51, 0.75]))
    def test_half_away_from_zero(self, whole: int, part: float):
        value = Fraction(abs(whole)) + Fraction(part)
        expected = int(value) + (1 if value - int(value) >= Fraction(1, 2) else 0)
        sign = -1 if whole < 0 else 1
        assert round_fen(sign * float(value)) == sign * expected

    def test_a_half_lost_to_binary_floating_point_still_rounds_up(self):
        assert round_fen(1250.4999999999) == 1251
        assert round_fen(1250.49) == 1250


class TestSpreadEvenly:
    @given(st.integers(-(10**10), 10**10), st.integers(1, 600))
    def test_shares_sum_exactly_and_stay_within_a_fen_of_the_mean(self, total: int, parts: int):
        shares = spread_evenly(total, parts)
        assert len(shares) == parts and sum(shares) == total
        mean = Fraction(total, parts)
        assert all(abs(share - mean) < 1 for share in shares)

    def test_ten_thousand_yuan_over_twelve_months(self):
        # domain.md §1: equal principal repays 833.33 or 833.34 a month.
        shares = spread_evenly(1_000_000, 12)
        assert set(shares) == {83_333, 83_334} and sum(shares) == 1_000_000

    @pytest.mark.parametrize("parts", [0, -1])
    def test_no_parts_is_an_error(self, parts: int):
        with pytest.raises(ValueError, match="positive"):
            spread_evenly(100, parts)
