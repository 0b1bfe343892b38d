"""Plotly figures of a comparison: one colour per option, the same in every chart.

The palette is Okabe and Ito's, chosen to stay distinct for the common kinds of colour
blindness. Hover labels show yuan with thousands separators.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from core import Comparison, Option, OptionKind
from core.money import fen_to_yuan
from core.text import Lang, t

CONTRACT_COLOUR = "#0072B2"  # blue
OVERDUE_COLOUR = "#D55E00"  # vermillion
PROPOSAL_COLOURS = ("#009E73", "#E69F00", "#CC79A7", "#56B4E9")  # green, orange, purple, sky
BUDGET_COLOUR = "#555555"
COST_COLOURS = {
    "principal": "#9DB4C8",
    "interest": "#4A6C8C",
    "arrears": "#B65A3C",
    "fees": "#E0B040",
    "waived": "#D9D9D9",
}

_HOVER_MONEY = "¥%{y:,.2f}"


def option_colour(option: Option, number: int) -> str:
    """The option's colour: the baselines' fixed, proposal ``number`` (1-4) by position."""
    if option.kind is OptionKind.CONTRACT:
        return CONTRACT_COLOUR
    if option.kind is OptionKind.OVERDUE:
        return OVERDUE_COLOUR
    return PROPOSAL_COLOURS[(number - 1) % len(PROPOSAL_COLOURS)]


def option_name(option: Option, number: int, lang: Lang) -> str:
    if option.kind is OptionKind.PROPOSAL:
        return t("option.proposal", lang, number=number)
    return t(f"option.{option.kind.value}", lang)


def _layout(figure: go.Figure, title: str, lang: Lang) -> go.Figure:
    """Shared look: title, then the legend above the plot (it never covers an axis on a phone)."""
    figure.update_layout(
        title={
            "text": title,
            "font": {"size": 15},
            "x": 0,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
        },
        margin={"l": 8, "r": 8, "t": 86, "b": 8},
        height=380,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "font": {"size": 12}},
        hovermode="x unified",
        separators=".,",
        yaxis={"tickformat": ",.0f", "tickprefix": "¥", "rangemode": "tozero", "title": None},
        xaxis={"title": {"text": t("chart.month", lang), "font": {"size": 12}}},
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="rgba(0,0,0,0)",
    )
    return figure


def balance_figure(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> go.Figure:
    """What is still owed each month: principal left for plans, the claimed debt if overdue."""
    figure = go.Figure()
    for option, number in zip(result.options, (0, 0, *numbers), strict=True):
        if option.kind is OptionKind.OVERDUE:
            months = [m.month for m in result.overdue_path]
            owed = [fen_to_yuan(m.claimed) for m in result.overdue_path]
        else:
            months, owed = _owed_by_month(option)
        figure.add_trace(
            go.Scatter(
                x=months,
                y=owed,
                name=option_name(option, number, lang),
                mode="lines",
                line={"color": option_colour(option, number), "width": 2.5, "shape": "hv"},
                hovertemplate=_HOVER_MONEY,
            )
        )
    return _layout(figure, t("chart.balance", lang), lang)


def _owed_by_month(option: Option) -> tuple[list[int], list[float]]:
    schedule = option.schedule
    start = schedule.balance[0] + schedule.principal[0] if len(schedule) else 0
    months = [0]
    owed = [fen_to_yuan(start)]
    for month, balance in zip(schedule.month, schedule.balance, strict=True):
        if month == 0:
            owed[0] = fen_to_yuan(balance)
            continue
        months.append(month)
        owed.append(fen_to_yuan(balance))
    return months, owed


def payment_figure(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> go.Figure:
    """Each plan's monthly payment against the affordable payment (a dashed line)."""
    figure = go.Figure()
    last_month = 1
    for option, number in zip(result.options, (0, 0, *numbers), strict=True):
        if option.kind is OptionKind.OVERDUE:
            continue
        rows = [
            (m, p)
            for m, p in zip(option.schedule.month, option.schedule.payment, strict=True)
            if m > 0
        ]
        if not rows:
            continue
        last_month = max(last_month, rows[-1][0])
        figure.add_trace(
            go.Scatter(
                x=[m for m, _ in rows],
                y=[fen_to_yuan(p) for _, p in rows],
                name=option_name(option, number, lang),
                mode="lines",
                line={"color": option_colour(option, number), "width": 2.5, "shape": "hv"},
                hovertemplate=_HOVER_MONEY,
            )
        )
    budget = fen_to_yuan(result.affordable)
    figure.add_trace(
        go.Scatter(
            x=[1, last_month],
            y=[budget, budget],
            name=t("chart.budget", lang),
            mode="lines",
            line={"color": BUDGET_COLOUR, "width": 2, "dash": "dash"},
            hovertemplate=_HOVER_MONEY,
        )
    )
    return _layout(figure, t("chart.payment", lang), lang)


def cost_figure(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> go.Figure:
    """Total cost of each option split into principal, interest, overdue costs, fees, waived."""
    names: list[str] = []
    parts: dict[str, list[float]] = {key: [] for key in COST_COLOURS}
    for option, number in zip(result.options, (0, 0, *numbers), strict=True):
        s = option.summary
        colour = option_colour(option, number)
        names.append(f'<span style="color:{colour}">■</span> {option_name(option, number, lang)}')
        parts["principal"].append(fen_to_yuan(s.principal_repaid))
        parts["interest"].append(fen_to_yuan(s.interest))
        parts["arrears"].append(fen_to_yuan(s.arrears))
        parts["fees"].append(fen_to_yuan(s.fees))
        parts["waived"].append(fen_to_yuan(s.principal_waived + s.charges_waived))
    figure = go.Figure()
    for key, colour in COST_COLOURS.items():
        figure.add_trace(
            go.Bar(
                y=names,
                x=parts[key],
                name=t(f"cost.{key}", lang),
                orientation="h",
                marker={"color": colour},
                hovertemplate="¥%{x:,.2f}",
            )
        )
    _layout(figure, t("chart.cost", lang), lang)
    figure.update_layout(
        barmode="stack",
        hovermode="y unified",
        height=150 + 48 * len(names),
        xaxis={"tickformat": ",.0f", "tickprefix": "¥", "title": None},
        yaxis={"title": None, "autorange": "reversed", "tickformat": "", "tickprefix": ""},
    )
    return figure


def figures(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> tuple[dict[str, Any], ...]:
    """The three charts as plain figure dictionaries (cheap to cache and to copy)."""
    return tuple(
        build(result, numbers, lang).to_plotly_json()
        for build in (balance_figure, payment_figure, cost_figure)
    )
