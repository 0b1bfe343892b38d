"""All my lenders, one budget: each lender's share of it, and each lender's plan from its share.

Step by step (money in whole fen):

1. **What each lender is owed today**: ``overdue_position(loan).total`` (principal,
   overdue interest, penalty and charges). It weighs every pro-rata split.
2. **How bad it is to leave a lender unpaid** (:func:`consequence`): a lawsuit filed,
   then a lawsuit threatened, then a credit card overdue at or above the
   malicious-overdraft amount (domain.md §5), then a lender that reports to the credit
   bureau, then the rest.
3. **The split** (:func:`split_budget`). The cash available now is split pro rata by
   debt under both strategies: offered at signing it lowers every lender's installments
   alike, and no strategy below is about it. The monthly budget:

   * *pro rata*: in proportion to what each lender is owed today (:func:`pro_rata`);
   * *consequences first*: lenders in :class:`Consequence` order (ties: the larger debt
     first, then list order) each get what their walk-away plan needs
     (:func:`walk_away_need`: the highest installment of the plan that asks the lender
     only for time), while money lasts; at the first need that cannot be met the
     money left is split pro rata by debt among that lender and all after it
     (:func:`needs_first`). When every need is met, the rest is left over, not
     allotted: it is the borrower's to keep or to prepay with.

4. **Each lender's ladder** from its share (``core.ladder.offer_ladder_for_budget``), over
   at most :func:`longest_term` months (60 for a credit card); its negotiated plan is the
   walk-away offer, the plan that fits its share and asks the least of the lender, or
   none, with the shortfall in fen.
5. **The picture** (:func:`plan_all`): month by month, each lender's payment, what is
   still owed under the plans and what is left of the budget; the stay-overdue path
   summed over all lenders; and the totals.

With one lender under *pro rata* its share is the whole budget, so its ladder and plan
are exactly those of ``core.ladder.offer_ladder`` (for a credit card, when
``max_term_months`` is at most 60). Under *consequences first* a single lender whose
need is below the budget gets its need and the rest is left over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from core.budget import Budget, affordable_budget
from core.compare import Option
from core.ladder import Ladder, offer_ladder_for_budget
from core.legal import CARD_PLAN_MAX_MONTHS, MALICIOUS_OVERDRAFT_AMOUNT
from core.models import Assumptions, Bureau, Case, Lawsuit, LenderType, Loan, Proposal
from core.money import yuan_to_fen
from core.overdue import OverdueMonth, overdue_position
from core.plans import proposal_schedule
from core.schedules import Schedule, add_months, default_first_due
from core.solver import plan_demand


class Strategy(StrEnum):
    """How the monthly budget is split across lenders."""

    PRO_RATA = "pro_rata"
    CONSEQUENCES = "consequences"


class Consequence(IntEnum):
    """What leaving a lender unpaid risks; a lower value is worse."""

    LAWSUIT_FILED = 1
    LAWSUIT_THREATENED = 2
    CARD_AT_MALICIOUS_OVERDRAFT_AMOUNT = 3
    REPORTS_TO_BUREAU = 4
    OTHER = 5


def at_malicious_overdraft_amount(loan: Loan) -> bool:
    """True for a credit card overdue with at least the malicious-overdraft amount still owed.

    Card, and overdue (days overdue > 0 or an overdue amount), and principal still owed
    ≥ ``core.legal.MALICIOUS_OVERDRAFT_AMOUNT`` (50,000 yuan, 法释〔2018〕19号 Art. 8).
    The crime also needs intent and two unanswered demands: this flags the amount, not
    a crime.

    >>> card = Loan(principal_yuan=50_000, lender_type="credit_card", days_overdue=40)
    >>> at_malicious_overdraft_amount(card), at_malicious_overdraft_amount(
    ...     card.model_copy(update={"principal_yuan": 49_999.99}))
    (True, False)
    """
    overdue = loan.days_overdue > 0 or loan.overdue_amount_yuan > 0
    return (
        loan.lender_type is LenderType.CREDIT_CARD
        and overdue
        and yuan_to_fen(loan.principal_yuan) >= MALICIOUS_OVERDRAFT_AMOUNT.amount_fen
    )


def consequence(loan: Loan) -> Consequence:
    """The worst thing leaving ``loan`` unpaid risks (the first rule that applies).

    Lawsuit filed; lawsuit threatened; a credit card at the malicious-overdraft amount
    (:func:`at_malicious_overdraft_amount`); the lender reports to the credit bureau
    (yes; unknown counts as the rest); the rest.

    >>> consequence(Loan(lawsuit="threatened", reports_to_bureau="yes")).name
    'LAWSUIT_THREATENED'
    >>> consequence(Loan(reports_to_bureau="unknown")).name
    'OTHER'
    """
    if loan.lawsuit is Lawsuit.FILED:
        return Consequence.LAWSUIT_FILED
    if loan.lawsuit is Lawsuit.THREATENED:
        return Consequence.LAWSUIT_THREATENED
    if at_malicious_overdraft_amount(loan):
        return Consequence.CARD_AT_MALICIOUS_OVERDRAFT_AMOUNT
    if loan.reports_to_bureau is Bureau.YES:
        return Consequence.REPORTS_TO_BUREAU
    return Consequence.OTHER


def pro_rata(total_fen: int, weights: Sequence[int]) -> list[int]:
    """Split ``total_fen`` in proportion to ``weights``, in whole fen summing to the total.

    Parameters
    ----------
    total_fen : int
        The amount split, at least 0.
    weights : sequence of int
        One weight (at least 0) per share, e.g. what each lender is owed in fen.

    Returns
    -------
    list of int
        The shares, in the order of the weights.

    Notes
    -----
    Largest remainder, in exact integer arithmetic: with W = Σ w_j, share i is
    ``⌊T·w_i / W⌋``, and the fen those floors leave, ``T − Σ ⌊T·w_j / W⌋`` (fewer than
    the number of shares), go one each to the shares with the largest remainders
    ``T·w_i mod W``, ties to the earlier share. A zero weight gets nothing. When every
    weight is zero every share is zero and the total goes nowhere: it is left over.

    Examples
    --------
    >>> pro_rata(100, [1, 1, 1]), pro_rata(1_000, [3, 0, 1]), pro_rata(500, [0, 0])
    ([34, 33, 33], [750, 0, 250], [0, 0])
    """
    if total_fen < 0 or any(weight < 0 for weight in weights):
        raise ValueError("pro_rata splits a non-negative total by non-negative weights")
    whole = sum(weights)
    if whole == 0:
        return [0] * len(weights)
    shares = [total_fen * weight // whole for weight in weights]
    remainders = [total_fen * weight % whole for weight in weights]
    left = total_fen - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return shares


def needs_first(
    total_fen: int, needs: Sequence[int], weights: Sequence[int], order: Sequence[int]
) -> list[int]:
    """Fund each need in ``order`` while money lasts; split what is left among the unmet.

    Parameters
    ----------
    total_fen : int
        The amount split, at least 0.
    needs, weights : sequence of int
        What each share needs, and its pro-rata weight, in the same (list) order.
    order : sequence of int
        Indexes into ``needs``: who is funded first.

    Returns
    -------
    list of int
        The shares in list order. They sum to ``total_fen`` unless every need is met:
        then the rest is left over.

    Notes
    -----
    Going down ``order``, share k gets ``need_k`` while ``need_k`` ≤ what is left. At the
    first need that is more than what is left R, the lenders from that one to the end
    of the order share R by :func:`pro_rata` of their weights.

    Examples
    --------
    >>> needs_first(1_000, needs=[300, 500, 400], weights=[1, 1, 2], order=[1, 0, 2])
    [300, 500, 200]
    >>> needs_first(1_000, needs=[100, 200], weights=[1, 1], order=[1, 0])
    [100, 200]
    >>> needs_first(600, needs=[300, 500, 400], weights=[1, 1, 2], order=[1, 0, 2])
    [33, 500, 67]
    """
    shares = [0] * len(needs)
    left = total_fen
    for position, index in enumerate(order):
        if needs[index] > left:
            unmet = order[position:]
            for unmet_index, share in zip(
                unmet, pro_rata(left, [weights[i] for i in unmet]), strict=True
            ):
                shares[unmet_index] = share
            return shares
        shares[index] = needs[index]
        left -= needs[index]
    return shares


def longest_term(loan: Loan, assumptions: Assumptions) -> int:
    """The longest plan to ask this lender for, in months.

    ``assumptions.max_term_months``, and for a credit card at most
    ``core.legal.CARD_PLAN_MAX_MONTHS`` (60: 商业银行信用卡业务监督管理办法 Art. 70).

    >>> longest_term(Loan(lender_type="credit_card"), Assumptions(max_term_months=84))
    60
    """
    if loan.lender_type is LenderType.CREDIT_CARD:
        return min(assumptions.max_term_months, CARD_PLAN_MAX_MONTHS)
    return assumptions.max_term_months


def walk_away_need(
    loan: Loan, at_signing_fen: int, assumptions: Assumptions, today: dt.date
) -> int:
    """The monthly payment this lender's walk-away plan needs: the plan asking only for time.

    The highest installment (``core.solver.plan_demand``) of
    ``Proposal(term_months=longest_term, new_apr=contract APR)`` with what the lender
    gets at signing, ``min(at_signing_fen, owed today)``, offered as a lump sum, as the
    ladder offers it. Nothing waived: penalty and charges are spread over the months.

    >>> walk_away_need(Loan(), 0, Assumptions(max_term_months=24), dt.date(2026, 12, 1))
    49927
    """
    position = overdue_position(loan)
    proposal = Proposal(
        term_months=longest_term(loan, assumptions),
        new_apr=round(loan.nominal_apr, 6),
        lump_sum_yuan=min(at_signing_fen, position.total) / 100,
    )
    plan = proposal_schedule(
        loan, proposal, position, today=today, first_due=default_first_due(today)
    )
    highest, _ = plan_demand(plan)
    return highest


def consequence_order(loans: Sequence[Loan], debts: Sequence[int]) -> list[int]:
    """Indexes of ``loans``, worst consequence first; ties: the larger debt, then list order.

    >>> consequence_order([Loan(), Loan(lawsuit="filed"), Loan()], [100, 50, 200])
    [1, 2, 0]
    """
    return sorted(range(len(loans)), key=lambda i: (consequence(loans[i]), -debts[i], i))


def split_budget(
    loans: Sequence[Loan],
    budget: Budget,
    strategy: Strategy,
    assumptions: Assumptions,
    today: dt.date,
) -> tuple[Budget, ...]:
    """Each lender's share of the monthly budget and of the cash available now.

    Parameters
    ----------
    loans : sequence of Loan
        The lenders, in the case's order.
    budget : Budget
        The borrower's whole budget in fen; a negative amount is nothing to split.
    strategy : Strategy
        How the monthly budget is split (the module docstring, step 3).
    assumptions : Assumptions
        Its ``max_term_months`` bounds the walk-away plans.
    today : date
        The signing date.

    Returns
    -------
    tuple of Budget
        One share per lender, in the order of ``loans``.

    Notes
    -----
    ``at_signing = pro_rata(cash now, debts)`` under both strategies. Pro rata:
    ``monthly = pro_rata(monthly budget, debts)``. Consequences first:
    ``monthly = needs_first(monthly budget, walk-away needs, debts, consequence order)``.
    The shares never sum to more than the budget and are never negative.

    Examples
    --------
    >>> loans = [Loan(principal_yuan=30_000), Loan(principal_yuan=10_000, lawsuit="filed")]
    >>> today, assume = dt.date(2026, 12, 1), Assumptions()
    >>> split_budget(loans, Budget(100_000, 40_000), Strategy.PRO_RATA, assume, today)
    (Budget(monthly=75000, at_signing=30000), Budget(monthly=25000, at_signing=10000))
    >>> # The lawsuit first: 10,000 yuan at 18 % over 60 months, 253.93 a month and the
    >>> # last 254.34; what is left can not carry the other's 761.80, so it is all its.
    >>> split_budget(loans, Budget(100_000, 0), Strategy.CONSEQUENCES, assume, today)
    (Budget(monthly=74566, at_signing=0), Budget(monthly=25434, at_signing=0))
    """
    debts = [overdue_position(loan).total for loan in loans]
    at_signing = pro_rata(max(budget.at_signing, 0), debts)

    needs, order = [], []
    if strategy is Strategy.CONSEQUENCES:
        needs = [
            walk_away_need(loan, cash, assumptions, today)
            for loan, cash in zip(loans, at_signing, strict=True)
        ]
        order = consequence_order(loans, debts)

    def share(monthly_budget: int) -> list[int]:
        if strategy is Strategy.PRO_RATA:
            return pro_rata(monthly_budget, debts)
        return needs_first(monthly_budget, needs, debts, order)

    monthly = share(max(budget.monthly, 0))
    if budget.later is None:
        return tuple(Budget(m, a) for m, a in zip(monthly, at_signing, strict=True))
    # A later income is shared by the same rule, from the same month for every lender.
    later = share(max(budget.later, 0))
    return tuple(
        Budget(m, a, later=lm, later_from_month=budget.later_from_month)
        for m, a, lm in zip(monthly, at_signing, later, strict=True)
    )


@dataclass(frozen=True, slots=True)
class LenderPlan:
    """One lender under the strategy: its share, its ladder and its negotiated plan."""

    index: int
    """Position in the case's loans."""
    loan: Loan
    consequence: Consequence
    debt: int
    """Everything owed today, in fen."""
    share: Budget
    ladder: Ladder
    """Solved from ``share`` over at most :func:`longest_term` months."""
    plan: Option | None
    """The walk-away offer, its schedule and summary; None when nothing fits the share."""

    @property
    def shortfall(self) -> int:
        """How far the share falls short of the best the levers allow (0 with a plan), in fen."""
        return self.ladder.shortfall

    @property
    def overdue_path(self) -> tuple[OverdueMonth, ...]:
        """What staying overdue with this lender claims, month by month."""
        return self.ladder.comparison.overdue_path


@dataclass(frozen=True, slots=True)
class CombinedMonth:
    """One month of all the plans together, money in fen; month 0 is signing."""

    month: int
    due_date: dt.date
    payments: tuple[int, ...]
    """Each lender's payment, in the case's order (0 for a lender without a plan)."""
    owed: tuple[int, ...]
    """What each lender's plan still claims after this month: principal balance and the
    arrears of later rows (future interest is not owed yet; 0 without a plan)."""
    budget: int
    """The monthly budget; at signing, the cash available now."""

    @property
    def total(self) -> int:
        return sum(self.payments)

    @property
    def total_owed(self) -> int:
        return sum(self.owed)

    @property
    def left_over(self) -> int:
        """Budget not asked for this month: what a prepayment strategy could use."""
        return self.budget - self.total


@dataclass(frozen=True, slots=True)
class OverdueTotal:
    """Staying overdue with every lender, summed, at one month from today (fen)."""

    month: int
    date: dt.date
    claimed: int
    enforceable: int


@dataclass(frozen=True, slots=True)
class Unplanned:
    """A lender whose share fits no plan, and by how much it falls short (fen a month)."""

    index: int
    shortfall: int


@dataclass(frozen=True, slots=True)
class SplitTotals:
    """The strategy's totals, money in fen."""

    highest_monthly: int
    """The highest total asked in any month after signing, all plans together."""
    monthly_budget: int
    """The budget of the months before any later income (all months when none is given)."""
    each_month_within: bool
    """Every month's total within that month's budget (the later one once it applies)."""
    due_at_signing: int
    cash_now: int
    months_to_clear: int
    """Months until every planned debt is cleared (0 when nothing is planned)."""
    total_paid: int
    """Everything the plans ask, at signing included."""
    saving_vs_overdue: int
    """Σ of each plan's ``saving_vs_overdue``; a lender without a plan adds nothing."""
    unplanned: tuple[Unplanned, ...]
    hardship: bool
    """No monthly budget now or later (income at or below essential expenses, no later
    income given): nothing can be paid each month, and a pause is the one thing to ask."""

    @property
    def within_budget(self) -> bool:
        return self.each_month_within and self.due_at_signing <= self.cash_now


@dataclass(frozen=True, slots=True)
class AllLenders:
    """Every lender planned against one budget under one strategy."""

    strategy: Strategy
    budget: Budget
    lenders: tuple[LenderPlan, ...]
    months: tuple[CombinedMonth, ...]
    """Month 0 (signing) to the month the last plan ends."""
    overdue_path: tuple[OverdueTotal, ...]
    """Staying overdue with every lender (planned or not), month 0 (today) to the horizon."""
    totals: SplitTotals


def plan_all(case: Case, strategy: Strategy) -> AllLenders:
    """Plan every lender of ``case`` against the borrower's one budget (module docstring).

    The proposals entered for each loan are not used: each lender's plan is solved.

    >>> from core.models import Borrower, LoanCase
    >>> case = Case(
    ...     borrower=Borrower(monthly_income_yuan=5_000, essential_expenses_yuan=4_000),
    ...     loans=(LoanCase(loan=Loan(principal_yuan=30_000)),
    ...            LoanCase(loan=Loan(principal_yuan=10_000, lawsuit="filed"))),
    ...     assumptions=Assumptions(today=dt.date(2026, 12, 1), affordable_share=1))
    >>> result = plan_all(case, Strategy.CONSEQUENCES)
    >>> [(p.share.monthly, p.plan.summary.months_to_finish) for p in result.lenders]
    [(74566, 60), (25434, 60)]
    >>> result.totals.highest_monthly <= result.totals.monthly_budget, result.totals.hardship
    (True, False)
    """
    assumptions = case.assumptions
    today = assumptions.today or dt.date.today()
    budget = affordable_budget(case.borrower, assumptions)
    loans = [loan_case.loan for loan_case in case.loans]
    shares = split_budget(loans, budget, strategy, assumptions, today)
    lenders = tuple(
        _plan_lender(index, loan, share, case)
        for index, (loan, share) in enumerate(zip(loans, shares, strict=True))
    )
    first_due = assumptions.first_due_date or default_first_due(today)
    months = combined_months(lenders, budget, today=today, first_due=first_due)
    return AllLenders(
        strategy=strategy,
        budget=budget,
        lenders=lenders,
        months=months,
        overdue_path=overdue_totals(lenders),
        totals=split_totals(lenders, months, budget),
    )


def _plan_lender(index: int, loan: Loan, share: Budget, case: Case) -> LenderPlan:
    longest = longest_term(loan, case.assumptions)
    assumptions = case.assumptions
    if longest != assumptions.max_term_months:
        assumptions = assumptions.model_copy(update={"max_term_months": longest})
    ladder = offer_ladder_for_budget(loan, share, case.borrower, assumptions)
    plan = ladder.comparison.proposals[-1] if ladder.offers else None
    return LenderPlan(
        index=index,
        loan=loan,
        consequence=consequence(loan),
        debt=ladder.comparison.position.total,
        share=share,
        ladder=ladder,
        plan=plan,
    )


def still_owed(plan: Schedule, months: int) -> list[int]:
    """What ``plan`` still claims after each month 0..``months``, in fen.

    After month m: the principal balance of the last row up to m (before any row, the
    principal the plan starts from) plus the arrears of the rows after m. Interest not
    yet accrued is not owed (as in ``Schedule.position_after``).

    >>> from core.models import Method
    >>> from core.schedules import schedule
    >>> still_owed(schedule(Method.EQUAL_PRINCIPAL, 300, 0.01, 3,
    ...                     first_due=dt.date(2027, 1, 1)), 4)
    [30000, 20000, 10000, 0, 0]
    """
    if not plan.month:
        return [0] * (months + 1)
    balance = plan.balance[0] + plan.principal[0]
    arrears_left = plan.total_arrears
    owed = []
    row = 0
    for month in range(months + 1):
        while row < len(plan.month) and plan.month[row] <= month:
            balance = plan.balance[row]
            arrears_left -= plan.arrears[row]
            row += 1
        owed.append(balance + arrears_left)
    return owed


def combined_months(
    lenders: Sequence[LenderPlan], budget: Budget, *, today: dt.date, first_due: dt.date
) -> tuple[CombinedMonth, ...]:
    """All the plans month by month, from signing (month 0) to the end of the longest.

    Month m > 0 falls due on ``first_due`` + (m − 1) months; month 0 is ``today``. Each
    lender's payment is its plan's payment that month (``Schedule.cash_flows``) and what
    it still owes is :func:`still_owed`; a lender without a plan shows 0 in both (its
    debt is in the stay-overdue picture). The budget is the monthly budget, at signing
    the cash available now; ``left_over`` is what the plans leave of it.

    >>> from core.compare import compare_loan
    >>> from core.models import Borrower
    >>> today = dt.date(2026, 12, 1)
    >>> ladder = offer_ladder_for_budget(Loan(principal_yuan=600, rate=0, remaining_months=3),
    ...     Budget(30_000, 0), Borrower(), Assumptions(today=today))
    >>> lender = LenderPlan(0, Loan(), Consequence.OTHER, 60_000, Budget(30_000, 0), ladder,
    ...                     ladder.comparison.proposals[-1])
    >>> [(m.month, m.total, m.total_owed, m.left_over) for m in combined_months(
    ...     [lender], Budget(30_000, 0), today=today, first_due=dt.date(2027, 1, 1))]
    [(0, 0, 60000, 0), (1, 30000, 30000, 0), (2, 30000, 0, 0)]
    """
    horizon = max((p.plan.summary.months_to_finish for p in lenders if p.plan), default=0)
    flows = [
        p.plan.schedule.cash_flows(horizon) if p.plan else [0] * (horizon + 1) for p in lenders
    ]
    owed = [
        still_owed(p.plan.schedule, horizon) if p.plan else [0] * (horizon + 1) for p in lenders
    ]
    return tuple(
        CombinedMonth(
            month=month,
            due_date=today if month == 0 else add_months(first_due, month - 1),
            payments=tuple(lender_flows[month] for lender_flows in flows),
            owed=tuple(lender_owed[month] for lender_owed in owed),
            budget=budget.at_signing if month == 0 else budget.in_month(month),
        )
        for month in range(horizon + 1)
    )


def overdue_totals(lenders: Sequence[LenderPlan]) -> tuple[OverdueTotal, ...]:
    """Staying overdue with every lender: each month's claimed and enforceable, summed.

    Each lender's path is ``core.overdue.stay_overdue_path`` over the same horizon from
    today, so month m is the same date for all of them.
    """
    return tuple(
        OverdueTotal(
            month=rows[0].month,
            date=rows[0].date,
            claimed=sum(row.claimed for row in rows),
            enforceable=sum(row.enforceable for row in rows),
        )
        for rows in zip(*(lender.overdue_path for lender in lenders), strict=True)
    )


def split_totals(
    lenders: Sequence[LenderPlan], months: Sequence[CombinedMonth], budget: Budget
) -> SplitTotals:
    """The strategy's totals (see :class:`SplitTotals`); plans in the module docstring."""
    plans = [lender.plan.summary for lender in lenders if lender.plan is not None]
    return SplitTotals(
        highest_monthly=max((m.total for m in months if m.month > 0), default=0),
        monthly_budget=budget.monthly,
        each_month_within=all(m.total <= m.budget for m in months if m.month > 0),
        due_at_signing=sum(m.total for m in months if m.month == 0),
        cash_now=budget.at_signing,
        months_to_clear=max((s.months_to_finish for s in plans), default=0),
        total_paid=sum(s.total_paid for s in plans),
        saving_vs_overdue=sum(s.saving_vs_overdue for s in plans),
        unplanned=tuple(
            Unplanned(lender.index, lender.shortfall) for lender in lenders if lender.plan is None
        ),
        hardship=budget.most <= 0,
    )
