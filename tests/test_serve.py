"""``serve.py``: the app's modules imported before Streamlit starts, then ``streamlit run``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import serve

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_of_the_apps_packages_is_imported_first():
    names = serve.warm()
    on_disk = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in serve.PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }
    assert on_disk <= set(names)
    assert {"pandas", "pyarrow"} <= set(names)
    assert all(name in sys.modules for name in names)
    # Nothing in them needs a running server or a session to be imported.
    assert "core.text.zh" in names and "ui.shell" in names


def test_then_streamlit_runs_app_py_with_the_options_given(monkeypatch: pytest.MonkeyPatch):
    from streamlit.web import cli

    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "main", lambda: seen.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["serve.py"])
    assert serve.main(["--server.port", "8502", "--server.headless", "true"]) == 0
    assert seen == [
        [
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            "8502",
            "--server.headless",
            "true",
        ]
    ]
