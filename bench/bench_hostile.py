"""What a hostile client costs the server: CPU time and memory per kind of message.

``uv run python bench/bench_hostile.py`` starts the app on loopback (``tests/appserver``, as
the browser tests do: ``serve.py`` with the app's ``.streamlit/config.toml``, and the
allocator settings of the Dockerfile's ``ENV``) and sends it, over Streamlit's own protocol
(``bench/wsclient.py``) and plain HTTP, what any visitor of a hosted link can send, each kind
``--repeats`` times on one server:

- a websocket frame over ``server.maxMessageSize`` (its header announces the size; the
  payload follows as fast as the server takes it), and ten just under it (reruns carrying a
  junk widget value that fills the frame);
- ten of the largest uploads the server takes (``server.maxUploadSize``, with
  ``Content-Length``, each opened by the page, which refuses a file over 1 MB), and a 20 MiB
  one sent without a ``Content-Length`` (chunked);
- a crafted case file of 1,000,000 bytes holding 240,000 empty log entries, uploaded and
  opened;
- contact-log table edits adding rows: the most the page takes at once, each row full;
  1,000 rows of 200 characters; 1,000 full rows (a message over the limit);
- the largest legitimate case (1,000 contacts as long as a case file's log may be, all
  quotes and backslashes, which escaping nearly doubles), opened, kept on the device and
  shown on the contact-log page: its largest message is reported;
- 30 idle sessions opened.

For each kind, from ``/proc/<pid>``: the server's CPU time (``utime + stime`` of the
process, all threads) while the message is handled, its resident memory before, its peak
while the message is handled (``VmHWM``, reset before each repeat through ``clear_refs``)
and after a settling pause. Medians with the lowest and highest value over the repeats.

The last part opens ``--sessions`` sessions that each do the heavy things above at once (the
largest upload, a near-limit frame, the largest case on the contact-log page), closes them,
and does it again: memory while they are open, at the peak, and once they are gone. The
server's disconnected-session TTL is shortened to ``--ttl`` seconds for this
(``STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL``; 120 s in production): Streamlit drops the
closed sessions when a visitor comes after the TTL. About 3 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as dt
import json
import os
import re
import socket
import statistics
import sys
import tomllib
import uuid
from collections.abc import AsyncIterator, Awaitable, Iterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
for _path in (_ROOT / "tests", _ROOT / "bench", _ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from appserver import running_app, served
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string
from wsclient import Run, Session, SessionError

from core.contacts import MAX_ENTRIES, MAX_TEXT, MAX_WHO_LENGTH, ContactEntry
from ui import state
from ui.casefile import LOG_MAX_BYTES, MAX_BYTES, dump_case, log_bytes
from ui.contact_log import MAX_ADDED_AT_ONCE

CONFIG = _ROOT / ".streamlit" / "config.toml"
MB = 1_000_000  # server.maxMessageSize counts in these
MIB = 1024 * 1024  # server.maxUploadSize counts in these
TTL_ENV = "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"
SETTLE_S = 1.5  # pause before the "after" reading: the server finishes its work
_TICKS = os.sysconf("SC_CLK_TCK")
LOG_PAGE = "contact_log"  # the contact-log page's address (pages/2_contact_log.py)


def server_limits() -> tuple[int, int]:
    """``server.maxMessageSize`` in bytes and ``server.maxUploadSize`` in bytes, as configured
    (Streamlit's defaults, 200 MB and 200 MiB, where the file says nothing)."""
    server = tomllib.loads(CONFIG.read_text(encoding="utf-8")).get("server", {})
    return int(server.get("maxMessageSize", 200)) * MB, int(server.get("maxUploadSize", 200)) * MIB


# --- the server process, from /proc -----------------------------------------------------------


def cpu_s(pid: int) -> float:
    """CPU time the process has used so far, all its threads (s)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


def status_mib(pid: int, key: str) -> float:
    """A ``kB`` line of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def reset_peak(pid: int) -> None:
    """Start ``VmHWM`` again from the present ``VmRSS`` (Linux ``clear_refs``, value 5)."""
    with open(f"/proc/{pid}/clear_refs", "w", encoding="ascii") as f:
        f.write("5")


@dataclass
class Cost:
    """One repeat of one kind: CPU seconds, and memory before, at the peak, after (MiB)."""

    cpu_s: float
    before: float
    peak: float
    after: float


@asynccontextmanager
async def measured(pid: int, into: list[Cost]) -> AsyncIterator[None]:
    """The server's CPU time and memory around the block (after a settling pause)."""
    await asyncio.sleep(0.3)
    before = status_mib(pid, "VmRSS")
    reset_peak(pid)
    start = cpu_s(pid)
    yield
    await asyncio.sleep(SETTLE_S)
    into.append(
        Cost(cpu_s(pid) - start, before, status_mib(pid, "VmHWM"), status_mib(pid, "VmRSS"))
    )


# --- a session that also keeps widget ids, pages and message sizes -------------------------------


class Probe(Session):
    """``wsclient.Session`` that also keeps the size of every message received and the last
    ``new_session``."""

    def __init__(self, base_url: str, *, timeout: float = 600.0) -> None:
        super().__init__(base_url, timeout=timeout)
        self.sizes: list[int] = []
        self.new_session: ForwardMsg | None = None

    def _handle(self, message: ForwardMsg, at: float, size: int) -> None:
        self.sizes.append(size)
        if message.WhichOneof("type") == "new_session":
            self.new_session = message
        super()._handle(message, at, size)

    async def go(self, page: str) -> Run:
        """Open another page of the app by its address (``contact_log``; "" the home page)."""
        self.page_name, self.page_script_hash = page, ""
        return await self.checked(self.rerun())

    @staticmethod
    async def checked(pending: Awaitable[Run]) -> Run:
        run = await pending
        if run.error:
            raise SessionError(run.error)
        return run


# --- raw HTTP and websocket frames -------------------------------------------------------------


def _port(base_url: str) -> int:
    return int(base_url.rsplit(":", 1)[1])


def multipart(data: bytes, name: str = "case.json") -> tuple[bytes, bytes, str]:
    """A form's head and tail around ``data`` (one file), and its content type."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/json\r\n\r\n"
    ).encode()
    return head, f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload_head(port: int, session_id: str, file_id: str, content_type: str, framing: str) -> bytes:
    """An upload request's line and headers as the uploader sends them; ``framing`` is the
    body's header line(s) (``Content-Length: …`` or ``Transfer-Encoding: chunked``)."""
    token = generate_xsrf_token_string()  # any token: the cookie and the header must agree
    return (
        f"PUT /_stcore/upload_file/{session_id}/{file_id} HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n"
        f"X-Xsrftoken: {token}\r\nCookie: _streamlit_xsrf={token}\r\n{framing}\r\n\r\n"
    ).encode()


def body_piece(piece: bytes, chunked: bool) -> bytes:
    """A piece of a body as sent: framed as a chunk when the body is chunked."""
    return f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece


def read_status(sock: socket.socket) -> tuple[str, str]:
    """The answer's status line ("" if none came) and, if the connection failed, why."""
    answer = b""
    try:
        while b"\r\n" not in answer:
            piece = sock.recv(4096)
            if not piece:
                break
            answer += piece
    except OSError as error:
        return answer.split(b"\r\n", 1)[0].decode("latin-1"), str(error.strerror or error)
    return answer.split(b"\r\n", 1)[0].decode("latin-1"), ""


def put_file(
    base_url: str, session_id: str, file_id: str, data: bytes, *, chunked: bool = False
) -> str:
    """Upload ``data`` as the uploader does (or chunked, without ``Content-Length``); the
    answer's status line, or what ended the connection."""
    head, tail, content_type = multipart(data)
    length = len(head) + len(data) + len(tail)
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}"
    request = upload_head(_port(base_url), session_id, file_id, content_type, framing)

    def pieces() -> Iterator[bytes]:
        yield head
        for start in range(0, len(data), 64 * 1024):
            yield data[start : start + 64 * 1024]
        yield tail

    with socket.create_connection(("127.0.0.1", _port(base_url)), timeout=60) as sock:
        try:
            sock.sendall(request)
            for piece in pieces():
                sock.sendall(body_piece(piece, chunked))
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except OSError as error:  # refused mid-body: the answer may still be there
            stopped = f"({error.strerror or error})"
        else:
            stopped = ""
        status, failed = read_status(sock)
    if failed:
        return f"{stopped} ({failed})".strip()
    return status or stopped or "(closed)"


class HandshakeRefused(Exception):
    """The server did not upgrade the connection to a websocket (the status line, if any)."""


@contextmanager
def raw_websocket(base_url: str, timeout: float = 60) -> Iterator[socket.socket]:
    """A new session's websocket opened by hand, to send frames no client library would."""
    port = _port(base_url)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Origin: {base_url}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit, PLACEHOLDER_AUTH_TOKEN\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            piece = sock.recv(4096)
            if not piece:
                raise HandshakeRefused(f"closed after {answer!r}")
            answer += piece
        if not answer.startswith(b"HTTP/1.1 101"):
            raise HandshakeRefused(answer.split(b"\r\n", 1)[0].decode("latin-1"))
        yield sock


def binary_frame_header(size: int) -> bytes:
    """A client's header for one binary frame of ``size`` bytes: FIN, masked (as a client's
    frames must be) with a zero key, so the payload goes as it is; a 64-bit length."""
    return bytes([0x82, 0xFF]) + size.to_bytes(8, "big") + bytes(4)


def send_raw_frame(base_url: str, size: int) -> str:
    """A new websocket (a new session) sends one binary frame of ``size`` bytes, as fast as
    the server reads it; how it ended (the server's close code, or the error)."""
    try:
        with raw_websocket(base_url) as sock:
            return _send_payload(sock, size)
    except HandshakeRefused as refused:
        return f"handshake refused: {refused}"


def _send_payload(sock: socket.socket, size: int) -> str:
    sock.sendall(binary_frame_header(size))
    block = bytes(256 * 1024)
    sent = 0
    ended = "sent whole"
    try:
        while sent < size:
            piece = block[: min(len(block), size - sent)]
            sock.sendall(piece)
            sent += len(piece)
    except OSError as error:
        ended = f"refused after {sent / MB:.1f} MB sent ({error.strerror or error})"
    sock.settimeout(30)
    try:
        closing = sock.recv(64)
    except OSError:
        return ended
    if len(closing) >= 4 and closing[0] & 0x0F == 0x8:
        return f"{ended}; close code {int.from_bytes(closing[2:4], 'big')}"
    return ended


# --- what a hostile (or a heavy legitimate) client sends -----------------------------------------


def junk_widget(size: int) -> WidgetStates:
    """A widget value of ``size`` bytes under an id no widget has."""
    states = WidgetStates()
    junk = states.widgets.add()
    junk.id = "$$ID-0000000000000000000000000000000-junk"
    junk.string_value = "x" * size
    return states


def frame_size(states: WidgetStates, probe: Probe) -> int:
    """The size of the rerun message ``probe`` would send with ``states`` (approximately: the
    message's context and hashes vary by a few bytes)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.rerun_script.widget_states.CopyFrom(states)
    message.rerun_script.query_string = probe.query_string
    message.rerun_script.page_script_hash = probe.page_script_hash
    return len(message.SerializeToString()) + 512


def near_limit_states(probe: Probe, limit: int) -> WidgetStates:
    """A junk widget value that makes the rerun message just under ``limit`` bytes."""
    margin = 64 * 1024
    size = limit - margin
    return junk_widget(size - (frame_size(junk_widget(size), probe) - size))


def editor_state(rows: int, text: int) -> str:
    """The contact-log table's widget value adding ``rows`` rows, each with ``text``
    characters in what was said and in the outcome."""
    row = {
        "when": "2026-12-01T09:30:00",
        "channel": "phone",
        "who": "w" * min(text, MAX_WHO_LENGTH),
        "said": "s" * text,
        "outcome": "o" * text,
        "evidence_kept": True,
        "they_called": True,
    }
    return json.dumps({"edited_rows": {}, "added_rows": [row] * rows, "deleted_rows": []})


def crafted_case() -> bytes:
    """A case file of at most 1,000,000 bytes holding as many empty log entries as fit (about
    240,000; the attack of issue 16)."""
    head = json.dumps(
        {"schema": "loan-negotiation-planner/case", "version": 1, "saved_at": "2026-12-01"}
    )[:-1]
    room = MAX_BYTES - len(head) - len(', "log": []}')
    count = (room + 1) // len("{}, ")
    return (head + ', "log": [' + ", ".join(["{}"] * count) + "]}").encode()


def full_log(length: int) -> list[ContactEntry]:
    """``MAX_ENTRIES`` contacts, each with ``length`` characters of quotes and backslashes in
    what was said (each written escaped in the file, and escaped once more wherever the case
    travels as a JSON string: the device store's value)."""
    when = dt.datetime(2026, 12, 1, 9, 30)
    return [
        ContactEntry(
            when=when + dt.timedelta(hours=n),
            who=f"Agent {n}",
            said=('"\\' * MAX_TEXT)[:length],
            outcome="Pending",
        )
        for n in range(MAX_ENTRIES)
    ]


def full_case() -> bytes:
    """The largest legitimate case, for the largest message: a log of ``MAX_ENTRIES``
    contacts as long as a case file's log may be (``LOG_MAX_BYTES``), all its text quotes
    and backslashes."""
    low, high = 0, MAX_TEXT
    while low < high:  # the longest text per contact that still fits
        middle = (low + high + 1) // 2
        fits = log_bytes(full_log(middle)) <= LOG_MAX_BYTES
        low, high = (middle, high) if fits else (low, middle - 1)
    return dump_case({"principal": 30_000.0}, {}, full_log(low), dt.datetime(2026, 12, 1))


async def open_file(probe: Probe, data: bytes) -> Run:
    """Upload ``data`` as a case file and let the page open it (the uploader's own steps)."""
    file_id = await probe.upload("case.json", data, "application/json")
    state_ = probe.file_state(state.CASE_UPLOAD, file_id, "case.json", len(data))
    return await probe.checked(probe.send(state_))


async def keep_on_device(probe: Probe) -> Run:
    """Switch on keeping the case in the browser: the page then hands it the whole case."""
    toggle = probe.widget_state(state.DEVICE_KEEP_BOX)
    toggle.bool_value = True
    return await probe.checked(probe.send(toggle))


async def edit_log(probe: Probe, rows: int, text: int) -> Run:
    """The contact-log table's edit adding ``rows`` rows (on the contact-log page)."""
    editor = next((key for key in probe.widgets if key.startswith(state.LOG_EDITOR)), None)
    if editor is None:
        raise SessionError("no contact-log table on the page")
    edit = probe.widget_state(editor)
    edit.string_value = editor_state(rows, text)
    return await probe.send(edit)


# --- the run ---------------------------------------------------------------------------------


@dataclass
class Kind:
    """One kind of message, its costs over the repeats and what the server answered."""

    name: str
    costs: list[Cost] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)


def outcome(run: Run) -> str:
    """What the page or the server answered a rerun, in a few words."""
    if run.error:
        return run.error.split(" frame with")[0]
    said = [*run.errors, *run.notices]
    return f"page drawn, said: {said[0][:60]}" if said else "page drawn"


def median_span(values: Sequence[float], digits: int) -> str:
    low, high, mid = min(values), max(values), statistics.median(values)
    if round(low, digits) == round(high, digits):
        return f"{mid:,.{digits}f}"
    return f"{mid:,.{digits}f} ({low:,.{digits}f}–{high:,.{digits}f})"


def print_table(kinds: Sequence[Kind], baseline: float) -> None:
    print(f"\nServer at rest with the home page run once: {baseline:,.0f} MiB resident.\n")
    print(
        "| message | repeats | server CPU s | RSS before MiB | peak MiB | peak above before"
        " | after MiB | answer |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|---|")
    for kind in kinds:
        costs = kind.costs
        if not costs:
            continue
        print(
            f"| {kind.name} | {len(costs)} | {median_span([c.cpu_s for c in costs], 2)} "
            f"| {median_span([c.before for c in costs], 0)} "
            f"| {median_span([c.peak for c in costs], 0)} "
            f"| {median_span([max(c.peak - c.before, 0.0) for c in costs], 0)} "
            f"| {median_span([c.after for c in costs], 0)} "
            f"| {'; '.join(sorted(set(kind.answers)))[:160]} |"
        )


async def loaded(base_url: str) -> Probe:
    probe = Probe(base_url)
    await probe.open()
    await probe.checked(probe.load())
    return probe


async def hostile_kinds(url: str, pid: int, repeats: int) -> list[Kind]:
    message_limit, upload_limit = server_limits()
    kinds: list[Kind] = []

    def kind(name: str) -> Kind:
        kinds.append(Kind(name))
        return kinds[-1]

    over_frame = kind(f"frame over the limit ({(message_limit + 1) / MB:,.0f} MB)")
    for _ in range(repeats):
        async with measured(pid, over_frame.costs):
            answer = await asyncio.to_thread(send_raw_frame, url, message_limit + 1)
        over_frame.answers.append(answer.split(" (")[0].split(" after")[0])

    near = kind(f"near-limit frame x10 ({(message_limit - 64 * 1024) / MB:,.1f} MB each)")
    for _ in range(repeats):
        probe = await loaded(url)
        states = near_limit_states(probe, message_limit)
        async with measured(pid, near.costs):
            for _ in range(10):
                run = await probe.rerun(states)
                near.answers.append(outcome(run))
        await probe.close()

    upload = kind(f"max upload x10 ({upload_limit / MIB:g} MiB body), opened")
    oversize = kind("20 MiB upload, chunked")
    crafted = kind("crafted case: 240,000 empty entries")
    data = bytes(upload_limit - 512)
    crafted_file = crafted_case()
    for _ in range(repeats):
        probe = await loaded(url)
        assert probe.session_id
        async with measured(pid, upload.costs):
            for _ in range(10):
                run = await open_file(probe, data)
            upload.answers.append("refused by the page" if run.errors else "?")
        async with measured(pid, oversize.costs):
            status = await asyncio.to_thread(
                put_file, url, probe.session_id, uuid.uuid4().hex, bytes(20 * MIB), chunked=True
            )
            oversize.answers.append(status.split(" (")[0])
        async with measured(pid, crafted.costs):
            run = await open_file(probe, crafted_file)
            crafted.answers.append(f"{len(run.errors)} error shown" if run.errors else "opened")
        await probe.close()

    edits = [
        (
            kind(f"log edit: {MAX_ADDED_AT_ONCE} full rows (the limit at once)"),
            MAX_ADDED_AT_ONCE,
            MAX_TEXT,
        ),
        (kind("log edit: 1,000 rows of 200 characters"), 1_000, 200),
        (kind("log edit: 1,000 full rows"), 1_000, MAX_TEXT),
    ]
    for _ in range(repeats):
        for target, rows, text in edits:
            probe = await loaded(url)
            await probe.go(LOG_PAGE)
            async with measured(pid, target.costs):
                run = await edit_log(probe, rows, text)
            target.answers.append(outcome(run))
            await probe.close()

    legit = kind("full legitimate case (1,000 contacts), log page, kept on device")
    largest: list[int] = []
    full = full_case()
    for _ in range(repeats):
        probe = await loaded(url)
        probe.sizes.clear()
        async with measured(pid, legit.costs):
            opened = await open_file(probe, full)
            await keep_on_device(probe)
            await probe.go(LOG_PAGE)
        largest.append(max(probe.sizes))
        problems = [*opened.errors, *opened.exceptions]
        legit.answers.append(
            f"largest page message {max(largest) / MB:.2f} MB"
            + (f"; not opened: {problems[0][:60]}" if problems else "")
        )
        await probe.close()

    idle = kind("30 idle sessions open (then closed)")
    for _ in range(repeats):
        async with AsyncExitStack() as stack, measured(pid, idle.costs):
            probes = [Probe(url) for _ in range(30)]
            for probe in probes:
                await stack.enter_async_context(probe)
            await asyncio.gather(*(p.load() for p in probes))
    print(f"\nFull case file: {len(full):,} bytes; crafted case file: {len(crafted_file):,} bytes.")
    print(f"Largest message a page sent: {max(largest):,} bytes.")
    return kinds


async def sessions_leave(url: str, pid: int, sessions: int, ttl: int) -> list[tuple[str, float]]:
    """``sessions`` heavy sessions at once, then closed, twice: memory at each step."""
    message_limit, upload_limit = server_limits()
    full = full_case()
    readings = [("before", status_mib(pid, "VmRSS"))]

    async def heavy(probe: Probe) -> None:
        await probe.checked(probe.load())
        await open_file(probe, bytes(upload_limit - 512))
        await probe.rerun(near_limit_states(probe, message_limit))
        await open_file(probe, full)
        await probe.go(LOG_PAGE)

    for wave in ("", "again: "):
        reset_peak(pid)
        async with AsyncExitStack() as stack:
            probes = [Probe(url) for _ in range(sessions)]
            for probe in probes:
                await stack.enter_async_context(probe)
            await asyncio.gather(*(heavy(p) for p in probes))
            await asyncio.sleep(SETTLE_S)
            readings.append((f"{wave}{sessions} heavy sessions open", status_mib(pid, "VmRSS")))
            readings.append((f"{wave}peak meanwhile", status_mib(pid, "VmHWM")))
        await asyncio.sleep(SETTLE_S)
        readings.append((f"{wave}all closed (kept for reconnection)", status_mib(pid, "VmRSS")))
        await asyncio.sleep(ttl + 5)
        async with Probe(url) as last:  # a visitor after the TTL: Streamlit drops the rest
            await last.load()
        await asyncio.sleep(15)
        readings.append((f"{wave}after the TTL ({ttl} s) and 15 s", status_mib(pid, "VmRSS")))
    return readings


def image_env() -> dict[str, str]:
    """The allocator settings the image runs with (the Dockerfile's ``MALLOC_*`` ``ENV``)."""
    text = (_ROOT / "Dockerfile").read_text(encoding="utf-8")
    return dict(re.findall(r"\b(MALLOC_[A-Z_]+)=(\S+)", text))


def threads_of(pid: int) -> str:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        return next(line.split()[1] for line in f if line.startswith("Threads:"))


async def main_async(opts: argparse.Namespace) -> None:
    env = {TTL_ENV: str(opts.ttl), **({} if opts.no_image_env else image_env())}
    print(f"Server environment: {env}")
    with running_app(_ROOT, log_prefix="lnp-bench-hostile-", env=env) as url:
        pid = served(url).pid
        async with Probe(url) as first:  # the app runs once: its modules load
            await first.load()
        await asyncio.sleep(SETTLE_S)
        baseline = status_mib(pid, "VmRSS")
        if not opts.skip_kinds:
            kinds = await hostile_kinds(url, pid, opts.repeats)
            print_table(kinds, baseline)
        if opts.sessions:
            readings = await sessions_leave(url, pid, opts.sessions, opts.ttl)
            print(f"\n### {opts.sessions} heavy sessions at once, then gone, twice\n")
            print("| moment | RSS MiB |")
            print("|---|--:|")
            for label, mib in readings:
                print(f"| {label} | {mib:,.0f} |")
        print(f"\nServer threads at the end: {threads_of(pid)}.")


def parse_options(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each kind (3)")
    parser.add_argument("--sessions", type=int, default=10, help="heavy sessions at once (10)")
    parser.add_argument("--ttl", type=int, default=5, help="disconnected-session TTL (5 s)")
    parser.add_argument("--skip-kinds", action="store_true", help="only the sessions part")
    parser.add_argument(
        "--no-image-env", action="store_true", help="without the image's MALLOC_* settings"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    if not Path("/proc/self/clear_refs").exists():
        print("needs Linux's /proc", file=sys.stderr)
        return 2
    asyncio.run(main_async(parse_options(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
