"""Models: defaults, derived rates, and a clear error for each invalid value."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from core import Assumptions, Borrower, Case, Loan, LoanCase, Proposal
from core.models import EARLIEST_DATE
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
            ({"contract_date": dt.date.today() + dt.timedelta(days=1)}, "error.contract_date"),
            ({"overdue_amount_yuan": -1}, "greater_than_equal"),
            ({"overdue_amount_yuan": 20_000, "days_overdue": 30}, "error.overdue_above_debt"),
            ({"penalty_multiplier": 0.5}, "greater_than_equal"),
            ({"method": "balloon"}, "enum"),
            ({"unknown": 1}, "extra_forbidden"),
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
