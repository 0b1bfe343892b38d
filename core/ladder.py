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
  lender's view). A rate of zero when even that beats default. When the walk-away
  already needs a principal waiver (no interest left to give up), the opening asks for
  the largest waiver the lender could still prefer to default instead.
* **target**: penalty and charges waived, the rate (or the waiver) halfway between the two
  (to 0.01 point, or to the fen).

The budget is the borrower's, margin kept (``core.budget``). An interest-first contract
is restructured into equal installments, as lenders do when they renegotiate one. When
nothing paid from today's income fits and the borrower expects a later income, the
ladder takes the hardship route (:class:`Route`): a payment holiday until that income
arrives, with a token paid meanwhile if anything can be spared, interest stopped during
it on the opening and target (停息), then a plan within the later budget.

When nothing within the bounds fits, the ladder is empty and says by how much the budget
falls short at the best the levers allow (the longest term, no interest, penalty and
charges waived, half the principal written off).
"""

from __future__ import annotations

import datetime as dt
import math
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
from core.models import Assumptions, Borrower, Loan, Method, Proposal
from core.overdue import overdue_position
from core.plans import owed_after_waivers, proposal_schedule
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


class Route(StrEnum):
    """What the ladder asks for: a plan paid from today's income, or a pause first."""

    PLAN = "plan"
    PAUSE = "pause"
    """No installment until the later income arrives (a payment holiday, interest stopped
    on the opening and target: 停息挂账), then a plan paid from that income."""


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
    route: Route = Route.PLAN


def offer_ladder(loan: Loan, borrower: Borrower, assumptions: Assumptions) -> Ladder:
    """Solve the three rungs for ``loan`` against the borrower's whole budget.

    :func:`offer_ladder_for_budget` with :func:`core.budget.affordable_budget`.

    With 500 spare, nine tenths of it (450) for the debt:

    >>> ladder = offer_ladder(Loan(), Borrower(monthly_income_yuan=4_000,
    ...     essential_expenses_yuan=3_500), Assumptions(today=dt.date(2026, 12, 1)))
    >>> [(o.rung.value, o.proposal.term_months, o.proposal.new_apr) for o in ladder.offers]
    [('opening', 28, 0.0), ('target', 28, 0.09), ('walk_away', 28, 0.18)]
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
    base = _plan_base(loan, budget)
    route = Route.PLAN
    walk_away = _walk_away(loan, base, budget, longest, today)
    if walk_away is None and budget.later is not None:
        route, base = Route.PAUSE, _pause_base(base, budget)
        walk_away = _walk_away(loan, base, budget, longest, today)
    if walk_away is None:
        best = base.model_copy(update={"principal_waived_share": MAX_WAIVER_SHARE})
        gap = shortfall(loan, best, budget, months=longest, today=today)
        alone = compare_loan(loan, (), borrower, assumptions, budget=budget)
        return Ladder((), budget, longest, max(gap, 1), alone, route)
    proposals = _rungs(loan, walk_away, assumptions)
    result = compare_loan(loan, proposals, borrower, assumptions, budget=budget)
    offers = tuple(
        Offer(rung, proposal, option.summary)
        for rung, proposal, option in zip(Rung, proposals, result.proposals, strict=True)
    )
    return Ladder(offers, budget, walk_away.term_months or longest, 0, result, route)


def _plan_base(loan: Loan, budget: Budget) -> Proposal:
    """What every rung starts from: the cash available paid at signing, and the method.

    The cash is offered at signing on every rung (good faith, and less to spread over the
    months), never more than everything owed once the penalty and charges are waived
    (the opening and target waive them; ``core.plans.owed_after_waivers``). An
    interest-first contract's last installment is the whole principal, which no budget
    short of it can meet: lenders restructure such a loan into equal installments.
    """
    owed = owed_after_waivers(Proposal(overdue_charges_waived_share=1.0), overdue_position(loan))
    method = Method.EQUAL_INSTALLMENT if loan.method is Method.INTEREST_FIRST else None
    return Proposal(lump_sum_yuan=min(budget.at_signing, owed) / 100, new_method=method)


def _pause_base(base: Proposal, budget: Budget) -> Proposal:
    """The hardship route: no installment until the later income arrives.

    The holiday lasts until month ``later_from_month``; in each holiday month a token
    of what can be spared now (rounded down to 10 yuan) shows good faith.
    """
    token = budget.monthly // 1_000 * 10
    return base.model_copy(
        update={
            "holiday_months": max(budget.later_from_month - 1, 0),
            "holiday_payment_yuan": float(token),
        }
    )


def _rungs(loan: Loan, walk_away: Proposal, assumptions: Assumptions) -> tuple[Proposal, ...]:
    """Opening, target and walk-away over the walk-away's months.

    The opening and the target waive the penalty and charges and, on a payment holiday,
    stop interest during it (停息). With no interest left to give up (a walk-away that
    already needs a principal waiver), they ask for more principal waived instead.
    """
    months = walk_away.term_months
    waived = walk_away.principal_waived_yuan
    walk_rate = walk_away.new_apr if walk_away.new_apr is not None else loan.nominal_apr

    position = overdue_position(loan)

    def generous(apr: float, waiver: float | None = waived) -> Proposal:
        proposal = walk_away.model_copy(
            update={
                "term_months": months,
                "new_apr": round(apr, 6),
                "overdue_charges_waived_share": 1.0,
                "principal_waived_yuan": waiver,
                "holiday_interest_accrues": False,
            }
        )
        # With more waived, less is owed: the cash at signing is never more than that.
        most = owed_after_waivers(proposal, position) / 100
        if proposal.lump_sum_yuan <= most:
            return proposal
        return proposal.model_copy(update={"lump_sum_yuan": most})

    if waived:
        opening_waiver = _largest_acceptable_waiver(loan, assumptions, generous, waived)
        middle = round((opening_waiver + waived) / 2, 2)
        return generous(0.0, opening_waiver), generous(0.0, middle), walk_away
    opening_rate = _lowest_acceptable_rate(loan, assumptions, generous, walk_rate)
    middle_rate = round((opening_rate + walk_rate) / 2 / BASIS_POINT) * BASIS_POINT
    return generous(opening_rate), generous(middle_rate), walk_away


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


def _lender_test(loan: Loan, assumptions: Assumptions) -> Callable[[Proposal], bool]:
    """Whether the lender's present value of a plan beats its expected default recovery.

    Each call builds the plan's schedule and its present value for the lender only
    (``core.compare.lender_present_value``), the two figures a comparison would give.
    """
    today = assumptions.today or dt.date.today()
    first_due = assumptions.first_due_date or default_first_due(today)
    position = overdue_position(loan)
    recovery = default_recovery_pv(position, assumptions)

    def beats_default(proposal: Proposal) -> bool:
        plan = proposal_schedule(loan, proposal, position, today=today, first_due=first_due)
        return lender_present_value(plan, lender_fee(proposal, position), assumptions) >= recovery

    return beats_default


def _largest_acceptable_waiver(
    loan: Loan,
    assumptions: Assumptions,
    generous: Callable[[float, float | None], Proposal],
    least: float,
) -> float:
    """The most principal (to the yuan) the lender could still prefer to write off over default.

    Searched between the walk-away's waiver ``least`` and ``MAX_WAIVER_SHARE`` of the
    principal. When the lender would do better by default even at ``least``, the opening
    still asks for more: halfway to that cap, an anchor the page marks as not a win for
    the lender.
    """
    beats_default = _lender_test(loan, assumptions)
    low = math.ceil(least)
    cap = math.floor(loan.principal_yuan * MAX_WAIVER_SHARE)
    if cap <= low:
        return least
    if not beats_default(generous(0.0, float(low))):
        return float(low + (cap - low) // 2)
    # Passing means "too much waived for the lender"; it stays passed as the waiver grows.
    first_too_much = lowest_passing(low, cap, lambda w: not beats_default(generous(0.0, w)))
    return float(cap if first_too_much is None else first_too_much - 1)


def _lowest_acceptable_rate(
    loan: Loan,
    assumptions: Assumptions,
    generous: Callable[[float], Proposal],
    ceiling: float,
) -> float:
    """The lowest rate (0.01 point) at which the lender's present value beats its default recovery."""
    beats_default = _lender_test(loan, assumptions)
    if beats_default(generous(0.0)):
        return 0.0
    lowest = lowest_passing(
        0, round(ceiling / BASIS_POINT), lambda bp: beats_default(generous(bp * BASIS_POINT))
    )
    if lowest is None:
        return ceiling  # not even the walk-away rate beats default: open where it stands
    return round(lowest * BASIS_POINT, 6)
