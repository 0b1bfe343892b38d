"""The inputs of the app, one row each: its widget, its bounds and its place in the model.

Pure Python (no Streamlit). Everything about an input is an attribute of its row, so the
widgets (``ui.inputs``), the share link (``ui.link``), the case built from the widgets
(``ui.values``), the case file, the README's table and the fuzz tests all read the same
table. An input's key is its widget's key and its share-link parameter, and never
changes; the README lists them.

Rows are written with small constructors, one per kind of value: :func:`money`,
:func:`percent`, :func:`count`, :func:`choice`, :func:`flag` and :func:`day`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Literal

from core import Bureau, FeePayee, Lawsuit, LenderType, Method, RateUnit
from core.models import (
    DEFAULT_AFFORDABLE_SHARE,
    MAX_HOLIDAY_MONTHS,
    MAX_MONEY_YUAN,
    MAX_NAME_LENGTH,
    MAX_PROPOSALS,
)

Widget = Literal["slider", "number", "select", "checkbox", "date", "text"]
Group = Literal["lender", "loan", "bill", "overdue", "borrower", "assumptions", "proposal"]


class Key:
    """The keys other modules name: each is a widget's key and a share-link parameter."""

    NAME = "name"
    PRINCIPAL = "principal"
    UNIT = "unit"
    RATE = "rate"
    BASIS = "basis"
    METHOD = "method"
    MONTHS = "months"
    LENDER = "lender"
    SIGNED = "signed"
    DAYS = "days"
    OVERDUE = "overdue"
    INCOME = "income"
    EXPENSES = "expenses"
    CASH = "cash"
    LATER = "later"
    LATER_MONTH = "laterm"
    COUNT = "np"
    LANG = "lang"


@dataclass(frozen=True, slots=True)
class Param:
    """One input.

    ``name`` is the input's name in the catalogs (``input.<name>``, ``help.<name>``); a
    proposal's levers share theirs across proposals, and ``proposal`` says which one the
    input belongs to. ``scale`` turns the widget's value into the model's (percent →
    fraction). ``optional`` number inputs may be left empty (None: the lever is not used);
    ``unused`` is the widget value that also means "not used" (sent to the model as None).
    ``model_type`` converts a choice to the model's type (the day basis is a number).
    ``by_unit`` gives bounds and default by the loan's rate unit (the rate's own scale
    depends on it); ``only_for_unit`` shows the input only for that unit, and
    ``only_for_lender`` only for that kind of lender (its value is kept either way).
    ``choice_prefix`` names a choice's labels in the catalogs (``<prefix>.<choice>``).
    ``alternative`` names the other input for the same idea (see :attr:`alternative_key`).
    ``implied_by_unit`` is the value a rate unit forces (a flat monthly fee goes only with
    the flat-fee method), so a link need not say it.
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
    name: str = ""
    proposal: int | None = None
    unused: Any = None
    model_type: Callable[[Any], Any] | None = None
    by_unit: Mapping[str, tuple[float, float, float, float]] | None = None
    only_for_unit: str | None = None
    only_for_lender: str | None = None
    choice_prefix: str | None = None
    implied_by_unit: Mapping[str, str] | None = None
    alternative: str | None = None

    @property
    def alternative_key(self) -> str | None:
        """The key of the other input for the same idea (a new term, or months added):
        setting one empties the other, so the one set last wins.

        >>> BY_KEY["p2_term"].alternative_key, BY_KEY["p2_rate"].alternative_key
        ('p2_add', None)
        """
        if self.alternative is None:
            return None
        prefix = f"p{self.proposal}_" if self.proposal is not None else ""
        return prefix + self.alternative

    def implied(self, values: Mapping[str, Any]) -> str | None:
        """The value the loan's rate unit among ``values`` implies for this input, if any.

        >>> BY_KEY["method"].implied({"unit": "flat_fee"}), BY_KEY["method"].implied({})
        ('flat_fee', None)
        """
        return (self.implied_by_unit or {}).get(unit_of(values))

    @property
    def label_key(self) -> str:
        """Catalog key of the label; a rate's label names the unit (the APR's by default)."""
        return self.label_key_for(RateUnit.APR.value)

    def label_key_for(self, unit: str) -> str:
        """Catalog key of the label when the loan's rate is in ``unit``."""
        base = "input." + self.catalog_name
        return f"{base}.{unit}" if self.by_unit is not None else base

    @property
    def help_key(self) -> str:
        return "help." + self.catalog_name

    @property
    def catalog_name(self) -> str:
        """``p_<lever>`` for a proposal's lever, else the input's own name."""
        return ("p_" if self.proposal is not None else "") + (self.name or self.key)

    def model_value(self, value: Any) -> Any:
        """The model's value for the widget's ``value``.

        >>> BY_KEY["p1_rate"].model_value(12.0), BY_KEY["p1_add"].model_value(0)
        (0.12, None)
        """
        if value is None or (self.unused is not None and value == self.unused):
            return None
        if self.model_type is not None:
            return self.model_type(value)
        if self.scale != 1.0:
            return round(value * self.scale, 10)
        return value

    def widget_value(self, model: Any) -> Any:
        """The widget's value for the model's value ``model``: the inverse of :meth:`model_value`.

        >>> BY_KEY["p1_rate"].widget_value(0.09), BY_KEY["p1_pen"].widget_value(1.0)
        (9.0, 100)
        """
        if model is None:
            return self.unused
        if isinstance(model, Enum):
            return model.value
        if self.model_type is not None:
            return str(model)
        if self.scale != 1.0:
            model = round(model / self.scale, 10)
        return round(model) if self.integer else model


def money(key: str, field: str, default: float | None = 0.0, *, step: float, **more: Any) -> Param:
    """An amount in yuan, typed to the fen (a slider gives its own bounds and format)."""
    bounds: dict[str, Any] = {"minimum": 0.0, "maximum": MAX_MONEY_YUAN, "fmt": "%.2f"}
    widget = more.pop("widget", "number")
    return Param(key, widget, "loan", default, field, step=step, **(bounds | more))


def percent(
    key: str, field: str, default: float | None, low: float, high: float, step: float, **more: Any
) -> Param:
    """A percentage on the widget, a fraction in the model."""
    widget = more.pop("widget", "number")
    return Param(key, widget, "loan", default, field, low, high, step, scale=0.01, **more)


def count(
    key: str, field: str, default: int | None, low: int, high: int, step: int = 1, **more: Any
) -> Param:
    """A whole number: months, days, installments."""
    widget = more.pop("widget", "number")
    return Param(key, widget, "loan", default, field, low, high, step, integer=True, **more)


def choice(
    key: str, field: str, default: Any, options: Iterable[Any], prefix: str | None, **more: Any
) -> Param:
    """One of a few options, shown by their catalog labels ``<prefix>.<option>``."""
    values = tuple(o.value if isinstance(o, Enum) else str(o) for o in options)
    value = default.value if isinstance(default, Enum) else default
    return Param(key, "select", "loan", value, field, choices=values, choice_prefix=prefix, **more)


def flag(key: str, field: str, default: bool) -> Param:
    """Yes or no."""
    return Param(key, "checkbox", "loan", default, field)


def text(key: str, field: str, longest: int) -> Param:
    """A short text the borrower types (``longest`` characters at most), shown as text."""
    return Param(key, "text", "loan", "", field, maximum=longest)


def day(key: str, field: str, default: dt.date) -> Param:
    """A date between 1990 and today."""
    return Param(key, "date", "loan", default, field)


def in_group(group: Group, *params: Param) -> tuple[Param, ...]:
    return tuple(replace(param, group=group) for param in params)


# The contract rate: bounds in percent, by unit (typical online loans: 0.02-0.1 % a day).
RATE_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    # unit: (minimum, maximum, step, default)
    RateUnit.APR.value: (0.0, 100.0, 0.1, 18.0),
    RateUnit.MONTHLY.value: (0.0, 8.0, 0.01, 1.5),
    RateUnit.DAILY.value: (0.0, 0.3, 0.001, 0.05),
    RateUnit.FLAT_MONTHLY_FEE.value: (0.0, 4.0, 0.01, 0.6),
}
SAME_METHOD = "same"
_METHODS = tuple(Method)

# fmt: off
# What tells one lender from another and what not paying it costs (not in the sidebar: the
# list of lenders edits them).
LENDER_PARAMS = in_group(
    "lender",
    text(Key.NAME, "name", MAX_NAME_LENGTH),
    choice("bureau", "reports_to_bureau", Bureau.UNKNOWN, Bureau, "bureau"),
    choice("suit", "lawsuit", Lawsuit.NONE, Lawsuit, "lawsuit"),
)
LOAN_PARAMS = in_group(
    "loan",
    money(Key.PRINCIPAL, "principal_yuan", 10_000.0, step=100.0, minimum=100.0,
          maximum=5_000_000.0),
    choice(Key.UNIT, "rate_unit", RateUnit.APR, RateUnit, "rate_unit"),
    Param(Key.RATE, "number", "loan", 18.0, "rate", scale=0.01, fmt="%.3f", by_unit=RATE_BOUNDS),
    choice(Key.BASIS, "day_basis", "360", ("360", "365"), "basis", model_type=int,
           only_for_unit=RateUnit.DAILY.value),
    choice(Key.METHOD, "method", Method.EQUAL_INSTALLMENT, _METHODS, "method",
           implied_by_unit={RateUnit.FLAT_MONTHLY_FEE.value: Method.FLAT_FEE.value}),
    count(Key.MONTHS, "remaining_months", 12, 1, 360),
    choice(Key.LENDER, "lender_type", LenderType.LICENSED, LenderType, "lender_type"),
    # Only the private-lending line depends on it (the LPR on that day).
    replace(
        day(Key.SIGNED, "contract_date", dt.date(2024, 1, 1)),
        only_for_lender=LenderType.PRIVATE.value,
    ),
    money("mfee", "monthly_fee_yuan", step=10.0),
) + in_group(
    "bill",  # the real bill (optional): drawn apart in the sidebar, a loan input all the same
    money("orig", "original_principal_yuan", None, step=100.0, optional=True, minimum=100.0,
          maximum=5_000_000.0),
    money("recv", "received_yuan", None, step=100.0, optional=True, minimum=0.01,
          maximum=5_000_000.0),
    count("origterm", "original_months", None, 1, 360, optional=True),
)
OVERDUE_PARAMS = in_group(
    "overdue",
    count(Key.DAYS, "days_overdue", 0, 0, 3650),
    money(Key.OVERDUE, "overdue_amount_yuan", step=100.0),
    money("penalty", "accrued_penalty_yuan", None, step=10.0, optional=True),
    money("charges", "other_charges_yuan", step=10.0),
    money("mcharge", "monthly_charge_yuan", step=10.0),
    Param("mult", "number", "overdue", 1.5, "penalty_multiplier", 1.0, 3.0, 0.1, fmt="%.2f"),
)
BORROWER_PARAMS = in_group(
    "borrower",
    money(Key.INCOME, "monthly_income_yuan", 6_000.0, step=100.0, maximum=200_000.0),
    money(Key.EXPENSES, "essential_expenses_yuan", 3_500.0, step=100.0, maximum=200_000.0),
    money(Key.CASH, "lump_sum_yuan", 0.0, step=100.0, maximum=1_000_000.0),
    money(Key.LATER, "later_income_yuan", None, step=100.0, maximum=200_000.0, optional=True),
    count(Key.LATER_MONTH, "later_from_month", 6, 1, MAX_HOLIDAY_MONTHS),
)
ASSUMPTION_PARAMS = in_group(
    "assumptions",
    count("afford", "affordable_share", round(DEFAULT_AFFORDABLE_SHARE * 100), 10, 100, 5,
          scale=0.01, widget="slider"),
    count("accel", "acceleration_days", 90, 1, 720),
    count("horizon", "horizon_months", 24, 6, 120, 6, widget="slider"),
    percent("disc", "lender_discount_apr", 8.0, 0.0, 30.0, 0.5, fmt="%.1f"),
    count("recover", "recovery_share", 30, 0, 100, 5, scale=0.01, widget="slider"),
    count("delay", "recovery_delay_months", 12, 0, 60),
    count("maxterm", "max_term_months", 60, 1, 600),
)
# A proposal's levers, blank (as an empty proposal has them); keyed ``p<number>_<lever>``.
LEVERS = in_group(
    "proposal",
    count("add", "months_added", 0, 0, 120, widget="slider", unused=0, alternative="term"),
    count("term", "term_months", None, 1, 600, optional=True, alternative="add"),
    percent("rate", "new_apr", None, 0.0, 100.0, 0.5, optional=True, fmt="%.2f"),
    money("waive", "principal_waived_yuan", None, step=500.0, optional=True,
          alternative="waivepct"),
    percent("waivepct", "principal_waived_share", None, 0.0, 100.0, 5.0, optional=True,
            fmt="%.1f", alternative="waive"),
    count("pen", "overdue_charges_waived_share", 0, 0, 100, 5, scale=0.01, widget="slider"),
    count("free", "interest_free_months", 0, 0, 60, widget="slider"),
    flag("stop", "interest_frozen_for_good", False),
    money("lump", "lump_sum_yuan", step=500.0),
    count("hol", "holiday_months", 0, 0, MAX_HOLIDAY_MONTHS, widget="slider"),
    flag("holint", "holiday_interest_accrues", True),
    money("holpay", "holiday_payment_yuan", step=10.0),
    choice("method", "new_method", SAME_METHOD, (SAME_METHOD, *_METHODS), "method",
           unused=SAME_METHOD),
    money("fee", "fee_yuan", None, step=100.0, optional=True, alternative="feepct"),
    percent("feepct", "fee_share", None, 0.0, 50.0, 0.5, optional=True, fmt="%.1f",
            alternative="fee"),
    choice("feeto", "fee_payee", FeePayee.INTERMEDIARY, FeePayee, "fee_payee"),
)
(COUNT_PARAM,) = in_group("proposal", choice(Key.COUNT, "", "2", range(MAX_PROPOSALS + 1), None))
(LANG_PARAM,) = in_group("assumptions", choice(Key.LANG, "", "", ("zh", "en"), None))
# fmt: on

# What the first two proposals start with, so a new visitor sees two real asks side by
# side: a longer term, and a lower rate with the penalty waived. The others start blank.
STARTING_LEVERS: dict[int, dict[str, Any]] = {1: {"add": 12}, 2: {"rate": 12.0, "pen": 100}}

# The levers shown first; the others sit under "more levers".
MAIN_LEVERS: tuple[str, ...] = ("add", "term", "rate", "waivepct", "pen", "lump")


def proposal_params(number: int) -> tuple[Param, ...]:
    """The levers of proposal ``number`` (1-4): keys ``p<number>_<lever>``.

    >>> [p.key for p in proposal_params(2)][:3]
    ['p2_add', 'p2_term', 'p2_rate']
    """
    starting = STARTING_LEVERS.get(number, {})
    return tuple(
        replace(
            lever,
            key=f"p{number}_{lever.key}",
            name=lever.key,
            proposal=number,
            default=starting.get(lever.key, lever.default),
        )
        for lever in LEVERS
    )


def blank_value(param: Param) -> Any:
    """A lever's value in an empty proposal (what a preset or a loaded plan starts from)."""
    return BLANK[param.name]


BLANK: dict[str, Any] = {lever.key: lever.default for lever in LEVERS}
PROPOSAL_PARAMS: tuple[tuple[Param, ...], ...] = tuple(
    proposal_params(n) for n in range(1, MAX_PROPOSALS + 1)
)

ALL_PARAMS: tuple[Param, ...] = (
    *LENDER_PARAMS,
    *LOAN_PARAMS,
    *OVERDUE_PARAMS,
    *BORROWER_PARAMS,
    *ASSUMPTION_PARAMS,
    COUNT_PARAM,
    *(param for group in PROPOSAL_PARAMS for param in group),
)
BY_KEY: dict[str, Param] = {param.key: param for param in ALL_PARAMS}


def unit_of(values: Mapping[str, Any]) -> str:
    """The loan's rate unit among ``values`` (the APR when not given)."""
    return str(values.get(Key.UNIT, RateUnit.APR.value))


def bounds(
    param: Param, values: Mapping[str, Any]
) -> tuple[float | None, float | None, float | None]:
    """(minimum, maximum, step) of ``param``; the rate's depend on the chosen unit.

    >>> bounds(BY_KEY["rate"], {"unit": "daily"}), bounds(BY_KEY["months"], {})
    ((0.0, 0.3, 0.001), (1, 360, 1))
    """
    if param.by_unit is not None:
        low, high, step, _ = param.by_unit[unit_of(values)]
        return low, high, step
    return param.minimum, param.maximum, param.step


def default(param: Param, values: Mapping[str, Any]) -> Any:
    """Default value of ``param``; the rate's depends on the chosen unit."""
    if param.by_unit is not None:
        return param.by_unit[unit_of(values)][3]
    return param.default
