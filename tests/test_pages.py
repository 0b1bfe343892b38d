"""Every page loads in both languages, with its title, the locale fallback and the language switch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apptest_helpers import open_app, texts
from streamlit.testing.v1 import AppTest

from core.text import CATALOGS, Lang, t
from ui.nav import PAGES

ROOT = Path(__file__).resolve().parent.parent
KEYS = sorted(set(CATALOGS["en"]), key=len, reverse=True)


class TestEveryPage:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    @pytest.mark.parametrize("page", [path for path, _ in PAGES])
    def test_page_loads_without_error_and_shows_no_catalog_key(self, page: str, lang: Lang):
        at = open_app(lang, page=page)
        assert not at.exception
        page_key = dict(PAGES)[page]
        assert any(t(page_key, lang) in text for text in texts(at)) or page == "app.py"
        for text in texts(at):
            for key in KEYS:
                assert key not in text or key in ("lang.zh", "lang.en"), (key, text[:200])

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_home_title_in_each_language(self, lang: Lang):
        at = open_app(lang)
        assert at.title[0].value == t("app.title", lang)

    def test_unknown_locale_falls_back_to_english(self):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.context = {"locale": "fr-FR", "timezone": "Europe/Paris"}
        at.run()
        assert at.title[0].value == t("app.title", "en")

    def test_lang_parameter_overrides_the_locale(self):
        at = open_app("en", {"lang": "zh"})
        assert at.title[0].value == t("app.title", "zh")


def test_language_switch_changes_the_page_and_the_link():
    at = open_app("en")
    switch: Any = at.sidebar.get("button_group")[0]
    switch.set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == t("app.title", "zh")
    assert at.query_params["lang"] == "zh"
