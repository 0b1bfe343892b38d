"""The guide page: formulas, legal lines with dates and sources, the two cases, the warning."""

from __future__ import annotations

import re

import pytest
from apptest_helpers import open_page
from streamlit.testing.v1 import AppTest

from core.legal import (
    CREDIT_CARD_LINE,
    LICENSED_LENDER_LINE,
    LPR_FIXINGS,
    PRIVATE_LENDING_RULES_IN_FORCE,
    private_lending_line,
)
from core.text import Lang, t
from ui.guide_cases import case_study_values

PRIVATE_LENDING_LINE_TODAY = private_lending_line(
    PRIVATE_LENDING_RULES_IN_FORCE, LPR_FIXINGS[-1].effective
)


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
    assert LICENSED_LENDER_LINE.source.cite(lang) in text
    assert LPR_FIXINGS[-1].effective.isoformat() in text
    assert t("guide.intermediaries.text", lang) in text


def test_illness_case_loads_into_the_home_page():
    at = open_guide()
    at.button(key="_case_illness").click().run()
    assert not at.exception
    expected = case_study_values("illness")
    assert at.sidebar.number_input(key="income").value == expected["income"]
    assert at.slider(key="p1_add").value == expected["p1_add"]
    assert at.title[0].value == t("app.title", "en")


def test_no_plan_case_shows_the_cost_of_doing_nothing():
    at = open_guide("zh")
    at.button(key="_case_no_plan").click().run()
    assert not at.exception
    assert at.sidebar.number_input(key="days").value == 120
    assert at.selectbox(key="np").value == "0"


def test_the_chinese_guide_cites_in_chinese_and_the_english_in_english():
    """Issue 13: no "Art." and no English sentence in a legal line on the Chinese page."""
    zh = page_text(open_guide("zh"))
    en = page_text(open_guide("en"))
    for line in (LICENSED_LENDER_LINE, PRIVATE_LENDING_LINE_TODAY, CREDIT_CARD_LINE):
        assert line.source.cite("zh") in zh and line.source.cite("en") in en
        assert line.effective.isoformat() in zh and line.effective.isoformat() in en
    assert "第25、29、31条" in zh and "Arts. 25, 29, 31" in en
    lines = [row for row in zh.splitlines() if "起施行" in row]
    assert len(lines) == 3, lines
    for row in lines:
        assert not re.search(r"\bArts?\b|[A-Za-z]{3,}", row.replace("LPR", "")), row
    # The credit-card line is said once: the rule in the line, the documents as its source.
    assert zh.count("不设利率上下限") == 1 and en.count("no cap") == 1
