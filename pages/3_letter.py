"""Letter page: a letter, a chat message or a phone script from the chosen proposal.

A proposal beyond the budget is said so first, and its texts wait until the borrower
chooses to write them anyway (or goes back to what to ask for).
"""

import streamlit as st

from core import compare
from core.money import yuan_to_fen
from core.text import t
from ui import inputs, state, way
from ui.boundary import error_boundary
from ui.casefile import LETTER_LIMITS
from ui.copy_button import copy_button
from ui.letter import KINDS, Details, budget_warning, write
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
        proposal = built.case.loans[0].proposals[index]
        lump_sum = yuan_to_fen(built.case.borrower.lump_sum_yuan)
        warning = budget_warning(result, index, proposal, lump_sum, lang)
        go_on = warning is None
        if warning is not None:
            st.warning(warning)
            st.button(
                t("letter.back", lang, step=t("way.ask", lang)),
                key="_letter_back",
                on_click=way.go_to_step,
                args=(2, len(inputs.all_lenders()) > 1, lang),
            )
            # Asked again for each proposal: ticking it for one is no answer for another.
            go_on = st.checkbox(t("letter.anyway", lang), key=f"_letter_anyway_{index}")
        left, right = st.columns(2)
        # The borrower's own texts: Streamlit keeps each box's value for the session, across
        # pages (``persist_state``); ``ui.casefile_ui`` mirrors them for the case file.
        name = left.text_input(
            t("letter.name", lang),
            max_chars=LETTER_LIMITS["name"],
            key=state.LETTER_NAME,
            persist_state="session",
        )
        account = right.text_input(
            t("letter.account", lang),
            max_chars=LETTER_LIMITS["account"],
            key=state.LETTER_ACCOUNT,
            persist_state="session",
        )
        hardship = st.text_area(
            t("letter.hardship", lang),
            max_chars=LETTER_LIMITS["hardship"],
            help=t("letter.hardship_help", lang),
            key=state.LETTER_HARDSHIP,
            persist_state="session",
        )
        kind = (
            st.segmented_control(
                t("letter.kind", lang),
                options=KINDS,
                format_func=lambda k: t(f"letter.kind.{k}", lang),
                default="letter",
                required=True,
                key="_letter_kind",
            )
            or "letter"
        )
        if go_on:
            lender = str(values.get(Key.NAME) or "")
            details = Details(name=name, account=account, hardship=hardship, lender=lender)
            loan = built.case.loans[0].loan
            text = write(kind, result, index, proposal, details, lang, loan=loan)
            # Plain text, wrapped to the screen: whatever the borrower typed stays text. The
            # copy button is visible and in the page's language (st.code's shows only on hover).
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
