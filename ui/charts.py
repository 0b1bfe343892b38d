"""Plotly figures of a comparison: one colour per option, the same in every chart.

Each option is drawn in the colour and under the name ``ui.options`` gave it. Hover labels
show yuan with thousands separators.

Figures are plain Plotly JSON dictionaries: building ``plotly.graph_objects`` figures
validates every property and took about 30 ms for the three charts on each slider
move; ``st.plotly_chart`` validates the dictionaries once anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core import AllLenders, Comparison, Option, OptionKind, Strategy
from core.money import fen_to_yuan
from core.text import Lang, t
from ui.options import (
    OVERDUE_COLOUR,
    Labelled,
    LabelledComparison,
    lender_colour,
    strategy_colour,
    strategy_name,
)
from ui.tables import claim_parts

Figure = dict[str, Any]

BUDGET_COLOUR = "#555555"
TITLE_COLOUR = "#1F2933"  # the theme's text colour (.streamlit/config.toml)
COST_COLOURS = {
    "principal": "#9DB4C8",
    "interest": "#4A6C8C",
    "arrears": "#B65A3C",
    "fees": "#E0B040",
    "waived": "#D9D9D9",
}
# What staying overdue claims, part by part (keyed as ``ui.tables.claim_parts``).
NOTHING_COLOURS = {
    "cost.principal": "#9DB4C8",
    "cost.interest": "#4A6C8C",
    "col.penalty": "#D55E00",
    "col.compound": "#E69F00",
    "col.charges": "#CC79A7",
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


def _line(item: Labelled, x: list[int], y: list[float]) -> dict[str, Any]:
    baseline = item.option.kind is not OptionKind.PROPOSAL
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "name": item.name,
        "legendgroup": item.name,  # one click hides it in both panels
        "mode": "lines",
        "line": {
            "color": item.colour,
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


def balance_traces(compared: LabelledComparison, lang: Lang) -> list[dict[str, Any]]:
    """What is still owed each month: principal left for plans, the claimed debt if overdue."""
    path = compared.result.overdue_path
    traces = []
    for item in compared.options:
        if item.option.kind is OptionKind.OVERDUE:
            months = [m.month for m in path]
            owed = [fen_to_yuan(m.claimed) for m in path]
        else:
            months, owed = _owed_by_month(item.option)
        traces.append(_line(item, months, owed))
    overdue = compared.options[1]
    enforceable = [fen_to_yuan(m.enforceable) for m in path]
    if enforceable != traces[1]["y"]:
        # What a court would enforce of the same debt: dotted, in the overdue colour.
        line = _line(overdue, traces[1]["x"], enforceable)
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


def payment_traces(compared: LabelledComparison, lang: Lang) -> list[dict[str, Any]]:
    """Each plan's monthly payment, and the affordable payment as a dashed line."""
    traces = []
    last_month = 1
    for item in compared.options:
        option = item.option
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
        line = _line(item, [m for m, _ in rows], [fen_to_yuan(p) for _, p in rows])
        traces.append(line | {"showlegend": False})  # the panel above names each option
    budget = compared.result.budget
    x, y = [1, last_month], [fen_to_yuan(budget.monthly)] * 2
    if budget.later is not None and budget.later_from_month <= last_month:
        # A later income: the budget steps to it in its month.
        change = max(budget.later_from_month, 1)
        later = fen_to_yuan(budget.later)
        x = [1, change, change, max(last_month, change)]
        y = [y[0], y[0], later, later]
        if change == 1:
            x, y = [1, max(last_month, 1)], [later, later]
    traces.append(
        {
            "type": "scatter",
            "x": x,
            "y": y,
            "name": t("chart.budget", lang),
            "mode": "lines",
            "line": {"color": BUDGET_COLOUR, "width": 2, "dash": "dash"},
            "hovertemplate": _HOVER_MONEY,
        }
    )
    return [trace | {"xaxis": "x2", "yaxis": "y2"} for trace in traces]


def timeline_figure(compared: LabelledComparison, lang: Lang) -> Figure:
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
        balance_traces(compared, lang) + payment_traces(compared, lang),
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


def cost_figure(options: Sequence[Labelled], lang: Lang) -> Figure:
    """Total cost of each option split into principal, interest, overdue costs, fees, waived."""
    names: list[str] = []
    parts: dict[str, list[float]] = {key: [] for key in COST_COLOURS}
    for item in options:
        s = item.option.summary
        names.append(f'<span style="color:{item.colour}">■</span> {item.name}')
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


def figures(compared: LabelledComparison, lang: Lang) -> tuple[Figure, ...]:
    """The charts as Plotly JSON dictionaries: the timeline panels, then the cost breakdown."""
    return timeline_figure(compared, lang), cost_figure(compared.options, lang)


def nothing_figure(result: Comparison, lang: Lang) -> Figure:
    """What staying overdue claims each month, part by part, against what a court enforces."""
    path = result.overdue_path
    months = [m.month for m in path]
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": months,
            "y": [fen_to_yuan(amount) for amount in amounts],
            "name": t(key, lang),
            "stackgroup": "claimed",
            "mode": "none",
            "fillcolor": NOTHING_COLOURS[key],
            "hovertemplate": _HOVER_MONEY,
        }
        for key, amounts in claim_parts(result).items()
    ]
    traces.append(
        {
            "type": "scatter",
            "x": months,
            "y": [fen_to_yuan(m.enforceable) for m in path],
            "name": t("nothing.enforceable", lang),
            "mode": "lines",
            "line": {"color": TITLE_COLOUR, "width": 2.5, "dash": "dash"},
            "hovertemplate": _HOVER_MONEY,
        }
    )
    return _figure(t("nothing.chart", lang), lang, traces, height=420)


# --- All lenders, one budget -----------------------------------------------------------------


def split_payments_figure(result: AllLenders, names: Sequence[str], lang: Lang) -> Figure:
    """Each lender's payment in the months after signing, stacked, against the monthly budget.

    One bar trace per lender, in the colour ``ui.options.lender_colour`` gives its place
    in the case, so a month's stack is ``CombinedMonth.total``. A lender no plan fits
    pays nothing and says so in the legend. ``names[i]`` labels ``result.lenders[i]``.
    """
    months = [m for m in result.months if m.month > 0]
    x = [m.month for m in months]
    traces: list[dict[str, Any]] = []
    for position, (lender, name) in enumerate(zip(result.lenders, names, strict=True)):
        label = name if lender.plan else t("chart.split.unplanned", lang, name=name)
        traces.append(
            {
                "type": "bar",
                "x": x,
                "y": [fen_to_yuan(m.payments[position]) for m in months],
                "name": label,
                "marker": {"color": lender_colour(lender.index), "line": {"width": 0}},
                "hovertemplate": _HOVER_MONEY,
            }
        )
    # Half a month beyond the first and last bar, so the line spans their whole width.
    last = max(x, default=1)
    budget_x = [0.5, *x, last + 0.5]
    budget = fen_to_yuan(result.budget.monthly)
    traces.append(
        {
            "type": "scatter",
            "x": budget_x,
            "y": [budget] * len(budget_x),
            "name": t("chart.budget", lang),
            "mode": "lines",
            "line": {"color": BUDGET_COLOUR, "width": 2, "dash": "dash"},
            "hovertemplate": _HOVER_MONEY,
        }
    )
    return _figure(
        t("chart.split.payments", lang), lang, traces, barmode="stack", bargap=0.15, height=440
    )


def split_owed_figure(
    results: Mapping[Strategy, AllLenders], lang: Lang, *, with_plans: bool = True
) -> Figure:
    """What is still owed to all lenders under each strategy, against staying overdue with all.

    ``with_plans=False`` draws staying overdue alone (no plan can be paid: the hardship route).

    The look of the timeline's upper panel: staying overdue drawn wide in its colour, what a
    court would enforce of it dotted, each strategy a step line. A lender no plan fits owes
    nothing under the plans (``CombinedMonth.owed``), so a strategy that leaves lenders out
    says how many in its name.
    """
    if not results:
        raise ValueError("split_owed_figure needs at least one strategy's result")
    path = next(iter(results.values())).overdue_path  # every lender overdue: no strategy
    months = [m.month for m in path]
    claimed = [fen_to_yuan(m.claimed) for m in path]
    enforceable = [fen_to_yuan(m.enforceable) for m in path]
    overdue_name = t("chart.split.overdue", lang)
    traces = [_owed_line(overdue_name, OVERDUE_COLOUR, months, claimed, _BASELINE_WIDTH)]
    for strategy, result in results.items() if with_plans else ():
        name = strategy_name(strategy, lang)
        left_out = len(result.totals.unplanned)
        if left_out:
            name = t("chart.split.owed_partial", lang, strategy=name, count=left_out)
        owed = [fen_to_yuan(m.total_owed) for m in result.months]
        x = [m.month for m in result.months]
        traces.append(_owed_line(name, strategy_colour(strategy), x, owed, _PROPOSAL_WIDTH))
    if enforceable != claimed:
        dotted = _owed_line(
            t("nothing.enforceable", lang), OVERDUE_COLOUR, months, enforceable, _PROPOSAL_WIDTH
        )
        dotted["line"]["dash"] = "dot"
        traces.append(dotted)
    return _figure(t("chart.split.owed", lang), lang, traces, height=420)


def _owed_line(
    name: str, colour: str, x: list[int], y: list[float], width: float
) -> dict[str, Any]:
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "name": name,
        "mode": "lines",
        "line": {"color": colour, "width": width, "shape": "hv"},
        "hovertemplate": _HOVER_MONEY,
    }
