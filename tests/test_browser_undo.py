"""Undo in a real Chromium (issue 13): a preset replaces a proposal's levers, the notice says
so, and its Undo button puts the levers back on screen, with the cards that go with them.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from pytest_playwright import CreateContextCallback

from core import Borrower, Case, Loan, LoanCase, Proposal, compare
from core.text import t
from ui.format import money

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
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
