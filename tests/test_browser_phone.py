"""The app on a 390 x 844 phone, in both languages, in a real Chromium.

- Every page fits the screen (the page never scrolls sideways) and every control a finger
  can reach is at least 44 x 44 CSS pixels, with the sidebar closed and open.
- The file uploader speaks the page's language and shows the case file's real limit.
- The checklist's reasons are readable without a mouse, and tapping one ticks nothing.
- The letter page's copy button copies the letter exactly and says so in the page's language,
  through the Clipboard API and through the fallback for pages without it.

Screenshots go to ``artifacts/screenshots/`` (``checklist-<lang>-phone.png``,
``letter-<lang>-phone.png``, ``uploader-<lang>-phone.png``).

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_playwright import CreateContextCallback
from test_browser_contacts import PHONE, download, open_page, wait_idle

from core.text import Lang, t
from ui.style import TAP_PX, css_string, upload_limit

# Every test runs in a phone's window (390 x 844, touch), set through the plugin's marker.
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(**PHONE)]

TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
LOCALES: dict[Lang, str] = {"zh": "zh-CN", "en": "en-US"}
PAGES = ("", "lenders", "checklist", "contact_log", "letter", "guide")

EXPAND = '[data-testid="stExpandSidebarButton"]'
COLLAPSE = '[data-testid="stSidebarCollapseButton"] button'
SIDEBAR = '[data-testid="stSidebar"]'
COPY = "button.lnp-copy"

# What a finger can tap, in the part of the page given (``main`` or the sidebar): too small,
# or reaching past the screen's right edge without a scrolling box around it to hold it.
# A slider is left out: its thumb is a drag handle on a full-width track.
MEASURE = """([within, minimum]) => {
  const W = window.innerWidth;
  const TAPPABLE = [
    'button', 'a[href]', 'summary', 'select', 'textarea', '[role="button"]', '[role="tab"]',
    '[role="radio"]', '[role="checkbox"]', '[role="switch"]', '[role="option"]',
    '[role="combobox"]', '[role="menuitem"]',
    'input:not([type="checkbox"], [type="radio"], [type="range"], [type="file"], [type="hidden"])',
    'label:has(input[type="checkbox"])', 'label:has(input[type="radio"])',
  ].join(', ');
  const inSidebar = (el) => el.closest('[data-testid="stSidebar"]') !== null;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= 0 || box.left >= W) return false;
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden' || style.display === 'none' || style.opacity === '0') {
        return false;
      }
    }
    return !el.closest('[aria-hidden="true"]');
  };
  const held = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== 'visible') {
        return e.getBoundingClientRect().right <= W + 0.5;
      }
    }
    return false;
  };
  const name = (el) => {
    const ids = [];
    for (let e = el; e && ids.length < 3; e = e.parentElement) {
      const id = e.getAttribute('data-testid');
      if (id) ids.push(id);
    }
    const role = el.getAttribute('role');
    const text = (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
    return `${el.tagName.toLowerCase()}${role ? `[${role}]` : ''} ${ids.join('<')} "${text.slice(0, 40)}"`;
  };
  const mine = (el) => (within === 'sidebar') === inSidebar(el);
  const small = [];
  for (const el of document.querySelectorAll(TAPPABLE)) {
    // A checkbox's or toggle's own input: its label (measured) is what a finger taps.
    if (el.matches('input[type="checkbox"], input[type="radio"]')) continue;
    if (el.closest('[role="slider"]') || !mine(el) || !shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width < minimum || box.height < minimum) {
      small.push(`${name(el)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!mine(el) || !shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > W + 0.5 && !held(el)) wide.push(`${name(el)} right edge at ${Math.round(box.right)}`);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: W,
    small,
    wide: wide.slice(0, 10),
  };
}"""

# Tabs whose label is wider than the tab itself (they would overlap their neighbours).
SQUEEZED_TABS = """() => [...document.querySelectorAll('[data-testid="stTab"]')]
  .filter(tab => tab.scrollWidth > tab.clientWidth + 1)
  .map(tab => tab.innerText)"""

# The text a CSS pseudo-element shows, as the browser computed it.
PSEUDO_CONTENT = """([selector, pseudo]) => {
  const el = document.querySelector(selector);
  return el ? getComputedStyle(el, pseudo).content : null;
}"""


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name))


def phone(new_context: CreateContextCallback, lang: Lang, **extra: Any) -> Any:
    return new_context(locale=LOCALES[lang], **extra)


def ready(page: Page) -> None:
    """The page is drawn and still, its lazily loaded parts included."""
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    page.wait_for_timeout(800)
    wait_idle(page)


def set_sidebar(page: Page, open_: bool) -> None:
    """Open or close the sidebar (Streamlit remembers its state from page to page)."""
    expand = page.locator(EXPAND)
    if open_ and expand.is_visible():
        expand.click()
    elif not open_ and not expand.is_visible():
        page.locator(COLLAPSE).click()
    expect(expand).to_be_visible(visible=not open_, timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)  # the sidebar slides


def problems(page: Page, where: str, within: str) -> list[str]:
    found = page.evaluate(MEASURE, [within, TAP_PX])
    lines = []
    if found["scrollWidth"] > found["innerWidth"]:
        lines.append(
            f"{where}: the page is {found['scrollWidth']} px wide on a "
            f"{found['innerWidth']} px screen; reaching past it: {found['wide']}"
        )
    lines += [f"{where}: smaller than {TAP_PX} px: {item}" for item in found["small"]]
    # The page has finished running: no grey placeholder is left standing in for content.
    skeletons = page.locator('[data-testid="stSkeleton"]:visible').count()
    if skeletons:
        lines.append(f"{where}: {skeletons} grey placeholder(s) after the page finished")
    # A tab narrower than its label: the labels run into each other.
    squeezed = page.evaluate(SQUEEZED_TABS)
    lines += [f"{where}: tab label overflows its tab: {label!r}" for label in squeezed]
    return lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_fits_a_phone_and_every_control_is_big_enough_to_tap(
    new_context: CreateContextCallback, app_server: str, lang: Lang
) -> None:
    context = phone(new_context, lang)
    found: list[str] = []
    for path in PAGES:
        # Each page in a tab of its own (a page with changed inputs would ask before being
        # left). The home page with the borrower's numbers from a link: its cards,
        # proposals and tabs.
        page, _ = open_page(context, f"{app_server}/{path or '?principal=12000'}")
        ready(page)
        set_sidebar(page, open_=False)
        found += problems(page, f"/{path} ({lang})", "main")
        set_sidebar(page, open_=True)
        found += problems(page, f"/{path} ({lang}), sidebar open", "sidebar")
        page.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_file_uploader_speaks_the_pages_language_and_shows_the_real_limit(
    new_context: CreateContextCallback, app_server: str, lang: Lang
) -> None:
    page, _ = open_page(phone(new_context, lang), f"{app_server}/")
    set_sidebar(page, open_=True)
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    zone.scroll_into_view_if_needed()
    # The button is named by the catalog's text alone; Streamlit's "Upload" is hidden.
    button = zone.get_by_role("button", name=t("upload.button", lang), exact=True)
    expect(button).to_be_visible(timeout=TIMEOUT_MS)
    expect(zone.get_by_text("Upload", exact=True)).to_be_hidden()
    button_text = f'{SIDEBAR} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]'
    assert page.evaluate(PSEUDO_CONTENT, [button_text, "::after"]) == (
        f'"{t("upload.button", lang)}"'
    )
    # The limit line: the case file's 1 MB, not the server's, in the page's language.
    limit = t("upload.limit", lang, limit=upload_limit())
    assert upload_limit() == "1 MB"
    instructions = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    assert page.evaluate(PSEUDO_CONTENT, [instructions, "::after"]) == f'"{limit}"'
    assert page.locator(instructions).evaluate("(el) => getComputedStyle(el).fontSize") == "0px"
    shot(page, f"uploader-{lang}-phone.png")
    # A file dragged over the box: Streamlit's "Drag and drop a file here", replaced.
    drag = page.evaluate_handle(
        "() => { const d = new DataTransfer();"
        " d.items.add(new File(['{}'], 'case.json', {type: 'application/json'})); return d; }"
    )
    zone.dispatch_event("dragenter", {"dataTransfer": drag})
    overlay = '[data-testid="stFileUploaderDropzoneInput"] + div > span'
    expect(page.locator(overlay)).to_have_text("Drag and drop a file here", timeout=TIMEOUT_MS)
    assert page.locator(overlay).evaluate("(el) => getComputedStyle(el).fontSize") == "0px"
    assert page.evaluate(PSEUDO_CONTENT, [overlay, "::after"]) == f'"{t("upload.drop", lang)}"'
    zone.dispatch_event("dragleave", {"dataTransfer": drag})


def css_serialized(text: str) -> str:
    """How a browser writes a CSS string back (CSSOM "serialize a string")."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def test_catalog_text_in_the_style_sheet_cannot_break_out_of_its_string(
    new_context: CreateContextCallback, app_server: str
) -> None:
    """What :func:`ui.style.css_string` makes of any text reads back as that text, and no
    quote, brace, backslash, newline or ``</style>`` in it ends the string or the rule."""
    page, _ = open_page(phone(new_context, "en"), f"{app_server}/")
    hostile = "a\"b'c\\d;}</style><script>window.__owned=1</script>\n选择 ٣ 1 MB · JSON"
    page.evaluate(
        "() => { const el = document.createElement('div'); el.id = 'lnp-probe';"
        " document.body.appendChild(el); }"
    )
    page.add_style_tag(
        content=f"#lnp-probe::after {{ content: {css_string(hostile)}; color: red; }}"
    )
    assert page.evaluate(PSEUDO_CONTENT, ["#lnp-probe", "::after"]) == css_serialized(hostile)
    color = page.evaluate(
        "() => getComputedStyle(document.querySelector('#lnp-probe'), '::after').color"
    )
    assert color == "rgb(255, 0, 0)"  # the rule did not end early
    assert page.evaluate("() => window.__owned") is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tapping_a_checklist_reason_shows_it_and_ticks_nothing(
    new_context: CreateContextCallback, app_server: str, lang: Lang
) -> None:
    page, _ = open_page(phone(new_context, lang), f"{app_server}/checklist")
    ready(page)
    set_sidebar(page, open_=False)
    progress = page.locator('[data-testid="stProgress"]')
    before = progress.inner_text()
    box = page.get_by_role("checkbox", name=t("check.documents", lang), exact=True)
    reason = page.get_by_text(t("check.documents.why", lang), exact=True)
    reason.scroll_into_view_if_needed()
    expect(reason).to_be_visible(timeout=TIMEOUT_MS)
    expect(reason).to_be_in_viewport()
    reason.tap()
    page.wait_for_timeout(1000)  # a tick would start a run by now
    wait_idle(page)
    expect(box).not_to_be_checked()
    expect(reason).to_be_in_viewport()
    assert progress.inner_text() == before
    # The box itself still ticks with a tap on its label, and the reason stays.
    page.get_by_text(t("check.documents", lang), exact=True).tap()
    expect(box).to_be_checked(timeout=TIMEOUT_MS)
    wait_idle(page)
    expect(progress).not_to_have_text(before, timeout=TIMEOUT_MS)
    expect(reason).to_be_visible()
    reason.scroll_into_view_if_needed()
    shot(page, f"checklist-{lang}-phone.png")


def letter_page(page: Page, lang: Lang, app_server: str) -> None:
    page.goto(f"{app_server}/letter")
    ready(page)
    set_sidebar(page, open_=False)
    expect(page.locator(COPY)).to_have_text(t("letter.copy_letter", lang), timeout=TIMEOUT_MS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_letter_copy_button_copies_the_letter_exactly(
    new_context: CreateContextCallback, app_server: str, lang: Lang, tmp_path: Path
) -> None:
    context = phone(new_context, lang)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_server)
    page, _ = open_page(context, f"{app_server}/letter")
    letter_page(page, lang, app_server)
    expected = download(page, t("letter.download", lang), tmp_path).decode("utf-8")
    assert page.locator('[data-testid="stText"]').text_content() == expected
    button = page.locator(COPY)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None and box["height"] >= TAP_PX
    assert page.locator('[data-testid="stCode"]').count() == 0  # no hover-only English icon
    button.tap()
    expect(button).to_have_text(t("copy.done", lang), timeout=TIMEOUT_MS)
    assert page.evaluate("() => navigator.clipboard.readText()") == expected
    shot(page, f"letter-{lang}-phone.png")
    # The label comes back, and the phone script gets its own.
    expect(button).to_have_text(t("letter.copy_letter", lang), timeout=TIMEOUT_MS)
    page.get_by_role("radio", name=t("letter.kind.script", lang), exact=True).click()
    expect(button).to_have_text(t("letter.copy_script", lang), timeout=TIMEOUT_MS)
    wait_idle(page)
    script = page.locator('[data-testid="stText"]').text_content()
    assert script and script.startswith("1. ")
    button.click()
    expect(button).to_have_text(t("copy.done", lang), timeout=TIMEOUT_MS)
    assert page.evaluate("() => navigator.clipboard.readText()") == script


def test_without_the_clipboard_api_the_copy_button_falls_back_to_a_text_area(
    new_context: CreateContextCallback, app_server: str
) -> None:
    """A page served over plain http from a LAN address has no ``navigator.clipboard``."""
    context = phone(new_context, "zh")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_server)
    page, _ = open_page(context, f"{app_server}/letter")
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });"
    )
    letter_page(page, "zh", app_server)
    assert page.evaluate("() => navigator.clipboard") is None
    expected = page.locator('[data-testid="stText"]').text_content()
    page.locator(COPY).tap()
    expect(page.locator(COPY)).to_have_text(t("copy.done", "zh"), timeout=TIMEOUT_MS)
    assert page.locator("textarea[aria-hidden='true']").count() == 0  # removed again
    reader = context.new_page()  # a page whose Clipboard API is still there
    reader.goto(f"{app_server}/_stcore/health")
    reader.bring_to_front()
    assert reader.evaluate("() => navigator.clipboard.readText()") == expected
