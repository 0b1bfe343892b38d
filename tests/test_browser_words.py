"""Every word a Chinese page shows is Chinese, on a phone and on a desktop (issue 13).

A stressed borrower reading Simplified Chinese must not meet stray English: Streamlit's own
hints ("Press Enter to submit form"), an uploader's English, "None" in an empty cell, an
English legal citation. Each page is opened in Chinese at 390 x 844 and at 1280 x 900, with a
case file opened first (two lenders, contacts of which some break the collection rules), and
everything that holds text is unfolded: the sidebar and its expanders, the proposal tabs, the
home page's detail tabs (only the open one is drawn), the schedule and milestones, the
lender form, each lender's ask, the contact form, the copy button's tooltip. The rendered text
(``innerText``), the data grids' cells, visible placeholders and the charts' text are scanned
for words in Latin letters; every word not in :data:`ALLOWED` fails the test, listed with the
page, the step and the text around it.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browsing import APP_IDLE, EXCEPTION, PHONE
from playwright.sync_api import BrowserContext, Locator, Page, expect
from pytest_playwright import CreateContextCallback

from core.contacts import Channel, ContactEntry
from core.text import t
from ui.casefile import MAX_BYTES, dump_case
from ui.lenders import Lender

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
SIDEBAR = '[data-testid="stSidebar"]'

# Words in Latin letters a Chinese page may show, each for a reason a Chinese reader shares.
ALLOWED: dict[str, str] = {
    "APR": "annual percentage rate: Chinese lenders' own disclosures write it so",
    "IRR": "internal rate of return: the method the true cost is computed by",
    "LPR": "贷款市场报价利率: official Chinese texts write LPR",
    "CSV": "the file format a download button names",
    "JSON": "the case file's format",
    "PDF": "a file format",
    "MB": "a file size unit",
    "English": "the language switch's own option: English in English",
    "Language": "the language switch's label says it in both languages (语言 · Language)",
    "App": "Chinese writes a phone application as App (借款 App)",
    "KB": "the size of an opened file, a unit",
    "json": "the extension of the case file's own name, shown as the borrower saved it",
}
# Collection stages as the industry writes them in Chinese too (M1, M2, M3, M3+).
ALLOWED_PATTERNS: tuple[re.Pattern[str], ...] = (re.compile(r"M\d"),)
# The guide's formulas name their variables in single letters (A = P·i·(1+i)^n ...).
FORMULA_LETTERS = frozenset("APinrf")

# A word in Latin letters, with any digits it runs into (M2) and inner apostrophes or hyphens.
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’\-][A-Za-z][A-Za-z0-9]*)*")

# Everything the page shows as text: the rendered text, each data grid's cells (drawn on a
# canvas, kept as text in an accessible table), the placeholders of visible inputs, and
# the text of the charts (SVG).
PAGE_TEXTS = """() => {
  const icon = '[data-testid^="stIcon"], [aria-hidden="true"][translate="no"]';
  const shown = [];
  // Text in the page and in every shadow root (a component may draw into one).
  const walk = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.shadowRoot) walk(node.shadowRoot);
        continue;
      }
      const parent = node.parentElement;
      if (!parent || !node.textContent.trim() || parent.closest(icon)) continue;
      // An icon drawn from a font's ligature ("check_circle") is a picture, not a word.
      if (getComputedStyle(parent).fontFamily.includes('Material')) continue;
      if (parent.closest('script, style, noscript, canvas, svg')) continue;
      if (!parent.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
      // Text set to no size is not seen (ui/style.py shows the page's words in its place).
      if (getComputedStyle(parent).fontSize === '0px') continue;
      shown.push(node.textContent);
    }
  };
  walk(document.body);
  const texts = [['page', shown.join('\\n')]];
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"] table')) {
    texts.push(['grid', grid.textContent]);
  }
  for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    // A placeholder counts where it shows: a visible box whose placeholder is not
    // transparent (an empty date box's mask is hidden by ui/style.py).
    const shows = getComputedStyle(input, '::placeholder').color !== 'rgba(0, 0, 0, 0)';
    if (input.checkVisibility() && shows) texts.push(['placeholder', input.placeholder]);
  }
  for (const text of document.querySelectorAll('.js-plotly-plot svg text')) {
    texts.push(['chart', text.textContent]);
  }
  for (const el of document.querySelectorAll('[title]')) {
    if (el.checkVisibility() && el.title.trim()) texts.push(['tooltip', el.title]);
  }
  return texts;
}"""

DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}


@dataclass
class Scan:
    """The English words found so far, each with where it was seen."""

    size: str
    found: dict[str, list[str]] = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)
    upload_limit_error: str | None = None

    def read(self, page: Page, where: str) -> None:
        wait_idle(page)
        expect(page.locator(EXCEPTION), where).to_have_count(0)
        self.seen.append(where)
        for kind, text in page.evaluate(PAGE_TEXTS):
            for match in WORD.finditer(text or ""):
                word = match.group()
                if allowed(word, where):
                    continue
                start, end = max(match.start() - 30, 0), match.end() + 30
                context = " ".join(text[start:end].split())
                places = self.found.setdefault(word, [])
                place = f"{self.size} {where} ({kind}): …{context}…"
                if place not in places and len(places) < 4:
                    places.append(place)

    def report(self) -> str:
        return "\n".join(
            f"{word!r}:\n    " + "\n    ".join(places)
            for word, places in sorted(self.found.items())
        )


def allowed(word: str, where: str) -> bool:
    if word in ALLOWED or any(p.fullmatch(word) for p in ALLOWED_PATTERNS):
        return True
    return where.startswith("guide") and word in FORMULA_LETTERS


def wait_idle(page: Page) -> None:
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)


def settle(page: Page) -> None:
    """Let a click's rerun start, then wait until the page is idle again."""
    page.wait_for_timeout(400)
    wait_idle(page)


def case_file(folder: Path) -> Path:
    """Two lenders, and contacts of which some break the collection rules: a call at 23:00,
    and four calls on one day; one contact with an empty follow-up, proposal and outcome."""
    day = dt.date.today() - dt.timedelta(days=3)
    calls = [
        ContactEntry(
            when=dt.datetime.combine(day, dt.time(hour)),
            lender=1,
            who="客服 8831",
            said="催我还款",
            proposal=1 if hour == 9 else None,
            follow_up=dt.date.today() + dt.timedelta(days=5) if hour == 9 else None,
            evidence_kept=hour == 9,
        )
        for hour in (9, 11, 13, 23)
    ]
    chat = ContactEntry(
        when=dt.datetime.combine(day, dt.time(15, 30)),
        lender=2,
        channel=Channel.CHAT,
        who="王经理",
        they_called=False,
    )
    lenders = [
        Lender(1, {"name": "借呗", "principal": 20_000.0, "days": 45, "overdue": 3_000.0}),
        Lender(2, {"name": "某消费金融", "principal": 8_000.0}),
    ]
    values = {**lenders[0].values, "income": 6_000.0, "expenses": 3_500.0}
    data = dump_case(values, {}, [*calls, chat], dt.datetime.now(), lenders=lenders, active=0)
    path = folder / "案件.json"
    path.write_bytes(data)
    return path


def open_sidebar(page: Page) -> Locator:
    sidebar = page.locator(SIDEBAR)
    expand = page.locator('[data-testid="stExpandSidebarButton"]')
    if expand.count() and expand.is_visible():
        expand.click()
    expect(sidebar.get_by_role("link").first).to_be_visible(timeout=TIMEOUT_MS)
    return sidebar


def close_sidebar(page: Page, phone: bool) -> None:
    if not phone:
        return
    collapse = page.locator(f'{SIDEBAR} [data-testid="stSidebarCollapseButton"] button')
    if collapse.count() and collapse.first.is_visible():
        collapse.first.click()
        page.wait_for_timeout(500)


def go_to(page: Page, title_key: str, phone: bool) -> None:
    """Follow the sidebar's link to a page and wait until it is drawn."""
    sidebar = open_sidebar(page)
    link = sidebar.get_by_role("link", name=t(title_key, "zh"), exact=True)
    link.scroll_into_view_if_needed()  # the sidebar scrolls in itself
    link.click()
    title = t("app.title" if title_key == "nav.home" else title_key, "zh")
    expect(page.locator("h1")).to_have_text(title, timeout=TIMEOUT_MS)
    wait_idle(page)
    close_sidebar(page, phone)


def unfold(page: Page, label: str, within: Locator | None = None) -> None:
    """Open the expander with this label (if it is shut) and wait for its content."""
    scope = within if within is not None else page.locator("body")
    summary = scope.locator("summary", has_text=label).first
    summary.scroll_into_view_if_needed()
    details = scope.locator("details", has=page.locator("summary", has_text=label)).first
    if details.get_attribute("open") is None:
        summary.click()
    expect(details).to_have_attribute("open", "", timeout=TIMEOUT_MS)
    settle(page)


def click_tab(page: Page, label: str) -> None:
    tab = page.get_by_role("tab", name=label, exact=True)
    tab.scroll_into_view_if_needed()
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true", timeout=TIMEOUT_MS)
    settle(page)


def scan_sidebar(page: Page, scan: Scan, phone: bool) -> None:
    sidebar = open_sidebar(page)
    for key in ("sidebar.overdue", "sidebar.assumptions"):
        unfold(page, t(key, "zh"), sidebar)
    scan.read(page, "sidebar")
    close_sidebar(page, phone)


def check_upload_limit(page: Page, scan: Scan, phone: bool) -> None:
    """The empty uploader says the limit the case file really has (1 MB), not Streamlit's."""
    sidebar = open_sidebar(page)
    uploader = sidebar.locator('[data-testid="stFileUploaderDropzone"]')
    expect(uploader).to_be_visible(timeout=TIMEOUT_MS)
    scan.read(page, "sidebar, the empty uploader")
    text = uploader.inner_text()
    limit = f"{MAX_BYTES // 1_000_000} MB"
    assert limit in text or limit.replace(" ", "") in text, f"the uploader says: {text!r}"
    assert "200" not in text, f"the uploader says: {text!r}"
    close_sidebar(page, phone)


def scan_home(page: Page, scan: Scan) -> None:
    page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=TIMEOUT_MS)
    scan.read(page, "home")
    proposal = t("proposal.tab", "zh", number=1)
    if page.get_by_role("tab", name=proposal, exact=True).count():
        click_tab(page, proposal)
        unfold(page, t("proposal.more", "zh"))
        scan.read(page, "home, proposal 1 with more")
        # A box being typed in says how to apply it (Streamlit's words, in the page's
        # language); the tab key then applies it.
        term = page.get_by_role("spinbutton", name=t("input.p_term", "zh"), exact=True).first
        if term.is_visible():
            term.click()
            page.keyboard.type("3")
            page.wait_for_timeout(300)
            scan.read(page, "home, a number being typed")
            page.keyboard.press("Escape")
            term.fill("")
            page.keyboard.press("Tab")
            wait_idle(page)
    for key in ("table.title", "ladder.title", "lawful.title", "nothing.title"):
        click_tab(page, t(key, "zh"))
        if key == "table.title":
            unfold(page, t("schedule.heading", "zh"))
        if key == "nothing.title":
            unfold(page, t("nothing.milestones", "zh"))
        scan.read(page, f"home, tab {t(key, 'zh')}")


def scan_lenders(page: Page, scan: Scan) -> None:
    scan.read(page, "lenders")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_role("button", name=t("lenders.add", "zh"), exact=True).click()
    settle(page)
    unfold(page, t("lenders.form.more", "zh"))
    # A typed amount that is not sent yet: the form would hint how to send it.
    amount = main.get_by_label(t("input.principal", "zh"), exact=True).first
    amount.fill("12345")
    scan.read(page, "lenders, the form with a typed amount")
    main.get_by_role("button", name=t("lenders.form.cancel", "zh"), exact=True).click()
    settle(page)
    unfold(page, t("split.ask_for", "zh", name="借呗"))
    scan.read(page, "lenders, the first lender's ask")


def scan_contact_log(page: Page, scan: Scan) -> None:
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(2, timeout=TIMEOUT_MS)
    scan.read(page, "contact log")
    unfold(page, t("log.add", "zh"))
    who = page.get_by_label(t("log.col.who", "zh"), exact=True)
    who.fill("李")  # typed, not yet sent: the form would hint how to send it
    scan.read(page, "contact log, the form with typed text")


def scan_letter(page: Page, scan: Scan) -> None:
    scan.read(page, "letter")
    # While a box is typed in, Streamlit says how to apply it: in the page's language, the
    # character count kept beside it.
    for box in (
        page.get_by_role("textbox", name=t("letter.name", "zh"), exact=True),
        page.locator("textarea").first,
    ):
        box.click()
        page.keyboard.type("张")
        hint = page.get_by_test_id("InputInstructions").filter(visible=True)
        expect(hint.first).to_contain_text("/", timeout=TIMEOUT_MS)  # the count is kept
        scan.read(page, "letter, a box being typed in")
        page.keyboard.press("Tab")
        wait_idle(page)
    copy = page.locator('[data-testid="stCode"] button')
    if copy.count():  # st.code's own copy button says its tooltip only under the mouse
        page.locator('[data-testid="stCode"]').first.hover()
        copy.first.hover()
        page.wait_for_timeout(800)  # the tooltip fades in
        scan.read(page, "letter, the copy button hovered")


def scan_all(context: BrowserContext, base_url: str, folder: Path, size: str) -> Scan:
    phone = size == "phone"
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{base_url}/?lang=zh")
    expect(page.locator("h1")).to_have_text(t("app.title", "zh"), timeout=TIMEOUT_MS)
    wait_idle(page)
    scan = Scan(size)
    upload_limit_error = None
    try:
        check_upload_limit(page, scan, phone)
    except AssertionError as error:  # reported with the words, after every page is seen
        upload_limit_error = str(error)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        str(case_file(folder))
    )
    expect(page.get_by_text(t("lenders.working_on", "zh")).first).to_be_attached(timeout=TIMEOUT_MS)
    wait_idle(page)
    scan_sidebar(page, scan, phone)
    scan_home(page, scan)
    go_to(page, "nav.lenders", phone)
    scan_lenders(page, scan)
    go_to(page, "nav.checklist", phone)
    scan.read(page, "checklist")
    go_to(page, "nav.log", phone)
    scan_contact_log(page, scan)
    go_to(page, "nav.letter", phone)
    scan_letter(page, scan)
    go_to(page, "nav.guide", phone)
    scan.read(page, "guide")
    scan.upload_limit_error = upload_limit_error
    return scan


@pytest.mark.parametrize(
    "size",
    [
        pytest.param("phone", marks=pytest.mark.browser_context_args(**PHONE), id="phone"),
        pytest.param("desktop", marks=pytest.mark.browser_context_args(**DESKTOP), id="desktop"),
    ],
)
def test_chinese_pages_show_no_english(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path, size: str
) -> None:
    context = new_context(locale="zh-CN")
    assert context.pages == []
    scan = scan_all(context, app_server, tmp_path, size)
    assert len(scan.seen) >= 12, scan.seen
    problems = [scan.upload_limit_error] if scan.upload_limit_error else []
    if scan.found:
        problems.append("English words on the Chinese pages:\n" + scan.report())
    assert not problems, "\n\n".join(problems)
