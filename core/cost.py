"""The true cost of a schedule: its APR by the internal rate of return (domain.md §2).

PBOC announcement 〔2021〕 No. 3 asks lenders to show an annualised rate that covers
interest and every directly related fee over the money the borrower actually has in
use. We solve ``P_net = Σ_{k=1..n} CF_k / (1+r)^k`` for the monthly rate r and report
both the nominal APR ``12·r`` (the simple figure, which must be labelled as such) and
the effective annual rate ``(1+r)^12 − 1``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

_TOLERANCE = 1e-12
_MAX_STEPS = 200


@dataclass(frozen=True, slots=True)
class TrueCost:
    """A schedule's cost as rates: the monthly IRR and the two annual forms of it."""

    monthly_rate: float
    nominal_apr: float
    effective_apr: float


def monthly_irr(received: float, payments: Sequence[float]) -> float:
    """Monthly rate r with ``received = Σ_{k=1..n} payments[k-1] / (1+r)^k``.

    ``payments`` are the amounts due one, two, … months after the money was received
    (zeros for months with nothing due). The net present value falls as r rises (the
    payments are non-negative), so the root is unique: it is kept inside a bracket
    that shrinks at every step, with Newton's method from the simple-interest guess
    and a bisection step whenever Newton would leave the bracket or has no slope.

    Raises ``ValueError`` when there is no positive amount received or nothing is paid.

    >>> round(monthly_irr(12_000, [1_072] * 12) * 100, 4)
    1.0862
    >>> round(monthly_irr(1, [0] * 99 + [1_000_000]), 6)  # far from the first guess
    0.148154
    """
    flows = np.asarray(payments, dtype=float)
    total = float(flows.sum())
    if received <= 0 or total <= 0 or np.any(flows < 0):
        raise ValueError("an IRR needs money received and non-negative payments")
    months = np.arange(1, flows.size + 1, dtype=float)
    if abs(total - received) <= _TOLERANCE * received:
        return 0.0

    def npv_and_slope(rate: float) -> tuple[float, float]:
        # Near r = -1 or for huge r the powers overflow or vanish: an infinite or zero
        # value still tells which side of the root r is on, which is all the bracket needs.
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            discount = (1 + rate) ** -months
            weighted = flows * discount
            value = float(weighted.sum()) - received
            slope = -float((months * weighted).sum()) / (1 + rate)
        return value, slope

    low, high = _bracket(npv_and_slope)
    # Simple-interest guess: the cost spread over the average time the money is out.
    average_month = float((months * flows).sum()) / total
    rate = min(max((total - received) / received / average_month, low), high)
    for _ in range(_MAX_STEPS):
        value, slope = npv_and_slope(rate)
        if value > 0:
            low = rate
        else:
            high = rate
        step = value / slope if slope < 0 and np.isfinite(slope) and np.isfinite(value) else np.nan
        candidate = rate - step
        if not low < candidate < high:
            candidate = (low + high) / 2  # Newton would leave the bracket: bisect instead
        if abs(candidate - rate) < _TOLERANCE or high - low < _TOLERANCE:
            return float(candidate)
        rate = float(candidate)
    return (low + high) / 2


def _bracket(npv_and_slope: Callable[[float], tuple[float, float]]) -> tuple[float, float]:
    """Rates (low, high) with a positive net present value at low and a negative one at high."""
    low, high = -0.999_999, 1.0
    while npv_and_slope(high)[0] > 0:
        low, high = high, high * 4
    return low, high


def true_cost(received: float, payments: Sequence[float]) -> TrueCost:
    """APR by IRR of a loan that paid out ``received`` and asks for ``payments`` monthly.

    PBOC example (100,000 borrowed, 1,000 fee up front, 12 payments of 8,833.3):

    >>> cost = true_cost(99_000, [8_833.3] * 12)
    >>> round(cost.nominal_apr * 100, 2), round(cost.effective_apr * 100, 2)
    (12.8, 13.58)
    """
    rate = monthly_irr(received, payments)
    return TrueCost(rate, 12 * rate, (1 + rate) ** 12 - 1)
