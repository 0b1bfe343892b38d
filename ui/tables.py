"""The home page's tables as pandas frames, and their Markdown and CSV (no Streamlit here).

The comparison table holds numbers (money in yuan, rates in percent) for the CSV;
:func:`display_table` writes each row as the page shows it, by the unit its measure
declares in :data:`MEASURES`, never by reading the row's translated label.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import pandas as pd

from core import AllLenders, Comparison, Option, OptionKind, Strategy, Summary
from core.money import fen_to_yuan, yuan_to_fen
from core.text import Lang, t
from ui.format import money, spreadsheet_text
from ui.options import Labelled, strategy_name

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#])")
_FIGURE = re.compile(r"[-+¥%.,\d\s—]*")  # money, counts, percentages, a dash: right-aligned


class Unit(Enum):
    """How a measure of the comparison table is written."""

    MONEY = "money"  # yuan
    PERCENT = "percent"  # already times 100
    COUNT = "count"  # months


@dataclass(frozen=True, slots=True)
class Measure:
    """A row of the comparison table: its label's catalog key, its unit and its value."""

    key: str
    unit: Unit
    value: Callable[[Summary], float | None]
    plan_only: bool = False
    """Only a plan of installments has it: blank for staying overdue."""


MEASURES = (
    # The payment that must fit, by the cards' name for it; the first one beside it.
    Measure(
        "card.highest_payment",
        Unit.MONEY,
        lambda s: fen_to_yuan(s.highest_payment),
        plan_only=True,
    ),
    Measure(
        "table.first_payment", Unit.MONEY, lambda s: fen_to_yuan(s.first_payment), plan_only=True
    ),
    Measure("card.months", Unit.COUNT, lambda s: s.months_to_finish, plan_only=True),
    Measure("card.at_signing", Unit.MONEY, lambda s: fen_to_yuan(s.due_at_signing), plan_only=True),
    Measure("card.total", Unit.MONEY, lambda s: fen_to_yuan(s.total_paid)),
    Measure("card.cost", Unit.MONEY, lambda s: fen_to_yuan(s.cost)),
    Measure("card.saving_contract", Unit.MONEY, lambda s: fen_to_yuan(s.saving_vs_contract)),
    Measure("card.saving_overdue", Unit.MONEY, lambda s: fen_to_yuan(s.saving_vs_overdue)),
    Measure(
        "card.apr", Unit.PERCENT, lambda s: round(s.apr.nominal_apr * 100, 2) if s.apr else None
    ),
    Measure(
        "card.share",
        Unit.PERCENT,
        lambda s: (
            round(s.share_of_disposable * 100, 1) if s.share_of_disposable is not None else None
        ),
        plan_only=True,
    ),
    Measure("card.lender", Unit.MONEY, lambda s: fen_to_yuan(s.lender_pv)),
)


def with_unit(label: str, unit: Unit | None, lang: Lang) -> str:
    """A figure's label as a spreadsheet heads it: with its unit, yuan or percent.

    >>> with_unit("月供", Unit.MONEY, "zh"), with_unit("Share", Unit.PERCENT, "en")
    ('月供（元）', 'Share (%)')
    >>> with_unit("Months to finish", Unit.COUNT, "en")
    'Months to finish'
    """
    if unit is Unit.MONEY:
        return t("unit.yuan", lang, label=label)
    if unit is Unit.PERCENT:
        return t("unit.percent", lang, label=label)
    return label


def _count(value: float | None) -> int | float | None:
    """A count as a whole number (a month is never 12.0); None stays None."""
    return int(value) if value is not None and float(value).is_integer() else value


def comparison_table(options: Sequence[Labelled], lang: Lang) -> pd.DataFrame:
    """One column per option, one row per figure, for the CSV: money in yuan, rates in
    percent, months as whole numbers, each row's label naming its unit."""
    columns = {
        item.name: [
            None
            if measure.plan_only and item.option.kind is OptionKind.OVERDUE
            else _value(measure, item.option.summary)
            for measure in MEASURES
        ]
        for item in options
    }
    index = [with_unit(t(measure.key, lang), measure.unit, lang) for measure in MEASURES]
    frame = pd.DataFrame(columns, index=index, dtype=object)  # a count stays a whole number
    frame.index.name = t("table.measure", lang)
    return frame


def _value(measure: Measure, summary: Summary) -> float | int | None:
    value = measure.value(summary)
    return _count(value) if measure.unit is Unit.COUNT else value


def display_table(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The comparison table as the page shows it: yuan and percent signs, a dash for none.

    Row ``i`` of ``table`` is ``MEASURES[i]`` (as :func:`comparison_table` builds it); the
    page labels it without the unit, which each cell shows.
    """

    def show(unit: Unit, value: Any) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return t("card.none", lang)
        if unit is Unit.MONEY:
            return money(yuan_to_fen(value))
        if unit is Unit.PERCENT:
            return t("format.percent", lang, value=f"{value:,.2f}")
        return f"{value:,.0f}"

    rows = [
        [show(measure.unit, value) for value in row]
        for measure, row in zip(MEASURES, table.itertuples(index=False, name=None), strict=True)
    ]
    index = pd.Index([t(measure.key, lang) for measure in MEASURES], name=table.index.name)
    return pd.DataFrame(rows, index=index, columns=table.columns)


# The columns of the month-by-month tables that hold money (in yuan): their headers say so.
_MONEY_COLUMNS = frozenset(
    {
        *("payment", "interest", "principal", "arrears", "fee", "balance"),
        *("penalty", "compound", "charges", "claimed", "enforceable"),
    }
)


def _monthly_frame(columns: Mapping[str, list[Any]], lang: Lang) -> pd.DataFrame:
    """Columns by name (``col.<name>``): headed in ``lang`` with the unit of money, the
    month and every count as whole numbers."""
    data = {}
    for name, values in columns.items():
        header = with_unit(
            t(f"col.{name}", lang), Unit.MONEY if name in _MONEY_COLUMNS else None, lang
        )
        is_count = name in ("month", "days_overdue")
        data[header] = pd.Series(values, dtype="int64") if is_count else values
    return pd.DataFrame(data)


def schedule_table(option: Option, lang: Lang) -> pd.DataFrame:
    """A plan's schedule, one row a month, money in yuan, headed in ``lang`` with units."""
    return _monthly_frame(option.schedule.rows_yuan(), lang)


def overdue_table(result: Comparison, lang: Lang) -> pd.DataFrame:
    """The stay-overdue path, one row a month, money in yuan, headed in ``lang`` with units."""
    rows = result.overdue_path
    data: dict[str, list[Any]] = {
        "month": [m.month for m in rows],
        "due_date": [m.date for m in rows],
        "days_overdue": [m.days_overdue for m in rows],
        "stage": [t(f"stage.{m.stage}", lang) for m in rows],
        "penalty": [fen_to_yuan(m.penalty) for m in rows],
        "compound": [fen_to_yuan(m.compound_interest) for m in rows],
        "charges": [fen_to_yuan(m.charges) for m in rows],
        "claimed": [fen_to_yuan(m.claimed) for m in rows],
        "enforceable": [fen_to_yuan(m.enforceable) for m in rows],
    }
    return _monthly_frame(data, lang)


def claim_parts(result: Comparison) -> dict[str, list[int]]:
    """What the contract claims at each month of the stay-overdue path, part by part, in fen.

    Keyed by each part's catalog key, in the order they stack.
    """
    path = result.overdue_path
    return {
        "cost.principal": [result.position.principal for _ in path],
        "cost.interest": [m.unpaid_interest for m in path],
        "col.penalty": [m.penalty for m in path],
        "col.compound": [m.compound_interest for m in path],
        "col.charges": [m.charges for m in path],
    }


def claim_table(result: Comparison, lang: Lang) -> pd.DataFrame:
    """The claim part by part at a few months of staying overdue, against what is enforceable."""
    path = result.overdue_path
    shown = sorted({0, 1, 3, 6, 12, path[-1].month} & {m.month for m in path})
    table: dict[str, list[Any]] = {
        t("col.month", lang): shown,
        t("col.stage", lang): [t(f"stage.{path[m].stage}", lang) for m in shown],
    }
    for key, values in claim_parts(result).items():
        table[t(key, lang)] = [money(values[m]) for m in shown]
    table[t("nothing.claimed", lang)] = [money(path[m].claimed) for m in shown]
    table[t("nothing.enforceable", lang)] = [money(path[m].enforceable) for m in shown]
    return pd.DataFrame(table).set_index(t("col.month", lang))


def markdown_table(frame: pd.DataFrame) -> str:
    """The frame as one Markdown table, its index as the first column, every cell literal.

    ``st.table`` renders each cell as its own Markdown element; one table element costs the
    browser far less on every slider move and looks the same.

    >>> frame = pd.DataFrame({"Plan": ["¥1.00"], "Note": ["a|b"]}, index=pd.Index(["x"], name="k"))
    >>> print(markdown_table(frame))
    | k | Plan | Note |
    | --- | --: | --- |
    | x | ¥1.00 | a\\|b |
    """

    def cell(value: Any) -> str:
        one_line = " ".join(str(value).splitlines())  # a line break would end the row
        return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)

    header = [frame.index.name or "", *frame.columns]
    right = [all(_FIGURE.fullmatch(str(v)) for v in frame[c]) for c in frame.columns]
    lines = [
        "| " + " | ".join(cell(name) for name in header) + " |",
        "| " + " | ".join(["---"] + ["--:" if r else "---" for r in right]) + " |",
    ]
    for label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        lines.append("| " + " | ".join(cell(value) for value in (label, *row)) + " |")
    return "\n".join(lines)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV that Excel opens with Chinese intact (UTF-8 with a byte-order mark) and that runs
    nothing when opened.

    Every text cell, index label and header that a spreadsheet would read as a formula gets
    a quote mark in front (:func:`ui.format.spreadsheet_text`, OWASP's rule for CSV files);
    numbers stay numbers, a negative one too. Rows end in CR LF, as RFC 4180 and Excel
    write them, so a cell holding a carriage return is quoted and stays one cell. The
    frame itself, which the page may show, is not changed.

    >>> data = csv_bytes(pd.DataFrame({"月": [-1.5], "说": ["=1+1"]}, index=pd.Index(["a"])))
    >>> data[:3], data[3:].decode()
    (b'\\xef\\xbb\\xbf', ",月,说\\r\\na,-1.5,'=1+1\\r\\n")
    """
    if frame.index.nlevels != 1 or frame.columns.nlevels != 1:
        raise ValueError("a CSV of this app has one row of headers and one index column")
    safe = frame.copy()
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if _holds_text(column):
            cells = [_spreadsheet_cell(value) for value in column]
            safe.isetitem(position, pd.Series(cells, index=column.index, dtype=object))
    safe.columns = _spreadsheet_labels(frame.columns)
    safe.index = _spreadsheet_labels(frame.index)
    return safe.to_csv(lineterminator="\r\n").encode("utf-8-sig")


def _holds_text(values: pd.Series | pd.Index) -> bool:
    """True when ``values`` may hold text: any column but one of numbers, times or durations."""
    types = pd.api.types
    return not (
        types.is_numeric_dtype(values.dtype)
        or types.is_datetime64_any_dtype(values.dtype)
        or types.is_timedelta64_dtype(values.dtype)
    )


def _spreadsheet_cell(value: Any) -> Any:
    """Text as a spreadsheet shows it typed; anything else (a number, a date) as it is."""
    return spreadsheet_text(value) if isinstance(value, str) else value


def _spreadsheet_labels(labels: pd.Index) -> pd.Index:
    """Index labels or headers, and their name, each text one made safe as a cell is."""
    name = _spreadsheet_cell(labels.name)
    if not _holds_text(labels):
        return labels.rename(name)
    return pd.Index([_spreadsheet_cell(label) for label in labels], dtype=object, name=name)


# --- All lenders, one budget -----------------------------------------------------------------


def months_to_clear(result: AllLenders) -> int | None:
    """Months until every planned debt is cleared; None when no lender has a plan."""
    if all(lender.plan is None for lender in result.lenders):
        return None
    return result.totals.months_to_clear


def cleared_on(result: AllLenders) -> dt.date | None:
    """The due date of the last payment of all the plans; None when no lender has a plan."""
    if months_to_clear(result) is None:
        return None
    return result.months[-1].due_date  # the months run to the end of the longest plan


@dataclass(frozen=True, slots=True)
class SplitMeasure:
    """A row of the strategies table: its label's catalog key, its unit and its value."""

    key: str
    unit: Unit | None
    """None for a date, written as it is."""
    value: Callable[[AllLenders], float | dt.date | None]


SPLIT_MEASURES = (
    SplitMeasure(
        "table.split.highest", Unit.MONEY, lambda r: fen_to_yuan(r.totals.highest_monthly)
    ),
    SplitMeasure("table.split.budget", Unit.MONEY, lambda r: fen_to_yuan(r.totals.monthly_budget)),
    SplitMeasure("table.split.months", Unit.COUNT, months_to_clear),
    SplitMeasure("table.split.cleared_on", None, cleared_on),
    SplitMeasure("table.split.total", Unit.MONEY, lambda r: fen_to_yuan(r.totals.total_paid)),
    SplitMeasure(
        "table.split.saving", Unit.MONEY, lambda r: fen_to_yuan(r.totals.saving_vs_overdue)
    ),
    SplitMeasure("table.split.unplanned", Unit.COUNT, lambda r: len(r.totals.unplanned)),
)


def split_table(results: Mapping[Strategy, AllLenders], lang: Lang) -> pd.DataFrame:
    """One column per strategy, one row per figure of :data:`SPLIT_MEASURES`.

    Money in yuan, months and lenders as counts, the date as a date; None where no lender
    has a plan. :func:`display_split_table` writes it as the page shows it.
    """
    columns = {
        strategy_name(strategy, lang): [measure.value(result) for measure in SPLIT_MEASURES]
        for strategy, result in results.items()
    }
    frame = pd.DataFrame(columns, index=[t(measure.key, lang) for measure in SPLIT_MEASURES])
    frame.index.name = t("table.measure", lang)
    return frame


def show_value(unit: Unit | None, value: Any, lang: Lang) -> str:
    """A table cell as the page writes it: yuan, a percentage, a count, a date; a dash for none.

    >>> show_value(Unit.MONEY, 1234.5, "en"), show_value(Unit.COUNT, None, "en")
    ('¥1,234.50', '—')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("card.none", lang)
    if unit is None:
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if unit is Unit.MONEY:
        return money(yuan_to_fen(value))
    if unit is Unit.PERCENT:
        return t("format.percent", lang, value=f"{value:,.2f}")
    return f"{value:,.0f}"


def display_split_table(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The strategies table as the page shows it (row ``i`` is ``SPLIT_MEASURES[i]``)."""
    rows = [
        [show_value(measure.unit, value, lang) for value in row]
        for measure, row in zip(
            SPLIT_MEASURES, table.itertuples(index=False, name=None), strict=True
        )
    ]
    return pd.DataFrame(rows, index=table.index, columns=table.columns)


def lender_table(result: AllLenders, names: Sequence[str], lang: Lang) -> pd.DataFrame:
    """One row per lender as the page shows it: its share a month and its plan.

    The plan is its highest payment, its months and what it pays in all; a lender no plan
    fits says by how much its share falls short each month. ``names[i]`` labels
    ``result.lenders[i]``.
    """
    none = t("card.none", lang)
    rows = []
    for lender in result.lenders:
        share = money(lender.share.monthly)
        if lender.plan is None:
            short = t("table.split.no_plan", lang, amount=money(lender.shortfall))
            rows.append([share, short, none, none])
            continue
        summary = lender.plan.summary
        rows.append(
            [
                share,
                money(summary.highest_payment),
                f"{summary.months_to_finish:,}",
                money(summary.total_paid),
            ]
        )
    headers = ["table.split.share", "table.split.highest_payment", "card.months", "card.total"]
    index = pd.Index(_labels(result, names), name=t("table.split.lender", lang))
    return pd.DataFrame(rows, index=index, columns=[t(key, lang) for key in headers])


def plan_csv_table(result: AllLenders, names: Sequence[str], lang: Lang) -> pd.DataFrame:
    """Every month of all the plans for :func:`csv_bytes`: payments in yuan, a column each.

    Indexed by the month (0 is signing), then its due date, each lender's payment, the
    total and the budget (at signing, the cash available now). Headers name their unit.
    ``names[i]`` labels ``result.lenders[i]``; the labels must differ.
    """
    months = result.months
    columns: list[tuple[str, list[Any]]] = [
        (t("col.month", lang), [m.month for m in months]),
        (t("col.due_date", lang), [m.due_date for m in months]),
    ]
    for position, name in enumerate(_labels(result, names)):
        payments = [fen_to_yuan(m.payments[position]) for m in months]
        columns.append((t("table.split.yuan", lang, name=name), payments))
    columns.append((t("table.split.csv_total", lang), [fen_to_yuan(m.total) for m in months]))
    columns.append((t("table.split.csv_budget", lang), [fen_to_yuan(m.budget) for m in months]))
    headers = [header for header, _ in columns]
    if len(set(headers)) != len(headers):
        raise ValueError(f"every column needs its own header: {headers}")
    return pd.DataFrame(dict(columns)).set_index(headers[0])


def _labels(result: AllLenders, names: Sequence[str]) -> list[str]:
    if len(names) != len(result.lenders):
        raise ValueError(f"{len(result.lenders)} lenders but {len(names)} names")
    return list(names)
