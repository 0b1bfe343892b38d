"""Proposal presets from the article's advice: each is a plan for one proposal.

Pure functions of the current widget values; the page writes what they return into the
proposal's widgets. Every preset is a whole ``Proposal`` (the levers it does not name are
blank), so loading one never mixes with what was there before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core import Proposal
from ui.registry import BY_KEY, Key
from ui.values import nominal_apr, proposal_values

PRESETS: tuple[str, ...] = ("longer", "lower_rate", "waiver", "partial", "illness")

# The illness case: income reduced by this share (the article's borrower lost income).
ILLNESS_INCOME_SHARE = 0.5


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
        return Proposal(
            months_added=min(max(months, 24), 120),
            holiday_months=2,
            holiday_interest_accrues=False,
            overdue_charges_waived_share=1.0,
        )
    raise ValueError(f"unknown preset {name!r}")


def preset_values(name: str, number: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Widget values of proposal ``number`` for preset ``name``.

    >>> preset_values("longer", 1, {"months": 12})["p1_add"]
    12
    >>> preset_values("lower_rate", 2, {"rate": 18.0})["p2_rate"]
    9.0
    """
    return proposal_values(preset_proposal(name, values), number)


def illness_income(values: Mapping[str, Any]) -> float:
    """The lower income the illness case assumes, rounded to the slider's 100-yuan step."""
    income = float(values.get(Key.INCOME, BY_KEY[Key.INCOME].default))
    return round(income * ILLNESS_INCOME_SHARE / 100) * 100
