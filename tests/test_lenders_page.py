"""The lenders page: the list of debts, the form for one lender, the budget split."""

from __future__ import annotations

from typing import Any

import pytest
from apptest_helpers import chart_figures, keep_saves, open_page, texts
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import nasty_text
from streamlit.testing.v1 import AppTest
from test_fuzz_surface import assert_in_bounds

from core import Assumptions, Borrower, Case, Loan, LoanCase
from core.models import MAX_LOANS
from core.overdue import overdue_position
from core.split import Strategy, plan_all
from core.text import Lang, t
from ui import state
from ui.format import money
from ui.registry import ALL_PARAMS, default

PAGE = "pages/5_lenders.py"


def open_lenders(lang: Lang = "en", params: dict[str, str] | None = None) -> AppTest:
    return open_page(lang, params, PAGE)


def button(at: AppTest, label: str, nth: int = 0) -> Any:
    return [b for b in at.button if b.label == label][nth]


def add_lender(at: AppTest, lang: Lang, **typed: Any) -> AppTest:
    """Open the form for a new lender, type ``typed`` (form field keys without prefix), save."""
    button(at, t("lenders.add", lang)).click().run()
    for key, value in typed.items():
        field = f"_lf_{key}"
        if key == "name":
            at.text_input(key=field).set_value(value)
        elif isinstance(value, str):
            at.selectbox(key=field).set_value(value)
        else:
            at.number_input(key=field).set_value(value)
    return button(at, t("lenders.form.save", lang)).click().run()


def shown(at: AppTest) -> str:
    return "\n".join(texts(at))


class TestTheList:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_one_lender_to_start_with_its_figures_from_the_core(self, lang: Lang):
        at = open_lenders(lang, {"principal": "30000", "days": "40", "overdue": "3000"})
        assert not at.exception
        loan = Loan(principal_yuan=30_000, days_overdue=40, overdue_amount_yuan=3_000)
        owed = overdue_position(loan).total
        assert at.metric[0].value == money(owed)
        assert at.metric[3].value == money(225_000)  # 9/10 of 6,000 income − 3,500 expenses
        assert len([b for b in at.button if b.label == t("lenders.edit", lang)]) == 1

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_lender_added_with_the_form_is_listed_and_counted(self, lang: Lang):
        at = open_lenders(lang, {"principal": "30000", "name": "借呗"})
        add_lender(at, lang, name="某银行信用卡", principal=60_000.0, days=100, overdue=9_000.0)
        assert not at.exception and not at.error
        assert len([b for b in at.button if b.label == t("lenders.edit", lang)]) == 2
        loans = (
            Loan(principal_yuan=30_000, name="借呗"),
            Loan(principal_yuan=60_000, days_overdue=100, overdue_amount_yuan=9_000),
        )
        assert at.metric[0].value == money(sum(overdue_position(x).total for x in loans))
        assert "某银行信用卡" in shown(at)
        # The lender in the widgets is still the first one.
        assert at.session_state["principal"] == 30_000.0

    def test_the_form_refuses_what_is_not_a_loan_and_keeps_what_was_typed(self):
        at = open_lenders("en")
        # More overdue than the whole debt can hold is not a loan.
        add_lender(at, "en", name="Odd", principal=1_000.0, days=30, overdue=50_000.0)
        assert at.error, "an overdue amount above the debt must be refused with a message"
        assert at.text_input(key="_lf_name").value == "Odd"  # nothing typed is lost
        assert at.number_input(key="_lf_overdue").value == 50_000.0
        assert len([b for b in at.button if b.label == t("lenders.edit", "en")]) == 1

    def test_a_rate_beyond_its_units_bounds_is_refused_in_the_borrowers_words(self):
        at = open_lenders("zh")
        add_lender(at, "zh", unit="daily", rate=18.0)
        message = "\n".join(e.value for e in at.error)
        assert "0.3" in message and "合同利率" in message

    def test_two_lenders_with_the_same_name_are_told_apart(self):
        at = open_lenders("en", {"name": "Jiebei"})
        add_lender(at, "en", name="Jiebei", principal=5_000.0)
        text = shown(at)
        assert "Jiebei (1)" in text and "Jiebei (2)" in text

    def test_a_name_with_html_or_markdown_is_shown_as_text(self):
        at = open_lenders("en")
        add_lender(at, "en", name="<b>x</b> **y**", principal=5_000.0)
        cards = [m.value for m in at.markdown if m.value.startswith("**") and "b\\>x" in m.value]
        # Every mark escaped: Markdown shows the name as typed, and no tag is made.
        assert cards and all(r"\<b\>x\<\/b\> \*\*y\*\*" in card for card in cards)

    def test_the_list_stops_at_twelve_and_says_so(self):
        at = open_lenders("en")
        for number in range(2, MAX_LOANS + 1):
            add_lender(at, "en", name=f"L{number}", principal=1_000.0 * number)
        assert not at.exception
        assert not [b for b in at.button if b.label == t("lenders.add", "en")]
        assert any(t("lenders.full", "en", most=MAX_LOANS) in i.value for i in at.info)

    def test_removing_asks_twice_and_the_last_lender_stays(self):
        at = open_lenders("en")
        add_lender(at, "en", name="Second", principal=5_000.0)
        button(at, t("lenders.remove", "en"), 1).click().run()
        assert len([b for b in at.button if b.label == t("lenders.edit", "en")]) == 2
        button(at, t("lenders.remove_sure", "en")).click().run()
        assert len([b for b in at.button if b.label == t("lenders.edit", "en")]) == 1
        assert button(at, t("lenders.remove", "en")).disabled


class TestWorkingOnALender:
    def test_plan_this_lender_opens_it_on_the_home_page(self):
        at = open_lenders("en", {"principal": "30000"})
        add_lender(at, "en", name="Card", principal=60_000.0)
        button(at, t("lenders.work_on", "en"), 1).click().run()
        assert not at.exception
        assert at.session_state["principal"] == 60_000.0
        assert at.session_state[state.ACTIVE_LENDER] == 1
        assert at.sidebar.selectbox(key="_lender_switch").value == 1
        # The first lender waits in the list with its own values.
        assert at.session_state[state.LENDERS][0].values["principal"] == 30_000.0

    def test_one_lender_shows_no_lender_choice_on_the_home_page(self):
        at = open_page("en")
        assert "_lender_switch" not in [s.key for s in at.sidebar.selectbox]


class TestTheSplit:
    def test_both_strategies_side_by_side_match_the_core(self):
        at = open_lenders("en", {"principal": "30000", "income": "5000", "expenses": "4000"})
        add_lender(at, "en", name="Card", principal=10_000.0, suit="filed")
        case = Case(
            borrower=Borrower(monthly_income_yuan=5_000, essential_expenses_yuan=4_000),
            loans=(
                LoanCase(loan=Loan(principal_yuan=30_000)),
                LoanCase(loan=Loan(principal_yuan=10_000, name="Card", lawsuit="filed")),
            ),
        )
        for strategy in Strategy:
            result = plan_all(case, strategy)
            assert money(result.totals.total_paid) in shown(at), strategy

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_no_budget_leads_to_the_hardship_route(self, lang: Lang):
        at = open_lenders(lang, {"income": "3000", "expenses": "4500"})
        assert not at.exception
        assert any(t("split.hardship", lang) in w.value for w in at.warning)
        # What staying overdue costs is still drawn, without plans that cannot be paid.
        (figure,) = chart_figures(at)
        names = {trace["name"] for trace in figure["data"]}
        assert t("chart.split.overdue", lang) in names
        assert not names & {t(f"split.strategy.{s.value}", lang) for s in Strategy}

    def test_every_lender_with_a_lawsuit_still_plans(self):
        at = open_lenders("en", {"suit": "filed"})
        add_lender(at, "en", name="B", principal=8_000.0, suit="filed")
        at.segmented_control(key=state.STRATEGY).set_value(Strategy.CONSEQUENCES.value).run()
        assert not at.exception and not at.error


class TestLinkAndCaseFile:
    def test_the_link_carries_every_lender_and_opens_them_again(self):
        at = open_lenders("en", {"name": "First", "principal": "30000"})
        add_lender(at, "en", name="Second", principal=8_000.0, days=40, overdue=1_000.0)
        add_lender(at, "en", name="Third", principal=12_000.0, suit="filed")
        link = {key: str(at.query_params[key]) for key in at.query_params}
        assert {"l2", "l3"} <= set(link)
        again = open_lenders("zh", link)
        assert not again.exception
        lenders = again.session_state[state.LENDERS]
        assert [x.values.get("name") for x in lenders] == ["First", "Second", "Third"]
        assert lenders[1].values["overdue"] == 1_000.0 and lenders[2].values["suit"] == "filed"
        assert again.metric[0].value == at.metric[0].value  # the same total owed

    def test_a_link_of_before_several_lenders_opens_as_it_did(self):
        at = open_lenders("en", {"principal": "30000", "months": "24", "np": "1", "p1_add": "6"})
        assert state.LENDERS not in at.session_state or len(at.session_state[state.LENDERS]) == 1
        assert at.session_state["principal"] == 30_000.0 and at.session_state["p1_add"] == 6
        assert not at.warning

    def test_a_bad_value_of_another_lender_is_named_with_its_lender(self):
        at = open_lenders("en", {"principal": "30000", "l2": "~~-5~~~~~~~~~~~~~~~~B"})
        assert not at.exception
        message = "\n".join(w.value for w in at.warning)
        assert t("link.of_lender", "en", name=t("input.principal", "en"), place=2) in message

    def test_the_case_file_holds_every_lender_and_its_proposals(self, monkeypatch):
        from ui.casefile import Loaded, load_case

        kept = keep_saves(monkeypatch)
        at = open_lenders("en", {"name": "First", "principal": "30000", "p1_add": "6"})
        add_lender(at, "en", name="Second", principal=8_000.0)
        loaded = load_case(kept[-1]())
        assert isinstance(loaded, Loaded)
        assert [x.values.get("name") for x in loaded.lenders] == ["First", "Second"]
        assert loaded.lenders[0].values["p1_add"] == 6


FIELD_PIECES = st.sampled_from(
    ["30000", "0.05", "daily", "credit_card", "filed", "yes", "-5", "1e309", "nan", "", "借呗"]
)
LENDER_TEXT = st.lists(FIELD_PIECES | nasty_text(max_size=20), max_size=22).map("~".join)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(
    st.dictionaries(
        st.sampled_from([f"l{k}" for k in range(1, 15)] + ["active"]),
        LENDER_TEXT | nasty_text(max_size=80),
        max_size=6,
    )
)
def test_any_link_of_lenders_opens_the_page_with_every_value_in_bounds(query: dict[str, str]):
    at = open_lenders("zh", {"principal": "30000", **query})
    assert not at.exception
    lenders = at.session_state.get(state.LENDERS, ())
    assert len(lenders) <= MAX_LOANS
    for lender in lenders:
        values = dict(lender.values)
        assert_in_bounds({p.key: values.get(p.key, default(p, values)) for p in ALL_PARAMS})
    assert at.session_state["principal"] == 30_000.0  # what the link said well is kept


def test_the_form_holds_every_input_of_a_lenders_loan_once():
    from ui.lenders_ui import FORM_FIELDS
    from ui.registry import LENDER_PARAMS, LOAN_PARAMS, OVERDUE_PARAMS

    keys = [p.key for p in FORM_FIELDS]
    assert sorted(keys) == sorted(p.key for p in (*LENDER_PARAMS, *LOAN_PARAMS, *OVERDUE_PARAMS))


def test_the_money_left_over_moves_the_debt_free_date_as_the_core_says():
    from core.prepay import Prepayment, prepay

    params = {"principal": "30000", "income": "9000", "expenses": "5500", "afford": "100"}
    at = open_lenders("en", params)
    add_lender(at, "en", name="Card", principal=10_000.0, rate=24.0)
    at.segmented_control(key=state.PREPAYMENT).set_value("highest_cost_first").run()
    assert not at.exception
    case = Case(
        borrower=Borrower(monthly_income_yuan=9_000, essential_expenses_yuan=5_500),
        loans=(
            LoanCase(loan=Loan(principal_yuan=30_000)),
            LoanCase(loan=Loan(principal_yuan=10_000, name="Card", rate=0.24)),
        ),
        assumptions=Assumptions(affordable_share=1.0),
    )
    totals = prepay(plan_all(case, Strategy.PRO_RATA), Prepayment.HIGHEST_COST_FIRST).totals
    assert totals.months_sooner > 0
    line = t(
        "split.extra.result",
        "en",
        date=totals.debt_free_on.isoformat(),
        months=totals.months_to_clear,
        sooner=totals.months_sooner,
        saved=money(totals.interest_saved),
    )
    assert any(line == s.value for s in at.success)


def test_a_lenders_ask_opens_with_its_ladder_and_leads_to_its_letter():
    at = open_lenders("en", {"name": "First", "principal": "30000"})
    add_lender(at, "en", name="Card", principal=10_000.0)
    assert not [b for b in at.button if b.label == t("split.letter", "en")]  # closed: not drawn
    at.session_state["_ask_open_2"] = True  # the borrower opens the second lender's ask
    at.run()
    assert at.dataframe, "the plan's schedule is drawn"
    button(at, t("split.letter", "en")).click().run()
    assert not at.exception
    assert at.session_state[state.ACTIVE_LENDER] == 1
    at.switch_page("pages/3_letter.py").run()  # where the button's next run goes
    letter = "\n".join(str(e.value) for e in (*at.code, *at.text))  # the letter's text
    assert t("letter.lender_named", "en", lender="Card") in letter
