"""The article's two cases as inputs the home page can show: the guide's case studies."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import state, undo
from ui.boundary import guarded
from ui.nav import HOME_PAGE
from ui.presets import preset_values
from ui.registry import ALL_PARAMS, Key, default

# Illness: sick pay below essential expenses, a few months behind, the old income back in
# the fourth month; ask for a pause with interest stopped, then installments.
ILLNESS: dict[str, Any] = {
    Key.PRINCIPAL: 30_000.0,
    Key.MONTHS: 12,
    Key.DAYS: 45,
    Key.OVERDUE: 5_500.0,
    Key.INCOME: 3_000.0,
    Key.EXPENSES: 3_200.0,
    Key.LATER: 5_000.0,
    Key.LATER_MONTH: 4,
    Key.COUNT: "1",
}
# No plan: well past 90 days, no proposal: the page shows what staying overdue costs.
NO_PLAN: dict[str, Any] = {
    Key.PRINCIPAL: 30_000.0,
    Key.RATE: 24.0,
    Key.MONTHS: 12,
    Key.DAYS: 120,
    Key.OVERDUE: 11_500.0,
    Key.COUNT: "0",
}


def case_study_values(name: str) -> dict[str, Any]:
    """Every input of a case study (the rest at their defaults)."""
    chosen = ILLNESS if name == "illness" else NO_PLAN
    values = {param.key: default(param, chosen) for param in ALL_PARAMS} | chosen
    if name == "illness":  # the plan the ladder aims for under the case's own budget
        values |= preset_values("illness", 1, values)
    return values


@guarded
def load_case_study(name: str) -> None:
    """Button callback: put a case study into the widgets, then go to the home page."""
    undo.remember("example", name_key=f"guide.example.{name}")
    st.session_state.update(case_study_values(name))
    st.session_state[state.GO_TO] = HOME_PAGE
