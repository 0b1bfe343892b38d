"""Widget values and the core's models, both ways.

Pure Python (no Streamlit). :func:`case_from_values` builds the ``Case`` the widgets
describe (each input converted by its row in ``ui.registry``); :func:`proposal_values`
is the inverse for one proposal, used to load a plan (a preset, a ladder rung) into a
proposal's widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from core import Assumptions, Borrower, Case, Loan, LoanCase, Proposal
from core.models import monthly_rate
from ui.registry import (
    ASSUMPTION_PARAMS,
    BORROWER_PARAMS,
    BY_KEY,
    COUNT_PARAM,
    LENDER_PARAMS,
    LOAN_PARAMS,
    OVERDUE_PARAMS,
    PROPOSAL_PARAMS,
    Key,
    Param,
    default,
    unit_of,
)


def _fields(params: Iterable[Param], values: Mapping[str, Any]) -> dict[str, Any]:
    return {p.field: p.model_value(values.get(p.key, default(p, values))) for p in params}


@dataclass(frozen=True, slots=True)
class Built:
    """The case the widgets describe, and what could not be used.

    ``case`` is None when the loan or the borrower is invalid (nothing can be
    compared); ``errors`` maps a group (``loan``, ``borrower``, ``assumptions``,
    ``p1``…) to its validation error. ``proposal_numbers`` says which proposal each
    entry of the case's proposals is (invalid ones are left out).
    """

    case: Case | None
    errors: dict[str, ValidationError]
    proposal_numbers: tuple[int, ...]


def case_from_values(values: Mapping[str, Any]) -> Built:
    """Build the core's ``Case`` from widget values (missing values take their defaults).

    >>> built = case_from_values({"rate": 24.0, "np": "1", "p1_add": 6})
    >>> built.case.loans[0].loan.rate, built.case.loans[0].proposals[0].months_added
    (0.24, 6)
    """
    errors: dict[str, ValidationError] = {}
    parts: dict[str, Any] = {}
    for name, model, params in (
        ("loan", Loan, (*LENDER_PARAMS, *LOAN_PARAMS, *OVERDUE_PARAMS)),
        ("borrower", Borrower, BORROWER_PARAMS),
        ("assumptions", Assumptions, ASSUMPTION_PARAMS),
    ):
        try:
            parts[name] = model(**_fields(params, values))
        except ValidationError as error:
            errors[name] = error
    if "loan" not in parts or "borrower" not in parts:
        return Built(None, errors, ())
    loan: Loan = parts["loan"]
    proposals: list[Proposal] = []
    numbers: list[int] = []
    count = int(values.get(COUNT_PARAM.key, COUNT_PARAM.default))
    for number in range(1, count + 1):
        try:
            proposal = Proposal(**_fields(PROPOSAL_PARAMS[number - 1], values))
            LoanCase(loan=loan, proposals=(proposal,))  # checks the proposal against the loan
        except ValidationError as error:
            errors[f"p{number}"] = error
            continue
        proposals.append(proposal)
        numbers.append(number)
    case = Case(
        borrower=parts["borrower"],
        loans=(LoanCase(loan=loan, proposals=tuple(proposals)),),
        assumptions=parts.get("assumptions", Assumptions()),
    )
    return Built(case, errors, tuple(numbers))


def proposal_values(proposal: Proposal, number: int) -> dict[str, Any]:
    """The widget values of proposal ``number`` that describe ``proposal``: every lever.

    >>> values = proposal_values(Proposal(term_months=36, new_apr=0.09), 2)
    >>> values["p2_term"], values["p2_rate"], values["p2_add"], values["p2_method"]
    (36, 9.0, 0, 'same')
    """
    return {
        param.key: param.widget_value(getattr(proposal, param.field))
        for param in PROPOSAL_PARAMS[number - 1]
    }


def nominal_apr(values: Mapping[str, Any]) -> float:
    """The contract's stated annual rate (a fraction) from the widget values, in any unit.

    >>> round(nominal_apr({"unit": "daily", "rate": 0.05}), 6)
    0.18
    """
    rate_param = BY_KEY[Key.RATE]
    rate = rate_param.model_value(values.get(Key.RATE, default(rate_param, values)))
    basis = BY_KEY[Key.BASIS].model_value(values.get(Key.BASIS, BY_KEY[Key.BASIS].default))
    return monthly_rate(rate, unit_of(values), basis) * 12
