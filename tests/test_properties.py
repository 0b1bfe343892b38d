"""Property tests of the calculation core: what must hold for every valid input.

Strategies live in ``tests/strategies.py``. Money in the core is whole fen, so every
reconciliation below is exact; the few bounds that are not exact say where the
rounding comes from.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from strategies import (
    MAX_PRINCIPAL_FEN,
    MAX_RATE_BY_UNIT,
    build_case,
    cases,
    fen_amounts,
    loans,
    proposals,
    yuan,
)

import core
from core import (
    Assumptions,
    Borrower,
    Case,
    Loan,
    LoanCase,
    Method,
    Option,
    OptionKind,
    Proposal,
    RateUnit,
    Schedule,
    equal_installment_rows,
    true_cost,
    yuan_to_fen,
)
from core.money import round_fen
from core.plans import proposal_terms
from core.schedules import rate_path
from core.text import explain_validation_error

MAX_MONTHLY_RATE = MAX_RATE_BY_UNIT[RateUnit.APR] / 12
"""The largest monthly rate the strategies draw (50 % a year)."""

FIRST_DUE = dt.date(2027, 1, 1)

principal_fen_values = fen_amounts(MAX_PRINCIPAL_FEN, min_fen=1)
monthly_rates = st.floats(
    min_value=0.0, max_value=MAX_MONTHLY_RATE, allow_nan=False, allow_subnormal=False
)


def rounded_installment(principal_fen: int, rates: Sequence[float]) -> int:
    """The installment ``equal_installment_rows`` charges: ``P / Σ 1/D_k`` rounded half up."""
    discount_sum = 0.0
    growth = 1.0
    for rate in rates:
        growth *= 1 + rate
        discount_sum += 1 / growth
    return round_fen(principal_fen / discount_sum)


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


class TestMoreMonthsNeverRaiseTheInstallment:
    @settings(max_examples=300, deadline=None)
    @given(
        principal_fen=principal_fen_values,
        rate=monthly_rates,
        months=st.integers(min_value=1, max_value=359),
    )
    def test_one_more_month_never_raises_the_equal_installment(self, principal_fen, rate, months):
        shorter = equal_installment_rows(principal_fen, [rate] * months)
        longer = equal_installment_rows(principal_fen, [rate] * (months + 1))
        assert shorter.payment[0] >= longer.payment[0]


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
    comparison = core.compare(build_case(loan, plans))
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


# How a rejection reads: "<field>\n  Input should ... [type=<type>," for a field bound,
# "error.<key> [type=<key>," for a rule of the model (its message is a catalog key).
def field_error(field: str, error_type: str) -> str:
    return rf"{field}\n  Input should .* \[type={error_type},"


def rule_error(key: str) -> str:
    return rf"error\.{key} \[type={key},"


def assert_explained(error: ValidationError) -> None:
    """The borrower gets at least one sentence per language, with every blank filled."""
    for lang in ("zh", "en"):
        messages = explain_validation_error(error, lang)
        assert messages, lang
        for message in messages:
            assert isinstance(message, str)
            assert message.strip()
            assert "{" not in message and "}" not in message, message


def assert_rejected(build: Callable[[], object], match: str) -> None:
    with pytest.raises(ValidationError, match=match) as caught:
        build()
    assert_explained(caught.value)


def field_case(model: type[BaseModel], field: str, *rest: str) -> Any:
    """A parametrize row: the model, one of its fields, and what the rejection must say."""
    return pytest.param(model, field, *rest, id=f"{model.__name__}.{field}")


money_fields = [
    field_case(Loan, "principal_yuan", "greater_than"),
    field_case(Loan, "overdue_amount_yuan", "greater_than_equal"),
    field_case(Loan, "accrued_penalty_yuan", "greater_than_equal"),
    field_case(Loan, "other_charges_yuan", "greater_than_equal"),
    field_case(Loan, "monthly_charge_yuan", "greater_than_equal"),
    field_case(Borrower, "monthly_income_yuan", "greater_than_equal"),
    field_case(Borrower, "essential_expenses_yuan", "greater_than_equal"),
    field_case(Borrower, "lump_sum_yuan", "greater_than_equal"),
    field_case(Proposal, "lump_sum_yuan", "greater_than_equal"),
    field_case(Proposal, "fee_yuan", "greater_than_equal"),
    field_case(Proposal, "principal_waived_yuan", "greater_than_equal"),
]

month_fields = [
    field_case(Loan, "remaining_months"),
    field_case(Proposal, "term_months"),
    field_case(Proposal, "months_added"),
]

finite_fields = [
    field_case(Loan, "principal_yuan"),
    field_case(Loan, "rate"),
    field_case(Loan, "overdue_amount_yuan"),
    field_case(Loan, "accrued_penalty_yuan"),
    field_case(Loan, "penalty_multiplier"),
    field_case(Borrower, "monthly_income_yuan"),
    field_case(Borrower, "essential_expenses_yuan"),
    field_case(Proposal, "new_apr"),
    field_case(Proposal, "principal_waived_yuan"),
    field_case(Proposal, "principal_waived_share"),
    field_case(Proposal, "overdue_charges_waived_share"),
    field_case(Proposal, "lump_sum_yuan"),
    field_case(Proposal, "fee_share"),
    field_case(Assumptions, "lender_discount_apr"),
    field_case(Assumptions, "recovery_share"),
]

negative_amounts = st.floats(max_value=-0.01, allow_nan=False, allow_infinity=False)


class TestInvalidInputIsRejectedClearly:
    """Each invalid input raises a ValidationError naming the problem, explained in zh and en."""

    @pytest.mark.parametrize("model, field, error_type", money_fields)
    @settings(max_examples=10, deadline=None)
    @given(amount=negative_amounts)
    def test_negative_money(self, model, field, error_type, amount):
        assert_rejected(lambda: model(**{field: amount}), field_error(field, error_type))

    @pytest.mark.parametrize("model, field", month_fields)
    @settings(max_examples=10, deadline=None)
    @given(months=st.integers(max_value=0))
    def test_zero_or_negative_months(self, model, field, months):
        assert_rejected(lambda: model(**{field: months}), field_error(field, "greater_than_equal"))

    @pytest.mark.parametrize("model, field", month_fields)
    @settings(max_examples=10, deadline=None)
    @given(months=st.integers(min_value=601))
    def test_more_than_600_months(self, model, field, months):
        assert_rejected(lambda: model(**{field: months}), field_error(field, "less_than_equal"))

    @settings(max_examples=20, deadline=None)
    @given(data=st.data())
    def test_months_added_beyond_600_in_all(self, data):
        remaining = data.draw(st.integers(min_value=1, max_value=600))
        added = data.draw(st.integers(min_value=601 - remaining, max_value=600))
        case = {
            "loan": Loan(remaining_months=remaining),
            "proposals": (Proposal(months_added=added),),
        }
        assert_rejected(lambda: LoanCase.model_validate(case), rule_error("term_too_long"))

    def test_a_daily_rate_of_five_percent_is_above_the_ceiling(self):
        # 0.05 a day is 1,800 % a year nominal: almost surely a percentage typed as a fraction.
        assert_rejected(
            lambda: Loan(rate=0.05, rate_unit=RateUnit.DAILY), rule_error("rate_too_high")
        )

    @pytest.mark.parametrize(
        "unit, lowest",
        [
            (RateUnit.APR, 10.0),
            (RateUnit.MONTHLY, 10.0 / 12),
            (RateUnit.DAILY, 10.0 / 360),
            (RateUnit.FLAT_MONTHLY_FEE, 10.0 / 12),
        ],
    )
    @settings(max_examples=10, deadline=None)
    @given(excess=st.floats(min_value=1e-6, max_value=1e3))
    def test_rates_above_the_sane_ceiling(self, unit, lowest, excess):
        rate = lowest * (1 + excess)
        method = Method.FLAT_FEE if unit is RateUnit.FLAT_MONTHLY_FEE else Method.EQUAL_INSTALLMENT
        assert_rejected(
            lambda: Loan(rate=rate, rate_unit=unit, method=method), rule_error("rate_too_high")
        )

    @settings(max_examples=10, deadline=None)
    @given(apr=st.floats(min_value=10.0, exclude_min=True, allow_infinity=False))
    def test_proposed_apr_above_the_ceiling(self, apr):
        assert_rejected(lambda: Proposal(new_apr=apr), field_error("new_apr", "less_than_equal"))

    @settings(max_examples=30, deadline=None)
    @given(data=st.data())
    def test_a_waiver_larger_than_the_principal(self, data):
        loan = data.draw(loans())
        principal_fen = yuan_to_fen(loan.principal_yuan)
        more = data.draw(st.integers(min_value=principal_fen + 1, max_value=2 * principal_fen + 1))
        assert_rejected(
            lambda: LoanCase(loan=loan, proposals=(Proposal(principal_waived_yuan=yuan(more)),)),
            rule_error("waiver_above_principal"),
        )

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
    @pytest.mark.parametrize("model, field", finite_fields)
    def test_nan_and_infinity(self, model, field, value):
        assert_rejected(lambda: model(**{field: value}), field_error(field, "finite_number"))


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


def interest_gaps(principal_fen: int, rates: Sequence[float]) -> list[float]:
    """Each row's interest minus the balance shown before it times the month's rate."""
    rows = equal_installment_rows(principal_fen, rates)
    before = [principal_fen, *rows.balance[:-1]]
    return [
        interest - balance * rate
        for interest, balance, rate in zip(rows.interest, before, rates, strict=True)
    ]


class TestEqualInstallmentInterestFollowsTheBalance:
    """``equal_installment_rows`` documents each row's interest as within a fen of B·i.

    With δ the rounding of the exact balance (|δ| ≤ ½ fen), interest_k − b_(k−1)·i
    = δ_k − δ_(k−1)·(1+i), so the gap is at most 1 + i/2 fen, plus the floating-point
    error of the exact balance, which grows with P·(1+i)^n.
    """

    @settings(max_examples=300, deadline=None)
    @given(
        principal_fen=principal_fen_values,
        rate=monthly_rates,
        months=st.integers(min_value=1, max_value=360),
    )
    def test_interest_is_within_a_fen_of_balance_times_rate(self, principal_fen, rate, months):
        rates = [rate] * months
        float_error = 1e-6 + 1e-14 * principal_fen * (1 + rate) ** months
        for gap in interest_gaps(principal_fen, rates):
            assert abs(gap) <= 1 + rate / 2 + float_error

    def test_installment_below_the_first_months_interest_is_rounded_up(self):
        # 10,000.10 yuan at 4 % a month over 360 months: A = 40,000.43 fen would round
        # down to 40,000, below the first month's interest of 40,000.4 fen, and the
        # balance would grow. The core rounds up to 40,001 instead: the balance falls
        # every month and the loan ends a little early, never with a giant last row.
        rows = equal_installment_rows(1_000_010, [0.04] * 360)
        gaps = interest_gaps(1_000_010, [0.04] * 360)
        assert max(abs(gap) for gap in gaps) <= 1 + 0.04 / 2
        assert rows.payment[0] == 40_001
        assert max(rows.payment) == 40_001
        assert all(b <= a for a, b in itertools.pairwise([1_000_010, *rows.balance]))
        assert sum(rows.principal) == 1_000_010


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
