"""A browser tab without the browser: one Streamlit session driven over its websocket.

The app's page in a browser talks to the server over one websocket,
``ws://HOST:PORT/_stcore/stream``, offering the subprotocols ``streamlit`` and an auth
token (Streamlit 1.67's frontend sends a placeholder when it has none). It sends protobuf
``BackMsg`` messages and receives ``ForwardMsg`` messages (``streamlit.proto``). A page load
and a widget's new value are the same message, ``BackMsg.rerun_script`` (a ``ClientState``):
the page's query string, the page's script hash, the widgets' values and the browser's context
(locale, time zone, URL). A slider's value travels as a ``double_array_value`` (one number for
a single slider); a number input's as a ``double_value`` (Chromium sends a box of whole
numbers an ``int_value``; the server takes either). The server answers each rerun with
``new_session``, ``navigation`` (the page that ran), the page's elements as ``delta``
messages, ``page_info_changed`` when the app rewrote the query string, and
``script_finished``; ``session_status_changed`` says when the script runs and stops.

:class:`Session` does what the frontend does for these messages, and no more: it keeps the
query string and page hash the server last sent and sends them back, offers the hashes of
cacheable messages it holds and substitutes ``ref_hash`` messages from them, and sends the
context of an English browser in Shanghai. A rerun sends only the widget being changed (the
frontend sends every widget's value; the server keeps each widget's last value, so the page
computed is the same). A widget is found by its user key among the sliders and number inputs
of the last run that drew any (a rerun of the home page's results fragment draws no sidebar).
Each message is timestamped with ``time.perf_counter()`` as it arrives, by one reader task per
session, so a :class:`Run` says when its charts and its end arrived.

Beyond what a browser would send, :meth:`Session.widget_state` and :meth:`Session.send` let a
test send any value (of any type) for any widget the page drew (every kind, by user key, in
:attr:`Session.widgets`), and :meth:`Session.upload` puts a file to Streamlit's upload endpoint
as the file uploader's script does (``file_urls_request``, then an HTTP ``PUT``), whatever
its name: the hostile clients of ``tests/test_hostile_widgets.py``. Components and download
buttons are kept by user key with what the server gave them (:attr:`Session.components`,
:attr:`Session.downloads`); :meth:`Session.deferred_file` asks for a deferred download's file
as the browser's click does (a ``backend_operation_request``) and :meth:`Session.fetch` gets
an address of the app's server over HTTP.

Nothing here knows the app: :mod:`bench_load` checks what the replies say.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.cookies
import itertools
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from google.protobuf.message import DecodeError  # type: ignore[import-untyped]
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.BidiComponent_pb2 import BidiComponent
from streamlit.proto.DownloadButton_pb2 import DownloadButton
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.typing import Origin, Subprotocol

from ui.live_chart import COMPONENT_NAME

STREAM_PATH = "/_stcore/stream"
HEALTH_PATH = "/_stcore/health"
# What Streamlit 1.67's frontend offers when it holds no XSRF cookie or host token.
SUBPROTOCOLS = (Subprotocol("streamlit"), Subprotocol("PLACEHOLDER_AUTH_TOKEN"))
FINISHED_SUCCESSFULLY = ForwardMsg.FINISHED_SUCCESSFULLY
# A new principal or lever value on the home page reruns only its results fragment (app.py).
FINISHED_FRAGMENT_RUN_SUCCESSFULLY = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
_FINISHED_EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN
_DEFAULT_MAX_CACHED_AGE = 2  # runs; the server says its own in new_session.config
XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's cookie; an upload repeats it in X-Xsrftoken
_NOTICES = (Alert.INFO, Alert.WARNING, Alert.SUCCESS)


def widget_key(widget_id: str) -> str | None:
    """The user key inside a widget id (``$$ID-<hash>-<key>``), or None for no key."""
    prefix, _, rest = widget_id.partition("-")
    _, _, key = rest.partition("-")
    return key if prefix == "$$ID" and key and key != "None" else None


@dataclass(frozen=True, slots=True)
class WidgetRef:
    """A widget the page drew: its id and its kind (the ``Element`` or ``Block`` field)."""

    id: str
    kind: str


def widget_ref(kind: str | None, message: Any) -> WidgetRef | None:
    """The widget inside an element's or block's ``kind`` field, if it has a widget id."""
    if kind is None or "id" not in message.DESCRIPTOR.fields_by_name:
        return None
    widget_id = message.id
    return WidgetRef(widget_id, kind) if widget_id.startswith("$$ID") else None


@dataclass(slots=True)
class Chart:
    """A Plotly chart as it arrived: its figure's JSON and when (``perf_counter`` s)."""

    at: float
    spec: str


@dataclass(slots=True)
class Run:
    """One rerun: what the server sent back for one ``rerun_script``, with arrival times.

    Times are ``time.perf_counter()`` seconds. Elements are those of the last script run the
    rerun caused (an ``st.rerun`` inside the app starts the lists again).
    """

    sent: float
    started: float | None = None  # new_session: the server began the script
    finished: float | None = None  # the last script_finished (not an early one)
    idle: float | None = None  # session_status_changed: no longer running
    status: int | None = None  # ForwardMsg.ScriptFinishedStatus
    charts: list[Chart] = field(default_factory=list)
    metrics: list[tuple[str, str]] = field(default_factory=list)  # (label, value shown)
    exceptions: list[str] = field(default_factory=list)  # messages of exception elements
    errors: list[str] = field(default_factory=list)  # bodies of st.error alerts
    notices: list[str] = field(default_factory=list)  # bodies of info, warning, success alerts
    widgets: dict[str, WidgetRef] = field(default_factory=dict)  # every keyed widget, by key
    sliders: dict[str, Slider] = field(default_factory=dict)  # by user key
    number_inputs: dict[str, NumberInput] = field(default_factory=dict)  # by user key
    components: dict[str, BidiComponent] = field(default_factory=dict)  # by user key
    downloads: dict[str, DownloadButton] = field(default_factory=dict)  # by user key
    elements: int = 0
    messages: int = 0
    received_bytes: int = 0
    error: str | None = None  # the connection dropped or no reply came in time
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def restart(self, at: float) -> None:
        """A script run began: the page is drawn anew."""
        self.started = at
        self.charts.clear()
        self.metrics.clear()
        self.exceptions.clear()
        self.errors.clear()
        self.notices.clear()
        self.widgets.clear()
        self.sliders.clear()
        self.number_inputs.clear()
        self.components.clear()
        self.downloads.clear()
        self.elements = 0

    def ms(self, at: float | None) -> float | None:
        """Milliseconds from sending the rerun to ``at``."""
        return None if at is None else (at - self.sent) * 1000

    @property
    def to_last_chart_ms(self) -> float | None:
        return self.ms(self.charts[-1].at) if self.charts else None

    @property
    def to_finished_ms(self) -> float | None:
        return self.ms(self.finished)


class SessionError(RuntimeError):
    """The session could not be opened or used (refused, dropped, busy)."""


class Session:
    """One simulated browser tab on a Streamlit app: ``async with Session(url) as s: ...``.

    ``timeout`` bounds opening the connection and each rerun's reply (seconds);
    ``query_string`` is the address's query as the tab opens it (a share link's, without ``?``);
    ``page_name`` the page's address (``contact_log`` for ``pages/2_contact_log.py``).
    """

    def __init__(
        self,
        base_url: str,
        *,
        locale: str = "en-US",
        timezone: str = "Asia/Shanghai",
        timezone_offset: int = -480,  # minutes, as JavaScript's getTimezoneOffset() says
        timeout: float = 30.0,
        query_string: str = "",
        page_name: str = "",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.locale = locale
        self.timezone = timezone
        self.timezone_offset = timezone_offset
        self.timeout = timeout
        self.query_string = query_string  # the page's, as opened (a share link's); then the app's
        self.page_name = page_name  # the page's address as opened (``contact_log``; "" the home)
        self.page_script_hash = ""
        self.session_id: str | None = None
        self.sliders: dict[str, Slider] = {}  # from the last finished run that drew any
        self.number_inputs: dict[str, NumberInput] = {}  # likewise
        self.widgets: dict[str, WidgetRef] = {}  # every keyed widget any run drew, by key
        self.components: dict[str, BidiComponent] = {}  # likewise, as last drawn
        self.downloads: dict[str, DownloadButton] = {}  # likewise, as last drawn
        self.closed_reason: str | None = None  # why the connection ended, if it did
        self._closing = False
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._run: Run | None = None
        self._runs_finished = 0
        self._max_cached_age = _DEFAULT_MAX_CACHED_AGE
        self._cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash → (message, last run used)
        self._file_urls: dict[str, asyncio.Future[ForwardMsg]] = {}  # request id → reply
        self._request_ids = itertools.count(1)
        self._operations: dict[str, asyncio.Future[ForwardMsg]] = {}  # request id → reply

    # --- connection ---------------------------------------------------------------------

    async def open(self) -> None:
        url = "ws" + self.base_url.removeprefix("http") + STREAM_PATH
        try:
            self._ws = await connect(
                url,
                subprotocols=list(SUBPROTOCOLS),
                origin=Origin(self.base_url),
                max_size=None,  # a page's messages are as large as the server sends them
                ping_interval=None,  # browsers send no protocol pings (the server does)
                open_timeout=self.timeout,
            )
        except (OSError, InvalidHandshake, TimeoutError) as error:
            raise SessionError(f"could not connect to {url}: {error!r}") from error
        self._reader = asyncio.create_task(self._read(), name="streamlit-session-reader")

    async def close(self) -> None:
        """Close the websocket (as a closed tab does) and wait for the reader to stop."""
        self._closing = True
        if self._ws is not None:
            with contextlib.suppress(ConnectionClosed, OSError):
                await self._ws.close()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        self._ws = None
        self._reader = None

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    # --- reruns ---------------------------------------------------------------------------

    async def load(self) -> Run:
        """The page load: the first rerun, with no widget values yet."""
        return await self.rerun()

    async def set_slider(self, key: str, value: float) -> Run:
        """Move the slider with user key ``key`` to ``value`` (as its release does)."""
        slider = self.sliders.get(key)
        if slider is None:
            raise SessionError(f"no slider with key {key!r} on the page")
        states = WidgetStates()
        state = states.widgets.add()
        state.id = slider.id
        state.double_array_value.data.append(value)
        return await self.rerun(states)

    async def set_number(self, key: str, value: float) -> Run:
        """Type ``value`` into the number input with user key ``key`` (as Enter or leaving
        the box does). Streamlit reads every number input's value as a ``double_value``; an
        input of whole numbers must still be sent a whole number."""
        number = self.number_inputs.get(key)
        if number is None:
            raise SessionError(f"no number input with key {key!r} on the page")
        if number.data_type == NumberInput.INT and not float(value).is_integer():
            raise SessionError(f"number input {key!r} takes whole numbers, not {value!r}")
        states = WidgetStates()
        state = states.widgets.add()
        state.id = number.id
        state.double_value = float(value)
        return await self.rerun(states)

    def widget_state(self, key: str) -> WidgetState:
        """A state for the widget with user key ``key`` (any kind the page drew), with no value
        yet: set any one of its value fields, of any type, and :meth:`send` it."""
        widget = self.widgets.get(key)
        if widget is None:
            raise SessionError(f"no widget with key {key!r} on the page")
        return WidgetState(id=widget.id)

    async def send(self, *states: WidgetState) -> Run:
        """A rerun carrying exactly ``states`` (whatever their ids and values)."""
        widget_states = WidgetStates()
        widget_states.widgets.extend(states)
        return await self.rerun(widget_states)

    async def upload(self, name: str, data: bytes, content_type: str = "text/plain") -> str:
        """Put a file named ``name`` where this session's file uploader would; its file id.

        As the browser's uploader does: a ``file_urls_request`` over the websocket, then an
        HTTP ``PUT`` of a multipart form to the address the server gives, with the XSRF cookie
        the server sets repeated in the ``X-Xsrftoken`` header. The name is not checked
        against any uploader's accepted types (the browser's file dialog is what filters).
        Tell the widget about it with :meth:`file_state`.
        """
        if self._ws is None or self.session_id is None:
            raise SessionError("the session is not open or has not loaded the page")
        request_id = str(next(self._request_ids))
        reply: asyncio.Future[ForwardMsg] = asyncio.get_running_loop().create_future()
        self._file_urls[request_id] = reply
        message = BackMsg()
        message.file_urls_request.request_id = request_id
        message.file_urls_request.session_id = self.session_id
        message.file_urls_request.file_names.append(name)
        try:
            await self._ws.send(message.SerializeToString())
            async with asyncio.timeout(self.timeout):
                answer = await reply
        finally:
            self._file_urls.pop(request_id, None)
        urls = answer.file_urls_response.file_urls
        if answer.file_urls_response.error_msg or not urls:
            raise SessionError(f"no upload address: {answer.file_urls_response.error_msg!r}")
        target = urls[0]
        await asyncio.to_thread(self._put, target.upload_url, name, data, content_type)
        return str(target.file_id)

    def _put(self, upload_url: str, name: str, data: bytes, content_type: str) -> None:
        # The frontend gets the cookie from the health check, as here.
        with urllib.request.urlopen(f"{self.base_url}{HEALTH_PATH}", timeout=self.timeout) as reply:
            cookies = http.cookies.SimpleCookie(reply.headers.get("Set-Cookie", ""))
        token = cookies[XSRF_COOKIE].value if XSRF_COOKIE in cookies else ""
        boundary = uuid.uuid4().hex
        body = b"".join(
            (
                f"--{boundary}\r\n".encode(),
                b'Content-Disposition: form-data; name="file"; filename="',
                name.encode("utf-8").replace(b'"', b"%22"),
                f'"\r\nContent-Type: {content_type}\r\n\r\n'.encode(),
                data,
                f"\r\n--{boundary}--\r\n".encode(),
            )
        )
        url = upload_url if "://" in upload_url else f"{self.base_url}{upload_url}"
        request = urllib.request.Request(url, data=body, method="PUT")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        if token:
            request.add_header("Cookie", f"{XSRF_COOKIE}={token}")
            request.add_header("X-Xsrftoken", token)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout):
                pass
        except urllib.error.HTTPError as error:
            raise SessionError(f"upload refused: HTTP {error.code}") from error

    async def deferred_file(self, file_id: str) -> str:
        """The address of a deferred download's file (``DownloadButton.deferred_file_id``), as
        the browser's click asks for it: a ``backend_operation_request`` over the websocket,
        whose answer is the address the file is then fetched from (see :meth:`fetch`).
        Raises :class:`SessionError` with the server's message when it made no file."""
        if self._ws is None or self.session_id is None:
            raise SessionError("the session is not open or has not loaded the page")
        request_id = f"op-{next(self._request_ids)}"
        answer: asyncio.Future[ForwardMsg] = asyncio.get_running_loop().create_future()
        self._operations[request_id] = answer
        message = BackMsg()
        request = message.backend_operation_request
        request.request_id = request_id
        request.session_id = self.session_id
        request.deferred_file.file_id = file_id
        try:
            await self._ws.send(message.SerializeToString())
            async with asyncio.timeout(self.timeout):
                reply = (await answer).backend_operation_response
        finally:
            self._operations.pop(request_id, None)
        if reply.error_msg or not reply.deferred_file.url:
            raise SessionError(f"no file: {reply.error_msg!r}")
        return str(reply.deferred_file.url)

    async def fetch(self, path: str) -> tuple[int, bytes]:
        """GET ``path`` (an address on the app's server, such as a media file's) over HTTP:
        the status and the body (an error's body too)."""
        url = path if "://" in path else f"{self.base_url}{path}"
        return await asyncio.to_thread(self._get, url)

    def _get(self, url: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                return int(response.status), bytes(response.read())
        except urllib.error.HTTPError as error:
            return int(error.code), bytes(error.read())

    def file_state(self, key: str, file_id: str, name: str, size: int) -> WidgetState:
        """The state of the file uploader with user key ``key`` naming one uploaded file."""
        state = self.widget_state(key)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id = file_id
        info.name = name
        info.size = size
        return state

    async def rerun(self, widget_states: WidgetStates | None = None) -> Run:
        """Send one ``rerun_script`` and wait for the script to finish (or ``timeout``)."""
        if self._ws is None:
            raise SessionError("the session is not open")
        if self._run is not None and not self._run.done.is_set():
            raise SessionError("a rerun is still running")
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        if not self.page_script_hash:  # the first load names the page by its address
            state.page_name = self.page_name
        if widget_states is not None:
            state.widget_states.CopyFrom(widget_states)
        state.cached_message_hashes.extend(self._cached_hashes())
        context = state.context_info
        context.timezone = self.timezone
        context.timezone_offset = self.timezone_offset
        context.locale = self.locale
        context.url = f"{self.base_url}/{self.page_name}" + (
            f"?{self.query_string}" if self.query_string else ""
        )
        context.is_embedded = False
        context.color_scheme = "light"
        payload = message.SerializeToString()
        run = Run(sent=time.perf_counter())
        self._run = run
        if self.closed_reason is not None:
            run.error = self.closed_reason
            run.done.set()
            return run
        try:
            await self._ws.send(payload)
            async with asyncio.timeout(self.timeout):
                await run.done.wait()
        except TimeoutError:
            run.error = f"no reply within {self.timeout:g} s"
            run.done.set()
        except ConnectionClosed as error:
            run.error = f"disconnected: {error}"
            run.done.set()
        return run

    # --- receiving --------------------------------------------------------------------------

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for data in self._ws:
                at = time.perf_counter()
                if isinstance(data, str):
                    raise SessionError("the server sent a text frame")
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(self._resolve(message), at, len(data))
            self.closed_reason = "closed" if self._closing else "disconnected by the server"
        except ConnectionClosed as error:
            self.closed_reason = "closed" if self._closing else f"disconnected: {error}"
        except (SessionError, DecodeError) as error:  # a broken message ends the session
            self.closed_reason = f"bad message: {error!r}"
        finally:
            run = self._run
            if run is not None and not run.done.is_set():
                run.error = self.closed_reason or "disconnected"
                run.done.set()

    def _resolve(self, message: ForwardMsg) -> ForwardMsg:
        """Keep cacheable messages; replace a ``ref_hash`` by the message it names."""
        if message.WhichOneof("type") == "ref_hash":
            cached = self._cache.get(message.ref_hash)
            if cached is None:
                raise SessionError(f"the server referred to an unknown message {message.ref_hash}")
            full = ForwardMsg()
            full.CopyFrom(cached[0])
            full.metadata.CopyFrom(message.metadata)
            self._cache[message.ref_hash] = (cached[0], self._runs_finished)
            return full
        if message.metadata.cacheable and message.hash:
            kept = ForwardMsg()
            kept.CopyFrom(message)
            kept.ClearField("metadata")
            self._cache[message.hash] = (kept, self._runs_finished)
        return message

    def _cached_hashes(self) -> list[str]:
        oldest = self._runs_finished - self._max_cached_age
        self._cache = {h: entry for h, entry in self._cache.items() if entry[1] >= oldest}
        return list(self._cache)

    def _handle(self, message: ForwardMsg, at: float, size: int) -> None:
        kind = message.WhichOneof("type")
        self._follow(kind, message)
        run = self._run
        if run is None:
            return
        if run.done.is_set():  # what follows the end of a run: its "not running" status
            if kind == "session_status_changed" and run.idle is None:
                run.idle = None if message.session_status_changed.script_is_running else at
            return
        run.messages += 1
        run.received_bytes += size
        if kind == "new_session":
            run.restart(at)  # also after an st.rerun inside the app: the last page counts
        elif run.started is None:
            return  # left over from before this rerun
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(run, message.delta.new_element, at)
        elif kind == "delta" and message.delta.WhichOneof("type") == "add_block":
            block = message.delta.add_block
            block_kind = block.WhichOneof("type")
            self._widget(
                run, widget_ref(block_kind, getattr(block, block_kind) if block_kind else None)
            )
        elif kind == "script_finished" and message.script_finished != _FINISHED_EARLY_FOR_RERUN:
            run.finished = at
            run.status = message.script_finished
            self._runs_finished += 1
            if run.sliders:
                self.sliders = dict(run.sliders)
            if run.number_inputs:
                self.number_inputs = dict(run.number_inputs)
            self.widgets.update(run.widgets)
            self.components.update(run.components)
            self.downloads.update(run.downloads)
            run.done.set()

    def _follow(self, kind: str | None, message: ForwardMsg) -> None:
        """Keep what the frontend keeps: the query string, the page, the cache's age."""
        if kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "navigation":  # the page that ran (new_session names the main script)
            self.page_script_hash = message.navigation.page_script_hash or self.page_script_hash
        elif kind == "file_urls_response":  # the answer to an upload's request (``upload``)
            reply = self._file_urls.get(message.file_urls_response.response_id)
            if reply is not None and not reply.done():
                reply.set_result(message)
        elif kind == "backend_operation_response":  # a deferred file's (``deferred_file``)
            answer = self._operations.get(message.backend_operation_response.request_id)
            if answer is not None and not answer.done():
                answer.set_result(message)
        elif kind == "new_session":
            new_session = message.new_session
            self.page_script_hash = new_session.page_script_hash
            self.session_id = new_session.initialize.session_id or self.session_id
            if new_session.config.max_cached_message_age:
                self._max_cached_age = new_session.config.max_cached_message_age

    @staticmethod
    def _widget(run: Run, widget: WidgetRef | None) -> None:
        key = None if widget is None else widget_key(widget.id)
        if widget is not None and key is not None:
            run.widgets[key] = widget

    @staticmethod
    def _keep(run: Run, element: Element) -> None:
        """Keep a keyed component or download button as the server gave it."""
        kind = element.WhichOneof("type")
        if kind == "bidi_component" and (key := widget_key(element.bidi_component.id)):
            run.components[key] = element.bidi_component
        elif kind == "download_button" and (key := widget_key(element.download_button.id)):
            run.downloads[key] = element.download_button

    @classmethod
    def _element(cls, run: Run, element: Element, at: float) -> None:
        run.elements += 1
        kind = element.WhichOneof("type")
        cls._widget(run, widget_ref(kind, getattr(element, kind) if kind else None))
        cls._keep(run, element)
        if kind == "plotly_chart":
            run.charts.append(Chart(at, element.plotly_chart.spec))
        elif kind == "bidi_component" and element.bidi_component.component_name == COMPONENT_NAME:
            # The home page's charts (``ui.live_chart``): the figure is in the component's data.
            figure = json.loads(element.bidi_component.json)["figure"]
            run.charts.append(Chart(at, json.dumps(figure)))
        elif kind == "metric":
            run.metrics.append((element.metric.label, element.metric.body))
        elif kind == "exception":
            run.exceptions.append(element.exception.message or element.exception.type)
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            run.errors.append(element.alert.body)
        elif kind == "alert" and element.alert.format in _NOTICES:
            run.notices.append(element.alert.body)
        elif kind == "slider":
            key = widget_key(element.slider.id)
            if key is not None:
                run.sliders[key] = element.slider
        elif kind == "number_input":
            key = widget_key(element.number_input.id)
            if key is not None:
                run.number_inputs[key] = element.number_input
