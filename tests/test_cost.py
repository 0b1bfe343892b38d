"""APR by IRR: the check values of domain.md §2."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import build_case, monthly_rates, principal_fen_values

import core
from core import Loan, monthly_irr, true_cost


class TestTrueCost:
    @pytest.mark.parametrize(
        "monthly_fee, months, apr_percent",
        [
            (0.006, 12, 13.03),
            (0.005, 12, 10.90),
            (0.0075, 12, 16.22),
            (0.006, 24, 13.27),
            (0.006, 36, 13.17),
        ],
    )
    def test_flat_fee_true_apr(self, monthly_fee, months, apr_percent):
        principal = 12_000
        payment = principal / months + principal * monthly_fee
        cost = true_cost(principal, [payment] * months)
        assert round(cost.nominal_apr * 100, 2) == apr_percent

    def test_flat_fee_monthly_irr_and_effective_rate(self):
        cost = true_cost(12_000, [1_072] * 12)
        assert round(cost.monthly_rate * 100, 4) == 1.0862
        assert round(cost.effective_apr * 100, 2) == 13.84

    def test_pboc_example(self):
        # 100,000 borrowed, 1,000 fee up front, 12 payments of 8,833.3
        cost = true_cost(100_000 - 1_000, [8_833.3] * 12)
        assert round(cost.nominal_apr * 100, 2) == 12.80
        assert round(cost.effective_apr * 100, 2) == 13.58

    def test_flat_fee_understates_cost_by_almost_half(self):
        cost = true_cost(12_000, [1_072] * 12)
        assert 1.7 < cost.nominal_apr / (12 * 0.006) < 1.9


class TestMonthlyIrr:
    def test_zero_cost_is_zero_rate(self):
        assert monthly_irr(1_200, [100] * 12) == 0.0

    def test_payment_holidays_count_as_zero_flows(self):
        with_gap = monthly_irr(1_000, [0, 0, 520, 520])
        without_gap = monthly_irr(1_000, [520, 520])
        assert 0 < with_gap < without_gap

    def test_repaying_less_than_received_is_a_negative_rate(self):
        assert monthly_irr(1_000, [450, 450]) < 0

    @pytest.mark.parametrize(
        "received, payments",
        [(0, [100]), (-5, [100]), (100, []), (100, [0, 0]), (100, [150, -10])],
    )
    def test_rejects_flows_with_no_rate(self, received, payments):
        with pytest.raises(ValueError, match="IRR"):
            monthly_irr(received, payments)


def exact_installment(principal: float, rate: float, months: int) -> float:
    """A = P·i·(1+i)^n / ((1+i)^n − 1), written to stay accurate for tiny i; P/n at i = 0."""
    if rate == 0:
        return principal / months
    return principal * rate / -math.expm1(-months * math.log1p(rate))


class TestTrueCostRecoversTheRate:
    @settings(max_examples=200, deadline=None)
    @given(
        principal_fen=principal_fen_values,
        rate=monthly_rates,
        months=st.integers(min_value=1, max_value=360),
    )
    def test_irr_of_an_unrounded_equal_installment_schedule_is_its_rate(
        self, principal_fen, rate, months
    ):
        principal = float(principal_fen)
        payment = exact_installment(principal, rate, months)
        cost = true_cost(principal, [payment] * months)
        assert cost.monthly_rate == pytest.approx(rate, abs=1e-9)
        assert cost.nominal_apr == pytest.approx(12 * rate, abs=12e-9)
        assert cost.effective_apr == pytest.approx((1 + rate) ** 12 - 1, abs=1e-8)


class TestMonthlyIrrFarFromTheFirstGuess:
    """``monthly_irr`` keeps a bracket: flows whose first guess is far off still converge.

    A heavily back-loaded series puts the simple-interest guess far above the root,
    where the discount factors underflow (a zero slope) or a Newton step lands near
    −1 (numpy overflow). The bracket turns those steps into bisection.
    """

    def test_a_single_late_payment_far_above_what_was_received(self):
        # 1 fen received, 1,000,000 fen paid after 100 months: r = 1e6^(1/100) − 1.
        rate = core.monthly_irr(1, [0] * 99 + [1_000_000])
        assert rate == pytest.approx(1_000_000 ** (1 / 100) - 1, abs=1e-9)

    def test_small_installments_then_a_large_last_payment(self):
        # Flows like those of 5.18 yuan at 21.875 % a year over 396 months after a
        # month's holiday and a 1.30-yuan fee: 3.88 yuan received.
        payments = [0] + [9] * 395 + [19_701]
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # as the project's pytest config
            rate = core.monthly_irr(388, payments)
        assert rate == pytest.approx(0.022824171431113656, abs=1e-9)

    def test_compare_a_one_fen_loan_at_fifty_percent_over_216_months(self):
        loan = Loan(principal_yuan=0.01, rate=0.5, remaining_months=216)
        comparison = core.compare(build_case(loan))
        summary = comparison.contract.summary
        assert summary.principal_repaid == 1
        assert summary.total_paid == 1  # one fen in month 1; its interest rounds to nothing
