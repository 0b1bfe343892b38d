"""APR by IRR: the check values of domain.md §2."""

from __future__ import annotations

import pytest

from core import monthly_irr, true_cost


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
