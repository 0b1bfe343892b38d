"""Hold under abuse (issue 16, points 2, 7 and 9): what the web server accepts, stores and tells.

Each test sends what a hostile client would, at the protocol level, to the app served on
loopback by ``serve.py`` (a server of this module's own, so that the files it holds open and
the uploads it keeps are this module's alone):

- **Nothing on disk for uploads** (point 7). Upload bodies of 0.9 MiB, 1.5 MiB and 20 MiB,
  each with a ``Content-Length`` and sent chunked without one, and 1.5 MiB chunked under a
  ``Content-Length`` that says 100 bytes. While each is sent, a thread reads every descriptor
  the server holds, round after round (each body pauses just past 1 MiB, where Starlette's
  form parser spills a file part to disk, until the thread has read hundreds more rounds).
  The server must never open a regular file it did not hold before: no unlinked
  ``O_TMPFILE`` file such as ``/tmp/#1234 (deleted)``. The 0.9 MiB bodies are taken and
  every larger one is refused with 413 (or its connection is cut before the whole body was
  taken).
- **Bounded memory** (point 2). Ten uploads into one session leave at most
  ``ui.server_guard.UPLOADS_PER_SESSION`` files held (Streamlit's own count, from the metrics
  endpoint on loopback). A websocket frame whose header announces more than
  ``server.maxMessageSize`` (25 MB, the size Streamlit checked only after reading a frame
  whole, and the limit plus one byte) is refused from its header: the server closes with
  1009 although the payload was never sent. The largest legitimate message, a rerun carrying
  the whole case as the device store sends it back (about 1.6 MB), still gets its page.
- **What the server tells** (point 9). ``/_stcore/metrics`` answers 404 to a client that is
  not on the server's own loopback (uvicorn takes the client's address from
  ``X-Forwarded-For`` when the connection comes from loopback, as a proxy's does), however
  the path is spelt; every session's ``new_session`` names the script only as ``app.py``,
  with no Python version, operating system or machine ids, while the Streamlit version the
  page compares across reconnections stays.

Hostile messages: 7 upload bodies, 10 uploads into one session, 2 oversize frame headers,
1 near-limit rerun, 6 metrics requests from "outside" and 1 ``new_session`` read: 27.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import json
import os
import platform
import re
import socket
import sys
import threading
import tomllib
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import streamlit
from streamlit.proto.WidgetStates_pb2 import WidgetStates

_ROOT = Path(__file__).resolve().parent.parent

from appserver import running_app, served
from bench_hostile import (
    Probe,
    binary_frame_header,
    body_piece,
    full_case,
    multipart,
    raw_websocket,
    read_status,
    upload_head,
)

from ui import server_guard
from ui.server_guard import UPLOADS_PER_SESSION

T = TypeVar("T")
MIB = 1024 * 1024
LINUX = sys.platform.startswith("linux") and Path("/proc/self/fd").is_dir()
O_TMPFILE_FLAG = 0o20000000  # __O_TMPFILE among /proc/<pid>/fdinfo's flags (octal)
SPOOL_BYTES = 1 * MIB  # Starlette's form parser writes a file part over this to disk
_SERVER = tomllib.loads((_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
MESSAGE_LIMIT = int(_SERVER["server"].get("maxMessageSize", 200)) * 1_000_000
STREAMLIT_FRAME_CHECK = 25_000_000  # server.maxWidgetStateSize: checked on a frame read whole
OUTSIDE = "203.0.113.7"  # a documentation address (RFC 5737): a visitor not on this machine

pytestmark = pytest.mark.skipif(not LINUX, reason="reads the server's /proc entries")


def run_alone(scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """A coroutine on an event loop of its own, in a thread of its own."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app on a loopback server of its own (``serve.py``, the app's config)."""
    with running_app(_ROOT, log_prefix="lnp-hostile-server-") as url:
        yield url


# --- the server's descriptors ------------------------------------------------------------------


def paths_held(pid: int) -> list[tuple[str, int]]:
    """Every descriptor of ``pid`` that names a path (no socket, pipe or anonymous inode):
    its target and its open flags."""
    held: list[tuple[str, int]] = []
    fd_dir = f"/proc/{pid}/fd"
    for name in os.listdir(fd_dir):
        try:
            target = os.readlink(f"{fd_dir}/{name}")
            info = Path(f"/proc/{pid}/fdinfo/{name}").read_text() if target[:1] == "/" else ""
        except OSError:
            continue  # closed meanwhile
        if target.startswith("/"):
            flags = re.search(r"^flags:\s*(\d+)", info, re.MULTILINE)
            held.append((target, int(flags.group(1), 8) if flags else 0))
    return held


@dataclass
class FdWatch:
    """Reads every descriptor of a process, round after round, until stopped."""

    pid: int
    before: set[str]
    rounds: int = 0
    new: set[str] = field(default_factory=set)
    stopped: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stopped.is_set():
            for target, flags in paths_held(self.pid):
                unlinked = target.endswith(" (deleted)") or flags & O_TMPFILE_FLAG
                if unlinked or target not in self.before:
                    self.new.add(f"{target} (flags {flags:o})")
            self.rounds += 1

    def wait_rounds(self, count: int) -> None:
        """Until ``count`` more rounds have been read (the server meanwhile takes what it
        was sent)."""
        goal = self.rounds + count
        while self.rounds < goal and not self.stopped.is_set():
            self.stopped.wait(0.0005)


@contextmanager
def watching(pid: int) -> Iterator[FdWatch]:
    watch = FdWatch(pid, {target for target, _ in paths_held(pid)})
    thread = threading.Thread(target=watch.run, daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        watch.stopped.set()
        thread.join()


# --- an upload as any client can send it -----------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """One upload body: its file's size and how its length is told."""

    size: int
    framing: str  # "length" (Content-Length), "chunked", or "chunked, lying length"

    @property
    def label(self) -> str:
        return f"{self.size / MIB:.1f} MiB, {self.framing}"


def put(url: str, session_id: str, upload: Upload, pause: Callable[[], None]) -> tuple[str, int]:
    """Send ``upload`` to the session's upload address, calling ``pause`` once the body has
    passed the parser's spool size (or before its end); the server's status line (or how the
    connection ended) and the body bytes sent."""
    data = bytes(upload.size)
    head, tail, content_type = multipart(data)
    body_size = len(head) + len(data) + len(tail)
    framing = {
        "length": f"Content-Length: {body_size}",
        "chunked": "Transfer-Encoding: chunked",
        "chunked, lying length": "Transfer-Encoding: chunked\r\nContent-Length: 100",
    }[upload.framing]
    port = int(url.rsplit(":", 1)[1])
    request = upload_head(port, session_id, uuid.uuid4().hex, content_type, framing)
    chunked = upload.framing != "length"
    pause_at = min(SPOOL_BYTES + 256 * 1024, body_size)
    body = head + data + tail
    sent = 0
    ended = ""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        try:
            sock.sendall(request)
            for start, end in ((0, pause_at), (pause_at, len(body))):
                for at in range(start, end, 64 * 1024):
                    piece = body[at : min(at + 64 * 1024, end)]
                    sock.sendall(body_piece(piece, chunked))
                    sent += len(piece)
                if start == 0:
                    pause()
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except OSError as error:
            ended = f"cut ({error.strerror or error})"
        status, failed = read_status(sock)
        if failed:
            ended = ended or f"cut ({failed})"
    return status or ended or "closed", sent


UPLOADS = [
    Upload(int(0.9 * MIB), "length"),
    Upload(int(0.9 * MIB), "chunked"),
    Upload(int(1.5 * MIB), "length"),
    Upload(int(1.5 * MIB), "chunked"),
    Upload(int(1.5 * MIB), "chunked, lying length"),
    Upload(20 * MIB, "length"),
    Upload(20 * MIB, "chunked"),
]


def test_uploads_are_never_written_to_disk_and_oversize_ones_are_refused(server: str) -> None:
    pid = served(server).pid

    async def scenario() -> list[tuple[Upload, str, int, FdWatch]]:
        results = []
        async with Probe(server) as probe:
            await probe.checked(probe.load())
            assert probe.session_id
            # One small upload first: whatever the server loads on its first upload (a module
            # read from disk) is then already held or done with.
            await asyncio.to_thread(put, server, probe.session_id, Upload(1000, "length"), _none)
            for upload in UPLOADS:
                with watching(pid) as watch:
                    status, sent = await asyncio.to_thread(
                        put,
                        server,
                        probe.session_id,
                        upload,
                        functools.partial(watch.wait_rounds, 300),
                    )
                    watch.wait_rounds(50)
                results.append((upload, status, sent, watch))
        return results

    for upload, status, sent, watch in run_alone(scenario):
        assert watch.rounds >= 50, (upload.label, watch.rounds)
        assert watch.new == set(), f"{upload.label}: the server opened {sorted(watch.new)}"
        if upload.size < MIB:
            assert " 204 " in f"{status} ", (upload.label, status)
        else:
            refused = " 413 " in f"{status} " or (status.startswith("cut") and sent < upload.size)
            assert refused, (upload.label, status, sent)


def _none() -> None:
    return None


METRICS_CACHE_S = 5.0  # Streamlit computes cache_memory_bytes at most once in this long


def uploads_held(url: str) -> int:
    """The bytes of uploaded files the server holds now (its metrics, asked from loopback,
    once Streamlit's cached figure has expired)."""
    threading.Event().wait(METRICS_CACHE_S + 0.5)
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as reply:
        text = reply.read().decode()
    found = re.search(
        r'^cache_memory_bytes\{cache_type="UploadedFileManager".*\} (\d+)$', text, re.MULTILINE
    )
    return int(found.group(1)) if found else 0


def test_a_session_keeps_only_its_newest_uploads(server: str) -> None:
    size = 500_000

    async def scenario() -> tuple[int, int]:
        async with Probe(server) as probe:
            await probe.checked(probe.load())
            assert probe.session_id
            before = await asyncio.to_thread(uploads_held, server)
            for _ in range(10):
                status, _ = await asyncio.to_thread(
                    put, server, probe.session_id, Upload(size, "length"), _none
                )
                assert " 204 " in f"{status} ", status
            return before, await asyncio.to_thread(uploads_held, server)

    before, after = run_alone(scenario)
    assert 0 < after - before <= UPLOADS_PER_SESSION * size, (before, after)


# --- websocket frames ---------------------------------------------------------------------------


def frame_header_answer(url: str, announced: int) -> bytes:
    """Open a session's websocket, send only the header of a binary frame announcing
    ``announced`` bytes (no payload), and return the first frame the server sends back
    after that header (the server's close frame if it refuses)."""
    with raw_websocket(url, timeout=30) as sock:
        sock.sendall(binary_frame_header(announced))
        try:
            while True:  # the server's frames: skip its pings, stop at anything else
                head = sock.recv(2, socket.MSG_WAITALL)
                if len(head) < 2:
                    return head
                payload = sock.recv(head[1] & 0x7F, socket.MSG_WAITALL) if head[1] & 0x7F else b""
                if head[0] & 0x0F != 0x9:
                    return head + payload
        except TimeoutError:  # the socket's timeout: nothing but pings for 30 s
            return b"(no answer within 30 s)"


@pytest.mark.parametrize("announced", [STREAMLIT_FRAME_CHECK, MESSAGE_LIMIT + 1])
def test_a_frame_over_the_limit_is_refused_from_its_header(server: str, announced: int) -> None:
    closing = frame_header_answer(server, announced)
    assert closing[:1] == b"\x88", f"no close frame for {announced:,} bytes: {closing!r}"
    assert int.from_bytes(closing[2:4], "big") == 1009, closing


def test_the_largest_legitimate_message_still_gets_its_page(server: str) -> None:
    """The device store sends the kept case back as its value: the whole case as a JSON
    string (quotes and backslashes escaped once more), the app's largest message."""
    case = full_case().decode("utf-8")
    kept = json.dumps({"stored": case})
    assert len(kept.encode()) > 1_500_000

    async def scenario() -> tuple[str | None, int]:
        async with Probe(server) as probe:
            await probe.checked(probe.load())
            states = WidgetStates()
            junk = states.widgets.add()
            junk.id = "$$ID-00000000000000000000000000000000-none"
            junk.json_trigger_value = kept
            run = await probe.rerun(states)
            return run.error, run.status or 0

    error, _ = run_alone(scenario)
    assert error is None, error
    assert len(kept.encode()) * 2 < MESSAGE_LIMIT  # and it has room


# --- what the server tells ----------------------------------------------------------------------


def get(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return int(reply.status), reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return int(error.code), error.read().decode("utf-8", "replace")


def test_metrics_answer_only_the_servers_own_loopback(server: str) -> None:
    status, body = get(f"{server}/_stcore/metrics")
    assert status == 200 and "active_sessions" in body  # a check from inside still works
    outside = {"X-Forwarded-For": OUTSIDE}
    for path, method in (
        ("/_stcore/metrics", "GET"),
        ("/_stcore/metrics", "HEAD"),
        ("/_stcore/metrics?families=active_sessions", "GET"),
        ("/_stcore/metrics/", "GET"),
        ("/_stcore/metrics", "OPTIONS"),
    ):
        status, body = get(f"{server}{path}", outside, method)
        assert status == 404, (path, method, status)
        assert "session" not in body, (path, method)
    status, body = get(f"{server}/_stcore/metrics", {"X-Forwarded-For": f"127.0.0.1, {OUTSIDE}"})
    assert status == 404 and "session" not in body


def test_a_session_is_not_told_the_servers_folder_interpreter_or_machine(server: str) -> None:
    async def scenario() -> Any:
        async with Probe(server) as probe:
            await probe.checked(probe.load())
            return probe.new_session

    message = run_alone(scenario)
    assert message is not None
    new_session = message.new_session
    assert new_session.main_script_path == "app.py"
    environment = new_session.initialize.environment_info
    assert (environment.python_version, environment.server_os) == ("", "")
    user = new_session.initialize.user_info
    assert (user.installation_id, user.installation_id_v3, user.installation_id_v4) == ("",) * 3
    # The page reloads itself when this changes across a reconnection (an upgrade): kept.
    assert environment.streamlit_version == streamlit.__version__
    raw = message.SerializeToString()
    for secret in (str(_ROOT), platform.python_version(), str(Path.home())):
        assert secret.encode() not in raw, secret


def test_the_guard_is_installed_once_however_often_it_is_asked() -> None:
    from streamlit.web.server.starlette import starlette_app

    server_guard.install()
    assert server_guard.install() is False
    layers: list[object] = [layer.cls for layer in starlette_app.create_streamlit_middleware()]
    assert layers.count(server_guard.BodyLimit) == 1 and layers[0] is server_guard.BodyLimit
