"""The case a borrower brings: the loan as it stands, their budget, and proposals.

All models are frozen pydantic v2 models. Money fields are in yuan (``_yuan``) and are
turned into whole fen by the computations; rates are fractions (``0.18`` is 18 %).
Every bound carries a message key from the text catalogs (``core.text``), so a
rejected value can be explained to the borrower in Chinese or English with
:func:`core.text.explain_validation_error`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

MAX_MONEY_YUAN = 50_000_000.0
"""Largest amount any money field accepts: far above any online loan, low enough to catch typos."""

MAX_APR = 10.0
"""Largest accepted nominal annual rate (1,000 %): above it the unit is almost surely wrong."""

MAX_MONTHS = 600
MAX_PROPOSALS = 4
MAX_LOANS = 12
"""Most lenders one case holds: most borrowers owe 4-8; past 12 a plan is not readable."""

MAX_NAME_LENGTH = 40
MAX_LENDER_ID = 999_999
"""Largest number a lender is known by (it never changes while the case lives): far above
any list's history, and within every table's whole-number column."""
"""Longest loan name: a platform's name with room to spare, short enough for a table column."""

EARLIEST_DATE = dt.date(1990, 1, 1)
"""Earliest date accepted anywhere (a contract's date, a contact in the log): no online
loan or collection record goes back further, and every table and chart can hold it."""

Money = Annotated[float, Field(ge=0, le=MAX_MONEY_YUAN, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


def validation_error(key: str, **context: object) -> PydanticCustomError:
    """A validation error whose type is a text-catalog key (``error.<key>``)."""
    return PydanticCustomError(key, "error." + key, dict(context))


class RateUnit(StrEnum):
    """How the contract states its price."""

    APR = "apr"  # nominal annual rate, monthly rate = APR / 12
    MONTHLY = "monthly"  # monthly rate
    DAILY = "daily"  # daily rate on a 360- or 365-day year
    FLAT_MONTHLY_FEE = "flat_fee"  # monthly fee charged on the original principal


def monthly_rate(rate: float, unit: RateUnit | str, day_basis: int) -> float:
    """The monthly rate i of a contract rate stated in ``unit`` (for a flat fee, the fee f).

    Parameters
    ----------
    rate : float
        The rate as the contract states it, a fraction (``0.18`` is 18 %).
    unit : RateUnit or str
        How it is stated: ``"apr"``, ``"monthly"``, ``"daily"`` or ``"flat_fee"``.
    day_basis : int
        Days in a year for a daily rate (360 or 365); ignored by the other units.

    Returns
    -------
    float
        The rate a month.

    Notes
    -----
    APR: ``i = r / 12``; monthly: ``i = r``; daily: ``i = r · day_basis / 12``;
    flat monthly fee: ``f = r``. :func:`rate_in_unit` is the inverse.

    Examples
    --------
    >>> monthly_rate(0.0005, "daily", 360), monthly_rate(0.18, RateUnit.APR, 360)
    (0.015, 0.015)
    """
    stated = RateUnit(unit)
    if stated is RateUnit.APR:
        return rate / 12
    if stated is RateUnit.DAILY:
        return rate * day_basis / 12
    return rate


def rate_in_unit(monthly: float, unit: RateUnit | str, day_basis: int) -> float:
    """The rate stated in ``unit`` that means ``monthly`` a month: :func:`monthly_rate` inverted.

    Parameters
    ----------
    monthly : float
        The rate a month, a fraction (for a flat fee, the monthly fee f).
    unit : RateUnit or str
        The unit to state it in: ``"apr"``, ``"monthly"``, ``"daily"`` or ``"flat_fee"``.
    day_basis : int
        Days in a year for a daily rate (360 or 365); ignored by the other units.

    Returns
    -------
    float
        The rate in ``unit``.

    Notes
    -----
    APR: ``r = 12 · i``; monthly: ``r = i``; daily: ``r = 12 · i / day_basis``;
    flat monthly fee: ``r = f``.

    Examples
    --------
    >>> rate_in_unit(0.015, "apr", 360), rate_in_unit(0.015, RateUnit.DAILY, 360)
    (0.18, 0.0005)
    """
    stated = RateUnit(unit)
    if stated is RateUnit.APR:
        return monthly * 12
    if stated is RateUnit.DAILY:
        return monthly * 12 / day_basis
    return monthly


class Method(StrEnum):
    """Repayment method (domain.md §1)."""

    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    INTEREST_FIRST = "interest_first"  # 先息后本
    FLAT_FEE = "flat_fee"  # 等本等息


class LenderType(StrEnum):
    """Who lent the money: decides the legal line on the rate (domain.md §3)."""

    LICENSED = "licensed"  # bank, consumer-finance company, micro-loan company
    PRIVATE = "private"  # individual or unlicensed company (民间借贷)
    CREDIT_CARD = "credit_card"


class Bureau(StrEnum):
    """Whether the lender reports to the credit bureau (征信, domain.md §4)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Lawsuit(StrEnum):
    """How far the lender has gone towards court."""

    NONE = "none"
    THREATENED = "threatened"  # said it will sue (a letter, a call, a "lawyer's letter")
    FILED = "filed"  # a suit, a payment order (支付令) or pre-suit mediation under way


class FeePayee(StrEnum):
    """Who receives a negotiation fee: it counts for the lender only if the lender takes it."""

    LENDER = "lender"
    INTERMEDIARY = "intermediary"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


class Loan(_Frozen):
    """One loan as it stands today."""

    name: str = Field(
        default="", max_length=MAX_NAME_LENGTH, description="A label such as the platform's name."
    )
    principal_yuan: float = Field(
        default=10_000.0,
        gt=0,
        le=MAX_MONEY_YUAN,
        allow_inf_nan=False,
        description="Principal still owed (yuan), including any part already past due.",
    )
    rate: float = Field(
        default=0.18, ge=0, allow_inf_nan=False, description="Contract rate, as a fraction."
    )
    rate_unit: RateUnit = RateUnit.APR
    day_basis: int = Field(
        default=360,
        description="Days in a year for a daily rate: 360 for loans, often 365 for cards.",
    )
    method: Method = Method.EQUAL_INSTALLMENT
    remaining_months: int = Field(default=12, ge=1, le=MAX_MONTHS, description="Installments left.")
    days_overdue: int = Field(
        default=0, ge=0, le=3650, description="Days since the oldest unpaid installment fell due."
    )
    overdue_amount_yuan: Money = Field(
        default=0.0, description="Installments past due and unpaid (yuan): principal and interest."
    )
    accrued_penalty_yuan: float | None = Field(
        default=None,
        ge=0,
        le=MAX_MONEY_YUAN,
        allow_inf_nan=False,
        description="Penalty and compound interest already charged (yuan); estimated when unknown.",
    )
    other_charges_yuan: Money = Field(
        default=0.0, description="Other overdue charges already on the account (yuan), e.g. 违约金."
    )
    monthly_fee_yuan: Money = Field(
        default=0.0,
        description="Fixed fees charged with each installment (service, guarantee or "
        "membership fees), yuan a month: part of the true cost.",
    )
    monthly_charge_yuan: Money = Field(
        default=0.0, description="Charges added for each further month overdue (yuan)."
    )
    penalty_multiplier: float = Field(
        default=1.5,
        ge=1,
        le=3,
        allow_inf_nan=False,
        description="Penalty rate as a multiple of the contract rate (PBOC: +30-50 %; often 1.5).",
    )
    lender_type: LenderType = LenderType.LICENSED
    contract_date: dt.date = Field(
        default=dt.date(2024, 1, 1), description="Date the contract was signed: fixes the LPR used."
    )
    reports_to_bureau: Bureau = Field(
        default=Bureau.UNKNOWN,
        description="Whether the lender reports to the credit bureau (征信): an overdue record "
        "there stays 5 years from the day the default ends.",
    )
    lawsuit: Lawsuit = Field(
        default=Lawsuit.NONE,
        description="Whether the lender has threatened to sue or has filed a suit.",
    )

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.day_basis not in (360, 365):
            raise validation_error("day_basis")
        if self.nominal_apr > MAX_APR:
            raise validation_error("rate_too_high", max_percent=round(MAX_APR * 100))
        if self.rate_unit is RateUnit.FLAT_MONTHLY_FEE and self.method is not Method.FLAT_FEE:
            raise validation_error("flat_fee_needs_flat_method")
        if not EARLIEST_DATE <= self.contract_date <= dt.date.today():
            raise validation_error("contract_date", first=str(EARLIEST_DATE.year))
        most = self.principal_yuan * (1 + self.missed_installments * self.monthly_rate)
        if self.overdue_amount_yuan > most + 0.005:
            raise validation_error("overdue_above_debt", most=round(most, 2))
        return self

    @property
    def missed_installments(self) -> int:
        """Installments past due: one for each started 30 days overdue, at least one if any.

        >>> Loan(days_overdue=45, overdue_amount_yuan=1800).missed_installments
        2
        """
        if self.overdue_amount_yuan <= 0 and self.days_overdue == 0:
            return 0
        return max(1, -(-self.days_overdue // 30))

    @property
    def monthly_rate(self) -> float:
        """The contract's monthly rate i (for a flat-fee loan, the monthly fee f).

        >>> Loan(rate=0.0005, rate_unit="daily").monthly_rate
        0.015
        """
        return monthly_rate(self.rate, self.rate_unit, self.day_basis)

    @property
    def nominal_apr(self) -> float:
        """The contract's stated annual rate, 12·i (not the true cost; see ``core.cost``)."""
        return self.monthly_rate * 12

    @property
    def penalty_apr(self) -> float:
        """Annual penalty rate: multiplier × contract rate (domain.md §4)."""
        return self.penalty_multiplier * self.nominal_apr


class Borrower(_Frozen):
    """What the borrower earns, must spend and could pay at once."""

    monthly_income_yuan: Money = Field(default=6_000.0, description="Monthly net income (yuan).")
    essential_expenses_yuan: Money = Field(
        default=3_500.0, description="Rent, food, transport, care (yuan a month)."
    )
    lump_sum_yuan: Money = Field(default=0.0, description="Money available to pay now (yuan).")

    @property
    def disposable_yuan(self) -> float:
        """Income minus essential expenses; negative when expenses exceed income."""
        return self.monthly_income_yuan - self.essential_expenses_yuan


class Proposal(_Frozen):
    """A negotiated plan: any mix of levers, each optional (None or zero means unchanged)."""

    name: str = Field(default="", max_length=60)
    term_months: int | None = Field(
        default=None, ge=1, le=MAX_MONTHS, description="New number of installments."
    )
    months_added: int | None = Field(
        default=None, ge=1, le=MAX_MONTHS, description="Installments added to the remaining ones."
    )
    new_apr: float | None = Field(
        default=None, ge=0, le=MAX_APR, allow_inf_nan=False, description="New annual rate."
    )
    principal_waived_yuan: Money | None = None
    principal_waived_share: Share | None = None
    overdue_charges_waived_share: Share = Field(
        default=0.0, description="Share of penalty, compound interest and charges waived."
    )
    interest_free_months: int = Field(
        default=0, ge=0, le=MAX_MONTHS, description="Months from signing with no interest."
    )
    interest_frozen_for_good: bool = False
    lump_sum_yuan: Money = Field(default=0.0, description="Paid at signing (yuan).")
    holiday_months: int = Field(default=0, ge=0, le=36, description="Months with no payment.")
    holiday_interest_accrues: bool = True
    new_method: Method | None = None
    fee_yuan: Money | None = None
    fee_share: Annotated[float, Field(ge=0, le=0.5, allow_inf_nan=False)] | None = None
    fee_payee: FeePayee = FeePayee.INTERMEDIARY

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.term_months is not None and self.months_added is not None:
            raise validation_error("term_or_added")
        if self.principal_waived_yuan is not None and self.principal_waived_share is not None:
            raise validation_error("waiver_amount_or_share")
        if self.fee_yuan is not None and self.fee_share is not None:
            raise validation_error("fee_amount_or_share")
        return self


class Assumptions(_Frozen):
    """Settings of the calculation, each with a documented default."""

    acceleration_days: int = Field(
        default=90,
        ge=1,
        le=3650,
        description="Days overdue after which the lender calls the whole balance due "
        "(90 days: when bank loans become non-performing, domain.md §4).",
    )
    horizon_months: int = Field(
        default=24, ge=1, le=120, description="How far the stay-overdue path looks ahead."
    )
    lender_discount_apr: float = Field(
        default=0.08,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Annual rate at which the lender discounts money received later.",
    )
    recovery_share: Share = Field(
        default=0.3,
        description="Share of the debt the lender expects to recover if the borrower defaults "
        "(an assumption, not a published figure).",
    )
    recovery_delay_months: int = Field(
        default=12, ge=0, le=120, description="Months until that recovery arrives."
    )
    max_term_months: int = Field(
        default=60,
        ge=1,
        le=MAX_MONTHS,
        description="Longest plan the borrower will ask for (60: the credit-card maximum, "
        "商业银行信用卡业务监督管理办法 Art. 70).",
    )
    affordable_share: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] = Field(
        default=1.0, description="Share of disposable income the borrower can put toward the loan."
    )
    today: dt.date | None = Field(default=None, description="Signing date; None means today.")
    first_due_date: dt.date | None = Field(
        default=None, description="First due date; None means one month after today."
    )


class LoanCase(_Frozen):
    """One loan and up to four proposals for it."""

    loan: Loan = Loan()
    proposals: tuple[Proposal, ...] = Field(default=(), max_length=MAX_PROPOSALS)

    @model_validator(mode="after")
    def _check(self) -> Self:
        for proposal in self.proposals:
            _check_proposal_fits_loan(proposal, self.loan)
        return self


def _check_proposal_fits_loan(proposal: Proposal, loan: Loan) -> None:
    waived = proposal.principal_waived_yuan
    if waived is not None and waived > loan.principal_yuan:
        raise validation_error("waiver_above_principal", principal=loan.principal_yuan)
    months = proposal.term_months or loan.remaining_months + (proposal.months_added or 0)
    if months > MAX_MONTHS:
        raise validation_error("term_too_long", max_months=MAX_MONTHS)
    debt = (
        loan.principal_yuan
        + loan.overdue_amount_yuan
        + (loan.accrued_penalty_yuan or 0.0)
        + loan.other_charges_yuan
    )
    if proposal.lump_sum_yuan > debt:
        raise validation_error("lump_sum_above_debt", debt=round(debt, 2))


class Case(_Frozen):
    """Everything the borrower entered: their budget, loans with proposals, assumptions."""

    borrower: Borrower = Borrower()
    loans: tuple[LoanCase, ...] = Field(default=(LoanCase(),), min_length=1, max_length=MAX_LOANS)
    assumptions: Assumptions = Assumptions()
