"""Privacy and security in a real browser: what a borrower enters stays in their session.

- Two sessions open at once never see each other's inputs, log, letter or files.
- A tour of every page (the first visit's form, a number typed, a slider, tabs, the checklist,
  a contact added and exported, a letter typed and downloaded, a guide preset, the language
  switch, a case file saved and opened)
  makes no request to any host but the app's own, and the server makes no connection out.
- The same tour leaves nothing on the server's disk: the app's folder, the server's temporary
  folder and home are unchanged, the server never holds a file open for writing but its log,
  and none of the strings typed in the tour is in any file written while it ran, anywhere in
  the repository or the temporary folder (the browser's own profile and downloads aside: they
  are the user's side). Usage statistics are off by the app's own configuration.
- Text a user types, links to or opens from a file is inert wherever it is shown (no HTML,
  no Markdown link), and only reviewed call sites may render HTML at all.

The tour runs once (a module fixture) against its own server: a copy of the app in a fresh
folder, with its own empty temporary folder and home, started without the usage-statistics
flag so that only the app's ``.streamlit/config.toml`` turns statistics off. Every path the
server writes to is then known, and any change in them is the server's doing. The other
tests use the session's ``app_server``.
"""

from __future__ import annotations

import ast
import compileall
import contextlib
import datetime as dt
import ipaddress
import json
import os
import re
import secrets
import shutil
import socket
import stat
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from appserver import Served, running_app, served
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Request,
    WebSocket,
    Worker,
    expect,
)
from pytest_playwright import CreateContextCallback
from test_browser_contacts import (
    EXCEPTION,
    Watch,
    add_contact,
    assert_inert,
    download,
    go_to,
    open_page,
    wait_for_grids,
    wait_idle,
)
from test_browser_home import show_options

from core.contacts import ContactEntry
from core.text import Lang, t
from ui.casefile import dump_case
from ui.registry import Key

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parent.parent
LINUX = sys.platform.startswith("linux") and Path("/proc/self/fd").is_dir()
O_TMPFILE = 0o20000000  # __O_TMPFILE among /proc/<pid>/fdinfo's flags: an unlinked new file

METRIC_VALUE = '[data-testid="stMetricValue"]'
CODE = '[data-testid="stText"]'  # the letter, shown as plain text
UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
SIDEBAR = '[data-testid="stSidebar"]'
CHARTS_DRAWN = """(count) => {
  const charts = Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter((el) => el.checkVisibility({visibilityProperty: true}));
  return charts.length >= count && charts.every((el) =>
    Array.isArray(el.data) && el.data.length > 0 && el._fullLayout !== undefined);
}"""

# Everything a page shows or holds that a user could read: title, address, text (the data
# grids keep their cells as text too), and every input's value.
SEEN = """() => [document.title, location.href, document.body.textContent,
  ...Array.from(document.querySelectorAll('input, textarea')).map((el) => el.value)].join('\\n')"""

# Hosts the browser was told to resolve or connect to ahead of time (resource hints).
HINTS = """() => Array.from(document.querySelectorAll(
  'link[rel~="preconnect"], link[rel~="dns-prefetch"], link[rel~="prefetch"],'
  + ' link[rel~="preload"], link[rel~="modulepreload"]')).map((el) => el.href)"""


def token(label: str) -> str:
    """A string no file can hold by chance: a label and 12 random hex digits."""
    return f"{label}{secrets.token_hex(6)}"


def wait_drawn(page: Page, charts: int = 2) -> None:
    """The home page's metrics and charts are drawn and the script run is over."""
    expect(page.locator(METRIC_VALUE).first).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_function(CHARTS_DRAWN, arg=charts, timeout=TIMEOUT_MS)
    wait_idle(page)


def choice(page: Page, label: str) -> Locator:
    """An option of a segmented control or of pills (buttons in a button group)."""
    return page.locator('[data-testid="stButtonGroup"] button', has_text=label)


def heading(page: Page) -> str:
    return page.locator("h1").first.inner_text(timeout=TIMEOUT_MS).strip()


def principal_box(page: Page, lang: Lang) -> Locator:
    """The sidebar's principal box (a number input; the home page's first-visit form has its
    own)."""
    return page.locator(SIDEBAR).get_by_role(
        "spinbutton", name=t("input.principal", lang), exact=True
    )


def type_letter(page: Page, lang: Lang, name: str, account: str, hardship: str) -> None:
    """Fill the letter page's three fields (each sent when it loses focus).

    A proposal beyond the budget shows its letter only once "write it anyway" is ticked
    (these cases' principals are far above the example budget): ticked here.
    """
    anyway = page.get_by_text(t("letter.anyway", lang), exact=True)
    page.locator(CODE).or_(anyway).first.wait_for(timeout=TIMEOUT_MS)
    if anyway.count():
        anyway.click()
        wait_idle(page)
    for key, text in (
        ("letter.name", name),
        ("letter.account", account),
        ("letter.hardship", hardship),
    ):
        field_ = page.get_by_label(t(key, lang), exact=True)
        field_.fill(text)
        field_.press("Tab")
        # The next field only once this one's run is over: a field typed into mid-run can
        # be drawn again empty (seen once in a full browser run). The run has begun by then.
        page.wait_for_timeout(150)
        wait_idle(page)
    expect(page.locator(CODE)).to_contain_text(hardship, timeout=TIMEOUT_MS)
    wait_idle(page)


# --- 1. Two sessions at once ----------------------------------------------------------------


@dataclass
class Person:
    """One session's distinctive inputs."""

    principal: int
    who: str = field(default_factory=lambda: token("who"))
    said: str = field(default_factory=lambda: token("said"))
    name: str = field(default_factory=lambda: token("name"))
    hardship: str = field(default_factory=lambda: token("hardship"))

    def marks(self) -> list[str]:
        """What only this person's session may ever show."""
        return [
            self.who,
            self.said,
            self.name,
            self.hardship,
            str(self.principal),
            f"{self.principal:,}",
        ]


def assert_only_own(
    page: Page, own: Person, other: Person, where: str, shown: tuple[str, ...] = ()
) -> None:
    """The page shows ``shown`` (of its own session's) and nothing of the other session's."""
    seen: str = page.evaluate(SEEN)
    leaked = [mark for mark in other.marks() if mark in seen]
    assert leaked == [], f"{where}: the other session's {leaked} shown"
    assert [mark for mark in shown if mark not in seen] == [], where
    expect(principal_box(page, "en"), where).to_have_value(
        f"{own.principal:.2f}", timeout=TIMEOUT_MS
    )
    assert f"principal={own.principal}" in page.url, where


def test_two_sessions_at_once_never_see_each_other(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path
) -> None:
    people = (Person(principal=123_400), Person(principal=987_600))
    pages: list[Page] = []
    for person in people:  # both open before either is drawn
        page = new_context(locale="en-US").new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{app_server}/contact_log?principal={person.principal}", wait_until="commit")
        pages.append(page)
    for page in pages:
        expect(page.locator("h1")).to_have_text(t("nav.log", "en"), timeout=TIMEOUT_MS)
        wait_idle(page)

    # Both fill the contact form, then both submit before either rerun is awaited.
    for page, person in zip(pages, people, strict=True):
        page.get_by_label(t("log.col.who", "en"), exact=True).fill(person.who)
        page.get_by_label(t("log.col.said", "en"), exact=True).fill(person.said)
    for page in pages:
        page.get_by_role("button", name=t("log.add_button", "en"), exact=True).click()
    # Each page with its own person, and the other one.
    sessions = [(pages[0], people[0], people[1]), (pages[1], people[1], people[0])]
    for page, own, other in sessions:
        wait_for_grids(page, own.who)
        wait_idle(page)
        assert_only_own(page, own, other, "contact log", (own.who, own.said))
        go_to(page, "nav.letter", "en")
    for page, own, _ in sessions:
        type_letter(page, "en", own.name, "", own.hardship)
    for page, own, other in sessions:
        assert_only_own(page, own, other, "letter", (own.name, own.hardship))
        letter = download(page, t("letter.download", "en"), tmp_path).decode("utf-8")
        assert own.hardship in letter
        assert not any(mark in letter for mark in other.marks())
        case = download(page, t("casefile.save", "en"), tmp_path).decode("utf-8")
        assert not any(mark in case for mark in other.marks()), "the other's data in a file"
        assert own.who in case and f'"principal": "{own.principal}"' in case

    # A reload starts a new session from the link: still each their own, never the other's.
    for page in pages:
        page.reload(wait_until="commit")
    for page, own, other in sessions:
        expect(page.locator("h1")).to_have_text(t("nav.letter", "en"), timeout=TIMEOUT_MS)
        wait_idle(page)
        assert_only_own(page, own, other, "reloaded")
        go_to(page, "nav.home", "en")
        assert_only_own(page, own, other, "reloaded, then home")
        expect(page.locator(EXCEPTION)).to_have_count(0)


def test_saved_case_file_holds_this_sessions_inputs_and_log(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path
) -> None:
    person = Person(principal=123_400)
    page, _ = open_page(
        new_context(locale="en-US"), f"{app_server}/contact_log?principal={person.principal}"
    )
    add_contact(page, "en", person.who, person.said)
    saved = json.loads(download(page, t("casefile.save", "en"), tmp_path))
    # The loan is the lender's own input: it sits with that lender in the file.
    lender = saved["lenders"][saved["active"]]["inputs"]
    assert lender.get("principal") == str(person.principal)
    assert [(e["who"], e["said"]) for e in saved["log"]] == [(person.who, person.said)]


# --- 2 and 3. A tour of every page: requests, and what the server writes -------------------


@dataclass
class Snapshot:
    """Every file and folder under a root: (size, mtime in ns) by relative path."""

    entries: dict[str, tuple[int, int]]

    @classmethod
    def of(cls, root: Path) -> Snapshot:
        entries: dict[str, tuple[int, int]] = {}
        for folder, folders, files in os.walk(root):
            for name in [*folders, *files]:
                path = Path(folder, name)
                info = path.lstat()
                size = info.st_size if stat.S_ISREG(info.st_mode) else -1
                entries[str(path.relative_to(root))] = (size, info.st_mtime_ns)
        return cls(entries)

    def changes(self, later: Snapshot) -> list[str]:
        keys = self.entries.keys() | later.entries.keys()
        return sorted(k for k in keys if self.entries.get(k) != later.entries.get(k))


def _address(hex_address: str) -> str:
    """An address from /proc/net/tcp{,6}: hex words in host byte order, then the port."""
    host, port = hex_address.split(":")
    raw = bytes.fromhex(host)
    ordered = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    family = socket.AF_INET if len(raw) == 4 else socket.AF_INET6
    return f"{socket.inet_ntop(family, ordered)} {int(port, 16)}"


class ServerWatch(threading.Thread):
    """Samples the server's open files and connections every few ms while the tour runs.

    Records each regular file the process holds open for writing or for reading, and the
    remote address of each of its sockets (from /proc/<pid>/fd, fdinfo and net/*).
    """

    def __init__(self, pid: int, interval_s: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval_s = interval_s
        self.stopped = threading.Event()
        self.written: set[str] = set()
        self.read: set[str] = set()
        self.unlinked: set[str] = set()  # open but deleted, or made unlinked (O_TMPFILE)
        self.remotes: set[str] = set()
        self.samples = 0
        self.close_samples = 0  # those taken during :meth:`closely`

    @contextlib.contextmanager
    def closely(self) -> Iterator[None]:
        """Sample without pausing while the block runs (an upload: a file the web server
        spools to disk lives only while the body arrives)."""
        every, self.interval_s = self.interval_s, 0.0
        try:
            yield
        finally:
            self.interval_s = every

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                self.sample()
            except (FileNotFoundError, ProcessLookupError):
                return  # the server is gone; the fixture reports that
            self.stopped.wait(self.interval_s)

    def sample(self) -> None:
        sockets: set[str] = set()
        fd_dir = f"/proc/{self.pid}/fd"
        for name in os.listdir(fd_dir):
            try:
                target = os.readlink(f"{fd_dir}/{name}")
                info = Path(f"/proc/{self.pid}/fdinfo/{name}").read_text()
            except OSError:
                continue  # closed meanwhile
            if target.startswith("socket:["):
                sockets.add(target[8:-1])
            elif target.startswith("/"):
                found = re.search(r"^flags:\s*(\d+)", info, re.MULTILINE)
                flags = int(found.group(1), 8) if found else 0
                writing = flags & os.O_ACCMODE != os.O_RDONLY
                (self.written if writing else self.read).add(target)
                if target.endswith(" (deleted)") or flags & O_TMPFILE:
                    self.unlinked.add(target)
        for table in ("tcp", "tcp6", "udp", "udp6"):
            try:
                lines = Path(f"/proc/{self.pid}/net/{table}").read_text().splitlines()[1:]
            except OSError:
                continue
            for line in lines:
                parts = line.split()
                if parts[9] in sockets:
                    self.remotes.add(_address(parts[2]))
        self.samples += 1
        self.close_samples += self.interval_s == 0.0


@dataclass
class Tour:
    """What the tour did and what it left behind."""

    server: Served
    app_dir: Path
    tokens: dict[str, str]
    headings: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    workers: list[str] = field(default_factory=list)
    hints: set[str] = field(default_factory=set)
    downloads: dict[str, bytes] = field(default_factory=dict)
    client_dirs: set[Path] = field(default_factory=set)
    changed: dict[str, list[str]] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    searched: int = 0
    control: list[str] = field(default_factory=list)
    watch: ServerWatch | None = None


class Recorder:
    """Every request, websocket and service worker of a browser context and its pages."""

    def __init__(self, context: BrowserContext, tour: Tour) -> None:
        self.tour = tour
        context.on("request", self._request)
        context.on("page", self._page)
        context.on("serviceworker", self._worker)

    def _request(self, request: Request) -> None:
        self.tour.requests.append(request.url)

    def _websocket(self, socket_: WebSocket) -> None:
        self.tour.websockets.append(socket_.url)

    def _worker(self, worker: Worker) -> None:
        self.tour.workers.append(worker.url)

    def _page(self, page: Page) -> None:
        page.on("request", self._request)
        page.on("websocket", self._websocket)


def copy_app(source: Path, target: Path) -> None:
    """The app as it would be deployed: the repository without its tooling's folders, with
    bytecode compiled ahead so that the server's own imports write nothing."""
    shutil.copytree(
        source,
        target,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "__pycache__", "*.pyc", ".*_cache", ".hypothesis", "artifacts"
        ),
    )
    assert compileall.compile_dir(target, quiet=1, workers=1), "the app does not compile"


def client_side(path: Path) -> bool:
    """Folders the browser writes on the user's side: Chromium's profile and shared memory
    files and Playwright's downloads (all in the temporary folder, all per browser)."""
    name = path.name
    return name.startswith(
        (
            "playwright_chromiumdev_profile-",
            "playwright-artifacts-",
            ".org.chromium.Chromium.",
            "org.chromium.Chromium.",
        )
    )


def files_holding(
    roots: list[Path], since_ns: int, needles: list[bytes], skip: set[Path]
) -> tuple[list[str], int]:
    """Files under ``roots`` modified since ``since_ns`` that hold any of ``needles``; and how
    many were searched."""
    found: list[str] = []
    searched = 0
    for root in roots:
        for folder, folders, files in os.walk(root):
            here = Path(folder)
            folders[:] = [f for f in folders if here / f not in skip and not client_side(here / f)]
            for name in files:
                path = here / name
                if path in skip or client_side(path):
                    continue
                try:
                    info = path.lstat()
                    if not stat.S_ISREG(info.st_mode) or info.st_mtime_ns < since_ns:
                        continue
                    if holds(path, needles):
                        found.append(str(path))
                except OSError:
                    continue
                searched += 1
    return found, searched


def holds(path: Path, needles: list[bytes]) -> bool:
    """Whether the file holds any of ``needles`` (read a megabyte at a time)."""
    overlap = max(map(len, needles)) - 1
    tail = b""
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            block = tail + chunk
            if any(needle in block for needle in needles):
                return True
            tail = block[-overlap:]
    return False


def run_tour(browser: Browser, context_args: dict[str, Any], url: str, tour: Tour) -> None:
    """Every page, as a borrower would use it, recording the network and the headings."""
    tokens = tour.tokens
    work = tour.app_dir.parent
    context = browser.new_context(**{**context_args, "locale": "en-US", "accept_downloads": True})
    Recorder(context, tour)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)
        watch = Watch(page)

        def seen() -> None:
            tour.headings.append(heading(page))
            tour.hints.update(page.evaluate(HINTS))

        def keep(name: str) -> None:
            data = download(page, name, work)
            tour.downloads[name] = data

        # Home: the first visit's form, a principal typed, a slider moved with the keyboard, a
        # proposal's tab and preset, the chart on request, an expander.
        page.goto(f"{url}/")
        seen()
        show_options(page, "en", {Key.PRINCIPAL: "10300"})
        wait_drawn(page)
        expect(principal_box(page, "en")).to_have_value("10300.00", timeout=TIMEOUT_MS)
        box = principal_box(page, "en")
        box.fill("10345.67")
        box.press("Enter")
        expect(box).to_have_value("10345.67", timeout=TIMEOUT_MS)
        wait_idle(page)
        slider = page.get_by_role("slider", name=t("input.p_add", "en")).first
        slider.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        expect(slider).to_have_value("15", timeout=TIMEOUT_MS)
        wait_idle(page)
        page.get_by_role("tab", name=t("proposal.tab", "en", number=2)).click()
        choice(page, t("preset.longer", "en")).filter(visible=True).click()
        wait_drawn(page)
        # The tabs below the charts: each is drawn when opened, and only while open.
        rung = page.get_by_role("button", name=t("ladder.load", "en", number=1))
        page.get_by_role("tab", name=t("ladder.title", "en"), exact=True).click()
        expect(rung).to_be_visible(timeout=TIMEOUT_MS)
        page.get_by_role("tab", name=t("lawful.title", "en"), exact=True).click()
        expect(rung).to_have_count(0, timeout=TIMEOUT_MS)
        wait_idle(page)
        page.get_by_role("tab", name=t("nothing.title", "en"), exact=True).click()
        page.get_by_text(t("nothing.show_chart", "en"), exact=True).click()
        expect(page.get_by_role("switch", name=t("nothing.show_chart", "en"))).to_be_checked(
            timeout=TIMEOUT_MS
        )
        wait_drawn(page, charts=3)
        page.locator("summary", has_text=t("nothing.milestones", "en")).click()
        expect(page.get_by_text(t("nothing.credit", "en"))).to_be_visible(timeout=TIMEOUT_MS)

        # Checklist: tick an item.
        go_to(page, "nav.checklist", "en")
        seen()
        page.get_by_text(t("check.documents", "en"), exact=True).click()
        box = page.get_by_role("checkbox", name=t("check.documents", "en"), exact=True)
        expect(box).to_be_checked(timeout=TIMEOUT_MS)
        wait_idle(page)

        # Contact log: a contact typed in, the log downloaded.
        go_to(page, "nav.log", "en")
        seen()
        follow_up = dt.date.today() + dt.timedelta(days=1)
        add_contact(page, "en", tokens["who"], tokens["said"], tokens["outcome"], follow_up)
        keep(t("log.download", "en"))

        # Letter: the borrower's own words, the letter downloaded.
        go_to(page, "nav.letter", "en")
        seen()
        type_letter(page, "en", tokens["name"], tokens["account"], tokens["hardship"])
        keep(t("letter.download", "en"))

        # Guide: a case study loads into the home page.
        go_to(page, "nav.guide", "en")
        seen()
        page.get_by_role("button", name=t("guide.load1", "en")).click()
        expect(page.locator("h1")).to_have_text(t("app.title", "en"), timeout=TIMEOUT_MS)
        wait_drawn(page)

        # The language switch, then the case file saved and another one opened.
        choice(page, t("lang.zh", "en")).click()
        expect(page.locator("h1")).to_have_text(t("app.title", "zh"), timeout=TIMEOUT_MS)
        wait_drawn(page)
        seen()
        keep(t("casefile.save", "zh"))
        case = work / "opened-case.json"
        entry = ContactEntry(when=dt.datetime(2026, 12, 1, 9, 30), who=tokens["uploaded"])
        case.write_bytes(dump_case({"principal": 23_400}, {}, [entry], dt.datetime(2026, 12, 1)))
        with tour.watch.closely() if tour.watch else contextlib.nullcontext():
            page.locator(UPLOAD).set_input_files(str(case))
            expect(principal_box(page, "zh")).to_have_value("23400.00", timeout=TIMEOUT_MS)
        wait_drawn(page)
        go_to(page, "nav.log", "zh")
        seen()
        wait_for_grids(page, tokens["uploaded"])
        assert watch.dialogs == []
        expect(page.locator(EXCEPTION)).to_have_count(0)
        tour.workers.extend(worker.url for worker in context.service_workers)
    finally:
        context.close()


@pytest.fixture(scope="module")
def tour(
    browser: Browser, browser_context_args: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Tour]:
    work = tmp_path_factory.mktemp("privacy-tour")
    app_dir, server_tmp, server_home = work / "app", work / "server-tmp", work / "server-home"
    copy_app(ROOT, app_dir)
    server_tmp.mkdir()
    server_home.mkdir()
    tokens = {k: token(k) for k in ("who", "said", "outcome", "name", "account", "hardship")}
    tokens["uploaded"] = token("uploaded")
    env = {"TMPDIR": str(server_tmp), "HOME": str(server_home)}
    watches: list[ServerWatch] = []

    def watch_from_the_start(pid: int) -> None:  # its connections at start-up count too
        if LINUX:
            watches.append(ServerWatch(pid))
            watches[0].start()

    with running_app(
        app_dir, log_dir=work, env=env, usage_stats_flag=False, on_start=watch_from_the_start
    ) as url:
        server = served(url)
        tour = Tour(server=server, app_dir=app_dir, tokens=tokens)
        folders = {"app": app_dir, "server tmp": server_tmp, "server home": server_home}
        before = {name: Snapshot.of(path) for name, path in folders.items()}
        watch = watches[0] if watches else None
        tour.watch = watch
        started_ns = time.time_ns() - 1_000_000_000  # a margin for coarse file-system clocks
        try:
            run_tour(browser, browser_context_args, url, tour)
        finally:
            if watch is not None:
                watch.stopped.set()
                watch.join()
        tour.changed = {
            name: before[name].changes(Snapshot.of(path)) for name, path in folders.items()
        }
        # Every file written anywhere in the repository or the temporary folder since the tour
        # began, the server's log included; the test's own folder holds the downloads and the
        # file it opened (the user's side).
        needles = [value.encode("utf-8") for value in tokens.values()]
        roots = [ROOT, Path(tempfile.gettempdir())]
        tour.found, tour.searched = files_holding(roots, started_ns, needles, skip={work})
        tour.found += files_holding([app_dir, server_tmp, server_home], 0, needles, skip=set())[0]
        tour.control = files_holding([work], started_ns, needles, skip={app_dir})[0]
        if holds(server.log_path, needles):
            tour.found.append(str(server.log_path))
        yield tour


def test_tour_visits_every_page_and_does_everything(tour: Tour) -> None:
    pages = ("app.title", "nav.checklist", "nav.log", "nav.letter", "nav.guide")
    expected = {t(key, "en") for key in pages} | {t("app.title", "zh"), t("nav.log", "zh")}
    assert expected <= set(tour.headings), tour.headings
    # What was typed went to the server and came back in the files it built.
    csv = tour.downloads[t("log.download", "en")].decode("utf-8-sig")
    assert all(tour.tokens[k] in csv for k in ("who", "said", "outcome"))
    letter = tour.downloads[t("letter.download", "en")].decode("utf-8")
    assert all(tour.tokens[k] in letter for k in ("name", "account", "hardship"))
    saved = json.loads(tour.downloads[t("casefile.save", "zh")])
    assert [entry["who"] for entry in saved["log"]] == [tour.tokens["who"]]
    assert saved["checklist"].get("documents") is True
    assert len(tour.requests) > 10 and tour.websockets, "the tour recorded no traffic"


def test_tour_makes_no_request_beyond_the_app(tour: Tour) -> None:
    # The tour's server had only the app's .streamlit/config.toml to turn usage statistics off.
    assert "--browser.gatherUsageStats" not in tour.server.command
    app_host = urlsplit(tour.server.url).hostname
    everything = [*tour.requests, *tour.websockets, *tour.workers, *tour.hints]
    assert any(urlsplit(url).scheme == "ws" for url in tour.websockets), tour.websockets
    remote = [
        url
        for url in everything
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != app_host
    ]
    assert remote == [], f"requests to other hosts: {remote}"
    if tour.watch is None:
        return  # not Linux: no /proc to read the server's connections from
    # The server's sockets: listening, or connected to the browser on loopback; none out.
    addresses = {remote.split()[0] for remote in tour.watch.remotes}
    assert "127.0.0.1" in addresses, "the browser's connection was never seen"
    outside = sorted(a for a in addresses if not on_this_machine(a))
    assert outside == [], f"the server connected to {outside}"


def on_this_machine(address: str) -> bool:
    """Loopback, or the unspecified address of a listening socket (IPv4-mapped too)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_unspecified


def test_tour_stores_nothing_on_the_server(tour: Tour) -> None:
    # The app's folder, the server's temporary folder and its home: not a byte changed.
    assert tour.changed == {"app": [], "server tmp": [], "server home": []}
    assert not any((tour.app_dir.parent / "server-tmp").iterdir())
    assert not any((tour.app_dir.parent / "server-home").iterdir())
    # None of what was typed is in any file written while the tour ran.
    assert tour.found == [], f"typed text found in {tour.found} (of {tour.searched} searched)"
    # The search does find the strings where they are (in the files the browser downloaded).
    assert {Path(path).name for path in tour.control} >= {"contact-log.csv", "letter.txt"}
    if tour.watch is None:
        return
    # The server only ever held open for writing its log (stdout and stderr) and /dev/null.
    assert tour.watch.samples > 50, tour.watch.samples
    assert str(tour.server.log_path) in tour.watch.written
    assert tour.watch.written <= {str(tour.server.log_path), os.devnull}, tour.watch.written
    # Nor, while the case file was uploaded (watched without pause), a file that no folder
    # shows: deleted while open, or made unlinked (a spooled upload: /tmp/#123 (deleted)).
    # (How many samples fit depends on the machine: one lists every fd and socket table, and
    # the upload and its rerun took 33 samples on a quiet machine, 14 during a CI run.)
    assert tour.watch.close_samples >= 5, tour.watch.close_samples
    assert tour.watch.unlinked == set(), tour.watch.unlinked


def test_usage_statistics_are_off(app_server: str) -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    # The tour's server goes by that file alone and makes no request out (tested above); the
    # test server is told so on its command line as well.
    command = served(app_server).command
    flag = command.index("--browser.gatherUsageStats")
    assert command[flag + 1] == "false"
    if LINUX:
        running = Path(f"/proc/{served(app_server).pid}/cmdline").read_bytes().split(b"\0")
        assert b"--browser.gatherUsageStats" in running


# --- 4. User text is inert -------------------------------------------------------------------

NAME = '<img src=x onerror="window.__owned=3"><b>bold</b>'  # the field takes 60 characters
ACCOUNT = "<b>bold</b><img src=x onerror=alert(4)>"  # and this one 40
HARDSHIP = (
    '<script>window.__owned=1</script><img src=x onerror="window.__owned=2"><b>bold</b>\n'
    '<svg onload="alert(5)"></svg> **not bold** [a link](https://example.com) `code`'
)


def test_letter_fields_are_shown_as_text(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path
) -> None:
    assert len(NAME) <= 60 and len(ACCOUNT) <= 40
    page, watch = open_page(new_context(locale="en-US"), f"{app_server}/letter")
    expect(page.locator("h1")).to_have_text(t("nav.letter", "en"), timeout=TIMEOUT_MS)
    type_letter(page, "en", NAME, ACCOUNT, HARDSHIP)
    for key, text in (("letter.name", NAME), ("letter.account", ACCOUNT)):
        expect(page.get_by_label(t(key, "en"), exact=True)).to_have_value(text, timeout=TIMEOUT_MS)
    expect(page.get_by_label(t("letter.hardship", "en"), exact=True)).to_have_value(
        HARDSHIP, timeout=TIMEOUT_MS
    )
    code = page.locator(CODE).inner_text()
    for text in (NAME, ACCOUNT, *HARDSHIP.splitlines()):
        assert text in code, f"{text!r} not shown as typed"
    assert page.locator(f"{CODE} a").count() == 0
    assert_inert(page, watch, "letter")
    letter = download(page, t("letter.download", "en"), tmp_path).decode("utf-8")
    # The hardship's lines are joined into the letter's paragraph, each kept as typed.
    assert all(text in letter for text in (NAME, ACCOUNT, *HARDSHIP.splitlines()))

    choice(page, t("letter.kind.script", "en")).click()
    expect(page.locator(CODE)).not_to_have_text(code, timeout=TIMEOUT_MS)
    wait_idle(page)
    assert NAME in page.locator(CODE).inner_text()
    assert_inert(page, watch, "script")


CASE_HEAD = {"schema": "loan-negotiation-planner/case", "version": 1, "saved_at": "2026-12-01"}
BAD_LINK = '<img src=x onerror="alert(6)">'  # a link value is cut at 40 characters
BAD_KEY = "<b>bold</b>"


def test_link_and_case_file_values_are_shown_as_text(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path
) -> None:
    url = f"{app_server}/?principal={quote(BAD_LINK)}&{quote(BAD_KEY)}=1"
    page, watch = open_page(new_context(locale="en-US"), url)
    warning = page.locator('[data-testid="stAlert"]', has_text=t("link.intro", "en"))
    expect(warning).to_contain_text(BAD_LINK, timeout=TIMEOUT_MS)
    expect(warning).to_contain_text(BAD_KEY, timeout=TIMEOUT_MS)
    assert_inert(page, watch, "link values listed")

    # A case file with the same values is refused, its reasons list them, still as text.
    case = tmp_path / "<img src=x onerror=alert(7)>.json"
    inputs = {"income": BAD_LINK, BAD_KEY: "1"}
    case.write_text(json.dumps({**CASE_HEAD, "inputs": inputs}), encoding="utf-8")
    page.locator(UPLOAD).set_input_files(str(case))
    chip = page.locator('[data-testid="stFileChipName"]')
    # The file's name, as text (Streamlit shortens a long one in the middle).
    expect(chip).to_contain_text("<img s", timeout=TIMEOUT_MS)
    refusal = page.locator('[data-testid="stAlert"]', has_text=t("casefile.kept", "en"))
    expect(refusal).to_contain_text(BAD_LINK, timeout=TIMEOUT_MS)
    expect(refusal).to_contain_text(BAD_KEY, timeout=TIMEOUT_MS)
    wait_idle(page)
    assert_inert(page, watch, "case file refused")


def test_link_and_case_file_values_are_not_rendered_as_markdown(
    new_context: CreateContextCallback, app_server: str, tmp_path: Path
) -> None:
    """A link or a case file cannot put a clickable link or formatting into the app's own
    messages (they render Markdown): the value is listed character for character."""
    value = "[Pay here](https://example.com) **now**"
    page, _ = open_page(new_context(locale="en-US"), f"{app_server}/?principal={quote(value)}")
    warning = page.locator('[data-testid="stAlert"]', has_text=t("link.intro", "en"))
    case = tmp_path / "case.json"
    case.write_text(json.dumps({**CASE_HEAD, "inputs": {"income": value}}), encoding="utf-8")
    page.locator(UPLOAD).set_input_files(str(case))
    refusal = page.locator('[data-testid="stAlert"]', has_text=t("casefile.kept", "en"))
    for alert in (warning, refusal):
        expect(alert).to_be_visible(timeout=TIMEOUT_MS)
        assert alert.locator('a[href*="example.com"]').count() == 0
        assert alert.locator("strong", has_text="now").count() == 0
        expect(alert).to_contain_text(value, timeout=TIMEOUT_MS)


# Where HTML may be rendered at all: (file, function) of each reviewed call, and what may
# be formatted into it. A new call anywhere fails here until it is reviewed and listed.
HTML_CALL_SITES = {
    ("ui/results.py", "_card"): {"item.colour", "item.name"},
    # A scrolling box around a Markdown table whose every cell is escaped (test_tables checks).
    ("ui/results.py", "show_table"): {"markdown_table(frame)"},
    # The app's style sheet: constant CSS, and catalog text each turned into a CSS string
    # whose every character but letters, digits and spaces is escaped (ui.style.css_string).
    ("ui/style.py", "page_style"): {"page_css(lang)"},
}
HTML_CALLS = {"html", "iframe", "declare_component", "component"}
# Components run their own script in the page: only the live chart, whose script is a
# constant and whose data is a figure built from catalog text and numbers (ui.charts), and
# the copy button, whose script is a constant that sets its data only as text (textContent,
# a text area's value, the clipboard).
COMPONENT_SITES = {
    ("ui/live_chart.py", "<module>"),
    ("ui/copy_button.py", "<module>"),
    ("ui/device_store.py", "<module>"),  # localStorage only: draws nothing, no HTML
    ("ui/casefile_ui.py", "<module>"),  # the save: labels as textContent, the file a Blob
}


def _enclosing(tree: ast.Module) -> dict[ast.AST, str]:
    owner: dict[ast.AST, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                owner.setdefault(inner, node.name)
    return owner


def html_calls(path: Path) -> list[tuple[str, ast.Call]]:
    """Calls in ``path`` that can render HTML: ``unsafe_allow_html`` not literally False,
    ``st.html``, ``components.html`` / ``iframe`` / ``declare_component``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    owner = _enclosing(tree)
    found: list[tuple[str, ast.Call]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names]
            module = node.module if isinstance(node, ast.ImportFrom) else ""
            assert not any("components" in n for n in [module or "", *names]), (
                f"{path}: imports Streamlit components"
            )
        if not isinstance(node, ast.Call):
            continue
        unsafe = [
            k
            for k in node.keywords
            if k.arg == "unsafe_allow_html"
            and not (isinstance(k.value, ast.Constant) and k.value.value is False)
        ]
        name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if unsafe or name in HTML_CALLS:
            found.append((owner.get(node, "<module>"), node))
    return found


def test_only_reviewed_calls_render_html() -> None:
    sources = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    sources += sorted((ROOT / "ui").glob("*.py"))
    assert len(sources) > 10
    seen: set[tuple[str, str]] = set()
    for path in sources:
        relative = path.relative_to(ROOT).as_posix()
        for function, call in html_calls(path):
            site = (relative, function)
            if isinstance(call.func, ast.Attribute) and call.func.attr == "component":
                assert site in COMPONENT_SITES, f"{relative}:{call.lineno}: a new component"
                js = next(k.value for k in call.keywords if k.arg == "js")
                assert isinstance(js, ast.Name) and js.id == "_JS", (
                    f"{site}: js is not the constant"
                )
                seen.add(site)
                continue
            assert site in HTML_CALL_SITES, (
                f"{relative}:{call.lineno} in {function}() can render HTML; review it and list "
                "it in HTML_CALL_SITES with what it formats in"
            )
            seen.add(site)
            # Its markup is one f-string of reviewed values: no user text can reach it.
            assert len(call.args) == 1 and isinstance(call.args[0], ast.JoinedStr), site
            values = {
                ast.unparse(part.value)
                for part in call.args[0].values
                if isinstance(part, ast.FormattedValue)
            }
            assert values <= HTML_CALL_SITES[site], f"{site} formats {values}"
    assert seen == set(HTML_CALL_SITES) | COMPONENT_SITES, "a listed site is gone: update the list"
    # And the values it formats come from the catalog and the palette.
    options = (ROOT / "ui" / "options.py").read_text(encoding="utf-8")
    assert "option_name(option, number, lang), option_colour(option, number)" in options
    assert "item: Labelled" in (ROOT / "ui" / "results.py").read_text(encoding="utf-8")
