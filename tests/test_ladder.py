"""The offer ladder: ordered, affordable, and honest when nothing fits."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from plan_helpers import plan_cost
from strategies import solver_loans

from core import Assumptions, Borrower, Loan, Proposal, compare_loan
from core.budget import affordable_budget
from core.ladder import Rung, offer_ladder

TODAY = dt.date(2026, 12, 1)
ASSUME = Assumptions(today=TODAY)

loans = solver_loans(principal_yuan=(1_000, 100_000), max_months=36, days_overdue=(0, 40, 100))
borrowers = st.builds(
    Borrower,
    monthly_income_yuan=st.integers(0, 20_000).map(float),
    essential_expenses_yuan=st.integers(0, 10_000).map(float),
)


@settings(max_examples=40, deadline=None)
@given(loan=loans, borrower=borrowers)
def test_rungs_are_ordered_and_fit_or_the_shortfall_is_told(loan: Loan, borrower: Borrower):
    ladder = offer_ladder(loan, borrower, ASSUME)
    budget = affordable_budget(borrower, ASSUME)
    if not ladder.offers:
        assert ladder.shortfall > 0
        best = Proposal(
            term_months=ASSUME.max_term_months, new_apr=0.0, overdue_charges_waived_share=1.0
        )
        highest, _ = plan_cost(loan, best, TODAY)
        assert highest > budget.monthly
        return
    assert [o.rung for o in ladder.offers] == [Rung.OPENING, Rung.TARGET, Rung.WALK_AWAY]
    totals = [o.summary.total_paid for o in ladder.offers]
    assert totals == sorted(totals)
    for offer in ladder.offers:
        assert offer.summary.highest_payment <= budget.monthly
        assert offer.proposal.term_months == ladder.months <= ASSUME.max_term_months
    opening, _, walk_away = ladder.offers
    assert opening.proposal.new_apr is not None and walk_away.proposal.new_apr is not None
    assert opening.proposal.new_apr <= walk_away.proposal.new_apr


def test_walk_away_is_the_fewest_months_at_the_contract_rate():
    borrower = Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500)
    ladder = offer_ladder(Loan(), borrower, ASSUME)
    walk_away = ladder.offers[-1]
    assert walk_away.proposal.new_apr == 0.18
    assert walk_away.proposal.term_months == 24  # 499.24 a month; 23 months would be 519.88
    assert walk_away.summary.highest_payment <= 50_000


def test_opening_is_the_lowest_rate_that_still_beats_default_for_the_lender():
    assume = Assumptions(today=TODAY, recovery_share=0.95, recovery_delay_months=0)
    borrower = Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500)
    ladder = offer_ladder(Loan(), borrower, assume)
    opening = ladder.offers[0]
    assert opening.summary.lender_pv >= opening.summary.default_recovery_pv
    rate = opening.proposal.new_apr
    assert rate is not None and rate > 0
    lower = opening.proposal.model_copy(update={"new_apr": round(rate - 0.0001, 6)})
    summary = compare_loan(Loan(), (lower,), borrower, assume).proposals[0].summary
    assert summary.lender_pv < summary.default_recovery_pv


def test_no_spare_income_gives_an_empty_ladder_and_the_gap():
    borrower = Borrower(monthly_income_yuan=3_000, essential_expenses_yuan=3_500)
    ladder = offer_ladder(Loan(), borrower, ASSUME)
    assert ladder.offers == ()
    # 5,000 (half waived) over 60 months without interest: 59 payments of 83.33, and the
    # last, the highest, takes the rounding: 5,000 - 59 x 83.33 = 83.53.
    assert ladder.shortfall == 8_353


def test_a_waiver_above_half_the_principal_is_no_plan():
    # 1 yuan a month to spare on 100,000: only writing off almost all of it would fit.
    borrower = Borrower(monthly_income_yuan=3_501, essential_expenses_yuan=3_500)
    ladder = offer_ladder(Loan(principal_yuan=100_000), borrower, ASSUME)
    assert ladder.offers == ()
    assert ladder.shortfall == 83_353 - 100  # last of 60 payments on 50,000, against 1 yuan


def test_a_waiver_within_half_is_the_walk_away():
    borrower = Borrower(monthly_income_yuan=3_600, essential_expenses_yuan=3_500)
    ladder = offer_ladder(Loan(principal_yuan=8_000), borrower, ASSUME)
    walk_away = ladder.offers[-1].proposal
    assert walk_away.new_apr == 0.0
    assert walk_away.principal_waived_yuan is not None
    assert 0 < walk_away.principal_waived_yuan <= 4_000
    assert ladder.offers[-1].summary.highest_payment <= 10_000


def test_the_lump_sum_is_offered_at_signing_on_every_rung():
    borrower = Borrower(
        monthly_income_yuan=4_000, essential_expenses_yuan=3_500, lump_sum_yuan=2_000
    )
    with_lump = offer_ladder(Loan(), borrower, ASSUME)
    without = offer_ladder(Loan(), borrower.model_copy(update={"lump_sum_yuan": 0.0}), ASSUME)
    for offer in with_lump.offers:
        assert offer.proposal.lump_sum_yuan == 2_000
        assert offer.summary.due_at_signing == 200_000
    # 8,000 left to spread: fewer months than without the lump sum.
    assert with_lump.months < without.months
