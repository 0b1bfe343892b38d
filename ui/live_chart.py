"""A Plotly chart that stays on the page and is updated in place.

``st.plotly_chart`` in Streamlit 1.67 hashes the figure into the element's id, so a changed
figure mounts a new chart, which Plotly then draws from nothing, twice (hidden, then at its
measured width). On the home page that was most of a slider move's time in the browser.
:func:`live_chart` keeps one chart per key (an ``st.components.v2`` component mounted in the
page itself) and hands each new figure to ``Plotly.react``, which redraws only what changed.

Plotly is the copy Streamlit ships: its lazily loaded ``PlotlyChart`` script defines
``window.Plotly`` when it runs, so the component loads that file (once per page, from the
server's own static folder) when ``window.Plotly`` is not there yet. Nothing else is
downloaded. Should a Streamlit release stop shipping that file, :func:`live_chart` falls
back to ``st.plotly_chart``.

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

_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let chart = parentElement.querySelector("div.lnp-live-chart");
  if (!chart) {
    chart = document.createElement("div");
    chart.className = "lnp-live-chart";
    chart.style.width = "100%";
    parentElement.appendChild(chart);
  }
  const loadPlotly = () => {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!window.__lnpPlotly) {
      // Streamlit's own scripts sit beside its index script, whatever the base path.
      const index = document.querySelector('script[type="module"][src*="/js/index."]');
      const url = new URL(data.script, index ? index.src : document.baseURI).href;
      window.__lnpPlotly = import(url).then(() => window.Plotly);
    }
    return window.__lnpPlotly;
  };
  const page = getComputedStyle(parentElement);
  const font = { family: page.fontFamily, color: page.color };
  const layout = { ...data.figure.layout, font: { ...font, ...data.figure.layout.font } };
  loadPlotly()
    .then((Plotly) => {
      if (!Plotly) throw new Error("Plotly did not load");
      if (!chart.__lnpResize) {
        chart.__lnpResize = new ResizeObserver(() => {
          if (chart._fullLayout) Plotly.Plots.resize(chart);
        });
        chart.__lnpResize.observe(chart);
      }
      return Plotly.react(chart, data.figure.data, layout, data.config);
    })
    .catch(() => {
      chart.textContent = data.failed;
    });
}
"""

COMPONENT_NAME = "lnp_live_chart"
_COMPONENT = st.components.v2.component(COMPONENT_NAME, js=_JS, isolate_styles=False)


def live_chart(figure: dict[str, Any], config: dict[str, Any], *, key: str, lang: Lang) -> None:
    """Draw ``figure`` (Plotly JSON) in the chart kept under ``key``, at the figure's height."""
    if PLOTLY_SCRIPT is None:
        st.plotly_chart(figure, width="stretch", config=config, key=key)
        return
    _COMPONENT(
        key=key,
        data={
            "figure": figure,
            "config": config,
            "script": PLOTLY_SCRIPT,
            "failed": t("chart.failed", lang),
        },
        height=figure["layout"]["height"],
    )
