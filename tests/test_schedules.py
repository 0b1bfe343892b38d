"""Repayment schedules: the check values of domain.md §1, and the rounding rules."""

from __future__ import annotations

import datetime as dt

import pytest

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
