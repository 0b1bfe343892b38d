"""Undo for whatever replaces what the borrower entered: a preset, a case study, a ladder
rung, a case file.

Before the replacement, :func:`remember` copies every key the replacement can touch
(the inputs, the lenders, the checklist, the contact log, the letter's texts) with a
sentence saying what is about to change. :func:`notice`, drawn at the top of every page,
says what changed and offers to put back exactly what was there.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from core.text import Lang, t
from ui import state
from ui.boundary import guarded
from ui.registry import ALL_PARAMS

_MISSING = object()

SNAPSHOT_KEYS: tuple[str, ...] = (
    *(param.key for param in ALL_PARAMS),
    state.UNIT_BEFORE,
    state.LENDERS,
    state.ACTIVE_LENDER,
    state.CHECKLIST,
    state.CONTACT_LOG,
    state.LETTER_TEXTS,
    *state.LETTER_BOXES.values(),
)
"""Every key a replacement can change: what an undo puts back (or removes again)."""


@dataclass(frozen=True, slots=True)
class Undo:
    """What was replaced (a catalog key under ``undo.`` and its values) and what was there."""

    what: str
    context: dict[str, Any] = field(default_factory=dict)
    kept: dict[str, Any] = field(default_factory=dict)


def remember(what: str, **context: Any) -> None:
    """Call before replacing entered values: keep what is there now for :func:`notice`.

    ``what`` names the notice (``undo.<what>`` in the catalogs); ``context`` fills it, a
    ``<name>_key`` value being a catalog key shown in the page's language.
    """
    session = st.session_state
    kept = {key: copy.deepcopy(session[key]) for key in SNAPSHOT_KEYS if key in session}
    session[state.UNDO] = Undo(what, dict(context), kept)


def notice(lang: Lang) -> None:
    """What the last replacement changed, with a button that undoes it and one that hides
    the notice."""
    undo: Undo | None = st.session_state.get(state.UNDO)
    done = st.session_state.pop(state.UNDONE, False)
    if done:
        st.success(t("undo.done", lang))
    if undo is None:
        return
    with st.container(border=True):
        st.info(t(f"undo.{undo.what}", lang, **_words(undo.context, lang)))
        back, keep = st.columns(2)
        back.button(t("undo.button", lang), key="_undo_button", on_click=restore, width="stretch")
        keep.button(t("undo.keep", lang), key="_undo_keep", on_click=forget, width="stretch")


def _words(context: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The notice's values: a ``<name>_key`` is a catalog key, shown as ``<name>`` in ``lang``."""
    words: dict[str, Any] = {}
    for name, value in context.items():
        if name.endswith("_key"):
            words[name.removesuffix("_key")] = t(value, lang)
        else:
            words[name] = value
    return words


@guarded
def restore() -> None:
    """Put back every key as it was before the replacement (absent keys removed again)."""
    session = st.session_state
    undo: Undo | None = session.pop(state.UNDO, None)
    if undo is None:
        return
    for key in SNAPSHOT_KEYS:
        value = undo.kept.get(key, _MISSING)
        if value is _MISSING:
            session.pop(key, None)
        else:
            session[key] = copy.deepcopy(value)
    state.restart_log_editor()  # the log editor and the boxes start again from the log
    state.clear_checklist_boxes()
    session[state.UNDONE] = True


@guarded
def forget() -> None:
    """Keep the change: the notice goes."""
    st.session_state.pop(state.UNDO, None)
