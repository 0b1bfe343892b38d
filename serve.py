"""Run the app with its modules already imported: ``uv run python serve.py``.

Streamlit imports a page's modules during the first visitor's first run, so the first
visit after a start waited for pandas, pydantic's models, the catalogs and the rest of
``core`` and ``ui`` (about 1.3 s on this project's machine, more when it is busy). This
imports them first and then hands over to Streamlit's own command line, exactly as
``streamlit run app.py`` with the same options (``python serve.py --server.port 8502``):
the server answers its health check only once they are in memory. Nothing else changes;
``streamlit run app.py`` still works, only with that slower first visit.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PACKAGES = ("core", "ui")
"""The app's own packages: every module in them is imported before the server starts."""
LIBRARIES = ("pandas", "pyarrow")
"""Imported on a page's first run by the app or by Streamlit's tables, whatever the page."""


def warm() -> list[str]:
    """Import the libraries and every module of the app's packages; their names, in order."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # as ``streamlit run`` puts the script's folder first
    names = list(LIBRARIES)
    for package in PACKAGES:
        module = importlib.import_module(package)
        names.append(package)
        names += [info.name for info in pkgutil.walk_packages(module.__path__, f"{package}.")]
    for name in names:
        importlib.import_module(name)
    return names


def main(argv: Sequence[str] | None = None) -> int:
    """Warm the imports, then run ``streamlit run app.py`` with ``argv``'s options."""
    warm()
    from streamlit.web import cli

    options = list(sys.argv[1:] if argv is None else argv)
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *options]
    importlib.import_module("ui.server_guard").install()  # bounded bodies, less said (its doc)
    importlib.import_module("ui.widget_guard").install()  # before any session's first run
    cli.main()  # Streamlit's command line: runs the server until it is stopped, then exits
    return 0


if __name__ == "__main__":
    sys.exit(main())
