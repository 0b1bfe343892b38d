"""The lenders page's widgets: the list of debts, the form for one lender, the split.

The list is ``ui.lenders`` (pure) kept in the session (``ui.state.LENDERS``); the split is
``core.split``. The lender being worked on is the one in the sidebar's widgets.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import streamlit as st
from pydantic import ValidationError

from core import Lawsuit, RateUnit
from core.legal import MALICIOUS_OVERDRAFT_AMOUNT
from core.models import MAX_LOANS
from core.overdue import overdue_position
from core.prepay import Prepayment, prepay
from core.split import AllLenders, LenderPlan, Strategy, plan_all
from core.text import Lang, explain_validation_error, t
from ui import state
from ui.boundary import guarded
from ui.charts import split_owed_figure, split_payments_figure
from ui.format import money, percent, plain
from ui.inputs import all_lenders, draw, store_all
from ui.lenders import BuiltAll, Lender, can_add, labels, next_id
from ui.live_chart import live_chart
from ui.nav import HOME_PAGE, LETTER_PAGE
from ui.registry import (
    BY_KEY,
    LENDER_PARAMS,
    RATE_BOUNDS,
    Key,
    Param,
    default,
)
from ui.results import show_table
from ui.tables import (
    csv_bytes,
    display_split_table,
    lender_table,
    plan_csv_table,
    schedule_table,
    split_table,
)
from ui.values import case_from_values

_FORM = "_lender_edit"
_FIELD = "_lf_"  # a form field's key: this prefix and the input's own key
NEW = "new"

# The form: what tells the lender apart and what not paying it costs, then the loan as it
# stands, then the rest of the overdue position (under "more").
FIRST_FIELDS: tuple[Param, ...] = tuple(
    BY_KEY[key]
    for key in (
        *(p.key for p in LENDER_PARAMS),
        Key.PRINCIPAL,
        Key.UNIT,
        Key.RATE,
        Key.METHOD,
        Key.MONTHS,
        Key.LENDER,
        Key.SIGNED,
        Key.DAYS,
        Key.OVERDUE,
    )
)
MORE_FIELDS: tuple[Param, ...] = tuple(
    BY_KEY[key]
    for key in (
        "mfee",
        Key.BASIS,
        "penalty",
        "charges",
        "mcharge",
        "mult",
        "orig",
        "recv",
        "origterm",
    )
)
FORM_FIELDS = (*FIRST_FIELDS, *MORE_FIELDS)
# In the form the unit may change with the rate, so the rate takes the widest bounds and is
# checked against its unit's when the form is sent.
_WIDEST_RATE = {Key.UNIT: RateUnit.APR.value}


def overview(results: dict[Strategy, AllLenders], lang: Lang) -> None:
    """Total owed, due each month under the contracts, overdue, against what can be paid."""
    if not results:
        return
    result = results[Strategy.PRO_RATA]  # the figures here are the same under any strategy
    positions = [plan.ladder.comparison.position for plan in result.lenders]
    owed = sum(p.total for p in positions)
    overdue = sum(p.total - p.not_yet_due_principal for p in positions)
    due = sum(plan.ladder.comparison.contract.summary.highest_payment for plan in result.lenders)
    budget = result.budget
    columns = st.columns(4)
    columns[0].metric(t("lenders.owed", lang), money(owed))
    columns[1].metric(t("lenders.due", lang), money(due))
    columns[2].metric(t("lenders.overdue", lang), money(overdue))
    columns[3].metric(t("lenders.can_pay", lang), money(budget.monthly))
    st.caption(t("lenders.cash_now", lang, cash=money(budget.at_signing)))


def lender_list(built: BuiltAll, lenders: tuple[Lender, ...], lang: Lang) -> None:
    """A card per lender with its figures and what can be done with it, then "add"."""
    names = markdown_labels(lenders, lang)
    active = state.active_lender() if len(lenders) > 1 else 0
    for index, lender in enumerate(lenders):
        with st.container(border=True):
            shown_active = len(lenders) > 1 and index == active
            _lender_card(index, lender, names[index], built, lang, active=shown_active)
            edit, work, remove = st.columns(3)
            _action(edit, t("lenders.edit", lang), f"_lender_edit_{lender.id}", _open_form, index)
            _action(
                work,
                t("lenders.work_on", lang),
                f"_lender_work_{lender.id}",
                _work_on,
                index,
                primary=index == active,
            )
            _remove_button(remove, index, lender, len(lenders), lang)
    if can_add(lenders):
        st.button(t("lenders.add", lang), key="_lender_add", on_click=_open_form, args=(NEW,))
    else:
        st.info(t("lenders.full", lang, most=len(lenders)))


def _lender_card(
    index: int, lender: Lender, name: str, built: BuiltAll, lang: Lang, *, active: bool
) -> None:
    marks = [t("lenders.active", lang)] if active else []
    st.markdown(f"**{name}**" + ("  \n" + " · ".join(marks) if marks else ""))
    errors = built.errors.get(index)
    if errors:
        for error in errors.values():
            for message in explain_validation_error(error, lang):
                st.error(message)
        return
    case = built.case
    if case is None or index not in built.included:
        return
    loan = case.loans[built.included.index(index)].loan
    position = overdue_position(loan)
    facts = [
        t("lenders.card.owed", lang, amount=money(position.total)),
        t(f"lender_type.{loan.lender_type.value}", lang),
        t("lenders.card.bureau", lang, answer=t(f"bureau.{loan.reports_to_bureau.value}", lang)),
    ]
    if loan.days_overdue:
        facts.append(t("lenders.card.days", lang, days=loan.days_overdue))
    if loan.lawsuit is not Lawsuit.NONE:
        facts.append(t(f"lawsuit.{loan.lawsuit.value}", lang))
    st.caption(" · ".join(facts))


def _remove_button(column: Any, index: int, lender: Lender, count: int, lang: Lang) -> None:
    waiting = st.session_state.get(state.LENDER_REMOVING) == lender.id
    column.button(
        t("lenders.remove_sure" if waiting else "lenders.remove", lang),
        key=f"_lender_remove_{lender.id}",
        on_click=_remove,
        args=(index, lender.id),
        disabled=count < 2,
        help=t("lenders.keep_one", lang) if count < 2 else None,
        width="stretch",
    )


@guarded
def _remove(index: int, lender_id: int) -> None:
    """The first click asks again; the second removes the lender."""
    if st.session_state.get(state.LENDER_REMOVING) != lender_id:
        st.session_state[state.LENDER_REMOVING] = lender_id
        return
    st.session_state[state.LENDER_REMOVING] = None
    lenders = list(all_lenders())
    active = state.active_lender() if len(lenders) > 1 else 0
    del lenders[index]
    if active > index or active >= len(lenders):
        active = max(active - 1, 0)
    store_all(lenders, active)


@guarded
def _work_on(index: int) -> None:
    store_all(all_lenders(), index)
    st.session_state[state.GO_TO] = HOME_PAGE


@guarded
def _open_form(index: int | str) -> None:
    """Fill the form with the lender's values (or a new lender's defaults) and open it."""
    lenders = all_lenders()
    values: dict[str, Any] = {} if index == NEW else dict(lenders[int(index)].values)
    for param in FORM_FIELDS:
        st.session_state[_FIELD + param.key] = values.get(param.key, default(param, values))
    st.session_state[state.LENDER_FORM] = index
    st.session_state[state.LENDER_FORM_ERROR] = None


def form(lang: Lang) -> None:
    """The form for one lender: amounts typed, the rest chosen; sent whole or not at all."""
    editing = st.session_state.get(state.LENDER_FORM)
    if editing is None:
        return
    lenders = all_lenders()
    title = (
        t("lenders.form.new", lang)
        if editing == NEW
        else t("lenders.form.edit", lang, name=markdown_labels(lenders, lang)[int(editing)])
    )
    st.subheader(title)
    # No "Press Enter to submit form" hint (Streamlit writes it in English only): the
    # buttons send the form.
    with st.form(_FORM, clear_on_submit=False, enter_to_submit=False):
        for param in FIRST_FIELDS:
            _field(param, lang)
        with st.expander(t("lenders.form.more", lang)):
            for param in MORE_FIELDS:
                _field(param, lang)
        save, cancel = st.columns(2)
        save.form_submit_button(
            t("lenders.form.save", lang), on_click=_save, type="primary", width="stretch"
        )
        cancel.form_submit_button(t("lenders.form.cancel", lang), on_click=_close, width="stretch")
    error = st.session_state.get(state.LENDER_FORM_ERROR)
    if error:
        st.error("\n".join(error))


def _field(param: Param, lang: Lang) -> None:
    values = _WIDEST_RATE if param.by_unit is not None else {}
    draw(param, lang, values, key=_FIELD + param.key, typed=True)


@guarded
def _close() -> None:
    st.session_state[state.LENDER_FORM] = None
    st.session_state[state.LENDER_FORM_ERROR] = None


@guarded
def _save() -> None:
    """Check the form's values as a loan; keep them in the list, or say what is wrong."""
    editing = st.session_state.get(state.LENDER_FORM)
    lang = state.language()
    typed = {param.key: st.session_state.get(_FIELD + param.key) for param in FORM_FIELDS}
    problems = _check(typed, lang)
    if problems:
        st.session_state[state.LENDER_FORM_ERROR] = problems
        return
    lenders = list(all_lenders())
    active = state.active_lender() if len(lenders) > 1 else 0
    if editing == NEW and can_add(lenders):
        lenders.append(Lender(next_id(lenders), typed))
    elif isinstance(editing, int) and 0 <= editing < len(lenders):
        kept = lenders[editing]
        lenders[editing] = Lender(kept.id, dict(kept.values) | typed)
    elif editing == NEW:  # the list filled up under the form: say so, keep what was typed
        st.session_state[state.LENDER_FORM_ERROR] = [t("lenders.full", lang, most=MAX_LOANS)]
        return
    else:  # that lender was removed meanwhile: nothing to save it to
        st.session_state[state.LENDER_FORM] = None
        return
    store_all(lenders, active)
    st.session_state[state.LENDER_FORM] = None
    st.session_state[state.LENDER_FORM_ERROR] = None


def _check(typed: dict[str, Any], lang: Lang) -> list[str]:
    """What stops the typed values from being a loan, in the borrower's words."""
    unit = str(typed.get(Key.UNIT) or RateUnit.APR.value)
    low, high, _, _ = RATE_BOUNDS[unit]
    rate = typed.get(Key.RATE)
    if rate is None or not low <= float(rate) <= high:
        label = t(BY_KEY[Key.RATE].label_key_for(unit), lang)
        return [t("lenders.form.rate", lang, label=label, low=f"{low:g}", high=f"{high:g}")]
    built = case_from_values(typed)
    error: ValidationError | None = built.errors.get("loan")
    if error is None:
        return []
    return explain_validation_error(error, lang)


def plans(built: BuiltAll) -> dict[Strategy, AllLenders]:
    """Every lender planned under each strategy (nothing when no lender is valid)."""
    if built.case is None:
        return {}
    return {strategy: plan_all(built.case, strategy) for strategy in Strategy}


def markdown_labels(lenders: tuple[Lender, ...], lang: Lang) -> list[str]:
    """The lenders' labels for Markdown: a name the borrower typed is shown literally."""
    return [
        plain(label) if lender.values.get(Key.NAME) else label
        for lender, label in zip(lenders, labels(lenders, lang), strict=True)
    ]


def result_names(result: AllLenders, built: BuiltAll, names: list[str]) -> list[str]:
    """The label of each planned lender (the case holds the valid lenders only)."""
    return [names[built.included[plan.index]] for plan in result.lenders]


def chosen_strategy(lang: Lang) -> Strategy:
    """The strategy the borrower looks at, with its rule said in a sentence."""
    choice = st.segmented_control(
        t("split.strategy", lang),
        options=[s.value for s in Strategy],
        format_func=lambda value: t(f"split.strategy.{value}", lang),
        default=Strategy.PRO_RATA.value,
        required=True,
        key=state.STRATEGY,
    )
    strategy = Strategy(choice or Strategy.PRO_RATA.value)
    overdraft = MALICIOUS_OVERDRAFT_AMOUNT
    rule = t(
        f"split.rule.{strategy.value}",
        lang,
        amount=money(overdraft.amount_fen),
        source=f"{format(overdraft.source, lang)}, {overdraft.effective.isoformat()}",
    )
    st.caption(rule)
    return strategy


def split_view(
    results: dict[Strategy, AllLenders], built: BuiltAll, lenders: tuple[Lender, ...], lang: Lang
) -> None:
    """Strategies side by side, then each lender's share, ask and plan under the chosen one."""
    if not results:
        return
    st.subheader(t("split.title", lang))
    show_table(display_split_table(split_table(results, lang), lang))
    strategy = chosen_strategy(lang)
    result = results[strategy]
    config = {"displayModeBar": False, "responsive": True}
    if result.totals.hardship:  # nothing to share: what doing nothing costs is what to show
        st.warning(t("split.hardship", lang))
        figure = split_owed_figure(results, lang, with_plans=False)
        live_chart(figure, config, key="chart_split_nothing", lang=lang)
        return
    names = result_names(result, built, labels(lenders, lang))
    show_table(lender_table(result, names, lang))  # every cell escaped
    result = with_left_over_used(result, lang)
    # Plotly reads tags in legend text: the names go in escaped, so they show as typed.
    escaped = [html.escape(name) for name in names]
    # Kept on the page and redrawn in place when the figures change (ui.live_chart).
    payments = split_payments_figure(result, escaped, lang)
    live_chart(payments, config, key="chart_split_payments", lang=lang)
    live_chart(split_owed_figure(results, lang), config, key="chart_split_owed", lang=lang)
    table = plan_csv_table(result, names, lang)  # csv_bytes quotes a name a spreadsheet would run
    st.download_button(
        t("split.download", lang),
        data=csv_bytes(table),
        file_name=f"plan-{strategy.value}.csv",
        mime="text/csv",
        on_click="ignore",
        key="_split_download",
    )
    st.subheader(t("split.asks", lang))
    for plan, name in zip(
        result.lenders, result_names(result, built, markdown_labels(lenders, lang)), strict=True
    ):
        index = built.included[plan.index]
        # Drawn only while open: twelve ladders and schedules would slow every run.
        key = f"_ask_open_{lenders[index].id}"
        with st.expander(t("split.ask_for", lang, name=name), key=key, on_change="rerun") as box:
            if box.open:
                _asks(plan, index, lang)


def with_left_over_used(result: AllLenders, lang: Lang) -> AllLenders:
    """The borrower's choice of what the money left each month does, and what it changes:
    the plans' months as paid with it (for the chart and the CSV)."""
    choice = st.segmented_control(
        t("split.extra", lang),
        options=[c.value for c in Prepayment],
        format_func=lambda value: t(f"split.extra.{value}", lang),
        default=Prepayment.NOT_AT_ALL.value,
        required=True,
        key=state.PREPAYMENT,
    )
    chosen = Prepayment(choice or Prepayment.NOT_AT_ALL.value)
    st.caption(t(f"split.extra.rule.{chosen.value}", lang))
    if chosen is Prepayment.NOT_AT_ALL:
        return result
    prepaid = prepay(result, chosen)
    totals = prepaid.totals
    st.success(
        t(
            "split.extra.result",
            lang,
            date=totals.debt_free_on.isoformat(),
            months=totals.months_to_clear,
            sooner=totals.months_sooner,
            saved=money(totals.interest_saved),
        )
    )
    return replace(result, months=prepaid.months)


def _asks(plan: LenderPlan, index: int, lang: Lang) -> None:
    """One lender's ladder, solved from its share, and the ways on from it."""
    share = t(
        "split.share", lang, monthly=money(plan.share.monthly), cash=money(plan.share.at_signing)
    )
    if plan.share.later is not None:
        later = money(plan.share.later)
        share += t("split.share_later", lang, month=plan.share.later_from_month, later=later)
    st.caption(t(f"split.consequence.{plan.consequence.name.lower()}", lang) + " · " + share)
    ladder = plan.ladder
    if not ladder.offers:
        st.warning(t("split.no_plan", lang, gap=money(plan.shortfall), months=ladder.months))
    else:
        lines = []
        for offer in ladder.offers:
            s = offer.summary
            pause = offer.proposal.holiday_months
            lines.append(
                t(
                    "split.rung",
                    lang,
                    rung=t(f"ladder.{offer.rung.value}", lang)
                    + (t("split.pause", lang, months=pause) if pause else ""),
                    payment=money(s.highest_payment),
                    months=s.months_to_finish,
                    rate=percent(offer.proposal.new_apr or 0.0, lang),
                    total=money(s.total_paid),
                    pv=money(s.lender_pv),
                    recovery=money(s.default_recovery_pv),
                )
            )
        st.markdown("\n".join("- " + line for line in lines))
    if plan.plan is not None:  # the plan its share supports, month by month
        st.caption(t("split.schedule", lang))
        st.dataframe(schedule_table(plan.plan, lang), hide_index=True, width="stretch", height=240)
    work, letter = st.columns(2)
    _action(work, t("lenders.work_on", lang), f"_split_work_{index}", _work_on, index)
    _action(letter, t("split.letter", lang), f"_split_letter_{index}", _write_letter, index)


def _action(
    where: Any,
    label: str,
    key: str,
    callback: Callable[[Any], None],
    index: int | str,
    *,
    primary: bool = False,
) -> None:
    """A button across its column that acts on one lender (or opens the form for a new one)."""
    where.button(
        label,
        key=key,
        on_click=callback,
        args=(index,),
        width="stretch",
        type="primary" if primary else "secondary",
    )


@guarded
def _write_letter(index: int) -> None:
    store_all(all_lenders(), index)
    st.session_state[state.GO_TO] = LETTER_PAGE
