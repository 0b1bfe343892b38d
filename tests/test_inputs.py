"""The inputs: they drive the cards and charts, the share link fills them, they survive page visits."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest
from apptest_helpers import STARTING, change, expected, open_app, panel, texts
from apptest_helpers import chart_figures as figures

from core import Borrower, Loan, Proposal
from core.text import t
from ui.format import money, signed_money
from ui.results import payment_label


class TestInputsDriveTheOutputs:
    def test_default_cards_match_the_core(self):
        at = open_app()
        result = expected(None, *STARTING)
        assert at.metric[0].label == payment_label(result.contract.summary, "en")
        assert at.metric[0].value == money(result.contract.summary.highest_payment)
        assert at.metric[1].value == money(result.contract.summary.total_paid)
        assert at.metric[3].value == money(result.overdue_path[-1].claimed)
        first = result.proposals[0].summary
        assert at.metric[4].value == money(first.highest_payment)
        assert at.metric[5].value == money(first.total_paid)
        assert at.metric[5].delta == t(
            "card.vs_contract", "en", amount=signed_money(-first.saving_vs_contract)
        )

    def test_principal_rate_and_months_change_cards_and_charts(self):
        at = open_app()
        change(at.sidebar.number_input(key="principal"), 25_000.0)
        change(at.sidebar.number_input(key="rate"), 24.0)
        at.sidebar.number_input(key="months").set_value(36).run()
        assert not at.exception
        result = expected(
            Loan(principal_yuan=25_000, rate=0.24, remaining_months=36), Proposal(), Proposal()
        )
        assert at.metric[0].value == money(result.contract.summary.highest_payment)
        assert at.metric[1].value == money(result.contract.summary.total_paid)
        timeline, cost = figures(at)
        balance, payment = panel(timeline, "y"), panel(timeline, "y2")
        assert balance[0]["y"][0] == 25_000
        assert len(balance[0]["x"]) == 37
        assert payment[0]["y"][0] == result.contract.summary.first_payment / 100
        assert cost["data"][1]["x"][0] == result.contract.summary.interest / 100

    def test_budget_line_in_the_payment_chart(self):
        at = open_app()
        change(at.sidebar.number_input(key="income"), 5_000.0)
        at.sidebar.number_input(key="expenses").set_value(4_200.0).run()
        payment = panel(figures(at)[0], "y2")
        assert payment[-1]["name"] == t("chart.budget", "en")
        assert payment[-1]["y"] == [720, 720]  # 800 spare, a tenth kept as a margin
        assert any(t("card.not_fits", "en") in text for text in texts(at))

    def test_legal_warning_when_the_rate_is_above_the_line(self):
        at = open_app()
        assert not at.warning
        at.sidebar.number_input(key="rate").set_value(36.0).run()
        warning = at.warning[0].value
        assert "24.00 %" in warning and "法释〔2020〕27号" in warning

    def test_private_lending_warning_names_the_lpr(self):
        at = open_app("zh", {"lender": "private", "rate": "18", "signed": "2025-06-01"})
        warning = at.warning[0].value
        assert "12.00%" in warning and "2025-05-20" in warning


class TestShareLink:
    GOOD: ClassVar[dict[str, str]] = {
        "principal": "30000",
        "unit": "daily",
        "rate": "0.05",
        "months": "24",
        "days": "45",
        "overdue": "2800",
        "income": "7000",
        "np": "1",
        "p1_add": "24",
        "p1_pen": "100",
        "lang": "zh",
    }

    def test_good_link_reproduces_the_inputs(self):
        at = open_app("en", self.GOOD)
        assert not at.exception
        assert at.sidebar.number_input(key="principal").value == 30_000
        assert at.sidebar.selectbox(key="unit").value == "daily"
        assert at.sidebar.number_input(key="rate").value == pytest.approx(0.05)
        assert at.sidebar.number_input(key="months").value == 24
        assert at.slider(key="p1_add").value == 24
        assert at.title[0].value == t("app.title", "zh")
        loan = Loan(
            principal_yuan=30_000,
            rate=0.0005,
            rate_unit="daily",
            remaining_months=24,
            days_overdue=45,
            overdue_amount_yuan=2_800,
        )
        result = expected(
            loan,
            Proposal(months_added=24, overdue_charges_waived_share=1.0),
            borrower=Borrower(monthly_income_yuan=7_000),
        )
        assert at.metric[0].value == money(result.contract.summary.highest_payment)
        assert not at.warning

    def test_the_link_is_written_back(self):
        at = open_app("en", self.GOOD)
        written = {key: at.query_params[key] for key in at.query_params}
        # 0.05 % a day is the daily unit's default rate, so the link leaves it out.
        assert written == {k: v for k, v in self.GOOD.items() if k != "rate"}

    @pytest.mark.parametrize(
        "params, key",
        [
            ({"principal": "-5"}, "principal"),
            ({"rate": "abc"}, "rate"),
            ({"months": "99999"}, "months"),
            ({"lang": "xx"}, "lang"),
            ({"unit": "weekly"}, "unit"),
            ({"signed": "2024-13-01"}, "signed"),
            ({"p1_stop": "maybe"}, "p1_stop"),
            ({"nonsense": "1"}, "nonsense"),
            ({"principal": "nan"}, "principal"),
            ({"principal": "9" * 200}, "principal"),
        ],
    )
    def test_bad_values_are_named_and_replaced_by_defaults(self, params: dict[str, str], key: str):
        at = open_app("en", params)
        assert not at.exception
        message = at.warning[0].value
        assert t("link.intro", "en") in message
        labels = {"rate": "input.rate.apr", "p1_stop": "input.p_stop"}
        known = key not in ("lang", "nonsense")  # a key the inputs do not have shows as code
        name = t(labels.get(key, f"input.{key}"), "en") if known else f"` {key} `"
        assert f"{name} = ` {params[key][:40]}" in message  # the visitor's text as code
        assert at.metric[0].value == money(
            expected(None, *STARTING).contract.summary.highest_payment
        )

    def test_bad_value_message_in_chinese(self):
        at = open_app("zh", {"months": "99999"})
        message = at.warning[0].value
        assert t("link.intro", "zh") in message
        assert "剩余期数" in message and "99999" in message

    def test_good_values_are_kept_beside_bad_ones(self):
        at = open_app("en", {"principal": "-5", "months": "36"})
        assert at.sidebar.number_input(key="months").value == 36
        assert at.sidebar.number_input(key="principal").value == 10_000


class TestStateAcrossPages:
    def test_inputs_survive_a_visit_to_another_page(self):
        at = open_app()
        change(at.sidebar.number_input(key="principal"), 42_000.0)
        at.slider(key="p2_add").set_value(6).run()
        at.switch_page("pages/3_letter.py").run()
        assert not at.exception
        assert at.sidebar.number_input(key="principal").value == 42_000
        assert at.query_params["principal"] == "42000"
        at.switch_page("app.py").run()
        assert at.sidebar.number_input(key="principal").value == 42_000
        assert at.slider(key="p2_add").value == 6


class TestRateUnits:
    def test_changing_the_unit_keeps_the_price(self):
        at = open_app()
        at.sidebar.selectbox(key="unit").set_value("daily").run()
        assert not at.exception
        assert at.sidebar.number_input(key="rate").value == pytest.approx(0.05)  # 18 % a year / 360
        assert at.metric[0].value == money(
            expected(None, *STARTING).contract.summary.highest_payment
        )

    def test_flat_fee_unit_switches_the_method(self):
        at = open_app()
        at.sidebar.selectbox(key="unit").set_value("flat_fee").run()
        assert not at.exception
        assert at.sidebar.selectbox(key="method").value == "flat_fee"
        assert not at.error


def test_contract_date_default_is_before_today():
    assert dt.date(2024, 1, 1) < dt.date.today()


class TestOneIdeaOneInput:
    def test_typing_a_new_term_empties_months_added_and_the_plan_has_no_error(self):
        at = open_app("en")
        assert at.slider(key="p1_add").value == 12  # what proposal 1 starts with
        at.number_input(key="p1_term").set_value(48).run()
        assert not at.exception and not at.error
        assert at.slider(key="p1_add").value == 0 and at.number_input(key="p1_term").value == 48

    def test_then_months_added_empties_the_new_term(self):
        at = open_app("en", {"np": "1", "p1_term": "48"})
        assert not at.error
        at.slider(key="p1_add").set_value(6).run()
        assert at.number_input(key="p1_term").value is None and not at.error


def test_the_budget_line_steps_up_when_the_later_income_arrives():
    # Nothing spare now (3,000 against 3,200), 5,000 from month 4: nine tenths of 1,800.
    params = {"income": "3000", "expenses": "3200", "later": "5000", "laterm": "4"}
    at = open_app("en", params)
    assert not at.exception
    budget = panel(figures(at)[0], "y2")[-1]
    assert budget["name"] == t("chart.budget", "en")
    assert budget["x"][:3] == [1, 4, 4]
    assert budget["y"][:3] == [0, 0, 1_620]
    assert budget["y"][-1] == 1_620
    assert any(t("budget.later", "en", month=4, amount="¥1,620.00") in text for text in texts(at))
