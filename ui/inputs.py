"""The widgets: drawn from ``ui.registry``, kept across pages, mirrored in the share link.

State lives in the widgets' own session state (keys = link parameters). On a session's
first run the link is read once: good values seed the widgets, bad ones are listed for
the borrower. At the end of every run the link is rewritten from the widgets, so
copying the address bar shares the exact comparison. Widgets are keyed with
``persist_state="session"`` so their values survive a visit to another page, and a run
that does not draw them: a folded group (the sidebar's overdue, assumptions and real-bill
groups, each proposal's further levers, the home page's "your numbers" form) draws its
widgets only while it is open (an expander with ``on_change="rerun"``), which spares a page
load or a language switch some forty widgets.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from core import Method, Proposal, RateUnit
from core.models import EARLIEST_DATE, monthly_rate, rate_in_unit
from core.text import Lang, t
from ui import long_links, presets, state, undo
from ui.boundary import guarded
from ui.format import literal, yuan_number
from ui.lenders import LENDER_KEYS, Lender, labels, own_values
from ui.link import (
    DROPPED_PARAM,
    LinkProblem,
    dropped_link,
    lenders_link_params,
    link_params,
    parse_value,
    read_lenders,
    read_link,
)
from ui.registry import (
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
    Key,
    Param,
    blank_value,
    bounds,
    default,
    unit_of,
)
from ui.values import case_from_values, proposal_values

RESULTS_FRAGMENT = "results"  # the home page's results: see ``rerun_results``
_LENDER_SWITCH = "_lender_switch"  # the sidebar's choice of the lender being worked on

# A link too long for Streamlit to read becomes one the page reads, and says (see there).
long_links.install()


def keep_state() -> None:
    """Start every run: seed from the link once, then hand each value back to its widget.

    A widget first drawn on another page ignores the value its key held on the last
    page (it counts as another widget's state) and proposal widgets not drawn on a page
    would be cleaned away; assigning each key again through the API makes the value the
    borrower's own, which every page's widget then shows.
    """
    if not st.session_state.get(state.SEEDED):
        seed_from_link()
    elif DROPPED_PARAM in st.query_params:
        note_dropped_link()
    for param in ALL_PARAMS:
        if param.key in st.session_state:
            st.session_state[param.key] = st.session_state[param.key]


def seed_from_link() -> None:
    """On a session's first run: read the link into the widgets' state."""
    query, dropped = dropped_link({key: st.query_params.get_all(key) for key in st.query_params})
    values, problems = read_link(query)
    if dropped is not None:  # the whole link was too long to read: said first
        problems.insert(0, dropped)
    lang_values = query.get(LANG_PARAM.key) or []
    if lang_values:
        lang, problem = parse_value(LANG_PARAM, lang_values[0], {})
        if problem is None:
            st.session_state[LANG_PARAM.key] = lang
            st.session_state[state.LANG_CHOSEN] = True
        else:
            problems.append(LinkProblem(LANG_PARAM.key, problem.value, "lang"))
    linked = read_lenders(query)
    problems += linked.problems
    apply_values(values)
    if len(linked.places) > 1:
        lenders = linked.lenders(values)
        state.store_lenders(lenders, linked.active)
    if values or len(linked.places) > 1:  # a shared case: the borrower's numbers are in
        st.session_state[state.SITUATION_DONE] = True
    st.session_state[state.LINK_PROBLEMS] = problems
    st.session_state[state.SEEDED] = True


def note_dropped_link() -> None:
    """On a later run, a link too long to read (a client may send one with any rerun) is said
    too, once; the address is written afresh at the end of the run, and nothing entered changes."""
    _, dropped = dropped_link({key: st.query_params.get_all(key) for key in st.query_params})
    problems: list[LinkProblem] = st.session_state.get(state.LINK_PROBLEMS) or []
    if dropped is not None and dropped not in problems:
        st.session_state[state.LINK_PROBLEMS] = [dropped, *problems]


def apply_values(values: Mapping[str, Any]) -> None:
    """Every input from ``values`` (a link's or a case file's), the rest at their defaults."""
    for param in ALL_PARAMS:
        st.session_state[param.key] = values.get(param.key, default(param, values))
    st.session_state[state.UNIT_BEFORE] = unit_of(values)


def current_values() -> dict[str, Any]:
    """Every input's current value (the widgets' state, defaults where a key is missing)."""
    values: dict[str, Any] = {}
    for param in ALL_PARAMS:
        values[param.key] = st.session_state.get(param.key, default(param, values))
    return values


def all_lenders() -> tuple[Lender, ...]:
    """Every lender, the one being worked on with the values its widgets hold now."""
    stored = state.stored_lenders()
    current = Lender(
        stored[state.active_lender()].id if stored else 1, own_values(current_values())
    )
    if not stored:
        return (current,)
    active = state.active_lender()
    return (*stored[:active], current, *stored[active + 1 :])


def open_lender(index: int) -> None:
    """Work on lender ``index``: the one in the widgets goes back to the list, this one in."""
    lenders = all_lenders()
    state.store_lenders(lenders, index)
    _write_widgets(lenders[index])


def store_all(lenders: Sequence[Lender], active: int) -> None:
    """Keep ``lenders``, with lender ``active`` in the widgets (its values written to them)."""
    state.store_lenders(lenders, active)
    _write_widgets(lenders[active])


def _write_widgets(lender: Lender) -> None:
    for key in LENDER_KEYS:
        st.session_state[key] = lender.values.get(key, default(BY_KEY[key], lender.values))
    st.session_state[state.UNIT_BEFORE] = unit_of(lender.values)


def lender_switch(lang: Lang, where: Any = None, key: str = _LENDER_SWITCH) -> None:
    """With more than one lender, which one the page works on (in the sidebar by default)."""
    lenders = all_lenders()
    if len(lenders) < 2:
        return
    names = labels(lenders, lang)
    st.session_state[key] = state.active_lender()
    (where if where is not None else st.sidebar).selectbox(
        t("lenders.working_on", lang),
        placeholder=t("select.placeholder", lang),
        options=range(len(lenders)),
        format_func=names.__getitem__,
        key=key,
        on_change=_on_lender_switch,
        args=(key,),
    )


@guarded
def _on_lender_switch(key: str) -> None:
    open_lender(int(st.session_state[key]))


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
    st.session_state[state.LANG_CHOSEN] = True


def write_link(values: Mapping[str, Any], lang: Lang) -> None:
    """Mirror the inputs in the address bar (only values that differ from their default)."""
    params = link_params(values) | lenders_link_params(all_lenders(), state.active_lender())
    if st.session_state.get(state.LANG_CHOSEN):
        params[LANG_PARAM.key] = lang
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != {key: [value] for key, value in params.items()}:  # a repeated key too
        st.query_params.from_dict(params)


def problem_line(problem: LinkProblem, lang: Lang) -> str:
    """One ignored value (from a link or a case file) as Markdown: what, the value, why.

    The value and an unknown key are the visitor's text, shown literally. A problem of the
    whole link (it was too long to read) is one sentence of its own.
    """
    if problem.whole:
        return t("link." + problem.reason, lang, **problem.context)
    param = BY_KEY.get(problem.key)
    name = literal(problem.key) if param is None else t(param.label_key, lang)
    if problem.lender is not None:  # a value of another lender in the link
        name = t("link.of_lender", lang, name=name, place=problem.lender)
    reason = t("link." + problem.reason, lang, **problem.context)
    return t("link.item", lang, name=name, value=literal(problem.value), reason=reason)


def link_problems(lang: Lang) -> None:
    """Say which link values were ignored and why, until the borrower dismisses it."""
    problems: list[LinkProblem] = st.session_state.get(state.LINK_PROBLEMS) or []
    if not problems:
        return
    parts = [problem_line(p, lang) for p in problems if p.whole]  # the whole link first
    named = [p for p in problems if not p.whole]
    if named:
        lines = [t("link.intro", lang), *("- " + problem_line(p, lang) for p in named)]
        parts.append("\n".join(lines))
    with st.container(border=True):
        st.warning("\n\n".join(parts))
        if st.button(t("link.dismiss", lang), key="_dismiss_link_problems"):
            st.session_state[state.LINK_PROBLEMS] = []
            st.rerun()


def draw(
    param: Param,
    lang: Lang,
    values: Mapping[str, Any],
    where: Any = None,
    on_change: Callable[[], None] | None = None,
    *,
    key: str | None = None,
    typed: bool = False,
    empty: bool = False,
) -> None:
    """Draw one input's widget (in ``where``, the sidebar or a column) from its row.

    ``key`` draws it under another key than its own (a form's copy of the input);
    ``typed`` draws a slider as a box to type into; ``empty`` lets a number box start
    empty (a form that asks for the borrower's own figure).
    """
    target = where if where is not None else st
    label = t(param.label_key_for(unit_of(values)), lang)
    common: dict[str, Any] = {"key": key or param.key, "help": t(param.help_key, lang)}
    if key is None:
        common |= {"persist_state": "session", "on_change": on_change}
    low, high, step = bounds(param, values)
    if param.widget == "slider" and not typed:
        target.slider(
            label,
            min_value=_num(param, low),
            max_value=_num(param, high),
            step=_num(param, step),
            format=param.fmt,
            **common,
        )
    elif param.widget in ("number", "slider"):
        extra: dict[str, Any] = {"value": None} if param.optional or empty else {}
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
            label,
            options=param.choices,
            format_func=_choice_label(param, lang),
            placeholder=t("select.placeholder", lang),
            **common,
        )
    elif param.widget == "checkbox":
        target.checkbox(label, **common)
    elif param.widget == "text":
        target.text_input(label, max_chars=int(param.maximum or 0) or None, **common)
    elif param.widget == "date":
        target.date_input(label, min_value=EARLIEST_DATE, max_value=dt.date.today(), **common)


def _num(param: Param, value: float | None) -> Any:
    if value is None:
        return None
    return int(value) if param.integer else float(value)


def _choice_label(param: Param, lang: Lang) -> Callable[[Any], str]:
    prefix = param.choice_prefix
    if prefix is None:
        return str
    return lambda code: t(f"{prefix}.{code}", lang)


@guarded
def _on_unit_change() -> None:
    """Convert the rate to the new unit so the loan's price stays the same."""
    values = st.session_state
    new_unit = values[Key.UNIT]
    old_unit = values.get(state.UNIT_BEFORE, RateUnit.APR.value)
    basis = BY_KEY[Key.BASIS].model_value(values.get(Key.BASIS, BY_KEY[Key.BASIS].default))
    rate = float(values.get(Key.RATE, RATE_BOUNDS[old_unit][3]))
    converted = rate_in_unit(monthly_rate(rate, old_unit, basis), new_unit, basis)
    low, high, step, _ = RATE_BOUNDS[new_unit]
    values[Key.RATE] = round(min(max(converted, low), high) / step) * step
    if new_unit == RateUnit.FLAT_MONTHLY_FEE:
        values[Key.METHOD] = Method.FLAT_FEE.value
    elif values.get(Key.METHOD) == Method.FLAT_FEE:
        values[Key.METHOD] = Method.EQUAL_INSTALLMENT.value
    values[state.UNIT_BEFORE] = new_unit


@guarded
def _on_method_change() -> None:
    """The flat-fee method and the flat-fee unit go together."""
    values = st.session_state
    flat_method = values[Key.METHOD] == Method.FLAT_FEE
    flat_unit = values.get(Key.UNIT) == RateUnit.FLAT_MONTHLY_FEE
    if flat_method and not flat_unit:
        values[state.UNIT_BEFORE] = values.get(Key.UNIT, RateUnit.APR.value)
        values[Key.UNIT] = RateUnit.FLAT_MONTHLY_FEE.value
        _on_unit_change()
    elif flat_unit and not flat_method:
        values[state.UNIT_BEFORE] = RateUnit.FLAT_MONTHLY_FEE.value
        values[Key.UNIT] = RateUnit.MONTHLY.value
        _on_unit_change()


def _redraw_page() -> None:
    """A value that changes which widgets the sidebar draws: the whole page runs again (a
    callback that asks for no narrower rerun leaves the default, a whole run)."""


# Rate unit and method keep each other consistent, and the rate keeps its price; who lent
# the money decides whether the contract date is asked for.
_ON_CHANGE: dict[str, Callable[[], None]] = {
    Key.UNIT: _on_unit_change,
    Key.METHOD: _on_method_change,
    Key.LENDER: _redraw_page,
}


def shown(param: Param, values: Mapping[str, Any]) -> bool:
    """Whether the sidebar draws ``param`` for these values: an input only for one rate
    unit or one kind of lender is left out otherwise (the contract date, which only the
    private-lending line uses, then costs a load no date picker). Its value is kept."""
    if param.only_for_unit is not None and unit_of(values) != param.only_for_unit:
        return False
    lender = values.get(Key.LENDER)
    kind = getattr(lender, "value", lender)
    return param.only_for_lender is None or kind == param.only_for_lender


def rerun_results() -> None:
    """On the home page, a value that no other widget depends on reruns only the results.

    The sidebar and the proposal editor look the same whatever the principal or a lever
    is, so only the results fragment (``app.py``) needs drawing again: the browser then
    redraws the cards and charts without re-rendering some forty unchanged widgets.
    When the results have not been drawn yet (the last run stopped before them), the
    whole page runs, as after any other change.
    """
    try:
        st.rerun(RESULTS_FRAGMENT)
    except StreamlitAPIException:
        pass  # no such fragment on the page yet: the default, a full run


def sidebar(lang: Lang, on_value_change: Callable[[], None] | None = None) -> dict[str, Any]:
    """The loan, the overdue position, the budget and the assumptions, in the sidebar.

    ``on_value_change`` is the callback of every widget that has none of its own (the rate's
    unit and the method keep each other consistent and need the whole page drawn again).
    """
    values = current_values()
    st.session_state.setdefault(state.UNIT_BEFORE, unit_of(values))
    bar = st.sidebar
    bar.subheader(t("sidebar.loan", lang))
    for param in LOAN_PARAMS:
        if param.group != "loan" or not shown(param, values):
            continue
        draw(param, lang, values, bar, on_change=_ON_CHANGE.get(param.key, on_value_change))
    real_bill(lang, values)
    overdue_entered = values[Key.DAYS] > 0 or values[Key.OVERDUE] > 0
    with bar.expander(
        t("sidebar.overdue", lang),
        expanded=overdue_entered,
        key=state.FOLD_OVERDUE,
        on_change="rerun",
    ) as box:
        for param in OVERDUE_PARAMS if box.open else ():
            draw(param, lang, values, st, on_change=on_value_change)
    bar.subheader(t("sidebar.borrower", lang))
    for param in BORROWER_PARAMS:
        draw(param, lang, values, bar, on_change=_ON_CHANGE.get(param.key, on_value_change))
    with bar.expander(
        t("sidebar.assumptions", lang), key=state.FOLD_ASSUMPTIONS, on_change="rerun"
    ) as box:
        for param in ASSUMPTION_PARAMS if box.open else ():
            draw(param, lang, values, st, on_change=on_value_change)
    return current_values()


def real_bill(lang: Lang, values: Mapping[str, Any]) -> None:
    """The real bill, optional and folded away: what the loan lent at the start, what was
    paid out, and over how many months.

    Open when any of it is set, or when a flat-fee loan needs its original principal (the
    note says why). A change reruns the whole page, so the note follows it at once.
    """
    bill = [param for param in LOAN_PARAMS if param.group == "bill"]
    built = case_from_values(values)
    base_unknown = built.case is not None and built.case.loans[0].loan.flat_fee_base_unknown
    entered = any(values.get(param.key) is not None for param in bill)
    if base_unknown:  # the note inside says why it is needed: open, whatever it was
        st.session_state[state.FOLD_BILL] = True
    with st.sidebar.expander(
        t("sidebar.real_bill", lang),
        expanded=entered or base_unknown,
        key=state.FOLD_BILL,
        on_change="rerun",
    ) as box:
        if not box.open:  # folded: nothing in it is drawn (its values are kept)
            return
        st.caption(t("bill.intro", lang))
        if base_unknown:
            st.warning(t("bill.flat_fee_base", lang))
        for param in bill:
            draw(param, lang, values, st)


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
                key=f"{state.PRESET_PREFIX}{number}",
                on_change=_load_preset,
                args=(number, lang),
            )
            params = PROPOSAL_PARAMS[number - 1]
            main = [p for p in params if p.name in MAIN_LEVERS]
            more = [p for p in params if p.name not in MAIN_LEVERS]
            _two_columns(main, lang, values, on_value_change)
            with st.expander(
                t("proposal.more", lang),
                key=f"{state.FOLD_MORE_PREFIX}{number}",
                on_change="rerun",
            ) as box:
                if box.open:  # folded, its levers are not drawn (their values are kept)
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
            change = on_value_change
            if param.alternative_key is not None:
                change = functools.partial(
                    _keep_the_one_set, param.key, param.alternative_key, on_value_change
                )
            draw(param, lang, values, column, on_change=change)


@guarded
def _keep_the_one_set(
    key: str, other: str, on_value_change: Callable[[], None] | None = None
) -> None:
    """Two inputs for one idea (a new term, or months added): the one set last wins.

    Emptying the other changes the editor, so the whole page runs again; when the other
    was empty already, the value goes on as any other lever's (``on_value_change``).
    """
    blank = blank_value(BY_KEY[other])
    if BY_KEY[key].model_value(st.session_state.get(key)) is None:
        pass  # emptied: the other stays as it is
    elif st.session_state.get(other, blank) != blank:
        st.session_state[other] = blank
        return
    if on_value_change is not None:
        on_value_change()


def load_proposal(proposal: Proposal, number: int) -> None:
    """Write ``proposal`` into proposal ``number``'s widgets, and show that many proposals."""
    st.session_state.update(proposal_values(proposal, number))
    if int(st.session_state.get(COUNT_PARAM.key, COUNT_PARAM.default)) < number:
        st.session_state[COUNT_PARAM.key] = str(number)


@guarded
def _load_preset(number: int, lang: Lang) -> None:
    key = f"{state.PRESET_PREFIX}{number}"
    name = st.session_state.get(key)
    st.session_state[key] = None
    if not name:
        return
    values = current_values()
    if name == "illness":
        budget = presets.illness_budget(values)
        undo.remember(
            "illness",
            number=number,
            income=yuan_number(budget[Key.INCOME]),
            before=yuan_number(values[Key.INCOME]),
            later=yuan_number(float(budget.get(Key.LATER, values.get(Key.LATER)) or 0)),
            month=budget.get(Key.LATER_MONTH, values.get(Key.LATER_MONTH)),
        )
        # The plan is solved under the budget the case sets, so it fits that budget.
        st.session_state.update(budget)
        st.session_state.update(presets.preset_values(name, number, {**values, **budget}))
    else:
        undo.remember("preset", number=number, name_key=f"preset.{name}")
        st.session_state.update(presets.preset_values(name, number, values))
