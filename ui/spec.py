"""The inputs of the app: one spec per widget, which is also its share-link parameter.

Pure Python (no Streamlit): the widgets are drawn from these specs (``ui.inputs``), a
link's parameters are checked against them (:func:`read_link`), and the widget values
become the core's ``Case`` here (:func:`case_from_values`). A parameter's name is its
widget's key and never changes; the README lists them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import ValidationError

from core import (
    Assumptions,
    Borrower,
    Case,
    FeePayee,
    LenderType,
    Loan,
    LoanCase,
    Method,
    Proposal,
    RateUnit,
)
from core.models import MAX_MONEY_YUAN, MAX_PROPOSALS

Widget = Literal["slider", "number", "select", "checkbox", "date"]
Group = Literal["loan", "overdue", "borrower", "assumptions", "proposal"]

MAX_TEXT_LENGTH = 40
"""Longest parameter value read from a link: nothing valid here is longer."""


@dataclass(frozen=True, slots=True)
class Param:
    """One input: its widget, its bounds and its place in the model.

    ``scale`` turns the widget's value into the model's (percent → fraction).
    ``optional`` number inputs may be left empty (None: the lever is not used).
    """

    key: str
    widget: Widget
    group: Group
    default: Any
    field: str
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False
    integer: bool = False
    scale: float = 1.0
    fmt: str | None = None

    @property
    def label_key(self) -> str:
        """Catalog key of the widget's label (``input.<name>``; proposals share theirs)."""
        return "input." + base_name(self.key)

    @property
    def help_key(self) -> str:
        return "help." + base_name(self.key)


def base_name(key: str) -> str:
    """A proposal parameter's name without its number: ``p2_rate`` → ``p_rate``."""
    if key[:1] == "p" and key[1:2].isdigit() and key[2:3] == "_":
        return "p" + key[2:]
    return key


# Rate sliders: bounds in percent, by unit (typical online loans: 0.02-0.1 % a day).
RATE_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    # unit: (minimum, maximum, step, default)
    RateUnit.APR.value: (0.0, 100.0, 0.1, 18.0),
    RateUnit.MONTHLY.value: (0.0, 8.0, 0.01, 1.5),
    RateUnit.DAILY.value: (0.0, 0.3, 0.001, 0.05),
    RateUnit.FLAT_MONTHLY_FEE.value: (0.0, 4.0, 0.01, 0.6),
}

_MONEY: dict[str, Any] = {"minimum": 0.0, "maximum": MAX_MONEY_YUAN, "fmt": "%.2f"}

LOAN_PARAMS: tuple[Param, ...] = (
    Param(
        "principal",
        "slider",
        "loan",
        10_000.0,
        "principal_yuan",
        100.0,
        5_000_000.0,
        100.0,
        fmt="%.0f",
    ),
    Param(
        "unit",
        "select",
        "loan",
        RateUnit.APR.value,
        "rate_unit",
        choices=tuple(u.value for u in RateUnit),
    ),
    Param("rate", "slider", "loan", 18.0, "rate", scale=0.01, fmt="%.3f"),
    Param("basis", "select", "loan", "360", "day_basis", choices=("360", "365")),
    Param(
        "method",
        "select",
        "loan",
        Method.EQUAL_INSTALLMENT.value,
        "method",
        choices=tuple(m.value for m in Method),
    ),
    Param("months", "slider", "loan", 12, "remaining_months", 1, 360, 1, integer=True),
    Param(
        "lender",
        "select",
        "loan",
        LenderType.LICENSED.value,
        "lender_type",
        choices=tuple(t.value for t in LenderType),
    ),
    Param("signed", "date", "loan", dt.date(2024, 1, 1), "contract_date"),
    Param("mfee", "number", "loan", 0.0, "monthly_fee_yuan", step=10.0, **_MONEY),
)
OVERDUE_PARAMS: tuple[Param, ...] = (
    Param("days", "number", "overdue", 0, "days_overdue", 0, 3650, 1, integer=True),
    Param("overdue", "number", "overdue", 0.0, "overdue_amount_yuan", step=100.0, **_MONEY),
    Param(
        "penalty",
        "number",
        "overdue",
        None,
        "accrued_penalty_yuan",
        step=10.0,
        optional=True,
        **_MONEY,
    ),
    Param("charges", "number", "overdue", 0.0, "other_charges_yuan", step=10.0, **_MONEY),
    Param("mcharge", "number", "overdue", 0.0, "monthly_charge_yuan", step=10.0, **_MONEY),
    Param("mult", "number", "overdue", 1.5, "penalty_multiplier", 1.0, 3.0, 0.1, fmt="%.2f"),
)
BORROWER_PARAMS: tuple[Param, ...] = (
    Param(
        "income",
        "slider",
        "borrower",
        6_000.0,
        "monthly_income_yuan",
        0.0,
        200_000.0,
        100.0,
        fmt="%.0f",
    ),
    Param(
        "expenses",
        "slider",
        "borrower",
        3_500.0,
        "essential_expenses_yuan",
        0.0,
        200_000.0,
        100.0,
        fmt="%.0f",
    ),
    Param("cash", "slider", "borrower", 0.0, "lump_sum_yuan", 0.0, 1_000_000.0, 100.0, fmt="%.0f"),
)
ASSUMPTION_PARAMS: tuple[Param, ...] = (
    Param(
        "afford",
        "slider",
        "assumptions",
        100,
        "affordable_share",
        10,
        100,
        5,
        integer=True,
        scale=0.01,
    ),
    Param("accel", "number", "assumptions", 90, "acceleration_days", 1, 720, 1, integer=True),
    Param("horizon", "slider", "assumptions", 24, "horizon_months", 6, 120, 6, integer=True),
    Param(
        "disc",
        "number",
        "assumptions",
        8.0,
        "lender_discount_apr",
        0.0,
        30.0,
        0.5,
        scale=0.01,
        fmt="%.1f",
    ),
    Param(
        "recover",
        "slider",
        "assumptions",
        30,
        "recovery_share",
        0,
        100,
        5,
        integer=True,
        scale=0.01,
    ),
    Param("delay", "number", "assumptions", 12, "recovery_delay_months", 0, 60, 1, integer=True),
    Param("maxterm", "number", "assumptions", 60, "max_term_months", 1, 600, 1, integer=True),
)
COUNT_PARAM = Param(
    "np", "select", "proposal", "2", "", choices=tuple(str(n) for n in range(MAX_PROPOSALS + 1))
)

SAME_METHOD = "same"


# What the first two proposals start with, so a new visitor sees two real asks side by
# side: a longer term, and a lower rate with the penalty waived. The others start blank.
STARTING_LEVERS: dict[int, dict[str, Any]] = {1: {"add": 12}, 2: {"rate": 12.0, "pen": 100}}

# The levers shown first; the others sit under "more levers".
MAIN_LEVERS: tuple[str, ...] = ("add", "rate", "waivepct", "pen", "lump")


def lever(param: Param) -> str:
    """A proposal parameter's lever name: ``p2_rate`` → ``rate``."""
    return param.key.split("_", 1)[1]


def proposal_params(number: int) -> tuple[Param, ...]:
    """The levers of proposal ``number`` (1-4): keys ``p<number>_<lever>``."""
    starting = STARTING_LEVERS.get(number, {})
    return tuple(
        replace(param, default=starting[lever(param)]) if lever(param) in starting else param
        for param in _blank_levers(number)
    )


def blank_value(param: Param) -> Any:
    """A lever's value in an empty proposal (what a preset starts from)."""
    return BLANK[lever(param)]


def _blank_levers(number: int) -> tuple[Param, ...]:
    p = f"p{number}_"
    return (
        Param(p + "add", "slider", "proposal", 0, "months_added", 0, 120, 1, integer=True),
        Param(
            p + "term",
            "number",
            "proposal",
            None,
            "term_months",
            1,
            600,
            1,
            optional=True,
            integer=True,
        ),
        Param(
            p + "rate",
            "number",
            "proposal",
            None,
            "new_apr",
            0.0,
            100.0,
            0.5,
            optional=True,
            scale=0.01,
            fmt="%.2f",
        ),
        Param(
            p + "waive",
            "number",
            "proposal",
            None,
            "principal_waived_yuan",
            step=500.0,
            optional=True,
            **_MONEY,
        ),
        Param(
            p + "waivepct",
            "number",
            "proposal",
            None,
            "principal_waived_share",
            0.0,
            100.0,
            5.0,
            optional=True,
            scale=0.01,
            fmt="%.1f",
        ),
        Param(
            p + "pen",
            "slider",
            "proposal",
            0,
            "overdue_charges_waived_share",
            0,
            100,
            5,
            integer=True,
            scale=0.01,
        ),
        Param(p + "free", "slider", "proposal", 0, "interest_free_months", 0, 60, 1, integer=True),
        Param(p + "stop", "checkbox", "proposal", False, "interest_frozen_for_good"),
        Param(p + "lump", "number", "proposal", 0.0, "lump_sum_yuan", step=500.0, **_MONEY),
        Param(p + "hol", "slider", "proposal", 0, "holiday_months", 0, 12, 1, integer=True),
        Param(p + "holint", "checkbox", "proposal", True, "holiday_interest_accrues"),
        Param(
            p + "method",
            "select",
            "proposal",
            SAME_METHOD,
            "new_method",
            choices=(SAME_METHOD, *(m.value for m in Method)),
        ),
        Param(
            p + "fee", "number", "proposal", None, "fee_yuan", step=100.0, optional=True, **_MONEY
        ),
        Param(
            p + "feepct",
            "number",
            "proposal",
            None,
            "fee_share",
            0.0,
            50.0,
            0.5,
            optional=True,
            scale=0.01,
            fmt="%.1f",
        ),
        Param(
            p + "feeto",
            "select",
            "proposal",
            FeePayee.INTERMEDIARY.value,
            "fee_payee",
            choices=tuple(f.value for f in FeePayee),
        ),
    )


BLANK: dict[str, Any] = {lever(param): param.default for param in _blank_levers(1)}
PROPOSAL_PARAMS: tuple[tuple[Param, ...], ...] = tuple(
    proposal_params(n) for n in range(1, MAX_PROPOSALS + 1)
)
LANG_PARAM = Param("lang", "select", "assumptions", "", "", choices=("zh", "en"))

ALL_PARAMS: tuple[Param, ...] = (
    *LOAN_PARAMS,
    *OVERDUE_PARAMS,
    *BORROWER_PARAMS,
    *ASSUMPTION_PARAMS,
    COUNT_PARAM,
    *(param for group in PROPOSAL_PARAMS for param in group),
)
BY_KEY: dict[str, Param] = {param.key: param for param in ALL_PARAMS}


def bounds(
    param: Param, values: Mapping[str, Any]
) -> tuple[float | None, float | None, float | None]:
    """(minimum, maximum, step) of ``param``; the rate's depend on the chosen unit."""
    if param.key == "rate":
        low, high, step, _ = RATE_BOUNDS[str(values.get("unit", RateUnit.APR.value))]
        return low, high, step
    return param.minimum, param.maximum, param.step


def default(param: Param, values: Mapping[str, Any]) -> Any:
    """Default value of ``param``; the rate's depends on the chosen unit."""
    if param.key == "rate":
        return RATE_BOUNDS[str(values.get("unit", RateUnit.APR.value))][3]
    return param.default


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """A link parameter that was ignored: ``reason`` is a catalog key (``link.<reason>``)."""

    key: str
    value: str
    reason: str
    context: dict[str, str] = field(default_factory=dict)


def parse_value(
    param: Param, raw: str, values: Mapping[str, Any]
) -> tuple[Any, LinkProblem | None]:
    """Read one link value as the widget would hold it, or say why it cannot be used.

    >>> parse_value(BY_KEY["months"], "24", {})
    (24, None)
    >>> parse_value(BY_KEY["months"], "99999", {})[1].reason
    'out_of_range'
    """
    text = raw.strip()
    if len(text) > MAX_TEXT_LENGTH:
        return None, LinkProblem(param.key, raw[:MAX_TEXT_LENGTH] + "…", "too_long")
    if param.widget == "select":
        if text in param.choices:
            return text, None
        return None, LinkProblem(
            param.key, text, "not_a_choice", {"choices": ", ".join(param.choices)}
        )
    if param.widget == "checkbox":
        lowered = text.lower()
        if lowered in ("true", "1", "yes"):
            return True, None
        if lowered in ("false", "0", "no"):
            return False, None
        return None, LinkProblem(param.key, text, "not_yes_no")
    if param.widget == "date":
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None, LinkProblem(param.key, text, "not_a_date")
        if not dt.date(1990, 1, 1) <= day <= dt.date.today():
            return None, LinkProblem(param.key, text, "date_out_of_range")
        return day, None
    if param.optional and text == "":
        return None, None
    return _parse_number(param, text, values)


def _parse_number(
    param: Param, text: str, values: Mapping[str, Any]
) -> tuple[Any, LinkProblem | None]:
    try:
        number = float(text)
    except ValueError:
        return None, LinkProblem(param.key, text, "not_a_number")
    if not math.isfinite(number):
        return None, LinkProblem(param.key, text, "not_a_number")
    if param.integer:
        if not number.is_integer():
            return None, LinkProblem(param.key, text, "not_whole")
        number = int(number)
    low, high, _ = bounds(param, values)
    if (low is not None and number < low) or (high is not None and number > high):
        context = {"min": _plain(low), "max": _plain(high)}
        return None, LinkProblem(param.key, text, "out_of_range", context)
    return number, None


def _plain(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def read_link(query: Mapping[str, Iterable[str]]) -> tuple[dict[str, Any], list[LinkProblem]]:
    """The usable values of a share link, and a problem for each value that is not.

    ``query`` maps each parameter to all its values (a repeated key uses the first).
    Unknown parameters are reported too. The unit is read first, since the rate's
    bounds depend on it.

    >>> values, problems = read_link({"principal": ["-5"], "rate": ["abc"], "months": ["24"]})
    >>> values, [(p.key, p.reason) for p in problems]
    ({'months': 24}, [('principal', 'out_of_range'), ('rate', 'not_a_number')])
    """
    raw = {key: list(items) for key, items in query.items()}
    values: dict[str, Any] = {}
    problems: list[LinkProblem] = []
    ordered = sorted(raw, key=lambda key: key != "unit")
    for key in ordered:
        items = raw[key]
        if key == LANG_PARAM.key:
            continue  # the language is read by the page itself
        param = BY_KEY.get(key)
        if param is None:
            problems.append(
                LinkProblem(
                    key[:MAX_TEXT_LENGTH], (items[0] if items else "")[:MAX_TEXT_LENGTH], "unknown"
                )
            )
            continue
        if not items:
            continue
        value, problem = parse_value(param, items[0], values)
        if problem is not None:
            problems.append(problem)
        else:
            values[key] = value
    if values.get("unit") == RateUnit.FLAT_MONTHLY_FEE.value and "method" not in values:
        values["method"] = Method.FLAT_FEE.value  # a flat fee only goes with that method
    return values, problems


def serialize(param: Param, value: Any) -> str | None:
    """How a value is written into a link; None when it is the default (left out).

    >>> serialize(BY_KEY["principal"], 12_000.0), serialize(BY_KEY["months"], 12)
    ('12000', None)
    """
    if value == param.default and param.key != "rate":
        return None
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def link_params(values: Mapping[str, Any]) -> dict[str, str]:
    """The share-link parameters for these widget values: only those not at their default."""
    params: dict[str, str] = {}
    count = int(values.get(COUNT_PARAM.key, COUNT_PARAM.default))
    for param in ALL_PARAMS:
        if param.group == "proposal" and param is not COUNT_PARAM and int(param.key[1]) > count:
            continue
        if param.key not in values:
            continue
        value = values[param.key]
        if param.key == "rate" and value == default(param, values):
            continue
        text = serialize(param, value)
        if text is not None:
            params[param.key] = text
    return params


def _model_value(param: Param, value: Any) -> Any:
    if value is None:
        return None
    if param.key == "basis":
        return int(value)
    if param.field == "new_method":
        return None if value == SAME_METHOD else value
    if param.field == "months_added":
        return value or None
    if param.scale != 1.0:
        return round(value * param.scale, 10)
    return value


def _fields(params: Iterable[Param], values: Mapping[str, Any]) -> dict[str, Any]:
    return {p.field: _model_value(p, values.get(p.key, default(p, values))) for p in params}


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
    """Build the core's ``Case`` from widget values (missing values take their defaults)."""
    errors: dict[str, ValidationError] = {}
    parts: dict[str, Any] = {}
    for name, model, params in (
        ("loan", Loan, (*LOAN_PARAMS, *OVERDUE_PARAMS)),
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
