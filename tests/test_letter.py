"""The letter page: a letter, a chat message or a phone script built from the chosen proposal,
figures as on the home page; a proposal beyond the budget is said so first."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from apptest_helpers import open_page
from streamlit.testing.v1 import AppTest

from core import Borrower, Case, Loan, LoanCase, Proposal, compare
from core.text import Lang, t
from ui import letter
from ui.copy_button import COMPONENT_NAME as COPY_BUTTON
from ui.format import money
from ui.results import DETAIL_TAB

STARTING = (Proposal(months_added=12), Proposal(new_apr=0.12, overdue_charges_waived_share=1.0))
HARDSHIP: dict[Lang, str] = {
    "zh": "我生病住院了三个月。",
    "en": "I was in hospital for three months.",
}
BEYOND = {"income": "3600", "expenses": "3500", "np": "1", "p1_add": "1"}
"""A budget of about 100 yuan a month, and a proposal that asks over 800 of it."""


def open_letter(lang: Lang = "en", params: dict[str, str] | None = None) -> AppTest:
    return open_page(lang, params, "pages/3_letter.py")


def shown(at: AppTest) -> str:
    """The letter or script as the page shows it: plain text, the page's only ``st.text``."""
    assert len(at.text) == 1
    return str(at.text[0].value)


def copy_buttons(at: AppTest) -> list[dict[str, Any]]:
    """What each copy button on the page was given (its text and its labels)."""
    return [
        json.loads(element.proto.json)
        for element in at.get("bidi_component")
        if element.proto.component_name == COPY_BUTTON
    ]


def downloads(at: AppTest) -> list[str]:
    return [str(getattr(button, "key", "")) for button in at.get("download_button")]


def kind_switch(at: AppTest) -> Any:
    return next(g for g in at.get("button_group") if getattr(g, "key", None) == "_letter_kind")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_letter_carries_the_home_page_figures(lang: Lang):
    at = open_letter(lang)
    assert not at.exception
    text = shown(at)
    result = compare(Case(borrower=Borrower(), loans=(LoanCase(loan=Loan(), proposals=STARTING),)))
    first = result.proposals[0].summary
    assert money(first.highest_payment) in text
    assert money(first.total_paid) in text
    assert money(result.affordable) not in text  # the budget is the borrower's, not the lender's
    assert t("letter.written", lang) in text


def test_second_proposal_and_the_phone_script():
    at = open_letter()
    at.selectbox(key="_letter_proposal").set_value(1).run()
    at.text_area(key="_letter_hardship").input("I was ill for three months.").run()
    text = shown(at)
    assert "12.00 %" in text and "I was ill for three months." in text
    switch = next(g for g in at.get("button_group") if getattr(g, "key", None) == "_letter_kind")
    switch.set_value("script").run()  # type: ignore[union-attr]
    script = shown(at)
    assert script.startswith("1. ")
    assert t("script.written", "en") in script


def test_typed_text_stays_text():
    at = open_letter()
    at.text_input(key="_letter_name").input("<script>alert(1)</script>").run()
    assert not at.exception
    assert "<script>alert(1)</script>" in shown(at)  # plain text: shown verbatim
    assert "<script>alert(1)</script>" in copy_buttons(at)[0]["text"]  # copied verbatim
    for element in (*at.markdown, *at.caption):
        assert "<script>" not in str(element.value)


def test_no_proposal():
    at = open_letter("zh", {"np": "0"})
    assert t("letter.no_proposal", "zh") in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_letter_is_addressed_to_the_lender_by_its_name(lang: Lang):
    at = open_letter(lang, {"name": "借呗"})
    assert t("letter.lender_named", lang, lender="借呗") in shown(at)


def test_the_letter_page_chooses_the_lender_then_the_proposal():
    from test_lenders_page import add_lender, open_lenders

    at = open_lenders("en", {"name": "First", "principal": "30000"})
    add_lender(at, "en", name="Second", principal=8_000.0)
    at.switch_page("pages/3_letter.py").run()
    assert "First" in shown(at)
    at.selectbox(key="_letter_lender").set_value(1).run()
    assert not at.exception
    text = shown(at)
    assert "Second" in text and "First" not in text
    # The figures are the second lender's: its first proposal, 12 months added.
    second = Loan(principal_yuan=8_000, name="Second")
    result = compare(Case(loans=(LoanCase(loan=second, proposals=(Proposal(months_added=12),)),)))
    assert money(result.proposals[0].summary.highest_payment) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_visible_copy_button_copies_exactly_the_text_shown(lang: Lang):
    """No code block (its copy icon shows only on hover, in English): the text is plain
    text and one button in the page's language copies exactly that text."""
    at = open_letter(lang)
    assert not at.exception
    assert len(at.code) == 0
    letter = shown(at)
    assert copy_buttons(at) == [
        {
            "text": letter,
            "label": t("letter.copy_letter", lang),
            "done": t("copy.done", lang),
            "failed": t("copy.failed", lang),
        }
    ]
    assert t("letter.copy_hint", lang) in [c.value for c in at.caption]

    switch = next(g for g in at.get("button_group") if getattr(g, "key", None) == "_letter_kind")
    switch.set_value("script").run()  # type: ignore[union-attr]
    script = shown(at)
    assert script != letter and script.startswith("1. ")
    [button] = copy_buttons(at)
    assert button["text"] == script
    assert button["label"] == t("letter.copy_script", lang)


def test_the_copy_button_follows_every_change_to_the_text():
    at = open_letter()
    at.text_area(key="_letter_hardship").input("My shop closed in May.").run()
    [button] = copy_buttons(at)
    assert "My shop closed in May." in button["text"]
    assert button["text"] == shown(at)


def test_copy_button_without_a_text_copies_the_page_address():
    """``text=None`` leaves the text to the browser: the page's own address (a share link)."""

    def page() -> None:
        from ui.copy_button import copy_button

        copy_button(None, "Copy the link", "Copied", key="share", failed_label="Copy it by hand")

    at = AppTest.from_function(page, default_timeout=30).run()
    assert not at.exception
    assert copy_buttons(at) == [
        {"text": None, "label": "Copy the link", "done": "Copied", "failed": "Copy it by hand"}
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chat_message_is_a_third_kind_with_its_own_copy_button(lang: Lang):
    at = open_letter(lang)
    at.text_area(key="_letter_hardship").input(HARDSHIP[lang]).run()
    kind_switch(at).set_value("chat").run()
    assert not at.exception
    chat = shown(at)
    result = compare(Case(borrower=Borrower(), loans=(LoanCase(loan=Loan(), proposals=STARTING),)))
    details = letter.Details(hardship=HARDSHIP[lang])  # the chat names no lender: it is in its app
    assert chat == letter.build_chat(result, 0, STARTING[0], details, lang)
    assert len(chat) <= letter.CHAT_MAX_CHARS[lang] and "\n" not in chat
    [button] = copy_buttons(at)
    assert button["text"] == chat
    assert button["label"] == t("letter.copy_chat", lang)


class TestAProposalBeyondTheBudget:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_is_said_first_and_the_letter_waits_for_a_tick(self, lang: Lang):
        at = open_letter(lang, BEYOND)
        assert not at.exception
        [warning] = at.warning
        # The highest payment and the budget, named on the borrower's screen.
        highest, budget = re.findall(r"¥[\d,]+\.\d\d", warning.value)[:2]
        over = t("letter.over_budget", lang, payment=highest, budget=budget)
        assert warning.value.startswith(over)
        assert len(at.text) == 0 and copy_buttons(at) == []
        assert "_letter_download" not in downloads(at)
        anyway = at.checkbox(key="_letter_anyway_0")
        assert anyway.label == t("letter.anyway", lang) and anyway.value is False
        anyway.check().run()
        assert highest in shown(at)
        assert budget not in shown(at)  # on the screen, never in the letter
        assert len(copy_buttons(at)) == 1 and "_letter_download" in downloads(at)

    def test_the_way_back_opens_what_to_ask_for(self):
        at = open_letter("en", BEYOND)
        at.button(key="_letter_back").click().run()
        assert not at.exception
        assert at.title[0].value != t("nav.letter", "en")
        assert at.session_state[DETAIL_TAB] == t("ladder.title", "en")

    def test_a_proposal_that_fits_asks_nothing(self):
        at = open_letter("en")
        assert not at.warning
        assert "_letter_anyway_0" not in [getattr(box, "key", None) for box in at.checkbox]
        assert shown(at)

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_no_income_to_spare_points_to_a_payment_holiday(self, lang: Lang):
        at = open_letter(lang, {**BEYOND, "income": "3000"})
        [warning] = at.warning
        assert t("letter.no_spare_warning", lang, step=t("way.ask", lang)) in warning.value
        assert "停息挂账" in warning.value
