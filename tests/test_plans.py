"""Schedules of the contract and of each proposal: what holds for every valid input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    build_case,
    cases,
    loans,
    monthly_rates,
    principal_fen_values,
    proposals,
    yuan,
)

import core
from core import (
    Case,
    Loan,
    Method,
    Option,
    OptionKind,
    Proposal,
    Schedule,
    yuan_to_fen,
)
from core.overdue import overdue_position
from core.plans import owed_after_waivers, proposal_terms
from core.schedules import rate_path

FIRST_DUE = dt.date(2027, 1, 1)


def repayment_options(case: Case) -> list[tuple[int, Option]]:
    """(loan index, option) for every option with a schedule: the contract and each proposal."""
    found = []
    for index in range(len(case.loans)):
        comparison = core.compare(case, index)
        found += [(index, o) for o in comparison.options if o.kind is not OptionKind.OVERDUE]
    return found


def rows_of(schedule: Schedule) -> list[tuple[int, int, int, int, int, int]]:
    """(payment, interest, principal, arrears, fee, balance) for each row."""
    return list(
        zip(
            schedule.payment,
            schedule.interest,
            schedule.principal,
            schedule.arrears,
            schedule.fee,
            schedule.balance,
            strict=True,
        )
    )


def principal_fen_of(case: Case, index: int) -> int:
    return yuan_to_fen(case.loans[index].loan.principal_yuan)


class TestReconciliationToTheFen:
    """Every method, every mix of levers: the principal and every row reconcile exactly."""

    @settings(max_examples=150, deadline=None)
    @given(case=cases())
    def test_principal_repaid_plus_waived_is_the_principal(self, case):
        for index, option in repayment_options(case):
            summary = option.summary
            assert summary.principal_repaid + summary.principal_waived == principal_fen_of(
                case, index
            )
            assert option.schedule.total_principal == summary.principal_repaid

    @settings(max_examples=150, deadline=None)
    @given(case=cases())
    def test_every_payment_is_interest_plus_principal_plus_arrears_plus_fee(self, case):
        for _, option in repayment_options(case):
            for payment, interest, principal, arrears, fee, _ in rows_of(option.schedule):
                assert payment == interest + principal + arrears + fee

    @settings(max_examples=150, deadline=None)
    @given(case=cases())
    def test_total_paid_is_the_sum_of_payments(self, case):
        for _, option in repayment_options(case):
            summary = option.summary
            assert summary.total_paid == sum(option.schedule.payment)
            assert summary.cost == summary.total_paid - summary.principal_repaid

    @settings(max_examples=150, deadline=None)
    @given(case=cases())
    def test_schedule_ends_with_a_zero_balance(self, case):
        for _, option in repayment_options(case):
            assert len(option.schedule) > 0
            assert option.schedule.balance[-1] == 0

    @settings(max_examples=100, deadline=None)
    @given(case=cases())
    def test_each_balance_is_the_previous_one_less_the_principal_repaid(self, case):
        for index, option in repayment_options(case):
            owed = principal_fen_of(case, index) - option.summary.principal_waived
            for _, _, principal, _, _, balance in rows_of(option.schedule):
                owed -= principal
                assert balance == owed


class TestNothingNegative:
    @settings(max_examples=150, deadline=None)
    @given(case=cases())
    def test_no_row_of_any_option_has_a_negative_amount_or_balance(self, case):
        for _, option in repayment_options(case):
            for row in rows_of(option.schedule):
                assert min(row) >= 0, row

    @settings(max_examples=200, deadline=None)
    @given(
        principal_fen=principal_fen_values,
        rate=monthly_rates,
        months=st.integers(min_value=1, max_value=360),
        interest_free_months=st.integers(min_value=0, max_value=24),
        method=st.sampled_from(Method),
    )
    def test_plain_schedule_of_every_method_is_never_negative(
        self, principal_fen, rate, months, interest_free_months, method
    ):
        schedule = core.schedule(
            method,
            yuan(principal_fen),
            rate,
            months,
            first_due=FIRST_DUE,
            interest_free_months=interest_free_months,
        )
        for row in rows_of(schedule):
            assert min(row) >= 0, row
        assert schedule.total_principal == principal_fen


def installment_rounding_slack(loan: Loan, proposal: Proposal) -> float:
    """How much rounding the installment to the fen can move a plan's total paid, in fen.

    For an equal-installment plan with rates i_1..i_n and D_k = Π_{j≤k} (1 + i_j), the
    last payment absorbs the rounding, so the total paid is ``P·D_n − A·G`` with
    ``G = Σ_k (D_n/D_k − 1)``: an installment A rounded e fen away from the exact one
    moves the total by −e·G (|e| ≤ ½). Two plans whose installments round in opposite
    directions can therefore differ by up to G fen against the direction of their exact
    totals, plus a fen for rounding the last payment. Other methods round nothing that
    compounds, so their slack is zero.
    """
    months, rate, method = proposal_terms(loan, proposal)
    if method is not Method.EQUAL_INSTALLMENT:
        return 0.0
    free = 0 if proposal.interest_frozen_for_good else proposal.interest_free_months
    rates = rate_path(rate, months, max(free - proposal.holiday_months, 0))  # as core.plans
    growth = [1.0]
    for monthly in rates:
        growth.append(growth[-1] * (1 + monthly))
    final = growth[-1]
    spread = sum(final / g for g in growth[1:]) - months
    return spread * (1 + 1e-9) + 1


def with_levers(plan: Proposal, **levers: object) -> Proposal:
    """``plan`` with some levers changed, validated again."""
    return Proposal.model_validate({**plan.model_dump(), **levers})


def totals_paid(loan: Loan, *plans: Proposal) -> list[int]:
    """Each plan's total paid, their lump sums cut to the least any of them leaves owed.

    A case refuses a lump sum above what is owed after the plan's waivers, so plans
    compared with more waived carry a lump sum every one of them allows.
    """
    position = overdue_position(loan)
    most = min(owed_after_waivers(plan, position) for plan in plans)
    cut = [with_levers(p, lump_sum_yuan=min(p.lump_sum_yuan, most / 100)) for p in plans]
    comparison = core.compare(build_case(loan, cut))
    return [option.summary.total_paid for option in comparison.proposals]


class TestAWaiverNeverRaisesTheTotal:
    """Waiving principal or overdue charges never makes the borrower pay more in total.

    Exactly so for equal principal, interest first and flat fee. For equal installments
    the total may rise by at most the installment-rounding slack (see
    :func:`installment_rounding_slack` and the examples below): a waiver can change
    which way the installment rounds, and an installment rounded down repays a little
    slower and so costs more interest; on long, dear plans that compounds to hundreds
    of yuan, though the borrower pays less each month.
    """

    @settings(max_examples=150, deadline=None)
    @given(data=st.data())
    def test_adding_a_principal_waiver(self, data):
        loan = data.draw(loans())
        plan = data.draw(proposals(loan, principal_waiver=False))
        waived_fen = data.draw(st.integers(min_value=1, max_value=yuan_to_fen(loan.principal_yuan)))
        waived = with_levers(plan, principal_waived_yuan=yuan(waived_fen))
        before, after = totals_paid(loan, plan, waived)
        assert after <= before + installment_rounding_slack(loan, plan)

    @settings(max_examples=150, deadline=None)
    @given(data=st.data())
    def test_raising_the_waived_share_of_principal(self, data):
        loan = data.draw(loans())
        plan = data.draw(proposals(loan, principal_waiver=False))
        low, high = sorted(data.draw(st.lists(st.floats(0, 1), min_size=2, max_size=2)))
        smaller = with_levers(plan, principal_waived_share=low)
        larger = with_levers(plan, principal_waived_share=high)
        before, after = totals_paid(loan, smaller, larger)
        assert after <= before + installment_rounding_slack(loan, plan)

    @settings(max_examples=150, deadline=None)
    @given(data=st.data())
    def test_waiving_more_of_the_overdue_charges(self, data):
        loan = data.draw(loans(overdue=True))
        plan = data.draw(proposals(loan, charges_waiver=False))
        low, high = sorted(data.draw(st.lists(st.floats(0, 1), min_size=2, max_size=2)))
        smaller = with_levers(plan, overdue_charges_waived_share=low)
        larger = with_levers(plan, overdue_charges_waived_share=high)
        before, after = totals_paid(loan, smaller, larger)
        assert after <= before + installment_rounding_slack(loan, plan)

    @pytest.mark.parametrize(
        "principal_yuan, apr, months, more_fen",
        [
            # The installment, 361.67 yuan, is rounded up; after waiving 0.01 yuan it is
            # rounded down, so the plan repays a little slower: 0.09 yuan more in all.
            (10_003.91, 0.18, 36, 9),
            # The same over 30 years at 24 %: the half fen a month compounds to 607.20 yuan.
            (100_000.03, 0.24, 360, 60_720),
        ],
    )
    def test_a_one_fen_waiver_can_flip_the_installment_rounding(
        self, principal_yuan, apr, months, more_fen
    ):
        loan = Loan(principal_yuan=principal_yuan, rate=apr, remaining_months=months)
        plan = Proposal()
        waived = Proposal(principal_waived_yuan=0.01)
        comparison = core.compare(build_case(loan, (plan, waived)))
        before, after = (option.summary.total_paid for option in comparison.proposals)
        assert after - before == more_fen
        assert more_fen <= installment_rounding_slack(loan, plan)
