"""The session's state beyond the input widgets: one constant per key, what it means, its accessors.

The inputs live in their widgets' own state, keyed by ``ui.registry`` (the share-link
parameters). Everything else a session carries is declared here, so no two modules spell
a key apart and a reset knows what it clears. Widget keys that only one module draws and
reads (a button, a page's own text box) stay in that module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import streamlit as st

from core.contacts import ContactEntry
from core.text import Lang
from ui.contact_log import entries_to_rows
from ui.lenders import Lender
from ui.registry import ALL_PARAMS, LANG_PARAM

# --- the share link and the language
SEEDED = "_seeded"
"""True once this session has read the share link into the widgets."""
LINK_PROBLEMS = "_link_problems"
"""The link's values that were ignored (``ui.link.LinkProblem``), until dismissed."""
LANG_CHOSEN = "_lang_chosen"
"""True once the borrower picked a language (it then goes into the link)."""

# --- the inputs
UNIT_BEFORE = "_unit_before"
"""The rate unit the rate is expressed in, so a change of unit can convert it."""
PRESET_PREFIX = "_preset_"
"""``_preset_<n>``: the preset pills of proposal n (cleared once the preset is applied)."""
RUNG_LOADED = "_rung_loaded"
"""The proposal a ladder rung was just loaded into, for a note on the next run."""

# --- the lenders
LENDERS = "_lenders"
"""Every lender (``ui.lenders.Lender``), in the borrower's order; the one being worked on
may be behind its widgets. Absent while there is only the one lender of the widgets."""
ACTIVE_LENDER = "_active_lender"
"""The place in ``LENDERS`` of the lender whose values are in the widgets."""
LENDER_FORM = "_lender_form"
"""The lender being edited in the form (its place in the list), "new", or None."""
LENDER_FORM_ERROR = "_lender_form_error"
"""Why the lender form's values were refused (lines in the borrower's language), or None."""
LENDER_REMOVING = "_lender_removing"
"""The number of the lender whose removal waits for a second click, or None."""
PREPAYMENT = "_prepayment"
"""What the money left over each month does on the lenders page (``core.prepay.Prepayment``)."""
STRATEGY = "_strategy"
"""How the budget is split across lenders on the lenders page (``core.split.Strategy``)."""

# --- the case file
CASE_UPLOAD = "_case_upload"
"""The case-file uploader's widget."""
CASE_REFUSED = "_case_refused"
"""Why the last uploaded case file was refused (``ui.casefile.Refused``), or None."""
CASE_CURRENT = "_case_current"
"""What "save the case" writes: a plain dict of the case's parts, refreshed at the start of
the sidebar and again at the end of every page (after the page's own changes)."""
SAVE_BUTTON = "_case_save"
"""The "save the case" button (``ui.casefile_ui``): its state holds the browser's last ask."""
SAVE_FILE = "_case_save_file"
"""What hands the case file to the browser at the end of the run that answers an ask."""
SAVE_FILE_EARLY = "_case_save_file_early"
"""The same, from the sidebar, for an ask whose earlier run never reached the page's end."""
SAVE_ANSWERED = "_case_save_answered"
"""The last ask answered (with the file, or with a message that it could not be made)."""
SAVE_TRIED = "_case_save_tried"
"""(ask, runs): the runs that set out to answer an ask and have not reached the page's end."""
SAVE_FAILED = "_case_save_failed"
"""True for one run after a case file could not be made: the sidebar says so."""

# --- the letter
LETTER_NAME = "_letter_name"
"""The letter page's box for the borrower's name (widget state, dropped on other pages)."""
LETTER_ACCOUNT = "_letter_account"
"""The letter page's box for the account number (widget state, dropped on other pages)."""
LETTER_HARDSHIP = "_letter_hardship"
"""The letter page's box for what happened (widget state, dropped on other pages)."""
LETTER_TEXTS = "_letter_texts"
"""The letter's three texts (``ui.casefile.LetterTexts``), kept while other pages are shown."""
LETTER_BOXES: dict[str, str] = {
    "name": LETTER_NAME,
    "account": LETTER_ACCOUNT,
    "hardship": LETTER_HARDSHIP,
}
"""Each letter text (a field of ``LetterTexts``) and the key of its box on the letter page."""

# --- the checklist and the contact log
CHECKLIST = "_checklist"
"""The checklist items ticked by hand: item key → ticked."""
CHECK_PREFIX = "_check_"
"""``_check_<item>``: a checklist box (``_auto`` appended when the inputs tick it)."""
CONTACT_LOG = "_contact_log"
"""The contact log: a tuple of validated ``ContactEntry``."""
LOG_ROWS = "_log_rows"
"""The log editor's input table, fixed while the borrower edits (edits are relative to it)."""
LOG_EDITOR = "_log_editor"
"""The log editor's widget state: the edits made to ``LOG_ROWS`` (``log_editor_key``)."""
LOG_GENERATION = "_log_generation"
"""How many times the log editor started again: part of its key, so a new start is a new
table in the browser too, which drops edits the page refused."""
LOG_NOTE = "_log_note"
"""Why the log editor's last change was not kept: a catalog key and its context, or None."""
ADD_PREFIX = "_add_"
"""``_add_<field>``: the add-a-contact form's fields."""
ADD_ERROR = "_add_error"
"""Why the add-a-contact form's last contact was refused: a ``ValidationError``, a log
limit (a catalog key and its context, ``ui.casefile.log_problem``), or None."""

# --- the way through (ui.way, ui.situation)
SITUATION_DONE = "_situation_done"
"""True once the borrower's own numbers are in (typed, from a link or a case file)."""
SITUATION_MISSING = "_situation_missing"
"""The figures the situation form was last submitted without (input keys), or empty."""
PROPOSAL_FITS = "_proposal_fits"
"""Whether the home page's last run found a proposal that fits the budget."""
LETTER_PROPOSAL = "_letter_proposal"
"""The letter page's choice of proposal (its place among the proposals); the home page
sets it to the first proposal that fits."""

# --- undo
UNDO = "_undo"
"""What the last preset, case study, ladder rung or case file replaced (``ui.undo.Undo``)."""
UNDONE = "_undone"
"""True for one run after an undo, so the page says it was undone."""

# --- folded groups: their widgets are drawn only while open (values kept meanwhile)
FOLD_OVERDUE = "_fold_overdue"
"""Whether the sidebar's overdue group is open (an expander's state)."""
FOLD_ASSUMPTIONS = "_fold_assumptions"
"""Whether the sidebar's assumptions group is open."""
FOLD_BILL = "_fold_bill"
"""Whether the sidebar's real-bill group is open."""
FOLD_SITUATION = "_fold_situation"
"""Whether the home page's "your numbers" line is open to its form."""
FOLD_MORE_PREFIX = "_fold_more_"
"""``_fold_more_<N>``: whether proposal N's further levers are open."""


def fold_keys(proposals: int) -> tuple[str, ...]:
    """Every folded group's state key, with those of ``proposals`` proposals."""
    more = tuple(f"{FOLD_MORE_PREFIX}{number}" for number in range(1, proposals + 1))
    return (FOLD_SITUATION, FOLD_OVERDUE, FOLD_ASSUMPTIONS, FOLD_BILL, *more)


# --- the page
FAILED = "_failed"
"""True when a widget callback failed: the next run shows the calm message."""
GO_TO = "_go_to"
"""A page to open at the start of the next run (a callback cannot switch pages itself)."""

# --- keeping the case on this device (ui.device_store: the browser's own storage)
DEVICE_KEEP = "_device_keep"
"""True while the case is kept in this browser (written after every run); off by default."""
DEVICE_KEEP_BOX = "_device_keep_box"
"""The sidebar's switch for ``DEVICE_KEEP`` (widget state, set from it every run)."""
DEVICE_STORE = "_device_store"
"""The component that reads and writes the browser's storage (its widget state)."""
DEVICE_TOKEN = "_device_token"
"""This session's request to the browser to say what it keeps (answered once)."""
DEVICE_CHECKED = "_device_checked"
"""True once the browser said what it keeps: the kept case is read once per session."""
DEVICE_FOUND = "_device_found"
"""True while this browser is known to keep a case (found at the start, or written since)."""
DEVICE_PENDING = "_device_pending"
"""A kept case not opened because the page held other values (``ui.casefile.Loaded``)."""
DEVICE_REFUSED = "_device_refused"
"""Why the kept case could not be used (``ui.casefile.Refused``), or None."""
DEVICE_FORGET = "_device_forget"
"""The last "forget" asked of the browser (a token it acts on once), or None."""
DEVICE_NOTE = "_device_note"
"""What keeping just did, said on the next run only: (catalog key, its values), or None."""
DEVICE_SENT = "_device_sent"
"""The case last handed to the browser: (what it was made from, its text)."""

RESET_KEYS: tuple[str, ...] = (SEEDED, LINK_PROBLEMS, CASE_REFUSED, LENDERS, ACTIVE_LENDER)
"""What a reset clears besides the inputs: what the link or a refused file left behind.
The contact log, the checklist, the letter's texts and the language are kept."""
RESET_PREFIXES: tuple[str, ...] = (PRESET_PREFIX,)
"""Keys starting with these are cleared by a reset too."""


def _state() -> Any:
    return st.session_state


def language() -> Lang:
    """The page's language: the switch or ``?lang=`` if set, else the browser's locale."""
    chosen = _state().get(LANG_PARAM.key)
    if chosen in ("zh", "en"):
        return "zh" if chosen == "zh" else "en"
    locale = (st.context.locale or "").lower()
    return "zh" if locale.startswith("zh") else "en"


def stored_lenders() -> tuple[Lender, ...]:
    """The lenders as last stored (the one being worked on may have changed since)."""
    return tuple(_state().get(LENDERS, ()))


def active_lender() -> int:
    """The place in the list of the lender being worked on."""
    return int(_state().get(ACTIVE_LENDER, 0))


def store_lenders(lenders: Iterable[Lender], active: int) -> None:
    _state()[LENDERS] = tuple(lenders)
    _state()[ACTIVE_LENDER] = active


def contact_log() -> tuple[ContactEntry, ...]:
    """The contact log, oldest entry first as entered."""
    return tuple(_state().get(CONTACT_LOG, ()))


def set_contact_log(entries: Iterable[ContactEntry]) -> None:
    _state()[CONTACT_LOG] = tuple(entries)


def checklist() -> dict[str, bool]:
    """The items ticked by hand (the dict kept in the session: changes to it are kept)."""
    ticked: dict[str, bool] = _state().setdefault(CHECKLIST, {})
    return ticked


def set_checklist(ticked: dict[str, bool]) -> None:
    _state()[CHECKLIST] = dict(ticked)


def log_editor_key() -> str:
    """The log editor's widget key now (``LOG_EDITOR``, then a new one at each restart)."""
    generation = int(_state().get(LOG_GENERATION, 0))
    return LOG_EDITOR if generation == 0 else f"{LOG_EDITOR}_{generation}"


def restart_log_editor(entries: Sequence[ContactEntry] | None = None) -> None:
    """The log editor starts again from the whole log (its edits so far are dropped).

    With ``entries`` the editor's rows are rebuilt now; without, on the page's next run.
    The editor gets a new key, so the browser's table starts again too.
    """
    state = _state()
    state.pop(log_editor_key(), None)
    state[LOG_GENERATION] = int(state.get(LOG_GENERATION, 0)) + 1
    if entries is None:
        state.pop(LOG_ROWS, None)
    else:
        state[LOG_ROWS] = entries_to_rows(entries)


def clear_checklist_boxes() -> None:
    """The checklist's boxes start again from ``CHECKLIST`` when next drawn."""
    state = _state()
    for key in [k for k in state if str(k).startswith(CHECK_PREFIX)]:
        del state[key]


def reset() -> None:
    """Every input back to its default and what the link left behind gone; the language kept."""
    state = _state()
    lang = state.get(LANG_PARAM.key)
    for param in ALL_PARAMS:
        state.pop(param.key, None)
    for key in list(state.keys()):
        if key in RESET_KEYS or (isinstance(key, str) and key.startswith(RESET_PREFIXES)):
            state.pop(key, None)
    if lang in ("zh", "en"):
        state[LANG_PARAM.key] = lang
