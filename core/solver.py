"""Solve for the smallest change to a proposal that makes it fit the borrower's budget.

A plan *fits* when each installment is at most the affordable payment of its month and
what it asks at signing is at most the lump sum available (:func:`core.budget.fits`). Each
solver changes one lever of a starting proposal and searches the lever's whole range by
bisection (:func:`lowest_passing`), so the result is exact to the month, to 0.01
percentage point of rate and to the fen of waiver:

* :func:`months_needed`: the fewest installments at the proposal's rate;
* :func:`rate_needed`: the highest annual rate that fits at a given term;
* :func:`waiver_needed`: the least principal waived at a given term and rate.

Each returns None when nothing within the lever's bounds fits; :func:`shortfall` then
says by how much the budget falls short at the best the levers allow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from core.budget import Budget, fits
from core.models import MAX_MONTHS, Loan, Method, Proposal
from core.overdue import OverduePosition, overdue_position
from core.plans import proposal_schedule
from core.schedules import Schedule, default_first_due

BASIS_POINT = 0.0001
"""Rates are solved to 0.01 percentage point."""


@dataclass(frozen=True, slots=True)
class _Setting:
    loan: Loan
    position: OverduePosition
    today: dt.date
    first_due: dt.date
    budget: Budget


def _setting(loan: Loan, budget: Budget, today: dt.date | None) -> _Setting:
    day = today or dt.date.today()
    return _Setting(loan, overdue_position(loan), day, default_first_due(day), budget)


def plan_demand(plan: Schedule) -> tuple[int, int]:
    """What a plan asks of the borrower, in fen: (highest installment, due at signing).

    ``highest = max_{m ≥ 1} payment_m`` (0 when nothing falls due after signing, the last
    installment, which takes the rounding, included); ``at signing = Σ_{m = 0} payment``.
    A plan fits a :class:`core.budget.Budget` when both are within it.

    >>> from core.schedules import schedule
    >>> plan_demand(schedule(Method.EQUAL_PRINCIPAL, 100, 0.0, 3, first_due=dt.date(2027, 1, 1)))
    (3334, 0)
    """
    highest = max((p for m, p in zip(plan.month, plan.payment, strict=True) if m > 0), default=0)
    at_signing = sum(p for m, p in zip(plan.month, plan.payment, strict=True) if m == 0)
    return highest, at_signing


def _fits(setting: _Setting, proposal: Proposal) -> bool:
    plan = proposal_schedule(
        setting.loan, proposal, setting.position, today=setting.today, first_due=setting.first_due
    )
    return fits(plan.month, plan.payment, setting.budget)


def lowest_passing(low: int, high: int, passes: Callable[[int], bool]) -> int | None:
    """The smallest n in [low, high] with ``passes(n)``, by bisection; None if ``high`` fails.

    Parameters
    ----------
    low, high : int
        The range searched, both ends included.
    passes : callable
        A test that, once passed, stays passed: ``passes(n)`` implies ``passes(n + 1)``.

    Returns
    -------
    int or None
        The first n that passes, found in about log2(high - low) + 1 calls of ``passes``.

    Examples
    --------
    >>> lowest_passing(0, 100, lambda n: n * n >= 50), lowest_passing(0, 5, lambda n: n > 5)
    (8, None)
    """
    if not passes(high):
        return None
    while low < high:
        middle = (low + high) // 2
        if passes(middle):
            high = middle
        else:
            low = middle + 1
    return low


def months_needed(
    loan: Loan,
    base: Proposal,
    budget: Budget,
    *,
    max_months: int = MAX_MONTHS,
    today: dt.date | None = None,
) -> int | None:
    """The fewest installments (a new term) at which ``base`` fits, or None up to ``max_months``.

    The highest installment falls as the term grows for every method but interest
    first, whose last payment repays the whole principal: for it no term helps.

    >>> months_needed(Loan(), Proposal(), Budget(monthly=50_000, at_signing=0),
    ...               today=dt.date(2026, 12, 1))
    24
    """
    setting = _setting(loan, budget, today)
    if (base.new_method or loan.method) is Method.INTEREST_FIRST:
        return None

    def fits_in(months: int) -> bool:
        return _fits(setting, base.model_copy(update={"term_months": months, "months_added": None}))

    return lowest_passing(1, max_months, fits_in)


def rate_needed(
    loan: Loan,
    base: Proposal,
    budget: Budget,
    *,
    months: int,
    today: dt.date | None = None,
) -> float | None:
    """The highest annual rate, to 0.01 point, at which ``base`` over ``months`` fits.

    Searched from 0 up to the contract's own annual rate (asking for more makes no
    sense); None when even no interest at all does not fit.

    >>> rate_needed(Loan(principal_yuan=12_000), Proposal(), Budget(56_000, 0), months=24,
    ...             today=dt.date(2026, 12, 1))
    0.1111
    """
    setting = _setting(loan, budget, today)
    ceiling = round(loan.nominal_apr / BASIS_POINT)

    def too_dear(basis_points: int) -> bool:
        # Passing means "does not fit"; it stays passed as the rate rises.
        proposal = base.model_copy(
            update={
                "term_months": months,
                "months_added": None,
                "new_apr": basis_points * BASIS_POINT,
            }
        )
        return not _fits(setting, proposal)

    if too_dear(0):
        return None
    first_too_dear = lowest_passing(0, ceiling, too_dear)
    best = ceiling if first_too_dear is None else first_too_dear - 1
    return round(best * BASIS_POINT, 6)


def waiver_needed(
    loan: Loan,
    base: Proposal,
    budget: Budget,
    *,
    months: int,
    apr: float | None = None,
    today: dt.date | None = None,
) -> float | None:
    """The least principal waived, to the fen, for ``base`` over ``months`` at ``apr`` to fit.

    ``apr`` None keeps the proposal's (or the contract's) rate. None when waiving all
    the principal still does not fit (charges or a fee remain, or the budget is nil).

    >>> waiver_needed(Loan(), Proposal(), Budget(80_000, 0), months=12,
    ...               today=dt.date(2026, 12, 1))
    1274.1
    """
    setting = _setting(loan, budget, today)
    principal = setting.position.principal
    update: dict[str, object] = {
        "term_months": months,
        "months_added": None,
        "principal_waived_share": None,
    }
    if apr is not None:
        update["new_apr"] = apr

    def fits_with(waived_fen: int) -> bool:
        return _fits(
            setting, base.model_copy(update={**update, "principal_waived_yuan": waived_fen / 100})
        )

    waived = lowest_passing(0, principal, fits_with)
    return None if waived is None else waived / 100


def shortfall(
    loan: Loan,
    base: Proposal,
    budget: Budget,
    *,
    months: int,
    today: dt.date | None = None,
) -> int:
    """How far the budget falls short, in fen, at the best the levers allow.

    The best: ``months`` installments, no interest, and the penalty and charges waived.
    Zero when that plan fits.

    >>> shortfall(Loan(), Proposal(), Budget(30_000, 0), months=24, today=dt.date(2026, 12, 1))
    11667
    """
    setting = _setting(loan, budget, today)
    best = base.model_copy(
        update={
            "term_months": months,
            "months_added": None,
            "new_apr": 0.0,
            "overdue_charges_waived_share": 1.0,
        }
    )
    plan = proposal_schedule(
        loan, best, setting.position, today=setting.today, first_due=setting.first_due
    )
    over = (p - budget.in_month(m) for m, p in zip(plan.month, plan.payment, strict=True) if m)
    return max(0, *over)
