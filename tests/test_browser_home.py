"""The dashboard in a real Chromium: language from the browser, the core's figures in the cards
and charts, the principal slider driven by the keyboard, every page of the navigation,
screenshots at desktop and phone sizes, and no request leaving the machine.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``). A first render
takes 6-8 s on 2 cores (Plotly's 4.7 MB chunk loads only when the first chart arrives), hence
the 30 s timeouts.
"""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, Request, WebSocket, expect
from pytest_playwright import CreateContextCallback

from core import Case, Loan, LoanCase, Proposal, compare
from core.text import Lang, t
from ui.format import money

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

METRIC_VALUE = '[data-testid="stMetricValue"]'
METRIC_LABEL = '[data-testid="stMetricLabel"]'
CHART = ".js-plotly-plot"
CHART_COUNT = 2  # the timeline (owed and payment panels) and the cost breakdown
EXCEPTION = '[data-testid="stException"]'
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
OTHER_PAGES = ("nav.checklist", "nav.log", "nav.letter", "nav.guide")
PRINCIPAL_STEP_YUAN = 100
DEFAULT_PRINCIPAL_YUAN = 10_000

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
MIN_SCREENSHOT_BYTES = 10_000

# Every chart has been drawn by Plotly and is shown: its figure is on the graph div, the SVG
# holds a group for each of its traces, and it is visible (Streamlit draws a changed chart
# hidden first, next to the old one it replaces).
CHARTS_DRAWN = """(count) => {
  const charts = Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter((el) => el.checkVisibility({visibilityProperty: true}));
  return charts.length === count && charts.every((el) =>
    Array.isArray(el.data) && el.data.length > 0 && el._fullLayout !== undefined
    && el.querySelectorAll('g.trace').length >= el.data.length);
}"""

# Resolves once nothing in the page has changed for `quiet` ms (Plotly redraws each chart a
# second time shortly after the first draw; a screenshot should not catch it half done).
QUIET = """([quiet, limit]) => new Promise((resolve) => {
  const start = performance.now();
  let last = start;
  const observer = new MutationObserver(() => { last = performance.now(); });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   characterData: true});
  const tick = () => {
    const now = performance.now();
    if (now - last >= quiet || now - start >= limit) {
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(now - start)));
    } else {
      setTimeout(tick, 50);
    }
  };
  setTimeout(tick, 50);
})"""

# The first point of the first trace (the contract's line) of the first chart (balance).
BALANCE_START = """() => {
  const el = document.querySelector('.js-plotly-plot');
  return el && Array.isArray(el.data) && el.data.length ? el.data[0].y[0] : null;
}"""

# Draws two characters in the heading's font on a canvas and tells whether they differ. Where
# no installed font has the glyphs, Chromium draws the same empty box ("tofu") for both.
GLYPHS_DIFFER = """([a, b]) => {
  const font = getComputedStyle(document.querySelector('h1')).fontFamily;
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const g = canvas.getContext('2d');
  const draw = (ch) => {
    g.clearRect(0, 0, 64, 64);
    g.font = `48px ${font}`;
    g.fillText(ch, 4, 52);
    return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
  };
  return draw(a) !== draw(b);
}"""


def first_payment(loan: Loan | None = None) -> str:
    """The contract's first monthly payment as the card shows it, for the app's default case
    (two untouched proposals) with ``loan``."""
    loan_case = (
        LoanCase(proposals=(Proposal(), Proposal()))
        if loan is None
        else LoanCase(loan=loan, proposals=(Proposal(), Proposal()))
    )
    return money(compare(Case(loans=(loan_case,))).contract.summary.first_payment)


def open_home(context: BrowserContext, base_url: str) -> Page:
    """Open the home page and wait until its metrics and charts are drawn and the run is over."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    page.goto(f"{base_url}/")
    wait_until_drawn(page)
    return page


def wait_until_drawn(page: Page) -> None:
    """Metrics shown, the charts drawn with their traces, script run over, fonts loaded."""
    expect(page.locator(METRIC_VALUE).first).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_function(CHARTS_DRAWN, arg=CHART_COUNT, timeout=TIMEOUT_MS)
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
    page.evaluate("document.fonts.ready.then(() => true)")


def wait_until_quiet(page: Page, quiet_ms: int = 500, limit_ms: int = 10_000) -> None:
    page.evaluate(QUIET, [quiet_ms, limit_ms])


def principal_slider(page: Page, lang: Lang) -> Locator:
    # Not ``exact``: the slider's accessible name is its label twice (``aria-labelledby``
    # names both the input and the label).
    return page.get_by_role("slider", name=t("input.principal", lang))


def move_principal(page: Page, lang: Lang, presses: int) -> int:
    """Focus the principal slider and press ArrowRight ``presses`` times; the new principal."""
    slider = principal_slider(page, lang)
    expect(slider).to_have_value(str(DEFAULT_PRINCIPAL_YUAN), timeout=TIMEOUT_MS)
    slider.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    principal = DEFAULT_PRINCIPAL_YUAN + presses * PRINCIPAL_STEP_YUAN
    expect(slider).to_have_value(str(principal), timeout=TIMEOUT_MS)
    return principal


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (asserting that it is one)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def save_screenshot(page: Page, name: str, size: tuple[int, int]) -> None:
    """A viewport screenshot in ``artifacts/screenshots``, checked to be a real PNG."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    path.unlink(missing_ok=True)
    page.screenshot(path=path, full_page=False, animations="disabled", timeout=TIMEOUT_MS)
    assert path.is_file(), f"{name} was not written"
    data = path.read_bytes()
    assert len(data) > MIN_SCREENSHOT_BYTES, f"{name} is only {len(data)} bytes"
    assert png_size(data) == size, f"{name} is {png_size(data)}, expected {size}"


def test_home_in_english_follows_the_principal_slider(
    new_context: CreateContextCallback, app_server: str
) -> None:
    page = open_home(new_context(locale="en-US"), app_server)
    expect(page.locator("h1")).to_have_text(t("app.title", "en"), timeout=TIMEOUT_MS)
    expect(page.locator(METRIC_LABEL).first).to_have_text(t("card.payment", "en"))
    expect(page.locator(METRIC_VALUE).first).to_have_text(first_payment(), timeout=TIMEOUT_MS)
    assert first_payment() == "¥916.80"
    assert page.evaluate(BALANCE_START) == DEFAULT_PRINCIPAL_YUAN
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].name") == t(
        "option.contract", "en"
    )

    # Mark the charts' elements: a slider move updates them in place (ui.live_chart).
    marked = page.evaluate(
        "() => { const all = [...document.querySelectorAll('.js-plotly-plot')];"
        " all.forEach((el) => { el.__lnpMark = true; }); return all.length; }"
    )
    assert marked == CHART_COUNT
    principal = move_principal(page, "en", 5)
    assert principal == 10_500
    expected = first_payment(Loan(principal_yuan=10_500))
    assert expected != first_payment(), "the payment should change with the principal"
    expect(page.locator(METRIC_VALUE).first).to_have_text(expected, timeout=TIMEOUT_MS)
    page.wait_for_function(
        f"(want) => ({BALANCE_START})() === want", arg=principal, timeout=TIMEOUT_MS
    )
    assert page.evaluate(BALANCE_START) == 10_500
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    # The same two chart elements show the new figures: updated, not mounted anew.
    still = "() => [...document.querySelectorAll('.js-plotly-plot')].map((el) => !!el.__lnpMark)"
    assert page.evaluate(still) == [True] * CHART_COUNT
    cost_principal = "() => document.querySelectorAll('.js-plotly-plot')[1].data[0].x[0]"
    assert page.evaluate(cost_principal) == 10_500


def test_the_schedule_opens_with_its_table(
    new_context: CreateContextCallback, app_server: str
) -> None:
    """The schedule is drawn only once its expander is opened: opening it shows the table."""
    page = open_home(new_context(locale="en-US"), app_server)
    schedule = page.locator('[data-testid="stDataFrame"]')
    expect(schedule).to_have_count(0)
    page.get_by_text(t("schedule.heading", "en"), exact=True).click()
    expect(schedule).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(t("schedule.download", "en"))).to_be_visible()
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_home_in_chinese(new_context: CreateContextCallback, app_server: str) -> None:
    page = open_home(new_context(locale="zh-CN"), app_server)
    expect(page.locator("h1")).to_have_text(t("app.title", "zh"), timeout=TIMEOUT_MS)
    expect(page.locator(METRIC_LABEL).first).to_have_text(
        t("card.payment", "zh"), timeout=TIMEOUT_MS
    )
    expect(page.locator(METRIC_VALUE).first).to_have_text(first_payment(), timeout=TIMEOUT_MS)
    assert page.evaluate(GLYPHS_DIFFER, ["网", "贷"]), (
        "Chinese renders as empty boxes: no CJK font is installed "
        "(Debian: apt-get install fonts-noto-cjk)"
    )


@pytest.mark.parametrize(
    ("locale", "lang", "form", "size"),
    [
        pytest.param(
            locale,
            lang,
            form,
            size,
            marks=pytest.mark.browser_context_args(**args),
            id=f"{lang}-{form}",
        )
        for locale, lang in (("en-US", "en"), ("zh-CN", "zh"))
        for form, args, size in (("desktop", DESKTOP, (1280, 800)), ("phone", PHONE, (780, 1688)))
    ],
)
def test_home_screenshots(
    new_context: CreateContextCallback,
    app_server: str,
    locale: str,
    lang: Lang,
    form: str,
    size: tuple[int, int],
) -> None:
    page = open_home(new_context(locale=locale), app_server)
    expect(page.locator("h1")).to_have_text(t("app.title", lang), timeout=TIMEOUT_MS)
    wait_until_quiet(page)
    save_screenshot(page, f"home-{lang}-{form}.png", size)

    page.locator(CHART).first.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    wait_until_quiet(page)
    assert page.locator(CHART).first.is_visible()
    save_screenshot(page, f"home-{lang}-{form}-charts.png", size)


def test_no_request_leaves_loopback(new_context: CreateContextCallback, app_server: str) -> None:
    page = new_context(locale="en-US").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    urls: list[str] = []

    def on_request(request: Request) -> None:
        urls.append(request.url)

    def on_websocket(socket: WebSocket) -> None:
        urls.append(socket.url)

    page.on("request", on_request)
    page.on("websocket", on_websocket)
    page.goto(f"{app_server}/", timeout=TIMEOUT_MS)
    wait_until_drawn(page)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    wait_until_quiet(page)

    assert any(url.startswith(app_server) for url in urls), urls
    assert any(urlsplit(url).scheme == "ws" for url in urls), "no websocket to the app seen"
    remote = [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob")
        and urlsplit(url).hostname not in LOOPBACK_HOSTS
    ]
    assert not remote, f"requests leaving loopback: {remote}"


def test_every_page_opens_and_keeps_the_inputs(
    new_context: CreateContextCallback, app_server: str
) -> None:
    page = open_home(new_context(locale="en-US"), app_server)
    principal = move_principal(page, "en", 3)
    payment = first_payment(Loan(principal_yuan=principal))
    expect(page.locator(METRIC_VALUE).first).to_have_text(payment, timeout=TIMEOUT_MS)
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)

    for key in OTHER_PAGES:
        label = t(key, "en")
        page.get_by_role("link", name=label, exact=True).click()
        expect(page.locator("h1")).to_have_text(label, timeout=TIMEOUT_MS)
        expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
        expect(page.locator(EXCEPTION), f"an exception on {label}").to_have_count(0)
        # Every page draws the same sidebar: the value set on the home page is there too.
        expect(principal_slider(page, "en")).to_have_value(str(principal))

        page.get_by_role("link", name=t("nav.home", "en"), exact=True).click()
        expect(page.locator("h1")).to_have_text(t("app.title", "en"), timeout=TIMEOUT_MS)
        wait_until_drawn(page)
        expect(page.locator(EXCEPTION), f"an exception back from {label}").to_have_count(0)
        expect(principal_slider(page, "en"), f"principal lost after {label}").to_have_value(
            str(principal)
        )
        expect(page.locator(METRIC_VALUE).first).to_have_text(payment, timeout=TIMEOUT_MS)
        assert page.evaluate(BALANCE_START) == principal
