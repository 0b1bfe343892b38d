"""The app served on loopback and the Chromium to drive it, for the browser tests and benchmark.

``running_app(root)`` runs ``python serve.py`` (``streamlit run app.py``) from ``root`` on a free loopback
port (headless, no file watcher, no usage statistics, its log in a temporary file outside the
repository), waits for ``/_stcore/health`` to answer ``ok``, yields the base URL and always
stops exactly that process. ``served(base_url)`` tells which process serves a running app
(its pid, command line and log), for tests that watch the server itself. ``find_chromium()``
and ``CHROMIUM_ARGS`` say which Chromium to launch and how.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

# The machine has a closed network: Chromium's own background traffic (component updates,
# sync, safe browsing, ...) would only produce a flood of refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SERVER_START_TIMEOUT_S = 60.0
SERVER_STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class Served:
    """The process behind a running app: its URL, pid, command line and log file."""

    url: str
    pid: int
    command: tuple[str, ...]
    log_path: Path


_SERVED: dict[str, Served] = {}


def served(base_url: str) -> Served:
    """The process serving ``base_url`` (a URL yielded by :func:`running_app`, still running)."""
    return _SERVED[base_url]


def find_chromium() -> str | None:
    """The Chromium executable to drive: ``$CHROMIUM_PATH``, else one on the PATH, else None."""
    from_env = os.environ.get("CHROMIUM_PATH", "").strip()
    if from_env:
        path = Path(from_env).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        found = shutil.which(from_env)
        return found  # an unusable CHROMIUM_PATH counts as "no browser", never a fallback
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def tail(path: Path, limit: int = 4000) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"(log unreadable: {error})"
    return data[-limit:].decode("utf-8", errors="replace")


def _health_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body: bytes = response.read()
    except (urllib.error.URLError, OSError):
        return False
    return body.strip() == b"ok"


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SERVER_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def running_app(
    root: Path,
    *,
    log_prefix: str = "lnp-streamlit-",
    log_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    usage_stats_flag: bool = True,
    on_start: Callable[[int], None] | None = None,
    file_watcher: str = "none",
) -> Iterator[str]:
    """``python serve.py`` (``streamlit run app.py`` with the app's modules imported first)
    in ``root`` on a free loopback port; yields its base URL.

    The server's log goes to a temporary file outside the repository (a file growing inside
    the app folder would be seen by Streamlit's watchers), in ``log_dir`` if given. ``env``
    adds to (or overrides) the server's environment. ``usage_stats_flag=False`` leaves out
    ``--browser.gatherUsageStats false``, so that only the app's own ``.streamlit/config.toml``
    decides. ``on_start`` is called with the server's pid as soon as it is started.
    ``file_watcher`` is ``server.fileWatcherType`` (``none``, as the image runs it). A server that does not become healthy, or dies before the block ends, raises
    ``RuntimeError`` with the log's tail. Only this process is stopped; its log is deleted
    when all went well, else kept and named.
    """
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    # The app's own launcher (``streamlit run app.py`` once its modules are imported); a
    # folder without one (a benchmark's probe app) is run by Streamlit directly.
    launcher = (
        ["serve.py"] if (root / "serve.py").is_file() else ["-m", "streamlit", "run", "app.py"]
    )
    command = [
        sys.executable,
        *launcher,
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        file_watcher,
    ]
    if usage_stats_flag:
        command += ["--browser.gatherUsageStats", "false"]
    fd, log_name = tempfile.mkstemp(prefix=log_prefix, suffix=".log", dir=log_dir)
    log_path = Path(log_name)
    server_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(
            command, cwd=root, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=server_env
        )
    _SERVED[base_url] = Served(base_url, process.pid, tuple(command), log_path)
    try:
        if on_start is not None:
            on_start(process.pid)
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _health_ok(f"{base_url}/_stcore/health"):
            if process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with code {process.returncode} before it was healthy; "
                    f"log {log_path}:\n{tail(log_path)}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"streamlit did not answer {base_url}/_stcore/health within "
                    f"{SERVER_START_TIMEOUT_S:.0f} s; log {log_path}:\n{tail(log_path)}"
                )
            time.sleep(0.2)
        yield base_url
        if process.poll() is not None:
            raise RuntimeError(
                f"streamlit died while it was in use (code {process.returncode}); "
                f"log {log_path}:\n{tail(log_path)}"
            )
    except BaseException:
        _SERVED.pop(base_url, None)
        stop(process)
        print(f"(server log kept: {log_path})", file=sys.stderr)
        raise  # keep the log for a post-mortem
    else:
        _SERVED.pop(base_url, None)
        stop(process)
        log_path.unlink(missing_ok=True)
