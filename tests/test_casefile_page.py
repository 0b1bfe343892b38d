"""Saving and loading the case file through the sidebar: round trip, and bad files refused."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from apptest_helpers import change, keep_saves, open_page
from streamlit.testing.v1 import AppTest

from core.contacts import ContactEntry
from core.text import Lang, t
from ui import state
from ui.casefile import MAX_BYTES, LetterTexts, Refused, dump_case
from ui.nav import HOME_PAGE, LETTER_PAGE

SAVED = dt.datetime(2026, 12, 1, 12, 0)
GOOD = dump_case(
    {"principal": 30_000.0, "months": 24, "np": "1", "p1_add": 6},
    {"documents": True},
    [ContactEntry(when=dt.datetime(2026, 12, 1, 9, 30), who="A-17")],
    SAVED,
)


def open_app(lang: Lang = "en") -> AppTest:
    return open_page(lang)


def upload(at: AppTest, data: bytes, name: str = "case.json") -> None:
    at.sidebar.file_uploader[0].set_value((name, data, "application/json"))
    at.run()


def test_loading_a_case_restores_every_page():
    at = open_app()
    upload(at, GOOD)
    assert not at.exception
    assert at.sidebar.number_input(key="principal").value == 30_000
    assert at.sidebar.number_input(key="months").value == 24
    assert at.selectbox(key="np").value == "1"
    assert at.slider(key="p1_add").value == 6
    assert at.query_params["principal"] == "30000"
    at.switch_page("pages/1_checklist.py").run()
    assert at.checkbox(key="_check_documents").value is True
    at.switch_page("pages/2_contact_log.py").run()
    assert list(at.dataframe[-1].value[t("log.col.who", "en")]) == ["A-17"]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"{not json", "not_json"),
        (json.dumps({"schema": "loan-negotiation-planner/case", "version": 99}).encode(), "newer"),
        (GOOD.replace(b'"30000"', b'"-5"'), "bad_values"),
        (b" " * (MAX_BYTES + 1), "too_large"),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_file_is_refused_and_nothing_changes(data: bytes, reason: str, lang: Lang):
    at = open_app(lang)
    change(at.sidebar.number_input(key="principal"), 12_300.0)
    upload(at, data)
    assert not at.exception
    message = at.sidebar.error[0].value
    assert t("casefile.kept", lang) in message
    assert (
        t(f"casefile.{reason}", lang, limit="1,000 kB", version="99", supported="1")[:8] in message
    )
    assert at.sidebar.number_input(key="principal").value == 12_300


def test_save_then_open_in_a_new_session_reproduces_the_inputs():
    from ui.registry import ALL_PARAMS

    first = open_app()
    change(first.sidebar.number_input(key="principal"), 45_600.0)
    first.slider(key="p2_add").set_value(9).run()
    first.session_state["_checklist"] = {"calm": True}
    first.run()
    # What the save button hands to the browser: the page's own inputs, checklist and log.
    saved = dump_case(
        {p.key: first.session_state[p.key] for p in ALL_PARAMS},
        first.session_state["_checklist"],
        (),
        SAVED,
    )
    second = open_app("zh")
    upload(second, saved)
    assert not second.exception
    for param in ALL_PARAMS:
        assert second.session_state[param.key] == first.session_state[param.key], param.key
    second.switch_page("pages/1_checklist.py").run()
    assert second.checkbox(key="_check_calm").value is True


def test_the_save_button_holds_this_sessions_case_outside_the_script_run(monkeypatch):
    """Streamlit runs a download's data function on a server thread outside the session.

    The function the button gets is kept here and called from the test's own thread, where
    no script runs: it must still give this session's inputs, checklist and log.
    """
    from ui.casefile import load_case

    kept = keep_saves(monkeypatch)
    at = open_app()
    at.sidebar.number_input(key="principal").set_value(45_600.0).run()
    entry = ContactEntry(when=dt.datetime(2026, 12, 1, 9, 30), who="B-2")
    at.session_state["_contact_log"] = (entry,)
    at.session_state["_checklist"] = {"calm": True}
    at.run()
    saved: list[bytes] = []
    worker = threading.Thread(target=lambda: saved.append(kept[-1]()))  # a thread of its own
    worker.start()
    worker.join()
    loaded = load_case(saved[0])
    assert not isinstance(loaded, Refused)
    assert loaded.values["principal"] == 45_600
    assert loaded.checklist == {"calm": True}
    assert loaded.log == (entry,)


LETTER = {
    state.LETTER_NAME: "张伟 <b>Zhang</b>",
    state.LETTER_ACCOUNT: "6222 0210 0123 4567",
    state.LETTER_HARDSHIP: "去年失业。\nLost my job in May.\n<script>alert(1)</script>",
}


def type_letter(at: AppTest) -> None:
    at.switch_page(LETTER_PAGE).run()
    for key, text in LETTER.items():
        box = at.text_area(key=key) if key == state.LETTER_HARDSHIP else at.text_input(key=key)
        box.input(text).run()


def letter_boxes(at: AppTest) -> dict[str, str | None]:
    return {
        key: (
            at.text_area(key=key) if key == state.LETTER_HARDSHIP else at.text_input(key=key)
        ).value
        for key in LETTER
    }


def test_the_letter_texts_stay_while_another_page_is_shown():
    at = open_app()
    type_letter(at)
    at.switch_page("pages/1_checklist.py").run()
    at.run()  # a second run without the letter page: its boxes' own state is gone
    at.switch_page(HOME_PAGE).run()
    at.switch_page(LETTER_PAGE).run()
    assert not at.exception
    assert letter_boxes(at) == LETTER
    assert "张伟 <b>Zhang</b>" in at.text[0].value  # the letter, shown as plain text


def test_the_saved_letter_texts_open_on_the_letter_page_of_a_new_session(monkeypatch):
    kept = keep_saves(monkeypatch)
    first = open_app()
    type_letter(first)
    first.switch_page(HOME_PAGE).run()  # saved from another page
    saved: list[bytes] = []
    worker = threading.Thread(target=lambda: saved.append(kept[-1]()))  # outside the session
    worker.start()
    worker.join()
    assert json.loads(saved[0])["letter"] == {
        "name": LETTER[state.LETTER_NAME],
        "account": LETTER[state.LETTER_ACCOUNT],
        "hardship": LETTER[state.LETTER_HARDSHIP],
    }

    second = open_app("zh")
    second.switch_page(LETTER_PAGE).run()
    second.text_input(key=state.LETTER_NAME).input("someone else").run()
    upload(second, saved[0])  # opened on the letter page itself: its boxes follow the file
    assert not second.exception
    assert letter_boxes(second) == LETTER
    second.switch_page(HOME_PAGE).run()
    second.run()
    second.switch_page(LETTER_PAGE).run()
    assert letter_boxes(second) == LETTER


def test_a_file_without_letter_texts_leaves_them_as_they_are():
    at = open_app()
    type_letter(at)
    upload(at, GOOD)  # saved before the letter's texts were kept
    assert not at.exception
    assert letter_boxes(at) == LETTER
    assert at.session_state["principal"] == 30_000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_opening_a_file_says_what_it_holds_and_undo_puts_back_exactly_what_was_there(
    lang: Lang,
):
    from ui.format import literal
    from ui.undo import SNAPSHOT_KEYS

    at = open_app(lang)
    change(at.sidebar.number_input(key="principal"), 12_300.0)
    at.slider(key="p2_add").set_value(9).run()
    type_letter(at)
    at.session_state[state.CONTACT_LOG] = (
        ContactEntry(when=dt.datetime(2026, 11, 2, 15, 0), who="mine"),
        ContactEntry(when=dt.datetime(2026, 11, 3, 16, 0), who="also mine"),
    )
    at.session_state[state.CHECKLIST] = {"calm": True, "policy": True}
    at.switch_page(HOME_PAGE).run()
    before = {key: at.session_state[key] for key in SNAPSHOT_KEYS if key in at.session_state}

    name = "[pay](https://example.com) **case**.json"  # the visitor's text, shown as is
    upload(at, GOOD, name)
    assert not at.exception
    assert at.session_state["principal"] == 30_000
    said = t(
        "undo.casefile",
        lang,
        name=literal(name),
        lenders=1,
        proposals=1,
        contacts=1,
        ticked=1,
        letter=t("device.letter_left", lang),
    )
    assert said in [info.value for info in at.info]

    at.button(key="_undo_button").click().run()
    assert not at.exception
    after = {key: at.session_state[key] for key in SNAPSHOT_KEYS if key in at.session_state}
    assert after == before
    assert at.session_state["principal"] == 12_300 and at.session_state["p2_add"] == 9
    assert [entry.who for entry in at.session_state[state.CONTACT_LOG]] == ["mine", "also mine"]
    at.switch_page(LETTER_PAGE).run()
    assert letter_boxes(at) == LETTER
    at.switch_page("pages/1_checklist.py").run()
    assert at.checkbox(key="_check_calm").value is True
    assert at.checkbox(key="_check_documents").value is False


def test_a_file_with_letter_texts_says_so():
    at = open_app("en")
    with_letter = dump_case({"principal": 30_000.0}, {}, [], SAVED, letter=LetterTexts(name="Li"))
    upload(at, with_letter, "li.json")
    said = t(
        "undo.casefile",
        "en",
        name="` li.json `",
        lenders=1,
        proposals=2,
        contacts=0,
        ticked=0,
        letter=t("device.letter_yes", "en"),
    )
    assert said in [info.value for info in at.info]
