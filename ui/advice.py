"""The home page's advice: what to ask for, whether the rate is lawful, the cost of doing nothing."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core import Case, Comparison, LenderType, Method, Proposal, RateUnit
from core.ladder import Ladder, Offer, offer_ladder
from core.money import fen_to_yuan
from core.solver import months_needed, rate_needed, waiver_needed
from core.text import Lang, t
from ui.boundary import guarded
from ui.charts import TITLE_COLOUR
from ui.format import money, percent
from ui.results import history_rule, line_rule, markdown_badge, show_table
from ui.spec import PROPOSAL_PARAMS, blank_value

_LOADED = "_rung_loaded"  # the rung just loaded, for the toast on the next run


def ladder_panel(case: Case, lang: Lang) -> None:
    """Three offers solved from the budget, each with its figures and a button to load it."""
    loaded = st.session_state.pop(_LOADED, None)
    if loaded is not None:
        st.toast(t("ladder.loaded", lang, number=loaded))
    loan_case = case.loans[0]
    if case.borrower.disposable_yuan <= 0:
        st.info(t("ladder.no_budget", lang))
        return
    ladder = offer_ladder(loan_case.loan, case.borrower, case.assumptions)
    if not ladder.offers:
        best = ladder.budget.monthly + ladder.shortfall
        st.warning(
            t(
                "ladder.none",
                lang,
                months=ladder.months,
                payment=money(best),
                gap=money(ladder.shortfall),
            )
        )
        return
    _single_levers(case, ladder, lang)
    st.caption(t("ladder.intro", lang, budget=money(ladder.budget.monthly), months=ladder.months))
    for column, (number, offer) in zip(
        st.columns(3), enumerate(ladder.offers, start=1), strict=True
    ):
        with column, st.container(border=True):
            _offer(offer, number, ladder, lang)


def _single_levers(case: Case, ladder: Ladder, lang: Lang) -> None:
    """What one lever alone would take to fit the budget: months, rate, or principal waived."""
    loan = case.loans[0].loan
    today = case.assumptions.today
    longest = case.assumptions.max_term_months
    base = Proposal(lump_sum_yuan=ladder.offers[0].proposal.lump_sum_yuan)
    months = months_needed(loan, base, ladder.budget, max_months=longest, today=today)
    rate = rate_needed(loan, base, ladder.budget, months=longest, today=today)
    waived = waiver_needed(loan, base, ladder.budget, months=loan.remaining_months, today=today)
    lines = [
        t("solve.months", lang, months=months, rate=percent(loan.nominal_apr, lang))
        if months is not None
        else t("solve.months_none", lang, longest=longest),
        t("solve.rate", lang, rate=percent(rate, lang), longest=longest)
        if rate is not None
        else t("solve.rate_none", lang, longest=longest),
        t("solve.waiver", lang, amount=money(round(waived * 100)), months=loan.remaining_months)
        if waived is not None
        else t("solve.waiver_none", lang, months=loan.remaining_months),
    ]
    st.markdown("\n".join("- " + line for line in lines))


def _offer(offer: Offer, number: int, ladder: Ladder, lang: Lang) -> None:
    s = offer.summary
    name = offer.rung.value
    rate = offer.proposal.new_apr or 0.0
    lines = [
        f"**{t(f'ladder.{name}', lang)}**",
        t("ladder.terms", lang, months=ladder.months, rate=percent(rate, lang)),
    ]
    if offer.proposal.overdue_charges_waived_share:
        lines.append(t("ladder.penalty_waived", lang))
    if offer.proposal.lump_sum_yuan:
        amount = money(round(offer.proposal.lump_sum_yuan * 100))
        lines.append(t("ladder.lump", lang, amount=amount))
    if offer.proposal.principal_waived_yuan:
        amount = money(round(offer.proposal.principal_waived_yuan * 100))
        lines.append(t("ladder.principal_waived", lang, amount=amount))
    # Few elements per offer: each is redrawn on every slider move.
    st.markdown("  \n".join(lines), help=t(f"ladder.{name}.help", lang))
    st.metric(t("card.payment", lang), money(s.highest_payment))
    st.metric(t("card.total", lang), money(s.total_paid))
    pv, recovery = money(s.lender_pv), money(s.default_recovery_pv)
    if s.beats_default_for_lender:
        badge = markdown_badge(t("card.beats_default", lang), "blue", "handshake")
        st.caption(badge + "  \n" + t("ladder.say", lang, pv=pv, recovery=recovery))
    else:
        st.caption(t("ladder.not_winwin", lang, pv=pv, recovery=recovery))
    st.button(
        t("ladder.load", lang, number=number),
        key=f"_load_rung_{number}",
        on_click=_load_offer,
        args=(offer, number, lang),
        width="stretch",
    )


@guarded
def _load_offer(offer: Offer, number: int, lang: Lang) -> None:
    """Write the offer into proposal ``number``'s widgets (and show that many proposals)."""
    proposal = offer.proposal
    values: dict[str, Any] = {p.key: blank_value(p) for p in PROPOSAL_PARAMS[number - 1]}
    prefix = f"p{number}_"
    values[prefix + "add"] = 0
    values[prefix + "term"] = proposal.term_months
    values[prefix + "rate"] = round((proposal.new_apr or 0.0) * 100, 2)
    values[prefix + "pen"] = round(proposal.overdue_charges_waived_share * 100)
    values[prefix + "waive"] = proposal.principal_waived_yuan
    values[prefix + "lump"] = proposal.lump_sum_yuan
    st.session_state.update(values)
    if int(st.session_state.get("np", "2")) < number:
        st.session_state["np"] = str(number)
    st.session_state[_LOADED] = number
    # The button sits in the home page's results fragment; the proposal editor outside it
    # must show the rung, so the whole page runs again (and says so: ``ladder_panel``).
    st.rerun()


def lawfulness_panel(result: Comparison, case: Case, lang: Lang) -> None:
    """The contract's true APR against its legal line, with the line's date and source."""
    check = result.lawfulness
    line = check.line
    loan = case.loans[0].loan
    lines = [t("lawful.apr", lang, apr=percent(check.apr, lang))]
    if loan.rate_unit is RateUnit.FLAT_MONTHLY_FEE or loan.method is Method.FLAT_FEE:
        lines.append(
            t(
                "lawful.flat_fee",
                lang,
                fee=percent(loan.monthly_rate, lang),
                apr=percent(check.apr, lang),
                simple=percent(loan.nominal_apr, lang),
            )
        )
    lines.append(line_rule(line, lang))
    if line.annual_rate is not None:
        ceiling = percent(line.annual_rate, lang)
        if check.above:
            lines.append(t("lawful.ask", lang, line=ceiling, excess=percent(check.excess, lang)))
        else:
            lines.append(t("lawful.within", lang, line=ceiling))
    lines.append(t("legal.source", lang, source=line.source, date=line.effective.isoformat()))
    if loan.lender_type is LenderType.PRIVATE:
        lines.append(history_rule(lang))
    lines.append(t("legal.not_advice", lang))
    (st.warning if check.above else st.info)("\n\n".join(lines))


def nothing_panel(result: Comparison, case: Case, lang: Lang) -> None:
    """The stay-overdue path: claimed against enforceable, and the milestones on the way."""
    path = result.overdue_path
    end = path[-1]
    st.write(
        t(
            "nothing.summary",
            lang,
            months=end.month,
            claimed=money(end.claimed),
            enforceable=money(end.enforceable),
        )
    )
    shown = sorted({0, 1, 3, 6, 12, end.month} & {m.month for m in path})
    parts = _claim_parts(result)
    table = {
        t("col.month", lang): shown,
        t("col.stage", lang): [t(f"stage.{path[m].stage}", lang) for m in shown],
    }
    for key, values in parts.items():
        table[t(key, lang)] = [money(round(values[m] * 100)) for m in shown]
    table[t("nothing.claimed", lang)] = [money(path[m].claimed) for m in shown]
    table[t("nothing.enforceable", lang)] = [money(path[m].enforceable) for m in shown]
    show_table(pd.DataFrame(table).set_index(t("col.month", lang)))
    # The chart is drawn on request: every chart on the page is redrawn on each slider move.
    if st.toggle(t("nothing.show_chart", lang), key="_nothing_chart"):
        st.plotly_chart(
            _nothing_figure(result, parts, lang), width="stretch", config={"displayModeBar": False}
        )
    with st.expander(t("nothing.milestones", lang)):
        days = case.assumptions.acceleration_days
        st.markdown(
            "\n".join(
                "- " + text
                for text in (
                    t("nothing.stages", lang),
                    t("nothing.accelerate", lang, days=days),
                    t("nothing.credit", lang),
                    t("nothing.limitation", lang),
                    t("nothing.path", lang),
                    t("nothing.collection", lang),
                )
            )
        )


def _claim_parts(result: Comparison) -> dict[str, list[float]]:
    """What the contract claims at each month of the stay-overdue path, part by part, in yuan."""
    path = result.overdue_path
    principal = fen_to_yuan(result.position.principal)
    return {
        "cost.principal": [principal for _ in path],
        "cost.interest": [fen_to_yuan(m.unpaid_interest) for m in path],
        "col.penalty": [fen_to_yuan(m.penalty) for m in path],
        "col.compound": [fen_to_yuan(m.compound_interest) for m in path],
        "col.charges": [fen_to_yuan(m.charges) for m in path],
    }


NOTHING_COLOURS = {
    "cost.principal": "#9DB4C8",
    "cost.interest": "#4A6C8C",
    "col.penalty": "#D55E00",
    "col.compound": "#E69F00",
    "col.charges": "#CC79A7",
}


def _nothing_figure(
    result: Comparison, parts: dict[str, list[float]], lang: Lang
) -> dict[str, Any]:
    months = [m.month for m in result.overdue_path]
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": months,
            "y": values,
            "name": t(key, lang),
            "stackgroup": "claimed",
            "mode": "none",
            "fillcolor": NOTHING_COLOURS[key],
            "hovertemplate": "¥%{y:,.2f}",
        }
        for key, values in parts.items()
    ]
    traces.append(
        {
            "type": "scatter",
            "x": months,
            "y": [fen_to_yuan(m.enforceable) for m in result.overdue_path],
            "name": t("nothing.enforceable", lang),
            "mode": "lines",
            "line": {"color": "#1F2933", "width": 2.5, "dash": "dash"},
            "hovertemplate": "¥%{y:,.2f}",
        }
    )
    return {
        "data": traces,
        "layout": {
            "title": {
                "text": t("nothing.chart", lang),
                "font": {"size": 15, "color": TITLE_COLOUR},
                "x": 0,
                "xanchor": "left",
            },
            "height": 420,
            "margin": {"l": 8, "r": 8, "t": 44, "b": 8},
            "legend": {
                "orientation": "h",
                "yanchor": "top",
                "y": -0.08,
                "x": 0,
                "traceorder": "normal",
            },
            "hovermode": "x unified",
            "yaxis": {
                "tickformat": ",.0f",
                "tickprefix": "¥",
                "title": {"text": ""},
                "rangemode": "tozero",
            },
            "xaxis": {"ticksuffix": t("chart.month_suffix", lang), "title": {"text": ""}},
            "plot_bgcolor": "#FFFFFF",
            "paper_bgcolor": "rgba(0,0,0,0)",
        },
    }
