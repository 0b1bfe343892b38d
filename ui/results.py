"""The home page's outputs: budget line, legal warning, cards, charts, table, schedules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from core import Comparison, OptionKind, Summary
from core.text import LANGS, Lang, t
from ui.format import money, percent, signed_money
from ui.legal_text import checked_note, line_rule
from ui.options import Labelled, LabelledComparison
from ui.tables import (
    comparison_table,
    csv_bytes,
    display_table,
    markdown_table,
    overdue_table,
    schedule_table,
)

CARDS_PER_ROW = 3
SCHEDULE_OPEN = "_schedule_open"  # the schedule expander's state
DETAIL_TAB = "_detail_tab"  # the open tab below the charts (its label)
DETAIL_TABS = ("table.title", "ladder.title", "lawful.title", "nothing.title")


def budget_line(result: Comparison, lang: Lang) -> None:
    """What plans are checked against: the monthly budget, the margin kept, a later income."""
    budget = result.budget
    if result.disposable < 0:
        st.warning(t("budget.negative", lang, amount=money(-result.disposable)))
    elif result.disposable == 0:
        st.warning(t("budget.zero", lang))
    elif budget.monthly < result.disposable:
        share = percent(budget.monthly / result.disposable, lang, 0)
        margin = money(result.disposable - budget.monthly)
        spare = money(result.disposable)
        amount = money(budget.monthly)
        st.caption(t("budget.line", lang, amount=amount, share=share, spare=spare, margin=margin))
    else:
        st.caption(t("budget.no_margin", lang, amount=money(budget.monthly)))
    if budget.later is not None:
        later = money(budget.later)
        st.caption(t("budget.later", lang, month=budget.later_from_month, amount=later))


def legal_warning(result: Comparison, lang: Lang) -> None:
    """Say plainly when the contract's true APR is above the legal line for its lender type."""
    check = result.lawfulness
    line = check.line
    ceiling = line.annual_rate
    if not check.above or ceiling is None:
        return
    lines = [
        t("legal.above", lang, apr=percent(check.apr, lang), line=percent(ceiling, lang)),
        line_rule(line, lang),
        t("legal.source", lang, source=line.source, date=line.effective.isoformat()),
        checked_note(line, result.today, lang),
        t("legal.not_advice", lang),
    ]
    st.warning("\n\n".join(lines))


def cards(compared: LabelledComparison, lang: Lang) -> None:
    """A card per option, three to a row (they stack on a phone)."""
    items = compared.options
    for start in range(0, len(items), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW)
        for column, item in zip(columns, items[start : start + CARDS_PER_ROW], strict=False):
            with column, st.container(border=True):
                _card(compared.result, item, lang)


def _card(result: Comparison, item: Labelled, lang: Lang) -> None:
    option = item.option
    s = option.summary
    # The option's name comes from the catalog and its colour from our palette: no user text.
    st.markdown(
        f'<span style="color:{item.colour};font-size:1.3em">●</span> **{item.name}**',
        unsafe_allow_html=True,
    )
    if option.kind is OptionKind.OVERDUE:
        _overdue_card(result, s, lang)
        return
    # The payment that must fit is the highest one: the same figure, by the same name, as
    # in the ladder and the letter; the first payment is said beside it when it differs.
    st.metric(payment_label(s, lang), money(s.highest_payment))
    if s.highest_payment != s.first_payment:
        st.caption(t("card.first_payment", lang, first=money(s.first_payment)))
    saving = s.saving_vs_contract
    show_delta = option.kind is OptionKind.PROPOSAL and saving != 0
    # The arrow and colour follow the saving's sign, not where the sign sits in the sentence
    # (Streamlit reads a leading minus; the Chinese sentence starts with words).
    cheaper = saving > 0
    st.metric(
        t("card.total", lang),
        money(s.total_paid),
        delta=t("card.vs_contract", lang, amount=signed_money(-saving)) if show_delta else None,
        delta_color="green" if cheaper else "red",
        delta_arrow="down" if cheaper else "up",
    )
    # The few main figures first; the rest behind "details", each term in plain words.
    main = [_pair("card.months", str(s.months_to_finish), lang), *_fit(s, lang)]
    if s.due_at_signing:
        main.insert(1, _pair("card.at_signing", money(s.due_at_signing), lang))
    # One Markdown element per block: fewer elements for the browser to redraw on every
    # slider move (the badges are Markdown's own).
    st.markdown("  \n".join(main))
    with st.expander(t("card.details", lang)):
        apr = percent(s.apr.nominal_apr, lang) if s.apr else t("card.none", lang)
        rate_lines = [_pair("card.apr", apr, lang)]
        whole = result.contract_cost
        if option.kind is OptionKind.CONTRACT and whole is not None and s.apr is not None:
            # The contract's cost as the legal check counts it (over the whole loan, on the
            # money received when the real bill is given) and, apart, what is left from today.
            whole_apr = percent(whole.nominal_apr, lang)
            if whole_apr != apr:
                rate_lines = [
                    _pair("card.apr", whole_apr, lang),
                    t("card.apr_from_today", lang, apr=apr),
                ]
        details = [
            _pair("card.saving_overdue", signed_money(s.saving_vs_overdue), lang),
            _pair("card.cost", money(s.cost), lang),
            *rate_lines,
            t("card.apr_plain", lang),
            "",
            *_lender(s, lang),
        ]
        st.markdown("  \n".join(details))


def payment_label(s: Summary, lang: Lang) -> str:
    """ "Monthly payment", or "Highest monthly payment" when the payments change over time."""
    key = "card.payment" if s.highest_payment == s.first_payment else "card.highest_payment"
    return t(key, lang)


def _overdue_card(result: Comparison, s: Summary, lang: Lang) -> None:
    end = result.overdue_path[-1]
    st.metric(t("card.payment", lang), money(0))
    st.metric(t("card.owed_after", lang, months=end.month), money(end.claimed))
    st.caption(t("card.enforceable", lang, amount=money(end.enforceable)))
    st.caption(t("card.overdue_note", lang))
    st.markdown(_pair("card.lender", money(s.lender_pv), lang))


def _pair(label_key: str, value: str, lang: Lang) -> str:
    """``label: value`` with the value in bold, punctuated as the language writes it."""
    return t("format.label_value", lang, label=t(label_key, lang), value=f"**{value}**")


def markdown_badge(text: str, colour: str, icon: str | None = None) -> str:
    """A Markdown badge, with a Material icon if named (catalog text only: no user text)."""
    return f":{colour}-badge[{f':material/{icon}: ' if icon else ''}{text}]"


def _fit(s: Summary, lang: Lang) -> list[str]:
    """Lines saying whether the payment fits the budget."""
    if s.share_of_disposable is None:
        # No spare income today: only a plan that pauses until a later income can fit.
        if s.fits:
            return [markdown_badge(t("card.fits_later", lang), "green", "check_circle")]
        return [markdown_badge(t("card.no_budget", lang), "orange", "warning")]
    share = _pair("card.share", percent(s.share_of_disposable, lang, 1), lang)
    if s.fits:
        return [share, markdown_badge(t("card.fits", lang), "green", "check_circle")]
    return [share, markdown_badge(t("card.not_fits", lang), "orange", "warning")]


def _lender(s: Summary, lang: Lang) -> list[str]:
    """Lines on the lender's view: its present value against what a default recovers."""
    lines = [
        _pair("card.lender", money(s.lender_pv), lang),
        t("card.lender_vs", lang, recovery=money(s.default_recovery_pv)),
        t("card.lender_plain", lang),
    ]
    if s.beats_default_for_lender:
        lines.append(markdown_badge(t("card.beats_default", lang), "blue", "handshake"))
    return lines


def show_table(frame: pd.DataFrame) -> None:
    """One Markdown table that scrolls sideways inside its own box on a narrow screen.

    The box is the only HTML: every cell is escaped by :func:`markdown_table`.
    """
    st.markdown(
        f'<div style="overflow-x:auto">\n\n{markdown_table(frame)}\n\n</div>',
        unsafe_allow_html=True,
    )


def detail_tabs(lang: Lang) -> Sequence[Any]:
    """The tabs below the charts: the table, what to ask for, the law, doing nothing.

    Only the open tab is drawn (``on_change="rerun"``), so a slider move redraws one of them.
    The open tab is kept by its label; after a language switch the same tab stays open.
    """
    labels = [t(key, lang) for key in DETAIL_TABS]
    chosen = st.session_state.get(DETAIL_TAB)
    for other in LANGS:
        others = [t(key, other) for key in DETAIL_TABS]
        if chosen in others and chosen not in labels:
            st.session_state[DETAIL_TAB] = labels[others.index(chosen)]
    return st.tabs(labels, key=DETAIL_TAB, on_change="rerun")


def _csv_of(frame: pd.DataFrame) -> Callable[[], bytes]:
    """The CSV of a schedule, made only when the borrower asks for it."""
    return lambda: csv_bytes(frame.set_index(frame.columns[0]))


def tables(compared: LabelledComparison, lang: Lang) -> None:
    """The comparison table, then one option's schedule at a time (a choice, not six tables)."""
    items = compared.options
    table = comparison_table(items, lang)
    show_table(display_table(table, lang))
    st.download_button(
        t("table.download", lang),
        data=lambda: csv_bytes(table),
        file_name="comparison.csv",
        mime="text/csv",
        key="download_table",
        on_click="ignore",
    )
    # Drawn only while open: a closed schedule costs a slider move nothing.
    with st.expander(t("schedule.heading", lang), key=SCHEDULE_OPEN, on_change="rerun") as box:
        if not box.open:
            return
        chosen = st.selectbox(
            t("schedule.choose", lang),
            placeholder=t("select.placeholder", lang),
            options=range(len(items)),
            format_func=lambda i: items[i].name,
            key="_schedule_choice",
        )
        item = items[chosen or 0]
        kind = item.option.kind
        if kind is OptionKind.OVERDUE:
            frame, slug = overdue_table(compared.result, lang), "stay-overdue"
        else:
            frame = schedule_table(item.option, lang)
            slug = "contract" if kind is OptionKind.CONTRACT else f"proposal-{item.number}"
        st.caption(
            t("schedule.overdue", lang)
            if kind is OptionKind.OVERDUE
            else t("schedule.title", lang, name=item.name)
        )
        st.dataframe(frame, width="stretch", hide_index=True, height=320)
        st.download_button(
            t("schedule.download", lang),
            data=_csv_of(frame),
            file_name=f"{slug}.csv",
            mime="text/csv",
            key="download_schedule",
            on_click="ignore",
        )
