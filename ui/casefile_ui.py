"""Save and load the case file from the sidebar: bytes go to and come from the browser only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from core.text import Lang, explain_validation_error, t
from ui import state
from ui.boundary import guarded
from ui.casefile import Loaded, Refused, dump_case, load_case
from ui.inputs import all_lenders, apply_values, current_values, problem_line, store_all


def case_file_controls(lang: Lang) -> None:
    """A download of the whole case and an upload that restores it (or says why not)."""
    bar = st.sidebar
    bar.subheader(t("casefile.title", lang))
    bar.download_button(
        t("casefile.save", lang),
        data=_case_snapshot(),
        file_name="loan-case.json",
        mime="application/json",
        on_click="ignore",
        key="_case_download",
        width="stretch",
    )
    bar.file_uploader(
        t("casefile.load", lang),
        type=["json"],
        key=state.CASE_UPLOAD,
        on_change=_on_upload,
        help=t("casefile.help", lang),
    )
    refused: Refused | None = st.session_state.get(state.CASE_REFUSED)
    if refused is not None:
        bar.error("\n".join(refusal_lines(refused, lang)))


def _case_snapshot() -> Callable[[], bytes]:
    """The case as this run leaves it, written to bytes only when the borrower saves.

    Streamlit calls a download's data function on a server thread outside the session,
    where ``st.session_state`` is empty. So the function reads a plain dict kept in the
    session, which :func:`keep_case_current` fills now and again at the end of the page
    (after the page's own changes: a table edit, a tick).
    """
    current = keep_case_current()
    return lambda: dump_case(
        current["values"],
        current["checklist"],
        current["log"],
        dt.datetime.now().replace(microsecond=0),
        lenders=current["lenders"],
        active=current["active"],
    )


def keep_case_current() -> dict[str, Any]:
    """Copy the inputs, lenders, checklist and log into the dict the save button reads."""
    current: dict[str, Any] = st.session_state.setdefault(state.CASE_CURRENT, {})
    current["values"] = current_values()
    current["lenders"] = all_lenders()
    current["active"] = state.active_lender() if len(current["lenders"]) > 1 else 0
    current["checklist"] = dict(st.session_state.get(state.CHECKLIST, {}))
    current["log"] = state.contact_log()
    return current


@guarded
def _on_upload() -> None:
    """Runs before the page: apply a good file to every input, or keep everything as it was."""
    upload = st.session_state.get(state.CASE_UPLOAD)
    if upload is None:  # the file was removed: its refusal goes with it
        st.session_state[state.CASE_REFUSED] = None
        return
    result = load_case(upload.getvalue())
    if isinstance(result, Refused):
        st.session_state[state.CASE_REFUSED] = result
        return
    st.session_state[state.CASE_REFUSED] = None
    apply_case(result)


def apply_case(loaded: Loaded) -> None:
    """Every input and lender from the file (defaults where it says nothing), the checklist
    and the log."""
    apply_values(loaded.values)
    store_all(loaded.lenders, loaded.active)
    state.set_checklist(loaded.checklist)
    state.set_contact_log(loaded.log)
    state.restart_log_editor()  # the log editor starts again from the file
    state.clear_checklist_boxes()  # the checklist's boxes start again from the file


def refusal_lines(refused: Refused, lang: Lang) -> list[str]:
    """Why the file was refused, in the borrower's language, and that nothing changed."""
    lines = [t(f"casefile.{refused.reason}", lang, **refused.context)]
    if refused.error is not None:
        lines += ["- " + message for message in explain_validation_error(refused.error, lang)[:5]]
    lines += ["- " + problem_line(problem, lang) for problem in refused.problems[:5]]
    lines.append(t("casefile.kept", lang))
    return lines
