"""Opening the app in AppTest, the way every page test needs it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from core import Borrower, Case, Loan, LoanCase, Proposal, compare
from core.models import MAX_PROPOSALS
from core.text import Lang, t
from ui.live_chart import COMPONENT_NAME
from ui.results import DETAIL_TAB
from ui.state import SITUATION_DONE, fold_keys

APP = str(Path(__file__).resolve().parent.parent / "app.py")
LOCALES: dict[Lang, str] = {"zh": "zh-CN", "en": "en-US"}


def open_page(
    lang: Lang = "en",
    params: dict[str, str] | None = None,
    page: str = "app.py",
    *,
    first_visit: bool = False,
    folded: bool = False,
) -> AppTest:
    """The app as a browser in ``lang``'s locale opens it with ``params`` in the link, on ``page``.

    Unless ``first_visit``, the borrower has already given their numbers (the example's),
    so the home page shows the proposals and results rather than the first-visit form.
    Unless ``folded``, every folded group is open, so that its widgets are drawn and a test
    can set them (a folded group draws its widgets only while open: ``ui.inputs``).
    """
    at = AppTest.from_file(APP, default_timeout=60)
    at.context = {"locale": LOCALES[lang], "timezone": "Asia/Shanghai"}
    if not first_visit:
        at.session_state[SITUATION_DONE] = True
    if not folded:
        for key in fold_keys(MAX_PROPOSALS):
            at.session_state[key] = True
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    return at


def open_app(
    lang: str = "en",
    params: dict[str, str] | None = None,
    page: str = "app.py",
    *,
    first_visit: bool = False,
    folded: bool = False,
) -> AppTest:
    code: Lang = "zh" if lang == "zh" else "en"
    return open_page(code, params, page, first_visit=first_visit, folded=folded)


def texts(at: AppTest) -> list[str]:
    """Every element's content on the page (labels, bodies, help), as protobuf text."""
    found: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def panel(figure: dict[str, Any], axis: str) -> list[dict[str, Any]]:
    """The traces of one panel of a figure (``y`` the top one, ``y2`` the one below)."""
    return [trace for trace in figure["data"] if trace.get("yaxis", "y") == axis]


# What the first two proposals start with (ui.registry.STARTING_LEVERS), independently spelled.
STARTING = (Proposal(months_added=12), Proposal(new_apr=0.12, overdue_charges_waived_share=1.0))


def expected(loan: Loan | None = None, *proposals: Proposal, borrower: Borrower | None = None):
    case = Case(
        borrower=borrower or Borrower(), loans=(LoanCase(loan=loan or Loan(), proposals=proposals),)
    )
    return compare(case)


def change(widget: Any, value: Any) -> AppTest:
    """Set ``widget`` as a borrower would, let the app answer, then draw the whole page again.

    On the home page most value changes rerun only the results fragment (``app.py``); after
    such a run AppTest's tree holds that fragment alone, while a browser keeps the rest of
    the page on screen. The plain run that follows gives the test every element again
    (``test_results.TestResultsFragment`` checks the fragment draws what a full run draws).
    """
    at: AppTest = widget.set_value(value).run()
    return at.run()


def open_tab(at: AppTest, title_key: str, lang: Lang) -> AppTest:
    """Open one of the home page's tabs below the charts (only the open one is drawn)."""
    at.session_state[DETAIL_TAB] = t(title_key, lang)
    return at.run()


def tables(at: AppTest) -> list[pd.DataFrame]:
    """The Markdown tables on the page (``ui.results.show_table``), read back as text frames."""
    return [
        read_markdown_table(element.value)
        for element in at.markdown
        if sum(line.startswith("| ") for line in element.value.splitlines()) >= 2
    ]


def read_markdown_table(text: str) -> pd.DataFrame:
    """A Markdown table (the first column is the index) as a frame of its cells' text."""
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    cells = [
        [_MARKDOWN_ESCAPE.sub(r"\1", c.strip()) for c in row[2:-2].split(" | ")] for row in rows
    ]
    header, body = cells[0], cells[2:]
    frame = pd.DataFrame([row[1:] for row in body], columns=header[1:])
    frame.index = pd.Index([row[0] for row in body], name=header[0])
    return frame


# Every pipe inside a cell is escaped ("\\|"), so " | " only ever separates two cells.
_MARKDOWN_ESCAPE = re.compile(r"\\(.)")


def chart_figures(at: AppTest) -> list[dict[str, Any]]:
    """The Plotly figures on the page (the live charts, then the others), each validated.

    The home page's charts are ``ui.live_chart`` components whose data holds the figure;
    the rest are ``st.plotly_chart`` elements. The server sends the live charts' figures
    without Plotly's validation, so every test that reads a figure validates it here.
    """
    found = []
    for element in [*at.get("bidi_component"), *at.get("plotly_chart")]:
        if element.type == "plotly_chart":
            figure = json.loads(element.proto.spec)
        elif element.proto.component_name == COMPONENT_NAME:
            figure = json.loads(element.proto.json)["figure"]
        else:
            continue
        go.Figure(figure)  # raises on any property Plotly does not know or accept
        found.append(figure)
    return found


def keep_saves(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[], bytes]]:
    """The case-file writers each run's sidebar makes (``ui.casefile_ui._case_snapshot``),
    kept in order; a test calls the last one kept, from a thread of its own, to see what the
    case file holds as that run left the page.
    """
    import ui.casefile_ui

    kept: list[Callable[[], bytes]] = []
    snapshot = ui.casefile_ui._case_snapshot

    def keep() -> Callable[[], bytes]:
        kept.append(snapshot())
        return kept[-1]

    monkeypatch.setattr(ui.casefile_ui, "_case_snapshot", keep)
    return kept
