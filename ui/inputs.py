"""The widgets: drawn from ``ui.spec``, kept across pages, mirrored in the share link.

State lives in the widgets' own session state (keys = link parameters). On a session's
first run the link is read once: good values seed the widgets, bad ones are listed for
the borrower. At the end of every run the link is rewritten from the widgets, so
copying the address bar shares the exact comparison. Widgets are keyed with
``persist_state="session"`` so their values survive a visit to another page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from core.text import Lang, t
from ui import presets
from ui.boundary import guarded
from ui.format import literal, yuan_number
from ui.spec import (
    ALL_PARAMS,
    ASSUMPTION_PARAMS,
    BORROWER_PARAMS,
    BY_KEY,
    COUNT_PARAM,
    LANG_PARAM,
    LOAN_PARAMS,
    MAIN_LEVERS,
    OVERDUE_PARAMS,
    PROPOSAL_PARAMS,
    RATE_BOUNDS,
    LinkProblem,
    Param,
    bounds,
    default,
    lever,
    link_params,
    parse_value,
    read_link,
)

_SEEDED = "_seeded"
_PROBLEMS = "_link_problems"
_LANG_CHOSEN = "_lang_chosen"
RESULTS_FRAGMENT = "results"  # the home page's results: see ``rerun_results``


def keep_state() -> None:
    """Start every run: seed from the link once, then hand each value back to its widget.

    A widget first drawn on another page ignores the value its key held on the last
    page (it counts as another widget's state) and proposal widgets not drawn on a page
    would be cleaned away; assigning each key again through the API makes the value the
    borrower's own, which every page's widget then shows.
    """
    if not st.session_state.get(_SEEDED):
        seed_from_link()
    for param in ALL_PARAMS:
        if param.key in st.session_state:
            st.session_state[param.key] = st.session_state[param.key]


def seed_from_link() -> None:
    """On a session's first run: read the link into the widgets' state."""
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    values, problems = read_link(query)
    lang_values = query.get(LANG_PARAM.key) or []
    if lang_values:
        lang, problem = parse_value(LANG_PARAM, lang_values[0], {})
        if problem is None:
            st.session_state[LANG_PARAM.key] = lang
            st.session_state[_LANG_CHOSEN] = True
        else:
            problems.append(LinkProblem(LANG_PARAM.key, problem.value, "lang"))
    for param in ALL_PARAMS:
        st.session_state[param.key] = values.get(param.key, default(param, values))
    st.session_state[_PROBLEMS] = problems
    st.session_state[_SEEDED] = True


def current_values() -> dict[str, Any]:
    """Every input's current value (the widgets' state, defaults where a key is missing)."""
    values: dict[str, Any] = {}
    for param in ALL_PARAMS:
        values[param.key] = st.session_state.get(param.key, default(param, values))
    return values


def language() -> Lang:
    """The page's language: the switch or ``?lang=`` if set, else the browser's locale."""
    chosen = st.session_state.get(LANG_PARAM.key)
    if chosen in ("zh", "en"):
        return "zh" if chosen == "zh" else "en"
    locale = (st.context.locale or "").lower()
    return "zh" if locale.startswith("zh") else "en"


def language_switch(lang: Lang) -> None:
    """The sidebar switch between Chinese and English."""
    st.session_state[LANG_PARAM.key] = lang
    st.sidebar.segmented_control(
        t("lang.label", lang),
        options=["zh", "en"],
        format_func=lambda code: t(f"lang.{code}", lang),
        key=LANG_PARAM.key,
        required=True,
        on_change=_mark_language_chosen,
        persist_state="session",
        width="stretch",
    )


@guarded
def _mark_language_chosen() -> None:
    st.session_state[_LANG_CHOSEN] = True


def write_link(values: Mapping[str, Any], lang: Lang) -> None:
    """Mirror the inputs in the address bar (only values that differ from their default)."""
    params = link_params(values)
    if st.session_state.get(_LANG_CHOSEN):
        params[LANG_PARAM.key] = lang
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != params:
        st.query_params.from_dict(params)


def problem_line(problem: LinkProblem, lang: Lang) -> str:
    """One ignored value (from a link or a case file) as Markdown: what, the value, why.

    The value and an unknown key are the visitor's text, shown literally.
    """
    param = BY_KEY.get(problem.key)
    if param is None:
        name = literal(problem.key)
    else:
        name = t(param.label_key if param.key != "rate" else "input.rate.apr", lang)
    reason = t("link." + problem.reason, lang, **problem.context)
    return t("link.item", lang, name=name, value=literal(problem.value), reason=reason)


def link_problems(lang: Lang) -> None:
    """Say which link values were ignored and why, until the borrower dismisses it."""
    problems: list[LinkProblem] = st.session_state.get(_PROBLEMS) or []
    if not problems:
        return
    lines = [t("link.intro", lang), *("- " + problem_line(p, lang) for p in problems)]
    with st.container(border=True):
        st.warning("\n".join(lines))
        if st.button(t("link.dismiss", lang), key="_dismiss_link_problems"):
            st.session_state[_PROBLEMS] = []
            st.rerun()


def draw(
    param: Param,
    lang: Lang,
    values: Mapping[str, Any],
    where: Any = None,
    on_change: Callable[[], None] | None = None,
) -> None:
    """Draw one input's widget (in ``where``, the sidebar or a column) from its spec."""
    target = where if where is not None else st
    if param.key == "rate":
        label = t(f"input.rate.{values.get('unit', 'apr')}", lang)
    else:
        label = t(param.label_key, lang)
    common: dict[str, Any] = {
        "key": param.key,
        "help": t(param.help_key, lang),
        "persist_state": "session",
        "on_change": on_change,
    }
    low, high, step = bounds(param, values)
    if param.widget == "slider":
        target.slider(
            label,
            min_value=_num(param, low),
            max_value=_num(param, high),
            step=_num(param, step),
            format=param.fmt,
            **common,
        )
    elif param.widget == "number":
        extra: dict[str, Any] = {"value": None} if param.optional else {}
        target.number_input(
            label,
            min_value=_num(param, low),
            max_value=_num(param, high),
            step=_num(param, step),
            format=param.fmt,
            **extra,
            **common,
        )
    elif param.widget == "select":
        target.selectbox(
            label, options=param.choices, format_func=_choice_label(param, lang), **common
        )
    elif param.widget == "checkbox":
        target.checkbox(label, **common)
    elif param.widget == "date":
        target.date_input(label, min_value=dt.date(1990, 1, 1), max_value=dt.date.today(), **common)


def _num(param: Param, value: float | None) -> Any:
    if value is None:
        return None
    return int(value) if param.integer else float(value)


def _choice_label(param: Param, lang: Lang) -> Any:
    prefix = {
        "unit": "rate_unit",
        "method": "method",
        "lender": "lender_type",
        "basis": "basis",
        "np": None,
    }.get(param.key)
    if param.key.endswith("_method"):
        prefix = "method"
    elif param.key.endswith("_feeto"):
        prefix = "fee_payee"
    if prefix is None:
        return str
    return lambda code: t(f"{prefix}.{code}", lang)


@guarded
def _on_unit_change() -> None:
    """Convert the rate to the new unit so the loan's price stays the same."""
    new_unit = st.session_state["unit"]
    old_unit = st.session_state.get("_unit_before", "apr")
    basis = int(st.session_state.get("basis", "360"))
    per_month = {"apr": 1 / 12, "monthly": 1.0, "daily": basis / 12, "flat_fee": 1.0}
    rate = float(st.session_state.get("rate", RATE_BOUNDS[old_unit][3]))
    converted = rate * per_month[old_unit] / per_month[new_unit]
    low, high, step, _ = RATE_BOUNDS[new_unit]
    st.session_state["rate"] = round(min(max(converted, low), high) / step) * step
    if new_unit == "flat_fee":
        st.session_state["method"] = "flat_fee"
    elif st.session_state.get("method") == "flat_fee":
        st.session_state["method"] = "equal_installment"
    st.session_state["_unit_before"] = new_unit


@guarded
def _on_method_change() -> None:
    """The flat-fee method and the flat-fee unit go together."""
    if st.session_state["method"] == "flat_fee" and st.session_state.get("unit") != "flat_fee":
        st.session_state["_unit_before"] = st.session_state.get("unit", "apr")
        st.session_state["unit"] = "flat_fee"
        _on_unit_change()
    elif st.session_state["method"] != "flat_fee" and st.session_state.get("unit") == "flat_fee":
        st.session_state["_unit_before"] = "flat_fee"
        st.session_state["unit"] = "monthly"
        _on_unit_change()


# Rate unit and method keep each other consistent, and the rate keeps its price.
_ON_CHANGE: dict[str, Callable[[], None]] = {"unit": _on_unit_change, "method": _on_method_change}


def rerun_results() -> None:
    """On the home page, a value that no other widget depends on reruns only the results.

    The sidebar and the proposal editor look the same whatever the principal or a lever
    is, so only the results fragment (``app.py``) needs drawing again: the browser then
    redraws the cards and charts without re-rendering some forty unchanged widgets.
    """
    st.rerun(RESULTS_FRAGMENT)


def sidebar(lang: Lang, on_value_change: Callable[[], None] | None = None) -> dict[str, Any]:
    """The loan, the overdue position, the budget and the assumptions, in the sidebar.

    ``on_value_change`` is the callback of every widget that has none of its own (the rate's
    unit and the method keep each other consistent and need the whole page drawn again).
    """
    values = current_values()
    st.session_state.setdefault("_unit_before", values["unit"])
    bar = st.sidebar
    bar.subheader(t("sidebar.loan", lang))
    for param in LOAN_PARAMS:
        if param.key == "basis" and values["unit"] != "daily":
            continue
        draw(param, lang, values, bar, on_change=_ON_CHANGE.get(param.key, on_value_change))
    with bar.expander(
        t("sidebar.overdue", lang), expanded=values["days"] > 0 or values["overdue"] > 0
    ):
        for param in OVERDUE_PARAMS:
            draw(param, lang, values, st, on_change=on_value_change)
    bar.subheader(t("sidebar.borrower", lang))
    for param in BORROWER_PARAMS:
        draw(param, lang, values, bar, on_change=_ON_CHANGE.get(param.key, on_value_change))
    with bar.expander(t("sidebar.assumptions", lang)):
        for param in ASSUMPTION_PARAMS:
            draw(param, lang, values, st, on_change=on_value_change)
    return current_values()


def proposals(
    lang: Lang, values: Mapping[str, Any], on_value_change: Callable[[], None] | None = None
) -> None:
    """The proposal editors: how many, then one tab each with presets and levers.

    Each lever calls ``on_value_change``; the count and the presets redraw the whole page.
    """
    st.subheader(t("proposals.title", lang))
    draw(COUNT_PARAM, lang, values)
    count = int(st.session_state.get(COUNT_PARAM.key, COUNT_PARAM.default))
    if count == 0:
        st.caption(t("proposals.none", lang))
        return
    tabs = st.tabs([t("proposal.tab", lang, number=n) for n in range(1, count + 1)])
    for number, tab in enumerate(tabs, start=1):
        with tab:
            st.pills(
                t("preset.label", lang),
                options=presets.PRESETS,
                format_func=lambda name: t(f"preset.{name}", lang),
                key=f"_preset_{number}",
                on_change=_load_preset,
                args=(number, lang),
            )
            params = PROPOSAL_PARAMS[number - 1]
            main = [p for p in params if lever(p) in MAIN_LEVERS]
            more = [p for p in params if lever(p) not in MAIN_LEVERS]
            _two_columns(main, lang, values, on_value_change)
            with st.expander(t("proposal.more", lang)):
                _two_columns(more, lang, values, on_value_change)


def _two_columns(
    params: list[Param],
    lang: Lang,
    values: Mapping[str, Any],
    on_value_change: Callable[[], None] | None,
) -> None:
    """Levers two to a row; a row per pair keeps their order when a phone stacks them."""
    for start in range(0, len(params), 2):
        for column, param in zip(st.columns(2), params[start : start + 2], strict=False):
            draw(param, lang, values, column, on_change=on_value_change)


@guarded
def _load_preset(number: int, lang: Lang) -> None:
    name = st.session_state.get(f"_preset_{number}")
    st.session_state[f"_preset_{number}"] = None
    if not name:
        return
    values = current_values()
    st.session_state.update(presets.preset_values(name, number, values))
    if name == "illness":
        income = presets.illness_income(values)
        st.session_state["income"] = income
        st.toast(t("preset.illness_note", lang, income=yuan_number(income)))
