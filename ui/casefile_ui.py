"""Save and load the case file from the sidebar: bytes go to and come from the browser only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from core.text import Lang, explain_validation_error, t
from ui import device_store, state, undo
from ui.boundary import guarded
from ui.casefile import LETTER_LIMITS, LetterTexts, Loaded, Refused, dump_case, load_case
from ui.format import literal
from ui.inputs import all_lenders, apply_values, current_values, problem_line, store_all


def case_file_controls(lang: Lang) -> None:
    """A download of the whole case and an upload that restores it (or says why not)."""
    bar = st.sidebar
    bar.subheader(t("casefile.title", lang))
    give_back_letter_texts()  # before the snapshot, and before the letter page's boxes
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
    device_store.controls(lang, apply_case, refusal_lines)


def _case_snapshot() -> Callable[[], bytes]:
    """The case as this run leaves it, written to bytes only when the borrower saves.

    Streamlit calls a download's data function on a server thread outside the session,
    where ``st.session_state`` is empty. So the function reads a plain dict kept in the
    session, which :func:`keep_case_current` fills now and again at the end of the page
    (after the page's own changes: a table edit, a tick).
    """
    current = _refresh_case()
    return lambda: dump_case(
        current["values"],
        current["checklist"],
        current["log"],
        dt.datetime.now().replace(microsecond=0),
        lenders=current["lenders"],
        active=current["active"],
        letter=current["letter"],
    )


def keep_case_current() -> dict[str, Any]:
    """End of every page: copy the inputs, lenders, checklist, log and letter texts into
    the dict the save button reads, and hand them to the browser when the borrower keeps
    the case there (``ui.device_store``)."""
    current = _refresh_case()
    device_store.sync(current, apply_case)
    return current


def _refresh_case() -> dict[str, Any]:
    """Copy the inputs, lenders, checklist, log and letter texts into the dict the save
    button reads."""
    current: dict[str, Any] = st.session_state.setdefault(state.CASE_CURRENT, {})
    current["letter"] = keep_letter_texts()
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
    # What was on screen can be put back; the notice says what the file held.
    undo.remember("casefile", name=literal(upload.name), **device_store.describe(result))
    apply_case(result)


def apply_case(loaded: Loaded) -> None:
    """Every input and lender from the file (defaults where it says nothing), the checklist,
    the log and the letter's texts (kept as they are if the file has none)."""
    apply_values(loaded.values)
    if loaded.letter is not None:
        set_letter_texts(loaded.letter)
    store_all(loaded.lenders, loaded.active)
    state.set_checklist(loaded.checklist)
    state.set_contact_log(loaded.log)
    state.restart_log_editor()  # the log editor starts again from the file
    state.clear_checklist_boxes()  # the checklist's boxes start again from the file


def give_back_letter_texts() -> None:
    """Start every page: each letter box gets its text again through the API, its own if
    it has state, else the kept one (``state.LETTER_TEXTS``).

    Streamlit drops a box's state on a run that does not draw it (any other page), and
    what the key held before the box was drawn would then come back; assigning the text
    through the API every run (as ``inputs.keep_state`` does for the inputs) keeps the
    key's value the borrower's own, which the letter page's boxes then show.
    """
    session = st.session_state
    kept = session.get(state.LETTER_TEXTS) or LetterTexts()
    for field, key in state.LETTER_BOXES.items():
        session[key] = session[key] if key in session else getattr(kept, field)


def keep_letter_texts() -> LetterTexts:
    """Copy the letter boxes' texts into ``state.LETTER_TEXTS`` (after the letter page
    drew them: the borrower may have typed), and return them."""
    session = st.session_state
    texts = (session.get(state.LETTER_TEXTS) or LetterTexts()).model_dump()
    for field, key in state.LETTER_BOXES.items():
        if key in session:  # a text longer than the box takes cannot come from the page
            texts[field] = str(session[key] or "")[: LETTER_LIMITS[field]]
    kept = LetterTexts(**texts)
    session[state.LETTER_TEXTS] = kept
    return kept


def set_letter_texts(texts: LetterTexts) -> None:
    """The letter's texts and its boxes, from a case file."""
    st.session_state[state.LETTER_TEXTS] = texts
    for field, key in state.LETTER_BOXES.items():
        st.session_state[key] = getattr(texts, field)


def refusal_lines(refused: Refused, lang: Lang) -> list[str]:
    """Why the file was refused, in the borrower's language, and that nothing changed."""
    lines = [t(f"casefile.{refused.reason}", lang, **refused.context)]
    if refused.error is not None:
        lines += ["- " + message for message in explain_validation_error(refused.error, lang)[:5]]
    lines += ["- " + problem_line(problem, lang) for problem in refused.problems[:5]]
    lines.append(t("casefile.kept", lang))
    return lines
