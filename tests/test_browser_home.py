"""The dashboard in a real Chromium: language from the browser, the core's figures in the cards
and charts, the principal typed into the sidebar's box (and stepped with its arrow keys), a
proposal's slider driven by the keyboard, every page of the navigation, screenshots at desktop
and phone sizes, and no request leaving the machine.

A first visit shows the form for the borrower's own numbers; these tests type the example's
numbers into it (every input's default) and press "show my options", so the page shows the
example's figures.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``). A first render
takes 6-8 s on 2 cores (Plotly's 4.7 MB chunk loads only when the first chart arrives), hence
the 30 s timeouts.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import APP_IDLE, EXCEPTION, PHONE
from playwright.sync_api import BrowserContext, Locator, Page, Request, WebSocket, expect
from pytest_playwright import CreateContextCallback

from core import Case, Loan, LoanCase, Proposal, Summary, compare
from core.text import Lang, t
from ui import live_chart
from ui.format import money
from ui.registry import BY_KEY, Key

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

METRIC_VALUE = '[data-testid="stMetricValue"]'
METRIC_LABEL = '[data-testid="stMetricLabel"]'
CHART = ".js-plotly-plot"
CHART_COUNT = 2  # the timeline (owed and payment panels) and the cost breakdown
SIDEBAR = '[data-testid="stSidebar"]'
FORM = '[data-testid="stForm"]'
# What the first visit's form needs before it shows any plan.
EXAMPLE_KEYS = (Key.PRINCIPAL, Key.RATE, Key.MONTHS, Key.INCOME, Key.EXPENSES)
OTHER_PAGES = ("nav.checklist", "nav.log", "nav.letter", "nav.guide")
PRINCIPAL_STEP_YUAN = 100  # the principal box's step: one arrow key
DEFAULT_PRINCIPAL_YUAN = 10_000
STARTING_MONTHS_ADDED = 12  # proposal 1 starts a year longer (ui.registry.STARTING_LEVERS)
# The two proposals a visitor starts with: a year longer; 12 % with the penalty waived.
STARTING = (
    Proposal(months_added=STARTING_MONTHS_ADDED),
    Proposal(new_apr=0.12, overdue_charges_waived_share=1.0),
)

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
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


def contract_summary(loan: Loan | None = None) -> Summary:
    """The contract's summary for the app's default case with ``loan``."""
    loan_case = (
        LoanCase(proposals=(Proposal(), Proposal())) if loan is None else LoanCase(loan=loan)
    )
    return compare(Case(loans=(loan_case,))).contract.summary


def first_payment(loan: Loan | None = None) -> str:
    """The contract's monthly payment as its card's first figure shows it (the highest one:
    the payment that must fit), for the app's default case with ``loan``."""
    return money(contract_summary(loan).highest_payment)


def open_home(context: BrowserContext, base_url: str, lang: Lang = "en") -> Page:
    """Open the home page, show the example's options from the first visit's form as it is,
    and wait until the metrics and charts are drawn and the run is over."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    page.goto(f"{base_url}/")
    show_options(page, lang)
    wait_until_drawn(page)
    return page


def show_options(page: Page, lang: Lang, typed: Mapping[str, str] | None = None) -> None:
    """A first visit shows the form for the borrower's own numbers: type ``typed`` (input key →
    text) into the boxes it needs, else the example's (every input's default), and send it.

    The page's first run must be over first: a box typed into while the script still runs
    can be drawn again, empty, before the form is sent (seen once in a loaded CI run).
    """
    form = page.locator(FORM)
    expect(form).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
    for key in EXAMPLE_KEYS:
        param = BY_KEY[key]
        box = form.get_by_role("spinbutton", name=t(param.label_key, lang), exact=True)
        box.fill((typed or {}).get(key, f"{param.default:g}"))
        box.press("Tab")
    form.get_by_role("button", name=t("situation.show", lang), exact=True).click()


def wait_until_drawn(page: Page) -> None:
    """Metrics shown, the charts drawn with their traces, script run over, fonts loaded."""
    expect(page.locator(METRIC_VALUE).first).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_function(CHARTS_DRAWN, arg=CHART_COUNT, timeout=TIMEOUT_MS)
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
    page.evaluate("document.fonts.ready.then(() => true)")


def wait_until_quiet(page: Page, quiet_ms: int = 500, limit_ms: int = 10_000) -> None:
    page.evaluate(QUIET, [quiet_ms, limit_ms])


def principal_box(page: Page, lang: Lang) -> Locator:
    """The sidebar's principal box (a number input; the first visit's form has its own)."""
    return page.locator(SIDEBAR).get_by_role(
        "spinbutton", name=t("input.principal", lang), exact=True
    )


def shown(yuan: float) -> str:
    """A money box's text: two decimals, no separators."""
    return f"{yuan:.2f}"


def type_principal(page: Page, lang: Lang, text: str, end: str = "Enter") -> None:
    """Type ``text`` into the principal box as a borrower would, then ``end`` (Enter or Tab)."""
    box = principal_box(page, lang)
    box.click()
    box.press("Control+A")
    box.press_sequentially(text)
    box.press(end)


def step_principal(page: Page, lang: Lang, presses: int, start: float) -> float:
    """Press ArrowUp ``presses`` times in the principal box (one step each); the principal."""
    box = principal_box(page, lang)
    expect(box).to_have_value(shown(start), timeout=TIMEOUT_MS)
    box.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowUp")
    principal = start + presses * PRINCIPAL_STEP_YUAN
    expect(box).to_have_value(shown(principal), timeout=TIMEOUT_MS)
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


def test_home_in_english_follows_the_typed_principal(
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

    # Plotly came from the app's own basic bundle, not Streamlit's 4.7 MB script (ui.live_chart).
    loaded = page.evaluate(
        "() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname)"
    )
    assert f"/app/static/{live_chart.PLOTLY_BASIC}" in loaded
    assert not [path for path in loaded if "PlotlyChart" in path]

    # Mark the charts' elements: a new value updates them in place (ui.live_chart).
    marked = page.evaluate(
        "() => { const all = [...document.querySelectorAll('.js-plotly-plot')];"
        " all.forEach((el) => { el.__lnpMark = true; }); return all.length; }"
    )
    assert marked == CHART_COUNT
    still = "() => [...document.querySelectorAll('.js-plotly-plot')].map((el) => !!el.__lnpMark)"
    cost_principal = "() => document.querySelectorAll('.js-plotly-plot')[1].data[0].x[0]"

    # Typed, to the fen, then Enter: the cards and both charts follow.
    type_principal(page, "en", "10500.25")
    expect(principal_box(page, "en")).to_have_value("10500.25", timeout=TIMEOUT_MS)
    expected = first_payment(Loan(principal_yuan=10_500.25))
    assert expected != first_payment(), "the payment should change with the principal"
    expect(page.locator(METRIC_VALUE).first).to_have_text(expected, timeout=TIMEOUT_MS)
    page.wait_for_function(
        f"(want) => ({BALANCE_START})() === want", arg=10_500.25, timeout=TIMEOUT_MS
    )
    assert page.evaluate(cost_principal) == 10_500.25
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)

    # The box's arrow keys step it 100 yuan a press, each sent at once: the page follows.
    principal = step_principal(page, "en", 3, 10_500.25)
    assert principal == 10_800.25
    expected = first_payment(Loan(principal_yuan=principal))
    expect(page.locator(METRIC_VALUE).first).to_have_text(expected, timeout=TIMEOUT_MS)
    page.wait_for_function(
        f"(want) => ({BALANCE_START})() === want", arg=principal, timeout=TIMEOUT_MS
    )
    assert page.evaluate(BALANCE_START) == 10_800.25
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    # The same two chart elements show the new figures: updated, not mounted anew.
    assert page.evaluate(still) == [True] * CHART_COUNT
    assert page.evaluate(cost_principal) == 10_800.25
    assert "principal=10800.25" in urlsplit(page.url).query.split("&")


def test_a_proposal_slider_follows_the_keyboard(
    new_context: CreateContextCallback, app_server: str
) -> None:
    """Proposal 1's "months added" slider, moved with the arrow keys: its card and its line
    in the timeline follow, and the charts are updated in place."""
    page = open_home(new_context(locale="en-US"), app_server)
    page.evaluate(
        "() => document.querySelectorAll('.js-plotly-plot')"
        ".forEach((el) => { el.__lnpMark = true; })"
    )
    slider = page.get_by_role("slider", name=t("input.p_add", "en")).first
    expect(slider).to_have_value(str(STARTING_MONTHS_ADDED), timeout=TIMEOUT_MS)
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    months_added = STARTING_MONTHS_ADDED + 2
    expect(slider).to_have_value(str(months_added), timeout=TIMEOUT_MS)

    proposals = (Proposal(months_added=months_added), STARTING[1])
    result = compare(Case(loans=(LoanCase(proposals=proposals),)))
    summary = result.proposals[0].summary
    total = money(summary.total_paid)
    page.wait_for_function(
        """(want) => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
             .some((el) => el.textContent.trim() === want)""",
        arg=total,
        timeout=TIMEOUT_MS,
    )
    # Proposal 1's line of what is still owed ends when its plan does.
    name = t("option.proposal", "en", number=1)
    last_month = """(name) => {
      const trace = document.querySelector('.js-plotly-plot').data
        .find((tr) => tr.name === name && !tr.yaxis);
      return trace ? trace.x[trace.x.length - 1] : null;
    }"""
    page.wait_for_function(
        f"([name, want]) => ({last_month})(name) === want",
        arg=[name, summary.months_to_finish],
        timeout=TIMEOUT_MS,
    )
    assert summary.months_to_finish == 12 + months_added
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    still = "() => [...document.querySelectorAll('.js-plotly-plot')].map((el) => !!el.__lnpMark)"
    assert page.evaluate(still) == [True] * CHART_COUNT
    assert f"p1_add={months_added}" in urlsplit(page.url).query.split("&")


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
    page = open_home(new_context(locale="zh-CN"), app_server, "zh")
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
    page = open_home(new_context(locale=locale), app_server, lang)
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
    show_options(page, "en")
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
    principal = 10_345.67  # typed to the fen, then Tab
    type_principal(page, "en", "10345.67", "Tab")
    expect(principal_box(page, "en")).to_have_value(shown(principal), timeout=TIMEOUT_MS)
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
        expect(principal_box(page, "en")).to_have_value(shown(principal))

        page.get_by_role("link", name=t("nav.home", "en"), exact=True).click()
        expect(page.locator("h1")).to_have_text(t("app.title", "en"), timeout=TIMEOUT_MS)
        wait_until_drawn(page)
        expect(page.locator(EXCEPTION), f"an exception back from {label}").to_have_count(0)
        expect(principal_box(page, "en"), f"principal lost after {label}").to_have_value(
            shown(principal)
        )
        expect(page.locator(METRIC_VALUE).first).to_have_text(payment, timeout=TIMEOUT_MS)
        assert page.evaluate(BALANCE_START) == principal
