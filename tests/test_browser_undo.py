"""Undo in a real Chromium (issue 13): a preset, a guide example and a ladder rung each replace
what was entered; the notice says so, and its Undo button puts back on screen what was there,
with the cards that go with it. (Opening a case file: ``test_browser_device.py``.)

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import APP_IDLE, EXCEPTION
from playwright.sync_api import Page, expect
from pytest_playwright import CreateContextCallback

from core import Borrower, Case, Loan, LoanCase, Proposal, compare
from core.text import t
from ui.format import money

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
METRIC_VALUE = '[data-testid="stMetricValue"]'
PILL = '[data-testid="stButtonGroup"] button'

# The borrower's case, from its share link: 50,000 over 24 installments, 4,500 of essentials.
LINK = "principal=50000&months=24&expenses=4500"
LOAN = Loan(principal_yuan=50_000, rate=0.18, remaining_months=24)
BORROWER = Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=4_500)
SECOND = Proposal(new_apr=0.12, overdue_charges_waived_share=1.0)  # proposal 2 as it starts
BY_HAND = 15  # months added to proposal 1 with the keyboard (it starts at 12)
LONGER = 24  # the "longer term" preset: as long again as the 24 installments left


def total_of_proposal_1(months_added: int) -> str:
    """Proposal 1's total on its card, from the core."""
    proposals = (Proposal(months_added=months_added), SECOND)
    result = compare(Case(borrower=BORROWER, loans=(LoanCase(loan=LOAN, proposals=proposals),)))
    return money(result.proposals[0].summary.total_paid)


def wait_idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)


def shows_total(page: Page, total: str) -> None:
    page.wait_for_function(
        """(want) => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
             .some((el) => el.textContent.trim() === want)""",
        arg=total,
        timeout=TIMEOUT_MS,
    )


def test_a_preset_then_undo_puts_the_levers_back(
    new_context: CreateContextCallback, app_server: str
) -> None:
    assert total_of_proposal_1(BY_HAND) != total_of_proposal_1(LONGER)
    page = new_context(locale="en-US").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{app_server}/?{LINK}")
    expect(page.locator(METRIC_VALUE).first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)

    # Proposal 1's "months added", set by hand with the keyboard.
    added = page.get_by_role("slider", name=t("input.p_add", "en")).first
    expect(added).to_have_value("12", timeout=TIMEOUT_MS)
    added.focus()
    for _ in range(BY_HAND - 12):
        page.keyboard.press("ArrowRight")
    expect(added).to_have_value(str(BY_HAND), timeout=TIMEOUT_MS)
    shows_total(page, total_of_proposal_1(BY_HAND))
    wait_idle(page)

    # The preset replaces the levers, and the notice says so.
    page.locator(PILL, has_text=t("preset.longer", "en")).filter(visible=True).first.click()
    notice = t("undo.preset", "en", number=1, name=t("preset.longer", "en"))
    expect(page.get_by_text(notice, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(added).to_have_value(str(LONGER), timeout=TIMEOUT_MS)
    shows_total(page, total_of_proposal_1(LONGER))
    wait_idle(page)

    # Undo: the levers as they were, on screen and in the cards; said once, the notice gone.
    page.get_by_role("button", name=t("undo.button", "en"), exact=True).click()
    expect(page.get_by_text(t("undo.done", "en"), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(notice, exact=True)).to_have_count(0)
    expect(added).to_have_value(str(BY_HAND), timeout=TIMEOUT_MS)
    shows_total(page, total_of_proposal_1(BY_HAND))
    wait_idle(page)
    page.wait_for_url(
        lambda url: parse_qs(urlsplit(url).query).get("p1_add") == [str(BY_HAND)],
        timeout=TIMEOUT_MS,
    )
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_a_guide_example_then_undo_gives_back_the_borrowers_case(
    new_context: CreateContextCallback, app_server: str
) -> None:
    """The guide's illness example replaces the loan, the budget and the proposals; Undo
    puts back the borrower's own case (a 50,000 loan) on the home page."""
    page = new_context(locale="zh-CN").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_server}/?{LINK}")
    expect(page.locator(METRIC_VALUE).first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    own_total = total_of_proposal_1(12)
    shows_total(page, own_total)

    # To the guide by the navigation (the session and its case go along), then the example.
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.get_by_role("link", name=t("nav.guide", "zh"), exact=True).click()
    expect(page.locator("h1")).to_have_text(t("nav.guide", "zh"), timeout=TIMEOUT_MS)
    wait_idle(page)
    collapse = page.locator('[data-testid="stSidebarCollapseButton"] button')
    if collapse.is_visible():  # a phone's sidebar stays over the page until closed
        collapse.click()
    page.get_by_role("button", name=t("guide.load1", "zh"), exact=True).click()
    notice = t("undo.example", "zh", name=t("guide.example.illness", "zh"))
    expect(page.get_by_text(notice, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("h1")).to_have_text(t("app.title", "zh"), timeout=TIMEOUT_MS)
    wait_idle(page)

    page.get_by_role("button", name=t("undo.button", "zh"), exact=True).click()
    expect(page.get_by_text(t("undo.done", "zh"), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    shows_total(page, own_total)
    page.wait_for_url(
        lambda url: parse_qs(urlsplit(url).query).get("principal") == ["50000"],
        timeout=TIMEOUT_MS,
    )
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_a_ladder_rung_then_undo_puts_the_proposal_back(
    new_context: CreateContextCallback, app_server: str
) -> None:
    """A rung of "What to ask for" loaded into proposal 1 replaces its levers; Undo gives
    back the months added by hand."""
    page = new_context(locale="en-US").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{app_server}/?{LINK}")
    expect(page.locator(METRIC_VALUE).first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    added = page.get_by_role("slider", name=t("input.p_add", "en")).first
    expect(added).to_have_value("12", timeout=TIMEOUT_MS)

    page.get_by_role("tab", name=t("ladder.title", "en"), exact=True).click()
    load = page.get_by_role("button", name=t("ladder.load", "en", number=1), exact=True)
    load.click()
    notice = t("undo.rung", "en", number=1, rung=t("ladder.opening", "en"))
    expect(page.get_by_text(notice, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(added).to_have_value("0", timeout=TIMEOUT_MS)  # the rung sets a new term instead
    wait_idle(page)

    page.get_by_role("button", name=t("undo.button", "en"), exact=True).click()
    expect(page.get_by_text(t("undo.done", "en"), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(added).to_have_value("12", timeout=TIMEOUT_MS)
    shows_total(page, total_of_proposal_1(12))
    expect(page.locator(EXCEPTION)).to_have_count(0)
