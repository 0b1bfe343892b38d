"""Using the money left over each month: prepay the plans, highest cost or smallest debt first.

Once every lender has its negotiated plan (``core.split.plan_all``), part of the monthly
budget is left over (``CombinedMonth.left_over``), and more is freed each time a plan ends.
The borrower may put it toward the plans, and end them sooner. Step by step (money in fen):

1. **What is prepaid.** Only plans: a lender without a plan gets nothing (it is not in a
   plan to prepay; its debt stays in the stay-overdue picture). Plans repaid by equal
   installments, equal principal or interest first are prepaid. A flat-fee plan (等本等息)
   stays on its schedule: its fee is charged on the original principal, so repaying early
   saves nothing unless the lender agrees to drop fees, and what lenders charge on early
   repayment of such plans is contract-specific. The ladder's plans (``plan_all``) keep
   the contract's method, so a flat-fee contract gives a flat-fee plan.
2. **Signing is as planned.** Month 0 is left alone: the cash available now is already
   offered at signing, pro rata (``core.split``), and what is left of it stays the
   borrower's.
3. **Each month m ≥ 1, every plan's regular payment is paid first** (step 6 says what it
   is once a plan has been prepaid). What is left of the monthly budget goes, as extra
   payments, to the plans in the borrower's order (:class:`Prepayment`):

   * *highest cost first* (avalanche): the highest APR by IRR
     (``plan.summary.apr.nominal_apr``; a plan without one counts as 0); ties: the larger
     amount owed, then list order;
   * *smallest debt first* (snowball): the smallest amount owed; ties: list order;
   * *not at all*: nothing extra; the months are ``plan_all``'s.

   The amount owed is what the plan still claims once signed (principal balance and
   arrears, ``CombinedMonth.owed`` of month 0). The order is fixed then, so the borrower
   can be told it; re-sorting each month by the amounts left would, among plans of equal
   APR, move the extras from one plan to the next and back, and end none of them sooner.
   A plan gets at most what it still owes; what remains goes to the next in the order,
   the same month. A plan with a payment holiday gets extras only from its first
   installment's month (the interest of the holiday was settled at signing on the
   principal then).
4. **An extra repays principal, then arrears.** It lowers the principal balance; once
   the principal is repaid, it pays the arrears left (spread overdue interest, charges,
   holiday interest), those of the last rows first. The borrower should ask the lender
   in writing to apply an extra so: by default Civil Code Art. 561 lets a lender take
   costs and interest before principal.
5. **The regular installment stays the same, so the plan ends earlier.** After an extra,
   each row is recomputed by the plan's own rule on the lower balance, at the plan's
   rate for that row (zero in interest-free months), as ``core.schedules`` computes it:

   * equal installments: the same payment A; the balance after a row is the exact balance
     ``E_k = E_(k−1)·(1+i) − A`` (the schedule's, less each extra) rounded half up to the
     fen, and interest is A less the principal repaid (within a fen of balance × rate);
   * equal principal and interest first: each row repays the principal it was to repay
     (P/n; nothing until the end), and interest is balance × rate rounded half up to the
     fen (``core.money.round_fen``): the payments fall;
   * the last payment is what is left: the balance and its interest.

6. **Arrears keep their schedule** (the ``Schedule.arrears`` column) while the principal
   is being repaid, never more than is left of them. When a plan's principal is repaid
   early, what is left of its arrears is due: the extras pay it that same month as far as
   the money left over goes, and meanwhile each row asks no more than its planned
   arrears. So no plan ever asks more in a month than it was planned to, and no month
   asks more than the budget.
7. **Totals.** A plan ends in the month of its last payment; every planned debt is
   cleared when the last plan ends. Interest saved is the total paid without prepaying
   less the total paid with it: principal, arrears and fees are the same either way.

A plan without an extra keeps its schedule row for row, so with *not at all*, or with
no money left over, the result is ``plan_all``'s exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from core.models import Method
from core.money import round_fen
from core.plans import proposal_terms
from core.schedules import Schedule, rate_path
from core.split import AllLenders, CombinedMonth, LenderPlan, still_owed


class Prepayment(StrEnum):
    """What the borrower does with the money left over each month."""

    NOT_AT_ALL = "not_at_all"
    HIGHEST_COST_FIRST = "highest_cost_first"
    """Avalanche: the plan with the highest APR by IRR first."""
    SMALLEST_DEBT_FIRST = "smallest_debt_first"
    """Snowball: the plan with the least still owed first."""


PREPAYABLE_METHODS = frozenset(
    {Method.EQUAL_INSTALLMENT, Method.EQUAL_PRINCIPAL, Method.INTEREST_FIRST}
)
"""The methods whose plans are prepaid; a flat-fee plan stays on its schedule."""


@dataclass(frozen=True, slots=True)
class PlanTerms:
    """What recomputing a plan's rows after an extra needs."""

    method: Method
    rates: tuple[float, ...]
    """The monthly rate of each schedule row: 0 at signing, in a holiday and in
    interest-free months."""
    installment: int
    """Equal installments: the constant payment A (interest and principal); 0 otherwise."""
    first_installment: int
    """Index of the first installment's row: extras start in its month."""


def plan_terms(lender: LenderPlan) -> PlanTerms | None:
    """The terms of ``lender``'s plan, or None when it is not prepaid (module step 1).

    Parameters
    ----------
    lender : LenderPlan
        One lender of ``plan_all``: its plan is the option of ``lender.ladder``'s offer
        of the same index.

    Returns
    -------
    PlanTerms or None
        None without a plan, or for a flat-fee plan.

    Notes
    -----
    Method, months n and monthly rate i are the proposal's (``core.plans.proposal_terms``).
    Row rates: 0 for the signing row and the h holiday rows, then
    ``rate_path(i, n, max(free − h, 0))``, as ``core.plans.proposal_schedule`` builds them.

    Examples
    --------
    >>> from core.models import Assumptions, Borrower, Case, Loan, LoanCase
    >>> from core.split import Strategy, plan_all
    >>> case = Case(borrower=Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500),
    ...             loans=(LoanCase(loan=Loan(principal_yuan=1_200, rate=0.12)),),
    ...             assumptions=Assumptions(today=dt.date(2026, 12, 1)))
    >>> terms = plan_terms(plan_all(case, Strategy.PRO_RATA).lenders[0])
    >>> terms.method.value, len(terms.rates), terms.rates[0], terms.installment
    ('equal_installment', 3, 0.01, 40803)
    """
    if lender.plan is None:
        return None
    proposal = lender.ladder.offers[lender.plan.index].proposal
    months, rate, method = proposal_terms(lender.loan, proposal)
    if method not in PREPAYABLE_METHODS:
        return None
    plan = lender.plan.schedule
    free = 0 if proposal.interest_frozen_for_good else proposal.interest_free_months
    before = (1 if plan.month and plan.month[0] == 0 else 0) + proposal.holiday_months
    rates = (0.0,) * before + tuple(rate_path(rate, months, max(free - proposal.holiday_months, 0)))
    if len(rates) != len(plan) or before >= len(plan):
        return None  # not the proposal's schedule (or nothing after signing to prepay)
    installment = 0
    if method is Method.EQUAL_INSTALLMENT:
        installment = plan.interest[before] + plan.principal[before]
    return PlanTerms(method, rates, installment, before)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where one plan stands between rows, money in fen."""

    principal: int
    """The principal balance."""
    exact: float
    """Equal installments: the exact balance that ``principal`` rounds (module step 5)."""
    arrears: int
    """The arrears of later rows still owed."""
    rows_done: int
    prepaid: bool = False
    """True once an extra has been paid: the rows are recomputed from then on."""

    @property
    def owed(self) -> int:
        """What the plan still claims: principal and arrears (as ``CombinedMonth.owed``)."""
        return self.principal + self.arrears


def start_standing(plan: Schedule) -> Standing:
    """A plan before its first row: its whole principal and arrears.

    >>> from core.models import Method
    >>> from core.schedules import schedule
    >>> start_standing(schedule(Method.EQUAL_PRINCIPAL, 300, 0.01, 3,
    ...                         first_due=dt.date(2027, 1, 1)))
    Standing(principal=30000, exact=30000.0, arrears=0, rows_done=0, prepaid=False)
    """
    principal = plan.balance[0] + plan.principal[0] if plan.month else 0
    return Standing(principal, float(principal), plan.total_arrears, 0)


def equal_installment_step(
    balance: int, exact: float, rate: float, installment: int, *, last: bool
) -> tuple[int, int, float]:
    """One row of equal installments from ``balance``: interest, principal repaid, exact after.

    Parameters
    ----------
    balance : int
        The principal balance before the row, in fen.
    exact : float
        The exact balance it rounds.
    rate : float
        The row's monthly rate i.
    installment : int
        The plan's constant payment A, in fen.
    last : bool
        The schedule's last row: it clears the balance.

    Returns
    -------
    tuple of (int, int, float)
        Interest and principal in fen, and the exact balance after the row.

    Notes
    -----
    ``E' = E·(1+i) − A``. The payment is A and the balance ``round_fen(E')`` (never
    rising, never falling by more than A), except on the last row or when ``E'`` rounds
    to nothing: then the payment is ``max(round_fen(E·(1+i)), balance)`` and the balance 0.
    Interest is the payment less the principal repaid. The rule of
    ``core.schedules.equal_installment_rows``, row by row.

    Examples
    --------
    10,000 yuan at 1.5 % a month, 916.80 a month; then 500 yuan left, cleared by one payment:

    >>> interest, principal, exact = equal_installment_step(
    ...     1_000_000, 1_000_000.0, 0.015, 91_680, last=False)
    >>> interest, principal, round(exact, 6)
    (15000, 76680, 923320.0)
    >>> equal_installment_step(50_000, 50_000.0, 0.015, 91_680, last=False)[:2]
    (750, 50000)
    """
    if balance == 0:
        return 0, 0, 0.0
    owed_exact = exact * (1 + rate)
    exact = owed_exact - installment
    if last or round_fen(exact) <= 0:
        paid = max(round_fen(owed_exact), balance)
        remaining = 0
    else:
        remaining = min(max(round_fen(exact), balance - installment), balance)
        paid = installment
    repaid = balance - remaining
    return paid - repaid, repaid, exact


def scheduled_principal_step(
    balance: int, rate: float, scheduled_principal: int, *, last: bool
) -> tuple[int, int]:
    """One row of equal principal or interest first from ``balance``: interest, principal.

    Notes
    -----
    Interest ``round_fen(B·i)``; principal ``min(p_k, B)``, with p_k the principal the
    row was planned to repay (P/n; 0 before the end of an interest-first plan), and the
    whole balance on the last row.

    Examples
    --------
    >>> scheduled_principal_step(20_000, 0.01, 10_000, last=False)
    (200, 10000)
    >>> scheduled_principal_step(4_000, 0.01, 10_000, last=False)
    (40, 4000)
    """
    interest = round_fen(balance * rate)
    return interest, balance if last else min(scheduled_principal, balance)


@dataclass(frozen=True, slots=True)
class PaidRow:
    """One row of a plan as paid, money in fen (``payment`` adds its fee)."""

    interest: int
    principal: int
    arrears: int


def regular_row(
    plan: Schedule, terms: PlanTerms | None, standing: Standing
) -> tuple[PaidRow, Standing]:
    """The plan's next row, before any extra of its month, and where the plan stands after.

    Parameters
    ----------
    plan : Schedule
        The plan as negotiated.
    terms : PlanTerms or None
        :func:`plan_terms` (None: the plan is never prepaid and keeps its rows).
    standing : Standing
        Where the plan stands before the row.

    Returns
    -------
    tuple of (PaidRow, Standing)

    Notes
    -----
    Before any extra, the schedule's own row (for equal installments the exact balance
    is carried along, :func:`equal_installment_step`). After one, the row by the plan's
    rule (:func:`equal_installment_step` or :func:`scheduled_principal_step`) with
    arrears ``min(a_k, R)``: the row's planned arrears, never more than the R left.

    Examples
    --------
    >>> from core.models import Method
    >>> from core.schedules import schedule
    >>> plan = schedule(Method.EQUAL_PRINCIPAL, 300, 0.01, 3, first_due=dt.date(2027, 1, 1))
    >>> terms = PlanTerms(Method.EQUAL_PRINCIPAL, (0.01,) * 3, 0, 0)
    >>> regular_row(plan, terms, start_standing(plan))[0]
    PaidRow(interest=300, principal=10000, arrears=0)
    >>> regular_row(plan, terms, Standing(15_000, 15_000.0, 0, 1, prepaid=True))[0]
    PaidRow(interest=150, principal=10000, arrears=0)
    """
    k = standing.rows_done
    if terms is None or not standing.prepaid:
        row = PaidRow(plan.interest[k], plan.principal[k], plan.arrears[k])
        exact = _exact_after(plan, terms, standing)
    else:
        row, exact = _recomputed_row(plan, terms, standing)
    after = Standing(
        standing.principal - row.principal,
        exact,
        standing.arrears - row.arrears,
        k + 1,
        standing.prepaid,
    )
    return row, after


def _exact_after(plan: Schedule, terms: PlanTerms | None, standing: Standing) -> float:
    """The exact balance after a planned row (it matters for equal installments only)."""
    k = standing.rows_done
    if terms is None or terms.method is not Method.EQUAL_INSTALLMENT:
        return standing.exact
    if k < terms.first_installment:
        return float(plan.balance[k])  # signing and holiday rows: the plan's principal
    last = k == len(plan) - 1
    rate = terms.rates[k]
    return equal_installment_step(
        standing.principal, standing.exact, rate, terms.installment, last=last
    )[2]


def _recomputed_row(plan: Schedule, terms: PlanTerms, standing: Standing) -> tuple[PaidRow, float]:
    """A row after an extra, by the plan's rule on the lower balance (module step 5)."""
    k = standing.rows_done
    last = k == len(plan) - 1
    exact = standing.exact
    if terms.method is Method.EQUAL_INSTALLMENT:
        interest, principal, exact = equal_installment_step(
            standing.principal, exact, terms.rates[k], terms.installment, last=last
        )
    else:
        interest, principal = scheduled_principal_step(
            standing.principal, terms.rates[k], plan.principal[k], last=last
        )
    return PaidRow(interest, principal, min(plan.arrears[k], standing.arrears)), exact


def pay_extra(standing: Standing, amount: int) -> tuple[int, int, Standing]:
    """An extra of ``amount`` (at most what is owed): to principal, then arrears (step 4).

    Returns the principal and the arrears it pays, in fen, and where the plan then stands.

    Notes
    -----
    ``to_principal = min(x, B)``, ``to_arrears = min(x − to_principal, R)``; the exact
    balance falls by ``to_principal`` too (to 0 with the principal).

    Examples
    --------
    >>> pay_extra(Standing(10_000, 10_000.0, 500, 3), 10_200)
    (10000, 200, Standing(principal=0, exact=0.0, arrears=300, rows_done=3, prepaid=True))
    """
    to_principal = min(amount, standing.principal)
    to_arrears = min(amount - to_principal, standing.arrears)
    principal = standing.principal - to_principal
    exact = standing.exact - to_principal if principal else 0.0
    after = Standing(principal, exact, standing.arrears - to_arrears, standing.rows_done, True)
    return to_principal, to_arrears, after


def prepay_order(
    choice: Prepayment, aprs: Sequence[float], owed: Sequence[int], candidates: Sequence[int]
) -> list[int]:
    """The plans among ``candidates`` in the order they are prepaid, the first target first.

    Parameters
    ----------
    choice : Prepayment
    aprs, owed : sequence
        Each plan's APR by IRR and what it owes once signed (fen), in the case's order.
    candidates : sequence of int
        Indexes of the plans that may be prepaid.

    Notes
    -----
    Highest cost first: by ``(−apr, −owed, index)``. Smallest debt first: by
    ``(owed, index)``. Not at all: none.

    Examples
    --------
    >>> aprs, owed = [0.18, 0.24, 0.18], [5_000, 9_000, 7_000]
    >>> prepay_order(Prepayment.HIGHEST_COST_FIRST, aprs, owed, [0, 1, 2])
    [1, 2, 0]
    >>> prepay_order(Prepayment.SMALLEST_DEBT_FIRST, aprs, owed, [0, 1, 2])
    [0, 2, 1]
    """
    if choice is Prepayment.HIGHEST_COST_FIRST:
        return sorted(candidates, key=lambda i: (-aprs[i], -owed[i], i))
    if choice is Prepayment.SMALLEST_DEBT_FIRST:
        return sorted(candidates, key=lambda i: (owed[i], i))
    return []


@dataclass(slots=True)
class _Ledger:
    """One plan's rows as they are paid (built month by month, then frozen)."""

    plan: Schedule
    terms: PlanTerms | None
    standing: Standing
    rows: list[PaidRow] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    balance: list[int] = field(default_factory=list)

    def is_open(self) -> bool:
        if self.standing.rows_done >= len(self.plan):
            return False
        return not (self.standing.prepaid and self.standing.owed == 0)

    def due_in(self, month: int) -> bool:
        return self.is_open() and self.plan.month[self.standing.rows_done] == month

    def pay_regular(self) -> int:
        row, self.standing = regular_row(self.plan, self.terms, self.standing)
        self.rows.append(row)
        self.extra.append(0)
        self.balance.append(self.standing.principal)
        return row.interest + row.principal + row.arrears + self.plan.fee[len(self.rows) - 1]

    def may_prepay(self, month: int) -> bool:
        """A target this month: prepaid, owing, its first installment paid, a row this month."""
        return (
            self.terms is not None
            and self.standing.owed > 0
            and month >= self.plan.month[self.terms.first_installment]
            and self.plan.month[len(self.rows) - 1] == month
        )

    def pay_extra(self, amount: int) -> int:
        to_principal, to_arrears, self.standing = pay_extra(self.standing, amount)
        last = self.rows[-1]
        self.rows[-1] = PaidRow(
            last.interest, last.principal + to_principal, last.arrears + to_arrears
        )
        self.extra[-1] += to_principal + to_arrears
        self.balance[-1] = self.standing.principal
        return to_principal + to_arrears

    def schedule(self) -> Schedule:
        n = len(self.rows)
        fee = self.plan.fee[:n]
        return Schedule(
            month=self.plan.month[:n],
            due_date=self.plan.due_date[:n],
            payment=tuple(
                r.interest + r.principal + r.arrears + f
                for r, f in zip(self.rows, fee, strict=True)
            ),
            interest=tuple(r.interest for r in self.rows),
            principal=tuple(r.principal for r in self.rows),
            arrears=tuple(r.arrears for r in self.rows),
            fee=fee,
            balance=tuple(self.balance),
        )


_EMPTY = Schedule((), (), (), (), (), (), (), ())


def _ledgers(all_lenders: AllLenders) -> list[_Ledger]:
    return [
        _Ledger(lender.plan.schedule, plan_terms(lender), start_standing(lender.plan.schedule))
        if lender.plan is not None
        else _Ledger(_EMPTY, None, Standing(0, 0.0, 0, 0))
        for lender in all_lenders.lenders
    ]


def _pay_month(ledgers: Sequence[_Ledger], month: int, budget: int, order: Sequence[int]) -> None:
    """Month ``month``: every regular payment due, then extras from what is left, in order."""
    paid = sum(ledger.pay_regular() for ledger in ledgers if ledger.due_in(month))
    if month == 0:
        return
    left = budget - paid
    for k in order:
        if left <= 0:
            break
        if ledgers[k].may_prepay(month):
            left -= ledgers[k].pay_extra(min(left, ledgers[k].standing.owed))


@dataclass(frozen=True, slots=True)
class PrepaidPlan:
    """One lender's plan with the extras paid, money in fen."""

    index: int
    """Position in the case's loans."""
    prepayable: bool
    """False without a plan, and for a flat-fee plan (left on its schedule)."""
    schedule: Schedule
    """The plan as paid: each row's payment and principal (or arrears) include the extra
    of its month; it ends with the last payment. Empty without a plan."""
    extra: tuple[int, ...]
    """The extra paid in each row of ``schedule``."""
    planned: Schedule
    """The plan as negotiated, without prepaying (empty without a plan)."""

    @property
    def months_to_finish(self) -> int:
        return self.schedule.months_to_finish

    @property
    def months_sooner(self) -> int:
        return self.planned.months_to_finish - self.schedule.months_to_finish

    @property
    def total_extra(self) -> int:
        return sum(self.extra)

    @property
    def interest_saved(self) -> int:
        """What prepaying saves: the planned total paid less the total paid."""
        return self.planned.total_paid - self.schedule.total_paid


@dataclass(frozen=True, slots=True)
class PrepaidTotals:
    """The totals with prepaying, and what it changes, money in fen."""

    months_to_clear: int
    """Months until every planned debt is cleared (0 when nothing is planned)."""
    debt_free_on: dt.date
    """The due date of that month (signing day when nothing is planned)."""
    total_paid: int
    """Everything the plans ask, extras and signing included."""
    total_extra: int
    interest_saved: int
    """``plan_all``'s total paid less this one (module step 7)."""
    months_sooner: int
    """``plan_all``'s months to clear less these."""


@dataclass(frozen=True, slots=True)
class Prepaid:
    """Every plan of ``plan_all`` with the money left over used as the borrower chose."""

    choice: Prepayment
    plans: tuple[PrepaidPlan, ...]
    """One per lender, in the case's order."""
    months: tuple[CombinedMonth, ...]
    """Month 0 (signing) to the month the last plan ends; payments include extras."""
    totals: PrepaidTotals


def prepay(all_lenders: AllLenders, choice: Prepayment) -> Prepaid:
    """Put the money left over each month toward the plans, in the order ``choice`` says.

    Parameters
    ----------
    all_lenders : AllLenders
        The plans of ``core.split.plan_all``.
    choice : Prepayment
        Highest cost first, smallest debt first, or not at all.

    Returns
    -------
    Prepaid
        Each plan as paid, the months as ``plan_all`` shows them (payments with extras,
        what is owed after each month, what is left over) and the totals.

    Notes
    -----
    Each month m ≥ 1: regular payments first, then ``budget − Σ regular`` in extras,
    each plan getting ``min(left, owed)`` in :func:`prepay_order` (module docstring,
    steps 1–7). Interest
    saved is ``Σ planned total paid − Σ total paid``.

    Examples
    --------
    6,000 yuan at 24 % and 3,000 at 12 %, 1,000 yuan a month, consequences first: each
    lender's walk-away plan runs 60 months (172.61 and 66.73 a month) and leaves 760.66
    yuan a month over. Prepaying clears both in 10 months instead of 60:

    >>> from core.models import Assumptions, Borrower, Case, Loan, LoanCase
    >>> from core.split import Strategy, plan_all
    >>> case = Case(borrower=Borrower(monthly_income_yuan=4_500, essential_expenses_yuan=3_500),
    ...             loans=(LoanCase(loan=Loan(principal_yuan=6_000, rate=0.24)),
    ...                    LoanCase(loan=Loan(principal_yuan=3_000, rate=0.12))),
    ...             assumptions=Assumptions(today=dt.date(2026, 12, 1), affordable_share=1))
    >>> planned = plan_all(case, Strategy.CONSEQUENCES)
    >>> for choice in Prepayment:
    ...     result = prepay(planned, choice)
    ...     totals = result.totals
    ...     print(choice.value, [p.months_to_finish for p in result.plans],
    ...           totals.debt_free_on, totals.interest_saved)
    not_at_all [60, 60] 2031-12-01 0
    highest_cost_first [7, 10] 2027-10-01 462007
    smallest_debt_first [10, 4] 2027-10-01 442347
    """
    ledgers = _ledgers(all_lenders)
    aprs = [
        lender.plan.summary.apr.nominal_apr if lender.plan and lender.plan.summary.apr else 0.0
        for lender in all_lenders.lenders
    ]
    prepayable = [k for k, ledger in enumerate(ledgers) if ledger.terms is not None]
    order = prepay_order(choice, aprs, all_lenders.months[0].owed, prepayable)
    month = 0
    while any(ledger.is_open() for ledger in ledgers):
        _pay_month(ledgers, month, all_lenders.budget.in_month(month), order)
        month += 1
    plans = tuple(
        PrepaidPlan(
            index=k,
            prepayable=ledger.terms is not None,
            schedule=ledger.schedule(),
            extra=tuple(ledger.extra),
            planned=ledger.plan,
        )
        for k, ledger in enumerate(ledgers)
    )
    months = prepaid_months(all_lenders, [plan.schedule for plan in plans])
    return Prepaid(choice, plans, months, prepaid_totals(all_lenders, plans, months))


def prepaid_months(
    all_lenders: AllLenders, schedules: Sequence[Schedule]
) -> tuple[CombinedMonth, ...]:
    """The months of ``schedules``, as ``core.split.combined_months`` shows plans.

    Month m's date and budget are those of ``all_lenders.months[m]``: prepaying never
    makes a plan longer, so every month is one of them. Each lender's payment is its
    schedule's that month and what it owes ``core.split.still_owed``.

    >>> from core.models import Assumptions, Borrower, Case, Loan, LoanCase
    >>> from core.split import Strategy, plan_all
    >>> case = Case(borrower=Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500),
    ...             loans=(LoanCase(loan=Loan(principal_yuan=1_200, rate=0)),),
    ...             assumptions=Assumptions(today=dt.date(2026, 12, 1)))
    >>> planned = plan_all(case, Strategy.PRO_RATA)
    >>> prepaid_months(planned, [planned.lenders[0].plan.schedule]) == planned.months
    True
    """
    horizon = max((s.months_to_finish for s in schedules), default=0)
    flows = [s.cash_flows(horizon) for s in schedules]
    owed = [still_owed(s, horizon) for s in schedules]
    return tuple(
        CombinedMonth(
            month=month,
            due_date=all_lenders.months[month].due_date,
            payments=tuple(lender_flows[month] for lender_flows in flows),
            owed=tuple(lender_owed[month] for lender_owed in owed),
            budget=all_lenders.months[month].budget,
        )
        for month in range(horizon + 1)
    )


def prepaid_totals(
    all_lenders: AllLenders, plans: Sequence[PrepaidPlan], months: Sequence[CombinedMonth]
) -> PrepaidTotals:
    """The totals of :class:`PrepaidTotals` against ``plan_all``'s (module step 7).

    >>> from core.models import Assumptions, Borrower, Case, Loan, LoanCase
    >>> from core.split import Strategy, plan_all
    >>> case = Case(borrower=Borrower(monthly_income_yuan=4_000, essential_expenses_yuan=3_500),
    ...             loans=(LoanCase(loan=Loan(principal_yuan=1_200, rate=0.12)),),
    ...             assumptions=Assumptions(today=dt.date(2026, 12, 1)))
    >>> totals = prepay(plan_all(case, Strategy.PRO_RATA), Prepayment.NOT_AT_ALL).totals
    >>> totals.months_to_clear, totals.interest_saved, totals.months_sooner
    (3, 0, 0)
    """
    total_paid = sum(plan.schedule.total_paid for plan in plans)
    months_to_clear = len(months) - 1
    return PrepaidTotals(
        months_to_clear=months_to_clear,
        debt_free_on=months[-1].due_date,
        total_paid=total_paid,
        total_extra=sum(plan.total_extra for plan in plans),
        interest_saved=all_lenders.totals.total_paid - total_paid,
        months_sooner=all_lenders.totals.months_to_clear - months_to_clear,
    )
