"""The lenders page in a real Chromium, at phone and desktop width: five lenders typed into the
form as a borrower would, the split shown, a name shown as typed, nothing wider than the screen.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from browsing import APP_IDLE, EXCEPTION, PHONE
from playwright.sync_api import Page, expect
from pytest_playwright import CreateContextCallback

from core import Borrower, Case, Loan, LoanCase
from core.overdue import overdue_position
from core.split import Strategy, plan_all
from core.text import Lang, t
from ui.format import money

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
METRIC_VALUE = '[data-testid="stMetricValue"]'

# (name, principal, days overdue, overdue amount): a borrower's five debts, the first in the link.
LENDERS = (
    ("借呗", 30_000, 40, 3_000),
    ("某银行信用卡 <b>x</b>", 60_000, 100, 9_000),
    ("微粒贷", 15_000, 0, 0),
    ("花呗", 8_000, 20, 900),
    ("**小贷**", 5_000, 95, 1_500),
)
BUDGET = {"income": "9000", "expenses": "5500"}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}


def wait_idle(page: Page) -> None:
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)


def type_lender(page: Page, lang: Lang, name: str, principal: int, days: int, overdue: int) -> None:
    """Open the form, type the lender's figures into it, save, and wait for the list."""
    page.get_by_role("button", name=t("lenders.add", lang), exact=True).click()
    wait_idle(page)
    page.locator(f'input[aria-label="{t("input.name", lang)}"]').last.fill(name)
    for key, value in (("principal", principal), ("days", days), ("overdue", overdue)):
        label = t(f"input.{key}", lang)
        page.locator(f'input[aria-label="{label}"]').last.fill(str(value))
    page.get_by_role("button", name=t("lenders.form.save", lang), exact=True).click()
    expect(page.get_by_role("button", name=t("lenders.add", lang), exact=True)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    wait_idle(page)


def expected_case() -> Case:
    loans = tuple(
        LoanCase(
            loan=Loan(
                name=name,
                principal_yuan=principal,
                days_overdue=days,
                overdue_amount_yuan=overdue,
            )
        )
        for name, principal, days, overdue in LENDERS
    )
    return Case(
        borrower=Borrower(monthly_income_yuan=9_000, essential_expenses_yuan=5_500), loans=loans
    )


@pytest.mark.parametrize(
    ("lang", "locale", "width", "tag"),
    [
        pytest.param(
            lang,
            locale,
            args["viewport"]["width"],
            tag,
            id=f"{lang}-{tag}",
            marks=pytest.mark.browser_context_args(**args),
        )
        for lang, locale, args, tag in (
            ("zh", "zh-CN", PHONE, "phone"),
            ("en", "en-US", DESKTOP, "desktop"),
        )
    ],
)
def test_five_lenders_typed_on_the_page(
    new_context: CreateContextCallback,
    app_server: str,
    lang: Lang,
    locale: str,
    width: int,
    tag: str,
) -> None:
    page = new_context(locale=locale).new_page()
    name, principal, days, overdue = LENDERS[0]
    query = {"name": name, "principal": principal, "days": days, "overdue": overdue, **BUDGET}
    page.goto(f"{app_server}/lenders?{urlencode(query)}", timeout=TIMEOUT_MS)
    page.wait_for_selector(METRIC_VALUE, timeout=TIMEOUT_MS)
    waits = []
    for lender in LENDERS[1:]:
        start = time.perf_counter()
        type_lender(page, lang, *lender)
        waits.append(time.perf_counter() - start)
    assert page.locator(EXCEPTION).count() == 0
    case = expected_case()
    owed = sum(overdue_position(loan_case.loan).total for loan_case in case.loans)
    expect(page.locator(METRIC_VALUE).first).to_have_text(money(owed), timeout=TIMEOUT_MS)
    # The split, under the strategy shown first, is the core's to the fen.
    result = plan_all(case, Strategy.PRO_RATA)
    expect(page.get_by_text(money(result.totals.total_paid)).first).to_be_visible()
    # Names are shown as typed: no tag made, no Markdown applied.
    expect(page.get_by_text("某银行信用卡 <b>x</b>").first).to_be_visible()
    expect(page.get_by_text("**小贷**").first).to_be_visible()
    assert page.locator("b", has_text="x").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"lenders-{lang}-{tag}.png"))
    print(f"save → listed, s: {[round(w, 2) for w in waits]}")  # what the borrower waits for
