"""The home page's advice: what to ask for, whether the rate is lawful, the cost of doing nothing."""

from __future__ import annotations

import streamlit as st

from core import Case, Comparison, LenderType, Loan, Method, Proposal, RateUnit, compare_loan
from core.ladder import Ladder, Offer, Route, offer_ladder
from core.money import yuan_to_fen
from core.solver import months_needed, rate_needed, waiver_needed
from core.text import Lang, t
from ui import state, undo
from ui.boundary import guarded
from ui.charts import nothing_figure
from ui.format import money, percent
from ui.inputs import load_proposal
from ui.legal_text import history_rule, line_notes, line_rule
from ui.results import markdown_badge, payment_label, show_table
from ui.tables import claim_table


def ladder_panel(case: Case, lang: Lang) -> None:
    """Three offers solved from the budget, each with its figures and a button to load it."""
    loaded = st.session_state.pop(state.RUNG_LOADED, None)
    if loaded is not None:
        st.toast(t("ladder.loaded", lang, number=loaded))
    loan_case = case.loans[0]
    ladder = offer_ladder(loan_case.loan, case.borrower, case.assumptions)
    if not ladder.offers and ladder.budget.monthly == 0 and ladder.budget.later is None:
        # Nothing spare today and no later income given: a plan would only fail again.
        st.warning(t("ladder.need_later", lang))
        return
    if not ladder.offers:
        best = ladder.budget.most + ladder.shortfall
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
    if ladder.route is Route.PAUSE:
        holiday = ladder.offers[-1].proposal.holiday_months
        later = money(ladder.budget.later or 0)
        intro = t("ladder.pause_intro", lang, holiday=holiday, months=ladder.months, later=later)
        st.info(intro)
    else:
        _single_levers(case, ladder, lang)
        budget = money(ladder.budget.monthly)
        st.caption(t("ladder.intro", lang, budget=budget, months=ladder.months))
    for column, (number, offer) in zip(
        st.columns(3), enumerate(ladder.offers, start=1), strict=True
    ):
        with column, st.container(border=True):
            _offer(offer, number, ladder, lang, loan_case.loan)


def _single_levers(case: Case, ladder: Ladder, lang: Lang) -> None:
    """What one lever alone would take to fit the budget: months, rate, or principal waived."""
    loan = case.loans[0].loan
    today = case.assumptions.today
    longest = case.assumptions.max_term_months
    walk_away = ladder.offers[-1].proposal
    base = Proposal(lump_sum_yuan=walk_away.lump_sum_yuan, new_method=walk_away.new_method)
    months = months_needed(loan, base, ladder.budget, max_months=longest, today=today)
    rate = rate_needed(loan, base, ladder.budget, months=longest, today=today)
    waived = waiver_needed(loan, base, ladder.budget, months=loan.remaining_months, today=today)
    lines = [
        t("solve.months", lang, months=months, rate=percent(loan.nominal_apr, lang))
        if months is not None
        else t("solve.months_none", lang, longest=longest),
        _rate_line(rate, loan.nominal_apr, longest, lang),
        t("solve.waiver", lang, amount=money(yuan_to_fen(waived)), months=loan.remaining_months)
        if waived is not None
        else t("solve.waiver_none", lang, months=loan.remaining_months),
    ]
    if rate is not None and (base.new_method or loan.method) is Method.FLAT_FEE:
        # A flat fee "a year" understates the cost: the true rate of that plan beside it.
        plan = base.model_copy(update={"term_months": longest, "new_apr": rate})
        summary = (
            compare_loan(loan, (plan,), case.borrower, case.assumptions, budget=ladder.budget)
            .proposals[0]
            .summary
        )
        if summary.apr is not None:
            true_apr = percent(summary.apr.nominal_apr, lang)
            lines.append(t("ladder.true_apr", lang, apr=true_apr, fee=percent(rate / 12, lang)))
    st.markdown("\n".join("- " + line for line in lines))


def _rate_line(rate: float | None, current: float, longest: int, lang: Lang) -> str:
    """What rate fits over the longest term; said plainly when today's rate already does."""
    if rate is None:
        return t("solve.rate_none", lang, longest=longest)
    if rate >= current:
        return t("solve.rate_current", lang, rate=percent(current, lang), longest=longest)
    return t("solve.rate", lang, rate=percent(rate, lang), longest=longest)


def _offer(offer: Offer, number: int, ladder: Ladder, lang: Lang, loan: Loan) -> None:
    s = offer.summary
    name = offer.rung.value
    proposal = offer.proposal
    rate = percent(proposal.new_apr or 0.0, lang)
    lines = [f"**{t(f'ladder.{name}', lang)}**"]
    if proposal.holiday_months:
        holiday = proposal.holiday_months
        lines.append(
            t("ladder.pause_terms", lang, holiday=holiday, months=ladder.months, rate=rate)
        )
        lines.append(
            t(
                "ladder.pause_accrues"
                if proposal.holiday_interest_accrues
                else "ladder.pause_stopped",
                lang,
            )
        )
        if proposal.holiday_payment_yuan:
            token = money(yuan_to_fen(proposal.holiday_payment_yuan))
            lines.append(t("ladder.pause_token", lang, amount=token))
    else:
        lines.append(t("ladder.terms", lang, months=ladder.months, rate=rate))
    if (proposal.new_method or loan.method) is Method.FLAT_FEE and s.apr is not None:
        # A flat fee stated "a year" is not the rate the legal line is about: say the true one.
        fee = percent((proposal.new_apr or 0.0) / 12, lang)
        lines.append(t("ladder.true_apr", lang, apr=percent(s.apr.nominal_apr, lang), fee=fee))
    if proposal.new_method is not None and proposal.new_method is not loan.method:
        lines.append(t("ladder.method", lang))
    if proposal.overdue_charges_waived_share:
        lines.append(t("ladder.penalty_waived", lang))
    if offer.proposal.lump_sum_yuan:
        amount = money(yuan_to_fen(offer.proposal.lump_sum_yuan))
        lines.append(t("ladder.lump", lang, amount=amount))
    if offer.proposal.principal_waived_yuan:
        amount = money(yuan_to_fen(offer.proposal.principal_waived_yuan))
        lines.append(t("ladder.principal_waived", lang, amount=amount))
    # Few elements per offer: each is redrawn on every slider move.
    st.markdown("  \n".join(lines), help=t(f"ladder.{name}.help", lang))
    st.metric(payment_label(s, lang), money(s.highest_payment))
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
    undo.remember("rung", number=number, rung_key=f"ladder.{offer.rung.value}")
    load_proposal(offer.proposal, number)
    st.session_state[state.RUNG_LOADED] = number
    # The button sits in the home page's results fragment; the proposal editor outside it
    # must show the rung, so the whole page runs again (and says so: ``ladder_panel``).
    st.rerun()


def real_bill_lines(loan: Loan, lang: Lang) -> list[str]:
    """What the contract's true cost is counted on (``core.compare.contract_true_cost``):
    the money actually received and the whole loan, or what is missing to count them."""
    whole = loan.whole_loan
    lines = []
    if whole is None:
        lines.append(t("lawful.start_unknown", lang))
    else:
        if loan.deducted_fen > 0:
            received, deducted = money(loan.received_fen), money(loan.deducted_fen)
            lines.append(t("lawful.received", lang, received=received, deducted=deducted))
        if whole[1] != loan.remaining_months:
            principal = money(yuan_to_fen(whole[0]))
            lines.append(t("lawful.whole", lang, principal=principal, months=whole[1]))
    if loan.flat_fee_base_unknown:
        lines.append(t("bill.flat_fee_base", lang))
    return lines


def lawfulness_panel(result: Comparison, case: Case, lang: Lang) -> None:
    """The contract's true APR against its legal line, with the line's date and source."""
    check = result.lawfulness
    line = check.line
    loan = case.loans[0].loan
    lines = [t("lawful.apr", lang, apr=percent(check.apr, lang)), *real_bill_lines(loan, lang)]
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
    lines.extend(line_notes(line, loan.lender_type, result.today, lang))
    lines.append(t("legal.not_advice", lang))
    (st.warning if check.above else st.info)("\n\n".join(lines))


def nothing_panel(result: Comparison, case: Case, lang: Lang) -> None:
    """The stay-overdue path: claimed against enforceable, and the milestones on the way."""
    end = result.overdue_path[-1]
    st.write(
        t(
            "nothing.summary",
            lang,
            months=end.month,
            claimed=money(end.claimed),
            enforceable=money(end.enforceable),
        )
    )
    show_table(claim_table(result, lang))
    # The chart is drawn on request: every chart on the page is redrawn on each slider move.
    if st.toggle(t("nothing.show_chart", lang), key="_nothing_chart"):
        st.plotly_chart(
            nothing_figure(result, lang), width="stretch", config={"displayModeBar": False}
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
