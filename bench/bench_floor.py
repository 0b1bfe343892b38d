"""Streamlit's own floor for a key press on this machine: the same measure on bare probe apps.

Run it from the repository root::

    uv run python bench/bench_floor.py                 # 20 presses per probe
    uv run python bench/bench_floor.py --presses 40

The home page's key-press target (a median under 250 ms) is only reachable if Streamlit
itself can update a page that fast here. This benchmark writes three probe apps to a
temporary folder outside the repository, each serving one slider labelled like the home
page's principal slider:

1. ``metric``: the slider and one ``st.metric`` showing its value, nothing else;
2. ``metric+2 charts``: the same plus two small Plotly charts (one line of 60 points each)
   drawn from the value, the shape of the home page's two charts without their content;
3. ``home-sized``: the metric, the two charts and 150 static text elements (the home page
   sends about as many elements per rerun);
4. ``metric+our 2 charts``: the metric and the home page's own two charts
   (``ui.charts.figures`` of the default case with the slider's principal), nothing else;
5. ``metric+our 2 live charts``: the same two charts as the home page draws them, kept on
   the page and redrawn in place (``ui.live_chart``; without the app's static folder they
   load Streamlit's own Plotly, which changes the first load, not a press).

Each probe runs under ``streamlit run`` on a free loopback port (headless, no file watcher,
no usage statistics), is driven by Debian's Chromium through Playwright, and is timed inside
the page with ``performance.now()``: from the ArrowRight key-down on the slider to the moment
the metric shows the new value and every chart visible on the page has been drawn since the
key-down (Plotly's ``plotly_afterplot`` event). Presses are spaced until the page is idle again. The script
prints one Markdown row per probe (median, p5, p95, max); the server is always stopped.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from appserver import CHROMIUM_ARGS, find_chromium, running_app

LABEL = "Principal (yuan)"
TIMEOUT_MS = 30_000

PROBE_HEAD = f'''
import streamlit as st

value = st.sidebar.slider("{LABEL}", 100, 5_000_000, 30_000, step=100, key="principal")
st.metric("Value", f"{{value:,}}")
'''
PROBE_CHARTS = """
points = list(range(60))
for shift in (0, 1):
    figure = {
        "data": [{"type": "scatter", "x": points, "y": [value - 100 * n for n in points]}],
        "layout": {"height": 320, "margin": {"l": 40, "r": 10, "t": 10, "b": 30}},
    }
    st.plotly_chart(figure, config={"displayModeBar": False}, key=f"chart{shift}")
"""
PROBE_FILLER = """
for row in range(150):
    st.caption(f"Static line {row}: the same text on every run.")
"""


def our_charts(draw: str) -> str:
    """A probe's code drawing the home page's two charts of the slider's principal with
    ``draw`` (a line using ``number`` and ``figure``)."""
    return f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from core import compare
from ui.charts import figures
from ui.live_chart import live_chart
from ui.options import labelled
from ui.registry import ALL_PARAMS, default
from ui.values import case_from_values

values = {{}}
for param in ALL_PARAMS:
    values[param.key] = default(param, values)
values["principal"] = float(value)
built = case_from_values(values)
compared = labelled(compare(built.case), built.proposal_numbers, "en")
for number, figure in enumerate(figures(compared, "en")):
    {draw}
"""


PROBE_OUR_CHARTS = our_charts('st.plotly_chart(figure, config={"displayModeBar": False})')
# The home page's design: the same two charts kept on the page and redrawn in place.
PROBE_LIVE_CHARTS = our_charts(
    'live_chart(figure, {"displayModeBar": False}, key=f"chart{number}", lang="en")'
)
PROBES = {
    "metric": PROBE_HEAD,
    "metric+2 charts": PROBE_HEAD + PROBE_CHARTS,
    "home-sized": PROBE_HEAD + PROBE_CHARTS + PROBE_FILLER,
    "metric+our 2 charts": PROBE_HEAD + PROBE_OUR_CHARTS,
    "metric+our 2 live charts": PROBE_HEAD + PROBE_LIVE_CHARTS,
}

# Timing inside the page: the key-down, then every DOM change checks the condition.
INIT_SCRIPT = """
window.__press = {key: null, done: null, want: null};
document.addEventListener('keydown', () => { window.__press.key = performance.now(); }, true);
const check = () => {
  const p = window.__press;
  if (p.key === null || p.done !== null || p.want === null) return;
  const metric = document.querySelector('[data-testid="stMetricValue"]');
  if (!metric || metric.textContent.trim() !== p.want.text) return;
  const charts = [...document.querySelectorAll('.js-plotly-plot')]
    .filter(el => el.offsetParent !== null);
  if (charts.length < p.want.charts) return;
  for (const el of charts) {
    if (!el.__drawnAt || el.__drawnAt < p.key) return;
  }
  p.done = performance.now();
};
new MutationObserver(check).observe(document, {subtree: true, childList: true,
  characterData: true, attributes: true});
setInterval(() => {
  for (const el of document.querySelectorAll('.js-plotly-plot')) {
    if (!el.__hooked && el.on) {
      el.__hooked = true;
      el.on('plotly_afterplot', () => { el.__drawnAt = performance.now(); check(); });
      if (el._fullLayout) el.__drawnAt = performance.now();  // drawn before it was hooked
    }
  }
  check();
}, 5);
"""


def percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def wait_idle(page: Page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS
    )
    page.wait_for_timeout(400)


def time_presses(page: Page, charts: int, presses: int) -> list[float]:
    slider = page.get_by_role("slider", name=LABEL)
    slider.focus()
    value = 30_000
    samples: list[float] = []
    for _ in range(presses + 1):  # the first press is a warm-up
        value += 100
        page.evaluate(
            "want => { window.__press = {key: null, done: null, want: want}; }",
            {"text": f"{value:,}", "value": value, "charts": charts},
        )
        slider.press("ArrowRight")
        page.wait_for_function("() => window.__press.done !== null", timeout=TIMEOUT_MS)
        samples.append(page.evaluate("() => window.__press.done - window.__press.key"))
        wait_idle(page)
    return samples[1:]


def measure(name: str, source: str, presses: int, chromium: str) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="lnp-floor-"))
    try:
        (folder / "app.py").write_text(source, encoding="utf-8")
        (folder / ".streamlit").mkdir()
        shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
        charts = 2 if "st.plotly_chart" in source or "live_chart(" in source else 0
        with running_app(folder) as base_url, sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.add_init_script(INIT_SCRIPT)
                page.goto(base_url)
                page.locator('[data-testid="stMetricValue"]').wait_for(timeout=TIMEOUT_MS)
                if charts:
                    page.locator(".js-plotly-plot").nth(charts - 1).wait_for(timeout=TIMEOUT_MS)
                wait_idle(page)
                return time_presses(page, charts, presses)
            finally:
                browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--presses", type=int, default=20, help="timed key presses per probe")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium found: set CHROMIUM_PATH or install Debian's chromium")
        return 1
    print("| probe | presses | median ms | p5 ms | p95 ms | max ms |")
    print("| :-- | --: | --: | --: | --: | --: |")
    for name, source in PROBES.items():
        samples = measure(name, source, args.presses, chromium)
        print(
            f"| {name} | {len(samples)} | {statistics.median(samples):.0f} "
            f"| {percentile(samples, 0.05):.0f} | {percentile(samples, 0.95):.0f} "
            f"| {max(samples):.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
