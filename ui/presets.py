"""Proposal presets from the article's advice: each fills one proposal's levers.

Pure functions of the current widget values; the page writes what they return into the
proposal's widgets. Every preset starts from an empty proposal so that loading one never
mixes with what was there before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ui.spec import PROPOSAL_PARAMS, RATE_BOUNDS, blank_value

PRESETS: tuple[str, ...] = ("longer", "lower_rate", "waiver", "partial", "illness")

# The illness case: income reduced by this share (the article's borrower lost income).
ILLNESS_INCOME_SHARE = 0.5


def _current_apr_percent(values: Mapping[str, Any]) -> float:
    unit = str(values.get("unit", "apr"))
    rate = float(values.get("rate", RATE_BOUNDS[unit][3]))
    basis = int(values.get("basis", "360"))
    per_month = {"apr": rate / 12, "monthly": rate, "daily": rate * basis / 12, "flat_fee": rate}[
        unit
    ]
    return per_month * 12


def preset_values(name: str, number: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Widget values of proposal ``number`` for preset ``name``.

    >>> preset_values("longer", 1, {"months": 12})["p1_add"]
    12
    >>> preset_values("lower_rate", 2, {"rate": 18.0})["p2_rate"]
    9.0
    """
    params = PROPOSAL_PARAMS[number - 1]
    result = {param.key: blank_value(param) for param in params}
    prefix = f"p{number}_"
    months = int(values.get("months", 12))
    principal = float(values.get("principal", 10_000.0))
    cash = float(values.get("cash", 0.0))
    if name == "longer":
        result[prefix + "add"] = min(max(months, 12), 120)  # about twice as long
    elif name == "lower_rate":
        result[prefix + "rate"] = round(_current_apr_percent(values) / 2, 2)
    elif name == "waiver":
        result[prefix + "waivepct"] = 20.0
        result[prefix + "pen"] = 100
    elif name == "partial":
        result[prefix + "lump"] = round(min(cash, principal * 0.1) if cash else principal * 0.1, 2)
        result[prefix + "pen"] = 100
    elif name == "illness":
        result[prefix + "add"] = min(max(months, 24), 120)
        result[prefix + "hol"] = 2
        result[prefix + "holint"] = False
        result[prefix + "pen"] = 100
    else:
        raise ValueError(f"unknown preset {name!r}")
    return result


def illness_income(values: Mapping[str, Any]) -> float:
    """The lower income the illness case assumes, rounded to the slider's 100-yuan step."""
    income = float(values.get("income", 6_000.0))
    return round(income * ILLNESS_INCOME_SHARE / 100) * 100
