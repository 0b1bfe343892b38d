"""What the borrower can afford, in fen: the one rule every plan is checked against.

* **each month**: income minus essential expenses (nothing when expenses exceed
  income), times the share of it the borrower puts toward the debts
  (``Assumptions.affordable_share``, nine tenths by default: the rest is a margin kept
  for the unexpected), rounded to the fen;
* **later**, when the borrower expects another income from a given month (after an
  illness, between jobs): the same rule on that income, for the installments due from
  that month on;
* **at signing**: the lump sum the borrower has available now.

A plan *fits* when every installment is within the monthly figure of its month and what
it asks at signing is within the lump sum (:func:`fits`; ``core.compare``'s ``fits``,
``core.solver``'s searches and ``core.ladder``'s rungs all use it).

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
    """What the borrower can pay, in fen: each month, once at signing, and later on.

    ``later`` (None when no other income is expected) is what can be paid each month
    from month ``later_from_month`` on; ``monthly`` holds for the months before.
    """

    monthly: int
    at_signing: int
    later: int | None = None
    later_from_month: int = 0

    def in_month(self, month: int) -> int:
        """The most an installment due in ``month`` (1 = the first after signing) may be.

        >>> budget = Budget(0, 0, later=80_000, later_from_month=4)
        >>> budget.in_month(3), budget.in_month(4)
        (0, 80000)
        """
        if self.later is not None and month >= self.later_from_month:
            return self.later
        return self.monthly

    def __repr__(self) -> str:
        later = f", later={self.later}, later_from_month={self.later_from_month}"
        shown = later if self.later is not None else ""
        return f"Budget(monthly={self.monthly}, at_signing={self.at_signing}{shown})"

    @property
    def most(self) -> int:
        """The larger of the two monthly figures: no installment can fit above it."""
        return max(self.monthly, self.later or 0)


def fits(month: tuple[int, ...], payment: tuple[int, ...], budget: Budget) -> bool:
    """True when each installment is within its month's budget and signing within the lump sum.

    >>> fits((0, 1, 2), (5_000, 100, 900), Budget(100, 5_000, later=900, later_from_month=2))
    True
    >>> fits((1, 2), (101, 0), Budget(100, 0))
    False
    """
    at_signing = 0
    for m, p in zip(month, payment, strict=True):
        if m == 0:
            at_signing += p
        elif p > budget.in_month(m):
            return False
    return at_signing <= budget.at_signing


def affordable_budget(borrower: Borrower, assumptions: Assumptions) -> Budget:
    """Disposable income × the affordable share, now and later, and the lump sum, in fen.

    ``monthly = round(max(income − essential expenses, 0) × affordable_share)``, the same
    on the later income from ``later_from_month``; ``at_signing = lump sum``.

    >>> affordable_budget(Borrower(monthly_income_yuan=3_000, essential_expenses_yuan=3_500,
    ...                   later_income_yuan=5_000, later_from_month=4), Assumptions())
    Budget(monthly=0, at_signing=0, later=135000, later_from_month=4)
    """

    def share(disposable_yuan: float) -> int:
        return round_fen(max(yuan_to_fen(disposable_yuan), 0) * assumptions.affordable_share)

    later = borrower.later_disposable_yuan
    return Budget(
        monthly=share(borrower.disposable_yuan),
        at_signing=yuan_to_fen(borrower.lump_sum_yuan),
        later=None if later is None else share(later),
        later_from_month=0 if later is None else borrower.later_from_month,
    )
