"""Shared fixtures: Debian's Chromium for pytest-playwright, and the app served on loopback.

Tests marked ``browser`` drive a real Chromium against ``streamlit run app.py``.

Chromium is looked up in ``$CHROMIUM_PATH``, then as ``chromium`` or ``chromium-browser`` on
the PATH (Playwright cannot download its own build here). Where none exists the browser tests
are skipped, unless ``LNP_REQUIRE_BROWSER`` is set (CI sets it): then they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from appserver import CHROMIUM_ARGS, find_chromium, running_app

ROOT = Path(__file__).resolve().parent.parent


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


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """``streamlit run app.py`` on a free loopback port; yields its base URL.

    See ``appserver.running_app``: the log lives outside the repository, only this process is
    stopped, and a server that fails to start or dies during the tests fails them with its log.
    """
    with running_app(ROOT) as base_url:
        yield base_url
