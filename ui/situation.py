"""The borrower's own numbers, in the home page's main area: first on a first visit, then a
one-line summary that opens to change them (on a phone the sidebar is out of sight).

A form, so a phone keyboard's every key does not run the page: the typed values go into
the inputs' own keys when the borrower submits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from core.money import yuan_to_fen
from core.text import Lang, t
from ui import state
from ui.boundary import guarded
from ui.format import money
from ui.inputs import draw
from ui.nav import LENDERS_PAGE
from ui.registry import BY_KEY, Key, default, unit_of

SITUATION_KEYS: tuple[str, ...] = (
    Key.PRINCIPAL,
    Key.RATE,
    Key.MONTHS,
    Key.DAYS,
    Key.OVERDUE,
    Key.INCOME,
    Key.EXPENSES,
    Key.CASH,
)
"""What the form asks, in its order: the loan, how far behind, the budget."""
REQUIRED: frozenset[str] = frozenset(
    (Key.PRINCIPAL, Key.RATE, Key.MONTHS, Key.INCOME, Key.EXPENSES)
)
"""The figures no plan can be worked out without (the others start at 0)."""
_FORM_PREFIX = "_situation_"  # the form's own boxes: ``_situation_<input key>``


def entered(values: Mapping[str, Any]) -> bool:
    """Whether the borrower's own numbers are in: given once (the form, a link, a file),
    changed from the example's, or several lenders listed."""
    if st.session_state.get(state.SITUATION_DONE):
        return True
    changed = any(values[key] != default(BY_KEY[key], values) for key in SITUATION_KEYS)
    if changed or len(state.stored_lenders()) > 1:
        st.session_state[state.SITUATION_DONE] = True
        return True
    return False


def summary(values: Mapping[str, Any], lang: Lang) -> str:
    """The numbers in one line: what is owed, at what rate, for how long, and the budget."""
    unit = t(f"rate_unit.{unit_of(values)}", lang)
    return t(
        "situation.summary",
        lang,
        principal=money(yuan_to_fen(values[Key.PRINCIPAL])),
        rate=t("format.percent", lang, value=f"{values[Key.RATE]:g}"),
        unit=unit,
        months=values[Key.MONTHS],
        income=money(yuan_to_fen(values[Key.INCOME])),
        expenses=money(yuan_to_fen(values[Key.EXPENSES])),
    )


def section(lang: Lang, values: Mapping[str, Any], first: bool) -> None:
    """On a first visit the form, open and empty; afterwards the summary, opening to the
    form filled with the numbers in use."""
    if first:
        st.subheader(t("situation.title", lang))
        st.caption(t("situation.intro", lang))
        _form(lang, values, "situation.show", empty=True)
        st.page_link(LENDERS_PAGE, label=t("situation.several", lang), icon=":material/list:")
        return
    with st.expander(
        t("situation.change", lang, summary=summary(values, lang)),
        key=state.FOLD_SITUATION,
        on_change="rerun",
    ) as box:
        if box.open:  # folded, the form is not drawn (a load draws eight boxes fewer)
            _form(lang, values, "situation.update", empty=False)


def _form(lang: Lang, values: Mapping[str, Any], submit_key: str, *, empty: bool) -> None:
    session = st.session_state
    missing: list[str] | None = session.get(state.SITUATION_MISSING)
    if not missing:  # the boxes start from the inputs' values (after a refusal, as typed)
        for key in SITUATION_KEYS:
            session[_FORM_PREFIX + key] = None if empty and key in REQUIRED else values[key]
    with st.form("situation", border=False, enter_to_submit=False):
        for start in range(0, len(SITUATION_KEYS), 2):  # a row per pair keeps a phone's order
            pair = SITUATION_KEYS[start : start + 2]
            for column, key in zip(st.columns(2), pair, strict=True):
                draw(
                    BY_KEY[key],
                    lang,
                    values,
                    column,
                    key=_FORM_PREFIX + key,
                    typed=True,
                    empty=key in REQUIRED,
                )
        if missing:
            names = "、".join if lang == "zh" else ", ".join
            labels = [t(BY_KEY[key].label_key_for(unit_of(values)), lang) for key in missing]
            st.error(t("situation.missing", lang, fields=names(labels)))
        st.form_submit_button(
            t(submit_key, lang), type="primary", on_click=_submit, width="stretch"
        )


@guarded
def _submit() -> None:
    """The typed values go into the inputs, once every figure the plan needs is there."""
    session = st.session_state
    typed = {key: session.get(_FORM_PREFIX + key) for key in SITUATION_KEYS}
    missing = [key for key in SITUATION_KEYS if key in REQUIRED and typed[key] is None]
    session[state.SITUATION_MISSING] = missing
    if missing:
        return
    for key, value in typed.items():
        if value is not None:
            session[key] = value
    session[state.SITUATION_DONE] = True
