"""What every page shares: language, page setup, navigation, the sidebar and the link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from core.text import Lang, t
from ui import inputs, state
from ui.casefile_ui import case_file_controls, keep_case_current

HOME_PAGE = "app.py"
LENDERS_PAGE = "pages/5_lenders.py"
LETTER_PAGE = "pages/3_letter.py"
PAGES: tuple[tuple[str, str], ...] = (
    (HOME_PAGE, "nav.home"),
    (LENDERS_PAGE, "nav.lenders"),
    ("pages/1_checklist.py", "nav.checklist"),
    ("pages/2_contact_log.py", "nav.log"),
    (LETTER_PAGE, "nav.letter"),
    ("pages/4_guide.py", "nav.guide"),
)


def start_page(
    title_key: str,
    *,
    heading_key: str | None = None,
    intro_key: str | None = None,
    on_value_change: Callable[[], None] | None = None,
) -> tuple[Lang, dict[str, Any]]:
    """Set up a page: read the link once, pick the language, draw navigation and inputs,
    then the page's heading (``heading_key``, else ``title_key``), its introduction and
    what the link held that could not be used (on whichever page the link opened).

    ``on_value_change`` goes to the sidebar's widgets (see ``inputs.sidebar``).
    Returns the language and the current input values; call :func:`end_page` last.
    """
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
    inputs.language_switch(lang)
    navigation(lang)
    inputs.lender_switch(lang)
    values = inputs.sidebar(lang, on_value_change)
    case_file_controls(lang)
    st.title(t(heading_key or title_key, lang))
    if intro_key is not None:
        st.caption(t(intro_key, lang))
    inputs.link_problems(lang)
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
