"""What a plan asks of the borrower, for the solver and ladder tests to check fits against."""

from __future__ import annotations

import datetime as dt

from core import Loan, Proposal, overdue_position, proposal_schedule
from core.schedules import default_first_due


def plan_cost(loan: Loan, proposal: Proposal, today: dt.date) -> tuple[int, int]:
    """(highest installment, due at signing) of ``proposal`` signed ``today``, in fen.

    >>> plan_cost(Loan(), Proposal(months_added=12), dt.date(2026, 12, 1))
    (49927, 0)
    """
    plan = proposal_schedule(
        loan, proposal, overdue_position(loan), today=today, first_due=default_first_due(today)
    )
    rows = list(zip(plan.month, plan.payment, strict=True))
    highest = max((payment for month, payment in rows if month > 0), default=0)
    at_signing = sum(payment for month, payment in rows if month == 0)
    return highest, at_signing
