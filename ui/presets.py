"""Proposal presets from the article's advice: each is a plan for one proposal.

Pure functions of the current widget values; the page writes what they return into the
proposal's widgets. Every preset is a whole ``Proposal`` (the levers it does not name are
blank), so loading one never mixes with what was there before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core import Proposal
from core.ladder import Rung, offer_ladder
from ui.registry import BY_KEY, Key
from ui.values import case_from_values, nominal_apr, proposal_values

PRESETS: tuple[str, ...] = ("longer", "lower_rate", "waiver", "partial", "illness")

# The illness case: income reduced by this share (the article's borrower lost income),
# back to what it was after a pause of this many months unless a later income is given.
ILLNESS_INCOME_SHARE = 0.5
ILLNESS_PAUSE_MONTHS = 3


def preset_proposal(name: str, values: Mapping[str, Any]) -> Proposal:
    """The plan preset ``name`` puts forward for the loan the widget ``values`` describe.

    >>> preset_proposal("lower_rate", {"rate": 18.0}).new_apr
    0.09
    """
    months = int(values.get(Key.MONTHS, BY_KEY[Key.MONTHS].default))
    principal = float(values.get(Key.PRINCIPAL, BY_KEY[Key.PRINCIPAL].default))
    cash = float(values.get(Key.CASH, BY_KEY[Key.CASH].default))
    if name == "longer":
        return Proposal(months_added=min(max(months, 12), 120))  # about twice as long
    if name == "lower_rate":
        return Proposal(new_apr=round(nominal_apr(values) * 100 / 2, 2) / 100)
    if name == "waiver":
        return Proposal(principal_waived_share=0.2, overdue_charges_waived_share=1.0)
    if name == "partial":
        lump = round(min(cash, principal * 0.1) if cash else principal * 0.1, 2)
        return Proposal(lump_sum_yuan=lump, overdue_charges_waived_share=1.0)
    if name == "illness":
        return _illness_proposal(values, months)
    raise ValueError(f"unknown preset {name!r}")


def _illness_proposal(values: Mapping[str, Any], months: int) -> Proposal:
    """The illness case's plan: the ladder's target under the budget the values set.

    With no spare income now and a later income given, the ladder pauses until it
    arrives (interest stopped, 停息挂账), so the plan fits the budget the case sets. When
    nothing fits even so, a pause with interest stopped over twice the months left is put
    forward, and What to ask for says by how much the budget falls short.
    """
    built = case_from_values(values)
    if built.case is not None:
        case = built.case
        ladder = offer_ladder(case.loans[0].loan, case.borrower, case.assumptions)
        if ladder.offers:
            target = next(offer for offer in ladder.offers if offer.rung is Rung.TARGET)
            return target.proposal
    return Proposal(
        months_added=min(max(months, 24), 120),
        holiday_months=ILLNESS_PAUSE_MONTHS,
        holiday_interest_accrues=False,
        overdue_charges_waived_share=1.0,
    )


def preset_values(name: str, number: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Widget values of proposal ``number`` for preset ``name``.

    >>> preset_values("longer", 1, {"months": 12})["p1_add"]
    12
    >>> preset_values("lower_rate", 2, {"rate": 18.0})["p2_rate"]
    9.0
    """
    return proposal_values(preset_proposal(name, values), number)


def illness_income(values: Mapping[str, Any]) -> float:
    """The lower income the illness case assumes, rounded to the box's 100-yuan step."""
    income = float(values.get(Key.INCOME, BY_KEY[Key.INCOME].default))
    return float(round(income * ILLNESS_INCOME_SHARE / 100) * 100)


def illness_budget(values: Mapping[str, Any]) -> dict[str, Any]:
    """The budget the illness case sets: income halved now, and back later.

    The income the borrower had comes back after :data:`ILLNESS_PAUSE_MONTHS` months,
    unless a later income is already given (then it is kept as it is).

    >>> illness_budget({"income": 6_000.0})
    {'income': 3000.0, 'later': 6000.0, 'laterm': 4}
    """
    income = float(values.get(Key.INCOME, BY_KEY[Key.INCOME].default))
    changed: dict[str, Any] = {Key.INCOME: illness_income(values)}
    if values.get(Key.LATER) is None:
        changed[Key.LATER] = income
        changed[Key.LATER_MONTH] = ILLNESS_PAUSE_MONTHS + 1
    return changed
