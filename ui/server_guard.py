"""What the web server accepts and tells, bounded to what the app needs (``serve.py`` installs it).

Streamlit 1.67 serves on Starlette and uvicorn. Four things there hold more, or say more,
than this app needs; :func:`install` changes them, once, before the server starts:

- **Request bodies.** The only body the app takes is a case file (at most
  ``ui.casefile.MAX_BYTES``), through the uploader's ``PUT /_stcore/upload_file/...``.
  Streamlit refuses a ``Content-Length`` over ``server.maxUploadSize``, but a body sent
  without one (``Transfer-Encoding: chunked``) is read up to that limit plus 1 MiB before it
  is refused, and Starlette's form parser spools a file part over 1 MiB into a temporary
  file on disk (Python's ``SpooledTemporaryFile``: an unlinked file, ``O_TMPFILE``, that no
  directory listing shows). :class:`BodyLimit`, the outermost middleware, refuses any
  request whose body is larger than ``server.maxUploadSize`` with 413: on its
  ``Content-Length`` before a byte of the body is read, and otherwise while the body
  streams in, as soon as it passes the limit, so the parser never sees more than the limit.
  The parser's spool threshold is raised to at least the limit as well, so a body that is
  accepted stays in memory: nothing an upload sends is written to disk.
- **Files held per session.** Streamlit keeps every file a session uploads, under any id
  the client names, until the session ends: a client could send a thousand 1 MiB files
  into its own session. A session keeps its :data:`UPLOADS_PER_SESSION` newest files; an
  older one is dropped when a newer one arrives (the app's uploader takes one file, and
  the page only ever reads the latest).
- **The metrics endpoint.** ``/_stcore/metrics`` tells whoever asks how many sessions are
  open and how many bytes of uploads are held; Streamlit has no option to switch it off.
  It answers only a client on the server's own loopback (uvicorn replaces the address
  with the one in ``X-Forwarded-For`` when a proxy on loopback sends it), so a check
  from inside the container still works and the public gets 404.
- **What every session is told.** Streamlit's ``new_session`` message carries the main
  script's absolute path, the Python version, the server's operating system and ids
  derived from the machine. The page uses them only to name the app for usage statistics
  (off here) and to notice that the app changed; the script's file name does the same job,
  and the rest is sent empty. The Streamlit version stays: the page compares it across
  reconnections to reload itself after an upgrade, and the page's own script states it
  anyway.
"""

from __future__ import annotations

import functools
import ipaddress
import threading
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, Final

from starlette.formparsers import MultiPartParser
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from streamlit.web.server.starlette import starlette_app

UPLOADS_PER_SESSION: Final = 4
"""Files one session keeps at most; the oldest goes when another arrives (the app reads one)."""
METRICS_PATH: Final = "/_stcore/metrics"
"""Streamlit's metrics endpoint, under the server's base path."""
MIB: Final = 1024 * 1024
"""``server.maxUploadSize`` counts in these (Streamlit's own check multiplies by it)."""

_REFUSED: Final = {
    413: b"Request body too large",
    404: b"Not Found",
}
_LOCK = threading.Lock()
_installed = False


def upload_limit_bytes() -> int:
    """The largest request body accepted: ``server.maxUploadSize`` in bytes."""
    return int(config.get_option("server.maxUploadSize")) * MIB


def metrics_path() -> str:
    """``/_stcore/metrics`` under ``server.baseUrlPath`` (empty by default)."""
    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{METRICS_PATH}" if base else METRICS_PATH


def on_loopback(scope: Scope) -> bool:
    """Whether the request comes from this machine's loopback (after uvicorn's proxy rule)."""
    client = scope.get("client")
    if not client:
        return False
    try:
        address = ipaddress.ip_address(str(client[0]))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


class BodyTooLarge(Exception):
    """Raised into the app when a streamed body passes the limit; answered with 413."""


async def refuse(send: Send, status: int) -> None:
    """A short plain-text answer that closes the connection (the rest of a body is unread)."""
    body = _REFUSED[status]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """ASGI middleware: no request body over ``limit`` bytes is read; metrics for loopback only.

    A ``Content-Length`` over the limit (or not a number) is answered at once, before the
    body is read. A body without one is counted as it arrives: the message that takes it
    past the limit is never handed on; :class:`BodyTooLarge` is raised into the app instead
    (Starlette's form parser closes what it opened) and the client gets 413.
    """

    def __init__(self, app: ASGIApp, limit: int, metrics: str) -> None:
        self.app = app
        self.limit = limit
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", "")).rstrip("/")
        if path == self.metrics and not on_loopback(scope):
            await refuse(send, 404)
            return
        declared = self.declared_length(scope)
        if declared is None or declared > self.limit:
            await refuse(send, 413)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(received)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if started:
                raise
            await refuse(send, 413)

    @staticmethod
    def declared_length(scope: Scope) -> int | None:
        """The request's ``Content-Length`` (0 when absent); None when it is not a number."""
        for name, value in scope.get("headers", ()):
            if name.lower() == b"content-length":
                text = value.decode("latin-1").strip()
                return int(text) if text.isdigit() else None
        return 0


def _with_body_limit(factory: Callable[[], list[Middleware]]) -> Callable[[], list[Middleware]]:
    """Streamlit's middleware list with :class:`BodyLimit` first (outermost)."""

    @functools.wraps(factory)
    def middleware() -> list[Middleware]:
        limit = upload_limit_bytes()
        # A file part over the spool size would go to disk; none over the limit gets through.
        MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, limit)
        return [Middleware(BodyLimit, limit=limit, metrics=metrics_path()), *factory()]

    return middleware


def _keeping_newest(add_file: Callable[..., None]) -> Callable[..., None]:
    """``add_file`` that then drops the session's oldest files beyond the newest few."""

    @functools.wraps(add_file)
    def add(self: MemoryUploadedFileManager, session_id: str, file: UploadedFileRec) -> None:
        add_file(self, session_id, file)
        with self._lock:  # the manager's own lock: uploads arrive on several threads
            held = list(self.file_storage.get(session_id, {}))
        for file_id in held[:-UPLOADS_PER_SESSION]:
            self.remove_file(session_id, file_id)

    return add


def scrub(message: ForwardMsg) -> ForwardMsg:
    """A ``new_session`` message without the script's folder, interpreter, system or machine."""
    new_session = message.new_session
    new_session.main_script_path = PurePath(new_session.main_script_path).name
    environment = new_session.initialize.environment_info
    environment.python_version = ""
    environment.server_os = ""
    environment.has_display = False
    user = new_session.initialize.user_info
    user.installation_id = ""
    user.installation_id_v3 = ""
    user.installation_id_v4 = ""
    return message


def _scrubbed(create: Callable[..., ForwardMsg]) -> Callable[..., ForwardMsg]:
    @functools.wraps(create)
    def new_session_message(self: AppSession, *args: Any, **kwargs: Any) -> ForwardMsg:
        return scrub(create(self, *args, **kwargs))

    return new_session_message


def install() -> bool:
    """Put the guards in place before Streamlit builds its server; True the first time only."""
    global _installed
    with _LOCK:
        if _installed:
            return False
        starlette_app.create_streamlit_middleware = _with_body_limit(  # type: ignore[assignment]
            starlette_app.create_streamlit_middleware
        )
        MemoryUploadedFileManager.add_file = _keeping_newest(  # type: ignore[method-assign]
            MemoryUploadedFileManager.add_file
        )
        AppSession._create_new_session_message = _scrubbed(  # type: ignore[method-assign]
            AppSession._create_new_session_message
        )
        _installed = True
        return True
