"""Month-by-month repayment schedules for the four repayment methods (domain.md §1).

Amounts are whole fen. Each month's interest is the balance times the monthly rate,
rounded half up to the fen; each payment is rounded the same way, and the last payment
takes whatever is left, so the principal column always sums to the principal exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.models import Method
from core.money import fen_to_yuan, round_fen, spread_evenly, yuan_to_fen


@dataclass(frozen=True, slots=True)
class Schedule:
    """A repayment schedule, one entry per row, amounts in whole fen.

    ``month`` counts from signing: 0 is a payment at signing (a lump sum, a fee, or
    arrears cleared), 1 is the first due date. ``payment`` is always
    ``interest + principal + arrears + fee``. ``balance`` is the principal still owed
    after the row. ``arrears`` holds overdue interest, penalty and charges paid in the
    row; ``fee`` a negotiation fee.
    """

    month: tuple[int, ...]
    due_date: tuple[dt.date, ...]
    payment: tuple[int, ...]
    interest: tuple[int, ...]
    principal: tuple[int, ...]
    arrears: tuple[int, ...]
    fee: tuple[int, ...]
    balance: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.month)

    @property
    def total_paid(self) -> int:
        """Everything paid over the schedule, in fen."""
        return sum(self.payment)

    @property
    def total_interest(self) -> int:
        return sum(self.interest)

    @property
    def total_principal(self) -> int:
        return sum(self.principal)

    @property
    def total_arrears(self) -> int:
        return sum(self.arrears)

    @property
    def total_fee(self) -> int:
        return sum(self.fee)

    @property
    def months_to_finish(self) -> int:
        """Month number of the last row with a payment (0 if nothing is ever paid)."""
        paid = [m for m, p in zip(self.month, self.payment, strict=True) if p > 0]
        return paid[-1] if paid else 0

    def position_after(self, month: int) -> int:
        """Paid up to and including ``month``, plus what is then still owed, in fen.

        Still owed is the principal balance and the arrears of later rows; interest
        not yet accrued is not owed. Compares a plan with staying overdue at a horizon.
        """
        paid = sum(p for m, p in zip(self.month, self.payment, strict=True) if m <= month)
        later_arrears = sum(a for m, a in zip(self.month, self.arrears, strict=True) if m > month)
        balances = [b for m, b in zip(self.month, self.balance, strict=True) if m <= month]
        return paid + (balances[-1] if balances else 0) + later_arrears

    def installments(self) -> list[int]:
        """Payments of the rows after signing that ask for money, in fen."""
        return [p for m, p in zip(self.month, self.payment, strict=True) if m > 0 and p > 0]

    def cash_flows(self, months: int | None = None) -> list[int]:
        """Payments by month number 0..months, zeros where nothing falls due, in fen."""
        last = self.month[-1] if self.month else 0
        flows = [0] * ((last if months is None else months) + 1)
        for m, p in zip(self.month, self.payment, strict=True):
            if m < len(flows):
                flows[m] += p
        return flows

    def rows_yuan(self) -> dict[str, list[object]]:
        """Columns in yuan, ready for a table: the keys are this class's field names."""
        return {
            "month": list(self.month),
            "due_date": list(self.due_date),
            **{
                name: [fen_to_yuan(v) for v in getattr(self, name)]
                for name in ("payment", "interest", "principal", "arrears", "fee", "balance")
            },
        }


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, moved back to the month's last day if it has fewer.

    >>> add_months(dt.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


@lru_cache(maxsize=64)
def due_dates(first_due: dt.date, months: int) -> tuple[dt.date, ...]:
    """Due dates of ``months`` monthly installments starting on ``first_due``."""
    return tuple(add_months(first_due, k) for k in range(months))


def default_first_due(today: dt.date) -> dt.date:
    """First due date when none is given: one month after ``today``."""
    return add_months(today, 1)


def rate_path(monthly_rate: float, months: int, interest_free_months: int = 0) -> list[float]:
    """Monthly rates of a plan: zero for the first ``interest_free_months``, then the rate."""
    free = min(interest_free_months, months)
    return [0.0] * free + [monthly_rate] * (months - free)


@dataclass(frozen=True, slots=True)
class Rows:
    """The amortisation part of a schedule: one entry per installment, in fen."""

    payment: list[int]
    interest: list[int]
    principal: list[int]
    balance: list[int]


def equal_installment_rows(principal_fen: int, rates: Sequence[float]) -> Rows:
    """等额本息: a constant payment A; each balance is the exact balance rounded to the fen.

    With a constant rate i, ``A = P·i·(1+i)^n / ((1+i)^n − 1)`` and ``A = P/n`` when i = 0.
    With rates that change (an interest-free start), A solves ``P = Σ A / D_k`` where
    ``D_k = Π_{j≤k} (1 + i_j)``, which is the same formula when the rate is constant.
    A is rounded half up to the fen (up, when rounding down would leave it below a
    month's interest and the balance would grow); the balance after each payment is the exact balance
    ``B_k = B_(k−1)·(1+i_k) − A`` rounded to the fen, so rounding never piles up;
    interest is ``A`` minus the principal repaid, within a fen of ``B_(k−1)·i_k``; the last
    payment clears what is left.

    >>> rows = equal_installment_rows(1_000_000, [0.015] * 12)
    >>> rows.payment[0], rows.payment[-1], sum(rows.interest)
    (91680, 91680, 100160)
    """
    discount_sum = 0.0
    growth = 1.0
    for rate in rates:
        growth *= 1 + rate
        discount_sum += 1 / growth
    exact_installment = principal_fen / discount_sum
    rows = _installment_rows(principal_fen, rates, round_fen(exact_installment))
    if rows is None:
        # Rounding down left the payment below a month's interest (a long, dear loan):
        # the balance would grow. Round up instead, as a lender's system must.
        rows = _installment_rows(principal_fen, rates, math.ceil(exact_installment - 1e-9))
        assert rows is not None  # at least the exact payment: the balance never grows
    return rows


def _installment_rows(principal_fen: int, rates: Sequence[float], installment: int) -> Rows | None:
    """Rows of a constant ``installment``; None if it does not cover a month's interest."""
    payment: list[int] = []
    interest: list[int] = []
    principal: list[int] = []
    balance: list[int] = []
    exact = float(principal_fen)
    previous = principal_fen
    last = len(rates) - 1
    for k, rate in enumerate(rates):
        owed_exact = exact * (1 + rate)
        if k < last and previous and owed_exact - installment > exact + 1e-6:
            return None
        exact = owed_exact - installment
        if previous == 0:
            paid = remaining = 0
        elif k == last or round_fen(exact) <= 0:
            # The final payment clears the balance (on a loan of a few fen, the rounded
            # payment can clear it early: the later rows are then empty).
            paid = max(round_fen(owed_exact), previous)
            remaining = 0
        else:
            # The rounded balance never rises, and never falls by more than the payment.
            remaining = min(max(round_fen(exact), previous - installment), previous)
            paid = installment
        repaid = previous - remaining
        payment.append(paid)
        interest.append(paid - repaid)
        principal.append(repaid)
        balance.append(remaining)
        previous = remaining
    return Rows(payment, interest, principal, balance)


def equal_principal_rows(principal_fen: int, rates: Sequence[float]) -> Rows:
    """等额本金: principal P/n each month plus interest on the balance, so payments fall.

    Payment k is ``P/n + (P − (k−1)·P/n)·i``; total interest ``P·i·(n+1)/2``.

    >>> rows = equal_principal_rows(1_000_000, [0.015] * 12)
    >>> rows.payment[0], rows.payment[-1], sum(rows.interest)
    (98333, 84583, 97500)
    """
    shares = iter(spread_evenly(principal_fen, len(rates)))
    return _amortise(principal_fen, rates, lambda interest, balance: next(shares))


def interest_first_rows(principal_fen: int, rates: Sequence[float]) -> Rows:
    """先息后本: interest ``P·i`` each month, the whole principal with the last payment.

    >>> rows = interest_first_rows(1_000_000, [0.015] * 12)
    >>> rows.payment[0], rows.payment[-1], sum(rows.interest)
    (15000, 1015000, 180000)
    """
    return _amortise(principal_fen, rates, lambda interest, balance: 0)


def flat_fee_rows(principal_fen: int, fee_rates: Sequence[float]) -> Rows:
    """等本等息: principal P/n and a fee ``P·f`` on the original principal each month.

    The fee is shown as interest, as the 2022 CBIRC/PBOC credit-card notice requires.
    Total fee ``P·f·n``; the true cost is far above ``12·f`` (see ``core.cost``).

    >>> rows = flat_fee_rows(1_200_000, [0.006] * 12)
    >>> rows.payment[0], sum(rows.interest)
    (107200, 86400)
    """
    return flat_fee_rows_on_original(principal_fen, fee_rates, principal_fen)


def flat_fee_rows_on_original(
    principal_fen: int, fee_rates: Sequence[float], original_fen: int
) -> Rows:
    """等本等息 part-way through: principal P/n and a fee ``P₀·f`` on the original principal P₀.

    The fee stays on the principal lent at the start, not on the balance: 12,000 over 12
    months at 1.18 % a month, six paid, leaves 6,000 repaid at
    ``6,000/6 + 12,000 · 1.18 % = 1,141.60`` a month.

    >>> flat_fee_rows_on_original(600_000, [0.0118] * 6, 1_200_000).payment[0]
    114160
    """
    shares = spread_evenly(principal_fen, len(fee_rates))
    interest = [round_fen(original_fen * f) for f in fee_rates]
    balance = []
    remaining = principal_fen
    for share in shares:
        remaining -= share
        balance.append(remaining)
    payment = [s + i for s, i in zip(shares, interest, strict=True)]
    return Rows(payment, interest, shares, balance)


_ROWS = {
    Method.EQUAL_INSTALLMENT: equal_installment_rows,
    Method.EQUAL_PRINCIPAL: equal_principal_rows,
    Method.INTEREST_FIRST: interest_first_rows,
    Method.FLAT_FEE: flat_fee_rows,
}


def amortisation_rows(
    method: Method, principal_fen: int, rates: Sequence[float], *, fee_base_fen: int | None = None
) -> Rows:
    """Rows of ``method`` for ``principal_fen`` over ``len(rates)`` months of these rates.

    ``fee_base_fen`` is what a flat fee is charged on (the loan's original principal;
    the principal repaid here when None); the other methods charge interest on the
    balance and ignore it.
    """
    if method is Method.FLAT_FEE and fee_base_fen is not None:
        return flat_fee_rows_on_original(principal_fen, rates, fee_base_fen)
    return _ROWS[method](principal_fen, rates)


# The per-method rule: (interest owed this month, balance) -> principal repaid.
_PrincipalRule = Callable[[int, int], int]


def _amortise(
    principal_fen: int,
    rates: Sequence[float],
    principal_part: _PrincipalRule,
) -> Rows:
    payment: list[int] = []
    interest: list[int] = []
    principal: list[int] = []
    balance: list[int] = []
    remaining = principal_fen
    last = len(rates) - 1
    for k, rate in enumerate(rates):
        owed = round_fen(remaining * rate)
        repaid = remaining if k == last else min(max(principal_part(owed, remaining), 0), remaining)
        remaining -= repaid
        payment.append(owed + repaid)
        interest.append(owed)
        principal.append(repaid)
        balance.append(remaining)
    return Rows(payment, interest, principal, balance)


def schedule(
    method: Method,
    principal_yuan: float,
    monthly_rate: float,
    months: int,
    *,
    first_due: dt.date,
    interest_free_months: int = 0,
) -> Schedule:
    """A plain schedule: ``principal_yuan`` repaid by ``method`` over ``months`` months.

    ``monthly_rate`` is i (for the flat-fee method, the monthly fee f).

    >>> s = schedule(Method.EQUAL_INSTALLMENT, 10_000, 0.015, 12, first_due=dt.date(2027, 1, 5))
    >>> s.payment[0] / 100, (s.total_paid - 1_000_000) / 100, s.due_date[-1]
    (916.8, 1001.6, datetime.date(2027, 12, 5))
    """
    principal_fen = yuan_to_fen(principal_yuan)
    rows = amortisation_rows(
        method, principal_fen, rate_path(monthly_rate, months, interest_free_months)
    )
    zeros = (0,) * months
    return Schedule(
        month=tuple(range(1, months + 1)),
        due_date=due_dates(first_due, months),
        payment=tuple(rows.payment),
        interest=tuple(rows.interest),
        principal=tuple(rows.principal),
        arrears=zeros,
        fee=zeros,
        balance=tuple(rows.balance),
    )
