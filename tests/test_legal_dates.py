"""Issue 14: every legal number says when it was last checked, and says so when that is old.

domain.md §3: keep the LPR table "with the date it was last checked, so that ... a table not
checked for 60 days says so on screen". The newer rules of §3 and §5 (2025-2026) are data
with their dates and confidence, shown where they apply.
"""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_helpers import open_page, open_tab
from streamlit.testing.v1 import AppTest

from core import LenderType
from core.legal import (
    CREDIT_CARD_LINE,
    LICENSED_LENDER_LINE,
    LPR_LAST_CHECKED,
    MALICIOUS_OVERDRAFT_AMOUNT,
    RECENT_RULES,
    RULES_LAST_CHECKED,
    STALE_AFTER_DAYS,
    Checked,
    is_stale,
    private_lending_line,
    recent_rules,
)
from core.text import Lang, t
from ui.legal_text import checked_note, recent_rule_lines

CHECKED = dt.date(2026, 3, 20)  # the March 2026 fixing: the latest domain.md reports


def rule(key: str):
    return next(r for r in RECENT_RULES if r.key == key)


class TestLastChecked:
    def test_the_tables_were_last_checked_at_the_march_2026_fixing(self):
        assert LPR_LAST_CHECKED == CHECKED
        assert RULES_LAST_CHECKED == CHECKED

    def test_every_line_amount_and_rule_carries_its_date(self):
        private = private_lending_line(dt.date(2025, 6, 1), dt.date(2026, 12, 1))
        rules: list[Checked] = [LICENSED_LENDER_LINE, CREDIT_CARD_LINE, private]
        rules += [MALICIOUS_OVERDRAFT_AMOUNT, *RECENT_RULES]
        for checked in rules:
            assert checked.last_checked == CHECKED

    @pytest.mark.parametrize(
        "days_after, stale", [(-1, False), (0, False), (60, False), (61, True), (300, True)]
    )
    def test_stale_after_sixty_days(self, days_after: int, stale: bool):
        assert STALE_AFTER_DAYS == 60
        today = CHECKED + dt.timedelta(days=days_after)
        assert is_stale(LICENSED_LENDER_LINE, today) is stale


class TestRecentRules:
    """domain.md §3 and §5, 2025-2026: each with its date and confidence."""

    def test_the_four_rules_with_their_confidence(self):
        assert {r.key: r.confidence for r in RECENT_RULES} == {
            "facilitation": "M",
            "micro_loan": "M",
            "collection": "M",
            "consumer_finance": "L",
        }

    def test_their_dates_and_numbers(self):
        facilitation = rule("facilitation")
        assert (facilitation.date, facilitation.date_kind) == (dt.date(2025, 10, 1), "in_force")
        assert facilitation.annual_rate == 0.24
        assert "金规〔2025〕9号" in facilitation.source
        micro = rule("micro_loan")
        assert (micro.date.year, micro.date.month, micro.month_only) == (2025, 12, True)
        assert micro.annual_rate == 0.24 and micro.deadline == dt.date(2027, 12, 31)
        collection = rule("collection")
        assert collection.date == dt.date(2026, 1, 30)
        assert collection.quiet_hours == (dt.time(22, 0), dt.time(8, 0))
        assert collection.reported_unanswered_calls == 6
        assert "催收工作指引" in collection.source

    def test_the_window_guidance_is_reported_never_law(self):
        guidance = rule("consumer_finance")
        assert guidance.source is None  # no published document
        assert guidance.date_kind == "reported" and guidance.annual_rate == 0.20

    def test_only_where_they_apply(self):
        assert recent_rules(LenderType.LICENSED) == RECENT_RULES
        assert recent_rules(LenderType.PRIVATE) == ()
        assert recent_rules(LenderType.CREDIT_CARD) == ()


class TestInWords:
    def test_a_recent_check_is_just_its_date(self):
        assert checked_note(LICENSED_LENDER_LINE, dt.date(2026, 4, 1), "en") == (
            "Last checked 2026-03-20."
        )
        assert checked_note(LICENSED_LENDER_LINE, dt.date(2026, 4, 1), "zh") == (
            "最近核对：2026-03-20。"
        )

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_an_old_check_says_so(self, lang: Lang):
        note = checked_note(LICENSED_LENDER_LINE, dt.date(2026, 12, 2), lang)
        assert note == t("legal.checked_stale", lang, checked="2026-03-20", days=257, limit=60)
        assert "2026-03-20" in note and "257" in note and "60" in note

    def test_each_rule_with_its_source_date_and_confidence(self):
        en = "\n".join(recent_rule_lines(LenderType.LICENSED, "en"))
        assert "金规〔2025〕9号" in en and "in force from 2025-10-01" in en
        assert "issued about 2025-12" in en and "2027-12-31" in en
        assert "published 2026-01-30" in en and "reported as 6" in en
        assert "22:00" in en and "08:00" in en
        assert en.count(t("legal.confidence.M", "en")) == 3
        assert en.count(t("legal.confidence.L", "en")) == 1
        assert "not law" in en and "reported 2025-10" in en

    def test_the_chinese_addresses_the_borrower_as_nin(self):
        zh = "\n".join(recent_rule_lines(LenderType.LICENSED, "zh"))
        assert "您" in zh and "你" not in zh.replace("您", "")
        assert "据报道为 6 次" in zh
        assert "您" in t("legal.checked_stale", "zh", checked="2026-03-20", days=90, limit=60)

    def test_nothing_for_a_private_loan(self):
        assert recent_rule_lines(LenderType.PRIVATE, "en") == []


def everything(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.warning)]
    return "\n".join(str(p) for p in parts)


class TestOnThePages:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_the_lawfulness_panel_dates_its_figures(self, lang: Lang):
        at = open_tab(open_page(lang), "lawful.title", lang)
        assert not at.exception
        text = everything(at)
        assert checked_note(LICENSED_LENDER_LINE, dt.date.today(), lang) in text
        for line in recent_rule_lines(LenderType.LICENSED, lang):
            assert line in text

    def test_the_warning_above_the_line_dates_its_figures(self):
        at = open_page("en", {"rate": "36"})
        warning = at.warning[0].value
        assert checked_note(LICENSED_LENDER_LINE, dt.date.today(), "en") in warning

    def test_a_private_loan_gets_its_line_dated_and_no_licensed_rules(self):
        params = {"lender": "private", "rate": "10", "signed": "2025-06-01"}
        text = everything(open_tab(open_page("en", params), "lawful.title", "en"))
        line = private_lending_line(dt.date(2025, 6, 1), dt.date.today())
        assert checked_note(line, dt.date.today(), "en") in text
        assert "金规〔2025〕9号" not in text

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_the_guide_dates_its_lines_and_lists_the_newer_rules(self, lang: Lang):
        at = open_page(lang, page="pages/4_guide.py")
        assert not at.exception
        text = everything(at)
        assert checked_note(LICENSED_LENDER_LINE, dt.date.today(), lang) in text
        for line in recent_rule_lines(None, lang):
            assert line in text
