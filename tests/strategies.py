"""Hypothesis strategies for the models of ``core``: valid loans, proposals, borrowers, cases.

Every strategy draws only values the models accept, so a test can build them without
``assume``. Money is drawn in whole fen and handed to the models in yuan (``fen / 100``
round-trips exactly through :func:`core.yuan_to_fen`). Ranges are those of real online
loans, kept small enough that a comparison runs in milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st

from core import (
    Assumptions,
    Borrower,
    Case,
    FeePayee,
    LenderType,
    Loan,
    LoanCase,
    Method,
    Proposal,
    RateUnit,
    yuan_to_fen,
)

MAX_PRINCIPAL_FEN = 500_000_000
"""5,000,000 yuan."""

MAX_LOAN_MONTHS = 360

# The largest contract rate drawn for each unit: 50 % a year, 4 % a month, 0.15 % a day,
# and a flat monthly fee of 2 % (which only goes with the flat-fee method).
MAX_RATE_BY_UNIT = {
    RateUnit.APR: 0.5,
    RateUnit.MONTHLY: 0.04,
    RateUnit.DAILY: 0.0015,
    RateUnit.FLAT_MONTHLY_FEE: 0.02,
}

MAX_OVERDUE_DAYS = 720

TODAY = dt.date(2026, 12, 1)
"""A fixed signing date, so that cases (and their due dates) do not depend on the clock."""


def yuan(fen: int) -> float:
    """A whole number of fen as the yuan amount the models take."""
    return fen / 100


def fen_amounts(max_fen: int, min_fen: int = 0) -> st.SearchStrategy[int]:
    return st.integers(min_value=min_fen, max_value=max_fen)


def rates(max_rate: float) -> st.SearchStrategy[float]:
    """Rates from 0 to ``max_rate``, zero included (an interest-free loan is valid)."""
    return st.floats(min_value=0.0, max_value=max_rate, allow_nan=False, allow_infinity=False)


def shares(max_share: float = 1.0) -> st.SearchStrategy[float]:
    return st.floats(min_value=0.0, max_value=max_share, allow_nan=False, allow_infinity=False)


@st.composite
def loans(
    draw: st.DrawFn,
    *,
    methods: Sequence[Method] = tuple(Method),
    units: Sequence[RateUnit] = tuple(RateUnit),
    max_principal_fen: int = MAX_PRINCIPAL_FEN,
    max_months: int = MAX_LOAN_MONTHS,
    overdue: bool | None = None,
) -> Loan:
    """A valid loan: any unit and method (a flat fee forces the flat-fee method).

    ``overdue=True`` always draws an overdue amount or days overdue (and charges),
    ``False`` never does, ``None`` lets Hypothesis choose.
    """
    principal_fen = draw(fen_amounts(max_principal_fen, min_fen=1))
    unit = draw(st.sampled_from(units))
    if unit is RateUnit.FLAT_MONTHLY_FEE:
        method = Method.FLAT_FEE
    else:
        method = draw(st.sampled_from(methods))
    is_overdue = draw(st.booleans()) if overdue is None else overdue
    if is_overdue:
        days_overdue = draw(st.integers(min_value=0, max_value=MAX_OVERDUE_DAYS))
        # At most the principal: the validator allows up to the principal plus a month's
        # interest per missed installment, so this is always accepted. Either the days or
        # the amount may be zero (a statement gives one without the other), not both.
        overdue_fen = draw(fen_amounts(principal_fen, min_fen=0 if days_overdue else 1))
        penalty_fen = draw(st.none() | fen_amounts(principal_fen))
        other_fen = draw(fen_amounts(principal_fen // 10))
        monthly_charge_fen = draw(fen_amounts(principal_fen // 100))
    else:
        days_overdue = overdue_fen = other_fen = monthly_charge_fen = 0
        penalty_fen = None
    return Loan(
        principal_yuan=yuan(principal_fen),
        rate=draw(rates(MAX_RATE_BY_UNIT[unit])),
        rate_unit=unit,
        day_basis=draw(st.sampled_from((360, 365))),
        method=method,
        remaining_months=draw(st.integers(min_value=1, max_value=max_months)),
        days_overdue=days_overdue,
        overdue_amount_yuan=yuan(overdue_fen),
        accrued_penalty_yuan=None if penalty_fen is None else yuan(penalty_fen),
        other_charges_yuan=yuan(other_fen),
        monthly_charge_yuan=yuan(monthly_charge_fen),
        penalty_multiplier=draw(
            st.floats(min_value=1.0, max_value=3.0, allow_nan=False, allow_infinity=False)
        ),
        lender_type=draw(st.sampled_from(LenderType)),
        contract_date=draw(
            st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2025, 12, 31))
        ),
    )


@st.composite
def proposals(
    draw: st.DrawFn,
    loan: Loan,
    *,
    principal_waiver: bool = True,
    charges_waiver: bool = True,
) -> Proposal:
    """A valid proposal for ``loan``: any mix of levers, each present or not.

    Respects the validators: a new term or months added (never both), the principal
    waived as an amount (at most the principal) or a share (never both), the fee as an
    amount or a share (never both), a lump sum of at most the principal, and a plan of
    at most 600 months. ``principal_waiver=False`` / ``charges_waiver=False`` leave those
    levers out, for tests that add them.
    """
    principal_fen = yuan_to_fen(loan.principal_yuan)
    term_lever = draw(st.sampled_from(("unchanged", "term", "added")))
    term_months = months_added = None
    if term_lever == "term":
        term_months = draw(st.integers(min_value=1, max_value=240))
    elif term_lever == "added":
        room = min(120, 600 - loan.remaining_months)
        months_added = draw(st.integers(min_value=1, max_value=room))
    waived_yuan = waived_share = None
    if principal_waiver:
        waiver_lever = draw(st.sampled_from(("none", "amount", "share")))
        if waiver_lever == "amount":
            waived_yuan = yuan(draw(fen_amounts(principal_fen)))
        elif waiver_lever == "share":
            waived_share = draw(shares())
    fee_lever = draw(st.sampled_from(("none", "amount", "share")))
    fee_yuan = fee_share = None
    if fee_lever == "amount":
        fee_yuan = yuan(draw(fen_amounts(max(principal_fen // 10, 1))))
    elif fee_lever == "share":
        fee_share = draw(shares(0.5))
    return Proposal(
        term_months=term_months,
        months_added=months_added,
        new_apr=draw(st.none() | rates(0.5)),
        principal_waived_yuan=waived_yuan,
        principal_waived_share=waived_share,
        overdue_charges_waived_share=draw(shares()) if charges_waiver else 0.0,
        interest_free_months=draw(st.integers(min_value=0, max_value=24)),
        interest_frozen_for_good=draw(st.booleans()),
        lump_sum_yuan=yuan(draw(fen_amounts(principal_fen))),
        holiday_months=draw(st.integers(min_value=0, max_value=12)),
        holiday_interest_accrues=draw(st.booleans()),
        new_method=draw(st.none() | st.sampled_from(Method)),
        fee_yuan=fee_yuan,
        fee_share=fee_share,
        fee_payee=draw(st.sampled_from(FeePayee)),
    )


@st.composite
def borrowers(draw: st.DrawFn) -> Borrower:
    """A borrower whose expenses may exceed income (disposable income below zero)."""
    return Borrower(
        monthly_income_yuan=yuan(draw(fen_amounts(10_000_000))),
        essential_expenses_yuan=yuan(draw(fen_amounts(10_000_000))),
        lump_sum_yuan=yuan(draw(fen_amounts(100_000_000))),
    )


@st.composite
def assumptions(draw: st.DrawFn, today: dt.date = TODAY) -> Assumptions:
    return Assumptions(
        acceleration_days=draw(st.integers(min_value=1, max_value=720)),
        horizon_months=draw(st.integers(min_value=1, max_value=60)),
        lender_discount_apr=draw(shares(0.3)),
        recovery_share=draw(shares()),
        recovery_delay_months=draw(st.integers(min_value=0, max_value=60)),
        affordable_share=draw(
            st.floats(min_value=0.01, max_value=1.0, allow_nan=False, allow_infinity=False)
        ),
        today=today,
    )


def build_case(
    loan: Loan,
    proposals: Sequence[Proposal] = (),
    *,
    borrower: Borrower | None = None,
    settings: Assumptions | None = None,
) -> Case:
    """A one-loan case around ``loan`` and its ``proposals``, signed on :data:`TODAY`."""
    return Case(
        borrower=borrower or Borrower(),
        loans=(LoanCase(loan=loan, proposals=tuple(proposals)),),
        assumptions=settings or Assumptions(today=TODAY),
    )


@st.composite
def loan_cases(draw: st.DrawFn, *, max_proposals: int = 4) -> LoanCase:
    """A loan with up to ``max_proposals`` proposals made for it."""
    loan = draw(loans())
    drawn = draw(st.lists(proposals(loan), min_size=0, max_size=max_proposals))
    return LoanCase(loan=loan, proposals=tuple(drawn))


@st.composite
def cases(draw: st.DrawFn, *, max_loans: int = 2, max_proposals: int = 4) -> Case:
    """A whole case: a borrower, one or more loans with proposals, and assumptions."""
    return Case(
        borrower=draw(borrowers()),
        loans=tuple(
            draw(st.lists(loan_cases(max_proposals=max_proposals), min_size=1, max_size=max_loans))
        ),
        assumptions=draw(assumptions()),
    )
