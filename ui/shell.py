"""What every page shares: language, page setup, navigation, the sidebar and the link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from core.text import Lang, t
from ui import inputs, situation, state, style, undo, way, widget_guard
from ui.casefile_ui import case_file_controls, keep_case_current
from ui.nav import PAGES


def start_page(
    title_key: str,
    *,
    heading_key: str | None = None,
    intro_key: str | None = None,
    step: int | Callable[[bool], int] | None = None,
    on_value_change: Callable[[], None] | None = None,
) -> tuple[Lang, dict[str, Any]]:
    """Set up a page: read the link once, pick the language, draw navigation and inputs,
    then the page's heading (``heading_key``, else ``title_key``), its introduction, the
    way through (``step``: where this page is on it, or a function of whether the
    borrower's numbers are in), what the link held that could not be used (on whichever
    page the link opened) and what the last replacement of entered values changed.

    ``on_value_change`` goes to the sidebar's widgets (see ``inputs.sidebar``) once the
    borrower's numbers are in; before, a change draws the whole page.
    Returns the language and the current input values; call :func:`end_page` last.
    """
    widget_guard.install()  # idempotent; serve.py installs it before the server starts
    target = st.session_state.pop(state.GO_TO, None)
    if target is not None:  # a button asked for another page (a case study, a lender)
        st.switch_page(target)
    inputs.keep_state()
    lang = state.language()
    st.set_page_config(
        page_title=f"{t(title_key, lang)} · {t('app.title', lang)}",
        page_icon="🧮",
        layout="wide",
    )
    style.page_style(lang)
    entered = situation.entered(inputs.current_values())
    inputs.language_switch(lang)
    navigation(lang)
    inputs.lender_switch(lang)
    values = inputs.sidebar(lang, on_value_change if entered else None)
    case_file_controls(lang)
    st.title(t(heading_key or title_key, lang))
    if intro_key is not None:
        st.caption(t(intro_key, lang))
    here = step(entered) if callable(step) else step
    way.way_through(lang, here, entered=entered, several=len(inputs.all_lenders()) > 1)
    inputs.link_problems(lang)
    undo.notice(lang)
    return lang, values


def navigation(lang: Lang) -> None:
    """Translated links to every page (Streamlit's own list shows file names)."""
    with st.sidebar.container():
        for path, key in PAGES:
            st.page_link(path, label=t(key, lang))
        st.divider()


def end_page(values: dict[str, Any], lang: Lang) -> None:
    """Mirror the inputs in the share link; the case file to save follows the page's changes."""
    inputs.write_link(values, lang)
    keep_case_current()
