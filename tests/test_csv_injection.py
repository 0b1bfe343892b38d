"""Issue 16, point 8: no CSV the app writes runs anything when a spreadsheet opens it.

OWASP's rule for CSV injection: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel or LibreOffice as a formula (``=HYPERLINK(...)`` sends the
reader somewhere, ``+cmd|' /C calc'!A0`` starts a program). Every such text cell, index label
and header gets a quote mark in front and otherwise keeps its text; a number (a negative one
too) stays a number. The page itself shows what was typed.

The hostile text goes in where a visitor or a shared link puts it: the contact log's name,
what was said and the outcome, and a lender's name (a link's ``name`` and ``l2``). Each file is
read back with the ``csv`` module, from ``ui.tables.csv_bytes`` and as the page hands it to the
browser (the download button's bytes, a file made on click included).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from apptest_helpers import open_page
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test

from core.contacts import Channel, ContactEntry
from core.text import Lang, t
from ui import state
from ui.contact_log import COLUMNS, csv_rows
from ui.contact_log_ui import short_flag_labels
from ui.lenders import Lender
from ui.link import lenders_link_params
from ui.options import labelled
from ui.tables import comparison_table, csv_bytes
from ui.values import case_from_values

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
)
"""What a visitor may type that a spreadsheet would run: each of OWASP's starting characters."""
CHINESE = "对方同意分期，下周书面确认"
LENDER_NAMES = ('=HYPERLINK("http://x","y")', "@借呗")
"""Two lenders' names as a link sets them: the first lender's ``name``, the second's ``l2``."""
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
"""How ``to_csv`` writes a number: a spreadsheet reads it as that number, nothing more."""


def safe(text: str) -> str:
    """The cell a spreadsheet must be given for ``text``: a quote mark before a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rows_of(data: bytes) -> list[list[str]]:
    """A CSV file's rows as the ``csv`` module reads them (after the byte-order mark)."""
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_runs_nothing(rows: list[list[str]]) -> None:
    """No cell, header included, starts like a formula unless it is a plain number."""
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                assert NUMBER.fullmatch(cell), f"a spreadsheet would run {cell!r}"


def hostile_log(lenders: tuple[int, ...] = (1, 2)) -> tuple[ContactEntry, ...]:
    """One contact per hostile text (in its name, what was said and the outcome), then one
    in Chinese, an hour apart; each with a lender in turn."""
    texts = (*HOSTILE, CHINESE)
    start = dt.datetime(2026, 11, 2, 9, 0)
    return tuple(
        ContactEntry(
            when=start + dt.timedelta(hours=hour),
            lender=lenders[hour % len(lenders)],
            channel=Channel.CHAT,
            who=text,
            said=text,
            outcome=text,
            proposal=1,
        )
        for hour, text in enumerate(texts)
    )


def log_labels(lang: Lang) -> dict[str, str]:
    return {
        key: t(key, lang)
        for key in (
            *(f"channel.{c.value}" for c in Channel),
            *(f"log.col.{c}" for c in (*COLUMNS, "flags")),
            "log.yes",
            "log.no",
        )
    }


def assert_log_csv(data: bytes, lang: Lang, lenders: dict[int, str]) -> None:
    """The contact log's CSV: every hostile cell quoted and otherwise as typed, the rest kept."""
    header, *rows = rows_of(data)
    assert_runs_nothing([header, *rows])
    column = {name: header.index(t(f"log.col.{name}", lang)) for name in ("who", "said", "when")}
    column["outcome"] = header.index(t("log.col.outcome", lang))
    column["lender"] = header.index(t("log.col.lender", lang))
    log = hostile_log()
    assert len(rows) == len(log)
    for row, entry in zip(rows, log, strict=True):  # written sorted by time, as made
        for name in ("who", "said", "outcome"):
            assert row[column[name]] == safe(getattr(entry, name)), (name, row)
        assert row[column["lender"]] == safe(lenders[entry.lender or 0])
        assert row[column["when"]] == entry.when.strftime("%Y-%m-%d %H:%M")
    assert [row[column["who"]] for row in rows[:-1]] == ["'" + text for text in HOSTILE]
    assert rows[-1][column["said"]] == CHINESE  # nothing to quote: left exactly as typed


# --- the rule, where every CSV is written -----------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_contact_log_csv_quotes_every_cell_a_spreadsheet_would_run(lang: Lang):
    lenders = dict(enumerate(LENDER_NAMES, start=1))
    table = csv_rows(hostile_log(), log_labels(lang), short_flag_labels(lang), lenders)
    assert_log_csv(csv_bytes(table.set_index(table.columns[0])), lang, lenders)
    # The table the page shows is not changed: only the file's cells are quoted.
    who = table[t("log.col.who", lang)].tolist()
    assert who == [*HOSTILE, CHINESE]


def test_numbers_stay_numbers_and_text_that_looks_like_one_is_quoted():
    index = pd.Index(["-a", "b", "=c"], name="+k")
    frame = pd.DataFrame(
        {
            "=sum": [-1.5, 2.0, -3.25],  # a header that looks like a formula
            "count": pd.Series([1, -2, 3], index=index, dtype="int64"),
            # Numbers among empty cells, as the comparison table holds them.
            "mixed": pd.Series([-12, 2.5, None], index=index, dtype=object),
            "said": ["-1.5", "+86 138", "@home"],  # text: a spreadsheet would compute it
            "when": [dt.date(2026, 1, 2), dt.date(2026, 2, 2), dt.date(2026, 3, 2)],
        },
        index=index,
    )
    header, *rows = rows_of(csv_bytes(frame))
    assert header == ["'+k", "'=sum", "count", "mixed", "said", "when"]
    assert rows == [
        ["'-a", "-1.5", "1", "-12", "'-1.5", "2026-01-02"],
        ["b", "2.0", "-2", "2.5", "'+86 138", "2026-02-02"],
        ["'=c", "-3.25", "3", "", "'@home", "2026-03-02"],
    ]
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig")
    assert back["'=sum"].tolist() == [-1.5, 2.0, -3.25]  # read back as numbers
    assert back["count"].tolist() == [1, -2, 3]
    assert frame.index.tolist() == ["-a", "b", "=c"]  # the frame itself is untouched
    assert frame["said"].tolist() == ["-1.5", "+86 138", "@home"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_comparison_csv_keeps_its_negative_figures_as_numbers(lang: Lang):
    built = case_from_values({})
    assert built.case is not None
    from core import compare

    table = comparison_table(labelled(compare(built.case), (1, 2), lang).options, lang)
    _, *rows = rows_of(csv_bytes(table))
    cells = [cell for row in rows for cell in row[1:]]
    negative = [cell for cell in cells if cell.startswith("-")]
    assert negative, "staying overdue saves less than nothing: a negative figure"
    assert all(NUMBER.fullmatch(cell) for cell in cells if cell), cells


TEXT_CELLS = st.text(max_size=12) | st.sampled_from([*HOSTILE, CHINESE, "-", "=", ""])


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    """A table of random text (formula-like text often), a column of numbers, text headers."""
    size = draw(st.integers(0, 4))
    width = draw(st.integers(1, 3))
    columns: dict[Any, list[Any]] = {}
    headers = draw(st.lists(TEXT_CELLS, min_size=width, max_size=width, unique=True))
    for header in headers:
        columns[header] = draw(st.lists(TEXT_CELLS, min_size=size, max_size=size))
    numbers = st.floats(allow_nan=False, allow_infinity=False, width=32) | st.integers(-999, 999)
    columns[" figures (a number)"] = draw(st.lists(numbers, min_size=size, max_size=size))
    labels = draw(st.lists(TEXT_CELLS, min_size=size, max_size=size))
    name = draw(st.none() | TEXT_CELLS)
    return pd.DataFrame(columns, index=pd.Index(labels, name=name, dtype=object), dtype=object)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(frame=frames())
def test_any_text_is_quoted_exactly_when_a_spreadsheet_would_run_it(frame: pd.DataFrame):
    """300 random tables: every text cell, label and header reads back as ``safe(text)``."""
    header, *rows = rows_of(csv_bytes(frame))
    assert_runs_nothing([header, *rows])
    name = frame.index.name
    assert header == [safe(name) if name is not None else "", *map(safe, frame.columns)]
    assert len(rows) == len(frame)
    for row, label, values in zip(rows, frame.index, frame.itertuples(index=False), strict=True):
        assert row[0] == safe(label)
        *texts, figure = values
        assert row[1:-1] == [safe(text) for text in texts]
        assert float(row[-1]) == pytest.approx(float(figure), rel=1e-6)


# --- the files the pages hand to the browser ------------------------------------------------


Media = list[tuple[MediaFileManager, MemoryMediaFileStorage]]


@pytest.fixture
def managers(monkeypatch: pytest.MonkeyPatch) -> Media:
    """The media file manager of each AppTest run and its storage, kept (AppTest drops its
    own after a run), so that a test can fetch what a click on a download button gets."""
    made: Media = []

    def manager(storage: MemoryMediaFileStorage) -> MediaFileManager:
        made.append((MediaFileManager(storage), storage))
        return made[-1][0]

    monkeypatch.setattr(app_test, "MediaFileManager", manager)
    return made


def downloads(at: AppTest, managers: Media) -> Iterator[tuple[str, bytes]]:
    """Every download button of the last run: its file's name and the bytes a click gets
    (a file made on click is made here, as the server makes it)."""
    manager, storage = managers[-1]
    for button in at.get("download_button"):
        proto = button.proto
        deferred = proto.deferred_file_id
        url = manager.execute_deferred(deferred) if deferred else proto.url
        file = storage.get_file(url.rsplit("/", 1)[1])
        yield file.filename or "", file.content


def csv_downloads(at: AppTest, managers: Media) -> dict[str, bytes]:
    return {name: data for name, data in downloads(at, managers) if name.endswith(".csv")}


def hostile_link() -> dict[str, str]:
    """A shared link of two lenders, each named with text a spreadsheet would run."""
    second = Lender(2, {"name": LENDER_NAMES[1], "principal": 8_000.0})
    params = lenders_link_params([Lender(1), second], 0)
    return {
        "name": LENDER_NAMES[0],
        "principal": "30000",
        "income": "9000",
        "expenses": "3000",
        **params,
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_contact_log_page_downloads_quoted_cells_and_shows_them_as_typed(
    lang: Lang, managers: Media
):
    at = open_page(lang, hostile_link())
    assert not at.exception
    ids = [lender.id for lender in at.session_state[state.LENDERS]]
    assert ids == [1, 2]
    at.session_state[state.CONTACT_LOG] = hostile_log()
    at.switch_page("pages/2_contact_log.py").run()
    assert not at.exception
    files = csv_downloads(at, managers)
    assert set(files) == {"contact-log.csv"}
    assert_log_csv(files["contact-log.csv"], lang, dict(enumerate(LENDER_NAMES, start=1)))
    # The page's own table shows each name and text exactly as typed, without a quote mark.
    (shown,) = [
        frame.value
        for frame in at.dataframe
        if t("log.col.who", lang) in frame.value.columns
        and t("log.col.flags", lang) in frame.value.columns
    ]
    assert shown[t("log.col.who", lang)].tolist() == [*HOSTILE, CHINESE]
    lenders = shown[t("log.col.lender", lang)].tolist()
    assert lenders == [LENDER_NAMES[i % 2] for i in range(len(HOSTILE) + 1)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_lenders_plan_csv_quotes_a_lenders_name_in_its_header(lang: Lang, managers: Media):
    at = open_page(lang, hostile_link(), "pages/5_lenders.py")
    assert not at.exception
    files = csv_downloads(at, managers)
    (name,) = files
    assert name.startswith("plan-")
    header, *rows = rows_of(files[name])
    assert_runs_nothing([header, *rows])
    assert header[2:4] == [
        "'" + t("table.split.yuan", lang, name=LENDER_NAMES[0]),
        "'" + t("table.split.yuan", lang, name=LENDER_NAMES[1]),
    ]
    assert rows and all(NUMBER.fullmatch(cell) for row in rows for cell in row[2:])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_csv_of_the_home_page_runs_nothing_and_keeps_its_numbers(lang: Lang, managers: Media):
    at = open_page(lang, hostile_link())
    at.session_state["_schedule_open"] = True  # the schedules' expander, as a click opens it
    at.run()
    assert not at.exception
    files = csv_downloads(at, managers)
    choice = at.selectbox(key="_schedule_choice")
    for option in range(1, len(choice.options)):  # every option's schedule in turn
        choice.set_value(option).run()
        files |= csv_downloads(at, managers)
    assert {"comparison.csv", "contract.csv", "stay-overdue.csv", "proposal-1.csv"} <= set(files)
    for name, data in files.items():
        rows = rows_of(data)
        assert_runs_nothing(rows)
        figures = [cell for row in rows[1:] for cell in row if NUMBER.fullmatch(cell)]
        assert figures, name
    comparison = [cell for row in rows_of(files["comparison.csv"])[1:] for cell in row[1:]]
    assert any(cell.startswith("-") and NUMBER.fullmatch(cell) for cell in comparison)
