"""What the borrower can afford, in fen: the one rule every plan is checked against.

* **each month**: income minus essential expenses (nothing when expenses exceed
  income), times the share of it the borrower puts toward the loan
  (``Assumptions.affordable_share``), rounded to the fen;
* **at signing**: the lump sum the borrower has available now.

A plan *fits* when its highest installment is at most the monthly figure and what it asks
at signing is at most the lump sum (``core.compare``'s ``fits``, ``core.solver``'s
searches and ``core.ladder``'s rungs all use this budget).

>>> affordable_budget(Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=3_500,
...                            lump_sum_yuan=1_000), Assumptions(affordable_share=0.8))
Budget(monthly=200000, at_signing=100000)
"""

from __future__ import annotations

from dataclasses import dataclass

from core.models import Assumptions, Borrower
from core.money import round_fen, yuan_to_fen


@dataclass(frozen=True, slots=True)
class Budget:
    """What the borrower can pay, in fen: each month, and once at signing."""

    monthly: int
    at_signing: int


def affordable_budget(borrower: Borrower, assumptions: Assumptions) -> Budget:
    """Disposable income × the affordable share, and the lump sum available, in fen.

    ``monthly = round(max(income − essential expenses, 0) × affordable_share)``;
    ``at_signing = lump sum``.

    >>> affordable_budget(Borrower(monthly_income_yuan=3_000, essential_expenses_yuan=3_500),
    ...                   Assumptions())
    Budget(monthly=0, at_signing=0)
    """
    disposable = yuan_to_fen(borrower.disposable_yuan)
    monthly = round_fen(max(disposable, 0) * assumptions.affordable_share)
    return Budget(monthly=monthly, at_signing=yuan_to_fen(borrower.lump_sum_yuan))
