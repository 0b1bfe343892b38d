"""Using the money left over: every plan prepaid, highest cost or smallest debt first.

Expected figures come from a hand loop in this file (exact fractions, written apart from
``core.prepay``), from numpy-financial's ``nper`` or from arithmetic in the comments, never
from the code's own output.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy_financial as npf
import pytest
from bench_split import twelve_lenders  # the benchmark's case: one definition
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    TODAY,
    prepay_plans,
    prepayments,
    small_lender_cases,
    split_strategies,
)

from core import (
    Assumptions,
    Borrower,
    Case,
    Loan,
    LoanCase,
    Method,
    Prepaid,
    Prepayment,
    Proposal,
    RateUnit,
    Schedule,
    compare_loan,
    overdue_position,
    prepay,
)
from core.budget import Budget
from core.ladder import Ladder, Offer, Rung
from core.prepay import (
    PaidRow,
    Standing,
    equal_installment_step,
    pay_extra,
    plan_terms,
    prepay_order,
    regular_row,
    scheduled_principal_step,
    start_standing,
)
from core.schedules import add_months
from core.split import (
    AllLenders,
    Consequence,
    LenderPlan,
    Strategy,
    combined_months,
    overdue_totals,
    plan_all,
    split_totals,
)

ASSUME = Assumptions(today=TODAY, affordable_share=1.0)  # the figures by hand: no margin kept
FIRST_DUE = dt.date(2027, 1, 1)


def case_of(*loans: Loan, spare_yuan: float) -> Case:
    """Lenders against ``spare_yuan`` a month (income less essential expenses)."""
    return Case(
        borrower=Borrower(monthly_income_yuan=3_500 + spare_yuan, essential_expenses_yuan=3_500),
        loans=tuple(LoanCase(loan=loan) for loan in loans),
        assumptions=ASSUME,
    )


def planned_by_hand(plans: Sequence[tuple[Loan, Proposal]], monthly_fen: int) -> AllLenders:
    """All lenders as ``plan_all`` returns them, each with the plan given instead of solved.

    Lets a test reach the levers the ladder never pulls (holidays, interest-free months, a
    new method). Cash at signing: what the plans ask then.
    """
    lenders = []
    for index, (loan, proposal) in enumerate(plans):
        comparison = compare_loan(loan, (proposal,), Borrower(), ASSUME)
        option = comparison.proposals[0]
        share = Budget(option.summary.highest_payment, option.summary.due_at_signing)
        ladder = Ladder((Offer(Rung.WALK_AWAY, proposal, option.summary),), share, 0, 0, comparison)
        debt = comparison.position.total
        lenders.append(LenderPlan(index, loan, Consequence.OTHER, debt, share, ladder, option))
    budget = Budget(monthly_fen, sum(lender.share.at_signing for lender in lenders))
    months = combined_months(lenders, budget, today=TODAY, first_due=FIRST_DUE)
    return AllLenders(
        strategy=Strategy.PRO_RATA,
        budget=budget,
        lenders=tuple(lenders),
        months=months,
        overdue_path=overdue_totals(lenders),
        totals=split_totals(lenders, months, budget),
    )


def assert_prepaid_holds(result: Prepaid, planned: AllLenders) -> None:
    """What must hold for any plans and any choice."""
    budget = planned.budget
    assert len(result.plans) == len(planned.lenders)
    assert result.months[0] == planned.months[0]  # signing as planned
    for month in result.months[1:]:
        assert month.total <= budget.monthly  # never more than the budget
        assert month.left_over == budget.monthly - month.total >= 0
        assert month == replace(
            planned.months[month.month], payments=month.payments, owed=month.owed
        )
    horizon = len(result.months) - 1
    for plan, lender in zip(result.plans, planned.lenders, strict=True):
        assert [m.payments[plan.index] for m in result.months] == plan.schedule.cash_flows(horizon)
        if lender.plan is None:
            assert not plan.prepayable and len(plan.schedule) == 0 and plan.total_extra == 0
            assert all(m.payments[plan.index] == 0 == m.owed[plan.index] for m in result.months)
            continue
        assert_rows_reconcile(plan.schedule, plan.extra, lender)
        if not plan.prepayable:
            assert plan.schedule == lender.plan.schedule and plan.total_extra == 0
        # Never longer, never dearer; what is saved is interest only.
        assert plan.months_to_finish <= lender.plan.summary.months_to_finish
        assert (
            0
            <= plan.interest_saved
            == (lender.plan.schedule.total_interest - plan.schedule.total_interest)
        )
    totals = result.totals
    assert totals.total_paid == sum(month.total for month in result.months)
    assert (
        totals.months_to_clear == horizon == planned.totals.months_to_clear - totals.months_sooner
    )
    assert totals.months_sooner >= 0 and totals.interest_saved >= 0
    assert totals.interest_saved == planned.totals.total_paid - totals.total_paid
    assert totals.total_extra == sum(plan.total_extra for plan in result.plans)
    assert totals.debt_free_on == result.months[-1].due_date
    assert result.months[-1].total_owed == 0
    assert_left_over_only_when_nothing_takes_it(result, planned)


def assert_rows_reconcile(schedule: Schedule, extra: Sequence[int], lender: LenderPlan) -> None:
    """Every row to the fen: payment = its parts, the balance falls by the principal repaid,
    principal repaid + waived = principal, the arrears and fees planned are all paid."""
    assert lender.plan is not None
    planned = lender.plan.schedule
    assert len(extra) == len(schedule.month) <= len(planned.month)
    assert schedule.month == planned.month[: len(schedule.month)]
    assert schedule.due_date == planned.due_date[: len(schedule.month)]
    before = planned.balance[0] + planned.principal[0]
    for k in range(len(schedule.month)):
        assert schedule.payment[k] == (
            schedule.interest[k] + schedule.principal[k] + schedule.arrears[k] + schedule.fee[k]
        )
        assert min(schedule.interest[k], schedule.principal[k], schedule.arrears[k]) >= 0
        assert 0 <= extra[k] <= schedule.principal[k] + schedule.arrears[k]
        assert schedule.balance[k] == before - schedule.principal[k] >= 0
        before = schedule.balance[k]
    assert before == 0
    position = overdue_position(lender.loan)
    assert schedule.total_principal + lender.plan.summary.principal_waived == position.principal
    assert schedule.total_principal == planned.total_principal
    assert schedule.total_arrears == planned.total_arrears
    assert schedule.total_fee == planned.total_fee


def assert_left_over_only_when_nothing_takes_it(result: Prepaid, planned: AllLenders) -> None:
    """A month leaves money over only when no plan that may be prepaid still owes anything."""
    if result.choice is Prepayment.NOT_AT_ALL:
        return
    for month in result.months[1:]:
        if month.left_over == 0:
            continue
        for plan, lender in zip(result.plans, planned.lenders, strict=True):
            terms = plan_terms(lender)
            if terms is None or lender.plan is None:
                continue
            started = month.month >= lender.plan.schedule.month[terms.first_installment]
            assert not started or month.owed[plan.index] == 0


def first_targets(planned: AllLenders) -> tuple[int | None, int | None]:
    """The plan prepaid first highest cost first, and the one smallest debt first: of the
    plans that may be prepaid, the highest APR (ties: the larger debt once signed, then list
    order), and the smallest debt once signed (ties: list order). None when there is none."""
    owed = planned.months[0].owed
    keys = [
        (lender.plan.summary.apr.nominal_apr if lender.plan.summary.apr else 0.0, owed[k], k)
        for k, lender in enumerate(planned.lenders)
        if lender.plan is not None and plan_terms(lender) is not None
    ]
    if not keys:
        return None, None
    highest = min(keys, key=lambda key: (-key[0], -key[1], key[2]))[2]
    smallest = min(keys, key=lambda key: (key[1], key[2]))[2]
    return highest, smallest


# --- The pieces ----------------------------------------------------------------------------


class TestPrepayOrder:
    @pytest.mark.parametrize(
        "choice, aprs, owed, candidates, expected",
        [
            (Prepayment.HIGHEST_COST_FIRST, [0.18, 0.24, 0.12], [1, 1, 1], [0, 1, 2], [1, 0, 2]),
            # APR ties: the larger debt first, then list order.
            (Prepayment.HIGHEST_COST_FIRST, [0.18, 0.18, 0.18], [5, 9, 9], [0, 1, 2], [1, 2, 0]),
            (Prepayment.SMALLEST_DEBT_FIRST, [0.36, 0.12, 0.24], [9, 5, 7], [0, 1, 2], [1, 2, 0]),
            # Debt ties: list order.
            (Prepayment.SMALLEST_DEBT_FIRST, [0.36, 0.12, 0.24], [5, 5, 1], [0, 1, 2], [2, 0, 1]),
            # Only the candidates (a flat-fee plan, left on its schedule, is not one).
            (Prepayment.HIGHEST_COST_FIRST, [0.18, 0.24, 0.12], [1, 1, 1], [0, 2], [0, 2]),
            (Prepayment.NOT_AT_ALL, [0.18, 0.24], [1, 1], [0, 1], []),
        ],
    )
    def test_order(
        self,
        choice: Prepayment,
        aprs: list[float],
        owed: list[int],
        candidates: list[int],
        expected: list[int],
    ) -> None:
        assert prepay_order(choice, aprs, owed, candidates) == expected


class TestPayExtra:
    @pytest.mark.parametrize(
        "standing, amount, expected",
        [
            # Principal first.
            (Standing(10_000, 10_000.0, 500, 2), 3_000, (3_000, 0, 7_000, 500)),
            # The principal cleared, then the arrears left.
            (Standing(10_000, 10_000.0, 500, 2), 10_200, (10_000, 200, 0, 300)),
            (Standing(10_000, 10_000.0, 500, 2), 10_500, (10_000, 500, 0, 0)),
            # Arrears only.
            (Standing(0, 0.0, 500, 2), 100, (0, 100, 0, 400)),
        ],
    )
    def test_principal_then_arrears(
        self, standing: Standing, amount: int, expected: tuple[int, int, int, int]
    ) -> None:
        to_principal, to_arrears, after = pay_extra(standing, amount)
        assert (to_principal, to_arrears, after.principal, after.arrears) == expected
        assert after.prepaid and after.rows_done == standing.rows_done
        assert after.exact == standing.exact - to_principal or after.principal == 0 == after.exact


class TestSteps:
    """Without an extra, the recomputed rows are the schedule's own, row for row."""

    @settings(max_examples=150, deadline=None)
    @given(plan=prepay_plans(), recompute_from=st.integers(0, 60))
    def test_rows_recomputed_after_an_extra_of_nothing_are_the_schedule(
        self, plan: tuple[Loan, Proposal], recompute_from: int
    ) -> None:
        """The planned rows, then from some installment on each row by the plan's rule
        (as after an extra): the same rows, to the fen, for every method and lever."""
        lender = planned_by_hand([plan], 0).lenders[0]
        assert lender.plan is not None
        schedule = lender.plan.schedule
        terms = plan_terms(lender)
        assert terms is not None
        switch = max(recompute_from, terms.first_installment)
        standing = start_standing(schedule)
        for k in range(len(schedule)):
            if k == switch:
                standing = replace(standing, prepaid=True)
            row, standing = regular_row(schedule, terms, standing)
            assert row == PaidRow(schedule.interest[k], schedule.principal[k], schedule.arrears[k])
            assert standing.principal == schedule.balance[k]
        assert standing.owed == 0

    def test_equal_installment_by_hand(self) -> None:
        # 10,000 yuan at 1.5 % a month: 916.80; interest 150.00, principal 766.80.
        interest, principal, exact = equal_installment_step(
            1_000_000, 1_000_000.0, 0.015, 91_680, last=False
        )
        assert (interest, principal) == (15_000, 76_680)
        assert exact == pytest.approx(923_320)
        # 500 yuan left: 507.50 with its interest clears it, less than the installment.
        assert equal_installment_step(50_000, 50_000.0, 0.015, 91_680, last=False)[:2] == (
            750,
            50_000,
        )

    @pytest.mark.parametrize(
        "balance, rate, scheduled, last, expected",
        [
            (20_000, 0.01, 10_000, False, (200, 10_000)),
            (4_000, 0.01, 10_000, False, (40, 4_000)),  # less left than planned
            (4_000, 0.01, 0, False, (40, 0)),  # interest first: interest only
            (4_000, 0.01, 0, True, (40, 4_000)),  # … and the principal at the end
            (12_345, 0.015, 100, False, (185, 100)),  # 185.175 fen rounds to 185
        ],
    )
    def test_scheduled_principal_by_hand(
        self, balance: int, rate: float, scheduled: int, last: bool, expected: tuple[int, int]
    ) -> None:
        assert scheduled_principal_step(balance, rate, scheduled, last=last) == expected


class TestPlanTerms:
    def test_no_plan_no_terms(self) -> None:
        planned = plan_all(case_of(Loan(), spare_yuan=0), Strategy.PRO_RATA)
        assert planned.lenders[0].plan is None
        assert plan_terms(planned.lenders[0]) is None

    def test_a_flat_fee_plan_is_left_on_its_schedule(self) -> None:
        flat = Loan(
            principal_yuan=12_000,
            rate=0.006,
            rate_unit=RateUnit.FLAT_MONTHLY_FEE,
            method=Method.FLAT_FEE,
            remaining_months=12,
        )
        planned = plan_all(
            case_of(flat, Loan(principal_yuan=3_000), spare_yuan=3_000), Strategy.PRO_RATA
        )
        assert all(lender.plan is not None for lender in planned.lenders)
        assert plan_terms(planned.lenders[0]) is None
        for choice in Prepayment:
            result = prepay(planned, choice)
            assert not result.plans[0].prepayable
            assert result.plans[0].schedule == result.plans[0].planned
            assert result.plans[0].total_extra == 0
            assert_prepaid_holds(result, planned)

    def test_holiday_and_interest_free_rows(self) -> None:
        loan = Loan(principal_yuan=1_200, rate=0.12, days_overdue=40, overdue_amount_yuan=100)
        proposal = Proposal(term_months=4, holiday_months=2, interest_free_months=3)
        lender = planned_by_hand([(loan, proposal)], 100_000).lenders[0]
        terms = plan_terms(lender)
        assert terms is not None
        # No signing row (nothing due then), two holiday rows, then 4 installments of which
        # the first is interest-free (3 free months, 2 of them in the holiday).
        assert terms.rates == (0.0, 0.0, 0.0, 0.01, 0.01, 0.01)
        assert terms.first_installment == 2


# --- The whole picture ---------------------------------------------------------------------


@dataclass(frozen=True)
class HandPlan:
    """An equal-installment plan for the hand loop: no arrears, nothing at signing."""

    principal_fen: int
    monthly_rate: Fraction
    installment_fen: int
    months: int
    apr: Fraction


def half_up(amount: Fraction) -> int:
    return math.floor(amount + Fraction(1, 2))


Order = Callable[[list[HandPlan], list[int]], list[int]]


def avalanche(plans: list[HandPlan], owed: list[int]) -> list[int]:
    return sorted(range(len(plans)), key=lambda j: (-plans[j].apr, -owed[j], j))


def snowball(plans: list[HandPlan], owed: list[int]) -> list[int]:
    return sorted(range(len(plans)), key=lambda j: (owed[j], j))


def hand_prepay(
    plans: list[HandPlan], budget_fen: int, order: Order
) -> tuple[list[int], list[int]]:
    """Each plan's last month and total paid, month by month in exact fractions.

    Each month: every open plan pays its installment (interest on the exact balance; the
    exact balance rounded half up is the balance; the last payment is what is left), then
    what is left of the budget prepays the plans in ``order``, each at most its balance.
    """
    exact = [Fraction(p.principal_fen) for p in plans]
    balance = [p.principal_fen for p in plans]
    paid, rows, end = [0] * len(plans), [0] * len(plans), [0] * len(plans)
    month = 0
    while any(balance):
        month += 1
        spent = 0
        for j, plan in enumerate(plans):
            if balance[j] == 0:
                continue
            owed = exact[j] * (1 + plan.monthly_rate)
            exact[j] = owed - plan.installment_fen
            rows[j] += 1
            if rows[j] == plan.months or half_up(exact[j]) <= 0:
                payment, balance[j] = max(half_up(owed), balance[j]), 0
            else:
                payment, new_balance = plan.installment_fen, half_up(exact[j])
                assert balance[j] - payment <= new_balance < balance[j]  # no clamp binds
                balance[j] = new_balance
            spent += payment
            paid[j] += payment
            end[j] = month
        left = budget_fen - spent
        for j in order(plans, balance):
            extra = min(left, balance[j])
            if extra == 0:
                continue
            balance[j] -= extra
            exact[j] -= extra
            paid[j] += extra
            left -= extra
            end[j] = month
    return end, paid


# 6,000 yuan at 24 % and 3,000 at 12 %, 1,000 yuan a month over essential expenses.
TWO_LOANS = (Loan(principal_yuan=6_000, rate=0.24), Loan(principal_yuan=3_000, rate=0.12))


@dataclass(frozen=True)
class TwoLenderCase:
    strategy: Strategy
    installments: tuple[int, int]
    """Each plan's installment (fen), by the annuity formula."""
    months: tuple[int, int]
    choice: Prepayment
    finish: tuple[int, int]
    """Each plan's last month with prepaying (the hand loop's figures)."""
    total_paid: int
    planned_total: int


TWO_LENDER_CASES = [
    # Consequences first: both needs met (60 months at the contract rate:
    # 6,000·0.02 / (1 − 1.02^−60) = 172.61 and 3,000·0.01 / (1 − 1.01^−60) = 66.73), and
    # 1,000 − 239.34 = 760.66 yuan left over a month.
    TwoLenderCase(
        Strategy.CONSEQUENCES,
        (17_261, 6_673),
        (60, 60),
        Prepayment.HIGHEST_COST_FIRST,
        (7, 10),
        974_035,
        1_436_042,
    ),
    TwoLenderCase(
        Strategy.CONSEQUENCES,
        (17_261, 6_673),
        (60, 60),
        Prepayment.SMALLEST_DEBT_FIRST,
        (10, 4),
        993_695,
        1_436_042,
    ),
    # Pro rata, 666.67 and 333.33: the fewest months that fit are 11 (613.07) and 10
    # (316.75), leaving 53.60 + 16.58 = 70.18 yuan a month.
    TwoLenderCase(
        Strategy.PRO_RATA,
        (61_307, 31_675),
        (11, 10),
        Prepayment.HIGHEST_COST_FIRST,
        (10, 10),
        983_253,
        991_120,
    ),
    TwoLenderCase(
        Strategy.PRO_RATA,
        (61_307, 31_675),
        (11, 10),
        Prepayment.SMALLEST_DEBT_FIRST,
        (10, 9),
        986_330,
        991_120,
    ),
]


class TestTwoLendersByHand:
    @pytest.mark.parametrize("row", TWO_LENDER_CASES, ids=lambda r: f"{r.strategy}-{r.choice}")
    def test_against_the_hand_loop(self, row: TwoLenderCase) -> None:
        planned = plan_all(case_of(*TWO_LOANS, spare_yuan=1_000), row.strategy)
        plans = [lender.plan for lender in planned.lenders]
        assert all(plan is not None for plan in plans)
        # The plans are the annuities above (core.split's business; checked here so that the
        # hand loop starts from the right plans).
        installments = tuple(p.schedule.payment[0] for p in plans if p)
        assert installments == row.installments
        assert tuple(p.summary.months_to_finish for p in plans if p) == row.months
        hand = [
            HandPlan(
                600_000, Fraction(2, 100), row.installments[0], row.months[0], Fraction(24, 100)
            ),
            HandPlan(
                300_000, Fraction(1, 100), row.installments[1], row.months[1], Fraction(12, 100)
            ),
        ]
        order = avalanche if row.choice is Prepayment.HIGHEST_COST_FIRST else snowball
        end, paid = hand_prepay(hand, 100_000, order)
        result = prepay(planned, row.choice)
        assert tuple(end) == row.finish == tuple(p.months_to_finish for p in result.plans)
        assert paid == [p.schedule.total_paid for p in result.plans]
        assert result.totals.months_to_clear == max(row.finish)
        assert result.totals.debt_free_on == add_months(FIRST_DUE, max(row.finish) - 1)
        assert result.totals.total_paid == sum(paid)
        assert (result.totals.total_paid, planned.totals.total_paid) == (
            row.total_paid,
            row.planned_total,
        )
        assert result.totals.interest_saved == planned.totals.total_paid - sum(paid)
        assert_prepaid_holds(result, planned)

    @pytest.mark.parametrize("strategy", list(Strategy))
    def test_the_first_target_clears_when_nper_says(self, strategy: Strategy) -> None:
        """The first target gets the same extra each month while the other plan runs on its
        schedule: it is an annuity of installment + left over, which ``nper`` counts."""
        planned = plan_all(case_of(*TWO_LOANS, spare_yuan=1_000), strategy)
        left_over = planned.months[1].left_over
        for choice, target, rate in [
            (Prepayment.HIGHEST_COST_FIRST, 0, 0.02),
            (Prepayment.SMALLEST_DEBT_FIRST, 1, 0.01),
        ]:
            lender = planned.lenders[target]
            assert lender.plan is not None
            pays = (lender.plan.schedule.payment[0] + left_over) / 100
            expected = math.ceil(npf.nper(rate, -pays, lender.debt / 100))
            assert prepay(planned, choice).plans[target].months_to_finish == expected

    def test_interest_first_by_hand(self) -> None:
        # 10,000 yuan at 12 % over 6 months, interest first: 100 a month, 10,100 at the end.
        # The plan fits 10,100 a month, so 10,000 is left over in month 1: with the month's
        # interest it clears the plan at once; 500 yuan of interest saved.
        loan = Loan(principal_yuan=10_000, rate=0.12, method=Method.INTEREST_FIRST)
        planned = planned_by_hand([(loan, Proposal(term_months=6))], 1_010_000)
        for choice in (Prepayment.HIGHEST_COST_FIRST, Prepayment.SMALLEST_DEBT_FIRST):
            result = prepay(planned, choice)
            plan = result.plans[0]
            assert plan.schedule.payment == (1_010_000,)
            assert (plan.schedule.interest, plan.extra) == ((10_000,), (1_000_000,))
            assert plan.interest_saved == 50_000 and result.totals.months_sooner == 5
            assert_prepaid_holds(result, planned)

    def test_equal_principal_by_hand(self) -> None:
        # 300 yuan at 1 % a month over 3 months: 103, 102, 101. With 200 a month, 97 is left
        # over in month 1: the balance falls to 103. Month 2: interest 1.03 and principal
        # 100 (the planned share), 101.03; 98.97 left over, of which 3 clears it.
        loan = Loan(principal_yuan=300, rate=0.12, method=Method.EQUAL_PRINCIPAL)
        planned = planned_by_hand([(loan, Proposal(term_months=3))], 20_000)
        result = prepay(planned, Prepayment.SMALLEST_DEBT_FIRST)
        plan = result.plans[0]
        assert plan.schedule.payment == (20_000, 10_403)
        assert plan.extra == (9_700, 300)
        assert plan.schedule.interest == (300, 103)
        assert plan.interest_saved == 30_600 - 30_403
        assert_prepaid_holds(result, planned)

    def test_arrears_keep_their_schedule_then_are_paid_with_the_end(self) -> None:
        # 1,200 yuan at 0 % and 120 yuan of charges spread over 4 installments: 330 a month
        # (300 + 30). With 500 a month, 170 is left over.
        # Month 1: 330, extra 170: principal 1,200 − 300 − 170 = 730, arrears 120 − 30 = 90.
        # Month 2: 330, extra 170: principal 730 − 300 − 170 = 260, arrears 60.
        # Month 3: the last 260 with 30 of arrears; of the 210 left, 30 pays the arrears left.
        loan = Loan(
            principal_yuan=1_200,
            rate=0.0,
            days_overdue=40,
            overdue_amount_yuan=100,
            other_charges_yuan=120,
        )
        planned = planned_by_hand([(loan, Proposal(term_months=4))], 50_000)
        assert planned.lenders[0].plan is not None
        assert planned.lenders[0].plan.schedule.payment == (33_000,) * 4
        result = prepay(planned, Prepayment.HIGHEST_COST_FIRST)
        plan = result.plans[0]
        assert plan.schedule.payment == (50_000, 50_000, 32_000)
        assert plan.schedule.principal == (47_000, 47_000, 26_000)
        assert plan.schedule.arrears == (3_000, 3_000, 6_000)
        assert plan.extra == (17_000, 17_000, 3_000)
        assert [m.owed for m in result.months] == [(132_000,), (82_000,), (32_000,), (0,)]
        assert plan.interest_saved == 0  # no interest to save at 0 %
        assert_prepaid_holds(result, planned)


class TestProperties:
    @settings(max_examples=60, deadline=None)
    @given(case=small_lender_cases(), strategy=split_strategies, choice=prepayments)
    def test_any_case_fits_the_budget_and_reconciles(
        self, case: Case, strategy: Strategy, choice: Prepayment
    ) -> None:
        planned = plan_all(case, strategy)
        assert_prepaid_holds(prepay(planned, choice), planned)

    @settings(max_examples=40, deadline=None)
    @given(case=small_lender_cases(), strategy=split_strategies)
    def test_not_at_all_is_plan_all(self, case: Case, strategy: Strategy) -> None:
        planned = plan_all(case, strategy)
        result = prepay(planned, Prepayment.NOT_AT_ALL)
        assert result.months == planned.months
        for plan, lender in zip(result.plans, planned.lenders, strict=True):
            assert plan.schedule == (lender.plan.schedule if lender.plan else plan.planned)
        assert (result.totals.interest_saved, result.totals.months_sooner) == (0, 0)

    @settings(max_examples=40, deadline=None)
    @given(case=small_lender_cases(), strategy=split_strategies, choice=prepayments)
    def test_until_money_is_left_over_the_months_are_plan_alls(
        self, case: Case, strategy: Strategy, choice: Prepayment
    ) -> None:
        planned = plan_all(case, strategy)
        result = prepay(planned, choice)
        first_left = next(
            (m.month for m in planned.months[1:] if m.left_over > 0), len(planned.months)
        )
        assert result.months[:first_left] == planned.months[:first_left]

    @settings(max_examples=60, deadline=None)
    @given(case=small_lender_cases(), strategy=split_strategies)
    def test_each_order_clears_its_own_first_target_first(
        self, case: Case, strategy: Strategy
    ) -> None:
        planned = plan_all(case, strategy)
        avalanche_result = prepay(planned, Prepayment.HIGHEST_COST_FIRST)
        snowball_result = prepay(planned, Prepayment.SMALLEST_DEBT_FIRST)
        highest, smallest = first_targets(planned)
        if highest is not None and smallest is not None:
            assert (
                avalanche_result.plans[highest].months_to_finish
                <= snowball_result.plans[highest].months_to_finish
            )
            assert (
                snowball_result.plans[smallest].months_to_finish
                <= avalanche_result.plans[smallest].months_to_finish
            )

    @settings(max_examples=60, deadline=None)
    @given(
        plans=st.lists(prepay_plans(), min_size=1, max_size=3),
        spare_fen=st.integers(0, 500_000),
        choice=prepayments,
    )
    def test_holidays_interest_free_months_and_arrears(
        self, plans: list[tuple[Loan, Proposal]], spare_fen: int, choice: Prepayment
    ) -> None:
        """Plans with every lever prepaying must respect, and a budget above what they ask."""
        asked = planned_by_hand(plans, 0)
        budget = sum(lender.share.monthly for lender in asked.lenders) + spare_fen
        planned = planned_by_hand(plans, budget)
        result = prepay(planned, choice)
        assert_prepaid_holds(result, planned)
        for plan, lender in zip(result.plans, planned.lenders, strict=True):
            terms = plan_terms(lender)
            assert terms is not None
            first_month = plan.planned.month[terms.first_installment]
            # No extra before the first installment (a holiday's interest is settled).
            assert all(
                extra == 0
                for month, extra in zip(plan.schedule.month, plan.extra, strict=True)
                if month < first_month
            )


class TestNoMoneyLeftOver:
    @pytest.mark.parametrize("choice", list(Prepayment))
    @pytest.mark.parametrize(
        "loans, spare_yuan",
        [
            # 1,200 and 600 yuan at 0 %, 450 a month: 300 and 150 for 4 months, nothing over.
            ((Loan(principal_yuan=1_200, rate=0), Loan(principal_yuan=600, rate=0)), 450),
            ((Loan(principal_yuan=1_200, rate=0),), 300),
        ],
    )
    def test_the_result_is_plan_alls(
        self, loans: tuple[Loan, ...], spare_yuan: float, choice: Prepayment
    ) -> None:
        planned = plan_all(case_of(*loans, spare_yuan=spare_yuan), Strategy.PRO_RATA)
        assert {m.left_over for m in planned.months} == {0}
        result = prepay(planned, choice)
        assert result.months == planned.months
        assert [p.schedule for p in result.plans] == [
            lender.plan.schedule for lender in planned.lenders if lender.plan
        ]
        assert result.totals.total_extra == 0 == result.totals.interest_saved

    @pytest.mark.parametrize("choice", list(Prepayment))
    def test_hardship_nothing_to_prepay(self, choice: Prepayment) -> None:
        planned = plan_all(
            case_of(Loan(), Loan(principal_yuan=3_000), spare_yuan=0), Strategy.PRO_RATA
        )
        result = prepay(planned, choice)
        assert result.months == planned.months and len(result.months) == 1
        assert result.totals.months_to_clear == 0 and result.totals.debt_free_on == TODAY
        assert_prepaid_holds(result, planned)


class TestTwelveLenders:
    @pytest.mark.parametrize("choice", list(Prepayment))
    @pytest.mark.parametrize("strategy", list(Strategy))
    def test_the_benchmark_case(self, strategy: Strategy, choice: Prepayment) -> None:
        planned = plan_all(twelve_lenders(), strategy)
        result = prepay(planned, choice)
        assert_prepaid_holds(result, planned)
        unplanned = [lender.index for lender in planned.lenders if lender.plan is None]
        assert all(result.plans[i].total_extra == 0 for i in unplanned)  # nothing to prepay
