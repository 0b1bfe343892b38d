"""Guide page: how the figures are computed, the legal lines, two cases, and a warning."""

import datetime as dt

import streamlit as st

from core.legal import (
    CREDIT_CARD_LINE,
    LICENSED_LENDER_LINE,
    LPR_FIXINGS,
    LPR_LAST_CHECKED,
    PRIVATE_LENDING_RULES_IN_FORCE,
    PRIVATE_LENDING_SOURCE,
    RECENT_RULES,
    Checked,
    is_stale,
    lpr_on,
    private_lending_line,
    private_lending_rate,
)
from core.text import t
from ui.boundary import error_boundary
from ui.format import percent
from ui.guide_cases import load_case_study
from ui.legal_text import checked_note, history_rule, recent_rule_lines
from ui.shell import end_page, start_page

with error_boundary():
    lang, values = start_page("nav.guide")
    st.warning(t("guide.not_advice", lang))

    st.subheader(t("guide.figures", lang))
    st.markdown(t("guide.methods", lang))
    st.markdown(t("guide.apr", lang))
    st.markdown(t("guide.overdue", lang))

    st.subheader(t("guide.lines", lang))
    latest = lpr_on(LPR_LAST_CHECKED)
    rows = [
        t(
            "guide.line_row",
            lang,
            who=t("guide.who.licensed", lang),
            line=t(
                "guide.line.licensed",
                lang,
                line=percent(LICENSED_LENDER_LINE.annual_rate or 0.0, lang),
            ),
            source=LICENSED_LENDER_LINE.source,
            date=LICENSED_LENDER_LINE.effective.isoformat(),
        ),
        t(
            "guide.line_row",
            lang,
            who=t("guide.who.private", lang),
            line=t(
                "guide.line.private",
                lang,
                lpr=percent(latest.rate, lang),
                line=percent(private_lending_rate(latest), lang),
                lpr_date=latest.effective.isoformat(),
            ),
            source=PRIVATE_LENDING_SOURCE,
            date=PRIVATE_LENDING_RULES_IN_FORCE.isoformat(),
        ),
        t(
            "guide.line_row",
            lang,
            who=t("guide.who.credit_card", lang),
            line=t("guide.line.credit_card", lang),
            source=CREDIT_CARD_LINE.source,
            date=CREDIT_CARD_LINE.effective.isoformat(),
        ),
    ]
    st.markdown("\n".join(rows))
    # The lines and rules above are only as current as the oldest check among them.
    today = dt.date.today()
    shown: list[Checked] = [LICENSED_LENDER_LINE, private_lending_line(today, today)]
    shown += [CREDIT_CARD_LINE, *RECENT_RULES]
    oldest = min(shown, key=lambda rule: rule.last_checked)
    (st.warning if is_stale(oldest, today) else st.caption)(checked_note(oldest, today, lang))
    st.markdown("\n".join(recent_rule_lines(None, lang)))
    fixings = ", ".join(f"{f.effective.isoformat()} {percent(f.rate, lang)}" for f in LPR_FIXINGS)
    st.caption(t("guide.lpr", lang, checked=LPR_LAST_CHECKED.isoformat(), fixings=fixings))
    st.caption(history_rule(lang))

    st.subheader(t("guide.cases", lang))
    cases = (("illness", "guide.case1", "guide.load1"), ("no_plan", "guide.case2", "guide.load2"))
    for column, (name, text_key, button_key) in zip(st.columns(2), cases, strict=True):
        with column, st.container(border=True):
            st.markdown(t(text_key, lang))
            st.button(
                t(button_key, lang),
                key=f"_case_{name}",
                width="stretch",
                on_click=load_case_study,
                args=(name,),
            )

    st.subheader(t("guide.intermediaries", lang))
    st.markdown(t("guide.intermediaries.text", lang))

    end_page(values, lang)
