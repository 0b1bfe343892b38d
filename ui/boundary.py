"""The error boundary: an unexpected failure becomes a calm message with a way back.

Every page runs inside :func:`error_boundary`, and every widget callback is wrapped in
:func:`guarded` (callbacks run before the page's script, outside any ``with`` block). A
failure is written to the server's log with its traceback; the borrower sees a short
message in their language and two buttons: try again, or reset the loan inputs to the
defaults. The reset keeps the contact log, the checklist and the letter's texts, which the
inputs cannot break, and the language. Streamlit's own control flow (``st.rerun``,
``st.stop``, page switches) raises ``BaseException`` subclasses and passes through.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec

import streamlit as st

from core.text import Lang, t
from ui import state, widget_guard
from ui.registry import LANG_PARAM

_LOG = logging.getLogger("loan_negotiation_planner")

P = ParamSpec("P")


def _language() -> Lang:
    """The page's language without trusting any other part of the page to work."""
    try:
        return state.language()
    except Exception:  # noqa: BLE001 - the message must show whatever broke
        return "en"


@contextmanager
def error_boundary() -> Iterator[None]:
    """Run a page; an exception inside becomes :func:`show_failure` instead of a traceback."""
    failed_before = st.session_state.pop(state.FAILED, False)
    try:
        widget_guard.notice(_language())  # a value sent to the page that was put back
        if failed_before:  # a callback failed before this run
            show_failure(_language())
        yield
    except Exception as error:  # noqa: BLE001 - the boundary is for any failure
        _LOG.error("unexpected error on a page", exc_info=error)
        if not failed_before:
            show_failure(_language())


def guarded(callback: Callable[P, None]) -> Callable[P, None]:
    """A widget callback that records a failure for the page instead of raising."""

    @functools.wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - the boundary is for any failure
            _LOG.error("unexpected error in a widget callback", exc_info=error)
            st.session_state[state.FAILED] = True

    return run


def show_failure(lang: Lang) -> None:
    """The calm message and the two ways back."""
    # A Material icon is served by Streamlit itself: no emoji font needed on the phone.
    st.error(t("error.unexpected", lang), icon=":material/info:")
    retry, reset = st.columns(2)
    retry.button(t("error.retry", lang), key="_error_retry", width="stretch")
    reset.button(
        t("error.reset", lang),
        key="_error_reset",
        on_click=reset_inputs,
        type="primary",
        width="stretch",
    )


def reset_inputs() -> None:
    """Every loan, borrower and proposal input back to its default; the link emptied."""
    state.reset()
    st.query_params.clear()
    lang = st.session_state.get(LANG_PARAM.key)
    if lang in ("zh", "en"):
        st.query_params[LANG_PARAM.key] = lang
    st.rerun()  # the whole page, also when the message was in the home page's results fragment
