"""Never a traceback (issue 16, point 6): error details hidden, hostile widget values put back.

A hosted link lets any visitor send any message. These tests send what a hostile client
would, over Streamlit's own websocket protocol (``bench/wsclient.py``) to the app served on
loopback: widget values of the wrong type (whole numbers or a true/false where a slider
stores floats, NaN for a box of whole numbers, text that is not JSON and JSON of the wrong
shape for the live chart and the device store, text that is not JSON for the contact table,
text for a checkbox, a choice that is not one), a ``case.txt`` put to Streamlit's upload
endpoint and named to the case-file uploader, a value for a widget id no page has, numbers
beyond an input's bounds, and many random values of every type for every widget the page
drew (Hypothesis, fixed seed). Each must leave the page running: no exception element, the
calm message of ``ui.widget_guard`` in the visitor's language, the figures of the values
before, and a following ordinary change showing its own figures (checked against
``core.compare``). The shipped config must make Streamlit itself hide an uncaught error's
type, message and traceback; a second server runs a script that fails, to show it.
"""

from __future__ import annotations

import asyncio
import copy
import inspect
import json
import math
import shutil
import string
import threading
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit import config as streamlit_config
from streamlit.elements import exception as streamlit_exception
from streamlit.elements.widgets.number_input import NumberInputSerde
from streamlit.proto.Exception_pb2 import Exception as ExceptionProto
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.state.common import WidgetMetadata
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import Serialized, SessionState, Value, WStates

_ROOT = Path(__file__).resolve().parent.parent

from appserver import running_app
from apptest_helpers import open_page
from bench_load import LINK, LINK_PRINCIPAL_YUAN, PRINCIPAL_KEY, check, expected
from wsclient import FINISHED_FRAGMENT_RUN_SUCCESSFULLY, FINISHED_SUCCESSFULLY, Run, Session

from core import compare
from core.text import Lang, format_number, t
from ui import state, widget_guard
from ui.format import money
from ui.registry import ALL_PARAMS, BY_KEY, Key
from ui.values import case_from_values

T = TypeVar("T")

CONFIG = _ROOT / ".streamlit" / "config.toml"
CHART = "chart_timeline"  # the home page's first live chart (app.CHART_KEYS)
LENDERS_PAGE = "lenders"
LOG_PAGE = "contact_log"
FINISHED = (FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
# The value field each kind of widget the pages draw stores (Streamlit 1.67's register_widget);
# a number box of whole numbers is sent ``int_value`` by the browser, any box ``double_value``.
OWN_FIELD = {
    "slider": "double_array_value",
    "number_input": "double_value",
    "checkbox": "bool_value",
    "selectbox": "string_value",
    "text_input": "string_value",
    "text_area": "string_value",
    "time_input": "string_value",
    "date_input": "string_array_value",
    "button": "trigger_value",
    "download_button": "trigger_value",
    "file_uploader": "file_uploader_state_value",
    "bidi_component": "json_value",
    "dataframe": "string_value",
    "expandable": "bool_value",
    "tab_container": "string_value",
    "button_group": "string_array_value",
}
FIELDS = tuple(f.name for f in WidgetState.DESCRIPTOR.oneofs_by_name["value"].fields)
TAKEN = {kind: {field} for kind, field in OWN_FIELD.items()} | {
    "number_input": {"double_value", "int_value"}
}
"""The fields a widget of each kind takes a value in (any other is hostile)."""


# --- the shipped configuration ------------------------------------------------------------


def test_streamlit_reads_the_shipped_config_as_hiding_every_error_detail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Parsed by Streamlit's own config code, not compared as text: ``false`` would parse
    too, as the deprecated spelling of "stacktrace", which shows the traceback."""
    fresh = copy.deepcopy(streamlit_config._config_options_template)
    monkeypatch.setattr(streamlit_config, "_config_options", fresh)
    streamlit_config._update_config_with_toml(CONFIG.read_text(encoding="utf-8"), str(CONFIG))
    shown = streamlit_config.get_option("client.showErrorDetails")
    assert shown == streamlit_config.ShowErrorDetailsConfigOptions.NONE
    visibility = streamlit_exception._error_detail_visibility(apply_show_error_details=True)
    assert (visibility.show_type, visibility.show_message, visibility.show_trace) == (
        False,
        False,
        False,
    )


FAILING_SCRIPT = """\
import streamlit as st

st.write("The page starts.")
raise RuntimeError("SECRET-DETAIL from " + __file__)
"""


class _Recording(Session):
    """A session that also keeps every exception element and every byte it was sent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.exception_elements: list[ExceptionProto] = []
        self.received: list[bytes] = []

    def _handle(self, message: ForwardMsg, at: float, size: int) -> None:
        super()._handle(message, at, size)
        if message.WhichOneof("type") == "new_session":
            return  # names the script's path by design (issue 16, point 9: not this test's)
        self.received.append(message.SerializeToString())
        element = message.delta.new_element
        if message.WhichOneof("type") == "delta" and element.WhichOneof("type") == "exception":
            self.exception_elements.append(element.exception)


def test_an_uncaught_error_reaches_the_browser_without_its_type_message_or_traceback(
    tmp_path: Path,
) -> None:
    """A script that fails outright, served with the app's own config: the browser is told
    only Streamlit's generic sentence (protocol level, as any client receives it)."""
    (tmp_path / ".streamlit").mkdir()
    shutil.copy(CONFIG, tmp_path / ".streamlit" / "config.toml")
    (tmp_path / "app.py").write_text(FAILING_SCRIPT, encoding="utf-8")

    async def scenario(url: str) -> _Recording:
        async with _Recording(url) as session:
            run = await session.load()
            assert run.error is None
            return session

    with running_app(tmp_path, log_dir=tmp_path) as url:
        session = run_in_loop(scenario(url))
    assert len(session.exception_elements) == 1
    element = session.exception_elements[0]
    assert list(element.stack_trace) == []
    assert element.type == ""
    assert "SECRET-DETAIL" not in element.message
    assert not any(b"SECRET-DETAIL" in data or b"RuntimeError" in data for data in session.received)
    assert not any(str(tmp_path).encode() in data for data in session.received)


# --- the guard itself -------------------------------------------------------------------------


def test_the_streamlit_internals_the_guard_relies_on_are_there() -> None:
    """The guard wraps ``WStates.__getitem__`` and reads a session's ``_old_state``: a
    Streamlit that changes these fails here first (``ui/widget_guard.py`` says why)."""
    widget_guard.install()
    assert widget_guard.installed()
    original = inspect.unwrap(WStates.__getitem__)
    assert original is not WStates.__getitem__
    source = inspect.getsource(original)
    assert "metadata.deserializer(unpack_widget_state_value(wstate.value))" in source
    assert {f.name for f in fields(WStates)} >= {"states", "widget_metadata"}
    assert {f.name for f in fields(WidgetMetadata)} >= {"id", "deserializer", "value_type"}
    assert Serialized(WidgetState()).value == WidgetState() and Value(1).value == 1
    session = SessionState()
    assert isinstance(session._new_widget_state, WStates)
    assert isinstance(session._old_state, dict)
    assert callable(session.reset_state_value)
    assert SafeSessionState(session, lambda: None)._state is session
    assert "self._old_state[widget_id]" in inspect.getsource(SessionState._getitem)
    widget_guard.install()  # a second call changes nothing
    assert inspect.unwrap(WStates.__getitem__) is original


def test_a_value_no_widget_can_read_falls_back_to_the_one_before() -> None:
    """Outside a script run: NaN for a box of whole numbers is dropped, and the session's
    value before shows through (Streamlit 1.67 raised ``ValueError`` here)."""
    widget_guard.install()
    widget_id = "$$ID-0123456789abcdef0123456789abcdef-months"
    serde = NumberInputSerde(12, NumberInput.INT, 1, 360)
    session = SessionState()
    session._set_widget_metadata(
        WidgetMetadata(widget_id, serde.deserialize, serde.serialize, "double_value")
    )
    session._old_state[widget_id] = 24
    session._new_widget_state.set_widget_from_proto(
        WidgetState(id=widget_id, double_value=math.nan)
    )
    assert session[widget_id] == 24
    assert widget_id not in session._new_widget_state.states


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_names_each_input_put_back_with_its_range(lang: Lang) -> None:
    """In the test's own process (AppTest runs the page as the server does): NaN for a box
    of whole numbers, a principal beyond its bounds, an empty lever beyond its bounds; then
    an ordinary value is taken and the message is gone."""
    at = open_page(lang, {PRINCIPAL_KEY: "12000"})
    assert not at.info
    months, principal = BY_KEY[Key.MONTHS], BY_KEY[PRINCIPAL_KEY]
    term = next(p for p in ALL_PARAMS if p.optional and p.integer and p.proposal == 1)
    at.number_input(key=months.key).set_value(math.nan)
    at.number_input(key=principal.key).set_value(1e12)
    at.number_input(key=term.key).set_value(1e7)
    at.run()
    assert not at.exception
    assert t("error.unexpected", lang) not in [error.value for error in at.error]
    (message,) = [info.value for info in at.info]
    intro, *items = message.splitlines()
    assert intro == t("guard.intro", lang)
    assert sorted(items) == sorted(
        [
            "- " + t("guard.unreadable", lang, name=t(months.label_key, lang)),
            "- "
            + t(
                "guard.range",
                lang,
                name=t(principal.label_key, lang),
                min="100",
                max="5,000,000",
                value="12,000",
            ),
            "- "
            + t(
                "guard.range_empty",
                lang,
                name=t(term.label_key, lang),
                min=format_number(term.minimum),
                max=format_number(term.maximum),
            ),
        ]
    )
    assert at.number_input(key=months.key).value == months.default
    assert at.number_input(key=principal.key).value == 12_000
    assert at.number_input(key=term.key).value is None
    at.number_input(key=principal.key).set_value(23_456).run()
    assert not at.exception and not at.info
    assert at.metric[0].value == expected(23_456).metric  # the results follow it


def test_each_kind_of_value_put_back_in_process() -> None:
    """AppTest again, handed a message as a hostile client would send it: text for a
    checkbox, JSON of the wrong shape and text that is not JSON for components, two numbers
    for a slider, a fraction for whole numbers, a choice that is not one, an id no widget
    has. No exception; the message names the registry's inputs among them, once each."""
    at = open_page("en", {PRINCIPAL_KEY: "12000"})
    components = {
        node.proto.id.rsplit("-", 1)[1]: node.proto.id for node in at.get("bidi_component")
    }
    checkbox, slider = at.checkbox[0], at.slider[0]
    sent = WidgetStates()
    for widget_id, field, content in [
        (checkbox.id, "string_value", "yes"),
        (components[CHART], "json_value", "[1, 2]"),
        (components[state.DEVICE_STORE], "json_value", "{'kept': "),
        (slider.id, "double_array_value", [1.0, 2.0]),
        (at.number_input(key=Key.MONTHS).id, "double_value", 30.5),
        (at.number_input(key=Key.MONTHS).id, "double_value", 30.5),  # named once all the same
        (at.selectbox(key=Key.UNIT).id, "string_value", "per-fortnight"),
        ("$$ID-0123456789abcdef0123456789abcdef-no_such_widget", "bool_value", True),
    ]:
        set_value(sent.widgets.add(id=widget_id), field, content)
    at._run(sent)  # AppTest sends what its widgets hold; a hostile client sends this
    assert not at.exception
    (message,) = [info.value for info in at.info]
    intro, *items = message.splitlines()
    assert intro == t("guard.intro", "en")
    names = [BY_KEY[str(key)] for key in (Key.MONTHS, Key.UNIT, slider.key, checkbox.key)]
    assert sorted(items) == sorted(
        "- " + t("guard.unreadable", "en", name=t(param.label_key, "en")) for param in names
    )
    assert at.checkbox[0].value == checkbox.value
    assert at.slider[0].value == slider.value
    assert at.number_input(key=Key.MONTHS).value == BY_KEY[Key.MONTHS].default
    assert at.selectbox(key=Key.UNIT).value == BY_KEY[Key.UNIT].default


# --- a session driven from the test's thread ------------------------------------------------


def run_in_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on an event loop of its own thread (Playwright may hold this one's)."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            errors.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


class Driver:
    """One simulated tab kept open across calls: its own event loop in its own thread."""

    def __init__(self, url: str, **options: Any) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.session: Session = self.call(self._open(url, options))
        self.sent = 0  # hostile widget states sent

    @staticmethod
    async def _open(url: str, options: dict[str, Any]) -> Session:
        session = Session(url, **options)
        await session.open()
        return session

    def call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=180)

    def send(self, *states: WidgetState) -> Run:
        self.sent += len(states)
        return self.call(self.session.send(*states))

    def close(self) -> None:
        self.call(self.session.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


@pytest.fixture
def open_tab(app_server: str) -> Iterator[Callable[..., Driver]]:
    drivers: list[Driver] = []

    def opened(**options: Any) -> Driver:
        driver = Driver(app_server, query_string=LINK, **options)
        drivers.append(driver)
        return driver

    yield opened
    for driver in drivers:
        driver.close()


# --- what a page must show ----------------------------------------------------------------


def calm(run: Run, lang: Lang = "en") -> list[str]:
    """What is wrong with a reply to a hostile value: anything but a run that finished with
    no exception element and the guard's message."""
    problems = [] if run.error is None else [run.error]
    if run.status not in FINISHED:
        problems.append(f"script finished with status {run.status}")
    problems += [f"exception element: {message[:200]}" for message in run.exceptions]
    if not any(notice.startswith(t("guard.intro", lang)) for notice in run.notices):
        problems.append(f"no calm message; notices {run.notices}")
    return problems


def lenders_metrics(principal: float, lang: Lang) -> list[tuple[str, str]]:
    """The lenders page's first two figures for the default case with ``principal``."""
    built = case_from_values({PRINCIPAL_KEY: principal})
    assert built.case is not None
    result = compare(built.case)
    return [
        (t("lenders.owed", lang), money(result.position.total)),
        (t("lenders.due", lang), money(result.contract.summary.highest_payment)),
    ]


def page_shows(run: Run, page: str, principal: float, query: str, lang: Lang) -> list[str]:
    """What is wrong with the page's figures for ``principal`` (the link the app wrote for
    the contact log page, which shows no figures)."""
    if page == "":
        return check(run, expected(principal))
    problems = [] if run.error is None else [run.error]
    problems += [f"exception element: {message[:200]}" for message in run.exceptions]
    want = lenders_metrics(principal, lang)
    if page == LENDERS_PAGE and run.metrics[:2] != want:
        problems.append(f"figures {run.metrics[:2]}, expected {want}")
    if f"{PRINCIPAL_KEY}={principal:g}" not in query.split("&"):
        problems.append(f"the link says {query!r}, not principal {principal:g}")
    return problems


class Tour:
    """A tab on one page: hostile values, each followed by an ordinary new principal."""

    def __init__(self, driver: Driver, page: str, lang: Lang = "en") -> None:
        self.driver = driver
        self.page = page
        self.lang = lang
        self.principal = LINK_PRINCIPAL_YUAN
        self.problems: list[str] = []
        first = driver.call(driver.session.load())
        shown = page_shows(first, page, self.principal, self.query, lang)
        self.problems += [f"load: {p}" for p in shown]

    @property
    def session(self) -> Session:
        return self.driver.session

    @property
    def query(self) -> str:
        return self.session.query_string

    def attack(self, label: str, *states: WidgetState) -> Run:
        lang = self.lang
        run = self.driver.send(*states)
        self.problems += [f"{label}: {p}" for p in calm(run, lang)]
        if self.page == "" and run.status == FINISHED_SUCCESSFULLY and lang == "en":
            # The whole page ran again on the values before: the same figures.
            self.problems += [f"{label}: {p}" for p in check(run, expected(self.principal))]
        self.principal += 100.0
        after = self.driver.call(self.session.set_number(PRINCIPAL_KEY, self.principal))
        shown = page_shows(after, self.page, self.principal, self.query, lang)
        self.problems += [f"{label}, then a new principal: {p}" for p in shown]
        if any(notice.startswith(t("guard.intro", lang)) for notice in after.notices):
            self.problems.append(f"{label}: the calm message stayed on the next run")
        return run

    def state(self, key: str, **value: Any) -> WidgetState:
        widget = self.session.widget_state(key)
        for name, content in value.items():
            set_value(widget, name, content)
        return widget

    def first(self, kind: str) -> str:
        keys = [key for key, widget in self.session.widgets.items() if widget.kind == kind]
        assert keys, f"no {kind} on the page {self.page!r}"
        return min(keys)


def set_value(widget: WidgetState, name: str, content: Any) -> None:
    """Set the value field ``name`` of ``widget`` to ``content``, whatever its type."""
    if name.endswith("_array_value"):
        getattr(widget, name).SetInParent()
        getattr(widget, name).data.extend(content)
    elif name in ("arrow_value", "string_trigger_value", "chat_input_value"):
        getattr(widget, name).SetInParent()
        getattr(widget, name).data = content
    elif name == "file_uploader_state_value":
        widget.file_uploader_state_value.SetInParent()
        for file_id, file_name, size in content:
            info = widget.file_uploader_state_value.uploaded_file_info.add()
            info.file_id, info.name, info.size = file_id, file_name, size
    else:
        setattr(widget, name, content)


def common_attacks(tour: Tour) -> None:
    """The hostile values every page's sidebar can be sent."""
    months = Key.MONTHS
    assert tour.session.number_inputs[months].data_type == NumberInput.INT
    tour.attack("NaN for a box of whole numbers", tour.state(months, double_value=math.nan))
    tour.attack("infinity for a box of whole numbers", tour.state(months, double_value=math.inf))
    tour.attack("text for a checkbox", tour.state(tour.first("checkbox"), string_value="yes"))
    tour.attack("a choice that is not one", tour.state(Key.UNIT, string_value="per-fortnight"))
    device = state.DEVICE_STORE
    tour.attack("device store: not JSON", tour.state(device, json_value="{'kept': "))
    tour.attack("device store: JSON of the wrong shape", tour.state(device, json_value="[1, 2]"))
    tour.attack("device store: a trigger as its state", tour.state(device, json_trigger_value="{"))
    unknown = WidgetState(id="$$ID-0123456789abcdef0123456789abcdef-no_such_widget")
    unknown.double_value = 1.0
    tour.attack("a widget id that does not exist", unknown)
    file_id = tour.driver.call(tour.session.upload("case.txt", b'{"version": 1}'))
    uploader = tour.session.file_state(state.CASE_UPLOAD, file_id, "case.txt", 14)
    tour.attack("case.txt for the case-file uploader", uploader)
    slider = tour.first("slider")
    tour.attack("whole numbers for a slider", tour.state(slider, int_array_value=[5]))
    tour.attack("true for a slider", tour.state(slider, bool_value=True))
    tour.attack("two numbers for a slider", tour.state(slider, double_array_value=[1.0, 2.0]))
    out_of_range(tour)


def out_of_range(tour: Tour) -> None:
    """A principal beyond its bounds, sent directly: put back, and the page says the range
    and what the principal stays at (what was sent is not repeated)."""
    param = BY_KEY[PRINCIPAL_KEY]
    lang = tour.lang
    for sent in (1e12, -5.0):
        before = tour.principal
        run = tour.attack(f"principal {sent:g}", tour.state(PRINCIPAL_KEY, double_value=sent))
        line = t(
            "guard.range",
            lang,
            name=t(param.label_key, lang),
            min=format_number(param.minimum),
            max=format_number(param.maximum),
            value=format_number(before),
        )
        if not any(line in notice for notice in run.notices):
            tour.problems.append(f"principal {sent:g}: no {line!r} in {run.notices}")
        if any(format_number(sent) in notice for notice in run.notices):
            tour.problems.append(f"principal {sent:g}: the message repeats the value sent")


def test_whole_numbers_sent_as_the_browser_sends_them_are_taken(
    open_tab: Callable[..., Driver],
) -> None:
    """Chromium sends a box of whole numbers its value as ``int_value`` (``double_value`` is
    what the box stores, and what ``Session.set_number`` sends): no message, the value used."""
    driver = open_tab(page_name=LENDERS_PAGE)
    session = driver.session
    driver.call(session.load())
    months = session.widget_state(Key.MONTHS)
    months.int_value = 24
    run = driver.call(session.send(months))
    assert run.exceptions == [] and run.notices == []
    assert f"{Key.MONTHS}=24" in session.query_string.split("&")
    fraction = session.widget_state(Key.MONTHS)
    fraction.double_value = 30.5  # not a whole number: put back, as the box cannot hold it
    assert calm(driver.call(session.send(fraction))) == []
    assert f"{Key.MONTHS}=24" in session.query_string.split("&")


def test_hostile_values_in_a_tabs_first_message_are_put_back(
    open_tab: Callable[..., Driver],
) -> None:
    """Widget ids are the same in every session: a new tab's very first message can carry
    values for widgets it has not been shown yet. They are judged as the page draws them,
    so the page says so on the next run."""
    known = open_tab()
    known.call(known.session.load())
    ids = {key: widget.id for key, widget in known.session.widgets.items()}
    driver = open_tab()
    months = WidgetState(id=ids[Key.MONTHS], double_value=math.nan)
    slider = WidgetState(
        id=ids[min(k for k, w in known.session.widgets.items() if w.kind == "slider")]
    )
    slider.bool_value = True
    first = driver.send(months, slider)
    assert check(first, expected(LINK_PRINCIPAL_YUAN)) == []
    after = driver.call(driver.session.set_number(PRINCIPAL_KEY, 10_100.0))
    assert calm(after) == [] and check(after, expected(10_100.0)) == []
    again = driver.call(driver.session.set_number(PRINCIPAL_KEY, 10_200.0))
    assert check(again, expected(10_200.0)) == [] and again.notices == []


def test_hostile_values_on_the_home_page_are_put_back_calmly(open_tab: Callable[..., Driver]):
    tour = Tour(open_tab(), "")
    assert tour.session.widgets[CHART].kind == "bidi_component"
    tour.attack("chart: not JSON", tour.state(CHART, json_value="not json {"))
    tour.attack("chart: JSON of the wrong shape", tour.state(CHART, json_value='"a string"'))
    common_attacks(tour)
    assert tour.problems == []


def test_hostile_values_on_the_lenders_page_are_put_back_calmly(open_tab: Callable[..., Driver]):
    tour = Tour(open_tab(page_name=LENDERS_PAGE), LENDERS_PAGE)
    # Its sliders are in the sidebar's folded assumptions: open the fold, as a click does.
    opened = tour.driver.call(
        tour.session.send(tour.state(state.FOLD_ASSUMPTIONS, bool_value=True))
    )
    assert opened.exceptions == [] and not opened.notices
    common_attacks(tour)
    assert tour.problems == []


def test_text_that_is_not_json_for_the_contact_table_is_put_back_calmly(
    open_tab: Callable[..., Driver],
):
    tour = Tour(open_tab(page_name=LOG_PAGE), LOG_PAGE)
    table = tour.first("dataframe")
    tour.attack("contact table: not JSON", tour.state(table, string_value="{not json"))
    tour.attack("contact table: bytes", tour.state(table, bytes_value=b"\x00\xff"))
    assert tour.problems == []


def test_the_calm_message_is_in_the_visitors_language(open_tab: Callable[..., Driver]):
    tour = Tour(open_tab(page_name=LENDERS_PAGE, locale="zh-CN"), LENDERS_PAGE, "zh")
    tour.attack("NaN", tour.state(Key.MONTHS, double_value=math.nan))
    out_of_range(tour)
    assert tour.problems == []


# --- random hostile messages ------------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
_FLOATS = st.floats(allow_nan=True, allow_infinity=True)
_INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)
CONTENT: dict[str, st.SearchStrategy[Any]] = {
    "trigger_value": st.booleans(),
    "bool_value": st.booleans(),
    "double_value": _FLOATS,
    "int_value": _INT64,
    "string_value": _TEXT,
    "double_array_value": st.lists(_FLOATS, max_size=3),
    "int_array_value": st.lists(_INT64, max_size=3),
    "string_array_value": st.lists(_TEXT, max_size=3),
    "json_value": _TEXT | _JSON.map(json.dumps),
    "arrow_value": st.binary(max_size=40),
    "bytes_value": st.binary(max_size=40),
    "file_uploader_state_value": st.lists(
        st.tuples(_TEXT, _TEXT, st.integers(0, 2**31)), min_size=1, max_size=2
    ),
    "string_trigger_value": _TEXT,
    "chat_input_value": _TEXT,
    "json_trigger_value": _TEXT,
}
assert set(CONTENT) == set(FIELDS)


def malformed_own(kind: str, key: str) -> st.SearchStrategy[tuple[str, Any]] | None:
    """Values of a widget's own field that it cannot take (None: no such value to send)."""
    param = BY_KEY.get(key)
    if kind == "number_input" and param is not None and param.maximum is not None:
        beyond = st.floats(min_value=param.maximum, exclude_min=True) | st.floats(
            max_value=(param.minimum or 0.0) - 1.0
        )
        return st.tuples(st.just("double_value"), st.sampled_from([math.nan, math.inf]) | beyond)
    if kind == "slider" and param is not None and param.maximum is not None:
        beyond = st.floats(min_value=param.maximum + 1.0) | st.floats(max_value=-1.0)
        nan = st.sampled_from([math.nan, -math.inf])
        return st.tuples(
            st.just("double_array_value"), st.lists(nan | beyond, min_size=1, max_size=1)
        )
    if kind == "bidi_component":
        not_json = _TEXT.filter(lambda text: not _is_json(text))
        not_object = _JSON.filter(lambda v: v is not None and not isinstance(v, dict))
        return st.tuples(st.just("json_value"), not_json | not_object.map(json.dumps))
    if kind == "selectbox" and param is not None and param.choices:
        return st.tuples(st.just("string_value"), _TEXT.filter(lambda s: s not in param.choices))
    return None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@st.composite
def hostile_state(draw: st.DrawFn, widgets: list[tuple[str, str]]) -> tuple[str, str, Any]:
    """(a widget's key or a forged id, value field, content): a value it cannot take."""
    choice = draw(st.integers(0, 9))
    if choice == 0:  # an id no widget has
        digest = draw(st.text(alphabet="0123456789abcdef", min_size=32, max_size=32))
        suffix = draw(st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=12))
        field = draw(st.sampled_from(FIELDS))
        return f"$$ID-{digest}-{suffix}", field, draw(CONTENT[field])
    takers = [(key, own) for key, kind in widgets if (own := malformed_own(kind, key)) is not None]
    if choice <= 5:  # a value of the widget's own type that it cannot take
        key, own = draw(st.sampled_from(takers))
        field, content = draw(own)
        return key, field, content
    key, kind = draw(st.sampled_from(widgets))  # a value of another type
    field = draw(st.sampled_from([f for f in FIELDS if f not in TAKEN[kind]]))
    return key, field, draw(CONTENT[field])


def targets(tour: Tour) -> list[tuple[str, str]]:
    """Every widget the tab has drawn, with its kind, as (key, kind), in key order."""
    widgets = tour.session.widgets.items()
    return sorted((key, widget.kind) for key, widget in widgets if widget.kind in OWN_FIELD)


def fuzz(tour: Tour, widgets: list[tuple[str, str]], data: st.DataObject) -> None:
    """One random hostile message (one to three values), then a new principal."""
    drawn = data.draw(st.lists(hostile_state(widgets), min_size=1, max_size=3))
    message = []
    for key, field, content in drawn:
        widget = WidgetState(id=key) if key.startswith("$$ID") else tour.session.widget_state(key)
        set_value(widget, field, content)
        message.append(widget)
    tour.problems.clear()
    tour.attack(str([(key, field) for key, field, _ in drawn]), *message)
    assert tour.problems == [], "\n".join(tour.problems)


@pytest.fixture(scope="module")
def home_tour(app_server: str) -> Iterator[tuple[Tour, list[tuple[str, str]]]]:
    """A tab on the home page kept open for every random message, and its widgets."""
    driver = Driver(app_server, query_string=LINK)
    tour = Tour(driver, "")
    assert tour.problems == []
    yield tour, targets(tour)
    driver.close()


@pytest.fixture(scope="module")
def lenders_tour(app_server: str) -> Iterator[tuple[Tour, list[tuple[str, str]]]]:
    """A tab on the lenders page, its sidebar's assumptions open, and its widgets."""
    driver = Driver(app_server, query_string=LINK, page_name=LENDERS_PAGE)
    tour = Tour(driver, LENDERS_PAGE)
    driver.call(driver.session.send(tour.state(state.FOLD_ASSUMPTIONS, bool_value=True)))
    assert tour.problems == []
    yield tour, targets(tour)
    driver.close()


FUZZ = settings(derandomize=True, database=None, deadline=None)
HOME_MESSAGES = 60
LENDERS_MESSAGES = 30


@settings(FUZZ, max_examples=HOME_MESSAGES)
@given(data=st.data())
def test_random_hostile_messages_on_the_home_page(
    home_tour: tuple[Tour, list[tuple[str, str]]], data: st.DataObject
):
    """One tab, many messages: each is put back calmly, and the tab goes on working."""
    fuzz(*home_tour, data)


@settings(FUZZ, max_examples=LENDERS_MESSAGES)
@given(data=st.data())
def test_random_hostile_messages_on_the_lenders_page(
    lenders_tour: tuple[Tour, list[tuple[str, str]]], data: st.DataObject
):
    fuzz(*lenders_tour, data)
