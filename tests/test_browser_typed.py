"""Issue 13 in a real Chromium: a borrower types every amount exactly, to the fen, on a phone
keyboard that shows digits.

At a phone's size in Chinese (the sidebar opened first, as a phone hides it) and at a desktop's
in English, the issue's own case is typed into the sidebar's boxes as a borrower would (each
value typed, then Enter or Tab): principal 50,000.55, rate 18 %, 24 installments left, income
6,000, essential expenses 4,500. Each box keeps the value exactly, the share link holds it to
the fen, and the cards show what ``core.compare`` gives for the same case built here from the
core's own models. The boxes are number inputs (a phone then shows a keypad of digits), and a
value out of bounds is refused without a traceback.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import APP_IDLE, EXCEPTION, PHONE
from playwright.sync_api import Locator, Page, expect
from pytest_playwright import CreateContextCallback

from core import Borrower, Case, Comparison, Loan, LoanCase, Proposal, compare
from core.text import Lang, t
from ui.format import money
from ui.registry import BY_KEY, Key

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
SIDEBAR = '[data-testid="stSidebar"]'
OPEN_SIDEBAR = '[data-testid="stExpandSidebarButton"]'
METRIC_VALUE = '[data-testid="stMetricValue"]'

DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
SIZES = pytest.mark.parametrize(
    ("locale", "lang", "phone"),
    [
        pytest.param(
            "zh-CN", "zh", True, marks=pytest.mark.browser_context_args(**PHONE), id="zh-phone"
        ),
        pytest.param(
            "en-US", "en", False, marks=pytest.mark.browser_context_args(**DESKTOP), id="en-desktop"
        ),
    ],
)


@dataclass(frozen=True, slots=True)
class Typed:
    """One box of the sidebar: what the borrower types, the key that ends it, what the box
    then shows (its format: two decimals for money, three for the rate) and what the share
    link holds (None: the value is the default, which the link leaves out)."""

    key: str
    text: str
    end: str
    shown: str
    link: str | None


# The issue's case, in the order of the sidebar. Enter and Tab both send a typed value.
CASE: tuple[Typed, ...] = (
    Typed(Key.PRINCIPAL, "50000.55", "Enter", "50000.55", "50000.55"),
    Typed(Key.RATE, "18", "Tab", "18.000", None),
    Typed(Key.MONTHS, "24", "Enter", "24", "24"),
    Typed(Key.INCOME, "6000", "Tab", "6000.00", None),
    Typed(Key.EXPENSES, "4500", "Enter", "4500.00", "4500"),
)
# The same case built from the core's models, with the two proposals a visitor starts with
# (a year more; 12 % with the penalty waived).
LOAN = Loan(principal_yuan=50_000.55, rate=0.18, remaining_months=24)
BORROWER = Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=4_500)
STARTING = (Proposal(months_added=12), Proposal(new_apr=0.12, overdue_charges_waived_share=1.0))


def box(page: Page, key: str, lang: Lang) -> Locator:
    """The sidebar's box for input ``key``, by its label (a help button's name only holds it)."""
    label = t(BY_KEY[key].label_key, lang)
    return page.locator(SIDEBAR).get_by_role("spinbutton", name=label, exact=True)


def wait_idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)


def open_sidebar(page: Page, phone: bool) -> None:
    """On a phone the sidebar starts closed: open it as a borrower would."""
    sidebar = page.locator(SIDEBAR)
    if phone:
        expect(sidebar).not_to_be_in_viewport(timeout=TIMEOUT_MS)
        page.locator(OPEN_SIDEBAR).click()
    expect(sidebar).to_be_in_viewport(timeout=TIMEOUT_MS)


def type_value(page: Page, field: Locator, text: str, end: str) -> None:
    """Type ``text`` into ``field`` key by key (a phone keyboard's way), then ``end``."""
    field.click()
    field.press("Control+A")
    field.press_sequentially(text)
    field.press(end)
    wait_idle(page)


def comparison(loan: Loan = LOAN) -> Comparison:
    return compare(Case(borrower=BORROWER, loans=(LoanCase(loan=loan, proposals=STARTING),)))


def assert_cards(page: Page, lang: Lang) -> None:
    """The cards show the core's figures for the issue's case, to the fen: the contract's
    highest payment (its first metric) and its first payment (said beside it when they
    differ), and every proposal's total."""
    result = comparison()
    contract = result.contract.summary
    rounded = comparison(Loan(principal_yuan=50_000, rate=0.18, remaining_months=24))
    # The 55 fen are in the figures (else this test could not tell them from 50,000).
    assert contract.first_payment != rounded.contract.summary.first_payment
    metrics = page.locator(METRIC_VALUE)
    expect(metrics.first).to_have_text(money(contract.highest_payment), timeout=TIMEOUT_MS)
    if contract.highest_payment != contract.first_payment:
        first = t("card.first_payment", lang, first=money(contract.first_payment))
        expect(page.get_by_text(first, exact=True).first).to_be_attached()
    shown = [text.strip() for text in metrics.all_inner_texts()]
    for option in result.proposals:
        assert money(option.summary.total_paid) in shown, (option.summary, shown)


@SIZES
def test_the_issues_case_is_typed_and_kept_to_the_fen(
    new_context: CreateContextCallback,
    app_server: str,
    locale: str,
    lang: Lang,
    phone: bool,
) -> None:
    page = new_context(locale=locale).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{app_server}/")
    wait_idle(page)
    open_sidebar(page, phone)

    for typed in CASE:
        field = box(page, typed.key, lang)
        # A number input (Streamlit 1.67 sets no ``inputmode``): a phone shows its keypad of
        # digits, not the letters.
        assert field.get_attribute("type") == "number", typed.key
        assert field.get_attribute("inputmode") in (None, "decimal", "numeric"), typed.key
        type_value(page, field, typed.text, typed.end)
        expect(field, typed.key).to_have_value(typed.shown, timeout=TIMEOUT_MS)

    # Every value kept exactly: in the boxes (after every rerun the typing caused) ...
    for typed in CASE:
        expect(box(page, typed.key, lang), typed.key).to_have_value(typed.shown)
    # ... in the share link, to the fen (defaults are left out of it) ...
    want = {typed.key: [typed.link] for typed in CASE if typed.link}
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == want, timeout=TIMEOUT_MS)
    # ... and in the cards: the core's figures for 50,000.55, not for a rounded principal.
    assert_cards(page, lang)
    expect(page.locator(EXCEPTION)).to_have_count(0)


@SIZES
def test_a_value_out_of_bounds_gives_no_traceback(
    new_context: CreateContextCallback,
    app_server: str,
    locale: str,
    lang: Lang,
    phone: bool,
) -> None:
    """Streamlit's box refuses a value outside its bounds: it is marked invalid, says so, and
    sends nothing; the app keeps the last good value and no traceback is shown."""
    page = new_context(locale=locale).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    link = "&".join(f"{typed.key}={typed.link}" for typed in CASE if typed.link)
    page.goto(f"{app_server}/?{link}")  # the issue's case, from its share link
    wait_idle(page)
    open_sidebar(page, phone)
    assert_cards(page, lang)
    for key, text in ((Key.INCOME, "-6000"), (Key.MONTHS, "999"), (Key.MONTHS, "0")):
        field = box(page, key, lang)
        type_value(page, field, text, "Enter")
        field.press("Tab")  # leaving the box does not send it either
        wait_idle(page)
        expect(field, text).to_have_attribute("aria-invalid", "true")
        expect(page.locator(EXCEPTION)).to_have_count(0)
        assert "Traceback" not in page.locator("body").inner_text()
        # Nothing was sent: the link and the cards still hold the issue's case.
        assert parse_qs(urlsplit(page.url).query) == {
            typed.key: [typed.link] for typed in CASE if typed.link
        }
        assert_cards(page, lang)
        # A good value typed over it is taken again.
        good = next(typed for typed in CASE if typed.key == key)
        type_value(page, field, good.text, "Enter")
        expect(field).to_have_value(good.shown, timeout=TIMEOUT_MS)
        expect(field).not_to_have_attribute("aria-invalid", "true")
