"""Benchmark of the dashboard in a real browser: every measure of issue 15, on the page's clock.

Run it from the repository root::

    uv run python bench/bench_browser.py                      # everything (about 5-8 minutes)
    uv run python bench/bench_browser.py --only presses,pages # a subset
    uv run python bench/bench_browser.py --presses 40 --loads 8 --cold 1
    uv run python bench/bench_browser.py --typed              # type each principal, then Enter

``--only`` takes a comma-separated list of ``loads`` (later visits), ``cold`` (first visits
after a server start), ``presses`` (inputs on the home page), ``pages``, ``language``,
``rungs``, ``lenders`` and ``server`` (the server alone, without a browser); the counts are
``--loads``, ``--cold``, ``--presses`` (per series), ``--switches``, ``--languages``,
``--rungs`` and ``--changes``. The defaults time at least 20 actions of every kind, and 3
first visits after a server start (each a server start of its own).

It starts the app itself with ``tests/appserver.py``'s ``running_app`` (``python -m streamlit
run app.py`` on a free loopback port, headless, no file watcher, no usage statistics, its log
in a temporary file outside the repository) and always stops it; it drives Debian's Chromium
through Playwright (``$CHROMIUM_PATH``, else ``chromium`` on the PATH). Every visit opens a
share link: the home page from the borrower's case ``?principal=12000`` (a first visit without
one shows only the form for the borrower's own numbers, with no cards or charts), the lenders
page from a link of eight lenders. It prints Markdown tables (median, p95, min, max), then the
targets, met or not.

**How an action is timed.** All times but the driver's view are taken inside the page with
``performance.now()`` by an init script (``INSTRUMENT``) installed before the page's own
scripts: it wraps the page's ``WebSocket`` to time every message (and every send), hooks
Plotly's ``plotly_afterplot`` on each chart, records every change of Streamlit's script state
(``[data-testid="stApp"]``'s ``data-test-script-state``) and checks what the page shows in
the first animation frame after any DOM change (a ``MutationObserver`` asks for the frame; a
change shows in a painted frame, and checking on every single change forced the page to
recompute its styles mid-work). It also reads two of Streamlit's own small messages: the
session's status (a run begins) and ``script_finished`` (a run ends, or stops early for a
rerun that follows, as when a widget's callback calls ``st.rerun``); the page's state
attribute alone misses a whole run when its messages are handled in one task. "A run began
after the start and is over" means: a run began after the start, the last one has finished
(not stopped early) and the page's state reads ``notRunning``.

Before an action the benchmark *arms* the page with what "done" looks like; the action
**starts** at its first ``keydown``, ``pointerdown``, ``mousedown`` or ``click`` event, heard
in the capture phase before any of the page's own handlers. Four views of one action:

- **done (page clock)**: start → the first painted frame in which the action's own condition
  holds (below, per measure).
- **last figure changed (page clock)**, the generic measure: start → the last frame in which
  a figure in the main area changed, once the page has settled (the run over and nothing —
  message, state, chart draw, figure — for ``QUIET_MS``). A figure changes when text changes
  (``characterData`` or ``childList`` mutations) inside a metric (``stMetricValue``,
  ``stMetricLabel``), Markdown (``stMarkdownContainer``: cards, captions, alerts, Markdown
  tables), a heading or a table in ``[data-testid="stMain"]``, or when elements holding them
  are added or removed there; and when a visible chart is drawn (``plotly_afterplot``), or a
  chart drawn hidden is shown. Not counted: the sidebar, the header and its status widget,
  toasts, a slider's own value and tick labels, and attribute-only changes (Streamlit fades
  stale elements through attributes and classes). On the principal press it is printed
  beside the exact measure to validate it.
- **last chart drawn or shown (page clock)**: the same, for the charts alone; and the last
  text figure changed, for the text alone (cards, tables, Markdown).
- **driver's view**: Python's ``time.perf_counter()`` from just before Playwright's
  ``keyboard.press``/``click`` to the moment ``page.wait_for_function`` (polling on every
  animation frame) sees the page's done flag: what a test driver sees, including the
  driver's own round trips and, for a click, Playwright's scrolling and actionability checks.

The measures:

1. **Page load, a later visit** (``--loads``; the server already warm): a fresh browser
   context (empty cache, new session) opens the home page's link, after one unmeasured load
   that warms the server (its first run imports plotly and pandas; shown on its own). In ms
   since navigation start: **first figure** (the first metric shows text), **every chart
   drawn** (both Plotly charts visible and drawn with the case's figures: the timeline's
   first trace starts at the principal, the cost chart's principal bar is the principal, as
   ``ui.charts.figures`` builds them), fully drawn (those, the first metric showing the
   core's payment and the run over), and milestones on the way (the app's shell, the first
   websocket message, the charts' data, Plotly's script fetched, the run over).
2. **The first visit after the server starts** (``--cold``, default 3): the server is
   started ``--cold`` times (each a ``running_app`` of its own, stopped after) and the first
   visit to each is timed as a load.
3. **An input on the home page → every card and chart shows the new figures**
   (``--presses`` per series, after one unmeasured press each; the target is about the last
   figure changed): (a) ArrowUp in the sidebar's principal box (+100 yuan a press; with
   ``--typed`` each new principal is typed in with Playwright's ``fill``, which sends
   nothing, and Enter is timed), done when the first metric reads the core's payment for the
   new principal and every chart has been drawn with the new data (as in a load); (b)
   ArrowRight and ArrowLeft in turn on the first proposal's "months added" slider (its value
   goes 12 → 13 → 12 …), done when every visible chart has been drawn since the start. Each
   (i) with the default tab below the charts open (the comparison table) and (ii) with "What
   to ask for" open (``ui.results.DETAIL_TABS``), whose offers are solved again on every
   change. A press starts after the previous one has settled. The principal press also
   shows where its time goes: key → value sent → the callback's run → the results
   fragment's run → last chart message → charts drawn → shown; the run's end; then the
   server alone, without a browser (the results fragment's rerun and the whole page's in
   Streamlit's ``AppTest``, ``core.compare``, ``ui.charts.figures``, the JSON encoding).
4. **Page switch → the new page usable** (``--switches``): from the home page, clicks on the
   sidebar's navigation links (``st.page_link``, ``ui.nav.PAGES``) to each other page and
   back home in turn, after one unmeasured round (the server's first run of each page,
   shown on its own). Done (usable) when the main area's ``h1`` shows the page's heading, a
   run began after the click and is over, and on the home page both charts have been drawn
   since the click. Per destination and overall.
5. **Language switch** (``--languages``): the sidebar's language control, English → Chinese
   → English …, after one unmeasured switch. Done when the ``h1`` shows the other
   language's ``app.title``, a run began after the click and is over, a metric shows text
   and both charts have been drawn again since the click (their titles, axes and legends are
   in the new language).
6. **A ladder rung loaded into a proposal** (``--rungs``): on the "What to ask for" tab, the
   buttons "Use as proposal 1", 2, 3, 1, … (``ui.advice._offer``), after one unmeasured
   load. Done when the proposal editor's main levers (``ui.registry.MAIN_LEVERS``) hold the
   offer's values (``ui.values.proposal_values`` of ``core.ladder.offer_ladder`` for the
   link's case), a run began after the click and is over, and both charts have been drawn
   since the click. After each load the undo notice's button puts the levers back as they
   were (not timed; checked), so that every load changes what the page shows.
7. **The lenders page with eight lenders** (``--changes``): opened from a share link of
   eight lenders (``l2``…``l8``); ArrowUp in the sidebar's monthly income box (+100 yuan,
   so the budget split changes), after one unmeasured press. Done when a run began after
   the key and is over; the target is about the last chart drawn or shown (the charts stay
   on the page and a changed one is redrawn in place; an unchanged one is not drawn again).

**Where the time goes**, per kind of action (medians): bytes received over the websocket
after the start (the sum of message sizes), messages, script runs begun (and how many
stopped early for a rerun), Plotly draws and the main thread's long tasks; and the number of
elements (``stElementContainer``) in the main area and the sidebar of every page, the lenders
page with eight lenders included.

Percentiles interpolate linearly between samples (with few samples p95 is close to the
maximum). Where the issue gives one limit, the median is held to it. No timing is asserted:
the benchmark only reports.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.metadata
import json
import math
import os
import platform
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlencode

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
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.SessionStatus_pb2 import SessionStatus

from core import compare
from core.ladder import offer_ladder
from core.text import Lang, t
from ui.charts import figures
from ui.format import money
from ui.lenders import Lender
from ui.link import lenders_link_params, link_params
from ui.nav import HOME_PAGE, PAGES
from ui.options import labelled
from ui.registry import LANG_PARAM, MAIN_LEVERS, Key
from ui.results import DETAIL_TABS
from ui.values import case_from_values, proposal_values

CHARTS = 2  # the home page's Plotly charts: the timeline (two panels) and the cost breakdown
LENDER_CHARTS = 2  # the lenders page's: the payments under the split, and what is owed
# (waited for when the page opens; a change redraws only the charts whose figures changed)

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
TIMEOUT_MS = 30_000
SIDEBAR = '[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'
QUIET_MS = 300  # an action or load has settled when nothing happened for this long
# Every visit opens the share link of a borrower's case: a first visit without one shows only
# the form for the borrower's own numbers, with no cards or charts to wait for.
LINK_PRINCIPAL_YUAN = 12_000.0
LINK = f"principal={LINK_PRINCIPAL_YUAN:g}"
PRINCIPAL_STEP_YUAN = 100.0
SLIDER_KEY = "p1_add"  # the first proposal's "months added" slider (12 at the start)
LANGUAGES: tuple[Lang, ...] = ("zh", "en")  # the language control's options, in its order
TABLE_TAB, LADDER_TAB = DETAIL_TABS[0], DETAIL_TABS[1]  # catalog keys of two tabs' labels
RUNGS = 3
# Plotly's script, by the name of its file: the app's basic bundle (``ui.live_chart``) or the
# ``PlotlyChart`` chunk Streamlit ships.
PLOTLY_SCRIPT = "plotly"
# Eight lenders (name, principal, days overdue, overdue amount), the first in the link's own
# parameters, the others in ``l2``…``l8``; and a budget that leaves something to split.
LENDERS = (
    ("借呗", 30_000, 40, 3_000),
    ("某银行信用卡", 60_000, 100, 9_000),
    ("微粒贷", 15_000, 0, 0),
    ("花呗", 8_000, 20, 900),
    ("小贷", 5_000, 95, 1_500),
    ("京东金条", 12_000, 10, 600),
    ("美团月付", 3_000, 0, 0),
    ("分期乐", 9_000, 60, 1_200),
)
LENDERS_BUDGET = {Key.INCOME: 30_000.0, Key.EXPENSES: 5_500.0}
INCOME_STEP_YUAN = 100.0

# Issue 15's targets (ms).
TARGET_INPUT_MEDIAN_MS = 120.0
TARGET_INPUT_P95_MS = 200.0
TARGET_FIRST_FIGURE_MS = 1_500.0
TARGET_CHARTS_MS = 2_500.0
TARGET_COLD_CHARTS_MS = 4_000.0
TARGET_PAGE_MS = 600.0
TARGET_LANGUAGE_MS = 1_000.0
TARGET_RUNG_MS = 500.0
TARGET_LENDERS_MEDIAN_MS = 250.0
# The earlier targets (before issue 15).
TARGET_PRESS_MEDIAN_MS = 250.0
TARGET_PRESS_P95_MS = 500.0
TARGET_FIRST_RENDER_MS = 5_000.0

GROUPS = ("loads", "cold", "presses", "pages", "language", "rungs", "lenders", "server")

# Installed in every page before its own scripts run. ``want`` says what "done" looks like
# (every condition given must hold; "since" is the action's start, or navigation start for a
# load): ``metric``, the first metric's text; ``anyMetric``, a metric shows text; ``charts``,
# per chart which coordinate of the first trace's first point must hold which value;
# ``idle``, Streamlit's run is over; ``ran``, a run began since and is over; ``title``, the
# main area's h1; ``drawn``, at least that many charts visible, each drawn since; ``values``,
# [selector, value] pairs: the input's value (a number, or null for an empty box); ``absent``,
# selectors that match nothing.
INSTRUMENT = r"""
(() => {
  if (window.__lnp) return;
  const S = {
    msgs: [], sends: [], states: [], draws: [], figs: [], wire: [], chartFigs: [], textFigs: [],
    long: [],
    key: null, armed: false, want: null, done: null, doneBy: null, elements: 0,
    firstMetric: null, chartsAt: null, figDirty: false, chartDirty: false, textDirty: false,
  };
  window.__lnp = S;
  const decoder = new TextDecoder();
  // The run as the server tells it (a small protobuf ``ForwardMsg``): the session's status
  // (``running``, or ``stopped``) and a run's end (``finished``, or ``early`` when it stopped
  // for a rerun that follows). The page's own state attribute can miss a whole run when its
  // messages are handled in one task.
  const WIRE = __WIRE__;
  const varint = (bytes, start) => {
    let value = 0; let shift = 0; let i = start; let byte = 0x80;
    while (byte & 0x80 && i < bytes.length) {
      byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7;
    }
    return [value, i];
  };
  const fields = (bytes) => {  // top-level fields: number -> varint value or bytes
    const found = {};
    let i = 0;
    while (i < bytes.length) {
      const [tag, next] = varint(bytes, i);
      const type = tag & 7; const number = Math.floor(tag / 8); i = next;
      if (type === 0) { const [value, after] = varint(bytes, i); found[number] = value; i = after; }
      else if (type === 2) {
        const [size, after] = varint(bytes, i);
        found[number] = bytes.subarray(after, after + size); i = after + size;
      } else if (type === 1) i += 8;
      else if (type === 5) i += 4;
      else return found;
    }
    return found;
  };
  const runEvent = (bytes) => {
    const top = fields(bytes);
    if (top[WIRE.finished] !== undefined) {
      return top[WIRE.finished] === WIRE.early ? 'early' : 'finished';
    }
    const status = top[WIRE.status];
    if (status === undefined || typeof status === 'number') return null;
    return fields(status)[WIRE.running] === 1 ? 'running' : 'stopped';
  };
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
        if (isBuffer && bytes <= 128) {
          const what = runEvent(new Uint8Array(data));
          if (what !== null) S.wire.push([at, what]);
        }
        schedule();
      });
    }
    send(data) {
      S.sends.push(performance.now());
      return super.send(data);
    }
  }
  window.WebSocket = Timed;
  // The main thread's long tasks (50 ms or more): where the page itself was busy.
  try {
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) S.long.push([task.startTime, task.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (error) { /* no long task timing: the tables say none */ }
  // An action starts at its first key-down, pointer-down or click, heard before the page's
  // own handlers (capture phase).
  const begin = () => { if (S.key === null) S.key = performance.now(); };
  for (const type of ['keydown', 'pointerdown', 'mousedown', 'click']) {
    window.addEventListener(type, begin, true);
  }

  const visible = (el) => el.checkVisibility({visibilityProperty: true});
  const point = (el) => {
    const trace = el.data && el.data[0];
    return trace ? {x: trace.x ? trace.x[0] : null, y: trace.y ? trace.y[0] : null} : null;
  };
  // A chart drawn while visible is a figure changed now; one drawn hidden changes the screen
  // when it is shown (see ``check``).
  const drawn = (el, at) => {
    const shown = visible(el);
    el.__lnpShowPending = !shown;
    if (shown) { el.__lnpDrawnAt = at; S.figDirty = true; S.chartDirty = true; }
    return shown;
  };
  const hook = (el) => {
    if (el.__lnpHooked || typeof el.on !== 'function') return;
    el.__lnpHooked = true;
    S.elements += 1;
    el.on('plotly_afterplot', () => {
      const at = performance.now();
      el.__lnpDrawn = point(el);
      el.__lnpLate = false;
      S.draws.push([at, drawn(el, at)]);
      schedule();
    });
    // Hooked after a draw had already finished (not seen so far): take the SVG as proof, and
    // the hook's frame as the draw's time (a first draw is synchronous, before any frame).
    if (el._fullLayout && el.data && el.querySelectorAll('g.trace').length >= el.data.length) {
      const at = performance.now();
      el.__lnpDrawn = point(el);
      el.__lnpLate = true;
      S.draws.push([at, drawn(el, at)]);
    }
  };
  const same = (a, b) => typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) < 1e-6 : a === b;
  const state = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app ? app.getAttribute('data-test-script-state') : null;
  };
  const noteState = (at, value) => {
    const last = S.states[S.states.length - 1];
    if (!last || last[1] !== value) S.states.push([at, value]);
  };
  // Every change of the script state, as it happens (two changes in one task both count).
  new MutationObserver((records) => {
    const at = performance.now();
    records.forEach((r, i) => noteState(at, i + 1 < records.length
      ? records[i + 1].oldValue : r.target.getAttribute(r.attributeName)));
    schedule();
  }).observe(document, {
    subtree: true, attributes: true, attributeOldValue: true,
    attributeFilter: ['data-test-script-state'],
  });

  // The generic measure: text changed inside a figure of the main area.
  const FIG = ['[data-testid="stMetricValue"]', '[data-testid="stMetricLabel"]',
    '[data-testid="stMarkdownContainer"]', '[data-testid="stCaptionContainer"]',
    '[data-testid="stTable"]', '[data-testid="stDataFrame"]', 'table', 'h1', 'h2', 'h3'].join(',');
  const NOT_FIG = ['[data-testid="stSliderThumbValue"]', '[data-testid="stSliderTickBar"]',
    '[data-testid="stToast"]', '[data-testid="stToastContainer"]',
    '[data-testid="stStatusWidget"]', '[data-testid="stHeader"]'].join(',');
  const holds = (n) => n.nodeType === 1 && (n.matches(FIG) || n.querySelector(FIG) !== null);
  const changesFigure = (r, main) => {
    const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    if (!el || !main.contains(el) || el.closest(NOT_FIG)) return false;
    if (el.closest(FIG)) return true;
    return r.type === 'childList'
      && (Array.from(r.addedNodes).some(holds) || Array.from(r.removedNodes).some(holds));
  };
  new MutationObserver((records) => {
    if (!S.armed) return;
    const main = document.querySelector('[data-testid="stMain"]');
    if (main && records.some((r) => changesFigure(r, main))) {
      S.figDirty = true;
      S.textDirty = true;
      schedule();
    }
  }).observe(document, {subtree: true, childList: true, characterData: true});

  const since = () => (S.armed ? S.key : 0);
  // A run began at or after ``start`` and the last one has finished (not stopped early for
  // a rerun, and no run began after it).
  const ranSince = (start) => {
    const events = S.wire.filter(([at]) => at >= start).map(([, what]) => what);
    const end = events.lastIndexOf('finished');
    return events.includes('running') && end >= 0 && !events.slice(end).includes('running');
  };
  const heading = () => {
    const h = document.querySelector('[data-testid="stMain"] h1');
    return h ? h.textContent.trim() : null;
  };
  const valuesHold = (values) => values.every(([selector, value]) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    if (value === null) return el.value === '';
    return Math.abs(parseFloat(el.value.replace(/,/g, '')) - value) < 1e-6;
  });
  const chartsShow = (want, charts) => charts.length === want.length
    && charts.every((el, i) => el.__lnpDrawn && same(el.__lnpDrawn[want[i][0]], want[i][1]));
  const drawnSince = (charts, count, start) => charts.length >= count
    && charts.every((el) => (el.__lnpDrawnAt ?? -1) >= start);
  const met = (want, charts, current, metricText) => {
    const start = since();
    if (start === null) return false;
    if (want.charts && !chartsShow(want.charts, charts)) return false;
    if (want.idle && current !== 'notRunning') return false;
    if (want.ran && !(current === 'notRunning' && ranSince(start))) return false;
    if (want.metric !== undefined && metricText !== want.metric) return false;
    if (want.anyMetric && !metricText) return false;
    if (want.title !== undefined && heading() !== want.title) return false;
    if (want.drawn && !drawnSince(charts, want.drawn, start)) return false;
    if (want.absent && want.absent.some((selector) => document.querySelector(selector))) {
      return false;
    }
    return !want.values || valuesHold(want.values);
  };
  function check() {
    const now = performance.now();
    const current = state();
    noteState(now, current);
    const all = Array.from(document.querySelectorAll('.js-plotly-plot'));
    all.forEach(hook);
    // During a rerun the new charts are drawn hidden (visibility) next to the old ones
    // (display: none): only charts a borrower can see count.
    const charts = all.filter(visible);
    for (const el of charts) {
      if (el.__lnpShowPending) {
        el.__lnpShowPending = false; el.__lnpDrawnAt = now; S.figDirty = true; S.chartDirty = true;
      }
    }
    if (S.figDirty) {
      S.figDirty = false;
      if (S.armed) S.figs.push(now);
    }
    if (S.chartDirty) {
      S.chartDirty = false;
      if (S.armed) S.chartFigs.push(now);
    }
    if (S.textDirty) {
      S.textDirty = false;
      if (S.armed) S.textFigs.push(now);
    }
    const metric = document.querySelector('[data-testid="stMetricValue"]');
    const metricText = metric ? metric.textContent.trim() : '';
    if (S.firstMetric === null && metricText) S.firstMetric = now;
    const want = S.want;
    if (!want || S.done !== null) return;
    if (want.charts && S.chartsAt === null && chartsShow(want.charts, charts)) S.chartsAt = now;
    if (!met(want, charts, current, metricText)) return;
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
    S.want = want; S.armed = true; S.key = null; S.done = null; S.doneBy = null;
    S.msgs = []; S.sends = []; S.draws = []; S.figs = []; S.wire = []; S.chartFigs = [];
    S.textFigs = []; S.long = [];
    S.figDirty = false; S.chartDirty = false; S.textDirty = false;
    S.states = [[performance.now(), state()]];
    check();
  };
  S.settled = (quiet) => {
    if (S.done === null || state() !== 'notRunning') return false;
    if (S.armed && !ranSince(S.key)) return false;
    const times = [S.done, ...S.msgs.map((m) => m[0]), ...S.draws.map((d) => d[0]),
                   ...S.states.map((s) => s[0]), ...S.wire.map((w) => w[0]), ...S.figs];
    return performance.now() - Math.max(...times) >= quiet;
  };
  S.result = () => ({
    key: S.key, done: S.done, doneBy: S.doneBy, elements: S.elements, msgs: S.msgs,
    sends: S.sends, states: S.states, draws: S.draws, figs: S.figs, wire: S.wire,
    chartFigs: S.chartFigs, textFigs: S.textFigs, long: S.long,
    firstMetric: S.firstMetric, chartsAt: S.chartsAt,
    resources: performance.getEntriesByType('resource').map((r) => ({
      name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.transferSize})),
  });
  S.want = __WANT__;
})();
"""

COUNT_ELEMENTS = """() => {
  const count = (where) => {
    const box = document.querySelector(where);
    return box ? box.querySelectorAll('[data-testid="stElementContainer"]').length : 0;
  };
  return [count('[data-testid="stMain"]'), count('[data-testid="stSidebar"]')];
}"""


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


def rung_values(number: int) -> list[list[Any]]:
    """[selector, value] of proposal ``number``'s main levers once rung ``number`` of the link's
    case is loaded into it (what ``ui.advice._load_offer`` writes)."""
    built = case_from_values({"principal": LINK_PRINCIPAL_YUAN})
    assert built.case is not None, built.errors
    case = built.case
    ladder = offer_ladder(case.loans[0].loan, case.borrower, case.assumptions)
    values = proposal_values(ladder.offers[number - 1].proposal, number)
    return [
        [f".st-key-p{number}_{lever} input", values[f"p{number}_{lever}"]] for lever in MAIN_LEVERS
    ]


def lenders_link() -> str:
    """The share link's query of the eight lenders (the first being worked on) and a budget."""
    lenders = [
        Lender(
            number,
            {
                Key.NAME: name,
                Key.PRINCIPAL: float(principal),
                Key.DAYS: days,
                Key.OVERDUE: float(overdue),
            },
        )
        for number, (name, principal, days, overdue) in enumerate(LENDERS, start=1)
    ]
    params = link_params({**lenders[0].values, **LENDERS_BUDGET}) | lenders_link_params(lenders, 0)
    return urlencode(params)


def wire() -> dict[str, int]:
    """Where Streamlit's messages say a run's status and end (for ``INSTRUMENT``)."""
    message = ForwardMsg.DESCRIPTOR.fields_by_name
    return {
        "status": message["session_status_changed"].number,
        "running": SessionStatus.DESCRIPTOR.fields_by_name["script_is_running"].number,
        "finished": message["script_finished"].number,
        "early": ForwardMsg.FINISHED_EARLY_FOR_RERUN,
    }


def new_context(browser: Browser, want: dict[str, Any] | None) -> BrowserContext:
    context = browser.new_context(locale="en-US", viewport=VIEWPORT)
    script = INSTRUMENT.replace("__WANT__", json.dumps(want))
    context.add_init_script(script.replace("__WIRE__", json.dumps(wire())))
    return context


def wait_settled(page: Page) -> dict[str, Any]:
    page.wait_for_function(
        "(quiet) => window.__lnp.settled(quiet)", arg=QUIET_MS, polling=25, timeout=TIMEOUT_MS
    )
    result: dict[str, Any] = page.evaluate("() => window.__lnp.result()")
    return result


@contextlib.contextmanager
def opened(browser: Browser, url: str, want: dict[str, Any]) -> Iterator[Page]:
    """A fresh context's page at ``url``, settled once ``want`` holds; closed at the end."""
    context = new_context(browser, want)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url, timeout=TIMEOUT_MS)
        wait_settled(page)
        yield page
    finally:
        context.close()


def home_want() -> dict[str, Any]:
    return expected(LINK_PRINCIPAL_YUAN).want(idle=True)


def elements(page: Page) -> tuple[int, int]:
    """Element containers in the main area and in the sidebar."""
    main, sidebar = page.evaluate(COUNT_ELEMENTS)
    return int(main), int(sidebar)


def _after(times: Sequence[float], start: float) -> list[float]:
    return [at for at in times if at >= start]


def _first_state(states: list[list[Any]], value: str, after: float = 0.0) -> float | None:
    return next((at for at, state in states if state == value and at >= after), None)


# --- page loads ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Load:
    """Milestones of one page load, in ms since navigation started."""

    shell: float | None  # Streamlit's app element first seen
    first_message: float | None
    first_figure: float | None  # the first metric shows text
    script_done: float | None  # the "running" state ends (else: the run's end received)
    chart_data: float | None  # last chart message received
    chunk_start: float | None  # Plotly's script requested
    chunk_end: float | None  # Plotly's script fully fetched
    chunk_bytes: int | None
    first_draw: float | None  # first chart drawn by Plotly
    charts: float | None  # every chart visible and drawn with the case's figures
    drawn: float  # that, the metric's figure and the run over: fully drawn
    settled: float  # last chart redraw
    runs: int  # script runs begun
    early: int  # of which stopped early for a rerun
    busy: float  # the main thread's long tasks begun before every chart was drawn, ms in all
    by: str


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
    chunk = [r for r in result["resources"] if PLOTLY_SCRIPT in r["name"].lower()]
    draws = [at for at, _ in result["draws"]]
    return Load(
        shell=shell,
        first_message=result["msgs"][0][0] if result["msgs"] else None,
        first_figure=result["firstMetric"],
        script_done=_first_state(states, "notRunning", running)
        if running is not None
        else next((at for at, what in result["wire"] if what == "finished"), None),
        chart_data=max(chart_times) if chart_times else None,
        chunk_start=chunk[0]["start"] if chunk else None,
        chunk_end=chunk[0]["end"] if chunk else None,
        chunk_bytes=int(chunk[0]["bytes"]) if chunk else None,
        first_draw=min(draws) if draws else None,
        charts=result["chartsAt"],
        drawn=float(result["done"]),
        settled=max(draws or [result["done"]]),
        runs=sum(what == "running" for _, what in result["wire"]),
        early=sum(what == "early" for _, what in result["wire"]),
        busy=sum(length for at, length in result["long"] if at <= result["done"]),
        by=str(result["doneBy"]),
    )


def measure_cold(browser: Browser, starts: int, want: Expected) -> list[Load]:
    """The first visit after each of ``starts`` server starts (each server stopped after)."""
    loads = []
    for _ in range(starts):
        with running_app(_ROOT, log_prefix="lnp-bench-streamlit-") as base_url:
            loads.append(measure_load(browser, base_url, want))
    return loads


# --- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Action:
    """One timed action, in ms since it started (its first key-down, pointer-down or click)."""

    total: float  # the action's own done condition holds (page clock)
    last_figure: float | None  # the last figure changed, once settled (page clock)
    last_chart: float | None  # the last chart drawn or shown, once settled (page clock)
    last_text: float | None  # the last text figure changed (charts aside), once settled
    driver: float  # Python: just before the press or click → Playwright saw the done flag
    sent: float | None  # the first message sent to the server
    first_reply: float | None  # first server message after the send
    chart_data: float | None  # last chart message received before done
    first_draw: float | None  # first Plotly draw
    last_message: float | None  # last message of the rerun
    run_start: float | None  # the first run begins (the server's status says so)
    early_end: float | None  # a run stopped early for a rerun (a callback's ``st.rerun``)
    last_run_start: float | None  # the last run begins
    idle: float | None  # the last run's end received (``script_finished``) and shown
    last_draw: float | None  # last chart redraw
    draws: int  # afterplot events
    runs: int  # script runs begun
    early: int  # of which stopped early for a rerun (a callback's ``st.rerun``)
    messages: int  # websocket messages received
    received: int  # their bytes
    busy: float  # the main thread's long tasks (50 ms or more) after the start, ms in all
    by: str


def action_of(result: dict[str, Any], driver: float) -> Action:
    """The action's times from the page's record (see ``INSTRUMENT``)."""
    key = result["key"]
    if key is None:
        raise RuntimeError("the action never reached the page")
    done = float(result["done"])
    sends = _after(result["sends"], key)
    messages = [m for m in result["msgs"] if m[0] >= key]
    first_reply = next((at for at, _, _ in messages if sends and at >= sends[0]), None)
    charts = [at for at, _, chart in messages if chart and at <= done]
    wire = [(at, what) for at, what in result["wire"] if at >= key]
    finished = next((at for at, what in reversed(wire) if what == "finished"), None)
    shown_idle = next(
        (at for at, state in reversed(result["states"]) if state == "notRunning" and at >= key),
        None,
    )
    idle = max(_values([finished, shown_idle]), default=None)
    chart_figs = _after(result["chartFigs"], key)
    text_figs = _after(result["textFigs"], key)
    draws = _after([at for at, _ in result["draws"]], key)
    figs = _after(result["figs"], key)

    def since_key(at: float | None) -> float | None:
        return None if at is None else at - key

    return Action(
        total=done - key,
        last_figure=since_key(max(figs) if figs else None),
        last_chart=since_key(max(chart_figs) if chart_figs else None),
        last_text=since_key(max(text_figs) if text_figs else None),
        driver=driver,
        sent=since_key(sends[0] if sends else None),
        first_reply=since_key(first_reply),
        chart_data=since_key(max(charts) if charts else None),
        first_draw=since_key(min(draws) if draws else None),
        last_message=since_key(messages[-1][0] if messages else None),
        run_start=since_key(next((at for at, what in wire if what == "running"), None)),
        early_end=since_key(next((at for at, what in wire if what == "early"), None)),
        last_run_start=since_key(
            next((at for at, what in reversed(wire) if what == "running"), None)
        ),
        idle=since_key(idle),
        last_draw=since_key(max(draws) if draws else None),
        draws=len(draws),
        runs=sum(what == "running" for _, what in wire),
        early=sum(what == "early" for _, what in wire),
        messages=len(messages),
        received=sum(int(m[1]) for m in messages),
        busy=sum(length for at, length in result["long"] if at >= key),
        by=str(result["doneBy"]),
    )


def act(page: Page, want: dict[str, Any], do: Callable[[], object]) -> Action:
    """Arm the page with ``want``, do the action, wait for done (the driver's view) and for
    the page to settle."""
    page.evaluate("(want) => window.__lnp.arm(want)", want)
    begun = time.perf_counter()
    do()
    page.wait_for_function("() => window.__lnp.done !== null", polling="raf", timeout=TIMEOUT_MS)
    driver = (time.perf_counter() - begun) * 1000
    return action_of(wait_settled(page), driver)


def centred(locator: Locator) -> Locator:
    """``locator`` scrolled to the middle of the window (clear of toasts at the bottom)."""
    locator.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    return locator


@dataclass(frozen=True, slots=True)
class Series:
    """Actions of one kind: the first (not in the tables) and the measured ones."""

    name: str
    first: Action
    actions: list[Action]
    note: str = ""
    done: str = "done"  # what the action's own condition is
    target: str = "figure"  # the measure the target is about: "done", "figure" or "chart"


def principal_box(page: Page) -> Locator:
    """The sidebar's principal box (its label names it; a help button's name only contains it)."""
    return page.locator(SIDEBAR).get_by_role(
        "spinbutton", name=t("input.principal", "en"), exact=True
    )


def measure_press(page: Page, want: Expected, *, typed: bool = False) -> Action:
    """One press in the focused principal box: ArrowUp (one step up), or with ``typed`` the
    new principal typed in first (no key events, nothing sent) and Enter."""
    box = principal_box(page)
    box.focus()
    if typed:
        box.fill(f"{want.principal:.2f}")
    key = "Enter" if typed else "ArrowUp"
    return act(page, want.want(idle=False), functools.partial(page.keyboard.press, key))


def principal_series(
    page: Page, start: float, presses: int, tab: str, *, typed: bool
) -> tuple[float, Series]:
    """One unmeasured press, then ``presses`` measured; the principal reached."""
    principal = start
    results: list[Action] = []
    for _ in range(presses + 1):
        principal += PRINCIPAL_STEP_YUAN
        results.append(measure_press(page, expected(principal), typed=typed))
    value = principal_box(page).input_value()
    if float(value) != principal:
        raise RuntimeError(f"the principal box ended at {value}, expected {principal:.2f}")
    how = "typed, Enter" if typed else "ArrowUp"
    name = f"principal box {how}, “{t(tab, 'en')}” tab open"
    note = f"the box ended at {value}"
    done = "first metric and every chart show the core's figures"
    return principal, Series(name, results[0], results[1:], note, done)


def slider_series(page: Page, presses: int, tab: str) -> Series:
    """ArrowRight and ArrowLeft in turn on the first proposal's months-added slider."""
    slider = page.locator(f'.st-key-{SLIDER_KEY} input[type="range"]')
    start = int(slider.input_value())
    results: list[Action] = []
    for index in range(presses + 1):
        slider.focus()
        key = "ArrowRight" if index % 2 == 0 else "ArrowLeft"
        results.append(act(page, {"drawn": CHARTS}, functools.partial(page.keyboard.press, key)))
    value = int(slider.input_value())
    if value != start + (presses + 1) % 2:
        raise RuntimeError(f"the slider ended at {value}, started at {start}")
    name = f"“{t('input.p_add', 'en')}” slider ←/→, “{t(tab, 'en')}” tab open"
    note = f"the slider went {start} ↔ {start + 1}"
    return Series(name, results[0], results[1:], note, "every chart drawn since the key")


def open_tab(page: Page, key: str) -> None:
    """Open the tab below the charts labelled ``t(key)`` (its click reruns the results)."""
    tab = page.locator(MAIN).get_by_role("tab", name=t(key, "en"), exact=True)
    act(page, {"ran": True}, tab.click)
    if tab.get_attribute("aria-selected") != "true":
        raise RuntimeError(f"the tab {t(key, 'en')!r} did not open")


@dataclass(frozen=True, slots=True)
class Inputs:
    """Measure 1: the series, and the home page's elements with each tab open."""

    series: list[Series]
    elements: dict[str, tuple[int, int]]


def measure_inputs(browser: Browser, base_url: str, presses: int, *, typed: bool) -> Inputs:
    """The principal box and the slider, with the table's tab open, then the ladder's."""
    series: list[Series] = []
    counts: dict[str, tuple[int, int]] = {}
    with opened(browser, f"{base_url}/?{LINK}", home_want()) as page:
        principal = LINK_PRINCIPAL_YUAN
        for tab in (TABLE_TAB, LADDER_TAB):
            if tab != TABLE_TAB:
                open_tab(page, tab)
            counts[f"home, “{t(tab, 'en')}” tab open"] = elements(page)
            principal, pressed = principal_series(page, principal, presses, tab, typed=typed)
            series += [pressed, slider_series(page, presses, tab)]
    return Inputs(series, counts)


# --- page switches, language, ladder rungs, lenders ------------------------------------------

PAGE_KEYS = dict(PAGES)


def heading(path: str, lang: Lang = "en") -> str:
    """The page's h1 (the home page's is the app's title, see ``app.py``)."""
    return t("app.title" if path == HOME_PAGE else PAGE_KEYS[path], lang)


def tour(switches: int) -> list[str]:
    """Destinations: every other page in the navigation's order, home after each."""
    round_trip = [stop for path, _ in PAGES[1:] for stop in (path, HOME_PAGE)]
    return [round_trip[i % len(round_trip)] for i in range(switches)]


@dataclass(frozen=True, slots=True)
class Switches:
    """Measure 4: each switch's destination and times, and each page's elements."""

    first: list[tuple[str, Action]]  # the unmeasured round: the server's first run of each
    measured: list[tuple[str, Action]]
    elements: dict[str, tuple[int, int]]


def switch_to(page: Page, path: str) -> Action:
    """Click the sidebar's link to ``path``; done when the page is usable."""
    link = page.locator(SIDEBAR).get_by_role("link", name=t(PAGE_KEYS[path], "en"), exact=True)
    want: dict[str, Any] = {"title": heading(path), "ran": True}
    if path == HOME_PAGE:
        want["drawn"] = CHARTS
    return act(page, want, link.click)


def measure_pages(browser: Browser, base_url: str, switches: int) -> Switches:
    counts: dict[str, tuple[int, int]] = {}
    with opened(browser, f"{base_url}/?{LINK}", home_want()) as page:
        counts[HOME_PAGE] = elements(page)
        first = []
        for path in tour(2 * (len(PAGES) - 1)):
            first.append((path, switch_to(page, path)))
            counts[path] = elements(page)
        measured = [(path, switch_to(page, path)) for path in tour(switches)]
    return Switches(first, measured, counts)


def measure_language(browser: Browser, base_url: str, switches: int) -> Series:
    """English → Chinese → English … with the sidebar's language control."""
    results: list[Action] = []
    lang: Lang = "en"
    with opened(browser, f"{base_url}/?{LINK}", home_want()) as page:
        for _ in range(switches + 1):
            other: Lang = "zh" if lang == "en" else "en"
            button = page.locator(f".st-key-{LANG_PARAM.key} button").nth(LANGUAGES.index(other))
            want = {"title": t("app.title", other), "ran": True, "drawn": CHARTS, "anyMetric": True}
            results.append(act(page, want, button.click))
            lang = other
    done = "title, run over, metric, charts drawn again"
    name = "language switch (en ↔ zh)"
    return Series(name, results[0], results[1:], f"ended in {lang}", done, "done")


READ_LEVERS = """(selectors) => selectors.map((selector) => {
  const el = document.querySelector(selector);
  if (el === null) return [selector, false, null];
  return [selector, true, el.value === '' ? null : parseFloat(el.value.replace(/,/g, ''))];
})"""


def levers(page: Page, selectors: list[str]) -> dict[str, list[Any]]:
    """What the inputs at ``selectors`` hold now, as ``want``'s ``values`` and ``absent``."""
    found = page.evaluate(READ_LEVERS, selectors)
    return {
        "values": [[selector, value] for selector, there, value in found if there],
        "absent": [selector for selector, there, _ in found if not there],
    }


def measure_rungs(browser: Browser, base_url: str, loads: int) -> Series:
    """Rungs 1, 2, 3, 1, … loaded from the "What to ask for" tab, each undone after (untimed)."""
    results: list[Action] = []
    wanted = {number: rung_values(number) for number in range(1, RUNGS + 1)}
    with opened(browser, f"{base_url}/?{LINK}", home_want()) as page:
        open_tab(page, LADDER_TAB)
        undo = page.get_by_role("button", name=t("undo.button", "en"), exact=True)
        for index in range(loads + 1):
            number = index % RUNGS + 1
            name = t("ladder.load", "en", number=number)
            button = centred(page.get_by_role("button", name=name, exact=True))
            before = levers(page, [selector for selector, _ in wanted[number]])
            want = {"values": wanted[number], "ran": True, "drawn": CHARTS}
            results.append(act(page, want, button.click))
            act(page, {"ran": True} | before, centred(undo).click)  # the levers as they were
    done = "levers hold the offer, run over, charts drawn again"
    note = "each load undone after"
    return Series("ladder rung → proposal", results[0], results[1:], note, done, "done")


@dataclass(frozen=True, slots=True)
class Lenders:
    """Measure 7: the changes and the page's elements."""

    series: Series
    elements: tuple[int, int]


def measure_lenders(browser: Browser, base_url: str, changes: int) -> Lenders:
    """ArrowUp in the sidebar's income box on the lenders page with eight lenders."""
    want = {"idle": True, "anyMetric": True, "drawn": LENDER_CHARTS}
    url = f"{base_url}/lenders?{lenders_link()}"
    results: list[Action] = []
    with opened(browser, url, want) as page:
        counts = elements(page)
        box = page.locator(f"{SIDEBAR} .st-key-{Key.INCOME} input")
        start = float(box.input_value())
        for _ in range(changes + 1):
            box.focus()
            press = functools.partial(page.keyboard.press, "ArrowUp")
            results.append(act(page, {"ran": True}, press))
        value = float(box.input_value())
    if value != start + INCOME_STEP_YUAN * (changes + 1):
        raise RuntimeError(f"the income box ended at {value}, started at {start}")
    note = f"income {start:,.0f} → {value:,.0f} yuan"
    name = "lenders page (eight): income ArrowUp"
    return Lenders(Series(name, results[0], results[1:], note, "run over", "chart"), counts)


# --- the server alone ------------------------------------------------------------------------


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


TABLE_HEAD = "| Measure | median | p95 | min | max |\n|---|---:|---:|---:|---:|"


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


def print_loads(warm_up: Load, loads: list[Load]) -> None:
    print(
        f"### Later visit: open → first figure, every chart drawn "
        f"(ms since navigation start, {len(loads)} loads)\n"
    )
    print("Fresh context each time (empty cache, new session), 1280×800, English, server warm.\n")
    print(TABLE_HEAD.replace("Measure", "Milestone"))
    rows: list[tuple[str, list[float | None]]] = [
        ("app shell shown", [x.shell for x in loads]),
        ("first websocket message", [x.first_message for x in loads]),
        ("**first figure** (first metric shows text)", [x.first_figure for x in loads]),
        ("last chart's data received", [x.chart_data for x in loads]),
        ("Plotly's script requested", [x.chunk_start for x in loads]),
        ("Plotly's script fetched", [x.chunk_end for x in loads]),
        ("script run over (running state gone)", [x.script_done for x in loads]),
        ("first chart drawn by Plotly", [x.first_draw for x in loads]),
        ("**every chart drawn** (visible, the case's figures)", [x.charts for x in loads]),
        ("fully drawn (charts, the metric's figure, idle)", [x.drawn for x in loads]),
        ("last chart redraw (settled)", [x.settled for x in loads]),
    ]
    for name, samples in rows:
        print(_row(name, samples))
    sizes = _values([x.chunk_bytes for x in loads])
    size = f"{statistics.median(sizes) / 1e6:.1f} MB over the wire" if sizes else "size unknown"
    print(
        f"\nPlotly's script: {size}; from fetched to first chart drawn (parse, run, draw): "
        f"{_ms(_gap([x.first_draw for x in loads], [x.chunk_end for x in loads]))} ms median. "
        f"The unmeasured first load of this server (not in the table): first figure at "
        f"{_ms(warm_up.first_figure)} ms, every chart drawn at {_ms(warm_up.charts)} ms, "
        f"script run over at {_ms(warm_up.script_done)} ms. Script runs begun per load: "
        f"{sorted({x.runs for x in loads})}, of which stopped early for a rerun: "
        f"{sorted({x.early for x in loads})}. The main thread's long tasks before every chart "
        f"was drawn: {_ms(_median([x.busy for x in loads]))} ms median in all.\n"
    )


def print_cold(loads: list[Load]) -> None:
    print(
        f"### First visit after the server starts (ms since navigation start, "
        f"{len(loads)} server starts)\n"
    )
    print("Each a server of its own, started, visited once and stopped.\n")
    print(TABLE_HEAD.replace("Measure", "Milestone"))
    print(_row("first websocket message", [x.first_message for x in loads]))
    print(_row("**first figure** (first metric shows text)", [x.first_figure for x in loads]))
    print(_row("script run over", [x.script_done for x in loads]))
    print(_row("**every chart drawn**", [x.charts for x in loads]))
    print(_row("fully drawn (charts, the metric's figure, idle)", [x.drawn for x in loads]))
    print(f"\nScript runs begun per first visit: {sorted({x.runs for x in loads})}.\n")


def _runs(actions: Sequence[Action]) -> str:
    runs = sorted({a.runs for a in actions})
    early = sorted({a.early for a in actions})
    return f"script runs begun per action {runs}, of which stopped early for a rerun {early}"


def _action_rows(series: Series) -> None:
    """The views of one series' actions; the one its target is about in bold."""
    actions = series.actions
    rows: list[tuple[str, str, list[float | None]]] = [
        ("done", f"→ {series.done} (page clock)", [a.total for a in actions]),
        ("chart", "→ last chart drawn or shown (page clock)", [a.last_chart for a in actions]),
        (
            "",
            "→ last text figure changed: cards, tables, Markdown (page clock)",
            [a.last_text for a in actions],
        ),
        ("figure", "→ last figure changed (page clock)", [a.last_figure for a in actions]),
        ("", "→ run over (its end received and shown)", [a.idle for a in actions]),
        (
            "",
            f"driver's view: press/click → Playwright sees “{series.done}”",
            [a.driver for a in actions],
        ),
    ]
    for kind, name, samples in rows:
        print(_row(f"**{name}**" if kind == series.target else name, samples))


def print_inputs(inputs: Inputs) -> None:
    count = len(inputs.series[0].actions)
    print(
        f"### Input on the home page → every card and chart shows the new figures "
        f"({count} per series, ms since the key-down)\n"
    )
    print(
        "The target is about the last figure changed (bold). For the principal press, the exact "
        "measure (the first metric and both charts show the core's figures) validates it.\n"
    )
    for series in inputs.series:
        print(f"**{series.name}** ({series.note}):\n")
        print(TABLE_HEAD)
        _action_rows(series)
        if series.name.startswith("principal"):
            diffs = [
                a.last_figure - a.total if a.last_figure is not None else None
                for a in series.actions
            ]
            print(_row("last figure changed − metric and charts (the measures' gap)", diffs))
        print(
            f"\nFirst press (not in the table): {_ms(series.first.total)} ms done, "
            f"{_ms(series.first.last_figure)} ms last figure. Plotly draws per press "
            f"{sorted({a.draws for a in series.actions})}; {_runs(series.actions)}.\n"
        )


def print_stages(presses: list[Action], server: Server | None) -> None:
    print("### Where the time goes in a principal press (table tab open; medians, ms)\n")
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
            "key-down → a run begins (the callback's: the principal's on_change)",
            _median([p.run_start for p in presses]),
        ),
        (
            "key-down → that run stops early for the rerun its callback asks (``st.rerun``)",
            _median([p.early_end for p in presses]),
        ),
        (
            "key-down → the results fragment's run begins",
            _median([p.last_run_start for p in presses]),
        ),
        (
            "sent → last chart message received (server: the results fragment up to the charts)",
            _gap(data, sent),
        ),
        ("last chart message → charts first drawn with it (browser)", _gap(first_draw, data)),
        ("first draw → charts shown with the new figures (browser)", _gap(total, first_draw)),
        ("**key-down → every chart updated**", _median(total)),
        (
            "key-down → last message of the rerun (tables and schedules follow the charts)",
            _median([p.last_message for p in presses]),
        ),
        (
            "last message of the rerun → every chart updated (negative: shown before it)",
            _gap(total, [p.last_message for p in presses]),
        ),
        ("key-down → run over (its end received and shown)", _median([p.idle for p in presses])),
        ("key-down → last chart redraw", _median([p.last_draw for p in presses])),
        ("key-down → last figure changed", _median([p.last_figure for p in presses])),
    ]
    for name, value in stages:
        print(f"| {name} | {_ms(value)} |")
    print()
    if server is not None:
        print_server(server)


def print_server(server: Server) -> None:
    print(f"The server without a browser (medians of {server.runs}, new principal each):\n")
    print("| Server piece | median |")
    print("|---|---:|")
    print(
        "| the results fragment's rerun in AppTest (what a press runs; no websocket, no browser)"
        f" | {server.fragment:,.0f} |"
    )
    print(f"| the whole page's rerun in AppTest (a load, a language switch) | {server.page:,.0f} |")
    print(f"| core.compare | {server.compare:,.1f} |")
    print(f"| ui.charts.figures (the Plotly figures) | {server.figures:,.1f} |")
    print(f"| the {CHARTS} figures as the live charts' JSON | {server.encode:,.1f} |")
    print()


def _page_name(path: str) -> str:
    return t(PAGE_KEYS[path], "en")


def print_pages(switches: Switches) -> None:
    measured = switches.measured
    print(f"### Page switch → the new page usable ({len(measured)} switches, ms since the click)\n")
    print(
        "Usable: the h1 shows the page's heading, a run began after the click and is over, and "
        "on the home page both charts are drawn again.\n"
    )
    print(TABLE_HEAD.replace("Measure", "Destination"))
    destinations = list(dict.fromkeys(path for path, _ in measured))
    for path in destinations:
        actions = [a for p, a in measured if p == path]
        print(_row(f"→ {_page_name(path)} ({len(actions)}): usable", [a.total for a in actions]))
    every = [a for _, a in measured]
    _action_rows(Series("every switch", every[0], every, "", "usable", "done"))
    first = ", ".join(f"{_page_name(p)} {_ms(a.total)}" for p, a in switches.first)
    print(f"\nThe first round, the server's first run of each page (not in the table): {first}.")
    print("The last figure changed, median by destination: ", end="")
    print(
        ", ".join(
            f"{_page_name(path)} {_ms(_median([a.last_figure for p, a in measured if p == path]))}"
            for path in destinations
        )
        + f". {_runs(every).capitalize()}.\n"
    )


def print_series(title: str, explanation: str, series: Series) -> None:
    print(f"### {title} ({len(series.actions)} actions, ms since the click or key-down)\n")
    print(f"{explanation} ({series.note}).\n")
    print(TABLE_HEAD)
    _action_rows(series)
    print(
        f"\nFirst (not in the table): {_ms(series.first.total)} ms done, "
        f"{_ms(series.first.last_figure)} ms last figure. Plotly draws per action "
        f"{sorted({a.draws for a in series.actions})}; {_runs(series.actions)}.\n"
    )


def print_costs(series: list[Series], counts: dict[str, tuple[int, int]]) -> None:
    if not series and not counts:
        return
    print("### Where the time goes: per action (medians) and elements per page\n")
    if series:
        print(
            "Bytes and messages received over the websocket after the start; script runs "
            "begun; Plotly draws; the main thread's long tasks (50 ms or more) in ms.\n"
        )
        print("| Action | bytes received | messages | script runs | Plotly draws | long tasks |")
        print("|---|---:|---:|---:|---:|---:|")
    for one in series:
        actions = one.actions
        print(
            f"| {one.name} | {_ms(_median([a.received for a in actions]))} "
            f"| {_ms(_median([a.messages for a in actions]))} "
            f"| {_ms(_median([a.runs for a in actions]))} "
            f"| {_ms(_median([a.draws for a in actions]))} "
            f"| {_ms(_median([a.busy for a in actions]))} |"
        )
    if counts:
        print("\n| Page | elements in the main area | in the sidebar |")
        print("|---|---:|---:|")
        for name, (main, sidebar) in counts.items():
            print(f"| {name} | {main} | {sidebar} |")
    print()


@dataclass(slots=True)
class Report:
    """Whatever was measured (``--only`` leaves the rest out)."""

    warm_up: Load | None = None
    loads: list[Load] = field(default_factory=list)
    cold: list[Load] = field(default_factory=list)
    inputs: Inputs | None = None
    switches: Switches | None = None
    language: Series | None = None
    rungs: Series | None = None
    lenders: Lenders | None = None
    server: Server | None = None

    def series(self) -> list[Series]:
        """Every series of actions, for the per-action costs."""
        found = list(self.inputs.series) if self.inputs else []
        if self.switches:
            every = [a for _, a in self.switches.measured]
            found.append(Series("page switch (all destinations)", every[0], every, "", "usable"))
        found += [s for s in (self.language, self.rungs) if s is not None]
        if self.lenders:
            found.append(self.lenders.series)
        return found

    def elements(self) -> dict[str, tuple[int, int]]:
        counts = dict(self.inputs.elements) if self.inputs else {}
        if self.switches:
            counts |= {_page_name(p): c for p, c in self.switches.elements.items()}
        if self.lenders:
            counts[f"{_page_name('pages/5_lenders.py')}, eight lenders"] = self.lenders.elements
        return counts


Target = tuple[str, str, float, float, str]  # name, statistic, measured, limit, comparison


def _targets(name: str, samples: Sequence[float | None], limit: float) -> Target:
    values = _values(samples)
    return (name, "median", statistics.median(values) if values else math.nan, limit, "≤")


def targets(report: Report) -> list[Target]:
    rows: list[Target] = []
    for series in report.inputs.series if report.inputs else []:
        figs = _values([a.last_figure for a in series.actions])
        rows.append(_targets(f"{series.name} → last figure", figs, TARGET_INPUT_MEDIAN_MS))
        p95 = percentile(figs, 95)
        rows.append((f"{series.name} → last figure", "p95", p95, TARGET_INPUT_P95_MS, "≤"))
    if report.loads:
        first = [x.first_figure for x in report.loads]
        rows.append(_targets("Later visit → first figure", first, TARGET_FIRST_FIGURE_MS))
        charts = [x.charts for x in report.loads]
        rows.append(_targets("Later visit → every chart drawn", charts, TARGET_CHARTS_MS))
    if report.cold:
        charts = [x.charts for x in report.cold]
        rows.append(
            _targets("First visit after the server starts → charts", charts, TARGET_COLD_CHARTS_MS)
        )
    if report.switches:
        usable = [a.total for _, a in report.switches.measured]
        rows.append(_targets("Page switch → usable", usable, TARGET_PAGE_MS))
    if report.language:
        switched = [a.total for a in report.language.actions]
        rows.append(_targets("Language switch → done", switched, TARGET_LANGUAGE_MS))
    if report.rungs:
        loaded = [a.total for a in report.rungs.actions]
        rows.append(_targets("Ladder rung → proposal, done", loaded, TARGET_RUNG_MS))
    if report.lenders:
        redrawn = [a.last_chart for a in report.lenders.series.actions]
        rows.append(
            _targets("Lenders page (8) → charts redrawn", redrawn, TARGET_LENDERS_MEDIAN_MS)
        )
    return rows + earlier_targets(report)


def earlier_targets(report: Report) -> list[Target]:
    """The targets before issue 15: the principal press (metric and charts), the full render."""
    rows: list[Target] = []
    if report.inputs:
        totals = [a.total for a in report.inputs.series[0].actions]
        name = "(earlier) principal press → metric and charts"
        rows.append((name, "median", statistics.median(totals), TARGET_PRESS_MEDIAN_MS, "<"))
        rows.append((name, "p95", percentile(totals, 95), TARGET_PRESS_P95_MS, "<"))
    if report.loads:
        drawn = [x.drawn for x in report.loads]
        name = "(earlier) first full render"
        rows.append((name, "median", statistics.median(drawn), TARGET_FIRST_RENDER_MS, "<"))
        rows.append((name, "p95", percentile(drawn, 95), TARGET_FIRST_RENDER_MS, "<"))
    return rows


def print_targets(report: Report) -> None:
    print("### Targets\n")
    print("Issue 15's targets (where it gives one limit, the median is held to it), then the")
    print("earlier ones.\n")
    print("| Target | statistic | measured (ms) | limit (ms) | |")
    print("|---|---|---:|---:|---|")
    for name, statistic, value, limit, sign in targets(report):
        ok = value <= limit if sign == "≤" else value < limit
        verdict = "met" if ok else "**not met**"
        print(f"| {name} | {statistic} | {_ms(value)} | {sign} {_ms(limit)} | {verdict} |")
    print()


def print_report(report: Report) -> None:
    if report.warm_up is not None and report.loads:
        print_loads(report.warm_up, report.loads)
    if report.cold:
        print_cold(report.cold)
    if report.inputs is not None:
        print_inputs(report.inputs)
        print_stages(report.inputs.series[0].actions, report.server)
    elif report.server is not None:
        print_server(report.server)
    if report.switches is not None:
        print_pages(report.switches)
    if report.language is not None:
        explanation = (
            "Done: the h1 shows the other language's title, a run began after the click and "
            "is over, a metric shows text and both charts are drawn again"
        )
        print_series("Language switch", explanation, report.language)
    if report.rungs is not None:
        explanation = (
            "On the “What to ask for” tab, “Use as proposal 1”, 2, 3, 1, …; done: the editor "
            "holds the offer's levers, a run began after the click and is over, both charts "
            "are drawn again"
        )
        print_series("Ladder rung → proposal", explanation, report.rungs)
    if report.lenders is not None:
        explanation = (
            "The lenders page opened from a link of eight lenders; ArrowUp in the sidebar's "
            "monthly income box (the page runs whole); the target is about the last chart drawn "
            "after the key (the charts stay on the page and a changed one is redrawn in place, "
            "ui.live_chart; an unchanged one is not drawn again)"
        )
        title = "Lenders page, eight lenders: change → charts redrawn"
        print_series(title, explanation, report.lenders.series)
    print_costs(report.series(), report.elements())
    print_targets(report)


# --- running it ------------------------------------------------------------------------------


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through ``finally``: the server is stopped


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--only", default=",".join(GROUPS), help=f"some of: {','.join(GROUPS)}")
    parser.add_argument("--presses", type=int, default=20, help="presses per input series")
    parser.add_argument("--loads", type=int, default=20, help="later visits to time")
    parser.add_argument("--cold", type=int, default=3, help="server starts, a first visit each")
    parser.add_argument("--switches", type=int, default=20, help="page switches to time")
    parser.add_argument("--languages", type=int, default=20, help="language switches to time")
    parser.add_argument("--rungs", type=int, default=20, help="ladder rung loads to time")
    parser.add_argument("--changes", type=int, default=20, help="lenders page changes to time")
    parser.add_argument(
        "--typed", action="store_true", help="type each principal and time Enter, not ArrowUp"
    )
    args = parser.parse_args(argv)
    args.only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = args.only - set(GROUPS)
    if unknown:
        parser.error(f"unknown in --only: {', '.join(sorted(unknown))}")
    counts = ("presses", "loads", "switches", "languages", "rungs", "changes")
    if any(getattr(args, name) < 1 for name in counts) or args.cold < 0:
        parser.error("every count must be at least 1 (--cold at least 0)")
    return args


def run_browser(browser: Browser, base_url: str, args: argparse.Namespace, report: Report) -> None:
    """Every measure on the running server that ``--only`` asks for."""
    only = args.only
    if "loads" in only:
        default = expected(LINK_PRINCIPAL_YUAN)
        report.warm_up = measure_load(browser, base_url, default)
        report.loads = [measure_load(browser, base_url, default) for _ in range(args.loads)]
    if "presses" in only:
        report.inputs = measure_inputs(browser, base_url, args.presses, typed=args.typed)
    if "pages" in only:
        report.switches = measure_pages(browser, base_url, args.switches)
    if "language" in only:
        report.language = measure_language(browser, base_url, args.languages)
    if "rungs" in only:
        report.rungs = measure_rungs(browser, base_url, args.rungs)
    if "lenders" in only:
        report.lenders = measure_lenders(browser, base_url, args.changes)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("No Chromium: set CHROMIUM_PATH or install Debian's `chromium`.", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    started = time.monotonic()
    report = Report()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            version = browser.version
            if "cold" in args.only:
                report.cold = measure_cold(browser, args.cold, expected(LINK_PRINCIPAL_YUAN))
            if args.only - {"cold", "server"}:
                with running_app(_ROOT, log_prefix="lnp-bench-streamlit-") as base_url:
                    run_browser(browser, base_url, args, report)
        finally:
            browser.close()
    if "server" in args.only:
        report.server = measure_server()
    print_environment(chromium, version)
    print_report(report)
    late = sum(x.by == "svg" for x in [*report.loads, *report.cold]) + sum(
        a.by == "svg" for s in report.series() for a in s.actions
    )
    if late:
        print(
            f"({late} measurements took a newly mounted chart's first draw from its SVG, in the "
            "first frame after it: Plotly draws a new chart before the page can hook its event.)"
        )
    print(f"Total run time: {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
