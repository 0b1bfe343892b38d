"""The home page's outputs: budget line, legal warning, cards, charts, table, schedules."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from core import Comparison, Option, OptionKind, Summary
from core.legal import OLD_PRIVATE_LENDING_LINES, PRIVATE_LENDING_RULES_IN_FORCE, LegalLine
from core.money import fen_to_yuan
from core.text import LANGS, Lang, t
from ui.charts import option_colour, option_name
from ui.format import money, percent, signed_money

CARDS_PER_ROW = 3


def numbered(result: Comparison, numbers: tuple[int, ...]) -> list[tuple[Option, int]]:
    """Each option with its proposal number (0 for the baselines)."""
    return list(zip(result.options, (0, 0, *numbers), strict=True))


def budget_line(result: Comparison, lang: Lang) -> None:
    if result.disposable < 0:
        st.warning(t("budget.negative", lang, amount=money(-result.disposable)))
    else:
        st.caption(
            t("budget.line", lang, amount=money(result.affordable), spare=money(result.disposable))
        )


def line_rule(line: LegalLine, lang: Lang) -> str:
    """The rule behind a legal line in words, its numbers taken from ``core.legal``."""
    return t(
        f"legal.{line.key}",
        lang,
        line=percent(line.annual_rate or 0.0, lang),
        lpr=percent(line.lpr.rate, lang) if line.lpr else "",
        lpr_date=line.lpr.effective.isoformat() if line.lpr else "",
        since=PRIVATE_LENDING_RULES_IN_FORCE.isoformat(),
    )


def history_rule(lang: Lang) -> str:
    """The private-lending rule before 2020-08-20, shown as history."""
    enforceable, void = OLD_PRIVATE_LENDING_LINES
    return t(
        "lawful.history",
        lang,
        since=PRIVATE_LENDING_RULES_IN_FORCE.isoformat(),
        enforceable=percent(enforceable, lang, 0),
        void=percent(void, lang, 0),
    )


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
        t("legal.not_advice", lang),
    ]
    st.warning("\n\n".join(lines))


def cards(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> None:
    """A card per option, three to a row (they stack on a phone)."""
    items = numbered(result, numbers)
    for start in range(0, len(items), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW)
        for column, (option, number) in zip(
            columns, items[start : start + CARDS_PER_ROW], strict=False
        ):
            with column, st.container(border=True):
                _card(result, option, number, lang)


def _card(result: Comparison, option: Option, number: int, lang: Lang) -> None:
    s = option.summary
    colour = option_colour(option, number)
    # The option's name comes from the catalog and its colour from our palette: no user text.
    st.markdown(
        f'<span style="color:{colour};font-size:1.3em">●</span> **{option_name(option, number, lang)}**',
        unsafe_allow_html=True,
    )
    if option.kind is OptionKind.OVERDUE:
        _overdue_card(result, s, lang)
        return
    st.metric(t("card.payment", lang), money(s.first_payment))
    if s.highest_payment != s.first_payment:
        st.caption(
            t(
                "card.payment_range",
                lang,
                first=money(s.first_payment),
                highest=money(s.highest_payment),
            )
        )
    saving = s.saving_vs_contract
    show_delta = option.kind is OptionKind.PROPOSAL and saving != 0
    st.metric(
        t("card.total", lang),
        money(s.total_paid),
        delta=t("card.vs_contract", lang, amount=signed_money(-saving)) if show_delta else None,
        delta_color="inverse",
    )
    lines = [
        _pair("card.saving_overdue", signed_money(s.saving_vs_overdue), lang),
        _pair("card.months", str(s.months_to_finish), lang),
        _pair("card.cost", money(s.cost), lang),
        _pair(
            "card.apr", percent(s.apr.nominal_apr, lang) if s.apr else t("card.none", lang), lang
        ),
    ]
    if s.due_at_signing:
        lines.insert(1, _pair("card.at_signing", money(s.due_at_signing), lang))
    # One Markdown element for the rest of the card: fewer elements for the browser to
    # redraw on every slider move (the badges are Markdown's own).
    st.markdown("  \n".join([*lines, *_fit(s, lang), *_lender(s, lang)]))


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
        return [markdown_badge(t("card.no_budget", lang), "gray")]
    share = _pair("card.share", percent(s.share_of_disposable, lang, 1), lang)
    if s.fits:
        return [share, markdown_badge(t("card.fits", lang), "green", "check_circle")]
    return [share, markdown_badge(t("card.not_fits", lang), "orange", "warning")]


def _lender(s: Summary, lang: Lang) -> list[str]:
    """Lines on the lender's view: its present value against what a default recovers."""
    lines = [
        _pair("card.lender", money(s.lender_pv), lang),
        t("card.lender_vs", lang, recovery=money(s.default_recovery_pv)),
    ]
    if s.beats_default_for_lender:
        lines.append(markdown_badge(t("card.beats_default", lang), "blue", "handshake"))
    return lines


MONEY_MEASURES = (
    "card.payment",
    "card.at_signing",
    "card.total",
    "card.cost",
    "card.saving_contract",
    "card.saving_overdue",
    "card.lender",
)
PERCENT_MEASURES = ("card.apr", "card.share")
SCHEDULE_OPEN = "_schedule_open"  # the schedule expander's state
DETAIL_TAB = "_detail_tab"  # the open tab below the charts (its label)
DETAIL_TABS = ("table.title", "ladder.title", "lawful.title", "nothing.title")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#])")
_FIGURE = re.compile(r"[-+¥%.,\d\s—]*")  # money, counts, percentages, a dash: right-aligned


def comparison_table(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> pd.DataFrame:
    """One column per option, one row per figure (money in yuan, rates in percent)."""
    measures: list[tuple[str, Any]] = [
        ("card.payment", lambda s: fen_to_yuan(s.first_payment)),
        ("card.months", lambda s: s.months_to_finish),
        ("card.at_signing", lambda s: fen_to_yuan(s.due_at_signing)),
        ("card.total", lambda s: fen_to_yuan(s.total_paid)),
        ("card.cost", lambda s: fen_to_yuan(s.cost)),
        ("card.saving_contract", lambda s: fen_to_yuan(s.saving_vs_contract)),
        ("card.saving_overdue", lambda s: fen_to_yuan(s.saving_vs_overdue)),
        ("card.apr", lambda s: round(s.apr.nominal_apr * 100, 2) if s.apr else None),
        (
            "card.share",
            lambda s: (
                round(s.share_of_disposable * 100, 1) if s.share_of_disposable is not None else None
            ),
        ),
        ("card.lender", lambda s: fen_to_yuan(s.lender_pv)),
    ]
    # Staying overdue has no installments: its payment, months and share are left blank.
    no_plan = {"card.payment", "card.months", "card.at_signing", "card.share"}
    columns = {
        option_name(option, number, lang): [
            None
            if option.kind is OptionKind.OVERDUE and key in no_plan
            else measure(option.summary)
            for key, measure in measures
        ]
        for option, number in numbered(result, numbers)
    }
    frame = pd.DataFrame(columns, index=[t(key, lang) for key, _ in measures])
    frame.index.name = t("table.measure", lang)
    return frame


def schedule_table(option: Option, lang: Lang) -> pd.DataFrame:
    columns = option.schedule.rows_yuan()
    return pd.DataFrame({t(f"col.{name}", lang): values for name, values in columns.items()})


def overdue_table(result: Comparison, lang: Lang) -> pd.DataFrame:
    rows = result.overdue_path
    data = {
        "col.month": [m.month for m in rows],
        "col.due_date": [m.date for m in rows],
        "col.days_overdue": [m.days_overdue for m in rows],
        "col.stage": [t(f"stage.{m.stage}", lang) for m in rows],
        "col.penalty": [fen_to_yuan(m.penalty) for m in rows],
        "col.compound": [fen_to_yuan(m.compound_interest) for m in rows],
        "col.charges": [fen_to_yuan(m.charges) for m in rows],
        "col.claimed": [fen_to_yuan(m.claimed) for m in rows],
        "col.enforceable": [fen_to_yuan(m.enforceable) for m in rows],
    }
    return pd.DataFrame({t(key, lang): values for key, values in data.items()})


def markdown_table(frame: pd.DataFrame) -> str:
    """The frame as one Markdown table, its index as the first column, every cell literal.

    ``st.table`` renders each cell as its own Markdown element; one table element costs the
    browser far less on every slider move and looks the same.
    """

    def cell(value: Any) -> str:
        one_line = " ".join(str(value).splitlines())  # a line break would end the row
        return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)

    header = [frame.index.name or "", *frame.columns]
    right = [all(_FIGURE.fullmatch(str(v)) for v in frame[c]) for c in frame.columns]
    lines = [
        "| " + " | ".join(cell(name) for name in header) + " |",
        "| " + " | ".join(["---"] + ["--:" if r else "---" for r in right]) + " |",
    ]
    for label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        lines.append("| " + " | ".join(cell(value) for value in (label, *row)) + " |")
    return "\n".join(lines)


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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV that Excel opens with Chinese intact: UTF-8 with a byte-order mark."""
    return frame.to_csv().encode("utf-8-sig")


def _csv_of(frame: pd.DataFrame) -> Callable[[], bytes]:
    """The CSV of a schedule, made only when the borrower asks for it."""
    return lambda: csv_bytes(frame.set_index(frame.columns[0]))


def tables(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> None:
    """The comparison table, then one option's schedule at a time (a choice, not six tables)."""
    table = comparison_table(result, numbers, lang)
    show_table(display_table(table, lang))
    st.download_button(
        t("table.download", lang),
        data=lambda: csv_bytes(table),
        file_name="comparison.csv",
        mime="text/csv",
        key="download_table",
        on_click="ignore",
    )
    items = numbered(result, numbers)
    names = [option_name(option, number, lang) for option, number in items]
    # Drawn only while open: a closed schedule costs a slider move nothing.
    with st.expander(t("schedule.heading", lang), key=SCHEDULE_OPEN, on_change="rerun") as box:
        if not box.open:
            return
        chosen = st.selectbox(
            t("schedule.choose", lang),
            options=range(len(items)),
            format_func=names.__getitem__,
            key="_schedule_choice",
        )
        option, number = items[chosen or 0]
        if option.kind is OptionKind.OVERDUE:
            frame, slug = overdue_table(result, lang), "stay-overdue"
        else:
            frame = schedule_table(option, lang)
            slug = "contract" if option.kind is OptionKind.CONTRACT else f"proposal-{number}"
        st.caption(
            t("schedule.overdue", lang)
            if option.kind is OptionKind.OVERDUE
            else t("schedule.title", lang, name=names[chosen or 0])
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


def display_table(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The comparison table as the page shows it: yuan and percent signs, a dash for none."""
    money_rows = {t(key, lang) for key in MONEY_MEASURES}
    percent_rows = {t(key, lang) for key in PERCENT_MEASURES}

    def show(row: str, value: Any) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return t("card.none", lang)
        if row in money_rows:
            return money(round(value * 100))
        if row in percent_rows:
            return t("format.percent", lang, value=f"{value:,.2f}")
        return f"{value:,.0f}"  # months

    return pd.DataFrame(
        {column: [show(row, v) for row, v in table[column].items()] for column in table.columns},
        index=table.index,
    )
