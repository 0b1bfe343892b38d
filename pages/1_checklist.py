"""Checklist page: the preparation and conduct advice, ticked by hand or by the inputs."""

import streamlit as st

from core import compare
from core.text import t
from ui import state
from ui.boundary import error_boundary
from ui.checklist import GROUPS, ITEMS, Answers, auto_ticked, progress
from ui.inputs import all_lenders
from ui.shell import end_page, start_page
from ui.style import REASON_BLOCK
from ui.values import case_from_values

with error_boundary():
    lang, values = start_page("nav.checklist", intro_key="check.intro")

    built = case_from_values(values)
    answers = Answers(
        values=values,
        comparison=compare(built.case) if built.case is not None else None,
        log=state.contact_log(),
        lenders=all_lenders(),
    )
    automatic = auto_ticked(answers)
    by_hand = state.checklist()
    for item in ITEMS:  # a box ticked just now is in its widget's state before it is drawn
        if state.CHECK_PREFIX + item.key in st.session_state:
            by_hand[item.key] = bool(st.session_state[state.CHECK_PREFIX + item.key])

    done, total = progress(by_hand, answers)
    st.progress(done / total, text=t("check.progress", lang, done=done, total=total))

    for group in GROUPS:
        st.subheader(t(f"check.group.{group}", lang))
        for item in (i for i in ITEMS if i.group == group):
            key = state.CHECK_PREFIX + item.key
            label, why = t(f"check.{item.key}", lang), t(f"check.{item.key}.why", lang)
            # The reason is written under its box (set in under the label, ui.style), not
            # in a "?" inside the label: on a phone a tap on that icon ticked the box.
            with st.container(key=REASON_BLOCK + item.key, gap=None):
                if item.key in automatic:
                    st.checkbox(label, value=True, disabled=True, key=key + "_auto")
                    st.caption(t("check.auto", lang) + " · " + why)
                else:
                    st.checkbox(label, value=bool(by_hand.get(item.key)), key=key)
                    st.caption(why)

    end_page(values, lang)
