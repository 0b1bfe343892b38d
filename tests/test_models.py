"""Models: defaults, derived rates, and a clear error for each invalid value."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from strategies import loans, yuan

from core import (
    Assumptions,
    Borrower,
    Case,
    Loan,
    LoanCase,
    Method,
    Proposal,
    RateUnit,
    yuan_to_fen,
)
from core.models import EARLIEST_DATE
from core.overdue import overdue_position
from core.text import explain_validation_error


class TestLoan:
    @pytest.mark.parametrize(
        "rate, unit, basis, monthly",
        [
            (0.18, "apr", 360, 0.015),
            (0.015, "monthly", 360, 0.015),
            (0.0005, "daily", 360, 0.015),
            (0.0005, "daily", 365, 0.0005 * 365 / 12),
        ],
    )
    def test_monthly_rate_from_each_unit(self, rate, unit, basis, monthly):
        loan = Loan(rate=rate, rate_unit=unit, day_basis=basis)
        assert loan.monthly_rate == pytest.approx(monthly)

    def test_daily_rate_on_365_days_is_18_25_percent(self):
        loan = Loan(rate=0.0005, rate_unit="daily", day_basis=365)
        assert loan.nominal_apr == pytest.approx(0.1825)

    def test_penalty_rate_defaults_to_one_and_a_half_times(self):
        assert Loan(rate=0.18).penalty_apr == pytest.approx(0.27)

    def test_models_are_frozen(self):
        loan = Loan()
        with pytest.raises(ValidationError, match="frozen"):
            loan.principal_yuan = 5  # type: ignore[misc]

    @pytest.mark.parametrize(
        "fields, match",
        [
            ({"principal_yuan": -5}, "greater_than"),
            ({"principal_yuan": 0}, "greater_than"),
            ({"principal_yuan": float("nan")}, "finite_number"),
            ({"principal_yuan": float("inf")}, "finite_number"),
            ({"principal_yuan": 60_000_000}, "less_than_equal"),
            ({"remaining_months": 0}, "greater_than_equal"),
            ({"remaining_months": 601}, "less_than_equal"),
            ({"rate": -0.01}, "greater_than_equal"),
            ({"rate": 0.05, "rate_unit": "daily"}, "error.rate_too_high"),
            ({"rate": 11.0}, "error.rate_too_high"),
            ({"rate": 0.006, "rate_unit": "flat_fee"}, "error.flat_fee_needs_flat_method"),
            ({"day_basis": 300}, "error.day_basis"),
            ({"contract_date": dt.date(1980, 1, 1)}, "error.contract_date"),
            # A date in the future: far enough that a run crossing midnight still sees it so.
            ({"contract_date": dt.date.today() + dt.timedelta(days=30)}, "error.contract_date"),
            ({"overdue_amount_yuan": -1}, "greater_than_equal"),
            ({"overdue_amount_yuan": 20_000, "days_overdue": 30}, "error.overdue_above_debt"),
            ({"penalty_multiplier": 0.5}, "greater_than_equal"),
            ({"method": "balloon"}, "enum"),
            ({"unknown": 1}, "extra_forbidden"),
            # The real bill (issue 14): it must agree with the loan as it stands.
            ({"original_principal_yuan": 9_999.98}, "error.principal_above_original"),
            ({"received_yuan": 10_000.01}, "error.received_above_principal"),
            (
                {"original_principal_yuan": 12_000, "received_yuan": 12_000.01},
                "error.received_above_original",
            ),
            ({"original_months": 11}, "error.months_above_original"),
            ({"received_yuan": 0.001}, "greater_than_equal"),
            ({"original_principal_yuan": 0}, "greater_than"),
        ],
    )
    def test_invalid_values_are_rejected_with_a_message(self, fields, match):
        with pytest.raises(ValidationError, match=match) as caught:
            Loan(**fields)
        for lang in ("zh", "en"):
            messages = explain_validation_error(caught.value, lang)
            assert messages
            assert all("{" not in m and "error." not in m for m in messages)


class TestProposal:
    @pytest.mark.parametrize(
        "fields, match",
        [
            ({"term_months": 24, "months_added": 12}, "error.term_or_added"),
            ({"term_months": 0}, "greater_than_equal"),
            ({"term_months": 601}, "less_than_equal"),
            ({"principal_waived_yuan": 5, "principal_waived_share": 0.1}, "error.waiver_amount"),
            ({"principal_waived_share": 1.5}, "less_than_equal"),
            ({"fee_yuan": 5, "fee_share": 0.1}, "error.fee_amount_or_share"),
            ({"new_apr": 20}, "less_than_equal"),
            ({"lump_sum_yuan": -100}, "greater_than_equal"),
            ({"holiday_months": 40}, "less_than_equal"),
        ],
    )
    def test_invalid_levers_are_rejected(self, fields, match):
        with pytest.raises(ValidationError, match=match):
            Proposal(**fields)


class TestLoanCase:
    # One figure for everything owed today (core.overdue.OverduePosition.total): an
    # interest-first loan 45 days overdue owes 10,000 + 2 × 150.00 interest + the penalty
    # estimated on 300 for an average of 30 days at 27 % a year, 6.75: 10,306.75.
    INTEREST_FIRST_45_DAYS = Loan(
        principal_yuan=10_000, method="interest_first", days_overdue=45, overdue_amount_yuan=300
    )

    def test_everything_owed_today_can_be_paid_at_signing(self):
        loan = self.INTEREST_FIRST_45_DAYS
        assert overdue_position(loan).total == 1_030_675
        LoanCase(loan=loan, proposals=(Proposal(lump_sum_yuan=10_306.75),))

    @pytest.mark.parametrize("lang, shown", [("en", "10,306.75"), ("zh", "10,306.75 元")])
    def test_a_fen_more_is_refused_with_what_is_owed(self, lang, shown):
        with pytest.raises(ValidationError, match=r"error\.lump_sum_above_debt") as caught:
            LoanCase(
                loan=self.INTEREST_FIRST_45_DAYS, proposals=(Proposal(lump_sum_yuan=10_306.76),)
            )
        assert shown in explain_validation_error(caught.value, lang)[0]

    def test_the_excess_is_refused_not_dropped(self):
        # 10,341.26 owed (1,833.60 overdue for 45 days on the default loan): 11,833.60 is
        # 1,492.34 too much, and used to be cut silently.
        loan = Loan(days_overdue=45, overdue_amount_yuan=1_833.6)
        assert overdue_position(loan).total == 1_034_126
        with pytest.raises(ValidationError, match=r"error\.lump_sum_above_debt"):
            LoanCase(loan=loan, proposals=(Proposal(lump_sum_yuan=11_833.6),))

    def test_waivers_lower_what_can_be_paid_at_signing(self):
        # With the penalty (41.26) waived, 10,300.00 is all that is left to pay.
        loan = Loan(days_overdue=45, overdue_amount_yuan=1_833.6)
        waived = Proposal(overdue_charges_waived_share=1.0, lump_sum_yuan=10_300)
        LoanCase(loan=loan, proposals=(waived,))
        with pytest.raises(ValidationError, match=r"error\.lump_sum_above_debt"):
            LoanCase(loan=loan, proposals=(waived.model_copy(update={"lump_sum_yuan": 10_300.01}),))

    def test_waiver_larger_than_the_principal(self):
        with pytest.raises(ValidationError, match=r"error\.waiver_above_principal") as caught:
            LoanCase(
                loan=Loan(principal_yuan=1_000),
                proposals=(Proposal(principal_waived_yuan=1_000.01),),
            )
        assert "1,000" in explain_validation_error(caught.value, "en")[0]
        assert "1,000 元" in explain_validation_error(caught.value, "zh")[0]

    def test_lump_sum_larger_than_everything_owed(self):
        with pytest.raises(ValidationError, match=r"error\.lump_sum_above_debt"):
            LoanCase(loan=Loan(principal_yuan=1_000), proposals=(Proposal(lump_sum_yuan=5_000),))

    def test_months_added_beyond_600(self):
        with pytest.raises(ValidationError, match=r"error\.term_too_long"):
            LoanCase(loan=Loan(remaining_months=500), proposals=(Proposal(months_added=200),))

    def test_at_most_four_proposals(self):
        with pytest.raises(ValidationError, match="too_long"):
            LoanCase(proposals=tuple(Proposal() for _ in range(5)))


class TestCase:
    def test_default_case_has_one_loan(self):
        case = Case()
        assert len(case.loans) == 1
        assert case.borrower.disposable_yuan == 2_500

    def test_round_trips_through_json(self):
        case = Case(
            borrower=Borrower(monthly_income_yuan=8_000),
            loans=(LoanCase(proposals=(Proposal(months_added=12, new_apr=0.1),)),),
            assumptions=Assumptions(today=dt.date(2026, 12, 1)),
        )
        assert Case.model_validate_json(case.model_dump_json()) == case

    def test_error_locations_name_the_field(self):
        with pytest.raises(ValidationError) as caught:
            Case.model_validate({"loans": [{"proposals": [{"new_apr": "abc"}]}]})
        assert explain_validation_error(caught.value, "en") == [
            "New annual rate: must be a number."
        ]
        assert explain_validation_error(caught.value, "zh") == ["新的年利率：必须是数字。"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_contract_date_before_the_earliest_names_the_earliest_year(lang):
    with pytest.raises(ValidationError) as caught:
        Loan(contract_date=dt.date(1985, 1, 1))
    (message,) = explain_validation_error(caught.value, lang)
    assert str(EARLIEST_DATE.year) in message and "{" not in message


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
    field_case(Loan, "original_principal_yuan", "greater_than"),
    field_case(Loan, "received_yuan", "greater_than_equal"),
    field_case(Borrower, "monthly_income_yuan", "greater_than_equal"),
    field_case(Borrower, "essential_expenses_yuan", "greater_than_equal"),
    field_case(Borrower, "lump_sum_yuan", "greater_than_equal"),
    field_case(Proposal, "lump_sum_yuan", "greater_than_equal"),
    field_case(Proposal, "fee_yuan", "greater_than_equal"),
    field_case(Proposal, "principal_waived_yuan", "greater_than_equal"),
]

month_fields = [
    field_case(Loan, "remaining_months"),
    field_case(Loan, "original_months"),
    field_case(Proposal, "term_months"),
    field_case(Proposal, "months_added"),
]

finite_fields = [
    field_case(Loan, "principal_yuan"),
    field_case(Loan, "rate"),
    field_case(Loan, "overdue_amount_yuan"),
    field_case(Loan, "accrued_penalty_yuan"),
    field_case(Loan, "penalty_multiplier"),
    field_case(Loan, "original_principal_yuan"),
    field_case(Loan, "received_yuan"),
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
