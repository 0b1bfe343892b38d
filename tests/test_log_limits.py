"""The contact log's limits hold everywhere: the form, the table, an opened file and the wire.

Issue 16, points 1 and 4. One table edit of N added rows used to cost the server about
2.4 ms a row (Streamlit adds them one by one), with no limit: 100,000 rows kept a core busy
for minutes. A case file of 240,000 empty contacts was validated whole before its size was
looked at. With more than 1,000 contacts the save failed, and 170 contacts of long Chinese
text saved to a file that opening then refused. Now one set of limits
(``core.contacts.MAX_ENTRIES``, ``ui.casefile.LOG_MAX_BYTES``,
``ui.contact_log.MAX_ADDED_AT_ONCE``, the cells' lengths) is checked before the work, the
same on the form, in the table and in a file, and whatever is kept saves and opens again.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest
from test_bench_load import run_alone
from test_casefile import SAVED, largest_lender, longest_value
from test_contact_log import open_log
from wsclient import Run, Session

from core.contacts import MAX_ENTRIES, MAX_TEXT, MAX_WHO_LENGTH, ContactEntry
from core.models import MAX_LOANS
from core.text import Lang, t
from ui import casefile
from ui.casefile import (
    LOG_MAX_BYTES,
    MAX_BYTES,
    LetterTexts,
    Loaded,
    Refused,
    dump_case,
    load_case,
    log_bytes,
    log_problem,
)
from ui.checklist import ITEMS
from ui.contact_log import COLUMNS, MAX_ADDED_AT_ONCE, edit_problem
from ui.contact_log_ui import EDIT_REFUSALS
from ui.lenders import SHARED_KEYS
from ui.registry import BY_KEY

WHEN = dt.datetime(2026, 12, 1, 10, 0)
ORDINARY = ContactEntry(when=WHEN, who="王经理", said="asked for 24 installments", outcome="wait")
FULL_CHINESE = ContactEntry(
    when=WHEN, who="张" * MAX_WHO_LENGTH, said="欠" * MAX_TEXT, outcome="还" * MAX_TEXT
)
"""The contact that takes the most bytes a person can type into the form: 12.9 kB."""


def row(**cells: Any) -> dict[str, Any]:
    """A row as the browser's table sends it (ISO times, the channel as a word, the
    columns' defaults)."""
    sent = {"when": "2026-12-02T10:00:00", "channel": "Phone", "who": "A-17"}
    return sent | {"evidence_kept": False, "they_called": True} | cells


def edits(added: list[dict[str, Any]] | None = None, **parts: Any) -> dict[str, Any]:
    return {"edited_rows": {}, "added_rows": added or [], "deleted_rows": []} | parts


def biggest_fitting_log() -> tuple[ContactEntry, ...]:
    """As many of the longest Chinese contacts as the log keeps, then ordinary ones to the
    count limit or the byte limit, whichever comes first."""
    log = [FULL_CHINESE] * (LOG_MAX_BYTES // log_bytes([FULL_CHINESE]))
    while log_problem(log) is None:
        log.append(ORDINARY)
    return tuple(log[:-1])


# --- the pure checks -------------------------------------------------------------------------


class TestEditProblem:
    @pytest.mark.parametrize(
        "sent, rows, reason",
        [
            (None, 3, None),
            (edits(), 3, None),
            (edits([row()]), 3, None),
            (edits(edited_rows={2: {"said": "ok", "proposal": 2, "evidence_kept": True}}), 3, None),
            (edits(edited_rows={"1": {"when": None}}), 3, None),
            (edits(deleted_rows=[0, 2]), 3, None),
            (edits([row()] * MAX_ADDED_AT_ONCE), 0, None),
            (edits([row()] * (MAX_ADDED_AT_ONCE + 1)), 0, "at_once"),
            (edits([row()] * 100_000), 0, "at_once"),
            (edits([row()]), MAX_ENTRIES, "count"),
            (edits([row()], deleted_rows=[5]), MAX_ENTRIES, None),
            (edits([row(said="x" * (MAX_TEXT + 1))]), 0, "too_long"),
            (edits(edited_rows={0: {"outcome": "好" * (MAX_TEXT + 1)}}), 1, "too_long"),
            ([], 3, "shape"),
            ("{}", 3, "shape"),
            (edits(extra=[]), 3, "shape"),
            (edits(added_rows="x"), 3, "shape"),
            (edits(added_rows=[[1, 2]]), 3, "shape"),
            (edits([row(nope=1)]), 3, "shape"),
            (edits([row(_index=7)]), 3, "shape"),
            (edits([row(said={"a": 1})]), 3, "shape"),
            (edits([row(said=["a"])]), 3, "shape"),
            (edits([row(proposal=float("nan"))]), 3, "shape"),
            (edits(edited_rows={3: {"said": "x"}}), 3, "shape"),
            (edits(edited_rows={-1: {"said": "x"}}), 3, "shape"),
            (edits(edited_rows={"x": {"said": "x"}}), 3, "shape"),
            (edits(edited_rows={0: "said"}), 3, "shape"),
            (edits(edited_rows=[]), 3, "shape"),
            (edits(deleted_rows=[3]), 3, "shape"),
            (edits(deleted_rows=[True]), 3, "shape"),
            (edits(deleted_rows="0"), 3, "shape"),
        ],
    )
    def test_each_kind_of_edit(self, sent: Any, rows: int, reason: str | None):
        assert edit_problem(sent, rows) == reason

    @settings(max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(
                    st.sampled_from([*COLUMNS, "edited_rows", "added_rows", "deleted_rows", "0"]),
                    inner,
                    max_size=4,
                )
            ),
            max_leaves=30,
        ),
        st.integers(0, 5),
    )
    def test_any_json_gets_an_answer_and_what_passes_applies(self, sent: Any, rows: int):
        """Whatever JSON arrives, the check answers; what it lets through is made only of
        rows that exist, known columns and plain cells."""
        reason = edit_problem(sent, rows)
        assert reason in (None, *EDIT_REFUSALS)
        if reason is None and sent is not None:
            for key, cells in sent.get("edited_rows", {}).items():
                assert 0 <= int(key) < rows and set(cells) <= set(COLUMNS)
            for cells in sent.get("added_rows", []):
                assert set(cells) <= set(COLUMNS)
                assert all(v is None or isinstance(v, str | int | float) for v in cells.values())


class TestTheFileHoldsWhatThePageKeeps:
    def test_one_full_contact_and_the_budget(self):
        assert log_bytes([FULL_CHINESE]) > 3 * (MAX_TEXT * 2 + MAX_WHO_LENGTH)  # 3 bytes a 字
        assert log_problem([FULL_CHINESE] * 69) is None
        assert log_problem([FULL_CHINESE] * 70) == (
            "log.limit.bytes",
            {"size": "900 kB", "limit": "1,000 kB"},
        )
        assert log_problem([ORDINARY] * MAX_ENTRIES) is None
        assert log_problem([ORDINARY] * (MAX_ENTRIES + 1)) == ("log.limit.count", {"most": "1,000"})

    def test_log_bytes_is_what_the_log_adds_to_the_file(self):
        for log in ((ORDINARY,), (ORDINARY, FULL_CHINESE) * 5):
            alone = dump_case({}, {}, (), SAVED)
            assert len(dump_case({}, {}, log, SAVED)) - len(alone) == log_bytes(log)

    def test_the_largest_case_the_pages_keep_saves_within_the_limit_and_opens(self):
        """Twelve of the largest lenders, every box ticked, the letter's texts at their
        longest in the characters JSON writes longest, and the fullest log: it saves within
        MAX_BYTES, and opening it gives back every contact."""
        lenders = [largest_lender(number) for number in range(1, MAX_LOANS + 1)]
        shared = {key: longest_value(BY_KEY[key]) for key in SHARED_KEYS}
        ticks = {item.key: True for item in ITEMS}
        letter = LetterTexts(**{f: "\x01" * n for f, n in casefile.LETTER_LIMITS.items()})
        log = biggest_fitting_log()
        saved = dump_case(
            shared | dict(lenders[0].values), ticks, log, SAVED, lenders=lenders, letter=letter
        )
        assert len(saved) <= MAX_BYTES, len(saved)
        assert MAX_BYTES - len(saved) < 100_000  # the log really is near its limit
        loaded = load_case(saved)
        assert isinstance(loaded, Loaded), loaded
        assert loaded.log == log and loaded.letter == letter

    def test_a_thousand_contacts_save_and_open(self):
        log = (ORDINARY,) * MAX_ENTRIES
        loaded = load_case(dump_case({}, {}, log, SAVED))
        assert isinstance(loaded, Loaded) and loaded.log == log


class TestAnOpenedFile:
    @staticmethod
    def crafted(log: list[Any]) -> bytes:
        return dump_case({}, {}, (), SAVED).replace(
            b'"log": []', b'"log": ' + json.dumps(log, ensure_ascii=False).encode()
        )

    def test_too_many_contacts_are_refused_before_any_is_validated(self, monkeypatch):
        """The attack's file: 240,000 empty contacts in under 1 MB."""
        data = self.crafted([{}] * 240_000)
        assert len(data) < MAX_BYTES

        def validate(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("the contacts were validated")

        monkeypatch.setattr(casefile.CaseFile, "model_validate", validate)
        result = load_case(data)
        assert isinstance(result, Refused)
        assert result.reason == "too_many_contacts"
        assert result.context == {"count": "240,000", "most": "1,000"}

    def test_a_log_over_its_bytes_is_refused_as_the_page_would(self):
        entry = json.loads(FULL_CHINESE.model_dump_json())
        data = self.crafted([entry] * 75)
        assert len(data) <= MAX_BYTES
        result = load_case(data)
        assert isinstance(result, Refused) and result.reason == "log_too_large"

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_the_refusals_are_worded(self, lang: Lang):
        assert "1,000" in t("casefile.too_many_contacts", lang, count="240,000", most="1,000")
        assert "900 kB" in t("casefile.log_too_large", lang, limit="900 kB")


# --- the page ----------------------------------------------------------------------------------


def send_edit(at: AppTest, sent: dict[str, Any]) -> AppTest:
    """The table's edits as the browser sends them, under the editor's current key."""
    try:
        generation = at.session_state["_log_generation"]
    except KeyError:  # the editor never started again
        generation = 0
    at.session_state["_log_editor" if generation == 0 else f"_log_editor_{generation}"] = sent
    return at.run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_paste_of_too_many_rows_is_refused_and_the_log_kept(lang: Lang):
    at = open_log(lang)
    before = at.session_state["_contact_log"]
    send_edit(at, edits([row()] * (MAX_ADDED_AT_ONCE + 1)))
    assert not at.exception
    assert at.session_state["_contact_log"] == before
    message = t("log.limit.at_once", lang, most=str(MAX_ADDED_AT_ONCE))
    assert any(message in w.value for w in at.warning), [w.value for w in at.warning]
    assert len(at.dataframe[0].value) == len(before)  # the table shows the log, not the paste
    # The table starts again (a new key): the next edit is applied as usual.
    send_edit(at, edits([row(who="B-2", channel=t("channel.phone", lang))]))
    assert [e.who for e in at.session_state["_contact_log"]][-1] == "B-2"
    assert not any(message in w.value for w in at.warning)


def test_a_paste_at_the_limit_is_added():
    at = open_log("en")
    before = len(at.session_state["_contact_log"])
    send_edit(at, edits([row(who=f"R{n}") for n in range(MAX_ADDED_AT_ONCE)]))
    assert not at.exception
    assert not any(t("log.edit_kept", "en") in w.value for w in at.warning)
    assert len(at.session_state["_contact_log"]) == before + MAX_ADDED_AT_ONCE


@pytest.mark.parametrize(
    "sent, key",
    [
        (edits([row(nope="x")]), "log.limit.shape"),
        (edits(edited_rows={"99": {"said": "x"}}), "log.limit.shape"),
        (edits(deleted_rows=[99]), "log.limit.shape"),
        (edits(added_rows={"a": 1}), "log.limit.shape"),
        (edits([row(said="x" * (MAX_TEXT + 1))]), "log.limit.too_long"),
    ],
)
def test_a_table_edit_the_browser_cannot_send_is_refused_calmly(sent: dict[str, Any], key: str):
    at = open_log("en")
    before = at.session_state["_contact_log"]
    send_edit(at, sent)
    assert not at.exception
    assert at.session_state["_contact_log"] == before
    assert any(
        t(key, "en", **EDIT_REFUSALS[key.rsplit(".", 1)[1]][1]) in w.value for w in at.warning
    )


def test_the_table_cannot_grow_the_log_past_its_count():
    full = (ORDINARY,) * MAX_ENTRIES
    at = open_log("en", log=full)
    send_edit(at, edits([row()]))
    assert not at.exception
    assert at.session_state["_contact_log"] == full
    assert any(t("log.limit.count", "en", most="1,000") in w.value for w in at.warning)


def test_the_table_cannot_grow_the_log_past_its_bytes():
    log = (FULL_CHINESE,) * 69
    at = open_log("zh", log=log)
    phone = t("channel.phone", "zh")
    full = {"who": "张" * MAX_WHO_LENGTH, "said": "欠" * MAX_TEXT, "outcome": "还" * MAX_TEXT}
    send_edit(at, edits([row(**full, channel=phone)]))
    assert not at.exception
    assert at.session_state["_contact_log"] == log
    message = t("log.limit.bytes", "zh", size="900 kB", limit="1,000 kB")
    assert any(message in w.value for w in at.warning)


@pytest.mark.parametrize(
    "log, key, words",
    [
        ((ORDINARY,) * MAX_ENTRIES, "log.limit.count", {"most": "1,000"}),
        ((FULL_CHINESE,) * 69, "log.limit.bytes", {"size": "900 kB", "limit": "1,000 kB"}),
    ],
)
def test_the_form_refuses_a_contact_past_the_limits_and_keeps_what_was_typed(
    log: tuple[ContactEntry, ...], key: str, words: dict[str, str]
):
    at = open_log("en", log=log)
    at.text_input(key="_add_who").set_value("陈" * MAX_WHO_LENGTH)
    at.text_area(key="_add_said").set_value("欠" * MAX_TEXT)
    at.text_input(key="_add_outcome").set_value("还" * MAX_TEXT)
    next(b for b in at.button if b.label == t("log.add_button", "en")).click().run()
    assert not at.exception
    assert at.session_state["_contact_log"] == log
    assert any(t(key, "en", **words) in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_area(key="_add_said").value == "欠" * MAX_TEXT  # nothing typed is lost


# --- the wire: what a hostile client sends --------------------------------------------------------


class LogPageSession(Session):
    """A session that opens the contact-log page and finds its table's widget id."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: dict[str, str] = {}  # url path → page script hash
        self.editor_id: str | None = None
        self.warnings: list[str] = []

    def _handle(self, message: ForwardMsg, at: float, size: int) -> None:
        kind = message.WhichOneof("type")
        if kind == "navigation":  # the app's pages, after the first run
            self.pages = {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
        elif kind == "new_session":
            self.warnings.clear()
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "dataframe" and element.dataframe.id:
                self.editor_id = element.dataframe.id
            elif element.WhichOneof("type") == "alert":
                self.warnings.append(element.alert.body)
        super()._handle(message, at, size)

    async def open_log_page(self) -> Run:
        await self.load()
        self.page_script_hash = next(h for path, h in self.pages.items() if "contact" in path)
        return await self.rerun()

    async def send_edit(self, sent: dict[str, Any]) -> Run:
        assert self.editor_id is not None
        states = WidgetStates()
        state = states.widgets.add()
        state.id = self.editor_id
        state.string_value = json.dumps(sent)
        return await self.rerun(states)


def test_a_hostile_table_edit_over_the_wire_is_refused_before_the_work(app_server: str):
    """2,000 rows in one message (the attack's 1,000 cost 7 s of CPU), then an edit with
    an unknown column, then a good one: each answered, the session never broken."""

    async def scenario() -> None:
        async with LogPageSession(app_server, timeout=60) as tab:
            opened = await tab.open_log_page()
            assert opened.error is None and not opened.exceptions
            assert tab.editor_id is not None
            flood = await tab.send_edit(edits([row(who=f"R{n}") for n in range(2_000)]))
            assert flood.error is None and not flood.exceptions
            at_once = t("log.limit.at_once", "en", most=str(MAX_ADDED_AT_ONCE))
            assert any(at_once in w for w in tab.warnings), tab.warnings
            junk = await tab.send_edit(edits([row(nope="x")]))
            assert junk.error is None and not junk.exceptions
            assert any(t("log.limit.shape", "en") in w for w in tab.warnings), tab.warnings
            good = await tab.send_edit(edits([row(who="B-2")]))
            assert good.error is None and not good.exceptions
            assert not any(at_once in w for w in tab.warnings)

    run_alone(scenario)
