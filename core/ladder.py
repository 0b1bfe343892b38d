"""The offer ladder: what to ask for first, what to aim at, and where to stop.

All three rungs run over the same number of months, so that the borrower's cost orders
them by construction (a lower rate and more waived over the same term never cost more):

* **walk-away**, the most the borrower can bear: the contract's rate, nothing waived,
  over the fewest months that fit the budget (at most ``max_term_months``). If no term
  fits, the longest term at the highest rate that fits; failing that, the longest term
  at no interest with the least principal waived that fits (at most half of it).
* **opening**, the best for the borrower that a lender could still accept: penalty and
  charges waived, and the lowest rate at which the lender still receives, in present
  value, at least what it expects to recover from a default (``core.compare``'s
  lender's view). A rate of zero when even that beats default.
* **target**: penalty and charges waived, the rate halfway between the two (to 0.01 point).

When nothing within the bounds fits, the ladder is empty and says by how much the budget
falls short at the best the levers allow (the longest term, no interest, penalty and
charges waived, half the principal written off).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from core.budget import Budget, affordable_budget
from core.compare import (
    Comparison,
    Summary,
    compare_loan,
    default_recovery_pv,
    lender_fee,
    lender_present_value,
)
from core.models import Assumptions, Borrower, Loan, Proposal
from core.overdue import overdue_position
from core.plans import proposal_schedule
from core.schedules import default_first_due
from core.solver import (
    BASIS_POINT,
    lowest_passing,
    months_needed,
    rate_needed,
    shortfall,
    waiver_needed,
)

MAX_WAIVER_SHARE = 0.5
"""The largest share of principal the ladder will build a plan on. Lenders publish no
figure; a plan that writes off more than half is not a plan to offer but a settlement."""


class Rung(StrEnum):
    OPENING = "opening"
    TARGET = "target"
    WALK_AWAY = "walk_away"


@dataclass(frozen=True, slots=True)
class Offer:
    """One rung: the proposal to put forward and what it means for both sides."""

    rung: Rung
    proposal: Proposal
    summary: Summary


@dataclass(frozen=True, slots=True)
class Ladder:
    """Opening, target and walk-away (in that order), or none with the shortfall in fen."""

    offers: tuple[Offer, ...]
    budget: Budget
    months: int
    shortfall: int
    comparison: Comparison
    """The offers compared against the budget (no proposals when nothing fits): their
    schedules, staying overdue and its month-by-month path."""


def offer_ladder(loan: Loan, borrower: Borrower, assumptions: Assumptions) -> Ladder:
    """Solve the three rungs for ``loan`` against the borrower's whole budget.

    :func:`offer_ladder_for_budget` with :func:`core.budget.affordable_budget`.

    >>> ladder = offer_ladder(Loan(), Borrower(monthly_income_yuan=4_000,
    ...     essential_expenses_yuan=3_500), Assumptions(today=dt.date(2026, 12, 1)))
    >>> [(o.rung.value, o.proposal.term_months, o.proposal.new_apr) for o in ladder.offers]
    [('opening', 24, 0.0), ('target', 24, 0.09), ('walk_away', 24, 0.18)]
    """
    budget = affordable_budget(borrower, assumptions)
    return offer_ladder_for_budget(loan, budget, borrower, assumptions)


def offer_ladder_for_budget(
    loan: Loan, budget: Budget, borrower: Borrower, assumptions: Assumptions
) -> Ladder:
    """Solve the three rungs for ``loan`` against ``budget`` (see the module docstring).

    ``budget`` is what the borrower can put toward this loan: the whole budget for one
    loan, a lender's share when one budget is split (``core.split``). Every offer's
    ``fits`` is checked against it; ``borrower`` gives the disposable income that
    ``share_of_disposable`` is measured on.

    >>> ladder = offer_ladder_for_budget(Loan(), Budget(monthly=50_000, at_signing=0),
    ...     Borrower(), Assumptions(today=dt.date(2026, 12, 1)))
    >>> ladder.months, ladder.offers[-1].summary.highest_payment  # 499.24, the last 499.27
    (24, 49927)
    """
    today = assumptions.today or dt.date.today()
    longest = assumptions.max_term_months
    # The lump sum available is offered at signing on every rung (good faith, and less to
    # spread over the months), never more than everything owed.
    owed = overdue_position(loan).total
    base = Proposal(lump_sum_yuan=min(budget.at_signing, owed) / 100)
    walk_away = _walk_away(loan, base, budget, longest, today)
    if walk_away is None:
        best = base.model_copy(update={"principal_waived_share": MAX_WAIVER_SHARE})
        gap = shortfall(loan, best, budget, months=longest, today=today)
        alone = compare_loan(loan, (), borrower, assumptions, budget=budget)
        return Ladder((), budget, longest, max(gap, 1), alone)
    months = walk_away.term_months or longest
    waived_principal = walk_away.principal_waived_yuan
    walk_rate = walk_away.new_apr if walk_away.new_apr is not None else loan.nominal_apr

    def generous(apr: float) -> Proposal:
        return Proposal(
            term_months=months,
            new_apr=round(apr, 6),
            overdue_charges_waived_share=1.0,
            principal_waived_yuan=waived_principal,
            lump_sum_yuan=base.lump_sum_yuan,
        )

    opening_rate = _lowest_acceptable_rate(loan, assumptions, generous, walk_rate)
    middle = round((opening_rate + walk_rate) / 2 / BASIS_POINT) * BASIS_POINT
    proposals = (generous(opening_rate), generous(middle), walk_away)
    result = compare_loan(loan, proposals, borrower, assumptions, budget=budget)
    offers = tuple(
        Offer(rung, proposal, option.summary)
        for rung, proposal, option in zip(Rung, proposals, result.proposals, strict=True)
    )
    return Ladder(offers, budget, months, 0, result)


def _walk_away(
    loan: Loan, base: Proposal, budget: Budget, longest: int, today: dt.date
) -> Proposal | None:
    months = months_needed(loan, base, budget, max_months=longest, today=today)
    if months is not None:
        return base.model_copy(
            update={"term_months": months, "new_apr": round(loan.nominal_apr, 6)}
        )
    rate = rate_needed(loan, base, budget, months=longest, today=today)
    if rate is not None:
        return base.model_copy(update={"term_months": longest, "new_apr": rate})
    waived = waiver_needed(loan, base, budget, months=longest, apr=0.0, today=today)
    if waived is not None and waived <= loan.principal_yuan * MAX_WAIVER_SHARE:
        update = {"term_months": longest, "new_apr": 0.0, "principal_waived_yuan": waived}
        return base.model_copy(update=update)
    return None


def _lowest_acceptable_rate(
    loan: Loan,
    assumptions: Assumptions,
    generous: Callable[[float], Proposal],
    ceiling: float,
) -> float:
    """The lowest rate (0.01 point) at which the lender's present value beats its default recovery.

    Each step builds the plan's schedule and its present value for the lender only
    (``core.compare.lender_present_value``), the two figures a comparison would give.
    """
    today = assumptions.today or dt.date.today()
    first_due = assumptions.first_due_date or default_first_due(today)
    position = overdue_position(loan)
    recovery = default_recovery_pv(position, assumptions)

    def beats_default(basis_points: int) -> bool:
        proposal = generous(basis_points * BASIS_POINT)
        plan = proposal_schedule(loan, proposal, position, today=today, first_due=first_due)
        return lender_present_value(plan, lender_fee(proposal, position), assumptions) >= recovery

    if beats_default(0):
        return 0.0
    lowest = lowest_passing(0, round(ceiling / BASIS_POINT), beats_default)
    if lowest is None:
        return ceiling  # not even the walk-away rate beats default: open where it stands
    return round(lowest * BASIS_POINT, 6)
