"""AppTest of the advice panels: the offer ladder, the lawfulness check, the cost of doing nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_helpers import chart_figures, open_page, open_tab, tables
from streamlit.testing.v1 import AppTest

from core import Assumptions, Borrower, Case, Loan, LoanCase, compare
from core.ladder import offer_ladder
from core.text import Lang, t
from ui.format import money, percent

TIGHT = {"income": "4000", "expenses": "3500"}  # 500 a month to spare


def open_app(
    lang: Lang = "en", params: dict[str, str] | None = None, tab: str = "ladder.title"
) -> AppTest:
    """The home page with one of the tabs below the charts open (only that one is drawn)."""
    return open_tab(open_page(lang, params), tab, lang)


def everything(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.warning, *at.subheader)]
    return "\n".join(str(p) for p in parts)


def ladder_for(borrower: Borrower):
    return offer_ladder(Loan(), borrower, Assumptions(today=dt.date.today()))


class TestLadderPanel:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_three_offers_in_each_language(self, lang: Lang):
        at = open_app(lang, TIGHT)
        assert not at.exception
        text = everything(at)
        for rung in ("opening", "target", "walk_away"):
            assert t(f"ladder.{rung}", lang) in text
        ladder = ladder_for(Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500))
        assert (
            t(
                "ladder.terms",
                lang,
                months=ladder.months,
                rate=t("format.percent", lang, value="18.00"),
            )
            in text
        )

    def test_loading_a_rung_fills_the_proposal(self):
        at = open_app("en", TIGHT)
        at.button(key="_load_rung_3").click().run()
        assert not at.exception
        ladder = ladder_for(Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500))
        walk_away = ladder.offers[2].proposal
        assert at.session_state["np"] == "3"
        assert at.session_state["p3_term"] == walk_away.term_months
        assert at.session_state["p3_rate"] == pytest.approx((walk_away.new_apr or 0) * 100)
        assert at.session_state["p3_add"] == 0
        # The proposal's card shows the rung's figures.
        card_payments = [m.value for m in at.metric[:10]]
        assert money(ladder.offers[2].summary.highest_payment) in card_payments

    def test_loading_the_opening_offer_waives_the_penalty(self):
        at = open_app("en", TIGHT)
        at.button(key="_load_rung_1").click().run()
        assert at.session_state["p1_pen"] == 100
        assert (
            at.session_state["p1_term"]
            == ladder_for(Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500)).months
        )

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_no_spare_income_asks_for_the_later_income_not_for_a_plan(self, lang: Lang):
        at = open_app(lang, {"income": "3000", "expenses": "3500"})
        text = everything(at)
        assert t("ladder.need_later", lang) in text
        assert t("ladder.opening", lang) not in text
        # The card says there is nothing spare now, not that nothing was entered.
        assert t("card.no_budget", lang) in text

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_later_income_gives_a_pause_then_a_plan(self, lang: Lang):
        params = {"income": "3000", "expenses": "3500", "later": "6000", "laterm": "4"}
        at = open_app(lang, params)
        assert not at.exception
        borrower = Borrower(
            monthly_income_yuan=3_000,
            essential_expenses_yuan=3_500,
            later_income_yuan=6_000,
            later_from_month=4,
        )
        ladder = ladder_for(borrower)
        later = money(ladder.budget.later or 0)
        intro = t("ladder.pause_intro", lang, holiday=3, months=ladder.months, later=later)
        text = everything(at)
        assert intro in text
        assert t("ladder.pause_stopped", lang) in text
        at.button(key="_load_rung_2").click().run()
        assert not at.exception
        assert at.session_state["p2_hol"] == 3 and at.session_state["p2_holint"] is False
        assert t("card.fits_later", lang) in everything(open_tab(at, "ladder.title", lang))

    def test_nothing_fits_says_by_how_much(self):
        at = open_app("zh", {"income": "3600", "expenses": "3500", "principal": "100000"})
        text = everything(at)
        # Half of 100,000 over 60 months without interest: the last (highest) payment is
        # 50,000 - 59 x 833.33 = 833.53, against 90 a month (100 spare, a tenth kept).
        assert t("ladder.none", "zh", months=60, payment=money(83_353), gap=money(74_353)) in text


class TestLawfulnessPanel:
    def test_within_the_line(self):
        at = open_app("en", None, "lawful.title")
        text = everything(at)
        assert t("lawful.apr", "en", apr="18.00 %") in text
        assert t("lawful.within", "en", line="24.00 %") in text
        assert "法释〔2020〕27号" in text

    def test_above_the_line_says_what_to_ask(self):
        at = open_app("zh", {"rate": "36"}, "lawful.title")
        assert t("lawful.ask", "zh", line="24.00%", excess="12.00%") in everything(at)

    def test_flat_fee_shows_its_true_rate(self):
        at = open_app(
            "en", {"unit": "flat_fee", "rate": "0.6", "principal": "12000"}, "lawful.title"
        )
        text = everything(at)
        assert t("lawful.flat_fee", "en", fee="0.60 %", apr="13.03 %", simple="7.20 %") in text


class TestNothingPanel:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_summary_and_milestones(self, lang: Lang):
        at = open_app(lang, {"rate": "36", "days": "40", "overdue": "1000"}, "nothing.title")
        assert not at.exception
        loan = Loan(rate=0.36, days_overdue=40, overdue_amount_yuan=1_000)
        result = compare(Case(loans=(LoanCase(loan=loan),)))
        end = result.overdue_path[-1]
        text = everything(at)
        summary = t(
            "nothing.summary",
            lang,
            months=24,
            claimed=money(end.claimed),
            enforceable=money(end.enforceable),
        )
        assert summary in text
        assert end.enforceable < end.claimed
        assert t("nothing.limitation", lang) in text
        assert t("nothing.credit", lang) in text

    def test_enforceable_line_in_the_timeline(self):
        at = open_app("en", {"rate": "36"}, "nothing.title")
        timeline = chart_figures(at)[0]
        names = [trace["name"] for trace in timeline["data"]]
        assert t("nothing.enforceable", "en") in names


def test_cost_of_doing_nothing_table_and_chart_part_by_part():
    import json

    at = open_app("en", {"rate": "36", "days": "40", "overdue": "1000"}, "nothing.title")
    table = tables(at)[-1]
    loan = Loan(rate=0.36, days_overdue=40, overdue_amount_yuan=1_000)
    end = compare(Case(loans=(LoanCase(loan=loan),))).overdue_path[-1]
    last = table.iloc[-1]
    assert last[t("col.penalty", "en")] == money(end.penalty)
    assert last[t("col.compound", "en")] == money(end.compound_interest)
    assert last[t("nothing.claimed", "en")] == money(end.claimed)
    assert last[t("nothing.enforceable", "en")] == money(end.enforceable)
    charts_before = len(at.get("plotly_chart"))
    at.toggle(key="_nothing_chart").set_value(True).run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == charts_before + 1
    figure = json.loads(charts[-1].proto.spec)
    stacked = [trace for trace in figure["data"] if trace.get("stackgroup")]
    total = sum(trace["y"][-1] for trace in stacked)
    assert total == pytest.approx(end.claimed / 100, abs=0.01)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_what_one_lever_alone_would_take(lang: Lang):
    at = open_app(lang, TIGHT | {"afford": "100"})  # the whole 500 for the debt, no margin
    text = everything(at)
    # 500 a month on 10,000 at 18 %: 24 months (npf.pmt 499.24; 23 months cost 519.88).
    assert t("solve.months", lang, months=24, rate=t("format.percent", lang, value="18.00")) in text
    # Keeping 12 months at 18 %: 10,000 - npf.pv(0.015, 12, -500) = 4,546.25 waived.
    assert t("solve.waiver", lang, amount=money(454_625), months=12) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_flat_fee_offer_shows_its_true_annual_rate(lang: Lang):
    # 12,000 at a flat 1.18 % a month: a rung "a year" is 12 × a monthly fee on the
    # principal, and its true rate by IRR, far higher, stands beside it.
    params = {
        "principal": "12000",
        "unit": "flat_fee",
        "rate": "1.18",
        "income": "4500",
        "expenses": "3500",
    }
    at = open_app(lang, params)
    assert not at.exception
    loan = Loan(principal_yuan=12_000, rate=0.0118, rate_unit="flat_fee", method="flat_fee")
    borrower = Borrower(monthly_income_yuan=4_500, essential_expenses_yuan=3_500)
    ladder = ladder_for_loan(loan, borrower)
    text = everything(at)
    target = ladder.offers[1]
    assert target.summary.apr is not None and target.proposal.new_apr is not None
    assert target.summary.apr.nominal_apr > 1.5 * target.proposal.new_apr
    fee = percent(target.proposal.new_apr / 12, lang)
    true_apr = percent(target.summary.apr.nominal_apr, lang)
    assert t("ladder.true_apr", lang, apr=true_apr, fee=fee) in text


def ladder_for_loan(loan: Loan, borrower: Borrower):
    return offer_ladder(loan, borrower, Assumptions(today=dt.date.today()))
