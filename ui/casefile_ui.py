"""Save and load the case file from the sidebar: bytes go to and come from the browser only.

The save: the button asks, and the end of the run the click causes writes the case as the
page leaves it and hands the file to the browser over the websocket.

Why not Streamlit's download button: it keeps a file on the server at an address the
browser fetches, and deletes any file no session's page refers to whenever any session's
run ends. A file made on click ("deferred") is one no page refers to, so with other
visitors' runs ending many times a second it was often gone before the browser fetched it
(HTTP 404). Worse, a change in the sidebar on the home page starts a whole-page run, which
drops the session's references, and its callback turns it into a run of the results
fragment only, which does not draw the sidebar's button again: its file-maker is dropped at
the run's end, and every click after such a change failed ("Failed to generate file for
download"), load or not; so did a click that took the focus from a text box (issue 16).
So the case file never becomes a server-side file at all:

1. The button (:func:`save_button`, an ``st.components.v2`` component mounted in the page
   itself) tells the server the browser asks for the file: it sets its state to a new
   random token, which reruns the page. A change typed just before (a text box that commits
   as the click takes the focus away) reaches the server first, in the same order.
2. At the end of that run, when the page has done its own work (a tick, a table edit), the
   app writes the case and hands it over (:func:`hand_over`): the same component, mounted
   with the file's bytes as its data, after a first line of JSON naming the token it
   answers, the file's name and its type. Each token is answered once. A run cut short by
   a newer one leaves the ask to that one; should two runs not reach the page's end (a
   page that keeps failing), the next answers it from the sidebar, with the case as it
   stands when that run starts.
3. The component's script turns the bytes into a ``Blob`` and downloads it (a link with a
   ``download`` name, clicked), once per token, whatever mounts it again. While it waits,
   the button says so and takes no second click (for at most :data:`WAIT_MS`).

Nothing is parsed as HTML: the labels are set as ``textContent``, the file is only ever a
``Blob``'s content, and its name and type come from the app. The token the browser sends is
used only if it is a short string of letters, digits and hyphens (:func:`asked`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.text import Lang, explain_validation_error, t
from ui import device_store, state, undo
from ui.boundary import guarded
from ui.casefile import LETTER_LIMITS, LetterTexts, Loaded, Refused, dump_case, load_case
from ui.format import literal
from ui.inputs import all_lenders, apply_values, current_values, problem_line, store_all
from ui.style import TAP_PX

FILE_NAME = "loan-case.json"
FILE_TYPE = "application/json"
EARLY_AFTER_RUNS = 2
"""Runs that may set out to answer an ask and not reach the page's end (cut short by a
newer run, as when a text box's text arrives just after the click) before the sidebar
answers it itself (a page that keeps failing after the sidebar)."""
_LOG = logging.getLogger("loan_negotiation_planner")


def case_file_controls(lang: Lang) -> None:
    """A save of the whole case and an upload that restores it (or says why not)."""
    bar = st.sidebar
    session = st.session_state
    bar.subheader(t("casefile.title", lang))
    give_back_letter_texts()  # before the snapshot, and before the letter page's boxes
    snapshot = _case_snapshot()
    with bar:
        save_button(
            t("casefile.save", lang),
            t("casefile.saving", lang),
            key=state.SAVE_BUTTON,
            answered=session.get(state.SAVE_ANSWERED),
        )
    ask = _ask_due()
    if ask is not None:
        tried = session.get(state.SAVE_TRIED)
        runs = tried[1] if isinstance(tried, tuple) and tried[0] == ask else 0
        if runs >= EARLY_AFTER_RUNS:
            # Runs that set out to answer it never reached the page's end (a page that
            # keeps failing): answer from here, with the case as this run starts.
            if not _answer(ask, snapshot, state.SAVE_FILE_EARLY, bar):
                bar.error(t("casefile.save_failed", lang))
        else:  # answered at the page's end (keep_case_current), after the page's own work
            session[state.SAVE_TRIED] = (ask, runs + 1)
    if session.pop(state.SAVE_FAILED, False):
        bar.error(t("casefile.save_failed", lang))
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

    The function reads a plain dict kept in the session, which :func:`keep_case_current`
    fills now and again at the end of the page (after the page's own changes: a table edit,
    a tick), so it may be called from anywhere (a test calls it from a thread of its own).
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
    the dict the save button reads, hand the browser the case file it asked for, and the
    case when the borrower keeps it there (``ui.device_store``)."""
    current = _refresh_case()
    ask = _ask_due()
    if ask is not None and not _answer(ask, _case_snapshot(), state.SAVE_FILE):
        st.session_state[state.SAVE_FAILED] = True
        st.rerun()  # the whole page: the sidebar says so beside the button
    device_store.sync(current, apply_case)
    return current


def _ask_due() -> str | None:
    """The browser's ask for the case file, if it has not been answered yet."""
    session = st.session_state
    ask = asked(session.get(state.SAVE_BUTTON))
    return ask if ask is not None and ask != session.get(state.SAVE_ANSWERED) else None


def _answer(
    ask: str, snapshot: Callable[[], bytes], key: str, where: DeltaGenerator | None = None
) -> bool:
    """Write the case file and hand it to the browser in answer to ``ask`` (in ``where``,
    else where the page is; once: the ask counts as answered whatever happens); False when
    the file could not be made."""
    session = st.session_state
    session[state.SAVE_ANSWERED] = ask
    session[state.SAVE_TRIED] = None
    try:
        content = snapshot()
    except Exception as error:  # noqa: BLE001 - the borrower is told; the page goes on
        _LOG.error("the case file could not be made", exc_info=error)
        return False
    with where if where is not None else contextlib.nullcontext():
        hand_over(content, ask, name=FILE_NAME, mime=FILE_TYPE, key=key)
    return True


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
    """Start every page: a letter box with no value of its own gets the kept text
    (``state.LETTER_TEXTS``); a box that has one keeps it, untouched.

    The boxes keep their values for the whole session themselves (``persist_state``), so
    this only fills a box that has no state yet while a text is kept. A value the box has
    is never assigned again: an assignment through the API makes Streamlit send that
    value to the browser, where it replaced what the borrower had typed meanwhile (and,
    before the boxes kept their values, a page switch reset them to empty, which was then
    copied over the kept texts: issue 16).
    """
    session = st.session_state
    kept = session.get(state.LETTER_TEXTS) or LetterTexts()
    for field, key in state.LETTER_BOXES.items():
        text = getattr(kept, field)
        if key not in session and text:
            session[key] = text


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


# --- the save button: a component that asks, and hands the file over when answered

ASK = "asked"
"""The button's state: the token of the browser's last ask for the file."""
WAIT_MS = 60_000
"""How long the button waits for the file before it takes a click again."""
_TOKEN = re.compile(r"[0-9A-Za-z-]{1,64}")

_JS = """
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const own = (window.__lnpSave = window.__lnpSave || { given: new Set(), waiting: null, timer: 0 });
  const show = () => {
    document.querySelectorAll("button.lnp-save").forEach((button) => {
      const now = button.lnpData;
      if (!now) return;
      button.firstChild.textContent = own.waiting ? now.busy : now.label;
      button.setAttribute("aria-busy", own.waiting ? "true" : "false");
      button.setAttribute("aria-disabled", own.waiting ? "true" : "false");
    });
  };
  const settle = () => {
    own.waiting = null;
    clearTimeout(own.timer);
    show();
  };
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) {
    // The file: a first line of JSON (the ask it answers, its name and type), then its bytes.
    const bytes = data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const end = bytes.indexOf(10);
    if (end < 0) return;
    let head = null;
    try {
      head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end)));
    } catch (error) {
      return;
    }
    if (!head || typeof head.ask !== "string" || own.given.has(head.ask)) return;
    own.given.add(head.ask);
    const type = typeof head.type === "string" ? head.type : "application/octet-stream";
    const url = URL.createObjectURL(new Blob([bytes.subarray(end + 1)], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = typeof head.name === "string" ? head.name : "download";
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), WAIT);
    if (own.waiting === head.ask) settle();
    return;
  }
  if (!data || typeof data.label !== "string") return;
  let button = parentElement.querySelector("button.lnp-save");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "lnp-save";
    const label = document.createElement("span");
    label.setAttribute("aria-live", "polite");
    button.appendChild(label);
    parentElement.appendChild(button);
    button.addEventListener("click", () => {
      if (own.waiting) return;
      const ask = window.crypto && window.crypto.randomUUID
        ? window.crypto.randomUUID()
        : Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
      own.waiting = ask;
      clearTimeout(own.timer);
      own.timer = setTimeout(settle, WAIT);
      show();
      button.lnpAsk("asked", ask);
    });
  }
  button.lnpData = data;
  button.lnpAsk = setStateValue;
  if (own.waiting && data.answered === own.waiting) settle();
  show();
}
""".replace("WAIT", str(WAIT_MS))

_CSS = f"""
button.lnp-save {{
  width: 100%;
  min-height: {TAP_PX}px;
  padding: 0.25rem 0.75rem;
  border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
  border-radius: 0.5rem;
  background: var(--st-background-color, #ffffff);
  color: inherit;
  font: inherit;
  line-height: 1.6;
  cursor: pointer;
}}
button.lnp-save:hover, button.lnp-save:focus-visible {{
  border-color: var(--st-primary-color, currentColor);
  color: var(--st-primary-color, inherit);
}}
button.lnp-save[aria-busy="true"] {{ cursor: progress; opacity: 0.75; }}
"""

COMPONENT_NAME = "lnp_case_save"
_COMPONENT = st.components.v2.component(COMPONENT_NAME, css=_CSS, js=_JS, isolate_styles=False)


def save_button(label: str, busy_label: str, *, key: str, answered: str | None) -> None:
    """The button saying ``label`` (``busy_label`` while the file is on its way); a click
    sets its state's :data:`ASK` to a new token (see :func:`asked`). ``answered`` is the
    last token answered, so a wait for a file that will not come ends."""
    _COMPONENT(
        key=key,
        data={"label": label, "busy": busy_label, "answered": answered},
        width="stretch",
    )


def asked(value: object) -> str | None:
    """The token of the browser's ask in the button's state ``value``, if it is one (a
    hostile client may send anything: anything else is no ask)."""
    token = value.get(ASK) if isinstance(value, Mapping) else None
    return token if isinstance(token, str) and _TOKEN.fullmatch(token) else None


def delivery(content: bytes, ask: str, *, name: str, mime: str) -> bytes:
    """What :func:`hand_over` gives the browser: a line of JSON, then the file's bytes."""
    head = json.dumps({"ask": ask, "name": name, "type": mime}, ensure_ascii=True)
    return head.encode("ascii") + b"\n" + content


def hand_over(content: bytes, ask: str, *, name: str, mime: str, key: str) -> None:
    """Give the browser the file ``content`` in answer to ``ask``: the component downloads
    it as ``name`` (once, whatever mounts it again). It draws nothing."""
    _COMPONENT(key=key, data=delivery(content, ask, name=name, mime=mime), width="content")
