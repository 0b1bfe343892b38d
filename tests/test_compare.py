"""The comparison: every summary figure checked against an independent calculation."""

from __future__ import annotations

import datetime as dt
import math

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from strategies import cases

import core
from core import (
    Assumptions,
    Borrower,
    Case,
    FeePayee,
    Loan,
    LoanCase,
    OptionKind,
    Proposal,
    compare,
)

TODAY = dt.date(2026, 12, 1)


def run(*proposals: Proposal, loan: Loan | None = None, borrower: Borrower | None = None, **assume):
    case = Case(
        borrower=borrower or Borrower(),
        loans=(LoanCase(loan=loan or Loan(), proposals=proposals),),
        assumptions=Assumptions(today=TODAY, **assume),
    )
    return compare(case)


def fen(yuan: float) -> int:
    return round(yuan * 100)


class TestBaselines:
    def test_options_in_order(self):
        result = run(Proposal(), Proposal())
        assert [o.kind for o in result.options] == [
            OptionKind.CONTRACT,
            OptionKind.OVERDUE,
            OptionKind.PROPOSAL,
            OptionKind.PROPOSAL,
        ]
        assert [o.index for o in result.proposals] == [0, 1]

    def test_keep_the_contract(self):
        summary = run().contract.summary
        assert summary.first_payment == summary.highest_payment == 91_680
        assert summary.total_paid == 1_100_160
        assert summary.cost == 100_160
        assert summary.months_to_finish == 12
        assert summary.apr is not None
        assert summary.apr.nominal_apr == pytest.approx(0.18, abs=1e-6)
        assert summary.saving_vs_contract == 0

    def test_keep_the_contract_clears_arrears_at_signing(self):
        loan = Loan(days_overdue=45, overdue_amount_yuan=1_833.60, accrued_penalty_yuan=40)
        result = run(loan=loan)
        plan = result.contract.schedule
        assert plan.month[0] == 0
        assert plan.payment[0] == 183_360 + 4_000
        assert plan.total_principal == 1_000_000
        assert result.contract.summary.due_at_signing == 187_360

    def test_stay_overdue_totals_come_from_the_path(self):
        result = run()
        summary = result.overdue.summary
        end = result.overdue_path[-1]
        assert summary.total_paid == end.claimed
        assert summary.saving_vs_contract == result.contract.summary.total_paid - end.claimed
        assert summary.apr is None
        assert not summary.fits
        assert summary.lender_pv == summary.default_recovery_pv

    def test_contract_saving_against_staying_overdue(self):
        result = run()
        # A 12-month plan ends within the 24-month horizon: the whole total is compared.
        expected = result.overdue_path[-1].claimed - result.contract.summary.total_paid
        assert result.contract.summary.saving_vs_overdue == expected


class TestProposals:
    def test_longer_term_matches_npf_pmt(self):
        summary = run(Proposal(months_added=12)).proposals[0].summary
        assert summary.first_payment == fen(float(-npf.pmt(0.015, 24, 10_000)))
        assert summary.months_to_finish == 24
        assert summary.saving_vs_contract < 0  # a longer term costs more interest

    def test_zero_rate(self):
        summary = run(Proposal(term_months=24, new_apr=0)).proposals[0].summary
        assert summary.first_payment == 41_667
        assert summary.total_paid == 1_000_000
        assert summary.interest == 0
        assert summary.apr is not None
        assert summary.apr.nominal_apr == 0

    def test_interest_frozen_for_good(self):
        summary = run(Proposal(interest_frozen_for_good=True, new_apr=0.1)).proposals[0].summary
        assert summary.interest == 0
        assert summary.saving_vs_contract == 100_160

    def test_principal_waived_share(self):
        summary = run(Proposal(principal_waived_share=0.2)).proposals[0].summary
        assert summary.principal_waived == 200_000
        assert summary.principal_repaid == 800_000
        assert summary.first_payment == fen(float(-npf.pmt(0.015, 12, 8_000)))

    def test_lump_sum_at_signing(self):
        result = run(Proposal(lump_sum_yuan=2_000), borrower=Borrower(lump_sum_yuan=2_000))
        summary = result.proposals[0].summary
        assert summary.due_at_signing == 200_000
        assert summary.first_payment == fen(float(-npf.pmt(0.015, 12, 8_000)))
        assert summary.principal_repaid == 1_000_000
        assert summary.fits

    def test_lump_sum_beyond_what_the_borrower_has_does_not_fit(self):
        result = run(Proposal(lump_sum_yuan=2_000), borrower=Borrower(lump_sum_yuan=1_999))
        assert not result.proposals[0].summary.fits

    def test_overdue_charges_waived(self):
        loan = Loan(
            days_overdue=45,
            overdue_amount_yuan=1_833.60,
            accrued_penalty_yuan=40,
            other_charges_yuan=60,
        )
        kept, waived = run(
            Proposal(), Proposal(overdue_charges_waived_share=1), loan=loan
        ).proposals
        assert kept.summary.total_paid - waived.summary.total_paid == 10_000
        assert waived.summary.charges_waived == 10_000

    def test_holiday_with_interest_accruing(self):
        plan = run(Proposal(holiday_months=3)).proposals[0]
        assert plan.summary.months_to_finish == 15
        assert plan.schedule.payment[:3] == (0, 0, 0)
        # Three months of 1.5 % on 10,000, spread over the 12 installments without interest.
        assert plan.summary.arrears == 3 * 15_000
        assert plan.summary.total_paid == 1_100_160 + 45_000

    def test_holiday_without_interest(self):
        summary = (
            run(Proposal(holiday_months=3, holiday_interest_accrues=False)).proposals[0].summary
        )
        assert summary.total_paid == 1_100_160
        assert summary.apr is not None
        assert summary.apr.nominal_apr < 0.18  # the same payments, three months later

    def test_fee_to_an_intermediary_raises_the_apr_not_the_lender_value(self):
        plain, with_fee = run(Proposal(), Proposal(fee_share=0.05)).proposals
        assert with_fee.summary.fees == 50_000
        assert with_fee.summary.due_at_signing == 50_000
        assert with_fee.summary.total_paid == plain.summary.total_paid + 50_000
        assert with_fee.summary.lender_pv == plain.summary.lender_pv
        assert with_fee.summary.apr.nominal_apr > plain.summary.apr.nominal_apr  # type: ignore[union-attr]

    def test_fee_to_the_lender_counts_for_the_lender(self):
        plain, with_fee = run(
            Proposal(), Proposal(fee_yuan=300, fee_payee=FeePayee.LENDER)
        ).proposals
        assert with_fee.summary.lender_pv == plain.summary.lender_pv + 30_000

    def test_new_method(self):
        summary = run(Proposal(new_method="equal_principal")).proposals[0].summary
        assert summary.first_payment == 98_333
        assert summary.interest == 97_500


class TestAffordabilityAndLenderView:
    def test_share_of_disposable_income(self):
        summary = run(
            borrower=Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=5_000)
        ).contract.summary
        assert summary.share_of_disposable == pytest.approx(916.80 / 1_000)
        assert summary.fits is False  # 916.80 leaves less than the tenth kept as a margin

    def test_a_tenth_of_the_spare_income_is_kept_by_default(self):
        spare_1000 = Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=5_000)
        kept = run(borrower=spare_1000)
        assert kept.affordable == 90_000
        whole = run(borrower=spare_1000, affordable_share=1.0)
        assert whole.affordable == 100_000
        assert whole.contract.summary.fits

    def test_affordable_share_narrows_the_budget(self):
        result = run(
            affordable_share=0.5,
            borrower=Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=5_000),
        )
        assert result.affordable == 50_000
        assert not result.contract.summary.fits

    def test_no_disposable_income(self):
        result = run(borrower=Borrower(monthly_income_yuan=3_000, essential_expenses_yuan=3_500))
        assert result.contract.summary.share_of_disposable is None
        assert not result.contract.summary.fits
        assert result.affordable == 0

    def test_lender_present_value_by_hand(self):
        summary = run(lender_discount_apr=0.12).contract.summary
        by_hand = sum(916.80 / 1.01**k for k in range(1, 12)) + 916.80 / 1.01**12
        assert summary.lender_pv == pytest.approx(by_hand * 100, abs=1)

    def test_default_recovery_by_hand(self):
        summary = run(
            recovery_share=0.25, recovery_delay_months=6, lender_discount_apr=0.12
        ).contract.summary
        assert summary.default_recovery_pv == round(1_000_000 * 0.25 / 1.01**6)
        assert summary.beats_default_for_lender


class TestLawfulness:
    def test_contract_above_the_licensed_line(self):
        result = run(loan=Loan(rate=0.36))
        assert result.lawfulness.above
        assert result.lawfulness.excess == pytest.approx(0.12, abs=1e-6)

    def test_flat_fee_contract_apr_is_the_true_cost(self):
        loan = Loan(principal_yuan=12_000, rate=0.006, rate_unit="flat_fee", method="flat_fee")
        result = run(loan=loan)
        assert result.contract_cost is not None
        assert round(result.contract_cost.nominal_apr * 100, 2) == 13.03
        assert not result.lawfulness.above

    def test_first_due_date_defaults_to_next_month(self):
        result = run()
        assert result.first_due == dt.date(2027, 1, 1)
        assert result.contract.schedule.due_date[0] == dt.date(2027, 1, 1)


class TestMonthlyFees:
    """A fixed fee with each installment (service, guarantee, membership) is part of the cost."""

    def test_fee_in_every_row_and_in_the_true_apr(self):
        result = run(loan=Loan(monthly_fee_yuan=50))
        plan = result.contract.schedule
        assert plan.fee == (5_000,) * 12
        assert all(
            p == i + c + f
            for p, i, c, f in zip(
                plan.payment, plan.interest, plan.principal, plan.fee, strict=True
            )
        )
        flows = [-10_000.0] + [p / 100 for p in plan.payment]
        expected = float(npf.irr(flows)) * 12
        assert result.contract.summary.apr is not None
        assert result.contract.summary.apr.nominal_apr == pytest.approx(expected, abs=1e-9)
        assert result.contract_cost is not None
        assert result.contract_cost.nominal_apr == pytest.approx(expected, abs=1e-9)
        assert result.contract.summary.fees == 60_000

    def test_fees_push_a_contract_over_the_line(self):
        # 18 % a year plus 100 yuan a month on 10,000 over 12 months is about 40 % by IRR.
        result = run(loan=Loan(monthly_fee_yuan=100))
        assert result.lawfulness.above

    def test_unpaid_fees_join_the_charges_when_overdue(self):
        result = run(loan=Loan(monthly_fee_yuan=50), acceleration_days=3650)
        path = result.overdue_path
        assert path[1].charges == 5_000
        assert path[3].charges == 15_000

    def test_fees_go_to_the_lender(self):
        plain, with_fee = (
            run().contract.summary,
            run(loan=Loan(monthly_fee_yuan=50)).contract.summary,
        )
        assert with_fee.lender_pv > plain.lender_pv


class TestNoExceptionForValidInput:
    @settings(max_examples=150, deadline=None)
    @given(case=cases())
    def test_compare_runs_for_every_loan_of_any_valid_case(self, case):
        for index, loan_case in enumerate(case.loans):
            comparison = core.compare(case, index)
            assert len(comparison.options) == 2 + len(loan_case.proposals)
            assert len(comparison.overdue_path) == case.assumptions.horizon_months + 1
            for option in comparison.options:
                apr = option.summary.apr
                assert apr is None or math.isfinite(apr.monthly_rate)
