"""Plotly figures of a comparison: one colour per option, the same in every chart.

The palette is Okabe and Ito's, chosen to stay distinct for the common kinds of colour
blindness. Hover labels show yuan with thousands separators.

Figures are plain Plotly JSON dictionaries: building ``plotly.graph_objects`` figures
validates every property and took about 30 ms for the three charts on each slider
move; ``st.plotly_chart`` validates the dictionaries once anyway.
"""

from __future__ import annotations

from typing import Any

from core import Comparison, Option, OptionKind
from core.money import fen_to_yuan
from core.text import Lang, t

Figure = dict[str, Any]

CONTRACT_COLOUR = "#0072B2"  # blue
OVERDUE_COLOUR = "#D55E00"  # vermillion
PROPOSAL_COLOURS = ("#009E73", "#E69F00", "#CC79A7", "#56B4E9")  # green, orange, purple, sky
BUDGET_COLOUR = "#555555"
TITLE_COLOUR = "#1F2933"  # the theme's text colour (.streamlit/config.toml)
COST_COLOURS = {
    "principal": "#9DB4C8",
    "interest": "#4A6C8C",
    "arrears": "#B65A3C",
    "fees": "#E0B040",
    "waived": "#D9D9D9",
}

_HOVER_MONEY = "¥%{y:,.2f}"
GRID_COLOUR = "#E6E9EF"
TICK_COLOUR = "#6B7280"  # the theme's faded text
# Every axis: no title (the panel says what it shows), room for its labels, quiet lines.
AXIS: dict[str, Any] = {
    "title": {"text": ""},
    "automargin": True,
    "zeroline": False,
    "gridcolor": GRID_COLOUR,
    "tickfont": {"color": TICK_COLOUR},
}
# The baselines are drawn wider and first, so a proposal on the same path leaves them visible.
_BASELINE_WIDTH = 5
_PROPOSAL_WIDTH = 2.5


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


def _line(option: Option, number: int, lang: Lang, x: list[int], y: list[float]) -> dict[str, Any]:
    baseline = option.kind is not OptionKind.PROPOSAL
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "name": option_name(option, number, lang),
        "legendgroup": option_name(option, number, lang),  # one click hides it in both panels
        "mode": "lines",
        "line": {
            "color": option_colour(option, number),
            "width": _BASELINE_WIDTH if baseline else _PROPOSAL_WIDTH,
            "shape": "hv",
        },
        "hovertemplate": _HOVER_MONEY,
    }


def _figure(title: str, lang: Lang, traces: list[dict[str, Any]], **layout: Any) -> Figure:
    """Shared look: title on top, the legend below the plot in the traces' order.

    A legend above the plot grows upwards into the title when a phone wraps it onto
    several rows; below the plot Plotly makes room for it.
    """
    base: dict[str, Any] = {
        "title": {
            "text": f"<b>{title}</b>" if title else "",
            "font": {"size": 15, "color": TITLE_COLOUR},
            "x": 0,
            "xanchor": "left",
        },
        "margin": {"l": 8, "r": 8, "t": 44, "b": 8},
        "height": 400,
        "legend": {
            "orientation": "h",
            "yanchor": "top",
            "y": -0.1,
            "x": 0,
            "font": {"size": 12},
            "traceorder": "normal",
        },
        "hovermode": "x unified",
        "separators": ".,",
        "yaxis": {
            "tickformat": ",.0f",
            "tickprefix": "¥",
            "rangemode": "tozero",
            **AXIS,
        },
        "xaxis": {
            **AXIS,
            "showgrid": False,
            "ticksuffix": t("chart.month_suffix", lang),
        },
        "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "rgba(0,0,0,0)",
    }
    return {"data": traces, "layout": base | layout}


def balance_traces(
    result: Comparison, numbers: tuple[int, ...], lang: Lang
) -> list[dict[str, Any]]:
    """What is still owed each month: principal left for plans, the claimed debt if overdue."""
    traces = []
    for option, number in zip(result.options, (0, 0, *numbers), strict=True):
        if option.kind is OptionKind.OVERDUE:
            months = [m.month for m in result.overdue_path]
            owed = [fen_to_yuan(m.claimed) for m in result.overdue_path]
        else:
            months, owed = _owed_by_month(option)
        traces.append(_line(option, number, lang, months, owed))
    overdue = result.options[1]
    enforceable = [fen_to_yuan(m.enforceable) for m in result.overdue_path]
    if enforceable != traces[1]["y"]:
        # What a court would enforce of the same debt: dotted, in the overdue colour.
        line = _line(overdue, 0, lang, traces[1]["x"], enforceable)
        line["name"] = t("nothing.enforceable", lang)
        line["line"] |= {"dash": "dot", "width": _PROPOSAL_WIDTH}
        traces.append(line)
    return traces


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


def payment_traces(
    result: Comparison, numbers: tuple[int, ...], lang: Lang
) -> list[dict[str, Any]]:
    """Each plan's monthly payment, and the affordable payment as a dashed line."""
    traces = []
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
        line = _line(option, number, lang, [m for m, _ in rows], [fen_to_yuan(p) for _, p in rows])
        traces.append(line | {"showlegend": False})  # the panel above names each option
    budget = fen_to_yuan(result.affordable)
    traces.append(
        {
            "type": "scatter",
            "x": [1, last_month],
            "y": [budget, budget],
            "name": t("chart.budget", lang),
            "mode": "lines",
            "line": {"color": BUDGET_COLOUR, "width": 2, "dash": "dash"},
            "hovertemplate": _HOVER_MONEY,
        }
    )
    return [trace | {"xaxis": "x2", "yaxis": "y2"} for trace in traces]


def timeline_figure(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> Figure:
    """Two panels over the same months: what is still owed, and the payment against the budget.

    One figure rather than two: one Plotly chart fewer to update on each slider move, and
    the options share one legend.
    """
    money_axis = {
        "tickformat": ",.0f",
        "tickprefix": "¥",
        "rangemode": "tozero",
        **AXIS,
    }
    month_axis = {
        **AXIS,
        "showgrid": False,
        "ticksuffix": t("chart.month_suffix", lang),
    }
    panel_title = {
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 15, "color": TITLE_COLOUR},
    }
    return _figure(
        "",
        lang,
        balance_traces(result, numbers, lang) + payment_traces(result, numbers, lang),
        height=700,
        margin={"l": 8, "r": 8, "t": 36, "b": 8},
        yaxis=money_axis | {"domain": [0.58, 1.0]},
        yaxis2=money_axis | {"domain": [0.0, 0.40]},
        xaxis=month_axis | {"anchor": "y"},
        xaxis2=month_axis | {"anchor": "y2", "matches": "x"},
        annotations=[
            panel_title | {"text": f"<b>{t('chart.balance', lang)}</b>", "y": 1.0},
            panel_title | {"text": f"<b>{t('chart.payment', lang)}</b>", "y": 0.44},
        ],
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.05,
            "x": 0,
            "font": {"size": 12},
            "traceorder": "normal",
        },
    )


def cost_figure(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> Figure:
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
    traces = [
        {
            "type": "bar",
            "y": names,
            "x": parts[key],
            "name": t(f"cost.{key}", lang),
            "orientation": "h",
            "marker": {"color": colour},
            "hovertemplate": "¥%{x:,.2f}",
        }
        for key, colour in COST_COLOURS.items()
    ]
    return _figure(
        t("chart.cost", lang),
        lang,
        traces,
        barmode="stack",
        hovermode="y unified",
        height=200 + 44 * len(names),
        xaxis={"tickformat": ",.0f", "tickprefix": "¥", **AXIS},
        yaxis={**AXIS, "showgrid": False, "autorange": "reversed"},
    )


def figures(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> tuple[Figure, ...]:
    """The charts as Plotly JSON dictionaries: the timeline panels, then the cost breakdown."""
    return timeline_figure(result, numbers, lang), cost_figure(result, numbers, lang)
