"""Keep the case in the borrower's own browser (its ``localStorage``), never on the server.

Opt-in, off by default (a switch in the sidebar's case-file area, with a sentence on what
keeping means on a shared computer). While it is on, the whole case, exactly what the case
file holds, is handed to the browser after every run and written there. On a session's
first runs the browser is asked once what it keeps (a browser that keeps nothing says
nothing, so a first visit is not run twice); a kept case is read back through
``load_case`` like any uploaded file (the text is the visitor's: size-limited and validated)
and opened, or refused with its reasons, nothing on screen changed.

What wins when the page already holds something when the kept case arrives (a share link
with values, a contact typed in the first second): the page. The kept case is then not
opened; the sidebar says one is kept and offers to open it instead (replacing what is on
screen), and keeping stays off until the borrower opens it or switches keeping on (which
keeps what is on screen instead). A reload of a page whose case is kept holds the same
inputs in its link as the kept case: that is no conflict, the case is opened.

"Forget it on this device" (and switching keeping off) removes the kept case from the
browser and says so. Without keeping, a page with work on it (a logged contact, a ticked
item, a letter text, inputs changed from their defaults) asks the browser to warn before
the page is left (``beforeunload``).

The component (:data:`COMPONENT_NAME`) draws nothing. Its script is a constant; what it is
given is the case's text, which it only ever stores, never puts into the page. What it
sends back (the kept text, a failed write) is checked for type and size before use.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from core.contacts import ContactEntry
from core.text import Lang, t
from ui import state
from ui.boundary import guarded
from ui.casefile import (
    MAX_BYTES,
    LetterTexts,
    Loaded,
    Refused,
    dump_case,
    kilobytes,
    load_case,
)
from ui.inputs import all_lenders, current_values
from ui.lenders import Lender
from ui.link import lenders_link_params, link_params
from ui.registry import COUNT_PARAM

STORAGE_KEY = "loan-negotiation-planner/case"
"""The name the case is kept under in the browser's ``localStorage``."""
MAX_CHARS = MAX_BYTES
"""The longest kept text read back (a case file's limit; longer is refused unread)."""
ANSWER_AGAIN_MS = 3_000
"""How long the browser waits before saying again what it keeps, while still asked."""

_FORGET_BUTTON = "_device_forget_button"
_OPEN_BUTTON = "_device_open_button"

_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const own = (window.__lnpDevice = window.__lnpDevice || {
    asked: null, askedAt: 0, forgot: null, written: null, warn: false,
    leave: (event) => { event.preventDefault(); event.returnValue = ""; },
  });
  const storage = () => {
    try { return window.localStorage; } catch (error) { return null; }
  };
  // What this browser keeps, said once per session (again only if still asked later).
  if (data.read && (own.asked !== data.read || Date.now() - own.askedAt > data.again)) {
    own.asked = data.read;
    own.askedAt = Date.now();
    let text = "";
    try { text = (storage() && storage().getItem(data.name)) || ""; } catch (error) { text = ""; }
    // Nothing kept, nothing to say: an empty answer would only cost the page a rerun.
    if (text) setTriggerValue("stored", text.length > data.most ? text.slice(0, data.most + 1) : text);
  }
  if (data.forget && own.forgot !== data.forget) {
    own.forgot = data.forget;
    own.written = null;
    try { if (storage()) storage().removeItem(data.name); } catch (error) { /* nothing kept */ }
  }
  if (data.keep && typeof data.case === "string" && own.written !== data.case) {
    try {
      const kept = storage();
      if (!kept) throw new Error("no storage");
      kept.setItem(data.name, data.case);
      own.written = data.case;
    } catch (error) {
      own.written = null;
      setTriggerValue("failed", true);
    }
  }
  const warn = Boolean(data.warn);
  if (warn !== own.warn) {
    if (warn) window.addEventListener("beforeunload", own.leave);
    else window.removeEventListener("beforeunload", own.leave);
    own.warn = warn;
  }
}
"""

COMPONENT_NAME = "lnp_device_store"
_COMPONENT = st.components.v2.component(COMPONENT_NAME, js=_JS, isolate_styles=False)

Apply = Callable[[Loaded], None]
"""What opens a good case on every input, lender, checklist, log and letter text."""
Explain = Callable[[Refused, Lang], list[str]]
"""Why a case cannot be used, as lines in the borrower's language."""


# --- what a case holds, and whether the page holds work


def inputs_link(
    values: Mapping[str, Any], lenders: Sequence[Lender], active: int
) -> dict[str, str]:
    """The inputs as a share link writes them: empty when every input is at its default."""
    return link_params(values) | lenders_link_params(lenders, active)


def letter_key(letter: LetterTexts | None) -> str:
    """How a case's letter texts are described: none given, all empty, or some text."""
    if letter is None:
        return "device.letter_left"
    return "device.letter_yes" if any(letter.model_dump().values()) else "device.letter_no"


def describe(loaded: Loaded) -> dict[str, Any]:
    """What a case holds, for a sentence (``letter_key`` is a catalog key)."""
    proposals = 0
    for lender in loaded.lenders:
        count = str(lender.values.get(COUNT_PARAM.key, COUNT_PARAM.default))
        proposals += int(count) if count.isdigit() else 0
    return {
        "lenders": len(loaded.lenders),
        "proposals": proposals,
        "contacts": len(loaded.log),
        "ticked": sum(1 for ticked in loaded.checklist.values() if ticked),
        "letter_key": letter_key(loaded.letter),
    }


def say(key: str, context: Mapping[str, Any], lang: Lang) -> str:
    """The sentence ``key`` filled from ``context``: a ``<name>_key`` value is a catalog key."""
    words = {
        name.removesuffix("_key"): t(value, lang) if name.endswith("_key") else value
        for name, value in context.items()
    }
    return t(key, lang, **words)


def has_work(current: Mapping[str, Any]) -> bool:
    """Whether the case holds anything of the borrower's: a logged contact, a ticked item,
    a letter text, or an input away from its default (``current`` as the case file's
    ``keep_case_current`` fills it)."""
    letter: LetterTexts | None = current.get("letter")
    return bool(
        current.get("log")
        or any(current.get("checklist", {}).values())
        or (letter is not None and any(letter.model_dump().values()))
        or inputs_link(current["values"], current["lenders"], current["active"])
    )


def read_kept(value: object) -> Loaded | Refused | None:
    """The case the browser says it keeps: None when it keeps none, else read and checked
    as an uploaded file is (anything but a string of at most :data:`MAX_CHARS` is refused
    before it is looked at)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return Refused("not_json")
    if len(value) > MAX_CHARS:
        return Refused("too_large", {"limit": kilobytes(MAX_BYTES)})
    try:
        data = value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: JavaScript strings may hold one
        return Refused("not_json")
    return load_case(data)


def _page_is_empty_or(kept: Loaded) -> bool:
    """Whether opening ``kept`` would lose nothing: the page holds no contact, tick or
    letter text, and its inputs are the defaults or those of ``kept`` (a reload)."""
    session = st.session_state
    letter: LetterTexts | None = session.get(state.LETTER_TEXTS)
    typed = [session.get(key) for key in state.LETTER_BOXES.values()]
    if state.contact_log() or any(state.checklist().values()) or any(typed):
        return False
    if letter is not None and any(letter.model_dump().values()):
        return False
    lenders = all_lenders()
    now = inputs_link(current_values(), lenders, state.active_lender() if len(lenders) > 1 else 0)
    return not now or now == inputs_link(kept.values, kept.lenders, kept.active)


# --- the browser's answers (widget callbacks: they run before the page)


def _sent(event: str) -> object:
    """The value the browser sent with ``event`` (None if it sent none)."""
    value = st.session_state.get(state.DEVICE_STORE)
    return value.get(event) if isinstance(value, Mapping) else None


@guarded
def _on_stored(apply: Apply) -> None:
    """The browser said what it keeps: open it once per session, or say why not."""
    session = st.session_state
    if session.get(state.DEVICE_CHECKED):
        return  # asked once: a later answer (a repeat, or a forged one) changes nothing
    session[state.DEVICE_CHECKED] = True
    kept = read_kept(_sent("stored"))
    if kept is None:
        return
    session[state.DEVICE_FOUND] = True
    if isinstance(kept, Refused):
        session[state.DEVICE_REFUSED] = kept
    elif _page_is_empty_or(kept):
        _open(kept, apply)
    else:
        session[state.DEVICE_PENDING] = kept
    st.rerun()  # the whole page: the answer may come from inside the home page's results


@guarded
def _on_failed() -> None:
    """The browser would not write the case (storage full or switched off): keeping stops."""
    session = st.session_state
    if not session.get(state.DEVICE_KEEP):
        return
    session[state.DEVICE_KEEP] = False
    session[state.DEVICE_NOTE] = ("device.failed", {})
    st.rerun()


def _open(kept: Loaded, apply: Apply) -> None:
    apply(kept)
    session = st.session_state
    session[state.DEVICE_KEEP] = True
    session[state.DEVICE_FORGET] = None
    session[state.DEVICE_PENDING] = None
    session[state.DEVICE_REFUSED] = None
    session[state.DEVICE_NOTE] = ("device.restored", describe(kept))


@guarded
def _open_pending(apply: Apply) -> None:
    """The borrower chose the kept case over what the page held."""
    kept = st.session_state.get(state.DEVICE_PENDING)
    if isinstance(kept, Loaded):
        _open(kept, apply)


@guarded
def _on_switch() -> None:
    if st.session_state.get(state.DEVICE_KEEP_BOX):
        keep()
    else:
        forget()


def keep() -> None:
    """Keep the case in this browser from now on (what is on screen replaces any kept one)."""
    session = st.session_state
    session[state.DEVICE_KEEP] = True
    session[state.DEVICE_CHECKED] = True  # what is on screen is what is kept now
    session[state.DEVICE_FOUND] = True
    session[state.DEVICE_FORGET] = None
    session[state.DEVICE_PENDING] = None
    session[state.DEVICE_REFUSED] = None
    session[state.DEVICE_NOTE] = ("device.kept", {})


@guarded
def forget() -> None:
    """Remove the kept case from this browser and stop keeping; the page says it did."""
    session = st.session_state
    session[state.DEVICE_KEEP] = False
    session[state.DEVICE_CHECKED] = True
    session[state.DEVICE_FOUND] = False
    session[state.DEVICE_FORGET] = secrets.token_hex(8)
    session[state.DEVICE_PENDING] = None
    session[state.DEVICE_REFUSED] = None
    session[state.DEVICE_SENT] = None
    session[state.DEVICE_NOTE] = ("device.forgot", {})


# --- the sidebar and the end of the page


def controls(lang: Lang, apply: Apply, explain: Explain) -> None:
    """The switch, what keeping means on a shared computer, what keeping just did, a kept
    case not opened or refused, and "forget"."""
    session = st.session_state
    bar = st.sidebar
    keeping = bool(session.get(state.DEVICE_KEEP))
    session[state.DEVICE_KEEP_BOX] = keeping
    bar.toggle(
        t("device.keep", lang),
        key=state.DEVICE_KEEP_BOX,
        on_change=_on_switch,
        help=t("device.help", lang),
    )
    bar.caption(t("device.shared", lang))
    note: tuple[str, dict[str, Any]] | None = session.pop(state.DEVICE_NOTE, None)
    if note is not None:
        key, context = note
        text = say(key, context, lang)
        if key == "device.failed":
            bar.warning(text)
        else:
            bar.success(text)
        if key == "device.restored":
            st.toast(t("device.restored_short", lang))
    pending = session.get(state.DEVICE_PENDING)
    if isinstance(pending, Loaded):
        bar.info(say("device.pending", describe(pending), lang))
        bar.button(
            t("device.open", lang),
            key=_OPEN_BUTTON,
            on_click=functools.partial(_open_pending, apply),
            width="stretch",
        )
    refused = session.get(state.DEVICE_REFUSED)
    if isinstance(refused, Refused):
        lines = [t("device.refused", lang), *explain(refused, lang), t("device.forget_hint", lang)]
        bar.error("\n".join(lines))
    if keeping or session.get(state.DEVICE_FOUND):
        bar.button(t("device.forget", lang), key=_FORGET_BUTTON, on_click=forget, width="stretch")


def _case_text(current: Mapping[str, Any]) -> str:
    """The case file's text of ``current``, dated when its content last changed."""
    session = st.session_state
    made_from = (
        dict(current["values"]),
        dict(current["checklist"]),
        tuple(current["log"]),
        tuple((lender.id, dict(lender.values)) for lender in current["lenders"]),
        current["active"],
        current["letter"],
    )
    sent = session.get(state.DEVICE_SENT)
    if sent is not None and sent[0] == made_from:
        return str(sent[1])
    log: tuple[ContactEntry, ...] = made_from[2]
    text = dump_case(
        made_from[0],
        made_from[1],
        log,
        dt.datetime.now().replace(microsecond=0),
        lenders=current["lenders"],
        active=current["active"],
        letter=current["letter"],
    ).decode("utf-8")
    session[state.DEVICE_SENT] = (made_from, text)
    return text


def sync(current: Mapping[str, Any], apply: Apply) -> None:
    """End of every run: hand the browser what to keep (or forget), whether to warn before
    the page is left, and, until it has answered, the question of what it keeps."""
    session = st.session_state
    keeping = bool(session.get(state.DEVICE_KEEP))
    text = _case_text(current) if keeping else None
    if text is not None and len(text.encode("utf-8")) > MAX_BYTES:
        session[state.DEVICE_KEEP] = False  # it could not be read back: keep none of it
        session[state.DEVICE_NOTE] = ("device.too_large", {"limit": kilobytes(MAX_BYTES)})
        st.rerun()
    if not session.get(state.DEVICE_CHECKED) and not session.get(state.DEVICE_TOKEN):
        session[state.DEVICE_TOKEN] = secrets.token_hex(8)
    data = {
        "name": STORAGE_KEY,
        "most": MAX_CHARS,
        "again": ANSWER_AGAIN_MS,
        "read": None if session.get(state.DEVICE_CHECKED) else session[state.DEVICE_TOKEN],
        "keep": keeping,
        "case": text,
        "forget": None if keeping else session.get(state.DEVICE_FORGET),
        "warn": not keeping and has_work(current),
    }
    _COMPONENT(
        key=state.DEVICE_STORE,
        data=data,
        on_stored_change=functools.partial(_on_stored, apply),
        on_failed_change=_on_failed,
    )
