"""The contact log as a table: entries to rows and back, with the collection-rule flags.

Pure Python (no Streamlit). The page edits a table of rows; :func:`rows_to_entries`
turns the edited rows back into validated entries, and names each row it cannot use.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from pydantic import ValidationError

from core.contacts import MAX_ENTRIES, MAX_TEXT, ContactEntry, Flag, rule_flags

FLAGS = "flags"
"""The column that names the collection rules a contact broke: first, so a phone shows it."""
FLAG_MARK = "⚠"
COLUMNS: tuple[str, ...] = (
    "when",
    "lender",
    "channel",
    "who",
    "said",
    "proposal",
    "outcome",
    "follow_up",
    "evidence_kept",
    "they_called",
)


MAX_ADDED_AT_ONCE = 50
"""The most rows one change of the log's table may add (a paste of a block of rows).

The table's edits arrive as one message; Streamlit adds each new row to the table on its
own, about 2.4 ms a row on this project's machine, so a message of 50 rows costs the
server about 0.12 s, and one of 100,000 rows would have cost minutes. A person adds rows
one at a time or pastes a few; a longer paste goes in parts.
"""
_EDIT_PARTS = frozenset(("edited_rows", "added_rows", "deleted_rows"))
_CELL_TYPES = (str, int, float, bool)


def edit_problem(edits: Any, rows: int) -> str | None:
    """Why the log table's edits, as the browser sent them, cannot be applied, or None.

    ``edits`` is the data editor's state (``edited_rows`` by row position, ``added_rows``,
    ``deleted_rows``) and ``rows`` the number of rows it edits. Checked before Streamlit
    applies them, in one pass over the message: ``"shape"`` for anything the table cannot
    send (an unknown column, a row that is not there, a cell that is not text, a number,
    a yes / no or empty), ``"too_long"`` for a text over the longest a cell takes,
    ``"at_once"`` for more than :data:`MAX_ADDED_AT_ONCE` rows added by one change, and
    ``"count"`` when the log would hold more than :data:`~core.contacts.MAX_ENTRIES`.

    >>> edit_problem({"edited_rows": {0: {"said": "ok"}}, "added_rows": [], "deleted_rows": []}, 1)
    >>> edit_problem({"edited_rows": {3: {"said": "ok"}}}, 1), edit_problem([], 1)
    ('shape', 'shape')
    >>> edit_problem({"added_rows": [{"who": "A"}] * 51}, 0)
    'at_once'
    """
    if edits is None:
        return None
    if not isinstance(edits, Mapping) or not set(edits) <= _EDIT_PARTS:
        return "shape"
    edited = edits.get("edited_rows", {})
    added = edits.get("added_rows", [])
    deleted = edits.get("deleted_rows", [])
    if not isinstance(edited, Mapping) or not isinstance(added, list):
        return "shape"
    if not isinstance(deleted, list) or not all(_row(number, rows) for number in deleted):
        return "shape"
    if not all(_row(_position(number), rows) for number in edited):
        return "shape"
    if len(added) > MAX_ADDED_AT_ONCE:
        return "at_once"
    problem = None
    for cells in (*edited.values(), *added):
        found = _cells_problem(cells)
        if found == "shape":
            return found
        problem = problem or found
    if problem is not None:
        return problem
    if rows - len(set(deleted)) + len(added) > MAX_ENTRIES:
        return "count"
    return None


def _row(number: Any, rows: int) -> bool:
    """True for a row position of the table (not a bool, which is an int in Python)."""
    return isinstance(number, int) and not isinstance(number, bool) and 0 <= number < rows


def _position(key: Any) -> Any:
    """An edited row's key: a row position, which a test (or JSON) may give as its digits."""
    return int(key) if isinstance(key, str) and key.isascii() and key.isdigit() else key


def _cells_problem(cells: Any) -> str | None:
    if not isinstance(cells, Mapping) or not set(cells) <= set(COLUMNS):
        return "shape"
    for value in cells.values():
        if value is None:
            continue
        if not isinstance(value, _CELL_TYPES):
            return "shape"
        if isinstance(value, float) and not math.isfinite(value):
            return "shape"
        if isinstance(value, str) and len(value) > MAX_TEXT:
            return "too_long"
    return None


def entries_to_rows(entries: Sequence[ContactEntry]) -> pd.DataFrame:
    """A table with one row per entry, in the given order."""
    return pd.DataFrame(
        {
            "when": pd.Series([e.when for e in entries], dtype="datetime64[ns]"),
            "lender": pd.Series([e.lender for e in entries], dtype="Int64"),
            "channel": pd.Series([e.channel.value for e in entries], dtype="object"),
            "who": pd.Series([e.who for e in entries], dtype="object"),
            "said": pd.Series([e.said for e in entries], dtype="object"),
            "proposal": pd.Series([e.proposal for e in entries], dtype="Int64"),
            "outcome": pd.Series([e.outcome for e in entries], dtype="object"),
            "follow_up": pd.Series([e.follow_up for e in entries], dtype="object"),
            "evidence_kept": pd.Series([e.evidence_kept for e in entries], dtype="bool"),
            "they_called": pd.Series([e.they_called for e in entries], dtype="bool"),
        },
        columns=list(COLUMNS),
    )


def _blank(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return bool(pd.isna(value)) if not isinstance(value, str | bool | dt.date) else False


def _cell(column: str, value: Any) -> Any:
    if _blank(value):
        return {
            "who": "",
            "said": "",
            "outcome": "",
            "evidence_kept": False,
            "they_called": True,
        }.get(column)
    if column == "when" and isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if column == "follow_up" and isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if column in ("proposal", "lender"):
        return int(value)
    return value


def rows_to_entries(
    rows: pd.DataFrame,
) -> tuple[list[ContactEntry], list[tuple[int, ValidationError]]]:
    """Validated entries from the edited rows, and (row number from 1, error) for the others.

    >>> entries, errors = rows_to_entries(entries_to_rows(
    ...     [ContactEntry(when=dt.datetime(2026, 12, 1, 23, 0), who="A-17")]))
    >>> entries[0].who, errors
    ('A-17', [])
    """
    entries: list[ContactEntry] = []
    errors: list[tuple[int, ValidationError]] = []
    for number, (_, row) in enumerate(rows.iterrows(), start=1):
        fields = {column: _cell(column, row.get(column)) for column in COLUMNS}
        try:
            entries.append(ContactEntry(**fields))
        except ValidationError as error:
            errors.append((number, error))
    return entries, errors


def flag_text(flags: set[Flag], labels: Mapping[Flag, str]) -> str:
    """The rules a contact broke, marked so the row stands out; empty when it broke none.

    >>> flag_text({Flag.TOO_MANY_CALLS, Flag.QUIET_HOURS}, {f: f.value for f in Flag})
    '⚠ quiet_hours · too_many_calls'
    >>> flag_text(set(), {})
    ''
    """
    if not flags:
        return ""
    return f"{FLAG_MARK} " + " · ".join(labels[flag] for flag in sorted(flags))


def with_flags(rows: pd.DataFrame, labels: Mapping[Flag, str]) -> pd.DataFrame:
    """The editor's rows with the rules each one broke as the first column.

    Rows that do not make a valid entry get no flag (the page says what is wrong with them).
    """
    entries, errors = rows_to_entries(rows)
    refused = {number for number, _ in errors}
    valid = iter(rule_flags(entries))
    flags = [
        "" if number in refused else flag_text(next(valid), labels)
        for number in range(1, len(rows) + 1)
    ]
    shown = rows.copy()
    shown.insert(0, FLAGS, pd.Series(flags, index=rows.index, dtype="object"))
    return shown


def flags_current(
    shown: pd.DataFrame, entries: Sequence[ContactEntry], labels: Mapping[Flag, str]
) -> bool:
    """True when the flags ``shown`` (one a row) are those of ``entries`` (one a row).

    False when a row was added or removed, or an edit changed which rules a row breaks.
    """
    if FLAGS not in shown.columns or len(shown) != len(entries):
        return False
    now = [flag_text(flags, labels) for flags in rule_flags(entries)]
    before = ["" if _blank(value) else str(value) for value in shown[FLAGS]]
    return before == now


def timeline(entries: Sequence[ContactEntry]) -> list[tuple[ContactEntry, set[Flag]]]:
    """The entries sorted by time, each with the collection rules it shows broken."""
    ordered = sorted(entries, key=lambda e: e.when)
    return list(zip(ordered, rule_flags(ordered), strict=True))


def csv_rows(
    entries: Sequence[ContactEntry],
    labels: dict[str, str],
    flag_labels: dict[Flag, str],
    lender_labels: Mapping[int, str] | None = None,
) -> pd.DataFrame:
    """The log sorted by time as the CSV export holds it, with translated headers and flags.

    The rules a contact broke come first (marked, so a phone shows them without scrolling
    sideways); yes / no columns hold the language's words (``log.yes`` / ``log.no``) and an
    empty cell stays empty. ``lender_labels`` names each lender by its number; without it
    (one lender) the lender column is left out.
    """
    rows = []
    for entry, flags in timeline(entries):
        record = entry.model_dump()
        record["channel"] = labels.get(f"channel.{entry.channel.value}", entry.channel.value)
        record[FLAGS] = flag_text(flags, flag_labels)
        # Text in the columns that may be empty: one type per column, as the table needs.
        record["when"] = entry.when.strftime("%Y-%m-%d %H:%M")  # as the editor shows it
        record["proposal"] = "" if entry.proposal is None else str(entry.proposal)
        record["follow_up"] = "" if entry.follow_up is None else entry.follow_up.isoformat()
        record["lender"] = (lender_labels or {}).get(entry.lender or 0, "")
        for column in ("evidence_kept", "they_called"):  # words, not True / False
            record[column] = labels.get(f"log.{'yes' if record[column] else 'no'}", "")
        rows.append(record)
    columns = [c for c in (FLAGS, *COLUMNS) if c != "lender" or lender_labels is not None]
    frame = pd.DataFrame(rows, columns=columns).astype(object)
    frame = frame.where(frame.notna(), "")  # an empty cell, not the word "None"
    return frame.rename(columns={c: labels.get(f"log.col.{c}", c) for c in frame.columns})
