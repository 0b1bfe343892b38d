"""Every lender the borrower owes, against one budget: the list as the pages keep it.

Pure Python (no Streamlit). A lender is its own inputs (``LENDER_KEYS``: its name, what
not paying it costs, its loan, the overdue position and its proposals), as widget values;
the budget and the assumptions are shared by all. The lender being worked on has its
values in the widgets (the sidebar, the proposal editor); the others wait in the list.
Each lender has a number that never changes (``Lender.id``), so what refers to it (a
contact in the log) still does after another lender is removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from core import Case, LoanCase
from core.models import MAX_LENDER_ID, MAX_LOANS
from core.text import Lang, t
from ui.registry import (
    ASSUMPTION_PARAMS,
    BORROWER_PARAMS,
    COUNT_PARAM,
    LENDER_PARAMS,
    LOAN_PARAMS,
    OVERDUE_PARAMS,
    PROPOSAL_PARAMS,
    Key,
)
from ui.values import case_from_values

LENDER_KEYS: tuple[str, ...] = tuple(
    p.key
    for p in (
        *LENDER_PARAMS,
        *LOAN_PARAMS,
        *OVERDUE_PARAMS,
        COUNT_PARAM,
        *(p for levers in PROPOSAL_PARAMS for p in levers),
    )
)
"""The inputs that belong to one lender; every other input is shared."""
SHARED_KEYS: tuple[str, ...] = tuple(p.key for p in (*BORROWER_PARAMS, *ASSUMPTION_PARAMS))


@dataclass(frozen=True, slots=True)
class Lender:
    """One lender: a number that never changes, and its own inputs' values."""

    id: int
    values: Mapping[str, Any] = field(default_factory=dict)


def own_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values of ``values`` that belong to one lender.

    >>> own_values({"principal": 5_000.0, "income": 6_000.0, "name": "借呗"})
    {'name': '借呗', 'principal': 5000.0}
    """
    return {key: values[key] for key in LENDER_KEYS if key in values}


def with_lender(values: Mapping[str, Any], lender: Lender) -> dict[str, Any]:
    """The shared values of ``values`` with ``lender``'s own: every input of that lender."""
    shared = {key: values[key] for key in SHARED_KEYS if key in values}
    return shared | dict(lender.values)


def next_id(lenders: Sequence[Lender]) -> int:
    """A number no lender in the list has: the next after the highest, or, past the
    highest number allowed, the lowest free one.

    >>> next_id([Lender(1), Lender(4)]), next_id([Lender(2), Lender(MAX_LENDER_ID)])
    (5, 1)
    """
    taken = {lender.id for lender in lenders}
    following = max(taken, default=0) + 1
    if following <= MAX_LENDER_ID:
        return following
    return min(number for number in range(1, MAX_LOANS + 2) if number not in taken)


def can_add(lenders: Sequence[Lender]) -> bool:
    """Fewer than the most a case holds."""
    return len(lenders) < MAX_LOANS


def labels(lenders: Sequence[Lender], lang: Lang) -> list[str]:
    """Each lender's name as the page shows it: its own name, else "Lender N"; two lenders
    with the same name are told apart by their place in the list.

    >>> labels([Lender(1, {"name": "借呗"}), Lender(2), Lender(3, {"name": "借呗"})], "en")
    ['借呗 (1)', 'Lender 2', '借呗 (3)']
    """
    names = [str(lender.values.get(Key.NAME) or "").strip() for lender in lenders]
    shown = []
    for number, name in enumerate(names, start=1):
        if not name:
            shown.append(t("lenders.unnamed", lang, number=number))
        elif names.count(name) > 1:
            shown.append(t("lenders.same_name", lang, name=name, number=number))
        else:
            shown.append(name)
    return shown


@dataclass(frozen=True, slots=True)
class BuiltAll:
    """Every lender's case together, and what could not be used.

    ``case`` holds the lenders whose inputs are valid, in the list's order (``included``
    says which), with the shared budget; it is None when none is valid or the budget is
    not. ``errors`` maps a lender's place in the list to its groups' validation errors.
    """

    case: Case | None
    included: tuple[int, ...]
    errors: dict[int, dict[str, ValidationError]]


def build_all(lenders: Sequence[Lender], shared: Mapping[str, Any]) -> BuiltAll:
    """The core's ``Case`` with every valid lender, each with its own proposals.

    >>> built = build_all([Lender(1, {"principal": 5_000.0}), Lender(2, {"principal": 0.0})], {})
    >>> built.included, sorted(built.errors[1])
    ((0,), ['loan'])
    """
    loans: list[LoanCase] = []
    included: list[int] = []
    errors: dict[int, dict[str, ValidationError]] = {}
    first = None
    for index, lender in enumerate(lenders):
        built = case_from_values(with_lender(shared, lender))
        lender_errors = {group: e for group, e in built.errors.items() if group == "loan"}
        if lender_errors:
            errors[index] = lender_errors
        if built.case is None:
            if not lender_errors:
                errors[index] = dict(built.errors)
            continue
        first = first or built.case
        loans.extend(built.case.loans)
        included.append(index)
    if first is None:
        return BuiltAll(None, (), errors)
    case = Case(borrower=first.borrower, loans=tuple(loans), assumptions=first.assumptions)
    return BuiltAll(case, tuple(included), errors)
