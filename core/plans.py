"""Schedules of the options on the table: keep the contract, or a negotiated proposal.

How a proposal is turned into a schedule (each step a documented assumption):

1. Waivers first: principal waived (an amount, or a share of the principal), then the
   waived share of penalty, compound interest and charges.
2. A lump sum at signing pays, in this order, what is left of the charges, the overdue
   interest, then principal (the order of Civil Code Art. 561: costs, interest,
   principal). A lump sum larger than what is left after waivers is cut to it.
3. A fee (flat, or a share of everything owed before waivers) is paid at signing.
4. The principal left is repaid by the plan's method over the new term, after any
   payment-holiday months, at the new rate (or the contract's), with no interest in
   the first interest-free months (or none at all when frozen for good). A token paid
   in each holiday month repays principal; interest that accrues during the holiday
   (unless it is stopped, 停息) runs on the principal at the start of each month.
5. Overdue interest and charges left, and interest that accrued during a holiday, are
   spread evenly over the installments without interest on them: never interest on
   interest, and never on penalty or charges. They make up the schedule's ``arrears``
   column; its ``interest`` column is the plan's own interest on its principal.
"""

from __future__ import annotations

import datetime as dt

from core.models import Loan, Method, Proposal
from core.money import round_fen, spread_evenly, yuan_to_fen
from core.overdue import OverduePosition
from core.schedules import Schedule, amortisation_rows, due_dates, rate_path


def contract_schedule(
    loan: Loan, position: OverduePosition, *, today: dt.date, first_due: dt.date
) -> Schedule:
    """The contract kept: arrears cleared at signing (month 0), then the remaining installments.

    The installments repay the principal not yet due over ``loan.remaining_months``,
    each with the contract's fixed monthly fee in the ``fee`` column. A flat fee is
    charged on the original principal when it is given (domain.md §1), else on that
    principal.

    >>> from core.models import Method, RateUnit
    >>> from core.overdue import overdue_position
    >>> half = Loan(principal_yuan=6_000, remaining_months=6, rate=0.0118,
    ...             rate_unit=RateUnit.FLAT_MONTHLY_FEE, method=Method.FLAT_FEE,
    ...             original_principal_yuan=12_000)
    >>> contract_schedule(half, overdue_position(half), today=dt.date(2026, 12, 1),
    ...                   first_due=dt.date(2027, 1, 1)).payment[0]
    114160
    """
    original = loan.original_principal_yuan
    rows = amortisation_rows(
        loan.method,
        position.not_yet_due_principal,
        rate_path(loan.monthly_rate, loan.remaining_months),
        fee_base_fen=None if original is None else yuan_to_fen(original),
    )
    return _assemble(
        signing=(position.overdue_principal, position.overdue_interest + position.charges, 0),
        holiday=[],
        start_balance=position.principal,
        rows_payment=rows.payment,
        rows_interest=rows.interest,
        rows_principal=rows.principal,
        rows_balance=rows.balance,
        spread_arrears=0,
        today=today,
        first_due=first_due,
        row_fee=yuan_to_fen(loan.monthly_fee_yuan),
    )


def proposal_terms(loan: Loan, proposal: Proposal) -> tuple[int, float, Method]:
    """The plan's number of installments, monthly rate and method.

    >>> proposal_terms(Loan(), Proposal(months_added=12, new_apr=0.12))
    (24, 0.01, <Method.EQUAL_INSTALLMENT: 'equal_installment'>)
    """
    if proposal.term_months is not None:
        months = proposal.term_months
    else:
        months = loan.remaining_months + (proposal.months_added or 0)
    rate = loan.monthly_rate if proposal.new_apr is None else proposal.new_apr / 12
    if proposal.interest_frozen_for_good:
        rate = 0.0
    return months, rate, proposal.new_method or loan.method


def principal_waived(proposal: Proposal, principal_fen: int) -> int:
    """Principal waived in fen, never more than the principal."""
    if proposal.principal_waived_yuan is not None:
        return min(yuan_to_fen(proposal.principal_waived_yuan), principal_fen)
    if proposal.principal_waived_share is not None:
        return round_fen(principal_fen * proposal.principal_waived_share)
    return 0


def owed_after_waivers(proposal: Proposal, position: OverduePosition) -> int:
    """Everything owed today (``position.total``) less what ``proposal`` waives, in fen.

    The most a lump sum at signing can pay: the page, the case's validation and the
    ladder all bound it by this one figure.

    >>> from core.overdue import overdue_position
    >>> position = overdue_position(Loan(days_overdue=45, overdue_amount_yuan=1_833.6))
    >>> position.total, owed_after_waivers(Proposal(overdue_charges_waived_share=1), position)
    (1034126, 1030000)
    """
    waived_charges = round_fen(position.charges * proposal.overdue_charges_waived_share)
    return position.total - principal_waived(proposal, position.principal) - waived_charges


def negotiation_fee(proposal: Proposal, position: OverduePosition) -> int:
    """The fee in fen: flat, or a share of everything owed before waivers."""
    if proposal.fee_yuan is not None:
        return yuan_to_fen(proposal.fee_yuan)
    if proposal.fee_share is not None:
        return round_fen(position.total * proposal.fee_share)
    return 0


def proposal_schedule(
    loan: Loan,
    proposal: Proposal,
    position: OverduePosition,
    *,
    today: dt.date,
    first_due: dt.date,
) -> Schedule:
    """The schedule a proposal amounts to (steps in the module docstring).

    >>> from core.overdue import overdue_position
    >>> loan = Loan()
    >>> plan = proposal_schedule(loan, Proposal(months_added=12), overdue_position(loan),
    ...                          today=dt.date(2026, 12, 1), first_due=dt.date(2027, 1, 1))
    >>> len(plan), plan.payment[0], plan.total_principal
    (24, 49924, 1000000)
    """
    months, rate, method = proposal_terms(loan, proposal)
    waived = principal_waived(proposal, position.principal)
    charges = position.charges - round_fen(position.charges * proposal.overdue_charges_waived_share)
    interest_owed = position.overdue_interest
    principal = position.principal - waived

    lump = yuan_to_fen(proposal.lump_sum_yuan)
    to_charges = min(lump, charges)
    to_interest = min(lump - to_charges, interest_owed)
    to_principal = min(lump - to_charges - to_interest, principal)
    fee = negotiation_fee(proposal, position)

    plan_principal = principal - to_principal
    holiday = proposal.holiday_months
    free = 0 if proposal.interest_frozen_for_good else proposal.interest_free_months
    accrues = proposal.holiday_interest_accrues and not proposal.interest_frozen_for_good
    holiday_rates = rate_path(rate, holiday, free) if accrues else [0.0] * holiday
    token = yuan_to_fen(proposal.holiday_payment_yuan)
    tokens: list[int] = []
    holiday_interest = 0
    for month_rate in holiday_rates:
        holiday_interest += round_fen(plan_principal * month_rate)
        paid = min(token, plan_principal)
        tokens.append(paid)
        plan_principal -= paid
    rows = amortisation_rows(
        method, plan_principal, rate_path(rate, months, max(free - holiday, 0))
    )
    return _assemble(
        signing=(to_principal, to_charges + to_interest, fee),
        holiday=tokens,
        start_balance=principal,
        rows_payment=rows.payment,
        rows_interest=rows.interest,
        rows_principal=rows.principal,
        rows_balance=rows.balance,
        spread_arrears=charges - to_charges + interest_owed - to_interest + holiday_interest,
        today=today,
        first_due=first_due,
    )


def _assemble(
    *,
    signing: tuple[int, int, int],
    holiday: list[int],
    start_balance: int,
    rows_payment: list[int],
    rows_interest: list[int],
    rows_principal: list[int],
    rows_balance: list[int],
    spread_arrears: int,
    today: dt.date,
    first_due: dt.date,
    row_fee: int = 0,
) -> Schedule:
    """Join the signing row (principal, arrears, fee), holiday rows and installments.

    ``holiday`` holds what each holiday month pays (a token, all of it principal; zeros
    when nothing is paid).
    """
    n = len(rows_payment)
    extra_arrears = spread_evenly(spread_arrears, n)
    principal_at_signing, arrears_at_signing, fee_at_signing = signing
    at_signing = sum(signing)
    month: list[int] = []
    dates: list[dt.date] = []
    payment: list[int] = []
    interest: list[int] = []
    principal: list[int] = []
    arrears: list[int] = []
    fee: list[int] = []
    balance: list[int] = []
    after_signing = start_balance - principal_at_signing
    if at_signing:
        month.append(0)
        dates.append(today)
        payment.append(at_signing)
        interest.append(0)
        principal.append(principal_at_signing)
        arrears.append(arrears_at_signing)
        fee.append(fee_at_signing)
        balance.append(after_signing)
    paused = len(holiday)
    all_dates = due_dates(first_due, paused + n)
    zeros = [0] * paused
    month.extend(range(1, paused + 1))
    dates.extend(all_dates[:paused])
    payment += holiday
    interest += zeros
    principal += holiday
    arrears += zeros
    fee += zeros
    for token in holiday:
        after_signing -= token
        balance.append(after_signing)
    month.extend(range(paused + 1, paused + n + 1))
    dates.extend(all_dates[paused:])
    payment.extend(p + a + row_fee for p, a in zip(rows_payment, extra_arrears, strict=True))
    interest.extend(rows_interest)
    principal.extend(rows_principal)
    arrears.extend(extra_arrears)
    fee.extend([row_fee] * n)
    balance.extend(rows_balance)
    return Schedule(
        month=tuple(month),
        due_date=tuple(dates),
        payment=tuple(payment),
        interest=tuple(interest),
        principal=tuple(principal),
        arrears=tuple(arrears),
        fee=tuple(fee),
        balance=tuple(balance),
    )
