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

from core.money import yuan_to_fen

MAX_MONEY_YUAN = 50_000_000.0
"""Largest amount any money field accepts: far above any online loan, low enough to catch typos."""

MAX_APR = 10.0
"""Largest accepted nominal annual rate (1,000 %): above it the unit is almost surely wrong."""

MAX_MONTHS = 600
MAX_PROPOSALS = 4
MAX_LOANS = 12
"""Most lenders one case holds: most borrowers owe 4-8; past 12 a plan is not readable."""

MAX_HOLIDAY_MONTHS = 36
"""Longest payment holiday (and latest month a later income can start): three years."""

MAX_NAME_LENGTH = 40
"""Longest loan name: a platform's name with room to spare, short enough for a table column."""
MAX_LENDER_ID = 999_999
"""Largest number a lender is known by (it never changes while the case lives): far above
any list's history, and within every table's whole-number column."""

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
    # The real bill (optional): what the contract lent at the start and what was paid out.
    original_principal_yuan: float | None = Field(
        default=None,
        gt=0,
        le=MAX_MONEY_YUAN,
        allow_inf_nan=False,
        description="Principal the contract lent at the start (yuan), if known: a flat fee "
        "is charged on it, and the true cost is counted over the whole loan.",
    )
    received_yuan: float | None = Field(
        default=None,
        ge=0.01,
        le=MAX_MONEY_YUAN,
        allow_inf_nan=False,
        description="Money actually paid out to the borrower at the start (yuan), if less "
        "than the principal: fees deducted at payout (砍头息) lower the base of the true "
        "cost (PBOC Announcement 〔2021〕 No. 3).",
    )
    original_months: int | None = Field(
        default=None,
        ge=1,
        le=MAX_MONTHS,
        description="Installments of the whole loan when it was signed, if known.",
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
        self._check_start()
        # A missed installment carries a month's interest, or a month's flat fee on the
        # original principal.
        base = self.principal_yuan
        if self.method is Method.FLAT_FEE and self.original_principal_yuan is not None:
            base = self.original_principal_yuan
        most = self.principal_yuan + self.missed_installments * base * self.monthly_rate
        if self.overdue_amount_yuan > most + 0.005:
            raise validation_error("overdue_above_debt", most=round(most, 2))
        return self

    def _check_start(self) -> None:
        """The real bill agrees with the loan as it stands (amounts compared in fen)."""
        owed = yuan_to_fen(self.principal_yuan)
        original = self.original_principal_yuan
        # A fen of slack: a balance rounded by the lender may exceed it by that much.
        if original is not None and owed > yuan_to_fen(original) + 1:
            raise validation_error(
                "principal_above_original", principal=self.principal_yuan, original=original
            )
        if self.received_yuan is not None and self.deducted_fen < 0:
            if original is None:
                raise validation_error(
                    "received_above_principal",
                    received=self.received_yuan,
                    principal=self.principal_yuan,
                )
            raise validation_error(
                "received_above_original", received=self.received_yuan, original=original
            )
        if self.original_months is not None and self.remaining_months > self.original_months:
            raise validation_error(
                "months_above_original",
                months=self.remaining_months,
                original=self.original_months,
            )

    @property
    def received_fen(self) -> int:
        """The money paid out to the borrower at the start, in fen: as given, else the
        original principal (the principal owed when that is not given either)."""
        if self.received_yuan is not None:
            return yuan_to_fen(self.received_yuan)
        if self.original_principal_yuan is not None:
            return yuan_to_fen(self.original_principal_yuan)
        return yuan_to_fen(self.principal_yuan)

    @property
    def deducted_fen(self) -> int:
        """Taken off at payout (砍头息), in fen: the original principal minus the money received.

        The original principal is the principal owed when not given; nothing is deducted
        when the money received is not given.

        >>> Loan(principal_yuan=100_000, received_yuan=99_000).deducted_fen
        100000
        """
        if self.received_yuan is None:
            return 0
        start = self.principal_yuan
        if self.original_principal_yuan is not None:
            start = self.original_principal_yuan
        return yuan_to_fen(start) - self.received_fen

    @property
    def whole_loan(self) -> tuple[float, int] | None:
        """The loan when it was signed: its principal (yuan) and installments, if known.

        Both given, they are it. One not given is taken from the loan as it stands when
        the other says that nothing has been repaid yet (the original principal is the
        principal owed, or the original term the installments left); so with neither
        given, the loan as it stands is the whole loan. Otherwise (part-way through, one of
        them missing) it is not known: None.

        >>> Loan(principal_yuan=6_000, remaining_months=6, original_principal_yuan=12_000,
        ...      original_months=12).whole_loan
        (12000.0, 12)
        >>> Loan(principal_yuan=6_000, remaining_months=6, original_months=12).whole_loan
        """
        principal = self.original_principal_yuan
        months = self.original_months
        if principal is not None and months is not None:
            return principal, months
        untouched = principal is None or yuan_to_fen(principal) == yuan_to_fen(self.principal_yuan)
        if untouched and months in (None, self.remaining_months):
            return (principal or self.principal_yuan), self.remaining_months
        return None

    @property
    def flat_fee_base_unknown(self) -> bool:
        """A flat-fee loan whose fee base may be wrong: no original principal given, and
        nothing says that no installment has been paid (the fee is charged on the original
        principal, which part-way through is more than the principal owed).

        >>> Loan(method="flat_fee", rate_unit="flat_fee", rate=0.006).flat_fee_base_unknown
        True
        """
        return (
            self.method is Method.FLAT_FEE
            and self.original_principal_yuan is None
            and self.original_months != self.remaining_months
        )

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
    later_income_yuan: Money | None = Field(
        default=None,
        description="Monthly net income expected once things recover (yuan); None when the "
        "income now is what the borrower expects to keep.",
    )
    later_from_month: int = Field(
        default=6,
        ge=1,
        le=MAX_HOLIDAY_MONTHS,
        description="The first month (counted from signing) in which the later income arrives.",
    )

    @property
    def disposable_yuan(self) -> float:
        """Income minus essential expenses; negative when expenses exceed income."""
        return self.monthly_income_yuan - self.essential_expenses_yuan

    @property
    def later_disposable_yuan(self) -> float | None:
        """The later income minus essential expenses, or None when no later income is given."""
        if self.later_income_yuan is None:
            return None
        return self.later_income_yuan - self.essential_expenses_yuan


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
    holiday_months: int = Field(
        default=0, ge=0, le=MAX_HOLIDAY_MONTHS, description="Months with no installment."
    )
    holiday_interest_accrues: bool = True
    holiday_payment_yuan: Money = Field(
        default=0.0,
        description="A token paid in each holiday month to show good faith (yuan); it repays "
        "principal.",
    )
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


DEFAULT_AFFORDABLE_SHARE = 0.9
"""Plans are solved within nine tenths of the spare income: a plan that takes every last
yuan breaks at the first unexpected bill, and a broken plan is worse than none."""


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
        default=DEFAULT_AFFORDABLE_SHARE,
        description="Share of disposable income the borrower puts toward the debts; the rest "
        "is a margin kept for the unexpected (a tenth by default).",
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
    # Imported here: the overdue split and the plans are built on these models. One
    # definition of what is owed, the one every schedule and the ladder use.
    from core.overdue import overdue_position
    from core.plans import owed_after_waivers

    owed = owed_after_waivers(proposal, overdue_position(loan))
    if round(proposal.lump_sum_yuan * 100) > owed:
        raise validation_error("lump_sum_above_debt", debt=owed / 100)


class Case(_Frozen):
    """Everything the borrower entered: their budget, loans with proposals, assumptions."""

    borrower: Borrower = Borrower()
    loans: tuple[LoanCase, ...] = Field(default=(LoanCase(),), min_length=1, max_length=MAX_LOANS)
    assumptions: Assumptions = Assumptions()
