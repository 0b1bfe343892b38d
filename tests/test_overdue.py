"""Staying overdue (domain.md §4): the position today and the path month by month."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from core import Loan, Method, overdue_position, schedule, stay_overdue_path
from core.legal import CREDIT_CARD_LINE, LICENSED_LENDER_LINE, private_lending_line
from core.overdue import collection_stage
from core.plans import contract_schedule

TODAY = dt.date(2026, 12, 1)
FIRST_DUE = dt.date(2027, 1, 1)


def path_for(loan: Loan, line=LICENSED_LENDER_LINE, **kwargs):
    contract = contract_schedule(loan, overdue_position(loan), today=TODAY, first_due=FIRST_DUE)
    return stay_overdue_path(loan, contract, line, today=TODAY, **kwargs)


class TestOverduePosition:
    def test_split_of_the_overdue_amount(self):
        # Two missed installments of 916.80 on 10,000 at 18 %: 150 of interest each.
        loan = Loan(days_overdue=45, overdue_amount_yuan=1_833.60)
        position = overdue_position(loan)
        assert position.overdue_interest == 30_000
        assert position.overdue_principal == 153_360
        assert position.not_yet_due_principal == 1_000_000 - 153_360

    def test_estimated_penalty_uses_the_average_age(self):
        # 1,833.60 × 27 % / 360 × 30 days (ages 45 and 15) = 41.256 yuan
        position = overdue_position(Loan(days_overdue=45, overdue_amount_yuan=1_833.60))
        assert position.penalty_estimated
        assert position.accrued_penalty == 4_126

    def test_stated_penalty_is_used_as_given(self):
        position = overdue_position(
            Loan(days_overdue=45, overdue_amount_yuan=1_833.60, accrued_penalty_yuan=12.34)
        )
        assert not position.penalty_estimated
        assert position.accrued_penalty == 1_234

    def test_total_owed(self):
        loan = Loan(
            days_overdue=45,
            overdue_amount_yuan=1_833.60,
            accrued_penalty_yuan=40,
            other_charges_yuan=60,
        )
        assert overdue_position(loan).total == 1_000_000 + 30_000 + 4_000 + 6_000


class TestCollectionStage:
    @pytest.mark.parametrize(
        "days, stage",
        [
            (0, "current"),
            (1, "M1"),
            (30, "M1"),
            (31, "M2"),
            (60, "M2"),
            (61, "M3"),
            (90, "M3"),
            (91, "M3+"),
        ],
    )
    def test_stage_boundaries(self, days, stage):
        assert collection_stage(days) == stage


class TestStayOverduePath:
    def test_penalty_on_overdue_principal_compound_on_unpaid_interest(self):
        loan = Loan()  # 10,000 at 18 %, 12 months, not yet overdue; penalty 27 % a year
        path = path_for(loan)
        first = schedule(loan.method, 10_000, 0.015, 12, first_due=FIRST_DUE)
        assert path[1].overdue_principal == first.principal[0]
        assert path[1].unpaid_interest == first.interest[0]
        assert path[1].penalty == 0
        # Month 2: 2.25 % of the overdue principal and of the unpaid interest.
        assert path[2].penalty == round(first.principal[0] * 0.0225)
        assert path[2].compound_interest == round(first.interest[0] * 0.0225)

    def test_no_compounding_on_penalty_or_charges(self):
        loan = Loan(monthly_charge_yuan=100)
        path = path_for(loan, acceleration_days=3650)
        for earlier, later in itertools.pairwise(path):
            compound_growth = later.compound_interest - earlier.compound_interest
            assert compound_growth == round(earlier.unpaid_interest * loan.penalty_apr / 12)

    def test_acceleration_puts_the_whole_principal_overdue(self):
        loan = Loan(days_overdue=60, overdue_amount_yuan=1_833.60)
        path = path_for(loan, acceleration_days=90)
        assert not path[0].accelerated
        assert path[1].accelerated
        assert path[1].overdue_principal == 1_000_000
        # After acceleration no more contract interest falls due.
        assert path[5].unpaid_interest == path[1].unpaid_interest

    def test_row_zero_is_today_and_rows_follow_the_horizon(self):
        path = path_for(Loan(), horizon_months=36)
        assert len(path) == 37
        assert path[0].date == TODAY
        assert path[0].claimed == 1_000_000
        assert all(b.claimed >= a.claimed for a, b in itertools.pairwise(path))

    def test_enforceable_never_exceeds_claimed_and_is_capped(self):
        loan = Loan(rate=0.36, days_overdue=100, overdue_amount_yuan=3_000)
        path = path_for(loan)
        assert all(m.enforceable <= m.claimed for m in path)
        # From today at most 24 % a year on the principal is added.
        growth = path[-1].enforceable - path[0].enforceable
        assert growth <= round(1_000_000 * 0.24 * 2)
        assert path[-1].enforceable < path[-1].claimed

    def test_private_lending_cap_is_lower(self):
        loan = Loan(
            lender_type="private",
            contract_date=dt.date(2025, 6, 1),
            days_overdue=100,
            overdue_amount_yuan=3_000,
        )
        line = private_lending_line(loan.contract_date, TODAY)
        path = path_for(loan, line=line)
        assert path[-1].enforceable - path[0].enforceable <= round(1_000_000 * 0.12 * 2)

    def test_credit_card_has_no_cap(self):
        loan = Loan(lender_type="credit_card", rate=0.0005, rate_unit="daily", day_basis=365)
        path = path_for(loan, line=CREDIT_CARD_LINE)
        assert all(m.enforceable == m.claimed for m in path)

    def test_days_and_stages_advance(self):
        path = path_for(Loan(days_overdue=10, overdue_amount_yuan=916.8))
        assert [m.days_overdue for m in path[:4]] == [10, 40, 70, 100]
        assert [m.stage for m in path[:4]] == ["M1", "M2", "M3", "M3+"]


class TestSplitOfTheOverdueAmountIsExact:
    """Issue 14: the interest part of m missed installments is what the schedule says.

    The principal still owed (``principal_yuan``) is the balance before the first missed
    installment; m missed and ``remaining_months`` left make m + remaining installments.
    """

    def test_equal_principal_three_missed(self):
        # 40,000 at 18 % over 3 + 10 = 13 installments of 3,076.92 or 3,076.93 principal.
        # Interest: 40,000 × 1.5 % = 600.00; 36,923.08 × 1.5 % = 553.85;
        # 33,846.15 × 1.5 % = 507.69 (half up); together 1,661.54, not 3 × 600 = 1,800.
        plan = schedule(Method.EQUAL_PRINCIPAL, 40_000, 0.015, 13, first_due=FIRST_DUE)
        assert plan.interest[:3] == (60_000, 55_385, 50_769)
        overdue_fen = sum(plan.payment[:3])
        loan = Loan(
            principal_yuan=40_000,
            method=Method.EQUAL_PRINCIPAL,
            remaining_months=10,
            days_overdue=75,
            overdue_amount_yuan=overdue_fen / 100,
        )
        assert loan.missed_installments == 3
        position = overdue_position(loan)
        assert position.overdue_interest == 166_154
        assert position.overdue_principal == sum(plan.principal[:3])

    def test_interest_first_is_a_month_of_interest_each(self):
        loan = Loan(method=Method.INTEREST_FIRST, days_overdue=75, overdue_amount_yuan=450)
        assert overdue_position(loan).overdue_interest == 45_000

    @staticmethod
    def missed(method: Method, missed: int):
        """A loan of 25,000 at 2 % a month with ``missed`` installments of its schedule unpaid."""
        remaining = 9
        plan = schedule(method, 25_000, 0.02, missed + remaining, first_due=FIRST_DUE)
        loan = Loan(
            principal_yuan=25_000,
            rate=0.02,
            rate_unit="flat_fee" if method is Method.FLAT_FEE else "monthly",
            method=method,
            remaining_months=remaining,
            days_overdue=30 * missed - 5,
            overdue_amount_yuan=sum(plan.payment[:missed]) / 100,
        )
        return loan, plan

    @pytest.mark.parametrize(
        "method", [Method.EQUAL_PRINCIPAL, Method.INTEREST_FIRST, Method.FLAT_FEE]
    )
    @pytest.mark.parametrize("missed", [1, 2, 3, 5])
    def test_each_method_matches_its_schedule(self, method: Method, missed: int):
        loan, plan = self.missed(method, missed)
        position = overdue_position(loan)
        assert position.overdue_interest == sum(plan.interest[:missed])
        assert position.overdue_principal == sum(plan.principal[:missed])

    @pytest.mark.parametrize("missed", [1, 2, 3, 5])
    def test_equal_installments_a_month_of_interest_on_the_principal_each(self, missed: int):
        # As documented: m·P·i, exact for one missed installment, above the schedule after.
        loan, plan = self.missed(Method.EQUAL_INSTALLMENT, missed)
        interest = overdue_position(loan).overdue_interest
        assert interest == missed * 50_000
        assert interest >= sum(plan.interest[:missed])
        assert (interest == sum(plan.interest[:missed])) is (missed == 1)


class TestAlreadyPastTheAccelerationPoint:
    """Issue 14: 100 days overdue with the point at 90 is accelerated from today (row 0)."""

    def test_row_zero_is_accelerated_and_month_one_charges_the_whole_principal(self):
        # Interest-first, 10,000 at 18 %: four missed months of 150.00 interest, no principal
        # past due. Accelerated today, month 1's penalty runs on all 10,000 at 27 % / 12:
        # 225.00; compound interest on the 600.00 unpaid: 13.50; no contract interest added.
        loan = Loan(method=Method.INTEREST_FIRST, days_overdue=100, overdue_amount_yuan=600)
        path = path_for(loan, acceleration_days=90)
        assert path[0].accelerated
        assert path[0].overdue_principal == 1_000_000
        assert path[1].penalty - path[0].penalty == 22_500
        assert path[1].compound_interest - path[0].compound_interest == 1_350
        assert path[1].unpaid_interest == path[0].unpaid_interest == 60_000

    def test_exactly_at_the_point_counts(self):
        loan = Loan(days_overdue=90, overdue_amount_yuan=2_750.40)
        assert path_for(loan, acceleration_days=90)[0].accelerated

    def test_short_of_the_point_is_not_accelerated_today(self):
        loan = Loan(days_overdue=89, overdue_amount_yuan=2_750.40)
        path = path_for(loan, acceleration_days=90)
        assert not path[0].accelerated and path[1].accelerated
