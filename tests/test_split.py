"""All lenders against one budget: the split, the order of consequences, and every plan.

Expected figures are worked out by hand or with numpy-financial in the test, never taken
from the code's own output.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import numpy_financial as npf
import pytest
from bench_split import twelve_lenders  # the benchmark's case: one definition
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from strategies import (
    TODAY,
    lender_cases,
    lender_loans,
    split_totals_fen,
    split_weights,
)

from core import (
    Assumptions,
    Borrower,
    Bureau,
    Case,
    Lawsuit,
    LenderType,
    Loan,
    LoanCase,
    Method,
    compare_loan,
    overdue_position,
)
from core.budget import Budget, affordable_budget
from core.ladder import offer_ladder
from core.legal import MALICIOUS_OVERDRAFT_AMOUNT
from core.models import MAX_LOANS, MAX_NAME_LENGTH
from core.schedules import schedule
from core.split import (
    AllLenders,
    Consequence,
    Strategy,
    at_malicious_overdraft_amount,
    consequence,
    consequence_order,
    longest_term,
    needs_first,
    plan_all,
    pro_rata,
    split_budget,
    still_owed,
    walk_away_need,
)
from core.text import LANGS, Lang, explain_validation_error

ASSUME = Assumptions(today=TODAY, affordable_share=1.0)  # the figures by hand: no margin kept


def equal_installment_highest(principal_yuan: float, apr: float, months: int) -> int:
    """Highest payment in fen of an equal-installment plan, by numpy-financial.

    The payment rounded to the fen, and the last one clearing the exact balance left.
    """
    rate = apr / 12
    payment = round(-npf.pmt(rate, months, principal_yuan), 2)
    before_last = -npf.fv(rate, months - 1, -payment, principal_yuan)
    last = round(before_last * (1 + rate), 2)
    return round(max(payment, last) * 100)


def case_of(*loans: Loan, borrower: Borrower, settings: Assumptions = ASSUME) -> Case:
    return Case(
        borrower=borrower,
        loans=tuple(LoanCase(loan=loan) for loan in loans),
        assumptions=settings,
    )


def assert_whole_picture_holds(result: AllLenders, case: Case) -> None:
    """What must hold for any case under either strategy."""
    budget = affordable_budget(case.borrower, case.assumptions)
    assert result.budget == budget
    assert sum(lender.share.monthly for lender in result.lenders) <= budget.monthly
    assert sum(lender.share.at_signing for lender in result.lenders) <= budget.at_signing
    for lender in result.lenders:
        assert lender.share.monthly >= 0 and lender.share.at_signing >= 0
        if lender.plan is None:
            assert lender.shortfall > 0
            assert all(month.payments[lender.index] == 0 for month in result.months)
            continue
        summary, plan = lender.plan.summary, lender.plan.schedule
        assert lender.shortfall == 0
        assert summary.highest_payment <= lender.share.monthly
        assert summary.due_at_signing <= lender.share.at_signing
        principal = overdue_position(lender.loan).principal
        assert summary.principal_repaid + summary.principal_waived == principal
        assert sum(plan.principal) == summary.principal_repaid
        assert [m.payments[lender.index] for m in result.months] == plan.cash_flows(
            len(result.months) - 1
        )
    for month in result.months:
        limit = budget.at_signing if month.month == 0 else budget.monthly
        assert month.total <= limit
        assert month.left_over == limit - month.total >= 0
    totals = result.totals
    assert totals.highest_monthly <= budget.monthly
    assert totals.within_budget
    assert totals.total_paid == sum(month.total for month in result.months)
    assert totals.months_to_clear == len(result.months) - 1
    assert result.months[-1].total_owed == 0
    assert totals.hardship == (budget.monthly == 0)
    assert [u.index for u in totals.unplanned] == [
        lender.index for lender in result.lenders if lender.plan is None
    ]
    assert len(result.overdue_path) == case.assumptions.horizon_months + 1


class TestProRata:
    @pytest.mark.parametrize(
        "total, weights, expected",
        [
            # 100/3 = 33.33 each: one fen left, remainders tie, the earliest gets it.
            (100, [1, 1, 1], [34, 33, 33]),
            # 3.33 and 6.67: floors 3 and 6, remainders 1/3 and 2/3: the second.
            (10, [1, 2], [3, 7]),
            # 2/3 each: floors 0, two fen left, to the first two.
            (2, [1, 1, 1], [1, 1, 0]),
            (1, [1, 1], [1, 0]),
            (1_000, [3, 0, 1], [750, 0, 250]),
            (5, [0, 3], [0, 5]),
            (101, [50, 50, 1], [50, 50, 1]),
            # 50,000 fen by debts of 1,200 and 600 yuan: 33,333.33 and 16,666.67.
            (50_000, [120_000, 60_000], [33_333, 16_667]),
            (0, [5, 5], [0, 0]),
            (700, [0, 0, 0], [0, 0, 0]),  # nowhere to go: all left over
            (700, [], []),
        ],
    )
    def test_shares(self, total: int, weights: list[int], expected: list[int]) -> None:
        assert pro_rata(total, weights) == expected

    @pytest.mark.parametrize("total, weights", [(-1, [1]), (10, [1, -1])])
    def test_negative_input_is_refused(self, total: int, weights: list[int]) -> None:
        with pytest.raises(ValueError, match="non-negative"):
            pro_rata(total, weights)

    @settings(max_examples=300, deadline=None)
    @given(total=split_totals_fen, weights=split_weights)
    def test_largest_remainder_in_exact_arithmetic(self, total: int, weights: list[int]) -> None:
        shares = pro_rata(total, weights)
        whole = sum(weights)
        if whole == 0:
            assert shares == [0] * len(weights)
            return
        assert sum(shares) == total
        exact = [Fraction(total * weight, whole) for weight in weights]
        bumped = [i for i, (s, e) in enumerate(zip(shares, exact, strict=True)) if s > e]
        kept = [i for i, (s, e) in enumerate(zip(shares, exact, strict=True)) if s <= e]
        for share, fair in zip(shares, exact, strict=True):
            assert fair - 1 < share < fair + 1  # within a fen of the exact share
        for weight, share in zip(weights, shares, strict=True):
            if weight == 0:
                assert share == 0
        fraction = [e - int(e) for e in exact]
        for i in bumped:  # a fen goes to a larger remainder, ties to the earlier share
            for j in kept:
                assert fraction[i] > fraction[j] or (fraction[i] == fraction[j] and i < j)


class TestConsequence:
    card = Loan(principal_yuan=50_000, lender_type=LenderType.CREDIT_CARD, days_overdue=40)

    @pytest.mark.parametrize(
        "loan, expected",
        [
            (Loan(), Consequence.OTHER),
            (Loan(reports_to_bureau=Bureau.UNKNOWN), Consequence.OTHER),
            (Loan(reports_to_bureau=Bureau.NO), Consequence.OTHER),
            (Loan(reports_to_bureau=Bureau.YES), Consequence.REPORTS_TO_BUREAU),
            (
                Loan(lawsuit=Lawsuit.THREATENED, reports_to_bureau="yes"),
                Consequence.LAWSUIT_THREATENED,
            ),
            (Loan(lawsuit=Lawsuit.FILED), Consequence.LAWSUIT_FILED),
            (card, Consequence.CARD_AT_MALICIOUS_OVERDRAFT_AMOUNT),
            (
                card.model_copy(update={"reports_to_bureau": Bureau.YES}),
                Consequence.CARD_AT_MALICIOUS_OVERDRAFT_AMOUNT,
            ),
            (card.model_copy(update={"lawsuit": Lawsuit.FILED}), Consequence.LAWSUIT_FILED),
        ],
    )
    def test_the_worst_rule_that_applies(self, loan: Loan, expected: Consequence) -> None:
        assert consequence(loan) is expected

    @pytest.mark.parametrize(
        "fields, expected",
        [
            ({}, True),
            ({"principal_yuan": 49_999.99}, False),  # one fen under 50,000 yuan
            ({"principal_yuan": 80_000}, True),
            ({"days_overdue": 0}, False),  # not overdue: nothing overdrawn unpaid
            ({"days_overdue": 0, "overdue_amount_yuan": 100}, True),  # an overdue amount
            ({"lender_type": LenderType.LICENSED}, False),  # only a card can be overdrawn
        ],
    )
    def test_malicious_overdraft_amount(self, fields: dict[str, object], expected: bool) -> None:
        loan = Loan.model_validate({**self.card.model_dump(), **fields})
        assert at_malicious_overdraft_amount(loan) is expected

    def test_the_amount_is_dated_and_sourced(self) -> None:
        assert MALICIOUS_OVERDRAFT_AMOUNT.amount_fen == 50_000 * 100
        assert MALICIOUS_OVERDRAFT_AMOUNT.effective == dt.date(2018, 12, 1)
        assert "法释〔2018〕19号" in MALICIOUS_OVERDRAFT_AMOUNT.source
        assert "Art. 8" in MALICIOUS_OVERDRAFT_AMOUNT.source

    def test_lower_is_worse(self) -> None:
        assert (
            Consequence.LAWSUIT_FILED
            < Consequence.LAWSUIT_THREATENED
            < Consequence.CARD_AT_MALICIOUS_OVERDRAFT_AMOUNT
            < Consequence.REPORTS_TO_BUREAU
            < Consequence.OTHER
        )

    @pytest.mark.parametrize(
        "loans, debts, expected",
        [
            ([Loan(), Loan(lawsuit="filed"), Loan()], [100, 50, 200], [1, 2, 0]),
            # Every lender has filed: the larger debt first, then list order.
            ([Loan(lawsuit="filed")] * 3, [10, 30, 20], [1, 2, 0]),
            ([Loan(lawsuit="filed")] * 3, [10, 10, 10], [0, 1, 2]),
            (
                [Loan(reports_to_bureau="yes"), Loan(lawsuit="threatened"), Loan()],
                [1, 1, 1],
                [1, 0, 2],
            ),
        ],
    )
    def test_order(self, loans: list[Loan], debts: list[int], expected: list[int]) -> None:
        assert consequence_order(loans, debts) == expected


class TestNeedsFirst:
    @pytest.mark.parametrize(
        "total, needs, weights, order, expected",
        [
            # 500 then 300 met; 200 left for the third (need 400): all its.
            (1_000, [300, 500, 400], [1, 1, 2], [1, 0, 2], [300, 500, 200]),
            # Every need met: 700 left over.
            (1_000, [100, 200], [1, 1], [1, 0], [100, 200]),
            # 500 met, 100 left < 300: shared by the two unmet, weights 1 and 2.
            (600, [300, 500, 400], [1, 1, 2], [1, 0, 2], [33, 500, 67]),
            # The first need alone is too much: plain pro rata over everyone.
            (90, [100, 10, 10], [1, 1, 1], [0, 1, 2], [30, 30, 30]),
            (0, [10, 10], [1, 1], [0, 1], [0, 0]),
            # A need of zero is met even with nothing to give.
            (0, [0, 10], [1, 1], [0, 1], [0, 0]),
        ],
    )
    def test_shares(
        self,
        total: int,
        needs: list[int],
        weights: list[int],
        order: list[int],
        expected: list[int],
    ) -> None:
        assert needs_first(total, needs, weights, order) == expected


class TestWalkAwayNeed:
    def test_the_contract_rate_over_sixty_months(self) -> None:
        need = walk_away_need(Loan(), 0, ASSUME, TODAY)
        assert need == equal_installment_highest(10_000, 0.18, 60) == 25_434

    def test_the_longest_term_assumed(self) -> None:
        need = walk_away_need(Loan(), 0, Assumptions(max_term_months=24), TODAY)
        assert need == equal_installment_highest(10_000, 0.18, 24)

    def test_a_card_is_asked_for_sixty_months_at_most(self) -> None:
        card = Loan(lender_type=LenderType.CREDIT_CARD)
        longer = Assumptions(max_term_months=84)
        assert longest_term(card, longer) == 60
        assert longest_term(Loan(), longer) == 84
        assert walk_away_need(card, 0, longer, TODAY) == equal_installment_highest(10_000, 0.18, 60)

    def test_the_cash_at_signing_lowers_the_need(self) -> None:
        # 2,000 yuan at signing leaves 8,000 over 60 months.
        need = walk_away_need(Loan(), 200_000, ASSUME, TODAY)
        assert need == equal_installment_highest(8_000, 0.18, 60)

    def test_zero_interest(self) -> None:
        assert walk_away_need(Loan(principal_yuan=1_200, rate=0), 0, ASSUME, TODAY) == 2_000


class TestSplitBudget:
    small = Loan(principal_yuan=10_000)
    large = Loan(principal_yuan=30_000)

    def test_pro_rata_by_what_each_owes(self) -> None:
        shares = split_budget(
            [self.large, self.small], Budget(100_000, 40_000), Strategy.PRO_RATA, ASSUME, TODAY
        )
        assert shares == (Budget(75_000, 30_000), Budget(25_000, 10_000))

    def test_consequences_first_funds_the_lawsuit_then_shares_the_rest(self) -> None:
        loans = [
            Loan(principal_yuan=10_000),
            Loan(principal_yuan=10_000, lawsuit=Lawsuit.FILED),
            Loan(principal_yuan=20_000, reports_to_bureau=Bureau.YES),
        ]
        shares = split_budget(loans, Budget(60_000, 0), Strategy.CONSEQUENCES, ASSUME, TODAY)
        lawsuit_need = equal_installment_highest(10_000, 0.18, 60)  # 254.34
        assert equal_installment_highest(20_000, 0.18, 60) > 60_000 - lawsuit_need
        rest = 60_000 - lawsuit_need  # 345.66: to the bureau lender and the other, 2 : 1
        assert [s.monthly for s in shares] == [11_522, lawsuit_need, 23_044]
        assert 11_522 + 23_044 == rest

    def test_every_need_met_leaves_the_rest_over(self) -> None:
        loans = [Loan(principal_yuan=1_200, rate=0), Loan(principal_yuan=600, rate=0)]
        shares = split_budget(loans, Budget(50_000, 0), Strategy.CONSEQUENCES, ASSUME, TODAY)
        # 1,200 and 600 yuan over 60 months: 20 and 10 yuan a month; 470 yuan left over.
        assert [s.monthly for s in shares] == [2_000, 1_000]

    def test_cash_now_is_split_pro_rata_in_both_strategies(self) -> None:
        loans = [self.small.model_copy(update={"lawsuit": Lawsuit.FILED}), self.large]
        for strategy in Strategy:
            shares = split_budget(loans, Budget(0, 40_000), strategy, ASSUME, TODAY)
            assert [s.at_signing for s in shares] == [10_000, 30_000]

    @pytest.mark.parametrize("strategy", list(Strategy))
    @pytest.mark.parametrize("budget", [Budget(0, 0), Budget(-5_000, -100)])
    def test_nothing_or_less_to_split(self, strategy: Strategy, budget: Budget) -> None:
        shares = split_budget([self.small, self.large], budget, strategy, ASSUME, TODAY)
        assert shares == (Budget(0, 0), Budget(0, 0))

    @settings(max_examples=40, deadline=None)
    @given(
        loans=st.lists(lender_loans(max_principal_fen=10_000_000, max_months=60), max_size=6),
        monthly=split_totals_fen,
        cash=split_totals_fen,
        strategy=st.sampled_from(Strategy),
    )
    def test_never_more_than_the_budget_never_negative(
        self, loans: list[Loan], monthly: int, cash: int, strategy: Strategy
    ) -> None:
        shares = split_budget(loans, Budget(monthly, cash), strategy, ASSUME, TODAY)
        assert len(shares) == len(loans)
        assert sum(s.monthly for s in shares) <= monthly
        assert sum(s.at_signing for s in shares) <= cash
        assert all(s.monthly >= 0 and s.at_signing >= 0 for s in shares)

    @settings(max_examples=60, deadline=None)
    @given(
        loans=st.lists(
            lender_loans(max_principal_fen=10_000_000, max_months=60), min_size=1, max_size=8
        ),
        monthly=st.integers(0, 2_000_000),
    )
    def test_the_consequence_order_is_respected(self, loans: list[Loan], monthly: int) -> None:
        shares = split_budget(loans, Budget(monthly, 0), Strategy.CONSEQUENCES, ASSUME, TODAY)
        debts = [overdue_position(loan).total for loan in loans]
        order = sorted(range(len(loans)), key=lambda i: (consequence(loans[i]), -debts[i], i))
        needs = [walk_away_need(loan, 0, ASSUME, TODAY) for loan in loans]
        left = monthly
        for position, index in enumerate(order):
            if needs[index] > left:
                # From the first need not met on, what is left is shared by debt.
                unmet = order[position:]
                assert [shares[i].monthly for i in unmet] == pro_rata(
                    left, [debts[i] for i in unmet]
                )
                return
            assert shares[index].monthly == needs[index]  # earlier lenders are funded in full
            left -= needs[index]
        assert sum(s.monthly for s in shares) == monthly - left  # the rest is left over


class TestPlanAll:
    def test_two_interest_free_loans_by_hand(self) -> None:
        borrower = Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500)
        case = case_of(
            Loan(principal_yuan=1_200, rate=0), Loan(principal_yuan=600, rate=0), borrower=borrower
        )
        result = plan_all(case, Strategy.PRO_RATA)
        # 500 yuan by 2 : 1 is 333.33 and 166.67; 1,200 / 4 = 300 fits, / 3 = 400 does not.
        assert [lender.share.monthly for lender in result.lenders] == [33_333, 16_667]
        assert [m.payments for m in result.months] == [(0, 0)] + [(30_000, 15_000)] * 4
        assert [m.total_owed for m in result.months] == [180_000, 135_000, 90_000, 45_000, 0]
        assert [m.left_over for m in result.months[1:]] == [5_000] * 4
        assert [m.due_date for m in result.months] == [
            TODAY,
            dt.date(2027, 1, 1),
            dt.date(2027, 2, 1),
            dt.date(2027, 3, 1),
            dt.date(2027, 4, 1),
        ]
        totals = result.totals
        assert (totals.highest_monthly, totals.months_to_clear, totals.total_paid) == (
            45_000,
            4,
            180_000,
        )
        # No interest and no penalty: staying overdue claims the principal, month after month.
        assert {(m.claimed, m.enforceable) for m in result.overdue_path} == {(180_000, 180_000)}
        assert totals.saving_vs_overdue == 0
        assert totals.unplanned == () and not totals.hardship

        first = plan_all(case, Strategy.CONSEQUENCES)
        # Needs over 60 months: 20 and 10 yuan; both met, 470 yuan a month left over.
        assert [lender.share.monthly for lender in first.lenders] == [2_000, 1_000]
        assert first.totals.months_to_clear == 60
        assert {m.left_over for m in first.months[1:]} == {47_000}

    @pytest.mark.parametrize("strategy", list(Strategy))
    def test_twelve_lenders(self, strategy: Strategy) -> None:
        case = twelve_lenders()
        result = plan_all(case, strategy)
        assert len(result.lenders) == MAX_LOANS
        assert_whole_picture_holds(result, case)

    def test_thirteen_lenders_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="too_long"):
            Case(loans=tuple(LoanCase() for _ in range(MAX_LOANS + 1)))

    @pytest.mark.parametrize("strategy", list(Strategy))
    def test_every_lender_has_filed_a_lawsuit(self, strategy: Strategy) -> None:
        loans = [Loan(principal_yuan=p, lawsuit=Lawsuit.FILED) for p in (10_000, 30_000, 20_000)]
        borrower = Borrower(monthly_income_yuan=5_000, essential_expenses_yuan=4_000)
        case = case_of(*loans, borrower=borrower)
        result = plan_all(case, strategy)
        assert_whole_picture_holds(result, case)
        if strategy is Strategy.CONSEQUENCES:
            # The largest debt first: 30,000 needs 761.80 of the 1,000 yuan, the rest can
            # not carry 20,000 (507.87), so 238.20 is shared 2 : 1 by the other two.
            need = equal_installment_highest(30_000, 0.18, 60)
            assert result.lenders[1].share.monthly == need
            rest = 100_000 - need
            assert [result.lenders[i].share.monthly for i in (0, 2)] == pro_rata(
                rest, [1_000_000, 2_000_000]
            )
            assert result.lenders[1].plan is not None
            assert result.lenders[1].plan.summary.months_to_finish == 60

    @pytest.mark.parametrize("strategy", list(Strategy))
    @pytest.mark.parametrize(
        "borrower",
        [
            Borrower(monthly_income_yuan=3_500, essential_expenses_yuan=3_500),
            Borrower(monthly_income_yuan=3_000, essential_expenses_yuan=3_500),
            Borrower(monthly_income_yuan=0, essential_expenses_yuan=0),
        ],
        ids=["zero", "negative", "no_income"],
    )
    def test_no_budget_is_the_hardship_route(self, borrower: Borrower, strategy: Strategy) -> None:
        case = case_of(Loan(), Loan(principal_yuan=30_000, days_overdue=45), borrower=borrower)
        result = plan_all(case, strategy)
        assert result.totals.hardship
        assert all(lender.plan is None for lender in result.lenders)
        assert [u.index for u in result.totals.unplanned] == [0, 1]
        assert all(u.shortfall > 0 for u in result.totals.unplanned)
        assert len(result.months) == 1 and result.months[0].total == 0
        assert result.totals.total_paid == 0 and result.totals.saving_vs_overdue == 0
        assert_whole_picture_holds(result, case)

    def test_cash_now_can_still_clear_a_lender_in_hardship(self) -> None:
        borrower = Borrower(monthly_income_yuan=0, essential_expenses_yuan=0, lump_sum_yuan=20_000)
        result = plan_all(case_of(Loan(), borrower=borrower), Strategy.PRO_RATA)
        assert result.totals.hardship  # nothing each month
        plan = result.lenders[0].plan
        assert plan is not None
        assert (plan.summary.due_at_signing, plan.summary.total_paid) == (1_000_000, 1_000_000)

    def test_a_lender_owing_nothing_is_refused_by_the_model(self) -> None:
        with pytest.raises(ValidationError, match="greater_than") as caught:
            Loan(principal_yuan=0)
        assert explain_validation_error(caught.value, "zh")

    def test_the_stay_overdue_picture_sums_every_lender(self) -> None:
        loans = (Loan(days_overdue=45, overdue_amount_yuan=1_800), Loan(principal_yuan=3_000))
        borrower = Borrower(monthly_income_yuan=3_000, essential_expenses_yuan=3_500)
        result = plan_all(case_of(*loans, borrower=borrower), Strategy.PRO_RATA)
        paths = [compare_loan(loan, (), borrower, ASSUME).overdue_path for loan in loans]
        assert [(m.claimed, m.enforceable) for m in result.overdue_path] == [
            (a.claimed + b.claimed, a.enforceable + b.enforceable)
            for a, b in zip(*paths, strict=True)
        ]
        # Month 0 is today: 10,000 + 3,000 yuan of principal, the arrears and the penalty.
        position = overdue_position(loans[0])
        assert result.overdue_path[0].claimed == position.total + 300_000

    @settings(max_examples=25, deadline=None)
    @given(case=lender_cases(), strategy=st.sampled_from(Strategy))
    def test_any_case_fits_the_budget_and_reconciles(self, case: Case, strategy: Strategy) -> None:
        assert_whole_picture_holds(plan_all(case, strategy), case)


class TestOneLender:
    """One lender: its share is the whole budget, and its figures are today's single-loan ones."""

    @settings(max_examples=40, deadline=None)
    @given(case=lender_cases(max_loans=1, max_principal_fen=50_000_000, max_months=120))
    def test_pro_rata_equals_the_single_loan_ladder(self, case: Case) -> None:
        loan, borrower = case.loans[0].loan, case.borrower
        lender = plan_all(case, Strategy.PRO_RATA).lenders[0]
        assert lender.share == affordable_budget(borrower, case.assumptions)
        alone = offer_ladder(loan, borrower, case.assumptions)
        assert lender.ladder == alone
        if not alone.offers:
            assert lender.plan is None and lender.shortfall == alone.shortfall
            return
        assert lender.plan is not None
        walk_away = alone.offers[-1]
        compared = compare_loan(loan, (walk_away.proposal,), borrower, case.assumptions)
        assert lender.plan.summary == walk_away.summary == compared.proposals[0].summary
        assert lender.plan.schedule == compared.proposals[0].schedule

    def test_consequences_equal_the_single_loan_ladder_when_the_need_is_not_met(self) -> None:
        # 200 yuan a month against a need of 254.34: all of it goes to the one lender.
        borrower = Borrower(monthly_income_yuan=3_700, essential_expenses_yuan=3_500)
        result = plan_all(case_of(Loan(), borrower=borrower), Strategy.CONSEQUENCES)
        assert result.lenders[0].share == Budget(20_000, 0)
        assert result.lenders[0].ladder == offer_ladder(Loan(), borrower, ASSUME)

    def test_consequences_leave_over_what_a_met_need_does_not_use(self) -> None:
        borrower = Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500)
        result = plan_all(case_of(Loan(), borrower=borrower), Strategy.CONSEQUENCES)
        need = equal_installment_highest(10_000, 0.18, 60)
        assert result.lenders[0].share == Budget(need, 0)
        assert {m.left_over for m in result.months[1:]} >= {50_000 - need}

    def test_a_card_is_planned_over_sixty_months_at_most(self) -> None:
        card = Loan(principal_yuan=30_000, lender_type=LenderType.CREDIT_CARD)
        borrower = Borrower(monthly_income_yuan=3_800, essential_expenses_yuan=3_500)
        longer = Assumptions(today=TODAY, max_term_months=120)
        lender = plan_all(case_of(card, borrower=borrower, settings=longer), Strategy.PRO_RATA)
        assert lender.lenders[0].ladder.months <= 60


class TestModels:
    @pytest.mark.parametrize("lang", LANGS)
    def test_a_name_of_more_than_forty_characters_is_refused(self, lang: Lang) -> None:
        assert MAX_NAME_LENGTH == 40
        Loan(name="借" * 40)
        with pytest.raises(ValidationError, match="string_too_long") as caught:
            Loan(name="借" * 41)
        (message,) = explain_validation_error(caught.value, lang)
        assert "40" in message

    @pytest.mark.parametrize("field, value", [("reports_to_bureau", "maybe"), ("lawsuit", "soon")])
    def test_unknown_choices_are_refused(self, field: str, value: str) -> None:
        with pytest.raises(ValidationError, match="enum") as caught:
            Loan.model_validate({field: value})
        for lang in LANGS:
            (message,) = explain_validation_error(caught.value, lang)
            assert "{" not in message

    def test_defaults(self) -> None:
        loan = Loan()
        assert (loan.reports_to_bureau, loan.lawsuit) == (Bureau.UNKNOWN, Lawsuit.NONE)


def test_still_owed_by_hand() -> None:
    plan = schedule(Method.EQUAL_PRINCIPAL, 300, 0.01, 3, first_due=dt.date(2027, 1, 1))
    assert still_owed(plan, 4) == [30_000, 20_000, 10_000, 0, 0]


class TestLaterIncome:
    """Nothing spare today, an income expected later: each lender pauses, then its share."""

    BORROWER = Borrower(
        monthly_income_yuan=3_000,
        essential_expenses_yuan=3_500,
        later_income_yuan=6_500,
        later_from_month=4,
    )

    def case(self) -> Case:
        return Case(
            borrower=self.BORROWER,
            loans=(
                LoanCase(loan=Loan(principal_yuan=30_000)),
                LoanCase(loan=Loan(principal_yuan=10_000, rate=0.24)),
            ),
            assumptions=ASSUME,
        )

    @pytest.mark.parametrize("strategy", list(Strategy))
    def test_the_later_budget_is_shared_from_the_same_month(self, strategy):
        loans = [loan_case.loan for loan_case in self.case().loans]
        budget = affordable_budget(self.BORROWER, ASSUME)
        assert budget.later == 300_000  # 6,500 − 3,500, no margin in these hand figures
        shares = split_budget(loans, budget, strategy, ASSUME, TODAY)
        assert sum(share.later or 0 for share in shares) <= 300_000
        assert all(share.monthly == 0 for share in shares)
        assert all(share.later_from_month == 4 for share in shares)
        if strategy is Strategy.PRO_RATA:  # by debt, 3 : 1
            assert [share.later for share in shares] == [225_000, 75_000]

    @pytest.mark.parametrize("strategy", list(Strategy))
    def test_every_lender_pauses_and_the_months_stay_within_their_budgets(self, strategy):
        result = plan_all(self.case(), strategy)
        assert not result.totals.hardship
        assert result.totals.within_budget
        for lender in result.lenders:
            assert lender.plan is not None
            assert lender.ladder.offers[-1].proposal.holiday_months == 3
        for month in result.months:
            if month.month > 0:
                assert month.total <= month.budget
                assert month.budget == (0 if month.month < 4 else 300_000)

    def test_without_the_later_income_it_is_the_hardship_route(self):
        case = self.case().model_copy(
            update={"borrower": self.BORROWER.model_copy(update={"later_income_yuan": None})}
        )
        assert plan_all(case, Strategy.PRO_RATA).totals.hardship
