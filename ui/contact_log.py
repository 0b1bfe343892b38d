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

from core.contacts import ContactEntry, Flag, rule_flags

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

    ``lender_labels`` names each lender by its number; without it (one lender) the lender
    column is left out.
    """
    rows = []
    for entry, flags in timeline(entries):
        record = entry.model_dump()
        record["channel"] = labels.get(f"channel.{entry.channel.value}", entry.channel.value)
        record["flags"] = "; ".join(flag_labels[flag] for flag in sorted(flags))
        # Text in the columns that may be empty: one type per column, as the table needs.
        record["when"] = entry.when.strftime("%Y-%m-%d %H:%M")  # as the editor shows it
        record["proposal"] = "" if entry.proposal is None else str(entry.proposal)
        record["follow_up"] = "" if entry.follow_up is None else entry.follow_up.isoformat()
        record["lender"] = (lender_labels or {}).get(entry.lender or 0, "")
        for column in ("evidence_kept", "they_called"):  # words, not True / False
            record[column] = labels.get(f"log.{'yes' if record[column] else 'no'}", "")
        rows.append(record)
    columns = [c for c in (*COLUMNS, "flags") if c != "lender" or lender_labels is not None]
    frame = pd.DataFrame(rows, columns=columns).astype(object)
    frame = frame.where(frame.notna(), "")  # an empty cell, not the word "None"
    return frame.rename(columns={c: labels.get(f"log.col.{c}", c) for c in frame.columns})
