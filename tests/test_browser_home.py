"""The home page in a real Chromium: language from the browser, the core's figures, the chart,
screenshots at desktop and phone sizes, and no request leaving the machine.

Needs the ``app_server`` fixture and pytest-playwright (see ``conftest.py``). A first render
takes 6-8 s on 2 cores, hence the 30 s timeouts.
"""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Request, WebSocket, expect

from core import Case, compare, fen_to_yuan
from core.text import Lang, t

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

METRIC_VALUE = '[data-testid="stMetricValue"]'
CHART = ".js-plotly-plot"
# Plotly has drawn the chart once its title and at least one bar are in the SVG.
CHART_TITLE = f"{CHART} .gtitle"
CHART_BAR = f"{CHART} .bars .point path"
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost"}

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


def open_home(context: BrowserContext, base_url: str) -> Page:
    """Open the home page and wait until its metrics and chart are drawn and the run is over."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    page.goto(f"{base_url}/")
    wait_until_drawn(page)
    return page


def wait_until_drawn(page: Page) -> None:
    expect(page.locator(METRIC_VALUE).first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(CHART)).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator(CHART_TITLE)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(CHART_BAR).first).to_be_attached(timeout=TIMEOUT_MS)
    expect(page.locator(APP_IDLE)).to_have_count(1, timeout=TIMEOUT_MS)
    page.evaluate("document.fonts.ready.then(() => true)")


def first_payment_text() -> str:
    summary = compare(Case()).contract.summary
    return f"¥{fen_to_yuan(summary.first_payment):,.2f}"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (asserting that it is one)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_home_in_english(new_context, app_server: str) -> None:
    page = open_home(new_context(locale="en-US"), app_server)
    expect(page.locator("h1")).to_have_text(t("app.title", "en"), timeout=TIMEOUT_MS)
    expect(page.locator(METRIC_VALUE)).to_have_count(3, timeout=TIMEOUT_MS)
    expect(page.locator(METRIC_VALUE).first).to_have_text(first_payment_text(), timeout=TIMEOUT_MS)


def test_home_in_chinese(new_context, app_server: str) -> None:
    page = open_home(new_context(locale="zh-CN"), app_server)
    expect(page.locator("h1")).to_have_text(t("app.title", "zh"), timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stMetricLabel"]').first).to_have_text(
        t("app.metric.first_payment", "zh"), timeout=TIMEOUT_MS
    )
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
def test_home_screenshot(
    new_context, app_server: str, locale: str, lang: Lang, form: str, size: tuple[int, int]
) -> None:
    page = open_home(new_context(locale=locale), app_server)
    expect(page.locator("h1")).to_have_text(t("app.title", lang), timeout=TIMEOUT_MS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"home-{lang}-{form}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=path, full_page=False, animations="disabled", timeout=TIMEOUT_MS)
    assert path.is_file()
    data = path.read_bytes()
    assert len(data) > 10_000, f"{path.name} is only {len(data)} bytes"
    assert png_size(data) == size


def test_no_request_leaves_loopback(new_context, app_server: str) -> None:
    context = new_context(locale="en-US")
    page = context.new_page()
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

    assert any(url.startswith(app_server) for url in urls), urls
    assert any(urlsplit(url).scheme == "ws" for url in urls), "no websocket to the app seen"
    remote = [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob")
        and urlsplit(url).hostname not in LOOPBACK_HOSTS
    ]
    assert not remote, f"requests leaving loopback: {remote}"
