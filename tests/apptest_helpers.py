"""Opening the app in AppTest, the way every page test needs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from core.text import Lang

APP = str(Path(__file__).resolve().parent.parent / "app.py")
LOCALES: dict[Lang, str] = {"zh": "zh-CN", "en": "en-US"}


def open_page(
    lang: Lang = "en", params: dict[str, str] | None = None, page: str = "app.py"
) -> AppTest:
    """The app as a browser in ``lang``'s locale opens it with ``params`` in the link, on ``page``."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.context = {"locale": LOCALES[lang], "timezone": "Asia/Shanghai"}
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    return at


def change(widget: Any, value: Any) -> AppTest:
    """Set ``widget`` as a borrower would, let the app answer, then draw the whole page again.

    On the home page most value changes rerun only the results fragment (``app.py``); after
    such a run AppTest's tree holds that fragment alone, while a browser keeps the rest of
    the page on screen. The plain run that follows gives the test every element again
    (``test_app.TestResultsFragment`` checks the fragment draws what a full run draws).
    """
    at: AppTest = widget.set_value(value).run()
    return at.run()
