"""The guide page: formulas, legal lines with dates and sources, the two cases, the warning."""

from __future__ import annotations

import pytest
from apptest_helpers import open_page
from streamlit.testing.v1 import AppTest

from core.legal import LICENSED_LENDER_LINE, LPR_FIXINGS
from core.text import Lang, t
from ui.guide_cases import case_study_values


def open_guide(lang: Lang = "en") -> AppTest:
    return open_page(lang, page="pages/4_guide.py")


def page_text(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.markdown, *at.caption, *at.warning, *at.subheader))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guide_states_formulas_lines_and_the_warning(lang: Lang):
    at = open_guide(lang)
    assert not at.exception
    text = page_text(at)
    assert t("guide.not_advice", lang) in text
    assert "A = P·i·(1+i)^n / ((1+i)^n − 1)" in text
    assert LICENSED_LENDER_LINE.source in text
    assert LPR_FIXINGS[-1].effective.isoformat() in text
    assert t("guide.intermediaries.text", lang) in text


def test_illness_case_loads_into_the_home_page():
    at = open_guide()
    at.button(key="_case_illness").click().run()
    assert not at.exception
    expected = case_study_values("illness")
    assert at.sidebar.slider(key="income").value == expected["income"]
    assert at.slider(key="p1_add").value == expected["p1_add"]
    assert at.title[0].value == t("app.title", "en")


def test_no_plan_case_shows_the_cost_of_doing_nothing():
    at = open_guide("zh")
    at.button(key="_case_no_plan").click().run()
    assert not at.exception
    assert at.sidebar.number_input(key="days").value == 120
    assert at.selectbox(key="np").value == "0"
