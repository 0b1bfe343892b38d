"""Money in whole fen (0.01 yuan), rounded the way lenders round.

Every amount the core computes is an ``int`` number of fen, so sums reconcile
exactly; conversion to yuan happens only at the edges (models in, display out).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

FEN_PER_YUAN = 100

# Added before truncation so that a product such as 1,250.4999999999 fen, which is
# 1,250.5 fen in exact arithmetic, still rounds half up as a lender's system would.
# Binary floating point errs by about 1e-7 fen on the largest balances we accept.
_HALF_UP_NUDGE = 0.5 + 1e-6


def yuan_to_fen(amount_yuan: float) -> int:
    """Convert yuan to whole fen, rounding half up.

    Goes through ``Decimal(str(x))`` so that 0.29 yuan is 29 fen, not 28.

    >>> yuan_to_fen(916.795)
    91680
    """
    return int(Decimal(str(amount_yuan)).scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fen_to_yuan(amount_fen: int) -> float:
    """Convert whole fen to yuan for display.

    >>> fen_to_yuan(91680)
    916.8
    """
    return amount_fen / FEN_PER_YUAN


def round_fen(amount_fen: float) -> int:
    """Round a fractional number of fen to a whole fen, half away from zero.

    >>> round_fen(1250.4999999999), round_fen(1250.49), round_fen(-0.5)
    (1251, 1250, -1)
    """
    if amount_fen >= 0:
        return int(amount_fen + _HALF_UP_NUDGE)
    return -int(-amount_fen + _HALF_UP_NUDGE)


def spread_evenly(total_fen: int, parts: int) -> list[int]:
    """Split ``total_fen`` into ``parts`` whole-fen shares that sum to it exactly.

    Share k is ``round(k*T/n) - round((k-1)*T/n)``: each share is within a fen of
    ``T/n`` and the rounding never piles up at the end, which is how a schedule of
    equal principal repays 10,000 yuan over 12 months (833.33 or 833.34 a month).

    >>> spread_evenly(1_000_000, 12)[:3], sum(spread_evenly(1_000_000, 12))
    ([83333, 83334, 83333], 1000000)
    """
    if parts <= 0:
        raise ValueError("parts must be positive")
    if total_fen == 0:
        return [0] * parts  # the common case of nothing to spread (no arrears left)
    # round(k·T/n) half up, in integers only, for k = 0..n; the shares are the steps.
    cumulative = [(2 * k * total_fen + parts) // (2 * parts) for k in range(parts + 1)]
    return [after - before for before, after in pairwise(cumulative)]
