"""The comparison table, its CSV download and the Markdown table that shows every cell literally."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from apptest_helpers import expected, open_app, read_markdown_table, tables
from hypothesis import given
from hypothesis import strategies as st

from core import Proposal
from core.text import Lang, t
from ui.tables import MEASURES, markdown_table


class TestDownloads:
    def test_csv_has_a_byte_order_mark_and_chinese_headers(self):
        from ui.options import labelled
        from ui.tables import comparison_table, csv_bytes

        result = expected(None, Proposal(months_added=12))
        data = csv_bytes(comparison_table(labelled(result, (1,), "zh").options, "zh"))
        assert data.startswith(b"\xef\xbb\xbf")
        assert "最高月供" in data.decode("utf-8-sig")


@given(
    st.lists(st.text(max_size=12), min_size=2, max_size=2),
    st.lists(st.lists(st.text(max_size=12), min_size=3, max_size=3), min_size=1, max_size=3),
)
def test_a_markdown_table_shows_every_cell_literally(columns: list[str], rows: list[list[str]]):
    """Pipes, backslashes, HTML and Markdown marks in a cell stay text: no tag can start,
    and the table reads back cell for cell (what ``show_table`` puts in its HTML box)."""
    names = [f"c{n} {name}" for n, name in enumerate(columns)]
    frame = pd.DataFrame(
        [row[1:] for row in rows], columns=names, index=pd.Index([r[0] for r in rows], name="i")
    )
    text = markdown_table(frame)
    # A cell is one line of text; Markdown trims its ends.
    frame = frame.map(lambda text: " ".join(text.splitlines()).strip())
    frame.index = frame.index.map(lambda text: " ".join(text.splitlines()).strip())
    assert not re.search(r"(?<!\\)<", text)
    # The helper splits cells the way GitHub-flavoured Markdown does.
    back = read_markdown_table(text)
    assert back.columns.tolist() == [" ".join(name.splitlines()).strip() for name in names]
    assert back.index.tolist() == frame.index.tolist()
    assert back.to_numpy().tolist() == frame.to_numpy().tolist()


def test_comparison_table_shows_yuan_and_a_dash_for_no_apr():
    at = open_app()
    table = tables(at)[0]
    overdue = table[t("option.overdue", "en")]
    assert overdue[t("card.apr", "en")] == t("card.none", "en")
    contract = table[t("option.contract", "en")]
    assert contract[t("card.total", "en")] == "¥11,001.60"


def test_comparison_table_leaves_staying_overdue_without_installments():
    at = open_app()
    table = tables(at)[0]
    overdue = table[t("option.overdue", "en")]
    assert overdue[t("card.months", "en")] == t("card.none", "en")
    assert overdue[t("card.highest_payment", "en")] == t("card.none", "en")
    assert overdue[t("table.first_payment", "en")] == t("card.none", "en")
    assert table[t("option.contract", "en")][t("card.months", "en")] == "12"


class TestExportsNameTheirUnits:
    """Issue 13: months as whole numbers, each money or percent heading with its unit."""

    @staticmethod
    def read(data: bytes) -> pd.DataFrame:
        import io

        return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_comparison_csv(self, lang: Lang):
        from ui.options import labelled
        from ui.tables import comparison_table, csv_bytes, display_table

        result = expected(None, Proposal(months_added=12))
        options = labelled(result, (1,), lang).options
        table = comparison_table(options, lang)
        back = self.read(csv_bytes(table)).set_index(t("table.measure", lang))
        payment = t("unit.yuan", lang, label=t("card.highest_payment", lang))
        assert payment == {"zh": "最高月供（元）", "en": "Highest monthly payment (yuan)"}[lang]
        assert payment in back.index
        assert t("unit.percent", lang, label=t("card.apr", lang)) in back.index
        months = back.loc[t("card.months", lang)]
        assert months[t("option.contract", lang)] == "12"
        assert months[t("option.overdue", lang)] == ""  # no installments: an empty cell
        assert all(re.fullmatch(r"\d+", m) for m in months if m)
        # The page shows the same rows by their plain labels: the cells show their units.
        shown = display_table(table, lang)
        assert list(shown.index) == [t(m.key, lang) for m in MEASURES]

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_schedules(self, lang: Lang):
        from ui.tables import csv_bytes, overdue_table, schedule_table

        result = expected(None, Proposal(months_added=12))
        month = t("col.month", lang)
        for frame in (schedule_table(result.contract, lang), overdue_table(result, lang)):
            back = self.read(csv_bytes(frame.set_index(frame.columns[0])))
            assert back.columns[0] == month
            assert all(re.fullmatch(r"\d+", m) for m in back[month]), back[month].tolist()
        headers = list(schedule_table(result.contract, lang).columns)
        assert t("unit.yuan", lang, label=t("col.payment", lang)) in headers
        assert t("unit.yuan", lang, label=t("col.balance", lang)) in headers
        assert {"zh": "还款额（元）", "en": "Payment (yuan)"}[lang] in headers
        overdue = list(overdue_table(result, lang).columns)
        assert t("unit.yuan", lang, label=t("col.enforceable", lang)) in overdue
        assert t("col.days_overdue", lang) in overdue
