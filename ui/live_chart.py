"""A Plotly chart that stays on the page and is updated in place.

``st.plotly_chart`` in Streamlit 1.67 hashes the figure into the element's id, so a changed
figure mounts a new chart, which Plotly then draws from nothing, twice (hidden, then at its
measured width). On the home page that was most of a slider move's time in the browser.
:func:`live_chart` keeps one chart per key (an ``st.components.v2`` component mounted in the
page itself) and hands each new figure to ``Plotly.react``, which redraws only what changed.

Which Plotly: the charts need only scatter and bar traces, so the page loads Plotly's own
"basic" bundle (``static/vendor``, served by Streamlit's static file serving at
``app/static/``): 1.2 MB that the browser loads and runs in about 0.12 s, where the full
bundle Streamlit ships (its lazily loaded ``PlotlyChart`` script, 4.7 MB) took about 0.76 s
on this project's machine. Its version is the one plotly.py writes figures for (a test pins
it). Should the file not be served, the component falls back to Streamlit's script, which
defines ``window.Plotly`` too; should neither exist, to ``st.plotly_chart``. Nothing is
fetched from anywhere but the app's own server.

The component draws what the server sends: figures built by ``ui.charts`` from catalog text
and numbers. No visitor text reaches it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from core.text import Lang, t

_STATIC_JS = Path(st.__file__).parent / "static" / "static" / "js"
PLOTLY_SCRIPT: str | None = next((p.name for p in _STATIC_JS.glob("PlotlyChart.*.js")), None)
"""Streamlit's own Plotly (the full bundle), beside its index script; the fallback."""

VENDOR_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor"
PLOTLY_BASIC: str | None = next(
    (f"vendor/{p.name}" for p in sorted(VENDOR_DIR.glob("plotly-basic-*.min.js"))), None
)
"""Plotly's basic bundle under the app's static folder (served at ``app/static/``)."""

# Loads Plotly once per page, shared by every chart: the basic bundle as a classic script (it
# sets ``window.Plotly``), else Streamlit's module. Streamlit's scripts sit in ``static/js/``
# beside its index script, whatever the base path; the app's static files in ``app/static/``,
# two levels up.
_LOADER = """
const lnpPlotly = (files) => {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__lnpPlotly) {
    const index = document.querySelector('script[type="module"][src*="/js/index."]');
    const at = (path) => new URL(path, index ? index.src : document.baseURI).href;
    const classic = (url) => new Promise((done) => {
      const tag = document.createElement("script");
      tag.src = url;
      tag.onload = () => done(window.Plotly || null);
      tag.onerror = () => done(null);
      document.head.appendChild(tag);
    });
    const module = (url) => import(url).then(() => window.Plotly || null, () => null);
    window.__lnpPlotly = (files.basic ? classic(at("../../app/static/" + files.basic))
      : Promise.resolve(null))
      .then((Plotly) => Plotly || (files.chunk ? module(at(files.chunk)) : null))
      .then((Plotly) => {
        if (!Plotly) window.__lnpPlotly = null;  // the next chart tries again
        return Plotly;
      });
  }
  return window.__lnpPlotly;
};
"""

_JS = (
    _LOADER
    + """
export default function (component) {
  const { data, parentElement } = component;
  let chart = parentElement.querySelector("div.lnp-live-chart");
  if (!chart) {
    chart = document.createElement("div");
    chart.className = "lnp-live-chart";
    chart.style.width = "100%";
    parentElement.appendChild(chart);
  }
  const page = getComputedStyle(parentElement);
  const font = { family: page.fontFamily, color: page.color };
  const layout = { ...data.figure.layout, font: { ...font, ...data.figure.layout.font } };
  lnpPlotly(data.files)
    .then((Plotly) => {
      if (!Plotly) throw new Error("Plotly did not load");
      if (!chart.__lnpResize) {
        // Redrawn when its width changes; not when it is first given the width it was
        // drawn at (that cost a second full draw of every chart on every page load).
        chart.__lnpResize = new ResizeObserver(() => {
          if (chart._fullLayout && chart.clientWidth !== chart.__lnpWidth) {
            chart.__lnpWidth = chart.clientWidth;
            Plotly.Plots.resize(chart);
          }
        });
        chart.__lnpResize.observe(chart);
      }
      return Plotly.react(chart, data.figure.data, layout, data.config).then(() => {
        chart.__lnpWidth = chart.clientWidth;
      });
    })
    .catch(() => {
      chart.textContent = data.failed;
    });
}
"""
)

FILES = {"basic": PLOTLY_BASIC, "chunk": PLOTLY_SCRIPT}
"""What the page loads Plotly from (paths relative to their folders, see ``_LOADER``)."""
COMPONENT_NAME = "lnp_live_chart"
_COMPONENT = st.components.v2.component(COMPONENT_NAME, js=_JS, isolate_styles=False)


def live_chart(figure: dict[str, Any], config: dict[str, Any], *, key: str, lang: Lang) -> None:
    """Draw ``figure`` (Plotly JSON) in the chart kept under ``key``, at the figure's height."""
    if PLOTLY_BASIC is None and PLOTLY_SCRIPT is None:
        st.plotly_chart(figure, width="stretch", config=config, key=key)
        return
    _COMPONENT(
        key=key,
        data={
            "figure": figure,
            "config": config,
            "files": FILES,
            "failed": t("chart.failed", lang),
        },
        height=figure["layout"]["height"],
    )
