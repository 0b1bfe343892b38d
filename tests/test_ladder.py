"""The offer ladder: ordered, affordable, and honest when nothing fits."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from plan_helpers import plan_cost
from strategies import solver_loans

from core import Assumptions, Borrower, Loan, LoanCase, Method, Proposal, compare_loan
from core.budget import Budget, affordable_budget
from core.ladder import MAX_WAIVER_SHARE, Rung, offer_ladder, offer_ladder_for_budget

TODAY = dt.date(2026, 12, 1)
ASSUME = Assumptions(today=TODAY, affordable_share=1.0)  # the figures by hand: no margin kept

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


# --- the methods a lender offers, the opening's ask, the margin, one figure for what is owed


def test_an_interest_first_loan_is_restructured_into_equal_installments():
    # 10,000 at 18 % interest first, 2,500 a month: the contract's last payment is the whole
    # principal, but five equal installments at the same rate fit (domain.md §1's formula).
    loan = Loan(principal_yuan=10_000, rate=0.18, remaining_months=12, method="interest_first")
    budget = Budget(monthly=250_000, at_signing=0)
    ladder = offer_ladder_for_budget(loan, budget, Borrower(), ASSUME)
    walk_away = ladder.offers[-1]
    assert walk_away.proposal.new_method is Method.EQUAL_INSTALLMENT
    assert walk_away.proposal.term_months == 5
    i = 0.015
    installment = 10_000 * i * (1 + i) ** 5 / ((1 + i) ** 5 - 1)  # 2,090.89
    assert (
        abs(walk_away.summary.highest_payment - installment * 100) <= 5
    )  # the last takes the rounding
    assert walk_away.summary.highest_payment == 209_091
    assert all(offer.summary.fits for offer in ladder.offers)


def test_when_the_walk_away_needs_a_waiver_the_opening_asks_for_more():
    borrower = Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500)
    ladder = offer_ladder(Loan(principal_yuan=40_000), borrower, ASSUME)
    opening, target, walk_away = (offer.proposal for offer in ladder.offers)
    least = walk_away.principal_waived_yuan
    assert least is not None and least > 0
    assert opening.principal_waived_yuan is not None and target.principal_waived_yuan is not None
    assert opening.principal_waived_yuan > target.principal_waived_yuan > least
    assert opening.principal_waived_yuan <= 40_000 * MAX_WAIVER_SHARE
    assert opening != target


def test_the_opening_waiver_is_the_most_the_lender_still_prefers_to_default():
    # A lender expecting to recover 60 % at once: the opening's waiver is where its present
    # value would fall below that recovery one yuan further on.
    assume = ASSUME.model_copy(update={"recovery_share": 0.6, "recovery_delay_months": 0})
    borrower = Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500)
    loan = Loan(principal_yuan=40_000)
    opening = offer_ladder(loan, borrower, assume).offers[0]
    waived = opening.proposal.principal_waived_yuan
    assert waived is not None
    assert opening.summary.lender_pv >= opening.summary.default_recovery_pv
    more = opening.proposal.model_copy(update={"principal_waived_yuan": waived + 1})
    summary = compare_loan(loan, (more,), borrower, assume).proposals[0].summary
    assert summary.lender_pv < summary.default_recovery_pv


def test_by_default_the_ladder_keeps_a_tenth_of_the_spare_income():
    # 1,500 spare: the walk-away's highest payment stays within 1,350, leaving 150.
    borrower = Borrower(monthly_income_yuan=6_000, essential_expenses_yuan=4_500)
    ladder = offer_ladder(Loan(principal_yuan=50_000), borrower, Assumptions(today=TODAY))
    assert ladder.budget.monthly == 135_000
    walk_away = ladder.offers[-1].summary
    assert walk_away.highest_payment <= 135_000
    whole = offer_ladder(Loan(principal_yuan=50_000), borrower, ASSUME)
    assert whole.offers[-1].summary.highest_payment > 135_000  # without the margin it takes more


@settings(max_examples=40, deadline=None)
@given(loan=loans, borrower=borrowers, cash=st.integers(0, 200_000))
def test_every_rung_is_a_proposal_the_case_accepts(loan: Loan, borrower: Borrower, cash: int):
    # One figure for what is owed: the ladder never offers a lump sum a case would refuse.
    rich = borrower.model_copy(update={"lump_sum_yuan": float(cash)})
    ladder = offer_ladder(loan, rich, ASSUME)
    LoanCase(loan=loan, proposals=tuple(offer.proposal for offer in ladder.offers))
