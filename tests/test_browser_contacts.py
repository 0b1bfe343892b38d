"""The contact log in a real browser: whatever a borrower puts in it stays inert text, and the
page works at phone width.

A contact reaches the page two ways, and both are driven here: typed into the "Add a contact"
form, and opened from a case file (whose file name holds HTML too). Wherever the text is then
shown (the next follow-up line, the editable table, the log by time, the CSV and the case
file) it must appear character for character, and no script may run, no dialog open, no
element be created from it. At a phone's width (390 x 844) the form and the table must fit
the screen: the page never scrolls sideways, the table scrolls inside itself. A change made
on a page (a cell edited in the table, a box ticked) is in a case file saved right after.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from browsing import APP_IDLE, EXCEPTION, PHONE
from playwright.sync_api import (
    BrowserContext,
    Dialog,
    Download,
    Locator,
    Page,
    Request,
    expect,
)
from playwright.sync_api import (
    TimeoutError as PlaywrightTimeoutError,
)
from pytest_playwright import CreateContextCallback

from core.contacts import ContactEntry
from core.text import Lang, t
from ui.casefile import dump_case
from ui.contact_log_ui import FLAG_WIDTH

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

HOSTILE = '<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">'
# Typed into the form: a script, an image whose failed load would run code, a dialog, and
# markup that would show as bold if it were rendered.
HOSTILE_WHO = '<script>window.__owned=1</script><img src=x onerror="window.__owned=2"><b>bold</b>'
HOSTILE_SAID = '<svg onload="alert(3)"></svg><iframe src="javascript:alert(4)"></iframe> &amp; <i>x'
HOSTILE_OUTCOME = (
    '<style>body{--owned:1;display:none}</style><a href="javascript:alert(5)">click</a>'
)

GRID = '[data-testid="stDataFrame"]'
DOWNLOAD_ERROR = '[data-testid="stDownloadButtonError"]'
GRID_TABLE = f'{GRID} table[role="grid"]'


# What user text could have turned into if it had been rendered as HTML: a set window
# variable, an element with an inline event handler, the image, the bold text, a script,
# an iframe or a style element that is not Streamlit's own.
PAGE_HARM = """() => ({
  owned: window.__owned === undefined ? null : String(window.__owned),
  handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
    Array.from(el.attributes).filter((a) => a.name.toLowerCase().startsWith('on'))
      .map((a) => el.tagName + ' ' + a.name)),
  images: document.querySelectorAll('img[src="x"]').length,
  bold: Array.from(document.querySelectorAll('b, strong'))
    .filter((el) => el.textContent.includes('bold')).length,
  scripts: Array.from(document.querySelectorAll('script'))
    .filter((el) => el.textContent.includes('__owned')).length,
  frames: document.querySelectorAll('iframe, svg[onload]').length,
  styles: Array.from(document.querySelectorAll('style'))
    .filter((el) => el.textContent.includes('--owned')).length,
  links: document.querySelectorAll('a[href^="javascript:"]').length,
})"""
NO_HARM: dict[str, object] = {
    "owned": None,
    "handlers": [],
    "images": 0,
    "bold": 0,
    "scripts": 0,
    "frames": 0,
    "styles": 0,
    "links": 0,
}

# The text a data grid holds: Glide draws cells on a canvas and keeps them, as text, in an
# accessible table inside it.
GRID_TEXTS = """(selector) => Array.from(document.querySelectorAll(selector))
  .map((el) => el.textContent)"""


class Watch:
    """A page's dialogs and requests, recorded from the moment it opens."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)


def open_page(context: BrowserContext, url: str) -> tuple[Page, Watch]:
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    watch = Watch(page)
    page.goto(url)
    expect(page.locator("h1")).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    return page, watch


def wait_idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)


def go_to(page: Page, title_key: str, lang: Lang) -> None:
    """Follow the sidebar's link to a page and wait until it is drawn."""
    link = page.get_by_role("link", name=t(title_key, lang), exact=True)
    expand = page.locator('[data-testid="stExpandSidebarButton"]')
    # Just after a load the sidebar may not be drawn yet: wait for the link or the button
    # that shows it (on a phone the sidebar starts closed).
    expect(link.or_(expand).first).to_be_visible(timeout=TIMEOUT_MS)
    if not link.is_visible():
        expand.click()
    link.click()
    title = t("app.title" if title_key == "nav.home" else title_key, lang)
    expect(page.locator("h1")).to_have_text(title, timeout=TIMEOUT_MS)
    wait_idle(page)


def assert_inert(page: Page, watch: Watch, where: str) -> None:
    """Nothing the user typed ran, opened a dialog, or became an element."""
    page.wait_for_timeout(300)  # room for an image's failed load to fire its handler
    assert page.evaluate(PAGE_HARM) == NO_HARM, where
    assert watch.dialogs == [], f"{where}: dialogs {watch.dialogs}"
    stray = [url for url in watch.requests if url.rstrip("/").endswith("/x")]
    assert stray == [], f"{where}: an image from user text was fetched: {stray}"
    expect(page.locator(EXCEPTION), where).to_have_count(0)


def grid_texts(page: Page) -> list[str]:
    """The text of each data grid on the page (the editable table, then the log by time)."""
    texts: list[str] = page.evaluate(GRID_TEXTS, GRID_TABLE)
    return texts


def wait_for_grids(
    page: Page, text: str, grids: int = 2, timeout_ms: int = TIMEOUT_MS
) -> list[str]:
    """Wait until each of the page's ``grids`` tables holds ``text``; their texts.

    A grid keeps only the columns in view as text, and its first column is the rules a
    contact broke: each grid is scrolled past that column (``FLAG_WIDTH``), so on a phone
    the name column is in view as it was before the flags came first.
    """
    page.wait_for_function(
        f"([selector, want, count, past]) => {{"
        " for (const s of document.querySelectorAll('[data-testid=\"stDataFrame\"] .dvn-scroller'))"
        " {{ if (s.scrollLeft < past) s.scrollLeft = past; }}"
        f" const texts = ({GRID_TEXTS})(selector);"
        " return texts.length === count && texts.every((t) => t.includes(want)); }",
        arg=[GRID_TABLE, text, grids, FLAG_WIDTH],
        timeout=timeout_ms,
    )
    return grid_texts(page)


def form_field(page: Page, key: str, lang: Lang) -> Locator:
    return page.get_by_label(t(key, lang), exact=True)


def open_form(page: Page, lang: Lang) -> Locator:
    """Unfold "Add a contact" (it folds away, animated, once the log has an entry) and
    return its first field once the form has stayed open for a moment."""
    summary = page.locator("summary", has_text=t("log.add", lang))
    expect(summary).to_be_visible(timeout=TIMEOUT_MS)
    expander = page.locator("details", has=summary)
    who_field = form_field(page, "log.col.who", lang)
    for _ in range(20):
        if expander.get_attribute("open") is None:
            summary.click()
        page.wait_for_timeout(250)  # a fold still animating shows up by now
        if expander.get_attribute("open") is not None and who_field.is_visible():
            return who_field
    raise AssertionError("the contact form does not stay open")


def add_contact(
    page: Page,
    lang: Lang,
    who: str,
    said: str = "",
    outcome: str = "",
    follow_up: dt.date | None = None,
) -> None:
    """Type a contact into the "Add a contact" form and submit it; wait until it is logged."""
    who_field = open_form(page, lang)
    who_field.fill(who)
    form_field(page, "log.col.said", lang).fill(said)
    form_field(page, "log.col.outcome", lang).fill(outcome)
    if follow_up is not None:
        date_group = page.get_by_role("group", name=t("log.col.follow_up", lang), exact=True)
        date_group.get_by_role("spinbutton").first.click()
        page.keyboard.type(follow_up.strftime("%Y%m%d"))  # the field reads YYYY/MM/DD
    submit = page.get_by_role("button", name=t("log.add_button", lang), exact=True)
    submit.click()
    wait_idle(page)
    try:
        wait_for_grids(page, who, timeout_ms=TIMEOUT_MS // 2)
    except PlaywrightTimeoutError:
        # A click that lands while the page is still settling can be lost: the form then
        # still holds what was typed. A person would press the button again; so does this.
        if who_field.is_visible() and who_field.input_value() == who:
            submit.click()
            wait_idle(page)
        wait_for_grids(page, who)


def download(page: Page, name: str, save_to: Path) -> bytes:
    """Click a download button and return the file's bytes (saved in ``save_to``).

    A button whose file is made on click (a deferred download) gets a new file id on every
    run, and Streamlit revokes the old one as it draws the button again. A click that lands
    while a run is drawing it asks for the revoked id: the button then shows Streamlit's
    "Failed to generate file" under itself, and the borrower clicks again once the page is
    still. The helper does the same, once; a second failure fails the test with the message.
    """
    button = page.get_by_role("button", name=name, exact=True)
    failed = page.locator(DOWNLOAD_ERROR)
    arrived: list[Download] = []

    def keep(file: Download) -> None:
        arrived.append(file)

    page.on("download", keep)
    try:
        for attempt in (1, 2):
            button.click()
            waited = 0
            while not arrived and not failed.count() and waited < TIMEOUT_MS:
                page.wait_for_timeout(50)  # lets Playwright deliver the download event
                waited += 50
            if arrived:
                path = save_to / arrived[0].suggested_filename
                arrived[0].save_as(path)
                return path.read_bytes()
            assert waited < TIMEOUT_MS, f"{name}: no download and no error in {TIMEOUT_MS} ms"
            assert attempt == 1, f"{name}: the download failed twice: {failed.inner_text()}"
            expect(failed).to_have_count(0, timeout=TIMEOUT_MS)  # Streamlit clears it in 5 s
            wait_idle(page)
    finally:
        page.remove_listener("download", keep)
    raise AssertionError("unreachable")


def test_contact_text_with_a_script_tag_is_shown_as_text(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path
) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    entry = ContactEntry(when=dt.datetime(2026, 12, 1, 10, 0), who=HOSTILE, follow_up=tomorrow)
    case = tmp_path / "case <b>1.json"
    case.write_bytes(dump_case({"principal": 23_400}, {}, [entry], dt.datetime(2026, 12, 1, 12)))

    # Opened from a link with the borrower's numbers, the home page shows its cards.
    page, watch = open_page(new_context(locale="en-US"), f"{app_server}/?principal=12000")
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(case))
    # The uploader lists the file by its name, as text; the file's inputs are applied.
    expect(page.locator('[data-testid="stFileChipName"]')).to_have_text(
        case.name, timeout=TIMEOUT_MS
    )
    expect(
        page.locator('[data-testid="stSidebar"]').get_by_role(
            "spinbutton", name=t("input.principal", "en"), exact=True
        )
    ).to_have_value("23400.00", timeout=TIMEOUT_MS)
    wait_idle(page)
    go_to(page, "nav.log", "en")
    # The follow-up line shows the contact's text, character for character.
    expect(page.get_by_text(HOSTILE, exact=False)).to_be_visible(timeout=TIMEOUT_MS)
    wait_for_grids(page, HOSTILE)
    assert_inert(page, watch, "case file opened")
    assert page.locator("b", has_text="1.json").count() == 0


def test_contact_typed_into_the_form_is_shown_as_text(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path
) -> None:
    page, watch = open_page(new_context(locale="en-US"), f"{app_server}/contact_log")
    expect(page.locator("h1")).to_have_text(t("nav.log", "en"), timeout=TIMEOUT_MS)
    follow_up = dt.date.today() + dt.timedelta(days=3)
    add_contact(page, "en", HOSTILE_WHO, HOSTILE_SAID, HOSTILE_OUTCOME, follow_up)

    # The next follow-up line: the date, then who and what was said, as plain text.
    expect(page.get_by_text(t("log.next", "en", date=follow_up.isoformat()))).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(page.get_by_text(f"{HOSTILE_WHO} · {HOSTILE_SAID}", exact=True)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    # The editable table and the log by time hold the text, character for character (the
    # grids keep only the columns in view as text, and the rules broken come first: what
    # was said and the outcome are checked in the files).
    wait_for_grids(page, HOSTILE_WHO)
    assert_inert(page, watch, "contact added")

    csv = download(page, t("log.download", "en"), tmp_path).decode("utf-8-sig")
    for text in (HOSTILE_WHO, HOSTILE_SAID, HOSTILE_OUTCOME):
        assert text in csv.replace('""', '"'), f"{text!r} not in the CSV"

    # Another page and back: the log is drawn again from the session, still inert.
    go_to(page, "nav.letter", "en")
    go_to(page, "nav.log", "en")
    wait_for_grids(page, HOSTILE_WHO)
    assert_inert(page, watch, "back on the log")


# What makes a page scroll sideways: the page itself, or one of Streamlit's containers
# wider than its box. (A table scrolling inside its own frame is fine.)
OVERFLOW = """() => {
  const width = window.innerWidth;
  const boxes = ['html', 'body', '[data-testid="stApp"]', '[data-testid="stAppViewContainer"]',
                 '[data-testid="stMain"]', '[data-testid="stMainBlockContainer"]'];
  const wide = [];
  for (const selector of boxes) {
    const el = document.querySelector(selector);
    if (el && el.scrollWidth > el.clientWidth + 1) {
      wide.push(`${selector}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }
  if (document.documentElement.scrollWidth > width + 1) {
    wide.push(`document: ${document.documentElement.scrollWidth} > ${width}`);
  }
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && el.closest('[data-testid="stDataFrame"]') === null
        && el.checkVisibility()) {
      wide.push(`${el.tagName}.${el.className}: right ${Math.round(box.right)} > ${width}`);
      if (wide.length > 8) break;
    }
  }
  return wide;
}"""


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        pytest.param(locale, lang, marks=pytest.mark.browser_context_args(**PHONE), id=lang)
        for locale, lang in (("zh-CN", "zh"), ("en-US", "en"))
    ],
)
def test_contact_log_on_a_phone(
    new_context: CreateContextCallback, app_server: str, locale: str, lang: Lang
) -> None:
    page, watch = open_page(new_context(locale=locale), f"{app_server}/contact_log")
    expect(page.locator("h1")).to_have_text(t("nav.log", lang), timeout=TIMEOUT_MS)
    size: Any = page.viewport_size
    assert size == {"width": 390, "height": 844}
    expect(form_field(page, "log.col.who", lang)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT_MS)
    assert page.evaluate(OVERFLOW) == [], "the form overflows the screen"
    save_screenshot(page, f"contact-log-{lang}-phone-form.png")

    follow_up = dt.date.today() + dt.timedelta(days=2)
    first, second = (
        ("王经理 工号A-17", "客服 8831") if lang == "zh" else ("Ms Wang A-17", "Agent 8831")
    )
    said = "同意延期12个月，需书面确认" if lang == "zh" else "Agreed to 12 more months, in writing"
    add_contact(page, lang, first, said, follow_up=follow_up)
    add_contact(page, lang, second, "…")

    expect(page.get_by_text(f"{first} · {said}", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    editor, by_time = wait_for_grids(page, second)
    assert first in editor and second in editor
    assert first in by_time and second in by_time
    grid = page.locator(GRID).first
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_visible(timeout=TIMEOUT_MS)
    box = grid.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, box
    assert page.evaluate(OVERFLOW) == [], "the log overflows the screen"
    expect(page.locator(EXCEPTION)).to_have_count(0)
    assert watch.dialogs == []
    page.mouse.move(1, 1)  # no hover toolbar over the table in the picture
    save_screenshot(page, f"contact-log-{lang}-phone-table.png")
    page.locator(GRID).last.scroll_into_view_if_needed()
    save_screenshot(page, f"contact-log-{lang}-phone-timeline.png")


def save_screenshot(page: Page, name: str) -> None:
    """A viewport screenshot in ``artifacts/screenshots`` (to look at; checked to exist)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    path.unlink(missing_ok=True)
    page.screenshot(path=path, full_page=False, animations="disabled", timeout=TIMEOUT_MS)
    assert path.stat().st_size > 10_000, f"{name} is nearly empty"


def test_a_change_is_in_the_case_file_saved_right_after(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path
) -> None:
    """A tick is recorded by the page's own script, after the sidebar (with the save button)
    is drawn: the case saved right after the tick must hold it. (The table's edits take the
    same way; typing into Glide's canvas cells proved too fragile on a loaded machine.)"""
    page, _ = open_page(new_context(locale="en-US"), f"{app_server}/checklist")
    before = json.loads(download(page, t("casefile.save", "en"), tmp_path))
    assert before["checklist"].get("documents") is not True
    progress = page.locator('[data-testid="stProgress"]')
    counted = progress.inner_text()
    page.get_by_text(t("check.documents", "en"), exact=True).click()
    box = page.get_by_role("checkbox", name=t("check.documents", "en"), exact=True)
    expect(box).to_be_checked(timeout=TIMEOUT_MS)
    # The box shows ticked at once; the count changes only when the tick's run has drawn.
    expect(progress).not_to_have_text(counted, timeout=TIMEOUT_MS)
    wait_idle(page)
    saved = json.loads(download(page, t("casefile.save", "en"), tmp_path))
    assert saved["checklist"].get("documents") is True
