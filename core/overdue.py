"""What is owed now on an overdue loan, and what doing nothing costs (domain.md §4).

Assumptions, each stated where it is used:

* Of an overdue amount O after m missed installments, ``min(O, I_m)`` is interest and
  the rest principal, where I_m is the interest of the m missed installments
  (:func:`missed_interest`). The principal still owed P (past-due part included) is the
  balance before the first missed installment, and the m missed installments and the
  ``remaining_months`` left make the rest of the schedule. I_m is then the schedule's own
  interest, exact to the fen, for equal-principal (``Σ_{k=1..m} (P − (k−1)·P/N)·i`` with
  N = m + remaining), interest-first (``m·P·i``) and flat-fee loans (``m·P·f``, exact when
  P is the principal the fee is charged on). For equal installments I_m is ``m·P·i``, an
  upper bound: exact for one missed installment, above the schedule's interest for more,
  because each earlier missed installment repaid some principal.
* When the statement's accrued penalty is not known it is estimated as
  ``O × penalty rate / 360 × average age`` of the missed installments (ages D, D−30, …).
* A month is 30 days, so a month's penalty is ``balance × penalty APR / 12``.
* Penalty runs on overdue principal, compound interest on unpaid contract interest,
  both at the penalty rate; neither runs on penalty or charges (PBOC 银发〔2003〕251号;
  no interest on 违约金 or fees for cards).
* Once the oldest installment is ``acceleration_days`` overdue the lender calls the
  whole principal due: penalty then runs on all of it and contract interest stops. A
  loan already that far overdue today is accelerated from today (row 0 of the path).
* The enforceable total keeps what was owed today as stated and caps everything that
  accrues from today (interest, penalty, compound interest, charges) at the legal
  line's annual rate on the principal owed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.legal import LegalLine
from core.models import Loan, Method
from core.money import round_fen, yuan_to_fen
from core.schedules import Schedule, add_months, amortisation_rows, rate_path

DAYS_PER_MONTH = 30


@dataclass(frozen=True, slots=True)
class OverduePosition:
    """What the borrower owes today, in fen, split the way the rules treat each part."""

    principal: int
    """All principal still owed, past due or not."""
    overdue_principal: int
    overdue_interest: int
    accrued_penalty: int
    """Penalty and compound interest charged so far (stated or estimated)."""
    penalty_estimated: bool
    other_charges: int

    @property
    def not_yet_due_principal(self) -> int:
        return self.principal - self.overdue_principal

    @property
    def charges(self) -> int:
        """Penalty, compound interest and other charges: the overdue costs a lender may waive."""
        return self.accrued_penalty + self.other_charges

    @property
    def total(self) -> int:
        """Everything owed today."""
        return self.principal + self.overdue_interest + self.charges


def missed_interest(loan: Loan) -> int:
    """The interest part of the loan's missed installments, in fen.

    With P the principal still owed (the balance before the first missed installment),
    m missed installments and N = m + ``remaining_months``, it is the interest of the
    first m rows of the method's schedule of P over N months: for equal principal
    ``Σ_{k=1..m} (P − (k−1)·P/N)·i``, for interest-first ``m·P·i``, for a flat fee
    ``m·P·f``, each rounded to the fen as the schedule rounds it. For equal installments
    it is ``m·P·i``: the interest of the first missed installment, and an upper bound for
    more (the k-th carries ``B_(k−1)·i`` with ``B_(k−1) ≤ P``).

    Three missed installments of 40,000 at 18 % repaid by equal principal over 13 months:
    600.00 + 553.85 + 507.69, not 3 × 600.00.

    >>> loan = Loan(principal_yuan=40_000, method=Method.EQUAL_PRINCIPAL,
    ...             remaining_months=10, days_overdue=75, overdue_amount_yuan=10_892.31)
    >>> missed_interest(loan)
    166154
    """
    missed = loan.missed_installments
    if missed == 0:
        return 0
    if loan.method is Method.EQUAL_INSTALLMENT:
        return round_fen(missed * yuan_to_fen(loan.principal_yuan) * loan.monthly_rate)
    rows = amortisation_rows(
        loan.method,
        yuan_to_fen(loan.principal_yuan),
        rate_path(loan.monthly_rate, missed + loan.remaining_months),
    )
    return sum(rows.interest[:missed])


def overdue_position(loan: Loan) -> OverduePosition:
    """Split the loan's overdue amount and find the penalty accrued so far.

    Of the overdue amount, the interest of the missed installments
    (:func:`missed_interest`) is interest, the rest principal.

    >>> pos = overdue_position(Loan(days_overdue=45, overdue_amount_yuan=1_833.6))
    >>> pos.overdue_interest, pos.overdue_principal, pos.accrued_penalty
    (30000, 153360, 4126)
    """
    principal = yuan_to_fen(loan.principal_yuan)
    overdue = yuan_to_fen(loan.overdue_amount_yuan)
    missed = loan.missed_installments
    interest = min(overdue, missed_interest(loan))
    overdue_principal = min(overdue - interest, principal)
    if loan.accrued_penalty_yuan is not None:
        penalty, estimated = yuan_to_fen(loan.accrued_penalty_yuan), False
    else:
        average_age = max(loan.days_overdue - DAYS_PER_MONTH * (missed - 1) / 2, 0)
        penalty = round_fen(overdue * loan.penalty_apr / 360 * average_age)
        estimated = True
    return OverduePosition(
        principal=principal,
        overdue_principal=overdue_principal,
        overdue_interest=overdue - overdue_principal,
        accrued_penalty=penalty,
        penalty_estimated=estimated,
        other_charges=yuan_to_fen(loan.other_charges_yuan),
    )


def collection_stage(days_overdue: int) -> str:
    """Industry stage name for days past due: current, M1 (1-30), M2, M3, M3+ (over 90).

    >>> [collection_stage(d) for d in (0, 1, 30, 31, 90, 91)]
    ['current', 'M1', 'M1', 'M2', 'M3', 'M3+']
    """
    if days_overdue <= 0:
        return "current"
    if days_overdue > 90:
        return "M3+"
    return f"M{-(-days_overdue // 30)}"


@dataclass(frozen=True, slots=True)
class OverdueMonth:
    """The stay-overdue path at one due date; money in fen, running totals since the start."""

    month: int
    date: dt.date
    days_overdue: int
    stage: str
    accelerated: bool
    overdue_principal: int
    unpaid_interest: int
    penalty: int
    compound_interest: int
    charges: int
    claimed: int
    """Everything the contract says is owed at this date."""
    enforceable: int
    """What a court would enforce under the legal line (equals ``claimed`` with no line)."""


def stay_overdue_path(
    loan: Loan,
    contract: Schedule,
    line: LegalLine,
    *,
    today: dt.date,
    acceleration_days: int = 90,
    horizon_months: int = 24,
) -> tuple[OverdueMonth, ...]:
    """Month by month, what is owed if the borrower pays nothing from today.

    ``contract`` is the contract kept (its rows from month 1 fall due unpaid one by
    one; a month-0 row, the arrears it would clear, is already in the position). Each month, with r = penalty APR / 12:
    penalty += overdue principal · r; compound += unpaid interest · r; the month's
    installment joins the overdue principal and unpaid interest, its fixed fee the
    charges; charges also grow by the loan's monthly overdue charge. Row 0 is today.
    From the month the oldest installment is ``acceleration_days`` overdue the whole
    principal is overdue and no more installments fall due; a loan that far overdue today
    starts accelerated at row 0, so month 1's penalty already runs on all of it.

    >>> from core.legal import LICENSED_LENDER_LINE
    >>> from core.schedules import schedule
    >>> loan = Loan()
    >>> plan = schedule(loan.method, 10_000, 0.015, 12, first_due=dt.date(2027, 1, 1))
    >>> path = stay_overdue_path(loan, plan, LICENSED_LENDER_LINE, today=dt.date(2026, 12, 1))
    >>> path[1].penalty, path[2].penalty, path[2].compound_interest, path[4].accelerated
    (0, 1725, 338, True)
    """
    position = overdue_position(loan)
    monthly_penalty = loan.penalty_apr / 12
    monthly_line = None if line.annual_rate is None else line.annual_rate / 12
    monthly_charge = yuan_to_fen(loan.monthly_charge_yuan)
    already_overdue = position.overdue_principal + position.overdue_interest > 0 or (
        loan.days_overdue > 0
    )
    overdue_principal = position.overdue_principal
    unpaid_interest = position.overdue_interest
    penalty = position.accrued_penalty
    compound = 0
    charges = position.other_charges
    new_costs = 0  # everything accrued from today, the part the legal line caps
    # Already past the acceleration point today: the whole principal is due from row 0.
    accelerated = loan.days_overdue > 0 and loan.days_overdue >= acceleration_days
    if accelerated:
        overdue_principal = position.principal
    row_of_month = {m: index for index, m in enumerate(contract.month) if m > 0}

    def row(month: int, days: int) -> OverdueMonth:
        claimed = position.principal + unpaid_interest + penalty + compound + charges
        enforceable = claimed
        if monthly_line is not None:
            allowed = round_fen(position.principal * monthly_line * month)
            enforceable = claimed - max(new_costs - allowed, 0)
        return OverdueMonth(
            month=month,
            date=add_months(today, month),
            days_overdue=days,
            stage=collection_stage(days),
            accelerated=accelerated,
            overdue_principal=overdue_principal,
            unpaid_interest=unpaid_interest,
            penalty=penalty,
            compound_interest=compound,
            charges=charges,
            claimed=claimed,
            enforceable=enforceable,
        )

    path = [row(0, loan.days_overdue)]
    for month in range(1, horizon_months + 1):
        days = loan.days_overdue + DAYS_PER_MONTH * month
        if not already_overdue:
            days = DAYS_PER_MONTH * (month - 1)  # the first missed installment is month 1's
        month_penalty = round_fen(overdue_principal * monthly_penalty)
        month_compound = round_fen(unpaid_interest * monthly_penalty)
        month_interest = 0
        index = row_of_month.get(month)
        if not accelerated and index is not None:
            overdue_principal += contract.principal[index]
            month_interest = contract.interest[index]
            unpaid_interest += month_interest
        month_charge = monthly_charge if days > 0 else 0
        if not accelerated and index is not None:
            month_charge += contract.fee[index]  # the installment's fixed fee, unpaid too
        penalty += month_penalty
        compound += month_compound
        charges += month_charge
        new_costs += month_penalty + month_compound + month_interest + month_charge
        if not accelerated and days >= acceleration_days:
            accelerated = True
            overdue_principal = position.principal
        path.append(row(month, days))
    return tuple(path)
