"""Saving the case works every time while other visitors keep the server busy (issue 16, 3).

Twenty background sessions (simulated browsers speaking Streamlit's websocket protocol,
``bench/wsclient.py``, as ``bench/bench_load.py`` drives them) each type a new principal into
the sidebar about once a second, every reply checked as the load benchmark checks it. Meanwhile
one more session changes its principal (a rerun of the home page's results fragment only, so
the sidebar with the save button is not drawn again) and saves the case, fifty times: every
save must give the file, the file must open with ``ui.casefile.load_case``, and it must hold
the principal just typed.

A save is made as the browser makes it, whatever the page offers: the app's save button
(``ui.casefile_ui``) is told the browser asks for the file and the run that follows hands it
over; Streamlit's deferred download button (what the app had before) is asked for its file
(a ``backend_operation_request``) and the file is then fetched from the address given.

:func:`background_load` and :func:`background_thread` give the same background sessions to
the browser test of the save (``tests/test_browser_save.py``). No timing is asserted.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

from apptest_helpers import open_page
from bench_load import (
    LINK,
    LINK_PRINCIPAL_YUAN,
    PRINCIPAL_KEY,
    PRINCIPAL_STEP_YUAN,
    check,
    expected,
)
from streamlit.testing.v1 import AppTest
from test_bench_load import run_alone
from wsclient import Session, SessionError

import core
import ui.casefile_ui
from core.text import t
from ui import state
from ui.casefile import Loaded, load_case

BACKGROUND_SESSIONS = 20
SAVES = 50
THINK_S = 1.0  # each background session types a new principal about once a second
TIMEOUT_S = 60.0  # per reply: the machine's two cores are shared
OLD_DOWNLOAD_KEY = "_case_download"  # the deferred download button the app had before
SAVED_PRINCIPAL_YUAN = 20_000.0  # the saving session's principals: 20,000, 20,100, ...


# --- the background: sessions typing a new principal about once a second -------------------


@dataclass(slots=True)
class Load:
    """What the background sessions did: page loads, moves, and every problem seen."""

    sessions: int
    loaded: int = 0
    moves: int = 0
    problems: list[str] = field(default_factory=list)
    ready: asyncio.Event = field(default_factory=asyncio.Event)


async def _mover(index: int, base_url: str, load: Load, stop: asyncio.Event) -> None:
    rng = random.Random(16_000 + index)
    await asyncio.sleep(rng.uniform(0, 1))  # arrivals spread over a second
    async with Session(base_url, query_string=LINK, timeout=TIMEOUT_S) as session:
        run = await session.load()
        load.problems += [
            f"session {index}, page load: {p}" for p in check(run, expected(LINK_PRINCIPAL_YUAN))
        ]
        load.loaded += 1
        if load.loaded == load.sessions:
            load.ready.set()
        principal = LINK_PRINCIPAL_YUAN
        while not stop.is_set():
            principal += PRINCIPAL_STEP_YUAN
            run = await session.set_number(PRINCIPAL_KEY, principal)
            load.moves += 1
            problems = check(run, expected(principal))
            load.problems += [f"session {index}, move to {principal:.0f}: {p}" for p in problems]
            if run.error is not None:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), THINK_S * rng.uniform(0.5, 1.5))


@contextlib.asynccontextmanager
async def background_load(
    base_url: str, sessions: int = BACKGROUND_SESSIONS
) -> AsyncIterator[Load]:
    """``sessions`` background sessions moving the principal until the block ends; the block
    starts once every one has loaded its page."""
    load = Load(sessions)
    stop = asyncio.Event()
    tasks = [asyncio.create_task(_mover(i, base_url, load, stop)) for i in range(sessions)]
    try:
        async with asyncio.timeout(TIMEOUT_S + 5):
            await load.ready.wait()
        yield load
    finally:
        stop.set()
        for index, result in enumerate(await asyncio.gather(*tasks, return_exceptions=True)):
            if isinstance(result, BaseException):
                load.problems.append(f"session {index}: {result!r}")


@contextlib.contextmanager
def background_thread(base_url: str, sessions: int = BACKGROUND_SESSIONS) -> Iterator[Load]:
    """:func:`background_load` in a thread of its own (its own event loop), for a test whose
    own thread drives a browser; the block starts once every session has loaded its page."""
    started = threading.Event()
    finish = threading.Event()
    box: list[Load] = []
    failed: list[BaseException] = []

    async def hold() -> None:
        async with background_load(base_url, sessions) as load:
            box.append(load)
            started.set()
            await asyncio.to_thread(finish.wait)

    def main() -> None:
        try:
            asyncio.run(hold())
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            failed.append(error)
        finally:
            started.set()

    thread = threading.Thread(target=main, name="background-sessions", daemon=True)
    thread.start()
    started.wait()
    try:
        if failed:
            raise RuntimeError(f"the background sessions did not start: {failed[0]!r}")
        yield box[0]
    finally:
        finish.set()
        thread.join()
    if failed:
        raise RuntimeError(f"the background sessions failed: {failed[0]!r}")


# --- a save, as the browser makes it ---------------------------------------------------------


class SaveFailed(RuntimeError):
    """A click on "save the case" gave no file."""


def delivered_file(data: bytes, ask: str) -> bytes:
    """The case file in what the app hands the browser for ``ask``: a first line of JSON
    naming the ask it answers, then the file's bytes."""
    head, newline, body = data.partition(b"\n")
    if not newline:
        raise SaveFailed("the delivery has no header line")
    header = json.loads(head)
    if header.get("ask") != ask:
        raise SaveFailed(f"the delivery answers {header.get('ask')!r}, not {ask!r}")
    return body


async def save(session: Session) -> bytes:
    """Click "save the case" as the browser does; the file that arrives (or SaveFailed)."""
    if state.SAVE_BUTTON in session.components:
        ask = uuid.uuid4().hex
        value = session.widget_state(state.SAVE_BUTTON)
        value.json_value = json.dumps({"asked": ask})
        run = await session.send(value)
        if run.error is not None:
            raise SaveFailed(run.error)
        for key in (state.SAVE_FILE, state.SAVE_FILE_EARLY):
            given = run.components.get(key)
            if given is not None and given.WhichOneof("data") == "bytes" and given.bytes:
                return delivered_file(given.bytes, ask)
        raise SaveFailed(f"the run after the click handed over no file (errors: {run.errors})")
    download = session.downloads.get(OLD_DOWNLOAD_KEY)
    if download is not None and download.deferred_file_id:
        try:
            url = await session.deferred_file(download.deferred_file_id)
        except SessionError as error:
            raise SaveFailed(str(error)) from error
        status, body = await session.fetch(url)
        if status != 200:
            raise SaveFailed(f"HTTP {status} for the file's address")
        return body
    raise SaveFailed("no save button on the page")


# --- the test --------------------------------------------------------------------------------


def test_fifty_saves_under_load_each_give_the_case_just_changed(app_server: str) -> None:
    async def scenario() -> tuple[list[str], Load]:
        failures: list[str] = []
        async with (
            background_load(app_server) as load,
            Session(app_server, query_string=LINK, timeout=TIMEOUT_S) as saver,
        ):
            run = await saver.load()
            assert check(run, expected(LINK_PRINCIPAL_YUAN)) == []
            for number in range(SAVES):
                principal = SAVED_PRINCIPAL_YUAN + PRINCIPAL_STEP_YUAN * number
                moved = await saver.set_number(PRINCIPAL_KEY, principal)
                assert check(moved, expected(principal)) == [], f"save {number + 1}: the move"
                try:
                    file = await save(saver)
                except SaveFailed as error:
                    failures.append(f"save {number + 1}: {error}")
                    continue
                loaded = load_case(file)
                if not isinstance(loaded, Loaded):
                    failures.append(f"save {number + 1}: the file does not open: {loaded}")
                elif loaded.values.get(PRINCIPAL_KEY) != principal:
                    shown = loaded.values.get(PRINCIPAL_KEY)
                    failures.append(f"save {number + 1}: principal {shown}, typed {principal}")
        return failures, load

    failures, load = run_alone(scenario)
    assert load.problems == [], load.problems[:5]
    assert load.moves >= BACKGROUND_SESSIONS, "the background sessions hardly moved"
    assert failures == [], f"{len(failures)} of {SAVES} saves failed: {failures[:5]}"


# --- forged asks, over the protocol ------------------------------------------------------------

FORGED_ASKS: tuple[tuple[str, str], ...] = (
    ("not JSON", "{asked"),
    ("JSON but a list", json.dumps(["a"])),
    ("JSON but a string", json.dumps("asked")),
    ("a number", json.dumps({"asked": 5})),
    ("true", json.dumps({"asked": True})),
    ("an object", json.dumps({"asked": {"a": 1}})),
    ("empty", json.dumps({"asked": ""})),
    ("65 characters", json.dumps({"asked": "a" * 65})),
    ("markup", json.dumps({"asked": '<img src=x onerror="alert(1)">'})),
    ("a path", json.dumps({"asked": "../../etc/passwd"})),
    ("a line break", json.dumps({"asked": "abc\ndef"})),
    ("100,000 characters", json.dumps({"asked": "a" * 100_000})),
)
"""What a hostile client may send as the save button's state instead of a browser's ask."""


def test_a_forged_ask_gets_no_file_and_breaks_nothing(app_server: str) -> None:
    """Each forged state reruns the page as any value does: no file, no traceback, no error
    message; then a real ask still gets the file, and the same ask again gets nothing."""

    async def scenario() -> list[str]:
        problems: list[str] = []
        async with Session(app_server, query_string=LINK, timeout=TIMEOUT_S) as session:
            await session.load()
            for name, sent in FORGED_ASKS:
                value = session.widget_state(state.SAVE_BUTTON)
                value.json_value = sent
                run = await session.send(value)
                handed = [
                    k for k in (state.SAVE_FILE, state.SAVE_FILE_EARLY) if k in run.components
                ]
                if run.error or run.exceptions or run.errors or handed:
                    problems.append(
                        f"{name}: {run.error or run.exceptions or run.errors or handed}"
                    )
            value = session.widget_state(state.SAVE_BUTTON)
            value.json_value = json.dumps({"asked": "the-same-ask"})
            for attempt in ("first", "again"):  # a browser sends its state with every rerun
                given = (await session.send(value)).components.get(state.SAVE_FILE)
                if attempt == "again" and given is not None:
                    problems.append("an ask answered twice")
                elif attempt == "first" and given is None:
                    problems.append("the real ask after them got no file")
                elif attempt == "first" and given is not None:
                    loaded = load_case(delivered_file(given.bytes, "the-same-ask"))
                    if not isinstance(loaded, Loaded):
                        problems.append(f"the file of the real ask does not open: {loaded}")
        return problems

    assert run_alone(scenario) == []


# --- the answer, page by page (AppTest: the browser's ask set as its state) --------------------


def ask(at: AppTest, token: str) -> None:
    """The save button's state as the browser sets it on a click."""
    at.session_state[state.SAVE_BUTTON] = {"asked": token}


def handed(at: AppTest, key: str = state.SAVE_FILE) -> bytes | None:
    """What the run handed the browser under ``key`` (None: nothing)."""
    for element in at.get("bidi_component"):
        if element.proto.id.endswith(f"-{key}") and element.proto.WhichOneof("data") == "bytes":
            return bytes(element.proto.bytes)
    return None


def test_the_file_holds_a_tick_the_page_records_in_the_same_run() -> None:
    """The checklist page records a tick after the sidebar is drawn: a click on "save" in
    the same run (the ask and the tick arrive together) still saves it, and only once."""
    at = open_page("en", {"principal": "12000"}, "pages/1_checklist.py")
    at.checkbox(key=state.CHECK_PREFIX + "documents").check()
    ask(at, "tick-1")
    at.run()
    assert not at.exception
    given = handed(at)
    assert given is not None
    loaded = load_case(delivered_file(given, "tick-1"))
    assert isinstance(loaded, Loaded) and loaded.checklist.get("documents") is True
    at.run()  # the same ask, sent again with the next run: answered already
    assert handed(at) is None


def test_a_page_that_keeps_failing_still_saves(monkeypatch) -> None:
    """A page that fails after the sidebar never reaches its end: the run cut short leaves
    the ask to the next one, and after two such runs the sidebar answers it itself."""
    at = open_page("en", {"principal": "12000"})

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("forced failure for the test")

    monkeypatch.setattr(core, "compare", boom)
    ask(at, "failing-1")
    for _ in range(2):  # the click's run, then "try again"
        at.run()
        assert not at.exception and t("error.unexpected", "en") in [e.value for e in at.error]
        assert handed(at) is None and handed(at, state.SAVE_FILE_EARLY) is None
    at.run()  # "try again" once more
    given = handed(at, state.SAVE_FILE_EARLY)
    assert given is not None
    loaded = load_case(delivered_file(given, "failing-1"))
    assert isinstance(loaded, Loaded) and loaded.values.get(PRINCIPAL_KEY) == 12_000
    at.run()
    assert handed(at, state.SAVE_FILE_EARLY) is None and handed(at) is None


def test_a_file_that_cannot_be_made_is_said_calmly_once(monkeypatch) -> None:
    at = open_page("en", {"principal": "12000"})

    def broken() -> object:
        def make() -> bytes:
            raise ValueError("forced failure for the test")

        return make

    monkeypatch.setattr(ui.casefile_ui, "_case_snapshot", broken)
    ask(at, "broken-1")
    at.run()
    assert not at.exception
    assert handed(at) is None
    assert t("casefile.save_failed", "en") in [e.value for e in at.sidebar.error]
    at.run()  # said once; the ask is not tried again (a new click is a new ask)
    assert t("casefile.save_failed", "en") not in [e.value for e in at.sidebar.error]
