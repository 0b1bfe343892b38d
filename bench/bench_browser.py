"""Benchmark of the dashboard in a real browser: how long a first visit and a new principal take.

Run it from the repository root::

    uv run python bench/bench_browser.py              # 5 page loads, 20 key presses
    uv run python bench/bench_browser.py --presses 40 --loads 8
    uv run python bench/bench_browser.py --typed      # type each principal, then Enter

It starts the app itself (``python -m streamlit run app.py`` on a free loopback port, headless,
no file watcher, no usage statistics, its log in a temporary file outside the repository),
drives Debian's Chromium through Playwright (``$CHROMIUM_PATH``, else ``chromium`` on the
PATH) and always stops the server at the end. It prints Markdown tables:

1. **Page load**: a fresh browser context (empty cache, new session) opens the home page from
   the share link of a borrower's case (``?principal=12000``; a first visit without one shows
   only the form for the borrower's own numbers, with no cards or charts), over ``--loads``
   loads after one unmeasured load that warms the server (its first run imports plotly and
   pandas; it is shown on its own). "Fully drawn" is the first moment when the Plotly charts
   have been drawn with their traces and are visible, the first metric shows the core's figure
   (the contract's highest monthly payment, the card's first figure) and Streamlit's "running"
   state is gone. Milestones on the way (the app's shell, the first websocket message, the
   script finished, the charts' data received, Plotly's lazily loaded chunk fetched) show where
   the time goes.
2. **Key press → every chart shows the new figures**: ``--presses`` presses of ArrowUp in the
   sidebar's principal box (+100 yuan each: a number input's step, sent at once as a slider's
   key press was before issue 13 made the principal a box to type into), each after the previous
   rerun has settled. With ``--typed`` each new principal is typed into the box instead
   (Playwright's ``fill``, which sends nothing) and the press timed is Enter, which sends it.
   Either way what is sent (one new principal, 100 yuan up) and the rerun it causes (the results
   fragment) are those of the slider's press that the README's earlier figures measured. A press
   is done when the first metric reads the payment the core computes for the new principal *and*
   every chart has been drawn with the new data: the timeline's first trace (what is still owed)
   starts at the new principal and the cost chart's principal bar is the new principal (the
   expected values come from ``ui.charts.figures`` on the case the widgets describe). The first
   press after the load is shown on its own.
3. **Where the time goes** in a press (medians): key → the browser sends the new value; → the
   server's first reply; → the last chart message arrives (the results fragment's rerun up to
   the charts); chart data → the charts' first Plotly draw with it; → the charts shown (the
   home page's charts stay mounted and Plotly redraws them in place, see ``ui.live_chart``; a
   chart that ``st.plotly_chart`` draws is mounted anew, drawn hidden, then redrawn at its
   width and shown; only visible charts count as updated); the last message of the rerun and
   the end of the "running" state; the last chart redraw. Then the server alone, without a
   browser: the results fragment's rerun (what a press runs, see ``app.py``) and a rerun of the
   whole page in Streamlit's ``AppTest``, and the chart pieces
   (``core.compare``, ``ui.charts.figures``, and encoding the figures as the live charts'
   JSON), each with a new principal.
4. The targets (press: median < 250 ms, p95 < 500 ms; first full render < 5 s), met or not.

All times are taken inside the page with ``performance.now()``: an init script wraps the page's
``WebSocket`` to time every message (and every send), listens for the key-down, hooks Plotly's
``plotly_afterplot`` event on each chart and checks the conditions in the first animation frame
after any DOM change (a ``MutationObserver`` asks for the frame; a change shows in a painted
frame, and checking on every single change forced the page to recompute its styles mid-work),
so the Python side only waits for the result (Playwright's own websocket
events carry no timestamps and arrive late through the driver). Percentiles interpolate
linearly between samples (with 5 loads, p95 is close to the maximum). The whole run takes
about one minute on 2 cores.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import os
import platform
import signal
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
# So that ``python bench/bench_browser.py`` finds ``core`` and ``ui``, and the ``appserver``
# module it shares with the browser tests (``tests/`` is no package: its modules are top-level).
for _path in (_ROOT / "tests", _ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from appserver import CHROMIUM_ARGS, find_chromium, running_app
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    ViewportSize,
    sync_playwright,
)

from core import compare
from core.text import t
from ui.charts import figures
from ui.format import money
from ui.options import labelled

CHARTS = 2  # the home page's Plotly charts: the timeline (two panels) and the cost breakdown
from ui.values import case_from_values

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
TIMEOUT_MS = 30_000
SIDEBAR = '[data-testid="stSidebar"]'
QUIET_MS = 300  # a press or load has settled when nothing happened for this long
# Every visit opens the share link of a borrower's case: a first visit without one shows only
# the form for the borrower's own numbers, with no cards or charts to wait for.
LINK_PRINCIPAL_YUAN = 12_000.0
LINK = f"principal={LINK_PRINCIPAL_YUAN:g}"
PRINCIPAL_STEP_YUAN = 100.0

TARGET_PRESS_MEDIAN_MS = 250.0
TARGET_PRESS_P95_MS = 500.0
TARGET_FIRST_RENDER_MS = 5_000.0

# Installed in every page before its own scripts run. ``want`` says what "done" looks like:
# the first metric's text and, per chart, which coordinate of the first trace's first point
# must hold which value; ``idle`` also asks for Streamlit's run to be over.
INSTRUMENT = r"""
(() => {
  if (window.__lnp) return;
  const S = {
    msgs: [], sends: [], states: [], draws: [],
    key: null, want: null, done: null, doneBy: null, elements: 0,
  };
  window.__lnp = S;
  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  class Timed extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const at = performance.now();
        const data = event.data;
        const isBuffer = data instanceof ArrayBuffer;
        const bytes = isBuffer ? data.byteLength : String(data).length;
        // A chart's figure travels as JSON inside the protobuf message.
        const chart = isBuffer && decoder.decode(data).includes('"hovertemplate"');
        S.msgs.push([at, bytes, chart]);
        schedule();
      });
    }
    send(data) {
      S.sends.push(performance.now());
      return super.send(data);
    }
  }
  window.WebSocket = Timed;
  window.addEventListener('keydown', () => {
    if (S.key === null) S.key = performance.now();
  }, true);

  const point = (el) => {
    const trace = el.data && el.data[0];
    return trace ? {x: trace.x ? trace.x[0] : null, y: trace.y ? trace.y[0] : null} : null;
  };
  const hook = (el) => {
    if (el.__lnpHooked || typeof el.on !== 'function') return;
    el.__lnpHooked = true;
    S.elements += 1;
    el.on('plotly_afterplot', () => {
      el.__lnpDrawn = point(el);
      el.__lnpLate = false;
      S.draws.push([performance.now(), el.checkVisibility({visibilityProperty: true})]);
      schedule();
    });
    // Hooked after a draw had already finished (not seen so far): take the SVG as proof.
    if (el._fullLayout && el.data && el.querySelectorAll('g.trace').length >= el.data.length) {
      el.__lnpDrawn = point(el);
      el.__lnpLate = true;
    }
  };
  const same = (a, b) => typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) < 1e-6 : a === b;
  const state = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app ? app.getAttribute('data-test-script-state') : null;
  };
  function check() {
    const now = performance.now();
    const current = state();
    if (!S.states.length || S.states[S.states.length - 1][1] !== current) {
      S.states.push([now, current]);
    }
    const all = Array.from(document.querySelectorAll('.js-plotly-plot'));
    all.forEach(hook);
    // During a rerun the new charts are drawn hidden (visibility) next to the old ones
    // (display: none): only charts a borrower can see count.
    const charts = all.filter((el) => el.checkVisibility({visibilityProperty: true}));
    const want = S.want;
    if (!want || S.done !== null) return;
    if (want.idle && current !== 'notRunning') return;
    const metric = document.querySelector('[data-testid="stMetricValue"]');
    if (!metric || metric.textContent.trim() !== want.metric) return;
    if (charts.length !== want.charts.length) return;
    const drawn = charts.every((el, i) => el.__lnpDrawn
      && same(el.__lnpDrawn[want.charts[i][0]], want.charts[i][1]));
    if (!drawn) return;
    S.done = now;
    S.doneBy = charts.some((el) => el.__lnpLate) ? 'svg' : 'afterplot';
  }
  // Checked once per animation frame, just before the browser paints it: a change can only
  // be seen in a painted frame, and reading visibility on every DOM change would force style
  // recalculations in the middle of the page's own work and slow down what is measured.
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; check(); });
  };
  new MutationObserver(schedule).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });

  S.arm = (want) => {
    S.want = want; S.key = null; S.done = null; S.doneBy = null;
    S.msgs = []; S.sends = []; S.draws = [];
    S.states = [[performance.now(), state()]];
    check();
  };
  S.settled = (quiet) => {
    if (S.done === null || state() !== 'notRunning') return false;
    const times = [S.done, ...S.msgs.map((m) => m[0]), ...S.draws.map((d) => d[0]),
                   ...S.states.map((s) => s[0])];
    return performance.now() - Math.max(...times) >= quiet;
  };
  S.result = () => ({
    key: S.key, done: S.done, doneBy: S.doneBy, elements: S.elements, msgs: S.msgs, sends: S.sends,
    states: S.states, draws: S.draws,
    resources: performance.getEntriesByType('resource').map((r) => ({
      name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.transferSize})),
  });
  S.want = __WANT__;
})();
"""


@dataclass(frozen=True, slots=True)
class Expected:
    """What the page shows for a principal, straight from the core and the chart builder."""

    principal: float
    metric: str
    charts: tuple[tuple[str, float], ...]  # per chart: coordinate of first point, value

    def want(self, *, idle: bool) -> dict[str, Any]:
        return {"metric": self.metric, "charts": [list(c) for c in self.charts], "idle": idle}


def expected(principal: float) -> Expected:
    """The first card's payment and the charts' first points: the default inputs, this principal."""
    built = case_from_values({"principal": principal})
    assert built.case is not None, built.errors
    result = compare(built.case)
    timeline, cost = figures(labelled(result, built.proposal_numbers, "en"), "en")
    return Expected(
        principal=principal,
        metric=money(result.contract.summary.highest_payment),
        charts=(
            ("y", float(timeline["data"][0]["y"][0])),
            ("x", float(cost["data"][0]["x"][0])),
        ),
    )


def new_context(browser: Browser, want: dict[str, Any] | None) -> BrowserContext:
    context = browser.new_context(locale="en-US", viewport=VIEWPORT)
    context.add_init_script(INSTRUMENT.replace("__WANT__", json.dumps(want)))
    return context


def wait_settled(page: Page) -> dict[str, Any]:
    page.wait_for_function(
        "(quiet) => window.__lnp.settled(quiet)", arg=QUIET_MS, polling=25, timeout=TIMEOUT_MS
    )
    result: dict[str, Any] = page.evaluate("() => window.__lnp.result()")
    return result


def _after(times: Sequence[float], start: float) -> list[float]:
    return [at for at in times if at >= start]


@dataclass(frozen=True, slots=True)
class Load:
    """Milestones of one page load, in ms since navigation started."""

    shell: float | None  # Streamlit's app element first seen
    first_message: float | None
    script_done: float | None  # the "running" state ends
    chart_data: float | None  # last chart message received
    chunk_start: float | None  # Plotly's chunk requested
    chunk_end: float | None  # Plotly's chunk fully fetched
    chunk_bytes: int | None
    first_draw: float | None  # first chart drawn by Plotly
    drawn: float  # everything drawn and visible (the measure)
    settled: float  # last chart redraw
    by: str


def _first_state(states: list[list[Any]], value: str, after: float = 0.0) -> float | None:
    return next((at for at, state in states if state == value and at >= after), None)


def measure_load(browser: Browser, base_url: str, want: Expected) -> Load:
    context = new_context(browser, want.want(idle=True))
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{base_url}/?{LINK}", timeout=TIMEOUT_MS)
        result = wait_settled(page)
    finally:
        context.close()
    states: list[list[Any]] = result["states"]
    shell = next((at for at, state in states if state is not None), None)
    running = _first_state(states, "running")
    chart_times = [at for at, _, chart in result["msgs"] if chart]
    chunk = [r for r in result["resources"] if "PlotlyChart" in r["name"]]
    draws = [at for at, _ in result["draws"]]
    return Load(
        shell=shell,
        first_message=result["msgs"][0][0] if result["msgs"] else None,
        script_done=_first_state(states, "notRunning", running) if running is not None else None,
        chart_data=max(chart_times) if chart_times else None,
        chunk_start=chunk[0]["start"] if chunk else None,
        chunk_end=chunk[0]["end"] if chunk else None,
        chunk_bytes=int(chunk[0]["bytes"]) if chunk else None,
        first_draw=min(draws) if draws else None,
        drawn=float(result["done"]),
        settled=max(draws or [result["done"]]),
        by=str(result["doneBy"]),
    )


@dataclass(frozen=True, slots=True)
class Press:
    """One key press, in ms since its key-down."""

    total: float  # metric and every chart shows the new figures
    sent: float | None  # the principal's new value sent to the server
    first_reply: float | None  # first server message after the send
    chart_data: float | None  # last chart message received before the charts were shown
    first_draw: float | None  # first Plotly draw of the new figures
    last_message: float | None  # last message of the rerun
    idle: float | None  # the "running" state ends
    last_draw: float | None  # last chart redraw
    draws: int  # afterplot events (two charts)
    by: str


def principal_box(page: Page) -> Locator:
    """The sidebar's principal box (its label names it; a help button's name only contains it)."""
    return page.locator(SIDEBAR).get_by_role(
        "spinbutton", name=t("input.principal", "en"), exact=True
    )


def measure_press(page: Page, want: Expected, *, typed: bool = False) -> Press:
    """One press in the focused principal box: ArrowUp (one step up), or with ``typed`` the
    new principal typed in first (no key events, nothing sent) and Enter."""
    box = principal_box(page)
    box.focus()
    if typed:
        box.fill(f"{want.principal:.2f}")
    page.evaluate("(want) => window.__lnp.arm(want)", want.want(idle=False))
    page.keyboard.press("Enter" if typed else "ArrowUp")
    result = wait_settled(page)
    key = result["key"]
    if key is None:
        raise RuntimeError("the key press never reached the page")
    done = float(result["done"])
    sends = _after(result["sends"], key)
    messages = [m for m in result["msgs"] if m[0] >= key]
    first_reply = next((at for at, _, _ in messages if sends and at >= sends[0]), None)
    charts = [at for at, _, chart in messages if chart and at <= done]
    running = _first_state(result["states"], "running", key)
    idle = _first_state(result["states"], "notRunning", running) if running is not None else None
    draws = _after([at for at, _ in result["draws"]], key)

    def since_key(at: float | None) -> float | None:
        return None if at is None else at - key

    return Press(
        total=done - key,
        sent=since_key(sends[0] if sends else None),
        first_reply=since_key(first_reply),
        chart_data=since_key(max(charts) if charts else None),
        first_draw=since_key(min(draws) if draws else None),
        last_message=since_key(messages[-1][0] if messages else None),
        idle=since_key(idle),
        last_draw=since_key(max(draws) if draws else None),
        draws=len(draws),
        by=str(result["doneBy"]),
    )


def measure_presses(
    browser: Browser, base_url: str, presses: int, *, typed: bool = False
) -> tuple[Press, list[Press], str]:
    """One warm-up press, then ``presses`` measured ones; the principal box's value at the end."""
    context = new_context(browser, expected(LINK_PRINCIPAL_YUAN).want(idle=True))
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{base_url}/?{LINK}", timeout=TIMEOUT_MS)
        wait_settled(page)
        box = principal_box(page)
        principal = LINK_PRINCIPAL_YUAN
        results: list[Press] = []
        for _ in range(presses + 1):
            principal += PRINCIPAL_STEP_YUAN
            results.append(measure_press(page, expected(principal), typed=typed))
        value = box.input_value()
        if float(value) != principal:
            raise RuntimeError(f"the principal box ended at {value}, expected {principal:.2f}")
    finally:
        context.close()
    return results[0], results[1:], value


@dataclass(frozen=True, slots=True)
class Server:
    """The server's share without a browser: medians in ms."""

    fragment: float  # AppTest: the results fragment's rerun after the principal changed
    page: float  # AppTest: a rerun of the whole page (as a load or a language switch does)
    compare: float  # core.compare
    figures: float  # ui.charts.figures: the Plotly figures
    encode: float  # the figures as the JSON the live charts receive
    runs: int


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_server(runs: int = 10) -> Server:
    """Time the rerun in Streamlit's AppTest (same script, no browser and no websocket) and
    the chart pieces on their own, each with a new principal like a key press."""
    import logging

    from streamlit.testing.v1 import AppTest

    # AppTest's script thread ends with a harmless "missing ScriptRunContext" warning.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(
        logging.ERROR
    )

    at = AppTest.from_file(str(_ROOT / "app.py"), default_timeout=60)
    at.context = {"locale": "en-US", "timezone": "Asia/Shanghai"}
    at.query_params["principal"] = f"{LINK_PRINCIPAL_YUAN:g}"  # the share link, as in Chromium
    at.run()
    principal = LINK_PRINCIPAL_YUAN
    fragment_times = []
    page_times = []
    for _ in range(runs):
        principal += PRINCIPAL_STEP_YUAN
        at.sidebar.number_input(key="principal").set_value(principal)
        start = time.perf_counter()
        at.run()  # reruns only the results fragment, as the key press does
        fragment_times.append((time.perf_counter() - start) * 1000)
        if at.exception or at.metric[0].value != expected(principal).metric:
            raise RuntimeError(f"AppTest rerun went wrong at principal {principal:.0f}")
        start = time.perf_counter()
        at.run()  # the whole page (AppTest then holds the sidebar again)
        page_times.append((time.perf_counter() - start) * 1000)
    built = case_from_values({"principal": principal})
    assert built.case is not None
    case = built.case
    result = compare(case)
    compared = labelled(result, built.proposal_numbers, "en")
    made = figures(compared, "en")
    return Server(
        fragment=statistics.median(fragment_times),
        page=statistics.median(page_times),
        compare=_median_ms(lambda: compare(case), runs),
        figures=_median_ms(lambda: figures(compared, "en"), runs),
        encode=_median_ms(lambda: [json.dumps({"figure": f}) for f in made], runs),
        runs=runs,
    )


# --- reporting -------------------------------------------------------------------------------


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolating linearly between sorted samples."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _values(samples: Sequence[float | None]) -> list[float]:
    return [s for s in samples if s is not None]


def _ms(value: float | None) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:,.0f}"


def _row(name: str, samples: Sequence[float | None]) -> str:
    values = _values(samples)
    if not values:
        return f"| {name} | — | — | — | — |"
    return (
        f"| {name} | {_ms(statistics.median(values))} | {_ms(percentile(values, 95))} "
        f"| {_ms(min(values))} | {_ms(max(values))} |"
    )


def _median(samples: Sequence[float | None]) -> float | None:
    values = _values(samples)
    return statistics.median(values) if values else None


def _gap(ends: Sequence[float | None], starts: Sequence[float | None]) -> float | None:
    """Median of ``end - start`` over the samples where both are known."""
    return _median(
        [
            e - s if e is not None and s is not None else None
            for e, s in zip(ends, starts, strict=True)
        ]
    )


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def print_environment(chromium: str, browser_version: str) -> None:
    print("## Browser benchmark of the dashboard\n")
    print("| Machine | Value |")
    print("|---|---|")
    print(f"| CPUs | {os.cpu_count()} |")
    print(f"| Python | {platform.python_version()} |")
    print(
        f"| streamlit / plotly / playwright | {_version('streamlit')} / {_version('plotly')} / "
        f"{_version('playwright')} |"
    )
    print(f"| Chromium | {browser_version} ({chromium}) |")
    print()


def print_loads(cold: Load, loads: list[Load]) -> None:
    print(f"### Page load: open → fully drawn (ms since navigation start, {len(loads)} loads)\n")
    print("Fresh context each time (empty cache, new session), 1280×800, English.\n")
    print("| Milestone | median | p95 | min | max |")
    print("|---|---:|---:|---:|---:|")
    rows: list[tuple[str, list[float | None]]] = [
        ("app shell shown", [x.shell for x in loads]),
        ("first websocket message", [x.first_message for x in loads]),
        ("last chart's data received", [x.chart_data for x in loads]),
        ("Plotly chunk requested", [x.chunk_start for x in loads]),
        ("Plotly chunk fetched", [x.chunk_end for x in loads]),
        ("script run over (running state gone)", [x.script_done for x in loads]),
        ("first chart drawn by Plotly", [x.first_draw for x in loads]),
        ("**fully drawn** (charts shown, metrics, idle)", [x.drawn for x in loads]),
        ("last chart redraw (settled)", [x.settled for x in loads]),
    ]
    for name, samples in rows:
        print(_row(name, samples))
    sizes = _values([x.chunk_bytes for x in loads])
    size = f"{statistics.median(sizes) / 1e6:.1f} MB over the wire" if sizes else "size unknown"
    print(
        f"\nPlotly's chunk: {size}; from fetched to first chart drawn (parse, run, draw): "
        f"{_ms(_gap([x.first_draw for x in loads], [x.chunk_end for x in loads]))} ms median. "
        f"First load after the server started (not in the table): fully drawn at "
        f"{_ms(cold.drawn)} ms, script run over at {_ms(cold.script_done)} ms.\n"
    )


def print_presses(first: Press, presses: list[Press], end_value: str, *, typed: bool) -> None:
    how = (
        "each principal typed into the sidebar's box, timed from Enter"
        if typed
        else "ArrowUp in the sidebar's principal box, +100 yuan a press"
    )
    print(
        f"### Key press → metric and every chart shows the new figures "
        f"({len(presses)} presses, ms)\n"
    )
    print(f"Presses: {how}.\n")
    print("| Measure | median | p95 | min | max |")
    print("|---|---:|---:|---:|---:|")
    print(_row("**key press → every chart updated**", [p.total for p in presses]))
    print(
        f"\nFirst press after the load (not in the table): {_ms(first.total)} ms. "
        f"The principal box ended at {end_value}. Plotly draws per press: "
        f"{sorted({p.draws for p in presses})} ({CHARTS} charts).\n"
    )


def print_stages(presses: list[Press], server: Server) -> None:
    print("### Where the time goes in a press (medians, ms)\n")
    print("| Stage | median |")
    print("|---|---:|")
    sent = [p.sent for p in presses]
    data = [p.chart_data for p in presses]
    first_draw = [p.first_draw for p in presses]
    total: list[float | None] = [p.total for p in presses]
    stages = [
        ("key-down → principal value sent (browser)", _median(sent)),
        (
            "sent → first server message (loopback + rerun start)",
            _gap([p.first_reply for p in presses], sent),
        ),
        (
            "sent → last chart message received (server: the results fragment up to the charts)",
            _gap(data, sent),
        ),
        (
            "last chart message → charts first drawn with it (browser)",
            _gap(first_draw, data),
        ),
        (
            "first draw → charts shown with the new figures (browser)",
            _gap(total, first_draw),
        ),
        ("**key-down → every chart updated**", _median(total)),
        (
            "key-down → last message of the rerun (tables and schedules follow the charts)",
            _median([p.last_message for p in presses]),
        ),
        (
            "last message of the rerun → every chart updated (negative: shown before it)",
            _gap(total, [p.last_message for p in presses]),
        ),
        ("key-down → running state gone", _median([p.idle for p in presses])),
        ("key-down → last chart redraw", _median([p.last_draw for p in presses])),
    ]
    for name, value in stages:
        print(f"| {name} | {_ms(value)} |")
    print(f"\nThe server without a browser (medians of {server.runs}, new principal each):\n")
    print("| Server piece | median |")
    print("|---|---:|")
    print(
        "| the results fragment's rerun in AppTest (what a press runs; no websocket, no browser)"
        f" | {server.fragment:,.0f} |"
    )
    print(f"| the whole page's rerun in AppTest (a load, a language switch) | {server.page:,.0f} |")
    print(f"| core.compare | {server.compare:,.1f} |")
    print(f"| ui.charts.figures (the Plotly figures) | {server.figures:,.0f} |")
    print(f"| the {CHARTS} figures as the live charts' JSON | {server.encode:,.0f} |")
    print()


def print_targets(loads: list[Load], presses: list[Press]) -> None:
    totals = [p.total for p in presses]
    drawn = [x.drawn for x in loads]
    rows = [
        ("Key press → charts, median", statistics.median(totals), TARGET_PRESS_MEDIAN_MS),
        ("Key press → charts, p95", percentile(totals, 95), TARGET_PRESS_P95_MS),
        ("First full render, median", statistics.median(drawn), TARGET_FIRST_RENDER_MS),
        ("First full render, p95", percentile(drawn, 95), TARGET_FIRST_RENDER_MS),
    ]
    print("### Targets\n")
    print("| Target | measured (ms) | limit (ms) | |")
    print("|---|---:|---:|---|")
    for name, value, limit in rows:
        verdict = "met" if value < limit else "**not met**"
        print(f"| {name} | {_ms(value)} | < {_ms(limit)} | {verdict} |")
    print()


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through ``finally``: the server is stopped


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--presses", type=int, default=20, help="key presses to time")
    parser.add_argument("--loads", type=int, default=5, help="fresh page loads to time")
    parser.add_argument(
        "--typed", action="store_true", help="type each principal and time Enter, not ArrowUp"
    )
    args = parser.parse_args(argv)
    if args.presses < 1 or args.loads < 1:
        parser.error("--presses and --loads must be at least 1")
    chromium = find_chromium()
    if chromium is None:
        print("No Chromium: set CHROMIUM_PATH or install Debian's `chromium`.", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    started = time.monotonic()
    default = expected(LINK_PRINCIPAL_YUAN)
    with (
        running_app(_ROOT, log_prefix="lnp-bench-streamlit-") as base_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            cold = measure_load(browser, base_url, default)
            loads = [measure_load(browser, base_url, default) for _ in range(args.loads)]
            first, presses, end_value = measure_presses(
                browser, base_url, args.presses, typed=args.typed
            )
            version = browser.version
        finally:
            browser.close()
    server = measure_server()
    print_environment(chromium, version)
    print_loads(cold, loads)
    print_presses(first, presses, end_value, typed=args.typed)
    print_stages(presses, server)
    print_targets(loads, presses)
    late = sum(x.by == "svg" for x in loads) + sum(p.by == "svg" for p in presses)
    if late:
        print(
            f"({late} measurements relied on the SVG check: "
            "a chart was drawn before it was hooked.)"
        )
    print(f"Total run time: {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
