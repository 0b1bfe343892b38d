"""Home page of the Loan Negotiation Planner (placeholder until the dashboard lands).

Shows the default case's contract computed by ``core``: the first payment, the total,
the true APR, and the balance month by month.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from core import Case, compare, fen_to_yuan
from core.text import Lang, t

locale = st.context.locale or ""
lang: Lang = "zh" if locale.lower().startswith("zh") else "en"
st.set_page_config(page_title=t("app.title", lang), layout="wide")

st.title(t("app.title", lang))
st.caption(t("app.tagline", lang))
st.info(t("app.placeholder", lang))

result = compare(Case())
contract = result.contract
summary = contract.summary

first, total, apr = st.columns(3)
first.metric(t("app.metric.first_payment", lang), f"¥{fen_to_yuan(summary.first_payment):,.2f}")
total.metric(t("app.metric.total_paid", lang), f"¥{fen_to_yuan(summary.total_paid):,.2f}")
if summary.apr is not None:
    apr.metric(
        t("app.metric.apr", lang),
        t("format.percent", lang, value=f"{summary.apr.nominal_apr * 100:.2f}"),
    )

figure = go.Figure(
    go.Bar(
        x=list(contract.schedule.month),
        y=[fen_to_yuan(b) for b in contract.schedule.balance],
        hovertemplate="%{x}: ¥%{y:,.2f}<extra></extra>",
        marker_color="#0072B2",
    )
)
figure.update_layout(
    title=t("app.chart.balance", lang),
    xaxis_title=t("app.axis.month", lang),
    yaxis_title=t("app.axis.yuan", lang),
    yaxis_tickformat=",",
    margin={"l": 10, "r": 10, "t": 50, "b": 10},
    height=360,
)
st.plotly_chart(figure, width="stretch")
