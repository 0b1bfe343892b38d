"""The letter's texts stay, whichever way the borrower leaves the letter page (issue 16, 5).

In Chromium, the name, the account and "what happened" are typed as a borrower types them
(Chinese and English, spaces, a line break in "what happened"), then the page is left every
way it can be: the sidebar's link to the home page clicked straight after typing (the box
still has the focus: it hands its text to the server only as the click takes the focus
away), the same after Tab, the sidebar's links to the other pages, the way through's button
to the next step and, on a letter beyond the budget, the button back to what to ask for;
in both languages, and at a phone's width (where the sidebar must be opened first). Then
the home page and back, and another page and back: every box holds exactly what was typed.

One thing the page cannot change: when the link is clicked while a box still holds text
the server has not had, Streamlit 1.67's page sends the switch to the new page first and
the box's text second, so the text's rerun of the letter page replaces the switch and the
page stays where it is. The text is then kept (this is checked), and the link clicked again,
as the borrower would.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

from typing import Any

import pytest
from browsing import APP_IDLE, EXCEPTION, PHONE
from playwright.sync_api import Browser, Locator, Page, expect

from core.text import Lang, t

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
STAY_MS = 8_000
EXPAND = '[data-testid="stExpandSidebarButton"]'
COLLAPSE = '[data-testid="stSidebarCollapseButton"] button'
LINK = "principal=12000"
BEYOND = "principal=12000&income=3600&expenses=3500&np=1&p1_add=1"
"""A budget of about 100 yuan a month and a proposal over it: the page offers the way back."""
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}

TYPED: dict[Lang, dict[str, str]] = {
    "zh": {
        "letter.name": "张伟 Zhang Wei",
        "letter.account": "6222 0210  0123 4567",
        "letter.hardship": "今年五月我被裁员，收入少了三成。\nLost my job in May;  back at work in August.",
    },
    "en": {
        "letter.name": "Wei  Zhang 张伟",
        "letter.account": "JB-2024 0101",
        "letter.hardship": "I lost my job in May.\n今年五月失业， 八月才找到新工作。",
    },
}
OTHER_PAGES = ("nav.checklist", "nav.log", "nav.guide", "nav.lenders")


def wait_idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)


def heading(key: str, lang: Lang) -> str:
    return t("app.title" if key == "nav.home" else key, lang)


def sidebar_link(page: Page, key: str, lang: Lang) -> Locator:
    """The sidebar's link to a page, shown (on a phone the sidebar must be opened)."""
    link = page.get_by_role("link", name=t(key, lang), exact=True)
    expand = page.locator(EXPAND)
    expect(link.or_(expand).first).to_be_visible(timeout=TIMEOUT_MS)
    if expand.is_visible():
        expand.click()
        expect(link).to_be_in_viewport(timeout=TIMEOUT_MS)
        page.wait_for_timeout(400)  # the sidebar slides in
    return link


def close_sidebar(page: Page) -> None:
    """On a phone the sidebar covers the page: close it again."""
    if page.viewport_size and page.viewport_size["width"] < 600:
        collapse = page.locator(COLLAPSE)
        if collapse.is_visible():
            collapse.click()
            expect(page.locator(EXPAND)).to_be_visible(timeout=TIMEOUT_MS)
            page.wait_for_timeout(400)


def on_page(page: Page, key: str, lang: Lang) -> None:
    expect(page.locator("h1")).to_have_text(heading(key, lang), timeout=TIMEOUT_MS)
    wait_idle(page)
    close_sidebar(page)
    assert page.locator(EXCEPTION).count() == 0


def go_to(page: Page, key: str, lang: Lang) -> None:
    """Follow the sidebar's link to a page and wait until it is drawn."""
    sidebar_link(page, key, lang).click()
    on_page(page, key, lang)


def boxes(page: Page, lang: Lang) -> dict[str, Locator]:
    return {key: page.get_by_role("textbox", name=t(key, lang), exact=True) for key in TYPED[lang]}


def shown(page: Page, lang: Lang) -> dict[str, str]:
    found = boxes(page, lang)
    expect(found["letter.name"]).to_be_visible(timeout=TIMEOUT_MS)
    return {key: box.input_value() for key, box in found.items()}


def type_letter(page: Page, lang: Lang) -> None:
    """Type the three texts as a borrower does (the last box keeps the focus)."""
    for key, box in boxes(page, lang).items():
        box.click()
        box.fill(TYPED[lang][key])


def leave_by_link(page: Page, key: str, lang: Lang) -> None:
    """Click the sidebar's link to ``key``'s page. Should the box's late text have rerun the
    letter page instead (see the module's note), the texts must be there; click again.

    The page counts as having stayed only once the switch has had ``STAY_MS`` to show: a
    switch that is merely slow (the box's own rerun first) must not be mistaken for it."""
    sidebar_link(page, key, lang).click()
    title = page.locator("h1")
    try:
        expect(title).to_have_text(heading(key, lang), timeout=STAY_MS)
    except AssertionError:
        wait_idle(page)
        if title.inner_text() == t("nav.letter", lang):
            assert shown(page, lang) == TYPED[lang], "the page stayed: the texts must too"
            sidebar_link(page, key, lang).click()
    on_page(page, key, lang)


def open_letter(page: Page, base: str, lang: Lang, query: str) -> None:
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{base}/?{query}")
    on_page(page, "nav.home", lang)
    go_to(page, "nav.letter", lang)
    assert shown(page, lang) == dict.fromkeys(TYPED[lang], "")


def assert_kept(page: Page, lang: Lang, where: str) -> None:
    go_to(page, "nav.letter", lang)
    assert shown(page, lang) == TYPED[lang], where


def home_and_back_then_another_page_and_back(page: Page, lang: Lang, other: str) -> None:
    go_to(page, "nav.home", lang)
    assert_kept(page, lang, "after the home page")
    go_to(page, other, lang)
    assert_kept(page, lang, f"after {other}")


WAYS = [  # how the page is left, in which language, at a phone's width, then which page
    ("link", "en", False, "nav.checklist"),
    ("link", "zh", True, "nav.log"),
    ("tab", "zh", False, "nav.guide"),
    ("sidebar", "en", False, "nav.lenders"),
    ("next", "zh", False, "nav.checklist"),
    ("back", "en", True, "nav.guide"),
]


@pytest.mark.parametrize(
    ("way", "lang", "phone", "other"),
    WAYS,
    ids=[f"{w}-{l}-{'phone' if p else 'desktop'}" for w, l, p, _ in WAYS],
)
def test_the_typed_letter_texts_stay_whichever_way_the_page_is_left(
    browser: Browser, app_server: str, way: str, lang: Lang, phone: bool, other: str
) -> None:
    locale = "zh-CN" if lang == "zh" else "en-US"
    context = browser.new_context(locale=locale, **(PHONE if phone else DESKTOP))
    try:
        page = context.new_page()
        open_letter(page, app_server, lang, BEYOND if way == "back" else LINK)
        type_letter(page, lang)
        leave(page, way, lang)
        home_and_back_then_another_page_and_back(page, lang, other)
    finally:
        context.close()


def leave(page: Page, way: str, lang: Lang) -> None:
    """Leave the letter page ``way`` (the texts just typed, the last box focused)."""
    type_letter(page, lang)
    if way == "link":  # straight from the box that still has the focus
        leave_by_link(page, "nav.home", lang)
    elif way == "tab":
        page.keyboard.press("Tab")
        leave_by_link(page, "nav.home", lang)
    elif way == "sidebar":  # every other page in turn
        for other in OTHER_PAGES:
            leave_by_link(page, other, lang)
    elif way == "next":  # the way through's button to the next step: the contact log
        step = t("way.next", lang, step=t("way.log", lang))
        page.get_by_role("button", name=step, exact=True).click()
        on_page(page, "nav.log", lang)
    else:  # the letter is beyond the budget: the way back to what to ask for
        back = t("letter.back", lang, step=t("way.ask", lang))
        page.get_by_role("button", name=back, exact=True).click()
        on_page(page, "nav.home", lang)
