"""The solver: each answer fits the budget and one step less does not."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_helpers import plan_cost
from strategies import solver_loans

from core import Loan, Method, Proposal
from core.budget import Budget
from core.solver import BASIS_POINT, months_needed, rate_needed, shortfall, waiver_needed

TODAY = dt.date(2026, 12, 1)


def fits(loan: Loan, proposal: Proposal, budget: Budget) -> bool:
    highest, at_signing = plan_cost(loan, proposal, TODAY)
    return highest <= budget.monthly and at_signing <= budget.at_signing


loans = solver_loans(principal_yuan=(500, 200_000), max_months=48)
budgets = st.builds(Budget, monthly=st.integers(0, 2_000_000), at_signing=st.just(0))


class TestMonthsNeeded:
    @settings(max_examples=60, deadline=None)
    @given(loan=loans, budget=budgets)
    def test_answer_fits_and_one_month_less_does_not(self, loan: Loan, budget: Budget):
        months = months_needed(loan, Proposal(), budget, max_months=120, today=TODAY)
        if months is None:
            assert not fits(loan, Proposal(term_months=120), budget)
            return
        assert fits(loan, Proposal(term_months=months), budget)
        if months > 1:
            assert not fits(loan, Proposal(term_months=months - 1), budget)

    def test_check_value_against_the_formula(self):
        # 10,000 at 18 %: 24 months cost 499.24 a month, 23 months 519.88 (npf.pmt).
        assert months_needed(Loan(), Proposal(), Budget(50_000, 0), today=TODAY) == 24

    def test_interest_first_never_fits_by_term(self):
        loan = Loan(method=Method.INTEREST_FIRST)
        assert months_needed(loan, Proposal(), Budget(100_000, 0), today=TODAY) is None


class TestRateNeeded:
    @settings(max_examples=60, deadline=None)
    @given(loan=loans, budget=budgets, months=st.integers(1, 60))
    def test_answer_fits_and_one_basis_point_more_does_not(self, loan, budget, months):
        rate = rate_needed(loan, Proposal(), budget, months=months, today=TODAY)
        if rate is None:
            assert not fits(loan, Proposal(term_months=months, new_apr=0.0), budget)
            return
        assert 0 <= rate <= loan.nominal_apr + 1e-9
        assert fits(loan, Proposal(term_months=months, new_apr=rate), budget)
        higher = round(rate + BASIS_POINT, 6)
        if higher <= loan.nominal_apr + 1e-9:
            assert not fits(loan, Proposal(term_months=months, new_apr=higher), budget)

    def test_check_value_against_numpy_financial(self):
        # npf.rate(24, -560, 12000, 0) * 12 = 11.1267 %; at 11.12 % the last row is 560.04.
        rate = rate_needed(
            Loan(principal_yuan=12_000), Proposal(), Budget(56_000, 0), months=24, today=TODAY
        )
        assert rate == pytest.approx(0.1111)


class TestWaiverNeeded:
    @settings(max_examples=60, deadline=None)
    @given(loan=loans, budget=budgets, months=st.integers(1, 60))
    def test_answer_fits_and_one_fen_less_does_not(self, loan, budget, months):
        waived = waiver_needed(loan, Proposal(), budget, months=months, today=TODAY)
        if waived is None:
            assert not fits(loan, Proposal(term_months=months, principal_waived_share=1.0), budget)
            return
        assert fits(loan, Proposal(term_months=months, principal_waived_yuan=waived), budget)
        if waived > 0:
            less = round(waived - 0.01, 2)
            assert not fits(loan, Proposal(term_months=months, principal_waived_yuan=less), budget)

    def test_check_value_against_numpy_financial(self):
        # 10,000 - npf.pv(0.015, 12, -800) = 1,274.00; the last row's rounding needs 0.10 more.
        waived = waiver_needed(Loan(), Proposal(), Budget(80_000, 0), months=12, today=TODAY)
        assert waived == pytest.approx(1_274.10)


class TestShortfall:
    def test_zero_when_the_best_plan_fits(self):
        assert shortfall(Loan(), Proposal(), Budget(50_000, 0), months=24, today=TODAY) == 0

    def test_gap_at_no_interest_over_the_longest_term(self):
        # 10,000 over 24 months without interest: 416.67 a month against 300.
        assert shortfall(Loan(), Proposal(), Budget(30_000, 0), months=24, today=TODAY) == 11_667
