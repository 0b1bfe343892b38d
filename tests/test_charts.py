"""The home page's live charts: the component, Streamlit's Plotly file and the fallback."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import plotly.offline
import streamlit
from apptest_helpers import chart_figures as figures
from apptest_helpers import open_app

from core.text import t
from ui import live_chart

ROOT = Path(__file__).resolve().parent.parent


class TestLiveCharts:
    """The home page's two charts are ``ui.live_chart`` components updated in place."""

    def test_the_charts_are_live_and_carry_plotlys_files(self):
        at = open_app()
        components = at.get("bidi_component")  # the charts, the copy button, the device store
        charts = [c for c in components if c.proto.component_name == live_chart.COMPONENT_NAME]
        assert len(charts) == 2
        assert not at.get("plotly_chart")
        for chart in charts:
            data = json.loads(chart.proto.json)
            assert data["files"] == {
                "basic": live_chart.PLOTLY_BASIC,
                "chunk": live_chart.PLOTLY_SCRIPT,
            }
            assert data["failed"] == t("chart.failed", "en")
            assert data["config"] == {"displayModeBar": False, "responsive": True}

    def test_streamlits_plotly_file_defines_window_plotly(self):
        """The fallback: loaded when the basic bundle is not served, it must exist beside
        Streamlit's other scripts and define ``window.Plotly`` when it runs."""
        assert live_chart.PLOTLY_SCRIPT is not None
        script = (
            Path(streamlit.__file__).parent / "static" / "static" / "js" / live_chart.PLOTLY_SCRIPT
        )
        assert "window.Plotly=" in script.read_text(encoding="utf-8")

    def test_the_basic_bundle_is_served_and_is_the_version_plotly_py_writes_for(self):
        """The page loads Plotly's basic bundle from the app's static folder: Streamlit must
        serve that folder, the file must be the plotly.js release plotly.py targets (the
        figures are written for it), and hold every trace type the charts use."""
        assert live_chart.PLOTLY_BASIC is not None
        config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
        assert config["server"]["enableStaticServing"] is True
        path = ROOT / "static" / live_chart.PLOTLY_BASIC
        head = path.read_text(encoding="utf-8")[:200]
        version = plotly.offline.get_plotlyjs_version()
        assert f"plotly.js (basic - minified) v{version}" in head
        assert path.name == f"plotly-basic-{version}.min.js"
        assert (
            (ROOT / "static" / "vendor" / "plotly-LICENSE.txt")
            .read_text("utf-8")
            .startswith("MIT License")
        )
        # Only what the basic bundle draws: scatter and bar (pie too, unused).
        at = open_app()
        traces = {trace["type"] for figure in figures(at) for trace in figure["data"]}
        assert traces and traces <= {"scatter", "bar"}
        # Nothing else is served from the static folder.
        served = sorted(
            p.relative_to(ROOT / "static").as_posix()
            for p in (ROOT / "static").rglob("*")
            if p.is_file()
        )
        assert served == sorted([live_chart.PLOTLY_BASIC, "vendor/plotly-LICENSE.txt"])

    def test_without_that_file_the_charts_fall_back_to_st_plotly_chart(self, monkeypatch):
        monkeypatch.setattr(live_chart, "PLOTLY_SCRIPT", None)
        monkeypatch.setattr(live_chart, "PLOTLY_BASIC", None)
        at = open_app()
        assert not at.exception
        assert len(at.get("plotly_chart")) == 2
        names = [c.proto.component_name for c in at.get("bidi_component")]
        assert live_chart.COMPONENT_NAME not in names
        assert figures(at)[0]["data"][0]["y"][0] == 10_000
