"""The home page's results: the fragment, the cards, the detail tabs, the schedule, invalid proposals."""

from __future__ import annotations

from typing import Any

import pytest
from apptest_helpers import STARTING, expected, open_app, open_tab, panel, tables
from apptest_helpers import chart_figures as figures
from streamlit.testing.v1 import AppTest

from core import Loan
from core.text import Lang, t
from ui.format import money
from ui.results import DETAIL_TABS


def results(at: AppTest) -> dict[str, list[Any]]:
    """What the results fragment shows: cards, texts, tables and charts, in page order."""
    return {
        "metric": [(m.label, m.value, m.delta) for m in at.metric],
        # The way through sits above the fragment, on every page.
        "markdown": [m.value for m in at.markdown if t("way.situation", "en") not in m.value],
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
            ("number_input", "principal", 31_400.0),
            ("number_input", "income", 3_000.0),
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
        at.sidebar.number_input(key="principal").set_value(18_000.0).run()
        result = expected(Loan(principal_yuan=18_000), *STARTING)
        assert at.metric[0].value == money(result.contract.summary.highest_payment)
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
        assert at.sidebar.number_input(key="principal").value == 10_000
        assert at.title[0].value == t("app.title", "en")

    def test_loading_a_ladder_rung_reruns_the_whole_page_and_fills_the_editor(self):
        at = open_tab(open_app(), "ladder.title", "en")
        at.button(key="_load_rung_3").click().run()
        assert not at.exception
        assert at.sidebar.slider, "the whole page ran, not only the results"
        assert at.toast[0].value == t("ladder.loaded", "en", number=3)
        assert at.selectbox(key="np").value == "3"
        assert at.number_input(key="p3_term").value is not None


def test_invalid_proposal_is_explained_and_others_still_compare():
    at = open_app()
    at.number_input(key="p1_waive").set_value(20_000.0).run()
    assert not at.exception
    assert any(t("proposal.invalid", "en") in e.value for e in at.error)
    names = [trace["name"] for trace in panel(figures(at)[0], "y")]
    assert t("option.proposal", "en", number=1) not in names
    assert t("option.proposal", "en", number=2) in names


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
        at.sidebar.number_input(key="rate").set_value(36.0).run()  # a fragment run
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


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "lever, cheaper",
    [({"p1_rate": "6"}, True), ({"p1_add": "24"}, False)],  # a lower rate; a longer term
)
def test_the_arrow_and_colour_follow_the_saving_in_both_languages(lang: Lang, lever, cheaper):
    from streamlit.proto.Metric_pb2 import Metric as MetricProto

    at = open_app(lang, {"np": "1", **lever})
    # Only a proposal's total has a delta (against the contract).
    (card,) = [m for m in at.metric if m.label == t("card.total", lang) and m.proto.delta]
    arrow = MetricProto.MetricDirection.DOWN if cheaper else MetricProto.MetricDirection.UP
    colour = MetricProto.MetricColor.GREEN if cheaper else MetricProto.MetricColor.RED
    assert (card.proto.direction, card.proto.color) == (arrow, colour)
