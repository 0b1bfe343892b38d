"""``ui.server_guard``'s pieces in this process (the served app is tried in
``tests/test_hostile_server.py``; its server runs in another process, out of this one's sight).

The body limit is driven as uvicorn drives it: an ASGI scope, a ``receive`` handing the body
in parts and a ``send`` recording the answer, around an app that reads the whole body.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import pytest
from starlette.formparsers import MultiPartParser
from starlette.middleware import Middleware
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from ui import server_guard
from ui.server_guard import (
    METRICS_PATH,
    UPLOADS_PER_SESSION,
    BodyLimit,
    on_loopback,
    scrub,
)

LIMIT = 1_000


def drive(start: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run ``start()``'s coroutine to the end on a fresh event loop in a thread of its own.

    A browser test's Playwright (sync API, session-wide) leaves an event loop marked running in
    this thread, where ``asyncio.run`` refuses to start; the coroutine is made in the worker so
    it is never left un-awaited."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(lambda: asyncio.run(start())).result()


def http(path: str = "/_stcore/upload_file/s/f", client: str = "203.0.113.9", **headers: str):
    return {
        "type": "http",
        "path": path,
        "client": (client, 50_000),
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }


class Exchange:
    """One request through :class:`BodyLimit` to an app that reads the body, then answers 200."""

    def __init__(self, parts: list[bytes]) -> None:
        self.parts = list(parts)
        self.sent: list[MutableMapping[str, Any]] = []
        self.read = 0  # bytes the app was handed

    async def receive(self) -> dict[str, Any]:
        body = self.parts.pop(0) if self.parts else b""
        return {"type": "http.request", "body": body, "more_body": bool(self.parts)}

    async def send(self, message: MutableMapping[str, Any]) -> None:
        self.sent.append(message)

    async def app(self, scope: Any, receive: Any, send: Any) -> None:
        more = True
        while more:
            message = await receive()
            self.read += len(message.get("body", b""))
            more = message.get("more_body", False)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    def run(self, scope: dict[str, Any]) -> int:
        guard = BodyLimit(self.app, limit=LIMIT, metrics=METRICS_PATH)
        drive(lambda: guard(scope, self.receive, self.send))
        return int(self.sent[0]["status"])


@pytest.mark.parametrize(
    "parts, headers, status, most_read",
    [
        ([b"x" * LIMIT], {"content_length": str(LIMIT)}, 200, LIMIT),
        ([b"x" * 600, b"x" * 400], {}, 200, LIMIT),  # chunked, at the limit
        ([b"x" * (LIMIT + 1)], {"content_length": str(LIMIT + 1)}, 413, 0),  # on the header
        ([b"x" * 10], {"content_length": "ten"}, 413, 0),  # not a number
        ([b"x" * 600, b"x" * 600, b"x" * 600], {}, 413, 600),  # chunked: stopped as it passes
        ([b"x" * 600, b"x" * 600], {"content_length": "100"}, 413, 600),  # a lying length
    ],
)
def test_no_body_over_the_limit_reaches_the_app(
    parts: list[bytes], headers: dict[str, str], status: int, most_read: int
):
    exchange = Exchange(parts)
    assert exchange.run(http(**headers)) == status
    assert exchange.read <= most_read
    if status == 413:
        assert exchange.sent[-1]["body"] == b"Request body too large"


def test_a_websocket_passes_untouched():
    seen: list[str] = []
    exchange = Exchange([])

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    guard = BodyLimit(app, limit=LIMIT, metrics=METRICS_PATH)
    drive(lambda: guard({"type": "websocket"}, exchange.receive, exchange.send))
    assert seen == ["websocket"] and not exchange.sent


@pytest.mark.parametrize(
    "client, shown",
    [("127.0.0.1", True), ("::1", True), ("::ffff:127.0.0.1", True), ("203.0.113.9", False)],
)
def test_metrics_answer_only_on_loopback(client: str, shown: bool):
    for path in (METRICS_PATH, METRICS_PATH + "/"):
        exchange = Exchange([])
        assert exchange.run(http(path, client)) == (200 if shown else 404)


@pytest.mark.parametrize("client", [None, ("not an address", 1)])
def test_an_unknown_client_is_not_loopback(client: Any):
    assert not on_loopback({"type": "http", "client": client})


def test_the_middleware_comes_first_and_keeps_bodies_in_memory(monkeypatch):
    monkeypatch.setattr(MultiPartParser, "spool_max_size", 1024 * 1024)
    inner = Middleware(BodyLimit, limit=1, metrics="/m")  # any middleware of Streamlit's
    built = server_guard._with_body_limit(lambda: [inner])()
    assert cast(Any, built[0].cls) is BodyLimit and built[1] is inner
    assert built[0].kwargs["limit"] == server_guard.upload_limit_bytes()
    assert MultiPartParser.spool_max_size >= server_guard.upload_limit_bytes()


def test_a_session_keeps_only_its_newest_uploads():
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    add = server_guard._keeping_newest(MemoryUploadedFileManager.add_file)
    for number in range(UPLOADS_PER_SESSION + 3):
        add(manager, "s", UploadedFileRec(f"f{number}", "case.json", "application/json", b"{}"))
    add(manager, "other", UploadedFileRec("o", "case.json", "application/json", b"{}"))
    held = list(manager.file_storage["s"])
    assert held == [f"f{n}" for n in range(3, UPLOADS_PER_SESSION + 3)]
    assert list(manager.file_storage["other"]) == ["o"]


def test_a_new_session_message_tells_no_folder_interpreter_or_machine():
    message = ForwardMsg()
    new_session = message.new_session
    new_session.main_script_path = "/srv/secret/place/app.py"
    new_session.initialize.environment_info.python_version = "3.11.7"
    new_session.initialize.environment_info.streamlit_version = "1.67.0"
    new_session.initialize.environment_info.server_os = "Linux"
    new_session.initialize.user_info.installation_id = "abc"
    scrubbed = server_guard._scrubbed(lambda _self: message)(None)  # type: ignore[arg-type]
    assert scrubbed is scrub(message)
    assert scrubbed.new_session.main_script_path == "app.py"
    info = scrubbed.new_session.initialize
    assert info.environment_info.python_version == "" and info.environment_info.server_os == ""
    assert info.environment_info.streamlit_version == "1.67.0"  # the page reloads on upgrade
    assert info.user_info.installation_id == ""
