"""The real bill (issue 14): money received at payout, the original principal and term.

The true cost is an IRR on the money the borrower actually received (PBOC 〔2021〕 No. 3),
over the whole original schedule when it is known; a flat fee is charged on the original
principal even part-way through the loan. The new inputs travel in the share link and the
case file, and a value that does not fit is said in the page's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy_financial as npf
import pytest
from apptest_helpers import open_page, open_tab, texts
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from strategies import loans, yuan

from core import Assumptions, Case, Loan, LoanCase, Method, RateUnit, compare, yuan_to_fen
from core.compare import contract_true_cost
from core.cost import monthly_irr, true_cost
from core.text import Lang, explain_validation_error, t
from ui import state
from ui.advice import real_bill_lines
from ui.casefile import Loaded, dump_case, load_case
from ui.format import money, percent
from ui.lenders import Lender
from ui.link import (
    LENDER_FIELDS,
    lender_text,
    lenders_link_params,
    link_params,
    read_lenders,
    read_link,
)

TODAY = dt.date(2026, 12, 1)

# PBOC example (domain.md §2): 100,000 lent, 1,000 deducted at payout, 12 payments of 8,833.33.
PBOC_FLAT = Loan(
    principal_yuan=100_000,
    received_yuan=99_000,
    rate=0.005,  # 100,000/12 + 100,000 x 0.5 % = 8,833.33 a month
    rate_unit=RateUnit.FLAT_MONTHLY_FEE,
    method=Method.FLAT_FEE,
)
# The same payments as equal installments: the APR whose installment on 100,000 is 8,833.33.
PBOC_APR = 12 * monthly_irr(100_000, [8_833.33] * 12)
PBOC_EQUAL = Loan(
    principal_yuan=100_000,
    original_principal_yuan=100_000,
    received_yuan=99_000,
    original_months=12,
    rate=PBOC_APR,
)

# Issue 14 point 9: 12,000 over 12 months at 1.18 % a month flat, six installments paid.
FLAT_PART_WAY = {
    "principal_yuan": 6_000,
    "remaining_months": 6,
    "rate": 0.0118,
    "rate_unit": RateUnit.FLAT_MONTHLY_FEE,
    "method": Method.FLAT_FEE,
}
FLAT_WHOLE = Loan(**FLAT_PART_WAY, original_principal_yuan=12_000, original_months=12)
FLAT_ON_BALANCE = Loan(**FLAT_PART_WAY)


def compared(loan: Loan):
    return compare(Case(loans=(LoanCase(loan=loan),), assumptions=Assumptions(today=TODAY)))


def rounded_percent(rate: float) -> float:
    return round(rate * 100, 2)


class TestPbocExample:
    """12.80 % simple, 13.58 % compound on the 99,000 received (domain.md §2)."""

    @pytest.mark.parametrize("loan", [PBOC_FLAT, PBOC_EQUAL], ids=["flat_fee", "equal_installment"])
    def test_true_cost_on_the_money_received(self, loan: Loan):
        cost = contract_true_cost(loan)
        assert cost is not None
        assert rounded_percent(cost.nominal_apr) == 12.80
        assert rounded_percent(cost.effective_apr) == 13.58

    def test_the_equal_installment_construction_pays_8833_33(self):
        result = compared(PBOC_EQUAL)
        assert result.contract.summary.first_payment == 883_333
        assert rounded_percent(PBOC_APR) == 10.90  # the rate on paper, on the full 100,000

    @pytest.mark.parametrize("loan", [PBOC_FLAT, PBOC_EQUAL], ids=["flat_fee", "equal_installment"])
    def test_agrees_with_true_cost_and_numpy_financial(self, loan: Loan):
        payments = [p / 100 for p in compared(loan).contract.schedule.payment]
        cost = contract_true_cost(loan)
        assert cost is not None
        assert cost.monthly_rate == pytest.approx(true_cost(99_000, payments).monthly_rate)
        assert cost.monthly_rate == pytest.approx(npf.irr([-99_000, *payments]), rel=1e-9)

    def test_the_deduction_is_exposed_in_fen(self):
        assert PBOC_FLAT.deducted_fen == PBOC_EQUAL.deducted_fen == 100_000
        assert PBOC_FLAT.received_fen == 9_900_000
        assert Loan().deducted_fen == 0

    def test_without_a_deduction_the_cost_is_the_contract_rate(self):
        loan = Loan(principal_yuan=100_000, rate=PBOC_APR)
        cost = contract_true_cost(loan)
        assert cost is not None
        assert rounded_percent(cost.nominal_apr) == 10.90

    def test_the_lawfulness_check_uses_the_cost_on_the_money_received(self):
        result = compared(PBOC_FLAT)
        assert rounded_percent(result.lawfulness.apr) == 12.80


class TestFlatFeePartWay:
    """A flat fee stays on the original principal: 1,141.60 a month and 25.18 %, not 23.88 %."""

    def test_the_installment_is_charged_on_the_original_principal(self):
        result = compared(FLAT_WHOLE)
        assert result.contract.schedule.payment == (114_160,) * 6
        assert result.contract.summary.first_payment == 114_160
        assert result.contract.summary.principal_repaid == 600_000

    def test_the_true_cost_is_counted_over_the_whole_original_schedule(self):
        cost = contract_true_cost(FLAT_WHOLE)
        assert cost is not None
        assert rounded_percent(cost.nominal_apr) == 25.18
        assert cost.monthly_rate == pytest.approx(true_cost(12_000, [1_141.60] * 12).monthly_rate)

    def test_it_is_above_the_24_percent_line(self):
        check = compared(FLAT_WHOLE).lawfulness
        assert check.line.annual_rate == 0.24
        assert rounded_percent(check.apr) == 25.18
        assert check.above
        assert rounded_percent(check.excess) == 1.18

    def test_the_stay_overdue_path_uses_the_same_fee(self):
        path = compared(FLAT_WHOLE).overdue_path
        assert path[1].unpaid_interest == 14_160
        assert path[1].overdue_principal == 100_000
        assert path[2].unpaid_interest == 2 * 14_160

    def test_the_original_principal_alone_fixes_the_fee(self):
        loan = Loan(**FLAT_PART_WAY, original_principal_yuan=12_000)
        assert compared(loan).contract.summary.first_payment == 114_160
        assert loan.whole_loan is None  # part-way, without the original term
        cost = contract_true_cost(loan)
        assert cost is not None  # the installments left, on the principal owed
        assert cost.monthly_rate == pytest.approx(true_cost(6_000, [1_141.60] * 6).monthly_rate)

    def test_without_the_original_principal_the_balance_is_the_base_and_it_is_flagged(self):
        result = compared(FLAT_ON_BALANCE)
        assert result.contract.summary.first_payment == 107_080
        assert rounded_percent(result.lawfulness.apr) == 23.88
        assert not result.lawfulness.above
        assert FLAT_ON_BALANCE.flat_fee_base_unknown
        assert not FLAT_WHOLE.flat_fee_base_unknown

    def test_a_flat_fee_loan_at_its_start_needs_nothing_more(self):
        start = Loan(**(FLAT_PART_WAY | {"remaining_months": 12, "principal_yuan": 12_000}))
        assert start.flat_fee_base_unknown  # nothing says no installment has been paid
        said = Loan(**(FLAT_PART_WAY | {"remaining_months": 12}), original_months=12)
        assert not said.flat_fee_base_unknown


class TestWholeLoan:
    @pytest.mark.parametrize(
        "fields, whole",
        [
            ({}, (10_000.0, 12)),
            ({"original_principal_yuan": 10_000}, (10_000.0, 12)),
            ({"original_months": 12}, (10_000.0, 12)),
            ({"original_principal_yuan": 20_000, "original_months": 24}, (20_000.0, 24)),
            ({"original_principal_yuan": 20_000}, None),
            ({"original_months": 24}, None),
            ({"received_yuan": 9_000}, (10_000.0, 12)),
        ],
    )
    def test_known_when_given_or_when_nothing_is_repaid(self, fields: dict[str, Any], whole):
        assert Loan(**fields).whole_loan == whole

    def test_a_deduction_that_cannot_be_placed_in_time_is_left_out(self):
        part_way = Loan(original_principal_yuan=20_000, received_yuan=19_000)
        cost = contract_true_cost(part_way)
        assert cost is not None
        assert rounded_percent(cost.nominal_apr) == 18.00


class TestValidation:
    @pytest.mark.parametrize(
        "fields, key, context",
        [
            (
                {"original_principal_yuan": 5_000},
                "principal_above_original",
                {"principal": "10,000", "original": "5,000"},
            ),
            (
                {"received_yuan": 10_500},
                "received_above_principal",
                {"received": "10,500", "principal": "10,000"},
            ),
            (
                {"original_principal_yuan": 12_000, "received_yuan": 12_500},
                "received_above_original",
                {"received": "12,500", "original": "12,000"},
            ),
            ({"original_months": 6}, "months_above_original", {"months": "12", "original": "6"}),
        ],
    )
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_bill_that_does_not_fit_is_said_in_each_language(
        self, fields: dict[str, Any], key: str, context: dict[str, str], lang: Lang
    ):
        with pytest.raises(ValidationError) as caught:
            Loan(**fields)
        assert explain_validation_error(caught.value, lang) == [t(f"error.{key}", lang, **context)]

    def test_a_fen_of_rounding_is_allowed(self):
        assert Loan(original_principal_yuan=9_999.99).whole_loan is None
        assert Loan(original_principal_yuan=10_000, received_yuan=10_000).deducted_fen == 0

    def test_an_overdue_installment_may_carry_a_fee_on_the_original_principal(self):
        # The last installment, 1,000 + 12,000 x 1.18 % = 1,141.60, is overdue on 1,000 owed.
        last = FLAT_PART_WAY | {"principal_yuan": 1_000, "remaining_months": 1}
        overdue = last | {"days_overdue": 10, "overdue_amount_yuan": 1_141.60}
        assert Loan(**overdue, original_principal_yuan=12_000).missed_installments == 1
        with pytest.raises(ValidationError, match="overdue_above_debt"):
            Loan(**overdue)  # on the balance alone it could be at most 1,011.80

    @settings(max_examples=40, deadline=None)
    @given(data=st.data())
    def test_a_deduction_never_lowers_the_true_cost(self, data: st.DataObject):
        loan = data.draw(loans(overdue=False))
        principal = yuan_to_fen(loan.principal_yuan)
        received = data.draw(st.integers(min_value=max(principal // 2, 1), max_value=principal))
        with_bill = Loan(**(loan.model_dump() | {"received_yuan": yuan(received)}))
        plain, real = contract_true_cost(loan), contract_true_cost(with_bill)
        assert plain is not None and real is not None
        assert real.monthly_rate >= plain.monthly_rate - 1e-12
        assert with_bill.deducted_fen == principal - received


BILL = {"orig": 12_000.0, "recv": 11_400.0, "origterm": 12}
PART_WAY_VALUES = {"principal": 6_000.0, "unit": "flat_fee", "rate": 1.18, "months": 6}


class TestTheBillTravels:
    def test_through_the_link_of_the_lender_being_worked_on(self):
        values = PART_WAY_VALUES | BILL
        params = link_params(values)
        assert {key: params[key] for key in BILL} == {
            "orig": "12000",
            "recv": "11400",
            "origterm": "12",
        }
        read, problems = read_link({key: [value] for key, value in params.items()})
        assert problems == []
        assert {key: read[key] for key in BILL} == BILL

    def test_through_the_link_of_another_lender_beside_its_own_value(self):
        lenders = [Lender(1, {"principal": 5_000.0}), Lender(2, PART_WAY_VALUES | BILL)]
        params = lenders_link_params(lenders, 0)
        assert params["b2"] == "12000~11400~12"
        assert params["l2"] == lender_text(PART_WAY_VALUES)  # l<k> keeps its 18 fields
        assert len(LENDER_FIELDS) == 18
        linked = read_lenders({key: [value] for key, value in params.items()})
        assert linked.problems == ()
        other = dict(linked.lenders({"principal": 5_000.0})[1].values)
        assert {key: other[key] for key in BILL} == BILL

    def test_a_link_without_a_bill_reads_as_before(self):
        old = "~~30000~daily~0.06~~~24~private~~~90~3200~~~~~借呗"
        linked = read_lenders({"l2": [old]})
        assert linked.problems == ()
        values = linked.places[1]
        assert values is not None and values["name"] == "借呗"
        assert not any(key in values for key in BILL)

    @pytest.mark.parametrize(
        "query, found",
        [
            ({"b2": ["12000"]}, [("b2", "bill_without_lender", None)]),
            ({"l2": ["~~6000"], "b2": ["abc~~12"]}, [("orig", "not_a_number", 2)]),
            ({"l2": ["~~6000"], "b2": ["~~0"]}, [("origterm", "out_of_range", 2)]),
            ({"l2": ["~~6000"], "b13": ["12000"]}, [("b13", "bill_without_lender", None)]),
        ],
    )
    def test_a_bad_bill_in_a_link_is_said_and_the_rest_kept(self, query, found):
        linked = read_lenders(query)
        assert [(p.key, p.reason, p.lender) for p in linked.problems] == found
        for problem in linked.problems:
            for lang in ("zh", "en"):
                assert t("link." + problem.reason, lang, **problem.context)

    def test_through_the_case_file(self):
        values = {"income": 8_000.0} | PART_WAY_VALUES | BILL
        other = Lender(7, {"principal": 9_000.0, "recv": 8_500.0})
        data = dump_case(
            values,
            {},
            [],
            dt.datetime(2026, 12, 1),
            lenders=[Lender(3, PART_WAY_VALUES), other],
        )
        loaded = load_case(data)
        assert isinstance(loaded, Loaded)
        assert {key: loaded.values[key] for key in BILL} == BILL
        assert loaded.lenders[1].values["recv"] == 8_500.0
        assert loaded.lenders[0].values["origterm"] == 12


class TestWhatThePanelSays:
    @pytest.mark.parametrize(
        "loan, keys",
        [
            (Loan(), []),
            (PBOC_FLAT, ["lawful.received", "bill.flat_fee_base"]),  # no original principal
            (PBOC_EQUAL, ["lawful.received"]),
            (FLAT_WHOLE, ["lawful.whole"]),
            (FLAT_ON_BALANCE, ["bill.flat_fee_base"]),
            (Loan(original_principal_yuan=20_000), ["lawful.start_unknown"]),
            (
                Loan(original_principal_yuan=20_000, received_yuan=19_000, original_months=24),
                ["lawful.received", "lawful.whole"],
            ),
        ],
    )
    def test_the_lines_under_the_true_cost(self, loan: Loan, keys: list[str]):
        whole = loan.whole_loan
        context: dict[str, dict[str, Any]] = {
            "lawful.received": {
                "received": money(loan.received_fen),
                "deducted": money(loan.deducted_fen),
            },
        }
        if whole is not None:
            principal = money(yuan_to_fen(whole[0]))
            context["lawful.whole"] = {"principal": principal, "months": whole[1]}
        expected = [t(key, "en", **context.get(key, {})) for key in keys]
        assert real_bill_lines(loan, "en") == expected


def everything(at: Any) -> str:
    return "\n".join(texts(at))


class TestOnThePage:
    def test_the_sidebar_group_starts_folded_and_opens_empty(self):
        at = open_page("en", folded=True)
        assert not at.exception
        expander = next(e for e in at.sidebar.expander if e.label == t("sidebar.real_bill", "en"))
        assert expander.proto.expanded is False
        drawn = {n.key for n in at.sidebar.number_input}
        assert drawn and not drawn & set(BILL)  # folded: nothing in it is drawn
        at.session_state[state.FOLD_BILL] = True  # the borrower opens it
        at.run()
        for key in BILL:
            assert at.sidebar.number_input(key=key).value is None
        assert t("help.recv", "en") in everything(at)

    def test_a_flat_fee_loan_that_needs_it_opens_the_group(self):
        params = {"unit": "flat_fee", "rate": "1.18", "principal": "6000", "months": "6"}
        at = open_page("en", params, folded=True)
        assert t("bill.flat_fee_base", "en") in [w.value for w in at.sidebar.warning]
        assert at.sidebar.number_input(key="orig").value is None

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_part_way_flat_fee_loan_asks_for_its_original_principal(self, lang: Lang):
        params = {"unit": "flat_fee", "rate": "1.18", "principal": "6000", "months": "6"}
        at = open_tab(open_page(lang, params), "lawful.title", lang)
        assert t("bill.flat_fee_base", lang) in [w.value for w in at.sidebar.warning]
        assert t("bill.flat_fee_base", lang) in everything(at)  # in the lawfulness panel too
        at.sidebar.number_input(key="orig").set_value(12_000.0).run()
        at.sidebar.number_input(key="origterm").set_value(12).run()
        assert not at.exception
        assert [w.value for w in at.sidebar.warning] == []
        assert at.metric[0].value == money(114_160)
        at = open_tab(at, "lawful.title", lang)
        text = everything(at)
        apr = percent(0.2518, lang)  # 25.18 %, above the 24 % line
        assert t("lawful.apr", lang, apr=apr) in text
        assert t("lawful.ask", lang, line=percent(0.24, lang), excess=percent(0.0118, lang)) in text
        whole = t("lawful.whole", lang, principal=money(1_200_000), months=12)
        assert whole in text
        assert t("bill.flat_fee_base", lang) not in text

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_the_panel_says_what_was_received_and_deducted(self, lang: Lang):
        params = {"unit": "flat_fee", "rate": "0.5", "principal": "100000", "recv": "99000"}
        at = open_tab(open_page(lang, params), "lawful.title", lang)
        assert not at.exception
        text = everything(at)
        said = t("lawful.received", lang, received=money(9_900_000), deducted=money(100_000))
        assert said in text
        assert t("lawful.apr", lang, apr=percent(0.1280, lang)) in text

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_bill_that_does_not_fit_is_said_and_nothing_is_lost(self, lang: Lang):
        params = {"principal": "6000", "months": "6", "orig": "12000", "income": "7000"}
        at = open_page(lang, params)
        at.sidebar.number_input(key="recv").set_value(13_000.0).run()
        assert not at.exception
        message = t("error.received_above_original", lang, received="13,000", original="12,000")
        assert any(message in e.value for e in at.error)
        kept = {key: at.session_state[key] for key in ("recv", "orig", "principal", "income")}
        assert kept == {"recv": 13_000.0, "orig": 12_000.0, "principal": 6_000.0, "income": 7_000}
        at.sidebar.number_input(key="recv").set_value(11_000.0).run()
        assert not at.exception and not at.error
        assert at.session_state["orig"] == 12_000.0

    def test_a_bad_link_value_is_listed_in_chinese(self):
        at = open_page("zh", {"recv": "-5", "orig": "12000"})
        assert not at.exception
        text = everything(at)
        assert t("input.recv", "zh") in text
        assert t("link.out_of_range", "zh", min="0.01", max="5,000,000") in text
        assert at.session_state["recv"] is None
        assert at.session_state["orig"] == 12_000.0


class TestTheLendersForm:
    """The form for another lender holds the real bill too, checked the same way."""

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_bill_that_does_not_fit_keeps_the_form_open_with_what_was_typed(self, lang: Lang):
        at = open_page(lang, {"principal": "30000"}, "pages/5_lenders.py")
        add = next(b for b in at.button if b.label == t("lenders.add", lang))
        add.click().run()
        at.number_input(key="_lf_principal").set_value(6_000.0)
        at.number_input(key="_lf_orig").set_value(5_000.0)
        save = next(b for b in at.button if b.label == t("lenders.form.save", lang))
        save.click().run()
        assert not at.exception
        message = t("error.principal_above_original", lang, principal="6,000", original="5,000")
        assert any(message in e.value for e in at.error)
        assert at.number_input(key="_lf_orig").value == 5_000.0
        at.number_input(key="_lf_orig").set_value(12_000.0)
        at.number_input(key="_lf_origterm").set_value(12)
        next(b for b in at.button if b.label == t("lenders.form.save", lang)).click().run()
        assert not at.exception and not at.error
        saved = at.session_state[state.LENDERS][-1].values
        assert (saved["principal"], saved["orig"], saved["origterm"]) == (6_000.0, 12_000.0, 12)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_contract_card_shows_the_panels_true_cost_and_the_rest_from_today(lang: Lang):
    # The part-way flat-fee loan with its bill: the card's true APR is the one the legal
    # check uses (25.18 % over the whole loan); the remaining installments cost more on
    # the balance (47.04 %), said apart.
    params = {
        "unit": "flat_fee",
        "rate": "1.18",
        "principal": "6000",
        "months": "6",
        "orig": "12000",
        "origterm": "12",
    }
    at = open_page(lang, params)
    assert not at.exception
    shown = "\n".join(texts(at))
    assert (
        t(
            "format.label_value",
            lang,
            label=t("card.apr", lang),
            value="**" + percent(0.2518, lang) + "**",
        )
        in shown
    )
    assert t("card.apr_from_today", lang, apr=percent(0.4704, lang)) in shown
