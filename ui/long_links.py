"""A link too long for Streamlit to read is said, not silently dropped (issue 16).

Streamlit 1.67 ignores the whole query string of an address with more than 1,000 parameters
or more than 512 Ki characters (``streamlit.runtime.state.query_params.sanitize_query_string``,
with its limits ``CLIENT_STATE_QUERY_STRING_MAX_FIELDS`` and ``..._MAX_LENGTH``). It does so
when a rerun request arrives (``AppSession.request_rerun``) and again when a run parses the
query; only the server's log says so. The page then opens with every default, no word to the
visitor, and the junk stays in the address bar. The page cannot see the address itself:
``st.context.url`` comes from the browser without its query string.

:func:`install` wraps that function where Streamlit calls it: a query string it refuses is
replaced by a short one of a single parameter (:func:`ui.link.dropped_query`) that says which
limit it broke and by how much; every other query string passes unchanged, and Streamlit
still logs its own line. The page reads that parameter like any other link value
(``ui.inputs``), says so in the visitor's language and writes the address afresh from what
the visitor has entered. ``ui.inputs`` installs it when it is imported: ``serve.py`` imports
the app's modules before the server starts, so it holds from the first visit (under a plain
``streamlit run app.py``, from the second run of the first session on).
"""

from __future__ import annotations

import functools
from typing import Protocol

from streamlit.runtime import app_session
from streamlit.runtime.state import query_params

from ui.link import dropped_query


class Sanitizer(Protocol):
    """Streamlit's check of a query string: the string to use, empty when it is refused."""

    def __call__(self, query_string: str) -> str: ...


def install() -> None:
    """Wrap Streamlit's check of a query string where it calls it (once; again is harmless)."""
    if not hasattr(app_session.sanitize_query_string, "__wrapped__"):
        app_session.sanitize_query_string = noting(app_session.sanitize_query_string)
    if not hasattr(query_params.sanitize_query_string, "__wrapped__"):
        query_params.sanitize_query_string = noting(query_params.sanitize_query_string)


def noting(sanitize: Sanitizer) -> Sanitizer:
    """``sanitize``, except that a query string it drops whole becomes the one that says so."""

    @functools.wraps(sanitize)
    def noted(query_string: str) -> str:
        kept = sanitize(query_string)
        if kept or not query_string:
            return kept
        return dropped_query(
            query_string,
            query_params.CLIENT_STATE_QUERY_STRING_MAX_LENGTH,
            query_params.CLIENT_STATE_QUERY_STRING_MAX_FIELDS,
        )

    return noted
