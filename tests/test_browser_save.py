"""Save the case ten times in Chromium while twenty other sessions keep the server busy
(issue 16, point 3): ten clicks, ten files, each the case as it stood at the click.

The background sessions are those of ``tests/test_save_under_load.py`` (simulated browsers
typing a new principal about once a second). The borrower first types the letter's texts
and clicks "save" straight away, the last box still focused (its text reaches the server
only as the click takes the focus away); then, on the home page, nine times: a new
principal typed into the sidebar (a rerun of the results fragment only: the save button is
not drawn again) and, once the cards show it, a click on "save". Every file must arrive,
open with ``ui.casefile.load_case``, and hold that principal and the letter's texts.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_load import expected
from browsing import APP_IDLE, EXCEPTION
from playwright.sync_api import Browser, Download, Locator, Page, expect
from test_save_under_load import BACKGROUND_SESSIONS, background_thread

from core.text import t
from ui.casefile import LetterTexts, Loaded, load_case

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
OLD_DOWNLOAD_ERROR = '[data-testid="stDownloadButtonError"]'  # Streamlit's, under its button
CLICKS = 10
LETTER = LetterTexts(
    name="张伟 Zhang Wei",
    account="6222 0210 0123 4567",
    hardship="今年五月我被裁员，收入少了三成。\nLost my job in May;  back at work in August.",
)


def wait_idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)


def go_to(page: Page, key: str) -> None:
    link = page.get_by_role("link", name=t(key, "en"), exact=True)
    expect(link).to_be_visible(timeout=TIMEOUT_MS)
    link.click()
    title = t("app.title" if key == "nav.home" else key, "en")
    expect(page.locator("h1")).to_have_text(title, timeout=TIMEOUT_MS)
    wait_idle(page)


def save(page: Page, save_to: Path, number: int) -> bytes | str:
    """Click "save the case" once: the file's bytes, or why no file came."""
    button = page.get_by_role("button", name=t("casefile.save", "en"), exact=True)
    failed = page.locator(OLD_DOWNLOAD_ERROR)
    arrived: list[Download] = []

    def keep(download: Download) -> None:
        arrived.append(download)

    page.on("download", keep)
    try:
        button.click()
        waited = 0
        while not arrived and not failed.count() and waited < TIMEOUT_MS:
            page.wait_for_timeout(50)  # lets Playwright deliver the download event
            waited += 50
        if not arrived:
            return failed.inner_text() if failed.count() else f"no file in {TIMEOUT_MS} ms"
        path = save_to / f"{number}-{arrived[0].suggested_filename}"
        arrived[0].save_as(path)
        # The button said it was preparing the file; with the file here it is ready again.
        expect(button).to_have_attribute("aria-busy", "false", timeout=TIMEOUT_MS)
        return path.read_bytes()
    finally:
        page.remove_listener("download", keep)
        expect(failed).to_have_count(0, timeout=TIMEOUT_MS)  # Streamlit clears it in 5 s


def principal_box(page: Page) -> Locator:
    return page.locator('[data-testid="stSidebar"]').get_by_role(
        "spinbutton", name=t("input.principal", "en"), exact=True
    )


def check(content: bytes | str, principal: float) -> str | None:
    """What is wrong with a saved file (None: it holds the principal and the letter)."""
    if isinstance(content, str):
        return content
    loaded = load_case(content)
    if not isinstance(loaded, Loaded):
        return f"the file does not open: {loaded}"
    if loaded.values.get("principal") != principal:
        return f"principal {loaded.values.get('principal')}, typed {principal}"
    if loaded.letter != LETTER:
        return f"letter texts {loaded.letter}"
    return None


def test_ten_saves_under_load_each_download_the_case_as_it_stands(
    browser: Browser, app_server: str, tmp_path: Path
) -> None:
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        with background_thread(app_server) as load:
            page.goto(f"{app_server}/?principal=12000")
            expect(page.locator("h1")).to_be_visible(timeout=TIMEOUT_MS)
            wait_idle(page)
            go_to(page, "nav.letter")
            for key, text in (
                ("letter.name", LETTER.name),
                ("letter.account", LETTER.account),
                ("letter.hardship", LETTER.hardship),
            ):
                box = page.get_by_role("textbox", name=t(key, "en"), exact=True)
                box.click()
                box.fill(text)
            principal = 12_000.0
            result = check(save(page, tmp_path, 1), principal)  # the last box still focused
            problems += [] if result is None else [f"click 1 (letter page): {result}"]
            go_to(page, "nav.home")
            for number in range(2, CLICKS + 1):
                principal = 20_000.0 + 100.0 * number
                box = principal_box(page)
                box.fill(f"{principal:.2f}")
                box.press("Enter")
                metric = page.locator('[data-testid="stMetricValue"]').first
                expect(metric).to_have_text(expected(principal).metric, timeout=TIMEOUT_MS)
                wait_idle(page)
                result = check(save(page, tmp_path, number), principal)
                problems += [] if result is None else [f"click {number}: {result}"]
            assert page.locator(EXCEPTION).count() == 0
    finally:
        context.close()
    assert load.problems == [], load.problems[:5]
    assert load.moves >= BACKGROUND_SESSIONS, "the background sessions hardly moved"
    assert problems == [], f"{len(problems)} of {CLICKS} saves went wrong: {problems}"
