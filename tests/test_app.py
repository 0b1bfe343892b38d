"""The home page loads in both languages and shows what the core computes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import Case, compare
from core.text import t

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.mark.parametrize(("locale", "lang"), [("zh-CN", "zh"), ("en-US", "en"), ("fr-FR", "en")])
def test_home_page_in_each_language(locale: str, lang):
    at = AppTest.from_file(APP, default_timeout=60)
    at.context = {"locale": locale, "timezone": "Asia/Shanghai"}
    at.run()
    assert not at.exception
    assert at.title[0].value == t("app.title", lang)
    expected = compare(Case()).contract.summary
    assert at.metric[0].label == t("app.metric.first_payment", lang)
    assert at.metric[0].value == f"¥{expected.first_payment / 100:,.2f}"
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    figure = json.loads(charts[0].proto.spec)
    assert figure["data"][0]["y"][-1] == 0
