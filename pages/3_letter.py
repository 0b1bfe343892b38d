"""Letter and script page: a proposal letter and a phone script from the chosen proposal."""

import streamlit as st

from core import compare
from core.text import t
from ui import inputs, state
from ui.boundary import error_boundary
from ui.casefile import LETTER_LIMITS
from ui.copy_button import copy_button
from ui.letter import Details, build_letter, build_script
from ui.options import labelled
from ui.registry import Key
from ui.shell import end_page, start_page
from ui.values import case_from_values

with error_boundary():
    lang, values = start_page("nav.letter", intro_key="letter.intro", step=3)
    # The lender first (the letter is to one of them), then which of its proposals.
    inputs.lender_switch(lang, where=st, key="_letter_lender")

    built = case_from_values(values)
    if built.case is None or not built.proposal_numbers:
        st.info(t("letter.no_proposal", lang))
    else:
        result = compare(built.case)
        proposals = labelled(result, built.proposal_numbers, lang).proposals
        choice = st.selectbox(
            t("letter.choose", lang),
            placeholder=t("select.placeholder", lang),
            options=range(len(proposals)),
            format_func=lambda i: proposals[i].name,
            key=state.LETTER_PROPOSAL,
        )
        index = choice or 0
        left, right = st.columns(2)
        name = left.text_input(
            t("letter.name", lang), max_chars=LETTER_LIMITS["name"], key=state.LETTER_NAME
        )
        account = right.text_input(
            t("letter.account", lang), max_chars=LETTER_LIMITS["account"], key=state.LETTER_ACCOUNT
        )
        hardship = st.text_area(
            t("letter.hardship", lang),
            max_chars=LETTER_LIMITS["hardship"],
            help=t("letter.hardship_help", lang),
            key=state.LETTER_HARDSHIP,
        )
        kind = st.segmented_control(
            t("letter.kind", lang),
            options=["letter", "script"],
            format_func=lambda k: t(f"letter.kind.{k}", lang),
            default="letter",
            required=True,
            key="_letter_kind",
        )
        lender = str(values.get(Key.NAME) or "")
        details = Details(name=name, account=account, hardship=hardship, lender=lender)
        proposal = built.case.loans[0].proposals[index]
        build = build_script if kind == "script" else build_letter
        text = build(result, index, proposal, details, lang)
        # Plain text, wrapped to the screen: whatever the borrower typed stays text. The copy
        # button is visible and in the page's language (st.code's shows only on hover).
        with st.container(border=True):
            st.text(text)
        st.caption(t("letter.copy_hint", lang))
        copy_button(
            text,
            t(f"letter.copy_{kind}", lang),
            t("copy.done", lang),
            key="_letter_copy",
            failed_label=t("copy.failed", lang),
        )
        st.download_button(
            t("letter.download", lang),
            data=text.encode("utf-8"),
            file_name=f"{kind}.txt",
            mime="text/plain",
            on_click="ignore",
            key="_letter_download",
        )

    end_page(values, lang)
