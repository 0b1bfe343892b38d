"""The home page's live charts: the component, Streamlit's Plotly file and the fallback."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit
from apptest_helpers import chart_figures as figures
from apptest_helpers import open_app

from core.text import t
from ui import live_chart


class TestLiveCharts:
    """The home page's two charts are ``ui.live_chart`` components updated in place."""

    def test_the_charts_are_live_and_carry_streamlits_plotly_file(self):
        at = open_app()
        components = at.get("bidi_component")  # the charts, the copy button, the device store
        charts = [c for c in components if c.proto.component_name == live_chart.COMPONENT_NAME]
        assert len(charts) == 2
        assert not at.get("plotly_chart")
        for chart in charts:
            data = json.loads(chart.proto.json)
            assert data["script"] == live_chart.PLOTLY_SCRIPT
            assert data["failed"] == t("chart.failed", "en")
            assert data["config"] == {"displayModeBar": False, "responsive": True}

    def test_streamlits_plotly_file_defines_window_plotly(self):
        """The component loads this file when the page has no Plotly yet: it must exist
        beside Streamlit's other scripts and define ``window.Plotly`` when it runs."""
        assert live_chart.PLOTLY_SCRIPT is not None
        script = (
            Path(streamlit.__file__).parent / "static" / "static" / "js" / live_chart.PLOTLY_SCRIPT
        )
        assert "window.Plotly=" in script.read_text(encoding="utf-8")

    def test_without_that_file_the_charts_fall_back_to_st_plotly_chart(self, monkeypatch):
        monkeypatch.setattr(live_chart, "PLOTLY_SCRIPT", None)
        at = open_app()
        assert not at.exception
        assert len(at.get("plotly_chart")) == 2
        names = [c.proto.component_name for c in at.get("bidi_component")]
        assert live_chart.COMPONENT_NAME not in names
        assert figures(at)[0]["data"][0]["y"][0] == 10_000
