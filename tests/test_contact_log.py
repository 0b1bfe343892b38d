"""The contact log page: entries shown sorted, rule flags, next follow-up, inert text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.contacts import Channel, ContactEntry, Flag
from core.text import Lang, t
from ui.contact_log import (
    FLAGS,
    csv_rows,
    entries_to_rows,
    flag_text,
    flags_current,
    rows_to_entries,
    with_flags,
)
from ui.contact_log_ui import short_flag_labels
from ui.tables import csv_bytes

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = '<script>alert("x")</script><b>bold</b>'
TOMORROW = dt.date.today() + dt.timedelta(days=1)
LOG = (
    ContactEntry(when=dt.datetime(2026, 12, 2, 23, 15), who="A-17", said=SCRIPT),
    ContactEntry(
        when=dt.datetime(2026, 12, 1, 10, 0),
        channel=Channel.CHAT,
        they_called=False,
        follow_up=TOMORROW,
        who="Li",
    ),
)


def open_log(lang: Lang = "en", log: tuple[ContactEntry, ...] = LOG) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context = {"locale": {"zh": "zh-CN", "en": "en-US"}[lang]}
    at.run()
    at.session_state["_contact_log"] = log
    at.switch_page("pages/2_contact_log.py").run()
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_log_sorted_with_flags_and_next_follow_up(lang: Lang):
    at = open_log(lang)
    assert not at.exception
    table = at.dataframe[-1].value
    assert list(table[t("log.col.who", lang)]) == ["Li", "A-17"]  # sorted by time
    flags = list(table[t("log.col.flags", lang)])
    assert flags[0] == "" and flags[1] == f"⚠ {t('flag.quiet_hours.short', lang)}"
    assert t("log.next", lang, date=TOMORROW.isoformat()) in [i.value for i in at.info]
    assert any(t("log.flagged", lang, count=1, source="")[:6] in w.value for w in at.warning)


def test_user_text_is_shown_as_text():
    at = open_log()
    # The script tag is data in a table cell, never markdown or HTML on the page.
    table = at.dataframe[-1].value
    assert SCRIPT in list(table[t("log.col.said", "en")])
    for element in (*at.markdown, *at.caption, *at.info, *at.warning):
        assert "<script>" not in str(element.value)


def test_the_log_survives_a_visit_to_another_page():
    at = open_log()
    at.switch_page("app.py").run()
    at.switch_page("pages/2_contact_log.py").run()
    assert len(at.dataframe[-1].value) == 2
    assert (
        at.session_state["_contact_log"] == tuple(sorted(LOG, key=lambda e: 0))
        or len(at.session_state["_contact_log"]) == 2
    )


def test_rows_round_trip_and_bad_rows_are_named():
    rows = entries_to_rows(LOG)
    entries, errors = rows_to_entries(rows)
    assert entries == list(LOG) and errors == []
    rows.loc[1, "proposal"] = 9
    entries, errors = rows_to_entries(rows)
    assert [number for number, _ in errors] == [2]
    assert len(entries) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_adding_a_contact_with_the_form(lang: Lang):
    at = open_log(lang, log=())
    at.date_input(key="_add_date").set_value(dt.date(2026, 12, 3))
    at.time_input(key="_add_time").set_value(dt.time(22, 30))
    at.text_input(key="_add_who").input("工号 8821 <script>x</script>")
    at.text_area(key="_add_said").input("Offered 24 months; asked for it in writing.")
    at.selectbox(key="_add_proposal").set_value(2)
    at.date_input(key="_add_follow_up").set_value(dt.date(2026, 12, 10))
    at.checkbox(key="_add_evidence").check()
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    log = at.session_state["_contact_log"]
    assert len(log) == 1
    entry = log[0]
    assert entry.when == dt.datetime(2026, 12, 3, 22, 30)
    assert entry.who == "工号 8821 <script>x</script>" and entry.proposal == 2
    table = at.dataframe[-1].value
    assert list(table[t("log.col.flags", lang)]) == [f"⚠ {t('flag.quiet_hours.short', lang)}"]
    assert list(table[t("log.col.when", lang)]) == ["2026-12-03 22:30"]  # as in the editor
    assert list(table[t("log.col.follow_up", lang)]) == ["2026-12-10"]
    assert entry.follow_up == dt.date(2026, 12, 10) and entry.evidence_kept
    # The form is ready for the next contact: nothing of this one is carried into it.
    assert at.text_input(key="_add_who").value == ""
    assert at.date_input(key="_add_follow_up").value is None
    assert at.checkbox(key="_add_evidence").value is False
    shown = at.time_input(key="_add_time").value
    assert shown is not None
    now = dt.datetime.now()
    minutes = (now.hour * 60 + now.minute - shown.hour * 60 - shown.minute) % (24 * 60)
    assert minutes <= 2  # the time is now again (also across midnight)


def test_the_form_adds_to_what_is_already_there():
    at = open_log()
    at.text_input(key="_add_who").input("Wang").run()
    at.button[0].click().run()
    assert len(at.session_state["_contact_log"]) == 3


def test_with_several_lenders_each_contact_names_its_lender():
    from test_lenders_page import add_lender, open_lenders

    at = open_lenders("en", {"name": "First"})
    add_lender(at, "en", name="Second", principal=8_000.0)
    at.switch_page("pages/2_contact_log.py").run()
    at.selectbox(key="_add_lender").set_value(2)
    at.text_input(key="_add_who").input("A-17")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    (entry,) = at.session_state["_contact_log"]
    assert entry.lender == 2 and entry.who == "A-17"
    table = at.dataframe[-1].value
    assert list(table[t("log.col.lender", "en")]) == ["Second"]


def test_with_one_lender_the_log_has_no_lender_column():
    at = open_log("en")
    assert t("log.col.lender", "en") not in at.dataframe[-1].value.columns


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yes_and_no_are_words_of_the_language_in_the_table_and_the_csv(lang: Lang):
    at = open_log(lang)
    table = at.dataframe[-1].value
    # Sorted by time: the chat of 1 December (they did not call), then the call of the 2nd.
    assert list(table[t("log.col.they_called", lang)]) == [t("log.no", lang), t("log.yes", lang)]
    assert set(table[t("log.col.evidence_kept", lang)]) == {t("log.no", lang)}


# --- issue 13: a flagged contact seen first, empty cells empty, yes / no in words -----------

FOUR_CALLS = tuple(
    ContactEntry(when=dt.datetime(2026, 12, 5, hour), who=f"call {hour}", proposal=None)
    for hour in (9, 11, 13, 16)
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rules_broken_come_first_in_both_tables(lang: Lang):
    at = open_log(lang, log=(*LOG, *FOUR_CALLS))
    assert not at.exception
    editor, by_time = at.dataframe[0], at.dataframe[-1]
    assert editor.proto.column_order[0] == FLAGS
    assert editor.value.columns[0] == FLAGS
    assert by_time.value.columns[0] == t("log.col.flags", lang)
    night = f"⚠ {t('flag.quiet_hours.short', lang)}"
    many = f"⚠ {t('flag.too_many_calls.short', lang)}"
    # The editor keeps the log's order; the table by time sorts it.
    assert list(editor.value[FLAGS]) == [night, "", many, many, many, many]
    assert list(by_time.value.iloc[:, 0]) == ["", night, many, many, many, many]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_cells_show_empty_not_none(lang: Lang):
    at = open_log(lang)
    editor, by_time = at.dataframe[0], at.dataframe[-1]
    # Streamlit writes "None" in a missing value unless told what to show instead.
    assert editor.proto.HasField("placeholder") and editor.proto.placeholder == ""
    assert by_time.proto.HasField("placeholder") and by_time.proto.placeholder == ""
    shown = by_time.value.astype(str).to_numpy().ravel().tolist()
    assert not {"None", "nan", "NaT", "<NA>", "True", "False"} & set(shown)
    assert list(by_time.value[t("log.col.proposal", lang)]) == ["", ""]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_csv_has_words_for_yes_and_no_and_the_flags_first(lang: Lang):
    labels = {
        key: t(key, lang)
        for key in (
            *(f"channel.{c.value}" for c in Channel),
            *(f"log.col.{c}" for c in (*entries_to_rows(()).columns, "flags")),
            "log.yes",
            "log.no",
        )
    }
    table = csv_rows(LOG, labels, short_flag_labels(lang))
    text = csv_bytes(table.set_index(table.columns[0])).decode("utf-8-sig")
    header, chat, call = text.splitlines()
    assert header.split(",")[0] == t("log.col.flags", lang)
    assert call.startswith(f"⚠ {t('flag.quiet_hours.short', lang)},")
    assert chat.startswith(",")  # no rule broken: an empty first cell
    for word in ("True", "False", "None", "nan"):
        assert word not in text
    yes, no = t("log.yes", lang), t("log.no", lang)
    assert chat.endswith(f",{no},{no}") and call.endswith(f",{no},{yes}")


def test_flags_follow_an_edit_that_changes_them():
    labels = {flag: flag.value for flag in Flag}
    rows = entries_to_rows(LOG)
    shown = with_flags(rows, labels)
    assert list(shown.columns) == [FLAGS, *rows.columns]
    assert list(shown[FLAGS]) == [flag_text({Flag.QUIET_HOURS}, labels), ""]
    entries, _ = rows_to_entries(shown)
    assert flags_current(shown, entries, labels)
    # The night call moved to the afternoon: the flag shown is no longer current.
    shown.loc[0, "when"] = dt.datetime(2026, 12, 2, 15, 0)
    entries, _ = rows_to_entries(shown)
    assert not flags_current(shown, entries, labels)
    # A row added (or removed): the flags are redrawn too.
    assert not flags_current(with_flags(rows, labels), [*LOG, LOG[0]], labels)
    # A row that is not a valid contact gets no flag.
    rows.loc[0, "proposal"] = 9
    assert list(with_flags(rows, labels)[FLAGS]) == ["", ""]


def test_an_edit_in_the_table_redraws_the_flags_at_once():
    at = open_log("en")
    night = f"⚠ {t('flag.quiet_hours.short', 'en')}"
    assert list(at.dataframe[0].value[FLAGS]) == [night, ""]
    # The borrower moves the 23:15 call to 15:00 in the table (the editor's own state).
    at.session_state["_log_editor"] = {
        "edited_rows": {"0": {"when": "2026-12-02T15:00:00"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert at.session_state["_contact_log"][0].when == dt.datetime(2026, 12, 2, 15, 0)
    assert list(at.dataframe[0].value[FLAGS]) == ["", ""]
    assert list(at.dataframe[-1].value.iloc[:, 0]) == ["", ""]
    assert not at.warning  # nothing flagged any more
