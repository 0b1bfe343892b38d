"""Shared fixtures: Debian's Chromium for pytest-playwright, and the app served on loopback.

Tests marked ``browser`` drive a real Chromium against ``streamlit run app.py``.

Chromium is looked up in ``$CHROMIUM_PATH``, then as ``chromium`` or ``chromium-browser`` on
the PATH (Playwright cannot download its own build here). Where none exists the browser tests
are skipped, unless ``LNP_REQUIRE_BROWSER`` is set (CI sets it): then they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

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


def browser_required() -> bool:
    """True when ``LNP_REQUIRE_BROWSER`` is set: browser tests must then run, never skip."""
    value = os.environ.get("LNP_REQUIRE_BROWSER", "").strip().lower()
    return value not in ("", "0", "false", "no")


CHROMIUM_PATH = find_chromium()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip (or, where a browser is required, fail) browser tests when no Chromium exists."""
    if CHROMIUM_PATH is not None or item.get_closest_marker("browser") is None:
        return
    where = (
        f"CHROMIUM_PATH={os.environ['CHROMIUM_PATH']!r} is not an executable"
        if os.environ.get("CHROMIUM_PATH", "").strip()
        else "no CHROMIUM_PATH, and neither `chromium` nor `chromium-browser` is on the PATH"
    )
    if browser_required():
        pytest.fail(
            f"LNP_REQUIRE_BROWSER is set but no Chromium was found ({where}); "
            "install Debian's `chromium` or point CHROMIUM_PATH at one",
            pytrace=False,
        )
    pytest.skip(f"no Chromium to drive ({where}); set LNP_REQUIRE_BROWSER=1 to make this fail")


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], browser_name: str | None
) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at the Chromium found above."""
    if browser_name not in (None, "chromium") or CHROMIUM_PATH is None:
        return browser_type_launch_args
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": args}


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str | None:
    """Same as pytest-playwright's fallback ``base_url``, which it defines as a method on a
    plugin class: pytest 9.2 deprecates session fixtures written that way, and with
    ``filterwarnings = ["error"]`` the warning would fail every browser test."""
    configured = pytestconfig.getoption("--base-url", None) or pytestconfig.getini("base_url")
    return str(configured) if configured else None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Every context starts as a desktop window; a test may change that with the plugin's
    ``@pytest.mark.browser_context_args(viewport=..., is_mobile=True, ...)`` marker."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(path: Path, limit: int = 4000) -> str:
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


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SERVER_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """``streamlit run app.py`` on a free loopback port; yields its base URL.

    The server's log goes to a temporary file outside the repository (a file growing inside
    the app folder would be seen by Streamlit's watchers). Only this process is stopped.
    """
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    fd, log_name = tempfile.mkstemp(prefix="lnp-streamlit-", suffix=".log")
    log_path = Path(log_name)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _health_ok(f"{base_url}/_stcore/health"):
            if process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with code {process.returncode} before it was healthy; "
                    f"log {log_path}:\n{_tail(log_path)}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"streamlit did not answer {base_url}/_stcore/health within "
                    f"{SERVER_START_TIMEOUT_S:.0f} s; log {log_path}:\n{_tail(log_path)}"
                )
            time.sleep(0.2)
        yield base_url
        if process.poll() is not None:
            raise RuntimeError(
                f"streamlit died during the tests (code {process.returncode}); "
                f"log {log_path}:\n{_tail(log_path)}"
            )
    except BaseException:
        _stop(process)
        raise  # keep the log for a post-mortem
    else:
        _stop(process)
        log_path.unlink(missing_ok=True)
