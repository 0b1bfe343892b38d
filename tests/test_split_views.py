"""The views of all lenders against one budget: their colours, charts and tables.

Pure (no Streamlit): ``ui.options``' lender palette, ``ui.charts.split_payments_figure`` and
``split_owed_figure``, and ``ui.tables``' strategy, lender and CSV tables, checked against
what ``core.split.plan_all`` computes, in both languages.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import re
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from core import AllLenders, Assumptions, Borrower, Case, Loan, LoanCase, Strategy, plan_all
from core.models import MAX_LOANS
from core.money import yuan_to_fen
from core.text import CATALOGS, LANGS, Lang, t
from ui.charts import BUDGET_COLOUR, split_owed_figure, split_payments_figure
from ui.options import (
    LENDER_COLOURS,
    OVERDUE_COLOUR,
    lender_colour,
    strategy_colour,
    strategy_name,
)
from ui.tables import (
    csv_bytes,
    display_split_table,
    lender_table,
    plan_csv_table,
    split_table,
)

TODAY = dt.date(2026, 12, 1)
NAMES = (
    "借呗",
    "微粒贷",
    "招商银行信用卡",
    "花呗",
    "京东金条",
    "美团借钱",
    "360借条",
    "度小满",
    "平安普惠",
    "朋友张三",
    "建设银行信用卡",
    "分期乐",
)
_LENDER_TYPES = ("licensed", "credit_card", "private")


def twelve_lenders() -> Case:
    """Every kind of lender, some overdue, one sued and one threatening: under consequences
    first some shares fit no plan."""
    loans = tuple(
        LoanCase(
            loan=Loan(
                principal_yuan=3_000 + 4_000 * i,
                rate=0.08 + 0.01 * i,
                lender_type=_LENDER_TYPES[i % 3],
                days_overdue=30 * (i % 4),
                lawsuit="filed" if i == 5 else "threatened" if i == 8 else "none",
                reports_to_bureau="yes" if i % 2 else "unknown",
            )
        )
        for i in range(MAX_LOANS)
    )
    borrower = Borrower(
        monthly_income_yuan=9_000, essential_expenses_yuan=4_000, lump_sum_yuan=2_000
    )
    return Case(borrower=borrower, loans=loans, assumptions=Assumptions(today=TODAY))


def one_lender() -> Case:
    loan = Loan(principal_yuan=30_000, rate=0.18, days_overdue=45, overdue_amount_yuan=3_000)
    borrower = Borrower(monthly_income_yuan=7_000, essential_expenses_yuan=4_500)
    return Case(
        borrower=borrower, loans=(LoanCase(loan=loan),), assumptions=Assumptions(today=TODAY)
    )


def hardship() -> Case:
    """Income below essential expenses: nothing to split, no lender gets a plan."""
    borrower = Borrower(monthly_income_yuan=3_000, essential_expenses_yuan=3_500)
    loans = (LoanCase(loan=Loan(principal_yuan=8_000)), LoanCase(loan=Loan(principal_yuan=2_000)))
    return Case(borrower=borrower, loans=loans, assumptions=Assumptions(today=TODAY))


CASES = {"one": one_lender, "twelve": twelve_lenders, "hardship": hardship}


@functools.cache
def results(case: str) -> dict[Strategy, AllLenders]:
    built = CASES[case]()
    return {strategy: plan_all(built, strategy) for strategy in Strategy}


def names_of(result: AllLenders) -> list[str]:
    return list(NAMES[: len(result.lenders)])


every_case = pytest.mark.parametrize("case", list(CASES))
every_lang = pytest.mark.parametrize("lang", LANGS)
every_strategy = pytest.mark.parametrize("strategy", list(Strategy))


def bars(figure: dict[str, Any]) -> list[dict[str, Any]]:
    return [trace for trace in figure["data"] if trace["type"] == "bar"]


# --- The palette ------------------------------------------------------------------------------

# Machado, Oliveira and Fernandes (2009): full dichromacy, applied to linear sRGB.
_VISION = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}
_SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
_WHITE_POINT = np.array([0.95047, 1.0, 1.08883])


def lab(colour: str, vision: str) -> np.ndarray:
    """CIELAB (D65) of a hex colour as seen with ``vision``."""
    srgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    xyz = _SRGB_TO_XYZ @ np.clip(_VISION[vision] @ linear, 0, 1) / _WHITE_POINT
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def worst_difference(a: str, b: str) -> float:
    """The smallest CIE76 ΔE between two colours over the four kinds of vision."""
    return min(float(np.linalg.norm(lab(a, v) - lab(b, v))) for v in _VISION)


class TestLenderColours:
    def test_a_colour_for_each_of_the_most_lenders(self):
        colours = [lender_colour(position) for position in range(MAX_LOANS)]
        assert len(set(colours)) == MAX_LOANS == len(LENDER_COLOURS)
        assert BUDGET_COLOUR not in colours

    def test_colours_stay_apart_with_colour_blindness(self):
        # ΔE ≈ 2 is just noticeable; the first four lenders, most borrowers' case, far more.
        pairs = itertools.combinations(LENDER_COLOURS, 2)
        assert min(worst_difference(a, b) for a, b in pairs) > 14
        first = itertools.combinations(LENDER_COLOURS[:4], 2)
        assert min(worst_difference(a, b) for a, b in first) > 35

    @pytest.mark.parametrize("colour", LENDER_COLOURS)
    def test_apart_from_the_budget_grey_and_the_white_background(self, colour: str):
        assert worst_difference(colour, BUDGET_COLOUR) > 14
        assert float(np.linalg.norm(lab(colour, "normal") - lab("#FFFFFF", "normal"))) > 30


# --- The charts -------------------------------------------------------------------------------


class TestSplitPaymentsFigure:
    @every_case
    @every_strategy
    @every_lang
    def test_plotly_accepts_it(self, case: str, strategy: Strategy, lang: Lang):
        result = results(case)[strategy]
        go.Figure(split_payments_figure(result, names_of(result), lang))

    @every_case
    @every_strategy
    def test_each_months_stack_is_the_months_total(self, case: str, strategy: Strategy):
        result = results(case)[strategy]
        figure = split_payments_figure(result, names_of(result), "en")
        after_signing = [m for m in result.months if m.month > 0]
        for trace in bars(figure):
            assert trace["x"] == [m.month for m in after_signing]
        for row, month in enumerate(after_signing):
            stacked = sum(yuan_to_fen(trace["y"][row]) for trace in bars(figure))
            paid = 0
            for payment in month.payments:
                paid += payment
            assert stacked == paid == month.total

    @every_case
    @every_strategy
    def test_a_bar_trace_per_lender_in_its_own_colour(self, case: str, strategy: Strategy):
        result = results(case)[strategy]
        colours = [
            trace["marker"]["color"]
            for trace in bars(split_payments_figure(result, names_of(result), "en"))
        ]
        assert colours == [lender_colour(position) for position in range(len(result.lenders))]
        assert len(set(colours)) == len(colours)

    def test_a_lender_has_the_same_colour_under_both_strategies(self):
        by_strategy = {
            strategy: {
                position: trace["marker"]["color"]
                for position, trace in enumerate(
                    bars(split_payments_figure(result, names_of(result), "zh"))
                )
            }
            for strategy, result in results("twelve").items()
        }
        assert by_strategy[Strategy.PRO_RATA] == by_strategy[Strategy.CONSEQUENCES]
        # Nothing else in either chart is drawn in a lender's colour.
        owed = split_owed_figure(results("twelve"), "zh")
        assert not {trace["line"]["color"] for trace in owed["data"]} & set(LENDER_COLOURS)

    def test_a_lender_without_a_plan_says_so_in_the_legend(self):
        result = results("twelve")[Strategy.CONSEQUENCES]
        names = names_of(result)
        traces = bars(split_payments_figure(result, names, "en"))
        unplanned = {u.index for u in result.totals.unplanned}
        assert unplanned, "the twelve-lender case leaves lenders without a plan"
        for position, trace in enumerate(traces):
            if position in unplanned:
                assert trace["name"] == t("chart.split.unplanned", "en", name=names[position])
                assert not any(trace["y"])
            else:
                assert trace["name"] == names[position]

    @every_lang
    def test_the_budget_is_a_dashed_grey_line_and_the_legend_sits_below(self, lang: Lang):
        result = results("one")[Strategy.PRO_RATA]
        figure = split_payments_figure(result, names_of(result), lang)
        budget = figure["data"][-1]
        assert budget["name"] == t("chart.budget", lang)
        assert budget["line"] == {"color": BUDGET_COLOUR, "width": 2, "dash": "dash"}
        assert {yuan_to_fen(y) for y in budget["y"]} == {result.budget.monthly}
        assert figure["layout"]["barmode"] == "stack"
        assert figure["layout"]["legend"]["y"] < 0

    def test_names_must_match_the_lenders(self):
        result = results("twelve")[Strategy.PRO_RATA]
        with pytest.raises(ValueError):
            split_payments_figure(result, NAMES[:3], "en")


class TestSplitOwedFigure:
    @every_case
    @every_lang
    def test_plotly_accepts_it(self, case: str, lang: Lang):
        go.Figure(split_owed_figure(results(case), lang))

    @every_case
    def test_a_line_per_strategy_and_staying_overdue(self, case: str):
        figure = split_owed_figure(results(case), "en")
        traces = {trace["line"]["color"]: trace for trace in figure["data"]}
        assert len(figure["data"]) <= len(Strategy) + 2  # traces stay few
        for strategy, result in results(case).items():
            line = traces[strategy_colour(strategy)]
            assert line["name"].startswith(strategy_name(strategy, "en"))
            assert [yuan_to_fen(y) for y in line["y"]] == [m.total_owed for m in result.months]
        overdue = figure["data"][0]
        path = results(case)[Strategy.PRO_RATA].overdue_path
        assert overdue["line"]["color"] == OVERDUE_COLOUR
        assert overdue["name"] == t("chart.split.overdue", "en")
        assert [yuan_to_fen(y) for y in overdue["y"]] == [m.claimed for m in path]

    def test_what_a_court_would_enforce_is_dotted(self):
        figure = split_owed_figure(results("twelve"), "en")
        dotted = [trace for trace in figure["data"] if trace["line"].get("dash") == "dot"]
        assert [trace["name"] for trace in dotted] == [t("nothing.enforceable", "en")]
        path = results("twelve")[Strategy.PRO_RATA].overdue_path
        assert [yuan_to_fen(y) for y in dotted[0]["y"]] == [m.enforceable for m in path]

    def test_a_strategy_that_leaves_lenders_out_says_how_many(self):
        figure = split_owed_figure(results("twelve"), "en")
        left_out = len(results("twelve")[Strategy.CONSEQUENCES].totals.unplanned)
        name = t(
            "chart.split.owed_partial",
            "en",
            strategy=strategy_name(Strategy.CONSEQUENCES, "en"),
            count=left_out,
        )
        assert name in [trace["name"] for trace in figure["data"]]

    def test_no_strategy_is_refused(self):
        with pytest.raises(ValueError):
            split_owed_figure({}, "en")


# --- The tables -------------------------------------------------------------------------------

_KEY_LIKE = re.compile(r"\b[a-z_]+\.[a-z_]+")


def texts(frame: pd.DataFrame) -> list[str]:
    """Every header, index label and cell of ``frame`` as text."""
    cells = [str(value) for value in frame.to_numpy().ravel()]
    return [str(frame.index.name), *map(str, frame.index), *map(str, frame.columns), *cells]


def assert_all_text_written(frame: pd.DataFrame, lang: Lang) -> None:
    for text in texts(frame):
        assert text not in CATALOGS[lang], text
        assert "{" not in text and not _KEY_LIKE.search(text), text


class TestTablesAreWritten:
    @every_case
    @every_lang
    def test_no_catalog_key_and_no_placeholder_left(self, case: str, lang: Lang):
        both = results(case)
        assert_all_text_written(display_split_table(split_table(both, lang), lang), lang)
        for result in both.values():
            names = names_of(result)
            assert_all_text_written(lender_table(result, names, lang), lang)
            assert_all_text_written(plan_csv_table(result, names, lang), lang)


class TestSplitTable:
    @every_case
    def test_a_column_per_strategy_with_its_totals(self, case: str):
        table = split_table(results(case), "en")
        assert list(table.columns) == [strategy_name(s, "en") for s in results(case)]
        for strategy, result in results(case).items():
            column = table[strategy_name(strategy, "en")].tolist()
            totals = result.totals
            assert yuan_to_fen(column[0]) == totals.highest_monthly
            assert yuan_to_fen(column[1]) == totals.monthly_budget
            assert yuan_to_fen(column[4]) == totals.total_paid
            assert yuan_to_fen(column[5]) == totals.saving_vs_overdue
            assert column[6] == len(totals.unplanned)

    def test_months_and_date_when_every_debt_is_cleared(self):
        result = results("one")[Strategy.PRO_RATA]
        column = split_table(results("one"), "en")[strategy_name(Strategy.PRO_RATA, "en")]
        months, cleared = column.iloc[2], column.iloc[3]
        plan = result.lenders[0].plan
        assert plan is not None
        assert months == plan.summary.months_to_finish
        assert cleared == result.months[months].due_date > TODAY

    @every_lang
    def test_shown_in_yuan_with_a_dash_when_nothing_is_planned(self, lang: Lang):
        shown = display_split_table(split_table(results("hardship"), lang), lang)
        none = t("card.none", lang)
        for strategy in Strategy:
            column = shown[strategy_name(strategy, lang)].tolist()
            assert column == ["¥0.00", "¥0.00", none, none, "¥0.00", "¥0.00", "2"]


class TestLenderTable:
    @every_lang
    def test_a_row_per_lender_and_the_shortfall_of_those_no_plan_fits(self, lang: Lang):
        result = results("twelve")[Strategy.CONSEQUENCES]
        table = lender_table(result, names_of(result), lang)
        assert list(table.index) == names_of(result)
        for lender, (_, row) in zip(result.lenders, table.iterrows(), strict=True):
            cells = row.tolist()
            if lender.plan is None:
                assert lender.shortfall > 0
                assert cells[1] == t("table.split.no_plan", lang, amount=_yuan(lender.shortfall))
                assert cells[2:] == [t("card.none", lang)] * 2
            else:
                summary = lender.plan.summary
                assert cells == [
                    _yuan(lender.share.monthly),
                    _yuan(summary.highest_payment),
                    str(summary.months_to_finish),
                    _yuan(summary.total_paid),
                ]


def _yuan(amount_fen: int) -> str:
    return f"¥{amount_fen / 100:,.2f}"


class TestPlanCsv:
    @every_case
    @every_strategy
    @every_lang
    def test_round_trips_to_the_fen_with_its_headers(
        self, case: str, strategy: Strategy, lang: Lang
    ):
        result = results(case)[strategy]
        names = names_of(result)
        back = pd.read_csv(
            io.BytesIO(csv_bytes(plan_csv_table(result, names, lang))), encoding="utf-8-sig"
        )
        lender_columns = [t("table.split.yuan", lang, name=name) for name in names]
        assert list(back.columns) == [
            t("col.month", lang),
            t("col.due_date", lang),
            *lender_columns,
            t("table.split.csv_total", lang),
            t("table.split.csv_budget", lang),
        ]
        assert back[t("col.month", lang)].tolist() == [m.month for m in result.months]
        assert back[t("col.due_date", lang)].tolist() == [
            m.due_date.isoformat() for m in result.months
        ]
        for position, column in enumerate(lender_columns):
            paid = [yuan_to_fen(value) for value in back[column]]
            assert paid == [m.payments[position] for m in result.months]
        totals = [yuan_to_fen(value) for value in back[t("table.split.csv_total", lang)]]
        assert totals == [m.total for m in result.months]
        budgets = [yuan_to_fen(value) for value in back[t("table.split.csv_budget", lang)]]
        assert budgets == [m.budget for m in result.months]

    def test_chinese_headers_survive_the_byte_order_mark(self):
        result = results("one")[Strategy.PRO_RATA]
        data = csv_bytes(plan_csv_table(result, ["借呗"], "zh"))
        assert data.startswith(b"\xef\xbb\xbf")
        header = data.decode("utf-8-sig").splitlines()[0]
        assert header == "月份,还款日,借呗（元）,合计（元）,每月可承受金额（元）"

    def test_two_lenders_under_one_name_are_refused(self):
        result = results("hardship")[Strategy.PRO_RATA]
        with pytest.raises(ValueError, match="own header"):
            plan_csv_table(result, ["借呗", "借呗"], "en")
