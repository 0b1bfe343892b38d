"""Load benchmark: many sessions typing a new principal at once, and memory per session.

Run it from the repository root::

    uv run python bench/bench_load.py            # ramp 1, 2, 4, ... sessions; about 4-5 min
    uv run python bench/bench_load.py --quick    # 1, 2, 4, 8 sessions, fewer moves; about 2 min
    uv run python bench/bench_load.py --levels 4,8,12 --moves 20 --think 2 --refine 0 --skip-memory

It starts the app itself (``python -m streamlit run app.py`` on a free loopback port, headless,
no file watcher, no usage statistics, its log in a temporary file outside the repository, as the
browser tests do) and always stops it at the end. Sessions are simulated browsers speaking
Streamlit's own websocket protocol (``bench/wsclient.py``), not Chromium: one Chromium per
session would take the two cores itself. Everything runs on 127.0.0.1, bounded in count
(``--max-sessions``) and time (``--level-time`` per level, ``--timeout`` per reply, no new
level after ``--budget`` seconds). It prints Markdown tables:

1. **Ramp.** For each number of sessions (``--levels``; new sessions for each level), every
   session opens the home page from the share link of a borrower's case (``?principal=12000``; a
   first visit without one shows only the form for the borrower's own numbers), the arrivals
   spread over one second, and once all pages are loaded each session types a new principal into
   the sidebar's box ``--moves`` times (a **move**: +100 yuan each, the value sent as Enter
   sends it), waiting a think time after each reply (uniformly random between 0.5 and 1.5 ×
   ``--think`` s, after a random start, so sessions do not move in step). A move is timed from
   sending the new value to receiving the last Plotly chart of the rerun (**move → chart**: the
   server's share of what a borrower waits for; a browser then needs a few hundred ms more to
   draw, see ``bench/bench_browser.py``), and to the end of the script run. Until issue 13 the
   principal was a slider and a move was its release; the value sent (one number), the change
   and the rerun are the same, so the figures compare. Every reply is checked: the script
   finished normally (a move reruns only the home page's results fragment once the borrower's
   numbers are in; before, the whole page), no exception element and no error-boundary message
   (``ui.boundary``), the principal's box shows the value sent (when the run drew the sidebar: a
   load, or a move that reran the whole page; a fragment's rerun leaves the sidebar as it is),
   and the first card's payment (its first figure, the highest) and *every trace of both charts*
   equal what ``core.compare`` and ``ui.charts.figures`` give for the new principal. Anything
   else is an **error**, as are a refused or dropped connection and a reply slower than
   ``--timeout``. Per level: moves made, median / p95 / max, moves per second, the server's CPU
   time per move, the cores used by the server, by this client and by everything else on the
   machine (other work sharing the cores), and the server's peak memory. The ramp stops at the
   first level whose median reaches ``--target-ms`` (500) or that has an error; ``--refine``
   bisection steps then narrow the gap between the last level that passed and the first that did
   not.
2. **Capacity.** The most sessions that kept the median under the target with no error, and a
   run at **twice** that many sessions, which must have no error (slower is allowed; the exit
   status is 1 if it had any).
3. **Memory per session** on a second, fresh server: its resident memory (``VmRSS`` of the
   server and any child process, from ``/proc``; the median of three readings after a pause)
   with no session connected, after a few sessions came and went; then with each count of
   ``--memory-sessions`` connected and idle, each having loaded the page and typed a new
   principal once (a connected session's state stays in the server's memory). Per session =
   growth / sessions added, between the smallest and largest count. Then every session disconnects:
   Streamlit keeps a disconnected session for ``server.disconnectedSessionTTL`` seconds (120 by
   default) so a reconnecting tab finds it, and drops expired ones only when it stores another;
   this server runs with a TTL of ``--ttl`` seconds so the release can be seen: after the TTL
   one more session comes and goes, and the memory is read again.

What a session sends is what Streamlit 1.67's frontend sends (see ``bench/wsclient.py``), except
that a move carries only the principal's value, not every widget's (the server keeps the
others), and the page's static files (HTML, JavaScript) are not fetched: a browser caches them
after its first visit. The think time sets the load: with ``--think 1`` every session changes
the principal about once a second, far busier than a borrower reading the cards; the server's
CPU time per move gives the capacity for other think times (about one core ÷ CPU per move, in
moves a second). The Streamlit server runs every session's script in its own thread under one
Python interpreter lock, so its scripts use at most about one core, whatever the sessions.
Percentiles interpolate linearly between samples.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import importlib.metadata
import json
import math
import os
import platform
import random
import signal
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
# So that ``python bench/bench_load.py`` finds ``core``, ``ui``, the ``appserver`` module it
# shares with the browser tests (``tests/`` is no package) and its own ``wsclient``.
for _path in (_ROOT / "tests", _ROOT / "bench", _ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from appserver import running_app, served
from wsclient import (
    FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    FINISHED_SUCCESSFULLY,
    Run,
    Session,
    SessionError,
)

from core import compare
from core.text import t
from ui.charts import figures
from ui.format import money
from ui.options import labelled
from ui.registry import BY_KEY, bounds
from ui.values import case_from_values

PRINCIPAL_KEY = "principal"  # the sidebar's number input each move types into
FAILURE_MESSAGE = t("error.unexpected", "en")  # what ui.boundary shows instead of a traceback
_PRINCIPAL = BY_KEY[PRINCIPAL_KEY]
# Every session opens the share link of a borrower's case: a first visit without one shows only
# the form for the borrower's own numbers, with no cards or charts to check.
LINK_PRINCIPAL_YUAN = 12_000.0
LINK = f"{PRINCIPAL_KEY}={LINK_PRINCIPAL_YUAN:g}"
PRINCIPAL_STEP_YUAN = float(bounds(_PRINCIPAL, {})[2] or 100.0)
ARRIVAL_S = 1.0  # the sessions of a level open the page within this long
SETTLE_S = 2.0  # pause before reading memory, so the server has finished its work
TTL_ENV = "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"
PRIME_SESSIONS = 4  # sessions that come and go before the memory baseline
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Options:
    levels: tuple[int, ...]
    moves: int
    think: float
    level_time: float
    timeout: float
    target_ms: float
    refine: int
    max_sessions: int
    memory_sessions: tuple[int, ...]
    ttl: int
    seed: int
    budget: float
    file_watcher: str = "none"


FULL = {
    "levels": "1,2,4,8,16,32",
    "moves": 10,
    "think": 1.0,
    "level_time": 40.0,
    "refine": 2,
    "memory_sessions": "10,40",
    "budget": 170.0,
}
QUICK = {
    "levels": "1,2,4,8",
    "moves": 4,
    "think": 1.0,
    "level_time": 20.0,
    "refine": 0,
    "memory_sessions": "5,20",
    "budget": 60.0,
}


# --- what a reply must show ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Expected:
    """What the page shows for a principal with every other input at its default."""

    principal: float
    metric: str  # the first card's (keep the contract) first figure: its highest payment
    traces: tuple[tuple[Any, ...], ...]  # per chart: every trace's (x, y), as JSON gives them


@functools.lru_cache(maxsize=4096)
def expected(principal: float) -> Expected:
    """The first card's payment and both charts' data, from the core and the chart builder."""
    built = case_from_values({PRINCIPAL_KEY: principal})
    if built.case is None:
        raise ValueError(f"the default inputs with principal {principal} do not make a case")
    result = compare(built.case)
    made = figures(labelled(result, built.proposal_numbers, "en"), "en")
    return Expected(
        principal=principal,
        metric=money(result.contract.summary.highest_payment),
        traces=tuple(_trace_data(json.loads(json.dumps(figure))) for figure in made),
    )


def _trace_data(figure: dict[str, Any]) -> tuple[Any, ...]:
    return tuple((trace.get("x"), trace.get("y")) for trace in figure.get("data", []))


def check(run: Run, want: Expected) -> list[str]:
    """What is wrong with a reply (empty: it shows exactly the figures for ``want``)."""
    if run.error is not None:
        return [run.error]
    problems: list[str] = []
    whole_page = run.status == FINISHED_SUCCESSFULLY
    if not whole_page and run.status != FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
        problems.append(f"script finished with status {run.status}")
    problems.extend(f"exception element: {message[:200]}" for message in run.exceptions)
    if FAILURE_MESSAGE in run.errors:  # the app's error boundary caught an exception
        problems.append("the app's failure message")
    problems.extend(_principal_box(run, want, whole_page=whole_page))
    if not run.metrics or run.metrics[0][1] != want.metric:
        shown = run.metrics[0][1] if run.metrics else "no metric"
        problems.append(f"first payment shows {shown}, expected {want.metric}")
    if len(run.charts) != len(want.traces):
        problems.append(f"{len(run.charts)} charts, expected {len(want.traces)}")
    for number, (chart, traces) in enumerate(zip(run.charts, want.traces, strict=False), 1):
        try:
            shown_traces = _trace_data(json.loads(chart.spec))
        except (ValueError, AttributeError) as error:
            problems.append(f"chart {number}: unreadable figure ({error})")
            continue
        if shown_traces != traces:
            problems.append(f"chart {number} does not show principal {want.principal:.0f}")
    return problems


def _principal_box(run: Run, want: Expected, *, whole_page: bool) -> list[str]:
    """What is wrong with the principal's box as the run drew it (a fragment's rerun does not
    draw the sidebar: then nothing)."""
    box = run.number_inputs.get(PRINCIPAL_KEY)
    if box is None:
        return ["no principal input on the page"] if whole_page else []
    if not box.set_value:  # the app hands every input its value on every run
        return [f"principal input holds no value, sent {want.principal:.2f}"]
    if box.value != want.principal:
        return [f"principal input shows {box.value}, sent {want.principal:.2f}"]
    return []


# --- the server process: memory and CPU from /proc -------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree(pid: int) -> list[int]:
    tree = _children()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(tree.get(current, []))
    return found


def _status_kib(pid: int, field_name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def rss_mib(pid: int) -> float:
    """Resident memory of the server and its descendants (MiB)."""
    return sum(_status_kib(p, "VmRSS") for p in _tree(pid)) / 1024


def peak_rss_mib(pid: int) -> float:
    return _status_kib(pid, "VmHWM") / 1024


def threads(pid: int) -> int:
    return sum(_status_kib(p, "Threads") for p in _tree(pid))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server and its live descendants (s)."""
    total = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / _TICKS


def machine_busy_seconds() -> float:
    """CPU time all cores spent busy since boot (s), from ``/proc/stat``."""
    with open("/proc/stat", encoding="ascii") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return (sum(values[:8]) - idle) / _TICKS


@dataclass(frozen=True, slots=True)
class CpuMark:
    wall: float
    server: float
    client: float
    machine: float

    @staticmethod
    def now(pid: int) -> CpuMark:
        return CpuMark(
            time.monotonic(), cpu_seconds(pid), time.process_time(), machine_busy_seconds()
        )


@dataclass(frozen=True, slots=True)
class CpuUse:
    """CPU used between two marks, in cores (1.0 = one core busy all the time)."""

    seconds: float
    server: float
    client: float
    other: float
    server_cpu_s: float

    @staticmethod
    def between(start: CpuMark, end: CpuMark) -> CpuUse:
        wall = max(end.wall - start.wall, 1e-9)
        server = end.server - start.server
        client = end.client - start.client
        machine = end.machine - start.machine
        return CpuUse(
            seconds=wall,
            server=server / wall,
            client=client / wall,
            other=max(machine - server - client, 0.0) / wall,
            server_cpu_s=server,
        )


# --- one level of load -------------------------------------------------------------------------


@dataclass(slots=True)
class Move:
    chart_ms: float | None
    finished_ms: float | None
    problems: list[str]


@dataclass(slots=True)
class Level:
    """What one level of load measured."""

    sessions: int
    label: str
    planned: int
    loads: list[float] = field(default_factory=list)  # send → last chart of the page load, ms
    moves: list[Move] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # every error, one line each
    cpu: CpuUse | None = None
    rss_mib: float = 0.0  # the server's highest resident memory while the moves ran

    @property
    def chart_ms(self) -> list[float]:
        return [m.chart_ms for m in self.moves if m.chart_ms is not None and not m.problems]

    @property
    def finished_ms(self) -> list[float]:
        return [m.finished_ms for m in self.moves if m.finished_ms is not None and not m.problems]

    @property
    def errors(self) -> int:
        return len(self.problems)

    @property
    def median(self) -> float:
        values = self.chart_ms
        return statistics.median(values) if values else math.inf

    def passes(self, target_ms: float) -> bool:
        return self.errors == 0 and bool(self.moves) and self.median < target_ms


async def _load(index: int, session: Session, level: Level) -> bool:
    """Open the page; True when it showed the default figures."""
    try:
        await session.open()
        run = await session.load()
    except SessionError as error:
        level.problems.append(f"session {index}, page load: {error}")
        return False
    problems = check(run, expected(LINK_PRINCIPAL_YUAN))
    level.problems.extend(f"session {index}, page load: {p}" for p in problems)
    if problems or run.to_last_chart_ms is None:
        return False
    level.loads.append(run.to_last_chart_ms)
    return True


async def _moves(
    index: int, session: Session, level: Level, opts: Options, rng: random.Random, deadline: float
) -> None:
    await asyncio.sleep(rng.uniform(0, opts.think))  # out of step with the other sessions
    principal = LINK_PRINCIPAL_YUAN
    for _ in range(opts.moves):
        if time.monotonic() > deadline:
            return
        principal += PRINCIPAL_STEP_YUAN
        run = await session.set_number(PRINCIPAL_KEY, principal)
        problems = check(run, expected(principal))
        level.moves.append(Move(run.to_last_chart_ms, run.to_finished_ms, problems))
        level.problems.extend(f"session {index}, move to {principal:.0f}: {p}" for p in problems)
        if run.error is not None:
            return  # the connection is gone or out of step: a real user would reload
        await asyncio.sleep(opts.think * rng.uniform(0.5, 1.5))
    if session.closed_reason is not None:
        level.problems.append(f"session {index}: {session.closed_reason}")


@dataclass(slots=True)
class _Start:
    """The level's barrier: every page loaded (or failed) before any move is made."""

    expected: int
    arrived: int = 0
    deadline: float = math.inf
    loaded: asyncio.Event = field(default_factory=asyncio.Event)

    def arrive(self, level_time: float) -> None:
        self.arrived += 1
        if self.arrived >= self.expected:
            self.release(level_time)

    def release(self, level_time: float) -> None:
        if not self.loaded.is_set():
            self.deadline = time.monotonic() + level_time
            self.loaded.set()


async def _user(index: int, base_url: str, opts: Options, level: Level, start: _Start) -> None:
    rng = random.Random(opts.seed * 100_003 + level.sessions * 1_009 + index)
    session = Session(base_url, timeout=opts.timeout, query_string=LINK)
    try:
        await asyncio.sleep(rng.uniform(0, ARRIVAL_S))
        try:
            loaded = await _load(index, session, level)
        finally:
            start.arrive(opts.level_time)
        await start.loaded.wait()
        if loaded:
            await _moves(index, session, level, opts, rng, start.deadline)
    finally:
        await session.close()


async def _run_level(base_url: str, pid: int, sessions: int, label: str, opts: Options) -> Level:
    level = Level(sessions=sessions, label=label, planned=sessions * opts.moves)
    start = _Start(expected=sessions)
    tasks = [asyncio.create_task(_user(i, base_url, opts, level, start)) for i in range(sessions)]
    # Every phase is bounded: the page loads (each by the timeout to connect and to reply),
    # then the moves (level_time to start them, then the last reply and think time).
    waiter = asyncio.create_task(start.loaded.wait())
    await asyncio.wait([waiter], timeout=ARRIVAL_S + 2 * opts.timeout + 5)
    start.release(opts.level_time)
    begin = CpuMark.now(pid)
    sampler = asyncio.create_task(_sample_memory(pid, level))
    _, pending = await asyncio.wait(
        tasks, timeout=opts.level_time + 1.5 * opts.think + opts.timeout + 5
    )
    end = CpuMark.now(pid)
    sampler.cancel()
    for task in pending:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for index, result in enumerate(results):
        if isinstance(result, asyncio.CancelledError):
            level.problems.append(f"session {index}: cut off at the level's time bound")
        elif isinstance(result, BaseException):
            level.problems.append(f"session {index}: {result!r}")
    level.cpu = CpuUse.between(begin, end)
    return level


async def _sample_memory(pid: int, level: Level) -> None:
    while True:
        level.rss_mib = max(level.rss_mib, rss_mib(pid))
        await asyncio.sleep(0.5)


def run_level(base_url: str, pid: int, sessions: int, label: str, opts: Options) -> Level:
    level = asyncio.run(_run_level(base_url, pid, sessions, label, opts))
    time.sleep(1.0)  # the closed sessions' last messages, before the next level starts
    return level


def warm_up(base_url: str, moves: int = 3, timeout: float = 60.0) -> None:
    """One session that loads the page and types principals: imports, caches, first runs."""

    async def go() -> None:
        async with Session(base_url, timeout=timeout, query_string=LINK) as session:
            run = await session.load()
            problems = check(run, expected(LINK_PRINCIPAL_YUAN))
            principal = LINK_PRINCIPAL_YUAN
            for _ in range(moves):
                principal += PRINCIPAL_STEP_YUAN
                run = await session.set_number(PRINCIPAL_KEY, principal)
                problems += check(run, expected(principal))
            if problems:
                raise RuntimeError("the warm-up session went wrong: " + "; ".join(problems))

    asyncio.run(go())


def ramp(base_url: str, pid: int, opts: Options) -> tuple[list[Level], Level | None, Level | None]:
    """The ramp, the bisection steps, then twice the capacity: (levels, best, confirm).

    No new ramp or bisection level starts once ``opts.budget`` seconds have passed.
    """
    levels: list[Level] = []
    best: Level | None = None
    failed: Level | None = None
    stop_at = time.monotonic() + opts.budget

    def step(sessions: int, kind: str) -> bool:
        """Run one level; True when it held the target (it becomes the best so far)."""
        nonlocal best, failed
        level = run_level(base_url, pid, sessions, kind, opts)
        levels.append(level)
        print(_progress(level), file=sys.stderr, flush=True)
        if level.passes(opts.target_ms):
            best = level
            return True
        failed = level
        return False

    for sessions in opts.levels:
        if time.monotonic() > stop_at:
            print(f"(time budget of {opts.budget:g} s spent: ramp stopped)", file=sys.stderr)
            break
        if not step(sessions, "ramp"):
            break
    for _ in range(opts.refine):
        if failed is None or time.monotonic() > stop_at:
            break
        low = best.sessions if best is not None else 0
        middle = (low + failed.sessions) // 2
        if middle <= low or middle >= failed.sessions:
            break
        step(middle, "bisection")
    confirm = None
    if best is not None and 2 * best.sessions <= opts.max_sessions:
        confirm = run_level(base_url, pid, 2 * best.sessions, "2× capacity", opts)
        print(_progress(confirm), file=sys.stderr, flush=True)
    return levels, best, confirm


# --- memory per session ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemoryPoint:
    label: str
    connected: int
    rss_mib: float
    threads: int


async def _open_idle(base_url: str, count: int, timeout: float, start: int) -> list[Session]:
    """``count`` sessions that each load the page and type a new principal once, left open."""
    opened: list[Session] = []
    gate = asyncio.Semaphore(4)  # a few at a time: arrivals, not a stampede

    async def one(index: int) -> None:
        async with gate:
            session = Session(base_url, timeout=timeout, query_string=LINK)
            opened.append(session)
            await session.open()
            principal = LINK_PRINCIPAL_YUAN + PRINCIPAL_STEP_YUAN * (1 + (start + index) % 50)
            problems = check(await session.load(), expected(LINK_PRINCIPAL_YUAN))
            moved = await session.set_number(PRINCIPAL_KEY, principal)
            problems += check(moved, expected(principal))
            if problems:
                raise RuntimeError(f"memory session {start + index}: " + "; ".join(problems))

    try:
        await asyncio.gather(*(one(i) for i in range(count)))
    except BaseException:
        await _close_all(opened)
        raise
    return opened


def _point(label: str, connected: int, pid: int) -> MemoryPoint:
    """The server's memory once it has settled (the median of three readings)."""
    time.sleep(SETTLE_S)
    samples = []
    for _ in range(3):
        samples.append(rss_mib(pid))
        time.sleep(0.3)
    return MemoryPoint(label, connected, statistics.median(samples), threads(pid))


def measure_memory(base_url: str, pid: int, opts: Options) -> tuple[list[MemoryPoint], float]:
    """RSS with no session, with each count of idle sessions, then after they all left.

    The baseline is taken in the state the end is compared with: a few sessions came, were
    kept for reconnection, expired and were dropped.
    """
    sessions: list[Session] = []
    with asyncio.Runner() as runner:
        runner.run(_close_all(runner.run(_open_idle(base_url, PRIME_SESSIONS, opts.timeout, 0))))
        _drop_expired(runner, base_url, opts)
        points = [_point("none connected, after sessions came and left", 0, pid)]
        try:
            for count in opts.memory_sessions:
                more = runner.run(
                    _open_idle(base_url, count - len(sessions), opts.timeout, len(sessions))
                )
                sessions += more
                points.append(_point("connected and idle", count, pid))
        finally:
            runner.run(_close_all(sessions))
        points.append(_point("all closed, within the TTL (kept for reconnection)", 0, pid))
        _drop_expired(runner, base_url, opts)
    points.append(_point("after the TTL and one more session closing", 0, pid))
    return points, peak_rss_mib(pid)


def _drop_expired(runner: asyncio.Runner, base_url: str, opts: Options) -> None:
    """Wait out the TTL; then one session comes and goes, which makes Streamlit drop the
    expired ones (it reaps its store of disconnected sessions only when it stores another)."""
    time.sleep(opts.ttl + 1)
    runner.run(_close_all(runner.run(_open_idle(base_url, 1, opts.timeout, 0))))


async def _close_all(sessions: Sequence[Session]) -> None:
    await asyncio.gather(*(s.close() for s in sessions))


# --- reporting ---------------------------------------------------------------------------------


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolating linearly between sorted samples."""
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _ms(value: float) -> str:
    return "—" if math.isnan(value) or math.isinf(value) else f"{value:,.0f}"


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def _progress(level: Level) -> str:
    return (
        f"[{level.label}] {level.sessions} sessions: {len(level.moves)} moves, "
        f"median {_ms(level.median)} ms, p95 {_ms(percentile(level.chart_ms, 95))} ms, "
        f"{level.errors} errors"
    )


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def print_environment(opts: Options, load_before: tuple[float, float, float]) -> None:
    print("## Load benchmark: concurrent sessions on the websocket\n")
    print("| Machine | Value |")
    print("|---|---|")
    print(f"| CPUs | {os.cpu_count()} × {_cpu_model()} |")
    print(f"| Python | {platform.python_version()} |")
    print(
        f"| streamlit / websockets / plotly | {_version('streamlit')} / "
        f"{_version('websockets')} / {_version('plotly')} |"
    )
    print(f"| the server's file watcher (server.fileWatcherType) | {opts.file_watcher} |")
    print(
        "| load average before the run (1, 5, 15 min) | "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + " |"
    )
    print()
    print(
        f"Each session types a new principal up to {opts.moves} times, +"
        f"{PRINCIPAL_STEP_YUAN:.0f} yuan each, {opts.think * 0.5:g}–{opts.think * 1.5:g} s "
        f"after the previous reply (mean {opts.think:g} s); each level is bounded to "
        f"{opts.level_time:g} s of moves, each reply to {opts.timeout:g} s.\n"
    )


def _level_row(level: Level) -> str:
    values = level.chart_ms
    cpu = level.cpu
    moves_per_s = len(level.moves) / cpu.seconds if cpu and cpu.seconds else math.nan
    server_ms_per_move = (
        cpu.server_cpu_s * 1000 / len(level.moves) if cpu and level.moves else math.nan
    )
    cores = f"{cpu.server:.2f} / {cpu.client:.2f} / {cpu.other:.2f}" if cpu is not None else "—"
    return (
        f"| {level.sessions} | {level.label} | {len(level.moves)}/{level.planned} "
        f"| {_ms(_median(values))} | {_ms(percentile(values, 95))} "
        f"| {_ms(max(values) if values else math.nan)} | {_ms(_median(level.finished_ms))} "
        f"| {_ms(_median(level.loads))} | {moves_per_s:.1f} | {_ms(server_ms_per_move)} "
        f"| {cores} | {level.rss_mib:,.0f} | {level.errors} |"
    )


def print_levels(levels: Sequence[Level], confirm: Level | None, opts: Options) -> None:
    print("### Principal typed → last chart of the rerun (ms), by number of sessions\n")
    print(
        "| sessions | run | moves done | **median** | p95 | max | → script finished, median "
        "| page load → last chart, median | moves/s | server CPU ms per move "
        "| cores busy: server / client / other | server RSS MiB, peak | errors |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for level in sorted(levels, key=lambda x: x.sessions):
        print(_level_row(level))
    if confirm is not None:
        print(_level_row(confirm))
    print(
        "\n*moves done*: moves made out of those planned (a level starts no move after its "
        "time bound). *cores busy*: CPU time over the moves' wall time; *other* is every "
        "other process on the machine. Latencies count only correct replies; errors are listed "
        "below.\n"
    )


def print_capacity(
    best: Level | None, confirm: Level | None, opts: Options, peak_mib: float
) -> None:
    print("### Capacity\n")
    print(f"Peak resident memory of the server over the whole ramp: {peak_mib:,.0f} MiB.\n")
    if best is None:
        print(f"Not even the first level kept the median under {opts.target_ms:.0f} ms.\n")
        return
    print(
        f"- Most sessions with the median under {opts.target_ms:.0f} ms and no error: "
        f"**{best.sessions}** (median {_ms(best.median)} ms, p95 "
        f"{_ms(percentile(best.chart_ms, 95))} ms)."
    )
    if opts.levels and best.sessions == max(opts.levels) and best.label == "ramp":
        print("  (The highest level tried: the capacity may be higher.)")
    if confirm is None:
        print(f"- Twice that ({2 * best.sessions}) is above --max-sessions: not run.\n")
        return
    verdict = "met" if confirm.errors == 0 else "**not met**"
    print(
        f"- At twice that, **{confirm.sessions}** sessions: {len(confirm.moves)} moves, "
        f"**{confirm.errors} errors** (no error: {verdict}), median {_ms(confirm.median)} ms, "
        f"p95 {_ms(percentile(confirm.chart_ms, 95))} ms.\n"
    )


def print_problems(levels: Sequence[Level]) -> None:
    kinds = Counter(
        (level.sessions, level.label, p.split(": ", 1)[-1])
        for level in levels
        for p in level.problems
    )
    if not kinds:
        print("No errors: every reply showed the figures for the value sent.\n")
        return
    print("### Errors (most frequent first)\n")
    for (sessions, label, text), count in kinds.most_common(20):
        print(f"- {sessions} sessions ({label}): {count} × {text}")
    print()


def print_memory(points: Sequence[MemoryPoint], peak: float, opts: Options) -> None:
    print(f"### Server memory (VmRSS), fresh server, disconnected-session TTL {opts.ttl} s\n")
    print("| state | sessions connected | RSS MiB | vs. none connected | per session | threads |")
    print("|---|---:|---:|---:|---:|---:|")
    base = points[0].rss_mib
    for point in points:
        growth = point.rss_mib - base
        per = f"{growth / point.connected:.2f}" if point.connected else ""
        print(
            f"| {point.label} | {point.connected} | {point.rss_mib:,.1f} | {growth:+,.1f} | {per} "
            f"| {point.threads} |"
        )
    connected = [p for p in points if p.connected]
    if len(connected) >= 2:
        a, b = connected[0], connected[-1]
        slope = (b.rss_mib - a.rss_mib) / (b.connected - a.connected)
        print(
            f"\n**Memory per session** (from {a.connected} to {b.connected} connected): "
            f"**{slope:.2f} MiB**; {(b.rss_mib - base) / b.connected:.2f} MiB on average over "
            f"all {b.connected}. Peak RSS of the server: {peak:,.0f} MiB."
        )
    print()


# --- main --------------------------------------------------------------------------------------


def _counts(text: str, name: str) -> tuple[int, ...]:
    try:
        values = tuple(sorted({int(v) for v in text.split(",") if v.strip()}))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{name}: comma-separated whole numbers") from error
    if not values or values[0] < 1:
        raise argparse.ArgumentTypeError(f"{name}: at least one number, each at least 1")
    return values


def parse_options(argv: Sequence[str] | None) -> tuple[Options, bool, bool]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a short run: 1-8 sessions")
    parser.add_argument("--levels", help=f"session counts to ramp through ({FULL['levels']})")
    parser.add_argument("--moves", type=int, help="principals typed per session (10)")
    parser.add_argument("--think", type=float, help="mean seconds between moves (1.0)")
    parser.add_argument("--level-time", type=float, help="seconds of moves per level (40)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for a reply (30)")
    parser.add_argument("--target-ms", type=float, default=500.0, help="median target (500)")
    parser.add_argument("--refine", type=int, help="bisection steps after the ramp (2)")
    parser.add_argument("--max-sessions", type=int, default=128, help="never more (128)")
    parser.add_argument(
        "--memory-sessions",
        help=f"idle session counts for the memory run ({FULL['memory_sessions']})",
    )
    parser.add_argument("--ttl", type=int, default=5, help="disconnected-session TTL, memory run")
    parser.add_argument("--skip-memory", action="store_true", help="no memory run")
    parser.add_argument(
        "--file-watcher",
        default="none",
        choices=("none", "auto", "poll", "watchdog"),
        help="the server's server.fileWatcherType (none, as the image runs it)",
    )
    parser.add_argument("--skip-ramp", action="store_true", help="only the memory run")
    parser.add_argument(
        "--budget", type=float, help="seconds after which no new ramp level starts (170)"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    preset = QUICK if args.quick else FULL
    for name, value in preset.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    try:
        levels = _counts(args.levels, "--levels")
        memory = _counts(args.memory_sessions, "--memory-sessions")
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    if args.moves < 1 or args.think < 0 or args.level_time <= 0 or args.timeout <= 0:
        parser.error("--moves must be at least 1; --think, --level-time, --timeout positive")
    if max(levels) > args.max_sessions or max(memory) > args.max_sessions:
        parser.error("a level or memory count is above --max-sessions")
    opts = Options(
        levels=levels,
        moves=args.moves,
        think=args.think,
        level_time=args.level_time,
        timeout=args.timeout,
        target_ms=args.target_ms,
        refine=max(args.refine, 0),
        max_sessions=args.max_sessions,
        memory_sessions=memory,
        ttl=max(args.ttl, 1),
        seed=args.seed,
        budget=args.budget,
        file_watcher=args.file_watcher,
    )
    return opts, not args.skip_memory, not args.skip_ramp


@contextlib.contextmanager
def _environment(extra: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _server(
    prefix: str, env: dict[str, str] | None = None, file_watcher: str = "none"
) -> Iterator[tuple[str, int]]:
    """The app on a free loopback port: (base URL, server pid); ``env`` for the server only."""
    with contextlib.ExitStack() as stack:
        with _environment(env or {}):  # read when the server process starts
            app = running_app(_ROOT, log_prefix=prefix, file_watcher=file_watcher)
            base_url = stack.enter_context(app)
        yield base_url, served(base_url).pid  # the launcher's own process (serve.py)


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through ``finally``: the server is stopped


def main(argv: Sequence[str] | None = None) -> int:
    opts, memory, ramp_on = parse_options(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    started = time.monotonic()
    load_before = os.getloadavg()
    for step in range(opts.moves + 1):  # the expected figures, before any timing
        expected(LINK_PRINCIPAL_YUAN + step * PRINCIPAL_STEP_YUAN)
    levels: list[Level] = []
    best = confirm = None
    load_peak = math.nan
    if ramp_on:
        with _server("lnp-bench-load-", file_watcher=opts.file_watcher) as (base_url, pid):
            warm_up(base_url)
            levels, best, confirm = ramp(base_url, pid, opts)
            load_peak = peak_rss_mib(pid)
    points: list[MemoryPoint] = []
    peak = math.nan
    if memory:
        ttl = {TTL_ENV: str(opts.ttl)}
        with _server("lnp-bench-memory-", ttl, opts.file_watcher) as (base_url, pid):
            warm_up(base_url)
            points, peak = measure_memory(base_url, pid, opts)
    print_environment(opts, load_before)
    if ramp_on:
        print_levels(levels, confirm, opts)
        print_capacity(best, confirm, opts, load_peak)
        print_problems([*levels, *([confirm] if confirm else [])])
    if points:
        print_memory(points, peak, opts)
    print(f"Total run time: {time.monotonic() - started:.0f} s.")
    failed = confirm is not None and confirm.errors > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
