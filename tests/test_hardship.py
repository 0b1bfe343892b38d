"""When income does not cover essentials: a pause first, a token meanwhile, a plan from later income."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import solver_loans

from core import Assumptions, Borrower, Loan, LoanCase, Proposal, compare_loan
from core.budget import Budget, affordable_budget, fits
from core.ladder import Route, Rung, offer_ladder
from core.overdue import overdue_position
from core.plans import proposal_schedule
from ui.guide_cases import case_study_values
from ui.presets import illness_budget, preset_values
from ui.registry import ALL_PARAMS, Key, default
from ui.values import case_from_values

TODAY = dt.date(2026, 12, 1)
FIRST_DUE = dt.date(2027, 1, 1)
ASSUME = Assumptions(today=TODAY)
ILL = Borrower(
    monthly_income_yuan=3_000,
    essential_expenses_yuan=3_200,
    later_income_yuan=5_000,
    later_from_month=4,
)
LOAN = Loan(principal_yuan=30_000, remaining_months=12, days_overdue=45, overdue_amount_yuan=5_500)


class TestBudgetLater:
    def test_the_later_income_holds_from_its_month(self):
        budget = affordable_budget(ILL, ASSUME)
        # 5,000 - 3,200 = 1,800 spare later, nine tenths of it for the debts.
        assert budget == Budget(monthly=0, at_signing=0, later=162_000, later_from_month=4)
        assert [budget.in_month(m) for m in (1, 3, 4, 40)] == [0, 0, 162_000, 162_000]

    def test_a_plan_fits_when_each_installment_fits_its_own_month(self):
        budget = Budget(monthly=10_000, at_signing=0, later=100_000, later_from_month=3)
        assert fits((1, 2, 3, 4), (10_000, 10_000, 100_000, 100_000), budget)
        assert not fits((1, 2, 3), (10_000, 10_001, 100_000), budget)
        assert not fits((1, 2, 3), (10_000, 10_000, 100_001), budget)

    def test_without_a_later_income_nothing_changes(self):
        budget = affordable_budget(Borrower(), ASSUME)
        assert budget.later is None
        assert budget.in_month(1) == budget.in_month(600) == budget.monthly


class TestPauseRoute:
    def test_nothing_spare_now_gives_a_pause_until_the_later_income(self):
        ladder = offer_ladder(LOAN, ILL, ASSUME)
        assert ladder.route is Route.PAUSE
        for offer in ladder.offers:
            assert offer.proposal.holiday_months == 3  # installments from month 4
            assert offer.summary.fits
            assert offer.summary.due_at_signing == 0
        opening, target, walk_away = ladder.offers
        # Interest stops during the pause on the opening and target (停息), not the walk-away.
        assert not opening.proposal.holiday_interest_accrues
        assert not target.proposal.holiday_interest_accrues
        assert walk_away.proposal.holiday_interest_accrues

    def test_the_installments_after_the_pause_fit_the_later_budget(self):
        ladder = offer_ladder(LOAN, ILL, ASSUME)
        for offer in ladder.offers:
            plan = ladder.comparison.proposals[list(Rung).index(offer.rung)].schedule
            assert all(p == 0 for m, p in zip(plan.month, plan.payment, strict=True) if 0 < m < 4)
            assert max(plan.payment) <= 162_000

    def test_no_later_income_and_nothing_spare_is_an_empty_ladder(self):
        ladder = offer_ladder(LOAN, ILL.model_copy(update={"later_income_yuan": None}), ASSUME)
        assert ladder.offers == ()
        assert ladder.route is Route.PLAN

    def test_a_little_spare_now_becomes_a_token_each_month_of_the_pause(self):
        # 100 spare now, 90 of it for the debts: a token of 90 a month, rounded down to 10 yuan.
        borrower = ILL.model_copy(update={"monthly_income_yuan": 3_300})
        ladder = offer_ladder(LOAN, borrower, ASSUME)
        assert ladder.route is Route.PAUSE
        for offer in ladder.offers:
            assert offer.proposal.holiday_payment_yuan == 90
            plan = compare_loan(LOAN, (offer.proposal,), borrower, ASSUME).proposals[0].schedule
            assert list(plan.payment[:3]) == [9_000, 9_000, 9_000]

    def test_a_plan_that_fits_today_takes_no_pause(self):
        borrower = ILL.model_copy(update={"monthly_income_yuan": 6_000})
        ladder = offer_ladder(LOAN, borrower, ASSUME)
        assert ladder.route is Route.PLAN
        assert all(offer.proposal.holiday_months == 0 for offer in ladder.offers)


class TestTokenDuringTheHoliday:
    def test_the_token_repays_principal_and_the_rest_is_spread_over_the_installments(self):
        loan = Loan(principal_yuan=12_000, rate=0.12, remaining_months=12)
        position = overdue_position(loan)
        proposal = Proposal(
            term_months=12,
            holiday_months=3,
            holiday_payment_yuan=100,
            holiday_interest_accrues=False,
        )
        plan = proposal_schedule(loan, proposal, position, today=TODAY, first_due=FIRST_DUE)
        assert plan.payment[:3] == (10_000, 10_000, 10_000)
        assert plan.principal[:3] == (10_000, 10_000, 10_000)
        assert plan.balance[:3] == (1_190_000, 1_180_000, 1_170_000)
        assert sum(plan.principal) == 1_200_000
        # 11,700 over 12 months at 1 %: the equal installment, by the formula.
        installment = 11_700 * 0.01 * 1.01**12 / (1.01**12 - 1)
        assert plan.payment[3] == round(installment * 100)

    def test_interest_accruing_in_the_holiday_runs_on_the_balance_left_each_month(self):
        loan = Loan(principal_yuan=12_000, rate=0.12, remaining_months=12)
        proposal = Proposal(term_months=12, holiday_months=2, holiday_payment_yuan=1_000)
        plan = proposal_schedule(
            loan, proposal, overdue_position(loan), today=TODAY, first_due=FIRST_DUE
        )
        # 120.00 on 12,000, then 110.00 on 11,000: 230.00 spread over the 12 installments.
        assert sum(plan.arrears) == 23_000

    @settings(max_examples=60, deadline=None)
    @given(
        loan=solver_loans(principal_yuan=(100, 50_000), max_months=36),
        token=st.integers(0, 500_000),
        holiday=st.integers(0, 12),
    )
    def test_the_schedule_still_reconciles_to_the_fen(self, loan, token, holiday):
        proposal = Proposal(holiday_months=holiday, holiday_payment_yuan=token / 100)
        plan = proposal_schedule(
            loan, proposal, overdue_position(loan), today=TODAY, first_due=FIRST_DUE
        )
        assert plan.total_principal == overdue_position(loan).principal
        assert plan.balance[-1] == 0
        assert all(p >= 0 for p in plan.payment) and all(b >= 0 for b in plan.balance)


class TestIllnessCase:
    def test_the_guide_case_loads_a_plan_that_fits_its_own_budget(self):
        built = case_from_values(case_study_values("illness"))
        assert built.case is not None
        result = compare_loan(
            built.case.loans[0].loan,
            built.case.loans[0].proposals,
            built.case.borrower,
            built.case.assumptions,
        )
        assert result.disposable < 0  # sick pay below essentials
        assert result.proposals[0].summary.fits
        assert built.case.loans[0].proposals[0].holiday_months == 3

    @pytest.mark.parametrize("income", [6_000.0, 4_000.0, 9_000.0])
    def test_the_preset_fits_the_budget_it_sets(self, income):
        values = {param.key: default(param, {}) for param in ALL_PARAMS} | {Key.INCOME: income}
        budget = illness_budget(values)
        changed = values | budget | preset_values("illness", 1, values | budget) | {Key.COUNT: "1"}
        built = case_from_values(changed)
        assert built.case is not None
        loan_case = built.case.loans[0]
        result = compare_loan(
            loan_case.loan, loan_case.proposals, built.case.borrower, built.case.assumptions
        )
        assert result.proposals[0].summary.fits
        LoanCase(loan=loan_case.loan, proposals=loan_case.proposals)  # a case accepts it
