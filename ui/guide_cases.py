"""The article's two cases as inputs the home page can show (issue 5's guide presets)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.boundary import guarded
from ui.presets import preset_values
from ui.spec import ALL_PARAMS, default

# Illness: income fell, a few months behind; ask for a longer term in installments.
ILLNESS: dict[str, Any] = {
    "principal": 30_000.0,
    "months": 12,
    "days": 45,
    "overdue": 5_500.0,
    "income": 4_000.0,
    "expenses": 3_200.0,
    "np": "1",
}
# No plan: well past 90 days, no proposal: the page shows what staying overdue costs.
NO_PLAN: dict[str, Any] = {
    "principal": 30_000.0,
    "rate": 24.0,
    "months": 12,
    "days": 120,
    "overdue": 11_500.0,
    "np": "0",
}


def case_study_values(name: str) -> dict[str, Any]:
    """Every input of a case study (the rest at their defaults)."""
    chosen = ILLNESS if name == "illness" else NO_PLAN
    values = {param.key: default(param, chosen) for param in ALL_PARAMS} | chosen
    if name == "illness":
        illness = preset_values("illness", 1, values)
        values |= illness
        values["income"] = chosen["income"]  # already the reduced income
    return values


@guarded
def load_case_study(name: str) -> None:
    """Button callback: put a case study into the widgets, then go to the home page."""
    st.session_state.update(case_study_values(name))
    st.session_state["_go_home"] = True
