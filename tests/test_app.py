"""AppTest: every page in both languages; inputs drive the cards and charts as the core says."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd
import pytest
import streamlit
from apptest_helpers import (
    change,
    open_page,
    open_tab,
    read_markdown_table,
    tables,
)
from apptest_helpers import (
    chart_figures as figures,
)
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from core import Borrower, Case, Loan, LoanCase, Proposal, compare
from core.text import CATALOGS, Lang, t
from ui import live_chart
from ui.format import money, signed_money
from ui.presets import PRESETS
from ui.results import DETAIL_TABS, markdown_table
from ui.shell import PAGES

ROOT = Path(__file__).resolve().parent.parent
KEYS = sorted(set(CATALOGS["en"]), key=len, reverse=True)


def open_app(
    lang: str = "en", params: dict[str, str] | None = None, page: str = "app.py"
) -> AppTest:
    return open_page("zh" if lang == "zh" else "en", params, page)


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


def presets_of(at: AppTest, number: int) -> Any:
    """The preset pills of proposal ``number`` (AppTest has no typed accessor for pills)."""
    return at.get("button_group")[number - 1]


# What the first two proposals start with (ui.spec.STARTING_LEVERS), independently spelled.
STARTING = (Proposal(months_added=12), Proposal(new_apr=0.12, overdue_charges_waived_share=1.0))


def expected(loan: Loan | None = None, *proposals: Proposal, borrower: Borrower | None = None):
    case = Case(
        borrower=borrower or Borrower(), loans=(LoanCase(loan=loan or Loan(), proposals=proposals),)
    )
    return compare(case)


class TestEveryPage:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    @pytest.mark.parametrize("page", [path for path, _ in PAGES])
    def test_page_loads_without_error_and_shows_no_catalog_key(self, page: str, lang: Lang):
        at = open_app(lang, page=page)
        assert not at.exception
        page_key = dict(PAGES)[page]
        assert any(t(page_key, lang) in text for text in texts(at)) or page == "app.py"
        for text in texts(at):
            for key in KEYS:
                assert key not in text or key in ("lang.zh", "lang.en"), (key, text[:200])

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_home_title_in_each_language(self, lang: Lang):
        at = open_app(lang)
        assert at.title[0].value == t("app.title", lang)

    def test_unknown_locale_falls_back_to_english(self):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.context = {"locale": "fr-FR", "timezone": "Europe/Paris"}
        at.run()
        assert at.title[0].value == t("app.title", "en")

    def test_lang_parameter_overrides_the_locale(self):
        at = open_app("en", {"lang": "zh"})
        assert at.title[0].value == t("app.title", "zh")


class TestInputsDriveTheOutputs:
    def test_default_cards_match_the_core(self):
        at = open_app()
        result = expected(None, *STARTING)
        assert at.metric[0].label == t("card.payment", "en")
        assert at.metric[0].value == money(result.contract.summary.first_payment)
        assert at.metric[1].value == money(result.contract.summary.total_paid)
        assert at.metric[3].value == money(result.overdue_path[-1].claimed)
        first = result.proposals[0].summary
        assert at.metric[4].value == money(first.first_payment)
        assert at.metric[5].value == money(first.total_paid)
        assert at.metric[5].delta == t(
            "card.vs_contract", "en", amount=signed_money(-first.saving_vs_contract)
        )

    def test_principal_rate_and_months_change_cards_and_charts(self):
        at = open_app()
        change(at.sidebar.slider(key="principal"), 25_000.0)
        change(at.sidebar.slider(key="rate"), 24.0)
        at.sidebar.slider(key="months").set_value(36).run()
        assert not at.exception
        result = expected(
            Loan(principal_yuan=25_000, rate=0.24, remaining_months=36), Proposal(), Proposal()
        )
        assert at.metric[0].value == money(result.contract.summary.first_payment)
        assert at.metric[1].value == money(result.contract.summary.total_paid)
        timeline, cost = figures(at)
        balance, payment = panel(timeline, "y"), panel(timeline, "y2")
        assert balance[0]["y"][0] == 25_000
        assert len(balance[0]["x"]) == 37
        assert payment[0]["y"][0] == result.contract.summary.first_payment / 100
        assert cost["data"][1]["x"][0] == result.contract.summary.interest / 100

    def test_budget_line_in_the_payment_chart(self):
        at = open_app()
        change(at.sidebar.slider(key="income"), 5_000.0)
        at.sidebar.slider(key="expenses").set_value(4_200.0).run()
        payment = panel(figures(at)[0], "y2")
        assert payment[-1]["name"] == t("chart.budget", "en")
        assert payment[-1]["y"] == [800, 800]
        assert any(t("card.not_fits", "en") in text for text in texts(at))

    def test_legal_warning_when_the_rate_is_above_the_line(self):
        at = open_app()
        assert not at.warning
        at.sidebar.slider(key="rate").set_value(36.0).run()
        warning = at.warning[0].value
        assert "24.00 %" in warning and "法释〔2020〕27号" in warning

    def test_private_lending_warning_names_the_lpr(self):
        at = open_app("zh", {"lender": "private", "rate": "18", "signed": "2025-06-01"})
        warning = at.warning[0].value
        assert "12.00%" in warning and "2025-05-20" in warning


def results(at: AppTest) -> dict[str, list[Any]]:
    """What the results fragment shows: cards, texts, tables and charts, in page order."""
    return {
        "metric": [(m.label, m.value, m.delta) for m in at.metric],
        "markdown": [m.value for m in at.markdown],
        "warning": [w.value for w in at.warning],
        "error": [e.value for e in at.error],
        "table": [table.to_dict() for table in tables(at)],
        "chart": figures(at),
    }


class TestResultsFragment:
    """A value change reruns only the results; whatever changes other widgets, the page."""

    @pytest.mark.parametrize(
        ("kind", "key", "value"),
        [
            ("slider", "principal", 31_400.0),
            ("slider", "income", 3_000.0),
            ("number_input", "overdue", 250.0),
            ("slider", "p1_add", 18),
            ("number_input", "p2_waive", 1_000.0),
        ],
    )
    def test_a_value_change_reruns_only_the_results_and_draws_what_a_full_run_draws(
        self, kind: str, key: str, value: Any
    ):
        at = open_app()
        getattr(at, kind)(key=key).set_value(value).run()
        assert not at.exception
        # Only the fragment ran: the sidebar and the proposal editor were not drawn again
        # (the only tabs are the results' own, below the charts).
        assert not at.sidebar.slider and not at.title
        assert [tab.label for tab in at.tabs] == [t(key, "en") for key in DETAIL_TABS]
        assert at.metric and len(figures(at)) == 2
        after_fragment = results(at)
        assert at.query_params[key] == str(value).removesuffix(".0")  # the link follows
        at.run()
        assert getattr(at, kind)(key=key).value == value
        assert results(at) == after_fragment

    def test_the_fragment_shows_the_core_figures_for_the_new_value(self):
        at = open_app()
        at.sidebar.slider(key="principal").set_value(18_000.0).run()
        result = expected(Loan(principal_yuan=18_000), *STARTING)
        assert at.metric[0].value == money(result.contract.summary.first_payment)
        assert panel(figures(at)[0], "y")[0]["y"][0] == 18_000

    @pytest.mark.parametrize(
        ("kind", "key", "value"),
        [
            ("selectbox", "unit", "daily"),  # converts the rate and relabels its slider
            ("selectbox", "method", "flat_fee"),  # switches the unit with it
            ("selectbox", "np", "3"),  # adds a proposal tab
        ],
    )
    def test_a_change_other_widgets_follow_reruns_the_whole_page(
        self, kind: str, key: str, value: Any
    ):
        at = open_app()
        getattr(at, kind)(key=key).set_value(value).run()
        assert not at.exception
        assert at.sidebar.slider(key="principal").value == 10_000
        assert at.title[0].value == t("app.title", "en")

    def test_loading_a_ladder_rung_reruns_the_whole_page_and_fills_the_editor(self):
        at = open_tab(open_app(), "ladder.title", "en")
        at.button(key="_load_rung_3").click().run()
        assert not at.exception
        assert at.sidebar.slider, "the whole page ran, not only the results"
        assert at.toast[0].value == t("ladder.loaded", "en", number=3)
        assert at.selectbox(key="np").value == "3"
        assert at.number_input(key="p3_term").value is not None


class TestPresets:
    @pytest.mark.parametrize("preset", PRESETS)
    def test_each_preset_loads_into_its_proposal(self, preset: str):
        at = open_app()
        presets_of(at, 1).set_value(preset).run()
        assert not at.exception
        state = at.session_state
        if preset == "longer":
            assert state["p1_add"] == 12
        elif preset == "lower_rate":
            assert state["p1_rate"] == 9.0
        elif preset == "waiver":
            assert state["p1_waivepct"] == 20.0
        elif preset == "partial":
            assert state["p1_lump"] == 1_000.0
        elif preset == "illness":
            assert state["p1_add"] == 24 and state["p1_hol"] == 2 and state["income"] == 3_000.0
        assert state["_preset_1"] is None

    def test_preset_changes_the_proposal_card(self):
        at = open_app()
        presets_of(at, 1).set_value("longer").run()
        presets_of(at, 2).set_value("waiver").run()
        result = expected(
            None,
            Proposal(months_added=12),
            Proposal(principal_waived_share=0.2, overdue_charges_waived_share=1.0),
        )
        assert at.metric[6].value == money(result.proposals[1].summary.first_payment)
        assert at.metric[7].value == money(result.proposals[1].summary.total_paid)


class TestShareLink:
    GOOD: ClassVar[dict[str, str]] = {
        "principal": "30000",
        "unit": "daily",
        "rate": "0.05",
        "months": "24",
        "days": "45",
        "overdue": "2800",
        "income": "7000",
        "np": "1",
        "p1_add": "24",
        "p1_pen": "100",
        "lang": "zh",
    }

    def test_good_link_reproduces_the_inputs(self):
        at = open_app("en", self.GOOD)
        assert not at.exception
        assert at.sidebar.slider(key="principal").value == 30_000
        assert at.sidebar.selectbox(key="unit").value == "daily"
        assert at.sidebar.slider(key="rate").value == pytest.approx(0.05)
        assert at.sidebar.slider(key="months").value == 24
        assert at.slider(key="p1_add").value == 24
        assert at.title[0].value == t("app.title", "zh")
        loan = Loan(
            principal_yuan=30_000,
            rate=0.0005,
            rate_unit="daily",
            remaining_months=24,
            days_overdue=45,
            overdue_amount_yuan=2_800,
        )
        result = expected(
            loan,
            Proposal(months_added=24, overdue_charges_waived_share=1.0),
            borrower=Borrower(monthly_income_yuan=7_000),
        )
        assert at.metric[0].value == money(result.contract.summary.first_payment)
        assert not at.warning

    def test_the_link_is_written_back(self):
        at = open_app("en", self.GOOD)
        written = {key: at.query_params[key] for key in at.query_params}
        # 0.05 % a day is the daily unit's default rate, so the link leaves it out.
        assert written == {k: v for k, v in self.GOOD.items() if k != "rate"}

    @pytest.mark.parametrize(
        "params, key",
        [
            ({"principal": "-5"}, "principal"),
            ({"rate": "abc"}, "rate"),
            ({"months": "99999"}, "months"),
            ({"lang": "xx"}, "lang"),
            ({"unit": "weekly"}, "unit"),
            ({"signed": "2024-13-01"}, "signed"),
            ({"p1_stop": "maybe"}, "p1_stop"),
            ({"nonsense": "1"}, "nonsense"),
            ({"principal": "nan"}, "principal"),
            ({"principal": "9" * 200}, "principal"),
        ],
    )
    def test_bad_values_are_named_and_replaced_by_defaults(self, params: dict[str, str], key: str):
        at = open_app("en", params)
        assert not at.exception
        message = at.warning[0].value
        assert t("link.intro", "en") in message
        labels = {"rate": "input.rate.apr", "p1_stop": "input.p_stop"}
        known = key not in ("lang", "nonsense")  # a key the inputs do not have shows as code
        name = t(labels.get(key, f"input.{key}"), "en") if known else f"` {key} `"
        assert f"{name} = ` {params[key][:40]}" in message  # the visitor's text as code
        assert at.metric[0].value == money(expected(None, *STARTING).contract.summary.first_payment)

    def test_bad_value_message_in_chinese(self):
        at = open_app("zh", {"months": "99999"})
        message = at.warning[0].value
        assert t("link.intro", "zh") in message
        assert "剩余期数" in message and "99999" in message

    def test_good_values_are_kept_beside_bad_ones(self):
        at = open_app("en", {"principal": "-5", "months": "36"})
        assert at.sidebar.slider(key="months").value == 36
        assert at.sidebar.slider(key="principal").value == 10_000


class TestStateAcrossPages:
    def test_inputs_survive_a_visit_to_another_page(self):
        at = open_app()
        change(at.sidebar.slider(key="principal"), 42_000.0)
        at.slider(key="p2_add").set_value(6).run()
        at.switch_page("pages/3_letter.py").run()
        assert not at.exception
        assert at.sidebar.slider(key="principal").value == 42_000
        assert at.query_params["principal"] == "42000"
        at.switch_page("app.py").run()
        assert at.sidebar.slider(key="principal").value == 42_000
        assert at.slider(key="p2_add").value == 6


class TestDownloads:
    def test_csv_has_a_byte_order_mark_and_chinese_headers(self):
        from ui.results import comparison_table, csv_bytes

        result = expected(None, Proposal(months_added=12))
        data = csv_bytes(comparison_table(result, (1,), "zh"))
        assert data.startswith(b"\xef\xbb\xbf")
        assert "每月还款" in data.decode("utf-8-sig")

    def test_invalid_proposal_is_explained_and_others_still_compare(self):
        at = open_app()
        at.number_input(key="p1_waive").set_value(20_000.0).run()
        assert not at.exception
        assert any(t("proposal.invalid", "en") in e.value for e in at.error)
        names = [trace["name"] for trace in panel(figures(at)[0], "y")]
        assert t("option.proposal", "en", number=1) not in names
        assert t("option.proposal", "en", number=2) in names


def test_contract_date_default_is_before_today():
    assert dt.date(2024, 1, 1) < dt.date.today()


def test_language_switch_changes_the_page_and_the_link():
    at = open_app("en")
    switch: Any = at.sidebar.get("button_group")[0]
    switch.set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == t("app.title", "zh")
    assert at.query_params["lang"] == "zh"


def test_the_schedule_is_drawn_only_while_its_expander_is_open():
    at = open_app()
    assert not at.dataframe and not any(s.key == "_schedule_choice" for s in at.selectbox)
    at.session_state["_schedule_open"] = True  # what the browser sends when it is opened
    at.run()
    assert len(at.dataframe) == 1
    assert at.get_by_key("download_schedule")
    at.session_state["_schedule_open"] = False
    at.run()
    assert not at.dataframe


class TestDetailTabs:
    """Below the charts: the table, what to ask for, the law, doing nothing; one drawn at a time."""

    @staticmethod
    def drawn(at: AppTest) -> list[int]:
        """The tabs below the charts that hold anything (only the open one should)."""
        detail = at.tabs[-len(DETAIL_TABS) :]
        return [n for n, tab in enumerate(detail) if tab.children]

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_the_table_is_open_first_and_alone(self, lang: Lang):
        at = open_app(lang)
        labels = [tab.label for tab in at.tabs[-len(DETAIL_TABS) :]]
        assert labels == [t(key, lang) for key in DETAIL_TABS]
        assert self.drawn(at) == [0]
        assert len(tables(at)) == 1
        assert not any(b.key and b.key.startswith("_load_rung_") for b in at.button)

    @pytest.mark.parametrize(("number", "key"), list(enumerate(DETAIL_TABS)))
    def test_opening_a_tab_draws_it_and_nothing_else(self, number: int, key: str):
        at = open_tab(open_app("en", {"income": "4000", "expenses": "3500"}), key, "en")
        assert not at.exception
        assert self.drawn(at) == [number]
        rungs = [b for b in at.button if b.key and b.key.startswith("_load_rung_")]
        assert len(rungs) == (3 if key == "ladder.title" else 0)
        assert len(tables(at)) == (1 if key in ("table.title", "nothing.title") else 0)

    def test_a_language_switch_keeps_the_open_tab(self):
        at = open_tab(open_app("en"), "nothing.title", "en")
        switch: Any = at.sidebar.get("button_group")[0]
        switch.set_value("zh").run()
        assert not at.exception
        assert self.drawn(at) == [3]
        assert at.tabs[-1].label == t("nothing.title", "zh")

    def test_a_slider_move_keeps_the_open_tab(self):
        at = open_tab(open_app("en"), "lawful.title", "en")
        at.sidebar.slider(key="rate").set_value(36.0).run()  # a fragment run
        assert not at.exception
        assert self.drawn(at) == [2]
        assert "36.00 %" in at.warning[-1].value


@pytest.mark.parametrize("choice", [0, 1, 2, 3])
def test_schedule_of_each_option(choice: int):
    at = open_app()
    at.session_state["_schedule_open"] = True
    at.run()
    at.selectbox(key="_schedule_choice").set_value(choice).run()
    assert not at.exception
    result = expected(None, *STARTING)
    frame = at.dataframe[-1].value
    if choice == 1:
        assert len(frame) == len(result.overdue_path)
    else:
        option = result.options[choice]
        assert len(frame) == len(option.schedule)
        assert frame.iloc[:, 2].sum() == pytest.approx(option.summary.total_paid / 100)


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


class TestRateUnits:
    def test_changing_the_unit_keeps_the_price(self):
        at = open_app()
        at.sidebar.selectbox(key="unit").set_value("daily").run()
        assert not at.exception
        assert at.sidebar.slider(key="rate").value == pytest.approx(0.05)  # 18 % a year / 360
        assert at.metric[0].value == money(expected(None, *STARTING).contract.summary.first_payment)

    def test_flat_fee_unit_switches_the_method(self):
        at = open_app()
        at.sidebar.selectbox(key="unit").set_value("flat_fee").run()
        assert not at.exception
        assert at.sidebar.selectbox(key="method").value == "flat_fee"
        assert not at.error


def test_comparison_table_leaves_staying_overdue_without_installments():
    at = open_app()
    table = tables(at)[0]
    overdue = table[t("option.overdue", "en")]
    assert overdue[t("card.months", "en")] == t("card.none", "en")
    assert overdue[t("card.payment", "en")] == t("card.none", "en")
    assert table[t("option.contract", "en")][t("card.months", "en")] == "12"


class TestLiveCharts:
    """The home page's two charts are ``ui.live_chart`` components updated in place."""

    def test_the_charts_are_live_and_carry_streamlits_plotly_file(self):
        at = open_app()
        charts = at.get("bidi_component")
        assert [c.proto.component_name for c in charts] == [live_chart.COMPONENT_NAME] * 2
        assert not at.get("plotly_chart")
        for chart in charts:
            data = json.loads(chart.proto.json)
            assert data["script"] == live_chart.PLOTLY_SCRIPT
            assert data["failed"] == t("chart.failed", "en")
            assert data["config"] == {"displayModeBar": False, "responsive": True}

    def test_streamlits_plotly_file_defines_window_plotly(self):
        """The component loads this file when the page has no Plotly yet: it must exist
        beside Streamlit's other scripts and define ``window.Plotly`` when it runs."""
        assert live_chart.PLOTLY_SCRIPT is not None
        script = (
            Path(streamlit.__file__).parent / "static" / "static" / "js" / live_chart.PLOTLY_SCRIPT
        )
        assert "window.Plotly=" in script.read_text(encoding="utf-8")

    def test_without_that_file_the_charts_fall_back_to_st_plotly_chart(self, monkeypatch):
        monkeypatch.setattr(live_chart, "PLOTLY_SCRIPT", None)
        at = open_app()
        assert not at.exception
        assert len(at.get("plotly_chart")) == 2 and not at.get("bidi_component")
        assert figures(at)[0]["data"][0]["y"][0] == 10_000
