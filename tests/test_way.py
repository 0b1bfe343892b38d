"""The way through (situation → what to ask for → letter → log), the first visit's form of
the borrower's own numbers, the sentence on what to do next under the cards, and the cards'
main figures with the rest behind "details"."""

from __future__ import annotations

from typing import Any

import pytest
from apptest_helpers import open_page
from streamlit.testing.v1 import AppTest

from core import Borrower, Case, Loan, LoanCase, Proposal, compare
from core.text import Lang, t
from ui import state
from ui.format import money
from ui.nav import HOME_PAGE, LETTER_PAGE, LOG_PAGE
from ui.registry import BY_KEY
from ui.results import DETAIL_TAB
from ui.situation import REQUIRED, SITUATION_KEYS
from ui.way import STEPS, line, next_step

FORM = "_situation_"  # the situation form's boxes, as a borrower's browser sends them

# The real case, typed as a borrower would (with fen on the principal).
REAL_CASE: dict[str, Any] = {
    "principal": 50_000.55,
    "rate": 18.0,
    "months": 24,
    "days": 90,
    "overdue": 7_500.0,
    "income": 6_000.0,
    "expenses": 4_500.0,
    "cash": 0.0,
}


def first_visit(lang: Lang = "en", page: str = HOME_PAGE) -> AppTest:
    return open_page(lang, page=page, first_visit=True)


def way_line(at: AppTest) -> str:
    found = [m.value for m in at.markdown if t("way.situation", "en") in m.value]
    found += [m.value for m in at.markdown if t("way.situation", "zh") in m.value]
    assert len(found) == 1, found
    return str(found[0])


def type_situation(at: AppTest, figures: dict[str, Any]) -> AppTest:
    for key, value in figures.items():
        at.number_input(key=FORM + key).set_value(value)
    submit = next(b for b in at.button if b.label == t("situation.show", "en"))
    return submit.click().run()


def everything(at: AppTest) -> str:
    parts = (*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.subheader)
    return "\n".join(str(p.value) for p in parts)


class TestFirstVisit:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_the_borrowers_own_numbers_come_first(self, lang: Lang):
        at = first_visit(lang)
        assert not at.exception
        assert at.subheader[0].value == t("situation.title", lang)
        # No example proposals, no cards: the form of the borrower's own numbers.
        assert not at.metric
        groups = at.get("button_group")
        pills = [g for g in groups if str(g.key).startswith(state.PRESET_PREFIX)]
        assert not pills  # no preset pills
        assert [b.label for b in at.button if b.key == "_way_next"] == []
        for key in SITUATION_KEYS:
            box = at.number_input(key=FORM + key)
            assert box.value is None if key in REQUIRED else box.value == 0
        assert way_line(at) == line(1, frozenset(), lang)

    def test_a_form_sent_with_figures_missing_says_which_and_keeps_what_was_typed(self):
        at = first_visit()
        at = type_situation(at, {"principal": 50_000.55, "income": 6_000.0})
        assert not at.exception and not at.metric
        missing = [
            t(BY_KEY[key].label_key_for("apr"), "en") for key in ("rate", "months", "expenses")
        ]
        assert at.error[0].value == t("situation.missing", "en", fields=", ".join(missing))
        assert at.number_input(key=FORM + "principal").value == 50_000.55
        assert at.number_input(key=FORM + "income").value == 6_000.0
        # Nothing was applied: the inputs still hold the example's.
        assert at.session_state["principal"] == 10_000.0

    def test_the_real_case_typed_gives_its_exact_figures(self):
        at = type_situation(first_visit(), REAL_CASE)
        assert not at.exception
        for key, value in REAL_CASE.items():
            assert at.session_state[key] == value
        assert at.query_params["principal"] == "50000.55"
        loan = Loan(
            principal_yuan=50_000.55,
            rate=0.18,
            remaining_months=24,
            days_overdue=90,
            overdue_amount_yuan=7_500,
        )
        borrower = Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=4_500)
        case = Case(borrower=borrower, loans=(LoanCase(loan=loan, proposals=()),))
        contract = compare(case).contract.summary
        assert at.metric[0].value == money(contract.highest_payment)
        assert at.metric[1].value == money(contract.total_paid)
        # The numbers now sit in one line that opens to change them.
        assert at.expander[0].label.startswith(t("situation.change", "en", summary="")[:12])
        assert "¥50,000.55" in at.expander[0].label

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_link_with_the_borrowers_numbers_skips_the_form(self, lang: Lang):
        at = open_page(lang, {"principal": "23456"}, first_visit=True)
        assert not at.exception
        assert at.metric and at.session_state["principal"] == 23_456
        assert t("situation.title", lang) not in [s.value for s in at.subheader]

    def test_a_change_in_the_sidebar_counts_as_the_borrowers_own(self):
        at = first_visit()
        at.sidebar.number_input(key="principal").set_value(31_000.0).run()
        assert not at.exception
        assert at.metric and at.session_state[state.SITUATION_DONE] is True


class TestWayThrough:
    @pytest.mark.parametrize(
        ("page", "step"), [("pages/3_letter.py", 3), ("pages/2_contact_log.py", 4)]
    )
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_each_page_says_where_it_is(self, page: str, step: int, lang: Lang):
        at = open_page(lang, page=page)
        assert not at.exception
        assert line(step, frozenset(), lang).split(" › ")[step - 1] in way_line(at)
        nexts = [b.label for b in at.button if b.key == "_way_next"]
        if step == 4:
            assert nexts == [] and t("way.last", lang) in [c.value for c in at.caption]
        else:
            following = t(STEPS[step].name_key, lang)
            assert nexts == [t("way.next", lang, step=following)]

    def test_the_next_step_button_opens_its_page(self):
        at = open_page("en", page=LETTER_PAGE)
        at.button(key="_way_next").click().run()
        assert not at.exception
        assert at.title[0].value == t("nav.log", "en")

    def test_a_page_outside_the_way_offers_the_first_step_not_done(self):
        at = open_page("en", page="pages/1_checklist.py")
        # The example's numbers count as given (open_page): the next is what to ask for,
        # unless a proposal fits (the home page said so on its last run).
        label = at.button(key="_way_next").label
        assert label in {
            t("way.next", "en", step=t("way.ask", "en")),
            t("way.next", "en", step=t("way.letter", "en")),
        }
        assert next_step(None, frozenset({1, 2, 3})) == 4

    def test_done_steps_are_ticked(self):
        at = open_page("en", page=LOG_PAGE)
        assert "① " + t("way.situation", "en") + " ✓" in way_line(at)
        assert t("way.log", "en") + " ✓" not in way_line(at)


class TestNextStepUnderTheCards:
    def test_when_a_proposal_fits_the_next_step_is_its_letter(self):
        at = open_page("en", {"np": "1", "p1_add": "24"})
        sentence = t("next.fits", "en", number=1)
        assert sentence in everything(at)
        at.button(key="_next_after_cards").click().run()
        assert not at.exception
        assert at.title[0].value == t("nav.letter", "en")
        assert at.session_state[state.LETTER_PROPOSAL] == 0

    def test_when_none_fits_the_next_step_opens_what_to_ask_for(self):
        at = open_page("en", {"income": "3600", "expenses": "3500", "np": "1", "p1_add": "1"})
        assert t("next.none_fits", "en") in everything(at)
        at.button(key="_next_after_cards").click().run()
        assert not at.exception
        assert at.session_state[DETAIL_TAB] == t("ladder.title", "en")
        assert t("ladder.intro", "en", budget="", months="")[:10] in everything(at)

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({"income": "3000", "expenses": "3500"}, "next.no_spare"),
            ({"np": "0"}, "next.no_proposal"),
        ],
    )
    def test_other_cases_say_what_to_do(self, params: dict[str, str], key: str):
        at = open_page("zh", params)
        assert t(key, "zh") in everything(at)


class TestCardsMainFiguresFirst:
    def test_payments_that_change_are_named_by_the_highest(self):
        # Interest-free months first: the later payments are a few fen higher.
        at = open_page("en", {"np": "1", "p1_add": "0", "p1_free": "3"})
        result = compare(
            Case(
                borrower=Borrower(),
                loans=(LoanCase(loan=Loan(), proposals=(Proposal(interest_free_months=3),)),),
            )
        )
        s = result.proposals[0].summary
        assert s.first_payment != s.highest_payment
        metric = at.metric[4]
        assert metric.label == t("card.highest_payment", "en")
        assert metric.value == money(s.highest_payment)
        first = t("card.first_payment", "en", first=money(s.first_payment))
        assert first in [c.value for c in at.caption]

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_terms_are_behind_details_in_plain_words(self, lang: Lang):
        at = open_page(lang)
        details = [e for e in at.expander if e.label == t("card.details", lang)]
        assert len(details) == 3  # the contract and the two proposals (not staying overdue)
        inside = "\n".join(m.value for m in details[0].markdown)
        assert t("card.apr_plain", lang) in inside and t("card.lender_plain", lang) in inside


def test_the_current_rate_already_fitting_is_said_so():
    # 12,000 at 18 % over 12 months; 1,500 spare: 60 months at 18 % fits easily.
    at = open_page("en", {"income": "5000", "expenses": "3500"})
    at.session_state[DETAIL_TAB] = t("ladder.title", "en")
    at.run()
    text = everything(at)
    rate = t("format.percent", "en", value="18.00")
    assert t("solve.rate_current", "en", rate=rate, longest=60) in text
    assert t("solve.rate", "en", rate=rate, longest=60) not in text
