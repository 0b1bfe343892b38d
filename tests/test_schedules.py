"""Repayment schedules: the check values of domain.md §1, and the rounding rules."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import monthly_rates, principal_fen_values

from core import Method, equal_installment_rows, equal_principal_rows, schedule
from core.schedules import add_months, flat_fee_rows, interest_first_rows, rate_path

FIRST_DUE = dt.date(2027, 1, 15)


class TestEqualInstallment:
    @pytest.mark.parametrize(
        "principal_fen, apr, months, payment_fen, total_interest_fen",
        [
            (1_000_000, 0.18, 12, 91_680, 100_160),  # domain.md §1: 916.80, 1,001.60
            (100_000_000, 0.049, 360, 530_727, None),  # mortgage check: 5,307.27
        ],
    )
    def test_check_values(self, principal_fen, apr, months, payment_fen, total_interest_fen):
        rows = equal_installment_rows(principal_fen, [apr / 12] * months)
        assert rows.payment[0] == payment_fen
        assert set(rows.payment[:-1]) == {payment_fen}
        assert sum(rows.principal) == principal_fen
        assert rows.balance[-1] == 0
        if total_interest_fen is not None:
            assert sum(rows.interest) == total_interest_fen

    def test_zero_rate_repays_principal_in_equal_parts(self):
        rows = equal_installment_rows(1_000_000, [0.0] * 12)
        assert rows.payment[:11] == [83_333] * 11
        assert rows.payment[-1] == 1_000_000 - 11 * 83_333
        assert sum(rows.interest) == 0

    def test_interest_free_start_then_rate(self):
        rows = equal_installment_rows(1_000_000, rate_path(0.015, 12, 3))
        assert rows.interest[:3] == [0, 0, 0]
        assert all(i > 0 for i in rows.interest[3:])
        assert sum(rows.principal) == 1_000_000
        # Cheaper than the plain plan, dearer than no interest at all.
        assert 1_000_000 < sum(rows.payment) < 1_100_160

    def test_tiny_principal_never_overpays(self):
        rows = equal_installment_rows(5, [0.3] * 12)
        assert sum(rows.principal) == 5
        assert min(rows.balance) == 0
        assert all(p >= 0 for p in rows.payment)


class TestEqualPrincipal:
    def test_check_values(self):
        # domain.md §1: 983.33 falling to 845.83, total interest 975.00
        rows = equal_principal_rows(1_000_000, [0.015] * 12)
        assert rows.payment[0] == 98_333
        assert rows.payment[-1] == 84_583
        assert sum(rows.interest) == 97_500
        assert sum(rows.principal) == 1_000_000

    def test_mortgage_first_month(self):
        rows = equal_principal_rows(100_000_000, [0.049 / 12] * 360)
        assert rows.payment[0] == 686_111  # domain.md §1: 6,861.11

    def test_payments_fall(self):
        rows = equal_principal_rows(1_000_000, [0.015] * 12)
        assert all(a >= b for a, b in zip(rows.payment, rows.payment[1:], strict=False))


class TestInterestFirst:
    def test_interest_each_month_principal_at_the_end(self):
        rows = interest_first_rows(1_000_000, [0.015] * 12)
        assert rows.payment[:11] == [15_000] * 11
        assert rows.payment[-1] == 1_015_000
        assert sum(rows.interest) == 180_000  # P·i·n


class TestFlatFee:
    def test_check_values(self):
        # domain.md §2: 12,000 at 0.6 % a month over 12 months: 1,072 a month, 864 of fees
        rows = flat_fee_rows(1_200_000, [0.006] * 12)
        assert rows.payment == [107_200] * 12
        assert sum(rows.interest) == 86_400

    def test_free_months_charge_no_fee(self):
        rows = flat_fee_rows(1_200_000, rate_path(0.006, 12, 2))
        assert rows.interest[:2] == [0, 0]
        assert sum(rows.interest) == 7_200 * 10


class TestSchedule:
    def test_due_dates_follow_the_first_due_date(self):
        plan = schedule(Method.EQUAL_INSTALLMENT, 10_000, 0.015, 12, first_due=FIRST_DUE)
        assert plan.due_date[0] == FIRST_DUE
        assert plan.due_date[-1] == dt.date(2027, 12, 15)
        assert plan.month == tuple(range(1, 13))

    @pytest.mark.parametrize(
        "start, months, expected",
        [
            (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
            (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
            (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
            (dt.date(2026, 12, 15), -1, dt.date(2026, 11, 15)),
        ],
    )
    def test_add_months_keeps_the_day_or_the_month_end(self, start, months, expected):
        assert add_months(start, months) == expected

    @pytest.mark.parametrize("method", list(Method))
    def test_every_method_reconciles_and_totals_add_up(self, method):
        plan = schedule(method, 12_345.67, 0.013, 17, first_due=FIRST_DUE)
        assert plan.total_principal == 1_234_567
        assert plan.balance[-1] == 0
        assert plan.total_paid == plan.total_interest + plan.total_principal
        for row in zip(plan.payment, plan.interest, plan.principal, strict=True):
            assert row[0] == row[1] + row[2]


class TestMoreMonthsNeverRaiseTheInstallment:
    @settings(max_examples=300, deadline=None)
    @given(
        principal_fen=principal_fen_values,
        rate=monthly_rates,
        months=st.integers(min_value=1, max_value=359),
    )
    def test_one_more_month_never_raises_the_equal_installment(self, principal_fen, rate, months):
        shorter = equal_installment_rows(principal_fen, [rate] * months)
        longer = equal_installment_rows(principal_fen, [rate] * (months + 1))
        assert shorter.payment[0] >= longer.payment[0]


def interest_gaps(principal_fen: int, rates: Sequence[float]) -> list[float]:
    """Each row's interest minus the balance shown before it times the month's rate."""
    rows = equal_installment_rows(principal_fen, rates)
    before = [principal_fen, *rows.balance[:-1]]
    return [
        interest - balance * rate
        for interest, balance, rate in zip(rows.interest, before, rates, strict=True)
    ]


class TestEqualInstallmentInterestFollowsTheBalance:
    """``equal_installment_rows`` documents each row's interest as within a fen of B·i.

    With δ the rounding of the exact balance (|δ| ≤ ½ fen), interest_k − b_(k−1)·i
    = δ_k − δ_(k−1)·(1+i), so the gap is at most 1 + i/2 fen, plus the floating-point
    error of the exact balance, which grows with P·(1+i)^n.
    """

    @settings(max_examples=300, deadline=None)
    @given(
        principal_fen=principal_fen_values,
        rate=monthly_rates,
        months=st.integers(min_value=1, max_value=360),
    )
    def test_interest_is_within_a_fen_of_balance_times_rate(self, principal_fen, rate, months):
        rates = [rate] * months
        float_error = 1e-6 + 1e-14 * principal_fen * (1 + rate) ** months
        for gap in interest_gaps(principal_fen, rates):
            assert abs(gap) <= 1 + rate / 2 + float_error

    def test_installment_below_the_first_months_interest_is_rounded_up(self):
        # 10,000.10 yuan at 4 % a month over 360 months: A = 40,000.43 fen would round
        # down to 40,000, below the first month's interest of 40,000.4 fen, and the
        # balance would grow. The core rounds up to 40,001 instead: the balance falls
        # every month and the loan ends a little early, never with a giant last row.
        rows = equal_installment_rows(1_000_010, [0.04] * 360)
        gaps = interest_gaps(1_000_010, [0.04] * 360)
        assert max(abs(gap) for gap in gaps) <= 1 + 0.04 / 2
        assert rows.payment[0] == 40_001
        assert max(rows.payment) == 40_001
        assert all(b <= a for a, b in itertools.pairwise([1_000_010, *rows.balance]))
        assert sum(rows.principal) == 1_000_010
