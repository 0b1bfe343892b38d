"""The error boundary: a forced internal error shows a calm message and a way back.

The failures are forced by replacing a function the page calls with one that raises (the
app's script looks it up again on every run), so the real boundary code handles them.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from apptest_helpers import open_page
from streamlit.testing.v1 import AppTest

import core
import ui.presets
import ui.shell
from core.contacts import ContactEntry
from core.text import Lang, t
from ui.registry import BY_KEY, default

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "app.py",
    "pages/1_checklist.py",
    "pages/2_contact_log.py",
    "pages/3_letter.py",
    "pages/4_guide.py",
)


def boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("forced failure for the test")


def failure_shown(at: AppTest, lang: Lang) -> bool:
    messages = [error.value for error in at.error]
    return t("error.unexpected", lang) in messages


def assert_calm(at: AppTest, lang: Lang) -> None:
    assert not at.exception, "a traceback reached the page"
    assert failure_shown(at, lang)
    labels = [button.label for button in at.button]
    assert t("error.retry", lang) in labels
    assert t("error.reset", lang) in labels


def test_shipped_config_hides_error_details_and_usage_statistics():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"  # `false` still shows tracebacks
    assert config["browser"]["gatherUsageStats"] is False
    assert config["runner"]["postScriptGC"] is False  # README, Speed: 100 ms a move


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_failing_computation_becomes_a_message_with_both_ways_back(monkeypatch, lang: Lang):
    at = open_page(lang, {"principal": "23456"})
    assert not failure_shown(at, lang)
    monkeypatch.setattr(core, "compare", boom)
    at.run()
    assert_calm(at, lang)
    # The inputs drawn before the failure are still there, with the borrower's value.
    assert at.sidebar.number_input(key="principal").value == 23_456
    # Once the fault is gone, "try again" brings the page back as it was.
    monkeypatch.undo()
    at.button(key="_error_retry").click().run()
    assert not at.exception
    assert not failure_shown(at, lang)
    assert at.sidebar.number_input(key="principal").value == 23_456
    assert len(at.metric) > 0


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_is_inside_the_boundary(monkeypatch, page: str, lang: Lang):
    at = open_page(lang, page=page)
    monkeypatch.setattr(ui.shell, "navigation", boom)
    at.run()
    assert_calm(at, lang)


def test_reset_restores_the_default_inputs_and_keeps_the_log_and_checklist(monkeypatch):
    at = open_page("zh", {"principal": "23456", "months": "30"})
    entry = ContactEntry(when=dt.datetime(2026, 12, 1, 9, 0), who="A-17")
    at.session_state["_contact_log"] = (entry,)
    at.session_state["_checklist"] = {"documents": True}
    monkeypatch.setattr(core, "compare", boom)
    at.run()
    assert_calm(at, "zh")
    at.button(key="_error_reset").click().run()
    assert not at.exception
    assert at.sidebar.number_input(key="principal").value == default(BY_KEY["principal"], {})
    assert at.sidebar.number_input(key="months").value == default(BY_KEY["months"], {})
    assert "principal" not in at.query_params
    assert at.session_state["lang"] == "zh"  # the language stays as chosen
    assert at.session_state["_contact_log"] == (entry,)
    assert at.session_state["_checklist"] == {"documents": True}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_failing_widget_callback_becomes_the_same_message(monkeypatch, lang: Lang):
    at = open_page(lang, {"principal": "34567"})
    monkeypatch.setattr(ui.presets, "preset_values", boom)
    presets: Any = at.main.get("button_group")[0]  # proposal 1's preset pills (no typed accessor)
    presets.set_value("longer").run()
    assert_calm(at, lang)
    assert at.sidebar.number_input(key="principal").value == 34_567
    # The message is for that run only: the next run is the normal page.
    monkeypatch.undo()
    at.run()
    assert not at.exception
    assert not failure_shown(at, lang)


def test_an_error_in_the_message_language_lookup_still_shows_a_message(monkeypatch):
    """The boundary falls back to English when even the language cannot be read."""
    import ui.state

    at = open_page("zh")
    monkeypatch.setattr(core, "compare", boom)
    monkeypatch.setattr(ui.state, "language", boom)
    at.run()
    assert not at.exception
    assert failure_shown(at, "en")
