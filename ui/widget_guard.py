"""A widget value the page cannot use is put back, and the page says so calmly.

Why. A browser sends each widget's new value over the websocket; Streamlit stores it as
sent and reads it (deserialises it) later, while it gets the next run ready: callbacks
compare each widget's new value with its old one before the page's script starts. In
Streamlit 1.67 a value of the wrong kind (true/false or text where a slider's numbers or a
box's number is kept, NaN or infinity for a box of whole numbers, text that is not JSON for
a component or the contact table, a ``case.txt`` for an uploader that takes ``.json`` only)
raises there, before :mod:`ui.boundary` can catch anything: Streamlit's error box replaces
the page, and the value stays stored, so every later run fails the same way until a reload.
Other values of the wrong kind (whole numbers for a slider, text for a checkbox, a click
for a number box) were taken as sent, and numbers beyond a widget's bounds became the
widget's default (its minimum, or empty) without a word.

What. :func:`install` wraps one method, ``WStates.__getitem__`` in
``streamlit/runtime/state/session_state.py`` (Streamlit 1.67): the one place a stored value
is deserialised. A stored value is put back (below) when

- it was sent in another field than the one the widget stores (``metadata.value_type``:
  ``double_array_value`` for a slider, ``double_value`` for a number box, ``bool_value``
  for a checkbox, ...) and than the one the browser sends it in (a box of whole numbers is
  sent ``int_value``), or it is a number that is not finite;
- the widget's own deserialiser raises on it (not JSON, a refused file name, ...);
- it is a fraction for a widget of whole numbers, or a list of other than one number for a
  single slider (Streamlit would cut the fraction off, or use the slider's default);
- the deserialiser replaced a number by the widget's default, which is how Streamlit
  answers a number beyond the widget's bounds: reason ``range``;
- it is JSON but not an object for a widget whose value is an object (a component's state,
  which Streamlit reads as empty instead);
- the widget is one of the inputs in :mod:`ui.registry` with choices, and the value is not
  one of them (Streamlit passes any text through and resets a select box only when it is
  drawn, after the page's callbacks and the start of the page have read the text);
- no widget of an established session has the id it was sent for (a forged id): reason
  ``unknown``. On a session's first run no widget is known yet, so nothing is judged
  (a reconnecting browser sends the values of the widgets it shows).

Any other is reason ``unreadable``. Put back means: the widget keeps the value it had
before this run (the session's ``_old_state``), so no callback runs for a change that did
not happen; a widget that never had a value loses the stored one and gets its default when
it is drawn. The widget's user key and the reason are added to the session
(:data:`DROPPED`), and :func:`notice`, called by every page's error boundary, says in the
visitor's language that a value sent to the page could not be used and was put back,
naming each of the registry's inputs, with its allowed range and the value it keeps where
the reason was its range (never the value sent). The server's log gets one line per value.
A value judged while a page's script runs (a widget drawn for the first time) is reported
on the next run.

Installed by ``serve.py`` before the server starts and again (idempotent) by
``ui.shell.start_page``, so ``streamlit run app.py`` has it from its first page. The
attributes it relies on are checked by ``tests/test_hostile_widgets.py``: a Streamlit that
changes them fails that test rather than leaving the pages unguarded.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

import streamlit as st
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state.common import WidgetMetadata, user_key_from_element_id
from streamlit.runtime.state.session_state import Serialized, SessionState, Value, WStates

from core.text import Lang, format_number, t
from ui.registry import BY_KEY, Param, bounds, default, unit_of

STREAMLIT_VERSION: Final = "1.67"
"""The Streamlit whose internals this wraps (``tests/test_hostile_widgets.py`` checks them)."""
DROPPED: Final = "_widget_guard_dropped"
"""Session key: the values put back since the page last said so (:class:`Dropped`, in order)."""

Reason = Literal["unreadable", "range", "unknown"]

_LOG = logging.getLogger("loan_negotiation_planner")
_MARK: Final = "_lnp_widget_guard"
_LOCK = threading.Lock()
_MISSING: Final = object()
_ALSO_SENT: Final = {"double_value": ("int_value",)}
"""Fields the browser sends a widget's value in besides the one it stores: Streamlit 1.67's
``NumberInput`` script sends a box of whole numbers ``int_value``, others ``double_value``."""


@dataclass(frozen=True, slots=True)
class Dropped:
    """A value put back: the widget's user key (None without one, or for an unknown id)."""

    key: str | None
    reason: Reason


def install() -> None:
    """Wrap ``WStates.__getitem__`` (once, whoever calls first)."""
    with _LOCK:
        original: Callable[[WStates, str], Any] = WStates.__getitem__
        if getattr(original, _MARK, False):
            return

        @functools.wraps(original)
        def read(states: WStates, widget_id: str) -> Any:
            return _read(original, states, widget_id)

        setattr(read, _MARK, True)
        WStates.__getitem__ = read  # type: ignore[method-assign]


def installed() -> bool:
    return bool(getattr(WStates.__getitem__, _MARK, False))


def _read(original: Callable[[WStates, str], Any], states: WStates, widget_id: str) -> Any:
    stored = states.states.get(widget_id)
    if not isinstance(stored, Serialized):  # absent, or read before: Streamlit's own answer
        return original(states, widget_id)
    metadata = states.widget_metadata.get(widget_id)
    if metadata is None:
        if not states.widget_metadata or _owner(states) is None:
            return original(states, widget_id)  # nothing to judge by: Streamlit's KeyError
        return _put_back(states, widget_id, "unknown")
    reason = _refused_as_sent(stored.value, metadata)
    if reason is None:
        try:
            value = original(states, widget_id)
        except Exception:  # noqa: BLE001 - whatever the deserialiser raised on the value
            reason = "unreadable"
        else:
            reason = _refused_as_read(stored.value, value, widget_id)
            if reason is None:
                return value
    return _put_back(states, widget_id, reason)


def _refused_as_sent(sent: WidgetState, metadata: WidgetMetadata[Any]) -> Reason | None:
    """Why the value cannot be read as sent: another field than the widget's, or a number
    that is not finite (None: it may be read). An empty value (no field) clears a widget."""
    field = sent.WhichOneof("value")
    if field is None:
        return None
    if field != metadata.value_type and field not in _ALSO_SENT.get(metadata.value_type, ()):
        return "unreadable"
    number = _single_number(sent)
    return "unreadable" if number is not None and not math.isfinite(number) else None


def _refused_as_read(sent: WidgetState, value: Any, widget_id: str) -> Reason | None:
    """Why the value read cannot stand: a number replaced (beyond the widget's bounds), JSON
    that is not an object read as an object, or not one of a registry input's choices."""
    number = _single_number(sent)
    if number is not None and (value is None or isinstance(value, int | float)):
        if isinstance(value, int) and not number.is_integer():
            return "unreadable"  # a fraction for whole numbers (Streamlit would cut it off)
        if value != number:  # the widget's default instead (None for an empty box)
            return "range"
    if sent.WhichOneof("value") == "double_array_value" and isinstance(value, int | float):
        return None if number is not None else "unreadable"  # one slider, not one number
    if (
        sent.WhichOneof("value") == "json_value"
        and isinstance(value, Mapping)
        and sent.json_value.lstrip()[:1] not in ("{", "n")  # JSON text of neither {...} nor null
    ):
        return "unreadable"  # a component's state is an object: Streamlit read this one as {}
    param = _param(user_key_from_element_id(widget_id))
    if param is not None and param.choices and value is not None and value not in param.choices:
        return "unreadable"
    return None


def _single_number(sent: WidgetState) -> float | None:
    """The one number a number box or single slider sent, if that is what was sent."""
    field = sent.WhichOneof("value")
    if field == "double_value":
        return float(sent.double_value)
    if field == "int_value":
        return float(sent.int_value)
    if field == "double_array_value" and len(sent.double_array_value.data) == 1:
        return float(sent.double_array_value.data[0])
    return None


def _param(key: str | None) -> Param | None:
    return None if key is None else BY_KEY.get(key)


def _owner(states: WStates) -> SessionState | None:
    """The session state whose widget values ``states`` are (None outside a script run)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    owner = getattr(getattr(ctx, "session_state", None), "_state", None)
    if isinstance(owner, SessionState) and owner._new_widget_state is states:
        return owner
    return None


def _put_back(states: WStates, widget_id: str, reason: Reason) -> Any:
    """The widget's value before this run (raise ``KeyError`` when it had none), recorded."""
    owner = _owner(states)
    key = None if reason == "unknown" else user_key_from_element_id(widget_id)
    _LOG.warning("a widget value sent to the page was put back (%s): %s", reason, key)
    before = _MISSING if owner is None else owner._old_state.get(widget_id, _MISSING)
    if owner is not None:
        _record(owner, Dropped(key, reason))
    if before is _MISSING:
        # A new dict rather than ``del``: Streamlit may be iterating over the old one.
        states.states = {i: s for i, s in states.states.items() if i != widget_id}
        raise KeyError(widget_id)
    states.states[widget_id] = Value(before)
    return before


def _record(owner: SessionState, dropped: Dropped) -> None:
    try:
        recorded = tuple(owner[DROPPED])
    except KeyError:
        recorded = ()
    if dropped not in recorded:
        owner.reset_state_value(DROPPED, (*recorded, dropped))


def notice(lang: Lang) -> None:
    """Say which values sent to the page were put back since the last run (then forget them)."""
    dropped: tuple[Dropped, ...] = tuple(st.session_state.pop(DROPPED, ()))
    if not dropped:
        return
    lines = [t("guard.intro", lang)]
    named: set[str] = set()
    values = st.session_state.to_dict()
    for item in dropped:
        param = _param(item.key)
        if param is None or param.key in named:
            continue
        named.add(param.key)
        lines.append("- " + _line(param, item.reason, values, lang))
    st.info("\n".join(lines), icon=":material/info:")


def _line(param: Param, reason: Reason, values: dict[str, Any], lang: Lang) -> str:
    """One input put back: its name, and for a number beyond its bounds, the bounds and the
    value it keeps (never the value sent)."""
    name = t(param.label_key_for(unit_of(values)), lang)
    low, high, _ = bounds(param, values)
    if reason != "range" or low is None or high is None:
        return t("guard.unreadable", lang, name=name)
    value = values.get(param.key, default(param, values))
    limits = {"name": name, "min": format_number(low), "max": format_number(high)}
    if value is None:
        return t("guard.range_empty", lang, **limits)
    return t("guard.range", lang, value=format_number(value), **limits)
