"""Home page: compare negotiation proposals with keeping the contract and staying overdue.

Widgets (sidebar and proposal tabs) → one validated ``Case`` → ``core.compare`` →
cards, charts and tables. Every input is mirrored in the share link.

Below the charts, the table and the advice sit in tabs and only the open one is drawn.
The results are a fragment: moving a slider or changing a lever reruns only the fragment
(``inputs.rerun_results``), so the browser redraws what the value changes and leaves the
sidebar and the proposal editor alone. Whatever changes a widget drawn outside it (the
language, the rate's unit, a preset, a ladder rung, a reset) reruns the whole page.
"""

from __future__ import annotations

import streamlit as st

from core import compare
from core.text import Lang, explain_validation_error, t
from ui import advice, inputs, results, situation, way
from ui.boundary import error_boundary
from ui.charts import figures
from ui.copy_button import copy_button
from ui.live_chart import live_chart
from ui.options import labelled
from ui.shell import end_page, start_page
from ui.values import case_from_values

CHART_CONFIG = {"displayModeBar": False, "responsive": True}
CHART_KEYS = ("chart_timeline", "chart_cost")  # each chart stays on the page, updated in place


@st.fragment(key=inputs.RESULTS_FRAGMENT)
def results_area(lang: Lang) -> None:
    """What the inputs lead to: their errors, the cards, charts, tables and advice."""
    with error_boundary():
        values = inputs.current_values()
        built = case_from_values(values)
        for group, error in built.errors.items():
            if group.startswith("p"):
                title = f"{t('proposal.tab', lang, number=int(group[1:]))} — "
                title += t("proposal.invalid", lang)
            else:
                title = t("inputs.invalid", lang)
            messages = explain_validation_error(error, lang)
            st.error("\n".join([title, *("- " + m for m in messages)]))

        if built.case is not None:
            result = compare(built.case)
            compared = labelled(result, built.proposal_numbers, lang)
            st.subheader(t("results.title", lang))
            results.legal_warning(result, lang)
            results.budget_line(result, lang)
            results.cards(compared, lang)
            several = len(inputs.all_lenders()) > 1
            way.after_cards(result, built.proposal_numbers, lang, several=several)
            for name, figure in zip(CHART_KEYS, figures(compared, lang), strict=True):
                live_chart(figure, CHART_CONFIG, key=name, lang=lang)
            case = built.case
            panels = (  # in the order of results.DETAIL_TABS
                lambda: results.tables(compared, lang),
                lambda: advice.ladder_panel(case, lang),
                lambda: advice.lawfulness_panel(result, case, lang),
                lambda: advice.nothing_panel(result, case, lang),
            )
            for tab, panel in zip(results.detail_tabs(lang), panels, strict=True):
                if tab.open:  # only the open tab is drawn
                    with tab:
                        panel()

        end_page(values, lang)


def share_link(lang: Lang) -> None:
    """Copy the address bar's link: it holds every input and proposal (never the log)."""
    with st.container(horizontal=True, vertical_alignment="center"):
        copy_button(
            None,
            t("share.copy", lang),
            t("share.copied", lang),
            key="_copy_link",
            failed_label=t("share.failed", lang),
        )
        st.caption(t("share.note", lang))


with error_boundary():
    page_lang, page_values = start_page(
        "nav.home",
        heading_key="app.title",
        intro_key="app.tagline",
        step=lambda entered: 2 if entered else 1,
        on_value_change=inputs.rerun_results,
    )
    first_visit = not situation.entered(page_values)
    situation.section(page_lang, page_values, first_visit)
    if first_visit:  # the borrower's own numbers first: no example proposals yet
        end_page(page_values, page_lang)
    else:
        share_link(page_lang)
        inputs.proposals(page_lang, page_values, on_value_change=inputs.rerun_results)
        results_area(page_lang)
