"""Keeping the case in the borrower's own browser (``ui.device_store``), the Python side.

The browser's part (``localStorage``, the leave warning) runs in Chromium in
``test_browser_device.py``. Here the page is driven as the browser drives it: what the
component is handed is read from the page, and what the browser answers is sent as the
component's trigger value over the same path a websocket message takes (the session's
widget states), so Streamlit itself dispatches the page's callbacks.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from apptest_helpers import change, open_page
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from core.contacts import ContactEntry
from core.text import Lang, t
from ui import device_store, state
from ui.casefile import MAX_BYTES, LetterTexts, Loaded, dump_case, load_case
from ui.lenders import Lender
from ui.registry import ALL_PARAMS

SAVED = dt.datetime(2026, 12, 1, 12, 0)
ENTRY = ContactEntry(when=dt.datetime(2026, 12, 1, 9, 30), who="A-17", said="可以分 24 期")
LETTER = LetterTexts(name="张伟", account="6222 0001", hardship="Lost my job.\n去年失业。")
KEPT = dump_case(
    {"principal": 30_000.0, "months": 24, "income": 7_000.0, "np": "1", "p1_add": 6},
    {"documents": True, "calm": True},
    [ENTRY],
    SAVED,
    letter=LETTER,
).decode("utf-8")
TWO_LENDERS = dump_case(
    {"principal": 8_000.0, "income": 6_500.0},
    {},
    [],
    SAVED,
    lenders=[Lender(1, {"principal": 12_000.0, "name": "借呗"}), Lender(2, {"name": "花呗"})],
    active=1,
).decode("utf-8")


def component(at: AppTest) -> Any:
    found = [
        element
        for element in at.get("bidi_component")
        if element.proto.component_name == device_store.COMPONENT_NAME
    ]
    assert len(found) == 1, "the page mounts the store once"
    return found[0]


def handed(at: AppTest) -> dict[str, Any]:
    """What the page handed the browser on its last run."""
    data: dict[str, Any] = json.loads(component(at).proto.json)
    return data


def send(at: AppTest, event: str, value: object = None, raw: str | None = None) -> AppTest:
    """The browser answers ``event`` with ``value`` (or sends ``raw`` as the payload)."""
    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    answer = states.widgets.add()
    answer.id = _make_trigger_id(component(at).proto.id, "events")
    payload = json.dumps([{"event": event, "value": value}])
    answer.json_trigger_value = payload if raw is None else raw
    at._run(states)
    return at


def inputs(at: AppTest) -> dict[str, Any]:
    return {p.key: at.session_state[p.key] for p in ALL_PARAMS if p.key in at.session_state}


def keep_on(at: AppTest) -> AppTest:
    at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).set_value(True).run()
    return at


def sidebar_texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.sidebar.success, *at.sidebar.info, *at.sidebar.error)]
    parts += [e.value for e in at.sidebar.warning]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keeping_is_off_by_default_and_says_what_it_means(lang: Lang):
    at = open_page(lang)
    assert not at.exception
    box = at.sidebar.toggle(key=state.DEVICE_KEEP_BOX)
    assert box.label == t("device.keep", lang) and box.value is False
    assert t("device.shared", lang) in [c.value for c in at.sidebar.caption]
    data = handed(at)
    assert data["keep"] is False and data["case"] is None and data["forget"] is None
    assert data["name"] == device_store.STORAGE_KEY
    assert isinstance(data["read"], str) and data["read"]  # the browser is asked once
    assert data["warn"] is False  # nothing entered yet
    assert not [b for b in at.sidebar.button if b.label == t("device.forget", lang)]


def test_opting_in_hands_the_whole_case_to_the_browser_after_every_run():
    at = open_page("en")
    change(at.sidebar.number_input(key="principal"), 45_600.0)
    at.session_state[state.CONTACT_LOG] = (ENTRY,)
    at.session_state[state.CHECKLIST] = {"calm": True}
    keep_on(at)
    assert not at.exception
    assert t("device.kept", "en") in sidebar_texts(at)
    data = handed(at)
    assert data["keep"] is True and data["warn"] is False and data["forget"] is None
    kept = load_case(data["case"].encode("utf-8"))
    assert isinstance(kept, Loaded)
    assert kept.values["principal"] == 45_600
    assert kept.log == (ENTRY,) and kept.checklist == {"calm": True}
    assert kept.letter == LetterTexts()

    # A change on the checklist page is in what the page hands over at its end.
    at.switch_page("pages/1_checklist.py").run()
    at.checkbox(key="_check_documents").check().run()
    kept = load_case(handed(at)["case"].encode("utf-8"))
    assert isinstance(kept, Loaded)
    assert {key for key, ticked in kept.checklist.items() if ticked} == {"calm", "documents"}
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is True  # on every page


def test_an_unchanged_case_is_handed_over_unchanged():
    at = keep_on(open_page("en"))
    first = handed(at)["case"]
    at.run()
    assert handed(at)["case"] == first  # same text, same date: the browser writes nothing


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_kept_case_is_opened_once_in_a_new_session(lang: Lang):
    at = open_page(lang)
    send(at, "stored", KEPT)
    assert not at.exception
    assert at.session_state["principal"] == 30_000
    assert at.session_state["months"] == 24
    assert at.session_state["income"] == 7_000
    assert at.session_state["np"] == "1" and at.session_state["p1_add"] == 6
    assert at.session_state[state.CONTACT_LOG] == (ENTRY,)
    assert at.session_state[state.CHECKLIST] == {"documents": True, "calm": True}
    assert at.session_state[state.LETTER_TEXTS] == LETTER
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is True
    restored = t(
        "device.restored",
        lang,
        lenders=1,
        proposals=1,
        contacts=1,
        ticked=2,
        letter=t("device.letter_yes", lang),
    )
    assert restored in sidebar_texts(at)
    assert [toast.value for toast in at.toast] == [t("device.restored_short", lang)]
    data = handed(at)
    assert data["read"] is None and data["keep"] is True  # asked no more; kept from now on
    assert isinstance(load_case(data["case"].encode("utf-8")), Loaded)

    # A second answer in the same session (repeated or forged) changes nothing.
    change(at.sidebar.number_input(key="principal"), 31_000.0)
    send(at, "stored", TWO_LENDERS)
    assert at.session_state["principal"] == 31_000
    assert at.session_state[state.CONTACT_LOG] == (ENTRY,)


def test_every_lender_of_a_kept_case_comes_back():
    at = send(open_page("en"), "stored", TWO_LENDERS)
    assert not at.exception
    assert at.session_state[state.ACTIVE_LENDER] == 1
    lenders = at.session_state[state.LENDERS]
    assert [lender.id for lender in lenders] == [1, 2]
    assert lenders[0].values["name"] == "借呗" and at.session_state["name"] == "花呗"
    assert at.session_state["principal"] == 8_000 and at.session_state["income"] == 6_500


def test_a_browser_that_keeps_nothing_changes_nothing():
    at = open_page("en")
    change(at.sidebar.number_input(key="principal"), 12_300.0)
    send(at, "stored", "")
    assert not at.exception
    assert at.session_state["principal"] == 12_300
    assert handed(at)["read"] is None
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is False
    assert sidebar_texts(at) == ""


BAD = [
    pytest.param("{not json", "not_json", id="not-json"),
    pytest.param(" " * (MAX_BYTES + 1), "too_large", id="oversized"),
    pytest.param("x" * (5 * MAX_BYTES), "too_large", id="far-oversized"),
    pytest.param(KEPT.replace('"30000"', '"-5"'), "bad_values", id="out-of-range"),
    pytest.param(KEPT.replace('"version": 2', '"version": 99'), "newer", id="newer"),
    pytest.param('{"schema": "other"}', "not_a_case", id="not-a-case"),
    pytest.param({"case": KEPT}, "not_json", id="an-object"),
    pytest.param(["x"] * 1000, "not_json", id="a-list"),
    pytest.param(12, "not_json", id="a-number"),
    pytest.param(True, "not_json", id="true"),
    pytest.param("\ud800{}", "not_json", id="lone-surrogate"),
]


@pytest.mark.parametrize("value, reason", BAD)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_kept_case_is_refused_and_nothing_entered_is_lost(
    value: object, reason: str, lang: Lang
):
    at = open_page(lang)
    change(at.sidebar.number_input(key="principal"), 12_300.0)
    at.session_state[state.CONTACT_LOG] = (ENTRY,)
    at.run()
    before = inputs(at)
    send(at, "stored", value)
    assert not at.exception
    assert inputs(at) == before
    assert at.session_state[state.CONTACT_LOG] == (ENTRY,)
    message = at.sidebar.error[-1].value
    assert t("device.refused", lang) in message
    assert t("casefile.kept", lang) in message and t("device.forget_hint", lang) in message
    reason_text = t(f"casefile.{reason}", lang, limit="1,000 kB", version="99", supported="2")
    assert reason_text[:8] in message
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is False
    data = handed(at)
    assert data["keep"] is False and data["case"] is None  # the bad case is not overwritten
    # "Forget" removes it and the message goes.
    forget = next(b for b in at.sidebar.button if b.label == t("device.forget", lang))
    forget.click().run()
    assert not at.exception and not at.sidebar.error
    assert handed(at)["forget"]


@pytest.mark.parametrize("raw", ["{not json", "null", '"stored"', '[{"event": 5}]', "[]" * 10_000])
def test_junk_from_the_browser_neither_raises_nor_changes_anything(raw: str):
    at = open_page("en")
    change(at.sidebar.number_input(key="principal"), 12_300.0)
    before = inputs(at)
    send(at, "stored", raw=raw)
    assert not at.exception
    assert inputs(at) == before
    assert handed(at)["read"]  # still asked: nothing counted as the answer


def test_json_nested_too_deep_costs_its_sender_one_run_and_changes_nothing():
    """Streamlit itself decodes a component's payload before the page runs, and its decoder
    lets a ``RecursionError`` through (for every ``st.components.v2`` element, the charts'
    too): that one run fails. The next run is whole again and nothing was changed."""
    at = open_page("en")
    change(at.sidebar.number_input(key="principal"), 12_300.0)
    before = inputs(at)
    send(at, "stored", raw="[" * 5_000 + "]" * 5_000)
    at.run()
    assert not at.exception
    assert inputs(at) == before
    assert handed(at)["read"]


def test_forget_removes_the_kept_case_and_says_it_did():
    at = keep_on(open_page("zh"))
    assert handed(at)["keep"] is True
    forget = next(b for b in at.sidebar.button if b.label == t("device.forget", "zh"))
    forget.click().run()
    assert not at.exception
    assert t("device.forgot", "zh") in sidebar_texts(at)
    data = handed(at)
    assert data["keep"] is False and data["case"] is None
    token = data["forget"]
    assert isinstance(token, str) and token
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is False
    at.run()
    assert handed(at)["forget"] == token  # the same request: the browser acts on it once
    assert t("device.forgot", "zh") not in sidebar_texts(at)  # said once
    keep_on(at)
    assert handed(at)["forget"] is None and handed(at)["keep"] is True


def test_switching_keeping_off_forgets_too():
    at = keep_on(open_page("en"))
    at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).set_value(False).run()
    assert t("device.forgot", "en") in sidebar_texts(at)
    data = handed(at)
    assert data["keep"] is False and data["forget"]


def test_a_link_with_other_values_wins_and_the_kept_case_waits():
    at = open_page("en", {"principal": "20000"})
    send(at, "stored", KEPT)
    assert not at.exception
    assert at.session_state["principal"] == 20_000  # the link's value
    assert state.CONTACT_LOG not in at.session_state
    pending = t(
        "device.pending",
        "en",
        lenders=1,
        proposals=1,
        contacts=1,
        ticked=2,
        letter=t("device.letter_yes", "en"),
    )
    assert pending in sidebar_texts(at)
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is False
    assert handed(at)["keep"] is False and handed(at)["case"] is None  # kept case untouched
    assert handed(at)["warn"] is True  # the link's values are kept nowhere yet

    opened = next(b for b in at.sidebar.button if b.label == t("device.open", "en"))
    opened.click().run()
    assert not at.exception
    assert at.session_state["principal"] == 30_000
    assert at.session_state[state.CONTACT_LOG] == (ENTRY,)
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is True
    assert pending not in sidebar_texts(at)


def test_switching_keeping_on_keeps_the_links_values_instead():
    at = open_page("en", {"principal": "20000"})
    send(at, "stored", KEPT)
    keep_on(at)
    assert not at.exception
    assert at.session_state["principal"] == 20_000
    assert not [b for b in at.sidebar.button if b.label == t("device.open", "en")]
    kept = load_case(handed(at)["case"].encode("utf-8"))
    assert isinstance(kept, Loaded) and kept.values["principal"] == 20_000


def test_a_reload_whose_link_holds_the_kept_inputs_opens_the_kept_case():
    # A page whose case is kept writes its inputs into its link too: a reload has both.
    link = {"principal": "30000", "months": "24", "income": "7000", "np": "1", "p1_add": "6"}
    at = open_page("en", link)
    send(at, "stored", KEPT)
    assert not at.exception
    assert at.session_state[state.CONTACT_LOG] == (ENTRY,)
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is True


def test_the_leave_warning_follows_the_work_and_keeping():
    at = open_page("en")
    assert handed(at)["warn"] is False
    change(at.sidebar.number_input(key="principal"), 12_300.0)
    assert handed(at)["warn"] is True  # an input away from its default
    keep_on(at)
    assert handed(at)["warn"] is False  # kept: nothing to lose
    at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).set_value(False).run()
    assert handed(at)["warn"] is True

    for key, value in [
        (state.CONTACT_LOG, (ENTRY,)),
        (state.CHECKLIST, {"calm": True}),
        (state.LETTER_NAME, "Zhang"),
    ]:
        fresh = open_page("en")
        fresh.session_state[key] = value
        fresh.run()
        assert handed(fresh)["warn"] is True, key
    fresh = open_page("en")
    fresh.session_state[state.CHECKLIST] = {"calm": False}  # ticked, then unticked
    fresh.run()
    assert handed(fresh)["warn"] is False


def test_a_browser_that_will_not_write_turns_keeping_off_and_says_so():
    at = keep_on(open_page("zh"))
    send(at, "failed", True)
    assert not at.exception
    assert t("device.failed", "zh") in sidebar_texts(at)
    assert handed(at)["keep"] is False
    assert at.sidebar.toggle(key=state.DEVICE_KEEP_BOX).value is False


def test_a_case_too_large_to_read_back_is_not_kept(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(device_store, "MAX_BYTES", 100)  # the smallest case is larger
    at = keep_on(open_page("en"))
    assert not at.exception
    assert t("device.too_large", "en", limit="0 kB") in sidebar_texts(at)
    assert handed(at)["keep"] is False and handed(at)["case"] is None


def test_the_case_sent_is_what_the_case_file_holds():
    """The browser keeps exactly the case file's content (its date aside)."""
    at = keep_on(open_page("en"))
    at.session_state[state.CONTACT_LOG] = (ENTRY,)
    at.run()
    current = at.session_state[state.CASE_CURRENT]
    saved = dump_case(
        current["values"],
        current["checklist"],
        current["log"],
        SAVED,
        lenders=current["lenders"],
        active=current["active"],
        letter=current["letter"],
    )
    sent = json.loads(handed(at)["case"])
    file = json.loads(saved)
    sent.pop("saved_at")
    file.pop("saved_at")
    assert sent == file
