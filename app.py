"""Home page: compare negotiation proposals with keeping the contract and staying overdue.

Widgets (sidebar and proposal tabs) → one validated ``Case`` → ``core.compare`` →
cards, charts and tables. Every input is mirrored in the share link.
"""

from __future__ import annotations

import streamlit as st

from core import compare
from core.text import explain_validation_error, t
from ui import advice, inputs, results
from ui.boundary import error_boundary
from ui.charts import figures
from ui.shell import end_page, start_page
from ui.spec import case_from_values

CHART_CONFIG = {"displayModeBar": False, "responsive": True}


with error_boundary():
    lang, values = start_page("nav.home", heading_key="app.title", intro_key="app.tagline")

    built = case_from_values(values)
    for group in ("loan", "borrower", "assumptions"):
        if group in built.errors:
            st.error(
                "\n".join(
                    [
                        t("inputs.invalid", lang),
                        *("- " + m for m in explain_validation_error(built.errors[group], lang)),
                    ]
                )
            )

    inputs.proposals(lang, values)
    for group, error in built.errors.items():
        if group.startswith("p"):
            number = int(group[1:])
            messages = explain_validation_error(error, lang)
            st.error(
                "\n".join(
                    [
                        f"{t('proposal.tab', lang, number=number)} — {t('proposal.invalid', lang)}",
                        *("- " + m for m in messages),
                    ]
                )
            )

    if built.case is not None:
        result = compare(built.case)
        numbers = built.proposal_numbers
        st.subheader(t("results.title", lang))
        results.legal_warning(result, lang)
        results.budget_line(result, lang)
        results.cards(result, numbers, lang)
        for figure in figures(result, numbers, lang):
            st.plotly_chart(figure, width="stretch", config=CHART_CONFIG)
        results.tables(result, numbers, lang)
        advice.ladder_panel(built.case, lang)
        advice.lawfulness_panel(result, built.case, lang)
        advice.nothing_panel(result, built.case, lang)

    end_page(values, lang)
