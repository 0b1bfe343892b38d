"""The complaint about collection: which contacts it lists, what it says, and the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import contact_entries
from streamlit.testing.v1 import AppTest

from core.complaint import (
    ELLIPSIS,
    MAX_LISTED,
    SAID_LIMIT,
    complaint_letter,
    complaints,
    one_line,
    rules_source,
)
from core.contacts import RULES_SOURCE, Channel, ContactEntry, Flag, rule_flags
from core.legal import CONSUMER_HOTLINE
from core.text import Lang, t
from ui import state

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 3)
NIGHT = ContactEntry(
    when=dt.datetime(2026, 12, 1, 23, 15),
    who="A-17",
    said="Said they would call my parents tonight unless I paid in full.",
    evidence_kept=True,
)
DAWN = ContactEntry(when=dt.datetime(2026, 12, 2, 7, 5), said="第二次清晨来电，要求今天全额还款。")
MINE = ContactEntry(  # the borrower wrote at night: no rule is broken by that
    when=dt.datetime(2026, 12, 2, 23, 30), channel=Channel.CHAT, they_called=False
)
FOUR_CALLS = tuple(
    ContactEntry(when=dt.datetime(2026, 12, 5, hour), who=f"call {hour}")
    for hour in (9, 11, 13, 16)
)


def letter(entries, lang: Lang = "en", **details: str) -> str:
    (complaint,) = complaints(entries, by_lender=False)
    return complaint_letter(complaint, lang, today=TODAY, **details)


class TestOneLine:
    @pytest.mark.parametrize(
        "text, limit, expected",
        [
            ("called\n\nat  night", 200, "called at night"),
            ("  ", 200, ""),
            ("abcdef", 6, "abcdef"),
            ("abcdef", 4, "abc" + ELLIPSIS),
            ("还款" * 10, 5, "还款还款" + ELLIPSIS),
        ],
    )
    def test_one_line_within_the_limit(self, text: str, limit: int, expected: str):
        assert one_line(text, limit) == expected
        assert len(one_line(text, limit)) <= limit


def test_the_source_in_its_parts_is_the_contact_rules_source():
    issuer, title, date = rules_source()
    assert f"{issuer} {title}, {date}" == RULES_SOURCE
    assert dt.date.fromisoformat(date) == dt.date(2024, 5, 15)


class TestComplaints:
    def test_only_contacts_that_break_a_rule(self):
        (complaint,) = complaints([MINE, DAWN, NIGHT], by_lender=False)
        assert [c.entry for c in complaint.contacts] == [NIGHT, DAWN]  # oldest first
        assert all(c.flags == {Flag.QUIET_HOURS} for c in complaint.contacts)

    def test_nothing_broken_nothing_to_complain_about(self):
        assert complaints([MINE, FOUR_CALLS[0]], by_lender=False) == ()
        assert complaints([], by_lender=True) == ()

    def test_each_lender_is_held_to_its_own_calls(self):
        two_each = [e.model_copy(update={"lender": 1 + i % 2}) for i, e in enumerate(FOUR_CALLS)]
        assert complaints(two_each, by_lender=True) == ()  # two calls a lender: within the rule
        (together,) = complaints(two_each, by_lender=False)  # one lender: four calls
        assert len(together.contacts) == 4
        assert {c.calls_that_day for c in together.contacts} == {4}

    def test_one_complaint_per_lender_and_contacts_without_a_lender_last(self):
        log = [
            NIGHT.model_copy(update={"lender": 3}),
            DAWN,
            NIGHT.model_copy(update={"lender": 1}),
            MINE.model_copy(update={"lender": 2}),
        ]
        found = complaints(log, by_lender=True)
        assert [c.lender for c in found] == [1, 3, None]
        assert [len(c.contacts) for c in found] == [1, 1, 1]


class TestLetter:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_each_contact_with_its_time_channel_who_and_rule(self, lang: Lang):
        text = letter([NIGHT, DAWN, MINE], lang, lender="借呗", name="张伟")
        for moment in ("2026-12-01", "23:15", "2026-12-02", "07:05"):
            assert moment in text
        assert "23:30" not in text  # the borrower's own message is not complained about
        assert "A-17" in text and NIGHT.said in text and DAWN.said in text
        assert t("complaint.channel.phone", lang) in text
        assert text.count(t("complaint.rule.quiet_hours", lang, start="22:00", end="08:00")) == 2
        issuer, title, date = rules_source()
        assert issuer in text and title in text and date in text
        assert t("complaint.evidence", lang) in text  # once: NIGHT kept evidence, DAWN did not
        assert text.count(t("complaint.evidence", lang)) == 1

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_it_asks_to_stop_to_answer_in_writing_and_names_the_hotline(self, lang: Lang):
        text = letter([NIGHT], lang)
        assert t("complaint.ask_stop", lang) in text
        assert t("complaint.ask_written", lang) in text
        assert CONSUMER_HOTLINE == "12378" and "12378" in text
        assert t("complaint.next_step", lang, hotline=CONSUMER_HOTLINE) in text

    def test_too_many_calls_names_the_limit_and_the_count(self):
        text = letter(FOUR_CALLS)
        rule = t("complaint.rule.too_many_calls", "en", calls=3, count=4)
        assert text.count(rule) == 4
        for hour in (9, 11, 13, 16):
            assert f"at {hour:02d}:00" in text

    def test_a_contact_breaking_both_rules_names_both(self):
        text = letter(
            [*FOUR_CALLS[:3], NIGHT.model_copy(update={"when": dt.datetime(2026, 12, 5, 23)})]
        )
        both = t("complaint.rule_join", "en").join(
            [
                t("complaint.rule.quiet_hours", "en", start="22:00", end="08:00"),
                t("complaint.rule.too_many_calls", "en", calls=3, count=4),
            ]
        )
        assert t("complaint.rule", "en", rule=both) in text

    def test_the_zh_letter_closes_with_cizhi_jingli_then_the_date(self):
        lines = letter([NIGHT], "zh", name="张伟").splitlines()
        assert lines[-5:] == ["此致", "敬礼！", "", "张伟", "2026年12月3日"]
        assert lines[2] == "贵方客户投诉部门："  # no lender named: its complaints team

    def test_the_en_letter_closes_yours_faithfully_then_the_date(self):
        lines = letter([NIGHT], "en", lender="  Jie\nBei ").splitlines()
        assert lines[-3:] == ["Yours faithfully,", "", "2026-12-03"]  # no name: none signed
        assert lines[2] == "To: the complaints team of Jie Bei"
        assert "Dear Sir or Madam," in lines

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_nothing_about_the_borrowers_money(self, lang: Lang):
        text = letter([NIGHT, DAWN], lang, lender="借呗", name="张伟")
        for word in ("¥", "元", "income", "budget", "收入", "预算", "afford"):
            assert word not in text

    def test_what_was_said_is_shortened_and_kept_on_one_line(self):
        said = "Threats.\n" + "x" * 1_990
        text = letter([NIGHT.model_copy(update={"said": said, "who": "A\nB"})])
        (line,) = [line for line in text.splitlines() if "Threats." in line]
        quoted = line.split(": ", 1)[1]
        assert len(quoted) == SAID_LIMIT and quoted.endswith(ELLIPSIS)
        assert "from A B." in text

    def test_a_long_log_lists_the_latest_contacts_and_counts_the_rest(self):
        nights = [
            ContactEntry(when=dt.datetime(2026, 1, 1, 23) + dt.timedelta(days=d)) for d in range(60)
        ]
        text = letter(nights)
        assert f"{MAX_LISTED}. 2026-03-01 at 23:00" in text  # the last night is listed last
        assert "2026-01-10 at 23:00" not in text and "2026-01-11 at 23:00" in text
        assert t("complaint.earlier", "en", count=60 - MAX_LISTED) in text


@given(st.lists(contact_entries(), max_size=8), st.booleans())
def test_any_log_gives_a_letter_for_each_lender_with_broken_rules(
    log: list[ContactEntry], by_lender: bool
):
    flagged = {id(e) for e, flags in zip(log, rule_flags(log), strict=True) if flags}
    for complaint in complaints(log, by_lender=by_lender):
        assert complaint.contacts
        for lang in ("zh", "en"):
            text = complaint_letter(complaint, lang, today=TODAY, lender="x", name="y")
            assert CONSUMER_HOTLINE in text
            assert text.count(t("complaint.rule", lang, rule="")[:6]) >= len(complaint.contacts)
    if not by_lender:  # the whole log is one lender's: the flags are the log's own
        listed = {id(c.entry) for found in complaints(log, by_lender=False) for c in found.contacts}
        assert listed == flagged


# --- The page -------------------------------------------------------------------------------


def open_log(
    lang: Lang = "en", log: tuple[ContactEntry, ...] = (), name: str | None = None
) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context = {"locale": {"zh": "zh-CN", "en": "en-US"}[lang]}
    at.run()
    at.session_state[state.CONTACT_LOG] = log
    if name is not None:
        at.session_state[state.LETTER_NAME] = name
    at.switch_page("pages/2_contact_log.py").run()
    assert not at.exception
    return at


def complaint_shown(at: AppTest, lang: Lang) -> str:
    (text,) = [e.value for e in at.text if e.value.startswith(t("complaint.subject", lang))]
    return text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_complaint_for_flagged_contacts(lang: Lang):
    at = open_log(lang, (NIGHT, DAWN, MINE), name="张伟")
    text = complaint_shown(at, lang)
    *body, dated = text.splitlines()
    assert body == letter([NIGHT, DAWN, MINE], lang, name="张伟").splitlines()[:-1]
    today = dt.date.today()
    assert dated == t("complaint.date", lang, year=today.year, month=today.month, day=today.day)
    assert "23:15" in text and "07:05" in text and "12378" in text
    assert t("complaint.rule.quiet_hours", lang, start="22:00", end="08:00") in text
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("complaint.download", lang) in labels
    assert t("complaint.none", lang) not in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_flagged_contacts_a_caption_says_so(lang: Lang):
    at = open_log(lang, (MINE,))
    assert t("complaint.none", lang) in [c.value for c in at.caption]
    assert not [e for e in at.text if e.value.startswith(t("complaint.subject", lang))]
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("complaint.download", lang) not in labels


def test_with_several_lenders_one_letter_per_lender_chosen_in_a_selectbox():
    from test_lenders_page import add_lender, open_lenders

    at = open_lenders("en", {"name": "First"})
    add_lender(at, "en", name="Second", principal=8_000.0)
    at.session_state[state.CONTACT_LOG] = (
        NIGHT.model_copy(update={"lender": 1}),
        DAWN.model_copy(update={"lender": 2}),
    )
    at.switch_page("pages/2_contact_log.py").run()
    assert not at.exception
    choice = at.selectbox(key="_complaint_lender")
    assert choice.options == ["First", "Second"]
    text = complaint_shown(at, "en")
    assert "of First" in text and "23:15" in text and "07:05" not in text
    choice.set_value(2).run()
    text = complaint_shown(at, "en")
    assert "of Second" in text and "07:05" in text and "23:15" not in text
