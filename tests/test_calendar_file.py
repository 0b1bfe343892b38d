"""The calendar file (RFC 5545): escaped, folded, CRLF, one event per date, and the page's file.

The ``icalendar`` package is not a dependency, so the file is read back here with a small
reader of our own: unfold (§3.1), split each line at its first unquoted colon, unescape TEXT
(§3.3.11). It is written from the RFC, not from ``core.calendar_file``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import contact_entries
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test

from core import Assumptions, Case, LoanCase, Proposal, compare
from core.calendar_file import (
    MAX_LINE_OCTETS,
    UID_DOMAIN,
    CalendarEvent,
    calendar_text,
    escape_text,
    fold,
    follow_up_events,
    payment_events,
)
from core.contacts import Channel, ContactEntry
from core.models import FeePayee
from core.text import Lang, t
from ui import state
from ui.format import money

ROOT = Path(__file__).resolve().parent.parent
STAMP = dt.datetime(2026, 12, 3, 10, 30, tzinfo=dt.UTC)
LOG = (
    ContactEntry(
        when=dt.datetime(2026, 12, 1, 10, 0),
        who="A-17",
        said="Offered 24 months; wants it in writing, by email.\nCall back after 14:00.",
        outcome="Waiting for the written offer",
        follow_up=dt.date(2026, 12, 9),
    ),
    ContactEntry(
        when=dt.datetime(2026, 12, 2, 23, 15),
        channel=Channel.CHAT,
        said="客服说：会在下周一前回复，请保留聊天记录。",
        outcome="等待书面答复，" + "很长的结果" * 40,
        follow_up=dt.date(2026, 12, 14),
    ),
    ContactEntry(when=dt.datetime(2026, 12, 2, 9, 0), said="No follow-up for this one."),
)


# --- A reader of iCalendar text, from RFC 5545 -----------------------------------------------


def unfold(text: str) -> list[str]:
    """The content lines: each CRLF followed by a space or tab is removed (§3.1)."""
    assert text.endswith("\r\n")
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def parse(text: str) -> list[dict[str, str]]:
    """Each VEVENT's properties (name with parameters → raw value), VALARM lines prefixed."""
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    prefix = ""
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif line == "BEGIN:VALARM":
            prefix = "VALARM."
        elif line == "END:VALARM":
            prefix = ""
        elif current is not None:
            current[prefix + name] = value
    return events


def days(events: list[dict[str, str]]) -> list[dt.date]:
    return [dt.datetime.strptime(e["DTSTART;VALUE=DATE"], "%Y%m%d").date() for e in events]


def physical_lines(text: str) -> Iterator[str]:
    assert text.endswith("\r\n")
    yield from text[:-2].split("\r\n")


def named(number: int | None) -> str:
    return "借呗"


# --- Escaping and folding ----------------------------------------------------------------------


class TestEscapeText:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("a\\b", "a\\\\b"),
            ("a;b,c", "a\\;b\\,c"),
            ("one\ntwo", "one\\ntwo"),
            ("one\r\ntwo\rthree", "one\\ntwo\\nthree"),
            ("tab\tkept, bell\x07 dropped", "tab\tkept\\, bell dropped"),
            ("lone \ud800 surrogate", "lone \ufffd surrogate"),
            ("还款；明天，下午", "还款；明天，下午"),  # full-width punctuation is plain text
        ],
    )
    def test_escape(self, text: str, expected: str):
        assert escape_text(text) == expected

    @given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs"))))
    def test_unescaping_restores_the_text(self, text: str):
        assert unescape(escape_text(text)) == text


class TestFold:
    @pytest.mark.parametrize(
        "line",
        [
            "SUMMARY:" + "x" * 200,
            "DESCRIPTION:" + "等待书面答复" * 30,
            "DESCRIPTION:" + "a还😀" * 40,
            "SUMMARY:short",
        ],
    )
    def test_lines_of_at_most_75_octets_that_unfold_to_the_line(self, line: str):
        folded = fold(line)
        parts = folded.split("\r\n")
        assert all(len(part.encode("utf-8")) <= MAX_LINE_OCTETS for part in parts)
        assert all(part.startswith(" ") for part in parts[1:])
        assert unfold(folded + "\r\n") == [line]

    def test_a_line_of_75_octets_is_not_folded(self):
        assert fold("x" * 75) == "x" * 75
        assert fold("x" * 76) == "x" * 75 + "\r\n x"

    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
    def test_any_text_folds_without_splitting_a_character(self, text: str):
        line = "DESCRIPTION:" + escape_text(text)
        parts = fold(line).split("\r\n")
        for part in parts:
            assert len(part.encode("utf-8")) <= MAX_LINE_OCTETS
            part.encode("utf-8").decode("utf-8")  # each physical line is whole characters
        assert unfold(fold(line) + "\r\n") == [line]


# --- The calendar ---------------------------------------------------------------------------


class TestCalendar:
    def test_the_calendar_frame_and_crlf_everywhere(self):
        text = calendar_text(follow_up_events(LOG, named, "en"), STAMP)
        lines = unfold(text)
        assert lines[:5] == [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            lines[2],
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        assert lines[2].startswith("PRODID:") and lines[-1] == "END:VCALENDAR"
        assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
        for line in physical_lines(text):
            assert len(line.encode("utf-8")) <= MAX_LINE_OCTETS

    def test_one_all_day_event_per_follow_up_date(self):
        events = parse(calendar_text(follow_up_events(LOG, named, "en"), STAMP))
        assert days(events) == [e.follow_up for e in LOG if e.follow_up]
        for event, day in zip(events, days(events), strict=True):
            end = dt.datetime.strptime(event["DTEND;VALUE=DATE"], "%Y%m%d").date()
            assert end == day + dt.timedelta(days=1)
            assert event["DTSTAMP"] == "20261203T103000Z"
            assert event["UID"].endswith(f"-{day:%Y%m%d}@{UID_DOMAIN}")
            assert "VALARM.TRIGGER" not in event  # a follow-up has no alarm
        assert len({e["UID"] for e in events}) == len(events)

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_follow_up_says_with_whom_the_outcome_and_what_was_said(self, lang: Lang):
        first, second = parse(calendar_text(follow_up_events(LOG, named, lang), STAMP))
        summary = unescape(first["SUMMARY"])
        assert summary == t(
            "calendar.follow_up_outcome", lang, lender="借呗", outcome=LOG[0].outcome
        )
        description = unescape(first["DESCRIPTION"])
        assert LOG[0].said in description and "A-17" in description
        assert "2026-12-01 10:00" in description
        # A long outcome is shortened in the title; what was said is kept whole.
        assert len(unescape(second["SUMMARY"])) < 100
        assert LOG[1].said in unescape(second["DESCRIPTION"])

    def test_an_unnamed_lender_is_the_lender(self):
        (event, _) = follow_up_events(LOG[:2], lambda number: "", "en")
        assert event.summary.startswith("Follow up with the lender: ")

    def test_the_same_input_gives_the_same_bytes(self):
        events = follow_up_events(LOG, named, "zh")
        assert calendar_text(events, STAMP) == calendar_text(list(reversed(events)), STAMP)
        later = calendar_text(events, STAMP + dt.timedelta(hours=1))
        assert [line for line in unfold(later) if not line.startswith("DTSTAMP")] == [
            line for line in unfold(calendar_text(events, STAMP)) if not line.startswith("DTSTAMP")
        ]

    def test_a_stamp_in_another_zone_is_written_in_utc(self):
        shanghai = dt.timezone(dt.timedelta(hours=8))
        text = calendar_text([CalendarEvent(dt.date(2026, 12, 9), "x")], STAMP.astimezone(shanghai))
        assert parse(text)[0]["DTSTAMP"] == "20261203T103000Z"

    def test_an_event_twice_is_one_event(self):
        event = CalendarEvent(dt.date(2026, 12, 9), "Call back", "Ask for A-17")
        assert len(parse(calendar_text([event, event], STAMP))) == 1

    def test_an_empty_calendar_is_still_a_calendar(self):
        assert unfold(calendar_text([], STAMP))[-1] == "END:VCALENDAR"
        assert parse(calendar_text([], STAMP)) == []


@given(st.lists(contact_entries(), max_size=6), st.sampled_from(["zh", "en"]))
def test_any_log_gives_a_calendar_of_its_follow_ups(log: list[ContactEntry], lang: Lang):
    text = calendar_text(follow_up_events(log, lambda number: str(number or ""), lang), STAMP)
    for line in physical_lines(text):
        assert len(line.encode("utf-8")) <= MAX_LINE_OCTETS
    assert "\n" not in text.replace("\r\n", "")
    events = parse(text)
    assert set(days(events)) == {e.follow_up for e in log if e.follow_up}
    assert days(events) == sorted(days(events))


# --- An agreed plan's payments ------------------------------------------------------------------

PLAN = Proposal(months_added=12, lump_sum_yuan=1_000, holiday_months=2)


def plan_schedule(proposal: Proposal = PLAN):
    case = Case(
        loans=(LoanCase(proposals=(proposal,)),),
        assumptions=Assumptions(today=dt.date(2026, 12, 1)),
    )
    return compare(case).proposals[0].schedule


class TestPayments:
    def test_one_event_per_payment_date_with_a_reminder_the_day_before(self):
        schedule = plan_schedule()
        events = payment_events(schedule, lender="借呗", plan="方案 1", lang="zh", money=money)
        paid = [(d, p) for d, p in zip(schedule.due_date, schedule.payment, strict=True) if p > 0]
        parsed = parse(calendar_text(events, STAMP))
        assert days(parsed) == [d for d, _ in paid]  # the holiday months ask nothing
        assert [unescape(e["SUMMARY"]) for e in parsed] == [
            t("calendar.pay", "zh", lender="借呗", amount=money(p)) for _, p in paid
        ]
        for event in parsed:
            # All-day: the trigger counts from the day's 00:00, so -15 hours is 09:00 the day
            # before.
            assert event["VALARM.TRIGGER"] == "-PT15H"
            assert event["VALARM.ACTION"] == "DISPLAY"
            assert event["VALARM.DESCRIPTION"] == event["SUMMARY"]
        assert unescape(parsed[0]["DESCRIPTION"]) == t("calendar.pay_signing", "zh", plan="方案 1")

    def test_a_fee_to_an_intermediary_is_not_paid_to_the_lender(self):
        proposal = PLAN.model_copy(update={"fee_yuan": 500.0, "fee_payee": FeePayee.INTERMEDIARY})
        schedule = plan_schedule(proposal)
        assert sum(schedule.fee) == 50_000
        to_lender = payment_events(
            schedule, lender="", plan="P", lang="en", money=money, fee_to_lender=False
        )
        all_of_it = payment_events(schedule, lender="", plan="P", lang="en", money=money)
        signing = schedule.payment[0]
        assert all_of_it[0].summary == f"Pay the lender {money(signing)}"
        assert to_lender[0].summary == f"Pay the lender {money(signing - 50_000)}"


# --- The page -------------------------------------------------------------------------------------


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> MemoryMediaFileStorage:
    """The files the page hands to the browser, kept after the run (AppTest drops its own)."""
    storage = MemoryMediaFileStorage("/mock/media")
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", lambda _endpoint: storage)
    return storage


def open_log(lang: Lang, log: tuple[ContactEntry, ...]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context = {"locale": {"zh": "zh-CN", "en": "en-US"}[lang]}
    at.run()
    at.session_state[state.CONTACT_LOG] = log
    at.switch_page("pages/2_contact_log.py").run()
    assert not at.exception
    return at


def downloaded(at: AppTest, media: MemoryMediaFileStorage, label: str) -> tuple[str, bytes]:
    (button,) = [b for b in at.get("download_button") if b.proto.label == label]
    file = media.get_file(button.proto.url.rsplit("/", 1)[1])
    return file.mimetype, file.content


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_offers_the_calendar_file_of_the_follow_ups(
    lang: Lang, media: MemoryMediaFileStorage
):
    at = open_log(lang, LOG)
    mimetype, content = downloaded(at, media, t("calendar.download", lang))
    assert mimetype == "text/calendar"
    events = parse(content.decode("utf-8"))
    assert days(events) == [dt.date(2026, 12, 9), dt.date(2026, 12, 14)]
    assert unescape(events[0]["SUMMARY"]).startswith(t("calendar.follow_up", lang, lender=""))
    captions = [c.value for c in at.caption]
    assert any(t("calendar.holds_follow_ups", lang, follow_ups=2) in c for c in captions)


def test_choosing_an_agreed_plan_adds_its_payment_dates(media: MemoryMediaFileStorage):
    at = open_log("en", LOG[:1])
    choice = at.selectbox(key="_ics_plan")
    assert choice.options[0] == t("calendar.no_plan", "en")
    choice.set_value(1).run()
    assert not at.exception
    _, content = downloaded(at, media, t("calendar.download", "en"))
    events = parse(content.decode("utf-8"))
    payments = [e for e in events if "VALARM.TRIGGER" in e]
    follow_ups = [e for e in events if "VALARM.TRIGGER" not in e]
    assert days(follow_ups) == [dt.date(2026, 12, 9)] and payments
    assert all(unescape(e["SUMMARY"]).startswith("Pay the lender ¥") for e in payments)
    # The dates are the plan's own, as the home page computes it.
    from ui.values import case_from_values

    built = case_from_values({})
    assert built.case is not None
    schedule = compare(built.case).proposals[0].schedule
    expected = [d for d, p in zip(schedule.due_date, schedule.payment, strict=True) if p > 0]
    assert days(payments) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_to_put_in_a_calendar_is_said_in_a_caption(lang: Lang):
    at = open_log(lang, LOG[2:])
    assert t("calendar.empty", lang) in [c.value for c in at.caption]
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("calendar.download", lang) not in labels
