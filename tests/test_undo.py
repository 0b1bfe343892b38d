"""Undo after a replacement (issue 13): a preset, a guide case study or a ladder rung replaces
what the borrower entered; the notice at the top of the page says what changed, "Undo" puts
back exactly what was there, and "Keep the change" only hides the notice.

Every test starts from a real entered case (principal 50,000, rate 18 %, 24 installments,
income 6,000, essential expenses 4,500, a second lender, three proposals with levers set, a
contact in the log and a checklist item ticked), entered through the widgets as a borrower
does, and compares every input key, the lenders, the log and the checklist before and after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from apptest_helpers import open_page, open_tab
from streamlit.testing.v1 import AppTest

from core import Assumptions, Borrower, Case, Loan, LoanCase, Proposal, compare
from core.contacts import ContactEntry
from core.ladder import offer_ladder
from core.text import Lang, t
from ui import state
from ui.format import money
from ui.guide_cases import case_study_values
from ui.presets import PRESETS
from ui.registry import ALL_PARAMS, Key

GUIDE_PAGE = "pages/4_guide.py"
HOME_PAGE = "app.py"
UNDO_BUTTON = "_undo_button"
KEEP_BUTTON = "_undo_keep"

# The borrower's case, as typed into the sidebar.
ENTERED: dict[str, Any] = {
    Key.PRINCIPAL: 50_000.0,
    Key.RATE: 18.0,
    Key.MONTHS: 24,
    Key.INCOME: 6_000.0,
    Key.EXPENSES: 4_500.0,
}
LOAN = Loan(principal_yuan=50_000, rate=0.18, remaining_months=24)
BORROWER = Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=4_500)
# Three proposals, each with a lever or two set by hand (widget values, then the model's).
SLIDERS: dict[str, int] = {"p1_add": 6, "p2_pen": 50, "p3_free": 3}
NUMBERS: dict[str, float] = {"p2_rate": 9.0, "p3_lump": 1_000.0}
PROPOSALS = (
    Proposal(months_added=6),
    Proposal(new_apr=0.09, overdue_charges_waived_share=0.5),
    Proposal(interest_free_months=3, lump_sum_yuan=1_000),
)
SECOND_LENDER = {"l2": "~~8000"}  # the share link of a second lender owed 8,000
LOG = (
    ContactEntry(
        when=dt.datetime(2026, 11, 20, 10, 30),
        who="Ms Li, staff 0417",
        said="Offered 6 more months if I pay the overdue first.",
        follow_up=dt.date(2026, 12, 9),
    ),
)
TICKED = {"documents": True}
KEPT_KEYS: tuple[str, ...] = (
    *(param.key for param in ALL_PARAMS),
    state.LENDERS,
    state.ACTIVE_LENDER,
    state.CONTACT_LOG,
    state.CHECKLIST,
)
ABSENT = "<absent>"


def entered_case(lang: Lang = "en") -> AppTest:
    """The home page after the borrower typed their case and set three proposals' levers."""
    at = open_page(lang, SECOND_LENDER)
    for key, value in ENTERED.items():
        at.sidebar.number_input(key=key).set_value(value)
    at.run()
    at.run()  # the whole page again (a value change reruns only the results)
    at.selectbox(key=Key.COUNT).set_value("3").run()
    for key, whole in SLIDERS.items():
        at.slider(key=key).set_value(whole)
    for key, amount in NUMBERS.items():
        at.number_input(key=key).set_value(amount)
    at.run()
    at.session_state[state.CONTACT_LOG] = LOG
    at.session_state[state.CHECKLIST] = dict(TICKED)
    at.run()
    assert not at.exception
    # The case really is in: the cards show the core's figures for it.
    result = compare(Case(borrower=BORROWER, loans=(LoanCase(loan=LOAN, proposals=PROPOSALS),)))
    shown = [metric.value for metric in at.metric]
    assert shown[0] == money(result.contract.summary.first_payment)
    for option in result.proposals:  # each proposal's total (a card's payment may be its highest)
        assert money(option.summary.total_paid) in shown
    return at


def kept(at: AppTest) -> dict[str, Any]:
    """Every key a replacement may change, as the session holds it now."""
    return {key: at.session_state.get(key, ABSENT) for key in KEPT_KEYS}


def notices(at: AppTest) -> list[str]:
    return [element.value for element in at.info]


def on_screen(at: AppTest) -> dict[str, Any]:
    """What the sidebar and the proposal editor show for the entered values and levers."""
    shown: dict[str, Any] = {key: at.sidebar.number_input(key=key).value for key in ENTERED}
    shown |= {key: at.slider(key=key).value for key in SLIDERS}
    shown |= {key: at.number_input(key=key).value for key in NUMBERS}
    return shown


def preset_pills(at: AppTest, number: int) -> Any:
    """Proposal ``number``'s preset pills (AppTest has no typed accessor for pills)."""
    (pills,) = [g for g in at.get("button_group") if g.key == f"{state.PRESET_PREFIX}{number}"]
    return pills


def undo(at: AppTest) -> AppTest:
    at.button(key=UNDO_BUTTON).click().run()
    assert not at.exception
    return at


def assert_put_back(at: AppTest, before: dict[str, Any], lang: Lang) -> None:
    """Everything as before, said once; the widgets show it; the notice is gone."""
    assert kept(at) == before
    assert [s.value for s in at.success] == [t("undo.done", lang)]
    assert notices(at) == []
    assert not [b for b in at.button if b.key in (UNDO_BUTTON, KEEP_BUTTON)]
    at.run()
    assert t("undo.done", lang) not in [s.value for s in at.success]  # said once only
    assert on_screen(at) == {**ENTERED, **SLIDERS, **NUMBERS}
    assert kept(at) == before


# --- presets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "lang"),
    [*((name, "en") for name in PRESETS), ("longer", "zh"), ("illness", "zh")],
)
def test_a_preset_can_be_undone(preset: str, lang: Lang) -> None:
    at = entered_case(lang)
    before = kept(at)
    preset_pills(at, 2).set_value(preset).run()
    assert not at.exception
    changed = kept(at)
    assert changed != before
    if preset == "illness":  # the illness case also halves the income: 6,000 → 3,000
        assert changed[Key.INCOME] == 3_000.0
        notice = t(
            "undo.illness", lang, number=2, before="6,000", income="3,000", later="6,000", month=4
        )
    else:
        assert changed[Key.INCOME] == before[Key.INCOME]
        notice = t("undo.preset", lang, number=2, name=t(f"preset.{preset}", lang))
    assert notices(at) == [notice]
    # Only proposal 2 and (for the illness case) the income changed.
    moved = {key for key in KEPT_KEYS if changed[key] != before[key]}
    assert moved <= {k for k in before if k.startswith("p2_")} | {
        Key.INCOME,
        Key.LATER,
        Key.LATER_MONTH,
    }
    undo(at)
    assert_put_back(at, before, lang)


def test_keep_the_change_hides_the_notice_and_keeps_the_preset() -> None:
    at = entered_case()
    preset_pills(at, 1).set_value("lower_rate").run()
    changed = kept(at)
    assert changed["p1_rate"] == 9.0  # half the contract's 18 %
    assert changed["p1_add"] == 0
    at.button(key=KEEP_BUTTON).click().run()
    assert not at.exception
    assert notices(at) == []
    assert [s.value for s in at.success] == []
    assert not [b for b in at.button if b.key in (UNDO_BUTTON, KEEP_BUTTON)]
    assert kept(at) == changed
    at.run()
    assert kept(at) == changed
    assert at.slider(key="p1_add").value == 0
    assert at.number_input(key="p1_rate").value == 9.0


def test_a_second_replacement_undoes_to_just_before_it() -> None:
    at = entered_case()
    preset_pills(at, 1).set_value("longer").run()
    after_first = kept(at)
    assert after_first["p1_add"] == 24  # as long again as the 24 installments left
    preset_pills(at, 1).set_value("illness").run()
    illness = t(
        "undo.illness", "en", number=1, before="6,000", income="3,000", later="6,000", month=4
    )
    assert notices(at) == [illness]
    undo(at)
    assert kept(at) == after_first
    assert [s.value for s in at.success] == [t("undo.done", "en")]
    assert notices(at) == []  # one step back only: the first preset stays


# --- the guide's case studies ----------------------------------------------------------------


@pytest.mark.parametrize(("name", "lang"), [("illness", "en"), ("no_plan", "zh")])
def test_a_case_study_can_be_undone(name: str, lang: Lang) -> None:
    at = entered_case(lang)
    before = kept(at)
    at.switch_page(GUIDE_PAGE).run()
    at.button(key=f"_case_{name}").click().run()
    assert not at.exception
    assert at.title[0].value == t("app.title", lang)  # back on the home page
    study = case_study_values(name)
    changed = kept(at)
    for key in (Key.PRINCIPAL, Key.MONTHS, Key.DAYS, Key.COUNT):
        assert changed[key] == study[key]
    assert notices(at) == [t("undo.example", lang, name=t(f"guide.example.{name}", lang))]
    # The contact log, the checklist and the other lender are the borrower's, untouched.
    assert changed[state.CONTACT_LOG] == LOG
    assert changed[state.CHECKLIST] == TICKED
    # The app switched to the home page (``st.switch_page``); a browser's next runs are the
    # home page's, AppTest's would be the guide's again unless told.
    at.switch_page(HOME_PAGE)
    undo(at)
    assert at.title[0].value == t("app.title", lang)
    assert_put_back(at, before, lang)


# --- a ladder rung ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_ladder_rung_can_be_undone(lang: Lang) -> None:
    at = open_tab(entered_case(lang), "ladder.title", lang)
    before = kept(at)
    ladder = offer_ladder(LOAN, BORROWER, Assumptions(today=dt.date.today()))
    offer = ladder.offers[1]
    at.button(key="_load_rung_2").click().run()
    assert not at.exception
    changed = kept(at)
    assert changed["p2_term"] == offer.proposal.term_months
    assert changed["p2_rate"] == pytest.approx((offer.proposal.new_apr or 0) * 100)
    assert notices(at) == [
        t("undo.rung", lang, number=2, rung=t(f"ladder.{offer.rung.value}", lang))
    ]
    undo(at)
    assert_put_back(at, before, lang)
