"""The borrower's way through in Chromium, as a new user meets it: on a phone in Chinese and
on a desktop in English, the first screen asks for their own numbers (no sidebar to find),
the real case typed into it gives the cards, the way through says where they are and what
comes next, the sentence under the cards leads to the letter, and the share link copies.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browsing import APP_IDLE, EXCEPTION
from playwright.sync_api import BrowserContext, Locator, Page, ViewportSize, expect
from pytest_playwright import CreateContextCallback

from core import Borrower, Case, Loan, LoanCase, compare
from core.text import Lang, t
from ui.format import money
from ui.registry import BY_KEY
from ui.situation import SITUATION_KEYS

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

# The real case, as a borrower types it (the principal with fen).
TYPED = {
    "principal": "50000.55",
    "rate": "18",
    "months": "24",
    "days": "90",
    "overdue": "7500",
    "income": "6000",
    "expenses": "4500",
}
SIZES: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}


def expected_contract() -> tuple[int, int]:
    loan = Loan(
        principal_yuan=50_000.55,
        rate=0.18,
        remaining_months=24,
        days_overdue=90,
        overdue_amount_yuan=7_500,
    )
    borrower = Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=4_500)
    summary = compare(Case(borrower=borrower, loans=(LoanCase(loan=loan),))).contract.summary
    return summary.highest_payment, summary.total_paid


def wait_idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)


def form_box(page: Page, key: str, lang: Lang) -> Locator:
    label = t(BY_KEY[key].label_key_for("apr"), lang)
    return page.locator('[data-testid="stForm"]').get_by_label(label, exact=True)


@pytest.mark.parametrize(("lang", "size"), [("zh", "phone"), ("en", "desktop")])
def test_a_new_borrower_types_their_case_and_is_led_to_the_letter(
    new_context: CreateContextCallback, app_server: str, lang: Lang, size: str
) -> None:
    context: BrowserContext = new_context(locale="zh-CN" if lang == "zh" else "en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_viewport_size(SIZES[size])
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{app_server}/?lang={lang}")
    wait_idle(page)

    # The first screen: the way through on step 1 and the form, in the main area.
    title = page.get_by_role("heading", name=t("situation.title", lang))
    expect(title).to_be_visible()
    expect(page.locator('[data-testid="stMetricValue"]')).to_have_count(0)
    box = form_box(page, "principal", lang)
    if size == "desktop":
        expect(box).to_be_in_viewport()
    else:
        box.scroll_into_view_if_needed()
    # A phone shows a keyboard with digits for these boxes.
    assert box.get_attribute("type") == "number" or box.get_attribute("inputmode") in {
        "decimal",
        "numeric",
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"first-visit-{lang}-{size}.png"))

    for key, value in TYPED.items():
        assert key in SITUATION_KEYS
        form_box(page, key, lang).fill(value)
    page.get_by_role("button", name=t("situation.show", lang)).click()
    wait_idle(page)
    expect(page.locator(EXCEPTION)).to_have_count(0)

    payment, total = expected_contract()
    values = page.locator('[data-testid="stMetricValue"]')
    expect(values.nth(0)).to_have_text(money(payment), timeout=TIMEOUT_MS)
    expect(values.nth(1)).to_have_text(money(total))
    query = parse_qs(urlparse(page.url).query)
    assert query["principal"] == ["50000.55"] and query["expenses"] == ["4500"]

    # The way through now marks step 2 and the sentence under the cards says what next.
    way = page.locator(".st-key-way_through")
    expect(way).to_contain_text(t("way.ask", lang))
    after = page.locator(".st-key-next_step")
    after.scroll_into_view_if_needed()
    expect(after).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / f"next-step-{lang}-{size}.png"))

    # The share link copies exactly the address bar's link.
    copy = page.get_by_role("button", name=t("share.copy", lang))
    copy.scroll_into_view_if_needed()
    copy.click()
    expect(page.get_by_role("button", name=t("share.copied", lang))).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url and "principal=50000.55" in copied

    # None of the starting proposals fits this budget: the next step under the cards opens
    # what to ask for, whose offers then fit; with one loaded, the next step is the letter.
    assert t("next.none_fits", lang) in after.inner_text()
    after.get_by_role("button").click()
    load = page.get_by_role("button", name=t("ladder.load", lang, number=1), exact=True)
    expect(load).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    load.click()
    wait_idle(page)
    expect(after).to_contain_text(t("next.fits", lang, number=1), timeout=TIMEOUT_MS)
    after.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("nav.letter", lang))
    wait_idle(page)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    # The letter page opens on the proposal that fits, its step marked on the way through.
    expect(page.locator(".st-key-way_through")).to_contain_text(t("way.letter", lang))
    context.close()
